"""Repair OCR damage in the words of a page: amounts and Swedish text (the token rules,
shared with triage, are in core/ocrtext.py).

Numbers: stray marks ("~", "|", "'"), dots or commas between thousands groups, letters read
for digits ("1O 000", "l 234"). Text: words of the domain lexicon spelled without their
diacritics or with foreign ones ("Forsakringskassan", "Férbundet") get the lexicon's spelling.
A repaired word keeps its raw text and a lower confidence; nothing is invented: a token that
cannot be made a clean amount or a known word stays as it was.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from core.lexicon import fold
from core.numbers import MINUS_CHARS
from core.ocrtext import (
    FOREIGN_ACCENTS,
    STRAY_MARKS,
    SWEDISH_LETTERS,
    letters_for_digits,
    lost_letter_at,
    nearest_known,
    one_letter_off,
    printed_spellings,
    repair_number,
)
from core.settings import OCR
from core.types import Line
from ingest.pdftext import Page, Word
from repair.reread import CellBox, PageImages

# Confidence of an amount read by OCR (never 1: nothing but the checks can confirm it) ...
OCR_CONFIDENCE = OCR.confidence.ocr
# ... with its digit groups not as printed ("13331848", "6426 156"): same value, less sure.
IRREGULAR_GROUPING_CONFIDENCE = OCR.confidence.irregular_grouping
# ... after characters were changed to make it an amount.
REPAIRED_NUMBER_CONFIDENCE = OCR.confidence.repaired_number
# ... re-read from the page image after the page's OCR left it no clean amount.
REREAD_CONFIDENCE = OCR.confidence.reread
# ... a repaired amount that the re-read confirmed.
CONFIRMED_CONFIDENCE = OCR.confidence.confirmed
# ... after a ruling line's dashes right before its digits were dropped: its sign is not known.
RULED_SIGN_CONFIDENCE = OCR.confidence.ruled_sign
# ... taking part in a sum that does not hold even after re-reading (misprint or misread).
BREAKS_ARITHMETIC_CONFIDENCE = OCR.confidence.breaks_arithmetic
# A word is repaired against the vocabulary only when it is at least this long and this close.
FUZZY_MIN_LENGTH = OCR.matching.word_min_length
FUZZY_MIN_SCORE = OCR.matching.word_score
ACCENTED_MIN_SCORE = OCR.matching.accented_word_score

_TOKEN_RE = re.compile(r"^(\W*)([^\W\d_]+)(\W*)$")

_DIACRITIC_SLIPS = set("aoeéèêóòôáàâäåöõ")


def _only_diacritics_differ(word: str, candidate: str) -> bool:
    """Restoring å/ä/ö is a repair; changing any other letter ("Oskarshmns" → "Oskarshamn")
    would be a guess."""
    return len(word) == len(candidate) and all(
        a == b or (b in "åäö" and a in _DIACRITIC_SLIPS) for a, b in zip(word, candidate, strict=True))


def _restore_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


_GLUED_RE = re.compile(r"(?<=[a-zåäöé])(?=[A-ZÅÄÖ])")


def repair_text_token(token: str, vocabulary: dict[str, str]) -> str | None:
    """A word of the lexicon with its Swedish spelling, or None when there is nothing to do.

    Words glued by a lost space ("franVimmerby") are repaired part by part."""
    parts = _GLUED_RE.split(token)
    if len(parts) > 1:
        fixed = [_repair_word(p, vocabulary) for p in parts]
        if any(f is not None for f in fixed):
            return "".join(f if f is not None else p for f, p in zip(fixed, parts, strict=True))
        return None
    return _repair_word(token, vocabulary)


def _lookup(word: str, vocabulary: dict[str, str]) -> str | None:
    """The vocabulary's spelling of ``word``, also in the genitive ("Vasterviks")."""
    for candidate in _unaccented(word.lower()):
        key = fold(candidate)
        if key in vocabulary:
            return vocabulary[key]
        if key.endswith("s") and key[:-1] in vocabulary:
            return vocabulary[key[:-1]] + "s"
    return None


def _unaccented(word: str) -> list[str]:
    """The word, then with each foreign accent ("Férbundet") read as å, ä or ö in turn; and
    an accent after an a or o read as that letter's dots or ring ("Forsaékringskassan": a
    hard serif scan's "ä" read as two letters), the two one letter; both at once where a
    word has both ("Férsaékringskassan")."""
    spots = [i for i, c in enumerate(word) if c in FOREIGN_ACCENTS][:2]
    out = [word]
    # Right to left: a merge at a later spot leaves an earlier spot where it was.
    for i in reversed(spots):
        out = [v for w in out for v in (
            w, *(w[:i] + r + w[i + 1:] for r in "öäå"),
            *(w[:i - 1] + r + w[i + 1:] for r in "öäå" if i > 0 and w[i - 1] in "aoAO"))]
    return out


def _repair_word(token: str, vocabulary: dict[str, str]) -> str | None:
    m = _TOKEN_RE.match(token)
    letters = letters_for_digits(token) if not m else None
    if letters is not None and _TOKEN_RE.match(letters):
        # "F6rsakringskassan": a digit read for a letter, repaired only into a known word.
        fixed = _repair_word(letters, vocabulary)
        return fixed if fixed is not None or _lookup(letters, vocabulary) is None else letters
    if not m or len(m.group(2)) < 3:
        return None
    lead, word, trail = m.groups()
    low = word.lower()
    canonical = _lookup(word, vocabulary)
    if canonical is None and (len(word) >= FUZZY_MIN_LENGTH or FOREIGN_ACCENTS & set(low)):
        hit = nearest_known(word, vocabulary, FUZZY_MIN_SCORE if len(word) >= FUZZY_MIN_LENGTH
                            else ACCENTED_MIN_SCORE)
        if hit and _only_diacritics_differ(low, vocabulary[hit]):
            canonical = vocabulary[hit]
    if canonical is None or canonical == low:
        return None
    return lead + _restore_case(word, canonical) + trail


# A count and the word after it read as one token, the space lost ("2kvinnor", "14deltagare").
_GLUED_COUNT_RE = re.compile(r"^(\(?\d{1,4})([^\W\d_]{3,}[,.;:)]?)$")


# ... and a zero read as the letter O glued to the word after it ("4 Okvinnor och 4 män"):
# only before a lower-case word of the vocabulary, the whole token being none, right after a
# count on its line ("Oanvända medel", "Okänd" stay words).
_GLUED_ZERO_RE = re.compile(r"^([Oo])([a-zåäö]{3,}[,.;:)]?)$")


