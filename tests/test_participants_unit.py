"""The participant reader (parsers/participants.py), word by word: a count's insats,
measure, group and year from its column heading, row label or block heading."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.lexicon import load_lexicon
from core.settings import DIGITAL
from core.types import Page, Word
from parsers.layout import page_lines
from parsers.participants import parse_participants
from parsers.sections import Section
from tests.words import lines, text_line, words


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _read(lexicon, kind: str, *rows, fiscal_year: int = 2024, document_unit: str | None = None):
    found = lines(*rows)
    counts = parse_participants(Section(kind, found[0].text, found), lexicon, fiscal_year,
                                document_unit=document_unit)
    return {(c.insats, c.measure, c.group, c.period_year, c.source_table): c.value
            for c in counts}


def test_summary_table_measures_from_column_headings(lexicon):
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Deltagare", 250), ("Nya", 335), ("Avslutade", 400)),
                words(116, ("Kompass", 50), ("40", 270), ("22", 345), ("18", 420)),
                words(132, ("KRUS", 50), ("12", 270), ("7", 350), ("5", 425)),
                words(148, ("Summa", 50), ("52", 270), ("29", 345), ("23", 420)))
    assert got == {
        ("Kompass", "deltagare", "total", 2024, "summary"): 40,
        ("Kompass", "nya", "total", 2024, "summary"): 22,
        ("Kompass", "avslutade", "total", 2024, "summary"): 18,
        ("KRUS", "deltagare", "total", 2024, "summary"): 12,
        ("KRUS", "nya", "total", 2024, "summary"): 7,
        ("KRUS", "avslutade", "total", 2024, "summary"): 5,
        # The SUMMA row counts for all insatser: insats "".
        ("", "deltagare", "total", 2024, "summary"): 52,
        ("", "nya", "total", 2024, "summary"): 29,
        ("", "avslutade", "total", 2024, "summary"): 23,
    }


def test_a_heading_whose_words_ocr_set_a_hair_apart_reads_left_to_right(lexicon):
    """"Nya delt." of a 300 dpi scan with "delt." boxed 0.2 pt above "Nya": one heading
    line, read left to right (not "delt. Nya", the deltagare)."""
    from dataclasses import replace
    head = words(100, ("Insats", 50), ("Totalt", 225), ("delt.", 250), ("Nya", 320), ("delt.", 340))
    head = [replace(w, top=w.top - 0.2, bottom=w.bottom - 0.2) if i == 4 else w
            for i, w in enumerate(head)]
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"), head,
                words(116, ("Kompass", 50), ("40", 265), ("22", 355)),
                words(132, ("KRUS", 50), ("12", 265), ("7", 360)))
    assert got[("Kompass", "nya", "total", 2024, "summary")] == 22
    assert got[("KRUS", "deltagare", "total", 2024, "summary")] == 12
    assert ("KRUS", "nya", "total", 2024, "summary") in got


def test_a_heading_word_boxed_over_its_neighbour_names_no_column(lexicon):
    """"Totalt antal / delt." and "Nya delt." on a hard serif scan: OCR boxed the first
    "delt." on over "Nya" (its box reaching to Nya's end). Nya, in no column's span, goes with
    the word a space beside it, "delt." of its own heading; the box it lies inside is no
    neighbour (two printed words never overlap), or the nya column reads as deltagare."""
    head = words(110, ("Insats", 57), ("delt.", 228), ("Nya", 271), ("delt.", 290), ("delt.", 354))
    head[1] = replace(head[1], x1=288.0)
    head[2] = replace(head[2], x1=288.0)
    got = _read(lexicon, "deltagare", text_line(70, "Insatsredovisning"),
                words(94, ("Totalt", 194), ("antal", 227), ("Avslutade", 328)),
                head,
                words(123, ("Kompass", 57), ("17", 240), ("5", 307), ("8", 369)),
                words(138, ("KRUS", 57), ("24", 240), ("13", 302), ("11", 364)))
    assert got[("Kompass", "deltagare", "total", 2024, "summary")] == 17
    assert got[("Kompass", "nya", "total", 2024, "summary")] == 5
    assert got[("KRUS", "nya", "total", 2024, "summary")] == 13
    assert got[("KRUS", "avslutade", "total", 2024, "summary")] == 11


@pytest.mark.parametrize("mark", [".", ",", ":", "‘"])
def test_a_point_a_speck_left_between_a_rows_figures_keeps_the_row_in_its_table(lexicon, mark):
    """A hard scan's speck read "." between a summary row's figures: a cell of no value that
    made the row no row of counts, so the table began a row later and the first insats's
    counts were all lost. A point, comma, colon or quote alone is a speck (no count prints
    so)."""
    from core.types import Cell

    def scanned(ws):
        return [replace(w, confidence=0.95) for w in ws]
    found = lines(text_line(70, "Insatsredovisning"),
                  scanned(words(123, ("Insats", 57), ("Budget", 216), ("Deltagare", 262), ("Nya", 355))),
                  scanned(words(139, ("Bron", 57), ("15", 240), ("59", 300), ("27", 363))),
                  scanned(words(154, ("Kompass", 57), ("40", 240), ("34", 300), ("16", 363))),
                  scanned(words(169, ("Summa", 57), ("55", 240), ("93", 300), ("43", 363))))
    speck = Word(mark, 283.0, 284.0, 143.0, 144.0, confidence=0.95)  # boxed a point high
    bron = found[2]
    found[2] = replace(bron, words=[*bron.words, speck],
                       cells=[bron.cells[0], Cell([speck], None, 0.0), *bron.cells[1:]])
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
    got = {c.measure: c.value for c in counts if c.value is not None and c.insats == "Bron"}
    assert got == {"budget_deltagare": 15, "deltagare": 59, "nya": 27}  # each in its column


def test_a_line_of_specks_alone_above_a_table_fails_no_file(lexicon):
    """A hard scan (variety-183, scan seed 32): a line OCR read as one speck, a cell of its
    own, just above a table's heading line. Its speck dropped, the line had no words, and
    measuring its height raised: the whole file failed ("internal error while parsing").
    Nothing was printed there: the table reads."""
    from core.types import Cell
    found = lines(text_line(70, "Insatsredovisning"),
                  _scanned(words(123, ("Insats", 57), ("Budget", 216), ("Deltagare", 262))),
                  _scanned(words(139, ("Bron", 57), ("15", 240), ("59", 300))),
                  _scanned(words(154, ("Summa", 57), ("15", 240), ("59", 300))))
    speck = Word(".", 283.0, 284.0, 112.0, 113.0, confidence=0.95)
    found.insert(1, replace(found[1], words=[speck], label_words=[],
                            cells=[Cell([speck], None, 0.0)]))
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
    assert {c.measure: c.value for c in counts if c.insats == "Bron"} == {
        "budget_deltagare": 15, "deltagare": 59}


def test_counts_ocr_boxed_over_two_columns_run_no_columns_together(lexicon):
    """A hard scan's summary (variety-182, scan seed 32): a ruling line through one row left
    its first counts boxed far wider than their digits ("20" over 199-236, "56" over
    237-325), across the budget's and the participants' columns. The two columns ran
    together and the budget column was lost for every row. Found without those cells, the
    columns stand; each wide cell joins the column its middle is nearest."""
    wide = [Word("Fyrbåken", 56, 100, 171, 180, confidence=0.95),
            Word("20", 199, 236, 171, 180, confidence=0.95),
            Word("56", 237, 325, 171, 180, confidence=0.95),
            Word("16", 363, 373, 171, 180, confidence=0.95)]
    found = lines(text_line(70, "Insatsredovisning"),
                  _scanned(words(123, ("Insats", 57), ("Budget", 215), ("Deltagare", 262),
                                 ("Nya", 355))),
                  _scanned(words(139, ("Ankaret", 57), ("20", 238), ("39", 300), ("12", 363))),
                  _scanned(words(155, ("Vägvisaren", 57), ("25", 238), ("54", 300), ("17", 363))),
                  wide)
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
    got = {(c.insats, c.measure): c.value for c in counts}
    assert {k: v for k, v in got.items() if k[0] == "Ankaret"} == {
        ("Ankaret", "budget_deltagare"): 20, ("Ankaret", "deltagare"): 39, ("Ankaret", "nya"): 12}
    assert (got[("Fyrbåken", "budget_deltagare")], got[("Fyrbåken", "deltagare")]) == (20, 56)


def test_a_line_of_a_scans_mark_between_two_rows_ends_no_table(lexicon):
    """A hard scan's summary (variety-102, scan seed 22): a rule's "-" far right of the
    columns, read as a line of its own between the first two rows. The table ended there,
    and the rows after it (two insatser and the total) were lost. A line with a letter or
    a figure still ends it."""
    def scanned(ws):
        return [replace(w, confidence=0.95) for w in ws]

    def read(between: str) -> dict:
        found = lines(text_line(70, "Insatsredovisning"),
                      scanned(words(111, ("Insats", 56), ("delt.", 227), ("Pågående", 264))),
                      scanned(words(125, ("Horisonten", 56), ("30", 238), ("16", 300))),
                      scanned(words(141, ("Kugghjulet", 56), ("22", 238), ("11", 300))),
                      scanned(words(156, ("SUMMA", 56), ("52", 238), ("27", 300))))
        mark = lines(scanned([Word(between, 515.0, 517.0, 134.0, 135.0)]))[0]
        found.insert(3, mark)
        counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
        return {(c.insats, c.measure): c.value for c in counts}
    whole = {("Horisonten", "deltagare"): 30, ("Horisonten", "pagaende"): 16,
             ("Kugghjulet", "deltagare"): 22, ("Kugghjulet", "pagaende"): 11,
             ("", "deltagare"): 52, ("", "pagaende"): 27}
    assert read("-") == whole
    # A speck's "." boxed as a line of its own, read as its label (variety-171, scan seed
    # 30: the rows after it read as a table without headings, the budget column's sum lost).
    assert lines([Word(".", 515.0, 517.0, 134.0, 135.0, confidence=0.95)])[0].label_words
    assert read(".") == whole
    assert ("Kugghjulet", "deltagare") not in read("x")


def test_a_rows_label_read_a_second_time_just_below_it_ends_no_table(lexicon):
    """A hard scan's summary (variety-113, scan seed 23): the first row's "Vindrosen" read
    again 6 pt below it, without its counts. The table ended at it and the rows after it
    read under no heading: every insats's "Avslutade" counted as its deltagare. A label of
    another row, or the same words a line further down, still ends it."""
    def scanned(ws):
        return [replace(w, confidence=0.95) for w in ws]

    def read(again: str, top: float) -> dict:
        found = lines(text_line(70, "Insatsredovisning"),
                      scanned(words(95, ("Totalt", 227), ("antal", 258), ("Avslutade", 296))),
                      scanned(words(110, ("Insats", 56), ("delt.", 250), ("delt.", 320))),
                      scanned(words(124, ("Vindrosen", 56), ("40", 258), ("23", 330))),
                      scanned(words(139, ("Ankaret", 56), ("17", 258), ("7", 335))),
                      scanned(words(154, ("Summa", 56), ("57", 258), ("30", 330))))
        found.insert(4, lines(scanned(words(top, (again, 56))))[0])
        counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
        return {(c.insats, c.measure): c.value for c in counts}
    assert read("Vindrosen", 130) == {
        ("Vindrosen", "deltagare"): 40, ("Vindrosen", "avslutade"): 23,
        ("Ankaret", "deltagare"): 17, ("Ankaret", "avslutade"): 7,
        ("", "deltagare"): 57, ("", "avslutade"): 30}
    assert ("Ankaret", "avslutade") not in read("Kompass", 130)
    assert ("Ankaret", "avslutade") not in read("Vindrosen", 136)


def test_a_form_row_of_groups_alone_has_no_total_from_its_first_group(lexicon):
    """"Nya deltagare 8 kvinnor och 5 män" (the total 13 printed before them, dropped by OCR;
    or never printed): 8 is the women's count, not the row's total."""
    got = _read(lexicon, "insatsrapport", text_line(80, "Insatsens namn: Trampolinen"),
                text_line(96, "Deltagare"),
                text_line(112, "Deltagare under året 20 9 kvinnor och 11 män"),
                text_line(128, "Nya deltagare 8 kvinnor och 5 män"))
    assert got[("", "deltagare", "total", 2024, "form")] == 20
    assert got[("", "deltagare", "kvinnor", 2024, "form")] == 9
    assert got[("", "nya", "kvinnor", 2024, "form")] == 8
    assert got[("", "nya", "man", 2024, "form")] == 5
    assert ("", "nya", "total", 2024, "form") not in got  # the insats: the section title


def test_history_table_a_row_per_year(lexicon):
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("År", 50), ("Deltagare", 250), ("Nya", 335), ("Avslutade", 400)),
                words(116, ("2022", 50), ("80", 270), ("40", 345), ("35", 420)),
                words(132, ("2023", 50), ("93", 270), ("51", 345), ("44", 420)))
    assert got[("", "deltagare", "total", 2022, "history")] == 80
    assert got[("", "avslutade", "total", 2023, "history")] == 44
    assert len(got) == 6 and all(k[4] == "history" for k in got)


def test_statistics_table_groups_from_columns_and_measures_from_rows(lexicon):
    got = _read(lexicon, "insatsrapport", text_line(80, "Insatsens namn: Kompass"),
                words(100, ("Totalt", 250), ("Kvinnor", 330), ("Män", 410)),
                words(116, ("Antal", 50), ("deltagare", 80), ("40", 270), ("25", 350),
                      ("15", 420)),
                words(132, ("Nya", 50), ("deltagare", 80), ("20", 270), ("12", 350), ("8", 420)))
    assert {(m, g): v for (_, m, g, _, _), v in got.items()} == {
        ("deltagare", "total"): 40, ("deltagare", "kvinnor"): 25, ("deltagare", "man"): 15,
        ("nya", "total"): 20, ("nya", "kvinnor"): 12, ("nya", "man"): 8}


def test_label_count_pairs_in_a_form(lexicon):
    got = _read(lexicon, "insatsrapport", text_line(80, "Insatsens namn: Kompass"),
                text_line(100, "Ålder på nyinskrivna deltagare"),
                words(116, ("18-24", 50), ("år", 80), ("7", 100), ("25-29", 150), ("år", 180),
                      ("4", 200)),
                text_line(140, "Antal avslutade deltagare 24 st"))
    assert {m: v for (_, m, _, _, _), v in got.items()} == {
        "aldersspann_18_24": 7, "aldersspann_25_29": 4, "avslutade": 24}


def test_a_count_glued_to_its_unit_by_ocr_is_read(lexicon):
    # "5 st." read as "5st.=" on a scan: the count is 5; "18år" (no count unit) is no count.
    got = _read(lexicon, "insatsrapport", text_line(80, "Insatsens namn: Steget"),
                text_line(100, "Antal avslutade deltagare 5st.="),
                text_line(116, "Antal nya deltagare 12st"))
    assert {m: v for (_, m, _, _, _), v in got.items()} == {"avslutade": 5, "nya": 12}


def test_a_number_before_a_unit_is_part_of_the_label(lexicon):
    # "Mer än 7 år  3": 7 belongs to the label (a unit follows it), 3 is the count.
    got = _read(lexicon, "insatsrapport", text_line(80, "Insatsens namn: Kompass"),
                text_line(100, "Tid i offentlig försörjning"),
                words(116, ("Mer", 50), ("än", 70), ("7", 85), ("år", 92), ("3", 130)))
    assert list(got.values()) == [3]
    assert next(iter(got))[1] == "tid_forsorjning_mer_an_7_ar"


def test_a_count_with_a_stray_mark_is_read_less_sure(lexicon):
    found = lines(text_line(80, "Insatsens namn: Kompass"),
                  text_line(100, "Tid i offentlig försörjning"),
                  words(116, ("Kvinnor", 50), ("12'", 250)))
    (count,) = parse_participants(Section("insatsrapport", found[0].text, found), lexicon, 2024)
    assert count.value == 12 and count.confidence < 1


def test_a_row_label_that_is_also_a_block_heading_keeps_its_counts(lexicon):
    # "Deltagare under året" and "Avslutade deltagare" also head blocks: with a count right
    # after them they are rows, counts beside prose ("42  21 kvinnor och 21 män").
    got = _read(lexicon, "insatsrapport", text_line(80, "Insatsens namn: Fyren"),
                text_line(100, "Deltagare"),
                text_line(116, "Deltagare under året 42 21 kvinnor och 21 män"),
                text_line(132, "Nya deltagare 10 2 kvinnor och 8 män"),
                text_line(148, "Avslutade deltagare 26 4 kvinnor och 22 män"),
                text_line(170, "Avslut"),
                words(186, ("Till", 50), ("arbete", 75), ("5", 270)))
    assert {(m, g): v for (_, m, g, _, _), v in got.items()} == {
        ("deltagare", "total"): 42, ("deltagare", "kvinnor"): 21, ("deltagare", "man"): 21,
        ("nya", "total"): 10, ("nya", "kvinnor"): 2, ("nya", "man"): 8,
        ("avslutade", "total"): 26, ("avslutade", "kvinnor"): 4, ("avslutade", "man"): 22,
        ("till_arbete", "total"): 5}


def test_a_summary_heading_ocr_read_a_letter_off_names_its_column_doubtfully(lexicon):
    """A hard scan's summary (variety-123, scan seed 24): "Budget" read "Budger". The column
    named nothing and the budget of every insats was lost. A heading of six letters or more
    one letter off one phrase is that phrase, loosely (its counts' key_match says so, as a
    look-alike reading's does). A shorter heading a letter off ("Nyx") names nothing."""
    assert lexicon.participant_column_match("Budger") == ("measure:budget_deltagare", 90.0)
    assert lexicon.participant_column_match("Nyx") is None
    # A word of the headings is no slip of another (review: "Varav mål" became the men,
    # "Män antal deltagare" a budget, "Därav män" loose).
    for heading, meaning in (("Varav mål", "target"), ("Män antal deltagare", "measure:deltagare"),
                             ("Därav män", "group:man")):
        assert lexicon.participant_column_match(heading) == (meaning, 100.0)

    def scanned(ws):
        return [replace(w, confidence=0.95) for w in ws]
    found = lines(text_line(70, "Deltagare i insatserna"),
                  scanned(words(100, ("Insats", 56), ("Budger", 230), ("Deltagare", 290))),
                  scanned(words(116, ("Trampolinen", 56), ("30", 245), ("41", 310))),
                  scanned(words(132, ("Ankaret", 56), ("15", 245), ("37", 310))))
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2019)
    budget = [(c.insats, c.value, c.key_match) for c in counts if c.measure == "budget_deltagare"]
    assert budget == [("Trampolinen", 30, "fuzzy:90"), ("Ankaret", 15, "fuzzy:90")]


# --- VARIETY.md's people wordings: "Antal …" before a measure, exits by outcome as columns --


@pytest.mark.parametrize("heading, meaning", [
    ("Antal nya", "measure:nya"),
    ("Antal avslutade under året", "measure:avslutade"),
    ("Antal pågående 31/12", "measure:pagaende"),
    ("Antal", "value"),
    ("Fortsatt rehab", "measure:fortsatt_rehabilitering"),
    ("Slut pga sjukdom", "measure:avslut_sjukdom"),
    ("Avbrutet samarbete", "measure:avbrutet_samarbete"),
    ("Gemensam kartläggning", "measure:gemensam_kartlaggning"),
])
def test_people_column_headings(lexicon, heading, meaning):
    assert lexicon.participant_column_match(heading) == (meaning, 100.0)


@pytest.mark.parametrize("label, key", [
    ("Antal nya", "nya"), ("Antal avslutade under året", "avslutade"),
    ("Antalet inskrivna", "deltagare"),
])
def test_people_row_labels_after_a_count_word(lexicon, label, key):
    assert lexicon.participant_row_match("deltagare", label) == (key, 100.0)


def test_a_short_word_of_a_variant_is_no_scan_noise(lexicon):
    # "nya" is a word of the table: "Antal nya" is not "Antal" with a speck after it.
    assert lexicon.participant_column_match("Antal nya")[0] != "value"
    # A short word no variant holds still is ("Verksamhetens intäkter nee").
    hit = lexicon.statement_match("resultatrakning", "Verksamhetens intäkter nee")
    assert hit.key == "verksamhetens_intakter" and hit.key_match.startswith("fuzzy")
    # ... after a label of cut words, whose full stops say so ("Kortfr. fordr. ge": the
    # noise was dropped from the folded label, and its cut words were then no longer cut).
    hit = lexicon.statement_match("balansrakning", "Kortfr. fordr. ge")
    assert hit.key == "fordringar" and hit.key_match.startswith("fuzzy")


def test_an_exit_table_with_outcome_columns(lexicon):
    got = _read(lexicon, "deltagare", text_line(80, "Avslutade deltagare"),
                words(100, ("Insats", 50), ("Arbete", 200), ("Studier", 260),
                      ("Fortsatt", 320), ("rehab", 362), ("Avbrutet", 420), ("samarbete", 462)),
                words(116, ("Kompass", 50), ("4", 215), ("3", 275), ("6", 345), ("2", 450)))
    assert {k[1]: v for k, v in got.items()} == {
        "till_arbete": 4, "till_studier": 3, "fortsatt_rehabilitering": 6,
        "avbrutet_samarbete": 2}


def test_a_full_stop_ocr_set_after_an_insats_name_is_no_part_of_it(lexicon):
    # A hard scan's summary table: "Mötesplatsen." (a speck), as its bilaga names it without.
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Deltagare", 250), ("Avslutade", 400)),
                words(116, ("Mötesplatsen.", 50), ("58", 270), ("34", 420)),
                words(132, ("Vindrosen", 50), ("46", 270), ("27", 420)))
    assert {k[0] for k in got} == {"Mötesplatsen", "Vindrosen"}


