/*
 * Municipal records: CSV exports of households, scheme participation and
 * arrears signals (vroegsignalering), imported into the store. Identifiers
 * (BSN, client numbers) are replaced at once by a keyed hash (HMAC-SHA256)
 * and never reach the store, a log or a message in clear.
 */
#ifndef INZICHT_RECORDS_H
#define INZICHT_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inzicht/error.h"
#include "inzicht/schemes.h"
#include "inzicht/store.h"

enum iz_record_kind {
	IZ_RECORDS_HOUSEHOLDS,
	IZ_RECORDS_PARTICIPATION,
	IZ_RECORDS_SIGNALS,
};

/* "households", "participation", "signals"; parse returns -1 if unknown. */
const char *iz_records_kind_name(enum iz_record_kind k);
int iz_records_kind_parse(enum iz_record_kind *out, const char *name);

/* The canonical fields of a kind, NULL-terminated; *required_out (may be
 * NULL) receives a parallel array of "is required". Static. */
const char *const *iz_records_fields(enum iz_record_kind k,
				     const bool **required_out);

/* ---- pseudonyms ------------------------------------------------------ */

#define IZ_RECORDS_KEY_BYTES 32

struct iz_records_key {
	unsigned char k[IZ_RECORDS_KEY_BYTES];
	/* HMAC state after the key block, computed once by
	 * iz_records_key_load: each pseudonym then costs two SHA-256
	 * compressions instead of four. Opaque bytes (the inner and outer
	 * SHA-256 states). */
	unsigned char state[432] __attribute__((aligned(16)));
};

/*
 * Read the key file at path; when it does not exist and create is true,
 * make one (32 random bytes, mode 0600, never overwritten). A key file
 * readable by group or others is refused. Returns 0 or -1.
 */
int iz_records_key_load(struct iz_records_key *out, const char *path,
			bool create, struct iz_error *err);

/* Overwrite the key in memory. */
void iz_records_key_wipe(struct iz_records_key *key);

/* The pseudonym of an identifier (already normalised): the first 8 bytes of
 * HMAC-SHA256(key, id) as a signed 64-bit integer. */
int64_t iz_records_pseudonym(const struct iz_records_key *key,
			     const char *id);

/* Normalise a BSN cell into out (10 bytes): digits only, a leading zero
 * restored when 8 digits remain; true when it passes the elfproef. */
bool iz_records_bsn(char out[10], const char *cell);

/* ---- import ---------------------------------------------------------- */

struct iz_import_options {
	enum iz_record_kind kind;
	const char *path;        /* the CSV file */
	const char *const *map;  /* "field=Column" (also "kind.field=...") */
	size_t nmap;
	bool id_is_bsn;          /* --id-kind bsn: elfproef on the id */
	const char *reject_path; /* NULL: all or nothing */
	int period;              /* households: default period (year), or 0 */
	const struct iz_schemes *schemes;
	const struct iz_records_key *key;
};

struct iz_import_result {
	int64_t rows;     /* imported */
	int64_t rejected; /* written to the reject file */
	char delimiter;
	bool cp1252;      /* the file was Windows-1252 */
};

/*
 * Import one file inside one transaction: on any error the store is left
 * as it was (unless reject_path is given: then bad rows go there with their
 * reason and the good ones are imported). Messages name file:line:column and
 * the column's header, never a value.
 */
int iz_records_import(struct iz_import_result *res, struct iz_store *st,
		      const struct iz_import_options *o, struct iz_error *err);

#endif
