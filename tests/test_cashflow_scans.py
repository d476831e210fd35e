"""Cash-flow statements of every era and wording, read born-digital and from hard 200 dpi scans.

A class-level robustness test (models: tests/test_section_scans.py, whose Doc/Page/Table
drawing helper this reuses). Kassaflödesanalys and finansieringsanalys pages are drawn here
with reportlab (the fixtures' fonts; our own made-up figures, consistent by construction:
each subtotal is computed from its parts) in every wording VARIETY.md "Sections and eras"
and the lexicon's [statement.kassaflodesanalys] know:

- born-digital: one statement per wording index, so that EVERY lexicon wording of every
  cash-flow key (and the printed forms with sign legends: "Ökning (−)/minskning (+) …",
  "– Ökning/+minskning …") is drawn once, in the modern shape (group headings "Den löpande
  verksamheten" / "Investeringsverksamheten" / "Finansieringsverksamheten", each group with its
  subtotal) or the municipal one (one investment line, "Betalningsflöde");
- hard scans (fixtures.scan's ``scan200hard``, two seeds each, real Tesseract): six pages that
  carry every VARIETY.md wording and the lexicon's hardest (slashes, hyphens, commas, numbers
  in labels: "Årets över-/underskott", "Likvida medel 31 december", "Likvida medel IB"), long
  labels wrapped onto two lines (figures on the last line, or on the first: top-aligned
  cells), both sign styles (minus: "−", "-"; parentheses), kronor and tkr, sans and serif,
  ruled and unruled;
- a planted break: one figure of a consistent page off by a known amount.

Demanded: every line keyed right (one key for every wording), amounts right at a floor, nothing
stored wrong and sure (a figure under the wrong cash-flow key with full confidence is the worst
case), the cash-flow identities (löpande = resultat + justeringar + förändringar; årets
kassaflöde = the groups' sum; vid årets slut = vid årets början + årets kassaflöde) give no
error on a consistent page, and the planted break is reported with its difference.

OCR: fourteen one-page scans, ~5 s each cold (~70 s); ``FINSAM_TEST_OCR_CACHE=DIR`` keeps them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from core.settings import DIGITAL
from tests.helpers import amounts_not_read, error_findings, misread, read_born_digital, read_hard_scan
from tests.test_section_scans import Doc, Page, Table, _stored, draw, truth

DOUBT = DIGITAL.checks.uncertain_below
LEXICON = Path(__file__).resolve().parents[1] / "core" / "lexicon.toml"
KF = "kassaflodesanalys"

# The printed forms of VARIETY.md that are no lexicon entry as written: sign legends in the
# label, read past by the matcher.
PRINTED = {
    "forandring_kortfristiga_fordringar": [
        "Ökning (−)/minskning (+) kortfristiga fordringar", "– Ökning/+minskning kortfristiga fordringar",
        "Ökning (-)/minskning (+) av kortfristiga fordringar", "– Ökning/+ minskning av fordringar"],
    "forandring_kortfristiga_skulder": [
        "Ökning (+)/minskning (−) kortfristiga skulder", "+ Ökning/– minskning kortfristiga skulder",
        "Ökning (+)/minskning (-) av kortfristiga skulder"],
    "forandring_forrad": ["Ökning (−)/minskning (+) förråd"],
    "arets_kassaflode": ["Ökning (+)/minskning (−) av likvida medel"],
}


def wordings() -> dict[str, list[str]]:
    """Every wording of every cash-flow key: the lexicon's, then the printed sign legends."""
    with LEXICON.open("rb") as f:
        lex = tomllib.load(f)["statement"][KF]
    return {k: list(v) + PRINTED.get(k, []) for k, v in lex.items()}


# --- figures: consistent by construction ---------------------------------------------------

INPUTS = ("arets_resultat", "justering_ej_likviditetspaverkande", "justering_avsattningar",
          "forandring_forrad", "forandring_kortfristiga_fordringar", "forandring_kortfristiga_skulder",
          "investering_inventarier", "kassaflode_finansieringsverksamhet")


