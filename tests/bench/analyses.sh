#!/bin/sh
# The analyses part of `make bench` (issue 4): two stores replayed from
# synthetic CBS v3 recordings (tests/bench/gen_recording), then the wall
# time of the open-data analyses on them against the targets:
#  - gemeente store: NL + 342 gemeenten x 200 indicators x 5 periods
#    (343 000 observations); `risk --region GM0504` (default peers) under
#    0.2 s, and `peers GM0504` (default features) beside it;
#  - buurt store: 14 000 buurten (with 350 gemeenten and 3 500 wijken)
#    x 4 indicators x 1 period; `correlate m1 m2 --level buurt` under 0.1 s.
# Each analysis runs $reps times; the median wall time is reported (and the
# fastest). Stores are reused while the recording, catalog and binary are
# unchanged.
# usage: tests/bench/analyses.sh <build-dir> <inzicht-binary>
# BENCH_PROFILE=1 also profiles risk and correlate under callgrind (about
# a minute).
set -u
. tests/bench/args.sh
gen=$build/tests/gen_recording
measure=$build/tests/measure
work=$build/bench
reps=7
gemeente=GM0504

die() {
	echo "bench: analyses: $*" >&2
	exit 1
}

[ -x "$bin" ] || die "no binary '$bin' (run 'make bench')"
[ -x "$gen" ] || die "no generator '$gen' (run 'make bench')"
command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 (the shell) is missing"
mkdir -p "$work" || die "cannot create '$work'"

# The gemeente catalog: Meting<i>_<i> is indicator m<i>, spread over the
# four spearheads, polarity lower_is_better, so that risk gives verdicts.
# (Called through store's argument, hence the SC2317 notes.)
# The first six carry the ids of the default peers features instead
# (src/peers.c: inhabitants, the two parts of each ratio, low income and
# the address density), so `risk` and `peers` choose peers as they do on
# real data.
# shellcheck disable=SC2317
gemeente_catalog() {
	awk -v n="$1" 'BEGIN {
	split("inwoners inwoners_65_plus huishoudens " \
		"huishoudens_met_kinderen personen_in_armoede_pct " \
		"omgevingsadressendichtheid", id, " ")
	split("financiele_stabiliteit sociale_inclusie leefstijl " \
		"gezondheid", sp, " ")
	printf "{\"id\": \"bench_gemeenten\", \"source\": \"cbs-v3\", "
	printf "\"table\": \"BENCH01\", \"measures\": {\n"
	for (i = 1; i <= n; i++)
		printf "  \"Meting%d_%d\": {\"indicator\": \"%s\", " \
			"\"spearhead\": \"%s\", \"polarity\": " \
			"\"lower_is_better\"}%s\n", i, i,
			i in id ? id[i] : "m" i, sp[(i - 1) % 4 + 1],
			i < n ? "," : ""
	print "}}"
}'
}

# The buurt catalog: Meting<i>_<i> is m<i>, no spearhead.
# shellcheck disable=SC2317
buurt_catalog() {
	awk -v n="$1" 'BEGIN {
	printf "{\"id\": \"bench_buurten\", \"source\": \"cbs-v3\", "
	printf "\"table\": \"BENCH01\", \"measures\": {\n"
	for (i = 1; i <= n; i++)
		printf "  \"Meting%d_%d\": {\"indicator\": \"m%d\"}%s\n",
			i, i, i, i < n ? "," : ""
	print "}}"
}'
}

# store <name> <regions> <measures> <periods> <rows-per-page> <catalog-fn>:
# sets db to a store replayed from gen_recording with those parameters,
# regenerated unless an earlier run left one from the same parameters,
# generator and binary.
store() {
	dir=$work/analyses-$1
	db=$dir/store.db
	want="regions=$2 measures=$3 periods=$4 rows-per-page=$5 catalog=$6"
	if [ -f "$dir/params" ] && [ "$(cat "$dir/params")" = "$want" ] &&
		[ -f "$db" ] &&
		[ -z "$(find "$gen" "$bin" "$root/tests/bench/analyses.sh" \
			-newer "$dir/params")" ]; then
		return 0
	fi
	rm -rf "$dir"
	mkdir -p "$dir/catalog" || die "cannot create '$dir'"
	"$6" "$3" >"$dir/catalog/bench.json" || die "cannot write catalog"
	"$gen" --dir "$dir/rec" --regions "$2" --measures "$3" \
		--rows-per-page "$5" --periods "$4" ||
		die "gen_recording failed for $1"
	"$bin" fetch --db "$db" --catalog "$dir/catalog" --replay "$dir/rec" \
		--quiet || die "fetch failed replaying '$dir/rec'"
	obs=$(sqlite3 "$db" 'select count(*) from observation') ||
		die "cannot count observations in '$db'"
	[ "$obs" -eq $(($2 * $3 * $4)) ] ||
		die "expected $(($2 * $3 * $4)) observations in $1, got $obs"
	rm -rf "$dir/rec"
	echo "$want" >"$dir/params"
}

