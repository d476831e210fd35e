"""Shared test fixtures: the generated archive, and real SQLite and PostgreSQL databases.

PostgreSQL is a throwaway server started here from Debian's postgresql package (as the
postgres user when the tests run as root); those tests are skipped, with the reason, only
when no server can be started.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from fixtures.generate import generate

SEED = 7
_counter = itertools.count()


@pytest.fixture(scope="session")
def archive(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("archive")
    generate(out, SEED)
    return out


def _pg_bindir() -> Path | None:
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True)
        cand = Path(out.stdout.strip())
        if (cand / "initdb").exists():
            return cand
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    return Path(dirs[-1]) if dirs else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server():
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL tests skipped: no PostgreSQL server binaries (initdb) found")
    base = Path(tempfile.mkdtemp(prefix="finsam-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = base / "data", _free_port()
    def run(*cmd: str) -> subprocess.CompletedProcess:
        return subprocess.run([*as_user, *cmd], capture_output=True, text=True, timeout=120)
    steps = [
        run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "finsam", "--no-sync",
            "-E", "UTF8"),
        run(str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"), "-o",
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off", "start"),
    ]
    failed = next((s for s in steps if s.returncode != 0), None)
    if failed is not None:
        log = (base / "log").read_text() if (base / "log").exists() else ""
        pytest.skip(f"PostgreSQL tests skipped: server did not start: {failed.stderr}{log}")
    yield f"postgresql+psycopg://finsam@127.0.0.1:{port}"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
    shutil.rmtree(base, ignore_errors=True)


def _new_pg_database(server: str) -> str:
    import psycopg
    name = f"finsam_test_{os.getpid()}_{next(_counter)}"
    with psycopg.connect(server.replace("postgresql+psycopg", "postgresql") + "/postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


@pytest.fixture
def pg_url(pg_server) -> str:
    """A new, empty PostgreSQL database."""
    return _new_pg_database(pg_server)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A new, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'finsam.db'}"
    return _new_pg_database(request.getfixturevalue("pg_server"))


# Figures that tests record (extraction accuracy, breaks found), printed after the run.
FIGURES: list[str] = []


@pytest.fixture
def figures() -> list[str]:
    return FIGURES


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("finsam figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
