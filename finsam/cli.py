"""finsam: ingest | check | export. The CLI only wires the stages together."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db.session import DEFAULT_URL, open_engine
from finsam import errors
from finsam.errors import visible
from finsam.pipeline import FileResult, OcrOptions, process_bytes
from ingest.discover import DiscoveryError, SourceFile, discover, sha256
from ingest.ocr import default_cache_dir
from ingest.triage import OCR_POLICIES

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
NAME_LIMIT = 300  # characters of a file name in a log line (a zip member name may be 64 KB)


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
            from rich.markup import escape  # a file name is text, never rich markup
            self.bar.update(self.task, advance=1,
                            description=escape(visible(Path(name).name[:40])))
        else:
            print(f"[{self.done}/{self.total}] {visible(name, NAME_LIMIT)}: {visible(outcome)}",
                  file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


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
    pool = _pool(jobs) if jobs > 1 else None
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
                pool = _pool(jobs)
                future = pool.submit(process_bytes, src.name, data, ocr)
            pending.append((src.name, future))
            while len(pending) >= window:
                yield _collect(*pending.pop(0))
        while pending:
            yield _collect(*pending.pop(0))
    except BaseException:  # interrupted (or closed early): files in flight are abandoned
        _kill_workers(pool)
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the main process, which stops them (no traceback per worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)


def _kill_workers(pool: ProcessPoolExecutor | None) -> None:
    """Kill the worker processes and everything they started (Tesseract, Ghostscript); with
    no pool, the children of this process (OCR run in-process)."""
    import psutil
    if pool is not None:
        # The executor keeps its workers in a private dict; there is no public way to kill them.
        roots = [p for pid in list(getattr(pool, "_processes", None) or {})
                 if (p := _process(pid)) is not None]
    else:
        roots = psutil.Process().children()
    victims = [c for r in roots for c in _children(r)] + roots
    for proc in victims:
        try:
            proc.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(victims, timeout=5)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def _process(pid: int):
    import psutil
    try:
        return psutil.Process(pid)
    except psutil.Error:
        return None


def _children(proc) -> list:
    import psutil
    try:
        return proc.children(recursive=True)
    except psutil.Error:
        return []


class Interrupt:
    """Ctrl-C or SIGTERM during ingest: the file being stored finishes its transaction (or
    rolls back), then the batch stops; files still being parsed are abandoned."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.storing = False
        self.saved: dict[int, object] = {}

    def __enter__(self) -> Interrupt:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self.saved[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)

    def _handle(self, signum: int, _frame) -> None:
        self.signum = self.signum or signum
        if not self.storing:
            raise KeyboardInterrupt

    def check(self) -> None:
        """After a store: a signal that came during it stops the batch now."""
        if self.signum is not None:
            raise KeyboardInterrupt

    @property
    def exit_code(self) -> int:
        return errors.EXIT_SIGTERM if self.signum == signal.SIGTERM else errors.EXIT_SIGINT


def _collect(name: str, future: Future) -> FileResult:
    """A worker that dies (out of memory, a crash in a library) fails its file, not the batch."""
    try:
        return future.result()
    except Exception as exc:
        return FileResult(name, error=f"worker process failed: {type(exc).__name__}: {exc}")


def cmd_ingest(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing and len(missing) == len(args.paths):  # nothing to do: say so before any work
        raise errors.InputMissing(f"{missing[0]}: no such file or directory", "check the path")
    _check_ocr_tools(args.ocr)
    _check_ocr_cache(args.ocr, args.ocr_cache)
    engine = open_engine(args.db)
    _check_writable(engine)
    tally = Tally()
    sources = _sources(args.paths, tally)
    progress = Progress(len(sources))
    ocr = OcrOptions(policy=args.ocr, cache_dir=args.ocr_cache)
    with Interrupt() as interrupt:
        try:
            with closing(_results(sources, args.jobs, engine, tally, progress, ocr)) as results:
                for result in results:
                    interrupt.storing = True
                    try:
                        _store_one(engine, result, tally, progress, args.db)
                    finally:
                        interrupt.storing = False
                    interrupt.check()
        except KeyboardInterrupt:
            progress.close()
            name = signal.Signals(interrupt.signum or signal.SIGINT).name
            print(f"interrupted ({name}): stored {tally.stored} files in this run, "
                  f"already stored {tally.skipped}, not readable {len(tally.failures)}, "
                  f"{len(sources) - progress.done} not finished; nothing is half-stored. "
                  "Run the same command again to continue: stored files are skipped.")
            return interrupt.exit_code
        finally:
            progress.close()
    print(f"stored {tally.stored}, already stored {tally.skipped}, "
          f"not readable {len(tally.failures)}")
    for name, page, reason in tally.failures:
        where = f", page {page}" if page else ""
        print(f"  {visible(name, NAME_LIMIT)}{where}: {visible(reason)}")
    return 1 if tally.failures else 0


def _warn(fault: errors.Fault) -> None:
    print(f"finsam: warning: {fault.line()}", file=sys.stderr, flush=True)


def _check_ocr_tools(policy: str) -> None:
    """Tesseract with swe and eng, and Ghostscript: missing ones are named with their Debian
    package before any work. Fatal under --ocr force; under auto a warning (born-digital
    files need no OCR, scanned pages then fail with the reason)."""
    if policy == "never":
        return
    from finsam.errors import missing_tool
    from ingest.ocr import OcrSettings
    missing = [t for t in ("tesseract", "gs") if shutil.which(t) is None]
    if "tesseract" not in missing:
        try:
            out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                                 timeout=60)
            langs = set((out.stdout + out.stderr).split())
        except (OSError, subprocess.SubprocessError):
            langs = set()
        missing += [f"tesseract:{lang}" for lang in OcrSettings().languages if lang not in langs]
    for tool in missing:
        fault = missing_tool(tool, "needed to OCR scanned pages")
        if policy == "force":
            raise fault
        _warn(fault)


