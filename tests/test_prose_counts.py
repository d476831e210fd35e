"""Participant counts written in sentences of an insats's bilaga (parsers/prose_counts.py):
what is a count, of which measure and group, and what never is (years, pages, amounts,
percentages, goals, dates, ages)."""

from __future__ import annotations

import pytest

from checks.rules import TOLERANCES
from core.lexicon import load_lexicon, weakest
from parsers.participants import parse_participants
from parsers.sections import Section
from tests.words import lines, text_line, words


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _counts(lexicon, *rows, fiscal_year: int = 2024):
    found = lines(text_line(60, "Insatsens namn: Kompass"), *rows)
    return parse_participants(Section("insatsrapport", found[0].text, found, title="Kompass"),
                              lexicon, fiscal_year)


def _read(lexicon, *sentences: str, fiscal_year: int = 2024) -> dict[tuple[str, str], int]:
    rows = [text_line(100 + 14 * i, s) for i, s in enumerate(sentences)]
    return {(c.measure, c.group): c.value for c in _counts(lexicon, *rows, fiscal_year=fiscal_year)}


@pytest.mark.parametrize("sentence, expected", [
    ("Under året har 42 personer deltagit i insatsen, varav 15 nya.",
     {("deltagare", "total"): 42, ("nya", "total"): 15}),
    ("Av de 20 som avslutades gick sju till arbete och tre till studier.",
     {("avslutade", "total"): 20, ("till_arbete", "total"): 7, ("till_studier", "total"): 3}),
    ("Totalt 31 deltagare (18 kvinnor, 13 män).",
     {("deltagare", "total"): 31, ("deltagare", "kvinnor"): 18, ("deltagare", "man"): 13}),
    ("Tio personer skrevs in under året och femton avslutades.",
     {("nya", "total"): 10, ("avslutade", "total"): 15}),
    ("Vid årets slut var 18 deltagare inskrivna.", {("pagaende", "total"): 18}),
    ("Den 31 december var 18 deltagare kvar i insatsen.", {("pagaende", "total"): 18}),
    ("Åtta deltagare avslutades under året, varav fem till arbete.",
     {("avslutade", "total"): 8, ("till_arbete", "total"): 5}),
    ("Under året avslutades 20 deltagare.", {("avslutade", "total"): 20}),
    ("Under 2024 deltog 38 personer i Kompass.", {("deltagare", "total"): 38}),
    ("Insatsen hade 42 deltagare under året.", {("deltagare", "total"): 42}),
    ("20 deltagare har avslutat insatsen, 7 av dem till arbete.",
     {("avslutade", "total"): 20, ("till_arbete", "total"): 7}),
    ("Under året har 42 personer deltagit, varav 9 kvinnor och 14 män.",
     {("deltagare", "total"): 42, ("deltagare", "kvinnor"): 9, ("deltagare", "man"): 14}),
    ("Totalt 31 deltagare varav 10 nya (4 kvinnor, 6 män).",
     {("deltagare", "total"): 31, ("nya", "total"): 10, ("nya", "kvinnor"): 4,
      ("nya", "man"): 6}),
    ("Fem deltagare avslutades till arbete och två till studier.",
     {("till_arbete", "total"): 5, ("till_studier", "total"): 2}),
    ("Tre deltagare gick vidare till fortsatt rehabilitering och en person avslutades av annat skäl.",
     {("fortsatt_rehabilitering", "total"): 3, ("avslut_annat", "total"): 1}),
    ("40 personer avslutades genom att gå in i den gemensamma kartläggningen.",
     {("gemensam_kartlaggning", "total"): 40}),
    ("Av 19 avslutade deltagare har fyra gått till arbete eller studier.",
     {("till_arbete_eller_studier", "total"): 4}),
    ("12 personer har registrerats som deltagare.", {("deltagare", "total"): 12}),
    ("Under året har 4 deltagare fått arbete, 2 har börjat studera och 6 avslutades av annat skäl.",
     {("till_arbete", "total"): 4, ("till_studier", "total"): 2, ("avslut_annat", "total"): 6}),
    ("Totalt har insatsen haft 37 deltagare varav 21 kvinnor och 16 män.",
     {("deltagare", "total"): 37, ("deltagare", "kvinnor"): 21, ("deltagare", "man"): 16}),
    ("Under perioden skrevs 9 nya deltagare in.", {("nya", "total"): 9}),
    ("Under 2024 avslutades 14 deltagare, av dessa gick 5 vidare till studier.",
     {("avslutade", "total"): 14, ("till_studier", "total"): 5}),
    ("18 deltagare var pågående 31/12.", {("pagaende", "total"): 18}),
    ("Vid årsskiftet var 17 deltagare fortfarande inskrivna.", {("pagaende", "total"): 17}),
    ("Två deltagare har avbrutit insatsen.", {("avbrutet_samarbete", "total"): 2}),
    ("Fyra personer avslutades på grund av sjukdom.", {("avslut_sjukdom", "total"): 4}),
    ("3 deltagare gick till subventionerat arbete.", {("till_subventionerat_arbete", "total"): 3}),
    ("Insatsen har under året haft 31 inskrivna deltagare varav 18 kvinnor.",
     {("deltagare", "total"): 31, ("deltagare", "kvinnor"): 18}),
    # a count of "deltagare" split into its groups or parts is the year's deltagare
    ("23 deltagare, varav 9 kvinnor och 14 män.",
     {("deltagare", "total"): 23, ("deltagare", "kvinnor"): 9, ("deltagare", "man"): 14}),
    ("Insatsen hade 23 deltagare, varav 9 kvinnor och 14 män.",
     {("deltagare", "total"): 23, ("deltagare", "kvinnor"): 9, ("deltagare", "man"): 14}),
    ("Insatsen har haft 23 deltagare varav 12 nya.", {("deltagare", "total"): 23, ("nya", "total"): 12}),
    ("Insatsen har haft 23 deltagare (9 kvinnor och 14 män).",
     {("deltagare", "total"): 23, ("deltagare", "kvinnor"): 9, ("deltagare", "man"): 14}),
    ("Insatsen har haft 23 deltagare, 9 kvinnor och 14 män.",
     {("deltagare", "total"): 23, ("deltagare", "kvinnor"): 9, ("deltagare", "man"): 14}),
    # a verb split around its count, a possessive after the noun, SUS's aktiva insatser
    ("Under året skrevs 12 personer ut, 4 till arbete och 8 av annat skäl.",
     {("avslutade", "total"): 12, ("till_arbete", "total"): 4, ("avslut_annat", "total"): 8}),
    ("Insatsen skrev in 15 personer.", {("nya", "total"): 15}),
    ("Under året avslutade 20 deltagare sitt samarbete.", {("avslutade", "total"): 20}),
    ("Under året har 12 deltagare varit i aktiva insatser.", {("aktiva_insatser", "total"): 12}),
    # "avslut" as a noun names the exit: "fått anställning" after it is one
    ("Under året har 20 avslut skett.", {("avslutade", "total"): 20}),
    ("Efter avslut har 3 deltagare fått anställning.", {("till_arbete", "total"): 3}),
    ("9 av de avslutade gick vidare till studier.", {("till_studier", "total"): 9}),
    ("Under året registrerades 42 personer som deltagare.", {("deltagare", "total"): 42}),
    # the phrase that covers the others before the count: new ones, not all deltagare
    ("Antalet nya deltagare under året var 15.", {("nya", "total"): 15}),
    ("20 deltagare avslutade insatsen, 5 gick till arbete och 3 till fortsatt rehab.",
     {("avslutade", "total"): 20, ("till_arbete", "total"): 5, ("fortsatt_rehabilitering", "total"): 3}),
    # rows written out as a line
    ("Inskrivna under året: 42 personer.", {("deltagare", "total"): 42}),
    ("Pågående 31/12: 18 deltagare.", {("pagaende", "total"): 18}),
    # an exit for a reason the lexicon does not know (OCR read "annat" as "an hat") is a part
    # of the exits, no second count of them (which left both out)
    ("Av de 12 som avslutades har fem gått till arbete, två börjat studera och fem avslutats "
     "av an hat skäl.",
     {("avslutade", "total"): 12, ("till_arbete", "total"): 5, ("till_studier", "total"): 2}),
])
def test_counts_in_sentences(lexicon, sentence, expected):
    assert _read(lexicon, sentence) == expected


