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
import statistics
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import pairwise

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from core.geometry import runs
from core.lexicon import Lexicon, fold, key_match, measure_key, weakest
from core.numbers import COUNT_PAIR_RE
from core.ocrtext import LINE_MARKS, ocr_skeleton, unknown_word
from core.settings import DIGITAL, OCR
from core.types import Count, Page
from ingest.pdftext import Word
from parsers.columns import COLUMN_WORD_SCORE, Column, attach_stacked_headers, find_columns
from parsers.layout import Cell, Line, boxed_wide, key_words_cap, split_line
from parsers.prose_counts import prose_counts
from parsers.rows import Row, is_year_cell, speck_digit
from parsers.sections import Section

PARTICIPANT_SECTIONS = ("deltagare", "insatsrapport")
# A participant count never comes near this; larger figures are amounts or dates.
MAX_COUNT = DIGITAL.counts.max_count
LOST_CAPITAL_CONFIDENCE = DIGITAL.gaps.junk_label_confidence
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
# A speck read as a figure before a row's count stands this far (text heights) from it at
# least: in the empty space between label and count, not a word space from it.
SPECK_FIGURE_GAP = DIGITAL.counts.speck_figure_gap
# A count printed with a stray mark ("1c", "3*") is kept, less sure.
STRAY_MARK_CONFIDENCE = DIGITAL.confidence.stray_mark
UNKNOWN_COLUMN_CONFIDENCE = DIGITAL.confidence.unknown_columns
GUESSED_ROW_CONFIDENCE = DIGITAL.confidence.guessed_row
# A word of more letters than this the lexicon does not spell is a damaged one.
# Column meanings of a heading that names no known measure ("heading": words the lexicon
# does not know; "unknown": one of several such; "value": no heading words at all).
LOST_HEADING_KINDS = ("heading", "unknown", "value")
# key_match of a count kept unplaced (measure ""), before its column or row tag.
UNPLACED = "unplaced:"
# A count glued to its unit ("5st", "12st.="): digits, then letters, then marks only.
_GLUED_UNIT_RE = re.compile(r"^(\d{1,5})([^\W\d_]+)\W*$")
_STRAY_RE = re.compile(r"^(\d{1,4})[^\d\s]{1,2}$")
# "2024-12-31", "31 dec", "31/12"; not the end of a period ("1/1-31/12": the whole year).
_YEAR_END_RE = re.compile(r"(?<![-–])(?<![-–] )\b\d{4}-12-31\b|\b31 dec|(?<![-–/\d])(?<![-–] )31/12\b")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_DATE_RE = re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d\b")
# An amount in a line of text ("450 000", "1.200"), and the word it is read as beside a unit.
_AMOUNT_RE = re.compile(r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?!\d)|\d+")
_AMOUNT = "qxamountqx"  # no word of any heading
# Cells kept beside the counts without a value of their own (Cell.mark): a share ("45 %")
# and a women/men pair ("18/12", "(18 / 12)").
SHARE_CELL = "share"
PAIR_CELL = "pair"
_DECIMAL_RE = re.compile(r"^\d{1,5}(?:[,.]\d+)?$")
_AGE_RE = re.compile(r"^(\d{2})\s*[-–]\s*(\d{2})(?:\s*år)?$")
_DIGIT_RUN_RE = re.compile(r"(\d+)")
# A count and a group's figure read as one word across a column gap ("16-9").
_ACROSS_GAP_RE = re.compile(r"(\d+)[-–—](\d+)")
GLUED_GAP_CHAR_WIDTH = DIGITAL.counts.glued_gap_char_width
# A group's figure this many words after a row's count still ends the row written out.
GROUP_REACH = DIGITAL.counts.group_reach
SURE_FUZZY_SCORE = OCR.tables.sure_fuzzy_score
# A caption's or running head's long word OCR damaged ("saniordningsförbund") is it this close.
WORD_MIN_LENGTH = DIGITAL.matching.word_min_length
WORD_SCORE = DIGITAL.matching.word_score


@dataclass
class _RowMeaning:
    measure: str | None = None
    group: str | None = None
    insats: str | None = None
    period_year: int | None = None
    source: str | None = None
    how: str = "exact"
    cap: float = 1.0  # the most its counts may be trusted (a row guessed from part of its label)


def _count_cells(line: Line) -> bool:
    """A row of counts: every cell a count, a year or a share. A negative figure beside a
    count ("Avslutade  30  35  −5", "(2)") is a change column's, no count: the row's counts
    stand (``_Reader.add`` stores no negative count)."""
    return bool(line.cells) and all(
        c.value is not None and abs(c.value) < MAX_COUNT or is_year_cell(c) or _is_share(c)
        for c in line.cells
    ) and any(c.value is not None for c in line.cells) and len(line.label.split()) <= MAX_LABEL_WORDS \
        and _change_last(line.cells)


def _change_last(cells: list[Cell]) -> bool:
    """No figure below zero, or only after the row's counts (a change column stands right of
    the years it compares): "(26 kvinnor och 16 män)" in a sentence is no change. A doubtful
    figure below zero among counts is a misread count ("(243" for "13" on a hard scan), no
    change column: it keeps no row from its table (``_Reader.add`` stores no negative count)."""
    below = [k for k, c in enumerate(cells) if c.value is not None and c.value < 0
             and c.confidence >= DIGITAL.checks.uncertain_below]
    counts = [k for k, c in enumerate(cells) if c.value is not None and c.value >= 0 and not is_year_cell(c)]
    return not below or (bool(counts) and min(below) > max(counts))


def _has_phrase(folded: str, phrases: frozenset[str]) -> bool:
    padded = f" {folded} "
    return any(f" {p} " in padded for p in phrases)


def _is_share(cell: Cell) -> bool:
    """A share or pair cell _special_cells made ("45 %", "18/12"): its column stands, but
    it is no count of its own."""
    return cell.value is None and cell.mark in (SHARE_CELL, PAIR_CELL)


def _pair_values(cell: Cell) -> tuple[int, int] | None:
    m = COUNT_PAIR_RE.match(cell.text) if cell.mark == PAIR_CELL else None
    return (int(m.group(1)), int(m.group(2))) if m else None


def _split_label_year(line: Line) -> tuple[str, list[Cell]]:
    cells = list(line.cells)
    label = line.label
    if label and cells and is_year_cell(cells[0]) and line.label_words:
        gap = cells[0].x0 - line.label_words[-1].x1
        if gap <= LABEL_YEAR_GAP * line.height:
            label, cells = f"{label} {cells[0].text}", cells[1:]
    return label, cells


LABEL_JUNK_GAP = DIGITAL.counts.label_junk_gap
LABEL_JUNK_LETTERS = OCR.gaps.misread_max_chars


