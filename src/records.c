/*
 * Import of municipal CSV exports (households, participation, signals):
 * sniff the delimiter, read UTF-8 with or without BOM or else Windows-1252,
 * split with libcsv one physical line at a time (so messages can name the
 * line a record starts on), map columns onto canonical fields, validate
 * every cell, replace identifiers by keyed hashes at once, and write all
 * rows in one transaction.
 */
#include "inzicht/records.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
/* SHA-256 comes from OpenSSL: libsodium 1.0.18 hashes in portable C, while
 * OpenSSL uses the SHA extensions of the CPU where they exist (five times
 * faster here, and every import hashes each id and the whole file). The
 * low-level SHA256_* calls are deprecated in OpenSSL 3 in favour of EVP,
 * but their state is a plain struct: the precomputed HMAC state stays a
 * value inside iz_records_key (no heap context to free), and a pseudonym
 * costs 125 ns instead of 225 ns through EVP_MD_CTX_copy_ex (measured). */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inzicht/recfields.h"
#include "inzicht/region.h"
#include "inzicht/text.h"

#define MAX_FIELDS 16
#define NO_COLUMN ((size_t)-1)

/* ---- kinds and fields ------------------------------------------------- */

static const char *const kind_names[] = { "households", "participation",
					  "signals" };

static const char *const household_fields[] = {
	"household_id", "region",	 "head_birth_year", "household_type",
	"children",	"income_pct_sm", "period",	    NULL
};
static const bool household_required[] = { true, true,	true, true,
					   true, false, false };
static const char *const participation_fields[] = {
	"household_id", "scheme", "start_date", "end_date", NULL
};
static const bool participation_required[] = { true, true, true, false };
static const char *const signal_fields[] = { "household_id", "partner",
					     "signal_date",  "arrears_eur",
					     "outcome",	     NULL };
static const bool signal_required[] = { true, true, true, true, false };

const char *iz_records_kind_name(enum iz_record_kind k)
{
	return kind_names[k];
}

int iz_records_kind_parse(enum iz_record_kind *out, const char *name)
{
	size_t i;

	for (i = 0; i < 3; i++)
		if (strcmp(kind_names[i], name) == 0) {
			*out = (enum iz_record_kind)i;
			return 0;
		}
	return -1;
}

const char *const *iz_records_fields(enum iz_record_kind k,
				     const bool **required_out)
{
	const bool *req = k == IZ_RECORDS_HOUSEHOLDS	 ? household_required :
			  k == IZ_RECORDS_PARTICIPATION ? participation_required :
							  signal_required;

	if (required_out)
		*required_out = req;
	return k == IZ_RECORDS_HOUSEHOLDS     ? household_fields :
	       k == IZ_RECORDS_PARTICIPATION ? participation_fields :
					       signal_fields;
}

/* ---- pseudonyms -------------------------------------------------------- */

static int create_key(const char *path, struct iz_records_key *out,
		      struct iz_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	ssize_t n;

	if (fd < 0)
		return iz_fail(err, IZ_EINPUT, "cannot create key file '%s': %s",
			       path, strerror(errno));
	randombytes_buf(out->k, sizeof(out->k));
	n = write(fd, out->k, sizeof(out->k));
	if (n != (ssize_t)sizeof(out->k) || fsync(fd) < 0) {
		close(fd);
		unlink(path);
		return iz_fail(err, IZ_EINPUT, "cannot write key file '%s'",
			       path);
	}
	close(fd);
	return 0;
}

static int key_read(struct iz_records_key *out, const char *path,
		    bool create, struct iz_error *err);

/* HMAC-SHA256 (RFC 2104) with the key block already hashed: the inner and
 * the outer SHA-256 states after key ^ ipad and key ^ opad. */
struct hmac_state {
	SHA256_CTX inner, outer;
};

_Static_assert(sizeof(struct hmac_state) <=
		       sizeof(((struct iz_records_key *)0)->state),
	       "iz_records_key.state is too small for the HMAC state");

static void key_state(struct iz_records_key *key)
{
	struct hmac_state *hs = (struct hmac_state *)(void *)key->state;
	unsigned char pad[SHA256_CBLOCK];
	size_t i;

	memset(pad, 0x36, sizeof(pad));
	for (i = 0; i < sizeof(key->k); i++)
		pad[i] ^= key->k[i];
	SHA256_Init(&hs->inner);
	SHA256_Update(&hs->inner, pad, sizeof(pad));
	memset(pad, 0x5c, sizeof(pad));
	for (i = 0; i < sizeof(key->k); i++)
		pad[i] ^= key->k[i];
	SHA256_Init(&hs->outer);
	SHA256_Update(&hs->outer, pad, sizeof(pad));
	sodium_memzero(pad, sizeof(pad));
}

int iz_records_key_load(struct iz_records_key *out, const char *path,
			bool create, struct iz_error *err)
{
	int rc = key_read(out, path, create, err);

	if (rc == 0)
		key_state(out);
	return rc;
}

