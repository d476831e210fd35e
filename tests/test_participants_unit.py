"""The participant reader (parsers/participants.py), word by word: a count's insats,
measure, group and year from its column heading, row label or block heading."""

from __future__ import annotations

import pytest

from core.lexicon import load_lexicon
from parsers.participants import parse_participants
from parsers.sections import Section
from tests.words import lines, text_line, words


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _read(lexicon, kind: str, *rows, fiscal_year: int = 2024):
    found = lines(*rows)
    counts = parse_participants(Section(kind, found[0].text, found), lexicon, fiscal_year)
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


def test_an_exit_table_with_outcome_columns(lexicon):
    got = _read(lexicon, "deltagare", text_line(80, "Avslutade deltagare"),
                words(100, ("Insats", 50), ("Arbete", 200), ("Studier", 260),
                      ("Fortsatt", 320), ("rehab", 362), ("Avbrutet", 420), ("samarbete", 462)),
                words(116, ("Kompass", 50), ("4", 215), ("3", 275), ("6", 345), ("2", 450)))
    assert {k[1]: v for k, v in got.items()} == {
        "till_arbete": 4, "till_studier": 3, "fortsatt_rehabilitering": 6,
        "avbrutet_samarbete": 2}