# Pick the timer once: our measure (milliseconds), else GNU time
# (centiseconds), else whole seconds only.
if [ -x "$measure" ]; then
	timer=measure
elif /usr/bin/time -f '%e' -o /dev/null true >/dev/null 2>&1; then
	timer=gnu
else
	timer=seconds
	echo "bench: analyses: no '$measure' and no GNU time: wall time in" \
		"whole seconds" >&2
fi

# once <cmd> <arg>...: run it once, output discarded; sets wall.
once() {
	out=$work/timing
	case $timer in
	measure)
		"$measure" "$out" "$@" >/dev/null 2>"$work/analysis.err"
		status=$?
		;;
	gnu)
		/usr/bin/time -f '%e 0 0' -o "$out" "$@" >/dev/null \
			2>"$work/analysis.err"
		status=$?
		tail -n 1 "$out" >"$out.1"
		mv "$out.1" "$out"
		;;
	*)
		t0=$(date +%s)
		"$@" >/dev/null 2>"$work/analysis.err"
		status=$?
		echo "$(($(date +%s) - t0)) 0 0" >"$out"
		;;
	esac
	[ $status -eq 0 ] || die "'$*' failed (exit $status): $(head -n 3 \
		"$work/analysis.err")"
	wall=$(awk '{ print $1 }' "$out")
}

# timed <cmd> <arg>...: $reps runs; sets med and best (seconds).
timed() {
	walls=
	i=0
	while [ $i -lt $reps ]; do
		once "$@"
		walls="$walls $wall"
		i=$((i + 1))
	done
	# shellcheck disable=SC2046,SC2086 # one number per word on purpose
	set -- $(printf '%s\n' $walls | sort -n)
	best=$1
	med=$(printf '%s\n' "$@" | sed -n "$((($# + 1) / 2))p")
}

verdict() {
	awk -v v="$1" -v t="$2" 'BEGIN { print v + 0 < t + 0 ? "ok" : "MISSED" }'
}

# Callgrind over one run each of risk and correlate: self cost, then
# inclusive cost of inzicht's functions.
profile() {
	command -v valgrind >/dev/null 2>&1 || die "valgrind is missing"
	for what in risk correlate; do
		cg=$work/callgrind.$what.out
		if [ $what = risk ]; then
			set -- risk --region $gemeente --db "$gm_db"
		else
			set -- correlate m1 m2 --level buurt --db "$bu_db"
		fi
		valgrind --tool=callgrind --callgrind-out-file="$cg" "$bin" \
			"$@" >/dev/null 2>"$work/callgrind.log" ||
			die "callgrind run failed (see $work/callgrind.log)"
		echo "callgrind, $what, self cost:"
		callgrind_annotate "$cg" 2>/dev/null | grep '%)' |
			sed -n '2,16p'
		echo "inclusive cost of inzicht functions:"
		callgrind_annotate --inclusive=yes "$cg" 2>/dev/null |
			grep '%).*]$' | grep -E 'src/|sqlite3_step|gsl_' |
			head -n 20
	done
}

store gemeenten 343 200 5 100 gemeente_catalog
gm_db=$db
store buurten 17851 4 1 1000 buurt_catalog
bu_db=$db

timed "$bin" risk --region $gemeente --db "$gm_db"
risk_med=$med risk_best=$best
timed "$bin" peers $gemeente --db "$gm_db"
peers_med=$med peers_best=$best
timed "$bin" correlate m1 m2 --level buurt --db "$bu_db"
corr_med=$med corr_best=$best

awk -v reps=$reps -v gm=$gemeente \
	-v rm="$risk_med" -v rb="$risk_best" -v rok="$(verdict "$risk_med" 0.2)" \
	-v pm="$peers_med" -v pb="$peers_best" \
	-v cm="$corr_med" -v cb="$corr_best" \
	-v cok="$(verdict "$corr_med" 0.1)" 'BEGIN {
	printf "open-data analyses (issue 4), median wall of %d runs " \
		"(fastest):\n", reps
	printf "  risk --region %s (342 gemeenten x 200 indicators x 5 " \
		"periods, default peers)\n", gm
	printf "    %.3f s (%.3f s), target < 0.2 s: %s\n", rm, rb, rok
	printf "  peers %s (default features)  %.3f s (%.3f s)\n", gm, pm, pb
	printf "  correlate m1 m2 --level buurt (14000 buurten)\n"
	printf "    %.3f s (%.3f s), target < 0.1 s: %s\n", cm, cb, cok
}'
[ "${BENCH_PROFILE:-0}" = 1 ] && profile
exit 0
