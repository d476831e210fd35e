"""Noter: each note's rows, groups, subtotals and total; the note is known by its title."""

from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from core.lexicon import Lexicon, fold, slug
from core.ocrtext import LABEL_EDGE_MARKS, foreign_word, junk_word, misread_known_word, unknown_word
from core.settings import DIGITAL
from core.types import Note, NoteRow
from parsers.gaps import word_lost_between
from parsers.layout import key_words_cap
from parsers.sections import Section
from parsers.statements import FUZZY_KEY_CONFIDENCE, JUNK_LABEL_CONFIDENCE, key_confidence
from parsers.tables import TableRow, parse_table


def _is_sum(row: TableRow, lexicon: Lexicon) -> bool:
    return bool(row.amounts) and (not row.label or lexicon.is_total_label(row.label)
                                  or _damaged_total(row, lexicon))


# A scan's label of marks only: no word this long ("ee", "— ae" of a ruling line or a speck).
MARK_LABEL_MAX_CHARS = DIGITAL.counts.mark_label_max_chars
GARBLED_LABEL_MAX_WORDS = DIGITAL.counts.garbled_label_max_words
# A ruling line over the columns read as words is read as words this short ("eee", "E"), as
# a figure read as marks is (gaps.misread_max_chars).
LINE_WORD_MAX_CHARS = DIGITAL.gaps.misread_max_chars
GARBLED_ITEM_CONFIDENCE = DIGITAL.confidence.garbled_item_label


def _garbled_label(label: str, lexicon: Lexicon) -> bool:
    """A scanned label that is marks ("ee", "— ae": a speck, a ruling line) or a short
    label OCR garbled past reading ("FOTA Se" for a ruled-through "Totalt"): no word of it
    is a word of the lexicon."""
    words = label.split()
    if all(len(w) <= MARK_LABEL_MAX_CHARS for w in words):
        return True
    return len(words) <= GARBLED_LABEL_MAX_WORDS and not any(
        fold(w) in lexicon.vocabulary for w in words)


def _garbled_item(row: TableRow, lexicon: Lexicon) -> bool:
    """A scanned item row (figures OCR read) whose label holds a junk word
    (core.ocrtext.junk_word: "am" of a ruled-through "Sammanträdesarvoden", "rä", "kn" of a
    word OCR tore into pieces). The repair passes before this took every label a re-read
    could spell; what is left names no printed item. A label of longer words the lexicon
    lacks is no sign: its vocabulary holds few of the items notes print ("Kundfordringar").
    Nor is a label begun in lower case with a word the vocabulary lacks: its capital was
    misread ("fön tjänstemän" for "Lön tjänstemän"); an item's label begins with one."""
    if not row.label or all(a.confidence >= 1 for a in row.amounts):
        return False
    words = row.label.split()
    first = words[0].strip(".,:;()")
    if first[:1].islower() and foreign_word(first, lexicon.vocabulary, lexicon.short_words):
        return True
    # A known word misread, cut or torn in two ("Övriga kortfri istiga skulder").
    torn = [a + b for a, b in zip(words, words[1:], strict=False)
            if unknown_word(a, lexicon.vocabulary) and unknown_word(b, lexicon.vocabulary)]
    return any(junk_word(w, lexicon.vocabulary, lexicon.short_words) for w in words) or \
        any(misread_known_word(w, lexicon.vocabulary) for w in words + torn)


def _marks_label_sum(rows: list[TableRow], i: int, sums: list[int], lexicon: Lexicon) -> bool:
    """A sum line of a scan whose label OCR made of a speck or a ruling line ("ee" far right
    of the labels) or garbled ("FOTA Se"): its figures are the sum of the rows above it since
    the last sum (two or more, in every column it prints), so it is a sum. A label of words
    is never weighed so, nor are figures that were not read by OCR."""
    row = rows[i]
    if not row.label or not row.amounts or all(a.confidence >= 1 for a in row.amounts) \
            or not _garbled_label(row.label, lexicon):
        return False
    start = max([s + 1 for s in sums if s < i], default=0)
    # The rows of its group (since the last sum), or every row of the note (a total after
    # subtotals: each item once, no subtotal).
    parts = [[r for r in rows[start:i] if r.amounts],
             [r for j, r in enumerate(rows[:i]) if r.amounts and j not in sums]]
    return any(_foots(row, above) for above in parts)


