"""Where a table row has no amount under a column that its neighbours fill.

OCR drops lone short amounts ("981", "0") more often than long ones. A row of amounts whose
neighbours have a cell at some column, while it has none there, gets a slot: the column's span
at the row's height, for the pipeline to re-read from the page image. Pure geometry: whether
the slot holds an amount is for the re-read to say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import NamedTuple

from core.geometry import runs
from core.numbers import is_numeric_token, is_regular_grouping
from core.ocrtext import LINE_MARKS, figure_like, unknown_word
from core.settings import DIGITAL, OCR
from core.types import Cell, Word
from parsers.columns import RIGHT_EDGE_TOLERANCE, cluster_right_edges, own_spans
from parsers.layout import DIGIT_WIDTH, Line
from parsers.rows import is_header_line, is_speck_cell, is_year_cell, year_cells_only

# Rows above and below whose cells define the columns around a row.
WINDOW = OCR.gaps.window
# A column needs cells in at least this many neighbouring rows.
MIN_SUPPORT = OCR.gaps.min_support
# A slot keeps this far (text heights) from the label and the row's cells.
CLEARANCE = OCR.gaps.clearance
# Label words this short that stand in an amount column may be a misread amount.
MISREAD_MAX_CHARS = OCR.gaps.misread_max_chars
# ... and a word of any letters this long at most, standing where a row's lost figure stands.
MISREAD_MAX_WORD = OCR.gaps.misread_max_word
# Marks after a row's figures, at most this many words, are a ruling line read as letters.
DEBRIS_MAX_WORDS = OCR.gaps.debris_max_words
# Short marks this far (text heights) after a row's label are no part of it, nor words of
# letters this wide (text heights per letter; letters are 0.5-1).
GUTTER_GAP = OCR.gaps.gutter_gap
GUTTER_WORD_WIDTH = OCR.gaps.gutter_word_width
# A line this short without amounts, between amount rows, may be a row that lost them.
BLANK_ROW_WORDS = OCR.gaps.blank_row_words


@dataclass(frozen=True)
class Slot:
    line_index: int
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    # The band the row's own figures stand in, when it has any (``figure_band``): a second
    # place to read the slot when the row's band holds no clean amount.
    band: tuple[float, float] | None = None


LOST_WORD_GAP = OCR.gaps.lost_word_gap
# No printed letter is narrower than this share of the text height.
MIN_LETTER_WIDTH = OCR.gaps.min_letter_width


def word_lost_between(words: list[Word]) -> bool:
    """Whether two scanned label words of letters, next to each other in ``words`` (a row's
    label words, line by line) and on one line, stand more than LOST_WORD_GAP text heights
    apart ("Avräkning      avgifter": "sociala" lost between them). A word in brackets
    after a gap is a qualifier set apart ("Eget kapital      (tkr)")."""
    for a, b in zip(words, words[1:], strict=False):
        h = a.bottom - a.top
        if min(a.bottom, b.bottom) - max(a.top, b.top) > h / 2 and b.x0 - a.x1 > LOST_WORD_GAP * h \
                and min(a.confidence, b.confidence) < 1 and not b.text.startswith(("(", "[")) \
                and all(any(c.isalpha() for c in w.text) and not _squeezed(w) for w in (a, b)):
            return True
    return False


def _squeezed(w: Word) -> bool:
    """A word boxed narrower than its letters can be printed (OCR's box of "Kurs-" two
    points wide): where it ends is not known."""
    return w.x1 - w.x0 < MIN_LETTER_WIDTH * (w.bottom - w.top) * len(w.text)


def figure_band(line: Line) -> tuple[float, float] | None:
    """(top, bottom) of the row's shortest amount word: digits have no descenders, so a
    label's band reaches below them, and on a skewed scan the figures rise or sink away from
    their label; a slot read at the label's band cuts a figure and reads noise."""
    digits = [w for c in line.cells for w in c.words if any(ch.isdigit() for ch in w.text)]
    if not digits:
        return None
    word = min(digits, key=lambda w: w.bottom - w.top)
    band = (word.top, word.bottom)
    return None if band == (line.top, line.bottom) else band


# A line whose cells are this many years at least, and most of them years, heads columns.
YEARS_HEADING = DIGITAL.tables.unit_heading_min_years


def _years_heading(line: Line) -> bool:
    """A column-heading line of years, all of them, or most of them with marks between read
    as figures (a ruled narrow table's dashes, "129 2018 2019 ... 174 2022"): no row. Its
    marks are no figures: counted as a column's, they stretch the column they stand beside
    over the next one's figures."""
    years = sum(is_year_cell(c) for c in line.cells)
    return years == len(line.cells) or (years >= YEARS_HEADING and 2 * years > len(line.cells))


def _is_row(line: Line) -> bool:
    return bool(line.cells) and bool(line.label_words) and not _years_heading(line)


def _is_count_row(line: Line) -> bool:
    """A row of a table, labelled or not (a history table's "2016  80  93 ...")."""
    return bool(line.cells) and not _years_heading(line) and (
        bool(line.label_words) or len(line.cells) > 1)


def _neighbours(lines: list[Line], i: int, is_row=_is_row) -> list[Line]:
    """Rows of the same table around row ``i``: up to WINDOW each way, not past a page break
    or a heading (two lines in a row that are no amount rows)."""
    out: list[Line] = []
    for step in (-1, 1):
        j, taken, gap = i + step, 0, 0
        while 0 <= j < len(lines) and taken < WINDOW and lines[j].page == lines[i].page:
            if is_row(lines[j]):
                out.append(lines[j])
                taken, gap = taken + 1, 0
            else:
                gap += 1
                if gap >= 2:
                    break
            j += step
    return out


def _columns(near: list[Line]) -> list[tuple[float, float]]:
    """(x0, x1) of the columns that at least MIN_SUPPORT of the rows ``near`` fill."""
    owner = {id(c): id(ln) for ln in near for c in ln.cells}
    columns = [col for col in cluster_right_edges([c for ln in near for c in ln.cells])
               if len({owner[id(c)] for c in col.cells}) >= MIN_SUPPORT]
    return [(col.x0, col.x1) for col in own_spans(columns)]


