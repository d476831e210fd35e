"""One file through the stages: read → triage → OCR → repair → classify → parse. Runs in a worker process.

Each stage takes a plain data object and returns one; this module only wires them and turns
any failure into a per-file result with the reason, so one bad file never stops a batch.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from checks.parsed import broken_amounts, broken_counts, count_support
from core.lexicon import Lexicon, load_lexicon
from core.types import FileResult
from ingest.discover import sha256
from ingest.ocr import OcrError, OcrSettings, ocr_copy
from ingest.pdftext import OCR_WORD_SETTINGS, Page, PdfReadError, PdfText, read_pdf
from ingest.signatures import read_signatures
from ingest.triage import MIN_WORDS, strip_stamps, triage
from parsers.classify import classify
from parsers.document import document_lines, parse_document
from parsers.minutes import parse_memo, parse_minutes
from repair import passes
from repair.cells import level_askew_pages
from repair.regions import Lost, page_summary
from repair.reread import PageImages


@dataclass(frozen=True)
class OcrOptions:
    policy: str = "auto"  # auto | force | never
    cache_dir: str | None = None
    jobs: int = 1  # Tesseract processes for the pages of this one file
    # The user's lexicon files (--lexicon), for workers that do not share the CLI's
    # environment (FINSAM_LEXICON); empty: the environment's.
    lexicon: tuple[str, ...] = ()
    # Tesseract languages of the OCR and its re-reads (--ocr-lang); empty: OcrSettings' own.
    languages: tuple[str, ...] = ()
    # OCRmyPDF's deskew of each page (off: a page is read as turned as it was scanned; the
    # class tests set a chosen residual skew so)
    deskew: bool = True

    def settings(self) -> OcrSettings:
        """The OCR settings of this run: the same for the OCR and every re-read after it."""
        return OcrSettings.with_languages(self.languages, jobs=self.jobs, deskew=self.deskew)


def process_bytes(name: str, data: bytes, ocr: OcrOptions | None = None) -> FileResult:
    """Never raises: a parser bug fails this file with its reason, not the batch."""
    try:
        return _process(name, data, ocr or OcrOptions())
    except Exception as exc:
        return FileResult(name, sha256(data),
                          error=f"internal error while parsing: {type(exc).__name__}: {exc}")


def _run_ocr(result: FileResult, data: bytes, text: PdfText, options: OcrOptions,
             lexicon: Lexicon) -> tuple[PdfText, PageImages | None]:
    """Replace the pages triage chose with their OCR'd text; a failure is a problem, not fatal
    while some page still has text. Returns the text and the OCR'd file's page images (None
    without OCR)."""
    need = [d.page for d in result.page_decisions if d.ocr]
    if not need:
        return text, None
    settings = options.settings()
    try:
        ocr_data, result.ocr_cached, cached, result.ocr_said = ocr_copy(
            data, result.sha256 or sha256(data), need, settings,
            Path(options.cache_dir) if options.cache_dir else None)
        ocr_text = read_pdf(ocr_data, OCR_WORD_SETTINGS)
    except (OcrError, PdfReadError) as exc:
        reason = exc.reason if exc.reason.startswith("OCR") else f"OCR failed: {exc.reason}"
        result.problems.append((None, reason))
        return text, None
    # A page that had a text layer (damaged, or good under --ocr force) had it redone.
    redone = {d.page for d in result.page_decisions if d.ocr and d.layer != "missing"}
    result.ocr = "redone" if redone else "added"
    fresh = {p.number: p for p in ocr_text.pages}
    images = PageImages(ocr_data, cached.with_suffix(".reread.json"), settings)
    fresh.update(level_askew_pages({n: fresh[n] for n in need if n in fresh}, images))
    pages = []
    ctx = passes.Context(lexicon.vocabulary, images=images)
    for page in text.pages:
        new = fresh.get(page.number) if page.number in need else None
        if new is None:
            pages.append(page)
            continue
        new = passes.run("words", replace(new, source="ocr"), ctx)
        if len(new.words) < MIN_WORDS:
            result.problems.append((page.number, "OCR found no text on this page (unreadable, "
                                                 "or over the time limit per page)"))
        pages.append(new)
    _said_lost(result, ctx.lost)
    return replace(text, pages=pages), images


def _said_lost(result: FileResult, lost: list[Lost]) -> None:
    """Regions OCR lost whole and read again (repair/regions.py) are said after the tally
    with the OCR's warnings, a line a page, and kept in their page's triage record, each
    with its numbers."""
    by_page: dict[int, list[Lost]] = {}
    for r in lost:
        by_page.setdefault(r.page, []).append(r)
    result.ocr_said = [*result.ocr_said, *((p, page_summary(rs)) for p, rs in by_page.items())]
    result.page_decisions = [
        replace(d, reason="; ".join([d.reason, *(r.said() for r in by_page[d.page])]))
        if d.page in by_page else d for d in result.page_decisions]


def _parse_pages(result: FileResult, text: PdfText, lexicon: Lexicon) -> list[Page]:
    """The pages whose words go on to the parsers; pages left without text are listed."""
    # Pages still without text: a scan that was not (or could not be) OCR'd.
    empty = [d for d, p in zip(result.page_decisions, text.pages, strict=True)
             if d.layer == "missing" and len(p.words) < MIN_WORDS and not d.ocr]
    if empty and len(empty) == len(text.pages) and len({d.reason for d in empty}) == 1:
        result.problems.append((None, f"no text layer on any page: {empty[0].reason}"))
    else:
        result.problems += [(d.page, f"no text layer: {d.reason}") for d in empty]
    damaged_kept = {d.page for d in result.page_decisions if d.layer == "damaged" and not d.ocr}
    ocr_done = {d.page for d in result.page_decisions if d.ocr}
    verification = {d.page for d in result.page_decisions if d.verification}
    pages = []
    for page in text.pages:
        if page.number in verification:
            continue
        # --ocr never, or a scan's own OCR layer kept: repair what can be repaired
        if page.number in damaged_kept or (page.source == "ocr" and page.number not in ocr_done):
            page = passes.run("words", page, passes.Context(lexicon.vocabulary))
        pages.append(strip_stamps(page, lexicon))
    return pages


def _process(name: str, data: bytes, options: OcrOptions) -> FileResult:
    result = FileResult(name, sha256(data))
    try:
        text = read_pdf(data)
    except PdfReadError as exc:
        result.error, result.error_page = exc.reason, exc.page
        return result
    lexicon = load_lexicon(user=options.lexicon) if options.lexicon else load_lexicon()
    result.pages = len(text.pages) + len(text.problems)
    result.problems = [(p.page, p.reason) for p in text.problems]
    result.signatures, sig_problem = read_signatures(data)
    if sig_problem:
        result.problems.append((None, sig_problem))
    result.page_decisions = triage(text.pages, lexicon, options.policy)
    text, images = _run_ocr(result, data, text, options, lexicon)
    pages = _parse_pages(result, text, lexicon)
    if not any(p.words for p in pages) and any(d.ocr for d in result.page_decisions):
        result.error = next((r for p, r in result.problems if p is None and "OCR" in r),
                            "OCR found no text in the file")
        return result
    # OCR repair and re-reads (repair/passes.py lists them in order); the arithmetic repair
    # is given the rule table's evaluator from here, the one layer that sees both.
    fix = passes.Context(lexicon.vocabulary, {p.number for p in pages if p.source == "ocr"},
                         images, lambda st, notes, final: broken_amounts(st, notes, lexicon, final),
                         lexicon)
    lines = passes.run("lines", document_lines(replace(text, pages=pages), lexicon), fix)
    cls = classify(lines, lexicon, pages)
    fix.count_breaks = lambda counts, final: broken_counts(counts, lexicon, cls.fiscal_year, final)
    fix.count_support = lambda counts: count_support(counts, lexicon, cls.fiscal_year)
    doc = passes.run("parsed", parse_document(lines, lexicon, cls.fiscal_year), fix)
    result.statements, result.notes = doc.statements, doc.notes
    result.participants, result.goals = doc.participants, doc.goals
    result.sections = doc.seen
    if images is not None:
        images.save()
    has_statements = any(s in doc.statements for s in ("resultatrakning", "balansrakning"))
    result.kind = "arsredovisning" if has_statements and cls.kind != "delarsrapport" else cls.kind
    # Other kinds of document: their key facts (a protokoll's items, a memo's basis).
    if result.kind == "protokoll":
        result.facts = parse_minutes(lines, lexicon)
        date = next((f.value for f in result.facts if f.fact == "meeting_date"), None)
        if cls.fiscal_year is None and date:
            cls.fiscal_year = int(date[:4])  # a protokoll belongs to its meeting's year
    elif result.kind == "tjansteskrivelse":
        result.facts = parse_memo(lines, lexicon)
    result.organisation, result.fiscal_year = cls.organisation, cls.fiscal_year
    result.orgnr, result.printed_name = cls.orgnr, cls.printed_name
    dated = "year=meeting_date" if cls.year_source is None and cls.fiscal_year else ""
    result.identified_by = ";".join(p for p in (cls.identified_by, dated) if p) or None
    return result