def test_a_form_row_whose_total_is_not_printed_reads_its_groups_only(lexicon):
    # A hard scan lost the total before "16 kvinnor och 20 män": 16 is the women, no total.
    got = _read(lexicon, "insatsrapport", text_line(80, "Deltagare"),
                text_line(100, "Deltagare under året 16 kvinnor och 20 män"),
                text_line(116, "Avslutade deltagare 11 5 kvinnor och 6 män"))
    assert got[("", "deltagare", "kvinnor", 2024, "form")] == 16
    assert got[("", "deltagare", "man", 2024, "form")] == 20
    assert ("", "deltagare", "total", 2024, "form") not in got
    assert got[("", "avslutade", "total", 2024, "form")] == 11


def test_a_dash_a_scan_set_after_a_forms_count_ends_the_count(lexicon):
    # "Nya deltagare 13 — 8 kvinnor och 5 män": a speck read as an em dash after the total.
    got = _read(lexicon, "insatsrapport", text_line(80, "Deltagare"),
                text_line(100, "Nya deltagare 13 — 8 kvinnor och 5 män"))
    assert got[("", "nya", "total", 2024, "form")] == 13
    assert got[("", "nya", "kvinnor", 2024, "form")] == 8


def test_marks_specks_left_around_an_insats_name_are_no_part_of_it(lexicon):
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Deltagare", 250), ("Avslutade", 400)),
                words(116, ("‘Horisonten", 50), ("42", 270), ("11", 420)),
                words(132, ("Vägvisaren", 50), ("=", 110), ("20", 270), ("6", 420)),
                words(148, ("KRUS", 50), ("(Kalmar)", 80), ("12", 270), ("5", 420)))
    assert {k[0] for k in got} == {"Horisonten", "Vägvisaren", "KRUS (Kalmar)"}


def test_heading_words_a_point_apart_in_height_are_one_line(lexicon):
    # A scan: "delt." of "Nya delt." set a point above "Nya": the heading reads "Nya delt.".
    head = [*words(95, ("Antal", 349)), *words(110, ("avslutade", 328))]
    row = [Word("Insats", 55, 84, 128, 138), Word("Antal", 200, 225, 125, 135),
           Word("delt.", 228, 248, 124, 134), Word("Nya", 269, 287, 125, 135),
           Word("delt.", 290, 312, 124, 134), Word("delt.", 352, 374, 125, 135)]
    got = _read(lexicon, "deltagare", text_line(60, "Deltagare i insatserna"), head, row,
                words(142, ("Vindrosen", 55), ("31", 239), ("8", 307), ("8", 369)))
    assert got[("Vindrosen", "nya", "total", 2024, "summary")] == 8
    assert got[("Vindrosen", "deltagare", "total", 2024, "summary")] == 31


def _summary(lexicon, total_label: tuple[str, ...], total: tuple[str, str]):
    found = lines(text_line(80, "Deltagare i insatserna"),
                  words(100, ("Insats", 50), ("Deltagare", 250), ("Nya", 335)),
                  words(116, ("Kompass", 50), ("40", 270), ("22", 345)),
                  words(132, ("KRUS", 50), ("12", 270), ("7", 350)),
                  words(148, ("Steget", 50), ("9", 275), ("4", 350)),
                  words(164, *[(w, 50 + 60 * i) for i, w in enumerate(total_label)],
                        (total[0], 270), (total[1], 345)))
    return parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)


def test_a_total_row_of_any_wording_is_known_by_its_sums(lexicon):
    # A wording the lexicon does not know as a total.
    counts = _summary(lexicon, ("Insatserna", "ihop"), ("61", "33"))
    total = {c.measure: c for c in counts if c.insats == ""}
    assert {m: c.value for m, c in total.items()} == {"deltagare": 61, "nya": 33}
    assert {c.key_match for c in total.values()} == {"arithmetic"}
    assert "Insatserna ihop" not in {c.insats for c in counts}


def test_a_last_row_that_does_not_add_up_stays_an_insats(lexicon):
    # 61 deltagare adds up, 30 nya does not: the row is an insats of its own, as printed.
    counts = _summary(lexicon, ("Insatserna", "ihop"), ("61", "30"))
    assert "" not in {c.insats for c in counts}
    assert {c.value for c in counts if c.insats == "Insatserna ihop"} == {61, 30}


def test_one_column_that_adds_up_by_chance_keeps_its_insats(lexicon):
    # "Insats | Deltagare" with Navet printing 10 = 5 + 3 + 2: one sum proves nothing about a
    # row named like an insats (its count would become the förbund's, insats lost).
    found = lines(text_line(80, "Deltagare i insatserna"),
                  words(100, ("Insats", 50), ("Deltagare", 250)),
                  words(116, ("Kompass", 50), ("5", 275)),
                  words(132, ("KRUS", 50), ("3", 275)),
                  words(148, ("Steget", 50), ("2", 275)),
                  words(164, ("Navet", 50), ("10", 270)))
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
    assert {c.insats: c.value for c in counts} == {"Kompass": 5, "KRUS": 3, "Steget": 2, "Navet": 10}


