"""Faults × commands, run as a user runs them: real subprocesses, real SQLite and PostgreSQL.

Each case asserts: no traceback on stderr, the documented exit code (1 data/runtime, 2
usage), a line naming the cause, and the database unchanged where the command failed.
To add a command, add it to COMMANDS; to add a fault, add a row to FAULTS (``commands``
says which commands it applies to, ``codes`` the exit code where it differs per command).
``test_every_subcommand_names_a_bad_url`` covers subcommands added later without a row.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest

from finsam.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
PDF_NAME = "norrsjon-2023.pdf"


def run(args: list[str], env: dict[str, str] | None = None,
        timeout: float = 180) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k != "FINSAM_DEBUG"}
    full.update(PYTHONPATH=str(ROOT), **(env or {}))
    return subprocess.run([sys.executable, "-m", "finsam.cli", *args], capture_output=True,
                          text=True, env=full, timeout=timeout)


@dataclass
class Case:
    """Where one command runs: the database URL, the input, the output, the environment."""
    tmp: Path
    pdf: Path
    db: str
    out: Path
    env: dict[str, str] = field(default_factory=dict)
    extra: dict[str, list[str]] = field(default_factory=dict)  # command -> more arguments


COMMANDS: dict[str, Callable[[Case], list[str]]] = {
    "ingest": lambda c: ["ingest", str(c.pdf), "--db", c.db, "--jobs", "1",
                         *c.extra.get("ingest", [])],
    "check": lambda c: ["check", "--db", c.db, "--fail-on", "never"],
    "export": lambda c: ["export", "statements", "--db", c.db, "-o", str(c.out)],
    "report": lambda c: ["report", "--db", c.db, "-o", str(c.out)],
}
ALL = tuple(COMMANDS)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _set_revision(url: str, revision: str) -> None:
    from sqlalchemy import create_engine, text
    with create_engine(url).begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": revision})


# Each fault changes a Case; None means the fault does not apply (its test is skipped).
def _bad_url(c: Case) -> None:
    c.db = "notaurl"


def _unknown_dialect(c: Case) -> None:
    c.db = "nosuchdb://somewhere/finsam"


def _pg_down(c: Case) -> None:
    c.db = f"postgresql+psycopg://finsam@127.0.0.1:{_free_port()}/finsam"


def _sqlite_missing_folder(c: Case) -> None:
    c.db = f"sqlite:///{c.tmp / 'no' / 'such' / 'folder' / 'finsam.db'}"


def _no_database_file(c: Case) -> None:
    c.db = f"sqlite:///{c.tmp / 'typo.db'}"  # must not be created as a side effect


def _not_a_database(c: Case) -> None:
    path = c.tmp / "notes.db"
    path.write_text("minutes of the board meeting, not a database\n" * 50, encoding="utf-8")
    c.db = f"sqlite:///{path}"


def _read_only(c: Case) -> None:
    # Opened read-only by URL: the tests run as root, for whom file permissions do not bind.
    c.db = f"sqlite:///file:{c.db.removeprefix('sqlite:///')}?mode=ro&uri=true"


def _schema_newer(c: Case) -> None:
    _set_revision(c.db, "9999_from_the_future")


def _output_missing_folder(c: Case) -> None:
    c.out = c.tmp / "missing" / "folder" / "out.file"


def _output_is_folder(c: Case) -> None:
    c.out = c.tmp


def _disk_full(c: Case) -> None:
    c.out = Path("/dev/full")  # every write: ENOSPC


def _input_missing(c: Case) -> None:
    c.pdf = c.tmp / "nowhere" / "report.pdf"


def _path_without(tools: tuple[str, ...]) -> Callable[[Case], None]:
    """A PATH that holds only ``tools`` (symlinked): the others are missing."""
    def change(c: Case) -> None:
        bin_dir = c.tmp / "bin"
        bin_dir.mkdir(exist_ok=True)
        for tool in tools:
            found = subprocess.run(["which", tool], capture_output=True, text=True).stdout.strip()
            if found:
                (bin_dir / tool).symlink_to(found)
        c.env["PATH"] = str(bin_dir)
        c.extra["ingest"] = ["--ocr", "force"]
    return change


def _no_swedish(c: Case) -> None:
    """Tesseract's language data without swe."""
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    folder = re.search(r'"(.*?)"', out.stdout + out.stderr).group(1)
    data = c.tmp / "tessdata"
    data.mkdir()
    for name in ("eng.traineddata", "osd.traineddata"):
        if (Path(folder) / name).exists():
            (data / name).symlink_to(Path(folder) / name)
    c.env["TESSDATA_PREFIX"] = str(data)
    c.extra["ingest"] = ["--ocr", "force"]