@pytest.mark.parametrize("sentence", [
    # years, dates, pages, tables and figures
    "Insatsen startade 2019 och har vuxit sedan dess.",
    "Under 2023 deltog 38 personer i insatsen.",  # another year than the report's
    "Den 15 mars hölls en träff med 12 deltagare.",
    "Se sidan 12 för fler uppgifter om de 40 deltagarna.",
    "Sida 3 av 12",
    "Tabell 2 visar deltagarna per kommun.",
    "Enligt not 3 avslutades insatsen.",
    # amounts
    "Kostnaden var 120 000 kronor för 40 deltagare.",
    "Kostnad per deltagare 8 tkr.",
    "Insatsen har 2,5 tjänster.",
    # percentages and shares
    "40 procent av deltagarna gick till arbete.",
    "79 % (75 av 95) har fått arbete.",
    "Sju av tio deltagare fick arbete.",
    "3 av 5 deltagare har fått arbete.",
    # goals and plans
    "2 av 3 mål uppnåddes.",
    "Målet var 40 deltagare.",
    "Insatsen ska ta emot 30 nya deltagare.",
    "Budgeterat antal deltagare var 25.",
    "Insatsen har budget för 25 nya deltagare.",
    "Insatsen har 12 platser.",
    # ages and durations
    "Deltagarna är mellan 18 och 29 år.",
    "Deltagare 18-29 år",
    "Medelåldern var 34 år.",
    "Insatsen har pågått i 3 år och 6 månader.",
    "Deltagarna träffades 24 gånger.",
    # approximate figures, averages, other years
    "Cirka 40 personer deltog.",
    "Drygt 30 personer har deltagit i insatsen.",
    "I genomsnitt deltog 12 personer per månad.",
    "Sedan starten har 120 personer deltagit.",
    "Jämfört med föregående år avslutades 14 deltagare.",
    "Under första halvåret deltog 20 personer i insatsen.",
    "I mars skrevs 4 nya deltagare in.",
    # staff, events, activities
    "I teamet ingår totalt 5 personer.",
    "12 personer från personalen har deltagit i utbildningen.",
    "8 deltagare har deltagit i arbetsträning.",
    "Under året avslutades 20 deltagare på grund av flytt.",
    # articles, numbers of something else, negations
    "En stor del av deltagarna har fått arbete.",
    "Deltagarna har haft 3 handläggare.",
    "Insatsen bemannas av 3 personer från Arbetsförmedlingen.",
    "20 deltagare har inte avslutats.",
    "Av de 31 deltagarna var 18 kvinnor.",  # no count ties 18 to a measure before it
    # things and qualifiers after an adjective or a noun
    "Insatsen har haft 4 nya remisser under året.",
    "3 avslutade insatser och 5 pågående ärenden.",
    "Totalt 14 deltagare från Borgholm.",
    "Under året avslutades 20 deltagare från Borgholm.",
    "12 nya deltagare från Borgholm har skrivits in.",
    "Antalet deltagare har ökat från 30 till 42.",
    "Gruppen bestod av 8 deltagare.",
    "Gruppen hade 8 deltagare, varav 3 kvinnor.",  # a group of the insats, not its deltagare
    "Under året startade 2 nya grupper med totalt 16 deltagare.",  # "totalt" of the groups
    # an outcome word that is no exit unless the sentence names one
    "12 deltagare har fått en praktikplats och 3 har fått anställning.",
    # counts since the start, not this year's
    "Hittills har 210 personer deltagit.",
    "Sammanlagt har 210 personer deltagit under projekttiden.",
])
def test_no_count_in_sentences(lexicon, sentence):
    got = {(c.measure, c.group): c.value
           for c in _counts(lexicon, text_line(100, sentence)) if c.key_match == "prose"}
    assert got == {}, got


