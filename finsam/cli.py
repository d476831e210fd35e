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
        from core.lexicon import user_lexicon_paths
        ocr = OcrOptions(policy=args.ocr, cache_dir=args.ocr_cache,
                         lexicon=user_lexicon_paths())
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
    try:
        _rebuild_organisations(engine)
    except SQLAlchemyError as exc:  # the documents are stored; `finsam organisations` retries
        tally.failures.append(("organisations", None, f"could not be rebuilt: "
                                                      f"{type(exc).__name__}: {exc.orig or exc}"))
    print(f"stored {tally.stored}, already stored {tally.skipped}, "
          f"not readable {len(tally.failures)}")
    for name, page, reason in tally.failures:
        where = f", page {page}" if page else ""
        print(f"  {name}{where}: {reason}")
    return 1 if tally.failures else 0


def _rebuild_organisations(engine: Engine) -> None:
    from db.organisations import rebuild_organisations
    with Session(engine) as session, session.begin():
        rebuild_organisations(session)


def cmd_organisations(args: argparse.Namespace) -> int:
    """List the förbund with every name seen, rebuilt from the documents and the register."""
    from db.organisations import organisation_rows
    engine = open_engine(args.db)
    _rebuild_organisations(engine)
    with Session(engine) as session:
        rows = organisation_rows(session)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        from finsam.exports import table, write
        write(table(engine, "organisations"), "csv", None)
    else:
        for r in rows:
            names = "; ".join(f"{n['name']} ({', '.join(map(str, n['years'])) or '?'})"
                              for n in r["names"])
            links = "".join([f", after {r['predecessor_ids']}" if r["predecessor_ids"] else "",
                             f", became {r['successor_id']}" if r["successor_id"] else ""])
            print(f"{r['organisation_id']:4d} {r['name']} [{r['orgnr'] or 'no orgnr'}] "
                  f"{r['first_year'] or '?'}-{r['last_year'] or '?'}, {r['documents']} "
                  f"documents{'' if r['in_register'] else ', not in the register'}{links}")
            if names:
                print(f"       names: {names}")
        if not rows:
            print("no organisations: run 'finsam ingest' first")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from checks.store import run_checks
    engine = open_engine(args.db)
    with Session(engine) as session, session.begin():
        findings = run_checks(session)
    rows = [{"rule": f.rule, "severity": f.severity, "organisation": f.organisation,
             "fiscal_year": f.fiscal_year, "column": f.column, "message": f.message,
             "expected": f.expected, "actual": f.actual, "difference": f.difference,
             "locations": f.locations, "outcome": f.outcome, "missing": f.missing,
             "convention": f.convention} for f in findings]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        import pandas as pd

        from finsam.exports import write
        write(pd.DataFrame(rows, columns=["rule", "severity", "organisation", "fiscal_year",
                                          "column", "message", "expected", "actual",
                                          "difference", "locations", "outcome", "missing",
                                          "convention"]),
              "csv", None)
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


def cmd_rules(args: argparse.Namespace) -> int:
    """The rule table: every check, its kind, expression, tolerance and explanation."""
    from checks.rules import ALL_RULES, tolerance_of
    rows = [{"name": r.name, "kind": r.kind, "target": r.target, "expression": r.expression,
             "columns": ", ".join(r.columns), "tolerance": tolerance_of(r),
             "explanation": r.explanation} for r in ALL_RULES]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        import pandas as pd

        from finsam.exports import write
        write(pd.DataFrame(rows), "csv", None)
    else:
        for r in rows:
            print(f"{r['name']} [{r['kind']}]: {r['target']} = {r['expression']}")
            print(f"    {r['explanation']}; tolerance: {r['tolerance']}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from finsam.exports import table, write
    engine = open_engine(args.db)
    write(table(engine, args.table), args.format, Path(args.output) if args.output else None)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from finsam.report import build_report
    engine = open_engine(args.db)
    out = Path(args.output)
    out.write_text(build_report(engine), encoding="utf-8")
    print(f"report written to {out}")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from finsam.coverage import coverage, text
    from finsam.exports import write
    engine = open_engine(args.db)
    try:
        df = coverage(engine, args.by)
    except NotImplementedError as exc:
        print(f"finsam: {exc}", file=sys.stderr)
        return 2
    if args.format == "text":
        print(text(df, args.by))
    else:
        write(df, args.format, None)
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
    _lexicon_option(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("check", help="run the cross-check rules and print the findings")
    _lexicon_option(p)
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p.add_argument("--fail-on", choices=("error", "warning", "never"), default="error")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("rules", help="list the rule table: every check the findings come from")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("report", help="write the auditor's report: one self-contained HTML file")
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("organisations",
                       help="list the förbund with every name seen (rebuilt from the documents "
                            "and the lexicon's register)")
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    _lexicon_option(p)
    p.set_defaults(func=cmd_organisations)

    p = sub.add_parser("export", help="write a table as csv, json, xlsx or parquet")
    p.add_argument("table", choices=TABLES)
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("--format", choices=FORMATS, default="csv")
    p.add_argument("-o", "--output", default=None)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("coverage", help="what was read and keyed, and what was not: per "
                                        "document, or the unkeyed labels across the archive")
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("--by", choices=("document", "year", "label"), default="document",
                   help="document: sections read and share of amounts keyed per file; label: "
                        "unkeyed labels and unread tables by how many files have them "
                        "(year: not yet)")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p.set_defaults(func=cmd_coverage)
    return parser


def _lexicon_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lexicon", action="append", default=[], metavar="FILE",
                   help="a TOML file merged over the built-in lexicon (labels, förbund, "
                        "status words); repeatable; also FINSAM_LEXICON, paths joined by ':'")


def _with_lexicon(args: argparse.Namespace) -> int:
    """Run the command with the user's lexicon files: through the environment, so worker
    processes load the same lexicon; checked before any work starts."""
    from core.lexicon import LEXICON_ENV, load_lexicon
    files = [str(Path(f).resolve()) for f in getattr(args, "lexicon", [])]
    before = os.environ.get(LEXICON_ENV)
    if files:
        os.environ[LEXICON_ENV] = ":".join([*filter(None, [before]), *files])
    try:
        load_lexicon()  # a bad file fails here (LexiconError), not in every worker
        return args.func(args)
    finally:
        if files and before is None:
            os.environ.pop(LEXICON_ENV, None)
        elif files:
            os.environ[LEXICON_ENV] = before


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "jobs", 1) is not None and getattr(args, "jobs", 1) < 1:
        print("finsam: --jobs must be at least 1", file=sys.stderr)
        return 2
    return _with_lexicon(args)


if __name__ == "__main__":
    sys.exit(main())