static int key_read(struct iz_records_key *out, const char *path,
		    bool create, struct iz_error *err)
{
	struct stat sb;
	int fd;
	ssize_t n;

	if (sodium_init() < 0)
		return iz_fail(err, IZ_EINPUT, "cannot initialise libsodium");
	if (stat(path, &sb) < 0 && errno == ENOENT && create)
		return create_key(path, out, err);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) < 0) {
		if (fd >= 0)
			close(fd);
		return iz_fail(err, IZ_EINPUT, "cannot read key file '%s': %s",
			       path, strerror(errno));
	}
	if (sb.st_mode & 077) {
		close(fd);
		return iz_fail(err, IZ_EINPUT,
			       "key file '%s' is readable by others (chmod 600 "
			       "it)",
			       path);
	}
	n = read(fd, out->k, sizeof(out->k));
	close(fd);
	if (n != (ssize_t)sizeof(out->k))
		return iz_fail(err, IZ_EINPUT,
			       "key file '%s' is not a %d-byte key", path,
			       IZ_RECORDS_KEY_BYTES);
	return 0;
}

void iz_records_key_wipe(struct iz_records_key *key)
{
	sodium_memzero(key, sizeof(*key));
}

/* The big-endian length in bits of a message of n bytes after the key
 * block, at the end of its last block. */
static void put_bit_length(unsigned char block[SHA256_CBLOCK], size_t n)
{
	uint64_t bits = (uint64_t)(SHA256_CBLOCK + n) * 8;
	size_t i;

	for (i = 0; i < 8; i++)
		block[SHA256_CBLOCK - 1 - i] = (unsigned char)(bits >> (8 * i));
}

/* HMAC-SHA256 of an id of at most 55 bytes, its first 8 bytes: the id,
 * its padding and its length fit one block, and so does the inner hash,
 * so each half is one compression of a copy of the key's state -- without
 * SHA256_Update's buffering and SHA256_Final's clean-up, a third of the
 * cost of a pseudonym besides the two compressions (callgrind). */
static uint64_t short_hmac(const struct hmac_state *hs, const char *id,
			   size_t len)
{
	struct {
		unsigned char block[SHA256_CBLOCK];
		SHA256_CTX c;
	} t;
	size_t i;
	uint64_t v;

	memset(t.block, 0, sizeof(t.block));
	memcpy(t.block, id, len);
	t.block[len] = 0x80;
	put_bit_length(t.block, len);
	t.c = hs->inner;
	SHA256_Transform(&t.c, t.block);
	memset(t.block, 0, sizeof(t.block));
	for (i = 0; i < SHA256_DIGEST_LENGTH / 4; i++) {
		t.block[4 * i] = (unsigned char)(t.c.h[i] >> 24);
		t.block[4 * i + 1] = (unsigned char)(t.c.h[i] >> 16);
		t.block[4 * i + 2] = (unsigned char)(t.c.h[i] >> 8);
		t.block[4 * i + 3] = (unsigned char)t.c.h[i];
	}
	t.block[SHA256_DIGEST_LENGTH] = 0x80;
	put_bit_length(t.block, SHA256_DIGEST_LENGTH);
	t.c = hs->outer;
	SHA256_Transform(&t.c, t.block);
	v = (uint64_t)t.c.h[0] << 32 | t.c.h[1];
	sodium_memzero(&t, sizeof(t));
	return v;
}

int64_t iz_records_pseudonym(const struct iz_records_key *key, const char *id)
{
	const struct hmac_state *hs = (const void *)key->state;
	unsigned char mac[SHA256_DIGEST_LENGTH];
	SHA256_CTX c;
	uint64_t v = 0;
	size_t i, len = strlen(id);

	if (len <= SHA256_CBLOCK - 9)
		return (int64_t)short_hmac(hs, id, len);
	c = hs->inner;
	SHA256_Update(&c, id, len);
	SHA256_Final(mac, &c);
	c = hs->outer;
	SHA256_Update(&c, mac, sizeof(mac));
	SHA256_Final(mac, &c);
	sodium_memzero(&c, sizeof(c));
	for (i = 0; i < 8; i++)
		v = v << 8 | mac[i];
	sodium_memzero(mac, sizeof(mac));
	return (int64_t)v;
}

bool iz_records_bsn(char out[10], const char *cell)
{
	size_t n = 0;
	int sum = 0, i;

	for (; *cell; cell++) {
		if (isdigit((unsigned char)*cell)) {
			if (n == 9)
				return false;
			out[n++] = *cell;
		} else if (!isspace((unsigned char)*cell) && *cell != '.' &&
			   *cell != '-') {
			return false;
		}
	}
	if (n == 8) {
		memmove(out + 1, out, 8);
		out[0] = '0';
		n = 9;
	}
	out[n] = '\0';
	if (n != 9 || strcmp(out, "000000000") == 0)
		return false;
	for (i = 0; i < 8; i++)
		sum += (9 - i) * (out[i] - '0');
	sum -= out[8] - '0';
	return sum % 11 == 0;
}

/* ---- batches --------------------------------------------------------------
 * Pseudonyms are random, so rows arrive in random key order; inserting them
 * as they come would touch a random page of the table for every row. Rows
 * are gathered in batches, sorted by key and written in order instead. */

