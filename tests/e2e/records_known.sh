# The records analyses on a store whose answers are known by hand: 164
# households of 2025 (and 3 of 2024) written from the table below, their
# participation chosen so that every level, uptake, combination and signal
# count follows from it. Exact counts with --min-cell 0; the default
# suppression of the small ones, complementary suppression, and that no
# published statistic gives a suppressed count away; the chi-square of the
# levels table against R.
. "$IZ_ROOT/tests/e2e/lib/common.sh"

# id prefix, birth year, type, children, income, region, schemes, count.
# Level k (1-5) uses the first k of: gemeentepolis meedoen energietoeslag
# bijzondere_bijstand schuldhulp (5 schemes count as level 4+). Income 90:
# eligible for every income-tested scheme (kindpakket only with children,
# inkomenstoeslag only under 67); income 110: eligible for gemeentepolis,
# meedoen, energietoeslag, bijzondere_bijstand and schuldhulp but using
# none (level 0); income 200: eligible for nothing (not counted).
# J = jongvolwassen (25 in 2025), V = volwassen (45), O = oudere (75).
cat >"$T/spec" <<'EOF'
J0 2000 eenpersoons 0 110 WK059901 0 3
J1a 2000 eenpersoons 0 90 WK059901 1 10
J1b 2000 Eenoudergezin 1 90 WK059901 1 5
J2 2000 eenpersoons 0 90 WK059901 2 10
J3 2000 eenpersoons 0 90 WK059901 3 8
J4 2000 eenpersoons 0 90 WK059901 4 4
J5 2000 eenpersoons 0 90 WK059901 5 3
V0 1980 eenpersoons 0 110 WK059901 0 4
V1 1980 eenpersoons 0 90 WK059901 1 20
V2 1980 eenpersoons 0 90 WK059901 2 25
V3 1980 eenpersoons 0 90 WK059901 3 10
V4 1980 eenpersoons 0 90 WK059901 4 3
V5 1980 eenpersoons 0 90 WK059901 5 2
O0 1950 paar_zonder_kinderen 0 110 BU05990301 0 2
O1 1950 paar_zonder_kinderen 0 90 BU05990301 1 25
O2 1950 paar_zonder_kinderen 0 90 BU05990301 2 10
O3 1950 paar_zonder_kinderen 0 90 BU05990301 3 6
O4 1950 paar_zonder_kinderen 0 90 BU05990301 4 5
O5 1950 paar_zonder_kinderen 0 90 BU05990301 5 4
X 1980 eenpersoons 0 200 GM0599 0 5
EOF
awk 'BEGIN { split("gemeentepolis meedoen energietoeslag bijzondere_bijstand schuldhulp", s, " ")
	print "household_id;region;head_birth_year;household_type;children;income_pct_sm;period" >"hh.csv"
	print "household_id;scheme;start_date;end_date" >"part.csv" }
	{ for (i = 1; i <= $8; i++) {
		id = sprintf("%s-%02d", $1, i)
		printf "%s;%s;01-07-%s;%s;%s;%s;2025\n", id, $6, $2, $3, $4, $5 >"hh.csv"
		for (k = 1; k <= $7 && $5 < 200; k++)
			printf "%s;%s;01-01-2025;\n", id, s[k] >"part.csv" } }' "$T/spec"
{
	# The period 2024: three households, each in gemeentepolis in 2024.
	for i in 1 2 3; do echo "OLD-$i;WK059901;1980;eenpersoons;0;90;2024"; done
} >>hh.csv
{
	# Boundaries: active on the first and on the last day of 2025 (these
	# replace J1a-01's and J1a-02's rows, removed below).
	echo "J1a-01;gemeentepolis;2024-06-01;2025-01-01"
	echo "J1a-02;gemeentepolis;31-12-2025;"
	# Not active in 2025: they must change nothing.
	echo "X-01;gemeentepolis;01-01-2020;31-12-2024"
	echo "X-02;meedoen;01-01-2026;"
	# One household not eligible for what it uses: outside_eligible.
	echo "X-05;meedoen;01-03-2025;"
	# No household record in 2025: counted apart.
	echo "WEES-1;schuldhulp;01-03-2025;"
	for i in 1 2 3; do echo "OLD-$i;gemeentepolis;01-01-2024;31-12-2024"; done
} >>part.csv
# J1a-01's first row above starts 01-01-2025; remove it so that only the
# period ending on 2025-01-01 makes J1a-01 a user, and J1a-02's so that
# only the one starting on 2025-12-31 does.
grep -v '^J1a-0[12];gemeentepolis;01-01-2025;$' part.csv >part2.csv
mv part2.csv part.csv
cat >sig.csv <<'EOF'
household_id;partner;signal_date;arrears_eur;outcome
J1a-01;Energie;10-01-2025;420,50;contact gelegd
J1a-01;Woningcorporatie;12-07-2025;1350;
V0-01;Drinkwater;01-03-2025;140;geen contact
V0-02;huur;01-03-2025;900;
V0-02;huur;01-09-2025;950;
O5-01;Zorgverzekeraar;01-02-2025;390;doorverwezen
X-01;Overig;01-04-2025;600;
V1-01;Energie;15-12-2024;300;
WEES-1;Energie;01-05-2025;100;
EOF

