"""Cut a document's lines into sections by their headings (statements, notes, the rest)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from rapidfuzz import fuzz, process

from core.lexicon import BILAGA_NUMBER, Lexicon, fold
from core.ocrtext import foreign_word, unknown_word
from core.settings import DIGITAL
from core.types import Cell
from parsers.layout import Line
from parsers.rows import YEAR_RE, is_header_line, is_speck_cell, is_year_cell

_NUMBERING_RE = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+")
# Marks before a heading's first word ("— Not 2"): a scan's ruling line or a speck.
_LEADING_MARKS = re.compile(r"^[\s\W_]+")
# A heading is short: longer lines are prose that mentions the word.
MAX_HEADING_WORDS = DIGITAL.sections.max_heading_words
# Running headers and footers sit in this top/bottom share of the page.
MARGIN_SHARE = DIGITAL.sections.margin_share


@dataclass
class Section:
    kind: str  # a statement name, "note", "noter" or "other"
    heading: str
    lines: list[Line] = field(default_factory=list)
    note_no: int | None = None
    title: str = ""
    # The heading line is also the table's heading row ("Statistik KRUS | Totalt | Kvinnor").
    table_title: bool = False
    # A statement without a heading of its own, listed only in the table of contents and
    # found by its rows (``_unheaded``): its kind is inferred, its figures less sure.
    headless: bool = False
    # Found by its rows alone, no heading read (a five-year overview under year headings):
    # every figure doubtful, the table's kind a guess however exact its rows.
    by_rows: bool = False


def _strip_dates(text: str) -> str:
    return " ".join(w for w in text.split() if not any(ch.isdigit() for ch in w)).strip(" .:")



def _prefixed(line: Line, lexicon: Lexicon, insats_names: tuple[str, ...] = ()) -> Section | None:
    """A line opening with one of the lexicon's section prefixes ("Insatsens namn: X"), as
    printed or, failing that, as OCR damaged it ("nsatsens namn: X"; after a ruling line's
    marks, "= rosatsens namn: Vindrosen", when the summary table lists the name)."""
    folded = fold(line.text)
    found = next(((prefix, kind) for kind, prefixes in lexicon.section_prefixes.items()
                  for prefix in prefixes if folded == fold(prefix) or folded.startswith(fold(prefix) + " ")),
                 None)
    if found is None and any(w.confidence < 1 for w in line.words):  # born-digital: as printed
        marks = next((k for k, w in enumerate(line.words) if any(ch.isalnum() for ch in w.text)),
                     len(line.words))
        line = replace(line, words=line.words[marks:])
        found = _damaged_prefix(line, lexicon, insats_names)
    if found is None:
        return None
    prefix, kind = found
    n = len(prefix.rstrip(":").split())
    return Section(kind, line.text, [], None, _prefix_title(line, n, lexicon))


def _prefix_title(line: Line, n: int, lexicon: Lexicon) -> str:
    """The title after a prefix of ``n`` words, without its field words and marks."""
    title = " ".join(w.text for w in line.words[n:]).lstrip(": ")
    return _TRAILING_MARKS.sub("", lexicon.title_field.sub("", title).strip(" :"))


# Marks a scan's specks leave after a title ("TRAMPOLINEN ="): stops, bars, dashes, quotes.
_TRAILING_MARKS = re.compile(r"[\s.,:;=‘’'\"—–_|~*-]+$")
PREFIX_SCORE = DIGITAL.sections.prefix_score
PREFIX_MIN_CHARS = DIGITAL.sections.prefix_min_chars
PREFIX_NAMED_SCORE = DIGITAL.sections.prefix_named_score


def _damaged_prefix(line: Line, lexicon: Lexicon,
                   insats_names: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """(prefix, kind) of a long prefix the line's first words are a damaged print of, a title
    after them: a letter lost or misread, the words otherwise the prefix's; two letters
    misread ("rosatsens namn"), PREFIX_NAMED_SCORE, when the title is an insats the
    summary table lists."""
    best: tuple[float, str, str] | None = None
    for kind, prefixes in lexicon.section_prefixes.items():
        for prefix in prefixes:
            p = fold(prefix).rstrip(":")
            n = len(p.split())
            if len(p) < PREFIX_MIN_CHARS or len(line.words) <= n:
                continue
            read = [w.text for w in line.words[:n]]
            score = fuzz.ratio(fold(" ".join(read)).rstrip(":"), p)
            # Damage, not another wording: a word that differs from the prefix's is no word
            # of the lexicon ("nsatsens"); "Redovisning för insatser" is another line's.
            other = any(fold(r).rstrip(":") != q and not unknown_word(r, lexicon.vocabulary)
                        for r, q in zip(read, p.split(), strict=True))
            enough = score >= PREFIX_SCORE or (
                score >= PREFIX_NAMED_SCORE and kind == "insatsrapport"
                and _opens_with_listed(_prefix_title(line, n, lexicon), lexicon, insats_names))
            if enough and not other and (best is None or score > best[0]):
                best = (score, prefix, kind)
    return (best[1], best[2]) if best else None


def _opens_with_listed(title: str, lexicon: Lexicon, insats_names: tuple[str, ...]) -> bool:
    """Whether the title is a name the summary table lists, exactly and alone."""
    hit = lexicon.insats_name(title, insats_names) if insats_names else None
    return hit is not None and hit[1] == "exact" and fold(title) == fold(hit[0])


# A report of one insats may be titled with a document word and its name only
# ("Årsredovisning Plattformen 2024"): short lines like that, naming a known insats.
MAX_INSATS_TITLE_WORDS = DIGITAL.sections.max_insats_title_words


def _insats_title(line: Line, lexicon: Lexicon, insats_names: tuple[str, ...]) -> Section | None:
    words = line.text.split()
    if not insats_names or len(words) > MAX_INSATS_TITLE_WORDS:
        return None
    if fold(words[0]) not in lexicon.insats_titles.document_words:
        return None
    # The title as printed: the caller matches it to the summary table's name and says how.
    rest = " ".join(words[1:])
    return Section("insatsrapport", line.text, [], None, rest) \
        if lexicon.insats_name(rest, insats_names) else None


# A table title's words end where a gap this wide (in text heights) opens: the column
# headings of the same line follow ("Statistik KRUS      Totalt  Kvinnor  Män").
TITLE_RUN_GAP = DIGITAL.sections.title_run_gap
# An insats name not in the summary table is at most this many words.
MAX_INSATS_NAME_WORDS = DIGITAL.sections.max_insats_name_words


def _first_run(line: Line, runs: int = 1) -> list[str]:
    """The line's words up to the ``runs``-th gap of TITLE_RUN_GAP."""
    run = line.words[:1]
    for w in line.words[1:]:
        if w.x0 - run[-1].x1 > TITLE_RUN_GAP * line.height:
            runs -= 1
            if not runs:
                break
        run.append(w)
    return [w.text for w in run]