/* Rows per batch: the larger the batch, the closer its sorted rows sit in
 * the table (participation at 1 M households: 4.8 s with 256 Ki rows,
 * 3.6-4.0 s with 512 Ki); the smaller, the more of the writing overlaps
 * the reading (households, with few rows per file, were slower at 512 Ki:
 * 2.6-3.0 s against 2.5). */
#define BATCH_HOUSEHOLDS 262144
#define BATCH_OTHER 524288

static size_t batch_rows(enum iz_record_kind kind)
{
	return kind == IZ_RECORDS_HOUSEHOLDS ? BATCH_HOUSEHOLDS : BATCH_OTHER;
}

struct hh_row {
	struct iz_household h;
	char region[16];
};

struct part_row {
	struct iz_participation p;
	char start[11], end[11];
};

struct sig_row {
	struct iz_signal g;
	char date[11];
};

struct batch {
	struct hh_row *hh;
	struct part_row *part;
	struct sig_row *sig;
	struct keyed *order, *tmp; /* the write order, and room to sort it */
	size_t n;
};

/* A row's place in the write order: its pseudonym with the sign bit
 * flipped, so that unsigned order is the order of the signed keys. */
struct keyed {
	uint64_t key;
	uint32_t row;
};

static uint64_t order_key(int64_t id)
{
	return (uint64_t)id ^ ((uint64_t)1 << 63);
}

#define RADIX_BITS 11
#define RADIX (1u << RADIX_BITS)

/* One stable counting pass on the digit at shift; false when every pair
 * has the same digit there (nothing moved). */
static bool radix_pass(struct keyed *to, const struct keyed *from, size_t n,
		       unsigned shift)
{
	size_t count[RADIX] = { 0 }, i, sum = 0, c;

	for (i = 0; i < n; i++)
		count[(from[i].key >> shift) & (RADIX - 1)]++;
	for (i = 0; i < RADIX; i++) {
		if (count[i] == n)
			return false;
		c = count[i];
		count[i] = sum;
		sum += c;
	}
	for (i = 0; i < n; i++)
		to[count[(from[i].key >> shift) & (RADIX - 1)]++] = from[i];
	return true;
}

/* Sort by key, rows of one key in file order: an LSD radix sort (six
 * passes of 11 bits) over 16-byte pairs instead of qsort over whole rows,
 * which cost more than the inserts did. Equal natural keys keep their
 * file order, so the last of them is the one that stays (as before).
 * Returns a or tmp, whichever holds the result. */
static struct keyed *radix_sort(struct keyed *a, struct keyed *tmp, size_t n)
{
	unsigned shift;
	struct keyed *t;

	for (shift = 0; shift < 64; shift += RADIX_BITS)
		if (radix_pass(tmp, a, n, shift)) {
			t = a;
			a = tmp;
			tmp = t;
		}
	return a;
}

/* ---- the import state ------------------------------------------------- */

struct import {
	const struct iz_import_options *o;
	struct iz_store *st;
	struct iz_error *err;
	struct iz_import_result *res;
	struct csv_parser p;
	char **fields;  /* the record's fields, once it is complete */
	size_t *offset; /* where each field starts in text */
	size_t nfields, cap;
	char *text; /* the record's fields, each NUL-terminated */
	size_t len, text_cap;
	bool quote_open; /* an odd number of quotes so far: inside a field */
	char **header;
	size_t ncols;
	size_t col[MAX_FIELDS]; /* canonical field -> column index */
	size_t line, record_line;
	size_t next_line; /* where the record after the last complete one
			   * starts */
	bool pending, failed, have_header, sniffed;
	int enc; /* 0 ASCII so far, 1 UTF-8 seen, 2 Windows-1252 */
	FILE *reject;
	SHA256_CTX sha; /* of the whole file, for the import log */
	struct batch batches[2]; /* one filled while the other is written */
	struct batch *b;
	struct batch *to_write; /* the writer's batch */
	pthread_t writer;
	bool writing;
	int write_rc;
	struct iz_error write_err;
	char last_id[80]; /* a one-entry memo: rows of one household */
	int64_t last_pseudonym;
};

static void clear_fields(struct import *im)
{
	im->nfields = 0;
	im->len = 0;
}

/* Room for one more field. */
static void field_room(struct import *im)
{
	if (im->nfields == im->cap) {
		im->cap = im->cap ? 2 * im->cap : 16;
		im->fields = iz_xrealloc(im->fields,
					 im->cap * sizeof(*im->fields));
		im->offset = iz_xrealloc(im->offset,
					 im->cap * sizeof(*im->offset));
	}
}

static void on_field(void *s, size_t len, void *data)
{
	struct import *im = data;

	if (!im->pending)
		im->record_line = im->line;
	im->pending = true;
	field_room(im);
	/* One buffer for all fields of a record: no allocation per field. */
	if (im->len + len + 1 > im->text_cap) {
		im->text_cap = 2 * (im->len + len + 1) + 256;
		im->text = iz_xrealloc(im->text, im->text_cap);
	}
	if (len)
		memcpy(im->text + im->len, s, len);
	im->text[im->len + len] = '\0';
	im->offset[im->nfields++] = im->len;
	im->len += len + 1;
}