def _without_gutter_junk(line: Line, label: str, vocabulary: dict[str, str]) -> str:
    """A scanned row's label without its last words when they stand a gutter's gap after the
    others and are no words (a few small letters the lexicon lacks: "Fyrbåken      aay", a
    speck or a rule read as letters, made the insats a name no report prints). A label's own
    words, an insats name's too, stand a word space apart; a longer word after a gap
    ("Kompassen   norr") is kept."""
    words = line.label_words
    if len(words) < 2 or label != line.label:
        return label
    k = next((k for k in range(1, len(words))
              if words[k].x0 - words[k - 1].x1 > LABEL_JUNK_GAP * line.height), None)
    if k is None or not all(w.confidence < 1 and w.text.isalpha() and w.text.islower()
                            and len(w.text) <= LABEL_JUNK_LETTERS
                            and unknown_word(w.text, vocabulary) for w in words[k:]):
        return label
    return " ".join(w.text for w in words[:k])


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
    def __init__(self, section: Section, lexicon: Lexicon, fiscal_year: int | None,
                 places: frozenset[str] | None = None, document_unit: str | None = None):
        self.lx = lexicon
        self.heading = section.heading
        self.document_unit = document_unit
        # Member kommuner (folded): column headings naming them are a breakdown, no insatser.
        self.places = lexicon.kommun_places if places is None else places
        self.place_skeletons = {ocr_skeleton(p) for p in self.places}
        self.fiscal_year = fiscal_year
        self.insats = section.title if section.kind == "insatsrapport" else ""
        self.source = "form" if section.kind == "insatsrapport" else "summary"
        self.block = "deltagare"
        self.scanned = any(w.confidence < 1 for ln in section.lines for w in ln.words)
        self.counts: list[Count] = []
        # Counts of a scan's column (or form row) whose heading (label) OCR lost: measure "",
        # key_match "unplaced:<column or row>"; the repair keys them by the report's own count
        # rules (repair/placed.py), or drops them.
        self.unplaced: list[Count] = []
        # Counts of a summary table misread below zero, until the table's total gives them.
        self.misread: list[Count] = []
        self.table_at = ""
        # The measure of the last row that named one: group rows below it ("varav kvinnor")
        # count the same people. Reset where a table or block starts.
        self.last_measure: str | None = None

    # --- meanings ------------------------------------------------------------------------
    def column_meaning(self, col: Column) -> tuple[str, str | None, str]:
        """(kind, argument, key_match) of a count column from its heading words."""
        text = " ".join(w.text for w in _reading_order(col.header))
        if not text.strip():
            return "value", None, "exact"
        if self._money(col.header) or set(fold(text).split()) & self.lx.count_words.money_words:
            # "Kostnad (tkr)", "Kostnad per deltagare" beside the counts: amounts
            return "money", None, "exact"
        pair = self._pair_heading(text)
        if pair:
            return "pair", *pair  # "Kv/M" over "18/12"
        shares = self.lx.count_words.share_heading_words
        if "%" in text or any(w in shares for w in fold(text).split()):
            return "share", None, "exact"  # "Andel kvinnor", "Kvinnor (%)": no counts below
        if _has_phrase(fold(text), self.lx.count_words.since_start):
            return "since_start", None, "exact"  # "Deltagare sedan 2015": no year's count
        if (set(fold(text).split()) | set(text.lower().split())) & self.lx.count_words.change_words:
            return "change", None, "exact"  # "Förändring" beside "2024 | 2023": "+5" no count
        if _YEAR_END_RE.search(text):
            return "year_end", None, "exact"  # "2024-12-31": the count at the year's end
        # A date after the fiscal year over a column is the form's date (its "Datum:" lost)
        # standing above it, no heading: "K" under "2014-02-10" in a report on 2013 counts
        # the women, not the year 2014. A date within the year or before heads its column.
        text = _DATE_RE.sub(lambda m: "" if self.fiscal_year is None
                            or int(m[0][:4]) > self.fiscal_year else m[0], text).strip()
        if not text:
            return "value", None, "exact"
        hit = self.lx.participant_column_match(text)
        years = _YEAR_RE.findall(text)
        if hit and hit[0].startswith("group:") and any(ch.isdigit() for ch in _YEAR_RE.sub("", text)):
            hit = None  # "Kv 1", "Kv2": a quarter of the year, not the women
        if (hit is None or hit[0] == "value") and len(years) == 1:
            # "2024 | 2023", "Utfall 2023 | Utfall 2024": the row's count of that year
            return "year", years[0], key_match(hit[1]) if hit else "exact"
        if hit is None and self._is_place(text, col.header):
            return "breakdown", text.strip(), "exact"  # "Glimmerby | Dalaholm": by kommun
        if hit is None:
            # No participant heading: a plain count, unless the table has insatser as columns.
            return "heading", None if years else text.strip(), "exact"
        kind, _, arg = hit[0].partition(":")
        if kind == "measure" and len(years) == 1:
            arg = f"{arg}@{years[0]}"  # "Deltagare 2023": last year's count, never this year's
        return kind, arg or None, key_match(hit[1])

    def _pair_heading(self, text: str) -> tuple[str, str] | None:
        """("kvinnor|man", key_match) of two groups written as one heading ("Kv/M",
        "Kvinnor/män", "(k/m)")."""
        left, slash, right = text.partition("/")
        if not slash or not left.split() or not right.split():
            return None
        hits = [self.lx.participant_column_match(part.strip("()"))
                for part in (left.split()[-1], right.split()[0])]
        if all(h and h[0].startswith("group:") for h in hits):
            return ("|".join(h[0].partition(":")[2] for h in hits),
                    weakest(key_match(hits[0][1]), key_match(hits[1][1])))
        return None

    def row_meaning(self, label: str, year: int | None, has_measure_columns: bool) -> _RowMeaning | None:
        if year is not None and not label.strip():
            return _RowMeaning(insats="", period_year=year, source="history")
        if not label.strip():
            return None
        if self.lx.is_participant_total(label):
            if has_measure_columns and not self.insats:
                return _RowMeaning(insats="")
            # "Summa positiv stegförflyttning": a row the block's table knows as printed;
            # "Totalt antal nya deltagare": the measure it names, in all.
            rest = self.lx.without_total_word(label)
            for text in (label, rest) if rest else (label,):
                known = self._row(self.block, text)
                if known is not None and known.how == "exact":
                    return known
            return _RowMeaning(measure=f"{self.block}_summa" if self.block != "deltagare"
                               else "deltagare")
        age = _AGE_RE.match(label.strip())
        if age:
            return _RowMeaning(measure=f"aldersspann_{age.group(1)}_{age.group(2)}")
        hit = self._row(self.block, label)
        if hit is not None:
            return hit
        if has_measure_columns and not self.insats:
            # Specks OCR read as marks around the name ("Mötesplatsen.", "‘Horisonten",
            # "Vägvisaren =") are no part of it; a lowercase letter or two is junk (a rule
            # read as "a"), no name.
            name = _SPECK_MARKS_RE.sub("", label.strip())
            if len(name) <= JUNK_LABEL_MAX and name.isalpha() and name.islower():
                return None
            return _RowMeaning(insats=name)
        # Statistics tables mix the deltagare and avslut rows under one heading: there a
        # damaged label is looked for among the exits.
        part = self._row_of_part(label, "avslut" if self.block == "deltagare" else self.block) \
            if self.scanned else None
        if self.block != "deltagare":
            return part or _RowMeaning(measure=f"{self.block}_{measure_key(label.strip(' :*'))}",
                                       how="unkeyed")
        return self._any_block_row(label) or part

    def _row_of_part(self, label: str, block: str) -> _RowMeaning | None:
        """A scan's row whose label OCR damaged around the words naming it ("WU studier enye
        ess ga" for "Till studier", a ruling line's marks read after it): the runs of its words
        the block's table knows exactly, every other word unknown to the lexicon, all naming
        one measure. A guess: its counts doubtful (confidence.guessed_row)."""
        words, found = label.split(), {}
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n + 1):
                hit = self._row(block, " ".join(words[i:i + n]))
                rest = words[:i] + words[i + n:]
                if hit is not None and hit.how == "exact" and hit.group is None and \
                        all(unknown_word(w, self.lx.vocabulary) for w in rest):
                    found.setdefault(hit.measure, (hit, words[i:i + n]))
        if len(found) != 1:
            return None
        hit, run = next(iter(found.values()))
        return replace(hit, how=f"fuzzy:{100 * len(' '.join(run)) / len(label):.0f}",
                       cap=GUESSED_ROW_CONFIDENCE)

    def _row(self, block: str, label: str) -> _RowMeaning | None:
        hit = self.lx.participant_row_match(block, label)
        if hit is None:
            return None
        kind, _, arg = hit[0].partition(":")
        how = key_match(hit[1])
        if kind != "group":
            # "Inskrivna 31/12" (dates fold away in the lexicon): the count at the year's end;
            # "Deltagare 2023": that year's count, never this year's.
            year_end = hit[0] == "deltagare" and _YEAR_END_RE.search(label)
            years = _YEAR_RE.findall(label)
            return _RowMeaning(measure="pagaende" if year_end else hit[0], how=how,
                               period_year=int(years[0]) if len(years) == 1 else None)
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
        self.table_at = f"{lines[0].page}:{round(lines[0].top)}"  # names its unplaced columns
        prepared = []
        for ln in lines:
            label, cells = _split_label_year(ln)
            label = _without_gutter_junk(ln, label, self.lx.vocabulary)
            if not self.insats and self._caption_or_running(label):
                continue
            year = None
            if not label.strip() and len(cells) > 1 and is_year_cell(cells[0]):
                year, cells = cells[0].value, cells[1:]
            prepared.append((ln, label, year, cells))
        rows = [Row(label, cells, [ln]) for ln, label, _, cells in prepared if cells]
        if not rows:
            return
        columns = _columns(rows)
        # Heading words over the counts, not the label column's own heading ("Insatsnamn").
        left = min(c.x0 for c in columns)
        labels_end = max([w.x1 for ln in lines for w in ln.label_words]
                         + [ln.cells[0].x1 for ln, _, year, _ in prepared if year], default=0.0)
        heading_run = _heading_run(header, lines[0])
        run = [[w for w in h.words if w.x0 > labels_end or (w.x0 + w.x1) / 2 >= left - 20]
               for h in heading_run]
        # A caption above the headings, or over the label column, naming a unit of money
        # ("Ekonomi (tkr)", "Tkr | Budget | Utfall"): amounts however small, no people, but
        # in a column headed with people ("Deltagare"). An upper line of several headings
        # ("Antal | Kostnad (tkr)") heads its columns only.
        over_counts = {id(w) for k, ws in enumerate(run) if k == 0 or len(_phrases(ws)) > 1
                       for w in ws}
        money = self._money([w for h in heading_run for w in h.words if id(w) not in over_counts])
        meanings, under = self._column_meanings(columns, run, [p[1] for p in prepared])
        if money:
            if not self._money_caption(columns, meanings, over_counts):
                return
            under = _group_measures(columns, meanings)
        elif self._money_plan(columns, meanings, header):
            return
        has_measures = bool(under) or any(k in ("measure", "year_end", "insats")
                                          for k, _, _ in meanings.values())
        self.last_measure = None
        start = len(self.counts)
        insats: str | None = None  # the insats row that group rows below it ("varav män") split
        by_kommun = self._kommun_rows([p[1] for p in prepared],
                                      any(w.confidence < 1 for ln in lines for w in ln.words))
        # Without a total row the kommuner's rows are all the table says: kept as a breakdown.
        kommun_rows = by_kommun and not any(self.lx.is_participant_total(p[1]) for p in prepared)
        for ln, label, year, cells in prepared:
            # "Ej angiven" under kommuner names no measure, whatever its words match loosely.
            row = _RowMeaning(insats=label.strip(" :*")) if by_kommun and self._is_other_place(label) \
                else self.row_meaning(label, year, has_measures)
            if row is not None and kommun_rows and row.insats and self._is_kommun_row(row.insats, ln.words):
                row = replace(row, source=KOMMUN_SOURCE)
            elif row is None or (by_kommun and row.insats and self._is_kommun_row(row.insats, ln.words)):
                if row is None and self.insats and not by_kommun:
                    self._unplaced_row(ln, cells, columns, meanings)
                continue  # "Kommun | Deltagare": a kommun's share of the förbund's, no insats
            if row.measure and not row.group:
                self.last_measure = row.measure
            if row.insats is not None:
                insats = row.insats
            elif row.group and has_measures and not self.insats and insats is not None:
                row = replace(row, insats=insats)
            self._row_cells(row, ln, cells, columns, meanings, under)
        self.last_measure = None
        if kommun_rows:
            _total_of_kommuner(self.counts, start)
        elif has_measures and not self.insats:
            _total_by_sums(self.counts, start)
            _fill_misread(self.counts, start, self.misread)
        self.misread = []

    def _row_cells(self, row: _RowMeaning, ln: Line, cells: list[Cell], columns: list[Column],
                   meanings: dict[int, tuple[str, str | None, str]], under: dict[int, str]) -> None:
        """The counts of one table row, each by its column's meaning."""
        owner = {id(cell): next((c for c in columns if any(x is cell for x in c.cells)), None)
                 for cell in cells}
        # "Utskrivna till arbete  72  1" under "| Antal": a scan's figure in a column without
        # any heading beside the row's count under its heading is noise (dust read "72").
        headed = any(c is not None and c.header and meanings[id(c)][0] == "value" for c in owner.values())
        start = len(self.counts)
        of_column: list[Column] = []  # the column of each count this row adds
        for cell in cells:
            col = owner[id(cell)]
            pair = _pair_values(cell)
            if col is None or (cell.value is None and pair is None):
                continue
            kind, arg, how = meanings[id(col)]
            if headed and kind == "value" and not col.header and cell.confidence < 1:
                continue
            # A heading OCR lost and read again from the image names the column less
            # surely than one read with the page: the count says so (key_words_cap).
            reread = min((w.confidence for w in col.header), default=1.0)
            cap = key_words_cap(how, col.header)
            if cap < cell.confidence:
                cell = replace(cell, confidence=cap)
            if reread <= OCR.confidence.reread:
                how = weakest(how, f"fuzzy:{round(100 * reread)}")
            if kind == "unknown":
                cell = replace(cell, confidence=min(cell.confidence, UNKNOWN_COLUMN_CONFIDENCE))
            if col.doubtful:  # headed by a word OCR boxed over several columns
                cell = replace(cell, confidence=min(cell.confidence, STRETCHED_HEADING_CONFIDENCE))
            # "Deltagare | varav kvinnor": a group column of an insats or year row counts
            # the measure of the column before it.
            cell_row = replace(row, measure=under[id(col)]) \
                if row.measure is None and id(col) in under else row
            if pair is None and kind in LOST_HEADING_KINDS and cell_row.measure is None and \
                    cell_row.group is None and cell_row.insats is not None and not self.insats \
                    and cell.confidence < 1 and cell.value is not None:
                # "Ti antal inne" over an insats's count: a column whose heading OCR garbled
                self._unplace(cell_row.insats, "total", cell, ln, f"column:{self.table_at}:{round(col.x0)}")
                continue
            before = len(self.counts)
            if pair is None:
                self.add(cell_row, kind, arg, cell, ln, how)
            else:
                # "Kv/M | 18/12": a count of each group; a pair under any other heading is none.
                conf = min(w.confidence for w in cell.words)
                for group, n in zip((arg or "").split("|") if kind == "pair" else [], pair,
                                    strict=False):
                    self.add(cell_row, "group", group, Cell(cell.words, n, conf), ln, how)
            of_column += [col] * (len(self.counts) - before)
        self._one_key_one_column(start, of_column)

    def _one_key_one_column(self, start: int, of_column: list[Column]) -> None:
        """A row's columns never share a key: "Budget | Totalt" gives the budget column's
        measure to the group column after it ("Totalt" of the budget), a second budget total.
        Of two counts a row keys alike the later one is no count of that key: dropped when it
        repeats the value, else kept unplaced (its key is the report's arithmetic's to find,
        repair/placed.py) and the earlier one doubtful, for either may be the misplaced one.
        Where one of the two is doubtful already (an unknown column's), both stay as read; a
        second count read sure after them collides with the sure one."""
        seen: dict[tuple, int] = {}  # key -> its place in kept
        sure_at: dict[tuple, int] = {}  # key -> the place of its count read sure, if one is
        kept: list[Count] = []
        for c, col in zip(self.counts[start:], of_column, strict=True):
            key = (c.insats, c.measure, c.group, c.period_year, c.source_table)
            sure = c.confidence >= DIGITAL.checks.uncertain_below
            if key not in seen:
                seen[key] = len(kept)
                kept.append(c)
                if sure:
                    sure_at[key] = seen[key]
                continue
            if sure and key in sure_at:
                # A sure count meets the key's sure one (as read, not as lowered by a
                # collision: a third sure count meets it too): the same figure is no news.
                other = sure_at[key]
                if c.value == kept[other].value:
                    continue
            elif c.value == kept[seen[key]].value:
                if sure:  # a sure reading of the key's figure: later sure ones meet it
                    sure_at[key] = seen[key]
                continue
            else:
                # One of them already says it is unsure of its key: both stay as read.
                if sure:
                    sure_at[key] = len(kept)
                kept.append(c)
                continue
            kept[other] = replace(kept[other], confidence=min(kept[other].confidence,
                                                              UNKNOWN_COLUMN_CONFIDENCE))
            self.unplaced.append(replace(c, measure="", key_match=f"{UNPLACED}column:"
                                         f"{self.table_at}:{round(col.x0)}"))
        self.counts[start:] = kept

    def _loose_doubles(self, columns: list[Column], meanings: dict) -> None:
        """Two count columns of a scan keyed to one measure, one by a heading of more words than
        the other ("Totalt antal / deltagare" and a "Pågående / delt." whose "Pågående" OCR
        lost or gave the next column: "delt." alone): the shorter heading names another
        measure, lost with its word: no known column (its counts are kept unplaced)."""
        def text(c: Column) -> str:
            return " ".join(w.text for w in _reading_order(c.header))

        by_measure: dict[str, list[Column]] = {}
        for c in columns:
            kind, arg, _ = meanings[id(c)]
            if kind == "measure" and any(w.confidence < 1 for w in c.header):
                by_measure.setdefault(arg or "", []).append(c)
        for doubled in (cs for cs in by_measure.values() if len(cs) > 1):
            size = {id(c): len(text(c).split()) for c in doubled}
            longest = max(size.values())
            whole = [c for c in doubled if size[id(c)] == longest]
            if len(whole) == 1 and self.lx.participant_column_whole(text(whole[0])):
                for c in doubled:
                    if c is not whole[0]:
                        meanings[id(c)] = ("heading", text(c), "unkeyed")

    def _unplaced_row(self, ln: Line, cells: list[Cell], columns: list[Column],
                      meanings: dict[int, tuple[str, str | None, str]]) -> None:
        """A form row whose label OCR garbled past knowing ("NONE NVR GOA  21  5  26") under
        group columns ("Kvinnor | Män | Totalt"): its counts kept unplaced, each with its
        column's group. A mark OCR glued on ("—26") is no minus: no form count is below zero."""
        if not any(w.confidence < 1 for w in ln.words):
            return
        for cell in cells:
            col = next((c for c in columns if any(x is cell for x in c.cells)), None)
            if col is None or cell.value is None:
                continue
            kind, arg, _ = meanings[id(col)]
            group = arg if kind == "group" else "total" if kind == "value" else None
            if group:
                self._unplace(self.insats, group, replace(cell, value=abs(cell.value)), ln,
                              f"row:{ln.page}:{round(ln.top)}")

    def _unplace(self, insats: str, group: str, cell: Cell, line: Line, tag: str) -> None:
        self.unplaced.append(Count(
            insats=insats, measure="", group=group, period_year=self.fiscal_year,
            value=int(cell.value), source_table=self.source, page=line.page,
            bbox=(cell.x0, cell.top, cell.x1, cell.bottom), raw=cell.raw_text,
            confidence=cell.confidence, key_match=f"{UNPLACED}{tag}"))

    def _column_meanings(self, columns: list[Column], run: list[list[Word]], labels: list[str]
                         ) -> tuple[dict[int, tuple[str, str | None, str]], dict[int, str]]:
        """(meaning of each column, measure of each group column) from the heading lines
        above the counts (``run``: nearest line first) and the table's row ``labels``."""
        spans = self._spanning_measures(run)
        attach_stacked_headers(columns, run[0] if spans else [w for ws in run for w in ws])
        meanings = {id(c): self.column_meaning(c) for c in columns}
        if spans:
            # "Deltagare" over "Kv | M | Tot", "Nya" over the next three: each count's key is
            # as sure as its group's heading and its measure's.
            under: dict[int, str] = {}
            for c in columns:
                kind, arg, how = meanings[id(c)]
                span = _span_of(c, spans) if kind == "group" else None
                if span:
                    under[id(c)] = span[0]
                    meanings[id(c)] = (kind, arg, weakest(how, span[1]))
            return meanings, under
        self._loose_doubles(columns, meanings)
        self._garbled_groups(columns, meanings)
        unknown = [c for c in columns if meanings[id(c)][0] == "heading"]
        names = [c for c in unknown if self._looks_like_name(meanings[id(c)][1] or "")]
        summary = self.source == "summary" and not self.insats and not any(
            k in ("measure", "year_end") for k, _, _ in meanings.values())
        if summary and len(names) >= 2 and len(names) == len(unknown):
            # Insatser as columns, measures as rows ("| Steget | Navet | Totalt").
            for c in names:
                meanings[id(c)] = ("insats", meanings[id(c)][1], meanings[id(c)][2])
        # "Insats | Budget | Utfall | Kvinnor | Män": the groups split the outcome, so it is
        # given its measure before the groups are given theirs.
        self._outcome_of_plan(columns, meanings, labels)
        under = _group_measures(columns, meanings)
        if summary and not unknown and self.block == "deltagare" and self._unmeasured_rows(labels):
            # "Insats | Kvinnor | Män | Totalt": groups of the summary's deltagare; "Insats |
            # Antal": a plain count is each insats's deltagare (or each year's: "År | Antal").
            under.update({id(c): "deltagare" for c in columns if meanings[id(c)][0] == "group"})
            for c in columns:
                kind, _, how = meanings[id(c)]
                if kind == "value":
                    meanings[id(c)] = ("measure", "deltagare", how)
        left = [c for c in unknown if meanings[id(c)][0] == "heading"]
        by_place = any(meanings[id(c)][0] == "breakdown" for c in columns)
        if len(left) >= 2 or (left and by_place):
            # "| Kommun | Region |": several counts of each row for one key, none of them
            # known to be the row's: kept, unkeyed and doubtful. So is one heading beside
            # member kommuner ("Glimmerby | Dalaholm | Övriga"): one more part of them.
            meanings.update({id(c): ("unknown", None, "unkeyed") for c in left})
        return meanings, under

    def _garbled_groups(self, columns: list[Column], meanings: dict) -> None:
        """A summary's column on a scan whose heading OCR garbled around a group's word
        ("Totalt antal / delt." with an upright rule through it read "Totalt / d It"): a
        loose group match beside letters that are no word ("d", "It") names no group of the
        column before it (a "Budget" column's total). Its heading counts as lost: its counts
        are kept unplaced, for the report's own arithmetic to key (repair/placed.py)."""
        if not self.scanned or self.insats or self.source != "summary":
            return
        for c in columns:
            kind, arg, how = meanings[id(c)]
            score = how.partition(":")[2]
            if kind != "group" or not how.startswith("fuzzy:") or float(score) >= SURE_FUZZY_SCORE:
                continue
            junk = [w for w in c.header if len(w.text.strip(".,:;")) <= JUNK_LABEL_MAX
                    and unknown_word(w.text, self.lx.vocabulary)
                    and self.lx.expand_abbreviations(w.text) == fold(w.text)]
            if junk and any(w.confidence < 1 for w in c.header):
                meanings[id(c)] = ("heading", " ".join(w.text for w in _reading_order(c.header)), how)

    def _money(self, words: list[Word]) -> bool:
        """Words that name a unit of money ("tkr", "Belopp i kronor"); not an amount a line
        states ("Beviljade medel: 450 000 kronor": no table's unit)."""
        text = _AMOUNT_RE.sub(lambda m: m[0] if _YEAR_RE.fullmatch(m[0]) else f" {_AMOUNT} ",
                              " ".join(w.text for w in words))
        padded = " " + re.sub(r"[^\w%]+", " ", fold(text)) + " "
        return any(re.search(rf"(?<! {_AMOUNT}) {re.escape(phrase)} ", padded)
                   for phrase, _ in self.lx.unit_phrases)

    def _money_caption(self, columns: list[Column], meanings: dict, headings: set[int]) -> bool:
        """Under a caption naming money, only a column whose own heading (words ``headings``,
        not the caption's) names people ("Deltagare", "Kvinnor") holds counts: the others are
        made money. False when no column is one."""
        plans, people = self.lx.count_words.plan_columns, 0
        for c in columns:
            m = self.column_meaning(replace(c, header=[w for w in c.header if id(w) in headings]))
            if m[0] in ("group", "pair", "year_end") or \
                    m[0] == "measure" and (m[1] or "").partition("@")[0] not in plans:
                meanings[id(c)], people = m, people + 1
            else:
                meanings[id(c)] = ("money", None, "exact")
        return people > 0

    def _money_plan(self, columns: list[Column], meanings: dict, header: list[Line]) -> bool:
        """"Insats | Budget | Utfall" where no heading, caption or the section's heading names
        people ("Samverkansinsatser"): the insatser's money when the report states tkr for all
        its amounts, or a deviation column ("Avvikelse") stands beside; never their deltagare."""
        plans = self.lx.count_words.plan_columns
        if self.insats or not any(k == "measure" and (a or "").partition("@")[0] in plans
                                  for k, a, _ in meanings.values()):
            return False
        words = [w.text for c in columns for w in c.header] + [w.text for ln in header for w in ln.words]
        folded = fold(" ".join([*words, self.heading])).split()
        if any(self.lx.count_words.names_people(w) for w in folded):
            return False
        deviation = any(hit[0] == "deviation" for c in columns for w in c.header
                        if (hit := self.lx.columns.match(fold(w.text), threshold=COLUMN_WORD_SCORE)))
        return self.document_unit == "tkr" or deviation

    def _outcome_of_plan(self, columns: list[Column], meanings: dict, labels: list[str]) -> None:
        """"Insats | Budget | Utfall": beside a plan column over insats rows a plain count is
        the plan's measure as it came out (the deltagare), not a count without a measure."""
        plans = self.lx.count_words.plan_columns
        measures = {(meanings[id(c)][1] or "") for c in columns if meanings[id(c)][0] == "measure"}
        planned = measures & set(plans)
        if self.insats or len(planned) != 1 or not self._unmeasured_rows(labels):
            return
        (plan,) = planned
        measure = plan.removeprefix(f"{plans[plan]}_")
        if measure in measures:
            return  # "Budget | Deltagare | Utfall": the deltagare have their column
        for c in columns:
            kind, _, how = meanings[id(c)]
            if kind == "value":
                meanings[id(c)] = ("measure", measure, how)

    @cached_property
    def _not_insats_words(self) -> frozenset[str]:
        """Words of a caption, title or running head, and the förbund's generic nouns."""
        return frozenset(self.lx.count_words.not_insats_words) | frozenset(self.lx.name_words.generic)

    def _caption_or_running(self, label: str) -> bool:
        """A summary table's caption or title ("Deltagare per insats 2025", OCR's "per sates")
        or the page's running header or footer OCR read among its rows ("Norra Vallbygdens
        samordningsförbund - Årsredovisning 2015  Sida 3"): a word of theirs (a long one
        OCR-damaged a little too), none of a row the lexicon knows. Never an insats, whatever
        figure a scan read beside it (the row above's, a page number, the year)."""
        if not label.strip() or self.lx.is_participant_total(label) or self._any_block_row(label):
            return False
        words = self._not_insats_words
        for w in re.findall(r"[^\W\d_]+", fold(label)):
            if w in words or len(w) >= WORD_MIN_LENGTH and any(
                    len(k) >= WORD_MIN_LENGTH and fuzz.ratio(w, k) >= WORD_SCORE for k in words):
                return True
        return False

    def _looks_like_name(self, text: str) -> bool:
        """A heading that may name an insats: capitalised, and not only generic words, digits
        and months ("Kvartal 1", "Jan-apr" are parts of the year)."""
        generic = self.lx.insats_titles.generic | self.lx.month_words
        words = re.findall(r"[^\W\d_]+|\d+", fold(text))  # "Kv1", "Jan-apr": each part
        return text[:1].isupper() and bool(words) and \
            not all(w in generic or w.isdigit() for w in words)

    def _unmeasured_rows(self, labels: list[str]) -> bool:
        """Two or more rows, none naming a measure or group the lexicon knows even loosely
        (a damaged "Avsiutade" is no insats): insatser, years ("2023" split off, the label
        left empty) or kommuner."""
        return len(labels) >= 2 and all(self._any_block_row(lb) is None for lb in self._named(labels))

    def _named(self, labels: list[str]) -> list[str]:
        """The labels that name their row: not blank, not the total."""
        return [lb for lb in labels if lb.strip() and not self.lx.is_participant_total(lb)]

    def _kommun_rows(self, labels: list[str], ocr: bool) -> bool:
        """A summary's rows are member kommuner (two or more, every named row one): a
        breakdown of the förbund's counts, not insatser (one insats named like a kommun
        among others stays an insats)."""
        named = [n for n in self._named(labels) if not self._is_other_place(n)]
        return not self.insats and len(named) >= 2 and all(self._is_place(n, (), ocr) for n in named)

    def _is_other_place(self, text: str) -> bool:
        """A row standing for the kommuner not named ("Övriga", "Okänd kommun")."""
        return fold(text.strip(" :*")) in self.lx.count_words.place_others

    def _is_kommun_row(self, text: str, words) -> bool:
        return self._is_place(text, words) or self._is_other_place(text)

    def _is_place(self, text: str, words, ocr: bool = False) -> bool:
        """A member kommun's name, as printed or (read by OCR) with OCR's look-alike letters
        ("Glimrnerby")."""
        if fold(text.strip(" :*")) in self.places:
            return True
        ocr = ocr or any(w.confidence < 1 for w in words)
        return ocr and ocr_skeleton(text) in self.place_skeletons

    def _spanning_measures(self, run: list[list[Word]]) -> list[tuple[float, float, str, str]]:
        """(x0, x1, measure, key_match) of measure headings printed once over several group
        columns: the nearest heading line holds groups only, a line above it measures only."""
        if len(run) < 2 or not run[0]:
            return []
        near = _phrases(run[0])
        if len(near) < 2 or not all((self.lx.participant_column(" ".join(w.text for w in p)) or "")
                                    .startswith("group:") for p in near):
            return []
        spans = []
        for phrase in _phrases([w for ws in run[1:] for w in ws]):
            hit = self.lx.participant_column_match(" ".join(w.text for w in phrase))
            if not hit or not hit[0].startswith("measure:"):
                return []
            spans.append((phrase[0].x0, phrase[-1].x1, hit[0].partition(":")[2], key_match(hit[1])))
        return spans if 0 < len(spans) < len(near) else []

    def add(self, row: _RowMeaning, kind: str, arg: str | None, cell: Cell, line: Line,
            column_how: str = "exact") -> None:
        # A doubtful figure below zero in an insats's row of a summary: a misread count
        # ("(243" for "13"), its value given by the table's total row (_fill_misread).
        misread = cell.value is not None and cell.value < 0 and not self.insats and \
            bool(row.insats) and cell.confidence < DIGITAL.checks.uncertain_below
        if kind in ("share", "target", "since_start", "breakdown", "money", "change") or \
                (cell.value is not None and cell.value < 0 and not misread):
            # a share, a target, a count since the start or of one kommun is no count of the
            # year's deltagare; nor is a figure below zero (a change, "−5")
            return
        measure = row.measure
        group = row.group or "total"
        how = weakest(row.how, column_how)  # the count's key is as sure as its least sure part
        # ... and no surer than the row label's words it was read from (key_words_cap); an
        # insats's name is its label as read, matched to nothing.
        named = row.insats and row.measure is None and row.group is None
        cap = min(key_words_cap("unkeyed" if named else row.how, line.label_words), row.cap)
        if named and row.insats[:1].islower() and any(w.confidence < 1 for w in line.label_words):
            # An insats's name is a proper noun: read in lower case on a scan ("ron"), its
            # capital was lost at the margin, and the name is not the printed one.
            cap = min(cap, LOST_CAPITAL_CONFIDENCE)
        if cap < cell.confidence:
            cell = replace(cell, confidence=cap)
        arg, _, dated = (arg or "").partition("@") if kind == "measure" else (arg, "", "")
        plan = self.lx.count_words.plan_columns.get(arg or "") if kind == "measure" else None
        if plan and measure and not measure.startswith(f"{plan}_"):
            # "Budget" over "Nya deltagare": the plan of the row's measure (budget_nya).
            measure = f"{plan}_{measure}"
        elif kind == "measure" and not (arg == "deltagare" and measure and not row.group):
            # "Totalt antal" over rows that name their measure ("Nya", "Avslutade", "18-24
            # år"): the column counts each row's measure, not the deltagare. Another measure
            # over them ("18-24 år" under "Nya") counts the two crossed, a key we have not:
            # the column's measure, unkeyed and doubtful (each row gives one of those).
            if measure and not row.group and measure != arg:
                how = "unkeyed"
                cell = replace(cell, confidence=min(cell.confidence, UNKNOWN_COLUMN_CONFIDENCE))
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
        elif dated:
            period_year = int(dated)
        if not measure:
            return
        insats = self.insats if row.insats is None else row.insats
        if kind == "insats" and arg:
            insats = arg
        source = row.source or self.source
        (self.misread if misread else self.counts).append(Count(
            insats=insats, measure=measure, group=group,
            period_year=period_year, value=int(cell.value),
            source_table=source, page=line.page, bbox=(cell.x0, cell.top, cell.x1, cell.bottom),
            raw=cell.raw_text, confidence=cell.confidence, key_match=how))

    # --- free-form lines -----------------------------------------------------------------
    def count_token(self, words: list[Word], i: int) -> int | None:
        """The count a word stands for, unless it is part of a label ("mer än 7 år")."""
        n = self.number(words[i].text) if words[i].text[:1].isdigit() else None
        nxt = fold(words[i + 1].text) if i + 1 < len(words) else ""
        # "40 procent", "79 %": a share, no count (its "(75 av 95)" is read by prose()).
        share = words[i + 1].text.lower() in self.lx.count_words.percent_words \
            if i + 1 < len(words) else False
        return None if n is None or share or nxt in self.lx.count_words.label_units else n

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
            # A label the block's table knows ("arbete 4" under "Avslutade till") takes its key.
            known = None if age or self.block == "deltagare" else self._row(self.block, text)
            if known is not None and known.group is None:
                row = known
            else:
                row = _RowMeaning(measure=f"aldersspann_{age.group(1)}_{age.group(2)}", how="exact") \
                    if age else _RowMeaning(measure=f"{self.block}_{measure_key(text.strip(' :*'))}",
                                            how="unkeyed")
            self.add(row, "value", None, Cell([words[i]], n, words[i].confidence), line)
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
        words = self._zeros(self._unglued(line.words))
        # "<label> <n> st (<n> kvinnor, <n> män, <n> ej angivet)"
        idx = next((i for i, w in enumerate(words) if self.number(w.text) is not None), None)
        if idx is None or idx == 0:
            return False
        idx += self._speck_before_total(words, idx)
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
        start = len(self.counts)
        # "Deltagare under året 16 kvinnor och 20 män": a group's count first, the total not
        # printed (or lost on a scan): no total is read from it.
        grouped = first is words[idx] and idx + 1 < len(words) and \
            self.number(words[idx + 1].text) is None and self._group(words[idx + 1:idx + 3]) is not None
        if not grouped:
            self.add(row, "value", None, Cell([first], value, first.confidence), line)
        rest = words[words.index(first) + (0 if grouped else 1):]
        orphans = 0
        for j, w in enumerate(rest):
            n = self.number(w.text.strip("(,"))
            if n is None:
                continue
            # "(32 kvinnor, 19 män, 0 ej angivet)": the group words of the deltagare rows.
            group = self._group(rest[j + 1:j + 3])
            if group:
                self.add(_RowMeaning(measure=row.measure, group=group, how=row.how), "value",
                         None, Cell([w], n, w.confidence), line)
            else:
                orphans += 1
        _doubt_broken_groups(self.counts, start, orphans, any(w.confidence < 1 for w in words),
                             total=not grouped)
        return True

    def _zero_cells(self, line: Line) -> Line:
        """"Nya deltagare  3  O  3": a form's zero a scan read as a letter or dash (lexicon
        ``zero_glyphs``) among its counts made it and the counts before it part of the label.
        The label's tail a column gap after its words, figures and such zeros with one zero at
        least, as cells before the line's; each zero doubtful (confidence.repaired_number).
        Only a scan's: a printed dash among counts is no zero read wrong."""
        label = line.label_words
        k = len(label)
        while k > 1 and (self._zero_glyph(label[k - 1].text)
                         or self.number(label[k - 1].text) is not None):
            k -= 1
        tail = label[k:]
        if not line.cells or not tail or \
                not any(self._zero_glyph(w.text) and w.confidence < 1 for w in tail) or \
                tail[0].x0 - label[k - 1].x1 <= LABEL_YEAR_GAP * line.height:
            return line
        cells = []
        for w in tail:
            if self._zero_glyph(w.text):
                w = replace(w, text="0", raw=w.text,
                            confidence=min(w.confidence, OCR.confidence.repaired_number))
            cells.append(Cell([w], self.number(w.text), w.confidence))
        swap = {id(o): n for o, n in zip(tail, (c.words[0] for c in cells), strict=True)}
        return replace(line, words=[swap.get(id(w), w) for w in line.words], label_words=label[:k],
                       cells=cells + line.cells)

    def _zero_glyph(self, text: str) -> bool:
        """A scan's zero read as a letter or dash (lexicon ``zero_glyphs``), a ruling line's
        marks perhaps before it ("=O")."""
        glyphs = self.lx.count_words.zero_glyphs
        return text in glyphs or (text.lstrip(LINE_MARKS) != text and text.lstrip(LINE_MARKS) in glyphs)

    def _zeros(self, words: list[Word]) -> list[Word]:
        """"3 O kvinnor och 3 män": a zero a scan read as a letter or a dash ("O", "o", "—";
        lexicon ``zero_glyphs``) between a row's count and a group's word stands where the
        group's figure does: a zero, doubtful (confidence.repaired_number)."""
        out = list(words)
        for k in range(1, len(out) - 1):
            # A printed dash is no zero read wrong; a group with its figure after it
            # ("12 - kvinnor 7 och män 5") has no figure before it to be lost (review).
            after = out[k + 2].text if k + 2 < len(out) else ""
            if self._zero_glyph(out[k].text) and out[k].confidence < 1 and \
                    self.number(out[k - 1].text) is not None and \
                    self.number(out[k + 1].text) is None and self._group(out[k + 1:k + 3]) and \
                    self.number(after) is None:
                out[k] = replace(out[k], text="0", raw=out[k].text,
                                 confidence=min(out[k].confidence, OCR.confidence.repaired_number))
        return out

    def _unglued(self, words: list[Word]) -> list[Word]:
        """Groups OCR glued across a narrow column ("Qkvimmoroch2man" for "9 kvinnor och 2
        män") split at their figures where a group word follows one; the parts doubtful."""
        out: list[Word] = []
        for i, w in enumerate(words):
            across = self._across_gap(w, words[i + 1:i + 3])
            if across:
                out += across
                continue
            parts = [p for p in _DIGIT_RUN_RE.split(w.text) if p]
            glued = len(parts) > 1 and any(
                p.isdigit() and k + 1 < len(parts) and self._group([replace(w, text=parts[k + 1])])
                for k, p in enumerate(parts))
            if not glued:
                out.append(w)
                continue
            step, x = (w.x1 - w.x0) / len(w.text), w.x0
            for p in parts:
                out.append(replace(w, text=p, x0=x, x1=x + step * len(p),
                                   confidence=min(w.confidence, OCR.confidence.split_cell)))
                x += step * len(p)
        return out

    def _across_gap(self, w: Word, after: list[Word]) -> list[Word]:
        """"16-9" before "kvinnor" boxed far wider than its characters: a form row's count and
        its first group's figure OCR read as one word across the column gap (the gap read as
        a dash), as two words, doubtful; [] for any other word."""
        m = _ACROSS_GAP_RE.fullmatch(w.text)
        if m is None or w.confidence >= 1 or self._group(after) is None or \
                w.x1 - w.x0 <= GLUED_GAP_CHAR_WIDTH * w.height * len(w.text):
            return []
        step = GLUED_GAP_CHAR_WIDTH * w.height  # each part at its end of the box, no wider
        doubt = min(w.confidence, OCR.confidence.split_cell)
        a, b = m.group(1), m.group(2)
        return [replace(w, text=a, x1=w.x0 + step * len(a), confidence=doubt, raw=w.raw or w.text),
                replace(w, text=b, x0=w.x1 - step * len(b), confidence=doubt, raw=w.raw or w.text)]

    def _written_out(self, label: list[Word]) -> bool:
        """A scan's label holding a count with its group's word right after it ("3 1 kvinnor
        och 2 män"): a form row written out. A printed label is as printed, and a row whose
        group word stands before its figure ("varav kvinnor under 25 år") is a table's row
        (it ended the table, its next rows stored as totals, sure: review)."""
        return any(w.confidence < 1 for w in label) and any(
            self.number(w.text) is not None and self._group(label[k + 1:k + 3])
            for k, w in enumerate(label))

    def _groups_follow(self, words: list[Word], idx: int) -> bool:
        """A group's figure within the next few words ("11 Qkvimmoroch 2 män")."""
        return any(self.number(words[j].text) is not None and self._group(words[j + 1:j + 3])
                   for j in range(idx + 1, min(len(words), idx + 1 + GROUP_REACH)))

    def _speck_before_total(self, words: list[Word], idx: int) -> bool:
        """"Totalt antal deltagare 4 58 30 kvinnor och 28 män": a scan's speck read as a
        figure, standing apart (a column gap at least) before the row's count, which the
        groups after it add up to (the figure does not); the count no group's own (no group
        word right after it: "6 3 kvinnor, 2 män och 1")."""
        if words[idx].confidence >= 1 or idx + 2 >= len(words):
            return False
        speck, count = words[idx], words[idx + 1]
        total = self.number(count.text)
        if total is None or self.number(speck.text) == total or \
                count.x0 - speck.x1 < SPECK_FIGURE_GAP * speck.height or \
                self._group(words[idx + 2:idx + 3]) is not None:
            return False
        groups = [n for j in range(idx + 2, len(words))
                  if (n := self.number(words[j].text.strip("(,"))) is not None
                  and self._group(words[j + 1:j + 3]) is not None]
        return len(groups) >= 2 and sum(groups) == total

    def _row_count_ends(self, words: list[Word], idx: int) -> bool:
        """The count at ``idx`` ends a row written out: nothing, a unit, a bracket, a figure or
        a group follows it ("23 st", "51 st (32 kvinnor ...)", "42 21 kvinnor och 21 män"), not
        the rest of a sentence ("har 2 gått till arbete"), which parsers/prose_counts.py reads."""
        if words[idx].text.rstrip()[-1:] in ".,;" and idx + 1 < len(words):
            return False  # "var 12, varav 4 till arbete"
        if idx + 1 >= len(words):
            return True
        nxt = words[idx + 1].text
        return (nxt[:1] in "(–—-:" or self.number(nxt) is not None
                or fold(nxt) in self.lx.count_words.count_units
                or fold(nxt) in self.lx.count_words.subset_words  # "8 varav 3 kv och 5 m"
                or self._group(words[idx + 1:idx + 3]) is not None
                or self._groups_follow(words, idx))

    def _join_wrapped(self, lines: list[Line]) -> list[Line]:
        """Row labels wrapped over two lines ("Avslutade till subventionerat / arbete  4")
        as one line, where only the joined label is a row the lexicon knows exactly."""
        out: list[Line] = []
        for line in lines:
            prev = out[-1] if out else None
            if prev is not None and self._wraps(prev, line):
                out[-1] = Line(page=prev.page, words=prev.words + line.words,
                               label_words=prev.label_words + line.label_words,
                               cells=prev.cells or line.cells, page_height=prev.page_height)
            else:
                out.append(line)
        return out

    def _wraps(self, upper: Line, lower: Line) -> bool:
        """``lower`` goes on with ``upper``'s label: right below it, in the label column, in
        lower case, one of the two with the counts; the joined label is an exact row and the
        counted part alone is not."""
        if upper.page != lower.page or not upper.label_words or not lower.label_words or \
                bool(upper.cells) == bool(lower.cells) or lower.top - upper.bottom > \
                WRAP_GAP * lower.height or not lower.label_words[0].text[:1].islower() or \
                abs(lower.label_words[0].x0 - upper.label_words[0].x0) > WRAP_INDENT * lower.height:
            return False
        counted, other = (upper, lower) if upper.cells else (lower, upper)
        if not self._exact_row(f"{upper.label} {lower.label}"):
            return False
        if not self._exact_row(counted.label):
            return True
        # "arbete  4" is a row of its own: joined only to a line that is nothing by itself
        # (not "Utskrivna till", a block heading, nor a row printed without a count).
        block = self.lx.participant_block(other.label)
        whole_block = block is not None and block[1] == len(other.label.split())
        return not whole_block and not self._exact_row(other.label)

    def _exact_row(self, label: str) -> bool:
        return any((hit := self._row(block, label)) is not None and hit.how == "exact"
                   for block in ("deltagare", "avslut"))

    def _special_cells(self, line: Line) -> Line:
        """"Steget  20  45 %", "Steget  30  18/12": a share or a women/men pair beside the
        counts keeps the line's figures from being read as cells; the line with those as
        cells without a value (a share is no count; a pair is read under its "Kv/M" heading).
        A line of shares only ("79 % (75 av 95)") stays as it is, for prose()."""
        words, pct = line.words, self.lx.count_words.percent_words
        k, special = len(words), []
        while k > 0:
            text = words[k - 1].text
            if text.lower() in pct and k >= 2 and _DECIMAL_RE.match(words[k - 2].text):
                special.append(([k - 2, k - 1], SHARE_CELL))  # "45 %"
                k -= 2
            elif text.endswith("%") and _DECIMAL_RE.match(text[:-1]):
                special.append(([k - 1], SHARE_CELL))  # "45%"
                k -= 1
            elif COUNT_PAIR_RE.match(text):
                special.append(([k - 1], PAIR_CELL))  # "18/12"
                k -= 1
            elif k >= 3 and COUNT_PAIR_RE.match(" ".join(w.text for w in words[k - 3:k])):
                special.append(([k - 3, k - 2, k - 1], PAIR_CELL))  # "18 / 12"
                k -= 3
            elif _DECIMAL_RE.match(text):
                k -= 1
            else:
                break
        # A pair right after the label is part of it ("Inskrivna 31/12  18": a date): a pair
        # is read only after a count.
        special = [(idx, kind) for idx, kind in special if kind != PAIR_CELL or idx[0] > k]
        drop = {i for idx, _ in special for i in idx}
        if not special or (len(drop) == len(words) - k and
                           all(kind == SHARE_CELL for _, kind in special)):
            return line
        kept = [w for i, w in enumerate(words) if i not in drop]
        ocr = any(w.confidence < 1 for w in kept)
        out = split_line(Page(line.page, 0.0, line.page_height, kept,
                              source="ocr" if ocr else "text"), kept)
        # They stay as cells without a value: their column and heading are still there.
        cells = [Cell([words[i] for i in idx], None, min(words[i].confidence for i in idx), kind)
                 for idx, kind in special]
        out.cells = sorted(out.cells + cells, key=lambda c: c.x0)
        out.words = line.words
        return out

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

        for line in self._join_wrapped([self._special_cells(self._zero_cells(_without_specks(ln)))
                                        for ln in lines]):
            if not line.words:
                continue  # specks alone, dropped (_without_specks): nothing was printed there
            if table and _scanned_marks(line):
                # a speck or a rule's mark between two rows ("-", or "." boxed as a label of
                # its own): the table goes on
                continue
            label_only = bool(line.label) and not line.cells
            if table and label_only and _read_again(line, table[-1]):
                continue  # the row above read a second time, without its counts
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
            if line.cells and self._written_out(line.label_words):
                # "Avslutade deltagare 3 1 kvinnor och 2 män é 3": a form row written out,
                # a ruling line's mark and a stray figure after it read as a cell.
                flush()
                if self.prose(line):
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


