/*
 * Unit tests for records: kinds and fields, the BSN elfproef, keyed
 * pseudonyms against an HMAC-SHA256 reference, the key file's creation and
 * permission rules, and the importer on small files in a temporary
 * directory (Dutch CSV conventions, messages with file:line:column and the
 * header but never the value, all or nothing, reject files, idempotence and
 * the join of pseudonyms across files).
 */
#include "inzicht/records.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inzicht/schemes.h"
#include "inzicht/store.h"
#include "inzicht/table.h"
#include "iztest.h"

/* ---- kinds and fields ------------------------------------------------------ */

static void test_kind_names_round_trip(void **state)
{
	enum iz_record_kind k;

	(void)state;
	assert_string_equal(iz_records_kind_name(IZ_RECORDS_HOUSEHOLDS),
			    "households");
	assert_string_equal(iz_records_kind_name(IZ_RECORDS_PARTICIPATION),
			    "participation");
	assert_string_equal(iz_records_kind_name(IZ_RECORDS_SIGNALS),
			    "signals");
	assert_int_equal(iz_records_kind_parse(&k, "participation"), 0);
	assert_int_equal(k, IZ_RECORDS_PARTICIPATION);
	assert_int_equal(iz_records_kind_parse(&k, "signals"), 0);
	assert_int_equal(k, IZ_RECORDS_SIGNALS);
	assert_int_equal(iz_records_kind_parse(&k, "households"), 0);
	assert_int_equal(k, IZ_RECORDS_HOUSEHOLDS);
	assert_int_equal(iz_records_kind_parse(&k, "Households"), -1);
	assert_int_equal(iz_records_kind_parse(&k, "household"), -1);
	assert_int_equal(iz_records_kind_parse(&k, ""), -1);
}

/* The fields as one comma-joined string, with '*' after required ones. */
static void fields_string(char *out, size_t n, enum iz_record_kind k)
{
	const bool *req = NULL;
	const char *const *f = iz_records_fields(k, &req);
	size_t i, len = 0;

	out[0] = '\0';
	assert_non_null(req);
	for (i = 0; f[i]; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s%s",
					i ? "," : "", f[i], req[i] ? "*" : "");
}

static void test_fields_per_kind(void **state)
{
	char s[256];

	(void)state;
	fields_string(s, sizeof(s), IZ_RECORDS_HOUSEHOLDS);
	assert_string_equal(s, "household_id*,region*,head_birth_year*,"
			       "household_type*,children*,income_pct_sm,"
			       "period");
	fields_string(s, sizeof(s), IZ_RECORDS_PARTICIPATION);
	assert_string_equal(s, "household_id*,scheme*,start_date*,end_date");
	fields_string(s, sizeof(s), IZ_RECORDS_SIGNALS);
	assert_string_equal(s, "household_id*,partner*,signal_date*,"
			       "arrears_eur*,outcome");
	assert_non_null(iz_records_fields(IZ_RECORDS_SIGNALS, NULL));
}

/* ---- BSN --------------------------------------------------------------------- */

static void assert_bsn(const char *cell, const char *want)
{
	char out[10] = "";

	if (!iz_records_bsn(out, cell))
		fail_msg("'%s' failed the elfproef (want %s)", cell, want);
	assert_string_equal(out, want);
}

static void assert_not_bsn(const char *cell)
{
	char out[10];

	if (iz_records_bsn(out, cell))
		fail_msg("'%s' passed the elfproef", cell);
}

static void test_bsn_known_valid(void **state)
{
	(void)state;
	/* 9*1+8*2+7*3+6*4+5*5+4*6+3*7+2*8 - 2 = 154 = 14 * 11 */
	assert_bsn("123456782", "123456782");
	/* 9+8+7+12+10+8+9+6 - 3 = 66 = 6 * 11 */
	assert_bsn("111222333", "111222333");
	/* The generator's first numbers (datasets/sample/records). */
	assert_bsn("900000004", "900000004");
	assert_bsn("900000016", "900000016");
	assert_bsn("900000028", "900000028");
	assert_bsn("900000041", "900000041");
}

static void test_bsn_known_invalid(void **state)
{
	(void)state;
	assert_not_bsn("123456789"); /* 156 - 9 = 147 = 13 * 11 + 4 */
	assert_not_bsn("111222334");
	assert_not_bsn("900000005");
	assert_not_bsn("900000000");
	assert_not_bsn("999999999");
}

static void test_bsn_eight_digits_leading_zero_restored(void **state)
{
	(void)state;
	/* 0*9+1*8+2*7+3*6+4*5+5*4+6*3+7*2 - 2 = 110 = 10 * 11 */
	assert_bsn("12345672", "012345672");
	assert_bsn("012345672", "012345672");
	assert_not_bsn("12345678");
}

static void test_bsn_separators_and_space(void **state)
{
	(void)state;
	assert_bsn("1234.56.782", "123456782");
	assert_bsn("123-456-782", "123456782");
	assert_bsn(" 123 456 782 ", "123456782");
	assert_bsn("1234.56.72", "012345672");
}

static void test_bsn_wrong_length_or_characters(void **state)
{
	(void)state;
	assert_not_bsn("");
	assert_not_bsn("   ");
	assert_not_bsn("000000000");
	assert_not_bsn("00000000");
	assert_not_bsn("1234567");     /* 7 digits */
	assert_not_bsn("1234567820");  /* 10 digits */
	assert_not_bsn("0123456782");
	assert_not_bsn("12345678a");
	assert_not_bsn("NL123456782");
	assert_not_bsn("123/456/782");
	assert_not_bsn("123,456,782");
}

/* ---- pseudonyms -------------------------------------------------------------- */

