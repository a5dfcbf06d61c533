# uptake with the open-data denominator: records without incomes (the
# bundled Rotterdam sample imported without its income column), the
# gemeente's share of households up to 110% / 120% of the social minimum
# added to the store by hand, and the eligible counts, participants and
# uptake checked against values computed independently with sqlite3.
. "$IZ_ROOT/tests/e2e/lib/common.sh"

run fetch --replay "$IZ_ROOT/datasets/sample" --catalog "$IZ_ROOT/datasets"
expect_rc "sample replays into a store" 0
rec=$IZ_ROOT/datasets/sample/records
grep -v income_pct_sm "$rec/kolommen.map" >"$T/noincome.map"
for kind in households:huishoudens participation:deelname signals:signalen; do
	run import "${kind%%:*}" "$rec/${kind#*:}.csv" --map-file "$T/noincome.map" --id-kind bsn
	expect_rc "import ${kind%%:*} without incomes" 0
done

# ---- without the open-data shares --------------------------------------
run uptake --format csv
expect_rc "uptake without incomes and without shares exits 0" 0
expect_err "auto says it found no open-data denominator" "1500 of 1500 households have no income: the records' eligible households leave them out; no open-data denominator: "
expect_err "and names the missing indicator" "unknown indicator 'huishoudens_tot_1"
run uptake --denominator open-data
expect_rc "an explicit open-data denominator without the figures exits 2" 2
expect_err "it names the indicator" "unknown indicator 'huishoudens_tot_1"
run uptake --denominator open-data --by life_stage
expect_rc "open data with --by exits 2" 2
expect_err "open data has no groups" "the open-data denominator is per gemeente: no --by and no --segments"
run uptake --denominator sometimes
expect_rc "an unknown denominator exits 2" 2
expect_err "the denominators are named" "--denominator expects auto, records or open-data, not 'sometimes'"

# ---- with them ----------------------------------------------------------
sqlite3 "$INZICHT_DB" "
INSERT INTO indicator(dataset, code, measure, title, unit, decimals, spearhead, polarity)
 VALUES ('kwb-2024', 'huishoudens_tot_110_sm_pct', 'HuishoudensTot110VanSociaalMinimum_80', 'Huishoudens tot 110% van sociaal minimum', '%', 1, 'financiele_stabiliteit', 'lower_is_better'),
        ('kwb-2024', 'huishoudens_tot_120_sm_pct', 'HuishoudensTot120VanSociaalMinimum_81', 'Huishoudens tot 120% van sociaal minimum', '%', 1, 'financiele_stabiliteit', 'lower_is_better');
INSERT INTO observation(region, indicator, period, value)
 SELECT 'GM0599', id, '2024JJ00', CASE code WHEN 'huishoudens_tot_110_sm_pct' THEN 8.0 ELSE 10.0 END
 FROM indicator WHERE code LIKE 'huishoudens_tot_1_0_sm_pct';"
# independently: the households of the gemeente (latest), and the users of
# each scheme in 2025 (dates are days since 1970-01-01 since schema 4)
hh=$(sqlite3 "$INZICHT_DB" "SELECT CAST(value AS INTEGER) FROM observation o JOIN indicator i ON i.id = o.indicator WHERE i.code = 'huishoudens' AND i.dims = '' AND o.region = 'GM0599' ORDER BY o.period DESC LIMIT 1")
users() {
	sqlite3 "$INZICHT_DB" "SELECT count(DISTINCT p.household) FROM participation p JOIN household h ON h.id = p.household AND h.period = 2025 WHERE ($1) AND p.start_day <= CAST(julianday('2025-12-31') - 2440587.5 AS INTEGER) AND (p.end_day IS NULL OR p.end_day >= CAST(julianday('2025-01-01') - 2440587.5 AS INTEGER))"
}
bb=$(users "p.scheme = 'bijzondere_bijstand'")
kw=$(users "p.scheme = 'kwijtschelding'")
any=$(users "1")
# rounded half away from zero, as C's round()
e120=$(awk -v h="$hh" 'BEGIN { printf "%d", int(h * 0.10 + 0.5) }')
e110=$(awk -v h="$hh" 'BEGIN { printf "%d", int(h * 0.08 + 0.5) }')
pct() { awk -v x="$1" -v n="$2" 'BEGIN { printf "%.1f", 100 * x / n }'; }

run uptake --format csv
expect_rc "uptake with the shares exits 0" 0
expect_out "the header has a denominator column" "scheme,group,eligible,participants,uptake_pct,ci_low,ci_high,ci_method,denominator"
expect_out "bijzondere bijstand (120%): 10% of $hh households" "bijzondere_bijstand,all,$e120,$bb,$(pct "$bb" "$e120"),"
expect_out "kwijtschelding (100%): the 110% share, 8% of $hh" "kwijtschelding,all,$e110,$kw,$(pct "$kw" "$e110"),"
expect_out "the denominator says where it comes from" ',"open data: huishoudens_tot_120_sm_pct (kwb-2024, 2024JJ00) x huishoudens (kwb-2025, 2025JJ00)"'
expect_out "the 110% share for kwijtschelding" '"open data: huishoudens_tot_110_sm_pct (kwb-2024, 2024JJ00) x huishoudens'
expect_out "a scheme over 120% has no estimate" "gemeentepolis,all,,"
expect_out "a target-group scheme has no estimate" "kindpakket,all,,"
check "no uptake without an estimate" sh -c "grep '^gemeentepolis,' '$T/out' | grep -q ',none\$'"
expect_out "any: the largest estimate" "any,all,$e120,$any,$(pct "$any" "$e120"),"
expect_err "the note explains the estimate" "denominator: open data (--denominator): for a scheme open to all households with an income test"
expect_err "the note names the gemeente" "gemeente of the records: GM0599"

run uptake --format json
expect_out "json statistics name the denominator" '"denominator":"open data"'
run uptake --eligible-indicator personen_in_armoede_pct --format csv
expect_rc "--eligible-indicator exits 0" 0
expect_out "--eligible-indicator is used for every income test" "gemeentepolis,all,"
expect_out "and named" "open data: personen_in_armoede_pct (kwb-2024, 2024JJ00) x huishoudens"
run uptake --by life_stage --format csv
expect_rc "auto with --by exits 0" 0
expect_err "auto with --by keeps the records and says so" "no open-data denominator with --by"
run uptake --denominator records --format csv
expect_out "--denominator records: the records' table" "scheme,group,eligible,participants,uptake_pct,ci_low,ci_high,ci_method,outside_eligible"

run report --region GM0599 -o "$T/od.html"
expect_rc "the report on records without incomes exits 0" 0
check "the report says its uptake rests on the open-data estimate" grep -q 'geschat uit open data' "$T/od.html"
check "and shows the estimate in its table" grep -q "<td class=\"num\">$(echo "$e120" | sed 's/\(.*\)\(...\)$/\1.\2/')</td>" "$T/od.html"

# ---- records with incomes: auto keeps the records ---------------------------
mkdir -p "$T/with"
export INZICHT_DB=$T/with/store.db
run fetch --replay "$IZ_ROOT/datasets/sample" --catalog "$IZ_ROOT/datasets"
for kind in households:huishoudens participation:deelname; do
	run import "${kind%%:*}" "$rec/${kind#*:}.csv" --map-file "$rec/kolommen.map" --id-kind bsn
done
run uptake --format csv
expect_rc "uptake with incomes exits 0" 0
expect_out "auto with incomes: the records' denominator" "scheme,group,eligible,participants,uptake_pct,ci_low,ci_high,ci_method,outside_eligible"
expect_no_out "no open-data note with incomes" "open-data denominator"
