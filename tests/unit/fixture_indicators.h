/*
 * A small store whose answers are known by hand, shared by the unit tests of
 * indicators and compare. Built in a temporary directory through the
 * store's own writers (iz_store_open creates the schema).
 *
 * Regions: NL01; gemeenten GM0001 Alfa .. GM0008 Theta; wijken WK000101,
 * WK000102, WK000103, WK999901 (parent GM0001; the last only by parent),
 * WK000104 (no parent: GM0001 only by its code), WK000201 (GM0002);
 * buurten BU00010101 (WK000101), BU99990101 (WK999901, so GM0001 by the
 * parent's parent), BU00020101 (WK000201).
 *
 * Indicators (datasets kwb-a, kwb-b, rivm):
 *  armoede   kwb-a: 2023JJ00 GM0001-3; 2024JJ00 x below, wijken, buurten,
 *            NL01 4.6; kwb-b: 2025JJ00 rows without values
 *  gezond    rivm, higher_is_better: Leeftijd=10000 (kind), Leeftijd=20300
 *            (totaal: y below, GM0001 with bounds 69.0-71.2, wijken),
 *            Leeftijd=53115 (volwassen, approximate)
 *  eenzaam   rivm: dims "" (10 at GM0001) and Leeftijd=53115 (20)
 *  vreemd    rivm: A=2 (2) and A=1 (1), neither totaal
 *  oud       rivm: 2022JJ00 and 2023JJ00, GM0001-5
 *  maand     kwb-a: 2024MM06 only
 *  inwoners  kwb-a 2024JJ00 five values, kwb-b 2024JJ00 three
 *  gelijk    kwb-a (1) and kwb-b (2), two values each in 2024JJ00
 *  vlak      kwb-a 2024JJ00: 5 in GM0001-6
 * The period table lists the periods of kwb-a and kwb-b, not of rivm.
 *
 * The correlation pair in 2024JJ00 (gemeenten):
 *   region  GM0001 GM0002 GM0003 GM0004 GM0005 GM0006 GM0007 GM0008
 *   x       5.0    7.5    3.2    6.1    4.4    8.3    5.0    (no row)
 *   y       70.1   68.3   74.8   (miss) 69.0   63.9   71.2   71.0
 * so n = 6 and 2 dropped. Wijken of GM0001 in 2024JJ00 (code order
 * WK000101, WK000102, WK000103, WK000104, WK999901): armoede 4, 6, missing,
 * 7, 5; gezond 72, 68, 70, 66, 71.
 */
#ifndef INZICHT_FIXTURE_INDICATORS_H
#define INZICHT_FIXTURE_INDICATORS_H

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inzicht/error.h"
#include "inzicht/store.h"
#include "iztest.h"

struct fx {
	char dir[64];
	char path[128];
	struct iz_store *st;
};

struct fx_obs {
	const char *region;
	const char *period;
	double value; /* NAN: a row without a value */
};

#define MISS ((double)NAN)

static int fx_failed(const struct iz_error *err)
{
	fprintf(stderr, "fixture: %s\n", err->msg);
	return -1;
}

static int fx_dataset(struct iz_store *st, const char *id)
{
	struct iz_dataset_meta m = { .id = id, .source = "cbs-v3",
				     .catalog = "CBS", .table_id = id };
	struct iz_error err = IZ_ERROR_INIT;

	return iz_store_dataset_reset(st, &m, &err) < 0 ? fx_failed(&err) : 0;
}

static int64_t fx_series(struct iz_store *st, const char *dataset,
			 const char *code, const char *dims,
			 const char *polarity, const char *life_stage,
			 bool approximate)
{
	struct iz_indicator_def d = {
		.dataset = dataset, .code = code, .measure = code,
		.dims = dims, .title = code, .unit = "%", .decimals = 1,
		.spearhead = "gezondheid", .polarity = polarity,
		.life_stage = life_stage, .household_type = NULL,
		.approximate = approximate
	};
	struct iz_error err = IZ_ERROR_INIT;
	int64_t id = -1;

	if (iz_store_put_indicator(&id, st, &d, &err) < 0)
		fx_failed(&err);
	return id;
}