def _same_reading(kept: Cell, other: Cell) -> bool:
    """``other`` reads the figure ``kept`` reads, over most of it, no surer."""
    overlap = min(kept.x1, other.x1) - max(kept.x0, other.x0)
    narrower = min(kept.x1 - kept.x0, other.x1 - other.x0)
    return kept.value is not None and kept.value == other.value and overlap > 0.5 * narrower \
        and other.confidence <= kept.confidence and all(w.confidence < 1 for w in other.words)


# Marks a speck is read as ("." between a row's figures, ":" or "‘" after them); a dash is
# a figure's own (nil).
SPECK_MARKS = ".,:;'`‘’´\""


def _is_speck(word: Word) -> bool:
    """A one-digit OCR word boxed too narrow to hold a digit's glyph, or a point or comma
    standing alone among the figures (no count prints so): a scan's speck."""
    if word.confidence >= 1 or len(word.text) != 1:
        return False
    return word.text in SPECK_MARKS or speck_digit(word)


def _read_again(line: Line, row: Line) -> bool:
    """``line`` is ``row``'s label read a second time (a scan's re-read set a little lower,
    overlapping it): the same words, its top above the row's bottom."""
    return fold(line.label) == fold(row.label) and line.top < row.bottom


def _scanned_marks(line: Line) -> bool:
    """A scanned line of marks only: no letter, no digit."""
    return all(w.confidence < 1 and not any(ch.isalnum() for ch in w.text) for w in line.words)


