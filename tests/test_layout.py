"""Word positions to cells and rows: the layout variants of DOMAIN.md, word by word."""

from __future__ import annotations

from dataclasses import replace

from ingest.pdftext import Page, Word
from parsers.layout import make_cell, page_lines
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


def test_a_label_wrapped_inside_its_parentheses_continues_on_the_next_line():
    # "Årets resultat (överskott" / "+/underskott -)   −616 000": the open parenthesis says
    # the label goes on, whatever the next line begins with.
    lines = _lines(_words(100, ("Årets", 50), ("resultat", 80), ("(överskott", 125)),
                   _words(114, ("+/underskott", 50), ("-)", 120), ("−616", 340), ("000", 363)))
    (row,) = build_rows(lines)
    assert row.label == "Årets resultat (överskott +/underskott -)"
    assert [c.value for c in row.cells] == [-616_000]


def test_a_closed_label_is_no_wrap_of_the_next_row():
    # A group heading without amounts, then a row that opens with a sign legend.
    lines = _lines(_words(100, ("Förändring", 50), ("av", 105), ("rörelsekapital", 120)),
                   _words(114, ("–", 50), ("Ökning/+minskning", 58), ("fordringar", 150),
                          ("183", 350), ("047", 368)))
    assert [r.label for r in build_rows(lines)] == ["Förändring av rörelsekapital",
                                                     "– Ökning/+minskning fordringar"]


def test_a_wrapped_label_leaves_out_what_stands_in_the_amount_columns():
    # A scan's ruling line over the first line, read as "Sera! NERE" in the columns.
    lines = _lines(_words(100, ("Ökning(-)/minskning(+)", 50), ("Sera!", 399), ("NERE", 477)),
                   _words(114, ("kortfristiga", 50), ("fordringar", 115), ("334", 408),
                          ("800", 426), ("-138", 485), ("820", 508)))
    (row,) = build_rows(lines)
    assert row.label == "Ökning(-)/minskning(+) kortfristiga fordringar"
    assert [c.value for c in row.cells] == [334_800, -138_820]


# Narrow columns (a five-year overview): numbers stay whole whatever the spacing.
GROUP_SPACE = 7.0  # a wide grouping space (0.7 text heights): wider than GROUP_GAP
EDGES = (300, 360, 420, 480, 540)


def _number(y: float, text: str, right: float, space: float = GROUP_SPACE) -> list[Word]:
    """A number right-aligned at ``right``, its digit groups ``space`` points apart."""
    words, x = [], right
    for group in reversed(text.split()):
        words.insert(0, Word(group, x - 5 * len(group), x, y, y + H))
        x -= 5 * len(group) + space
    return words


def _overview_row(y: float, label: str, *values: str, space: float = GROUP_SPACE) -> list[Word]:
    row = _words(y, *[(w, 50 + 60 * i) for i, w in enumerate(label.split())])
    for text, right in zip(values, EDGES, strict=True):
        row += _number(y, text, right, space)
    return row


def _overview_table(*rows: list[Word]):
    from core.lexicon import load_lexicon
    from parsers.tables import parse_table
    header = [Word(str(year), edge - 20, edge, 70, 70 + H)
              for year, edge in zip(range(2024, 2019, -1), EDGES, strict=True)]
    lines = _lines(_words(50, ("Fem", 50), ("år", 70), ("i", 85), ("sammandrag", 95)), header,
                   *rows)
    return parse_table(lines, load_lexicon(), 2024)


def test_wide_grouping_spaces_in_narrow_columns_keep_numbers_whole():
    table = _overview_table(
        _overview_row(100, "Intäkter", "17 607 130", "5 236", "16 189 674", "15 002 311",
                      "14 870 005"),
        _overview_row(114, "Kostnader", "17 100 220", "16 001 004", "5 240", "14 998 100",
                      "14 877 310"),
        _overview_row(128, "Anställda", "3", "3", "2", "2", "2"))
    got = [[(a.column, a.period_year, a.value) for a in r.amounts] for r in table.rows
           if r.amounts]
    assert [[v for *_, v in row] for row in got] == [
        [17_607_130, 5_236, 16_189_674, 15_002_311, 14_870_005],
        [17_100_220, 16_001_004, 5_240, 14_998_100, 14_877_310],
        [3, 3, 2, 2, 2]]
    assert [(c, y) for c, y, _ in got[0]] == [("current", 2024), ("previous", 2023),
                                             ("year", 2022), ("year", 2021), ("year", 2020)]


def test_a_speck_among_an_overviews_year_headings_is_no_column():
    """Variety-191's five-year overview (set QT, ruled and narrow, hard scan): OCR read a
    speck between two year headings as "5", one point wide. The heading line was no longer
    years only: it became a row, and the table's five columns two, keyed this year and
    last (wrong, doubtful). A one-digit cell too narrow for a digit's glyph is dust."""
    from core.lexicon import load_lexicon
    from parsers.tables import parse_table
    scanned = [replace(w, confidence=0.95) for w in
               [Word(str(year), edge - 20, edge, 70, 70 + H)
                for year, edge in zip(range(2024, 2019, -1), EDGES, strict=True)]]
    speck = Word("5", 388, 389, 70, 70 + H, confidence=0.95)
    rows = [[replace(w, confidence=0.95) for w in row] for row in (
        _overview_row(100, "Intäkter", "17 607 130", "5 236", "16 189 674", "15 002 311",
                      "14 870 005"),
        _overview_row(114, "Kostnader", "17 100 220", "16 001 004", "5 240", "14 998 100",
                      "14 877 310"))]
    for heading in (scanned, [*scanned, speck]):
        lines = _lines(_words(50, ("Fem", 50), ("år", 70), ("i", 85), ("sammandrag", 95)),
                       heading, *rows)
        table = parse_table(lines, load_lexicon(), 2024)
        got = [[(a.column, a.period_year, a.value) for a in r.amounts] for r in table.rows
               if r.amounts]
        assert [(c, y) for c, y, _ in got[0]] == [("current", 2024), ("previous", 2023),
                                                 ("year", 2022), ("year", 2021), ("year", 2020)]
        assert [v for *_, v in got[1]] == [17_100_220, 16_001_004, 5_240, 14_998_100, 14_877_310]
    # A digit as wide as its glyph is no speck
    from parsers.rows import is_speck_cell
    assert is_speck_cell(make_cell([speck]))
    assert not is_speck_cell(make_cell([replace(speck, x1=394)]))
    assert not is_speck_cell(make_cell([replace(speck, confidence=1.0)]))  # born-digital


def test_without_year_headings_the_shared_right_edges_decide():
    rows = [_overview_row(100, "Intäkter", "17 607 130", "5 236", "16 189 674", "1 002 311",
                          "870 005"),
            _overview_row(114, "Kostnader", "17 100 220", "6 001 004", "5 240", "998 100",
                          "4 877 310")]
    lines = _lines(*rows)
    from parsers.columns import column_edges, mend_numbers
    cells = [ln.cells for ln in lines]
    assert len(cells[0]) > 5  # the wide spaces cut the numbers apart
    edges = column_edges(cells, [], H)
    assert [round(e) for e in edges] == list(EDGES)
    assert [[c.value for c in mend_numbers(row, edges, H)] for row in cells] == [
        [17_607_130, 5_236, 16_189_674, 1_002_311, 870_005],
        [17_100_220, 6_001_004, 5_240, 998_100, 4_877_310]]


def test_columns_that_touch_are_cut_at_their_edges():
    # "5 236" ends at one column's edge and "130 000" starts a normal space after it: the
    # words run together into one valid-looking amount, "5 236 130 000".
    from parsers.columns import mend_numbers
    row = _words(100, ("Bidrag", 50)) + _number(100, "5 236", 300, 3.0) + \
        _number(100, "130 000", 336, 3.0)
    (line,) = _lines(row)
    assert [c.value for c in line.cells] == [5_236_130_000]
    assert [c.value for c in mend_numbers(line.cells, [300.0, 336.0], H)] == [5_236, 130_000]


def test_a_note_column_beside_amounts_is_no_split_number():
    # Note numbers flush under "Not", three-digit amounts close by: never joined.
    from parsers.columns import column_edges, mend_numbers
    rows = [_words(100 + 14 * i, ("Rad", 50)) + _number(100 + 14 * i, note, 245)
            + _number(100 + 14 * i, amount, 273, 3.0)
            for i, (note, amount) in enumerate([("2", "236"), ("", "5 100"), ("4", "412")])]
    cells = [ln.cells for ln in _lines(*rows)]
    assert [[c.value for c in row] for row in cells] == [[2, 236], [5_100], [4, 412]]
    header = [Word("Not", 230, 245, 80, 80 + H)]
    edges = column_edges(cells, header, H)
    assert [[c.value for c in mend_numbers(row, edges, H)] for row in cells] == [
        [2, 236], [5_100], [4, 412]]
    # Without the heading the same geometry reads as split numbers: the heading decides.
    assert [c.value for c in mend_numbers(cells[0], column_edges(cells, [], H), H)] == [2_236]


def test_words_boxed_tall_on_a_skewed_scan_do_not_glue_a_heading_to_its_row():
    # A form scanned askew: "20 kvinnor och 17 män" rises to the right and OCR boxes it
    # 15 pt tall; its top reaches the heading "Deltagare" above. The words stay on the row
    # whose middle they share, the heading on its own line.
    heading = Word("Deltagare", 54, 106, 121, 129)
    row = [Word(t, x0, x1, top, bottom) for t, x0, x1, top, bottom in (
        ("Deltagare", 54, 100, 134, 144), ("under", 104, 132, 134, 144),
        ("året", 135, 154, 134, 143), ("37", 287, 297, 134, 142), ("20", 316, 328, 129, 143),
        ("kvinnor", 331, 367, 129, 143), ("och", 370, 386, 128, 143), ("17", 390, 401, 128, 142),
        ("män", 405, 425, 128, 142))]
    found = page_lines(Page(7, 595, 842, [heading, *row]))
    assert [ln.text for ln in found] == [
        "Deltagare", "Deltagare under året 37 20 kvinnor och 17 män"]


def test_short_words_of_a_large_heading_on_a_scan_are_no_smears():
    # A 200 dpi scan: the heading "Fem år i sammandrag" is set 15 pt tall over 8 pt text.
    # Its short words are taller than a smear's limit, but stand over no rows of text: they
    # stay (the five-year overview is found by its heading). A smear of a column's figures
    # read as one tall word over three rows goes.
    heading = [Word(t, x0, x1, 211, 226) for t, x0, x1 in (
        ("Fem", 57, 84), ("år", 89, 103), ("i", 108, 111), ("sammandrag", 116, 203))]
    body = [Word(t, x0, x0 + 5 * len(t), top, top + 8) for t, x0, top in (
        ("2021", 223, 241), ("2020", 300, 241), ("Intäkter", 57, 256), ("23", 223, 256),
        ("Kostnader", 57, 271), ("22", 223, 271), ("Resultat", 57, 286), ("1", 223, 286))]
    smear = Word("0N0", 400, 410, 254, 295)
    page = Page(2, 595, 842, [*heading, *body, smear], source="ocr")
    texts = [ln.text for ln in page_lines(page)]
    assert texts[0] == "Fem år i sammandrag"
    assert not any("0N0" in t for t in texts)


def test_two_rows_both_boxed_tall_stay_two_rows():
    # A 200 dpi scan: a ruling line's "|" in each row made OCR box two note rows 17-18 pt tall
    # over 8 pt text; their boxes overlap, their middles stand a line (15 pt) apart.
    rows = [Word(t, x0, x1, top, bottom) for t, x0, x1, top, bottom in (
        ("Bidrag", 57, 86, 301.2, 309.5), ("5025640", 427, 475, 301.2, 309.5),
        ("Driftbidrag", 57, 107, 309.5, 327.5), ("Sydkust", 169, 206, 309.5, 327.5),
        ("2512820", 418, 475, 309.5, 327.5), ("Driftbidrag", 57, 107, 325.0, 341.9),
        ("Ljungå", 133, 164, 325.0, 341.9), ("1378166", 427, 475, 325.0, 341.9),
        ("Driftbidrag", 57, 107, 346.3, 355.0), ("kommun", 179, 219, 346.3, 355.0),
        ("1134654", 427, 475, 346.3, 355.0))]
    others = [Word(t, x0, x0 + 40, top, top + 8.3) for t, x0, top in (
        ("Not", 57, 267), ("1", 80, 267), ("Verksamhetens", 90, 267), ("intäkter", 160, 267),
        ("2025", 451, 285), ("2024", 517, 285), ("Övriga", 57, 361), ("intäkter", 100, 361),
        ("172807", 427, 361), ("126361", 493, 361))]
    texts = [ln.text for ln in page_lines(Page(5, 595, 842, [*others, *rows], source="ocr"))]
    assert texts[2:6] == ["Bidrag 5025640", "Driftbidrag Sydkust 2512820",
                          "Driftbidrag Ljungå 1378166", "Driftbidrag kommun 1134654"]


def test_dated_column_headings_of_a_scan_are_no_misread_amounts():
    # "Belopp i kr  Not  2025-12-31  2024-12-31" over a scanned balance sheet: its dates stand
    # in the amount columns, but the line is the columns' heading, not a row whose figures
    # OCR read as words (taken so, the headings were lost and the columns ran together).
    from parsers.gaps import misread_words
    head = _words(280, ("Belopp", 57), ("i", 89), ("kr", 94), ("Not", 395), ("2025-12-31", 426),
                  ("2024-12-31", 486))
    rows = [_words(y, (label, 69), ("270", 441), ("145", 463), ("216", 502), ("745", 523))
            for y, label in ((331, "Kortfr."), (345, "Kassa"), (360, "Summa"), (375, "Summa"))]
    found = _lines(head, *rows)
    assert found[0].text.startswith("Belopp")
    assert all(m.line_index != 0 for m in misread_words(found))


def test_colon_ocr_glued_to_a_note_rows_label_is_no_part_of_it():
    # "Fordran moms:  92  165" on a hard scan: a speck read as a colon after the label.
    from core.lexicon import load_lexicon
    from parsers.tables import parse_table
    rows = [_words(83, ("2017", 457), ("2016", 517)),
            [Word("Fordran", 57, 90, 97, 105, confidence=0.9),
             Word("moms:", 94, 122, 97, 105, confidence=0.63),
             Word("92", 462, 474, 97, 105, confidence=0.9), Word("165", 523, 540, 97, 105, confidence=0.9)],
            _words(112, ("Kundfordringar", 57), ("94", 462), ("139", 523))]
    heading = _words(61, ("Not", 57), ("3:", 75), ("Korta", 90), ("fordringar", 120))
    table = parse_table(_lines(heading, *rows), load_lexicon(), 2017)
    assert [r.label for r in table.rows if r.amounts] == ["Fordran moms", "Kundfordringar"]


def test_a_garbled_dated_heading_is_no_misread_row():
    # "Not  2015-12-31  2014-12-31" read as "fee ee Not 2025-9988 20a" on a hard scan.
    from parsers.gaps import misread_words
    head = _words(141, ("fee", 229), ("ee", 276), ("Not", 320), ("2025-9988", 383), ("20a", 511))
    rows = [_words(y, (label, 57), ("6865", 380), ("6865", 445), ("6609", 511))
            for y, label in ((160, "Intäkter"), (175, "Kostnader"), (190, "Resultat"), (205, "Fin."))]
    found = _lines(head, *rows)
    assert all(m.line_index != 0 for m in misread_words(found))


