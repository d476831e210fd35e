"""OCR damage repair: numbers, Swedish words, noise next to amounts, empty column slots."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PIL import Image

from core.lexicon import load_lexicon
from core.numbers import is_group_token, parse_amount
from core.settings import DIGITAL
from ingest.pdftext import Page, Word
from parsers.gaps import empty_slots, figure_band
from parsers.layout import WIDE_BOX_CONFIDENCE, is_ocr_noise, is_rule_mark, page_lines
from repair.cells import take_misread_words
from repair.ocrfix import (
    IRREGULAR_GROUPING_CONFIDENCE,
    REPAIRED_NUMBER_CONFIDENCE,
    document_spelling,
    repair_number,
    repair_text_token,
    repair_words,
)
from repair.reread import ruled_through, without_upright_rules


@pytest.mark.parametrize("raw, fixed", [
    ("7.187.431", "7 187 431"),        # dots for grouping spaces
    ("=152", "-152"),                  # a blurred thin minus
    ("175-771", "175 771"),            # a grouping space read as a hyphen
    ("2225-755", "2225 755"),          # ... and the space before it lost
    ("1:052377", "1 052377"),          # a colon for a space, one space lost
    ("1°319:735", "1 319 735"),
    ("988/318", "988 318"),            # an upright ruling line through the space: a slash
    ("5}105984", "5 105984"),          # ... a brace, a bar, a bracket
    ("5|105984", "5 105984"),
    ("12]345", "12 345"),
    ("~123", "123"),                   # stray marks
    ("2672620.", "2672620"),           # a speck after a figure (no decimal)
    ("2:225°755.", "2 225 755"),       # ... after a figure with odd separators
    ("-—13513000", "-13513000"),       # a blurred minus read as two dashes
    ("-—", "-"),                       # ... standing apart from its figure
    ("1O", "10"),                      # letter O for zero
    ("#,.1910607", "1910607"),         # specks before a figure read as marks (300 dpi)
    ("6 295 -", "6 295"),              # a re-read's ruling line run on right of the figure
    ("5478 —", "5478"),
    ("(1 243) =", "(1 243)"),
])
def test_repair_number(raw, fixed):
    assert repair_number(raw)[0] == fixed
    assert repair_number(raw)[1] < 1


@pytest.mark.parametrize("raw", ["2024-12-31", "12:30", "2,875", "Summa", "1 000", "-19",
                                 "2012-2015", "222000-3381", "2017.", "3.", ",5", ".12345", "#12",
                                 "1/2", "2016/17", "2017/123",
                                 "Summa -", "- 17", "6 29 -"])
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
    ("L6n", "Lön"),                           # ... its ö read as 6 (variety-112, seed 23)
    ("loneskatt", "löneskatt"),
    ("Alvsbyn", "Älvsbyn"),                   # a member kommun of the lexicon's vocabulary
    ("Ostersunds", "Östersunds"),
    ("F6rsakringskassan", "Försäkringskassan"),  # a digit read for the ö (300 dpi scan)
    ("Samordningsf6rbundet", "Samordningsförbundet"),
    ("Forsaékringskassan", "Försäkringskassan"),  # a serif "ä" read as "aé" (hard 200 dpi)
    ("Férsaékringskassan", "Försäkringskassan"),  # ... and its "ö" as "é", both in one word
])
def test_repair_text_restores_diacritics(raw, fixed):
    assert repair_text_token(raw, load_lexicon().vocabulary) == fixed


@pytest.mark.parametrize("raw", ["Oskarshmns", "kostnad", "Resultat", "Norrsjen", "Hultsfred",
                                 "Not1", "2017", "Reg1on"])
def test_repair_text_never_guesses_other_letters(raw):
    assert repair_text_token(raw, load_lexicon().vocabulary) is None


def test_repair_words_keeps_the_raw_text():
    page = Page(1, 595, 842, [Word("Forsakringskassan", 10, 90, 100, 108),
                              Word("7.187.431", 300, 340, 100, 108)], source="ocr")
    out = repair_words(page, load_lexicon().vocabulary)
    assert [(w.text, w.raw) for w in out.words] == [("Försäkringskassan", "Forsakringskassan"),
                                                    ("7 187 431", "7.187.431")]
    assert out.words[1].confidence == IRREGULAR_GROUPING_CONFIDENCE


def test_a_count_glued_to_the_word_after_it_is_two_words():
    """"Avslutade 4 2kvinnor och 2 man" (an English-only layer lost the space): the count
    and its group word, each a word of its own; the form reads its kvinnor again."""
    from parsers.participants import parse_participants
    from parsers.sections import Section
    texts = [("Årsrapport", 57), ("för", 110), ("insatsen", 128), ("Mötesplatsen", 172)], \
        [("Avslutade", 57), ("4", 200), ("2kvinnor", 230), ("och", 275), ("2", 295), ("man", 305)]
    words = _form_words(texts)
    lexicon = load_lexicon()
    out = repair_words(Page(8, 595, 842, words, source="ocr"), lexicon.vocabulary)
    assert [w.text for w in out.words][5:9] == ["4", "2", "kvinnor", "och"]
    assert out.words[6].x1 == out.words[7].x0 and out.words[7].raw == "2kvinnor"
    lines = page_lines(out)
    counts = parse_participants(Section("insatsrapport", lines[0].text, lines, title="Mötesplatsen"),
                                lexicon, 2023)
    assert {(c.measure, c.group): c.value for c in counts}[("avslutade", "kvinnor")] == 2
    # Digits before no known word, or before fewer than three letters, stay one token.
    kept = repair_words(Page(8, 595, 842, [Word(t, 60, 90, 100, 108) for t in ("3e", "12xyzq")],
                             source="ocr"), lexicon.vocabulary)
    assert [w.text for w in kept.words] == ["3e", "12xyzq"]


def test_words_a_ruling_line_joined_with_hyphens_are_words_again():
    """"Bidrag-fran-Forsakringskassan" on a hard scan: a ruling line struck through a note
    row's label read as hyphens where the spaces were; the item's key was lost. Parts that
    are all words of the vocabulary are words again, spelled as it spells them; a hyphen of
    the label's own ("EU-medel", "Kurs-") stays."""
    words = [Word(t, x, x + 5 * len(t), 100, 108, confidence=0.95)
             for t, x in (("Bidrag-fran-Forsakringskassan", 57), ("EU-medel", 300), ("Kurs-", 400))]
    out = repair_words(Page(8, 595, 842, words, source="ocr"), load_lexicon().vocabulary)
    assert [w.text for w in out.words] == ["Bidrag", "från", "Försäkringskassan", "EU-medel", "Kurs-"]
    assert out.words[0].x0 == 57 and out.words[2].x1 == 57 + 5 * 29
    assert all(w.raw == "Bidrag-fran-Forsakringskassan" for w in out.words[:3])


def test_words_an_upright_line_joined_with_a_bar_are_words_again():
    """Untuned variety-85: "Övriga kortfristiga|skulder", an upright line between two words
    of a note row read as a bar in one token: the item was stored under a key never printed,
    sure. Letters on both sides of a bar are two words, placed by their characters' share,
    known words or not ("Gruvbo|kommun"); a bar after a figure or a lone one is left."""
    words = [Word(t, x, x + 5 * len(t), 100, 108, confidence=0.95)
             for t, x in (("kortfristiga|skulder", 57), ("Gruvbo|kommun", 200), ("4|", 300), ("|", 400))]
    out = repair_words(Page(8, 595, 842, words, source="ocr"), load_lexicon().vocabulary)
    assert [w.text for w in out.words][:4] == ["kortfristiga", "skulder", "Gruvbo", "kommun"]
    # An "l" read as a bar leaves a word of the vocabulary: one word, its "l" back.
    (kept,) = repair_words(Page(8, 595, 842, [Word("Persona|kostnader", 57, 142, 100, 108, confidence=0.95)],
                                source="ocr"), load_lexicon().vocabulary).words
    assert kept.text == "Personalkostnader"
    assert out.words[0].x0 == 57 and out.words[1].x1 == 57 + 5 * 20
    assert all(w.raw == "kortfristiga|skulder" for w in out.words[:2])