def _named_insats(rest: list[str], lexicon: Lexicon, insats_names: tuple[str, ...],
                  known_only: bool) -> str | None:
    """The insats a table title names after its title words: one the summary table lists
    (across spelling and case), else (unless ``known_only``) a name-like rest (capitalised,
    short, not generic)."""
    text = " ".join(rest).strip(" :–-")
    if not text:
        return None
    if insats_names and lexicon.insats_name(text, insats_names):
        return text  # as printed: the caller matches it to the summary's name, saying how
    if known_only:
        return None
    generic = lexicon.insats_titles.generic
    meaningful = [w for w in rest if fold(w) and fold(w) not in generic]
    if not meaningful or not rest[0][:1].isupper() or len(rest) > MAX_INSATS_NAME_WORDS:
        return None
    return text


def _table_title(line: Line, lexicon: Lexicon, insats_names: tuple[str, ...]) -> Section | None:
    """"Statistik KOMPASS", "Måluppfyllelse Krus | Resultat", "Måluppfyllnad för Vägen
    vidare": a participant or goal table titled with its insats (lexicon
    ``[insats_titles.tables]``). The title may be the first column's heading. On a scan, a
    ruling line under the title may be read after it as words and specks, the specks cells
    of their own ("Statistik VINDROSEN 2557 205 20 Oe Te a"), a digit perhaps among them: a
    title still when it names an insats the summary table lists, its words those before the
    first cell, the rest no headings."""
    figures = [c for c in line.cells if not is_year_cell(c)]
    ocr = any(w.confidence < 1 for w in line.words)
    # Specks, and a rule's one digit at most ("Statistik Vindrosen 40 23" is a row of counts).
    digits = [c for c in figures if not is_speck_cell(c)]
    if figures and not (ocr and (not digits or (len(digits) == 1 and len(digits[0].text) == 1))):
        return None
    words = line if not figures else _before_figure(line, figures[0])
    run = _first_run(words)
    if len(run) > MAX_INSATS_TITLE_WORDS:
        return None
    pairs = [(w, fold(w)) for w in run if fold(w)]
    folded = [f for _, f in pairs]
    for prefix, kind, known_only in lexicon.insats_titles.tables:
        n = len(prefix.split())
        if len(pairs) == n and ocr and _title_words(folded, prefix.split(), ocr):
            # The title words alone before a gap: on a scan, a ruling line through the name
            # may box it apart ("Statistik      Kugghjule"); the next run is the name when
            # the summary table lists it.
            name = _name_apart(words, n, lexicon, insats_names)
            if name:
                return Section(kind, line.text, [], None, name, table_title=not figures and len(
                    _first_run(words, 2)) < len(line.words))
        if len(pairs) > n and _title_words(folded[:n], prefix.split(), ocr):
            name = _named_insats([w for w, _ in pairs[n:]], lexicon, insats_names, known_only)
            if name and figures and not lexicon.insats_name(name, insats_names):
                continue
            if name:
                return Section(kind, line.text, [], None, name,
                               table_title=not figures and len(run) < len(line.words))
    return None


# A name boxed apart from its title word stands at most this far (text heights) from it.
NAME_APART_GAP = DIGITAL.sections.name_apart_gap


def _name_apart(line: Line, n: int, lexicon: Lexicon, insats_names: tuple[str, ...]) -> str | None:
    """The insats the run after the line's first ``n`` words (its title words) names, as
    printed: one listed in the summary table, the run its name alone (no more words than
    the name's), NAME_APART_GAP from the title at most, and no other listed name after it
    (a heading row of insatser, "Statistik | Kugghjulet | Vindrosen")."""
    run = _first_run(line, 2)
    rest = [w for w in run[n:] if fold(w)]
    if not rest or len(run) > MAX_INSATS_TITLE_WORDS or \
            line.words[n].x0 - line.words[n - 1].x1 > NAME_APART_GAP * line.height:
        return None
    hit = lexicon.insats_name(" ".join(rest), insats_names)
    if hit is None or len(rest) > len(hit[0].split()):
        return None
    after = [w.text for w in line.words[len(run):]]
    if any(lexicon.insats_name(w, insats_names) for w in after if fold(w)):
        return None
    return " ".join(rest)


def _before_figure(line: Line, figure: Cell) -> Line:
    """``line`` up to the cell ``figure``."""
    return replace(line, words=[w for w in line.words if w.x1 <= figure.x0])


TITLE_WORD_MIN_CHARS = DIGITAL.sections.title_word_min_chars
TITLE_WORD_SCORE = DIGITAL.sections.title_word_score


def _title_words(words: list[str], prefix: list[str], ocr: bool) -> bool:
    """The folded words are the title prefix's: as printed, or on an OCR'd line a long word
    a letter off (OCR's "Maluppfyllinad" for "Måluppfyllnad"); born-digital titles exact."""
    return len(words) == len(prefix) and all(
        w == p or (ocr and len(p) >= TITLE_WORD_MIN_CHARS and fuzz.ratio(w, p) >= TITLE_WORD_SCORE)
        for w, p in zip(words, prefix, strict=True))


# "Bilaga 3": a heading's number is at most this.
MAX_HEADING_NUMBER = DIGITAL.sections.max_heading_number


def _numbered(line: Line, lexicon: Lexicon) -> Section | None:
    """A heading printed with its number ("Bilaga 3"), of the lexicon's numbered headings."""
    if len(line.cells) != 1 or not 0 < (line.cells[0].value or 0) <= MAX_HEADING_NUMBER:
        return None
    kind = lexicon.numbered_heading(line.label)
    return Section(kind, line.text) if kind else None


_ANY_NUMBERED_RE = re.compile(rf"^\s*(?P<word>[^\W\d_]+)\.?\s*{BILAGA_NUMBER}\s*[.,:\-–]?\s+(?P<rest>\S.*)$")


def _loose_numbered_prefix(label: str, lexicon: Lexicon) -> re.Match | None:
    """"Bllaga 1, Resultaträkning" on a scan: a numbered heading's word a letter or two off."""
    m = _ANY_NUMBERED_RE.match(label)
    return m if m and lexicon.near_numbered_heading(m.group("word")) else None


def _undated(label: str, lexicon: Lexicon, ocr: bool = False) -> str:
    """The heading before its date: "Balansräkning per 31 december 2025" → "Balansräkning
    per", "Resultaträkning 2025-01-01 – 2025-12-31" → "Resultaträkning" (a date starts at a
    word with a digit or at a month name). Taken for statement headings only: a table title
    with a month ("Statistik december") is left to its own parser."""
    words = label.split()
    for i, w in enumerate(words):
        # A range of months is one word ("januari–december", "jan-dec").
        first = (fold(w).split() or [""])[0]
        if i and (any(ch.isdigit() for ch in w) or first in lexicon.month_words
                  or (ocr and lexicon.near_month(first))):
            return " ".join(words[:i]).rstrip(" ,:-–")
    return label


def _note(text: str, lexicon: Lexicon) -> Section | None:
    """A note's heading; a scan's marks before it ("— Not 2") are no part of it, and a title's
    capital I that OCR read as a 1 glued to the number ("Not 21 ntäkter") is given back
    when the lexicon then knows the title better (exactly, not loosely)."""
    m = lexicon.note_heading.match(_LEADING_MARKS.sub("", text))
    if not m:
        return None
    number, title = int(m.group(1)), _strip_dates(m.group(2))
    if number > 10 and number % 10 == 1 and title[:1].islower():
        hit, capital = lexicon.note_match(title), lexicon.note_match("I" + title)
        if capital is not None and (hit is None or capital.how == "exact" != hit.how):
            number, title = number // 10, "I" + title
    return Section("note", text, [], number, title)