def _foots(row: TableRow, above: list[TableRow]) -> bool:
    for a in row.amounts:
        terms = [b.value for r in above for b in r.amounts if b.column == a.column]
        if len(terms) < 2 or sum(terms) != a.value or not a.value:
            return False
    return True


# A scan's total label may differ from the lexicon's by this many letters, spaces aside.
DAMAGED_TOTAL_EDITS = DIGITAL.counts.damaged_total_edits
DAMAGED_TOTAL_MIN_CHARS = DIGITAL.counts.damaged_total_min_chars
# A sum whose label after its total word is this like a group's heading names that group.
GROUP_SUM_SIMILARITY = DIGITAL.counts.group_sum_similarity


def _damaged_total(row: TableRow, lexicon: Lexicon) -> bool:
    """"Sum na", "Sum ma": a total label OCR split and misread a letter of, beside figures
    OCR read (confidence below 1). Its figures are kept as the note's sum, less sure."""
    if len(row.label.split()) > 2 or all(a.confidence >= 1 for a in row.amounts):
        return False
    text = fold(row.label).replace(" ", "")
    return any(len(t) >= DAMAGED_TOTAL_MIN_CHARS and " " not in t
               and Levenshtein.distance(text, t) <= DAMAGED_TOTAL_EDITS for t in lexicon.totals)


def _named_group(label: str, lexicon: Lexicon) -> str:
    """What a sum's label names after its total word ("Summa kommunala medel" → "kommunala
    medel"); "" for a bare "Summa", "Totalt"."""
    return lexicon.without_total_word(label) if lexicon.is_total_label(label) else ""


def _printed_group(sum_label: str, lexicon: Lexicon) -> str | None:
    """The group a subtotal's label names, as a heading prints it ("Summa personalkostnader"
    → "Personalkostnader"); None for a sum that names none ("Summa")."""
    named = _named_group(sum_label, lexicon)
    if not named:
        return None
    printed = " ".join(sum_label.split()[-len(named.split()):])
    if fold(printed) != named:
        return None
    return printed[0].upper() + printed[1:]


def _ruled_heading(head: str, sum_label: str, lexicon: Lexicon) -> tuple[str, bool] | None:
    """A scan's group heading a ruling line ran through ("Statliga-medel", "Kommunala - medel",
    "Övriga-externa kostnader AAA AAA", "Statliga medel == SNES", "Övriga externa kostnader
    eee E eee") or a speck stood beside
    ("Personalkostnader ."), told by the subtotal that closes it naming it ("Summa statliga
    medel"): the heading as the subtotal prints it, and
    whether it matched exactly once the marks were read as spaces (else junk followed it).
    None for a heading without rule marks or one its subtotal does not name."""
    named = _named_group(sum_label, lexicon)
    folded = fold(head)
    if not named or folded != named and not folded.startswith(named + " "):
        return None
    # Rule marks in it, or a speck beside it read as a mark of its own ("Personalkostnader ."),
    # or a line over the columns read as short words of no language after the name the
    # subtotal prints ("Övriga externa kostnader  eee  E  eee"; "inkl moms" is no such).
    after = folded[len(named):].split()
    marked = any(c in LABEL_EDGE_MARKS for c in head) or \
        any(not any(ch.isalnum() for ch in w) for w in head.split()) or \
        bool(after) and all(len(w) <= LINE_WORD_MAX_CHARS and w not in lexicon.vocabulary
                            and w not in lexicon.short_words for w in after)
    if not marked:
        return None
    printed = " ".join(sum_label.split()[-len(named.split()):])
    if fold(printed) != named:
        return None
    text = printed[0].upper() + printed[1:] if head[:1].isupper() else printed
    return text, folded == named


def _closes_last_group(rows: list[TableRow], sums: list[int], lexicon: Lexicon) -> bool:
    """A note of groups each closed by its subtotal and no total of the whole ("Statliga
    medel … Summa statliga medel", "Kommunala medel … Summa kommunala medel", nothing after):
    its last sum closes the group headed above it, as the sums before it did. Told by its
    label naming that heading; a bare "Summa" is the note's total."""
    if len(sums) < 2:
        return False
    last, before = sums[-1], sums[-2]
    heads = [r for r in rows[before + 1:last] if not r.amounts and r.label]
    named = _named_group(rows[last].label, lexicon)
    return bool(heads and named) and fuzz.ratio(named, fold(heads[-1].label)) >= GROUP_SUM_SIMILARITY


