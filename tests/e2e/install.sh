# make install / uninstall into a DESTDIR: the installed program finds its
# catalog and queries without any option.
. "$IZ_ROOT/tests/e2e/lib/common.sh"

inst=$T/inst
make -s -C "$IZ_ROOT" -o "$IZ_BIN" install BIN="$IZ_BIN" DESTDIR="$inst" \
	PREFIX=/opt/iz >"$T/out" 2>"$T/err"
RC=$?
expect_rc "make install exits 0" 0
check "binary installed" [ -x "$inst/opt/iz/bin/inzicht" ]
check "catalog installed" [ -f "$inst/opt/iz/share/inzicht/datasets/kwb-2025.json" ]
check "queries installed" [ -f "$inst/opt/iz/share/inzicht/queries/profile.sql" ]

IZ_BIN=$inst/opt/iz/bin/inzicht
run datasets
expect_rc "installed inzicht lists its catalog" 0
expect_out "installed catalog is found" "rivm-gezondheid-wijk-2024"
run query --list
expect_out "installed queries are found" "rank_wijken"

make -s -C "$IZ_ROOT" uninstall DESTDIR="$inst" PREFIX=/opt/iz >"$T/out" 2>"$T/err"
RC=$?
expect_rc "make uninstall exits 0" 0
check "uninstall removes the binary" [ ! -e "$inst/opt/iz/bin/inzicht" ]
check "uninstall removes the data" [ ! -e "$inst/opt/iz/share/inzicht" ]