def _scanned(row: list) -> list:
    from dataclasses import replace
    return [replace(w, confidence=0.95) for w in row]


@pytest.mark.parametrize(("text", "doubtful"), [
    # OCR lost "kvinnor" and read 11 as 2: the 7 has no group, so the groups are doubtful.
    ("Totalt antal deltagare under året 18 st (7 Keine: 2 män, 0 ej angivet)", {"man", "icke_binar"}),
    # Every figure has its group but they do not add up to the row's count: all doubtful.
    ("Totalt antal deltagare under året 18 st (7 kvinnor, 2 män, 0 ej angivet)",
     {"total", "kvinnor", "man", "icke_binar"}),
    # A row that adds up keeps the OCR confidence.
    ("Totalt antal deltagare under året 18 st (7 kvinnor, 11 män, 0 ej angivet)", set()),
    # One group only ("varav 7 kvinnor") is a part, not a split of the whole: nothing to add up.
    ("Totalt antal deltagare under året 18 st varav 7 kvinnor", set()),
    ("Totalt antal deltagare under året 18 st (varav 11 män)", set()),
    # A part larger than the whole breaks, whatever groups are named.
    ("Totalt antal deltagare under året 18 st varav 21 kvinnor", {"total", "kvinnor"}),
])
def test_a_scanned_row_whose_groups_break_is_doubtful(lexicon, text, doubtful):
    found = lines(text_line(80, "Insatsens namn: Kompass"), _scanned(text_line(100, text)))
    counts = parse_participants(Section("insatsrapport", found[0].text, found), lexicon, 2024)
    got = {c.group for c in counts if c.measure == "deltagare" and c.confidence < 0.8}
    assert got == doubtful
    assert {c.group for c in counts if c.measure == "deltagare"} >= doubtful


@pytest.mark.parametrize("heading", ["Deltagare sedan 2015", "Totalt sedan 2012", "Deltagare sedan start",
                                     "Ackumulerat antal deltagare", "Deltagare hittills"])
def test_a_count_since_the_start_is_no_count_of_the_year(lexicon, heading):
    # "Deltagare sedan 2015": everyone since the insats began, neither 2015's count nor
    # this year's.
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Nya", 200),
                      *[(w, 260 + 50 * i) for i, w in enumerate(heading.split())]),
                words(116, ("Kompass", 50), ("22", 210), ("140", 280)),
                words(132, ("KRUS", 50), ("7", 215), ("61", 280)))
    assert got == {("Kompass", "nya", "total", 2024, "summary"): 22,
                   ("KRUS", "nya", "total", 2024, "summary"): 7}


def _measure_rows_under(lexicon, heads: tuple[str, ...], step: float):
    """Counts of "Antal | <heads>" over a Nya and an Avslutade row, columns ``step`` apart."""
    found = lines(text_line(80, "Deltagare i insatserna"),
                  words(100, ("Antal", 50), *[(h, 200 + step * i) for i, h in enumerate(heads)]),
                  words(116, ("Nya", 50), *[(str(5 + i), 210 + step * i) for i in range(len(heads))]),
                  words(132, ("Avslutade", 50), *[(str(2 + i), 210 + step * i) for i in range(len(heads))]))
    return parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)


@pytest.mark.parametrize("heads", [("Kommun", "Region"),
                                   ("Försäkringskassan", "Arbetsförmedlingen", "Övriga")])
def test_counts_under_several_unknown_headings_are_doubtful(lexicon, heads):
    # "Antal | Kommun | Region" over measure rows: each row has two counts for one key (the
    # förbund's nya), neither of them its total; which is the row's count is not known.
    counts = _measure_rows_under(lexicon, heads, 100)
    assert counts and all(c.confidence < 0.8 and c.key_match == "unkeyed" for c in counts)


def test_one_unknown_heading_is_the_rows_count(lexicon):
    found = lines(text_line(80, "Deltagare i insatserna"),
                  words(100, ("Antal", 50), ("Helår", 200)),
                  words(116, ("Nya", 50), ("5", 210)), words(132, ("Avslutade", 50), ("2", 210)))
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
    assert {(c.measure, c.value, c.confidence) for c in counts} == {("nya", 5, 1.0), ("avslutade", 2, 1.0)}


@pytest.mark.parametrize("heads", [("Kvartal 1", "Kvartal 2", "Kvartal 3"), ("Jan-apr", "Maj-aug", "Sep-dec"),
                                   ("Tertial 1", "Tertial 2"), ("Kv 1", "Kv 2", "Kv 3", "Kv 4"),
                                   ("Kv1", "Kv2", "Kv3")])
def test_periods_as_columns_are_no_insatser(lexicon, heads):
    # "Antal | Kvartal 1 | Kvartal 2" over measure rows: parts of the year, not insatser
    # (digits and month names are no name).
    counts = _measure_rows_under(lexicon, heads, 90)
    assert counts and not {c.insats for c in counts} & set(heads)
    assert all(c.confidence < 0.8 and c.group == "total" for c in counts)


@pytest.mark.parametrize("word", ["Utfall", "Antal"])
def test_a_plain_count_heading_with_its_year_dates_the_count(lexicon, word):
    # "Antal | Utfall 2023 | Utfall 2024": last year's column was stored as this year's.
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Antal", 50), (f"{word} 2023", 200), (f"{word} 2024", 300)),
                words(116, ("Nya", 50), ("5", 220), ("6", 320)),
                words(132, ("Avslutade", 50), ("15", 215), ("16", 315)))
    assert got == {("", "nya", "total", 2023, "summary"): 5, ("", "nya", "total", 2024, "summary"): 6,
                   ("", "avslutade", "total", 2023, "summary"): 15,
                   ("", "avslutade", "total", 2024, "summary"): 16}


def test_a_measure_row_under_another_measures_column_is_doubtful(lexicon):
    # Ages as rows, "Nya | Avslutade" as columns: each count is of an age and a measure, a key
    # the reader has not; stored as the column's measure, three rows give three "nya" counts
    # of which the first was taken, sure.
    found = lines(text_line(80, "Deltagare i insatserna"),
                  words(100, ("Ålder", 50), ("Nya", 200), ("Avslutade", 290)),
                  words(116, ("18-24 år", 50), ("5", 210), ("6", 300)),
                  words(132, ("25-29 år", 50), ("15", 205), ("16", 295)))
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
    assert len(counts) == 4
    assert all(c.confidence < 0.8 and c.key_match == "unkeyed" for c in counts)


def test_a_total_word_before_a_row_the_lexicon_knows_keeps_that_row(lexicon):
    # "Summa positiv stegförflyttning" is the lexicon's positiv_stegforflyttning, not the sum
    # of the exits (avslut_summa), though it opens with a total word.
    found = lines(text_line(80, "Insatsens namn: Kompass"), text_line(100, "Avslutade till"),
                  text_line(116, "Arbete") + words(116, ("4", 300)),
                  text_line(132, "Studier") + words(132, ("2", 300)),
                  text_line(148, "Summa positiv stegförflyttning") + words(148, ("9", 300)),
                  text_line(164, "Summa") + words(164, ("15", 300)))
    counts = parse_participants(Section("insatsrapport", found[0].text, found, title="Kompass"),
                                lexicon, 2024)
    assert {c.measure: c.value for c in counts} == {
        "till_arbete": 4, "till_studier": 2, "positiv_stegforflyttning": 9, "avslut_summa": 15}


@pytest.mark.parametrize(("label", "measure"), [
    ("Totalt antal nya deltagare", "nya"), ("Totalt antal avslutade", "avslutade"),
    ("Summa nya", "nya"), ("Totalt antal pågående", "pagaende"),
    ("Totalt antal deltagare", "deltagare"), ("Summa", "deltagare"), ("Samtliga", "deltagare")])
def test_a_form_row_opening_with_a_total_word_counts_the_measure_it_names(lexicon, label, measure):
    # "Totalt antal nya deltagare 12" on a form: the new ones in all, not the deltagare.
    found = lines(text_line(80, "Insatsens namn: Kompass"),
                  text_line(100, label) + words(100, ("12", 300)))
    counts = parse_participants(Section("insatsrapport", found[0].text, found, title="Kompass"),
                                lexicon, 2024)
    assert [(c.measure, c.value) for c in counts] == [(measure, 12)]


def test_a_form_row_summing_a_group_counts_that_group(lexicon):
    found = lines(text_line(80, "Insatsens namn: Kompass"),
                  text_line(100, "Summa kvinnor") + words(100, ("12", 300)))
    counts = parse_participants(Section("insatsrapport", found[0].text, found, title="Kompass"),
                                lexicon, 2024)
    assert [(c.measure, c.group, c.value) for c in counts] == [("deltagare", "kvinnor", 12)]


@pytest.mark.parametrize("head", ["Antal", "Utfall", "Antal personer"])
def test_a_plain_count_column_over_insats_rows_counts_their_deltagare(lexicon, head):
    # "Insats | Antal": each insats's deltagare (nothing was read).
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Insats", 50), (head, 250)),
                words(116, ("Kompass", 50), ("40", 270)), words(132, ("Steget", 50), ("12", 270)))
    assert got == {("Kompass", "deltagare", "total", 2024, "summary"): 40,
                   ("Steget", "deltagare", "total", 2024, "summary"): 12}


@pytest.mark.parametrize(("heading", "how"), [
    ("Statistik KRUS Totalt", "exact"),  # a title before the phrase
    ("Insatsnamn Budget antal delt.", "exact"),  # the label column's heading before it
    ("Antal delt. Antal", "exact"),  # the next column's count word run into it
    ("Deltagare i kö", "fuzzy:95"),  # words after it qualify it: likely, not sure
    ("Avslutade i förtid", "fuzzy:95"),
])
def test_a_heading_holding_a_known_phrase(lexicon, heading, how):
    from core.lexicon import key_match
    hit = lexicon.participant_column_match(heading)
    assert hit is not None and key_match(hit[1]) == how


# --- table shapes a reviewer found read wrong: plan and outcome, money, kommuner as columns --


def test_a_budget_and_an_outcome_column_over_insats_rows_are_both_read(lexicon):
    # "Insats | Budget | Utfall": the planned deltagare and the deltagare; the outcome column
    # was lost (a plain count beside a measure column had no measure).
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Budget", 250), ("Utfall", 335)),
                words(116, ("Kompass", 50), ("40", 265), ("38", 345)),
                words(132, ("KRUS", 50), ("12", 265), ("15", 345)))
    assert got == {("Kompass", "budget_deltagare", "total", 2024, "summary"): 40,
                   ("Kompass", "deltagare", "total", 2024, "summary"): 38,
                   ("KRUS", "budget_deltagare", "total", 2024, "summary"): 12,
                   ("KRUS", "deltagare", "total", 2024, "summary"): 15}
    # Another measure beside them ("Insats | Budget | Utfall | Nya"): Utfall still the deltagare.
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Budget", 250), ("Utfall", 335), ("Nya", 420)),
                words(116, ("Kompass", 50), ("40", 265), ("38", 345), ("20", 425)),
                words(132, ("KRUS", 50), ("12", 265), ("15", 345), ("6", 425)))
    assert got[("KRUS", "deltagare", "total", 2024, "summary")] == 15
    assert got[("KRUS", "nya", "total", 2024, "summary")] == 6


@pytest.mark.parametrize("caption, heads", [
    ("Ekonomi per insats (tkr)", ("Budget", "Utfall")),
    ("Ekonomi per insats", ("Budget tkr", "Utfall tkr")),
    ("Belopp i tusental kronor", ("Budget", "Utfall")),
    ("", ("Budget tkr", "Utfall tkr")),
])
def test_a_table_of_money_is_no_count_of_people(lexicon, caption, heads):
    # Budget and utfall in tkr per insats: amounts as small as counts, never stored as the
    # planned deltagare.
    got = _read(lexicon, "deltagare", text_line(60, "Deltagare i insatserna"), text_line(84, caption),
                words(100, ("Insats", 50), (heads[0], 250), (heads[1], 335)),
                words(116, ("Kompass", 50), ("450", 265), ("380", 345)),
                words(132, ("KRUS", 50), ("120", 265), ("115", 345)))
    assert got == {}