def test_a_word_ocr_boxed_over_the_next_words_is_no_ruling_line():
    # OCR boxed "Fem" from the margin (22.7) over "år" (88.6): 84 pt wide for three letters,
    # wider than letters can be, but words start inside it: a word, not a ruling line.
    heading = [Word(t, x0, x1, 198.9, 210.4) for t, x0, x1 in (
        ("Fem", 22.7, 106.2), ("år", 88.6, 103.7), ("i", 110.9, 116.6), ("sammandrag", 123.1, 216.4))]
    body = [Word(t, 57, 57 + 5 * len(t), top, top + 10) for t, top in (
        ("Verksamhetens", 245), ("Finansnetto", 289), ("Belopp", 226), ("Årets", 304))]
    rule = Word("eee", 300, 390, 260, 270)
    texts = [ln.text for ln in page_lines(Page(2, 595, 842, [*heading, *body, rule], source="ocr"))]
    assert texts[0] == "Fem år i sammandrag"
    assert not any("eee" in t for t in texts)


def test_letters_ocr_read_inside_a_figure_leave_it_doubtful():
    # "1 172 798" read as "112108" with "Ti" boxed inside it: the row keeps its figures, the
    # damaged one doubtful (to be read again), not a label ending in "112108 Ti".
    row = [Word(t, x0, x1, 620, 630, confidence=0.95) for t, x0, x1 in (
        ("Arbetsgivaravgifter", 66, 158), ("555", 412, 429), ("743", 433, 450),
        ("112108", 493, 553), ("Ti", 501, 509))]
    (line,) = page_lines(Page(5, 595, 842, row, source="ocr"))
    assert line.label == "Arbetsgivaravgifter"
    assert [c.value for c in line.cells] == [555743, 112108]
    assert line.cells[1].confidence == 0 < line.cells[0].confidence


def test_rows_of_a_page_boxed_tall_and_askew_stay_apart():
    # A hard scan left askew: every word boxed 13-14 pt tall at a 15 pt row pitch, the
    # figures rising to the right. Each row's label keeps its own figures.
    rows = [Word(t, x0, x1, top, bottom, confidence=0.95) for t, x0, x1, top, bottom in (
        ("Verksamhetens", 52.8, 126.4, 128.9, 142.8), ("intäkter", 130.6, 166.7, 128.4, 141.8),
        ("1", 394.8, 398.9, 125.6, 138.7), ("19596", 419.7, 450.8, 125.0, 138.4),
        ("19596", 462.9, 493.2, 124.5, 137.8), ("19490", 505.7, 536.5, 124.0, 137.3),
        ("Kostnader", 53.5, 101.2, 144.4, 158.3), ("2", 394.8, 399.3, 140.5, 153.9),
        ("19144", 420.0, 450.8, 139.9, 153.6), ("18882", 463.2, 493.2, 139.3, 153.0),
        ("20542", 505.7, 536.5, 138.7, 152.5), ("Resultat", 53.5, 97.9, 159.1, 172.6),
        ("452", 431.5, 450.4, 154.9, 168.1), ("714", 475.1, 493.6, 154.4, 167.6),
        ("(1052)", 501.0, 536.4, 153.9, 167.3))]
    texts = [ln.text for ln in page_lines(Page(5, 595, 842, rows, source="ocr"))]
    assert texts == ["Verksamhetens intäkter 1 19596 19596 19490", "Kostnader 2 19144 18882 20542",
                     "Resultat 452 714 (1052)"]


def test_marks_alone_where_a_scan_lost_a_rows_label_are_no_label():
    # "; 15 653 17 095": the note's total, its "Summa" lost to a speck read as ";".
    from core.lexicon import load_lexicon
    from parsers.tables import parse_table
    heading = _words(61, ("Not", 57), ("2:", 75), ("Verksamhetens", 90), ("kostnader", 160))
    rows = [_words(83, ("2019", 457), ("2018", 517)),
            _words(100, ("Lokalhyra", 67), ("13", 460), ("132", 473), ("14", 520), ("530", 533)),
            _words(115, ("Lön", 67), ("2", 465), ("521", 473), ("2", 525), ("565", 533)),
            [Word(";", 105, 107, 130, 140, confidence=0.9)]
            + _words(130, ("15", 460), ("653", 473), ("17", 520), ("095", 533))]
    table = parse_table(_lines(heading, *rows), load_lexicon(), 2019)
    assert [r.label for r in table.rows if r.amounts] == ["Lokalhyra", "Lön", ""]


def test_a_notes_total_label_ocr_split_and_misread_is_its_total():
    # "Summa 479 645 113 940" read as "Sum na ..." on a hard scan: the note's total, less sure.
    from core.lexicon import load_lexicon
    from parsers.notes import parse_note
    from parsers.sections import Section
    ocr = [[replace(w, confidence=0.95) for w in ws] for ws in (
        _words(62, ("Not", 60), ("3", 80), ("Kortfristiga", 90), ("fordringar", 160)),
        _words(86, ("2025", 447), ("2024", 510)),
        _words(100, ("Fordran", 59), ("moms", 100), ("173", 440), ("189", 460), ("33", 512), ("103", 525)),
        _words(112, ("Kundfordringar", 59), ("305", 440), ("456", 460), ("80", 512), ("837", 525)),
        _words(139, ("Sum", 59), ("na", 80), ("479", 440), ("645", 460), ("113", 507), ("940", 525)))]
    found = _lines(*ocr)
    note = parse_note(Section("note", found[0].text, found, 3, "Kortfristiga fordringar"),
                      load_lexicon(), 2025)
    total = [r for r in note.rows if r.row_type == "total"]
    assert [a.value for a in total[0].amounts] == [479645, 113940]
    assert all(a.confidence <= 0.9 for a in total[0].amounts)


def test_a_scanned_note_items_label_ocr_garbled_leaves_its_figures_doubtful():
    # A hard scan's note item whose label no re-read could spell: "am" (Sammanträdesarvoden,
    # a line through it), "Av rä kn ing sociala avgifter" (a word torn into pieces). A note
    # item's label is its key: its figures, read well, were stored at 0.95 under a key the
    # report never printed. Labels of known words, or with a short word labels print ("i",
    # "av"), and a born-digital label keep their confidence.
    from core.lexicon import load_lexicon
    from core.settings import DIGITAL
    from parsers.notes import parse_note
    from parsers.sections import Section

    def ocr(y: float, *items: tuple[str, float]) -> list[Word]:
        return [replace(w, confidence=0.95) for w in _words(y, *items)]
    found = _lines(
        _words(62, ("Not", 60), ("3", 80), ("Verksamhetens", 90), ("kostnader", 160)),
        _words(86, ("2017", 447), ("2016", 510)),
        ocr(100, ("am", 59), ("532", 447), ("498", 510)),
        ocr(112, ("Av", 59), ("rä", 75), ("kn", 88), ("ing", 100), ("sociala", 120),
            ("avgifter", 160), ("726", 447), ("690", 510)),
        ocr(124, ("Kostnader", 59), ("i", 110), ("insatser", 120), ("812", 447), ("903", 510)),
        _words(136, ("Lokalhyra", 59), ("101", 447), ("99", 512)))
    note = parse_note(Section("note", found[0].text, found, 3, "Verksamhetens kostnader"),
                      load_lexicon(), 2017)
    got = {r.label: {a.confidence for a in r.amounts} for r in note.rows}
    doubt = DIGITAL.confidence.garbled_item_label
    assert doubt < DIGITAL.checks.uncertain_below
    assert got == {"am": {doubt}, "Av rä kn ing sociala avgifter": {doubt},
                   "Kostnader i insatser": {0.95}, "Lokalhyra": {1.0}}


def test_rule_marks_at_an_ocr_labels_ends_are_no_part_of_it():
    # A hard scan's ruling line or specks read as marks at a note row's label's ends
    # ("- Arbetsgivaravgifter", "Lön tjänstemän =", "Övriga intäkter-"): the row's label,
    # the key of a note's item, was stored with them. A suspended compound inside a label
    # ("Kurs- och konferensavgifter") and a born-digital label keep theirs.
    from core.lexicon import load_lexicon
    from parsers.tables import parse_table

    def ocr(y: float, *items: tuple[str, float]) -> list[Word]:
        return [replace(w, confidence=0.95) for w in _words(y, *items)]
    heading = _words(61, ("Not", 57), ("2:", 75), ("Verksamhetens", 90), ("kostnader", 160))
    rows = [_words(83, ("2019", 457), ("2018", 517)),
            ocr(100, ("-", 50), ("Arbetsgivaravgifter", 57), ("725", 462), ("604", 523)),
            ocr(115, ("Lön", 57), ("tjänstemän", 75), ("=", 140), ("797", 462), ("202", 523)),
            ocr(130, ("Övriga", 57), ("intäkter-", 90), ("124", 462), ("174", 523)),
            ocr(145, ("Kurs-", 57), ("och", 85), ("konferensavgifter", 105), ("12", 467), ("11", 528)),
            _words(160, ("Avgifter", 57), ("(+/-)", 105), ("=", 140), ("13", 467), ("14", 528)),
            # A speck before a hard serif scan's label read as an opening quote no mark
            # closes; a quoted name keeps its pair.
            ocr(175, ("‘Dataprogram", 55), ("och", 122), ("licenser————", 144), ("—", 212),
                ("975", 462), ("648", 523)),
            ocr(190, ("Projekt", 57), ("”Steget”", 95), ("21", 467), ("22", 528))]
    table = parse_table(_lines(heading, *rows), load_lexicon(), 2019)
    assert [r.label for r in table.rows if r.amounts] == [
        "Arbetsgivaravgifter", "Lön tjänstemän", "Övriga intäkter", "Kurs- och konferensavgifter",
        "Avgifter (+/-) =", "Dataprogram och licenser", "Projekt ”Steget”"]


def test_a_sign_word_at_an_ocr_labels_end_is_kept_whole():
    # "Förändring av likvida medel +/-" read by OCR: the label's last word is a printed sign
    # legend, no rule mark; its "-" was cut ("... medel +/" stored).
    from core.lexicon import load_lexicon
    from parsers.tables import parse_table

    heading = _words(61, ("Not", 57), ("4:", 75), ("Likvida", 90), ("medel", 130))
    rows = [_words(83, ("2019", 457), ("2018", 517)),
            [replace(w, confidence=0.95) for w in _words(
                100, ("Förändring", 57), ("likvida", 110), ("medel", 150), ("+/-", 185),
                ("725", 462), ("604", 523))]]
    table = parse_table(_lines(heading, *rows), load_lexicon(), 2019)
    assert [r.label for r in table.rows if r.amounts] == ["Förändring likvida medel +/-"]
    # Nor is a comparison that opens or closes a label ("< 1 år", "Löptid > 5 år").
    rows = [rows[0], *([replace(w, confidence=0.95) for w in _words(y, *items, ("12", 462), ("11", 523))]
                       for y, items in ((100, (("<", 57), ("1", 66), ("år", 75))),
                                        (115, (("Löptid", 57), (">", 92), ("5", 101), ("år", 110)))))]
    table = parse_table(_lines(heading, *rows), load_lexicon(), 2019)
    assert [r.label for r in table.rows if r.amounts] == ["< 1 år", "Löptid > 5 år"]


def test_a_figure_read_as_two_marks_boxed_over_each_other_past_its_column_is_misread():
    # "SUMMA deltagare 138 76 75" on a hard 200 dpi scan: "75" read as "TÅ" and "Fe", the
    # second boxed under the first and running past the column's edge. Taken as label
    # words, they made the figures before them words too: the row had no cells. They are
    # one misread figure of the last column (a doubtful cell for the re-read), and the
    # figures before them the row's cells.
    from parsers.gaps import misread_words
    from repair.cells import take_misread_words
    rows = [[Word(t, x0, x1, top, top + 9.5, confidence=0.95) for t, x0, x1 in (
        (label, 55, 107), ("46", 237, 249), ("27", 299, 310), ("30", 361, 373))]
        for top, label in ((140, "Mötesplatsen"), (155, "Vindrosen"), (170, "Vägvisaren"))]
    total = [Word(t, x0, x1, 186.3, 195.7, confidence=0.95) for t, x0, x1 in (
        ("SUMMA", 55.4, 90.7), ("deltagare", 94.0, 139.3), ("138", 231.5, 249.1),
        ("76", 296.3, 311.0), ("TÅ", 361.4, 369.0), ("Fe", 367.2, 384.8))]
    found = page_lines(Page(3, 595, 842, [w for r in [*rows, total] for w in r], source="ocr"))
    assert [(m.line_index, m.keep) for m in misread_words(found)] == [(3, 2)]
    line = take_misread_words(found, {3})[3]
    assert line.label == "SUMMA deltagare"
    assert [c.value for c in line.cells] == [138, 76, None]
    assert line.cells[2].confidence == 0  # doubtful: read again from the image


def test_a_figure_read_as_a_word_where_the_row_lost_its_first_figure_is_misread():
    # "Driftbidrag från Granliden kommun  Loni.  1 300" (serif hard scan of a note): this
    # year's "1557" read as a word of letters, longer than a smudge, standing in the first
    # column with its right edge at the column's; last year's figure read. The word stayed
    # the label's end: the row's label was no label of the report and both figures lost.
    # It is a misread figure (a doubtful cell for the re-read). A label word that runs to
    # the columns' edge from the label's side, over no column's span, stays the label's.
    from dataclasses import replace

    from core.lexicon import load_lexicon
    from parsers.gaps import misread_words
    from repair.cells import take_misread_words
    rows = [[Word(t, x0, x1, top, top + 9, confidence=0.95) for t, x0, x1 in (
        (label, 57, 130), (a, 472, 498), (b, 514, 540))]
        for top, label, a, b in ((300, "Försäkringskassan", "8883", "8680"),
                                 (315, "Inlandet", "4442", "4340"),
                                 (345, "Fjällhed", "1930", "2076"), (375, "Övriga", "141", "29"))]
    lost = [Word(t, x0, x1, 360, 369, confidence=0.95) for t, x0, x1 in (
        ("Driftbidrag", 57, 109), ("från", 113, 132), ("Granliden", 136, 183), ("kommun", 187, 228),
        ("Loni.", 472, 497.5), ("1", 514, 518), ("300", 523, 540))]
    long_label = [Word(t, x0, x1, 330, 339, confidence=0.95) for t, x0, x1 in (
        ("Bidrag", 57, 90), ("för", 93, 110), ("samverkansprojektet", 113, 460), ("963", 523, 540))]
    found = page_lines(Page(5, 595, 842, [w for r in [*rows[:2], long_label, rows[2], lost, rows[3]]
                                          for w in r], source="ocr"))
    vocabulary = load_lexicon().vocabulary
    assert [(m.line_index, m.keep) for m in misread_words(found, vocabulary)] == [(4, 4)]
    line = take_misread_words(found, {5}, vocabulary)[4]
    assert line.label == "Driftbidrag från Granliden kommun"
    assert [c.value for c in line.cells] == [None, 1300]
    assert line.cells[0].confidence == 0  # doubtful: read again from the image
    # A word of the vocabulary set out to the column's edge is the label's last word.
    worded = [replace(w, text="skulder") if w.text == "Loni." else w for w in lost]
    found = page_lines(Page(5, 595, 842, [w for r in [*rows[:2], long_label, rows[2], worded, rows[3]]
                                          for w in r], source="ocr"))
    assert take_misread_words(found, {5}, vocabulary)[4].label == "Driftbidrag från Granliden kommun skulder"


