"""The register of förbund (lexicon ``[[register]]``): names, organisationsnummer, members and
mergers, and matching a printed name to an entry.

A printed name is matched through a *name key*: folded (case, diacritics), the generic words
("samordningsförbundet", "finsam", a leading "i") dropped, the separators of a list of
kommuner ("och", ",", "/", "-", "–", "&") made one, the towns sorted ("Finsam
Degerfors/Karlskoga" = "Karlskoga/Degerfors"). Exact keys first, then rapidfuzz on the keys.
An organisationsnummer wins over any name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from core.lexicon import fold
from core.ocrtext import ocr_skeleton

# Names are short and differ by one word ("Västra/Östra Östergötland"): a fuzzy match must be
# closer than for labels (rapidfuzz ratio on the name keys, 0-100).
NAME_FUZZY_THRESHOLD = 93.0
_ORGNR_RE = re.compile(r"^(\d{6})\D?(\d{4})$")


def normal_orgnr(text: str) -> str | None:
    """ "222000 2568" → "222000-2568"; None when it is no organisationsnummer."""
    m = _ORGNR_RE.match(re.sub(r"\s+", " ", text.strip()).replace("–", "-"))
    return f"{m.group(1)}-{m.group(2)}" if m else None


@dataclass(frozen=True)
class DatedName:
    name: str
    first: int | None = None
    last: int | None = None

    def covers(self, year: int | None) -> bool:
        return year is not None and (self.first is None or year >= self.first) \
            and (self.last is None or year <= self.last)


@dataclass
class RegisterEntry:
    name: str  # the current name, as the förbund prints it after "Samordningsförbundet"
    orgnr: str | None = None
    first: int | None = None  # first year under the current name
    last: int | None = None  # last year of the förbund (before a merger)
    variants: list[str] = field(default_factory=list)  # other printed forms, brands
    former: list[DatedName] = field(default_factory=list)  # earlier names (renames)
    members: list[str] = field(default_factory=list)
    predecessors: list[str] = field(default_factory=list)  # names of merged entries
    successor: str | None = None

    @property
    def names(self) -> list[DatedName]:
        return [DatedName(self.name, self.first, self.last), *self.former]

    def name_in(self, year: int | None, printed_key: str | None = None,
                drop: frozenset[str] = frozenset()) -> str:
        """The name the förbund had in ``year``: the printed one when it is one of its dated
        names, else the one whose years cover ``year``, else the current name."""
        if printed_key:
            for dated in self.names:
                if printed_key == name_key(dated.name, drop):
                    return dated.name
        return next((d.name for d in self.names if d.covers(year)), self.name)

    def all_names(self) -> list[str]:
        return [self.name, *(d.name for d in self.former), *self.variants]


@dataclass(frozen=True)
class NameWords:
    """The words of förbund names (lexicon ``[forbund]``)."""
    generic: frozenset[str]  # folded: samordningsforbundet, samordningsforbund, ...
    brands: frozenset[str]  # names by themselves: finsam ("Finsam Gotland")
    key_noise: frozenset[str]  # dropped from name keys with the generic words and brands
    connectors: frozenset[str]  # och, i, &, ...
    suffixes: frozenset[str]  # lower-case words that belong to a name: län, kommun, stad
    lead_in: frozenset[str]  # between the generic noun and the place: i
    lead_in_phrase: frozenset[str]  # open a phrase that ends in a lead-in word: för
    stop: frozenset[str]  # a name ends before these
    lookalikes: tuple[str, ...]  # folded nouns of bodies that are no samordningsförbund
    not_names: frozenset[str]  # capitalised words that are never a förbund's name
    s_endings: tuple[str, ...]  # lower-case endings (å, ä, ö kept) of places that end in s
    orgnr_prefixes: tuple[str, ...]
    orgnr_labels: tuple[str, ...]  # folded
    near_misses: frozenset[str] = frozenset()  # folded: other forms of the generic nouns


_SEPARATORS_RE = re.compile(r"[,/–—\-&()]")
_KEY_NOISE = frozenset({"och", "i"})


def name_key(text: str, drop: frozenset[str] = frozenset()) -> str:
    """The folded, order-free form of a name without the words in ``drop`` (generic nouns,
    "finsam"): "Finsam Degerfors/Karlskoga" → "degerfors karlskoga"."""
    parts = _SEPARATORS_RE.sub(" ", text)
    tokens = [t for t in fold(parts).split() if t not in drop and t not in _KEY_NOISE]
    # "FinsamGotland": a brand glued to the place.
    tokens = [next((t[len(d):] for d in drop if len(d) >= 5 and t.startswith(d)
                    and len(t) >= len(d) + 3), t) for t in tokens]
    return " ".join(sorted(dict.fromkeys(tokens)))


def name_keys(text: str, genitive: bool = False, drop: frozenset[str] = frozenset()) -> list[str]:
    """The keys a printed name may match: a genitive's last word with and without its -s."""
    keys = [name_key(text, drop)]
    if genitive:
        stripped = re.sub(r"s(\W*)$", r"\1", text.rstrip())
        keys.insert(0, name_key(stripped, drop))
    return [k for k in dict.fromkeys(keys) if k]


def skeleton_key(text: str, drop: frozenset[str] = frozenset()) -> str:
    """A name key as OCR confuses letters (core.ocrtext.ocr_skeleton of each word): the key
    a damaged printing ("Samordningsforbundet i Kalrnar lan", "Ka1mar") shares with its name."""
    gone = {ocr_skeleton(w) for w in drop | _KEY_NOISE}
    words = [ocr_skeleton(w) for w in _SEPARATORS_RE.sub(" ", text).split()]
    return " ".join(sorted(dict.fromkeys(w for w in words if w and w not in gone)))