def _check_ocr_cache(policy: str, cache: str | None) -> None:
    """An OCR cache that cannot be written costs a second OCR next time, never a file:
    said once here."""
    if policy == "never":
        return
    folder = Path(cache) if cache else default_cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".finsam-probe-"):
            pass
    except OSError as exc:
        _warn(errors.CacheNotWritable(
            f"the OCR cache {folder} cannot be written ({exc.strerror or exc}): OCR'd files "
            "will not be kept for the next run", "give a writable folder with --ocr-cache DIR"))


def _check_writable(engine: Engine) -> None:
    """A read-only database is found before any file is parsed, not after the first one."""
    from sqlalchemy import text
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM documents WHERE 1 = 0"))


# Faults of the database itself: every further file would fail the same way, so the batch
# stops (what is stored stays) instead of listing each file.
_DATABASE_FAULTS = (errors.DatabaseReadOnly, errors.DatabaseUnreachable, errors.DiskFull,
                    errors.NotADatabase)


def _store_one(engine: Engine, result: FileResult, tally: Tally, progress: Progress,
               url: str | None) -> None:
    try:
        _store(engine, result)
    except SQLAlchemyError as exc:  # rolled back: what is stored stays as it was
        fault = errors.fault_of(exc, url or DEFAULT_URL)
        if isinstance(fault, _DATABASE_FAULTS):
            raise fault from exc
        result.error = f"could not be stored: {type(exc).__name__}: {exc.orig or exc}"
    if result.error:
        tally.failures.append((result.source_file, result.error_page, result.error))
        progress.step(result.source_file, f"FAILED: {result.error}")
        return
    tally.stored += 1
    for page, reason in result.problems:
        tally.failures.append((result.source_file, page, reason))
    ocr_note = "" if result.ocr == "none" else \
        f", OCR {result.ocr}{' from cache' if result.ocr_cached else ''}"
    progress.step(result.source_file,
                  f"stored ({result.kind}, {visible(result.organisation or '?', 80)}, "
                  f"{result.fiscal_year or '?'}{ocr_note})")


def open_existing(url: str | None) -> Engine:
    """The database of a command that reads it: a SQLite file that does not exist is a
    mistyped --db (or no ingest yet), said as such; never created empty as a side effect."""
    from sqlalchemy.engine import make_url
    parsed = make_url(url or DEFAULT_URL)
    path = parsed.database or ""
    if parsed.get_backend_name() == "sqlite" and path and path != ":memory:" \
            and "uri" not in parsed.query and not Path(path).exists():
        raise errors.InputMissing(f"there is no database {path}",
                                  "run 'finsam ingest PATH' first, or check --db")
    return open_engine(url)


def cmd_check(args: argparse.Namespace) -> int:
    from checks.store import run_checks
    engine = open_existing(args.db)
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
        print(f"{visible(org, 80)} {year}: {errors} errors, {warnings} warnings, "
              f"{passed} checks passed")
        for r in sorted(mine, key=lambda r: -SEVERITY_RANK[r["severity"]]):
            if r["severity"] == "info":
                continue
            pages = ", ".join(sorted({str(loc["page"]) for loc in r["locations"]}))
            print(f"  {r['severity'].upper():7s} {r['rule']} [{visible(r['column'])}] "
                  f"diff {r['difference']:+d} (pages {pages})")
            print(f"          {visible(r['message'])}")
    if not rows:
        print("no reports in the database: run 'finsam ingest' first")


def cmd_export(args: argparse.Namespace) -> int:
    from finsam.exports import output_path, table, write
    out = output_path(args.output) if args.output else None
    engine = open_existing(args.db)
    write(table(engine, args.table), args.format, out)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from finsam.exports import output_path, write_file
    from finsam.report import build_report
    out = output_path(args.output)
    engine = open_existing(args.db)
    write_file(out, build_report(engine).encode("utf-8"))
    print(f"report written to {visible(out)}")
    from finsam.report import unchecked_reports
    with Session(engine) as session:
        unchecked = unchecked_reports(session)
    if unchecked:
        _warn(errors.Fault(f"{len(unchecked)} reports were stored after the last check and "
                           "are not in the report", "run 'finsam check' and then 'finsam "
                           "report' again"))
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
    p.set_defaults(func=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Every command, present and future, runs inside one wrapper: a fault is one line on
    stderr naming the thing and the fix, exit 1 (2 for usage); --debug adds the traceback."""
    debug, argv = errors.debug_wanted(sys.argv[1:] if argv is None else list(argv))
    parser = build_parser()
    parser.add_argument("--debug", action="store_true",
                        help="show the Python traceback of a failure (also FINSAM_DEBUG=1); "
                             "may stand anywhere on the command line")
    args = parser.parse_args(argv)
    if getattr(args, "jobs", 1) is not None and getattr(args, "jobs", 1) < 1:
        print("finsam: --jobs must be at least 1", file=sys.stderr)
        return 2
    try:
        code = args.func(args)
        sys.stdout.flush()  # a full disk or closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:  # `finsam export ... | head`: the reader has all it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("finsam: interrupted", file=sys.stderr)
        return errors.EXIT_SIGINT
    except Exception as exc:
        fault = errors.fault_of(exc, getattr(args, "db", None) or DEFAULT_URL)
        if debug:
            traceback.print_exc()
        print(f"finsam: {fault.line()}", file=sys.stderr, flush=True)
        return fault.exit_code


if __name__ == "__main__":
    sys.exit(main())
