"""Findings about a document's identity: a stored document whose förbund or fiscal year could
not be found, or whose year is only a guess, says so (never a silent blank)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from checks.findings import FindingData
from db.models import Document, Report

# The ways of finding a year that rest on a guess (parsers/classify.py year sources).
GUESSED_YEAR = ("year=frequent",)


def identity_findings(session: Session) -> list[FindingData]:
    findings = []
    docs = session.scalars(select(Document).where(Document.status == "stored")
                           .order_by(Document.id))
    for doc in docs:
        report_id = session.scalars(select(Report.id).where(Report.document_id == doc.id)
                                    ).first()
        where = [{"file": doc.source_file, "page": 1}]

        def finding(rule: str, message: str, missing: str, doc=doc, report_id=report_id,
                    where=where) -> FindingData:
            # Not a break of the figures: what the report is stays uncertain (a warning).
            return FindingData(rule, "warning", doc.organisation, doc.fiscal_year, None,
                               f"{doc.source_file}: {message}", 0, 0, 0, where, report_id,
                               outcome="uncertain", missing=[missing])

        if not doc.organisation:
            findings.append(finding(
                "identity_forbund", "the förbund could not be found (no samordningsförbund's "
                "name or organisationsnummer on the cover, in running headers or on the first "
                "pages): the document joins no förbund's history; add its name to the "
                "lexicon's [[register]] with --lexicon", "forbund"))
        if not doc.fiscal_year:
            findings.append(finding(
                "identity_year", "the fiscal year could not be found (no year in the title, "
                "the statements' columns or the first pages)", "fiscal_year"))
        elif any(g in (doc.identified_by or "") for g in GUESSED_YEAR):
            findings.append(finding(
                "identity_year_guessed", f"the fiscal year {doc.fiscal_year} is a guess: the "
                "most frequent year on the first pages (no title or statement column names it)",
                "fiscal_year"))
    return findings
