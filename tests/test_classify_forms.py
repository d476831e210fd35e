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


# County genitives, brands beside or instead of the place, two places joined: every
# placement and case of the helpers above.
COUNTY_BRAND = [
    ("Samordningsförbundet i Ravnsjös län", "Ravnsjös län"),
    ("Samordningsförbund i Ravnsjös län", "Ravnsjös län"),
    ("Ravnsjös läns samordningsförbund", "Ravnsjös län"),
    ("Norra Ravnsjös läns Samordningsförbund", "Norra Ravnsjös län"),
    # The brand and the noun in one word.
    ("Finsamförbundet i Ravnsjös län", "Ravnsjös län"),
    ("Finsamförbundet Ravnsjö", "Ravnsjö"),
    # The county after "Finsam i" is the name, not the county a name lies in.
    ("Finsam i Ravnsjös län", "Finsam i Ravnsjös län"),
    ("SAMRA – samordningsförbundet i Ravnsjö", "Ravnsjö"),
    ("SAMRA – Samordningsförbundet i Ravnsjös län", "Ravnsjös län"),
    ("Samordningsförbundet Ravnsjö – SAMRA", "Ravnsjö"),
    ("SAMRA – Ravnsjös läns samordningsförbund", "Ravnsjös län"),
    ("SAMRA – Ravnsjös samordningsförbund", "Ravnsjö"),
    ("Samordningsförbundet i Ravnsjös län (SAMRA)", "Ravnsjös län"),
    ("Samordningsförbundet i Ravnsjös län, SAMRA", "Ravnsjös län"),
    ("Samordningsförbundet SAMRA", "SAMRA"),
    # Two places: a hyphen, "och"; place first with and without the genitive's -s.
    ("Samordningsförbundet Ravnsjö-Tallbo", "Ravnsjö-Tallbo"),
    ("Ravnsjö-Tallbos samordningsförbund", "Ravnsjö-Tallbo"),
    ("Ravnsjö-Tallbo samordningsförbund", "Ravnsjö-Tallbo"),
    ("Ravnsjö–Tallbo Samordningsförbund", "Ravnsjö–Tallbo"),
    ("Samordningsförbundet Ravnsjö och Tallbo", "Ravnsjö och Tallbo"),
    ("Samordningsförbundet i Ravnsjö och Tallbo", "Ravnsjö och Tallbo"),
    # A place ending in -a: its genitive's -s goes ("Sjöhagas"), as a Västerås keeps its own.
    ("Sjöhagas samordningsförbund", "Sjöhaga"),
    ("Norra Sjöhagas samordningsförbund", "Norra Sjöhaga"),
    ("Ravnsjö/Sjöhagas samordningsförbund", "Ravnsjö/Sjöhaga"),
    ("Mönsterås samordningsförbund", "Mönsterås"),
]


def _county_brand_cases():
    for (printed, stored), place in itertools.product(COUNTY_BRAND, PLACEMENTS):
        for case in (["plain", "upper", "spaced"] if place == "cover" else ["plain"]):
            yield pytest.param(printed, stored, place, case, id=f"{place}-{case}-{printed}")


@pytest.mark.parametrize(("printed", "stored", "place", "case"), list(_county_brand_cases()))
def test_county_brand_and_two_place_forms_in_every_place(printed, stored, place, case):
    lines, pages = _report(printed, place, case)
    cls = classify(lines, LEX, pages)
    assert fold(cls.organisation or "") == fold(stored), cls.organisation