def _glued_count(w: Word, vocabulary: dict[str, str], prev: Word | None = None) -> list[Word] | None:
    """The count and the word of a glued token, two words placed by their characters'
    share of its width, when the letters are a word of the vocabulary; else None. A zero
    read as an O (``prev``, the word before it, a count on its line) is a repaired figure
    (doubtful)."""
    m = _GLUED_COUNT_RE.match(w.text)
    count, sure = (m.group(1), True) if m else (None, False)
    after_count = prev is not None and prev.text.isdigit() and abs(prev.top - w.top) < w.height / 2
    if not m and after_count and (m := _GLUED_ZERO_RE.match(w.text)) and \
            _lookup(w.text.rstrip(",.;:)"), vocabulary) is None:
        count = "0"
    if count is None or _TOKEN_RE.match(m.group(2)) is None or \
            _lookup(_TOKEN_RE.match(m.group(2)).group(2), vocabulary) is None:
        return None
    step = (w.x1 - w.x0) / len(w.text)
    cut = w.x0 + step * len(m.group(1))
    word = m.group(2)
    trust = OCR_CONFIDENCE if sure else REPAIRED_NUMBER_CONFIDENCE
    return [replace(w, text=count, raw=w.text, x1=cut, confidence=min(w.confidence, trust)),
            replace(w, text=repair_text_token(word, vocabulary) or word, raw=w.text, x0=cut,
                    confidence=min(w.confidence, OCR_CONFIDENCE))]


def _hyphen_joined(w: Word, vocabulary: dict[str, str]) -> list[Word] | None:
    """The words of a token a ruling line struck through joined with hyphens for their
    spaces ("Bidrag-fran-Forsakringskassan"), each placed by its characters' share of the
    token's width and spelled as the vocabulary spells it, when every part is a word of it
    (three letters or more); else None ("EU-medel", "Kurs-" stay). Words an upright line
    joins with a bar ("kortfristiga|skulder") are split so too, known words or not."""
    if _BARRED_WORDS_RE.fullmatch(w.text):
        # An upright line between two words read as a bar ("kortfristiga|skulder"): no
        # printed word holds one, so the parts are words whatever the vocabulary knows;
        # but an "l" read as a bar leaves a word the vocabulary has ("Persona|kostnader").
        if _lookup(w.text.replace("|", "l"), vocabulary) is not None:
            return None
        parts = w.text.split("|")
    else:
        parts = w.text.split("-")
        if len(parts) < 2 or not all(len(p) >= 3 and p.isalpha() and _lookup(p, vocabulary) is not None
                                     for p in parts):
            return None
    step, x, out = (w.x1 - w.x0) / len(w.text), w.x0, []
    for part in parts:
        out.append(replace(w, text=repair_text_token(part, vocabulary) or part, raw=w.text, x0=x,
                           x1=x + step * len(part), confidence=min(w.confidence, OCR_CONFIDENCE)))
        x += step * (len(part) + 1)
    return out


# Words an upright line's bar joins: letters (two at least) on both sides of one bar.
_BARRED_WORDS_RE = re.compile(r"[^\W\d_]{2,}(?:\|[^\W\d_]{2,})+")
# A scan's ruling line read as dashes glued before a word ("——Driftbidrag", "_Summa").
_LEADING_RULE_RE = re.compile(r"^[—–_=~|]+(?=[^\W\d_]{2})")
# An upright line read as a bar glued after a word ("Övriga|" of "Övriga främmande tjänster").
_TRAILING_BAR_RE = re.compile(r"(?<=[^\W\d_]{2})\|+$")


# Figures standing on a ruling line read as one token with the line ("—___101___14___72—"):
# runs of digits between rule marks with an underscore among them (no date, "2017-12-31").
_RULED_FIGURES_RE = re.compile(r"^[—–_\-]*\d+(?:[—–_\-]*_[—–_\-]*\d+)+[—–_\-]*$")
_DIGIT_RUN_RE = re.compile(r"\d+")


def ruled_token(text: str) -> bool:
    """Whether ``text`` is figures on a ruling line read as one token ("302—_460—_-76__")."""
    return bool(_RULED_FIGURES_RE.match(text))


def _ruled_figures(w: Word) -> list[Word] | None:
    """The figures of a token that is figures on a ruling line, each a word of its own
    placed by its characters' share of the token's width (doubtful: the re-read and the
    columns decide); None for any other token."""
    if not _RULED_FIGURES_RE.match(w.text):
        return None
    step = (w.x1 - w.x0) / len(w.text)
    runs = list(_DIGIT_RUN_RE.finditer(w.text))
    return [_unsigned_by_rule(replace(w, text=m.group(), raw=w.text, x0=w.x0 + step * m.start(),
                                      x1=w.x0 + step * m.end(),
                                      confidence=REPAIRED_NUMBER_CONFIDENCE),
                              w.text[runs[k - 1].end() if k else 0:m.start()])
            for k, m in enumerate(runs)]


# A level ruling line through a row read as dashes between two words, gluing them into one
# token over two columns ("aktivt——-62-%—"): a run of two dashes or more inside a token.
_RULE_RUN_RE = re.compile(r"[—–_\-]{2,}")


def _ruled_apart(w: Word) -> list[Word]:
    """The words a ruling line glued into one token, each placed by its characters' share of
    the token's width, the line's dashes dropped; the word itself when no run of dashes
    stands between two of its letters or digits."""
    spans = [m.span() for m in _RULE_RUN_RE.finditer(w.text)]
    if _RULED_FIGURES_RE.match(w.text) or not any(0 < a and b < len(w.text) for a, b in spans):
        return [w]
    step = (w.x1 - w.x0) / len(w.text)
    out, start, end = [], 0, 0
    for a, b in [*spans, (len(w.text), len(w.text))]:
        piece = w.text[start:a].strip("—–-_")
        if piece:
            lead = w.text.index(piece, start)
            part = replace(w, text=piece, raw=w.raw or w.text, x0=w.x0 + step * lead,
                           x1=w.x0 + step * (lead + len(piece)))
            out.append(_unsigned_by_rule(part, w.text[end:lead]))
            end = lead + len(piece)
        start = b
    return out or [w]


def _unsigned_by_rule(part: Word, marks: str) -> Word:
    """A figure ``part`` with the ruling line's ``marks`` dropped right before its digits:
    when they end in a dash its sign is not known (a printed minus on the line reads as one
    more dash of it), and the figure is doubtful whatever a re-read says of its digits. An
    underscore next to the digits is a line under the row, no sign's place."""
    if not part.text[:1].isdigit() or not marks or marks[-1] not in MINUS_CHARS:
        return part
    return replace(part, sign_lost=True, confidence=min(part.confidence, RULED_SIGN_CONFIDENCE))


# A figure's last digit group glued to the minus and first digits of the figure in the next
# column ("733-17" of "-15 402 733   -17 118 290": narrow columns, the gap between them lost):
# a hyphen before fewer than three digits is no grouping space ("175-771" is one figure).
_GLUED_MINUS_RE = re.compile(rf"^(\d{{3}})([{MINUS_CHARS}])(\d{{1,2}})$")


def _glued_minus(w: Word) -> list[Word] | None:
    """The two figures' parts of a token ``_GLUED_MINUS_RE`` matches, each placed by its
    characters' share of the token's width; None for any other token."""
    m = _GLUED_MINUS_RE.match(w.text)
    if m is None:
        return None
    step = (w.x1 - w.x0) / len(w.text)
    cut = w.x0 + step * len(m.group(1))
    conf = min(w.confidence, OCR_CONFIDENCE)
    return [replace(w, text=m.group(1), raw=w.text, x1=cut - step / 2, confidence=conf),
            replace(w, text="-" + m.group(3), raw=w.text, x0=cut, confidence=conf)]


