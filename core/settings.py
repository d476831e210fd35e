"""Every numeric tolerance, limit and confidence of the stages, in one validated settings
object with two presets: ``DIGITAL`` for born-digital text and ``OCR`` for text that OCR made
(pdfplumber's ``TableSettings`` is the model: named values, checked when made).

Distances are in text heights unless a name says otherwise (``_pt`` points, ``_px`` pixels);
shares are fractions 0-1; scores are rapidfuzz or Tesseract 0-100. Modules keep their constant
names (``GROUP_GAP = DIGITAL.layout.group_gap``), so a tolerance is read where it is used and
changed here. A preset is changed with ``dataclasses.replace``, which validates again:

>>> from dataclasses import replace
>>> OCR.layout.group_gap > DIGITAL.layout.group_gap
True
>>> replace(DIGITAL.layout, group_gap=-1)
Traceback (most recent call last):
...
ValueError: layout.group_gap must be >= 0, not -1
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


class _Validated:
    """Numbers are non-negative; shares and confidences lie in 0-1, scores in 0-100."""

    _section = ""

    def __post_init__(self) -> None:
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if isinstance(value, _Validated) or not isinstance(value, int | float):
                continue
            name = f"{self._section}.{f.name}"
            if isinstance(value, bool) or value < 0:
                raise ValueError(f"{name} must be >= 0, not {value}")
            if (f.name.endswith("_share") or f.name.endswith("confidence")
                    or self._section == "confidence") and value > 1:
                raise ValueError(f"{name} is a share (0-1), not {value}")
            if f.name.endswith("_score") and value > 100:
                raise ValueError(f"{name} is a score (0-100), not {value}")


@dataclass(frozen=True)
class Confidence(_Validated):
    """The confidence ladder of a value read by OCR (never 1: only the checks confirm)."""
    _section = "confidence"
    ocr: float = 0.95  # an amount as OCR read it
    irregular_grouping: float = 0.85  # digit groups not as printed ("13331848"): same value
    confirmed: float = 0.9  # a repaired amount that the re-read confirmed
    stray_mark: float = 0.8  # a count with a stray mark dropped ("12'")
    prose: float = 0.7  # a count read from a sentence ("varav 15 nya"): below uncertain_below
    reread: float = 0.7  # re-read from the page image
    # a figure of a row where OCR read words of letters before a figure, right of the label
    # ("ee 30 See ce 50" for "−30  0"): a sign or digits may be in those letters
    among_marks: float = 0.7
    repaired_number: float = 0.6  # characters changed to make it an amount
    wide_box: float = 0.5  # a box much wider than its digits: something was lost
    # a figure opening with a 0 before more digits ("08" of "17 908"), as no printer sets one:
    # its leading digits were lost
    lead_zero: float = 0.5
    split_cell: float = 0.5  # "1 23": no valid grouping, each word kept as a doubtful cell
    breaks_arithmetic: float = 0.5  # part of a sum that still breaks after re-reading
    # a goal status OCR may have read as another: its qualifier ("Ej", "Delvis") damaged or
    # perhaps lost, or a legend's symbol (OCR reads "●", "◐", "○" alike)
    doubtful_status: float = 0.6
    # a count or goal of a scanned bilaga whose title names an insats the summary table
    # lists under no name close to it ("Årsrapport för insatsen vin", "Vindrosen" cut): the
    # name as read may be OCR damage
    unlisted_insats: float = 0.6
    # a count of a column that a heading word OCR boxed over several columns joined (by
    # elimination, "Totalt [Kvinnor] Män", or by overlap): where the word stands was not read
    stretched_heading: float = 0.6
    # a count under one of several column headings the lexicon does not know ("| Kommun |
    # Region |" over measure rows): each row has several counts for one key
    unknown_columns: float = 0.5
    # an amount of one of two columns of this year that no heading word tells apart
    # ("Budget 2017 | Utfall 2017" whose words OCR lost): either may be the budget
    ambiguous_column: float = 0.5
    # a figure with a lone minus before it, apart, and no column of signs to say it is its sign
    detached_sign: float = 0.5
    # a figure a ruling line's dashes stood right before, dropped with the line ("—_—20.098"):
    # a printed minus under the line reads the same, so its sign is not known (Word.sign_lost)
    ruled_sign: float = 0.5
    # a positive figure signed by a dash of ink just left of its digits that OCR did not read
    # ("−51" read "51"): the page image shows a sign, no reading of it does
    inked_sign: float = 0.6
    # A scanned figure standing between its row and the next (layout.between_rows_share of
    # the way or more): which row it belongs to cannot be told. Above repaired_number: a
    # re-read of its own box would confirm its digits, not its row.
    between_rows: float = 0.7
    # a scan's row keyed by the one run of its label's words the lexicon knows, every other
    # word unknown to it ("WU studier enye ess ga" for "Till studier"): the row is a guess
    guessed_row: float = 0.5
    # a scanned note item whose label OCR left garbled: a junk word in it (core.ocrtext.
    # junk_word: "am" for Sammanträdesarvoden, "rä" of "Av rä kn ing sociala avgifter"). A
    # note item's label is its key, so its figure, however well read, is stored under a key
    # nobody printed
    garbled_item_label: float = 0.6
    # a label word respelled as the one vocabulary word one letter off it (a misreading or
    # a word the lexicon lacks: matching.vocabulary_slip_min_length)
    respelt_word: float = 0.6
    # a goal's outcome over 100 % read by OCR ("713 %" for "73 %"): a speck read as a digit
    # is likelier than a misprint; a check on it is uncertain
    implausible_share: float = 0.6

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.ocr < 1 or not self.breaks_arithmetic <= self.repaired_number < self.reread \
                < self.confirmed < self.ocr or not self.irregular_grouping < self.ocr:
            raise ValueError("confidence ladder out of order: breaks_arithmetic <= "
                             "repaired_number < reread < confirmed < ocr < 1")


@dataclass(frozen=True)
class Text(_Validated):
    """Reading words from a text layer (ingest/pdftext.py), in points."""
    _section = "text"
    x_tolerance_pt: float = 1.5
    y_tolerance_pt: float = 3
    max_page_side_pt: float = 14400  # 200 inches: larger pages are refused
    # A page this much covered by one image is a scan: its text layer is an OCR engine's,
    # whose glyphs each have their own size (fitted to the scanned word), read as the engine
    # wrote its words. Split by size, an old English-only layer came apart into letters
    # ("U t f a ll", "F o r a n d r i n g"): triage found no word to judge it by and kept it.
    scan_image_share: float = 0.85
    # ... and at least this share of its text objects is hidden as OCR layers are (invisible,
    # or drawn under the image): a born-digital page over a full-page background image
    # prints its text visibly on top, and is read as digital.
    scan_hidden_text_share: float = 0.5


@dataclass(frozen=True)
class Triage(_Validated):
    """Is a page's text layer good, missing or damaged (ingest/triage.py)."""
    _section = "triage"
    min_words: int = 3  # an image page with fewer words has no usable layer
    damaged_min_hits: int = 3  # Swedish words without å/ä/ö that make a layer damaged
    damaged_number_share: float = 0.3  # ... or this share of malformed amount tokens
    damaged_number_min: int = 3
    garbage_share: float = 0.35  # ... or this share of tokens that are no text
    garbage_min_tokens: int = 10
    max_ocr_mpixels: float = 150  # larger page images are not OCR'd


