#!/bin/sh
# The records part of `make bench`: a synthetic municipal export of
# 1 000 000 households (tools/gen_records, seed 1) is imported into a fresh
# store -- households, participation, signals, each with BSN checks and
# keyed pseudonymisation -- and the analyses run on it.
# Reports rows per second, peak resident memory, store size and the wall
# time of each analysis against the targets: import >= 500 000 rows/s,
# stacking and uptake < 1 s each, peak memory < 1 GB.
# usage: tests/bench/records.sh <build-dir> <inzicht-binary>
# BENCH_NATIONAL=1 also runs the same at national scale, 8 000 000
# households: over 3 minutes on two cores (generating 12 s, import 130 s,
# analyses 55 s) and 3 GB of disk, so not by default.
# BENCH_PROFILE=1 also profiles a 100 000-household import under callgrind.
set -u
. tests/bench/args.sh
gen=$build/tools/gen_records
measure=$build/tests/measure
work=$build/bench
db=$work/records.db
seed=1

die() {
	echo "bench: records: $*" >&2
	exit 1
}

[ -x "$bin" ] || die "no binary '$bin' (run 'make bench')"
[ -x "$gen" ] || die "no generator '$gen' (run 'make bench')"
command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 (the shell) is missing"
mkdir -p "$work" || die "cannot create '$work'"

# export_of <households> <name>: sets data to the export's directory,
# generated unless the same generator already wrote one with the same
# parameters there.
export_of() {
	data=$work/records-$2
	want="households=$1 seed=$seed"
	if [ -f "$data/params" ] && [ "$(cat "$data/params")" = "$want" ] &&
		[ -z "$(find "$gen" -newer "$data/params")" ]; then
		return 0
	fi
	rm -rf "$data"
	"$gen" --households "$1" --seed $seed --out "$data" 2>"$work/gen.log" ||
		die "gen_records failed for $1 households (see $work/gen.log)"
	echo "$want" >"$data/params"
}

. "$root/tests/bench/timing.sh"

fresh_db() {
	rm -f "$db" "$db-wal" "$db-shm" "$db.lock" "$db.key"
}

# peak <kib>: keeps the largest resident size seen in peak_rss.
peak() {
	case $1 in
	n/a) ;;
	*) [ "$1" -gt "$peak_rss" ] && peak_rss=$1 ;;
	esac
}

count() {
	sqlite3 "$db" "select count(*) from $1" ||
		die "cannot count rows of '$1' in '$db'"
}

# import_one <kind> <file> <table>: sets rows, wall and cpu.
import_one() {
	timed "$bin" import "$1" "$data/$2.csv" --db "$db" \
		--map-file "$data/kolommen.map" --id-kind bsn --quiet ||
		die "import $1 failed (exit $status) on '$data/$2.csv'"
	peak "$rss"
	rows=$(count "$3") || exit 1
}

# analysis <arg>...: one analysis on the store; sets wall.
analysis() {
	timed "$bin" "$@" --db "$db" --quiet >/dev/null ||
		die "'inzicht $*' failed (exit $status)"
	peak "$rss"
}

mb() {
	awk -v k="$1" 'BEGIN { if (k == "n/a") print "n/a";
		else printf "%.0f MB", k / 1024 }'
}

# run <households> <name>: the whole bench on one export; sets the
# figures report prints.
run() {
	export_of "$1" "$2"
	fresh_db
	peak_rss=0
	import_one households huishoudens household
	hh_rows=$rows hh_wall=$wall hh_cpu=$cpu
	import_one participation deelname participation
	part_rows=$rows part_wall=$wall part_cpu=$cpu
	import_one signals signalen signal
	sig_rows=$rows sig_wall=$wall sig_cpu=$cpu
	import_rss=$peak_rss
	store=$(bytes "$db" "$db-wal")
	peak_rss=0
	analysis stacking --by life_stage
	stacking_wall=$wall
	analysis uptake
	uptake_wall=$wall
	analysis uptake --segments
	segments_wall=$wall
	analysis signals
	signals_wall=$wall
	analysis_rss=$peak_rss
	peak "$import_rss"
	peak_all=$peak_rss
	if [ "$timer" = seconds ]; then
		import_rss=n/a analysis_rss=n/a peak_all=n/a
	fi
}

