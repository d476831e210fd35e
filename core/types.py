"""The data that passes between the stages: words and pages (ingest), lines and cells
(parsers), amounts, statements, notes, counts, goals and facts (parse results), page
decisions, signatures and a file's whole result. Every stage imports these; this module
imports no stage, so a type never pulls a stage's code along.

The classes are plain dataclasses; the functions that make them stay in their stages
(``ingest.pdftext.read_pdf`` makes pages, ``parsers.layout.page_lines`` lines, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


# Words and pages, as read from a PDF's text layer or OCR (ingest)
@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 10.0
    confidence: float = 1.0  # below 1 for words read by OCR
    raw: str | None = None  # the text before a repair, when one was made
    # A figure whose sign is not known: a dash right before its digits was dropped as a ruling
    # line's ("—20-380299—_—20.098": a line through the row glued two columns' figures), and
    # a printed minus under the line reads the same. No unsigned re-read confirms it.
    sign_lost: bool = False

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    has_images: bool = False
    image_pixels: int = 0  # of the largest image on the page, as stored (not as shown)
    # "text": the file's own layer; "ocr": made by OCR (finsam's, or the layer an older tool
    # left over a scanned page)
    source: str = "text"


@dataclass
class PageProblem:
    page: int
    reason: str


@dataclass
class PdfText:
    pages: list[Page]
    problems: list[PageProblem] = field(default_factory=list)


# Signatures (ingest)
@dataclass(frozen=True)
class Signature:
    field: str
    signer: str
    signed_at: datetime | None


# What triage decided for a page (ingest)
@dataclass(frozen=True)
class PageDecision:
    page: int
    layer: str  # good | missing | damaged | blank
    ocr: bool
    reason: str
    verification: bool = False  # an e-signing service's verification page: not parsed


# Lines and amount cells, from word positions (parsers)
@dataclass
class Cell:
    words: list[Word]
    value: int | None
    confidence: float = 1.0
    # A cell that holds no value of its own but keeps its column: "share" ("45 %") or
    # "pair" (a women/men pair "18/12", read under its "Kv/M" heading).
    mark: str = ""

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def raw_text(self) -> str:
        """As printed (or as OCR read it), before any repair."""
        return " ".join(w.raw or w.text for w in self.words)

    @property
    def sign_lost(self) -> bool:
        """Whether the figure's sign is not known (``Word.sign_lost`` of any of its words: a
        figure OCR read in parts keeps the doubt of the part the line's dashes stood before)."""
        return any(w.sign_lost for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


@dataclass
class Line:
    page: int
    words: list[Word]
    label_words: list[Word] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    page_height: float = 842.0
    # Label words OCR read out of a figure's first digits and dropped from the label
    # (repair/cells.py drop_glued_junk): the key found without them is a loose one.
    junk_tail: list[Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return sorted(w.height for w in self.words)[len(self.words) // 2]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def label(self) -> str:
        return " ".join(w.text for w in self.label_words)

    @property
    def x0(self) -> float:
        return self.words[0].x0


# One amount of a table, with its provenance (parsers)
@dataclass
class Amount:
    column: str
    period_year: int | None
    value: int
    raw: str
    page: int
    bbox: tuple[float, float, float, float]
    confidence: float = 1.0
    # What the printed figure was multiplied by for ``value`` in kronor (1000 in a tkr table):
    # a figure read again from the image is scaled by it too.
    scale: int = 1


# Statements (parsers)
@dataclass
class StatementRow:
    statement: str
    line_key: str
    label: str
    note_ref: int | None
    order: int
    key_score: float
    amounts: list[Amount] = field(default_factory=list)
    key_match: str = "unkeyed"  # exact, fuzzy:<score>, arithmetic, unkeyed


@dataclass
class Statement:
    statement: str
    heading: str
    unit: str
    rows: list[StatementRow]
    unit_source: str = "heading"  # heading, document, magnitude, statements, none

    @property
    def known_rows(self) -> int:
        return sum(1 for r in self.rows if r.key_score >= 90 and r.amounts)


# Notes (parsers)
@dataclass
class NoteRow:
    line_key: str
    label: str
    group: str | None
    row_type: str  # item, subtotal, total
    order: int
    amounts: list[Amount] = field(default_factory=list)
    key_match: str = "unkeyed"  # how the note (its title) was keyed: exact, fuzzy:<score>

    @property
    def is_total(self) -> bool:
        return self.row_type == "total"


@dataclass
class Note:
    note_no: int
    note_key: str
    title: str
    unit: str
    rows: list[NoteRow]
    unit_source: str = "heading"  # heading, document, magnitude, statements, none


# Participant counts (parsers)
@dataclass
class Count:
    insats: str
    measure: str
    group: str
    period_year: int | None
    value: int
    source_table: str  # summary, history, form
    page: int
    bbox: tuple[float, float, float, float]
    raw: str
    confidence: float = 1.0
    # How the measure and group were found: exact, fuzzy:<score> (a lexicon phrase or another
    # form's row, loosely), unkeyed (a key made from the printed label), prose (read from a
    # sentence: parsers/prose_counts.py).
    key_match: str = "exact"


# Goals (parsers)
@dataclass
class Goal:
    insats: str
    level: str
    goal: str
    target_pct: float | None
    outcome_pct: float | None
    status: str
    status_text: str
    comment: str
    page: int
    bbox: tuple[float, float, float, float]
    activity: str = ""
    confidence: float = 1.0
    # How the status was found: exact (a status phrase printed), fuzzy:<score> (an
    # OCR-damaged one), unkeyed (no status phrase: okand, the printed text kept).
    key_match: str = "unkeyed"
    # Where the goal's status cell stands when the table has a status column but nothing was
    # read in it, or OCR damaged what it read past a sure status (x0, top, x1, bottom, text
    # height; PDF points on ``page``): OCR may drop a status word a ruling line runs
    # through, or glue and garble it, and the repair reads the cell again.
    status_cell: tuple[float, float, float, float, float] | None = None
    # The keys of the legend that explains the status symbols, where each stands (status,
    # page, x0, top, x1, bottom): the repair matches the cell's symbol to them by their ink.
    status_keys: tuple[tuple[str, int, float, float, float, float], ...] = ()


# Facts of protokoll and memos (parsers)
@dataclass
class Fact:
    fact: str  # meeting_date, place, tjanstgor, ersattare, ovrig, paragraph, title, ...
    value: str
    page: int
    number: int | None = None
    detail: str = ""


# One file's whole result, as the pipeline hands it to storage
@dataclass
class FileResult:
    source_file: str
    sha256: str | None = None
    pages: int = 0
    kind: str = "okand"
    organisation: str | None = None
    fiscal_year: int | None = None
    orgnr: str | None = None  # the förbund's organisationsnummer, as printed
    printed_name: str | None = None  # the förbund's name as printed (organisation: canonical)
    identified_by: str | None = None  # how förbund and year were found (Classification)
    statements: dict[str, Statement] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    participants: list[Count] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    # What the OCR stack said about pages it still read (Tesseract's errors): no failure of
    # the file, but a user should know which page to look at.
    ocr_said: list[tuple[int | None, str]] = field(default_factory=list)
    error: str | None = None
    error_page: int | None = None
    ocr: str = "none"  # none | added | redone (CONTRACT.md)
    ocr_cached: bool = False
    page_decisions: list[PageDecision] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)

    sections: list = field(default_factory=list)  # parsers.document.SectionSeen, for coverage

    @property
    def status(self) -> str:
        return "failed" if self.error else "stored"
