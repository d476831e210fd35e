"""finsam: ingest | check | export. The CLI only wires the stages together."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db.session import DEFAULT_URL, open_engine
from finsam.pipeline import FileResult, OcrOptions, process_bytes
from ingest.discover import DiscoveryError, SourceFile, discover, sha256
from ingest.ocr import default_cache_dir
from ingest.triage import OCR_POLICIES

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Tally:
    stored: int = 0
    skipped: int = 0
    failures: list[tuple[str, int | None, str]] = field(default_factory=list)


class Progress:
    """A progress bar on a terminal, plain lines in logs."""

    def __init__(self, total: int):
        self.total, self.done = total, 0
        self.bar = None
        if sys.stderr.isatty():
            from rich.progress import Progress as RichProgress
            self.bar = RichProgress(transient=False)
            self.task = self.bar.add_task("ingest", total=total)
            self.bar.start()

    def step(self, name: str, outcome: str) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=Path(name).name[:40])
        else:
            print(f"[{self.done}/{self.total}] {name}: {outcome}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _sources(paths: list[str], tally: Tally) -> list[SourceFile]:
    out = []
    for item in discover(paths):
        if isinstance(item, DiscoveryError):
            tally.failures.append((item.name, None, item.reason))
        else:
            out.append(item)
    return out


def _store(engine: Engine, result: FileResult) -> None:
    from db.store import store
    with Session(engine) as session, session.begin():
        store(session, result)


def _results(sources: list[SourceFile], jobs: int, engine: Engine, tally: Tally,
             progress: Progress, ocr: OcrOptions) -> Iterator[FileResult]:
    """Parse in worker processes, a bounded number of files in flight (bounded memory).

    Files are spread over ``jobs`` processes; with fewer files than jobs, OCR spreads the
    pages of each file over the spare cores instead."""
    from db.store import already_stored
    ocr = replace(ocr, jobs=max(1, jobs // max(1, min(jobs, len(sources)))))
    window = max(1, 2 * jobs)
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    pending: list[tuple[str, Future]] = []
    try:
        for src in sources:
            try:
                data = src.read_bytes()
            except OSError as exc:
                yield FileResult(src.name, error=f"cannot read file: {exc.strerror or exc}")
                continue
            with Session(engine) as session:
                if already_stored(session, sha256(data)):
                    tally.skipped += 1
                    progress.step(src.name, "already stored, skipped")
                    continue
            if pool is None:
                yield process_bytes(src.name, data, ocr)
                continue
            try:
                future = pool.submit(process_bytes, src.name, data, ocr)
            except BrokenProcessPool:  # a worker died: start a new pool, go on
                pool.shutdown(cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=jobs)
                future = pool.submit(process_bytes, src.name, data, ocr)
            pending.append((src.name, future))
            while len(pending) >= window:
                yield _collect(*pending.pop(0))
        while pending:
            yield _collect(*pending.pop(0))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _collect(name: str, future: Future) -> FileResult:
    """A worker that dies (out of memory, a crash in a library) fails its file, not the batch."""
    try:
        return future.result()
    except Exception as exc:
        return FileResult(name, error=f"worker process failed: {type(exc).__name__}: {exc}")


def cmd_ingest(args: argparse.Namespace) -> int:
    engine = open_engine(args.db)
    tally = Tally()
    sources = _sources(args.paths, tally)
    progress = Progress(len(sources))
    try:
        ocr = OcrOptions(policy=args.ocr, cache_dir=args.ocr_cache)
        for result in _results(sources, args.jobs, engine, tally, progress, ocr):
            try:
                _store(engine, result)
            except SQLAlchemyError as exc:  # rolled back: what is stored stays as it was
                result.error = f"could not be stored: {type(exc).__name__}: {exc.orig or exc}"
            if result.error:
                tally.failures.append((result.source_file, result.error_page, result.error))
                progress.step(result.source_file, f"FAILED: {result.error}")
            else:
                tally.stored += 1
                for page, reason in result.problems:
                    tally.failures.append((result.source_file, page, reason))
                ocr_note = "" if result.ocr == "none" else \
                    f", OCR {result.ocr}{' from cache' if result.ocr_cached else ''}"
                progress.step(result.source_file,
                              f"stored ({result.kind}, {result.organisation or '?'}, "
                              f"{result.fiscal_year or '?'}{ocr_note})")
    finally:
        progress.close()
    print(f"stored {tally.stored}, already stored {tally.skipped}, "
          f"not readable {len(tally.failures)}")
    for name, page, reason in tally.failures:
        where = f", page {page}" if page else ""
        print(f"  {name}{where}: {reason}")
    return 1 if tally.failures else 0


def cmd_check(args: argparse.Namespace) -> int:
    from checks.store import run_checks
    engine = open_engine(args.db)
    with Session(engine) as session, session.begin():
        findings = run_checks(session)
    rows = [{"rule": f.rule, "severity": f.severity, "organisation": f.organisation,
             "fiscal_year": f.fiscal_year, "column": f.column, "message": f.message,
             "expected": f.expected, "actual": f.actual, "difference": f.difference,
             "locations": f.locations} for f in findings]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        import pandas as pd

        from finsam.exports import write
        write(pd.DataFrame(rows, columns=["rule", "severity", "organisation", "fiscal_year",
                                          "column", "message", "expected", "actual",
                                          "difference", "locations"]), "csv", None)
    else:
        _print_text(rows)
    if args.fail_on == "never":
        return 0
    limit = SEVERITY_RANK[args.fail_on]
    return 1 if any(SEVERITY_RANK[r["severity"]] >= limit for r in rows) else 0


def _print_text(rows: list[dict]) -> None:
    reports = sorted({(r["organisation"] or "?", r["fiscal_year"] or 0) for r in rows})
    for org, year in reports:
        mine = [r for r in rows if (r["organisation"] or "?", r["fiscal_year"] or 0) == (org, year)]
        passed = sum(1 for r in mine if r["severity"] == "info")
        errors = sum(1 for r in mine if r["severity"] == "error")
        warnings = sum(1 for r in mine if r["severity"] == "warning")
        print(f"{org} {year}: {errors} errors, {warnings} warnings, {passed} checks passed")
        for r in sorted(mine, key=lambda r: -SEVERITY_RANK[r["severity"]]):
            if r["severity"] == "info":
                continue
            pages = ", ".join(sorted({str(loc["page"]) for loc in r["locations"]}))
            print(f"  {r['severity'].upper():7s} {r['rule']} [{r['column']}] "
                  f"diff {r['difference']:+d} (pages {pages})")
            print(f"          {r['message']}")
    if not rows:
        print("no reports in the database: run 'finsam ingest' first")


def cmd_export(args: argparse.Namespace) -> int:
    from finsam.exports import table, wide, write
    engine = open_engine(args.db)
    df = table(engine, args.table)
    if getattr(args, "wide", False) and args.table == "series":
        df = wide(df)
    write(df, args.format, Path(args.output) if args.output else None)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from finsam.serve import serve
    from normalize.lexicon import load_lexicon
    engine = open_engine(args.db)
    return serve(engine, load_lexicon(), args.host, args.port,
                 Path(args.workdir) if args.workdir else None)


def cmd_series(args: argparse.Namespace) -> int:
    args.table = "series"
    return cmd_export(args)


def cmd_report(args: argparse.Namespace) -> int:
    from finsam.report import build_report
    engine = open_engine(args.db)
    out = Path(args.output)
    out.write_text(build_report(engine), encoding="utf-8")
    print(f"report written to {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from finsam.exports import FORMATS, TABLES
    parser = argparse.ArgumentParser(prog="finsam", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    db_help = f"SQLAlchemy database URL (default {DEFAULT_URL})"

    p = sub.add_parser("ingest", help="import PDFs, directories and zip files")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--ocr", choices=OCR_POLICIES, default="auto",
                   help="auto: OCR pages without text or with a damaged text layer; force: "
                        "every page; never: use the text layers as they are")
    p.add_argument("--ocr-cache", default=None, metavar="DIR",
                   help=f"where OCR'd copies are kept (default {default_cache_dir()}, "
                        "or $FINSAM_CACHE/ocr)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("check", help="run the cross-check rules and print the findings")
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p.add_argument("--fail-on", choices=("error", "warning", "never"), default="error")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("report", help="write the auditor's report: one self-contained HTML file")
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("export", help="write a table as csv, json, xlsx or parquet")
    p.add_argument("table", choices=TABLES)
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("--format", choices=FORMATS, default="csv")
    p.add_argument("-o", "--output", default=None)
    p.add_argument("--wide", action="store_true",
                   help="series only: one row per förbund and year, one column per key figure")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("series", help="the archive as series: each key figure per förbund and "
                                      "year, with its source (same as 'export series')")
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("--format", choices=FORMATS, default="csv")
    p.add_argument("--wide", action="store_true",
                   help="one row per förbund and year, one column per key figure")
    p.add_argument("-o", "--output", default=None)
    p.set_defaults(func=cmd_series)

    p = sub.add_parser("serve", help="browse the database in Datasette (tables with facets, "
                                     "the series, canned queries, JSON API)")
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8001)
    p.add_argument("--workdir", default=None, metavar="DIR",
                   help="where the browsing copy is written (default: a new temporary folder)")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "jobs", 1) is not None and getattr(args, "jobs", 1) < 1:
        print("finsam: --jobs must be at least 1", file=sys.stderr)
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