def figures(base: dict[str, tuple[int, int]], ib_previous: int, keys: set[str],
            plant: tuple[str, int] | None = None) -> dict[str, tuple[int, int]]:
    """The lines' (this year, last year) from the inputs drawn (``keys``): the subtotals
    summed from their parts, last year's closing cash this year's opening. ``plant`` adds an
    amount to one line's figure this year after the sums (a break)."""
    out: dict[str, tuple[int, int]] = {}
    ib = ib_previous
    cols: list[dict[str, int]] = []
    for col in (1, 0):  # last year first: its closing is this year's opening
        v = {k: base[k][col] if k in keys else 0 for k in INPUTS}
        v["medel_fore_forandring_rorelsekapital"] = (
            v["arets_resultat"] + v["justering_ej_likviditetspaverkande"] + v["justering_avsattningar"])
        v["kassaflode_lopande_verksamhet"] = (
            v["medel_fore_forandring_rorelsekapital"] + v["forandring_forrad"]
            + v["forandring_kortfristiga_fordringar"] + v["forandring_kortfristiga_skulder"])
        v["kassaflode_investeringsverksamhet"] = v["investering_inventarier"]
        v["arets_kassaflode"] = (v["kassaflode_lopande_verksamhet"] + v["kassaflode_investeringsverksamhet"]
                                 + v["kassaflode_finansieringsverksamhet"])
        v["likvida_medel_vid_arets_borjan"] = ib
        v["likvida_medel_vid_arets_slut"] = ib + v["arets_kassaflode"]
        ib = v["likvida_medel_vid_arets_slut"]
        cols.append(v)
    previous, current = cols
    if plant:
        current[plant[0]] += plant[1]
    for k in current:
        out[k] = (current[k], previous[k])
    return out


# The order of a statement's lines; "#…" is a group heading (no figures).
MODERN = ["#Den löpande verksamheten", "arets_resultat", "justering_ej_likviditetspaverkande",
          "justering_avsattningar", "medel_fore_forandring_rorelsekapital", "forandring_forrad",
          "forandring_kortfristiga_fordringar", "forandring_kortfristiga_skulder",
          "kassaflode_lopande_verksamhet", "#Investeringsverksamheten", "investering_inventarier",
          "kassaflode_investeringsverksamhet", "#Finansieringsverksamheten",
          "kassaflode_finansieringsverksamhet", "arets_kassaflode", "likvida_medel_vid_arets_borjan",
          "likvida_medel_vid_arets_slut"]
MUNICIPAL = ["arets_resultat", "justering_ej_likviditetspaverkande", "justering_avsattningar",
             "medel_fore_forandring_rorelsekapital", "#Betalningsflöde", "forandring_forrad",
             "forandring_kortfristiga_fordringar", "forandring_kortfristiga_skulder",
             "kassaflode_lopande_verksamhet", "investering_inventarier", "arets_kassaflode",
             "likvida_medel_vid_arets_borjan", "likvida_medel_vid_arets_slut"]

KRONOR = {"arets_resultat": (-211200, 144110), "justering_ej_likviditetspaverkande": (18400, 18400),
          "justering_avsattningar": (12500, -4300), "forandring_forrad": (-2150, 980),
          "forandring_kortfristiga_fordringar": (45300, -12750),
          "forandring_kortfristiga_skulder": (-28900, 33120), "investering_inventarier": (-36800, 0),
          "kassaflode_finansieringsverksamhet": (-15000, 20000)}
TKR = {"arets_resultat": (193, -134), "justering_ej_likviditetspaverkande": (12, 10),
       "justering_avsattningar": (8, -3), "forandring_forrad": (-4, 2),
       "forandring_kortfristiga_fordringar": (-148, 61), "forandring_kortfristiga_skulder": (96, -35),
       "investering_inventarier": (-30, -18), "kassaflode_finansieringsverksamhet": (25, -40)}


