"""The section splitter (parsers/sections.py), word by word: which lines open a section, of
what kind and with what title; running headers and footers dropped."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.lexicon import load_lexicon
from core.settings import DIGITAL
from core.types import Line, Word
from parsers.layout import make_cell
from parsers.sections import drop_running_lines, heading_of, split_sections
from parsers.statements import parse_statement
from tests.words import lines, text_line, words


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _one(y: float, text: str):
    (line,) = lines(text_line(y, text))
    return line


@pytest.mark.parametrize("text, kind, title, note_no", [
    ("Resultaträkning", "resultatrakning", None, None),
    ("Finansieringsanalys", "kassaflodesanalys", None, None),  # the older name is kept
    ("3. Balansräkning", "balansrakning", None, None),  # numbering before a heading
    ("Not 3 Verksamhetens intäkter", "note", "Verksamhetens intäkter", 3),
    ("Not nr 12. Övriga kortfristiga skulder", "note", "Övriga kortfristiga skulder", 12),
    ("Not 4 Personalkostnader 2024-12-31", "note", "Personalkostnader", 4),  # dates dropped
    ("Insatsens namn: Kompass Datum: 241216", "insatsrapport", "Kompass", None),
    # A date after the heading: a digit or a month name starts it.
    ("3. Balansräkning per 31 december", "balansrakning", None, None),
    ("BALANSRÄKNING PER DEN 31 DECEMBER 2024", "balansrakning", None, None),
    ("Resultaträkning 2024-01-01 – 2024-12-31", "resultatrakning", None, None),
    # A qualifier after a statement's heading.
    ("Driftredovisning i detalj", "driftredovisning", None, None),
    ("Kassaflödesanalys för perioden", "kassaflodesanalys", None, None),
    ("Driftredovisning, tkr", "driftredovisning", None, None),
    ("Drift- och investeringsredovisning", "driftredovisning", None, None),
    # A statement in a bilaga, its heading on the bilaga's line.
    ("Bilaga 1, Resultaträkning", "resultatrakning", None, None),
    ("Bilaga 2 Balansräkning per 31 december", "balansrakning", None, None),
    # A bilaga of any section: VARIETY.md's bilagor about people and goals.
    ("Bilaga 3 Måluppfyllelse", "maluppfyllelse", None, None),
])
def test_headings(lexicon, text, kind, title, note_no):
    head = heading_of(_one(100, text), lexicon)
    assert head is not None and head.kind == kind
    if title is not None:
        assert head.title == title
    assert head.note_no == note_no
    if text == "Finansieringsanalys":
        assert head.heading == "Finansieringsanalys"


@pytest.mark.parametrize("text", [
    # Prose that names a heading is no heading (longer than a heading may be).
    "Resultaträkning och balansräkning visar att förbundet har en god ekonomi i år",
    "Noteringar om verksamheten",  # "Not" only as a word of its own
    "Not 3-4 visar detta",  # a range of notes in running text
    "Resultat i sammandrag",  # a qualifier makes no heading of a word that is none
    "Statistik totalt",  # qualifiers are for statement headings only
    "Statistik december",  # so are dates
])
def test_not_headings(lexicon, text):
    assert heading_of(_one(100, text), lexicon) is None


def test_a_line_with_amounts_is_no_heading(lexicon):
    (line,) = lines(words(100, ("Balansräkning", 50), ("1", 350), ("234", 358)))
    assert heading_of(line, lexicon) is None


def test_an_insats_title_needs_a_known_insats(lexicon):
    line = _one(100, "Årsrapport Kompass 2024")
    assert heading_of(line, lexicon) is None
    head = heading_of(line, lexicon, ("Kompass", "KRUS"))
    # The title keeps what follows the title word; the summary table's name is given to the
    # counts later (parsers.participants.summary_name).
    assert head is not None and head.kind == "insatsrapport"
    assert head.title.split()[0] == "Kompass"


def test_split_sections_keeps_lines_under_their_heading(lexicon):
    doc = lines(text_line(100, "Förord från ordföranden"),
                text_line(130, "Resultaträkning"),
                words(150, ("Verksamhetens", 50), ("intäkter", 120), ("8", 350), ("319", 358),
                      ("334", 376)),
                text_line(180, "Not 2"),  # the title is on the next line
                text_line(194, "Personalkostnader"),
                words(210, ("Löner", 50), ("1", 350), ("200", 358), ("000", 376)))
    sections = split_sections(doc, lexicon)
    assert [(s.kind, len(s.lines)) for s in sections] == [
        ("other", 1), ("resultatrakning", 2), ("note", 2)]
    note = sections[-1]
    assert (note.note_no, note.title) == (2, "Personalkostnader")
    assert note.lines[-1].label == "Löner"


def test_running_footer_is_dropped_from_every_page():
    pages = []
    for n in range(1, 5):
        body = text_line(300, f"Text på sidan {n} om verksamheten")
        footer = text_line(820, f"Samordningsförbundet Norrsjön årsredovisning 2024 sida {n}")
        pages.append(lines(body, footer, page=n))
    kept = drop_running_lines(pages)
    assert [[ln.text for ln in page] for page in kept] == [
        [f"Text på sidan {n} om verksamheten"] for n in range(1, 5)]


def test_few_pages_keep_their_margins():
    pages = [lines(text_line(820, "Sida 1 av 2"), page=1), lines(text_line(820, "Sida 2 av 2"), page=2)]
    assert drop_running_lines(pages) == pages


# --- a statement's heading in every form ends the table above it --------------------------


def _row(y: float, label: str, *amounts: str) -> list:
    """A statement row: the label at the left, amounts right-aligned in two columns."""
    out = text_line(y, label)
    for text, right in zip(amounts, (420, 500), strict=False):
        out += words(y, (text, right - 5 * len(text)))
    return out


DRIFT = [text_line(60, "Driftredovisning"), _row(80, "Nettokostnad", "-900", "-800"),
         _row(95, "Medlemsavgift", "1000", "1000"), _row(110, "Resultat", "100", "200")]


@pytest.mark.parametrize("heading, kind", [
    ([("Kassaflödesanalys", 50)], "kassaflodesanalys"),
    ([("Kassaflödesanalys", 50), ("för", 150), ("2016", 170)], "kassaflodesanalys"),
    # The heading on the line of its column headings.
    ([("Kassaflödesanalys", 50), ("Not", 350), ("2016", 400), ("2015", 480)],
     "kassaflodesanalys"),
    ([("Kassaflödesanalys", 50), ("Belopp", 200), ("i", 235), ("kr", 243), ("2016", 400),
      ("2015", 480)], "kassaflodesanalys"),
    ([("Resultaträkning,", 50), ("kronor", 140)], "resultatrakning"),
])
def test_a_driftredovisning_ends_at_the_next_statement_heading(lexicon, heading, kind):
    page = lines(*DRIFT, words(140, *heading), _row(160, "Årets resultat", "100", "200"),
                 _row(175, "Årets kassaflöde", "50", "60"))
    kinds = [(s.kind, len(s.lines)) for s in split_sections(page, lexicon) if s.kind != "other"]
    assert kinds[0] == ("driftredovisning", 4)
    assert kinds[1][0] == kind


@pytest.mark.parametrize("text", ["Budget och medelstilldelning", "Uppföljning per kostnadsställe",
                                  "Uppföljning av verksamhetsplanen"])
def test_other_headings_of_the_era_end_a_statement(lexicon, text):
    page = lines(*DRIFT, text_line(140, text), _row(160, "Insats A", "10", "20"))
    drift = next(s for s in split_sections(page, lexicon) if s.kind == "driftredovisning")
    assert len(drift.lines) == 4


@pytest.mark.parametrize("heading", ["Resultat- och balansräkning", "RESULTAT OCH BALANSRÄKNING",
                                     "Bilaga 1, Resultat och balansräkning"])
def test_one_page_of_both_statements_is_split_into_both(lexicon, heading):
    page = lines(text_line(40, heading), words(60, ("Belopp", 50), ("i", 85), ("kr", 93),
                                               ("2016", 400), ("2015", 480)),
                 _row(80, "Verksamhetens intäkter", "1000", "900"),
                 _row(95, "Verksamhetens kostnader", "-900", "-950"),
                 _row(110, "Årets resultat", "100", "-50"),
                 text_line(130, "Tillgångar"), _row(145, "Kassa och bank", "500", "400"),
                 _row(160, "Summa tillgångar", "500", "400"),
                 _row(175, "Eget kapital", "400", "450"), _row(190, "Årets resultat", "100", "-50"))
    parts = [s for s in split_sections(page, lexicon) if s.kind != "other"]
    assert [s.kind for s in parts] == ["resultatrakning", "balansrakning"]
    rr, br = (parse_statement(s, lexicon, 2016) for s in parts)
    assert {r.line_key for r in rr.rows} == {"verksamhetens_intakter", "verksamhetens_kostnader",
                                             "arets_resultat"}
    assert [r.line_key for r in br.rows] == ["kassa_och_bank", "summa_tillgangar",
                                             "ovrigt_eget_kapital", "arets_resultat"]
    # The column headings printed once serve both: the year and the unit.
    assert br.unit == "kr"
    assert [a.column for a in br.rows[0].amounts] == [a.column for a in rr.rows[0].amounts]


@pytest.mark.parametrize("opener", [None, "Tillgdngar"])
def test_both_statements_split_without_an_opening_line_or_with_it_misspelt(lexicon, opener):
    # The balance sheet starts straight at "Kassa och bank" (no "Tillgångar" line), or its
    # "Tillgångar" is as OCR misspelt it: either way its rows are no resultaträkning's.
    rows = [_row(80, "Verksamhetens intäkter", "1000", "900"),
            _row(95, "Verksamhetens kostnader", "-900", "-950"),
            _row(110, "Årets resultat", "100", "-50")]
    if opener:
        rows.append([replace(w, confidence=0.9) for w in text_line(130, opener)])
    rows += [_row(145, "Kassa och bank", "500", "400"), _row(160, "Summa tillgångar", "500", "400")]
    page = lines(text_line(40, "Resultat- och balansräkning"),
                 words(60, ("2016", 400), ("2015", 480)), *rows)
    parts = [s for s in split_sections(page, lexicon) if s.kind != "other"]
    assert [s.kind for s in parts] == ["resultatrakning", "balansrakning"]
    rr, br = (parse_statement(s, lexicon, 2016) for s in parts)
    assert "kassa_och_bank" not in {r.line_key for r in rr.rows}
    assert [r.line_key for r in br.rows] == ["kassa_och_bank", "summa_tillgangar"]


@pytest.mark.parametrize("text, title", [
    ("Maluppfyllinad Trampolinen", "Trampolinen"),  # a letter added and å lost by OCR
    ("Statistiker Kompass", None),  # a short title word must be as printed
])
def test_an_ocr_title_word_a_letter_off(lexicon, text, title):
    line = _one(100, text)
    ocr = replace(line, words=[replace(w, confidence=0.95) for w in line.words])
    head = heading_of(ocr, lexicon)
    assert (head.title if head else None) == title
    assert heading_of(line, lexicon) is None  # born-digital: as printed only


def test_a_ruling_line_read_after_a_table_title_leaves_it_a_title(lexicon):
    """A hard scan's bilaga (variety-108, scan seed 22): the rule under "Statistik VINDROSEN"
    read on its line as "2557 205 20 Oe Te a", its last words specks in cells of their own:
    the title was lost and the insats's twelve counts with it. A title still when it names
    an insats the summary table lists, its line's junk no headings; an unknown name, or a
    born-digital line with cells, no title."""
    def line(confidence: float) -> Line:
        found = [Word(t, x0, x1, 90.8, 99.8, confidence=confidence) for t, x0, x1 in (
            ("Statistik", 57, 108), ("VINDROSEN", 112, 185), ("2557", 189, 222),
            ("205", 230, 243), ("20", 249, 267), ("Oe", 277, 300), ("Te", 312, 333),
            ("a", 346, 350))]
        # As the page's reading left it: the specks "Oe" and "a" cells without a figure.
        return Line(1, found, found[:5], [make_cell([found[5]]), make_cell([found[7]])])
    ruled = line(0.95)
    head = heading_of(ruled, lexicon, ("Vindrosen", "Fyrbåken"))
    assert head is not None and (head.kind, head.table_title) == ("insatsrapport", False)
    assert head.title.split()[0] == "VINDROSEN"
    assert heading_of(ruled, lexicon, ("Fyrbåken",)) is None
    assert heading_of(line(1.0), lexicon, ("Vindrosen",)) is None
    # Counts after the name are a row of counts, no title (review).
    counts = [Word(t, x0, x1, 90.8, 99.8, confidence=0.95) for t, x0, x1 in (
        ("Statistik", 57, 108), ("Vindrosen", 112, 165), ("40", 289, 300), ("23", 350, 361))]
    row = Line(1, counts, counts[:2], [make_cell([counts[2]]), make_cell([counts[3]])])
    assert heading_of(row, lexicon, ("Vindrosen",)) is None
    # A rule's one digit after the name ("1") leaves it a title (review: the title was lost).
    one = Line(1, counts[:3], counts[:2], [make_cell([replace(counts[2], text="1")])])
    assert heading_of(one, lexicon, ("Vindrosen",)).kind == "insatsrapport"


def _scanned_line(*items: tuple[str, float]) -> Line:
    """One line of words as a scan's OCR read them (0.95), (text, x0) each, 6 pt a letter."""
    found = [Word(t, x0, x0 + 6 * len(t), 90.8, 102.0, confidence=0.95) for t, x0 in items]
    return Line(1, found, found, [])