def parse_note(section: Section, lexicon: Lexicon, fiscal_year: int | None,
               document_unit: str | None = None) -> Note:
    # The heading line ("Not 1. Verksamhetens intäkter 2024-12-31 2023-12-31") often
    # carries the column dates: it is read as a heading line of the table.
    table = parse_table(section.lines, lexicon, fiscal_year, document_unit=document_unit)
    rows = [r for r in table.rows if r.amounts or (r.label and not r.has_cells)]
    sums: list[int] = []
    for i, r in enumerate(rows):
        if _is_sum(r, lexicon):
            sums.append(i)
        elif _marks_label_sum(rows, i, sums, lexicon):
            sums.append(i)
            r.label = ""  # an unlabelled sum: its marks are no label
    for i in sums:
        if rows[i].label and not lexicon.is_total_label(rows[i].label):  # read through damage
            for a in rows[i].amounts:
                a.confidence = min(a.confidence, FUZZY_KEY_CONFIDENCE)
    last_sum = sums[-1] if sums and not _closes_last_group(rows, sums, lexicon) else None
    # A row's key is its label's (an item's slug; a sum's total word, exact when the lexicon
    # knows it): no surer than the label words it was read from (key_words_cap).
    for i, r in enumerate(rows):
        how = "exact" if i in sums and lexicon.is_total_label(r.label) else "unkeyed"
        cap = key_words_cap(how, r.key_words)
        if word_lost_between(r.key_words):  # a word lost from the label: no printed item's
            cap = min(cap, JUNK_LABEL_CONFIDENCE)
        for a in r.amounts:
            a.confidence = min(a.confidence, cap)
    out: list[NoteRow] = []
    group: str | None = None
    scanned = any(a.confidence < 1 for r in rows for a in r.amounts)
    group_exact = True
    for i, row in enumerate(rows):
        if not row.amounts:
            # A label-only line opens a group when the next sum after it is a subtotal.
            later = [s for s in sums if s > i]
            if later and later[0] != last_sum:
                ruled = _ruled_heading(row.label, rows[later[0]].label, lexicon) if scanned else None
                group, group_exact = ruled or (row.label, True)
            continue
        if i == last_sum:
            out.append(NoteRow("summa", row.label or "Summa", None, "total", row.order,
                               row.amounts))
        elif i in sums:
            # A group whose heading OCR lost (or never printed) is the one its subtotal names
            # ("Summa personalkostnader"), as a heading prints it.
            group = group or _printed_group(row.label, lexicon)
            out.append(NoteRow(f"summa_{slug(group or 'grupp')}", row.label or "", group,
                               "subtotal", row.order, row.amounts))
            if not group_exact:  # its group told from a heading read with junk after it
                for a in row.amounts:
                    a.confidence = min(a.confidence, FUZZY_KEY_CONFIDENCE)
            group, group_exact = None, True
        else:
            if _garbled_item(row, lexicon):
                for a in row.amounts:
                    a.confidence = min(a.confidence, GARBLED_ITEM_CONFIDENCE)
            out.append(NoteRow(slug(row.label), row.label, group, "item", row.order,
                               row.amounts))
    # A note's rows mean what its title means: the title's match is the rows' key_match.
    hit = lexicon.note_match(section.title)
    if hit is None and any(a.confidence < 1 for r in rows for a in r.amounts):
        hit = lexicon.note_match_ocr(section.title)  # a scan's title, its figures then doubtful
    key_match = hit.key_match if hit else "unkeyed"
    # ... and no surer than the title's words it was read from (a title read again).
    title = set(section.title.split())
    title_words = [w for w in section.lines[0].words if w.text in title] if section.lines else []
    title_cap = key_words_cap(key_match, title_words)
    # A scan's title the lexicon does not know, with a word of no language in it ("Vert p
    # inta h bid" for "Verksamhetens intäkter och bidrag"): its slug keys the note's rows
    # under a key nobody printed.
    if hit is None and any(w.confidence < 1 and junk_word(w.text, lexicon.vocabulary, lexicon.short_words)
                           for w in title_words):
        title_cap = min(title_cap, JUNK_LABEL_CONFIDENCE)
    for row in out:
        row.key_match = key_match
        for a in row.amounts:
            a.confidence = min(a.confidence, title_cap)
        if hit is not None and hit.how == "fuzzy":
            for a in row.amounts:
                a.confidence = min(a.confidence, key_confidence(key_match))
    return Note(section.note_no or 0, hit.key if hit else slug(section.title), section.title,
                table.unit, out, table.unit_source)
