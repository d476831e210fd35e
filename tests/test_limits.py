"""Huge inputs are refused with the reason (page count, size), the batch goes on, and a
refused file is recorded once however often it is met."""

from __future__ import annotations

import json
import os

import pikepdf
from sqlalchemy import create_engine, func, select

from db.models import Document
from finsam.cli import main


def test_files_over_the_limits_are_refused_with_the_reason(archive, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    good = archive / "norrsjon-2023.pdf"
    (folder / "good.pdf").write_bytes(good.read_bytes())
    with pikepdf.open(good) as src, pikepdf.new() as many:  # a long file: the pages 8 times
        for _ in range(8):
            many.pages.extend(src.pages)
        many.save(folder / "long.pdf")
        pages = len(many.pages)
    with pikepdf.open(good) as big:  # a big file: a report carrying 3 MB of unused data
        big.Root.Padding = big.make_stream(os.urandom(3 * 2**20 + 100))
        big.save(folder / "big.pdf", compress_streams=False)
    url = f"sqlite:///{tmp_path / 'limits.db'}"
    args = ["ingest", str(folder), "--db", url, "--jobs", "1", "--max-pages", str(pages - 1),
            "--max-file-mb", "2"]
    for _ in range(2):  # met twice: refused twice, recorded once
        assert main(args) == 1
        out = capsys.readouterr().out
        assert f"long.pdf: refused: {pages} pages, more than the limit of {pages - 1}" in out
        assert "big.pdf: refused: 3 MB, more than the limit of 2 MB" in out
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(Document.source_file, Document.status, func.count())
                            .group_by(Document.source_file, Document.status)).all()
    engine.dispose()
    assert sorted((src.rsplit("/", 1)[-1], status, n) for src, status, n in rows) == \
        [("big.pdf", "failed", 1), ("good.pdf", "stored", 1), ("long.pdf", "failed", 1)]
    # Without the limits both are processed.
    assert main(["ingest", str(folder), "--db", url, "--jobs", "1", "--max-pages", "0",
                 "--max-file-mb", "0"]) == 0
    capsys.readouterr()
    main(["export", "documents", "--db", url, "--format", "json"])
    docs = json.loads(capsys.readouterr().out)
    # The refused files' rows were replaced, not doubled.
    assert sorted((d["source_file"].rsplit("/", 1)[-1], d["status"]) for d in docs) == \
        [("big.pdf", "stored"), ("good.pdf", "stored"), ("long.pdf", "stored")]
