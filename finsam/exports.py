"""The export tables of CONTRACT.md as pandas DataFrames, written as csv, json, xlsx, parquet.

Every text in these tables comes from documents written by others. ``write`` is the one
output layer: in csv and xlsx a text cell that a spreadsheet would run as a formula is
neutralised (OWASP "CSV injection": a leading ``'``); json and parquet keep the raw text.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core.lexicon import load_lexicon
from db.insatser import insatser
from db.models import (
    Document,
    DocumentPath,
    FactRow,
    Finding,
    GoalRow,
    NoteLine,
    Organisation,
    PageRecord,
    ParticipantCount,
    Report,
    StatementLine,
)
from db.series import series_rows
from finsam.errors import OutputNotWritable

TABLES = ("statements", "notes", "participants", "goals", "facts", "documents", "pages",
          "findings", "organisations", "series", "insatser", "holdings")
FORMATS = ("csv", "json", "xlsx", "parquet")


def _statements(engine: Engine) -> pd.DataFrame:
    q = (select(Report.organisation, Report.fiscal_year, StatementLine.statement,
                StatementLine.line_key, StatementLine.label, StatementLine.note_ref,
                StatementLine.column, StatementLine.period_year, StatementLine.amount,
                Document.source_file, StatementLine.page, StatementLine.confidence,
                StatementLine.raw_text, StatementLine.unit, StatementLine.x0, StatementLine.top,
                StatementLine.x1, StatementLine.bottom, StatementLine.key_match)
         .join(Report, StatementLine.report_id == Report.id)
         .join(Document, Report.document_id == Document.id)
         .order_by(Report.organisation, Report.fiscal_year, StatementLine.statement,
                   StatementLine.row_order, StatementLine.id))
    return _frame(engine, q, ints=("note_ref", "period_year", "fiscal_year"))


def _notes(engine: Engine) -> pd.DataFrame:
    q = (select(Report.organisation, Report.fiscal_year, NoteLine.note_no, NoteLine.note_key,
                NoteLine.line_key, NoteLine.label, NoteLine.group_name.label("group"),
                NoteLine.is_total, NoteLine.column, NoteLine.period_year, NoteLine.amount,
                Document.source_file, NoteLine.page, NoteLine.confidence, NoteLine.note_title,
                NoteLine.row_type, NoteLine.raw_text, NoteLine.unit, NoteLine.key_match)
         .join(Report, NoteLine.report_id == Report.id)
         .join(Document, Report.document_id == Document.id)
         .order_by(Report.organisation, Report.fiscal_year, NoteLine.note_no,
                   NoteLine.row_order, NoteLine.id))
    return _frame(engine, q, ints=("period_year", "fiscal_year"))


def _participants(engine: Engine) -> pd.DataFrame:
    p = ParticipantCount
    q = (select(Report.organisation, Report.fiscal_year, p.insats, p.measure,
                p.group_name.label("group"), p.period_year, p.value, p.source_table,
                Document.source_file, p.page, p.confidence, p.raw_text, p.x0, p.top, p.x1,
                p.bottom, p.key_match)
         .join(Report, p.report_id == Report.id)
         .join(Document, Report.document_id == Document.id)
         .order_by(Report.organisation, Report.fiscal_year, p.row_order, p.id))
    return _frame(engine, q, ints=("period_year", "fiscal_year"))


def _goals(engine: Engine) -> pd.DataFrame:
    g = GoalRow
    q = (select(Report.organisation, Report.fiscal_year, g.insats, g.level, g.goal,
                g.target_pct, g.outcome_pct, g.status, g.comment, Document.source_file, g.page,
                g.activity, g.raw_text.label("status_text"), g.confidence, g.key_match)
         .join(Report, g.report_id == Report.id)
         .join(Document, Report.document_id == Document.id)
         .order_by(Report.organisation, Report.fiscal_year, g.row_order, g.id))
    return _frame(engine, q, ints=("fiscal_year",))


def _facts(engine: Engine) -> pd.DataFrame:
    q = (select(Document.source_file, Document.kind, Document.organisation, Document.fiscal_year,
                FactRow.fact, FactRow.number, FactRow.value, FactRow.detail, FactRow.page)
         .join(Document, FactRow.document_id == Document.id)
         .order_by(Document.id, FactRow.row_order))
    return _frame(engine, q, ints=("fiscal_year", "number"))


def _documents(engine: Engine) -> pd.DataFrame:
    q = select(Document.source_file, Document.sha256, Document.pages, Document.kind,
               Document.organisation, Document.fiscal_year, Document.ocr, Document.signed,
               Document.status, Document.error, Document.problems, Document.signed_by,
               Document.signed_at, Document.orgnr, Document.organisation_id,
               Document.printed_name, Document.identified_by).order_by(Document.id)
    df = _frame(engine, q, ints=("fiscal_year", "organisation_id"))
    # The other paths the same file (by SHA-256) was seen at: its duplicates, "; "-separated.
    paths = _frame(engine, select(DocumentPath.sha256, DocumentPath.source_file)
                   .order_by(DocumentPath.id))
    seen = paths.groupby("sha256")["source_file"].agg(list).to_dict() if len(paths) else {}
    df["other_paths"] = [
        "; ".join(p for p in seen.get(sha, []) if p != src) or None
        for sha, src in zip(df["sha256"], df["source_file"], strict=True)]
    return df


def _organisations(engine: Engine) -> pd.DataFrame:
    """names, members and predecessor_ids are JSON text (lists)."""
    o = Organisation
    q = select(o.id.label("organisation_id"), o.orgnr, o.name, o.names, o.members,
               o.predecessor_ids, o.successor_id, o.first_year, o.last_year, o.documents,
               o.in_register, o.key).order_by(o.id)
    return _frame(engine, q, ints=("successor_id", "first_year", "last_year"))


def _pages(engine: Engine) -> pd.DataFrame:
    q = (select(Document.source_file, PageRecord.page, PageRecord.text_layer, PageRecord.ocr,
                PageRecord.verification, PageRecord.reason)
         .join(Document, PageRecord.document_id == Document.id)
         .order_by(Document.id, PageRecord.page))
    return _frame(engine, q)


def _findings(engine: Engine) -> pd.DataFrame:
    q = select(Finding.rule, Finding.severity, Finding.organisation, Finding.fiscal_year,
               Finding.message, Finding.expected, Finding.actual, Finding.difference,
               Finding.locations, Finding.column, Finding.outcome,
               Finding.missing).order_by(Finding.id)
    df = _frame(engine, q, ints=("fiscal_year", "expected", "actual", "difference"))
    df["locations"] = df["locations"].map(json.loads)
    df["missing"] = df["missing"].map(lambda m: json.loads(m) if m else [])
    return df


SERIES_COLUMNS = ["organisation_id", "organisation", "year", "key", "value", "unit", "how",
                  "source_file", "page"]


def _series(engine: Engine) -> pd.DataFrame:
    """The long series (CONTRACT: TABLE series): one row per förbund, year and key figure."""
    with Session(engine) as session:
        rows = [(r.organisation_id, r.organisation, r.year, r.key, r.value, r.unit, r.how,
                 r.source_file, r.page) for r in series_rows(session, load_lexicon())]
    df = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    df["page"] = df["page"].astype("Int64")
    df["organisation_id"] = df["organisation_id"].astype("Int64")
    return df


def _insatser(engine: Engine) -> pd.DataFrame:
    """One row per insats of a förbund across years, with every name seen and its years."""
    with Session(engine) as session:
        rows = [(i.insats_id, i.organisation, i.name,
                 {n: sorted(ys) for n, ys in sorted(i.names.items())},
                 min(i.years), max(i.years)) for i in insatser(session)]
    return pd.DataFrame(rows, columns=["insats_id", "organisation", "name", "names",
                                       "first_year", "last_year"])


# The kinds of document a holdings row counts, in this order (CONTRACT: TABLE documents).
HOLDING_KINDS = ("arsredovisning", "bilaga", "verksamhetsplan", "delarsrapport", "protokoll",
                 "tjansteskrivelse", "revisionsberattelse", "okand")


def _holdings(engine: Engine) -> pd.DataFrame:
    """Förbund × year: how many documents of each kind the archive holds, and the years
    between a förbund's first and last report that have no årsredovisning (`gap`)."""
    docs = _documents(engine)
    docs = docs[docs["status"] == "stored"].dropna(subset=["organisation", "fiscal_year"])
    cols = ["organisation", "year", *HOLDING_KINDS, "gap"]
    if docs.empty:
        return pd.DataFrame(columns=cols)
    counts = docs.groupby(["organisation", "fiscal_year", "kind"]).size().unstack(fill_value=0)
    rows = []
    for org, years in docs.groupby("organisation")["fiscal_year"]:
        for year in range(int(years.min()), int(years.max()) + 1):
            n = counts.loc[(org, year)] if (org, year) in counts.index else None
            held = {k: int(n[k]) if n is not None and k in n else 0 for k in HOLDING_KINDS}
            rows.append((org, year, *held.values(), held["arsredovisning"] == 0))
    return pd.DataFrame(rows, columns=cols)


