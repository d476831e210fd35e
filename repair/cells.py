"""Amount cells of OCR'd pages read again from the page image, where the page's OCR left
them doubtful ("= E52", a box wider than its digits, repaired characters) or empty (a lone
"981" that page segmentation dropped). Only a clean reading is taken, with its own confidence;
anything else leaves the cell as it was: never a guess.

Each pass takes the document's lines and returns them with the lines it changed replaced by
new ones (new cells, no cell or line of its input changed).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import replace

from core.lexicon import Lexicon, fold
from core.numbers import (
    COUNT_PAIR_RE,
    MINUS_CHARS,
    digits_of,
    is_regular_grouping,
    is_sign_token,
    parse_amount,
)
from core.ocrtext import unknown_word
from core.settings import OCR
from core.types import Goal
from ingest.pdftext import Page, Word
from parsers.columns import RIGHT_EDGE_TOLERANCE
from parsers.gaps import (
    GUTTER_GAP,
    MISREAD_MAX_CHARS,
    column_parts,
    columns_around,
    crowded_columns,
    damaged_year_lines,
    empty_slots,
    figure_band,
    glued_note,
    gutter_noise,
    heading_slots,
    headless_columns,
    misread_words,
    ruled_figure,
    span_of,
    straddling_cells,
    twin_year_headings,
    under_two_years,
)
from parsers.goals import status_doubtful, status_match
from parsers.layout import (
    DIGIT_WIDTH,
    TRAILING_MARKS,
    Cell,
    Line,
    deskewed_lines,
    group_lines,
    make_cell,
    turn_moves_rows,
    turned_words,
)
from parsers.rows import YEAR_RE, is_year_cell
from repair.ocrfix import (
    CONFIRMED_CONFIDENCE,
    DOCUMENT_NAME_MIN_LENGTH,
    OCR_CONFIDENCE,
    REPAIRED_NUMBER_CONFIDENCE,
    REREAD_CONFIDENCE,
    repair_number,
    ruled_token,
)
from repair.reread import PAD_X, CellBox, PageImages

# An empty slot holds mostly nothing: a reading there must be sure (Tesseract 0-100), or a
# speck of dust becomes "2".
GAP_REREAD_MIN_CONFIDENCE = OCR.reread.gap_min_score
# A slot's reading is checked for ink running over its edges this far (text heights) left.
SLOT_EDGE_REACH = OCR.reread.slot_edge_reach
# A cell over two columns that does not read again column by column: doubtful.
SPLIT_CELL_CONFIDENCE = OCR.confidence.split_cell
AMONG_MARKS_CONFIDENCE = OCR.confidence.among_marks
# Letters a word OCR read among a row's figures has at least, to make them doubtful (a lone
# "l" or "I" is an upright ruling line).
MARK_MIN_LETTERS = OCR.gaps.mark_min_letters


def read_amounts(images: PageImages, boxes: list[CellBox], min_confidence: float = 0,
                 other_view: bool = False, unruled: bool = False) -> list[int | None]:
    """The amount in each box of the page images, repaired like any OCR'd number; None when
    the box holds no clean amount. ``other_view``: see ``PageImages.read``; ``unruled``: each
    crop read with its ruling lines whitened first (``PageImages.read_unruled``, no
    ``min_confidence``: a whitened crop's reading is taken at any)."""
    texts = images.read_unruled(boxes) if unruled else images.read(boxes, min_confidence, other_view)
    return [amount_read(text) for text in texts]


def amount_read(text: str | None) -> int | None:
    """The amount a re-read's text holds, repaired like any OCR'd number; None for none."""
    if not text:
        return None
    fixed = repair_number(text)
    return parse_amount(fixed[0] if fixed else text, lenient=True)


# What stands at a figure's ends as OCR first read it that is no digit ("«1902414": a
# streak's end read as a guillemet; "—1549—": a line's).
_EDGE_DUST_RE = re.compile(r"^\D+|\D+$")


def amount_as_first_read(raw: str) -> int | None:
    """The figure OCR's first reading of a cell holds with what is no digit at its ends
    dropped, unsigned ("«1902414" → 1902414; its re-read, "19024", lost the last digits to
    the streak): a reading for the arithmetic to try (with the sign of the amount it reads
    again), never taken unless it mends a sum. None when nothing was dropped."""
    core = _EDGE_DUST_RE.sub("", raw)
    value = amount_read(core) if core != raw else None
    return None if value is None else abs(value)


# A note number before an amount has at most this many digits (those of the largest).
NOTE_NUMBER_DIGITS = len(str(OCR.tables.max_note_no))


def read_trailing_amounts(images: PageImages, boxes: list[CellBox]) -> list[int | None]:
    """The amount after a first word of one or two digits read in each box ("2 15653":
    15 653, the figures a note number stood before), when the whole reading is no amount as
    printers group one ("7 240" is seven thousand, not a note 7); else None."""
    out: list[int | None] = []
    for text in images.read(boxes, 0):
        words = (text or "").split()
        glued = len(words) > 1 and words[0].isdigit() and len(words[0]) <= NOTE_NUMBER_DIGITS \
            and not is_regular_grouping(text)
        out.append(parse_amount(" ".join(words[1:]), lenient=True) if glued else None)
    return out


def _with_cells(lines: list[Line], new_cells: dict[int, list[Cell]]) -> list[Line]:
    """The lines, those named in ``new_cells`` (by index) copied with their new cells."""
    if not new_cells:
        return lines
    return [replace(ln, cells=new_cells[i]) if i in new_cells else ln
            for i, ln in enumerate(lines)]


def _mend_cells(lines: list[Line], ocr_pages: set[int],
                mend: Callable[[Line, Cell], Cell | None]) -> list[Line]:
    """The lines with each OCR'd cell that ``mend`` gives another for replaced by it (None:
    the cell stays): the walk every per-cell sign repair shares."""
    new_cells: dict[int, list[Cell]] = {}
    for i, line in enumerate(lines):
        if line.page not in ocr_pages:
            continue
        for j, cell in enumerate(line.cells):
            mended = mend(line, cell)
            if mended is not None:
                new_cells.setdefault(i, list(line.cells))[j] = mended
    return _with_cells(lines, new_cells)


def _reread_cell(cell: Cell, value: int | None, sign_hidden: bool = False) -> Cell:
    """The cell as the re-read ``value`` leaves it. ``sign_hidden``: a line crosses the
    figure at its own height, where a minus would be one blot with it (no reading shows it)."""
    if value is None:
        return cell
    if cell.value is None or cell.confidence == 0:  # no reading, or one not trusted at all
        return replace(cell, value=_signed_as_first_read(cell, value), confidence=REREAD_CONFIDENCE)
    if value == cell.value:
        # Digits read alike confirm the digits; a sign a ruling line took, or may hide, stays
        # unknown ("-684" on a line: OCR boxed the sign and read "684", the re-read too).
        unsigned = cell.sign_lost or (sign_hidden and value > 0)
        return cell if unsigned else replace(cell, confidence=CONFIRMED_CONFIDENCE)
    if value == -cell.value and value < 0:  # the sign the page's OCR did not read
        return replace(cell, value=value, confidence=REREAD_CONFIDENCE)
    return cell


def _signed_as_first_read(cell: Cell, value: int) -> int:
    """A re-read's positive ``value`` negative where OCR's first reading of the cell holds its
    very digits with a minus glued to them, after words of marks only ("# -440": a speck
    before the figure made the cell no amount; the crop's re-read lost the minus). A minus
    that is a word of its own may be a ruling line's stub (``unsign_ruled``): not taken."""
    words = list(cell.words)
    while len(words) > 1 and not any(ch.isalnum() for ch in words[0].text):
        words = words[1:]
    first = parse_amount(" ".join(w.text for w in words), lenient=True)
    sure = not any(w.sign_lost for w in words)
    return first if sure and value > 0 and first == -value else value


# A detached sign is judged against this much paper (text heights) left of it, at most ...
SIGN_STRIP = OCR.reread.sign_strip
# ... and at least this much (a narrower gap to the word before it tells nothing).
SIGN_STRIP_MIN = OCR.reread.sign_strip_min


def unsign_ruled(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """OCR'd cells whose minus is a word of its own that a ruling line makes: a line the
    scan drew through or under a row, read as a sign before the next figure ("425 — 444",
    "21 569 - 24 387"), runs on left of it over the paper where a printed minus has none
    (``PageImages.sign_is_rule``). Such a cell keeps its digits without the sign, doubtful
    (its sign is not known), for the re-read and the sums to judge."""
    def mend(line: Line, cell: Cell) -> Cell | None:
        split = _sign_word(cell)
        if split is None:
            return None
        sign, rest = split
        h = cell.bottom - cell.top
        before = [w.x1 for w in line.words if w.x1 <= sign.x0]
        left = max([sign.x0 - SIGN_STRIP * h, *[x + SIGN_STRIP_MIN * h / 2 for x in before]])
        if sign.x0 - left < SIGN_STRIP_MIN * h or not images.sign_is_rule(
                line.page, CellBox(line.page, sign.x0, cell.top, sign.x1, cell.bottom), left):
            return None
        digits = make_cell([replace(rest[0], sign_lost=True), *rest[1:]])
        if digits.value is None or digits.value <= 0:
            return None
        return replace(digits, confidence=min(digits.confidence, REPAIRED_NUMBER_CONFIDENCE))
    return _mend_cells(lines, ocr_pages, mend)


def _sign_word(cell: Cell) -> tuple[Word, list[Word]] | None:
    """A negative cell's minus as a word of its own and the words after it: the cell's first
    word when it is a sign, or the sign OCR read glued to the first digits ("—26", a line
    through a count's row; "—171 023", one through an amount's), its box the sign's share of
    the word's; None for a cell with none."""
    if cell.value is None or cell.value >= 0:
        return None
    first = cell.words[0]
    if len(cell.words) > 1 and is_sign_token(first.text):
        return first, cell.words[1:]
    m = re.match(rf"^([{MINUS_CHARS}]+)(\d+)$", first.text)
    if m is None:
        return None
    cut = first.x0 + (first.x1 - first.x0) * len(m.group(1)) / len(first.text)
    return (replace(first, text=m.group(1), x1=cut),
            [replace(first, text=m.group(2), x0=cut, raw=first.raw or first.text), *cell.words[1:]])


def unparen_ruled(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """OCR'd negatives read from one parenthesis ("(17427 269", "1515614)": the other taken
    as lost) that is a table's upright column rule just left or right of the figure: the
    line runs on above and below the row, where a printed parenthesis ends
    (``PageImages.upright_rule_at``). The figure keeps its digits, positive, doubtful: a
    minus the rule hid stays possible."""
    def mend(line: Line, cell: Cell) -> Cell | None:
        box = _lone_parenthesis(cell)
        if box is None or not images.upright_rule_at(replace(box, page=line.page), paren=True):
            return None
        return replace(cell, value=-cell.value, confidence=min(cell.confidence, REPAIRED_NUMBER_CONFIDENCE))
    return _mend_cells(lines, ocr_pages, mend)


def _lone_parenthesis(cell: Cell) -> CellBox | None:
    """The box of a negative cell's one parenthesis, glued to its digits ("(17427",
    "1515614)"), the other lost; None for any other cell."""
    if cell.value is None or cell.value >= 0 or not cell.words:
        return None
    first, last = cell.words[0], cell.words[-1]
    opened, closed = first.text.startswith("("), last.text.endswith(")")
    if opened == closed:
        return None
    w = first if opened else last
    if len(w.text) < 2 or not (w.text[1] if opened else w.text[-2]).isdigit():
        return None
    share = (w.x1 - w.x0) / len(w.text)
    x0, x1 = (w.x0, w.x0 + share) if opened else (w.x1 - share, w.x1)
    return CellBox(0, x0, w.top, x1, w.bottom)


# A minus OCR dropped is looked for this far (text heights) left of a figure's first word.
DASH_REACH = OCR.reread.dash_reach
INKED_SIGN_CONFIDENCE = OCR.confidence.inked_sign


def sign_from_ink(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """OCR'd positive figures with a minus on the page that OCR did not read: a thin serif
    "−" a hard scan blurred is dropped ("−51" read "51", sure), and the figure was stored
    positive. A dash of ink of its own just left of the digits, at their mid-height, with
    paper left of it (``PageImages.dash_before``), signs the figure, doubtful: the image
    shows a sign no reading gave. A ruling line, an underscore, a rule under or over the
    row, a table's upright rule are no such mark."""
    def mend(line: Line, cell: Cell) -> Cell | None:
        if cell.value is None or cell.value <= 0 or cell.mark \
                or not cell.words[0].text[:1].isdigit() or is_year_cell(cell):
            return None
        first, h = cell.words[0], cell.words[0].height
        before = [w.x1 for w in line.words if w.x1 <= first.x0]
        left = max([first.x0 - DASH_REACH * h, *before])
        if not images.dash_before(line.page, CellBox(line.page, first.x0, first.top, first.x1,
                                                     first.bottom), left):
            return None
        return replace(cell, value=-cell.value, confidence=min(cell.confidence, INKED_SIGN_CONFIDENCE))
    return _mend_cells(lines, ocr_pages, mend)


def place_ruled_pieces(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """The figures OCR read as one token on a ruling line ("302—_460—_-76__", split by
    repair/ocrfix.py and placed by their characters' share of the token's box, which the
    line's trailing dashes stretched past the table) moved to the columns of the rows
    around the token covers, one each, when they are as many; else left where they stand.
    Still doubtful: where a figure stands is now known, not its reading. (``images``
    unused: the walk every line pass shares.)"""
    new_cells: dict[int, list[Cell]] = {}
    for i, line in enumerate(lines):
        if line.page not in ocr_pages:
            continue
        tokens: dict[str, list[int]] = {}
        for k, c in enumerate(line.cells):
            if len(c.words) == 1 and c.words[0].raw and ruled_token(c.words[0].raw):
                tokens.setdefault(c.words[0].raw, []).append(k)
        for ks in (ks for ks in tokens.values() if len(ks) > 1):
            spans = columns_around(lines, i)
            first, last = line.cells[ks[0]], line.cells[ks[-1]]
            slack = RIGHT_EDGE_TOLERANCE * line.height
            under = [s for s in spans if s[1] > first.x0 - slack and s[0] < last.x1]
            others = [c for k, c in enumerate(line.cells) if k not in ks]
            if len(under) != len(ks) or any(c.x0 < under[-1][1] and c.x1 > under[0][0] for c in others):
                continue
            cells = new_cells.setdefault(i, list(line.cells))
            for k, (x0, x1) in zip(ks, under, strict=True):
                w = cells[k].words[0]
                width = min(w.x1 - w.x0, x1 - x0)
                cells[k] = replace(cells[k], words=[replace(w, x0=x1 - width, x1=x1)])
    return _with_cells(lines, new_cells)


def reread_doubtful(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    doubtful = [(i, j) for i, line in enumerate(lines) if line.page in ocr_pages
                for j, c in enumerate(line.cells)
                if (c.value is None and c.confidence == 0)
                or (c.value is not None and c.confidence <= REPAIRED_NUMBER_CONFIDENCE)]
    if not doubtful:
        return lines
    boxes = [CellBox(lines[i].page, c.x0, c.top, c.x1, c.bottom)
             for i, j in doubtful for c in [lines[i].cells[j]]]
    values = read_amounts(images, boxes)
    # A cell OCR read nothing of and the re-read neither: a row rule a skewed scan ran
    # through the figure ("0" read "RR ie"; the row's box reached the next row's figure),
    # read again at the band its ink stands in.
    lost = [k for k, (i, j) in enumerate(doubtful)
            if values[k] is None and lines[i].cells[j].value is None]
    again = []
    for k in lost:
        band = _ink_band(images, boxes[k], lines, doubtful[k][0])
        again.append(replace(boxes[k], top=band[0], bottom=band[1]) if band else boxes[k])
    for k, value in zip(lost, read_amounts(images, again) if lost else [], strict=True):
        values[k] = value
    # A cell over two columns is not confirmed by a reading of its whole span: Tesseract
    # reads the gap between the columns' figures as one space ("402 490 326 685").
    straddle = {(s.line_index, s.cell_index) for s in straddling_cells(lines)}
    new_cells: dict[int, list[Cell]] = {}
    for (i, j), box, value in zip(doubtful, boxes, values, strict=True):
        cells = new_cells.setdefault(i, list(lines[i].cells))
        cell = cells[j]
        if (i, j) in straddle and value is not None and value == cell.value:
            continue
        hidden = value is not None and value == cell.value and value > 0 \
            and images.line_through(box)
        cells[j] = _reread_cell(cell, value, hidden)
        if cells[j] is cell and cell.value is None:
            cells[j] = _without_trailing_marks(cell)
    return _with_cells(lines, new_cells)


# What a ruling line's end beside a figure reads as, a word of its own (never a minus: a
# mark after a figure is no sign of it).
LINE_END_MARKS = "=~_|—–-"


def _without_trailing_marks(cell: Cell) -> Cell:
    """A cell of one figure with dust after it read as marks ("2225,", "3345:"), or a ruling
    line's end as a mark word of its own ("138894 ="), that the image did not read again:
    the figure, doubtful (its last marks are not known)."""
    text = cell.text
    ruled = len(cell.words) > 1 and not cell.words[-1].text.strip(LINE_END_MARKS)
    if ruled:
        text = " ".join(w.text for w in cell.words[:-1])
    core = text.rstrip(TRAILING_MARKS)
    value = parse_amount(core) if (ruled or core != text) and core[-1:].isdigit() else None
    if value is None or not is_regular_grouping(core) and " " in core:
        return cell
    return replace(cell, value=value, confidence=REPAIRED_NUMBER_CONFIDENCE)


def take_misread_words(lines: list[Line], ocr_pages: set[int],
                       vocabulary: dict[str, str] | None = None) -> list[Line]:
    """Label words that stand in an amount column (parsers/gaps.py) become cells of their
    row: an amount as read, anything else a doubtful cell for ``reread_doubtful``. Words
    in one column are one cell ("ROS oD": one figure read as broken words); a doubtful cell
    that falls short of its column's right edge (its last digits read as nothing) is read
    again over the column's whole span."""
    out = list(lines)
    for i, keep, spans, end in misread_words(lines, vocabulary):
        line = lines[i]
        if line.page not in ocr_pages:
            continue
        cells, label, misread = list(line.cells), line.label_words[:keep], line.label_words[keep:end]
        # A note number glued to the figure ("4—3382—"): the note a cell of its own.
        if misread and (glued := glued_note(misread[0], spans)) is not None:
            misread = [*glued, *misread[1:]]
        for span, words in _by_column(misread, spans):
            if span is None and not any(c.isdigit() for w in words for c in w.text):
                # Marks in the gutter between columns (a ruling line read as letters, "193
                # Gece 134") are no figure; marks over a column's span are its figure, lost.
                span = next((s for s in spans if words[-1].x1 > s[0] and words[0].x0 < s[1]), None)
                if span is None:
                    continue
            if span is not None and _marks_before_figure(words, span, cells,
                                                         _widest(lines, i, span, SURE)):
                continue
            value = parse_amount(" ".join(w.text for w in words), lenient=True)
            short = span is not None and words[-1].x1 < span[1] - RIGHT_EDGE_TOLERANCE * words[-1].height
            # A figure read with a ruling line through it: read again over its column alone.
            short = short or (span is not None and any(ruled_figure(w, span) for w in words))
            if len(words) == 1 and (value is not None or not short):
                cells.append(Cell(words, value, words[0].confidence if value is not None else 0.0))
            elif value is not None:
                cells.append(Cell(words, value, min(w.confidence for w in words)))
            else:
                # Read again over the column: cells read of parts of it before are let go.
                cells = [c for c in cells if not (span and span[0] <= c.x0 and c.x1 <= span[1])]
                cells.append(Cell([_doubtful_word(words, span)], None, 0.0))
        cells.sort(key=lambda c: c.x0)
        out[i] = replace(line, label_words=label, cells=cells)
    # Column headings ("Belopp i kr      Not  2024") keep their words. A line of a label alone
    # (a group's heading) loses a speck far out in the columns ("Personalkostnader      i"):
    # with it, the subtotal naming the group named another. Its other short words (a goal's
    # "Ja", a form's "X") stay.
    return [ln if ln.page not in ocr_pages or (ln.cells and all(is_year_cell(c) for c in ln.cells))
            else _doubtful_among_marks(_without_gutter_noise(ln)) if ln.cells
            else _without_gutter_speck(ln) for ln in out]


def _marks_before_figure(words: list[Word], span: tuple[float, float], cells: list[Cell],
                         widest: int) -> bool:
    """Marks alone (no letter, no digit: "=") left of a whole figure the row already has in
    the column ``span``: a speck before the figure, not the column's figure lost (re-reading
    the column for them would let the figure go). Not marks a minus may be read as ("~",
    "-"), nor before a figure with fewer digits than the column's sure figures around
    (``widest``; "=" may be a lost digit group, "162" of "787 162")."""
    if any(ch.isalnum() or ch in MINUS_CHARS + "~_" for w in words for ch in w.text):
        return False
    return any(c.value is not None and span[0] <= c.x0 and c.x1 <= span[1] and c.x0 >= words[-1].x1
               and sum(ch.isdigit() for ch in c.text) >= widest for c in cells)


def _without_gutter_speck(line: Line) -> Line:
    """A label-only line without its last word when that is a speck (one small letter: no
    status mark, no "X" of a form) standing after the gutter gap."""
    keep = gutter_noise(line)
    if keep == len(line.label_words) - 1 and line.label_words[-1].text.islower() \
            and len(line.label_words[-1].text) == 1:
        return replace(line, label_words=line.label_words[:keep])
    return line


def _doubtful_among_marks(line: Line) -> Line:
    """A row whose figures OCR read among words of letters that are no part of its label
    ("Kassaflöde från investeringsverksamheten  ee 30 See ce 50" for "−30  0": a ruling line
    or speckle through the figures): a figure's sign or digits may be in those letters, so
    every figure of the row is doubtful. Letters after the last figure (a unit) are not."""
    kept = {id(w) for w in line.label_words} | {id(w) for c in line.cells for w in c.words}
    last = max(c.x0 for c in line.cells)
    marks = [w for w in line.words if id(w) not in kept and w.x1 <= last
             and not any(ch.isdigit() for ch in w.text)
             and sum(ch.isalpha() for ch in w.text) >= MARK_MIN_LETTERS]
    if not marks:
        return line
    return replace(line, cells=[replace(c, confidence=min(c.confidence, AMONG_MARKS_CONFIDENCE))
                                if c.value is not None else c for c in line.cells])


def _without_gutter_noise(line: Line) -> Line:
    keep = gutter_noise(line)
    return line if keep == len(line.label_words) else replace(
        line, label_words=line.label_words[:keep])


def _by_column(words: list[Word], spans: list[tuple[float, float]]
               ) -> list[tuple[tuple[float, float] | None, list[Word]]]:
    """Consecutive words grouped by the column span they stand in."""
    groups: list[tuple[tuple[float, float] | None, list[Word]]] = []
    for w in words:
        span = span_of(w, spans)
        if groups and span is not None and groups[-1][0] == span:
            groups[-1][1].append(w)
        elif groups and w.x0 < groups[-1][1][-1].x1:
            # Boxed over the word before it ("a" and "BE" of one "11"): one figure.
            groups[-1] = (groups[-1][0] or span, [*groups[-1][1], w])
        else:
            groups.append((span, [w]))
    return groups


def _doubtful_word(words: list[Word], span: tuple[float, float] | None) -> Word:
    """One word for the words of a misread figure, over its column's span: what OCR read
    of a ruled-through figure may reach past it (a line read as letters) or fall short."""
    text = " ".join(w.text for w in words)
    x0, x1 = span if span is not None else (words[0].x0, words[-1].x1)
    return Word(text, x0, x1, min(w.top for w in words),
                max(w.bottom for w in words), confidence=0.0, raw=text,
                sign_lost=any(w.sign_lost for w in words))


def split_straddling(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """A cell over two columns of its table (parsers/gaps.py) read again column by column:
    when every part reads as a clean amount, the parts are the row's cells in its place;
    else the cell stays, doubtful. A cell whose own words divide at the column gaps ("349
    790 320907": a grouping space OCR lost let the next column's figure continue this one)
    is split there without a re-read: those words are the columns' figures as read."""
    new_cells: dict[int, list[Cell]] = {}
    found = []
    for s in straddling_cells(lines):
        line = lines[s.line_index]
        parts = _word_parts(line.cells[s.cell_index], s.parts, s.columns) \
            if line.page in ocr_pages else None
        if parts is None:
            found += [s] if line.page in ocr_pages else []
            continue
        cells = new_cells.setdefault(s.line_index, list(line.cells))
        pos = next(k for k, c in enumerate(cells) if c is line.cells[s.cell_index])
        cells[pos:pos + 1] = parts
    if not found:
        return _with_cells(lines, new_cells)
    boxes = [CellBox(lines[s.line_index].page, x0, cell.top, x1, cell.bottom)
             for s in found for cell in [lines[s.line_index].cells[s.cell_index]]
             for x0, x1 in s.parts]
    values = iter(read_amounts(images, boxes, GAP_REREAD_MIN_CONFIDENCE))
    reads = [[next(values) for _ in s.parts] for s in found]
    # A cell whose parts a plain reading finds nothing clean in is read with the ruling
    # lines whitened: a level line through the row glued two figures ("12652049" for
    # "1 265  2 049") and spoils the plain reading of each part too. Whitening may take a
    # stroke with the line ("2136" read "1136"): the parts are taken only as a cut of the
    # digits OCR read, in order.
    again = [n for n, read in enumerate(reads) if None in read]
    boxes_again = [CellBox(lines[found[n].line_index].page, x0, cell.top, x1, cell.bottom)
                   for n in again for cell in [lines[found[n].line_index].cells[found[n].cell_index]]
                   for x0, x1 in found[n].parts]
    unruled = iter(read_amounts(images, boxes_again, unruled=True) if again else [])
    for n in again:
        s = found[n]
        read = [next(unruled) for _ in s.parts]
        cell = lines[s.line_index].cells[s.cell_index]
        # ... and a minus only where OCR read one (a stub of the whitened line read as one).
        signed = any(ch in MINUS_CHARS for ch in cell.text)
        if None not in read and "".join(str(abs(v)) for v in read) == digits_of(cell.text) \
                and (signed or all(v >= 0 for v in read)):
            reads[n] = read
    for s, read in zip(found, reads, strict=True):
        line = lines[s.line_index]
        cell = line.cells[s.cell_index]
        cells = new_cells.setdefault(s.line_index, list(line.cells))
        pos = next(k for k, c in enumerate(cells) if c is cell)
        if any(v is None for v in read):
            cells[pos] = replace(cell, confidence=min(cell.confidence, SPLIT_CELL_CONFIDENCE))
            continue
        # Each figure where its column stands (no wider: read as one with its neighbour's).
        cells[pos:pos + 1] = [
            Cell([Word(str(v), x0, x1, cell.top, cell.bottom, confidence=REREAD_CONFIDENCE)],
                 v, REREAD_CONFIDENCE) for v, (x0, x1) in zip(read, s.columns, strict=True)]
    return _with_cells(lines, new_cells)


def join_crowded(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """Cells of a row standing together in one column of the rows around it
    (parsers/gaps.py), each doubtful (no amount, or repaired): parts of one figure
    OCR read apart ("1 145" and "04)" for "1 145 041"), each taken for a column of its own
    (the part stole the column's heading). They become one doubtful cell over the
    column's span, for the re-read to read whole."""
    new_cells: dict[int, list[Cell]] = {}
    for crowd in crowded_columns(lines):
        line = lines[crowd.line_index]
        parts = [line.cells[j] for j in crowd.cell_indexes]
        if line.page not in ocr_pages:
            continue
        words = [w for c in parts for w in c.words]
        joined = _joined_reading(lines, crowd.line_index, crowd.span, parts,
                                 Cell([_doubtful_word(words, None)], None, 0.0))
        # Every part doubtful: a clean figure beside a mark is a figure of its own (the
        # column around may be one over two, where a neighbour's cell ran over both) ...
        if not all(c.value is None or c.confidence <= REPAIRED_NUMBER_CONFIDENCE for c in parts):
            # ... unless the column read again, its ruling lines whitened, gives the parts'
            # digits as one figure ("-17" and "118290" of "−17 1|18 290", an upright line
            # through it): one figure, doubtful. Parts farther apart than the widest
            # grouping space are two things (a note number "3" before "425", the row's
            # figures set close to its note column), whatever a re-read of both makes; so are
            # parts ending under two years of the table's heading.
            if _apart(parts) or under_two_years(lines, crowd.line_index, parts):
                continue
            value = _one_figure(images, line, crowd.span, parts)
            # The column's width from its sure figures; from any when none is sure.
            widest = _widest(lines, crowd.line_index, crowd.span, SURE) or \
                _widest(lines, crowd.line_index, crowd.span)
            if value is None or len(str(abs(value))) > widest:
                continue  # more digits than the column's figures have: two columns' figures
            joined = Cell([replace(joined.words[0], confidence=REREAD_CONFIDENCE)], value,
                          REREAD_CONFIDENCE)
        cells = new_cells.setdefault(crowd.line_index, list(line.cells))
        first = next((k for k, c in enumerate(cells) if c is parts[0]), None)
        if first is None or [id(c) for c in cells[first:first + len(parts)]] != [id(c) for c in parts]:
            continue  # parts of a crowd the row's other column (spans overlap) joined already
        cells[first:first + len(parts)] = [joined]
    return _with_cells(lines, new_cells)


def _joined_reading(lines: list[Line], i: int, span: tuple[float, float], parts: list[Cell],
                    joined: Cell) -> Cell:
    """The joined cell with the figure its parts' words make when they are one printed
    figure's groups ("393" and "869" of a narrow column's "393 869", its grouping space read
    wide): grouped as printers set amounts, no farther apart than a grouping space, no more
    digits than the column's figures around. Doubtful: the re-read confirms it, or a
    reading it disagrees with leaves OCR's (a digits-only re-read of a narrow serif column
    misreads 5 as 9); else no value, for the re-read to give."""
    text = joined.text
    value = parse_amount(text) if is_regular_grouping(text) and len(parts) > 1 else None
    # Measured by the column's sure figures; figures around, none sure (two columns' run
    # together, doubtful), measure nothing: no join then.
    widest = _widest(lines, i, span, SURE)
    if value is None or _apart(parts) or (widest and len(str(abs(value))) > widest) or \
            (not widest and _widest(lines, i, span)):
        return joined
    return replace(joined, value=value, confidence=REPAIRED_NUMBER_CONFIDENCE)


# Digit groups of one figure stand at most this many text heights apart (wide grouping
# spaces, parsers/columns.py).
WIDE_GROUP_GAP = OCR.tables.wide_group_gap


def _apart(parts: list[Cell]) -> bool:
    """Whether two cells next to each other stand farther apart than any grouping space."""
    height = min((w.height for c in parts for w in c.words), default=0.0)
    return any(b.x0 - a.x1 > WIDE_GROUP_GAP * height for a, b in zip(parts, parts[1:], strict=False))


def _widest(lines: list[Line], i: int, span: tuple[float, float], above: float = -1.0) -> int:
    """The most digits a figure of the column ``span`` has in the rows around row ``i``,
    counting figures read surer than ``above``: 0 when there are none."""
    near = [ln for ln in lines[max(i - CROWD_ROWS, 0):i + CROWD_ROWS + 1]
            if ln.page == lines[i].page and ln is not lines[i]]
    return max((sum(ch.isdigit() for ch in c.text) for ln in near for c in ln.cells
                if c.value is not None and c.confidence > above
                and span[0] <= c.x0 and c.x1 <= span[1] + 1), default=0)


# A figure read surer than a repaired one is a measure of its column's width; a doubtful one
# may be two columns' figures run together ("521927700778", 0.5). (At the checks' doubt
# line instead, figures read again, 0.7, measure nothing: G's variety-18 note lost eight
# figures so when it was tried.)
SURE = REPAIRED_NUMBER_CONFIDENCE  # counted above it


# Rows above and below a crowded row whose figures tell how wide its column's are.
CROWD_ROWS = OCR.gaps.window


def _one_figure(images: PageImages, line: Line, span: tuple[float, float],
                parts: list[Cell]) -> int | None:
    """The figure the column ``span`` of the row reads as with its ruling lines whitened,
    when its digits are the parts' digits, in order; else None."""
    top, bottom = figure_band(line) or (line.top, line.bottom)
    # From the first part's left edge too: its sign may stand left of the column's figures.
    box = CellBox(line.page, min(span[0], parts[0].x0), top, max(span[1], parts[-1].x1), bottom)
    (value,) = read_amounts(images, [box], unruled=True)
    digits = "".join(ch for c in parts for ch in c.text if ch.isdigit())
    return value if value is not None and str(abs(value)) == digits else None


def _word_parts(cell: Cell, parts: list[tuple[float, float]],
                columns: list[tuple[float, float]]) -> list[Cell] | None:
    """The cell's words as one cell per part it stands over, when every word stands inside
    one part, every part's words are an amount and the gap between parts is wider than any
    inside one (a grouping space: "1 560 192" is one figure however the columns fall);
    else None. A word may reach half a digit past its part: a cut at the middle of the gap
    between two columns may graze the first digit of a wider figure of the next column
    ("270145 216745": 216745 begins 1.5 pt left of it); a word reaching further over a cut
    ("234567" of "1 234" run into "567 890") is no column's figure as read."""
    groups: list[list[Word]] = [[] for _ in parts]
    pieces = [piece for word in cell.words for piece in _spaced_pieces(word)]
    placed = {id(p) for p in pieces} - {id(w) for w in cell.words}
    for w in pieces:
        reach = DIGIT_WIDTH * w.height / 2
        k = next((k for k, (x0, x1) in enumerate(parts) if x0 - reach <= w.x0 and w.x1 <= x1 + reach),
                 None)
        if k is None:
            return None
        groups[k].append(w)
    if not all(groups):
        return None
    inner = max((b.x0 - a.x1 for g in groups for a, b in zip(g, g[1:], strict=False)), default=0.0)
    if any(b[0].x0 - a[-1].x1 <= inner for a, b in zip(groups, groups[1:], strict=False)):
        return None
    # A piece placed by its share of the characters ends no further right than its column:
    # its column's figures end at the column's edge (a wide space drew it right).
    # Where a piece stands is a guess from its characters: its figure is doubtful.
    groups = [[replace(w, x0=w.x0 - shift, x1=w.x1 - shift,
                       confidence=min(w.confidence, SPLIT_CELL_CONFIDENCE) if id(w) in placed
                       else w.confidence) for w in g]
              for g, (_, right) in zip(groups, columns, strict=True)
              for shift in [max(g[-1].x1 - right, 0.0) if id(g[-1]) in placed else 0.0]]
    cells = [make_cell(g) for g in groups]
    return cells if all(c.value is not None for c in cells) else None


def _spaced_pieces(w: Word) -> list[Word]:
    """A word with spaces in it ("124 175": OCR's words joined as one figure's groups) as
    its pieces, each placed by its share of the word's characters: a figure of each column
    when the column gap falls at a space ("124 | 175"), not when it falls inside a piece
    ("5751 022" for "575 | 1 022")."""
    if " " not in w.text.strip():
        return [w]
    per = (w.x1 - w.x0) / len(w.text)
    out, at = [], 0
    for piece in w.text.split(" "):
        if piece:
            out.append(replace(w, text=piece, x0=w.x0 + at * per, x1=w.x0 + (at + len(piece)) * per))
        at += len(piece) + 1
    return out


def fill_gaps(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """Empty slots under a column (parsers/gaps.py) read again; a clean amount becomes a cell
    of its row."""
    slots: list = []
    for slot in empty_slots(lines) + heading_slots(lines):
        # Both finders may name one place; a place is read once.
        if slot.page in ocr_pages and not any(
                o.line_index == slot.line_index and o.x0 < slot.x1 and slot.x0 < o.x1
                for o in slots):
            slots.append(slot)
    if not slots:
        return lines
    rows = [CellBox(s.page, min([s.x0, *(c.x0 for c in lines[s.line_index].cells)]), s.top,
                    max([s.x1, *(c.x1 for c in lines[s.line_index].cells)]), s.bottom) for s in slots]
    values = _read_slots(images, [CellBox(s.page, s.x0, s.top, s.x1, s.bottom) for s in slots],
                         [s.band for s in slots], rows)
    values = [None if v is not None and _cuts_ink(images, lines[s.line_index], s.x0, s.x1) else v
              for s, v in zip(slots, values, strict=True)]
    found = [(slot.line_index, *_ink_span(images, lines[slot.line_index], slot.x0, slot.x1, value),
              value) for slot, value in zip(slots, values, strict=True)]
    return _add_read_cells(lines, found)


def _cuts_ink(images: PageImages, line: Line, x0: float, x1: float) -> bool:
    """Whether a slot's edge cuts a figure on the page: a run of ink in the row that
    starts before the slot and ends inside it, or the other way round (a slot placed by
    another table's column over "282" reads "82"). The row's own cells are no such run."""
    h = line.height
    start = max(x0 - SLOT_EDGE_REACH * h, line.label_words[-1].x1 if line.label_words else 0.0)
    covered = [(c.x0 - INK_CLEARANCE * h, c.x1 + INK_CLEARANCE * h) for c in line.cells]
    edge = INK_CLEARANCE * h
    return any((a < x0 - edge < b) or (a < x1 + edge < b and a < x1 - edge)
               for a, b in images.ink_runs(line.page, line.top, line.bottom, start, covered,
                                           INK_GAP * h)
               if a < x1 and b > x0)


def _ink_span(images: PageImages, line: Line, x0: float, x1: float,
              value: int | None) -> tuple[float, float]:
    """Where a figure read in a slot stands: the one run of ink inside the slot, when the
    slot is far wider than the figure (a form's heading slot over three columns: "5" placed
    over all of them would make one column of them); else the slot."""
    h = line.height
    if value is None or x1 - x0 <= (DIGIT_WIDTH * len(str(value)) + 2 * INK_GAP) * h:
        return x0, x1
    runs = [(a, b) for a, b in images.ink_runs(line.page, line.top, line.bottom, x0, [],
                                               INK_GAP * h) if x0 <= a and b <= x1]
    return runs[0] if len(runs) == 1 else (x0, x1)


def _read_slots(images: PageImages, boxes: list[CellBox], bands: list[tuple[float, float] | None],
                rows: list[CellBox] | None = None) -> list[int | None]:
    """The clean amount in each empty box, read surely; a box whose row's band gave none is
    read once more at the band of its row's own figures (``parsers.gaps.figure_band``); one
    whose row (``rows``: from its first figure or slot to its last) a level ruling line runs
    through or by, with the line whitened (a skewed scan's line across a five-year table's
    "60  ...  97  49": no plain reading of them is clean; a slot is too short to find the
    line in)."""
    values = read_amounts(images, boxes, GAP_REREAD_MIN_CONFIDENCE)
    again = [k for k, v in enumerate(values) if v is None and bands[k] is not None]
    if again:
        second = read_amounts(images, [replace(boxes[k], top=bands[k][0], bottom=bands[k][1])
                                       for k in again], GAP_REREAD_MIN_CONFIDENCE)
        for k, value in zip(again, second, strict=True):
            values[k] = value
    ruled = [k for k, v in enumerate(values) if v is None and rows is not None
             and images.level_rule_near(rows[k], rows[k].bottom - rows[k].top)]
    for k, value in zip(ruled, read_amounts(images, [boxes[k] for k in ruled], unruled=True)
                        if ruled else [], strict=True):
        # Taken at any confidence: only where the slot holds ink as wide as the figure's
        # digits (half their room at least), not a stub of the whitened line read as "1".
        values[k] = value if value is not None and _inked_for(images, boxes[k], value) else None
    return values


# A figure read in a ruled slot has ink over this share of its digits' room at least.
RULED_SLOT_INK_SHARE = OCR.reread.ruled_slot_ink_share


def _inked_for(images: PageImages, box: CellBox, value: int) -> bool:
    """Whether a run of ink in the box covers RULED_SLOT_INK_SHARE of ``value``'s digits'
    room (DIGIT_WIDTH text heights each)."""
    h = box.bottom - box.top
    need = RULED_SLOT_INK_SHARE * DIGIT_WIDTH * h * len(str(abs(value)))
    return any(min(b, box.x1) - max(a, box.x0) >= need
               for a, b in images.ink_runs(box.page, box.top, box.bottom, box.x0, [], INK_GAP * h))


def _add_read_cells(lines: list[Line], found: list[tuple[int, float, float, int | None]]) -> list[Line]:
    """Each clean reading (line index, x0, x1, value) as a new cell of its line, in order; its
    word joins the line's words too (a year read under a column heading is a heading word
    that gives the column its year)."""
    new_cells: dict[int, list[Cell]] = {}
    new_words: dict[int, list[Word]] = {}
    for i, x0, x1, value in found:
        if value is None:
            continue
        line = lines[i]
        word = Word(str(value), x0, x1, line.top, line.bottom, confidence=REREAD_CONFIDENCE)
        cells = new_cells.setdefault(i, list(line.cells))
        cells.append(Cell([word], value, REREAD_CONFIDENCE))
        cells.sort(key=lambda c: c.x0)
        new_words.setdefault(i, list(line.words)).append(word)
    out = _with_cells(lines, new_cells)
    for i, words in new_words.items():
        # A mark OCR read where the figure now read stands ("Nyinskrivna 6 5 H", the "1" read
        # as "H", taken for gutter noise) was that figure: it is no label word beside it.
        read = [w for w in words if w not in lines[i].words]
        gone = {id(w) for w in lines[i].label_words if _misread_of(w, read)}
        out[i] = replace(out[i], words=sorted((w for w in words if id(w) not in gone), key=lambda w: w.x0),
                         label_words=[w for w in out[i].label_words if id(w) not in gone])
    return out


def _misread_of(word: Word, read: list[Word]) -> bool:
    """Whether a short mark without digits, or a label word of the very digits read, stands
    (its greater part) where a figure was read: the figure's ink as OCR first read it
    ("29  14  18  TI" taken for gutter noise before a streak, its figures read again)."""
    text = word.text.strip(",.;:")
    same = [r for r in read if r.text == text]
    if not text or ((len(text) > MISREAD_MAX_CHARS or any(c.isdigit() for c in text)) and not same):
        return False
    return any(min(word.x1, r.x1) - max(word.x0, r.x0) > (word.x1 - word.x0) / 2
               for r in (same or read))


# Ink is looked for on lines with labels this short (table rows, not prose).
INK_ROW_WORDS = OCR.reread.ink_row_words
# Ink runs closer than this (text heights) are one figure; further apart, two columns.
INK_GAP = OCR.reread.ink_gap
# Slack (text heights) around the words OCR read, where ink is theirs.
INK_CLEARANCE = OCR.reread.ink_clearance
INK_LABEL_TAIL = OCR.reread.ink_label_tail


def fill_from_ink(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """Figures on the page that OCR did not read at all: sparse columns far from their
    labels ("kvinna ........ 12") are dropped whole by page segmentation. Ink right of a
    row's label, where no word was read, is read again as an amount; so is ink in the column
    gap before the figures of a row written out ("Nya deltagare   13   8 kvinnor och 5 män",
    its 13 dropped), which joins the row's words."""
    found: list[tuple[int, float, float]] = []
    inner: list[tuple[int, float, float]] = []
    for i, line in enumerate(lines):
        if line.page not in ocr_pages or not 0 < len(line.label_words) <= INK_ROW_WORDS:
            continue
        if _year_heading(line):
            continue
        h = line.height
        # Marks a ruling line left in the gutter ("Sjöhaga kommun    a    ee", where OCR read
        # the row's figures as nothing) are no label: the figures are looked for after the
        # label, over the marks' boxes too.
        noise = {id(w) for w in line.label_words[gutter_noise(line):]}
        covered = [(w.x0 - INK_CLEARANCE * h, w.x1 + INK_CLEARANCE * h)
                   for w in line.words + [w for c in line.cells for w in c.words]
                   if id(w) not in noise]
        last = max((w for w in line.label_words if id(w) not in noise), key=lambda w: w.x1)
        start = last.x1 + INK_CLEARANCE * h
        for x0, x1 in images.ink_runs(line.page, line.top, line.bottom, start, covered,
                                      INK_GAP * h):
            if not _lost_letter(last, x0, x1, h):
                found.append((i, x0, x1))
        gap = _written_row_gap(line)
        if gap is not None:
            inner += [(i, x0, x1) for x0, x1 in images.ink_runs(
                line.page, line.top, line.bottom, gap[0] + INK_CLEARANCE * h, covered, INK_GAP * h)
                if x1 <= gap[1]]
    lines = _read_inner_runs(lines, inner, images) if inner else lines
    found = _not_own_ink(lines, found, images)
    if not found:
        return lines
    out, unread = _read_runs(lines, found, images)
    # Figures close together are one run of ink; where their columns were read only now
    # (a table whose column OCR dropped whole), such a run is read again column by column.
    return _read_runs(out, unread, images)[0] if unread and out is not lines else out


def _not_own_ink(lines: list[Line], found: list[tuple[int, float, float]], images: PageImages
                 ) -> list[tuple[int, float, float]]:
    """The runs that are not a figure's own ink: a run closer to the figure right of it than
    a column gap, read together with it, reading that figure as OCR read it, is that figure's
    ink outside its box (a page read again whole and turned level stands its boxes a drift
    off the image's ink: read on its own, such a run gave "23" beside "23", then 3 for 23)."""
    hugging: list[tuple[int, Cell]] = []
    for i, _, x1 in found:
        h = lines[i].height
        hugging.append(next(((i, c) for c in lines[i].cells if c.value is not None
                             and 0 <= c.x0 - x1 <= INK_GAP * h), (i, None)))
    joined = [k for k, (_, c) in enumerate(hugging) if c is not None]
    if not joined:
        return found
    boxes = [CellBox(lines[found[k][0]].page, found[k][1], lines[found[k][0]].top, hugging[k][1].x1,
                     lines[found[k][0]].bottom) for k in joined]
    own = {k for k, v in zip(joined, read_amounts(images, boxes, GAP_REREAD_MIN_CONFIDENCE), strict=True)
           if v is not None and v == hugging[k][1].value}
    return [run for k, run in enumerate(found) if k not in own]


def _lost_letter(last: Word, x0: float, x1: float, h: float) -> bool:
    """Ink right after a label's last word, as narrow as a letter: the word's own last
    letter OCR lost ("Resultatraknin" for "Resultaträkning", its "g" read again as "9")."""
    return last.text[-1:].isalpha() and x0 - last.x1 < INK_LABEL_TAIL * h and x1 - x0 < INK_LABEL_TAIL * h


def _year_heading(line: Line) -> bool:
    """A column-heading line of years ("Belopp i kronor   2018  2019  2020  2021  2022"): no
    figure of it is lost, and the ink in its gaps is the next row's (wider figures that stand
    out left of their years, inside the heading's box with its descenders: read "16" and
    "17", which made the line a row and its years amounts)."""
    return len(line.cells) >= 2 and all(is_year_cell(c) for c in line.cells)


# A gap this many text heights wide between a row's words is a column's.
COLUMN_GAP = OCR.counts.label_year_gap


def _written_row_gap(line: Line) -> tuple[float, float] | None:
    """(x0, x1) of the column gap before the figures of a row written out on one line
    ("Nya deltagare      8 kvinnor och 5 män", read without cells): where its first figure,
    the total, stands when OCR dropped it; None for any other line."""
    if line.cells:
        return None
    words = line.label_words
    h = line.height
    for a, b in zip(words, words[1:], strict=False):
        if b.x0 - a.x1 > COLUMN_GAP * h:
            return (a.x1, b.x0) if b.text.isdigit() and not any(
                c.isdigit() for w in words[:words.index(b)] for c in w.text) else None
    return None


def _read_inner_runs(lines: list[Line], found: list[tuple[int, float, float]],
                     images: PageImages) -> list[Line]:
    """Each run of ink read as a figure, surely, becomes a word of its row where it stands
    (the row is read as written, its figure among its words)."""
    values = _read_slots(images, [CellBox(lines[i].page, x0, lines[i].top, x1, lines[i].bottom)
                                  for i, x0, x1 in found], [None] * len(found))
    out = list(lines)
    for (i, x0, x1), value in zip(found, values, strict=True):
        if value is None or value < 0:
            continue
        line = out[i]
        word = Word(str(value), x0, x1, line.top, line.bottom, confidence=REREAD_CONFIDENCE)
        out[i] = replace(line, words=sorted([*line.words, word], key=lambda w: w.x0),
                         label_words=sorted([*line.label_words, word], key=lambda w: w.x0))
    return out


def _read_runs(lines: list[Line], found: list[tuple[int, float, float]], images: PageImages
               ) -> tuple[list[Line], list[tuple[int, float, float]]]:
    """The lines with each run's clean reading as a cell (a run that reads as nothing is read
    once more at the band of its row's own figures), and the runs that read as none. A run
    over two columns of the rows around is read column by column, each figure placed
    where its column stands (``_column_readings``)."""
    cells: list[tuple[int, float, float, int | None]] = []
    unread = []
    for run in found:
        i, x0, x1 = run
        parts, spans = column_parts(lines, i, x0, x1)
        # A cut between figures close together: each crop stops at it, its padding included.
        pad = PAD_X * lines[i].height if len(parts) > 1 else 0
        box = [CellBox(lines[i].page, a + pad * (k > 0), lines[i].top,
                       b - pad * (k < len(parts) - 1), lines[i].bottom)
               for k, (a, b) in enumerate(parts)]
        band = _ink_band(images, box[0], lines, i) if len(parts) == 1 else None
        values = _read_slots(images, box, [band or figure_band(lines[i])]) \
            if len(parts) == 1 \
            else _column_readings(images, CellBox(lines[i].page, x0, lines[i].top, x1,
                                                  lines[i].bottom), box)
        if len(parts) == 1 and _neighbours_figure(lines, i, box[0], values[0], band):
            values = [None]
        cells += [(i, a, b, v) for (a, b), v in zip(spans, values, strict=True)]
        if all(v is None for v in values):
            unread.append(run)
    return _add_read_cells(lines, cells), unread


def _neighbours_figure(lines: list[Line], i: int, box: CellBox, value: int | None,
                       band: tuple[float, float] | None) -> bool:
    """Whether a figure read in ink after a row's label is the row above's or below's, read
    again: the line next to it holds that very figure in a cell over the run whose box the
    ink's band reaches into (a skewed scan sets a row's figures lower than its label: the
    foot of "647" beside the next row's "Summa" read 647, the row's own total lost). A line of
    figures alone next to it is no row of its own: the figure OCR set apart from its row, a
    line off (read again here, it is this row's)."""
    if value is None or band is None:
        return False
    return any(0 <= j < len(lines) and lines[j].page == lines[i].page and lines[j].label_words and any(
        c.value == value and c.x0 < box.x1 and box.x0 < c.x1 and band[0] < c.bottom and c.top < band[1]
        for c in lines[j].cells) for j in (i - 1, i + 1))


def _ink_band(images: PageImages, box: CellBox, lines: list[Line] | None = None,
              i: int = 0) -> tuple[float, float] | None:
    """The band a run of ink stands in (``PageImages.ink_band``): lower than the row's box
    (marks in the row made the box taller), or higher or lower than its label (a skewed
    scan). A band that the line above or below (``lines[i]``'s neighbours) holds more of
    than the row does is theirs: a heading line's box ("Eget kapital och skulder") reaches
    into the next row's figure."""
    band = images.ink_band(box.page, box)
    if band is None or band == (box.top, box.bottom):
        return None

    def overlap(line: Line) -> float:
        return min(band[1], line.bottom) - max(band[0], line.top)
    if lines is not None:
        mine = overlap(lines[i])
        if any(0 <= j < len(lines) and lines[j].page == lines[i].page and overlap(lines[j]) > mine
               for j in (i - 1, i + 1)):
            return None
    return band


def _column_readings(images: PageImages, whole: CellBox, parts: list[CellBox]) -> list[int | None]:
    """The figures of a run of ink over several columns, one per column: Tesseract is seldom
    sure of such cut crops, so a reading is taken when the columns' readings, in order, hold
    the very digits of the whole run's reading ("5721 5956" = "5721" + "5956"); else none."""
    (text,) = images.read([whole], 0)
    values = read_amounts(images, parts, 0)
    texts = images.read(parts, 0)
    digits = "".join(ch for ch in text or "" if ch.isdigit())
    split = "".join(ch for t in texts for ch in t or "" if ch.isdigit())
    if not digits or digits != split or any(v is None for v in values):
        return [None] * len(parts)
    return [abs(v) for v in values] if not any(m in text for m in "-(") else values


# A heading word read again must be this sure (Tesseract 0-100): a guess names a column.
HEADING_MIN_SCORE = OCR.gaps.heading_min_score


def reread_rule_cut_starts(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """A figure whose first digits an upright ruling line ate (a ruled table's column rule
    through "21", read "1"): it stands short of its column's left edge (the figures right
    aligned with it above and below start a digit or more further left) and the paper
    between holds an upright rule (``PageImages.upright_rule_at``). It is read again over
    the column's width with the rules whitened; a longer reading that ends in the digits
    OCR read is taken, doubtful (no arithmetic proves it); any other keeps the figure."""
    found: list[tuple[int, int, CellBox]] = []
    for i, line in enumerate(lines):
        if line.page not in ocr_pages or not line.cells:
            continue
        near = [ln for ln in lines[max(0, i - OCR.reread.cut_start_rows):i + OCR.reread.cut_start_rows + 1]
                if ln is not line and ln.page == line.page]
        # A digit's width as the figures around print it (a re-read's box is its row's
        # height, taller than the digits): the same for each cell of the row.
        widths = [(c.x1 - c.x0) / len(str(c.value)) for ln in near for c in ln.cells
                  if c.value is not None and c.value >= 10 and len(c.words) == 1
                  and c.words[0].confidence > REREAD_CONFIDENCE]
        printed = statistics.median(widths) if widths else None
        for j, cell in enumerate(line.cells):
            if cell.value is None or cell.value < 0 or len(cell.words) != 1:
                continue
            h = cell.bottom - cell.top
            left = min((c.x0 for ln in near for c in ln.cells if c.value is not None
                        and abs(c.x1 - cell.x1) <= RIGHT_EDGE_TOLERANCE * h), default=cell.x0)
            digit = printed if printed is not None else DIGIT_WIDTH * h
            if cell.x0 - left < OCR.reread.cut_start_short * digit:
                continue
            # The column's edge as the rows around give it may run into this row's figure
            # before (a neighbour read as one figure over both columns, "15444455" for
            # "1544  1455"): a box reaching within a digit of that figure would read its
            # digits as this one's first ("892" + "817"). Two columns are never one figure.
            if j and left < line.cells[j - 1].x1 + digit:
                continue
            if images.upright_rule_at(CellBox(line.page, left, cell.top, cell.x0, cell.bottom)):
                found.append((i, j, CellBox(line.page, left, cell.top, cell.x1, cell.bottom)))
    if not found:
        return lines
    new_cells: dict[int, list[Cell]] = {}
    for (i, j, box), value in zip(found, read_amounts(images, [b for *_, b in found], unruled=True),
                                  strict=True):
        cell = lines[i].cells[j]
        digits = str(cell.value)
        if value is None or value <= cell.value or not str(value).endswith(digits):
            continue
        word = replace(cell.words[0], text=str(value), x0=box.x0, raw=cell.words[0].raw or cell.words[0].text,
                       confidence=min(cell.words[0].confidence, REPAIRED_NUMBER_CONFIDENCE))
        new_cells.setdefault(i, list(lines[i].cells))[j] = replace(
            cell, words=[word], value=value, confidence=min(cell.confidence, REPAIRED_NUMBER_CONFIDENCE))
    return _with_cells(lines, new_cells)


def reread_ruled_figures(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """Rows whose figures a level ruling line runs through (a rule through their foot, one
    a skewed scan ran across them): OCR reads such a figure wrong ("21" for 71, the 7's
    foot on the line), garbled or not at all, and may lose a whole column of them. Each
    column's cell of such a row (the columns of the rows around it) is read again from the
    image with the line whitened, digits only (``PageImages.read_unruled``). A figure read
    the same stays as it is; one the re-read reads otherwise keeps OCR's value, doubtful;
    a cell OCR read no figure in takes a clean re-read, doubtful; a figure OCR lost joins
    the row where the column stands, doubtful. Nothing the two readings disagree on is
    stored sure. A row with fewer cells than columns and no figure in any (OCR garbled it
    whole, ruled or not) is read the same way: the columns that read as a figure are its
    cells, doubtful, when they are at least half."""
    new_cells: dict[int, list[Cell]] = {}
    for i, line in enumerate(lines):
        if line.page not in ocr_pages or not line.cells or not line.label_words:
            continue
        spans = columns_around(lines, i)
        top, bottom = figure_band(line) or (line.top, line.bottom)
        # A row none of whose cells OCR read a figure in ("[435°  80-32: 8" for five
        # figures) is read column by column too, ruled or not.
        garbled = all(c.value is None for c in line.cells) and len(line.cells) < len(spans)
        if not spans or not garbled and not _ruled_row(images, line.page, spans, top, bottom):
            continue
        boxes = [CellBox(line.page, x0, top, x1, bottom) for x0, x1 in spans]
        values = read_amounts(images, boxes, unruled=True)
        if garbled:
            # Its figures where the columns stand, when most columns read as one (a column
            # that does not stays empty: no guess).
            if 2 * sum(v is not None for v in values) >= len(values):
                new_cells[i] = [_read_cell(v, box) for v, box in zip(values, boxes, strict=True)
                                if v is not None]
            continue
        # A column the row has no cell in that the whitened view reads nothing in (the
        # line took a round figure's foot with it: "68" read as nothing) is read as it is.
        lost = [k for k, (x0, x1) in enumerate(spans) if values[k] is None
                and not any(c.x0 < x1 and c.x1 > x0 for c in line.cells)]
        values = _read_plain_where_lost(images, boxes, values, lost)
        cells = list(line.cells)
        widest = [_widest(lines, i, span, REPAIRED_NUMBER_CONFIDENCE) for span in spans]
        # Twice: a glued cell the columns' re-read cut to its last column's figure leaves
        # the columns before it empty, for their re-reads to fill.
        for _ in range(2):
            for k, ((x0, x1), value) in enumerate(zip(spans, values, strict=True)):
                before = (spans[k - 1][1], widest[k - 1]) if k else None
                cells = sorted(_ruled_cell(cells, x0, x1, value, top, bottom, widest[k], before),
                               key=lambda c: c.x0)
        if [id(c) for c in cells] != [id(c) for c in line.cells]:
            new_cells[i] = sorted(cells, key=lambda c: c.x0)
    return _with_cells(lines, new_cells)


def reread_figureless_rows(lines: list[Line], ocr_pages: set[int], images: PageImages,
                           vocabulary: dict[str, str], lexicon: Lexicon | None = None) -> list[Line]:
    """A table's row with a whole figure in under half its columns, the others read as
    words of no language where the columns stand ("Summa övriga externa kostnader  W hs
    hasten fe" for "7 975  7 771", a ruling line through them; too long or too lower-case
    for a misread figure), or as cells no figure was read of, others perhaps straddling
    columns ("—_16 663 281" beside "7441730425917 722 323", three figures run together; a
    decimal, a percentage or a pair is a figure read): each column of the rows
    around is read again from the image, line whitened, digits only, then as it is. A
    column no re-read finds a figure in keeps the whole cell OCR read there, doubtful. When at least
    half of them hold a figure, those are the row's cells, doubtful (confidence.reread: no
    second reading agrees) unless the re-read read OCR's figure again, and the words over
    the columns leave its label. A label reaching into the columns, a word there that the
    vocabulary holds (a long label's end, a count's "kvinnor"), a goal's status there
    ("röd": a status wording of the ``lexicon``) or marks alone (a status symbol), a row
    whose cells are whole however few (a row of one year's figure), or fewer readings leave
    the row as it was."""
    new: dict[int, Line] = {}
    for i, line in enumerate(lines):
        # A row of known words and readable cells only is never one (checked first: finding
        # the columns around costs more).
        if line.page not in ocr_pages or not any(_no_figure(c) for c in line.cells) and not any(
                unknown_word(w.text, vocabulary) or any(c.isdigit() for c in w.text)
                for w in line.label_words):
            continue
        spans = columns_around(lines, i)
        placed = [c for c in line.cells if any(c.x0 < x1 and c.x1 > x0 for x0, x1 in spans)]
        whole = [c for c in placed if not _no_figure(c) and _within_one(c, spans)]
        if not spans or 2 * len(whole) >= len(spans):
            continue
        edge = spans[0][0] - RIGHT_EDGE_TOLERANCE * line.height
        head = [w for w in line.label_words if w.x1 < spans[0][0]]
        tail = line.label_words[len(head):]
        # Digits there are figures OCR ran together ("29544-1455\"" for "1 544  1 455");
        # marks alone are a status symbol.
        read = [w for w in tail if any(c.isalnum() for c in w.text)]
        lettered = [w for w in read if any(c.isalpha() for c in w.text)]
        if not head or not read and len(whole) == len(placed) \
                or any(w.x0 < edge and not _streak_over_edge(w, head[-1], edge, line) for w in tail) \
                or not all(unknown_word(w.text, vocabulary) for w in lettered) \
                or tail and lexicon is not None and status_match(
                    " ".join(w.text for w in tail), lexicon)[2] != "unkeyed":
            continue
        top, bottom = line.top, line.bottom
        boxes = [CellBox(line.page, x0, top, x1, bottom) for x0, x1 in spans]
        values = read_amounts(images, boxes, unruled=True)
        values = _read_plain_where_lost(images, boxes, values,
                                        [k for k, v in enumerate(values) if v is None])
        cells = [_reread_or_first(v, box, whole) for v, box in zip(values, boxes, strict=True)]
        cells = [c for c in cells if c is not None]
        if 2 * len(cells) < len(spans):
            continue
        # A cell outside the amount columns (a note's number) stays as read.
        cells = sorted([*cells, *(c for c in line.cells
                                  if all(c.x1 <= b.x0 or c.x0 >= b.x1 for b in boxes))],
                       key=lambda c: c.x0)
        new[i] = replace(line, words=[*head, *(w for c in cells for w in c.words)],
                         label_words=head, cells=cells)
    return [new.get(i, ln) for i, ln in enumerate(lines)] if new else lines


def _within_one(cell: Cell, spans: list[tuple[float, float]]) -> bool:
    """Whether a cell stands over one column only (not figures of two run together)."""
    return sum(cell.x0 < x1 and cell.x1 > x0 for x0, x1 in spans) == 1


# A decimal of one or two decimals ("45,2"; a comma before three digits is a grouping
# space misread, "1,759"): a figure that is no amount, read whole.
_SHORT_DECIMAL_RE = re.compile(r"^[-−–]?\d+,\d{1,2}$")


def _other_figure(cell: Cell) -> bool:
    """A cell of no amount that is another figure, read whole: a decimal, a percentage, a
    women/men pair ("45,2", "3,4 %", "18/12": core.numbers.COUNT_PAIR_RE)."""
    text = cell.text.strip()
    return bool(cell.mark) or "%" in text or bool(_SHORT_DECIMAL_RE.match(text)) or \
        bool(COUNT_PAIR_RE.match(text))


def _no_figure(cell: Cell) -> bool:
    """A cell OCR read no figure of (marks, a figure's pieces with a line's streak)."""
    return cell.value is None and not _other_figure(cell)


def _reread_or_first(value: int | None, box: CellBox, whole: list[Cell]) -> Cell | None:
    """A column's cell after reading it again: OCR's whole cell there when the re-read read
    its figure too (two readings agree); OCR's cell, doubtful, when the re-read read
    nothing (in a row OCR garbled, nothing confirms it: "602," was the end of "21 602");
    a decimal, a percentage or a pair as OCR read it (a re-read reads digits only); else
    the re-read figure, doubtful."""
    first = next((c for c in whole if c.x0 < box.x1 and c.x1 > box.x0), None)
    if first is not None and first.value is None:
        return first
    if value is None or _reads_as_year(value, box):
        return None if first is None else replace(first, confidence=min(first.confidence,
                                                                          REREAD_CONFIDENCE))
    return first if first is not None and first.value == value else _read_cell(value, box)


def _streak_over_edge(w: Word, before: Word, edge: float, line: Line) -> bool:
    """A word of a ruling line's streak running over a column's left edge into its figure
    ("ees" from the gutter into "-1 935"): across the edge, a gutter's gap after the label's
    words. A label's own word reaching into the column stands a word space after them."""
    return w.x0 < edge < w.x1 and w.x0 - before.x1 >= GUTTER_GAP * line.height


def _read_plain_where_lost(images: PageImages, boxes: list[CellBox], values: list[int | None],
                           lost: list[int]) -> list[int | None]:
    """``values`` read with the lines whitened, those of boxes ``lost`` read again as the
    image is (the whitened line may take a round figure's foot with it: "68" read as
    nothing)."""
    out = list(values)
    for k, value in zip(lost, read_amounts(images, [boxes[k] for k in lost]) if lost else [],
                        strict=True):
        out[k] = value
    return out


def _reads_as_year(value: int, box: CellBox) -> bool:
    """A re-read figure that is a year where it stands (a heading's, not an amount)."""
    return is_year_cell(make_cell([Word(str(value), box.x0, box.x1, box.top, box.bottom)]))


def _read_cell(value: int, box: CellBox) -> Cell:
    """A doubtful cell of a figure read again from the image, over its column's box."""
    text = f"{value}"
    return Cell([Word(text, box.x0, box.x1, box.top, box.bottom, confidence=REREAD_CONFIDENCE,
                      raw=text)], value, REREAD_CONFIDENCE)


def _ruled_cell(cells: list[Cell], x0: float, x1: float, value: int | None, top: float,
                bottom: float, widest: int = 0, before: tuple[float, int] | None = None
                ) -> list[Cell]:
    """The row's cells with the cell of column (x0, x1) as its re-read ``value`` leaves it
    (``reread_ruled_figures``); several cells in the column are left to the passes before.
    ``widest``: the most digits a figure of the column has in the rows around; ``before``:
    the right edge of the column before it and its ``widest``."""
    inside = [k for k, c in enumerate(cells) if c.x0 < x1 and c.x1 > x0]
    out = list(cells)
    if not inside:
        if value is not None and not _reads_as_year(value, CellBox(0, x0, top, x1, bottom)):
            out.append(_read_cell(value, CellBox(0, x0, top, x1, bottom)))
        return out
    if len(inside) > 1:
        return out
    k = inside[0]
    cell = cells[k]
    if cell.value is not None and cell.value == value:
        return out
    if cell.value is not None and value is not None and _ruled_part(cell, value, x0, x1, widest, before):
        # Where the figure stands: in its column, the digits the cell lacked before it.
        h = cell.bottom - cell.top
        extra = len(str(abs(value))) - len(digits_of(cell.text))
        left = max(x0, cell.x0 - extra * DIGIT_WIDTH * h) if extra > 0 else max(cell.x0, x0)
        out[k] = Cell([Word(str(value), left, min(cell.x1, x1), cell.top, cell.bottom,
                            confidence=REREAD_CONFIDENCE, raw=cell.raw_text,
                            sign_lost=cell.sign_lost)], value, REREAD_CONFIDENCE)
        return out
    if cell.value is not None or value is None:
        # The whitened line takes the figures' feet with it: the re-read is no surer than
        # OCR's reading, only a witness against it.
        if cell.value is not None and cell.confidence > REPAIRED_NUMBER_CONFIDENCE:
            out[k] = replace(cell, confidence=REPAIRED_NUMBER_CONFIDENCE)
        return out
    out[k] = replace(cell, value=value, confidence=REREAD_CONFIDENCE)
    return out


# A cell a column's re-read completes keeps this many digits at least; a glued cell's
# figure and its digits before it (a figure of the column before, whole) each this many.
RULED_PART_DIGITS = OCR.gaps.ruled_part_min_digits
GLUED_PART_DIGITS = OCR.gaps.glued_part_min_digits


def _ruled_row(images: PageImages, page: int, spans: list[tuple[float, float]], top: float,
               bottom: float) -> bool:
    """Whether a level line runs through a row's figures over its columns ``spans``: a rule
    the black-and-white view shows, or a faint line it breaks into dashes that darkens the
    paper either side of the figures at their height (``PageImages.line_through``)."""
    box = CellBox(page, spans[0][0], top, spans[-1][1], bottom)
    return images.rule_through(box, bottom - top) or images.line_through(box)


def _ruled_part(cell: Cell, value: int, x0: float, x1: float, widest: int,
                before: tuple[float, int] | None) -> bool:
    """Whether the column's re-read ``value`` is the figure a ruled row's OCR'd ``cell`` read
    only a part of, or more than. The re-read holds all the cell's digits (two at least)
    after one or more the line took, with paper in the column for them before the cell
    ("1345" for 21 345). Or the cell, glued over the column before it (into its
    figures, left of ``before``'s right edge) up to this one's right edge, ends in the
    re-read's digits after as many as a figure of that column has ("6022137022429" over
    three columns: 22 429 the last's; a total a little wider than the items above it,
    "1 234 567" with the column's "34 567", is no glued cell). Either way the re-read fits
    the column (``widest`` of the figures around, no wider) with the cell's sign (a glued
    cell's is its first figure's: only a positive one is cut so); the value stays
    doubtful."""
    read, got = digits_of(str(value)), digits_of(cell.text)
    if not widest or len(read) > widest or len(got) < RULED_PART_DIGITS or \
            (value < 0) != (cell.value < 0):
        return False
    h = cell.bottom - cell.top
    slack = RIGHT_EDGE_TOLERANCE * h
    if cell.x0 >= x0 - slack and cell.x1 <= x1 + slack:
        # Half a digit's width of paper at least for each digit the cell lacks.
        return len(read) > len(got) and read.endswith(got) and \
            cell.x0 - x0 >= (len(read) - len(got)) * DIGIT_WIDTH * h / 2
    if before is None or value < 0:
        return False
    edge, digits = before
    lead = len(got) - len(read)
    return cell.x0 < edge and abs(cell.x1 - x1) <= slack and len(read) >= GLUED_PART_DIGITS \
        and lead >= max(GLUED_PART_DIGITS, digits) and got.endswith(read)


def fill_headings(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """Column headings OCR dropped with their column (parsers/gaps.py) read again from the
    image as text; each word read surely joins the heading line at its height."""
    out = list(lines)
    lost: dict[int, list[Word]] = {}  # first row -> heading words of a line OCR lost whole
    for slot in [*headless_columns(lines), *twin_year_headings(lines)]:
        if slot.page not in ocr_pages:
            continue
        box = CellBox(slot.page, slot.x0, slot.top, slot.x1, slot.bottom)
        height = min(out[j].height for j in slot.lines or (slot.row,))
        for text, x0, top, x1, bottom in images.read_words(box, HEADING_MIN_SCORE, height):
            if not any(c.isalpha() for c in text):
                continue
            if not slot.lines:
                lost.setdefault(slot.row, []).append(
                    Word(text, x0, x1, top, bottom, confidence=REREAD_CONFIDENCE))
                continue
            middle = (top + bottom) / 2
            j = min(slot.lines, key=lambda k: abs((out[k].top + out[k].bottom) / 2 - middle))
            line = out[j]
            if abs((line.top + line.bottom) / 2 - middle) > line.height:
                continue
            if any(w.x0 < x1 and x0 < w.x1 for w in line.words):
                continue  # read already (two slots reaching over one dropped heading)
            word = Word(text, x0, x1, line.top, line.bottom, confidence=REREAD_CONFIDENCE)
            out[j] = replace(line, words=sorted([*line.words, word], key=lambda w: w.x0),
                             label_words=sorted([*line.label_words, word], key=lambda w: w.x0))
    for row in sorted(lost, reverse=True):  # later rows first: indexes stay right
        # Lines read there stay lines ("Antal" over "avslutade" over the "delt." OCR kept).
        for words in reversed(group_lines(lost[row])):
            top, bottom = min(w.top for w in words), max(w.bottom for w in words)
            words = [replace(w, top=top, bottom=bottom) for w in words]
            out.insert(row, Line(page=out[row].page, words=words, label_words=words,
                                 page_height=out[row].page_height))
    return out



def reread_year_headings(lines: list[Line], ocr_pages: set[int], images: PageImages) -> list[Line]:
    """A multi-year table's line of years OCR damaged ("201" for "2011  2010  2009  2008
    2007": a ruling line along a skewed scan's years), or lost whole, read again from the
    image in two views (black and white; without level ruling lines). A year is taken where
    both read it alike over one column; the years taken must step one a column, as printed,
    or none is taken (the columns between them get theirs by position in parsers/columns.py).
    The damaged line's digits give way to them; a lost line's years join the unit line they
    stand on, or make a line of their own; where no year is read nothing changes."""
    out = list(lines)
    for slot in sorted(damaged_year_lines(lines), key=lambda s: s.row, reverse=True):
        if slot.page not in ocr_pages:
            continue
        box = CellBox(slot.page, slot.x0, slot.top, slot.x1, slot.bottom)
        height = out[slot.row].height
        raw = [read(box, 0, height) for read in (images.read_words, images.read_cell_words)]
        years = _agreed_years(*(_years_read(r) for r in raw), columns_around(out, slot.row))
        if len(years) < 2:
            continue
        # Where the years stand up and down (the first view read two of them at least).
        marks = [(w[2], w[4]) for w in raw[0] if _years_read([w])]
        top, bottom = min(t for t, _ in marks), max(b for _, b in marks)
        line = out[slot.row - 1]
        middle = (top + bottom) / 2
        if not slot.lines and not line.top - height / 2 <= middle <= line.bottom + height / 2:
            added = [Word(str(y), x0, x1, top, bottom, confidence=REREAD_CONFIDENCE) for y, x0, x1 in years]
            out.insert(slot.row, Line(page=slot.page, words=added, cells=[make_cell([w]) for w in added],
                                      page_height=line.page_height))
            continue
        kept = [w for w in line.words if any(c.isalpha() for c in w.text)
                or w.x1 < slot.x0 or w.x0 > slot.x1]
        added = [Word(str(y), x0, x1, line.top, line.bottom, confidence=REREAD_CONFIDENCE)
                 for y, x0, x1 in years]
        words = sorted([*kept, *added], key=lambda w: w.x0)
        label = [w for w in line.label_words if w in kept]
        out[slot.row - 1] = replace(line, words=words, label_words=label,
                                    cells=[make_cell([w]) for w in added])
    return out


def _years_read(words: list[tuple]) -> list[tuple[int, float, float]]:
    """(year, x0, x1) of the words read that are a year, whole (marks at its ends aside)."""
    out = []
    for text, x0, _top, x1, _bottom in words:
        core = text.strip(".,:;-—–_|")
        if len(core) == 4 and YEAR_RE.fullmatch(core):
            out.append((int(core), x0, x1))
    return out


def _agreed_years(first: list[tuple[int, float, float]], second: list[tuple[int, float, float]],
                  columns: list[tuple[float, float]]) -> list[tuple[int, float, float]]:
    """(year, x0, x1) of the columns whose year is read: two at least that both readings read
    alike, stepping one a column, and any other one of either reading that continues their
    step where it stands; none when they do not step so."""
    def placed(reading: list[tuple[int, float, float]]) -> set[tuple[int, int]]:
        out = set()
        for year, x0, x1 in reading:
            over = [k for k, (c0, c1) in enumerate(columns) if x0 < c1 and c0 < x1]
            if len(over) == 1:
                out.add((over[0], year))
        return out
    one, two = placed(first), placed(second)
    both = sorted(one & two)
    if len(both) < 2 or len({k for k, _ in both}) < len(both):
        return []
    (k0, y0), (k1, y1) = both[0], both[-1]
    step = (y1 - y0) // (k1 - k0)
    if abs(step) != 1 or any(y != y0 + step * (k - k0) for k, y in both):
        return []
    fits = {(k, y) for k, y in one | two if y == y0 + step * (k - k0)}
    return [(y, *columns[k]) for k, y in sorted(fits)]


def reread_status_cells(goals: list[Goal], ocr_pages: set[int], images: PageImages,
                        lexicon: Lexicon) -> list[Goal]:
    """Goals of a status column whose cell OCR left empty, or damaged past reading
    (``Goal.status_cell``), with the cell read again as text, upright rules whitened: a
    status phrase read surely there is the goal's status, as doubtful as any re-read (in a
    damaged cell, only a phrase read exactly and whose qualifier is not in doubt); anything
    else leaves the goal as it was."""
    out = []
    for goal in goals:
        if goal.status_cell is None or goal.page not in ocr_pages:
            out.append(goal)
            continue
        box = CellBox(goal.page, *goal.status_cell[:4])
        found = None
        # A level ruling line along the cell garbles it too: read again without it.
        for read in (images.read_words, images.read_cell_words):
            found = _status_read(read(box, HEADING_MIN_SCORE, goal.status_cell[4]), goal, lexicon)
            if found is not None:
                break
        if found is None:
            out.append(goal)
            continue
        status, comment, how, text = found
        out.append(replace(goal, status=status, status_text=text, comment=comment or goal.comment,
                           key_match=how, confidence=min(goal.confidence, REREAD_CONFIDENCE)))
    return out


def _status_read(words: list[tuple], goal: Goal, lexicon: Lexicon
                 ) -> tuple[str, str, str, str] | None:
    """(status, comment, key_match, text) of a status cell read again; None when no status
    phrase is read, or, in a cell OCR read damaged, none read exactly beyond doubt."""
    text = " ".join(t for t, *_ in words if any(c.isalpha() for c in t))
    if not text:
        return None
    status, comment, how = status_match(text, lexicon)
    if how == "unkeyed" or (goal.status_text and (how != "exact" or status_doubtful(text, lexicon))):
        return None
    return status, comment, how, text


# A page OCR left with fewer words than this is read again (black and white, whole page).
SPARSE_PAGE_WORDS = OCR.reread.sparse_page_words
# ... and a word read there joins it when Tesseract is this sure of it (0-100).
SPARSE_WORD_MIN_SCORE = OCR.reread.sparse_word_min_score


# ... and so is a page whose words all but this share stand in its right half: OCR kept the
# figures of its tables and lost their labels.
LOST_LABELS_SHARE = OCR.reread.lost_labels_share


def page_read_poorly(page: Page) -> bool:
    """An OCR'd page with next to no words, with none where its labels stand (the left
    half), or opening with a table's column headings whose title it lost: uneven light lost
    them to Tesseract's binarisation."""
    if page.source != "ocr":
        return False
    left = sum(1 for w in page.words if w.x0 < page.width / 2)
    return len(page.words) < SPARSE_PAGE_WORDS or left < LOST_LABELS_SHARE * len(page.words) \
        or _opens_untitled(page) or _rows_without_labels(page)


LOST_LABEL_ROWS = OCR.reread.lost_label_rows


def _rows_without_labels(page: Page) -> bool:
    """A table whose rows OCR read as figures alone: LOST_LABEL_ROWS lines or more of two
    figures or more and no word of letters in the page's left half, at least as many as the
    lines of figures that kept a label there (a five-year overview whose labels an upright ruling
    line along them made Tesseract drop, with the figures of most rows)."""
    bare = labelled = 0
    for words in group_lines(page.words):
        if sum(1 for w in words if any(c.isdigit() for c in w.text)) < 2:
            continue
        # A label is letters: a wide figure of narrow columns may reach into the left half.
        if any(w.x1 < page.width / 2 and any(c.isalpha() for c in w.text) for w in words):
            labelled += 1
        else:
            bare += 1
    return bare >= LOST_LABEL_ROWS and bare >= labelled


# A page's first lines are these many of its topmost text heights.
OPENING_LINES = OCR.reread.opening_lines


def _opens_untitled(page: Page) -> bool:
    """The page's first line stands wholly in its right half and it, with the line below,
    holds two years or more: column headings ("utfall Budget Budget- utfall / 2017 2017
    avvikelse 2016") without the title above them ("Driftredovisning") that names the table."""
    if not page.words:
        return False
    top = min(w.top for w in page.words)
    height = sorted(w.height for w in page.words)[len(page.words) // 2]
    first = [w for w in page.words if w.top < top + 0.5 * height]
    opening = [w for w in page.words if w.top < top + OPENING_LINES * 1.5 * height]
    years = sum(1 for w in opening if YEAR_RE.search(w.text))
    return all(w.x0 > page.width / 2 for w in first) and years >= 2


SPARSE_VOCABULARY_MIN_SCORE = OCR.reread.sparse_vocabulary_min_score


def _sure_enough(text: str, conf: float, vocabulary: dict[str, str] | None) -> bool:
    """A word of a page read again whole joins the page read surely, or less surely when
    Tesseract spelled it as the lexicon does ("resultat" of "Årets resultat", read at 55):
    noise is seldom a word of the vocabulary."""
    if conf >= SPARSE_WORD_MIN_SCORE:
        return True
    t = text.lower()
    return vocabulary is not None and conf >= SPARSE_VOCABULARY_MIN_SCORE and t.isalpha() \
        and len(t) >= DOCUMENT_NAME_MIN_LENGTH and vocabulary.get(fold(t)) == t


def reread_sparse_page(page: Page, images: PageImages, vocabulary: dict[str, str] | None = None) -> Page:
    """A page whose OCR found next to nothing (Tesseract's own binarisation lost text to a
    scan's uneven light: a table page read as its running footer alone, a goal table
    without its statuses) read again from its image made black and white; the words read
    surely where the page's OCR has none join the page."""
    if not page_read_poorly(page):
        return page
    raw = images.read_page(page.number)
    page = completed_words(page, raw)
    read = level(raw, page.width, page.height)
    slope = level_slope(raw, page.width, page.height)
    if slope:
        # The words read again are turned level: the page's own words and its image are turned
        # alike, or every later crop of the page (a name's å/ä/ö read again, a status cell)
        # would stand a few points off its word, on the row above or below.
        page = replace(page, words=turned_words(page.words, slope, page.width / 2, page.height / 2))
        images.turn({**images.turns, page.number: images.turns.get(page.number, 0.0) + slope})
    added = [Word(t, x0, x1, top, bottom, confidence=min(conf / 100, OCR_CONFIDENCE))
             for t, x0, top, x1, bottom, conf in read
             if _sure_enough(t, conf, vocabulary) and not any(
                 x0 < w.x1 and w.x0 < x1 and top < w.bottom and w.top < bottom
                 for w in page.words)]
    return replace(page, words=[*page.words, *added]) if added else page


# A word read again whole completes the page's word when it is longer by this many letters
# at most.
CUT_LETTERS = OCR.reread.cut_letters


def completed_words(page: Page, read: list[tuple]) -> Page:
    """The page's words that OCR cut short at their end ("Mötesplatse", "Trampoline": a
    table's upright ruling line through the last letter) given the letters a reading of
    the whole page, where they stand (as read, the same image), found after them: the same
    word and one or two letters more, read surely."""
    out, changed = [], False
    for w in page.words:
        core = w.text.rstrip(TRAILING_MARKS)
        longer = [t for t, x0, top, x1, bottom, conf in read
                  if conf >= SPARSE_WORD_MIN_SCORE and len(core) >= DOCUMENT_NAME_MIN_LENGTH
                  and core.isalpha() and t.startswith(core) and t[len(core):].isalpha()
                  and 0 < len(t) - len(core) <= CUT_LETTERS
                  and x0 < w.x1 and w.x0 < x1 and top < w.bottom and w.top < bottom]
        if len(longer) == 1:
            w = replace(w, text=longer[0], raw=w.raw or w.text,
                        confidence=min(w.confidence, OCR_CONFIDENCE))
            changed = True
        out.append(w)
    return replace(page, words=out) if changed else page


# Slopes tried for a page read again whole (rise per point across: 0.06 is about 3.4°), the
# step between them, the band (points) word middles are counted in, and the least slope
# worth undoing.
MAX_SKEW, SKEW_STEP, SKEW_BAND, MIN_SKEW = 0.06, 0.002, 2.0, 0.004


def read_turned(page: Page, images: PageImages) -> bool:
    """Whether the page's reading again whole (``reread_sparse_page``) is turned level."""
    raw = images.read_page(page.number)
    return level(raw, page.width, page.height) is not raw


def level(words: list[tuple], width: float, height: float) -> list[tuple]:
    """Words (text, x0, top, x1, bottom, conf) read again from a page image OCR could not
    deskew (Tesseract failed on the page) turned about the page's middle so its lines run
    level: the slope is the one under which word middles gather in the fewest, fullest
    horizontal bands. Askew, a row's figures sit a line below its label ("Framåt" beside
    the next row's "60 33 27")."""
    slope = level_slope(words, width, height)
    if not slope:
        return words
    cx, cy = width / 2, height / 2
    out = []
    for w in words:
        x, y = (w[1] + w[3]) / 2, (w[2] + w[4]) / 2
        dy, dx = -slope * (x - cx), slope * (y - cy)
        out.append((w[0], w[1] + dx, w[2] + dy, w[3] + dx, w[4] + dy, *w[5:]))
    return out


def level_slope(words: list[tuple], width: float, height: float) -> float:
    """The slope ``level`` turns the words by: 0 when they run level already."""
    if len(words) < 2:
        return 0.0
    cx = width / 2
    mids = [((w[1] + w[3]) / 2, (w[2] + w[4]) / 2) for w in words]

    def fullness(slope: float) -> int:
        bands: dict[int, int] = {}
        for x, y in mids:
            k = int((y - slope * (x - cx)) // SKEW_BAND)
            bands[k] = bands.get(k, 0) + 1
        return sum(n * n for n in bands.values())
    steps = int(round(MAX_SKEW / SKEW_STEP))
    slope = max((i * SKEW_STEP for i in range(-steps, steps + 1)),
                key=lambda t: (fullness(t), -abs(t)))
    return 0.0 if abs(slope) < MIN_SKEW else slope


def level_askew_pages(pages: dict[int, Page], images: PageImages) -> dict[int, Page]:
    """OCR'd pages left askew (a residual skew deskew left, or could not measure) turned
    level, words and image alike, where the slope their ink runs along moves a row's far
    figures by a good share of a row (``turn_moves_rows``): Tesseract boxes each word
    where it stands, so a figure 400 pt right of its label at 0.6° stands 4 pt off its
    row, and OCR's lines and the re-reads' crops (at the label's band) join it to the row
    above or below, or lose it. Pages otherwise as they were."""
    turns: dict[int, float] = {}
    for number, page in pages.items():
        # A page whose OCR boxes are taller than its rows stand apart is grouped along its
        # skew by the layout (``deskewed_lines``), which knows its boxes' drift and doubts a
        # minus a ruling line askew may have left.
        if len(page.words) < OCR.layout.skew_min_words or deskewed_lines(page.words) is not None:
            continue
        slope, width = images.ink_skew(number)
        if turn_moves_rows(page.words, slope, width):
            turns[number] = slope
    images.turn(turns)
    return {n: replace(p, words=turned_words(p.words, turns[n], p.width / 2, p.height / 2))
            if n in turns else p for n, p in pages.items()}


# Label words the lexicon lacks this close (text heights) before a row's first figure are
# its first digits OCR read as letters (core/settings.py gaps.glued_junk_gap).
GLUED_JUNK_GAP = OCR.gaps.glued_junk_gap
GLUED_FIGURE_CONFIDENCE = OCR.gaps.glued_figure_confidence
# ... and far (text heights) after the label's clean part: a word a space after the label
# ("59 av 68") is the label's own.
GLUED_JUNK_APART = OCR.gaps.gutter_gap


def _glued_junk(line: Line, vocabulary: dict[str, str]) -> list[Word]:
    """The label's last words that are no words of the lexicon, when they stand right
    before the row's first figure (closer than a label to its column) and far after a clean
    part that holds a word of letters; else []."""
    words = line.label_words
    n = len(words)
    while n and unknown_word(words[n - 1].text, vocabulary):
        n -= 1
    first = min(line.cells, key=lambda c: c.x0, default=None)
    if n == len(words) or first is None or first.value is None or first.x0 < words[-1].x1 \
            or not any(c.isalpha() for w in words[:n] for c in w.text):
        return []
    h = sorted(w.height for w in words)[len(words) // 2]
    glued = first.x0 - words[-1].x1 <= GLUED_JUNK_GAP * h
    return words[n:] if glued and words[n].x0 - words[n - 1].x1 >= GLUED_JUNK_APART * h else []


def drop_glued_junk(lines: list[Line], ocr_pages: set[int], images: PageImages | None,
                    vocabulary: dict[str, str]) -> list[Line]:
    """A row's label that ends in junk glued to its first figure ("Kortfristiga fordringar
    Peas 284 615" for "... 1 284 615"): the junk is no part of the label (kept in
    ``Line.junk_tail``: its key is a loose one), and the figure is doubtful, its first digits
    maybe in the junk. Junk and figure are read again as one: a reading that is the figure
    with digits before it is taken (confidence.reread); anything else leaves the figure as
    read, doubtful (gaps.glued_figure_confidence)."""
    out, changed = [], False
    for line in lines:
        junk = _glued_junk(line, vocabulary) if line.page in ocr_pages else []
        if not junk:
            out.append(line)
            continue
        changed = True
        first = min(line.cells, key=lambda c: c.x0)
        fixed = replace(first, confidence=min(first.confidence, GLUED_FIGURE_CONFIDENCE))
        if images is not None:
            box = CellBox(line.page, junk[0].x0, min(w.top for w in [*junk, *first.words]), first.x1,
                          max(w.bottom for w in [*junk, *first.words]))
            (value,) = read_amounts(images, [box])
            if value is not None and abs(value) > abs(first.value) and (value < 0) == (first.value < 0) \
                    and str(abs(value)).endswith(str(abs(first.value))):
                fixed = replace(first, value=value, confidence=min(first.confidence, REREAD_CONFIDENCE))
        out.append(replace(line, words=[w for w in line.words if all(w is not j for j in junk)],
                           label_words=line.label_words[:len(line.label_words) - len(junk)],
                           cells=[fixed if c is first else c for c in line.cells], junk_tail=junk))
    return out if changed else lines
