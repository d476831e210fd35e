"""Several `finsam ingest` processes over one folder at once, into one database: each file
stored once, the schema upgraded once, no traceback, exit 0."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, func, select, text

from db.models import Document, DocumentPath, StatementLine
from db.session import MIGRATIONS, open_engine
from finsam.exports import table

ROOT = Path(__file__).resolve().parents[1]
COPIES = 4  # files copied under a second name: the same document arriving twice


@pytest.fixture(scope="module")
def folder(archive, tmp_path_factory) -> Path:
    """The generated reports, and a few of them again under other names."""
    out = tmp_path_factory.mktemp("concurrent")
    pdfs = sorted(archive.rglob("*.pdf"))
    for pdf in pdfs:
        shutil.copy(pdf, out / pdf.name)
    (out / "again").mkdir()
    for pdf in pdfs[:COPIES]:
        shutil.copy(pdf, out / "again" / f"copy-of-{pdf.name}")
    return out


def _ingest(folder: Path, url: str, n: int, timeout: float = 300) -> list[tuple[int, str, str]]:
    """``n`` ingests started together; their exit codes, stdout and stderr."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-m", "finsam.cli", "ingest", str(folder),
                               "--db", url, "--jobs", "1"], cwd=ROOT, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(n)]
    out = []
    deadline = time.monotonic() + timeout
    try:
        for p in procs:
            stdout, stderr = p.communicate(timeout=max(1, deadline - time.monotonic()))
            out.append((p.returncode, stdout, stderr))
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    return out


def _counts(url: str) -> tuple[int, int, int, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            docs = conn.scalar(select(func.count()).select_from(Document))
            hashes = conn.scalar(select(func.count(func.distinct(Document.sha256))))
            lines = conn.scalar(select(func.count()).select_from(StatementLine))
            paths = conn.scalar(select(func.count()).select_from(DocumentPath))
    finally:
        engine.dispose()
    return docs, hashes, lines, paths


@pytest.fixture(scope="module")
def reference(folder, tmp_path_factory) -> tuple[int, int, int, int]:
    """What one ingest alone stores."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.db'}"
    [(rc, stdout, stderr)] = _ingest(folder, url, 1)
    assert rc == 0, stdout + stderr
    assert f"already stored {COPIES}," in stdout
    assert sum("same file as" in ln for ln in stdout.splitlines()) == COPIES
    docs = table(open_engine(url), "documents")
    dupes = docs["other_paths"].dropna()
    assert len(dupes) == COPIES
    return _counts(url)


def _url(kind: str, tmp_path: Path, request) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'finsam.db'}"
    return request.getfixturevalue("pg_url")


@pytest.mark.parametrize("existing", [False, True], ids=["new-db", "existing-db"])
@pytest.mark.parametrize("n", [2, 4])
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_concurrent_ingests_store_each_file_once(kind, n, existing, folder, reference,
                                                 tmp_path, request):
    url = _url(kind, tmp_path, request)
    if existing:  # a database in use: schema at head, some files stored already
        some = tmp_path / "some"
        some.mkdir()
        for pdf in sorted(folder.glob("*.pdf"))[:3]:
            shutil.copy(pdf, some / pdf.name)
        [(rc, stdout, stderr)] = _ingest(some, url, 1)
        assert rc == 0, stdout + stderr
    runs = _ingest(folder, url, n)
    for rc, stdout, stderr in runs:
        assert "Traceback" not in stderr + stdout, stderr
        assert rc == 0, stdout + stderr
    docs, hashes, lines, paths = _counts(url)
    ref_docs, ref_hashes, ref_lines, ref_paths = reference
    assert (docs, hashes) == (ref_docs, ref_hashes), "a file was stored twice"
    assert lines == ref_lines
    # Every path a file was seen at is known (the first batch's paths are the same files).
    assert paths == ref_paths + (3 if existing else 0)
    stored = sum(int(out.split("stored ", 1)[1].split(",")[0]) for _, out, _ in runs)
    assert stored == ref_docs - (3 if existing else 0), "each file counted stored by one run"


def test_migration_keeps_one_row_of_files_stored_twice(db_url):
    """A database filled by concurrent ingests before revision 0005 holds files twice: the
    upgrade keeps one row per file (the stored one) and every path it was seen at."""
    url = db_url
    engine = create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
    with engine.begin() as conn:
        for i, (path, status) in enumerate([("a.pdf", "failed"), ("a.pdf", "stored"),
                                            ("b.pdf", "stored"), ("c.pdf", "stored")]):
            conn.execute(text("INSERT INTO documents (id, source_file, sha256, pages, kind, ocr, "
                              "signed, status) VALUES (:id, :p, 'abc', 1, 'okand', 'none', "
                              ":signed, :s)"),
                         {"id": i + 1, "p": path, "s": status, "signed": False})
    engine.dispose()
    engine = open_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, source_file, status FROM documents")).all()
        paths = conn.scalars(text("SELECT source_file FROM document_paths ORDER BY 1")).all()
    assert [tuple(r) for r in rows] == [(2, "a.pdf", "stored")]
    assert paths == ["a.pdf", "b.pdf", "c.pdf"]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_ingest_killed_mid_batch_then_rerun_loses_and_doubles_nothing(kind, folder, reference,
                                                                       tmp_path, request):
    url = _url(kind, tmp_path, request)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "finsam.cli", "ingest", str(folder), "--db",
                             url, "--jobs", "2"], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, stored = time.monotonic() + 180, 0
        while stored < 3 and time.monotonic() < deadline:  # a few files in, then kill -9
            line = proc.stderr.readline()
            assert line, "the ingest ended before it could be killed"
            stored += ": stored (" in line
        assert proc.poll() is None, "the ingest ended before it could be killed"
        proc.kill()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        proc.stderr.close()
    assert _orphans(url) == [], "worker processes outlived the killed ingest"
    [(rc, stdout, stderr)] = _ingest(folder, url, 1)
    assert rc == 0 and "Traceback" not in stderr, stdout + stderr
    assert int(stdout.split("stored ", 1)[1].split(",")[0]) < reference[0]  # some were kept
    assert _counts(url) == reference


def _orphans(url: str, wait: float = 15) -> list[int]:
    """Processes still running for this database after ``wait`` seconds (killed if any)."""
    deadline = time.monotonic() + wait
    while True:
        found = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if url.encode() in cmdline.read_bytes():
                    found.append(int(cmdline.parent.name))
            except OSError:
                continue
        if not found or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    for pid in found:
        os.kill(pid, signal.SIGKILL)
    return found