static void key_counting(struct iz_records_key *k)
{
	size_t i;

	for (i = 0; i < IZ_RECORDS_KEY_BYTES; i++)
		k->k[i] = (unsigned char)i;
}

static void test_key_wipe_zeroes(void **state)
{
	struct iz_records_key k;
	size_t i;

	(void)state;
	key_counting(&k);
	iz_records_key_wipe(&k);
	for (i = 0; i < IZ_RECORDS_KEY_BYTES; i++)
		assert_int_equal(k.k[i], 0);
}

/* ---- fixture: a temporary directory with a store -------------------------------- */

struct fx {
	char dir[64];
	char path[128]; /* a file in dir, for the test's own use */
	struct iz_store *st;
	struct iz_schemes schemes;
	struct iz_records_key key;
};

static int setup_dir(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/iz-records-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static void add_scheme(struct iz_schemes *s, const char *code, double thr,
		       enum iz_target target)
{
	struct iz_scheme *sc;

	s->items = iz_xrealloc(s->items, (s->n + 1) * sizeof(*s->items));
	sc = &s->items[s->n++];
	sc->code = iz_xstrdup(code);
	sc->name = iz_xstrdup(code);
	sc->spearhead = "financiele_stabiliteit";
	sc->income_threshold = thr;
	sc->target = target;
}

static void load_key(struct iz_records_key *out, struct fx *f,
		     const char *name, unsigned char first, unsigned char step);

static int setup_store(void **state)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct fx *f;
	char db[128];

	if (setup_dir(state) < 0)
		return -1;
	f = *state;
	snprintf(db, sizeof(db), "%s/store.db", f->dir);
	if (iz_store_open(&f->st, db, IZ_STORE_READWRITE, &err) < 0) {
		fprintf(stderr, "iz_store_open: %s\n", err.msg);
		return -1;
	}
	add_scheme(&f->schemes, "schuldhulp", 120, IZ_TARGET_ALL);
	add_scheme(&f->schemes, "kindpakket", 120, IZ_TARGET_MET_KINDEREN);
	add_scheme(&f->schemes, "bijzondere_bijstand", 120, IZ_TARGET_ALL);
	load_key(&f->key, f, "store.db.key", 0x00, 1);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	iz_store_close(f->st);
	iz_schemes_release(&f->schemes);
	iz_records_key_wipe(&f->key);
	iz_test_remove_dir(f->dir);
	free(f);
	return 0;
}

static const char *in_dir(struct fx *f, const char *name)
{
	snprintf(f->path, sizeof(f->path), "%s/%s", f->dir, name);
	return f->path;
}

static void write_bytes(const char *path, const char *data, size_t n,
			mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static void write_text(const char *path, const char *text)
{
	write_bytes(path, text, strlen(text), 0644);
}

/* Write a key file (mode 0600) of bytes first, first + step, ... and load
 * it: the only way to a usable key (the load prepares the HMAC). */
static void load_key(struct iz_records_key *out, struct fx *f,
		     const char *name, unsigned char first, unsigned char step)
{
	struct iz_error err = IZ_ERROR_INIT;
	unsigned char k[IZ_RECORDS_KEY_BYTES];
	char path[128];
	size_t i;

	for (i = 0; i < sizeof(k); i++)
		k[i] = (unsigned char)(first + i * step);
	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	write_bytes(path, (const char *)k, sizeof(k), 0600);
	if (iz_records_key_load(out, path, false, &err) != 0)
		fail_msg("%s: %s", path, err.msg);
}

/* ---- key files ------------------------------------------------------------------- */

static void test_key_created_mode_0600(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_records_key a, b;
	struct stat sb;
	const char *path = in_dir(f, "store.db.key");

	assert_int_equal(iz_records_key_load(&a, path, true, &err), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_size, IZ_RECORDS_KEY_BYTES);
	/* Read again: the same key, not a new one. */
	assert_int_equal(iz_records_key_load(&b, path, true, &err), 0);
	assert_memory_equal(a.k, b.k, IZ_RECORDS_KEY_BYTES);
	assert_int_equal(iz_records_key_load(&b, path, false, &err), 0);
	assert_memory_equal(a.k, b.k, IZ_RECORDS_KEY_BYTES);
}

static void test_key_created_random(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_records_key a, b;
	char p1[128], p2[128];

	snprintf(p1, sizeof(p1), "%s/a.key", f->dir);
	snprintf(p2, sizeof(p2), "%s/b.key", f->dir);
	assert_int_equal(iz_records_key_load(&a, p1, true, &err), 0);
	assert_int_equal(iz_records_key_load(&b, p2, true, &err), 0);
	assert_memory_not_equal(a.k, b.k, IZ_RECORDS_KEY_BYTES);
}

static void test_key_existing_read_as_is(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_records_key want, got;
	const char *path = in_dir(f, "k");

	key_counting(&want);
	write_bytes(path, (const char *)want.k, sizeof(want.k), 0600);
	assert_int_equal(iz_records_key_load(&got, path, true, &err), 0);
	assert_memory_equal(want.k, got.k, IZ_RECORDS_KEY_BYTES);
}

static void test_key_missing_not_created(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_records_key k;
	const char *path = in_dir(f, "none.key");
	char want[256];

	assert_int_equal(iz_records_key_load(&k, path, false, &err), -1);
	snprintf(want, sizeof(want),
		 "cannot read key file '%s': No such file or directory", path);
	assert_string_equal(err.msg, want);
	assert_int_equal(access(path, F_OK), -1);
}

static void assert_key_mode_refused(struct fx *f, mode_t mode)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_records_key k;
	const char *path = in_dir(f, "open.key");
	char want[256];

	key_counting(&k);
	write_bytes(path, (const char *)k.k, sizeof(k.k), mode);
	assert_int_equal(iz_records_key_load(&k, path, true, &err), -1);
	assert_int_equal(err.code, IZ_EINPUT);
	snprintf(want, sizeof(want),
		 "key file '%s' is readable by others (chmod 600 it)", path);
	assert_string_equal(err.msg, want);
}

