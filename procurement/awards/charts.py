"""Server-rendered bar charts: pure geometry for SVG templates (no JavaScript, no library).

Each chart comes with its rows so that the template prints the same numbers as a table, for
screen readers and for copying.
"""

from dataclasses import dataclass

PALETTE = ("c1", "c2", "c3", "c4", "c5", "c6")  # CSS classes in site.css


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    value: float
    x: float
    width: float
    css: str


@dataclass(frozen=True)
class BarRow:
    label: str
    total: float
    y: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class BarChart:
    rows: tuple[BarRow, ...]
    legend: tuple[tuple[str, str, str], ...]  # key, label, css class
    width: int
    height: int
    label_width: int
    bar_height: int
    percent: bool

    @property
    def value_x(self) -> int:
        return self.width - 4


def stacked_bars(
    rows: list[tuple[str, dict[str, float]]],
    legend: list[tuple[str, str]],
    *,
    percent: bool = False,
    width: int = 720,
    label_width: int = 220,
    bar_height: int = 20,
    gap: int = 8,
) -> BarChart:
    """Horizontal stacked bars, one per row; segments in legend order. With `percent`, each
    bar fills the width (shares); otherwise lengths are proportional to the largest total."""
    colours = {key: PALETTE[i % len(PALETTE)] for i, (key, _label) in enumerate(legend)}
    labels = dict(legend)
    largest = max((sum(values.values()) for _label, values in rows), default=0) or 1
    plot = width - label_width - value_room(largest)  # the total is written after the bar
    bars = []
    for index, (label, values) in enumerate(rows):
        total = sum(values.values())
        scale = plot / (total or 1) if percent else plot / largest
        x = float(label_width)
        segments = []
        for key, _label in legend:
            value = values.get(key, 0)
            if value:
                segments.append(Segment(key, labels[key], value, x, value * scale, colours[key]))
                x += value * scale
        bars.append(BarRow(label, total, index * (bar_height + gap), tuple(segments)))
    height = max(1, len(rows)) * (bar_height + gap)
    return BarChart(
        tuple(bars),
        tuple((key, label, colours[key]) for key, label in legend),
        width,
        height,
        label_width,
        bar_height,
        percent,
    )


def value_room(largest: float) -> int:
    """Pixels for the total written after a bar: about 7 per character of "1,234,567"."""
    return 16 + 7 * len(f"{largest:,.0f}")


def share(value: float, total: float) -> int:
    """A whole percentage; 0 of nothing is 0."""
    return round(100 * value / total) if total else 0
