# inzicht report end to end on the bundled sample (open data and the
# synthetic records): the files, well-formed HTML and SVG, no external
# reference, Dutch and English, reproducible output, size, the error paths
# and exit statuses; then the report rendered in headless Chromium with
# the network routed to a loopback server that logs every request.
. "$IZ_ROOT/tests/e2e/lib/common.sh"

ART=${IZ_ARTEFACTS:-$IZ_ROOT/build/tests/artefacts}
mkdir -p "$ART"
export SOURCE_DATE_EPOCH=1764000000

run fetch --replay "$IZ_ROOT/datasets/sample" --catalog "$IZ_ROOT/datasets"
expect_rc "sample replays into a store" 0
rec=$IZ_ROOT/datasets/sample/records
for kind in households:huishoudens participation:deelname signals:signalen; do
	run import "${kind%%:*}" "$rec/${kind#*:}.csv" --map-file "$rec/kolommen.map" --id-kind bsn
	expect_rc "import sample ${kind%%:*}" 0
done

# ---- help ----------------------------------------------------------------
run help
expect_out "help lists report" "  report "
run report --help
expect_rc "report --help exits 0" 0
expect_out "report --help shows usage" "usage: inzicht report"

# ---- the report ----------------------------------------------------------
run report --region GM0599 -o "$T/rapport.html"
expect_rc "report exits 0" 0
expect_out "report prints the HTML path" "$T/rapport.html ("
expect_out "report prints the manifest path" "$T/rapport.manifest.json"
check "the HTML exists" test -s "$T/rapport.html"
check "the manifest exists beside it" test -s "$T/rapport.manifest.json"
check "no temporary file is left" test -z "$(ls "$T" | grep -E '\.(html|json)\.[A-Za-z0-9]{6}$')"
cp "$T/rapport.html" "$ART/rapport.html"

check "the HTML is well-formed (xmllint, as XML)" xmllint --noout "$T/rapport.html"
check "it declares Dutch" grep -q '<html xmlns="http://www.w3.org/1999/xhtml" lang="nl"' "$T/rapport.html"
for s in samenvatting financiele_stabiliteit sociale_inclusie leefstijl gezondheid armoede_gezondheid wijken regelingen gespreksvragen bronnen; do
	check "section $s is there" grep -q "<section id=\"$s\">" "$T/rapport.html"
done
check "the Dutch headings" grep -q '<h2>Gespreksvragen</h2>' "$T/rapport.html"
check "numbers in Dutch notation" grep -q '7,1%' "$T/rapport.html"

# every <svg> .. </svg> on its own as an XML document
awk -v d="$T/svg" 'BEGIN { n = 0 } /<svg /{ n++; f = sprintf("%s-%03d.svg", d, n) } f { print > f } /<\/svg>/{ close(f); f = "" }' "$T/rapport.html"
nsvg=$(ls "$T"/svg-*.svg 2>/dev/null | wc -l)
check "the report has charts (dot plots, trends, scatters, bars, upset)" test "$nsvg" -ge 10
bad=0
for f in "$T"/svg-*.svg; do
	xmllint --noout "$f" 2>/dev/null || bad=$((bad + 1))
	grep -q '<title id=' "$f" || bad=$((bad + 1))
	grep -q '<desc id=' "$f" || bad=$((bad + 1))
done
check "each of the $nsvg SVGs parses as XML with a title and desc" test "$bad" -eq 0
check "each chart has an alt-text caption" test "$(grep -c '<figcaption>' "$T/rapport.html")" -ge "$nsvg"
for kind in iz-dotplot iz-scatter iz-bars iz-upset iz-multiples; do
	check "a $kind chart" grep -q "class=\"iz-chart $kind\"" "$T/rapport.html"
done

