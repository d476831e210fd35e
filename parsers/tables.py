"""What every table section shares: heading lines, columns, rows, units and amounts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from core.lexicon import Lexicon, fold, fold_per
from core.numbers import is_numeric_token
from core.ocrtext import LABEL_EDGE_MARKS, LONE_LINE_MARKS, before_rule_run, junk_word
from core.settings import DIGITAL, OCR
from core.types import Amount, Word
from parsers.columns import (
    Column,
    assign_roles,
    attach_headers,
    column_edges,
    column_of,
    ended_edges,
    find_columns,
    mend_numbers,
    without_spanning,
)
from parsers.layout import Cell, Line
from parsers.rows import (
    YEAR_RE,
    Row,
    build_rows,
    glued_year_line,
    is_header_line,
    is_year_cell,
    year_cells_only,
)

# A "tkr" heading is believed only when every amount stays below this (1 000 000 tkr =
# 1 000 MSEK, far above any förbund); larger figures are kronor under a mislabelled heading.
TKR_PLAUSIBLE_MAX = DIGITAL.tables.tkr_plausible_max
# Rows with longer labels are prose, not table rows.
MAX_LABEL_WORDS = DIGITAL.tables.max_label_words
# "previous_budget": last year's budget ("Budget föregående år"), stored as last year's.
VALUE_ROLES = ("current", "previous", "budget", "deviation", "bokslut", "year", "previous_budget")
# Roles that hold no year's outcome: a plan for a year, or the difference from one.
PLAN_ROLES = ("budget", "previous_budget", "deviation")


@dataclass
class TableRow:
    label: str
    page: int
    amounts: list[Amount] = field(default_factory=list)
    note_ref: int | None = None
    order: int = 0
    has_cells: bool = False
    # The words its label was read from: its key is no surer than they are (key_words_cap).
    key_words: list[Word] = field(default_factory=list)
    # Junk OCR read out of its first figure, dropped from its label (Line.junk_tail).
    junk_tail: bool = False


@dataclass
class Table:
    rows: list[TableRow]
    columns: list[Column]
    unit: str = "kr"  # kr, tkr, or "kr (heading says tkr)"
    unit_source: str = "none"  # heading, document or none (kr assumed)


def _first_data_index(lines: list[Line], years_across: bool = False) -> int:
    for i, line in enumerate(lines):
        if line.cells and not year_cells_only(line) and not glued_year_line(line) and \
                not (years_across and _year_line(line)):
            return i
    return len(lines)


def _year_line(line: Line) -> bool:
    """A scan's line of years over a table of years across, read with specks and a shaded
    band's junk ("Hi aioe SS)  e017  2016  = 2015 _—  2014  2013"): at least two years as
    cells, every other cell no figure or one with a year's digits in it ("= 2015 _—")."""
    return sum(1 for c in line.cells if is_year_cell(c)) >= 2 and all(
        is_year_cell(c) or c.value is None or YEAR_RE.search(c.text) for c in line.cells)


def printed_unit(lines: list[Line], lexicon: Lexicon) -> str | None:
    """"tkr" or "kr" when a heading line carries one of the lexicon's unit phrases, else None."""
    phrases = lexicon.unit_phrases
    for line in lines:
        padded = f" {fold(line.text)} "
        for phrase, unit in phrases:  # tkr first: "belopp i tkr" also holds no "kr" word
            if f" {phrase} " in padded:
                return unit
    return None


LOOSE_LEAD_SCORE = DIGITAL.tables.loose_unit_lead_score
LOOSE_MAX_EDITS = DIGITAL.tables.loose_unit_max_edits
LOOSE_MIN_CHARS = DIGITAL.tables.loose_unit_min_chars
LOOSE_UNIT_CONFIDENCE = DIGITAL.tables.loose_unit_confidence
UNREAD_UNIT_CONFIDENCE = DIGITAL.tables.unread_unit_confidence
LONE_SIGN_MIN_YEARS = DIGITAL.tables.lone_sign_min_years
LONE_SIGN_CONFIDENCE = DIGITAL.tables.lone_sign_confidence
YEAR_PIECE_DIGITS = DIGITAL.tables.year_piece_digits
UNIT_HEADING_MIN_YEARS = DIGITAL.tables.unit_heading_min_years
_YEAR_ROLES = ("current", "previous", "year")
# A figure as OCR read it cleanly; a figure too large for its tkr table is doubtful.
OCR_CONFIDENCE = DIGITAL.confidence.ocr
OUTLIER_CONFIDENCE = DIGITAL.confidence.breaks_arithmetic
AMBIGUOUS_COLUMN_CONFIDENCE = DIGITAL.confidence.ambiguous_column


