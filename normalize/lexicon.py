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
        """Meaning of a participant column heading ("measure:nya", "group:kvinnor", ...).

        Headings often carry more words than the lexicon's phrase ("Insatsnamn Budget antal
        delt."): the longest phrase found inside the heading counts too."""
        table = self._participant_tables[0]
        hit = table.match(heading)
        return hit[0] if hit else table.contained(heading)

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
        table = self._participant_tables[2].get(block)
        hit = table.match(label) if table else None
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
    def funding(self) -> tuple[str, dict[str, list[str]], dict[str, int]]:
        """(note key, payer → label words, payer → share in %) of the members' contributions."""
        f = self.raw.get("funding", {})
        shares = dict(f.get("shares", {}))
        return f.get("note", ""), {p: list(f.get(p, [])) for p in shares}, shares

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