def test_groups_beyond_the_total_in_a_clause_about_age_are_dropped(lexicon):
    sentence = "Under året deltog 20 deltagare som var under 25 år, 25 kvinnor och 3 män."
    got = {(c.measure, c.group): c.value
           for c in _counts(lexicon, text_line(100, sentence)) if c.key_match == "prose"}
    assert got == {("deltagare", "total"): 20}, got


def test_groups_adding_up_to_more_than_their_total_are_dropped(lexicon):
    assert _read(lexicon, "Under året deltog 12 personer, 20 kvinnor och 3 män.") == {
        ("deltagare", "total"): 12}


def test_a_measure_given_two_figures_is_left_out(lexicon):
    assert _read(lexicon, "Under året avslutades 20 deltagare.",
                 "40 personer har avslutat insatsen.") == {}


def test_prose_counts_say_how_they_were_read(lexicon):
    (c,) = _counts(lexicon, text_line(100, "Under året har 42 personer deltagit i insatsen."))
    assert (c.key_match, c.source_table, c.period_year, c.raw) == ("prose", "form", 2024, "42")
    # Below the checks' doubt line: a difference it makes is "uncertain", never a break.
    assert c.confidence < TOLERANCES.uncertain_below
    assert weakest("prose", "fuzzy:88") == "prose" and weakest("prose", "unkeyed") == "unkeyed"


