/*
 * Every sentence of the report, per language, in one place. Dutch is the
 * default and is written at B1 level: short sentences, common words, one
 * idea per sentence. Templates take {1}..{9} (see report_priv.h).
 */
#include <string.h>

#include "report_priv.h"

const char *const iz_sp_codes[IZ_NSP] = { "financiele_stabiliteit",
					  "sociale_inclusie", "leefstijl",
					  "gezondheid", "context" };

const char *const iz_report_stage_codes[IZ_REPORT_NSTAGES] = {
	"", "kind", "jongvolwassen", "volwassen", "oudere"
};

static const char *const hh_codes[7] = {
	"eenpersoons", "paar_zonder_kinderen", "paar_met_kinderen",
	"eenouder",    "overig",	       "met_kinderen",
	"zonder_kinderen"
};

static const struct iz_report_text nl = {
	.lang = "nl",
	.suppressed_word = "geheim",
	.doc_title = "Armoede en gezondheid in {1}",
	.doc_subtitle = "Feiten voor het gesprek over armoedebeleid en "
			"gezondheidsbeleid: wie loopt risico, in welke "
			"levensfase, en wie bereiken de regelingen?",
	.generated = "Gemaakt op {1} met inzicht {2}. De cijfers komen uit "
		     "open data (CBS, RIVM) en, als die zijn ingelezen, uit "
		     "de eigen registraties van de gemeente.",
	.toc = "Inhoud",
	.sec_summary = "Samenvatting",
	.sec_poverty_health = "Armoede en gezondheid",
	.sec_wijken = "Wijken",
	.sec_schemes = "Regelingen",
	.sec_questions = "Gespreksvragen",
	.sec_sources = "Bronnen en verantwoording",
	.sp_name = { "Financiële stabiliteit", "Sociale inclusie",
		     "Gezonde leefstijl", "Gezondheid", "Achtergrond" },
	.sp_intro = {
		"Heeft iedereen genoeg geld om rond te komen? Hier staan "
		"cijfers over laag inkomen, armoede, bijstand en schulden.",
		"Doet iedereen mee? Hier staan cijfers over eenzaamheid, "
		"meedoen en steun uit het sociaal domein.",
		"Leven mensen gezond? Hier staan cijfers over roken, "
		"alcohol, overgewicht en bewegen.",
		"Hoe gezond voelen mensen zich? Hier staan cijfers over "
		"ervaren gezondheid, psychische klachten en beperkingen.",
		"Achtergrondcijfers over inwoners en huishoudens.",
	},
	.stage_name = { NULL, "kinderen", "jongvolwassenen",
			"werkende leeftijd", "AOW-leeftijd" },
	.hh_name = { "eenpersoonshuishoudens", "paren zonder kinderen",
		     "paren met kinderen", "eenoudergezinnen",
		     "overige huishoudens", "huishoudens met kinderen",
		     "huishoudens zonder kinderen" },
	.partner_name = { "energie", "huur", "water", "zorgverzekeraar",
			  "overig" },
	.sum_intro = "Dit rapport vergelijkt {1} met heel Nederland en met "
		     "gemeenten die op {1} lijken: {2}.",
	.sum_key = "{1}: {2} in {3} ({4}). In Nederland is dat {5}.",
	.sum_key_no_nl = "{1}: {2} in {3} ({4}).",
	.verdict_sentence = { "", "Dat is gunstiger dan gemiddeld.",
			      "Dat is ongeveer gemiddeld.",
			      "Dat is ongunstiger dan gemiddeld." },
	.verdict_word = { "", "gunstiger", "gemiddeld", "ongunstiger" },
	.sum_risk_intro = "Hier wijkt de gemeente het meest in de "
			  "ongunstige richting af:",
	.sum_risk_item = "{1}: {3} (Nederland: {4}).",
	.sum_risk_none = "Er is geen groep waar de gemeente duidelijk "
			 "ongunstiger scoort dan gemiddeld.",
	.sum_records = "In {2} staan {1} huishoudens in de registraties "
		       "van de gemeente.",
	.sum_records_any = "Van de huishoudens die recht hebben op een "
			   "regeling gebruikt {1} er minstens één ({2} "
			   "huishoudens met recht).",
	.approximate = "(leeftijdsgroep benaderd)",
	.all_ages = "alle leeftijden",
	.sp_dot_title = "{1}: {2}",
	.sp_dot_desc = "Cijfers van {4} (aantal: {1}). De stip is {4}, het "
		       "streepje is Nederland, de band zijn vergelijkbare "
		       "gemeenten. Ongunstiger dan gemiddeld: {2}. "
		       "Gunstiger: {3}.",
	.legend_ref = "Nederland",
	.legend_band = "vergelijkbare gemeenten (middelste helft)",
	.sp_other_caption = "Overige cijfers",
	.sp_trend_title = "{1}: ontwikkeling door de jaren",
	.sp_trend_desc = "{1} cijfers door de jaren heen. Bij {2} gaat het "
			 "duidelijk de verkeerde kant op; die zijn "
			 "gemarkeerd.",
	.sp_trend_desc_none = "{1} cijfers door de jaren heen. Geen ervan "
			      "gaat duidelijk de verkeerde kant op.",
	.sp_none = { "Over financiële stabiliteit staan nog geen cijfers in "
		     "de database.",
		     "Over sociale inclusie staan nog geen cijfers in de "
		     "database.",
		     "Over gezonde leefstijl staan nog geen cijfers in de "
		     "database.",
		     "Over gezondheid staan nog geen cijfers in de database.",
		     "" },
	.missing_intro = "Nog niet in dit rapport, omdat de gegevens "
			 "ontbreken:",
	.col_indicator = "Cijfer",
	.col_period = "Jaar",
	.col_value = "Waarde",
	.col_nl = "Nederland",
	.col_peers = "Vergelijkbare gemeenten (mediaan)",
	.col_verdict = "Oordeel",
	.ph_intro = "Armoede en gezondheid hangen samen. Mensen met weinig "
		    "geld of met schulden zijn vaker ongezond. De grafiek "
		    "laat zien hoe dat tussen gemeenten en wijken gaat.",
	.ph_title = "{1} en {2}: alle {3}",
	.ph_desc = "Elke stip is een gemeente ({1} in totaal). De lijn laat "
		   "het verband zien (r = {2}). {3} is apart gemarkeerd.",
	.ph_desc_within = "Elke stip is een wijk van {3} ({1} in totaal). "
			  "De lijn laat het verband zien (r = {2}).",
	.ph_stats = "Samenhang: r = {1} (95%-betrouwbaarheidsinterval {2} "
		    "tot {3}, n = {4}); rangcorrelatie rho = {5}; "
		    "verklaarde variantie R² = {6}.",
	.ph_residual = "{1} heeft voor {2} een waarde van {3}. Bij het "
		       "armoedeniveau van {1} zou je {4} verwachten.",
	.ph_residual_verdict = {
		"Dat ligt in de lijn van wat je verwacht.",
		"Dat is beter dan je op grond van de armoede zou "
		"verwachten.",
		"Dat is slechter dan je op grond van de armoede zou "
		"verwachten.",
	},
	.ph_none = "Er zijn nog te weinig cijfers over armoede en "
		   "gezondheid om ze te vergelijken.",
	.level_gemeenten = "gemeenten",
	.level_wijken = "wijken van de gemeente",
	.wk_intro = "De wijken op volgorde van {1} en {2} samen: bovenaan "
		    "de wijken waar armoede en gezondheidsproblemen het "
		    "meest samenkomen.",
	.wk_top = "Het meest in: {1}.",
	.col_rank = "Plaats",
	.col_wijk = "Wijk",
	.col_score = "Score (samen)",
	.wk_none = "Er zijn geen wijkcijfers voor deze gemeente.",
	.sc_intro = "De gemeente heeft registraties van {1} huishoudens "
		    "over {2}.",
	.sc_none = "Er zijn geen registraties van regelingen ingelezen "
		   "voor deze gemeente.",
	.sc_uptake_title = "Bereik per regeling",
	.sc_uptake_desc = "Het deel van de huishoudens met recht op een "
			  "regeling dat die regeling gebruikt, voor {1} "
			  "regelingen, met het 95%-betrouwbaarheidsinterval. "
			  "Het hoogste bereik heeft {2}, het laagste {3}.",
	.sc_open_data = "De registraties noemen het inkomen van de meeste "
			"huishoudens niet. Daarom is het aantal huishoudens "
			"met recht op een regeling geschat uit open data: "
			"het deel van de huishoudens in de gemeente tot 110% "
			"of 120% van het sociaal minimum. Het bereik is dus "
			"een schatting; regelingen voor één doelgroep hebben "
			"geen schatting.",
	.sc_uptake_stage_title = "Bereik per regeling en levensfase",
	.sc_uptake_stage_desc = "Bereik van elke regeling per levensfase, "
				"met het 95%-betrouwbaarheidsinterval. Het "
				"hoogste bereik: {2}; het laagste: {3}.",
	.sc_stacking_title = "Stapeling: huishoudens naar aantal regelingen",
	.sc_stacking_desc = "Hoeveel regelingen huishoudens tegelijk "
			    "gebruiken. 0 betekent: recht op een regeling, "
			    "maar geen enkele in gebruik. {1} van de "
			    "huishoudens gebruikt er twee of meer.",
	.sc_stacking_test = "Verschil tussen levensfasen: chi-kwadraat = {1} "
			    "(df = {2}), p = {3}, Cramérs V = {4}.",
	.sc_upset_title = "Welke regelingen gaan samen?",
	.sc_upset_desc = "De {1} meest voorkomende combinaties van "
			 "regelingen. De balk is het aantal huishoudens; "
			 "het streepje is wat je zou verwachten als de "
			 "regelingen los van elkaar werden gebruikt.",
	.sc_upset_observed = "huishoudens",
	.sc_upset_expected = "verwacht",
	.sc_segments_title = "Werklijst: recht op een regeling, maar nog "
			     "niet bereikt",
	.sc_signals_title = "Vroegsignalering: betalingsachterstanden",
	.sc_signals_text = "{1} huishoudens hadden een "
			   "betalingsachterstand. Van hen gebruikte {2} al "
			   "een regeling. {3} huishoudens zijn nog niet "
			   "bereikt.",
	.sc_disclosure = "Aantallen onder {1} huishoudens en percentages "
			 "van minder dan {2} huishoudens zijn geheim (.). "
			 "Ook andere cellen zijn soms geheim, zodat je een "
			 "geheim getal niet kunt terugrekenen. In dit "
			 "hoofdstuk zijn {3} cellen geheim.",
	.col_scheme = "Regeling",
	.col_eligible = "Met recht",
	.col_participants = "Gebruikt",
	.col_uptake = "Bereik (%)",
	.col_ci = "95%-interval",
	.col_stage = "Levensfase",
	.col_hh = "Huishouden",
	.col_households = "Huishoudens",
	.col_schemes = "Aantal regelingen",
	.col_pct = "%",
	.col_not_reached = "Niet bereikt",
	.col_partner = "Melder",
	.col_any_scheme = "Met regeling",
	.col_schuldhulp = "Schuldhulp",
	.col_repeat = "Herhaald signaal",
	.scheme_any = "minstens één regeling",
	.q_intro = "Vragen voor het gesprek tussen armoedebeleid, "
		   "gezondheidsbeleid en partners. Bij elke vraag staat "
		   "waar de cijfers op wijzen.",
	.q_common = {
		"Wat gebeurt er al op dit terrein, in armoedebeleid en in "
		"gezondheidsbeleid?",
		"Wat krijgt nog te weinig aandacht?",
		"Welke bestaande programma's worden sterker als we ze aan "
		"elkaar koppelen?",
		"Welke groepen en levensfasen betrekken we erbij?",
		"Welke partners halen we erbij?",
	},
	.q_highlight = "Uit de cijfers: {1}",
	.q_suggest = "Denk aan: {1}.",
	.q_schemes = "regelingen en hun bereik: {1}.",
	.q_scheme_item = "{1} ({2})",
	.q_linked = "{1} komen {2} keer zo vaak samen voor als je zou "
		    "verwachten.",
	.q_linked_none = "geen combinatie van regelingen komt duidelijk "
			 "vaker voor dan je zou verwachten.",
	.q_signals = "{1} huishoudens met een betalingsachterstand "
		     "gebruiken nog geen regeling.",
	.q_partners = {
		"woningcorporaties, energie- en waterbedrijven, "
		"zorgverzekeraars (vroegsignalering), schuldhulpverlening, "
		"wijkteams",
		"wijkteams, welzijnswerk, scholen, sportverenigingen, "
		"bibliotheek",
		"GGD, scholen, sportverenigingen, huisartsen, wijkteams",
		"GGD, huisartsen, zorgverzekeraars, wijkteams, "
		"ouderenwerk",
		"",
	},
	.q_no_highlight = "geen cijfer wijkt hier duidelijk ongunstig af.",
	.src_intro = "Waar de cijfers vandaan komen. Een JSON-bestand naast "
		     "dit rapport (het manifest) noemt per grafiek en tabel "
		     "de bronnen, jaren en geheimhoudingsregel.",
	.col_dataset = "Dataset",
	.col_table = "CBS-tabel",
	.col_title = "Titel",
	.col_modified = "Bijgewerkt door bron",
	.col_fetched = "Opgehaald",
	.col_rows = "Rijen",
	.src_methods = {
		"Oordeel: met het 95%-interval van de bron tegen "
		"Nederland, waar de bron dat geeft; anders ongunstiger "
		"of gunstiger als de gemeente meer dan één "
		"standaardafwijking van het gemiddelde van alle gemeenten "
		"afwijkt.",
		"Vergelijkbare gemeenten: de dichtstbijzijnde gemeenten op "
		"gestandaardiseerde kenmerken (inwoners, leeftijd, "
		"huishoudens met kinderen, laag inkomen); zie 'inzicht "
		"peers'.",
		"Trend: lineaire regressie per jaar; gemarkeerd als de "
		"helling significant (p < 0,05) de ongunstige kant op "
		"gaat.",
		"Samenhang: Pearson-correlatie met Fisher-interval, "
		"Spearman-rangcorrelatie en kleinste-kwadratenlijn.",
		"Regelingen: bereik met Wilson-interval (Clopper-Pearson "
		"bij kleine aantallen); stapeling met chi-kwadraattoets.",
		NULL,
	},
	.src_rivm = "De RIVM-cijfers per gemeente, wijk en buurt zijn "
		    "modelschattingen (kleine-gebiedsschattingen) met een "
		    "95%-interval; kleine verschillen zeggen weinig.",
	.src_approx = "{1} cijfers gebruiken leeftijdsgroepen van de bron "
		      "die niet precies op de levensfasen passen; zij zijn "
		      "gemarkeerd met 'leeftijdsgroep benaderd'.",
	.src_disclosure = "Geheimhouding bij registraties: aantallen onder "
			  "{1} huishoudens en percentages van minder dan "
			  "{2} huishoudens zijn geheim; ook aanvullende "
			  "cellen zijn geheim, zodat geen geheim aantal uit "
			  "gepubliceerde totalen is af te leiden. Het "
			  "manifest noemt de regel per grafiek en tabel.",
	.src_version = "Gemaakt met inzicht {1}; database {2}.",
};

