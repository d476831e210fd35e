"""Words to lines, and a line to its label and amount cells, from coordinates alone.

A printed amount such as "16 189 674" arrives as three words. Words are joined into one
amount cell when the gap between them is a space (narrower than ``GROUP_GAP`` of the text
height) and the next word is a three-digit group; a wider gap starts a new cell (a new column).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from core.numbers import (
    is_group_token,
    is_numeric_token,
    is_regular_grouping,
    is_sign_token,
    opens_with_zero,
    parse_amount,
)
from core.ocrtext import LONE_LINE_MARKS
from core.settings import DIGITAL, OCR
from core.types import Cell, Line
from ingest.pdftext import Page, Word

# Tolerances as fractions of the text height (pdfplumber style: named settings).
# A word belongs to a line when its middle is this close to the line's.
LINE_OVERLAP = DIGITAL.layout.line_overlap
GROUP_GAP = DIGITAL.layout.group_gap  # max gap between the digit groups of one amount
SIGN_GAP = DIGITAL.layout.sign_gap  # max gap between a detached minus and its digits
# OCR word boxes hug the digits (no side bearings) and jitter by a pixel or two: a grouping
# space measures up to about one digit's width there. Columns stand much further apart.
OCR_GROUP_GAP = OCR.layout.group_gap
OCR_SIGN_GAP = OCR.layout.sign_gap
MARK_SIGN_GAP = OCR.layout.mark_sign_gap
# A digit is about this wide, in text (digit) heights, in the common fonts (0.76-0.87).
DIGIT_WIDTH = DIGITAL.layout.digit_width
WIDE_BOX_CONFIDENCE = DIGITAL.confidence.wide_box
IRREGULAR_GROUPING_CONFIDENCE = OCR.confidence.irregular_grouping
LEAD_ZERO_CONFIDENCE = OCR.confidence.lead_zero
SPLIT_CELL_CONFIDENCE = DIGITAL.confidence.split_cell
REPAIRED_NUMBER_CONFIDENCE = OCR.confidence.repaired_number
EDGE_SIGN_ALIGN = DIGITAL.layout.edge_sign_align
DETACHED_SIGN_CONFIDENCE = DIGITAL.confidence.detached_sign
# "19,482 240": a grouping space OCR read as a comma. A decimal comma is never followed by
# another digit group, so a comma before three digits with a group after them is a space.
_COMMA_GROUP_RE = re.compile(r",(?=\d{3}(?: \d{3})* \d{3}\)?$)")
# An upright ruling line through a figure's grouping space, read as a mark ending the
# digits before it ("195) 749", "5 750) 252"): no bracket opened before it.
_MARK_FOR_SPACE_RE = re.compile(r"^[^(]*\d[)/|]$")
_PCT_RE = re.compile(r"^%$")
_UNBALANCED_RE = re.compile(r"^(?:\(?[\d ]+|[\d ]+\))$")


# Middles closer than this (points) join a line whatever the page's usual text height, and
# at most this share of the heights compared: a scanned page whose words are all boxed tall
# (14 pt boxes at a 15 pt pitch, askew) keeps its rows apart.
LINE_JOIN_MIN_PT = DIGITAL.layout.line_join_min_pt
LINE_JOIN_SHARE = DIGITAL.layout.line_join_share


SKEW = OCR.layout


def page_skew(words: list[Word]) -> float:
    """The slope (y points per x point) along which the words' middles gather most tightly
    into rows, when they gather ``skew_sharpness`` times as tightly as taken level; else 0.
    A scanned page left askew: its rows climb or fall across the page."""
    if len(words) < SKEW.skew_min_words:
        return 0.0
    cx = sum((w.x0 + w.x1) / 2 for w in words) / len(words)
    points = [((w.x0 + w.x1) / 2 - cx, (w.top + w.bottom) / 2) for w in words]
    steps = round(SKEW.skew_max_slope / SKEW.skew_step)

    def tightness(slope: float) -> float:
        bands: dict[int, int] = {}
        for x, y in points:
            band = int((y - slope * x) // 1)
            bands[band] = bands.get(band, 0) + 1
        return sum((n + bands.get(b + 1, 0)) ** 2 for b, n in bands.items())

    level = tightness(0.0)
    best = max((k * SKEW.skew_step for k in range(-steps, steps + 1)), key=lambda s: (tightness(s), -abs(s)))
    return best if tightness(best) >= SKEW.skew_sharpness * level else 0.0


def deskewed_lines(words: list[Word]) -> list[list[Word]] | None:
    """Lines of a page left askew by more than ``skew_drift_pt`` across its text, grouped
    along its slope, each word's box made as tall as its text: the OCR engine boxed each
    line as tall as its ink plus its drift (slope times the line's length), taller than the
    rows stand apart. None on a page level enough for ``group_lines`` (it keeps the rows
    apart: fewer than ``skew_merged_lines`` of its lines hold words of two rows)."""
    slope = page_skew(words)
    width = max(w.x1 for w in words) - min(w.x0 for w in words) if words else 0.0
    if abs(slope) * width < SKEW.skew_drift_pt:
        return None
    cx = sum((w.x0 + w.x1) / 2 for w in words) / len(words)
    level = {id(w): _deskewed(w, slope, cx, width) for w in words}
    rows = group_lines(list(level.values()))
    back = {id(v): w for w in words for v in [level[id(w)]]}
    row_of = {id(back[id(v)]): i for i, row in enumerate(rows) for v in row}
    # Only a page whose rows, grouped level, come out two by two: where the level grouping
    # keeps the rows apart it stands (the OCR boxes of a short table askew are not drawn out).
    merged = sum(len({row_of[id(w)] for w in line}) > 1 for line in group_lines(words))
    if merged < SKEW.skew_merged_lines:
        return None
    out = []
    for row in rows:
        length = max(v.x1 for v in row) - min(v.x0 for v in row)
        out.append([_shrunk(back[id(v)], abs(slope) * length) for v in row])
    return out


def turned_words(words: list[Word], slope: float, cx: float, cy: float) -> list[Word]:
    """The words of a page whose rows run along ``slope`` (y points per x point), turned
    about (``cx``, ``cy``) so they run level, as its image is turned (``PageImages.turn``):
    a row's figures far right of its label come to stand in its band. Each box loses the
    drift it was boxed with (its own width along the slope)."""
    cos, sin = 1 / math.hypot(1.0, slope), slope / math.hypot(1.0, slope)
    out = []
    for w in words:
        x, y = (w.x0 + w.x1) / 2 - cx, (w.top + w.bottom) / 2 - cy
        mx, my = cx + x * cos + y * sin, cy - x * sin + y * cos
        half_w = (w.x1 - w.x0) / 2
        half_h = max(w.height - abs(slope) * 2 * half_w, SKEW.skew_min_height * w.height) / 2
        out.append(replace(w, x0=mx - half_w, x1=mx + half_w, top=my - half_h, bottom=my + half_h))
    return out


def turn_moves_rows(words: list[Word], slope: float, width: float) -> bool:
    """Whether rows running along ``slope`` over ``width`` points of text drift by
    ``skew_turn_share`` of the page's usual word height or more: a figure far right of its
    label then stands that much nearer the next row's band, and OCR and the re-reads join
    it to the wrong row or lose it."""
    heights = sorted(w.height for w in words)
    if len(words) < SKEW.skew_min_words or not slope:
        return False
    return abs(slope) * width >= SKEW.skew_turn_share * heights[len(heights) // 2]


def _deskewed(word: Word, slope: float, cx: float, width: float) -> Word:
    """The word moved level (its middle along the slope) and boxed without the drift."""
    mid = (word.top + word.bottom) / 2 - slope * ((word.x0 + word.x1) / 2 - cx)
    half = max(word.height - abs(slope) * width, SKEW.skew_min_height * word.height) / 2
    return replace(word, top=mid - half, bottom=mid + half)


def _shrunk(word: Word, drift: float) -> Word:
    """The word boxed about its own middle without its line's drift (where it stands on the
    page image: re-reads crop there)."""
    mid = (word.top + word.bottom) / 2
    half = max(word.height - drift, SKEW.skew_min_height * word.height) / 2
    return replace(word, top=mid - half, bottom=mid + half)


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Cluster words into text lines by vertical position, each sorted left to right."""
    lines: list[list[Word]] = []
    heights = sorted(w.height for w in words)
    usual = heights[len(heights) // 2] if heights else 0.0
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        mid = (word.top + word.bottom) / 2
        if lines:
            last = lines[-1]
            top = min(w.top for w in last)
            bottom = max(w.bottom for w in last)
            tol = LINE_OVERLAP * word.height
            # Within the shorter of the two heights: a word boxed tall (a scan's skew or a
            # speck beside it) would otherwise reach the line above and glue the two. Two
            # rows both boxed twice as tall (a ruling line's "|" in each) are still two rows:
            # their middles stand a usual line apart.
            near = LINE_JOIN_SHARE * min(word.height, bottom - top, max(usual, LINE_JOIN_MIN_PT))
            if top - tol <= mid <= bottom + tol and abs(mid - (top + bottom) / 2) < near:
                last.append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _is_amount_word(text: str) -> bool:
    return is_numeric_token(text) or is_sign_token(text)


def make_cell(words: list[Word]) -> Cell:
    """A cell of these words, read as ``split_cells`` reads them (OCR'd words leniently)."""
    return _new_cell(words, ocr=any(w.confidence < 1 for w in words))


def _new_cell(words: list[Word], ocr: bool = False) -> Cell:
    text = "".join(w.text if i == 0 else " " + w.text for i, w in enumerate(words))
    value = parse_amount(text, lenient=ocr)
    confidence = min(w.confidence for w in words)
    if value is None and ocr and _COMMA_GROUP_RE.search(text):
        value = parse_amount(_COMMA_GROUP_RE.sub(" ", text), lenient=True)
        confidence = min(confidence, REPAIRED_NUMBER_CONFIDENCE)
    if value is None and ocr and len(words) > 1 and \
            _MARK_FOR_SPACE_RE.match(" ".join(w.text for w in words[:-1])):
        value = parse_amount(" ".join([*(w.text for w in words[:-2]), words[-2].text[:-1],
                                       words[-1].text]))
        confidence = min(confidence, REPAIRED_NUMBER_CONFIDENCE)
    if value is None and ocr:
        value = _one_parenthesis(text)
        confidence = min(confidence, REPAIRED_NUMBER_CONFIDENCE)
    if value is None and ocr:
        value = _before_trailing_marks(words)
        confidence = min(confidence, REPAIRED_NUMBER_CONFIDENCE)
    # An OCR'd amount whose groups are not as a printer sets them ("13331848") has the same
    # value, but one digit too many or too few would look the same: less sure.
    if confidence < 1 and value is not None and not is_regular_grouping(text):
        confidence = min(confidence, IRREGULAR_GROUPING_CONFIDENCE)
    if ocr and value is not None and any(_wider_than_digits(w) for w in words):
        confidence = min(confidence, WIDE_BOX_CONFIDENCE)
    if ocr and value is not None and opens_with_zero(text):
        confidence = min(confidence, LEAD_ZERO_CONFIDENCE)
    return Cell(words=list(words), value=value, confidence=confidence)


def _before_trailing_marks(words: list[Word]) -> int | None:
    """The amount of an OCR'd cell's words before words of marks alone that end it
    ("2466088  ==": a ruling line run on past the figure into the margin, boxed into its
    cell); None when there are none, or the words before are no amount."""
    n = len(words)
    while n and not any(ch.isalnum() for ch in words[n - 1].text):
        n -= 1
    if n in (0, len(words)):
        return None
    return parse_amount(" ".join(w.text for w in words[:n]), lenient=True)


# An OCR'd negative in parentheses that lost one of them: "(28900", "28 900)".
_ONE_PARENTHESIS_RE = re.compile(r"^\(([\d ]+)$|^([\d ]+)\)$")


def _one_parenthesis(text: str) -> int | None:
    """The negative a parenthesised amount stood for, one parenthesis lost; three digits at
    least (a note reference "(3" that lost its ")" is no amount)."""
    m = _ONE_PARENTHESIS_RE.match(text)
    digits = (m.group(1) or m.group(2)) if m else ""
    if sum(c.isdigit() for c in digits) < 3:
        return None
    value = parse_amount(digits, lenient=True)
    return -value if value else None


def _wider_than_digits(word: Word) -> bool:
    """An OCR box that holds more than its text: a sign or digit the OCR saw but did not read
    ("152" in a box as wide as "− 152")."""
    digits = sum(c.isdigit() for c in word.text)
    return digits > 0 and word.x1 - word.x0 > (DIGIT_WIDTH * len(word.text) + 1.0) * word.height


def boxed_wide(cell: Cell) -> bool:
    """A scanned cell a word of which OCR boxed far wider than its digits: where it stands
    is not where its box says (a ruling line through the row stretched it)."""
    return any(w.confidence < 1 and _wider_than_digits(w) for w in cell.words)


def split_cells(words: list[Word], ocr: bool = False) -> list[Cell]:
    """Join amount words into cells; a cell whose grouping is not a valid amount is split.

    ``ocr``: the words come from OCR; grouping spaces are wider and may be lost."""
    group_gap, sign_gap = (OCR_GROUP_GAP, OCR_SIGN_GAP) if ocr else (GROUP_GAP, SIGN_GAP)
    cells: list[list[Word]] = []
    for k, word in enumerate(words):
        if cells:
            prev = cells[-1][-1]
            gap = word.x0 - prev.x1
            h = max(word.height, prev.height)
            if is_sign_token(prev.text) and gap <= sign_gap * h and not is_sign_token(word.text):
                cells[-1].append(word)
                continue
            if (is_group_token(word.text, lenient=ocr) and prev.text[-1].isdigit()
                    and gap <= group_gap * h):
                cells[-1].append(word)
                continue
            if ocr and is_group_token(word.text) and gap <= group_gap * h and \
                    _MARK_FOR_SPACE_RE.match(" ".join(w.text for w in cells[-1])):
                cells[-1].append(word)
                continue
            # A mark alone before a figure, a little apart ("+=   4530210": a blurred "−" set
            # apart): it may be the figure's minus. One doubtful cell, re-read with the mark.
            if ocr and len(cells[-1]) == 1 and is_ocr_noise(prev.text) and \
                    not any(c.isdigit() for c in prev.text) and any(c.isdigit() for c in word.text) \
                    and gap <= MARK_SIGN_GAP * h:
                cells[-1].append(word)
                continue
            # OCR noise next to digits ("= E52" for "-152"): one doubtful cell, re-read later.
            # A mark between two whole figures ("3612340 = 3285655") is the next one's blurred
            # minus, or nothing: the figure before it stays whole.
            if ocr and (is_ocr_noise(word.text) or is_ocr_noise(prev.text)) and gap <= group_gap * h \
                    and not _mark_before_figure(cells[-1], word, words[k + 1:k + 2]):
                cells[-1].append(word)
                continue
        cells.append([word])
    out: list[Cell] = []
    for group in cells:
        cell = _new_cell(group, ocr)
        # OCR noise next to digits, or a figure with a stray bracket ("0)": none before it):
        # no amount as read, a doubtful cell for the re-read.
        if cell.value is None and ocr and (any(is_ocr_noise(w.text) or _marked_figure(w) for w in group)
                                           or _UNBALANCED_RE.match(cell.text)):
            cell.confidence = 0.0
            out.append(cell)
        elif cell.value is None and len(group) > 1:
            # "1 23": no valid grouping; keep each word as its own, doubtful, cell.
            for w in group:
                single = _new_cell([w], ocr)
                single.confidence = SPLIT_CELL_CONFIDENCE
                out.append(single)
        else:
            out.append(cell)
    return [c for c in out if not (c.value is None and is_sign_token(c.text))]


def _mark_before_figure(group: list[Word], word: Word, after: list[Word]) -> bool:
    """A mark of no digit after a whole figure, with a figure of its own after it."""
    return not any(c.isdigit() for c in word.text) and bool(after) and \
        parse_amount(" ".join(w.text for w in group), lenient=True) is not None and \
        any(c.isdigit() for c in after[0].text)


_NOISE_LETTERS_RE = re.compile(r"[^\W\d_]{3,}")
# A ruling line's end glued before a figure ("<+£2109200", "<+3326685"): marks, perhaps a
# digit of the line among them, then the figure. Which digits are the figure's cannot be
# told: a doubtful cell, read again from the image. So too an upright rule's mark glued
# after a figure ("2455509}", "1734047]" in a ruled narrow column): no parenthesis, no percent.
_MARKED_FIGURE_RE = re.compile(r"^[^\w\s(]{1,3}\d{3,}$|^\d{3,}[}\]|!/]{1,2}$")


_RANGE_RE = re.compile(r"^\d{1,3}\s*[-–]\s*\d{1,3}$")


# Dust and grain after a figure, read as marks ("3391...", "3345:").
TRAILING_MARKS = ".:;,…"


def is_ocr_noise(text: str) -> bool:
    """What OCR makes of a smudged amount: "E52", "=", "~", "1c", "3391...": short (the
    marks dust leaves after a figure not counted), no word in it. A range ("16-24", an age
    band) is a label, not noise."""
    core = text.rstrip(TRAILING_MARKS) or text
    if (len(core) > 6 or _NOISE_LETTERS_RE.search(text) or is_numeric_token(text)
            or is_sign_token(text) or _RANGE_RE.match(text)):
        return False
    return any(c.isdigit() for c in text) or not any(c.isalnum() for c in text)


def _marked_figure(word: Word) -> bool:
    """A figure with a ruling line's end glued before it, boxed no wider than its characters
    (a wider box is a line through the figure, read by ``take_misread_words``)."""
    text = word.text.rstrip(TRAILING_MARKS)
    return bool(_MARKED_FIGURE_RE.match(text)) and not is_numeric_token(text) and \
        not is_sign_token(text[0]) and not _wider_than_digits(word)


def split_line(page: Page, words: list[Word]) -> Line:
    """Label words are everything before the trailing run of amount words."""
    ocr = page.source == "ocr"
    k = len(words)
    while k > 0 and (_is_amount_word(words[k - 1].text)
                     or (ocr and (is_ocr_noise(words[k - 1].text) or _marked_figure(words[k - 1])))):
        k -= 1
    # A run that starts with noise is label punctuation ("Summa:"), not a smudged amount.
    while ocr and k < len(words) and is_ocr_noise(words[k].text) and (
            k + 1 == len(words) or not any(c.isdigit() for c in words[k].text)):
        k += 1
    # A sign word only belongs to the amounts when digits follow it.
    line = Line(page=page.number, words=words, label_words=words[:k], page_height=page.height)
    line.cells = split_cells(words[k:], ocr=ocr) if k < len(words) else []
    return line


# An OCR'd word this many times taller than the page's usual word, and short, is a column of
# sparse figures read as one smear ("0N0" over three rows): it would glue rows together.
SMEAR_HEIGHT = OCR.layout.smear_height
SMEAR_MAX_CHARS = OCR.layout.smear_max_chars
# A scan's ruling lines, read as words: wider than letters can be, or only bars ("|").
RULE_WORD_WIDTH = OCR.layout.rule_word_width
_BARS = frozenset("|¦")


def is_rule_mark(word: Word, usual_height: float) -> bool:
    """A word OCR made of a ruling line: bars only ("|", "||": a vertical line), or, with no
    digit in it, far wider than its characters ("eee" 90 pt wide, "==" over a row): a
    horizontal line read as letters. Digits stay: a wide box of digits is an amount."""
    text = word.text.strip()
    if text and set(text) <= _BARS:
        return True
    if not text or any(c.isdigit() for c in text):
        return False
    return _wider_than_chars(word, max(usual_height, word.height), len(text))


def _wider_than_chars(word: Word, height: float, chars: int) -> bool:
    """Whether the word's box is far wider than ``chars`` characters of text ``height``
    (RULE_WORD_WIDTH heights each): a line or a shadow OCR read as characters."""
    return word.x1 - word.x0 > RULE_WORD_WIDTH * height * chars


def _without_smears(page: Page) -> list[Word]:
    """An OCR'd page's words without smears and ruling lines read as words."""
    if page.source != "ocr" or not page.words:
        return page.words
    heights = sorted(w.height for w in page.words)
    usual = heights[len(heights) // 2]
    return [w for w in page.words
            if not (w.height > SMEAR_HEIGHT * usual and len(w.text) <= SMEAR_MAX_CHARS
                    and _over_rows(w, page.words, usual))
            and not (is_rule_mark(w, usual) and not _boxed_over_words(w, page.words))]


def _boxed_over_words(word: Word, words: list[Word]) -> bool:
    """A word of letters whose box OCR stretched over the next words of its line ("Fem"
    boxed from the margin over "år" in "Fem år i sammandrag"): another word starts inside
    it on the same line. It is a word, however wide; a ruling line stands over no text (a box
    holding only marks still is one)."""
    mid = (word.top + word.bottom) / 2
    return any(o is not word and word.x0 < o.x0 < word.x1 and o.top < mid < o.bottom
               and any(c.isalnum() for c in o.text) for o in words)


def _over_rows(word: Word, words: list[Word], usual: float) -> bool:
    """A tall word stands over two rows or more of text of the usual height (a smear of a
    column's figures); the short words of a large heading ("Fem år i sammandrag") over none."""
    tops = sorted(w.top for w in words if w.height <= SMEAR_HEIGHT * usual
                  and word.top <= (w.top + w.bottom) / 2 <= word.bottom)
    return bool(tops) and tops[-1] - tops[0] > 0.5 * usual


# A word ending this far (text heights) left of where a scanned page's lines begin is in
# the margin: an edge shadow or a ruling line read as letters ("pera", "Sy").
MARGIN_SLACK = OCR.layout.margin_slack
# The text's left edge: where this many lines begin, within this many points; a mark
# stands in the band of this share of the page's width from its edge.
MARGIN_LINES = OCR.layout.margin_lines
MARGIN_ALIGN_PT = OCR.layout.margin_align_pt
MARGIN_BAND = OCR.layout.margin_band


def _without_margin_marks(page: Page, lines: list[list[Word]]) -> list[list[Word]]:
    """A scanned page's lines without the marks standing before its text's left edge (the
    leftmost place where several lines begin), or after its right edge: words without a
    digit, in the page's margin band, or far wider than their characters (an edge shadow
    read as "0", 32 pt wide, before "Förutbetalda kostnader"). An outdented heading ("Not
    5 Skulder" left of its rows) stays; a line of nothing but marks is let go."""
    starts = sorted(ws[0].x0 for ws in lines)
    # The text's edge: the leftmost place where several lines begin (a mark is a loner).
    edge = next((x for i, x in enumerate(starts)
                 if i + MARGIN_LINES <= len(starts) and starts[i + MARGIN_LINES - 1] - x
                 <= MARGIN_ALIGN_PT), None)
    if page.source != "ocr" or edge is None:
        return lines
    # ... and the specks past its right edge (the rightmost place where several lines end,
    # a figure column's), in the band by the page's right side ("123  70      i"): a label
    # never goes on right of its figures, and read as one it kept the row from its figures.
    ends = sorted((ws[-1].x1 for ws in lines), reverse=True)
    right = next((x for i, x in enumerate(ends) if i + MARGIN_LINES <= len(ends)
                  and x - ends[i + MARGIN_LINES - 1] <= MARGIN_ALIGN_PT), None)
    out = []
    for ws in lines:
        i, j = 0, len(ws)
        while i < len(ws) and ws[i].x1 < edge - MARGIN_SLACK * ws[i].height and \
                ws[i].x1 < MARGIN_BAND * page.width and _margin_mark(ws[i]):
            i += 1
        while right is not None and j > i + 1 and _past_right_edge(ws[j - 2], ws[j - 1], right, page.width):
            j -= 1
        if i < j:
            out.append(ws[i:j])
    return out


def _margin_mark(w: Word) -> bool:
    """A word in a scan's margin that is no outdented text: no digit in it, or far wider
    than its characters (RULE_WORD_WIDTH text heights each)."""
    return not any(c.isdigit() for c in w.text) or _wider_than_chars(w, w.height, len(w.text))


# A speck past the right edge: this many characters at most, this far (text heights) from
# the word before it.
SPECK_MAX_CHARS = OCR.layout.right_speck_max_chars
SPECK_GAP = OCR.gaps.gutter_gap


def _past_right_edge(before: Word, w: Word, right: float, width: float) -> bool:
    return w.x0 > right + MARGIN_SLACK * w.height and w.x0 > (1 - MARGIN_BAND) * width and \
        len(w.text) <= SPECK_MAX_CHARS and not any(c.isdigit() for c in w.text) and \
        w.x0 - before.x1 > SPECK_GAP * w.height


def _without_nested_marks(page: Page, words: list[Word]) -> list[Word]:
    """A scanned page's words without the short letters OCR read inside a figure's box
    ("Ti" within "112108", which was "1 172 798"): the figure lost glyphs to them, so its
    reading is not trusted at all (confidence 0: a clean re-read from the image replaces
    it), and the row's letters do not end its label."""
    if page.source != "ocr":
        return words
    figures = [w for w in words if any(c.isdigit() for c in w.text)]
    drop: set[int] = set()
    doubtful: set[int] = set()
    for w in words:
        if any(c.isdigit() for c in w.text) or len(w.text) > SMEAR_MAX_CHARS:
            continue
        mid = (w.top + w.bottom) / 2
        host = next((f for f in figures if f.x0 <= w.x0 and w.x1 <= f.x1 and f.top < mid < f.bottom), None)
        if host is not None:
            drop.add(id(w))
            doubtful.add(id(host))
    return [replace(w, confidence=0.0) if id(w) in doubtful
            else w for w in words if id(w) not in drop]


def key_words_cap(key_match: str, words: list[Word]) -> float:
    """The most a value may be trusted whose key was found (``key_match``) from ``words``
    (a row's label, a column's heading): no surer than the least sure of their words of
    letters (figures and marks in a label name nothing), by the rule of
    ``Settings.key_words_confidence`` (core/settings.py). Born-digital words: 1."""
    sure = min((w.confidence for w in words if any(c.isalpha() for c in w.text)), default=1.0)
    return DIGITAL.key_words_confidence(key_match, sure)


def page_lines(page: Page) -> list[Line]:
    words = _without_nested_marks(page, _without_smears(page))
    askew = deskewed_lines(words) if page.source == "ocr" else None
    lines = _without_margin_marks(page, askew or group_lines(words))
    if page.source == "ocr":
        lines = [ws for ws in lines if not _rule_line(ws)]
    out = _with_edge_signs([split_line(page, ws) for ws in lines], page.source == "ocr")
    if askew:
        return _doubt_detached_minus(out)
    return _doubt_between_rows(out) if page.source == "ocr" else out


def _rule_line(words: list[Word]) -> bool:
    """A scanned line OCR read as marks no label prints alone ("~", "=", "_ |"): a ruling
    line between two rows, no row. Kept, it ended the table it crosses: a summary's rows
    after it were read as a table of their own, without its headings."""
    return all(w.text.strip() and set(w.text.strip()) <= _LONE_MARKS for w in words)


_LONE_MARKS = set(LONE_LINE_MARKS)
BETWEEN_ROWS_SHARE = OCR.layout.between_rows_share
BETWEEN_ROWS_CONFIDENCE = DIGITAL.confidence.between_rows


def _middle(words: list[Word]) -> float:
    mids = sorted((w.top + w.bottom) / 2 for w in words)
    return mids[len(mids) // 2]


def _doubt_between_rows(lines: list[Line]) -> list[Line]:
    """A scanned figure standing ``between_rows_share`` of the way or more from its row's
    label towards the row above or below (a page left askew by a little: rows drift over
    the text; a figure OCR boxed on its own) may be that row's: doubtful, whichever row it
    was grouped with."""
    rows = [ln for ln in lines if ln.label_words and ln.cells]
    mids = [_middle(ln.label_words) for ln in rows]
    for k, line in enumerate(rows):
        for cell in line.cells:
            off = _middle(cell.words) - mids[k]
            other = k + (1 if off > 0 else -1)
            if not 0 <= other < len(rows) or rows[other].page != line.page:
                continue
            pitch = abs(mids[other] - mids[k])
            if pitch and abs(off) >= BETWEEN_ROWS_SHARE * pitch:
                cell.confidence = min(cell.confidence, BETWEEN_ROWS_CONFIDENCE)
    return lines


def _doubt_detached_minus(lines: list[Line]) -> list[Line]:
    """On a page askew, ruling lines run through the rows: a piece of one, read as a word of
    its own before a figure ("—   326685"), looks like the figure's minus. A minus apart from
    its digits there is doubtful."""
    for line in lines:
        for cell in line.cells:
            if len(cell.words) > 1 and is_sign_token(cell.words[0].text) and cell.value is not None \
                    and cell.value < 0:
                cell.confidence = min(cell.confidence, DETACHED_SIGN_CONFIDENCE)
    return lines


def _lone_signs(line: Line) -> list[tuple[Word, Cell]]:
    """Minus words of a line's figures that no cell took (farther from the next figure
    than a detached minus's space), each with the unsigned figure cell right after it."""
    taken = {id(w) for c in line.cells for w in c.words}
    firsts = {id(c.words[0]): c for c in line.cells if c.words}
    run = line.words[len(line.label_words):]
    out = []
    for w, nxt in zip(run, run[1:], strict=False):
        cell = firsts.get(id(nxt))
        if id(w) not in taken and is_sign_token(w.text) and w.text != "+" and cell is not None \
                and cell.value is not None and cell.value >= 0 and not cell.text.startswith("("):
            out.append((w, cell))
    return out


def _with_edge_signs(lines: list[Line], ocr: bool) -> list[Line]:
    """A minus set at its column's left edge, apart from its figure ("-      4 812 640"):
    it was dropped as a lone mark and the figure stored positive, sure. Where other rows'
    minus signs stand at the same place (a column of signs) it is the figure's sign; where
    other rows' figures end at its right edge or between it and its figure it is a dash
    printed for nothing in their column; else the figure takes it, doubtful."""
    signs = [(line, w, cell) for line in lines for w, cell in _lone_signs(line)]
    if not signs:
        return lines
    ends = {id(line): [c.words[-1].x1 for c in line.cells if c.value is not None] for line in lines}
    dashes = {id(w) for line, w, cell in signs if _dash(line, w, cell, lines, ends)}
    signs = [(line, w, cell) for line, w, cell in signs if id(w) not in dashes]
    for line, w, cell in signs:
        tol = _sign_tolerance(cell)
        column = any(o is not line and abs(s.x0 - w.x0) <= tol for o, s, _ in signs)
        signed = _new_cell([w, *cell.words], ocr)
        if not column:
            signed.confidence = min(signed.confidence, DETACHED_SIGN_CONFIDENCE)
        line.cells[line.cells.index(cell)] = signed
    if ocr:
        _doubt_covered_signs(lines, [(w.x0, w.x1) for _, w, _ in signs])
    return lines


def _sign_tolerance(cell: Cell) -> float:
    return EDGE_SIGN_ALIGN * max(x.height for x in cell.words)


def _dash(line: Line, w: Word, cell: Cell, lines: list[Line], ends: dict[int, list[float]]) -> bool:
    """A lone mark printed for nothing in a column of its own: other rows' figures end at its
    right edge (a dash right-aligned in an empty cell), or rows that also print a figure in
    its figure's column end one between the two (a dash centred in an empty cell; a year
    in a title above the table ends anywhere)."""
    tol = _sign_tolerance(cell)
    right, start = cell.words[-1].x1, cell.words[0].x0
    for other in lines:
        xs = ends[id(other)] if other is not line else []
        if any(abs(x - w.x1) <= tol for x in xs) or (
                any(abs(x - right) <= tol for x in xs) and any(w.x1 - tol <= x < start for x in xs)):
            return True
    return False


def _doubt_covered_signs(lines: list[Line], spots: list[tuple[float, float]]) -> None:
    """Where a column's minus signs stand apart at its left edge, a figure of that column
    is positive when its sign's spot is blank; where a word of something else covers the
    spot ("1205-52": the sign read into the figure before it) the sign cannot be told: the
    figure is not trusted at all (a re-read of its own box would confirm its digits only)."""
    spots = [s for s in spots if sum(abs(o[0] - s[0]) < (s[1] - s[0]) * 2 for o in spots) > 1]
    for line in lines:
        for x0, x1 in spots:
            after = [c for c in line.cells if c.words and c.words[0].x0 > x1]
            if not after or after[0].value is None or after[0].value < 0:
                continue
            # (a long label's words of letters reaching over the spot say nothing of a sign)
            if any(w.x0 < x1 and w.x1 > x0 and not is_sign_token(w.text) and not w.text.isalpha()
                   for w in line.words):
                after[0].confidence = 0.0
