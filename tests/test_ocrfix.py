"""OCR damage repair: numbers, Swedish words, noise next to amounts, empty column slots."""

from __future__ import annotations

import pytest

from core.lexicon import load_lexicon
from core.numbers import is_group_token, parse_amount
from ingest.pdftext import Page, Word
from parsers.gaps import empty_slots
from parsers.layout import WIDE_BOX_CONFIDENCE, is_ocr_noise, page_lines
from repair.ocrfix import (
    IRREGULAR_GROUPING_CONFIDENCE,
    REPAIRED_NUMBER_CONFIDENCE,
    document_spelling,
    repair_number,
    repair_text_token,
    repair_words,
)


@pytest.mark.parametrize("raw, fixed", [
    ("7.187.431", "7 187 431"),        # dots for grouping spaces
    ("=152", "-152"),                  # a blurred thin minus
    ("175-771", "175 771"),            # a grouping space read as a hyphen
    ("2225-755", "2225 755"),          # ... and the space before it lost
    ("1:052377", "1 052377"),          # a colon for a space, one space lost
    ("1°319:735", "1 319 735"),
    ("~123", "123"),                   # stray marks
    ("1O", "10"),                      # letter O for zero
])
def test_repair_number(raw, fixed):
    assert repair_number(raw)[0] == fixed
    assert repair_number(raw)[1] < 1


@pytest.mark.parametrize("raw", ["2024-12-31", "12:30", "2,875", "Summa", "1 000", "-19",
                                 "2012-2015", "222000-3381"])
def test_repair_number_leaves_what_is_no_damaged_amount(raw):
    assert repair_number(raw) is None


def test_lenient_amounts_take_lost_spaces_only_from_ocr():
    assert parse_amount("13331 848") is None
    assert parse_amount("13331 848", lenient=True) == 13_331_848
    assert parse_amount("7 204599", lenient=True) == 7_204_599
    assert parse_amount("13 31 848", lenient=True) is None
    assert is_group_token("204599", lenient=True) and not is_group_token("204599")


@pytest.mark.parametrize("raw, fixed", [
    ("Forsakringskassan", "Försäkringskassan"),
    ("Férbundet", "Förbundet"),               # an English model's é for ö
    ("ARSREDOVISNING", "ÅRSREDOVISNING"),
    ("franVimmerby", "frånVimmerby"),         # two words glued by a lost space
    ("Vasterviks", "Västerviks"),             # genitive of a lexicon name
    ("Resultatrakning:", "Resultaträkning:"),
    ("Lon", "Lön"),                           # a note item's word, three letters
    ("loneskatt", "löneskatt"),
])
def test_repair_text_restores_diacritics(raw, fixed):
    assert repair_text_token(raw, load_lexicon().vocabulary) == fixed


@pytest.mark.parametrize("raw", ["Oskarshmns", "kostnad", "Resultat", "Norrsjen", "Hultsfred"])
def test_repair_text_never_guesses_other_letters(raw):
    assert repair_text_token(raw, load_lexicon().vocabulary) is None


def test_repair_words_keeps_the_raw_text():
    page = Page(1, 595, 842, [Word("Forsakringskassan", 10, 90, 100, 108),
                              Word("7.187.431", 300, 340, 100, 108)], source="ocr")
    out = repair_words(page, load_lexicon().vocabulary)
    assert [(w.text, w.raw) for w in out.words] == [("Försäkringskassan", "Forsakringskassan"),
                                                    ("7 187 431", "7.187.431")]
    assert out.words[1].confidence == IRREGULAR_GROUPING_CONFIDENCE


@pytest.mark.parametrize("text, noise", [("E52", True), ("=", True), ("1c", True), ("~", True),
                                         ("152", False), ("-", False), ("Summa", False),
                                         ("kr", False), ("3391...", True),
                                         ("2016-12-31", False), ("Summa...", False)])
def test_ocr_noise(text, noise):
    assert is_ocr_noise(text) is noise


def test_dust_after_figures_leaves_doubtful_cells_not_label_words():
    """Specks after figures read as marks ("3345." "3391..."): every figure of the row is a
    cell (the marked ones doubtful, for a re-read), none is left in the label."""
    words = _ocr_line([("Eget", 57, 77), ("kapital", 81, 112), ("3130", 351, 376),
                       ("3345.", 392, 416), ("3391...", 433, 457.4), ("2573.", 474, 498.5),
                       ("2775", 515, 539)])
    line = page_lines(Page(2, 595, 842, words, source="ocr"))[0]
    assert line.label == "Eget kapital"
    assert [(c.value, c.confidence) for c in line.cells] == [
        (3130, IRREGULAR_GROUPING_CONFIDENCE), (None, 0.0), (None, 0.0), (None, 0.0),
        (2775, IRREGULAR_GROUPING_CONFIDENCE)]


