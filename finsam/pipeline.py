"""One file through the stages: read → classify → parse. Runs in a worker process.

Each stage takes a plain data object and returns one; this module only wires them and turns
any failure into a per-file result with the reason, so one bad file never stops a batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.classify import classify
from ingest.discover import sha256
from ingest.pdftext import PdfReadError, read_pdf
from normalize.lexicon import load_lexicon
from parsers.document import document_lines, parse_document
from parsers.notes import Note
from parsers.statements import Statement


@dataclass
class FileResult:
    source_file: str
    sha256: str | None = None
    pages: int = 0
    kind: str = "okand"
    organisation: str | None = None
    fiscal_year: int | None = None
    statements: dict[str, Statement] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    error: str | None = None
    error_page: int | None = None

    @property
    def status(self) -> str:
        return "failed" if self.error else "stored"


def process_bytes(name: str, data: bytes) -> FileResult:
    """Never raises: a parser bug fails this file with its reason, not the batch."""
    try:
        return _process(name, data)
    except Exception as exc:
        return FileResult(name, sha256(data),
                          error=f"internal error while parsing: {type(exc).__name__}: {exc}")


def _process(name: str, data: bytes) -> FileResult:
    result = FileResult(name, sha256(data))
    try:
        text = read_pdf(data)
    except PdfReadError as exc:
        result.error, result.error_page = exc.reason, exc.page
        return result
    lexicon = load_lexicon()
    result.pages = len(text.pages) + len(text.problems)
    result.problems = [(p.page, p.reason) for p in text.problems]
    # An image without text is a scan; a page with neither is just blank.
    empty = [p.number for p in text.pages if not p.words and p.has_images]
    if empty and len(empty) == len(text.pages):
        result.problems.append((None, "no text layer on any page: the file needs OCR, "
                                      "which this version does not run yet"))
    elif empty:
        result.problems += [(n, "no text layer on this page (needs OCR)") for n in empty]
    lines = document_lines(text)
    cls = classify(lines, lexicon)
    doc = parse_document(lines, lexicon, cls.fiscal_year)
    result.statements, result.notes = doc.statements, doc.notes
    has_statements = any(s in doc.statements for s in ("resultatrakning", "balansrakning"))
    result.kind = "arsredovisning" if has_statements and cls.kind != "delarsrapport" else cls.kind
    result.organisation, result.fiscal_year = cls.organisation, cls.fiscal_year
    return result