def _cache_not_writable(c: Case) -> None:
    blocker = c.tmp / "a-file"
    blocker.write_text("not a folder")
    c.extra["ingest"] = ["--ocr-cache", str(blocker / "ocr")]


def _invalid_lexicon(c: Case) -> None:
    if "--lexicon" not in " ".join(a.option_strings[0] for a in _subparser("ingest")._actions
                                   if a.option_strings):
        pytest.skip("this finsam has no --lexicon option yet")
    bad = c.tmp / "lexicon.toml"
    bad.write_text('[forbund]\nnames = ["Kalmar län"\n', encoding="utf-8")
    c.extra["ingest"] = ["--lexicon", str(bad)]


@dataclass
class Fault:
    name: str
    change: Callable[[Case], None]
    commands: tuple[str, ...]
    message: str  # a regular expression the stderr line must match
    code: int = 1
    codes: dict[str, int] = field(default_factory=dict)  # command -> code, where it differs
    changes_db: tuple[str, ...] = ()  # commands that rightly write (the fault is a warning)
    postgres: bool = False


FAULTS = [
    Fault("bad_url", _bad_url, ALL, r"'notaurl' is not a database URL", code=2),
    Fault("unknown_dialect", _unknown_dialect, ("check", "export"),
          r"nosuchdb://.*not a database URL", code=2),
    Fault("postgres_down", _pg_down, ALL, r"cannot connect to postgresql\+psycopg://.*"
          r"is the server running"),
    Fault("sqlite_missing_folder", _sqlite_missing_folder, ALL,
          r"(cannot open the database|there is no database) .*folder/finsam.db: "),
    Fault("no_database_file", _no_database_file, ("check", "export", "report"),
          r"there is no database .*typo.db: run 'finsam ingest PATH' first"),
    Fault("not_a_database", _not_a_database, ALL, r"notes.db is not a SQLite database"),
    Fault("read_only", _read_only, ALL, r"is read-only", codes={"export": 0, "report": 0}),
    Fault("schema_newer", _schema_newer, ALL,
          r"schema revision '9999_from_the_future', newer than this version of finsam"),
    Fault("schema_newer_postgres", _schema_newer, ("ingest", "check"),
          r"schema revision '9999_from_the_future', newer than this version", postgres=True),
    Fault("output_missing_folder", _output_missing_folder, ("export", "report"),
          r"the folder .*missing/folder does not exist: create it"),
    Fault("output_is_folder", _output_is_folder, ("export", "report"), r"it is a folder"),
    Fault("disk_full", _disk_full, ("export", "report"),
          r"no space left on the device writing /dev/full"),
    Fault("input_missing", _input_missing, ("ingest",),
          r"nowhere/report.pdf: no such file or directory"),
    Fault("no_tesseract", _path_without(("gs",)), ("ingest",),
          r"tesseract is not installed .*apt-get install tesseract-ocr"),
    Fault("no_ghostscript", _path_without(("tesseract",)), ("ingest",),
          r"gs is not installed .*apt-get install ghostscript"),
    Fault("no_swedish", _no_swedish, ("ingest",),
          r"language data 'swe' is not installed .*apt-get install tesseract-ocr-swe"),
    Fault("cache_not_writable", _cache_not_writable, ("ingest",),
          r"warning: the OCR cache .*cannot be written.*--ocr-cache", code=0,
          changes_db=("ingest",)),
    Fault("invalid_lexicon", _invalid_lexicon, ("ingest",), r"not valid TOML"),
]


