"""Conventions read from the document, once per table: the sign costs are printed with, the
direction of a driftredovisning's avvikelse, and the unit. The rules then judge every figure
under its table's convention (``canonical``): a break that disappears under it is none.
"""

from __future__ import annotations

from collections import Counter

from checks.findings import Convention, Figure, ReportFigures, within_rounding
from checks.rules import CONVENTION_PROBES, DEVIATION_MIN_ROWS
from core.lexicon import fold, is_cost

UTFALL_MINUS_BUDGET = "utfall_minus_budget"
BUDGET_MINUS_UTFALL_FOR_COSTS = "budget_minus_utfall_for_costs"


def prints_net_cost(label: str, net_cost_labels: tuple[str, ...]) -> bool:
    """A label that prints a result as a net cost ("Verksamhetens nettokostnader")."""
    words = fold(label).split()
    return any(w in words for w in net_cost_labels)


def _probe_votes(fig: ReportFigures, statement: str) -> Counter:
    """Columns where result = incomes + costs (costs negative) or incomes − costs hold."""
    votes: Counter = Counter()
    probe = CONVENTION_PROBES.get(statement)
    if probe is None:
        return votes
    result_key, incomes, costs = probe
    for col in fig.columns(statement):
        def get(key: str, col: str = col) -> Figure | None:
            return fig.statements.get((statement, key, col))
        result = get(result_key)
        cost_figs = [f for k in costs if (f := get(k)) is not None]
        income_figs = [f for k in incomes if (f := get(k)) is not None]
        # The first income and cost lines are required: a missing one never counts as zero.
        if result is None or get(incomes[0]) is None or get(costs[0]) is None \
                or col == "deviation":
            continue
        figs = [result, *cost_figs, *income_figs]
        income = sum(f.value for f in income_figs)
        cost = sum(f.value for f in cost_figs)
        negative = within_rounding(income + cost, result.value, figs)
        positive = within_rounding(income - cost, result.value, figs)
        if negative != positive:
            votes["negative" if negative else "positive"] += 1
    return votes


def cost_sign(fig: ReportFigures, statement: str, cost_words: tuple[str, ...]) -> str:
    votes = _probe_votes(fig, statement)
    if votes["negative"] != votes["positive"]:
        return max(votes, key=lambda k: votes[k])
    # No identity decides: the sign most cost lines are printed with.
    values = [f.value for (s, k, c), f in fig.statements.items()
              if s == statement and c != "deviation" and f.value and is_cost(k, cost_words)]
    return "positive" if sum(v > 0 for v in values) > len(values) / 2 else "negative"


def deviation_direction(fig: ReportFigures, statement: str, sign: str,
                        cost_words: tuple[str, ...]) -> str | None:
    """Avvikelse as printed: utfall − budget, or budget − utfall on cost lines. The cost sign
    implies one (the one that makes a positive avvikelse favourable); cost lines that agree
    on the other, at least ``DEVIATION_MIN_ROWS`` of them and none against, overrule it."""
    if not fig.keys(statement, "deviation"):
        return None
    default = UTFALL_MINUS_BUDGET if sign == "negative" else BUDGET_MINUS_UTFALL_FOR_COSTS
    votes: Counter = Counter()
    for key in fig.keys(statement, "deviation"):
        dev, out, bud = (fig.statements.get((statement, key, c))
                         for c in ("deviation", "current", "budget"))
        if not is_cost(key, cost_words) or out is None or bud is None or dev is None \
                or out.value == bud.value:
            continue
        figs = [dev, out, bud]
        plain = within_rounding(out.value - bud.value, dev.value, figs)
        flipped = within_rounding(bud.value - out.value, dev.value, figs)
        if plain != flipped:
            votes[UTFALL_MINUS_BUDGET if plain else BUDGET_MINUS_UTFALL_FOR_COSTS] += 1
    other = BUDGET_MINUS_UTFALL_FOR_COSTS if default == UTFALL_MINUS_BUDGET else \
        UTFALL_MINUS_BUDGET
    return other if votes[other] >= DEVIATION_MIN_ROWS and not votes[default] else default


def unit_of(fig: ReportFigures, statement: str) -> str:
    units = Counter(f.unit for (s, _, _), f in fig.statements.items() if s == statement)
    return "tkr" if units and units.most_common(1)[0][0] == "tkr" else "kr"


def detect(fig: ReportFigures, cost_words: tuple[str, ...],
           no_cost: tuple[str, ...] = ()) -> dict[str, Convention]:
    """``no_cost``: statements of balances and flows, whose figures are read as printed (a
    balance's "förutbetalda kostnader" is no cost printed positive)."""
    out = {}
    for statement in dict.fromkeys(s for (s, _, _) in fig.statements):
        sign = "negative" if statement in no_cost else cost_sign(fig, statement, cost_words)
        out[statement] = Convention(sign, deviation_direction(fig, statement, sign, cost_words),
                                    unit_of(fig, statement))
    return out


def canonical(fig: ReportFigures, statement: str, key: str, value: int,
              cost_words: tuple[str, ...], label: str = "",
              net_cost_labels: tuple[str, ...] = ()) -> int:
    """A printed figure in the rules' own convention: costs negative. A line whose label
    prints a result as a net cost follows the cost sign too, whatever its key."""
    conv = fig.conventions.get(statement)
    if conv is not None and conv.cost_sign == "positive" and (
            is_cost(key, cost_words) or prints_net_cost(label, net_cost_labels)):
        return -value
    return value