@dataclass(frozen=True)
class Layout(_Validated):
    """Words to lines and amount cells (parsers/layout.py), in text heights."""
    _section = "layout"
    line_overlap: float = 0.5  # a word's middle this close to a line's is on that line
    group_gap: float = 0.55  # max gap between the digit groups of one amount
    sign_gap: float = 0.6  # max gap between a detached minus and its digits
    digit_width: float = 0.9  # a digit's width in the common fonts (0.76-0.87)
    smear_height: float = 1.8  # an OCR'd word this much taller than usual, and short ...
    smear_max_chars: int = 4  # ... is a column of figures read as one smear
    # An OCR'd word without digits this much wider (usual text heights per character) than
    # any letter is a ruling line read as letters ("eee" over 90 pt).
    rule_word_width: float = 2.0
    margin_slack: float = 0.5  # words ending this far left of a scan's text edge are marks
    # ... within this share of the page's width from its left edge (an outdented heading
    # is further in), where this many lines begin within margin_align_pt make the text's edge.
    margin_band: float = 0.08
    margin_lines: int = 3
    margin_align_pt: float = 3.0
    # A scan's speck past the text's right edge (where several lines end), in the margin band:
    # a word of this many characters at most, no digit, gaps.gutter_gap text heights from
    # the word before it.
    right_speck_max_chars: int = 2
    # Middles closer than line_join_min_pt join a line whatever the page's usual text height,
    # and at most line_join_share of the heights compared: a scanned page whose words are all
    # boxed tall (14 pt boxes at a 15 pt pitch, askew) keeps its rows apart.
    line_join_min_pt: float = 4.0
    line_join_share: float = 0.7
    # A scanned page left askew after OCR's deskew: its words' middles, taken along a slope
    # (y points per x point) of at most skew_max_slope tried in skew_step steps, gather
    # skew_sharpness times as tightly (into 2 pt bands) as taken level. Where that slope
    # makes a row drift more than skew_drift_pt across the text, rows are grouped along it
    # and each word's box loses the drift the OCR engine boxed its line with.
    skew_max_slope: float = 0.05
    skew_step: float = 0.0005
    skew_sharpness: float = 1.5
    skew_drift_pt: float = 6.0
    skew_min_words: int = 20
    skew_min_height: float = 0.4  # a box keeps at least this share of its height
    skew_merged_lines: int = 2  # lines grouped level that hold words of two rows along it
    # A scanned page whose ink (the page image, figures OCR dropped included) runs along a
    # slope of at most skew_max_slope, found in skew_step steps, skew_ink_gain times as sharp
    # in rows (1 px bands at lost_dpi) as taken level, is turned level, words and image,
    # when its rows drift across the text by skew_turn_share of a usual word's height or
    # more: a figure far right of its label would stand nearer another row's band.
    # The ink is looked at skew_ink_dpi (dots per inch), slopes tried skew_ink_coarse apart
    # first, then skew_step apart around the best.
    skew_ink_gain: float = 1.05
    skew_ink_dpi: int = 150
    skew_ink_coarse: float = 0.002
    skew_turn_share: float = 0.25
    between_rows_share: float = 0.35
    # A label's first word of junk standing in this share of the margin nearest the page's
    # edge, left of where the table's labels begin, is a smear at the scan's edge ("TT", "x2";
    # parsers/tables.py); an outdented "a)" or "II" stands nearer the labels.
    margin_speck_share: float = 0.33
    # A lone minus farther from its figure than sign_gap ("-      4 812 640", set at its
    # column's left edge) is the figure's sign where minus signs of other rows stand within
    # this many text heights of it (a column of signs); one whose right edge lies this close
    # to other rows' figures' right edges is a dash printed for nothing.
    edge_sign_align: float = 0.6
    # A mark OCR read alone (no digit) this close before a figure may be its blurred minus.
    mark_sign_gap: float = 2.0


@dataclass(frozen=True)
class Tables(_Validated):
    """Rows, columns and their roles (parsers/rows.py, columns.py, tables.py)."""
    _section = "tables"
    wrap_distance: float = 2.2  # a label line this close above a row wraps into it
    label_clearance: float = 2.0  # a label word starts this far left of its row's amounts
    # A row's label wrapped below its figures (top-aligned cells): a line of at most this
    # many words, lower case, starting this close (text heights) to the label's own start.
    wrap_tail_words: int = 4
    wrap_tail_indent: float = 2.5
    wrap_tail_word_letters: int = 4  # ... one of its words this long
    first_period_year: int = 2004  # lag 2003:1210: no förbund reports an earlier year
    # A scan's heading word boxed wider than this many text heights a letter, over several
    # count columns ("Kvinnor" boxed from "Totalt" to "Män"): where it stands is not known.
    stretched_heading_width: float = 1.5
    # A scan's year column whose year OCR lost with all of its heading at the end of a row of
    # dated ones (an overview read "2017 2016 2015 2014 ·", the figures read again from the
    # ink): its year continues theirs when at least this many dated columns stand one year
    # apart each ...
    years_beyond_min_dated: int = 3
    # ... at one pitch, each step and the lost column's within this share of it.
    years_beyond_pitch_share: float = 0.2
    # A table of years across (``[layout] years_across``: the five-year overview) dates its
    # columns by position from at least this many figure columns at one pitch, and from the
    # years read over them (most agreeing); a column dated so has its amounts doubtful ...
    years_across_min_columns: int = 3
    # ... but beyond the years read, not one headed in a word of its own this many letters
    # long ("Snitt"); OCR's misreadings of a year ("ZOD", "e017") are shorter.
    naming_min_letters: int = 4
    # Years after the fiscal year a heading may print: next year's budget on a scan (where a
    # later year is a misread), a plan's years ahead when printed ("Plan 2027").
    ocr_years_ahead: int = 1
    plan_years_ahead: int = 5
    overlap_slack_pt: float = 2.0  # cells this close still overlap
    header_reach: float = 2.5  # heading word to column centre, in word widths
    # A scanned heading word over this share of its width over a column of several figures
    # is that column's, whatever lone cell's column it fits better (parsers/columns.py).
    header_over_figures: float = 0.5
    right_edge_tolerance: float = 1.2  # right edges this close are one column
    max_note_no: int = 60
    max_label_words: int = 14
    tkr_plausible_max: int = 1_000_000  # a tkr statement's amounts stay below this
    tkr_rounding: int = 500  # kr: what rounding to tkr may lose
    # A förbund's yearly intäkter and kostnader are this many kronor at least (the smallest
    # turn over about a million): a statement whose unit was not read and whose every such
    # figure is below it is in tkr ([units_turnover] in the lexicon).
    kronor_turnover_min: int = 100_000
    # ... a unit found so is a guess from a threshold: doubtful (below checks.uncertain_below).
    turnover_unit_confidence: float = 0.7
    # A row about one person ("Kostnad per deltagare") in a tkr table whose figure reaches
    # this is in kronor (a million kronor per person is none): stored as printed.
    per_person_kronor_min: int = 1000
    # A unit word OCR damaged ("tpkr"): the word before it this close to a lead word
    # ("Beloip" for "Belopp"), the unit word at most this many letters off, and the amounts
    # of its table less sure.
    loose_unit_lead_score: float = 80.0
    loose_unit_max_edits: int = 1
    loose_unit_min_chars: int = 3
    loose_unit_confidence: float = 0.8
    # ... and a heading line whose unit OCR damaged beyond reading ("Belopp i rön"): the unit
    # is not known, its table's amounts are doubtful.
    unread_unit_confidence: float = 0.6
    # A scanned row of this many year columns or more whose figures all carry one sign but
    # one: that one's sign may be a minus OCR lost or a ruling line read as one (doubtful).
    lone_sign_min_years: int = 4
    lone_sign_confidence: float = 0.6
    # A year of a column heading OCR split in two words ("20 18"): pieces of at most this
    # many digits beside the heading line's years are the year's, no figures.
    year_piece_digits: int = 2
    # A unit's heading line with at least this many years among its cells, more than half
    # of them, is the column heading whatever marks OCR read as figures beside them.
    unit_heading_min_years: int = 3
    # A table that prints no unit of its own follows the unit the report's statements print
    # (a report is in one unit); its amounts are this sure.
    report_unit_confidence: float = 0.8
    # A unit found only from the magnitudes of a statement's amounts is less sure than a
    # printed one (parsers/document.py).
    magnitude_unit_confidence: float = 0.8
    # Statement and note rows' keys (parsers/statements.py, notes.py, document.py): an amount
    # is no surer than the way its key was found (``key_confidence``, the one rule). A loose
    # label match scoring sure_fuzzy_score or more (a letter off in a long label, an
    # explanation in parentheses read past) is nearly as sure as an exact one
    # (fuzzy_key_confidence, above checks.uncertain_below: a break resting on it is still an
    # error); below that score the key may be another line's (loose_key_confidence, below the
    # line: a break resting on it is uncertain). A statement found by its rows, its heading
    # missing, keys its exact rows as surely as a sure loose match (headless_confidence); a
    # row of it keyed otherwise rests on two guesses (loose_key_confidence). One found by the
    # statement's arithmetic (the label unknown) is nearly as sure as a label, with this
    # score; a row left unkeyed, this score.
    fuzzy_key_confidence: float = 0.9
    sure_fuzzy_score: float = 95.0
    loose_key_confidence: float = 0.75
    headless_confidence: float = 0.9
    arithmetic_key_confidence: float = 0.95
    arithmetic_key_score: float = 95.0
    # Of keys a statement's identity fits alike (the one term missing, and another unprinted
    # term could be it), a label this near to one (rapidfuzz ratio) and this much nearer than
    # to the others takes it (parsers/statements.py _likest): the row keyed by arithmetic.
    likest_key_score: float = 80.0
    likest_key_margin: float = 20.0
    # A scanned row no label match nor identity keyed whose label comes this near to one key
    # of its statement and this much nearer than to any other takes it, loosely (fuzzy,
    # below sure_fuzzy_score: doubtful; parsers/statements.py _key_by_likeness).
    loose_label_score: float = 75.0
    loose_label_margin: float = 15.0
    unkeyed_score: float = 50.0
    min_identity_terms: int = 2  # an identity keys a row from this many printed terms
    identity_tkr_rounding: int = 1000  # kr: identities hold to 1 tkr in tkr tables
    # Columns (parsers/columns.py): a budget column is told by its deviations from this many
    # rows; a digit group this far (text heights) from the figures before it may still be
    # theirs (wide grouping spaces) when the column edges say so; a cell ends at a column
    # edge this close (text heights); a right edge this many rows share is a column edge.
    min_deviation_rows: int = 2
    wide_group_gap: float = 1.5
    edge_tolerance: float = 0.5
    min_edge_rows: int = 2

    def key_confidence(self, key_match: str, headless: bool = False) -> float:
        """The most an amount may be trusted, by how its row's key was found (``key_match``:
        exact, fuzzy:<score>, arithmetic, unkeyed) and whether its table's heading was
        missing (the rule above)."""
        if key_match == "exact":
            return self.headless_confidence if headless else 1.0
        if key_match.startswith("fuzzy"):
            score = key_match.rpartition(":")[2]
            sure = score.replace(".", "", 1).isdigit() and float(score) >= self.sure_fuzzy_score \
                and not headless
            return self.fuzzy_key_confidence if sure else self.loose_key_confidence
        if key_match == "arithmetic":
            return self.loose_key_confidence if headless else self.arithmetic_key_confidence
        return self.headless_confidence if headless else 1.0  # unkeyed: no rule reads it


