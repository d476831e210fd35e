"""Columns of a statement or note table: positions from the amounts, meaning from headings.

Amount cells of one column overlap horizontally (right- or left-aligned alike); columns are
found by merging overlapping cell spans. Heading words ("Not", "Budget", "2024-12-31",
"Utfall", "Avvikelse") are attached to the column under them and give it its role.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from core.geometry import runs
from core.lexicon import Lexicon, fold
from core.numbers import is_group_token, is_lead_group_token, is_regular_grouping
from core.settings import DIGITAL
from ingest.pdftext import Word
from parsers.layout import Cell, make_cell
from parsers.rows import YEAR_PATTERN, YEAR_RE, Row, glued_years

# Cells this close (points) still count as overlapping.
OVERLAP_SLACK = DIGITAL.tables.overlap_slack_pt
# A heading word is attached to a column whose centre is within this many word widths.
HEADER_REACH = DIGITAL.tables.header_reach
# A scanned heading word standing over this share of its width at least over a column of
# several figures is that column's (``attach_headers``).
HEADER_OVER_FIGURES = DIGITAL.tables.header_over_figures
MAX_NOTE_NO = DIGITAL.tables.max_note_no
# Right edges this close (in text heights) are one column of right-aligned amounts.
RIGHT_EDGE_TOLERANCE = DIGITAL.tables.right_edge_tolerance
# No report covers a year before the first samordningsförbund (lag 2003:1210, from 2004).
FIRST_PERIOD_YEAR = DIGITAL.tables.first_period_year
# A year column lost with its heading at the end of dated ones: how many, at what pitch.
YEARS_BEYOND_MIN = DIGITAL.tables.years_beyond_min_dated
YEARS_BEYOND_PITCH = DIGITAL.tables.years_beyond_pitch_share
YEARS_ACROSS_MIN = DIGITAL.tables.years_across_min_columns
NAMING_MIN_LETTERS = DIGITAL.tables.naming_min_letters
# A column heading's word names its role this close (rapidfuzz ratio).
COLUMN_WORD_SCORE = DIGITAL.matching.column_word_score
# Words of one heading on a line stand at most this many text heights apart.
HEADING_WORD_GAP = DIGITAL.counts.phrase_gap
STRETCHED_HEADING = DIGITAL.tables.stretched_heading_width
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Column:
    x0: float
    x1: float
    cells: list[Cell] = field(default_factory=list)
    header: list[Word] = field(default_factory=list)
    role: str | None = None  # note, current, previous, budget, deviation, bokslut, year
    year: int | None = None
    # its role is a guess (among columns alike, or from a heading word boxed over several):
    # its amounts are doubtful
    doubtful: bool = False

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def _cluster(cells: list[Cell]) -> list[Column]:
    """Columns of overlapping cells (OVERLAP_SLACK points apart at most)."""
    return [Column(run[0].x0, max(c.x1 for c in run), run)
            for run in runs(cells, lambda c: c.x0, lambda c: c.x1, OVERLAP_SLACK)]


def cluster_right_edges(cells: list[Cell]) -> list[Column]:
    """Columns of right-aligned amounts: right edges within RIGHT_EDGE_TOLERANCE heights."""
    edges = runs(cells, _figure_right, _figure_right,
                 lambda c: RIGHT_EDGE_TOLERANCE * (c.bottom - c.top))
    return [Column(min(c.x0 for c in run), max(c.x1 for c in run), run) for run in edges]


def _figure_right(cell: Cell) -> float:
    """The right edge of a cell's figure: its last word with a digit (a scan's mark OCR read
    after it, "879921 _", "3814746 =", stands right of the column's edge), else its own."""
    return max((w.x1 for w in cell.words if any(ch.isdigit() for ch in w.text)), default=cell.x1)


def find_columns(rows: list[Row]) -> list[Column]:
    cells = [c for r in rows for c in r.cells]
    columns = _cluster(cells)
    owner = {id(c): i for i, r in enumerate(rows) for c in r.cells}
    for col in columns:
        seen = [owner[id(c)] for c in col.cells]
        if len(seen) != len(set(seen)):  # two cells of one row: columns ran together
            return own_spans(cluster_right_edges(cells))
    return columns


def without_spanning(columns: list[Column]) -> list[Column]:
    """Without a column of one scanned cell boxed over the figures' edges of two columns
    ("1146" over the last two years' "114  56": two figures read as one word, a digit lost,
    a ruling line's width in its box): whose figure it is, or whether both, is not known,
    and a column of its own shifts every year after it (a five-year overview's this year
    took last year's figures). Its figures stay unread, as OCR left them."""
    def spanning(col: Column) -> bool:
        if len(col.cells) != 1 or col.cells[0].value is None or \
                any(w.confidence >= 1 for w in col.cells[0].words):
            return False
        edges = [_column_edge(c) for c in columns if c is not col and
                 sum(x.value is not None for x in c.cells) > 1]
        return sum(col.x0 < e < col.x1 for e in edges) >= 2
    return [col for col in columns if not spanning(col)]


def own_spans(columns: list[Column]) -> list[Column]:
    """Each column begun where its own figures begin: cells that start left of the right
    edge of the column before ("5721-5956", "5751 022": two years' figures read as one, that
    cluster at the second one's edge) stand over that column too and widen neither; else
    the spans overlap, a heading over the second year fits a lone cell's column better, and
    a cut between the columns falls inside the first one's figures. Only where they are
    the few: a column most of whose cells start left of that edge is no column of its own
    beside the one before (a lone cell over both years is the column before); and only
    beside a column of figures: a wide figure reaches left past the note numbers set close
    before its column ("4 479" beside notes "4", "6"). In the given order."""
    ordered = sorted(columns, key=lambda c: c.x1)
    for before, col in zip(ordered, ordered[1:], strict=False):
        own = [c.x0 for c in col.cells if c.x0 >= before.x1]
        if col.x0 < before.x1 and len(own) > len(col.cells) / 2 and _figures(before):
            col.x0 = min(own)
    return columns