def _without_specks(line: Line) -> Line:
    """The line without the cells a scan's specks made ("Totalt antal deltagare  5  39", the
    5 a point wide: a column of its own, read before the count), and without the second of
    two readings of one figure (a re-read that stands over the figure OCR read, the same
    value: "20 20", which ran the count columns of the table together)."""
    specks = [c for c in line.cells if len(c.words) == 1 and _is_speck(c.words[0])]
    twice = [b for a, b in zip(line.cells, line.cells[1:], strict=False) if _same_reading(a, b)]
    twice += [a for a, b in zip(line.cells, line.cells[1:], strict=False)
              if _same_reading(b, a) and b not in twice]
    if not specks and not twice:
        return line
    # The line as the repairs left it, less those cells (split again, its words would make
    # other cells: "Kugghjulet : 53 JOE 33 26" a label up to "JOE").
    gone = {id(c) for c in specks + twice}
    drop = {id(w) for c in specks + twice for w in c.words}
    return replace(line, words=[w for w in line.words if id(w) not in drop],
                   cells=[c for c in line.cells if id(c) not in gone])


def _group_measures(columns: list[Column], meanings: dict) -> dict[int, str]:
    """Group columns ("varav kvinnor", "Kv") → the measure of the nearest measure column
    to their left."""
    out: dict[int, str] = {}
    measure = None
    for col in sorted(columns, key=lambda c: c.x0):
        kind, arg, _ = meanings[id(col)]
        if kind == "measure":
            measure = (arg or "").partition("@")[0]
        elif kind in ("group", "pair") and measure:
            out[id(col)] = measure
    return out