static void test_key_group_readable_refused(void **state)
{
	assert_key_mode_refused(*state, 0640);
}

static void test_key_world_readable_refused(void **state)
{
	assert_key_mode_refused(*state, 0604);
}

static void test_key_wrong_size_refused(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_records_key k;
	const char *path = in_dir(f, "short.key");
	char want[256];

	write_bytes(path, "0123456789", 10, 0600);
	assert_int_equal(iz_records_key_load(&k, path, true, &err), -1);
	snprintf(want, sizeof(want), "key file '%s' is not a 32-byte key",
		 path);
	assert_string_equal(err.msg, want);
}

/* ---- pseudonyms (keys loaded from files) -------------------------------- */

/*
 * The reference: the first 8 bytes of HMAC-SHA256 as a big-endian signed
 * integer, key 00 01 02 ... 1f:
 *   printf '123456782' | openssl dgst -sha256 -mac HMAC \
 *     -macopt hexkey:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
 *   -> 8e4c078580cfe222fd12ced4...
 *   python3 -c "import hmac,hashlib,struct; print(struct.unpack('>q',
 *     hmac.new(bytes(range(32)), b'123456782', hashlib.sha256)
 *     .digest()[:8])[0])"
 */
static void test_pseudonym_hmac_sha256_reference(void **state)
{
	struct iz_records_key k;

	load_key(&k, *state, "counting.key", 0x00, 1);
	/* 0x8e4c078580cfe222 */
	assert_true(iz_records_pseudonym(&k, "123456782") ==
		    INT64_C(-8193165352120622558));
	/* 0xc728590c0e2c953c */
	assert_true(iz_records_pseudonym(&k, "012345672") ==
		    INT64_C(-4095925952781183684));
	/* 0x4ec930003a70415e: positive, a client number */
	assert_true(iz_records_pseudonym(&k, "H-001") ==
		    INT64_C(5677121582815789406));
	iz_records_key_wipe(&k);
}

/*
 * Ids of up to 55 bytes take one compression per half; longer ones go
 * through SHA256_Update: both give the reference around the block edge.
 *   python3 -c "import hmac,hashlib,struct; m=('K-'+'0123456789'*13)[:N]
 *     print(struct.unpack('>q', hmac.new(bytes(range(32)), m.encode(),
 *     hashlib.sha256).digest()[:8])[0])"
 */
static void test_pseudonym_reference_around_one_block(void **state)
{
	static const struct {
		size_t len;
		int64_t want;
	} cases[] = {
		{ 0, INT64_C(-3203394101684669345) },
		{ 1, INT64_C(5504801470508158268) },
		{ 54, INT64_C(-5703040222818987292) },
		{ 55, INT64_C(4762154486847982652) },
		{ 56, INT64_C(-4853455533093962077) },
		{ 63, INT64_C(3409228177902016642) },
		{ 64, INT64_C(-2052493427752344246) },
		{ 79, INT64_C(-2019295641472539186) },
		{ 120, INT64_C(-8945270695900154960) },
	};
	struct iz_records_key k;
	char id[140];
	size_t i;

	load_key(&k, *state, "counting.key", 0x00, 1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(id, sizeof(id), "K-%s%s%s%s%s%s%s%s%s%s%s%s%s",
			 "0123456789", "0123456789", "0123456789",
			 "0123456789", "0123456789", "0123456789",
			 "0123456789", "0123456789", "0123456789",
			 "0123456789", "0123456789", "0123456789",
			 "0123456789");
		id[cases[i].len] = '\0';
		if (iz_records_pseudonym(&k, id) != cases[i].want)
			fail_msg("id of %zu bytes: %lld, want %lld",
				 cases[i].len,
				 (long long)iz_records_pseudonym(&k, id),
				 (long long)cases[i].want);
	}
	iz_records_key_wipe(&k);
}

static void test_pseudonym_deterministic(void **state)
{
	struct iz_records_key a, b;

	load_key(&a, *state, "a.key", 0x00, 1);
	load_key(&b, *state, "b.key", 0x00, 1);
	assert_true(iz_records_pseudonym(&a, "900000004") ==
		    iz_records_pseudonym(&b, "900000004"));
	assert_true(iz_records_pseudonym(&a, "900000004") ==
		    iz_records_pseudonym(&a, "900000004"));
	assert_true(iz_records_pseudonym(&a, "900000004") !=
		    iz_records_pseudonym(&a, "900000016"));
	assert_true(iz_records_pseudonym(&a, "123456782") !=
		    iz_records_pseudonym(&a, "123456782 "));
}

static void test_pseudonym_depends_on_key(void **state)
{
	struct iz_records_key a, b, c;

	load_key(&a, *state, "a.key", 0x00, 1);
	/* python3: hmac.new(b'\xff' * 32, b'123456782', sha256)
	 *   -> 207badbe71d63a56... */
	load_key(&b, *state, "b.key", 0xff, 0);
	assert_true(iz_records_pseudonym(&b, "123456782") ==
		    INT64_C(2340655464814361174));
	assert_true(iz_records_pseudonym(&a, "123456782") !=
		    iz_records_pseudonym(&b, "123456782"));
	/* One bit of the key changes the pseudonym. */
	load_key(&c, *state, "c.key", 0x01, 0);
	assert_true(iz_records_pseudonym(&c, "123456782") !=
		    iz_records_pseudonym(&b, "123456782"));
}