def _figures(col: Column) -> bool:
    """Whether a column's cells are figures, not note numbers: most of them more than a
    note number may be."""
    return sum(c.value is not None and abs(c.value) > MAX_NOTE_NO for c in col.cells) \
        > len(col.cells) / 2


def attach_headers(columns: list[Column], words: list[Word], fiscal_year: int | None = None) -> None:
    """Each heading word to the column it overlaps best (the most of their joint span), else
    to the nearest within reach: of two overlapping columns where a scan's figures were read
    in two or two figures as one, the one its own span is. A column of nothing read (a scan's
    smudge beside a figure: "-2000—-" over two columns' gap) takes a heading only where it
    overlaps no column with a figure or a printed mark: its span may fit the heading better
    than the figures' own column does, and would take their year from them."""
    read = [col for col in columns if any(c.value is not None or c.mark for c in col.cells)]
    # A scan's lone cell boxed off its column ("4061______": a ruling line's width in its
    # box) makes a column of its own that a heading over the figures' column may fit
    # better: a scanned heading that fits a lone cell's column best, standing mostly over a
    # column of several figures that column overlaps, is that column's.
    several = [col for col in read if _read_cells(col) > 1]
    for word in (part for w in words for part in _two_years_split(w, read, fiscal_year)):
        best = _header_column(word, read, overlapping=True)
        if best is not None and _read_cells(best) == 1 and word.confidence < 1:
            over = [col for col in several if min(col.x1, best.x1) > max(col.x0, best.x0) and
                    _overlap(col, word) >= HEADER_OVER_FIGURES * (word.x1 - word.x0)]
            best = _header_column(word, over, overlapping=True) or best
        best = best or _header_column(word, columns)
        if best is not None:
            best.header.append(word)


def _read_cells(col: Column) -> int:
    """How many of a column's cells hold a figure."""
    return sum(c.value is not None for c in col.cells)


# Two years OCR read as one word, a ruling line or a speck between them ("2015-2014").
_TWO_YEARS_RE = re.compile(rf"^({YEAR_PATTERN})(\W{{1,3}})({YEAR_PATTERN})$")


def _two_years_split(word: Word, columns: list[Column], fiscal_year: int | None) -> list[Word]:
    """A scanned word of two years one apart over two columns ("2015-2014", "20372016": the
    headings of this year's and last year's, run together, a digit perhaps misread), as its
    two years, each over its own column (its box split at its characters; ``assign_roles``
    leaves both columns doubtful: where the box was split is a guess); any other word, or
    one whose years the report's year does not tell (2017 and 2016, or 2037 and 2036?), as
    it is."""
    # On a scan only: a born-digital "2014-2015" or "2012-2015" is a period.
    if word.confidence >= 1 or \
            sum(1 for c in columns if min(c.x1, word.x1) > max(c.x0, word.x0)) != 2:
        return [word]
    pairs = [p for p in glued_years(word.text)
             if all(_plausible_year(y, fiscal_year, ocr=True) for y in p)]
    if len(pairs) != 1:
        return [word]
    first, second = (str(y) for y in pairs[0])
    pitch = (word.x1 - word.x0) / len(word.text)
    return [replace(word, text=first, x1=word.x0 + pitch * len(first), raw=word.text),
            replace(word, text=second, x0=word.x1 - pitch * len(second), raw=word.text)]


def _header_column(word: Word, columns: list[Column], overlapping: bool = False) -> Column | None:
    """The column ``word`` overlaps best (the most of their joint span), else (unless only
    ``overlapping`` ones may) the nearest, within HEADER_REACH."""
    centre = (word.x0 + word.x1) / 2
    best, best_d = None, None
    for col in columns:
        overlap = min(col.x1, word.x1) - max(col.x0, word.x0)
        d = -overlap / (max(col.x1, word.x1) - min(col.x0, word.x0)) if overlap > 0 else \
            abs(col.centre - centre)
        if best_d is None or d < best_d:
            best, best_d = col, d
    if best is None or best_d is None:
        return None
    # An overlap's measure is below zero; a distance is one.
    within = best_d < 0 if overlapping else best_d <= HEADER_REACH * max(word.x1 - word.x0, 10.0)
    return best if within else None


def attach_stacked_headers(columns: list[Column], words: list[Word]) -> None:
    """Headings wrapped over several lines above narrow count columns ("Antal / avslutade /
    delt."): a word goes to the column it overlaps most; one over no column goes with the
    word a word space beside it on its line that is over one ("Nya" of "Nya delt." set flush
    right, nearer the edge of the crowded column before), else to the column whose right edge
    is nearest its own (headings are set flush with their figures, which are right-aligned).
    A word OCR boxed over several columns, far wider than its letters, goes to the one column
    under its box that no other word heads, when words on its own line head the others (a
    heading above them, "Deltagare" boxed with its underline, spans them); else to the column
    it overlaps most. Either way the column is ``doubtful``: where the word stands was not
    read."""
    stretched = [w for w in words if _stretched_over(columns, w)]
    placed = [w for w in words if w not in stretched]
    over = {id(w): col for w in placed if (col := _overlapped(columns, w)) is not None}
    for word in placed:
        col = over.get(id(word)) or _neighbour_column(word, words, over) or min(
            columns, key=lambda c: abs(c.x1 - word.x1), default=None)
        if col is not None:
            col.header.append(word)
    for word in stretched:
        under = [c for c in columns if _overlap(c, word) > 0]
        headed = [c for c in under if any(ch.isalnum() for h in c.header for ch in h.text)]
        free = [c for c in under if c not in headed]
        by_elimination = len(free) == 1 and all(any(_same_line(h, word) for h in c.header)
                                                for c in headed)
        col = free[0] if by_elimination else _overlapped(columns, word)
        # Wherever it goes, where it stands was not read: the column's counts are doubtful.
        col.header.append(word)
        col.doubtful = True