def _without_edge_marks(w: Word) -> Word:
    """The word's box without the stray marks at its ends, by their characters' share of its
    width: a ruling line's end read as "_" before a figure ("_150") boxed the figure from
    where the line's mark began, over the gap from the column before; left there, the
    figure joined that column's figure as its digit group ("7010000 _150 273")."""
    lead = len(w.text) - len(w.text.lstrip(STRAY_MARKS))
    trail = len(w.text) - len(w.text.rstrip(STRAY_MARKS))
    if not lead and not trail or lead == len(w.text):
        return w
    step = (w.x1 - w.x0) / len(w.text)
    return replace(w, x0=w.x0 + step * lead, x1=w.x1 - step * trail)


def repair_words(page: Page, vocabulary: dict[str, str]) -> Page:
    """Every word of an OCR'd page, repaired where it can be, with its raw text kept."""
    out: list[Word] = []
    for w in (part for word in page.words for part in _ruled_apart(word)):
        figures = _ruled_figures(w) or _glued_minus(w)
        if figures is not None:
            out += figures
            continue
        rule = _LEADING_RULE_RE.match(w.text)
        if rule:
            # The word starts where its letters do: the line's marks may reach back over the
            # column before ("____Nästan" of a status cell, boxed from the goal column).
            share = rule.end() / len(w.text)
            w = replace(w, text=w.text[rule.end():], raw=w.raw or w.text,
                        x0=w.x0 + share * (w.x1 - w.x0))
        bar = _TRAILING_BAR_RE.search(w.text)
        if bar:
            share = bar.start() / len(w.text)
            w = replace(w, text=w.text[:bar.start()], raw=w.raw or w.text,
                        x1=w.x0 + share * (w.x1 - w.x0))
        if "_" in w.text and any(c.isalpha() for c in w.text):
            # A ruling line through a word reads as underscores in it ("kostnade_r_").
            w = replace(w, text=w.text.replace("_", ""), raw=w.raw or w.text)
        fixed = repair_number(w.text)
        if fixed is not None:
            # A word already doubtful (a re-read's, a figure whose sign a rule took) stays so.
            out.append(replace(_without_edge_marks(w), text=fixed[0], raw=w.text,
                               confidence=min(w.confidence, fixed[1])))
            continue
        joined = _hyphen_joined(w, vocabulary)
        if joined is not None:
            out += joined
            continue
        glued = _glued_count(w, vocabulary, out[-1] if out else None)
        if glued is not None:
            out += glued
            continue
        text = repair_text_token(w.text, vocabulary)
        if text is not None:
            out.append(replace(w, text=text, raw=w.text, confidence=OCR_CONFIDENCE))
        else:
            out.append(replace(w, confidence=min(w.confidence, OCR_CONFIDENCE)))
    return replace(page, words=_resplit(out, vocabulary))


DOCUMENT_NAME_MIN_LENGTH = OCR.matching.document_name_min_length


def _document_spellings(lines: list[Line]) -> dict[str, str]:
    """Folded form → spelling of the capitalised words with å/ä/ö the document prints (names:
    "Hälleberg"), for the forms it spells one way only (case aside)."""
    printed = printed_spellings((m.group(2) for line in lines for w in line.label_words
                                 if (m := _TOKEN_RE.match(w.text))), DOCUMENT_NAME_MIN_LENGTH)
    seen = {k: {s.lower() for s in spellings} for k, spellings in printed.items()}
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def _spelled(word: Word, spellings: dict[str, str]) -> Word | None:
    # "Sj6haga": a digit read for the ö of a name the document spells elsewhere.
    m = _TOKEN_RE.match(word.text) or _TOKEN_RE.match(letters_for_digits(word.text) or "")
    if not m or SWEDISH_LETTERS & set(m.group(2)) or not m.group(2)[:1].isupper():
        return None
    lead, core, trail = m.groups()
    key = fold(core)
    form = spellings.get(key) or (spellings[key[:-1]] + "s" if key.endswith("s") and key[:-1] in spellings
                                   else None)
    if form is None:
        # "Bjérkvattnet": another accent read for the ö of a name the document spells.
        slips = {f for f in spellings.values() if _only_diacritics_differ(core.lower(), f.lower())}
        form = next(iter(slips)) if len(slips) == 1 else None
    if form is None:
        return None
    return replace(word, text=lead + _restore_case(core, form) + trail, raw=word.raw or word.text,
                   confidence=min(word.confidence, OCR_CONFIDENCE))


def _whole_words(lines: list[Line]) -> set[str]:
    """Folded forms of the capitalised words the document prints (names: "FYRBÅKEN")."""
    return {fold(m.group(2)) for line in lines for w in line.label_words
            if (m := _TOKEN_RE.match(w.text)) and len(m.group(2)) >= DOCUMENT_NAME_MIN_LENGTH
            and m.group(2)[:1].isupper()}


def _split_name(a: Word, b: Word, whole: set[str]) -> Word | None:
    """Two words OCR made of one ("Fyr båken": a speck or blur between letters) as that one
    word, when the document prints it whole elsewhere ("FYRBÅKEN") and they stand a split's
    width apart, the second going on in the first's case; else None."""
    if not (a.text.isalpha() and b.text.isalpha() and a.text[:1].isupper()) or \
            not (b.text[:1].islower() or (a.text.isupper() and b.text.isupper())) or \
            not _close_pair(a, b) or \
            fold(a.text + b.text) not in whole:
        return None
    return replace(a, text=a.text + b.text, raw=f"{a.raw or a.text} {b.raw or b.text}", x1=b.x1,
                   top=min(a.top, b.top), bottom=max(a.bottom, b.bottom),
                   confidence=min(a.confidence, b.confidence, OCR_CONFIDENCE))


def _joined_splits(lines: list[Line], ocr_pages: set[int], vocabulary: dict[str, str]) -> list[Line]:
    """Lines of OCR'd pages with the words OCR split that the document prints whole joined,
    and those the vocabulary holds: a ruling line down a page parts the words it crosses
    ("börjat st udera") and OCR's blocks then hold the parts apart, so the page's word
    order never put them side by side."""
    whole = _whole_words(lines) if ocr_pages else set()
    out, changed = [], False
    for line in lines:
        if line.page not in ocr_pages:
            out.append(line)
            continue
        label = _resplit(list(line.label_words), vocabulary)
        i = 0
        while i + 1 < len(label):
            joined = _split_name(label[i], label[i + 1], whole)
            if joined is not None:
                label[i:i + 2] = [joined]
            i += 1
        if len(label) != len(line.label_words) or any(
                a is not b for a, b in zip(label, line.label_words, strict=True)):
            old = {id(w) for w in line.label_words}
            line = replace(line, words=sorted([w for w in line.words if id(w) not in old] + label,
                                              key=lambda w: w.x0), label_words=label)
            changed = True
        out.append(line)
    return out if changed else lines


