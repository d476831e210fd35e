"""`finsam serve`: the database in Datasette, with the series, facets and canned queries.

Datasette reads SQLite files, and the tables users want to browse are the export tables
(organisation and year on every row, the series with its sources), so `serve` writes a
read-only browsing copy from the exports, for SQLite and PostgreSQL alike, and serves that.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from core.lexicon import Lexicon
from db.series import all_sources, organisations
from finsam.exports import SERIES_COLUMNS, table, wide

BROWSE_TABLES = ("documents", "statements", "notes", "participants", "goals", "findings")
DB_NAME = "finsam"

# Canned queries: the questions an analyst asks of the archive first.
QUERIES: dict[str, dict[str, str]] = {
    "negative_equity": {
        "title": "Förbund with negative equity",
        "sql": "select organisation, year, value as summa_eget_kapital, source_file, page "
               "from series where key = 'summa_eget_kapital' and value < 0 "
               "order by organisation, year",
    },
    "years_without_arsredovisning": {
        "title": "Years without an årsredovisning (between a förbund's first and last)",
        "sql": "with recursive span(organisation, year, last) as ("
               " select organisation, min(fiscal_year), max(fiscal_year) from documents"
               " where kind = 'arsredovisning' and organisation is not null"
               " group by organisation"
               " union all select organisation, year + 1, last from span where year < last)"
               " select organisation, year from span where not exists ("
               " select 1 from documents d where d.organisation = span.organisation"
               " and d.fiscal_year = span.year and d.kind = 'arsredovisning')"
               " order by organisation, year",
    },
    "largest_restatements": {
        "title": "Largest restatements: one year's figure as printed by different documents",
        "sql": "select a.organisation, a.year, a.key, a.value as first_value, a.source_file as"
               " first_source, b.value as other_value, b.source_file as other_source,"
               " b.value - a.value as difference from series_sources a join series_sources b"
               " on a.organisation = b.organisation and a.year = b.year and a.key = b.key"
               " and a.rank = 0 and b.rank > 0 and a.value != b.value"
               " order by abs(b.value - a.value) desc limit 100",
    },
}

FACETS = {
    "series": ["organisation", "key", "how"],
    "statements": ["organisation", "fiscal_year", "statement"],
    "participants": ["organisation", "fiscal_year", "measure"],
    "goals": ["organisation", "fiscal_year", "status"],
    "findings": ["severity", "rule", "organisation"],
    "documents": ["kind", "organisation", "fiscal_year", "ocr"],
}


def _sources_frame(engine: Engine, lexicon: Lexicon) -> pd.DataFrame:
    rows = []
    with Session(engine) as session:
        for org in organisations(session):
            for (key, year), sources in all_sources(session, org, lexicon).items():
                rows += [(org.organisation_id, org.name, year, key, rank, s.value, s.how,
                          s.source_file, s.page, s.document_year)
                         for rank, s in enumerate(sources)]
    return pd.DataFrame(rows, columns=["organisation_id", "organisation", "year", "key", "rank",
                                       "value", "how", "source_file", "page", "document_year"])


def _as_text(df: pd.DataFrame) -> pd.DataFrame:
    """Nested values (lists, dicts: locations, missing terms, sections) as JSON text."""
    for col in df.columns:
        if df[col].dtype == object and df[col].map(lambda v: isinstance(v, list | dict)).any():
            df[col] = df[col].map(lambda v: json.dumps(v, ensure_ascii=False)
                                  if isinstance(v, list | dict) else v)
    return df


def metadata() -> dict:
    tables = {name: {"facets": cols} for name, cols in FACETS.items()}
    tables["series"]["description"] = ("Each key figure per förbund and year; `how` says which "
                                       "document gave it (own_report, next_report, overview).")
    return {"title": "finsam: the archive", "databases": {
        DB_NAME: {"tables": tables, "queries": QUERIES}}}


def write_browse_db(engine: Engine, lexicon: Lexicon, path: Path) -> None:
    """A SQLite copy of the export tables, the series (long and wide) and all its sources."""
    frames = {name: _as_text(table(engine, name)) for name in BROWSE_TABLES}
    series = table(engine, "series")
    frames["series"] = series if not series.empty else pd.DataFrame(columns=SERIES_COLUMNS)
    frames["series_wide"] = wide(series)
    frames["series_sources"] = _sources_frame(engine, lexicon)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(tmp) as conn:
        for name, df in frames.items():
            df.to_sql(name, conn, index=False)
    tmp.replace(path)


def serve(engine: Engine, lexicon: Lexicon, host: str, port: int,
          workdir: Path | None = None) -> int:
    """Write the browsing copy and run Datasette on it until interrupted."""
    base = workdir or Path(tempfile.mkdtemp(prefix="finsam-serve-"))
    db_path, meta_path = base / f"{DB_NAME}.db", base / "metadata.json"
    write_browse_db(engine, lexicon, db_path)
    meta_path.write_text(json.dumps(metadata(), ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"serving {db_path} on http://{host}:{port}/ (Ctrl-C stops)", flush=True)
    cmd = [sys.executable, "-m", "datasette", "serve", str(db_path), "-i", str(db_path),
           "-m", str(meta_path), "-h", host, "-p", str(port)]
    cmd.remove(str(db_path))  # served immutable (-i): nobody edits the copy
    return _run_until_stopped(cmd)


def _run_until_stopped(cmd: list[str]) -> int:
    """Run Datasette until it ends, Ctrl-C or a SIGTERM: stopped either way, Datasette stops
    with us (a SIGTERM used to end this process alone and leave Datasette holding the port)."""
    proc = subprocess.Popen(cmd)
    main = threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGTERM, lambda *_: proc.terminate()) if main else None
    try:
        code = proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait()
        return 0
    finally:
        if main:  # a handler installed outside Python reads None: the default stands for it
            signal.signal(signal.SIGTERM, signal.SIG_DFL if old is None else old)
    return 0 if code == -signal.SIGTERM else code