def test_a_note_number_a_line_glued_to_the_figure_after_it_is_the_rows_note():
    # "Kortfristiga skulder  4—3382—  — 1549" (hard 200 dpi scan of a balance sheet: a
    # streak through the row, the note's "4" and the figure "3 382" read as one word with
    # the line's marks). The word stayed the label's: the row lost this year's figure. It
    # is the row's note and its first figure, doubtful (read through a line); a word of
    # digits and marks wholly in a column is no note glued to a figure.
    from parsers.gaps import misread_words
    from repair.cells import take_misread_words
    rows = [[Word(t, x0, x1, top, top + 9, confidence=0.95) for t, x0, x1 in (
        (label, 69, 120), (a, 451, 480), (b, 511, 540))]
        for top, label, a, b in ((389, "Kassa", "5 069", "3 532"), (452, "Eget", "2 368", "3278"),
                                 (482, "Summa", "1796", "2 368"))]
    ruled = [Word(t, x0, x1, 511, 520, confidence=0.95) for t, x0, x1 in (
        ("Kortfristiga", 69, 120), ("skulder", 124, 159), ("4—3382—", 431, 480), ("1549", 514, 540))]
    found = page_lines(Page(4, 595, 842, [w for r in [*rows, ruled] for w in r], source="ocr"))
    assert [(m.line_index, m.keep) for m in misread_words(found)] == [(3, 2)]
    line = take_misread_words(found, {4})[3]
    assert line.label == "Kortfristiga skulder"
    assert [c.value for c in line.cells] == [4, 3382, 1549]
    assert line.cells[0].x1 < 451 and line.cells[1].confidence < 0.95
    inside = [w if w.text != "4—3382—" else Word("1—382", 455, 480, 511, 520, confidence=0.95)
              for w in ruled]
    found = page_lines(Page(4, 595, 842, [w for r in [*rows, inside] for w in r], source="ocr"))
    assert 4 not in [c.value for c in take_misread_words(found, {4})[3].cells]
    # Nor one figure whose grouping space OCR read as a hyphen, or as a line's mark, however
    # far left it begins ("14-382", "14—382" for "14 382").
    from parsers.gaps import glued_note
    spans = [(451, 480), (511, 540)]
    assert [glued_note(Word(t, 431, 480, 511, 520, confidence=0.95), spans)
            for t in ("14-382", "14—382")] == [None, None]
    # A note's digits inside the first column are no note before it.
    assert glued_note(Word("4—3382—", 448, 480, 511, 520, confidence=0.95), spans) is None
    assert glued_note(Word("4—3382—", 431, 480, 511, 520, confidence=0.95), spans) is not None


def test_a_speck_read_as_a_mark_between_two_figures_ends_no_label():
    # "Summa intäkter  17 761  18 137  ©  17538-17334  17224" (serif hard scan of a
    # five-year overview): a speck in the gutter read as "©", two glued figures after it.
    # The walk back over the label's figures stopped at the speck: the first two figures
    # stayed label words, the row lost this year's and last year's amounts.
    from parsers.gaps import misread_words
    from repair.cells import take_misread_words
    edges = ((307, 338), (357, 389), (408, 440), (458, 490), (509, 540))

    def row(top: float, label: str, texts: list[tuple[str, float, float]]) -> list[Word]:
        words = [Word(t, 57 + 40 * k, 90 + 40 * k, top, top + 8, confidence=0.95)
                 for k, t in enumerate(label.split())]
        return words + [Word(t, x0, x1, top, top + 8, confidence=0.95) for t, x0, x1 in texts]
    figures = [("17531", *edges[0]), ("17359", *edges[1]), ("17909", *edges[2]),
               ("17619", *edges[3]), ("17540", *edges[4])]
    first = row(282, "Summa intäkter", [("17 761", *edges[0]), ("18 137", *edges[1]),
                                        ("©", 397, 401), ("17538-17334", 408, 490),
                                        ("17224", *edges[4])])
    found = page_lines(Page(2, 595, 842, [*first, *row(297, "Summa kostnader", figures),
                                          *row(312, "Finansnetto", figures)], source="ocr"))
    assert found[0].label.startswith("Summa intäkter 17")
    assert [(m.line_index, m.keep) for m in misread_words(found)] == [(0, 2)]
    line = take_misread_words(found, {2})[0]
    assert line.label == "Summa intäkter"
    assert [c.value for c in line.cells][:2] == [17761, 18137]

def test_a_row_of_figures_a_ruling_line_garbled_into_letters_is_taken_whole():
    # "Summa intäkter  PR 10 SON  SP SD  FRE 24 310:  År i I 1  VER De" (a skewed serif
    # scan: the ruling line under the years ran through the first row's figures). Words in
    # the gutters ("VER", "SP") and a small letter inside a column ("i") stopped the walk
    # back over the row's figures: the row kept one figure, "De" (read 1 020 for 23 020).
    # Right of "24" (a figure where a figure stands) every short word is of the figures.
    from parsers.gaps import misread_words
    edges = ((306, 339), (356, 389), (407, 440), (458, 490), (508, 540))

    def row(top: float, label: str, texts) -> list[Word]:
        words = [Word(t, 57 + 40 * k, 90 + 40 * k, top, top + 8, confidence=0.95)
                 for k, t in enumerate(label.split())]
        return words + [Word(t, x0, x1, top, top + 8, confidence=0.95) for t, x0, x1 in texts]
    garbled = row(236, "Summa intäkter", [
        ("PR", 306, 317), ("10", 318, 325), ("SON", 327, 338), ("SP", 343, 357), ("SD", 357, 368),
        ("FRE", 385, 406), ("24", 407, 418), ("310:", 422, 440), ("År", 461, 466), ("i", 469, 473),
        ("I", 477, 477.5), ("1", 484, 485), ("VER", 490, 510), ("De", 523, 540)])
    figures = [(t, *e) for t, e in zip(["24036", "24151", "22946", "21569", "24387"], edges, strict=True)]
    found = page_lines(Page(2, 595, 842, [*garbled, *row(251, "Verksamhetens kostnader", figures),
                                          *row(266, "Finansnetto", figures)], source="ocr"))
    assert [(m.line_index, m.keep) for m in misread_words(found)] == [(0, 2)]

def test_a_scans_year_headings_with_specks_read_as_marks_head_their_columns():
    # "Belopp i tkr  2017  +2016  2015  #2014  2013" over a hard scan's five-year overview:
    # specks before two years read as "+" and "#". Taken for a row of figures, the line
    # left the table without headings and unit, and the two rightmost columns (2014,
    # 2013) were stored as this year and last year, sure.
    from core.lexicon import load_lexicon
    from parsers.tables import parse_table

    def ocr(y: float, *items: tuple[str, float]) -> list[Word]:
        return [Word(t, x, x + 5 * len(t), y, y + H, confidence=0.9) for t, x in items]
    head = ocr(226, ("Belopp", 56), ("i", 89), ("tkr", 94), ("2017", 348), ("+2016", 388),
               ("2015", 432), ("#2014", 473), ("2013", 518))
    rows = [ocr(245, ("Finansnetto", 57), ("86", 359), ("87", 402), ("92", 444), ("108", 481),
                ("64", 529)),
            ocr(260, ("Årets", 56), ("resultat", 88), ("-335", 350), ("88", 402), ("1255", 435),
                ("-190", 478), ("-257", 520))]
    title = ocr(199, ("Flerårsöversikt", 57))
    found = page_lines(Page(2, 595, 842, [w for r in (title, head, *rows) for w in r], source="ocr"))
    # The marked years are no clean amount: the re-read of doubtful cells reads their digits
    # (repair/cells.py reread_doubtful), their words keep the marks.
    marked = [replace(c, value=int(c.text[1:]), confidence=0.7) if not c.text[:1].isdigit() else c
              for c in found[1].cells]
    assert len(marked) == 5
    found[1] = replace(found[1], cells=marked)
    table = parse_table(found, load_lexicon(), 2017)
    assert table.unit == "tkr"
    got = [[(a.column, a.period_year, a.value) for a in r.amounts] for r in table.rows if r.amounts]
    assert got[0] == [("current", 2017, 86_000), ("previous", 2016, 87_000), ("year", 2015, 92_000),
                      ("year", 2014, 108_000), ("year", 2013, 64_000)]


def test_a_ruling_line_read_as_a_mark_and_short_words_after_a_label_is_no_part_of_it():
    # A hard scan's ruling line through a note row, read in the gap after its label as "="
    # and letters ("Driftbidrag från Region Sydkust- = mer soo"): the item's key was stored
    # with them, and the item was lost. Words after a mark that are words ("- löner",
    # "= EU-medel") stay.
    from core.lexicon import load_lexicon
    from parsers.tables import parse_table

    def ocr(y: float, *items: tuple[str, float]) -> list[Word]:
        return [replace(w, confidence=0.95) for w in _words(y, *items)]
    heading = _words(61, ("Not", 57), ("1:", 75), ("Verksamhetens", 90), ("intäkter", 160))
    rows = [_words(83, ("2017", 452), ("2016", 517)),
            ocr(100, ("Driftbidrag", 44), ("från", 111), ("Region", 133), ("Sydkust-", 168),
                ("=", 219), ("mer", 243), ("soo", 268), ("2456", 452), ("2488", 517)),
            ocr(115, ("Bidrag", 57), ("=", 90), ("EU-medel", 100), ("412", 457), ("318", 522)),
            ocr(130, ("Övriga", 57), ("intäkter", 90), ("102", 457), ("118", 522))]
    table = parse_table(_lines(heading, *rows), load_lexicon(), 2017)
    assert [r.label for r in table.rows if r.amounts] == [
        "Driftbidrag från Region Sydkust", "Bidrag = EU-medel", "Övriga intäkter"]


def test_a_figure_with_one_digit_read_as_a_small_letter_in_its_column_is_misread():
    # "Driftbidrag från Vallby kommun  b135  22.1395" on a hard 200 dpi scan: this year's
    # 1 735 read as "b135", a label word. It stands in this year's column: a misread figure,
    # a doubtful cell for the re-read, and the label is the row's own words again.
    from parsers.gaps import misread_words
    from repair.cells import take_misread_words

    def ocr(y: float, label: str, *cells: tuple[str, float, float]) -> list[Word]:
        words = [Word(t, 57 + 50 * i, 100 + 50 * i, y, y + 8, confidence=0.95)
                 for i, t in enumerate(label.split())]
        return words + [Word(t, x0, x1, y, y + 8, confidence=0.95) for t, x0, x1 in cells]
    rows = [ocr(301, "Bidrag från Försäkringskassan", ("8329", 471, 498), ("8650", 514, 540)),
            ocr(316, "Driftbidrag från Region", ("4165", 471, 498), ("4325", 514, 540)),
            ocr(331, "Driftbidrag från Vallby kommun", ("b135", 472, 498), ("22.1395", 514, 540)),
            ocr(346, "Driftbidrag från Hagalund", ("1330", 472, 498), ("1817", 514, 540)),
            ocr(361, "Driftbidrag från Tjärn", ("1100", 472, 498), ("1113", 514, 540))]
    found = page_lines(Page(5, 595, 842, [w for r in rows for w in r], source="ocr"))
    assert found[2].label == "Driftbidrag från Vallby kommun b135 22.1395"
    assert [(m.line_index, m.keep) for m in misread_words(found)] == [(2, 4)]
    line = take_misread_words(found, {5})[2]
    assert line.label == "Driftbidrag från Vallby kommun"
    assert [(c.value, c.confidence) for c in line.cells][0] == (None, 0)


def test_capitals_far_after_a_label_beside_its_figures_are_no_part_of_it():
    # "Dataprogram och licenser        SELES IS   998": a ruling line through this year's
    # "1 519" on a hard scan read as capitals, the first of them in the gutter. The item's
    # key was stored with "SELES" and the item was lost. A label's own capitals ("Bidrag
    # från ESF") stand a space after its words.
    from core.lexicon import load_lexicon
    from parsers.tables import parse_table

    def ocr(y: float, *items: tuple[str, float, float]) -> list[Word]:
        return [Word(t, x0, x1, y, y + 11, confidence=0.95) for t, x0, x1 in items]
    heading = _words(490, ("Not", 57), ("2", 75), ("Verksamhetens", 90), ("kostnader", 160))
    rows = [_words(510, ("2017", 451), ("2016", 517)),
            ocr(530, ("Resekostnader", 57, 127), ("1079", 447, 473), ("1876", 514, 540)),
            ocr(544, ("Dataprogram", 57, 119), ("och", 123, 139), ("licenser", 143, 180),
                ("SELES", 401, 452), ("1519", 447, 473), ("998", 523, 540)),
            ocr(561, ("Bidrag", 57, 90), ("från", 94, 114), ("ESF", 118, 136), ("662", 456, 473),
                ("777", 523, 540))]
    table = parse_table(_lines(heading, *rows), load_lexicon(), 2017)
    assert [r.label for r in table.rows if r.amounts] == [
        "Resekostnader", "Dataprogram och licenser", "Bidrag från ESF"]


def _signed_rows(*rows: tuple[str, list[tuple[str, float]]]):
    """Rows of a table whose minus signs may stand at a column's left edge: (label, [(text,
    x0)])."""
    from tests.words import lines as _ls
    from tests.words import words as _ws
    return _ls(*[_ws(100 + 15 * i, (label, 56), *items) for i, (label, items) in enumerate(rows)])


def test_a_column_of_minus_signs_at_the_columns_left_edge_signs_its_figures():
    """"-      4 812 640": a minus set at the column's left edge, apart from its figure, was
    dropped as a lone mark and the figure stored positive, sure. Where other rows' minus
    signs stand at the same place it is the figure's sign."""
    got = _signed_rows(("Intäkter", [("12", 400), ("456", 413), ("300", 431)]),
                       ("Personalkostnader", [("-", 394), ("4", 412), ("812", 420), ("640", 438)]),
                       ("Avskrivningar", [("-", 394), ("36", 430), ("400", 443)]))
    assert [[(c.value, c.confidence) for c in ln.cells] for ln in got] == [
        [(12456300, 1.0)], [(-4812640, 1.0)], [(-36400, 1.0)]]


def test_a_lone_minus_that_cannot_be_told_leaves_its_figure_doubtful():
    """One lone minus before a figure, no column of signs: the figure is signed, doubtful."""
    from core.settings import DIGITAL
    (ln,) = _signed_rows(("Personalkostnader", [("-", 394), ("4", 412), ("812", 420), ("640", 438)]))
    (cell,) = ln.cells
    assert cell.value == -4812640 and cell.confidence < DIGITAL.checks.uncertain_below


def test_a_dash_printed_for_nothing_signs_no_figure():
    """"–" right-aligned with this year's figures means nothing this year; last year's
    figure after it stays positive, sure."""
    got = _signed_rows(("Intäkter", [("12", 400), ("456", 413), ("300", 431), ("11", 480), ("873", 493),
                                     ("450", 511)]),
                       ("Avskrivningar", [("\u2013", 441), ("36", 510), ("400", 523)]))
    assert [[(c.value, c.confidence) for c in ln.cells] for ln in got] == [
        [(12456300, 1.0), (11873450, 1.0)], [(36400, 1.0)]]