def test_a_ruling_line_read_as_dashes_before_a_word_leaves_it():
    page = Page(6, 595, 842, [Word("——Driftbidrag", 30, 107, 240, 248),
                              Word("—", 40, 49, 160, 168), Word("-152", 300, 320, 240, 248)],
                source="ocr")
    out = repair_words(page, load_lexicon().vocabulary)
    assert [(w.text, w.raw) for w in out.words] == [
        ("Driftbidrag", "——Driftbidrag"), ("—", None), ("-152", None)]
    # An upright line read as a bar glued after a word ("Övriga|") leaves it too.
    page = Page(5, 595, 842, [Word("Övriga|", 56, 94, 499, 508), Word("|", 300, 301, 499, 508)],
                source="ocr")
    out = repair_words(page, load_lexicon().vocabulary).words
    assert [(w.text, w.raw) for w in out] == [("Övriga", "Övriga|"), ("|", None)]
    assert out[0].x1 < 94
    # A line through a word reads as underscores in it.
    page = Page(5, 595, 842, [Word("kostnade_r_", 140, 214, 269, 278)], source="ocr")
    assert [(w.text, w.raw) for w in repair_words(page, load_lexicon().vocabulary).words] == [
        ("kostnader", "kostnade_r_")]


def test_figures_on_a_ruling_line_read_as_one_token_are_figures_apart():
    # "101  14  119  60  72" on an underline, read as one token with the line: each run of
    # digits a word where its characters stand, doubtful. A date, or grouped digits split
    # by a hyphen, are no such token.
    token = "—_____101____14___119_____69____72—"
    page = Page(2, 595, 842, [Word(token, 340, 550, 100, 108),
                              Word("2017-12-31", 300, 340, 120, 128)], source="ocr")
    out = repair_words(page, load_lexicon().vocabulary).words
    figures = out[:5]
    assert [(w.text, w.raw) for w in figures] == [(t, token) for t in ("101", "14", "119", "69", "72")]
    assert {w.confidence for w in figures} == {REPAIRED_NUMBER_CONFIDENCE}
    assert all(a.x1 < b.x0 for a, b in zip(figures, figures[1:], strict=False))
    assert 340 < figures[0].x0 and figures[-1].x1 < 550
    assert out[5].text == "2017-12-31"


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


def _form_words(texts) -> list[Word]:
    """An OCR'd insats form's lines: (text, x0) per word, 5 pt a character, 15 pt a line."""
    return [Word(t, x, x + 5 * len(t), 100 + 15 * i, 108 + 15 * i, confidence=0.95)
            for i, line in enumerate(texts) for t, x in line]


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


def test_a_figure_with_a_stray_bracket_is_a_doubtful_cell():
    """"Finansiella poster 91 0) 91 27" (an English-only layer read a speck after the 0 as a
    bracket with none before it): no amount as read, a doubtful cell for the re-read, not a
    cell left at the OCR's confidence with no value."""
    words = _ocr_line([("Finansiella", 57, 105), ("poster", 110, 140), ("91", 349, 360),
                       ("0)", 415, 421), ("91", 469, 480), ("27", 529, 540)])
    line = page_lines(Page(5, 595, 842, words, source="ocr"))[0]
    assert [(c.text, c.value, c.confidence) for c in line.cells][1] == ("0)", None, 0.0)
    assert [c.value for c in line.cells] == [91, None, 91, 27]


def test_a_grouping_space_read_as_a_bracket_or_slash_keeps_the_figure_whole():
    """An upright ruling line through this year's column of a hard scan, where each figure
    has its grouping space: "195) 749", "5 750) 252". The figure before the mark was a cell
    of its own and the last group another, stored as this year's (749, sure). The groups
    are one figure, doubtful (for the re-read); a bracket that closes one is left alone."""
    words = _ocr_line([("Ökning", 58, 90), ("fordringar", 238, 285), ("195)", 412, 428),
                       ("749", 433, 450), ("—39", 501, 520), ("162", 524, 541)])
    line = page_lines(Page(5, 595, 842, words, source="ocr"))[0]
    assert [c.value for c in line.cells] == [195_749, -39_162]
    assert line.cells[0].confidence <= REPAIRED_NUMBER_CONFIDENCE
    words = _ocr_line([("Kassa", 56, 80), ("5", 408, 413), ("750)", 417, 434), ("252", 438, 455),
                       ("3", 492, 497), ("761", 501, 518), ("934", 522, 540)])
    line = page_lines(Page(5, 595, 842, words, source="ocr"))[0]
    assert [c.value for c in line.cells] == [5_750_252, 3_761_934]
    words = _ocr_line([("Resultat", 56, 90), ("(1", 412, 420), ("195)", 422, 440),
                       ("749", 490, 507)])
    line = page_lines(Page(5, 595, 842, words, source="ocr"))[0]
    assert [c.value for c in line.cells] == [-1_195, 749]


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


def test_a_slot_knows_the_band_its_rows_figures_stand_in():
    # A 200 dpi form scanned askew: "Deltagare under året      [48]   [32]   16". The label's
    # descenders (g, å) reach below the figures and the figures rise to the right: a slot
    # read at the label's band cuts the dropped figures' tops and reads noise. The row's own
    # figure gives the band to read the slot at again.
    label = [Word(t, x0, x1, 501.5, 511.4, confidence=0.95)
             for t, x0, x1 in (("Deltagare", 58, 103), ("under", 107, 135), ("året", 138, 157))]
    row = label + [Word("16", 410, 420, 500.0, 508.0, confidence=0.95)]
    below = [[Word(t, x0, x1, top, top + 9.9, confidence=0.95) for t, x0, x1 in (
        (name, 58, 112), (a, 290, 300), (b, 350, 360), (c, 416, 420))]
        for top, name, a, b, c in ((516.2, "Nyinskrivna", "27", "24", "3"),
                                   (531.1, "Avslutade", "17", "16", "1"),
                                   (546.0, "Avbrutna", "12", "10", "2"))]
    lines = page_lines(Page(7, 595, 842, row + [w for r in below for w in r], source="ocr"))
    assert figure_band(lines[0]) == (500.0, 508.0)
    slots = empty_slots(lines)
    assert [(s.line_index, round(s.x1), s.band) for s in slots] == [
        (0, 300, (500.0, 508.0)), (0, 360, (500.0, 508.0))]
    # A row whose figures share the label's band has no other band to read at.
    assert figure_band(lines[1]) is None


def test_a_tables_headings_make_no_slots_in_the_table_above_it():
    """A resultaträkning whose last rows OCR left bare ("Resultat före extraordinära poster"),
    and under it the balance sheet's headings ("Belopp i tkr  Not  2017-12-31  2016-12-31"):
    those headings head the rows below them, not the bare rows above (a slot there read
    the "-3" of "-301" as a figure of its own)."""
    from parsers.gaps import heading_slots
    words = _ocr_line([("Finansiella", 57, 105), ("kostnader", 109, 150)], top=150) \
        + _ocr_line([("Resultat", 57, 95), ("före", 99, 118), ("poster", 122, 150)], top=165) \
        + _ocr_line([("Belopp", 57, 88), ("i", 91, 94), ("tkr", 97, 110), ("Not", 380, 395),
                     ("2017-12-31", 405, 455), ("2016-12-31", 490, 540)], top=200) \
        + _ocr_line([("Tillgångar", 57, 100)], top=215) \
        + _ocr_line([("Kassa", 57, 80), ("och", 83, 98), ("bank", 101, 120)], top=230)
    lines = page_lines(Page(4, 595, 842, words, source="ocr"))
    slotted = {lines[s.line_index].label for s in heading_slots(lines)}
    assert "Resultat före poster" not in slotted and "Finansiella kostnader" not in slotted
    assert "Kassa och bank" in slotted


def test_a_lower_tables_own_headings_end_the_columns_of_one_above():
    """Untuned variety-85: a driftredovisning's headings ("utfall  Budget  utfall") headed,
    as slots, every short row of the page below them, a note's too, whose own years stand
    elsewhere ("2023" at 458-480): the "Budget" slot reached the note's
    figure and its column rule was read as "7" ("7 708" stored for 708). Columns a nearer
    heading line overlaps (words, or years as cells) are that table's; the others stay."""
    from parsers.gaps import heading_slots
    words = _ocr_line([("tkr", 57, 72), ("utfall", 352, 386), ("Budget", 418, 462.9),
                       ("utfall", 515, 540)], top=96) \
        + _ocr_line([("Likvida", 57, 90), ("medel", 94, 120)], top=206) \
        + _ocr_line([("Utgående", 57, 100), ("kapital", 104, 140), ("4895", 362, 386)], top=221) \
        + _ocr_line([("2023", 458, 480), ("2022", 518, 540)], top=425) \
        + _ocr_line([("Lämnade", 57, 100), ("bidrag", 104, 133), ("708", 463, 480),
                     ("534", 523, 540)], top=441)
    lines = page_lines(Page(6, 595, 842, words, source="ocr"))
    slots = [(lines[s.line_index].label, round(s.x0)) for s in heading_slots(lines)]
    assert ("Likvida medel", 418) in slots and ("Lämnade bidrag", 352) in slots
    assert ("Lämnade bidrag", 418) not in slots
    # A line of years right under its own table's word headings is one heading with them:
    # the columns above it keep their slots (review: "Budget  Utfall" over "2023  2023").
    words = _ocr_line([("tkr", 57, 72), ("Budget", 352, 386), ("Utfall", 418, 462.9)], top=96) \
        + _ocr_line([("2023", 363, 386), ("2023", 440, 462.9)], top=110) \
        + _ocr_line([("Lämnade", 57, 100), ("bidrag", 104, 133), ("708", 369, 386)], top=125)
    lines = page_lines(Page(6, 595, 842, words, source="ocr"))
    assert [(lines[s.line_index].label, round(s.x0)) for s in heading_slots(lines)] == [
        ("Lämnade bidrag", 418)]