def _same_line(a: Word, b: Word) -> bool:
    return min(a.bottom, b.bottom) - max(a.top, b.top) > min(a.bottom - a.top, b.bottom - b.top) / 2


def _overlap(col: Column, word: Word) -> float:
    return min(col.x1, word.x1) - max(col.x0, word.x0)


def _stretched_over(columns: list[Column], word: Word) -> bool:
    """A scan's word of letters boxed over two columns or more, far wider than its letters: a
    ruling line or speck taken into its box."""
    return word.confidence < 1 and any(c.isalpha() for c in word.text) and \
        word.x1 - word.x0 > STRETCHED_HEADING * word.height * len(word.text) and \
        sum(_overlap(c, word) > 0 for c in columns) >= 2


def _overlapped(columns: list[Column], word: Word) -> Column | None:
    """The column ``word`` overlaps most, if any."""
    best = max(((_overlap(c, word), c) for c in columns),
               key=lambda o: o[0], default=(0.0, None))
    return best[1] if best[0] > 0 else None


def _neighbour_column(word: Word, words: list[Word], over: dict[int, Column]) -> Column | None:
    """The column of the nearest word on ``word``'s line, a word space from it (the phrase
    it is part of), when that word is over a column."""
    h = word.bottom - word.top
    # A word whose box holds most of this one is no neighbour: printed words never overlap,
    # so the engine boxed one over the other ("delt." of "Totalt antal" run on over "Nya").
    beside = [(max(o.x0 - word.x1, word.x0 - o.x1), o) for o in words if o is not word
              and min(o.bottom, word.bottom) - max(o.top, word.top) > h / 2
              and min(o.x1, word.x1) - max(o.x0, word.x0) <= (word.x1 - word.x0) / 2]
    gap, near = min(beside, key=lambda b: b[0], default=(float("inf"), None))
    return over.get(id(near)) if near is not None and gap <= HEADING_WORD_GAP * h else None


def _is_note_column(col: Column) -> bool:
    return all(c.value is not None and 0 < c.value <= MAX_NOTE_NO and len(c.words) == 1
               for c in col.cells)


def _word_roles(words: list[str], table) -> set[str]:
    """The roles the lexicon's column words give a column's heading words (folded)."""
    return {hit[0] for w in words if (hit := table.match(w, threshold=COLUMN_WORD_SCORE))}


def _between_dated(col: Column, columns: list[Column]) -> bool:
    """Whether columns with a year in their headings stand either side of ``col``."""
    return any(c.x1 < col.x0 for c in columns if _header_year(c)) and \
        any(c.x0 > col.x1 for c in columns if _header_year(c))


def _header_year(col: Column) -> bool:
    return col.year is not None or any(YEAR_RE.fullmatch(w.text) for w in col.header)


def _note_numbers(col: Column) -> None:
    """A note reference printed in parentheses ("(3)") under a "Not" heading is note 3, not
    minus three (parentheses mean a negative amount only in an amount column)."""
    for c in col.cells:
        if c.value is not None and c.value < 0 and c.text.startswith("(") and c.text.endswith(")"):
            c.value = -c.value


OCR_YEARS_AHEAD = DIGITAL.tables.ocr_years_ahead
PLAN_YEARS_AHEAD = DIGITAL.tables.plan_years_ahead


def _plausible_year(year: int, fiscal_year: int | None, ocr: bool = False) -> bool:
    """A column heading's year a report can print: none before the förbund existed, none
    after a plan's last year (on a scan: after next year's budget; a later year is a misread).
    A scan's "2024" read as "2000" is no year."""
    ahead = OCR_YEARS_AHEAD if ocr else PLAN_YEARS_AHEAD
    return year >= FIRST_PERIOD_YEAR and (fiscal_year is None or year <= fiscal_year + ahead)


def _ocr(words) -> bool:
    return any(w.confidence < 1 for w in words)


def _headless(col: Column) -> bool:
    """No word of the heading says what the column is (marks, or a year no report prints);
    a "%" says it holds shares."""
    return not any(ch.isalpha() or ch == "%" for w in col.header for ch in w.text)