static int fx_values(struct iz_store *st, int64_t id, const struct fx_obs *o,
		     size_t n)
{
	struct iz_error err = IZ_ERROR_INIT;
	size_t i;
	bool has;

	for (i = 0; i < n; i++) {
		has = !isnan(o[i].value);
		if (iz_store_put_observation(st, id, o[i].region, o[i].period,
					     IZ_OBS_VALUE, has, o[i].value,
					     has ? NULL : "null", &err) < 0)
			return fx_failed(&err);
	}
	return 0;
}

static int fx_regions(struct iz_store *st)
{
	static const char *const r[][4] = {
		{ "NL01", "Nederland", "land", NULL },
		{ "GM0001", "Alfa", "gemeente", NULL },
		{ "GM0002", "Beta", "gemeente", NULL },
		{ "GM0003", "Gamma", "gemeente", NULL },
		{ "GM0004", "Delta", "gemeente", NULL },
		{ "GM0005", "Epsilon", "gemeente", NULL },
		{ "GM0006", "Zeta", "gemeente", NULL },
		{ "GM0007", "Eta", "gemeente", NULL },
		{ "GM0008", "Theta", "gemeente", NULL },
		{ "WK000101", "Alfa-Noord", "wijk", "GM0001" },
		{ "WK000102", "Alfa-Oost", "wijk", "GM0001" },
		{ "WK000103", "Alfa-Zuid", "wijk", "GM0001" },
		{ "WK000104", "Alfa-West", "wijk", NULL },
		{ "WK999901", "Alfa-Haven", "wijk", "GM0001" },
		{ "WK000201", "Beta-Centrum", "wijk", "GM0002" },
		{ "BU00010101", "Noord-1", "buurt", "WK000101" },
		{ "BU99990101", "Haven-1", "buurt", "WK999901" },
		{ "BU00020101", "Centrum-1", "buurt", "WK000201" },
	};
	struct iz_error err = IZ_ERROR_INIT;
	size_t i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		if (iz_store_put_region(st, r[i][0], r[i][1], r[i][2], r[i][3],
					&err) < 0)
			return fx_failed(&err);
	return 0;
}

static int fx_armoede(struct iz_store *st)
{
	static const struct fx_obs a[] = {
		{ "GM0001", "2023JJ00", 4.8 }, { "GM0002", "2023JJ00", 7.0 },
		{ "GM0003", "2023JJ00", 3.0 }, { "GM0001", "2024JJ00", 5.0 },
		{ "GM0002", "2024JJ00", 7.5 }, { "GM0003", "2024JJ00", 3.2 },
		{ "GM0004", "2024JJ00", 6.1 }, { "GM0005", "2024JJ00", 4.4 },
		{ "GM0006", "2024JJ00", 8.3 }, { "GM0007", "2024JJ00", 5.0 },
		{ "NL01", "2024JJ00", 4.6 }, { "WK000101", "2024JJ00", 4 },
		{ "WK000102", "2024JJ00", 6 }, { "WK000103", "2024JJ00", MISS },
		{ "WK000104", "2024JJ00", 7 }, { "WK999901", "2024JJ00", 5 },
		{ "WK000201", "2024JJ00", 8 },
		{ "BU00010101", "2024JJ00", 3 },
		{ "BU99990101", "2024JJ00", 4 },
		{ "BU00020101", "2024JJ00", 9 },
	};
	static const struct fx_obs b[] = {
		{ "GM0001", "2025JJ00", MISS },
		{ "GM0002", "2025JJ00", MISS },
		{ "GM0003", "2025JJ00", MISS },
	};

	int64_t ia = fx_series(st, "kwb-a", "armoede", "", "lower_is_better",
			       NULL, false);
	int64_t ib = fx_series(st, "kwb-b", "armoede", "", "lower_is_better",
			       NULL, false);

	if (fx_values(st, ia, a, sizeof(a) / sizeof(a[0])) < 0 ||
	    fx_values(st, ib, b, sizeof(b) / sizeof(b[0])) < 0)
		return -1;
	return 0;
}