def test_no_figure_straddles_two_right_edges_of_one_column():
    """Untuned variety-87: a scanner's upright line down the right edge of this year's
    column made OCR read some figures in two ("3 488 | 5" for "3 488 626"): their first
    parts, ending at 458, made a second column inside this year's, overlapping it, and every
    whole figure ("296 496") was cut at a 'gap' between them, its parts stored as two
    columns' (the cash flow statement lost this year's figures). Columns that overlap have
    no gap to cut at: a figure over both is one figure."""
    from parsers.gaps import straddling_cells
    rows = [
        [("Eget", 57, 80), ("kapital", 83, 115), ("2793", 434, 455), ("482", 460, 481)],
        [("Summa", 57, 90), ("eget", 93, 113), ("3", 429, 434), ("488", 438, 458), ("5", 466, 481)],
        [("Kortfristiga", 57, 110), ("skulder", 113, 150), ("3", 429, 434), ("781", 438, 458),
         ("5", 467, 481)],
        [("Summa", 57, 90), ("skulder", 93, 130), ("7", 429, 434), ("270", 438, 458), ("1", 470, 481)],
        [("Kassa", 57, 85), ("och", 88, 105), ("bank", 108, 130), ("7", 434, 439), ("046", 442, 460),
         ("638", 463, 481)],
        [("Årets", 57, 85), ("kassaflöde", 88, 145), ("296", 439, 458), ("496", 462, 481)],
        [("Summa", 57, 90), ("tillgångar", 93, 140), ("7", 429, 434), ("270", 438, 455),
         ("192", 459, 481)],
        [("Årets", 57, 85), ("resultat", 88, 130), ("695", 439, 458), ("144", 462, 481)],
    ]
    prev = [("2", 488, 494), ("450", 498, 514), ("451", 518, 540)]
    words = [w for k, r in enumerate(rows) for w in _ocr_line(r + prev, top=300 + 15 * k)]
    lines = page_lines(Page(4, 595, 842, words, source="ocr"))
    assert [c.text for c in lines[5].cells] == ["296 496", "2 450 451"]
    assert straddling_cells(lines) == []


def test_a_year_heading_heads_its_column_as_mended():
    """Untuned variety-87: "Not 201 2010", the last digit of "2011" cut by an upright line
    and mended in its cell (read_streak_cut_ends), headed its column as OCR read it: no
    year, and the cash flow statement's column of this year was dropped."""
    from dataclasses import replace as copy

    from core.types import Cell
    from parsers.sections import Section
    from parsers.statements import parse_statement
    heads = page_lines(Page(4, 595, 842, _ocr_line([("Not", 399, 415), ("201", 458, 475),
                                                    ("2010", 518, 540)], top=100), source="ocr"))[0]
    mended = Cell([Word("2011", 458, 481, 100, 107.4, confidence=0.7)], 2011, 0.7)
    heads = copy(heads, cells=[mended, heads.cells[1]])
    figures = (("Årets resultat", ("695", "144", "343", "031")),
               ("Årets kassaflöde", ("296", "496", "532", "266")))
    rows = [page_lines(Page(4, 595, 842, _ocr_line(
        [(label, 57, 150), *zip(figs, (439, 462, 498, 521), (458, 481, 517, 540), strict=True)],
        top=115 + 15 * k), source="ocr"))[0] for k, (label, figs) in enumerate(figures)]
    title = page_lines(Page(4, 595, 842, _ocr_line([("4.", 57, 70), ("Kassaflödesrapport", 77, 230)],
                                                   top=72), source="ocr"))[0]
    section = Section("kassaflodesanalys", "Kassaflödesrapport", [title, heads, *rows])
    st = parse_statement(section, load_lexicon(), 2011)
    assert {a.column for r in st.rows for a in r.amounts} == {"current", "previous"}
    assert st.rows[0].amounts[0].value == 695_144


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


def test_a_word_with_one_letter_misread_takes_the_spelling_the_document_repeats():
    """"Briftbidrag från Oxelösund kommun" among four "Driftbidrag från ..." rows of a hard
    scan's note: its D read as a B, the item's key lost. A capitalised word the document
    prints once, no word of the vocabulary, one letter off a word it prints twice or more,
    is that word; two words of the document a letter apart, each printed twice, stay."""
    rows = [[("Driftbidrag", 57, 110), ("från", 114, 134), (place, 138, 180), ("kommun", 184, 220)]
            for place in ("Gnesta", "Trosa", "Nyköping")]
    rows.append([("Briftbidrag", 57, 110), ("från", 114, 134), ("Oxelösund", 138, 180),
                 ("kommun", 184, 220)])
    rows += [[("Hagalund", 57, 110)], [("Hagalund", 57, 110)], [("Hagelund", 57, 110)],
             [("Hagelund", 57, 110)]]
    words = [w for i, r in enumerate(rows) for w in _ocr_line(r, top=100 + 15 * i)]
    lines = page_lines(Page(2, 595, 842, words, source="ocr"))
    fixed = document_spelling(lines, {2}, load_lexicon().vocabulary)
    assert fixed[3].label == "Driftbidrag från Oxelösund kommun"
    assert fixed[3].label_words[0].raw == "Briftbidrag"
    assert [ln.label for ln in fixed[4:]] == ["Hagalund", "Hagalund", "Hagelund", "Hagelund"]
    # A word printed with its ö once beside two printings OCR read without it keeps its ö.
    once = page_lines(Page(2, 595, 842, [w for i, t in enumerate(("Sjöhaga", "Sjohaga", "Sjohaga"))
                                          for w in _ocr_line([(t, 57, 110)], top=100 + 15 * i)],
                           source="ocr"))
    assert document_spelling(once, {2}, load_lexicon().vocabulary)[0].label == "Sjöhaga"
    assert document_spelling(lines, set(), load_lexicon().vocabulary)[3].label.startswith("Brift")


def test_a_label_word_one_letter_off_one_vocabulary_word_is_that_word_doubtful():
    """"Revisionsanvode" in a hard scan's note (a ruling line turned its r into an n): a
    note item's label is its key, so the item was lost. A capitalised word printed once, no
    vocabulary word, one letter off exactly one vocabulary word (not in its ending) is that
    word, doubtful: the lexicon lacks many real words, and one of them may be what was
    printed. An inflection ("Kostnaden", the vocabulary holding "kostnader"), a short word
    and a born-digital page stay as they are."""
    from parsers.layout import key_words_cap
    vocabulary = load_lexicon().vocabulary
    rows = [[("Revisionsanvode", 66, 150)], [("Kostnaden", 66, 110), ("avser", 114, 140)],
            [("Lokalhyrn", 66, 110)], [("Resekostnader", 66, 130)]]
    words = [w for i, r in enumerate(rows) for w in _ocr_line(r, top=100 + 15 * i)]
    lines = page_lines(Page(5, 595, 842, words, source="ocr"))
    fixed = document_spelling(lines, {5}, vocabulary)
    assert [ln.label for ln in fixed] == ["Revisionsarvode", "Kostnaden avser", "Lokalhyrn",
                                          "Resekostnader"]
    assert fixed[0].label_words[0].raw == "Revisionsanvode"
    assert key_words_cap("unkeyed", fixed[0].label_words) < DIGITAL.checks.uncertain_below
    assert fixed[3].label_words[0].confidence == lines[3].label_words[0].confidence
    assert document_spelling(lines, set(), vocabulary)[0].label == "Revisionsanvode"