@pytest.mark.parametrize("place", PLACEMENTS)
@pytest.mark.parametrize(("names", "stored"), [
    (["Ravnsjös", "läns samordningsförbund"], "Ravnsjös län"),
    (["Samordningsförbundet i", "Ravnsjös län"], "Ravnsjös län"),
    (["SAMORDNINGSFÖRBUNDET", "I RAVNSJÖS LÄN"], "Ravnsjös län"),
    (["Finsamförbundet i", "Ravnsjös län"], "Ravnsjös län"),
    (["FINSAMFÖRBUNDET I", "RAVNSJÖS LÄN"], "Ravnsjös län"),
    (["SAMRA –", "samordningsförbundet i Ravnsjö"], "Ravnsjö"),
    (["Samordningsförbundet Ravnsjö", "och Tallbo"], "Ravnsjö och Tallbo"),
    (["Samordningsförbundet Ravnsjö-", "Tallbo"], "Ravnsjö-Tallbo"),
    (["Ravnsjö och Tallbos", "samordningsförbund"], "Ravnsjö och Tallbo"),
    (["Ravnsjö-Tallbo", "samordningsförbund"], "Ravnsjö-Tallbo"),
    (["RAVNSJÖS LÄN", "SAMORDNINGSFÖRBUND"], "Ravnsjös län"),
])
def test_county_and_two_place_names_broken_over_two_lines(names, stored, place):
    assert fold(_two_lines(names, place).organisation or "") == fold(stored)


@pytest.mark.parametrize("lines", [
    # A sentence's opening word before the noun, the line ending there (wrapped prose).
    ["Förbundet har arbetat med fyra insatser.", "Detta samordningsförbund"],
    ["Lagen gäller sedan 2004. Varje samordningsförbund", "ska upprätta en årsredovisning."],
    ["Kontakt: Anna Svensson samordningsförbund"],
])
def test_one_word_before_a_lower_case_noun_at_a_line_end_names_no_forbund(lines):
    # No name is printed: nothing may be stored.
    cls = classify(_doc(["Årsredovisning 2019"], lines), LEX)
    assert cls.organisation is None, cls.organisation


@pytest.mark.parametrize("prose", [
    "Detta samordningsförbund har arbetat med insatser.",
    "Ett samordningsförbund bildas av kommunerna.",
    # The next line opens with "och" but runs on as prose: no name of it.
    "Samordningsförbundet Tallbo",
])
def test_prose_before_an_indefinite_noun_names_no_forbund(prose):
    body = [prose, "och Arbetsförmedlingen har bidragit med medel."]
    cls = classify(_doc(["Samordningsförbundet Ravnsjö", "Årsredovisning 2019"], body), LEX)
    assert cls.organisation == "Ravnsjö"


@pytest.mark.parametrize("second", ["och Försäkringskassan.", "och Region Tallbo",
                                    "och Arbetsförmedlingen"])
@pytest.mark.parametrize("first", ["Samverkan mellan Samordningsförbundet Ravnsjö",
                                   "Samordningsförbundet Ravnsjö"])
def test_a_party_after_the_name_on_the_next_line_is_no_part_of_it(first, second):
    # "… mellan Samordningsförbundet Ravnsjö" / "och Försäkringskassan": the förbund and
    # another party (was stored 'Ravnsjö och Försäkringskassan', over the cover's name).
    cls = classify(_doc(["Samordningsförbundet Ravnsjö", "Årsredovisning 2019"], [first, second]), LEX)
    assert cls.organisation == "Ravnsjö"


@pytest.mark.parametrize("lines", [
    ["Avtal mellan Försäkringskassan och Ravnsjös läns samordningsförbund gäller."],
    ["Avtal mellan Försäkringskassan och Ravnsjös", "läns samordningsförbund gäller."],
    ["Arbetsförmedlingen och Ravnsjös läns samordningsförbund har ett avtal."],
])
def test_an_agency_before_a_genitive_name_is_no_part_of_it(lines):
    # Was stored 'Försäkringskassan och Ravnsjös län': an agency is never a förbund's name.
    assert classify(_doc(["Årsredovisning 2019"], lines), LEX).organisation == "Ravnsjös län"


@pytest.mark.parametrize("cover", ["SAMORDNINGSFÖRBUNDET RAVNSJÖ – TALLBO",
                                   "SAMORDNINGSFÖRBUNDET RAVNSJÖ - TALLBO"])
@pytest.mark.parametrize("neighbour", ["Tallbo", "Ravnsjö"])
def test_a_capital_two_place_cover_is_not_cut_to_a_neighbour_the_text_names(cover, neighbour):
    # A dash in capitals parts a brand from the name only when the part left out is an
    # acronym of it ("RAVNSJÖ – SAMRA"); was stored 'Tallbo' or 'Ravnsjö', the neighbour
    # the text names.
    body = [f"Förbundet samarbetar med Samordningsförbundet {neighbour}."]
    cls = classify(_doc([cover, "Årsredovisning 2019"], body), LEX)
    assert fold(cls.organisation or "") == fold(cover.split(" ", 1)[1])