/* The fields as strings, now that the record is complete. */
static void record_fields(struct import *im)
{
	size_t i;

	for (i = 0; i < im->nfields; i++)
		im->fields[i] = im->text + im->offset[i];
}

/* "file:line:column: column 'Header': what" into err. */
static int cell_fail(struct import *im, size_t field, const char *what)
{
	size_t c = im->col[field];

	if (c == NO_COLUMN)
		return iz_fail(im->err, IZ_EINPUT, "%s:%zu: field '%s': %s",
			       im->o->path, im->record_line,
			       iz_records_fields(im->o->kind, NULL)[field],
			       what);

	return iz_fail(im->err, IZ_EINPUT, "%s:%zu:%zu: column '%s': %s",
		       im->o->path, im->record_line, c + 1, im->header[c],
		       what);
}

static const char *cell(struct import *im, size_t field)
{
	size_t c = im->col[field];

	return c == NO_COLUMN || c >= im->nfields ? "" : im->fields[c];
}

/* ---- header ------------------------------------------------------------ */

/* The column that field is mapped onto: --map wins, then the field name. */
static const char *mapped_name(const struct iz_import_options *o,
			       const char *field)
{
	const char *kind = kind_names[o->kind];
	size_t i, fl = strlen(field), kl = strlen(kind);

	for (i = o->nmap; i-- > 0;) {
		const char *m = o->map[i];

		if (strncmp(m, kind, kl) == 0 && m[kl] == '.')
			m += kl + 1;
		if (strncmp(m, field, fl) == 0 && m[fl] == '=')
			return m + fl + 1;
	}
	return field;
}

static size_t find_column(struct import *im, const char *name)
{
	size_t i;

	for (i = 0; i < im->ncols; i++)
		if (strcasecmp(im->header[i], name) == 0)
			return i;
	return NO_COLUMN;
}

/* A field the file must have: the required ones, and the households'
 * period when no --period gives it. */
static bool needed(const struct iz_import_options *o, size_t field,
		   const bool *req)
{
	if (o->kind == IZ_RECORDS_HOUSEHOLDS && field == 6)
		return o->period <= 0;
	return req[field];
}

static int take_header(struct import *im)
{
	const bool *req;
	const char *const *f = iz_records_fields(im->o->kind, &req);
	size_t i;

	im->ncols = im->nfields;
	im->header = iz_xmalloc((im->ncols + 1) * sizeof(*im->header));
	im->have_header = true;
	for (i = 0; i < im->ncols; i++) {
		im->header[i] = iz_xstrdup(im->fields[i]);
		iz_trim(im->header[i]);
	}
	for (i = 0; f[i]; i++) {
		const char *name = mapped_name(im->o, f[i]);

		im->col[i] = find_column(im, name);
		if (im->col[i] == NO_COLUMN && needed(im->o, i, req))
			return iz_fail(im->err, IZ_EINPUT,
				       "%s:%zu: no column '%s' for field '%s' "
				       "(map it with --map %s=<column>)",
				       im->o->path, im->record_line, name, f[i],
				       f[i]);
	}
	return 0;
}

/* ---- rejects ------------------------------------------------------------ */

static void write_quoted(FILE *f, const char *s, char delim)
{
	if (!strchr(s, delim) && !strpbrk(s, "\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void write_row(FILE *f, char **v, size_t n, const char *extra,
		      char delim)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			fputc(delim, f);
		write_quoted(f, v[i], delim);
	}
	fputc(delim, f);
	write_quoted(f, extra, delim);
	fputs("\r\n", f);
}

static int open_reject(struct import *im)
{
	int fd = open(im->o->reject_path,
		      O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0 || !(im->reject = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		return iz_fail(im->err, IZ_EINPUT, "cannot write '%s': %s",
			       im->o->reject_path, strerror(errno));
	}
	write_row(im->reject, im->header, im->ncols, "reden",
		  im->res->delimiter);
	return 0;
}

/* ---- rows ------------------------------------------------------------- */

/* Exports list a household's rows together: remember the last one. */
static int64_t memo_pseudonym(struct import *im, const char *id)
{
	if (strcmp(id, im->last_id) != 0) {
		im->last_pseudonym = iz_records_pseudonym(im->o->key, id);
		memcpy(im->last_id, id, strlen(id) + 1);
	}
	return im->last_pseudonym;
}

static int row_id(int64_t *out, struct import *im)
{
	char bsn[10];
	char id[80];
	const char *c = cell(im, 0);

	if (im->o->id_is_bsn) {
		if (!iz_records_bsn(bsn, c))
			return cell_fail(im, 0,
					 "not a valid BSN (elfproef)");
		*out = memo_pseudonym(im, bsn);
		sodium_memzero(bsn, sizeof(bsn));
		return 0;
	}
	if (strlen(c) >= sizeof(id))
		return cell_fail(im, 0, "identifier longer than 79 characters");
	memcpy(id, c, strlen(c) + 1);
	iz_trim(id);
	if (!id[0])
		return cell_fail(im, 0, "empty identifier");
	*out = memo_pseudonym(im, id);
	sodium_memzero(id, sizeof(id));
	return 0;
}

/* The batch's rows in key order. */
static const struct keyed *sort_batch(struct import *im, struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		b->order[i].row = (uint32_t)i;
		b->order[i].key = order_key(
			im->o->kind == IZ_RECORDS_HOUSEHOLDS ? b->hh[i].h.id :
			im->o->kind == IZ_RECORDS_PARTICIPATION ?
							       b->part[i].p.household :
							       b->sig[i].g.household);
	}
	return radix_sort(b->order, b->tmp, b->n);
}