@dataclass(frozen=True)
class Sections(_Validated):
    """Headings and running lines (parsers/sections.py)."""
    _section = "sections"
    max_heading_words: int = 9
    margin_share: float = 0.1  # of the page height: running heads and feet live there
    max_insats_title_words: int = 6
    # A scan's note heading whose "Not" OCR read as a speck's letters ("a 4 Kortfristiga
    # skulder"): this many characters at most, no digit, before the number and a note title.
    note_word_speck_chars: int = 2
    running_line_score: float = 85.0  # lines this similar on many pages are running lines
    # A table title's long words ("Måluppfyllnad") match the lexicon's this close: OCR adds or
    # drops a letter ("Maluppfyllinad"); short ones ("Statistik") must match as printed.
    title_word_min_chars: int = 10
    title_word_score: float = 90.0
    # A table title's words end where a gap this wide opens: the column headings of the same
    # line follow ("Statistik KRUS      Totalt  Kvinnor  Män").
    title_run_gap: float = 1.5
    # ... but on a scan, a name a ruling line boxed apart from its title word ("Statistik
    # Kugghjule", 2 text heights apart) stands at most this far from it
    name_apart_gap: float = 3.0
    max_insats_name_words: int = 4  # an insats name not in the summary table
    max_heading_number: int = 99  # "Bilaga 3": a heading's number is at most this
    # A margin line repeated on this many pages (or a third of them) is a running line.
    running_line_pages: int = 3
    # A statement the table of contents lists but no heading opens is taken from at least
    # this many rows its table keys exactly, this many keyed by no other statement; the lines
    # just above its first row (this many, each this short) are its own headings. A table of
    # contents gives page numbers up to max_contents_page.
    max_named_heading_words: int = 3  # a statement heading beside the förbund's name
    broken_heading_gap: float = 1.0  # a heading's second line starts this close below (heights)
    letter_spaced_min_words: int = 6  # a letter-spaced heading: this many words at least,
    letter_spaced_share: float = 0.8  # ... this share of them a single letter
    unheaded_min_rows: int = 4
    unheaded_min_own_rows: int = 3
    unheaded_lead_lines: int = 3
    unheaded_lead_words: int = 4
    # A five-year overview whose heading no reading gave (lost on a scan) is found by its rows:
    # a line of at least overview_min_years consecutive years as column headings, then at
    # least overview_min_rows rows the overview's lexicon keys exactly (parsers/sections.py).
    overview_min_years: int = 3
    overview_min_rows: int = 2
    # A participants summary table whose heading OCR lost ("Insatsredovisning" read "ning") is
    # found by its column headings: lines right above a run of at least summary_min_rows rows
    # of counts naming at least summary_min_measures measures or groups of people ("Budget
    # antal delt.", "Nya delt.", "Pågående delt."; "Kvinnor", "Män"; parsers/sections.py).
    summary_min_measures: int = 3
    summary_min_rows: int = 2
    max_contents_page: int = 500
    # A heading OCR glued, split and garbled ("FfFemårisasmmandrag", "Dr ift redo visn ing"): an
    # OCR'd label line of at most this many words (OCR splits a heading into many) whose letters
    # (spaces gone) are this close (rapidfuzz ratio) to a heading's of this many letters at
    # least; it opens its section headless, its figures no surer than a headless table's.
    garbled_heading_max_words: int = 9
    # Two letters of a 15-letter heading misread ("PEerårsöversikt") score 86.7; headings of
    # two kinds score 67 at most against each other.
    garbled_heading_score: float = 85.0
    garbled_heading_min_chars: int = 10
    # A line of whole known words with specks among them ("Mål : ey Måluppfyllelse": column
    # headings) is no garbled heading when the known words hold this share of its letters
    # ("Mal ppf yl lel lse" is one: its known "mal" holds 3 of 14).
    garbled_known_share: float = 0.8
    garbled_heading_candidates: int = 5  # its closest forms tried, best first
    numbered_word_pieces: int = 3  # a bilaga's word OCR split into at most this many pieces
    # A section prefix OCR damaged ("nsatsens namn:", its first letter lost to a speck or the
    # margin): its words this close (rapidfuzz ratio) to a prefix of this many letters at least.
    # One letter lost of "Insatsens namn" scores 96; "Insatsen" against "Insatsens namn" 73.
    prefix_score: float = 90.0
    # ... or this, when the title after it is an insats the summary table lists
    # ("rosatsens namn: Vindrosen", two letters misread)
    prefix_named_score: float = 80.0
    prefix_min_chars: int = 10


