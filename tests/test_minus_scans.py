"""Negative amounts in every minus style, read from hard 200 dpi scans.

A class-level robustness test, as tests/test_number_scans.py is for number formats: dense
pages drawn here with reportlab (the fixtures' fonts; made-up figures whose sums add up) print
negative amounts in each way a Finsam report does:

- minus as "-" (hyphen), "−" (U+2212) or "–" (en dash), touching the digits or one space before
  them, and negatives in parentheses;
- sans and serif type (a serif U+2212 is a thin stroke a hard scan's blur thins further);
- small and large figures: tkr (2-5 digits) and kronor (3-8 digits) in one table;
- in a resultaträkning (costs and a result printed negative), a balansräkning (a negative
  year's result in the equity) and a finansieringsanalys (changes and investments), and in a
  five-year overview (five narrow year columns), and in notes (a costs note in tkr);
- ruled and unruled tables: a ruling line under a row, or a table's rule, is no minus sign.

The pages are degraded as the worst of a real archive (fixtures.scan's ``scan200hard``) on two
seeds, OCR'd and parsed by the real pipeline (real Tesseract). Nothing is stored wrong and
sure: above all no negative stored positive and sure (the sign OCR lost), nor a positive
stored negative and sure (a rule read as a sign); nearly all negatives are read right, and a
consistent page gets no ``error`` finding. Born-digital, every amount is right.

OCR takes ~6 s a page (nine pages, two seeds); ``FINSAM_TEST_OCR_CACHE=DIR`` keeps the OCR'd
copies between runs.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from core.settings import DIGITAL
from tests.helpers import amounts_not_read, error_findings, misread, read_born_digital, read_hard_scan
from tests.test_note_scans import DOC_C as NOTES_C
from tests.test_note_scans import _stored as note_stored
from tests.test_note_scans import draw as draw_notes
from tests.test_note_scans import truth as note_truth
from tests.test_overview_scans import RULED, TKR, Overview, draw_overview
from tests.test_overview_scans import _drawn as overview_drawn
from tests.test_overview_scans import _stored as overview_stored
from tests.test_section_scans import Doc, Page, Table, draw, truth
from tests.test_section_scans import _stored as statement_stored

DOUBT = DIGITAL.checks.uncertain_below
YEAR = 2015

# tkr: two- to five-digit figures, a result negative one year and positive the other.
RR_TKR = Table("resultatrakning", "Resultaträkning", "Belopp i tkr", YEAR, [
    ("verksamhetens_intakter", "Verksamhetens intäkter", 5120, 4870),
    ("personalkostnader", "Personalkostnader", -1946, -1880),
    ("ovriga_kostnader", "Övriga kostnader", -3100, -3022),
    ("verksamhetens_kostnader", "Summa rörelsens kostnader", -5046, -4902),
    ("avskrivningar", "Avskrivningar", -24, -24),
    ("verksamhetens_resultat", "Verksamhetens resultat", 50, -56),
    ("finansiella_intakter", "Finansiella intäkter", 8, 6),
    ("finansiella_kostnader", "Finansiella kostnader", -2, -1),
    ("resultat_efter_finansiella_poster", "Resultat efter finansiella poster", 56, -51),
    ("arets_resultat", "Årets resultat", 56, -51),
])
BR_TKR = Table("balansrakning", "Balansräkning", "Belopp i tkr", YEAR, [
    ("", "Tillgångar", None, None),
    ("maskiner_och_inventarier", "Inventarier", 48, 72),
    ("summa_anlaggningstillgangar", "Summa anläggningstillgångar", 48, 72),
    ("fordringar", "Kortfristiga fordringar", 254, 198),
    ("kassa_och_bank", "Kassa och bank", 2106, 2063),
    ("summa_omsattningstillgangar", "Summa omsättningstillgångar", 2360, 2261),
    ("summa_tillgangar", "Summa tillgångar", 2408, 2333),
    ("", "Eget kapital och skulder", None, None),
    ("ovrigt_eget_kapital", "Ingående eget kapital", 1913, 1964),
    ("arets_resultat", "Årets resultat", 56, -51),
    ("summa_eget_kapital", "Summa eget kapital", 1969, 1913),
    ("kortfristiga_skulder", "Kortfristiga skulder", 439, 420),
    ("summa_eget_kapital_avsattningar_och_skulder", "Summa eget kapital och skulder", 2408, 2333),
])
FA_TKR = Table("kassaflodesanalys", "Finansieringsanalys", "Belopp i tkr", YEAR, [
    ("", "Den löpande verksamheten", None, None),
    ("arets_resultat", "Årets resultat", 56, -51),
    ("justering_ej_likviditetspaverkande", "Justering för avskrivningar", 24, 24),
    ("medel_fore_forandring_rorelsekapital",
     "Medel från verksamheten före förändring av rörelsekapital", 80, -27),
    ("forandring_kortfristiga_fordringar", "Förändring av kortfristiga fordringar", -56, 12),
    ("forandring_kortfristiga_skulder", "Förändring av kortfristiga skulder", 19, -14),
    ("kassaflode_lopande_verksamhet", "Medel från den löpande verksamheten", 43, -29),
    ("investering_inventarier", "Investering i inventarier", 0, -24),
    ("arets_kassaflode", "Årets kassaflöde", 43, -53),
    ("likvida_medel_vid_arets_borjan", "Likvida medel vid årets början", 2063, 2116),
    ("likvida_medel_vid_arets_slut", "Likvida medel vid årets slut", 2106, 2063),
])
# kronor: three- to eight-digit figures.
RR_KR = Table("resultatrakning", "Resultaträkning", "Belopp i kronor", YEAR, [
    ("verksamhetens_intakter", "Verksamhetens intäkter", 12456300, 11873450),
    ("personalkostnader", "Personalkostnader", -4812640, -4530210),
    ("ovriga_kostnader", "Övriga kostnader", -7815980, -6988105),
    ("verksamhetens_kostnader", "Summa rörelsens kostnader", -12628620, -11518315),
    ("avskrivningar", "Avskrivningar", -36400, -36400),
    ("verksamhetens_resultat", "Verksamhetens resultat", -208720, 318735),
    ("finansiella_intakter", "Finansiella intäkter", 12415, 8930),
    ("finansiella_kostnader", "Finansiella kostnader", -1205, -980),
    ("resultat_efter_finansiella_poster", "Resultat efter finansiella poster", -197510, 326685),
    ("arets_resultat", "Årets resultat", -197510, 326685),
])
BR_KR = Table("balansrakning", "Balansräkning", "Belopp i kronor", YEAR, [
    ("", "Tillgångar", None, None),
    ("maskiner_och_inventarier", "Inventarier", 72800, 109200),
    ("summa_anlaggningstillgangar", "Summa anläggningstillgångar", 72800, 109200),
    ("fordringar", "Kortfristiga fordringar", 1284615, 1106930),
    ("kassa_och_bank", "Kassa och bank", 3718760, 3955300),
    ("summa_omsattningstillgangar", "Summa omsättningstillgångar", 5003375, 5062230),
    ("summa_tillgangar", "Summa tillgångar", 5076175, 5171430),
    ("", "Eget kapital och skulder", None, None),
    ("ovrigt_eget_kapital", "Ingående eget kapital", 3612340, 3285655),
    ("arets_resultat", "Årets resultat", -197510, 326685),
    ("summa_eget_kapital", "Summa eget kapital", 3414830, 3612340),
    ("kortfristiga_skulder", "Kortfristiga skulder", 1661345, 1559090),
    ("summa_eget_kapital_avsattningar_och_skulder", "Summa eget kapital och skulder", 5076175, 5171430),
])
TITLE = [(14, "Samordningsförbundet Ravnsjö"), (11, f"Årsredovisning {YEAR}")]

# Statement pages: minus as printed, a space after it or none (the Doc's minus string), or
# parentheses ("()"); a hyphen touching sans digits is tests/test_number_scans.py's (E).
STATEMENTS = {
    "R": Doc("R", "serif", "()", True, [Page([RR_TKR, BR_TKR], TITLE)]),
    "S": Doc("S", "serif", "\u2212", False, [Page([RR_TKR, BR_TKR, FA_TKR], TITLE)]),
    "T": Doc("T", "sans", "\u2212 ", True, [Page([RR_KR, BR_KR], TITLE)]),
    "U": Doc("U", "serif", "\u2013 ", False, [Page([RR_KR, BR_KR], TITLE)]),
}
# Five-year overviews: a serif en dash touching tkr figures, a spaced sans hyphen beside ruling
# lines in kronor, a serif spaced U+2212 in tkr.
OVERVIEWS = {
    "W": replace(TKR, name="W", family="serif", minus="\u2013"),
    "X": replace(RULED, name="X", minus="- "),
    "Y": replace(TKR, name="Y", family="serif", minus="\u2212 ", heading="Femårsöversikt"),
}
# Notes (a statements page, then the notes): costs negative in a tkr note, a serif U+2212
# touching its digits.
NOTES = {"Z": replace(NOTES_C, name="Z", family="serif", minus="\u2212")}
SEEDS = (3, 6)


def _overview_got(result) -> dict[tuple, tuple[int, float]]:
    return {k: (a.value, a.confidence) for k, a in overview_stored(result).items()}


def _read(name: str, path: Path, seed: int | None, tmp: Path):
    """(truth, stored as key -> (value, confidence)) of one page, born-digital (seed None)."""
    if name in STATEMENTS:
        doc = STATEMENTS[name]
        pdf = draw(doc, path)
        want, stored = truth(doc), statement_stored
    elif name in NOTES:
        pdf = draw_notes(NOTES[name], path)
        want, stored = note_truth(NOTES[name]), note_stored
    else:
        ov: Overview = OVERVIEWS[name]
        pdf = draw_overview(path, ov)
        want, stored = overview_drawn(ov), _overview_got
    result = read_born_digital(pdf) if seed is None else read_hard_scan(pdf, seed, tmp)
    return want, {k: v[:2] for k, v in stored(result).items()}, result


NAMES = sorted(STATEMENTS) + sorted(OVERVIEWS) + sorted(NOTES)


@pytest.mark.parametrize("name", NAMES)
def test_every_minus_style_is_read_born_digital(tmp_path, name):
    want, got, result = _read(name, tmp_path / f"{name}.pdf", None, tmp_path)
    assert {k: v for k, v in want.items() if got.get(k, (None,))[0] != v} == {}
    assert error_findings(tmp_path, result) == []
    if name in STATEMENTS:
        assert amounts_not_read(result, want) == {}


@pytest.fixture(scope="module", params=SEEDS, ids=[f"seed-{s}" for s in SEEDS])
def scanned(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("minus-scans")
    out = []
    for name in NAMES:
        sub = tmp / name
        sub.mkdir()
        want, got, result = _read(name, sub / f"{name}.pdf", request.param, sub)
        out.append((name, want, got, result, sub))
    return out


# Of the negative amounts of the hard scans of a seed, at least this share is read right (the
# rest doubtful or lost); and of all amounts. Today: seed 3 negatives 85/95, all 298/313
# (R-3 loses the row "Personalkostnader (1 946) (1 880)" and "8"; S-3 loses "−51" whole and
# reads "−3 022" as "−22", doubtful; T-3 loses two rows whole; Y-3 "− 14 870" stays
# positive, doubtful: the row's one sign that differs; Z-3 loses the costs note's "−2 610",
# "−2 702", "−845" whole, "−810" read 0, doubtful); seed 6 negatives 92/95, all 309/313
# (Y-6 loses "−418" and "9" whole, Z-6 the row "−845  −810": Tesseract reads it at
# confidence 0, a ruling line under it). Before the minus was read from the ink
# (repair/cells.py sign_from_ink): 604/626, negatives 174/190, and S-6 "−51" and Y-6 "− 585"
# were stored positive and sure; Y-6 had an ``error`` finding (its equity roll broke).
MIN_NEGATIVES_RIGHT = 0.85
MIN_RIGHT = 0.93


def test_no_sign_of_a_hard_scan_is_stored_wrong_and_sure(scanned):
    wrong_sure, missed, negatives, negatives_right, total = [], [], 0, 0, 0
    for name, want, got, _, _ in scanned:
        ws, ms = misread(want, got)
        wrong_sure += [(name, *w) for w in ws]
        missed += [(name, *m) for m in ms]
        total += len(want)
        negatives += sum(v < 0 for v in want.values())
        negatives_right += sum(v < 0 and got.get(k, (None,))[0] == v for k, v in want.items())
    # Worst of all: a negative stored positive, sure (or a positive stored negative, sure).
    assert wrong_sure == []
    assert negatives_right >= MIN_NEGATIVES_RIGHT * negatives, (negatives_right, negatives, missed)
    assert total - len(missed) >= MIN_RIGHT * total, missed


def test_a_consistent_hard_scan_gets_no_error_finding(scanned):
    found = [(name, error_findings(tmp, result)) for name, _, _, result, tmp in scanned]
    assert [f for f in found if f[1]] == []


# --- word-level: each fix this test asked for ------------------------------------------------

# (label, what is printed right-aligned at x=460, its value signed as printed, the digits'
# own first word as OCR boxes it, the mark drawn: "" none, "under" a ruling line under the
# row, "through" a line through the row from the label on, "upright" a column rule before
# the figure, "underscore" one before the digits)
INK_ROWS = [
    ("Årets resultat", "\u221251", -51, "51", ""),  # serif U+2212 touching
    ("Förändring av fordringar", "\u2013 585", -585, "585", ""),  # en dash, a space
    ("Personalkostnader", "-4 530", -4530, "4", ""),  # hyphen, grouped
    ("Kassa och bank", "4 530", 4530, "4", ""),  # a 4's crossbar is no minus
    ("Avvikelse", "+12", 12, "12", ""),  # a plus is no minus
    ("Fordringar", "(585)", -585, "585", ""),  # parentheses: not this pass's
    ("Inventarier", "72 800", 72800, "72", "under"),
    ("Kortfristiga skulder", "1 661 345", 1661345, "1", "through"),
    ("Eget kapital", "3 612", 3612, "3", "upright"),
    ("Summa tillgångar", "5 076", 5076, "5", "underscore"),
]


def _ink_page(tmp_path: Path, family: str):
    """A page with the rows of INK_ROWS drawn, and the OCR words of each row as Tesseract
    would give them with every sign dropped (label words, then the digits' words)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    from core.types import Word
    from fixtures.render import FAMILIES, register_fonts
    register_fonts()
    font = FAMILIES[family][0]
    pdf = tmp_path / f"ink-{family}.pdf"
    c = Canvas(str(pdf), pagesize=A4, invariant=1)
    rows = []
    for n, (label, printed, _, _, mark) in enumerate(INK_ROWS):
        y = 760 - 22 * n
        c.setFont(font, 9)
        c.drawString(56, y, label)
        c.drawRightString(460, y, printed)
        x0 = 460 - stringWidth(printed, font, 9)
        c.setLineWidth(0.6)
        if mark == "under":
            c.line(56, y - 3.5, 545, y - 3.5)
        elif mark == "through":
            c.line(56, y + 2.5, 545, y + 2.5)
        elif mark == "upright":
            c.line(x0 - 6, y - 4, x0 - 6, y + 10)
        elif mark == "underscore":
            c.drawString(x0 - 8, y, "_")
        top = A4[1] - y - 7
        words = [Word(w, 56 + stringWidth(label[:label.index(w)], font, 9),
                      56 + stringWidth(label[:label.index(w) + len(w)], font, 9), top, top + 7.5,
                      confidence=0.95) for w in label.split()]
        digits = printed.strip("\u2212\u2013-+() ")
        right = 460 - stringWidth(printed[printed.index(digits) + len(digits):], font, 9)
        for part in reversed(digits.split()):
            words.append(Word(part, right - stringWidth(part, font, 9), right, top, top + 7.5,
                              confidence=0.95))
            right -= stringWidth(" " + part, font, 9)
        rows.append(words)
    c.showPage()
    c.save()
    return pdf, rows


@pytest.mark.parametrize("family", ["serif", "sans"])
def test_a_minus_ocr_dropped_is_read_from_the_ink_before_the_digits(tmp_path, family):
    """Scan S-6 read "−51" (a serif U+2212 touching its digits) as "51", sure, and stored it
    positive; Y-6 read "− 585" as "585". A dash of ink of its own at the digits' mid-height
    just left of them signs the figure, doubtful. A 4's crossbar, a plus, a ruling line under
    or through the row, a column rule, an underscore are no minus; parentheses are not this
    pass's to judge (OCR reads them, or the figure is doubtful already)."""
    from core.types import Page as PdfPage
    from parsers.layout import page_lines
    from repair.cells import sign_from_ink
    from repair.reread import PageImages
    pdf, rows = _ink_page(tmp_path, family)
    lines = page_lines(PdfPage(1, 595.3, 841.9, [w for ws in rows for w in ws], source="ocr"))
    assert len(lines) == len(INK_ROWS)
    got = sign_from_ink(lines, {1}, PageImages(pdf.read_bytes()))
    for (label, printed, value, _, _), line in zip(INK_ROWS, got, strict=True):
        cell = line.cells[0]
        want = value if printed[:1] in "\u2212\u2013-" else abs(value)
        assert cell.value == want, (label, printed, cell.value)
        assert (cell.confidence < DOUBT) == (want < 0), (label, cell.confidence)
