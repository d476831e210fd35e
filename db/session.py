"""Open a database by URL and bring its schema to the newest migration.

Several ingests may run against one database at once: the schema upgrade is serialised (a
PostgreSQL advisory lock; for SQLite a file lock beside the database file and an exclusive
transaction), and SQLite runs in WAL mode with a busy timeout, its writers taking the write
lock when they begin (``writer``) so that no transaction fails half-way on a lock upgrade.
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError

DEFAULT_URL = "sqlite:///finsam.db"
MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_S = 60  # how long a SQLite writer waits for another one before "database is locked"
MIGRATION_LOCK_KEY = 0x66696E73616D  # "finsam": the PostgreSQL advisory lock of schema upgrades
LOCKED_RETRIES = 5  # whole transactions retried after a lock timeout or a deadlock

T = TypeVar("T")


def _sqlite_connect(dbapi_conn, _record) -> None:
    # SQLAlchemy emits BEGIN itself (_sqlite_begin), not the driver: a writer can then take
    # the write lock up front.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cur.execute("PRAGMA foreign_keys=ON")
    # WAL: readers never block the writer, nor it them; kept in the file once set.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def _sqlite_begin(conn) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def writer(engine: Engine) -> Engine:
    """The engine for write transactions: on SQLite they take the write lock when they begin
    (waiting up to the busy timeout), so none fails on upgrading a read lock."""
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def is_lock_error(exc: BaseException) -> bool:
    text_ = str(getattr(exc, "orig", exc)).lower()
    return any(s in text_ for s in ("database is locked", "deadlock detected",
                                    "could not serialize access"))


def retry_locked(fn: Callable[[], T], attempts: int = LOCKED_RETRIES) -> T:
    """Run the transaction ``fn`` again when it lost a lock race (it was rolled back)."""
    for attempt in range(attempts):
        try:
            return fn()
        except OperationalError as exc:
            if not is_lock_error(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.2 * 2 ** attempt)
    raise AssertionError("unreachable")


@contextmanager
def _file_lock(engine: Engine) -> Iterator[None]:
    """For a SQLite file: an exclusive lock on ``<db>.lock`` while the schema is upgraded."""
    db = engine.url.database if engine.dialect.name == "sqlite" else None
    if not db or db == ":memory:" or db.startswith("file:"):
        yield
        return
    lock = Path(db).with_name(Path(db).name + ".lock")
    if not lock.parent.is_dir():  # no such folder: opening the database says so, by its name
        yield
        return
    with open(lock, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    locked = engine.execution_options(sqlite_begin="EXCLUSIVE") \
        if engine.dialect.name == "sqlite" else engine
    with _file_lock(engine), locked.begin() as conn:
        if engine.dialect.name == "postgresql":
            # Held to the end of this transaction: a second ingest waits here, then finds
            # the schema at head and changes nothing.
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


_OPEN: list[Engine] = []


def close_engines() -> None:
    """At the end of a command: a SQLite database's write-ahead log is folded back into the
    file (so the file alone, copied or mailed, holds everything), and connections closed."""
    while _OPEN:
        engine = _OPEN.pop()
        if engine.dialect.name == "sqlite":
            try:
                with engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except OperationalError:
                pass  # busy (another ingest) or read-only: the log stays, nothing is lost
        engine.dispose()


def open_engine(url: str | None = None, upgrade: bool = True) -> Engine:
    engine = create_engine(url or DEFAULT_URL)
    _OPEN.append(engine)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    if upgrade:
        retry_locked(lambda: migrate(engine))
    return engine