def name_parts(text: str) -> list[str]:
    """A name and the parts a brand may be split off at: "Östra Östergötland, SAMÖÖ",
    "Centrala Östergötland (SCÖ)", "Södertälje - Sfris"."""
    parts = [text]
    m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", text)
    if m:
        parts += [m.group(1), m.group(2)]
    for sep in (",", " - ", " – "):
        if sep in text:
            head, _, tail = text.rpartition(sep)
            parts += [head, tail]
    return [p.strip() for p in parts if p.strip()]


@dataclass
class RegisterMatch:
    entry: RegisterEntry
    how: str  # orgnr | exact | fuzzy:<score>
    printed_key: str | None = None


class Register:
    def __init__(self, entries: list[RegisterEntry], drop: frozenset[str] = frozenset()):
        self.entries = entries
        self.drop = drop  # generic words left out of name keys
        self._by_key: dict[str, RegisterEntry] = {}
        self._by_orgnr: dict[str, RegisterEntry] = {}
        self._by_name: dict[str, RegisterEntry] = {}
        for entry in entries:  # a later entry (a user's lexicon) takes a key over
            for name in entry.all_names():
                whole = self.key(name)
                for key in (whole, *(self.key(p) for p in name_parts(name)[1:])):
                    if key and (key not in self._by_key or whole == key):
                        self._by_key[key] = entry
            if entry.orgnr:
                self._by_orgnr[entry.orgnr] = entry
            self._by_name[fold(entry.name)] = entry
        # The same keys as OCR confuses letters; a skeleton two entries share is no one's.
        self._by_skeleton: dict[str, RegisterEntry | None] = {}
        for entry in entries:
            for name in entry.all_names():
                for part in name_parts(name):
                    key = skeleton_key(part, drop)
                    if key:
                        seen = self._by_skeleton.get(key, entry)
                        self._by_skeleton[key] = entry if seen is entry else None

    def key(self, name: str) -> str:
        return name_key(name, self.drop)

    def name_in(self, entry: RegisterEntry, year: int | None, printed: str | None = None) -> str:
        return entry.name_in(year, self.key(printed) if printed else None, self.drop)

    def by_orgnr(self, orgnr: str | None) -> RegisterEntry | None:
        return self._by_orgnr.get(normal_orgnr(orgnr) or "") if orgnr else None

    def by_name(self, name: str | None) -> RegisterEntry | None:
        """The entry whose canonical name is ``name`` (links between entries)."""
        return self._by_name.get(fold(name)) if name else None

    def match(self, printed: str, genitive: bool = False, ocr: bool = False
              ) -> RegisterMatch | None:
        """The entry a printed name belongs to: exactly by a name key (the whole name, then a
        part a brand is split off at), then by rapidfuzz on the whole name's key; a name OCR
        read (``ocr``) also through its look-alike letters ("Kalrnar lan")."""
        keys = [k for part in name_parts(printed) for k in name_keys(part, genitive, self.drop)]
        for key in keys:
            if key in self._by_key:
                return RegisterMatch(self._by_key[key], "exact", key)
        if not keys or not self._by_key:
            return None
        best = process.extractOne(keys[0], list(self._by_key), scorer=fuzz.ratio,
                                  score_cutoff=NAME_FUZZY_THRESHOLD)
        if best:
            return RegisterMatch(self._by_key[best[0]], f"fuzzy:{best[1]:.0f}", best[0])
        return self._match_damaged(printed, genitive) if ocr else None

    def _match_damaged(self, printed: str, genitive: bool) -> RegisterMatch | None:
        """A printing OCR damaged ("Kalrnar lan", "Nedansi1jan"): by the skeleton key, exactly
        ("fuzzy:ocr"), else as close as a name must be ("fuzzy:<score>")."""
        texts = [p for part in name_parts(printed)
                 for p in ([re.sub(r"s(\W*)$", r"\1", part.rstrip()), part] if genitive else [part])]
        keys = [k for k in dict.fromkeys(skeleton_key(t, self.drop) for t in texts) if k]
        for key in keys:
            if self._by_skeleton.get(key) is not None:
                return RegisterMatch(self._by_skeleton[key], "fuzzy:ocr", None)
        known = [k for k, e in self._by_skeleton.items() if e is not None]
        best = process.extractOne(keys[0], known, scorer=fuzz.ratio,
                                  score_cutoff=NAME_FUZZY_THRESHOLD) if keys and known else None
        if best:
            return RegisterMatch(self._by_skeleton[best[0]], f"fuzzy:ocr:{best[1]:.0f}", None)
        return None


def _dated(item) -> DatedName:
    if isinstance(item, str):
        return DatedName(item)
    return DatedName(item["name"], item.get("first"), item.get("last"))


def build_register(raw_entries: list[dict], drop: frozenset[str] = frozenset()) -> Register:
    entries = []
    for raw in raw_entries:
        entries.append(RegisterEntry(
            name=raw["name"], orgnr=normal_orgnr(raw.get("orgnr", "")) or None,
            first=raw.get("first"), last=raw.get("last"),
            variants=list(raw.get("variants", [])),
            former=[_dated(f) for f in raw.get("former", [])],
            members=list(raw.get("members", [])),
            predecessors=list(raw.get("predecessors", [])), successor=raw.get("successor")))
    return Register(entries, drop)
