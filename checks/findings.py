"""The checks' data: figures in, findings out, and how a comparison becomes a finding.

A finding is data: its ``outcome`` (``pass``, ``rounding``, ``explained``, ``opposite_sign``,
``uncertain``, ``break``), the terms it found missing, and a message rendered from the
outcome's template. Severity follows from the outcome alone (``SEVERITY``); nothing reads a
message to learn what a finding is. This module imports no other part of ``checks``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checks.rules import TOLERANCES
from core.numbers import format_amount
from core.settings import DIGITAL
from parsers.tables import PLAN_ROLES

OUTCOMES = ("pass", "rounding", "explained", "opposite_sign", "uncertain", "break")
# CONTRACT.md: error = a break larger than rounding; warning = a rounding-sized break (1–2 kr
# in kronor figures) or one the rule can explain or cannot judge; info = it holds.
SEVERITY = {"pass": "info", "rounding": "warning", "explained": "warning",
            "opposite_sign": "warning", "uncertain": "warning", "break": "error"}
# Outcomes that say a figure may be wrong (what the arithmetic repair of scans re-reads).
BROKEN = frozenset({"break", "uncertain"})

TEMPLATES = {
    "pass": "ok: {what}{carried}{convention}; compared {names}",
    "rounding": "rounding: {what} is off by {difference} kr{convention}; compared {names}",
    "explained": "explained: {why}{convention}; compared {names}",
    "opposite_sign": "printed with the opposite sign: {what}{convention}; compared {names}",
    "uncertain": "uncertain: {what} is off by {difference}, but {doubt}{convention}; "
                 "compared {names}",
    "break": "{what} does not hold: printed {actual}, computed {expected}, difference "
             "{difference}{convention}; compared {names}",
    # An ``uncertain`` finding about a line that is not there (core lines).
    "not_found": "uncertain: no line {lines} found in {statement}: {what}; the line is "
                 "missing or was not understood",
    # A sum with a term that is not printed (or not read) is never judged with it as zero.
    "missing_term": "uncertain: {what} cannot be judged: {missing} not found (a missing "
                    "figure never counts as zero){convention}; compared {names}",
}


@dataclass(frozen=True)
class Figure:
    value: int
    file: str
    page: int
    label: str
    unit: str = "kr"
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom (points)
    confidence: float = 1.0
    period_year: int | None = None
    scanned: bool = False  # read from a page finsam OCR'd (not the file's own text)


def half_unit(f: Figure) -> int:
    """The rounding a printed figure carries, in kronor (Arelle's interval arithmetic)."""
    return DIGITAL.tables.tkr_rounding if f.unit == "tkr" else 0


@dataclass(frozen=True)
class Convention:
    """How one table prints its figures, read from the rows that agree (checks/conventions.py)."""
    cost_sign: str = "negative"  # costs printed negative, or "positive"
    # "utfall_minus_budget" or "budget_minus_utfall_for_costs"; None: no avvikelse column
    deviation_direction: str | None = None
    unit: str = "kr"  # "tkr": figures rounded to thousands

    def describe(self) -> str:
        """What differs from the default, for messages ("" when nothing does)."""
        parts = []
        if self.cost_sign == "positive":
            parts.append("costs printed positive")
        if self.deviation_direction == "budget_minus_utfall_for_costs":
            parts.append("avvikelse = budget − utfall for costs")
        if self.unit == "tkr":
            parts.append("in tkr")
        return "; ".join(parts)


@dataclass
class NoteFigures:
    note_no: int
    note_key: str
    title: str
    # (row_type, group, label, column, Figure), in printed order
    rows: list[tuple[str, str | None, str, str, Figure]] = field(default_factory=list)


def note_row_label(label: str, is_total: bool, group: str | None) -> str:
    """How a note row is named in findings when it has no label of its own."""
    return label or ("Summa" if is_total else f"delsumma {group or ''}".strip())


# (insats, source table, measure, group, period year)
CountKey = tuple[str, str, str, str, int | None]


@dataclass
class GoalFigure:
    goal: str
    outcome_pct: float | None
    text: str  # activity and status cell, where "91 av 159" is written
    figure: Figure


@dataclass
class ActivityFigures:
    """Participant counts (unit "st") and goals of a report."""
    counts: dict[CountKey, Figure] = field(default_factory=dict)
    goals: list[GoalFigure] = field(default_factory=list)


@dataclass
class ReportFigures:
    report_id: int | None
    organisation: str | None
    fiscal_year: int | None
    statements: dict[tuple[str, str, str], Figure] = field(default_factory=dict)
    notes: list[NoteFigures] = field(default_factory=list)
    # The same förbund's report of the year before, when it is in the database.
    last: ReportFigures | None = None
    activity: ActivityFigures = field(default_factory=ActivityFigures)
    kind: str = "arsredovisning"
    # statement -> its convention, filled once per report by checks/conventions.py
    conventions: dict[str, Convention] = field(default_factory=dict)

    def keys(self, statement: str, column: str) -> list[str]:
        return [k for (s, k, c) in self.statements if s == statement and c == column]

    def columns(self, statement: str) -> list[str]:
        return list(dict.fromkeys(c for (s, _, c) in self.statements if s == statement))

    def in_year(self, statement: str, key: str, year: int) -> Figure | None:
        """A line's figure for a period year, from this report or last year's: what the year
        came to, never its budget ("Budget 2023", "previous_budget") or a deviation."""
        for source in (self, self.last):
            if source is None:
                continue
            for (s, k, c), f in source.statements.items():
                if s == statement and k == key and f.period_year == year and c not in PLAN_ROLES:
                    return f
        return None


@dataclass
class FindingData:
    rule: str
    severity: str
    organisation: str | None
    fiscal_year: int | None
    column: str | None
    message: str
    expected: int
    actual: int
    difference: int
    locations: list[dict]
    report_id: int | None = None
    outcome: str = "pass"
    missing: list[str] = field(default_factory=list)
    convention: str = ""
    # False: no comparison was made (a term the sum needs is absent): nothing to re-read.
    judged: bool = True


def _locations(figures: list[Figure]) -> list[dict]:
    """One location per compared figure: where it is printed, what it says."""
    seen: list[dict] = []
    for f in figures:
        loc = {"file": f.file, "page": f.page, "label": f.label, "value": f.value}
        if f.bbox:
            loc["bbox"] = [round(v, 1) for v in f.bbox]
        if f.confidence < 1:
            loc["confidence"] = round(f.confidence, 2)
        if loc not in seen:
            seen.append(loc)
    return seen


def carried_rounding(figures: list[Figure]) -> int:
    return sum(half_unit(f) for f in figures)


def within_rounding(expected: int, actual: int, figures: list[Figure]) -> bool:
    """A difference the figures' own rounding or a 1–2 kr print rounding accounts for."""
    diff = abs(actual - expected)
    if all(f.unit == "st" for f in figures):
        return diff == 0  # people are counted, not rounded
    return diff <= max(carried_rounding(figures), TOLERANCES.rounding_kr)


def outcome_of(expected: int, actual: int, compared: list[Figure],
               explained: str | None = None, unread: list[str] | None = None,
               rounding: int | None = None) -> str:
    """pass (exact, or within the rounding its tkr figures carry), explained, rounding
    (1–2 kr in kronor), opposite sign, uncertain (rests on a doubtful figure), break.
    ``rounding``: the rounding the comparison carries, when not the compared figures' sum
    (a share of a sum carries that share of the sum's rounding)."""
    diff = actual - expected
    counts = all(f.unit == "st" for f in compared)
    carried = carried_rounding(compared) if rounding is None else rounding
    if diff == 0 or (not explained and abs(diff) <= carried):
        return "pass"
    if explained:
        return "explained"
    if not counts and abs(diff) <= TOLERANCES.rounding_kr:
        return "rounding"
    if expected != 0 and actual == -expected:
        return "opposite_sign"
    if doubtful(compared) or unread:
        return "uncertain"
    return "break"


def doubtful(figures: list[Figure]) -> list[Figure]:
    return [f for f in figures if f.confidence < TOLERANCES.uncertain_below]


def _names(compared: list[Figure]) -> str:
    # Figures from more than one file (rules across years) say which file they are from.
    many = len({f.file for f in compared}) > 1
    return ", ".join(f"{f.label} {format_amount(f.value)} (s. {f.page}"
                     + (f", {Path(f.file).name})" if many else ")") for f in compared)


def render(outcome: str, what: str, expected: int, actual: int, compared: list[Figure],
           explained: str | None = None, convention: str = "",
           unread: list[str] | None = None, rounding: int | None = None) -> str:
    carried = carried_rounding(compared) if rounding is None else rounding
    doubt = ", ".join([f"{f.label} {format_amount(f.value)} (s. {f.page}) was read with "
                       f"confidence {f.confidence:.2f}" for f in doubtful(compared)]
                      + [f"{u} is printed in the report but was not read" for u in unread or []])
    return TEMPLATES[outcome].format(
        what=what, why=explained or what, names=_names(compared),
        difference=format_amount(actual - expected), actual=format_amount(actual),
        expected=format_amount(expected), doubt=f"the figure is uncertain: {doubt}",
        carried=(f", within the rounding of tkr figures (±{format_amount(carried)} kr)"
                 if actual != expected else ""),
        convention=f" [{convention}]" if convention else "")


def judge(rule: str, fig: ReportFigures, column: str | None, expected: int, actual: int,
          compared: list[Figure], what: str, explained: str | None = None,
          missing: list[str] | None = None, convention: str = "",
          unread: list[str] | None = None, rounding: int | None = None,
          located: list[Figure] | None = None) -> FindingData:
    """A comparison as a finding: its outcome, the severity that follows, its message.
    ``unread``: missing terms the report shows it prints (a note, another column): a break
    that rests on them is uncertain, not an error. ``rounding``: see ``outcome_of``.
    ``located``: the figures to locate when a compared figure is a sum of several rows
    (every row, so that each is read again and doubted); ``compared`` by default."""
    outcome = outcome_of(expected, actual, compared, explained, unread, rounding)
    message = render(outcome, what, expected, actual, compared, explained, convention, unread,
                     rounding)
    return FindingData(rule, SEVERITY[outcome], fig.organisation, fig.fiscal_year, column,
                       message, expected, actual, actual - expected,
                       _locations(located or compared), fig.report_id, outcome,
                       list(missing or []), convention)


def unjudged(rule: str, fig: ReportFigures, column: str | None, actual: Figure,
             compared: list[Figure], what: str, absent: list[str], missing: list[str],
             convention: str = "") -> FindingData:
    """A sum that cannot be judged: a term it needs is not printed (or not read). Uncertain,
    naming the absent terms; no difference is computed (a missing term is never zero)."""
    message = TEMPLATES["missing_term"].format(
        what=what, missing=", ".join(absent), names=_names(compared),
        convention=f" [{convention}]" if convention else "")
    return FindingData(rule, SEVERITY["uncertain"], fig.organisation, fig.fiscal_year, column,
                       message, actual.value, actual.value, 0, _locations(compared),
                       fig.report_id, "uncertain", list(missing), convention, judged=False)


def noted(rule: str, fig: ReportFigures, column: str | None, outcome: str, message: str,
          missing: list[str], locations: list[dict] | None = None) -> FindingData:
    """A finding about what is not there (no figures compared): e.g. a missing core line."""
    return FindingData(rule, SEVERITY[outcome], fig.organisation, fig.fiscal_year, column,
                       message, 0, 0, 0, locations or [], fig.report_id, outcome, missing)


def year_column(column: str, period_year: int | None) -> str:
    """Columns named "year" (a five-year overview's older years) are told apart by their
    year: "2022"."""
    return str(period_year) if column == "year" and period_year else column
