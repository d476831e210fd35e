"""Issue 10's figures on a measuring set of variety reports, larger than the test's few:

    python benchmarks/variety_figures.py variety scan200hard --scan 10 11 13 \\
        [--font serif] [--ruled --narrow] [--scan-seed 8] [--misses] [--ocr-cache DIR]

Generates the reports (seed 7, as the test), scans those ``--scan`` names (or all of them)
in ``form`` with ``--scan-seed`` (another seed draws other damage on the same pages: a new
set of scan damage events without a new layout), ingests them into a new SQLite database,
and prints the figures line of tests/test_variety.py, one line per report with
``--per-report``, the misses with ``--misses``, and how many misses of each kind (lost, and
whether OCR read its digits anywhere in the file; sign, digits lost at the start, glued to a
neighbour, ...) with ``--kinds``.

The held-out family prints its one line only: it is never tuned on, so neither its misses
nor its reports are shown (``--misses`` and ``--per-report`` are refused for it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from fixtures.measure import findings_by_file, ocr_numbers, read_all, score, truths_of
from fixtures.scan import ALL_VARIANTS, write_scans
from fixtures.variety import PLANTS, generate_family

SEED = 7
HELD_OUT = "variety_holdout"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("family", choices=["variety", HELD_OUT])
    ap.add_argument("form", choices=["digital", *ALL_VARIANTS])
    ap.add_argument("--scan", type=int, nargs="+", help="report indices (default: 0 … 7)")
    ap.add_argument("--scan-seed", type=int, default=SEED)
    ap.add_argument("--font", choices=["sans", "serif"])
    ap.add_argument("--ruled", action="store_true")
    ap.add_argument("--narrow", action="store_true")
    ap.add_argument("--plant", choices=sorted({k for ks in PLANTS.values() for k in ks}),
                    help="plant this break in every report (default: every third report)")
    ap.add_argument("--ocr-cache", type=Path, default=Path(tempfile.gettempdir()) / "finsam-ocr")
    ap.add_argument("--work", type=Path, help="where the reports are written (default: a temp dir)")
    ap.add_argument("--misses", action="store_true", help="print what was missed")
    ap.add_argument("--per-report", action="store_true", help="one line per report")
    ap.add_argument("--kinds", action="store_true",
                    help="how many misses of each kind (lost, sign, start lost, glued, ...)")
    args = ap.parse_args(argv)
    if args.family == HELD_OUT and (args.misses or args.per_report or args.kinds):
        ap.error("the held-out family prints its one line only")
    overrides = {k: v for k, v in (("font", args.font), ("ruled", args.ruled or None),
                                   ("narrow", args.narrow or None),
                                   ("plant", args.plant)) if v is not None}
    work = args.work or Path(tempfile.mkdtemp(prefix="finsam-variety-"))
    args.ocr_cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    pdfs = generate_family(work / "digital", args.family, args.scan or 8, SEED, overrides)
    if args.form != "digital":
        scans = work / f"{args.form}-{args.scan_seed}"
        scans.mkdir(exist_ok=True)
        pdfs = [p for pdf in pdfs for p in write_scans(pdf, scans, args.scan_seed, [args.form])]
    db = work / f"all-{args.form}.db"
    db.unlink(missing_ok=True)
    results = read_all(pdfs, args.ocr_cache)
    truths = truths_of(pdfs)
    findings = findings_by_file(f"sqlite:///{db}", results)
    if args.per_report:
        for pdf in pdfs:
            one = score({pdf: truths[pdf]}, {pdf: results[pdf]}, findings, year_columns=True)
            print(one.line(pdf.stem[:15], args.form), flush=True)
    numbers = {pdf: ocr_numbers(r, args.ocr_cache) for pdf, r in results.items()} \
        if args.kinds else None
    m = score(truths, results, findings, year_columns=True, numbers=numbers)
    label = " ".join(f"{k}={v}" for k, v in overrides.items())
    print(f"{len(pdfs)} reports, scan seed {args.scan_seed} {label}".rstrip())
    print(m.line(args.family, args.form))
    if args.kinds:
        for name, kinds in m.kinds.items():
            print(f"  {name} missed: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    if args.misses:
        for name, wrong in m.wrong.items():
            for w in wrong:
                print(f"  {name}: {w}")
    print(f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
