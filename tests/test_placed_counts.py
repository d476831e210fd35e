"""Counts of a scan's column (form row) whose heading (label) OCR lost, word by word: the
reader keeps them unplaced (parsers/participants.py), the repair keys them by the report's
own count rules (repair/placed.py, checks.parsed.count_support), doubtful, or drops them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from checks.parsed import count_support
from core.lexicon import load_lexicon
from core.settings import DIGITAL
from parsers.participants import parse_participants
from parsers.sections import Section
from repair.placed import place_counts
from tests.words import lines, text_line, words

YEAR = 2024


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _scan(*rows):
    return [[replace(w, confidence=0.9) for w in row] for row in rows]


def _parse(lexicon, kind: str, rows, title: str = "", table_title: bool = False):
    found = lines(*rows)
    lost: list = []
    counts = parse_participants(Section(kind, found[0].text, found, title=title, table_title=table_title),
                                lexicon, YEAR, unplaced=lost)
    return counts, lost


def _place(lexicon, counts, lost):
    return place_counts(counts, lost, lexicon.count_words.lost_heading_measures,
                        lambda cs: count_support(cs, lexicon, YEAR))


def _summary(lexicon, upper: list, lower: list):
    """"Insats | <lost> | Antal nya delt. | Pågående" over three insatser and the total."""
    return _parse(lexicon, "deltagare", _scan(
        text_line(60, "Deltagare i insatserna"), upper, [*words(110, ("Insats", 50)), *lower],
        words(126, ("Kompass", 50), ("53", 240), ("33", 302), ("26", 364)),
        words(142, ("Steget", 50), ("31", 240), ("15", 302), ("16", 364)),
        words(158, ("Navet", 50), ("29", 240), ("18", 302), ("12", 364)),
        words(174, ("Summa", 50), ("113", 235), ("66", 302), ("54", 364))))


def _form(lexicon, name: str, deltagare: str, avslutade: str):
    return _parse(lexicon, "insatsrapport", _scan(
        text_line(300, f"Årsrapport för insatsen {name}"), text_line(320, "Deltagare"),
        words(340, ("Antal", 250)),
        words(356, ("Totalt", 50), ("antal", 85), ("deltagare", 115), (deltagare, 255)),
        words(372, ("Avslutade", 50), (avslutade, 255))), title=name)[0]


# "Totalt antal / deltagare" read as "Ti antal / inne": no heading the lexicon knows.
GARBLED = (words(95, ("Ti", 194), ("antal", 226), ("Antal", 267), ("nya", 296)),
           [*words(110, ("inne", 201), ("delt.", 291), ("Pågående", 328))])


def test_a_summary_column_whose_heading_ocr_garbled_is_kept_unplaced(lexicon):
    counts, lost = _summary(lexicon, *GARBLED)
    assert {c.measure for c in counts} == {"nya", "pagaende"}
    assert {(c.insats, c.value) for c in lost} == {("Kompass", 53), ("Steget", 31), ("Navet", 29), ("", 113)}
    assert {c.measure for c in lost} == {""}


def test_the_bilagor_key_a_lost_summary_column(lexicon):
    counts, lost = _summary(lexicon, *GARBLED)
    forms = _form(lexicon, "Kompass", "53", "27") + _form(lexicon, "Steget", "31", "15")
    placed = _place(lexicon, counts + forms, lost)
    assert {(c.insats, c.measure, c.value) for c in placed} == {
        ("Kompass", "deltagare", 53), ("Steget", "deltagare", 31), ("Navet", "deltagare", 29),
        ("", "deltagare", 113)}
    # a guess the arithmetic bears out: doubtful, and said so
    assert all(c.confidence < DIGITAL.checks.uncertain_below for c in placed)
    assert {c.key_match for c in placed} == {"arithmetic"}


def test_a_lost_column_no_rule_decides_is_not_stored(lexicon):
    # No bilaga: the total row adds up under any heading, which keys nothing.
    counts, lost = _summary(lexicon, *GARBLED)
    assert _place(lexicon, counts, lost) == []


def test_a_bilaga_that_contradicts_every_measure_keys_nothing(lexicon):
    counts, lost = _summary(lexicon, *GARBLED)
    forms = _form(lexicon, "Kompass", "50", "27")
    assert _place(lexicon, counts + forms, lost) == []


def test_a_heading_left_with_its_abbreviation_alone_is_no_second_deltagare(lexicon):
    # "Totalt antal / deltagare | Avslutade / delt. | Pågående / delt.": OCR gave "Pågående"'s
    # first letter to the column before and lost the rest: "delt." alone is no deltagare.
    counts, lost = _parse(lexicon, "deltagare", _scan(
        text_line(60, "Deltagare i insatserna"),
        words(94, ("Totalt", 194), ("antal", 226), ("Avslutade", 276), ("P", 339)),
        words(108, ("Insats", 57), ("deltagare", 205), ("delt.", 301), ("delt.", 363)),
        words(122, ("Framåt", 57), ("43", 238), ("28", 310), ("15", 373)),
        words(138, ("Ankaret", 57), ("60", 239), ("33", 310), ("27", 372)),
        words(154, ("Summa", 57), ("103", 233), ("61", 309), ("42", 372))))
    assert {(c.insats, c.measure, c.value) for c in counts if c.measure == "deltagare"} == {
        ("Framåt", "deltagare", 43), ("Ankaret", "deltagare", 60), ("", "deltagare", 103)}
    assert {c.value for c in lost} == {15, 27, 42}
    # pågående = deltagare − avslutade on every row: the lost column is pågående
    placed = _place(lexicon, counts, lost)
    assert {(c.insats, c.measure, c.value) for c in placed} == {
        ("Framåt", "pagaende", 15), ("Ankaret", "pagaende", 27), ("", "pagaende", 42)}


def test_a_form_row_whose_label_ocr_garbled_is_keyed_by_the_summary(lexicon):
    summary, _ = _parse(lexicon, "deltagare", _scan(
        text_line(60, "Deltagare i insatserna"),
        words(100, ("Insats", 50), ("Deltagare", 230), ("Nya", 300)),
        words(116, ("Bron", 50), ("46", 240), ("26", 302)),
        words(132, ("Ankaret", 50), ("30", 240), ("12", 302))))
    form, lost = _parse(lexicon, "insatsrapport", _scan(
        words(300, ("Statistik", 57), ("Bron", 113)),
        words(318, ("Kvinnor", 262), ("Män", 339), ("Totalt", 392)),
        words(334, ("Totalt", 56), ("antal", 87), ("deltagare", 115), ("18", 289), ("28", 349), ("46", 408)),
        words(349, ("NONE", 32), ("NVR", 58), ("GOA", 79), ("21", 289), ("5", 355), ("—26", 399)),
        words(364, ("Avslutade", 56), ("0", 294), ("16", 350), ("16", 410))), title="Bron", table_title=True)
    assert {(c.group, c.value) for c in lost} == {("kvinnor", 21), ("man", 5), ("total", 26)}
    placed = _place(lexicon, summary + form, lost)
    assert {(c.measure, c.group, c.value) for c in placed} == {
        ("nya", "kvinnor", 21), ("nya", "man", 5), ("nya", "total", 26)}


def test_a_row_two_measures_fit_alike_keys_nothing(lexicon):
    # A form row whose label OCR garbled, its groups adding up; the form prints deltagare and
    # nya: avslutade or pågående? pågående = deltagare − avslutade needs the other one, and
    # that the groups add up holds under any heading: nothing keys the row.
    form, lost = _parse(lexicon, "insatsrapport", _scan(
        words(300, ("Statistik", 57), ("Bron", 113)),
        words(318, ("Kvinnor", 262), ("Män", 339), ("Totalt", 392)),
        words(334, ("Totalt", 56), ("antal", 87), ("deltagare", 115), ("18", 289), ("28", 349), ("46", 408)),
        words(349, ("NONE", 32), ("NVR", 58), ("GOA", 79), ("21", 289), ("5", 355), ("26", 399)),
        words(364, ("Nya", 56), ("deltagare", 80), ("10", 289), ("6", 350), ("16", 410))),
        title="Bron", table_title=True)
    assert {(c.group, c.value) for c in lost} == {("kvinnor", 21), ("man", 5), ("total", 26)}
    assert _place(lexicon, form, lost) == []


def test_lost_columns_of_two_tables_on_a_page_stay_apart(lexicon):
    # Two summaries one above the other, their lost column at the same place: two columns
    # to key, not one (each insats's count would else be one table's only).
    def table(y: float, title: str):
        return [text_line(y, title), [*GARBLED[0]], [*GARBLED[1]],
                words(y + 66, ("Kompass", 50), ("53", 240), ("33", 302), ("26", 364)),
                words(y + 82, ("Steget", 50), ("31", 240), ("15", 302), ("16", 364))]

    first = table(60, "Deltagare i insatserna 2024")
    second = [[replace(w, top=w.top + 200, bottom=w.bottom + 200) for w in row]
              for row in table(60, "Deltagare i insatserna 2023")]
    _, lost = _parse(lexicon, "deltagare", _scan(*first, *second))
    assert len(lost) == 4
    assert len({c.key_match for c in lost}) == 2


def test_a_lost_column_that_only_zeros_confirm_keys_nothing(lexicon):
    # Kompass's lost figure is 0, and so is the bilaga's avslutade: a rule held by zeros holds
    # under any measure that is zero too, no evidence (it keyed the column avslutade: review).
    counts, lost = _parse(lexicon, "deltagare", _scan(
        text_line(60, "Deltagare i insatserna"),
        words(95, ("Ti", 194), ("antal", 226), ("Antal", 267), ("nya", 296)),
        [*words(110, ("Insats", 50)), *words(110, ("inne", 201), ("delt.", 291))],
        words(126, ("Kompass", 50), ("0", 244), ("3", 306))))
    assert {(c.insats, c.value) for c in lost} == {("Kompass", 0)}
    forms = _form(lexicon, "Kompass", "5", "0")
    assert _place(lexicon, counts + forms, lost) == []
