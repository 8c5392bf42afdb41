"""Chart geometry is pure: bars proportional to their values, shares fill the width."""

from hypothesis import given
from hypothesis import strategies as st

from procurement.awards.charts import share, stacked_bars, value_room

LEGEND = [("a", "A"), ("b", "B")]


def test_bars_are_proportional_to_the_largest_total():
    chart = stacked_bars(
        [("2020", {"a": 10, "b": 30}), ("2021", {"a": 20})], LEGEND, width=420, label_width=50
    )
    plot = 420 - 50 - value_room(40)
    first, second = chart.rows
    assert [s.width for s in first.segments] == [plot * 10 / 40, plot * 30 / 40]
    assert first.segments[1].x == 50 + plot * 10 / 40  # stacked after the first segment
    assert second.total == 20 and second.segments[0].width == plot / 2
    assert second.y > first.y and chart.height >= second.y + chart.bar_height
    assert [css for _k, _l, css in chart.legend] == ["c1", "c2"]


def test_shares_fill_the_width_whatever_the_totals():
    chart = stacked_bars(
        [("RS", {"a": 1, "b": 3}), ("ME", {"a": 50})],
        LEGEND,
        percent=True,
        width=420,
        label_width=50,
    )
    for row in chart.rows:
        assert abs(sum(s.width for s in row.segments) - (420 - 50 - value_room(50))) < 1e-9


def test_room_for_the_total_grows_with_its_digits():
    assert value_room(150_000_000) > value_room(12) >= 16 + 7 * 2
    chart = stacked_bars([("Huawei", {"a": 150_000_000})], LEGEND, width=720, label_width=220)
    (segment,) = chart.rows[0].segments
    assert segment.x + segment.width + value_room(150_000_000) <= 720


def test_empty_chart_and_zero_values():
    assert stacked_bars([], LEGEND).rows == ()
    (row,) = stacked_bars([("x", {"a": 0, "b": 0})], LEGEND).rows
    assert row.segments == () and row.total == 0
    assert share(1, 0) == 0 and share(1, 3) == 33


@given(
    st.lists(
        st.tuples(st.text(max_size=5), st.integers(0, 10**9), st.integers(0, 10**9)), max_size=12
    )
)
def test_no_bar_is_wider_than_the_plot(rows):
    chart = stacked_bars([(label, {"a": a, "b": b}) for label, a, b in rows], LEGEND)
    largest = max((row.total for row in chart.rows), default=0) or 1
    plot = chart.width - chart.label_width - value_room(largest)
    for row in chart.rows:
        assert sum(s.width for s in row.segments) <= plot + 1e-6