@pytest.mark.parametrize(("first", "second", "stored"), [
    ("Årsredovisning 2019 för Ravnsjös", "läns samordningsförbund överlämnas till fullmäktige.",
     "Ravnsjös län"),
    ("Årsredovisning 2019 för Norra Ravnsjös", "läns samordningsförbund överlämnas.",
     "Norra Ravnsjös län"),
])
def test_a_county_genitive_wrapped_in_running_text(first, second, stored):
    # The only printing of the name: a cover letter's sentence wrapped before "läns".
    lines = _doc(["Årsredovisning 2019"], [first, second])
    assert classify(lines, LEX).organisation == stored


def _placed(cover: str | None = None, header: str | None = None, sig: str | None = None,
            case: str = "plain", letter: bool = False, orgnr: str | None = None):
    """A report printing one form on its cover, another in its running header and another
    on its signature page; ``letter``: a member kommun's cover letter in front, with the
    kommun's and the region's organisationsnummer."""
    lines, first = [], 2 if letter else 1
    if letter:
        lines += [_line(1, 100, "Tallbo kommun", 14), _line(1, 130, "Org nr 212000-1234"),
                  _line(1, 150, "Region Kvarnby Organisationsnummer 232100-0001"),
                  _line(1, 190, "Årsredovisning för förbundet överlämnas till fullmäktige.")]
    if cover:
        shown = cover.upper() if case == "upper" else cover
        lines.append(_spaced(first, 200, cover.upper()) if case == "spaced"
                     else _line(first, 200, shown, 24))
    lines.append(_line(first, 400, "Årsredovisning 2019", 24))
    for p in range(first + 1, PAGES + 1):
        lines += [_line(p, 100, "Förvaltningsberättelse"),
                  _line(p, 120, "Förbundet har arbetat med insatser under året.")]
    if orgnr:
        lines.append(_line(first + 1, 160, f"Organisationsnummer {orgnr}"))
    if sig:
        lines += [_line(PAGES, 300, sig), _line(PAGES, 400, "Ordförande Anna Andersson")]
    margin = [_line(p, 800, f"{header} · Årsredovisning 2019", 8)
              for p in range(first, PAGES + 1)] if header else []
    pages = [Page(p, 595, 842, [w for ln in lines + margin if ln.page == p for w in ln.words])
             for p in range(1, PAGES + 1)]
    return classify(lines, LEX, pages)


@pytest.mark.parametrize("case", ["plain", "upper", "spaced"])
@pytest.mark.parametrize(("placed", "stored"), [
    # A brand alone on the cover; the formal name only in the running header or signature.
    ({"cover": "SAMRA", "header": "Samordningsförbundet i Ravnsjös län"}, "Ravnsjös län"),
    ({"cover": "SAMRA", "sig": "Samordningsförbundet i Ravnsjös län"}, "Ravnsjös län"),
    ({"cover": "SAMRA", "header": "Ravnsjös läns samordningsförbund"}, "Ravnsjös län"),
    ({"cover": "Kompassen", "sig": "Finsamförbundet i Ravnsjös län"}, "Ravnsjös län"),
    ({"cover": "SAMRA – samordningsförbundet i Ravnsjö", "header": "SAMRA"}, "Ravnsjö"),
    ({"cover": "Samordningsförbundet Ravnsjö (SAMRA)", "header": "SAMRA"}, "Ravnsjö"),
    ({"cover": "Samordningsförbundet Ravnsjö-Tallbo",
      "header": "Ravnsjö-Tallbos samordningsförbund"}, "Ravnsjö-Tallbo"),
    ({"cover": "Hallabys läns samordningsförbund",
      "sig": "Samordningsförbundet i Hallabys län"}, "Hallabys län"),
])
def test_a_brand_on_the_cover_and_the_formal_name_elsewhere(placed, stored, case):
    assert fold(_placed(**placed, case=case).organisation or "") == fold(stored)


