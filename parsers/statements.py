"""Resultaträkning, balansräkning, kassaflödesanalys (finansieringsanalys), driftredovisning.

One parser for all four: the rows come from the table, and each label is mapped to its
canonical line key through the lexicon table of its statement.
"""

from __future__ import annotations

from core.lexicon import Lexicon
from core.types import Statement, StatementRow
from parsers.sections import Section
from parsers.tables import Table, parse_table

STATEMENTS = ("resultatrakning", "balansrakning", "kassaflodesanalys", "driftredovisning",
              "femarsoversikt", "balanskrav")


def parse_statement(section: Section, lexicon: Lexicon, fiscal_year: int | None) -> Statement:
    table: Table = parse_table(section.lines, lexicon, fiscal_year)
    rows = []
    for trow in table.rows:
        if not trow.amounts:
            continue
        key, score = lexicon.statement_key(section.kind, trow.label)
        rows.append(StatementRow(section.kind, key, trow.label, trow.note_ref, trow.order,
                                 score, trow.amounts))
    return Statement(section.kind, section.heading, table.unit, rows)