def _ocr_line(words: list[tuple[str, float, float]], top: float = 100) -> list[Word]:
    return [Word(t, x0, x1, top, top + 7.4, confidence=0.95) for t, x0, x1 in words]


def test_ocr_amount_cells_join_wide_groups_and_keep_noise_apart():
    words = _ocr_line([("Medlemsavgift", 57, 126), ("13", 249, 259), ("331848", 262.6, 299.5),
                       ("=", 432, 438), ("E52", 443, 459), ("12", 489, 499), ("995", 502.7, 519.6),
                       ("538", 522.9, 539.5)])
    line = page_lines(Page(4, 595, 842, words, source="ocr"))[0]
    assert line.label == "Medlemsavgift"
    assert [(c.value, c.confidence) for c in line.cells] == [
        (13_331_848, IRREGULAR_GROUPING_CONFIDENCE), (None, 0.0), (12_995_538, 0.95)]
    # The same digits in a born-digital layer are taken as printed: no lost spaces there.
    digital = [Word(w.text, w.x0, w.x1, w.top, w.bottom) for w in words if "E" not in w.text
               and w.text != "="]
    assert [c.value for c in page_lines(Page(4, 595, 842, digital))[0].cells] == [
        13, 331_848, 12_995_538]


def test_ocr_box_wider_than_its_digits_is_doubtful():
    # "152" in a box as wide as "− 152": the sign was seen but not read.
    words = _ocr_line([("Medlemsavgift", 57, 126), ("152", 432.0, 459.4)])
    cell = page_lines(Page(4, 595, 842, words, source="ocr"))[0].cells[0]
    assert cell.value == 152 and cell.confidence == WIDE_BOX_CONFIDENCE
    assert WIDE_BOX_CONFIDENCE <= REPAIRED_NUMBER_CONFIDENCE  # so it is re-read


def test_empty_slot_under_a_column_of_the_same_table():
    rows = [("Fordran moms", "70 287", "92 714"), ("Kundfordringar", "56 875", "1 000"),
            ("Avräkn skatter och avgifter", None, "0"), ("Övr interimsfordringar", "837", "6 183")]
    words: list[Word] = []
    for i, (label, cur, prev) in enumerate(rows):
        top = 100 + 15 * i
        words.append(Word(label, 57, 57 + 5 * len(label), top, top + 7.4))
        if cur:
            words.append(Word(cur, 430 - 5 * len(cur), 430, top, top + 7.4))
        words.append(Word(prev, 520 - 5 * len(prev), 520, top, top + 7.4))
    lines = page_lines(Page(7, 595, 842, words))
    slots = empty_slots(lines)
    assert [(s.line_index, round(s.x1)) for s in slots] == [(2, 430)]


def test_names_take_the_documents_own_spelling():
    """A kommun the lexicon cannot know, read without its ä in a note ("Halleberg"), is
    spelled as the report prints it elsewhere; born-digital pages and words spelled two ways
    in the document are left alone."""
    text = Page(1, 595, 842, [Word(t, 60 + 60 * i, 110 + 60 * i, 100, 108, confidence=0.95)
                              for i, t in enumerate(["kommunerna", "Hälleberg", "och", "Gruvbo"])],
                source="ocr")
    note = Page(2, 595, 842, _ocr_line([("Driftbidrag", 57, 110), ("från", 114, 134),
                                        ("Halleberg", 138, 180), ("kommun", 184, 220),
                                        ("1092", 300, 320), ("975", 323, 338)])
                + _ocr_line([("Hallebergs", 57, 110), ("insatser", 114, 150)], top=120),
                source="ocr")
    lines = page_lines(text) + page_lines(note)
    fixed = document_spelling(lines, {1, 2})
    assert fixed[1].label == "Driftbidrag från Hälleberg kommun"
    assert fixed[1].label_words[2].raw == "Halleberg" and fixed[1].cells == lines[1].cells
    assert fixed[2].label == "Hällebergs insatser"
    assert document_spelling(lines, {1}) is lines  # the note's page born-digital: as printed
