"""The rule table: every check is a row. Each row names its kind (the evaluator that runs it,
registered by kind in ``checks/registry.py``), the figure checked, the expression it must
equal, the columns it applies to, and what a break means. ``finsam rules`` lists them all.

Expression terms (kinds ``sum`` and ``equal``) are ``stmt.line_key`` (rr, br, kf, drift,
oversikt, bk, pb), optionally ``@column`` to read another column (``@previous``; ``@prior``
reads the year before the target column's year, wherever printed), wrapped in
``|…|`` to take the absolute value (costs are printed with either sign). A term marked ``?``
is a line a report omits when it is zero: missing, it counts as zero and is named in the
finding's ``missing``. Any other term is required: a missing figure never counts as zero.
``||`` separates alternatives; the first whose required terms are all printed is used; when
none is, the finding is ``uncertain`` and names the absent terms (no difference computed);
with ``needs_leading`` there is no finding unless some alternative's first term is printed.
``*`` as line key applies the rule to every line of the statement; ``{rest}`` stands for
every other line (a table's rows); ``*`` as column for every column the target's table prints
(the five-year overview's year columns; a term of another statement is then read for that
column's year, from this report or last year's). A term prefixed ``last.`` reads the same
förbund's report of the year before (the rule runs only when that report is in the
database). Count rules (``count_sum``) use ``measure:group`` terms; ``*`` in a measure stands
for every measure it matches (``aldersspann_*``); ``?`` marks a term a row omits when zero, and
a row missing any other term gets no finding.

Tolerance (Arelle's way): a comparison passes within the rounding its figures carry, a tkr
figure ±500 kr, a kronor figure 0, a count 0; a kronor break of 1–2 kr is ``rounding``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from core.settings import DIGITAL

STATEMENT_ALIASES = {"rr": "resultatrakning", "br": "balansrakning",
                     "kf": "kassaflodesanalys", "drift": "driftredovisning",
                     "oversikt": "femarsoversikt", "bk": "balanskrav",
                     "pb": "projektbudget"}

YEAR_COLUMNS = ("current", "previous")
ALL_COLUMNS = ("current", "previous", "budget", "bokslut")


# How close is close enough: the checks' section of the one settings object.
TOLERANCES = DIGITAL.checks


@dataclass(frozen=True)
class Rule:
    name: str
    target: str
    expression: str
    columns: tuple[str, ...]
    explanation: str
    # (expression, why): a break that this expression accounts for is a definitional
    # difference, reported as a warning that says so (e.g. income including financial income).
    explained_by: tuple[str, str] | None = None
    kind: str = "sum"
    # (expression, which definition): the rule also holds by this definition: a pass.
    also_holds: tuple[str, str] | None = None
    needs_leading: bool = False  # no finding unless some alternative's first term is printed
    tables: tuple[str, ...] = ()  # count rules: the participant tables they run on
    min_terms: int = 2  # count rules: how many terms a row must print
    # count rules: catch-all terms ("annat skäl", "övrigt"): a row printing one prints the
    # whole breakdown, so fewer than ``min_terms`` terms (two at least) are judged too
    complete_with: tuple[str, ...] = ()
    # count rules: parts of the same breakdown keyed by their own words ("Flyttat":
    # avslut_flyttat): one printed outside the expression leaves the breakdown a part
    parts_like: tuple[str, ...] = ()


def _one_term(expression: str) -> bool:
    return all(len(alt.replace(" - ", " + ").split(" + ")) == 1 for alt in expression.split("||"))


RULES: tuple[Rule, ...] = (
    Rule("rr_verksamhetens_resultat", "rr.verksamhetens_resultat",
         "rr.verksamhetens_intakter - |rr.verksamhetens_kostnader| - |rr.avskrivningar|?",
         ("current", "previous", "budget"),
         "verksamhetens resultat = intäkter − kostnader − avskrivningar"),
    Rule("rr_resultat_efter_finansiella_poster", "rr.resultat_efter_finansiella_poster",
         "rr.verksamhetens_resultat + rr.finansiella_intakter? - |rr.finansiella_kostnader|?",
         ("current", "previous", "budget"),
         "resultat efter finansiella poster = verksamhetens resultat + finansiella poster"),
    Rule("rr_arets_resultat", "rr.arets_resultat",
         "rr.resultat_efter_finansiella_poster + rr.extraordinara_poster?",
         ("current", "previous", "budget"),
         "årets resultat = resultat efter finansiella poster + extraordinära poster"),
    Rule("br_arets_resultat_equals_rr", "br.arets_resultat", "rr.arets_resultat", YEAR_COLUMNS,
         "årets resultat i balansräkningen = resultaträkningen"),
    Rule("kf_arets_resultat_equals_rr", "kf.arets_resultat", "rr.arets_resultat", YEAR_COLUMNS,
         "årets resultat i kassaflödesanalysen = resultaträkningen"),
    Rule("br_summa_omsattningstillgangar", "br.summa_omsattningstillgangar",
         "br.forrad? + br.fordringar? + br.forutbetalda_kostnader_och_upplupna_intakter?"
         " + br.kortfristiga_placeringar? + br.kassa_och_bank",
         YEAR_COLUMNS, "omsättningstillgångar = förråd + fordringar (+ förutbetalda kostnader och"
         " upplupna intäkter) + placeringar + kassa och bank"),
    Rule("br_summa_tillgangar", "br.summa_tillgangar",
         "br.summa_anlaggningstillgangar? + br.summa_omsattningstillgangar", YEAR_COLUMNS,
         "summa tillgångar = anläggningstillgångar + omsättningstillgångar",
         # A report whose only fixed asset is its inventarier prints no sum of them.
         also_holds=("br.maskiner_och_inventarier + br.summa_omsattningstillgangar",
                     "anläggningstillgångar = inventarier, printed without a sum")),
    Rule("br_summa_eget_kapital", "br.summa_eget_kapital",
         "br.ovrigt_eget_kapital + br.arets_resultat", YEAR_COLUMNS,
         "summa eget kapital = eget kapital före årets resultat + årets resultat"),
    Rule("br_balance_equation", "br.summa_eget_kapital_avsattningar_och_skulder",
         "br.summa_tillgangar", YEAR_COLUMNS,
         "summa eget kapital, avsättningar och skulder = summa tillgångar"),
    Rule("br_eget_kapital_och_skulder", "br.summa_eget_kapital_avsattningar_och_skulder",
         "br.summa_eget_kapital + br.avsattningar? + br.langfristiga_skulder?"
         " + br.kortfristiga_skulder?"
         " || br.ovrigt_eget_kapital + br.arets_resultat + br.avsattningar?"
         " + br.langfristiga_skulder? + br.kortfristiga_skulder?",
         YEAR_COLUMNS, "eget kapital + avsättningar + skulder = summan av dem"),
    Rule("br_opening_equity_equals_previous_closing", "br.ovrigt_eget_kapital",
         "br.summa_eget_kapital@previous"
         " || br.ovrigt_eget_kapital@previous + br.arets_resultat@previous", ("current",),
         "eget kapital vid årets början = förra årets utgående eget kapital"),
    Rule("kf_lopande_verksamhet", "kf.kassaflode_lopande_verksamhet",
         "kf.arets_resultat + kf.justering_ej_likviditetspaverkande? + kf.justering_avsattningar?"
         " + kf.forandring_forrad?"
         " + kf.forandring_kortfristiga_fordringar? + kf.forandring_kortfristiga_skulder?"
         " || kf.medel_fore_forandring_rorelsekapital + kf.forandring_forrad?"
         " + kf.forandring_kortfristiga_fordringar? + kf.forandring_kortfristiga_skulder?",
         YEAR_COLUMNS, "kassaflöde från löpande verksamhet = resultat + justeringar + förändringar"),
    # The groups' own subtotals: a line read wrong (a lost minus) in a subtotal that the
    # sums above pass by their other alternative is compared with its parts here.
    Rule("kf_medel_fore_rorelsekapital", "kf.medel_fore_forandring_rorelsekapital",
         "kf.arets_resultat + kf.justering_ej_likviditetspaverkande? + kf.justering_avsattningar?",
         YEAR_COLUMNS, "medel före förändring av rörelsekapital = resultat + justeringar",
         needs_leading=True),
    Rule("kf_investeringsverksamhet", "kf.kassaflode_investeringsverksamhet",
         "kf.investering_inventarier", YEAR_COLUMNS,
         "kassaflöde från investeringsverksamheten = investeringarna", needs_leading=True),
    Rule("kf_arets_kassaflode", "kf.arets_kassaflode",
         "kf.kassaflode_lopande_verksamhet + kf.kassaflode_investeringsverksamhet?"
         " + kf.kassaflode_finansieringsverksamhet?", YEAR_COLUMNS,
         "årets kassaflöde = löpande + investerings- + finansieringsverksamhet",
         also_holds=("kf.kassaflode_lopande_verksamhet + kf.investering_inventarier"
                     " + kf.kassaflode_finansieringsverksamhet?",
                     "the investments printed as one line, without their sum")),
    Rule("kf_likvida_medel", "kf.likvida_medel_vid_arets_slut",
         "kf.likvida_medel_vid_arets_borjan + kf.arets_kassaflode", YEAR_COLUMNS,
         "likvida medel vid årets slut = vid årets början + årets kassaflöde"),
    Rule("kf_likvida_medel_equals_br", "kf.likvida_medel_vid_arets_slut",
         "br.kassa_och_bank + br.kortfristiga_placeringar?", YEAR_COLUMNS,
         "likvida medel vid årets slut = kassa och bank (+ kortfristiga placeringar)"),
    Rule("kf_opening_equals_previous_closing", "kf.likvida_medel_vid_arets_borjan",
         "kf.likvida_medel_vid_arets_slut@previous || br.kassa_och_bank@previous"
         " + br.kortfristiga_placeringar@previous?", ("current",),
         "likvida medel vid årets början = förra årets likvida medel vid årets slut"),
    Rule("kf_fordringar_change", "kf.forandring_kortfristiga_fordringar",
         "br.fordringar@previous + br.forutbetalda_kostnader_och_upplupna_intakter@previous?"
         " - br.fordringar - br.forutbetalda_kostnader_och_upplupna_intakter?", ("current",),
         "förändring av fordringar = förra årets fordringar − årets fordringar (förutbetalda"
         " kostnader och upplupna intäkter, printed apart, among them)"),
    Rule("kf_skulder_change", "kf.forandring_kortfristiga_skulder",
         "br.kortfristiga_skulder - br.kortfristiga_skulder@previous", ("current",),
         "förändring av kortfristiga skulder = årets skulder − förra årets"),
    Rule("drift_resultat", "drift.resultat",
         "drift.nettokostnad + drift.medlemsavgift + drift.finansiella_poster?", ALL_COLUMNS,
         "resultat = nettokostnad + medlemsavgift + finansiella poster"),
    # Judged by the table's convention (checks/conventions.py): utfall − budget, or
    # budget − utfall on cost lines when the table prints costs positive.
    Rule("drift_deviation", "drift.*@deviation", "drift.*@current - drift.*@budget",
         ("deviation",), "avvikelse = utfall − budget", kind="deviation"),
    Rule("drift_resultat_equals_rr", "drift.resultat", "rr.arets_resultat", ("current",),
         "driftredovisningens resultat = årets resultat i resultaträkningen"),
    Rule("drift_eget_kapital_equals_br", "drift.utgaende_eget_kapital",
         "br.summa_eget_kapital || br.ovrigt_eget_kapital + br.arets_resultat", ("current",),
         "utgående eget kapital = balansräkningens eget kapital"),
    Rule("drift_likvida_medel_equals_br", "drift.likvida_medel",
         "br.kassa_och_bank + br.kortfristiga_placeringar?", ("current",),
         "likvida medel = kassa och bank i balansräkningen"),
    # The five-year overview (in tkr or kronor) against the statements it summarises.
    Rule("oversikt_intakter_equals_rr", "oversikt.verksamhetens_intakter",
         "rr.verksamhetens_intakter", YEAR_COLUMNS,
         "verksamhetens intäkter i flerårsöversikten = resultaträkningen",
         ("rr.verksamhetens_intakter + rr.finansiella_intakter",
          "the overview's intäkter include the finansiella intäkter")),
    Rule("oversikt_kostnader_equals_rr", "oversikt.verksamhetens_kostnader",
         "|rr.verksamhetens_kostnader|", YEAR_COLUMNS,
         "verksamhetens kostnader i flerårsöversikten = resultaträkningen",
         ("|rr.verksamhetens_kostnader| + |rr.avskrivningar|? + |rr.finansiella_kostnader|?",
          "the overview's kostnader include avskrivningar and finansiella kostnader")),
    Rule("oversikt_arets_resultat_equals_rr", "oversikt.arets_resultat", "rr.arets_resultat",
         YEAR_COLUMNS, "årets resultat i flerårsöversikten = resultaträkningen"),
    Rule("oversikt_eget_kapital_equals_br", "oversikt.eget_kapital",
         "br.summa_eget_kapital || br.ovrigt_eget_kapital + br.arets_resultat", YEAR_COLUMNS,
         "eget kapital i flerårsöversikten = balansräkningen"),
    # The overview's own arithmetic, per year column: the finansiella poster from the
    # overview, or from the resultaträkning of that year (this report's or last year's).
    Rule("oversikt_arets_resultat", "oversikt.arets_resultat",
         "oversikt.finansiella_poster + oversikt.verksamhetens_intakter"
         " - |oversikt.verksamhetens_kostnader|"
         " || rr.finansiella_intakter - |rr.finansiella_kostnader|?"
         " + oversikt.verksamhetens_intakter - |oversikt.verksamhetens_kostnader|"
         " || - |rr.finansiella_kostnader| + oversikt.verksamhetens_intakter"
         " - |oversikt.verksamhetens_kostnader|", ("*",),
         "årets resultat i flerårsöversikten = intäkter − kostnader ± finansiella poster",
         also_holds=("oversikt.verksamhetens_intakter - |oversikt.verksamhetens_kostnader|",
                     "the overview's intäkter and kostnader include the finansiella poster"),
         needs_leading=True),
    Rule("oversikt_eget_kapital_roll", "oversikt.eget_kapital",
         "oversikt.eget_kapital@prior + oversikt.arets_resultat", ("*",),
         "eget kapital i flerårsöversikten = föregående års eget kapital + årets resultat",
         needs_leading=True),
    Rule("oversikt_previous_equals_last_report", "oversikt.*@previous",
         "last.oversikt.*@current", ("previous",),
         "förra årets kolumn i flerårsöversikten = förra årets årsredovisning"),
    # The project budget table: the insatser add up to its total row, in both columns.
    Rule("projektbudget_total", "pb.summa", "pb.{rest}", ("current", "budget"),
         "summaraden i tabellen över insats- och projektmedel = summan av insatserna"),
    # Balanskravsresultat: from årets resultat, and årets resultat as in the statements.
    Rule("balanskrav_arets_resultat_equals_rr", "bk.arets_resultat", "rr.arets_resultat",
         ("current",), "årets resultat i balanskravsutredningen = resultaträkningen"),
    Rule("balanskravsresultat", "bk.balanskravsresultat",
         "bk.arets_resultat - |bk.realisationsvinster|? + bk.realisationsvinster_undantag?"
         " + bk.realisationsforluster_undantag? + bk.orealiserade? + bk.aterforing_orealiserade?",
         ("current",),
         "balanskravsresultat = årets resultat − realisationsvinster ± justeringar"),
    # Across years: this report against last year's, when both are in the database.
    *(Rule(f"{alias}_previous_equals_last_report", f"{alias}.*@previous",
           f"last.{alias}.*@current", ("previous",),
           "förra årets kolumn = samma rad i förra årets årsredovisning")
      for alias in ("rr", "br", "kf", "drift")),
    Rule("kf_opening_equals_last_report", "kf.likvida_medel_vid_arets_borjan",
         "last.kf.likvida_medel_vid_arets_slut || last.br.kassa_och_bank"
         " + last.br.kortfristiga_placeringar", ("current",),
         "likvida medel vid årets början = likvida medel vid årets slut i förra årets "
         "årsredovisning"),
    Rule("br_opening_equity_equals_last_report", "br.ovrigt_eget_kapital",
         "last.br.summa_eget_kapital || last.br.ovrigt_eget_kapital + last.br.arets_resultat",
         ("current",),
         "eget kapital före årets resultat = utgående eget kapital i förra årets årsredovisning"),
    Rule("equity_roll_forward", "br.summa_eget_kapital",
         "last.br.summa_eget_kapital + rr.arets_resultat"
         " || last.br.ovrigt_eget_kapital + last.br.arets_resultat + rr.arets_resultat",
         ("current",),
         "eget kapital = förra årets utgående eget kapital (förra årets årsredovisning) "
         "+ årets resultat"),
)

# A rule whose expression is a single term compares two figures: kind "equal".
RULES = tuple(replace(r, kind="equal") if r.kind == "sum" and _one_term(r.expression) else r
              for r in RULES)

EXITS = ("gemensam_kartlaggning", "till_arbete", "till_studier", "aktivt_arbetssokande",
         "annan_positiv_stegforflyttning", "fortsatt_rehabilitering", "avslut_annat",
         "till_subventionerat_arbete", "avslut_sjukdom", "avbrutet_samarbete")
# Measures a bilaga form and the summary table both print for an insats.
FORM_SUMMARY_MEASURES = ("deltagare", "nya", "avslutade", "pagaende")


def _count(name: str, target: str, expression: str, tables: tuple[str, ...], explanation: str,
           **kw) -> Rule:
    return Rule(name, target, expression, (), explanation, kind="count_sum", tables=tables, **kw)


# Notes, funding, core lines, participant tables and goals: rows whose kind names the
# evaluator; the expression says in words what the evaluator computes.
OTHER_RULES: tuple[Rule, ...] = (
    Rule("note_group_foots", "note.subtotal", "sum(note.item in group)", (),
         "a note's group foots to its subtotal", kind="note_group"),
    Rule("note_foots", "note.total", "sum(note.subtotal) + sum(note.item outside groups)", (),
         "a note foots to its total", kind="note_footing"),
    Rule("note_equals_statement", "note.total", "|statement line the note supports|", (),
         "a note's total = the statement line it supports (lexicon [note_supports])",
         ("|statement line| + |lines the note includes| (lexicon [note_includes])",
          "the note includes lines the statement shows apart"), kind="note_support"),
    *(Rule(f"funding_share_{payer}", f"note.{payer}", f"{share} % × sum(members' contributions)",
           (), f"{payer} pays {share} % of the members' contributions (lag 2003:1210)",
           kind="share")
      for payer, share in (("state", 50), ("region", 25), ("kommuner", 25))),
    Rule("rr_core_lines", "rr", "rr.verksamhetens_intakter, rr.verksamhetens_kostnader, "
         "rr.verksamhetens_resultat or rr.arets_resultat", ("current",),
         "resultaträkningen visar intäkter, kostnader och resultat", kind="core_lines"),
    Rule("br_core_lines", "br", "br.summa_tillgangar, br.summa_eget_kapital or "
         "br.ovrigt_eget_kapital, br.kortfristiga_skulder or br.langfristiga_skulder, "
         "br.summa_eget_kapital_avsattningar_och_skulder", ("current",),
         "balansräkningen visar tillgångar, eget kapital, skulder och balansomslutning",
         kind="core_lines"),
    Rule("kf_core_lines", "kf", "kf.likvida_medel_vid_arets_borjan, "
         "kf.likvida_medel_vid_arets_slut", ("current",),
         "kassaflödesanalysen visar likvida medel vid årets början och slut", kind="core_lines"),
    *(_count(f"{m}_by_gender", f"{m}:total", f"{m}:kvinnor + {m}:man + {m}:icke_binar?",
             ("summary", "form"), f"{m}: kvinnor + män + icke-binära = totalt")
      for m in ("deltagare", "nya", "avslutade", "pagaende", "till_arbete", "till_studier")),
    _count("age_bands_sum_to_new", "nya:total", "aldersspann_*:total", ("form",),
           "åldersspannen summerar till antalet nya deltagare", min_terms=3,
           explained_by=("deltagare:total",
                         "the age bands count every participant of the year, not only the "
                         "new ones")),
    _count("exits_sum_to_ended", "avslutade:total",
           " + ".join(f"{m}:total?" for m in EXITS), ("form",),
           "avslutsorsakerna summerar till antalet avslutade", min_terms=4,
           complete_with=("avslut_annat",), parts_like=("avslut_*",)),
    _count("ongoing_is_total_minus_ended", "pagaende:total",
           "deltagare:total - avslutade:total", ("summary", "form"),
           "pågående = deltagare under året − avslutade"),
    Rule("summary_total_equals_rows", "summary.samtliga:*", "sum(summary.<insats>:*)", (),
         "summaraden i tabellen per insats = summan av insatsernas rader", kind="count_total"),
    Rule("summary_equals_history", "history.<fiscal year>:*", "summary.samtliga:*", (),
         "årets rad i historiktabellen = summaraden i tabellen per insats",
         kind="count_history"),
    Rule("form_equals_summary", "form.<insats>:" + "|".join(FORM_SUMMARY_MEASURES),
         "summary.<insats>:same measure", (),
         "insatsens bilaga = insatsens rad i tabellen per insats", kind="count_form"),
    Rule("history_repeats_last_report", "history.<earlier year>:*",
         "last.history.<same year>:*", (),
         "historiktabellens tidigare år = förra årets årsredovisning", kind="count_last"),
    Rule("goal_outcome_recomputed", "goal.<part> av <whole>", "round(outcome_pct × whole / 100)",
         (), "måluppfyllelsens procent = antalet den bygger på (t.ex. 91 av 159 avslutade "
         "≈ 57 %)", kind="goal_pct"),
)

ALL_RULES: tuple[Rule, ...] = RULES + OTHER_RULES

# What "close enough" means for each kind, as ``finsam rules`` prints it.
KIND_TOLERANCE = {
    "sum": "the rounding its figures carry (tkr ±500 kr each, kronor 0); 1–2 kr is rounding",
    "deviation": "the rounding its figures carry (tkr ±500 kr each, kronor 0); 1–2 kr is "
                 "rounding",
    "note_group": "kronor 0; 1–2 kr is rounding", "note_footing": "kronor 0; 1–2 kr is rounding",
    "note_support": "kronor 0; 1–2 kr is rounding", "share": "1–2 kr (a share of an odd sum)",
    "core_lines": "none: the line is printed or not",
    "goal_pct": f"±{TOLERANCES.pct_slack:g} percentage point, then 0 on the count",
}
KIND_TOLERANCE["equal"] = KIND_TOLERANCE["sum"]


def tolerance_of(rule: Rule) -> str:
    return KIND_TOLERANCE.get(rule.kind, "0: counts")


# Identities that tell how a table prints its costs (checks/conventions.py): result line,
# income lines, cost lines (the first of each required). The sign under which most columns add
# up is the table's.
CONVENTION_PROBES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "driftredovisning": ("resultat", ("medlemsavgift", "finansiella_poster"), ("nettokostnad",)),
    "resultatrakning": ("verksamhetens_resultat", ("verksamhetens_intakter",),
                        ("verksamhetens_kostnader", "avskrivningar")),
}
# A deviation direction other than the one the cost sign implies is read from the table only
# when at least this many cost lines agree on it (and none on the other).
DEVIATION_MIN_ROWS = DIGITAL.checks.deviation_min_rows