/* ---- import ----------------------------------------------------------------------- */

/* The text of a file, at most n - 1 bytes of it. */
static void read_text(char *buf, size_t n, const char *path)
{
	FILE *fp = fopen(path, "r");
	size_t len;

	assert_non_null(fp);
	len = fread(buf, 1, n - 1, fp);
	buf[len] = '\0';
	fclose(fp);
}

static int import_opts(struct fx *f, struct iz_import_result *res,
		       enum iz_record_kind kind, const char *name,
		       const char *text, bool bsn, const char *reject,
		       const char *const *map, size_t nmap,
		       struct iz_error *err)
{
	char path[128];
	struct iz_import_options o = { .kind = kind,
				       .path = path,
				       .map = map,
				       .nmap = nmap,
				       .id_is_bsn = bsn,
				       .reject_path = reject,
				       .period = 0,
				       .schemes = &f->schemes,
				       .key = &f->key };

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	if (text)
		write_text(path, text);
	return iz_records_import(res, f->st, &o, err);
}

/* Import text as file name; rc returned, err filled. */
static int import(struct fx *f, struct iz_import_result *res,
		  enum iz_record_kind kind, const char *name, const char *text,
		  bool bsn, struct iz_error *err)
{
	return import_opts(f, res, kind, name, text, bsn, NULL, NULL, 0, err);
}

static void import_ok(struct fx *f, struct iz_import_result *res,
		      enum iz_record_kind kind, const char *name,
		      const char *text, bool bsn)
{
	struct iz_error err = IZ_ERROR_INIT;

	if (import(f, res, kind, name, text, bsn, &err) != 0)
		fail_msg("import %s: %s", name, err.msg);
}

/* Import fails with "<dir>/<name><want>". */
static void import_fails(struct fx *f, enum iz_record_kind kind,
			 const char *name, const char *text, bool bsn,
			 const char *want)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_import_result res;
	char full[640];

	assert_int_equal(import(f, &res, kind, name, text, bsn, &err), -1);
	snprintf(full, sizeof(full), "%s/%s%s", f->dir, name, want);
	assert_string_equal(err.msg, full);
}

static int64_t query_int(struct iz_store *st, const char *sql)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;
	const struct iz_cell *c;
	int64_t v;

	if (iz_store_query(&t, st, sql, NULL, NULL, 0, &err) != 0)
		fail_msg("%s: %s", sql, err.msg);
	assert_int_equal(iz_table_nrows(t), 1);
	c = iz_table_cell(t, 0, 0);
	if (c->kind != IZ_CELL_INT)
		fail_msg("%s: cell kind %d, not an integer", sql, c->kind);
	v = c->v.i;
	iz_table_free(t);
	return v;
}

static double query_real(struct iz_store *st, const char *sql)
{
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_table *t = NULL;
	const struct iz_cell *c;
	double v;

	if (iz_store_query(&t, st, sql, NULL, NULL, 0, &err) != 0)
		fail_msg("%s: %s", sql, err.msg);
	c = iz_table_cell(t, 0, 0);
	if (c->kind != IZ_CELL_REAL)
		fail_msg("%s: cell kind %d, not a real", sql, c->kind);
	v = c->v.r;
	iz_table_free(t);
	return v;
}

#define HH_HEADER                                                            \
	"household_id;region;head_birth_year;household_type;children;"       \
	"income_pct_sm;period\n"

static void test_import_households_basic(void **state)
{
	struct fx *f = *state;
	struct iz_import_result res;

	import_ok(f, &res, IZ_RECORDS_HOUSEHOLDS, "hh.csv",
		  HH_HEADER "123456782;wk059901;12-04-1967;Paar met kinderen;2;"
			    "104,5;2025\n"
			    "111222333;BU05991502;1950;Eenpersoonshuishouden;0;"
			    ";2025\n",
		  true);
	assert_int_equal(res.rows, 2);
	assert_int_equal(res.rejected, 0);
	assert_int_equal(res.delimiter, ';');
	assert_false(res.cp1252);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM household"), 2);
	/* The pseudonym of the reference test, not the BSN. */
	assert_int_equal(query_int(f->st,
				   "SELECT count(*) FROM household WHERE id = "
				   "-8193165352120622558 AND region = 'WK059901' "
				   "AND head_birth_year = 1967 AND "
				   "household_type = 'paar_met_kinderen' AND "
				   "children = 2 AND period = 2025"),
			 1);
	assert_near(query_real(f->st, "SELECT income_pct_sm FROM household "
				      "WHERE children = 2"),
		    104.5, 1e-12);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM household "
					  "WHERE income_pct_sm IS NULL"),
			 1);
	/* The schemes travel with the import, and the import is logged. */
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM scheme"), 3);
	assert_int_equal(query_int(f->st,
				   "SELECT count(*) FROM import_log WHERE "
				   "kind = 'households' AND file = 'hh.csv' AND "
				   "rows = 2 AND rejected = 0 AND "
				   "length(sha256) = 64"),
			 1);
}

