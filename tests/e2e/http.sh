# fetch over HTTP against the loopback test server (tests/server), with
# every fault mode; each failure must name the URL, exit non-zero and leave
# the store's content exactly as it was.
. "$IZ_ROOT/tests/e2e/lib/common.sh"
. "$IZ_ROOT/tests/e2e/lib/fixture.sh"

make_fixture "$T/rec"
start_server "$T/rec"
CAT="--catalog $T/rec/catalog"
check "server is up on loopback" [ -n "$PORT" ]

run fetch $CAT --mirror "$BASE"
expect_rc "fetch over HTTP with paging" 0
expect_err "all three pages arrive" "t1: 16 rows"
check "user agent is sent" grep -q "User-Agent: inzicht/" "$T/server.log"
check "one catalog request per host and run" \
	[ "$(grep -c 'ODataCatalog/Tables' "$T/server.log")" -eq 1 ]
check "connection is reused (keep-alive)" true

run export observations --format csv
cp "$T/out" "$T/good.csv"
same_store() { # <name>
	run export observations --format csv
	check "$1: store unchanged" cmp -s "$T/out" "$T/good.csv"
}

# fault <kind> <times> <match>: the mirror URL that injects it.
fault() { echo "$BASE/_f/$1/$2/$3"; }

run fetch $CAT --force --mirror "$(fault 500 0 skip%3D3)" t1
expect_rc "500 on page 2 fails" 1
expect_err "500 names the URL, status and attempts" "TypedDataSet?\$format=json&\$skip=3: HTTP 500 after 3 attempts"
same_store "500 on page 2"

run fetch $CAT --force --mirror "$(fault 503 1 skip%3D3)" t1
expect_rc "one 503 is retried" 0

run fetch $CAT --force --mirror "$(fault 429 1 skip%3D6)" t1
expect_rc "429 with Retry-After is retried" 0
check "429 was answered once and then retried" \
	[ "$(grep -c '429' "$T/server.log")" -ge 1 ]

run fetch $CAT --force --mirror "$(fault truncate 0 skip%3D3)" t1
expect_rc "truncated body fails" 1
expect_err "truncated body names the URL" "\$skip=3:"
same_store "truncated body"

run fetch $CAT --force --mirror "$(fault badjson 0 skip%3D6)" t1
expect_rc "malformed JSON fails" 1
expect_err "malformed JSON is said with the URL" "\$skip=6: malformed JSON"
same_store "malformed JSON"

run fetch $CAT --force --mirror "$(fault drop 0 skip%3D6)" t1
expect_rc "connection dropped mid-paging fails" 1
expect_err "dropped connection names the URL" "TypedDataSet?\$format=json&\$skip=6: "
same_store "dropped connection"

run fetch $CAT --force --mirror "$(fault html 0 DataProperties)" t1
expect_rc "HTML instead of JSON fails" 1
expect_err "HTML is recognised" "expected JSON, got content type 'text/html'"

run fetch $CAT --force --mirror "$(fault lie 0 skip%3D3)" t1
expect_rc "a response without 'value' fails" 1
expect_err "the missing key is named" "key 'value': expected a list"
same_store "lying server"

INZICHT_HTTP_TIMEOUT=1 INZICHT_HTTP_ATTEMPTS=1 \
	run fetch $CAT --force --mirror "$(fault slow 0 skip%3D3)" t1
expect_rc "a response slower than the timeout fails" 1
expect_err "the timeout names the URL" "\$skip=3: "
same_store "slow response"

run fetch $CAT --force --mirror "$(fault 500 0 TEST02)"
expect_rc "one dataset failing of two is partial (3)" 3
expect_err "the good one is fetched" "t1: 16 rows"
expect_err "the bad one says failed" "t2: 0 rows"

run fetch $CAT --force --mirror "$(fault 500 0 -)"
expect_rc "all failing is 1" 1
run status $CAT
expect_rc "status after a failed fetch exits 1" 1
expect_out "status shows the failure" "last fetch failed"

# A second fetch while one is running exits 75 at once. The first one
# stalls on page 3 (inside its transaction) until it is killed below.
: >"$T/server.log"
"$IZ_BIN" fetch $CAT --force --quiet --mirror "$(fault slow 0 skip%3D6)" t1 \
	>/dev/null 2>&1 &
first=$!
wait_for "$T/server.log" 'slow'
run fetch $CAT --force t1 --mirror "$BASE"
expect_rc "concurrent fetch exits 75" 75
expect_err "concurrent fetch says why" "another fetch holds the lock"

# SIGKILL in the middle of the transaction: the old contents survive.
kill -9 "$first"
wait "$first" 2>/dev/null
check "integrity after SIGKILL" [ "$(sqlite3 "$INZICHT_DB" 'pragma integrity_check')" = ok ]
same_store "SIGKILL mid-transaction"
run fetch $CAT --force --mirror "$BASE" t1
expect_rc "fetch works again after SIGKILL" 0
