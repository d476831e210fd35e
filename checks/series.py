"""Rules over the series: every document that prints a figure for a year is a source for it.

Two kinds of findings that the rules within one report and between neighbouring reports
cannot give:
- a restatement: a later document (a five-year overview, a history table two or more years
  on) prints another figure for a year than that year's own report did;
- an identity that spans years (opening balances = last year's closing, equity roll-forward,
  cash-flow changes = balance-sheet differences) evaluated where a year's own report is
  missing, so the reports on either side of the gap are still compared.
Both name the documents of every figure they compare.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from checks.findings import Figure, FindingData, ReportFigures, judge
from core.lexicon import Lexicon
from db.models import Document, Report
from db.series import OrgRef, Source, all_sources, organisations


@dataclass(frozen=True)
class SeriesRule:
    """target(year) = Σ sign · key(year + offset)."""

    name: str
    target: str
    terms: tuple[tuple[int, str, int], ...]  # (sign, key, year offset)
    description: str


SERIES_RULES: tuple[SeriesRule, ...] = (
    SeriesRule("series_opening_cash", "likvida_medel_vid_arets_borjan",
               ((1, "likvida_medel_vid_arets_slut", -1),),
               "likvida medel vid årets början = förra årets likvida medel vid årets slut"),
    SeriesRule("series_equity_roll_forward", "summa_eget_kapital",
               ((1, "summa_eget_kapital", -1), (1, "arets_resultat", 0)),
               "eget kapital = förra årets eget kapital + årets resultat"),
    SeriesRule("series_fordringar_change", "forandring_kortfristiga_fordringar",
               ((1, "fordringar", -1), (-1, "fordringar", 0)),
               "förändring av fordringar = förra årets fordringar − årets fordringar"),
    SeriesRule("series_skulder_change", "forandring_kortfristiga_skulder",
               ((1, "kortfristiga_skulder", 0), (-1, "kortfristiga_skulder", -1)),
               "förändring av kortfristiga skulder = årets skulder − förra årets"),
)


def _figure(key: str, src: Source) -> Figure:
    return Figure(int(src.value), src.source_file, src.page or 0, key.replace("_", " "),
                  src.unit)


def _restatements(org: str, sources: dict[tuple[str, int], list[Source]]
                  ) -> list[FindingData]:
    """A year's own figure against later documents that are not the next year's report (that
    pair is the rules' `last.` comparison already)."""
    out = []
    for (key, year), srcs in sorted(sources.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        own = srcs[0]
        if own.how != "own_report":
            continue
        seen: set[str] = set()
        for other in srcs[1:]:
            adjacent = other.how == "next_report" and other.document_year == year + 1
            if adjacent or other.source_file == own.source_file or other.source_file in seen:
                continue
            seen.add(other.source_file)
            fig = ReportFigures(None, org, year)
            found = judge("series_restatement", fig, "current", int(own.value), int(other.value),
                          [_figure(key, own), _figure(key, other)],
                          f"{key.replace('_', ' ')} {year} as printed later = as printed in "
                          f"{year}'s own report")
            if found.severity != "info":
                out.append(found)
    return out


def _identities(org: OrgRef, sources: dict[tuple[str, int], list[Source]],
                printed: dict[str, str]) -> list[FindingData]:
    """Identities across years, where a year in them has no own report."""
    out = []
    years = sorted({y for _, y in sources})
    for rule in SERIES_RULES:
        for year in years:
            target = sources.get((rule.target, year))
            terms = [(sign, key, sources.get((key, year + off))) for sign, key, off in rule.terms]
            if not target or any(not t[2] for t in terms):
                continue
            chosen = [target[0]] + [t[2][0] for t in terms]
            if all(s.how == "own_report" for s in chosen) and \
                    len({printed.get(s.source_file) for s in chosen}) == 1:
                continue  # both years' reports, under one name: the `last.` rules compare them
            if len({s.source_file for s in chosen}) < 2:
                continue  # one document: its own rules compare its columns
            expected = sum(sign * int(src[0].value) for sign, _, src in terms)
            fig = ReportFigures(None, org.name, year)
            compared = [_figure(rule.target, target[0])] + [
                _figure(key, src[0]) for _, key, src in terms]
            found = judge(rule.name, fig, "current", expected, int(target[0].value), compared,
                          f"{rule.description} ({year}, across documents)")
            if found.severity != "info":  # a pass here is a year the archive may not hold
                out.append(found)
    return out


def _printed_names(session: Session, org: OrgRef) -> dict[str, str]:
    """Source file → the förbund's name its report printed."""
    q = (select(Document.source_file, Report.organisation)
         .join(Report, Report.document_id == Document.id)
         .where(Report.organisation.in_(org.names)))
    return dict(session.execute(q).all())


def series_findings(session: Session, lexicon: Lexicon,
                    only: set[str] | None = None) -> list[FindingData]:
    """The series rules' findings of every förbund, or of those ``only``."""
    findings: list[FindingData] = []
    for org in organisations(session):
        if only is not None and not org.names & only:
            continue
        sources = all_sources(session, org, lexicon)
        findings += _restatements(org.name, sources)
        findings += _identities(org, sources, _printed_names(session, org))
    return findings


# The restatement rule compares every source of one year; the identities are SERIES_RULES.
RESTATEMENT = ("series_restatement", "value[year] as printed later", "value[year] as printed "
               "in that year's own report",
               "a year's figure in a later document (a five-year overview, a history table "
               "two or more years on) = the figure in that year's own report")


def describe() -> list[dict]:
    """The series rules as rows of the rule table (``finsam rules``): each figure is judged
    within the rounding it carries (±500 kr a tkr figure, none for kronor and counts)."""
    def term(sign: int, key: str, off: int) -> str:
        where = f"year{off:+d}" if off else "year"
        return f"{'-' if sign < 0 else '+'} {key}[{where}]"
    tolerance = "the rounding its figures carry"
    name, target, expression, explanation = RESTATEMENT
    rows = [{"name": name, "kind": "series", "target": target, "expression": expression,
             "columns": "", "tolerance": tolerance, "explanation": explanation}]
    return rows + [{"name": r.name, "kind": "series", "target": f"{r.target}[year]",
                    "expression": " ".join(term(*t) for t in r.terms).removeprefix("+ "),
                    "columns": "",
                    "tolerance": tolerance, "explanation": r.description}
                   for r in SERIES_RULES]
