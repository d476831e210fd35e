"""Counts of a scan's column whose heading OCR lost, keyed by the report's own arithmetic.

A hard scan may garble a column heading past knowing ("Totalt antal / deltagare" read "Ti
antal / inne") or a form row's label ("Nya deltagare" read "NONE NVR GOA"), while the
figures under it read well. The parsers keep such counts unplaced (measure "", key_match
``unplaced:<column or row>``). Here each column (row) is tried as each measure a lost heading
may name (lexicon ``[participants] lost_heading_measures``) that its table does not already
print: a measure the count rules confirm for it (the bilaga's count of the insats is the
summary's, pågående = deltagare − avslutade: rules tying it to another measure or table;
that its groups or its insatser add up holds under any heading) more than they confirm a
count without a measure, and none breaks, keys it; only one such measure may do so. A key
found so is a guess the arithmetic bears out, never a printed one: each count is doubtful
(``key_match`` "arithmetic"). What no measure fits is not stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from core.settings import DIGITAL
from core.types import Count

# Support: counts -> (indexes a broken rule compares, how many holding rules compare each).
Support = Callable[[list[Count]], tuple[set[int], dict[int, int]]]
PLACED_CONFIDENCE = DIGITAL.confidence.unknown_columns
UNPLACED = "unplaced:"
# A measure no count rule knows: what the rules say of a column whatever its measure
# (a summary's total row adds up under any heading) is no evidence for one.
_NO_MEASURE = "okand_matt"


def place_counts(counts: list[Count], unplaced: list[Count], measures: tuple[str, ...],
                 support: Support) -> list[Count]:
    """The unplaced counts the rules key, each with its measure, doubtful."""
    columns: dict[str, list[Count]] = {}
    for c in unplaced:
        column = columns.setdefault(c.key_match, [])
        if not any((o.insats, o.group) == (c.insats, c.group) for o in column):
            column.append(c)  # a figure OCR read twice in one cell counts once
    placed: list[Count] = []
    for column in columns.values():
        measure = _measure_of(column, counts + placed, measures, support)
        if measure:
            placed += [replace(c, measure=measure, key_match="arithmetic",
                               confidence=min(c.confidence, PLACED_CONFIDENCE)) for c in column]
    return placed


def _measure_of(column: list[Count], counts: list[Count], measures: tuple[str, ...],
                support: Support) -> str | None:
    keys = {_key(c) for c in counts}
    scores: dict[str, int] = {}
    for measure in (_NO_MEASURE, *measures):
        trial = [replace(c, measure=measure) for c in column]
        if measure != _NO_MEASURE and any(_key(c) in keys for c in trial):
            continue  # the table prints that measure already
        broken, held = support(counts + trial)
        mine = range(len(counts), len(counts) + len(trial))
        if any(i in broken for i in mine):
            continue
        # A rule held by zeros holds under any measure that is zero too: no evidence.
        scores[measure] = sum(held.get(i, 0) for i, c in zip(mine, trial, strict=True) if c.value)
    floor = scores.get(_NO_MEASURE, 0)
    best = sorted(((s, m) for m, s in scores.items() if m != _NO_MEASURE and s > floor), reverse=True)
    if not best or (len(best) > 1 and best[1][0] == best[0][0]):
        return None
    return best[0][1]


def _key(c: Count) -> tuple:
    return (c.insats, c.source_table, c.measure, c.group, c.period_year)