# nothing the page could fetch: no src, no external href, no url(), no
# @import; the only URIs are the XML namespaces
check "no external reference in the HTML" sh -c "grep -Eo '(src=|href=\"[^#]|url\\(|@import|https?://[^\" ]*)' '$T/rapport.html' | grep -v -E '^http://www.w3.org/(1999/xhtml|2000/svg)' | grep -q . && exit 1 || exit 0"
check "a Content-Security-Policy forbids any load" grep -q "default-src 'none'" "$T/rapport.html"
check "no script" sh -c "! grep -qi '<script' '$T/rapport.html'"
check "no nan or inf in the output" sh -c "! grep -qiE '(>|\")-?(nan|inf)(<|\"| )' '$T/rapport.html'"
size=$(wc -c <"$T/rapport.html")
check "the file is under 1 MB ($size bytes)" test "$size" -lt 1048576

# the manifest: valid JSON with its keys, every figure with a source
q() { sqlite3 :memory: "select $1 from (select readfile('$T/rapport.manifest.json') as J)"; }
check "the manifest is valid JSON" test "$(q 'json_valid(J)')" = 1
check "manifest region" test "$(q "json_extract(J, '\$.region')")" = GM0599
check "manifest version" test "$(q "json_extract(J, '\$.inzicht_version')")" = "$("$IZ_BIN" --version | awk '{print $2}')"
check "manifest date from SOURCE_DATE_EPOCH" test "$(q "json_extract(J, '\$.generated_at')")" = 2025-11-24T16:00:00Z
check "manifest lists the figures" test "$(q "json_array_length(J, '\$.figures')")" -ge "$nsvg"
check "manifest datasets with table ids" test "$(q "(select count(*) from json_each(J, '\$.datasets') where json_extract(value, '\$.table') like '%NED')")" -ge 4
check "manifest datasets carry source modified and fetched_at" test "$(q "(select count(*) from json_each(J, '\$.datasets') where json_extract(value, '\$.id') != 'records' and (json_extract(value, '\$.modified') is null or json_extract(value, '\$.fetched_at') is null))")" = 0
check "figures carry their CBS table and dates" test "$(q "(select count(*) from json_each(J, '\$.figures') f, json_each(f.value, '\$.sources') s where json_extract(s.value, '\$.table') like '%NED' and json_extract(s.value, '\$.modified') is not null)")" -ge 10
check "every open-data figure names a dataset" test "$(q "(select count(*) from json_each(J, '\$.figures') where json_array_length(value, '\$.datasets') = 0)")" = 0
check "record figures carry the disclosure rule" test "$(q "(select count(*) from json_each(J, '\$.figures') where json_extract(value, '\$.section') = 'regelingen' and json_extract(value, '\$.disclosure') like 'counts of 1 to 9 households suppressed%')")" -ge 5
check "manifest lists the imports of the records" test "$(q "(select count(*) from json_each(J, '\$.datasets') d, json_each(d.value, '\$.imports') i where json_extract(d.value, '\$.id') = 'records' and length(json_extract(i.value, '\$.sha256')) = 64)")" = 3
check "manifest disclosure block" test "$(q "json_extract(J, '\$.disclosure.min_cell')")" = 10
check "manifest method notes" test "$(q "json_array_length(J, '\$.method_notes')")" -ge 1
check "catalog labels name the figures (not CBS's bare 'Leefvorm (echt)paar')" grep -q 'Bijstandsuitkeringen aan (echt)paren' "$T/rapport.html"
run query indicators --format csv
expect_out "the label is the stored title" "Bijstandsuitkeringen aan (echt)paren"
check "the sources section names the CBS tables" grep -q '<td>85984NED</td>' "$T/rapport.html"

# reproducible: the same store and date give the same bytes
run report --region GM0599 -o "$T/again.html"
check "a second run gives the same HTML" cmp -s "$T/rapport.html" "$T/again.html"

# ---- English -----------------------------------------------------------
run report --region GM0599 --lang en -o "$T/report-en.html" --manifest "$T/en.json"
expect_rc "report --lang en exits 0" 0
check "--manifest writes there" test -s "$T/en.json"
check "it declares English" grep -q 'lang="en"' "$T/report-en.html"
check "English headings" grep -q '<h2>Questions for the conversation</h2>' "$T/report-en.html"
check "numbers in English notation" grep -q '7.1%' "$T/report-en.html"
check "the English report is well-formed" xmllint --noout "$T/report-en.html"

