"""Truly narrow tables of large kronor figures read from hard 200 dpi scans.

A class-level robustness test, as tests/test_overview_scans.py is for overviews: when a
report prints narrow tables the renderers place columns from the right by the widest figure
with only 6 pt between one column's widest figure and the next (fixtures/variety_render.py
``place``: "less than a word space more than a digit group's"), so in kronor the last digit
group of one figure ("17 607 130") stands about as far from the next column's first group as
from its own. Pages drawn here with the drawing helpers of tests/test_overview_scans.py and
tests/test_statement_scans.py, columns placed as ``place`` does (right edges from the widest
figure's width, reportlab's stringWidth, 6 pt gap):

- five-year overviews in kronor with 7-8 digit figures, negatives with "-" and "−", newest
  first and oldest first, ruled and unruled, sans and serif, a percentage row;
- a driftredovisning in kronor, Utfall | Budget | Avvikelse | Utfall last year;
- a resultaträkning with a Not column and Budget | this year | last year.

Each page is degraded as the worst of a real archive (``scan200hard``), OCR'd and parsed by
the real pipeline. No amount is stored wrong and sure, most are read right, a consistent page
gets no ``error`` finding; born-digital every amount is right.

``FINSAM_TEST_OCR_CACHE=DIR`` keeps the OCR'd copies between runs.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from fixtures.render import FAMILIES, register_fonts
from tests import test_overview_scans as ovs
from tests import test_statement_scans as sts
from tests.helpers import amounts_not_read, error_findings, misread, read_born_digital, read_hard_scan

GAP = 6.0  # fixtures/variety_render.py place(): a narrow table's gap between widest figures
RIGHT = 545.0


def edges(widths: list[float], n: int, right: float = RIGHT) -> tuple[float, ...]:
    """Right edges of ``n`` columns placed from ``right`` by the widest figure, as ``place``."""
    widest = max(widths + [30.0])
    return tuple(right - (n - 1 - k) * (widest + GAP) for k in range(n))


# ---- (a) five-year overviews --------------------------------------------------------------

def _overview(base: ovs.Overview, name: str, **kw) -> ovs.Overview:
    ov = replace(base, name=name, **kw)
    register_fonts()
    font = FAMILIES[ov.family][0]
    widths = [stringWidth(ovs._fmt(v, ov.minus), font, ovs.SIZE) for r in ov.rows for v in r.values]
    return replace(ov, right_edges=edges(widths, 5))


BIG = ovs.Overview(
    "big", "Fem år i sammandrag", "Belopp i kronor", 1, 2021, [
        ovs.Row("Verksamhetens intäkter", "verksamhetens_intakter",
                (17_607_130, 21_480_915, 19_112_406, 18_806_377, 13_950_021)),
        ovs.Row("Verksamhetens kostnader", "verksamhetens_kostnader",
                (-18_204_556, -20_311_809, -19_870_134, -17_233_990, -14_047_318)),
        ovs.Row("Finansnetto", "finansiella_poster", (12_408, -3_115, 3_772, 9_036, 21_450)),
        ovs.Row("Årets resultat", "arets_resultat", (-585_018, 1_165_991, -753_956, 1_581_423, -75_847)),
        ovs.Row("Eget kapital", "eget_kapital",
                (10_812_760, 11_397_778, 10_231_787, 10_985_743, 9_404_320)),
        ovs.Row("Soliditet %", "soliditet", (61, 68, 64, 59, 66), money=False),
    ])

OVERVIEWS = [
    _overview(BIG, "narrow-desc-sans", minus="-"),
    _overview(ovs.KRONOR, "narrow-asc-serif-ruled"),  # "−", oldest first, ruled, serif
    _overview(BIG, "narrow-asc-serif-minus", family="serif", ascending=True, minus="−"),
    _overview(ovs.RULED, "ruled-narrow-desc"),  # ruled under every row, sans, "-"
]


def _overview_got(result) -> dict:
    return {k: (a.value, a.confidence, a.raw) for k, a in ovs._stored(result).items()}


@pytest.mark.parametrize("ov", OVERVIEWS, ids=[o.name for o in OVERVIEWS])
def test_every_narrow_overview_amount_is_read_born_digital(tmp_path, ov):
    pdf = ovs.draw_overview(tmp_path / f"{ov.name}.pdf", ov)
    result = read_born_digital(pdf)
    got = {k: v[0] for k, v in _overview_got(result).items()}
    want = ovs._drawn(ov)
    assert {k: got.get(k) for k in want} == want
    assert error_findings(tmp_path, result) == []


# ---- (b) driftredovisning, (c) resultaträkning with a Not column --------------------------

DRIFT_ROWS = [
    ("medlemsavgift", "Medlemsavgift", {"current": 12_400_000, "budget": 12_400_000, "deviation": 0,
                                        "previous": 11_900_000}),
    ("nettokostnad", "Nettokostnad", {"current": 11_812_450, "budget": 12_650_000,
                                      "deviation": 837_550, "previous": 10_256_780}),
    ("finansiella_poster", "Finansnetto", {"current": 21_250, "budget": 0, "deviation": 21_250,
                                           "previous": 18_890}),
    ("resultat", "Resultat", {"current": 608_800, "budget": -250_000, "deviation": 858_800,
                              "previous": 1_662_110}),
    ("utgaende_eget_kapital", "Eget kapital", {"current": 4_905_300, "previous": 4_296_500}),
    ("likvida_medel", "Likvida medel", {"current": 6_228_820, "previous": 5_405_220}),
]
Y = sts.YEAR
RR_ROWS = [  # (line key, label, note, budget, this year, last year)
    ("verksamhetens_intakter", "Verksamhetens intäkter", 1, 12_500_000, 12_456_300, 11_873_450),
    ("personalkostnader", "Personalkostnader", 2, -4_900_000, -4_812_640, -4_530_210),
    ("ovriga_kostnader", "Övriga kostnader", 3, -7_300_000, -7_215_980, -6_988_105),
    ("verksamhetens_kostnader", "Summa rörelsens kostnader", None, -12_200_000, -12_028_620,
     -11_518_315),
    ("avskrivningar", "Avskrivningar", 4, -36_400, -36_400, -36_400),
    ("verksamhetens_resultat", "Verksamhetens resultat", None, 263_600, 391_280, 318_735),
    ("finansiella_intakter", "Finansiella intäkter", None, 10_000, 12_415, 8_930),
    ("finansiella_kostnader", "Finansiella kostnader", None, -1_000, -1_205, -980),
    ("resultat_efter_finansiella_poster", "Resultat efter finansiella poster", None, 272_600,
     402_490, 326_685),
    ("arets_resultat", "Årets resultat", None, 272_600, 402_490, 326_685),
]


def _narrow_table(statement: str, title: str, specs: list[tuple[str, list[str]]],
                  rows: list[tuple[str, str, dict[str, int]]], family: str, minus: str) -> sts.Table:
    """Columns placed as ``place`` does: amounts from the right by the widest figure or
    heading with a 6 pt gap, a Not column a figure's width and 14 pt left of the first."""
    register_fonts()
    font, bold = FAMILIES[family]
    widths = [stringWidth(sts._fmt(v, minus), font, 9.5) for _, _, vals in rows
              for k, v in vals.items() if k != "note"]
    widths += [stringWidth(h, bold, 8.5) for k, head in specs if k != "note" for h in head]
    amounts = [s for s in specs if s[0] != "note"]
    xs = edges(widths, len(amounts))
    heads = [(k, x, h) for (k, h), x in zip(amounts, xs, strict=True)]
    if any(k == "note" for k, _ in specs):
        heads.insert(0, ("note", xs[0] - max(widths) - 14, ["Not"]))
    return sts.Table(statement, title, "Belopp i kronor", heads, rows)