def test_a_table_count_wins_and_no_figure_is_read_twice(lexicon):
    got = _counts(lexicon,
                  text_line(90, "Deltagare"),
                  words(106, ("Antal", 50), ("deltagare", 80), ("40", 300)),
                  words(122, ("Nya", 50), ("deltagare", 72), ("12", 300)),
                  text_line(150, "Under året har 42 personer deltagit i insatsen, varav 12 nya och"),
                  text_line(164, "sju avslutades."))
    by_key = {(c.measure, c.group): (c.value, c.key_match) for c in got}
    assert by_key == {("deltagare", "total"): (40, "exact"), ("nya", "total"): (12, "exact"),
                      ("avslutade", "total"): (7, "prose")}


def test_rows_of_a_table_are_no_sentence(lexicon):
    # "icke binär 0 / nya deltagare 6": a label after a figure is the next row's, not the
    # figure's; a table the table reader left is not read as prose.
    got = _counts(lexicon, text_line(100, "Deltagare halv- och helår"),
                  text_line(114, "icke binär 0"), text_line(128, "nya deltagare 6"),
                  text_line(142, "avslutade deltagare 12"))
    assert all(c.key_match != "prose" for c in got)


def test_a_word_hyphenated_at_the_line_end_is_one_word(lexicon):
    assert _read(lexicon, "Under året har 42 personer del-", "tagit i insatsen, varav 15 nya.") == {
        ("deltagare", "total"): 42, ("nya", "total"): 15}


def test_a_heading_ends_a_sentence(lexicon):
    got = _read(lexicon, "Deltagare", "Under året har 42 personer deltagit i insatsen.")
    assert got == {("deltagare", "total"): 42}


@pytest.mark.parametrize("template", range(2))
@pytest.mark.parametrize("as_words", [True, False])
def test_the_variety_prose_bilaga_is_read_whole(lexicon, template, as_words):
    # Every wording of the variety family's prose bilaga (fixtures/inventories.py), figures
    # as digits and as words, the outcomes in each wording: every count read, none more.
    import fixtures.inventories as inv
    from fixtures.render_activity import wrap
    from fixtures.variety import _say

    exits = {"till_arbete": 7, "till_studier": 0, "avslut_annat": 4}
    for pick in range(2):
        said = [f"{_say(v, as_words)} {inv.EXIT_PROSE[m][pick]}" for m, v in exits.items()]
        text = inv.FORM_SENTENCES[template].format(
            d=42, k=26, m=16, nya=12, Nya=_say(12, as_words).capitalize(), avsl=11,
            exits=", ".join(said[:-1]) + " och " + said[-1])
        rows = [text_line(100 + 14 * i, part) for i, part in enumerate(wrap(text, 480, "Helvetica"))]
        got = {(c.measure, c.group): c.value for c in _counts(lexicon, *rows)}
        assert got == {("deltagare", "total"): 42, ("deltagare", "kvinnor"): 26,
                       ("deltagare", "man"): 16, ("nya", "total"): 12,
                       ("avslutade", "total"): 11, **{(m, "total"): v for m, v in exits.items()}}, text


