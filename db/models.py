"""The tables. Every stored amount keeps its provenance: file, page, box, raw text, confidence.

Amounts are integers (kronor) in BigInteger columns, never floats.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_file: Mapped[str] = mapped_column(Text)
    # Unique: a file is stored once, however many ingests run at once (NULLs stay distinct).
    sha256: Mapped[str | None] = mapped_column(String(64), index=True, unique=True)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(40), default="okand")
    organisation: Mapped[str | None] = mapped_column(String(200))
    fiscal_year: Mapped[int | None] = mapped_column(Integer)
    ocr: Mapped[str] = mapped_column(String(20), default="none")
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_by: Mapped[str | None] = mapped_column(Text)  # signers' names, "; "-separated
    signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # the last one
    status: Mapped[str] = mapped_column(String(20))
    error: Mapped[str | None] = mapped_column(Text)
    problems: Mapped[str | None] = mapped_column(Text)  # JSON list of {page, reason}
    # JSON list of the sections found: {kind, heading, page, amount_lines, rows_read}.
    sections: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    orgnr: Mapped[str | None] = mapped_column(String(20))  # the förbund's, as printed
    printed_name: Mapped[str | None] = mapped_column(String(200))  # the name as printed
    identified_by: Mapped[str | None] = mapped_column(String(200))  # "name=cover;year=title"
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True)
    reports: Mapped[list[Report]] = relationship(back_populates="document",
                                                 cascade="all, delete-orphan")
    page_rows: Mapped[list[PageRecord]] = relationship(cascade="all, delete-orphan")
    facts: Mapped[list[FactRow]] = relationship(cascade="all, delete-orphan")


class PageRecord(Base):
    """What triage decided for one page: its text layer and whether it was OCR'd."""

    __tablename__ = "pages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    page: Mapped[int] = mapped_column(Integer)
    text_layer: Mapped[str] = mapped_column(String(20))  # good | missing | damaged | blank
    ocr: Mapped[bool] = mapped_column(Boolean)
    verification: Mapped[bool] = mapped_column(Boolean)  # an e-signing verification page
    reason: Mapped[str] = mapped_column(Text)


class FactRow(Base):
    """A key fact of a document that is no report: a protokoll's date, attendance and §
    items, a tjänsteskrivelse's title and beslutsunderlag."""

    __tablename__ = "facts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    fact: Mapped[str] = mapped_column(String(40))
    number: Mapped[int | None] = mapped_column(Integer)
    value: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int] = mapped_column(Integer)
    row_order: Mapped[int] = mapped_column(Integer)


class Report(Base):
    """One förbund × year × kind, as printed in one document."""

    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    organisation: Mapped[str | None] = mapped_column(String(200))
    fiscal_year: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    document: Mapped[Document] = relationship(back_populates="reports")
    statement_lines: Mapped[list[StatementLine]] = relationship(cascade="all, delete-orphan")
    note_lines: Mapped[list[NoteLine]] = relationship(cascade="all, delete-orphan")
    participant_counts: Mapped[list[ParticipantCount]] = relationship(
        cascade="all, delete-orphan")
    goal_rows: Mapped[list[GoalRow]] = relationship(cascade="all, delete-orphan")