def test_a_label_word_one_letter_short_of_one_vocabulary_word_is_that_word_doubtful():
    """"Kundfordringa" in a hard scan's fordringar note (its last letter blurred into the gap
    before the figures): the item was stored, sure, under a key no report prints. A word
    one letter short of exactly one vocabulary word is that word, doubtful, as a word one
    letter off is; but not when the letter it lacks is a last n, s or t, which Swedish adds
    alone ("Styrelsearvode" is a word, whatever the vocabulary holds of its inflections)."""
    from parsers.layout import key_words_cap
    vocabulary = load_lexicon().vocabulary
    lacking = {k: v for k, v in vocabulary.items() if v != "styrelsearvode"}
    rows = [[("Kundfordringa", 66, 130)], [("Interimsfodringar", 66, 140)],
            [("Styrelsearvode", 66, 130)], [("Kostnade", 66, 110)], [("Kortfristig", 66, 120)]]
    words = [w for i, r in enumerate(rows) for w in _ocr_line(r, top=100 + 15 * i)]
    lines = page_lines(Page(5, 595, 842, words, source="ocr"))
    fixed = document_spelling(lines, {5}, lacking)
    # ... nor an a or e ("Kortfristig" is no "kortfristiga" read short).
    assert [ln.label for ln in fixed] == ["Kundfordringar", "Interimsfordringar",
                                          "Styrelsearvode", "Kostnade", "Kortfristig"]
    assert fixed[0].label_words[0].raw == "Kundfordringa"
    assert key_words_cap("unkeyed", fixed[0].label_words) < DIGITAL.checks.uncertain_below
    assert fixed[2].label_words[0].confidence == lines[2].label_words[0].confidence


def test_a_label_lines_first_word_without_its_capital_is_the_word_doubtful():
    """"ortfristiga fordringar" and "vrigt eget kapital" in a hard scan's balance sheet (the
    capital lost at the margin): in lower case, each read as the tail of the label above it
    ("Omsättningstillgångar ortfristiga fordringar"), and stored, sure, under a key no report
    prints. A line's first word in lower case, no vocabulary word, that is exactly one
    vocabulary word without its first letter is that word, doubtful. A wrapped label's tail
    of the vocabulary ("kostnader"), a word elsewhere on the line and a short word stay."""
    from parsers.layout import key_words_cap
    vocabulary = load_lexicon().vocabulary
    rows = [[("ortfristiga", 66, 120), ("fordringar", 124, 175)],
            [("vrigt", 66, 92), ("eget", 96, 116), ("kapital", 120, 155)],
            [("kostnader", 66, 110)], [("Summa", 66, 95), ("ortfristiga", 99, 150)],
            [("ning", 66, 90)]]
    figures = [("285880", 480, 510), ("198635", 520, 550)]
    words = [w for i, r in enumerate(rows) for w in _ocr_line(r + figures, top=100 + 15 * i)]
    # A line of prose (no figures) opens in lower case: "vinna" is no "Kvinna" lost its K.
    words += _ocr_line([("ortfristiga", 66, 120), ("skulder", 124, 160), ("betalas", 164, 200)],
                       top=190)
    lines = page_lines(Page(5, 595, 842, words, source="ocr"))
    fixed = document_spelling(lines, {5}, vocabulary)
    assert [ln.label for ln in fixed] == ["Kortfristiga fordringar", "Övrigt eget kapital",
                                          "kostnader", "Summa ortfristiga", "ning",
                                          "ortfristiga skulder betalas"]
    assert fixed[0].label_words[0].raw == "ortfristiga"
    assert key_words_cap("exact", fixed[1].label_words) < DIGITAL.checks.uncertain_below
    assert document_spelling(lines, set(), vocabulary)[0].label == "ortfristiga fordringar"


def test_a_name_ocr_split_in_two_is_joined_where_the_document_prints_it_whole():
    """"Fyr båken 37 16 21" in a 200 dpi summary table (blur between the r and the b), the
    insats's bilaga titled "Årsrapport för insatsen FYRBÅKEN": one name, so the summary's
    row is "Fyrbåken" and the bilaga's counts are counted under it. Two words a normal
    space apart, a second word in capitals, or a pair the document never prints whole stay
    two words."""
    title = Page(2, 595, 842, _ocr_line([("Årsrapport", 56, 122), ("för", 127, 145),
                                         ("insatsen", 149, 200), ("FYRBÅKEN", 205, 270)]),
                 source="ocr")
    table = Page(1, 595, 842, _ocr_line([("Fyr", 52, 65.2), ("båken", 67.2, 96.2), ("37", 235, 246),
                                         ("16", 297, 308)])
                 + _ocr_line([("Fyr", 52, 65.2), ("Båken", 67.2, 96.2), ("5", 240, 246)], top=115)
                 + _ocr_line([("Fyr", 52, 65.2), ("båken", 72, 101), ("5", 240, 246)], top=130)
                 + _ocr_line([("Norra", 52, 75), ("vallen", 76.5, 101), ("5", 240, 246)], top=145),
                 source="ocr")
    lines = page_lines(table) + page_lines(title)
    fixed = document_spelling(lines, {1, 2})
    assert [ln.label for ln in fixed[:4]] == ["Fyrbåken", "Fyr Båken", "Fyr båken", "Norra vallen"]
    assert fixed[0].label_words[0].raw == "Fyr båken" and fixed[0].label_words[0].confidence < 1
    assert [c.value for c in fixed[0].cells] == [37, 16] and fixed[0].text == "Fyrbåken 37 16"
    assert document_spelling(lines, {2})[0].label == "Fyr båken"  # a born-digital table: as printed


def test_a_word_a_ruling_line_split_is_joined_on_its_line_whatever_the_page_word_order():
    """"börjat st udera" in a hard scan's bilaga prose: a ruling line down the page parted
    "studera" and OCR's blocks put "udera" after the line's other left-hand words, never
    beside "st", so the page's words were joined in vain. On the line they stand side by
    side: the vocabulary's word. Born-digital lines stay as printed."""
    vocabulary = load_lexicon().vocabulary
    left = _ocr_line([("fem", 225.4, 243), ("börjat", 247, 274.7), ("st", 277.9, 286.2)], top=495.5)
    below = _ocr_line([("Målet", 57, 90)], top=520)
    right = _ocr_line([("udera", 288.4, 313.6), ("och", 317.5, 333.4)], top=495.3)
    page = repair_words(Page(7, 595, 842, left + below + right, source="ocr"), vocabulary)
    lines = page_lines(page)
    assert lines[0].label == "fem börjat st udera och"  # the page's words: parts apart
    fixed = document_spelling(lines, {7}, vocabulary)
    assert fixed[0].label == "fem börjat studera och" and fixed[0].text == fixed[0].label
    assert fixed[0].label_words[2].raw == "st udera"
    assert document_spelling(lines, set(), vocabulary) is lines


def test_a_name_read_with_a_digit_for_its_o_takes_the_documents_spelling():
    """"Driftbidrag från Sj6haga kommun" (a 300 dpi scan read the ö as 6): the note item is
    the kommun the report prints as "Sjöhaga" elsewhere."""
    text = Page(1, 595, 842, [Word(t, 60 + 60 * i, 110 + 60 * i, 100, 108, confidence=0.95)
                              for i, t in enumerate(["kommunerna", "Trastbo", "och", "Sjöhaga"])],
                source="ocr")
    note = Page(2, 595, 842, _ocr_line([("Driftbidrag", 57, 110), ("fran", 114, 134),
                                        ("Sj6haga", 138, 180), ("kommun", 184, 220),
                                        ("2176207", 300, 338)]), source="ocr")
    lines = page_lines(text) + page_lines(repair_words(note, load_lexicon().vocabulary))
    fixed = document_spelling(lines, {1, 2})
    assert fixed[1].label == "Driftbidrag från Sjöhaga kommun"
    assert fixed[1].label_words[2].raw == "Sj6haga" and fixed[1].label_words[2].confidence < 1


