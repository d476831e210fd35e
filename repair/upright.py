"""Figures an upright line down a table's column hid from OCR.

A scanner streak, a column rule or a fold running down a column of figures: Tesseract reads
the line as a stack of single letters ("e", "o", "a", "n", one over the other at one x) and
the column's figures under it as nothing. The stack is dropped from the page; each row
beside it that holds words (figures in the other columns) is read again between its words
left and right of the line, with the line whitened, digits only
(``PageImages.read_unruled``). A clean figure whose ink fits its digits joins the page
there, doubtful: a re-read is never sure.

A block of figures Tesseract took for upright text ("3 3 3 3 0 8" one over the other for a
column of six-digit figures, boxes touching) is dropped the same way, with the parts of it
OCR boxed apart (``upright_text``): where it stood, the page read again whole or its lost
regions read again give the figures (repair/cells.py, repair/regions.py).
"""

from __future__ import annotations

from dataclasses import replace

from core.numbers import digits_of, parse_amount
from core.settings import OCR
from core.types import Page, Word
from parsers.gaps import figure_band
from parsers.layout import DIGIT_WIDTH, Cell, Line
from repair.cells import _with_cells
from repair.ocrfix import REPAIRED_NUMBER_CONFIDENCE, REREAD_CONFIDENCE
from repair.reread import CellBox, PageImages

R = OCR.reread
# The ink of a figure read again spans about this many text heights a digit (at least,
# at most): a reading whose digits the ink does not fit is no reading of it.
INK_PER_DIGIT = (0.3, 1.0)


def _letter(w: Word) -> bool:
    return len(w.text) == 1 and w.text.isalpha() and w.x1 - w.x0 <= R.upright_max_width * w.height


def upright_stacks(words: list[Word]) -> list[list[Word]]:
    """Stacks of single letters one over the other at one x (an upright line read by OCR),
    each top to bottom."""
    letters = sorted((w for w in words if _letter(w)), key=lambda w: (w.top, w.x0))
    stacks: list[list[Word]] = []
    for w in letters:
        for s in stacks:
            last = s[-1]
            if abs(w.x0 - last.x0) <= R.upright_align_pt and abs(w.x1 - last.x1) <= R.upright_align_pt \
                    and -0.5 * last.height <= w.top - last.bottom <= R.upright_max_gap * last.height:
                s.append(w)
                break
        else:
            stacks.append([w])
    # Letters of one kind at one x are a column of marks ("X" under a form's heading);
    # Tesseract reading a line reads letters of several kinds.
    return [s for s in stacks if len(s) >= R.upright_min_letters
            and len({w.text.lower() for w in s}) > 1]


def _aligned(a: Word, b: Word) -> bool:
    return abs(a.x0 - b.x0) <= R.upright_align_pt and abs(a.x1 - b.x1) <= R.upright_align_pt


def upright_text(words: list[Word]) -> list[list[Word]]:
    """Blocks of figures Tesseract took for upright text ("3 3 3 3 0 8", "S h )" one over
    the other for a column of "370 253", "547 915" …): its line cut into boxes of one
    character each, of any kind, at one x, each box touching the one before (a line's
    parts; rows of a real column stand apart by their leading). Chains of two or more, top
    to bottom."""
    chars = sorted((w for w in words if len(w.text) == 1 and not w.text.isspace()),
                   key=lambda w: (w.top, w.x0))
    chains: list[list[Word]] = []
    for w in chars:
        chain = next((c for c in chains if _aligned(w, c[-1])
                      and abs(w.top - c[-1].bottom) <= R.upright_touch_pt), None)
        if chain is None:
            chains.append([w])
        else:
            chain.append(w)
    # Two characters alone ("o" over "c": a speck) are no block; beside a longer chain
    # (a line of three or more) they are its block's. One mark over and over ("X" in each
    # row of a form's column) is no line of text.
    chains = [c for c in chains if len({w.text for w in c}) > 1]
    long = [c for c in chains if len(c) >= R.upright_min_letters]
    return [c for c in chains if len(c) >= 2 and any(
        c[0].top < d[-1].bottom and d[0].top < c[-1].bottom for d in long)]


