"""Goal statuses printed only as symbols, explained by a legend, read from hard 200 dpi scans.

VARIETY.md: "sometimes only a coloured symbol or arrow whose alt text or legend carries the
meaning". A class test: goal tables drawn here (reportlab, the fixtures' DejaVu fonts, which
hold the glyphs) whose status column is a symbol and nothing else, with a legend under or over
the table, in every symbol set reports use: filled/half/empty circles, check/cross with a dash
for "not measured", arrows, and one square drawn in green, yellow or red with a legend naming
the colours. On a scan Tesseract reads these glyphs as anything ("e", "@", "O", "©", nothing),
so a status is never taken from the OCR'd glyph as a sure one; the repair compares the cell's
ink with the legend keys' ink (repair/symbols.py). Demanded: born-digital every status right;
on hard scans (both fonts) no status stored wrong and sure, most right.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import DIGITAL
from fixtures.render import FAMILIES
from tests.helpers import read_born_digital, read_hard_scan
from tests.test_goal_scans import Row, _Page

DOUBT = DIGITAL.checks.uncertain_below
# A goal read from the scan is a drawn row's when their texts are this similar (0-100).
SAME_GOAL = 80

CIRCLES = ("Förklaring: ● = Uppnått   ◐ = Delvis uppnått   ○ = Ej uppnått", [
    Row("Samverkansparterna ska ha en gemensam målbild", "●", "uppnatt"),
    Row("Minst fyrtio procent ska gå till egen försörjning", "◐", "delvis"),
    Row("Insatserna ska vara kända hos alla vårdcentraler", "○", "ej_uppnatt"),
    Row("Deltagarna ska vara nöjda med bemötandet", "●", "uppnatt"),
    Row("Handläggarna ska få gemensam utbildning", "○", "ej_uppnatt"),
], "below")
CHECKS = ("Teckenförklaring: ✓ = Uppfyllt   ✗ = Ej uppfyllt   ? = Ej mätt", [
    Row("Alla nya deltagare ska få en kartläggning", "✓", "uppnatt"),
    Row("Arbetsgivarnätverket ska träffas fyra gånger", "✗", "ej_uppnatt"),
    Row("Deltagarnas hälsa ska mätas vid start och avslut", "?", "okand"),
    Row("Förbundet ska synas i lokalpressen", "✓", "uppnatt"),
], "above")
ARROWS = ("Förklaring: ↑ = Uppnått   → = Delvis uppnått   ↓ = Ej uppnått", [
    Row("Andelen unga i aktivitet ska öka", "↑", "uppnatt"),
    Row("Tiden till första insats ska minska", "→", "delvis"),
    Row("Avbrotten i praktik ska bli färre", "↓", "ej_uppnatt"),
    Row("Kommunernas handläggare ska remittera fler", "↑", "uppnatt"),
], "below")
COLOURS = ("Grön = Uppnått   Gul = Delvis uppnått   Röd = Ej uppnått", [
    Row("Fler kvinnor ska delta i insatserna", "green", "uppnatt"),
    Row("Insatsen ska ha en väntelista under en månad", "yellow", "delvis"),
    Row("Deltagarna ska få en kontaktperson hos Försäkringskassan", "red", "ej_uppnatt"),
], "below")
SETS = [CIRCLES, CHECKS, ARROWS, COLOURS]
ALL = [row for _, rows, _ in SETS for row in rows]
SYMBOL_FONT = FAMILIES["sans"][0]
RGB = {"green": (0.0, 0.6, 0.2), "yellow": (1.0, 0.8, 0.0), "red": (0.85, 0.1, 0.1)}


def draw_symbol_pages(path: Path, family: str = "sans") -> Path:
    p = _Page(path, family)
    p.text(56, "Måluppfyllelse", 14, bold=True)
    p.nl(2)
    for k, (legend, rows, where) in enumerate(SETS):
        if k == 2:
            p.page()
            p.text(56, "Uppföljning av mål", 14, bold=True)
            p.nl(2)
        if where == "above":
            _legend(p, legend)
            p.nl(2)
        _symbol_table(p, rows)
        if where == "below":
            _legend(p, legend)
            p.nl(2.5)
    p.c.showPage()
    p.c.save()
    return path


def _legend(p: _Page, legend: str) -> None:
    """The legend in the symbols' font (DejaVu Serif lacks the check marks: a report takes its
    symbols from a font that has them)."""
    font, p.font = p.font, SYMBOL_FONT
    p.text(56, legend)
    p.font = font


def _symbol_table(p: _Page, rows: list[Row]) -> None:
    for head, x in (("Mål", 56), ("Status", 400)):
        p.text(x, head, 9, bold=True)
    p.nl(1.4)
    for row in rows:
        p.text(56, row.goal)
        if row.status in RGB:
            p.c.setFillColorRGB(*RGB[row.status])
            p.text(404, "■", 11)
            p.c.setFillColorRGB(0, 0, 0)
        else:
            font, p.font = p.font, SYMBOL_FONT
            p.text(404, row.status, 11)
            p.font = font
        p.nl(1.5)
    p.nl()


def _matched(result) -> list[tuple[Row, object]]:
    from rapidfuzz import fuzz
    out = []
    for row in ALL:
        scored = [(fuzz.ratio(row.goal, g.goal), i) for i, g in enumerate(result.goals)]
        score, i = max(scored, default=(0, -1))
        out.append((row, result.goals[i] if score >= SAME_GOAL else None))
    return out


def _claims(goal) -> bool:
    return not (goal.status == "okand" and goal.key_match == "unkeyed")


@pytest.mark.parametrize("family", ["sans", "serif"])
def test_every_symbol_status_is_read_born_digital(tmp_path, family):
    pdf = draw_symbol_pages(tmp_path / "symbols.pdf", family)
    result = read_born_digital(pdf)
    got = [(row.status, g and g.status) for row, g in _matched(result) if row.status not in RGB]
    assert got == [(row.status, row.want) for row in ALL if row.status not in RGB]


@pytest.fixture(scope="module", params=[(4, "sans"), (7, "serif")], ids=["sans-4", "serif-7"])
def scanned(request, tmp_path_factory):
    seed, family = request.param
    tmp = tmp_path_factory.mktemp("symbol-scans")
    return read_hard_scan(draw_symbol_pages(tmp / "symbols.pdf", family), seed, tmp)


# Of the symbol statuses of a hard scan, at least this share is read right (the rest doubtful).
# Measured 13/16 (sans, seed 4) and 12/16 (serif, seed 7, where OCR lost page 1's title); 0/16
# before the legend keys were matched by ink. The coloured squares stay okand: the scan is grey.
MIN_RIGHT = 0.7


def test_no_symbol_status_of_a_hard_scan_is_stored_wrong_and_sure(scanned):
    matched = _matched(scanned)
    wrong_sure = [(row.status, g.status, g.status_text, g.confidence) for row, g in matched
                  if g is not None and _claims(g) and g.status != row.want and g.confidence >= DOUBT]
    assert wrong_sure == []
    right = sum(1 for row, g in matched if g is not None and g.status == row.want)
    missed = [(row.status, g and g.status, g and g.status_text, g and g.confidence)
              for row, g in matched if g is None or g.status != row.want]
    print("right", right, "of", len(ALL), missed)
    assert right >= MIN_RIGHT * len(ALL), missed


# Word-level: a legend line as OCR reads it, and the keys found in it.
def _line(text: str, x: float = 56.0, top: float = 200.0):
    from core.types import Line, Word
    words = []
    for t in text.split():
        if t == "_":  # a glyph OCR read nothing of
            x += 14.0
            continue
        words.append(Word(t, x, x + 6.0 * len(t), top, top + 11.0, confidence=0.9))
        x += 6.0 * len(t) + 5.0
    return Line(page=1, words=words, label_words=words)


@pytest.mark.parametrize("text, statuses, lost", [
    ("Förklaring: O = Ej uppnått © Delvis uppnått e = Uppnått", ["ej_uppnatt", "delvis", "uppnatt"], None),
    # an arrow read as a digit, another lost: the paper before its separator is its key
    ("Förklaring: 1 = Uppnått > = Delvis uppnått _ = Ej uppnått", ["uppnatt", "delvis", "ej_uppnatt"], 2),
    ("Teckenförklaring: v = Uppfyllt x = Ej uppfyllt ? = Ej mätt", ["uppnatt", "ej_uppnatt", "okand"], None),
    ("Förklaring: 1 = Uppnatt — = Delvis uppnått 4 = Ej uppnått", ["uppnatt", "delvis", "ej_uppnatt"], None),
    ("Målet = Uppnått i stort sett", [], None),  # a sentence, no legend
    ("Grön = Uppnått Gul = Delvis uppnått", [], None),  # keys that are words: no ink to match
])
def test_the_keys_of_a_legend_are_found_however_ocr_read_them(text, statuses, lost):
    from core.lexicon import load_lexicon
    from parsers.goals import _legend_keys
    line = _line(text)
    keys = _legend_keys(line, load_lexicon())
    assert [k[0] for k in keys] == statuses
    if lost is not None:
        sep = [w for w in line.words if w.text == "="][lost]
        before = line.words[line.words.index(sep) - 1]
        assert before.x1 < keys[lost][2] < keys[lost][4] < sep.x0


def test_a_symbol_is_matched_to_the_key_it_looks_like_not_to_another():
    from PIL import Image, ImageDraw, ImageFont

    from core.settings import OCR
    from repair.reread import REREAD_DPI, CellBox
    from repair.symbols import glyph, similarity
    font = ImageFont.truetype("DejaVuSans.ttf", 40)
    big = ImageFont.truetype("DejaVuSans.ttf", 52)
    img = Image.new("L", (900, 200), 255)
    d = ImageDraw.Draw(img)
    for i, s in enumerate("●◐○✓✗↑↓"):
        d.text((20 + 110 * i, 20), s, font=font, fill=0)
        d.text((20 + 110 * i, 100), s, font=big, fill=0)
    pt = 72 / REREAD_DPI

    def at(i: int, row: int):
        return glyph(img, CellBox(1, (10 + 110 * i) * pt, (10 + 80 * row) * pt,
                                  (100 + 110 * i) * pt, (80 + 80 * row) * pt), 60 * pt)
    for i in range(7):
        scores = sorted((similarity(at(i, 1), at(j, 0)), j) for j in range(7))
        (second, _), (best, j) = scores[-2:]
        assert j == i and best - second >= OCR.reread.symbol_margin, (i, scores)


def test_a_legend_keys_glyph_is_the_ink_at_its_box_not_the_sign_beside_it():
    """A key's box is looked at with room around it, which may take in the "=" after it (more
    ink than a thin arrow): the key is the ink nearest the box's middle."""
    from PIL import Image, ImageDraw, ImageFont

    from repair.reread import REREAD_DPI, CellBox
    from repair.symbols import glyph, similarity
    font = ImageFont.truetype("DejaVuSans.ttf", 40)
    img = Image.new("L", (400, 100), 255)
    d = ImageDraw.Draw(img)
    d.text((20, 20), "→", font=font, fill=0)
    d.text((90, 20), "=", font=font, fill=0)
    d.text((250, 20), "→", font=font, fill=0)
    pt = 72 / REREAD_DPI
    key = glyph(img, CellBox(1, 0, 10 * pt, 130 * pt, 80 * pt), 60 * pt, centred=True)
    alone = glyph(img, CellBox(1, 230 * pt, 10 * pt, 330 * pt, 80 * pt), 60 * pt)
    assert similarity(key, alone) > 0.9


def test_a_speck_under_a_symbol_is_no_part_of_it():
    from PIL import Image, ImageDraw, ImageFont

    from repair.reread import REREAD_DPI, CellBox
    from repair.symbols import glyph, similarity
    font = ImageFont.truetype("DejaVuSans.ttf", 40)
    img = Image.new("L", (400, 140), 255)
    d = ImageDraw.Draw(img)
    for x in (20, 220):
        d.text((x, 20), "→", font=font, fill=0)
    d.rectangle((30, 115, 34, 119), fill=0)  # scanner dust a row below
    pt = 72 / REREAD_DPI

    def at(x: int):
        return glyph(img, CellBox(1, x * pt, 5 * pt, (x + 150) * pt, 135 * pt), 45 * pt)
    assert similarity(at(10), at(210)) > 0.9