def columns_around(lines: list[Line], i: int) -> list[tuple[float, float]]:
    """(x0, x1) of the amount columns of line ``i``'s table, from the rows around it
    (``MIN_SUPPORT`` of them fill each); empty when too few rows stand around it."""
    near = _neighbours(lines, i, _is_count_row)
    return _columns(near) if len(near) >= MIN_SUPPORT else []


def _in_column(w, spans: list[tuple[float, float]]) -> bool:
    """Whether a word stands in a column: its right edge at the column's, or (a figure
    read as several broken words, "ROS oD" for "1 191 742") wholly inside its span. A word
    of small letters only inside a span is text ("17 16 kvinnor och 1 män"), no figure."""
    slack = RIGHT_EDGE_TOLERANCE * w.height
    figure_like = not (w.text.isalpha() and w.text.islower())
    return any(abs(w.x1 - x1) <= slack or (figure_like and w.x0 >= x0 - slack and w.x1 <= x1 + slack)
               for x0, x1 in spans)


# A word standing over this much of a column's width may be its figure, ruled through.
RULED_FIGURE_COVER = OCR.gaps.ruled_figure_share
# ... and is this many times as wide as its characters would be.
RULED_FIGURE_WIDTH = OCR.gaps.ruled_figure_width
_LETTER_RUN_RE = re.compile(r"[^\W\d_]{3,}")
# A ruling line read as marks: a run of dashes and tildes ("—~—*—~").
_LINE_MARKS_RE = re.compile(r"[-—–~_=*]{3,}")


def ruled_figure(w, span: tuple[float, float]) -> bool:
    """A figure a ruling line runs through, read with the line as one word of digits and
    marks ("£79330" 139 pt wide, "02—~—*—~<C«:«7S'"): far wider than its characters (the line
    adds width, no characters) or with the line in it as marks; over most of the column's
    width and reaching past its edges, with digits in it and no word of letters."""
    x0, x1 = span
    cover = min(w.x1, x1) - max(w.x0, x0)
    wide = w.x1 - w.x0 > RULED_FIGURE_WIDTH * DIGIT_WIDTH * w.height * len(w.text) or \
        bool(_LINE_MARKS_RE.search(w.text))
    return (wide and cover >= RULED_FIGURE_COVER * (x1 - x0) and (w.x0 < x0 or w.x1 > x1)
            and any(c.isdigit() for c in w.text) and not _LETTER_RUN_RE.search(w.text))


class Misread(NamedTuple):
    line_index: int
    keep: int  # label words to keep; the rest up to ``end`` stand in columns
    spans: list[tuple[float, float]]  # (x0, x1) of the columns around the row
    end: int  # label words from here on are gutter noise, no part of the row


# A word that opens with a year and a dash is a dated column heading, however OCR damaged
# the rest ("2015-12-31" read as "2025-9988"): no amount is printed so.
_DATED_RE = re.compile(r"^(?:19[89]\d|20\d\d)-\d")
# Digits with a dot among them ("2.54952" for "2 545"): a Swedish decimal has a comma, so
# in an amount column this is a figure misread, not a decimal of its own.
_DOTTED_DIGITS_RE = re.compile(r"^\d+(?:\.\d+)+$")


_EDGE_LINE_MARKS = LINE_MARKS


def _without_line_marks(w):
    """A word with digits without the marks of a ruling line at its ends ("__3235174—"),
    its box narrowed by their share of its characters; any other word as it is."""
    core = w.text.strip(_EDGE_LINE_MARKS)
    if core == w.text or not any(c.isdigit() for c in core):
        return w
    lead = len(w.text) - len(w.text.lstrip(_EDGE_LINE_MARKS))
    trail = len(w.text) - len(w.text.rstrip(_EDGE_LINE_MARKS))
    return replace(w, text=core, x0=_char_x(w, lead), x1=_char_x(w, len(w.text) - trail))


# Widths in digits: a dash is wider than a digit, a hyphen narrower.
_MARK_WIDTH = {"—": 1.8, "–": 0.9, "-": 0.6, "_": 0.9}


def _char_x(w: Word, i: int) -> float:
    """Where in ``w``'s box its character ``i`` begins (``len(text)``: its right edge), each
    character its share of the box by its width in digits."""
    width = [_MARK_WIDTH.get(c, 1.0) for c in w.text]
    return w.x0 + (w.x1 - w.x0) * sum(width[:i]) / sum(width)

# A note number a ruling line glued to the figure after it, across the gap between them: a
# line's marks, never a lone hyphen (OCR reads a grouping space so: "14-382").
_GLUED_NOTE_RE = re.compile(rf"^(\d{{1,2}})[{re.escape(LINE_MARKS.replace('-', ''))}]"
                            rf"[{re.escape(LINE_MARKS)}]*(\d[\d ]*)$")
# A figure read through a line is no surer than a repaired one: it is read again.
GLUED_FIGURE_CONFIDENCE = OCR.confidence.repaired_number
MAX_NOTE_NO = OCR.tables.max_note_no


def glued_note(w, spans: list[tuple[float, float]]):
    """A word that is a note number and the row's first figure, a ruling line read as marks
    between them ("4—3382—": the "4" in the note column, wholly left of the table's first
    column, the line through the gap): (the note's word, the figure's word, doubtful), their
    boxes by their share of its characters, OCR's text kept as raw; None for any other word,
    for digits that make one figure with the line's marks read as a grouping space ("1—234"),
    or when the figure is in no column."""
    bare = _without_line_marks(w)
    m = _GLUED_NOTE_RE.match(bare.text)
    if not m or not spans or not 1 <= int(m.group(1)) <= MAX_NOTE_NO \
            or is_regular_grouping(f"{m.group(1)} {m.group(2)}"):
        return None
    bare = replace(bare, raw=w.raw or w.text)
    note_end = _char_x(bare, m.end(1))
    if note_end > spans[0][0]:
        return None
    figure = replace(bare, text=m.group(2), x0=_char_x(bare, m.start(2)),
                     confidence=min(bare.confidence, GLUED_FIGURE_CONFIDENCE))
    if not _in_column(figure, spans):
        return None
    return replace(bare, text=m.group(1), x1=note_end), figure


