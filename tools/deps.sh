#!/bin/sh
# Check the build dependencies of inzicht; on Debian as root, install the
# missing ones with apt-get (and say so); elsewhere print the exact list.
# usage: tools/deps.sh [build|test]   (default test: the build set plus
# what the test suite needs: cmocka, libxml2, xmllint, sqlite3, Chromium)
set -u
for_tests=1
[ "${1:-test}" = build ] && for_tests=0
# pkg-config module : Debian package
need="libcurl:libcurl4-openssl-dev jansson:libjansson-dev gsl:libgsl-dev
sqlite3:libsqlite3-dev libsodium:libsodium-dev libcrypto:libssl-dev"
[ $for_tests = 1 ] && need="$need cmocka:libcmocka-dev libxml-2.0:libxml2-dev"
missing=""
command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
for pair in $need; do
	mod=${pair%%:*}
	pkg=${pair#*:}
	if ! command -v pkg-config >/dev/null 2>&1 ||
		! pkg-config --exists "$mod" 2>/dev/null; then
		missing="$missing $pkg"
	fi
done
# libcsv and GLPK have no pkg-config file.
[ -f /usr/include/csv.h ] || missing="$missing libcsv-dev"
[ -f /usr/include/glpk.h ] || missing="$missing libglpk-dev"
# sqlite3 (the shell) is used by the tests to inspect stores; xmllint
# checks the report's HTML and SVG; headless Chromium renders the report.
if [ $for_tests = 1 ]; then
	command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3"
	command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
	command -v chromium >/dev/null 2>&1 ||
		command -v chromium-browser >/dev/null 2>&1 ||
		missing="$missing chromium"
fi
missing=$(echo $missing)
[ -z "$missing" ] && exit 0

if [ -r /etc/debian_version ] && [ "$(id -u)" = 0 ] &&
	command -v apt-get >/dev/null 2>&1; then
	echo "inzicht: installing missing build dependencies: $missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-get install -y -q $missing >/dev/null 2>&1; then
		apt-get update -q >/dev/null 2>&1
		apt-get install -y -q $missing >&2 || {
			echo "inzicht: apt-get install failed; install: $missing" >&2
			exit 1
		}
	fi
	exit 0
fi
echo "inzicht: missing build dependencies. On Debian/Ubuntu run:" >&2
echo "    sudo apt-get install $missing" >&2
exit 1
