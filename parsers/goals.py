"""Måluppfyllelse: goal tables whose cells run over many lines, in two to four columns.

The heading row names the columns (level, goal, activity, status; lexicon ``[goals.columns]``)
and fixes where each starts. Every word below is given to the column it starts in. A goal
starts at a bullet or number in the goal column (or, without bullets, after a blank line);
its activity and status are the words of those columns between its start and the next
goal's. The level is the level column's text at or above the goal, or a short level line in
the goal column ("Individnivå") in layouts without a level column. The status word is
looked up in ``[goals.status]`` wherever it stands in the status cell: alone ("Uppfyllt"),
in a sentence ("Målet är i stort uppnått") or glued to the comment ("Uppfyllt 74 avslutade").

Bilagor title a goal table with its insats ("Måluppfyllelse KRUS" as a heading, or as the goal
column's heading over a "Resultat" column); a heading whose usual kind is missing from the
table takes it (``[goals.column_fallbacks]``: "Mål | Resultat", "Indikator | Utfall").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from itertools import pairwise

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from core.lexicon import Lexicon, fold, key_match
from core.numbers import SHARE_OF_RE
from core.ocrtext import glyph_fold, one_letter_off
from core.settings import DIGITAL, OCR
from core.types import Goal
from ingest.pdftext import Word
from parsers.layout import Line
from parsers.sections import Section

_PCT_RE = re.compile(r"(\d{1,3}(?:[,.]\d+)?)\s*(?:%|procent)", re.IGNORECASE)
# A goal's number: "3." or "3)", and "3," as a scan reads the point.
_NUMBER_RE = re.compile(r"^\d{1,2}[.),]$")
# Column starts sit this many points left of their heading word.
COLUMN_SLACK = DIGITAL.counts.goal_column_slack_pt
# Without bullets, lines further apart than this many text heights (top to top) are two
# goals: a blank line stands between them.
PARAGRAPH_PITCH = DIGITAL.counts.goal_paragraph_pitch
# A level line in the goal column has at most this many words.
MAX_LEVEL_WORDS = DIGITAL.counts.goal_max_level_words
# A title column's heading ends where a gap this wide (text heights) opens before the next.
TITLE_COLUMN_GAP = DIGITAL.counts.goal_title_column_gap
# A blank this many text heights tall below a goal table's last row ends the table.
TABLE_END_GAP = DIGITAL.counts.goal_table_end_gap


@dataclass
class _Segment:
    """The words of one line that fall in one column."""
    page: int
    top: float
    height: float
    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def key(self) -> tuple[int, float]:
        return self.page, self.top


def _headings(words: list[Word], lexicon: Lexicon) -> list[tuple[str, float, str]] | None:
    """(kind, x, folded heading) of every heading phrase of ``words``; None when a word is
    no column heading."""
    table = lexicon.goal_tables[0]
    found, i = [], 0
    while i < len(words):
        if not any(ch.isalpha() for ch in words[i].text) or _heading_debris(words[i].text) or \
                _speck_apart(words, i, table.exact):
            i += 1  # a year or date under a heading ("Status 31/12", "Resultat 2024"), or
            continue  # marks of a scan's speckle between headings ("Mål : NE SE Resultat")
        for n in (4, 3, 2, 1):
            phrase = fold(" ".join(w.text for w in words[i:i + n]))
            # One heading's words stand a word space apart, not a column gap ("Förväntat |
            # Utfall" are two headings, though "Förväntat utfall" is one).
            spread = any(b.x0 - a.x1 > TITLE_COLUMN_GAP * (b.bottom - b.top)
                         for a, b in zip(words[i:i + n], words[i + 1:i + n], strict=False))
            if len(words[i:i + n]) == n and not spread and phrase in table.exact:
                found.append((table.exact[phrase], words[i].x0, phrase))
                i += n
                break
        else:
            heading = _damaged_heading(words[i].text, table.exact)
            if heading is None:
                return None
            found.append((table.exact[heading], words[i].x0, heading))
            i += 1
    return found


def _damaged_heading(text: str, headings: dict[str, str]) -> str | None:
    """The one-word heading a word OCR damaged stands for: its look-alike glyphs the same
    ("Mai", "Resu1tat"), its last letter lost ("Må") or one read twice ("Mall"), or, a
    heading of HEADING_MIN_CHARS letters or more, HEADING_EDITS letters off ("Bedömnlng",
    "Staius", "Gesultat"; a long one, HEADING_LONG_CHARS letters, one more:
    "-oResultatmsl"), or its last letters cut off by a ruling line ("Måluppnåe") or its
    first ones lost ("ultat"); None when no heading, or two, are so like it."""
    read = fold(text)
    # Digits kept: "1" is a look-alike of "l".
    glyphs = glyph_fold("".join(c for c in unicodedata.normalize("NFKD", text.lower())
                                if not unicodedata.combining(c)).strip(".:"))
    like = {h for h in headings if " " not in h and (
        glyphs == glyph_fold(h) or
        (len(h) >= HEADING_MIN_CHARS and Levenshtein.distance(read, h) <= HEADING_EDITS) or
        # ... but the heading inflected ("Målsättningen", "Resultatmålen") is a word of prose.
        (len(h) >= HEADING_LONG_CHARS and Levenshtein.distance(read, h) <= HEADING_EDITS + 1
         and not read.startswith(h)) or
        # A long heading whose last letters a ruling line cut off ("Måluppnåe"), or whose
        # first letters a speck or the scan's edge took ("ultat" for "Resultat").
        (len(read) >= max(HEADING_MIN_CHARS, HEADING_CUT_SHARE * len(h)) and h.startswith(read)) or
        (len(read) >= max(HEADING_MIN_CHARS, HEADING_START_CUT_SHARE * len(h))
         and h.endswith(read)) or
        # A short heading's last letter lost ("Må" for "Mål"), or a letter read twice ("Mall").
        (len(read) >= 2 and len(read) == len(h) - 1 and h.startswith(read)) or
        _one_letter_doubled(read, h))}
    return like.pop() if len(like) == 1 else None


def _one_letter_doubled(read: str, heading: str) -> bool:
    """``read`` is ``heading`` with one of its letters read twice ("mall" for "mal": the
    ring of "å" read as the letter after it); a heading of three letters at least."""
    return len(heading) >= 3 and len(read) == len(heading) + 1 and any(
        read[k] == read[k + 1] and read[:k] + read[k + 1:] == heading for k in range(len(read) - 1))


# A heading word OCR damaged: (letters off it may be read, least letters of such a heading).
HEADING_EDITS = DIGITAL.counts.goal_heading_edits
HEADING_MIN_CHARS = DIGITAL.counts.goal_heading_min_chars
HEADING_LONG_CHARS = DIGITAL.counts.goal_heading_long_chars
HEADING_CUT_SHARE = DIGITAL.counts.goal_heading_cut_share
HEADING_START_CUT_SHARE = DIGITAL.counts.goal_heading_start_cut_share


def _heading_debris(text: str) -> bool:
    """Two capitals or fewer alone: what OCR reads in a scan's speckle or a ruling line
    between a goal table's headings ("NE", "SE"); no goal table's heading is so short."""
    return len(text) <= 2 and text.isalpha() and text.isupper()


# Signs a speck or a ruling line leaves around a short word OCR read in it.
_MARKS = ".,:;-_|"


def _speck_apart(words: list[Word], i: int, headings: dict[str, str]) -> bool:
    """Two letters or fewer, no heading's, standing a column gap from the word before: what
    OCR reads in a ruling line's crossing or a speck between two headings ("Mål  ae
    Resultat"); a short word of running text ("Mål i år") stands a word space apart."""
    text = words[i].text.strip(_MARKS)
    if i == 0 or not (0 < len(text) <= 2 and text.isalpha()) or _damaged_heading(text, headings):
        return False
    w, before = words[i], words[i - 1]
    return w.x0 - before.x1 > TITLE_COLUMN_GAP * (w.bottom - w.top)


def _title_column(words: list[Word], lexicon: Lexicon, height: float) -> int:
    """Words of a first column heading that titles the table with its insats ("Måluppfyllelse
    KRUS"), up to the next column's heading, a column gap away; 0 when the line does not open
    so ("Mål på ekonomisk nivå:" is a level line, not a title over a "Nivå" column)."""
    folded = [fold(w.text) for w in words]
    for title in lexicon.goal_words.title_columns:
        n = len(title.split())
        if " ".join(folded[:n]) != title:
            continue
        for end in range(n + 1, len(words)):
            gap = words[end].x0 - words[end - 1].x1
            if gap > TITLE_COLUMN_GAP * height and _headings(words[end:], lexicon) is not None:
                return end
    return 0


def _header(line: Line, lexicon: Lexicon, words: list[Word] | None = None
            ) -> list[tuple[str, float]] | None:
    """(column kind, x where it starts) when ``line`` (or ``words``, a heading over two
    lines) is a goal table's heading row."""
    words = line.words if words is None else words
    found = _headings(words, lexicon)
    if found is None:
        title = _title_column(words, lexicon, line.height)
        rest = _headings(words[title:], lexicon) if title else None
        if rest is None:
            return None  # a word that is no column heading: not a heading row
        found = [("goal", words[0].x0, ""), *rest]
    kinds = {k for k, _, _ in found}
    found = _indicator_target(found, lexicon)
    # "Mål | Resultat": a heading takes the kind the table lacks (lexicon fallbacks).
    for kind, headings in lexicon.goal_words.column_fallbacks.items():
        if kind in kinds:
            continue
        idx = [j for j, (k, _, h) in enumerate(found) if h in headings and k != "goal"]
        if idx:
            j = idx[-1] if kind == "status" else idx[0]
            found[j] = (kind, found[j][1], found[j][2])
            kinds = {k for k, _, _ in found}
    if "status" in kinds:
        # "Mål | Resultat | Kommentar": a status-like heading beside the status column is a
        # result column, whose status word counts when the status cell has none.
        like = lexicon.goal_words.column_fallbacks.get("status", frozenset())
        found = [("result" if k == "activity" and h in like else k, x, h) for k, x, h in found]
    out: list[tuple[str, float]] = []
    for kind, x, _ in found:
        if kind not in (k for k, _ in out):
            out.append((kind, x))
    if "goal" in kinds and len(kinds) >= 2:
        return out
    return None