# A row label's second line follows its first closer than this (text heights, bottom to top)
# and starts at most this far (text heights) right of it.
WRAP_GAP = DIGITAL.counts.wrap_gap
WRAP_INDENT = DIGITAL.counts.wrap_indent
# Heading words further apart than this many text heights are two headings.
PHRASE_GAP = DIGITAL.counts.phrase_gap
JUNK_LABEL_MAX = DIGITAL.counts.junk_label_max


def _phrases(words: list[Word]) -> list[list[Word]]:
    """A heading line's words as its headings: runs of words a word space apart."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if out and w.x0 - out[-1][-1].x1 <= PHRASE_GAP * (w.bottom - w.top):
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _span_of(col: Column, spans: list[tuple[float, float, str, str]]) -> tuple[str, str] | None:
    """(measure, key_match) of the spanning heading over ``col``: the one whose region (to
    halfway to the next heading) holds the column's centre."""
    centre = (col.x0 + col.x1) / 2
    for k, (x0, x1, measure, how) in enumerate(spans):
        before = (spans[k - 1][1] + x0) / 2 if k else float("-inf")
        after = (x1 + spans[k + 1][0]) / 2 if k + 1 < len(spans) else float("inf")
        if before <= centre < after:
            return measure, how
    return None


# "Namn: värde": a field a form states, no heading (a heading's words never run on past a colon).
_FIELD_KEY_RE = re.compile(r"\w:$")
FIELD_VALUE_SPACE = DIGITAL.counts.field_value_space