/* Write rows of the batch in chunks of IZ_STORE_PUT_ROWS; the pointers
 * inside each row point into the row itself or at static strings. */
static int put_hh(struct import *im, struct batch *b,
		  const struct keyed *order, size_t n, struct iz_error *err)
{
	const struct iz_household *rows[IZ_STORE_PUT_ROWS];
	size_t i;

	for (i = 0; i < n; i++) {
		struct hh_row *r = &b->hh[order[i].row];

		r->h.region = r->region;
		rows[i] = &r->h;
	}
	return iz_store_put_households(im->st, rows, n, err);
}

static int put_part(struct import *im, struct batch *b,
		    const struct keyed *order, size_t n, struct iz_error *err)
{
	const struct iz_participation *rows[IZ_STORE_PUT_ROWS];
	size_t i;

	for (i = 0; i < n; i++) {
		struct part_row *r = &b->part[order[i].row];

		r->p.start_date = r->start;
		if (r->p.end_date)
			r->p.end_date = r->end;
		rows[i] = &r->p;
	}
	return iz_store_put_participations(im->st, rows, n, err);
}

static int put_sig(struct import *im, struct batch *b,
		   const struct keyed *order, size_t n, struct iz_error *err)
{
	const struct iz_signal *rows[IZ_STORE_PUT_ROWS];
	size_t i;

	for (i = 0; i < n; i++) {
		struct sig_row *r = &b->sig[order[i].row];

		r->g.signal_date = r->date;
		rows[i] = &r->g;
	}
	return iz_store_put_signals(im->st, rows, n, err);
}

/* Sort the batch and write it. */
static int flush(struct import *im, struct batch *b, struct iz_error *err)
{
	const struct keyed *order = sort_batch(im, b);
	size_t i, n;
	int rc = 0;

	for (i = 0; i < b->n && rc == 0; i += n) {
		n = b->n - i < IZ_STORE_PUT_ROWS ? b->n - i : IZ_STORE_PUT_ROWS;
		switch (im->o->kind) {
		case IZ_RECORDS_HOUSEHOLDS:
			rc = put_hh(im, b, order + i, n, err);
			break;
		case IZ_RECORDS_PARTICIPATION:
			rc = put_part(im, b, order + i, n, err);
			break;
		case IZ_RECORDS_SIGNALS:
			rc = put_sig(im, b, order + i, n, err);
			break;
		}
	}
	b->n = 0;
	return rc;
}

/* The writer thread: sorts and writes one full batch while the reader
 * fills the other. Only it touches the store meanwhile. */
static void *writer(void *arg)
{
	struct import *im = arg;

	im->write_rc = flush(im, im->to_write, &im->write_err);
	return NULL;
}

/* Wait for the writer; its error becomes ours. */
static int join_writer(struct import *im)
{
	if (!im->writing)
		return 0;
	pthread_join(im->writer, NULL);
	im->writing = false;
	if (im->write_rc < 0) {
		*im->err = im->write_err;
		im->failed = true;
		return -1;
	}
	return 0;
}

/* On the way out after another error: the writer must be done before the
 * rollback, and its own error no longer matters. */
static void join_writer_quietly(struct import *im)
{
	if (im->writing)
		pthread_join(im->writer, NULL);
	im->writing = false;
}

static void alloc_batch(struct import *im, struct batch *b)
{
	size_t rows = batch_rows(im->o->kind);

	if (im->o->kind == IZ_RECORDS_HOUSEHOLDS)
		b->hh = iz_xmalloc(rows * sizeof(*b->hh));
	else if (im->o->kind == IZ_RECORDS_PARTICIPATION)
		b->part = iz_xmalloc(rows * sizeof(*b->part));
	else
		b->sig = iz_xmalloc(rows * sizeof(*b->sig));
	b->order = iz_xmalloc(rows * sizeof(*b->order));
	b->tmp = iz_xmalloc(rows * sizeof(*b->tmp));
}

/* Hand a full batch to the writer and switch to the other one. */
static int swap_batches(struct import *im)
{
	if (join_writer(im) < 0)
		return -1;
	im->to_write = im->b;
	im->b = im->b == &im->batches[0] ? &im->batches[1] : &im->batches[0];
	if (!im->b->hh && !im->b->part && !im->b->sig)
		alloc_batch(im, im->b);
	if (pthread_create(&im->writer, NULL, writer, im) != 0)
		return flush(im, im->to_write, im->err);
	im->writing = true;
	return 0;
}

