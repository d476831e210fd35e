"""`finsam ingest --executor dask` on a real cluster: a scheduler and two workers started
here as separate processes; one worker is killed in the middle of the batch, and every file
is still stored exactly once."""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from db.models import Document

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FILES = 24  # distinct files (a few reports with varied trailing bytes, so hashes differ)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(cmd: list[str], log: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(cmd, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env,
                            cwd=ROOT, start_new_session=True)  # its own group: killed whole


def _kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait(timeout=30)


def _wait_for_workers(address: str, n: int, timeout: float = 60) -> None:
    from distributed import Client
    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(n, timeout=timeout)


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two single-threaded workers; always torn down."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [_start([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                     "--dashboard-address", f"127.0.0.1:{_free_port()}"], tmp_path / "scheduler.log")]
    try:
        for i in range(2):
            procs.append(_start([str(BIN / "dask"), "worker", address, "--nworkers", "1",
                                 "--nthreads", "1", "--no-dashboard", "--name", f"w{i}"],
                                tmp_path / f"worker{i}.log"))
        _wait_for_workers(address, 2)
        yield address, procs[1:]
    finally:
        for p in reversed(procs):
            _kill(p)


@pytest.fixture
def folder(archive, tmp_path) -> Path:
    """Distinct files: the reports, each copy with other bytes after its end (still a PDF)."""
    out = tmp_path / "files"
    out.mkdir()
    pdfs = sorted(archive.glob("*.pdf"))
    for i in range(FILES):
        src = pdfs[i % len(pdfs)]
        (out / f"{i:02d}-{src.name}").write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())
    return out


def _lines(stream, sink: queue.Queue) -> None:
    for line in stream:
        sink.put(line)
    sink.put(None)


def test_dask_worker_killed_mid_batch_loses_no_file(cluster, folder, pg_url, tmp_path):
    address, workers = cluster
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ingest = subprocess.Popen(
        [sys.executable, "-m", "finsam.cli", "ingest", str(folder), "--db", pg_url,
         "--executor", "dask", "--scheduler", address],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    # Each pipe has one reader of its own: communicate() would read stderr too, racing
    # this thread for its lines and closing the pipe under it.
    err: queue.Queue = queue.Queue()
    out: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(ingest.stderr, err), daemon=True).start()
    threading.Thread(target=_lines, args=(ingest.stdout, out), daemon=True).start()
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 180
        # After the first results have arrived, one worker dies, its tasks in flight.
        while sum(ln.startswith("[") for ln in lines) < 3:
            line = err.get(timeout=max(1, deadline - time.monotonic()))
            assert line is not None, "".join(lines)
            lines.append(line)
        assert ingest.poll() is None, "the batch ended before the worker could be killed"
        _kill(workers[0])
        ingest.wait(timeout=max(1, deadline - time.monotonic()))
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
    while (line := err.get(timeout=10)) is not None:
        lines.append(line)
    stdout = "".join(iter(lambda: out.get(timeout=10), None))
    stderr = "".join(lines)
    assert "Traceback" not in stderr + stdout, stderr
    assert ingest.returncode == 0, stdout + stderr
    assert "dashboard http://" in stderr
    assert f"stored {FILES}, already stored 0, not readable 0" in stdout
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        rows = conn.execute(select(Document.sha256, func.count()).group_by(Document.sha256)).all()
    engine.dispose()
    assert len(rows) == FILES and all(n == 1 for _, n in rows), "a file stored twice or lost"
    # The scheduler saw the worker go while the batch ran (and gave its tasks to the other).
    log = (tmp_path / "scheduler.log").read_text()
    assert "Remove worker" in log and "name: w0" in log, log
