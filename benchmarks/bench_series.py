"""Build the series for a large archive: time and peak memory, at two archive sizes.

The generated fixture reports are ingested once, then their stored rows are copied under
new förbund names until the database holds the asked number of reports (copying rows is
the cheap way to a big database; the series reads rows, not PDFs). Memory is measured with
tracemalloc around the series build alone, so it shows whether it grows with the archive.

    python benchmarks/bench_series.py [--reports 1000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from core.lexicon import load_lexicon
from db.series import series_rows
from db.session import open_engine
from finsam.cli import main as finsam
from fixtures.generate import generate

FIGURE_TABLES = ("statement_lines", "note_lines", "participants", "goals")


def _columns(conn, table: str) -> list[str]:
    return [r[1] for r in conn.execute(text(f"PRAGMA table_info({table})"))
            if r[1] not in ("id", "report_id")]


def _grow(url: str, target: int) -> int:
    """Copy every report (and its figures) under new förbund names up to ``target`` reports."""
    engine = open_engine(url)
    with engine.begin() as conn:
        base = conn.execute(text("select id, document_id, organisation, fiscal_year, kind "
                                 "from reports")).all()
        copies = 0
        while len(base) * (copies + 1) < target:
            copies += 1
            for rid, doc, org, year, kind in base:
                new = conn.execute(text(
                    "insert into reports (document_id, organisation, fiscal_year, kind) "
                    "values (:d, :o, :y, :k) returning id"),
                    {"d": doc, "o": f"{org} {copies}", "y": year, "k": kind}).scalar_one()
                for table in FIGURE_TABLES:
                    cols = ", ".join(f'"{c}"' for c in _columns(conn, table))
                    conn.execute(text(f"insert into {table} (report_id, {cols}) "
                                      f"select :new, {cols} from {table} where report_id = :old"),
                                 {"new": new, "old": rid})
        return conn.execute(text("select count(*) from reports")).scalar_one()


def _build(url: str) -> tuple[int, float, float]:
    engine = open_engine(url)
    lexicon = load_lexicon()
    tracemalloc.start()
    start = time.perf_counter()
    with Session(engine) as session:
        rows = sum(1 for _ in series_rows(session, lexicon))
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return rows, elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive"
        generate(archive)
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        finsam(["ingest", str(archive), "--db", url, "--jobs", "2"])
        for size in (args.reports // 4, args.reports):
            reports = _grow(url, size)
            rows, elapsed, peak = _build(url)
            print(f"series of {reports} reports: {rows} rows in {elapsed:.1f} s "
                  f"({reports / elapsed:.0f} reports/s), peak traced memory {peak:.1f} MiB")


if __name__ == "__main__":
    main()