def _subparser(name: str):
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return sub.choices[name]


@pytest.fixture(scope="module")
def stored(archive, tmp_path_factory) -> Path:
    """A SQLite database with one report ingested and checked (copied for each case)."""
    path = tmp_path_factory.mktemp("faults") / "stored.db"
    url = f"sqlite:///{path}"
    assert main(["ingest", str(archive / PDF_NAME), "--db", url]) == 0
    main(["check", "--db", url, "--fail-on", "never", "--format", "json"])
    return path


def _snapshot(url: str) -> object:
    """What a command must not change: the SQLite database's content (its dump: in WAL mode
    the file's bytes change when the log is folded in, the content does not; a file that is
    no database, its bytes), or PostgreSQL's row counts."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///").removeprefix("file:").split("?")[0])
        if not path.exists():
            return None
        import sqlite3
        try:
            with closing(sqlite3.connect(path)) as conn:
                dump = "\n".join(conn.iterdump())
            return hashlib.sha256(dump.encode()).hexdigest()
        except sqlite3.DatabaseError:
            return hashlib.sha256(path.read_bytes()).hexdigest()
    from sqlalchemy import create_engine, inspect, text
    try:
        engine = create_engine(url)
        with engine.connect() as conn:
            return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar()
                    for t in inspect(conn).get_table_names()}
    except Exception:
        return None  # unreachable: nothing there to change


def _postgres_copy(url: str, archive: Path) -> str:
    assert main(["ingest", str(archive / PDF_NAME), "--db", url]) == 0
    main(["check", "--db", url, "--fail-on", "never", "--format", "json"])
    return url


@pytest.mark.parametrize("fault,command", [(f, c) for f in FAULTS for c in f.commands],
                         ids=lambda v: v.name if isinstance(v, Fault) else v)
def test_fault(fault: Fault, command: str, stored, archive, tmp_path, request, capsys):
    if fault.postgres:
        db = _postgres_copy(request.getfixturevalue("pg_url"), archive)
    else:
        copy = tmp_path / "finsam.db"
        copy.write_bytes(stored.read_bytes())
        db = f"sqlite:///{copy}"
    capsys.readouterr()
    case = Case(tmp_path, archive / PDF_NAME, db, tmp_path / "out.file")
    fault.change(case)
    before = _snapshot(case.db)
    done = run(COMMANDS[command](case), case.env)
    expected = fault.codes.get(command, fault.code)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == expected, (done.returncode, done.stdout, done.stderr)
    if expected != 0 or fault.code == 0:
        assert re.search(fault.message, done.stdout + done.stderr), done.stderr
    if expected != 0:
        finsam_lines = [ln for ln in done.stderr.splitlines() if ln.startswith("finsam:")]
        assert len(finsam_lines) == 1, done.stderr  # one line, not a listing
    if command not in fault.changes_db:
        assert _snapshot(case.db) == before


def test_postgres_database_missing(pg_server, tmp_path):
    done = run(["check", "--db", f"{pg_server}/no_such_database"])
    assert "Traceback" not in done.stderr and done.returncode == 1
    # libpq says so in its connection error (no SQLSTATE for a refused connection).
    assert re.search(r'database "no_such_database" does not exist.*is --db right', done.stderr)


def _minimal_argv(name: str, tmp: Path) -> list[str] | None:
    """The shortest valid command line of subcommand ``name`` with --db notaurl, or None
    when it has no --db."""
    parser = _subparser(name)
    if not any("--db" in a.option_strings for a in parser._actions):
        return None
    argv = [name]
    for action in parser._actions:
        if action.option_strings and not action.required:
            continue
        value = action.choices and next(iter(action.choices)) or str(tmp / "x.pdf")
        argv += [action.option_strings[0], str(tmp / "out.file")] if action.option_strings \
            else [value]
    return argv + ["--db", "notaurl"]


def test_every_subcommand_names_a_bad_url(tmp_path):
    """Every subcommand with --db, those added later too, runs inside main's wrapper."""
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4 a path that exists\n")
    tried = []
    for name in sub.choices:
        argv = _minimal_argv(name, tmp_path)
        if argv is None:
            continue
        done = run(argv, timeout=90)
        assert "Traceback" not in done.stderr, (name, done.stderr)
        assert done.returncode == 2 and "'notaurl' is not a database URL" in done.stderr, \
            (name, done.stderr)
        tried.append(name)
    assert {"ingest", "check", "export", "report"} <= set(tried)