def document_spelling(lines: list[Line], ocr_pages: set[int],
                      vocabulary: dict[str, str] | None = None) -> list[Line]:
    """Names on OCR'd pages read without their å/ä/ö ("Driftbidrag från Halleberg kommun")
    spelled as the same document prints them elsewhere ("Hälleberg"): the lexicon cannot know
    every kommun, insats and person, the document itself does. A name OCR split in two ("Fyr
    båken") that the document prints whole is joined first. Raw text kept."""
    lines = _joined_splits(lines, ocr_pages, vocabulary or {})
    lines = _one_letter_slips(lines, ocr_pages, vocabulary or {})
    spellings = _document_spellings(lines) if ocr_pages else {}
    if not spellings:
        return lines
    out, changed = [], False
    for line in lines:
        new = {id(w): f for w in line.label_words if line.page in ocr_pages
               and (f := _spelled(w, spellings)) is not None}
        if new:
            changed = True
            line = _respelled(line, new)
        out.append(line)
    return out if changed else lines


def _respelled(line: Line, new: dict[int, Word]) -> Line:
    """The line with some of its words (by id) replaced, in its words and its label."""
    return replace(line, words=[new.get(id(w), w) for w in line.words],
                   label_words=[new.get(id(w), w) for w in line.label_words])


NAME_WORDS = OCR.reread.name_words
# A label word of this few letters that no vocabulary word is ("7 a lnsatser", "Ko"), or one
# of letters and digits ("Gvidakostnadere2"): a ruling line read through the label.
JUNK_WORD_MAX_LETTERS = OCR.gaps.junk_word_max_letters
LABEL_REREAD_SCORE = OCR.gaps.label_reread_score
# Label words this far apart (text heights) have lost a word between them.
TORN_LABEL_GAP = OCR.gaps.gutter_gap
FAINT_LABEL_PAD = OCR.gaps.faint_label_pad
KEPT_WORD_MIN_LETTERS = OCR.gaps.kept_word_min_letters
SQUEEZED_LETTER_WIDTH = OCR.gaps.squeezed_letter_width


def _junk_word(text: str, vocabulary: dict[str, str]) -> bool:
    core = text.strip(STRAY_MARKS + ".,:;")
    if not core:
        return False
    letters = sum(c.isalpha() for c in core)
    if letters and any(c.isdigit() for c in core):
        return True
    # Digits alone are no ruling line's: a figure's or a note number's, for later passes.
    return 0 < letters <= JUNK_WORD_MAX_LETTERS and _lookup(core, vocabulary) is None


# A ruling line read as a word of dashes and letters ("~—“—sSSS—SSS~—S" after "Medlemsavgift"):
# this many dashes or more, this share of the word's characters at least.
_RULE_DASHES = "—–-_~"
RULE_TRACE_MIN_DASHES = OCR.gaps.rule_trace_min_dashes
RULE_TRACE_DASH_SHARE = OCR.gaps.rule_trace_dash_share


def _rule_trace(text: str) -> bool:
    """A label word that is a ruling line's trace, whatever the image's line finder says (a
    faint or skewed line breaks up in black and white): dashes among letters, many of them
    ("Bidrag-fran-Forsakringskassan" has two hyphens in 29 characters)."""
    dashes = sum(c in _RULE_DASHES for c in text)
    return any(c.isalpha() for c in text) and dashes >= RULE_TRACE_MIN_DASHES \
        and dashes >= RULE_TRACE_DASH_SHARE * len(text)


def _unknown_token(text: str, vocabulary: dict[str, str]) -> bool:
    """A word of letters (marks around it aside) that the lexicon does not spell."""
    m = _TOKEN_RE.match(text)
    return bool(m) and _lookup(m.group(2), vocabulary) is None


def _known_token(text: str, vocabulary: dict[str, str]) -> bool:
    """A word of letters (marks around it aside) that the lexicon spells."""
    m = _TOKEN_RE.match(text)
    return bool(m) and bool(_lookup(m.group(2), vocabulary))


def _torn(words: list[Word], vocabulary: dict[str, str], h: float) -> bool:
    """A label with a gap in it a label does not have, and a word of letters the lexicon
    lacks ("Övriga      tiga skulder": an upright streak through "kortfristiga" lost its
    first letters): a word lost or cut where a line ran. ``h``: the words' usual height."""
    apart = any(b.x0 - a.x1 > TORN_LABEL_GAP * h for a, b in zip(words, words[1:], strict=False))
    return apart and any(_unknown_token(w.text, vocabulary) for w in words)


def _all_known(words: list[str], vocabulary: dict[str, str]) -> bool:
    return bool(words) and all((m := _TOKEN_RE.match(w)) and len(m.group(2)) > JUNK_WORD_MAX_LETTERS
                               and _lookup(m.group(2), vocabulary) is not None for w in words)


def _as_lexicon_spells(text: str, vocabulary: dict[str, str]) -> str:
    """A known word as the lexicon spells it ("semesterloner" → "semesterlöner"), in the case
    it was read in."""
    lead, core, trail = _TOKEN_RE.match(text).groups()
    spelling = _lookup(core, vocabulary) or core
    if core[:1].isupper():
        spelling = spelling[:1].upper() + spelling[1:]
    return lead + spelling + trail


def _garbled_label(words: list[Word], vocabulary: dict[str, str], images: PageImages, box: CellBox,
                   h: float) -> bool:
    """A label OCR read through a ruling line: a junk word in it beside a line, or a word
    the lexicon lacks where a line runs through the label itself ("tatakter are" for
    "Intäkter", a faint line through its letters; a name under a sum's rule is no such)."""
    if any(_rule_trace(w.text) for w in words):
        return True
    if any(_junk_word(w.text, vocabulary) for w in words):
        return images.level_rule_near(box, h)
    return any(_unknown_token(w.text, vocabulary) for w in words) and images.rule_through(box, h)


def _keeps_known_words(words: list[Word], texts: list[str], vocabulary: dict[str, str]) -> bool:
    """Whether a label read again keeps every word of KEPT_WORD_MIN_LETTERS letters or more
    of the lexicon's that OCR read in it: such a word is printed, and a reading without it
    lost it (Tesseract unsure of the words a line runs through: "Ökning (+)/minskning (—)
    kortfristiga skulder" read again as "Ökning skulder")."""
    read = {fold(m.group(2)) for t in texts if (m := _TOKEN_RE.match(t))}
    # A "word" boxed far narrower than its letters ("teer" 1 pt wide) is marks a line left.
    long = [m.group(2) for w in words
            if (m := _TOKEN_RE.match(w.text)) and len(m.group(2)) >= KEPT_WORD_MIN_LETTERS
            and w.x1 - w.x0 >= SQUEEZED_LETTER_WIDTH * w.height * len(m.group(2))]
    if len(texts) < len(long):  # ... nor fewer words than OCR read words that long (a name lost)
        return False
    for w in words:
        m = _TOKEN_RE.match(w.text)
        known = _lookup(m.group(2), vocabulary) if m and len(m.group(2)) >= KEPT_WORD_MIN_LETTERS else None
        if known is not None and fold(m.group(2)) not in read and fold(known) not in read:
            return False
    return True