def _ocr_row(*items: tuple[str, float, float]):
    from core.types import Page, Word
    from parsers.layout import split_line
    page = Page(1, 595.0, 842.0, [], source="ocr")
    return split_line(page, [Word(t, a, b, 300.0, 309.0, confidence=0.95) for t, a, b in items])


def test_a_ruling_lines_end_glued_before_a_figure_is_a_doubtful_cell():
    """A ruled row's line end read glued before the last figure ("<+£2109200" for
    "109 200"): the word was taken into the label with the figure before it ("Summa
    anläggningstillgångar 72800 <+£2109200"), and the row lost both. Both are cells now,
    the marked one doubtful (which digits are the figure's cannot be told)."""
    line = _ocr_row(("Summa", 57, 90), ("anläggningstillgångar", 94, 216), ("72800", 414, 460),
                    ("<+£2109200", 489, 539))
    assert [w.text for w in line.label_words] == ["Summa", "anläggningstillgångar"]
    assert [(c.value, c.confidence >= 0.8) for c in line.cells] == [(72800, True), (None, False)]


def test_a_ruling_lines_mark_glued_after_a_figure_is_a_doubtful_cell():
    """Serif ruled narrow variety-31: the column rule right of this year's figure read glued
    after it ("Lämnade bidrag 2455509}  2856210"): the word went into the label and the row
    lost this year's figure. It is a doubtful cell now, for the re-read; a percent or a
    closing parenthesis after a figure is no such mark."""
    line = _ocr_row(("Lämnade", 57, 100), ("bidrag", 104, 135), ("2455509}", 420, 475),
                    ("2856210", 492, 540))
    assert [w.text for w in line.label_words] == ["Lämnade", "bidrag"]
    assert [(c.value, c.confidence >= 0.8) for c in line.cells] == [(None, False), (2856210, True)]
    line = _ocr_row(("Andel", 57, 90), ("100%", 420, 450))
    assert ([w.text for w in line.label_words], line.cells) == (["Andel", "100%"], [])
    assert [c.value for c in _ocr_row(("Summa", 57, 90), ("28900)", 420, 460)).cells] == [-28900]


def test_a_ruling_lines_marks_after_a_figure_in_its_cell_leave_the_figure_doubtful():
    """Variety-04, hard scan: "Lokalhyra  2506093  2466088  ==", a ruling line run on past
    the last figure into the margin and boxed into its cell. The cell held no amount; its
    re-read ("466088", the crop's first digit cut) was then taken as the figure. The figure
    before the marks is the cell's, doubtful (its box reaches into the line); marks alone,
    or letters before them, are still no amount."""
    from core.types import Word
    from parsers.layout import make_cell
    line = _ocr_row(("Lokalhyra", 67, 112), ("2506093", 398, 467), ("2466088", 486, 545),
                    ("==", 554, 595))
    assert [w.text for w in line.label_words] == ["Lokalhyra"]
    assert [c.value for c in line.cells] == [2506093, 2466088] and line.cells[1].confidence < 0.8
    assert make_cell([Word("—", 486, 500, 300, 309, confidence=0.95),
                      Word("==", 554, 595, 300, 309, confidence=0.95)]).value is None
    assert make_cell([Word("ab", 486, 500, 300, 309, confidence=0.95),
                      Word("==", 554, 595, 300, 309, confidence=0.95)]).value is None


def test_a_mark_between_two_whole_figures_glues_them_no_more():
    """"3612340 = 3285655": a ruling line's mark (or the second figure's blurred minus)
    between two figures close together glued them into one cell of no amount: both lost.
    The figure before the mark stays whole; the mark goes with the figure after it."""
    line = _ocr_row(("Ingående", 57, 100), ("kapital", 129, 159), ("3612340", 384, 476), ("=", 479, 485),
                    ("3285655", 486, 542))
    assert [(c.text, c.value) for c in line.cells][:1] == [("3612340", 3612340)]
    assert [c.value for c in line.cells[1:]] == [None] and line.cells[1].confidence < 0.8


def test_a_mark_alone_a_little_before_a_figure_leaves_it_doubtful():
    """"−4 530 210" read "+=   4530210", the blurred minus a mark of its own a little apart:
    the figure was stored positive, sure. The mark may be its minus: one doubtful cell with
    it, for the re-read to read with the mark."""
    line = _ocr_row(("Personalkostnader", 57, 144), ("-4812640", 405, 461), ("+=", 472, 484),
                    ("4530210", 496, 538))
    assert [(c.value, c.confidence >= 0.8) for c in line.cells] == [(-4812640, True), (None, False)]


def test_a_figure_whose_detached_signs_spot_holds_something_else_is_not_trusted():
    """A column whose minus signs stand apart at its left edge: "- 1 205   -   980" read as
    "1205-52   980", the second minus taken into the word before it. The figure after a
    spot something else covers may have lost its sign; after a blank spot it is positive."""
    from core.types import Page, Word
    rows = [[("Personalkostnader", 57, 144), ("-", 395, 398), ("4812640", 413, 460), ("-", 475, 478),
             ("4530210", 493, 540)],
            [("Övriga", 57, 90), ("-", 395, 397), ("7215980", 413, 460), ("-", 475, 478),
             ("6988105", 492, 540)],
            [("Finansiella", 57, 110), ("kostnader", 112, 161), ("1205-52", 434, 477), ("980", 523, 540)],
            [("Finansiella", 57, 110), ("intäkter", 112, 150), ("12", 429, 438), ("415", 442, 460),
             ("8", 514, 519), ("930", 523, 540)]]
    lines = page_lines(Page(1, 595.0, 842.0, [Word(t, a, b, 300.0 + 15 * i, 309.0 + 15 * i, confidence=0.95)
                                              for i, r in enumerate(rows) for t, a, b in r], source="ocr"))
    got = [[(c.value, c.confidence >= 0.8) for c in ln.cells] for ln in lines]
    assert got == [[(-4812640, True), (-4530210, True)], [(-7215980, True), (-6988105, True)],
                   [(980, False)], [(12415, True), (8930, True)]]


def test_a_long_labels_words_over_a_sign_spot_leave_the_figure_sure():
    """A label long enough to reach over a column's sign spot says nothing of a sign."""
    from core.types import Page, Word
    rows = [[("Personalkostnader", 57, 144), ("-", 395, 398), ("4812640", 413, 460)],
            [("Övriga", 57, 90), ("-", 395, 397), ("7215980", 413, 460)],
            [("Summa", 57, 90), ("eget", 94, 120), ("kapital", 124, 160), ("avsättningar", 164, 260),
             ("och", 264, 284), ("långfristiga", 288, 350), ("skulder", 354, 400), ("980", 443, 460)]]
    lines = page_lines(Page(1, 595.0, 842.0, [Word(t, a, b, 300.0 + 15 * i, 309.0 + 15 * i, confidence=0.95)
                                              for i, r in enumerate(rows) for t, a, b in r], source="ocr"))
    assert [(c.value, c.confidence >= 0.8) for c in lines[2].cells] == [(980, True)]


def test_dashes_centred_in_an_empty_column_sign_no_figure_of_the_next():
    """"–" centred in this year's column for nothing, last year's figure after it: two such
    rows made a "column of signs", and last year's figures were stored negative, sure. A
    column ending between a mark and the figure after it holds the mark: no sign of it."""
    got = _signed_rows(("Intäkter", [("12", 400), ("456", 413), ("300", 416), ("11", 480), ("873", 493),
                                     ("450", 505)]),
                       ("Realisationsvinster", [("\u2013", 405), ("1", 497), ("234", 505)]),
                       ("Nedskrivningar", [("-", 405), ("2", 497), ("000", 505)]))
    assert [[(c.value, c.confidence) for c in ln.cells] for ln in got] == [
        [(12456300, 1.0), (11873450, 1.0)], [(1234, 1.0)], [(2000, 1.0)]]


# A scanned page left askew (about 1.2°) after OCR's deskew: each row falls 0.02 pt per pt
# to the right, and the OCR engine boxed every word as tall as its line's ink plus that
# drift (9 pt of text, 21 pt boxes), taller than the rows stand apart (15 pt).
SLOPE, PITCH, TALL = -0.02, 15.0, 21.0
ASKEW_ROWS = [("Verksamhetens intäkter", "12456300", "11873450"),
              ("Personalkostnader", "-4812640", "-4530210"),
              ("Övriga kostnader", "-7215980", "-6988105"), ("Avskrivningar", "-36400", "-36400"),
              ("Finansiella intäkter", "12415", "8930"), ("Finansiella kostnader", "-1205", "-980"),
              ("Resultat efter finansiella poster", "402490", "326685"),
              ("Årets resultat", "402490", "326685")]


def _askew(slope: float, height: float, rows=ASKEW_ROWS) -> list[Word]:
    """The rows' words along ``slope`` (y grows downwards), each boxed ``height`` tall about
    its middle."""
    words = []
    for i, (label, *figures) in enumerate(rows):
        mid = 120 + i * PITCH
        items = [(t, 50 + 45 * k) for k, t in enumerate(label.split())]
        items += [(f, right - 5.3 * len(f)) for f, right in zip(figures, (457, 537), strict=True)]
        for text, x0 in items:
            x1 = x0 + 5.3 * len(text)
            m = mid + slope * ((x0 + x1) / 2 - 50)
            words.append(Word(text, x0, x1, m - height / 2, m + height / 2, confidence=0.95))
    return words


def test_rows_askew_in_boxes_taller_than_their_pitch_are_grouped_along_the_skew():
    from parsers.layout import group_lines, page_skew
    words = _askew(SLOPE, TALL)
    assert len(group_lines(words)) < len(ASKEW_ROWS)  # grouped level: two rows a line
    assert abs(page_skew(words) - SLOPE) < 0.002
    lines = page_lines(Page(1, 595, 842, words, source="ocr"))
    assert [(ln.label, [c.value for c in ln.cells]) for ln in lines] == [
        (label, [int(a), int(b)]) for label, a, b in ASKEW_ROWS]
    # Each box without the drift: shorter than the rows stand apart (gap tolerances scale
    # with it), as tall as it was where it stood (re-reads crop the image there).
    for ln in lines:
        for w in ln.words:
            assert w.height < PITCH
            mid = (w.top + w.bottom) / 2
            assert any(o.text == w.text and o.x0 == w.x0 and abs((o.top + o.bottom) / 2 - mid) < 0.01
                       for o in words)


def test_a_level_page_and_a_page_askew_whose_rows_stand_apart_are_grouped_level():
    from parsers.layout import deskewed_lines
    assert deskewed_lines(_askew(0.0, TALL)) is None
    # Askew as much, its boxes as tall as its text: grouped level, the rows stay apart,
    # and nothing of it is changed (a short table's boxes are not drawn out by the skew).
    assert deskewed_lines(_askew(SLOPE, 9.0)) is None
    lines = page_lines(Page(1, 595, 842, _askew(SLOPE, 9.0), source="ocr"))
    assert all(abs(w.height - 9.0) < 1e-6 for ln in lines for w in ln.words)


def test_born_digital_words_are_never_deskewed():
    words = [replace(w, confidence=1.0) for w in _askew(SLOPE, TALL)]
    assert len(page_lines(Page(1, 595, 842, words))) < len(ASKEW_ROWS)


def test_a_minus_apart_from_its_figure_on_a_page_askew_is_doubtful():
    # A ruling line under the row above runs through this one askew: a piece of it before
    # the figure ("—   326685") reads as its minus.
    rows = [*ASKEW_ROWS[:6], ("Resultat efter finansiella poster", "402490", "— 326685"),
            ASKEW_ROWS[7]]
    words = _askew(SLOPE, TALL, [(label, *(f.split()[-1] for f in figures))
                                 for label, *figures in rows])
    figure = next(w for w in words if w.text == "326685")
    words.append(replace(figure, text="—", x0=figure.x0 - 10, x1=figure.x0 - 6))
    lines = page_lines(Page(1, 595, 842, words, source="ocr"))
    (signed,) = [c for ln in lines for c in ln.cells if c.value == -326685]
    from core.settings import DIGITAL
    assert signed.confidence < DIGITAL.checks.uncertain_below


def _read_as(conf: float, ws: list[Word]) -> list[Word]:
    return [replace(w, confidence=conf) for w in ws]


def _statement(*rows: list[Word]):
    from core.lexicon import load_lexicon
    from parsers.sections import Section
    from parsers.statements import parse_statement
    found = _lines(*rows)
    return {r.label: r for r in parse_statement(Section("resultatrakning", found[0].text, found),
                                                  load_lexicon(), 2024).rows}


def test_a_statement_rows_key_is_no_surer_than_its_label_read_again():
    # A label OCR lost and read again from the image (confidence.reread 0.7) beside figures
    # the page's OCR read (0.95): the figure's key rests on the re-read words. Spelled as
    # the lexicon spells it, the lexicon is a second witness: at the checks' doubt line, not
    # under it; misspelled, the key may be another line's: no surer than its words.
    from core.settings import DIGITAL
    page, again = 0.95, 0.7
    rows = _statement(
        _read_as(page, _words(60, ("Resultaträkning", 50))),
        _read_as(page, _words(80, ("2024", 457), ("2023", 517))),
        _read_as(again, _words(100, ("Verksamhetens", 50), ("intäkter", 125)))
        + _read_as(page, _words(100, ("725", 462), ("604", 523))),
        _read_as(again, _words(115, ("Verksamhetens", 50), ("kostnadr", 125)))
        + _read_as(page, _words(115, ("-700", 457), ("-580", 518))),
        _read_as(page, _words(130, ("Verksamhetens", 50), ("nettokostnad", 125),
                                   ("25", 467), ("24", 528))),
        # Words Tesseract doubted more than a re-read (a sparse page's, joined because the
        # lexicon spells them so): the lexicon cannot vouch for them twice.
        _read_as(0.6, _words(145, ("Finansiella", 50), ("intäkter", 110)))
        + _read_as(page, _words(145, ("3", 477), ("2", 538))))
    line = DIGITAL.checks.uncertain_below
    assert {a.confidence for a in rows["Verksamhetens intäkter"].amounts} == {line}
    assert rows["Verksamhetens intäkter"].key_match == "exact"
    assert {a.confidence for a in rows["Verksamhetens kostnadr"].amounts} == {again}
    assert {a.confidence for a in rows["Verksamhetens nettokostnad"].amounts} == {page}
    assert {a.confidence for a in rows["Finansiella intäkter"].amounts} == {0.6}


def test_a_born_digital_statement_row_keeps_confidence_one():
    rows = _statement(_words(60, ("Resultaträkning", 50)), _words(80, ("2024", 457), ("2023", 517)),
                      _words(100, ("Verksamhetens", 50), ("intäkter", 125), ("725", 462), ("604", 523)),
                      _words(115, ("Verksamhetens", 50), ("kostnader", 125), ("-700", 457), ("-580", 518)))
    assert {a.confidence for r in rows.values() for a in r.amounts} == {1.0}