/* The next free row of the current batch. */
static void *batch_slot(struct import *im)
{
	struct batch *b;

	if (!im->b) {
		im->b = &im->batches[0];
		alloc_batch(im, im->b);
	}
	if (im->b->n == batch_rows(im->o->kind) && swap_batches(im) < 0)
		return NULL;
	b = im->b;
	if (b->hh)
		return &b->hh[b->n];
	return b->part ? (void *)&b->part[b->n] : (void *)&b->sig[b->n];
}

/* The end of the file: wait for the writer, write what is left. */
static int flush_all(struct import *im)
{
	if (join_writer(im) < 0)
		return -1;
	return im->b ? flush(im, im->b, im->err) : 0;
}

static int household_row(struct import *im)
{
	struct hh_row *r = batch_slot(im);
	const char *why = NULL;
	size_t bad = 0;

	if (!r || row_id(&r->h.id, im) < 0)
		return -1;
	if (iz_recfield_household(&r->h, r->region, cell(im, 1), cell(im, 2),
				  cell(im, 3), cell(im, 4), cell(im, 5),
				  im->col[6] == NO_COLUMN ? NULL : cell(im, 6),
				  im->o->period, &bad, &why) < 0)
		return cell_fail(im, bad, why);
	im->b->n++;
	return 0;
}

static int participation_row(struct import *im)
{
	struct part_row *r = batch_slot(im);
	long s;
	char *known;

	if (!r || row_id(&r->p.household, im) < 0)
		return -1;
	s = iz_schemes_find(im->o->schemes, cell(im, 1));
	if (s < 0) {
		known = iz_schemes_list(im->o->schemes);
		iz_fail(im->err, IZ_EINPUT,
			"%s:%zu:%zu: column '%s': unknown scheme code "
			"(known: %s)",
			im->o->path, im->record_line, im->col[1] + 1,
			im->header[im->col[1]], known);
		free(known);
		return -1;
	}
	r->p.scheme = im->o->schemes->items[s].code;
	if (iz_recfield_date(r->start, cell(im, 2)) < 0)
		return cell_fail(im, 2, "not a date (dd-mm-yyyy or yyyy-mm-dd)");
	r->p.end_date = NULL;
	if (!iz_recfield_blank(cell(im, 3))) {
		if (iz_recfield_date(r->end, cell(im, 3)) < 0)
			return cell_fail(im, 3,
					 "not a date (dd-mm-yyyy or yyyy-mm-dd)");
		if (strcmp(r->end, r->start) < 0)
			return cell_fail(im, 3, "end date before start date");
		r->p.end_date = r->end;
	}
	im->b->n++;
	return 0;
}

static int signal_row(struct import *im)
{
	struct sig_row *r = batch_slot(im);
	const char *status;
	int rc;

	if (!r || row_id(&r->g.household, im) < 0)
		return -1;
	r->g.partner = iz_recfield_partner(cell(im, 1));
	if (!r->g.partner)
		return cell_fail(im, 1,
				 "unknown partner (expected energie, huur, "
				 "water, zorgverzekeraar or other)");
	if (iz_recfield_date(r->date, cell(im, 2)) < 0)
		return cell_fail(im, 2, "not a date (dd-mm-yyyy or yyyy-mm-dd)");
	rc = iz_text_number(&r->g.arrears_eur, &status, cell(im, 3));
	if (rc < 0 || (rc == 1 && r->g.arrears_eur < 0))
		return cell_fail(im, 3, "not an amount in euros");
	if (rc == 0)
		r->g.arrears_eur = -1;
	r->g.outcome = iz_recfield_outcome(cell(im, 4));
	im->b->n++;
	return 0;
}

static int data_row(struct import *im)
{
	size_t n = im->nfields;

	while (n > im->ncols && !im->fields[n - 1][0])
		n--; /* a trailing delimiter */
	if (n != im->ncols)
		return iz_fail(im->err, IZ_EINPUT,
			       "%s:%zu: expected %zu fields, got %zu",
			       im->o->path, im->record_line, im->ncols, n);
	switch (im->o->kind) {
	case IZ_RECORDS_HOUSEHOLDS:
		return household_row(im);
	case IZ_RECORDS_PARTICIPATION:
		return participation_row(im);
	case IZ_RECORDS_SIGNALS:
		return signal_row(im);
	}
	return -1;
}

/* A bad row: into the reject file when there is one, else fatal. */
static void handle_row(struct import *im)
{
	if (data_row(im) == 0) {
		im->res->rows++;
		return;
	}
	if (!im->reject || im->err->code == IZ_ESTORE) {
		im->failed = true;
		return;
	}
	write_row(im->reject, im->fields, im->nfields, im->err->msg,
		  im->res->delimiter);
	im->res->rejected++;
	iz_error_clear(im->err);
}