static const struct iz_report_text en = {
	.lang = "en",
	.suppressed_word = "withheld",
	.doc_title = "Poverty and health in {1}",
	.doc_subtitle = "Facts for the conversation between poverty policy "
			"and health policy: who is at risk, in which life "
			"stage, and whom do the schemes reach?",
	.generated = "Made on {1} with inzicht {2}. The figures come from "
		     "open data (CBS, RIVM) and, when imported, from the "
		     "municipality's own records.",
	.toc = "Contents",
	.sec_summary = "Summary",
	.sec_poverty_health = "Poverty and health",
	.sec_wijken = "Neighbourhoods",
	.sec_schemes = "Schemes",
	.sec_questions = "Questions for the conversation",
	.sec_sources = "Sources and methods",
	.sp_name = { "Financial stability", "Social inclusion",
		     "Healthy lifestyle", "Health", "Context" },
	.sp_intro = {
		"Does everyone have enough money to make ends meet? Low "
		"income, poverty, social assistance and debts.",
		"Does everyone take part? Loneliness, participation and "
		"support from the social domain.",
		"Do people live healthily? Smoking, alcohol, overweight "
		"and exercise.",
		"How healthy do people feel? Perceived health, mental "
		"health and limitations.",
		"Background figures on residents and households.",
	},
	.stage_name = { NULL, "children", "young adults", "working age",
			"pension age" },
	.hh_name = { "single-person households", "couples without children",
		     "couples with children", "single-parent families",
		     "other households", "households with children",
		     "households without children" },
	.partner_name = { "energy", "rent", "water", "health insurer",
			  "other" },
	.sum_intro = "This report compares {1} with the Netherlands and "
		     "with municipalities like {1}: {2}.",
	.sum_key = "{1}: {2} in {3} ({4}). In the Netherlands: {5}.",
	.sum_key_no_nl = "{1}: {2} in {3} ({4}).",
	.verdict_sentence = { "", "That is better than average.",
			      "That is about average.",
			      "That is worse than average." },
	.verdict_word = { "", "better", "average", "worse" },
	.sum_risk_intro = "Where the municipality deviates most in the "
			  "unfavourable direction:",
	.sum_risk_item = "{1}: {3} (Netherlands: {4}).",
	.sum_risk_none = "No group scores clearly worse than average.",
	.sum_records = "In {2} the municipality's records hold {1} "
		       "households.",
	.sum_records_any = "Of the households eligible for a scheme, {1} use "
			   "at least one ({2} eligible households).",
	.approximate = "(age band approximated)",
	.all_ages = "all ages",
	.sp_dot_title = "{1}: {2}",
	.sp_dot_desc = "{1} figures for {4}: the dot is {4}, the tick the "
		       "Netherlands, the band comparable municipalities. "
		       "{2} figures are worse than average and {3} better.",
	.legend_ref = "Netherlands",
	.legend_band = "comparable municipalities (middle half)",
	.sp_other_caption = "Other figures",
	.sp_trend_title = "{1}: over the years",
	.sp_trend_desc = "{1} figures over the years. {2} of them move "
			 "significantly in the wrong direction and are "
			 "marked.",
	.sp_trend_desc_none = "{1} figures over the years. None moves "
			      "significantly in the wrong direction.",
	.sp_none = { "The store has no figures on financial stability yet.",
		     "The store has no figures on social inclusion yet.",
		     "The store has no figures on healthy lifestyle yet.",
		     "The store has no figures on health yet.", "" },
	.missing_intro = "Not in this report yet, for lack of data:",
	.col_indicator = "Figure",
	.col_period = "Year",
	.col_value = "Value",
	.col_nl = "Netherlands",
	.col_peers = "Comparable municipalities (median)",
	.col_verdict = "Verdict",
	.ph_intro = "Poverty and health are linked. People with little "
		    "money or with debts are more often in poor health. "
		    "The chart shows how that plays out across areas.",
	.ph_title = "{1} and {2}: all {3}",
	.ph_desc = "Each dot is a municipality ({1} in all). The line shows "
		   "the relation (r = {2}). {3} is marked.",
	.ph_desc_within = "Each dot is a neighbourhood of {3} ({1} in "
			  "all). The line shows the relation (r = {2}).",
	.ph_stats = "Correlation r = {1} (95% confidence interval {2} to "
		    "{3}, n = {4}); rank correlation rho = {5}; explained "
		    "variance R² = {6}.",
	.ph_residual = "{1} has {3} for {2}. Its poverty level predicts "
		       "{4}.",
	.ph_residual_verdict = {
		"That is in line with the prediction.",
		"That is better than its poverty level predicts.",
		"That is worse than its poverty level predicts.",
	},
	.ph_none = "There are too few figures on poverty and health to "
		   "compare them.",
	.level_gemeenten = "municipalities",
	.level_wijken = "neighbourhoods of the municipality",
	.wk_intro = "Neighbourhoods ranked on {1} and {2} together: at the "
		    "top those where poverty and health problems "
		    "accumulate most.",
	.wk_top = "Most in: {1}.",
	.col_rank = "Rank",
	.col_wijk = "Neighbourhood",
	.col_score = "Combined score",
	.wk_none = "There are no neighbourhood figures for this "
		   "municipality.",
	.sc_intro = "The municipality has records of {1} households for "
		    "{2}.",
	.sc_none = "No scheme records were imported for this municipality.",
	.sc_uptake_title = "Uptake per scheme",
	.sc_uptake_desc = "The share of eligible households that use each "
			  "scheme, for {1} schemes, with 95% confidence "
			  "intervals. Highest uptake: {2}; lowest: {3}.",
	.sc_open_data = "The records do not give most households' income, so "
			"the eligible households are estimated from open "
			"data: the gemeente's share of households up to 110% "
			"or 120% of the social minimum. Uptake is therefore an "
			"estimate; schemes for one target group have none.",
	.sc_uptake_stage_title = "Uptake per scheme and life stage",
	.sc_uptake_stage_desc = "Uptake of each scheme by life stage, with "
				"95% confidence intervals. Highest: {2}; "
				"lowest: {3}.",
	.sc_stacking_title = "Stacking: households by number of schemes",
	.sc_stacking_desc = "How many schemes households use at once. 0 "
			    "means eligible but using none. {1} of the "
			    "households use two or more.",
	.sc_stacking_test = "Difference between life stages: chi-square = "
			    "{1} (df = {2}), p = {3}, Cramér's V = {4}.",
	.sc_upset_title = "Which schemes go together?",
	.sc_upset_desc = "The {1} most common combinations of schemes. The "
			 "bar is the number of households; the tick is what "
			 "independent use would give.",
	.sc_upset_observed = "households",
	.sc_upset_expected = "expected",
	.sc_segments_title = "Work list: eligible but not yet reached",
	.sc_signals_title = "Early signals: payment arrears",
	.sc_signals_text = "{1} households had payment arrears. {2} of them "
			   "already used a scheme. {3} households have not "
			   "been reached yet.",
	.sc_disclosure = "Counts below {1} households and percentages of "
			 "fewer than {2} households are withheld (.). Some "
			 "other cells are withheld too, so that no withheld "
			 "number can be recomputed. {3} cells are withheld "
			 "in this section.",
	.col_scheme = "Scheme",
	.col_eligible = "Eligible",
	.col_participants = "Using",
	.col_uptake = "Uptake (%)",
	.col_ci = "95% interval",
	.col_stage = "Life stage",
	.col_hh = "Household",
	.col_households = "Households",
	.col_schemes = "Number of schemes",
	.col_pct = "%",
	.col_not_reached = "Not reached",
	.col_partner = "Partner",
	.col_any_scheme = "With a scheme",
	.col_schuldhulp = "Debt help",
	.col_repeat = "Repeat signal",
	.scheme_any = "at least one scheme",
	.q_intro = "Questions for the conversation between poverty policy, "
		   "health policy and partners, each with what the figures "
		   "point at.",
	.q_common = {
		"What happens already in this field, in poverty policy and "
		"in health policy?",
		"What lacks attention?",
		"Which existing programmes become stronger when linked?",
		"Which groups and life stages should be involved?",
		"Which partners should be brought in?",
	},
	.q_highlight = "From the figures: {1}",
	.q_suggest = "Think of: {1}.",
	.q_schemes = "schemes and their uptake: {1}.",
	.q_scheme_item = "{1} ({2})",
	.q_linked = "{1} occur together {2} times as often as expected.",
	.q_linked_none = "no combination of schemes occurs clearly more "
			 "often than expected.",
	.q_signals = "{1} households with payment arrears use no scheme "
		     "yet.",
	.q_partners = {
		"housing corporations, energy and water companies, health "
		"insurers (early signals), debt help, neighbourhood teams",
		"neighbourhood teams, welfare work, schools, sports clubs, "
		"library",
		"public health service (GGD), schools, sports clubs, GPs, "
		"neighbourhood teams",
		"GGD, GPs, health insurers, neighbourhood teams, elderly "
		"care",
		"",
	},
	.q_no_highlight = "no figure deviates clearly in the unfavourable "
			  "direction here.",
	.src_intro = "Where the figures come from. A JSON file beside this "
		     "report (the manifest) lists per chart and table its "
		     "sources, periods and disclosure rule.",
	.col_dataset = "Dataset",
	.col_table = "CBS table",
	.col_title = "Title",
	.col_modified = "Updated by source",
	.col_fetched = "Fetched",
	.col_rows = "Rows",
	.src_methods = {
		"Verdict: by the source's 95% interval against the "
		"Netherlands where published; else worse or better when "
		"the municipality is more than one standard deviation from "
		"the mean of all municipalities.",
		"Comparable municipalities: the nearest municipalities on "
		"standardised structural features (inhabitants, age, "
		"households with children, low income); see 'inzicht "
		"peers'.",
		"Trend: linear regression per year; marked when the slope "
		"is significant (p < 0.05) in the unfavourable direction.",
		"Relation: Pearson correlation with Fisher interval, "
		"Spearman rank correlation and least-squares line.",
		"Schemes: uptake with Wilson interval (Clopper-Pearson for "
		"small counts); stacking with a chi-square test.",
		NULL,
	},
	.src_rivm = "RIVM figures per municipality, neighbourhood and "
		    "district are model-based small-area estimates with a "
		    "95% interval; small differences mean little.",
	.src_approx = "{1} figures use source age bands that do not match "
		      "the life stages exactly; they are marked 'age band "
		      "approximated'.",
	.src_disclosure = "Disclosure control of records: counts below {1} "
			  "households and percentages of fewer than {2} "
			  "households are withheld, and complementary cells "
			  "too, so that no withheld count can be derived "
			  "from published totals. The manifest gives the "
			  "rule per chart and table.",
	.src_version = "Made with inzicht {1}; store {2}.",
};

const struct iz_report_text *iz_report_text_get(enum iz_lang lang)
{
	return lang == IZ_LANG_EN ? &en : &nl;
}

const char *iz_report_stage_word(const struct iz_report_text *tx,
				 const char *code)
{
	size_t i;

	for (i = 1; i < IZ_REPORT_NSTAGES; i++)
		if (strcmp(code, iz_report_stage_codes[i]) == 0)
			return tx->stage_name[i];
	return NULL;
}

const char *iz_report_hh_word(const struct iz_report_text *tx,
			      const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(hh_codes) / sizeof(hh_codes[0]); i++)
		if (strcmp(code, hh_codes[i]) == 0)
			return tx->hh_name[i];
	return NULL;
}

enum iz_sp iz_report_sp(const char *code)
{
	size_t i;

	for (i = 0; i < IZ_SP_CONTEXT; i++)
		if (strcmp(code, iz_sp_codes[i]) == 0)
			return (enum iz_sp)i;
	return IZ_SP_CONTEXT;
}
