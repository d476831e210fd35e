"""Every name form of ../shared/VARIETY.md in every place a report prints its name (cover,
running header, the first pages' text, the signature page), in plain, capital and
letter-spaced type, whole or broken over two lines; made-up places the register does not
know, so each must be found by its form and stored under its printed name. Also every
organisationsnummer label and the year forms of a cover or first page."""

from __future__ import annotations

import itertools

import pytest

from core.lexicon import fold, load_lexicon
from core.types import Page
from parsers.classify import classify
from tests.test_classify import _doc, _line, _spaced

LEX = load_lexicon()
PAGES = 8

# Places no register entry holds: a town, a region, a county, kommun lists joined every way.
PLACES = ["Ravnsjö", "Norra Ravnsjö", "Ravnsjös län", "Ravnsjö, Tallbo och Kvarnby",
          "Ravnsjö och Tallbo", "Ravnsjö Tallbo Kvarnby", "Ravnsjö/Tallbo", "Ravnsjö-Tallbo",
          "Ravnsjö–Tallbo", "Ravnsjö - Tallbo", "Ravnsjö, Tallbo, Kvarnby", "Ravnsjö & Tallbo"]
# (form, what is stored): x the place, g its genitive; "b" the brand beside it.
FORMS = [
    ("Samordningsförbundet {x}", "x"),
    ("Samordningsförbund {x}", "x"),
    ("Samordningsförbundet i {x}", "x"),
    ("{g} samordningsförbund", "x"),
    ("{g} Samordningsförbund", "x"),
    ("Finsam {x}", "Finsam x"),
    ("FINSAM {x}", "Finsam x"),
    ("Samordningsförbundet Finsam {x}", "Finsam x"),
    ("Samverkansförbundet {x}, Finsam", "Finsam x"),
    ("Samordningsförbundet {x}, SAMRA", "x"),
    ("Samordningsförbundet {x} (SAMRA)", "x"),
    ("Samordningsförbundet {x} kommun", "x"),
    ("Samordningsförbundet i {x} i Kvarnby län", "x"),
]
PLACEMENTS = ["cover", "header", "text", "signature"]


def _genitive(x: str) -> str:
    return x if x.endswith("s") else f"{x}s"


def _report(name: str, place: str, case: str = "plain") -> list:
    """A report printing ``name`` in one place only (a capital or letter-spaced cover with
    the name in mixed case in its text, as reports print it)."""
    shown = name.upper() if case == "upper" else name
    lines = []
    if place == "cover":
        lines.append(_spaced(1, 200, name.upper()) if case == "spaced" else _line(1, 200, shown, 24))
    lines.append(_line(1, 400, "Årsredovisning 2019", 24))
    for p in range(2, PAGES + 1):
        lines += [_line(p, 100, "Förvaltningsberättelse"),
                  _line(p, 120, "Förbundet har arbetat med insatser under året.")]
    if place == "text" or case != "plain":
        lines.append(_line(2, 140, f"{name} är ett finansiellt samordningsförbund enligt lagen."))
    if place == "signature":
        lines += [_line(PAGES, 300, name), _line(PAGES, 400, "Ordförande Anna Andersson")]
    margin = [_line(p, 800, f"{name} · Årsredovisning 2019", 8)
              for p in range(1, PAGES + 1)] if place == "header" else []
    pages = [Page(p, 595, 842, [w for ln in lines + margin if ln.page == p for w in ln.words])
             for p in range(1, PAGES + 1)]
    return [lines, pages]


def _cases():
    for x, (form, stored), place in itertools.product(PLACES, FORMS, PLACEMENTS):
        if ("{g}" in form or "t i " in form) and x not in ("Ravnsjö", "Norra Ravnsjö"):
            continue  # "Ravnsjö, Tallbo och Kvarnbys samordningsförbund" is not in use
        cases = ["plain", "upper", "spaced"] if place == "cover" else ["plain"]
        for case in cases:
            yield pytest.param(form.format(x=x, g=_genitive(x)), stored.replace("x", x), place,
                               case, id=f"{place}-{case}-{form}-{x}")


@pytest.mark.parametrize(("printed", "stored", "place", "case"), list(_cases()))
def test_every_form_in_every_place(printed, stored, place, case):
    lines, pages = _report(printed, place, case)
    cls = classify(lines, LEX, pages)
    assert fold(cls.organisation or "") == fold(stored), cls.organisation
    assert cls.register_name is None


