# Timing shared by the bench scripts (sourced). Needs $work, $measure and
# a die() function defined before it is sourced.

# Pick the timer once: GNU time, else our measure, else whole seconds only.
if /usr/bin/time -f '%e %M' -o /dev/null true >/dev/null 2>&1; then
	timer=gnu
elif [ -x "$measure" ]; then
	timer=measure
else
	timer=seconds
	echo "bench: no GNU time and no '$measure': wall time in whole" \
		"seconds, no CPU time and no peak memory" >&2
fi

# timed <cmd> <arg>...: run it; sets status, wall and cpu (user + system)
# in seconds and rss in KiB ("n/a" when unknown). CPU time suffers less
# than wall time when other work shares the machine.
timed() {
	out=$work/timing
	case $timer in
	gnu)
		/usr/bin/time -f '%e %U %S %M' -o "$out" "$@"
		status=$?
		# It writes "Command exited with non-zero status N" first.
		tail -n 1 "$out" | awk '{ print $1, $2 + $3, $4 }' >"$out.1"
		mv "$out.1" "$out"
		;;
	measure)
		"$measure" "$out" "$@"
		status=$?
		;;
	*)
		t0=$(date +%s)
		"$@"
		status=$?
		echo "$(($(date +%s) - t0)) n/a n/a" >"$out"
		;;
	esac
	# shellcheck disable=SC2046 # split "<wall> <cpu> <rss>" on purpose
	set -- $(cat "$out")
	[ $# -eq 3 ] || die "no timing in '$out'"
	wall=$1
	cpu=$2
	rss=$3
	return $status
}

# bytes <file>...: their total size (missing files count 0).
bytes() {
	total=0
	for f in "$@"; do
		[ -f "$f" ] && total=$((total + $(wc -c <"$f")))
	done
	echo $total
}
