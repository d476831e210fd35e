"""finsam: ingest | check | export. The CLI only wires the stages together."""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from core.lexicon import user_lexicon_paths
from db.session import DEFAULT_URL, close_engines, open_engine, retry_locked, writer
from db.store import claim_owner
from finsam import errors
from finsam.errors import visible
from finsam.executors import EXECUTORS, ExecutorError, ExecutorOptions, results
from finsam.pipeline import FileResult, OcrOptions
from ingest.discover import DiscoveryError, SourceFile, discover, sha256
from ingest.ocr import default_cache_dir
from ingest.triage import OCR_POLICIES

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
NAME_LIMIT = 300  # characters of a file name in a log line (a zip member name may be 64 KB)


@dataclass
class Tally:
    stored: int = 0
    skipped: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, stored as)
    failures: list[tuple[str, int | None, str]] = field(default_factory=list)
    ocr_said: list[tuple[str, int | None, str]] = field(default_factory=list)


class Progress:
    """A progress bar on a terminal, plain lines in logs; a scanned file's OCR page by page
    (a bar of its own on a terminal; in logs a line every ``PAGE_LINE_EVERY`` pages and at
    the end of each step)."""

    PAGE_LINE_EVERY = 10

    def __init__(self, total: int):
        self.total, self.done = total, 0
        self.bar = None
        self.pages: dict[str, object] = {}  # file name -> its OCR bar's task
        self.finished: set[str] = set()  # files stored: a late page event of one is dropped
        self.lock = threading.Lock()  # page events arrive on another thread
        if sys.stderr.isatty():
            from rich.progress import Progress as RichProgress
            self.bar = RichProgress(transient=False)
            self.task = self.bar.add_task("ingest", total=total)
            self.bar.start()

    def step(self, name: str, outcome: str) -> None:
        self.done += 1
        if self.bar is not None:
            from rich.markup import escape  # a file name is text, never rich markup
            self._drop_pages(name)
            self.bar.update(self.task, advance=1,
                            description=escape(visible(Path(name).name[:40])))
        else:
            print(f"[{self.done}/{self.total}] {visible(name, NAME_LIMIT)}: {visible(outcome)}",
                  file=sys.stderr, flush=True)

    def page(self, name: str, step: str, done: int, total: int) -> None:
        """OCRmyPDF finished page ``done`` of ``total`` of ``step`` in file ``name``."""
        if self.bar is None:
            if done == total or done % self.PAGE_LINE_EVERY == 0:
                print(f"  {visible(name, NAME_LIMIT)}: {visible(step)} page {done}/{total}",
                      file=sys.stderr, flush=True)
            return
        from rich.markup import escape
        label = escape(f"  {visible(step)[:20]} {visible(Path(name).name[:30])}")
        with self.lock:
            if name in self.finished:
                return
            task = self.pages.get(name)
            if task is None:
                task = self.pages[name] = self.bar.add_task(label, total=total)
            self.bar.update(task, completed=done, total=total, description=label)

    def _drop_pages(self, name: str) -> None:
        with self.lock:
            self.finished.add(name)
            task = self.pages.pop(name, None)
            if task is not None and self.bar is not None:
                self.bar.remove_task(task)

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


@dataclass
class Pass:
    """What one pass over the files needs: the owner of this ingest's claims, the files met
    so far, and the files another live ingest is parsing (for a later pass)."""

    owner: str
    max_bytes: int | None = None
    first_seen: dict[str, str] = field(default_factory=dict)  # sha256 -> first name met
    waiting: list[tuple[SourceFile, str]] = field(default_factory=list)
    refreshed: float = field(default_factory=time.monotonic)  # when the claims were last


