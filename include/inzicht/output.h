/*
 * Rendering result tables as aligned text, CSV (RFC 4180) or one JSON
 * document. The same columns in all three formats.
 */
#ifndef INZICHT_OUTPUT_H
#define INZICHT_OUTPUT_H

#include <stdio.h>

#include "inzicht/error.h"
#include "inzicht/table.h"

enum iz_format {
	IZ_FORMAT_TABLE,
	IZ_FORMAT_CSV,
	IZ_FORMAT_JSON,
};

/* Parse "table", "csv" or "json"; -1 with an IZ_EUSAGE error otherwise. */
int iz_output_parse_format(enum iz_format *out, const char *name,
			   struct iz_error *err);

/*
 * Write table t to f in format fmt. Table: a header line, a rule, aligned
 * columns (numbers right-aligned), suppressed cells as ".", missing as "".
 * CSV: header row, RFC 4180 quoting, CRLF-free ("\n") lines, "." decimals,
 * suppressed as ".", missing empty. JSON: {"columns": [...], "rows": [[...]],
 * "statistics": {...}, "notes": [...]} with suppressed cells null and listed
 * under "suppression"."cells" as {"row", "column", "reason"}.
 * Returns 0, or -1 with err set when writing fails.
 */
int iz_output_write(FILE *f, const struct iz_table *t, enum iz_format fmt,
		    struct iz_error *err);

#endif
