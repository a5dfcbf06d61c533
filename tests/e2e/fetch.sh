# fetch, datasets, status and export against recorded CBS v3 responses
# (offline: --replay), including the real 80137ned payloads.
. "$IZ_ROOT/tests/e2e/lib/common.sh"
. "$IZ_ROOT/tests/e2e/lib/fixture.sh"

make_fixture "$T/rec"
CAT="--catalog $T/rec/catalog"

run fetch $CAT --replay "$T/rec"
expect_rc "fetch replay exits 0" 0
expect_err "fetch summary t1" "t1: 16 rows"
expect_err "fetch summary says fetched" "fetched"

run export observations --format csv
expect_out "export header" "dataset,table,measure,indicator,region,region_name,period,value,status,unit"
expect_out "export trims region keys and keeps names" "t1,TEST01,Alpha_1,alpha,GM0002,Fryslân-stad,2024JJ00,31,,%"
expect_out "export keeps decimals" "t1,TEST01,Alpha_1,alpha,GM0001,Eerstedorp,2024JJ00,21.25,,%"
expect_out "missing value is not 0 and keeps its reason" "t1,TEST01,Beta_2,beta,GM0001,Eerstedorp,2023JJ00,,null,aantal"
expect_out "minimal entry takes every topic" "t2,TEST02,Beta_2,Beta_2,WK000101,Centrum,2024JJ00,41,,aantal"

run export observations --dataset t1 --region GM0002 --indicator alpha --format json
expect_out "export json filters" '"rows":[["t1","TEST01","Alpha_1","alpha","GM0002","Fryslân-stad","2023JJ00",null,"null"'

run fetch $CAT --replay "$T/rec"
expect_rc "second fetch exits 0" 0
expect_err "unchanged tables are skipped" "t1: 0 rows"
expect_err "unchanged is said" "unchanged"

run fetch $CAT --replay "$T/rec" --force t1
expect_rc "forced fetch of one dataset" 0
expect_err "forced fetch loads again" "t1: 16 rows"
check "forced fetch does not touch t2" [ "$(grep -c '^t2' "$T/err")" -eq 0 ]

run datasets $CAT
expect_rc "datasets exits 0" 0
expect_out "datasets shows the title from the CBS catalog" "Testtabel 2024"
expect_out "datasets shows mapped measures" "t1  cbs-v3  TEST01"

run status $CAT --format csv
expect_rc "status exits 0 when healthy" 0
expect_out "status warns of a newer edition" "newer edition TEST09 exists"
expect_out "status warns of a stopped table" "table stopped or discontinued at the source"

run status $CAT --max-age 0
expect_rc "status --max-age 0 exits 1" 1

run fetch $CAT --replay "$T/rec" nosuch
expect_rc "unknown dataset is a usage error" 2
expect_err "unknown dataset is named" "unknown dataset 'nosuch'"

# Region levels and parents from the codes.
check "wijk gets its gemeente as parent" \
	[ "$(sqlite3 "$INZICHT_DB" "select level, parent from region where code='WK000101'")" = "wijk|GM0001" ]
check "period status is kept" \
	[ "$(sqlite3 "$INZICHT_DB" "select status from period where dataset='t1' and code='2024JJ00'")" = "Voorlopig" ]
check "store file is private (0600)" [ "$(stat -c %a "$INZICHT_DB")" = 600 ]
check "store is in WAL mode" [ "$(sqlite3 "$INZICHT_DB" 'pragma journal_mode')" = wal ]

# Key drift: a catalog that expects another title stops the dataset.
mkdir -p "$T/drift"
sed 's/"alpha percentage"/"Alpha per 1000"/' "$T/rec/catalog/t1.json" >"$T/drift/t1.json"
run export observations --dataset t1 --format csv
cp "$T/out" "$T/before.csv"
run fetch --catalog "$T/drift" --replay "$T/rec" --force
expect_rc "title drift fails the dataset" 1
expect_err "title drift names the URL and the measure" "DataProperties?\$format=json: measure 'Alpha_1': title is 'Alpha  percentage', catalog expects 'Alpha per 1000'"
run export observations --dataset t1 --format csv
check "title drift leaves the store as it was" cmp -s "$T/out" "$T/before.csv"

# A measure the catalog names that the table lacks.
sed 's/"Beta_2"/"Gamma_3"/' "$T/rec/catalog/t1.json" >"$T/drift/t1.json"
run fetch --catalog "$T/drift" --replay "$T/rec" --force
expect_rc "missing measure fails" 1
expect_err "missing measure is named" "measure 'Gamma_3' of catalog entry 't1' is not in the table"

# Record, then replay the recording offline.
run fetch $CAT --replay "$T/rec" --record "$T/x"
expect_rc "record and replay exclude each other" 2
rm -f "$INZICHT_DB"
run fetch --db "$T/real.db" --catalog "$T/rec/catalog" --replay "$T/rec" t1
expect_rc "fetch into a store named by --db" 0
check "--db beats INZICHT_DB" [ -f "$T/real.db" ] && [ ! -f "$INZICHT_DB" ]

# The real 80137ned payloads (key order scrambled, padded keys).
realdata_recording "$T/real"
mkdir -p "$T/realcat"
echo '{"id": "banen", "source": "cbs-v3", "table": "80137ned"}' >"$T/realcat/banen.json"
run fetch --catalog "$T/realcat" --replay "$T/real"
expect_rc "real payloads load" 0
expect_err "real payloads: 675 rows x 12 topics" "banen: 8100 rows"
run export observations --indicator Totaal_1 --format csv
expect_out "real value with trimmed dimension codes" "banen,80137ned,Totaal_1,Totaal_1,NL01,Nederland,2001JJ00,8811,,1 000 banen,Persoonskenmerken=1;BedrijfstakkenSBI93=99"
