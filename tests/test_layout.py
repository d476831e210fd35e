"""Word positions to cells and rows: the layout variants of DOMAIN.md, word by word."""

from __future__ import annotations

from ingest.pdftext import Page, Word
from parsers.layout import page_lines
from parsers.rows import build_rows

H = 10.0  # text height in points; a space is about 2.8 pt, a column gap far more


def _words(y: float, *items: tuple[str, float]) -> list[Word]:
    """(text, x0) pairs; widths from a 5 pt average character."""
    return [Word(t, x, x + 5 * len(t), y, y + H) for t, x in items]


def _lines(*rows: list[Word]):
    return page_lines(Page(1, 595, 842, [w for r in rows for w in r]))


def test_note_number_glued_to_amounts_is_told_apart_by_position():
    # "Verksamhetens intäkter 2 8 319 334 7 900 100": note column, then two year columns.
    row = _words(100, ("Verksamhetens", 50), ("intäkter", 120), ("2", 300),
                 ("8", 350), ("319", 358), ("334", 376), ("7", 440), ("900", 448), ("100", 466))
    (line,) = _lines(row)
    assert line.label == "Verksamhetens intäkter"
    assert [c.value for c in line.cells] == [2, 8_319_334, 7_900_100]


def test_detached_minus_and_parentheses():
    row = _words(100, ("Resultat", 50), ("-", 340), ("2", 347), ("011", 355), ("200", 373),
                 ("(1", 440), ("234)", 453))
    (line,) = _lines(row)
    assert [c.value for c in line.cells] == [-2_011_200, -1_234]


def test_three_digit_groups_of_two_columns_are_not_joined():
    # "174 436 175 657": the gap between the columns decides, not the digits.
    row = _words(100, ("Driftbidrag", 50), ("174", 350), ("436", 368), ("175", 440),
                 ("657", 458))
    (line,) = _lines(row)
    assert [c.value for c in line.cells] == [174_436, 175_657]


def test_label_on_one_line_amounts_on_the_next():
    lines = _lines(_words(100, ("Kassaflöde", 50), ("från", 105), ("den", 130),
                          ("löpande", 150), ("verksamheten", 190)),
                   _words(114, ("-896", 340), ("838", 363), ("-1", 430), ("909", 443),
                          ("776", 461)))
    (row,) = build_rows(lines)
    assert row.label == "Kassaflöde från den löpande verksamheten"
    assert [c.value for c in row.cells] == [-896_838, -1_909_776]


def test_wrapped_label_continues_in_lower_case():
    lines = _lines(_words(100, ("Ökning(-)/minskning(+)", 50), ("kortfristiga", 170)),
                   _words(114, ("fordringar", 50), ("183", 350), ("047", 368)))
    (row,) = build_rows(lines)
    assert row.label == "Ökning(-)/minskning(+) kortfristiga fordringar"
    assert [c.value for c in row.cells] == [183_047]
