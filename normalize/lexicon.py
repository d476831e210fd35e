"""Lookup of labels, headings and titles in the domain lexicon (``lexicon.toml``).

Matching is done on a folded form (lower case, no diacritics, no punctuation, digits or sign
legends), first exactly and then with rapidfuzz, so "Ökning(-)/minskning(+) kortfristiga
fordringar" and "Okning/minskning kortfristiga fordringar" land on the same key.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

LEXICON_PATH = Path(__file__).with_name("lexicon.toml")
# A fuzzy match must score at least this (rapidfuzz ratio, 0-100) to count.
FUZZY_THRESHOLD = 90.0
# A block heading this long (folded characters) also opens a line that goes on after it.
PREFIX_MIN_CHARS = 10
# A bilaga's insats name ("KOMPAS", "Krus (Kalmar kommun)") is the summary table's name
# ("Kompass", "KRUS") when this similar (rapidfuzz ratio, 0-100, on folded words).
INSATS_NAME_SIMILARITY = 85.0

_LEGEND_RE = re.compile(r"\(\s*[-+−–]\s*\)")
_NON_LETTER_RE = re.compile(r"[^a-z]+")


def fold(text: str) -> str:
    """Lower-case, diacritics removed, only letters and single spaces."""
    text = _LEGEND_RE.sub(" ", text.lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_LETTER_RE.sub(" ", text).strip()


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


def key_match(score: float | None) -> str:
    """How a key was found, as stored and exported: ``exact``, ``fuzzy:<score>``, ``unkeyed``."""
    if score is None:
        return "unkeyed"
    return "exact" if score >= 100 else f"fuzzy:{score:.0f}"


def weakest(*matches: str) -> str:
    """The least sure of several ``key_match`` values (a count keyed by row and column)."""
    def rank(m: str) -> float:
        return 100.0 if m == "exact" else -1.0 if m == "unkeyed" else float(m.partition(":")[2])
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


@dataclass
class Table:
    """One lexicon table: canonical key → printed variants, indexed by folded form."""

    exact: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, mapping: dict[str, list[str]]) -> Table:
        table = cls()
        for key, variants in mapping.items():
            for variant in variants:
                table.exact.setdefault(fold(variant), key)
        return table

    def match(self, text: str, threshold: float = FUZZY_THRESHOLD) -> tuple[str, float] | None:
        folded = fold(text)
        if not folded:
            return None
        if folded in self.exact:
            return self.exact[folded], 100.0
        best = process.extractOne(folded, list(self.exact), scorer=fuzz.ratio)
        if best and best[1] >= threshold:
            return self.exact[best[0]], float(best[1])
        return None

    def contained(self, text: str) -> str | None:
        """Key of the longest variant that occurs in ``text`` as whole words."""
        padded = f" {fold(text)} "
        found = [v for v in self.exact if f" {v} " in padded]
        return self.exact[max(found, key=len)] if found else None


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

    def statement_key(self, statement: str, label: str) -> tuple[str, float]:
        """Canonical line key of a statement row, or a slug with confidence 0.5."""
        hit = self.statements[statement].match(label)
        return hit if hit else (slug(label), 50.0)

    def note_key(self, title: str) -> str:
        hit = self.notes.match(title)
        return hit[0] if hit else slug(title)

    def note_supports(self, note_key: str) -> tuple[str, str] | None:
        target = self.raw.get("note_supports", {}).get(note_key)
        return (target[0], target[1]) if target else None

    def note_includes(self, note_key: str) -> list[tuple[str, str]]:
        return [tuple(x) for x in self.raw.get("note_includes", {}).get(note_key, [])]

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
        exact = next((h for h in hits if h and h[1] >= 100), None)
        if exact or hits[0]:
            return exact or hits[0]
        padded = [f" {fold(heading)} ", f" {expanded} "]
        inside = [v for v in table.exact if any(f" {v} " in t for t in padded)]
        if inside:
            return table.exact[max(inside, key=len)], 100.0
        return hits[1]

    @cached_property
    def _abbreviations(self) -> dict[str, str]:
        return {fold(k): fold(v) for k, v in self.raw["participants"].get("abbreviations", {}).items()}

    def expand_abbreviations(self, text: str) -> str:
        """"Antal nya delt." → "antal nya deltagare" (folded), "Kv" → "kvinnor"."""
        words = [self._abbreviations.get(w, w) for w in fold(text).split()]
        return " ".join(w for w in words if w)

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
            number_words={fold(k): v for k, v in part["number_words"].items()},
            percent_words=frozenset(w.lower() for w in part.get("percent_words", ["%"])),
            of_words=frozenset(fold(w) for w in part.get("of_words", ["av"])),
            slug_max_edits=int(part.get("slug_max_edits", 2)),
            subset_words=frozenset(fold(w) for w in part.get("subset_words", [])))

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
        return (best[1], key_match(best[0])) if best else None

    @cached_property
    def _numbered_headings(self) -> dict[str, str]:
        return {fold(v): kind for kind, vs in self.raw.get("numbered_headings", {}).items()
                for v in vs}

    def numbered_heading(self, label: str) -> str | None:
        """Section kind of a heading printed with its number ("Bilaga 3" → other)."""
        return self._numbered_headings.get(fold(label))

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
            status_similarity=float(matching.get("status_similarity", 88)),
            status_fuzzy_min_chars=int(matching.get("status_fuzzy_min_chars", 6)))

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

    def section_of(self, heading: str) -> str | None:
        hit = self.sections.match(heading)
        if not hit:
            return None
        key = hit[0]
        return self.raw.get("section_aliases", {}).get(key, key)


_WORD_RE = re.compile(r"[^\W\d_]+")


def _strings(node) -> list[str]:
    """Every string in a parsed TOML tree, except the stamp patterns (regular expressions)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() if k != "stamps" for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
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
