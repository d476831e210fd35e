"""What was not understood: per document (or per fiscal year) the sections read and the share
of printed amounts that got a key; across the archive the unkeyed labels and the unread tables, by how many
files have them, so a user knows what to add to the lexicon (``finsam coverage``)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict

import pandas as pd
from sqlalchemy import Engine, select

from core.lexicon import fold
from db.models import Document, NoteLine, Report, StatementLine

BY = ("document", "year", "label")
HOWS = ("exact", "fuzzy", "arithmetic", "unkeyed")
# Rows of these statements are keyed by name on purpose (the insatser of the project budget).
NAMED_ROWS = ("projektbudget",)
# A section the parsers do not read, with at least this many lines of amounts, is a table.
MIN_TABLE_LINES = 3
# Section kinds whose content is prose or is read elsewhere: never an unread table.
NOT_TABLES = ("noter",)


def _key_rows(engine: Engine) -> pd.DataFrame:
    """One row per stored amount: document, where it is, its label and how it was keyed."""
    st = (select(Document.id.label("doc"), StatementLine.statement.label("where"),
                 StatementLine.label, StatementLine.key_match)
          .join(Report, StatementLine.report_id == Report.id)
          .join(Document, Report.document_id == Document.id)
          .where(StatementLine.statement.notin_(NAMED_ROWS)))
    nt = (select(Document.id.label("doc"), NoteLine.note_key.label("where"),
                 NoteLine.note_title.label("label"), NoteLine.key_match)
          .join(Report, NoteLine.report_id == Report.id)
          .join(Document, Report.document_id == Document.id))
    with engine.connect() as conn:
        frames = [pd.read_sql(st, conn).assign(table="statement"),
                  pd.read_sql(nt, conn).assign(table="note")]
    df = pd.concat(frames, ignore_index=True)
    df["how"] = df["key_match"].fillna("unkeyed").str.split(":").str[0]
    return df


def _documents(engine: Engine) -> pd.DataFrame:
    q = select(Document.id, Document.source_file, Document.organisation, Document.fiscal_year,
               Document.kind, Document.sections).where(Document.status == "stored")
    with engine.connect() as conn:
        return pd.read_sql(q.order_by(Document.id), conn)


# Kinds where each section is a table of its own (a note): judged one by one, not by kind.
EACH_A_TABLE = ("note",)


def _unread(sections_json: str | None) -> list[str]:
    """Headings of table sections that yielded no rows (a statement: when no other section
    of its kind did, the others being contents lines or repeated titles)."""
    sections = json.loads(sections_json) if sections_json else []
    read = {s["kind"] for s in sections if s["rows_read"] and s["kind"] not in EACH_A_TABLE}
    out = []
    for s in sections:
        if s["kind"] in read or s["kind"] in NOT_TABLES:
            continue
        unparsed = s["kind"] == "other"
        if (unparsed and s["amount_lines"] >= MIN_TABLE_LINES) or \
                (not unparsed and s["amount_lines"] and not s["rows_read"]):
            out.append(s["heading"])
    return list(dict.fromkeys(out))


def by_document(engine: Engine) -> pd.DataFrame:
    docs, keys = _documents(engine), _key_rows(engine)
    counts = keys.groupby(["doc", "how"]).size().unstack(fill_value=0)
    rows = []
    for d in docs.itertuples():
        sections = json.loads(d.sections) if d.sections else []
        read = list(dict.fromkeys(s["kind"] for s in sections if s["rows_read"]))
        c = {h: int(counts.at[d.id, h]) if d.id in counts.index and h in counts else 0
             for h in HOWS}
        total = sum(c.values())
        rows.append({"source_file": d.source_file, "organisation": d.organisation,
                     "fiscal_year": d.fiscal_year, "kind": d.kind,
                     "sections": ", ".join(read), "amounts": total, **c,
                     "keyed_pct": round(100 * (total - c["unkeyed"]) / total, 1) if total else None,
                     "unread_tables": "; ".join(_unread(d.sections))})
    df = pd.DataFrame(rows, columns=["source_file", "organisation", "fiscal_year", "kind",
                                     "sections", "amounts", *HOWS, "keyed_pct", "unread_tables"])
    df["fiscal_year"] = df["fiscal_year"].astype("Int64")
    return df


def by_label(engine: Engine) -> pd.DataFrame:
    """Unkeyed labels (per statement, or note titles) and unread tables, most files first."""
    docs, keys = _documents(engine), _key_rows(engine)
    files: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    printed: dict[tuple[str, str, str], str] = {}
    for r in keys[keys["how"] == "unkeyed"].itertuples():
        what = "unkeyed label" if r.table == "statement" else "unkeyed note"
        ident = (what, r.where if r.table == "statement" else "note", fold(r.label or ""))
        files[ident].add(r.doc)
        printed.setdefault(ident, r.label or "")
    for d in docs.itertuples():
        for heading in _unread(d.sections):
            ident = ("unread table", "", fold(heading))
            files[ident].add(d.id)
            printed.setdefault(ident, heading)
    rows = [{"what": w, "statement": s, "label": printed[(w, s, f)], "files": len(ids)}
            for (w, s, f), ids in files.items()]
    df = pd.DataFrame(rows, columns=["what", "statement", "label", "files"])
    return df.sort_values(["files", "what", "statement", "label"],
                          ascending=[False, True, True, True], ignore_index=True)


YEAR_COLUMNS = ["fiscal_year", "documents", "organisations", "kinds", "sections", "amounts",
                *HOWS, "keyed_pct", "unread_tables"]


def by_year(engine: Engine) -> pd.DataFrame:
    """Per fiscal year (the documents' own; a document without one under none): how many
    documents and förbund, each section kind read with the number of documents it was read
    in, the amounts stored and how they were keyed, and the unread tables counted."""
    docs = by_document(engine)
    rows = []
    for year, group in docs.groupby("fiscal_year", dropna=False, sort=True):
        read = Counter(k for s in group["sections"] for k in s.split(", ") if k)
        kinds = Counter(group["kind"])
        c = {h: int(group[h].sum()) for h in HOWS}
        total = int(group["amounts"].sum())
        rows.append({
            "fiscal_year": None if pd.isna(year) else int(year), "documents": len(group),
            "organisations": group["organisation"].dropna().nunique(),
            "kinds": ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())),
            "sections": ", ".join(f"{k} {n}/{len(group)}" for k, n in read.most_common()),
            "amounts": total, **c,
            "keyed_pct": round(100 * (total - c["unkeyed"]) / total, 1) if total else None,
            "unread_tables": sum(len(u.split("; ")) for u in group["unread_tables"] if u)})
    df = pd.DataFrame(rows, columns=YEAR_COLUMNS)
    df["fiscal_year"] = df["fiscal_year"].astype("Int64")
    return df


def coverage(engine: Engine, by: str) -> pd.DataFrame:
    if by == "year":
        return by_year(engine)
    return by_document(engine) if by == "document" else by_label(engine)


def text(df: pd.DataFrame, by: str) -> str:
    """A plain listing for the terminal."""
    if df.empty:
        return "nothing stored yet: run 'finsam ingest' first" if by in ("document", "year") \
            else "every printed amount got a key; no unread tables"
    lines = []
    if by == "document":
        for r in df.itertuples():
            share = "-" if pd.isna(r.keyed_pct) else f"{r.keyed_pct:.1f} %"
            lines.append(f"{r.source_file} ({r.organisation or '?'} {r.fiscal_year or '?'}, "
                         f"{r.kind}): {share} of {r.amounts} amounts keyed "
                         f"(exact {r.exact}, fuzzy {r.fuzzy}, arithmetic {r.arithmetic}, "
                         f"unkeyed {r.unkeyed})")
            lines.append(f"    sections read: {r.sections or '-'}")
            if r.unread_tables:
                lines.append(f"    unread tables: {r.unread_tables}")
    elif by == "year":
        for r in df.itertuples():
            share = "-" if pd.isna(r.keyed_pct) else f"{r.keyed_pct:.1f} %"
            year = "no year" if pd.isna(r.fiscal_year) else r.fiscal_year
            lines.append(f"{year}: {r.documents} documents of {r.organisations} förbund "
                         f"({r.kinds}); {share} of {r.amounts} amounts keyed (exact {r.exact}, "
                         f"fuzzy {r.fuzzy}, arithmetic {r.arithmetic}, unkeyed {r.unkeyed}); "
                         f"{r.unread_tables} unread tables")
            lines.append(f"    sections read (in documents): {r.sections or '-'}")
    else:
        for r in df.itertuples():
            where = f" [{r.statement}]" if r.statement else ""
            lines.append(f"{r.files:4d} files  {r.what}{where}: {r.label}")
    return "\n".join(lines)
