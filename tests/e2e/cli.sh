# The command line itself: help, usage errors and exit statuses, query and
# export on a store loaded from the bundled sample, and `make demo`'s script.
. "$IZ_ROOT/tests/e2e/lib/common.sh"

run --version
expect_rc "--version exits 0" 0
expect_out "--version prints the version" "inzicht 0."

run
expect_rc "no command is a usage error" 2
expect_err "no command shows the commands" "commands:"

run help
expect_rc "help exits 0" 0
for c in datasets export fetch query status; do
	expect_out "help lists $c" "  $c "
done

run nosuch
expect_rc "unknown command exits 2" 2
expect_err "unknown command is named" "unknown command 'nosuch'"

for c in datasets export fetch query status; do
	run "$c" --help
	expect_rc "$c --help exits 0" 0
	expect_out "$c --help shows usage" "usage: inzicht $c"
	run help "$c"
	expect_out "help $c shows the same usage" "usage: inzicht $c"
done

run status --bogus
expect_rc "unknown option exits 2" 2
expect_err "unknown option is named" "unknown or incomplete option '--bogus'"
expect_err "usage error hints at --help" "try 'inzicht status --help'"

run datasets --format xml
expect_rc "unknown format exits 2" 2
expect_err "unknown format is named" "unknown format 'xml' (expected table, csv or json)"

run status --max-age soon
expect_rc "bad --max-age exits 2" 2

run export observations
expect_rc "export without a store fails" 1
expect_err "missing store is named" "no store at '$INZICHT_DB'"

run export things
expect_rc "unknown export exits 2" 2

mkdir -p "$T/badcat"
echo '{"id": "x", "source": "cbs-v3", "table": "1", "colour": "red"}' >"$T/badcat/x.json"
run datasets --catalog "$T/badcat"
expect_rc "bad catalog fails" 1
expect_err "bad catalog names file and key" "$T/badcat/x.json: key 'colour': unknown key"

# A store from the bundled sample (the default catalog, offline).
run fetch --replay "$IZ_ROOT/datasets/sample" --catalog "$IZ_ROOT/datasets"
expect_rc "sample replays into a store" 0

run datasets --catalog "$IZ_ROOT/datasets" --format json
expect_out "datasets json" '"columns":["id","source","table","title","measures","fetched_at","modified","rows","last_result"]'

run query --list
expect_rc "query --list exits 0" 0
for q in profile rank_gemeenten rank_wijken indicators; do
	expect_out "query --list shows $q" "$q"
done

run query profile --param region=GM0363 --format csv
expect_rc "profile exits 0" 0
expect_out "profile has a health row with NL value" "gezondheid,"
expect_out "profile header" "spearhead,indicator,title,category,life_stage,period,value,status,ci_low,ci_high,nl_value,unit,table"

run query profile
expect_rc "missing parameter exits 2" 2
expect_err "missing parameter is named" "missing parameter 'region' (give --param region=<value>)"

run query profile --param "region=GM0363' OR '1'='1" --format csv
expect_rc "a hostile parameter is only a value" 0
check "a hostile parameter matches nothing" [ "$(wc -l <"$T/out")" -eq 1 ]

run query 'Profile;drop'
expect_rc "a query name is letters, digits, - and _ only" 2
run query nosuch
expect_rc "an unknown query fails" 1
expect_err "an unknown query names the file" "nosuch.sql"

printf 'SELECT 1 AS one;\nDELETE FROM region;\n' >"$T/two.sql"
run query "$T/two.sql"
expect_rc "two statements are refused" 1
expect_err "two statements are named" "more than one SQL statement"

printf 'DELETE FROM region;\n' >"$T/del.sql"
run query "$T/del.sql"
expect_rc "query cannot write" 1
check "the store is untouched by a writing query" \
	[ "$(sqlite3 "$INZICHT_DB" 'select count(*) from region')" -gt 0 ]

printf -- '-- mine: my own\nSELECT :x AS x;\n' >"$T/mine.sql"
run query "$T/mine.sql" --param x=42 --format json
expect_out "a query file with a parameter" '"rows":[["42"]]'

run export observations --region GM0363 --indicator moeite_met_rondkomen_pct --format csv
expect_out "RIVM values keep their 95% bounds" "rivm-gezondheid-wijk-2024,50150NED,MoeiteMetRondkomen_32,moeite_met_rondkomen_pct,GM0363,Amsterdam,"
check "bounds are filled" grep -qE ',Leeftijd=20300,[0-9.]+,[0-9.]+$' "$T/out"

# make demo's script, into a temp build dir.
(cd "$IZ_ROOT" && sh tools/demo.sh "$IZ_BIN" "$T/build") >"$T/out" 2>"$T/err"
RC=$?
expect_rc "the demo runs" 0
expect_out "the demo lists datasets" "kwb-2025"
expect_out "the demo shows a profile" "financiele_stabiliteit"
expect_out "the demo shows next steps" "Next commands to try"
expect_out "the demo ends with the report's path" "The report for Rotterdam: $T/build/demo/rapport-GM0599.html"
check "the demo wrote the report" test -s "$T/build/demo/rapport-GM0599.html"
check "and its manifest" test -s "$T/build/demo/rapport-GM0599.manifest.json"
