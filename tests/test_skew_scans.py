"""Single-spaced tables on hard 200 dpi scans left askew after deskew.

A class-level robustness test, as tests/test_section_scans.py is for statement headings: dense
tables drawn here with reportlab (the fixtures' fonts; our own made-up, internally consistent
figures) whose rows stand 12 pt or 10 pt apart in 9 pt or 8 pt type, with labels long enough
to reach towards their figures, two figure columns (resultaträkning, balansräkning,
kassaflödesanalys) and five (a femårsöversikt). Each page is turned by a chosen small angle
(0.2°, 0.4°, 0.6°, both ways: what deskew leaves of a page turned on the glass, a page that
lay crooked only in part, or one whose skew deskew could not measure) and then degraded as
the worst of a real archive (fixtures.scan's ``scan200hard`` degradation with its own random
skew set to none), OCR'd without deskew (the chosen angle is the residual one) and parsed by
the real pipeline (real Tesseract).

At 0.6° a row falls 4 pt from its label to its figures 400 pt to the right: nearly half the
10 pt pitch. The OCR engine's line boxes then hold a label and the next row's figure, and a
figure can join the wrong row: stored sure under its neighbour's key that is the worst case.
Every amount is read right or stored doubtful (never wrong and sure, nor under a wrong key
sure), at least a floor is read right, and a consistent page gets no ``error`` finding.

What reads them: a page whose ink runs along a slope that drifts a row's far figures by a
quarter of a word's height or more is turned level, its words and its image alike
(repair.cells.level_askew_pages; parsers.layout.turned_words), so OCR's lines and the
re-reads' crops hold each figure at its own row's band; a figure left standing a third of
the way to the next row or more is doubtful (parsers.layout._doubt_between_rows).

OCR takes ~6 s a page (six pages, ~45 s cold); ``FINSAM_TEST_OCR_CACHE=DIR`` keeps the OCR'd
copies between runs.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, replace
from pathlib import Path

import img2pdf
import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from core.settings import DIGITAL
from finsam.pipeline import FileResult, OcrOptions, process_bytes
from fixtures.render import FAMILIES, register_fonts
from tests.helpers import error_findings, misread, read_born_digital

DOUBT = DIGITAL.checks.uncertain_below
YEAR = 2014
LEFT = 56


@dataclass(frozen=True)
class Table:
    statement: str
    title: str
    unit: str
    heads: list[tuple[str, float, str]]  # column key, right edge, heading
    rows: list[tuple[str, str, tuple[int | None, ...]]]  # line key ("" a group heading), label, figures


@dataclass(frozen=True)
class Sheet:
    name: str
    family: str
    minus: str
    pitch: float  # points from row to row
    size: float  # type size of the rows
    tables: list[Table]


TWO = [("current", 440, str(YEAR)), ("previous", 530, str(YEAR - 1))]
RR = Table("resultatrakning", "Resultaträkning", "Belopp i tkr", TWO, [
    ("verksamhetens_intakter", "Verksamhetens intäkter",
     (4310, 4120)),
    ("verksamhetens_kostnader", "Verksamhetens kostnader",
     (-4362, -4035)),
    ("avskrivningar", "Avskrivningar och nedskrivningar", (-18, -18)),
    ("verksamhetens_resultat", "Verksamhetens nettokostnader", (-70, 67)),
    ("finansiella_intakter", "Finansiella intäkter", (12, 9)),
    ("finansiella_kostnader", "Finansiella kostnader", (-1, -2)),
    ("resultat_efter_finansiella_poster", "Resultat före extraordinära poster", (-59, 74)),
    ("extraordinara_poster", "Extraordinära poster", (0, 0)),
    ("arets_resultat", "Årets resultat", (-59, 74)),
])
BR = Table("balansrakning", "Balansräkning", "Belopp i tkr", TWO, [
    ("", "TILLGÅNGAR", (None, None)),
    ("maskiner_och_inventarier", "Maskiner och inventarier", (36, 54)),
    ("summa_anlaggningstillgangar", "Summa anläggningstillgångar", (36, 54)),
    ("fordringar", "Kortfristiga fordringar", (412, 287)),
    ("forutbetalda_kostnader_och_upplupna_intakter", "Förutbetalda kostnader och upplupna intäkter",
     (88, 61)),
    ("kassa_och_bank", "Kassa och bank", (1902, 2080)),
    ("summa_omsattningstillgangar", "Summa omsättningstillgångar", (2402, 2428)),
    ("summa_tillgangar", "SUMMA TILLGÅNGAR", (2438, 2482)),
    ("", "EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER", (None, None)),
    ("ovrigt_eget_kapital", "Ingående eget kapital", (1690, 1616)),
    ("arets_resultat", "Årets resultat", (-59, 74)),
    ("summa_eget_kapital", "Summa eget kapital", (1631, 1690)),
    ("leverantorsskulder", "Leverantörsskulder", (402, 388)),
    ("upplupna_kostnader_och_forutbetalda_intakter", "Upplupna kostnader och förutbetalda intäkter",
     (405, 404)),
    ("kortfristiga_skulder", "Summa kortfristiga skulder", (807, 792)),
    ("summa_eget_kapital_avsattningar_och_skulder", "SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER",
     (2438, 2482)),
])
KF = Table("kassaflodesanalys", "Kassaflödesanalys", "Belopp i kronor", TWO, [
    ("arets_resultat", "Årets resultat", (-58640, 73980)),
    ("justering_ej_likviditetspaverkande", "Justering för ej likviditetspåverkande poster",
     (18000, 18000)),
    ("medel_fore_forandring_rorelsekapital",
     "Medel från verksamheten före förändring av rörelsekapital", (-40640, 91980)),
    ("forandring_kortfristiga_fordringar", "Ökning (−)/minskning (+) kortfristiga fordringar",
     (-152110, 21610)),
    ("forandring_kortfristiga_skulder", "Ökning (+)/minskning (−) kortfristiga skulder", (15130, -18240)),
    ("kassaflode_lopande_verksamhet", "Kassaflöde från den löpande verksamheten", (-177620, 95350)),
    ("kassaflode_investeringsverksamhet", "Kassaflöde från investeringsverksamheten", (0, -36000)),
    ("arets_kassaflode", "Årets kassaflöde", (-177620, 59350)),
    ("likvida_medel_vid_arets_borjan", "Likvida medel vid årets början", (2079520, 2020170)),
    ("likvida_medel_vid_arets_slut", "Likvida medel vid årets slut", (1901900, 2079520)),
])
FIVE = [(str(YEAR - i), x, str(YEAR - i)) for i, x in enumerate((320, 380, 440, 500, 560))]
OV = Table("femarsoversikt", "Fem år i sammandrag", "Belopp i kronor", FIVE, [
    ("verksamhetens_intakter", "Verksamhetens intäkter",
     (4310200, 4120500, 3998400, 3650700, 3402100)),
    ("verksamhetens_kostnader", "Verksamhetens kostnader",
     (-4388912, -4052118, -4211560, -3519044, -3150873)),
    ("finansiella_poster", "Finansiella poster", (11204, 6318, -415, 3006, 4150)),
    ("arets_resultat", "Årets resultat", (-67508, 74700, -213575, 134662, 255377)),
    ("eget_kapital", "Eget kapital", (1631306, 1698814, 1624114, 1837689, 1703027)),
])
SHEETS = {
    "st12": Sheet("st12", "sans", "−", 12.0, 9.0, [RR, BR]),
    "ov10": Sheet("ov10", "serif", "-", 10.0, 8.0, [OV, KF]),
}


def _fmt(value: int, minus: str) -> str:
    digits = f"{abs(value):,}".replace(",", " ")
    return digits if value >= 0 else f"{minus}{digits}"


def draw(sheet: Sheet, path: Path) -> Path:
    register_fonts()
    font, bold = FAMILIES[sheet.family]
    c = Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 60
    c.setFont(bold, 14)
    c.drawString(LEFT, y, f"Samordningsförbundet Ravnsjö – Årsredovisning {YEAR}")
    y -= 30
    for table in sheet.tables:
        c.setFont(bold, 12)
        c.drawString(LEFT, y, table.title)
        y -= 18
        c.setFont(font, 8)
        c.drawString(LEFT, y, table.unit)
        c.setFont(bold, 8)
        for _, x, head in table.heads:
            c.drawRightString(x, y, head)
        y -= sheet.pitch + 2
        for key, label, values in table.rows:
            c.setFont(font if key else bold, sheet.size)
            c.drawString(LEFT, y, label)
            for (_, x, _), v in zip(table.heads, values, strict=True):
                if v is not None:
                    c.drawRightString(x, y, _fmt(v, sheet.minus))
            y -= sheet.pitch
        y -= 22
    c.showPage()
    c.save()
    return path


def truth(sheet: Sheet) -> dict[tuple, int]:
    """The amounts drawn, as stored: in kronor (a tkr table's figures times 1 000)."""
    return {(t.statement, key, col): v * (1000 if "tkr" in t.unit else 1) for t in sheet.tables
            for key, _, values in t.rows if key
            for (col, _, _), v in zip(t.heads, values, strict=True) if v is not None}


def _stored(result: FileResult) -> dict[tuple, tuple[int, float, str]]:
    out: dict[tuple, tuple[int, float, str]] = {}
    for st in result.statements.values():
        for row in st.rows:
            for a in row.amounts:
                col = str(a.period_year) if st.statement == "femarsoversikt" else a.column
                out.setdefault((st.statement, row.line_key, col), (a.value, a.confidence, row.key_match))
    return out


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_every_amount_of_a_dense_table_is_read_born_digital(tmp_path, name):
    sheet = SHEETS[name]
    result = read_born_digital(draw(sheet, tmp_path / f"{name}.pdf"))
    got = _stored(result)
    assert {k: got.get(k, (None,))[0] for k in truth(sheet)} == truth(sheet)
    assert error_findings(tmp_path, result) == []


def scan_askew(src: Path, dst: Path, angle: float, seed: int) -> Path:
    """``src`` turned ``angle`` degrees (positive: counter-clockwise, its rows rising to the
    right) and degraded as fixtures.scan's ``scan200hard`` without its own random skew."""
    from fixtures.scan import HARD_VARIANTS, _degrade, _rng
    hard = replace(HARD_VARIANTS["scan200hard"], max_skew_deg=0.0)
    rng = _rng(seed, f"{src.stem}-askew")
    doc = pdfium.PdfDocument(str(src))
    pages = []
    try:
        for page in doc:
            img = page.render(scale=hard.dpi / 72, grayscale=True).to_pil().convert("L")
            img = img.rotate(angle, resample=3, fillcolor=255)  # bicubic, as fixtures.scan
            buf = io.BytesIO()
            _degrade(img, hard, rng).save(buf, "JPEG", quality=hard.jpeg_quality, dpi=(hard.dpi,) * 2)
            pages.append(buf.getvalue())
    finally:
        doc.close()
    dst.write_bytes(img2pdf.convert(pages, layout_fun=img2pdf.get_fixed_dpi_layout_fun((hard.dpi,) * 2),
                                    nodate=True))
    return dst


def read_askew(src: Path, angle: float, seed: int, tmp: Path) -> FileResult:
    dst = scan_askew(src, src.with_name(f"{src.stem}-{angle:+.1f}.pdf"), angle, seed)
    cache = os.environ.get("FINSAM_TEST_OCR_CACHE") or str(tmp / "ocr")
    return process_bytes(str(dst), dst.read_bytes(), OcrOptions(cache_dir=cache, jobs=1, deskew=False))


# (sheet, residual skew in degrees, seed, share of its amounts read right at least). Before
# pages were turned level (repair.cells.level_askew_pages): st12 +0.2° 45/46, −0.4° 46/46,
# +0.6° 34/46 (Tesseract dropped every figure but the first two rows'; read again from the
# image at each label's band, a column read the row above's or below's figures, 4-5 pt off:
# lost or doubtful), ov10 −0.2° 24/45, +0.4° 40/45, −0.6° 37/45. Today: st12 45/46, 46/46,
# 45/46; ov10 −0.2° 24/45 (the page's left side shaded dark: Tesseract loses every label of
# the kassaflödesanalys and its heading, a lost region, not the skew), +0.4° 40/45
# (Tesseract drops the overview's right columns; the 2010 column, 35 pt from the page's
# edge, lies beyond where ink is looked for), −0.6° 39/45 (the 2011 column OCR cut,
# "3 650 70 S", lost). Measured 0.2° pages are not turned (they drift 1.7 pt, under a
# quarter of a word's height); 0.4° and 0.6° ones are.
CASES = [("st12", 0.2, 2, 0.95), ("st12", -0.4, 3, 0.95), ("st12", 0.6, 1, 0.95),
         ("ov10", -0.2, 4, 0.50), ("ov10", 0.4, 5, 0.85), ("ov10", -0.6, 6, 0.85)]


@pytest.fixture(scope="module", params=CASES, ids=[f"{n}{a:+.1f}" for n, a, _, _ in CASES])
def scanned(request, tmp_path_factory):
    name, angle, seed, floor = request.param
    tmp = tmp_path_factory.mktemp("skew-scans")
    sheet = SHEETS[name]
    return sheet, floor, read_askew(draw(sheet, tmp / f"{name}.pdf"), angle, seed, tmp), tmp


def test_no_amount_of_a_page_askew_is_stored_wrong_or_under_a_wrong_key_and_sure(scanned):
    sheet, floor, result, _ = scanned
    want, got = truth(sheet), _stored(result)
    wrong_sure, missed = misread(want, got)
    # A figure joined to the neighbouring row and stored sure under its key is as wrong.
    wrong_key = [(k, g) for k, g in got.items() if k not in want and g[1] >= DOUBT and g[2] != "unkeyed"]
    assert (wrong_sure, wrong_key) == ([], [])
    assert len(want) - len(missed) >= floor * len(want), missed


def test_a_consistent_page_askew_gets_no_error_finding(scanned):
    _, _, result, tmp = scanned
    assert result.error is None
    assert error_findings(tmp, result) == []


def _rows_of_blots(slope: float):
    """A 300 dpi page of single-spaced rows (12 pt apart) of letter-sized blots from the left
    margin to the right one, falling ``slope`` (y points per x point) to the right."""
    import numpy as np
    from PIL import Image
    scale = 300 / 72
    px = np.full((int(842 * scale), int(595 * scale)), 255, dtype=np.uint8)
    for row in range(40):
        for x in np.arange(56, 540, 6.0):
            if int(x) % 42 < 30:  # words and spaces
                y = 150 + row * 12 + slope * (x - 297.5)
                px[int(y * scale):int((y + 6) * scale), int(x * scale):int((x + 4) * scale)] = 0
    return Image.fromarray(px, mode="L")


@pytest.mark.parametrize("slope", [0.0, 0.007, -0.0105])
def test_the_skew_of_a_pages_ink_is_measured_and_turned_level(slope):
    from repair.reread import _ink_skew, _turned
    image = _rows_of_blots(slope)
    got, width = _ink_skew(image)
    assert abs(got - slope) <= 0.001 and 470 < width < 500  # 0.06°
    if slope:
        assert abs(_ink_skew(_turned(image, got))[0]) <= 0.001


def test_readings_of_a_page_turned_are_kept_apart_from_those_of_the_page_as_scanned(tmp_path):
    """A page turned level reads otherwise than as scanned: its readings made before (a run
    that did not turn it) are not reused; the other pages' readings are."""
    import json

    from repair.reread import PageImages
    cache = tmp_path / "f.reread.json"
    cache.write_text(json.dumps({"bw150sx:1:56.0:100.0:90.0:110.0:60": "12",
                                 "bw150sx:2:56.0:100.0:90.0:110.0:60": "13", "inkskew:2": [0.01, 480.0],
                                 "ink:bw150sx:2:100.0:110.0:300.0:": [[400.0, 440.0]]}))
    images = PageImages(b"", cache)
    images.turn({2: 0.01})
    assert images.turns == {2: 0.01} and images.cache != cache
    assert images.known == {"bw150sx:1:56.0:100.0:90.0:110.0:60": "12"}
    images.known["bw150sx:2:56.0:100.0:90.0:110.0:60"] = "14"
    images.dirty = True
    images.save()
    again = PageImages(b"", cache)
    again.turn({2: 0.01})
    assert again.known["bw150sx:2:56.0:100.0:90.0:110.0:60"] == "14"


def test_turning_one_page_renders_only_that_page_again(tmp_path):
    """``turn`` let every rendered page go (and closed the document) when one page was
    turned: the pages kept for the re-reads of the others were rendered again."""
    from repair.reread import PageImages
    path = tmp_path / "three.pdf"
    c = Canvas(str(path), pagesize=A4, invariant=1)
    for n in (1, 2, 3):
        c.drawString(60, 700, f"Sida {n}")
        c.showPage()
    c.save()
    images = PageImages(path.read_bytes())
    first, second = images.render(1), images.render(2)
    images.turn({2: 0.01})
    assert images.render(1) is first
    assert images.render(2) is not second
    turned = images.render(2)
    images.turn({2: 0.01, 3: 0.02})
    assert images.render(1) is first and images.render(2) is turned
    images.known["bw150sx:2:56.0:100.0:90.0:110.0:60"] = "read turned"
    images.turn({3: 0.02})  # page 2 as scanned again
    assert images.render(2) is not turned
    # ... and its readings made turned are not taken for the page as scanned.
    assert "bw150sx:2:56.0:100.0:90.0:110.0:60" not in images.known
    images.save()