@dataclass(frozen=True)
class Classify(_Validated):
    """Which document, förbund and year (parsers/classify.py)."""
    _section = "classify"
    title_pages: int = 3  # the first pages, where a title names förbund and year
    cover_pages: int = 2
    cover_size_share: float = 0.6  # a cover line's type is at least this share of the largest
    signature_pages: int = 2  # the last pages, where a report is signed
    # A name read only through OCR damage counts this share of its source's weight: a garbled
    # cover ("SAMORDNINGS- FORBUNDBET £ HATS") does not outweigh a running header and the text.
    fuzzy_share: float = 0.5
    letter_spaced_run: int = 3  # single letters in a row that are one letter-spaced word or more
    letter_gap_factor: float = 1.8  # a gap this much wider than the letters' usual one parts words
    max_name_tokens: int = 14
    stacked_gap: float = 0.5  # words of one line whose middles lie this many heights apart are two
    kind_max_words: int = 5  # words of a document kind's name (lexicon [kinds])
    # A title goes on to the next line when that line is set in type this alike (size ratio)
    # and starts within this many of its heights below ("Budget" / "2010 med plan för …").
    title_line_size_ratio: float = 0.8
    title_line_gap: float = 1.5
    spaced_share: float = 0.8  # a cover line of single letters this share of its words is spaced
    # A cover line of capitals with a piece (between marks) this long that no lexicon spells, a
    # noun run into it, may be a letter-spaced line OCR read with no gaps ("SAMORDNINGSFÖRBUNDETTRA").
    glued_letters: int = 16
    # A scanned name cut inside a word, its last letter read as what is left of the cut one
    # ("Björkvattr"), keeps more letters than this, unless it shares a whole word with the
    # fuller printing ("Mossbacken och Tc och Kärrby").
    cut_word_letters: int = 4
    # A run of letter-spaced lines longer than this (letters) is no name: not parted into words.
    max_cover_letters: int = 200


@dataclass(frozen=True)
class Counts(_Validated):
    """Participant tables and forms (parsers/participants.py), goals, protokoll, budget."""
    _section = "counts"
    max_count: int = 100_000
    # A group's figure this many words after a row's count still ends the row written out
    # ("Nyinskrivna 11 Qkvimmoroch 2 män": a group glued past reading between them).
    group_reach: int = 3
    # A count in a sentence or a column OCR lost has at most four digits (a larger figure
    # is an amount, a year or a page's noise).
    max_small_count: int = 9_999
    max_header_lines: int = 5
    heading_gap: float = 1.5
    max_blank_row_words: int = 6
    # The förbund's total computed from a summary's rows per member kommun (no total row
    # printed): no printed figure stands behind it, so it is doubtful (below
    # checks.uncertain_below: a break resting on it is uncertain).
    computed_total_confidence: float = 0.6
    max_label_words: int = 10
    label_year_gap: float = 1.2
    # A scan's speck read as a figure before a written-out row's count ("4  58 30 kvinnor
    # och 28 män") stands at least this far (text heights) before the count.
    speck_figure_gap: float = 2.0
    goal_column_slack_pt: float = 4.0
    goal_paragraph_pitch: float = 2.2
    goal_max_level_words: int = 5
    minutes_column_gap: float = 1.5
    budget_kommun_gap: float = 2.0
    # A line this short, without closing punctuation, before a capitalised line is a heading
    # (parsers/prose_counts.py).
    prose_heading_words: int = 6
    # A form's field ("Målgrupp: unga vuxna"): a word ending in a colon, its value a word
    # space (this many text heights at least) after it; a colon touching the next word is a
    # speck in a torn word ("In: sats" for "Insats"), no field.
    field_value_space: float = 0.15
    # A scanned row label's last words this many text heights after the others, a few small
    # letters the lexicon lacks (gaps.misread_max_chars at most), are a speck read as letters
    # ("Fyrbåken      aay"), no part of an insats name (whose words stand a word space apart).
    label_junk_gap: float = 1.5
    # Goal tables (parsers/goals.py): a title column's heading ends where a gap this wide
    # opens; a blank this tall below the last row ends the table; a status read through
    # look-alike glyphs scores at most this (never "exact"); a status cell read again reaches
    # this far past the status words around it.
    goal_title_column_gap: float = 1.5
    goal_table_end_gap: float = 5.0
    # A lone mark in a row's column gap is a speck (no word of the row) when a blank this many
    # of the line's usual word spaces wide stands beside it; a printed dash or colon stands
    # between single spaces ("kontaktperson - Uppnått").
    goal_speck_blank_spaces: float = 1.8
    # A column whose heading OCR lost ("Aktivitet" of "Resultatmål | Mål | Aktivitet |
    # Måluppnåelse"): word starts within goal_column_slack_pt of one x, each this many text
    # heights after the word before it, on this many rows at least, this many text heights
    # right of the goal column's start, no row's word running over it.
    goal_lost_column_gap: float = 1.5
    goal_lost_column_rows: int = 3
    goal_lost_column_from_goal: float = 5.0
    goal_glyph_score: float = 99.0
    goal_status_reach: float = 3.0
    # A summary table's last row is its total by its sums only with this much evidence:
    # measures compared plus insats rows summed (one measure of two rows adds up by chance),
    # and at least total_row_min_measures measures (one column of small counts adds up by
    # chance too: "5, 3, 2, 10").
    total_row_evidence: int = 4
    total_row_min_measures: int = 2
    # A row label's second line follows its first closer than this (text heights, bottom to
    # top) and starts at most this far right of it; heading words further apart than
    # phrase_gap heights are two headings.
    wrap_gap: float = 0.8
    wrap_indent: float = 2.0
    phrase_gap: float = 1.5
    # A summary row's label of at most this many lowercase letters is junk a scan left (a
    # rule read as "a", "t"), no insats's name: the row is no insats's.
    junk_label_max: int = 2
    # A scan's speck OCR read as a digit: a one-digit word boxed narrower than this many text
    # heights (a "1" than speck_one_width) holds no glyph of a digit (serif digits stand 0.4-0.7
    # heights wide, a "1" 0.3 and more): no count, no column's figure nor year heading
    # (parsers/rows.py speck_digit).
    speck_digit_width: float = 0.25
    speck_one_width: float = 0.2
    # A scan's word "16-9" before a group word, boxed wider than this many text heights per
    # character: a count and its first group's figure OCR read across the column gap as one
    # word, the gap as a dash (a printed range stands ~0.6 heights a character).
    glued_gap_char_width: float = 0.8
    # Goal tables: a damaged qualifier ("Ei", "Dclvis") may score this many points under the
    # status similarity on its own (the whole phrase must still reach it); two heading lines
    # of one row follow each other closer than goal_stacked_gap heights; a legend explains at
    # least legend_min_symbols symbols, or a line of one symbol starts within legend_margin
    # heights of the section's left margin.
    goal_qualifier_slack: float = 40.0
    # A token of at most this many letters before a status phrase may be its damaged
    # qualifier ("E) uppfyllt"): the status is doubtful.
    goal_short_token: int = 2
    # A longer status phrase's first words read as one word a letter off ("tstort" of "I
    # stort uppnått") count as them from this many letters.
    goal_joined_head_min_chars: int = 5
    # A goal table's heading word OCR read this many letters off ("Bedömnlng", "Staius") is
    # still the heading, when the heading has at least goal_heading_min_chars letters (a
    # shorter one only through look-alike glyphs, "Mai" for "Mål", or its last letter lost,
    # "Må").
    goal_heading_edits: int = 1
    goal_heading_min_chars: int = 5
    # A long heading (this many letters or more) may be read two letters off: a ruling line
    # or a logo's edge glued to it ("-oResultatmsl" for "Resultatmål").
    goal_heading_long_chars: int = 10
    # A heading a ruling line cut short ("Måluppnåe" for "Måluppnåelse") still reads as it
    # when its first letters (at least this share of them, and goal_heading_min_chars) stand.
    goal_heading_cut_share: float = 0.66
    # ... and one whose first letters are lost ("ultat" for "Resultat"), when this share of
    # its letters (and goal_heading_min_chars) stand at its end.
    goal_heading_start_cut_share: float = 0.6
    # Two status words OCR read as one ("Ejuppiyllt") are split, a letter off, from this
    # many letters on.
    goal_glued_min_chars: int = 8
    # A line giving the goal above it its status opens with a lead of at most this many
    # words ending in a colon ("Bedömning:"), or frame words.
    goal_status_lead_words: int = 3
    # A word before a status phrase this similar to the qualifier of a longer phrase of
    # another status ("Dehis" for "delvis") may be it: the status is doubtful.
    goal_qualifier_like_score: float = 60.0
    # OCR reads a goal's bullet as at most this many signs ("»«" for "•").
    goal_mark_chars: int = 2
    # ... and a lone sign further right than this many text heights from the goal column's
    # left edge is a ruling line's mark, no bullet ("|").
    goal_mark_reach: float = 2.0
    # A word boxed this many times wider per letter than its line's words runs over a column
    # start only by a ruling line's pixels OCR boxed with it.
    goal_swollen_word: float = 1.4
    # Such a swollen word of this many letters or fewer, none of the short words goals print
    # (lexicon [goals] short_words), is a speck's blot read as letters.
    goal_speck_chars: int = 2
    # A heading word boxed this many times wider per letter than the table's words below was
    # boxed with a ruling line's pixels: its column starts where its letters do (a heading
    # in capitals or bold is wider per letter, never twice).
    goal_swollen_heading: float = 2.0
    goal_head_pitch_rows: int = 12  # rows under a heading row that show where its columns' words line up
    # A heading boxed right of its column's words (a misread "Mål" boxed wide, a centred
    # heading) starts where more rows below start a word, this many rows at least, up to this
    # many text heights left of it.
    goal_head_snap_rows: int = 3
    goal_head_snap_reach: float = 5.0
    # A heading read without its first letters starts where its column's words do, up to
    # this many letters' widths a lost letter (and a space) left of what was read.
    goal_lost_letter_widths: float = 2.0
    goal_read_twice_share: float = 0.7  # of a word's width inside another's box: the same ink read twice
    goal_stacked_gap: float = 0.8
    # A goal line ending this many text heights short of where the column's words may reach,
    # with room there for the next line's first word, did not wrap: the next line (opening
    # with a capital) starts the next goal.
    goal_unwrapped_room: float = 1.0
    legend_min_symbols: int = 2
    legend_margin: float = 2.0
    # A word wider than goal_stretched_width text heights a character was boxed wider than
    # printed; a word lies mostly in the next column when less than goal_shifted_share of it,
    # and less than goal_shifted_heights, stand left of that column; a goal table whose
    # heading row OCR destroyed needs goal_implied_rows rows whose status opens one column.
    goal_stretched_width: float = 1.2
    goal_shifted_share: float = 0.5
    goal_shifted_heights: float = 1.5
    goal_implied_rows: int = 2
    # ... whose status words open within this many text heights of one another.
    goal_implied_align: float = 2.0
    # A scan's note total label may differ from the lexicon's by this many letters (spaces
    # aside), when it has at least damaged_total_min_chars letters.
    damaged_total_edits: int = 1
    damaged_total_min_chars: int = 5
    # A note's last sum whose label after "Summa" is this like (rapidfuzz ratio, folded) the
    # group heading above it closes that group, not the note ("Summa kommunala medel").
    group_sum_similarity: int = 80
    # A scanned note row whose label has no word longer than this is marks (a speck, a ruling
    # line read as "ee"): a sum when its figures foot the rows above it.
    mark_label_max_chars: int = 2
    # ... or has at most this many words, none of them a word of the lexicon ("FOTA Se").
    garbled_label_max_words: int = 2


