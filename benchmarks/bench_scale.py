"""Archive scale: ingest throughput over 1 and 2 local workers and a 2-worker Dask cluster,
full and incremental `check` on a 1 000-report database, peak memory, and a projection of
the national archive (60 000 pages, half of them scans) on 2, 16 and 64 cores.

    python benchmarks/bench_scale.py [--reports 1000] [--ingest-files N] [--scan-pages 8]

The archive: --reports born-digital årsredovisningar of made-up förbund (three layouts, a
dozen years each), generated once into a temporary folder. Ingest throughput is measured on
the first --ingest-files of them (default: all) with `finsam ingest` run as users run it (a
subprocess, SQLite); `check` on a database holding all --reports reports (each file parsed
once here, stored under its förbund and year). Figures, not assertions.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from sqlalchemy import literal, select
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checks.store import check_reports  # noqa: E402
from db.models import Base, Document, Report  # noqa: E402
from db.session import open_engine, writer  # noqa: E402
from db.store import store  # noqa: E402
from finsam.pipeline import process_bytes  # noqa: E402
from fixtures.activity import build_activity  # noqa: E402
from fixtures.generate import PROFILES, build_all  # noqa: E402
from fixtures.layouts import ACTIVITY, LAYOUTS  # noqa: E402
from fixtures.render import render  # noqa: E402
from fixtures.scan import write_scans  # noqa: E402

YEARS = list(range(2013, 2025))  # a dozen years per förbund
PREFIXES = ["Norra", "Södra", "Östra", "Västra", "Övre", "Nedre", "Mellersta", "Stora", "Lilla"]
PLACES = ["Dalbygden", "Skogslandet", "Kustlandet", "Älvdalen", "Slättbygden", "Fjällbygden",
          "Sjöbygden", "Åsbygden", "Bergslagen", "Mälardalen", "Hälsingebygden", "Vätterbygden"]
ARCHIVE_PAGES, SCANNED_SHARE, CORES = 60_000, 0.5, (2, 16, 64)
ISSUE_OCR_RATE = 0.4  # pages/s on two cores, as measured when the issue was filed
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def profiles(reports: int) -> list[dict]:
    """Enough made-up förbund, each printing in one of the fixtures' layouts."""
    names = [f"{a} {b}" for a, b in product(PREFIXES, PLACES)]
    out = []
    for i in range(-(-reports // len(YEARS))):
        base = PROFILES[i % len(PROFILES)]
        out.append({**base, "name": names[i % len(names)] + ("" if i < len(names) else f" {i}"),
                    "years": YEARS, "breaks": {}})
    return out


def generate_archive(folder: Path, reports: int, seed: int = 7) -> list[Path]:
    pdfs = []
    for name, report in build_all(seed, profiles(reports))[:reports]:
        if report.layout in ACTIVITY and not report.activity:
            report.activity = build_activity(seed, report.organisation, report.fiscal_year,
                                             ACTIVITY[report.layout])
        pdf = folder / f"{name}.pdf"
        render(report, pdf, LAYOUTS[report.layout])
        pdfs.append(pdf)
    return pdfs


def pages_of(pdfs: list[Path]) -> int:
    import pikepdf
    total = 0
    for pdf in pdfs:
        with pikepdf.open(pdf) as doc:
            total += len(doc.pages)
    return total


def _run(cmd: list[str], timeout: float = 7200) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=ENV, cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or "Traceback" in done.stderr:
        sys.exit(f"{' '.join(cmd[:4])} failed ({done.returncode}):\n{done.stdout}{done.stderr[-2000:]}")
    return elapsed


def ingest(folder: Path, tmp: Path, label: str, *extra: str) -> float:
    db = tmp / f"{label}.db"
    return _run([sys.executable, "-m", "finsam.cli", "ingest", str(folder), "--db",
                 f"sqlite:///{db}", "--ocr", "never", *extra])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dask_ingest(folder: Path, tmp: Path, workers: int = 2) -> float:
    """A real cluster on this machine: a scheduler and ``workers`` one-thread workers."""
    from distributed import Client
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).parent / "dask")
    log = (tmp / "dask.log").open("w")
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--dashboard-address", f"127.0.0.1:{_free_port()}"],
                              env=ENV, stdout=log, stderr=log, start_new_session=True)]
    try:
        procs += [subprocess.Popen([dask, "worker", address, "--nworkers", "1", "--nthreads",
                                    "1", "--no-dashboard"], env=ENV, stdout=log, stderr=log,
                                   start_new_session=True) for _ in range(workers)]
        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)
        return ingest(folder, tmp, "dask", "--executor", "dask", "--scheduler", address)
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