def test_a_name_read_with_another_accent_for_its_o_takes_the_documents_spelling():
    """"Driftbidrag från Bjérkvattnet kommun" (a 200 dpi scan read the ö as é): the note
    item is the kommun the report prints as "Björkvattnet" elsewhere; a word that differs
    in another letter is left alone."""
    text = Page(1, 595, 842, [Word(t, 60 + 60 * i, 110 + 60 * i, 100, 108, confidence=0.95)
                              for i, t in enumerate(["kommunerna", "Björkvattnet", "och", "Fjällhed"])],
                source="ocr")
    note = Page(2, 595, 842, _ocr_line([("Driftbidrag", 57, 110), ("från", 114, 134),
                                        ("Bjérkvattnet", 138, 190), ("kommun", 194, 230),
                                        ("1797", 300, 338)])
                + _ocr_line([("Bjérkvatten", 57, 110), ("1486", 300, 338)], top=120), source="ocr")
    lines = page_lines(text) + page_lines(note)
    fixed = document_spelling(lines, {1, 2})
    assert fixed[1].label == "Driftbidrag från Björkvattnet kommun"
    assert fixed[1].label_words[2].raw == "Bjérkvattnet"
    assert fixed[2].label == "Bjérkvatten"


def _ruled_note(extra: list[tuple[str, float, float]]) -> list[Word]:
    """A note of four rows (two columns, right edges 429 and 519) whose second row is crossed
    by a ruling line: its label words are ``extra`` after "Upplupna semesterlöner"."""
    rows = [("Leverantörsskulder", "777 589", "983 303"), ("Upplupna semesterlöner", None, "822 340"),
            ("Avräkning sociala avgifter", "808 010", "1 031 870"),
            ("Övriga kortfristiga skulder", "1 135 008", "1 099 607")]
    words: list[Word] = []
    for i, (label, cur, prev) in enumerate(rows):
        top = 209 + 15 * i
        x = 57.0
        for part in label.split():
            words.append(Word(part, x, x + 5 * len(part), top, top + 8.3))
            x += 5 * len(part) + 3
        if i == 1:
            words += [Word(t, x0, x1, top, top + 8.3) for t, x0, x1 in extra]
        for text, right in ((cur, 429), (prev, 519)):
            if text:
                words.append(Word(text, right - 5 * len(text), right, top, top + 8.3))
    return words


def test_a_ruling_line_read_as_wide_letters_or_bars_is_no_word():
    # A horizontal line read as "eee" over 90 pt and "Se" over 42 pt; a vertical one as "|".
    words = _ruled_note([("eee", 366, 456), ("|", 470, 472)])
    words.append(Word("Se", 412, 454, 0, 8.3))
    lines = page_lines(Page(7, 595, 842, words, source="ocr"))
    assert [ln.label for ln in lines if ln.label.startswith("Upplupna")] == \
        ["Upplupna semesterlöner"]
    assert not any(w.text in ("Se", "|") for ln in lines for w in ln.words)
    # Letters as wide as letters are, and wide boxes of digits (an amount), stay.
    assert is_rule_mark(Word("Summa", 24, 95, 0, 8.6), 7.6) is False
    assert is_rule_mark(Word("2023", 470, 534, 0, 11.2), 8.3) is False
    assert is_rule_mark(Word("eee", 366, 456, 0, 8.6), 7.6) is True


def test_a_word_boxed_over_the_next_word_is_no_ruling_line():
    """"Fem år i sammandrag" of a hard scan: OCR boxed "Fem" from a margin smear over "år"
    (83 pt for three letters, as wide as a line read as letters), the layer read word by
    word. A box holding another word is a word; one holding only marks ("=" over "=") is
    not."""
    words = [Word("Fem", 22.7, 106.2, 198.9, 210.4), Word("år", 88.6, 103.7, 198.9, 210.4),
             Word("i", 110.9, 116.6, 198.9, 210.4), Word("sammandrag", 123.1, 216.4, 198.9, 210.4),
             Word("Lokalhyra", 66.6, 111.6, 300, 308), Word("2466088", 486.0, 545.4, 300, 308),
             Word("=", 556.2, 563.8, 300, 308), Word("=", 553.7, 595.4, 300, 308)]
    words += [Word("Rad", 66.6, 82, 320 + 15 * i, 328 + 15 * i) for i in range(6)]
    lines = page_lines(Page(2, 595, 842, [replace(w, confidence=0.95) for w in words], source="ocr"))
    assert lines[0].label == "Fem år i sammandrag"
    assert [w.x1 for w in lines[1].words if w.text == "="] == [563.8]


def test_a_ruled_through_figure_read_as_broken_words_is_one_cell_over_its_column():
    # "1 191 742" under a ruling line read as "ROS oD" (the rest lost); "eee : :" in the
    # gutter. The words become one doubtful cell over the column, for a re-read; the
    # gutter marks leave the label.
    extra = [("eee", 211, 221), (":", 246, 247), (":", 278, 279), ("ROS", 349, 376),
             ("oD", 382, 409)]
    lines = page_lines(Page(7, 595, 842, _ruled_note(extra), source="ocr"))
    row = take_misread_words(lines, {7})[1]
    assert row.label == "Upplupna semesterlöner"
    cell = row.cells[0]
    assert cell.value is None and cell.confidence == 0.0
    assert (round(cell.x1), cell.x0 <= 429 - 5 * len("1 135 008")) == (429, True)


def test_a_ruling_line_read_as_stretched_letters_in_the_gutter_is_no_part_of_the_label():
    # "Kundfordringar     Seay": a line through the gutter read as four letters 55 pt wide
    # (not wide enough for a rule mark of the page), the note item's label with it. A word
    # as wide as its letters after the gap stays ("Upplupna semesterlöner    kvartalsvis").
    lines = page_lines(Page(7, 595, 842, _ruled_note([("Seay", 190, 245)]), source="ocr"))
    assert any(w.text == "Seay" for w in lines[1].label_words)
    assert take_misread_words(lines, {7})[1].label == "Upplupna semesterlöner"
    kept = page_lines(Page(7, 595, 842, _ruled_note([("kvartalsvis", 190, 245)]), source="ocr"))
    assert take_misread_words(kept, {7})[1].label == "Upplupna semesterlöner kvartalsvis"


def test_a_streak_read_as_capitals_in_the_gutter_is_no_part_of_the_label():
    """"Kundfordringar     [EES SETS I": a hard serif scan's level streak through the gutter
    read as capitals and marks of letters' width (no mark short or wide enough to be told
    so before); the note item was stored under that label. Capitals and marks after the
    gap a label does not have leave it; a word written small there stays, and capitals
    within the label's own spacing ("Bidrag från SCB") are the label's."""
    streak = [("[EES", 210, 228), ("SETS", 231, 264), ("I", 272, 274)]
    lines = page_lines(Page(7, 595, 842, _ruled_note(streak), source="ocr"))
    assert take_misread_words(lines, {7})[1].label == "Upplupna semesterlöner"
    near = [("SCB", 180, 195)]
    lines = page_lines(Page(7, 595, 842, _ruled_note(near), source="ocr"))
    assert take_misread_words(lines, {7})[1].label == "Upplupna semesterlöner SCB"


def test_a_speck_in_the_columns_of_a_group_heading_is_no_part_of_it():
    """"Personalkostnader          i": a hard serif scan's speck in this year's column, on the
    line of a costs note's group heading (a label alone). The group was named
    "Personalkostnader i", and its subtotal "Summa personalkostnader" was stored under it.
    One small letter after the gutter gap leaves a label-only line as marks leave a row; a
    heading's own short words (within its spacing), a status word ("Ja") and a born-digital
    page's words stay."""
    words = _ruled_note([])
    words += [Word("Personalkostnader", 57, 142, 180, 188.3), Word("i", 370, 371, 180, 188.3),
              Word("Övriga", 57, 87, 194, 202.3), Word("kostnader", 90, 135, 194, 202.3),
              Word("i", 138, 141, 194, 202.3), Word("år", 144, 154, 194, 202.3)]
    lines = page_lines(Page(7, 595, 842, words, source="ocr"))
    labels = [ln.label for ln in take_misread_words(lines, {7}) if not ln.cells]
    assert labels == ["Personalkostnader", "Övriga kostnader i år"]
    assert [ln.label for ln in take_misread_words(lines, set()) if not ln.cells][0] == "Personalkostnader i"
    status = [*_ruled_note([]), Word("Målet", 57, 82, 180, 188.3), Word("Ja", 370, 380, 180, 188.3)]
    lines = page_lines(Page(7, 595, 842, status, source="ocr"))
    assert [ln.label for ln in take_misread_words(lines, {7}) if not ln.cells] == ["Målet Ja"]


