"""The regression PDFs of tests/pdfs/: each caught a bug once (tests/pdfs/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.types import FileResult
from finsam.pipeline import process_bytes

PDFS = Path(__file__).parent / "pdfs"


def _process(name: str) -> FileResult:
    result = process_bytes(name, (PDFS / name).read_bytes())
    assert result.error is None, result.error
    return result


def test_leader_dots_are_no_garbage():
    result = _process("leader-dots-are-no-garbage.pdf")
    assert [(d.layer, d.ocr) for d in result.page_decisions] == [("good", False)]
    assert result.ocr == "none"


def test_english_page_is_not_damaged():
    result = _process("english-page-is-not-damaged.pdf")
    assert [(d.layer, d.ocr) for d in result.page_decisions] == [("good", False)]


def test_huge_scan_is_not_ocrd():
    result = _process("huge-scan-is-not-ocrd.pdf")
    (decision,) = result.page_decisions
    assert (decision.layer, decision.ocr) == ("missing", False)
    assert "too large to OCR (169 Mpx" in decision.reason
    assert any("too large to OCR" in reason for _, reason in result.problems)


def test_superscript_digit_is_no_count():
    result = _process("superscript-digit-is-no-count.pdf")
    assert sorted((c.measure, c.value) for c in result.participants) == [
        ("aldersspann_18_24", 7), ("aldersspann_25_29", 4)]


def test_every_pdf_has_its_test():
    names = {p.stem.replace("-", "_") for p in PDFS.glob("*.pdf")}
    tests = {n.removeprefix("test_") for n in globals() if n.startswith("test_")}
    assert names and names <= tests, f"PDFs without a test: {sorted(names - tests)}"
    readme = (PDFS / "README.md").read_text()
    assert all(p.name in readme for p in PDFS.glob("*.pdf"))


@pytest.mark.parametrize("pdf", sorted(PDFS.glob("*.pdf")), ids=lambda p: p.stem)
def test_regression_pdfs_are_small(pdf):
    assert pdf.stat().st_size < 50_000