def test_a_table_titles_name_a_scan_boxed_apart_from_its_title_word_names_it(lexicon):
    """A hard scan's bilaga (variety-159, scan seed 29): a ruling line through "Statistik
    Kugghjulet" left the name boxed 22 pt from "Statistik" and cut ("Kugghjule"), "Datum:"
    cut to "atum:" further right. The title word alone before a gap was no title, and the
    form's twelve counts were lost. The next run names the insats when the summary table
    lists it; an unlisted one, or a born-digital line, is no title so."""
    def line(confidence: float) -> Line:
        found = [Word(t, x0, x1, 90.8, 102.0, confidence=confidence) for t, x0, x1 in (
            ("Statistik", 57, 100), ("Kugghjule", 122, 176), ("atum:", 387, 415),
            ("2018-02-10", 419, 473))]
        return Line(1, found, found, [])
    head = heading_of(line(0.95), lexicon, ("Kugghjulet", "Framåt"))
    assert head is not None and (head.kind, head.title) == ("insatsrapport", "Kugghjule")
    assert heading_of(line(0.95), lexicon, ("Framåt",)) is None
    assert heading_of(line(1.0), lexicon, ("Kugghjulet",)) is None
    # Not the prose of a column beside it, nor a heading row of insatser, nor a name far off
    # (review).
    names = ("Kugghjulet", "Vindrosen", "Bron")
    assert heading_of(_scanned_line(("Statistik", 57), ("Vindrosen", 133), ("startade", 192),
                              ("i", 242), ("mars", 252)), lexicon, names) is None
    assert heading_of(_scanned_line(("Statistik", 57), ("Kugghjulet", 200), ("Vindrosen", 300),
                              ("Bron", 400)), lexicon, names) is None
    assert heading_of(_scanned_line(("Statistik", 57), ("Kugghjulet", 400)), lexicon, names) is None