def _tasks(sources: list[SourceFile], engine: Engine, tally: Tally, progress: Progress,
           run: Pass) -> Iterator[tuple[str, bytes] | FileResult]:
    """The files still to parse: read lazily; a file stored already (by an earlier run or by
    another ingest running now) or met twice in this run is counted, its path recorded; a
    file another live ingest is parsing waits for a later pass; a file larger than
    ``max_bytes`` is refused unread (hashed as a stream)."""
    from db.store import claim, record_path, stored_path
    first_seen, max_bytes = run.first_seen, run.max_bytes
    for src in sources:
        try:
            size = _size(src)
            too_big = bool(max_bytes and size > max_bytes)
            data = b"" if too_big else src.read_bytes()
            digest = _stream_sha256(src) if too_big else sha256(data)
        except (OSError, KeyError, zipfile.BadZipFile) as exc:
            yield FileResult(src.name, error=f"cannot read file: {getattr(exc, 'strerror', None) or exc}")
            continue

        def seen(digest: str = digest, name: str = src.name) -> tuple[str | None, bool, bool]:
            with Session(writer(engine)) as session, session.begin():
                stored = stored_path(session, digest) or first_seen.get(digest)
                new_path = record_path(session, digest, name)
                return stored, new_path, stored is None and claim(session, digest, run.owner)
        stored_as, new_path, mine = retry_locked(seen)
        if stored_as is not None:
            _already_stored(tally, progress, src.name, stored_as, new_path)
            continue
        if not mine:  # another ingest is parsing it now: look again when this pass is done
            run.waiting.append((src, digest))
            continue
        first_seen[digest] = src.name
        if too_big:
            yield FileResult(src.name, digest, error=f"refused: {size / 2**20:.0f} MB, more than "
                                                     f"the limit of {max_bytes / 2**20:.0f} MB "
                                                     "(--max-file-mb)")
        else:
            yield src.name, data


def _size(src: SourceFile) -> int:
    if src.member is None:
        return src.path.stat().st_size
    with zipfile.ZipFile(src.path) as archive:
        return archive.getinfo(src.member).file_size


def _stream_sha256(src: SourceFile) -> str:
    """The SHA-256 of a file read in blocks: a huge file is never held in memory."""
    h = hashlib.sha256()
    with contextlib.ExitStack() as stack:
        if src.member is None:
            fh = stack.enter_context(open(src.path, "rb"))
        else:
            fh = stack.enter_context(stack.enter_context(zipfile.ZipFile(src.path)).open(src.member))
        while block := fh.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def _already_stored(tally: Tally, progress: Progress, name: str, stored_as: str,
                    new_path: bool) -> None:
    tally.skipped += 1
    if new_path and stored_as != name:  # the same file under another name: list it
        tally.duplicates.append((name, stored_as))
        progress.step(name, f"same file as {stored_as}, not stored again")
    else:
        progress.step(name, "already stored, skipped")


# Faults of the database itself: every further file would fail the same way, so the batch
# stops (what is stored stays) instead of listing each file.
_DATABASE_FAULTS = (errors.DatabaseReadOnly, errors.DatabaseUnreachable, errors.DiskFull,
                    errors.NotADatabase)


def _store(engine: Engine, result: FileResult, tally: Tally, progress: Progress,
           url: str | None = None) -> None:
    from db.store import store_once
    try:
        outcome = retry_locked(lambda: store_once(writer(engine), result))
    except SQLAlchemyError as exc:  # rolled back: what is stored stays as it was
        fault = errors.fault_of(exc, url or DEFAULT_URL)
        if isinstance(fault, _DATABASE_FAULTS):
            raise fault from exc
        reason = getattr(exc, "orig", None) or exc
        result.error = f"could not be stored: {type(exc).__name__}: {reason}"
    else:
        if not outcome.stored:  # another ingest stored the same file meanwhile
            _already_stored(tally, progress, result.source_file, outcome.stored_as or "?",
                            outcome.new_path)
            return
    if result.error:
        tally.failures.append((result.source_file, result.error_page, result.error))
        progress.step(result.source_file, f"FAILED: {result.error}")
        return
    tally.stored += 1
    for page, reason in result.problems:
        tally.failures.append((result.source_file, page, reason))
    tally.ocr_said += [(result.source_file, page, said) for page, said in result.ocr_said]
    ocr_note = "" if result.ocr == "none" else \
        f", OCR {result.ocr}{' from cache' if result.ocr_cached else ''}"
    progress.step(result.source_file,
                  f"stored ({result.kind}, {visible(result.organisation or '?', 80)}, "
                  f"{result.fiscal_year or '?'}{ocr_note})")


def _ready(engine: Engine, run: Pass, poll: float = 1.0) -> list[SourceFile]:
    """The files other ingests were parsing that need a look now (stored meanwhile, or their
    claim released or dead); waits while every one is still held by a live ingest."""
    from db.store import held_by_other
    while run.waiting:
        with Session(engine) as session:
            held = [held_by_other(session, digest, run.owner) for _, digest in run.waiting]
        ready = [src for (src, _), h in zip(run.waiting, held, strict=True) if not h]
        if ready:
            run.waiting = [w for w, h in zip(run.waiting, held, strict=True) if h]
            return ready
        time.sleep(poll)
    return []


