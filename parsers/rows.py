"""Logical rows of a table section: a label with its amount cells, wrapped lines joined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.ocrtext import one_letter_off
from core.settings import DIGITAL
from core.types import Word
from parsers.layout import Cell, Line

# A year a report may print (1980-2099): one pattern for every year regex.
YEAR_PATTERN = r"19[89]\d|20\d\d"
YEAR_RE = re.compile(rf"(?<!\d)({YEAR_PATTERN})(?!\d)")
# A label line and the amounts that belong to it may be this many line heights apart.
WRAP_DISTANCE = DIGITAL.tables.wrap_distance
# A label word starts at least this far (text heights) left of the amounts of its row.
LABEL_CLEARANCE = DIGITAL.tables.label_clearance
WRAP_TAIL_WORDS = DIGITAL.tables.wrap_tail_words
WRAP_TAIL_INDENT = DIGITAL.tables.wrap_tail_indent
TAIL_WORD_LETTERS = DIGITAL.tables.wrap_tail_word_letters


@dataclass
class Row:
    label: str
    cells: list[Cell]
    lines: list[Line] = field(default_factory=list)

    @property
    def page(self) -> int:
        return self.lines[-1].page

    @property
    def has_label(self) -> bool:
        return bool(self.label.strip())


# A scan's year heading with a speck beside it read as a mark ("+2016", "#2014", "2015*"):
# never a sign, a bracket or a grouping digit, which make an amount of it.
_MARKED_YEAR_RE = re.compile(rf"^[^\w\s(\-−–—]?({YEAR_PATTERN})[^\w\s)]?$")


def is_year_cell(cell: Cell) -> bool:
    if len(cell.words) == 2 and all(w.confidence < 1 for w in cell.words):
        # The speck's mark a word apart ("= 2016" in a narrow heading): as one glued to it.
        m = _MARKED_YEAR_RE.match("".join(w.text for w in cell.words))
        return m is not None and m.group(1) in (w.text for w in cell.words)
    if cell.value is None or not 1980 <= cell.value <= 2099 or len(cell.words) != 1:
        return False
    word = cell.words[0]
    if len(word.text) == 4:
        return True
    m = _MARKED_YEAR_RE.match(word.text) if word.confidence < 1 else None
    return m is not None and int(m.group(1)) == cell.value


def speck_digit(word: Word) -> bool:
    """A scanned one-digit word boxed too narrow to hold a digit's glyph (serif digits stand
    0.4-0.7 text heights wide, a "1" 0.3 and more): a speck OCR read as a digit ("5" one
    point wide between two years of a heading)."""
    if word.confidence >= 1 or len(word.text) != 1 or not word.text.isdigit():
        return False
    most = DIGITAL.counts.speck_one_width if word.text == "1" else DIGITAL.counts.speck_digit_width
    return word.x1 - word.x0 < most * word.height


def is_speck_cell(cell: Cell) -> bool:
    """An OCR'd cell without a figure or a printed mark, or of one digit too narrow for its
    glyph: dust, not a column's entry."""
    return all(w.confidence < 1 for w in cell.words) and (
        cell.value is None and not cell.mark or len(cell.words) == 1 and speck_digit(cell.words[0]))


def year_cells_only(line: Line) -> bool:
    """Only years as cells, a scan's specks aside when two years at least stand among them
    ("2017 = 2016"; a row's one figure beside a speck, "Kundfordringar 2016 ooo", is a row)."""
    cells = [c for c in line.cells if not is_speck_cell(c)]
    return bool(cells) and all(is_year_cell(c) for c in cells) and (
        len(cells) == len(line.cells) or len(cells) >= 2)


def glued_year_line(line: Line) -> bool:
    """A scanned line of nothing but one word of two years run together ("20372016"): above
    a table's first row, its column headings (below it, an eight-digit figure wrapped)."""
    cells = [c for c in line.cells if not is_speck_cell(c)]
    return len(cells) == 1 and not line.label_words and len(cells[0].words) == 1 and \
        cells[0].words[0].confidence < 1 and bool(glued_years(cells[0].words[0].text))


# Two years as one word: a ruling line or a speck between them ("2015-2014"), or nothing.
_GLUED_YEARS_RE = re.compile(r"^(\d{4})(\W{0,3})(\d{4})$")


