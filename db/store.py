"""Store one parsed file in one transaction: a failure never touches what is stored."""

from __future__ import annotations

import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.types import FileResult
from db.models import (
    Document,
    DocumentPath,
    FactRow,
    GoalRow,
    IngestClaim,
    NoteLine,
    PageRecord,
    ParticipantCount,
    Report,
    StatementLine,
)
from parsers.goals import Goal
from parsers.participants import Count
from parsers.tables import Amount


def already_stored(session: Session, sha256: str | None) -> Document | None:
    if not sha256:
        return None
    return session.scalars(select(Document).where(Document.sha256 == sha256,
                                                  Document.status == "stored")).first()


def record_path(session: Session, sha256: str | None, source_file: str) -> bool:
    """Note that the file ``sha256`` was seen at ``source_file``; True when that path is new
    for it. Insert-or-ignore, so concurrent ingests never collide on it."""
    if not sha256:
        return False
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(DocumentPath).values(sha256=sha256, source_file=source_file) \
        .on_conflict_do_nothing(index_elements=["sha256", "source_file"])
    return bool(session.execute(stmt).rowcount)


def stored_path(session: Session, sha256: str | None) -> str | None:
    """The path the file ``sha256`` was stored under, None when it is not stored."""
    doc = already_stored(session, sha256)
    return doc.source_file if doc is not None else None


CLAIM_STALE = timedelta(minutes=15)  # a claim of another host not refreshed for this long


def claim_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _alive(owner: str) -> bool:
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's ingest: judged by how fresh its claim is
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def held_by_other(session: Session, sha256: str, owner: str) -> bool:
    """Another live ingest is parsing this file now."""
    row = session.get(IngestClaim, sha256)
    return row is not None and row.owner != owner and _alive(row.owner) \
        and row.claimed_at > _utcnow() - CLAIM_STALE