static void test_import_same_bsn_same_pseudonym_across_files(void **state)
{
	struct fx *f = *state;
	struct iz_import_result res;

	import_ok(f, &res, IZ_RECORDS_HOUSEHOLDS, "hh.csv",
		  HH_HEADER "012345672;GM0599;1980;eenpersoons;0;90;2025\n"
			    "123456782;GM0599;1980;eenpersoons;0;90;2025\n",
		  true);
	/* The same people written as exports do: leading zero lost, dots. */
	import_ok(f, &res, IZ_RECORDS_PARTICIPATION, "p.csv",
		  "household_id;scheme;start_date;end_date\n"
		  "12345672;schuldhulp;01-01-2025;\n"
		  "1234.56.782;Bijzondere bijstand;2025-02-01;31-12-2025\n",
		  true);
	import_ok(f, &res, IZ_RECORDS_SIGNALS, "s.csv",
		  "household_id,partner,signal_date,arrears_eur,outcome\n"
		  "0123.45.672,Energie,01-03-2025,\"420,50\",contact gelegd\n",
		  true);
	assert_int_equal(query_int(f->st,
				   "SELECT count(*) FROM participation p JOIN "
				   "household h ON h.id = p.household"),
			 2);
	assert_int_equal(query_int(f->st,
				   "SELECT count(*) FROM signal s JOIN "
				   "household h ON h.id = s.household WHERE "
				   "s.partner = 'energie' AND s.outcome = "
				   "'contact_gelegd' AND "
				   "date(s.signal_day * 86400, 'unixepoch') = "
				   "'2025-03-01'"),
			 1);
	assert_int_equal(query_int(f->st,
				   "SELECT count(*) FROM participation WHERE "
				   "household = -4095925952781183684 AND "
				   "scheme = 'schuldhulp' AND end_day IS NULL"),
			 1);
	assert_int_equal(query_int(f->st,
				   "SELECT count(*) FROM participation WHERE "
				   "scheme = 'bijzondere_bijstand' AND "
				   "start_day = 20120 AND end_day = 20453"),
			 1);
	assert_near(query_real(f->st, "SELECT arrears_eur FROM signal"), 420.5,
		    1e-9);
}

static void test_import_client_ids_trimmed(void **state)
{
	struct fx *f = *state;
	struct iz_import_result res;

	import_ok(f, &res, IZ_RECORDS_HOUSEHOLDS, "hh.csv",
		  HH_HEADER " H-001 ;GM0599;1980;eenpersoons;0;90;2025\n", false);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM household "
					  "WHERE id = 5677121582815789406"),
			 1);
}

static void test_import_twice_is_idempotent(void **state)
{
	struct fx *f = *state;
	struct iz_import_result res;
	const char *text = HH_HEADER
		"123456782;GM0599;1980;eenpersoons;0;90;2025\n"
		"111222333;GM0599;1980;eenpersoons;0;90;2025\n";

	import_ok(f, &res, IZ_RECORDS_HOUSEHOLDS, "hh.csv", text, true);
	import_ok(f, &res, IZ_RECORDS_HOUSEHOLDS, "hh.csv", text, true);
	assert_int_equal(res.rows, 2);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM household"), 2);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM import_log"),
			 2);
}

/* A record spanning lines: the next record's message names its own first
 * line, and columns count from 1. */
static void test_import_message_line_after_multiline_field(void **state)
{
	import_fails(*state, IZ_RECORDS_HOUSEHOLDS, "hh.csv",
		     "household_id;note;region;head_birth_year;household_type;"
		     "children;period\n"
		     "A;\"regel 1\nregel 2;\nregel 3\";GM0599;1980;overig;0;2025\n"
		     "B;;GM0599;1980;overig;x;2025\n",
		     false, ":5:6: column 'children': not a number of children");
}

static void test_import_message_names_header_never_value(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_import_result res;
	const char *const map[] = { "household_id=BSN aanvrager" };

	assert_int_equal(import_opts(f, &res, IZ_RECORDS_HOUSEHOLDS, "hh.csv",
				     "BSN aanvrager;region;head_birth_year;"
				     "household_type;children;period\n"
				     "123456789;GM0599;1980;overig;0;2025\n",
				     true, NULL, map, 1, &err),
			 -1);
	assert_non_null(strstr(err.msg,
			       "hh.csv:2:1: column 'BSN aanvrager': not a "
			       "valid BSN (elfproef)"));
	assert_null(strstr(err.msg, "123456789"));
}

static void test_import_failure_leaves_store_unchanged(void **state)
{
	struct fx *f = *state;
	struct iz_import_result res;

	import_ok(f, &res, IZ_RECORDS_HOUSEHOLDS, "a.csv",
		  HH_HEADER "123456782;GM0599;1980;eenpersoons;0;90;2025\n",
		  true);
	import_fails(f, IZ_RECORDS_HOUSEHOLDS, "b.csv",
		     HH_HEADER "111222333;GM0599;1980;eenpersoons;0;90;2025\n"
			       "123456782;GM0599;1980;eenpersoons;0;95;2025\n"
			       "111222333;GM0599;1980;eenpersoons;0;90;20x5\n",
		     true, ":4:7: column 'period': not a year (e.g. 2025)");
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM household"), 1);
	assert_near(query_real(f->st, "SELECT income_pct_sm FROM household"),
		    90, 0);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM import_log"),
			 1);
}