def test_a_note_rows_key_is_no_surer_than_its_label_read_again():
    # A note's item is keyed by its label as read (no lexicon entry): re-read, the figure
    # is no surer than the re-read words; its total, "Summa" spelled exactly, stands at
    # the doubt line.
    from core.lexicon import load_lexicon
    from core.settings import DIGITAL
    from parsers.notes import parse_note
    from parsers.sections import Section
    page, again = 0.95, 0.7
    found = _lines(
        _read_as(page, _words(62, ("Not", 60), ("3", 80), ("Kortfristiga", 90), ("fordringar", 160))),
        _read_as(page, _words(86, ("2025", 447), ("2024", 510))),
        _read_as(again, _words(100, ("Fordran", 59), ("moms", 100)))
        + _read_as(page, _words(100, ("173", 440), ("189", 460), ("33", 512), ("103", 525))),
        _read_as(page, _words(112, ("Kundfordringar", 59), ("305", 440), ("456", 460), ("80", 512),
                                   ("837", 525))),
        _read_as(again, _words(139, ("Summa", 59)))
        + _read_as(page, _words(139, ("479", 440), ("645", 460), ("113", 507), ("940", 525))))
    note = parse_note(Section("note", found[0].text, found, 3, "Kortfristiga fordringar"),
                      load_lexicon(), 2025)
    got = {r.label: {a.confidence for a in r.amounts} for r in note.rows}
    assert got == {"Fordran moms": {again}, "Kundfordringar": {page},
                   "Summa": {DIGITAL.checks.uncertain_below}}


def test_a_counts_key_is_no_surer_than_its_row_label_or_column_heading_read_again():
    # An insats's name (its label as read) and a measure's column heading read again from
    # the image: each count is no surer than the words its key rests on.
    from core.lexicon import load_lexicon
    from core.settings import DIGITAL
    from parsers.participants import parse_participants
    from parsers.sections import Section
    page, again = 0.95, 0.7
    found = _lines(
        _read_as(page, _words(80, ("Deltagare", 50), ("i", 110), ("insatserna", 120))),
        _read_as(page, _words(100, ("Insats", 50), ("Deltagare", 250)))
        + _read_as(again, _words(100, ("Nya", 335))),
        _read_as(page, _words(116, ("Kompass", 50), ("40", 270), ("22", 345))),
        _read_as(again, _words(132, ("KRUS", 50))) + _read_as(page, _words(132, ("12", 270), ("7", 350))))
    counts = parse_participants(Section("deltagare", found[0].text, found), load_lexicon(), 2024)
    got = {(c.insats, c.measure): c.confidence for c in counts}
    line = DIGITAL.checks.uncertain_below
    assert got == {("Kompass", "deltagare"): page, ("Kompass", "nya"): line,
                   ("KRUS", "deltagare"): again, ("KRUS", "nya"): again}


def test_a_notes_rows_are_no_surer_than_its_title_read_again():
    # The note's title keys all its rows: read again from the image and spelled as the
    # lexicon spells it, its rows stand at the checks' doubt line.
    from core.lexicon import load_lexicon
    from core.settings import DIGITAL
    from parsers.notes import parse_note
    from parsers.sections import Section
    page, again = 0.95, 0.7
    found = _lines(
        _read_as(page, _words(62, ("Not", 60), ("3", 80)))
        + _read_as(again, _words(62, ("Kortfristiga", 90), ("fordringar", 160))),
        _read_as(page, _words(86, ("2025", 447), ("2024", 510))),
        _read_as(page, _words(112, ("Kundfordringar", 59), ("305", 440), ("456", 460), ("80", 512),
                                   ("837", 525))))
    note = parse_note(Section("note", found[0].text, found, 3, "Kortfristiga fordringar"),
                      load_lexicon(), 2025)
    assert note.note_key and {a.confidence for r in note.rows for a in r.amounts} == {
        DIGITAL.checks.uncertain_below}


def _ocr_statement(kind: str, *rows: list[Word], ocr: bool = True):
    """A statement of words as a scan's OCR read them (0.95), through the glued-junk repair;
    ``ocr=False``: the page is born-digital."""
    from core.lexicon import load_lexicon
    from parsers.sections import Section
    from parsers.statements import parse_statement
    from repair.cells import drop_glued_junk
    lexicon = load_lexicon()
    found = drop_glued_junk(_lines(*rows), {1} if ocr else set(), None, lexicon.vocabulary)
    return {r.line_key: r for r in parse_statement(Section(kind, found[0].text, found),
                                                   lexicon, 2015).rows}


def _glued(y: float, label: list[tuple[str, float]], junk: list[tuple[str, float]],
           conf: float = 0.95) -> list[Word]:
    """A row "label  junk|284 615   1 106 930", the junk's words right before the figure."""
    return _read_as(conf, _words(y, *label, *junk, ("284", 421), ("615", 441), ("1", 480),
                                 ("106", 488), ("930", 508)))


def test_junk_glued_before_a_rows_first_figure_is_no_part_of_its_label():
    # "Kortfristiga fordringar  Peas 284 615" for "... 1 284 615" on a hard scan: the figure's
    # first digit and a ruling line read as a word. The figure was stored sure under the key
    # "kortfristiga_fordringar_peas". The junk is no label's: the clean part keys the row,
    # loosely; the first figure is doubtful (its first digits may be in the junk).
    from core.settings import DIGITAL
    doubt = DIGITAL.checks.uncertain_below
    heading = _words(60, ("2015", 430), ("2014", 500))
    label = [("Kortfristiga", 57), ("fordringar", 122)]
    for junk in ([("Peas", 399)], [("real", 370), ("ea", 409)]):
        rows = _ocr_statement("balansrakning", heading, _glued(80, label, junk))
        (row,) = rows.values()
        assert row.line_key == "fordringar" and row.key_match.startswith("fuzzy")
        first, second = sorted(row.amounts, key=lambda a: a.column != "current")
        assert (first.value, second.value) == (284615, 1106930)
        assert first.confidence < doubt <= second.confidence
    # Born-digital: the label's own word.
    (row,) = _ocr_statement("balansrakning", heading, _glued(80, label, [("Peas", 399)], 1.0),
                            ocr=False).values()
    assert row.key_match == "unkeyed" and row.label.endswith("Peas")
    # OCR'd, a word of no language a label's gap before its column: the label keeps it, and
    # the words before it key the row, loosely (the word may be one the lexicon lacks).
    (row,) = _ocr_statement("balansrakning", heading, _glued(80, label, [("Peas", 300)])).values()
    assert row.label.endswith("Peas") and row.line_key == "fordringar"
    assert max(a.confidence for a in row.amounts) < doubt
    # An unknown word a space after the label's words is the label's own ("59 av 68"); the
    # key its words before it give is loose, as above.
    (row,) = _ocr_statement("balansrakning", heading, _glued(
        80, [("Kortfristiga", 280), ("fordringar", 345)], [("Peas", 399)])).values()
    assert row.label.endswith("fordringar Peas") and row.key_match.startswith("fuzzy")
    assert max(a.confidence for a in row.amounts) < doubt
    # A label that ends in the lexicon's words right before its figure is left whole.
    (row,) = _ocr_statement("balansrakning", heading, _glued(80, [("Kortfristiga", 57)],
                                                             [("fordringar", 371)])).values()
    assert row.line_key == "fordringar" and row.key_match == "exact"


def test_a_label_with_a_figure_and_gibberish_after_it_keys_by_its_words_before_loosely():
    # "Fin. intäkter 29 heii  107  52" on a hard scan (a line through the row: its first
    # figure and the line read as label words): stored unkeyed. The words before the tail
    # of figures and words of no language key the row, loosely; born-digital they do not.
    from core.settings import DIGITAL
    heading = _words(60, ("2015", 430), ("2014", 500))
    row = _words(80, ("Fin.", 57), ("intäkter", 77), ("29", 300), ("heii", 330),
                 ("107", 430), ("52", 500))
    (got,) = _ocr_statement("resultatrakning", heading, _read_as(0.95, row)).values()
    assert got.line_key == "finansiella_intakter" and got.key_match.startswith("fuzzy")
    assert max(a.confidence for a in got.amounts) < DIGITAL.checks.uncertain_below
    (got,) = _ocr_statement("resultatrakning", heading, row, ocr=False).values()
    assert got.key_match == "unkeyed"
    # "Kortfristiga skulder  gee ares Se": "ares" is no word either (the words that tell an
    # English page, "are" among them, are no vocabulary of labels).
    row = _words(80, ("Kortfristiga", 69), ("skulder", 124), ("gee", 269), ("ares", 316),
                 ("Se", 377), ("3382", 450), ("1549", 514))
    (got,) = _ocr_statement("balansrakning", heading, _read_as(0.95, row)).values()
    assert got.line_key == "kortfristiga_skulder" and got.key_match.startswith("fuzzy")


def test_an_unkeyed_rows_label_with_junk_words_leaves_its_amounts_doubtful():
    # A label the lexicon does not know, keyed by its own slug, that holds OCR gibberish
    # ("Bidrag Ko ea fonden"): the label may be no label at all; its amounts are doubtful.
    # A clean unknown label's amounts keep the page's confidence (its short words the
    # lexicon's: "i").
    from core.settings import DIGITAL
    heading = _words(60, ("2015", 430), ("2014", 500))
    rows = _ocr_statement(
        "balansrakning", heading,
        _read_as(0.95, _words(80, ("Kompetensfonden", 57), ("Ko", 140), ("ea", 155),
                              ("4512", 430), ("3980", 500))),
        _read_as(0.95, _words(100, ("Kompetensfonden", 57), ("i", 140), ("Norrby", 148),
                              ("4512", 430), ("3980", 500))))
    got = {k: {a.confidence for a in r.amounts} for k, r in rows.items()}
    assert {r.key_match for r in rows.values()} == {"unkeyed"}
    assert got["kompetensfonden_ko_ea"] == {DIGITAL.gaps.junk_label_confidence}
    assert min(got["kompetensfonden_i_norrby"]) >= DIGITAL.checks.uncertain_below


def test_an_unkeyed_scanned_label_near_a_known_one_leaves_its_amounts_doubtful():
    # "AretsrTesultaf  392  326" on a hard scan ("Årets resultat", its space lost and two
    # letters misread): keyed by its own slug, sure, under a key no report prints. A label
    # OCR read this near a known one, a word of no language in it, is that one damaged: it
    # takes the key it is clearly likest to (86 to "Årets resultat", 61 at most to any
    # other), loosely, its amounts doubtful. A label of its own ("Övriga kortfristiga
    # skulder till kommuner") and a born-digital page's keep their confidence and key.
    from core.settings import DIGITAL
    heading = _words(60, ("2015", 430), ("2014", 500))

    def row(y: float, *label: tuple[str, float]) -> list[Word]:
        return _words(y, *label, ("392", 430), ("326", 500))

    rows = _ocr_statement("balansrakning", heading, _read_as(0.95, row(80, ("AretsrTesultaf", 57))),
                          _read_as(0.95, row(100, ("Övriga", 57), ("kortfristiga", 90),
                                             ("skulder", 150), ("till", 190), ("kommuner", 210))),
                          _read_as(0.95, row(120, ("Övriga", 57), ("långfristiga", 90),
                                             ("skulder", 150))))
    got = {k: max(a.confidence for a in r.amounts) for k, r in rows.items()}
    assert {k: r.key_match for k, r in rows.items()} == {
        "arets_resultat": "fuzzy:86", "ovriga_kortfristiga_skulder_till_kommuner": "unkeyed",
        "ovriga_langfristiga_skulder": "unkeyed"}
    assert got["arets_resultat"] < DIGITAL.checks.uncertain_below
    assert got["ovriga_kortfristiga_skulder_till_kommuner"] >= DIGITAL.checks.uncertain_below
    # Near a known label (85) but every word a word: a label read well, of its own.
    assert got["ovriga_langfristiga_skulder"] >= DIGITAL.checks.uncertain_below
    (digital,) = _ocr_statement("balansrakning", heading, row(80, ("AretsrTesultaf", 57)),
                                ocr=False).values()
    assert min(a.confidence for a in digital.amounts) == 1.0 and digital.key_match == "unkeyed"


def test_years_of_scanned_columns_told_by_position_alone_are_doubtful():
    """Narrow kronor overview, hard scan: the year line read as a row ("Belopp i kr 20133
    = 2012"), the three left columns lost whole; the two read were taken as this year and
    last year by position, sure (2013's figures stored as 2016's). On a scan, columns
    without a heading are this year and last year by position only doubtfully; born-digital
    they stay sure."""
    from core.lexicon import load_lexicon
    from core.settings import DIGITAL
    from ingest.pdftext import Word
    from parsers.tables import parse_table
    from tests.words import lines, text_line

    def table(conf: float):
        def ws(y, *items):
            return [Word(t, x1 - 5 * len(t), x1, y, y + 10, confidence=conf) for t, x1 in items]
        rows = [text_line(100, "Femårsöversikt"),
                ws(135, ("Intäkter", 100), ("3650700", 490), ("3402100", 545)),
                ws(150, ("Eget", 80), ("kapital", 120), ("1596039", 490), ("1461377", 545))]
        return parse_table(lines(*rows), load_lexicon(), 2016)
    doubt = DIGITAL.checks.uncertain_below
    scanned = [a for r in table(0.95).rows for a in r.amounts]
    assert scanned and all(a.confidence < doubt for a in scanned)
    born = [a for r in table(1.0).rows for a in r.amounts]
    assert born and all(a.confidence >= doubt for a in born)


def test_a_unit_heading_line_with_a_year_ocr_split_in_two_is_the_column_heading():
    """"Belopp i kronor  2021 2020 2019 20 18 2017" (a narrow kronor overview on a hard scan,
    "2018" read as two words): the line heads the columns, no row of figures; each column
    keeps its year (2018 between 2019 and 2017). Read as a row, the table had no dated
    column and its two right columns were taken as this year's and last year's."""
    from core.lexicon import load_lexicon
    from parsers.tables import parse_table
    from tests.test_overview_scans import _ocr_words
    from tests.words import lines, text_line
    edges = (301, 362, 423, 483, 544)
    head = _ocr_words(120, ("Belopp", 85), ("i", 89), ("kronor", 120), ("2021", 301), ("2020", 362),
                      ("2019", 423), ("20", 472), ("18", 483), ("2017", 544))
    capital = _ocr_words(135, ("Eget", 70), ("kapital", 110), *zip(
        ["10 812 760", "11 397 778", "10 231 787", "10 985 743", "9 404 320"], edges, strict=True))
    share = _ocr_words(150, ("Soliditet", 90), ("%", 100),
                       *zip(["61", "68", "64", "59", "66"], edges, strict=True))
    title = text_line(100, "Fem år i sammandrag")
    got = parse_table(lines(title, head, capital, share), load_lexicon(), 2021)
    assert [[(a.period_year, a.value) for a in r.amounts] for r in got.rows] == [
        list(zip(range(2021, 2016, -1), (10812760, 11397778, 10231787, 10985743, 9404320), strict=True)),
        [(2021, 61), (2020, 68), (2019, 64), (2018, 59), (2017, 66)]]


