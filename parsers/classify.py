"""Which document this is (kind), whose (förbund, organisationsnummer) and for which year.

The förbund is read from every form its name takes (``[forbund]`` words in the lexicon):
"Samordningsförbundet X", "Samordningsförbund X", "Samordningsförbundet i X", "Xs
samordningsförbund", "Finsam X", "Samverkansförbundet X, Finsam", in any case, letter-spaced
on covers. Where a name ends is decided by words (stop words, title words, a year, a number,
the end of the line), not by a count of words. Each place a name is printed is a source with
a weight (cover, running header or footer, first pages, signature page); the name with the
most weight wins, matched against the register (an organisationsnummer wins over any name).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from statistics import median

from rapidfuzz import fuzz, process

from core.lexicon import Lexicon, fold
from core.ocrtext import (
    MISREAD_GLYPHS,
    STRAY_MARKS,
    SWEDISH_LETTERS,
    cut_glyph,
    misread_word,
    ocr_digits,
    ocr_skeleton,
    printed_spellings,
)
from core.register import NameWords, RegisterEntry, name_parts, normal_orgnr
from core.settings import DIGITAL, OCR
from core.types import Line, Page, Word
from parsers.layout import group_lines

TITLE_PAGES = DIGITAL.classify.title_pages
# How much a name printed in each place counts (a cover is what a förbund calls itself).
SOURCE_WEIGHT = {"cover": 8.0, "header": 4.0, "text": 2.0, "signature": 1.0, "body": 0.5}
# ... and this share of it when read only through OCR damage: a garbled cover ("SAMORDNINGS-
# FORBUNDBET £ HATS") does not outweigh the name a running header and the text agree on.
FUZZY_SHARE = DIGITAL.classify.fuzzy_share
COVER_PAGES = DIGITAL.classify.cover_pages
COVER_SIZE_SHARE = DIGITAL.classify.cover_size_share
# Running headers and footers: as parsers/sections.py finds them.
MARGIN_SHARE = DIGITAL.sections.margin_share
HEADER_MIN_PAGES = DIGITAL.sections.running_line_pages
SIGNATURE_PAGES = DIGITAL.classify.signature_pages
LETTER_SPACED_RUN = DIGITAL.classify.letter_spaced_run
LETTER_GAP_FACTOR = DIGITAL.classify.letter_gap_factor
MAX_NAME_TOKENS = DIGITAL.classify.max_name_tokens
STACKED_GAP = DIGITAL.classify.stacked_gap
KIND_MAX_WORDS = DIGITAL.classify.kind_max_words
_YEAR_TOKEN_RE = re.compile(r"^(19[89]\d|20[0-4]\d)(?!\d)")
# No digit before it, nor a digit and a dash (a longer number); a dash after a word is OCR's
# reading of the space after its label ("Org.nr-222000-3085").
_ORGNR_RE = re.compile(r"(?<!\d)(?<!\d[-–—])(\d{6})\s?[-–—]?\s?(\d{4})(?![\d-])")
_MARKS = re.escape(STRAY_MARKS)
_SPLIT_RE = re.compile(rf"^([(\[»\"'{_MARKS}]*)(.*?)([)\]«\"',.:;!?·•{_MARKS}]*)$")
# An acronym after the name, past a comma or a spaced dash ("Ravnsjö, SAMRA", "Ravnsjö – SAMRA").
_ALIAS_RE = re.compile(r"^(.*\w)(?:,\s*|\s+[–-]\s+)[A-ZÅÄÖ]{3,}$")
_HEAD_RE = re.compile(r"^(.*\w)(?:,|\s[–-]\s)")
# ... and one before it, past a spaced dash ("SAMRA – Ravnsjös läns samordningsförbund").
_LEAD_ALIAS_RE = re.compile(r"^[A-ZÅÄÖ]{2,}\s+[–-]\s+(\w.*)$")
_TAIL_RE = re.compile(r"^\S+\s+[–-]\s+(\w.*)$")
_BRAND_AFTER_RE = re.compile(r"^(.*\w),\s*(\w+)$")
_SPACED_MARKS = {"/", "–", "-", "&"}
# A förbund or title word read through OCR damage ("Samordningsf6rbundet", "Flnsam").
WORD_SCORE = OCR.matching.forbund_word_score
NAME_GROUP_SCORE = OCR.matching.name_group_score
GARBLED_COVER_SCORE = OCR.matching.garbled_cover_score
_LOOKALIKE_DIGITS = set(MISREAD_GLYPHS)  # read for letters inside a letter-spaced word
_SPECKS = ",.:;·•"  # marks a scan adds: dropped after a förbund word on a title-like line
_NAME_MARKS = {",", "&", "/", "-", "–"}
SPACED_SHARE = DIGITAL.classify.spaced_share
GLUED_LETTERS = DIGITAL.classify.glued_letters
GLUE_MARKS = ",.;:()–—-&/"
MAX_COVER_LETTERS = DIGITAL.classify.max_cover_letters
# A scanned name cut inside a word, its last letter misread, keeps more letters than this
# (or shares a whole word with the fuller printing).
CUT_WORD_LETTERS = DIGITAL.classify.cut_word_letters


@dataclass
class Classification:
    kind: str
    organisation: str | None
    fiscal_year: int | None
    orgnr: str | None = None
    printed_name: str | None = None  # the name as printed where it was found
    name_source: str | None = None  # cover | header | text | signature | body | register
    year_source: str | None = None  # title | period | columns | frequent
    register_match: str | None = None  # orgnr | exact | fuzzy:<score>, None when unknown
    register_name: str | None = None  # the matched register entry's current name
    # What was read only through OCR damage, by similarity ("Samordningsf6rbundet",
    # "222O00-I859", "Årsredovisnlng 2O19"): some of name, orgnr, kind, year.
    fuzzy: tuple[str, ...] = ()

    @property
    def identified_by(self) -> str:
        """How the förbund and year were found, for the documents table: "name=cover;
        register=exact;year=title", with "fuzzy=name+year" for what OCR damage made a guess."""
        parts = [("name", self.name_source), ("register", self.register_match),
                 ("year", self.year_source), ("fuzzy", "+".join(self.fuzzy))]
        return ";".join(f"{k}={v}" for k, v in parts if v)


@dataclass
class NameHit:
    printed: str  # canonical printed form: spacing, letter spacing and capitals normalised
    genitive: bool
    page: int
    source: str = "body"
    caps: bool = False  # printed in capitals (its case is restored, so less sure)
    fuzzy: bool = False  # its förbund words were read through OCR damage
    damaged: bool = False  # its own words hold OCR damage ("Ravnsj6"): printed as read
    ocr: bool = False  # read by OCR (words with a confidence below 1)


@dataclass
class _Tok:
    text: str
    size: float = 10.0
    fuzzy: bool = False  # a förbund or title word read through OCR damage


@dataclass
class Identity:
    entry: RegisterEntry | None
    how: str | None
    hits: list[NameHit] = field(default_factory=list)


# --- words of a line --------------------------------------------------------------------


