"""The robustness batch: every PDF of ../shared/corpus/external through `finsam ingest`, OCR on.

    python benchmarks/bench_corpus.py [--corpus DIR] [--jobs 2] [--cache DIR]

Prints the wall time of a first run (a fresh OCR cache unless --cache is given) and of a
second run over the same database (which must store nothing), the exit code, how many files
were stored and failed, the failures grouped by reason, and the peak memory of one process.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from finsam.cli import main as finsam

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "external"


def run(args: list[str]) -> tuple[int, str, float]:
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out):
        rc = finsam(args)
    return rc, out.getvalue(), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus not found: {args.corpus}")
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp) / "ocr-cache"
        url = f"sqlite:///{Path(tmp) / 'corpus.db'}"
        common = [str(args.corpus), "--db", url, "--jobs", str(args.jobs),
                  "--ocr-cache", str(cache)]
        rc, out, first = run(["ingest", *common])
        _, again, second = run(["ingest", *common])
        with contextlib.redirect_stdout(io.StringIO()) as docs_out:
            finsam(["export", "documents", "--db", url, "--format", "json"])
        docs = json.loads(docs_out.getvalue())
    reasons = Counter()
    for line in out.splitlines()[1:]:
        reason = line.split(": ", 1)[-1]
        reasons[re.sub(r"\d+", "N", reason)[:90]] += 1
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    pdfs = len(list(args.corpus.rglob("*.pdf")))
    print(f"corpus: {pdfs} PDFs in {args.corpus}")
    print(f"first run: {first:.0f} s, exit code {rc}; {out.splitlines()[0]}")
    print(f"second run: {second:.1f} s ({100 * second / first:.1f} % of the first); "
          f"{again.splitlines()[0]}")
    kinds = Counter(d["kind"] for d in docs if d["status"] == "stored")
    ocr = Counter(d["ocr"] for d in docs if d["status"] == "stored")
    print(f"stored by kind: {dict(kinds)}; OCR: {dict(ocr)}")
    print("listed problems by reason:")
    for reason, n in reasons.most_common():
        print(f"  {n:4d}  {reason}")
    print(f"peak memory of one process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
