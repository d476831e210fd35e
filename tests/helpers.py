"""Compare what extraction gives with a fixture's ground truth."""

from __future__ import annotations

from pathlib import Path

from finsam.pipeline import FileResult, process_bytes
from fixtures.compare import extracted_amounts
from fixtures.truth import Report


def compare(pdf: Path) -> tuple[Report, FileResult, dict[tuple, int], dict[tuple, int]]:
    truth = Report.load(pdf.with_suffix(".json"))
    result = process_bytes(str(pdf), pdf.read_bytes())
    return truth, result, truth.expected_amounts(), extracted_amounts(result)
