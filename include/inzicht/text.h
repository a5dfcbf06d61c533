/*
 * Text the Dutch way: numbers with a decimal comma, missing-value symbols,
 * period cells, and input that is UTF-8 or else Windows-1252. Used by the
 * csv source, the swing-ods source and the records importer.
 */
#ifndef INZICHT_TEXT_H
#define INZICHT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Read one cell as a number the Dutch or the English way: "12,5" and
 * "12.5" are 12.5; "1.234,5" is 1234.5 (dots group thousands only when a
 * decimal comma follows). Returns 1 with *out set; 0 for a missing value
 * (empty, ".", "-", "x", "?") with *status set to a static string ("empty"
 * or the symbol); -1 when the cell is not a number. White space around the
 * cell is ignored.
 */
int iz_text_number(double *out, const char **status, const char *cell);

/*
 * A period cell as a CBS period code: "2023" becomes "2023JJ00", a code
 * already of the form yyyyTTnn ("2023KW02") is kept. White space around it
 * is ignored. Returns 0 with out (n bytes, at least 9) filled, or -1.
 */
int iz_text_period(char *out, size_t n, const char *cell);

/*
 * s[0..len) as UTF-8: a copy when it is valid UTF-8, else the bytes read as
 * Windows-1252. New NUL-terminated string (caller frees); *out_len is its
 * length. *converted says whether it was Windows-1252.
 */
char *iz_text_utf8(const char *s, size_t len, size_t *out_len,
			bool *converted);

/* Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian), as
 * the records keep their dates (schema 4); false, *out unchanged, when d
 * is not of that form or its month or day is out of range. */
bool iz_text_day(int64_t *out, const char *d);

/* s[0..len) is valid UTF-8 (no overlong forms, no surrogates). */
bool iz_text_valid_utf8(const char *s, size_t len);

#endif