def loose_unit(lines: list[Line], lexicon: Lexicon) -> str | None:
    """The unit of an OCR'd heading line whose unit phrase OCR damaged ("Beloip tpkr"): a word
    after a lead word ("belopp", loosely) that is a letter off one unit's word and nearer to
    no other unit's. Short words ("kr", "år") are never read loosely: a letter makes them
    another word."""
    words = [(p, u) for p, u in lexicon.unit_phrases if " " not in p and len(p) >= LOOSE_MIN_CHARS]
    words += [(p, "") for p in lexicon.other_unit_words]  # nearest to these: no unit of ours
    for line in lines:
        if all(w.confidence >= 1 for w in line.words):
            continue  # a born-digital line says its unit as printed, or not at all
        tokens = [fold(w.text).strip(".,:;()") for w in line.words]
        for i, token in enumerate(tokens):
            if not any(fuzz.ratio(token, lead) >= LOOSE_LEAD_SCORE for lead in lexicon.unit_lead_words):
                continue
            for cand in (t for t in tokens[i + 1:i + 3] if len(t) >= LOOSE_MIN_CHARS):
                edits = {u: min(Levenshtein.distance(cand, p) for p, uu in words if uu == u)
                         for u in {u for _, u in words}}
                best = min(edits.values())
                near = [u for u, d in edits.items() if d == best]
                if best <= LOOSE_MAX_EDITS and len(near) == 1:
                    return near[0] or None
    return None


def unit_unread(lines: list[Line], lexicon: Lexicon) -> bool:
    """An OCR'd heading line that says a unit OCR damaged beyond reading: a lead word
    ("Belopp", loosely) with a word after it that is no unit read ("Belopp i rön" for "Belopp
    i kronor"). Whether its table is in tkr or kronor is not known."""
    for line in lines:
        if all(w.confidence >= 1 for w in line.words):
            continue
        tokens = [fold(w.text).strip(".,:;()") for w in line.label_words]
        for i, token in enumerate(tokens):
            if i + 1 < len(tokens) and any(fuzz.ratio(token, lead) >= LOOSE_LEAD_SCORE
                                           for lead in lexicon.unit_lead_words):
                return True
    return False


def kr_qualifier_unread(lines: list[Line], lexicon: Lexicon) -> bool:
    """An OCR'd heading line whose kronor follow a word OCR damaged after the lead ("Belopp i
    ntal kronor" for "Belopp i tusental kronor"): no word of a unit phrase, it may have made
    the table's kronor thousands. Whether its table is in tkr or kronor is not known."""
    kr_words = {p for p, u in lexicon.unit_phrases if u == "kr" and " " not in p}
    phrase_words = {t for p, _ in lexicon.unit_phrases for t in p.split()}
    for line in lines:
        if all(w.confidence >= 1 for w in line.words):
            continue
        tokens = [fold(w.text).strip(".,:;()") for w in line.label_words]
        for i, token in enumerate(tokens):
            if not any(fuzz.ratio(token, lead) >= LOOSE_LEAD_SCORE for lead in lexicon.unit_lead_words):
                continue
            rest = tokens[i + 1:]
            k = next((j for j, t in enumerate(rest) if t in kr_words), None)
            if k is not None and any(t not in phrase_words and any(ch.isalpha() for ch in t)
                                     for t in rest[:k]):
                return True
    return False

def _unit_heading(line: Line, lexicon: Lexicon) -> bool:
    """A line whose label prints a unit ("Belopp i tkr") and whose cells are the years but
    one: a column heading with a speck OCR read as a figure. Its other cells may be pieces of
    a year OCR split ("2021 2020 2019 20 18 2017"): no figure has so few digits there."""
    years = sum(1 for c in line.cells if is_year_cell(c))
    pieces = all(c.value is not None and len(str(abs(c.value))) <= YEAR_PIECE_DIGITS
                 for c in line.cells if not is_year_cell(c))
    # Over a ruled narrow table, dashes between the years read again as figures ("129", "174")
    # and a year read with a mark ("— j2020"): most cells of the unit's line years still.
    most = years >= UNIT_HEADING_MIN_YEARS and 2 * years > len(line.cells)
    return years >= 2 and (years == len(line.cells) - 1 or pieces or most) and \
        printed_unit([line], lexicon) is not None