static void test_import_reject_file(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_import_result res;
	char rej[128], buf[1024], want[1024];
	struct stat sb;

	snprintf(rej, sizeof(rej), "%s/rejects.csv", f->dir);
	assert_int_equal(
		import_opts(f, &res, IZ_RECORDS_HOUSEHOLDS, "hh.csv",
			    HH_HEADER
			    "123456782;GM0599;1980;eenpersoons;0;90;2025\n"
			    "123456789;GM0599;1980;eenpersoons;0;90;2025\n"
			    "111222333;GM0599;1980;eenpersoons;1;\"90,5\";2025\n",
			    true, rej, NULL, 0, &err),
		0);
	assert_int_equal(res.rows, 1);
	assert_int_equal(res.rejected, 2);
	assert_int_equal(err.code, IZ_OK);
	assert_int_equal(stat(rej, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	read_text(buf, sizeof(buf), rej);
	snprintf(want, sizeof(want),
		 "household_id;region;head_birth_year;household_type;children;"
		 "income_pct_sm;period;reden\r\n"
		 "123456789;GM0599;1980;eenpersoons;0;90;2025;%s/hh.csv:3:1: "
		 "column 'household_id': not a valid BSN (elfproef)\r\n"
		 "111222333;GM0599;1980;eenpersoons;1;90,5;2025;%s/hh.csv:4:5: "
		 "column 'children': number of children does not fit the "
		 "household type\r\n",
		 f->dir, f->dir);
	assert_string_equal(buf, want);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM household"), 1);
	assert_int_equal(query_int(f->st, "SELECT rejected FROM import_log"),
			 2);
}

static void test_import_sniffs_delimiters(void **state)
{
	struct fx *f = *state;
	struct iz_import_result res;

	import_ok(f, &res, IZ_RECORDS_HOUSEHOLDS, "comma.csv",
		  "household_id,region,head_birth_year,household_type,children,"
		  "income_pct_sm,period\n"
		  "A,GM0599,1980,overig,0,\"104,5\",2025\n",
		  false);
	assert_int_equal(res.delimiter, ',');
	import_ok(f, &res, IZ_RECORDS_HOUSEHOLDS, "tab.csv",
		  "household_id\tregion\thead_birth_year\thousehold_type\t"
		  "children\tincome_pct_sm\tperiod\n"
		  "B\tGM0599\t1980\toverig\t0\t104,5\t2025\n",
		  false);
	assert_int_equal(res.delimiter, '\t');
	import_ok(f, &res, IZ_RECORDS_HOUSEHOLDS, "semi.csv",
		  HH_HEADER "C;GM0599;1980;overig;0;104,5;2025\n", false);
	assert_int_equal(res.delimiter, ';');
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM household "
					  "WHERE income_pct_sm = 104.5"),
			 3);
}

static void test_import_bom_crlf_and_sep_line(void **state)
{
	struct fx *f = *state;
	struct iz_import_result res;

	import_ok(f, &res, IZ_RECORDS_HOUSEHOLDS, "bom.csv",
		  "\xef\xbb\xbfsep=,\r\n"
		  "household_id,region,head_birth_year,household_type,children,"
		  "income_pct_sm,period\r\n"
		  "A,GM0599,1980,overig,0,90,2025\r\n",
		  false);
	assert_int_equal(res.rows, 1);
	assert_int_equal(res.delimiter, ',');
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM household "
					  "WHERE period = 2025 AND region = "
					  "'GM0599'"),
			 1);
}

static void test_import_cp1252_detected(void **state)
{
	struct fx *f = *state;
	struct iz_import_result res;

	import_ok(f, &res, IZ_RECORDS_HOUSEHOLDS, "cp.csv",
		  "household_id;region;head_birth_year;household_type;children;"
		  "opmerking;period\n"
		  "A;GM0599;1980;overig;0;caf\xe9 \x80 5;2025\n",
		  false);
	assert_true(res.cp1252);
	assert_int_equal(res.rows, 1);
}

static void test_import_utf8_then_cp1252_refused(void **state)
{
	import_fails(*state, IZ_RECORDS_HOUSEHOLDS, "mixed.csv",
		     "household_id;region;head_birth_year;household_type;"
		     "children;opmerking;period\n"
		     "A;GM0599;1980;overig;0;caf\xc3\xa9;2025\n"
		     "B;GM0599;1980;overig;0;caf\xe9;2025\n",
		     false, ":3: not UTF-8, unlike the lines before");
}

static void test_import_trailing_delimiter_accepted(void **state)
{
	struct fx *f = *state;
	struct iz_import_result res;

	import_ok(f, &res, IZ_RECORDS_HOUSEHOLDS, "trail.csv",
		  HH_HEADER "A;GM0599;1980;overig;0;90;2025;\n", false);
	assert_int_equal(res.rows, 1);
}

static void test_import_blank_lines_skipped(void **state)
{
	struct fx *f = *state;
	struct iz_import_result res;

	import_ok(f, &res, IZ_RECORDS_HOUSEHOLDS, "blank.csv",
		  HH_HEADER "A;GM0599;1980;overig;0;90;2025\n\n"
			    "B;GM0599;1980;overig;0;90;2025\n\n",
		  false);
	assert_int_equal(res.rows, 2);
}

/* Lines without quotes are split without libcsv: blanks around fields
 * trimmed, CRLF, a bare CR ending a record inside a line, a blank line, and
 * a plain line after a quoted field spanning lines must come out as libcsv
 * gives them (the reject file shows the fields as parsed). */