# A note numbered without its word ("1 Verksamhetens intäkter och bidrag": printed so, or
# the "Not" before it lost on a scan): the number, then a title the lexicon knows exactly.
_BARE_NOTE_RE = re.compile(r"^\s*(\d{1,2})[.:]?\s+(\D.*)$")


# ... or after its word OCR misread a letter of ("Nat 3 Personalkostnader"), or read as a
# speck's letter or two ("a 4 Kortfristiga skulder").
_MISREAD_NOTE_RE = re.compile(r"^\s*(\S{1,4}?)\.?\s+(\d{1,2}[.:]?\s+\D.*)$")
NOTE_WORD_SPECK = DIGITAL.sections.note_word_speck_chars


def _speck_word(misread: re.Match, line: Line, lexicon: Lexicon) -> bool:
    """A scan's note word read as a speck's letter or mark ("a 4 Kortfristiga skulder"): no
    digit, no word the vocabulary holds ("Av 3 personalkostnader" is prose), and a
    capitalised title after the number."""
    word, rest = misread.group(1), misread.group(2)
    title = rest.lstrip("0123456789.: ")
    return len(word) <= NOTE_WORD_SPECK and not any(c.isdigit() for c in word) and \
        (not any(c.isalpha() for c in word) or foreign_word(word, lexicon.vocabulary, lexicon.short_words)) \
        and \
        title[:1].isupper() and any(w.confidence < 1 for w in line.words)


def _bare_note(line: Line, lexicon: Lexicon) -> Section | None:
    text = line.text
    misread = _MISREAD_NOTE_RE.match(text)
    if misread and (lexicon.near_note_word(misread.group(1)) or _speck_word(misread, line, lexicon)):
        text = misread.group(2)
    m = _BARE_NOTE_RE.match(text)
    if not m or line.cells or not 0 < int(m.group(1)) <= MAX_HEADING_NUMBER:
        return None
    hit = lexicon.note_match(m.group(2))
    if hit is None or hit.how != "exact":
        return None
    return Section("note", line.text, [], int(m.group(1)), m.group(2).strip())


def heading_of(line: Line, lexicon: Lexicon, insats_names: tuple[str, ...] = ()) -> Section | None:
    text = line.text
    note = _note(text, lexicon) or _bare_note(line, lexicon)
    if note is not None:
        return note
    prefixed = _prefixed(line, lexicon, insats_names) or _insats_title(line, lexicon, insats_names) or \
        _table_title(line, lexicon, insats_names)
    if prefixed is not None:
        return prefixed
    # A scan's speck beside a heading, in a figure column (";" read at confidence 0 and left
    # a cell without a figure), makes no table row of it.
    cells = [c for c in line.cells if not is_speck_cell(c)]
    if cells and not all(is_year_cell(c) for c in cells):
        return _numbered(line, lexicon)
    # A scan's mark before a numbered heading ("— 6 Balansräkning"); a heading is short in
    # words, its date and period aside ("Resultaträkning 1 januari – 31 december 2016").
    label = _NUMBERING_RE.sub("", _LEADING_MARKS.sub("", line.label))
    if not label or _word_count(label) > MAX_HEADING_WORDS:
        return None
    ocr = any(w.confidence < 1 for w in line.words)
    found = _kind_of(label, lexicon, ocr)
    if found is None:
        return _garbled(label, lexicon) if ocr else None
    kind, label = found
    if kind == "kassaflodesanalys" and "finansieringsanalys" in fold(label):
        return Section(kind, "Finansieringsanalys")
    return Section(kind, label)


GARBLED_HEADING_MAX_WORDS = DIGITAL.sections.garbled_heading_max_words


def _garbled(label: str, lexicon: Lexicon) -> Section | None:
    """A heading OCR glued, split and garbled ("FfFemårisasmmandrag", "Dr ift redo visn ing
    i det alj", "Bilaga 2 Rees ltat rakning"), on an OCR'd line without figures: its kind is a
    guess, so it opens its section headless (a statement's figures no surer than a headless
    table's: exact rows sure as a loose match, the others doubtful). A sentence (a full stop
    at its end) is prose, however close."""
    if _word_count(label) > GARBLED_HEADING_MAX_WORDS or label.rstrip().endswith("."):
        return None
    cfg = DIGITAL.sections

    def garbled(text: str, kinds: frozenset[str]) -> str | None:
        return lexicon.section_of_garbled(text, kinds, cfg.garbled_heading_score,
                                          cfg.garbled_heading_min_chars) if text else None
    # Before its date, as OCR read it ("Balans rakk nig per 3l decemb er 20l6"): from the first
    # word with a digit (a month's name is no cut: a garbled heading's piece may be one: "mar").
    words = _after_numbered_word(label, lexicon).split()
    dated = next((i for i, w in enumerate(words) if i and any(ch.isdigit() for ch in w)), len(words))
    # (A digit may be a letter of the heading misread: "Resultat rak1ning"; whole first. A
    # label without a date is searched once.)
    kind = garbled(" ".join(words), lexicon.section_kinds) or \
        (garbled(" ".join(words[:dated]), lexicon.section_kinds) if dated < len(words) else None)
    # A statement named beside the document's title or the förbund's name (a running header).
    # OCR may have split the heading into as many words as a heading may have.
    beside = [t for t in [_title_rest(label, lexicon),
                          *_forbund_rests(label, lexicon, MAX_HEADING_WORDS)] if t]
    kind = kind or next((k for t in beside if (k := garbled(t, lexicon.statement_heading_kinds))), None)
    return Section(kind, label, headless=True) if kind else None


_NUMBER_WORD_RE = re.compile(rf"^{BILAGA_NUMBER}[.,:]?$")
# A numbered heading's word ("Bilaga") OCR split into at most this many pieces.
NUMBERED_WORD_PIECES = DIGITAL.sections.numbered_word_pieces


def _after_numbered_word(label: str, lexicon: Lexicon) -> str:
    """The heading after a numbered heading's word and number ("Bi laga 1, Resu ltat räkning"
    → "Resu ltat räkning"), the word a letter or two off and split in pieces; else the label."""
    words = label.split()
    for i in range(1, min(NUMBERED_WORD_PIECES, len(words) - 2) + 1):
        if _NUMBER_WORD_RE.match(words[i]) and lexicon.near_numbered_heading("".join(words[:i])):
            return " ".join(words[i + 1:])
    return label


def _word_count(label: str) -> int:
    """Words with letters; a letter-spaced word's letters ("R E S U L T A T") are one."""
    words = [w for w in label.split() if any(ch.isalpha() for ch in w)]
    return 1 if _spaced_letters(words) else len(words)