def _upright_debris(words: list[Word], chains: list[list[Word]]) -> set[int]:
    """Words around upright text that are parts of it too: a character or two at one of its
    lines' x (a part OCR boxed apart), and a word boxed taller than
    twice its width inside the block ("aa?sis" 21 pt wide, 53 pt tall). A word wider than
    tall there (a figure read level) is left."""
    top, bottom = min(c[0].top for c in chains), max(c[-1].bottom for c in chains)
    x0, x1 = min(c[0].x0 for c in chains), max(c[0].x1 for c in chains)
    out = set()
    for w in words:
        # Tesseract boxes the parts of an upright line at its x to the point, however far
        # down the page it took the line to run ("5", ":" a point tall under the block).
        part = len(w.text) <= 2 and any(_aligned(w, c[0]) for c in chains)
        upright = top <= (w.top + w.bottom) / 2 <= bottom and w.x0 >= x0 - R.upright_align_pt \
            and w.x1 <= x1 + R.upright_align_pt and w.bottom - w.top >= 2 * (w.x1 - w.x0)
        if part or upright:
            out.add(id(w))
    return out


def _rows(words: list[Word], top: float, bottom: float) -> list[list[Word]]:
    """The words between ``top`` and ``bottom`` grouped into rows by their middles."""
    inside = sorted((w for w in words if w.bottom > top and w.top < bottom),
                    key=lambda w: (w.top + w.bottom) / 2)
    rows: list[list[Word]] = []
    for w in inside:
        mid = (w.top + w.bottom) / 2
        if rows and abs(mid - sum((v.top + v.bottom) / 2 for v in rows[-1]) / len(rows[-1])) \
                <= 0.5 * w.height:
            rows[-1].append(w)
        else:
            rows.append([w])
    return rows


def reread_upright_junk(page: Page, images: PageImages) -> Page:
    """The page without the letter stacks of upright lines, with the figures read again
    beside them (module doc); an OCR'd page only."""
    if page.source != "ocr":
        return page
    stacks = upright_stacks(page.words)
    chains = upright_text(page.words)
    if not stacks and not chains:
        return page
    junk = {id(w) for s in [*stacks, *chains] for w in s}
    if chains:
        junk |= _upright_debris(page.words, chains)
    words = [w for w in page.words if id(w) not in junk]
    added: list[Word] = []
    for stack in stacks:
        added += _read_beside(page, images, words, stack)
    return replace(page, words=[*words, *added])