static int fx_gezond(struct iz_store *st)
{
	static const struct fx_obs tot[] = {
		{ "GM0001", "2022JJ00", 71.0 },	 { "GM0001", "2024JJ00", 70.1 },
		{ "GM0002", "2024JJ00", 68.3 },	 { "GM0003", "2024JJ00", 74.8 },
		{ "GM0004", "2024JJ00", MISS },	 { "GM0005", "2024JJ00", 69.0 },
		{ "GM0006", "2024JJ00", 63.9 },	 { "GM0007", "2024JJ00", 71.2 },
		{ "GM0008", "2024JJ00", 71.0 },	 { "NL01", "2024JJ00", 72.0 },
		{ "WK000101", "2024JJ00", 72 },	 { "WK000102", "2024JJ00", 68 },
		{ "WK000103", "2024JJ00", 70 },	 { "WK000104", "2024JJ00", 66 },
		{ "WK999901", "2024JJ00", 71 },
	};
	static const struct fx_obs kind[] = { { "GM0001", "2024JJ00", 99 } };
	static const struct fx_obs volw[] = { { "GM0001", "2024JJ00", 60 } };
	struct iz_error err = IZ_ERROR_INIT;
	int64_t id = fx_series(st, "rivm", "gezond", "Leeftijd=20300",
			       "higher_is_better", "totaal", false);

	if (fx_values(st, id, tot, sizeof(tot) / sizeof(tot[0])) < 0 ||
	    iz_store_put_observation(st, id, "GM0001", "2024JJ00",
				     IZ_OBS_LOWER, true, 69.0, NULL,
				     &err) < 0 ||
	    iz_store_put_observation(st, id, "GM0001", "2024JJ00",
				     IZ_OBS_UPPER, true, 71.2, NULL,
				     &err) < 0)
		return -1;
	id = fx_series(st, "rivm", "gezond", "Leeftijd=10000",
		       "higher_is_better", "kind", false);
	if (fx_values(st, id, kind, 1) < 0)
		return -1;
	id = fx_series(st, "rivm", "gezond", "Leeftijd=53115",
		       "higher_is_better", "volwassen", true);
	return fx_values(st, id, volw, 1);
}

/* One value per gemeente GM0001.. for a series. */
static int fx_flat(struct iz_store *st, const char *dataset, const char *code,
		   const char *dims, const char *period, const double *v,
		   size_t n)
{
	struct fx_obs o[8];
	static const char *const gm[] = { "GM0001", "GM0002", "GM0003",
					  "GM0004", "GM0005", "GM0006",
					  "GM0007", "GM0008" };
	size_t i;

	for (i = 0; i < n && i < 8; i++) {
		o[i].region = gm[i];
		o[i].period = period;
		o[i].value = v[i];
	}
	return fx_values(st,
			 fx_series(st, dataset, code, dims, "lower_is_better",
				   NULL, false),
			 o, n);
}