def statement(heading: str, unit: str, year: int, order: list[str], labels: dict[str, str],
              plant: tuple[str, int] | None = None, top: bool = False) -> Table:
    """A cash-flow table of the lines of ``order`` that ``labels`` words, consistent."""
    keys = {k for k in order if k in labels}
    base = TKR if "tkr" in unit else KRONOR
    ib = 2017 if "tkr" in unit else 1222340
    figs = figures(base, ib, keys, plant)
    rows = []
    for k in order:
        if k.startswith("#"):
            rows.append(("", k[1:], None, None))
        elif k in keys:
            cur, prev = figs[k]
            rows.append((k, labels[k], cur, prev))
    return Table(KF, heading, unit, year, rows, top=top)


# --- born-digital: every wording once --------------------------------------------------------

HEADINGS = ["Kassaflödesanalys", "Finansieringsanalys", "Kassaflödesrapport",
            "Kassaflödesanalys/Finansieringsanalys", "8 FINANSIERINGSANALYS",
            "Kassaflödesanalys för perioden"]


def wrapped(label: str, width: int = 48) -> str:
    """A label too long for the label column wrapped onto two lines, as reports print it."""
    if len(label) <= width + 4:
        return label
    cut = label.rfind(" ", 0, width)
    return label[:cut] + "\n" + label[cut + 1:]


def every_wording_docs() -> list[Doc]:
    """One document per wording index: the n-th wording of each key (as many documents as
    the key with the most wordings has), alternating the shapes, units, fonts and minus."""
    words = wordings()
    docs = []
    for n in range(max(len(v) for v in words.values())):
        labels = {k: wrapped(v[n % len(v)]) for k, v in words.items()}
        modern = n % 2 == 0
        if not modern:  # one investment line without the group's subtotal
            labels.pop("kassaflode_investeringsverksamhet", None)
            labels.pop("kassaflode_finansieringsverksamhet", None)
        unit = "Belopp i tkr" if n % 3 else "Belopp i kronor"
        table = statement(HEADINGS[n % len(HEADINGS)], unit, 2010 + n % 8,
                          MODERN if modern else MUNICIPAL, labels)
        docs.append(Doc(f"W{n}", "sans" if n % 2 else "serif", ["−", "-", "()"][n % 3], n % 4 == 1,
                        [Page([table])]))
    return docs


def keyed(result) -> dict[str, tuple[str, str]]:
    """Each cash-flow row's key -> (label, how keyed)."""
    return {r.line_key: (r.label, r.key_match) for st in result.statements.values()
            if st.statement == KF for r in st.rows}


@pytest.mark.parametrize("doc", every_wording_docs(), ids=lambda d: d.name)
def test_every_wording_is_keyed_and_read_born_digital(tmp_path, doc):
    pdf = draw(doc, tmp_path / f"{doc.name}.pdf")
    result = read_born_digital(pdf)
    want = {key for key, *_ in doc.pages[0].tables[0].rows if key}
    assert set(keyed(result)) == want, keyed(result)
    assert amounts_not_read(result, truth(doc)) == {}
    assert error_findings(tmp_path, result) == []


# --- hard scans -------------------------------------------------------------------------------

# A: modern kassaflödesanalys, tkr, sans, "−", ruled; long labels wrapped (figures on the last
# line); every group with its subtotal.
LABELS_A = {
    "arets_resultat": "Årets resultat",
    "justering_ej_likviditetspaverkande": "Justering för ej likviditetspåverkande\nposter",
    "medel_fore_forandring_rorelsekapital": "Kassaflöde från den löpande verksamheten före\n"
                                            "förändring av rörelsekapital",
    "forandring_kortfristiga_fordringar": "Ökning/minskning kortfristiga fordringar",
    "forandring_kortfristiga_skulder": "Ökning/minskning kortfristiga skulder",
    "kassaflode_lopande_verksamhet": "Kassaflöde från den löpande verksamheten",
    "investering_inventarier": "Investeringar i materiella anläggningstillgångar",
    "kassaflode_investeringsverksamhet": "Kassaflöde från investeringsverksamheten",
    "kassaflode_finansieringsverksamhet": "Kassaflöde från finansieringsverksamheten",
    "arets_kassaflode": "Årets kassaflöde",
    "likvida_medel_vid_arets_borjan": "Likvida medel vid årets början",
    "likvida_medel_vid_arets_slut": "Likvida medel vid årets slut"}