def test_a_column_of_money_beside_the_counts_leaves_them_be(lexicon):
    # "Insats | Deltagare | Kostnad (tkr)": the cost is no count; the deltagare are.
    got = _read(lexicon, "deltagare", text_line(60, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Deltagare", 250), ("Kostnad", 335), ("(tkr)", 375)),
                words(116, ("Kompass", 50), ("40", 265), ("450", 360)),
                words(132, ("KRUS", 50), ("12", 265), ("380", 360)))
    assert got == {("Kompass", "deltagare", "total", 2024, "summary"): 40,
                   ("KRUS", "deltagare", "total", 2024, "summary"): 12}


@pytest.mark.parametrize("row, measure", [("Nya deltagare", "budget_nya"),
                                          ("Avslutade", "budget_avslutade"),
                                          ("Deltagare", "budget_deltagare")])
def test_a_budget_column_counts_the_plan_of_its_rows_measure(lexicon, row, measure):
    # "Budget | Utfall" over "Nya deltagare": the planned new ones, not the planned deltagare.
    got = _read(lexicon, "insatsrapport", text_line(80, "Insatsens namn: Kompass"),
                words(100, ("Budget", 250), ("Utfall", 335)),
                text_line(116, row) + words(116, ("20", 265), ("18", 345)))
    plan = measure.removeprefix("budget_")
    assert got == {("", measure, "total", 2024, "form"): 20, ("", plan, "total", 2024, "form"): 18}


def _per_kommun(lexicon, names: tuple[str, ...], places=None):
    found = lines(text_line(80, "Deltagare per kommun"),
                  words(100, ("Insats", 50), *[(n, 200 + 80 * i) for i, n in enumerate(names)],
                        ("Totalt", 440)),
                  words(116, ("Kompass", 50), ("10", 215), ("12", 295), ("8", 375), ("30", 455)),
                  words(132, ("KRUS", 50), ("4", 215), ("5", 295), ("3", 375), ("12", 455)))
    kw = {} if places is None else {"places": places}
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024, **kw)
    return {(c.insats, c.measure, c.group): c.value for c in counts}


def test_member_kommuner_as_columns_are_no_insatser(lexicon):
    # "Insats | Botkyrka | Huddinge | Salem | Totalt" (a register entry's members): a
    # breakdown of each insats's deltagare; Totalt is its count.
    got = _per_kommun(lexicon, ("Botkyrka", "Huddinge", "Salem"))
    assert got == {("Kompass", "deltagare", "total"): 30, ("KRUS", "deltagare", "total"): 12}


def test_kommuner_the_document_lists_as_members_are_no_insatser(lexicon):
    from parsers.participants import member_places
    text = lines(text_line(60, "Förbundet är ett finansiellt samordningsförbund. Medlemmar är "
                           "Försäkringskassan, Arbetsförmedlingen,"),
                 text_line(74, "Region Glimmerland och kommunerna Glimmerby, Dalaholm och Ekevik."))
    places = member_places(text, lexicon)
    assert {"glimmerby", "dalaholm", "ekevik"} <= places
    # Words after the cue that are no list of names are no members.
    assert "kompass" not in member_places(
        lines(text_line(60, "Kommunerna och Försäkringskassan samverkar i Kompass.")), lexicon)
    got = _per_kommun(lexicon, ("Glimmerby", "Dalaholm", "Ekevik"), places)
    assert got == {("Kompass", "deltagare", "total"): 30, ("KRUS", "deltagare", "total"): 12}
    # Measures as rows, kommuner as columns: the förbund's counts, not the kommuner's.
    found = lines(text_line(80, "Deltagare per kommun"),
                  words(100, ("Glimmerby", 200), ("Dalaholm", 280), ("Ekevik", 360), ("Totalt", 440)),
                  words(116, ("Deltagare", 50), ("10", 215), ("12", 295), ("8", 375), ("30", 455)),
                  words(132, ("Nya", 50), ("4", 215), ("5", 295), ("3", 375), ("12", 455)))
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024,
                                places=places)
    assert {(c.insats, c.measure, c.group): c.value for c in counts} == {
        ("", "deltagare", "total"): 30, ("", "nya", "total"): 12}


def test_a_budget_and_an_outcome_column_over_year_rows_are_both_read(lexicon):
    # The history table's "År | Budget | Utfall": each year's plan and its deltagare.
    got = _read(lexicon, "deltagare", text_line(60, "Deltagare i insatserna"),
                words(100, ("År", 50), ("Budget", 250), ("Utfall", 335)),
                words(116, ("2023", 50), ("40", 265), ("38", 345)),
                words(132, ("2024", 50), ("45", 265), ("41", 345)))
    assert got == {("", "budget_deltagare", "total", 2023, "history"): 40,
                   ("", "deltagare", "total", 2023, "history"): 38,
                   ("", "budget_deltagare", "total", 2024, "history"): 45,
                   ("", "deltagare", "total", 2024, "history"): 41}


def test_member_kommuner_as_rows_are_no_insatser(lexicon):
    # "Kommun | Deltagare | Nya" with a row per member kommun: the förbund's counts by
    # kommun, not three insatser; the Totalt row is the förbund's.
    got = _read(lexicon, "deltagare", text_line(60, "Deltagare per kommun"),
                words(100, ("Kommun", 50), ("Deltagare", 250), ("Nya", 335)),
                words(116, ("Botkyrka", 50), ("40", 265), ("20", 345)),
                words(132, ("Huddinge", 50), ("12", 265), ("5", 345)),
                words(148, ("Salem", 50), ("8", 265), ("3", 345)),
                words(164, ("Totalt", 50), ("60", 265), ("28", 345)))
    assert got == {("", "deltagare", "total", 2024, "summary"): 60,
                   ("", "nya", "total", 2024, "summary"): 28}
    # One insats named like a kommun among others stays an insats.
    got = _read(lexicon, "deltagare", text_line(60, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Deltagare", 250)),
                words(116, ("Kompass", 50), ("40", 265)), words(132, ("Salem", 50), ("12", 265)))
    assert ("Salem", "deltagare", "total", 2024, "summary") in got


def test_a_member_kommun_heading_ocr_damaged_is_still_a_kommun(lexicon):
    # "Botkyrka | Huddinge | Saiem | Totalt" read by OCR ("Saiem" for Salem): no insats.
    from dataclasses import replace
    found = lines(text_line(80, "Deltagare per kommun"),
                  words(100, ("Insats", 50), ("Botkyrka", 200), ("Huddinge", 280), ("Saiem", 360),
                        ("Totalt", 440)),
                  words(116, ("Kompass", 50), ("10", 215), ("12", 295), ("8", 375), ("30", 455)),
                  words(132, ("KRUS", 50), ("4", 215), ("5", 295), ("3", 375), ("12", 455)))
    for ln in found:
        ln.words = [replace(w, confidence=0.95) for w in ln.words]
        ln.label_words = [replace(w, confidence=0.95) for w in ln.label_words]
        for c in ln.cells:
            c.words = [replace(w, confidence=0.95) for w in c.words]
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
    assert {(c.insats, c.measure): c.value for c in counts} == {
        ("Kompass", "deltagare"): 30, ("KRUS", "deltagare"): 12}


@pytest.mark.parametrize("heads, got_2024", [
    (("Kvinnor", "Män", "Totalt"), {"kvinnor": 25, "man": 20, "total": 45}),
    (("Botkyrka", "Huddinge", "Totalt"), {"total": 45}),  # member kommuner: a breakdown
    (("Antal",), {"total": 45}),
])
def test_year_rows_under_group_or_plain_columns_count_the_deltagare(lexicon, heads, got_2024):
    # A history table without a measure heading ("År | Kvinnor | Män | Totalt"): each
    # year's deltagare, as an insats row's under the same headings (all were lost).
    x = (250, 335, 420)
    got = _read(lexicon, "deltagare", text_line(60, "Deltagare i insatserna"),
                words(100, ("År", 50), *zip(heads, x, strict=False)),
                words(116, ("2023", 50), *zip(("20", "18", "38")[-len(heads):], x, strict=False)),
                words(132, ("2024", 50), *zip(("25", "20", "45")[-len(heads):], x, strict=False)))
    assert {g: v for (_, m, g, year, table), v in got.items()
            if year == 2024 and table == "history" and m == "deltagare"} == got_2024
    assert all(m == "deltagare" for _, m, _, _, _ in got)


@pytest.mark.parametrize("other", ["Övriga", "Kommun"])
def test_a_heading_beside_member_kommun_columns_is_no_sure_count_of_the_row(lexicon, other):
    # "Botkyrka | Huddinge | Övriga | Totalt" over measure rows: "Övriga" (or "Kommun")
    # is one more part of the breakdown, not the row's count; it was stored sure beside the
    # Totalt (8 deltagare and 30).
    found = lines(text_line(80, "Deltagare per kommun"),
                  words(100, ("Botkyrka", 200), ("Huddinge", 280), (other, 360), ("Totalt", 440)),
                  words(116, ("Deltagare", 50), ("10", 215), ("12", 295), ("8", 375), ("30", 455)),
                  words(132, ("Nya", 50), ("4", 215), ("5", 295), ("3", 375), ("12", 455)))
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
    sure = [(c.insats, c.measure, c.group, c.value) for c in counts if c.confidence == 1]
    assert sure == [("", "deltagare", "total", 30), ("", "nya", "total", 12)]


def test_an_amount_in_kronor_on_the_line_above_a_table_leaves_its_counts_be(lexicon):
    # A form's field line "Beviljade medel under året: 450 000 kronor" right above its
    # deltagare table states an amount; it is no caption naming the table's unit (the whole
    # table was dropped). A caption naming the unit still drops it.
    rows = (words(114, ("Kvinnor", 250), ("Män", 320), ("Totalt", 390)),
            text_line(128, "Deltagare") + words(128, ("12", 255), ("8", 325), ("20", 395)),
            text_line(142, "Nya deltagare") + words(142, ("5", 255), ("3", 325), ("8", 395)))
    got = _read(lexicon, "insatsrapport", text_line(80, "Insatsens namn: Kompass"),
                text_line(100, "Beviljade medel under året: 450 000 kronor"), *rows)
    assert got[("", "deltagare", "total", 2024, "form")] == 20
    assert got[("", "nya", "man", 2024, "form")] == 3
    assert _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                 text_line(100, "Ekonomi 2024 (tkr)"),
                 words(114, ("Insats", 50), ("Budget", 250), ("Utfall", 335)),
                 words(128, ("Kompass", 50), ("450", 265), ("380", 345)),
                 words(142, ("KRUS", 50), ("120", 265), ("115", 345))) == {}


def test_a_member_list_ends_at_the_agencies_and_names_no_table_words(lexicon):
    from parsers.participants import member_places
    # "... kommunerna Glimmerby, Dalaholm och Ekevik, Region Glimmerland, Försäkringskassan
    # och Arbetsförmedlingen": the region and the agencies are no member kommuner (they were
    # taken as places, "Region" a kommun column).
    places = member_places(lines(
        text_line(60, "Medlemmar är kommunerna Glimmerby, Dalaholm och Ekevik, Region Glimmerland,"),
        text_line(74, "Försäkringskassan och Arbetsförmedlingen.")), lexicon)
    assert {"glimmerby", "dalaholm", "ekevik"} <= places
    assert not {"region", "glimmerland", "forsakringskassan", "arbetsformedlingen"} & places
    # A line ending in the cue right above a table of insatser as columns: its headings are
    # no list of kommuner (the insatser were dropped as a breakdown by kommun).
    table = (words(100, ("Steget", 200), ("Navet", 280), ("Totalt", 360)),
             words(116, ("Deltagare", 50), ("10", 215), ("12", 295), ("22", 375)),
             words(132, ("Nya", 50), ("4", 215), ("5", 295), ("9", 375)))
    places = member_places(lines(text_line(80, "Insatserna drivs i samverkan med kommunerna"), *table),
                           lexicon)
    found = lines(text_line(60, "Deltagare i insatserna"), *table)
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024,
                                places=places)
    assert {(c.insats, c.measure): c.value for c in counts if c.measure == "deltagare"} == {
        ("Steget", "deltagare"): 10, ("Navet", "deltagare"): 12, ("", "deltagare"): 22}


def test_a_unit_in_one_stacked_heading_drops_that_column_only(lexicon):
    # "Antal | Kostnad (tkr)" over "deltagare | per insats": the unit heads the cost column,
    # one heading of a line of headings, not a caption over the table (all was dropped).
    got = _read(lexicon, "deltagare", text_line(60, "Deltagare i insatserna"),
                words(84, ("Antal", 250), ("Kostnad", 335), ("(tkr)", 375)),
                words(100, ("Insats", 50), ("deltagare", 250), ("per", 335), ("insats", 355)),
                words(116, ("Kompass", 50), ("40", 265), ("450", 360)),
                words(132, ("KRUS", 50), ("12", 265), ("380", 360)))
    assert got == {("Kompass", "deltagare", "total", 2024, "summary"): 40,
                   ("KRUS", "deltagare", "total", 2024, "summary"): 12}


@pytest.mark.parametrize("head", ["Kostnad per deltagare", "Kostnad/deltagare", "Kostnad per deltagare (kr)"])
def test_a_cost_per_participant_column_is_no_count(lexicon, head):
    # "Insats | Deltagare | Kostnad per deltagare": the cost holds the word "deltagare" and
    # was read as the deltagare, stored sure (18 500 beside 40); it is money, unit or none.
    got = _read(lexicon, "deltagare", text_line(60, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Deltagare", 250), (head, 335)),
                words(116, ("Kompass", 50), ("40", 265), ("18500", 380)),
                words(132, ("KRUS", 50), ("12", 265), ("9200", 380)))
    assert got == {("Kompass", "deltagare", "total", 2024, "summary"): 40,
                   ("KRUS", "deltagare", "total", 2024, "summary"): 12}


def test_groups_beside_the_outcome_of_a_plan_split_the_deltagare(lexicon):
    # "Insats | Budget | Utfall | Kvinnor | Män": the women and men are the outcome's, not
    # the plan's (they were stored sure as budget_deltagare kvinnor/man).
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Budget", 250), ("Utfall", 335), ("Kvinnor", 420),
                      ("Män", 500)),
                words(116, ("Kompass", 50), ("40", 265), ("38", 345), ("20", 430), ("18", 505)),
                words(132, ("KRUS", 50), ("12", 265), ("15", 345), ("9", 430), ("6", 505)))
    assert got[("Kompass", "deltagare", "kvinnor", 2024, "summary")] == 20
    assert got[("KRUS", "deltagare", "man", 2024, "summary")] == 6
    assert not any(m == "budget_deltagare" and g != "total" for _, m, g, _, _ in got)


