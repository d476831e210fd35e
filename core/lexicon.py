"""Lookup of labels, headings and titles in the domain lexicon (``lexicon.toml``).

Matching is done on a folded form (lower case, no diacritics, no punctuation, digits or sign
legends), first exactly and then with rapidfuzz, so "Ökning(-)/minskning(+) kortfristiga
fordringar" and "Okning/minskning kortfristiga fordringar" land on the same key.

A user's lexicon files (``--lexicon FILE``, or ``FINSAM_LEXICON`` with paths joined by ":")
are merged over the built-in one: tables merge recursively, lists extend, and a register
entry with the same name or organisationsnummer as another merges with it.
"""

from __future__ import annotations

import itertools
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from core.settings import DIGITAL

if TYPE_CHECKING:
    from core.register import NameWords, Register

LEXICON_PATH = Path(__file__).with_name("lexicon.toml")
# Paths of user lexicon files, joined by ":"; worker processes inherit it from the CLI.
LEXICON_ENV = "FINSAM_LEXICON"
# A fuzzy match must score at least this (rapidfuzz ratio, 0-100) to count.
FUZZY_THRESHOLD = DIGITAL.matching.fuzzy_score
# A scanned note title read through OCR damage (Lexicon.note_match_ocr).
NOTE_OCR_SCORE = DIGITAL.matching.note_ocr_score
NOTE_OCR_MARGIN = DIGITAL.matching.note_ocr_margin
NOTE_OCR_MIN_CHARS = DIGITAL.matching.note_ocr_min_chars
# ... and its score as stored, below a sure match's: its figures are doubtful.
NOTE_OCR_SCORE_CAP = DIGITAL.matching.note_ocr_score_cap
# A block heading this long (folded characters) also opens a line that goes on after it.
PREFIX_MIN_CHARS = DIGITAL.matching.prefix_min_chars
# A bilaga's insats name ("KOMPAS", "Krus (Kalmar kommun)") is the summary table's name
# ("Kompass", "KRUS") when this similar (rapidfuzz ratio, 0-100, on folded words).
INSATS_NAME_SIMILARITY = DIGITAL.matching.insats_name_score
# ... or begins with a title's last word of this many letters or more, cut short ("VÄGV"),
# found at this score (below tables.sure_fuzzy_score: its counts are doubtful).
CUT_NAME_MIN_CHARS = DIGITAL.matching.cut_name_min_chars
CUT_NAME_SCORE = DIGITAL.matching.cut_name_score
# Trailing words this short that no variant holds are scan noise after a label ("… nee").
NOISE_WORD_MAX = DIGITAL.matching.noise_word_max
GARBLED_KNOWN_SHARE = DIGITAL.sections.garbled_known_share
GARBLED_CANDIDATES = DIGITAL.sections.garbled_heading_candidates

_LEGEND_RE = re.compile(r"\(\s*[-+−–]\s*\)")
_NON_LETTER_RE = re.compile(r"[^a-z]+")
# The number of a numbered heading ("Bilaga 3"): digits, a roman numeral or a letter ("Bilaga
# II", "Bilaga A"), or a 1 a scan read as "l", "I" or "|".
BILAGA_NUMBER = r"(?:\d{1,2}|[IVX]{1,4}|[^\W\d_]|\|)"