def test_a_figure_read_with_a_ruling_lines_marks_at_its_ends_is_a_cell_of_its_column():
    # "Lämnade bidrag 1888621 __3235174—": a line struck through the row glued its marks to
    # the figure's ends and widened its box past the column's edge; the figure (and the
    # figures before it, which the split took for label words with it) stayed in the label
    # and the row lost both amounts. Judged without the marks, it stands in its column.
    lines = page_lines(Page(7, 595, 842, _ruled_note([("__808010—", 377, 440)]), source="ocr"))
    assert lines[1].label.endswith("__808010—")
    row = take_misread_words(lines, {7})[1]
    assert row.label == "Upplupna semesterlöner"
    assert any(c.value is None and c.confidence == 0.0 and c.x1 >= 429 for c in row.cells)
    # Dashes are wider than digits ("—795-887—" 66 pt wide): its box narrowed by their
    # width, not by their count, stands in the column.
    dashed = page_lines(Page(7, 595, 842, _ruled_note([("—808-010—", 372, 452)]), source="ocr"))
    assert take_misread_words(dashed, {7})[1].label == "Upplupna semesterlöner"


def test_a_figure_before_gutter_marks_in_a_label_is_a_cell_of_its_column():
    # "Dataprogram och licenser  1192   ER  ae  2217": a ruling line's marks after this
    # year's figure kept it in the label (the marks stand in no column, so the search for
    # label words in the columns stopped at them). The figure before the gutter's marks is
    # the row's; the marks leave the label.
    extra = [("808010", 394, 429), ("ER", 455, 460), ("ae", 466, 474)]
    lines = page_lines(Page(7, 595, 842, _ruled_note(extra), source="ocr"))
    assert lines[1].label.endswith("808010 ER ae")
    row = take_misread_words(lines, {7})[1]
    assert row.label == "Upplupna semesterlöner"
    assert [c.value for c in row.cells] == [808010, 822340]


@pytest.mark.parametrize("misread", ["ITIL", "IOSL"])
def test_a_figure_misread_as_four_capitals_is_a_cell_for_a_reread(misread):
    # A bold subtotal "7771" read as "ITIL": longer than a smudge, but only the capitals
    # that look like digits, standing in the column.
    lines = page_lines(Page(7, 595, 842, _ruled_note([(misread, 409, 429)]), source="ocr"))
    row = take_misread_words(lines, {7})[1]
    assert row.label == "Upplupna semesterlöner"
    assert [(c.text, round(c.x1)) for c in row.cells][0] == (misread, 429)


def test_capitals_in_a_column_after_a_figure_of_the_row_are_a_misread_figure():
    """"Lämnade bidrag 21615 ELSA" (a clean 300 dpi scan: "1 157" read as letters, and the
    row left without cells): with a figure of the row standing in a column, the capitals
    in the next column are a figure for the re-read too, not part of the label."""
    rows = [("Övriga externa kostnader", "", ""), ("Lämnade bidrag", "21615", "ELSA"),
            ("Kurs- och konferensavgifter", "2126", "3266"), ("Lokalhyra", "2570", "3466"),
            ("Revisionsarvode", "2474", "1283")]
    words: list[Word] = []
    for i, (label, cur, prev) in enumerate(rows):
        top, x = 455 + 15 * i, 57.0
        for part in label.split():
            words.append(Word(part, x, x + 5 * len(part), top, top + 8.3, confidence=0.95))
            x += 5 * len(part) + 3
        words += [Word(t, right - 6 * len(t), right, top, top + 8.3, confidence=0.95)
                  for t, right in ((cur, 498.5), (prev, 539.5)) if t]
    lines = page_lines(Page(6, 595, 842, words, source="ocr"))
    row = take_misread_words(lines, {6})[1]
    assert row.label == "Lämnade bidrag"
    assert [(c.value, round(c.x1)) for c in row.cells] == [(21615, 498), (None, 540)]


def test_a_figure_read_with_a_dot_in_an_amount_column_is_a_misread_figure():
    """"Resekostnader 2.54952 1d" (a tkr note on a 300 dpi scan: "2 545" and "1 515"): a dot
    among digits is no Swedish decimal; standing in an amount column it is a figure for the
    re-read, like the "1d" beside it."""
    rows = [("Lokalhyra", "2 408", "902"), ("Revisionsarvode", "2583", "1112"),
            ("Resekostnader", "2.54952", "1d"), ("Dataprogram", "2590", "2999")]
    words: list[Word] = []
    for i, (label, cur, prev) in enumerate(rows):
        top = 501 + 15 * i
        words.append(Word(label, 57, 57 + 5 * len(label), top, top + 7.5, confidence=0.95))
        words += [Word(t, right - 6 * len(t), right, top, top + 7.5, confidence=0.95)
                  for t, right in ((cur, 498.7), (prev, 539.3))]
    lines = page_lines(Page(5, 595, 842, words, source="ocr"))
    row = take_misread_words(lines, {5})[2]
    assert row.label == "Resekostnader"
    assert [(c.text, c.value) for c in row.cells] == [("2.54952", None), ("1d", None)]


def test_a_mark_boxed_over_a_misread_count_is_part_of_it():
    """"Bron 30 26 a BE 15 11" (a 300 dpi scan read the 11 of the third column as a mark
    "a" boxed over "BE"): every word after the name stands in a column or over the word
    after it, so all become cells, the mark and "BE" one doubtful cell for the re-read;
    the 30 and 26 before them are no gutter noise."""
    rows = [("Horisonten", ("30", "15", "3", "3", "12")), ("Bron", ("30", "26", None, "15", "11")),
            ("Vindrosen", ("15", "48", "23", "17", "31"))]
    words: list[Word] = []
    for i, (label, counts) in enumerate(rows):
        top = 126 + 15 * i
        words.append(Word(label, 56, 56 + 5 * len(label), top, top + 7.4, confidence=0.95))
        for text, right in zip(counts, (248.4, 310.5, 372.5, 434.4, 496.4), strict=True):
            if text:
                words.append(Word(text, right - 5.3 * len(text), right, top, top + 7.4,
                                  confidence=0.95))
    words += [Word("a", 361.0, 363.0, 141, 148.4, confidence=0.95),
              Word("BE", 361.9, 372.5, 141, 148.4, confidence=0.95)]
    lines = page_lines(Page(3, 595, 842, words, source="ocr"))
    row = take_misread_words(lines, {3})[1]
    assert row.label == "Bron"
    assert [(c.text, c.value) for c in row.cells] == [
        ("30", 30), ("26", 26), ("a BE", None), ("15", 15), ("11", 11)]


@pytest.mark.parametrize("word", ["SKULDER", "Summa", "moms"])
def test_a_label_word_reaching_a_column_stays_in_the_label(word):
    lines = page_lines(Page(7, 595, 842, _ruled_note([(word, 429 - 5 * len(word), 429)]),
                            source="ocr"))
    row = take_misread_words(lines, {7})[1]
    assert row.label == f"Upplupna semesterlöner {word}"



def test_a_figure_read_with_the_ruling_line_through_it_is_a_cell_of_its_column():
    # This year's figure with a sloping ruling line through it, read with the line as one
    # word of digits and marks far wider than its characters, reaching far left of its
    # column ("£808010" over 300-440): it is the row's figure, a doubtful cell over its column
    # for a re-read, no part of the label. A word of letters that long stays text, and so
    # does a word with digits as wide as its characters ("16-24", an age band).
    lines = page_lines(Page(7, 595, 842, _ruled_note([("£808010", 300, 440)]),
                            source="ocr"))
    row = take_misread_words(lines, {7})[1]
    assert row.label == "Upplupna semesterlöner"
    cell = next(c for c in row.cells if c.value is None)
    assert cell.confidence == 0.0 and round(cell.x1) == 429 and cell.x0 > 330
    prose = page_lines(Page(7, 595, 842, _ruled_note([("kvarstående", 330, 440)]),
                            source="ocr"))
    assert take_misread_words(prose, {7})[1].label.endswith("kvarstående")
    band = page_lines(Page(7, 595, 842, _ruled_note([("16-24/25-29", 380, 430)]),
                           source="ocr"))
    assert take_misread_words(band, {7})[1].label.endswith("16-24/25-29")
    # The line read as marks in a word of normal width ("02—~—*—~<C«:«7S'") tells it too.
    marks = page_lines(Page(7, 595, 842, _ruled_note([("3—~—*—~<C«:«08010", 380, 440)]),
                            source="ocr"))
    assert take_misread_words(marks, {7})[1].label == "Upplupna semesterlöner"