def test_a_money_caption_over_a_column_of_people_keeps_that_column(lexicon):
    # "Deltagare och ekonomi per insats (tkr)" over "Insats | Deltagare | Budget | Utfall":
    # the deltagare are people (the whole table was dropped); the plan and outcome beside
    # them are the money the caption names, never budget_deltagare.
    got = _read(lexicon, "deltagare", text_line(60, "Deltagare i insatserna"),
                text_line(84, "Deltagare och ekonomi per insats (tkr)"),
                words(100, ("Insats", 50), ("Deltagare", 250), ("Budget", 335), ("Utfall", 420)),
                words(116, ("Kompass", 50), ("40", 265), ("450", 345), ("380", 430)),
                words(132, ("KRUS", 50), ("12", 265), ("120", 345), ("115", 430)))
    assert got == {("Kompass", "deltagare", "total", 2024, "summary"): 40,
                   ("KRUS", "deltagare", "total", 2024, "summary"): 12}


@pytest.mark.parametrize("heading", ["Förändring", "+/-", "Skillnad"])
@pytest.mark.parametrize("change", ["+5", "5"])
def test_a_change_column_beside_the_years_holds_no_count(lexicon, heading, change):
    # "Antal | 2024 | 2023 | Förändring": the change ("+5" since "+" reads as an amount) is
    # no count of 2024, and the row's years keep their counts.
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Antal", 50), ("2024", 270), ("2023", 345), (heading, 400)),
                words(116, ("Deltagare", 50), ("45", 270), ("40", 345), (change, 420)),
                words(132, ("Nya", 50), ("20", 270), ("12", 345), ("+8", 420)))
    assert got == {("", "deltagare", "total", 2024, "summary"): 45,
                   ("", "deltagare", "total", 2023, "summary"): 40,
                   ("", "nya", "total", 2024, "summary"): 20,
                   ("", "nya", "total", 2023, "summary"): 12}


@pytest.mark.parametrize("heading", ["Förändring", "+/-", "Skillnad"])
@pytest.mark.parametrize("change", ["−5", "-5", "(5)", "– 5", "-12"])
def test_a_negative_change_keeps_its_rows_counts(lexicon, heading, change):
    # "Avslutade | 30 | 35 | −5": a fall since last year is no count, and its row's counts
    # of the years are kept (a negative figure dropped the whole row). "– 5": a detached minus.
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Antal", 50), ("2024", 270), ("2023", 345), (heading, 400)),
                words(116, ("Deltagare", 50), ("45", 270), ("40", 345), ("+5", 420)),
                words(132, ("Avslutade", 50), ("30", 270), ("35", 345),
                      *[(part, 420 + 8 * k) for k, part in enumerate(change.split())]))
    assert got == {("", "deltagare", "total", 2024, "summary"): 45,
                   ("", "deltagare", "total", 2023, "summary"): 40,
                   ("", "avslutade", "total", 2024, "summary"): 30,
                   ("", "avslutade", "total", 2023, "summary"): 35}


def test_a_negative_change_of_an_insats_row_keeps_its_counts(lexicon):
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Deltagare", 250), ("Nya", 335), ("Förändring", 400)),
                words(116, ("Kompass", 50), ("40", 270), ("22", 345), ("-3", 420)),
                words(132, ("KRUS", 50), ("12", 270), ("7", 350), ("(2)", 420)))
    assert got == {("Kompass", "deltagare", "total", 2024, "summary"): 40,
                   ("Kompass", "nya", "total", 2024, "summary"): 22,
                   ("KRUS", "deltagare", "total", 2024, "summary"): 12,
                   ("KRUS", "nya", "total", 2024, "summary"): 7}


def _plan_table(lexicon, title, heads, figures, document_unit):
    x = [250, 335, 420]
    return _read(lexicon, "deltagare", text_line(80, title),
                 words(100, ("Insats", 50), *[(h, x[k]) for k, h in enumerate(heads)]),
                 *[words(116 + 16 * i, (name, 50), *[(f, x[k] + 10) for k, f in enumerate(row)])
                   for i, (name, row) in enumerate(figures)], document_unit=document_unit)


@pytest.mark.parametrize("title", ["Samverkansinsatser", "Redovisning av insatser", "Insatsredovisning"])
def test_a_plan_and_outcome_table_in_a_report_of_tkr_is_money(lexicon, title):
    # "Insats | Budget | Utfall" with no word for people above it, in a report that states
    # tkr once for all its amounts: the insatser's money, never their deltagare.
    got = _plan_table(lexicon, title, ["Budget", "Utfall"],
                      [("Kompass", ("450", "1 200")), ("KRUS", ("300", "280"))], "tkr")
    assert got == {}
    # A deviation column beside them says money whatever the report's unit.
    got = _plan_table(lexicon, title, ["Budget", "Utfall", "Avvikelse"],
                      [("Kompass", ("450", "420", "30")), ("KRUS", ("300", "280", "20"))], None)
    assert got == {}


@pytest.mark.parametrize("title, heads", [
    ("Deltagare i insatserna", ["Budget", "Utfall"]),  # the section names people
    ("Samverkansinsatser", ["Budget antal delt.", "Utfall"]),  # so does a column
    ("Samverkansinsatser", ["Planerade deltagare", "Deltagare"]),
])
def test_a_plan_and_outcome_table_that_names_people_is_counts_in_a_report_of_tkr(lexicon, title, heads):
    got = _plan_table(lexicon, title, heads, [("Kompass", ("40", "38")), ("KRUS", ("12", "15"))], "tkr")
    assert got[("Kompass", "budget_deltagare", "total", 2024, "summary")] == 40
    assert got[("KRUS", "deltagare", "total", 2024, "summary")] == 15


def test_member_kommuner_as_rows_without_a_total_row_are_kept(lexicon):
    # "Kommun | Deltagare | Nya" with a row per member kommun and no Totalt row: each kommun's
    # counts are stored as a breakdown by kommun (source "kommun", never an insats), and the
    # förbund's total computed from them says so (key_match "computed", doubtful): no printed
    # figure stands behind it.
    found = lines(text_line(60, "Deltagare per kommun"),
                  words(100, ("Kommun", 50), ("Deltagare", 250), ("Nya", 335)),
                  words(116, ("Botkyrka", 50), ("40", 265), ("20", 345)),
                  words(132, ("Huddinge", 50), ("12", 265), ("5", 345)),
                  words(148, ("Salem", 50), ("8", 265), ("3", 345)))
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
    got = {(c.insats, c.measure, c.source_table): c.value for c in counts}
    assert got == {("Botkyrka", "deltagare", "kommun"): 40, ("Botkyrka", "nya", "kommun"): 20,
                   ("Huddinge", "deltagare", "kommun"): 12, ("Huddinge", "nya", "kommun"): 5,
                   ("Salem", "deltagare", "kommun"): 8, ("Salem", "nya", "kommun"): 3,
                   ("", "deltagare", "summary"): 60, ("", "nya", "summary"): 28}
    from core.settings import DIGITAL
    for c in counts:
        computed = c.insats == ""
        assert (c.key_match == "computed") is computed
        assert (c.confidence < DIGITAL.checks.uncertain_below) is computed
        assert (c.raw == "") is computed


@pytest.mark.parametrize("listing", ["Glimmerby, Dalaholm samt Ekevik", "Glimmerby samt Dalaholm och Ekevik"])
def test_a_member_list_joined_with_samt_goes_on(lexicon, listing):
    from parsers.participants import member_places
    # "... kommunerna Eslöv, Höör samt Hörby": "samt" joins as "och" does (the list ended at it).
    places = member_places(lines(text_line(60, f"Medlemmar är kommunerna {listing}, Region Glimmerland.")),
                           lexicon)
    assert {"glimmerby", "dalaholm", "ekevik"} <= places
    assert "region" not in places


def test_word_beginnings_for_people_are_no_words_of_the_vocabulary(lexicon):
    # "kvinn" (a beginning of "kvinnor") spelled OCR's words by: a prose count's "kvinnor"
    # was lost on a hard scan. Only whole words are the vocabulary's.
    assert lexicon.count_words.names_people("kvinnor")
    assert "kvinn" not in lexicon.vocabulary and "deltag" not in lexicon.vocabulary


def test_a_figure_below_zero_left_of_a_count_is_no_change_column(lexicon):
    # "(26)" before "16" (a sentence's "(26) kvinnor och 16 män", a note's reference):
    # not a change column, which stands right of the counts: no row of counts.
    from parsers.participants import _count_cells
    row = lines(words(116, ("Deltagare", 50), ("(26)", 270), ("16", 345)))[0]
    assert not _count_cells(row)
    row = lines(words(116, ("Deltagare", 50), ("26", 270), ("16", 345), ("(10)", 420)))[0]
    assert _count_cells(row)


@pytest.mark.parametrize("other", ["Övriga", "Övriga kommuner", "Okänd kommun", "Ej angiven",
                                   "Utanför förbundet"])
@pytest.mark.parametrize("total", [True, False])
def test_a_catch_all_row_among_member_kommuner_is_no_insats(lexicon, other, total):
    # "Kommun | Deltagare" with a row per member kommun and one for the rest ("Övriga",
    # "Okänd kommun"): a breakdown by kommun still; the catch-all row is one more part of it,
    # never an insats (it made the kommuner insatser).
    rows = [("Botkyrka", "40"), ("Huddinge", "12"), (other, "3")] + ([("Totalt", "55")] if total else [])
    found = lines(text_line(60, "Deltagare per kommun"),
                  words(100, ("Kommun", 50), ("Deltagare", 250)),
                  *[words(116 + 16 * i, *[(w, 50 + 60 * j) for j, w in enumerate(label.split())],
                          (n, 265)) for i, (label, n) in enumerate(rows)])
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
    insatser = {c.insats for c in counts if c.source_table not in ("kommun",)} - {""}
    assert insatser == set()
    # The breakdown's parts are the rows as printed, the catch-all one of them (no total
    # row) or none (a total row: the kommuner are the förbund's, no parts kept).
    parts = {c.insats for c in counts if c.source_table == "kommun"}
    assert parts == (set() if total else {"Botkyrka", "Huddinge", other})
    total_count = [c for c in counts if c.insats == "" and c.measure == "deltagare"]
    assert [c.value for c in total_count] == [55]
    assert (total_count[0].key_match == "computed") is not total


def test_a_heading_word_off_its_column_goes_with_the_word_beside_it(lexicon):
    """"Nya delt." set flush right over its narrow column, the columns crowded: "Nya" is
    over no column's figures and nearer the right edge of the column before ("delt." of
    "Totalt antal delt."). A heading word a word space from one that is over a column
    names that column with it (a serif scan lost the nya column to the deltagare so)."""
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(90, ("Totalt", 200), ("antal", 232)),
                words(100, ("Insats", 50), ("delt.", 237), ("Nya", 270), ("delt.", 288),
                      ("Avslutade", 330)),
                words(116, ("Ankaret", 50), ("42", 252), ("26", 303), ("13", 365)),
                words(132, ("Bron", 50), ("43", 252), ("28", 303), ("17", 365)))
    assert got == {
        ("Ankaret", "deltagare", "total", 2024, "summary"): 42,
        ("Ankaret", "nya", "total", 2024, "summary"): 26,
        ("Ankaret", "avslutade", "total", 2024, "summary"): 13,
        ("Bron", "deltagare", "total", 2024, "summary"): 43,
        ("Bron", "nya", "total", 2024, "summary"): 28,
        ("Bron", "avslutade", "total", 2024, "summary"): 17,
    }



def test_a_row_labelled_by_a_letter_or_two_of_junk_is_no_insats(lexicon):
    """A rule a scan drew down the page read as letters ("a", "t"), one of them on a line
    OCR read a row's figures twice on: a lowercase letter or two is no insats's name, its
    row no insats's counts (an upper-case "IP" may be one)."""
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Deltagare", 250), ("Nya", 335), ("Avslutade", 400)),
                words(116, ("Kompass", 50), ("40", 270), ("22", 345), ("18", 420)),
                words(126, ("a", 52), ("12", 270), ("7", 350), ("5", 425)),
                words(136, ("KRUS", 50), ("12", 270), ("7", 350), ("5", 425)),
                words(146, ("t.", 52), ("3", 275)),
                words(156, ("IP", 50), ("3", 275), ("1", 350), ("2", 425)))
    assert {k[0] for k in got} == {"Kompass", "KRUS", "IP"}
    assert got[("KRUS", "avslutade", "total", 2024, "summary")] == 5
    assert got[("IP", "deltagare", "total", 2024, "summary")] == 3


