"""What can go wrong for a user, as types: each fault knows its one-line message and exit code.

OCRmyPDF's model: a fault is a class with an exit code, not a string to match. ``fault_of``
turns the exceptions libraries raise (SQLAlchemy, the database drivers, Alembic, the OS,
tomllib) into these types by their codes and classes; whatever it does not know is an
``InternalError``. ``finsam.cli.main`` prints ``finsam: <message>`` and exits with the code.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import tomllib

EXIT_RUNTIME, EXIT_USAGE = 1, 2
EXIT_SIGINT, EXIT_SIGTERM = 130, 143  # 128 + the signal number, as shells report them

# C0 and C1 control characters, DEL, and the bidirectional overrides that reorder what a
# terminal shows ("Trojan Source"): all shown as escapes, never obeyed.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: object, limit: int | None = None) -> str:
    """``text`` safe for one log line: control characters and newlines shown as escapes
    (``\\n``, ``\\x1b``, ``\\u202e``); cut to ``limit`` characters with "…" when longer."""
    s = str(text)
    if limit is not None and len(s) > limit:
        s = s[:limit] + f"…(+{len(s) - limit} characters)"
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), s)


class Fault(Exception):
    """A user-caused fault: ``what`` went wrong, ``fix`` says what to do about it."""

    exit_code = EXIT_RUNTIME

    def __init__(self, what: str, fix: str | None = None):
        super().__init__(what)
        self.what, self.fix = what, fix

    def line(self) -> str:
        return visible(f"{self.what}: {self.fix}" if self.fix else self.what)


class UsageFault(Fault):
    exit_code = EXIT_USAGE


class BadDatabaseUrl(UsageFault):
    pass


class DatabaseUnreachable(Fault):
    pass


class DatabaseReadOnly(Fault):
    pass


class NotADatabase(Fault):
    pass


class SchemaTooNew(Fault):
    pass


class OutputNotWritable(Fault):
    pass


class InputMissing(Fault):
    pass


class DiskFull(Fault):
    pass


class MissingTool(Fault):
    pass


class CacheNotWritable(Fault):
    pass


class InvalidLexicon(Fault):
    pass


class NoChecksRun(Fault):
    pass


class MissingPackage(Fault):
    pass


class InternalError(Fault):
    """Not the user's fault: a bug. One line all the same; --debug shows the traceback."""


# System tools: what is missing -> the Debian package that brings it.
DEBIAN_PACKAGES = {
    "tesseract": "tesseract-ocr",
    "tesseract:swe": "tesseract-ocr-swe",
    "tesseract:eng": "tesseract-ocr-eng",
    "gs": "ghostscript",
    "chromium": "chromium",
}


def missing_tool(tool: str, needed_for: str) -> MissingTool:
    package = DEBIAN_PACKAGES.get(tool, tool)
    what = (f"Tesseract language data '{tool.split(':')[1]}' is not installed" if ":" in tool
            else f"{tool} is not installed")
    return MissingTool(f"{what} ({needed_for})", f"install it with 'apt-get install {package}'")


def shown_url(url: str | None) -> str:
    """A database URL fit to print: the password hidden."""
    from sqlalchemy.engine import make_url
    try:
        if not url:
            return "the database"
        parsed = make_url(url)
        return parsed.render_as_string(hide_password=True) if parsed.password else url
    except Exception:
        return str(url)