KF_A = statement("Kassaflödesanalys", "Belopp i tkr", 2015, MODERN, LABELS_A)
# B: municipal finansieringsanalys, kronor, serif, parentheses, unruled; sign legends.
KF_B = statement("FINANSIERINGSANALYS", "Belopp i kronor", 2009, MUNICIPAL, {
    "arets_resultat": "Årets resultat",
    "justering_ej_likviditetspaverkande": "Justering för avskrivningar",
    "justering_avsattningar": "Justering för gjorda avsättningar",
    "medel_fore_forandring_rorelsekapital": "Medel från verksamheten före förändring\nav rörelsekapital",
    "forandring_kortfristiga_fordringar": "Ökning (−)/minskning (+) kortfristiga fordringar",
    "forandring_kortfristiga_skulder": "Ökning (+)/minskning (−) kortfristiga skulder",
    "kassaflode_lopande_verksamhet": "Medel från den löpande verksamheten",
    "investering_inventarier": "Investering i inventarier",
    "arets_kassaflode": "Förändring av likvida medel",
    "likvida_medel_vid_arets_borjan": "Likvida medel vid årets början",
    "likvida_medel_vid_arets_slut": "Likvida medel vid årets slut"})
# C: finansieringsanalys under "Betalningsflöde", tkr, sans, "-", labels wrapped with their
# figures on the first line (top-aligned cells).
KF_C = statement("Finansieringsanalys", "Belopp i tkr", 2011, MUNICIPAL, {
    "arets_resultat": "Årets resultat",
    "justering_ej_likviditetspaverkande": "Justering för ej likviditets-\npåverkande poster",
    "justering_avsattningar": "Justering för gjorda avsättningar",
    "medel_fore_forandring_rorelsekapital": "Medel från verksamheten före\nförändrat rörelsekapital",
    "forandring_forrad": "– Ökning/+minskning förråd",
    "forandring_kortfristiga_fordringar": "Förändring av fordringar",
    "forandring_kortfristiga_skulder": "– Ökning/+minskning kortfristiga skulder",
    "kassaflode_lopande_verksamhet": "Medel från den löpande verksamheten",
    "investering_inventarier": "Förvärv av inventarier",
    "arets_kassaflode": "Årets kassaflöde",
    "likvida_medel_vid_arets_borjan": "Likvida medel vid årets ingång",
    "likvida_medel_vid_arets_slut": "Likvida medel vid årets utgång"}, top=True)
# D: a kassaflödesrapport in kronor, serif, "−": "… före förändringar av …", förråd,
# "Förändring av kortfristiga …", the finance group, "Ingående/Utgående likvida medel".
KF_D = statement("Kassaflödesrapport", "Belopp i kronor", 2016, MODERN, {
    "arets_resultat": "Årets resultat enligt resultaträkningen",
    "justering_ej_likviditetspaverkande": "Justering för poster som inte ingår i kassaflödet",
    "medel_fore_forandring_rorelsekapital": "Medel från verksamheten före förändringar av\n"
                                            "rörelsekapital",
    "forandring_forrad": "Förändring av förråd",
    "forandring_kortfristiga_fordringar": "Förändring av kortfristiga fordringar",
    "forandring_kortfristiga_skulder": "Förändring av kortfristiga skulder",
    "kassaflode_lopande_verksamhet": "Medel från den löpande verksamheten efter förändring av\n"
                                     "rörelsekapital",
    "investering_inventarier": "Inköp av inventarier",
    "kassaflode_investeringsverksamhet": "Medel från investeringsverksamheten",
    "kassaflode_finansieringsverksamhet": "Medel från finansieringsverksamheten",
    "arets_kassaflode": "Förändring av likvida medel",
    "likvida_medel_vid_arets_borjan": "Ingående likvida medel",
    "likvida_medel_vid_arets_slut": "Utgående likvida medel"})