def wide(series: pd.DataFrame) -> pd.DataFrame:
    """One row per förbund and year, one column per key figure."""
    index = ["organisation_id", "organisation", "year"]
    if series.empty:
        return pd.DataFrame(columns=index)
    one = series.drop_duplicates([*index, "key"])  # a förbund without an id keeps its rows
    out = one.set_index([*index, "key"])["value"].unstack("key").reset_index()
    out.columns.name = None
    return out


def _frame(engine: Engine, query, ints: tuple[str, ...] = ()) -> pd.DataFrame:
    with engine.connect() as conn:
        df = pd.read_sql(query, conn)
    for col in ints:  # nullable integers stay integers, never floats
        df[col] = df[col].astype("Int64")
    return df


def table(engine: Engine, name: str) -> pd.DataFrame:
    return {"statements": _statements, "notes": _notes, "participants": _participants,
            "goals": _goals, "facts": _facts, "documents": _documents,
            "pages": _pages, "findings": _findings, "organisations": _organisations,
            "series": _series, "insatser": _insatser, "holdings": _holdings}[name](engine)


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """Formats without nested values get ``locations`` as JSON text."""
    frame = df.copy()
    for col in ("locations", "names"):  # nested values
        if col in frame:
            frame[col] = frame[col].map(lambda v: json.dumps(v, ensure_ascii=False))
    return frame