@dataclass(frozen=True)
class Gaps(_Validated):
    """Empty slots and misread words in OCR'd tables (parsers/gaps.py)."""
    _section = "gaps"
    window: int = 6  # rows above and below that define the columns around a row
    min_support: int = 2  # a column needs cells in this many neighbouring rows
    clearance: float = 1.0  # a slot keeps this far from the label and the row's cells
    misread_max_chars: int = 3
    misread_max_word: int = 11  # a word where a row's lost figure stands: a figure's width at most
    marked_digits_share: float = 0.6  # a word in a column this much digits, no letter: a figure
    rule_run_marks: int = 2  # a ruling line read as marks: this many in a run ("==", "__")
    junk_word_max_letters: int = 2  # a label word of this few letters the lexicon lacks is junk
    # A label word the lexicon lacks, this many letters at least, this close (rapidfuzz
    # ratio, folded) to a word it holds, is that word misread ("Forsdkringskassan",
    # "tjänste"): a scanned note item so labelled names no printed item.
    misread_word_min_letters: int = 5
    misread_word_score: float = 85.0
    # a label word with this many dashes among its letters, this share of its characters at
    # least, is a ruling line's trace ("~—“—sSSS—SSS~—S"): the label is read again
    rule_trace_min_dashes: int = 3
    rule_trace_dash_share: float = 0.25
    # A label's last words the lexicon lacks standing this close (text heights) before the
    # row's first figure, nearer than a label ever stands to its column ("Kortfristiga
    # fordringar  Peas 284 615"): OCR read the figure's first digits and a ruling line as
    # letters. They are no part of the label; the figure is doubtful (at most
    # glued_figure_confidence, below checks.uncertain_below) unless a re-read of junk and
    # figure gives it whole (confidence.reread). The key found from the label's clean part
    # is a loose one of this score (sure: tables.sure_fuzzy_score).
    glued_junk_gap: float = 1.0
    glued_figure_confidence: float = 0.7
    glued_junk_key_score: float = 95.0
    # A row keyed by its own label's slug whose label holds junk words: its amounts are no
    # surer than this (below checks.uncertain_below).
    junk_label_confidence: float = 0.75
    # ... and so is one whose label OCR read comes this near a known label of its statement
    # without keying (rapidfuzz ratio: "AretsrTesultaf" is 86 from "Årets resultat"; a
    # label of its own, "Övriga kortfristiga skulder till kommuner", 79): a known label
    # damaged, its key one never printed.
    near_label_score: float = 82.0
    # A label keyed by its words before a tail of words of no language or figures: a loose
    # key at most (below tables.sure_fuzzy_score: the tail may be a word the lexicon lacks).
    unread_tail_key_score: float = 90.0
    label_reread_score: float = 60.0  # Tesseract confidence of a label's word read again
    faint_label_pad: float = 0.25  # ... read past its box by this much (text heights) over and under
    kept_word_min_letters: int = 4  # a lexicon word this long OCR read in a label is printed
    # ... and a word OCR boxed narrower than this many text heights a letter ("teer" 1 pt
    # wide: marks a line left) was printed nowhere
    squeezed_letter_width: float = 0.15
    # A heading a level line runs through (repair/ocrfix.py reread_ruled_headings): "cells"
    # of at most this many characters beside it are specks and note numbers, not figures ...
    heading_speck_chars: int = 2
    # ... and lines OCR made of it overlap over more than this share of the lower one's height.
    heading_band_overlap: float = 0.5
    # Two right edges of one column's figures (a line at its edge read some in two) stand at
    # most this many digits and a space apart (parsers/gaps.py _overlapping).
    overlap_group_digits: int = 3
    # A ruled row's cell a column's re-read completes (repair/cells.py _ruled_part) keeps
    # this many digits at least ("76" of "22 076") ...
    ruled_part_min_digits: int = 2
    # ... and a cell glued over columns, the column's figure and the digits before it this
    # many each at least (a digit group: fewer match a re-read's by chance).
    glued_part_min_digits: int = 3
    debris_max_words: int = 3  # marks after a row's figures, at most this many words
    mark_min_letters: int = 2  # a word of letters among a row's figures: at least this many
    gutter_gap: float = 2.5  # short marks this far after a row's label are scan noise
    # Two words of a scanned label this far apart (text heights) on one line, nothing read
    # between them: a word OCR lost ("Avräkning      avgifter", "sociala" lost); the label
    # read is no printed one, and its amounts are doubtful (junk_label_confidence).
    lost_word_gap: float = 2.0
    # ... measured between words boxed at least this wide a letter (text heights): OCR boxes
    # a word narrower at times ("Kurs-" two points wide), and where it ends is not known.
    min_letter_width: float = 0.25
    gutter_word_width: float = 1.5  # ... and letters this wide each (text heights)
    heading_lines: int = 3  # a table's column headings: at most this many lines ...
    heading_reach: float = 2.5  # ... this close (text heights) to each other and the rows
    heading_skew_reach: float = 1.0  # a lost heading's slot this far below its heading line
    heading_min_score: float = 70.0  # Tesseract confidence of a heading word read again
    # A damaged line of years over a table of this many amount columns at least is read again
    damaged_years_min_columns: int = 3
    lost_years_reach: float = 6.0  # a lost line of years: first row this far below the line above
    blank_row_words: int = 6
    heading_column_gap: float = 3.0
    headed_row_words: int = 8
    # A word standing over this share of a column's width may be its figure, ruled through,
    # when this many times as wide as its characters would be.
    ruled_figure_share: float = 0.5
    ruled_figure_width: float = 2.0
    lost_heading_gap: float = 1.5  # a blank band this high above a count table: headings lost