def assign_roles(columns: list[Column], lexicon: Lexicon, fiscal_year: int | None,
                 years_across: bool = False, title: frozenset[int] = frozenset()) -> None:
    """Budget, deviation and note columns are named; the others are told apart by year.
    ``years_across``: the table's figure columns are consecutive years (a five-year overview):
    those whose year OCR lost take theirs by position (``_years_by_position``; ``title``: the
    ids of the section heading's words)."""
    table = lexicon.columns
    words_of: dict[int, list[str]] = {}
    for col in columns:
        text = " ".join(w.text for w in col.header)
        years = [int(y) for y in YEAR_RE.findall(text)
                 if _plausible_year(int(y), fiscal_year, _ocr(col.header))]
        col.year = max(years) if years else None
        # On a scan, two whole years over one column ("2009" stretched over the next column
        # by a ruling line, beside "2008"; "2015-2014" read as one word over one column):
        # which is its own is not known; neither is taken
        # Two years run together and split at their characters (_two_years_split): which
        # part is over which column is a guess.
        col.doubtful = col.doubtful or any(w.raw and glued_years(w.raw) and
                                           YEAR_RE.fullmatch(w.text) for w in col.header)
        # (columns between dated ones take theirs by position, _years_between).
        whole = {int(w.text) for w in col.header if YEAR_RE.fullmatch(w.text)} | {
            int(y) for w in col.header if (m := _TWO_YEARS_RE.match(w.text)) for y in m.group(1, 3)}
        if len(whole & set(years)) > 1 and _ocr(col.header):
            col.year = None
        words = fold(text).split()
        words_of[id(col)] = words
        roles = _word_roles(words, table)
        if "forecast" in roles or ("change" in roles and col.year is None):
            # "Prognos 2016" is dated but holds no accounts' figure; an undated "Förändring"
            # (a word reached from the next column may stand over a dated one) none of a year
            col.role = "forecast"
        elif "deviation" in roles:
            col.role = "deviation"
        elif "budget" in roles:
            # "Budget föregående år", "Budget fg år": last year's budget, never this year's.
            col.role = "previous_budget" if "previous" in roles else "budget"
        # A "Not" heading beside a year column whose figures are no note numbers is the
        # heading of an empty note column (close columns: the word reached the year's).
        # A headless column of small figures between dated ones is a figure's leading digits
        # apart ("17" of "17 908"), no note column (left of the amounts, or right of them).
        elif ("note" in roles and (col.year is None or _is_note_column(col))) or \
                (not col.header and _is_note_column(col) and not _between_dated(col, columns)):
            col.role = "note"
        elif col.year is None and "previous" in roles:  # "Utfall föregående år"
            col.role = "previous"
        elif col.year is None and "current" in roles:
            col.role = "current"
    # "Utfall | Utfall" whose years OCR lost: as printed, this year's stands left of last year's.
    worded = [c for c in columns if c.role == "current" and c.year is None]
    if len(worded) == 2 and not any(c.year is not None and c.role is None for c in columns):
        worded[1].role = "previous"
    for col in columns:
        if col.role == "note":
            _note_numbers(col)
    if years_across:
        _years_by_position(columns, fiscal_year, title)
    dated = [c for c in columns if c.role is None and c.year is not None]
    if dated:
        fy = fiscal_year or max(c.year for c in dated)
        for col in dated:
            if col.year == fy:
                taken = any(c.role == "current" for c in columns)
                closing = lexicon.closing_column_words.intersection(words_of[id(col)])
                col.role = "bokslut" if taken and closing else "current"
            elif col.year == fy - 1 and _full_year(col, dated, words_of, lexicon):
                col.role = "bokslut"  # an interim report's last full year beside its period
            else:
                col.role = "previous" if col.year == fy - 1 else "year"
        # Two columns of this year that no word tells apart ("Budget 2017 | Utfall 2017" whose
        # words OCR lost, the years read): either may be the budget.
        twins = [c for c in dated if c.role == "current"]
        budget = _twin_budget(twins, columns, words_of, table)
        if budget is not None:
            budget.role, budget.doubtful = "budget", True
        for col in twins if len(twins) > 1 and budget is None else ():
            col.doubtful = True
    _one_previous(columns)
    _last_years_budget(columns, fiscal_year)
    # No year in the headings: the two rightmost amount columns are this year and last year.
    paired = any(c.role in ("current", "previous") for c in columns)
    if not paired:
        # A column of marks without a figure (a scan's "=" beside a row) is no amount column.
        plain = [c for c in columns if c.role is None and not _is_note_column(c)
                 and any(x.value is not None for x in c.cells)]
        if len(plain) >= 2:
            plain[-2].role, plain[-1].role = "current", "previous"
        elif len(plain) == 1:
            plain[0].role = "current"
        # On a scan, years by position alone are a guess: the table's year line may have been
        # read as a row, and columns lost whole (a five-year overview read as its last two
        # columns, newest first: 2013 and 2012 taken as this year and last): doubtful. Of
        # more than two such columns (an overview whose years OCR read as letters, "ZO11"),
        # the rightmost two are a guess whatever words stand over them.
        for col in plain[-2:]:
            col.doubtful = col.doubtful or ((_headless(col) or len(plain) > 2)
                                            and _ocr(w for x in col.cells for w in x.words))
    # A budget column first (its figures explain the deviations), then a headless column
    # beside this year's or last year's completes the pair.
    _budget_by_deviation(columns)
    _deviation_by_arithmetic(columns)
    _current_by_deviation(columns)
    if paired:
        _pair_headless(columns)
    for col in columns:
        if col.role == "forecast":  # kept apart above; a column no figure is read from
            col.role = None
        if col.year is None and col.role in ("current", "budget", "deviation") and fiscal_year:
            col.year = fiscal_year
        if col.year is None and col.role == "previous" and fiscal_year:
            col.year = fiscal_year - 1
    _years_between(columns, fiscal_year)
    _years_beyond(columns, fiscal_year)


