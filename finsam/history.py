"""The report's history pages: per förbund its key figures across the years (restated years
marked), and the national view: every förbund together per year, with how many förbund
each year's total covers. Plain data for the template; nothing here writes HTML."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

# The figures drawn as small multiples, in this order, with their titles.
HISTORY_KEYS: tuple[tuple[str, str], ...] = (
    ("verksamhetens_intakter", "Intäkter"),
    ("verksamhetens_kostnader", "Kostnader"),
    ("arets_resultat", "Årets resultat"),
    ("summa_eget_kapital", "Eget kapital"),
    ("likvida_medel_vid_arets_slut", "Likvida medel"),
    ("deltagare", "Deltagare"),
    ("nya", "Nya deltagare"),
    ("avslutade", "Avslutade"),
)
RESTATEMENT_RULES = ("series_restatement",)


@dataclass
class Panel:
    """One key figure of one förbund (or of all together) across years."""

    key: str
    title: str
    points: list[tuple[int, float]] = field(default_factory=list)
    marked: set[int] = field(default_factory=set)  # years some document restated
    notes: dict[int, str] = field(default_factory=dict)  # year → how the figure was chosen


@dataclass
class History:
    organisation: str
    panels: list[Panel]


@dataclass
class NationalYear:
    year: int
    totals: dict[str, float]
    covered: dict[str, int]  # key → how many förbund the total adds up


def _restated(findings: pd.DataFrame) -> dict[tuple[str, str], set[int]]:
    """(förbund, key) → the years some later document restated (the finding's first compared
    figure is labelled with the key, checks/series.py)."""
    out: dict[tuple[str, str], set[int]] = defaultdict(set)
    if findings.empty:
        return out
    hits = findings[findings["rule"].isin(RESTATEMENT_RULES)]
    for org, year, locs in zip(hits["organisation"], hits["fiscal_year"], hits["locations"],
                               strict=True):
        if org is not None and not pd.isna(year) and locs:
            out[(org, locs[0].get("label", "").replace(" ", "_"))].add(int(year))
    return out


def histories(series: pd.DataFrame, findings: pd.DataFrame) -> list[History]:
    restated = _restated(findings)
    out = []
    for org, rows in series.groupby("organisation", sort=True):
        panels = []
        for key, title in HISTORY_KEYS:
            mine = rows[rows["key"] == key].sort_values("year")
            if mine.empty:
                continue
            panels.append(Panel(key, title,
                                [(int(y), float(v)) for y, v in zip(mine["year"], mine["value"],
                                                                    strict=True)],
                                restated.get((org, key), set()) & set(mine["year"].astype(int)),
                                {int(y): h for y, h in zip(mine["year"], mine["how"], strict=True)
                                 if h != "own_report"}))
        if panels:
            out.append(History(str(org), panels))
    return out


def national(series: pd.DataFrame) -> tuple[list[NationalYear], list[Panel]]:
    """Per year the sum of each key figure over the förbund that have it, and how many."""
    keys = [k for k, _ in HISTORY_KEYS]
    part = series[series["key"].isin(keys)]
    years = []
    for year, rows in part.groupby("year", sort=True):
        grouped = rows.groupby("key")["value"]
        years.append(NationalYear(int(year), grouped.sum().to_dict(),
                                  grouped.count().astype(int).to_dict()))
    panels = [Panel(k, t, [(y.year, y.totals[k]) for y in years if k in y.totals])
              for k, t in HISTORY_KEYS]
    return years, [p for p in panels if p.points]