@dataclass(frozen=True)
class Reread(_Validated):
    """Re-reading cells from the page image (repair/reread.py, repair/cells.py)."""
    _section = "reread"
    dpi: int = 300
    kept_pages: int = 3
    pad_x: float = 0.6  # padding around a cell: enough for a clipped sign ...
    pad_y: float = 0.35  # ... not the next column
    timeout_s: float = 20  # per cell
    min_ink_px: int = 40  # a crop with fewer dark pixels holds no glyph
    dark_level: int = 128
    border_px: int = 20
    binary_level: int = 150
    bold_level: int = 135  # ... and for a bold heading word that blots at binary_level
    # ... and for a label a faint ruling line runs through (a copier's, lighter than print:
    # at binary_level it stays, broken into dashes too short to whiten, and garbles the letters)
    faint_rule_level: int = 100
    rule_contrast: float = 35.0  # grey levels a ruling line darkens a crop's margins by
    rule_row_slack_px: int = 2  # ... at heights this far apart at most (pixels) ...
    rule_skew: float = 0.04  # ... plus the drift of a line skewed 2 degrees, per pixel
    # A detached sign is looked at against the paper this far (text heights) left of it: a
    # ruling line read as a minus continues there at the sign's height, a printed minus
    # does not; a gap narrower than sign_strip_min to the word before it tells nothing.
    sign_strip: float = 1.5
    sign_strip_min: float = 0.3
    sign_band_pad: float = 0.3  # ... in a band this far above and below its box
    # A lone "(" before a figure is an upright column rule OCR read as one when a line runs
    # through it paren_rule_reach text heights above and below the row (a parenthesis ends
    # with its row), looked at paren_rule_pad text heights either side of it.
    paren_rule_reach: float = 1.0
    paren_rule_pad: float = 0.3
    # ... unless the mark's ink where the line runs is paren_own_ink times darker than the
    # line above and below: a printed parenthesis a copier's faint line crosses (the line
    # read as "(" is as dark in the row as outside it).
    paren_own_ink: float = 2.0
    # A minus OCR dropped is looked for as ink (repair/cells.py sign_from_ink): a dash up to
    # dash_reach text heights left of a figure's first word (or inside its box), darker
    # than the paper by dash_contrast grey levels, one mark on its own: dash_min_width to
    # dash_max_width of the digits' height wide, at most dash_max_thickness of it thick,
    # its middle between dash_mid_from and dash_mid_to of the digits' height from their
    # top (a minus stands at mid-height; a ruling line under or over a row does not), at
    # most dash_max_gap of it before the digits.
    dash_reach: float = 2.5
    dash_contrast: float = 60.0
    dash_min_width: float = 0.3
    dash_max_width: float = 1.5
    dash_max_thickness: float = 0.3
    dash_mid_from: float = 0.3
    dash_mid_to: float = 0.8
    dash_max_gap: float = 0.8
    dash_min_aspect: float = 2.0  # a dash is at least this many times as wide as thick
    dash_digit_height: float = 0.5  # marks this tall (text heights) are the figure's digits
    # marks of at least this many pixels (times the digits' height squared) are no speck
    dash_speck: float = 0.02
    dash_digits_reach: float = 2.0  # ... looked at this far into the figure's first word
    upright_rule: float = 1.3  # an upright ink run this many text heights long is a line
    # a level ink run this many text heights long, in a band of level_rule_rows pixel rows
    # (a line skewed by the scan climbs a row every ~30 pixels), is a ruling line: no letter
    # of a status cell is that wide
    level_rule: float = 2.0
    level_rule_rows: int = 3
    # A ruling line level on the scanner's glass slants on the page turned level (OCR's
    # deskew turns the text, not the line): it is followed along slopes up to this (rows per
    # pixel: 2 degrees, a scan's skew at most), in steps of this; a 3-row band alone loses a
    # 2-pixel line so slanted every ~60 pixels, shorter than level_rule text heights.
    level_rule_slope: float = 0.04
    level_rule_slope_step: float = 0.005
    rule_near_label: float = 0.5  # a level rule this near a label's box (text heights) ran through it
    sparse_page_words: int = 40  # a page OCR left this bare is read again, black and white
    sparse_word_min_score: float = 60.0  # a word read there joins the page this sure
    # ... or this sure when it is spelled as a word of the lexicon's vocabulary ("resultat").
    sparse_vocabulary_min_score: float = 40.0
    cut_letters: int = 2  # ... and completes a word OCR cut short by this many letters at most
    page_timeout_s: float = 60  # per page read again
    ink_right_share: float = 0.93  # ink is looked for up to this share of the page width
    ink_column_px: int = 2
    # A run of ink whose ink stands in a band thinner than this share of the row's height, and
    # is wider than ink_rule_length row heights, is a ruling line's piece, no figure (a figure
    # of a skewed page the row's band cuts leaves a sliver ~0.2-0.25 high, ~2 heights wide).
    ink_rule_thickness: float = 0.2
    ink_rule_length: float = 2.5
    gap_min_score: float = 70.0  # Tesseract confidence for a reading in an empty slot
    # A figure of a broken sum read the same again is taken as printed (a misprint, not a
    # doubt) only when Tesseract is this sure of the second reading: at 200 dpi both
    # readings may share a misread.
    confirm_min_score: float = 90.0
    # ... and only from a scan this fine (dots per inch): re-reads of a coarser one share its
    # misreads, however sure Tesseract is of them.
    confirm_min_dpi: float = 300.0
    ink_row_words: int = 8
    ink_gap: float = 1.2  # ink runs closer than this are one figure
    # Names OCR read without their å/ä/ö ("Vagvisaren"), read again word by word in grey
    # (the page's binarisation lost the dots): at most this many distinct words per file.
    name_words: int = 40
    # ... each read at up to this many of its printings, which must agree (a speck over one
    # printing's o reads as an ö)
    name_printings: int = 3
    # A status cell's symbol is matched to a legend key by their ink (repair/symbols.py),
    # each squared and scaled to symbol_px pixels a side: the best key's similarity (0-1,
    # shared ink over all ink) must reach symbol_min_similarity and beat the best key of
    # another status by symbol_margin; else the status stays as it was (doubtful or okand).
    symbol_px: int = 24
    symbol_min_similarity: float = 0.55
    symbol_margin: float = 0.12
    symbol_ink_contrast: float = 60.0  # grey levels under the crop's paper that are ink
    symbol_key_pad: float = 0.5  # room around a legend key's OCR box (its heights)
    symbol_row_gap: float = 0.3  # a glyph's parts lie this close (text heights): "?", "i"
    ink_clearance: float = 0.6
    # Ink no wider than this (text heights) starting within as many heights after a label
    # that ends in a letter is the word's own letter OCR lost ("Resultatraknin" + "g"), no
    # figure: read as "9", it made the statement's heading a row.
    ink_label_tail: float = 1.0
    band_reach: float = 0.5  # a figure's ink is looked for this far above and below its row
    slot_edge_reach: float = 3.0  # a slot's edges are checked for a figure they cut this far left
    max_rereads: int = 80  # per file, for the arithmetic repair
    # A page whose words all but this share stand in its right half lost its labels to OCR;
    # a page's first lines are this many of its topmost text heights.
    lost_labels_share: float = 0.1
    opening_lines: int = 2
    # A page with this many rows of figures (two or more) and no word in its left half, and
    # as many such rows as rows of figures with a label, lost a table's labels to OCR (an
    # upright ruling line along them).
    lost_label_rows: int = 3
    # A title or heading line whose first word starts this many text heights right of where
    # the lines around begin, an upright line between, lost its start to OCR
    # (repair/ocrfix.py reread_cut_line_starts).
    cut_start_indent: float = 2.0
    # ... and a table row's, whose first word is none the lexicon spells ("‘ets resultat":
    # "År" lost to a rule along the labels' starts; less than a title's, the unknown word
    # being a sign of its own).
    cut_start_row_indent: float = 0.5
    # ... read again from this many text heights left of where the lines begin, up to half
    # as much before the first word when no torn word is read.
    cut_start_pad: float = 0.5
    # Regions OCR lost whole (repair/regions.py): the page image is looked at this coarsely
    # (dots per inch), in square blocks this wide (points); a pixel is ink when darker than
    # its block's paper by lost_ink_contrast grey levels, and an ink run this long (points,
    # level or upright) is a ruling line, no text. A block is lost when this share of it is
    # ink under no OCR word (a word's box grown by lost_word_pad_pt); lost blocks at most
    # one block apart are one region, read again when it has lost_min_blocks blocks or more,
    # outside the page's edges (this share of its width and height: a scanner's shadow).
    lost_dpi: int = 75
    lost_block_pt: float = 24.0
    lost_ink_contrast: int = 45
    lost_rule_pt: float = 10.0
    lost_block_ink_share: float = 0.02
    lost_word_pad_pt: float = 2.0
    lost_min_blocks: int = 3
    lost_edge_share: float = 0.04
    lost_max_regions: int = 6  # per page, the largest
    # A word read again in a lost region joins the page this sure (Tesseract, 0-100).
    lost_word_min_score: float = 60.0
    lost_pad_pt: float = 6.0  # the crop read again reaches this far around the region
    # Tesseract may give a word of a block read again a box of no height (a heading's "Fem"
    # 0.2 pt tall beside "år i sammandrag" 11 pt): a word under this share of the block's
    # median word height takes the height of the word beside it on its line.
    lost_flat_box_share: float = 0.3
    # A mark (two glyphs or fewer) whose box is wider than this many text heights a glyph is
    # a ruling line OCR read as a glyph ("a" boxed over the page's width): it covers no word
    # read again there.
    lost_rule_mark_width: float = 4.0
    # An upright line down a table's column (or a column Tesseract took for upright text)
    # read by OCR as a stack of letters ("e", "o", "a", "n" one over the other, each box as
    # wide as the line's: repair/upright.py): at least upright_min_letters words of one
    # character each, of more than one kind, their left and right ends within
    # upright_align_pt of each other, no wider than upright_max_width of their height, each
    # at most upright_max_gap of a height below the one before. A row beside the stack is
    # read again from the word left of it to the word right of it, at most upright_reach
    # text heights either side.
    upright_min_letters: int = 3
    upright_align_pt: float = 0.5
    upright_max_width: float = 1.5
    upright_max_gap: float = 1.5
    upright_reach: float = 5.0
    # A block of figures Tesseract took for upright text: its line cut into boxes of one
    # character each (letters, digits, marks), one under the other at one x, each box's top
    # within upright_touch_pt of the bottom of the one before (no gap: one line's parts).
    upright_touch_pt: float = 0.5
    # A figure an upright line (a scanner's streak) runs through the last digit of:
    # OCR ends the figure before the line and drops the digit (repair/upright.py). The line is
    # looked for up to cut_reach text heights beyond the figure's end, running on cut_margin
    # text heights above and below its row, darker than the paper in cut_dark_share of them.
    cut_reach: float = 1.0
    cut_margin: float = 0.6
    cut_dark_share: float = 0.9
    # A line this near the figure's end (text heights) is in its next digit's room; farther,
    # ink of the glyph must stand between them. A line cuts at most cut_max_digits digits.
    cut_touch: float = 0.5
    cut_max_digits: int = 2
    # A part OCR read beyond the line (text heights past it) is the cut glyph's other side;
    # the figure's new end stands at most cut_end_past of a digit past the line; the cut
    # glyph's own ink is looked for from cut_ink_start text heights past the figure, runs
    # closer than cut_ink_gap one.
    cut_part_reach: float = 0.3
    cut_end_past: float = 0.5
    cut_ink_start: float = 0.1
    cut_ink_gap: float = 0.3
    # A figure whose first digits an upright column rule ate (repair/cells.py
    # reread_rule_cut_starts): the rows each way whose figures show its column's width, and
    # the share of a digit's width it starts right of the widest of them at least (a "1" of
    # a proportional font stands narrower than an "8" by less).
    cut_start_rows: int = 6
    cut_start_short: float = 0.5
    # A figure read in an empty slot with its row's level line whitened has ink over this
    # share of its digits' room at least (repair/cells.py _read_slots).
    ruled_slot_ink_share: float = 0.5


