#!/bin/sh
# make lint: stray includes of outside libraries, banned functions, function
# size and complexity (pmccabe when installed), cppcheck when installed.
set -u
rc=0
fail() { echo "lint: $*"; rc=1; }

# Each outside library sits behind one module (STYLE.md).
only() { # <pattern> <allowed files regex>
	grep -ln "$1" src/*.c src/*.h include/inzicht/*.h | grep -vE "$2" |
		while read -r f; do echo "lint: $f includes $1"; done | grep . && rc=1
}
only '#include <sqlite3.h>' 'src/store.c'
only '#include <curl/curl.h>' 'src/http.c'
only '#include <gsl/' 'src/stats.c'
only '#include <glpk.h>' 'src/disclose.c'
only '#include <sodium.h>' 'src/records.c'
only '#include <openssl/' 'src/records.c'
only '#include <jansson.h>' 'src/(catalog|cbs|cbs3|cbs4|cbs_priv|swingods|schemes|output|report|report_priv|report_html|report_records)\.[ch]'

if grep -nE '\b(strcpy|strcat|sprintf|vsprintf|strtok|gets|atoi|atol|atof|localtime|gmtime)\(' \
	src/*.c src/*.h; then
	fail "banned function (see STYLE.md)"
fi
if command -v pmccabe >/dev/null 2>&1; then
	pmccabe src/*.c | awk '$1 > 15 || $5 > 60 { print "lint: " $6 ": " $7 " complexity " $1 ", " $5 " lines"; bad = 1 } END { exit bad }' || rc=1
fi
if command -v cppcheck >/dev/null 2>&1; then
	cppcheck -q --error-exitcode=1 --inline-suppr \
		--enable=warning,performance,portability \
		--std=c11 -Iinclude src || rc=1
fi
[ $rc -eq 0 ] && echo "lint: ok"
exit $rc