@pytest.mark.parametrize("confidence, kept", [(0.6, True), (1.0, False)])
def test_a_doubtful_figure_below_zero_among_counts_keeps_the_table(lexicon, confidence, kept):
    """A hard scan read "13" as "(243", -243 (doubtful), in a summary's middle column: a
    misread count, no change column; the row stays in the table, the misread count stored
    nowhere. Read surely, a figure below zero before counts is no row of counts (a
    sentence's "(26 kvinnor och 16 män)")."""
    row = words(116, ("Kompass", 50), ("40", 270), ("-243", 340), ("18", 420))
    row[2] = replace(row[2], confidence=confidence)
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Deltagare", 250), ("Nya", 335), ("Avslutade", 400)),
                row, words(132, ("KRUS", 50), ("12", 270), ("7", 350), ("5", 425)))
    assert (("Kompass", "avslutade", "total", 2024, "summary") in got) is kept
    assert got.get(("KRUS", "nya", "total", 2024, "summary")) == 7
    assert not any(v is not None and v < 0 for v in got.values())


def test_a_heading_word_ocr_boxed_two_lines_tall_keeps_its_lines_order(lexicon):
    # "Antal nya / delt." over a column on a serif scan: OCR boxed "delt." 24 pt tall (down
    # into the first row), and lines were told apart by each word's own height: "delt."
    # joined the line above, the heading read "Antal delt. nya", the nya column was stored
    # as deltagare, sure (with the deltagare column lost, two wrong and sure).
    from parsers.columns import Column
    from parsers.participants import _Reader
    head = [Word("Antal", 267.1, 292.7, 95.8, 104.4), Word("nya", 295.9, 312.8, 95.8, 104.4),
            Word("delt.", 290.5, 312.1, 100.4, 124.9)]
    reader = _Reader(Section("deltagare", "Deltagare i insatserna", []), lexicon, 2024)
    column = Column(294.0, 312.0, header=head)
    assert reader.column_meaning(column)[:2] == ("measure", "nya")


def test_a_row_keeps_no_second_sure_count_of_a_key_whose_first_is_doubtful(lexicon):
    # variety-40 (scan seed 14): a summary's heading lines lost, every column of a row keyed
    # deltagare; the first count doubtful ("1 9" read spaced, 0.7), the three after it were
    # kept as read, each sure: three deltagare of one insats at 0.95, two of them wrong.
    from core.types import Count
    from parsers.columns import Column
    from parsers.participants import _Reader
    reader = _Reader(Section("deltagare", "Deltagare i insatserna", []), lexicon, 2024)
    reader.counts = [Count("Bron", "deltagare", "total", 2024, v, "summary", 1, (0, 0, 0, 0),
                           str(v), conf, "exact") for v, conf in ((19, 0.7), (11, 0.95), (15, 0.95))]
    reader._one_key_one_column(0, [Column(x, x + 10) for x in (240.0, 300.0, 360.0)])
    # The doubtful first and the first sure one stay, both doubtful now; the next sure one
    # collides with the sure one and is kept unplaced, for the report's arithmetic to key.
    assert [c.value for c in reader.counts] == [19, 11]
    assert all(c.confidence < DIGITAL.checks.uncertain_below for c in reader.counts)
    assert [(c.value, c.measure) for c in reader.unplaced] == [(15, "")]
    # A sure count repeating the doubtful first one still disagrees with the sure one (review).
    reader.counts, reader.unplaced = [Count("Bron", "deltagare", "total", 2024, v, "summary", 1, (0, 0, 0, 0),
                                            str(v), conf, "exact")
                                      for v, conf in ((19, 0.7), (11, 0.95), (19, 0.95))], []
    reader._one_key_one_column(0, [Column(x, x + 10) for x in (240.0, 300.0, 360.0)])
    assert all(c.confidence < DIGITAL.checks.uncertain_below for c in reader.counts)
    # ... and a sure count repeating the doubtful first one, before the other (review).
    reader.counts, reader.unplaced = [Count("Bron", "deltagare", "total", 2024, v, "summary", 1, (0, 0, 0, 0),
                                            str(v), conf, "exact")
                                      for v, conf in ((19, 0.7), (19, 0.95), (11, 0.95))], []
    reader._one_key_one_column(0, [Column(x, x + 10) for x in (240.0, 300.0, 360.0)])
    assert all(c.confidence < DIGITAL.checks.uncertain_below for c in reader.counts)


def test_a_speck_read_as_a_digit_is_no_count_of_its_own_column(lexicon):
    # A hard scan: a point-wide speck left of the count read as "5" (a column of its own,
    # read before the count); a real "1" is boxed narrow too, but not that narrow.
    form = [text_line(60, "Årsrapport för insatsen Framåt"), text_line(80, "Deltagare"),
            words(100, ("Antal", 274)),
            [*words(116, ("Totalt", 56), ("antal", 87), ("deltagare", 115), ("39", 288)),
             Word("5", 200, 201, 116, 126)],
            [*words(132, ("varav", 68), ("kvinnor", 98)), Word("1", 297, 300, 132, 142)],
            [*words(148, ("varav", 68), ("män", 98), ("38", 288)), Word("2", 258, 259, 148, 158)]]
    found = lines(*[_scanned(r) for r in form])
    counts = parse_participants(Section("insatsrapport", found[0].text, found, title="Framåt"),
                                lexicon, 2024)
    got = {(c.measure, c.group): c.value for c in counts}
    assert got == {("deltagare", "total"): 39, ("deltagare", "kvinnor"): 1, ("deltagare", "man"): 38}
    assert [c.value for c in counts if c.group == "total"] == [39]


def test_a_figure_read_twice_in_one_place_is_one_cell(lexicon):
    # A re-read set "20" over the "20" OCR read: two cells of one row in one column ran the
    # table's columns together ("2" of the next row boxed wide lost its "K").
    form = [text_line(60, "Statistik Ankaret"),
            words(80, ("Totalt", 271), ("M", 351), ("K", 413)),
            words(96, ("Totalt", 56), ("antal", 87), ("deltagare", 115), ("20", 289), ("7", 355),
                  ("13", 409)),
            [*words(112, ("Nya", 57), ("deltagare", 78), ("8", 295), ("6", 355)),
             Word("2", 415, 444, 112, 122)],
            words(128, ("Avslutade", 56), ("deltagare", 107), ("13", 289), ("5", 355), ("8", 415))]
    reread = [replace(Word("20", 289, 300, 96, 106), confidence=0.7)]
    found = lines(*[_scanned(r) for r in form], reread)
    counts = parse_participants(Section("insatsrapport", found[0].text, found, title="Ankaret"),
                                lexicon, 2024)
    got = {}
    for c in counts:
        got.setdefault((c.measure, c.group), c.value)
    assert got[("nya", "kvinnor")] == 2
    assert got[("deltagare", "total")] == 20
    assert [c.value for c in counts if (c.measure, c.group) == ("deltagare", "total")] == [20]


def test_a_figure_in_a_column_without_heading_beside_the_headed_count_is_noise(lexicon):
    # A hard scan read dust left of the "Antal" column as "72": the row's count is the 1
    # under its heading, not the headless figure read before it.
    form = [text_line(60, "Statistik Framåt"), text_line(80, "Avslut"), words(100, ("Antal", 275)),
            [*words(116, ("Utskrivna", 57), ("till", 103), ("arbete", 122), ("1", 296)),
             Word("72", 168, 206, 116, 126)],
            words(132, ("Utskrivna", 57), ("till", 104), ("studier", 119), ("6", 295)),
            words(148, ("Utskrivna", 57), ("av", 105), ("annat", 119), ("skäl", 150), ("7", 295))]
    found = lines(*[_scanned(r) for r in form])
    counts = parse_participants(Section("insatsrapport", found[0].text, found, title="Framåt"),
                                lexicon, 2024)
    assert [(c.measure, c.value) for c in counts] == [
        ("till_arbete", 1), ("till_studier", 6), ("avslut_annat", 7)]


def test_a_summary_count_misread_below_zero_is_the_total_less_the_others(lexicon):
    # A hard scan read "13" as "(243" (a parenthesis opened, never closed: a doubtful minus):
    # no count as read; the total row and the other insatser's counts give it, doubtful.
    table = [text_line(60, "Insatsredovisning"),
             words(100, ("Insats", 57), ("Deltagare", 220), ("Nya", 295)),
             words(116, ("Ankaret", 57), ("20", 238), ("8", 307)),
             words(132, ("Kugghjulet", 57), ("50", 239), ("(243", 288)),
             words(148, ("Vägvisaren", 57), ("39", 238), ("20", 299)),
             words(164, ("Summa", 57), ("109", 232), ("41", 299))]
    found = _ocr_lines(table)
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
    got = {(c.insats, c.measure): c for c in counts}
    assert got[("Kugghjulet", "nya")].value == 13
    assert got[("Kugghjulet", "nya")].confidence < DIGITAL.checks.uncertain_below
    assert got[("Kugghjulet", "nya")].key_match == "arithmetic"
    assert got[("Kugghjulet", "deltagare")].value == 50
    # without the total row nothing gives it
    found = _ocr_lines(table[:-1])
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024)
    assert ("Kugghjulet", "nya") not in {(c.insats, c.measure) for c in counts}


def _ocr_lines(rows: list) -> list:
    """Lines of words OCR read (lenient figures: "(243" a minus that lost its parenthesis)."""
    return page_lines(Page(1, 595, 842, [w for r in rows for w in _scanned(r)], source="ocr"))


@pytest.mark.parametrize("heading, meaning", [
    ("Kvlnnor", "group:kvinnor"), ("Totait", "group:total"), ("Avslutacle", "measure:avslutade"),
    # ... before "delt." found inside it is taken for deltagare (it was, exact: review).
    ("Avslutacle delt.", "measure:avslutade"),
])
def test_a_column_heading_read_with_look_alike_glyphs_is_known_loosely(lexicon, heading, meaning):
    # i/l and "cl"/"d" as OCR confuses them: the heading's meaning, never an exact match.
    hit = lexicon.participant_column_match(heading)
    assert hit is not None and hit[0] == meaning and hit[1] < 100


def test_group_columns_read_with_look_alike_glyphs_split_the_rows(lexicon):
    form = [text_line(60, "Statistik Bron"),
            words(80, ("Kvlnnor", 262), ("Män", 339), ("Totait", 392)),
            words(96, ("Totalt", 56), ("antal", 87), ("deltagare", 115), ("18", 289), ("28", 349),
                  ("46", 408)),
            words(112, ("Nya", 57), ("deltagare", 78), ("21", 289), ("5", 355), ("26", 408))]
    found = lines(*[_scanned(r) for r in form])
    counts = parse_participants(Section("insatsrapport", found[0].text, found, title="Bron"), lexicon, 2024)
    assert {(c.measure, c.group): c.value for c in counts} == {
        ("deltagare", "kvinnor"): 18, ("deltagare", "man"): 28, ("deltagare", "total"): 46,
        ("nya", "kvinnor"): 21, ("nya", "man"): 5, ("nya", "total"): 26}
    assert all(c.key_match != "exact" for c in counts if c.group != "man")


@pytest.mark.parametrize("heading", ["Nva delt.", "P delt.", "Antal nva delt."])
def test_a_heading_whose_measure_word_ocr_damaged_is_no_sure_deltagare(lexicon, heading):
    # "Nya delt." read "Nva delt.", "Pågående delt." left as "P delt.": "delt." alone is
    # only likely the deltagare, its counts doubtful (95 was as sure as an exact match: review);
    # "Antal delt." and "Kv delt." stay sure.
    from core.settings import DIGITAL
    meaning, score = lexicon.participant_column_match(heading)
    assert meaning == "measure:deltagare" and score < DIGITAL.tables.sure_fuzzy_score
    assert lexicon.participant_column_match("Antal delt.") == ("measure:deltagare", 100.0)
    assert lexicon.participant_column_match("Kv delt.") == ("measure:deltagare", 100.0)


def _scan_counts(lexicon, *rows):
    found = lines(*[[replace(w, confidence=0.9) for w in row] for row in rows])
    counts = parse_participants(Section("insatsrapport", found[0].text, found), lexicon, 2024)
    return {(c.measure, c.group): c for c in counts}


def test_a_speck_read_as_a_figure_before_a_rows_count_is_no_count(lexicon):
    """A hard scan's form (variety-111, scan seed 23): "Totalt antal deltagare 4 58 30
    kvinnor och 28 män", a speck read "4" in the empty space 57 pt before the count. The 4
    was stored as the total and the groups shifted. A figure a column gap before the count
    the groups right after it add up to is no count; figures a word space apart, a count
    that is a group's own ("6 3 kvinnor, 2 män och 1 ej angivet") or one the groups do not
    follow ("40 (20 nya: 12 kvinnor, 8 män)") keep the first figure as the row's count."""
    def row(*items: tuple[str, float]) -> dict:
        got = _scan_counts(lexicon, text_line(80, "Deltagare"), words(100, *items))
        return {k: c.value for k, c in got.items()}
    label = (("Totalt", 56), ("antal", 87), ("deltagare", 114))
    groups = (("30", 319), ("kvinnor", 334), ("och", 372), ("28", 393), ("män", 408))
    assert row(*label, ("4", 229), ("58", 289), *groups) == {
        ("deltagare", "total"): 58, ("deltagare", "kvinnor"): 30, ("deltagare", "man"): 28}
    # ... "varav" between them (review: the 4 was stored as the total, sure).
    varav = (("varav", 300), *((t, x + 30) for t, x in groups))
    assert row(*label, ("4", 229), ("58", 289), *varav)[("deltagare", "total")] == 58
    assert row(*label, ("4", 229), ("57", 289), *groups).get(("deltagare", "total")) != 57
    assert row(*label, ("60", 270), ("58", 289), *groups).get(("deltagare", "total")) == 60

    def written(text: str) -> dict:
        got = _scan_counts(lexicon, text_line(80, "Deltagare"), text_line(100, text))
        return {k: c.value for k, c in got.items()}
    assert written("Nya deltagare 6 3 kvinnor, 2 män och 1 ej angivet")[("nya", "total")] == 6
    assert written("Totalt antal deltagare 40 (20 nya: 12 kvinnor, 8 män)")[
        ("deltagare", "total")] == 40


