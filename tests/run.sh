#!/bin/sh
# The test runner behind `make test` and `make check`: every cmocka unit
# program, then every end-to-end script, then one closing line
# "N passed, N failed". Exit 1 when anything failed.
# usage: tests/run.sh <build-dir> <inzicht-binary>
set -u
build=${1:-build}
bin=${2:-bin/inzicht}
root=$(pwd)
case $bin in /*) ;; *) bin=$root/$bin ;; esac
case $build in /*) ;; *) build=$root/$build ;; esac
export IZ_BIN=$bin IZ_SERVER=$build/tests/izserver IZ_ROOT=$root
export IZ_REALDATA=${IZ_REALDATA:-$root/../shared/realdata/cbs}
passed=0
failed=0
log=$build/tests/log
mkdir -p "$log"

vg=""
[ "${IZ_VALGRIND:-0}" = 1 ] &&
	vg="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99"

for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	out=$log/$name.out
	$vg "$t" >"$out" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed, leaked or exited badly outside a test
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		echo "FAIL $name (exit $rc):"
		grep -E '^\[  (FAILED|ERROR)|error|Error|LEAK|ERROR SUMMARY' "$out" | head -n 20
		tail -n 5 "$out"
	else
		echo "ok   $name: $p tests"
	fi
done

for s in "$root"/tests/e2e/*.sh; do
	name=$(basename "$s" .sh)
	out=$log/e2e-$name.out
	IZ_VG=$vg sh "$s" >"$out" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		echo "FAIL e2e/$name (exit $rc):"
		grep -A6 '^not ok ' "$out" | head -n 60
		[ "$rc" -ne 0 ] && tail -n 5 "$out"
	else
		echo "ok   e2e/$name: $p checks"
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