def test_a_unit_heading_line_with_marks_read_as_figures_between_its_years_is_the_heading():
    """"Belopp i kronor  129  2018  2019  — j2020  2021  174  2022" (a ruled narrow kronor
    overview on a hard scan: the dashes between its years read again as figures, a year read
    with a mark): most of its cells are years, so it heads the columns, and each column keeps
    its year (2020 between 2019 and 2021); a row of amounts is no heading."""
    from core.lexicon import load_lexicon
    from ingest.pdftext import Page, Word
    from parsers.layout import page_lines
    from parsers.tables import parse_table
    from tests.test_overview_scans import _ocr_words
    from tests.words import text_line
    edges = (284, 349, 414, 479, 544)
    head = [Word(t, x0, x1, 146.0, 156.0, confidence=c) for t, x0, x1, c in (
        ("Belopp", 56, 85, 0.95), ("i", 88, 90, 0.95), ("kronor", 93, 122, 0.95), ("129", 230, 240, 0.7),
        ("2018", 248, 284, 0.95), ("2019", 323, 356, 0.95), ("—", 372, 379, 0.95),
        ("j2020", 384, 417, 0.95), ("2021", 448, 492, 0.95), ("174", 509, 518, 0.7),
        ("2022", 521, 553, 0.95))]
    capital = _ocr_words(162, ("Eget", 77), ("kapital", 111), *zip(
        ["5 418 140", "5 775 126", "6 372 376", "5 455 657", "6 120 557"], edges, strict=True))
    page = Page(1, 595, 842, text_line(120, "Flerårsöversikt") + head + capital, source="ocr")
    got = parse_table(page_lines(page), load_lexicon(), 2022)
    assert [(a.period_year, a.value) for r in got.rows for a in r.amounts] == list(zip(
        range(2018, 2023), (5418140, 5775126, 6372376, 5455657, 6120557), strict=True))


def test_a_figure_cut_at_a_column_edge_after_its_leading_group_is_doubtful():
    """"—16 950 344" in a narrow kronor overview whose column edge (found from re-read junk
    cells of other rows) falls after "—16": cut there, "—16" was stored sure as 2021's
    figure. A cut after a lone leading group may split one figure as well as part two: both
    parts doubtful. "1 204 2 318" cut between its figures stays sure."""
    from core.settings import DIGITAL
    from ingest.pdftext import Word
    from parsers.columns import mend_numbers
    from parsers.layout import make_cell

    def cell(*items: tuple[str, float, float]):
        return make_cell([Word(t, x0, x1, 180.0, 190.0, confidence=0.95) for t, x0, x1 in items])
    doubt = DIGITAL.checks.uncertain_below
    split = mend_numbers([cell(("—16", 486, 504), ("950", 507, 524), ("344", 528, 544))], [503, 544], 10)
    assert [c.value for c in split] == [-16, 950344] and all(c.confidence < doubt for c in split)
    two = mend_numbers([cell(("1", 480, 484), ("204", 487, 504), ("2", 524, 528), ("318", 531, 544))],
                       [503, 544], 10)
    assert [c.value for c in two] == [1204, 2318] and all(c.confidence >= doubt for c in two)


# A dense table on a scan left askew by about 0.6° that deskew did not undo: rows 10 pt apart
# in 8 pt type, each word boxed as tall as its own ink (7 pt), the figures 380-480 pt right of
# their labels and so 4-5 pt lower, about half a row. OCR's grouping keeps such a row (it
# sorts words by their middles), but a figure OCR dropped is read again from the image at its
# label's band, which then holds half of it and half of the next row's.
DENSE_SLOPE, DENSE_PITCH = 0.0105, 10.0
DENSE_ROWS = [("Årets resultat", "-58 640", "73 980"),
              ("Justering för ej likviditetspåverkande poster", "18 000", "18 000"),
              ("Medel före förändring av rörelsekapital", "-40 640", "91 980"),
              ("Ökning/minskning kortfristiga fordringar", "-152 110", "21 610"),
              ("Ökning/minskning kortfristiga skulder", "15 130", "-18 240"),
              ("Kassaflöde från den löpande verksamheten", "-177 620", "95 350")]


def _dense_askew(slope: float) -> list[Word]:
    out = []
    for i, (label, *figures) in enumerate(DENSE_ROWS):
        mid = 200 + i * DENSE_PITCH
        items = [(t, 56 + 38 * k) for k, t in enumerate(label.split())]
        for figure, right in zip(figures, (440, 530), strict=True):
            x = right - 4.4 * len(figure)
            for part in figure.split():
                items.append((part, x))
                x += 4.4 * (len(part) + 1)
        for text, x0 in items:
            x1 = x0 + 4.4 * len(text)
            m = mid + slope * ((x0 + x1) / 2 - 297.5)
            out.append(Word(text, x0, x1, m - 3.5, m + 3.5, confidence=0.95))
    return out


def _off_band(lines) -> float:
    """How far (points) a row's figures stand at most from its label's middle."""
    def mid(ws):
        return sum((w.top + w.bottom) / 2 for w in ws) / len(ws)
    return max(abs(mid([w for c in ln.cells for w in c.words]) - mid(ln.label_words[:1])) for ln in lines)


def test_a_dense_table_askew_turned_level_has_each_figure_in_its_labels_band():
    from parsers.layout import turn_moves_rows, turned_words
    words = _dense_askew(DENSE_SLOPE)
    want = [(label, [int(a.replace(" ", "")), int(b.replace(" ", ""))]) for label, a, b in DENSE_ROWS]
    level = page_lines(Page(1, 595, 842, words, source="ocr"))
    assert _off_band(level) > 0.4 * DENSE_PITCH
    # 0.6° over the page's text drifts a row by 5 pt, most of a word's height: turned.
    assert turn_moves_rows(words, DENSE_SLOPE, 480.0)
    turned = turned_words(words, DENSE_SLOPE, 297.5, 421.0)
    lines = page_lines(Page(1, 595, 842, turned, source="ocr"))
    assert [(ln.label, [c.value for c in ln.cells]) for ln in lines] == want
    assert _off_band(lines) < 0.05 * DENSE_PITCH
    # Each box keeps its width and loses only its own drift.
    for w, t in zip(words, turned, strict=True):
        assert abs((t.x1 - t.x0) - (w.x1 - w.x0)) < 1e-6 and t.height <= w.height


def test_a_page_askew_by_little_is_not_turned():
    from parsers.layout import turn_moves_rows
    words = _dense_askew(0.002)  # 0.1°: 1 pt over the text, a seventh of a word's height
    assert not turn_moves_rows(words, 0.002, 480.0)
    assert not turn_moves_rows(words, 0.0, 480.0)
    assert not turn_moves_rows(words[:10], DENSE_SLOPE, 480.0)  # too few words to tell


def test_figures_read_into_every_rows_label_stand_in_the_year_headings_columns():
    # An overview askew: OCR read each row's first four figures into its label (the fourth
    # cut, "3 650 70", with its last digit read as a letter), only the last as a cell. No row
    # fills the first four columns, but the year headings over them do: the figures are
    # misread words of those columns, read again, not label words.
    from parsers.gaps import misread_words
    from tests.words import lines, words
    heads = [("Belopp", 56), ("i", 90), ("kronor", 96), ("2014", 300), ("2013", 360), ("2012", 420),
             ("2011", 480), ("2010", 540)]
    rows = [("Verksamhetens intäkter", ["4", "310", "200"], ["4", "120", "500"], ["3", "998", "400"],
             ["3", "650", "70", "S"], "3 402 100"),
            ("Verksamhetens kostnader", ["-4", "388", "912"], ["-4", "052", "118"],
             ["-4", "211", "560"], ["-3", "519", "04", "a"], "-3 150 873"),
            ("Eget kapital", ["1", "631", "306"], ["1", "698", "814"], ["1", "624", "114"],
             ["1", "837", "68", "C"], "1 703 027")]
    drawn = [words(100, *heads)]
    for n, (label, *figures, last) in enumerate(rows):
        y = 115 + 12 * n
        items = [(t, 56 + 60 * k) for k, t in enumerate(label.split())]
        for parts, right in zip(figures, (320, 380, 440, 500), strict=True):
            x = right - 5 * len(" ".join(parts))
            for p in parts:
                items.append((p, x))
                x += 5 * (len(p) + 1)
        items += [(p, 560 - 5 * len(last) + 5 * (len(" ".join(last.split()[:k])) + (k > 0)))
                  for k, p in enumerate(last.split())]
        drawn.append(words(y, *items))
    found = lines(*drawn)
    for ln in found[1:]:
        assert len(ln.cells) == 1 and any(w.text[-1].isdigit() for w in ln.label_words)
    got = {m.line_index: found[m.line_index].label_words[:m.keep] for m in misread_words(found)}
    assert {i: " ".join(w.text for w in ws) for i, ws in got.items()} == {
        i + 1: label for i, (label, *_) in enumerate(rows)}


def test_a_scanned_figure_standing_between_two_rows_is_doubtful():
    # Rows 10 pt apart; one figure of the third row stands 4 pt below its label (a page left
    # askew by a little, the figure far right): it may be the fourth row's.
    from core.settings import DIGITAL
    rows = DENSE_ROWS[:5]
    words = []
    for i, (label, a, b) in enumerate(rows):
        y = 200 + i * DENSE_PITCH
        items = [(t, 56 + 38 * k, y) for k, t in enumerate(label.split())]
        items += [(a.replace(" ", ""), 400, y), (b.replace(" ", ""), 490, y + (4.0 if i == 2 else 0.0))]
        words += [Word(t, x, x + 4.4 * len(t), top - 3.5, top + 3.5, confidence=0.95) for t, x, top in items]
    lines = page_lines(Page(1, 595, 842, words, source="ocr"))
    sure = [[c.confidence >= DIGITAL.checks.uncertain_below for c in ln.cells] for ln in lines]
    assert sure == [[True, True], [True, True], [True, False], [True, True], [True, True]]
    # Level, every figure on its label's band: all sure; born-digital words are never doubted.
    level = [replace(w, top=w.top - 4.0, bottom=w.bottom - 4.0) if w.x0 == 490 and 214 < w.top < 224
             else w for w in words]
    assert all(c.confidence >= DIGITAL.checks.uncertain_below
               for ln in page_lines(Page(1, 595, 842, level, source="ocr")) for c in ln.cells)
    digital = [replace(w, confidence=1.0) for w in words]
    assert all(c.confidence == 1.0 for ln in page_lines(Page(1, 595, 842, digital)) for c in ln.cells)


def test_marks_between_the_years_of_a_column_heading_line_stretch_no_column():
    # A ruled narrow overview on a hard scan: "Belopp i kronor 129 2018 2019 — j2020 2021 17
    # 2022", the dashes between the years read as figures. Taken as a row, "17" (right edge
    # 503) joined the 2021 column (figures to 479) and stretched it over 2022's "17 607 130":
    # the 2021 figure OCR read as "16 a 877" was read again over both columns (16203877171).
    from parsers.gaps import misread_words
    from repair.cells import take_misread_words

    def row(y: float, label: str, *figs: tuple[str, float, float]) -> list[Word]:
        return [Word(label, 56, 100, y, y + 11, confidence=0.95),
                *(Word(t, a, b, y, y + 11, confidence=0.95) for t, a, b in figs)]
    head = row(147, "Belopp", ("129", 130, 150), ("2018", 248, 284), ("2019", 323, 356),
               ("2020", 384, 417), ("2021", 448, 491), ("17", 496, 503), ("2022", 521, 553))
    garbled = row(163, "Summa", ("13876221", 233, 283), ("14230915", 299, 349),
                  ("15998406", 364, 414), ("16", 429, 439), ("a", 442, 459), ("877", 463, 479),
                  ("17", 494, 504), ("607", 507, 524), ("130", 528, 544))
    rows = [row(y, "Eget", ("5418140", 239, 284), ("5775126", 304, 349), ("6372376", 369, 414),
                ("5455657", 434, 479), ("6120557", 499, 544)) for y in (180, 195, 210)]
    found = page_lines(Page(1, 595, 842, [*head, *garbled, *(w for r in rows for w in r)],
                            source="ocr"))
    (m,) = [m for m in misread_words(found) if found[m.line_index].text.startswith("Summa")]
    assert all(x1 < 494 for x0, x1 in m.spans if x0 < 479)
    cells = take_misread_words(found, {1})[m.line_index].cells
    assert all(c.x1 < 494 for c in cells if c.x0 < 479)


def test_a_figure_read_with_a_rules_marks_among_its_digits_is_a_misread_figure():
    # A double rule under a serif total on a hard scan: "Summa rörelsens kostnader
    # —12 028 620  =11/518:315", every figure left in the label (the last no amount, its
    # marks among the digits): the row had no figure at all. Both columns' words are the
    # row's figures, the marked one doubtful for the re-read.
    from parsers.gaps import misread_words
    from repair.cells import take_misread_words

    def row(y: float, label: list[str], *figs: tuple[str, float, float]) -> list[Word]:
        x, out = 58.0, []
        for t in label:
            out.append(Word(t, x, x + 5 * len(t), y, y + 9, confidence=0.95))
            x += 5 * len(t) + 4
        return out + [Word(t, a, b, y, y + 9, confidence=0.95) for t, a, b in figs]
    rows = [row(y, ["Övriga", "kostnader"], ("—7", 409, 420), ("215", 424, 440), ("980", 444, 460),
                ("—6", 494, 505), ("988", 509, 525), ("105", 529, 545)) for y in (160, 176)]
    total = row(192, ["Summa", "rörelsens", "kostnader"], ("—12", 403, 420), ("028", 424, 440),
                ("620", 444, 460), ("=11/518:315", 488, 545))
    after = [row(y, ["Finansiella", "intäkter"], ("12", 431, 440), ("415", 444, 460), ("8", 521, 526),
                 ("930", 529, 545)) for y in (224, 240)]
    found = page_lines(Page(1, 595, 842, [w for r in [*rows, total, *after] for w in r], source="ocr"))
    i = next(k for k, ln in enumerate(found) if ln.text.startswith("Summa"))
    assert [m.line_index for m in misread_words(found)] == [i]
    cells = take_misread_words(found, {1})[i].cells
    assert [(c.value, c.confidence) for c in cells] == [(-12_028_620, 0.95), (None, 0.0)]


def test_a_statement_row_whose_label_ocr_lost_is_the_missing_term_its_figures_solve():
    # A hard serif scan's first row "Intäkter  1  17 800  17 649" under the column headings:
    # a scanner's line ran through the label, read "Oe SA SOO". Its figures are the one
    # missing term of "verksamhetens resultat = intäkter − |kostnader|" in both columns (the
    # whole printed below it): keyed so, doubtful (no label vouches for it). The row was
    # stored unkeyed ("oe_sa_soo") and intäkter lost.
    from core.settings import DIGITAL
    page = 0.95

    def row(y: float, label: list[tuple[str, float]], *figures: tuple[str, float]) -> list[Word]:
        return _read_as(page, _words(y, *label, *figures))

    heading = [_read_as(page, _words(60, ("Resultaträkning", 50))),
               _read_as(page, _words(80, ("Not", 407), ("2025", 451), ("2024", 518)))]
    rest = [row(115, [("Kostnader", 56), ("2", 419)], ("16", 443), ("660", 457), ("17", 509), ("611", 524)),
            row(130, [("Verksamhetens", 50), ("resultat", 125)], ("1", 446), ("140", 452), ("38", 528))]
    junk = row(100, [("Oe", 2), ("SA", 38), ("SOO", 53), ("1", 420)], ("17", 443), ("800", 457),
               ("17", 509), ("649", 524))
    rows = {r.line_key: r for r in _statement(*heading, junk, *rest).values()}
    first = rows["verksamhetens_intakter"]
    assert first.key_match == "arithmetic"
    assert sorted(a.value for a in first.amounts) == [17649, 17800]
    assert all(a.confidence < DIGITAL.checks.uncertain_below for a in first.amounts)
    # Figures that do not solve it (one misread) leave the row unkeyed.
    wrong = row(100, [("Oe", 2), ("SA", 38), ("SOO", 53), ("1", 420)], ("17", 443), ("300", 457),
                ("17", 509), ("649", 524))
    rows = {r.line_key: r for r in _statement(*heading, wrong, *rest).values()}
    assert "verksamhetens_intakter" not in rows