def misread_words(lines: list[Line], vocabulary: dict[str, str] | None = None) -> list[Misread]:
    """Where a row's last label words stand in the columns of the rows around it: amounts
    OCR read as letters ("51" as "ST", "17" as "Ly,", a ruled-through "1 191 742" as
    "ROS oD"), and the amounts before them that the split took for label words with them.
    Pure geometry, but for ``vocabulary`` (a word of it standing where a lost figure would
    is the label's); the pipeline turns them into doubtful cells for a re-read."""
    out: list[Misread] = []
    for i, line in enumerate(lines):
        # Column headings ("Belopp i kr  Not  2024  2023", "Not  2025-12-31  2024-12-31") are
        # no row: their words stay.
        if not line.label_words or (line.cells and all(is_year_cell(c) for c in line.cells)) \
                or is_header_line(line) or any(_DATED_RE.match(w.text) for w in line.label_words):
            continue
        near = _neighbours(lines, i, _is_count_row)
        if len(near) < MIN_SUPPORT:
            continue
        spans = _with_heading_columns(_columns(near), lines, i)
        if spans and _over_columns(line, near, spans):
            continue
        # A label already holding a figure in a column ("Lämnade bidrag 21615 ELSA"): capitals
        # after it in a column are a figure read as letters too, however many.
        figured = any(is_numeric_token(w.text) and _in_column(w, spans) for w in line.label_words)
        end = _before_right_specks(line, spans)
        k = _in_columns_from(line, spans, figured, end, vocabulary)
        if k == end and end < len(line.label_words):
            k = end = len(line.label_words)
        if k == end:
            # A ruling line read as letters after a row's figure ("Årets resultat  193  Gece
            # 134", "Kassaflöde från investeringsverksamheten  -30  RR ie a"): the figures
            # and the marks after them (which stand over a later column: its figure, lost).
            k = _debris_after_figures(line, spans)
        if k == end:
            # Marks a ruling line left past the table's last column, after figures it read
            # as letters ("Pensionskostnader  ÖST  ad  eee" for "800  534"): the figures
            # before them (a label never goes on right of its figures).
            past = _marks_past_columns(line, spans)
            if past < end:
                k, end = _in_columns_from(line, spans, figured, past, vocabulary), past
        if k == end:
            # Marks a ruling line left in the gutter after the figures ("licenser  1192  ER
            # ae"): the figures before them.
            end = gutter_noise(line)
            k = _in_columns_from(line, spans, figured, end)
        if k < end and (k > 0 or len(line.label_words) > 1 or line.cells):
            out.append(Misread(i, k, spans, end))
    return out


def _marks_past_columns(line: Line, spans: list[tuple[float, float]]) -> int:
    """How many label words a row keeps when its last ones are marks (short, or capitals
    and marks; no digit) standing wholly right of the table's last column: a ruling line's
    tail read as letters. All of them when there are none, or only such marks."""
    words = line.label_words
    if not spans:
        return len(words)
    edge = spans[-1][1]  # a figure never starts past its column's right edge
    k = len(words)
    while k > 1 and words[k - 1].x0 >= edge and not any(c.isdigit() for c in words[k - 1].text) \
            and (_gutter_mark(words[k - 1]) or _capital_marks(words[k - 1].text)):
        k -= 1
    return k


def _with_heading_columns(spans: list[tuple[float, float]], lines: list[Line], i: int
                          ) -> list[tuple[float, float]]:
    """The columns of the rows around, and those of the table's year headings above row
    ``i`` that none of them fill (a column whose figures OCR read into the labels of every
    row: "Verksamhetens intäkter 4 310 200 4 120 500 3 650 70 S  3 402 100")."""
    heading = _year_heading_above(lines, i)
    if heading is None:
        return spans
    out = list(spans)
    slack = RIGHT_EDGE_TOLERANCE * heading.height
    edges = [c.x1 for c in heading.cells]
    for k, c in enumerate(heading.cells):
        if any(abs(c.x1 - x1) <= slack for _, x1 in out):
            continue
        # A heading is narrower than its figures: the column reaches back to the one before
        # (the first as far as the next one stands on).
        width = (c.x1 - edges[k - 1]) if k else (edges[1] - c.x1)
        out.append((max(c.x1 - width + slack, heading.cells[k - 1].x1 + slack if k else 0.0), c.x1))
    return sorted(out)


def _year_heading_above(lines: list[Line], i: int) -> Line | None:
    """The line of year headings over row ``i`` (two or more years, most of its cells
    years), up the rows of its table: not past a page break or two lines without figures."""
    gap = 0
    for j in range(i - 1, max(i - 1 - 3 * WINDOW, -1), -1):
        line = lines[j]
        if line.page != lines[i].page:
            return None
        years = sum(is_year_cell(c) for c in line.cells)
        if years >= 2 and 2 * years > len(line.cells):
            return line
        gap = 0 if line.cells else gap + 1
        if gap >= 2:
            return None
    return None


def _debris_after_figures(line: Line, spans: list[tuple[float, float]]) -> int:
    """Where the figures of a row's label words begin when they stand in the columns and
    only marks without digits follow them, reaching over a later column or before a cell
    of the row (a label never goes on right of its figures); else all are kept."""
    words = line.label_words
    f = len(words)
    while f > 0 and not any(c.isdigit() for c in words[f - 1].text):
        f -= 1
    rest = words[f:]
    if not rest or f == len(words) or len(rest) > DEBRIS_MAX_WORDS:
        return len(words)
    figure = words[f - 1]
    later = [s for s in spans if s[0] > figure.x1]
    reaches = bool(line.cells) or any(r.x1 > s[0] for r in rest for s in later)
    if not (is_numeric_token(figure.text) and _in_column(figure, spans) and later and reaches):
        return len(words)
    k = f - 1
    while k > 0 and is_numeric_token(words[k - 1].text) and _in_column(words[k - 1], spans):
        k -= 1
    return k


