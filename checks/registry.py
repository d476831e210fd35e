"""Evaluators by rule kind: each kind's module registers its function here, and the engine
runs every row of the rule table through the evaluator of its kind. This module imports
nothing of ``checks`` but the data types, so evaluators and engine need not import each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from checks.findings import FindingData, ReportFigures
from checks.rules import Rule
from core.lexicon import Lexicon


@dataclass(frozen=True)
class Context:
    lexicon: Lexicon


Evaluator = Callable[[Rule, ReportFigures, Context], list[FindingData]]
EVALUATORS: dict[str, Evaluator] = {}


def evaluator(*kinds: str) -> Callable[[Evaluator], Evaluator]:
    def register(fn: Evaluator) -> Evaluator:
        for kind in kinds:
            EVALUATORS[kind] = fn
        return fn
    return register
