# correlate and wijken on a store loaded from the bundled sample: every
# format, the statistics keys, how series and periods are chosen, the error
# paths and exit statuses.
. "$IZ_ROOT/tests/e2e/lib/common.sh"

X=personen_in_armoede_pct
Y=ervaren_gezondheid_goed_pct

run fetch --replay "$IZ_ROOT/datasets/sample" --catalog "$IZ_ROOT/datasets"
expect_rc "sample replays into a store" 0

# ---- help --------------------------------------------------------------
run help
for c in correlate wijken; do
	expect_out "help lists $c" "  $c "
	run "$c" --help
	expect_rc "$c --help exits 0" 0
	expect_out "$c --help shows usage" "usage: inzicht $c"
	run help "$c"
	expect_out "help $c shows the same usage" "usage: inzicht $c"
	run help
done

# ---- correlate: formats ------------------------------------------------
run correlate $X $Y --highlight GM0599
expect_rc "correlate exits 0" 0
expect_out "correlate table header" "region  name                    x     y  fitted  residual  studentized_residual"
expect_out "correlate table has Rotterdam" "GM0599  Rotterdam             7.1  67.7  67.541     0.159                 0.328"
expect_err "correlate names x, y and the period" "x = $X (Personen in armoede, %; kwb-2024), y = $Y (Goed ervaren gezondheid, %; rivm-gezondheid-wijk-2024, Leeftijd=20300); period 2024JJ00"
expect_err "correlate says which dataset answers" "$X: dataset kwb-2024, which has period 2024JJ00 (the id is also in kwb-2025)"
expect_err "correlate says the newer period has no values" "$X: period 2025JJ00 (kwb-2025) has no values among gemeenten"
expect_err "correlate says which category answers" "$Y: main series Leeftijd=20300 (life stage totaal) of 3 categories in rivm-gezondheid-wijk-2024"
expect_err "correlate counts n and dropped" "n = 8 gemeenten with both values; 0 dropped for a missing value"
expect_err "correlate prints Pearson and Spearman" "Pearson r = -0.980, 95% CI -0.997 to -0.892 (Fisher z), p = 1.9e-05; Spearman rho = -1.000, p = 0"
expect_err "correlate prints the line" "least squares: y = 79.66 -1.706 x, R-squared = 0.961"
expect_err "correlate places the highlighted region" "Rotterdam (GM0599): $Y = 67.7 where the line predicts 67.54 from $X = 7.1; residual +0.159, studentized residual +0.33 (externally studentized, as R's rstudent): better than its level of $X predicts, within the usual spread (|t| < 2)"

run correlate $X $Y --format csv
expect_rc "correlate csv exits 0" 0
expect_out "correlate csv header" "region,name,x,y,fitted,residual,studentized_residual"
expect_out "correlate csv row" "GM0014,Groningen (gemeente),6.1,68.5,69.247,-0.747,-1.718"
check "correlate csv has 8 regions" [ "$(wc -l <"$T/out")" -eq 9 ]

run correlate $X $Y --format json --highlight gm0599
expect_rc "correlate json exits 0" 0
expect_out "correlate json columns" '{"columns":["region","name","x","y","fitted","residual","studentized_residual"],"rows":[["GM0014","Groningen (gemeente)",6.1,68.5,69.2474869451697,'
expect_out "correlate json statistics keys, in order" '"statistics":{"n":8.0,"dropped":0.0,"pearson_r":-0.980338965968553,"pearson_ci_low":-0.996565902142545,"pearson_ci_high":-0.891598902161853,"pearson_p":1.87211678511779e-5,"spearman_rho":-1.0,"spearman_p":0.0,"slope":-1.70626631853786,"intercept":79.6557114882506,"r2":0.961064488196291,"fitted":67.5412206266319,"residual":0.158779373368148,"studentized_residual":0.327715299773332}'
expect_out "correlate json carries the notes" '"notes":["x = personen_in_armoede_pct'
check "correlate json leaves stderr empty" [ ! -s "$T/err" ]

run correlate $X $Y --format json
expect_no_out "without --highlight no fitted statistic" '"fitted":'

run correlate $X $Y --quiet
expect_rc "correlate --quiet exits 0" 0
check "correlate --quiet prints no notes" [ ! -s "$T/err" ]