def _before_right_specks(line: Line, spans: list[tuple[float, float]]) -> int:
    """How many label words stand before the specks right of the table's last column (a
    ruling line running on past it, read as "fie"): short marks wholly right of it, which
    no label and no figure of the row is. Without them the row's misread figures are its
    last words again ("... DBR Ns ASG fie" for "−255  456")."""
    words = line.label_words
    k = len(words)
    while spans and k > 1 and words[k - 1].x0 > spans[-1][1] + RIGHT_EDGE_TOLERANCE * words[k - 1].height \
            and len(words[k - 1].text) <= MISREAD_MAX_CHARS:
        k -= 1
    return k


def _over_columns(line: Line, near: list[Line], spans: list[tuple[float, float]]) -> bool:
    """A line without a label where the rows around have theirs, its first word over the
    first column: column headings ("Summa  K  M" read "Summa z"), whose letters are no
    figures."""
    starts = [ln.label_words[0].x0 for ln in near if ln.label_words and ln is not line]
    first = line.words[0]
    return bool(starts) and first.x1 >= spans[0][0] and \
        first.x0 - min(starts) > HEADING_REACH * line.height


def _in_columns_from(line: Line, spans: list[tuple[float, float]], figured: bool, end: int,
                     vocabulary: dict[str, str] | None = None) -> int:
    """Where the label words before ``end`` that stand in the columns begin (``end``: none)."""
    k = end
    while k > 0:
        # A ruling line through a figure leaves its marks at the figure's ends
        # ("__3235174—", "—795-887—"): the figure is judged without them.
        glued = glued_note(line.label_words[k - 1], spans)
        w = glued[1] if glued else _without_line_marks(line.label_words[k - 1])
        text = w.text
        # Integers and short smudges; a percentage or decimal figure is text of its own.
        short = "%" not in text and "," not in text.rstrip(",") and (
            len(text.strip(",.;:")) <= MISREAD_MAX_CHARS or is_numeric_token(text)
            or figure_like(text) or (figured and text.strip(",.;:").isupper())
            or _DOTTED_DIGITS_RE.match(text) is not None or _marked_digits(text)
            or (k == end and vocabulary is not None and unknown_word(text, vocabulary)
                and _lost_first_figure(w, line, spans)))
        # A mark boxed over the misread figure after it ("a" over "BE": one "11") is of it.
        over = k < end and w.x1 > line.label_words[k].x0
        # ... and a mark boxed under the one before it, past the column's edge ("TÅ" and
        # "Fe" of one "75").
        under = k >= 2 and w.x0 < line.label_words[k - 2].x1 and \
            _in_column(line.label_words[k - 2], spans)
        # A speck in the gutter between two figures, read as a mark ("18 137  ©  17 538"), or
        # a ruling line's piece among figures it garbled ("År  i  I  1  VER  De", a figure
        # read as such further left): dust, not the label's end.
        dust = k >= 2 and (k < end or bool(line.cells)) and len(text) <= MISREAD_MAX_CHARS \
            and (_in_gutter(w, spans) or _inside(w, spans)) and _in_column(line.label_words[k - 2], spans) \
            and (is_numeric_token(line.label_words[k - 2].text) or not any(ch.isalnum() for ch in text)
                 or figured_before(line.label_words[:k - 1], spans)
                 # ... or between two figures both read as marks ("DBR  Ns  ASG" for
                 # "−255  456", a ruling line through the row): the one after is taken
                 or k < end and len(line.label_words[k - 2].text) <= MISREAD_MAX_CHARS)
        # A figure read as letters drawn out into the gutter by a line through it ("ÖST"
        # from inside the first column, before the next figure's word): it starts in a
        # column, where no label word stands.
        drawn = k < end and _starts_in_column(w, spans)
        if not ((short and (_in_column(w, spans) or over or under or dust or drawn))
                or any(ruled_figure(w, sp) for sp in spans)):
            break
        k -= 1
    return k



def _lost_first_figure(w, line: Line, spans: list[tuple[float, float]]) -> bool:
    """A row's last label word that stands wholly inside an amount column, its right edge at
    the column's, where the row's figures stand in the columns after it: a figure OCR read
    as a word ("Loni." for "1557" before "1 300"), its column else empty; the caller asks
    that it be no word of the vocabulary (a label's last word set out to the column's edge,
    "Upplupna semesterlöner   SKULDER", stays). A figure's width at most."""
    slack = RIGHT_EDGE_TOLERANCE * w.height
    core = w.text.strip(",.;:")
    return 0 < len(core) <= MISREAD_MAX_WORD and any(c.x0 >= w.x1 for c in line.cells) and any(
        abs(w.x1 - x1) <= slack and w.x0 >= x0 - slack
        and not any(c.x1 > w.x0 and c.x0 < x1 for c in line.cells) for x0, x1 in spans[:-1])


def _starts_in_column(w, spans: list[tuple[float, float]]) -> bool:
    """A word starting inside a column's span and ending before the next column's."""
    slack = RIGHT_EDGE_TOLERANCE * w.height
    ends = [s[0] for s in spans[1:]] + [float("inf")]
    return any(x0 - slack <= w.x0 < x1 and w.x1 <= nxt + slack
               for (x0, x1), nxt in zip(spans, ends, strict=True))


def _in_gutter(w, spans: list[tuple[float, float]]) -> bool:
    """A word wholly between two columns' spans (a column's edge as slack)."""
    slack = RIGHT_EDGE_TOLERANCE * w.height
    return any(w.x0 >= a[1] - slack and w.x1 <= b[0] + slack for a, b in zip(spans, spans[1:], strict=False))


def _inside(w, spans: list[tuple[float, float]]) -> bool:
    """A word wholly inside a column's span (its edges as slack), whatever its letters."""
    slack = RIGHT_EDGE_TOLERANCE * w.height
    return any(w.x0 >= x0 - slack and w.x1 <= x1 + slack for x0, x1 in spans)


def figured_before(words: list, spans: list[tuple[float, float]]) -> bool:
    """A figure read as a figure among ``words`` in a column: the row's figures begin there."""
    return any(is_numeric_token(w.text) and _in_column(w, spans) for w in words)

# A word of digits with marks among them and no letter, this share of it digits at least.
MARKED_DIGITS_SHARE = OCR.gaps.marked_digits_share


