"""The rule table. Each rule is data: the figure checked, the expression it must equal,
the columns it applies to, and what a break means.
``{rest}`` as line key stands for every other line of the statement (a table's rows).

Expression terms are ``stmt.line_key`` (rr, br, kf, drift), optionally ``@column`` to read
another column (``@previous``), wrapped in ``|…|`` to take the absolute value (costs are
printed with either sign). A missing term counts as zero; ``||`` separates alternatives, the
first whose leading term is printed being used. ``*`` as line key applies the rule to every
line of the statement. A term prefixed ``last.`` reads the same förbund's report of the year
before (a rule with such terms runs only when that report is in the database).
"""

from __future__ import annotations

from dataclasses import dataclass

STATEMENT_ALIASES = {"rr": "resultatrakning", "br": "balansrakning",
                     "kf": "kassaflodesanalys", "drift": "driftredovisning",
                     "oversikt": "femarsoversikt", "bk": "balanskrav",
                     "pb": "projektbudget"}

YEAR_COLUMNS = ("current", "previous")
ALL_COLUMNS = ("current", "previous", "budget", "bokslut")


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


RULES: tuple[Rule, ...] = (
    Rule("rr_verksamhetens_resultat", "rr.verksamhetens_resultat",
         "rr.verksamhetens_intakter - |rr.verksamhetens_kostnader| - |rr.avskrivningar|",
         ("current", "previous", "budget"),
         "verksamhetens resultat = intäkter − kostnader − avskrivningar"),
    Rule("rr_resultat_efter_finansiella_poster", "rr.resultat_efter_finansiella_poster",
         "rr.verksamhetens_resultat + rr.finansiella_intakter - |rr.finansiella_kostnader|",
         ("current", "previous", "budget"),
         "resultat efter finansiella poster = verksamhetens resultat + finansiella poster"),
    Rule("rr_arets_resultat", "rr.arets_resultat",
         "rr.resultat_efter_finansiella_poster + rr.extraordinara_poster",
         ("current", "previous", "budget"),
         "årets resultat = resultat efter finansiella poster + extraordinära poster"),
    Rule("br_arets_resultat_equals_rr", "br.arets_resultat", "rr.arets_resultat", YEAR_COLUMNS,
         "årets resultat i balansräkningen = resultaträkningen"),
    Rule("kf_arets_resultat_equals_rr", "kf.arets_resultat", "rr.arets_resultat", YEAR_COLUMNS,
         "årets resultat i kassaflödesanalysen = resultaträkningen"),
    Rule("br_summa_omsattningstillgangar", "br.summa_omsattningstillgangar",
         "br.forrad + br.fordringar + br.kortfristiga_placeringar + br.kassa_och_bank",
         YEAR_COLUMNS, "omsättningstillgångar = förråd + fordringar + placeringar + kassa och bank"),
    Rule("br_summa_tillgangar", "br.summa_tillgangar",
         "br.summa_anlaggningstillgangar + br.summa_omsattningstillgangar", YEAR_COLUMNS,
         "summa tillgångar = anläggningstillgångar + omsättningstillgångar"),
    Rule("br_summa_eget_kapital", "br.summa_eget_kapital",
         "br.ovrigt_eget_kapital + br.arets_resultat", YEAR_COLUMNS,
         "summa eget kapital = eget kapital före årets resultat + årets resultat"),
    Rule("br_balance_equation", "br.summa_eget_kapital_avsattningar_och_skulder",
         "br.summa_tillgangar", YEAR_COLUMNS,
         "summa eget kapital, avsättningar och skulder = summa tillgångar"),
    Rule("br_eget_kapital_och_skulder", "br.summa_eget_kapital_avsattningar_och_skulder",
         "br.summa_eget_kapital + br.avsattningar + br.langfristiga_skulder"
         " + br.kortfristiga_skulder"
         " || br.ovrigt_eget_kapital + br.arets_resultat + br.avsattningar"
         " + br.langfristiga_skulder + br.kortfristiga_skulder",
         YEAR_COLUMNS, "eget kapital + avsättningar + skulder = summan av dem"),
    Rule("br_opening_equity_equals_previous_closing", "br.ovrigt_eget_kapital",
         "br.summa_eget_kapital@previous"
         " || br.ovrigt_eget_kapital@previous + br.arets_resultat@previous", ("current",),
         "eget kapital vid årets början = förra årets utgående eget kapital"),
    Rule("kf_lopande_verksamhet", "kf.kassaflode_lopande_verksamhet",
         "kf.arets_resultat + kf.justering_ej_likviditetspaverkande + kf.forandring_forrad"
         " + kf.forandring_kortfristiga_fordringar + kf.forandring_kortfristiga_skulder",
         YEAR_COLUMNS, "kassaflöde från löpande verksamhet = resultat + justeringar + förändringar"),
    Rule("kf_arets_kassaflode", "kf.arets_kassaflode",
         "kf.kassaflode_lopande_verksamhet + kf.kassaflode_investeringsverksamhet"
         " + kf.kassaflode_finansieringsverksamhet", YEAR_COLUMNS,
         "årets kassaflöde = löpande + investerings- + finansieringsverksamhet"),
    Rule("kf_likvida_medel", "kf.likvida_medel_vid_arets_slut",
         "kf.likvida_medel_vid_arets_borjan + kf.arets_kassaflode", YEAR_COLUMNS,
         "likvida medel vid årets slut = vid årets början + årets kassaflöde"),
    Rule("kf_likvida_medel_equals_br", "kf.likvida_medel_vid_arets_slut",
         "br.kassa_och_bank + br.kortfristiga_placeringar", YEAR_COLUMNS,
         "likvida medel vid årets slut = kassa och bank (+ kortfristiga placeringar)"),
    Rule("kf_opening_equals_previous_closing", "kf.likvida_medel_vid_arets_borjan",
         "kf.likvida_medel_vid_arets_slut@previous || br.kassa_och_bank@previous"
         " + br.kortfristiga_placeringar@previous", ("current",),
         "likvida medel vid årets början = förra årets likvida medel vid årets slut"),
    Rule("kf_fordringar_change", "kf.forandring_kortfristiga_fordringar",
         "br.fordringar@previous - br.fordringar", ("current",),
         "förändring av fordringar = förra årets fordringar − årets fordringar"),
    Rule("kf_skulder_change", "kf.forandring_kortfristiga_skulder",
         "br.kortfristiga_skulder - br.kortfristiga_skulder@previous", ("current",),
         "förändring av kortfristiga skulder = årets skulder − förra årets"),
    Rule("drift_resultat", "drift.resultat",
         "drift.nettokostnad + drift.medlemsavgift + drift.finansiella_poster", ALL_COLUMNS,
         "resultat = nettokostnad + medlemsavgift + finansiella poster"),
    Rule("drift_deviation", "drift.*@deviation", "drift.*@current - drift.*@budget",
         ("deviation",), "avvikelse = utfall − budget"),
    Rule("drift_resultat_equals_rr", "drift.resultat", "rr.arets_resultat", ("current",),
         "driftredovisningens resultat = årets resultat i resultaträkningen"),
    Rule("drift_eget_kapital_equals_br", "drift.utgaende_eget_kapital",
         "br.summa_eget_kapital || br.ovrigt_eget_kapital + br.arets_resultat", ("current",),
         "utgående eget kapital = balansräkningens eget kapital"),
    Rule("drift_likvida_medel_equals_br", "drift.likvida_medel",
         "br.kassa_och_bank + br.kortfristiga_placeringar", ("current",),
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
         ("|rr.verksamhetens_kostnader| + |rr.avskrivningar| + |rr.finansiella_kostnader|",
          "the overview's kostnader include avskrivningar and finansiella kostnader")),
    Rule("oversikt_arets_resultat_equals_rr", "oversikt.arets_resultat", "rr.arets_resultat",
         YEAR_COLUMNS, "årets resultat i flerårsöversikten = resultaträkningen"),
    Rule("oversikt_eget_kapital_equals_br", "oversikt.eget_kapital",
         "br.summa_eget_kapital || br.ovrigt_eget_kapital + br.arets_resultat", YEAR_COLUMNS,
         "eget kapital i flerårsöversikten = balansräkningen"),
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
         "bk.arets_resultat - |bk.realisationsvinster| + bk.realisationsvinster_undantag"
         " + bk.realisationsforluster_undantag + bk.orealiserade + bk.aterforing_orealiserade",
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
         "last.br.summa_eget_kapital + rr.arets_resultat", ("current",),
         "eget kapital = förra årets utgående eget kapital (förra årets årsredovisning) "
         "+ årets resultat"),
)