# ---- correlate: levels, within, categories, periods ---------------------
run correlate inkomen_per_inwoner $Y --level wijk --format csv
expect_rc "correlate at wijk level exits 0" 0
expect_err "wijk level drops the wijken without a value" "n = 31 wijken with both values; 2 dropped for a missing value"
expect_out "a dropped wijk keeps its y, without a fit" "WK088002,Wijk 02 Jisp,,77.8,,,"

run correlate $X $Y --level wijk --within GM0363 --format json
expect_rc "correlate within a gemeente exits 0" 0
expect_out "within GM0363: its six wijken" '"statistics":{"n":6.0,"dropped":0.0,'
expect_no_out "within GM0363: no Rotterdam wijk" "WK0599"

run correlate $X $Y --category-y Leeftijd=80200 --period 2024JJ00
expect_rc "correlate with a category and a period exits 0" 0
expect_err "the category is used" "rivm-gezondheid-wijk-2024, Leeftijd=80200); period 2024JJ00"
expect_err "an approximate life stage is said" "$Y Leeftijd=80200: life stage oudere is approximate"

run correlate jv_heeft_schulden_pct jv_ervaren_gezondheid_goed_pct --highlight GM0080
expect_rc "correlate with a missing gemeente exits 0" 0
expect_err "one gemeente is dropped" "n = 7 gemeenten with both values; 1 dropped for a missing value"
expect_err "a marked deviation is said" "Leeuwarden (GM0080): jv_ervaren_gezondheid_goed_pct = 77.5 where the line predicts 76.14"
expect_err "a marked deviation in words" "better than its level of jv_heeft_schulden_pct predicts, a marked deviation (|t| >= 2)"

run correlate $Y eenzaam_pct --period 2016JJ00 --level wijk --format csv
expect_rc "correlate an older period exits 0" 0
expect_err "the older period is used" "period 2016JJ00"

# ---- correlate: errors -------------------------------------------------
run correlate nosuch $Y
expect_rc "unknown indicator exits 2" 2
expect_err "unknown indicator points at query" "inzicht: correlate: unknown indicator 'nosuch' (see 'inzicht query indicators')"

run correlate $X bijstandsuitkeringen
expect_rc "no common period exits 1" 1
expect_err "no common period names both" "inzicht: correlate: no period in which both '$X' and 'bijstandsuitkeringen' have values among gemeenten ($X: 2024JJ00; bijstandsuitkeringen: 2025MM06, 2024MM12, 2024MM06)"

run correlate $Y eenzaam_pct --level wijk --within GM0088
expect_rc "too few regions exits 1" 1
expect_err "too few regions is said" "inzicht: correlate: too few wijken within GM0088 with both '$Y' and 'eenzaam_pct': 1 (need at least 4)"

run correlate $X $Y --level stad
expect_rc "bad level exits 2" 2
expect_err "bad level is named" "inzicht: correlate: unknown level 'stad' (expected gemeente, wijk or buurt)"
expect_err "bad level hints at --help" "try 'inzicht correlate --help'"

run correlate $X $Y --level buurt
expect_rc "no buurt values exits 1" 1
expect_err "no buurt values is said" "have values among buurten ($X: none; $Y: none)"

run correlate $X
expect_rc "one indicator exits 2" 2
expect_err "one indicator is a usage error" "inzicht: correlate: expected two indicator ids (see 'inzicht query indicators')"

run correlate $X $Y $X
expect_rc "three indicators exit 2" 2
expect_err "a third operand is named" "unexpected '$X'"

run correlate $X $Y --period 2030JJ00
expect_rc "a period without values exits 1" 1
expect_err "a period without values lists the periods" "inzicht: correlate: no values for '$X' in period '2030JJ00' among gemeenten (periods with values: 2024JJ00)"

run correlate $X $Y --highlight WK0363AD
expect_rc "highlight at another level exits 1" 1
expect_err "highlight at another level is said" "inzicht: correlate: highlighted region 'WK0363AD' is not among the gemeenten compared"

run correlate jv_heeft_schulden_pct jv_ervaren_gezondheid_goed_pct --highlight GM0088
expect_rc "highlight without a value exits 1" 1
expect_err "highlight without a value is said" "inzicht: correlate: highlighted region 'GM0088' has no value for 'jv_heeft_schulden_pct' in 2024JJ00"

run correlate $X $Y --level wijk --within GM9999
expect_rc "unknown within exits 2" 2
expect_err "unknown within is named" "inzicht: correlate: unknown region 'GM9999'"

