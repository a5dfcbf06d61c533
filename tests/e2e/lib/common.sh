# Helpers for the end-to-end scripts (POSIX sh). Each check prints
# "ok <name>" or "not ok <name>" with details; the runner counts them.
# The scripts run the real binary ($IZ_BIN) in a fresh temp dir.
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/inzicht-e2e.XXXXXX")
SERVER_PID=""
cleanup() {
	[ -n "${KEEP:-}" ] && return
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
cd "$T" || exit 1
export INZICHT_DB=$T/store.db
unset INZICHT_CATALOG INZICHT_MIRROR
# No retries waiting in tests: speed is measured by `make bench`, not here.
export INZICHT_HTTP_BACKOFF=0 INZICHT_HTTP_ATTEMPTS=3 INZICHT_HTTP_MAX_WAIT=30

# run <cmd...>: run inzicht, capture $OUT, $ERR and $RC.
run() {
	${IZ_VG:-} "$IZ_BIN" "$@" >"$T/out" 2>"$T/err"
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}

ok() { echo "ok $1"; }
notok() {
	echo "not ok $1"
	shift
	for line in "$@"; do echo "    $line"; done
	echo "    exit: $RC"
	echo "    stdout: $(head -c 600 "$T/out")"
	echo "    stderr: $(head -c 600 "$T/err")"
}

# expect_rc <name> <status>
expect_rc() {
	if [ "$RC" -eq "$2" ]; then ok "$1"; else notok "$1" "expected exit $2"; fi
}
# expect_out <name> <fixed string>: stdout contains it
expect_out() {
	if grep -qF -- "$2" "$T/out"; then ok "$1"; else notok "$1" "stdout lacks: $2"; fi
}
expect_err() {
	if grep -qF -- "$2" "$T/err"; then ok "$1"; else notok "$1" "stderr lacks: $2"; fi
}
expect_no_out() {
	if grep -qF -- "$2" "$T/out" "$T/err"; then notok "$1" "output has: $2"; else ok "$1"; fi
}
# check <name> <shell condition...>
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else notok "$name" "failed: $*"; fi
}

# start_server <recording dir>: the loopback test server; sets $PORT, $BASE.
start_server() {
	rm -f "$T/port"
	"$IZ_SERVER" --root "$1" --port-file "$T/port" --log "$T/server.log" \
		--max-seconds 300 &
	SERVER_PID=$!
	i=0
	while [ ! -s "$T/port" ] && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	PORT=$(cat "$T/port")
	BASE="http://127.0.0.1:$PORT"
}

# wait_for <file> <fixed string>: poll (bounded) until the file has it.
wait_for() {
	i=0
	while ! grep -qF -- "$2" "$1" 2>/dev/null && [ $i -lt 400 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	grep -qF -- "$2" "$1" 2>/dev/null
}

# realdata_recording <dir>: the real CBS 80137ned payloads as a recording.
realdata_recording() {
	d=$1
	mkdir -p "$d"
	R=$IZ_REALDATA
	ln -sf "$R/v3-catalog-Tables-20rows.json" "$d/cat.json"
	{
		echo "# inzicht recording 1"
		printf '200\tapplication/json\tcat.json\thttps://opendata.cbs.nl/ODataCatalog/Tables?$format=json&$select=Identifier,Title,ShortTitle,Modified,MetaDataModified,ReasonDelivery,Frequency,OutputStatus,Catalog\n'
		for f in TableInfos DataProperties Persoonskenmerken BedrijfstakkenSBI93 Perioden TypedDataSet; do
			ln -sf "$R/v3-feed-80137ned-$f.json" "$d/$f.json"
			printf '200\tapplication/json\t%s.json\thttps://opendata.cbs.nl/ODataFeed/odata/80137ned/%s?$format=json\n' "$f" "$f"
		done
	} >"$d/manifest.tsv"
}
