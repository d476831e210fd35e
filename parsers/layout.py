"""Words to lines, and a line to its label and amount cells, from coordinates alone.

A printed amount such as "16 189 674" arrives as three words. Words are joined into one
amount cell when the gap between them is a space (narrower than ``GROUP_GAP`` of the text
height) and the next word is a three-digit group; a wider gap starts a new cell (a new column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.pdftext import Page, Word
from normalize.numbers import is_group_token, is_numeric_token, is_sign_token, parse_amount

# Tolerances as fractions of the text height (pdfplumber style: named settings).
LINE_OVERLAP = 0.5  # a word belongs to a line when its middle is this close to the line's
GROUP_GAP = 0.55  # max gap between the digit groups of one amount
SIGN_GAP = 0.6  # max gap between a detached minus and its digits
_PCT_RE = re.compile(r"^%$")


@dataclass
class Cell:
    words: list[Word]
    value: int | None
    confidence: float = 1.0

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


@dataclass
class Line:
    page: int
    words: list[Word]
    label_words: list[Word] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    page_height: float = 842.0

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return sorted(w.height for w in self.words)[len(self.words) // 2]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def label(self) -> str:
        return " ".join(w.text for w in self.label_words)

    @property
    def x0(self) -> float:
        return self.words[0].x0


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Cluster words into text lines by vertical position, each sorted left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        mid = (word.top + word.bottom) / 2
        if lines:
            last = lines[-1]
            top = min(w.top for w in last)
            bottom = max(w.bottom for w in last)
            tol = LINE_OVERLAP * word.height
            if top - tol <= mid <= bottom + tol and abs(mid - (top + bottom) / 2) < word.height:
                last.append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _is_amount_word(text: str) -> bool:
    return is_numeric_token(text) or is_sign_token(text)


def _new_cell(words: list[Word]) -> Cell:
    return Cell(words=list(words), value=parse_amount("".join(
        w.text if i == 0 else " " + w.text for i, w in enumerate(words))))


def split_cells(words: list[Word]) -> list[Cell]:
    """Join amount words into cells; a cell whose grouping is not a valid amount is split."""
    cells: list[list[Word]] = []
    for word in words:
        if cells:
            prev = cells[-1][-1]
            gap = word.x0 - prev.x1
            h = max(word.height, prev.height)
            if is_sign_token(prev.text) and gap <= SIGN_GAP * h and not is_sign_token(word.text):
                cells[-1].append(word)
                continue
            if (is_group_token(word.text) and prev.text[-1].isdigit() and gap <= GROUP_GAP * h):
                cells[-1].append(word)
                continue
        cells.append([word])
    out: list[Cell] = []
    for group in cells:
        cell = _new_cell(group)
        if cell.value is None and len(group) > 1:
            # "1 23": no valid grouping; keep each word as its own, doubtful, cell.
            for w in group:
                single = _new_cell([w])
                single.confidence = 0.5
                out.append(single)
        else:
            out.append(cell)
    return [c for c in out if not (c.value is None and is_sign_token(c.text))]


def split_line(page: Page, words: list[Word]) -> Line:
    """Label words are everything before the trailing run of amount words."""
    k = len(words)
    while k > 0 and _is_amount_word(words[k - 1].text):
        k -= 1
    # A sign word only belongs to the amounts when digits follow it.
    line = Line(page=page.number, words=words, label_words=words[:k], page_height=page.height)
    line.cells = split_cells(words[k:]) if k < len(words) else []
    return line


def page_lines(page: Page) -> list[Line]:
    return [split_line(page, ws) for ws in group_lines(page.words)]
