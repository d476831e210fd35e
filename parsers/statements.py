"""Resultaträkning, balansräkning, kassaflödesanalys (finansieringsanalys), driftredovisning.

One parser for all four: the rows come from the table, and each label is mapped to its
canonical line key through the lexicon table of its statement: exactly (through the label's
normalised form), loosely (rapidfuzz), or, for a label the lexicon does not know, by the
statement's identities (the line that equals intäkter − kostnader is the operating result,
whatever it is called). How each key was found is kept in ``key_match``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from rapidfuzz import fuzz

from core.lexicon import Lexicon, Match, fold, is_cost, key_match, slug
from core.ocrtext import foreign_word, junk_word
from core.settings import DIGITAL
from core.types import Statement, StatementRow
from parsers.gaps import word_lost_between
from parsers.layout import key_words_cap
from parsers.sections import Section
from parsers.tables import LONE_SIGN_CONFIDENCE, Table, parse_table

STATEMENTS = ("resultatrakning", "balansrakning", "kassaflodesanalys", "driftredovisning",
              "femarsoversikt", "balanskrav")

# A key found loosely may be wrong: its amounts are no surer than this (a sure loose match;
# a less sure one is doubtful: ``key_confidence``, core/settings.py).
FUZZY_KEY_CONFIDENCE = DIGITAL.tables.fuzzy_key_confidence
key_confidence = DIGITAL.tables.key_confidence
LOOSE_KEY_CONFIDENCE = DIGITAL.tables.loose_key_confidence
# A key found by the statement's arithmetic (the label unknown) is nearly as sure as a label.
ARITHMETIC_KEY_CONFIDENCE = DIGITAL.tables.arithmetic_key_confidence
ARITHMETIC_KEY_SCORE = DIGITAL.tables.arithmetic_key_score
UNKEYED_SCORE = DIGITAL.tables.unkeyed_score
# A label whose junk OCR glued to its figures was dropped keys loosely (core/settings.py);
# an unkeyed row with junk in its label is doubtful.
GLUED_JUNK_KEY_SCORE = DIGITAL.gaps.glued_junk_key_score
JUNK_LABEL_CONFIDENCE = DIGITAL.gaps.junk_label_confidence
NEAR_LABEL_SCORE = DIGITAL.gaps.near_label_score
UNREAD_TAIL_KEY_SCORE = DIGITAL.gaps.unread_tail_key_score
# An identity keys a row only from this many printed terms (one term is a mere equality).
MIN_IDENTITY_TERMS = DIGITAL.tables.min_identity_terms
# Identities hold to the krona in kronor tables, to rounding (1 tkr) in tkr tables.
TKR_ROUNDING = DIGITAL.tables.identity_tkr_rounding

_TERM_RE = re.compile(r"([+-])?\s*(\|?)([a-z_]+)\|?")


def parse_statement(section: Section, lexicon: Lexicon, fiscal_year: int | None,
                    document_unit: str | None = None) -> Statement:
    table: Table = parse_table(section.lines, lexicon, fiscal_year, document_unit=document_unit,
                               years_across=section.kind in lexicon.years_across)
    rows: list[StatementRow] = []
    subsets: list[int] = []  # indexes of "varav" rows
    tails: list[StatementRow] = []  # labels in lower case: maybe a wrapped label's tail
    keyed_words: list[list] = []  # each row's label words
    junked: list[bool] = []  # each row's label lost junk glued to its figures
    for trow in table.rows:
        if not trow.amounts:
            continue
        part = subset_rest(trow.label, lexicon)
        hit = lexicon.statement_match(section.kind, part or trow.label) or \
            _past_unread_tail(section.kind, trow.key_words, lexicon)
        row = StatementRow(section.kind, slug(trow.label), trow.label, trow.note_ref,
                           trow.order, UNKEYED_SCORE, trow.amounts)
        keyed_words.append(trow.key_words)
        junked.append(trow.junk_tail)
        if hit is not None:
            row.line_key, row.key_score, row.key_match = hit.key, hit.score, hit.key_match
            if trow.junk_tail:  # the label's clean part keyed, its junk dropped: a loose key
                score = min(hit.score, GLUED_JUNK_KEY_SCORE)
                row.key_score, row.key_match = score, key_match(score)
        if part is not None and rows:
            subsets.append(len(rows))
        elif trow.label[:1].islower():
            tails.append(row)
        rows.append(row)
    for i in subsets + [i for i in range(len(rows)) if _sum_of_rows_below(rows, i)]:
        _whole_above(rows, i - 1 if i in subsets else i, section.kind, lexicon)
    resolve_keys(rows, lexicon.identities(section.kind),
                 TKR_ROUNDING if table.unit == "tkr" else 0,
                 lambda label, key: lexicon.statement_likeness(section.kind, label, key),
                 lexicon.statement_keys(section.kind),
                 {id(row) for row, words in zip(rows, keyed_words, strict=True)
                  if _damaged_label(words, lexicon)})
    # A key is no surer than the label words it was read from (a label read again from the
    # image: key_words_cap).
    for row, words, junk in zip(rows, keyed_words, junked, strict=True):
        cap = key_words_cap(row.key_match, words)
        # A row keyed by its own label whose label holds junk (or lost junk beside its
        # figures), or a word of no language in a label OCR read near a known one: its key
        # may be no label at all.
        ocr = [w for w in words if w.confidence < 1]
        if row.key_match == "unkeyed" and (junk or any(
                junk_word(w.text, lexicon.vocabulary, lexicon.short_words) for w in ocr) or (
                any(foreign_word(w.text, lexicon.vocabulary, lexicon.short_words) for w in ocr)
                and lexicon.statement_likeness(section.kind, row.label) >= NEAR_LABEL_SCORE)):
            cap = min(cap, JUNK_LABEL_CONFIDENCE)
        if word_lost_between(words):  # a word lost from the label: its key may be another's
            cap = min(cap, JUNK_LABEL_CONFIDENCE)
        for a in row.amounts:
            a.confidence = min(a.confidence, cap)
    # A label in lower case is the end of one wrapped from the line above, its start lost
    # ("förutbetalda intäkter" of "Upplupna kostnader och / förutbetalda intäkter"): the key
    # its words give is no surer than a loose one.
    for row in tails:
        for a in row.amounts:
            a.confidence = min(a.confidence, LOOSE_KEY_CONFIDENCE)
    if section.kind not in lexicon.no_cost_statements():
        cost_words = lexicon.cost_words()
        for row in (r for r in rows if is_cost(r.line_key, cost_words)):
            _doubt_split_signs(row)
    return Statement(section.kind, section.heading, table.unit, rows, table.unit_source)


# The columns of one line's figures that carry one sign as printed (a deviation may not).
# (An overview's years: tables._doubt_lone_sign; its rows may be changes of either sign.)
_SIGNED_COLUMNS = ("current", "previous", "budget", "bokslut")


def _doubt_split_signs(row: StatementRow) -> None:
    """A scanned cost line whose figures carry both signs ("Kostnader  13 459  (13 722)
    −12 571": the budget's minus lost): a table prints its costs with one sign, so OCR lost
    or added one. The figures of the fewer sign are doubtful, all of them when as many."""
    figures = [a for a in row.amounts if a.column in _SIGNED_COLUMNS and a.value and a.confidence < 1]
    negative = [a for a in figures if a.value < 0]
    positive = [a for a in figures if a.value > 0]
    if not negative or not positive:
        return
    fewer = negative if len(negative) < len(positive) else \
        positive if len(positive) < len(negative) else figures
    for a in fewer:
        a.confidence = min(a.confidence, LONE_SIGN_CONFIDENCE)


def _past_unread_tail(statement: str, words: list, lexicon: Lexicon) -> Match | None:
    """A label OCR read with words of no language, or figures and marks, after it ("Fin.
    intäkter 29 heii": a line through the row, its figures read as label words): the label
    before them, loosely (a word the lexicon lacks may have been printed: the key is
    doubtful)."""
    k = len(words)
    while k > 1 and words[k - 1].confidence < 1 and _unread(words[k - 1].text, lexicon):
        k -= 1
    if k == len(words):
        return None
    label, rest = " ".join(w.text for w in words), " ".join(w.text for w in words[:k])
    hit = lexicon.statement_match(statement, rest)
    if hit is None:
        return None
    return Match(hit.key, min(hit.score, float(fuzz.ratio(fold(label), fold(rest))),
                              UNREAD_TAIL_KEY_SCORE), "fuzzy")


def _damaged_label(words: list, lexicon: Lexicon) -> bool:
    """A label OCR read (every word scanned) with a word of no language in it: a known
    label damaged, or a name; a label whose every word is a word is one of its own."""
    return bool(words) and all(w.confidence < 1 for w in words) and any(
        foreign_word(w.text, lexicon.vocabulary, lexicon.short_words) for w in words)


def _unread(text: str, lexicon: Lexicon) -> bool:
    """A word of no language, or one without letters."""
    return not any(c.isalpha() for c in text) or foreign_word(text, lexicon.vocabulary, lexicon.short_words)


_SUBSET_RE = re.compile(r"^\W*(\w+):?\s+(\S.*)$")


def subset_rest(label: str, lexicon: Lexicon) -> str | None:
    """The rest of a label that opens with a subset word ("varav årets resultat": "årets
    resultat"), or None."""
    m = _SUBSET_RE.match(label)
    return m.group(2) if m and fold(m.group(1)) in lexicon.subset_words else None


def _whole_above(rows: list[StatementRow], at: int, statement: str, lexicon: Lexicon) -> None:
    """The row above a "varav" row holds it: when the lexicon keys that row as the part
    before it ("Eget kapital", equity before the year's result), it is the whole
    ("summa_eget_kapital"), unless another row is printed as the whole."""
    above = rows[at]
    whole = lexicon.subset_whole(statement, above.line_key) if above.key_match != "unkeyed" else None
    if whole is not None and not any(r.line_key == whole for r in rows):
        above.line_key = whole


def _sum_of_rows_below(rows: list[StatementRow], at: int) -> bool:
    """Whether the rows right below ``at`` (two or more) add up to it in every column it
    prints: its group's sum printed on the group's heading."""
    values = {a.column: a.value for a in rows[at].amounts}
    total: dict[str, int] = dict.fromkeys(values, 0)
    for n, row in enumerate(rows[at + 1:], 1):
        for a in row.amounts:
            if a.column in total:
                total[a.column] += a.value
        if n >= 2 and any(values.values()) and total == values:
            return True
    return False


def resolve_keys(rows: list[StatementRow], identities: dict[str, list[str]],
                 tolerance: int = 0, likeness: Likeness | None = None,
                 keys: Collection[str] = (), damaged: set[int] | None = None) -> None:
    """Per statement, after every row is matched: a loose match never takes a key an exact
    label holds; rows left without a key are keyed by the identities (of keys they fit
    alike, the one ``likeness`` says the label is clearly likest), then one whose scanned
    label is damaged (``damaged``: the rows' ids) by the one of the statement's ``keys`` its
    label is clearly likest; confidence follows."""
    exact = {r.line_key for r in rows if r.key_match == "exact"}
    for row in rows:
        if row.key_match.startswith("fuzzy") and row.line_key in exact:
            row.line_key, row.key_score, row.key_match = slug(row.label), UNKEYED_SCORE, "unkeyed"
    _key_by_identities(rows, identities, tolerance, likeness)
    _key_by_likeness(rows, keys, likeness, damaged or set())
    for row in rows:
        cap = key_confidence(row.key_match)
        for a in row.amounts:
            a.confidence = min(a.confidence, cap)


def _terms(expression: str) -> list[tuple[int, bool, str]]:
    """(sign, absolute, key) of each term of "a - |b| + c"."""
    return [(-1 if m.group(1) == "-" else 1, bool(m.group(2)), m.group(3))
            for m in _TERM_RE.finditer(expression)]


# (label, key) -> how near the label comes to the key's variants (0-100).
Likeness = Callable[[str, str], float]
# Of keys an identity fits alike, a label this near to one (rapidfuzz ratio) and this much
# nearer than to any other takes it ("Yerksarmnetens kostnader": 89 to "Verksamhetens
# kostnader", far from "Avskrivningar", both the one term missing from intäkter − kostnader
# − avskrivningar = verksamhetens resultat).
LIKEST_KEY_SCORE = DIGITAL.tables.likest_key_score
LIKEST_KEY_MARGIN = DIGITAL.tables.likest_key_margin


def _likest(label: str, fits: dict[str, int], likeness: Likeness | None) -> dict[str, int]:
    if len(fits) < 2 or likeness is None:
        return fits
    hit = _clearly_likest(label, fits, likeness, LIKEST_KEY_SCORE, LIKEST_KEY_MARGIN)
    return {hit[0]: fits[hit[0]]} if hit else fits


def _clearly_likest(label: str, keys: Collection[str], likeness: Likeness, score: float,
                    margin: float) -> tuple[str, float] | None:
    """The key the label comes ``score`` near at least and ``margin`` nearer than to any
    other of ``keys``, with its likeness; None when there is no such key."""
    ranked = sorted(((likeness(label, k), k) for k in keys), reverse=True)
    if not ranked:
        return None
    (best, key), second = ranked[0], ranked[1][0] if len(ranked) > 1 else 0.0
    return (key, best) if best >= score and best - second >= margin else None


# A scanned row left without a key whose label comes this near (rapidfuzz ratio of match
# forms) to one key's variants, and this much nearer than to any other key's, takes it
# loosely ("Verkebintietens intäkter": 78 to "Verksamhetens intäkter", 60 at most to any
# other key): a fuzzy key below the sure score, its figures doubtful.
LOOSE_LABEL_SCORE = DIGITAL.tables.loose_label_score
LOOSE_LABEL_MARGIN = DIGITAL.tables.loose_label_margin


def _key_by_likeness(rows: list[StatementRow], keys: Collection[str],
                     likeness: Likeness | None, damaged: set[int]) -> None:
    """Each key no row holds to the one unkeyed row of a damaged scanned label (``damaged``:
    ids of rows whose label words OCR read, one of no language) whose label is clearly
    likest to it; a key two such rows are likest to goes to neither. Loose, whatever the
    likeness: its figures doubtful."""
    if likeness is None or not keys:
        return
    held = {r.line_key for r in rows if r.key_match != "unkeyed"}
    claims: dict[str, list[tuple[StatementRow, float]]] = {}
    for row in rows:
        if row.key_match == "unkeyed" and row.amounts and id(row) in damaged and (hit := _clearly_likest(
                row.label, keys, likeness, LOOSE_LABEL_SCORE, LOOSE_LABEL_MARGIN)) and hit[0] not in held:
            claims.setdefault(hit[0], []).append((row, hit[1]))
    for key, claim in claims.items():
        if len(claim) == 1:
            (row, score), = claim
            row.line_key, row.key_score, row.key_match = key, score, key_match(score)
            for a in row.amounts:
                a.confidence = min(a.confidence, LOOSE_KEY_CONFIDENCE)


def _key_by_identities(rows: list[StatementRow], identities: dict[str, list[str]],
                       tolerance: int, likeness: Likeness | None = None) -> None:
    """Repeat until nothing changes: a key found this way may complete another identity. A
    line keyed with its sign printed the other way (a net cost printed positive) takes part
    in later identities with its sign turned."""
    sign_of: dict[int, int] = {}
    changed = True
    while changed:
        changed = False
        held = {r.line_key: r for r in rows if r.key_match != "unkeyed"}
        for row in rows:
            if row.key_match != "unkeyed":
                continue
            fits = {key: sign for key, exprs in identities.items() if key not in held
                    for e in exprs if (sign := _fit(row, _terms(e), held, sign_of, tolerance))}
            terms = _term_fits(row, identities, held, sign_of, tolerance)
            fits = _likest(row.label, {**fits, **terms}, likeness)
            if len(fits) == 1:
                (key, sign), = fits.items()
                row.line_key, row.key_score, row.key_match = key, ARITHMETIC_KEY_SCORE, \
                    "arithmetic"
                sign_of[id(row)] = sign
                # A missing term's key rests on its label read as nothing known and on one
                # identity's other terms: its figures are doubtful (a rule broken on them too).
                for a in row.amounts if key in terms else ():
                    a.confidence = min(a.confidence, LOOSE_KEY_CONFIDENCE)
                changed = True
                break


def _term_fits(row: StatementRow, identities: dict[str, list[str]], held: dict[str, StatementRow],
               sign_of: dict[int, int], tolerance: int) -> dict[str, int]:
    """The keys of identities' terms the row is the one missing term of: a row printed above
    an identity's printed whole, whose figures make it hold exactly in every column with the
    other printed terms (a first row "Intäkter" a hard scan read as "Oe SA SOO": intäkter =
    verksamhetens resultat + |kostnader|). A term that any other unprinted term could be
    equally is ambiguous: more than one key fits and none is taken. (``_solves``: a column
    another term lost is passed over.)"""
    fits: dict[str, int] = {}
    for whole, exprs in identities.items():
        total_row = held.get(whole)
        if total_row is None or total_row.order <= row.order:
            continue
        for e in exprs:
            terms = _terms(e)
            for i, (_, _, key) in enumerate(terms):
                if key in held:
                    continue
                others = [(s, a, held[k]) for j, (s, a, k) in enumerate(terms) if j != i and k in held]
                if len(others) + 1 >= MIN_IDENTITY_TERMS and _solves(
                        row, terms[i], total_row, others, sign_of, tolerance):
                    fits[key] = 1
    return fits


def _solves(row: StatementRow, term: tuple[int, bool, str], whole: StatementRow,
            others: list[tuple[int, bool, StatementRow]], sign_of: dict[int, int],
            tolerance: int) -> bool:
    """Whether the row's figures, as ``term``, make whole = Σ terms hold in every column it
    prints (the whole printing each of them, not all nought). A column another term lost
    (a hard scan dropped last year's "Verksamhetens kostnader") says nothing either way; the
    columns left must then be two at least with the row's figure in them not nought."""
    sign, absolute, _ = term
    wholes = {a.column: a.value for a in whole.amounts}
    values = {a.column: a.value for a in row.amounts}
    if not values or not set(values) <= set(wholes) or not any(values.values()):
        return False
    checked = skipped = 0
    for column, value in values.items():
        figures = [next((x.value for x in r.amounts if x.column == column), None)
                   for _, _, r in others]
        if any(f is None and _lost_in(r, column, values) for f, (_, _, r)
               in zip(figures, others, strict=True)):
            skipped += 1
            continue
        rest = wholes[column] - sum(
            s * (abs(v) if a else v) for (s, a, r), f in zip(others, figures, strict=True)
            for v in [sign_of.get(id(r), 1) * (f or 0)])
        mine = abs(value) if absolute else value
        if abs(sign * mine - rest) > tolerance:
            return False
        checked += bool(value)
    # A column passed over leaves the others to say it: two at least.
    return checked >= (2 if skipped else 1)


def _lost_in(term: StatementRow, column: str, columns: dict[str, int]) -> bool:
    """Whether a term that lacks ``column`` prints every other column the row does, read by
    OCR: a figure lost there (counted as nothing known), not a column it leaves blank
    (counted as nought; a born-digital page's blank is one)."""
    own = {a.column for a in term.amounts}
    others = set(columns) - {column}
    return bool(others) and others <= own and any(a.confidence < 1 for a in term.amounts)


def _fit(row: StatementRow, terms: list[tuple[int, bool, str]], held: dict[str, StatementRow],
         sign_of: dict[int, int], tolerance: int) -> int:
    """1 when the row equals the expression in every column it prints, −1 when it equals its
    negation (a net cost printed positive), 0 when neither; the terms must be printed above
    it, at least MIN_IDENTITY_TERMS of them."""
    present = [(sign, absolute, held[key]) for sign, absolute, key in terms if key in held]
    values = {a.column: a.value for a in row.amounts}
    if (len(present) < MIN_IDENTITY_TERMS or any(r.order >= row.order for _, _, r in present)
            or not any(values.values())):
        return 0
    signs = {1, -1}
    for column, value in values.items():
        total = 0
        for sign, absolute, term in present:
            v = sign_of.get(id(term), 1) * next(
                (a.value for a in term.amounts if a.column == column), 0)
            total += sign * (abs(v) if absolute else v)
        signs = {s for s in signs if abs(s * value - total) <= tolerance}
    return next(iter(signs)) if len(signs) == 1 else 0
