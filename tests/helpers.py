"""Compare what extraction gives with a fixture's ground truth."""

from __future__ import annotations

from pathlib import Path

from finsam.pipeline import FileResult, process_bytes
from fixtures.truth import Report


def extracted_amounts(result: FileResult) -> dict[tuple, int]:
    out: dict[tuple, int] = {}
    for st in result.statements.values():
        for row in st.rows:
            for a in row.amounts:
                out.setdefault((st.statement, row.line_key, a.column), a.value)
    for note in result.notes:
        for row in note.rows:
            ident = {"item": row.label, "subtotal": row.group, "total": ""}[row.row_type]
            for a in row.amounts:
                out.setdefault(("note", note.note_key, row.row_type, ident, a.column), a.value)
    return out


def compare(pdf: Path) -> tuple[Report, FileResult, dict[tuple, int], dict[tuple, int]]:
    truth = Report.load(pdf.with_suffix(".json"))
    result = process_bytes(str(pdf), pdf.read_bytes())
    return truth, result, truth.expected_amounts(), extracted_amounts(result)