@dataclass(frozen=True)
class Matching(_Validated):
    """Fuzzy matching of labels and OCR'd words against the lexicon."""
    _section = "matching"
    fuzzy_score: float = 90.0  # rapidfuzz ratio a label match needs
    # One word of a column heading names a role ("Avvikelse", "Budget") only this close.
    column_word_score: float = 95.0
    prefix_min_chars: int = 10
    word_min_length: int = 6  # OCR'd words repaired against the vocabulary: this long ...
    word_score: float = 90.0  # ... and this close
    accented_word_score: float = 80.0  # a shorter word with a foreign accent ("Férbundet")
    noise_word_max: int = 3  # trailing words this short, in no variant, are scan noise
    # A long label (this many words at least) whose one short word (this many letters at
    # most, both sides) OCR read as another ("Kassaflöde in den löpande verksamheten före
    # …" for "från"), every other word agreeing: the variant's key, loosely (this score at
    # most: below tables.sure_fuzzy_score, its amounts doubtful).
    one_word_off_min_words: int = 5
    one_word_off_max_chars: int = 4
    one_word_off_score: float = 90.0
    resplit_gap: float = 0.6  # words this close may be one word OCR split in the wrong place
    torn_word_max_pieces: int = 5  # a word OCR tore into this many pieces at most is joined
    insats_name_score: float = 85.0  # a bilaga's insats name is the summary table's this close
    # ... or the one the summary table lists that begins with its last word cut short
    # ("VÄGV" for "Vägvisaren"), this many letters at least, taken at this loose score
    cut_name_min_chars: int = 4
    cut_name_score: float = 70.0
    # A misread summary name takes a spelling this many bilaga titles agree on (one title
    # alone may be the misread one).
    insats_name_votes: int = 2
    # ... or a title's name cut short (its tail read into a speck's figure: "Vagvisa 3" for
    # "Vägvisaren"), when it keeps this share of the title's letters at least.
    insats_name_prefix_share: float = 0.6
    # ... or one a speck or two tore ("Bi roj n" for "Bron"): the title's letters in order,
    # at most this many letters more, the first the same.
    insats_name_speck_letters: int = 2
    # A capitalised word OCR read without its å/ä/ö takes the document's own spelling of it
    # ("Halleberg" in a note, "Hälleberg" in the text) when at least this long.
    document_name_min_length: int = 5
    # ... and a word it prints this often at least is the spelling of its one-letter slips
    slip_min_printings: int = 2
    # A capitalised label word the document prints once and the vocabulary does not hold,
    # this long at least, one letter off (same length, not in its last vocabulary_slip_ending
    # letters, where inflections differ) exactly one vocabulary word, is that word, doubtful
    # ("Revisionsanvode" for "Revisionsarvode": a note item's label is its key).
    vocabulary_slip_min_length: int = 9
    vocabulary_slip_ending: int = 2
    # ... or one letter short of exactly one vocabulary word ("Kundfordringa"), unless the
    # letter it lacks is the word's last and one of these, which Swedish adds alone as an
    # ending ("Styrelsearvode" is a word of its own, not "Styrelsearvoden" read short;
    # "Kortfristig" none of "kortfristiga").
    vocabulary_slip_endings_alone: str = "aenst"
    # A label line's first word in lower case, no word of the vocabulary, this long at least,
    # that is exactly one vocabulary word without its first letter ("ortfristiga", "vrigt":
    # the capital lost at the scan's margin), is that word, capitalised, doubtful; it had read
    # as a wrapped label's tail and joined the line above ("Omsättningstillgångar ortfristiga
    # fordringar").
    lost_initial_min_length: int = 5
    # An OCR-damaged word read as a förbund or title word ("Samordningsf6rbundet", "Flnsam",
    # "Årsredovisnlng"): its OCR skeleton (core/ocrtext.py) this close, and closer to it than
    # to any other word of the lexicon ("kommunalförbundet", "samordningsförbunden").
    forbund_word_score: float = 85.0
    # Two printings of one unknown förbund's name in one document, damaged differently.
    name_group_score: float = 90.0
    # An OCR'd cover printed once, this close to the name of the running header, is it garbled.
    garbled_cover_score: float = 80.0
    # A scanned note's title OCR damaged ("Forddngar"): its OCR skeleton this close to a note
    # title of the lexicon, this much closer than to any other note's, and this long; stored
    # with a score under tables.sure_fuzzy_score, so that its figures are doubtful.
    note_ocr_score: float = 80.0
    note_ocr_margin: float = 10.0
    note_ocr_min_chars: int = 5
    note_ocr_score_cap: float = 89.0


