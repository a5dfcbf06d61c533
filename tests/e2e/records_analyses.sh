# The records analyses end to end on generated data (tools/gen_records):
# stacking (levels, pairs, combinations), uptake (and --segments) and
# signals, every grouping, in table, csv and json: the same columns and rows
# in all three, suppressed cells as '.' and null, the JSON keys, the
# disclosure note and the --min-cell 0 warning, and the complementary
# suppression of the levels table.
. "$IZ_ROOT/tests/e2e/lib/common.sh"

GEN=${IZ_GENREC:-$IZ_ROOT/build/tools/gen_records}
[ -x "$GEN" ] || make -s -C "$IZ_ROOT" build/tools/gen_records >/dev/null
"$GEN" --households 300 --seed 3 --wijken 4 --out "$T/gen" >/dev/null 2>&1
for kind in households:huishoudens participation:deelname signals:signalen; do
	run import "${kind%%:*}" "$T/gen/${kind#*:}.csv" --map-file "$T/gen/kolommen.map" --id-kind bsn
	expect_rc "import generated ${kind%%:*}" 0
done

# js <path>: a value of the last JSON output ('' for null).
js() { sqlite3 :memory: "select json_extract(readfile('$T/out.json'), '$1')"; }
# jsq <sql with J for the document>
jsq() { sqlite3 :memory: "with d(J) as (select readfile('$T/out.json')) select ($1) from d"; }

# formats <name> <command args...>: run in all three formats and compare.
formats() {
	fname=$1
	shift
	run "$@" --format json
	expect_rc "$fname json: exit 0" 0
	cp "$T/out" "$T/out.json"
	run "$@" --format csv
	expect_rc "$fname csv: exit 0" 0
	cp "$T/out" "$T/out.csv"
	run "$@" --format table
	expect_rc "$fname table: exit 0" 0
	cp "$T/out" "$T/out.txt"
	# What the JSON says, one fact a line: keys, suppression keys, columns,
	# rows, count, cells listed, listed cells not null, the cells as
	# row:column-index.
	sqlite3 :memory: "create temp table d as select readfile('$T/out.json') J;
		select group_concat(key, ',') from d, json_each(J);
		select group_concat(key, ',') from d, json_each(J, '\$.suppression');
		select group_concat(value, ',') from d, json_each(J, '\$.columns');
		select json_array_length(J, '\$.rows') from d;
		select json_extract(J, '\$.suppression.count') from d;
		select json_array_length(J, '\$.suppression.cells') from d;
		select count(*) from d, json_each(J, '\$.suppression.cells') c
			where json_type(J, '\$.rows[' || json_extract(c.value, '\$.row') || '][' ||
			(select p.key from json_each(J, '\$.columns') p
			 where p.value = json_extract(c.value, '\$.column')) || ']') != 'null';
		select ifnull(group_concat(json_extract(c.value, '\$.row') || ':' ||
			(select p.key from json_each(J, '\$.columns') p
			 where p.value = json_extract(c.value, '\$.column')), ' '), '')
			from d, json_each(J, '\$.suppression.cells') c;" >"$T/facts"
	fact() { sed -n "${1}p" "$T/facts"; }
	cols=$(fact 3)
	nrows=$(fact 4)
	count=$(fact 5)
	check "$fname: json keys" [ "$(fact 1)" = "columns,rows,statistics,suppression,notes" ]
	check "$fname: suppression keys" [ "$(fact 2)" = "rule,min_cell,cells,count" ]
	check "$fname: csv header = json columns" [ "$(head -n 1 "$T/out.csv")" = "$cols" ]
	check "$fname: table header = json columns" \
		[ "$(head -n 1 "$T/out.txt" | tr -s ' ' ',' | sed 's/,$//')" = "$cols" ]
	check "$fname: csv rows = json rows ($nrows)" [ "$(($(wc -l <"$T/out.csv") - 1))" -eq "$nrows" ]
	check "$fname: table rows = json rows" [ "$(($(wc -l <"$T/out.txt") - 2))" -eq "$nrows" ]
	check "$fname: count = cells listed ($count)" [ "$(fact 6)" -eq "$count" ]
	check "$fname: suppressed cells are null in json" [ "$(fact 7)" -eq 0 ]
	# Every listed cell is '.' in csv, and no other; every published count
	# is 0 or at least 10.
	check "$fname: suppressed cells are '.' in csv, published counts 0 or >= 10" \
		awk -F, -v cells="$(fact 8)" '
		BEGIN { n = split(cells, c, " "); for (i = 1; i <= n; i++) want[c[i]] = 1 }
		NR == 1 { for (j = 1; j <= NF; j++)
			if ($j ~ /^(households|eligible|participants|outside_eligible|any_scheme|schuldhulp|repeat_signal|not_reached)$/) cnt[j] = 1 }
		NR > 1 { for (j = 1; j <= NF; j++) {
			k = (NR - 2) ":" (j - 1)
			if (($j == ".") != (k in want)) { print "cell " k; bad = 1 }
			if ((j in cnt) && $j != "." && $j + 0 > 0 && $j + 0 < 10) { print "small " k; bad = 1 } } }
		END { exit bad }' "$T/out.csv"
	check "$fname: '.' in the table as often as in csv" \
		[ "$(sed 1,2d "$T/out.txt" | tr -s ' ' '\n' | grep -cx '\.')" -eq "$count" ]
	expect_err "$fname: the disclosure note" "disclosure control: counts of 1 to 9 households suppressed"
}