def _last_years_budget(columns: list[Column], fiscal_year: int | None) -> None:
    """A budget column dated last year ("Budget 2023" in the report of 2024) is last year's
    budget; one named so in words takes last year as its year."""
    years = [c.year for c in columns if c.year is not None and c.role in (None, "current", "bokslut")]
    fy = fiscal_year or (max(years) if years else None)
    for col in columns:
        if col.role == "budget" and fy is not None and col.year == fy - 1:
            col.role = "previous_budget"
        if col.role == "previous_budget" and col.year is None and fy is not None:
            col.year = fy - 1


def _one_previous(columns: list[Column]) -> None:
    """One column of last year's figures: a heading that names last year in words
    ("Förändring mot föregående år", "Jmf föregående år") beside last year's dated column,
    or beside another so named, is a change or comparison, no year's figures; it is left
    without a role (a row without last year's figure would take its change as last year's)."""
    named = [c for c in columns if c.role == "previous"]
    if len(named) < 2:
        return
    keep = next((c for c in named if c.year is not None), named[0])
    for col in named:
        if col is not keep:
            col.role = None


def _full_year(col: Column, dated: list[Column], words_of: dict[int, list[str]],
               lexicon: Lexicon) -> bool:
    """Of two columns of one year ("Utfall jan-aug 2022", "Helår 2022"), the one headed as
    the whole year's closing accounts (``[layout] closing_column``), the other not."""
    closing = lexicon.closing_column_words
    same = [c for c in dated if c.year == col.year and c is not col]
    return bool(same) and bool(closing.intersection(words_of[id(col)])) and \
        not any(closing.intersection(words_of[id(c)]) for c in same)


# A budget column is told by its deviations from this many rows at least.
MIN_DEVIATION_ROWS = DIGITAL.tables.min_deviation_rows


def _row_mate(cell: Cell, col: Column) -> Cell | None:
    """The cell of ``col`` on ``cell``'s row (their boxes overlap vertically)."""
    return next((c for c in col.cells if c.top < cell.bottom and cell.top < c.bottom), None)


def _mated(deviation: Column, a: Column, b: Column) -> list[tuple[int, int, int]]:
    """(deviation, a, b) of each row where the three columns' figures were all read: the
    rows a deviation column is told by."""
    return [(d.value, x.value, y.value) for d in deviation.cells
            if (x := _row_mate(d, a)) and (y := _row_mate(d, b))
            and None not in (d.value, x.value, y.value)]


def _budget_by_deviation(columns: list[Column]) -> None:
    """The one unnamed column of a table with this year's and a deviation column, whose
    heading OCR lost ("Budget") or damaged ("Budgel"), is the budget when every row's
    deviation is its figure's difference from this year's (either way round: costs may
    print positive)."""
    current = next((c for c in columns if c.role == "current"), None)
    deviation = next((c for c in columns if c.role == "deviation"), None)
    unnamed = [c for c in columns if c.role is None and c.year is None]
    if current is None or deviation is None or len(unnamed) != 1 or \
            any(c.role == "budget" for c in columns):
        return
    rows = _mated(deviation, current, unnamed[0])
    if len(rows) >= MIN_DEVIATION_ROWS and all(abs(d) == abs(c - b) for d, c, b in rows):
        unnamed[0].role = "budget"


def _twin_budget(twins: list[Column], columns: list[Column], words_of: dict[int, list[str]],
                 table) -> Column | None:
    """Of two columns of this year, one headed "Utfall" and one whose words name nothing
    ("Budg t": an upright rule through "Budget"), the second, when a deviation column's
    figures are their differences (either way round) in MIN_DEVIATION_ROWS rows at least,
    one not zero, and every row but one (a deviation misprinted is the checks' to report)."""
    deviation = next((c for c in columns if c.role == "deviation"), None)
    if len(twins) != 2 or deviation is None or any(c.role == "budget" for c in columns):
        return None
    roles = [_word_roles(words_of[id(c)], table) for c in twins]
    named = [c for c, r in zip(twins, roles, strict=True) if r == {"current"}]
    bare = [c for c, r in zip(twins, roles, strict=True) if not r]
    if len(named) != 1 or len(bare) != 1:
        return None
    rows = _mated(deviation, named[0], bare[0])
    agree = [d for d, x, b in rows if abs(d) == abs(x - b)]
    return bare[0] if len(agree) >= MIN_DEVIATION_ROWS and any(agree) and \
        len(rows) - len(agree) <= 1 else None


def _current_by_deviation(columns: list[Column]) -> None:
    """The column left of the deviation, in a table with a budget and a deviation column
    but none of this year's, whose heading OCR lost or damaged ("Utfal" without a year), is
    this year's when every row's deviation is its figure's difference from the budget
    (either way round)."""
    budget = next((c for c in columns if c.role == "budget"), None)
    deviation = next((c for c in columns if c.role == "deviation"), None)
    if budget is None or deviation is None or any(c.role == "current" for c in columns):
        return

    def differences(col: Column) -> bool:
        rows = _mated(deviation, col, budget)
        return len(rows) >= MIN_DEVIATION_ROWS and any(d for d, _, _ in rows) and \
            all(abs(d) == abs(x - b) for d, x, b in rows)
    found = [c for c in columns if c.role is None and c.year is None and c.x1 < deviation.x1
             and differences(c)]
    if len(found) == 1:
        found[0].role = "current"