# E: the lexicon's wordings with slashes, hyphens, commas and numbers in the label ("Årets
# över-/underskott", "Kortfristiga fordringar, ökning/minskning", "Likvida medel 31
# december"), tkr, serif, a hyphen for minus, ruled.
KF_E = statement("Kassaflödesanalys/Finansieringsanalys", "Belopp i tkr", 2013, MODERN, {
    "arets_resultat": "Årets över-/underskott",
    "justering_ej_likviditetspaverkande": "Justering för av- och nedskrivningar",
    "justering_avsattningar": "Ökning/minskning av avsättningar",
    "medel_fore_forandring_rorelsekapital": "Kassaflöde före förändringar av rörelsekapital",
    "forandring_forrad": "Förråd, ökning/minskning",
    "forandring_kortfristiga_fordringar": "Kortfristiga fordringar, ökning/minskning",
    "forandring_kortfristiga_skulder": "Kortfristiga skulder, minskning/ökning",
    "kassaflode_lopande_verksamhet": "Kassaflöde för den löpande verksamheten",
    "investering_inventarier": "Förvärv av materiella anläggningstillgångar",
    "kassaflode_investeringsverksamhet": "Kassaflöde för investeringsverksamheten",
    "kassaflode_finansieringsverksamhet": "Kassaflöde för finansieringsverksamheten",
    "arets_kassaflode": "Ökning/minskning av likvida medel",
    "likvida_medel_vid_arets_borjan": "Likvida medel 1 januari",
    "likvida_medel_vid_arets_slut": "Likvida medel 31 december"})
# F: the short and the abbreviated wordings ("Likvida medel IB/UB", "Periodens kassaflöde"),
# kronor in parentheses, sans, unruled, a wrapped label with its figures on the first line.
KF_F = statement("Kassaflödesanalys", "Belopp i kronor", 2014, MUNICIPAL, {
    "arets_resultat": "Resultat enligt resultaträkningen",
    "justering_ej_likviditetspaverkande": "Ej likviditetspåverkande poster",
    "justering_avsattningar": "Gjorda avsättningar",
    "medel_fore_forandring_rorelsekapital": "Kassaflöde från den löpande verksamheten\n"
                                            "före förändring av rörelsekapital",
    "forandring_forrad": "Minskning/ökning förråd",
    "forandring_kortfristiga_fordringar": "Minskning/ökning av fordringar",
    "forandring_kortfristiga_skulder": "Ökning/minskning av skulder",
    "kassaflode_lopande_verksamhet": "Kassaflöde från löpande verksamhet",
    "investering_inventarier": "Investeringar i inventarier",
    "arets_kassaflode": "Periodens kassaflöde",
    "likvida_medel_vid_arets_borjan": "Likvida medel IB",
    "likvida_medel_vid_arets_slut": "Likvida medel UB"}, top=True)


def head(year: int) -> list[tuple[float, str]]:
    """The lines above a statement: the förbund and the report's year (as its cover says)."""
    return [(15, "Samordningsförbundet Ravnsjö"), (11, f"Årsredovisning {year}")]


SCANNED = {
    "A": Doc("A", "sans", "−", True, [Page([KF_A], head(2015))]),
    "B": Doc("B", "serif", "()", False, [Page([KF_B], head(2009))]),
    "C": Doc("C", "sans", "-", False, [Page([KF_C], head(2011))]),
    "D": Doc("D", "serif", "−", False, [Page([KF_D], head(2016))]),
    "E": Doc("E", "serif", "-", True, [Page([KF_E], head(2013))]),
    "F": Doc("F", "sans", "()", False, [Page([KF_F], head(2014))]),
}
SEEDS = (3, 8)