@pytest.mark.parametrize("text, title", [
    ("nsatsens namn: TRAMPOLINEN =", "TRAMPOLINEN"),  # first letter lost, a speck after
    ("lnsatsens namn: Bron", "Bron"),  # l read for I
    ("Arsrapport for insatsen Kugghjulet", "Kugghjulet"),
])
def test_an_ocr_damaged_section_prefix_opens_its_form(lexicon, text, title):
    line = _one(100, text)
    ocr = replace(line, words=[replace(w, confidence=0.95) for w in line.words])
    head = heading_of(ocr, lexicon)
    assert (head.kind, head.title) == ("insatsrapport", title)
    assert heading_of(line, lexicon) is None or text.startswith("Arsrapport")  # as printed only


def test_a_prefix_two_letters_off_after_a_rules_marks_opens_the_form_of_a_listed_insats(lexicon):
    """A hard scan's bilaga (variety-173, scan seed 30): a ruling line's "=" in the margin
    before "Insatsens namn: Vindrosen", its first word read "rosatsens" (two letters off,
    ratio 86, under prefix_score). The form and its eight counts were lost. Such a prefix
    opens the form when the name after it is one the summary table lists."""
    line = _scanned_line(("=", 6), ("rosatsens", 60), ("namn:", 122), ("Vindrosen", 163),
                   ("Datum:", 350), ("2026-02-10", 419))
    head = heading_of(line, lexicon, ("Vindrosen", "Bron"))
    assert head is not None and (head.kind, head.title) == ("insatsrapport", "Vindrosen")
    assert heading_of(line, lexicon, ("Bron",)) is None  # the name unlisted: no such form
    # The name exactly, from the title's first word (review): not a name like it, nor prose.
    near = _scanned_line(("rosatsens", 60), ("namn:", 122), ("Vindrosem", 163))
    assert heading_of(near, lexicon, ("Vindrosen",)) is None
    prose = _scanned_line(("Insatsema", 57), ("nam", 120), ("Bron", 145), ("har", 175), ("pågått", 195))
    assert heading_of(prose, lexicon, ("Bron",)) is None
    assert heading_of(replace(line, words=[replace(w, confidence=1.0) for w in line.words],
                              label_words=[]), lexicon, ("Vindrosen",)) is None