@pytest.mark.parametrize("cover", ["Samordningsförbundet i Ravnsjös län",
                                   "Ravnsjös läns samordningsförbund",
                                   "SAMRA – samordningsförbundet i Ravnsjö",
                                   "Ravnsjö-Tallbo samordningsförbund"])
def test_a_members_cover_letter_gives_no_orgnr(cover):
    # The kommun's (212000-) and the region's (232100-) numbers are never the förbund's.
    cls = _placed(cover=cover, letter=True)
    assert cls.orgnr is None and cls.organisation is not None
    cls = _placed(cover=cover, letter=True, orgnr="222000-4411")
    assert cls.orgnr == "222000-4411"
    assert fold(cls.organisation or "") == fold(_placed(cover=cover).organisation or "")


@pytest.mark.parametrize("where", ["cover", "text", "signature", "footer"])
@pytest.mark.parametrize("printed", ["ORG NR 222000-4411", "ORGANISATIONSNUMMER 222000 4411",
                                     "Samordningsförbundet Ravnsjö, org nr 222000–4411"])
def test_the_forbunds_orgnr_anywhere_behind_a_members_cover_letter(where, printed):
    # The member kommun's and region's numbers on the letter in front are never taken.
    lines = [_line(1, 100, "Tallbo kommun", 14), _line(1, 130, "Organisationsnummer 212000-1234"),
             _line(1, 150, "Region Kvarnby org.nr 232100-0001"),
             _line(2, 200, "Samordningsförbundet Ravnsjö", 24), _line(2, 300, "Årsredovisning 2019", 28)]
    lines += [_line(p, 100, "Förvaltningsberättelse") for p in range(3, PAGES + 1)]
    at = {"cover": (2, 780, 9), "text": (3, 140, 10), "signature": (PAGES, 300, 10)}
    margin = [_line(p, 820, f"{printed} · Sida {p}", 8) for p in range(2, PAGES + 1)] \
        if where == "footer" else []
    if where in at:
        page, y, size = at[where]
        lines.append(_line(page, y, printed, size))
    pages = [Page(p, 595, 842, [w for ln in lines + margin if ln.page == p for w in ln.words])
             for p in range(1, PAGES + 1)]
    cls = classify(lines, LEX, pages)
    assert (cls.orgnr, cls.organisation) == ("222000-4411", "Ravnsjö")


TITLES = [("Årsberättelse med bokslut 2012", "arsredovisning", 2012),
          ("Årsredovisning/Årsberättelse 2010", "arsredovisning", 2010),
          ("ÅRSREDOVISNING AVSEENDE 2007 ÅRS VERKSAMHET", "arsredovisning", 2007),
          ("Verksamhetsberättelse och årsredovisning 2015", "arsredovisning", 2015),
          ("Delårsrapport januari–augusti 2023", "delarsrapport", 2023),
          ("Verksamhets- och budgetplan 2016", "verksamhetsplan", 2016),
          ("Budget 2010 med plan för 2011–2012", "verksamhetsplan", 2010)]


def _title_lines(title: str):
    yield "upper", [_line(1, 300, title.upper(), 28)]
    yield "spaced", [_spaced(1, 300, title.upper(), 28)]
    words = title.split()
    for k in range(1, len(words)):
        yield f"broken{k}", [_line(1, 300, " ".join(words[:k]), 28),
                             _line(1, 336, " ".join(words[k:]), 28)]


@pytest.mark.parametrize(("title", "kind", "year"), TITLES)
def test_a_title_in_capitals_letter_spaced_or_broken_anywhere(title, kind, year):
    wrong = {}
    for how, cover in _title_lines(title):
        cls = classify(_doc(["Samordningsförbundet Ravnsjö", *cover],
                            ["Antagen av styrelsen 2016-11-20", "Sedan 2005 har förbundet arbetat."]),
                       LEX)
        if (cls.kind, cls.fiscal_year) != (kind, year):
            wrong[how] = (cls.kind, cls.fiscal_year)
    assert not wrong