# ---- without records -----------------------------------------------------
cp "$INZICHT_DB" "$T/open.db"
sqlite3 "$T/open.db" "DELETE FROM household; DELETE FROM participation; DELETE FROM signal"
run report --region GM0363 --db "$T/open.db" -o "$T/open.html"
expect_rc "a report without records exits 0" 0
check "its summary says there are no records" grep -q '<li>Er zijn geen registraties van regelingen ingelezen voor deze gemeente.</li>' "$T/open.html"
check "without records: no Regelingen section" sh -c "! grep -q '<section id=\"regelingen\">' '$T/open.html'"
check "without records: not in the contents" sh -c "! grep -q 'href=\"#regelingen\"' '$T/open.html'"
check "without records: no record figure" sh -c "! grep -q 'iz-upset' '$T/open.html'"
check "without records: manifest disclosure null" test "$(sqlite3 :memory: "select json_type(readfile('$T/open.manifest.json'), '\$.disclosure')")" = null

# ---- other indicator ids: poverty x health found by spearhead -----------------
cp "$INZICHT_DB" "$T/renamed.db"
sqlite3 "$T/renamed.db" "UPDATE indicator SET code = 'x_' || code WHERE code IN ('personen_in_armoede_pct','huishoudens_laag_inkomen_pct','personen_laag_inkomen_pct','huishoudens_laagste_40pct_inkomen_pct','moeite_met_rondkomen_pct','personen_bijstand','ervaren_gezondheid_goed_pct','langdurig_beperkt_pct','risico_angst_depressie_pct','langdurige_aandoeningen_pct','lage_veerkracht_pct','eenzaam_pct')"
run report --region GM0599 --db "$T/renamed.db" -o "$T/renamed.html"
expect_rc "a store with other indicator ids exits 0" 0
check "poverty x health from the spearheads' percentages" grep -q 'class="iz-chart iz-scatter"' "$T/renamed.html"
check "the wijken ranked on them too" grep -q '<section id="wijken">' "$T/renamed.html"

# ---- errors ------------------------------------------------------------
run report
expect_rc "report without a region exits 2" 2
expect_err "report asks for the gemeente" "inzicht: report: which gemeente? (--region GM0363)"
run report --region WK059901 -o "$T/x.html"
expect_rc "report of a wijk exits 2" 2
expect_err "report names the code" "'WK059901' is not a gemeente code"
run report --region GM9999 -o "$T/x.html"
expect_rc "report of an unknown gemeente exits 2" 2
expect_err "report says the store lacks it" "the store knows no region GM9999"
check "no file after a failed report" test ! -e "$T/x.html"
run report --region GM0599 --lang fr
expect_rc "report --lang fr exits 2" 2
expect_err "report names the language" "--lang expects nl or en, not 'fr'"
run report --region GM0599 -o "$T/missing/dir/r.html"
expect_rc "report into a missing directory exits 1" 1
expect_err "report names the file" "cannot write $T/missing/dir/r.html"
run report --region GM0599 --db "$T/none.db"
expect_rc "report on a missing store exits 1" 1
run report --region GM0599 --period 1999 -o "$T/x.html"
expect_rc "report for a records period without households exits 1" 1
check "no file after a failed period" test ! -e "$T/x.html"
run report --region GM0599 --min-cell 0 -o "$T/open0.html"
expect_rc "report --min-cell 0 exits 0" 0
expect_err "--min-cell 0 warns" "disables disclosure control: do not publish this report"

# keeps the last good report when a run fails
cp "$T/rapport.html" "$T/keep.html"
run report --region GM9999 -o "$T/keep.html"
check "a failed run leaves the old report as it was" cmp -s "$T/rapport.html" "$T/keep.html"

