"""Ingest speed of the born-digital fixtures next to pdfplumber's bare word extraction.

    python benchmarks/bench_ingest.py [--dir ARCHIVE] [--repeat 3]

Prints pages per second of both, their ratio (target: the whole ingest within 2x of the
floor) and the peak memory. Figures, not assertions: the machine decides the numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import resource
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from finsam.cli import main as finsam
from fixtures.generate import generate
from ingest.pdftext import WORD_SETTINGS


def floor(pdfs: list[Path]) -> tuple[float, int]:
    start, pages = time.perf_counter(), 0
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                page.extract_words(**WORD_SETTINGS)
                page.close()
                pages += 1
    return time.perf_counter() - start, pages


def ingest(folder: Path, jobs: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            rc = finsam(["ingest", str(folder), "--db", url, "--jobs", str(jobs)])
        elapsed = time.perf_counter() - start
    if rc != 0:
        sys.exit(f"ingest failed with exit code {rc}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dir or Path(tmp)
        if args.dir is None:
            generate(folder)
        pdfs = sorted(folder.rglob("*.pdf"))
        floor_s, pages = min((floor(pdfs) for _ in range(args.repeat)), key=lambda r: r[0])
        single = min(ingest(folder, 1) for _ in range(args.repeat))
        parallel = min(ingest(folder, 2) for _ in range(args.repeat))
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"files: {len(pdfs)}, pages: {pages}")
    print(f"pdfplumber words only : {pages / floor_s:8.1f} pages/s ({floor_s:.2f} s)")
    print(f"finsam ingest --jobs 1: {pages / single:8.1f} pages/s ({single:.2f} s), "
          f"{single / floor_s:.2f}x the floor (target <= 2x)")
    print(f"finsam ingest --jobs 2: {pages / parallel:8.1f} pages/s ({parallel:.2f} s), "
          f"{parallel / floor_s:.2f}x the floor")
    print(f"peak memory: {peak_self:.0f} MiB (this process), {peak_children:.0f} MiB (a worker)")


if __name__ == "__main__":
    main()