def despace(words: list[Word]) -> list[Word]:
    """Letter-spaced words ("S A M O R D N I N G S F Ö R B U N D E T") joined: a run of single
    letters is one word until a gap clearly wider than the gaps between its letters."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        j = i
        # A letter-spaced year ("2 0 1 6") is a run of digits of its own.
        digits = words[i].text.isdigit()
        # Marks inside a name ("F A L K Ö P I N G / T I D A H O L M") are letters of the run:
        # the gaps around them say whether they join two words or stand between them.
        # A letter OCR read as a look-alike digit ("S A M O R D N I N G S F 6 R …") too.
        while j < len(words) and len(words[j].text) == 1 and (
                (digits and words[j].text.isdigit()) or (not digits and (
                    words[j].text.isalpha() or (j > i and words[j].text in _SPACED_MARKS)
                    or (j > i and words[j].text in _LOOKALIKE_DIGITS)))):
            j += 1
        run = words[i:j]
        gaps = [b.x0 - a.x1 for a, b in zip(run, run[1:], strict=False)]
        # Digits spaced like a table's columns are figures, not one number.
        if j - i < LETTER_SPACED_RUN or (digits and median(gaps) > max(w.height for w in run)):
            out.append(words[i])
            i += 1
            continue
        usual = median(gaps)
        start = 0
        for k, gap in enumerate(gaps, 1):
            if gap > LETTER_GAP_FACTOR * max(usual, 0.5) and gap - usual > 1.0:
                out.append(_joined(run[start:k]))
                start = k
        out.append(_joined(run[start:]))
        i = j
    return out


def _joined(run: list[Word]) -> Word:
    return Word("".join(w.text for w in run), run[0].x0, run[-1].x1, min(w.top for w in run),
                max(w.bottom for w in run), max(w.size for w in run), min(w.confidence for w in run))


def tokens(words: list[Word], lexicon: Lexicon | None = None) -> list[_Tok]:
    """Words with their punctuation split off ("Bollebygd," → "Bollebygd", ","; "(SCÖ)" →
    "(", "SCÖ", ")"); marks inside a word ("Falköping/Tidaholm") stay. With a lexicon, the
    scan's specks dropped and OCR-damaged förbund, title and year words mended (``_mend``),
    on words OCR read only: a born-digital word is as printed ("Samordningsforum",
    "Delårsrapporten" are words of their own, no damaged förbund or title)."""
    out: list[_Tok] = []
    for w in despace(words):
        m = _SPLIT_RE.match(w.text)
        lead, core, trail = m.groups() if m else ("", w.text, "")
        out += [_Tok(c, w.size) for c in lead]
        if core:
            out.append(_Tok(core, w.size))
        out += [_Tok(c, w.size) for c in trail]
    if lexicon is None:
        return out
    if any(w.confidence < 1 for w in words):
        return _mend(out, lexicon)
    # Letter-spaced capitals with no wider gap glue the noun to the name in print too.
    return _unglue_generic(out, lexicon.name_words, _matcher(lexicon), ocr=False)


# --- OCR damage ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Matcher:
    """The förbund and title words by OCR skeleton, and the lexicon's other words a damaged
    word must be further from ("kommunalförbundet", "samordningsförbunden", "årsredovisningen")."""
    targets: dict[str, str]  # skeleton → folded word
    others: tuple[str, ...]  # skeletons
    spelling: dict[str, str]  # folded → as spelled (with å, ä, ö)
    generic: frozenset[str]
    exact: frozenset[str]  # the folded words themselves
    heads: frozenset[str]  # the first two letters of their skeletons


_MATCHERS: dict[int, tuple[Lexicon, _Matcher]] = {}


def _matcher(lexicon: Lexicon) -> _Matcher:
    kept = _MATCHERS.get(id(lexicon))
    if kept is not None and kept[0] is lexicon:
        return kept[1]
    words = lexicon.name_words
    # Look-alike bodies' nouns too: mended, they are known for what they are.
    wanted = words.generic | words.brands | lexicon.title_words | \
        {w for w in words.lookalikes if " " not in w and len(w) > 5}
    targets = {ocr_skeleton(w): w for w in sorted(wanted)}
    rivals = set(lexicon.vocabulary) | set(words.lookalikes) | words.near_misses | words.stop
    others = tuple(sorted({ocr_skeleton(w) for w in rivals} - set(targets)))
    spelling = {fold(w): w for w in lexicon.vocabulary.values()}
    found = _Matcher(targets, others, spelling, words.generic, frozenset(wanted),
                     frozenset(k[:n] for k in targets for n in (1, 2)))
    _MATCHERS[id(lexicon)] = (lexicon, found)
    return found


_skeleton = lru_cache(maxsize=50000)(ocr_skeleton)


@lru_cache(maxsize=20000)
def _similar(text: str, matcher: _Matcher) -> tuple[str, float] | None:
    """(folded förbund or title word, score) that an OCR-damaged ``text`` reads as: its
    skeleton close enough to the word's and closer to it than to any other word we know."""
    skeleton = _skeleton(text)
    if len(skeleton) < 5:
        return None
    if skeleton in matcher.targets:
        return matcher.targets[skeleton], 100.0
    best = process.extractOne(skeleton, list(matcher.targets), scorer=fuzz.ratio,
                              score_cutoff=WORD_SCORE)
    # A letter or two lost or doubled, not a word glued on ("SamordningsförbundetRavnsjö").
    if best is None or abs(len(skeleton) - len(best[0])) > max(2, len(best[0]) // 6):
        return None
    rival = process.extractOne(skeleton, matcher.others, scorer=fuzz.ratio, score_cutoff=best[1])
    return None if rival else (matcher.targets[best[0]], best[1])


def _spelled(word: str, like: str, matcher: _Matcher) -> str:
    text = matcher.spelling.get(word, word)
    if like.isupper() and len(like) > 1:
        return text.upper()
    return text[:1].upper() + text[1:] if like[:1].isupper() else text.lower()


def _mend_word(tok: _Tok, matcher: _Matcher) -> list[_Tok]:
    mended = _mended(tok.text, matcher)
    return [_Tok(t, tok.size, True) for t in mended] if mended else [tok]


@lru_cache(maxsize=50000)
def _mended(text: str, matcher: _Matcher) -> tuple[str, ...]:
    """One token as OCR should have read it (none when it was read right): a förbund or
    title word by similarity, a year with look-alike letters ("2O19"), a title word and a
    year read into one another ("Arsredovis2n0i2n4g")."""
    if text.isalpha() and fold(text).replace(" ", "") in matcher.exact:
        return ()
    digits = ocr_digits(text)
    if digits != text and _YEAR_TOKEN_RE.fullmatch(digits):
        return (digits,)
    letters = "".join(c for c in text if not c.isdigit())
    years = "".join(c for c in text if c.isdigit())
    if len(years) == 4 and _YEAR_TOKEN_RE.fullmatch(years) and letters != text:
        hit = _similar(letters, matcher)
        if hit and hit[0] not in matcher.generic:
            return _spelled(hit[0], letters, matcher), years
    if any(c.isalpha() for c in text):
        hit = _similar(text, matcher)
        if hit and fold(text).replace(" ", "") != hit[0]:
            return (_spelled(hit[0], text, matcher),)
    return ()


def _joined_word(toks: list[_Tok], i: int, matcher: _Matcher) -> tuple[_Tok, int] | None:
    """A förbund or title word OCR split with a space ("Samordnings förbundet", "Års
    redovisning", "SAMORDNINGSFÖRBUNDE T"): the join of two or three tokens, when it reads
    as one better than the first token alone."""
    # Cheaply first: the word's first letters open a förbund or title word.
    if _skeleton(toks[i].text)[:2] not in matcher.heads:
        return None
    alone = _similar(toks[i].text, matcher)
    if alone and alone[1] == 100.0:
        return None
    best: tuple[float, str, int] | None = None
    for n in (2, 3):
        parts = toks[i:i + n]
        if len(parts) < n or not all(any(c.isalpha() for c in p.text) for p in parts):
            break
        joined = "".join(p.text.rstrip("-") for p in parts)
        hit = _similar(joined, matcher)
        if hit and hit[1] > (best[0] if best else alone[1] if alone else 0.0):
            best = (hit[1], _spelled(hit[0], joined, matcher), n)
    return (_Tok(best[1], toks[i].size, True), best[2]) if best else None


def _mend(toks: list[_Tok], lexicon: Lexicon) -> list[_Tok]:
    """A line's tokens with the scan's specks dropped and OCR-damaged förbund, title and
    year words mended: read by similarity of their OCR skeletons, words split by a space
    joined, a förbund word glued to the name parted."""
    matcher = _matcher(lexicon)
    toks = [t for t in toks if not all(c in STRAY_MARKS for c in t.text)]
    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        joined = _joined_word(toks, i, matcher)
        if joined:
            out.append(joined[0])
            i += joined[1]
            continue
        out += _mend_word(toks[i], matcher)
        i += 1
    return _unglue_generic(out, lexicon.name_words, matcher)


def _is_cap(text: str) -> bool:
    return text[:1].isupper()


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


# --- names --------------------------------------------------------------------------------


def _ends(tok: str, words: NameWords, title_words: frozenset[str]) -> bool:
    """A word a name never runs into."""
    f = fold(tok)
    # "Årsredovisning/Årsberättelse" is one token of two title words.
    return (_has_digit(tok) and not misread_word(tok)) or f in words.stop or f in title_words \
        or f in words.not_names or any(f == look for look in words.lookalikes) \
        or any(p in title_words for p in f.split())


def _name_like(toks: list[_Tok], i: int, words: NameWords, title_words: frozenset[str]) -> bool:
    if i >= len(toks):
        return False
    t = toks[i].text
    return (_is_cap(t) or t == "(") and not _ends(t, words, title_words)


def _take_forward(toks: list[_Tok], j: int, words: NameWords,
                  title_words: frozenset[str]) -> list[str]:
    """The name that starts at ``toks[j]``: capitalised words, the marks and "och"/"i" that
    join them, lower-case suffixes (län, kommun), a brand in parentheses."""
    out: list[str] = []
    while j < len(toks) and len(out) < MAX_NAME_TOKENS:
        t = toks[j].text
        f = fold(t)
        if t == "(":
            close = next((k for k in range(j + 1, min(j + 4, len(toks))) if toks[k].text == ")"),
                         None)
            # "(SCÖ)" belongs to the name, "(Org.nr 222000-3233)" does not.
            if close is None or not out or \
                    any(_ends(x.text, words, title_words) for x in toks[j + 1:close]):
                break
            out.append("(" + " ".join(x.text for x in toks[j + 1:close]) + ")")
            break
        if t in _NAME_MARKS or f in words.connectors:
            if not _name_like(toks, j + 1, words, title_words):
                break
            out.append(t)
        elif _ends(t, words, title_words):
            break
        elif f in words.suffixes and out:
            out.append(t)
        elif _is_cap(t) and f:
            out.append(t)
        else:
            break
        j += 1
    while out and (out[-1] in _NAME_MARKS or fold(out[-1]) in words.connectors):
        out.pop()
    return out


def _take_back(toks: list[_Tok], i: int, words: NameWords,
               title_words: frozenset[str]) -> list[str]:
    """The genitive name that ends just before ``toks[i]`` ("Norra Västmanlands")."""
    k = i - 1
    last = fold(toks[k].text) if k >= 0 else ""
    if not last.endswith("s") or len(last) < 3 or \
            not (_is_cap(toks[k].text) or last in words.suffixes):
        return []
    out: list[str] = []
    while k >= 0 and len(out) < MAX_NAME_TOKENS:
        t = toks[k].text
        f = fold(t)
        if _ends(t, words, title_words):
            break
        if t in _NAME_MARKS or f in words.connectors:
            if k == 0 or not _is_cap(toks[k - 1].text):
                break
        elif not (_is_cap(t) or (f in words.suffixes and k == i - 1)):
            break
        out.insert(0, t)
        k -= 1
    while out and (out[0] in _NAME_MARKS or fold(out[0]) in words.connectors):
        out.pop(0)
    return out


def _lead_in(toks: list[_Tok], j: int, words: NameWords) -> int:
    """Skip "i" or "för rehabilitering i" between the generic noun and the name."""
    if j < len(toks) and fold(toks[j].text) in words.lead_in:
        return j + 1
    if j < len(toks) and fold(toks[j].text) in words.lead_in_phrase:
        for k in range(j + 1, min(j + 5, len(toks))):
            if fold(toks[k].text) in words.lead_in:
                return k + 1
            if _is_cap(toks[k].text):
                break
    return j


def names_in_line(toks: list[_Tok], lexicon: Lexicon, next_toks: list[_Tok] | None = None,
                  prev_toks: list[_Tok] | None = None) -> list[tuple[list[str], bool]]:
    """(name words, genitive) of every förbund name printed on a line. A name may be broken
    over two lines: the generic noun or brand at the end of one and the name on the next, a
    kommun list broken after a comma or "och", a genitive whose noun opens the next line."""
    words, title_words = lexicon.name_words, lexicon.title_words
    found: list[tuple[list[str], bool]] = []
    for i, tok in enumerate(toks):
        f = fold(tok.text)
        if f in words.generic:
            back = _genitive_back(toks, i, words, title_words, prev_toks)
            definite = f.endswith("et")
            if back and not definite:
                found.append((back, True))
                continue
            if definite or _is_cap(tok.text):
                after = _past_specks(toks, i + 1, words)
                rest, j = toks, _lead_in(toks, after, words)
                if next_toks and (j >= len(toks) or _broken(toks, words, next_toks, lexicon)):
                    # "... för Samordningsförbundet i" / "Kalmar län"; "… Ravnsjö," / "Tallbo"
                    rest = toks + next_toks
                    j = _lead_in(rest, after, words)
                name = _take_forward(rest, j, words, title_words) if _name_like(
                    rest, j, words, title_words) else []
                if name:
                    found.append((name, False))
                    continue
            if back:
                found.append((back, True))
            elif not definite:
                bare = _bare_back(toks, i, words, title_words)
                if not bare and i == 0 and prev_toks:  # "Ravnsjö-Tallbo" / "samordningsförbund"
                    bare = _bare_back(prev_toks + toks, len(prev_toks), words, title_words)
                    bare = bare if _whole(bare, prev_toks) else []
                if bare:
                    found.append((bare, False))
        elif any(f.startswith(n) for n in words.brands) and _is_cap(tok.text) and \
                (i == 0 or fold(toks[i - 1].text) not in words.generic):
            broken = next_toks and ((i == len(toks) - 1 and _name_line(next_toks, lexicon))
                                    or _broken(toks, words, next_toks, lexicon))
            found += _finsam_name(toks + next_toks if broken else toks, i, f, lexicon)
    return found


def _genitive_back(toks: list[_Tok], i: int, words: NameWords, title_words: frozenset[str],
                   prev_toks: list[_Tok] | None) -> list[str]:
    """The genitive before the generic noun ``toks[i]``, perhaps begun on the line before
    ("Norra Ravnsjös" / "samordningsförbund", "Ravnsjös" / "läns samordningsförbund"; in
    running text, "… för Ravnsjös" / "läns samordningsförbund …": a line opening with the
    county word goes on a name): a county word alone ("läns") is no name."""
    back = _take_back(toks, i, words, title_words)
    if prev_toks and i == len(back) and all(fold(t) in words.suffixes for t in back):
        joined = _take_back(prev_toks + toks[:i + 1], len(prev_toks) + i, words, title_words)
        lead = joined[:len(joined) - len(back)]
        back = joined if lead and (back or _whole(lead, prev_toks)) else back
    return back if any(fold(t) not in words.suffixes for t in back) else []


def _bare_back(toks: list[_Tok], i: int, words: NameWords, title_words: frozenset[str]) -> list[str]:
    """A place first without the genitive's -s ("Ravnsjö-Tallbo samordningsförbund",
    "Ravnsjö Samordningsförbund" on a cover): capitalised words before the indefinite noun,
    on a line of names and titles, or of two places or more in running text ("Detta
    samordningsförbund har …" names none)."""
    k = i
    while k > 0 and (_is_cap(toks[k - 1].text) or toks[k - 1].text in _NAME_MARKS
                     or fold(toks[k - 1].text) in words.connectors
                     or (k == i and fold(toks[k - 1].text) in words.suffixes)) and \
            not _ends(toks[k - 1].text, words, title_words) and i - k < MAX_NAME_TOKENS:
        k -= 1
    name = [t.text for t in toks[k:i]]
    while name and (name[0] in _NAME_MARKS or fold(name[0]) in words.connectors):
        name.pop(0)
    while name and (name[-1] in _NAME_MARKS or fold(name[-1]) in words.connectors):
        name.pop()
    places = [t for t in name if _is_cap(t) and fold(t) not in words.connectors]
    rest = toks[i + 1:]
    titled = all(not any(c.isalpha() for c in t.text) or _is_cap(t.text) or _has_digit(t.text)
                 for t in rest)
    many = len(places) >= 2 or any(m in t for t in places for m in "-–/")
    # The line opens with the name (titles, years and stop words before it at most): after
    # other words ("… Varje samordningsförbund", "Kontakt: Anna Svensson samordningsförbund")
    # capitals open a sentence or name a person. One place alone is a name in a name's own
    # form only, the noun capitalised with it ("Ravnsjö Samordningsförbund", not "Detta
    # samordningsförbund" wrapped at a line's end).
    opens = all(_ends(t.text, words, title_words) or not any(c.isalpha() for c in t.text)
                for t in toks[:k])
    proper = titled and _is_cap(toks[i].text)
    return name if name and places and opens and (proper or many) else []


def _past_specks(toks: list[_Tok], j: int, words: NameWords) -> int:
    """Past the marks a scan put after a förbund word ("Samordningsförbundet, Norrsjön ."),
    on a line of names and titles only: in prose a comma parts a list ("mellan
    Samordningsförbundet, Arbetsförmedlingen och …")."""
    title_like = all(_is_cap(t.text) or not any(c.isalpha() for c in t.text)
                     or fold(t.text) in words.connectors | words.suffixes for t in toks)
    while title_like and j < len(toks) and toks[j].text in _SPECKS:
        j += 1
    return j


def _broken(toks: list[_Tok], words: NameWords, next_toks: list[_Tok], lexicon: Lexicon) -> bool:
    """A line that ends inside a name: on a mark or a joining word ("Ravnsjö, Tallbo och"),
    the next line nothing but the rest of the name (not prose that runs on: "… och" /
    "Arbetsförmedlingen har …")."""
    last = toks[-1].text if toks else ""
    # "Samordningsförbundet i Hallabys" / "län (SAMX)": the place's suffix opens the next line.
    if next_toks and fold(next_toks[0].text) in words.suffixes and any(c.isalpha() for c in last) \
            and _only_brand(next_toks[1:]):
        return True
    if not (last in _NAME_MARKS or last[-1:] in _SPACED_MARKS or fold(last) in words.connectors):
        # "Samordningsförbundet Ravnsjö" / "och Tallbo": the next line opens with the join,
        # on a line of the name alone (in "… mellan Samordningsförbundet Ravnsjö" / "och
        # Tallbo" the join is the sentence's), and no party follows it ("och Region X").
        opens = next_toks[0].text if next_toks else ""
        alone = bool(toks) and fold(toks[0].text) in words.generic | words.brands
        return _is_cap(last) and alone and (opens in _NAME_MARKS or fold(opens) in words.connectors) \
            and _name_line(next_toks[1:], lexicon) \
            and not any(fold(t.text) in lexicon.member_list_stops for t in next_toks[1:])
    return _name_line(next_toks, lexicon)


def _only_brand(toks: list[_Tok]) -> bool:
    """Nothing on a line after a name's last word but marks and a brand beside it ("(SAMX)",
    ", SAMX")."""
    text = " ".join(t.text for t in toks).strip()
    return not text or bool(re.fullmatch(r"[,\s]*(\([^)]*\)|[A-ZÅÄÖ&]{2,})?[\s.,]*", text))


def _name_line(toks: list[_Tok], lexicon: Lexicon) -> bool:
    words, title_words = lexicon.name_words, lexicon.title_words
    return _name_like(toks, 0, words, title_words) and \
        _whole(_take_forward(toks, 0, words, title_words), toks)


def _whole(name: list[str], toks: list[_Tok]) -> bool:
    """The name is all the line holds (marks aside)."""
    return bool(name) and fold(" ".join(name)) == fold(" ".join(t.text for t in toks))


def _unglue_generic(toks: list[_Tok], words: NameWords, matcher: _Matcher,
                    ocr: bool = True) -> list[_Tok]:
    """"SAMORDNINGSFÖRBUNDETGLIMMERDALEN" (a letter-spaced cover whose word gaps are no
    wider than its letter gaps; "SAMORDNINGSF6RBUNDETGLIMMERDALEN" as OCR read it): the
    generic noun and the name as two words. A rest that opens with a lead-in word
    ("…ETIGLIMMERDALEN") is left alone: "i" or a name's I? Born-digital (``ocr`` False),
    only the noun as printed: no damage to read past ("AMH–SAMORDNINGSFÖRBU|NDETI…" is none)."""
    out: list[_Tok] = []
    for tok in toks:
        noun, cut, fuzzy = _glued_noun(tok.text, matcher)
        if fuzzy and not ocr:
            noun = None
        rest = tok.text[cut:] if noun else ""
        if noun and rest[:1].isupper() and not any(fold(rest).startswith(w) for w in words.lead_in):
            out += [_Tok(_spelled(noun, tok.text[:cut], matcher) if fuzzy else tok.text[:cut],
                         tok.size, fuzzy or tok.fuzzy), _Tok(rest, tok.size)]
        else:
            out.append(tok)
    return out


@lru_cache(maxsize=50000)
def _glued_noun(text: str, matcher: _Matcher) -> tuple[str | None, int, bool]:
    """(generic noun, where it ends in ``text``, read by similarity) when a name is glued to
    it; the exact noun first, else the OCR-damaged one whose reading is the closest."""
    f = fold(text)
    noun = max((g for g in matcher.generic if f.startswith(g) and len(f) >= len(g) + 3),
               key=len, default=None)
    if noun:
        return noun, len(noun), False
    if len(text) < 20 or not text[:1].isupper() or _similar(text, matcher):
        return None, 0, False
    best: tuple[float, str, int] | None = None
    for g in matcher.generic:
        for cut in range(len(g) - 2, min(len(g) + 3, len(text) - 2)):
            hit = _similar(text[:cut], matcher)
            if hit and hit[0] == g and (best is None or (hit[1], cut) > (best[0], best[2])):
                best = (hit[1], g, cut)
    return (best[1], best[2], True) if best else (None, 0, False)


def _finsam_name(toks: list[_Tok], i: int, f: str, lexicon: Lexicon) -> list[tuple[list[str], bool]]:
    """"Finsam Gotland", "FinsamGotland", "Finsam i Örebro": the brand as the name."""
    words, title_words = lexicon.name_words, lexicon.title_words
    text = toks[i].text
    brand = next(n for n in words.brands if f.startswith(n))
    if f != brand:  # glued: "FinsamGotland", never "Finsamlagen"; two words of a name
        rest = text[len(brand):]
        return [([text[:len(brand)], rest], False)] if rest[:1].isupper() else []
    j = _lead_in(toks, i + 1, words)
    if not _name_like(toks, j, words, title_words):
        return []
    name = _take_forward(toks, j, words, title_words)
    return [([text, *(t.text for t in toks[i + 1:j]), *name], False)] if name else []


def _s_ending(word: str, endings: tuple[str, ...], ocr: bool) -> bool:
    """The place itself ends in s ("Västerås", "Kramfors"); read by OCR, which may have lost
    the ring of "ås", any "as" may be one."""
    if ocr:
        return fold(word).endswith(tuple(fold(e) for e in endings))
    return word.lower().endswith(endings)


def canonical(name: list[str], lexicon: Lexicon, genitive: bool = False,
              ocr: bool = False) -> tuple[str, bool]:
    """One printed form: marks attached as a printer sets them, capitals restored to title
    case, a genitive's -s dropped unless the place itself ends so ("Västerås", not
    "Sjöhagas": the endings compared with their å, ä, ö, which only OCR loses). Returns
    (form, was caps)."""
    letters = "".join(c for t in name for c in t if c.isalpha())
    caps = len(letters) > 3 and letters.isupper()
    words = lexicon.name_words
    out = []
    for t in name:
        f = fold(t)
        if caps and (f in words.connectors or f in words.suffixes):
            t = t.lower()
        elif caps and not (len(f) <= 3 and f not in lexicon.places):
            t = re.sub(r"[^\W\d_]+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), t)
        out.append(t)
    if genitive and out:
        whole = " ".join(out)
        stem = re.sub(r"s$", "", out[-1])
        known = fold(whole) in lexicon.places and fold(" ".join([*out[:-1], stem])) \
            not in lexicon.places
        if not (known or _s_ending(out[-1], words.s_endings, ocr)):
            out[-1] = stem
    text = " ".join(out)
    text = re.sub(r"\s+([,)])", r"\1", text).replace("( ", "(")
    text = re.sub(r"(?<=\w)([/–-]) (?=\w)", r"\1", text)  # "Ravnsjö/" | "Tallbo": broken at a mark
    # "Glimmerdalen, SAMGLI": an acronym after a comma is another name for it, not a part
    # (one in parentheses stays, as printed); "Gotland, Finsam": the brand goes first.
    alias = _ALIAS_RE.match(text) or _LEAD_ALIAS_RE.match(text)
    if alias and not caps and any(c.islower() for c in alias.group(1)):
        text = alias.group(1)
    brand = _BRAND_AFTER_RE.match(text)
    if brand and fold(brand.group(2)) in words.brands:
        text = f"{brand.group(2)} {brand.group(1)}"
    return text, caps


# --- sources ------------------------------------------------------------------------------


def _line_size(line: Line) -> float:
    return max(w.size for w in line.words)


def _margin_lines(pages: list[Page]) -> list[Line]:
    """Lines in the top and bottom margins of every page: running headers and footers (the
    document's lines have them removed)."""
    out = []
    for page in pages:
        margin = [w for w in page.words if w.top < MARGIN_SHARE * page.height
                  or w.bottom > (1 - MARGIN_SHARE) * page.height]
        out += [Line(page.number, ws, page_height=page.height) for ws in group_lines(margin)]
    return out


def _may_name(toks: list[_Tok], line: Line, lexicon: Lexicon) -> bool:
    """A cheap look before the word-by-word one: a generic noun or brand on the line (as
    mended), or letter spacing (whose words are found only by joining the letters)."""
    words = lexicon.name_words
    folded = "".join(fold(t.text) for t in toks).replace(" ", "")
    return any(w in folded for w in words.generic | words.brands) or \
        sum(len(w.text) == 1 for w in line.words) >= LETTER_SPACED_RUN


def _hit(name: list[str], genitive: bool, toks: list[_Tok], line: Line, source: str,
         lexicon: Lexicon) -> NameHit:
    ocr = any(w.confidence < 1 for w in line.words)
    printed, caps = canonical(name, lexicon, genitive, ocr)
    damaged = any(_has_digit(w) for w in name)
    words = lexicon.name_words
    # The line's förbund words read by similarity (a mended title word beside them is not).
    fuzzy = any(t.fuzzy and (fold(t.text) in words.generic or fold(t.text) in words.brands)
                for t in toks)
    return NameHit(printed, genitive, line.page, source, caps, fuzzy or damaged, damaged, ocr)


def name_hits(lines: list[Line], lexicon: Lexicon, pages: list[Page] | None = None,
              margins: list[Line] | None = None) -> list[NameHit]:
    """Every förbund name printed in the document, with where it was printed. ``margins``:
    the pages' running lines (``_margin_lines``), when the caller has them already."""
    margins = _margin_lines(pages or []) if margins is None else margins
    first = [ln for ln in lines if ln.page <= TITLE_PAGES]
    where = (max((_line_size(ln) for ln in first), default=0.0),
             max((ln.page for ln in lines), default=1))
    biggest = where[0]
    groups = _spaced_groups(lines, lexicon)
    grouped = {i for g in groups for i in g}
    hits = [h for i in range(len(lines)) if i not in grouped
            for h in _line_hits(lines, i, lexicon, where)]
    hits += _header_hits(len(pages or []), margins, lexicon)
    spellings = _spellings(lines + margins, lexicon, grouped) if groups else {}
    nw = lexicon.name_words
    nouns = {_letters(n) for n in nw.generic | nw.brands}
    for group in groups:
        found = _spaced_cover_hits([lines[i] for i in group], hits, lexicon, biggest, spellings)
        letters = _letters("".join(w.text for i in group for w in lines[i].words))
        if not found and letters in nouns:
            # The generic noun alone, letter-spaced ("S A M O R D N I N G S F Ö R B U N D E T"),
            # over the name in plain type: read as any line, with the line after it.
            found = _line_hits(lines, group[-1], lexicon, where)
        if not all(_spaced(lines[i]) for i in group):
            # Letters OCR glued into words were parted by the document's words: a guess that
            # a name printed whole elsewhere outranks. Letters that part into no name are
            # read line by line, as any capitals are.
            found = [replace(h, fuzzy=True) for h in found] or \
                [h for i in group for h in _line_hits(lines, i, lexicon, where)]
        hits += found
    return hits


def _line_hits(lines: list[Line], i: int, lexicon: Lexicon, where: tuple[float, int]
               ) -> list[NameHit]:
    """The names printed on ``lines[i]`` (perhaps broken over the next or previous line);
    ``where``: the cover's largest type and the last page."""
    line = lines[i]
    toks = tokens(line.words, lexicon)
    if not _may_name(toks, line, lexicon):
        return []
    biggest, last_page = where
    nxt, prev = _neighbours(lines, i, lexicon)
    out = []
    for name, genitive in names_in_line(toks, lexicon, nxt, prev):
        if line.page <= COVER_PAGES and _line_size(line) >= COVER_SIZE_SHARE * biggest:
            source = "cover"
        elif line.page <= TITLE_PAGES:
            source = "text"
        elif line.page > last_page - SIGNATURE_PAGES:
            source = "signature"
        else:
            source = "body"
        out.append(_hit(name, genitive, toks, line, source, lexicon))
    return out


def _spellings(lines: list[Line], lexicon: Lexicon, spaced: set[int]) -> dict[str, str]:
    """The words the document prints (not letter-spaced: ``spaced`` are the cover's such
    lines), by their letters: what a letter-spaced cover's letters may be parted into. Title
    words are no part of a name."""
    words = lexicon.name_words
    out = {c: c for c in words.connectors if c.isalpha()}
    # "län", "kommun", "stad" after a place, as the lexicon spells them.
    out |= {_letters(s): lexicon.vocabulary.get(s, s) for s in words.suffixes}
    for k, line in enumerate(lines):
        if _spaced(line) or k in spaced:
            continue
        for w in line.words:
            text = w.text.strip(",.;:()")
            # Words of a name: capitalised, three letters or more ("S:a", "M" are none).
            if text[:1].isupper() and len(_letters(text)) >= 3 and \
                    fold(text) not in lexicon.title_words:
                # Capitals tell nothing of a name's case: a mixed-case printing spells it.
                key = _letters(text)
                if key not in out or (out[key].isupper() and not text.isupper()):
                    out[key] = text
    return out


def _segment(letters: str, spellings: dict[str, str]) -> list[str] | None:
    """``letters`` as the fewest words of ``spellings`` (by their letters; a word printed
    elsewhere may stand here in the genitive: "Glimmerdalens" of "Glimmerdalen"), spelt as
    printed; None when they do not part so."""
    def spelt(part: str) -> str | None:
        if part in spellings:
            return spellings[part]
        return spellings[part[:-1]] + "s" if part.endswith("s") and part[:-1] in spellings else None
    best: list[list[str] | None] = [[]] + [None] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(end):
            word = spelt(letters[start:end]) if best[start] is not None else None
            if word and (best[end] is None or len(best[start]) + 1 < len(best[end])):
                best[end] = [*best[start], word]
    return best[-1]


def _spaced_groups(lines: list[Line], lexicon: Lexicon) -> list[list[int]]:
    """Letter-spaced lines in a row on a cover page (their letters read apart, or glued into
    one word): one name wrapped where a line filled."""
    glued = _glued_lines(lines, lexicon)
    groups: list[list[int]] = []
    for i, line in enumerate(lines):
        if line.page > COVER_PAGES or not (_spaced(line) or i in glued):
            continue
        if groups and groups[-1][-1] == i - 1 and lines[i - 1].page == line.page:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _letters(text: str, drop: frozenset[str] = frozenset()) -> str:
    """A printing's letters and digits, folded, its words in ``drop`` (generic nouns, brands)
    left out: how printings cut, glued or letter-spaced differently are compared."""
    return "".join(c for w in text.split() if fold(w) not in drop for c in fold(w) if c.isalnum())


def _spaced_cover_hits(group: list[Line], others: list[NameHit], lexicon: Lexicon,
                       biggest: float, spellings: dict[str, str]) -> list[NameHit]:
    """A letter-spaced cover with no wider gaps between its words, perhaps wrapped inside a
    word ("S A M O R D N I N G S F Ö R B U N D E T N O R R A H" / "A L L A B Y"), cannot be
    parted into words by itself: its letters are read against what the document prints
    elsewhere. Where gaps part its words, each line is read as printed (joined where a wrap
    cut a word the document spells)."""
    source = "cover" if _line_size(group[0]) >= COVER_SIZE_SHARE * biggest else "text"
    ocr = any(w.confidence < 1 for line in group for w in line.words)
    if all(_gapless(line) for line in group):
        found = _cover_letters(group, others, lexicon, spellings)
        if found is not None:
            name, genitive, unsure = found
            return [NameHit(name, genitive, group[0].page, source, True, fuzzy=unsure,
                            damaged=unsure, ocr=ocr)]
    out: list[NameHit] = []
    lines = _join_spaced_breaks(group, lexicon, spellings)
    for i, line in enumerate(lines):
        toks = tokens(line.words, lexicon)
        nxt = tokens(lines[i + 1].words, lexicon) if i + 1 < len(lines) else None
        source = "cover" if _line_size(line) >= COVER_SIZE_SHARE * biggest else "text"
        out += [_hit(name, genitive, toks, line, source, lexicon)
                for name, genitive in names_in_line(toks, lexicon, nxt)]
    return out


def _neighbours(lines: list[Line], i: int, lexicon: Lexicon
                ) -> tuple[list[_Tok] | None, list[_Tok] | None]:
    """The tokens of the next and the previous line on the same page (a name broken over
    two), past lines that hold nothing but a scan's specks ("Samordningsförbundet" / "' ." /
    "Ravnsjö")."""
    def near(k: int, step: int) -> list[_Tok] | None:
        while 0 <= k < len(lines) and lines[k].page == lines[i].page:
            toks = tokens(lines[k].words, lexicon)
            if any(sum(c.isalnum() for c in t.text) >= 2 for t in toks):
                return toks
            k += step
        return None
    return near(i + 1, 1), near(i - 1, -1)


def _header_hits(pages: int, margin: list[Line], lexicon: Lexicon) -> list[NameHit]:
    """Names in running headers and footers (``margin``, of a document of ``pages`` pages):
    the same name in the margin of many pages. A small-type header OCR damages differently
    on each page ("Sjohaga", "tonneby"): printings this alike are one header, spelt as most
    pages print it."""
    clusters: list[tuple[str, list[NameHit]]] = []
    for i, line in enumerate(margin):
        toks = tokens(line.words, lexicon)
        if not _may_name(toks, line, lexicon):
            continue
        for name, genitive in names_in_line(toks, lexicon, *_neighbours(margin, i, lexicon)):
            hit = _hit(name, genitive, toks, line, "header", lexicon)
            skeleton = ocr_skeleton(hit.printed)
            same = next((hs for rep, hs in clusters
                         if fuzz.ratio(skeleton, rep) >= NAME_GROUP_SCORE), None)
            if same is None:
                clusters.append((skeleton, [hit]))
            else:
                same.append(hit)
    need = max(HEADER_MIN_PAGES, pages // 3)
    out: list[NameHit] = []
    for _, hits in clusters:
        if len({h.page for h in hits}) >= need:
            _spell_as_most(hits)
            out += hits
    return out


def _spell_as_most(hits: list[NameHit]) -> None:
    """Every printing spelt as most print it (with å, ä, ö where any does); one spelt
    otherwise by OCR was read by consensus, so says so."""
    counts = Counter(fold(h.printed) for h in hits if not h.damaged) or \
        Counter(fold(h.printed) for h in hits)
    top = max(counts, key=lambda k: (counts[k], k))
    printed = Counter(h.printed for h in hits if fold(h.printed) == top)
    spelt = max(printed, key=lambda p: (sum(c in SWEDISH_LETTERS for c in p), printed[p]))
    for h in hits:
        if fold(h.printed) != top:
            h.printed, h.fuzzy, h.damaged = spelt, True, False


# --- organisationsnummer ------------------------------------------------------------------


def find_orgnr(lines: list[Line], lexicon: Lexicon) -> tuple[str | None, bool]:
    """The förbund's organisationsnummer: a number with a förbund prefix (222000-), labelled
    ones first; never a member's (212000-, 232100-) nor a look-alike body's. Also read with
    OCR's look-alike letters ("222O00-I859"); (number, found only so)."""
    words = lexicon.name_words
    scores: Counter[str] = Counter()
    mended: set[str] = set()
    def read(k: int) -> str:
        return _digits_read(" ".join(t.text for t in tokens(lines[k].words, lexicon)))
    for i, line in enumerate(lines):
        if not any(p in _digits_read(line.text).replace(" ", "") for p in words.orgnr_prefixes):
            continue
        text = read(i)
        if any(_names_lookalike(read(k), words) for k in range(max(0, i - 1), i + 1)
               if lines[k].page == line.page):
            continue
        labelled = any(label in fold(text) for label in words.orgnr_labels) or \
            re.search(r"org\W*nr", text, re.IGNORECASE)
        for m in _ORGNR_RE.finditer(text):
            if m.group(1) in words.orgnr_prefixes:
                number = normal_orgnr(f"{m.group(1)}-{m.group(2)}")
                scores[number] += (3 if labelled else 1) + (1 if line.page <= TITLE_PAGES else 0)
                if f"{m.group(1)}" not in line.text or m.group(2) not in line.text:
                    mended.add(number)
    best = scores.most_common(1)[0][0] if scores else None
    return best, best in mended


def _digits_read(text: str) -> str:
    """Numbers as OCR should have read them: look-alike letters made digits ("222O00-I859")."""
    return re.sub(r"[0-9A-Za-z|]+", lambda m: ocr_digits(m.group(0)), text)


def _names_lookalike(text: str, words: NameWords) -> bool:
    """A look-alike body named on the line ("Västra Mälardalens Kommunalförbund",
    "Räddningstjänstförbundet Mitt", "Nationella rådet"); not a förbund that says it is a
    kommunalförbund in law ("Förbundet som är ett kommunalförbund har organisationsnummer")."""
    toks = text.split()
    for k, tok in enumerate(toks):
        named = k > 0 and _is_cap(toks[k - 1]) and fold(toks[k - 1]).endswith("s")
        if fold(tok) in words.lookalikes and (_is_cap(tok) or named):
            return True
    folded = f" {fold(text)} "
    return any(" " in look and f" {look} " in folded for look in words.lookalikes)


# --- kind and year ------------------------------------------------------------------------


@dataclass
class _Title:
    kind: str
    line: int  # index into the lines searched
    start: int  # token index where the title phrase starts
    fuzzy: bool = False  # a title word read through OCR damage


TITLE_LINE_SIZE_RATIO = DIGITAL.classify.title_line_size_ratio
TITLE_LINE_GAP = DIGITAL.classify.title_line_gap


def _continues(line: Line, nxt: Line) -> bool:
    """``nxt`` is the next line of a title set over two lines."""
    a, b = _line_size(line), _line_size(nxt)
    top = min(w.top for w in line.words)
    return nxt.page == line.page and min(a, b) >= TITLE_LINE_SIZE_RATIO * max(a, b) and \
        0 < min(w.top for w in nxt.words) - top <= (1 + TITLE_LINE_GAP) * a


def _kind(lines: list[Line], lexicon: Lexicon) -> _Title | None:
    """The kind named in the largest type on the first pages (the leftmost, longest title
    phrase of that line; a phrase may go on to the next line of a title set over two)."""
    table = lexicon.kinds.exact
    best: tuple[tuple, _Title] | None = None
    for i, line in enumerate(lines):
        toks = tokens(line.words, lexicon)
        # "Årsredovisning/Årsberättelse" is one word of two title words.
        folded = [(k, f) for k, t in enumerate(toks) for f in fold(t.text).split()]
        own = len(folded)
        if i + 1 < len(lines) and lines[i + 1].words and _continues(line, lines[i + 1]):
            first = len(toks)
            toks = toks + tokens(lines[i + 1].words, lexicon)
            folded += [(k, f) for k, t in enumerate(toks[first:], first)
                       for f in fold(t.text).split()]
        size = _line_size(line)
        for j in range(own):
            for n in range(KIND_MAX_WORDS, 0, -1):
                if j + n > len(folded):
                    continue
                kind = table.get(" ".join(f for _, f in folded[j:j + n]))
                if kind:
                    rank = (size, -i, -j, n)
                    fuzzy = any(toks[k].fuzzy for k, _ in folded[j:j + n])
                    if best is None or rank > best[0]:
                        best = (rank, _Title(kind, i, folded[j][0], fuzzy))
                    break
    return best[1] if best else None


# A period's number before its year ("Tertialrapport 2/2021", "08/2023").
_NUMBERED_YEAR_RE = re.compile(r"^\d{1,2}/(19[89]\d|20[0-4]\d)(?!\d)")


def _year_tokens(toks: list[_Tok]) -> list[tuple[int, int]]:
    return [(k, int(m.group(1))) for k, t in enumerate(toks)
            if (m := _YEAR_TOKEN_RE.match(t.text) or _NUMBERED_YEAR_RE.match(t.text))]


def _title_year(lines: list[Line], title: _Title | None, lexicon: Lexicon) -> int | None:
    """The year a title names: "Årsredovisning 2024", "ÅRSREDOVISNING AVSEENDE 2007 ÅRS
    VERKSAMHET", "Verksamhetsplan och budget för 2017 samt ... 2018", "Budget 2010 med plan
    för ..."; else the one year on the cover's large lines."""
    if title is not None:
        years = _year_tokens(tokens(lines[title.line].words, lexicon))
        after = [y for k, y in years if k >= title.start]
        if after:
            return after[0]
        if years:
            return years[-1]
        below = [ln for ln in lines[title.line + 1:title.line + 3]
                 if ln.page == lines[title.line].page]
        for ln in below:
            years = _year_tokens(tokens(ln.words, lexicon))
            if years:
                return years[0][1]
    first = [ln for ln in lines if ln.page <= COVER_PAGES]
    biggest = max((_line_size(ln) for ln in first), default=0.0)
    cover = {y for ln in first if _line_size(ln) >= COVER_SIZE_SHARE * biggest
             for _, y in _year_tokens(tokens(ln.words, lexicon))}
    return cover.pop() if len(cover) == 1 else None


def _phrase_year(lines: list[Line], lexicon: Lexicon) -> int | None:
    """A title phrase followed by a year anywhere on the first pages or in running lines
    ("Samordningsförbundet X · Årsredovisning 2024")."""
    table = lexicon.kinds.exact
    found: Counter[int] = Counter()
    for line in lines:
        toks = tokens(line.words, lexicon)
        for k, t in enumerate(toks):
            if any(table.get(f) for f in fold(t.text).split()):
                year = next((y for kk, y in _year_tokens(toks) if k < kk <= k + 4), None)
                if year:
                    found[year] += 1
    return found.most_common(1)[0][0] if found else None


def _period_year(lines: list[Line], lexicon: Lexicon) -> int | None:
    """The year a period phrase names on the first pages: "Verksamhetsåret 2016",
    "räkenskapsår 2016-01-01 – 2016-12-31", "för perioden 2016-01-01--2016-12-31"."""
    found: Counter[int] = Counter()
    for line in lines:
        toks = tokens(line.words, lexicon)
        for k, t in enumerate(toks):
            if fold(t.text) in lexicon.period_words:
                year = next((y for kk, y in _year_tokens(toks) if k < kk <= k + 3), None)
                if year:
                    found[year] += 1
    return found.most_common(1)[0][0] if found else None


def _column_year(lines: list[Line], lexicon: Lexicon) -> int | None:
    """The year of the statements' columns: a line of years where a year and the one before
    stand together ("2024 2023", "Budget 2024 Utfall 2024 Utfall 2023")."""
    found: Counter[int] = Counter()
    for line in lines:
        years = {y for _, y in _year_tokens(tokens(line.words, lexicon))}
        pairs = [y for y in years if y - 1 in years]
        if pairs and len(years) >= 2:
            found[max(pairs)] += 1
    return found.most_common(1)[0][0] if found else None


def _frequent_year(lines: list[Line], lexicon: Lexicon) -> int | None:
    years = Counter(y for ln in lines for _, y in _year_tokens(tokens(ln.words, lexicon)))
    return years.most_common(1)[0][0] if years else None


def fiscal_year(lines: list[Line], first: list[Line], title: _Title | None, lexicon: Lexicon,
                margins: list[Line]) -> tuple[int | None, str | None]:
    year = _title_year(first, title, lexicon) or _phrase_year(first + margins, lexicon)
    if year:
        return year, "title"
    year = _period_year(first + margins, lexicon)
    if year:
        return year, "period"
    year = _column_year(lines, lexicon)
    if year:
        return year, "columns"
    year = _frequent_year(first, lexicon)
    return (year, "frequent") if year else (None, None)


# --- the förbund ----------------------------------------------------------------------------


def identify(hits: list[NameHit], orgnr: str | None, lexicon: Lexicon) -> Identity:
    """The register entry (or none) and the hits of the name the document goes by: the name
    printed with the most weight. The organisationsnummer's entry wins over the name's; a
    name the register does not know beside a known number is the förbund's new name."""
    register = lexicon.register
    groups: dict[str, Identity] = {}
    weight: Counter[str] = Counter()
    for hit in hits:
        match = register.match(hit.printed, hit.genitive, hit.ocr)
        key = f"reg:{match.entry.name}" if match else f"name:{register.key(hit.printed)}"
        if not key.split(":", 1)[1]:
            continue
        group = groups.setdefault(key, Identity(match.entry if match else None,
                                                match.how if match else None))
        # A running header or footer is one printing, however many pages repeat it.
        if not (hit.source == "header" and any(h.source == "header" for h in group.hits)):
            weight[key] += SOURCE_WEIGHT[hit.source] * (FUZZY_SHARE if hit.fuzzy else 1.0)
        group.hits.append(hit)
    _fuller_names(weight, groups, register.drop)
    _damaged_printings(weight, groups)
    _garbled_cover(weight, groups, register.drop)
    best = max(weight, key=lambda k: (weight[k], -min(h.page for h in groups[k].hits)),
               default=None)
    ident = groups[best] if best else Identity(None, None)
    entry = register.by_orgnr(orgnr)
    if entry is None or entry is ident.entry:
        return Identity(ident.entry, "orgnr" if entry else ident.how, ident.hits)
    mine = groups.get(f"reg:{entry.name}")
    return Identity(entry, "orgnr", mine.hits if mine else
                    ident.hits if ident.entry is None else [])


def _fuller_names(weight: Counter[str], groups: dict[str, Identity],
                  drop: frozenset[str] = frozenset()) -> None:
    """A name printed cut short (a cover line broken inside a kommun list: "Finsam Trastbo"
    of "Finsam Trastbo, Sjöhaga och Lönneby", or inside a word: "Säljeh"; a letter-spaced
    cover OCR read without its word gaps: "FINSAMTRASTBO,SJÖHAGAOCHL", whole but in fewer
    words: "FINSAMNORRAVALLBYGDEN"; read by OCR, a cut word's last letter misread: "Björkvattr",
    "Mossbacken och Tc och Kärrby") adds its weight to
    the fullest name it is part of (its words, the last perhaps cut, or its first letters,
    generic words and brands aside); its own printings stay its own, so the fuller name is
    the one printed."""
    def letters(text: str) -> str:
        return _letters(text, drop)
    keys = [k for k in weight if k.startswith("name:")]
    words = {k: set(k.split(":", 1)[1].split()) for k in keys}
    spelt = {k: {letters(h.printed) for h in groups[k].hits} for k in keys}

    # An acronym printed beside the name ("Glimmerdalen (SAMGLI)") is another whole name for
    # it, not a cut one: a cover that prints it alone keeps its own weight.
    acronyms = {k: {fold(p) for h in groups[k].hits for p in name_parts(h.printed)[1:]
                    if p.isupper() and " " not in p} for k in keys}

    # Printings read by OCR and never in a running header (a cut does not repeat page by page).
    scanned = {k for k in keys if all(h.ocr and h.source != "header" for h in groups[k].hits)}

    def cut(p: str, w: str, k: str, o: str) -> bool:
        # A word cut short; read by OCR, its last letter perhaps what is left of the cut one
        # ("Björkvattr" of "Björkvattnet", "Tc" of "Torvik" in a kommun list) when enough
        # letters stay or the name shares a whole word with the fuller one.
        if w.startswith(p):
            return True
        return k in scanned and 2 <= len(p) < len(w) and w.startswith(p[:-1]) and \
            cut_glyph(p[-1], w[len(p) - 1]) and (len(p) > CUT_WORD_LETTERS or bool(words[k] & words[o]))

    def part_of(k: str, o: str) -> bool:
        if k == o or words[k] == words[o] or " ".join(sorted(words[k])) in acronyms[o]:
            return False
        if len(words[k]) <= len(words[o]) and all(
                p in words[o] or any(cut(p, w, k, o) for w in words[o]) for p in words[k]):
            return True
        if len(words[k]) < len(words[o]) and all(h.caps for h in groups[k].hits) and \
                spelt[k] & spelt[o]:
            return True  # capitals read without their word breaks ("FINSAMNORRAVALLBYGDEN")
        return any(len(f) > len(s) and f.startswith(s) for s in spelt[k] for f in spelt[o])
    extra: Counter[str] = Counter()
    for k in keys:
        fuller = [o for o in keys if part_of(k, o)]
        top = max(fuller, key=lambda o: len(o), default=None)
        if top and all(o == top or part_of(o, top) for o in fuller):
            extra[top] += weight[k]
    weight.update(extra)


def _damaged_printings(weight: Counter[str], groups: dict[str, Identity]) -> None:
    """A name printed with OCR damage ("Ravnsj6", "Norrsj0n") joins the name it is a damaged
    printing of (the closest by OCR skeleton, read whole elsewhere in the document): its
    weight is added there and its hits too, so the whole printing is the one stored."""
    keys = [k for k in weight if k.startswith("name:")]
    damaged = [k for k in keys if all(h.damaged for h in groups[k].hits)]
    whole = {k: ocr_skeleton(groups[k].hits[0].printed) for k in keys if k not in damaged}
    for k in damaged:
        best = process.extractOne(ocr_skeleton(groups[k].hits[0].printed), whole,
                                  scorer=fuzz.ratio, score_cutoff=NAME_GROUP_SCORE)
        if best:
            weight[best[2]] += weight.pop(k)
            groups[best[2]].hits += groups.pop(k).hits


def _garbled_cover(weight: Counter[str], groups: dict[str, Identity], drop: frozenset[str]) -> None:
    """An OCR'd cover whose lines Tesseract read into one another ("FINSAM SÄLJE, HOLOMCH
    BBACYKA" of "… HOLMBY OCH" / "BACKA") names what the running header names: printed once,
    with the header name's letters shuffled, it joins that name (``matching.garbled_cover_score``),
    whose spelling is then stored; a cover read cleanly keeps its own weight."""
    def name(k: str) -> str:
        return " ".join(w for w in groups[k].hits[0].printed.split() if fold(w) not in drop)

    def shuffled(a: str, b: str) -> bool:  # the same letters: "Norra" is no "Södra"
        bag_a, bag_b = Counter(fold(a).replace(" ", "")), Counter(fold(b).replace(" ", ""))
        return sum(((bag_a - bag_b) + (bag_b - bag_a)).values()) <= 1
    keys = [k for k in weight if k.startswith("name:")]
    headed = {k: ocr_skeleton(name(k)) for k in keys
              if any(h.source == "header" for h in groups[k].hits)}
    for k in keys:
        hits = groups[k].hits
        if k in headed or len(hits) != 1 or not hits[0].ocr or hits[0].source != "cover":
            continue
        best = process.extractOne(ocr_skeleton(name(k)), headed, scorer=fuzz.ratio,
                                  score_cutoff=GARBLED_COVER_SCORE)
        if best and shuffled(name(k), name(best[2])):
            hits[0].fuzzy = hits[0].damaged = True
            weight[best[2]] += weight.pop(k)
            groups[best[2]].hits += groups.pop(k).hits


def _complete_cut(hits: list[NameHit], drop: frozenset[str]) -> None:
    """A cover line cut inside a word ("SAMORDNINGSFÖRBUNDETSAMG" / "LI", a letter-spaced
    cover with no word gaps) is completed from the name or brand it begins, printed whole
    elsewhere in the document ("Glimmerdalen (SAMGLI)"): the shortest such printing."""
    def letters(text: str) -> str:
        return _letters(text, drop)
    def ends(text: str) -> set[int]:  # where the words of a printing end, in letters
        lengths = [len(letters(w)) for w in re.split(r"[\s,/&–-]+", text) if letters(w)]
        return {sum(lengths[:i + 1]) for i in range(len(lengths))}
    spelt = Counter(letters(h.printed) for h in hits)
    for h in hits:
        own = letters(h.printed)
        parts = {p for o in hits if o is not h for p in name_parts(o.printed)}
        # Only a cover line cut inside a word: not a name printed so more than once, as part
        # of another printing, or another förbund's name it begins ("Göteborg" of
        # "Göteborg Väster").
        if h.source != "cover" or len(own) < 3 or spelt[own] > 1 or \
                any(letters(p) == own for p in parts):
            continue
        whole = [p for p in parts if letters(p).startswith(own) and len(letters(p)) > len(own)
                 and len(own) not in ends(p)]
        if whole:
            h.printed = min(whole, key=lambda p: len(letters(p)))


def _genitive_stems(hits: list[NameHit], lines: list[Line]) -> None:
    """A genitive whose place seems to end in s ("Ljungås samordningsförbund") is the place
    without its -s when the document prints that place elsewhere ("kommunerna Ljungå och
    Höganbo", "Finsam Ljungå"); "Västerås" stays, as "Västerå" is printed nowhere."""
    doubtful = [h for h in hits if h.genitive and h.printed.endswith("s") and len(h.printed) > 3]
    if not doubtful:
        return
    printed = {fold(w.text.strip(",.;:()")) for ln in lines for w in ln.words
               if w.text[:1].isupper()}
    printed |= {fold(h.printed) for h in hits if not h.genitive}
    for h in doubtful:
        stem = h.printed[:-1]
        if fold(stem) in printed or fold(stem.split()[-1]) in printed:
            h.printed = stem


def _best_hit(hits: list[NameHit], connectors: frozenset[str] = frozenset()) -> NameHit:
    """The most trusted printing: read without OCR damage, highest source, mixed case before
    capitals, most common."""
    counts = Counter(h.printed for h in hits)
    best = max(hits, key=lambda h: (not h.damaged, not h.fuzzy, SOURCE_WEIGHT[h.source],
                                    not h.caps, counts[h.printed]))
    # OCR loses the small words and marks of a kommun list ("Mossbacken Torvik Kärrby" of
    # "Mossbacken och Torvik och Kärrby") and never adds one: a fuller printing spells it.
    joins = {h.printed: _joins(h.printed, connectors) for h in hits}
    fuller = [h for h in hits if best.ocr and joins[h.printed] > joins[best.printed]]
    if fuller:
        best = max(fuller, key=lambda h: (joins[h.printed], not h.damaged, not h.fuzzy,
                                          SOURCE_WEIGHT[h.source], not h.caps))
    # Capitals whose case was guessed: the same name printed in mixed case spells it.
    spelt = [h for h in hits if best.caps and not h.caps and fold(h.printed) == fold(best.printed)]
    return max(spelt, key=lambda h: counts[h.printed]) if spelt else best


def _joins(printed: str, connectors: frozenset[str]) -> int:
    return sum(t.lower() in connectors for t in printed.replace(",", " , ").split())


def _stored_name(best: NameHit, hits: list[NameHit], lexicon: Lexicon) -> str:
    """The name an unknown förbund is stored under, as the register keeps a known one's: a
    brand or acronym beside the place left out ("Ravnsjö (SAMRA)"; "RAVNSJÖ, SAMRA" in
    capitals, where case cannot tell an acronym from a kommun, when the document prints the
    name without it elsewhere), the county it lies "i", and a trailing "kommun" ([forbund]
    key_noise)."""
    text = re.sub(r"^(.*\S)\s*\([^)]*\)$", r"\1", best.printed)
    head = _HEAD_RE.match(text)
    key = lexicon.register.key
    tail = _TAIL_RE.match(text)
    for part in (head, tail):
        if not (best.caps and part and any(not h.caps and key(h.printed) == key(part.group(1))
                                           for h in hits)):
            continue
        # At a dash, the part left out is a brand only when it is an acronym of the name
        # ("RAVNSJÖ – SAMRA"); "RAVNSJÖ – TALLBO" are two places, one perhaps a neighbour's.
        comma = part is head and part.group(0).endswith(",")
        left_out = text[part.end():] if part is head else text[:part.start(1)]
        if comma or _acronym_of(left_out, part.group(1), lexicon.name_words):
            text = part.group(1)
            break
    # "Karlskoga/Degerfors i Örebro län": the county it lies in is no part of the name; in
    # "Finsam i Örebro län" it is the name (the brand before it names no place).
    inside = re.match(r"^(\S.*?) i (?:[A-ZÅÄÖ]\w* )+(\w+)$", text)
    if inside and fold(inside.group(2)) in lexicon.name_words.suffixes and \
            key(inside.group(1)):
        text = inside.group(1)
    words = text.split()
    while len(words) > 1 and fold(words[-1]) in lexicon.name_words.key_noise:
        words.pop()
    return " ".join(words)


def _acronym_of(brand: str, name: str, words: NameWords) -> bool:
    """Whether ``brand``'s letters stand in order among a generic noun's and ``name``'s
    ("SAMRA" of "Samordningsförbundet Ravnsjö", "ÖHL" of "Övre Hallabergs län")."""
    letters = iter(max((_letters(g) for g in words.generic), key=len) + _letters(name))
    return bool(_letters(brand)) and all(c in letters for c in _letters(brand))


def _with_diacritics(name: str, lines: list[Line]) -> str:
    """An OCR'd name's words given the å, ä and ö the document prints them with elsewhere
    ("Halleberg" where the text says "kommunerna Hälleberg och …"): OCR loses them, never
    adds them."""
    spelt = printed_spellings(w.text.strip(",.;:()") for line in lines for w in line.words)

    def respelt(word: str) -> str:
        found = spelt.get(fold(word))
        if not found or SWEDISH_LETTERS & set(word):
            return word
        best = found.most_common(1)[0][0]
        return best.upper() if word.isupper() and len(word) > 1 else best
    return re.sub(r"[^\W\d_]+", lambda m: respelt(m.group(0)), name)


def _join_hyphenated(lines: list[Line], lexicon: Lexicon) -> list[Line]:
    """A förbund or title word hyphenated at a line end ("Samordnings-" / "förbundet
    Ravnsjö") made one word on the first line; the second line keeps the rest."""
    matcher = _matcher(lexicon)
    out = list(lines)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.page != b.page or not a.words or not b.words or \
                not re.search(r"\w[-–—]$", a.words[-1].text):
            continue
        last, head = a.words[-1], b.words[0]
        joined = last.text[:-1] + head.text
        hit = _similar(joined, matcher)
        # A first half that is a word of its own stays apart, unless the two make one of
        # ours as printed ("Verksamhets-" / "berättelse 2015").
        if hit is None or (hit[1] < 100 and _similar(last.text[:-1], matcher)):
            continue
        word = replace(last, text=joined, x1=max(last.x1, last.x0 + 1))
        out[i] = replace(a, words=[*a.words[:-1], word])
        out[i + 1] = replace(b, words=b.words[1:])
    return [ln for ln in out if ln.words]


def _spaced(line: Line) -> bool:
    singles = sum(len(w.text) == 1 for w in line.words)
    return singles == len(line.words) or (singles >= LETTER_SPACED_RUN
                                          and singles >= SPACED_SHARE * len(line.words))


def _glued_lines(lines: list[Line], lexicon: Lexicon) -> set[int]:
    """A letter-spaced cover name OCR read as one word per line, its letters glued across the
    name's word breaks ("SAMORDNINGSFÖRBUNDETTRA" / "STBOOCHSJÖHAGAOCHLÖNNEB" / "Y", often in
    serif type): a run of two lines or more of capital words the lexicon does not spell, one
    of them a piece of ``GLUED_LETTERS`` letters or more, whose letters hold a generic noun
    or brand run into other letters. Such lines have no gaps, so they are read by their
    letters as a gapless cover is. A cover in plain capitals ("SAMORDNINGSFÖRBUNDET" /
    "KARLSKOGA/DEGERFORS", a title word over it) is no such run."""
    words = lexicon.name_words
    known = words.generic | words.brands | lexicon.title_words
    nouns = {_letters(n) for n in words.generic | words.brands}
    # A wrapped name's last line may be the suffix word alone ("…HALLABERGS" / "LÄN").
    ends = {_letters(w) for w in words.suffixes}

    def capitals(k: int) -> bool:
        ws = lines[k].words
        return lines[k].page <= COVER_PAGES and 0 < len(ws) <= 2 and all(_capitals(w.text) for w in ws)

    def unknown(k: int) -> bool:
        return capitals(k) and all(fold(w.text) not in known and fold(w.text) not in lexicon.vocabulary
                                   for w in lines[k].words)

    def long_piece(k: int) -> bool:
        return any(len(p) >= GLUED_LETTERS for w in lines[k].words
                   for p in re.split(f"[{re.escape(GLUE_MARKS)}]", w.text))

    def line_letters(k: int) -> str:
        return _letters("".join(w.text for w in lines[k].words))
    out: set[int] = set()
    for i in range(len(lines)):
        if i in out or not unknown(i) or not long_piece(i):
            continue
        run = [i]
        for step in (-1, 1):
            k = i + step
            while 0 <= k < len(lines) and lines[k].page == lines[i].page and (
                    unknown(k) or (capitals(k) and line_letters(k) in ends)):
                run.append(k)
                k += step
        run.sort()
        if len(run) >= 2 and _noun_run_into(nouns, [line_letters(k) for k in run]):
            out |= set(run)
    return out


def _noun_run_into(nouns: set[str], parts: list[str]) -> bool:
    """Whether a generic noun or brand stands among the lines' letters run into other letters
    (inside a line, or across a line's end), not as a line of its own."""
    letters = "".join(parts)
    bounds = {0, *itertools.accumulate(len(p) for p in parts)}
    return any(not (m.start() in bounds and m.start() + len(n) in bounds)
               for n in nouns for m in re.finditer(re.escape(n), letters))


def _capitals(text: str) -> bool:
    """Capitals only, perhaps with the marks a name holds ("HALLABERG(SAMX)", "TALLBO–EKBY")."""
    return any(c.isalpha() for c in text) and all(c.isupper() or c in GLUE_MARKS for c in text)


def _gapless(line: Line) -> bool:
    """A letter-spaced line with no gap wider than its letters' (its words not parted)."""
    ws = line.words
    gaps = [b.x0 - a.x1 for a, b in zip(ws, ws[1:], strict=False)]
    usual = median(gaps) if gaps else 0.0
    return not any(g > LETTER_GAP_FACTOR * max(usual, 0.5) and g - usual > 1.0 for g in gaps)


def _letter_runs(words: list[Word]) -> list[Word]:
    """A letter-spaced line's words; a line of a few letters only ("H A") is one."""
    short = len(words) < LETTER_SPACED_RUN and all(len(w.text) == 1 for w in words)
    return [_joined(words)] if short else despace(words)


def _cover_letters(group: list[Line], others: list[NameHit], lexicon: Lexicon,
                   spellings: dict[str, str]) -> tuple[str, bool, bool] | None:
    """(name, genitive, unsure) from a gapless cover's letters, in this order: a name the
    document prints elsewhere (whole or a part beside its brand: "Ledstången (LEDA)") with a
    generic noun or brand before it or a genitive's noun after; the letters parted into
    words the document prints; the letters after the generic noun as one word (unsure:
    a whole printing of the name elsewhere is then the one stored)."""
    words = lexicon.name_words
    marked = "".join(w.text for line in group for w in line.words)
    # A brand after the name in parentheses, after a comma or a dash ("…EKHOLMEN(NAVIGATORN)",
    # "…EKHOLMEN–SAMEK") is no part of it: the letters before the mark are read too, after
    # the whole.
    # A brand before a dash ("SAMEK–SAMORDNINGSFÖRBUNDETIEKHOLMEN") is read past: the letters
    # after the mark are read last.
    heads = [marked, marked.split("(")[0], marked.rpartition(",")[0]]
    unparted = min((_letters(h) for h in heads if _letters(h)), key=len, default="")
    spelts = list(dict.fromkeys(_letters(h) for h in heads + _beside_dash(marked, words)
                                if _letters(h)))
    # A line above or below the name in the same spacing ("S A M R A" over "R A V N S J Ö S
    # L Ä N S S A M O R D N I N G S F Ö R B U N D"), a brand or logo, is no part of it: the
    # letters from each later line on, and up to each earlier one, are read too, after the whole.
    # Such a line holds no generic noun, the rest does: a name wrapped over the lines
    # ("…RAVNSJÖOCH" / "TALLBO") is not read a line short.
    def of(lines: list[Line]) -> str:
        return _letters("".join(w.text for line in lines for w in line.words))
    parts = [(of(group[k:]), of(group[:k])) for k in range(1, len(group))] + \
        [(of(group[:k]), of(group[k:])) for k in range(len(group) - 1, 0, -1)]
    # A name printed elsewhere, in any reading of the whole, before its letters parted into
    # printed words ("ÖHL" + "Övre Hallabergsdalens län": the brand is a printed word too);
    # then the readings without a line.
    lines = [s for s in dict.fromkeys(p for p, rest in parts if _noun_beside(p, rest, words))
             if s and s not in spelts]
    for candidates, read in ((spelts, _cover_named), (spelts, _cover_spelt),
                             (lines, _cover_named), (lines, _cover_spelt)):
        for spelt in candidates:
            found = read(spelt, others, words, spellings)
            # A name ending in its join ("Ravnsjö och") goes on past these letters.
            if found is not None and fold((found[0].split() or [""])[-1]) not in words.connectors:
                return found
    return _cover_unparted(unparted, group, words) if unparted else None


def _beside_dash(marked: str, words: NameWords) -> list[str]:
    """The part of a gapless cover before, then after, a dash that parts a brand from the
    name: the part holding the generic noun, the brand none ("SAMEK–SAMORDNINGSFÖRBUNDETI…",
    "…EKHOLMEN–SAMEK"). A hyphen joins two places ("RAVNSJÖ-TALLBO"), and a place after a
    dash with no noun beside it ("…RAVNSJÖ–TALLBO") is no name of its own."""
    out = []
    for dash in "–—":
        before, mark, after = marked.rpartition(dash)
        if mark and _noun_beside(before, after, words):
            out.append(before)
        before, mark, after = marked.partition(dash)
        if mark and _noun_beside(after, before, words):
            out.append(after)
    return out


def _noun_beside(kept: str, left_out: str, words: NameWords) -> bool:
    """Whether a cover's part ``kept`` holds a generic noun and the part ``left_out`` (a
    brand, a logo's line) none."""
    def has_noun(text: str) -> bool:
        return any(_letters(g) in _letters(text) for g in words.generic)
    return has_noun(kept) and not has_noun(left_out)


def _around(words: NameWords) -> tuple[list[str], list[str]]:
    """The letters that may stand before a name on a cover (a generic noun or brand, perhaps
    "i") and after it (a genitive's noun)."""
    nouns = sorted(words.generic | words.brands, key=len, reverse=True)
    fronts = ["", *nouns, *(n + c for n in nouns for c in words.lead_in),
              *(n + b for n in words.generic for b in words.brands)]
    return fronts, ["", *nouns, *("s" + n for n in nouns)]


def _cover_named(spelt: str, others: list[NameHit], words: NameWords,
                 spellings: dict[str, str]) -> tuple[str, bool, bool] | None:
    """A name printed elsewhere (see above)."""
    fronts, backs = _around(words)
    for text, genitive in sorted({(p, h.genitive) for h in others for p in name_parts(h.printed)}):
        name = _letters(text)
        for f, b in ((f, b) for f in fronts for b in backs):
            if name and spelt == f + name + b:
                return _with_brand(text, f + b, words), genitive, False
    return None


def _cover_spelt(spelt: str, others: list[NameHit], words: NameWords,
                 spellings: dict[str, str]) -> tuple[str, bool, bool] | None:
    """A name printed elsewhere, or the letters parted into printed words (see above)."""
    found = _cover_named(spelt, others, words, spellings)
    if found is not None:
        return found
    fronts, backs = _around(words)
    # Letters longer than any name are not parted (the parting's cost grows with their square).
    segmented = _segmented_cover(spelt, fronts, backs, spellings) \
        if len(spelt) <= MAX_COVER_LETTERS else None
    if segmented is not None:
        return _with_brand(segmented[0], segmented[1], words), False, False
    return None


def _cover_unparted(spelt: str, group: list[Line], words: NameWords) -> tuple[str, bool, bool] | None:
    """The letters after the generic noun as one word, unsure (see above)."""
    fronts, backs = _around(words)
    # The letters as printed (å, ä, ö kept), one for one with the folded ones.
    printed = "".join(c for line in group for w in line.words for c in w.text if c.isalnum())
    unparted = _unparted_cover(spelt, printed[:len(spelt)], fronts, backs) \
        if _letters(printed).startswith(spelt) and len(_letters(printed)) == len(printed) else None
    return (_with_brand(unparted[0], unparted[1], words), False, True) if unparted \
        else None


def _with_brand(name: str, around: str, words: NameWords) -> str:
    """"Finsam X" as the line reader stores a name printed beside the brand ("FINSAM X",
    "X, FINSAM"); a generic noun that holds the brand ("FINSAMFÖRBUNDET I X") is no brand."""
    noun = max((g for g in words.generic if g in around), key=len, default="")
    around = around.replace(noun, " ", 1) if noun else around
    brand = next((b for b in words.brands if b in around), None)
    return f"{brand.capitalize()} {name}" if brand and not fold(name).startswith(brand) else name


def _segmented_cover(spelt: str, fronts: list[str], backs: list[str],
                     spellings: dict[str, str]) -> tuple[str, str] | None:
    """(name, the letters around it) of a letter-spaced cover parted into words the document
    prints elsewhere, spelt as printed there: a generic noun or brand, then the name, perhaps
    a genitive's noun after it. None when the letters do not part so."""
    for front in sorted(fronts, key=len, reverse=True):
        if not spelt.startswith(front):
            continue
        for back in sorted(backs, key=len, reverse=True):
            rest = spelt[len(front):len(spelt) - len(back)] if back else spelt[len(front):]
            if not rest or not (front or back) or (back and not spelt.endswith(back)) or \
                    front + rest in fronts:
                continue
            parts = _segment(rest, spellings)
            if parts:
                return " ".join(parts), front + back
    return None


def _unparted_cover(spelt: str, printed: str, fronts: list[str], backs: list[str]
                    ) -> tuple[str, str] | None:
    """(word, the letters around it): the letters left after a generic noun or brand (and
    before a genitive's noun) when the document prints no words they part into, as read."""
    for front in sorted(fronts, key=len, reverse=True):
        for back in sorted(backs, key=len, reverse=True):
            # "SAMORDNINGSFÖRBUNDET" is the noun whole, not "samordningsförbund" + "Et".
            if (front or back) and spelt.startswith(front) and spelt.endswith(back) and \
                    len(spelt) > len(front) + len(back) and spelt[:len(spelt) - len(back)] not in fronts:
                return printed[len(front):len(spelt) - len(back)].capitalize(), front + back
    return None


def _join_spaced_breaks(lines: list[Line], lexicon: Lexicon, spellings: dict[str, str]
                        ) -> list[Line]:
    """A letter-spaced cover wraps wherever a line fills, inside a word too ("S A M O R D N I N
    G S F Ö R B U N D" / "E T  H A L L A B Y", "… F I N" / "S A M  V A L L M O R A"): the last
    letter run of one such line and the first of the next are one word when together they
    spell a word the lexicon or the rest of the document prints (``spellings``; a genitive's
    -s aside) and apart they do not both."""
    words = lexicon.name_words
    known = {_letters(w) for w in words.generic | words.brands | lexicon.places} | set(spellings)

    def spelt(text: str) -> bool:
        f = _letters(text)
        return f in known or (f.endswith("s") and f[:-1] in known)
    out = list(lines)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.page != b.page or not (a.words and b.words and _spaced(a) and _spaced(b)):
            continue
        head, tail = _letter_runs(a.words), _letter_runs(b.words)
        last, first = head[-1], tail[0]
        if not spelt(last.text + first.text) or (spelt(last.text) and spelt(first.text)):
            continue
        word = replace(last, text=last.text + first.text, x1=last.x1 + first.x1 - first.x0)
        out[i] = replace(a, words=[*head[:-1], word])
        out[i + 1] = replace(b, words=tail[1:])
    return [ln for ln in out if ln.words]


def _unstacked(lines: list[Line]) -> list[Line]:
    """Two cover lines in large type that OCR's loose word boxes made one ("NORRA
    SAMORDNINGSFÖRBUND VALLBYGDENS" of "NORRA VALLBYGDENS" over "SAMORDNINGSFÖRBUND"):
    words of one line never stand over one another, so such a line is parted where the
    middles of its words lie furthest apart."""
    def mid(w: Word) -> float:
        return (w.top + w.bottom) / 2
    out: list[Line] = []
    for line in lines:
        ws = line.words
        stacked = any(b.x0 < a.x1 - 0.5 * min(a.height, b.height)
                      for a, b in zip(ws, ws[1:], strict=False))
        by_mid = sorted(ws, key=mid)
        gap, k = max(((mid(b) - mid(a), k) for k, (a, b) in
                      enumerate(zip(by_mid, by_mid[1:], strict=False), 1)), default=(0.0, 0))
        if not stacked or gap < STACKED_GAP * median(w.height for w in ws):
            out.append(line)
            continue
        out += [replace(line, words=sorted(part, key=lambda w: w.x0))
                for part in (by_mid[:k], by_mid[k:])]
    return out


def classify(lines: list[Line], lexicon: Lexicon, pages: list[Page] | None = None) -> Classification:
    """``lines``: the document's lines (running lines removed); ``pages``: its pages, for
    the running headers and footers."""
    lines = _join_hyphenated(_unstacked(lines), lexicon)
    first = [ln for ln in lines if ln.page <= TITLE_PAGES]
    margins = _margin_lines(pages or [])
    title = _kind(first, lexicon)
    year, year_source = fiscal_year(lines, first, title, lexicon, margins)
    orgnr, orgnr_fuzzy = find_orgnr(lines + margins, lexicon)
    hits = name_hits(lines, lexicon, pages, margins)
    _genitive_stems(hits, lines)
    _complete_cut(hits, lexicon.register.drop)
    ident = identify(hits, orgnr, lexicon)
    best = _best_hit(ident.hits, lexicon.name_words.connectors) if ident.hits else None
    printed = best.printed if best else None
    if ident.entry is not None and (printed is None or lexicon.register.match(printed, ocr=best.ocr)):
        organisation = lexicon.register.name_in(ident.entry, year, printed)
    else:  # an unknown förbund, or a known number under a name the register lacks
        organisation = _stored_name(best, hits, lexicon) if best else None
        if organisation and best and best.ocr:
            organisation = _with_diacritics(organisation, lines)
    clean_year = year is not None and any(
        str(year) in w.text for ln in lines + margins for w in ln.words)
    fuzzy = {"name": bool(best and best.fuzzy and ident.how != "orgnr"), "orgnr": orgnr_fuzzy,
             "kind": bool(title and title.fuzzy), "year": year is not None and not clean_year}
    return Classification(
        kind=title.kind if title else "okand", organisation=organisation, fiscal_year=year,
        orgnr=orgnr, printed_name=best.printed if best else None,
        name_source=best.source if best else ("register" if ident.entry else None),
        year_source=year_source, register_match=ident.how,
        register_name=ident.entry.name if ident.entry else None,
        fuzzy=tuple(k for k, v in fuzzy.items() if v))
