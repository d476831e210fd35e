"""Table columns that hard 200 dpi scans garble or drop whole, over every ruling style.

A class-level robustness test, as tests/test_narrow_scans.py is for narrow columns: OCR of a
hard scan loses a table's column (or a row's label) where ruling lines run through or just
under the figures, and on serif type most. Pages drawn here with reportlab (the fixtures'
fonts; our own made-up, internally consistent figures) carry the class:

- five-year overviews (Fem år i sammandrag, Flerårsöversikt, Översikt över verksamhetens
  utveckling) and two-column resultaträkningar (this year | last year);
- ruling styles: none, a rule under the column headings, rules between the rows, a rule
  through the foot of the figures (each row's baseline), a double rule under the totals;
- sans and serif type, kronor and tkr, newest year first and oldest first, "-" and "−".

Each page is degraded as the worst of a real archive (``scan200hard``, fixed seeds), OCR'd
with real Tesseract and parsed by the real pipeline. No amount is stored wrong and sure,
most are read right, a consistent page gets no ``error`` finding; born-digital all are right.

``FINSAM_TEST_OCR_CACHE=DIR`` keeps the OCR'd copies between runs (~5 s of OCR a page).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from fixtures.render import FAMILIES, register_fonts
from tests import test_overview_scans as ovs
from tests import test_statement_scans as sts
from tests.helpers import error_findings, misread, read_born_digital, read_hard_scan

LEFT = 56
# Ruling styles: under the column headings, between rows, through the figures' foot (at
# their baseline), double under the totals.
HEAD, ROWS, FOOT, DOUBLE = "head", "rows", "foot", "double"
TOTALS = ("arets_resultat", "verksamhetens_kostnader", "resultat_efter_finansiella_poster")


@dataclass(frozen=True)
class Sheet:
    name: str
    family: str
    minus: str
    rules: frozenset[str]
    title: str
    unit: str
    heads: list[tuple[str | int, float, str]]  # column key, right edge, heading
    rows: list[tuple[str, str, tuple[int, ...]]]  # line key, label, figures by column
    statement: str = "resultatrakning"
    scale: int = 1  # kronor per printed unit
    counts: tuple[str, ...] = ()  # rows of shares or counts: never scaled


def _rules(c: Canvas, rules: frozenset[str], style: str, y: float, right: float) -> None:
    """The rules of ``style`` at baseline ``y`` when the sheet has that style."""
    if style not in rules:
        return
    c.setLineWidth(0.6)
    offsets = {HEAD: (-4,), ROWS: (-4.5,), FOOT: (0.4,), DOUBLE: (-3.5, -5.5)}[style]
    for dy in offsets:
        c.line(LEFT, y + dy, right, y + dy)


def draw(sheet: Sheet, path: Path) -> Path:
    register_fonts()
    font, bold = FAMILIES[sheet.family]
    right = max(x for _, x, _ in sheet.heads)
    c = Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 70
    c.setFont(bold, 15)
    c.drawString(LEFT, y, "Samordningsförbundet Ravnsjö – Årsredovisning 2022")
    y -= 40
    c.setFont(bold, 12)
    c.drawString(LEFT, y, sheet.title)
    y -= 22
    c.setFont(font, 8.5)
    c.drawString(LEFT, y, sheet.unit)
    c.setFont(bold, 8.5)
    for _, x, head in sheet.heads:
        c.drawRightString(x, y, head)
    _rules(c, sheet.rules, HEAD, y, right)
    y -= 17
    for key, label, values in sheet.rows:
        c.setFont(font, 9)
        c.drawString(LEFT, y, label)
        for (_, x, _), v in zip(sheet.heads, values, strict=True):
            c.drawRightString(x, y, ovs._fmt(v, sheet.minus))
        _rules(c, sheet.rules, FOOT, y, right)
        _rules(c, sheet.rules, DOUBLE if key in TOTALS else ROWS, y, right)
        y -= 16
    c.showPage()
    c.save()
    return path


def truth(sheet: Sheet) -> dict[tuple, int]:
    """The amounts drawn as stored: (line key, year) of an overview, (statement, line key,
    column) of a statement; in kronor."""
    out = {}
    for key, _, values in sheet.rows:
        scale = 1 if key in sheet.counts else sheet.scale
        for (col, _, _), v in zip(sheet.heads, values, strict=True):
            out[(key, col) if sheet.statement == "femarsoversikt" else (sheet.statement, key, col)] = \
                v * scale
    return out


def stored(sheet: Sheet, result) -> dict[tuple, tuple]:
    if sheet.statement == "femarsoversikt":
        return {k: (a.value, a.confidence, a.raw) for k, a in ovs._stored(result).items()}
    return sts._stored(result)


def _years(newest: int, edges: tuple[float, ...], ascending: bool) -> list[tuple[int, float, str]]:
    years = [newest - i for i in range(len(edges))]
    years = years[::-1] if ascending else years
    return [(y, x, str(y)) for y, x in zip(years, edges, strict=True)]


def _overview(ov: ovs.Overview, name: str, family: str, rules: set[str], ascending: bool,
              edges: tuple[float, ...]) -> Sheet:
    rows = [(r.key, r.label, r.values[::-1] if ascending else r.values) for r in ov.rows]
    return Sheet(name, family, ov.minus, frozenset(rules), ov.heading, ov.unit_line or "",
                 _years(ov.year, edges, ascending), rows, "femarsoversikt", ov.scale,
                 tuple(r.key for r in ov.rows if not r.money))


RR_KR = [  # (line key, label, this year, last year), kronor, consistent
    ("verksamhetens_intakter", "Verksamhetens intäkter", 12_456_300, 11_873_450),
    ("personalkostnader", "Personalkostnader", -4_812_640, -4_530_210),
    ("ovriga_kostnader", "Övriga kostnader", -7_215_980, -6_988_105),
    ("verksamhetens_kostnader", "Summa rörelsens kostnader", -12_028_620, -11_518_315),
    ("verksamhetens_resultat", "Verksamhetens resultat", 427_680, 355_135),
    ("finansiella_intakter", "Finansiella intäkter", 12_415, 8_930),
    ("finansiella_kostnader", "Finansiella kostnader", -1_205, -980),
    ("resultat_efter_finansiella_poster", "Resultat efter finansiella poster", 438_890, 363_085),
    ("arets_resultat", "Årets resultat", 438_890, 363_085),
]
RR_TKR = [
    ("verksamhetens_intakter", "Verksamhetens intäkter", 9_812, 9_540),
    ("personalkostnader", "Personalkostnader", -3_904, -3_711),
    ("ovriga_kostnader", "Övriga kostnader", -5_533, -5_402),
    ("verksamhetens_kostnader", "Summa rörelsens kostnader", -9_437, -9_113),
    ("verksamhetens_resultat", "Verksamhetens resultat", 375, 427),
    ("finansiella_intakter", "Finansiella intäkter", 21, 15),
    ("finansiella_kostnader", "Finansiella kostnader", -4, -6),
    ("resultat_efter_finansiella_poster", "Resultat efter finansiella poster", 392, 436),
    ("arets_resultat", "Årets resultat", 392, 436),
]


def _rr(name: str, family: str, minus: str, rules: set[str], rows, unit: str, scale: int) -> Sheet:
    heads: list[tuple[str | int, float, str]] = [("current", 460, "2022"), ("previous", 545, "2021")]
    return Sheet(name, family, minus, frozenset(rules), "Resultaträkning", unit, heads,
                 [(k, label, (a, b)) for k, label, a, b in rows], scale=scale)


FIVE = (330, 385, 440, 495, 550)
WIDE = (300, 365, 430, 495, 560)
SHEETS = [
    _overview(ovs.KRONOR, "serif-kr-foot-asc", "serif", {FOOT}, True, WIDE),
    _overview(ovs.TKR, "sans-tkr-head-double", "sans", {HEAD, DOUBLE}, False, FIVE),
    _overview(ovs.MUNICIPAL, "serif-tkr-rows", "serif", {HEAD, ROWS}, False, FIVE),
    _rr("rr-serif-kr-rows", "serif", "−", {HEAD, ROWS, DOUBLE}, RR_KR, "Belopp i kronor", 1),
    _rr("rr-sans-tkr-foot", "sans", "-", {FOOT, DOUBLE}, RR_TKR, "Belopp i tkr", 1000),
]


@pytest.mark.parametrize("sheet", SHEETS, ids=[s.name for s in SHEETS])
def test_every_column_amount_is_read_born_digital(tmp_path, sheet):
    result = read_born_digital(draw(sheet, tmp_path / f"{sheet.name}.pdf"))
    got = {k: v[0] for k, v in stored(sheet, result).items()}
    want = truth(sheet)
    assert {k: got.get(k) for k in want} == want
    assert error_findings(tmp_path, result) == []


# (seed, share of the 126 amounts of the five pages read right at least.) Measured: seed 4
# 123/126 ("Personalkostnader" read "Personalkastnader": a row the lexicon does not list,
# keyed by its garbled label; a "−14 870" read "-14 87/0", doubtful); seed 6 117/126 (the
# serif overview's first row, a rule through its figures' foot, garbled in three columns,
# doubtful or lost; "71" read "21" there, doubtful; "Verksamhetens resultat 427 680 26
# 17105 Fo VE": its figures left in the label). Before: seed 4 93/126 (OCR read the serif
# overview's heading "Flerårsöversikt" as "PEerårsöversikt": no section, the overview lost
# whole); seed 6 110/126, storing "21" for 71 sure (the rule through its foot) and the tkr
# overview's "Soliditet" row, its "%" lost, in tkr (68 000 for 68 %) sure, and reading
# "Summa rörelsens kostnader —12 028 620 =11/518:315" as a label without figures.
SEEDS = [(4, 0.95), (6, 0.9)]


@pytest.fixture(scope="module", params=SEEDS, ids=[f"seed-{s}" for s, _ in SEEDS])
def scanned(request, tmp_path_factory):
    seed, floor = request.param
    tmp = tmp_path_factory.mktemp("column-scans")
    return floor, tmp, [(s, read_hard_scan(draw(s, tmp / f"{s.name}.pdf"), seed, tmp)) for s in SHEETS]


def test_no_column_amount_of_a_hard_scan_is_stored_wrong_and_sure(scanned):
    floor, _, pages = scanned
    wrong_sure, missed, total = [], [], 0
    for sheet, result in pages:
        want = truth(sheet)
        ws, ms = misread(want, stored(sheet, result))
        wrong_sure += [(sheet.name, *w) for w in ws]
        missed += [(sheet.name, *m) for m in ms]
        total += len(want)
    assert wrong_sure == []
    assert total - len(missed) >= floor * total, missed


def test_a_consistent_column_hard_scan_gets_no_error_finding(scanned):
    _, tmp, pages = scanned
    found = {s.name: error_findings(tmp / s.name, result) for s, result in pages
             if (tmp / s.name).mkdir() is None}
    assert {k: v for k, v in found.items() if v} == {}
