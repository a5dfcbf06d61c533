# inzicht import: every Dutch-export quirk as a fixture (tests/data/records),
# --map and --map-file, every rejection with its exact message and the store
# unchanged after it, --reject files, idempotence, the keyed pseudonyms (no
# clear identifier anywhere in the store files, the same pseudonym in every
# file) and the key file's rules.
. "$IZ_ROOT/tests/e2e/lib/common.sh"

D=$IZ_ROOT/tests/data/records
MAP=$D/kolommen.map

# A key file of the bytes 00 01 02 ... 1f (mode 0600), the key of the
# HMAC reference values in tests/unit/test_records.c.
counting_key() {
	i=0
	: >"$1"
	while [ $i -lt 32 ]; do
		# shellcheck disable=SC2059
		printf "\\$(printf %03o $i)" >>"$1"
		i=$((i + 1))
	done
	chmod 600 "$1"
}
counting_key "$T/counting.key"
KEY="--key $T/counting.key"

q() { sqlite3 "$INZICHT_DB" "$1"; }
households_dump() {
	sqlite3 "$1" "select id, period, region, head_birth_year, household_type,
		children, ifnull(income_pct_sm, 'NULL') from household order by id"
}
no_long_digits() { ! grep -Eq '[0-9]{8}' "$T/err"; }
differ() { ! cmp -s "$1" "$2"; }

# ---- the quirks: every variant of the same four households -------------

# The baseline: ';', UTF-8, CRLF, decimal comma, dd-mm-yyyy, quoted fields
# holding ';', a line break and doubled quotes, unmapped columns, a BSN that
# lost its leading zero, thousands dot with decimal comma.
run import households "$D/huishoudens-puntkomma.csv" --map-file "$MAP" \
	--id-kind bsn $KEY --db "$T/base.db"
