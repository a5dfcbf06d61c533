# peers and risk on a store loaded from the bundled sample: every format,
# the statistics keys, gemeente and wijk level, the error paths and exit
# statuses.
. "$IZ_ROOT/tests/e2e/lib/common.sh"

run fetch --replay "$IZ_ROOT/datasets/sample" --catalog "$IZ_ROOT/datasets"
expect_rc "sample replays into a store" 0

# ---- help --------------------------------------------------------------
for c in peers risk; do
	run help
	expect_out "help lists $c" "  $c "
	run "$c" --help
	expect_rc "$c --help exits 0" 0
	expect_out "$c --help shows usage" "usage: inzicht $c"
	run help "$c"
	expect_out "help $c shows the same usage" "usage: inzicht $c"
done
run peers --help
expect_out "peers --help documents the default features" "pct_laag_inkomen      personen_in_armoede_pct, else"

# ---- peers -------------------------------------------------------------
run peers GM0363 --k 3
expect_rc "peers exits 0" 0
expect_out "peers table header" "rank  region  name                  distance  log_inwoners  log_adresdichtheid  pct_65_plus  pct_met_kinderen  pct_laag_inkomen"
expect_out "peers: Rotterdam nearest" "   1  GM0599  Rotterdam                1.109         13.42                8.44        16.00             25.00              7.10"
expect_err "peers names each feature" "feature pct_65_plus: inwoners_65_plus / inwoners (kwb-2025), period 2025JJ00; GM0363 = 13.8"
expect_err "peers explains the distance" "distance: Euclidean, on z-scores of each feature across the 8 gemeenten with every feature (sd with n - 1); ties by region code"

run peers gm0363 --k 3 --format csv
expect_rc "peers csv exits 0" 0
expect_out "peers csv header" "rank,region,name,distance,log_inwoners,log_adresdichtheid,pct_65_plus,pct_met_kinderen,pct_laag_inkomen"
expect_out "peers csv rows" "3,GM0153,Enschede,1.746,12.00,7.69,20.00,24.00,6.50"

run peers GM0363 --format json
expect_rc "peers json exits 0" 0
expect_out "peers json statistics" '"statistics":{"k":7.0,"n":8.0,"features":"log_inwoners,log_adresdichtheid,pct_65_plus,pct_met_kinderen,pct_laag_inkomen"}'
expect_out "peers json notes k shrinks" "only 7 other gemeenten have every feature: k = 7"

run peers GM0363 --features inwoners --k 2 --format csv
expect_rc "peers with --features exits 0" 0
expect_out "peers on one feature" "1,GM0599,Rotterdam,0.790,670610.00"

cp "$INZICHT_DB" "$T/nokids.db"
sqlite3 "$T/nokids.db" "DELETE FROM observation WHERE indicator IN (SELECT id FROM indicator WHERE code = 'huishoudens_met_kinderen'); DELETE FROM indicator WHERE code = 'huishoudens_met_kinderen'"
run peers GM0363 --db "$T/nokids.db" --k 1
expect_rc "peers without a default feature exits 0" 0
expect_err "a missing default feature is skipped with a note" "feature pct_met_kinderen skipped: the store has no 'huishoudens_met_kinderen'"

run peers GM0363 --k 1
expect_err "peers names the address density feature" "feature log_adresdichtheid: omgevingsadressendichtheid (kwb-2025), period 2025JJ00; GM0363 = 8.724"

# Without the address density, its class (stedelijkheid) stands in.
cp "$INZICHT_DB" "$T/nodensity.db"
sqlite3 "$T/nodensity.db" "DELETE FROM observation WHERE indicator IN (SELECT id FROM indicator WHERE code = 'omgevingsadressendichtheid'); DELETE FROM indicator WHERE code = 'omgevingsadressendichtheid'"
run peers GM0363 --db "$T/nodensity.db" --k 1 --format csv
expect_rc "peers on stedelijkheid exits 0" 0
expect_out "peers falls back to stedelijkheid" "rank,region,name,distance,log_inwoners,stedelijkheid,pct_65_plus,pct_met_kinderen,pct_laag_inkomen"
expect_err "peers names the stand-in" "feature stedelijkheid: stedelijkheid (kwb-2025), period 2025JJ00; GM0363 = 1"
sqlite3 "$T/nodensity.db" "DELETE FROM indicator WHERE code = 'stedelijkheid'"
run peers GM0363 --db "$T/nodensity.db" --k 1
expect_rc "peers without urbanity exits 0" 0
expect_err "peers skips urbanity with a note" "feature log_adresdichtheid skipped: the store has no 'omgevingsadressendichtheid' nor stedelijkheid"