def _known_reading(images: PageImages, box: CellBox, h: float, vocabulary: dict[str, str],
                   ocr_words: list[Word] | None = None, numbered: bool = False
                   ) -> list[tuple[str, float, float, float, float]]:
    """A label's words read again with the level ruling lines whitened, or else with a faint
    one gone with the paper (``PageImages.read_cell_words``), when every word is a word of
    the lexicon (``numbered``: a heading's number aside, ``_heading_words``) and, given what
    OCR read (``ocr_words``), the reading keeps its lexicon words (``_keeps_known_words``): a
    view that lost one ("Finansiella" of "Finansiella intäkter", the line's dashes black in
    it) leaves the other view to read it; else none."""
    for faint in (False, True):
        # The faint view over the letters' full height: OCR's box of a garbled label may
        # cut their tops off.
        pad = FAINT_LABEL_PAD * h if faint else 0.0
        read = images.read_cell_words(replace(box, top=box.top - pad, bottom=box.bottom + pad),
                                      LABEL_REREAD_SCORE, h, faint=faint)
        texts = [r[0] for r in read]
        known = _heading_words(texts, vocabulary) if numbered else _all_known(texts, vocabulary)
        if known and (
                ocr_words is None or _keeps_known_words(ocr_words, texts, vocabulary)):
            return read
    return []