# A name broken over two lines (cover, header, text or signature page).
BROKEN = [
    (["Samordningsförbundet", "Ravnsjö"], "Ravnsjö"),
    (["Samordningsförbundet i", "Ravnsjö"], "Ravnsjö"),
    (["SAMORDNINGSFÖRBUNDET", "RAVNSJÖ"], "Ravnsjö"),
    (["Samordningsförbundet Ravnsjö,", "Tallbo och Kvarnby"], "Ravnsjö, Tallbo och Kvarnby"),
    (["Samordningsförbundet Ravnsjö, Tallbo och", "Kvarnby"], "Ravnsjö, Tallbo och Kvarnby"),
    (["Samordningsförbundet Ravnsjö/", "Tallbo"], "Ravnsjö/Tallbo"),
    (["Ravnsjös", "samordningsförbund"], "Ravnsjö"),
    (["Norra Ravnsjös", "Samordningsförbund"], "Norra Ravnsjö"),
    (["Finsam", "Ravnsjö"], "Finsam Ravnsjö"),
    (["FINSAM", "RAVNSJÖ"], "Finsam Ravnsjö"),
]


def _two_lines(names: list[str], place: str):
    lines = [_line(1, 400, "Årsredovisning 2019", 24)]
    for p in range(2, PAGES + 1):
        lines.append(_line(p, 100, "Förvaltningsberättelse"))
    at = {"cover": (1, 200, 24), "text": (2, 140, 10), "signature": (PAGES, 300, 10)}
    margin = []
    if place == "header":
        margin = [_line(p, 20 + 10 * i, t, 8) for p in range(1, PAGES + 1)
                  for i, t in enumerate(names)]
    else:
        page, y, size = at[place]
        lines += [_line(page, y + 1.3 * size * i, t, size) for i, t in enumerate(names)]
    pages = [Page(p, 595, 842, [w for ln in lines + margin if ln.page == p for w in ln.words])
             for p in range(1, PAGES + 1)]
    return classify(lines, LEX, pages)


@pytest.mark.parametrize("place", PLACEMENTS)
@pytest.mark.parametrize(("names", "stored"), BROKEN)
def test_a_name_broken_over_two_lines(names, stored, place):
    assert fold(_two_lines(names, place).organisation or "") == fold(stored)


@pytest.mark.parametrize("prose", [
    ["Förbundet samverkar med Samordningsförbundet Ravnsjö och", "Arbetsförmedlingen har bidragit."],
    ["Lagen om Finsam", "Arbetsförmedlingen och kommunerna samverkar."],
])
def test_prose_broken_after_a_name_does_not_run_into_the_next_line(prose):
    cls = classify(_doc(["Samordningsförbundet Tallbo", "Årsredovisning 2019"], prose), LEX)
    assert cls.organisation == "Tallbo"


@pytest.mark.parametrize("label", ["Organisationsnummer", "Organisationsnummer:", "Organisationsnr",
                                   "Org. nr", "Org.nr", "Org nr", "Org nr:", "Orgnr"])
@pytest.mark.parametrize("number", ["222000-4411", "222000 4411", "222000–4411", "2220004411"])
def test_every_orgnr_label_and_spelling(label, number):
    cls = classify(_doc(["Samordningsförbundet Ravnsjö", "Årsredovisning 2019"],
                        [f"{label} {number}"]), LEX)
    assert cls.orgnr == "222000-4411"


@pytest.mark.parametrize(("cover", "body", "year", "source"), [
    (["Årsredovisning 2016"], [], 2016, "title"),
    (["Årsredovisning", "Verksamhetsåret 2016"], [], 2016, "title"),
    (["Årsredovisning för verksamhetsåret 2016"], [], 2016, "title"),
    (["ÅRSREDOVISNING", "2016"], [], 2016, "title"),
    (["Årsredovisning"], ["Räkenskapsår 2016-01-01 – 2016-12-31"], 2016, "period"),
    (["Årsredovisning"], ["Räkenskapsåret 2016", "Förbundet bildades 2009, 2009 och 2010."],
     2016, "period"),
    (["Årsredovisning"], ["Avser perioden 2016-01-01--2016-12-31", "Bildat 2009, 2009 och 2010."],
     2016, "period"),
])
def test_year_forms(cover, body, year, source):
    cls = classify(_doc(["Samordningsförbundet Ravnsjö", *cover], body), LEX)
    assert (cls.fiscal_year, cls.year_source) == (year, source)