# Of the amounts of each hard scan, at least this share is read right (the rest doubtful or
# missing; never wrong and sure). Today (seeds 3 and 8): A 21/24 and 24/24 (seed 3: a U+2212
# minus read "7", "−98" as "798", "−156" as "7156", and "−18" as "8": the sum rules doubt
# them), B 22/22 and 21/22 (seed 8: "33 120" read "331207", doubted), C 24/24 and 24/24,
# D 26/26 and 26/26, E 28/28 and 28/28, F 24/24 and 23/24 (seed 8: "(12 750)" read "(750",
# doubted): 291/296 in all.
MIN_RIGHT = {"A": 0.85, "B": 0.92, "C": 0.95, "D": 0.95, "E": 0.95, "F": 0.92}
# Of each scan's lines, at least this share keyed right (the same key for every wording).
# Today: every line of every scan (148/148; F-8's "Kassaflöde in den löpande verksamheten
# före …", "från" read "in", keyed loosely).
MIN_KEYED = {"A": 1.0, "B": 1.0, "C": 1.0, "D": 1.0, "E": 1.0, "F": 1.0}


@pytest.mark.parametrize("name", sorted(SCANNED))
def test_the_scanned_pages_read_fully_born_digital(tmp_path, name):
    doc = SCANNED[name]
    result = read_born_digital(draw(doc, tmp_path / f"{name}.pdf"))
    assert amounts_not_read(result, truth(doc)) == {}
    assert error_findings(tmp_path, result) == []


@pytest.fixture(scope="module", params=[(n, s) for n in sorted(SCANNED) for s in SEEDS],
                ids=lambda p: f"{p[0]}-{p[1]}")
def scanned(request, tmp_path_factory):
    name, seed = request.param
    tmp = tmp_path_factory.mktemp("cashflow-scans")
    return SCANNED[name], read_hard_scan(draw(SCANNED[name], tmp / f"{name}.pdf"), seed, tmp), tmp


def test_no_cash_flow_figure_of_a_hard_scan_is_wrong_and_sure(scanned):
    doc, result, _ = scanned
    want, got = truth(doc), _stored(result)
    wrong_sure, missed = misread(want, got)
    # A figure under a key it is not printed under, sure (an unkeyed row's slug is no key).
    wrong_key = [(k, g) for k, g in got.items() if k not in want and g[1] >= DOUBT
                 and g[2] != "unkeyed"]
    assert (wrong_sure, wrong_key) == ([], [])
    assert len(want) - len(missed) >= MIN_RIGHT[doc.name] * len(want), missed


def test_every_line_of_a_hard_scan_is_keyed_right(scanned):
    doc, result, _ = scanned
    want = {key for key, *_ in doc.pages[0].tables[0].rows if key}
    got = keyed(result)
    assert len(want & set(got)) >= MIN_KEYED[doc.name] * len(want), sorted(want - set(got))


def test_a_consistent_hard_scan_gets_no_error_finding(scanned):
    _, result, tmp = scanned
    assert error_findings(tmp, result) == []


# --- a planted break --------------------------------------------------------------------------

def findings(tmp: Path, result) -> list:
    from sqlalchemy.orm import Session

    from checks.store import run_checks
    from db.session import open_engine
    from db.store import store
    engine = open_engine(f"sqlite:///{tmp / 'p.db'}")
    with Session(engine) as session, session.begin():
        store(session, result)
    with Session(engine) as session, session.begin():
        found = [(f.rule, f.column, f.difference, f.outcome) for f in run_checks(session)]
    engine.dispose()
    return found


# Likvida medel vid årets slut printed 7 tkr too high: kf_likvida_medel breaks by 7 000 kr.
PLANTED = Doc("X", "sans", "−", True, [Page([statement(
    "Kassaflödesanalys", "Belopp i tkr", 2015, MODERN, LABELS_A,
    plant=("likvida_medel_vid_arets_slut", 7))], head(2015))])


def _planted_hit(found) -> list:
    return [f for f in found if f[0] == "kf_likvida_medel" and f[1] == "current"
            and abs(f[2]) == 7000 and f[3] != "pass"]


def test_a_planted_break_is_reported_with_its_difference_born_digital(tmp_path):
    result = read_born_digital(draw(PLANTED, tmp_path / "x.pdf"))
    found = findings(tmp_path, result)
    assert _planted_hit(found), found