def glued_years(text: str) -> list[tuple[int, int]]:
    """The readings of a scanned word as two years one apart that OCR ran together, in their
    order ("2015-2014", "20162015"); with one digit of one of them misread ("20372016"), each
    pair one apart a digit away from what was read (2017 and 2016, or 2037 and 2036: which
    is meant, the report's year says)."""
    m = _GLUED_YEARS_RE.match(text)
    if m is None:
        return []
    a, b = m.group(1), m.group(3)
    if YEAR_RE.fullmatch(a) and YEAR_RE.fullmatch(b) and abs(int(a) - int(b)) == 1:
        return [(int(a), int(b))]
    pairs: list[tuple[int, int]] = []
    for kept, read, kept_first in ((b, a, False), (a, b, True)):
        for step in (1, -1):
            meant = str(int(kept) + step)
            if YEAR_RE.fullmatch(kept) and YEAR_RE.fullmatch(meant) and one_letter_off(read, meant):
                pairs.append((int(kept), int(meant)) if kept_first else (int(meant), int(kept)))
    return pairs


def is_header_line(line: Line) -> bool:
    """Column headings: only years as cells, or year/date words in the label."""
    if year_cells_only(line):
        return True
    return not line.cells and len(YEAR_RE.findall(line.text)) >= 2


def _close(a: Line, b: Line) -> bool:
    """``b`` right below ``a``, measured between their labels when both have one: on a scan
    left a little askew the figures far right of a line rise (or sink) beside its label, and
    may reach past the other line's bottom."""
    bottom = max(w.bottom for w in a.label_words) if a.label_words and b.label_words else a.bottom
    top = min(w.top for w in b.label_words) if a.label_words and b.label_words else b.top
    return a.page == b.page and 0 <= top - bottom <= WRAP_DISTANCE * a.height


def _label_left_of(line: Line, x: float) -> str:
    """A wrapped label's first line without what stands in the amount columns (from ``x``,
    where its continuation's amounts begin): a scan's ruling line read as words there."""
    return " ".join(w.text for w in line.label_words if w.x0 < x - LABEL_CLEARANCE * line.height)


def build_rows(lines: list[Line]) -> list[Row]:
    """Join "label" + "amounts on the next line", and labels wrapped onto a second line."""
    rows: list[Row] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        # (a scan's speck read as a mark in the figure columns is no figure of the line)
        if line.label and not any(c.value is not None for c in line.cells) and nxt is not None \
                and _close(line, nxt) and not is_header_line(line) and not is_header_line(nxt):
            if nxt.cells and not nxt.label:
                rows.append(Row(line.label, nxt.cells, [line, nxt]))
                i += 2
                continue
            if nxt.cells and (nxt.label[:1].islower() or _open_parenthesis(line.label)):
                rows.append(Row(f"{_label_left_of(line, nxt.cells[0].x0)} {nxt.label}",
                                nxt.cells, [line, nxt]))
                i += 2
                continue
        if line.label and line.cells and nxt is not None and _label_tail(line, nxt):
            rows.append(Row(f"{line.label} {nxt.label}", line.cells, [line, nxt]))
            i += 2
            continue
        rows.append(Row(line.label, line.cells, [line]))
        i += 1
    return rows


# A word of a wrapped label's tail: letters (a suspended compound's hyphen, a comma) only.
_TAIL_WORD_RE = re.compile(r"^[^\W\d_]{2,}[,-]?$")


def _label_tail(line: Line, nxt: Line) -> bool:
    """The rest of ``line``'s label on the line below, its figures on the first line (a table
    whose cells are top-aligned: "Resultat före   56   −51" / "extraordinära poster"): a
    short lower-case line of words in the label column, nothing else on it."""
    if nxt.cells or not nxt.label or not _close(line, nxt) or is_header_line(nxt) \
            or not nxt.label[:1].islower() or not line.label_words or not nxt.label_words:
        return False
    words = nxt.label.split()
    start, h = line.label_words[0].x0, line.height
    # A word of four letters at least: no scan's specks read as letters ("ee", "oes").
    return len(words) <= WRAP_TAIL_WORDS and all(_TAIL_WORD_RE.match(w) for w in words) \
        and any(len(w) >= TAIL_WORD_LETTERS for w in words) \
        and abs(nxt.label_words[0].x0 - start) <= WRAP_TAIL_INDENT * h \
        and nxt.label_words[-1].x1 < line.cells[0].x0 - LABEL_CLEARANCE * h


def _open_parenthesis(label: str) -> bool:
    """A label broken inside its parentheses ("Årets resultat (överskott" / "+/underskott -)")
    goes on on the next line, whatever that line begins with."""
    return label.count("(") > label.count(")")