run import households hh.csv
expect_rc "known households import" 0
expect_err "known households: 167 rows" "hh.csv: 167 rows imported, 0 rejected"
run import participation part.csv
expect_rc "known participation import" 0
run import signals sig.csv
expect_rc "known signals import" 0

# ---- stacking levels: exact counts ----------------------------------------

# Level counts (groups x 0, 1, 2, 3, 4+, totaal):
#   jongvolwassen  3 15 10  8  7   43
#   volwassen      4 21 25 10  5   65   (X-05 uses one scheme: level 1)
#   oudere         2 25 10  6  9   52
#   all            9 61 45 24 21  160   (X-01..X-04: neither eligible nor using)
run stacking --view levels --by life_stage --min-cell 0 --format csv
expect_rc "levels --min-cell 0: exit 0" 0
cut -d, -f1-3,5,6 "$T/out" >"$T/got.csv"
# Adjusted residuals of levels 1 to 4+ (level 0 is not tested):
#   Rscript -e 'm <- matrix(c(15,10,8,7, 21,25,10,5, 25,10,6,9), 3, byrow=TRUE);
#               round(chisq.test(m)$stdres, 2)'
#   -0.44 -0.77  0.83  0.77 / -1.23  2.47  0.14 -1.67 / 1.69 -1.85 -0.92  1.02
cat >"$T/want.csv" <<'EOF'
group,schemes,households,adj_residual,flag
kind,0,0,,
kind,1,0,,
kind,2,0,,
kind,3,0,,
kind,4+,0,,
kind,totaal,0,,
jongvolwassen,0,3,,
jongvolwassen,1,15,-0.44,
jongvolwassen,2,10,-0.77,
jongvolwassen,3,8,0.83,
jongvolwassen,4+,7,0.77,
jongvolwassen,totaal,43,,
volwassen,0,4,,
volwassen,1,21,-1.23,
volwassen,2,25,2.47,more
volwassen,3,10,0.14,
volwassen,4+,5,-1.67,
volwassen,totaal,65,,
oudere,0,2,,
oudere,1,25,1.69,
oudere,2,10,-1.85,
oudere,3,6,-0.92,
oudere,4+,9,1.02,
oudere,totaal,52,,
all,0,9,,
all,1,61,,
all,2,45,,
all,3,24,,
all,4+,21,,
all,totaal,160,,
EOF
check "levels --by life_stage --min-cell 0: counts, residuals and flags" cmp -s "$T/want.csv" "$T/got.csv"
cmp -s "$T/want.csv" "$T/got.csv" || diff "$T/want.csv" "$T/got.csv" | head -20
expect_err "levels: period note" "period 2025 (2025-01-01 to 2025-12-31): 164 households"
expect_err "levels: orphan participation note" "1 participation rows of households without a household record in 2025 are not counted"
expect_err "levels: --min-cell 0 warning" "warning: disclosure control is disabled (--min-cell 0)"