static void test_import_plain_lines_split_as_libcsv(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_import_result res;
	char rej[128], buf[2048], want[2048];
	const char *why = ": column 'children': not a number of children\r\n";

	snprintf(rej, sizeof(rej), "%s/rejects.csv", f->dir);
	assert_int_equal(
		import_opts(f, &res, IZ_RECORDS_HOUSEHOLDS, "hh.csv",
			    HH_HEADER
			    " A ;\tGM0599\t; 1980 ;overig; x ;90;2025\r\n"
			    "B;GM0599;1980;overig;y;90;2025\r"
			    "C;GM0599;1980;overig;z;90;2025\n"
			    " \t \n"
			    "D;\"GM0599\n\";1980;overig;w;90;2025\n"
			    "E;GM0599;1980;overig;v;90;2025\n",
			    false, rej, NULL, 0, &err),
		0);
	assert_int_equal(res.rows, 0);
	assert_int_equal(res.rejected, 5);
	read_text(buf, sizeof(buf), rej);
	snprintf(want, sizeof(want),
		 "household_id;region;head_birth_year;household_type;children;"
		 "income_pct_sm;period;reden\r\n"
		 "A;GM0599;1980;overig;x;90;2025;%s/hh.csv:2:5%s"
		 "B;GM0599;1980;overig;y;90;2025;%s/hh.csv:3:5%s"
		 "C;GM0599;1980;overig;z;90;2025;%s/hh.csv:3:5%s"
		 "D;\"GM0599\n\";1980;overig;w;90;2025;%s/hh.csv:5:5%s"
		 "E;GM0599;1980;overig;v;90;2025;%s/hh.csv:7:5%s",
		 f->dir, why, f->dir, why, f->dir, why, f->dir, why, f->dir,
		 why);
	assert_string_equal(buf, want);
}

static void test_import_mapped_columns(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_import_result res;
	const char *const map[] = {
		"households.household_id=Id", "region=Wijk",
		"participation.scheme=Regeling", /* another kind: ignored */
		"head_birth_year=Geboren",    "household_type=Soort",
		"children=Kinderen",          "households.period=Jaar",
	};

	assert_int_equal(import_opts(f, &res, IZ_RECORDS_HOUSEHOLDS, "m.csv",
				     "Id;WIJK;Geboren;Soort;Kinderen;Jaar\n"
				     "A;GM0599;1980;overig;0;2024\n",
				     false, NULL, map, 7, &err),
			 0);
	assert_int_equal(res.rows, 1);
	assert_int_equal(query_int(f->st, "SELECT count(*) FROM household "
					  "WHERE period = 2024 AND "
					  "income_pct_sm IS NULL"),
			 1);
}

static void test_import_later_map_wins(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_import_result res;
	const char *const map[] = { "region=Oud", "region=Nieuw" };

	assert_int_equal(import_opts(f, &res, IZ_RECORDS_HOUSEHOLDS, "m.csv",
				     "household_id;Oud;Nieuw;head_birth_year;"
				     "household_type;children;period\n"
				     "A;x;GM0599;1980;overig;0;2024\n",
				     false, NULL, map, 2, &err),
			 0);
	assert_int_equal(res.rows, 1);
}

static void test_import_missing_column(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_import_result res;
	const char *const map[] = { "region=Wijkcode" };
	char want[256];

	assert_int_equal(import_opts(f, &res, IZ_RECORDS_HOUSEHOLDS, "m.csv",
				     HH_HEADER, false, NULL, map, 1, &err),
			 -1);
	snprintf(want, sizeof(want),
		 "%s/m.csv:1: no column 'Wijkcode' for field 'region' (map it "
		 "with --map region=<column>)",
		 f->dir);
	assert_string_equal(err.msg, want);
}

static void test_import_participation_rejections(void **state)
{
	struct fx *f = *state;
	const char *h = "household_id;scheme;start_date;end_date\n";
	char text[256];

	snprintf(text, sizeof(text), "%sA;stadspas;01-01-2025;\n", h);
	import_fails(f, IZ_RECORDS_PARTICIPATION, "p.csv", text, false,
		     ":2:2: column 'scheme': unknown scheme code (known: "
		     "schuldhulp, kindpakket, bijzondere_bijstand)");
	snprintf(text, sizeof(text), "%sA;schuldhulp;31-02-2025;\n", h);
	import_fails(f, IZ_RECORDS_PARTICIPATION, "p.csv", text, false,
		     ":2:3: column 'start_date': not a date (dd-mm-yyyy or "
		     "yyyy-mm-dd)");
	snprintf(text, sizeof(text), "%sA;schuldhulp;01-02-2025;morgen\n", h);
	import_fails(f, IZ_RECORDS_PARTICIPATION, "p.csv", text, false,
		     ":2:4: column 'end_date': not a date (dd-mm-yyyy or "
		     "yyyy-mm-dd)");
	snprintf(text, sizeof(text), "%sA;schuldhulp;01-02-2025;31-01-2025\n",
		 h);
	import_fails(f, IZ_RECORDS_PARTICIPATION, "p.csv", text, false,
		     ":2:4: column 'end_date': end date before start date");
}

static void test_import_participation_same_day_end_ok(void **state)
{
	struct fx *f = *state;
	struct iz_import_result res;

	import_ok(f, &res, IZ_RECORDS_PARTICIPATION, "p.csv",
		  "household_id;scheme;start_date;end_date\n"
		  "A;schuldhulp;01-02-2025;2025-02-01\n",
		  false);
	assert_int_equal(res.rows, 1);
}

static void test_import_signal_rejections(void **state)
{
	struct fx *f = *state;
	const char *h = "household_id;partner;signal_date;arrears_eur\n";
	char text[256];

	snprintf(text, sizeof(text), "%sA;Gasbedrijf;01-01-2025;10\n", h);
	import_fails(f, IZ_RECORDS_SIGNALS, "s.csv", text, false,
		     ":2:2: column 'partner': unknown partner (expected "
		     "energie, huur, water, zorgverzekeraar or other)");
	snprintf(text, sizeof(text), "%sA;huur;2025-13-01;10\n", h);
	import_fails(f, IZ_RECORDS_SIGNALS, "s.csv", text, false,
		     ":2:3: column 'signal_date': not a date (dd-mm-yyyy or "
		     "yyyy-mm-dd)");
	snprintf(text, sizeof(text), "%sA;huur;01-01-2025;-10\n", h);
	import_fails(f, IZ_RECORDS_SIGNALS, "s.csv", text, false,
		     ":2:4: column 'arrears_eur': not an amount in euros");
	snprintf(text, sizeof(text), "%sA;huur;01-01-2025;veel\n", h);
	import_fails(f, IZ_RECORDS_SIGNALS, "s.csv", text, false,
		     ":2:4: column 'arrears_eur': not an amount in euros");
}