def _is_field(line: Line) -> bool:
    """A line that states a form's field: a word ending in a colon, a word after it a word
    space away (a speck read as a colon inside a torn word, "In: sats", touches the next)."""
    return any(_FIELD_KEY_RE.search(a.text) and b.x0 - a.x1 >= FIELD_VALUE_SPACE * line.height
               for a, b in pairwise(line.words))


def _columns(rows: list[Row]) -> list[Column]:
    """The table's columns, found from its cells but those OCR boxed far wider than their
    digits over the columns of the others ("56" boxed over two columns by a ruling line
    through the row: the columns ran together, and the table's budget column was lost);
    each of those joins the column it crosses whose middle is nearest its own. A wide box
    beside the columns (dust read "72" left of them) stays a column of its own."""
    def without(cells: list[Cell]) -> list[Row]:
        gone = {id(c) for c in cells}
        kept = [Row(r.label, [c for c in r.cells if id(c) not in gone], r.lines) for r in rows]
        return [r for r in kept if r.cells]
    wide = [c for r in rows for c in r.cells if boxed_wide(c)]
    narrow = without(wide)
    if not wide or not narrow:
        return find_columns(rows)
    spans = [(col.x0, col.x1) for col in find_columns(narrow)]
    crossing = [c for c in wide if any(c.x0 < x1 and x0 < c.x1 for x0, x1 in spans)]
    if not crossing:
        return find_columns(rows)
    columns = find_columns(without(crossing))
    for cell in crossing:
        middle = (cell.x0 + cell.x1) / 2
        crossed = [col for col in columns if cell.x0 < col.x1 and col.x0 < cell.x1] or columns
        min(crossed, key=lambda col: abs(col.centre - middle)).cells.append(cell)
    return columns