def _chain(exc: BaseException):
    """``exc`` and the exceptions it was raised from or during."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _os_fault(exc: OSError) -> Fault:
    name = exc.filename or "a file"
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        return DiskFull(f"no space left on the device writing {name}", "free some space and run again")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputNotWritable(f"cannot write {name}: {reason}",
                                 "choose a writable place or change its permissions")
    if exc.errno == errno.ENOENT:
        return InputMissing(f"no such file or folder: {name}", "check the path")
    if exc.errno in (errno.EISDIR, errno.ENOTDIR):
        return OutputNotWritable(f"{name}: {reason}", "give a file name, not a folder")
    if exc.errno == errno.EADDRINUSE:  # a server command (serve, a scheduler)
        return UsageFault(f"the address is already in use ({reason})",
                          "choose another --port, or stop the program that holds it")
    if exc.errno in (errno.ECONNREFUSED, errno.EHOSTUNREACH, errno.ETIMEDOUT):
        return DatabaseUnreachable(f"cannot connect: {reason}",
                                   "is the server (database or scheduler) running, and is "
                                   "its address right?")
    return Fault(f"{name}: {reason}")


def _sqlite_fault(exc: sqlite3.Error, url: str | None) -> Fault | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    code &= 0xFF  # extended codes carry the primary code in their low byte
    where = shown_url(url)
    if code == sqlite3.SQLITE_READONLY:
        return DatabaseReadOnly(f"the database {where} is read-only",
                                "use a writable copy, or change the file's permissions")
    if code == sqlite3.SQLITE_NOTADB:
        return NotADatabase(f"{where} is not a SQLite database (or is damaged)",
                            "check the --db URL")
    if code == sqlite3.SQLITE_CANTOPEN:
        return DatabaseUnreachable(f"cannot open the database {where}",
                                   "does its folder exist and is it writable? check --db")
    if code == sqlite3.SQLITE_FULL:
        return DiskFull(f"no space left on the device for the database {where}",
                        "free some space and run again")
    if code == sqlite3.SQLITE_CORRUPT:
        return NotADatabase(f"the database {where} is damaged", "restore it from a copy")
    if code == sqlite3.SQLITE_BUSY:
        return DatabaseUnreachable(f"the database {where} is locked by another program",
                                   "wait for it to finish and run again")
    return None


def _postgres_fault(exc: Exception, url: str | None) -> Fault | None:
    import psycopg
    if not isinstance(exc, psycopg.Error):
        return None
    where, state = shown_url(url), exc.sqlstate or ""
    detail = visible(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
    if state == "3D000":
        return DatabaseUnreachable(f"the database {where} does not exist",
                                   "create it (createdb) or check --db")
    if state.startswith("28"):
        return DatabaseUnreachable(f"the server refused the login to {where} ({detail})",
                                   "check the user and password in --db")
    if state == "53100":
        return DiskFull(f"the database server {where} has no space left",
                        "free some space on the server and run again")
    if state == "25006":
        return DatabaseReadOnly(f"the database {where} is read-only", "use a writable server")
    if isinstance(exc, psycopg.OperationalError) and not state:
        return DatabaseUnreachable(f"cannot connect to {where} ({detail})",
                                   "is the server running, and is --db right?")
    return None


def _alembic_fault(exc: BaseException, url: str | None) -> Fault | None:
    from alembic.script.revision import ResolutionError
    for cause in _chain(exc):
        if isinstance(cause, ResolutionError):
            return SchemaTooNew(
                f"the database {shown_url(url)} has schema revision {cause.argument!r}, "
                "newer than this version of finsam knows",
                "upgrade finsam, or use a database made by this version")
    return None


def _url_broken(url: str | None) -> bool:
    """Whether ``url`` is no URL SQLAlchemy can open (unparsable, or an unknown dialect)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError
    if url is None:
        return False
    try:
        make_url(url).get_dialect()
    except ArgumentError:
        return True
    return False


def fault_of(exc: BaseException, url: str | None = None) -> Fault:
    """The fault an exception stands for. ``url`` is the --db given, to name the database."""
    if isinstance(exc, Fault):
        return exc
    from sqlalchemy.exc import ArgumentError, DBAPIError
    for cause in _chain(exc):
        if isinstance(cause, Fault):
            return cause
        if isinstance(cause, ArgumentError) and _url_broken(url):
            return BadDatabaseUrl(f"--db {url!r} is not a database URL this finsam can use "
                                  f"({visible(cause)})",
                                  "give a SQLAlchemy URL such as sqlite:///finsam.db or "
                                  "postgresql+psycopg://user@host/db")
        if isinstance(cause, DBAPIError):
            orig = cause.orig
            found = (_sqlite_fault(orig, url) if isinstance(orig, sqlite3.Error)
                     else _postgres_fault(orig, url))
            if found:
                return found
        if isinstance(cause, tomllib.TOMLDecodeError):
            return InvalidLexicon(f"a lexicon file is not valid TOML ({visible(cause)})",
                                  "correct the file given with --lexicon or FINSAM_LEXICON")
        if isinstance(cause, OSError) and cause.errno:
            return _os_fault(cause)
        if isinstance(cause, MemoryError):
            return Fault("out of memory", "use fewer --jobs, or a machine with more memory")
        if isinstance(cause, ModuleNotFoundError):
            return MissingPackage(f"the Python package {cause.name!r} is not installed",
                                  f"install it into finsam's environment (pip install {cause.name})")
    found = _alembic_fault(exc, url)
    if found:
        return found
    return InternalError(f"internal error: {type(exc).__name__}: {visible(exc, 300)}",
                         "run again with --debug (or FINSAM_DEBUG=1) for the traceback, and "
                         "report it")


def debug_wanted(argv: list[str]) -> tuple[bool, list[str]]:
    """``--debug`` may stand anywhere before a lone ``--``: taken out of ``argv`` so every
    subcommand, present and future, accepts it. ``FINSAM_DEBUG=1`` does the same."""
    cut = argv.index("--") if "--" in argv else len(argv)
    debug = "--debug" in argv[:cut]
    rest = [a for a in argv[:cut] if a != "--debug"] + argv[cut:]
    return debug or os.environ.get("FINSAM_DEBUG", "") not in ("", "0"), rest