# Every view and command in every format; every grouping of each.
formats "levels --by life_stage" stacking --view levels --by life_stage
formats "levels --by household_type --include-zero" stacking --view levels --by household_type --include-zero
formats "levels --by wijk" stacking --view levels --by wijk
formats "stacking default (levels, no --by)" stacking
formats "pairs" stacking --view pairs
formats "combinations --by life_stage" stacking --view combinations --by life_stage
formats "combinations --mode distinct --by wijk" stacking --view combinations --mode distinct --by wijk
formats "combinations --mode inclusive --by household_type" stacking --view combinations --mode inclusive --by household_type
formats "combinations --mode inclusive" stacking --view combinations --mode inclusive
formats "uptake" uptake
formats "uptake --by life_stage" uptake --by life_stage
formats "uptake --by household_type --threshold 110" uptake --by household_type --threshold 110
formats "uptake --by wijk" uptake --by wijk
formats "uptake --segments" uptake --segments
formats "signals (by partner)" signals
formats "signals --by life_stage" signals --by life_stage
formats "signals --by household_type" signals --by household_type
formats "signals --by wijk" signals --by wijk
formats "signals --by none" signals --by none

# ---- levels: shape, statistics, complementary suppression -----------------

run stacking --view levels --by life_stage --format json
cp "$T/out" "$T/out.json"
check "levels json: statistics" [ "$(jsq "select group_concat(key, ',') from json_each(J, '\$.statistics')")" = \
	"n,chi2,df,p_value,cramers_v,cramers_v_corrected,p_method" ]
check "levels json: df = (3 - 1) x (4 - 1)" [ "$(js '$.statistics.df')" = 6.0 ]
check "levels json: rule and min_cell" [ "$(js '$.suppression.min_cell')" = 10 ]
check "levels json: groups" [ "$(jsq "select group_concat(g, ',') from (select distinct json_extract(value, '\$[0]') g from json_each(J, '\$.rows'))")" = \
	"kind,jongvolwassen,volwassen,oudere,all" ]
check "levels json: levels per group" [ "$(jsq "select group_concat(json_extract(value, '\$[1]'), ',') from json_each(J, '\$.rows') where json_extract(value, '\$[0]') = 'oudere'")" = \
	"0,1,2,3,4+,totaal" ]

# No row (group) and no column (level) of the levels table holds exactly one
# '.' among its level cells and total: else the total gives it away.
one_dot() { # <csv file>: exit 1 when a group or a level has exactly one '.'
	awk -F, 'NR > 1 { cell[$1, $2] = $3; g[$1] = 1; l[$2] = 1 }
		END {
			for (a in g) { n = 0; for (b in l) n += cell[a, b] == "."
				if (n == 1) { print "group " a; bad = 1 } }
			for (b in l) { n = 0; for (a in g) n += cell[a, b] == "."
				if (n == 1) { print "level " b; bad = 1 } }
			exit bad }' "$1"
}
for by in life_stage household_type wijk; do
	run stacking --view levels --by $by --format csv
	cp "$T/out" "$T/levels.csv"
	check "levels --by $by: no group or level with a single '.'" one_dot "$T/levels.csv"
	check "levels --by $by: schemes values" [ "$(cut -d, -f2 "$T/levels.csv" | sed 1d | sort -u | paste -sd' ')" = "0 1 2 3 4+ totaal" ]
done
check "levels --by wijk: groups are wijk codes" [ "$(cut -d, -f1 "$T/levels.csv" | sed 1d | sort -u | grep -cvE '^(WK0599[0-9]{2}|all)$')" -eq 0 ]

run stacking --view levels --by household_type --format csv
check "levels --by household_type: groups" [ "$(cut -d, -f1 "$T/out" | sed 1d | uniq | paste -sd,)" = \
	"eenpersoons,paar_zonder_kinderen,paar_met_kinderen,eenouder,overig,all" ]
run stacking --view levels --format csv
check "levels without --by: one group 'all'" [ "$(cut -d, -f1 "$T/out" | sed 1d | sort -u)" = all ]
expect_err "levels without --by: no test" "no chi-square test: fewer than two groups or levels with households"

# ---- uptake, combinations, signals -----------------------------------------

run uptake --by wijk --format csv
check "uptake has the row of 'any' scheme" [ "$(grep -c '^any,all,' "$T/out")" -eq 1 ]
for s in bijzondere_bijstand inkomenstoeslag kwijtschelding gemeentepolis schuldhulp meedoen kindpakket energietoeslag; do
	check "uptake has $s" grep -q "^$s,all," "$T/out"