def _cell_image(rule_rows: tuple[int, ...] = (), skew: float = 0.0) -> Image.Image:
    """A 60 x 300 px grey crop of a figure ("1 191 742" as dark blocks) on uneven paper,
    with a faint ruling line (grey 170) at ``rule_rows``, sloping ``skew`` px per column."""
    px = np.full((60, 300), 232.0) + np.linspace(-6, 6, 300)[None, :]
    for x0 in range(40, 260, 30):  # digits: 18 px wide, 35 px tall, dark
        px[12:47, x0:x0 + 18] = 40
    for row in rule_rows:
        for x in range(300):
            y = int(row + skew * x)
            if 0 <= y < 60:
                px[y:y + 2, x] = np.minimum(px[y:y + 2, x], 170)
    return Image.fromarray(px.astype(np.uint8), mode="L")


def test_a_reading_of_a_name_gives_its_diacritics_in_the_case_ocr_read():
    from repair.ocrfix import respelling
    assert respelling("Vagvisaren", "Vägvisaren") == "Vägvisaren"
    assert respelling("Vagvisaren", "VÄGVISAREN") == "Vägvisaren"
    assert respelling("FYRBAKEN", "Fyrbåken,") == "FYRBÅKEN"
    assert respelling("Fordran", "fordran") is None  # case alone: nothing restored
    assert respelling("Vindrosen", "Vinärosen") is None  # another letter changed
    assert respelling("Vagvisaren", None) is None


def test_an_upright_ruling_line_through_a_word_is_seen_in_its_top_and_bottom_margins():
    from repair.reread import crossed_upright
    crossed = _cell_image().transpose(Image.Transpose.ROTATE_90)  # the figure's blocks upright
    assert not crossed_upright(crossed, 25)
    assert crossed_upright(_cell_image((50,)).transpose(Image.Transpose.ROTATE_90), 25)


def test_a_ruling_line_through_a_cell_is_seen_in_both_margins():
    # Tesseract reads such a line as a minus ("-913280"): the sign of a crossed cell is
    # not taken. A figure alone, or dark only beside the figure, is no line.
    assert ruled_through(_cell_image((50,)), 25)
    assert ruled_through(_cell_image((44,), skew=0.03), 25)  # skewed by under 2 degrees
    assert not ruled_through(_cell_image(), 25)
    assert not ruled_through(_cell_image((5,), skew=0.15), 25)  # steep: no level line



def test_words_split_in_the_wrong_place_are_split_again():
    # "Lämnade bidrag" read as "Lämnadeb idrag", "Totalt" as "T otalt"; words the vocabulary
    # holds, or far apart, are left alone.
    def texts(*items: tuple[str, float, float]) -> list[str]:
        page = Page(5, 595, 842, [Word(t, x0, x1, 298, 307) for t, x0, x1 in items],
                    source="ocr")
        return [w.text for w in repair_words(page, load_lexicon().vocabulary).words]
    assert texts(("Lämnadeb", 57, 104), ("idrag", 104, 150)) == ["Lämnade", "bidrag"]
    assert texts(("T", 57, 62), ("otalt", 63, 87)) == ["Totalt"]
    assert texts(("Lämnadeb", 57, 104), ("idrag", 300, 346)) == ["Lämnadeb", "idrag"]
    assert texts(("Övriga", 57, 87), ("intäkter", 91, 128)) == ["Övriga", "intäkter"]
    # A word torn into more pieces (a hard scan's blur: "Av rä kn ing sociala avgifter"),
    # joined when no piece is a word and all of them are one; pieces far apart, or runs
    # that make no word, stay.
    assert texts(("Av", 53, 65), ("rä", 65, 75), ("kn", 75, 86), ("ing", 87, 101),
                 ("sociala", 104, 136)) == ["Avräkning", "sociala"]
    assert texts(("Av", 53, 65), ("skriv", 66, 90), ("ningar", 91, 120), ("inventarier", 124, 180)) \
        == ["Avskrivningar", "inventarier"]
    assert texts(("Av", 53, 65), ("rä", 65, 75), ("kn", 120, 131), ("ing", 132, 146)) \
        == ["Av", "rä", "kn", "ing"]
    assert texts(("ean", 53, 70), ("OO", 71, 84), ("am", 85, 99)) == ["ean", "OO", "am"]
    # A speck read as a quote at a piece's edge is no letter of it (variety-30, scan seed 11).
    assert texts(("Sammantr", 66, 114), ("‘adesar", 114, 146), ("voden", 149, 177)) \
        == ["Sammanträdesarvoden"]



def test_marks_in_a_scanned_pages_margin_are_no_words():
    # "pera" and "Sy" read from the scanner's edge, left of where the page's lines begin.
    rows = [("pera", 2, 25), ("Revisionsarvode", 67, 144)], [("Resekostnader", 67, 130)], \
        [("Sy", 7, 44), ("Sammanträdesarvoden", 66, 177)], [("Lokalhyra", 67, 112)], \
        [("Summa", 57, 91)]
    words = [Word(t, x0, x1, 100 + 15 * i, 108 + 15 * i) for i, row in enumerate(rows)
             for t, x0, x1 in row]
    labels = [ln.label for ln in page_lines(Page(5, 595, 842, words, source="ocr"))]
    assert labels == ["Revisionsarvode", "Resekostnader", "Sammanträdesarvoden", "Lokalhyra",
                      "Summa"]
    # Born digital, every word is the page's own.
    assert page_lines(Page(5, 595, 842, words))[0].label == "pera Revisionsarvode"



def test_an_outdented_heading_on_a_scanned_page_is_no_margin_mark():
    # Note headings printed left of their rows: the rows make the text's edge, the headings
    # stand in no margin (and "5" is a figure, never a mark).
    rows = [[("Not", 50, 68), ("5", 71, 76), ("Skulder", 79, 115)],
            [("Leverantörsskulder", 85, 170), ("120", 400, 415)],
            [("Skatteskulder", 85, 150), ("40", 403, 415)],
            [("Upplupna", 85, 125), ("kostnader", 128, 170), ("80", 403, 415)],
            [("Not", 50, 68), ("6", 71, 76), ("Eget", 79, 100), ("kapital", 103, 135)]]
    words = [Word(t, x0, x1, 100 + 15 * i, 108 + 15 * i) for i, row in enumerate(rows)
             for t, x0, x1 in row]
    texts = [ln.text for ln in page_lines(Page(5, 595, 842, words, source="ocr"))]
    assert texts[0] == "Not 5 Skulder" and texts[-1] == "Not 6 Eget kapital"


def test_an_upright_ruling_line_is_whitened_before_a_heading_is_read():
    # A 2 px line over the whole crop, slightly skewed; letters (35 px tall) stay.
    px = np.full((134, 300), 255, dtype=np.uint8)
    px[50:85, 100:104] = 0  # a letter's stem
    px[50:54, 100:130] = 0  # and its bar
    for y in range(134):
        x = 40 + y // 30  # skewed by 4 px over the height
        px[y, x:x + 2] = 0
    clean = np.asarray(without_upright_rules(Image.fromarray(px, mode="L"), 35))
    # The line is gone, but for a short stub at the crop's edge.
    assert (clean[:, 38:48] == 0).sum() <= 0.1 * (px[:, 38:48] == 0).sum()
    assert (clean[50:85, 100:104] == 0).all() and (clean[50:54, 100:130] == 0).all()


def test_an_ocr_layers_word_boxed_over_its_neighbours_is_read_whole():
    """Tesseract may box a heading's first word over the whole heading ("DRIFTREDOVISNING"
    from 57 to 361 pt, "PER VERKSAMHET" inside it): the layer's words are read in the order
    it writes them, not character by character left to right ("DRIFTREDOPVERI")."""
    import io

    from reportlab.pdfgen import canvas

    from ingest.pdftext import OCR_WORD_SETTINGS, read_pdf
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    for text, x, width in (("DRIFTREDOVISNING ", 57, 312), ("PER ", 222.5, 32), ("VERKSAMHET ", 260, 105)):
        t = c.beginText(x, 760)
        t.setTextRenderMode(3)  # invisible, as OCRmyPDF writes its layer
        t.setFont("Helvetica", 10)
        t.setHorizScale(100 * width / c.stringWidth(text, "Helvetica", 10))
        t.textOut(text)
        c.drawText(t)
    c.showPage()
    c.save()
    words = read_pdf(buf.getvalue(), OCR_WORD_SETTINGS).pages[0].words
    assert [w.text for w in words] == ["DRIFTREDOVISNING", "PER", "VERKSAMHET"]


