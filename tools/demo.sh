#!/bin/sh
# make demo: build (done by make), then run the main job end to end on the
# bundled sample: replay the recorded CBS responses into a fresh store under
# build/demo, list the datasets, show one gemeente's profile.
set -eu
bin=$1
build=$2
demo=$build/demo
db=$demo/inzicht.db
rm -rf "$demo"
mkdir -p "$demo"
say() { printf '\n== %s\n' "$*"; }

say "inzicht fetch --replay datasets/sample   (recorded CBS responses, offline)"
"$bin" fetch --db "$db" --replay datasets/sample

say "inzicht datasets"
"$bin" datasets --db "$db"

say "inzicht query profile --param region=GM0363   (Amsterdam, financial stability and health)"
"$bin" query profile --db "$db" --param region=GM0363 --format csv |
	grep -E '^(spearhead|financiele_stabiliteit|gezondheid|sociale_inclusie|leefstijl),' |
	cut -d, -f1,2,5,6,7,11,12 | column -s, -t 2>/dev/null ||
	"$bin" query profile --db "$db" --param region=GM0363

say "inzicht risk --region GM0599   (Rotterdam against NL and comparable gemeenten: the at-risk list; the full profile is the table on stdout)"
"$bin" risk --db "$db" --region GM0599 >/dev/null

say "inzicht correlate personen_in_armoede_pct ervaren_gezondheid_goed_pct --highlight GM0599   (poverty x health across gemeenten)"
"$bin" correlate personen_in_armoede_pct ervaren_gezondheid_goed_pct \
	--db "$db" --highlight GM0599

say "inzicht status"
"$bin" status --db "$db" || true

rec=datasets/sample/records
say "inzicht import households|participation|signals   (synthetic Rotterdam records; BSNs pseudonymised)"
for kind in households:huishoudens participation:deelname signals:signalen; do
	"$bin" import "${kind%%:*}" "$rec/${kind#*:}.csv" --db "$db" \
		--map-file "$rec/kolommen.map" --id-kind bsn
done

say "inzicht stacking --by life_stage   (stapeling: households by number of schemes)"
"$bin" stacking --db "$db" --by life_stage

say "inzicht uptake   (eligible households and their use of each scheme)"
"$bin" uptake --db "$db"

say "inzicht report --region GM0599   (the Dutch HTML report for the policy conversation, with its manifest)"
"$bin" report --db "$db" --region GM0599 -o "$demo/rapport-GM0599.html"

cat <<EOF2

The demo store is $db. Next commands to try:
  export INZICHT_DB=$db
  $bin query --list
  $bin query rank_gemeenten --param indicator=personen_in_armoede_pct
  $bin query rank_wijken --param gemeente=GM0599 --param indicator=moeite_met_rondkomen_pct
  $bin wijken --within GM0599 --indicator personen_in_armoede_pct --indicator ervaren_gezondheid_goed_pct
  $bin correlate inkomen_per_inwoner ervaren_gezondheid_goed_pct --level wijk --format json
  $bin export observations --region GM0014 --format csv
  $bin stacking --view combinations --format json
  $bin risk --region GM0599 --format csv
  $bin report --region GM0363 --lang en -o report-GM0363.html
  $bin peers GM0363
  $bin uptake --segments
  $bin signals --by life_stage
  $bin fetch --help        (live CBS: run 'inzicht fetch' on a machine with internet)

The report for Rotterdam: $demo/rapport-GM0599.html (open it in a browser
or print it on A4); where each figure comes from: $demo/rapport-GM0599.manifest.json
EOF2