def goal_heading_row(line: Line, lexicon: Lexicon) -> bool:
    """Whether ``line`` is a goal table's heading row ("Mål | Måluppfyllelse")."""
    return _header(line, lexicon) is not None


def goals_in_form(section: Section, lexicon: Lexicon) -> list[Goal]:
    """Goals of a goal table inside an insats's form, whose own title ("Måluppfyllelse för
    KRUS") OCR destroyed (a ruling line through it): from the first heading row that names
    a goal column in so many words ("Mål | Status"; not an "Indikator | Utfall" of counts),
    each goal the form's insats. None without such a row."""
    goal_heads = lexicon.goal_words.column_fallbacks.get("goal", frozenset())
    for i, line in enumerate(section.lines[1:], 1):
        found = _headings(line.words, lexicon)
        if found and any(k == "goal" and h not in goal_heads for k, _, h in found) and \
                goal_heading_row(line, lexicon):
            return parse_goals(replace(section, kind="maluppfyllelse", lines=section.lines[i:]),
                               lexicon)
    return []


def _indicator_target(found: list[tuple[str, float, str]], lexicon: Lexicon
                      ) -> list[tuple[str, float, str]]:
    """"Indikator | Mål | Utfall": an indicator heading left of the goal heading makes the
    indicator the goal and "Mål" its target value (lexicon ``[goals.column_fallbacks]``)."""
    fb = lexicon.goal_words.column_fallbacks
    targets, goals = fb.get("target", frozenset()), fb.get("goal", frozenset())
    if any(k == "target" for k, _, _ in found):
        return found
    for j, (kind, _, head) in enumerate(found):
        if kind == "goal" and head in targets and any(h in goals for _, _, h in found[:j]):
            first = next(i for i, (_, _, h) in enumerate(found[:j]) if h in goals)
            out = list(found)
            out[first] = ("goal", found[first][1], found[first][2])
            out[j] = ("target", found[j][1], found[j][2])
            return out
    return found


def _column_of(word: Word, starts: list[tuple[str, float]]) -> int:
    idx = 0
    for i, (_, x) in enumerate(starts):
        if word.x0 >= x - COLUMN_SLACK:
            idx = i
    # OCR of a poor scan may box a word a little left of where it stands ("deltagarna" 8 pt
    # into the column before): a word lying mostly in the next column belongs to it.
    if idx + 1 < len(starts):
        overhang, width = starts[idx + 1][1] - word.x0, word.x1 - word.x0
        if word.x1 > starts[idx + 1][1] and overhang < min(SHIFTED_WORD_SHARE * width,
                                                           SHIFTED_WORD_HEIGHTS * word.height):
            idx += 1
    return idx


# A word wider than this many text heights a character was boxed wider than it is printed.
STRETCHED_WIDTH = DIGITAL.counts.goal_stretched_width
# A word is taken as boxed too far left when less than this share of it (it lies mostly in
# the next column), and less than this many text heights, stand left of the next column.
SHIFTED_WORD_SHARE = DIGITAL.counts.goal_shifted_share
SHIFTED_WORD_HEIGHTS = DIGITAL.counts.goal_shifted_heights


def _crosses(word: Word, starts: list[tuple[str, float]]) -> bool:
    """A word running over the start of the next column: prose below the table. A word OCR
    boxed far wider than its letters ("mandatperioden" stretched over two columns) says
    nothing of where it stands."""
    if word.x1 - word.x0 > STRETCHED_WIDTH * word.height * max(len(word.text), 1):
        return False
    i = _column_of(word, starts)
    return i + 1 < len(starts) and word.x1 > starts[i + 1][1] + COLUMN_SLACK


# A word boxed this many times wider per letter than its line's words are was boxed with a
# ruling line's pixels ("Nästan" boxed from 20 pt left of its column).
SWOLLEN_WORD = DIGITAL.counts.goal_swollen_word
SPECK_CHARS = DIGITAL.counts.goal_speck_chars