def test_a_zero_read_as_o_glued_to_its_group_word_is_a_doubtful_zero():
    """A 200 dpi form row "Nyinskrivna 4 0 kvinnor och 4 män" read "4 Okvinnor och 4 män":
    the 4 was taken for the kvinnor, surely. The O is a zero of its own (doubtful), so the
    row keeps its total and its groups; a word that is one ("Ovriga", "Okar") stays whole."""
    from parsers.participants import parse_participants
    from parsers.sections import Section
    texts = [("Årsrapport", 57), ("för", 110), ("insatsen", 128), ("Bron", 172)], \
        [("Nyinskrivna", 57), ("4", 294), ("Okvinnor", 319), ("och", 366), ("4", 386), ("män", 395)]
    words = _form_words(texts)
    lexicon = load_lexicon()
    out = repair_words(Page(7, 595, 842, words, source="ocr"), lexicon.vocabulary)
    assert [w.text for w in out.words][4:8] == ["Nyinskrivna", "4", "0", "kvinnor"]
    assert out.words[6].confidence == REPAIRED_NUMBER_CONFIDENCE and out.words[6].raw == "Okvinnor"
    lines = page_lines(out)
    counts = parse_participants(Section("insatsrapport", lines[0].text, lines, title="Bron"),
                                lexicon, 2017)
    got = {(c.measure, c.group): c.value for c in counts}
    assert (got[("nya", "total")], got[("nya", "kvinnor")], got[("nya", "man")]) == (4, 0, 4)
    kept = repair_words(Page(7, 595, 842, [Word(t, 60, 90, 100, 108) for t in ("Ovriga", "Okar", "Oxyz")],
                             source="ocr"), lexicon.vocabulary)
    assert [w.text for w in kept.words] == ["Övriga", "Ökar", "Oxyz"]
    # Nor a word that opens a line: "Oanvända medel" ("använda" is a word of the vocabulary).
    label = [Word(t, x, x + 6 * len(t), 100, 108) for t, x in (("Oanvända", 60), ("medel", 120), ("12", 400))]
    assert [w.text for w in repair_words(Page(7, 595, 842, label, source="ocr"),
                                         lexicon.vocabulary).words][:2] == ["Oanvända", "medel"]


def test_words_a_level_ruling_line_glued_into_one_token_are_parted():
    """A ruling line through a goal table's row read as dashes between two words of two
    columns: "aktivt——-62-%—" boxed from 247 to 347 pt reached over the activity column's
    start (305), and the table ended there (its later goals were lost). The words stand
    apart again, where their characters stand; one dash ("Skellefteå–Norsjö", a date) and
    figures on a line ("—___101___14___72—", doubtful) are as before."""
    lexicon = load_lexicon()
    words = [Word(t, 247, 347, 433, 441, confidence=0.95)
             for t in ("aktivt——-62-%—", "Skellefteå–Norsjö", "2016-12-31", "—___101___14___72—")]
    out = repair_words(Page(2, 595, 842, words, source="ocr"), lexicon.vocabulary).words
    assert [w.text for w in out] == ["aktivt", "62-%", "Skellefteå–Norsjö", "2016-12-31", "101", "14", "72"]
    assert out[0].x1 < 305 < out[1].x0 and out[0].raw == "aktivt——-62-%—"
    assert out[4].confidence == REPAIRED_NUMBER_CONFIDENCE


def test_a_figure_a_ruling_line_glued_a_dash_before_has_no_known_sign():
    """"−20 380 299  −20 098 000" with a ruling line through the row read as one token
    "—20-380299—_—20.098": the line's dashes are dropped, and with them perhaps the figures'
    minus (a printed minus on the line reads as one more dash). Each figure whose digits a
    dash stood right before has no known sign: doubtful, whatever its repair's confidence
    was ("20.098" is a sure repair), and a re-read of its digits confirms no sign. Figures
    on an underline ("—___101___14") keep theirs: a minus is no underscore."""
    from core.settings import DIGITAL
    from core.types import Cell
    from repair.cells import _reread_cell
    token = "—20-380299—_—20.098"
    page = Page(5, 595, 842, [Word(token, 234, 356, 129, 138),
                              Word("—___101___14", 400, 470, 129, 138)], source="ocr")
    out = repair_words(page, load_lexicon().vocabulary).words
    second = next(w for w in out if w.raw == "20.098")
    assert second.text == "20 098" and second.sign_lost
    assert second.confidence < DIGITAL.checks.uncertain_below
    first = next(w for w in out if w.raw == token)
    assert first.sign_lost and first.confidence < DIGITAL.checks.uncertain_below
    assert [w.sign_lost for w in out if w.text in ("101", "14")] == [False, False]
    cell = Cell([second, Word("000", 360, 381, 129, 138)], 20098000, second.confidence)
    assert _reread_cell(cell, 20098000).confidence == cell.confidence
    assert _reread_cell(cell, -20098000).value == -20098000


def test_a_figure_boxed_with_a_ruling_lines_mark_before_it_stays_in_its_own_column():
    """"7 010 000   150 273" with a skewed ruling line's end read as "_" before "150": the
    word "_150" was boxed from where the mark began, over the gap between the columns, and
    "7010000 _150 273" became one figure, 7010000150273. The mark's share of the box is
    dropped with it: the two figures stay whole, each in its column."""
    words = [Word("Nettokostnad", 57, 120, 130, 139), Word("7160273", 280, 349, 130, 139),
             Word("7010000", 353, 406, 130, 139), Word("_150", 410, 452, 130, 139),
             Word("273", 458, 477, 130, 139)]
    out = repair_words(Page(5, 595, 842, words, source="ocr"), load_lexicon().vocabulary)
    assert next(w for w in out.words if w.text == "150").x0 > 418
    (line,) = page_lines(out)
    assert [c.value for c in line.cells] == [7160273, 7010000, 150273]


def test_a_label_word_of_dashes_among_letters_is_a_ruling_lines_trace():
    """"Medlemsavgift" under a faint skewed ruling line read "“Mediemsavoift" and a word
    "~—“—sSSS—SSS~—S" (the line): the image's line finder, on black and white, found no
    line, so the label was not read again and its row went unkeyed. Such a word is the
    line's trace itself; a hyphenated label is none."""
    from repair.ocrfix import _garbled_label, _rule_trace
    vocabulary = load_lexicon().vocabulary
    words = [Word("“Mediemsavoift", 51, 147, 143, 154), Word("~—“—sSSS—SSS~—S", 161, 264, 143, 154)]
    assert _garbled_label(words, vocabulary, None, None, 11.0)
    for text in ("Bidrag-fran-Forsakringskassan", "EU-medel", "Kurs-"):
        assert not _rule_trace(text)


def test_a_figure_read_in_parts_keeps_the_sign_doubt_of_any_part() -> None:
    """"—20" (its dash a ruling line's, Word.sign_lost) and "098" read apart and joined as one
    doubtful figure: the join keeps the doubt, so a re-read of the digits alone confirms no
    sign (it had lost the flag with the first part's word and been confirmed at 0.9)."""
    from core.types import Cell, Word
    from repair.cells import _doubtful_word, _reread_cell
    parts = [Word("20", 400, 410, 100, 109, confidence=0.5, sign_lost=True),
             Word("098", 413, 428, 100, 109, confidence=0.9)]
    assert Cell(parts[::-1], 20098, 0.5).sign_lost
    joined = Cell([_doubtful_word(parts, None)], 20098, 0.6)
    assert joined.sign_lost
    assert _reread_cell(joined, 20098).confidence == 0.6


def test_a_reread_keeps_the_minus_the_first_reading_glued_to_its_digits() -> None:
    """"-440" in a five-year overview with a speck before it, read "# -440": no amount, so
    the cell was read again, and the crop's reading, "440", was stored positive. The first
    reading's minus glued to those very digits stays; a minus that is a word of its own, or
    a dash a ruling line left (sign_lost), or other digits, give the re-read's value."""
    from core.types import Cell, Word
    from repair.cells import _reread_cell

    def cell(*texts: str, sign_lost: bool = False) -> Cell:
        return Cell([Word(t, 400 + 12 * k, 410 + 12 * k, 100, 109, sign_lost=sign_lost)
                     for k, t in enumerate(texts)], None, 0.0)

    assert _reread_cell(cell("#", "-440"), 440).value == -440
    assert _reread_cell(cell("#", "=", "−1", "094"), 1094).value == -1094
    assert _reread_cell(cell("#", "-", "440"), 440).value == 440
    assert _reread_cell(cell("#", "-440", sign_lost=True), 440).value == 440
    assert _reread_cell(cell("#", "-449"), 440).value == 440
    assert _reread_cell(cell("#", "-440"), -440).value == -440