@pytest.mark.parametrize("line, rule", [
    ("medel_fore_forandring_rorelsekapital", "kf_medel_fore_rorelsekapital"),
    ("kassaflode_lopande_verksamhet", "kf_lopande_verksamhet"),
    ("kassaflode_investeringsverksamhet", "kf_investeringsverksamhet"),
    ("arets_kassaflode", "kf_arets_kassaflode"),
    ("likvida_medel_vid_arets_borjan", "kf_likvida_medel"),
])
def test_a_break_planted_in_any_subtotal_is_reported_with_its_difference(tmp_path, line, rule):
    """Each identity of the statement, the groups' subtotals too: one figure 4 tkr off breaks
    the rule that sums it, by 4 000 kr (either way round), as an error."""
    doc = Doc("Y", "serif", "−", False, [Page([statement(
        "Kassaflödesanalys", "Belopp i tkr", 2015, MODERN, LABELS_A, plant=(line, 4))], head(2015))])
    found = findings(tmp_path, read_born_digital(draw(doc, tmp_path / "y.pdf")))
    assert [f for f in found if f[0] == rule and f[1] == "current" and abs(f[2]) == 4000
            and f[3] == "break"], [f for f in found if f[3] != "pass"]


# Seed 5 leaves the page ~2° askew and dark at its left edge: half the labels lose their
# first words (unkeyed, never keyed wrong); the break is still reported, uncertain (its
# figures doubtful), with its difference.
@pytest.mark.parametrize("seed", [SEEDS[0], 5])
def test_a_planted_break_is_reported_with_its_difference_on_a_hard_scan(tmp_path, seed):
    result = read_hard_scan(draw(PLANTED, tmp_path / "x.pdf"), seed, tmp_path)
    found = findings(tmp_path, result)
    assert _planted_hit(found), [f for f in found if f[3] != "pass"]
    # The break is the planted one alone: no other line is judged broken.
    assert [f for f in found if f[3] == "break" and f not in _planted_hit(found)] == []
    # and no figure is stored wrong and sure, the planted one as printed
    want, got = truth(PLANTED), _stored(result)
    wrong_sure, _ = misread(want, got)
    wrong_key = [(k, g) for k, g in got.items() if k not in want and g[1] >= DOUBT and g[2] != "unkeyed"]
    assert (wrong_sure, wrong_key) == ([], [])


def test_a_plant_changes_one_figure():
    plain = {r[0]: r[2] for r in KF_A.rows if r[0]}
    planted = {r[0]: r[2] for r in PLANTED.pages[0].tables[0].rows if r[0]}
    assert {k for k in plain if plain[k] != planted[k]} == {"likvida_medel_vid_arets_slut"}
    assert planted["likvida_medel_vid_arets_slut"] - plain["likvida_medel_vid_arets_slut"] == 7


def test_the_pages_use_every_variety_wording():
    drawn = {r[1].replace("\n", " ") for d in SCANNED.values() for r in d.pages[0].tables[0].rows}
    for label in ["Medel från verksamheten före förändring av rörelsekapital",
                  "Medel från verksamheten före förändringar av rörelsekapital",
                  "Medel från verksamheten före förändrat rörelsekapital",
                  "Ökning (−)/minskning (+) kortfristiga fordringar", "Förändring av fordringar",
                  "Betalningsflöde", "Årets kassaflöde", "Förändring av likvida medel",
                  "Likvida medel vid årets början", "Likvida medel vid årets slut"]:
        assert label in drawn
    assert any(lab.startswith("– Ökning/+minskning") for lab in drawn)
    assert any(lab.startswith("Justering för ej likviditets") for lab in drawn)



# --- word-level: each fix this test asked for -------------------------------------------------