def test_a_damaged_prefix_needs_a_title_and_its_words(lexicon):
    # Another wording is no damage: "insatser" is a word of its own, not "insatsen" misread
    # (a summary's heading line and a caption had opened forms "Kv Män Totalt" and "2024").
    for text in ("nsatsens namn", "Insatsen har haft 40 deltagare",
                 "Namn på insatser Kv Män Totalt", "Redovisning för insatser 2024",
                 "Redovisning för insatser som finansierats under året"):
        line = _one(100, text)
        ocr = replace(line, words=[replace(w, confidence=0.95) for w in line.words])
        head = heading_of(ocr, lexicon)
        assert head is None or head.kind != "insatsrapport"


@pytest.mark.parametrize("text, note_no, title", [
    ("— Not 2 Intäkter", 2, "Intäkter"),  # a scan's mark before the heading
    ("— Not 21 ntäkter", 2, "Intäkter"),  # "I" read as a "1" glued to the number
    ("Not 21 Övriga skulder", 21, "Övriga skulder"),  # a real note 21 stays 21
])
def test_scanned_note_headings(lexicon, text, note_no, title):
    head = heading_of(_one(100, text), lexicon)
    assert head is not None and (head.kind, head.note_no, head.title) == ("note", note_no, title)


def test_a_speck_before_a_notes_margin_number_is_no_part_of_it(lexicon):
    """Notes numbered in the margin under "Noter" ("2   Kostnader", "3   Fordringar"); a hard
    scan read a speck in the margin as "23" before the "3" and "Fordringar" as "Forddngar":
    the note was lost, its rows taken as the kostnader note's (its sum as that note's total).
    The number after the speck follows the note before it: the next note."""
    doc = lines(text_line(60, "Noter"), text_line(80, "2 Kostnader"),
                words(100, ("Lokalhyra", 50), ("124", 400), ("800", 420)),
                words(116, ("Summa", 50), ("124", 400), ("800", 420)),
                text_line(140, "23 3 Forddngar", x=30),
                words(160, ("Kundfordringar", 50), ("12", 405), ("500", 420)))
    notes = [(s.note_no, s.title, len(s.lines)) for s in split_sections(doc, lexicon) if s.kind == "note"]
    assert notes == [(2, "Kostnader", 3), (3, "Forddngar", 2)]
    # Not the next note's number: a line of the note (a row whose figures OCR lost).
    doc = lines(text_line(60, "Noter"), text_line(80, "2 Kostnader"), text_line(140, "23 7 Forddngar"))
    assert [s.note_no for s in split_sections(doc, lexicon) if s.kind == "note"] == [2]