@dataclass
class CheckFigures:
    reports: int
    store_s_per_file: float
    full_s: float
    incremental_s: float  # re-evaluating what changed, storing its findings
    evaluated: int
    listing_s: float  # a check with nothing changed that reads every finding back (to print)
    findings: int


def check_scale(reports: int, ingested: Path, added: Path, tmp: Path) -> CheckFigures:
    """The database of the 1-worker ingest, its förbund copied under other names up to
    ``reports`` reports (the same figures: the same work for the rules); full check; one
    report (``added``) stored; check again."""
    db = tmp / "check.db"
    shutil.copy(ingested, db)
    engine = open_engine(f"sqlite:///{db}")
    with Session(writer(engine)) as session, session.begin():
        for doc in session.scalars(select(Document).where(Document.sha256 == digest(added))):
            session.delete(doc)
    replicate(engine, reports - 1)
    full = _timed_check(engine, full=True)[0]
    result = process_bytes(str(added), added.read_bytes())
    start = time.perf_counter()
    with Session(writer(engine)) as session, session.begin():
        store(session, result)
    store_s = time.perf_counter() - start
    incremental, run = _timed_check(engine, full=False, load=False)
    listing, everything = _timed_check(engine, full=False)
    engine.dispose()
    return CheckFigures(run.reports, store_s, full, incremental, len(run.evaluated), listing,
                        len(everything.findings))


def replicate(engine, target: int) -> None:
    """Copy the stored documents (their reports and every row) under förbund names with a
    number, until ``target`` reports are stored."""
    docs, reports = Document.__table__, Report.__table__
    by_doc = [Base.metadata.tables[t] for t in ("pages", "facts")]
    by_report = [Base.metadata.tables[t] for t in ("statement_lines", "note_lines",
                                                   "participants", "goals")]
    with engine.begin() as conn:
        base = conn.execute(select(reports.c.id, reports.c.document_id)).all()
        have, copy = len(base), 1
        while have < target:
            for report_id, doc_id in base:
                if have >= target:
                    break
                have += 1
                new_doc = _copy_row(conn, docs, doc_id, copy)
                for t in by_doc:
                    _copy_children(conn, t, "document_id", doc_id, new_doc)
                new_report = _copy_row(conn, reports, report_id, copy, document_id=new_doc)
                for t in by_report:
                    _copy_children(conn, t, "report_id", report_id, new_report)
            copy += 1


def _copy_row(conn, table, row_id: int, copy: int, **override) -> int:
    row = dict(conn.execute(select(table).where(table.c.id == row_id)).mappings().one())
    row.pop("id")
    row["organisation"] = f"{row['organisation']} {copy}"
    if "sha256" in row:
        row["sha256"] = hashlib.sha256(f"{row['sha256']}:{copy}".encode()).hexdigest()
    row.update(override)
    return conn.execute(table.insert().values(**row)).inserted_primary_key[0]


def _copy_children(conn, table, fk: str, old: int, new: int) -> None:
    cols = [c for c in table.c if c.name not in ("id", fk)]
    conn.execute(table.insert().from_select(
        [fk, *(c.name for c in cols)],
        select(literal(new), *cols).where(table.c[fk] == old)))


def digest(pdf: Path) -> str:
    return hashlib.sha256(pdf.read_bytes()).hexdigest()


def _timed_check(engine, full: bool, load: bool = True):
    start = time.perf_counter()
    with Session(writer(engine)) as session, session.begin():
        run = check_reports(session, full=full, load=load)
    return time.perf_counter() - start, run