# ---- peers: errors -----------------------------------------------------
run peers
expect_rc "peers without a gemeente exits 2" 2
expect_err "peers asks for the gemeente" "inzicht: peers: which gemeente? (e.g. GM0363)"

run peers GM0363 GM0599
expect_rc "peers with two operands exits 2" 2
expect_err "peers names the operand" "inzicht: peers: unexpected 'GM0599'"

run peers WK0363AD
expect_rc "peers of a wijk exits 2" 2
expect_err "peers wants a gemeente" "inzicht: peers: peers are gemeenten: 'WK0363AD' is not a gemeente code (GM...)"

run peers GM9999
expect_rc "peers of an unknown gemeente exits 2" 2
expect_err "peers names the unknown gemeente" "inzicht: peers: unknown region 'GM9999'"

run peers GM0363 --k 0
expect_rc "peers with k 0 exits 2" 2
expect_err "peers limits k" "inzicht: peers: --k expects a number from 1 to 1000, not '0'"

run peers GM0363 --features inwoners,,x
expect_rc "peers with an empty feature exits 2" 2
expect_err "peers explains --features" "inzicht: peers: --features expects 1 to 16 indicator ids separated by commas, not 'inwoners,,x'"

run peers GM0363 --features nosuch
expect_rc "peers with an unknown feature exits 2" 2
expect_err "peers names the unknown feature" "inzicht: peers: unknown indicator 'nosuch' (see 'inzicht query indicators')"

run peers GM0088 --features jv_heeft_schulden_pct
expect_rc "peers for a gemeente without the feature exits 1" 1
expect_err "peers says which feature is missing" "inzicht: peers: 'GM0088' has no value for feature 'jv_heeft_schulden_pct'"

cp "$INZICHT_DB" "$T/flat.db"
sqlite3 "$T/flat.db" "UPDATE observation SET value = 5 WHERE indicator IN (SELECT id FROM indicator WHERE code = 'inwoners')"
run peers GM0363 --features inwoners --db "$T/flat.db"
expect_rc "peers on a constant feature exits 1" 1
expect_err "peers says nothing varies" "inzicht: peers: no feature varies across the 8 gemeenten"

sqlite3 "$T/flat.db" "DELETE FROM indicator WHERE code IN ('inwoners', 'inwonertal', 'omgevingsadressendichtheid', 'stedelijkheid', 'inwoners_65_plus', 'huishoudens_met_kinderen', 'personen_in_armoede_pct', 'huishoudens_laagste_40pct_inkomen_pct')"
run peers GM0363 --db "$T/flat.db"
expect_rc "peers without any default feature exits 2" 2
expect_err "peers says there are no features" "inzicht: peers: no features to compare on: the store has none of the default ids (see 'inzicht peers --help')"

run peers GM0363 --db "$T/none.db"
expect_rc "peers without a store exits 1" 1
expect_err "peers without a store names it" "no store at '$T/none.db'"

# ---- risk: gemeente ----------------------------------------------------
run risk --region GM0599 --peers 3
expect_rc "risk exits 0" 0
expect_out "risk table header" "spearhead               life_stage     household_type        indicator"
expect_out "risk table has the columns" "nl  gemeente  peer_median  peer_iqr  peer_p25  peer_p75      z  robust_z  percentile  verdict  approximate  trend_slope  trend_se  trend_p  trend_flag  risk_rank"
expect_err "risk names the peers" "peers (k nearest gemeenten, see 'inzicht peers'): GM0363, GM0153, GM0080"
expect_err "risk explains the verdict" "GM0599: 114 series; z, robust_z and percentile among all gemeenten with a value; verdict by the 95% interval against Nederland where published, else by |z| > 1 on the bad side"
# Equal scores (here to the last bit in exact arithmetic) keep the listing
# order: totaal before the life stages.
expect_err "risk ranks the at-risk series" "at risk 1: lage_veerkracht_pct Leeftijd=20300 (life stage totaal, household -): 11.4 in 2024JJ00; its 95% interval 10.8-12 lies above Nederland's 8.8"
expect_err "risk gives z as the reason without an interval" "at risk 9: personen_bijstand (life stage -, household -): 3.267e+04 in 2024JJ00; 1.46 sd above the mean of the 8 gemeenten with a value"

