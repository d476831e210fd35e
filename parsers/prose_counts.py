"""Participant counts written in sentences of an insats's bilaga.

"Under året har 42 personer deltagit i insatsen, varav 15 nya." "Av de 20 som avslutades
gick sju till arbete och tre till studier." "Totalt 31 deltagare (18 kvinnor, 13 män)."

A number is a count only when the words right after it say whose: a person noun
("personer"), a group ("kvinnor"), a measure or outcome phrase ("nya", "till arbete"), a verb
it is the subject of ("gick"), "som" ("20 som avslutades"), or nothing (the clause ends:
"Antalet nya deltagare var 15."). Its measure is the earliest phrase of the lexicon's
``[participants.prose]`` after it in its clause, else the nearest before it; a group count
counts the measure of the sentence's total count before it. Everything else is no count:
years, pages, amounts, percentages, "2 av 3 mål", dates, ages ("18-29 år"), approximations
("cirka 40"). A sentence about goals, plans, other years or averages is not read at all.

Precision first: a figure the sentence does not tie to one measure is left out; a measure
given two values in one section is left out; a count the section's tables gave (or a word
they read) is never read again. Every prose count says so: ``key_match`` "prose" and the
lower confidence of ``confidence.prose``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from core.lexicon import Lexicon, Phrase, ProseCountWords, fold, prose_token
from core.settings import DIGITAL
from core.types import Count, Line, Word

PROSE_CONFIDENCE = DIGITAL.confidence.prose
PROSE_KEY_MATCH = "prose"
# The largest figure read as a count in a sentence; four-digit years are never counts.
MAX_PROSE_COUNT = DIGITAL.counts.max_small_count
# Lines further apart than this many text heights are separate paragraphs.
PARAGRAPH_GAP = DIGITAL.counts.heading_gap
# A line this short, without closing punctuation, before a capitalised line is a heading.
HEADING_WORDS = DIGITAL.counts.prose_heading_words
# Figures further right of their label than this many text heights stand in a table column.
TABLE_GAP = DIGITAL.counts.label_year_gap
# A digit's width (text heights) at most: where a figure OCR boxed short ends.
DIGIT_WIDTH = DIGITAL.layout.digit_width
_SENTENCE_END = ".!?"
_CLAUSE_END = ",;:)"


@dataclass
class _Token:
    text: str  # as phrases are matched (core.lexicon.prose_token)
    word: Word | None = None  # None for punctuation
    stop: str = ""  # "clause" or "sentence" for punctuation tokens
    glued: bool = False  # one of the words OCR glued into one with a figure among them


@dataclass
class _Found:
    measure: str
    group: str
    value: int
    word: Word
    page: int


def _word_tokens(word: Word) -> list[_Token]:
    text = word.text
    out: list[_Token] = []
    while text[:1] in ("(", "[", "\"", "”", "“"):
        if text[0] in "([":
            out.append(_Token("(", stop="clause"))
        text = text[1:]
    tail: list[_Token] = []
    while text and text[-1] in _SENTENCE_END + _CLAUSE_END + "]\"”":
        if text[-1] in _SENTENCE_END:
            tail.insert(0, _Token(text[-1], stop="sentence"))
        elif text[-1] in _CLAUSE_END + "]":
            tail.insert(0, _Token(text[-1], stop="clause"))
        text = text[:-1]
    parts = fold(text).split()
    if len(parts) > 1 and any(c.isdigit() for c in text):
        # "kvinnor:oeht+9-män" ("27 kvinnor och 19 män" a narrow column's OCR glued): its
        # words, each a token; the figure glued among them is none (a digit may be lost).
        out += [_Token(p, word, glued=True) for p in parts]
    elif text:
        out.append(_Token(prose_token(text), word))
    return out + tail


def sentences(lines: list[Line]) -> list[list[tuple[_Token, int]]]:
    """The section's words as sentences of (token, page); a paragraph break, a page break, a
    heading line or a column gap ends one."""
    out: list[list[tuple[_Token, int]]] = [[]]
    prev: Line | None = None
    for line in lines:
        if _table_row(line):
            out.append([])  # a row of a table the table reader left: no sentence
            prev = None
            continue
        if prev is not None and _breaks(prev, line):
            out.append([])
        last = out[-1][-1][0] if out[-1] else None
        broken = last if last and last.word and last.word.text.endswith("-") else None
        for k, word in enumerate(line.words):
            if k and word.x0 - _end(line.words[k - 1], line.height) > TABLE_GAP * line.height:
                out.append([])  # a column gap: the next column's text, or a table's cell
            if k == 0 and broken is not None and word.text[:1].islower():
                # "del-" | "tagit": a word hyphenated at the line's end is one word.
                out[-1].pop()
                word = replace(word, text=broken.word.text.rstrip("-") + word.text)
            for tok in _word_tokens(word):
                if tok.stop == "sentence":
                    out.append([])
                else:
                    out[-1].append((tok, line.page))
        prev = line
    return [s for s in out if s]


def _end(word: Word, height: float) -> float:
    """Where a word's characters end: a figure a scan's OCR boxed short ("15" boxed as its
    "1", a column gap's width before "nya") ends where its digits would. A born-digital
    word (confidence 1) ends where it is boxed."""
    if not word.text.isdigit() or word.confidence >= 1:
        return word.x1
    return max(word.x1, word.x0 + DIGIT_WIDTH * len(word.text) * height)


def _table_row(line: Line) -> bool:
    """"Antal besök      120": a label and its figures a column gap apart, or a short label
    ending in figures without punctuation (a row of a table, not a line of a paragraph)."""
    if not line.cells or not line.label_words:
        return False
    gap = line.cells[0].x0 - line.label_words[-1].x1
    short = len(line.label_words) <= HEADING_WORDS and not any(
        ch in w.text for w in line.words for ch in _SENTENCE_END + ",;")
    return gap > TABLE_GAP * line.height or short


def _breaks(prev: Line, line: Line) -> bool:
    if prev.page != line.page or line.top - prev.bottom > PARAGRAPH_GAP * prev.height:
        return True
    last = prev.words[-1].text
    first = line.words[0].text
    return (len(prev.words) <= HEADING_WORDS and last[-1:] not in _CLAUSE_END
            and first[:1].isupper())


class _Sentence:
    def __init__(self, toks: list[tuple[_Token, int]], words: ProseCountWords, title: str = ""):
        self.title = frozenset(fold(title).split())  # "deltog i Kompass": the insats's name
        self.toks = [t for t, _ in toks]
        self.pages = [p for _, p in toks]
        self.w = words
        self.text = [t.text for t in self.toks]
        # "fått arbete", "började studera" are exits only in a sentence that names an exit
        # ("Av dem som avslutades har sju fått arbete"), not while the people are still in.
        exit_named = any((p := self.at(i, words.measures)) and words.measures[p] == "avslutade"
                         for i in range(len(self.toks)))
        self.outcomes = {**words.outcomes, **(words.exit_outcomes if exit_named else {})}

    def at(self, i: int, phrases) -> Phrase | None:
        """The longest phrase of ``phrases`` starting at token ``i`` (within its clause)."""
        for n in range(self.w.longest, 0, -1):
            cand = tuple(self.text[i:i + n])
            if len(cand) == n and cand in phrases and not any(t.stop for t in self.toks[i:i + n]):
                return cand
        return None

    def ends_with(self, i: int, phrases) -> bool:
        """A phrase of ``phrases`` ends right before token ``i``."""
        return any(tuple(self.text[i - n:i]) in phrases and
                   not any(t.stop for t in self.toks[i - n:i])
                   for n in range(1, min(i, self.w.longest) + 1))

    def number(self, i: int) -> int | None:
        tok = self.toks[i]
        if tok.word is None:
            return None
        raw = tok.word.text.strip("()[].,;:!?\"”“")
        if raw.isascii() and raw.isdigit():
            n = int(raw)
            return None if len(raw) > 4 or n > MAX_PROSE_COUNT or 1900 <= n <= 2099 else n
        return self.w.number_words.get(fold(raw)) if raw else None

    def skipped(self, fiscal_year: int | None) -> bool:
        """A sentence of goals, plans, averages, a part of the year or another year (the
        year's end, "31 december", is no part)."""
        year_end = {k for i in range(len(self.toks)) if (p := self.at(i, self.w.year_end))
                    for k in range(i, i + len(p))}
        for i, tok in enumerate(self.toks):
            if i not in year_end and self.at(i, self.w.skip_sentence):
                return True
            raw = tok.word.text.strip("().,;:") if tok.word else ""
            if len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2099 and int(raw) != fiscal_year:
                return True
        return False


def _window(s: _Sentence, i: int, step: int) -> list[int]:
    """Token indices from ``i`` outwards (step +1 or -1) up to a clause end or a number."""
    out = []
    j = i + step
    while 0 <= j < len(s.toks) and not s.toks[j].stop and s.number(j) is None:
        out.append(j)
        j += step
    return out


def _first_phrase(s: _Sentence, idx: list[int],
                  table: dict[Phrase, str]) -> tuple[int, str, int] | None:
    """(where, measure, end) of the first phrase of ``table`` at the indices ``idx``."""
    for j in idx:
        hit = s.at(j, table)
        if hit and not _timed(s, j):
            return j, table[hit], j + len(hit)
    return None


def _timed(s: _Sentence, j: int) -> bool:
    """The phrase at ``j`` is a time ("vid avslut", "efter avslut"), not a measure."""
    return j > 0 and s.text[j - 1] in s.w.when_words


def _a_part(s: _Sentence, after: list[int]) -> bool:
    """"40 avslutades genom att ...", "8 deltog i arbetsträning": a reason or an activity
    the lexicon does not know follows the phrase, and no word of the insats."""
    for k in after:
        if s.at(k, s.w.reasons):
            return not any(s.text[m] in s.w.insats_words or s.text[m] in s.title
                           for m in after if m > k)
    return False


def _measure(s: _Sentence, i: int, right: list[int], left: list[int]) -> str | None:
    """The measure of the count at ``i`` from the phrases of its clause."""
    w = s.w
    both = {**w.measures, **s.outcomes}
    hit = _first_phrase(s, right, both)
    if hit:
        j, measure, end = hit
        # "7 avslutades till arbete": an exit with its outcome later in the clause.
        later = _first_phrase(s, [k for k in right if k > j], s.outcomes)
        if measure == "avslutade" and later:
            return later[1]
        if measure in s.outcomes.values():
            return measure
        if s.text[end - 1] in w.adjectives or s.at(end - 1, w.person_nouns):
            if not _tail_ok(s, end, right):
                return None  # "12 nya ärenden", "14 nya deltagare från Borgholm"
        return None if _a_part(s, [k for k in right if k >= end]) else measure
    noun = s.at(right[0], w.person_nouns) if right else None
    if right and not noun:
        return None
    after = right[0] + len(noun) if noun else i + 1
    if not _tail_ok(s, after, right) or _a_part(s, right):
        return None  # "Under året avslutades 20 deltagare från Borgholm"
    # "Antalet nya deltagare var 15", "Under året avslutades 20 deltagare": the nearest
    # phrase before the count.
    # "Antalet pågående deltagare vid årets slut var 14": the year's end may stand between.
    year_end = {k for j in left if (p := s.at(j, w.year_end)) for k in range(j, j + len(p))}
    for j in reversed(left):
        p = None if _timed(s, j) else s.at(j, both)
        if p and all(s.text[k] in w.left_links or k in year_end for k in left if k >= j + len(p)):
            # "Antalet nya deltagare under året var 15": a phrase starting earlier that holds
            # this one's start ("deltagare under året") is the count's; so is one right before
            # a phrase of the deltagare ("avslutade | deltagare under året").
            noun = s.at(j, w.participant_nouns) is not None
            cover = [q for k in left if k < j and (q := s.at(k, both))
                     and (k + len(q) > j or noun and k + len(q) == j)]
            return both[cover[0] if cover else p]
    cue = next((j for j in left if s.at(j, w.total_cues)), None)
    participants = bool(right) and s.at(right[0], w.participant_nouns) is not None
    if participants and cue is not None and all(s.text[k] in w.left_links for k in left if k < cue):
        return "deltagare"  # "Totalt 31 deltagare"
    if participants and _split_after(s, after) and all(s.text[k] in w.left_links for k in left) \
            and _named_later(s, after) in (None, "deltagare"):
        return "deltagare"  # "Insatsen hade 23 deltagare, varav 9 kvinnor"
    return None


def _named_later(s: _Sentence, k: int) -> str | None:
    """The measure of a phrase from token ``k`` on that is no part's own ("varav 12 nya"):
    the count's verb after its split ("23 deltagare, varav 9 kvinnor, avslutade insatsen")."""
    both = {**s.w.measures, **s.outcomes}
    numbers = [j for j in range(k, len(s.toks)) if s.number(j) is not None]
    owned = {m for j in numbers for m in _window(s, j, 1)}
    return next((both[p] for j in range(k, len(s.toks))
                 if j not in owned and j not in numbers and (p := s.at(j, both))), None)


def _split_after(s: _Sentence, k: int) -> bool:
    """A split of the count opens at token ``k`` (or after the comma or bracket there):
    "varav", "därav", or a group's count ("23 deltagare (9 kvinnor och 14 män)")."""
    if k < len(s.toks) and s.toks[k].stop == "clause" and s.toks[k].text in (",", "("):
        k += 1
    if k < len(s.toks) and s.text[k] in s.w.split_words:
        return True
    return k + 1 < len(s.toks) and s.number(k) is not None and s.at(k + 1, s.w.groups) is not None


def _tail_ok(s: _Sentence, k: int, right: list[int]) -> bool:
    """The word after a count's adjective or noun ("12 nya deltagare", "Totalt 14 deltagare")
    is none, a person noun, a verb or link word, or another phrase of the lexicon; not a thing
    or a qualifier ("12 nya ärenden", "14 deltagare från Borgholm")."""
    w = s.w
    if k not in right:
        return True
    return bool(s.at(k, w.person_nouns) or s.at(k, w.followers) or s.text[k] in w.left_links
                or s.text[k] in w.tail_links or s.at(k, w.measures) or s.at(k, s.outcomes)
                or s.at(k, w.year_end) or s.at(k, w.reasons))


def _year_end(s: _Sentence, idx: list[int]) -> bool:
    return any(s.at(j, s.w.year_end) for j in idx)


def _read_sentence(s: _Sentence, used: set[tuple[int, float, float]]) -> list[_Found]:
    found: list[_Found] = []
    total: dict[str, _Found] = {}
    last_total: str | None = None
    for i in range(len(s.toks)):
        value = s.number(i)
        if value is None:
            continue
        word = s.toks[i].word
        assert word is not None
        if (s.pages[i], word.x0, word.top) in used:
            last_total = None  # a table's figure: what follows is not about ours
            continue
        hit = _count_at(s, i, value)
        if hit is None:
            continue
        measure, group = hit
        if group != "total":
            measure = measure or last_total
            if measure is None:
                continue
        elif measure is None:
            continue
        found.append(_Found(measure, group, value, word, s.pages[i]))
        if group == "total":
            total.setdefault(measure, found[-1])
            last_total = measure
    return _consistent(found, total)


def _denominator(s: _Sentence, i: int) -> bool:
    """"7 av de 20": the whole of a share, not a count of its own."""
    j = i - 1
    while j >= 0 and s.text[j] in s.w.share_fillers:
        j -= 1
    return j >= 1 and s.text[j] in s.w.of_words and s.number(j - 1) is not None


def _count_at(s: _Sentence, i: int, value: int) -> tuple[str | None, str] | None:
    """(measure or None, group) of the number at ``i``, or None when it is no count."""
    w = s.w
    if s.ends_with(i, w.not_before) or _denominator(s, i):
        return None
    if (i > 0 and s.number(i - 1) is not None) or (i + 1 < len(s.toks) and s.number(i + 1) is not None):
        return None  # "1 200", "42 21 kvinnor": a figure of a table or an amount
    right, left = _window(s, i, 1), _window(s, i, -1)[::-1]
    first = right[0] if right else None
    group_hit = s.at(first, w.groups) if first is not None else None
    if fold(s.toks[i].word.text) in w.article_numbers and not (
            group_hit or (first is not None and s.at(first, w.person_nouns))):
        return None  # "en", "inga" as articles
    if first is not None and not (
            group_hit or s.at(first, w.person_nouns) or s.at(first, w.followers)
            or s.at(first, w.measures) or s.at(first, s.outcomes) or s.at(first, w.year_end)):
        return None  # "40 procent", "3 mål", "12 kronor", "18 år", "15 mars"
    if group_hit:
        after = [j for j in right if j >= first + len(group_hit)]
        own = _first_phrase(s, after, {**w.measures, **s.outcomes})
        if own and own[1] not in s.outcomes.values() and _a_part(s, [k for k in after if k >= own[2]]):
            return None
        return (own[1] if own else None), w.groups[group_hit]
    measure = _measure(s, i, right, left)
    if measure == "deltagare" and _year_end(s, left + right):
        measure = "pagaende"  # "Vid årets slut var 18 deltagare inskrivna"
    return measure, "total"


def _consistent(found: list[_Found], total: dict[str, _Found]) -> list[_Found]:
    """Drop what the sentence contradicts: groups of a measure that add up to more than its
    total; a measure and group given two values."""
    out = []
    for f in found:
        if f.group != "total" and f.measure in total:
            groups = sum(g.value for g in found if g.measure == f.measure and g.group != "total")
            if groups > total[f.measure].value:
                continue
        if any(g.measure == f.measure and g.group == f.group and g.value != f.value for g in found):
            continue
        if any(g.measure == f.measure and g.group == f.group for g in out):
            continue
        out.append(f)
    return out


def prose_counts(lines: list[Line], lexicon: Lexicon, fiscal_year: int | None, insats: str,
                 source: str, table_counts: list[Count], heading: str = "") -> list[Count]:
    """Counts written in the sentences of ``lines`` whose measure and group no table count
    of the section has, each word read once. The words of ``insats`` and ``heading`` name
    the insats ("deltog i Kompass")."""
    words = lexicon.prose_count_words
    have = {(c.measure, c.group) for c in table_counts}
    used = {(c.page, c.bbox[0], c.bbox[1]) for c in table_counts}
    found: list[_Found] = []
    for toks in sentences(lines):
        s = _Sentence(toks, words, f"{insats} {heading}")
        if not s.skipped(fiscal_year):
            found += _read_sentence(s, used)
    values: dict[tuple[str, str], set[int]] = {}
    for f in found:
        values.setdefault((f.measure, f.group), set()).add(f.value)
    out: list[Count] = []
    for f in found:
        key = (f.measure, f.group)
        # A table's count wins; two different figures for one measure say neither is sure.
        if key in have or len(values[key]) > 1:
            continue
        have.add(key)
        conf = f.word.confidence * PROSE_CONFIDENCE
        out.append(Count(
            insats=insats, measure=f.measure, group=f.group, period_year=fiscal_year,
            value=f.value, source_table=source, page=f.page,
            bbox=(f.word.x0, f.word.top, f.word.x1, f.word.bottom), raw=f.word.text,
            confidence=conf, key_match=PROSE_KEY_MATCH))
    return out
