#!/bin/sh
# The report part of `make bench` (issue 5): the bundled sample (open data
# of a handful of gemeenten) plus generated records of 100 000 households
# of Rotterdam (tools/gen_records), then `inzicht report --region GM0599`
# five times: median and fastest wall time, peak memory and file size,
# against the targets (under 2 s, under 1 MB).
# usage: tests/bench/report.sh <build-dir> <inzicht-binary>
set -u
. tests/bench/args.sh
measure=$build/tests/measure
genrec=$build/tools/gen_records
work=$build/bench/report
db=$work/report.db
households=${BENCH_REPORT_HOUSEHOLDS:-100000}
reps=5

die() {
	echo "bench: report: $*" >&2
	exit 1
}

[ -x "$genrec" ] || die "no generator '$genrec' (run 'make bench')"
mkdir -p "$work" || die "cannot create '$work'"
. "$root/tests/bench/timing.sh"

rm -f "$db" "$db-wal" "$db-shm" "$db.key" "$db.lock"
"$genrec" --households "$households" --seed 5 --gemeente GM0599 \
	--out "$work/gen" >/dev/null 2>&1 || die "gen_records failed"
"$bin" fetch --db "$db" --replay "$root/datasets/sample" \
	--catalog "$root/datasets" --quiet || die "replay of the sample failed"
for kind in households:huishoudens participation:deelname signals:signalen; do
	"$bin" import "${kind%%:*}" "$work/gen/${kind#*:}.csv" --db "$db" \
		--map-file "$work/gen/kolommen.map" --id-kind bsn --quiet ||
		die "import ${kind%%:*} failed"
done

walls=""
for i in $(seq $reps); do
	timed "$bin" report --db "$db" --region GM0599 -o "$work/rapport.html" \
		--quiet >/dev/null
	[ "$status" -eq 0 ] || die "report failed (exit $status)"
	walls="$walls $wall"
	rss_kb=$rss
done
sorted=$(echo $walls | tr ' ' '\n' | sort -n)
median=$(echo "$sorted" | sed -n "$(((reps + 1) / 2))p")
fastest=$(echo "$sorted" | head -n 1)
size=$(wc -c <"$work/rapport.html")
svgs=$(grep -c '<svg ' "$work/rapport.html")
echo "report (GM0599, sample open data + $households households of records), $reps runs:"
case $rss_kb in *[!0-9]* | '') rss_mb=n/a ;; *) rss_mb=$((rss_kb / 1024)) ;; esac
echo "  wall median ${median} s (fastest ${fastest} s), peak RSS $rss_mb MB," \
	"file $((size / 1024)) kB, $svgs charts  [targets: < 2 s, < 1 MB]"