def _refresh_claims(engine: Engine, run: Pass, every: float = 60.0) -> None:
    """Keep this ingest's claims fresh for ingests on other hosts (see db.store.CLAIM_STALE)."""
    from db.store import refresh_claims
    if time.monotonic() - run.refreshed < every:
        return
    run.refreshed = time.monotonic()
    with contextlib.suppress(SQLAlchemyError), Session(writer(engine)) as session, \
            session.begin():
        refresh_claims(session, run.owner)


def _release_claims(engine: Engine, owner: str) -> None:
    from db.store import release_claims
    with contextlib.suppress(SQLAlchemyError), Session(writer(engine)) as session, \
            session.begin():
        release_claims(session, owner)


def _print_peak_memory(executor: str) -> None:
    """Peak resident memory of this process and of the largest local worker (Dask workers
    report theirs on the dashboard)."""
    import resource
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    line = f"peak memory: {own:.0f} MiB (this process)"
    if executor == "local" and workers:
        line += f", {workers:.0f} MiB (the largest worker process)"
    print(line, file=sys.stderr)


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


def cmd_ingest(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing and len(missing) == len(args.paths):  # nothing to do: say so before any work
        raise errors.InputMissing(f"{missing[0]}: no such file or directory", "check the path")
    languages = _ocr_languages(args.ocr_lang)
    _check_ocr_tools(args.ocr, languages)
    _check_ocr_cache(args.ocr, args.ocr_cache)
    if args.executor == "dask" and not args.scheduler:
        print("finsam: --executor dask needs --scheduler tcp://HOST:8786", file=sys.stderr)
        return 2
    engine = open_engine(args.db)
    _check_writable(engine)
    tally = Tally()
    sources = _sources(args.paths, tally)
    progress = Progress(len(sources))
    # With fewer files than jobs, OCR spreads the pages of each file over the spare cores.
    jobs = args.jobs
    ocr = OcrOptions(policy=args.ocr, cache_dir=args.ocr_cache,
                     jobs=max(1, jobs // max(1, min(jobs, len(sources)))),
                     lexicon=user_lexicon_paths(), languages=languages)
    options = ExecutorOptions(args.executor, jobs, args.scheduler, max_pages=args.max_pages)
    run = Pass(claim_owner(), args.max_file_mb * 2**20)
    todo = sources
    with Interrupt() as interrupt:
        try:
            while todo:
                with closing(results(_tasks(todo, engine, tally, progress, run), options,
                                     ocr, on_page=progress.page)) as parsed:
                    for result in parsed:
                        interrupt.storing = True
                        try:
                            _store(engine, result, tally, progress, args.db)
                        finally:
                            interrupt.storing = False
                        interrupt.check()
                        _refresh_claims(engine, run)
                todo = _ready(engine, run)
        except ExecutorError as exc:
            print(f"finsam: {exc}", file=sys.stderr)
            return 1
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
            _release_claims(engine, run.owner)
    try:
        _rebuild_organisations(engine)
    except SQLAlchemyError as exc:  # the documents are stored; `finsam organisations` retries
        tally.failures.append(("organisations", None, f"could not be rebuilt: "
                                                      f"{type(exc).__name__}: {exc.orig or exc}"))
    print(f"stored {tally.stored}, already stored {tally.skipped}, "
          f"not readable {len(tally.failures)}")
    _print_peak_memory(args.executor)
    for name, stored_as in tally.duplicates:
        print(f"  {name}: same file as {stored_as} (already stored)")
    for name, page, reason in tally.failures:
        where = f", page {page}" if page else ""
        print(f"  {visible(name, NAME_LIMIT)}{where}: {visible(reason)}")
    if tally.ocr_said:
        print("OCR warnings (the pages were read and stored; their figures carry OCR's confidence):")
    for name, page, said in tally.ocr_said:
        where = f", page {page}" if page else ""
        print(f"  {visible(name, NAME_LIMIT)}{where}: {visible(said)}")
    return 1 if tally.failures else 0


def _rebuild_organisations(engine: Engine) -> None:
    from db.organisations import rebuild
    rebuild(engine)


def cmd_organisations(args: argparse.Namespace) -> int:
    """List the förbund with every name seen, rebuilt from the documents and the register."""
    from db.organisations import organisation_rows
    engine = open_existing(args.db)
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


def _warn(fault: errors.Fault) -> None:
    print(f"finsam: warning: {fault.line()}", file=sys.stderr, flush=True)


def _ocr_languages(text: str | None) -> tuple[str, ...]:
    """``--ocr-lang swe+eng`` as Tesseract's language names (empty: the default ones)."""
    if not text:
        return ()
    languages = tuple(t for t in text.replace(",", "+").split("+") if t.strip())
    if not languages or any(not t.isalnum() for t in languages):
        raise errors.UsageFault(f"--ocr-lang {text!r}: give Tesseract languages joined by '+'",
                           "for example --ocr-lang swe+eng")
    return languages


def _check_ocr_tools(policy: str, languages: tuple[str, ...] = ()) -> None:
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
        wanted = OcrSettings.with_languages(languages).languages
        missing += [f"tesseract:{lang}" for lang in wanted if lang not in langs]
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
    from checks.store import check_reports
    engine = open_existing(args.db)
    with Session(writer(engine)) as session, session.begin():
        run = check_reports(session, full=args.all)
    findings = run.findings
    print(f"checked {len(run.evaluated)} of {run.reports} reports"
          + ("" if args.all else " (the others unchanged since the last check; --all for every one)"),
          file=sys.stderr)
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


def cmd_rules(args: argparse.Namespace) -> int:
    """The rule table: every check, its kind, expression, tolerance and explanation."""
    from checks.rules import ALL_RULES, tolerance_of
    from checks.series import describe
    rows = [{"name": r.name, "kind": r.kind, "target": r.target, "expression": r.expression,
             "columns": ", ".join(r.columns), "tolerance": tolerance_of(r),
             "explanation": r.explanation} for r in ALL_RULES] + describe()
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
    from finsam.exports import output_path, table, wide, write
    out = output_path(args.output) if args.output else None
    engine = open_existing(args.db)
    df = table(engine, args.table)
    if getattr(args, "wide", False) and args.table == "series":
        df = wide(df)
    write(df, args.format, out)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from core.lexicon import load_lexicon
    from finsam.serve import serve
    engine = open_existing(args.db)
    return serve(engine, load_lexicon(), args.host, args.port,
                 Path(args.workdir) if args.workdir else None)


def cmd_series(args: argparse.Namespace) -> int:
    args.table = "series"
    return cmd_export(args)


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


def cmd_coverage(args: argparse.Namespace) -> int:
    from finsam.coverage import coverage, text
    from finsam.exports import write
    engine = open_existing(args.db)
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
    p.add_argument("--ocr-lang", default=None, metavar="LANGS",
                   help="Tesseract languages for OCR and every re-read from the page images, "
                        "joined by '+' (default swe+eng)")
    _lexicon_option(p)
    p.add_argument("--executor", choices=EXECUTORS, default="local",
                   help="local: a process pool of --jobs processes; dask: the workers of a "
                        "Dask distributed cluster (--scheduler)")
    p.add_argument("--scheduler", default=None, metavar="tcp://HOST:8786",
                   help="the Dask scheduler's address, for --executor dask")
    p.add_argument("--max-pages", type=int, default=5000, metavar="N",
                   help="refuse, with the reason, a file of more pages (default 5000; 0: no limit)")
    p.add_argument("--max-file-mb", type=int, default=1024, metavar="MB",
                   help="refuse, with the reason, a larger file, unread (default 1024; 0: no limit)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("check", help="run the cross-check rules and print the findings")
    _lexicon_option(p)
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p.add_argument("--fail-on", choices=("error", "warning", "never"), default="error")
    p.add_argument("--all", action="store_true",
                   help="re-evaluate every report, not only those whose figures, linked "
                        "reports or rules changed since the last check")
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
    p.add_argument("--wide", action="store_true",
                   help="series only: one row per förbund and year, one column per key figure")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("coverage", help="what was read and keyed, and what was not: per "
                                        "document, or the unkeyed labels across the archive")
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("--by", choices=("document", "year", "label"), default="document",
                   help="document: sections read and share of amounts keyed per file; year: "
                        "the same per fiscal year (documents, förbund, sections found, share "
                        "keyed); label: unkeyed labels and unread tables by how many files "
                        "have them")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p.set_defaults(func=cmd_coverage)

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
        code = _with_lexicon(args)
        close_engines()
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