def _read_beside(page: Page, images: PageImages, words: list[Word], stack: list[Word]) -> list[Word]:
    x0, x1 = min(w.x0 for w in stack), max(w.x1 for w in stack)
    out = []
    for row in _rows(words, stack[0].top, stack[-1].bottom):
        # Only rows with a figure elsewhere: a line down a column of text is left alone.
        figures = [w for w in row if parse_amount(w.text) is not None]
        if not figures:
            continue
        # The band of the row's figures (a label's box may stand taller: marks beside it).
        h = sorted(w.height for w in figures)[len(figures) // 2]
        top, bottom = min(w.top for w in figures), max(w.bottom for w in figures)
        # Between the row's words left and right of the line (the figures of the columns
        # beside it), at most a few text heights from it.
        left = max([w.x1 for w in row if w.x1 <= x0 + R.upright_align_pt], default=x0 - 99 * h)
        right = min([w.x0 for w in row if w.x0 >= x1 - R.upright_align_pt], default=x1 + 99 * h)
        reach = R.upright_reach * h
        left, right = max(left + 0.5 * h, x0 - reach, 0.0), min(right - 0.5 * h, x1 + reach, page.width)
        if right - left < h:
            continue
        box = _figure_box(images, CellBox(page.number, left, top, right, bottom), x0, x1, h)
        if box is None:
            continue
        # Not ``read_amounts``: the reading joins the page as a word the layout reads like
        # OCR's own, so its text is kept as read, and only one that is an amount as printed
        # (no misread repaired: a guess, beside a line, is no figure).
        (text,) = images.read_unruled([box])
        digits = sum(ch.isdigit() for ch in text or "")
        if text and parse_amount(text) is not None and \
                INK_PER_DIGIT[0] * h * digits <= box.x1 - box.x0 <= INK_PER_DIGIT[1] * h * digits + h:
            out.append(Word(text, box.x0, box.x1, top, bottom, size=bottom - top,
                            confidence=REREAD_CONFIDENCE))
    return out


def _figure_box(images: PageImages, box: CellBox, x0: float, x1: float, h: float) -> CellBox | None:
    """The part of ``box`` a figure at the line (x0, x1) stands in: the ink at most a
    digit's gap from the line (the line's own columns left out), the line's columns with
    it; None when no ink stands there (a neighbour's ink further off is not read)."""
    gap = 0.6 * h
    covered = [(x0 - 0.5, x1 + 0.5), (box.x1, box.x1 + 10_000.0)]
    runs = [r for r in images.ink_runs(box.page, box.top, box.bottom, box.x0, covered, gap)
            if r[1] > box.x0 and r[0] < box.x1 and r[1] >= x0 - gap and r[0] <= x1 + gap]
    if not runs:
        return None
    a, b = min([r[0] for r in runs] + [x0]), max([r[1] for r in runs] + [x1])
    return CellBox(box.page, max(a, box.x0), box.top, min(b, box.x1), box.bottom)


def read_streak_cut_ends(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """Figures an upright line (a scanner's streak down a column) runs through the last
    digit of: OCR ends the figure at the line and drops the digit ("22" for 223, "106" for
    1 064), or boxes the digit and reads none ("77" over "771"), sure of what it read.
    Where such a line stands at a figure's end, with ink of its own between them (the cut
    glyph), the figure is read again to a digit past the line, the line whitened, digits
    only (``PageImages.read_unruled``). A reading that is OCR's digits and one or two more
    is the figure, doubtful; one that reads otherwise leaves OCR's figure, doubtful: a digit
    may be lost. A part OCR read beyond the line ("3" after "22") is part of the figure when
    the reading's digits are both parts'. The figure's first digit is not looked at: a sign
    may stand before it, and a minus read across a column's rule reads as a digit
    ("−17 425 999" as "717425999")."""
    new_cells: dict[int, list[Cell]] = {}
    for i, line in enumerate(lines):
        if line.page not in ocr_pages or not line.cells:
            continue
        top, bottom = figure_band(line) or (line.top, line.bottom)
        cells = list(line.cells)
        k = 0
        while k < len(cells):
            cells, k = _mend_cut(cells, k, CellBox(line.page, 0, top, 0, bottom), images)
        if [id(c) for c in cells] != [id(c) for c in line.cells]:
            new_cells[i] = cells
    return _with_cells(lines, new_cells)


def _mend_cut(cells: list[Cell], k: int, band: CellBox, images: PageImages) -> tuple[list[Cell], int]:
    """The cells with cell ``k`` mended when a line cut its end; the next index."""
    cell = cells[k]
    h = band.bottom - band.top
    if cell.value is None or cell.confidence <= REREAD_CONFIDENCE or h <= 0:
        return cells, k + 1
    digit = DIGIT_WIDTH * h
    # From the figure's end digit (a line through it: OCR boxed the digit, read none) to a
    # digit's room past it.
    line = images.upright_line(CellBox(band.page, cell.x1 - digit, band.top, cell.x1 + R.cut_reach * h,
                                       band.bottom))
    if line is None or not _cut_ink(images, cell, line, band, h):
        return cells, k + 1
    # Parts OCR read beyond the line, starting at it: the cut glyph's other side.
    reach = line[1] + R.cut_part_reach * h
    group = sorted([k, *(j for j, c in enumerate(cells) if j != k and cell.x1 < c.x0 <= reach)],
                   key=lambda j: cells[j].x0)
    box = CellBox(band.page, cells[group[0]].x0, band.top, max(line[1] + digit, cells[group[-1]].x1),
                  band.bottom)
    (text,) = images.read_unruled([box])
    known = "".join(ch for j in group for ch in cells[j].text if ch.isdigit())
    digits = "".join(ch for ch in text or "" if ch.isdigit())
    value = parse_amount(text) if text else None
    if digits == known and len(group) == 1:
        return cells, k + 1
    if value is not None and digits.startswith(known) and len(digits) - len(known) <= R.cut_max_digits:
        sign = -1 if any(cells[j].value is not None and cells[j].value < 0 for j in group) else 1
        step = (cell.x1 - cell.x0) / max(len(cell.text), 1)
        # The figure's new end: its digits' room past OCR's end, at most half a digit past
        # the line (OCR's box may hold the digit it read none of already).
        end = min(cell.x1 + (len(digits) - len(known)) * step, max(cell.x1, line[1] + R.cut_end_past * step))
        word = Word(text, box.x0, max(cells[group[-1]].x1, end), band.top, band.bottom,
                    confidence=REREAD_CONFIDENCE, raw=text)
        out = [c for j, c in enumerate(cells) if j not in group]
        at = min(group)
        out.insert(at, Cell([word], sign * abs(value), REREAD_CONFIDENCE))
        return out, at + 1
    if cell.confidence > REPAIRED_NUMBER_CONFIDENCE:
        cells = [*cells[:k], replace(cell, confidence=REPAIRED_NUMBER_CONFIDENCE), *cells[k + 1:]]
    return cells, k + 1


def _cut_ink(images: PageImages, cell: Cell, line: tuple[float, float], band: CellBox, h: float) -> bool:
    """Whether ink of its own stands between the figure's end and the line (the cut glyph's
    side OCR did not read), or the line stands within half a text height of it (a digit's
    room: thin serif strokes beside the line leave too little ink to tell): a line past a
    gap of paper (a column's rule) cut nothing."""
    a, b = cell.x1 + R.cut_ink_start * h, line[0]
    if b - a <= R.cut_touch * h:
        return True
    runs = images.ink_runs(band.page, band.top, band.bottom, a, [(b, 10_000.0)], R.cut_ink_gap * h)
    return any(r[0] < b for r in runs)


# What OCR reads an upright line through a figure as: a digit one (or a bar, an ell).
_LINE_GLYPHS = "1|lI"


def read_streak_crossed(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """Figures an upright line (a scanner's streak down a column) crosses between two of
    their digits, where OCR read the line as one more digit ("21995" for "2 995", "31220"
    for "3 220"), sure. Where such a line stands inside a figure's box, at a "1" of it (by
    its characters' share of the word's width), the figure is read again with the line
    whitened, digits only (``PageImages.read_unruled``), when the "1" stands where a
    grouping space does (whole groups of three after it): a reading that is OCR's digits
    without that "1" is the figure, doubtful; one of OCR's digits leaves it as it was;
    another leaves it doubtful. A line through a printed "1" ("2195") is never read so:
    whitened, the digit goes with it."""
    new_cells: dict[int, list[Cell]] = {}
    for i, line in enumerate(lines):
        if line.page not in ocr_pages or not line.cells:
            continue
        top, bottom = figure_band(line) or (line.top, line.bottom)
        cells = [_mend_crossed(c, CellBox(line.page, c.x0, top, c.x1, bottom), images)
                 for c in line.cells]
        if any(a is not b for a, b in zip(cells, line.cells, strict=True)):
            new_cells[i] = cells
    return _with_cells(lines, new_cells)


def _mend_crossed(cell: Cell, box: CellBox, images: PageImages) -> Cell:
    """The cell as ``read_streak_crossed`` leaves it (``box``: its figure's band)."""
    if cell.value is None or cell.confidence <= REREAD_CONFIDENCE or not any(
            ch in _LINE_GLYPHS for w in cell.words for ch in w.raw or w.text):
        return cell
    line = images.upright_line(box)
    if line is None:
        return cell
    at = (line[0] + line[1]) / 2
    word = next((w for w in cell.words if w.x0 < at < w.x1), None)
    if word is None:
        return cell
    text = word.raw or word.text
    k = int((at - word.x0) / (word.x1 - word.x0) * len(text))
    # Inside the word (never its first or last character: a streak at a figure's end is
    # read_streak_cut_ends'), at a glyph the line reads as.
    if not 0 < k < len(text) - 1 or text[k] not in _LINE_GLYPHS:
        return cell
    known = digits_of(cell.text)
    lost = len(digits_of(" ".join(w.text for w in cell.words if w.x1 <= word.x0))) + len(digits_of(text[:k]))
    # Where a grouping space stands ("2|995"): whole groups of three after it. A line
    # through a printed "1" elsewhere ("2195") whitens the digit with it: never read so.
    after = len(known) - lost - 1
    if after <= 0 or after % 3:
        return cell
    (read,) = images.read_unruled([box])
    digits = digits_of(read or "")
    if digits == known:
        return cell
    if digits and digits == known[:lost] + known[lost + 1:]:
        value = int(digits) * (-1 if cell.value < 0 else 1)
        return Cell([Word(read or digits, cell.x0, cell.x1, box.top, box.bottom,
                          confidence=REREAD_CONFIDENCE, raw=cell.raw_text)], value, REREAD_CONFIDENCE)
    return replace(cell, confidence=min(cell.confidence, REPAIRED_NUMBER_CONFIDENCE))