# ---- in a real browser -----------------------------------------------------
CHROMIUM=${IZ_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
	notok "headless Chromium is installed (apt-get install chromium; make test installs it as root)"
	exit 1
fi
# Every request the page makes goes to the loopback server, which logs it:
# the proxy takes all hosts, the bypass list is emptied of loopback.
mkdir -p "$T/sink"
printf '# inzicht recording 1\n' >"$T/sink/manifest.tsv"
start_server "$T/sink"
browse() { # <profile name> <chromium args...>
	prof=$1
	shift
	HOME=$T/home timeout 120 "$CHROMIUM" --headless --no-sandbox \
		--disable-gpu --disable-dev-shm-usage --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --disable-extensions --no-default-browser-check \
		--no-pings --disable-domain-reliability --disable-breakpad \
		--disable-client-side-phishing-detection --metrics-recording-only \
		--disable-features=OptimizationHints,Translate,MediaRouter,AutofillServerCommunication \
		--proxy-server="http://127.0.0.1:$PORT" --proxy-bypass-list='<-loopback>' \
		--user-data-dir="$T/chrome-$prof" --hide-scrollbars \
		"$@" 2>>"$T/chrome.err"
}
# Chromium's own services (network time, component updates, sign-in,
# safe browsing, hints) call home whatever the flags say: requests to
# Google's service hosts (*.google.com, *.googleapis.com, *.gvt1.com) are
# left out, except fonts.googleapis.com; every other request counts.
page_requests() {
	tail -n +$((MARK + 1)) "$T/server.log" | awk '
		/fonts\.googleapis\.com/ { n++; next }
		/(https?:\/\/|CONNECT )[^\/ :]*(google\.com|googleapis\.com|gvt1\.com)[:\/ ]/ { next }
		/./ { n++ }
		END { print n + 0 }'
}
mark() { MARK=$(wc -l <"$T/server.log"); }

# the control: a page that loads one image must be caught
cat >"$T/leaky.html" <<EOF
<!DOCTYPE html><html><body><p>x</p><img src="http://example.invalid/probe.png" alt=""/></body></html>
EOF
mark
browse leaky --dump-dom "file://$T/leaky.html" >"$T/leaky.dom"
check "control: a page that requests an image is caught by the sink" wait_for "$T/server.log" "probe.png"
check "control: and counted" test "$(page_requests)" -ge 1
cat >"$T/font.html" <<EOF
<!DOCTYPE html><html><head><link rel="stylesheet" href="http://fonts.googleapis.com/css?family=Roboto"/></head><body><p>x</p></body></html>
EOF
mark
browse font --dump-dom "file://$T/font.html" >"$T/font.dom"
check "control: a web font from Google is counted too" test "$(page_requests)" -ge 1

mark
browse dom --dump-dom "file://$T/rapport.html" >"$T/rapport.dom"
check "Chromium renders the report" test -s "$T/rapport.dom"
check "the report requests nothing from the network" test "$(page_requests)" = 0
xp() { xmllint --html --xpath "$1" "$T/rapport.dom" 2>/dev/null; }
check "rendered DOM: 10 sections" test "$(xp 'count(//section)')" = 10
check "rendered DOM: every chart ($nsvg)" test "$(xp "count(//*[local-name()='svg'])")" = "$nsvg"
check "rendered DOM: every chart titled" test "$(xp "count(//*[local-name()='svg']/*[local-name()='title'])")" = "$nsvg"
check "rendered DOM: no image, object or iframe" test "$(xp 'count(//img|//object|//iframe|//embed|//script)')" = 0
check "rendered DOM: every figure captioned" test "$(xp 'count(//figure[not(figcaption)])')" = 0
browse shot --window-size=900,2400 --screenshot="$ART/rapport.png" "file://$T/rapport.html" >/dev/null
check "a screenshot is kept as an artefact ($ART/rapport.png)" test -s "$ART/rapport.png"
check "still no request after the screenshot" test "$(page_requests)" = 0
