"""Participant counts: the summary table per insats, the history table and the insats forms.

Every count is read the same way, whatever the layout: its *measure* (deltagare, nya,
avslutade, till_arbete, aldersspann_16_24, ...) and its *group* (total, kvinnor, man,
icke_binar) come from the column heading above it, the row label beside it, or the block
heading it stands under ("Avslut mot", "Ålder på nyinskrivna deltagare"), all looked up in
the lexicon's ``[participants]`` tables. A summary table has insatser as rows and measures
as columns, a history table years as rows, a form measures as rows and one count column, a
statistics table measures as rows and groups as columns: one reader covers all four.
Free-form reports write the same facts as lines ("Totalt antal deltagare under året 51 st
(32 kvinnor, 19 män, 0 ej angivet)"); those are read from the line's words.

Headings and labels are looked up as printed, then with the lexicon's abbreviations expanded
("Antal nya delt.", "Kv"); an exit row also by its outcome alone ("Utskrivna till arbete" →
till_arbete). Every count says how its key was found (``key_match``): ``exact``,
``fuzzy:<score>`` (a loose lexicon match, an OCR-damaged form row matched to a known one, a
loosely matched insats name) or ``unkeyed`` (a form row keyed by its own words).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from core.lexicon import Lexicon, fold, key_match, measure_key, weakest
from core.settings import DIGITAL, OCR
from core.types import Count
from ingest.pdftext import Word
from parsers.columns import Column, attach_stacked_headers, find_columns
from parsers.layout import Cell, Line, group_lines
from parsers.prose_counts import prose_counts
from parsers.rows import Row, is_year_cell
from parsers.sections import Section

PARTICIPANT_SECTIONS = ("deltagare", "insatsrapport")
# A participant count never comes near this; larger figures are amounts or dates.
MAX_COUNT = DIGITAL.counts.max_count
# A table's heading lines are at most this many lines above its first row.
MAX_HEADER_LINES = DIGITAL.counts.max_header_lines
# Heading lines of a table follow each other closer than this (gap, in text heights).
HEADING_GAP = DIGITAL.counts.heading_gap
# A label without a count inside a form block's table, this short, is a row left blank.
MAX_BLANK_ROW_WORDS = DIGITAL.counts.max_blank_row_words
# Rows with longer labels are prose, not table rows.
MAX_LABEL_WORDS = DIGITAL.counts.max_label_words
# A year right after a label ("Inskrivna totalt under 2024  48") belongs to the label when
# the gap is below this many text heights; a year column stands further off.
LABEL_YEAR_GAP = DIGITAL.counts.label_year_gap
# A count printed with a stray mark ("1c", "3*") is kept, less sure.
STRAY_MARK_CONFIDENCE = DIGITAL.confidence.stray_mark
# A count glued to its unit ("5st", "12st.="): digits, then letters, then marks only.
_GLUED_UNIT_RE = re.compile(r"^(\d{1,5})([^\W\d_]+)\W*$")
_STRAY_RE = re.compile(r"^(\d{1,4})[^\d\s]{1,2}$")
_YEAR_END_RE = re.compile(r"\b\d{4}-12-31\b|\b31 dec")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_AGE_RE = re.compile(r"^(\d{2})\s*[-–]\s*(\d{2})(?:\s*år)?$")


@dataclass
class _RowMeaning:
    measure: str | None = None
    group: str | None = None
    insats: str | None = None
    period_year: int | None = None
    source: str | None = None
    how: str = "exact"


def _count_cells(line: Line) -> bool:
    return bool(line.cells) and all(
        c.value is not None and 0 <= c.value < MAX_COUNT or is_year_cell(c) for c in line.cells
    ) and len(line.label.split()) <= MAX_LABEL_WORDS


def _split_label_year(line: Line) -> tuple[str, list[Cell]]:
    cells = list(line.cells)
    label = line.label
    if label and cells and is_year_cell(cells[0]) and line.label_words:
        gap = cells[0].x0 - line.label_words[-1].x1
        if gap <= LABEL_YEAR_GAP * line.height:
            label, cells = f"{label} {cells[0].text}", cells[1:]
    return label, cells


def _stray_count(line: Line) -> tuple[str, int, Cell] | None:
    """"saknas 1c": a count with a stray mark glued on, read as 1."""
    if not line.label_words or line.cells:
        return None
    last = line.label_words[-1]
    m = _STRAY_RE.match(last.text)
    if not m or len(line.label_words) < 2:
        return None
    cell = Cell([last], int(m.group(1)), STRAY_MARK_CONFIDENCE * last.confidence)
    return " ".join(w.text for w in line.label_words[:-1]), cell.value, cell


class _Reader:
    def __init__(self, section: Section, lexicon: Lexicon, fiscal_year: int | None):
        self.lx = lexicon
        self.fiscal_year = fiscal_year
        self.insats = section.title if section.kind == "insatsrapport" else ""
        self.source = "form" if section.kind == "insatsrapport" else "summary"
        self.block = "deltagare"
        self.counts: list[Count] = []
        # The measure of the last row that named one: group rows below it ("varav kvinnor")
        # count the same people. Reset where a table or block starts.
        self.last_measure: str | None = None

    # --- meanings ------------------------------------------------------------------------
    def column_meaning(self, col: Column) -> tuple[str, str | None, str]:
        """(kind, argument, key_match) of a count column from its heading words."""
        # Line by line, left to right: OCR'd tops of one line differ by a fraction of a point
        # ("delt." a hair above "Nya" is still "Nya delt.").
        text = " ".join(w.text for line in group_lines(col.header) for w in line)
        if not text.strip():
            return "value", None, "exact"
        if _YEAR_END_RE.search(text):
            return "year_end", None, "exact"  # "2024-12-31": the count at the year's end
        hit = self.lx.participant_column_match(text)
        years = _YEAR_RE.findall(text)
        if hit is None and len(years) == 1:
            return "year", years[0], "exact"  # "2024 | 2023": the row's count of that year
        if hit is None:
            return "value", None, "exact"
        kind, _, arg = hit[0].partition(":")
        return kind, arg or None, key_match(hit[1])

    def row_meaning(self, label: str, year: int | None, has_measure_columns: bool) -> _RowMeaning | None:
        if year is not None and not label.strip():
            return _RowMeaning(insats="", period_year=year, source="history")
        if not label.strip():
            return None
        if self.lx.is_total_label(label) or self.lx.starts_like_total(label):
            if has_measure_columns and not self.insats:
                return _RowMeaning(insats="")
            return _RowMeaning(measure=f"{self.block}_summa" if self.block != "deltagare"
                               else "deltagare")
        age = _AGE_RE.match(label.strip())
        if age:
            return _RowMeaning(measure=f"aldersspann_{age.group(1)}_{age.group(2)}")
        hit = self._row(self.block, label)
        if hit is not None:
            return hit
        if has_measure_columns and not self.insats:
            return _RowMeaning(insats=label.strip())
        if self.block != "deltagare":
            return _RowMeaning(measure=f"{self.block}_{measure_key(label.strip(' :*'))}",
                               how="unkeyed")
        # Statistics tables mix the deltagare and avslut rows under one heading.
        return self._any_block_row(label)

    def _row(self, block: str, label: str) -> _RowMeaning | None:
        hit = self.lx.participant_row_match(block, label)
        if hit is None:
            return None
        kind, _, arg = hit[0].partition(":")
        how = key_match(hit[1])
        if kind != "group":
            return _RowMeaning(measure=hit[0], how=how)
        # "varav kvinnor" under "Nya deltagare": the group of the row above's measure; a bare
        # "Kvinnor" row counts the deltagare, wherever it stands.
        first = fold(label).split()[:1]
        subset = bool(first) and first[0] in self.lx.count_words.subset_words
        return _RowMeaning(measure=(self.last_measure if subset else None) or "deltagare",
                           group=arg, how=how)

    # --- tables --------------------------------------------------------------------------
    def table(self, lines: list[Line], header: list[Line]) -> None:
        # "2024  2023" over the counts (alone or after the title): headings, not a row.
        while lines and lines[0].cells and all(is_year_cell(c) for c in lines[0].cells) and \
                not self.lx.participant_row(self.block, lines[0].label):
            header, lines = [*header, lines[0]], lines[1:]
        if not lines:
            return
        prepared = []
        for ln in lines:
            label, cells = _split_label_year(ln)
            year = None
            if not label.strip() and len(cells) > 1 and is_year_cell(cells[0]):
                year, cells = cells[0].value, cells[1:]
            prepared.append((ln, label, year, cells))
        rows = [Row(label, cells, [ln]) for ln, label, _, cells in prepared if cells]
        if not rows:
            return
        columns = find_columns(rows)
        # Heading words over the counts, not the label column's own heading ("Insatsnamn").
        left = min(c.x0 for c in columns)
        labels_end = max([w.x1 for ln in lines for w in ln.label_words]
                         + [ln.cells[0].x1 for ln, _, year, _ in prepared if year], default=0.0)
        first = lines[0]
        words = [w for h in _heading_run(header, first)
                 for w in h.words if w.x0 > labels_end or (w.x0 + w.x1) / 2 >= left - 20]
        attach_stacked_headers(columns, words)
        meanings = {id(c): self.column_meaning(c) for c in columns}
        has_measures = any(k == "measure" for k, _, _ in meanings.values())
        under = _group_measures(columns, meanings)
        self.last_measure = None
        for ln, label, year, cells in prepared:
            row = self.row_meaning(label, year, has_measures)
            if row is None:
                continue
            if row.measure and not row.group:
                self.last_measure = row.measure
            for cell in cells:
                col = next((c for c in columns if any(x is cell for x in c.cells)), None)
                if col is None or cell.value is None:
                    continue
                kind, arg, how = meanings[id(col)]
                # A heading OCR lost and read again from the image names the column less
                # surely than one read with the page: the count says so.
                reread = min((w.confidence for w in col.header), default=1.0)
                if reread <= OCR.confidence.reread < cell.confidence:
                    cell = replace(cell, confidence=reread)
                    how = weakest(how, f"fuzzy:{round(100 * reread)}")
                # "Deltagare | varav kvinnor": a group column of an insats or year row counts
                # the measure of the column before it.
                cell_row = replace(row, measure=under[id(col)]) \
                    if row.measure is None and id(col) in under else row
                self.add(cell_row, kind, arg, cell, ln, how)
        self.last_measure = None

    def add(self, row: _RowMeaning, kind: str, arg: str | None, cell: Cell, line: Line,
            column_how: str = "exact") -> None:
        measure = row.measure
        group = row.group or "total"
        how = weakest(row.how, column_how)  # the count's key is as sure as its least sure part
        if kind == "measure":
            measure = arg
        elif kind == "year_end":
            measure = "pagaende"
        elif kind == "suffix" and measure:
            measure = f"{measure}_{arg}"
        elif kind == "group":
            group = arg or "total"
        period_year = row.period_year or self.fiscal_year
        if kind == "year" and arg:
            period_year = int(arg)
        if not measure:
            return
        insats = self.insats if row.insats is None else row.insats
        source = row.source or self.source
        self.counts.append(Count(
            insats=insats, measure=measure, group=group,
            period_year=period_year, value=int(cell.value),
            source_table=source, page=line.page, bbox=(cell.x0, cell.top, cell.x1, cell.bottom),
            raw=cell.raw_text, confidence=cell.confidence, key_match=how))

    # --- free-form lines -----------------------------------------------------------------
    def count_token(self, words: list[Word], i: int) -> int | None:
        """The count a word stands for, unless it is part of a label ("mer än 7 år")."""
        n = self.number(words[i].text) if words[i].text[:1].isdigit() else None
        nxt = fold(words[i + 1].text) if i + 1 < len(words) else ""
        return None if n is None or nxt in self.lx.count_words.label_units else n

    def has_pairs(self, words: list[Word]) -> bool:
        return any(self.count_token(words, i) is not None for i in range(len(words)))

    def pairs(self, words: list[Word], line: Line) -> None:
        """"<1 år 10  1-2 år 7", "FK 3 st, ÖP 15 st", "18-24 år: 7 personer": label, count,
        label, count ... in the current block."""
        label: list[Word] = []
        i = 0
        while i < len(words):
            n = self.count_token(words, i)
            if n is None or not label:
                label.append(words[i])
                i += 1
                continue
            text = " ".join(w.text for w in label).strip(" :,.;")
            age = _AGE_RE.match(text.rstrip(":"))
            measure = (f"aldersspann_{age.group(1)}_{age.group(2)}" if age
                       else f"{self.block}_{measure_key(text.strip(' :*'))}")
            self.add(_RowMeaning(measure=measure, how="exact" if age else "unkeyed"), "value",
                     None, Cell([words[i]], n, words[i].confidence), line)
            label = []
            units = self.lx.count_words.count_units
            i += 2 if i + 1 < len(words) and fold(words[i + 1].text) in units else 1

    def prose(self, line: Line) -> bool:
        """Counts written in a line of text; True when the line held any."""
        stray = _stray_count(line)
        if stray is not None:
            label, _, cell = stray
            row = self.row_meaning(label, None, False)
            if row is not None and row.measure:
                self.add(row, "value", None, cell, line)
                return True
        words = line.words
        # "<label> <n> st (<n> kvinnor, <n> män, <n> ej angivet)"
        idx = next((i for i, w in enumerate(words) if self.number(w.text) is not None), None)
        if idx is None or idx == 0:
            return False
        label = " ".join(w.text for w in words[:idx]).rstrip(":")
        # Only rows the lexicon knows: other "label n ..." lines are pairs or prose.
        row = self._row(self.block, label) or self._any_block_row(label)
        if row is None:
            return False
        first, value = words[idx], self.number(words[idx].text)
        if idx + 1 < len(words) and words[idx + 1].text.lower() in self.lx.count_words.percent_words:
            # "79 % (75 av 95)": the count is the 75; a share alone ("40 procent") is none.
            share = self._share(words[idx + 2:])
            if share is None:
                return False
            first, value = share
        elif not self._row_count_ends(words, idx):
            return False  # "avslutades har 2 gått till arbete, ...": a sentence, read as one
        # "Nya deltagare 8 kvinnor och 5 män": no total (or one OCR lost), the first count
        # is the women's, not the row's.
        grouped = first is words[idx] and idx + 1 < len(words) and \
            self.number(words[idx + 1].text) is None and self._group(words[idx + 1:idx + 3]) is not None
        if not grouped:
            self.add(row, "value", None, Cell([first], value, first.confidence), line)
        rest = words[words.index(first) + (0 if grouped else 1):]
        for j, w in enumerate(rest):
            n = self.number(w.text.strip("(,"))
            if n is None:
                continue
            # "(32 kvinnor, 19 män, 0 ej angivet)": the group words of the deltagare rows.
            group = self._group(rest[j + 1:j + 3])
            if group:
                self.add(_RowMeaning(measure=row.measure, group=group, how=row.how), "value",
                         None, Cell([w], n, w.confidence), line)
        return True

    def _row_count_ends(self, words: list[Word], idx: int) -> bool:
        """The count at ``idx`` ends a row written out: nothing, a unit, a bracket, a figure or
        a group follows it ("23 st", "51 st (32 kvinnor ...)", "42 21 kvinnor och 21 män"), not
        the rest of a sentence ("har 2 gått till arbete"), which parsers/prose_counts.py reads."""
        if words[idx].text.rstrip()[-1:] in ".,;" and idx + 1 < len(words):
            return False  # "var 12, varav 4 till arbete"
        if idx + 1 >= len(words):
            return True
        nxt = words[idx + 1].text
        return (nxt[:1] in "(–-:" or self.number(nxt) is not None
                or fold(nxt) in self.lx.count_words.count_units
                or fold(nxt) in self.lx.count_words.subset_words  # "8 varav 3 kv och 5 m"
                or self._group(words[idx + 1:idx + 3]) is not None)

    def _heading_is_row(self, line: Line, n: int) -> bool:
        """A block heading phrase of ``n`` words that a count follows directly and that is
        also a known row label ("Deltagare under året 42 ...")."""
        rest = line.words[n:]
        # A year after the heading ("Deltagare 2024") dates the block: no count.
        if not rest or self.number(rest[0].text) is None or not rest[0].text[:1].isdigit() \
                or _YEAR_RE.fullmatch(rest[0].text.strip(":,.")):
            return False
        return self._any_block_row(" ".join(w.text for w in line.words[:n])) is not None

    def _share(self, words: list[Word]) -> tuple[Word, int] | None:
        """The count of "(75 av 95)" after a percentage: (its word, 75)."""
        of = self.lx.count_words.of_words
        for j in range(len(words) - 2):
            n = self.number(words[j].text)
            if n is not None and fold(words[j + 1].text) in of and \
                    self.number(words[j + 2].text) is not None:
                return words[j], n
        return None

    def _group(self, words: list[Word]) -> str | None:
        for n in (2, 1):
            hit = self.lx.participant_row("deltagare", " ".join(w.text for w in words[:n]))
            if hit and hit.startswith("group:") and len(words) >= n:
                return hit.partition(":")[2]
        return None

    def _any_block_row(self, label: str) -> _RowMeaning | None:
        for block in ("deltagare", "avslut"):
            hit = self._row(block, label)
            if hit:
                return hit
        return None

    def number(self, text: str) -> int | None:
        text = text.strip("():,.")
        # ASCII digits only: "²".isdigit() holds, but int("²") fails.
        if text.isascii() and text.isdigit() and len(text) <= 5:
            return int(text)
        glued = _GLUED_UNIT_RE.match(text)
        if glued and fold(glued.group(2)) in self.lx.count_words.count_units:
            return int(glued.group(1))  # "5st.=": the space before the unit lost by OCR
        return self.lx.count_words.number_words.get(fold(text)) if text else None

    # --- the section ---------------------------------------------------------------------
    def read(self, lines: list[Line]) -> list[Count]:
        header: list[Line] = []
        table: list[Line] = []

        def flush() -> None:
            nonlocal table, header
            if table:
                self.table(table, header)
                table, header = [], []

        for line in lines:
            label_only = bool(line.label) and not line.cells
            known_row = label_only and self.lx.participant_row(self.block, line.label)
            if table and known_row:
                continue  # a row printed without a count: the table goes on
            block = self.lx.participant_block(line.label) if label_only and not known_row \
                else None
            if table and label_only and not block and self.block != "deltagare" and \
                    len(line.words) <= MAX_BLANK_ROW_WORDS and not self.has_pairs(line.words) \
                    and _stray_count(line) is None:
                continue  # "saknas" with nothing after it: a blank row of the block's table
            if block and self._heading_is_row(line, block[1]):
                # "Avslutade deltagare 26 4 kvinnor och 22 män": a row label that is also a
                # block heading, with its count right after it, is a row, not a heading.
                flush()
                self.prose(line)
                continue
            if block:
                flush()
                self.block, n = block
                rest = line.words[n:]
                if rest and not rest[0].text.startswith("(") and self.has_pairs(rest):
                    self.pairs(rest, line)
                header = [line]
                continue
            if self.block != "deltagare" and self.has_pairs(line.label_words) and (
                    label_only or len(line.cells) == 1):
                flush()
                # A known row written out ("Antal avslutade deltagare 24 st (8 män, ...)"),
                # else label-count pairs ("<1 år 10  1-2 år 7  2-3 år 4").
                # A cell that is no count ("17 st (7190)": a mark read as a figure) leaves
                # the line to its words too.
                if not ((label_only or not _count_cells(line)) and self.prose(line)):
                    self.pairs(line.words, line)
                continue
            if _count_cells(line):
                table.append(line)
                continue
            flush()
            # A row whose cells are no counts ("79 % (75 av 95)") may hold one in its words.
            if (label_only or all(c.value is None for c in line.cells)) and self.prose(line):
                continue
            header = (header + [line])[-MAX_HEADER_LINES:]
        flush()
        return self.counts


def _group_measures(columns: list[Column], meanings: dict) -> dict[int, str]:
    """Group columns ("varav kvinnor", "Kv") → the measure of the nearest measure column
    to their left."""
    out: dict[int, str] = {}
    measure = None
    for col in sorted(columns, key=lambda c: c.x0):
        kind, arg, _ = meanings[id(col)]
        if kind == "measure":
            measure = arg
        elif kind == "group" and measure:
            out[id(col)] = measure
    return out


def _heading_run(header: list[Line], first: Line) -> list[Line]:
    """The lines right above a table's first row, up to a blank line (a caption or the
    table before stands further off)."""
    run: list[Line] = []
    below = first
    for line in reversed(header):
        h = max(line.height, below.height)
        if line.page != below.page or below.top - line.bottom > HEADING_GAP * h:
            break
        run.append(line)
        below = line
    return run


def parse_participants(section: Section, lexicon: Lexicon, fiscal_year: int | None) -> list[Count]:
    # A title that is also the table's heading row ("Statistik KRUS | Totalt | Kvinnor | Män")
    # is read as the heading of the rows below it.
    lines = section.lines if section.table_title else section.lines[1:]
    reader = _Reader(section, lexicon, fiscal_year)
    counts = reader.read(lines)
    if section.kind == "insatsrapport":
        # An insats's bilaga may write its counts in sentences: read where no table did.
        counts += prose_counts(lines, lexicon, fiscal_year, reader.insats, reader.source, counts,
                               section.heading)
    return counts


def summary_name(items: list, title: str, names: tuple[str, ...], lexicon: Lexicon) -> list:
    """Give counts or goals of a section titled with an insats ("KOMPASS", "Krus (Kalmar
    kommun)", "Kompas") the summary table's name of it ("Kompass"), across spelling and
    case; a title no summary name is close to stays as printed. A loose name match makes
    the count's key a loose one too."""
    if not title:
        return items
    hit = lexicon.insats_name(title, names) if names else None
    name, how = hit if hit else (title, "exact")
    for item in items:
        item.insats = name
        if how != "exact":
            item.key_match = weakest(item.key_match, how)
    return items