def _kind_of(label: str, lexicon: Lexicon, ocr: bool = False) -> tuple[str, str] | None:
    """(kind, heading) of a heading's label: as printed; a statement's heading also before
    its date or qualifier, or after a bilaga's number ("Bilaga 1, Resultaträkning"). On an
    OCR'd line (``ocr``) the words around the heading may be a letter or two off."""
    kind = lexicon.section_of(label)
    if kind is not None:
        return kind, label
    statements = lexicon.statement_heading_kinds
    undated = _undated(label, lexicon, ocr)
    if undated != label and (kind := lexicon.section_of(undated)) in statements:
        return kind, undated
    # Qualifiers after the heading, before or after its date ("Driftredovisning i detalj
    # för perioden 2016-01-01 – 2016-12-31", "Balansräkning i sammandrag per 31 december").
    if (kind := lexicon.unqualified_heading(label, ocr) or lexicon.unqualified_heading(undated, ocr)):
        return kind, label
    # A bilaga's heading of any section ("Bilaga 2 Uppföljning av deltagare").
    m = lexicon.numbered_prefix.match(label) or (_loose_numbered_prefix(label, lexicon) if ocr else None)
    if m and (found := _kind_of(m.group("rest"), lexicon, ocr)):
        return found
    bare = _without_column_heads(label, lexicon)
    if bare != label and (kind := lexicon.section_of(bare)) in statements:
        return kind, bare
    return _letter_spaced(label, lexicon) or _beside_forbund(label, lexicon) or _beside_title(label, lexicon)


# A letter-spaced heading: at least this many words, nearly all of one letter.
LETTER_SPACED_MIN_WORDS = DIGITAL.sections.letter_spaced_min_words
LETTER_SPACED_SHARE = DIGITAL.sections.letter_spaced_share


def _spaced_letters(words: list[str]) -> bool:
    """Enough words, most of them one letter: a word printed letter-spaced."""
    return len(words) >= LETTER_SPACED_MIN_WORDS and \
        sum(len(w) == 1 for w in words) >= LETTER_SPACED_SHARE * len(words)