def claim(session: Session, sha256: str, owner: str) -> bool:
    """Take the claim on parsing the file ``sha256``; False while another live ingest holds
    it. A claim whose owner died (or, on another host, went stale) is taken over."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(IngestClaim).values(sha256=sha256, owner=owner, claimed_at=_utcnow()) \
        .on_conflict_do_nothing(index_elements=["sha256"])
    if session.execute(stmt).rowcount:
        return True
    row = session.get(IngestClaim, sha256)
    if row is None or row.owner == owner:
        return row is not None
    if held_by_other(session, sha256, owner):
        return False
    took = session.execute(update(IngestClaim).where(IngestClaim.sha256 == sha256,
                                                     IngestClaim.owner == row.owner)
                           .values(owner=owner, claimed_at=_utcnow()))
    return bool(took.rowcount)


def refresh_claims(session: Session, owner: str) -> None:
    session.execute(update(IngestClaim).where(IngestClaim.owner == owner)
                    .values(claimed_at=_utcnow()))


def release_claims(session: Session, owner: str) -> None:
    session.execute(delete(IngestClaim).where(IngestClaim.owner == owner))


@dataclass(frozen=True)
class StoreOutcome:
    stored: bool  # False: the same file was stored already (maybe by another ingest just now)
    stored_as: str | None = None  # the path it is stored under, when not stored now
    new_path: bool = False  # this path was not known for this file before


def store_once(engine: Engine, result: FileResult, attempts: int = 3) -> StoreOutcome:
    """Store ``result`` unless a file with its hash is stored: the unique hash decides races
    between ingests; the losing side finds the winner's row and counts the file as stored.
    ``engine`` should be a ``db.session.writer`` engine (SQLite takes the write lock first)."""
    for attempt in range(attempts):
        try:
            with Session(engine) as session, session.begin():
                new_path = record_path(session, result.sha256, result.source_file)
                if result.sha256:  # stored (or failed) now: no ingest needs to parse it
                    session.execute(delete(IngestClaim)
                                    .where(IngestClaim.sha256 == result.sha256))
                existing = stored_path(session, result.sha256)
                if existing is not None:
                    return StoreOutcome(False, existing, new_path)
                store(session, result)
                session.flush()  # the unique hash is checked here, inside this transaction
                return StoreOutcome(True, None, new_path)
        except IntegrityError:
            if attempt == attempts - 1:  # another ingest keeps replacing a failed row
                raise
    raise AssertionError("unreachable")


def _provenance(a: Amount | Count | Goal, raw: str | None = None) -> dict:
    x0, top, x1, bottom = a.bbox
    return {"page": a.page, "x0": x0, "top": top, "x1": x1, "bottom": bottom,
            "raw_text": a.raw if raw is None else raw, "confidence": a.confidence}


def store(session: Session, result: FileResult) -> Document:
    """Add ``result``; a file with the same hash that failed before is replaced."""
    if result.sha256:
        for old in session.scalars(select(Document).where(Document.sha256 == result.sha256,
                                                          Document.status != "stored")):
            session.delete(old)
        session.flush()  # deleted before the new row is inserted: the hash is unique
    doc = Document(source_file=result.source_file, sha256=result.sha256, pages=result.pages,
                   kind=result.kind, organisation=result.organisation,
                   fiscal_year=result.fiscal_year, ocr=result.ocr,
                   signed=bool(result.signatures),
                   signed_by="; ".join(dict.fromkeys(s.signer for s in result.signatures)) or None,
                   signed_at=max((s.signed_at for s in result.signatures if s.signed_at),
                                 default=None),
                   status=result.status, error=result.error, orgnr=result.orgnr,
                   printed_name=result.printed_name, identified_by=result.identified_by,
                   problems=json.dumps([{"page": p, "reason": r} for p, r in result.problems],
                                       ensure_ascii=False) if result.problems else None,
                   sections=json.dumps([asdict(s) for s in result.sections], ensure_ascii=False))
    session.add(doc)
    for d in result.page_decisions:
        doc.page_rows.append(PageRecord(page=d.page, text_layer=d.layer, ocr=d.ocr,
                                        verification=d.verification, reason=d.reason))
    for order, f in enumerate(result.facts):
        doc.facts.append(FactRow(fact=f.fact, number=f.number, value=f.value, detail=f.detail,
                                 page=f.page, row_order=order))
    if result.error or not (result.statements or result.notes or result.participants
                            or result.goals):
        return doc
    report = Report(document=doc, organisation=result.organisation,
                    fiscal_year=result.fiscal_year, kind=result.kind)
    session.add(report)
    for st in result.statements.values():
        for row in st.rows:
            for a in row.amounts:
                report.statement_lines.append(StatementLine(
                    statement=st.statement, heading=st.heading, unit=st.unit,
                    line_key=row.line_key, label=row.label, note_ref=row.note_ref,
                    column=a.column, period_year=a.period_year, amount=a.value,
                    row_order=row.order, key_match=row.key_match, **_provenance(a)))
    for note in result.notes:
        for row in note.rows:
            for a in row.amounts:
                report.note_lines.append(NoteLine(
                    note_no=note.note_no, note_key=note.note_key, note_title=note.title,
                    line_key=row.line_key, label=row.label, group_name=row.group,
                    row_type=row.row_type, is_total=row.is_total, column=a.column,
                    period_year=a.period_year, amount=a.value, unit=note.unit,
                    row_order=row.order, key_match=row.key_match, **_provenance(a)))
    for order, c in enumerate(result.participants):
        report.participant_counts.append(ParticipantCount(
            insats=c.insats, measure=c.measure, group_name=c.group, period_year=c.period_year,
            value=c.value, source_table=c.source_table, row_order=order, key_match=c.key_match,
            **_provenance(c)))
    for order, g in enumerate(result.goals):
        report.goal_rows.append(GoalRow(
            insats=g.insats, level=g.level, goal=g.goal, target_pct=g.target_pct,
            outcome_pct=g.outcome_pct, status=g.status, comment=g.comment, activity=g.activity,
            row_order=order, key_match=g.key_match, **_provenance(g, raw=g.status_text)))
    return doc