class _InReport:
    """A row of one report's figures: its id and its report."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"),
                                           index=True)


class _Provenance:
    page: Mapped[int] = mapped_column(Integer)
    x0: Mapped[float | None] = mapped_column(Float)
    top: Mapped[float | None] = mapped_column(Float)
    x1: Mapped[float | None] = mapped_column(Float)
    bottom: Mapped[float | None] = mapped_column(Float)
    raw_text: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)


class StatementLine(_InReport, _Provenance, Base):
    __tablename__ = "statement_lines"
    statement: Mapped[str] = mapped_column(String(40))
    heading: Mapped[str | None] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(40), default="kr")
    line_key: Mapped[str] = mapped_column(String(120))
    label: Mapped[str] = mapped_column(Text)
    note_ref: Mapped[int | None] = mapped_column(Integer)
    column: Mapped[str] = mapped_column(String(20))
    period_year: Mapped[int | None] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)
    row_order: Mapped[int] = mapped_column(Integer)
    # How line_key was found: exact, fuzzy:<score>, arithmetic, unkeyed.
    key_match: Mapped[str | None] = mapped_column(String(20))


class NoteLine(_InReport, _Provenance, Base):
    __tablename__ = "note_lines"
    note_no: Mapped[int] = mapped_column(Integer)
    note_key: Mapped[str] = mapped_column(String(120))
    note_title: Mapped[str] = mapped_column(Text)
    line_key: Mapped[str] = mapped_column(String(120))
    label: Mapped[str] = mapped_column(Text)
    group_name: Mapped[str | None] = mapped_column("group", Text)
    row_type: Mapped[str] = mapped_column(String(20))
    is_total: Mapped[bool] = mapped_column(Boolean)
    column: Mapped[str] = mapped_column(String(20))
    period_year: Mapped[int | None] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)
    unit: Mapped[str] = mapped_column(String(40), default="kr")
    row_order: Mapped[int] = mapped_column(Integer)
    key_match: Mapped[str | None] = mapped_column(String(20))  # how note_key was found


class ParticipantCount(_InReport, _Provenance, Base):
    """One count of a participant table or insats form (CONTRACT: TABLE participants)."""

    __tablename__ = "participants"
    insats: Mapped[str] = mapped_column(String(200), default="")
    measure: Mapped[str] = mapped_column(String(120))
    group_name: Mapped[str] = mapped_column("group", String(40))
    period_year: Mapped[int | None] = mapped_column(Integer)
    value: Mapped[int] = mapped_column(Integer)
    source_table: Mapped[str] = mapped_column(String(40))
    row_order: Mapped[int] = mapped_column(Integer)
    # How measure and group were found: exact, fuzzy:<score>, unkeyed (migration 0009), prose
    # (read from a sentence, parsers/prose_counts.py).
    key_match: Mapped[str] = mapped_column(String(20), default="unkeyed", server_default="unkeyed")


class GoalRow(_InReport, _Provenance, Base):
    """One goal of a måluppfyllelse table (CONTRACT: TABLE goals)."""

    __tablename__ = "goals"
    insats: Mapped[str] = mapped_column(String(200), default="")
    level: Mapped[str] = mapped_column(String(40))
    goal: Mapped[str] = mapped_column(Text)
    target_pct: Mapped[float | None] = mapped_column(Float)
    outcome_pct: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text)
    activity: Mapped[str] = mapped_column(Text)
    row_order: Mapped[int] = mapped_column(Integer)
    # How the status was found: exact, fuzzy:<score>, unkeyed (migration 0009).
    key_match: Mapped[str] = mapped_column(String(20), default="unkeyed", server_default="unkeyed")


class Finding(Base):
    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"),
                                                  index=True)
    rule: Mapped[str] = mapped_column(String(120))
    severity: Mapped[str] = mapped_column(String(20))
    organisation: Mapped[str | None] = mapped_column(String(200))
    fiscal_year: Mapped[int | None] = mapped_column(Integer)
    column: Mapped[str | None] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    expected: Mapped[int | None] = mapped_column(BigInteger)
    actual: Mapped[int | None] = mapped_column(BigInteger)
    difference: Mapped[int | None] = mapped_column(BigInteger)
    locations: Mapped[str] = mapped_column(Text)  # JSON list of {file, page}
    # pass, rounding, explained, opposite_sign, uncertain, break (checks/findings.py)
    outcome: Mapped[str | None] = mapped_column(String(20))
    missing: Mapped[str | None] = mapped_column(Text)  # JSON list of the terms not printed
    convention: Mapped[str | None] = mapped_column(Text)  # the table's sign/unit convention


class Organisation(Base):
    """One förbund across its names and years (db/organisations.py rebuilds it from the
    documents and the lexicon's register). ``id`` is exported as ``organisation_id``."""

    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(240), unique=True)  # orgnr:… | register:… | name:…
    orgnr: Mapped[str | None] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(200))  # the current name
    names: Mapped[str] = mapped_column(Text)  # JSON list of {name, years}: every name seen
    members: Mapped[str] = mapped_column(Text)  # JSON list of kommuner and region
    predecessor_ids: Mapped[str] = mapped_column(Text)  # JSON list of organisation ids
    successor_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"))
    first_year: Mapped[int | None] = mapped_column(Integer)
    last_year: Mapped[int | None] = mapped_column(Integer)
    documents: Mapped[int] = mapped_column(Integer, default=0)
    in_register: Mapped[bool] = mapped_column(Boolean, default=False)


class DocumentPath(Base):
    """Every path a stored file (by SHA-256) was seen at: its duplicates under other names."""

    __tablename__ = "document_paths"
    __table_args__ = (UniqueConstraint("sha256", "source_file",
                                       name="uq_document_paths_sha256_source"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    source_file: Mapped[str] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class CheckState(Base):
    """What a report's findings were computed from (its figures, its linked reports', the
    rules'): ``check`` re-evaluates a report only when this fingerprint changes."""

    __tablename__ = "check_state"
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"),
                                           primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    checked_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class IngestClaim(Base):
    """A file (by SHA-256) an ingest is parsing now: another ingest leaves it to that one
    while its owner lives (``host:pid``; on another host, while it keeps the claim fresh).
    Only saves work: the unique hash of ``documents`` decides what is stored."""

    __tablename__ = "ingest_claims"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(300))
    claimed_at: Mapped[datetime] = mapped_column(DateTime)  # UTC, naive