static int fx_others(struct iz_store *st)
{
	static const double ten[] = { 10 }, twenty[] = { 20 }, one[] = { 1 },
			    two[] = { 2 }, oud[] = { 1, 2, 3, 4, 5 },
			    five[] = { 5, 5, 5, 5, 5, 5 };
	static const double inw_a[] = { 100, 200, 300, 400, 500 },
			    inw_b[] = { 10, 20, 30 }, g_a[] = { 1, 1 },
			    g_b[] = { 2, 2 };

	return fx_flat(st, "rivm", "eenzaam", "", "2024JJ00", ten, 1) ||
	       fx_flat(st, "rivm", "eenzaam", "Leeftijd=53115", "2024JJ00",
		       twenty, 1) ||
	       fx_flat(st, "rivm", "vreemd", "A=2", "2024JJ00", two, 1) ||
	       fx_flat(st, "rivm", "vreemd", "A=1", "2024JJ00", one, 1) ||
	       fx_flat(st, "rivm", "oud", "", "2022JJ00", oud, 5) ||
	       fx_flat(st, "kwb-a", "maand", "", "2024MM06", oud, 5) ||
	       fx_flat(st, "kwb-a", "inwoners", "", "2024JJ00", inw_a, 5) ||
	       fx_flat(st, "kwb-b", "inwoners", "", "2024JJ00", inw_b, 3) ||
	       fx_flat(st, "kwb-a", "gelijk", "", "2024JJ00", g_a, 2) ||
	       fx_flat(st, "kwb-b", "gelijk", "", "2024JJ00", g_b, 2) ||
	       fx_flat(st, "kwb-a", "vlak", "", "2024JJ00", five, 6);
}

/* oud also in 2023JJ00 (same series as 2022JJ00). */
static int fx_oud_2023(struct iz_store *st)
{
	static const struct fx_obs o[] = {
		{ "GM0001", "2023JJ00", 2 }, { "GM0002", "2023JJ00", 3 },
		{ "GM0003", "2023JJ00", 1 }, { "GM0004", "2023JJ00", 5 },
		{ "GM0005", "2023JJ00", 4 },
	};
	struct iz_table *t = NULL;
	struct iz_error err = IZ_ERROR_INIT;
	int64_t id;

	if (iz_store_query(&t, st,
			   "SELECT id FROM indicator WHERE code = 'oud'", NULL,
			   NULL, 0, &err) < 0 ||
	    iz_table_nrows(t) != 1) {
		iz_table_free(t);
		return fx_failed(&err);
	}
	id = iz_table_cell(t, 0, 0)->v.i;
	iz_table_free(t);
	return fx_values(st, id, o, sizeof(o) / sizeof(o[0]));
}

/* The period table of kwb-a and kwb-b (rivm has none: its periods are
 * then found by a scan of the observations, the other path). */
static int fx_periods(struct iz_store *st)
{
	static const char *const p[][2] = {
		{ "kwb-a", "2023JJ00" }, { "kwb-a", "2024JJ00" },
		{ "kwb-a", "2024MM06" }, { "kwb-b", "2024JJ00" },
		{ "kwb-b", "2025JJ00" },
	};
	struct iz_error err = IZ_ERROR_INIT;
	size_t i;

	for (i = 0; i < sizeof(p) / sizeof(p[0]); i++)
		if (iz_store_put_period(st, p[i][0], p[i][1], NULL, NULL,
					&err) < 0)
			return fx_failed(&err);
	return 0;
}

static int fx_build(struct iz_store *st)
{
	struct iz_error err = IZ_ERROR_INIT;

	if (iz_store_begin(st, &err) < 0)
		return fx_failed(&err);
	if (fx_dataset(st, "kwb-a") || fx_dataset(st, "kwb-b") ||
	    fx_dataset(st, "rivm") || fx_regions(st) || fx_armoede(st) ||
	    fx_gezond(st) || fx_others(st) || fx_oud_2023(st) ||
	    fx_periods(st)) {
		iz_store_rollback(st);
		return -1;
	}
	return iz_store_commit(st, &err) < 0 ? fx_failed(&err) : 0;
}

static int fx_setup(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/iz-ind-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/inzicht.db", f->dir);
	*state = f;
	if (iz_store_open(&f->st, f->path, IZ_STORE_READWRITE, &err) < 0)
		return fx_failed(&err);
	return fx_build(f->st);
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;
	char p[192];
	static const char *const ext[] = { "", "-wal", "-shm", ".lock" };
	size_t i;

	iz_store_close(f->st);
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", f->path, ext[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

#endif