done
run uptake --format json
cp "$T/out" "$T/out.json"
check "uptake json: 'any' row" [ "$(jsq "select count(*) from json_each(J, '\$.rows') where json_extract(value, '\$[0]') = 'any'")" = 1 ]
run uptake --by life_stage --format json
cp "$T/out" "$T/out.json"
check "uptake json: chi-square per scheme" [ "$(js '$.statistics."df.gemeentepolis"')" != "" ]
check "uptake json: ci_method wilson or clopper_pearson" [ "$(jsq "select count(*) from json_each(J, '\$.rows')
	where json_extract(value, '\$[7]') not in ('wilson', 'clopper-pearson')")" = 0 ]
run uptake --threshold 110 --format csv
expect_err "uptake --threshold: the note" "eligibility: income up to 110% of the social minimum for every scheme (--threshold)"
run uptake --segments --format csv
check "segments header" [ "$(head -n 1 "$T/out")" = "wijk,life_stage,household_type,eligible,not_reached,pct_not_reached" ]

run stacking --view combinations --format csv
check "combinations: degrees match the names" awk -F, 'NR > 1 && split($2, s, "+") != $3 { bad = 1 } END { exit bad }' "$T/out"
run stacking --view combinations --mode inclusive --format csv
expect_err "inclusive: the note" "inclusive counts overlap"

run signals --by partner --format csv
check "signals by partner: groups" [ "$(cut -d, -f1 "$T/out" | sed 1d | paste -sd,)" = "energie,huur,water,zorgverzekeraar,other,all" ]
run signals --by none --format csv
check "signals by none: one row" [ "$(sed 1d "$T/out" | cut -d, -f1)" = all ]

# ---- --min-cell 0: everything shown, with a warning ------------------------

W="warning: disclosure control is disabled (--min-cell 0); small counts are shown and may identify households: do not publish this output"
for cmd in "stacking --view levels --by life_stage" "stacking --view pairs" \
	"stacking --view combinations" "uptake --by wijk" "uptake --segments" "signals"; do
	# shellcheck disable=SC2086
	run $cmd --min-cell 0 --format csv
	expect_rc "$cmd --min-cell 0: exit 0" 0
	expect_err "$cmd --min-cell 0: warning" "$W"
	check "$cmd --min-cell 0: no '.'" [ "$(sed 1d "$T/out" | tr ',' '\n' | grep -cx '\.')" -eq 0 ]
done
run signals --by life_stage --min-cell 0 --format table
expect_err "--min-cell 0 table: warning" "$W"
run signals --by life_stage --min-cell 0 --format json
cp "$T/out" "$T/out.json"
check "--min-cell 0 json: the warning in the notes" \
	[ "$(jsq "select count(*) from json_each(J, '\$.notes') where value = '$W'")" = 1 ]
check "--min-cell 0 json: min_cell 0, nothing suppressed" \
	[ "$(js '$.suppression.min_cell')/$(js '$.suppression.count')" = "0/0" ]
check "--min-cell 0 json: the rule says disabled" \
	[ "$(js '$.suppression.rule')" = "none: disclosure control disabled (--min-cell below 2)" ]
# --min-cell 1 suppresses nothing either (counts of 1 to 0): the same
# warning, never a rule that reads "counts of 1 to 0".
run stacking --view levels --by life_stage --min-cell 1 --format csv
expect_rc "--min-cell 1: exit 0" 0
expect_err "--min-cell 1: warning" "warning: disclosure control is disabled (--min-cell 1)"
expect_no_out "--min-cell 1: no rule 'counts of 1 to 0'" "counts of 1 to 0"
run stacking --view levels --by life_stage --format csv
expect_no_out "the default shows no warning" "warning: disclosure control is disabled"

# ---- option errors -----------------------------------------------------------

run stacking --view stapels
expect_rc "unknown --view exits 2" 2
expect_err "unknown --view is named" "--view expects levels, pairs or combinations"
run stacking --by partner
expect_rc "stacking --by partner exits 2" 2
expect_err "stacking --by partner is explained" "--by partner is for 'inzicht signals'"
run uptake --by partner
expect_rc "uptake --by partner exits 2" 2
run stacking --by buurt
expect_rc "unknown --by exits 2" 2
expect_err "unknown --by is named" "unknown --by 'buurt'"
run stacking --mode alle
expect_rc "bad --mode exits 2" 2
run uptake --threshold 0
expect_rc "bad --threshold exits 2" 2
run signals --min-cell -1
expect_rc "negative --min-cell exits 2" 2
run signals --min-cell 2.5
expect_rc "fractional --min-cell exits 2" 2
run stacking --period 2024
expect_rc "a period without households exits 1" 1
expect_err "a period without households is named" "no households in period 2024"
run stacking --db "$T/none.db"
expect_rc "no store exits 1" 1
run import households "$T/gen/huishoudens.csv" --map-file "$T/gen/kolommen.map" \
	--id-kind bsn --db "$T/hh-only.db" --schemes "$IZ_ROOT/datasets/schemes.json"
run uptake --db "$T/hh-only.db" --min-cell 0 --format csv
expect_rc "households only: the schemes of the import are known" 0