static void test_import_structure_rejections(void **state)
{
	struct fx *f = *state;

	import_fails(f, IZ_RECORDS_HOUSEHOLDS, "n.csv", "", false,
		     ": no header row");
	import_fails(f, IZ_RECORDS_HOUSEHOLDS, "n.csv", "sep=;\n", false,
		     ": no header row");
	import_fails(f, IZ_RECORDS_HOUSEHOLDS, "n.csv",
		     HH_HEADER "A;GM0599;1980;overig;0;90\n", false,
		     ":2: expected 7 fields, got 6");
	import_fails(f, IZ_RECORDS_HOUSEHOLDS, "n.csv",
		     HH_HEADER "A;GM0599;1980;overig;0;90;2025\n"
			       "B;GM0599;1980;overig;0;90;2025;x\n",
		     false, ":3: expected 7 fields, got 8");
	import_fails(f, IZ_RECORDS_HOUSEHOLDS, "n.csv",
		     HH_HEADER "A;GM0599;1980;overig;0;90;2025\n"
			       "B;\"GM0599;1980;overig;0;90;2025\n",
		     false, ":3: quoted field not closed");
}

/* The quote opens the record's first field: the message still names the
 * line the record starts on, not the previous record's. */
static void test_import_unclosed_quote_first_field_line(void **state)
{
	import_fails(*state, IZ_RECORDS_HOUSEHOLDS, "n.csv",
		     HH_HEADER "A;GM0599;1980;overig;0;90;2025\n"
			       "\"B;GM0599;1980;overig;0;90;2025\n"
			       "C;GM0599;1980;overig;0;90;2025\n",
		     false, ":3: quoted field not closed");
}

/* The NUL byte above: write_text stops at it, so write the bytes. */
static void test_import_nul_byte_refused(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_import_result res;
	static const char text[] = HH_HEADER "A;GM0599;1980;overig;0;90;2025\n"
					     "B;GM0599;1980;ov\0ig;0;90;2025\n";
	char want[256];

	write_bytes(in_dir(f, "nul.csv"), text, sizeof(text) - 1, 0644);
	assert_int_equal(import(f, &res, IZ_RECORDS_HOUSEHOLDS, "nul.csv", NULL,
				false, &err),
			 -1);
	snprintf(want, sizeof(want), "%s/nul.csv:3: a NUL byte (not a text "
				     "file)",
		 f->dir);
	assert_string_equal(err.msg, want);
}

static void test_import_missing_file(void **state)
{
	struct fx *f = *state;
	struct iz_error err = IZ_ERROR_INIT;
	struct iz_import_result res;
	char want[256];

	assert_int_equal(import(f, &res, IZ_RECORDS_HOUSEHOLDS, "none.csv",
				NULL, false, &err),
			 -1);
	snprintf(want, sizeof(want),
		 "cannot read '%s/none.csv': No such file or directory",
		 f->dir);
	assert_string_equal(err.msg, want);
}

int main(void)
{
#define D(t) cmocka_unit_test_setup_teardown(t, setup_dir, teardown)
#define S(t) cmocka_unit_test_setup_teardown(t, setup_store, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_names_round_trip),
		cmocka_unit_test(test_fields_per_kind),
		cmocka_unit_test(test_bsn_known_valid),
		cmocka_unit_test(test_bsn_known_invalid),
		cmocka_unit_test(test_bsn_eight_digits_leading_zero_restored),
		cmocka_unit_test(test_bsn_separators_and_space),
		cmocka_unit_test(test_bsn_wrong_length_or_characters),
		cmocka_unit_test(test_key_wipe_zeroes),
		D(test_pseudonym_hmac_sha256_reference),
		D(test_pseudonym_reference_around_one_block),
		D(test_pseudonym_deterministic),
		D(test_pseudonym_depends_on_key),
		D(test_key_created_mode_0600),
		D(test_key_created_random),
		D(test_key_existing_read_as_is),
		D(test_key_missing_not_created),
		D(test_key_group_readable_refused),
		D(test_key_world_readable_refused),
		D(test_key_wrong_size_refused),
		S(test_import_households_basic),
		S(test_import_same_bsn_same_pseudonym_across_files),
		S(test_import_client_ids_trimmed),
		S(test_import_twice_is_idempotent),
		S(test_import_message_line_after_multiline_field),
		S(test_import_message_names_header_never_value),
		S(test_import_failure_leaves_store_unchanged),
		S(test_import_reject_file),
		S(test_import_sniffs_delimiters),
		S(test_import_bom_crlf_and_sep_line),
		S(test_import_cp1252_detected),
		S(test_import_utf8_then_cp1252_refused),
		S(test_import_trailing_delimiter_accepted),
		S(test_import_blank_lines_skipped),
		S(test_import_plain_lines_split_as_libcsv),
		S(test_import_mapped_columns),
		S(test_import_later_map_wins),
		S(test_import_missing_column),
		S(test_import_participation_rejections),
		S(test_import_participation_same_day_end_ok),
		S(test_import_signal_rejections),
		S(test_import_structure_rejections),
		S(test_import_unclosed_quote_first_field_line),
		S(test_import_nul_byte_refused),
		S(test_import_missing_file),
	};
#undef D
#undef S

	return cmocka_run_group_tests(tests, NULL, NULL);
}