DRIFT = sts.Doc("drift", "serif", "−", False, [_narrow_table(
    "driftredovisning", "Driftredovisning",
    [("current", ["Utfall", str(Y)]), ("budget", ["Budget", str(Y)]), ("deviation", ["Avvikelse"]),
     ("previous", ["Utfall", str(Y - 1)])], DRIFT_ROWS, "serif", "−")])
RR = sts.Doc("rr", "sans", "-", True, [_narrow_table(
    "resultatrakning", "Resultaträkning",
    [("note", ["Not"]), ("budget", ["Budget", str(Y)]), ("current", ["Utfall", str(Y)]),
     ("previous", ["Utfall", str(Y - 1)])],
    [(k, label, {**({"note": n} if n else {}), "budget": b, "current": c, "previous": p})
     for k, label, n, b, c, p in RR_ROWS], "sans", "-")])
DOCS = [DRIFT, RR]


def _truth(doc: sts.Doc) -> dict:
    return {k: v for k, v in sts.truth(doc).items() if k[2] != "note"}


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_narrow_statement_amount_is_read_born_digital(tmp_path, doc):
    pdf = sts.draw(doc, tmp_path / f"{doc.name}.pdf")
    result = read_born_digital(pdf)
    assert amounts_not_read(result, _truth(doc)) == {}
    assert error_findings(tmp_path, result) == []