def test_a_column_gap_ends_a_sentence(lexicon):
    # Two columns of text side by side (or a form's cells): the words across the gap are
    # no sentence ("... var 18 | deltagare ..." would make 18 a count).
    got = _counts(lexicon, words(100, ("Vid", 50), ("årets", 70), ("slut", 97), ("var", 118),
                                 ("18", 136), ("deltagare", 330), ("deltog", 378), ("i", 412),
                                 ("insatsen.", 420)))
    assert [c for c in got if c.key_match == "prose"] == []


# --- a generated PDF, end to end ----------------------------------------------------------------

PROSE = ("Under året har 48 personer deltagit i insatsen, varav 25 nya. Av de 29 som "
         "avslutades gick nio till arbete och fyra till studier. Vid årets slut var 19 "
         "deltagare fortfarande inskrivna. Målet var 60 deltagare.")


def _prose_pdf(path, prose: str = PROSE) -> None:
    from fixtures.render_activity import wrap
    from tests.test_bilagor import summary_page

    w = summary_page(path)
    w.text(56, "Insatsens namn: KRUS", 12, bold=True)
    w.nl(2)
    w.text(56, "Deltagare", 10, bold=True)  # a one-row table: its count wins over the prose
    w.nl()
    w.text(56, "Antal deltagare")
    w.right(300, "48")
    w.nl(2)
    for part in wrap(prose, 440, "Helvetica"):
        w.text(56, part)
        w.nl()
    w.save()