def test_a_form_rows_groups_glued_across_a_narrow_column_keep_its_count(lexicon):
    # "Nyinskrivna 11 | 9 kvinnor och 2 män" in a narrow column: OCR glued the groups into
    # one word ("Qkvimmoroch2man"). The row's count stands; the figure glued to a group
    # word is that group's, doubtful (its word was split); the group whose figure and word
    # OCR damaged is not read, and never computed from the others (a printed figure that
    # breaks the sum would go unreported).
    got = _scan_counts(lexicon, text_line(80, "Deltagare"),
                       words(100, ("Nyinskrivna", 57), ("11", 290), ("Qkvimmoroch2man", 319), ("[|", 438)))
    assert got[("nya", "total")].value == 11
    assert got[("nya", "total")].confidence >= DIGITAL.checks.uncertain_below
    assert got[("nya", "man")].value == 2
    assert got[("nya", "man")].confidence < DIGITAL.checks.uncertain_below
    assert ("nya", "kvinnor") not in got


def test_a_form_rows_count_and_group_glued_across_the_column_gap_are_split(lexicon):
    # "Nyinskrivna   16   9 kvinnor och 7 män": OCR read the count and the first group's
    # figure as one word "16-9", the column gap read as a dash (its box far wider than four
    # characters). Split at the dash: the count and the group's figure, both doubtful; a
    # printed range "16-9" (as narrow as its characters) is left alone.
    glued = Word("16-9", 289.0, 325.0, 100.0, 109.0)
    got = _scan_counts(lexicon, text_line(80, "Deltagare"),
                       [*words(100, ("Nyinskrivna", 57)), glued,
                        *words(100, ("kvinnor", 327), ("och", 367), ("7", 387), ("män", 396))])
    assert got[("nya", "total")].value == 16
    assert got[("nya", "kvinnor")].value == 9
    assert got[("nya", "man")].value == 7
    assert got[("nya", "total")].confidence < DIGITAL.checks.uncertain_below
    assert got[("nya", "kvinnor")].confidence < DIGITAL.checks.uncertain_below
    tight = replace(glued, x1=311.0)
    got = _scan_counts(lexicon, text_line(80, "Deltagare"),
                       [*words(100, ("Nyinskrivna", 57)), tight,
                        *words(100, ("kvinnor", 315), ("och", 355), ("7", 375), ("män", 384))])
    assert ("nya", "total") not in got


def test_a_form_rows_one_group_printed_alone_is_no_split_to_complete(lexicon):
    # "Nya deltagare 11 varav 2 män": one group printed, no word damaged where another
    # stood: nothing is computed.
    got = _scan_counts(lexicon, text_line(80, "Deltagare"), text_line(100, "Nya deltagare 11 varav 2 män"))
    assert got[("nya", "man")].value == 2
    assert ("nya", "kvinnor") not in got


def test_a_form_row_a_ruling_line_left_a_mark_and_figure_after_is_read_doubtful(lexicon):
    # "Avslutade deltagare 3 | 1 kvinnor och 2 män" with a ruling line's mark and a stray
    # figure read after it ("é 3"): the row is read (it was kept as a table row of unknown
    # label); a figure no group word follows leaves its groups doubtful.
    got = _scan_counts(lexicon, text_line(80, "Deltagare"),
                       words(100, ("Avslutade", 56), ("deltagare", 106), ("3", 294), ("1", 319),
                             ("kvinnor", 328), ("och", 367), ("2", 387), ("män", 396), ("é", 420),
                             ("3", 447)))
    assert {k: c.value for k, c in got.items()} == {
        ("avslutade", "total"): 3, ("avslutade", "kvinnor"): 1, ("avslutade", "man"): 2}
    assert got[("avslutade", "kvinnor")].confidence < DIGITAL.checks.uncertain_below
    assert got[("avslutade", "man")].confidence < DIGITAL.checks.uncertain_below


def _exits(lexicon, label_words):
    return _scan_counts(lexicon, text_line(80, "Avslut"), words(96, ("Antal", 275)),
                        words(110, ("Till", 56), ("arbete", 75), ("0", 295)),
                        words(126, *label_words),
                        words(142, ("Annat", 56), ("avslut", 88), ("3", 295)))


def test_an_exit_row_a_ruling_line_and_ocr_damaged_around_its_word_is_keyed_doubtful(lexicon):
    # "Till studier" read "WU studier" and a ruling line's marks after it ("enye ess ga JS"):
    # the one run of words the block's table knows keys the row, every other word unknown
    # to the lexicon; a guess, so its count is doubtful.
    got = _exits(lexicon, [("WU", 52), ("studier", 73), ("enye", 119), ("ess", 162), ("ga", 240),
                           ("0", 295)])
    assert got[("till_studier", "total")].value == 0
    assert got[("till_studier", "total")].confidence < DIGITAL.checks.uncertain_below
    assert got[("till_arbete", "total")].confidence >= DIGITAL.checks.uncertain_below


def test_an_exit_row_with_words_the_lexicon_knows_beside_its_run_is_not_guessed(lexicon):
    # "Arbete inom Samhall": "inom" is a word, not OCR junk: the row is no "Till arbete".
    got = _exits(lexicon, [("Arbete", 56), ("inom", 95), ("Samhall", 125), ("2", 295)])
    assert ("till_arbete", "total") in got and got[("till_arbete", "total")].value == 0
    assert not any(m == "till_arbete" and c.value == 2 for (m, _), c in got.items())


@pytest.mark.parametrize("zero", ["O", "o", "—", "=O"])
def test_a_zero_a_scan_read_as_a_letter_or_dash_before_a_group_is_a_doubtful_zero(lexicon, zero):
    # "Nya deltagare 3 | 0 kvinnor och 3 män": the 0 read "O", "o" or "—". Before a group's
    # word it stands where the group's figure does: a zero, doubtful (the row was lost, or
    # with "—" its total read as the women's, sure). A ruling line's mark before it, "=O"
    # (variety-102, scan seed 22: the row's three counts were lost).
    got = _scan_counts(lexicon, text_line(80, "Deltagare"),
                       text_line(100, f"Nya deltagare 3 {zero} kvinnor och 3 män"))
    assert {k: c.value for k, c in got.items()} == {
        ("nya", "total"): 3, ("nya", "kvinnor"): 0, ("nya", "man"): 3}
    assert got[("nya", "kvinnor")].confidence < DIGITAL.checks.uncertain_below


def test_a_dash_before_a_groups_figure_is_no_zero(lexicon):
    # "Deltagare under året 31 — 18 kvinnor och 13 män": the dash stands before the group's
    # own figure; no zero of it (the women were read 0).
    found = lines(text_line(80, "Deltagare"), [replace(w, confidence=0.9) for w in words(
        100, ("Deltagare", 57), ("under", 107), ("året", 139), ("31", 289), ("—", 309),
        ("18", 320), ("kvinnor", 334), ("och", 374), ("13", 395), ("män", 409))])
    counts = parse_participants(Section("insatsrapport", found[0].text, found), lexicon, 2024)
    assert sorted((c.measure, c.group, c.value) for c in counts) == [
        ("deltagare", "kvinnor", 18), ("deltagare", "man", 13), ("deltagare", "total", 31)]


@pytest.mark.parametrize("zero", ["O", "o"])
def test_a_zero_a_scan_read_as_a_letter_in_a_forms_count_column_is_a_doubtful_zero(lexicon, zero):
    # "Nya deltagare | 3 | 0 | 3" under "Totalt | M | K": the 0 read "O": it made the row's
    # label "Nya deltagare 3 O" and lost its total and men. A zero, doubtful.
    got = _scan_counts(lexicon, words(80, ("Statistik", 57), ("Bron", 113)),
                       words(96, ("Totalt", 271), ("M", 351), ("K", 413)),
                       words(110, ("Nya", 56), ("deltagare", 78), ("3", 295), (zero, 355), ("3", 415)),
                       words(126, ("Avslutade", 56), ("deltagare", 106), ("4", 295), ("1", 355), ("3", 415)))
    assert {k: c.value for k, c in got.items() if k[0] == "nya"} == {
        ("nya", "total"): 3, ("nya", "man"): 0, ("nya", "kvinnor"): 3}
    assert got[("nya", "man")].confidence < DIGITAL.checks.uncertain_below


def test_a_subset_row_with_a_figure_in_its_label_leaves_the_table_whole(lexicon):
    # "varav kvinnor under 25 år | 1 | 2" under "Kvinnor | Män": a table's row, not a row
    # written out; the rows after it keep their columns (they were stored as two sure
    # totals: review).
    form = [text_line(60, "Statistik Bron"),
            words(80, ("Kvinnor", 262), ("Män", 339)),
            words(96, ("Nya", 56), ("deltagare", 78), ("5", 289), ("3", 349)),
            words(112, ("varav", 56), ("kvinnor", 90), ("under", 130), ("25", 160), ("år", 175),
                  ("1", 289), ("2", 349)),
            words(128, ("Avslutade", 56), ("deltagare", 106), ("4", 289), ("1", 349))]
    found = lines(*form)
    counts = parse_participants(Section("insatsrapport", found[0].text, found, title="Bron"), lexicon, 2024)
    got = {(c.measure, c.group): c.value for c in counts}
    assert got[("avslutade", "kvinnor")] == 4 and got[("avslutade", "man")] == 1
    assert ("avslutade", "total") not in got


def test_a_zero_glyph_is_a_zero_on_a_scan_only(lexicon):
    # "Nya deltagare 3 O kvinnor och 3 män": a scan's "O" where the women's figure stands is
    # a doubtful 0; printed, the mark is no figure read wrong (it was a zero either way).
    for conf in (1.0, 0.9):
        found = lines(text_line(80, "Deltagare"), [replace(w, confidence=conf) for w in words(
            100, ("Nya", 56), ("deltagare", 78), ("3", 150), ("O", 165), ("kvinnor", 175),
            ("och", 215), ("3", 235), ("män", 245))])
        counts = parse_participants(Section("insatsrapport", found[0].text, found), lexicon, 2024)
        got = {(c.measure, c.group): c for c in counts}
        if conf == 1.0:
            assert ("nya", "kvinnor") not in got
        else:
            assert got[("nya", "kvinnor")].value == 0
            assert got[("nya", "kvinnor")].confidence < DIGITAL.checks.uncertain_below


def test_a_fragment_is_looked_for_only_where_the_phrase_stands(lexicon):
    # The phrase is found in one reading of a heading (printed or with "delt." expanded);
    # in the other, no word stands "before" it (the last word of the text had been taken
    # for one, a fragment, and the heading scored as doubtful: review).
    assert not lexicon._fragment_before(" nya delt. ex ", "deltagare")
    assert lexicon._fragment_before(" nva deltagare ", "deltagare")


@pytest.mark.parametrize("stray", [
    [("Deltagare", 50), ("per", 97), ("sates", 115), ("2025.", 142), ("52", 270)],
    [("Tabell", 50), ("3.", 82), ("Deltagare", 97), ("2025", 150), ("52", 270)],
    [("Norra", 50), ("saniordningsförbund", 80), ("Årsredovisning", 180), ("3", 275)],
    [("Vallbygdens", 50), ("-", 110), ("verksamhetsåret", 120), ("Sida", 200), ("3", 275)],
])
def test_a_caption_or_running_head_read_among_a_summarys_rows_is_no_insats(lexicon, stray):
    """A hard scan's summary table: OCR read a figure beside its caption ("Deltagare per
    insats 2025", "insats" read "sates"; the row above's "52" read again into it), and the
    page's running footer, split over two lines by the skew ("Norra Vallbygdens
    samordningsförbund - Årsredovisning för verksamhetsåret 2015  Sida 3"), among its rows.
    A caption's or running head's words (a long one OCR-damaged too) name no insats."""
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                words(100, ("Insats", 50), ("Deltagare", 250), ("Nya", 335), ("Avslutade", 400)),
                words(116, ("Kompass", 50), ("40", 270), ("22", 345), ("18", 420)),
                words(132, ("KRUS", 50), ("12", 270), ("7", 350), ("5", 425)),
                words(148, ("Summa", 50), ("52", 270), ("29", 345), ("23", 420)),
                words(164, *stray))
    assert {k[0] for k in got} == {"Kompass", "KRUS", ""}
    assert got[("KRUS", "avslutade", "total", 2024, "summary")] == 5


