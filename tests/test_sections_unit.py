"""The section splitter (parsers/sections.py), word by word: which lines open a section, of
what kind and with what title; running headers and footers dropped."""

from __future__ import annotations

import pytest

from core.lexicon import load_lexicon
from parsers.sections import drop_running_lines, heading_of, split_sections
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
    "Bilaga 3 Måluppfyllelse",  # and a bilaga's number before them
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


@pytest.mark.parametrize("text, note_no, title", [
    ("— Not 2 Intäkter", 2, "Intäkter"),  # a scan's mark before the heading
    ("— Not 21 ntäkter", 2, "Intäkter"),  # "I" read as a "1" glued to the number
    ("Not 21 Övriga skulder", 21, "Övriga skulder"),  # a real note 21 stays 21
])
def test_scanned_note_headings(lexicon, text, note_no, title):
    head = heading_of(_one(100, text), lexicon)
    assert head is not None and (head.kind, head.note_no, head.title) == ("note", note_no, title)
