"""Evaluate the rule table and the note rules over one report's figures.

Plain data in (``ReportFigures``), plain findings out; loading and storing live in
``checks/store.py``. A passing comparison is an ``info`` finding that names what it compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from checks.rules import ROUNDING_KR, ROUNDING_TKR, RULES, STATEMENT_ALIASES, Rule
from core.lexicon import Lexicon, fold, load_lexicon
from core.numbers import format_amount

_TERM_RE = re.compile(r"([+-])?\s*(\|)?(last\.)?([a-z]+)\.([a-z_*]+|\{rest\})(?:@([a-z]+))?\|?")


@dataclass(frozen=True)
class Figure:
    value: int
    file: str
    page: int
    label: str
    unit: str = "kr"
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom (points)


@dataclass
class NoteFigures:
    note_no: int
    note_key: str
    title: str
    # (row_type, group, label, column) -> Figure, in printed order
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

    def keys(self, statement: str, column: str) -> list[str]:
        return [k for (s, k, c) in self.statements if s == statement and c == column]


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


@dataclass(frozen=True)
class Term:
    sign: int
    absolute: bool
    statement: str
    key: str
    column: str | None
    last: bool = False  # from last year's report


def parse_expression(expr: str) -> list[list[Term]]:
    alternatives = []
    for alt in expr.split("||"):
        terms = [Term(-1 if m.group(1) == "-" else 1, bool(m.group(2)),
                      STATEMENT_ALIASES[m.group(4)], m.group(5), m.group(6), bool(m.group(3)))
                 for m in _TERM_RE.finditer(alt)]
        alternatives.append(terms)
    return alternatives


def _lookup(fig: ReportFigures, term: Term, column: str, key: str) -> Figure | None:
    source = fig.last if term.last else fig
    if source is None:
        return None
    return source.statements.get((term.statement, key if term.key == "*" else term.key,
                                  term.column or column))


def _evaluate(fig: ReportFigures, alternatives: list[list[Term]], column: str,
              key: str) -> tuple[int, list[Figure]] | None:
    chosen = None
    for terms in alternatives:
        if _lookup(fig, terms[0], column, key) is not None:
            chosen = terms
            break
    if chosen is None:
        chosen = alternatives[-1]
    used: list[Figure] = []
    total = 0
    for term in chosen:
        if term.key == "{rest}":  # every other line of the statement: its rows to a total
            found = [fig.statements[(term.statement, k, term.column or column)]
                     for k in fig.keys(term.statement, term.column or column) if k != key]
        else:
            found = [f] if (f := _lookup(fig, term, column, key)) is not None else []
        for f in found:
            used.append(f)
            total += term.sign * (abs(f.value) if term.absolute else f.value)
    return (total, used) if used else None


def _locations(figures: list[Figure]) -> list[dict]:
    """One location per compared figure: where it is printed, what it says."""
    seen: list[dict] = []
    for f in figures:
        loc = {"file": f.file, "page": f.page, "label": f.label, "value": f.value}
        if f.bbox:
            loc["bbox"] = [round(v, 1) for v in f.bbox]
        if loc not in seen:
            seen.append(loc)
    return seen


def judge(rule: str, fig: ReportFigures, column: str | None, expected: int, actual: int,
          compared: list[Figure], what: str, explained: str | None = None) -> FindingData:
    """Severity by the size of the break: rounding-sized is a warning, larger an error."""
    diff = actual - expected
    tkr = any(f.unit == "tkr" for f in compared)
    tolerance = ROUNDING_TKR * max(len(compared) - 1, 1) if tkr else ROUNDING_KR
    if all(f.unit == "st" for f in compared):
        tolerance = 0  # people are counted, not rounded
    # Figures from more than one file (rules across years) say which file they are from.
    many = len({f.file for f in compared}) > 1
    names = ", ".join(f"{f.label} {format_amount(f.value)} (s. {f.page}"
                      + (f", {Path(f.file).name})" if many else ")") for f in compared)
    if diff == 0:
        severity, message = "info", f"ok: {what}; compared {names}"
    elif tkr and abs(diff) <= tolerance and not explained:
        # A tkr figure is the kronor figure rounded: a difference within that is no break.
        severity = "info"
        message = f"ok: within the rounding of tkr figures, {what}; compared {names}"
    elif explained:
        severity, message = "warning", f"{explained}; compared {names}"
    elif abs(diff) <= tolerance:
        severity = "warning"
        message = (f"rounding: {what} is off by {format_amount(diff)} kr; compared {names}")
    elif expected != 0 and actual == -expected:
        severity = "warning"
        message = f"printed with the opposite sign: {what}; compared {names}"
    else:
        severity = "error"
        message = (f"{what} does not hold: printed {format_amount(actual)}, computed "
                   f"{format_amount(expected)}, difference {format_amount(diff)}; "
                   f"compared {names}")
    return FindingData(rule, severity, fig.organisation, fig.fiscal_year, column, message,
                       expected, actual, diff, _locations(compared), fig.report_id)


def run_rule(rule: Rule, fig: ReportFigures) -> list[FindingData]:
    if fig.last is None and "last." in rule.expression:
        return []  # a rule across years needs last year's report
    stmt_alias, _, target = rule.target.partition(".")
    target_key, _, target_col = target.partition("@")
    statement = STATEMENT_ALIASES[stmt_alias]
    alternatives = parse_expression(rule.expression)
    out = []
    for column in rule.columns:
        col = target_col or column
        keys = fig.keys(statement, col) if target_key == "*" else [target_key]
        for key in keys:
            actual = fig.statements.get((statement, key, col))
            if actual is None:
                continue
            result = _evaluate(fig, alternatives, column if not target_col else "current", key)
            if result is None:
                continue
            expected, used = result
            what = rule.explanation if target_key != "*" else f"{key}: {rule.explanation}"
            explained = None
            if rule.explained_by and not _within_rounding(expected, actual, used):
                other = _evaluate(fig, parse_expression(rule.explained_by[0]), column, key)
                if other is not None and _within_rounding(other[0], actual, other[1]):
                    # The difference stays the one against the rule; the message says why.
                    explained = rule.explained_by[1]
                    used = used + [f for f in other[1] if f not in used]
            out.append(judge(rule.name, fig, col, expected, actual.value, [actual, *used], what,
                             explained))
    return out


def _within_rounding(expected: int, actual: Figure, used: list[Figure]) -> bool:
    tkr = actual.unit == "tkr" or any(f.unit == "tkr" for f in used)
    return abs(actual.value - expected) <= (ROUNDING_TKR * max(len(used), 1) if tkr
                                             else ROUNDING_KR)


def _note_name(note: NoteFigures) -> str:
    return f"Not {note.note_no} {note.title}"


def note_findings(fig: ReportFigures, lexicon: Lexicon) -> list[FindingData]:
    out: list[FindingData] = []
    for note in fig.notes:
        columns = sorted({r[3] for r in note.rows})
        for column in columns:
            rows = [r for r in note.rows if r[3] == column]
            items = [r for r in rows if r[0] == "item"]
            subtotals = [r for r in rows if r[0] == "subtotal"]
            totals = [r for r in rows if r[0] == "total"]
            for sub in subtotals:
                members = [r[4] for r in items if r[1] == sub[1]]
                if members:
                    out.append(judge("note_group_foots", fig, column, sum(f.value for f in members),
                                     sub[4].value, [sub[4], *members],
                                     f"{_note_name(note)}: group {sub[1]} foots to its subtotal"))
            if not totals:
                continue
            total = totals[-1][4]
            grouped = {s[1] for s in subtotals}
            parts = [s[4] for s in subtotals] + [r[4] for r in items if r[1] not in grouped]
            out.append(judge("note_foots", fig, column, sum(f.value for f in parts), total.value,
                             [total, *parts], f"{_note_name(note)} foots to its total"))
            out += _note_vs_statement(fig, note, column, total, lexicon)
    return out


def _note_vs_statement(fig: ReportFigures, note: NoteFigures, column: str, total: Figure,
                       lexicon: Lexicon) -> list[FindingData]:
    target = lexicon.note_supports(note.note_key)
    if not target:
        return []
    line = fig.statements.get((target[0], target[1], column))
    if line is None:
        return []
    expected = abs(line.value)
    actual = abs(total.value)
    what = f"{_note_name(note)} total = {line.label} in the statement"
    explained = None
    extra = [fig.statements.get((s, k, column)) for s, k in lexicon.note_includes(note.note_key)]
    extra = [f for f in extra if f is not None and f.value]
    if actual != expected and extra and actual == expected + sum(abs(f.value) for f in extra):
        explained = (f"explained: {_note_name(note)} includes "
                     + " and ".join(f"{f.label} ({format_amount(abs(f.value))})" for f in extra)
                     + f", so its total exceeds {line.label}; a definitional difference")
        return [judge("note_equals_statement", fig, column, expected, actual,
                      [total, line, *extra], what, explained)]
    return [judge("note_equals_statement", fig, column, expected, actual, [total, line], what)]


def _payer(label: str, funding: dict) -> str | None:
    words = set(fold(label).split())
    for payer in ("state", "region", "kommuner"):
        if words & {fold(w) for w in funding.get(payer, [])}:
            return payer
    return None


def funding_findings(fig: ReportFigures, lexicon: Lexicon) -> list[FindingData]:
    """The members' contributions in the intäkter note split as the law says (50/25/25)."""
    funding = lexicon.funding
    shares: dict[str, int] = funding.get("shares", {})
    out: list[FindingData] = []
    for note in (n for n in fig.notes if n.note_key == funding.get("note")):
        for column in sorted({r[3] for r in note.rows}):
            paid: dict[str, list[Figure]] = {p: [] for p in shares}
            for row_type, _, label, col, figure in note.rows:
                payer = _payer(label, funding) if row_type == "item" and col == column else None
                if payer:
                    paid[payer].append(figure)
            if not all(paid.values()):
                continue  # not every payer printed: no split to check
            total = sum(f.value for figs in paid.values() for f in figs)
            for payer, share in shares.items():
                figs = paid[payer]
                value = sum(f.value for f in figs)
                shown = figs[0] if len(figs) == 1 else Figure(
                    value, figs[0].file, figs[0].page, f"{len(figs)} rader ({payer})", figs[0].unit)
                out.append(judge(f"funding_share_{payer}", fig, column, round(total * share / 100),
                                 value, [shown],
                                 f"{_note_name(note)}: {payer} pays {share} % of the members' "
                                 f"contributions ({format_amount(total)})"))
    return out


def check_report(fig: ReportFigures, lexicon: Lexicon | None = None) -> list[FindingData]:
    lexicon = lexicon or load_lexicon()
    out: list[FindingData] = []
    for rule in RULES:
        out += run_rule(rule, fig)
    out += note_findings(fig, lexicon)
    out += funding_findings(fig, lexicon)
    from checks.participants import activity_findings  # uses this module's judge
    out += activity_findings(fig, fig.activity, fig.last.activity if fig.last else None)
    return out
