"""Participant and goal rules: arithmetic within a table row, between the summary table, the
history table and the bilaga forms, across years, and goal percentages against their counts.

Counts carry no rounding: any difference is a break (an ``error``), unless the rule can
name a definitional reason (then a ``warning`` that says it).
"""

from __future__ import annotations

import re
from fnmatch import fnmatch

from checks.engine import ActivityFigures, Figure, FindingData, ReportFigures, judge
from checks.rules import COUNT_RULES, FORM_SUMMARY_MEASURES, TABLE_RULES, CountRule

_OF_RE = re.compile(r"(\d+)\s+av\s+(\d+)")
# A printed percentage agrees with its counts when within this many percentage points
# (whole percents, "ca 57 %").
PCT_SLACK = 1.0


def count_label(insats: str, table: str, measure: str, group: str, year: int | None) -> str:
    who = insats or "samtliga insatser"
    when = f" {year}" if table == "history" else ""
    suffix = "" if group == "total" else f" ({group})"
    return f"{who}, {measure}{suffix}{when} [{table}]"


def _terms(expression: str) -> list[tuple[int, str, str]]:
    out = []
    for sign, term in re.findall(r"([+-]?)\s*([\w*]+:\w+)", expression):
        measure, group = term.split(":")
        out.append((-1 if sign == "-" else 1, measure, group))
    return out


def _rows(act: ActivityFigures) -> dict[tuple[str, str, int | None], dict[tuple[str, str], Figure]]:
    rows: dict[tuple[str, str, int | None], dict[tuple[str, str], Figure]] = {}
    for (insats, table, measure, group, year), f in act.counts.items():
        rows.setdefault((insats, table, year), {})[(measure, group)] = f
    return rows


def _sum(row: dict[tuple[str, str], Figure], expression: str) -> tuple[int, list[Figure]]:
    total, used = 0, []
    for sign, measure, group in _terms(expression):
        for (m, g), f in row.items():
            if g == group and fnmatch(m, measure):
                total += sign * f.value
                used.append(f)
    return total, used


def _count_rule(rule: CountRule, fig: ReportFigures, act: ActivityFigures) -> list[FindingData]:
    out = []
    measure, group = rule.target.split(":")
    for (insats, table, _), row in _rows(act).items():
        target = row.get((measure, group))
        if table not in rule.tables or target is None:
            continue
        expected, used = _sum(row, rule.expression)
        if len(used) < rule.min_terms:
            continue
        explained = None
        if expected != target.value and rule.explained_by:
            other, other_used = _sum(row, rule.explained_by[0])
            if other_used and other == expected:
                explained = rule.explained_by[1]
                used += other_used
        what = f"{insats or 'samtliga insatser'}: {rule.explanation}"
        out.append(judge(rule.name, fig, None, expected, target.value, [target, *used], what,
                         explained))
    return out


def _summary_rules(fig: ReportFigures, act: ActivityFigures) -> list[FindingData]:
    out = []
    summary = {k: f for k, f in act.counts.items() if k[1] == "summary" and k[3] == "total"}
    history = {(k[2], k[4]): f for k, f in act.counts.items() if k[1] == "history"}
    for measure in sorted({k[2] for k in summary}):
        total = next((f for k, f in summary.items() if k[0] == "" and k[2] == measure), None)
        parts = [f for k, f in summary.items() if k[0] and k[2] == measure]
        if total is not None and len(parts) >= 2:
            out.append(judge("summary_total_equals_rows", fig, None,
                             sum(f.value for f in parts), total.value, [total, *parts],
                             f"{measure}: {TABLE_RULES['summary_total_equals_rows']}"))
        year_row = history.get((measure, fig.fiscal_year))
        if total is not None and year_row is not None:
            out.append(judge("summary_equals_history", fig, None, total.value, year_row.value,
                             [year_row, total],
                             f"{measure}: {TABLE_RULES['summary_equals_history']}"))
    return out


def _form_rules(fig: ReportFigures, act: ActivityFigures) -> list[FindingData]:
    out = []
    for (insats, table, measure, group, year), form in sorted(act.counts.items(),
                                                              key=lambda kv: kv[0][:4]):
        if table != "form" or group != "total" or measure not in FORM_SUMMARY_MEASURES:
            continue
        row = act.counts.get((insats, "summary", measure, "total", year))
        if row is not None:
            out.append(judge("form_equals_summary", fig, None, row.value, form.value,
                             [form, row], f"{insats}, {measure}: "
                             f"{TABLE_RULES['form_equals_summary']}"))
    return out


def _history_rules(fig: ReportFigures, act: ActivityFigures,
                   last: ActivityFigures | None) -> list[FindingData]:
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
            out.append(judge("history_repeats_last_report", fig, None, before.value, f.value,
                             [f, before], f"{measure} {year}: "
                             f"{TABLE_RULES['history_repeats_last_report']}"))
    return out


def _goal_rules(fig: ReportFigures, act: ActivityFigures) -> list[FindingData]:
    """"91 av 159 avslutade deltagare ... ca 57 %": the count the printed percentage stands
    for (57 % of 159 = 91) against the count printed."""
    out = []
    for g in act.goals:
        m = _OF_RE.search(g.text)
        if m is None or g.outcome_pct is None or int(m.group(2)) == 0:
            continue
        part, whole = int(m.group(1)), int(m.group(2))
        if abs(100 * part / whole - g.outcome_pct) <= PCT_SLACK:
            expected = part
        else:
            expected = round(g.outcome_pct * whole / 100)
        f = g.figure
        shown = Figure(part, f.file, f.page, f"{g.goal[:60]}: {part} av {whole}", "st", f.bbox)
        out.append(judge("goal_outcome_recomputed", fig, None, expected, part, [shown],
                         f"{g.outcome_pct:g} % of {whole}: "
                         f"{TABLE_RULES['goal_outcome_recomputed']}"))
    return out


def activity_findings(fig: ReportFigures, act: ActivityFigures,
                      last: ActivityFigures | None = None) -> list[FindingData]:
    out: list[FindingData] = []
    for rule in COUNT_RULES:
        out += _count_rule(rule, fig, act)
    out += _summary_rules(fig, act)
    out += _form_rules(fig, act)
    out += _history_rules(fig, act, last)
    out += _goal_rules(fig, act)
    return out