def reread_ruled_labels(lines: list[Line], ocr_pages: set[int], images: PageImages,
                        vocabulary: dict[str, str]) -> list[Line]:
    """A row's label OCR read as junk beside its figures ("7 a lnsatser" where a ruling line
    ran close under "Insatser") read again from the image with the level ruling lines
    whitened: the reading replaces the label only when every word of it is a word of the
    lexicon (an exact match; its figures then keep their confidence), the label's words
    doubtful as every OCR word. Anything less leaves the label as OCR read it."""
    out = []
    for line in lines:
        words = line.label_words
        if line.page not in ocr_pages or not words or not any(c.value is not None for c in line.cells):
            out.append(line)
            continue
        box = CellBox(line.page, words[0].x0, min(w.top for w in words), words[-1].x1,
                      max(w.bottom for w in words))
        h = sorted(w.height for w in words)[len(words) // 2]
        # A label no line garbled reads no better again; a torn one (an upright line through
        # it: whitened too) does.
        if not _torn(words, vocabulary, h) and not _garbled_label(words, vocabulary, images, box, h):
            out.append(line)
            continue
        read = _known_reading(images, box, h, vocabulary, words)
        texts = [r[0] for r in read]
        if not read or texts == [w.text for w in words]:
            out.append(line)
            continue
        sure = min(min(w.confidence for w in words), OCR_CONFIDENCE)
        new = [Word(_as_lexicon_spells(t, vocabulary), x0=x0, x1=x1, top=top, bottom=bottom,
                    confidence=sure,
                    raw=" ".join(w.text for w in words) if i == 0 else None)
               for i, (t, x0, top, x1, bottom) in enumerate(read)]
        kept = [w for w in line.words if all(w is not lw for lw in words)]
        out.append(replace(line, words=sorted(new + kept, key=lambda w: w.x0), label_words=new))
    return out


# Rows above and below a row without a label that show where labels stand.
LOST_LABEL_ROWS = OCR.gaps.window


def _labels_around(lines: list[Line], i: int, with_cells: bool) -> tuple[list[Line], float] | None:
    """The labelled lines around line ``i`` on its page (LOST_LABEL_ROWS each way; rows with
    figures only when ``with_cells``) and the left edge their labels begin at (the middle
    one); None when fewer than two stand around."""
    line = lines[i]
    near = [ln for ln in lines[max(i - LOST_LABEL_ROWS, 0):i + LOST_LABEL_ROWS + 1]
            if ln.page == line.page and ln.label_words and (ln.cells or not with_cells)
            and ln is not line]
    if len(near) < 2:
        return None
    return near, sorted(ln.label_words[0].x0 for ln in near)[len(near) // 2]


def reread_lost_labels(lines: list[Line], ocr_pages: set[int], images: PageImages,
                       vocabulary: dict[str, str]) -> list[Line]:
    """A row OCR read figures of and no label at all (a hard scan's "Finansnetto" lost whole
    beside its four figures: the row was stored unkeyed) read again where the labels of the
    rows around it stand, from their left edge to the row's first figure, as text with the
    level ruling lines whitened. The reading is the row's label only when every word of it
    is a word of the lexicon; its words and the row's figures are then doubtful (a key read
    again, no surer than a re-read). Anything less leaves the row as it was. A row whose
    "label" stands where the figures of the rows around stand, no word of it the lexicon's
    (its first figures read garbled, "72 — 84 EMT a": the label lost, a line through the
    row), has lost its label as well: read so up to that "label"."""
    out = list(lines)
    for i, line in enumerate(lines):
        if line.page not in ocr_pages or not any(c.value is not None for c in line.cells):
            continue
        around = _labels_around(lines, i, with_cells=True)
        if around is None:
            continue
        near, left = around
        right = min(c.x0 for c in line.cells)
        h = line.height
        if line.label_words:
            if not _label_among_figures(line, near, vocabulary):
                continue
            right = line.label_words[0].x0
        if right - left < 2 * h:
            continue
        box = CellBox(line.page, max(left - h / 2, 0), line.top, right - h / 2, line.bottom)
        read = _known_reading(images, box, h, vocabulary)
        if not read:
            continue
        new = [Word(_as_lexicon_spells(t, vocabulary), x0=x0, x1=x1, top=top, bottom=bottom,
                    confidence=REREAD_CONFIDENCE) for t, x0, top, x1, bottom in read]
        cells = [replace(c, confidence=min(c.confidence, REREAD_CONFIDENCE)) for c in line.cells]
        out[i] = replace(line, words=sorted([*new, *line.words], key=lambda w: w.x0),
                         label_words=new, cells=cells)
    return out


CUT_START_INDENT = OCR.reread.cut_start_indent
CUT_START_ROW_INDENT = OCR.reread.cut_start_row_indent
CUT_START_PAD = OCR.reread.cut_start_pad


def reread_cut_line_starts(lines: list[Line], ocr_pages: set[int], images: PageImages,
                           vocabulary: dict[str, str]) -> list[Line]:
    """A line of words only (a title, a heading), or a table's row whose first word is none
    the lexicon spells ("‘ets resultat" for "Årets resultat"; set in less far), whose start
    an upright ruling line made OCR lose ("ns namn: FRAMÅT" for "Insatsens namn: FRAMÅT",
    "FRAMÅT" for "Måluppfyllelse FRAMÅT": the rule crosses the page where the lines begin),
    read again from where the
    lines around begin, the level and upright lines whitened: through its first word when
    the reading ends in a lexicon word that ends as that word does (a word torn), else up to
    it. Taken only when every word read is a word of the lexicon; the words read are
    doubtful. Without a rule, a first word whose start OCR lost ("räkning per 31 december":
    ink where no word was read) is read so too, and taken only as one lexicon word ending
    as it does ("Balansräkning"). A line set in (no rule and no ink left of it) is left
    alone, unread."""
    out = list(lines)
    for i, line in enumerate(lines):
        words = line.label_words
        # A table's row too when its first word is none the lexicon spells ("‘ets resultat"
        # for "Årets resultat"): a row's label opening with a word of its own is whole.
        if line.page not in ocr_pages or not words or line.cells and (
                _known_token(words[0].text, vocabulary) or not _label_before_figures(line)):
            continue
        around = _labels_around(lines, i, with_cells=False)
        if around is None:
            continue
        near, left = around
        first, h = words[0], line.height
        start = max(left - CUT_START_PAD * h, 0)
        box = CellBox(line.page, start, line.top, first.x0, line.bottom)
        # Words OCR read there belong to another line (a table's first column): nothing lost.
        if first.x0 - left < (CUT_START_ROW_INDENT if line.cells else CUT_START_INDENT) * h or any(
                w.x0 < first.x0 and start < w.x1 and w.top < line.bottom and line.top < w.bottom
                for ln in near for w in ln.words):
            continue
        ruled = images.upright_line(box) is not None
        if not ruled and not _lost_ink(images, line, start, first.x0):
            continue
        new = _torn_start(images, line, start, vocabulary) or []
        if not ruled and len(new) != 1:
            # Without a rule, only the start of the first word itself: the ink left of a
            # line may be another column's words OCR read elsewhere (a goal table's).
            continue
        if new:
            kept = words[1:]
        else:
            kept = words
            box = replace(box, x1=first.x0 - CUT_START_PAD * h / 2)
            new = [Word(_as_lexicon_spells(t, vocabulary), x0=x0, x1=x1, top=top, bottom=bottom,
                        confidence=REREAD_CONFIDENCE)
                   for t, x0, top, x1, bottom in _known_reading(images, box, h, vocabulary)]
        if new:
            rest = [w for w in line.words if all(w is not lw for lw in words)]
            out[i] = replace(line, words=sorted([*new, *kept, *rest], key=lambda w: w.x0),
                             label_words=[*new, *kept])
    return out


def _label_before_figures(line: Line) -> bool:
    """Whether a row's first word stands left of its first figure (a label that may be torn,
    not a figure read as its label)."""
    return line.label_words[0].x1 < line.cells[0].x0


def _lost_ink(images: PageImages, line: Line, start: float, end: float) -> bool:
    """Whether ink OCR read no word of stands in the line's band between ``start`` and
    ``end`` (its first word): a start OCR lost ("Balans" of "Balansräkning", its heading
    read "räkning per 31 december"), where a line set in has paper."""
    h = line.height
    runs = images.ink_runs(line.page, line.top, line.bottom, start, [], OCR.reread.ink_gap * h)
    return any(a < end - CUT_START_PAD * h / 2 and b > start for a, b in runs)


# A heading's number ("Not 1:", "5. Noter ..."): one or two digits, a stop or colon after.
_HEADING_NUMBER_RE = re.compile(r"^\d{1,2}[.:]?$")


def _heading_words(texts: list[str], vocabulary: dict[str, str]) -> bool:
    """Every word a lexicon word (``_all_known``), but for a heading's number standing first
    or right after the first word ("Not 1: Verksamhetens intäkter och bidrag")."""
    words = [t for k, t in enumerate(texts) if not (k <= 1 and _HEADING_NUMBER_RE.match(t))]
    return len(words) >= len(texts) - 1 and _all_known(words, vocabulary)


def _figureless(line: Line) -> bool:
    """A line with no figure of a table: no cells, or only specks and note numbers (a level
    line through a heading read as "2", "2")."""
    return all(len(c.text.strip()) <= HEADING_SPECK_CHARS for c in line.cells)


HEADING_SPECK_CHARS = OCR.gaps.heading_speck_chars


def reread_ruled_headings(lines: list[Line], ocr_pages: set[int], images: PageImages,
                          vocabulary: dict[str, str]) -> list[Line]:
    """A heading, a title, a line of words only, that a level ruling line runs through
    (OCR read "Not 1: Verksamhetens intäkter och bidrag" struck through as two lines, "Not i
    asa 2 2" and "intäkter och bidrag —": the note lost) read again across the lines OCR
    made of it, the level and upright lines whitened. Taken, as one line, only when every
    word read is the lexicon's (a heading's number aside) and no lexicon word OCR read is
    lost; the words read are doubtful."""
    out: list[Line | None] = list(lines)
    on_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if line.page in ocr_pages and line.label_words and _figureless(line):
            on_page.setdefault(line.page, []).append(i)
    for i, line in enumerate(lines):
        if out[i] is None or i not in on_page.get(line.page, ()):
            continue
        group = [j for j in on_page[line.page] if out[j] is not None and _same_band(line, lines[j])]
        words = [w for j in group for w in lines[j].words]
        if all(_known_token(w.text, vocabulary) or _HEADING_NUMBER_RE.match(w.text) for w in words):
            continue
        h = sorted(w.height for w in words)[len(words) // 2]
        box = CellBox(line.page, min(w.x0 for w in words), min(w.top for w in words),
                      max(w.x1 for w in words), max(w.bottom for w in words))
        if not images.rule_through(box, h):
            continue
        read = _known_reading(images, box, h, vocabulary, words, numbered=True)
        if not read or not _covers(read, words, vocabulary) or not _numbers_agree(read, words):
            continue
        new = [Word(t if _HEADING_NUMBER_RE.match(t) else _as_lexicon_spells(t, vocabulary),
                    x0=x0, x1=x1, top=top, bottom=bottom, confidence=REREAD_CONFIDENCE,
                    raw=" ".join(w.text for w in words) if k == 0 else None)
               for k, (t, x0, top, x1, bottom) in enumerate(read)]
        for j in group:
            out[j] = None
        out[i] = replace(line, words=new, label_words=new, cells=[])
    return [ln for ln in out if ln is not None]


def _covers(read: list[tuple[str, float, float, float, float]], words: list[Word],
            vocabulary: dict[str, str]) -> bool:
    """Whether a reading stands over every word of KEPT_WORD_MIN_LETTERS letters or more OCR
    read (a name the lexicon lacks too: "Årsrapport för insatsen Trampolinen" read again as
    its first three words lost the insats), every word with a digit ("varav män 20" read
    again as "varav män" lost a count) and every lexicon word, short ones too ("Not" of
    "Not 1: Verksamhetens intäkter")."""
    return all(any(x0 < w.x1 and w.x0 < x1 for _, x0, _, x1, _ in read) for w in words
               if sum(c.isalpha() for c in w.text) >= KEPT_WORD_MIN_LETTERS
               or any(c.isdigit() for c in w.text) or _known_token(w.text, vocabulary))


def _numbers_agree(read: list[tuple[str, float, float, float, float]], words: list[Word]) -> bool:
    """Whether a heading number read again says what OCR read where it stands ("Not 7" is
    never taken as "Not 1": two notes of one number, one of them lost)."""
    digits = [(re.sub(r"\D", "", w.text), w.x0, w.x1) for w in words if any(c.isdigit() for c in w.text)]
    return all(d == re.sub(r"\D", "", t) for t, x0, _, x1, _ in read if _HEADING_NUMBER_RE.match(t)
               for d, a, b in digits if a < x1 and x0 < b)


def _same_band(a: Line, b: Line) -> bool:
    """Two lines OCR made of one printed line: they overlap over most of the lower one's
    height (how far apart they stand says nothing: the words between them may be the ones
    lost, "Not i asa ... intäkter och bidrag")."""
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > HEADING_BAND_OVERLAP * min(a.bottom - a.top, b.bottom - b.top)


HEADING_BAND_OVERLAP = OCR.gaps.heading_band_overlap


def _torn_start(images: PageImages, line: Line, left: float, vocabulary: dict[str, str]
                ) -> list[Word] | None:
    """The words read from ``left`` (points) through the line's first word when the last of them is
    a lexicon word ending as the first word does and standing over it (its start torn
    off): they replace it. None else."""
    first, h = line.label_words[0], line.height
    core = fold(first.text).strip(":;.,")
    if len(core) < 2:
        return None
    read = _known_reading(images, CellBox(line.page, left, line.top, first.x1, line.bottom), h,
                          vocabulary)
    if not read:
        return None
    text, x0, top, x1, bottom = read[-1]
    last = fold(text).strip(":;.,")
    if not (last.endswith(core) and len(last) > len(core) and x0 < first.x1 and first.x0 < x1):
        return None
    trail = first.text[len(first.text.rstrip(":;.,")):]
    return [Word(_as_lexicon_spells(t, vocabulary) + (trail if k == len(read) - 1 else ""),
                 x0=a, x1=b, top=c, bottom=d, confidence=REREAD_CONFIDENCE,
                 raw=first.text if k == len(read) - 1 else None)
            for k, (t, a, c, b, d) in enumerate(read)]


def _label_among_figures(line: Line, near: list[Line], vocabulary: dict[str, str]) -> bool:
    """Whether a row's label words stand where the figures of the rows around begin (their
    first cells' left edges, the middle one) or right of it, none a word of the lexicon: a
    row's first figures read garbled, no label."""
    figures = sorted(ln.cells[0].x0 for ln in near)[len(near) // 2]
    return line.label_words[0].x0 >= figures - line.height and not any(
        _known_token(w.text, vocabulary) for w in line.label_words)


# A word the document prints this often at least is the spelling of its one-letter slips.
SLIP_MIN_PRINTINGS = OCR.matching.slip_min_printings


def _one_letter_slips(lines: list[Line], ocr_pages: set[int], vocabulary: dict[str, str]) -> list[Line]:
    """Capitalised words of OCR'd pages printed once in the document, no word of the
    vocabulary, one letter off (same length) exactly one capitalised word the document prints
    twice or more ("Briftbidrag" among four "Driftbidrag"): that word, raw text kept."""
    if not ocr_pages:
        return lines
    printed = Counter(w.text for ln in lines for w in ln.label_words
                      if w.text.isalpha() and w.text[:1].isupper()
                      and len(w.text) >= DOCUMENT_NAME_MIN_LENGTH)
    common = [t for t, n in printed.items() if n >= SLIP_MIN_PRINTINGS]
    out, changed = [], False
    for line in lines:
        new = {}
        for w in line.label_words if line.page in ocr_pages else ():
            # A table row's first word (figures on its line): prose starts lines in lower case.
            if w is line.label_words[0] and line.cells and (word := _lost_initial(w.text, vocabulary)):
                new[id(w)] = replace(w, text=word, raw=w.raw or w.text,
                                     confidence=min(w.confidence, RESPELT_CONFIDENCE))
                continue
            if printed.get(w.text) != 1 or _lookup(w.text, vocabulary) is not None:
                continue
            # Letters only: OCR loses å/ä/ö and never adds them ("Hälleberg" stays).
            near = [t for t in common if fold(t) != fold(w.text) and one_letter_off(w.text, t)]
            if len(near) == 1:
                new[id(w)] = replace(w, text=near[0], raw=w.raw or w.text,
                                     confidence=min(w.confidence, OCR_CONFIDENCE))
            elif not near and (word := _vocabulary_slip(w.text, vocabulary)) is not None:
                new[id(w)] = replace(w, text=word, raw=w.raw or w.text,
                                     confidence=min(w.confidence, RESPELT_CONFIDENCE))
        if new:
            changed = True
            line = _respelled(line, new)
        out.append(line)
    return out if changed else lines


VOCABULARY_SLIP_MIN_LENGTH = OCR.matching.vocabulary_slip_min_length
VOCABULARY_SLIP_ENDING = OCR.matching.vocabulary_slip_ending
VOCABULARY_SLIP_ENDINGS_ALONE = OCR.matching.vocabulary_slip_endings_alone
RESPELT_CONFIDENCE = OCR.confidence.respelt_word
LOST_INITIAL_MIN_LENGTH = OCR.matching.lost_initial_min_length


def _vocabulary_slip(text: str, vocabulary: dict[str, str]) -> str | None:
    """The one vocabulary word a capitalised word of letters is one letter off or one letter
    short of, capitalised ("Revisionsanvode" → "Revisionsarvode", "Kundfordringa" →
    "Kundfordringar"); None for a short word, for an inflection the vocabulary lacks (a
    letter off in the ending: "Kostnaden" is no slip of "kostnader"; a last letter Swedish
    adds alone: "Styrelsearvode" is none of "styrelsearvoden"), or for none or several such
    words."""
    if len(text) < VOCABULARY_SLIP_MIN_LENGTH or not text.isalpha():
        return None
    low = text.lower()
    near = {v for v in vocabulary.values() if fold(v) != fold(low) and _slip_of(low, v)}
    return next(iter(near)).capitalize() if len(near) == 1 else None


def _lost_initial(text: str, vocabulary: dict[str, str]) -> str | None:
    """The one vocabulary word a line's first word in lower case is without its first
    letter, capitalised ("ortfristiga" → "Kortfristiga", "vrigt" → "Övrigt"); None for a short
    word, a word of the vocabulary (a wrapped label's tail: "kostnader"), or for none or
    several such words."""
    if len(text) < LOST_INITIAL_MIN_LENGTH or not text.isalpha() or not text.islower() or \
            _lookup(text, vocabulary) is not None:
        return None
    folded = fold(text)
    near = {v for v in vocabulary.values() if len(v) == len(text) + 1 and fold(v[1:]) == folded}
    return next(iter(near)).capitalize() if len(near) == 1 else None


def _slip_of(read: str, word: str) -> bool:
    """Whether ``read`` is ``word`` with one letter misread or lost outside its ending, where
    inflections differ, or with its last letter lost when that is no ending of its own."""
    ending = len(word) - VOCABULARY_SLIP_ENDING
    if one_letter_off(read, word):
        return word[ending:] == read[ending:]
    at = lost_letter_at(read, word)
    return at is not None and (at < ending or at == len(word) - 1
                               and word[-1] not in VOCABULARY_SLIP_ENDINGS_ALONE)


def _name_without_diacritics(word: Word, vocabulary: dict[str, str]) -> str | None:
    """The letters of a capitalised word that may be a name OCR read without its å/ä/ö
    ("Vagvisaren": an a or o in it, no å/ä/ö, no word of the vocabulary); else None."""
    m = _TOKEN_RE.match(word.text)
    core = m.group(2) if m else ""
    if len(core) < DOCUMENT_NAME_MIN_LENGTH or not core[:1].isupper() or \
            SWEDISH_LETTERS & set(core) or not set("aoAO") & set(core) or \
            _lookup(core, vocabulary) is not None:
        return None
    return core


def respelling(core: str, read: str | None) -> str | None:
    """The word OCR read (``core``) with the å/ä/ö of a reading of it, in the case OCR read
    ("Vagvisaren", "VÄGVISAREN" → "Vägvisaren"); None when the reading differs by other
    letters, or by case alone ("Fordran", "fordran": nothing to restore)."""
    m = _TOKEN_RE.match(read or "")
    if not m or m.group(2).lower() == core.lower() or \
            not _only_diacritics_differ(core.lower(), m.group(2).lower()):
        return None
    return "".join(r.upper() if c.isupper() else r for c, r in zip(core, m.group(2).lower(), strict=True))


def reread_names(lines: list[Line], ocr_pages: set[int], images: PageImages,
                 vocabulary: dict[str, str]) -> list[Line]:
    """Names OCR read without their å/ä/ö and that neither the lexicon nor the document
    spells ("Vagvisaren", an insats printed once) read again word by word from the grey
    image: a reading that differs from the word by diacritics alone ("Vägvisaren") is its
    spelling, everywhere the document prints the word so. Up to NAME_PRINTINGS of its
    printings are read, and they must not disagree: a speck over an o read as the dots of
    an ö ("Gruvbö", the kommun printed twice, the other printing read "Gruvbo" again) is
    no spelling of it."""
    printings: dict[str, list[tuple[int, Word]]] = {}
    for line in lines:
        for w in line.label_words if line.page in ocr_pages else ():
            core = _name_without_diacritics(w, vocabulary)
            if core is not None and (core in printings or len(printings) < NAME_WORDS):
                seen = printings.setdefault(core, [])
                if len(seen) < NAME_PRINTINGS:
                    seen.append((line.page, w))
    spelled: dict[str, str] = {}
    for core, seen in printings.items():
        # A column's ruling line through an o reads as the dots of an ö ("Kundfördringar"): a
        # word a line crosses is not read again.
        reads = [images.read_word(CellBox(page, w.x0, w.top, w.x1, w.bottom), uncrossed=True)
                 for page, w in seen]
        spellings = {respelling(core, r) for r in reads} - {None}
        if len(spellings) == 1 and not any(_read_as_printed(core, r) for r in reads):
            spelled[core] = spellings.pop()
    if not spelled:
        return lines
    out = []
    for line in lines:
        new = {id(w): _with_core(w, spelled) for w in line.label_words
               if line.page in ocr_pages and _name_without_diacritics(w, vocabulary) in spelled}
        out.append(_respelled(line, new) if new else line)
    return out


NAME_PRINTINGS = OCR.reread.name_printings


def _read_as_printed(core: str, read: str | None) -> bool:
    """Whether a reading of a word is the word as OCR read it (its letters, no dots added)."""
    m = _TOKEN_RE.match(read or "")
    return m is not None and m.group(2).lower() == core.lower()


def _with_core(w: Word, spelled: dict[str, str]) -> Word:
    lead, core, trail = _TOKEN_RE.match(w.text).groups()
    return replace(w, text=lead + spelled[core] + trail, raw=w.raw or w.text,
                   confidence=min(w.confidence, OCR_CONFIDENCE))


# A speck beside a letter read as a quote: no label word begins or ends with one.
_SPECK_QUOTES = "‘’`´"
# Two words this close (text heights) may be one word OCR split in the wrong place.
RESPLIT_GAP = OCR.matching.resplit_gap
TORN_WORD_MAX_PIECES = OCR.matching.torn_word_max_pieces


def _known(part: str, vocabulary: dict[str, str]) -> bool:
    m = _TOKEN_RE.match(part)
    return bool(m) and len(m.group(2)) >= 3 and _lookup(m.group(2), vocabulary) is not None


def _regrouped(a: str, b: str, vocabulary: dict[str, str]) -> list[str] | None:
    """The letters of two words OCR split in the wrong place ("Lämnadeb idrag", "T otalt")
    as the vocabulary's words, or None: taken only when neither word is one already and the
    new split gives words the vocabulary holds, every one of them."""
    if _known(a, vocabulary) or _known(b, vocabulary) or not (a + b).isalpha():
        return None
    joined = a + b
    if _known(joined, vocabulary):
        return [joined]
    splits = [[joined[:i], joined[i:]] for i in range(3, len(joined) - 2)
              if _known(joined[:i], vocabulary) and _known(joined[i:], vocabulary)]
    return splits[0] if len(splits) == 1 else None


def _close_pair(a: Word, b: Word) -> bool:
    """Two words on one line a split's width apart at most (``matching.resplit_gap``)."""
    return abs(a.top - b.top) < a.height / 2 and 0 <= b.x0 - a.x1 <= RESPLIT_GAP * a.height


def _pieces_joined(words: list[Word], vocabulary: dict[str, str]) -> list[Word]:
    """A word OCR tore into three or more pieces, side by side ("Av rä kn ing" for
    "Avräkning": a hard scan's blur between its letters) joined, when no piece is a word of
    the vocabulary and the pieces together are one, letter for letter (a piece read with a
    letter too many, "Öv ri iga", stays: no guess). A speck read as a quote at a piece's
    edge is none of its letters ("Sammantr ‘adesar voden"). Two pieces are
    ``_regrouped``'s. The longest such run first; raw text kept."""
    out = list(words)
    i = 0
    while i < len(out):
        for n in range(min(TORN_WORD_MAX_PIECES, len(out) - i), 2, -1):
            run = out[i:i + n]
            joined = "".join(w.text.strip(_SPECK_QUOTES) for w in run)
            if joined.isalpha() and not any(_known(w.text, vocabulary) for w in run) \
                    and all(_close_pair(a, b) for a, b in zip(run, run[1:], strict=False)) \
                    and _known(joined, vocabulary):
                out[i:i + n] = [replace(run[0], text=repair_text_token(joined, vocabulary) or joined,
                                        x1=run[-1].x1,
                                        raw=" ".join(w.raw or w.text for w in run),
                                        top=min(w.top for w in run),
                                        bottom=max(w.bottom for w in run),
                                        confidence=min(*(w.confidence for w in run), OCR_CONFIDENCE))]
                break
        i += 1
    return out


def _resplit(words: list[Word], vocabulary: dict[str, str]) -> list[Word]:
    out: list[Word] = []
    for w in _pieces_joined(words, vocabulary):
        prev = out[-1] if out else None
        if prev is not None and _close_pair(prev, w) and \
                (parts := _regrouped(prev.text, w.text, vocabulary)):
            raw = f"{prev.raw or prev.text} {w.raw or w.text}"
            width = (w.x1 - prev.x0) / len("".join(parts))
            x, fixed = prev.x0, []
            for part in parts:
                text = repair_text_token(part, vocabulary) or part
                fixed.append(replace(prev, text=text, raw=raw, x0=x, x1=x + width * len(part),
                                     bottom=max(prev.bottom, w.bottom), confidence=OCR_CONFIDENCE))
                x += width * len(part)
            out[-1:] = fixed
            continue
        out.append(w)
    return out