# Rounding: a break of at most this many kronor per compared figure is a rounding warning.
ROUNDING_KR = 2
# A tkr figure carries up to half a tkr of rounding.
ROUNDING_TKR = 500


# Participant counts. Terms are ``measure:group`` joined by "+" or "-"; ``*`` in a measure
# stands for every measure it matches (``aldersspann_*``). A rule runs on each insats row of
# the listed tables (``summary``, ``form``) that prints at least ``min_terms`` of its terms.


@dataclass(frozen=True)
class CountRule:
    name: str
    target: str
    expression: str
    tables: tuple[str, ...]
    explanation: str
    min_terms: int = 2
    explained_by: tuple[str, str] | None = None


EXITS = ("gemensam_kartlaggning", "till_arbete", "till_studier", "aktivt_arbetssokande",
         "annan_positiv_stegforflyttning", "fortsatt_rehabilitering", "avslut_annat")

COUNT_RULES: tuple[CountRule, ...] = (
    *(CountRule(f"{m}_by_gender", f"{m}:total", f"{m}:kvinnor + {m}:man + {m}:icke_binar",
                ("summary", "form"), f"{m}: kvinnor + män + icke-binära = totalt")
      for m in ("deltagare", "nya", "avslutade", "pagaende", "till_arbete", "till_studier")),
    CountRule("age_bands_sum_to_new", "nya:total", "aldersspann_*:total", ("form",),
              "åldersspannen summerar till antalet nya deltagare", min_terms=3,
              explained_by=("deltagare:total",
                            "the age bands count every participant of the year, not only the "
                            "new ones")),
    CountRule("exits_sum_to_ended", "avslutade:total",
              " + ".join(f"{m}:total" for m in EXITS), ("form",),
              "avslutsorsakerna summerar till antalet avslutade", min_terms=4),
    CountRule("ongoing_is_total_minus_ended", "pagaende:total",
              "deltagare:total - avslutade:total", ("summary", "form"),
              "pågående = deltagare under året − avslutade"),
)

# Rules between tables and reports, each checked by its own function in checks/participants.py.
TABLE_RULES = {
    "summary_total_equals_rows": "summaraden i tabellen per insats = summan av insatsernas rader",
    "summary_equals_history": "årets rad i historiktabellen = summaraden i tabellen per insats",
    "form_equals_summary": "insatsens bilaga = insatsens rad i tabellen per insats",
    "history_repeats_last_report": "historiktabellens tidigare år = förra årets årsredovisning",
    "goal_outcome_recomputed": "måluppfyllelsens procent = antalet den bygger på "
                               "(t.ex. 91 av 159 avslutade ≈ 57 %)",
}
# Measures a bilaga form and the summary table both print for an insats.
FORM_SUMMARY_MEASURES = ("deltagare", "nya", "avslutade", "pagaende")