/* A complete record, its fields in im->fields: the header or a row. */
static void end_record(struct import *im)
{
	im->next_line = im->line + 1;
	if (im->failed || !im->pending) {
		clear_fields(im);
		im->pending = false;
		return;
	}
	im->pending = false;
	if (!im->have_header) {
		if (take_header(im) < 0 ||
		    (im->o->reject_path && open_reject(im) < 0))
			im->failed = true;
	} else {
		handle_row(im);
	}
	clear_fields(im);
}

static void on_row(int c, void *data)
{
	struct import *im = data;

	(void)c;
	record_fields(im);
	end_record(im);
}

/* ---- reading ----------------------------------------------------------- */

static char sniff(const char *line)
{
	size_t semi = 0, comma = 0, tab = 0;
	bool quoted = false;

	for (; *line && *line != '\n'; line++) {
		if (*line == '"')
			quoted = !quoted;
		else if (!quoted)
			semi += *line == ';', comma += *line == ',',
				tab += *line == '\t';
	}
	if (tab > semi && tab > comma)
		return '\t';
	return comma > semi ? ',' : ';';
}

/* Eight bytes at a time: every line of every file passes here. */
static bool has_high(const char *s, size_t n)
{
	uint64_t w, any = 0;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		any |= w;
	}
	for (; i < n; i++)
		any |= (unsigned char)s[i];
	return (any & 0x8080808080808080u) != 0;
}

/* The line as UTF-8: the file is UTF-8 unless a line proves otherwise.
 * Returns line itself when it needs no conversion, else a new string. */
static char *to_utf8(struct import *im, char *line, size_t n, size_t *len)
{
	bool conv;

	if (im->enc != 2 && has_high(line, n)) {
		if (iz_text_valid_utf8(line, n)) {
			im->enc = 1;
		} else if (im->enc == 1) {
			iz_fail(im->err, IZ_EINPUT,
				"%s:%zu: not UTF-8, unlike the lines before",
				im->o->path, im->line);
			return NULL;
		} else {
			im->enc = 2;
			im->res->cp1252 = true;
		}
	}
	if (im->enc == 2)
		return iz_text_utf8(line, n, len, &conv);
	*len = n;
	return line;
}

/* libcsv's blanks: trimmed around unquoted fields, unless the delimiter. */
static bool csv_blank(char c, char delim)
{
	return (c == ' ' || c == '\t') && c != delim;
}

/* Where a line that split_plain may take ends (before "\n" or "\r\n"), or
 * NULL: quotes, a bare CR, a blank line, or inside a quoted field. */
static char *plain_end(const struct import *im, char *t, size_t n, char delim)
{
	char *end, *f;

	if (!im->have_header || im->quote_open || n == 0 || t[n - 1] != '\n' ||
	    memchr(t, '"', n))
		return NULL;
	end = t + n - 1;
	if (end > t && end[-1] == '\r')
		end--;
	if (memchr(t, '\r', (size_t)(end - t)))
		return NULL;
	for (f = t; f < end && csv_blank(*f, delim); f++)
		;
	return f == end ? NULL : end; /* blank: libcsv reports no record */
}

/* A line without quotes, outside any quoted field, ending in "\n" or
 * "\r\n": split here into fields exactly as libcsv would (blanks trimmed
 * around each field), without its byte-at-a-time state machine and
 * without a copy: each field is ended by a NUL in the line itself. false
 * (nothing done) for anything else, which libcsv then parses. */
static bool split_plain(struct import *im, char *t, size_t n)
{
	char delim = im->res->delimiter ? im->res->delimiter : ';';
	char *end = plain_end(im, t, n, delim), *f, *e, *d;

	if (!end)
		return false;
	im->record_line = im->line;
	im->pending = true;
	for (f = t;; f = d + 1) {
		d = memchr(f, delim, (size_t)(end - f));
		e = d ? d : end;
		while (f < e && csv_blank(*f, delim))
			f++;
		while (e > f && csv_blank(e[-1], delim))
			e--;
		*e = '\0';
		field_room(im);
		im->fields[im->nfields++] = f;
		if (!d)
			break;
	}
	end_record(im);
	return true;
}

/* Whether an odd number of quotes leaves a field open after this line. */
static void count_quotes(struct import *im, const char *t, size_t n)
{
	const char *q = t, *e = t + n;

	while ((q = memchr(q, '"', (size_t)(e - q))) != NULL) {
		im->quote_open = !im->quote_open;
		q++;
	}
}

static int feed(struct import *im, char *line, size_t n)
{
	size_t len;
	char *text = to_utf8(im, line, n, &len);
	int rc = 0;

	if (!text)
		return -1;
	if (!split_plain(im, text, len)) {
		count_quotes(im, text, len);
		if (csv_parse(&im->p, text, len, on_field, on_row, im) != len)
			rc = iz_fail(im->err, IZ_EINPUT, "%s:%zu: %s",
				     im->o->path, im->line,
				     csv_strerror(csv_error(&im->p)));
	}
	if (text != line)
		free(text);
	if (rc == 0 && im->failed)
		rc = -1;
	return rc;
}

