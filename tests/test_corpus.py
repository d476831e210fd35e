"""Robustness: the real PDFs of other projects' test suites (../shared/corpus/external).

Every file is either stored or listed with its reason, and the batch finishes. Skipped
cleanly when the corpus folder is not beside the checkout. The text layers are read as they
are (``--ocr never``): with OCR (29 of the files are scans) the batch takes about four
minutes on two cores; ``benchmarks/bench_corpus.py`` runs it so and prints its figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from finsam.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "external"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
def test_corpus_batch_completes(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    rc = main(["ingest", str(CORPUS), "--db", url, "--jobs", "2", "--ocr", "never"])
    out = capsys.readouterr().out
    assert rc == 1  # the corpus holds encrypted, empty and broken files
    skipped = int(out.splitlines()[0].split()[4].rstrip(","))
    for name in ("pdfplumber__tests_pdfs_empty.pdf", "camelot__tests_files_health_protected.pdf"):
        assert any(name in ln for ln in out.splitlines()), f"{name} not listed"
    main(["export", "documents", "--db", url, "--format", "json"])
    docs = json.loads(capsys.readouterr().out)
    pdfs = sorted(CORPUS.glob("*.pdf"))
    # Every file has a row (stored, or failed with its reason) unless it duplicates one.
    assert len(docs) + skipped == len(pdfs)
    assert all(d["error"] for d in docs if d["status"] == "failed")
    stored_kinds = {d["kind"] for d in docs if d["status"] == "stored"}
    assert stored_kinds <= {"okand", "arsredovisning", "bilaga", "protokoll", "verksamhetsplan",
                            "tjansteskrivelse", "revisionsberattelse", "delarsrapport"}
    # A second run stores nothing twice.
    rc = main(["ingest", str(CORPUS), "--db", url, "--jobs", "2", "--ocr", "never"])
    again = capsys.readouterr().out.splitlines()[0]
    assert again.startswith("stored 0,")