def _unswollen(words: list[Word], starts: list[tuple[str, float]],
               known: frozenset[str] | None = None) -> list[Word]:
    """The line's words, one that runs over a column start only because OCR boxed it with a
    ruling line's pixels taken at its letters' width, from its right end; with ``known`` (the
    short words goals print), one of two letters that is none of them goes: a speck's blot."""
    pitch = sorted((w.x1 - w.x0) / len(w.text) for w in words if len(w.text) >= 3)
    if not pitch:
        return words
    median = pitch[len(pitch) // 2]
    out = []
    for w in words:
        spans = any(w.x0 < x - COLUMN_SLACK and w.x1 > x + COLUMN_SLACK for _, x in starts[1:])
        if spans and w.text and (w.x1 - w.x0) / len(w.text) > SWOLLEN_WORD * median:
            if known is not None and _is_blot(w.text, known):
                continue  # a speck's blot read as letters ("ee" over 40 pt): no word at all
            w = replace(w, x0=w.x1 - len(w.text) * median)
        out.append(w)
    return out


def _is_blot(text: str, known: frozenset[str]) -> bool:
    """Two letters or fewer that are no short word goals print ("ee", not "Ej" of "Ej
    uppfyllt" boxed with a ruling line, nor a goal's number "2."): what OCR reads in a blot."""
    text = text.strip(_MARKS)
    return len(text) <= SPECK_CHARS and text.isalpha() and fold(text) not in known


SWOLLEN_HEADING = DIGITAL.counts.goal_swollen_heading
HEAD_PITCH_ROWS = DIGITAL.counts.goal_head_pitch_rows  # rows under a heading row that show its columns


def _head_words(line: Line, below: list[Line], lexicon: Lexicon) -> list[Word] | None:
    """A heading row's words, one OCR boxed with a ruling line's or a speck's pixels
    ("Resultat" boxed from 70 pt left of its column, the column then taking the goals' last
    words) starting where the words under it line up: the left edge most rows below share
    within its box; cut to its letters' width from its right end when none do. A heading
    read without its first letters starts where they stood, when the rows below say so.
    None for a line that reads as no heading row (``_header`` needs not look at it)."""
    below = [ln for ln in below if ln.page == line.page]
    pitch = sorted((w.x1 - w.x0) / len(w.text) for ln in below for w in ln.words if len(w.text) >= 3)
    # Most lines read as no heading row: neither the edge searches nor _header's own reading.
    if _headings(line.words, lexicon) is None and not _title_column(line.words, lexicon, line.height):
        return None
    if not pitch:
        return line.words
    median = pitch[len(pitch) // 2]
    out: list[Word] = []
    for w in line.words:
        if out and (edge := _stronger_edge(below, max(out[-1].x1, w.x0 - SNAP_REACH * line.height),
                                           w)) is not None:
            # A heading boxed right of where its column's words line up ("Mål" read "mat"
            # 35 pt right of the goals' left edge, the goals' first words then left out).
            w = replace(w, x0=edge)
        elif (lost := _lost_start(w.text, lexicon)) and \
                (edge := _gap_led_edge(below, w.x0 - (LOST_LETTER_WIDTHS * lost + 1) * median,
                                       w.x0)) is not None:
            # A heading read without its first letters ("ultat") starts where its column's
            # words do, left of it by those letters (at up to LOST_LETTER_WIDTHS letters'
            # width each, and a space: a bold heading, a speck's blot that took them).
            w = replace(w, x0=edge)
        elif len(w.text) >= 2 and (w.x1 - w.x0) / len(w.text) > SWOLLEN_HEADING * median:
            edge = _aligned_edge(below, w.x0 - COLUMN_SLACK, w.x1)
            if edge is not None:
                w = replace(w, x0=edge)
            elif len(w.text) >= 3:
                w = replace(w, x0=w.x1 - len(w.text) * median)
        out.append(w)
    return out


def _lines_at(lines: list[Line], x: float) -> int:
    """How many of ``lines`` have a word starting at ``x`` (within half the column slack)."""
    return sum(any(abs(w.x0 - x) <= COLUMN_SLACK / 2 for w in ln.words) for ln in lines)


def _stronger_edge(lines: list[Line], left: float, head: Word) -> float | None:
    """A left edge right of ``left`` and a column slack short of a heading's start where more
    rows below start a cell that runs on under the heading (``_runs_under``) than start a
    word at any edge under the heading's own box, SNAP_ROWS at least: where the heading's
    column starts (the edge of the most rows, the leftmost of equals). A column of its own
    left of the heading (an unheaded target column, "40 %") runs on under no heading."""
    xs = sorted({w.x0 for ln in lines for w in ln.words if left < w.x0 < head.x0 - COLUMN_SLACK})
    found = max(((sum(_runs_under(ln, x, head.x0) for ln in lines), -x) for x in xs), default=None)
    own = max((_lines_at(lines, w.x0) for ln in lines for w in ln.words
               if head.x0 - COLUMN_SLACK <= w.x0 <= head.x1), default=0)
    if found is None or found[0] < SNAP_ROWS or found[0] <= own:
        return None
    return -found[1]


def _runs_under(line: Line, x: float, until: float) -> bool:
    """Whether ``line`` has a word starting at ``x`` whose cell runs on, a word space at a
    time, to a word reaching ``until`` (a column slack short of it)."""
    words = sorted(line.words, key=lambda w: w.x0)
    k = next((i for i, w in enumerate(words) if abs(w.x0 - x) <= COLUMN_SLACK / 2), None)
    if k is None:
        return False
    while words[k].x1 < until - COLUMN_SLACK:
        if k + 1 == len(words) or words[k + 1].x0 - words[k].x1 > TITLE_COLUMN_GAP * line.height:
            return False
        k += 1
    return True


SNAP_REACH = DIGITAL.counts.goal_head_snap_reach
LOST_LETTER_WIDTHS = DIGITAL.counts.goal_lost_letter_widths
SNAP_ROWS = DIGITAL.counts.goal_head_snap_rows


def _lost_start(text: str, lexicon: Lexicon) -> int:
    """How many first letters of its column heading a word lost ("ultat": 3 of "Resultat");
    0 for a heading read whole or a word that is none."""
    headings = lexicon.goal_tables[0].exact
    read = fold(text)
    if read in headings:
        return 0
    heading = _damaged_heading(text, headings)
    return len(heading) - len(read) if heading and heading.endswith(read) else 0


def _gap_led_edge(lines: list[Line], left: float, right: float) -> float | None:
    """Where a column starts between ``left`` and ``right``: the leftmost of the words there
    that open a cell, a column gap after the word before them, on two lines at least (a
    skewed scan's rows need not line up to a point); None on fewer."""
    found = [x for ln in lines if (x := min(
        (w.x0 for a, w in pairwise(ln.words)
         if left <= w.x0 <= right and w.x0 - a.x1 > TITLE_COLUMN_GAP * ln.height),
        default=None)) is not None]
    return min(found) if len(found) >= 2 else None


def _aligned_edge(lines: list[Line], left: float, right: float) -> float | None:
    """The left edge between ``left`` and ``right`` the most of ``lines`` (two at least) have
    a word start at, the leftmost of equals; None when no two lines line up there."""
    starts = sorted(w.x0 for ln in lines for w in ln.words if left <= w.x0 <= right)
    best: tuple[int, float] | None = None
    for x in starts:
        n = _lines_at(lines, x)
        if n >= 2 and (best is None or n > best[0]):
            best = (n, x)
    return None if best is None else best[1]


def _segments(lines: list[Line], starts: list[tuple[str, float]],
              known: frozenset[str] | None = None) -> dict[str, list[_Segment]]:
    """The table's cells, line by line, column by column, up to prose below it; ``known``:
    see ``_unswollen``."""
    out: dict[str, list[_Segment]] = {k: [] for k, _ in starts}
    prev: Line | None = None
    for line in lines:
        line = replace(line, words=_unswollen(line.words, starts, known))
        if any(_crosses(w, starts) for w in line.words):
            break
        # A wide blank on the same page ends the table (what follows is a footer or prose).
        if prev is not None and line.page == prev.page and \
                line.top - prev.bottom > TABLE_END_GAP * line.height:
            break
        prev = line
        by_col: dict[int, _Segment] = {}
        for w in line.words:
            i = _column_of(w, starts)
            by_col.setdefault(i, _Segment(line.page, line.top, line.height)).words.append(w)
        for i, seg in sorted(by_col.items()):
            out[starts[i][0]].append(seg)
    return out


def _is_mark(word: str) -> bool:
    """A lone sign where a bullet stands: OCR reads "•" as "«", "»", "¢", "e", or as two
    signs ("»«") ..."""
    return 0 < len(word) <= MARK_CHARS and not any(c.isalnum() for c in word)


# OCR reads a bullet as at most this many signs.
MARK_CHARS = DIGITAL.counts.goal_mark_chars


# A sign OCR read where no bullet stands (a scan's upright ruling line read as "|") lies
# further right than this many text heights from the goal column's left edge.
MARK_REACH = DIGITAL.counts.goal_mark_reach


def _stray_mark(seg: _Segment, column: list[_Segment], bullets: set[str]) -> bool:
    """A goal column's segment that is a lone sign OCR read inside the column, right of where
    its lines start ("|" of a ruling line): no bullet, no goal text."""
    if len(seg.words) != 1 or not _is_mark(seg.words[0].text) or seg.words[0].text in bullets:
        return False
    left = min(s.words[0].x0 for s in column)
    return seg.words[0].x0 > left + MARK_REACH * seg.height


def _is_bullet(seg: _Segment, bullets: set[str]) -> bool:
    first = seg.words[0].text
    return first in bullets or first[:1] in bullets - {"-", "–"} or \
        bool(_NUMBER_RE.match(first)) or _is_mark(first)


def _strip_bullet(text: str, bullets: set[str]) -> str:
    first, _, rest = text.partition(" ")
    if first in bullets or _NUMBER_RE.match(first) or _is_mark(first):
        return rest
    if first[:1] in bullets:
        return text[1:].lstrip()
    return text


def _blocks(segs: list[_Segment]) -> list[list[_Segment]]:
    """Runs of segments without a blank line between them."""
    out: list[list[_Segment]] = []
    for seg in segs:
        prev = out[-1][-1] if out else None
        if prev and prev.page == seg.page and seg.top - prev.top <= PARAGRAPH_PITCH * prev.height:
            out[-1].append(seg)
        else:
            out.append([seg])
    return out


IMPLAUSIBLE_SHARE = OCR.confidence.implausible_share


def _implausible_share(outcome: float | None, words: list[Word]) -> bool:
    """An outcome over 100 % that OCR read as the share of a count no larger than its whole
    ("41 av 56 avslutade deltagare, 713%" for 73 %: a speck taken for a digit): doubtful, a
    misreading likelier than a misprint. A goal met over its target ("124 % av målet") and a
    digital report's figures are as printed."""
    if outcome is None or outcome <= 100 or not any(w.confidence < 1 for w in words):
        return False
    shares = [(int(a), int(b)) for a, b in SHARE_OF_RE.findall(" ".join(w.text for w in words))]
    return any(0 < whole and part <= whole for part, whole in shares)


def _pct(text: str, last: bool = False) -> float | None:
    found = _PCT_RE.findall(text)
    if not found:
        return None
    return float((found[-1] if last else found[0]).replace(",", "."))


def status_of(text: str, lexicon: Lexicon) -> tuple[str, str]:
    """(status, comment) of a status cell; ``okand`` when no status phrase is printed."""
    status, comment, _ = status_match(text, lexicon)
    return status, comment


def status_match(text: str, lexicon: Lexicon) -> tuple[str, str, str]:
    """(status, comment, key_match) of a status cell. The first status phrase of the cell
    counts (the longest at its place: "i stort uppnått", not "uppnått"); where none is
    printed exactly, an OCR-damaged one is taken at its similarity; else ``okand``,
    ``unkeyed``, the text kept as the comment."""
    mended, fixed = _mend(text, lexicon)
    found = _status_found(mended, lexicon)
    if found is None:
        return "okand", text.strip(), "unkeyed"
    status, i, n, how, _ = found
    if how == "exact" and fixed & set(range(i, i + n)):
        how = key_match(GLYPH_MATCH_SCORE)  # read through mended words: never exact
    return status, _comment(mended.split(), i, n, lexicon), how


def _mend(text: str, lexicon: Lexicon) -> tuple[str, set[int]]:
    """``text`` with status words OCR split or glued put right against the status vocabulary
    (a word of the lexicon's status phrases): two pieces joined when together they are a
    status word and no phrase has them as two words ("upp nått", "upp- nått", "in te", "Del
    vis");
    a word that is two consecutive words of a phrase run together split ("Ejuppfyllt",
    "DELVISUPPNÅTT"); and the indices of the words so mended (a status read through them was
    recovered, not read as printed)."""
    vocab, glued = lexicon.goal_status_words, lexicon.goal_status_glued
    words, out, fixed, i = text.split(), [], set(), 0
    while i < len(words):
        f = fold(words[i])
        nxt = fold(words[i + 1]) if i + 1 < len(words) else ""
        if f and nxt and " " not in f + nxt and f + nxt in vocab and glued.get(f + nxt) != (f, nxt):
            fixed.add(len(out))
            out.append(words[i].rstrip("-­") + words[i + 1])
            i += 2
            continue
        pair = glued.get(f) or _glued_like(f, glued) if f not in vocab else None
        if pair and fold(words[i][:len(pair[0])]) == pair[0]:
            fixed |= {len(out), len(out) + 1}
            cut = len(pair[0])
            out += [words[i][:cut], words[i][cut:]]
        else:
            out.append(words[i])
        i += 1
    return " ".join(out), fixed


def _glued_like(folded: str, glued: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The two status words a long word OCR glued and damaged a letter of stands for
    ("Ejuppiyllt": "ej", "uppfyllt"); None when none, or two, are so like it."""
    if len(folded) < GLUED_MIN_CHARS:
        return None
    like = {v for k, v in glued.items() if k[:len(v[0])] == folded[:len(v[0])]
            and Levenshtein.distance(k, folded) <= HEADING_EDITS}
    return like.pop() if len(like) == 1 else None


# A glued word this long (letters) may be read with a letter off.
GLUED_MIN_CHARS = DIGITAL.counts.goal_glued_min_chars


def _status_found(text: str, lexicon: Lexicon) -> tuple[str, int, int, str, str] | None:
    """(status, first word, words, key_match, lexicon phrase) of the status phrase
    ``status_match`` takes."""
    words = text.split()
    folded = [fold(w) for w in words]
    phrases = lexicon.goal_status_phrases
    for i in range(len(words)):
        if not folded[i]:
            continue
        for phrase, status in phrases:
            n = len(phrase.split())
            if " ".join(f for f in folded[i:i + n] if f) == phrase:
                longer = _damaged_longer(words, folded, i, phrase, lexicon)
                if longer:
                    status, i, n, score, phrase = longer
                    return status, i, n, key_match(score), phrase
                return status, i, n, "exact", phrase
    fuzzy = _fuzzy_status(folded, lexicon)
    if fuzzy:
        status, i, n, score, phrase = fuzzy
        return status, i, n, key_match(score), phrase
    return None


def status_doubtful(text: str, lexicon: Lexicon) -> bool:
    """Whether the status read in an OCR'd cell may stand for another, because OCR may have
    damaged or lost the word that qualifies it: a negation or "Delvis" lost must not flip the
    meaning. Doubtful: a phrase whose first word OCR damaged, when the words after it are a
    phrase of another status ("Ei uppnått", "Dclvis uppfyllt"); a phrase that is the ending
    of a longer phrase of another status ("uppnått" of "ej uppnått", "uppfyllt" of "delvis
    uppfyllt") and opens the cell in lower case (the qualifier's word or line was lost) or
    follows debris or a short unknown token ("| uppnått", "E) uppfyllt")."""
    text, fixed = _mend(text, lexicon)
    found = _status_found(text, lexicon)
    if found is None:
        return False
    status, i, n, how, matched = found
    if fixed & set(range(i, i + n)):
        return True
    words = text.split()
    folded = [fold(w) for w in words]
    # The lexicon's phrase, not the words read: "Ej uppnå" is "uppnått" read short.
    phrase = matched.split()
    by_phrase = dict(lexicon.goal_status_phrases)
    # ... or its first words read as one ("tstort uppnått": "I stort", a letter off).
    joined = len(words[i:i + n]) < len(phrase)
    for k in range(1, len(phrase) if joined else 2) if how != "exact" else ():
        rest = " ".join(phrase[k:])
        other = by_phrase.get(rest)
        if other is not None and other != status and \
                fold(words[i]) not in _phrase_heads(status, rest, lexicon):
            return True
    tail = " ".join(phrase)
    if not any(s != status and p.endswith(" " + tail) for p, s in lexicon.goal_status_phrases):
        return False
    frame = lexicon.goal_words.status_frame
    before = [(w, f) for w, f in zip(words[:i], folded[:i], strict=True) if f not in frame]
    if not before:
        return words[i][:1].islower()
    word, f = before[-1]
    heads = {p[:-len(tail) - 1].replace(" ", "") for p, s in lexicon.goal_status_phrases
             if s != status and p.endswith(" " + tail)}
    # A word like the qualifier of a longer phrase ("Istort", "Dehis") may be it, damaged.
    like = any(fuzz.ratio(f.replace(" ", ""), h) >= QUALIFIER_LIKE for h in heads)
    return _is_debris(word, f) or len(f) <= SHORT_TOKEN or like


def _phrase_heads(status: str, rest: str, lexicon: Lexicon) -> set[str]:
    """The words before ``rest`` in ``status``'s phrases that end in it ("ej" of "ej
    uppnått", "inte" of "inte uppnått")."""
    return {phrase[:-len(rest) - 1].split()[-1] for phrase, s in lexicon.goal_status_phrases
            if s == status and phrase.endswith(" " + rest)}


def _is_debris(word: str, folded: str) -> bool:
    """A token OCR made of a lost letter ("|" or "l" for "I"): no letters, or one that is no
    word of its own."""
    return not folded or (len(word) == 1 and word.lower() not in "iåäö")


def _damaged_longer(words: list[str], folded: list[str], i: int, phrase: str,
                    lexicon: Lexicon) -> tuple[str, int, int, float] | None:
    """(status, first word, words read, score) of a longer status phrase that ends in the exact
    ``phrase`` at ``i`` and whose first words OCR damaged: into debris ("| stort sett
    uppnått" is "I stort sett uppnått", not "uppnått"), a one-letter first word lost ("stort
    sett uppnått"), or a letter off ("Ei uppnått" is "Ej uppnått", "Dclvis uppnått" "Delvis
    uppnått"); None when the words before are no damaged words of a longer phrase. The
    qualifier's words are compared on their own, so the shared ending never lends them its
    similarity."""
    n = len(phrase.split())
    best: tuple[str, int, int, float, str] | None = None
    for longer, status in lexicon.goal_status_phrases:
        m = len(longer.split())
        if m <= n or not longer.endswith(" " + phrase):
            continue
        head = longer.split()[:m - n]
        start = _damaged_start(words, folded, i, head)
        if start is None:
            start = i - len(head)
            # A letter off, not another word: OCR keeps a damaged qualifier's first letter
            # ("Ei", "Dclvis"); "Ja uppnått" is yes, not "Ej uppnått".
            if start < 0 or not _qualifier_like(folded[start], head[0]) or \
                    fuzz.ratio(" ".join(folded[start:i]), " ".join(head)) < \
                    lexicon.goal_words.status_similarity - QUALIFIER_SLACK:
                continue
        score = fuzz.ratio(" ".join(f for f in folded[start:i + n] if f), longer)
        if score >= lexicon.goal_words.status_similarity and (best is None or score > best[3]):
            # The words read, not the phrase's: a head read as one word or without its
            # first letter-word is fewer ("tstort uppnått" is two words of three).
            best = (status, start, i + n - start, score, longer)
    return best


def _qualifier_like(read: str, head: str) -> bool:
    """Whether a word read where a qualifier stands may be it, a letter off: its first letter
    kept, or OCR's look-alike of it ("lnte" for "inte"); a word as short as "ej" may have
    lost either letter ("cj", "Fj", "e]"), not both ("Ja uppnått" is yes)."""
    if not read:
        return False
    if glyph_fold(read[:1]) == glyph_fold(head[:1]):
        return True
    return len(head) <= SHORT_TOKEN and one_letter_off(read, head)


def _damaged_start(words: list[str], folded: list[str], i: int, head: list[str]) -> int | None:
    """Where the damaged ``head`` of a longer status phrase starts before word ``i``: its
    words read with debris among them, or all but a lost first letter-word ("I" of "I stort
    sett", too faint to read) read exactly; None when neither."""
    start = i - len(head)
    if start >= 0 and any(_is_debris(w, f) for w, f in zip(words[start:i], folded[start:i], strict=True)):
        return start
    joined = "".join(head)
    if len(head) >= 2 and i >= 1 and (folded[i - 1] == joined or (
            len(joined) >= JOINED_HEAD_MIN_CHARS and one_letter_off(folded[i - 1], joined))):
        return i - 1  # the head's words read as one ("Istort uppnått"), a letter off ("tstort")
    if len(head) >= 2 and len(head[0]) == 1 and start + 1 >= 0 and folded[start + 1:i] == head[1:]:
        return start + 1
    return None


def _comment(words: list[str], i: int, n: int, lexicon: Lexicon) -> str:
    # "Målet är i stort uppnått": the frame words before the phrase go too.
    frame = lexicon.goal_words.status_frame
    before = [w for w in words[:i] if fold(w) not in frame]
    return " ".join(before + words[i + n:]).strip(" .,:;-–")


def _fuzzy_status(folded: list[str], lexicon: Lexicon) -> tuple[str, int, int, float, str] | None:
    """(status, first word, words, score, phrase) of the most similar long status phrase
    ("Uppfylt", "Delvis uppnatt"), or of a longer one that also reaches the similarity over
    the same words and more ("Ej uppnå" is "ej uppnått", not "uppnått" read short); short
    phrases ("nått", "röd") only count when printed exactly."""
    gw = lexicon.goal_words
    found: list[tuple[str, int, int, float, str]] = []
    for phrase, status in lexicon.goal_status_phrases:
        if len(phrase.replace(" ", "")) < gw.status_fuzzy_min_chars:
            continue
        n = len(phrase.split())
        for i in range(len(folded) - n + 1):
            if not folded[i]:
                continue
            text = " ".join(f for f in folded[i:i + n] if f)
            # Look-alike glyphs ("Uppfylit") count as the letters they stand for, but the
            # match stays fuzzy: the letters were read otherwise.
            score = max(fuzz.ratio(text, phrase),
                        min(fuzz.ratio(glyph_fold(text), glyph_fold(phrase)), GLYPH_MATCH_SCORE))
            if score >= gw.status_similarity:
                found.append((status, i, n, score, phrase))
    if not found:
        return None
    best = max(found, key=lambda f: f[3])
    over = [f for f in found if f[1] <= best[1] and f[1] + f[2] >= best[1] + best[2]]
    return max(over, key=lambda f: (f[2], f[3]))


# A longer phrase's first words read as one word ("tstort" of "I stort uppnått") may be a
# letter off when they are this many letters at least.
JOINED_HEAD_MIN_CHARS = DIGITAL.counts.goal_joined_head_min_chars
# A damaged qualifier ("Ei" for "Ej", "Dclvis" for "Delvis") is short: compared on its own
# it may score this many points under status_similarity (one letter of "ej" is half of it);
# the whole phrase must still reach status_similarity.
QUALIFIER_SLACK = DIGITAL.counts.goal_qualifier_slack
# A status read through look-alike glyphs scores at most this: never "exact".
GLYPH_MATCH_SCORE = DIGITAL.counts.goal_glyph_score
# A token this short (letters) before a status phrase may be its damaged qualifier ("E)").
SHORT_TOKEN = DIGITAL.counts.goal_short_token
# A word before a status phrase this similar (0-100) to the qualifier of a longer phrase of
# another status may be that qualifier, damaged: the status is doubtful.
QUALIFIER_LIKE = DIGITAL.counts.goal_qualifier_like_score


def _level(text: str, lexicon: Lexicon, whole: bool = False) -> str | None:
    """The level a text names; ``whole``: the text must be the level's name and nothing else
    (a line in the goal column), not merely contain it (the level column's "Mål på ...")."""
    table = lexicon.goal_tables[1]
    hit = table.match(text)
    if hit or whole:
        return hit[0] if hit else None
    return table.contained(text)


def _within(seg: _Segment, start: tuple[int, float], end: tuple[int, float] | None) -> bool:
    slack = 0.5 * seg.height
    after = (seg.page, seg.top + slack) >= start
    return after and (end is None or (seg.page, seg.top + slack) < end)


def legend_table(section: Section, lexicon: Lexicon) -> bool:
    """Whether an untitled section holds a goal table of symbols: a legend line explaining
    them and a goal table's heading row (OCR lost the page's title, "Måluppfyllelse")."""
    lines = section.lines
    return any(_legend_keys(ln, lexicon) for ln in lines) and any(_header(ln, lexicon) for ln in lines)


def parse_goals(section: Section, lexicon: Lexicon) -> list[Goal]:
    """Goals of a måluppfyllelse section; a section titled with an insats ("Måluppfyllelse
    KRUS") gives its goals that insats."""
    goals = _parse_goals(section, lexicon)
    if section.kind == "maluppfyllelse" and section.title:
        for g in goals:
            g.insats = section.title
    return goals


def _parse_goals(section: Section, lexicon: Lexicon) -> list[Goal]:
    bullets = set(lexicon.goal_words.bullets)
    goals: list[Goal] = []
    # A legend's lines explain the symbols; they are no goals, wherever they stand.
    legend, legend_lines = _legend(section.lines, lexicon)
    keys = [(ln, k) for ln in section.lines if (k := _legend_keys(ln, lexicon))]
    legend_lines |= {id(ln) for ln, _ in keys}
    # A legend of words ("Grön = Uppnått") is a table's legend too, with no keys to match ink
    # with: the table beside it takes none of another table's keys.
    keyed = {id(ln) for ln, _ in keys}
    legends = keys + [(ln, []) for ln in section.lines if id(ln) in legend_lines and id(ln) not in keyed]
    lines = [ln for ln in section.lines if id(ln) not in legend_lines]
    heads: list[tuple[int, list[tuple[str, float]]]] = []
    fallback_goal: set[int] = set()  # heading rows whose goal column a fallback heading named
    for i, line in enumerate(lines):
        words = _head_words(line, lines[i + 1:i + 1 + HEAD_PITCH_ROWS], lexicon)
        s = _header(line, lexicon, words) if words is not None else None
        if s is None and i and _stacked(lines[i - 1], line) and \
                not (heads and heads[-1][0] == i - 1):
            words = _stack_words(lines[i - 1], line)
            s = _header(line, lexicon, words)
        if s:
            heads.append((i, s))
            if _goal_by_fallback(words if words is not None else line.words, lexicon):
                fallback_goal.add(i)
    if not heads:
        implied = _implied_header(lines, lexicon, bool(keys))
        if implied is None:
            return _goals_with_status_lines(lines, lexicon, bullets) or \
                goal_list(lines, lexicon, bullets)
        heads = [implied]
    elif keys and (implied := _implied_header(lines[:heads[0][0]], lexicon, True)) is not None:
        # A table of symbols over the first heading row read, its own heading row destroyed.
        heads.insert(0, implied)
    # Each heading row starts a table that runs to the next heading row (or to prose).
    for k, (i, starts) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        if i in fallback_goal:
            starts = _unheaded_goal(lines[i + 1:end], starts)
        starts = _unheaded_column(lines[i + 1:end], starts)
        segs = _segments(lines[i + 1:end], starts, lexicon.goal_words.short_words)
        if _textual_target(segs):
            # "Aktivitet | Mål | Status" with goals, not values, under "Mål": the goal
            # column after all, the one before it the activity.
            starts = [("goal" if k == "target" else "activity" if k == "goal" else k, x)
                      for k, x in starts]
            segs = _segments(lines[i + 1:end], starts, lexicon.goal_words.short_words)
        table = _goals_of(segs, lexicon, bullets, _status_span(starts, segs), legend, bool(keys))
        goals += _with_keys(table, lines[i], legends)
    return goals


LOST_COLUMN_GAP = DIGITAL.counts.goal_lost_column_gap
LOST_COLUMN_ROWS = DIGITAL.counts.goal_lost_column_rows
LOST_COLUMN_FROM_GOAL = DIGITAL.counts.goal_lost_column_from_goal


def _unheaded_column(lines: list[Line], starts: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The starts with an activity column whose heading OCR lost ("Resultatmål | Mål |
    Måluppnåelse" read of a four-column heading): the activity's words would be read into
    the goal's text. Found where the rows' words line up after the goal column's, each a
    column gap after the word before it, and no row's word runs over that edge."""
    kinds = [k for k, _ in starts]
    if "activity" in kinds or "result" in kinds or "goal" not in kinds:
        return starts
    g = kinds.index("goal")
    right = starts[g + 1][1] - COLUMN_SLACK if g + 1 < len(starts) else float("inf")
    x = _lost_column(_table_rows(lines, starts), starts[g][1], right)
    return starts if x is None else [*starts[:g + 1], ("activity", x), *starts[g + 1:]]


def _goal_by_fallback(words: list[Word], lexicon: Lexicon) -> bool:
    """Whether a heading row names its goal column only through a fallback heading ("Aktivitet"
    of "Resultatmål | Aktivitet | Måluppnåelse", its "Mål" lost)."""
    found = _headings(words, lexicon)
    fallbacks = lexicon.goal_words.column_fallbacks.get("goal", frozenset())
    return found is not None and not any(k == "goal" for k, _, _ in found) and \
        any(h in fallbacks for _, _, h in found)


def _unheaded_goal(lines: list[Line], starts: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The starts with the goal column whose heading OCR lost whole, where a fallback heading
    took the goal's place ("Resultatmål | Mål | Aktivitet | Måluppnåelse" read without
    "Mål"): a column of rows lined up between the column before and the fallback's is the
    goal, and the fallback heading an activity again (else the förbund's goals were stored
    with their activities' text)."""
    kinds = [k for k, _ in starts]
    if "goal" not in kinds or kinds.index("goal") == 0 or "activity" in kinds:
        return starts
    g = kinds.index("goal")
    rows = _table_rows(lines, starts)
    x = _lost_column(rows, starts[g - 1][1], starts[g][1] - COLUMN_SLACK)
    if x is None or not _worded_at(rows, x):
        return starts
    return [*starts[:g], ("goal", x), ("activity", starts[g][1]), *starts[g + 1:]]


def _worded_at(rows: list[Line], x: float) -> bool:
    """Whether most words starting at ``x`` are words (two letters or more), as a goal's
    lines are, not numbers ("1.1", "2": a numbering column before the goals)."""
    at = [w.text for ln in rows for w in ln.words if abs(w.x0 - x) <= COLUMN_SLACK]
    return 2 * sum(sum(ch.isalpha() for ch in t) >= 2 for t in at) > len(at)


def _lost_column(rows: list[Line], left: float, right: float) -> float | None:
    """Where a column whose heading OCR lost starts between ``left`` (a column's start) and
    ``right``: the x most of the table's rows (``_table_rows``) have a word at, each a column
    gap after the word before it (or the column's start), no row's word running over it."""
    edges: list[tuple[float, int]] = []
    for n, line in enumerate(rows):
        words = sorted(line.words, key=lambda w: w.x0)
        for before, w in zip([None, *words], words, strict=False):
            gap = w.x0 - (before.x1 if before is not None else left)
            if left + LOST_COLUMN_FROM_GOAL * w.height <= w.x0 < right and \
                    gap >= LOST_COLUMN_GAP * w.height:
                edges.append((w.x0, n))
    best: tuple[int, float] | None = None
    for x, _ in sorted(edges):
        n = len({row for e, row in edges if abs(e - x) <= COLUMN_SLACK})
        crossed = any(w.x0 < x - COLUMN_SLACK < w.x1 for ln in rows for w in ln.words)
        if n >= LOST_COLUMN_ROWS and not crossed and (best is None or n > best[0]):
            best = (n, x)
    return None if best is None else best[1]


def _table_rows(lines: list[Line], starts: list[tuple[str, float]]) -> list[Line]:
    """The lines of a table under its heading row, to where ``_segments`` ends it."""
    rows: list[Line] = []
    for line in lines:
        if any(_crosses(w, starts) for w in _unswollen(line.words, starts)) or (
                rows and line.page == rows[-1].page
                and line.top - rows[-1].bottom > TABLE_END_GAP * line.height):
            break
        rows.append(line)
    return rows


def _with_keys(goals: list[Goal], head: Line, keys: list[tuple[Line, list[tuple]]]) -> list[Goal]:
    """The goals of one table, those whose status cell is kept for the repair (a symbol OCR
    read, or nothing) with the keys of the table's legend: the legend line on the table's
    page nearest the table (over or under it)."""
    rows = [g for g in goals if g.page == head.page]
    if not rows:
        return goals
    bottom = max(g.bbox[3] for g in rows)
    near = [(max(ln.top - bottom, head.top - ln.bottom, 0.0), n) for n, (ln, _) in enumerate(keys)
            if ln.page == head.page]
    if not near:
        return goals
    mine = tuple(keys[min(near)[1]][1])
    if not mine:
        return goals
    return [replace(g, status_keys=mine) if g.status_cell is not None and g.page == head.page else g
            for g in goals]


def _textual_target(segs: dict[str, list[_Segment]]) -> bool:
    """A target column ("Indikator | Mål | Utfall") with no figure in it: it holds goals."""
    target = segs.get("target", [])
    return bool(target) and not any(ch.isdigit() for s in target for ch in s.text)


# Two heading lines of one row follow each other closer than this many text heights.
STACKED_GAP = DIGITAL.counts.goal_stacked_gap


def _stacked(upper: Line, lower: Line) -> bool:
    return upper.page == lower.page and 0 <= lower.top - upper.bottom < STACKED_GAP * lower.height


def _stack_words(upper: Line, lower: Line) -> list[Word]:
    """The words of a heading printed over two lines ("Bedömning av / måluppfyllelse", "Status
    / 31/12"), each column's upper words before its lower ones, columns left to right."""
    phrases: list[list[Word]] = []
    for w in lower.words:
        if phrases and w.x0 - phrases[-1][-1].x1 <= TITLE_COLUMN_GAP * lower.height:
            phrases[-1].append(w)
        else:
            phrases.append([w])
    columns: list[list[Word]] = []
    used: set[int] = set()
    for ph in phrases:
        above = [w for w in upper.words if min(w.x1, ph[-1].x1) - max(w.x0, ph[0].x0) > 0]
        used |= {id(w) for w in above}
        columns.append(above + ph)
    columns += [[w] for w in upper.words if id(w) not in used]
    columns.sort(key=lambda col: min(w.x0 for w in col))
    return [w for col in columns for w in col]


# A symbol run glued to its word ("●Uppnått"): split off; brackets and quotes stay on the word.
_GLUED_SYMBOL_RE = re.compile(r"^([^\w\s(\[\"'“”]+)(\w.*)$")
# A legend explains at least this many symbols (one "– Uppnått" line is a bullet and a word).
LEGEND_MIN_SYMBOLS = DIGITAL.counts.legend_min_symbols
# A legend of one symbol a line starts this near (text heights) the section's left margin.
LEGEND_MARGIN = DIGITAL.counts.legend_margin


def _is_symbol(text: str) -> bool:
    return bool(text) and not any(ch.isalnum() for ch in text)


def _tokens(words: list[str]) -> list[str]:
    out: list[str] = []
    for t in words:
        m = _GLUED_SYMBOL_RE.match(t)
        out += [m.group(1), m.group(2)] if m else [t]
    return out


def _legend_line(words: list[str], lexicon: Lexicon) -> dict[str, str] | None:
    """{symbol: status} of a legend line ("Förklaring: ● = Uppnått, ◐ = Delvis uppnått"):
    symbols, each followed by a status phrase printed exactly and nothing else; None when
    the line is anything more."""
    gw = lexicon.goal_words
    toks = _tokens(words)
    i = 0
    for n in (3, 2, 1):  # a lead word ("Förklaring:") may open the line
        if len(toks) > n and not any(_is_symbol(t) for t in toks[:n]) and \
                fold(" ".join(toks[:n])) in gw.legend_leads:
            i = n
            break
    seps = "".join(gw.legend_separators)

    def symbol_at(t: str) -> str | None:
        """The legend key of a token that is a symbol ("●", "+/-") or a colour ("Grön:")."""
        bare = t.rstrip(seps) or t
        if fold(bare) in gw.legend_symbol_words:
            return fold(bare)
        return bare if _is_symbol(bare) and t not in gw.legend_separators else None

    pairs: dict[str, str] = {}
    while i < len(toks):
        symbol = symbol_at(toks[i])
        if symbol is None:
            return None
        i += 1
        while i < len(toks) and toks[i] in gw.legend_separators:
            i += 1
        j = i
        while j < len(toks) and symbol_at(toks[j]) is None:
            j += 1
        status, comment, how = status_match(" ".join(toks[i:j]).strip(" ,;."), lexicon)
        if how != "exact" or comment.strip(" ,;.") or i == j:
            return None
        # One key for two meanings: OCR read two symbols alike ("◐" and "○" as "©").
        pairs[symbol] = status if pairs.get(symbol, status) == status else AMBIGUOUS
        i = j
    return pairs or None


def _legend_keys(line: Line, lexicon: Lexicon) -> list[tuple[str, int, float, float, float, float]]:
    """Where the keys of a legend line stand, each with the status it explains (status, page,
    x0, top, x1, bottom): read however OCR read its glyphs ("O = Ej uppnått", "© Delvis
    uppnått", "1 = Uppnått" for an arrow), or not at all ("= Ej uppnått": the key is the paper
    before the separator). A key is a word of no letters or digits, or of a character or two
    before a separator; each is followed by a status phrase printed exactly and nothing else,
    the line opens with a key or a legend's lead word. Empty when any of that fails, and for
    keys that are words (colours: a symbol's ink does not look like the word)."""
    gw = lexicon.goal_words
    words = line.words
    seps = gw.legend_separators

    def is_key(i: int) -> bool:
        t = words[i].text
        nxt = words[i + 1].text if i + 1 < len(words) else ""
        if t in seps and nxt in seps:
            return True  # a glyph read as a dash ("→" as "—") before its separator
        if t in seps or fold(t.rstrip("".join(seps))) in gw.legend_symbol_words:
            return False
        if _is_symbol(t):
            return True
        return sum(c.isalnum() for c in t) <= SHORT_TOKEN and len(t) <= SHORT_TOKEN + 1 \
            and (nxt in seps or t[-1:] in seps)

    keys: list[tuple[int, tuple[float, float, float, float]]] = []  # (phrase start, key box)
    for i, w in enumerate(words):
        if is_key(i):
            keys.append((i + 1, (w.x0, w.top, w.x1, w.bottom)))
        elif w.text in seps and i and not is_key(i - 1) and not is_key(i) and keys:
            # A separator after a phrase: OCR lost the key before it. Its box is the paper
            # between them, inset by the room the repair looks around a key with.
            pad = SYMBOL_KEY_PAD * (w.bottom - w.top)
            if w.x0 - words[i - 1].x1 > 2 * pad:
                keys.append((i + 1, (words[i - 1].x1 + pad, w.top, w.x0 - pad, w.bottom)))
    if len(keys) < LEGEND_MIN_SYMBOLS:
        return []
    first = keys[0][0] - 1
    lead = " ".join(w.text for w in words[:first]).strip(" :")
    if lead and fold(lead) not in gw.legend_leads:
        return []
    out = []
    for k, (i, box) in enumerate(keys):
        end = keys[k + 1][0] - 1 if k + 1 < len(keys) else len(words)
        phrase = " ".join(w.text for w in words[i:end] if w.text not in seps)
        status, comment, how = status_match(phrase.strip(" ,;.=:"), lexicon)
        if how != "exact" or comment.strip(" ,;.") or not phrase:
            return []
        out.append((status, line.page, *box))
    return out


# The repair looks for a legend key's ink this far (its heights) around its box.
SYMBOL_KEY_PAD = OCR.reread.symbol_key_pad


# A legend key OCR read for two symbols of different meanings explains neither.
AMBIGUOUS = ""


def _legend(lines: list[Line], lexicon: Lexicon) -> tuple[dict[str, str], set[int]]:
    """({symbol: status}, ids of the legend's lines) of a goal section; empty without one."""
    legend: dict[str, str] = {}
    found: set[int] = set()
    margin = min((ln.words[0].x0 for ln in lines if ln.words), default=0.0)
    for line in lines:
        pairs = _legend_line([w.text for w in line.words], lexicon)
        # One symbol and its status on a line of its own is a legend's line only at the
        # margin; further right it is a status cell ("• Uppnått" under the goal's text).
        if pairs and (len(pairs) > 1 or line.words[0].x0 <= margin + LEGEND_MARGIN * line.height):
            for key, status in pairs.items():
                legend[key] = status if legend.get(key, status) == status else AMBIGUOUS
            found.add(id(line))
    if len(legend) < LEGEND_MIN_SYMBOLS:
        return {}, set()
    return {k: v for k, v in legend.items() if v != AMBIGUOUS}, found


def _cell_status(text: str, lexicon: Lexicon, legend: dict[str, str] | None
                 ) -> tuple[str, str, str]:
    """(status, comment, key_match) of a status cell: its status phrase, else the legend's
    meaning of its symbol (both read as printed: an exact key)."""
    status, comment, how = status_match(text, lexicon)
    by_legend = _legend_status(text, legend) if legend and how == "unkeyed" else None
    return (*by_legend, "exact") if by_legend else (status, comment, how)


def _legend_status(text: str, legend: dict[str, str]) -> tuple[str, str] | None:
    """(status, comment) of a status cell that holds a legend's symbol ("● Fler än planerat")."""
    toks = _tokens(text.split())
    key = (fold(toks[0]) or toks[0]) if toks else ""
    if key in legend:
        return legend[key], " ".join(toks[1:]).strip(" .,:;-–")
    return None


# A goal table without a readable heading row needs this many rows whose status phrase
# opens a column at one place.
IMPLIED_STATUS_ROWS = DIGITAL.counts.goal_implied_rows
IMPLIED_ALIGN = DIGITAL.counts.goal_implied_align


def _implied_header(lines: list[Line], lexicon: Lexicon, symbols: bool = False
                    ) -> tuple[int, list[tuple[str, float]]] | None:
    """(line before the table, column starts) of a goal table whose heading row OCR destroyed
    ("SIMA Ta SEE AA ee Resuitat" for "Mål | Resultat"): rows whose words, after a column
    gap, open with a status phrase printed exactly at one place (within IMPLIED_ALIGN text
    heights: a glyph OCR read before a word, a region read again, move its box) give it its
    goal and status columns; None without two such rows."""
    found = [(i, x, line.words[0].x0, line.height) for i, line in enumerate(lines)
             if (x := _status_start(line, lexicon, symbols)) is not None]
    for _, x, _, height in found:
        same = [f for f in found if abs(f[1] - x) <= max(2 * COLUMN_SLACK, IMPLIED_ALIGN * height)]
        if len(same) >= IMPLIED_STATUS_ROWS:
            return same[0][0] - 1, [("goal", min(f[2] for f in same)),
                                    ("status", min(f[1] for f in same))]
    return None


def _status_start(line: Line, lexicon: Lexicon, symbols: bool = False) -> float | None:
    """Where a status phrase opens a column of ``line``: the first word after a column gap
    whose words (frame words aside: "Målet bedöms ha uppnåtts") begin a status phrase; with
    ``symbols`` (a legend explains the section's symbols), also the last word of a line of
    several after a column gap when it is a symbol (or what OCR made of one: "T", "©")."""
    words = line.words
    frame = lexicon.goal_words.status_frame
    gap = TITLE_COLUMN_GAP * line.height
    space = _word_space(words, gap)
    for j in range(1, len(words)):
        if symbols and words[j].x0 - words[j - 1].x1 >= gap and j == len(words) - 1 and j >= 2 \
                and _symbol_cell(words[j].text):
            return words[j].x0
        # A speck's mark in the gap ("SUS   :   Målet ...", "deltagaren =  Delvis ..."): no
        # column opens at it, nor ends; the gap runs from the word before it. A printed mark
        # between single spaces ("kontaktperson - Uppnått") is a word of the line, as a year
        # or a figure is: no gap is measured across it.
        if _is_mark(words[j].text):
            continue
        b = j - 1
        while b >= 0 and _is_mark(words[b].text) and _speck_in_gap(words, b, space):
            b -= 1
        # No word of the goal before it (a bullet's marks alone): no column gap either.
        if b < 0 or all(_is_mark(w.text) for w in words[:b + 1]) or words[j].x0 - words[b].x1 < gap:
            continue
        folded = [f for w in words[j:] if (f := fold(w.text))]
        for phrase, _ in lexicon.goal_status_phrases:
            n = len(phrase.split())
            for skip in range(len(folded)):
                if " ".join(folded[skip:skip + n]) == phrase:
                    return words[j].x0
                if folded[skip] not in frame:
                    break
    return None


# A blank this many word spaces wide beside a lone mark makes it a speck in a column gap.
SPECK_BLANK = DIGITAL.counts.goal_speck_blank_spaces


def _word_space(words: list[Word], gap: float) -> float:
    """The line's usual blank between two words (column gaps and marks aside); a third of
    the column gap on a line of too few words to tell."""
    blanks = sorted(b.x0 - a.x1 for a, b in pairwise(words)
                    if not _is_mark(a.text) and not _is_mark(b.text) and 0 <= b.x0 - a.x1 < gap)
    return blanks[len(blanks) // 2] if len(blanks) >= 3 else gap / 3


def _speck_in_gap(words: list[Word], k: int, space: float) -> bool:
    """Whether the lone mark ``words[k]`` stands in a blank wider than the line's word spaces
    on one side at least (a speck), not between single spaces (a printed dash or colon)."""
    before = words[k].x0 - words[k - 1].x1 if k > 0 else 0.0
    after = words[k + 1].x0 - words[k].x1 if k + 1 < len(words) else 0.0
    return max(before, after) >= SPECK_BLANK * space


# A status cell read again reaches this far (text heights) past the status words around it.
STATUS_CELL_REACH = DIGITAL.counts.goal_status_reach


def _status_span(starts: list[tuple[str, float]], segs: dict[str, list[_Segment]]
                 ) -> tuple[float, float] | None:
    """(x0, x1) of the table's status column: from its heading to the next column, or, the
    last column, a little past the status words read in it."""
    kinds = [k for k, _ in starts]
    if "status" not in kinds:
        return None
    i = kinds.index("status")
    x0 = starts[i][1] - COLUMN_SLACK
    if i + 1 < len(starts):
        return x0, starts[i + 1][1] - COLUMN_SLACK
    read = [(w.x1, s.height) for s in segs.get("status", []) for w in s.words]
    if not read:
        return None
    return x0, max(x for x, _ in read) + STATUS_CELL_REACH * max(h for _, h in read)


def _status_cell(group: list[_Segment], end: tuple[int, float] | None,
                 span: tuple[float, float] | None, text_height: float | None = None
                 ) -> tuple[float, float, float, float, float] | None:
    """The status cell of a goal's rows (``Goal.status_cell``): the status column over the
    goal's lines on its first page, down to the next goal's."""
    if span is None:
        return None
    first = group[0]
    same = [s for s in group if s.page == first.page]
    # The table's text height, not the line's: a ruling line OCR read into a line swells
    # it (OCR boxes every word of a line alike), and a cell that tall takes in the next row.
    height = min(first.height, text_height or first.height)
    bottom = same[-1].top + 1.5 * height
    if end is not None and end[0] == first.page:
        # Down to the next goal's row, never into it.
        bottom = min(max(bottom, end[1] - 0.25 * height), end[1])
    return span[0], first.top - 0.25 * height, span[1], bottom, height


# A speck's marks after a goal's words, in the gap before its status ("... i SUS :"), or a
# ruling line under the cell read as a run of dashes and underscores ("i SUS ——____—"); a
# share's "%" is the goal's.
_TRAILING_MARKS_RE = re.compile(r"(?:\s+(?:[^\w\s%]{1,2}|[-_—–=~]{3,}))+$")


def _goals_of(segs: dict[str, list[_Segment]], lexicon: Lexicon, bullets: set[str],
              status_span: tuple[float, float] | None = None,
              legend: dict[str, str] | None = None, keyed: bool = False) -> list[Goal]:
    goal_segs = [s for s in segs.get("goal", []) if not _stray_mark(s, segs.get("goal", []), bullets)]
    # A lone sign OCR read before one goal's line ("|" of a ruling line at the margin) makes
    # no bulleted table: signs for bullets stand before two goals at least.
    led = [s for s in goal_segs if _is_bullet(s, bullets)]
    has_bullets = len(led) >= 2 or any(not _is_mark(s.words[0].text) for s in led)
    row_starts = _row_starts(segs, lexicon, bullets)
    # A bulleted goal whose bullet OCR lost still opens a row where it starts a paragraph, a
    # level cell of its own begins beside it and the row's cells begin as rows do.
    paragraphs = {b[0].key for b in _blocks(goal_segs)}
    unbulleted = row_starts & paragraphs & {b[0].key for b in _blocks(segs.get("level", []))} \
        if has_bullets else set()
    fill = max((s.words[-1].x1 for s in goal_segs), default=0.0)
    # Level lines inside the goal column (layouts without a level column).
    level_marks: list[tuple[tuple[int, float], str]] = []
    groups: list[list[_Segment]] = []
    for block in (_blocks(goal_segs) if not has_bullets else [goal_segs]):
        for seg in block:
            short = len(seg.words) <= MAX_LEVEL_WORDS and not _is_bullet(seg, bullets)
            level = _level(seg.text, lexicon, whole=True) if short else None
            if level and (not groups or has_bullets or seg is block[0]):
                level_marks.append((seg.key, level))
                # A level line after a blank ends the goal above it, bullets or none: a goal
                # whose bullet OCR lost ("2 Fört ... fulimäktt") is no more lines of the one
                # before; a goal's own wrapped line that is a level's word ("... god" /
                # "ekonomi" / "under hela perioden") goes on.
                if not has_bullets or seg.key in paragraphs:
                    groups.append([])
                continue
            new_row = seg is block[0] or seg.key in row_starts or _after_unwrapped(groups, seg, fill, bullets)
            if (has_bullets and (_is_bullet(seg, bullets) or seg.key in unbulleted)) or not groups or \
                    (not has_bullets and new_row and groups[-1]):
                groups.append([seg])
            else:
                groups[-1].append(seg)
    groups = [g for g in groups if g]
    for block in _blocks(segs.get("level", [])):
        text = " ".join(s.text for s in block)
        level = _level(text, lexicon)
        if level:
            level_marks.append((block[0].key, level))
    level_marks.sort()
    heights = sorted(s.height for kind in segs.values() for s in kind)
    text_height = heights[len(heights) // 2] if heights else None
    out: list[Goal] = []
    for k, group in enumerate(groups):
        start = group[0].key
        end = groups[k + 1][0].key if k + 1 < len(groups) else None
        band_start = (start[0], start[1] - 0.5 * group[0].height)
        level = next((lv for key, lv in reversed(level_marks)
                      if key <= (start[0], start[1] + 0.5 * group[0].height)), "")
        text = _TRAILING_MARKS_RE.sub("", _strip_bullet(" ".join(s.text for s in group), bullets))
        activity = " ".join(s.text for s in segs.get("activity", []) if _within(s, band_start, end))
        cell, doubled = _one_reading([s for s in segs.get("status", []) if _within(s, band_start, end)])
        status_text = " ".join(s.text for s in cell)
        status, comment, how = _cell_status(status_text, lexicon, legend)
        result_cell = [s for s in segs.get("result", []) if _within(s, band_start, end)]
        result = " ".join(s.text for s in result_cell)
        if result:
            status, comment, how, status_text, activity = _with_result(
                result, (status, comment, how), status_text, activity, lexicon)
        doubt = _read_doubtfully(cell + result_cell, status_text, how, lexicon, legend) or doubled
        outcome = _pct(status_text) if _pct(status_text) is not None else _pct(activity, last=True)
        target = " ".join(s.text for s in segs.get("target", []) if _within(s, band_start, end))
        words = [w for s in group for w in s.words]
        pct_words = [w for s in (*cell, *result_cell, *segs.get("activity", []))
                     if _within(s, band_start, end) for w in s.words]
        out.append(Goal(
            insats="", level=level, goal=text, target_pct=_pct(target) if target else _pct(text),
            outcome_pct=outcome,
            status=status, status_text=status_text, comment=comment, page=group[0].page,
            bbox=(min(w.x0 for w in words), min(w.top for w in words),
                  max(w.x1 for w in words), max(w.bottom for w in words)),
            activity=activity, key_match=how,
            confidence=min([w.confidence for w in words] + ([DOUBTFUL_STATUS] if doubt else [])
                           + [IMPLAUSIBLE_SHARE] * _implausible_share(outcome, pct_words)),
            status_cell=None if (status_text and not _reread_wanted(cell, status_text, how, doubt)
                                 and not (keyed and _symbol_read(cell, status_text)))
            or result else _status_cell(group, end, status_span, text_height)))
    return out


def _one_reading(cell: list[_Segment]) -> tuple[list[_Segment], bool]:
    """A status cell's words read once: a line a ruling line struck through OCR may read
    twice, a glued reading over the words read apart ("Målet Målet har hartnte-uppnatts inte
    uppnåtts"): a word whose box holds two other words, or that repeats an overlapping word,
    is the second reading and goes. Also whether one went (the status is then doubtful)."""
    out, doubled = [], False
    for seg in cell:
        ws = seg.words
        keep = [w for i, w in enumerate(ws)
                if sum(_inside(v, w) for v in ws if v is not w) < 2
                and not any(v.text == w.text and _inside(v, w) for v in ws[:i])]
        doubled |= len(keep) < len(ws)
        out.append(replace(seg, words=keep))
    return out, doubled


def _inside(inner: Word, outer: Word) -> bool:
    """Whether ``inner`` lies mostly (READ_TWICE_SHARE of its width) within ``outer``'s box."""
    width = inner.x1 - inner.x0
    overlap = min(inner.x1, outer.x1) - max(inner.x0, outer.x0)
    return width > 0 and overlap >= READ_TWICE_SHARE * width and width <= outer.x1 - outer.x0


READ_TWICE_SHARE = DIGITAL.counts.goal_read_twice_share  # of a word's width inside another's: read twice


def _symbol_read(cell: list[_Segment], text: str) -> bool:
    """An OCR'd status cell that holds a symbol (or what OCR made of one)."""
    return any(w.confidence < 1 for s in cell for w in s.words) and _symbol_cell(text)


def _reread_wanted(cell: list[_Segment], text: str, how: str, doubt: bool) -> bool:
    """Whether an OCR'd status cell is worth reading again from the image: letters that are
    no status phrase OCR could match ("Inteuppnåte =", "Inte helt upp tt"), or a status it
    may have read as another."""
    ocr = any(w.confidence < 1 for s in cell for w in s.words)
    return ocr and any(c.isalpha() for c in text) and (how == "unkeyed" or doubt)


# A status OCR may have read as another is stored below the checks' doubt line.
DOUBTFUL_STATUS = OCR.confidence.doubtful_status


def _read_doubtfully(cell: list[_Segment], text: str, how: str, lexicon: Lexicon,
                     legend: dict[str, str] | None) -> bool:
    """Whether the status of an OCR'd status cell may be another than printed: its qualifier
    damaged or perhaps lost (``status_doubtful``), or a legend's symbol, which OCR reads
    alike ("●" as "@" or "e", "◐" and "○" both as "©")."""
    if not any(w.confidence < 1 for s in cell for w in s.words):
        return False
    if how == "unkeyed" or not text:
        return False
    by_phrase = status_match(text, lexicon)[2] != "unkeyed"
    if not by_phrase:
        return bool(legend)
    return status_doubtful(text, lexicon) or _two_statuses(text, lexicon)


def _two_statuses(text: str, lexicon: Lexicon) -> bool:
    """Whether a status cell reads two status phrases of different meaning ("Målet är i stort
    sett uppnått. Delvis uppfyllt"): OCR ran two goals' rows into one, and the first phrase
    may not be this goal's."""
    text, _ = _mend(text, lexicon)
    found = _status_found(text, lexicon)
    if found is None:
        return False
    status, i, n, _, _ = found
    rest = _status_found(" ".join(text.split()[i + n:]), lexicon)
    return rest is not None and rest[0] != status


def _with_result(result: str, found: tuple[str, str, str], status_text: str, activity: str,
                 lexicon: Lexicon) -> tuple[str, str, str, str, str]:
    """(status, comment, key_match, status text, activity) of a goal whose table has a result
    column beside its status column: the result's status word when the status cell has none
    ("Uppnått | Arbetet fortsätter"), else the result is part of the activity."""
    if found[2] == "unkeyed":
        status, comment, how = status_match(result, lexicon)
        if how != "unkeyed":
            both = " ".join(t for t in (result, status_text) if t)
            return status, " ".join(t for t in (comment, status_text) if t), how, both, activity
    return (*found, status_text, " ".join(t for t in (activity, result) if t))


# A goal line ending this many text heights short of the column's reach did not wrap.
UNWRAPPED_ROOM = DIGITAL.counts.goal_unwrapped_room


def _after_unwrapped(groups: list[list[_Segment]], seg: _Segment, fill: float,
                     bullets: set[str]) -> bool:
    """Whether ``seg`` opens a goal because the goal line above it did not wrap: it ends so
    far short of where the column's lines reach (``fill``) that this line's first word would
    have stood there ("Fler unga vuxna ska nås av insatsen" / "Deltagarnas hälsa ska öka",
    when OCR damaged the second row's status cell so that it opens in lower case)."""
    prev = groups[-1][-1] if groups and groups[-1] else None
    first = _first_word(seg, bullets)
    if prev is None or first is None or prev.page != seg.page or not _capital(seg, bullets) \
            or first.text[:1].isdigit():
        return False
    return prev.words[-1].x1 + (first.x1 - first.x0) + UNWRAPPED_ROOM * seg.height < fill


def _first_word(seg: _Segment, bullets: set[str]) -> Word | None:
    """The segment's first word that is no lone sign: a scan's speck read "_" or "." before
    a line is no part of it. A bullet is ("- Individuella samtal" in a goal's cell: an item
    of that goal, in lower case as far as rows go)."""
    return next((w for w in seg.words if not _is_mark(w.text) or w.text in bullets), None)


def _capital(seg: _Segment, bullets: set[str]) -> bool:
    first = _first_word(seg, bullets)
    head = first.text[:1] if first is not None else ""
    return head.isupper() or head.isdigit()


def _row_starts(segs: dict[str, list[_Segment]], lexicon: Lexicon,
                bullets: set[str]) -> set[tuple[int, float]]:
    """Lines where a row of a table without bullets or blank lines starts: the goal and the
    status (or activity) cell both begin there with a capital ("Andel till arbete | 45 %",
    "Alla ska få en plan | Delvis uppfyllt"), or the status cell with a status phrase in
    whatever case ("ej uppfyllt", "påbörjat"); a wrapped cell goes on in lower case."""
    others = {s.key for kind in ("status", "activity", "result") for s in segs.get(kind, [])
              if _capital(s, bullets)}
    # A status cell that is a symbol ("●", "✓", or what OCR made of one: "©", "v") opens a row.
    others |= {s.key for s in segs.get("status", []) if _symbol_cell(s.text)}
    status = segs.get("status", [])
    opened = {s.key for k, s in enumerate(status) if _opens_status(s, status[k - 1] if k else None, lexicon)}
    others |= opened
    # Beside a status cell that opens with a whole phrase under one of its own, a goal read in
    # lower case opens a row too: its capital was misread ("personblen ska träffas ..." |
    # "Uppfyllt" under "I stort sett uppnått"), no wrapped goal goes on beside a new status.
    return {s.key for s in segs.get("goal", []) if s.key in others
            and (_capital(s, bullets) or s.key in opened)}


def _opens_status(seg: _Segment, above: _Segment | None, lexicon: Lexicon) -> bool:
    """Whether a status cell's line opens with a status phrase printed exactly, frame words
    aside ("ej uppfyllt", "Målet är delvis uppnått"), after a line of the column that holds
    a whole status phrase of its own: not the rest of a wrapped cell ("Målet är" / "delvis
    uppnått", "Delvis" / "uppfyllt": the phrase runs over both lines)."""
    found = _status_found(seg.text, lexicon)
    frame = lexicon.goal_words.status_frame
    if found is None or found[3] != "exact" or \
            not all(fold(w) in frame for w in seg.text.split()[:found[1]]):
        return False
    if above is None or above.page != seg.page:
        return True
    alone = _status_found(above.text, lexicon)
    joined = _status_found(f"{above.text} {seg.text}", lexicon)
    return alone is not None and alone[3] == "exact" and joined is not None and \
        joined[1] + joined[2] <= len(above.text.split())


def _symbol_cell(text: str) -> bool:
    """A status cell of a symbol: no word of letters longer than SHORT_TOKEN (a glyph OCR
    read as a letter or two: "v" for "✓", "O" for "○")."""
    toks = text.split()
    return bool(toks) and all(sum(c.isalpha() for c in t) <= SHORT_TOKEN for t in toks)


def _status_line(line: Line, lexicon: Lexicon) -> tuple[str, str, str] | None:
    """(status, comment, key_match) of a line that gives the goal above it its status: a
    status phrase opening it, after frame words ("Målet är delvis uppnått.") or a lead
    ending in a colon ("Bedömning: Ej uppnått", "Status: Uppnått"); None for any other line
    (a goal whose words hold a status word further on: "Alla ska ha nått ...")."""
    text, _ = _mend(line.text, lexicon)
    words = text.split()
    found = _status_found(text, lexicon)
    if found is None:
        return None
    i = found[1]
    frame = lexicon.goal_words.status_frame
    lead = [w for w in words[:i] if fold(w) not in frame]
    if lead and not (len(lead) <= LEAD_WORDS and lead[-1].endswith(":")):
        return None
    return status_match(line.text, lexicon)


def _goals_with_status_lines(lines: list[Line], lexicon: Lexicon, bullets: set[str]) -> list[Goal]:
    """Goals written as text, each followed by a line that gives its status ("• Alla ska ha
    en plan" / "Bedömning: Målet är delvis uppnått."): at least IMPLIED_STATUS_ROWS of them,
    else none (a verksamhetsplan's list sets goals without status). A status may also end
    the goal's own line ("• Alla ska ha en plan – Uppnått", "... studier. Bedömning: ej
    uppfyllt.")."""
    goals: list[Goal] = []
    current: list[Line] = []
    parts = [p for ln in lines for p in (_trailing_status(ln, lexicon) or (ln,))]
    for line in parts:
        found = _status_line(line, lexicon)
        if found is None:
            level = _level(line.text.strip().rstrip(":"), lexicon, whole=True)
            first = line.words[0].text if line.words else ""
            bullet = first in bullets or _is_mark(first) or bool(_NUMBER_RE.match(first))
            # A goal starts at its bullet (the prose before it is no part of it).
            current = [] if level else [line] if bullet else [*current, line]
            continue
        if not current:
            continue
        status, comment, how = found
        words = [w for ln in current for w in ln.words]
        text = _strip_bullet(" ".join(ln.text for ln in current), bullets)
        status_words = list(line.words)
        doubt = any(w.confidence < 1 for w in status_words) and status_doubtful(line.text, lexicon)
        goals.append(Goal(
            insats="", level="", goal=text, target_pct=_pct(text), outcome_pct=_pct(line.text),
            status=status, status_text=line.text, comment=comment, page=current[0].page,
            bbox=(min(w.x0 for w in words), min(w.top for w in words),
                  max(w.x1 for w in words), max(w.bottom for w in words)),
            confidence=min([w.confidence for w in words + status_words]
                           + ([DOUBTFUL_STATUS] if doubt else [])), key_match=how))
        current = []
    return goals if len(goals) >= IMPLIED_STATUS_ROWS else []


# What stands between a goal and the status that ends its line.
_STATUS_SEPARATORS = ("–", "-", "—", ":", ".", ",")


def _trailing_status(line: Line, lexicon: Lexicon) -> tuple[Line, Line] | None:
    """(the goal's words, the status's words) of a line that ends with a status phrase after
    a dash, a colon or a full stop ("• Alla ska ha en plan – Uppnått", "Minst tio ska börja
    studera. Status: pågår."): the phrase, frame words and a lead aside, is all that
    follows; None for any other line (a goal whose words hold a status word: "Alla ska
    ha nått ...", and a line that opens with its status)."""
    words = line.words
    frame = lexicon.goal_words.status_frame
    for k in range(1, len(words)):
        before = words[k - 1].text
        if before not in _STATUS_SEPARATORS and not before.endswith(_STATUS_SEPARATORS):
            continue
        # Mended as every status path reads it ("upp nått", "del vis uppnått": OCR split).
        mended, _ = _mend(" ".join(w.text for w in words[k:]), lexicon)
        rest = mended.split()
        found = _status_found(mended, lexicon)
        if found is None or found[1] + found[2] != len(rest) or \
                not all(fold(w) in frame for w in rest[:found[1]]):
            continue
        # A lone dash stands between them; "Status:" leads the status; "veckor." ends the goal.
        start = k - 1 if fold(before) in frame else k
        end = k - 1 if before in _STATUS_SEPARATORS or fold(before) in frame else k
        if end == 0:
            return None
        return replace(line, words=words[:end], label_words=words[:end]), \
            replace(line, words=words[start:], label_words=words[start:])
    return None


# A status line's lead ("Bedömning:", "Status 2024:") has at most this many words.
LEAD_WORDS = DIGITAL.counts.goal_status_lead_words


def goal_list(lines: list[Line], lexicon: Lexicon, bullets: set[str]) -> list[Goal]:
    """Goals written as a list, as a verksamhetsplan sets them: a level heading ("Mål på
    individnivå:") and bulleted goals under it, each goal's text running on over lines that
    start in lower case; the prose after it is not the goal. No status: the plan sets goals."""
    goals: list[Goal] = []
    level = ""
    current: list[Line] = []

    def close() -> None:
        if current:
            text = _strip_bullet(" ".join(ln.text for ln in current), bullets)
            words = [w for ln in current for w in ln.words]
            goals.append(Goal(
                insats="", level=level, goal=text, target_pct=_pct(text), outcome_pct=None,
                status="okand", status_text="", comment="", page=current[0].page,
                bbox=(min(w.x0 for w in words), min(w.top for w in words),
                      max(w.x1 for w in words), max(w.bottom for w in words)),
                confidence=min(w.confidence for w in words)))
            current.clear()

    for line in lines:
        first = line.words[0].text if line.words else ""
        text = line.text.strip()
        heading = _level(text.rstrip(":"), lexicon, whole=True) if len(line.words) <= \
            MAX_LEVEL_WORDS + 1 else None
        if heading:
            close()
            level = heading
            continue
        bullet = first in bullets or _is_mark(first) or first[:1] in bullets - {"-", "–"}
        if bullet and level:
            close()
            # A bullet that only names a level ("• Individ") lists the areas, no goal.
            if not _level(_strip_bullet(text, bullets), lexicon, whole=True):
                current.append(line)
            continue
        if current and text[:1].islower() and not current[-1].text.rstrip().endswith("."):
            current.append(line)
            continue
        close()
    close()
    return goals