run correlate $X $Y --category-y Leeftijd=1
expect_rc "unknown category exits 2" 2
expect_err "unknown category lists them" "inzicht: correlate: indicator '$Y' has no category 'Leeftijd=1' (categories: Leeftijd=20300, Leeftijd=53115, Leeftijd=80200)"

cp "$INZICHT_DB" "$T/flat.db"
sqlite3 "$T/flat.db" "UPDATE observation SET value = 5 WHERE indicator IN (SELECT id FROM indicator WHERE code = 'inwoners')"
run correlate inwoners $Y --db "$T/flat.db"
expect_rc "a constant indicator exits 1" 1
expect_err "a constant indicator is said" "inzicht: correlate: 'inwoners' has the same value in all 8 gemeenten: nothing to correlate"

run correlate $X $Y --db "$T/none.db"
expect_rc "correlate without a store exits 1" 1
expect_err "correlate without a store names it" "no store at '$T/none.db'"

# ---- wijken ------------------------------------------------------------
run wijken --within GM0363 --indicator $X
expect_rc "wijken exits 0" 0
expect_out "wijken table header" "rank  region    name                     $X  ${X}_z  ${X}_gemeente  ${X}_nl"
expect_out "wijken ranks the poorest first" "   1  WK0363MG  Indische Buurt-Oost                          7.6                       0.98                               5.9                         4.6"
expect_err "wijken says the period and the values beside" "$X (Personen in armoede, %; kwb-2024): period 2024JJ00; 6 wijken, 0 without a value; GM0363 = 5.9, Nederland = 4.6"
expect_err "wijken explains the z-scores" "z-scores: (value - mean) / sd among the wijken of GM0363 with a value (sd with n - 1, as R's scale)"
expect_err "wijken says the order" "ranked worst first (lower_is_better)"

run wijken --within gm0599 --indicator $X --indicator $Y --indicator moeite_met_rondkomen_pct --format csv
expect_rc "wijken with three indicators exits 0" 0
expect_out "wijken csv header with score" "rank,region,name,$X,${X}_z,${X}_gemeente,${X}_nl,$Y,${Y}_z,${Y}_gemeente,${Y}_nl,moeite_met_rondkomen_pct,moeite_met_rondkomen_pct_z,moeite_met_rondkomen_pct_gemeente,moeite_met_rondkomen_pct_nl,score"
expect_out "wijken csv: Charlois first" "1,WK059915,Charlois,9.1,1.21,7.1,4.6,65.4,-0.97,67.7,72.0,25.2,1.00,22.1,17.2,1.06"
expect_out "wijken csv: Stadscentrum last" "6,WK059901,Stadscentrum,6.0,-1.23,7.1,4.6,70.7,1.47,67.7,72.0,19.2,-1.26,22.1,17.2,-1.32"
expect_err "wijken explains the score" "score: the mean of the z-scores of $X, $Y, moeite_met_rondkomen_pct, each signed so that higher is worse"

run wijken --within GM0599 --indicator $X --indicator $Y --format json
expect_rc "wijken json exits 0" 0
expect_out "wijken json columns" "{\"columns\":[\"rank\",\"region\",\"name\",\"$X\",\"${X}_z\",\"${X}_gemeente\",\"${X}_nl\",\"$Y\",\"${Y}_z\",\"${Y}_gemeente\",\"${Y}_nl\",\"score\"],\"rows\":[[1,\"WK059915\",\"Charlois\",9.1,"
expect_out "wijken json notes" '"notes":["personen_in_armoede_pct (Personen in armoede'

run wijken --within GM0363 --indicator eenzaam_pct:Leeftijd=80200 --format csv
expect_rc "wijken with a category exits 0" 0
expect_err "wijken uses the category" "eenzaam_pct (Eenzaam, %; rivm-gezondheid-wijk-2024, Leeftijd=80200): period 2024JJ00"

run wijken --within GM0363 --indicator jongeren_jeugdzorg_pct
expect_rc "wijken on a neutral indicator exits 0" 0
expect_err "a neutral indicator ranks highest first" "jongeren_jeugdzorg_pct has neutral polarity: ranked highest first"

run wijken --within GM0080 --indicator inkomen_per_inwoner --indicator jongeren_jeugdzorg_pct --format csv
expect_rc "wijken with a neutral second indicator exits 0" 0
expect_err "a neutral indicator stays out of the score" "left out of the score (neutral polarity, or fewer than two distinct values): jongeren_jeugdzorg_pct"