def _marked_digits(text: str) -> bool:
    """A figure a ruling line ran through, read with the line's marks among its digits
    ("=11/518:315" for "−11 518 315"): no letter, mostly digits, in groups as a printed
    figure's (an age band "16-24/25-29" is text)."""
    groups = " ".join(re.findall(r"\d+", text))
    return not any(c.isalpha() for c in text) and " " in groups and is_regular_grouping(groups) \
        and sum(c.isdigit() for c in text) >= MARKED_DIGITS_SHARE * len(text)


class Straddle(NamedTuple):
    line_index: int
    cell_index: int
    parts: list[tuple[float, float]]  # (x0, x1) of the cell's part in each column it covers
    columns: list[tuple[float, float]]  # (x0, x1) of those columns' spans


def straddling_cells(lines: list[Line]) -> list[Straddle]:
    """Cells of a row that stand over two or more columns of the rows around it: figures of
    two columns OCR (or a read of the ink) took for one ("193 485" over this year's and last
    year's, "151692333"). Each part runs from the middle of the gap before its column to the
    middle of the gap after it, the cell's own edges outside. Pure geometry."""
    out: list[Straddle] = []
    for i, line in enumerate(lines):
        if not _is_row(line):
            continue
        spans = sorted(_columns(_neighbours(lines, i)))
        for j, cell in enumerate(line.cells):
            h = cell.bottom - cell.top
            parts, inside = _split(cell.x0, cell.x1, h, spans)
            if len(inside) >= 2 and not _overlapping(inside, RIGHT_EDGE_TOLERANCE * h, h):
                out.append(Straddle(i, j, parts, inside))
    return out


def _overlapping(spans: list[tuple[float, float]], slack: float, height: float) -> bool:
    """Whether a column of ``spans`` (in order) begins left of the one before it ends, its
    right edge a group of digits and a space at most past that one's: no gap between them to
    cut a figure at. Two right edges of one column's figures (a scan's upright line at the
    column's edge read some figures in two: "695 | 144"), not two columns; a cell over both
    is one figure."""
    group = (OVERLAP_GROUP_DIGITS + 1) * DIGIT_WIDTH * height
    return any(b[0] < a[1] - slack and b[1] - a[1] <= group for a, b in zip(spans, spans[1:], strict=False))


# Two right edges of one column stand at most this many digits (and a space) apart.
OVERLAP_GROUP_DIGITS = OCR.gaps.overlap_group_digits


def under_two_years(lines: list[Line], i: int, cells: list[Cell]) -> bool:
    """Whether the first and the last of ``cells`` (of row ``i``) end each at the right edge
    of another year of the table's year heading (``_year_heading_above``): two columns'
    figures set close ("98849 | 144697" in a narrow note, where the rows around, each read
    as one cell over both years, make one wide column), never parts of one figure."""
    heading = _year_heading_above(lines, i)
    if heading is None:
        return False
    slack = RIGHT_EDGE_TOLERANCE * heading.height
    at = [next((k for k, y in enumerate(heading.cells) if abs(c.x1 - y.x1) <= slack), None)
          for c in (cells[0], cells[-1])]
    return None not in at and at[0] != at[1]


class Crowded(NamedTuple):
    line_index: int
    cell_indexes: list[int]  # consecutive cells of the row, all in one column's span
    span: tuple[float, float]  # (x0, x1) of that column


def crowded_columns(lines: list[Line]) -> list[Crowded]:
    """Cells of a row that stand together in one column of the rows around it: parts of
    one figure OCR read apart ("1 145" and "04)" of "1 145 041", a ruling line through
    it). Pure geometry; whether they are one figure is for a re-read to say."""
    out: list[Crowded] = []
    for i, line in enumerate(lines):
        if not _is_row(line) or len(line.cells) < 2:
            continue
        h = line.height
        slack = RIGHT_EDGE_TOLERANCE * h
        for x0, x1 in _columns(_neighbours(lines, i)):
            inside = [j for j, c in enumerate(line.cells)
                      if c.x0 >= x0 - slack and c.x1 <= x1 + slack]
            if len(inside) >= 2 and inside == list(range(inside[0], inside[-1] + 1)):
                out.append(Crowded(i, inside, (x0, x1)))
    return out


def column_parts(lines: list[Line], i: int, x0: float, x1: float
                 ) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """[x0, x1] on row ``i`` cut at the gaps between the columns of the rows around that
    it stands over (ink of two figures close together read as one run): the parts, and
    the spans of their columns. One part over no column span when it stands over fewer
    than two."""
    parts, inside = _split(x0, x1, lines[i].height, sorted(_columns(_neighbours(lines, i))))
    return (parts, inside) if len(inside) >= 2 else ([(x0, x1)], [(x0, x1)])


def _split(x0: float, x1: float, height: float, spans: list[tuple[float, float]]
           ) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    # A column it stands over: the right half of its span, up to its right edge. A span
    # whose middle lies past the cell's right edge is one the cell does not reach (its
    # edge only within the slack).
    slack = RIGHT_EDGE_TOLERANCE * height
    inside = [s for s in spans
              if x0 - slack <= (s[0] + s[1]) / 2 <= x1 and s[1] <= x1 + slack]
    if len(inside) < 2:
        return [(x0, x1)], inside
    # Cuts stay within the cell and never turn back, and a part they leave empty (spans that overlap) is no
    # column of it: every part runs left to right.
    cuts = list(accumulate((min(max((a[1] + b[0]) / 2, x0), x1)
                            for a, b in zip(inside, inside[1:], strict=False)), max))
    kept = [(part, span) for part, span in zip(zip([x0, *cuts], [*cuts, x1], strict=True), inside,
                                               strict=True) if part[1] > part[0]]
    return [p for p, _ in kept], [s for _, s in kept]