@pytest.mark.parametrize("heading", ["FINANSIERINGSANALYS", "Kassaflödesanalys", "8 Finansieringsanalys"])
def test_a_speck_beside_a_heading_leaves_it_a_heading(heading):
    """A hard scan's speck far right of "FINANSIERINGSANALYS" (";" read at confidence 0, a
    cell without a figure) made a table row of the heading: the statement was lost whole."""
    from dataclasses import replace as copy

    from core.lexicon import load_lexicon
    from core.types import Cell
    from parsers.sections import heading_of
    from tests.words import lines, text_line, words
    (line,) = lines(text_line(100, heading, x=55) + words(100, (";", 494)))
    speck = copy(next(w for w in line.words if w.text == ";"), confidence=0.0)
    line = copy(line, cells=[Cell([speck], None, 0.0)])
    head = heading_of(line, load_lexicon())
    assert head is not None and head.kind == KF
    # A printed figure beside it is a row, not a heading (born-digital or not).
    (row,) = lines(text_line(100, heading, x=55) + words(100, ("1 204", 494)))
    assert [c.value for c in row.cells] == [1204] and heading_of(row, load_lexicon()) is None


def test_a_wrapped_label_on_a_skewed_scan_is_one_row():
    """B-3: "Medel från verksamheten före förändring" / "av rörelsekapital  (180 300)  158 210"
    on a page a little askew: the second line's figures, far right, stand higher than its
    label and reach above the first line's bottom, so the two were not 'close' and the tail
    was stored alone, unkeyed ("av_rorelsekapital")."""
    from core.types import Word
    from parsers.rows import build_rows
    from tests.words import lines, text_line

    def raised(y: float, *items: tuple[str, float]) -> list[Word]:
        return [Word(t, x, x + 5 * len(t), y, y + 10) for t, x in items]
    got = build_rows(lines(text_line(188, "Medel från verksamheten före förändring", x=55),
                           text_line(198.4, "av rörelsekapital", x=55)
                           + raised(196.3, ("(180", 395), ("300)", 419))
                           + raised(195.6, ("158", 493), ("210", 512))))
    assert [(r.label, [c.value for c in r.cells]) for r in got] == [
        ("Medel från verksamheten före förändring av rörelsekapital", [-180300, 158210])]


@pytest.mark.parametrize("texts, value", [
    (["(28900"], -28900), (["(28", "900"], -28900), (["28", "900)"], -28900), (["28900)"], -28900),
    (["(3"], None), (["(12"], None),  # a note reference that lost its ")" is no amount
    (["(28", "900)"], -28900)])
def test_an_amount_that_lost_one_of_its_parentheses_is_read_doubtful(texts, value):
    """B-8: "(28 900)" read "(28900" (the ")" lost): no amount, the figure lost. Read as the
    negative it was printed, doubtful (the parenthesis is a guess); a pair read whole stays
    sure."""
    from core.types import Word
    from parsers.layout import make_cell
    x, words = 400.0, []
    for t in texts:
        words.append(Word(t, x, x + 5 * len(t), 100, 110, confidence=0.95))
        x += 5 * len(t) + 3
    cell = make_cell(words)
    assert cell.value == value
    if value is not None:
        balanced = "".join(texts).count("(") == "".join(texts).count(")")
        assert (cell.confidence >= DOUBT) == balanced


@pytest.mark.parametrize("label, key", [
    ("Kassaflöde in den löpande verksamheten före förändring av rörelsekapital",
     "medel_fore_forandring_rorelsekapital"),  # F-8: "från" read "in"
    ("Medel från verksamheten fire förändring av rörelsekapital", "medel_fore_forandring_rorelsekapital"),
    ("Justering fr ej likviditetspåverkande poster", "justering_ej_likviditetspaverkande"),
])
def test_a_long_label_with_one_short_word_misread_is_keyed_loosely(label, key):
    """A long cash-flow label whose one short word OCR read as another was unkeyed: its key,
    loosely (its amounts doubtful: the word may have been another)."""
    from core.lexicon import load_lexicon
    hit = load_lexicon().statement_match(KF, label)
    assert hit is not None and hit.key == key
    assert DIGITAL.tables.key_confidence(hit.key_match) < DOUBT


@pytest.mark.parametrize("label", [
    "Medel från den löpande verksamheten in förändring av rörelsekapital",  # före or efter?
    "Årets in",  # too short to tell
])
def test_a_short_word_that_tells_keys_apart_is_never_guessed(label):
    from core.lexicon import load_lexicon
    assert load_lexicon().statement_match(KF, label) is None