def fold(text: str) -> str:
    """Lower-case, diacritics removed, only letters and single spaces."""
    text = _LEGEND_RE.sub(" ", text.lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_LETTER_RE.sub(" ", text).strip()


def fold_per(text: str) -> str:
    """``fold`` with a slash between words read as "per" ("Kostnad/deltagare")."""
    return fold(text.replace("/", " per "))


def slug(text: str) -> str:
    """A key made from a label that the lexicon does not know."""
    return fold(text).replace(" ", "_")[:80] or "okand"


def measure_key(text: str) -> str:
    """A key made from a count's label, digits kept ("upp till 1 år" → "upp_till_1_ar",
    "<1 år" → "under_1_ar"): form rows differ only by their numbers."""
    text = text.lower().replace("<", " under ").replace(">", " over ")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")[:80] or "okand"


# Words that join the parts of a label and carry no meaning of their own for matching:
# "Ökning/minskning", "Ökning och minskning" and "Ökning minskning" are one label.
_JOINERS = frozenset({"och"})
# A suspended compound: "Av- och nedskrivningar", "Drift-/investeringsredovisning".
_SUSPENDED_RE = re.compile(r"(\w+)-\s*(?:/|och\b|eller\b|samt\b|&|,)\s*(\w+)")
# A loose match must also agree word by word: each word this similar (rapidfuzz ratio) when
# the word counts agree, or the whole text this similar with the spaces left out when they do
# not ("Verksamhetens nettokostnader" is no misspelt "Verksamhetens kostnader").
WORD_FLOOR = 80.0
JOINED_THRESHOLD = 95.0
# Fuzzy candidates looked at before the word-by-word test.
FUZZY_CANDIDATES = 5
# A participant heading holding a known phrase with words after it ("Deltagare i kö") scores
# this: the phrase is likely its meaning, not sure.
CONTAINED_SCORE = 95.0
# A participant column heading that is a known one only with OCR's look-alike glyphs made one.
LOOKALIKE_SCORE = 90.0
# A word this short before a known phrase, no heading word, is what OCR left of a word.
FRAGMENT_MAX_LETTERS = 3
# ... and the phrase after it is then only likely: doubtful (under tables.sure_fuzzy_score).
FRAGMENT_SCORE = 90.0
# A compound part expanded from a suspended compound is at least this long.
MIN_COMPOUND_TAIL = 4
# A word cut short with a full stop ("kostn.", "Övr.", "förutbet."): letters, then a stop
# that no letter or digit follows ("Org.nr", "S:a" and "1.5" are none).
_TRUNCATED_RE = re.compile(r"(?<![\w.:])([^\W\d_]{2,})\.(?![\w])")


def _accent_slips(stem: str, printed: str) -> list[str]:
    """The folded ``stem``, then with each letter OCR printed with a foreign accent read as
    ö, ä or å ("bérj." of a scan's "börj.": "berj", "borj", "barj")."""
    out = [stem]
    if len(stem) != len(printed):
        return out
    for i, ch in enumerate(printed):
        if not ch.isascii() and ch.lower() not in "åäö":
            out += [w[:i] + r + w[i + 1:] for w in out for r in "oa"]
    return out
# Expansions of a label's truncated words tried at most (the product of each word's options).
MAX_EXPANSIONS = 64
# An explanation in parentheses, or one whose closing parenthesis OCR lost at the label's
# end ("Årets resultat (överskott +/underskott": its "-)" a ruling line's).
_PARENTHESIS_RE = re.compile(r"\([^()]*(?:\)|$)")


@dataclass(frozen=True)
class Normaliser:
    """How a label is brought to its match form: abbreviations written out ("kortfr." →
    "kortfristiga"), unit words at the end dropped ("Intäkter, tkr"), joiners dropped."""

    abbreviations: tuple[tuple[str, str], ...] = ()
    unit_phrases: tuple[str, ...] = ()

    @classmethod
    def from_raw(cls, raw: dict) -> Normaliser:
        abbr = tuple((fold(k), fold(v)) for k, v in raw.get("abbreviations", {}).items())
        units = {fold(v) for vs in raw.get("units", {}).values() if isinstance(vs, list)
                 for v in vs}
        return cls(abbr, tuple(sorted((u for u in units if u), key=len, reverse=True)))


PLAIN = Normaliser()


def _expand_suspended(text: str, words: frozenset[str]) -> str:
    """"av- och nedskrivningar" → "avskrivningar och nedskrivningar" when "avskrivningar" is a
    word of the table: the head takes the longest tail of the next word that makes one."""
    def repl(m: re.Match) -> str:
        head, word = m.group(1), m.group(2)
        for i in range(1, len(word) - MIN_COMPOUND_TAIL + 1):
            if fold(head + word[i:]) in words:
                return f"{head}{word[i:]} och {word}"
        return m.group(0)
    return _SUSPENDED_RE.sub(repl, text)


def match_form(text: str, words: frozenset[str] = frozenset(), norm: Normaliser = PLAIN) -> str:
    """The form labels are compared in: folded, suspended compounds expanded, abbreviations
    written out, joiners and trailing unit words dropped."""
    folded = fold(_expand_suspended(text.lower(), words) if "-" in text else text)
    abbr = dict(norm.abbreviations)
    for key, full in abbr.items():
        if " " in key and f" {key} " in f" {folded} ":
            folded = f" {folded} ".replace(f" {key} ", f" {full} ").strip()
    tokens = folded.split()
    tokens = [t for tok in tokens for t in abbr.get(tok, tok).split()]
    tokens = [t for t in tokens if t not in _JOINERS] or tokens
    form = " ".join(tokens)
    for unit in norm.unit_phrases:
        if form.endswith(" " + unit):
            return form[: -len(unit) - 1]
    return form


# Words this long may be read loosely on an OCR'd line (shorter ones are other words).
LOOSE_WORD_MIN_CHARS = 4


def _tail_is(words: list[str], tail: list[str], loose: bool) -> bool:
    """The last words are ``tail``: as printed, or (``loose``) longer ones a letter or two off."""
    if len(tail) > len(words):
        return False
    return all(a == b or (loose and len(b) >= LOOSE_WORD_MIN_CHARS and fuzz.ratio(a, b) >= WORD_FLOOR)
               for a, b in zip(words[-len(tail):], tail, strict=True))


def _words_agree(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")) >= JOINED_THRESHOLD
    return all(fuzz.ratio(x, y) >= WORD_FLOOR for x, y in zip(wa, wb, strict=True))


ONE_WORD_OFF_SCORE = DIGITAL.matching.one_word_off_score


def _one_short_word_off(a: str, b: str) -> bool:
    """Long labels alike in every word but one short word, which OCR read as another."""
    wa, wb = a.split(), b.split()
    cfg = DIGITAL.matching
    if len(wa) != len(wb) or len(wa) < cfg.one_word_off_min_words:
        return False
    off = [(x, y) for x, y in zip(wa, wb, strict=True) if fuzz.ratio(x, y) < WORD_FLOOR]
    return len(off) == 1 and all(len(w) <= cfg.one_word_off_max_chars for w in off[0])


@dataclass(frozen=True)
class Match:
    key: str
    score: float  # 100 for an exact match of the match forms
    how: str  # exact | fuzzy

    @property
    def key_match(self) -> str:
        """As stored: ``exact`` or ``fuzzy:<score>``."""
        return "exact" if self.how == "exact" else f"fuzzy:{self.score:.0f}"


def key_match(score: float | None) -> str:
    """How a key was found, as stored and exported: ``exact``, ``fuzzy:<score>``, ``unkeyed``
    (and ``prose`` for a count read from a sentence)."""
    if score is None:
        return "unkeyed"
    return "exact" if score >= 100 else f"fuzzy:{score:.0f}"


def weakest(*matches: str) -> str:
    """The least sure of several ``key_match`` values (a count keyed by row and column)."""
    def rank(m: str) -> float:
        # "prose": keyed by a sentence's words (parsers/prose_counts.py), below any table match;
        # "arithmetic": keyed by the table's sums, a little below an exact label.
        # "computed": a figure no row printed (a total summed from a table's rows), no surer.
        return 100.0 if m == "exact" else -1.0 if m == "unkeyed" else 0.0 if m in ("prose", "computed") \
            else 95.0 if m == "arithmetic" else float(m.partition(":")[2])
    return min(matches, key=rank) if matches else "unkeyed"


@dataclass(frozen=True)
class CountWords:
    """Words around participant counts (``[participants]``)."""
    label_units: frozenset[str]  # "mer än 7 år": the number is part of the label
    count_units: frozenset[str]  # "15 st", "7 personer"
    number_words: dict[str, int]  # "tre kvinnor"
    percent_words: frozenset[str]  # "79 %", "40 procent"
    of_words: frozenset[str]  # "(75 av 95)"
    slug_max_edits: int  # OCR-damaged form rows matched to the document's other keys
    subset_words: frozenset[str] = frozenset()  # "varav kvinnor": of the row above
    share_heading_words: frozenset[str] = frozenset()  # "Andel kvinnor", "Kvinnor %": no counts
    since_start: frozenset[str] = frozenset()  # folded: "sedan", "ackumulerat": no year's count
    plan_columns: dict[str, str] = field(default_factory=dict)  # budget_deltagare -> "budget"
    member_cues: frozenset[str] = frozenset()  # folded: "kommunerna" before the member kommuner
    place_others: frozenset[str] = frozenset()  # folded: "Övriga", "Okänd kommun" among kommuner
    money_words: frozenset[str] = frozenset()  # folded: "kostnad" in a heading: money
    change_words: frozenset[str] = frozenset()  # "Förändring", "+/-": no year's count
    people_stems: tuple[str, ...] = ()  # folded: "deltag", "delt": a heading names people
    lost_heading_measures: tuple[str, ...] = ()  # a lost heading's column may be one of these
    zero_glyphs: frozenset[str] = frozenset()  # "O", "o", "—": a scan's zero before a group
    not_insats_words: frozenset[str] = frozenset()  # folded: a caption's, a running head's words

    def names_people(self, folded_word: str) -> bool:
        """A folded word that names people ("deltagarstatistik", "delt", "man")."""
        return any(folded_word == s if len(s) <= 3 else folded_word.startswith(s)
                   for s in self.people_stems)


Phrase = tuple[str, ...]  # folded words


@dataclass(frozen=True)
class ProseCountWords:
    """Words of counts written in sentences (``[participants.prose]``), as folded phrases."""
    person_nouns: frozenset[Phrase]  # "42 personer"
    total_cues: frozenset[Phrase]  # "Totalt 31 deltagare"
    participant_nouns: frozenset[Phrase]  # the nouns a total cue counts ("deltagare")
    groups: dict[Phrase, str]  # "18 kvinnor" -> kvinnor
    followers: frozenset[Phrase]  # "7 gick till arbete", "20 som avslutades"
    left_links: frozenset[str]  # "Antalet nya deltagare var 15"
    adjectives: frozenset[str]  # "12 nya": the word after must be no thing ("12 nya ärenden")
    tail_links: frozenset[str]  # "12 nya deltagare och ...": words allowed after one
    reasons: frozenset[Phrase]  # "40 avslutades genom att ...": a part, no count
    insats_words: frozenset[str]  # "deltagit i insatsen": the whole
    article_numbers: frozenset[str]  # "en", "inga": counts only before a person noun
    not_before: frozenset[Phrase]  # "cirka 40", "sidan 4", "7 av 12"
    skip_sentence: frozenset[Phrase]  # goals, plans, other years
    year_end: frozenset[Phrase]  # "vid årets slut", "31/12": deltagare -> pagaende
    measures: dict[Phrase, str]  # "deltagit" -> deltagare, "som avslutades" ...
    outcomes: dict[Phrase, str]  # "till arbete" -> till_arbete
    exit_outcomes: dict[Phrase, str]  # "fått arbete": an outcome in a sentence naming an exit
    number_words: dict[str, int]  # "sju" -> 7
    of_words: frozenset[str]  # "7 av 20"
    share_fillers: frozenset[str]  # "7 av de 20"
    split_words: frozenset[str] = frozenset()  # "23 deltagare, varav 9 kvinnor"
    when_words: frozenset[str] = frozenset()  # "vid avslut": a time, no measure

    @cached_property
    def longest(self) -> int:
        """Words in the longest phrase (how far a lookup looks ahead)."""
        every = (*self.measures, *self.outcomes, *self.exit_outcomes, *self.year_end, *self.reasons,
                 *self.skip_sentence, *self.not_before, *self.followers)
        return max((len(p) for p in every), default=1)


def prose_token(text: str) -> str:
    """A word as prose phrases are matched: folded, or as printed when folding leaves
    nothing ("31/12", "%")."""
    return fold(text) or text.strip("().,;:")


def _phrase(text: str) -> Phrase:
    return tuple(prose_token(w) for w in text.split())


@dataclass(frozen=True)
class InsatsTitles:
    """Short titles naming an insats (``[insats_titles]``)."""
    document_words: frozenset[str]  # "Årsredovisning <insats>": a name the summary lists
    # (folded title words, section kind, only a summary table's name), longest first
    tables: tuple[tuple[str, str, bool], ...]
    generic: frozenset[str]  # "Statistik för året": no insats name


@dataclass(frozen=True)
class GoalWords:
    """Words of goal tables (``[goals]``) beyond the column, level and status tables."""
    bullets: frozenset[str]
    status_frame: frozenset[str]  # folded
    column_fallbacks: dict[str, frozenset[str]]  # kind -> folded headings
    title_columns: tuple[str, ...]  # folded, longest first
    status_similarity: float
    status_fuzzy_min_chars: int
    legend_leads: frozenset[str] = frozenset()  # folded: "Förklaring", "Teckenförklaring"
    legend_separators: frozenset[str] = frozenset()  # "=", ":" between a symbol and its status
    legend_symbol_words: frozenset[str] = frozenset()  # folded: colours a legend explains
    short_words: frozenset[str] = frozenset()  # folded: words of one or two letters goals print


@dataclass
class Table:
    """One lexicon table: canonical key → printed variants, indexed by folded form."""

    exact: dict[str, str] = field(default_factory=dict)
    _forms: dict[Normaliser, dict[str, str]] = field(default_factory=dict, repr=False)
    # The variants as written (a suspended compound's hyphen is gone once folded).
    printed: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def from_mapping(cls, mapping: dict[str, list[str]]) -> Table:
        table = cls()
        for key, variants in mapping.items():
            for variant in variants:
                table.exact.setdefault(fold(variant), key)
                table.printed.setdefault(variant, key)
        return table

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(w for v in self.exact for w in v.split() if len(w) >= MIN_COMPOUND_TAIL)

    @cached_property
    def all_words(self) -> frozenset[str]:
        """Every word of the variants, short ones too ("nya", "kv")."""
        return frozenset(w for v in self.exact for w in v.split())

    def forms(self, norm: Normaliser = PLAIN) -> dict[str, str]:
        """Match form → key, built once per normaliser (first variant wins, as in ``exact``)."""
        if norm not in self._forms:
            index: dict[str, str] = {}
            for variant, key in self.exact.items():
                index.setdefault(match_form(variant, self.words, norm), key)
            # "Redovisnings- och värderingsprinciper" as written: its compound written out, as
            # a label printed so is.
            for variant, key in self.printed.items():
                if "-" in variant:
                    index.setdefault(match_form(variant, self.words, norm), key)
            self._forms[norm] = index
        return self._forms[norm]

    def lookup(self, text: str, norm: Normaliser = PLAIN,
               threshold: float = FUZZY_THRESHOLD) -> Match | None:
        """Exact on the folded text or its match form, else the most similar variant that
        also agrees word by word."""
        folded = fold(text)
        if not folded:
            return None
        if folded in self.exact:
            return Match(self.exact[folded], 100.0, "exact")
        forms = self.forms(norm)
        form = match_form(text, self.words, norm)
        if form in forms:
            return Match(forms[form], 100.0, "exact")
        hit = self._truncated(text, form, norm) or self._without_parenthesis(text, norm, threshold)
        if hit:
            return hit
        found = process.extract(form, list(forms), scorer=fuzz.ratio, limit=FUZZY_CANDIDATES,
                                score_cutoff=threshold)
        for variant, score, _ in found:
            if _words_agree(form, variant):
                return Match(forms[variant], float(score), "fuzzy")
        for variant, score, _ in found:
            if _one_short_word_off(form, variant):
                return Match(forms[variant], min(float(score), ONE_WORD_OFF_SCORE), "fuzzy")
        return self._without_trailing_noise(text, norm, threshold)

    def _truncated(self, text: str, form: str, norm: Normaliser) -> Match | None:
        """A label whose words are cut short with a full stop ("Övr. kortfr. skulder",
        "Förutbet. intäkter"): each cut word written out as a word of this table that begins
        so (the lexicon's declared abbreviations are written out already), the first
        combination that is a variant's match form. Loose, as the writing out is a guess."""
        declared = {k for k, _ in norm.abbreviations}
        cut = [(f, m.group(1)) for m in _TRUNCATED_RE.finditer(text)
               if (f := fold(m.group(1))) and f not in declared]
        stems = [f for f, _ in cut]
        if not stems:
            return None
        options = [[s] * (s in self.words) + sorted(w for w in self.words
                                                    if any(w.startswith(r) and w != s
                                                           for r in _accent_slips(s, printed)))
                   for s, printed in cut]
        if not all(options):
            return None
        forms = self.forms(norm)
        for combo in itertools.islice(itertools.product(*options), MAX_EXPANSIONS):
            tokens = form.split()
            for stem, full in zip(stems, combo, strict=True):
                if stem not in tokens:
                    return None
                tokens[tokens.index(stem)] = full
            written = " ".join(tokens)
            if written in forms:
                return Match(forms[written], max(float(fuzz.ratio(form, written)),
                                                 FUZZY_THRESHOLD), "fuzzy")
        return None

    def _without_parenthesis(self, text: str, norm: Normaliser,
                             threshold: float) -> Match | None:
        """A label with a parenthesised explanation ("Årets resultat (överskott +/underskott
        -)", "Kassa och bank (not 4)"): the label without it, loosely (the explanation is
        read past, not understood)."""
        bare = _PARENTHESIS_RE.sub(" ", text)
        if bare == text or not fold(bare):
            return None
        hit = self.lookup(bare, norm, threshold)
        return Match(hit.key, min(hit.score, 99.0), "fuzzy") if hit else None

    def _without_trailing_noise(self, text: str, norm: Normaliser,
                                threshold: float) -> Match | None:
        """A scan's ruling lines and specks read as short words after a label ("Verksamhetens
        intäkter nee", "Kortfr. fordr. ge"): the label as written (its cut words' full stops
        kept, so they are written out) without trailing short words that no variant holds,
        loosely (a dropped word is never an exact match)."""
        words = text.split()
        while words and len(fold(words[-1])) <= NOISE_WORD_MAX and fold(words[-1]) not in self.all_words:
            words.pop()
        if not words or len(words) == len(text.split()):
            return None
        return self._rest_match(text, " ".join(words), norm, threshold)

    def _rest_match(self, text: str, rest: str, norm: Normaliser,
                    threshold: float) -> Match | None:
        """The key of a label's ``rest`` (words dropped from ``text``), loosely: no surer than
        the whole label's likeness to what is left."""
        hit = self.lookup(rest, norm, threshold)
        if hit is None:
            return None
        return Match(hit.key, min(hit.score, float(fuzz.ratio(fold(text), fold(rest)))), "fuzzy")

    def without_leading_speck(self, text: str, norm: Normaliser,
                              threshold: float = FUZZY_THRESHOLD) -> Match | None:
        """A scan's speck read as a short word of small letters before a label that begins
        with a capital ("et Likvida medel vid årets börj."): the label without it, loosely,
        only as near as a loose match (the whole label's likeness to what is left). A
        capitalised short word ("Ej", "Fg", "Övr") or one a word of the table begins with
        is the label's own."""
        words = text.split()
        if len(words) < 2 or not words[1][:1].isupper():
            return None
        first = words[0]
        folded = fold(first)
        if not first.islower() or len(folded) > NOISE_WORD_MAX \
                or any(w.startswith(folded) for w in self.all_words if folded):
            return None
        hit = self._rest_match(text, " ".join(words[1:]), norm, threshold)
        return hit if hit and hit.score >= threshold else None

    def match(self, text: str, threshold: float = FUZZY_THRESHOLD) -> tuple[str, float] | None:
        hit = self.lookup(text, threshold=threshold)
        return (hit.key, hit.score) if hit else None

    def match_strict(self, text: str, threshold: float = FUZZY_THRESHOLD
                     ) -> tuple[str, float] | None:
        """On the folded text alone, no match forms: for headings, where a dropped joiner
        would make a table's column heads ("Mål | Resultat") a heading ("Mål och resultat")."""
        folded = fold(text)
        if not folded:
            return None
        if folded in self.exact:
            return self.exact[folded], 100.0
        best = process.extractOne(folded, list(self.exact), scorer=fuzz.ratio,
                                  score_cutoff=threshold)
        return (self.exact[best[0]], float(best[1])) if best else None

    def contained(self, text: str) -> str | None:
        """Key of the longest variant that occurs in ``text`` as whole words."""
        padded = f" {fold(text)} "
        found = [v for v in self.exact if f" {v} " in padded]
        return self.exact[max(found, key=len)] if found else None


def is_cost(key: str, cost_words: tuple[str, ...]) -> bool:
    """Whether a line key is a cost line's: one of the cost words ([conventions]) in it."""
    return any(w in key for w in cost_words)


@dataclass
class Lexicon:
    raw: dict
    sections: Table
    statements: dict[str, Table]
    notes: Table
    columns: Table
    units: Table
    kinds: Table
    totals: set[str]

    @cached_property
    def normaliser(self) -> Normaliser:
        return Normaliser.from_raw(self.raw)

    def statement_match(self, statement: str, label: str) -> Match | None:
        """How a statement row's label maps to its line key (exact or fuzzy), or None. A note
        reference after the label ("Kassa och bank (not 4)", "Fordringar not 3, 4") says
        nothing about the line: the label is matched without it, as surely."""
        table = self.statements.get(statement)
        if table is None:
            return None
        bare = self.note_reference.sub("", label).strip() or label
        return table.lookup(bare, self.normaliser) or \
            table.without_leading_speck(bare, self.normaliser)

    @cached_property
    def note_reference(self) -> re.Pattern:
        """A note reference at the end of a row's label: "(not 4)", "Not 3", "(noter 2, 3)"
        (the note words of ``[columns] note`` and ``[layout] note_heading``)."""
        words = {*self.raw["columns"].get("note", []), *self.raw["layout"]["note_heading"]}
        alternatives = "|".join(r"\s+".join(map(re.escape, w.split()))
                                for w in sorted(words, key=len, reverse=True))
        number = r"\d{1,2}"
        return re.compile(rf"[\s,]*\(?\s*(?<!\w)(?:{alternatives})\.?\s*{number}"
                          rf"(?:\s*(?:,|-|–|&|och)\s*{number})*\s*\)?\s*$", re.IGNORECASE)

    def statement_likeness(self, statement: str, label: str, key: str | None = None) -> float:
        """How near (rapidfuzz ratio of match forms, 0-100) a label comes to the nearest
        variant of its statement's table (of one ``key`` of it); 0 for none."""
        table = self.statements.get(statement)
        if table is None:
            return 0.0
        forms = [f for f, k in table.forms(self.normaliser).items() if key is None or k == key]
        hit = process.extractOne(match_form(label, table.words, self.normaliser), forms,
                                 scorer=fuzz.ratio)
        return float(hit[1]) if hit else 0.0

    def statement_keys(self, statement: str) -> list[str]:
        """The line keys a statement's table knows, sorted."""
        table = self.statements.get(statement)
        return sorted(set(table.exact.values())) if table is not None else []

    def statement_key(self, statement: str, label: str) -> tuple[str, float]:
        """Canonical line key of a statement row, or a slug with confidence 0.5."""
        hit = self.statement_match(statement, label)
        return (hit.key, hit.score) if hit else (slug(label), 50.0)

    def note_match(self, title: str) -> Match | None:
        return self.notes.lookup(title, self.normaliser)

    def note_match_ocr(self, title: str) -> Match | None:
        """A scanned note's title that OCR damaged beyond the label match ("Forddngar",
        "Kostnadcr"): compared by OCR skeletons (core/ocrtext.py) with every note title the
        lexicon knows, the nearest when it is close enough and clearly nearer than any other
        note's. Loose: a note keyed so has its figures doubtful."""
        from core.ocrtext import ocr_skeleton
        found = self.note_match(title)
        skeleton = ocr_skeleton(title)
        if found is not None or len(skeleton) < NOTE_OCR_MIN_CHARS:
            return found
        scores: dict[str, float] = {}
        for variant, key in self.notes.exact.items():
            score = fuzz.ratio(skeleton, ocr_skeleton(variant))
            scores[key] = max(scores.get(key, 0.0), score)
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        if not ranked:  # a (user) lexicon without note titles: nothing to be near
            return None
        best, score = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        if score < NOTE_OCR_SCORE or score - second < NOTE_OCR_MARGIN:
            return None
        return Match(best, min(score, NOTE_OCR_SCORE_CAP), "fuzzy")

    def note_key(self, title: str) -> str:
        hit = self.note_match(title)
        return hit.key if hit else slug(title)

    def identities(self, statement: str) -> dict[str, list[str]]:
        """Line key → expressions its amount equals (``[identities.<statement>]``)."""
        raw = self.raw.get("identities", {}).get(statement, {})
        return {k: v if isinstance(v, list) else [v] for k, v in raw.items()}

    def note_supports(self, note_key: str) -> tuple[str, str] | None:
        target = self.raw.get("note_supports", {}).get(note_key)
        return (target[0], target[1]) if target else None

    def note_includes(self, note_key: str) -> list[tuple[str, str]]:
        return [tuple(x) for x in self.raw.get("note_includes", {}).get(note_key, [])]

    def cost_words(self) -> tuple[str, ...]:
        """Words that make a line key a cost line ([conventions], checks/conventions.py)."""
        return tuple(self.raw.get("conventions", {}).get("cost_words", []))

    def net_cost_labels(self) -> tuple[str, ...]:
        """Folded words of a label that prints a result as a net cost ("Verksamhetens
        nettokostnader"): the line follows its table's cost sign, whatever its key."""
        return tuple(fold(w) for w in self.raw.get("conventions", {}).get("net_cost_labels", []))

    @cached_property
    def subset_words(self) -> tuple[str, ...]:
        """Folded first words of a statement row that is a part of the row above it ("varav
        årets resultat"), longest first ([statement_subsets] words)."""
        words = {fold(w) for w in self.raw.get("statement_subsets", {}).get("words", [])}
        return tuple(sorted(words, key=len, reverse=True))

    def subset_whole(self, statement: str, key: str) -> str | None:
        """The key a row keyed ``key`` stands for when a "varav" row follows it: the whole,
        not the part before it ([statement_subsets.wholes])."""
        return self.raw.get("statement_subsets", {}).get("wholes", {}).get(statement, {}).get(key)

    def section_name(self, kind: str) -> str:
        """A section kind's first heading in the lexicon ("Balansräkning")."""
        return next((v for v, k in self.sections.printed.items() if k == kind), kind)

    def no_cost_statements(self) -> tuple[str, ...]:
        """Statements whose lines are never costs ([conventions] no_cost_statements)."""
        return tuple(self.raw.get("conventions", {}).get("no_cost_statements", []))

    def is_total_label(self, label: str) -> bool:
        folded = fold(label)
        return any(folded == t or folded.startswith(t + " ") for t in self.totals)

    @cached_property
    def vocabulary(self) -> dict[str, str]:
        """Every word of the lexicon (three letters or more), by folded form → as spelled."""
        words: dict[str, str] = {}
        for text in _strings(self.raw):
            for word in _WORD_RE.findall(text):
                if len(word) >= 3 and not word.isupper():
                    key = fold(word)
                    # Keep the spelling with diacritics when both occur.
                    if key not in words or (word.lower() != key and words[key].lower() == key):
                        words[key] = word.lower()
        for word in self.raw.get("vocabulary", {}).get("words", []):
            words[fold(word)] = word
        return words

    @cached_property
    def stamp_patterns(self) -> list[re.Pattern]:
        return [re.compile(p, re.IGNORECASE) for p in self.raw.get("signing", {}).get("stamps", [])]

    @cached_property
    def _participant_tables(self) -> tuple[Table, Table, dict[str, Table]]:
        part = self.raw["participants"]
        return (Table.from_mapping(part["columns"]), Table.from_mapping(part["blocks"]),
                {k: Table.from_mapping(v) for k, v in part["rows"].items()})

    @cached_property
    def _participant_totals(self) -> frozenset[str]:
        return frozenset(fold(w) for w in self.raw["participants"].get("total_labels", []))

    def is_participant_total(self, label: str) -> bool:
        """A participant table's total row: a [totals] word, or one of the participant total
        labels ("Samtliga insatser", "Hela förbundet"), as printed or abbreviated ("Tot.")."""
        folded = fold(label).strip()
        return self.is_total_label(label) or self.starts_like_total(label) or \
            folded in self._participant_totals

    def without_total_word(self, label: str) -> str:
        """A row label after the total word it opens with ("Totalt antal nya" → "antal
        nya", "Summa" → ""), folded; the label folded when it opens with none."""
        folded = fold(label).strip()
        words = sorted({*self.totals, *(fold(p) for p in self.raw["totals"]["prefixes"])},
                       key=len, reverse=True)
        for t in words:
            if folded == t or folded.startswith(t + " "):
                return folded[len(t):].strip()
        return folded

    def participant_column(self, heading: str) -> str | None:
        """Meaning of a participant column heading ("measure:nya", "group:kvinnor", ...)."""
        hit = self.participant_column_match(heading)
        return hit[0] if hit else None

    def participant_column_match(self, heading: str) -> tuple[str, float] | None:
        """(meaning, score) of a participant column heading. Headings often carry more words
        than the lexicon's phrase ("Insatsnamn Budget antal delt."): the longest phrase found
        inside the heading counts too (as printed: exact); abbreviations ("Antal nya delt.",
        "Kv") are expanded first when the heading as printed is not known."""
        table = self._participant_tables[0]
        expanded = self.expand_abbreviations(heading)
        hits = [table.match(heading), table.match(expanded)]
        if not any(h and h[1] >= 100 for h in hits) and (bare := self._without_count_lead(expanded)):
            hits.append(table.match(bare))
        exact = next((h for h in hits if h and h[1] >= 100), None)
        if exact or hits[0]:
            return exact or hits[0]
        # A heading OCR read with look-alike glyphs ("Avslutacle delt.") is that heading, before
        # a phrase found inside it ("delt.") is taken for its meaning.
        if lookalike := self._participant_column_lookalike(expanded):
            return lookalike
        padded = [f" {fold(heading)} ", f" {expanded} "]
        inside = [v for v in table.exact if any(f" {v} " in t for t in padded)]
        if inside:
            # Words before the phrase are a title or the label column's heading ("Statistik
            # KRUS Totalt"); words after it qualify it ("Deltagare i kö", "Avslutade i
            # förtid"): then the phrase is only likely, a fuzzy match.
            best = max(inside, key=len)
            ends = any(self._without_trailing_lead(t).endswith(f" {best} ") for t in padded)
            # "Nva delt.", "P delt.": a fragment no heading has right before the phrase is a
            # measure word OCR damaged ("Nya delt."): the phrase only likely, loose.
            fragment = any(self._fragment_before(t, best) for t in padded)
            if fragment:
                return table.exact[best], FRAGMENT_SCORE
            return table.exact[best], 100.0 if ends else CONTAINED_SCORE
        return self._participant_column_slip(expanded) or hits[1]

    @cached_property
    def _participant_column_words(self) -> frozenset[str]:
        """Every word of a participant column heading, a count lead word or an abbreviation."""
        lead = {fold(w) for w in self.raw["participants"].get("count_lead_words", [])}
        return frozenset({w for v in self._participant_tables[0].exact for w in v.split()}
                         | lead | set(self._abbreviations))

    def _fragment_before(self, padded: str, phrase: str) -> bool:
        """The word right before ``phrase`` in the heading is a fragment OCR left of a word:
        three letters at most, no word of any participant heading."""
        at = padded.find(f" {phrase} ")
        if at < 0:  # not in this reading of the heading
            return False
        before = padded[:at].split()
        word = before[-1] if before else ""
        return bool(word) and len(word) <= FRAGMENT_MAX_LETTERS and \
            word not in self._participant_column_words

    def _participant_column_lookalike(self, expanded: str) -> tuple[str, float] | None:
        """A heading OCR read with look-alike glyphs past the loose match ("Kvlnnor", "Totait",
        "Tota1t"): the phrase it is glyph for glyph (core.ocrtext.glyph_fold), loose."""
        from core.ocrtext import glyph_fold
        if not expanded:
            return None
        target = glyph_fold(expanded)
        found = {m for v, m in self._participant_tables[0].exact.items() if glyph_fold(v) == target}
        return (found.pop(), LOOKALIKE_SCORE) if len(found) == 1 else None

    def _participant_column_slip(self, expanded: str) -> tuple[str, float] | None:
        """A heading OCR read with one word a letter off ("Budger"), that word no word of
        any heading ("Varav mål" is no slip of "varav män") and matching.word_min_length
        letters at least: the one phrase it is so, loose (as a look-alike reading is)."""
        from core.ocrtext import one_letter_off
        read = expanded.split()
        found = set()
        for variant, meaning in self._participant_tables[0].exact.items():
            words = variant.split()
            if len(words) != len(read):
                continue
            off = [(r, w) for r, w in zip(read, words, strict=True) if r != w]
            if len(off) == 1 and len(off[0][0]) >= DIGITAL.matching.word_min_length and \
                    off[0][0] not in self._participant_column_words and one_letter_off(*off[0]):
                found.add(meaning)
        return (found.pop(), LOOKALIKE_SCORE) if len(found) == 1 else None

    def participant_column_whole(self, heading: str) -> bool:
        """The heading is a participant column phrase as a whole (printed, with abbreviations
        expanded, or without a leading "Antal"), not only a phrase found inside it ("P delt.":
        "deltagare" inside, a word before it lost)."""
        table = self._participant_tables[0]
        expanded = self.expand_abbreviations(heading)
        texts = [heading, expanded, *([bare] if (bare := self._without_count_lead(expanded)) else [])]
        return any((hit := table.match(t)) and hit[1] >= 100 for t in texts)

    @cached_property
    def _abbreviations(self) -> dict[str, str]:
        return {fold(k): fold(v) for k, v in self.raw["participants"].get("abbreviations", {}).items()}

    def expand_abbreviations(self, text: str) -> str:
        """"Antal nya delt." → "antal nya deltagare" (folded), "Kv" → "kvinnor"."""
        words = [self._abbreviations.get(w, w) for w in fold(text).split()]
        return " ".join(w for w in words if w)

    def _without_trailing_lead(self, padded: str) -> str:
        """" antal deltagare antal " → " antal deltagare ": a count word after a phrase (the
        next column's heading run into this one) qualifies nothing."""
        lead = frozenset(fold(w) for w in self.raw["participants"].get("count_lead_words", []))
        words = padded.split()
        while len(words) > 1 and words[-1] in lead:
            words.pop()
        return f" {' '.join(words)} "

    def _without_count_lead(self, folded: str) -> str | None:
        """"antal nya" → "nya": the label without a word that only says it is a count."""
        lead = frozenset(fold(w) for w in self.raw["participants"].get("count_lead_words", []))
        words = folded.split()
        return " ".join(words[1:]) if len(words) > 1 and words[0] in lead else None

    @cached_property
    def _exit_prefixes(self) -> tuple[str, ...]:
        return tuple(sorted((fold(p) for p in self.raw["participants"].get("exit_prefixes", [])),
                            key=len, reverse=True))

    def participant_row_match(self, block: str, label: str) -> tuple[str, float] | None:
        """(key, score) of a row label in a block's table: as printed, with abbreviations
        expanded, and for exits the outcome after "Utskrivna till", "Avslutade pga" ..."""
        table = self._participant_tables[2].get(block)
        if table is None:
            return None
        texts = [label, self.expand_abbreviations(label)]
        texts += [bare] if (bare := self._without_count_lead(texts[1])) else []
        if block == "avslut":
            for text in list(texts):
                folded = fold(text)
                texts += [folded[len(p):] for p in self._exit_prefixes
                          if folded.startswith(p + " ")]
        hits = [h for t in dict.fromkeys(texts) if (h := table.match(t))]
        return max(hits, key=lambda h: h[1]) if hits else None

    @cached_property
    def count_words(self) -> CountWords:
        part = self.raw["participants"]
        return CountWords(
            label_units=frozenset(fold(u) for u in part["label_units"]),
            count_units=frozenset(fold(u) for u in part["count_units"]),
            number_words=self._number_words,
            percent_words=frozenset(w.lower() for w in part.get("percent_words", ["%"])),
            of_words=frozenset(fold(w) for w in part.get("of_words", ["av"])),
            slug_max_edits=int(part.get("slug_max_edits", 2)),
            subset_words=frozenset(fold(w) for w in part.get("subset_words", [])),
            share_heading_words=frozenset(w.lower() if not fold(w) else fold(w)
                                          for w in part.get("share_heading_words", [])),
            since_start=frozenset(fold(w) for w in part.get("since_start", [])),
            plan_columns=dict(part.get("plan_columns", {})),
            member_cues=frozenset(fold(w) for w in part.get("member_cues", [])),
            place_others=frozenset(fold(w) for w in part.get("place_others", [])),
            money_words=frozenset(fold(w) for w in part.get("money_words", [])),
            change_words=frozenset(fold(w) or w.lower() for w in part.get("change_heading_words", [])),
            people_stems=tuple(fold(w) for w in part.get("people_stems", [])),
            lost_heading_measures=tuple(part.get("lost_heading_measures", [])),
            zero_glyphs=frozenset(part.get("zero_glyphs", [])),
            not_insats_words=frozenset(fold(w) for w in part.get("not_insats_words", [])))

    @cached_property
    def prose_count_words(self) -> ProseCountWords:
        raw = self.raw["participants"].get("prose", {})

        def phrases(key: str) -> frozenset[Phrase]:
            return frozenset(_phrase(w) for w in raw.get(key, []))

        def keyed(table: dict) -> dict[Phrase, str]:
            return {_phrase(w): k for k, ws in table.items() for w in ws}

        return ProseCountWords(
            person_nouns=phrases("person_nouns"), total_cues=phrases("total_cues"),
            participant_nouns=phrases("participant_nouns"),
            groups=keyed(raw.get("groups", {})), followers=phrases("followers"),
            left_links=frozenset(fold(w) for w in raw.get("left_links", [])),
            adjectives=frozenset(fold(w) for w in raw.get("adjectives", [])),
            tail_links=frozenset(fold(w) for w in raw.get("tail_links", [])),
            reasons=phrases("reasons"),
            insats_words=frozenset(fold(w) for w in raw.get("insats_words", [])),
            article_numbers=frozenset(fold(w) for w in raw.get("article_numbers", [])),
            not_before=phrases("not_before"),
            skip_sentence=phrases("skip_sentence") | frozenset(
                _phrase(w) for w in self.raw["participants"].get("since_start", [])),
            year_end=phrases("year_end"), measures=keyed(raw.get("measures", {})),
            outcomes=keyed(raw.get("outcomes", {})),
            exit_outcomes=keyed(raw.get("exit_outcomes", {})),
            number_words=self.count_words.number_words,
            of_words=self.count_words.of_words,
            share_fillers=frozenset(fold(w) for w in raw.get("share_fillers", [])),
            split_words=frozenset(fold(w) for w in raw.get("split_words", [])),
            when_words=frozenset(fold(w) for w in raw.get("when_words", [])))

    @cached_property
    def form_row_keys(self) -> list[str]:
        """Keys of the standard forms' rows outside the row tables ("tid_forsorjning_mer_an_7_ar"):
        what an OCR-damaged row of such a form is matched to."""
        rows = self.raw["participants"].get("form_rows", {})
        return [f"{block}_{measure_key(r.strip(' :*'))}" for block, rs in rows.items() for r in rs]

    @cached_property
    def insats_titles(self) -> InsatsTitles:
        raw = self.raw["insats_titles"]
        tables = [(fold(w), kind, known) for known, part in ((False, "tables"), (True, "named_tables"))
                  for kind, ws in raw.get(part, {}).items() for w in ws]
        return InsatsTitles(
            document_words=frozenset(fold(w) for w in raw["words"]),
            tables=tuple(sorted(tables, key=lambda t: -len(t[0]))),
            generic=frozenset(fold(w) for w in raw.get("generic", {}).get("words", [])))

    def insats_name(self, title: str, names: tuple[str, ...]) -> tuple[str, str] | None:
        """(the summary table's name, key_match) of the insats a title names: a name whose
        folded words stand in the title (exact), else the closest name, as a whole or as a
        run of the title's words, when similar enough (fuzzy:<score>)."""
        folded = f" {fold(title)} "
        for name in sorted(names, key=len, reverse=True):
            if fold(name) and f" {fold(name)} " in folded:
                return name, "exact"
        words = folded.split()
        best: tuple[float, str] | None = None
        for name in names:
            target = fold(name)
            n = len(target.split())
            runs = [" ".join(words)] + [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]
            score = max((fuzz.ratio(r, target) for r in runs if r), default=0.0)
            if target and score >= INSATS_NAME_SIMILARITY and (best is None or score > best[0]):
                best = (score, name)
        return (best[1], key_match(best[0])) if best else self._cut_insats_name(words, names)

    def _cut_insats_name(self, words: list[str], names: tuple[str, ...]) -> tuple[str, str] | None:
        """A title's last word cut short ("Statistik VÄGV": a line or the margin took the
        rest of "VÄGVISAREN"): the one name whose last word begins so, loosely (a guess
        from the start of a name: CUT_NAME_SCORE, below a sure match). A word of the
        language ("samverkan" of "Samverkansteamet") or of the titles is no cut name."""
        last = words[-1] if words else ""
        if len(last) < CUT_NAME_MIN_CHARS or last in self.vocabulary \
                or last in self.insats_titles.generic or last in self.insats_titles.document_words:
            return None
        before = f" {' '.join(words[:-1])} "
        hits = [name for name in names if (target := fold(name).split())
                and target[-1].startswith(last) and target[-1] != last
                and (len(target) == 1 or f" {' '.join(target[:-1])} " in before)]
        return (hits[0], key_match(CUT_NAME_SCORE)) if len(hits) == 1 else None

    @cached_property
    def _numbered_headings(self) -> dict[str, str]:
        return {fold(v): kind for kind, vs in self.raw.get("numbered_headings", {}).items()
                for v in vs}

    def near_numbered_heading(self, word: str) -> bool:
        """An OCR'd word a letter or two off a numbered heading's word ("Bllaga", "Bilga")."""
        folded = fold(word)
        return len(folded) >= LOOSE_WORD_MIN_CHARS and any(
            fuzz.ratio(folded, w) >= WORD_FLOOR for w in self._numbered_headings
            if " " not in w and len(w) >= LOOSE_WORD_MIN_CHARS)

    def numbered_heading(self, label: str) -> str | None:
        """Section kind of a heading printed with its number ("Bilaga 3" → other)."""
        return self._numbered_headings.get(fold(label))

    @cached_property
    def numbered_prefix(self) -> re.Pattern:
        """A numbered heading before another heading on its line ("Bilaga 1, Resultaträkning"):
        group ``rest`` is the heading after it."""
        words = sorted((w for vs in self.raw.get("numbered_headings", {}).values() for w in vs),
                       key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
        return re.compile(rf"^\s*(?:{alternatives})\.?\s*{BILAGA_NUMBER}\s*[.,:\-–]?\s+(?P<rest>\S.*)$",
                          re.IGNORECASE)

    @cached_property
    def goal_words(self) -> GoalWords:
        goals = self.raw["goals"]
        matching = goals.get("matching", {})
        return GoalWords(
            bullets=frozenset(goals["bullets"]),
            status_frame=frozenset(fold(f) for f in goals["status_frame"]),
            column_fallbacks={k: frozenset(fold(v) for v in vs)
                              for k, vs in goals.get("column_fallbacks", {}).items()},
            title_columns=tuple(sorted((fold(w) for w in goals.get("title_columns", {})
                                        .get("words", [])), key=len, reverse=True)),
            short_words=frozenset(fold(w) for w in goals.get("short_words", [])),
            status_similarity=float(matching.get("status_similarity", 88)),
            status_fuzzy_min_chars=int(matching.get("status_fuzzy_min_chars", 6)),
            legend_leads=frozenset(fold(w) for w in goals.get("legend", {}).get("leads", [])),
            legend_separators=frozenset(goals.get("legend", {}).get("separators", [])),
            legend_symbol_words=frozenset(fold(w) for w in goals.get("legend", {})
                                          .get("symbol_words", [])))

    def participant_block(self, line: str) -> tuple[str, int] | None:
        """(block, words of the heading phrase) of a sub-heading; a long heading phrase may
        open a longer line ("Utbildningsbakgrund (hos 51 personer under året inskrivna)",
        "Fördelning på remitterande myndighet FK 3 st, ÖP 15 st")."""
        table = self._participant_tables[1]
        hit = table.match(line)
        if hit:
            return hit[0], len(line.split())
        folded = fold(line)
        starts = [v for v in table.exact if len(v) >= PREFIX_MIN_CHARS
                  and (folded + " ").startswith(v + " ")]
        if not starts:
            return None
        best = max(starts, key=len)
        return table.exact[best], len(best.split())

    def participant_row(self, block: str, label: str) -> str | None:
        hit = self.participant_row_match(block, label)
        return hit[0] if hit else None

    @cached_property
    def goal_tables(self) -> tuple[Table, Table]:
        """(column headings, levels) of goal tables."""
        goals = self.raw["goals"]
        return Table.from_mapping(goals["columns"]), Table.from_mapping(goals["levels"])

    @cached_property
    def goal_status_phrases(self) -> list[tuple[str, str]]:
        """(folded phrase, status), longest phrase first: "i stort uppnått" before "uppnått"."""
        pairs = [(fold(v), k) for k, vs in self.raw["goals"]["status"].items() for v in vs]
        return sorted(pairs, key=lambda p: -len(p[0]))

    @cached_property
    def goal_status_words(self) -> frozenset[str]:
        """Every word of the status phrases, folded ("ej", "uppnatt", "stort")."""
        return frozenset(w for p, _ in self.goal_status_phrases for w in p.split())

    @cached_property
    def goal_status_glued(self) -> dict[str, tuple[str, str]]:
        """Two consecutive words of a status phrase run together, folded → the two words
        ("ejuppnatt" → ("ej", "uppnatt")): what OCR reads when it loses the space."""
        out: dict[str, tuple[str, str]] = {}
        for p, _ in self.goal_status_phrases:
            ws = p.split()
            for a, b in zip(ws, ws[1:], strict=False):
                out.setdefault(a + b, (a, b))
        return out

    @cached_property
    def name_words(self) -> NameWords:
        """The words of förbund names, titles aside (lexicon ``[forbund]``)."""
        from core.register import NameWords
        f = self.raw["forbund"]
        folded = lambda key: frozenset(fold(w) for w in f.get(key, []))  # noqa: E731
        return NameWords(
            generic=folded("generic"), brands=folded("brands"), key_noise=folded("key_noise"),
            connectors=frozenset(w.lower() for w in f.get("connectors", [])),
            suffixes=folded("suffixes"), stop=folded("stop"), lead_in=folded("lead_in"),
            lead_in_phrase=folded("lead_in_phrase"),
            lookalikes=tuple(fold(w) for w in f.get("lookalikes", [])),
            not_names=folded("not_names"), s_endings=tuple(w.lower() for w in f.get("s_endings", [])),
            orgnr_prefixes=tuple(f.get("orgnr_prefixes", [])),
            orgnr_labels=tuple(fold(w) for w in f.get("orgnr_labels", [])),
            near_misses=folded("near_misses"))

    @cached_property
    def register(self) -> Register:
        """The förbund register (lexicon ``[[register]]``, with the user's entries)."""
        from core.register import build_register
        words = self.name_words
        return build_register(self.raw.get("register", []),
                              words.generic | words.brands | words.key_noise)

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Every folded word of a document title (a förbund's name ends before one)."""
        return frozenset(w for vs in self.raw["document_kinds"].values() for v in vs
                         for w in fold(v).split() if len(w) > 3)

    @cached_property
    def combined_sections(self) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """Kind of a heading over two statements → (the statements, folded words that open
        the second) ([combined_sections])."""
        return {k: (tuple(v["parts"]), tuple(fold(w) for w in v["opens"]))
                for k, v in self.raw.get("combined_sections", {}).items()}

    @cached_property
    def period_words(self) -> frozenset[str]:
        """Folded words that name the fiscal period before its year ([fiscal_period])."""
        return frozenset(fold(w) for w in self.raw.get("fiscal_period", {}).get("words", []))

    @cached_property
    def places(self) -> frozenset[str]:
        """Folded names of kommuner, regions and förbund: a genitive's -s is no part of them
        unless the place itself ends in s ("Västerås")."""
        names = [*self.raw.get("names", {}).get("kommuner", []),
                 *self.raw.get("names", {}).get("agencies", [])]
        for entry in self.register.entries:
            names += [*entry.all_names(), *entry.members]
        return frozenset(fold(n) for n in names if fold(n))

    @cached_property
    def kommun_places(self) -> frozenset[str]:
        """Folded names of member kommuner and regions: [names] kommuner and the register's
        members (not the agencies: a column per agency is no breakdown by place)."""
        names = [*self.raw.get("names", {}).get("kommuner", [])]
        for entry in self.register.entries:
            names += entry.members
        return frozenset(fold(n) for n in names if fold(n))

    @cached_property
    def member_list_stops(self) -> frozenset[str]:
        """Folded words that end a list of member kommuner: the agencies ([names] agencies,
        their first word) and the state's and region's payer words ([funding])."""
        agencies = [a.split()[0] for a in self.raw.get("names", {}).get("agencies", []) if a.split()]
        payers = [w for p in ("state", "region") for w in self.funding.get(p, [])]
        return frozenset(fold(w) for w in [*agencies, *payers] if fold(w))

    @cached_property
    def kommun_suffixes(self) -> frozenset[str]:
        """Folded words after a kommun's name ("Glimmerby kommun", [funding] kommuner)."""
        return frozenset(fold(w) for w in self.raw.get("funding", {}).get("kommuner", []))

    def section_of(self, heading: str) -> str | None:
        hit = self.sections.match_strict(heading)
        if not hit:
            return None
        key = hit[0]
        return self.raw.get("section_aliases", {}).get(key, key)

    @cached_property
    def _unspaced_sections(self) -> dict[str, str]:
        return {v.replace(" ", ""): self.raw.get("section_aliases", {}).get(k, k)
                for v, k in self.sections.exact.items()}

    def section_of_unspaced(self, heading: str) -> str | None:
        """The section a heading printed letter-spaced names ("R E S U L T A T R Ä K N I N G",
        "B A L A N S  R Ä K N I N G"): its letters without any space, exactly."""
        return self._unspaced_sections.get(fold(heading).replace(" ", ""))

    @cached_property
    def section_kinds(self) -> frozenset[str]:
        """Every section kind a heading of ``[sections]`` opens (aliases resolved)."""
        return frozenset(self._unspaced_sections.values())

    @cached_property
    def _known_words(self) -> frozenset[str]:
        """Every folded word of the headings, labels, column headings, units, qualifiers and
        document titles."""
        tables = [self.sections, self.columns, self.units, self.notes, *self.statements.values()]
        return frozenset().union(*(t.all_words for t in tables), self.title_words,
                                 *(q.split() for q in self._heading_qualifiers))

    @cached_property
    def _garbled_forms(self) -> dict[str, tuple[str, str]]:
        """Unspaced form → (kind, the heading's own unspaced letters): every section heading,
        and a statement's heading with each qualifier after it ("driftredovisningidetalj"), as
        OCR glues and splits them alike."""
        forms = {v: (k, v) for v, k in self._unspaced_sections.items()}
        quals = [q.replace(" ", "") for q in self._heading_qualifiers]
        for v, k in self._unspaced_sections.items():
            if k in self.statement_heading_kinds:
                forms.update({v + q: (k, v) for q in quals if v + q not in forms})
        return forms

    def _garbled_choices(self, kinds: frozenset[str], min_chars: int) -> list[str]:
        """The garbled forms of ``kinds`` of ``min_chars`` letters or more (built once each)."""
        cache = self.__dict__.setdefault("_garbled_choice_cache", {})
        if (kinds, min_chars) not in cache:
            cache[(kinds, min_chars)] = [v for v, (k, _) in self._garbled_forms.items()
                                         if k in kinds and len(v) >= min_chars]
        return cache[(kinds, min_chars)]

    def section_of_garbled(self, heading: str, kinds: frozenset[str], score: float,
                           min_chars: int) -> str | None:
        """The section of ``kinds`` a heading OCR glued, split and garbled names
        ("FfFemårisasmmandrag" for "Fem år i sammandrag", "Dr ift redo visn ing i det alj"):
        its letters without any space, within ``score`` (rapidfuzz ratio) of a heading's
        unspaced form (a statement's with its qualifier too, the heading's own letters as
        close) of ``min_chars`` letters or more; the closest. However many words OCR made of
        it, the letters must be nearly the heading's and nothing else: prose that names a
        heading is far longer."""
        words = fold(heading).split()
        # Words OCR kept whole are read by the strict match alone: a table's column headings
        # ("Mål | Resultat", also with a speck read between them: "Mål : ey Måluppfyllelse")
        # and a title ("ÅRSREDOVISNING AVSEENDE") are no garbled heading.
        whole = [w for w in words if w in self._known_words or len(w) > NOISE_WORD_MAX]
        known = sum(len(w) for w in whole if w in self._known_words)
        if whole and all(w in self._known_words for w in whole) and \
                known >= GARBLED_KNOWN_SHARE * sum(map(len, words)):
            return None
        # A scan's specks read as short words after it ("MALUPPFYLLEISE oo"): without them too.
        bare = list(words)
        while len(bare) > 1 and len(bare[-1]) <= NOISE_WORD_MAX and not bare[-1].isdigit():
            bare.pop()
        choices = self._garbled_choices(kinds, min_chars)
        best: tuple[float, str] | None = None
        # The whole line first, then without its specks (a tuple: the same order every run).
        for text in dict.fromkeys(("".join(words), "".join(bare))):
            if len(text) < min_chars:
                continue
            for form, got, _ in process.extract(text, choices, scorer=fuzz.ratio, score_cutoff=score,
                                                limit=GARBLED_CANDIDATES):
                # A qualifier's letters matched may carry a heading that is another's.
                head = self._garbled_forms[form][1]
                own = text[:max(0, len(text) - (len(form) - len(head)))]
                if (head == form or fuzz.ratio(own, head) >= score) and (best is None or got > best[0]):
                    best = (got, form)
                    break
        return self._garbled_forms[best[1]][0] if best else None

    # Typed accessors of the word lists the stages use: no stage reads ``raw`` itself.

    @cached_property
    def section_prefixes(self) -> dict[str, list[str]]:
        """Section kind → the phrases that open such a section ("Insatsens namn: X")."""
        return {k: list(v) for k, v in self.raw.get("section_prefixes", {}).items()}

    @cached_property
    def insats_title_words(self) -> frozenset[str]:
        """Folded first words of a short title naming an insats ("Årsrapport Plattformen")."""
        return frozenset(fold(w) for w in self.raw["insats_titles"]["words"])

    @cached_property
    def note_heading(self) -> re.Pattern:
        """A note's heading: "Not 3", "Not nr 3. Intäkter"; groups: number, title."""
        words = sorted(self.raw["layout"]["note_heading"], key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
        return re.compile(rf"^\s*(?:{alternatives})\s*(\d{{1,2}})(?![\d-])[.:]?\s*(.*)$", re.IGNORECASE)

    def near_note_word(self, word: str) -> bool:
        """An OCR'd word one letter off a note heading's word ("Nat", "Nol" for "Not")."""
        folded = fold(word)
        return bool(folded) and any(Levenshtein.distance(folded, fold(w)) <= 1
                                    for w in self.raw["layout"]["note_heading"] if " " not in w)

    @cached_property
    def title_field(self) -> re.Pattern:
        """A field printed after a prefixed title ("... Datum: 2024-01-15"), to cut off."""
        words = "|".join(re.escape(w) for w in self.raw["layout"]["title_fields"])
        return re.compile(rf"\s+(?:{words})\b.*$", re.IGNORECASE)

    @cached_property
    def closing_column_words(self) -> frozenset[str]:
        """Folded heading words of a dated column that holds the closing accounts (bokslut)."""
        return frozenset(fold(w) for w in self.raw["layout"]["closing_column"])

    @cached_property
    def years_across(self) -> frozenset[str]:
        """Statements whose figure columns are consecutive years, one a column."""
        return frozenset(self.raw["layout"]["years_across"])

    def starts_like_total(self, label: str) -> bool:
        """A row label opening with a sum's word ("Summa:", "Summa deltagare")."""
        folded = fold(label)
        return any(folded.startswith(fold(p)) for p in self.raw["totals"]["prefixes"])

    @cached_property
    def document_unit_scope(self) -> list[str]:
        """Folded phrases that make a unit phrase speak for the whole report
        ("Om inte annat särskilt anges, redovisas alla belopp i ...")."""
        return [fold(p) for p in self.raw.get("units_scope", {}).get("document", [])]

    @cached_property
    def unit_links(self) -> list[tuple[str, str]]:
        """Pairs of "statement.key" that print the same figure, for units from magnitudes."""
        return [(a, b) for a, b in self.raw.get("units_links", {}).get("pairs", [])]

    @cached_property
    def turnover_lines(self) -> frozenset[tuple[str, str]]:
        """(statement, key) of the lines that print a förbund's yearly turnover."""
        return frozenset(tuple(ref.split(".", 1))
                         for ref in self.raw.get("units_turnover", {}).get("lines", []))

    @cached_property
    def unit_phrases(self) -> list[tuple[str, str]]:
        """(folded phrase, unit) of the phrases that print a table's unit ("tkr", "kr")."""
        return [(fold(v), unit) for unit in ("tkr", "kr") for v in self.raw["units"].get(unit, [])]

    @cached_property
    def unit_lead_words(self) -> list[str]:
        """Folded words a table's unit follows ("belopp"), for unit words OCR damaged."""
        return [fold(w) for w in self.raw.get("units_ocr", {}).get("lead", [])]

    @cached_property
    def unscaled_row_words(self) -> frozenset[str]:
        """Folded words of a row label whose figures are no money ("Soliditet %", "Antal
        deltagare"): a tkr table's unit does not multiply them."""
        return frozenset(fold(w) or w for w in self.raw.get("units_rows", {}).get("unscaled", []))

    @cached_property
    def unscaled_head_words(self) -> frozenset[str]:
        """Folded words for people that make a tkr table's row a count only as its label's
        first word ("Deltagare"; not "Ersättning till deltagare")."""
        return frozenset(fold(w) or w for w in self.raw.get("units_rows", {}).get("unscaled_heads", []))

    @cached_property
    def per_person_phrases(self) -> tuple[str, ...]:
        """Folded phrases of a row label about one person ("per deltagare"; "/deltagare" is
        "per deltagare": fold a label with ``fold_per`` to compare)."""
        return tuple(fold_per(w) for w in self.raw.get("units_rows", {}).get("per_person", []))

    @cached_property
    def other_unit_words(self) -> list[str]:
        """Folded units a damaged unit word may be nearer to than ours ("mkr")."""
        return [fold(w) for w in self.raw.get("units_ocr", {}).get("other", [])]

    @cached_property
    def tkr_units(self) -> list[str]:
        """Folded phrases that say a table is in thousands of kronor."""
        return [fold(v) for v in self.raw["units"]["tkr"]]

    @cached_property
    def bullets(self) -> frozenset[str]:
        """Bullets and dashes that start an item of a list (goals, beslutsunderlag)."""
        return frozenset(self.raw["goals"]["bullets"])

    @cached_property
    def goal_status_frame(self) -> frozenset[str]:
        """Folded words that only frame a status phrase ("Målet är i stort uppnått")."""
        return frozenset(fold(f) for f in self.raw["goals"]["status_frame"])

    @cached_property
    def count_label_units(self) -> frozenset[str]:
        """Folded words after a number that make it part of a label ("mer än 7 år")."""
        return frozenset(fold(u) for u in self.raw["participants"]["label_units"])

    @cached_property
    def count_units(self) -> frozenset[str]:
        """Folded units of a count ("3 st", "15 personer")."""
        return frozenset(fold(u) for u in self.raw["participants"]["count_units"])

    def number_word(self, word: str) -> int | None:
        """A count written as a word ("tre" → 3, "tjugofem" → 25)."""
        return self._number_words.get(fold(word))

    @cached_property
    def _number_words(self) -> dict[str, int]:
        """Folded number words: the lexicon's, its tens ("trettio") and every ten with a unit
        after it, as Swedish writes them in one word ("tjugofem", "trettioen")."""
        part = self.raw["participants"]
        units = {fold(k): v for k, v in part["number_words"].items()}
        tens = {fold(k): v for k, v in part.get("number_tens", {}).items()}
        out = {**units, **tens}
        for ten, t in tens.items():
            out.update({ten + unit: t + u for unit, u in units.items() if 1 <= u <= 9})
        return out

    @cached_property
    def statement_heading_kinds(self) -> frozenset[str]:
        """Section kinds whose headings may carry a date or a qualifier after them."""
        return frozenset(self.raw.get("heading_qualifiers", {}).get("statements", []))

    @cached_property
    def _heading_qualifiers(self) -> tuple[str, ...]:
        words = self.raw.get("heading_qualifiers", {}).get("words", [])
        return tuple(sorted((fold(w) for w in words), key=len, reverse=True))

    def unqualified_heading(self, heading: str, loose: bool = False) -> str | None:
        """Section kind of a statement heading followed by qualifiers of
        ``[heading_qualifiers]``, one or several ("Driftredovisning i detalj" →
        driftredovisning; "Driftredovisning i detalj, tkr" too): the longest qualifier at the
        end is taken off until the rest is a statement's heading or no qualifier ends it.
        ``loose`` (an OCR'd line): a qualifier's longer words may be a letter or two off
        ("för pcrioden")."""
        words = fold(heading).split()
        while True:
            n = next((len(q.split()) for q in self._heading_qualifiers
                      if _tail_is(words, q.split(), loose)), 0)
            if not n or n >= len(words):
                return None
            words = words[:-n]
            kind = self.section_of(" ".join(words))
            if kind is not None:
                return kind if kind in self.statement_heading_kinds else None

    def near_month(self, word: str) -> bool:
        """An OCR'd word a letter or two off a month name ("januarl")."""
        folded = fold(word)
        return len(folded) >= LOOSE_WORD_MIN_CHARS and any(
            fuzz.ratio(folded, m) >= WORD_FLOOR for m in self.month_words if len(m) >= 4)

    @cached_property
    def month_words(self) -> frozenset[str]:
        """Folded month names ("december") and their short forms in headings ("jan-dec",
        ``[heading_qualifiers] months``): a heading's date starts at one."""
        short = self.raw.get("heading_qualifiers", {}).get("months", [])
        return frozenset(fold(m) for m in [*self.raw["minutes"]["months"], *short])

    @cached_property
    def minutes(self) -> MinutesWords:
        m = self.raw["minutes"]
        return MinutesWords(m["date"], m["place"], m["members"], m["others"], m["decision_basis"],
                            m["months"], {k: list(v) for k, v in m["roles"].items()})

    @cached_property
    def short_words(self) -> frozenset[str]:
        """Words of one or two letters a label prints (folded), that are no OCR gibberish."""
        return frozenset(fold(w) for w in self.raw.get("vocabulary", {}).get("short", []))

    @cached_property
    def language_words(self) -> tuple[frozenset[str], frozenset[str]]:
        """(Swedish, English) function words that tell a page's language."""
        language = self.raw.get("language", {})
        return frozenset(language.get("swedish", [])), frozenset(language.get("english", []))

    @cached_property
    def verification_pages(self) -> list[str]:
        """Folded phrases of an e-signing service's verification page ..."""
        return [fold(h) for h in self.raw.get("signing", {}).get("verification_pages", [])]

    @cached_property
    def verification_fields(self) -> frozenset[str]:
        """... and the folded field names that must stand on it (two or more)."""
        return frozenset(fold(f) for f in self.raw.get("signing", {}).get("verification_fields", []))

    @cached_property
    def funding(self) -> dict:
        """The members' contributions: note key, legal shares, payer label words."""
        return dict(self.raw.get("funding", {}))

    @cached_property
    def _payer_words(self) -> list[tuple[str, frozenset[str]]]:
        f = self.funding
        return [(p, frozenset(fold(w) for w in f.get(p, []))) for p in f.get("shares", {})]

    def payer_of(self, label: str) -> str | None:
        """The member that pays a contribution, by the words of its label ("Driftbidrag från
        Region Norrbotten" → region), in the order of [funding] shares; None for others."""
        words = set(fold(label).split())
        return next((p for p, ws in self._payer_words if words & ws), None)

    def document_kind_words(self, kind: str) -> list[str]:
        """Title-page words of a document kind (``[document_kinds]``)."""
        return list(self.raw["document_kinds"][kind])


@dataclass(frozen=True)
class MinutesWords:
    """The words of a protokoll and a tjänsteskrivelse (``[minutes]``)."""
    date: list[str]
    place: list[str]
    members: list[str]
    others: list[str]
    decision_basis: list[str]
    months: list[str]
    roles: dict[str, list[str]]


_WORD_RE = re.compile(r"[^\W\d_]+")


def _strings(node) -> list[str]:
    """Every string in a parsed TOML tree, except the stamp patterns (regular expressions),
    word beginnings (keys ending "_stems": "kvinn" is no word to spell OCR's by) and the
    words that tell an English page (``[language] english``: no label's, and OCR's junk
    "ares" is no genitive of "are")."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() if k not in ("stamps", "english") and not k.endswith("_stems")
                for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


class LexiconError(Exception):
    """A lexicon file that cannot be used: which file and why."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"lexicon {path}: {reason}")
        self.path, self.reason = str(path), reason


def user_lexicon_paths() -> tuple[str, ...]:
    """The user's lexicon files named in ``FINSAM_LEXICON``."""
    return tuple(p for p in os.environ.get(LEXICON_ENV, "").split(":") if p.strip())


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise LexiconError(path, "no such file") from None
    except OSError as exc:
        raise LexiconError(path, f"cannot be read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(path, f"not valid TOML: {exc}") from None


def merge_raw(base: dict, over: dict, path: str | Path = "", where: str = "") -> dict:
    """``over`` merged into a copy of ``base``: tables recursively, lists extended (without
    repeating an item), anything else replaced. A table where the lexicon has a list (or the
    other way round) is an error naming the key."""
    out = dict(base)
    for key, value in over.items():
        name = f"{where}.{key}" if where else key
        old = out.get(key)
        if old is None:
            out[key] = value
        elif isinstance(old, dict) != isinstance(value, dict) or \
                isinstance(old, list) != isinstance(value, list):
            kind = "a table" if isinstance(old, dict) else "a list" if isinstance(old, list) \
                else "a value"
            raise LexiconError(path, f"[{name}] must be {kind}, as in the built-in lexicon")
        elif isinstance(old, dict):
            out[key] = merge_raw(old, value, path, name)
        elif isinstance(old, list):
            out[key] = old + [v for v in value if v not in old]
        else:
            out[key] = value
    return out


def merge_register(entries: list, path: str | Path = "") -> list[dict]:
    """Entries with the same name (folded) or organisationsnummer become one: lists extend,
    a later entry's values win, and a name it replaces stays as a variant."""
    from core.register import normal_orgnr
    merged: list[dict] = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise LexiconError(path, f"a [[register]] entry needs a name: {entry!r}")
        orgnr = normal_orgnr(entry.get("orgnr", "")) if entry.get("orgnr") else None
        same = next((m for m in merged if fold(m["name"]) == fold(entry["name"])
                     or (orgnr and normal_orgnr(m.get("orgnr", "") or "") == orgnr)), None)
        if same is None:
            merged.append(dict(entry))
            continue
        old_name = same["name"]
        same.update(merge_raw(same, entry, path, "register"))
        if fold(old_name) != fold(same["name"]):
            same["variants"] = [*same.get("variants", []), old_name]
    return merged


def load_lexicon(path: Path = LEXICON_PATH, user: tuple[str, ...] | None = None) -> Lexicon:
    """The built-in lexicon with the user's files merged over it (``user``, by default the
    files named in ``FINSAM_LEXICON``). Cached per set of files."""
    return _load_lexicon(Path(path), tuple(user) if user is not None else user_lexicon_paths())


@lru_cache(maxsize=8)
def _load_lexicon(path: Path, user: tuple[str, ...]) -> Lexicon:
    raw = _read_toml(path)
    raw["register"] = merge_register(raw.get("register", []), path)
    for extra in user:
        over = _read_toml(Path(extra))
        register = over.pop("register", [])
        if not isinstance(register, list):
            raise LexiconError(extra, "register entries are written [[register]]")
        raw = merge_raw(raw, over, extra)
        raw["register"] = merge_register(raw["register"] + register, extra)
    try:
        return _build(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise LexiconError(":".join(user) or path, f"cannot be used: {type(exc).__name__}: "
                                                   f"{exc}") from None


load_lexicon.cache_clear = _load_lexicon.cache_clear  # type: ignore[attr-defined]


def _build(raw: dict) -> Lexicon:
    sections = dict(raw["sections"])
    # Keep the older name apart so the parsers can tell which heading was printed.
    sections["finansieringsanalys"] = [
        v for v in sections["kassaflodesanalys"] if fold(v) == "finansieringsanalys"
    ]
    sections["kassaflodesanalys"] = [
        v for v in sections["kassaflodesanalys"] if fold(v) != "finansieringsanalys"
    ]
    return Lexicon(
        raw=raw,
        sections=Table.from_mapping(sections),
        statements={k: Table.from_mapping(v) for k, v in raw["statement"].items()},
        notes=Table.from_mapping(raw["notes"]),
        columns=Table.from_mapping(raw["columns"]),
        units=Table.from_mapping(raw["units"]),
        kinds=Table.from_mapping(raw["document_kinds"]),
        totals={fold(t) for t in raw["totals"]["labels"]},
    )