/* Lines before the header: a BOM on the first, an Excel "sep=;" line,
 * blank lines; the delimiter is sniffed from the header itself. */
static void before_header(struct import *im, char **line, ssize_t *n)
{
	if (im->line == 1 && *n >= 3 &&
	    memcmp(*line, "\xef\xbb\xbf", 3) == 0) {
		memmove(*line, *line + 3, (size_t)*n - 2);
		*n -= 3;
	}
	if (strncasecmp(*line, "sep=", 4) == 0 && *n >= 5) {
		im->res->delimiter = (*line)[4];
		**line = '\0';
		*n = 0;
	} else if (!im->sniffed && !iz_recfield_blank(*line)) {
		if (!im->res->delimiter)
			im->res->delimiter = sniff(*line);
		im->sniffed = true;
	}
	csv_set_delim(&im->p, (unsigned char)(im->res->delimiter ?
						      im->res->delimiter :
						      ';'));
}

static int read_all(struct import *im, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
		SHA256_Update(&im->sha, line, (size_t)n);
		im->line++;
		if (memchr(line, '\0', (size_t)n))
			rc = iz_fail(im->err, IZ_EINPUT,
				     "%s:%zu: a NUL byte (not a text file)",
				     im->o->path, im->line);
		else if (!im->have_header && !im->pending)
			before_header(im, &line, &n);
		if (rc == 0 && n > 0)
			rc = feed(im, line, (size_t)n);
	}
	free(line);
	if (rc == 0 && ferror(f))
		rc = iz_fail(im->err, IZ_EINPUT, "cannot read '%s': %s",
			     im->o->path, strerror(errno));
	return rc;
}

static int finish(struct import *im)
{
	if (csv_fini(&im->p, on_field, on_row, im) != 0)
		return iz_fail(im->err, IZ_EINPUT,
			       "%s:%zu: quoted field not closed", im->o->path,
			       im->pending ? im->record_line : im->next_line);
	if (im->failed)
		return -1;
	if (!im->have_header)
		return iz_fail(im->err, IZ_EINPUT, "%s: no header row",
			       im->o->path);
	return 0;
}

static void hex(char *out, const unsigned char *in, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", in[i]);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static int put_schemes(struct import *im)
{
	const struct iz_schemes *s = im->o->schemes;
	size_t i;

	for (i = 0; s && i < s->n; i++)
		if (iz_store_put_scheme(im->st, s->items[i].code,
					s->items[i].name, s->items[i].spearhead,
					s->items[i].income_threshold,
					iz_target_name(s->items[i].target),
					im->err) < 0)
			return -1;
	return 0;
}

static int log_import(struct import *im)
{
	unsigned char digest[SHA256_DIGEST_LENGTH];
	char sum[2 * SHA256_DIGEST_LENGTH + 1];

	SHA256_Final(digest, &im->sha);
	hex(sum, digest, sizeof(digest));
	return iz_store_log_import(im->st, kind_names[im->o->kind],
				   base_name(im->o->path), sum, im->res->rows,
				   im->res->rejected, im->err);
}

static int run(struct import *im, FILE *f)
{
	if (csv_init(&im->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) !=
	    0)
		return iz_fail(im->err, IZ_EINPUT, "cannot initialise libcsv");
	SHA256_Init(&im->sha);
	if (iz_store_begin(im->st, im->err) < 0) {
		csv_free(&im->p);
		return -1;
	}
	if (put_schemes(im) < 0 || read_all(im, f) < 0 || finish(im) < 0 ||
	    flush_all(im) < 0 || log_import(im) < 0 ||
	    iz_store_commit(im->st, im->err) < 0) {
		join_writer_quietly(im);
		iz_store_rollback(im->st);
		csv_free(&im->p);
		return -1;
	}
	csv_free(&im->p);
	return 0;
}

int iz_records_import(struct iz_import_result *res, struct iz_store *st,
		      const struct iz_import_options *o, struct iz_error *err)
{
	struct import im = { .o = o, .st = st, .err = err, .res = res };
	FILE *f;
	int rc;
	size_t i;

	memset(res, 0, sizeof(*res));
	if (sodium_init() < 0)
		return iz_fail(err, IZ_EINPUT, "cannot initialise libsodium");
	f = fopen(o->path, "rb");
	if (!f)
		return iz_fail(err, IZ_EINPUT, "cannot read '%s': %s", o->path,
			       strerror(errno));
	rc = run(&im, f);
	fclose(f);
	if (im.reject && fclose(im.reject) != 0 && rc == 0)
		rc = iz_fail(err, IZ_EINPUT, "cannot write '%s'",
			     o->reject_path);
	free(im.fields);
	free(im.offset);
	free(im.text);
	join_writer_quietly(&im);
	for (i = 0; i < 2; i++) {
		free(im.batches[i].hh);
		free(im.batches[i].part);
		free(im.batches[i].sig);
		free(im.batches[i].order);
		free(im.batches[i].tmp);
	}
	sodium_memzero(im.last_id, sizeof(im.last_id));
	for (i = 0; i < im.ncols; i++)
		free(im.header[i]);
	free(im.header);
	return rc;
}