@dataclass(frozen=True)
class Checks(_Validated):
    """Evaluating the rules (checks/); a tkr figure's rounding is ``tables.tkr_rounding``."""
    _section = "checks"
    rounding_kr: int = 2  # a kronor break this small is print rounding (a warning)
    uncertain_below: float = 0.8  # a figure read with less confidence is doubtful
    pct_slack: float = 1.0  # a printed percentage vs its counts, percentage points
    # A deviation direction other than the one the cost sign implies is read from the table
    # only when at least this many cost lines agree on it (and none on the other).
    deviation_min_rows: int = 2


@dataclass(frozen=True)
class Settings(_Validated):
    _section = "settings"
    confidence: Confidence = Confidence()
    text: Text = Text()
    triage: Triage = Triage()
    layout: Layout = Layout()
    tables: Tables = Tables()
    sections: Sections = Sections()
    classify: Classify = Classify()
    counts: Counts = Counts()
    gaps: Gaps = Gaps()
    reread: Reread = Reread()
    matching: Matching = Matching()
    checks: Checks = Checks()


    def __post_init__(self) -> None:
        super().__post_init__()
        t, line = self.tables, self.checks.uncertain_below
        # The key rule's two sides of the checks' doubt line (Tables.key_confidence).
        if not t.loose_key_confidence < line <= min(t.fuzzy_key_confidence, t.headless_confidence):
            raise ValueError("key confidences must lie either side of checks.uncertain_below: "
                             "loose_key_confidence < uncertain_below <= fuzzy_key_confidence, "
                             "headless_confidence")
        g = self.gaps
        # Junk glued to a figure leaves it doubtful, never above a re-read; junk in an
        # unkeyed label leaves its amounts doubtful.
        if not (g.glued_figure_confidence <= self.confidence.reread and g.glued_figure_confidence < line
                and g.junk_label_confidence < line):
            raise ValueError("gaps.glued_figure_confidence must be <= confidence.reread and, like "
                             "gaps.junk_label_confidence, below checks.uncertain_below")
        if not g.unread_tail_key_score < t.sure_fuzzy_score:
            raise ValueError("gaps.unread_tail_key_score must be below tables.sure_fuzzy_score")
        # A bilaga's insats name guessed from its cut start keys its counts loosely, and an
        # implausible share read by OCR leaves its goal doubtful.
        if not self.matching.cut_name_score < t.sure_fuzzy_score:
            raise ValueError("matching.cut_name_score must be below tables.sure_fuzzy_score")
        if not self.confidence.implausible_share < line:
            raise ValueError("confidence.implausible_share must be below checks.uncertain_below")
        # A figure whose sign a ruling line took is doubtful (Word.sign_lost).
        if not self.confidence.ruled_sign < line:
            raise ValueError("confidence.ruled_sign must be below checks.uncertain_below")
        # A count or goal under an insats name no summary row is close to may be misnamed.
        if not self.confidence.unlisted_insats < line:
            raise ValueError("confidence.unlisted_insats must be below checks.uncertain_below")
        # A word respelled from the vocabulary alone may be another word: its key is doubtful.
        if not self.confidence.respelt_word < line:
            raise ValueError("confidence.respelt_word must be below checks.uncertain_below")
        # A unit guessed from a threshold leaves its table doubtful.
        if not t.turnover_unit_confidence < line:
            raise ValueError("tables.turnover_unit_confidence must be below checks.uncertain_below")

    def key_words_confidence(self, key_match: str, words_confidence: float) -> float:
        """The most a value may be trusted by the words its key was read from (a row's label,
        a count's column heading), ``words_confidence`` the least sure of them: a key is no
        surer than its words. Page-read words (confidence.ocr) change nothing; words read
        again from the image (confidence.reread, a sparse page's at Tesseract's own score) do.
        A key of re-read words at least as sure as confidence.reread that spells a lexicon
        entry exactly has a second witness, the lexicon (a misreading seldom spells another
        entry): it stands at the checks' doubt line (checks.uncertain_below), not under it, so
        a break resting on it is still an error, yet below a sure loose match of page-read
        words (tables.fuzzy_key_confidence). A word Tesseract doubted more than that may have
        joined the page because the lexicon spells it so (reread.sparse_vocabulary_min_score):
        the lexicon cannot vouch for it twice. A loose or unmatched key of re-read words may
        be another line's: no surer than its words (doubtful). An arithmetic key rests on no
        words."""
        if key_match in ("arithmetic", "computed") or words_confidence >= 1.0:
            return 1.0
        if key_match == "exact" and words_confidence >= self.confidence.reread:
            return max(words_confidence, min(self.checks.uncertain_below,
                                             self.tables.fuzzy_key_confidence))
        return words_confidence


DIGITAL = Settings()
# OCR word boxes hug the digits (no side bearings) and jitter by a pixel or two: a grouping
# space measures up to about one digit's width there. Columns stand much further apart.
OCR = replace(DIGITAL, layout=replace(DIGITAL.layout, group_gap=1.0, sign_gap=1.0))