_DIGITS_RE = re.compile(r"\d+")


def align_form_keys(counts: list[Count], lexicon: Lexicon) -> None:
    """A form row outside the lexicon is keyed by its words; OCR damage to the words
    ("merän 7 år" for "mer än 7 år") would make a key of its own. Such a key, printed by one
    insats only, takes a known key (one that other insatser's forms print, or a row of the
    standard forms in the lexicon's ``[participants.form_rows]``) when it differs from it as
    OCR damage does (same digits, at most ``slug_max_edits`` characters and a quarter of
    the label's; an abbreviation, "grundskoleutb." for "grundskola", differs more) and its
    own insats does not print that key too (two rows of one form are two keys). Only read
    counts (OCR, confidence below 1) are aligned: a born-digital label is as printed."""
    unkeyed = [c for c in counts if c.key_match == "unkeyed" and c.source_table == "form"
               and c.confidence < 1]
    if not unkeyed:
        return
    insatser: dict[str, set[str]] = {}
    for c in counts:
        if c.source_table == "form":
            insatser.setdefault(c.measure, set()).add(c.insats)
    known = list(dict.fromkeys([m for m, who in insatser.items() if len(who) >= 2]
                               + lexicon.form_row_keys))
    edits = lexicon.count_words.slug_max_edits
    renamed: dict[tuple[str, str], tuple[str, float] | None] = {}
    for c in unkeyed:
        if len(insatser[c.measure]) != 1:
            continue
        key = (c.measure, c.insats)
        if key not in renamed:
            renamed[key] = _closest_key(c.measure, c.insats, known, insatser, edits)
        hit = renamed[key]
        if hit:
            c.measure, c.key_match = hit[0], key_match(hit[1])


def _closest_key(measure: str, insats: str, known: list[str], insatser: dict[str, set[str]],
                 max_edits: int) -> tuple[str, float] | None:
    """(key, rapidfuzz ratio) of the known key ``measure`` is a damaged print of."""
    digits = _DIGITS_RE.findall(measure)
    best: tuple[str, float] | None = None
    for other in known:
        if other == measure or insats in insatser.get(other, ()) or \
                _DIGITS_RE.findall(other) != digits:
            continue
        # Edits within the label after the shared block prefix: "af" is no damaged "fk".
        cut = os.path.commonprefix([measure, other]).rfind("_") + 1
        allowed = min(max_edits, len(other[cut:]) // 4)
        if Levenshtein.distance(measure[cut:], other[cut:]) > allowed:
            continue
        score = fuzz.ratio(measure.replace("_", " "), other.replace("_", " "))
        if best is None or score > best[1]:
            best = (other, score)
    return best