def test_note_heading_numbered_without_its_word(lexicon):
    # A hard scan: the "Not" before "1" went with a ruling line into the margin.
    sec = heading_of(_one(97, "1 Verksamhetens intäkter och bidrag"), lexicon)
    assert (sec.kind, sec.note_no, sec.title) == ("note", 1, "Verksamhetens intäkter och bidrag")
    # A numbered line whose rest is no note title stays what it is.
    assert heading_of(_one(97, "1 Bidrag från Försäkringskassan"), lexicon) is None


@pytest.mark.parametrize("text, kind", [
    ("FfFemårisasmmandrag", "femarsoversikt"),  # "Fem år i sammandrag" glued, letters doubled
    ("Resu1tatrakningar", "resultatrakning"),  # an l read as 1, letters added
    ("Flerårsöversikf", "femarsoversikt"),  # a letter off: the loose match, as before
    ("PEerårsöversikt", "femarsoversikt"),  # a serif "Fl" read as "PE": two letters of 15 off
    # No heading: a row label or prose, a short heading's word, a non-statement heading.
    ("Verksamhetens intäkter", None),
    ("Samordningsförbundet", None),
    ("Nyckeltai", None),  # under the length a garbled heading needs
    ("Fem år i sammandrag visar att resultatet", None),  # too many words
    ("Verksamhetsberättelse", None),
])
def test_a_heading_ocr_glued_and_garbled_opens_its_statement_doubtful(lexicon, text, kind):
    """A hard scan read "Fem år i sammandrag" as "FfFemårisasmmandrag": no section opened and
    the whole overview was lost. Its letters, spaces gone, are close to the heading's: it
    opens the statement, headless (its figures no surer than a table found by its rows)."""
    line = _one(100, text)
    ocr = replace(line, words=[replace(w, confidence=0.9) for w in line.words])
    head = heading_of(ocr, lexicon)
    assert (head.kind if head else None) == kind
    if kind is not None and text != "Flerårsöversikf":
        assert head.headless
    exact = heading_of(line, lexicon)  # born-digital: as printed only
    assert exact is None or exact.kind == kind and not exact.headless