def test_a_speck_past_the_right_edge_of_a_scanned_table_keeps_no_row_from_its_figures():
    """A hard scan's speck by the page's right side, read as "i" after a note row's figures
    ("Förutbetalda kostnader  123  70        i"): the row's last word was no figure, so all of
    it was label and the row lost its figures. Marks past the right edge where the page's
    lines end (its figure column), in the margin band, far from the word before, are no
    part of the row; a figure there, a word of the row's own and a born-digital page keep
    theirs."""
    from core.types import Page
    from tests.words import H
    from tests.words import words as placed

    def row(y: float, label: str, cur: str, prev: str) -> list[Word]:  # figures right-aligned
        return placed(y, (label, 56), (cur, 480 - 5 * len(cur)), (prev, 540 - 5 * len(prev)))
    rows = [row(100 + 14 * k, *r) for k, r in enumerate(
        [("Fordran", "123", "80"), ("Kundfordringar", "112", "69"), ("Summa", "358", "219")])]
    speck = row(142, "Förutbetalda", "123", "70") + placed(142, ("i", 584))
    ocr = [replace(w, confidence=0.95) for row in [*rows, speck] for w in row]

    def row_of(source: str, ws):
        lines = page_lines(Page(1, 595, 842, ws, source=source))
        line = next(ln for ln in lines if ln.words[0].text == "Förutbetalda")
        return [w.text for w in line.label_words], [c.value for c in line.cells]
    assert row_of("ocr", ocr) == (["Förutbetalda"], [123, 70])
    assert row_of("pdf", ocr)[1] == []  # born-digital: as printed
    for far, cells in ((("7", 584), [123, 70, 7]), (("tkr", 560), [])):  # a figure; a word
        other = [w for w in ocr if w.text != "i"] + placed(142, far)
        assert row_of("ocr", other)[1] == cells
    near = [w for w in ocr if w.text != "i"] + [Word("i", 549, 549 + H / 2, 142, 142 + H, confidence=0.95)]
    assert row_of("ocr", near)[1] == []  # a word close after the figures


def test_a_cells_parts_over_columns_run_left_to_right():
    # A cell (100–200) over a column whose right edge lies just past its own (within the
    # slack) and a narrow span beyond it: the span it does not reach is none of its
    # columns, and no part ends before it starts ('51-704' had a part with x1 < x0).
    from parsers.gaps import _split
    parts, inside = _split(100, 200, 10, [(110, 150), (160, 205), (206, 208)])
    assert inside == [(110, 150), (160, 205)]
    assert all(a < b for a, b in parts) and parts[0][0] == 100 and parts[-1][1] == 200
    # Spans that overlap (a column's left edge from its widest cell) leave no empty part,
    # and no two parts overlap.
    parts, inside = _split(100, 200, 10, [(100, 190), (120, 130), (140, 150)])
    assert all(a < b for a, b in parts) and len(parts) == len(inside) == 2
    assert all(p[1] <= q[0] for p, q in zip(parts, parts[1:], strict=False))


def _overview_page(title: str, heads: list[str], rows: list[tuple[str, list[str]]]) -> list:
    """Lines of an OCR'd page: a section heading, prose, ``title`` (a lost heading's remains,
    or nothing), a unit and year heading line, rows of figures under the years."""
    from tests.test_overview_scans import _ocr_words
    from tests.words import text_line
    edges = (360, 400, 440, 480, 520)
    words = text_line(60, "Förvaltningsberättelse") + text_line(80, "Förbundet finansierar insatser för "
                                                                    "personer som behöver stöd.")
    words += text_line(100, title) if title else []
    words += _ocr_words(120, ("Belopp", 57), ("i", 89), ("tkr", 94), *zip(heads, edges, strict=False))
    for i, (label, figures) in enumerate(rows):
        words += _ocr_words(135 + 15 * i, *[(w, 57 + 45 * k) for k, w in enumerate(label.split())],
                            *zip(figures, edges, strict=False))
    words += text_line(135 + 15 * len(rows) + 20, "Mål och måluppfyllelse")
    return page_lines(Page(2, 595, 842, [replace(w, confidence=min(w.confidence, 0.95)) for w in words],
                           source="ocr"))


def test_an_overview_whose_heading_the_scan_lost_is_found_by_its_rows_under_years_doubtful():
    """A hard scan read the five-year overview's heading as nothing ("Fem år i sammandrag"
    lost): its rows, overview lines under a line of consecutive years, are the overview still
    (any wording the lexicon knows), every figure doubtful (no heading says what the table
    is); a table of other lines under years (participants), or an overview whose heading was
    read, is left as it was."""
    from core.lexicon import load_lexicon
    from core.settings import DIGITAL
    from parsers.document import parse_document
    from parsers.sections import split_sections
    lex = load_lexicon()
    years = ["2017", "2016", "2015", "2014", "2013"]
    rows = [("Summa intäkter", ["17 971", "17 905", "17 908", "17 389", "17 010"]),
            ("Finansnetto", ["61", "54", "14", "35", "1"]),
            ("Årets resultat", ["(772)", "119", "656", "13", "686"])]
    for title in ("", "Fe"):
        got = parse_document(_overview_page(title, years, rows), lex, 2017)
        overview = got.statements.get("femarsoversikt")
        assert overview is not None, title
        assert [(r.line_key, [a.value for a in r.amounts]) for r in overview.rows] == [
            ("verksamhetens_intakter", [17971000, 17905000, 17908000, 17389000, 17010000]),
            ("finansiella_poster", [61000, 54000, 14000, 35000, 1000]),
            ("arets_resultat", [-772000, 119000, 656000, 13000, 686000])]
        assert all(a.confidence < DIGITAL.checks.uncertain_below for r in overview.rows for a in r.amounts)
        assert [s.kind for s in split_sections(_overview_page(title, years, rows), lex)][-1] == \
            "maluppfyllelse"
    people = [("Kvinnor", ["41", "38", "35"]), ("Män", ["37", "30", "33"])]
    assert "femarsoversikt" not in {s.kind for s in split_sections(
        _overview_page("", years[:3], people), lex)}
    headed = split_sections(_overview_page("Flerårsöversikt", years, rows), lex)
    assert [s.by_rows for s in headed if s.kind == "femarsoversikt"] == [False]
    # A budget for the years ahead prints the same lines: no overview of a 2017 report.
    ahead = parse_document(_overview_page("", ["2018", "2019", "2020"], rows), lex, 2017)
    assert "femarsoversikt" not in ahead.statements
    # Under a heading of its own (a balanskrav table, a bilaga): that section's years.
    owned = split_sections(_overview_page("Avstämning av balanskravet", years, rows), lex)
    assert "femarsoversikt" not in {s.kind for s in owned}


def _budget_under_balance_page(title: str, balance: bool = True, deviation: bool = True) -> list:
    """An OCR'd page: a balance sheet, then ``title`` (a driftredovisning heading as the scan
    read it) over budget and (``deviation``) deviation column headings and the budget table's
    rows; without the ``balance`` sheet, ``title`` heads the rows (a result statement printing
    budget columns)."""
    from tests.test_overview_scans import _ocr_words
    from tests.words import text_line
    edges = (330, 390, 450, 510)
    words, y = [], 60
    if balance:
        words += text_line(y, "Balansräkning per 31 december")
        y += 20
        words += _ocr_words(y, *zip(("2025", "2024"), edges[-2:], strict=True))
        for label, figures in [("Kassa och bank", ["7 118 243", "7 200 256"]),
                               ("Summa tillgångar", ["7 508 537", "7 499 008"]),
                               ("Summa eget kapital", ["5 105 984", "3 684 262"])]:
            y += 15
            words += _ocr_words(y, *[(w, 57 + 45 * k) for k, w in enumerate(label.split())],
                                *zip(figures, edges[-2:], strict=True))
        y += 25
    words += text_line(y, title) if title else []
    y += 15
    keep = [0, 1, 2, 3] if deviation else [0, 1, 3]
    edges = tuple(edges[k] for k in keep)

    def kept(items):
        return [items[k] for k in keep]
    words += _ocr_words(y, *zip(kept(("Utfall", "Budget", "Avvikelse", "Utfall")), edges, strict=True))
    words += _ocr_words(y + 12, *zip(kept(("2025", "2025", "utfall-budget", "2024")), edges, strict=True))
    y += 12
    for label, figures in [("Nettokostnad", ["-21 697 607", "-21 186 000", "-511 607", "-23 299 022"]),
                           ("Bidrag från medlemmarna", ["23 117 280", "23 117 000", "280", "23 316 098"]),
                           ("Finansiella poster", ["2 049", "0", "2 049", "62 538"]),
                           ("Resultat", ["1 421 722", "1 931 000", "-509 278", "79 614"])]:
        y += 15
        words += _ocr_words(y, *[(w, 57 + 45 * k) for k, w in enumerate(label.split())],
                            *zip(kept(figures), edges, strict=True))
    return page_lines(Page(5, 595, 842, [replace(w, confidence=min(w.confidence, 0.95)) for w in words],
                           source="ocr"))


def test_a_budget_table_whose_heading_the_scan_lost_is_told_from_the_statement_above_by_its_heads():
    """A hard scan read "4. Driftredovisning per verksamhet" as "4. blac ee per verksamhet": the
    budget table's rows ran on into the balance sheet above (its whole table lost). Under the
    statement's own rows, budget and deviation column headings over rows the budget table keys
    are that table still, its kind inferred (every figure doubtful); a statement printing
    budget columns of its own (headings above its first row) keeps its rows; its figures no
    surer than a headless statement's. A budget table without a deviation column too."""
    from core.lexicon import load_lexicon
    from core.settings import DIGITAL
    from parsers.document import parse_document
    from parsers.sections import split_sections
    lex = load_lexicon()
    for title in ("4. blac ee per verksamhet", ""):
        got = parse_document(_budget_under_balance_page(title), lex, 2025)
        drift = got.statements.get("driftredovisning")
        assert drift is not None, title
        assert [(r.line_key, {a.column: a.value for a in r.amounts}) for r in drift.rows][-1] == \
            ("resultat", {"current": 1421722, "budget": 1931000, "deviation": -509278, "previous": 79614})
        assert len(drift.rows) == 4
        # Found by its rows (their labels are a statement's too): doubtful, every figure.
        assert all(a.confidence < DIGITAL.checks.uncertain_below for r in drift.rows for a in r.amounts)
        balance = got.statements["balansrakning"]
        assert [r.line_key for r in balance.rows] == ["kassa_och_bank", "summa_tillgangar",
                                                      "summa_eget_kapital"]
    plain = parse_document(_budget_under_balance_page("", deviation=False), lex, 2025)
    assert [(r.line_key, {a.column: a.value for a in r.amounts}) for r in
            plain.statements["driftredovisning"].rows][-1] == \
        ("resultat", {"current": 1421722, "budget": 1931000, "previous": 79614})
    own = split_sections(_budget_under_balance_page("Resultaträkning", balance=False), lex)
    assert [s.kind for s in own if len(s.lines) > 1] == ["resultatrakning"]
    # A sentence naming the budget heads no column; born-digital lines are never split off.
    from parsers.sections import _budget_heads
    from tests.words import text_line
    (sentence,) = page_lines(Page(5, 595, 842, [replace(w, confidence=0.95) for w in text_line(
        60, "Resultatet blev bättre än budget för året")], source="ocr"))
    assert not _budget_heads(sentence, lex)
    digital = [replace(ln, words=[replace(w, confidence=1.0) for w in ln.words])
               for ln in _budget_under_balance_page("4. blac ee per verksamhet")]
    assert "driftredovisning" not in {s.kind for s in split_sections(digital, lex)}


class _AskewImages:
    """A page image read again whole whose rows fall 0.02 pt a point to the right."""

    def __init__(self, slope: float):
        self.slope, self.turns = slope, {}

    def read_page(self, number: int) -> list[tuple]:
        return [(f"Ord{i}{j}", x, 100 + 20 * i + self.slope * (x - 297.5), x + 40,
                 110 + 20 * i + self.slope * (x - 297.5), 95.0)
                for i in range(8) for j, x in enumerate((60, 200, 340, 480))]

    def turn(self, turns: dict[int, float]) -> None:
        self.turns = dict(turns)


def test_a_page_read_again_whole_turns_its_own_words_and_image_as_its_new_ones():
    """The words of a page read again whole are turned level; its own OCR words (and its
    image, for every later crop) were left as scanned, a few points off: a name's crop for
    its å/ä/ö read the row above and the name's last letter lost."""
    from repair.cells import reread_sparse_page
    own = Word("Vagvisaren", 56, 108, 300, 310, confidence=0.9)
    page = Page(3, 595, 842, [own], source="ocr")
    images = _AskewImages(0.02)
    read = reread_sparse_page(page, images)
    assert images.turns and abs(images.turns[3] - 0.02) < 0.003
    turned = next(w for w in read.words if w.text == "Vagvisaren")
    assert turned.top - own.top > 3  # left of the middle, below it: turned down as the rows


def test_figures_a_line_read_as_letters_before_its_tail_past_the_table_are_no_label():
    """A slanted ruling line through a row's figures on a hard scan: "Pensionskostnader
    ÖST  ad  eee" for "800  534", "ÖST" drawn out from the first column into the gutter,
    "eee" the line's tail past the last column. The marks were all taken for gutter noise
    and the row, left with no figure, opened a group (the group's subtotal was lost). The
    tail past the table (a label never goes on right of its figures) is dropped and the
    marks in the columns become the row's doubtful cells, for a re-read."""
    from core.lexicon import load_lexicon
    from parsers.gaps import misread_words
    from repair.cells import take_misread_words

    def ocr(y: float, *items: tuple[str, float, float]) -> list[Word]:
        return [Word(t, x0, x1, y, y + 9, confidence=0.95) for t, x0, x1 in items]
    rows = [ocr(435, ("Lön", 67, 82), ("tjänstemän", 86, 139), ("806", 456, 473), ("548", 523, 540)),
            ocr(449, ("Arbetsgivaravgifter", 66, 158), ("855", 456, 473), ("711", 523, 540)),
            ocr(464, ("Pensionskostnader", 67, 156), ("ÖST", 460, 488), ("ad", 512, 541),
                ("eee", 549, 595)),
            ocr(479, ("Sammanträdesarvoden", 67, 181), ("657", 456, 474), ("817", 523, 540)),
            ocr(494, ("Övriga", 66, 97), ("personalkostnader", 101, 189), ("789", 457, 473),
                ("658", 523, 540))]
    found = page_lines(Page(6, 595, 842, [w for r in rows for w in r], source="ocr"))
    vocabulary = load_lexicon().vocabulary
    assert [(m.line_index, m.keep, m.end) for m in misread_words(found, vocabulary)] == [(2, 1, 3)]
    line = take_misread_words(found, {6}, vocabulary)[2]
    assert line.label == "Pensionskostnader"
    assert [(c.value, c.confidence) for c in line.cells] == [(None, 0.0), (None, 0.0)]