def _heading_run(header: list[Line], first: Line) -> list[Line]:
    """The lines right above a table's first row, up to a blank line (a caption or the
    table before stands further off) or a form's field line ("Beviljade medel under året:
    450 000 kronor" states a value; its words head no column)."""
    run: list[Line] = []
    below = first
    for line in reversed(header):
        h = max(line.height, below.height)
        if line.page != below.page or below.top - line.bottom > HEADING_GAP * h or \
                _is_field(line):
            break
        run.append(line)
        below = line
    return run


def parse_participants(section: Section, lexicon: Lexicon, fiscal_year: int | None,
                       places: frozenset[str] | None = None,
                       document_unit: str | None = None,
                       unplaced: list[Count] | None = None) -> list[Count]:
    """``places``: the member kommuner (``member_places``; default the lexicon's);
    ``document_unit``: the unit the report states once for all its amounts; ``unplaced``:
    gets the counts of a scan's columns or form rows whose heading or label OCR lost
    (measure "", ``UNPLACED`` key_match; repair/placed.py keys them)."""
    # A title that is also the table's heading row ("Statistik KRUS | Totalt | Kvinnor | Män")
    # is read as the heading of the rows below it.
    lines = section.lines if section.table_title else section.lines[1:]
    reader = _Reader(section, lexicon, fiscal_year, places, document_unit)
    counts = reader.read(lines)
    if unplaced is not None:
        unplaced += reader.unplaced
    if section.kind == "insatsrapport":
        # An insats's bilaga may write its counts in sentences: read where no table did.
        counts += prose_counts(lines, lexicon, fiscal_year, reader.insats, reader.source, counts,
                               section.heading)
    return counts