@pytest.mark.parametrize("how", [["--debug", "check"], ["check", "--debug"], ["check"]])
def test_debug_shows_the_traceback(how, tmp_path):
    env = {"FINSAM_DEBUG": "1"} if how == ["check"] else {}
    done = run([*how, "--db", "notaurl"], env)
    assert done.returncode == 2
    assert "Traceback" in done.stderr and "ArgumentError" in done.stderr
    assert done.stderr.rstrip().splitlines()[-1].startswith("finsam: --db 'notaurl'")


def test_usage_error_is_one_line_and_exit_2():
    done = run(["export", "no_such_table"])
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "invalid choice: 'no_such_table'" in done.stderr


def test_report_before_check_says_how(archive, tmp_path):
    url = f"sqlite:///{tmp_path / 'unchecked.db'}"
    assert main(["ingest", str(archive / PDF_NAME), "--db", url]) == 0
    out = tmp_path / "report.html"
    done = run(["report", "--db", url, "-o", str(out)])
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "no checks have been run on this database: run 'finsam check' first" in done.stderr
    assert not out.exists()  # nothing empty written
    protokoll = next((archive / "other").glob("*protokoll*.pdf"))  # facts, no annual report
    assert main(["ingest", str(protokoll), "--db", f"sqlite:///{tmp_path / 'empty.db'}"]) == 0
    empty = run(["report", "--db", f"sqlite:///{tmp_path / 'empty.db'}", "-o", str(out)])
    assert empty.returncode == 1 and "no annual reports in this database" in empty.stderr
    assert not out.exists()


# --- Interrupted ingest -------------------------------------------------------------------

def _batch(archive: Path, folder: Path, copies: int) -> list[Path]:
    """Distinct files (each copy differs by a trailing comment) from the archive's reports."""
    folder.mkdir()
    out = []
    for i in range(copies):
        for pdf in sorted(archive.glob("*.pdf")):
            path = folder / f"{pdf.stem}-{i}.pdf"
            path.write_bytes(pdf.read_bytes() + f"\n%copy {i}\n".encode())
            out.append(path)
    return out


def _documents(url: str) -> dict[str, tuple[str, int, int]]:
    """sha256 -> (status, statement lines, note lines) of every stored document."""
    from sqlalchemy import create_engine, text
    q = text("SELECT d.sha256, d.status, "
             "(SELECT count(*) FROM statement_lines s JOIN reports r ON s.report_id = r.id "
             " WHERE r.document_id = d.id), "
             "(SELECT count(*) FROM note_lines n JOIN reports r ON n.report_id = r.id "
             " WHERE r.document_id = d.id) FROM documents d")
    with create_engine(url).connect() as conn:
        rows = conn.execute(q).all()
    assert len(rows) == len({r[0] for r in rows}), "a file stored twice"
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


@pytest.fixture(scope="module")
def batch(archive, tmp_path_factory) -> tuple[Path, dict]:
    """A batch of 14 files and what an uninterrupted ingest stores of each."""
    folder = tmp_path_factory.mktemp("batch")
    _batch(archive, folder / "files", 2)
    url = f"sqlite:///{folder / 'reference.db'}"
    assert main(["ingest", str(folder / "files"), "--db", url, "--jobs", "2"]) == 0
    return folder / "files", _documents(url)