def _deviation_by_arithmetic(columns: list[Column]) -> None:
    """The column of a table with this year's and a budget column whose heading OCR lost or
    damaged ("Avvikelse" lost, read "Awikelse", or only the "Budget-" of "Budget-
    avvikelse" read: a second budget column) is the deviation when every row's figure is
    the difference of the two (either way round: utfall − budget, or budget − utfall for
    costs) in at least MIN_DEVIATION_ROWS rows, one of them not zero, and every row but
    one at most once there are more (a deviation misprinted is the checks' to report)."""
    current = next((c for c in columns if c.role == "current"), None)
    budgets = [c for c in columns if c.role == "budget"]
    if current is None or not budgets or any(c.role == "deviation" for c in columns):
        return
    unnamed = [c for c in columns if c.role is None and c.year is None]

    def differences(col: Column, budget: Column) -> bool:
        rows = _mated(col, current, budget)
        agree = [d for d, c, b in rows if abs(d) == abs(c - b)]
        off = len(rows) - len(agree)
        return len(agree) >= MIN_DEVIATION_ROWS and any(agree) and \
            (off == 0 or (off == 1 and len(agree) > MIN_DEVIATION_ROWS))
    # (Budget and deviation tell each other apart so when costs print negative: the
    # deviation stands right of this year's and the budget.)
    found = [c for c in unnamed + (budgets if len(budgets) > 1 else [])
             if any(differences(c, b) and c.x1 > b.x1 for b in budgets if b is not c)
             and c.x1 > current.x1]
    if len(found) == 1:
        found[0].role = "deviation"


_YEAR_ROLES = ("current", "previous", "year")


def _years_between(columns: list[Column], fiscal_year: int | None) -> None:
    """On a scan, year columns whose years OCR lost between two dated ones (a five-year
    overview read "2023  ·  ·  ·  2019"): when the dated columns' years differ by exactly
    one a column, each column between them is its year by position. A column lost whole
    breaks the fit (two columns for three years), and nothing is guessed."""
    dated = [i for i, c in enumerate(columns) if c.year is not None and c.role in _YEAR_ROLES]
    for a, b in zip(dated, dated[1:], strict=False):
        ya, yb = columns[a].year, columns[b].year
        step = (yb - ya) // (b - a) if (yb - ya) % (b - a) == 0 else 0
        between = columns[a + 1:b]
        if abs(step) != 1 or not between or not all(
                c.role is None and c.year is None and _headless(c) and not _is_note_column(c)
                and _ocr(w for x in c.cells for w in x.words) for c in between):
            continue
        for k, col in enumerate(between, start=1):
            col.year = ya + step * k
            taken = {c.role for c in columns}
            if fiscal_year and col.year == fiscal_year and "current" not in taken:
                col.role = "current"
            elif fiscal_year and col.year == fiscal_year - 1 and "previous" not in taken:
                col.role = "previous"
            else:
                col.role = "year"


def _years_by_position(columns: list[Column], fiscal_year: int | None,
                       title: frozenset[int] = frozenset()) -> None:
    """In a table of years across, every figure column is a year, one a column, in either
    order. On a scan a column's heading may be lost or wrong (a title word over it, two years
    stretched over it, "ZO11", "2033", a year line read as a row): the figure columns, at
    least YEARS_ACROSS_MIN at one pitch, take their years by position from the years read,
    the order and offset most of them agree with (``fit_years``). A column dated so, or one
    whose year the others outvote, has its amounts doubtful. Beyond the years read, a column
    headed in words of its own ("Snitt", "%"; ``title``: the ids of the section heading's
    words, none of a column's) is no year: it keeps none."""
    cols = [c for c in columns if c.role is None and not _is_note_column(c)
            and any(x.value is not None for x in c.cells)]
    if len(cols) < YEARS_ACROSS_MIN:
        return
    edges = [_column_edge(c) for c in cols]
    pitch = (edges[-1] - edges[0]) / (len(cols) - 1)
    if pitch <= 0 or not _steady(edges, pitch):
        return
    years = fit_years([c.year for c in cols], fiscal_year)
    read = [i for i, c in enumerate(cols) if c.year is not None]
    for i, (col, year) in enumerate(zip(cols, years or (), strict=False)):
        if col.year == year or (not read[0] <= i <= read[-1] and _named(col, title)):
            continue
        col.year, col.doubtful = year, True


def _named(col: Column, title: frozenset[int]) -> bool:
    """A column heading that names something: a word of its own (none of the section
    heading's) of NAMING_MIN_LETTERS letters at least, or a share's "%". OCR's misreadings of
    a year ("ZOD", "e017", "-2033") and specks ("ee", "=E") name nothing."""
    return any(id(w) not in title and (sum(ch.isalpha() for ch in w.text) >= NAMING_MIN_LETTERS
                                       or "%" in w.text) for w in col.header)


