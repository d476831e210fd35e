"""The export tables of CONTRACT.md as pandas DataFrames, written as csv, json, xlsx, parquet."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.insatser import insatser
from db.models import (
    Document,
    FactRow,
    Finding,
    GoalRow,
    NoteLine,
    PageRecord,
    ParticipantCount,
    Report,
    StatementLine,
)
from db.series import series_rows
from normalize.lexicon import load_lexicon

TABLES = ("statements", "notes", "participants", "goals", "facts", "documents", "pages",
          "findings", "series", "insatser", "holdings")
FORMATS = ("csv", "json", "xlsx", "parquet")


def _statements(engine: Engine) -> pd.DataFrame:
    q = (select(Report.organisation, Report.fiscal_year, StatementLine.statement,
                StatementLine.line_key, StatementLine.label, StatementLine.note_ref,
                StatementLine.column, StatementLine.period_year, StatementLine.amount,
                Document.source_file, StatementLine.page, StatementLine.confidence,
                StatementLine.raw_text, StatementLine.unit, StatementLine.x0, StatementLine.top,
                StatementLine.x1, StatementLine.bottom)
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
                NoteLine.row_type, NoteLine.raw_text, NoteLine.unit)
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
                p.bottom)
         .join(Report, p.report_id == Report.id)
         .join(Document, Report.document_id == Document.id)
         .order_by(Report.organisation, Report.fiscal_year, p.row_order, p.id))
    return _frame(engine, q, ints=("period_year", "fiscal_year"))


def _goals(engine: Engine) -> pd.DataFrame:
    g = GoalRow
    q = (select(Report.organisation, Report.fiscal_year, g.insats, g.level, g.goal,
                g.target_pct, g.outcome_pct, g.status, g.comment, Document.source_file, g.page,
                g.activity, g.raw_text.label("status_text"), g.confidence)
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
               Document.signed_at).order_by(Document.id)
    return _frame(engine, q, ints=("fiscal_year",))


def _pages(engine: Engine) -> pd.DataFrame:
    q = (select(Document.source_file, PageRecord.page, PageRecord.text_layer, PageRecord.ocr,
                PageRecord.verification, PageRecord.reason)
         .join(Document, PageRecord.document_id == Document.id)
         .order_by(Document.id, PageRecord.page))
    return _frame(engine, q)


def _findings(engine: Engine) -> pd.DataFrame:
    q = select(Finding.rule, Finding.severity, Finding.organisation, Finding.fiscal_year,
               Finding.message, Finding.expected, Finding.actual, Finding.difference,
               Finding.locations, Finding.column).order_by(Finding.id)
    df = _frame(engine, q, ints=("fiscal_year", "expected", "actual", "difference"))
    df["locations"] = df["locations"].map(json.loads)
    return df


SERIES_COLUMNS = ["organisation", "year", "key", "value", "unit", "how", "source_file", "page"]


def _series(engine: Engine) -> pd.DataFrame:
    """The long series (CONTRACT: TABLE series): one row per förbund, year and key figure."""
    with Session(engine) as session:
        rows = [(r.organisation, r.year, r.key, r.value, r.unit, r.how, r.source_file, r.page)
                for r in series_rows(session, load_lexicon())]
    df = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    df["page"] = df["page"].astype("Int64")
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
    if series.empty:
        return pd.DataFrame(columns=["organisation", "year"])
    out = series.pivot_table(index=["organisation", "year"], columns="key", values="value",
                             aggfunc="first").reset_index()
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
            "pages": _pages, "findings": _findings, "series": _series, "insatser": _insatser,
            "holdings": _holdings}[name](engine)


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """Formats without nested values get ``locations`` as JSON text."""
    frame = df.copy()
    for col in ("locations", "names"):  # nested values
        if col in frame:
            frame[col] = frame[col].map(lambda v: json.dumps(v, ensure_ascii=False))
    return frame


def write(df: pd.DataFrame, fmt: str, out: Path | None) -> None:
    if fmt in ("csv", "json"):
        text = (_flat(df).to_csv(index=False) if fmt == "csv"
                else df.to_json(orient="records", force_ascii=False, indent=1, date_format="iso"))
        if out:
            out.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    buf = io.BytesIO()
    if fmt == "xlsx":
        _flat(df).to_excel(buf, index=False)
    else:
        _flat(df).to_parquet(buf, index=False)
    if out:
        out.write_bytes(buf.getvalue())
    else:
        sys.stdout.buffer.write(buf.getvalue())