def _mend_numbers(data: list[Row], header: list) -> None:
    """Digit groups of one number split over two columns are joined (narrow columns)."""
    heights = sorted(c.bottom - c.top for r in data for c in r.cells)
    if not heights:
        return
    height = heights[len(heights) // 2]
    edges = column_edges([r.cells for r in data], header, height)
    ended = ended_edges([r.cells for r in data], edges, height)
    for row in data:
        mended = mend_numbers(row.cells, edges, height, ended)
        if [id(c) for c in mended] != [id(c) for c in row.cells]:
            row.cells = mended  # a new list: the line keeps its own cells


def _amount(cell: Cell, col: Column, scale: int, page: int) -> Amount:
    confidence = min(cell.confidence, AMBIGUOUS_COLUMN_CONFIDENCE) if col.doubtful else cell.confidence
    return Amount(col.role or "", col.year, (cell.value or 0) * scale, cell.raw_text, page,
                  (cell.x0, cell.top, cell.x1, cell.bottom), confidence, scale)


def parse_table(lines: list[Line], lexicon: Lexicon, fiscal_year: int | None,
                heading_lines: int = 1, document_unit: str | None = None,
                years_across: bool = False) -> Table:
    """``heading_lines``: how many first lines are the section heading (never data);
    ``document_unit``: the unit the report states for all its tables, taken when the table
    prints none of its own; ``years_across``: its figure columns are consecutive years
    (``[layout] years_across``)."""
    start = heading_lines + _first_data_index(lines[heading_lines:], years_across)
    # A column-heading line with the unit and the years, where a speck was read as a figure
    # too ("Belopp i tkr   3   2017  2016"), is a heading line still.
    speck = start < len(lines) and _unit_heading(lines[start], lexicon)
    start += speck
    header = lines[:start]
    # Label-only lines between the heading and the first amounts (a note's first group
    # name) are rows too; only real column-heading lines are left out.
    years = [ln for ln in lines[heading_lines:start]
             if (years_across and _year_line(ln)) or glued_year_line(ln)]
    body = [ln for ln in lines[heading_lines:]
            if not is_header_line(ln) and not (speck and ln is lines[start - 1])
            and not any(ln is y for y in years)]
    rows = build_rows(body)
    data = [r for r in rows if r.cells and len(r.label.split()) <= MAX_LABEL_WORDS]
    _mend_numbers(data, [w for ln in header for w in ln.words])
    columns = without_spanning(find_columns(data))
    attach_headers(columns, _heading_words(header, heading_lines), fiscal_year)
    assign_roles(columns, lexicon, fiscal_year, years_across,
                 frozenset(id(w) for ln in lines[:heading_lines] for w in ln.words))
    unit, source = printed_unit(header, lexicon), "heading"
    loose = unit is None and not document_unit and (unit := loose_unit(header, lexicon)) is not None
    unread = unit is None and not document_unit and unit_unread(header, lexicon)
    if unit == "kr" and kr_qualifier_unread(header, lexicon):
        # "Belopp i ntal kronor": the word OCR damaged may have made the kronor thousands.
        # The report's own unit sentence says which; without one the unit is not known,
        # and the links and magnitudes a table without a unit gets decide (parsers/document).
        unread, unit = True, None
    if unit is None:
        unit, source = (document_unit, "document") if document_unit else ("kr", "none")
    cells = [c for r in data for c in r.cells if c.value is not None]
    scale, outliers = 1, []
    if unit == "tkr":
        big = [c for c in cells if abs(c.value) >= TKR_PLAUSIBLE_MAX]
        outliers = _misread_outliers(big, cells)
        if big and not outliers:
            unit = f"kr ({source} says tkr)"
        else:
            scale = 1000
    out: list[TableRow] = []
    edge = _label_edge(rows)
    for order, row in enumerate(rows):
        own = own_scale(row.label, [c.value for c in row.cells if c.value is not None], lexicon)
        row_scale = scale if own is None else own
        out.append(_table_row(row, order, columns, row_scale, {id(c) for c in outliers},
                              lambda label, row=row: _without_margin_speck(row, label, edge, lexicon)))
    for trow in out:
        _doubt_lone_sign(trow)
    if loose or unread:  # the unit read through OCR damage, or not at all: less sure
        cap = min([LOOSE_UNIT_CONFIDENCE] * loose + [UNREAD_UNIT_CONFIDENCE] * unread)
        for a in (a for r in out for a in r.amounts):
            a.confidence = min(a.confidence, cap)
    return Table(out, columns, unit, source)


def _heading_words(header: list[Line], heading_lines: int) -> list:
    """The words that head the columns: a year in the section's heading line ("Årsredovisning
    2010 – Resultaträkning", a running header that names the statement, right-aligned over
    the last column) heads no column when the column-heading lines below print years."""
    below = [w for ln in header[heading_lines:] for w in _as_mended(ln)]
    if not any(YEAR_RE.fullmatch(w.text) for w in below):
        return [w for ln in header for w in _as_mended(ln)]
    return [w for ln in header[:heading_lines] for w in _as_mended(ln)
            if not YEAR_RE.search(w.text)] + below


def _as_mended(line: Line) -> list[Word]:
    """A heading line's words as its cells read them: a year a repair made whole ("201",
    its last digit cut by a scan's upright line, mended to "2011") heads its column as
    mended, not as OCR read it."""
    cells = [w for c in line.cells for w in c.words]
    if all(any(w is v for v in line.words) for w in cells):
        return line.words
    kept = [w for w in line.words if not any(c.x0 <= (w.x0 + w.x1) / 2 <= c.x1 for c in line.cells)]
    return sorted([*kept, *cells], key=lambda w: w.x0)


def _doubt_lone_sign(row: TableRow) -> None:
    """A scanned row over many years ("Kostnader  −4 388 912  −3 702 118 ...") whose figures
    all carry one sign but one: OCR loses a thin minus, and reads a ruling line beside a
    figure as one, far more often than a year's sign turns alone; that figure is doubtful."""
    years = [a for a in row.amounts if a.column in _YEAR_ROLES and a.value]
    if len(years) < LONE_SIGN_MIN_YEARS or all(a.confidence >= 1 for a in years):
        return
    negative = [a for a in years if a.value < 0]
    positive = [a for a in years if a.value > 0]
    lone = negative if len(negative) == 1 else positive if len(positive) == 1 else []
    for a in lone:
        a.confidence = min(a.confidence, LONE_SIGN_CONFIDENCE)


def unscaled_label(label: str, lexicon: Lexicon) -> bool:
    """A row label that names a share or a count ("Soliditet %", "Antal deltagare"): the
    row's figures are stored as printed, whatever the table's unit."""
    tokens = [fold(t) or t for t in (w.strip(".,:;()/") for w in label.lower().split())]
    # "Kostnad per deltagare" is money still.
    if not tokens or set(tokens) & lexicon.count_words.money_words:
        return False
    # A share word right after a figure is a rate the label names ("Löneskatt 24,26 %").
    shares = any(t in lexicon.unscaled_row_words and not (k and is_numeric_token(tokens[k - 1]))
                 for k, t in enumerate(tokens))
    return shares or tokens[0] in lexicon.unscaled_head_words


PER_PERSON_KRONOR_MIN = DIGITAL.tables.per_person_kronor_min


def label_unit(label: str, lexicon: Lexicon) -> str | None:
    """The unit a row's label states for its own figures as its last word ("Kostnad per
    deltagare, kr", "… (tkr)", "… i kronor"), else None."""
    words = label.split()
    last = fold(words[-1]) if words else ""
    if not last or len(words) < 2:
        return None
    return next((unit for phrase, unit in lexicon.unit_phrases if phrase == last), None)


def own_scale(label: str, values: list[int], lexicon: Lexicon) -> int | None:
    """The scale a row's own label decides for its figures, whatever its table's unit: 1 for
    a share or a count ("Soliditet %"), the unit it states ("Kostnad per deltagare, kr": 1;
    "…, tkr": 1000), 1 for a row about one person whose figures are too large for tkr
    ("Kostnad per deltagare  45 300"); None when the row follows its table."""
    if unscaled_label(label, lexicon):
        return 1
    unit = label_unit(label, lexicon)
    if unit is not None:
        return 1000 if unit == "tkr" else 1
    padded = f" {fold_per(label)} "
    if any(f" {p} " in padded for p in lexicon.per_person_phrases) and values \
            and max(abs(v) for v in values) >= PER_PERSON_KRONOR_MIN:
        return 1
    return None


def _misread_outliers(big: list[Cell], cells: list[Cell]) -> list[Cell]:
    """The one figure too large for tkr in an OCR'd table of tkr-sized ones, read with
    irregular grouping or repaired ("151692333": two columns read as one): a misread, not
    a sign that the table is in kronor (a kronor table has its total, its items or another
    year's column above the limit too). Empty when the figures say kronor."""
    if len(big) != 1 or len(cells) < 2 or big[0].confidence >= OCR_CONFIDENCE:
        return []
    return big


def _label(row: Row) -> str:
    """The row's label; a colon OCR glued to its last word from a speck ("Fordran moms:"
    beside the row's figures) is no part of it, and marks alone (";" where a scan lost
    "Summa") are no label."""
    label = _without_far_capitals(row, row.label.strip())
    if label and not any(ch.isalnum() for ch in label) and any(c.value is not None for c in row.cells):
        return ""
    words = [w for ln in row.lines for w in ln.label_words]
    if label.endswith(":") and any(c.value is not None for c in row.cells) and words \
            and words[-1].text.endswith(":") and words[-1].confidence < 1:
        label = label.rstrip(":").rstrip()
    if words and any(w.confidence < 1 for w in words):
        return _without_rule_marks(label)
    return label


# A speck read as a word stands in this share of the margin, nearest the page's edge.
MARGIN_SPECK_SHARE = OCR.layout.margin_speck_share


def _label_edge(rows: list[Row]) -> float | None:
    """Where the table's labels begin: the median left edge of its rows' first label words."""
    edges = sorted(words[0].x0 for r in rows if (words := [w for ln in r.lines for w in ln.label_words]))
    return edges[len(edges) // 2] if edges else None


def _without_margin_speck(row: Row, label: str, edge: float | None, lexicon: Lexicon) -> str:
    """An OCR'd label without a first word of junk (``core.ocrtext.junk_word``) that stands
    at the page's edge, in the outer MARGIN_SPECK_SHARE of the margin left of where the
    table's labels begin, when the word after it begins there ("TT Bidrag från
    Försäkringskassan", "x2 Fordran moms": a smear at the scan's edge read as letters); the
    label had keyed nothing."""
    words = [w for ln in row.lines for w in ln.label_words]
    if edge is None or len(words) < 2 or words[0].confidence >= 1 or not label.startswith(words[0].text):
        return label
    first, second = words[0], words[1]
    h = first.bottom - first.top
    # At the scan's edge (the outer third of the margin): an outdented "a)" or "II" is printed.
    if first.x0 >= edge * MARGIN_SPECK_SHARE or abs(second.x0 - edge) > h or \
            not junk_word(first.text, lexicon.vocabulary, lexicon.short_words):
        return label
    return label[len(first.text):].lstrip()


# A label's last word this far (text heights) after its others, beside the figures, is none
# of its words.
LABEL_GUTTER = OCR.gaps.gutter_gap


def _without_far_capitals(row: Row, label: str) -> str:
    """An OCR'd label without a last word of capitals standing far after its other words and
    right before the row's figures ("licenser        SELES IS"): a ruling line through a
    figure read as letters."""
    words = [w for ln in row.lines for w in ln.label_words]
    if len(words) < 2 or not row.cells or words[-1].confidence >= 1:
        return label
    last, before = words[-1], words[-2]
    h = last.bottom - last.top
    if any(c.islower() for c in last.text) or not any(c.isalpha() for c in last.text) or \
            not label.endswith(last.text) or last.x0 - before.x1 <= LABEL_GUTTER * h or \
            min(c.x0 for c in row.cells) - last.x1 > LABEL_GUTTER * h:
        return label
    return label[:-len(last.text)].rstrip()


# Marks a scan's ruling line or specks leave at a label's ends ("- Arbetsgivaravgifter",
# "Lön tjänstemän =", "Övriga intäkter-").
_RULE_MARKS = LABEL_EDGE_MARKS
_LINE_MARKS = LONE_LINE_MARKS
_STOPS = ".,:;"
# A ruling line read as letters after such a mark: words this short, in lower case.
LINE_WORD_MAX_CHARS = OCR.gaps.misread_max_chars


def _without_rule_marks(label: str) -> str:
    """An OCR'd label without the words of rule marks alone at its ends, nor such marks
    glued to its first or last word; a label of marks alone is left as it is."""
    words = _without_ruled_tail(before_rule_run(label).split())
    # A word of such marks and stops alone ("=:", a speck and a dot beside it) goes too.
    while words and not words[0].strip(_RULE_MARKS + _STOPS):
        words = words[1:]
    while words and not words[-1].strip(_RULE_MARKS + _STOPS):
        words = words[:-1]
    if not words:
        return label
    # Marks glued to a word of letters or digits only: a word of signs alone ("+/-", a
    # legend) is printed so.
    if any(c.isalnum() for c in words[0]):
        words[0] = words[0].lstrip(_RULE_MARKS)
    if any(c.isalnum() for c in words[-1]):
        words[-1] = words[-1].rstrip(_RULE_MARKS)
    return _without_lone_quote(" ".join(w for w in words if w))


# Quotation marks: a label may quote a name ("Projekt ”Steget”"), never open or close with
# one it does not pair.
_QUOTES = "‘’'`\"“”„"


def _without_lone_quote(label: str) -> str:
    """An OCR'd label without a quotation mark at its start or end that no other quotation
    mark in it pairs (a speck read as "‘" before "Dataprogram och licenser": the note item
    was stored under "‘Dataprogram och licenser")."""
    if sum(c in _QUOTES for c in label) != 1:
        return label
    core = label.strip(_QUOTES)
    return core if core and len(core) == len(label) - 1 else label


def _without_ruled_tail(words: list[str]) -> list[str]:
    """The words before a line mark standing alone after the label ("Sydkust- = mer soo")
    when only short lower-case letters follow it (the line read as letters): no label's."""
    for i, word in enumerate(words[1:], 1):
        if word.strip(_LINE_MARKS):
            continue
        rest = [w.strip(_RULE_MARKS) for w in words[i + 1:]]
        if all(not w or (len(w) <= LINE_WORD_MAX_CHARS and w.isalpha() and w.islower()) for w in rest):
            return words[:i]
    return words


def _table_row(row: Row, order: int, columns: list[Column], scale: int,
               doubtful: set[int], clean: Callable[[str], str] = lambda label: label) -> TableRow:
    """``clean``: what the table's geometry drops from the row's label (a margin speck)."""
    # A mark OCR left beside a label (":" from a speck, no figure on re-reading) is no cell:
    # the line is a label, a note's group heading ("Personalkostnader  :"). Letters where a
    # figure stands ("TOR i") are a figure misread: the line stays a row.
    trow = TableRow(clean(_label(row)), row.page, order=order, has_cells=any(
        c.value is not None or c.confidence > 0 or any(ch.isalnum() for ch in c.text)
        for c in row.cells))
    if len(row.label.split()) > MAX_LABEL_WORDS:
        trow.has_cells = False
        return trow
    # Words dropped from the label (a ruling line read as letters) name nothing.
    trow.key_words = [w for ln in row.lines for w in ln.label_words
                      if (core := w.text.strip(_RULE_MARKS)) and core in trow.label]
    trow.junk_tail = any(ln.junk_tail for ln in row.lines)
    taken: set[str] = set()
    for cell in row.cells:
        col = column_of(cell, columns)
        if col is None or cell.value is None:
            continue
        if col.role == "note":
            trow.note_ref = cell.value
        elif col.role in VALUE_ROLES and col.role not in taken:
            taken.add(col.role if col.role != "year" else f"year{col.year}")
            trow.amounts.append(_amount(cell, col, scale, row.page))
            if id(cell) in doubtful:
                trow.amounts[-1].confidence = min(cell.confidence, OUTLIER_CONFIDENCE)
    return trow