def test_a_garbled_overview_heading_caps_its_figures(lexicon):
    from core.settings import DIGITAL
    from parsers.document import parse_document
    head = [replace(w, confidence=0.9) for w in text_line(40, "FfFemårisasmmandrag")]
    page = lines(head, words(60, ("2021", 300), ("2020", 360), ("2019", 420), ("2018", 480)),
                 _row(80, "Verksamhetens intäkter", "1000", "900"),
                 _row(95, "Årets resultat", "100", "-50"))
    doc = parse_document(page, lexicon, 2021)
    rows = doc.statements["femarsoversikt"].rows
    amounts = [a for r in rows for a in r.amounts]
    assert amounts and all(a.confidence <= DIGITAL.tables.headless_confidence for a in amounts)


def _lost_summary_heading(heads: list[list]) -> list:
    """A goal table, then a summary table on the next lines whose heading a scan read as
    "ning" (variety-08, scan seed 9): its column headings ``heads``, four insatser and a sum,
    a caption below; every word as OCR read it."""
    rows = [("Fyrbåken", 25, 45, 27, 14, 31), ("Mötesplatsen", 25, 14, 4, 4, 10),
            ("Vindrosen", 40, 13, 8, 5, 8), ("Summa", 90, 72, 39, 23, 49)]
    parts = [text_line(60, "Måluppfyllelse"), text_line(80, "Mål Resultat"),
             text_line(96, "Deltagarna ska få en kontaktperson Målet bedöms ha uppnåtts"),
             text_line(130, "ning"), *heads,
             *[words(200 + 15 * i, (name, 50), *[(str(v), 240 + 62 * k) for k, v in enumerate(vs)])
               for i, (name, *vs) in enumerate(rows)],
             text_line(270, "Deltagare per insats 2023.")]
    return lines(*[[replace(w, confidence=0.95) for w in part] for part in parts])


