"""Compare what extraction gives with a fixture's ground truth."""

from __future__ import annotations

from pathlib import Path

from finsam.pipeline import FileResult, process_bytes
from fixtures.compare import extracted_amounts
from fixtures.truth import Report


def read_born_digital(pdf: Path) -> FileResult:
    """A drawn PDF read by the pipeline as born-digital, without OCR."""
    from finsam.pipeline import OcrOptions
    return process_bytes(str(pdf), pdf.read_bytes(), OcrOptions(policy="never"))


def amounts_not_read(result: FileResult, want: dict[tuple, int]) -> dict[tuple, tuple]:
    """The drawn amounts a read did not give exactly: key -> (drawn, read); empty when all were."""
    got = extracted_amounts(result)
    return {k: (v, got.get(k)) for k, v in want.items() if got.get(k) != v}


def error_findings(tmp: Path, result: FileResult) -> list[tuple[str, str, str]]:
    """The ``error`` findings of the checks on a result stored in a fresh SQLite database."""
    from sqlalchemy.orm import Session

    from checks.store import run_checks
    from db.session import open_engine
    from db.store import store
    engine = open_engine(f"sqlite:///{tmp / 'f.db'}")
    with Session(engine) as session, session.begin():
        store(session, result)
    with Session(engine) as session, session.begin():
        found = [(f.rule, f.outcome, f.severity) for f in run_checks(session)
                 if f.severity == "error"]
    engine.dispose()
    return found


def compare(pdf: Path) -> tuple[Report, FileResult, dict[tuple, int], dict[tuple, int]]:
    truth = Report.load(pdf.with_suffix(".json"))
    result = process_bytes(str(pdf), pdf.read_bytes())
    return truth, result, truth.expected_amounts(), extracted_amounts(result)


def page_with(pdf: Path, heading: str) -> int:
    """The first page (1-based) that has a line starting with ``heading``."""
    from ingest.pdftext import read_pdf
    for page in read_pdf(pdf.read_bytes()).pages:
        words = [w.text for w in sorted(page.words, key=lambda w: (round(w.top), w.x0))]
        if heading in " ".join(words):
            return page.number
    raise AssertionError(f"{heading!r} is on no page of {pdf.name}")


def read_hard_scan(src: Path, seed: int, tmp: Path) -> FileResult:
    """A drawn page degraded as a hard 200 dpi scan (seeded) and read by the pipeline with
    real OCR; ``FINSAM_TEST_OCR_CACHE=DIR`` keeps the OCR'd copies between runs."""
    import os

    import pikepdf

    from finsam.pipeline import OcrOptions
    from fixtures.scan import scan_pdf
    dst = src.with_name(f"{src.stem}-scan200hard.pdf")
    scan_pdf(src, dst, "scan200hard", seed)
    # The scan's trailer /ID is random, so its bytes (the OCR cache's key) differed on every
    # run: saved again with a fixed ID, the cache hits.
    with pikepdf.open(dst, allow_overwriting_input=True) as pdf:
        del pdf.trailer.ID
        pdf.save(dst, static_id=True)
    cache = os.environ.get("FINSAM_TEST_OCR_CACHE") or str(tmp / "ocr")
    return process_bytes(str(dst), dst.read_bytes(), OcrOptions(cache_dir=cache, jobs=2))


def misread(want: dict, got: dict) -> tuple[list, list]:
    """Where a read missed what was drawn: (values stored wrong at a sure confidence, values
    not read right at all). ``got`` maps each key to (value, confidence, ...)."""
    from core.settings import DIGITAL
    doubt = DIGITAL.checks.uncertain_below
    wrong_sure = [(k, v, got[k]) for k, v in want.items() if k in got and got[k][0] != v
                  and got[k][1] >= doubt]
    missed = [(k, v, got.get(k)) for k, v in want.items() if got.get(k, (None,))[0] != v]
    return wrong_sure, missed
