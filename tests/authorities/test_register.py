"""Reading a register file: the pure checks (no database)."""

import pytest

from procurement.authorities.register import (
    RegisterFileError,
    jurisdiction_code,
    read_register,
    script_of,
)

HEADER = (
    "name,other_script_name,aliases,kind,parent,registry_id,foi_email,postal_address,website,source"
)
SRC = "https://example.gov.rs/list"


def csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def test_a_good_row_is_read_with_its_names_once():
    rows, problems = read_register(
        csv(
            "Ministarstvo zdravlja,Министарство здравља,"
            "Ministry of Health|Ministry of Health| MoH ,"
            'ministry,,,Info@Zdravlje.gov.rs,"Nemanjina 22-26,  Beograd",'
            f"https://www.zdravlje.gov.rs,{SRC}"
        ),
        "RS",
    )
    assert problems == []
    [row] = rows
    assert row.line == 2 and row.jurisdiction == "RS"
    assert row.aliases == ("Ministry of Health", "MoH")
    assert row.names == (
        "Ministarstvo zdravlja",
        "Министарство здравља",
        "Ministry of Health",
        "MoH",
    )
    assert row.foi_email == "info@zdravlje.gov.rs"
    assert row.postal_address == "Nemanjina 22-26, Beograd"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (f",,,ministry,,,,,,{SRC}", "no name"),
        (f"X,,,bakery,,,,,,{SRC}", "unknown kind 'bakery'"),
        ("X,,,ministry,,,,,,", "no source"),
        ("X,,,ministry,,,,,,ftp://example.org/list", "source 'ftp://example.org/list' is not"),
        (f"X,,,ministry,,,,,not a site,{SRC}", "website 'not a site' is not"),
        (f"X,,,ministry,,,someone-at-example,,,{SRC}", "foi_email 'someone-at-example' is not"),
        (f"X,,,ministry,,12 34,,,,{SRC}", "registry_id '12 34'"),
        (f"X,,,ministry,X,,,,,{SRC}", "its parent is itself"),
        (f"X,,,ministry,,,,,,{SRC},extra", "more cells than the header"),
        ("X,,,ministry", "fewer cells than the header"),
        (f"{'N' * 301},,,ministry,,,,,,{SRC}", "name longer than 300"),
    ],
)
def test_a_row_that_cannot_be_used_is_reported_with_its_line_and_reason(row, reason):
    rows, problems = read_register(csv(f"Good,,,ministry,,,,,,{SRC}", row), "RS")
    assert [r.name for r in rows] == ["Good"]
    [problem] = problems
    assert problem.line == 3
    assert reason in problem.reason
    assert str(problem).startswith("line 3: ")


def test_the_same_name_twice_is_reported_once_folded():
    rows, problems = read_register(
        csv(f"Grad Niš,,,city,,,,,,{SRC}", f"ГРАД НИШ,,,city,,,,,,{SRC}"), "RS"
    )
    assert len(rows) == 1
    assert [(p.line, p.reason) for p in problems] == [(3, "same name as line 2")]


def test_a_quoted_cell_over_two_lines_keeps_the_line_numbers_right():
    rows, problems = read_register(
        csv(f'A,,,city,,,,"Street 1\nBeograd",,{SRC}', f"B,,,bakery,,,,,,{SRC}"), "RS"
    )
    assert rows[0].postal_address == "Street 1 Beograd"
    assert problems[0].line == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"name,kind,source\n", "no rows"),
        (b"name,kind,source\n\xff\xfe,city,x\n", "not UTF-8 text (line 2)"),
        (csv(f"X,,,city,,,,,,{SRC}", header=HEADER + ",fax"), "Unknown column(s) fax"),
        (b"name,kind\nX,city\n", "Missing column(s): source"),
        (b"name,kind,source,kind\nX,city,y,z\n", "appears twice"),
        (csv(f"X,,,city,,,,,,{SRC},BIH", header=HEADER + ",level"), "level column"),
    ],
)
def test_a_file_that_is_no_register_is_refused_whole(data, message):
    with pytest.raises(RegisterFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_register(data, "RS")


def test_a_byte_order_mark_and_padded_header_are_accepted():
    data = "\ufeff name , kind ,source\nX,city,https://a.example/\n".encode()
    rows, problems = read_register(data, "RS")
    assert [r.name for r in rows] == ["X"] and problems == []


def test_bosnia_and_herzegovina_rows_take_their_level():
    header = HEADER + ",level"
    data = csv(
        f"A,,,ministry,,,,,,{SRC},state",
        f"B,,,ministry,,,,,,{SRC},SRP",
        f"C,,,ministry,,,,,,{SRC},",
        f"D,,,ministry,,,,,,{SRC},RS",
        header=header,
    )
    rows, problems = read_register(data, "BA")
    assert [(r.name, r.jurisdiction) for r in rows] == [("A", "BA"), ("B", "BA-SRP")]
    assert [p.line for p in problems] == [4, 5]
    assert "no level" in problems[0].reason and "unknown level 'RS'" in problems[1].reason
    # --level SRP: rows of another level are refused, rows without one take it.
    rows, problems = read_register(data, jurisdiction_code("BA", "SRP"))
    assert [(r.name, r.jurisdiction) for r in rows] == [("B", "BA-SRP"), ("C", "BA-SRP")]
    assert "level state, but the file is loaded as BA-SRP" in problems[0].reason


def test_levels_exist_only_in_bosnia_and_herzegovina():
    assert jurisdiction_code("ba", "brc") == "BA-BRC"
    assert jurisdiction_code("BA-BIH", "BIH") == "BA-BIH"
    assert jurisdiction_code("rs", None) == "RS"
    with pytest.raises(RegisterFileError, match="does not apply to RS"):
        jurisdiction_code("RS", "SRP")
    with pytest.raises(RegisterFileError, match="contradicts"):
        jurisdiction_code("BA-BIH", "SRP")
    with pytest.raises(RegisterFileError, match="unknown level"):
        jurisdiction_code("BA", "canton")


def test_script_of_a_name():
    assert script_of("Министарство") == "cyrl"
    assert script_of("Ministarstvo") == "latn"