def _letter_spaced(label: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """A heading printed letter-spaced ("R E S U L T A T R Ä K N I N G", "M Å L U P P F Y L L
    E L S E"), each letter a word of its own."""
    words = label.split()
    if not _spaced_letters(words):
        return None
    kind = lexicon.section_of_unspaced(label)
    return (kind, label) if kind else None


def _beside_title(label: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """A statement heading beside the document's title, as a page's running header names the
    statement on it ("Årsredovisning 2016 – Resultaträkning", "Balansräkning |
    Årsredovisning 2016"): the words left when the title's words, years and marks are taken
    off either end."""
    rest = _title_rest(label, lexicon)
    found = _kind_of(rest, lexicon) if rest else None
    return found if found and found[0] in lexicon.statement_heading_kinds else None


def _title_rest(label: str, lexicon: Lexicon) -> str | None:
    """The words of a running header beside the document's title, years and marks (None
    without a title word)."""
    words = label.split()

    def titled(w: str) -> bool:
        return fold(w) in lexicon.title_words or not any(c.isalpha() for c in w)
    start, end = 0, len(words)
    while start < end and titled(words[start]):
        start += 1
    while end > start and titled(words[end - 1]):
        end -= 1
    rest = words[start:end]
    if len(rest) == len(words) or not any(fold(w) in lexicon.title_words for w in words) or not rest:
        return None
    return " ".join(rest)


# A statement's heading beside the förbund's name is at most this many words.
MAX_NAMED_HEADING_WORDS = DIGITAL.sections.max_named_heading_words


def _beside_forbund(label: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """A statement heading printed with the förbund's name ("Resultaträkning för
    Samordningsförbundet Norrsjön", "Norrsjöns samordningsförbund – Balansräkning"): the
    words before the name's generic noun, or the last words after it. The rest of the line
    is the name only (capitalised words, marks, "för", "i"): prose that names the förbund and
    a statement ("Samordningsförbundet har upprättat en balansräkning") is no heading."""
    for text in _forbund_rests(label, lexicon):
        found = _kind_of(text, lexicon) if text else None
        if found and found[0] in lexicon.statement_heading_kinds:
            return found
    return None


def _forbund_rests(label: str, lexicon: Lexicon, most: int = MAX_NAMED_HEADING_WORDS) -> list[str]:
    """The words before a förbund's name's generic noun, or the last words (``most`` at most)
    after it, when the rest of the line is the name only."""
    words = label.split()
    nw = lexicon.name_words
    at = next((i for i, w in enumerate(words) if fold(w) in nw.generic | nw.brands), None)
    if at is None:
        return []
    link = nw.connectors | nw.lead_in | nw.lead_in_phrase

    def name_only(part: list[str]) -> bool:
        return all(w[:1].isupper() or not any(c.isalpha() for c in w) or fold(w) in link
                   for w in part)
    before = [" ".join(words[:k]) for k in range(at, 0, -1) if name_only(words[k:at])]
    after = [" ".join(words[-n:]) for n in range(1, most + 1)
             if len(words) - n > at and name_only(words[:at] + words[at + 1:len(words) - n])]
    return [t.strip(" ,:-–") for t in before + after]


def _without_column_heads(label: str, lexicon: Lexicon) -> str:
    """A statement heading on the line of its column headings ("Kassaflödesanalys  Not  2016
    2015", "Resultaträkning  Belopp i kr  Utfall"): the label without the trailing column
    and unit words (the years are cells already)."""
    heads = set(lexicon.columns.exact) | set(lexicon.units.exact)
    words = label.split()
    cut = True
    while cut and len(words) > 1:
        cut = False
        for n in range(min(4, len(words) - 1), 0, -1):
            if fold(" ".join(words[-n:])) in heads:
                words, cut = words[:-n], True
                break
    return " ".join(words)


# Two margin lines are the same running header or footer when this similar (rapidfuzz ratio).
RUNNING_LINE_SIMILARITY = DIGITAL.sections.running_line_score
# ... repeated on this many pages (or a third of them).
RUNNING_LINE_PAGES = DIGITAL.sections.running_line_pages


def drop_running_lines(pages: list[list[Line]], lexicon: Lexicon | None = None) -> list[list[Line]]:
    """Remove headers and footers: the same text (digits aside) in the margin of many pages.
    With the ``lexicon``, a running header that names the statement on its page
    ("Årsredovisning 2016 – Resultaträkning", "... – Balansräkning") is the same line only as
    the headers that name the same statement: it is kept as that page's heading."""
    if len(pages) < 3:
        return pages
    def key(line: Line) -> tuple[str, str]:
        head = heading_of(line, lexicon) if lexicon is not None else None
        kind = head.kind if head is not None and head.kind in lexicon.statement_heading_kinds else ""
        return kind, fold(line.text)
    def in_margin(line: Line) -> bool:
        return line.top < MARGIN_SHARE * line.page_height or \
            line.bottom > (1 - MARGIN_SHARE) * line.page_height
    # Column headings at the top of each statement's page ("Belopp i kronor  2010  2009") are
    # no running line: a header prints one year, if any.
    def column_heads(line: Line) -> bool:
        return len(line.cells) >= 2 and all(is_year_cell(c) for c in line.cells)
    keyed = [[(ln, key(ln) if in_margin(ln) and not column_heads(ln) else ("", "")) for ln in page]
             for page in pages]
    margins = [{k for _, k in page if k[1]} for page in keyed]
    limit = max(RUNNING_LINE_PAGES, len(pages) // 3)

    # OCR reads the same footer a little differently on each page ("Norrsjön", "Norrsjen"):
    # a line counts as repeated on a page with a close enough margin line.
    @cache
    def repeated(k: tuple[str, str]) -> bool:
        def on(keys: set[tuple[str, str]]) -> bool:
            texts = [t for kind, t in keys if kind == k[0]]
            return bool(texts) and (k[1] in texts or process.extractOne(
                k[1], texts, scorer=fuzz.ratio, score_cutoff=RUNNING_LINE_SIMILARITY) is not None)
        return sum(1 for keys in margins if on(keys)) >= limit
    return [[ln for ln, k in page if not (k[1] and repeated(k))] for page in keyed]


def split_sections(lines: list[Line], lexicon: Lexicon,
                   insats_names: tuple[str, ...] = ()) -> list[Section]:
    """``insats_names``: insatser the document names elsewhere (its summary table); a short
    title line naming one opens that insats's report."""
    sections: list[Section] = [Section("other", "")]
    lines = _join_broken_headings(lines, lexicon)
    for line in lines:
        head = heading_of(line, lexicon, insats_names)
        head = _numbered_note(line, sections[-1], lexicon, head is None) or head \
            or _misnumbered_note(line, sections[-1], lexicon)
        if head is not None and _goal_heading_row(line, head, sections[-1], lexicon):
            head = None
        if head is not None:
            head.lines.append(line)
            sections.append(head)
        else:
            sections[-1].lines.append(line)
    sections = [part for sec in sections for part in _split_combined(sec, lexicon)]
    listed = _listed_only(lines, sections, lexicon)
    for kind, heading in listed + _unlisted(listed, sections, lexicon):
        sections = _unheaded(sections, kind, heading, lexicon)
    for kind, heading in _lost_headings(listed, sections, lexicon):
        sections = _unheaded(sections, kind, heading, lexicon, statements_only=True)
    sections = _budget_table_by_heads(sections, lexicon)
    sections = _overview_by_years(sections, lexicon)
    sections = _summary_by_heads(sections, lexicon)
    # "Not 2" alone on its line: the title is the next label-only line.
    for sec in sections:
        if sec.kind == "note" and not sec.title and len(sec.lines) > 1:
            nxt = sec.lines[1]
            if nxt.label and not nxt.cells:
                sec.title = _strip_dates(nxt.label)
                sec.lines.pop(1)
    return sections


def _goal_heading_row(line: Line, head: Section, current: Section, lexicon: Lexicon) -> bool:
    """A goal table's heading row under its goal section's title ("Måluppfyllelse KRUS" /
    "Mål | Måluppfyllelse"): its status column's heading is no new section (which would take
    the goals from their insats)."""
    if head.kind != "maluppfyllelse" or current.kind != "maluppfyllelse":
        return False
    from parsers.goals import goal_heading_row  # goals reads sections: imported at use
    return goal_heading_row(line, lexicon)


# A heading broken over two lines ends its first line unfinished: a suspended compound's hyphen
# or a joining word ("Resultat- och" / "balansräkning", "Drift- och" / "investeringsredovisning").
_UNFINISHED_RE = re.compile(r"(?:\w-|\boch|\bsamt|,)$", re.IGNORECASE)
# The second line starts this close below the first (in text heights).
BROKEN_HEADING_GAP = DIGITAL.sections.broken_heading_gap


def _join_broken_headings(lines: list[Line], lexicon: Lexicon) -> list[Line]:
    """Two label lines that are one statement heading broken after an unfinished first line,
    made one line (each alone is no heading)."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        a = lines[i]
        b = lines[i + 1] if i + 1 < len(lines) else None
        # A scan's ruling line or speck read as marks after the first line ("Drift- och —").
        first = _without_trailing_marks(a.words)
        if b is not None and not a.cells and not b.cells and a.page == b.page and first and \
                0 <= b.top - a.bottom <= BROKEN_HEADING_GAP * a.height and \
                len(first) + len(b.words) <= MAX_HEADING_WORDS:
            joined = Line(a.page, first + b.words, first + b.label_words, [], a.page_height)
            head = heading_of(joined, lexicon)
            # Broken after an unfinished first line, a statement's heading; broken anywhere
            # ("Analys av det ekonomiska" / "resultatet"), a heading neither line is alone.
            unfinished = _UNFINISHED_RE.search(" ".join(w.text for w in first)) and head is not None \
                and head.kind in lexicon.statement_heading_kinds | {"noter"}
            anywhere = head is not None and head.kind not in ("note", "insatsrapport") and \
                heading_of(b, lexicon) is None
            if (unfinished or anywhere) and heading_of(a, lexicon) is None:
                out.append(joined)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _without_trailing_marks(words: list) -> list:
    """The words before any trailing words without a letter or digit ("—", "|", "_")."""
    end = len(words)
    while end and not any(ch.isalnum() for ch in words[end - 1].text):
        end -= 1
    return words[:end]


_NOTE_NUMBER_RE = re.compile(r"^\s*(\d{1,2})[.):]?\s+(\S.*)$")


def _numbered_note(line: Line, current: Section, lexicon: Lexicon, free: bool) -> Section | None:
    """Under a "Noter" heading, notes titled with their number alone ("2. Verksamhetens
    intäkter", "3 Personalkostnader"): a numbered label line (column headings aside) whose
    title the lexicon knows as a note's, or (when it is no other heading: ``free``) whose
    number follows the note before it."""
    if current.kind not in ("noter", "note") or (line.cells and not all(
            is_year_cell(c) for c in line.cells)):
        return None
    m = _NOTE_NUMBER_RE.match(line.label)
    # A scan's speck in the margin read as a number before the note's own ("23 3 Fordringar"
    # for "3 Fordringar"): the number after it, when that is the next note's.
    speck = m and _NOTE_NUMBER_RE.match(m.group(2))
    if speck and int(speck.group(1)) == (current.note_no or 0) + 1:
        m = speck
    # A title, not a sentence of a numbered list ("2. Fordringar tas upp till nominellt värde.").
    if not m or not m.group(2)[:1].isupper() or len(m.group(2).split()) > MAX_HEADING_WORDS \
            or m.group(2).rstrip().endswith("."):
        return None
    number, title = int(m.group(1)), _strip_dates(m.group(2))
    # In sequence, after the "Noter" heading or a note numbered the same way (not "Not 1",
    # whose prose may well go on with a numbered line).
    same_style = current.kind == "noter" or bool(_NOTE_NUMBER_RE.match(current.heading))
    follows = same_style and number == (current.note_no or 0) + 1
    known = (hit := lexicon.note_match(title)) is not None and hit.how == "exact"
    if not title or not ((follows and free) or known):
        return None
    return Section("note", line.text, [], number, title)


# A note's word, then its number OCR read as a letter or two ("Not B Korta fordringar" for
# "Not 3 …": no digit in it), then the title.
_MISNUMBERED_NOTE_RE = re.compile(r"^\s*(\S{1,4}?)\s+([^\W\d]{1,2})[.:]?\s+(\S.*)$")


def _misnumbered_note(line: Line, current: Section, lexicon: Lexicon) -> Section | None:
    """A scan's note heading whose number OCR read as letters ("Not B Korta fordringar"),
    among the notes (under "Noter" or after a note): the note word (or one letter off it)
    and a title the lexicon knows exactly make it the next note, numbered in sequence (the
    letters tell no number: "B" may be a 3 or an 8). Without it the note's rows went to the
    note before, and its total was taken for that note's."""
    if current.kind not in ("noter", "note") or line.cells:
        return None
    m = _MISNUMBERED_NOTE_RE.match(_LEADING_MARKS.sub("", line.label))
    if not m or not lexicon.near_note_word(m.group(1)):
        return None
    title = _strip_dates(m.group(3))
    hit = lexicon.note_match(title)
    if hit is None or hit.how != "exact" or len(title.split()) > MAX_HEADING_WORDS:
        return None
    return Section("note", line.text, [], (current.note_no or 0) + 1, title)


def _split_combined(sec: Section, lexicon: Lexicon) -> list[Section]:
    """A section under a heading over two statements ("Resultat- och balansräkning") as the
    two: the first up to the line that opens the second ("Tillgångar", or on a scan a word
    OCR misspelt; else the first row only the second statement knows: "Kassa och bank"),
    the second from there, with the heading and column-heading lines (those above the first
    amount) that the page prints once for both. Without such a line, the first alone."""
    combined = lexicon.combined_sections.get(sec.kind)
    if combined is None:
        return [sec]
    (first, second), opens = combined
    at = next((i for i, ln in enumerate(sec.lines[1:], 1) if _opens(ln, opens)), None)
    if at is None:
        at = next((i for i, ln in enumerate(sec.lines[1:], 1)
                   if ln.cells and _only_in(ln.label, second, first, lexicon)), None)
    if at is None:
        return [Section(first, sec.heading, sec.lines, headless=sec.headless)]
    body = next((i for i, ln in enumerate(sec.lines[1:at], 1)
                 if ln.cells and not all(is_year_cell(c) for c in ln.cells)), at)
    # A heading matched loosely: both statements' kinds are a guess.
    return [Section(first, sec.heading, sec.lines[:at], headless=sec.headless),
            Section(second, sec.heading, sec.lines[:body] + sec.lines[at:], headless=sec.headless)]


# Statements a table of contents may list whose pages print no heading (VARIETY.md: "listed
# only in the table of contents"); their rows are keyed exactly enough to be told apart.
UNHEADED_KINDS = ("resultatrakning", "balansrakning", "kassaflodesanalys")
# Such a statement is taken from at least this many rows its table keys exactly, this many of
# them keyed by no other statement of UNHEADED_KINDS.
UNHEADED_MIN_ROWS = DIGITAL.sections.unheaded_min_rows
UNHEADED_MIN_OWN_ROWS = DIGITAL.sections.unheaded_min_own_rows
# A table of contents gives page numbers up to this.
MAX_CONTENTS_PAGE = DIGITAL.sections.max_contents_page


def _amount_line(line: Line) -> bool:
    return bool(line.cells) and not all(is_year_cell(c) for c in line.cells)


def _listed_only(lines: list[Line], sections: list[Section],
                 lexicon: Lexicon) -> list[tuple[str, str]]:
    """(kind, heading as listed) of the statements a table of contents lists ("Resultaträkning
    ....... 8", or the heading alone: a section without a row) that no heading opens with
    rows under it."""
    found = _kinds_with_rows(sections)
    listed: list[tuple[str, str]] = [(sec.kind, sec.heading) for sec in sections
                                     if sec.kind in UNHEADED_KINDS and sec.kind not in found]
    for line in lines:
        if not line.cells or not all(c.value is not None and 0 < c.value <= MAX_CONTENTS_PAGE
                                     and not is_year_cell(c) for c in line.cells):
            continue
        label = _NUMBERING_RE.sub("", line.label)
        hit = _kind_of(label, lexicon) if label and len(label.split()) <= MAX_HEADING_WORDS else None
        if hit and hit[0] in UNHEADED_KINDS and hit[0] not in found:
            listed.append(hit)
    first: dict[str, tuple[str, str]] = {}
    for kind, heading in listed:
        first.setdefault(kind, (kind, heading))
    return list(first.values())


def _unlisted(listed: list[tuple[str, str]], sections: list[Section],
              lexicon: Lexicon) -> list[tuple[str, str]]:
    """(kind, its usual heading) of the other statements of UNHEADED_KINDS, when the table of
    contents lists one whose page prints no heading: the contents list them too, but a
    scan's contents lines may be unreadable (dot leaders read as letters: "FAR SAR saga 0 RAG
    ... 2"). They are looked for by their rows, as a listed one is."""
    if not listed:
        return []
    have = {kind for kind, _ in listed} | _kinds_with_rows(sections)
    return [(kind, lexicon.section_name(kind)) for kind in UNHEADED_KINDS if kind not in have]


def _lost_headings(listed: list[tuple[str, str]], sections: list[Section],
                   lexicon: Lexicon) -> list[tuple[str, str]]:
    """(kind, its usual heading) of the statements of UNHEADED_KINDS without rows of their
    own when no table of contents lists one (``listed``: those are looked for already) and
    another statement was found, in a scanned document: a heading a hard scan lost
    ("räkning per 31 december", its "Balans" lost) leaves the statement's rows under the
    heading above. They are looked for under the other statements' headings only
    (``_unheaded``)."""
    have = _kinds_with_rows(sections)
    # A born-digital page loses no heading: a report without a cash flow statement has none.
    scanned = any(w.confidence < 1 for sec in sections for ln in sec.lines for w in ln.words)
    if listed or not scanned or not have & set(UNHEADED_KINDS):
        return []
    return [(kind, lexicon.section_name(kind)) for kind in UNHEADED_KINDS if kind not in have]


def _kinds_with_rows(sections: list[Section]) -> set[str]:
    """The kinds of the sections with rows of figures under their heading."""
    return {sec.kind for sec in sections if any(_amount_line(ln) for ln in sec.lines[1:])}


def _exact_in(label: str, lexicon: Lexicon, kinds: tuple[str, ...] = UNHEADED_KINDS) -> set[str]:
    """The statements of ``kinds`` whose lexicon keys ``label`` exactly."""
    return {k for k in kinds
            if (m := lexicon.statement_match(k, label)) is not None and m.key_match == "exact"}


def _unheaded(sections: list[Section], kind: str, listed: str,
              lexicon: Lexicon, statements_only: bool = False) -> list[Section]:
    """The longest run of rows that only ``kind`` keys (inside an untitled stretch or under
    another statement's heading: its own heading missing; ``statements_only``: under another
    statement's heading only) made a section of its own, with the group and column headings
    just above it ("Tillgångar", "2016 2015"), and under a statement's heading that
    statement's column headings."""
    runs = [(rows, -n, start, end) for n, sec in enumerate(sections)
            if (sec.kind == "other" and not statements_only) or sec.kind in UNHEADED_KINDS
            for start, end, rows in _unheaded_spans(sec, kind, lexicon)]
    if not runs:
        return sections
    # The longest run (the first of equals): a summary of a few of its lines is no statement.
    _, minus_n, start, end = max(runs, key=lambda r: (r[0], r[1], -r[2]))
    n, sec = -minus_n, sections[-minus_n]
    back = _lead_start(sec.lines, start)
    body = next((i for i, ln in enumerate(sec.lines)
                 if ln.cells and not all(is_year_cell(c) for c in ln.cells)), start)
    # The first line stands for the heading (parsed as none of the rows); the statement
    # above lends its column headings when the run has none of its own above it.
    own_heads = any(is_header_line(ln) for ln in sec.lines[back:start])
    header = sec.lines[:body] if sec.kind != "other" and body < back and not own_heads \
        else sec.lines[:1]
    part = Section(kind, listed, header + sec.lines[back:end + 1], headless=True)
    rest = [Section("other", "", sec.lines[end + 1:])] if end + 1 < len(sec.lines) else []
    before = Section(sec.kind, sec.heading, sec.lines[:back], sec.note_no, sec.title)
    return [*sections[:n], before, part, *rest, *sections[n + 1:]]


# Lines just above a statement's first row that are its own: group and column headings.
UNHEADED_LEAD_LINES = DIGITAL.sections.unheaded_lead_lines
UNHEADED_LEAD_WORDS = DIGITAL.sections.unheaded_lead_words


def _lead_start(lines: list[Line], start: int, no_cells: bool = False) -> int:
    """Where a table found at ``start`` begins: the group and column headings right above it
    (UNHEADED_LEAD_LINES at most, never the section's first line), ``no_cells``: only lines
    without even a year."""
    back = start
    while back > 1 and start - back < UNHEADED_LEAD_LINES and _lead_line(lines[back - 1]) \
            and not (no_cells and lines[back - 1].cells):
        back -= 1
    return back


def _lead_line(line: Line) -> bool:
    return is_header_line(line) or (not line.cells and len(line.label.split()) <= UNHEADED_LEAD_WORDS)


def _unheaded_spans(sec: Section, kind: str, lexicon: Lexicon) -> list[tuple[int, int, int]]:
    """(first, last, rows) line indexes of each run of rows of ``kind`` in ``sec``: from a row
    only ``kind`` keys (of the section's own statement, none) to the last row ``kind`` keys
    before a row that another statement keys and ``kind`` does not, or before a row that
    repeats a line of the run (the next table: a summary's lines, then the statement's)."""
    spans: list[tuple[int, int, int]] = []
    start = end = None
    rows = own = 0
    keys: set[str] = set()
    for i, line in enumerate(sec.lines):
        if not line.cells or all(is_year_cell(c) for c in line.cells) or not line.label:
            continue
        hits = _exact_in(line.label, lexicon)
        key = lexicon.statement_match(kind, line.label).key if kind in hits else None
        if start is not None and ((hits and kind not in hits) or key in keys):
            spans += _unheaded_run(sec, kind, lexicon, (start, end, rows, own), spans)
            start = None
        if start is None:
            if i and (hits == {kind} or (kind in hits and sec.kind not in hits | {"other"})):
                start = end = i
                rows, own, keys = 1, int(hits == {kind}), {key}
            continue
        if kind in hits:
            end, rows, own = i, rows + 1, own + int(hits == {kind})
            keys.add(key)
    if start is not None:
        spans += _unheaded_run(sec, kind, lexicon, (start, end, rows, own), spans)
    return spans


def _unheaded_run(sec: Section, kind: str, lexicon: Lexicon, run: tuple[int, int, int, int],
                  before: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """[(first, last, rows)] of a run of (first, last, rows, own rows) long enough to be a
    statement, else []."""
    start, end, rows, own = run
    if rows < UNHEADED_MIN_ROWS or own < UNHEADED_MIN_OWN_ROWS:
        return []
    # The statement may open with a line others share ("Årets resultat" of a cash flow
    # statement): the one row right above (after the run before), when ``kind`` keys it too.
    floor = before[-1][1] if before else 0
    above = next((i for i in range(start - 1, floor, -1) if sec.lines[i].cells), None)
    if above is not None and _amount_line(sec.lines[above]) and sec.lines[above].label and \
            kind in _exact_in(sec.lines[above].label, lexicon):
        start, rows = above, rows + 1
    return [(start, end, rows)]


def _only_in(label: str, statement: str, other: str, lexicon: Lexicon) -> bool:
    """A row label one statement keys exactly and the other does not know."""
    hit = lexicon.statement_match(statement, label)
    return hit is not None and hit.key_match == "exact" and \
        lexicon.statement_match(other, label) is None


def _opens(line: Line, opens: tuple[str, ...]) -> bool:
    label = fold(_NUMBERING_RE.sub("", line.label))
    if any(label == w or label.startswith(w + " ") for w in opens):
        return True
    # On a scan, the opening word as OCR misspelt it ("Tillgdngar").
    ocr = any(w.confidence < 1 for w in line.words)
    return ocr and bool(label) and _title_words(label.split()[:1], [w for w in opens
                                                                    if " " not in w][:0] or [],
                                                 ocr)


BUDGET_TABLE = "driftredovisning"
# A column-heading line holds a heading a column and a year or two each at most.
BUDGET_HEADS_MAX_WORDS = 2 * UNHEADED_LEAD_WORDS + 2


def _budget_heads(line: Line, lexicon: Lexicon) -> bool:
    """Column headings naming a budget ("Utfall Budget Avvikelse", "Budget 2025 Utfall 2025"):
    a short line of no figure but years, a budget heading and another column's heading or a
    year beside it (a sentence "… bättre än budget" is none)."""
    if not all(is_year_cell(c) for c in line.cells) or len(line.words) > BUDGET_HEADS_MAX_WORDS:
        return False
    heads = [lexicon.columns.exact.get(fold(w.text)) for w in line.words]
    years = sum(bool(YEAR_RE.fullmatch(w.text)) for w in line.words)
    return "budget" in heads and sum(h is not None for h in heads) + years >= 2


def _budget_table_by_heads(sections: list[Section], lexicon: Lexicon) -> list[Section]:
    """A budget follow-up (driftredovisning) whose heading a scan lost ("4. blac ee per
    verksamhet"), read on into the statement above it: under that statement's own rows, a line
    of column headings naming a budget (a statement whose own headings above its first row name
    none has no budget column further down) over at least UNHEADED_MIN_ROWS rows the budget
    table keys exactly, made a section of its own, headless (its kind inferred: no figure surer
    than a headless table's). Only when no heading opened that table with rows."""
    if BUDGET_TABLE in _kinds_with_rows(sections):
        return sections
    for n, sec in enumerate(sections):
        if sec.kind not in UNHEADED_KINDS:
            continue
        first = next((i for i, ln in enumerate(sec.lines) if _amount_line(ln) and ln.label), None)
        if first is None or any(_budget_heads(ln, lexicon) for ln in sec.lines[:first]):
            continue
        keyed: list[int] | None = None  # the rows the budget table keys exactly, found once
        for at, line in enumerate(sec.lines[first:], first):
            # A heading is lost on a scan only: a born-digital statement's lines are its own.
            if all(w.confidence >= 1 for w in line.words) or not _budget_heads(line, lexicon):
                continue
            if keyed is None:
                keyed = [i for i, ln in enumerate(sec.lines) if _amount_line(ln)
                         and _exact_in(ln.label, lexicon, (BUDGET_TABLE,))]
            rows = [i for i in keyed if i > at]
            if len(rows) < UNHEADED_MIN_ROWS:
                continue
            back = _lead_start(sec.lines, at)
            # The first line stands for the heading (parsed as none of the rows).
            # Found by its rows (their labels are a statement's too): every figure doubtful,
            # and its years must end at the report's (parse_document).
            part = Section(BUDGET_TABLE, lexicon.section_name(BUDGET_TABLE),
                           sec.lines[:1] + sec.lines[back:], headless=True, by_rows=True)
            before = replace(sec, lines=sec.lines[:back])
            return [*sections[:n], before, part, *sections[n + 1:]]
    return sections


OVERVIEW = "femarsoversikt"
OVERVIEW_MIN_YEARS = DIGITAL.sections.overview_min_years
OVERVIEW_MIN_ROWS = DIGITAL.sections.overview_min_rows


def _overview_by_years(sections: list[Section], lexicon: Lexicon) -> list[Section]:
    """A five-year overview whose heading was lost (a scan's heading read as nothing or as
    letters no heading is near), when no overview heading opens rows: under a line of
    consecutive years as column headings ("Belopp i tkr 2017 2016 2015 2014 2013"), the rows
    that follow it, at least OVERVIEW_MIN_ROWS of them lines the overview's lexicon keys
    exactly ("Summa intäkter", "Årets resultat", "Eget kapital"), made a section of their own,
    found ``by_rows``: its figures doubtful (a budget for the years ahead prints such lines
    too; parse_document keeps it only when its years end at the report's). Looked for in
    untitled stretches only: a section with a heading of its own (a statement, a note, a
    balanskrav or budget table, a bilaga) holds its own years."""
    if OVERVIEW in _kinds_with_rows(sections):
        return sections
    for n, sec in enumerate(sections):
        if sec.kind != "other":
            continue
        for start, line in enumerate(sec.lines[1:], 1):
            end = _overview_rows(sec.lines, start, lexicon) if _year_heads(line) else None
            if end is None:
                continue
            back = _lead_start(sec.lines, start, no_cells=True)
            part = Section(OVERVIEW, lexicon.section_name(OVERVIEW),
                           sec.lines[:1] + sec.lines[back:end + 1], headless=True, by_rows=True)
            before = replace(sec, lines=sec.lines[:back])
            rest = [Section("other", "", sec.lines[end + 1:])] if end + 1 < len(sec.lines) else []
            return [*sections[:n], before, part, *rest, *sections[n + 1:]]
    return sections


def _year_heads(line: Line) -> bool:
    """Column headings of at least OVERVIEW_MIN_YEARS consecutive years, and no other figure."""
    if len(line.cells) < OVERVIEW_MIN_YEARS or not all(is_year_cell(c) for c in line.cells):
        return False
    years = sorted(c.value for c in line.cells)
    return all(b - a == 1 for a, b in zip(years, years[1:], strict=False))


def _overview_rows(lines: list[Line], heads: int, lexicon: Lexicon) -> int | None:
    """The index of the last row of the run of figure rows under the year headings at
    ``heads`` (no more figures a row than years), when enough of them are overview lines."""
    end, keyed = None, 0
    most = len(lines[heads].cells)
    for i in range(heads + 1, len(lines)):
        line = lines[i]
        if not _amount_line(line) or len(line.cells) > most or not line.label:
            break
        keyed += bool(_exact_in(line.label, lexicon, (OVERVIEW,)))
        end = i
    return end if keyed >= OVERVIEW_MIN_ROWS else None


PARTICIPANTS = "deltagare"
SUMMARY_MIN_MEASURES = DIGITAL.sections.summary_min_measures
SUMMARY_MIN_ROWS = DIGITAL.sections.summary_min_rows
MAX_COUNT = DIGITAL.counts.max_count
# Sections whose tables are their own (an insats's form, a note, a statement), never a lost
# summary's.
_OWN_TABLES = (PARTICIPANTS, "insatsrapport", "note", *UNHEADED_KINDS, BUDGET_TABLE, OVERVIEW)


def _summary_by_heads(sections: list[Section], lexicon: Lexicon) -> list[Section]:
    """A participants summary table whose heading a scan lost ("Insatsredovisning" read as
    "ning"), read on into the section before it (a goal table's, the text's): a run of at
    least SUMMARY_MIN_ROWS rows of counts under scanned column headings (the label-only lines
    right above it, UNHEADED_LEAD_LINES at most) that name at least SUMMARY_MIN_MEASURES
    measures or groups of people, one a measure at least ("Budget antal delt.", "Nya delt.",
    "Pågående delt."; "Kvinnor", "Män", "Totalt" alone are a staff note's headings too), made
    a section of its own, found ``by_rows``: its counts doubtful (a table of people by group
    in a goal or a note prints such lines). Never inside a note or a statement, whose tables
    are their own; only when no heading opened a participants section with rows. The lines
    after it stay in their section."""
    if PARTICIPANTS in _kinds_with_rows(sections):
        return sections
    for n, sec in enumerate(sections):
        if sec.kind in _OWN_TABLES:
            continue
        for at in range(2, len(sec.lines)):
            if not _counts_row(sec.lines[at]) or sec.lines[at - 1].cells:
                continue
            back = at
            while back > 1 and at - back < UNHEADED_LEAD_LINES and not sec.lines[back - 1].cells:
                back -= 1
            end = at
            while end + 1 < len(sec.lines) and _counts_row(sec.lines[end + 1]):
                end += 1
            heads = sec.lines[back:at]
            if end - at + 1 < SUMMARY_MIN_ROWS or all(w.confidence >= 1 for ln in heads for w in ln.words) \
                    or not _people_headings(heads, lexicon):
                continue
            # The section's first line stands for the heading (parse_participants skips it).
            part = Section(PARTICIPANTS, lexicon.section_name(PARTICIPANTS),
                           sec.lines[:1] + sec.lines[back:end + 1], headless=True, by_rows=True)
            before = replace(sec, lines=sec.lines[:back])
            after = sec.lines[end + 1:]
            rest = [replace(sec, lines=sec.lines[:1] + after)] if after else []
            return [*sections[:n], before, part, *rest, *sections[n + 1:]]
    return sections


def _counts_row(line: Line) -> bool:
    """A labelled row of two counts or more (figures below ``counts.max_count``, none below
    zero, no year)."""
    return bool(line.label) and len(line.cells) >= 2 and all(
        c.value is not None and 0 <= c.value < MAX_COUNT and not is_year_cell(c) for c in line.cells)


def _people_headings(heads: list[Line], lexicon: Lexicon) -> bool:
    """Whether the words of ``heads`` name SUMMARY_MIN_MEASURES measures or groups of people
    ("measure:nya", "group:kvinnor"), one a measure at least."""
    meanings = {m for ln in heads for w in ln.words if (m := lexicon.participant_column(w.text))}
    measures = sum(1 for m in meanings if m.startswith("measure:"))
    groups = sum(1 for m in meanings if m.startswith("group:"))
    return measures >= 1 and measures + groups >= SUMMARY_MIN_MEASURES
