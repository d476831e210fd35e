"""Driftredovisning and kassaflödesanalys read from hard 200 dpi scans, in every shape we know.

A class-level robustness test, as tests/test_goal_scans.py is for goal statuses: three one-page
reports drawn here with reportlab (the fixtures' fonts; our own made-up, internally consistent
figures) carry a driftredovisning (Budget | Utfall | Avvikelse | Utfall föregående år, costs
negative and avvikelse utfall − budget, in tkr, ruled, sans; Utfall | Budget | Avvikelse |
year, costs positive and avvikelse budget − utfall for costs, in kronor, negatives in
parentheses, unruled, serif; Budget | Utfall | Avvikelse, costs positive and avvikelse utfall −
budget, a hyphen for minus, "+2 115") and a kassaflödesanalys / finansieringsanalys of the municipal era
("Medel från verksamheten före förändring av rörelsekapital", sign legends in the labels:
"Ökning (−)/minskning (+) kortfristiga fordringar", "– Ökning/+ minskning …", "Årets
kassaflöde", "Likvida medel vid årets början/slut"). The pages are degraded as the worst of a
real archive (fixtures.scan's ``scan200hard``), OCR'd and parsed by the real pipeline (real
Tesseract). Every amount is read right or stored doubtful (never wrong and sure), nearly all
are read right, and a consistent page gets no ``error`` finding.

OCR takes ~6 s a page (three scans of one page; ~22 s in all); ``FINSAM_TEST_OCR_CACHE=DIR`` keeps the OCR'd
copies (keyed by the file's bytes and the OCR settings, as everywhere) between runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from core.settings import DIGITAL
from fixtures.render import FAMILIES, register_fonts
from tests.helpers import amounts_not_read, error_findings, misread, read_born_digital, read_hard_scan

DOUBT = DIGITAL.checks.uncertain_below
YEAR = 2015
LEFT = 56


@dataclass(frozen=True)
class Table:
    statement: str
    title: str
    unit: str
    heads: list[tuple[str, float, list[str]]]  # column key, right edge, heading lines
    rows: list[tuple[str, str, dict[str, int]]]  # line key, label, figures by column


@dataclass(frozen=True)
class Doc:
    name: str
    family: str
    minus: str  # "-", "−" or "()" for parentheses
    ruled: bool
    tables: list[Table]
    plus: bool = False  # a deviation above zero printed "+337"


# Report A: tkr, costs negative, avvikelse = utfall − budget, ruled, sans, "−".
DRIFT_A = Table("driftredovisning", "Driftredovisning", "Belopp i tkr", [
    ("budget", 300, ["Budget", str(YEAR)]), ("current", 380, ["Utfall", str(YEAR)]),
    ("deviation", 460, ["Avvikelse"]), ("previous", 540, ["Utfall", "föregående år"])], [
    ("medlemsavgift", "Medlemsavgifter", {"budget": 4200, "current": 4200, "deviation": 0,
                                          "previous": 4000}),
    ("nettokostnad", "Verksamhetens nettokostnad", {"budget": -4350, "current": -4013,
                                                    "deviation": 337, "previous": -3870}),
    ("finansiella_poster", "Finansiella poster", {"budget": 0, "current": 6, "deviation": 6,
                                                  "previous": 4}),
    ("resultat", "Årets resultat", {"budget": -150, "current": 193, "deviation": 343,
                                    "previous": 134}),
    ("utgaende_eget_kapital", "Utgående eget kapital", {"current": 1524, "previous": 1331}),
    ("likvida_medel", "Likvida medel", {"current": 2310, "previous": 2187}),
])
KF_A = Table("kassaflodesanalys", "Kassaflödesanalys", "Belopp i tkr", [
    ("current", 430, [str(YEAR)]), ("previous", 520, [str(YEAR - 1)])], [
    ("arets_resultat", "Årets resultat", {"current": 193, "previous": 134}),
    ("justering_ej_likviditetspaverkande", "Justering för ej likviditetspåverkande poster",
     {"current": 12, "previous": 10}),
    ("medel_fore_forandring_rorelsekapital",
     "Medel från verksamheten före förändring av rörelsekapital", {"current": 205, "previous": 144}),
    ("forandring_kortfristiga_fordringar", "Ökning (−)/minskning (+) kortfristiga fordringar",
     {"current": -148, "previous": 61}),
    ("forandring_kortfristiga_skulder", "Ökning (+)/minskning (−) kortfristiga skulder",
     {"current": 96, "previous": -35}),
    ("kassaflode_lopande_verksamhet", "Kassaflöde från den löpande verksamheten",
     {"current": 153, "previous": 170}),
    ("kassaflode_investeringsverksamhet", "Kassaflöde från investeringsverksamheten",
     {"current": -30, "previous": 0}),
    ("arets_kassaflode", "Årets kassaflöde", {"current": 123, "previous": 170}),
    ("likvida_medel_vid_arets_borjan", "Likvida medel vid årets början",
     {"current": 2187, "previous": 2017}),
    ("likvida_medel_vid_arets_slut", "Likvida medel vid årets slut",
     {"current": 2310, "previous": 2187}),
])
# Report B: kronor, costs positive, avvikelse = budget − utfall for costs (a saving is
# positive), utfall − budget otherwise, unruled, serif, negatives in parentheses.
DRIFT_B = Table("driftredovisning", "Driftredovisning", "Belopp i kronor", [
    ("current", 300, ["Utfall", str(YEAR)]), ("budget", 380, ["Budget", str(YEAR)]),
    ("deviation", 460, ["Avvikelse"]), ("previous", 540, ["Utfall", str(YEAR - 1)])], [
    ("medlemsavgift", "Medlemsavgift", {"current": 3600000, "budget": 3600000, "deviation": 0,
                                        "previous": 3400000}),
    ("nettokostnad", "Nettokostnad", {"current": 3812450, "budget": 3900000, "deviation": 87550,
                                      "previous": 3256780}),
    ("finansiella_poster", "Finansnetto", {"current": 1250, "budget": 0, "deviation": 1250,
                                           "previous": 890}),
    ("resultat", "Resultat", {"current": -211200, "budget": -300000, "deviation": 88800,
                              "previous": 144110}),
    ("utgaende_eget_kapital", "Eget kapital", {"current": 905300, "previous": 1116500}),
    ("likvida_medel", "Likvida medel", {"current": 1228820, "previous": 1405220}),
])
KF_B = Table("kassaflodesanalys", "Finansieringsanalys", "Belopp i kronor", [
    ("current", 430, [str(YEAR)]), ("previous", 520, [str(YEAR - 1)])], [
    ("arets_resultat", "Årets resultat", {"current": -211200, "previous": 144110}),
    ("justering_ej_likviditetspaverkande", "Justering för avskrivningar",
     {"current": 18400, "previous": 18400}),
    ("medel_fore_forandring_rorelsekapital", "Medel från verksamheten före förändrat rörelsekapital",
     {"current": -192800, "previous": 162510}),
    ("forandring_kortfristiga_fordringar", "– Ökning/+ minskning kortfristiga fordringar",
     {"current": 45300, "previous": -12750}),
    ("forandring_kortfristiga_skulder", "+ Ökning/– minskning kortfristiga skulder",
     {"current": -28900, "previous": 33120}),
    ("kassaflode_lopande_verksamhet", "Medel från den löpande verksamheten",
     {"current": -176400, "previous": 182880}),
    ("arets_kassaflode", "Förändring av likvida medel", {"current": -176400, "previous": 182880}),
    ("likvida_medel_vid_arets_borjan", "Likvida medel vid årets början",
     {"current": 1405220, "previous": 1222340}),
    ("likvida_medel_vid_arets_slut", "Likvida medel vid årets slut",
     {"current": 1228820, "previous": 1405220}),
])
# Report C: kronor, costs positive and avvikelse utfall − budget (a saving negative), three
# figure columns, a hyphen for minus, "+" before a deviation above zero; a kassaflödesanalys
# with group headings and the "Förändring av …", "vid årets ingång/utgång" wordings.
DRIFT_C = Table("driftredovisning", "Driftredovisning", "Belopp i kronor", [
    ("budget", 360, ["Budget"]), ("current", 450, ["Utfall"]), ("deviation", 540, ["Avvikelse"])], [
    ("medlemsavgift", "Bidrag från medlemmarna", {"budget": 2400000, "current": 2400000,
                                                  "deviation": 0}),
    ("nettokostnad", "Summa nettokostnader", {"budget": 2650000, "current": 2512340,
                                              "deviation": -137660}),
    ("finansiella_poster", "Finansiella poster", {"budget": 0, "current": 2115, "deviation": 2115}),
    ("resultat", "Årets resultat", {"budget": -250000, "current": -110225, "deviation": 139775}),
    ("likvida_medel", "Likvida medel", {"current": 859065}),
])
KF_C = Table("kassaflodesanalys", "Kassaflödesanalys", "Belopp i kronor", [
    ("current", 430, [str(YEAR)]), ("previous", 520, [str(YEAR - 1)])], [
    ("", "Den löpande verksamheten", {}),
    ("arets_resultat", "Årets resultat", {"current": -110225, "previous": 64310}),
    ("medel_fore_forandring_rorelsekapital",
     "Medel från verksamheten före förändringar av rörelsekapital",
     {"current": -110225, "previous": 64310}),
    ("forandring_kortfristiga_fordringar", "Förändring av fordringar",
     {"current": 23410, "previous": -8950}),
    ("forandring_kortfristiga_skulder", "Förändring av kortfristiga skulder",
     {"current": -41760, "previous": 17230}),
    ("kassaflode_lopande_verksamhet", "Kassaflöde från den löpande verksamheten",
     {"current": -128575, "previous": 72590}),
    ("", "Likviditet", {}),
    ("arets_kassaflode", "Förändring av likvida medel", {"current": -128575, "previous": 72590}),
    ("likvida_medel_vid_arets_borjan", "Likvida medel vid årets ingång",
     {"current": 987640, "previous": 915050}),
    ("likvida_medel_vid_arets_slut", "Likvida medel vid årets utgång",
     {"current": 859065, "previous": 987640}),
])
DOCS = {"A": Doc("A", "sans", "−", True, [DRIFT_A, KF_A]),
        "B": Doc("B", "serif", "()", False, [KF_B, DRIFT_B]),
        "C": Doc("C", "sans", "-", False, [DRIFT_C, KF_C], plus=True)}


def _fmt(value: int, minus: str, plus: bool = False) -> str:
    digits = f"{abs(value):,}".replace(",", " ")
    if value >= 0:
        return f"+{digits}" if plus and value else digits
    return f"({digits})" if minus == "()" else f"{minus}{digits}"


def draw(doc: Doc, path: Path) -> Path:
    register_fonts()
    font, bold = FAMILIES[doc.family]
    c = Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 60
    c.setFont(bold, 16)
    c.drawString(LEFT, y, f"Samordningsförbundet Ravnsjö – Årsredovisning {YEAR}")
    y -= 30
    for table in doc.tables:
        c.setFont(bold, 13)
        c.drawString(LEFT, y, table.title)
        y -= 22
        depth = max(len(h) for _, _, h in table.heads)
        for i in range(depth):
            c.setFont(bold, 8.5)
            for _, x, head in table.heads:
                if i >= depth - len(head):
                    c.drawRightString(x, y, head[i - depth + len(head)])
            if i == depth - 1:
                c.setFont(font, 8.5)
                c.drawString(LEFT, y, table.unit)
            y -= 13
        if doc.ruled:
            c.setLineWidth(0.6)
            c.line(LEFT, y + 9, 545, y + 9)
        y -= 3
        for _, label, values in table.rows:
            c.setFont(font, 9.5)
            c.drawString(LEFT, y, label)
            for key, x, _ in table.heads:
                if key in values:
                    c.drawRightString(x, y, _fmt(values[key], doc.minus, doc.plus and key == "deviation"))
            if doc.ruled:
                c.setLineWidth(0.3)
                c.line(LEFT, y - 4, 545, y - 4)
            y -= 16
        y -= 24
    c.showPage()
    c.save()
    return path


def truth(doc: Doc) -> dict[tuple, int]:
    """The amounts drawn, as stored: in kronor (a tkr table's figures times 1 000)."""
    return {(t.statement, key, col): v * (1000 if "tkr" in t.unit else 1) for t in doc.tables
            for key, _, vals in t.rows for col, v in vals.items()}


@pytest.mark.parametrize("name", sorted(DOCS))
def test_every_statement_amount_is_read_born_digital(tmp_path, name):
    doc = DOCS[name]
    pdf = draw(doc, tmp_path / f"{name}.pdf")
    result = read_born_digital(pdf)
    assert amounts_not_read(result, truth(doc)) == {}
    assert error_findings(tmp_path, result) == []


# Of the amounts of a hard scan, at least this share is read right (the rest doubtful or
# missing). Today: A-4 37/40 (a row rule the skew ran through "0  4 000" of Medlemsavgifter:
# the 0 re-read as 9, the 4 000 cut in two, both doubtful; "−35." re-read as 735, doubtful),
# B-4 37/38, C-7 all. Seed 7 of report A (not run: a minute more) is a page Tesseract's
# segmentation reads half of ("ee eee" for whole rows): every figure it keeps is right or
# doubtful, but a third are lost.
MIN_RIGHT = 0.92


# Three scans of one page each (~6 s OCR a page): seed 4 runs the scan's skew into report A's
# row rules near its right columns; serif type and figures in parentheses (B); hyphen minus,
# three columns, costs positive (C).
@pytest.fixture(scope="module", params=[("A", 4), ("B", 4), ("C", 7)], ids=["A-4", "B-4", "C-7"])
def scanned(request, tmp_path_factory):
    name, seed = request.param
    tmp = tmp_path_factory.mktemp("statement-scans")
    return DOCS[name], read_hard_scan(draw(DOCS[name], tmp / f"{name}.pdf"), seed, tmp), tmp


def _stored(result) -> dict[tuple, tuple[int, float]]:
    out: dict[tuple, tuple[int, float]] = {}
    for st in result.statements.values():
        for row in st.rows:
            for a in row.amounts:
                out.setdefault((st.statement, row.line_key, a.column), (a.value, a.confidence))
    return out


def test_no_statement_amount_of_a_hard_scan_is_stored_wrong_and_sure(scanned):
    doc, result, _ = scanned
    want, got = truth(doc), _stored(result)
    wrong_sure, missed = misread(want, got)
    assert wrong_sure == []
    assert len(want) - len(missed) >= MIN_RIGHT * len(want), missed


def test_a_consistent_hard_scan_gets_no_error_finding(scanned):
    _, result, tmp = scanned
    assert error_findings(tmp, result) == []


# Word-level: what a ruled hard scan makes of a row, and what is then stored.
def _ocr_lines(rows: list[list[tuple[str, float, float]]]):
    from ingest.pdftext import Page, Word
    from parsers.layout import split_line
    page = Page(1, 595.0, 842.0, [], source="ocr")
    lines = []
    for i, row in enumerate(rows):
        top = 300.0 + 16 * i
        words = [Word(t, a, b, top, top + 8, confidence=0.95) for t, a, b in row]
        lines.append(split_line(page, words))
    return lines


def test_a_ruling_line_read_as_letters_after_a_figure_leaves_the_figure_a_cell():
    """A row rule a skewed scan ran into the figures was read as letters between the two
    year columns ("Årets resultat  193  Gece  134") or over the last one ("Kassaflöde från
    investeringsverksamheten  -30  RR ie a"): the figure before the marks was taken into the
    label (its key lost: "arets_resultat_gece"), or dropped with the marks as gutter noise.
    The figure is now a cell of its row; marks in the gutter are nothing, marks over a later
    column a doubtful cell there."""
    from repair.cells import take_misread_words
    other = [[("Justering", 55, 97), ("poster", 234, 264), ("12", 417, 430), ("10", 509, 522)],
             [("Medel", 55, 80), ("rörelsekapital", 200, 260), ("205", 412, 430), ("144", 504, 522)],
             [("Ökning", 56, 89), ("fordringar", 237, 284), ("−148", 405, 430), ("61", 509, 522)]]
    rows = [[("Årets", 56, 80), ("resultat", 84, 120), ("193", 413, 429), ("Gece", 458, 476),
             ("134", 503, 519)], *other,
            [("Kassaflöde", 57, 107), ("från", 110, 129), ("investeringsverksamheten", 132, 258),
             ("-30", 411, 430), ("RR", 463, 501), ("ie", 506, 532), ("a", 536, 544)]]
    lines = take_misread_words(_ocr_lines(rows), {1})
    first, last = lines[0], lines[-1]
    assert [w.text for w in first.label_words] == ["Årets", "resultat"]
    # (doubtful: read among letters, test_figures_read_among_letters_are_doubtful)
    assert [c.value for c in first.cells] == [193, 134]
    assert [w.text for w in last.label_words] == ["Kassaflöde", "från", "investeringsverksamheten"]
    assert [(c.value, c.confidence >= DOUBT) for c in last.cells] == [(-30, False), (None, False)]


def test_a_lost_figure_whose_row_box_reaches_the_next_row_is_read_at_its_ink(tmp_path):
    """A row rule a skewed scan ran into the last column was read as letters ("RR ie"); the
    row's OCR box reached down to the next row's figure ("170"), and the figure's re-read
    over that box read nothing: the 0 was lost. The cell is read again at the band its ink
    stands in."""
    from ingest.pdftext import Word
    from parsers.layout import Cell, Line
    from repair.cells import reread_doubtful
    from repair.reread import PageImages
    register_fonts()
    pdf = tmp_path / "rows.pdf"
    c = Canvas(str(pdf), pagesize=A4, invariant=1)
    c.setFont(FAMILIES["sans"][0], 9.5)
    for y, label, figure in [(460, "Kassaflöde från investeringsverksamheten", "0"),
                             (444, "Årets kassaflöde", "170")]:
        c.drawString(LEFT, y, label)
        c.drawRightString(520, y, figure)
    c.showPage()
    c.save()
    top = A4[1] - 460 - 8  # the figure's row, in PDF points from the top, and a box to the next
    label = Word("Kassaflöde", 56.0, 107.0, top, top + 15, confidence=0.95)
    marks = Word("RR ie", 494.0, 532.0, top, top + 15, confidence=0.0)
    line = Line(page=1, words=[label, marks], label_words=[label], page_height=A4[1])
    line.cells = [Cell([marks], None, 0.0)]
    images = PageImages(pdf.read_bytes())
    (fixed,) = reread_doubtful([line], {1}, images)
    assert [(cell.value, cell.confidence < DOUBT) for cell in fixed.cells] == [(0, True)]


def test_figures_read_among_letters_are_doubtful():
    """OCR read a ruled row "−30  0" as "ee 30 See ce 50": the minus lost in "ee", the 0
    read as 50. Both were stored sure. A row whose figures stand among words of letters
    that are no part of its label has every figure doubtful; its neighbours stay sure."""
    from repair.cells import take_misread_words
    rows = [[("Kassaflöde", 57, 107), ("från", 111, 129), ("den", 132, 150), ("löpande", 154, 192),
             ("verksamheten", 195, 263), ("153", 412, 434), ("170", 503, 520)],
            [("Kassaflöde", 57, 107), ("från", 110, 129), ("investeringsverksamheten", 132, 259),
             ("ee", 372, 408), ("30", 410, 433), ("See", 444, 470), ("ce", 486, 487), ("50", 507, 520)],
            [("Årets", 56, 81), ("kassaflöde", 84, 135), ("123", 412, 434), ("170", 503, 520)],
            [("Likvida", 57, 89), ("medel", 93, 122), ("2187", 404, 434), ("2017", 490, 520)]]
    lines = take_misread_words(_ocr_lines(rows), {1})
    sure = [[c.confidence >= DOUBT for c in ln.cells if c.value is not None] for ln in lines]
    assert sure == [[True, True], [False, False], [True, True], [True, True]]


def _drift_table(drop: set[str], misread: dict[str, str] | None = None,
                 heading: dict[str, str] | None = None):
    """A driftredovisning's words as OCR gives them (Budget | Utfall | Avvikelse | Utfall
    föregående år, in tkr), without the heading words in ``drop`` (OCR lost them; "word" or
    "word@right edge"), parsed."""
    from core.lexicon import load_lexicon
    from core.types import Page, Word
    from parsers.layout import page_lines
    from parsers.tables import parse_table

    def words(y: float, items) -> list:  # (text, right edge) figures; (text, left edge, 0) labels
        return [Word(t, x - 5 * len(t), x, y, y + 9, confidence=0.95) if not rest
                else Word(t, x, x + 5 * len(t), y, y + 9, confidence=0.95) for t, x, *rest in items]
    heads = [[("Budget", 300), ("Utfall", 380), ("Utfall", 540)],
             [("Belopp", 56, 0), ("tkr", 90, 0), ("2015", 300), ("2015", 380), ("Avvikelse", 460),
              ("föregående", 515), ("år", 540)]]
    rows = [[("Medlemsavgifter", 56, 0), ("4", 280), ("200", 300), ("4", 360), ("200", 380),
             ("0", 460), ("4", 520), ("000", 540)],
            [("Nettokostnad", 56, 0), ("−4", 280), ("350", 300), ("−4", 360), ("013", 380), ("337", 460),
             ("−3", 520), ("870", 540)],
            [("Finansiella", 56, 0), ("poster", 110, 0), ("0", 300), ("6", 380), ("6", 460), ("4", 540)],
            [("Årets", 56, 0), ("resultat", 84, 0), ("−150", 300), ("193", 380), ("343", 460),
             ("134", 540)]]
    lines = [words(100, [("Driftredovisning", 56, 0)])]
    heading = heading or {}
    lines += [words(120 + 12 * i, [(heading.get(t, t), *rest) for t, *rest in h
                                   if t not in drop and f"{t}@{rest[0]}" not in drop])
              for i, h in enumerate(heads)]
    misread = misread or {}
    lines += [words(150 + 16 * i, [(misread.get(t, t), *rest) for t, *rest in r])
              for i, r in enumerate(rows)]
    page = Page(1, 595, 842, [w for ln in lines for w in ln], source="ocr")
    table = parse_table(page_lines(page), load_lexicon(), 2015)
    return {(r.label, a.column): (a.value // 1000, a.confidence >= DOUBT) for r in table.rows
            for a in r.amounts}


def test_a_deviation_column_whose_heading_ocr_lost_is_told_by_its_differences():
    """"Avvikelse" lost: the column's figures were dropped. Each is utfall − budget (or
    budget − utfall), so it is the deviation column."""
    got = _drift_table({"Avvikelse"})
    assert got[("Nettokostnad", "deviation")] == (337, True)
    assert got[("Årets resultat", "deviation")] == (343, True)
    assert got[("Årets resultat", "previous")] == (134, True)


def test_a_lost_previous_column_never_takes_the_deviations_sure():
    """"Avvikelse" and "Utfall föregående år" both lost: the deviations were stored as last
    year's figures, sure (337 for −3 870). They are the deviations now; a headless column
    beside this year's in a table with a budget that is no deviation is doubtful."""
    got = _drift_table({"Avvikelse", "föregående", "år", "Utfall@540"})
    assert ("Nettokostnad", "previous") not in got or not got[("Nettokostnad", "previous")][1]
    assert got[("Nettokostnad", "deviation")] == (337, True)
    # One deviation misread or misprinted (387 for 337): still the deviation column (its
    # sum is the checks' and the re-read's to judge); two: no difference column is found,
    # and the column beside this year's is taken for last year's, doubtful.
    got = _drift_table({"Avvikelse", "föregående", "år", "Utfall@540"}, {"337": "387"})
    assert got[("Nettokostnad", "deviation")] == (387, True)
    got = _drift_table({"Avvikelse", "föregående", "år", "Utfall@540"}, {"337": "387", "343": "348"})
    assert got[("Nettokostnad", "previous")] == (387, False)


@pytest.mark.parametrize("damaged", [{"Avvikelse": "Awikelse"}, {"Avvikelse": "Aw."},
                                     {"Avvikelse": "Budget-"}])
def test_a_deviation_column_whose_heading_ocr_damaged_is_told_by_its_differences(damaged):
    """"Avvikelse" read "Awikelse" or "Aw." (no column word), or only "Budget-" of
    "Budget- avvikelse" read (a second budget column): the deviations were lost."""
    got = _drift_table(set(), heading=damaged)
    assert got[("Nettokostnad", "deviation")] == (337, True)
    assert got[("Nettokostnad", "budget")] == (-4350, True)


@pytest.mark.parametrize("label, key", [
    ("Ökning (−)/minskning (+) kortfristiga fordringar", "forandring_kortfristiga_fordringar"),
    ("Okning (—)/minskning (+) kortfristiga fordringar", "forandring_kortfristiga_fordringar"),
    ("– Ökning/+ minskning kortfristiga fordringar", "forandring_kortfristiga_fordringar"),
    ("+ Ökning/– minskning kortfristiga skulder", "forandring_kortfristiga_skulder"),
    # The legend after the noun
    ("Kortfristiga fordringar, ökning (−)/minskning (+)", "forandring_kortfristiga_fordringar"),
    ("Kortfristiga skulder, ökning (+)/minskning (−)", "forandring_kortfristiga_skulder"),
    ("Fordringar, minskning (+)/ökning (−)", "forandring_kortfristiga_fordringar"),
    ("Förråd, ökning (−)/minskning (+)", "forandring_forrad"),
    ("Medel fran verksamheten före förändrat rérelsekapital", "medel_fore_forandring_rorelsekapital"),
    ("Arets kassafléde", "arets_kassaflode"),
    ("Likvida medel vid arets borjan", "likvida_medel_vid_arets_borjan"),
])
def test_every_cash_flow_wording_with_its_sign_legend_is_keyed(label, key):
    from core.lexicon import load_lexicon
    hit = load_lexicon().statement_match("kassaflodesanalys", label)
    assert hit is not None and hit.key == key


@pytest.mark.parametrize("word", ["föregående", "fg", "föreg.", "Föreg"])
def test_last_years_column_headed_without_a_year_in_any_abbreviation(word):
    """"Utfall föregående år", "Utfall fg år", "Utfall föreg. år": last year's column (it was
    taken for this year's utfall beside "Utfall 2015", its figures lost)."""
    got = _drift_table(set(), heading={"föregående": word})
    assert got[("Nettokostnad", "previous")] == (-3870, True)


@pytest.mark.parametrize("drop, heading", [({"2015"}, {"Budget": "Budgel"}), ({"2015"}, {"Budget": "Bud"}),
                                           ({"2015", "Budget"}, {})])
def test_a_budget_column_whose_heading_ocr_damaged_is_told_by_the_deviations(drop, heading):
    """"Budget" (no year under it) read "Budgel" or "Bud", or lost with the table's title
    above it: the budget figures were lost. The deviations are utfall − budget."""
    got = _drift_table(drop, heading=heading)
    assert got[("Nettokostnad", "budget")] == (-4350, True)
    assert got[("Nettokostnad", "current")] == (-4013, True)


def test_this_years_column_whose_heading_ocr_damaged_is_told_by_the_deviations():
    """"Utfall" (no year under it) read "Utfal": this year's figures were lost beside a
    budget and a deviation column. The deviations are its differences from the budget."""
    got = _drift_table({"2015"}, heading={"Utfall": "Utfal"})
    assert got[("Nettokostnad", "current")] == (-4013, True)
    assert got[("Nettokostnad", "previous")] == (-3870, True)