def ocr_rate(pdf: Path, tmp: Path) -> tuple[float, int]:
    """Pages/s of a scanned report through `finsam ingest --jobs 2` (a fresh OCR cache)."""
    scans = tmp / "scans"
    scans.mkdir()
    [scan] = write_scans(pdf, scans, 7, ["scan300"])
    pages = pages_of([scan])
    elapsed = _run([sys.executable, "-m", "finsam.cli", "ingest", str(scan), "--db",
                    f"sqlite:///{tmp / 'ocr.db'}", "--jobs", "2", "--ocr-cache",
                    str(tmp / "ocr-cache")])
    return pages / elapsed, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--ingest-files", type=int, default=None,
                        help="files of the archive timed through ingest (default: all)")
    parser.add_argument("--no-ocr", action="store_true", help="skip the scanned-pages rate")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="finsam-bench-scale-"))
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace, tmp: Path) -> None:
    start = time.perf_counter()
    archive = tmp / "archive"
    archive.mkdir()
    pdfs = generate_archive(archive, args.reports)
    print("load average before: {:.1f} {:.1f} {:.1f} (the machine is shared: figures vary)"
          .format(*os.getloadavg()))
    print(f"archive: {len(pdfs)} born-digital reports, {pages_of(pdfs)} pages, "
          f"generated in {time.perf_counter() - start:.0f} s")
    subset = pdfs[: args.ingest_files or len(pdfs)]
    folder = archive
    if len(subset) < len(pdfs):
        folder = tmp / "subset"
        folder.mkdir()
        for pdf in subset:
            os.link(pdf, folder / pdf.name)
    pages = pages_of(subset)
    print(f"ingest: {len(subset)} files, {pages} pages (SQLite, --ocr never)")
    rates = {}
    for label, timer in (("local, 1 worker", lambda: ingest(folder, tmp, "j1", "--jobs", "1")),
                         ("local, 2 workers", lambda: ingest(folder, tmp, "j2", "--jobs", "2")),
                         ("dask, 2 workers", lambda: dask_ingest(folder, tmp))):
        elapsed = timer()
        rates[label] = pages / elapsed
        print(f"  {label:17s}: {len(subset) / elapsed:6.2f} files/s, {pages / elapsed:7.1f} pages/s"
              f" ({elapsed:.1f} s)")
    one = rates["local, 1 worker"]
    for label in ("local, 2 workers", "dask, 2 workers"):
        print(f"  scaling efficiency {label}: {rates[label] / (2 * one):.2f} "
              f"(speed-up {rates[label] / one:.2f} on 2 workers)")
    chk = check_scale(args.reports, tmp / "j1.db", subset[-1], tmp)
    print(f"check: {chk.reports} reports (the {len(subset)} ingested, their förbund copied "
          f"under other names); full {chk.full_s:.2f} s; after adding one report "
          f"{chk.incremental_s:.2f} s ({chk.evaluated} re-evaluated), "
          f"{100 * chk.incremental_s / chk.full_s:.1f} % of full (target < 5 %); "
          f"reading all {chk.findings} findings back to list them {chk.listing_s:.2f} s")
    ocr = None if args.no_ocr else ocr_rate(subset[0], tmp)
    if ocr:
        print(f"OCR: {ocr[0]:.2f} pages/s on 2 cores ({ocr[1]} scanned pages, fresh cache)")
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {peak_self:.0f} MiB (this process: parsing and check), "
          f"{peak_children:.0f} MiB (the largest ingest or worker process)")
    efficiency = max(rates["local, 2 workers"], rates["dask, 2 workers"]) / (2 * one)
    if ocr:
        print("projection from the rates measured here:")
        project(one, efficiency, ocr[0], chk.store_s_per_file, pages / len(subset))
    print(f"projection with the OCR rate of the issue ({ISSUE_OCR_RATE} pages/s on 2 cores):")
    project(one, efficiency, ISSUE_OCR_RATE, chk.store_s_per_file, pages / len(subset))


def project(digital_rate_1core: float, efficiency: float, ocr_rate_2cores: float,
            store_s_per_file: float, pages_per_file: float) -> None:
    """Wall time of 60 000 pages, half scanned: core-seconds per page from the measured rates,
    spread over the cores at the measured 2-worker efficiency; the storing in the one CLI
    process is serial and bounds the wall time from below."""
    scanned = ARCHIVE_PAGES * SCANNED_SHARE
    digital = ARCHIVE_PAGES - scanned
    core_s = digital / digital_rate_1core + scanned * 2 / ocr_rate_2cores
    serial = ARCHIVE_PAGES / pages_per_file * store_s_per_file
    print(f"  {ARCHIVE_PAGES} pages ({SCANNED_SHARE:.0%} scanned): "
          f"{core_s / 3600:.1f} core-hours (born-digital {digital_rate_1core:.1f} pages/s/core, "
          f"OCR {ocr_rate_2cores / 2:.2f} pages/s/core), efficiency {efficiency:.2f}, "
          f"serial storing {serial / 60:.0f} min")
    for cores in CORES:
        wall = max(core_s / (cores * min(1.0, efficiency)), serial)
        print(f"  {cores:5d} cores: {wall / 3600:6.1f} h")


if __name__ == "__main__":
    main()
