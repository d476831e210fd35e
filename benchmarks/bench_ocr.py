"""OCR of scanned reports: accuracy against the ground truth, and time next to bare OCRmyPDF.

    python benchmarks/bench_ocr.py [--dir SCANS] [--jobs N]

Without --dir, writes every fixture report (and the held-out förbund) with its three scan
variants (fixtures/scan.py) into a temporary folder first; that time is not counted. Prints:

- the wall time of a bare OCRmyPDF run over the scans (same languages, deskew, rotation,
  same number of parallel jobs, each file with one Tesseract), next to `finsam ingest` of
  the same files with an empty OCR cache: the ratio has a target of 1.15 at most;
- a second ingest into a fresh database with the cache kept (target: under 5 % of the first)
  and a third into the same database (every file already stored);
- statement and note amounts exact per scan variant, wrong amounts left with confidence 1;
- peak memory.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pikepdf

from finsam.cli import main as finsam
from finsam.pipeline import OcrOptions, process_bytes
from fixtures.compare import (
    count_accuracy,
    extracted_amounts,
    extracted_counts,
    goal_accuracy,
    status_accuracy,
)
from fixtures.generate import generate
from fixtures.scan import VARIANTS, write_scans
from fixtures.truth import Report
from ingest.ocr import OcrSettings


def make_scans(out: Path, seed: int = 7) -> None:
    born = out / "born-digital"
    pdfs = generate(born, seed) + generate(born, seed, holdout=True)
    for pdf in pdfs:
        write_scans(pdf, out, seed)


def bare_ocrmypdf(pdfs: list[Path], jobs: int, tmp: Path) -> float:
    s = OcrSettings()
    def one(pdf: Path) -> None:
        cmd = [sys.executable, "-m", "ocrmypdf", "-l", "+".join(s.languages), "--force-ocr",
               "--output-type", "pdf", "--optimize", "0", "-j", "1", "--quiet",
               "--invalidate-digital-signatures", str(pdf), str(tmp / pdf.name)]
        if s.deskew:
            cmd.insert(-2, "--deskew")
        if s.rotate_pages:
            cmd.insert(-2, "--rotate-pages")
        subprocess.run(cmd, check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, pdfs))
    return time.perf_counter() - start


def ingest(folder: Path, db: Path, cache: Path, jobs: int) -> float:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        finsam(["ingest", str(folder), "--db", f"sqlite:///{db}", "--jobs", str(jobs),
                "--ocr-cache", str(cache)])
    return time.perf_counter() - start


def accuracy(pdfs: list[Path], cache: Path) -> None:
    for variant in VARIANTS:
        exact = total = certain_wrong = 0
        counts = counts_total = goals = goals_total = statuses = 0
        for pdf in (p for p in pdfs if p.stem.endswith(f"-{variant}")):
            truth = Report.load(pdf.with_suffix(".json"))
            result = process_bytes(str(pdf), pdf.read_bytes(), OcrOptions(cache_dir=str(cache)))
            expected, got = truth.expected_amounts(), extracted_amounts(result)
            exact += sum(1 for k, v in expected.items() if got.get(k) == v)
            total += len(expected)
            confidence = {(st.statement, r.line_key, a.column): a.confidence
                          for st in result.statements.values() for r in st.rows for a in r.amounts}
            certain_wrong += sum(1 for k, v in expected.items()
                                 if got.get(k) not in (None, v) and confidence.get(k) == 1)
            if truth.activity is not None:
                want = truth.activity.expected_counts(truth.fiscal_year)
                hit, _ = count_accuracy(want, extracted_counts(result))
                counts, counts_total = counts + hit, counts_total + len(want)
                g, _ = goal_accuracy(truth.activity.goals, result.goals)
                statuses += status_accuracy(truth.activity.goals, result.goals)
                goals, goals_total = goals + g, goals_total + len(truth.activity.goals)
        print(f"{variant:11s} {exact}/{total} amounts exact ({100 * exact / max(total, 1):.2f} %), "
              f"{certain_wrong} wrong with confidence 1; participant counts {counts}/"
              f"{counts_total} ({100 * counts / max(counts_total, 1):.2f} %), goal statuses "
              f"{statuses}/{goals_total}, goals exact {goals}/{goals_total}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = args.dir
        if folder is None:
            folder = tmp / "scans"
            print("writing the scan fixtures (not timed) ...", flush=True)
            make_scans(folder)
        pdfs = sorted(p for p in folder.glob("*.pdf") if p.stem.rsplit("-", 1)[-1] in VARIANTS)
        only = tmp / "only-scans"
        only.mkdir()
        for p in pdfs:
            (only / p.name).symlink_to(p.resolve())
        pages = 0
        for p in pdfs:
            with pikepdf.open(p) as doc:
                pages += len(doc.pages)
        print(f"{len(pdfs)} scanned files, {pages} pages, {args.jobs} jobs")
        bare_out = tmp / "bare"
        bare_out.mkdir()
        bare = bare_ocrmypdf(pdfs, args.jobs, bare_out)
        cache = tmp / "cache"
        first = ingest(only, tmp / "a.db", cache, args.jobs)
        second = ingest(only, tmp / "b.db", cache, args.jobs)
        third = ingest(only, tmp / "b.db", cache, args.jobs)
        print(f"bare ocrmypdf:          {bare:7.1f} s ({pages / bare:.2f} pages/s)")
        print(f"finsam ingest, no cache:{first:7.1f} s ({pages / first:.2f} pages/s), "
              f"{first / bare:.2f}x bare ocrmypdf (target <= 1.15x)")
        print(f"second run, new db:     {second:7.1f} s ({100 * second / first:.1f} % of the "
              f"first, target < 5 %)")
        print(f"third run, same db:     {third:7.1f} s (every file already stored)")
        accuracy(pdfs, cache)
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    print(f"peak memory of one process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