# ---- hard scans ----------------------------------------------------------------------------

# (seed, share of the amounts of all six narrow pages read right at least.) Measured:
# seed 3 173/175; seed 4 167/175 (the oldest column of an overview cut at its last digit,
# doubtful; 163 before: the driftredovisning's "Finansnetto" label, lost whole, is now read
# again from the image); seed 6 163/175 (an upright line through the ruled serif overview's
# 2021 column: "-17 | 118290" read apart where two rows break alike, "1-2 306" for
# "−2 306", doubtful; "Medlemsavgift" lost with its row; 155 before: the heading line's
# marks stretched the 2021 column over 2022's figures, and a minus OCR read over paper
# beside "664 900" was stored sure). Before: headless columns paired by
# position on a scan were sure (seeds 4 and 6 stored 2013's figures as 2016's), a unit line
# with "2018" read "20 18" or with dashes read as figures between its years was a row
# (seeds 4, 6: 128 and 104/175), and "—16 950 344" cut at a column edge after "—16" stored
# "−16" sure. Seed 7 165/175 (135 before: OCR read "Fem år i sammandrag" as
# "FfFemårisasmmandrag", no section opened, the overview lost; now a garbled heading opens it,
# headless). Seed 5 (169/175) stores nothing wrong and sure either; left out to keep the OCR short.
SEEDS = [(3, 0.95), (4, 0.93), (6, 0.9), (7, 0.9)]


@pytest.fixture(scope="module", params=SEEDS, ids=[f"seed-{s}" for s, _ in SEEDS])
def scanned(request, tmp_path_factory):
    seed, floor = request.param
    tmp = tmp_path_factory.mktemp("narrow-scans")
    pages = [(ov.name, ovs._drawn(ov), ovs.draw_overview(tmp / f"{ov.name}.pdf", ov), _overview_got)
             for ov in OVERVIEWS]
    pages += [(d.name, _truth(d), sts.draw(d, tmp / f"{d.name}.pdf"), sts._stored) for d in DOCS]
    return floor, tmp, [(name, want, read_hard_scan(pdf, seed, tmp), got)
                        for name, want, pdf, got in pages]


def test_no_narrow_amount_of_a_hard_scan_is_stored_wrong_and_sure(scanned):
    floor, _, pages = scanned
    wrong_sure, missed, total = [], [], 0
    for name, want, result, got in pages:
        ws, ms = misread(want, got(result))
        wrong_sure += [(name, *w) for w in ws]
        missed += [(name, *m) for m in ms]
        total += len(want)
    assert wrong_sure == []
    assert total - len(missed) >= floor * total, missed


def test_a_consistent_narrow_hard_scan_gets_no_error_finding(scanned):
    _, tmp, pages = scanned
    found = {name: error_findings(tmp / name, result) for name, _, result, _ in pages
             if (tmp / name).mkdir() is None}
    assert {k: v for k, v in found.items() if v} == {}