expect_rc "baseline imports" 0
expect_err "baseline summary" "huishoudens-puntkomma.csv: 4 rows imported, 0 rejected (delimiter ';')"
check "baseline values" [ "$(sqlite3 "$T/base.db" "select region, head_birth_year,
	household_type, children, ifnull(income_pct_sm, 'NULL'), period
	from household order by region, head_birth_year")" = "BU05991502|1950|eenpersoons|0|NULL|2025
WK059901|1960|overig|0|1204.5|2025
WK059901|1967|paar_met_kinderen|2|104.5|2025
WK059915|1999|eenouder|1|98.0|2025" ]
# HMAC-SHA256(00..1f, "123456782")[0..8] as int64; "12345672" is 012345672.
check "baseline pseudonym of 123456782" \
	[ "$(sqlite3 "$T/base.db" "select region from household where id = -8193165352120622558")" = WK059901 ]
check "baseline pseudonym of 12345672 with its zero restored" \
	[ "$(sqlite3 "$T/base.db" "select region from household where id = -4095925952781183684")" = WK059915 ]
households_dump "$T/base.db" >"$T/base.txt"

variant() { # <name> <file> <expected delimiter word> [options]
	vname=$1 file=$2 delim=$3
	shift 3
	rm -f "$T/v.db" "$T/v.db.key"
	run import households "$D/$file" --map-file "$MAP" --id-kind bsn $KEY \
		--db "$T/v.db" "$@"
	expect_rc "$vname imports" 0
	expect_err "$vname: delimiter $delim" "$file: 4 rows imported, 0 rejected (delimiter '$delim'"
	households_dump "$T/v.db" >"$T/v.txt"
	check "$vname: same households as the baseline" cmp -s "$T/base.txt" "$T/v.txt"
}
variant "comma, LF, ISO dates, quoted decimal comma" huishoudens-komma.csv ","
variant "tab, d-m-yyyy, tab inside quotes" huishoudens-tab.tsv "tab"
variant "UTF-8 with BOM, dotted BSN" huishoudens-bom.csv ";"
variant "Windows-1252" huishoudens-cp1252.csv ";"
expect_err "Windows-1252 is said" "(delimiter ';', Windows-1252 converted to UTF-8)"
variant "Excel sep=; line, dd/mm/yyyy" huishoudens-excel.csv ";"
run import households "$D/huishoudens-bom.csv" --map-file "$MAP" --id-kind bsn \
	$KEY --db "$T/v2.db"
expect_no_out "UTF-8 with BOM is not converted" "Windows-1252"

# Blank lines before the header (some exports start with one): the
# delimiter is sniffed from the header, not from the blank line.
printf '\r\n\r\n%s\r\n%s\r\n' "household_id,region,head_birth_year,household_type,children,period" \
	"A,GM0599,1980,overig,0,2025" >"$T/lead.csv"
run import households lead.csv $KEY --db "$T/lead.db"
expect_rc "blank lines before the header: imports" 0
expect_err "blank lines before the header: delimiter from the header" "lead.csv: 1 rows imported, 0 rejected (delimiter ',')"

# --map on the command line instead of the map file.
rm -f "$T/v.db"
run import households "$D/huishoudens-puntkomma.csv" --id-kind bsn $KEY \
	--db "$T/v.db" --map "household_id=BSN aanvrager" --map region=Wijkcode \
	--map "head_birth_year=Geboortedatum hoofd" --map household_type=Samenstelling \
	--map "children=Aantal minderjarige kinderen" \
	--map "income_pct_sm=Inkomen % sociaal minimum" --map period=Peiljaar
expect_rc "--map imports" 0
households_dump "$T/v.db" >"$T/v.txt"
check "--map: same households as the baseline" cmp -s "$T/base.txt" "$T/v.txt"

# Without the income mapping the optional field is simply unknown.
rm -f "$T/v.db"
run import households "$D/huishoudens-puntkomma.csv" --id-kind bsn $KEY \
	--db "$T/v.db" --map "household_id=BSN aanvrager" --map region=Wijkcode \
	--map "head_birth_year=Geboortedatum hoofd" --map household_type=Samenstelling \
	--map "children=Aantal minderjarige kinderen" --map period=Peiljaar
expect_rc "optional income unmapped imports" 0
check "unmapped income is unknown" [ "$(sqlite3 "$T/v.db" "select count(*) from household where income_pct_sm is null")" = 4 ]

# --period for a file without a period column.
cut -d';' -f1-7 "$D/huishoudens-excel.csv" | sed 1d | grep -v '^regel 2' >"$T/noperiod.csv"
rm -f "$T/v.db"
run import households "$T/noperiod.csv" --map-file "$MAP" --id-kind bsn $KEY \
	--db "$T/v.db" --period 2024
expect_rc "--period for a file without a period column" 0
check "--period is the households' period" [ "$(sqlite3 "$T/v.db" "select group_concat(distinct period) from household")" = 2024 ]

# ---- participation and signals: the same pseudonyms ----------------------

export INZICHT_DB=$T/store.db
run import households "$D/huishoudens-puntkomma.csv" --map-file "$MAP" --id-kind bsn $KEY
expect_rc "households into the store" 0
run import participation "$D/deelname.csv" --map-file "$MAP" --id-kind bsn $KEY
expect_rc "participation imports" 0
expect_err "participation summary" "deelname.csv: 6 rows imported, 0 rejected (delimiter ';')"
run import signals "$D/signalen.csv" --map-file "$MAP" --id-kind bsn $KEY
expect_rc "signals imports" 0
expect_err "signals summary" "signalen.csv: 5 rows imported, 0 rejected (delimiter ';')"
check "participation joins households (BSN with and without its zero)" \
	[ "$(q "select count(*) from participation p join household h on h.id = p.household")" = 5 ]
check "the orphan participation is kept" \
	[ "$(q "select count(*) from participation")" = 6 ]
check "signals join households" \
	[ "$(q "select count(*) from signal s join household h on h.id = s.household")" = 4 ]
check "scheme names normalised" [ "$(q "select group_concat(scheme, ',') from (select distinct scheme from participation order by scheme)")" = \
	"bijzondere_bijstand,gemeentepolis,kindpakket,kwijtschelding,meedoen,schuldhulp" ]
check "participation dates as days since 1970-01-01" [ "$(q "select start_day || '/' || ifnull(end_day, '') from participation where scheme = 'bijzondere_bijstand'")" = "20148/20269" ]
check "participation days are the dates" [ "$(q "select date(start_day * 86400, 'unixepoch') || '/' || date(end_day * 86400, 'unixepoch') from participation where scheme = 'bijzondere_bijstand'")" = "2025-03-01/2025-06-30" ]
check "an open end is NULL" [ "$(q "select count(*) from participation where end_day is null")" = 3 ]
check "partners normalised" [ "$(q "select group_concat(partner, ',') from (select partner from signal order by partner)")" = \
	"energie,huur,other,water,zorgverzekeraar" ]
check "outcomes categorised, free text never stored" [ "$(q "select group_concat(ifnull(outcome, '-'), ',') from (select outcome from signal order by signal_day, partner)")" = \
	"contact_gelegd,geen_contact,anders,doorverwezen,-" ]
check "amounts with thousands dot and decimal comma" [ "$(q "select arrears_eur from signal where partner = 'huur'")" = 1350.0 ]
check "amounts with decimal comma" [ "$(q "select arrears_eur from signal where partner = 'energie'")" = 420.5 ]
check "the schemes are in the store" [ "$(q "select count(*) from scheme")" = 8 ]
check "the import log names file, kind and rows" \
	[ "$(q "select kind || ':' || file || ':' || rows || ':' || rejected from import_log order by id")" = "households:huishoudens-puntkomma.csv:4:0
participation:deelname.csv:6:0
signals:signalen.csv:5:0" ]

# Idempotence: the same files again change no row.
counts() { q "select (select count(*) from household) || ',' || (select count(*) from participation) || ',' || (select count(*) from signal)"; }
before=$(counts)
run import households "$D/huishoudens-puntkomma.csv" --map-file "$MAP" --id-kind bsn $KEY
run import participation "$D/deelname.csv" --map-file "$MAP" --id-kind bsn $KEY
run import signals "$D/signalen.csv" --map-file "$MAP" --id-kind bsn $KEY
expect_rc "second import exits 0" 0
check "re-importing is idempotent ($before)" [ "$(counts)" = "$before" ]
households_dump "$INZICHT_DB" >"$T/again.txt"
check "re-imported households are unchanged" cmp -s "$T/base.txt" "$T/again.txt"
# Another spelling of the same file is also the same data.
run import households "$D/huishoudens-cp1252.csv" --map-file "$MAP" --id-kind bsn $KEY
check "another variant of the same households adds nothing" [ "$(counts)" = "$before" ]

# ---- rejections: exact message, store unchanged, no identifier -----------

HH='BSN aanvrager;Wijkcode;Geboortedatum hoofd;Samenstelling;Aantal minderjarige kinderen;Inkomen % sociaal minimum;Peiljaar'
GOOD='111222333;WK059901;1980;eenpersoons;0;90;2025'
PH='BSN;Regeling;Startdatum;Einddatum'
SH='BSN;Partner;Signaaldatum;Achterstand (EUR);Uitkomst'

# bad <name> <kind> <message after "inzicht: import: "> [options] -- <lines>
bad() {
	bname=$1 kind=$2 msg=$3
	shift 3
	opts=""
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		opts="$opts $1"
		shift
	done
	shift
	printf '%s\n' "$@" >"$T/bad.csv"
	sqlite3 "$INZICHT_DB" .dump >"$T/before.sql"
	# shellcheck disable=SC2086
	run import "$kind" bad.csv $KEY $opts
	expect_rc "$bname: exit 1" 1
	if [ "$ERR" = "inzicht: import: $msg" ]; then ok "$bname: message"; else
		notok "$bname: message" "want: inzicht: import: $msg"; fi
	sqlite3 "$INZICHT_DB" .dump >"$T/after.sql"
	check "$bname: store unchanged" cmp -s "$T/before.sql" "$T/after.sql"
	check "$bname: no identifier in the message" no_long_digits
}
M="--map-file $MAP"

bad "bad BSN" households \
	"bad.csv:3:1: column 'BSN aanvrager': not a valid BSN (elfproef)" \
	$M --id-kind bsn -- "$HH" "$GOOD" '123456789;WK059901;1980;eenpersoons;0;90;2025'
bad "BSN with letters" households \
	"bad.csv:2:1: column 'BSN aanvrager': not a valid BSN (elfproef)" \
	$M --id-kind bsn -- "$HH" 'X23456782;WK059901;1980;eenpersoons;0;90;2025'
bad "empty BSN" households \
	"bad.csv:2:1: column 'BSN aanvrager': not a valid BSN (elfproef)" \
	$M --id-kind bsn -- "$HH" ';WK059901;1980;eenpersoons;0;90;2025'
bad "empty client id" households \
	"bad.csv:2:1: column 'BSN aanvrager': empty identifier" \
	$M -- "$HH" '  ;WK059901;1980;eenpersoons;0;90;2025'
bad "client id too long" households \
	"bad.csv:2:1: column 'BSN aanvrager': identifier longer than 79 characters" \
	$M -- "$HH" "$(printf '%080d' 7);WK059901;1980;eenpersoons;0;90;2025"
bad "bad region" households \
	"bad.csv:2:2: column 'Wijkcode': not a wijk, buurt or gemeente code" \
	$M --id-kind bsn -- "$HH" '123456782;Noord;1980;eenpersoons;0;90;2025'
bad "bad birth date" households \
	"bad.csv:2:3: column 'Geboortedatum hoofd': not a year or date of birth" \
	$M --id-kind bsn -- "$HH" '123456782;WK059901;29-02-1981;eenpersoons;0;90;2025'
bad "birth year after the period" households \
	"bad.csv:2:3: column 'Geboortedatum hoofd': not a year or date of birth" \
	$M --id-kind bsn -- "$HH" '123456782;WK059901;2026;eenpersoons;0;90;2025'
bad "unknown household type" households \
	"bad.csv:2:4: column 'Samenstelling': unknown household type (expected eenpersoons, paar_zonder_kinderen, paar_met_kinderen, eenouder or overig)" \
	$M --id-kind bsn -- "$HH" '123456782;WK059901;1980;Woongroep;0;90;2025'
bad "children do not fit the type" households \
	"bad.csv:2:5: column 'Aantal minderjarige kinderen': number of children does not fit the household type" \
	$M --id-kind bsn -- "$HH" '123456782;WK059901;1980;Paar met kinderen;0;90;2025'
bad "children not a number" households \
	"bad.csv:2:5: column 'Aantal minderjarige kinderen': not a number of children" \
	$M --id-kind bsn -- "$HH" '123456782;WK059901;1980;overig;twee;90;2025'
bad "bad income" households \
	"bad.csv:2:6: column 'Inkomen % sociaal minimum': not a percentage of the social minimum" \
	$M --id-kind bsn -- "$HH" '123456782;WK059901;1980;eenpersoons;0;-5;2025'
bad "bad period" households \
	"bad.csv:2:7: column 'Peiljaar': not a year (e.g. 2025)" \
	$M --id-kind bsn -- "$HH" '123456782;WK059901;1980;eenpersoons;0;90;2025KW01'
bad "too few fields" households \
	"bad.csv:3: expected 7 fields, got 6" \
	$M --id-kind bsn -- "$HH" "$GOOD" '123456782;WK059901;1980;eenpersoons;0;90'
bad "too many fields" households \
	"bad.csv:2: expected 7 fields, got 8" \
	$M --id-kind bsn -- "$HH" '123456782;WK059901;1980;eenpersoons;0;90;2025;x'
bad "unclosed quote" households \
	"bad.csv:3: quoted field not closed" \
	$M --id-kind bsn -- "$HH" "$GOOD" '123456782;"WK059901;1980;eenpersoons;0;90;2025' "$GOOD"
bad "unclosed quote opening a record" households \
	"bad.csv:3: quoted field not closed" \
	$M --id-kind bsn -- "$HH" "$GOOD" '"123456782;WK059901;1980;eenpersoons;0;90;2025' "$GOOD"
bad "quote inside an unquoted field" households \
	"bad.csv:2: error parsing data while strict checking enabled" \
	$M --id-kind bsn -- "$HH" '123456782;WK"059901;1980;eenpersoons;0;90;2025'
bad "missing mapped column" households \
	"bad.csv:1: no column 'Wijkcode' for field 'region' (map it with --map region=<column>)" \
	$M --id-kind bsn -- 'BSN aanvrager;Wijk;Geboortedatum hoofd;Samenstelling;Aantal minderjarige kinderen;Peiljaar' \
	'123456782;WK059901;1980;eenpersoons;0;2025'
bad "missing canonical column" households \
	"bad.csv:1: no column 'children' for field 'children' (map it with --map children=<column>)" \
	--id-kind bsn -- 'household_id;region;head_birth_year;household_type;period' \
	'123456782;WK059901;1980;eenpersoons;2025'
bad "no period column and no --period" households \
	"bad.csv:1: no column 'Peiljaar' for field 'period' (map it with --map period=<column>)" \
	$M --id-kind bsn -- 'BSN aanvrager;Wijkcode;Geboortedatum hoofd;Samenstelling;Aantal minderjarige kinderen' \
	'123456782;WK059901;1980;eenpersoons;0'
bad "empty file: no header" households "bad.csv: no header row" $M --
bad "only a sep= line: no header" households "bad.csv: no header row" $M -- 'sep=;'
bad "UTF-8 then Windows-1252" households \
	"bad.csv:3: not UTF-8, unlike the lines before" \
	$M --id-kind bsn -- "$HH;Opmerking" "$GOOD;$(printf 'caf\303\251')" "123456782;WK059901;1980;eenpersoons;0;90;2025;$(printf 'caf\351')"

bad "unknown scheme lists the known codes" participation \
	"bad.csv:2:2: column 'Regeling': unknown scheme code (known: bijzondere_bijstand, inkomenstoeslag, kwijtschelding, gemeentepolis, schuldhulp, meedoen, kindpakket, energietoeslag)" \
	$M --id-kind bsn -- "$PH" '123456782;Stadspas;01-01-2025;'
bad "bad start date" participation \
	"bad.csv:2:3: column 'Startdatum': not a date (dd-mm-yyyy or yyyy-mm-dd)" \
	$M --id-kind bsn -- "$PH" '123456782;meedoen;31-04-2025;'
bad "bad end date" participation \
	"bad.csv:2:4: column 'Einddatum': not a date (dd-mm-yyyy or yyyy-mm-dd)" \
	$M --id-kind bsn -- "$PH" '123456782;meedoen;01-04-2025;2025-02-30'
bad "end before start" participation \
	"bad.csv:2:4: column 'Einddatum': end date before start date" \
	$M --id-kind bsn -- "$PH" '123456782;meedoen;01-04-2025;31-03-2025'
bad "participation: bad BSN" participation \
	"bad.csv:2:1: column 'BSN': not a valid BSN (elfproef)" \
	$M --id-kind bsn -- "$PH" '123456780;meedoen;01-04-2025;'
bad "unknown partner" signals \
	"bad.csv:2:2: column 'Partner': unknown partner (expected energie, huur, water, zorgverzekeraar or other)" \
	$M --id-kind bsn -- "$SH" '123456782;Gasunie;01-04-2025;10;'
bad "bad signal date" signals \
	"bad.csv:2:3: column 'Signaaldatum': not a date (dd-mm-yyyy or yyyy-mm-dd)" \
	$M --id-kind bsn -- "$SH" '123456782;Energie;april;10;'
bad "bad amount" signals \
	"bad.csv:2:4: column 'Achterstand (EUR)': not an amount in euros" \
	$M --id-kind bsn -- "$SH" '123456782;Energie;01-04-2025;tien euro;'
bad "negative amount" signals \
	"bad.csv:2:4: column 'Achterstand (EUR)': not an amount in euros" \
	$M --id-kind bsn -- "$SH" '123456782;Energie;01-04-2025;-10;'

# Options that are wrong before any file is read.
printf '%s\n' "$HH" "$GOOD" >"$T/ok.csv"
usage_bad() { # <name> <exit> <message> <args...>
	uname=$1 want_rc=$2 msg=$3
	shift 3
	sqlite3 "$INZICHT_DB" .dump >"$T/before.sql"
	run import "$@"
	expect_rc "$uname: exit $want_rc" "$want_rc"
	expect_err "$uname: message" "$msg"
	sqlite3 "$INZICHT_DB" .dump >"$T/after.sql"
	check "$uname: store unchanged" cmp -s "$T/before.sql" "$T/after.sql"
}
usage_bad "unknown --map field" 2 "inzicht: import: map 'colour': 'households' has no such field" \
	households ok.csv $KEY $M --map colour=Kleur
usage_bad "unknown kind in a map line" 2 "inzicht: import: map 'gezin.region': unknown kind 'gezin'" \
	households ok.csv $KEY $M --map gezin.region=Wijk
usage_bad "--map without =" 2 "inzicht: import: --map expects field=Column" \
	households ok.csv $KEY --map region
printf 'households.region=Wijkcode\nregio Wijkcode\n' >"$T/bad.map"
usage_bad "bad map file line" 1 "inzicht: import: $T/bad.map:2: expected field=Column" \
	households ok.csv $KEY --map-file "$T/bad.map"
usage_bad "missing map file" 1 "inzicht: import: cannot read 'nosuch.map': No such file or directory" \
	households ok.csv $KEY --map-file nosuch.map
usage_bad "unknown kind" 2 "inzicht: import: unknown kind 'huishoudens' (expected households, participation or signals)" \
	huishoudens ok.csv $KEY $M
usage_bad "no file" 2 "inzicht: import: expected a kind and a file" households
usage_bad "bad --id-kind" 2 "inzicht: import: --id-kind expects bsn or client" \
	households ok.csv $KEY $M --id-kind sofi
usage_bad "bad --period" 2 "inzicht: import: --period expects a year, e.g. 2025" \
	households ok.csv $KEY $M --period 25
usage_bad "missing file" 1 "inzicht: import: cannot read 'nosuch.csv': No such file or directory" \
	households nosuch.csv $KEY $M
printf '{"schemes": []}\n' >"$T/schemes.json"
usage_bad "bad schemes file" 1 "inzicht: import: schemes.json: key 'schemes': expected a non-empty list" \
	households ok.csv $KEY $M --schemes schemes.json

# A map line for another kind never matters, even an unknown field of it.
rm -f "$T/v.db"
run import households "$D/huishoudens-puntkomma.csv" --map-file "$MAP" --id-kind bsn \
	$KEY --db "$T/v.db" --map participation.scheme=Nergens --map signals.partner=Nergens
expect_rc "map lines of other kinds are ignored" 0

# ---- --reject: the good rows in, the bad ones out with a reason ------------

umask 022
rm -f "$T/rej.db"
printf '%s\r\n' "$HH;Opmerking" \
	"123456782;WK059901;1980;eenpersoons;0;90;2025;goed" \
	"123456789;WK059901;1980;eenpersoons;0;90;2025;elfproef" \
	"111222333;Noord;1980;eenpersoons;0;90;2025;\"regio; fout\"" \
	"900000004;WK059901;1980;eenpersoons;0;veel;2025;$(printf 'cli\353nt')" \
	"900000016;WK059901;1980;eenpersoons;0;90" \
	"900000028;WK059901;1980;Gezin;0;90;2025;" \
	"900000041;WK059901;1980;eenpersoons;0;90;2025;" >"$T/mixed.csv"
run import households mixed.csv --db "$T/rej.db" $KEY $M --id-kind bsn --reject rejects.csv
expect_rc "--reject: exit 3" 3
expect_err "--reject: summary" "mixed.csv: 2 rows imported, 5 rejected (delimiter ';', Windows-1252 converted to UTF-8)"
check "--reject: the good rows are imported" [ "$(sqlite3 "$T/rej.db" "select count(*) from household")" = 2 ]
check "--reject: the import log counts both" [ "$(sqlite3 "$T/rej.db" "select rows || '/' || rejected from import_log")" = "2/5" ]
check "--reject: reject file mode 0600" [ "$(stat -c %a "$T/rejects.csv")" = 600 ]
check "--reject: no identifier on stderr" no_long_digits
printf '%s\r\n' "$HH;Opmerking;reden" \
	"123456789;WK059901;1980;eenpersoons;0;90;2025;elfproef;mixed.csv:3:1: column 'BSN aanvrager': not a valid BSN (elfproef)" \
	"111222333;Noord;1980;eenpersoons;0;90;2025;\"regio; fout\";mixed.csv:4:2: column 'Wijkcode': not a wijk, buurt or gemeente code" \
	"900000004;WK059901;1980;eenpersoons;0;veel;2025;$(printf 'cli\303\253nt');mixed.csv:5:6: column 'Inkomen % sociaal minimum': not a percentage of the social minimum" \
	"900000016;WK059901;1980;eenpersoons;0;90;mixed.csv:6: expected 8 fields, got 6" \
	"900000028;WK059901;1980;Gezin;0;90;2025;;mixed.csv:7:5: column 'Aantal minderjarige kinderen': number of children does not fit the household type" \
	>"$T/want-rejects.csv"
check "--reject: rows with their reason, converted to UTF-8" cmp -s "$T/want-rejects.csv" "$T/rejects.csv"
if ! cmp -s "$T/want-rejects.csv" "$T/rejects.csv"; then diff "$T/want-rejects.csv" "$T/rejects.csv" | head -20; fi
run import households mixed.csv --db "$T/rej.db" $KEY $M --id-kind bsn --reject rejects.csv
expect_rc "--reject again: exit 3" 3
check "--reject again: the reject file is rewritten, not appended" cmp -s "$T/want-rejects.csv" "$T/rejects.csv"
check "--reject again: idempotent" [ "$(sqlite3 "$T/rej.db" "select count(*) from household")" = 2 ]
# A file-level fault is still all or nothing, even with --reject.
printf '%s\n' "$HH" "$GOOD" '"123456782;WK059901;1980;eenpersoons;0;90;2025' >"$T/unclosed.csv"
sqlite3 "$T/rej.db" .dump >"$T/before.sql"
run import households unclosed.csv --db "$T/rej.db" $KEY $M --id-kind bsn --reject rejects2.csv
expect_rc "--reject with an unclosed quote: exit 1" 1
sqlite3 "$T/rej.db" .dump >"$T/after.sql"
check "--reject with an unclosed quote: store unchanged" cmp -s "$T/before.sql" "$T/after.sql"

# ---- no clear identifier in the store files --------------------------------

GEN=${IZ_GENREC:-$IZ_ROOT/build/tools/gen_records}
[ -x "$GEN" ] || make -s -C "$IZ_ROOT" build/tools/gen_records >/dev/null
"$GEN" --households 300 --seed 5 --out "$T/gen" >/dev/null 2>&1
check "gen_records wrote an export" [ -s "$T/gen/huishoudens.csv" ]
export INZICHT_DB=$T/pii.db
for kind in households:huishoudens participation:deelname signals:signalen; do
	run import "${kind%%:*}" "$T/gen/${kind#*:}.csv" --map-file "$T/gen/kolommen.map" --id-kind bsn
	expect_rc "generated ${kind%%:*} import" 0
done
run import households "$D/huishoudens-puntkomma.csv" --map-file "$MAP" --id-kind bsn
run import participation "$D/deelname.csv" --map-file "$MAP" --id-kind bsn
run import signals "$D/signalen.csv" --map-file "$MAP" --id-kind bsn
# Every identifier cell of every input, as written and as 9 digits.
for f in "$T"/gen/huishoudens.csv "$T"/gen/deelname.csv "$T"/gen/signalen.csv \
	"$D"/huishoudens-puntkomma.csv "$D"/deelname.csv "$D"/signalen.csv; do
	sed 1d "$f" | cut -d';' -f1 | grep -E '^[0-9.]{8,11}$' | tr -d '.'
done | sort -u >"$T/ids.txt"
awk 'length($0) == 8 { print "0" $0 }' "$T/ids.txt" >>"$T/ids.txt"
check "identifiers collected ($(wc -l <"$T/ids.txt"))" [ "$(wc -l <"$T/ids.txt")" -gt 300 ]
# 300 generated and 4 fixture households, one of them (900000004) in both:
# the same BSN, the same pseudonym.
check "the store holds the generated households" [ "$(sqlite3 "$INZICHT_DB" "select count(*) from household")" = 303 ]
found=0
for f in "$INZICHT_DB" "$INZICHT_DB-wal" "$INZICHT_DB-shm" "$INZICHT_DB-journal"; do
	[ -f "$f" ] || continue
	n=$(grep -c -a -F -f "$T/ids.txt" "$f")
	found=$((found + n))
done
check "no clear identifier in the store files" [ "$found" -eq 0 ]
sed 's/^0*//' "$T/ids.txt" | paste -sd, >"$T/ids.sql"
check "no identifier stored as a number" [ "$(sqlite3 "$INZICHT_DB" "select
	(select count(*) from household where id in ($(cat "$T/ids.sql"))) +
	(select count(*) from participation where household in ($(cat "$T/ids.sql"))) +
	(select count(*) from signal where household in ($(cat "$T/ids.sql")))")" = 0 ]
check "participation of generated data links to households" [ "$(sqlite3 "$INZICHT_DB" "select count(*) from participation p left join household h on h.id = p.household where h.id is null")" = 1 ]
check "signals of generated data link to households" [ "$(sqlite3 "$INZICHT_DB" "select count(*) from signal s left join household h on h.id = s.household where h.id is null")" = 1 ]

# ---- the key file ------------------------------------------------------------

check "key made beside the store" [ -f "$INZICHT_DB.key" ]
check "key file mode 0600" [ "$(stat -c %a "$INZICHT_DB.key")" = 600 ]
check "key file holds 32 bytes" [ "$(wc -c <"$INZICHT_DB.key")" -eq 32 ]
check "the made key is not the counting key" differ "$INZICHT_DB.key" "$T/counting.key"
check "another key, other pseudonyms" [ "$(sqlite3 "$INZICHT_DB" "select count(*) from household where id = -8193165352120622558")" = 0 ]
cp "$INZICHT_DB.key" "$T/saved.key"
run import households "$D/huishoudens-puntkomma.csv" --map-file "$MAP" --id-kind bsn
check "the key is kept, not remade" cmp -s "$INZICHT_DB.key" "$T/saved.key"
chmod 640 "$INZICHT_DB.key"
sqlite3 "$INZICHT_DB" .dump >"$T/before.sql"
run import households "$D/huishoudens-komma.csv" --map-file "$MAP" --id-kind bsn
expect_rc "group-readable key refused: exit 1" 1
check "group-readable key refused: message" [ "$ERR" = "inzicht: import: key file '$INZICHT_DB.key' is readable by others (chmod 600 it)" ]
sqlite3 "$INZICHT_DB" .dump >"$T/after.sql"
check "group-readable key refused: store unchanged" cmp -s "$T/before.sql" "$T/after.sql"
chmod 604 "$INZICHT_DB.key"
run import households "$D/huishoudens-komma.csv" --map-file "$MAP" --id-kind bsn
expect_rc "world-readable key refused" 1
chmod 600 "$INZICHT_DB.key"
head -c 16 "$T/saved.key" >"$T/short.key"
chmod 600 "$T/short.key"
run import households "$D/huishoudens-komma.csv" --map-file "$MAP" --id-kind bsn --key "$T/short.key"
expect_rc "short key refused" 1
expect_err "short key refused: message" "key file '$T/short.key' is not a 32-byte key"
rm -f "$T/fresh.db" "$T/fresh.db.key"
umask 000
run import households "$D/huishoudens-komma.csv" --map-file "$MAP" --id-kind bsn --db "$T/fresh.db"
umask 022
expect_rc "import into a new store" 0
check "new key is 0600 whatever the umask" [ "$(stat -c %a "$T/fresh.db.key")" = 600 ]
check "new store is 0600 whatever the umask" [ "$(stat -c %a "$T/fresh.db")" = 600 ]