run stacking --view levels --by life_stage --min-cell 0 --format json
cp "$T/out" "$T/out.json"
js() { sqlite3 :memory: "select json_extract(readfile('$T/out.json'), '$1')"; }
near() { awk -v a="$1" -v b="$2" -v e="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= e) }'; }
# Rscript -e 'options(digits=15); m <- matrix(c(15,10,8,7, 21,25,10,5, 25,10,6,9), 3,
#   byrow=TRUE); r <- chisq.test(m); r$statistic; r$p.value; sqrt(r$statistic / (151 * 2))'
#   X-squared 9.55818669669785, df 6, p 0.144533432191975, V 0.177903414310976
# Bergsma's corrected V (phi2c = max(0, chi2/n - (k-1)(r-1)/(n-1)), kc = k -
# (k-1)^2/(n-1), rc = r - (r-1)^2/(n-1), sqrt(phi2c / min(kc-1, rc-1))):
#   0.108660260380613
check "levels: n = 151 households with a scheme" [ "$(js '$.statistics.n')" = 151.0 ]
check "levels: chi2 = 9.55818669669785 (R)" near "$(js '$.statistics.chi2')" 9.55818669669785 1e-9
check "levels: df = 6" [ "$(js '$.statistics.df')" = 6.0 ]
check "levels: p = 0.144533432191975 (R, asymptotic)" near "$(js '$.statistics.p_value')" 0.144533432191975 1e-9
check "levels: asymptotic (smallest expected 5.56)" [ "$(js '$.statistics.p_method')" = asymptotic ]
check "levels: Cramér's V = 0.177903414310976" near "$(js '$.statistics.cramers_v')" 0.177903414310976 1e-9
check "levels: corrected V = 0.108660260380613" near "$(js '$.statistics.cramers_v_corrected')" 0.108660260380613 1e-9
check "levels json: jongvolwassen level 1 is 15/43 of its group" \
	near "$(js '$.rows[7][3]')" "$(awk 'BEGIN { printf "%.15g", 100 * 15 / 43 }')" 1e-9
check "levels json: the level 0 residual is null" [ "$(sqlite3 :memory: "select json_type(readfile('$T/out.json'), '\$.rows[6][4]')")" = null ]

# --include-zero: level 0 enters the test.
#   Rscript -e 'm <- matrix(c(3,15,10,8,7, 4,21,25,10,5, 2,25,10,6,9), 3, byrow=TRUE);
#               r <- chisq.test(m); r$statistic; r$p.value'
#   10.080182028333, df 8, p 0.259443245528745; 3 of 15 expected counts
#   below 5 (20%, not more), none below 1: Cochran's rule holds.
run stacking --view levels --by life_stage --min-cell 0 --include-zero --format json
cp "$T/out" "$T/out.json"
check "--include-zero: n = 160" [ "$(js '$.statistics.n')" = 160.0 ]
check "--include-zero: chi2 = 10.080182028333 (R)" near "$(js '$.statistics.chi2')" 10.080182028333 1e-9
check "--include-zero: df = 8" [ "$(js '$.statistics.df')" = 8.0 ]
check "--include-zero: asymptotic (exactly 20% of expected counts below 5)" [ "$(js '$.statistics.p_method')" = asymptotic ]
check "--include-zero: p = 0.259443245528745 (R)" near "$(js '$.statistics.p_value')" 0.259443245528745 1e-9
check "--include-zero: V = 0.177483996006797" near "$(js '$.statistics.cramers_v')" 0.177483996006797 1e-9
check "--include-zero: level 0 has a residual" [ "$(sqlite3 :memory: "select json_type(readfile('$T/out.json'), '\$.rows[6][4]')")" = real ]

run stacking --view levels --by household_type --min-cell 0 --format csv
check "levels by household_type: eenpersoons" [ "$(grep '^eenpersoons,' "$T/out" | cut -d, -f3 | paste -sd' ')" = "7 31 35 18 12 103" ]
check "levels by household_type: eenouder (label Eenoudergezin)" [ "$(grep '^eenouder,' "$T/out" | cut -d, -f3 | paste -sd' ')" = "0 5 0 0 0 5" ]
check "levels by household_type: paar_zonder_kinderen" [ "$(grep '^paar_zonder_kinderen,' "$T/out" | cut -d, -f3 | paste -sd' ')" = "2 25 10 6 9 52" ]
check "levels by household_type: paar_met_kinderen empty" [ "$(grep '^paar_met_kinderen,' "$T/out" | cut -d, -f3 | paste -sd' ')" = "0 0 0 0 0 0" ]
run stacking --view levels --by wijk --min-cell 0 --format csv
check "levels by wijk: WK059901" [ "$(grep '^WK059901,' "$T/out" | cut -d, -f3 | paste -sd' ')" = "7 35 35 18 12 107" ]
check "levels by wijk: a buurt counts in its wijk" [ "$(grep '^WK059903,' "$T/out" | cut -d, -f3 | paste -sd' ')" = "2 25 10 6 9 52" ]
check "levels by wijk: GM0599 (X-05 only)" [ "$(grep '^GM0599,' "$T/out" | cut -d, -f3 | paste -sd' ')" = "0 1 0 0 0 1" ]
check "levels by wijk: no buurt groups" [ "$(grep -c '^BU' "$T/out")" -eq 0 ]
run stacking --view levels --min-cell 0 --format csv
check "levels without --by" [ "$(sed 1d "$T/out" | cut -d, -f1-3 | paste -sd' ')" = \
	"all,0,9 all,1,61 all,2,45 all,3,24 all,4+,21 all,totaal,160" ]
run stacking --view levels --period 2024 --min-cell 0 --format csv
check "levels --period 2024: the three households of 2024" [ "$(sed 1d "$T/out" | cut -d, -f1-3 | paste -sd' ')" = \
	"all,0,0 all,1,3 all,2,0 all,3,0 all,4+,0 all,totaal,3" ]
expect_err "levels --period 2024: its note" "period 2024 (2024-01-01 to 2024-12-31): 3 households"

# ---- default min-cell: small cells hidden, nothing derivable --------------

run stacking --view levels --by life_stage --format csv
cp "$T/out" "$T/sup.csv"
check "default: every count below 10 is '.'" awk -F, 'NR > 1 && $3 != "." && $3 > 0 && $3 < 10 { bad = 1 } END { exit bad }' "$T/sup.csv"
for c in jongvolwassen,0 jongvolwassen,3 jongvolwassen,4+ volwassen,0 volwassen,4+ oudere,0 oudere,3 oudere,4+ all,0; do
	check "default: $c is suppressed" [ "$(grep "^$c," "$T/sup.csv" | cut -d, -f3)" = . ]
done
check "default: kind zeros stay published" [ "$(grep -c '^kind,[^,]*,0,' "$T/sup.csv")" -eq 6 ]
check "default: a suppressed count has no percentage" awk -F, '$3 == "." && $4 != "." { bad = 1 } END { exit bad }' "$T/sup.csv"
check "default: a suppressed count has no residual" awk -F, '$3 == "." && $5 != "" { bad = 1 } END { exit bad }' "$T/sup.csv"
# No group and no level with exactly one '.' among its cells and total.
check "default: no group or level with a single '.'" awk -F, '
	NR > 1 { cell[$1, $2] = $3; g[$1] = 1; l[$2] = 1 }
	END {
		for (a in g) { n = 0; for (b in l) n += cell[a, b] == "."; if (n == 1) { print a; bad = 1 } }
		for (b in l) { n = 0; for (a in g) n += cell[a, b] == "."; if (n == 1) { print b; bad = 1 } }
		exit bad }' "$T/sup.csv"
# The published counts of each group still add up with the hidden ones
# unknown: the hidden cells of a row sum to totaal minus the published.
run stacking --view levels --by life_stage --format json
cp "$T/out" "$T/out.json"
check "default json: suppressed counts are null" [ "$(sqlite3 :memory: "select count(*) from json_each(readfile('$T/out.json'), '\$.rows')
	where json_extract(value, '\$[1]') = '0' and json_extract(value, '\$[0]') != 'kind' and json_type(value, '\$[2]') != 'null'")" = 0 ]
# The statistics come from the true counts: they must not give a hidden
# count away. Here all/0 (9) is hidden and all/totaal (160) is published:
# n = 151 (or chi2 / (V^2 (min(r, c) - 1)), the same n) would tell 9.
all0=$(grep '^all,0,' "$T/sup.csv" | cut -d, -f3)
alltot=$(grep '^all,totaal,' "$T/sup.csv" | cut -d, -f3)
n=$(js '$.statistics.n')
chi2=$(js '$.statistics.chi2')
v=$(js '$.statistics.cramers_v')
n_from_v=$(awk -v c="$chi2" -v v="$v" 'BEGIN { if (v > 0) printf "%.0f", c / (v * v * 2) }')
leaks() { # <n>: does totaal - n reveal the hidden all/0?
	[ "$all0" = . ] && [ "$alltot" != . ] && [ -n "$1" ] &&
		[ "$(awk -v t="$alltot" -v n="$1" 'BEGIN { printf "%.0f", t - n }')" = 9 ]
}
check "default: statistics.n does not reveal the hidden level-0 total" eval '! leaks "$n"'
check "default: chi2 and Cramér's V do not reveal it either" eval '! leaks "$n_from_v"'
# Adjusted residuals are published beside published counts. With the
# level's column total, n and the residual, an attacker solves for the
# group's total over levels 1-4+, i.e. totaal minus the hidden level 0.
check "default: residuals do not reveal a hidden level-0 count" awk -F, -v n="${n:-$n_from_v}" '
	NR > 1 { cell[$1, $2] = $3; res[$1, $2] = $5; g[$1] = 1 }
	END {
		split("1 2 3 4+", lv, " ")
		for (a in g) {
			if (a == "all" || cell[a, "0"] != "." || cell[a, "totaal"] == ".") continue
			tot = cell[a, "totaal"]; found = 0
			for (R = 0; R <= tot; R++) {
				okR = 1; used = 0
				for (i = 1; i <= 4; i++) {
					x = cell[a, lv[i]]; C = cell["all", lv[i]]; r = res[a, lv[i]]
					if (x == "." || C == "." || r == "" || n == "") continue
					E = R * C / n; den = E * (1 - R / n) * (1 - C / n)
					if (den <= 0) { okR = 0; break }
					used = 1
					if (sprintf("%.2f", (x - E) / sqrt(den)) != sprintf("%.2f", r)) { okR = 0; break }
				}
				if (used && okR) { found++; Rfound = R }
			}
			if (found == 1) { print a ": level 0 = " tot - Rfound; bad = 1 }
		}
		exit bad }' "$T/sup.csv"

# ---- uptake: exact counts ---------------------------------------------------

# scheme: eligible, participants, outside_eligible
run uptake --min-cell 0 --format csv
expect_rc "uptake --min-cell 0: exit 0" 0
cut -d, -f1-4,9 "$T/out" >"$T/got.csv"
cat >"$T/want.csv" <<'EOF'
scheme,group,eligible,participants,outside_eligible
bijzondere_bijstand,all,159,21,0
energietoeslag,all,159,45,0
gemeentepolis,all,159,150,0
inkomenstoeslag,all,100,0,0
kindpakket,all,5,0,0
kwijtschelding,all,150,0,0
meedoen,all,159,90,1
schuldhulp,all,159,9,0
any,all,159,150,1
EOF
check "uptake --min-cell 0: eligible, participants, outside" cmp -s "$T/want.csv" "$T/got.csv"
cmp -s "$T/want.csv" "$T/got.csv" || diff "$T/want.csv" "$T/got.csv"
# Rscript -e 'prop.test(45, 159, correct = FALSE)$conf.int * 100'  # 21.88 35.75
check "uptake energietoeslag: 28.3% with Wilson 21.9-35.8" [ "$(grep '^energietoeslag,' "$T/out" | cut -d, -f5-8)" = "28.3,21.9,35.8,wilson" ]
check "uptake kindpakket: 0% with Clopper-Pearson" [ "$(grep '^kindpakket,' "$T/out" | cut -d, -f5,8)" = "0.0,clopper-pearson" ]
expect_err "uptake: the eligibility note" "eligibility: each scheme's income threshold and target group"

run uptake --by life_stage --min-cell 0 --format csv
check "uptake gemeentepolis by life stage" [ "$(grep '^gemeentepolis,' "$T/out" | cut -d, -f2-4 | paste -sd' ')" = \
	"kind,0,0 jongvolwassen,43,40 volwassen,64,60 oudere,52,50 all,159,150" ]
check "uptake inkomenstoeslag: not for oudere" [ "$(grep '^inkomenstoeslag,oudere,' "$T/out" | cut -d, -f3)" = 0 ]
check "uptake meedoen: X-05 outside the eligible, volwassen" [ "$(grep '^meedoen,volwassen,' "$T/out" | cut -d, -f9)" = 1 ]
run uptake --by life_stage --min-cell 0 --format json
cp "$T/out" "$T/out.json"
# Rscript -e 'chisq.test(matrix(c(40,3, 60,4, 50,2), 3, byrow=TRUE))$statistic'
#   0.501714370900417 (2 x 2 tables aside, no continuity correction), df 2
check "uptake gemeentepolis chi2 = 0.501714370900417 (R)" near "$(js '$.statistics."chi2.gemeentepolis"')" 0.501714370900417 1e-9
check "uptake gemeentepolis df = 2" [ "$(js '$.statistics."df.gemeentepolis"')" = 2.0 ]

run uptake --threshold 100 --min-cell 0 --format csv
check "--threshold 100: gemeentepolis among the 150 at 90%" [ "$(grep '^gemeentepolis,' "$T/out" | cut -d, -f3,4)" = "150,150" ]
check "--threshold 100: any" [ "$(grep '^any,' "$T/out" | cut -d, -f3,4,9)" = "150,150,1" ]
check "--threshold 100: kindpakket keeps its target group" [ "$(grep '^kindpakket,' "$T/out" | cut -d, -f3)" = 5 ]

run uptake --segments --min-cell 0 --format csv
cut -d, -f1-5 "$T/out" >"$T/got.csv"
cat >"$T/want.csv" <<'EOF'
wijk,life_stage,household_type,eligible,not_reached
WK059901,volwassen,eenpersoons,64,4
WK059901,jongvolwassen,eenpersoons,38,3
WK059903,oudere,paar_zonder_kinderen,52,2
WK059901,jongvolwassen,eenouder,5,0
EOF
check "segments --min-cell 0: largest first" cmp -s "$T/want.csv" "$T/got.csv"
cmp -s "$T/want.csv" "$T/got.csv" || diff "$T/want.csv" "$T/got.csv"

# ---- combinations and pairs -----------------------------------------------

run stacking --view combinations --min-cell 0 --format csv
cut -d, -f1-4 "$T/out" >"$T/got.csv"
cat >"$T/want.csv" <<'EOF'
group,combination,degree,households
all,gemeentepolis,1,60
all,gemeentepolis+meedoen,2,45
all,energietoeslag+gemeentepolis+meedoen,3,24
all,bijzondere_bijstand+energietoeslag+gemeentepolis+meedoen,4,12
all,bijzondere_bijstand+energietoeslag+gemeentepolis+meedoen+schuldhulp,5,9
all,meedoen,1,1
EOF
check "combinations distinct --min-cell 0" cmp -s "$T/want.csv" "$T/got.csv"
cmp -s "$T/want.csv" "$T/got.csv" || diff "$T/want.csv" "$T/got.csv"
# expected {meedoen} alone = 164 x 91/164 x (1 - 150/164) x (1 - 45/164) x
# (1 - 21/164) x (1 - 9/164) = 91 x 14/164 x 119/164 x 143/164 x 155/164 = 4.6
check "combinations: expected under independence" [ "$(grep '^all,meedoen,' "$T/out" | cut -d, -f5)" = \
	"$(awk 'BEGIN { printf "%.1f", 91 * 14 / 164 * 119 / 164 * 143 / 164 * 155 / 164 }')" ]
run stacking --view combinations --mode inclusive --min-cell 0 --format csv
cut -d, -f1-4 "$T/out" >"$T/got.csv"
cat >"$T/want.csv" <<'EOF'
group,combination,degree,households
all,gemeentepolis,1,150
all,meedoen,1,91
all,gemeentepolis+meedoen,2,90
all,energietoeslag+gemeentepolis+meedoen,3,45
all,bijzondere_bijstand+energietoeslag+gemeentepolis+meedoen,4,21
all,bijzondere_bijstand+energietoeslag+gemeentepolis+meedoen+schuldhulp,5,9
EOF
check "combinations inclusive --min-cell 0" cmp -s "$T/want.csv" "$T/got.csv"
cmp -s "$T/want.csv" "$T/got.csv" || diff "$T/want.csv" "$T/got.csv"
run stacking --view combinations --by life_stage --min-cell 0 --format csv
check "combinations by life stage: oudere's five" [ "$(grep '^oudere,bijzondere_bijstand+energietoeslag+gemeentepolis+meedoen+schuldhulp,' "$T/out" | cut -d, -f4)" = 4 ]
check "combinations by life stage: volwassen's meedoen alone" [ "$(grep '^volwassen,meedoen,' "$T/out" | cut -d, -f4)" = 1 ]

run stacking --view pairs --min-cell 0 --format csv
check "pairs: diagonal = users of each scheme" [ "$(awk -F, '$1 == $2 { print $1 "=" $3 }' "$T/out" | paste -sd' ')" = \
	"bijzondere_bijstand=21 energietoeslag=45 gemeentepolis=150 meedoen=91 schuldhulp=9" ]
check "pairs: gemeentepolis and meedoen together" [ "$(grep '^gemeentepolis,meedoen,' "$T/out" | cut -d, -f3)" = 90 ]
check "pairs: 15 pairs of the 5 schemes in use" [ "$(sed 1d "$T/out" | wc -l)" -eq 15 ]
# phi over the 164 households of 2025:
# Rscript -e 'gp <- c(rep(1,150), rep(0,14)); me <- c(rep(1,90), rep(0,60), 1, rep(0,13)); cor(gp, me)'
#   0.297187956141684
check "pairs: phi(gemeentepolis, meedoen) = 0.297 (R)" [ "$(grep '^gemeentepolis,meedoen,' "$T/out" | cut -d, -f4)" = 0.297 ]

# ---- signals ----------------------------------------------------------------

# J1a-01: energie and huur 183 days apart (a repeat); V0-01: water; V0-02:
# huur twice, 184 days apart (no repeat); O5-01 (in schuldhulp):
# zorgverzekeraar; X-01: other. V1-01's signal is in 2024; WEES-1 has no
# household.
run signals --min-cell 0 --format csv
expect_rc "signals --min-cell 0: exit 0" 0
cat >"$T/want.csv" <<'EOF'
group,households,any_scheme,pct_any_scheme,schuldhulp,pct_schuldhulp,repeat_signal,not_reached
energie,1,1,100.0,0,0.0,1,0
huur,2,1,50.0,0,0.0,1,1
water,1,0,0.0,0,0.0,0,1
zorgverzekeraar,1,1,100.0,1,100.0,0,0
other,1,0,0.0,0,0.0,0,1
all,5,2,40.0,1,20.0,1,3
EOF
check "signals by partner --min-cell 0" cmp -s "$T/want.csv" "$T/out"
cmp -s "$T/want.csv" "$T/out" || diff "$T/want.csv" "$T/out"
expect_err "signals: orphan note" "1 signals of households without a household record in 2025 are not counted"
run signals --by life_stage --min-cell 0 --format csv
cat >"$T/want.csv" <<'EOF'
group,households,any_scheme,pct_any_scheme,schuldhulp,pct_schuldhulp,repeat_signal,not_reached
kind,0,0,,0,,0,0
jongvolwassen,1,1,100.0,0,0.0,1,0
volwassen,3,0,0.0,0,0.0,0,3
oudere,1,1,100.0,1,100.0,0,0
all,5,2,40.0,1,20.0,1,3
EOF
check "signals by life stage --min-cell 0" cmp -s "$T/want.csv" "$T/out"
cmp -s "$T/want.csv" "$T/out" || diff "$T/want.csv" "$T/out"
run signals --by none --min-cell 0 --format csv
check "signals by none" [ "$(sed 1d "$T/out")" = "all,5,2,40.0,1,20.0,1,3" ]
run signals --by wijk --min-cell 0 --format csv
check "signals by wijk" [ "$(grep -E '^(WK059901|WK059903|GM0599),' "$T/out" | cut -d, -f1,2 | sort | paste -sd' ')" = \
	"GM0599,1 WK059901,3 WK059903,1" ]

# With the default threshold every one of these counts is below 10.
run signals --format csv
check "signals default: small counts hidden" [ "$(grep '^all,' "$T/out" | cut -d, -f2,3,5,7,8)" = ".,.,.,.,." ]