def _interrupt(argv: list[str], sig: signal.Signals, after_stored: int) -> tuple[int, str, str, list]:
    """Run ingest in a session of its own; send ``sig`` when ``after_stored`` files are
    stored (to the whole group for SIGINT, as a terminal's Ctrl-C does; to the main process
    for SIGTERM, as ``kill`` does). Returns the exit code, stdout, stderr, and the processes
    the run had started."""
    env = {k: v for k, v in os.environ.items() if k != "FINSAM_DEBUG"}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.Popen([sys.executable, "-m", "finsam.cli", *argv], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    err_lines: list[str] = []
    while len([ln for ln in err_lines if ": stored (" in ln]) < after_stored:
        line = proc.stderr.readline()
        assert line, f"ingest ended before {after_stored} files were stored: {err_lines}"
        err_lines.append(line)
    children = psutil.Process(proc.pid).children(recursive=True)
    assert children, "no worker processes to stop"
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, "".join(err_lines) + err, children


@pytest.mark.parametrize("kind,sig", [("sqlite", signal.SIGINT), ("postgresql", signal.SIGINT),
                                      ("sqlite", signal.SIGTERM)],
                         ids=["sqlite-SIGINT", "postgresql-SIGINT", "sqlite-SIGTERM"])
def test_interrupted_ingest_keeps_whole_files_and_continues(kind, sig, batch, tmp_path,
                                                            request):
    files, reference = batch
    db_url = request.getfixturevalue("pg_url") if kind == "postgresql" \
        else f"sqlite:///{tmp_path / 'interrupted.db'}"
    argv = ["ingest", str(files), "--db", db_url, "--jobs", "2"]
    code, out, err, children = _interrupt(argv, sig, after_stored=3)
    assert code == 128 + sig.value, (code, out, err)
    assert "Traceback" not in err, err
    assert f"interrupted ({sig.name})" in out and "Run the same command again" in out
    alive = _left_running(children)
    assert not alive, f"worker processes left running: {alive}"
    stored = _documents(db_url)
    assert 3 <= len(stored) < len(reference)
    for sha, row in stored.items():  # each stored file complete, as an uninterrupted run has it
        assert row == reference[sha]
    again = run(argv)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"already stored {len(stored)}" in again.stdout
    assert _documents(db_url) == reference


@pytest.fixture
def small_disk(tmp_path, stored):
    """A tmpfs barely larger than the stored database, holding a copy of it (needs root)."""
    mount = tmp_path / "small"
    mount.mkdir()
    size = stored.stat().st_size + 40_960
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    try:
        (mount / "finsam.db").write_bytes(stored.read_bytes())
        yield mount / "finsam.db"
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_full_disk_under_the_database(small_disk, archive):
    url = f"sqlite:///{small_disk}"
    before = _snapshot(url)
    for argv in (["ingest", str(archive / "kalmar_lan-2024.pdf"), "--db", url],
                 ["check", "--db", url, "--all"]):  # --all: rewrites every finding
        done = run(argv)
        assert "Traceback" not in done.stderr and done.returncode == 1, done.stderr
        assert "no space left on the device for the database" in done.stderr
        assert _snapshot(url) == before  # rolled back: the database as it was
    assert run(["export", "documents", "--db", url]).stdout.count(PDF_NAME) == 1


# A stopped run's processes are gone within this many seconds (a loaded machine's
# scheduler may take longer than a moment to end them).
GONE_WITHIN = 5.0


def _left_running(procs: list[psutil.Process]) -> list[psutil.Process]:
    """Those of ``procs`` still running (zombies aside) after GONE_WITHIN seconds at most."""
    deadline = time.monotonic() + GONE_WITHIN
    while True:
        alive = [p for p in procs if _running(p)]
        if not alive or time.monotonic() >= deadline:
            return alive
        time.sleep(0.1)


def _running(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:  # gone between the two questions
        return False


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_interrupt_during_ocr_stops_tesseract(jobs, archive, tmp_path):
    """Ctrl-C while Tesseract runs: it and the workers are gone, nothing is stored half."""
    from fixtures.scan import write_scans
    scans = write_scans(archive / "norrsjon-2024.pdf", tmp_path, 7, ["scan300"])
    env = {k: v for k, v in os.environ.items() if k != "FINSAM_DEBUG"}
    env["PYTHONPATH"] = str(ROOT)
    url = f"sqlite:///{tmp_path / 'ocr.db'}"
    proc = subprocess.Popen([sys.executable, "-m", "finsam.cli", "ingest", *map(str, scans),
                             str(archive / PDF_NAME), "--db", url, "--jobs", jobs,
                             "--ocr-cache", str(tmp_path / "cache")], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    seen: list[psutil.Process] = []
    while time.monotonic() < deadline and not any(_ocr_running(p) for p in seen):
        time.sleep(0.2)
        seen = _descendants(proc.pid)
        assert proc.poll() is None, proc.communicate()
    assert any(_ocr_running(p) for p in seen), "Tesseract never started"
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err, (out, err)
    alive = _left_running(seen)
    assert not alive, alive
    docs = _documents(url)
    assert all(status == "stored" for status, _, _ in docs.values())


def _ocr_running(proc: psutil.Process) -> bool:
    """Tesseract reading a page, not the tool checks run before any work ("tesseract
    --list-langs", "--version"): an interrupt then came before the database was set up."""
    try:
        args = proc.cmdline()
    except psutil.Error:
        return False
    return "tesseract" in _name(proc) and not {"--list-langs", "--version"} & set(args)


def _name(proc: psutil.Process) -> str:
    try:
        return proc.name()
    except psutil.Error:
        return ""


def test_report_names_reports_stored_after_the_check(archive, tmp_path):
    url = f"sqlite:///{tmp_path / 'stale.db'}"
    assert main(["ingest", str(archive / PDF_NAME), "--db", url]) == 0
    main(["check", "--db", url, "--fail-on", "never", "--format", "json"])
    assert main(["ingest", str(archive / "norrsjon-2024.pdf"), "--db", url]) == 0
    out = tmp_path / "report.html"
    done = run(["report", "--db", url, "-o", str(out)])
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "warning: 1 reports were stored after the last check" in done.stderr
    html = out.read_text(encoding="utf-8")
    assert re.search(r"1 rapporter har lästs in efter den senaste\s+kontrollen", html)
    assert "norrsjon-2024.pdf" in html


def test_invalid_toml_is_a_lexicon_fault():
    """Wherever a lexicon file is read (--lexicon, FINSAM_LEXICON), bad TOML is one line."""
    import tomllib

    from finsam.errors import InvalidLexicon, fault_of
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads('[forbund]\nnames = ["Kalmar län"\n')
    fault = fault_of(RuntimeError("while loading the lexicon"))
    assert not isinstance(fault, InvalidLexicon)  # only TOML errors are lexicon faults
    try:
        raise RuntimeError("loading the lexicon") from caught.value
    except RuntimeError as wrapped:
        fault = fault_of(wrapped)
    assert isinstance(fault, InvalidLexicon) and fault.exit_code == 1
    assert "not valid TOML" in fault.line() and "--lexicon" in fault.line()


def test_visible_shows_controls_and_cuts():
    from finsam.errors import visible
    assert visible("a\nb\tc\x1b[2J\x07\x85\u202ed") == "a\\nb\\tc\\x1b[2J\\x07\\x85\\u202ed"
    assert visible("Södra Mälarkusten – 2024") == "Södra Mälarkusten – 2024"
    assert visible("x" * 50, 10) == "x" * 10 + "…(+40 characters)"


def test_a_taken_port_is_a_usage_fault():
    """Server commands (serve, a scheduler) meet a port in use: one line, exit 2."""
    from finsam.errors import fault_of
    with socket.socket() as first, socket.socket() as second:
        first.bind(("127.0.0.1", 0))
        first.listen()
        with pytest.raises(OSError) as caught:
            second.bind(first.getsockname())
    fault = fault_of(caught.value)
    assert fault.exit_code == 2 and "already in use" in fault.line() and "--port" in fault.line()