run wijken --within GM0880 --indicator inkomen_per_inwoner --format csv
expect_rc "wijken with a missing wijk exits 0" 0
expect_out "the wijk without a value comes last, unranked" ",WK088002,Wijk 02 Jisp,,,"
expect_err "the missing wijk is counted" "4 wijken, 1 without a value"

# ---- wijken: errors ----------------------------------------------------
run wijken --indicator $X
expect_rc "wijken without --within exits 2" 2
expect_err "wijken asks for the gemeente" "inzicht: wijken: which gemeente? (--within GM...)"

run wijken --within GM0363
expect_rc "wijken without --indicator exits 2" 2
expect_err "wijken asks for an indicator" "inzicht: wijken: which indicator? (--indicator <id>; see 'inzicht query indicators')"

run wijken --within WK0363AD --indicator $X
expect_rc "wijken within a wijk exits 2" 2
expect_err "wijken wants a gemeente" "inzicht: wijken: --within expects a gemeente code (GM...), not 'WK0363AD'"

run wijken --within GM0363 --indicator $X --level gemeente
expect_rc "wijken at gemeente level exits 2" 2
expect_err "wijken level is wijk or buurt" "inzicht: wijken: --level must be wijk or buurt"

run wijken --within GM0363 --indicator $X --level stad
expect_rc "wijken with a bad level exits 2" 2
expect_err "wijken names the bad level" "inzicht: wijken: unknown level 'stad' (expected gemeente, wijk or buurt)"

run wijken --within GM0363 --indicator $X --level buurt
expect_rc "wijken without buurt values exits 1" 1
expect_err "wijken says there are no buurt values" "inzicht: wijken: no values for '$X' among buurten within GM0363"

run wijken --within GM0363 --indicator nosuch
expect_rc "wijken with an unknown indicator exits 2" 2
expect_err "wijken names the unknown indicator" "inzicht: wijken: unknown indicator 'nosuch' (see 'inzicht query indicators')"

run wijken --within GM0363 --indicator $X --indicator $X
expect_rc "wijken with an indicator twice exits 2" 2
expect_err "wijken names the repeated indicator" "inzicht: wijken: indicator '$X' given twice"

run wijken --within GM0363 --indicator "$X:"
expect_rc "wijken with an empty category exits 2" 2
expect_err "wijken explains --indicator" "inzicht: wijken: --indicator expects <id> or <id>:<category>, not '$X:'"

run wijken --within GM0363 --indicator a --indicator b --indicator c --indicator d --indicator e --indicator f --indicator g --indicator h --indicator i --indicator j --indicator k --indicator l --indicator m --indicator n --indicator o --indicator p --indicator q
expect_rc "wijken with too many indicators exits 2" 2
expect_err "wijken limits the indicators" "inzicht: wijken: at most 16 --indicator options"

run wijken --within GM0363 --indicator $X extra
expect_rc "wijken with an operand exits 2" 2
expect_err "wijken names the operand" "inzicht: wijken: unexpected 'extra'"

run wijken --within GM9999 --indicator $X
expect_rc "wijken in an unknown gemeente exits 2" 2
expect_err "wijken names the unknown gemeente" "inzicht: wijken: unknown region 'GM9999'"

run wijken --within GM0363 --indicator $X --period 2030JJ00
expect_rc "wijken in a period without values exits 1" 1
expect_err "wijken lists the periods with values" "inzicht: wijken: no values for '$X' in period '2030JJ00' among wijken within GM0363 (periods with values: 2024JJ00)"

# ---- make demo shows one correlation -----------------------------------
(cd "$IZ_ROOT" && sh tools/demo.sh "$IZ_BIN" "$T/build") >"$T/out" 2>"$T/err"
RC=$?
expect_rc "the demo runs with its correlation" 0
expect_out "the demo correlates poverty and health" "== inzicht correlate personen_in_armoede_pct ervaren_gezondheid_goed_pct --highlight GM0599"
expect_out "the demo shows the correlation rows" "GM0599  Rotterdam             7.1  67.7  67.541     0.159                 0.328"
expect_err "the demo places Rotterdam" "Rotterdam (GM0599): ervaren_gezondheid_goed_pct = 67.7 where the line predicts 67.54"