def test_a_prose_bilaga_end_to_end(tmp_path, capsys):
    import json

    from finsam.cli import main
    from finsam.pipeline import process_bytes

    pdf = tmp_path / "norrsjon-prose-2024.pdf"
    _prose_pdf(pdf)
    result = process_bytes(str(pdf), pdf.read_bytes())
    forms = {(c.insats, c.measure, c.group): (c.value, c.key_match) for c in result.participants
             if c.source_table == "form"}
    assert forms == {("KRUS", "deltagare", "total"): (48, "exact"),
                     ("KRUS", "nya", "total"): (25, "prose"),
                     ("KRUS", "avslutade", "total"): (29, "prose"),
                     ("KRUS", "till_arbete", "total"): (9, "prose"),
                     ("KRUS", "till_studier", "total"): (4, "prose"),
                     ("KRUS", "pagaende", "total"): (19, "prose")}
    url = f"sqlite:///{tmp_path / 'p.db'}"
    assert main(["ingest", str(pdf), "--db", url]) == 0
    capsys.readouterr()
    main(["export", "participants", "--db", url, "--format", "json"])
    rows = [r for r in json.loads(capsys.readouterr().out) if r["key_match"] == "prose"]
    assert sorted((r["measure"], r["value"]) for r in rows) == [
        ("avslutade", 29), ("nya", 25), ("pagaende", 19), ("till_arbete", 9), ("till_studier", 4)]
    assert all(r["confidence"] < TOLERANCES.uncertain_below for r in rows)
    # The summary table agrees with the bilaga's sentences: the checks compare them.
    main(["check", "--db", url, "--fail-on", "never"])
    capsys.readouterr()
    main(["export", "findings", "--db", url, "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    assert not [f for f in findings if f["severity"] == "error"]
    compared = [f["outcome"] for f in findings if f["rule"] == "form_equals_summary"
                and "KRUS, nya" in f["message"]]
    assert compared == ["pass"]


def test_a_prose_count_that_disagrees_is_uncertain_not_an_error(tmp_path, capsys):
    import json

    from finsam.cli import main

    # "varav 24 nya" against the summary's 25: a figure read from a sentence is doubtful.
    pdf = tmp_path / "norrsjon-prose-2024.pdf"
    _prose_pdf(pdf, PROSE.replace("25 nya", "24 nya"))
    url = f"sqlite:///{tmp_path / 'p.db'}"
    assert main(["ingest", str(pdf), "--db", url]) == 0
    main(["check", "--db", url, "--fail-on", "never"])
    capsys.readouterr()
    main(["export", "findings", "--db", url, "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    nya = [(f["outcome"], f["severity"]) for f in findings if f["rule"] == "form_equals_summary"
           and "KRUS, nya" in f["message"]]
    assert nya == [("uncertain", "warning")]


def test_prose_measures_are_the_tables_measures(lexicon):
    # A sentence's count is keyed as a table's would be: a measure the participant tables
    # know, so the checks compare it with the summary table (a typo would make a new key).
    part = lexicon.raw["participants"]
    known = {k for rows in part["rows"].values() for k in rows if not k.startswith("group:")}
    known |= {k.partition(":")[2] for k in part["columns"] if k.startswith("measure:")}
    words = lexicon.prose_count_words
    assert set(words.measures.values()) | set(words.outcomes.values()) <= known
    assert set(words.groups.values()) <= {k.partition(":")[2] for k in part["columns"]
                                          if k.startswith("group:")}


def test_a_sentence_line_is_no_row_written_out(lexicon):
    # "avslutades har 2 gått till arbete, ...": the first figure after a label the lexicon
    # half knows is the sentence's, not a row's count (it was read as avslutade 2, sure).
    first = "Under året har 34 personer deltagit i insatsen, varav 19 nya. Av de 10 som"
    second = "avslutades har 2 gått till arbete, 2 börjat studera och 6 avslutats av annat skäl."
    got = _counts(lexicon, text_line(100, first), text_line(114, second))
    assert {(c.measure, c.value, c.key_match) for c in got} == {
        ("deltagare", 34, "prose"), ("nya", 19, "prose"), ("avslutade", 10, "prose"),
        ("till_arbete", 2, "prose"), ("till_studier", 2, "prose"), ("avslut_annat", 6, "prose")}


def test_a_row_written_out_is_still_a_row(lexicon):
    got = _counts(lexicon, text_line(100, "Antal nya deltagare 23 st"),
                  text_line(114, "Avslutade deltagare 26 4 kvinnor och 22 män"),
                  text_line(128, "Antalet deltagare under året var 42"))
    assert {(c.measure, c.group, c.value) for c in got if c.key_match != "prose"} == {
        ("nya", "total", 23), ("avslutade", "total", 26), ("avslutade", "kvinnor", 4),
        ("avslutade", "man", 22), ("deltagare", "total", 42)}


def test_a_figure_a_scan_boxed_short_is_no_column_gap_in_its_sentence(lexicon):
    # "..., varav 15 nya." on a hard 200 dpi scan: OCR boxed "15" as wide as its "1", so a
    # gap of a column's width stood before "nya"; the figure ends where its digits would.
    # Born-digital (confidence 1), the same gap is a column's: the next column's text.
    from core.types import Word
    from ingest.pdftext import Page
    from parsers.layout import page_lines
    heading = [Word(t, x0, x1, 60, 68.6, confidence=0.95) for t, x0, x1 in (
        ("Insatsens", 57, 100), ("namn:", 104, 130), ("Kompass", 134, 175))]
    found = {}
    for confidence in (0.95, 1.0):
        row = [Word(t, x0, x1, 133, 141.6, confidence=confidence) for t, x0, x1 in (
            ("Under", 57.2, 85.3), ("året", 88.6, 107.6), ("har", 110.9, 126.4), ("30", 129.6, 140.8),
            ("personer", 144.7, 186.8), ("deltagit,", 189.7, 228.1), ("varav", 232.4, 258.7),
            ("15", 263.0, 267.3), ("nya.", 277.8, 296.8))]
        ls = page_lines(Page(7, 595, 842, [*heading, *row], source="ocr"))
        counts = parse_participants(Section("insatsrapport", ls[0].text, ls, title="Kompass"),
                                    lexicon, 2024)
        found[confidence] = {(c.measure, c.group): c.value for c in counts}
    assert found[0.95] == {("deltagare", "total"): 30, ("nya", "total"): 15}
    assert found[1.0] == {("deltagare", "total"): 30}


@pytest.mark.parametrize("sentence", [
    "Under året har 23 deltagare, varav 9 kvinnor, avslutat insatsen.",
    "Under året har 23 deltagare (9 kvinnor och 14 män) avslutat insatsen.",
    "Under året har 23 deltagare (9 kvinnor och 14 män) skrivits in.",
    "Det var 23 deltagare, varav 9 kvinnor, som avslutade insatsen.",
])
def test_a_split_count_whose_verb_follows_the_split_is_no_deltagare(lexicon, sentence):
    # "23 deltagare, varav 9 kvinnor, avslutat insatsen": the 23 ended (or were new); the
    # split alone made them the year's deltagare, stored sure.
    assert not {k: v for k, v in _read(lexicon, sentence).items() if k[0] == "deltagare"}
    # A verb of the deltagare after the split leaves them the deltagare.
    assert _read(lexicon, "Under året har 30 deltagare, varav 12 nya, deltagit i insatsen.") == {
        ("deltagare", "total"): 30, ("nya", "total"): 12}


@pytest.mark.parametrize("sentence", [
    "Vid avslut hade 12 deltagare en planering.",
    "12 deltagare hade vid avslut en egen planering.",
    "Efter avslut har 12 deltagare fortsatt kontakt med handläggaren.",
])
def test_an_exit_named_as_a_time_is_no_count_of_the_ended(lexicon, sentence):
    # "Vid avslut" / "efter avslut": when something held, not the count's measure (12
    # stored sure as the ended).
    assert _read(lexicon, sentence) == {}


@pytest.mark.parametrize("sentence, expected", [
    ("Av de 20 som avslutades gick 12 ut i arbete eller studier.",
     {("avslutade", "total"): 20, ("till_arbete_eller_studier", "total"): 12}),
    ("Totalt 12 deltagare ut i arbete eller studier.", {("till_arbete_eller_studier", "total"): 12}),
])
def test_out_to_work_or_studies_is_not_to_work(lexicon, sentence, expected):
    # "ut i arbete" is an exit to work; "ut i arbete eller studier" to either (was 12 to
    # work, stored sure; "deltagare ut" now names the exit, so more sentences reach it).
    assert _read(lexicon, sentence) == expected


@pytest.mark.parametrize("sentence", ["Förbundet har 12 aktiva insatser.",
                                      "Under året har förbundet haft 8 aktiva insatser."])
def test_active_insatser_counted_are_no_people(lexicon, sentence):
    # SUS's "i aktiva insatser" counts people in the active phase; "12 aktiva insatser"
    # counts insatser (stored sure as aktiva_insatser 12).
    assert _read(lexicon, sentence) == {}


@pytest.mark.parametrize("sentence, expected", [
    ("Antal avslutade deltagare under året var 12.", {("avslutade", "total"): 12}),
    ("Antalet nyinskrivna deltagare under året var 15.", {("nya", "total"): 15}),
])
def test_a_measure_word_before_the_deltagare_phrase_is_the_counts(lexicon, sentence, expected):
    # "avslutade" right before "deltagare under året" says which deltagare: the ended (12
    # were stored sure as the year's deltagare); as "nya deltagare under året" already was.
    assert _read(lexicon, sentence) == expected


def test_groups_ocr_glued_into_one_word_keep_the_group_read_whole(lexicon):
    # "(27 kvinnor och 19 män)" in a narrow column read "(27 kvinnor:oeht+9-män)": the words
    # glued into one keep "27 kvinnor"; the figure that lost a digit to a mark ("+9" for
    # "19") is no count of its own (män 9 would be wrong).
    got = _read(lexicon, "Under året har 46 personer deltagit i insatsen (27 kvinnor:oeht+9-män),",
                "varav 18 nya.")
    assert got[("deltagare", "total")] == 46
    assert got[("deltagare", "kvinnor")] == 27
    # No figure for män: "+9" lost its digit, and a group is never computed (46 − 27).
    assert ("deltagare", "man") not in got


def test_a_group_whose_figure_ocr_glued_away_is_not_computed(lexicon):
    # The same sentence: män is not read, and never computed as the total less the women
    # read (a printed figure that breaks the sum would go unreported: review).
    counts = _counts(lexicon, text_line(100, "Under året har 46 personer deltagit i insatsen "
                                             "(27 kvinnor:oeht+9-män), varav 18 nya."))
    got = {(c.measure, c.group): c for c in counts}
    assert ("deltagare", "man") not in got and got[("deltagare", "kvinnor")].value == 27
    one = _read(lexicon, "Under året har 46 personer deltagit, varav 27 kvinnor.")
    assert one[("deltagare", "kvinnor")] == 27 and ("deltagare", "man") not in one