def test_a_summary_column_whose_heading_ocr_garbled_around_a_group_word_is_unplaced(lexicon):
    """"Totalt antal / delt." with an upright rule through it, read "Totalt / d It" on a hard
    scan: a loose match of the group word beside letters that are no word is no total of the
    "Budget" column before it (it was: budget_deltagare 18, 46 beside the budget's 25, 15).
    The column's heading counts as lost, its counts kept unplaced for the report's own
    arithmetic to key (repair/placed.py); a heading read clean ("Totalt") keys its counts."""
    def table(lower: list) -> tuple[dict, list]:
        rows = [text_line(60, "Insatsredovisning"),
                words(80, ("Totalt", 256), ("Avslutade", 328)),
                words(96, ("Insats", 56), ("Budget", 216), *lower, ("delt.", 353), ("Pågående", 391)),
                words(112, ("Framåt", 56), ("25", 239), ("18", 301), ("5", 369), ("13", 425)),
                words(128, ("Ankaret", 55), ("15", 239), ("46", 300), ("27", 363), ("19", 425))]
        found = lines(*[[replace(w, confidence=0.9) for w in r] for r in rows])
        unplaced: list = []
        counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024,
                                    unplaced=unplaced)
        return {(c.insats, c.measure, c.group): c.value for c in counts}, unplaced
    got, unplaced = table([("d", 291), ("It", 302)])
    assert got[("Framåt", "budget_deltagare", "total")] == 25
    assert got[("Ankaret", "avslutade", "total")] == 27
    assert sorted(c.value for c in unplaced) == [18, 46]
    got, unplaced = table([])
    assert got[("Framåt", "budget_deltagare", "total")] == 25
    assert sorted(c.value for c in unplaced) == [18, 46]


def test_a_row_s_columns_never_share_a_key(lexicon):
    """"Budget | Totalt | Avslutade": the group column "Totalt" takes the measure of the
    column before it, the budget, whose own column already counts the budget's total. It was
    stored as a second budget_deltagare total at confidence 1 (25 and 18 for Framåt). A row's
    later column never takes a key an earlier one holds: its count is kept unplaced (the
    report's arithmetic may key it) and the earlier count is doubtful, for either column may
    be the misplaced one. A repeated value is one count, at its confidence."""
    rows = [text_line(60, "Insatsredovisning"),
            words(80, ("Budget", 216), ("Totalt", 290), ("Avslutade", 350)),
            words(96, ("Insats", 56)),
            words(112, ("Framåt", 56), ("25", 239), ("18", 301), ("5", 369)),
            words(128, ("Ankaret", 55), ("15", 239), ("15", 300), ("7", 369))]
    found = lines(*rows)
    unplaced: list = []
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024,
                                unplaced=unplaced)
    got = {(c.insats, c.measure, c.group): c for c in counts}
    assert [c.value for c in counts if c.insats == "Framåt" and c.measure == "budget_deltagare"] \
        == [25]
    assert got[("Framåt", "budget_deltagare", "total")].confidence < DIGITAL.checks.uncertain_below
    assert [(c.insats, c.value) for c in unplaced] == [("Framåt", 18)]
    assert got[("Ankaret", "budget_deltagare", "total")].value == 15
    assert got[("Ankaret", "budget_deltagare", "total")].confidence == 1.0
    assert got[("Framåt", "avslutade", "total")].value == 5


def test_a_third_column_with_a_key_two_before_it_share_is_unplaced_too(lexicon):
    """"Budget | Totalt | Summa" over one insats's row: both group columns take the budget's
    key. The first collision makes the budget count doubtful; the third column is no sure
    count of that key either (it was kept at confidence 1 beside the lowered first)."""
    rows = [text_line(60, "Insatsredovisning"),
            words(80, ("Budget", 216), ("Totalt", 290), ("Summa", 360)),
            words(96, ("Insats", 56)),
            words(112, ("Framåt", 56), ("25", 239), ("18", 301), ("30", 369))]
    found = lines(*rows)
    unplaced: list = []
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2024,
                                unplaced=unplaced)
    keyed = [(c.value, c.confidence < DIGITAL.checks.uncertain_below) for c in counts
             if c.measure == "budget_deltagare"]
    assert keyed == [(25, True)]
    assert sorted(c.value for c in unplaced) == [18, 30]


def _summary_count(insats: str, key_match: str = "exact"):
    from core.types import Count
    return Count(insats, "deltagare", "total", 2024, 40, "summary", 1, (0, 0, 0, 0), "40", 0.9,
                 key_match)


def test_a_summary_name_ocr_misread_takes_the_spelling_two_titles_agree_on():
    """"Horisonlen" in the summary table, "HORISONTEN" and "Horisonten" titling its form and
    goal table: the counts are the insats's as the bilagor spell it, keyed loosely. One title
    alone, or one that prints the summary's own spelling, does not outvote it; a name read
    without its å/ä/ö takes them from one title, its key as exact as before."""
    from parsers.document import _spell_as_titled
    counts = [_summary_count("Horisonlen"), _summary_count("Vagvisaren"), _summary_count("Bron"),
              _summary_count("Kompas", "unplaced:Totalt")]
    _spell_as_titled(counts, ["HORISONTEN", "Horisonten", "Vägvisaren", "Bro", "Kompass"])
    assert [(c.insats, c.key_match) for c in counts] == [
        ("Horisonten", "fuzzy:90"), ("Vägvisaren", "exact"), ("Bron", "exact"),
        ("Kompas", "unplaced:Totalt")]
    # Found loosely, the counts are as sure as their name: below the doubt line at 90.
    assert counts[0].confidence < DIGITAL.checks.uncertain_below
    assert counts[1].confidence == 0.9  # as read
    alone = [_summary_count("Horisonlen")]
    _spell_as_titled(alone, ["Horisonten", "Horisonlen", "Horisonten"])
    assert alone[0].insats == "Horisonlen"
    # "Kompass" beside a "Kompassen" row of its own: two insatser, not one misread.
    two = [_summary_count("Kompass"), _summary_count("Kompassen")]
    _spell_as_titled(two, ["Kompassen", "KOMPASSEN"])
    assert [c.insats for c in two] == ["Kompass", "Kompassen"]


def test_a_summary_name_cut_short_takes_the_name_two_titles_agree_on():
    """"Vagvisa 3" in a hard scan's summary (variety-39, scan seed 14: "ren" read as a
    figure): 82 to "Vägvisaren", below the misread score, yet all its letters begin the name
    two titles print. Its counts are the insats's, doubtful; a name keeping under 60 % of the
    title's letters ("Vagv") is no cut of it."""
    from parsers.document import _spell_as_titled
    counts = [_summary_count("Vagvisa"), _summary_count("Vagv")]
    _spell_as_titled(counts, ["Vägvisaren", "Vägvisaren", "Bron"])
    assert [(c.insats, c.key_match) for c in counts] == [("Vägvisaren", "fuzzy:82"),
                                                          ("Vagv", "exact")]
    assert counts[0].confidence < DIGITAL.checks.uncertain_below
    # "Bi roj n" (variety-40): "Bron" with two specks read as letters among its own.
    # A name printed so (born-digital) is a name of its own: "Steg" beside "Steg 2" titles.
    printed = [replace(_summary_count("Stegvis"), confidence=1.0)]
    _spell_as_titled(printed, ["Stegvisaren", "Stegvisaren"])
    assert printed[0].insats == "Stegvis"
    torn = [_summary_count("Bi roj n"), _summary_count("Bjorn")]
    _spell_as_titled(torn, ["Bron", "Bron", "Vägvisaren"])
    assert [c.insats for c in torn] == ["Bron", "Bjorn"]  # no "b-r-o-n" in order: a name
    assert torn[0].confidence < DIGITAL.checks.uncertain_below


def test_a_summary_name_without_its_first_letters_takes_the_name_two_titles_agree_on():
    """A hard scan's summary (variety-115, scan seed 23): an upright rule through the names'
    column took their first letters, "impolinen" (its cut letter misread) for the
    "Trampolinen" of a bilaga's two titles; its counts were stored under no insats. A name
    that begins in lower case and ends as a title does is that title's, doubtful; one
    begun in capitals is a name of its own, and so is one keeping under 60 % of the title."""
    from parsers.document import _spell_as_titled
    counts = [_summary_count("impolinen"), _summary_count("Polinen"), _summary_count("olinen"),
              _summary_count("impolixen"), _summary_count("agvisaren")]
    _spell_as_titled(counts, ["Trampolinen", "Trampolinen", "Vägvisaren", "Vägvisaren"])
    # Only the letter at the cut may be misread ("impolixen" is no Trampolinen).
    assert [c.insats for c in counts] == ["Trampolinen", "Polinen", "olinen", "impolixen",
                                          "Vägvisaren"]
    # However close the ending (one letter lost of ten), the name is a guess (review).
    assert all(c.confidence < DIGITAL.checks.uncertain_below for c in (counts[0], counts[4]))


def test_an_insats_name_read_in_lower_case_on_a_scan_is_doubtful(lexicon):
    """A hard scan's summary row "ron  47  23  29" (variety-24, scan seed 10: "Bron", its B
    lost at the margin, the name printed nowhere else): its counts were stored, sure, under
    an insats no report names. A proper name read in lower case lost its capital: its counts
    are doubtful; a name read whole stays as sure as OCR read it."""
    rows = [text_line(80, "Deltagare i insatserna"),
            words(100, ("Insats", 50), ("Deltagare", 250), ("Nya", 335), ("Avslutade", 400)),
            words(116, ("ron", 64), ("47", 270), ("23", 345), ("29", 420)),
            words(132, ("Kompass", 50), ("12", 270), ("7", 350), ("5", 425))]
    found = lines(*[_scanned(r) for r in rows])
    counts = parse_participants(Section("deltagare", found[0].text, found), lexicon, 2011)
    sure = {c.insats: c.confidence >= DIGITAL.checks.uncertain_below for c in counts}
    assert sure == {"ron": False, "Kompass": True}


def test_a_speck_read_as_small_letters_a_gap_after_an_insats_name_is_no_part_of_it(lexicon):
    # A hard scan: "Fyrbåken      aay" (a speck in the gutter read as letters) stored the
    # counts under a name no report prints. Letters a word space after the name, or printed
    # (born-digital), or a word of the lexicon, are the name's.
    def scanned(ws):
        return [replace(w, confidence=0.95) for w in ws]
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                scanned(words(100, ("Insats", 50), ("Deltagare", 250), ("Avslutade", 400))),
                scanned(words(116, ("Fyrbåken", 50), ("aay", 120), ("19", 270), ("12", 420))),
                scanned(words(132, ("Bron", 50), ("syd", 73), ("46", 270), ("27", 420))),
                words(148, ("Steget", 50), ("ung", 120), ("12", 270), ("5", 420)))
    assert {k[0] for k in got} == {"Fyrbåken", "Bron syd", "Steget ung"}
    # A longer word after a gap is a word of the name (review: "Kompassen   norr").
    got = _read(lexicon, "deltagare", text_line(80, "Deltagare i insatserna"),
                scanned(words(100, ("Insats", 50), ("Deltagare", 250), ("Avslutade", 400))),
                scanned(words(116, ("Kompassen", 50), ("norr", 120), ("19", 270), ("12", 420))),
                scanned(words(132, ("Kompassen", 50), ("söder", 120), ("46", 270), ("27", 420))))
    assert {k[0] for k in got} == {"Kompassen norr", "Kompassen söder"}


def test_a_date_standing_over_a_column_is_no_year_heading(lexicon):
    # A scanned form lost its "Datum:"; its date stood over the women's column: "K" under
    # "2014-02-10" made that column the year 2014's totals.
    got = _read(lexicon, "insatsrapport", text_line(70, "Statistik"),
                words(85, ("2014-02-10", 405)),
                words(100, ("Totalt", 272), ("M", 352), ("K", 414)),
                words(116, ("Deltagare", 50), ("under", 98), ("året", 130), ("46", 290),
                      ("24", 350), ("22", 410)),
                fiscal_year=2013)
    assert got[("", "deltagare", "kvinnor", 2013, "form")] == 22
    assert got[("", "deltagare", "total", 2013, "form")] == 46
    assert not any(k[3] == 2014 for k in got), got


def test_a_scanned_bilagas_insats_the_summary_lists_under_no_close_name_is_doubtful():
    """"Årsrapport för insatsen vin" (variety-156, scan seed 28: "Vindrosen" cut and
    misread) named an insats the summary table lists under no name close to it: its goals
    were stored for "vin", sure. Read by OCR, such a name keeps its printing, doubtful; a
    born-digital title, or one the summary lists, is as sure as before."""
    from parsers.participants import summary_name
    lex = load_lexicon()
    names = ("Vindrosen", "Bron")
    (scanned,) = summary_name([_summary_count("x")], "vin", names, lex, ocr=True)
    assert scanned.insats == "vin" and scanned.confidence < DIGITAL.checks.uncertain_below
    # Born-digital, a count below 1 for its key's sake (fuzzy: 0.9) stays as it was.
    assert summary_name([_summary_count("x")], "Ankaret", names, lex)[0].confidence == 0.9
    (listed,) = summary_name([_summary_count("x")], "Statistik VINDROSEN", names, lex, ocr=True)
    assert (listed.insats, listed.confidence) == ("Vindrosen", 0.9)
    assert summary_name([_summary_count("x")], "vin", (), lex, ocr=True)[0].confidence == 0.9