run risk --region GM0599 --peers GM0363,gm0014 --format csv
expect_rc "risk csv exits 0" 0
expect_out "risk csv header" "spearhead,life_stage,household_type,indicator,category,period,value,ci_low,ci_high,nl,gemeente,peer_median,peer_iqr,peer_p25,peer_p75,z,robust_z,percentile,verdict,approximate,trend_slope,trend_se,trend_p,trend_flag,risk_rank"
expect_out "risk csv: an interval and a verdict" "financiele_stabiliteit,totaal,,moeite_met_rondkomen_pct,Leeftijd=20300,2024JJ00,22.1,21.2,22.9,17.2,,"
expect_out "risk csv: a worsening trend" "leefstijl,totaal,,obesitas_pct,Leeftijd=20300,2024JJ00,17.1,16.4,17.9,15.4,,"
expect_out "risk csv: the trend is flagged" ",worse,,0.213,0.034,0.0248,worsening,"
expect_out "risk csv: approximate life stages are marked" "leefstijl,oudere,,obesitas_pct,Leeftijd=80200,2024JJ00,19.1,17.8,20.5,17.4,"
expect_err "risk names the given peers" "peers (given): GM0363, GM0014"

run risk --region GM0599 --peers GM0363 --format json
expect_rc "risk json exits 0" 0
expect_out "risk json columns" '{"columns":["spearhead","life_stage","household_type","indicator","category","period","value","ci_low","ci_high","nl","gemeente","peer_median","peer_iqr","peer_p25","peer_p75","z","robust_z","percentile","verdict","approximate","trend_slope","trend_se","trend_p","trend_flag","risk_rank"],"rows":[['
expect_out "risk json statistics" '"statistics":{"peers":1.0,"series":114.0,"at_risk":10.0}'

run risk --region GM0599 --peers 3 --period 2023JJ00 --format csv
expect_rc "risk in a given period exits 0" 0
expect_out "risk in 2023 reads the low-income figures" "financiele_stabiliteit,kind,totaal,kinderen_laag_inkomen_pct,"
expect_no_out "risk in 2023 leaves out the 2024 figures" "personen_in_armoede_pct"

# ---- risk: wijk --------------------------------------------------------
run risk --region wk059915 --format csv
expect_rc "risk of a wijk exits 0" 0
expect_out "risk of a wijk beside its gemeente" "financiele_stabiliteit,,,personen_in_armoede_pct,,2024JJ00,9.1,,,4.6,7.1,7.0,1.9,6.4,8.3,1.73,1.57,98.4,worse,,,,,,"
expect_err "a wijk's peers are the other wijken" "peers (the other wijken of the gemeente): WK059901, WK059903, WK059905"
expect_err "a wijk is compared with all wijken" "WK059915: "
expect_err "a wijk's z is among wijken" "among all wijken with a value"

# ---- risk: errors ------------------------------------------------------
run risk
expect_rc "risk without a region exits 2" 2
expect_err "risk asks for the region" "inzicht: risk: which region? (--region GM... or WK...)"

run risk --region GM0599 extra
expect_rc "risk with an operand exits 2" 2
expect_err "risk names the operand" "inzicht: risk: unexpected 'extra'"

run risk --region BU03630000
expect_rc "risk of a buurt exits 2" 2
expect_err "risk works on gemeenten and wijken" "inzicht: risk: risk works on a gemeente (GM...) or a wijk (WK...), not 'BU03630000'"

run risk --region GM9999
expect_rc "risk of an unknown region exits 2" 2
expect_err "risk names the unknown region" "inzicht: risk: unknown region 'GM9999'"

run risk --region GM0599 --peers 0
expect_rc "risk with 0 peers exits 2" 2
expect_err "risk limits the peers" "inzicht: risk: --peers expects a number from 1 to 1000, not '0'"

run risk --region GM0599 --peers GM0363,,GM0014
expect_rc "risk with an empty peer exits 2" 2
expect_err "risk explains --peers" "inzicht: risk: --peers expects a number or 1 to 64 region codes separated by commas, not 'GM0363,,GM0014'"

run risk --region WK059915 --peers 3
expect_rc "k peers of a wijk exits 2" 2
expect_err "k peers are gemeenten only" "inzicht: risk: peers by k nearest neighbours are gemeenten; give a wijk's peers as codes"

run risk --region GM0599 --peers GM0363 --period 2030JJ00
expect_rc "risk in a period without values exits 1" 1
expect_err "risk says there is nothing in that period" "inzicht: risk: no indicator has a value for 'GM0599' in period 2030JJ00"

run risk --region GM0599 --db "$T/none.db"
expect_rc "risk without a store exits 1" 1
expect_err "risk without a store names it" "no store at '$T/none.db'"