def member_places(lines: list[Line], lexicon: Lexicon) -> frozenset[str]:
    """Folded names of the member kommuner: the lexicon's (register members, [names]) and
    the ones the document lists: the names of the list after a member cue ("... och
    kommunerna Glimmerby, Dalaholm och Ekevik."), each its capitalised words in a row; an
    agency or the region ("Region X", "Försäkringskassan") or any other word ends the list;
    or a name before "kommun"."""
    cues, suffixes = lexicon.count_words.member_cues, lexicon.kommun_suffixes
    joins, stops = lexicon.name_words.connectors - {"i"}, lexicon.member_list_stops | cues
    found: set[str] = set()
    name: list[str] = []  # "Upplands Väsby"; "Steget Navet Totalt" (headings): no kommun
    listing = False
    for line in lines:
        for k, w in enumerate(line.words):
            word = fold(w.text.strip(",.;:()"))
            nxt = fold(line.words[k + 1].text.strip(",.;:()")) if k + 1 < len(line.words) else ""
            capital = w.text[:1].isupper() and bool(word)
            if listing and capital and word not in stops:
                name.append(word)
            else:
                found.update([" ".join(name)] if name else [])
                name = []
                if word in cues:
                    listing = True
                elif capital and nxt in suffixes:
                    found.add(word)
                elif word not in joins:
                    listing = False  # "kommunerna i länet", "Region X": no (more) names
            if w.text.rstrip(")").endswith((",", ".", ";", ":")):
                found.update([" ".join(name)] if name else [])
                name = []
                listing = listing and w.text.rstrip(")").endswith(",")
    found.update([" ".join(name)] if name else [])
    return lexicon.kommun_places | frozenset(found)


def summary_name(items: list, title: str, names: tuple[str, ...], lexicon: Lexicon,
                 ocr: bool = False) -> list:
    """Give counts or goals of a section titled with an insats ("KOMPASS", "Krus (Kalmar
    kommun)", "Kompas") the summary table's name of it ("Kompass"), across spelling and
    case; a title no summary name is close to stays as printed (read by OCR, ``ocr``,
    doubtful: it may be a listed name damaged past knowing, "vin" of "Vindrosen"). A loose
    name match makes the count's key a loose one too, and the count no surer than the match
    (``Tables.key_confidence``: a name guessed from its cut start, "VÄGV", is doubtful)."""
    if not title:
        return items
    hit = lexicon.insats_name(title, names) if names else None
    name, how = hit if hit else (title, "exact")
    for item in items:
        item.insats = name
        if ocr and names and hit is None:
            item.confidence = min(item.confidence, OCR.confidence.unlisted_insats)
        if how != "exact":
            item.key_match = weakest(item.key_match, how)
            item.confidence = min(item.confidence, DIGITAL.tables.key_confidence(how))
    return items


_DIGITS_RE = re.compile(r"\d+")


def _reading_order(words: list[Word]) -> list[Word]:
    """Heading words line by line, each line left to right: a scan sets the words of one
    line a point apart in height ("delt." above "Nya"), which is no line of its own. Lines
    are told apart by the words' usual height, not each word's own: OCR may box a word
    two lines tall ("delt." down into the first row), which joined it to the line above."""
    if not words:
        return []
    usual = statistics.median(w.height for w in words)
    lines = runs(words, lambda w: w.top, lambda w: w.top, lambda w: 0.5 * min(w.height, usual))
    return [w for line in lines for w in sorted(line, key=lambda w: w.x0)]
# Marks a scan's specks leave around a name: before it anything but a letter, digit or
# bracket; after it stops, colons, quotes, dashes and bars.
_SPECK_MARKS_RE = re.compile(r"^[^\w(]+|[\s.,:;=‘’'\"—–_|~*-]+$")


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


TOTAL_ROW_EVIDENCE = DIGITAL.counts.total_row_evidence
TOTAL_ROW_MIN_MEASURES = DIGITAL.counts.total_row_min_measures


# A summary's rows per member kommun without a total row: stored under this source table
# (insats the kommun's name, a breakdown, never an insats).
KOMMUN_SOURCE = "kommun"
COMPUTED_TOTAL_CONFIDENCE = DIGITAL.counts.computed_total_confidence
STRETCHED_HEADING_CONFIDENCE = DIGITAL.confidence.stretched_heading


def _total_of_kommuner(counts: list[Count], start: int) -> None:
    """The förbund's counts summed from its member kommuner's rows (no total row printed):
    stored as the summary's total, ``key_match`` "computed", without printed text, doubtful."""
    parts: dict[tuple, list[Count]] = {}
    for c in counts[start:]:
        if c.source_table == KOMMUN_SOURCE:
            parts.setdefault((c.measure, c.group, c.period_year), []).append(c)
    for (measure, group, year), cs in parts.items():
        box = (min(c.bbox[0] for c in cs), min(c.bbox[1] for c in cs),
               max(c.bbox[2] for c in cs), max(c.bbox[3] for c in cs))
        counts.append(Count("", measure, group, year, sum(c.value for c in cs), "summary", cs[-1].page,
                            box, "", min(COMPUTED_TOTAL_CONFIDENCE, *(c.confidence for c in cs)),
                            "computed"))


def _fill_misread(counts: list[Count], start: int, misread: list[Count]) -> None:
    """A summary's count misread past use ("(243" for "13") where the table's total row and
    every other insats's count of that measure were read: the total less the others, stored
    doubtful (key_match "arithmetic"; the figure as read kept in ``raw``). Nothing when two
    of one column are misread or the remainder is no count."""
    table = counts[start:]
    keys = [(c.measure, c.group, c.period_year) for c in misread]
    for c, key in zip(misread, keys, strict=True):
        if keys.count(key) > 1:
            continue
        same = [o for o in table if (o.measure, o.group, o.period_year) == key]
        total = [o for o in same if o.insats == ""]
        rows = {o.insats for o in table if o.insats and o.source_table == c.source_table}
        others = [o for o in same if o.insats and o.insats != c.insats]
        if len(total) != 1 or any(o.insats == c.insats for o in same) or \
                {o.insats for o in others} != rows - {c.insats} or len(others) != len(rows - {c.insats}):
            continue
        value = total[0].value - sum(o.value for o in others)
        if 0 <= value < MAX_COUNT:
            counts.append(replace(c, value=value, key_match=weakest(c.key_match, "arithmetic"),
                                  confidence=min(c.confidence, UNKNOWN_COLUMN_CONFIDENCE)))


def _total_by_sums(counts: list[Count], start: int) -> None:
    """A summary table's last row whose every count is the sum of the insats rows above it is
    the table's total, whatever its label says ("Samtliga insatser", "Hela förbundet"): its
    counts become the förbund's (insats ""), keyed by ``arithmetic``. Nothing changes when the
    table already has a total row or any figure does not add up."""
    table = counts[start:]
    rows = list(dict.fromkeys(c.insats for c in table))
    if "" in rows or len(rows) < 3:
        return
    last, above = rows[-1], rows[:-1]
    keys = {(c.measure, c.group, c.period_year): c for c in table if c.insats == last}
    sums: dict[tuple, int] = {}
    for c in table:
        if c.insats != last and (c.measure, c.group, c.period_year) in keys:
            k = (c.measure, c.group, c.period_year)
            sums[k] = sums.get(k, 0) + c.value
    if not keys or set(sums) != set(keys) or any(sums[k] != c.value for k, c in keys.items()):
        return
    if len(keys) + len(above) < TOTAL_ROW_EVIDENCE or len(keys) < TOTAL_ROW_MIN_MEASURES:
        return
    for i in range(start, len(counts)):
        if counts[i].insats == last:
            counts[i] = replace(counts[i], insats="",
                                key_match=weakest(counts[i].key_match, "arithmetic"))


def _doubt_broken_groups(counts: list[Count], start: int, orphans: int, scanned: bool,
                         total: bool = True) -> None:
    """A row written out with its groups ("18 st (7 kvinnor, 11 män, 0 ej angivet)") that OCR
    damaged ("18 st (7 Keine: 2 män, 0 ej angivet)": a figure whose group word is lost, or
    groups that do not add up to the row's count) cannot vouch for its groups: they are kept,
    doubtful (the total too when the sum breaks and it cannot be told which figure is wrong).
    ``total``: the row's count stands at ``start``, before its groups (else groups only).
    One group alone ("18 st varav 7 kvinnor") is a part of the row, not its split: it breaks
    only when larger than the whole."""
    first = start + 1 if total else start
    if not scanned or len(counts) - first < 1 or (total and len(counts) - start < 2):
        return
    parts = counts[first:]
    whole = sum(c.value for c in parts)
    split = len({c.group for c in parts}) >= 2
    sums_break = total and orphans == 0 and (
        whole > counts[start].value or (split and whole != counts[start].value))
    if orphans or sums_break:
        cap = OCR.confidence.breaks_arithmetic
        for i in range(start if sums_break else first, len(counts)):
            counts[i] = replace(counts[i], confidence=min(counts[i].confidence, cap))