def gutter_noise(line: Line) -> int:
    """How many label words a row keeps when its last ones stand alone in the gutter between
    label and amounts: short marks after a wide gap ("Upplupna semesterlöner   eee : :"), a
    scan's ruling line or specks read as letters (short, or far wider than their letters:
    "Kundfordringar     Seay", or capitals and marks: "Kundfordringar     [EES SETS I").
    0 short marks: all are kept."""
    words = line.label_words
    k = len(words)
    while k > 1 and (_gutter_mark(words[k - 1]) or _capital_marks(words[k - 1].text)):
        k -= 1
    for j in range(k, len(words)):  # the marks start after a gap a label does not have
        if words[j].x0 - words[j - 1].x1 > GUTTER_GAP * line.height:
            # Capitals alone ("SKULDER" reaching its column) are a word of the label; with
            # marks among them ("[EES SETS I"), a streak.
            capitals = any(not _gutter_mark(w) for w in words[j:])
            return j if not capitals or any(_gutter_mark(w) or not w.text.isalpha()
                                            for w in words[j:]) else len(words)
    return len(words)


def _gutter_mark(w) -> bool:
    return len(w.text.strip(",.;:|-_—=")) <= MISREAD_MAX_CHARS or _stretched(w)


def _capital_marks(text: str) -> bool:
    """Capitals and marks, no small letter and no digit ("[EES", "SETS"): a level streak
    through the gutter read as letters. A unit or a word of the label is written small."""
    return any(c.isalpha() for c in text) and not any(c.islower() or c.isdigit() for c in text)


def _stretched(w) -> bool:
    """A word of letters far wider than its characters ("Seay" 78 pt wide): a ruling line
    read as letters, no word."""
    return not any(c.isdigit() for c in w.text) and \
        w.x1 - w.x0 > GUTTER_WORD_WIDTH * w.height * len(w.text)