def _column_edge(col: Column) -> float:
    """A column's right edge as its figures' median one (a mark OCR read beside one figure,
    "879921 _", stands beyond it)."""
    edges = sorted(_figure_right(c) for c in col.cells if c.value is not None)
    return edges[len(edges) // 2]


def fit_years(read: list[int | None], fiscal_year: int | None) -> list[int] | None:
    """The years of consecutive columns, one a column, from those read (None: lost): the
    order and offset more than half of the read years agree with; of two that agree with
    one year alike, the one whose newest is the report's year. None when no fit is clear or
    the fit runs past the report's year or before the first förbund.

    >>> fit_years([None, None, None, 2012, None], 2015)
    [2015, 2014, 2013, 2012, 2011]
    >>> fit_years([2017, None, 2015, 2014, 2013], 2017)
    [2017, 2016, 2015, 2014, 2013]
    >>> fit_years([2013, None, 2015], 2015)
    [2013, 2014, 2015]
    >>> fit_years([2016, None, None, 2012, None], 2016) is None  # a column lost? not known
    True
    """
    votes = Counter((year - step * i, step) for i, year in enumerate(read) if year is not None
                    for step in (-1, 1))
    if not votes:
        return None
    most = max(votes.values())
    best = [m for m, v in votes.items() if v == most]
    if len(best) > 1:
        best = [(start, step) for start, step in best
                if fiscal_year is not None and max(start, start + step * (len(read) - 1)) == fiscal_year]
    if len(best) != 1 or 2 * most <= sum(y is not None for y in read):
        return None
    start, step = best[0]
    years = [start + step * i for i in range(len(read))]
    if min(years) < FIRST_PERIOD_YEAR or (fiscal_year is not None and max(years) > fiscal_year):
        return None
    return years


def _steady(edges: list[float], pitch: float) -> bool:
    return all(abs(abs(b - a) - pitch) <= YEARS_BEYOND_PITCH * pitch
               for a, b in zip(edges, edges[1:], strict=False))


def _years_beyond(columns: list[Column], fiscal_year: int | None) -> None:
    """On a scan, a year column whose heading OCR lost with the column (its figures read
    again from the ink) at either end of a run of dated columns one year apart at one pitch
    ("2017 2016 2015 2014 ·"): its year continues theirs. Its role is a guess by position:
    its amounts are doubtful. Columns at another pitch (a note, a budget beside the years),
    or a run broken by a year OCR misread, are left as they are."""
    dated = [i for i, c in enumerate(columns) if c.year is not None and c.role in _YEAR_ROLES]
    if len(dated) < YEARS_BEYOND_MIN or dated != list(range(dated[0], dated[-1] + 1)):
        return
    years = [columns[i].year for i in dated]
    step = years[1] - years[0]
    edges = [columns[i].x1 for i in dated]
    pitch = (edges[-1] - edges[0]) / (len(edges) - 1)
    if abs(step) != 1 or any(b - a != step for a, b in zip(years, years[1:], strict=False)) \
            or not _steady(edges, pitch):
        return
    for end, k, year in ((dated[0] - 1, dated[0], years[0] - step),
                         (dated[-1] + 1, dated[-1], years[-1] + step)):
        if not 0 <= end < len(columns):
            continue
        col = columns[end]
        if col.role is not None or col.year is not None or not _headless(col) or \
                _is_note_column(col) or not _ocr(w for x in col.cells for w in x.words) or \
                not _steady([columns[k].x1, col.x1], pitch):
            continue
        col.year, col.role, col.doubtful = year, "year", True
        if fiscal_year and year == fiscal_year and "current" not in {c.role for c in columns}:
            col.role = "current"


def _pair_headless(columns: list[Column]) -> None:
    """On a scan, this year's column without the year over it ("2024" read as "2000"), right
    before last year's, or last year's right after this year's: the pair by position. A
    column headed in words ("Prognos", "Andel") is never paired, nor one born-digital."""
    roles = [c.role for c in columns]
    for i, col in enumerate(columns):
        if col.role is not None or col.year is not None or _is_note_column(col) or \
                not any(x.value is not None for x in col.cells) or not _headless(col) or \
                not _ocr(w for c in col.cells for w in c.words):
            continue
        if i + 1 < len(columns) and roles[i + 1] == "previous" and "current" not in roles:
            col.role = "current"
        elif i > 0 and roles[i - 1] == "current" and "previous" not in roles:
            col.role = "previous"
            # Beside this year's in a table with a budget, a column without a heading may
            # be the deviation ("Avvikelse" lost, its figures not differences as read).
            col.doubtful = col.doubtful or "budget" in roles
        roles = [c.role for c in columns]


def column_of(cell: Cell, columns: list[Column]) -> Column | None:
    for col in columns:
        if any(c is cell for c in col.cells):
            return col
    return None


# Numbers stay whole in narrow columns. A digit group this far (text heights) from the figures
# before it may still be theirs (wide grouping spaces), when the column edges say so.
WIDE_GROUP_GAP = DIGITAL.tables.wide_group_gap
# A cell ends at a column edge when its right edge is this close (text heights) to it.
EDGE_TOLERANCE = DIGITAL.tables.edge_tolerance
CUT_GROUP_CONFIDENCE = DIGITAL.confidence.ambiguous_column
# A right edge shared by this many rows is a column edge.
MIN_EDGE_ROWS = DIGITAL.tables.min_edge_rows
_HEAD_FIGURE_RE = re.compile(r"^(?:19|20)\d\d(?:-\d\d-\d\d)?$")


def _near(x: float, edges: list[float], tol: float) -> bool:
    return any(abs(x - e) <= tol for e in edges)


def _starts_group(cell: Cell) -> bool:
    return is_group_token(cell.words[0].text)


def _close_group(a: Cell, b: Cell, height: float) -> bool:
    """``b`` opens with a three-digit group near enough to ``a`` to continue its number."""
    return (_starts_group(b) and a.text[-1:].isdigit()
            and b.x0 - a.x1 <= WIDE_GROUP_GAP * height)


def column_edges(rows: list[list[Cell]], header: list[Word], height: float) -> list[float]:
    """Right edges of the amount columns: the year headings' when the figures stand flush
    under them; else right edges shared by several rows, except edges where every cell is
    followed by a digit group close by (the leading digits of numbers split in two) and no
    heading stands flush with them."""
    tol = EDGE_TOLERANCE * height
    cells = [c for row in rows for c in row]
    # Two headings ending at one place are one edge: a scan's year boxed over the next column
    # to its right edge ("2021" from 454 to 541 beside "2020") heads no column of its own.
    heads: list[float] = []
    for x1 in sorted(w.x1 for w in header if _HEAD_FIGURE_RE.match(w.text)):
        if not heads or x1 - heads[-1] > tol:
            heads.append(x1)
    flush = sum(1 for h in heads if any(abs(c.x1 - h) <= tol for c in cells))
    if len(heads) >= 2 and 2 * flush >= len(heads):
        return heads
    found: list[list[tuple[int, int]]] = []  # per edge: (row, index in row)
    for x1, r, i in sorted((c.x1, r, i) for r, row in enumerate(rows) for i, c in enumerate(row)):
        if found and x1 - rows[found[-1][-1][0]][found[-1][-1][1]].x1 <= tol:
            found[-1].append((r, i))
        else:
            found.append([(r, i)])
    edges = []
    for members in found:
        if len({r for r, _ in members}) < MIN_EDGE_ROWS:
            continue
        x1 = sum(rows[r][i].x1 for r, i in members) / len(members)
        leading = all(i + 1 < len(rows[r]) and _close_group(rows[r][i], rows[r][i + 1], height)
                      for r, i in members)
        # A heading flush with the edge ("Not") makes it a column whatever follows it.
        if not leading or _near(x1, [w.x1 for w in header], tol):
            edges.append(x1)
    return edges


def _whole(cell: Cell) -> bool:
    return cell.value is not None and is_regular_grouping(cell.text)


def mend_numbers(cells: list[Cell], edges: list[float], height: float,
                 ended: list[float] | None = None) -> list[Cell]:
    """One row's cells with numbers made whole by the column edges: a number cut before a
    digit group (the group ends at a column edge, the part before it at none) is joined; a
    cell that runs over two column edges is cut at the first. ``ended``: the edges figures
    of the table end at (``ended_edges``), the only ones a cell is cut over."""
    tol = EDGE_TOLERANCE * height
    out: list[Cell] = []
    for cell in cells:
        parts = _cut_at_edges(cell, edges, tol)
        out += parts if len(parts) > 1 else _cut_over_edge(cell, ended or [], tol)
    i = len(out) - 1
    while i > 0:
        a, b = out[i - 1], out[i]
        if (_close_group(a, b, height) and _near(b.x1, edges, tol)
                and not _near(a.x1, edges, tol)):
            joined = make_cell(a.words + b.words)
            if _whole(joined):
                out[i - 1:i + 1] = [joined]
        i -= 1
    return out


def _cut_at_edges(cell: Cell, edges: list[float], tol: float) -> list[Cell]:
    if not _near(cell.x1, edges, tol):
        return [cell]
    for k in range(1, len(cell.words)):
        end = cell.words[k - 1].x1
        if _near(end, edges, tol) and abs(end - cell.x1) > tol:
            left, right = make_cell(cell.words[:k]), make_cell(cell.words[k:])
            if _whole(left) and _whole(right):
                if _head_group(left, right):
                    # "17 | 607 130": as printed, one figure's leading digits and the rest
                    # ("17 607 130") as well as two columns' figures; only the edge, found
                    # from rows OCR may have garbled, tells them apart: both doubtful.
                    left, right = (replace(c, confidence=min(c.confidence, CUT_GROUP_CONFIDENCE))
                                   for c in (left, right))
                return [left, *_cut_at_edges(right, edges, tol)]
    return [cell]


def _centre(cell: Cell) -> float:
    return (cell.x0 + cell.x1) / 2


def ended_edges(rows: list[list[Cell]], edges: list[float], height: float) -> list[float]:
    """The column edges figures end at, MIN_EDGE_ROWS cells at least (a year heading's end
    over figures set right of it is no such edge)."""
    tol = EDGE_TOLERANCE * height
    return [e for e in edges
            if sum(_near(c.x1, [e], tol) for row in rows for c in row) >= MIN_EDGE_ROWS]


def _cut_over_edge(cell: Cell, edges: list[float], tol: float) -> list[Cell]:
    """A cell over a column edge inside it, of two whole numbers, the first standing mostly
    left of that edge and the second right of it ("797.213 677.628" read as one figure: a
    scan boxed the first 18 pt past its column's edge, a word space from the next figure):
    cut between them, both doubtful (the edge, not the words, says where the figures part).
    A figure cannot stand over another column's edge as printed. Of several such cuts
    ("797 | 213 677 628", "797 213 | 677 628"), the one whose first part ends nearest the
    edge."""
    inner = [e for e in edges if cell.x0 + tol < e < cell.x1 - tol]
    if not inner:
        return [cell]
    edge = inner[0]
    splits = [(k, make_cell(cell.words[:k]), make_cell(cell.words[k:]))
              for k in range(1, len(cell.words))]
    cuts = [k for k, left, right in splits
            if _whole(left) and _whole(right) and _centre(left) < edge < _centre(right)]
    if not cuts:
        return [cell]
    cut = min(cuts, key=lambda k: abs(cell.words[k - 1].x1 - edge))
    # The first figure ends at the edge, as printed: boxed past it, it made a column of its own
    # between the two and took the year heading from the figures of its own column.
    head = cell.words[:cut]
    head[-1] = replace(head[-1], x1=min(head[-1].x1, edge))
    left, right = (replace(c, confidence=min(c.confidence, CUT_GROUP_CONFIDENCE))
                   for c in (make_cell(head), make_cell(cell.words[cut:])))
    return [left, *_cut_at_edges(right, edges, tol)]


def _head_group(left: Cell, right: Cell) -> bool:
    """``left`` one word of at most a digit group's digits, ``right`` opening with a group."""
    return len(left.words) == 1 and is_lead_group_token(left.words[0].text) and \
        is_group_token(right.words[0].text)