def test_a_summary_table_whose_heading_ocr_lost_is_found_by_its_column_headings(lexicon):
    """The table had read on into the goal section above it, and no count of it was kept."""
    from parsers.document import parse_document
    heads = [words(150, ("Antal", 424)),
             words(165, ("Budget", 235), ("Totalt", 290), ("antal", 320), ("avslutade", 415),
                   ("Pågående", 480)),
             words(180, ("Insats", 50), ("antal", 232), ("delt.", 262), ("delt.", 300),
                   ("Nya", 355), ("delt.", 375), ("delt.", 424), ("delt.", 486))]
    doc = parse_document(_lost_summary_heading(heads), lexicon, 2023)
    got = {(c.insats, c.measure): c.value for c in doc.participants if c.source_table == "summary"}
    assert got[("Fyrbåken", "budget_deltagare")] == 25
    assert got[("Mötesplatsen", "nya")] == 4
    assert got[("Vindrosen", "pagaende")] == 8
    assert got[("", "deltagare")] == 72
    assert len(got) == 20
    # Found by its column headings, no heading read: every count doubtful.
    assert all(c.confidence < DIGITAL.checks.uncertain_below for c in doc.participants)
    # Born-digital, a heading is never lost: a table under no heading stays where it is.
    digital = [replace(ln, words=[replace(w, confidence=1.0) for w in ln.words])
               for ln in _lost_summary_heading(heads)]
    assert not parse_document(digital, lexicon, 2023).participants


def test_rows_under_a_budget_follow_ups_headings_are_no_lost_summary(lexicon):
    """An insats's budget follow-up in tkr ("Insats | Budget | Utfall | Avvikelse") prints
    small whole figures too: one heading word a measure of people ("Budget") is not enough."""
    from parsers.document import parse_document
    heads = [words(180, ("Insats", 50), ("Budget", 235), ("Utfall", 300), ("Avvikelse", 355),
                   ("Prognos", 424))]
    doc = parse_document(_lost_summary_heading(heads), lexicon, 2023)
    assert not [c for c in doc.participants if c.source_table == "summary"]


def test_a_lost_summarys_headings_may_name_groups_of_people_beside_a_measure(lexicon):
    """"Insats | Deltagare | Kvinnor | Män": a measure and two groups. Groups alone
    ("Medelantal | Kvinnor | Män | Totalt") head a staff note's table as well: no summary."""
    from parsers.document import parse_document
    heads = [words(180, ("Insats", 50), ("Deltagare", 225), ("Kvinnor", 295), ("Män", 362))]
    doc = parse_document(_lost_summary_heading(heads), lexicon, 2023)
    got = {(c.insats, c.group): c.value for c in doc.participants if c.source_table == "summary"}
    assert got[("Fyrbåken", "kvinnor")] == 45
    staff = [words(180, ("Medelantal", 50), ("Kvinnor", 235), ("Män", 300), ("Totalt", 362))]
    doc = parse_document(_lost_summary_heading(staff), lexicon, 2023)
    assert not [c for c in doc.participants if c.source_table == "summary"]
