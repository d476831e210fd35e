"""Lookup of labels, headings and titles in the domain lexicon (``lexicon.toml``).

Matching is done on a folded form (lower case, no diacritics, no punctuation, digits or sign
legends), first exactly and then with rapidfuzz, so "Ökning(-)/minskning(+) kortfristiga
fordringar" and "Okning/minskning kortfristiga fordringar" land on the same key.

A user's lexicon files (``--lexicon FILE``, or ``FINSAM_LEXICON`` with paths joined by ":")
are merged over the built-in one: tables merge recursively, lists extend, and a register
entry with the same name or organisationsnummer as another merges with it.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    from normalize.register import NameWords, Register

LEXICON_PATH = Path(__file__).with_name("lexicon.toml")
# Paths of user lexicon files, joined by ":"; worker processes inherit it from the CLI.
LEXICON_ENV = "FINSAM_LEXICON"
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
    def name_words(self) -> NameWords:
        """The words of förbund names, titles aside (lexicon ``[forbund]``)."""
        from normalize.register import NameWords
        f = self.raw["forbund"]
        folded = lambda key: frozenset(fold(w) for w in f.get(key, []))  # noqa: E731
        return NameWords(
            generic=folded("generic"), brands=folded("brands"), key_noise=folded("key_noise"),
            connectors=frozenset(w.lower() for w in f.get("connectors", [])),
            suffixes=folded("suffixes"), stop=folded("stop"), lead_in=folded("lead_in"),
            lead_in_phrase=folded("lead_in_phrase"),
            lookalikes=tuple(fold(w) for w in f.get("lookalikes", [])),
            not_names=folded("not_names"), s_endings=tuple(fold(w) for w in f.get("s_endings", [])),
            orgnr_prefixes=tuple(f.get("orgnr_prefixes", [])),
            orgnr_labels=tuple(fold(w) for w in f.get("orgnr_labels", [])))

    @cached_property
    def register(self) -> Register:
        """The förbund register (lexicon ``[[register]]``, with the user's entries)."""
        from normalize.register import build_register
        words = self.name_words
        return build_register(self.raw.get("register", []),
                              words.generic | words.brands | words.key_noise)

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Every folded word of a document title (a förbund's name ends before one)."""
        return frozenset(w for vs in self.raw["document_kinds"].values() for v in vs
                         for w in fold(v).split() if len(w) > 3)

    @cached_property
    def places(self) -> frozenset[str]:
        """Folded names of kommuner, regions and förbund: a genitive's -s is no part of them
        unless the place itself ends in s ("Västerås")."""
        names = [*self.raw.get("names", {}).get("kommuner", []),
                 *self.raw.get("names", {}).get("agencies", [])]
        for entry in self.register.entries:
            names += [*entry.all_names(), *entry.members]
        return frozenset(fold(n) for n in names if fold(n))

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
    from normalize.register import normal_orgnr
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