def test_a_rows_figures_read_as_marks_before_a_speck_right_of_the_table_are_misread():
    # "Kassaflöde före förändring av rörelsekapital   −255   456" with a ruling line through
    # the row, read "... rörelsekapita— — ee eee yn DBR Ns ASG fie": both figures as
    # capitals, a mark in the gutter between them, a speck right of the table. The speck
    # hid the figures (the label's last word stood in no column) and a mark between two
    # misread figures ended the walk: the row was stored without either. Both are misread
    # figures, doubtful cells for the re-read; the speck is neither label nor figure.
    from parsers.gaps import misread_words
    from repair.cells import take_misread_words
    rows = [[Word(t, x0, x1, top, top + 9.5, confidence=0.95) for t, x0, x1 in (
        (label, 57, 140), ("-26", 461, 480), ("41", 528, 540))]
        for top, label in ((530, "Årets resultat"), (578, "Minskning/ökning fordringar"),
                           (590, "Ökning/minskning skulder"), (606, "Kassaflöde från löpande"))]
    ruled = [Word(t, x0, x1, 561, 570.5, confidence=0.95) for t, x0, x1 in (
        ("Kassaflöde", 57, 107), ("före", 111, 129), ("rörelsekapita—", 200, 270), ("—", 281, 294),
        ("ee", 297, 314), ("eee", 326, 354), ("yn", 388, 395), ("DBR", 446, 480), ("Ns", 487, 513),
        ("ASG", 523, 541), ("fie", 573, 580))]
    found = page_lines(Page(5, 595, 842, [w for r in [*rows[:2], ruled, *rows[2:]] for w in r],
                            source="ocr"))
    i = next(k for k, ln in enumerate(found) if ln.label.startswith("Kassaflöde före"))
    assert [m.line_index for m in misread_words(found)] == [i]
    line = take_misread_words(found, {5})[i]
    assert [(c.text, c.value, c.confidence) for c in line.cells] == [("DBR", None, 0), ("ASG", None, 0)]
    assert "fie" not in line.label
    from parsers.gaps import _before_right_specks
    assert _before_right_specks(found[i], []) == len(found[i].label_words)  # no columns: all kept


def test_a_word_ocr_lost_from_a_label_leaves_its_amounts_doubtful():
    """variety-13 (scan seed 9): "Avräkning sociala avgifter" read "Avräkning      avgifter",
    the middle word lost, and the note's item was stored, sure, under a key no report prints
    (in a statement a label short of a word may key another line: "Summa skulder" for "Summa
    kortfristiga skulder"). Two words of a scanned label a word's width apart, nothing
    between them: the row's amounts are doubtful. A word OCR boxed narrower than its letters
    ("Kurs-" two points wide) tells no gap."""
    from core.lexicon import load_lexicon
    from core.settings import DIGITAL
    from parsers.document import parse_document

    def row(y: float, *label: tuple[str, float]) -> list[Word]:
        return _words(y, *label, ("1 079 257", 434), ("632 974", 501))
    rows = [_words(60, ("Not", 57), ("4", 80), ("Kortfristiga", 90), ("skulder", 150)),
            _words(80, ("2011", 440), ("2010", 510)),
            row(100, ("Leverantörsskulder", 57)),
            row(115, ("Avräkning", 57), ("avgifter", 144)),
            row(130, ("Kurs-", 57), ("och", 94), ("konferensavgifter", 112)),
            row(145, ("Övriga", 57), ("kortfristiga", 92), ("skulder", 155))]
    rows[4][0] = replace(rows[4][0], x1=59)  # "Kurs-" boxed two points wide
    page = Page(7, 595, 842, [replace(w, confidence=0.95) for r in rows for w in r], source="ocr")
    doc = parse_document(page_lines(page), load_lexicon(), 2011)
    (note,) = doc.notes
    sure = {r.label: min(a.confidence for a in r.amounts) >= DIGITAL.checks.uncertain_below
            for r in note.rows}
    assert sure == {"Leverantörsskulder": True, "Avräkning avgifter": False,
                    "Kurs- och konferensavgifter": True, "Övriga kortfristiga skulder": True}
    bal = [_words(60, ("Balansräkning", 57)), _words(80, ("2011", 440), ("2010", 510)),
           row(100, ("Kassa", 57), ("och", 87), ("bank", 107)),
           row(115, ("Summa", 57), ("skulder", 160)),
           row(130, ("Eget", 57), ("kapital", 82), ("(tkr)", 140))]
    page = Page(5, 595, 842, [replace(w, confidence=0.95) for r in bal for w in r], source="ocr")
    rows_read = parse_document(page_lines(page), load_lexicon(), 2011).statements["balansrakning"].rows
    assert [min(a.confidence for a in r.amounts) >= DIGITAL.checks.uncertain_below
            for r in rows_read] == [True, False, True]


def test_a_ruling_line_read_as_a_lone_mark_between_rows_ends_no_table():
    """A summary table on a hard scan: the ruling line under its first row read as a line
    of its own, "~" (variety-32, scan seed 11; the words as OCR read them). It ended the
    table: the rows after it were read without the table's headings, every count stored
    as "deltagare". A scanned line of marks no label prints alone is a ruling line, no row;
    on a born-digital page nothing is dropped."""
    from core.lexicon import load_lexicon
    from parsers.participants import parse_participants
    from parsers.sections import Section
    read = [("Totalt", 194.4, 223.0, 94.8, 101.7), ("antal", 225.9, 249.9, 95.1, 101.8),
            ("Avslutade", 326.7, 374.5, 95.0, 102.2),
            ("Insats", 56.8, 84.9, 109.7, 117.1), ("deltagare", 204.5, 250.3, 109.6, 118.8),
            ("delt.", 290.7, 311.8, 109.8, 117.0), ("delt.", 352.8, 373.9, 109.9, 116.9),
            ("Pågående", 390.0, 436.4, 109.0, 118.6)]  # "Nya" of "Nya delt." lost
    for top, (name, *figures) in zip((123, 139, 154, 169), (("Framåt", 31, 11, 7, 24), ("Bron", 15, 4, 3, 12),
                                     ("Trampolinen", 46, 25, 25, 21), ("Horisonten", 59, 33, 31, 28)),
                                     strict=True):
        read.append((name, 56.8, 56.8 + 5 * len(name), top, top + 8.5))
        read += [(str(v), x1 - 5.3 * len(str(v)), x1, top + 1, top + 8.5)
                 for v, x1 in zip(figures, (250.0, 312.0, 374.0, 436.2), strict=True)]
    words = [Word(t, x0, x1, top, bottom, confidence=0.95) for t, x0, x1, top, bottom in read]
    words.append(Word("~", 48.0, 52.0, 133.0, 136.5, confidence=0.62))  # between the rows
    lines = page_lines(Page(1, 595, 842, words, source="ocr"))
    assert "~" not in [ln.text for ln in lines]
    counts = parse_participants(Section("deltagare", "Deltagare i insatserna", lines), load_lexicon(), 2017)
    got = {(c.insats, c.measure): c.value for c in counts if c.measure in ("deltagare", "pagaende")}
    assert got == {(i, m): v for i, vs in (("Framåt", (31, 24)), ("Bron", (15, 12)),
                                           ("Trampolinen", (46, 21)), ("Horisonten", (59, 28)))
                   for m, v in zip(("deltagare", "pagaende"), vs, strict=True)}
    assert "~" in [w.text for ln in page_lines(Page(1, 595, 842, words)) for w in ln.words]


def test_a_row_read_as_one_cell_over_both_years_widens_neither_column():
    # A hard scan's cash-flow table: "5721-5956" read as one word over both years, and a
    # wide "2220" alone past the edge. Clustered at last year's edge, the one cell drew that
    # column left over this year's, and "2016" went to the lone cell's column: every other
    # figure of last year was lost.
    from core.lexicon import load_lexicon
    from parsers.tables import parse_table
    heading = _words(61, ("Kassaflödesanalys", 57))
    years = _words(83, ("2017", 484), ("2016", 520))
    figures = [("(216)", "(46)"), ("292", "(321)"), ("(311)", "588"), ("(235)", None),
               ("(235)", "222"), ("5956", "5734")]
    rows = [_words(100 + 15 * k, (f"Rad{k}", 57), (a, 504 - 5 * len(a)),
                   *([(b, 540 - 5 * len(b))] if b else []))
            for k, (a, b) in enumerate(figures)]
    rows[3].append(Word("2220", 513, 564, 145, 145 + H))  # boxed wide, past the edge
    rows.append([Word("Slut", 57, 80, 190, 190 + H), Word("57215956", 479, 540, 190, 190 + H)])
    table = parse_table(_lines(heading, years, *rows), load_lexicon(), 2017)
    previous = [c for c in table.columns if c.role == "previous"]
    assert len(previous) == 1 and previous[0].x0 >= 504 and previous[0].x1 == 540
    last_year = {r.label: a.value for r in table.rows for a in r.amounts if a.column == "previous"}
    assert {k: last_year.get(k) for k in ("Rad0", "Rad1", "Rad2", "Rad4", "Rad5")} == {
        "Rad0": -46, "Rad1": -321, "Rad2": 588, "Rad4": 222, "Rad5": 5734}


def test_an_edge_shadow_read_as_a_digit_in_a_scans_margin_is_no_label_word():
    """Untuned variety-93: the scanner's dark edge read as "0", 32 pt wide from the page's
    edge, before "Förutbetalda kostnader": the row's label began with it and its figures
    were stored under a key never printed, sure. A word in the margin band before the text's
    edge far wider than its characters is a mark, digit or not; an outdented note number
    (as wide as its digits) stays."""
    from core.types import Page
    from tests.words import words as placed

    def row(y: float, label: str, cur: str, prev: str) -> list[Word]:
        return placed(y, (label, 56), (cur, 480 - 5 * len(cur)), (prev, 540 - 5 * len(prev)))
    rows = [row(100 + 14 * k, *r) for k, r in enumerate(
        [("Fordran", "123", "80"), ("Kundfordringar", "112", "69"), ("Summa", "358", "219")])]

    def label_of(mark: Word) -> list[str]:
        ws = [replace(w, confidence=0.95) for r in [*rows, row(142, "Förutbetalda", "154", "87")]
              for w in r] + [mark]
        line = next(ln for ln in page_lines(Page(1, 595, 842, ws, source="ocr"))
                    if "Förutbetalda" in ln.text)
        return [w.text for w in line.label_words]
    assert label_of(Word("0", 0, 32, 142, 152, confidence=0.95)) == ["Förutbetalda"]
    assert label_of(Word("5", 30, 35, 142, 152, confidence=0.95)) == ["5", "Förutbetalda"]


def test_a_scanned_figure_opening_with_a_zero_is_doubtful():
    # "17 908" read as "17" and "08" (the 9 lost): no printer sets "08"; its leading digits
    # were lost, so the figure "08" stands for is not known.
    row = [Word(t, x0, x1, 620, 630, confidence=0.95) for t, x0, x1 in (
        ("Summa", 66, 96), ("intäkter", 99, 135), ("17", 427, 437), ("08", 446, 458),
        ("17389", 467, 499))]
    (line,) = page_lines(Page(5, 595, 842, row, source="ocr"))
    assert [(c.value, c.confidence < 0.8) for c in line.cells] == [
        (17, False), (8, True), (17389, False)]
    # "0" alone is printed so.
    row = [Word(t, x0, x1, 620, 630, confidence=0.95) for t, x0, x1 in (
        ("Finansnetto", 66, 120), ("0", 433, 437), ("12", 489, 499))]
    (line,) = page_lines(Page(5, 595, 842, row, source="ocr"))
    assert [c.confidence for c in line.cells] == [0.95, 0.95]
    assert make_cell([Word("—08", 433, 450, 620, 630, confidence=0.95)]).confidence < 0.8


def test_a_scanned_cost_lines_figures_of_both_signs_are_doubtful_the_fewer_sign():
    # "Kostnader  −13 459  −13 722  −12 571" read "13459  −13722  −12571" (variety-176, scan
    # seed 31: the budget's minus lost, stored +13 459 000 at 0.85). A table prints its
    # costs with one sign: the figure of the fewer sign is doubtful; a result line's figures
    # may carry both signs as printed, and a born-digital line is as printed.
    from core.settings import DIGITAL
    heading = _words(50, ("Resultaträkning", 57))
    years = _words(64, ("Budget", 380), ("2015", 440), ("2014", 510))
    costs = _words(80, ("Kostnader", 57), ("13459", 380), ("-13722", 440), ("-12571", 510))
    result = _words(96, ("Resultat", 57), ("-470", 395), ("-733", 455), ("683", 525))
    rows = _ocr_statement("resultatrakning", heading, years, _read_as(0.95, costs),
                          _read_as(0.95, result))
    assert [(a.value, a.confidence < DIGITAL.checks.uncertain_below)
            for a in rows["verksamhetens_kostnader"].amounts] == [
        (13459, True), (-13722, False), (-12571, False)]
    assert all(a.confidence >= DIGITAL.checks.uncertain_below
               for a in rows["verksamhetens_resultat"].amounts)
    printed = _ocr_statement("resultatrakning", heading, years, costs, result, ocr=False)
    assert all(a.confidence == 1 for a in printed["verksamhetens_kostnader"].amounts)


def test_a_scanned_notes_garbled_title_leaves_its_rows_doubtful():
    # "Not 1 Vert p inta h bid" for "Verksamhetens intäkter och bidrag" (variety-183, scan
    # seed 32): no lexicon title, so its slug keyed every row, at 0.85, under a key nobody
    # printed. A title with a word of no language in it leaves them doubtful; an unknown
    # title of words ("Projektmedel") keys its rows as before.
    from core.lexicon import load_lexicon
    from core.settings import DIGITAL
    from parsers.notes import parse_note
    from parsers.sections import Section

    def note(*title: tuple[str, float]):
        found = _lines(
            _read_as(0.95, _words(62, ("Not", 60), ("1", 80), *title)),
            _read_as(0.95, _words(86, ("2025", 447), ("2024", 510))),
            _read_as(0.95, _words(112, ("Bidrag", 59), ("305", 440), ("456", 460), ("80", 512),
                                  ("837", 525))))
        text = " ".join(t for t, _ in title)
        return parse_note(Section("note", found[0].text, found, 1, text), load_lexicon(), 2025)
    garbled = note(("Vert", 90), ("p", 115), ("inta", 125), ("h", 150), ("bid", 160))
    assert max(a.confidence for r in garbled.rows for a in r.amounts) < DIGITAL.checks.uncertain_below
    unknown = note(("Projektmedel", 90))
    assert min(a.confidence for r in unknown.rows for a in r.amounts) >= DIGITAL.checks.uncertain_below


def test_a_scanned_statement_row_named_by_a_word_the_lexicon_lacks_stays_sure():
    # Review: a bank's or a cost centre's name ("Swedbank", "Momsfordran") is no word of the
    # lexicon, yet a label as printed: an unkeyed row of such words keeps its confidence (a
    # cap on labels of unknown words alone had left whole tables of names doubtful).
    from core.settings import DIGITAL
    heading = _words(50, ("Balansräkning", 57))
    years = _words(64, ("2015", 440), ("2014", 510))
    row = _words(80, ("Swedbank", 57), ("7146236", 490))
    (got,) = _ocr_statement("balansrakning", heading, years, _read_as(0.95, row)).values()
    assert got.key_match == "unkeyed"
    assert all(a.confidence >= DIGITAL.checks.uncertain_below for a in got.amounts)
