"""Participant and goal rules: arithmetic within a table row, between the summary table, the
history table and the bilaga forms, across years, and goal percentages against their counts.

Counts carry no rounding: any difference is a break (an ``error``), unless the rule can
name a definitional reason (then a ``warning`` that says it).
"""

from __future__ import annotations

import re
from fnmatch import fnmatch

from checks.findings import ActivityFigures, Figure, FindingData, ReportFigures, judge
from checks.registry import Context, evaluator
from checks.rules import FORM_SUMMARY_MEASURES, TOLERANCES, Rule
from core.numbers import SHARE_OF_RE

_OF_RE = SHARE_OF_RE
# A printed percentage agrees with its counts when within this many percentage points
# (whole percents, "ca 57 %").
PCT_SLACK = TOLERANCES.pct_slack


def count_label(insats: str, table: str, measure: str, group: str, year: int | None) -> str:
    who = insats or "samtliga insatser"
    when = f" {year}" if table == "history" else ""
    suffix = "" if group == "total" else f" ({group})"
    return f"{who}, {measure}{suffix}{when} [{table}]"


def _terms(expression: str) -> list[tuple[int, str, str, bool]]:
    """(sign, measure, group, optional): ``?`` marks a term a row omits when it is zero."""
    out = []
    for sign, term, optional in re.findall(r"([+-]?)\s*([\w*]+:\w+)(\??)", expression):
        measure, group = term.split(":")
        out.append((-1 if sign == "-" else 1, measure, group, bool(optional)))
    return out


def _rows(act: ActivityFigures) -> dict[tuple[str, str, int | None], dict[tuple[str, str], Figure]]:
    rows: dict[tuple[str, str, int | None], dict[tuple[str, str], Figure]] = {}
    for (insats, table, measure, group, year), f in act.counts.items():
        rows.setdefault((insats, table, year), {})[(measure, group)] = f
    return rows


def _sum(row: dict[tuple[str, str], Figure], expression: str) -> tuple[int, list[Figure]]:
    total, used = 0, []
    for sign, measure, group, _ in _terms(expression):
        for (m, g), f in row.items():
            if g == group and fnmatch(m, measure):
                total += sign * f.value
                used.append(f)
    return total, used


def _whole(rule: Rule, row: dict[tuple[str, str], Figure]) -> bool:
    """"till arbete / till studier / av annat skäl": a catch-all row makes the few terms
    printed the whole breakdown (without one, fewer than min_terms may be a part of it);
    not when the row prints another part the rule has no term for ("Flyttat")."""
    terms = _terms(rule.expression)
    names = {m for _, m, _, _ in terms}
    groups = {g for _, _, g, _ in terms}
    catch_all = any(m in rule.complete_with and g in groups for m, g in row)
    other = any(g in groups and m not in names and any(fnmatch(m, p) for p in rule.parts_like)
                for m, g in row)
    return catch_all and not other


@evaluator("count_sum")
def _count_rule(rule: Rule, fig: ReportFigures, ctx: Context) -> list[FindingData]:
    act = fig.activity
    out = []
    measure, group = rule.target.split(":")
    for (insats, table, _), row in _rows(act).items():
        target = row.get((measure, group))
        if table not in rule.tables or target is None:
            continue
        missing = [(f"{m}:{g}", optional) for _, m, g, optional in _terms(rule.expression)
                   if not any(gg == g and fnmatch(mm, m) for mm, gg in row)]
        expected, used = _sum(row, rule.expression)
        if len(used) < (min(2, rule.min_terms) if _whole(rule, row) else rule.min_terms) or \
                any(not optional for _, optional in missing):
            continue  # a required term not printed is never counted as zero: no finding
        explained = None
        if expected != target.value and rule.explained_by:
            other, other_used = _sum(row, rule.explained_by[0])
            if other_used and other == expected:
                explained = rule.explained_by[1]
                used += other_used
        what = f"{insats or 'samtliga insatser'}: {rule.explanation}"
        out.append(judge(rule.name, fig, None, expected, target.value, [target, *used], what,
                         explained, [name for name, _ in missing]))
    return out


@evaluator("count_total", "count_history")
def _summary_rules(rule: Rule, fig: ReportFigures, ctx: Context) -> list[FindingData]:
    act = fig.activity
    out = []
    summary = {k: f for k, f in act.counts.items() if k[1] == "summary" and k[3] == "total"}
    history = {(k[2], k[4]): f for k, f in act.counts.items() if k[1] == "history"}
    for measure in sorted({k[2] for k in summary}):
        total = next((f for k, f in summary.items() if k[0] == "" and k[2] == measure), None)
        parts = [f for k, f in summary.items() if k[0] and k[2] == measure]
        if rule.kind == "count_total" and total is not None and len(parts) >= 2:
            out.append(judge(rule.name, fig, None, sum(f.value for f in parts), total.value,
                             [total, *parts], f"{measure}: {rule.explanation}"))
        year_row = history.get((measure, fig.fiscal_year))
        if rule.kind == "count_history" and total is not None and year_row is not None:
            out.append(judge(rule.name, fig, None, total.value, year_row.value,
                             [year_row, total], f"{measure}: {rule.explanation}"))
    return out


@evaluator("count_form")
def _form_rules(rule: Rule, fig: ReportFigures, ctx: Context) -> list[FindingData]:
    act = fig.activity
    out = []
    for (insats, table, measure, group, year), form in sorted(act.counts.items(),
                                                              key=lambda kv: kv[0][:4]):
        if table != "form" or group != "total" or measure not in FORM_SUMMARY_MEASURES:
            continue
        row = act.counts.get((insats, "summary", measure, "total", year))
        if row is not None:
            out.append(judge(rule.name, fig, None, row.value, form.value,
                             [form, row], f"{insats}, {measure}: {rule.explanation}"))
    return out


@evaluator("count_last")
def _history_rules(rule: Rule, fig: ReportFigures, ctx: Context) -> list[FindingData]:
    act, last = fig.activity, (fig.last.activity if fig.last else None)
    if last is None:
        return []
    out = []
    for (insats, table, measure, group, year), f in sorted(act.counts.items(),
                                                          key=lambda kv: (kv[0][4] or 0, kv[0][2])):
        if table != "history" or year is None or fig.fiscal_year is None or \
                year >= fig.fiscal_year:
            continue
        before = last.counts.get((insats, table, measure, group, year))
        if before is not None:
            out.append(judge(rule.name, fig, None, before.value, f.value,
                             [f, before], f"{measure} {year}: {rule.explanation}"))
    return out


@evaluator("goal_pct")
def _goal_rules(rule: Rule, fig: ReportFigures, ctx: Context) -> list[FindingData]:
    """"91 av 159 avslutade deltagare ... ca 57 %": the count the printed percentage stands
    for (57 % of 159 = 91) against the count printed."""
    out = []
    for g in fig.activity.goals:
        m = _OF_RE.search(g.text)
        if m is None or g.outcome_pct is None or int(m.group(2)) == 0:
            continue
        part, whole = int(m.group(1)), int(m.group(2))
        if abs(100 * part / whole - g.outcome_pct) <= PCT_SLACK:
            expected = part
        else:
            expected = round(g.outcome_pct * whole / 100)
        f = g.figure
        shown = Figure(part, f.file, f.page, f"{g.goal[:60]}: {part} av {whole}", "st", f.bbox,
                       f.confidence)
        out.append(judge(rule.name, fig, None, expected, part, [shown],
                         f"{g.outcome_pct:g} % of {whole}: {rule.explanation}"))
    return out