def span_of(w, spans: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The column span a word stands in (``_in_column``) or is a ruled-through figure of
    (``ruled_figure``), or None."""
    return next((s for s in spans if _in_column(w, [s])), None) or \
        next((s for s in spans if ruled_figure(w, s)), None)


def empty_slots(lines: list[Line]) -> list[Slot]:
    slots: list[Slot] = []
    for i, line in enumerate(lines):
        if not line.cells and line.label_words and len(line.label_words) <= BLANK_ROW_WORDS:
            slots += _blank_row_slots(lines, i)
            continue
        if not _is_row(line):
            continue
        h = line.height
        label_end = line.label_words[-1].x1
        spans = _columns(_neighbours(lines, i))
        # The row belongs to this table only when its own amounts stand in its columns.
        if not all(any(abs(c.x1 - x1) <= RIGHT_EDGE_TOLERANCE * h for _, x1 in spans)
                   for c in line.cells):
            continue
        for x0, x1 in spans:
            # Clear of the label and of the row's own cells, so a re-read sees only the slot.
            if x0 <= label_end + CLEARANCE * h:
                continue
            if any(c.x0 < x1 + CLEARANCE * h and c.x1 > x0 - CLEARANCE * h for c in line.cells):
                continue
            slots.append(Slot(i, line.page, x0, line.top, x1, line.bottom,
                              figure_band(line)))
    return slots


def _blank_row_slots(lines: list[Line], i: int) -> list[Slot]:
    """A labelled line without amounts between rows that have them, on both sides: a row
    printed blank, or one whose lone short count OCR dropped ("45-54  4")."""
    line = lines[i]
    above = [ln for ln in lines[max(0, i - 1):i] if ln.page == line.page and _is_row(ln)]
    below = [ln for ln in lines[i + 1:i + 2] if ln.page == line.page and _is_row(ln)]
    if not above or not below:
        return []
    h = line.height
    label_end = line.label_words[-1].x1
    return [Slot(i, line.page, x0, line.top, x1, line.bottom)
            for x0, x1 in _columns(_neighbours(lines, i))
            if x0 > label_end + CLEARANCE * h]


# A word standing this far (text heights) from the word before it starts a column heading.
HEADING_COLUMN_GAP = OCR.gaps.heading_column_gap
# Rows with longer labels are prose and get no slot under a page's heading columns.
HEADED_ROW_WORDS = OCR.gaps.headed_row_words


def _heading_spans(line: Line) -> list[tuple[float, float]]:
    """(x0, x1) of the column headings of a label-only line ("Deltagare      antal",
    "Myndighet    JA till insats    Totalt"): every run of words after a wide gap, except
    a field ("Datum: 2025-01-15") and what comes after it."""
    spans: list[tuple[float, float]] = []
    words = line.words
    for prev, w in zip(words, words[1:], strict=False):
        if w.x0 - prev.x1 > HEADING_COLUMN_GAP * line.height:
            if w.text.endswith(":"):
                break
            spans.append((w.x0, w.x1))
        elif spans:
            spans[-1] = (spans[-1][0], w.x1)
    return spans


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(run[0][0], max(x1 for _, x1 in run))
            for run in runs(spans, lambda s: s[0], lambda s: s[1])]


def heading_slots(lines: list[Line]) -> list[Slot]:
    """Slots under the column headings of a page's forms: rows whose counts OCR lost
    (sparse columns far from their labels are often dropped or read as one tall smear).
    Every heading column of the page counts for every short row of it (OCR may lose a
    table's own heading word, "antal", as easily as its figures); a row gets a slot under
    each column its words stay clear of. A column of a table further down has headings of
    its own (words, or years as cells: "2023  2022"): the columns of headings above them
    that it overlaps are another table's, and make no slots in its rows (a driftredovisning's
    "Budget" column over a note's figures read the note's column rule as "7")."""
    by_page: dict[int, list[tuple[int, list[tuple[float, float]]]]] = {}
    headings: set[int] = set()
    for i, line in enumerate(lines):
        if not line.cells and len(line.words) > 1 and _heading_spans(line):
            by_page.setdefault(line.page, []).append((i, _heading_spans(line)))
            headings.add(i)
        elif year_cells_only(line):
            by_page.setdefault(line.page, []).append((i, []))
            headings.add(i)
    slots: list[Slot] = []
    for i, line in enumerate(lines):
        # Headings stand above their rows: a table's below ("Not 2017-12-31 2016-12-31" of
        # the balance sheet) makes no slots in the one above it.
        spans = _merge(_heads_above(lines, by_page.get(line.page, []), i))
        if i in headings or not spans or not 0 < len(line.label_words) <= HEADED_ROW_WORDS:
            continue
        h = line.height
        slots += [Slot(i, line.page, x0, line.top, x1, line.bottom) for x0, x1 in spans
                  if all(w.x1 < x0 - CLEARANCE * h or w.x0 > x1 for w in line.words)]
    return slots


def _heads_above(lines: list[Line], heads: list[tuple[int, list[tuple[float, float]]]],
                 i: int) -> list[tuple[float, float]]:
    """The heading columns over row ``i``: of the heading lines above it (index, spans;
    no spans: a line of years, which heads the columns of its year cells), nearest first,
    each column that no nearer heading's column overlaps, when rows of figures stand
    between the two (a line of years right under its table's word headings, "Budget
    Utfall" over "2023  2023", is one heading with them)."""
    taken: list[tuple[int, tuple[float, float]]] = []
    out: list[tuple[float, float]] = []
    for j, spans in sorted((h for h in heads if h[0] < i), reverse=True):
        own = spans or [(c.x0, c.x1) for c in lines[j].cells if not is_speck_cell(c)]
        free = [s for s in own if not any(s[0] < t[1] and t[0] < s[1] and _rows_between(lines, j, k)
                                          for k, t in taken)]
        out += free if spans else []
        taken += [(j, s) for s in own]
    return out


def _rows_between(lines: list[Line], above: int, below: int) -> bool:
    """Whether a row of figures stands between lines ``above`` and ``below``."""
    return any(_is_row(ln) for ln in lines[above + 1:below])


# Column headings above a table's first row: at most this many lines, this close (text
# heights) to each other and to the row.
HEADING_LINES = OCR.gaps.heading_lines
HEADING_REACH = OCR.gaps.heading_reach
# A lost heading's slot reaches this far (text heights) below its heading line, not into
# the first row.
HEADING_SKEW_REACH = OCR.gaps.heading_skew_reach
# A blank band this high (text heights) above a count table's first row: its headings lost.
LOST_HEADING_GAP = OCR.gaps.lost_heading_gap


@dataclass(frozen=True)
class HeadingSlot:
    """Where a table's column has no heading word: the column's place in the heading lines
    (``lines``: their indexes), between the headings of its neighbours."""
    lines: tuple[int, ...]  # empty: the headings' line is lost whole, above row ``row``
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    row: int = 0  # the table's first row


def _heading_block(lines: list[Line], i: int) -> list[int]:
    """Indexes of the heading lines right above row ``i``: lines without any amount."""
    out: list[int] = []
    below = lines[i]
    j = i - 1
    while j >= 0 and len(out) < HEADING_LINES and lines[j].page == below.page \
            and all(c.value is None for c in lines[j].cells) \
            and below.top - lines[j].bottom <= HEADING_REACH * below.height:
        out.insert(0, j)
        below, j = lines[j], j - 1
    return out


# Figures of a participant table (counts of people) are at most this.
MAX_COUNT_FIGURE = OCR.counts.max_small_count


def _counts_only(rows: list[Line]) -> bool:
    """A table of counts (people, not kronor): its title line may also head its columns
    ("Statistik Framåt   Totalt  Män  Kvinnor"), all of whose headings OCR can lose."""
    values = [c.value for ln in rows for c in ln.cells if c.value is not None]
    return bool(values) and all(0 <= v <= MAX_COUNT_FIGURE for v in values)


def headless_columns(lines: list[Line]) -> list[HeadingSlot]:
    """Columns of a table (filled by its rows) with no heading word over them, though the
    table has headings: a sparse column OCR dropped whole, its heading with its figures
    (the figures the gap re-reads find again; the heading is read here). Pure geometry."""
    slots: list[HeadingSlot] = []
    for i, line in enumerate(lines):
        if not _is_row(line) or i > 0 and _is_count_row(lines[i - 1]):
            continue  # the first row of a table only
        block = _heading_block(lines, i)
        heads = [w for j in block for w in lines[j].words]
        rows = [ln for ln in lines[i:i + WINDOW] if ln.page == line.page and _is_count_row(ln)]
        h = line.height
        # Figures where they stand: a figure read again over a heading's whole slot ("5"
        # 130 pt wide) would make one column of every column it reaches over.
        columns = _columns([replace(ln, cells=[c for c in ln.cells if not _slot_wide(c)])
                            for ln in rows])
        if not block:
            slots += _lost_heading_line(lines, i, columns, rows)
            continue
        if len(heads) < 2 and not _counts_only(rows):
            continue  # one word over a money table: its title, no headings (a count table's
            # lone "Totalt" is a heading whose "M", "K" OCR dropped with their figures)
        headless = [(x0, x1) for x0, x1 in columns if not any(
            w.x1 >= x0 - CLEARANCE * h and w.x0 <= x1 + CLEARANCE * h for w in heads)]
        if len(headless) == len(columns) and not _counts_only(rows):
            continue  # no column headed: a section's title above a money table, no headings
        if _counts_only(rows):
            slots += _lost_upper_headings(lines, block, i, columns)
        for x0, x1 in headless:
            left = max((w.x1 for w in heads if w.x1 < x0), default=x0 - HEADING_REACH * h)
            right = min((w.x0 for w in heads if w.x0 > x1), default=x1 + HEADING_REACH * h)
            top, bottom = lines[block[0]].top, lines[block[-1]].bottom
            # A count table's, under a heading line wholly over its columns, down to the first
            # row: a skewed scan sets a heading far right of the others lower than their line
            # ("Män" beside "Totalt Kvinnor"), its letters cut there. (A line with a word over
            # the labels, "Övriga externa kostnader", is a row's label, not headings.)
            low = bottom + h / 2
            labels_end = max((w.x1 for w in line.label_words), default=0.0)
            if _counts_only(rows) and all(w.x0 > labels_end for w in lines[block[-1]].words):
                low = max(low, min(line.top, bottom + HEADING_SKEW_REACH * h))
            slots.append(HeadingSlot(tuple(block), line.page, left + CLEARANCE * h / 2,
                                     top - h / 2, right - CLEARANCE * h / 2, low, i))
    return slots


def _slot_wide(cell) -> bool:
    """A cell far wider than its characters: a figure read again over a slot, not where
    its digits stand."""
    h = cell.bottom - cell.top
    return cell.x1 - cell.x0 > (DIGIT_WIDTH * len(cell.text) + 2 * HEADING_REACH) * h


def _lost_upper_headings(lines: list[Line], block: list[int], i: int,
                         columns: list[tuple[float, float]]) -> list[HeadingSlot]:
    """A count table's headings of several lines whose upper lines OCR lost ("Antal /
    avslutade / delt." read as "delt." alone: a second column of the deltagare): the band
    above its heading lines where no word was read, up to the line above, column by column.
    The band of a column that lost nothing is blank paper and reads nothing."""
    first, h = lines[block[0]], lines[i].height
    above = lines[block[0] - 1] if block[0] > 0 and lines[block[0] - 1].page == first.page else None
    top = first.top - HEADING_LINES * 1.5 * h
    if above is not None:
        top = max(top, above.bottom + h / 4)
    bottom = first.top - h / 4
    if not columns or bottom - top < LOST_HEADING_GAP * h:
        return []
    # One band over every column: a lost word wider than its figures ("avslutade") is
    # read whole, not cut at a column's edge.
    labels_end = max((w.x1 for w in lines[i].label_words), default=0.0)
    return [HeadingSlot((), first.page, max(columns[0][0] - HEADING_REACH * h, labels_end + h), top,
                        columns[-1][1] + HEADING_REACH * h, bottom, block[0])]


def _lost_heading_line(lines: list[Line], i: int, columns: list[tuple[float, float]],
                       rows: list[Line]) -> list[HeadingSlot]:
    """A count table whose headings' line OCR lost whole ("Totalt  Män  Kvinnor" over a
    form's statistics): the blank band above its first row, column by column."""
    line = lines[i]
    h = line.height
    above = lines[i - 1] if i > 0 and lines[i - 1].page == line.page else None
    if above is None or line.top - above.bottom < LOST_HEADING_GAP * h or not columns \
            or not _counts_only(rows):
        return []
    top = max(above.bottom + h / 4, line.top - HEADING_LINES * 1.5 * h)
    edges = [columns[0][0] - HEADING_REACH * h] + [
        (a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:], strict=False)] + [
        columns[-1][1] + HEADING_REACH * h]
    return [HeadingSlot((), line.page, max(edges[k], line.label_words[-1].x1 + h), top,
                        edges[k + 1], line.top - h / 4, i)
            for k in range(len(columns))]


def twin_year_headings(lines: list[Line]) -> list[HeadingSlot]:
    """A table's line of years where two columns print one year ("2017  2017  2016") and no
    word stands over them: the line of words that tells them apart ("Budget  Utfall
    Utfall") lost whole by OCR. The band above the years, over their columns. Pure geometry."""
    slots: list[HeadingSlot] = []
    for i, line in enumerate(lines):
        years = [c for c in line.cells if is_year_cell(c)]
        if len(years) < 2 or len(years) != len(line.cells) or \
                len({c.value for c in years}) == len(years):
            continue
        h = line.height
        x0, x1 = years[0].x0 - HEADING_REACH * h, years[-1].x1 + CLEARANCE * h
        above = lines[i - 1] if i > 0 and lines[i - 1].page == line.page else None
        top = line.top - HEADING_LINES * h
        if above is not None and above.bottom > top:
            if any(w.x1 >= x0 and w.x0 <= x1 for w in above.words):
                continue  # words over the years: nothing lost
            top = above.bottom + h / 4
        if line.top - top < LOST_HEADING_GAP * h:
            continue  # no room for a line of words
        slots.append(HeadingSlot((), line.page, x0, top, x1, line.top - h / 4, i))
    return slots


# A line of years over a table of this many amount columns at least (a multi-year table:
# an overview, a history) is read again when OCR damaged it; two columns are paired by
# position (parsers/columns.py) and need no years read.
DAMAGED_YEARS_MIN_COLUMNS = OCR.gaps.damaged_years_min_columns
# A line of years lost whole stands between the first row and the line above, this far
# apart at most (text heights: the title, a blank line, the years).
LOST_YEARS_REACH = OCR.gaps.lost_years_reach


def damaged_year_lines(lines: list[Line]) -> list[HeadingSlot]:
    """A multi-year table's line of years that OCR damaged: right above its first row, no
    label, digits over its columns, yet not a year over every column ("201" for "2011  2010
    2009  2008  2007" along a ruling line of a skewed scan). The band of that line over the
    columns, to read again; or, where OCR lost the line whole (no word over the columns
    between the title or unit line and the first row, room for a line there), that band
    with no line (``lines`` empty). Pure geometry."""
    slots: list[HeadingSlot] = []
    for i in range(1, len(lines)):
        line, above = lines[i], lines[i - 1]
        h = line.height
        if not _is_row(line) or above.page != line.page or _is_row(above) or \
                line.top - above.bottom > LOST_YEARS_REACH * h:
            continue
        columns = columns_around(lines, i)
        if len(columns) < DAMAGED_YEARS_MIN_COLUMNS:
            continue
        x0, x1 = columns[0][0] - HEADING_REACH * h, columns[-1][1] + HEADING_REACH * h
        over = [w for w in above.words if w.x1 >= x0 and w.x0 <= x1]
        if not over and not above.cells:
            slots.append(HeadingSlot((), line.page, x0, above.top - h / 2, x1, line.top - h / 4, i))
            continue
        years = [c for c in above.cells if is_year_cell(c)]
        damaged = [w for w in over if any(ch.isdigit() for ch in w.text) and
                   not any(w in c.words for c in years)]
        if not damaged or len(years) >= len(columns) or any(w.x1 < x0 for w in above.words) \
                or line.top - above.bottom > HEADING_REACH * h:
            continue
        before = lines[i - 2] if i > 1 and lines[i - 2].page == line.page else None
        top = max(above.top - h, before.bottom + h / 4 if before is not None else 0.0)
        slots.append(HeadingSlot((i - 1,), line.page, x0, top, x1, line.top - h / 4, i))
    return slots
