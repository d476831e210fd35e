"""Words placed by hand, for word-level tests of the parsers: text at x positions on a line."""

from __future__ import annotations

from core.types import Line, Page, Word
from parsers.layout import page_lines

H = 10.0  # text height in points; a space is about 2.8 pt, a column gap far more


def words(y: float, *items: tuple[str, float]) -> list[Word]:
    """(text, x0) pairs on the line at ``y``; widths from a 5 pt average character."""
    return [Word(t, x, x + 5 * len(t), y, y + H) for t, x in items]


def text_line(y: float, text: str, x: float = 50) -> list[Word]:
    """A line of running text from ``x``, one space (3 pt) between words."""
    out = []
    for t in text.split():
        out.append(Word(t, x, x + 5 * len(t), y, y + H))
        x += 5 * len(t) + 3
    return out


def lines(*rows: list[Word], page: int = 1) -> list[Line]:
    return page_lines(Page(page, 595, 842, [w for r in rows for w in r]))


def ocr_line(page: int, top: float, *items: tuple[str, float], height: float = 8.0,
             confidence: float = 0.95) -> Line:
    """One scanned line of phrases, each (text, x0) with its words one space apart, every
    word a label word (a goal table's row as OCR read it)."""
    out: list[Word] = []
    for text, x in items:
        for t in text.split():
            out.append(Word(t, x, x + 5 * len(t), top, top + height, confidence=confidence))
            x += 5 * len(t) + 3
    return Line(page=page, words=out, label_words=out, page_height=842.0)