# A text cell starting with one of these is a formula (or DDE) to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Text a spreadsheet reads as a plain number ("-5", "+1,5"): no formula, left as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would evaluate, made inert with a leading ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) \
            and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _for_spreadsheet(df: pd.DataFrame, xlsx: bool = False) -> pd.DataFrame:
    frame = _flat(df)
    for col in frame.columns:
        # Text columns only (object, or pandas' str dtype): numbers stay numbers.
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col].dtype):
            frame[col] = frame[col].map(neutralise)
            if xlsx:  # characters XML cannot hold (C0 controls) shown as escapes
                from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
                frame[col] = frame[col].map(
                    lambda v: ILLEGAL_CHARACTERS_RE.sub(
                        lambda m: m.group().encode("unicode_escape").decode(), v)
                    if isinstance(v, str) else v)
    return frame


def write(df: pd.DataFrame, fmt: str, out: Path | None) -> None:
    if fmt == "csv":
        data = _for_spreadsheet(df).to_csv(index=False).encode("utf-8")
    elif fmt == "json":
        text = df.to_json(orient="records", force_ascii=False, indent=1, date_format="iso")
        data = (text if text.endswith("\n") else text + "\n").encode("utf-8")
    else:
        buf = io.BytesIO()
        if fmt == "xlsx":
            _for_spreadsheet(df, xlsx=True).to_excel(buf, index=False)
        else:
            _flat(df).to_parquet(buf, index=False)
        data = buf.getvalue()
    try:
        if out:
            write_file(out, data)
        elif fmt in ("csv", "json"):
            sys.stdout.write(data.decode("utf-8"))
            sys.stdout.flush()
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
    except OSError as exc:  # a full disk or a device: the message names where it went
        exc.filename = exc.filename or (str(out) if out else "standard output")
        raise


def output_path(name: str) -> Path:
    """The file ``-o`` names, checked before any work: its folder exists and is writable."""
    out = Path(name)
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise OutputNotWritable(f"cannot write {out}: it is a folder", "give a file name with -o")
    if not folder.is_dir():
        raise OutputNotWritable(f"cannot write {out}: the folder {folder} does not exist",
                                "create it first, or choose another -o")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise OutputNotWritable(f"cannot write {out}: permission denied",
                                "choose a writable place with -o")
    return out


def write_file(out: Path, data: bytes) -> None:
    """Written under a temporary name and renamed: a full disk or an interruption never
    leaves half a file where the last good one was. Devices and pipes are written directly."""
    try:
        if out.exists() and not out.is_file():
            with out.open("wb") as fh:
                fh.write(data)
            return
        fd, part = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(part, 0o666 & ~_umask())
            os.replace(part, out)
        except BaseException:
            Path(part).unlink(missing_ok=True)
            raise
    except OSError as exc:  # the message names the file, not "a file"
        exc.filename = exc.filename or str(out)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
