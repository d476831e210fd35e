"""Who, what and which year: every name form, organisationsnummer and title class of
../shared/VARIETY.md, on lines built word by word (as tests/test_layout.py does), and on
generated PDFs whose cover uses the genitive form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from core.lexicon import fold, load_lexicon
from core.types import Page
from finsam.pipeline import process_bytes
from fixtures.render import BOLD, FONT, register_fonts
from ingest.pdftext import Word
from parsers.classify import GLUED_LETTERS, classify
from parsers.layout import Line

CHAR = 5.0  # points per character of a 10 pt word


def _line(page: int, y: float, text: str, size: float = 10.0, x: float = 50.0) -> Line:
    words, scale = [], size / 10
    for t in text.split():
        words.append(Word(t, x, x + CHAR * scale * len(t), y, y + size, size=size))
        x += CHAR * scale * len(t) + 3 * scale
    return Line(page, words)


def _spaced(page: int, y: float, text: str, size: float = 20.0) -> Line:
    """A letter-spaced cover line: every letter a word, words further apart."""
    words, x = [], 50.0
    for word in text.split():
        for letter in word:
            words.append(Word(letter, x, x + 0.6 * size, y, y + size, size=size))
            x += 0.6 * size + 0.4 * size
        x += 1.2 * size
    return Line(page, words)


def _doc(cover: list[Line | str], body: list[str] = (), pages: int = 4) -> list[Line]:
    """A cover (page 1, large type) and body lines on the pages after it."""
    lines = [c if isinstance(c, Line) else _line(1, 200 + 40 * i, c, 24)
             for i, c in enumerate(cover)]
    lines += [_line(2, 100 + 14 * i, t) for i, t in enumerate(body)]
    lines += [_line(p, 100, "Förvaltningsberättelse") for p in range(3, pages + 1)]
    return lines


def _who(*cover: str | Line, body: list[str] = (), year: str = "Årsredovisning 2019"):
    return classify(_doc([*cover, year], body), load_lexicon())


# (cover line, organisation stored, register entry or None for a förbund it does not know)
NAMES = [
    # "Samordningsförbundet X": a place, a county, kommuner joined every way, brands.
    ("Samordningsförbundet Västra Bergslagen", "Västra Bergslagen", None),
    ("Samordningsförbundet Uppsala län", "Uppsala län", "Uppsala län"),
    ("Samordningsförbundet Bollebygd, Mark och Svenljunga", "Bollebygd, Mark och Svenljunga",
     "Bollebygd, Mark och Svenljunga"),
    ("Samordningsförbundet Bollebygd Mark och Svenljunga", "Bollebygd, Mark och Svenljunga",
     "Bollebygd, Mark och Svenljunga"),
    ("Samordningsförbundet Hagby, Ekeby samt Lunda", "Hagby, Ekeby samt Lunda", None),  # "samt" as "och"
    ("Samordningsförbundet Bollebygd, Mark samt Svenljunga", "Bollebygd, Mark och Svenljunga",
     "Bollebygd, Mark och Svenljunga"),
    ("Samordningsförbundet Falköping/Tidaholm", "Falköping/Tidaholm", "Falköping/Tidaholm"),
    ("Samordningsförbundet Tidaholm - Falköping", "Falköping/Tidaholm", "Falköping/Tidaholm"),
    ("Samordningsförbundet Skellefteå-Norsjö", "Skellefteå–Norsjö", "Skellefteå–Norsjö"),
    ("Samordningsförbundet Burlöv Staffanstorp", "Burlöv Staffanstorp", "Burlöv Staffanstorp"),
    ("Samordningsförbundet Östra Östergötland, SAMÖÖ", "Östra Östergötland",
     "Östra Östergötland"),
    ("Samordningsförbundet Centrala Östergötland (SCÖ)", "Centrala Östergötland",
     "Centrala Östergötland"),
    # A brand in parentheses is another name for it, as the register keeps "Centrala
    # Östergötland" for "(SCÖ)": an unknown förbund is stored without it too.
    ("Samordningsförbundet Hagaberg (HBG)", "Hagaberg", None),
    ("Samordningsförbundet RAR", "RAR", "RAR"),
    ("Samordningsförbundet Älv & Kust", "Älv & Kust", "Älv & Kust"),
    ("Samordningsförbundet NNV Skåne", "NNV Skåne", "NNV Skåne"),
    ("Samordningsförbundet Pyramis", "Pyramis", "Pyramis"),
    # Without the article; "i X"; "X kommun"; "X stad"; a lead-in before the place.
    ("Samordningsförbund Gävleborg", "Gävleborg", "Gävleborg"),
    ("Samordningsförbundet i Kalmar län", "Kalmar län", "Kalmar län"),
    ("Samordningsförbundet i Trelleborg", "Trelleborg", "Trelleborg"),
    ("Samordningsförbundet i Karlskoga/Degerfors i Örebro län", "Karlskoga/Degerfors",
     "Karlskoga/Degerfors"),
    ("Samordningsförbundet Ånge kommun", "Ånge", "Ånge"),
    ("Samordningsförbundet Stockholms stad", "Stockholms stad", "Stockholms stad"),
    ("Samordningsförbundet för rehabilitering i Södertälje - Sfris", "Sfris", "Sfris"),
    # Genitive, place first, the noun in either case.
    ("Nedansiljans samordningsförbund", "Nedansiljan", "Nedansiljan"),
    ("Finnvedens samordningsförbund", "Finnveden", "Finnveden"),
    ("Norra Dalarnas samordningsförbund", "Norra Dalarna", "Norra Dalarna"),
    ("Västra Mälardalens Samordningsförbund", "Västra Mälardalen", "Västra Mälardalen"),
    ("Blåklintens samordningsförbund", "Blåklinten", None),
    ("Hagby läns samordningsförbund", "Hagby län", None),
    ("Västerås samordningsförbund", "Västerås", None),
    ("Kramfors samordningsförbund", "Kramfors", None),
    # Finsam X, glued, towns in either order, the brand after the place.
    ("Finsam Gotland", "Finsam Gotland", "Finsam Gotland"),
    ("FinsamGotland", "Finsam Gotland", "Finsam Gotland"),
    ("Samverkansförbundet Gotland, Finsam", "Finsam Gotland", "Finsam Gotland"),
    ("Finsam MittSkåne", "Eslöv, Höör och Hörby", "Eslöv, Höör och Hörby"),
    ("Finsam Degerfors/Karlskoga", "Karlskoga/Degerfors", "Karlskoga/Degerfors"),
    ("Samordningsförbundet Finsam Västerdalarna", "Finsam Västerdalarna",
     "Finsam Västerdalarna"),
    # Capitals: case restored.
    ("SAMORDNINGSFÖRBUNDET I KALMAR LÄN", "Kalmar län", "Kalmar län"),
    ("SAMORDNINGSFÖRBUNDET VÄSTRA BERGSLAGEN", "Västra Bergslagen", None),
    ("NEDANSILJANS SAMORDNINGSFÖRBUND", "Nedansiljan", "Nedansiljan"),
]


@pytest.mark.parametrize(("printed", "organisation", "entry"), NAMES)
def test_name_forms(printed, organisation, entry):
    cls = _who(printed)
    assert cls.organisation == organisation
    assert cls.register_name == entry
    assert cls.name_source == "cover"


def test_letter_spaced_cover():
    cls = _who(_spaced(1, 150, "SAMORDNINGSFÖRBUNDET NORRSJÖN"))
    assert cls.organisation == "Norrsjön"


@pytest.mark.parametrize(("printed", "organisation"), [
    ("FINSAM HALLABY/NORRVIK", "Finsam Hallaby/Norrvik"),
    ("SAMORDNINGSFÖRBUNDET HALLABY–NORRVIK", "Hallaby–Norrvik"),
    ("SAMORDNINGSFÖRBUNDET ÄLV & KUST", "Älv & Kust"),
])
def test_letter_spaced_marks_keep_their_spacing(printed, organisation):
    # "/" and "–" letter-spaced like the letters join two places, as printed unspaced.
    assert _who(_spaced(1, 150, printed)).organisation == organisation


def test_a_letter_spaced_cover_cut_inside_a_word_with_no_word_gaps():
    # "S A M O R D N I N G S F Ö R B U N D H A L L A B Y N" / "O R R V I K": no gap wider
    # than the letters' and the line broken inside a word; the text spells the name.
    lines = _doc([_spaced(1, 150, "SAMORDNINGSFÖRBUNDHALLABYN"), _spaced(1, 190, "ORRVIK"),
                  "Årsredovisning 2019"],
                 ["Samordningsförbund Hallaby Norrvik är ett finansiellt samordningsförbund."])
    assert classify(lines, load_lexicon()).organisation == "Hallaby Norrvik"
    # The generic noun glued to the name on a cover alone still names the förbund.
    assert _who(_spaced(1, 150, "SAMORDNINGSFÖRBUNDETHALLABY")).organisation == "Hallaby"


def test_letter_spaced_brand_glued_to_the_name():
    # "F I N S A M G L I M M E R D A L E N": no wider gap between brand and name.
    cls = _who(_spaced(1, 150, "FINSAMHALLEBY"), body=["Finsam Halleby är ett förbund."])
    assert cls.organisation == "Finsam Halleby"


def test_a_running_footer_does_not_outweigh_the_cover():
    # The footer's short name repeats on every page; the cover and the text name it fully.
    lines = _doc(["Finsam Hallebygden", "Årsredovisning 2019"],
                 ["Finsam Hallebygden är ett finansiellt samordningsförbund."], pages=8)
    lines += [_line(p, 820, f"Samordningsförbundet HALBY Sida {p}") for p in range(1, 9)]
    pages = [Page(p, 595, 842, [w for ln in lines if ln.page == p for w in ln.words])
             for p in range(1, 9)]
    body = [ln for ln in lines if ln.top < 800]
    assert classify(body, load_lexicon(), pages).organisation == "Finsam Hallebygden"


def test_genitive_of_a_place_ending_in_a_vowel_and_s():
    # "Ljungås" could be Västerås-like; the place printed bare elsewhere says it is Ljungå.
    cls = _who("Ljungås samordningsförbund",
               body=["Medlemmar är kommunerna Ljungå och Höganbo."])
    assert cls.organisation == "Ljungå"
    assert _who("Västerås samordningsförbund").organisation == "Västerås"


def test_an_acronym_after_the_name_is_no_part_of_it():
    cls = _who("Samordningsförbundet Hallaby, HALBY")
    assert cls.organisation == "Hallaby"
    # A kommun list keeps its commas.
    assert _who("Samordningsförbundet Hallaby, Norrvik").organisation == "Hallaby, Norrvik"
    # A brand after a comma goes first, as a known förbund's does ("Finsam Gotland").
    assert _who("Samverkansförbundet Hallaby, Finsam").organisation == "Finsam Hallaby"


def test_an_orgnr_in_parentheses_is_no_part_of_the_name():
    cls = _who("Samordningsförbundet Hallaby och Norrvik (Org.nr 222000-3233)")
    assert cls.organisation == "Hallaby och Norrvik"


def test_a_cover_name_cut_at_the_line_end_weighs_for_the_full_name():
    lines = _doc([_spaced(1, 150, "FINSAM HALLABY, NORRVIK OCH L"), _spaced(1, 190, "Ö N N E B Y"),
                  "Årsredovisning 2019"],
                 ["Finsam Hallaby, Norrvik och Lönneby är ett samordningsförbund.",
                  "Finsam Hallaby, Norrvik och Lönneby har fyra medlemmar."])
    assert classify(lines, load_lexicon()).organisation == "Finsam Hallaby, Norrvik och Lönneby"


def test_letter_spaced_genitive_in_capitals_with_a_known_place():
    cls = _who(_spaced(1, 150, "FINNVEDENS SAMORDNINGSFÖRBUND"))
    assert (cls.organisation, cls.register_name) == ("Finnveden", "Finnveden")


@pytest.mark.parametrize("printed", [
    "Samordningsförbundet Norrsjön Årsredovisning 2019",
    "SAMORDNINGSFÖRBUNDET NORRSJÖN ÅRSREDOVISNING 2019",
    "Samordningsförbundet Norrsjön 2019",
    "SAMORDNINGSFÖRBUNDET NORRSJÖN ORG NR 222000-1234",
    "Samordningsförbundet Norrsjön · Verksamhetsberättelse",
    "Samordningsförbundet Norrsjön Styrelsen",
    "Samordningsförbundet Norrsjön.",
    "Samordningsförbundet Norrsjön Årsredovisning/Årsberättelse 2019",
    "SAMORDNINGSFÖRBUNDET NORRSJÖN ÅRSREDOVISNING/ÅRSBERÄTTELSE",
])
def test_a_name_ends_at_a_title_word_a_year_a_number_a_mark_or_a_stop_word(printed):
    assert _who(printed).organisation == "Norrsjön"


def test_a_name_on_the_next_line_after_the_generic_noun():
    lines = [_line(1, 200, "Tjänsteskrivelse - Prövning av ansvarsfrihet för Samordningsförbundet",
                   12),
             _line(1, 215, "Norra Kusten 2019", 12)]
    assert classify(lines, load_lexicon()).organisation == "Norra Kusten"


@pytest.mark.parametrize("printed", [
    "Västra Mälardalens Kommunalförbund", "Sjuhärads kommunalförbund",
    "Fyrbodals kommunalförbund", "Räddningstjänstförbundet Mitt", "Sveriges samordningsförbund",
])
def test_look_alikes_are_no_forbund(printed):
    cls = _who(printed)
    assert cls.organisation is None and cls.register_name is None


def test_capitals_take_their_spelling_from_the_same_name_in_mixed_case():
    cls = _who("SAMORDNINGSFÖRBUNDET HAGABERG-VIKSJÖ (HBV)",
               body=["Samordningsförbundet HagaBerg-Viksjö (HBV) bildades 2008."])
    assert cls.organisation == "HagaBerg-Viksjö"
    assert cls.printed_name == "HagaBerg-Viksjö (HBV)"


def test_two_forms_in_one_document_are_one_forbund():
    cls = _who("Västra Mälardalens Samordningsförbund",
               body=["Samordningsförbundet Västra Mälardalen bildades 2008."])
    assert cls.organisation == "Västra Mälardalen"


def test_the_cover_outweighs_another_forbund_named_in_the_text():
    body = [f"Samordningsförbundet Finnveden och vi har samarbetat {i}." for i in range(3)]
    cls = _who("Samordningsförbundet Norrsjön", body=body)
    assert cls.organisation == "Norrsjön"


def test_a_rename_stores_the_name_of_the_year():
    old = _who("Samordningsförbundet Skellefteå", year="Årsredovisning 2012")
    new = _who("Samordningsförbundet Skellefteå–Norsjö", year="Årsredovisning 2016")
    assert (old.organisation, new.organisation) == ("Skellefteå", "Skellefteå–Norsjö")
    assert old.register_name == new.register_name == "Skellefteå–Norsjö"
    genitive = _who("Norra Västmanlands Samordningsförbund", year="Årsredovisning 2020")
    assert (genitive.organisation, genitive.register_name) == ("Norra Västmanland",
                                                               "Västmanland")


def test_similar_names_do_not_meet():
    for printed, other in (("Samordningsförbundet Västra Östergötland", "Östra Östergötland"),
                           ("Samordningsförbundet Östra Skaraborg", "Västra Skaraborg"),
                           ("Samordningsförbundet Göteborg Väster", "Göteborg Centrum")):
        assert _who(printed).register_name != other


def test_an_ocr_misspelt_name_is_matched_fuzzily():
    cls = _who("Samordningsförbundet Nedansilijan")
    assert cls.register_name == "Nedansiljan" and cls.register_match.startswith("fuzzy:")
    assert cls.organisation == "Nedansiljan"


# --- organisationsnummer --------------------------------------------------------------------


@pytest.mark.parametrize(("printed", "orgnr"), [
    ("Org nr: 222000-1784", "222000-1784"),
    ("Organisationsnr 222000-1859", "222000-1859"),
    ("Organisationsnummer: 222000 2568", "222000-2568"),
    ("Org. nr 222000-1784", "222000-1784"),
    ("Org.nr 222000-1784", "222000-1784"),
    # A scan read the space after the label as a hyphen (variety-09, scan seed 9).
    ("(Org.nr-222000-3085) är ett finansiellt samordningsförbund", "222000-3085"),
    # ... but a dash after digits joins a longer number.
    ("Diarienr 12-222000-3085", None),
    ("Kalmar kommun, org nr 212000-0613", None),
    ("Region Kalmar län Organisationsnummer 232100-0186", None),
    ("Västra Mälardalens Kommunalförbund Org nr 222000-0976", None),
    ("Sjuhärads kommunalförbund 222000-0976", None),
    # A förbund is a kommunalförbund in law, and may say so beside its number.
    ("Förbundet som är ett kommunalförbund har organisationsnummer 222000–1859.",
     "222000-1859"),
])
def test_orgnr(printed, orgnr):
    cls = classify(_doc(["Samordningsförbundet Norrsjön", "Årsredovisning 2019"], [printed]),
                   load_lexicon())
    assert cls.orgnr == orgnr


def test_a_members_cover_letter_does_not_give_its_number():
    body = ["Mora kommun Org nr 212000-2262", "Region Dalarna 232100-0214",
            "Bifogas årsredovisning från förbundet.", "Organisationsnummer 222000-2568"]
    cls = classify(_doc(["Nedansiljans samordningsförbund", "Årsredovisning 2019"], body),
                   load_lexicon())
    assert cls.orgnr == "222000-2568"


def test_the_orgnr_wins_over_the_name():
    # Another förbund's name beside a known number: the number decides.
    cls = classify(_doc(["Samordningsförbundet Finnveden", "Årsredovisning 2019"],
                        ["Org nr 222000-2568"]), load_lexicon())
    assert (cls.register_name, cls.register_match) == ("Finsam Västerdalarna", "orgnr")
    assert cls.organisation == "Finsam Västerdalarna"


def test_a_new_name_beside_a_known_number_is_the_forbund_renamed():
    cls = classify(_doc(["Samordningsförbundet Dalarnas Väst", "Årsredovisning 2025"],
                        ["Org nr 222000-2568"]), load_lexicon())
    assert (cls.register_name, cls.register_match) == ("Finsam Västerdalarna", "orgnr")
    assert cls.organisation == cls.printed_name == "Dalarnas Väst"


# --- titles and years -----------------------------------------------------------------------


@pytest.mark.parametrize(("title", "kind", "year"), [
    ("Årsredovisning 2024", "arsredovisning", 2024),
    ("Årsberättelse med bokslut 2012", "arsredovisning", 2012),
    ("Årsredovisning/Årsberättelse 2010", "arsredovisning", 2010),
    ("ÅRSREDOVISNING med tillhörande VERKSAMHETSBERÄTTELSE 2009", "arsredovisning", 2009),
    ("ÅRSREDOVISNING AVSEENDE 2007 ÅRS VERKSAMHET", "arsredovisning", 2007),
    ("Verksamhetsberättelse 2015", "arsredovisning", 2015),
    ("Årsredovisning för år 2016", "arsredovisning", 2016),
    ("Delårsrapport januari–augusti 2023", "delarsrapport", 2023),
    ("Delårsredovisning 2022-08-31", "delarsrapport", 2022),
    ("Tertialrapport 1 2021", "delarsrapport", 2021),
    ("Halvårsrapport 2019", "delarsrapport", 2019),
    ("Kvartalsrapport 2020", "delarsrapport", 2020),
    ("Verksamhetsplan 2015 med budget", "verksamhetsplan", 2015),
    ("Verksamhets- och budgetplan 2016", "verksamhetsplan", 2016),
    ("Budget 2010 med plan för 2011–2012", "verksamhetsplan", 2010),
    ("Verksamhetsplan och budget för 2017 samt preliminär planering för 2018 och 2019",
     "verksamhetsplan", 2017),
    ("Revisionsrapport 2019", "revisionsrapport", 2019),
    ("Revisionsberättelse för år 2018", "revisionsberattelse", 2018),
    ("Tjänsteutlåtande 2018", "tjansteskrivelse", 2018),
    ("Protokollsutdrag 2018-03-12", "protokoll", 2018),
])
def test_titles_and_their_years(title, kind, year):
    lines = _doc(["Samordningsförbundet Norrsjön", _line(1, 300, title, 28)],
                 ["Antagen av styrelsen 2016-11-20", "Sedan 2005 har förbundet 2005 arbetat."])
    cls = classify(lines, load_lexicon())
    assert (cls.kind, cls.fiscal_year, cls.year_source) == (kind, year, "title")


def test_year_from_the_statement_columns_when_no_title_names_it():
    body = ["Resultaträkning", "Belopp i kr Not 2016 2015", "Verksamhetens intäkter 1 200 100",
            "Balansräkning 2016-12-31 2015-12-31", "Förbundet bildades 2009, 2009 och 2012."]
    cls = classify(_doc(["Samordningsförbundet Norrsjön", "Årsredovisning"], body),
                   load_lexicon())
    assert (cls.fiscal_year, cls.year_source) == (2016, "columns")


def test_year_guessed_from_the_most_frequent_year_says_so():
    cls = classify(_doc(["Samordningsförbundet Norrsjön", "Årsredovisning"],
                        ["Under 2013 har förbundet", "arbetat sedan 2013 med 2010."]),
                   load_lexicon())
    assert (cls.fiscal_year, cls.year_source) == (2013, "frequent")
    assert "year=frequent" in cls.identified_by


# --- generated PDFs ---------------------------------------------------------------------------


def _pdf(path: Path, cover: str, title: str, footer: str, body: list[str],
         spaced: bool = False) -> Path:
    """A small born-digital report: a cover, then pages with a running footer."""
    register_fonts()
    c = Canvas(str(path), pagesize=A4, invariant=1)
    if spaced:
        x = 60.0
        c.setFont(BOLD, 20)
        for letter in cover:
            if letter != " ":
                c.drawString(x, 560, letter)
            x += stringWidth(letter, BOLD, 20) + (18 if letter == " " else 6)
    else:
        c.setFont(BOLD, 22)
        c.drawString(60, 560, cover)
    c.setFont(BOLD, 28)
    c.drawString(60, 510, title)
    c.setFont(FONT, 9)
    c.drawString(60, 80, "Org nr 222000-9911")
    c.showPage()
    for page in range(2, 6):
        c.setFont(FONT, 10)
        for i, text in enumerate(body):
            c.drawString(60, 760 - 16 * i, f"{text}" if page == 2 else f"Avsnitt {page}: {text}")
        c.setFont(FONT, 8)
        c.drawString(60, 40, f"{footer} · Sida {page}")
        c.showPage()
    c.save()
    return path


def test_genitive_cover_pdf(tmp_path):
    body = ["Mora kommun, organisationsnummer 212000-2262, överlämnar förbundets handlingar.",
            "Förbundet har under året arbetat med samverkan mellan myndigheterna."]
    pdf = _pdf(tmp_path / "blaklinten.pdf", "Blåklintens samordningsförbund",
               "Årsredovisning 2021", "Blåklintens samordningsförbund · Årsredovisning 2021", body)
    result = process_bytes(str(pdf), pdf.read_bytes())
    assert result.error is None
    assert (result.organisation, result.orgnr, result.kind, result.fiscal_year) == \
        ("Blåklinten", "222000-9911", "arsredovisning", 2021)
    assert result.identified_by == "name=cover;year=title"


def test_letter_spaced_capitals_cover_pdf(tmp_path):
    pdf = _pdf(tmp_path / "spaced.pdf", "NORRA VÄSTMANLANDS SAMORDNINGSFÖRBUND",
               "ÅRSREDOVISNING 2019", "Norra Västmanlands Samordningsförbund",
               ["Förbundet har under året arbetat."], spaced=True)
    result = process_bytes(str(pdf), pdf.read_bytes())
    assert (result.organisation, result.fiscal_year) == ("Norra Västmanland", 2019)
    assert "register=exact" in result.identified_by


REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
LINES_PER_PAGE = 50


@pytest.mark.parametrize(("name", "kind", "year", "orgnr"), [
    # The annual report arrives wrapped in a member's tjänsteskrivelse (its first page).
    ("kalmar-lan-arsredovisning-2024-med-bilagor.txt", "tjansteskrivelse", 2024, None),
    ("kalmar-lan-styrelseprotokoll-2025-10-24.txt", "protokoll", None, None),
    ("kalmar-lan-verksamhetsplan-2024.txt", None, None, "222000-1859"),
])
def test_real_reference_texts(name, kind, year, orgnr):
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    rows = path.read_text("utf-8").splitlines()
    lines = [_line(1 + i // LINES_PER_PAGE, 60 + 14 * (i % LINES_PER_PAGE), t)
             for i, t in enumerate(rows) if t.split()]
    cls = classify(lines, load_lexicon())
    assert (cls.organisation, cls.register_name) == ("Kalmar län", "Kalmar län")
    assert cls.orgnr == orgnr
    if kind:
        assert cls.kind == kind
    if year:
        assert cls.fiscal_year == year


def test_a_born_digital_word_is_as_printed_never_mended_as_ocr_damage():
    # "Samordningsforum" is a word of its own, not a damaged "Samordningsförbund"; a
    # definite "Delårsrapporten" in a line is no title word read wrong.
    lex = load_lexicon()
    cls = classify(_doc(["Samordningsforum Kalmar län", "Årsredovisning 2019"]), lex)
    assert cls.organisation is None and cls.register_name is None
    cls = classify(_doc(["Delårsrapporten 2024 följs upp", "Verksamhetsplan 2025"]), lex)
    assert (cls.kind, cls.fiscal_year, cls.fuzzy) == ("verksamhetsplan", 2025, ())


# A letter-spaced cover wraps where the line fills, inside a word too: every cut of each
# name form, the document's running text printing the name once.
SPACED_WRAPS = [
    ("Samordningsförbundet Hallabergs län", "Samordningsförbundet Hallabergs län",
     {"Hallabergs län"}),
    ("Samordningsförbundet Finsam Vallmora", "Samordningsförbundet Finsam Vallmora",
     {"Finsam Vallmora"}),
    ("Samordningsförbundet Tallbo–Ekby–Ravnsjö", "Samordningsförbundet Tallbo–Ekby–Ravnsjö",
     {"Tallbo–Ekby–Ravnsjö"}),
    ("Samordningsförbundet Norra Hallaby", "Norra Hallabys samordningsförbund", {"Norra Hallaby"}),
    ("Samordningsförbundet i Hallaby", "Samordningsförbundet i Hallaby", {"Hallaby"}),
    ("Hallabys samordningsförbund", "Hallabys samordningsförbund", {"Hallaby"}),
]


def _spaced_cut(name: str, cut: int) -> list[Line]:
    letters = [c for c in "   ".join(" ".join(w.upper()) for w in name.split()).split(" ")]

    def line(y: float, part: list[str]) -> Line:
        return _spaced(1, y, " ".join(g.replace(" ", "") for g in " ".join(part).split("   ")
                                      if g.strip()))
    return [line(200, letters[:cut]), line(240, letters[cut:])]


def test_a_letter_spaced_generic_noun_alone_names_no_forbund():
    # "S A M O R D N I N G S F Ö R B U N D E T" over the name in plain type: the letters are
    # the generic noun whole, not "samordningsförbund" before a name "Et".
    cover = [_spaced(1, 200, "SAMORDNINGSFÖRBUNDET"), _line(1, 240, "Norrsjön", 24)]
    assert _who(*cover).organisation == "Norrsjön"
    assert _who(_spaced(1, 200, "SAMORDNINGSFÖRBUNDET")).organisation != "Et"


@pytest.mark.parametrize(("cover", "body", "stored"), SPACED_WRAPS)
def test_a_letter_spaced_cover_wrapped_inside_a_word(cover, body, stored):
    cuts = range(1, len(" ".join(" ".join(w) for w in cover.split())) + 1)
    wrong = {}
    for cut in cuts:
        lines = _spaced_cut(cover, cut)
        if len(lines[0].words) == 0 or len(lines[1].words) == 0:
            continue
        got = _who(*lines, body=[f"{body} är ett finansiellt samordningsförbund."]).organisation
        if got not in stored:
            wrong[cut] = got
    assert not wrong


# A letter-spaced cover printed with no wider gap between its words, wrapped at any letter:
# its letters are read against the names and words the document prints elsewhere.
GAPLESS = [
    ("Samordningsförbundet Hallabergs län", ["Samordningsförbundet Hallabergs län"],
     {"Hallabergs län"}),
    ("Samordningsförbundet Finsam Vallmora", ["Samordningsförbundet Finsam Vallmora"],
     {"Finsam Vallmora"}),
    ("Samordningsförbundet Finsam Ödeby", ["Finsam Ödeby"], {"Finsam Ödeby"}),
    ("Samordningsförbundet Tallbo–Ekby–Ravnsjö", ["Samordningsförbundet Tallbo–Ekby–Ravnsjö"],
     {"Tallbo–Ekby–Ravnsjö"}),
    ("Samordningsförbundet Norra Hallaby", ["Norra Hallabys samordningsförbund"],
     {"Norra Hallaby"}),
    ("Samordningsförbundet i Hallaby", ["Samordningsförbundet i Hallaby"], {"Hallaby"}),
    ("Hallabys samordningsförbund", ["Hallabys samordningsförbund"], {"Hallaby"}),
    ("Samordningsförbundet Vallmora, Ekby och Tallbo",
     ["Samordningsförbundet Vallmora, Ekby och Tallbo"], {"Vallmora, Ekby och Tallbo"}),
    ("Samordningsförbundet Ledstången", ["Samordningsförbundet Vallmora (Ledstången)"],
     {"Ledstången", "Vallmora"}),
    ("Samordningsförbundet LEDA", ["Samordningsförbundet Vallmora (LEDA)"],
     {"LEDA", "Vallmora"}),
    # Printed elsewhere only word by word: parted into the document's words.
    ("Samordningsförbundet Östra Hallaberg", ["Kommunerna i Östra Hallaberg samverkar."],
     {"Östra Hallaberg"}),
    ("Samordningsförbundet Hallaberg, SAMX", ["Hallaberg och Ekby är medlemmar."],
     {"Hallaberg"}),
    # A place printed elsewhere only without the genitive's -s.
    ("Samordningsförbundet i Hallabergs län", ["Samordningsförbundet Hallaberg"],
     {"Hallabergs län"}),
    # A region's name printed elsewhere is no cut of the förbund's ("Hallaland" + "ET").
    ("Hallalandets samordningsförbund", ["Region Hallaland och kommunerna samverkar."],
     {"Hallalandet"}),
    # A brand in parentheses printed nowhere else.
    ("Samordningsförbundet Hallaberg (Navigera)", ["Samordningsförbundet Finsam Hallaberg"],
     {"Hallaberg", "Finsam Hallaberg"}),
    # ... or after a dash; a county and its brand so; the brand inside the generic noun.
    ("Samordningsförbundet Hallaberg – SAMX", ["Samordningsförbundet i Hallaberg"], {"Hallaberg"}),
    ("Samordningsförbundet Norra Hallabergs län – SAMX", ["Samordningsförbundet i Norra Hallabergs län"],
     {"Norra Hallabergs län"}),
    ("Finsamförbundet i Hallabergs län", ["Finsamförbundet i Hallabergs län"], {"Hallabergs län"}),
    # A brand before a dash, then the generic noun ("SAMH – samordningsförbundet i …").
    ("SAMH – samordningsförbundet i Hallaberg", ["Samordningsförbundet Hallaberg"],
     {"Hallaberg", "SAMH"}),
    # ... before a county genitive printed so elsewhere: the brand is a printed word too, but
    # the name printed elsewhere is read before the letters are parted into words.
    ("SAMH – Hallabergs läns samordningsförbund", ["SAMH – Hallabergs läns samordningsförbund"],
     {"Hallabergs län"}),
]


@pytest.mark.parametrize(("cover", "body", "stored"), GAPLESS)
def test_a_gapless_letter_spaced_cover_wrapped_anywhere(cover, body, stored):
    letters = cover.upper().replace(" ", "")
    wrong = {}
    for cut in range(len(letters)):
        parts = [letters[:cut], letters[cut:]] if cut else [letters]
        lines = [_spaced(1, 200 + 40 * i, " ".join(p)) for i, p in enumerate(parts)]
        text = [b if b.endswith(".") else f"{b} är ett finansiellt samordningsförbund." for b in body]
        got = _who(*lines, body=text).organisation
        if got not in stored:
            wrong["|".join(parts)] = got
    assert not wrong


@pytest.mark.parametrize("form", ["Samordningsförbundet Finsam {x}", "{g} samordningsförbund",
                                  "Samordningsförbundet {x}, {b}", "Samordningsförbundet {b}"])
def test_a_rendered_letter_spaced_cover_in_every_form(tmp_path, form):
    # The variety renderer's spaced cover: letters evenly apart, wrapped where the line fills.
    import copy

    from fixtures.variety import _genitive, build_family
    from fixtures.variety_render import render_variety
    _, spec, report = build_family("variety", 1, 7)[0]
    x, b = "Västra Hallabergsbygden", "SAMHALL"
    spec = copy.copy(spec)
    spec.names = [form.format(x=x, g=_genitive(x), b=b), f"Samordningsförbundet {x}",
                  f"{_genitive(x)} samordningsförbund"]
    spec.cover_case = "spaced"
    pdf = render_variety(spec, report, tmp_path / "cover.pdf")
    got = process_bytes(str(pdf), pdf.read_bytes()).organisation
    assert got in {x, f"Finsam {x}", b}


@pytest.mark.parametrize(("first", "second", "stored"), [
    ("SAMORDNINGSFÖRBUNDET I HALLABYS", "LÄN", "Hallabys län"),
    ("SAMORDNINGSFÖRBUNDET HALLABYS", "LÄN (SAMX)", "Hallabys län"),
    ("Samordningsförbundet Hallabys", "län", "Hallabys län"),
    # Running text after the suffix word is no name's end.
    ("Samordningsförbundet Hallaby", "kommuner och regionen samverkar", "Hallaby"),
    ("Samordningsförbundet Hallaby", "LÄN OCH REGION", "Hallaby"),
])
def test_a_cover_name_broken_before_its_county_word(first, second, stored):
    assert _who(_line(1, 200, first, 24), _line(1, 240, second, 24)).organisation == stored


@pytest.mark.parametrize(("name", "ocr", "stored"), [
    (["Sjöhagas"], False, "Sjöhaga"),
    (["Västerås"], False, "Västerås"),
    (["VÄSTERÅS"], False, "Västerås"),
    # OCR may have lost the ring of "ås": an "-as" read so may be the place's own.
    (["Vasteras"], True, "Vasteras"),
    (["Kramfors"], True, "Kramfors"),
    (["Hallabys"], True, "Hallaby"),
])
def test_a_genitive_s_is_dropped_unless_the_place_ends_so(name, ocr, stored):
    from parsers.classify import canonical
    assert canonical(name, load_lexicon(), genitive=True, ocr=ocr)[0] == stored


def _gapless(y: float, text: str, size: float = 20.0) -> Line:
    """A letter-spaced cover line whose word gaps are no wider than its letter gaps."""
    return Line(1, [Word(c, 50 + k * size, 50 + k * size + 0.6 * size, y, y + size, size=size)
                    for k, c in enumerate(text)])


@pytest.mark.parametrize("cover", ["SAMORDNINGSFÖRBUNDETRAVNSJÖ-TALLBO",
                                   "SAMORDNINGSFÖRBUNDETRAVNSJÖ–TALLBO",
                                   "RAVNSJÖ-TALLBOSSAMORDNINGSFÖRBUND"])
@pytest.mark.parametrize("body", ["Förbundet har arbetat med fyra insatser.",
                                  "Förbundet samarbetar med Samordningsförbundet Tallbo."])
def test_a_gapless_two_place_cover_is_not_read_as_its_second_place(cover, body):
    # A two-place name joined by a dash on a gapless cover: the place after the dash is no
    # name of its own (it was stored 'Tallbo' when the text named a neighbour so, and the
    # hyphenated genitive lost its name), the dash no brand's.
    from parsers.classify import _letters
    got = _who(_gapless(200, cover), body=[body]).organisation
    assert _letters(got or "") == "ravnsjotallbo", got


@pytest.mark.parametrize("body", ["Förbundet samarbetar med Samordningsförbundet Tallbo.",
                                  "Förbundet samarbetar med Samordningsförbundet Ravnsjö."])
def test_a_gapless_cover_wrapped_inside_its_name_is_not_read_a_line_short(body):
    # "SAMORDNINGSFÖRBUNDETRAVNSJÖOCH" / "TALLBO": the second line is the name's end, no
    # brand line; read without it, the cover named a neighbour the text names ('Tallbo') or
    # a name ending in its join ('Ravnsjö och').
    from parsers.classify import _letters
    cover = [_gapless(200, "SAMORDNINGSFÖRBUNDETRAVNSJÖOCH"), _gapless(240, "TALLBO")]
    got = _who(*cover, body=[body]).organisation
    assert _letters(got or "") == "ravnsjoochtallbo", got


@pytest.mark.parametrize(("name", "body", "stored"), [
    ("RAVNSJÖSLÄNSSAMORDNINGSFÖRBUND", "Samordningsförbundet i Ravnsjös län", "Ravnsjös län"),
    ("FINSAMFÖRBUNDETIRAVNSJÖSLÄN", "Ravnsjös läns samordningsförbund", "Ravnsjös län"),
    ("RAVNSJÖSSAMORDNINGSFÖRBUND", "Kommunerna i Ravnsjö", "Ravnsjö"),
    ("SAMORDNINGSFÖRBUNDETIRAVNSJÖ", "Samordningsförbundet Ravnsjö", "Ravnsjö"),
])
def test_a_letter_spaced_brand_line_over_a_gapless_name_is_no_part_of_it(name, body, stored):
    cover = [_spaced(1, 200, " ".join("SAMRA")), _spaced(1, 240, " ".join(name))]
    assert _who(*cover, body=[f"{body} är ett förbund."]).organisation == stored
    # ... nor one below it.
    cover = [_spaced(1, 200, " ".join(name)), _spaced(1, 240, " ".join("SAMRA"))]
    assert _who(*cover, body=[f"{body} är ett förbund."]).organisation == stored


GENERIC = load_lexicon().name_words.generic


@pytest.mark.parametrize(("cover", "body", "stored"), GAPLESS)
def test_a_letter_spaced_cover_ocr_read_as_glued_words(cover, body, stored):
    # OCR reads a letter-spaced cover (serif type above all) as one word per line, glued
    # across the name's word breaks ("SAMORDNINGSFÖRBUNDETTRA" / "STBOOCHSJÖHAGAOCHLÖNNEB" /
    # "Y"); the line with the name's middle was stored as the name ('Stboochsjöhagaochlönneb').
    letters = cover.upper().replace(" ", "")
    text = [b if b.endswith(".") else f"{b} är ett finansiellt samordningsförbund." for b in body]
    wrong = {}
    for cut in range(GLUED_LETTERS, len(letters), 3):
        for end in {len(letters), len(letters) - 1, cut + GLUED_LETTERS}:
            parts = [p for p in (letters[:cut], letters[cut:end], letters[end:]) if p]
            if not any(len(piece) >= GLUED_LETTERS and fold(piece) not in GENERIC
                       for p in parts for piece in re.split(r"[–,()]", p)):
                continue  # no run of letters too long for a word: read as printed capitals
            lines = [_line(1, 200 + 40 * i, p, 24) for i, p in enumerate(parts)]
            got = _who(*lines, body=text).organisation
            if got not in stored:
                wrong["|".join(parts)] = got
    assert not wrong


@pytest.mark.parametrize(("cover", "body", "stored"), [
    (["SAMORDNINGSFÖRBUNDET", "KARLSKOGA/DEGERFORS"], [], "Karlskoga/Degerfors"),
    (["SAMORDNINGSFÖRBUNDET", "SKELLEFTEÅ–NORSJÖ"], [], "Skellefteå–Norsjö"),
    (["SAMORDNINGSFÖRBUNDET", "FALKÖPING/TIDAHOLM"], [], "Falköping/Tidaholm"),
    (["SAMORDNINGSFÖRBUNDETHALLAND"], [], "Halland"),
    (["FÖRVALTNINGSBERÄTTELSEN", "SAMORDNINGSFÖRBUNDET", "HALLAND"],
     ["Samordningsförbundet Halland är ett förbund."], "Halland"),
    (["REHABILITERINGSSAMVERKAN", "SAMORDNINGSFÖRBUNDET", "HALLAND"],
     ["Samordningsförbundet Halland är ett förbund."], "Halland"),
])
def test_a_cover_in_plain_capitals_is_no_glued_letter_spaced_name(cover, body, stored):
    # Long capital words, a name's parts joined by marks ("KARLSKOGA/DEGERFORS" has 17
    # letters) or a title word over the name, are no letter-spaced cover OCR glued: they were
    # read so ('Karlskogadegerfors', 'Förvaltningsberättelsen') and lost the register's entry.
    got = _who(*[_line(1, 200 + 40 * i, t, 24) for i, t in enumerate(cover)], body=body)
    assert (got.organisation, got.register_match) == (stored, "exact")