# verdict <value> <op> <target>: "ok" or "MISSED".
verdict() {
	awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN {
		if (v == "n/a") { print "n/a"; exit }
		ok = op == ">=" ? v + 0 >= t + 0 : v + 0 < t + 0
		print ok ? "ok" : "MISSED" }'
}

report() {
	rows=$((hh_rows + part_rows + sig_rows))
	wall=$(awk -v a="$hh_wall" -v b="$part_wall" -v c="$sig_wall" \
		'BEGIN { print a + b + c }')
	rate=$(awk -v r="$rows" -v w="$wall" 'BEGIN {
		printf "%.0f", r / (w > 0 ? w : 1) }')
	awk -v hh="$1" -v rows="$rows" -v w="$wall" -v rate="$rate" \
		-v ok="$(verdict "$rate" ">=" 500000)" \
		-v hr="$hh_rows" -v hw="$hh_wall" -v pr="$part_rows" \
		-v pw="$part_wall" -v sr="$sig_rows" -v sw="$sig_wall" \
		-v cpu="$hh_cpu $part_cpu $sig_cpu" \
		-v irss="$(mb "$import_rss")" -v store="$store" '
	function per_s(n, w) { return w > 0 ? sprintf("%.0f", n / w) : "n/a" }
	BEGIN {
	printf "records import (synthetic export, %d households, seed 1, " \
		"BSN checks + pseudonyms): %d rows\n", hh, rows
	printf "  households    %9d rows, wall %6.2f s, %7s rows/s\n",
		hr, hw, per_s(hr, hw)
	printf "  participation %9d rows, wall %6.2f s, %7s rows/s\n",
		pr, pw, per_s(pr, pw)
	printf "  signals       %9d rows, wall %6.2f s, %7s rows/s\n",
		sr, sw, per_s(sr, sw)
	split(cpu, c, " ")
	printf "  all: wall %.2f s, %d rows/s (target >= 500000: %s)",
		w, rate, ok
	if (c[1] != "n/a")
		printf ", cpu %.2f s", c[1] + c[2] + c[3]
	printf "\n  peak RSS %s, store %.0f MB\n", irss, store / 1048576
}'
	awk -v s="$stacking_wall" -v u="$uptake_wall" -v g="$segments_wall" \
		-v x="$signals_wall" -v sok="$(verdict "$stacking_wall" "<" 1)" \
		-v uok="$(verdict "$uptake_wall" "<" 1)" \
		-v gok="$(verdict "$segments_wall" "<" 1)" \
		-v xok="$(verdict "$signals_wall" "<" 1)" \
		-v arss="$(mb "$analysis_rss")" \
		-v mok="$(verdict "$peak_all" "<" 1048576)" 'BEGIN {
	printf "records analyses (target < 1 s each): stacking --by " \
		"life_stage %.2f s (%s), uptake %.2f s (%s),\n", s, sok, u, uok
	printf "  uptake --segments %.2f s (%s), signals %.2f s (%s); " \
		"peak RSS %s (memory target < 1 GB: %s)\n", g, gok, x, xok,
		arss, mok
}'
}

# Callgrind over a 100 000-household import (households and
# participation): self cost, then inclusive cost of inzicht's functions.
profile() {
	command -v valgrind >/dev/null 2>&1 || die "valgrind is missing"
	export_of 100000 100k
	fresh_db
	for kind in households:huishoudens participation:deelname; do
		cg=$work/callgrind.records.${kind%%:*}.out
		valgrind --tool=callgrind --callgrind-out-file="$cg" "$bin" \
			import "${kind%%:*}" "$data/${kind#*:}.csv" --db "$db" \
			--map-file "$data/kolommen.map" --id-kind bsn --quiet \
			2>"$work/callgrind.log" ||
			die "callgrind run failed (see $work/callgrind.log)"
		echo "callgrind, import ${kind%%:*} (100000 households)," \
			"self cost:"
		callgrind_annotate "$cg" 2>/dev/null | grep '%)' |
			sed -n '2,16p'
		echo "inclusive cost of inzicht functions:"
		callgrind_annotate --inclusive=yes "$cg" 2>/dev/null |
			grep '%).*]$' | grep -E 'src/|sqlite3_step|crypto_' |
			head -n 15
	done
}

run 1000000 1m
report 1000000
if [ "${BENCH_NATIONAL:-0}" = 1 ]; then
	run 8000000 8m
	report 8000000
fi
[ "${BENCH_PROFILE:-0}" = 1 ] && profile
fresh_db
exit 0
