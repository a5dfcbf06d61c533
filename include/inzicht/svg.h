/*
 * Charts as inline SVG for the HTML report (issue 5): a dot plot (a region
 * against the country and a peer range, with intervals), bars with
 * whiskers, a scatter with a regression line and one highlighted point, an
 * UpSet matrix of scheme combinations, and small multiples of line charts.
 *
 * Every writer prints one <svg> element (no XML declaration, so it can sit
 * inside HTML) that is well-formed XML: role="img", aria-labelledby naming
 * its <title> and <desc>, all text escaped, a viewBox and a fixed width so
 * it prints on A4. Colours come from the Okabe-Ito palette (distinguishable
 * for colour-blind readers) and meaning never rests on colour alone (shape
 * or label as well). Numbers are written in the notation of the language:
 * 12,3 in Dutch, 12.3 in English. A value marked suppressed is never
 * written, in any form (no bar length, label, tooltip or attribute holds
 * it); it is drawn as a "." mark with the words of the frame.
 *
 * Writers return 0, or -1 when writing to f failed (ferror). Non-finite
 * numbers (NaN) mean "none" wherever a field says so.
 */
#ifndef INZICHT_SVG_H
#define INZICHT_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum iz_lang {
	IZ_LANG_NL,
	IZ_LANG_EN,
};

/* "nl" or "en"; -1 if unknown. */
int iz_lang_parse(enum iz_lang *out, const char *name);

/*
 * v with the given decimals in the notation of lang, into buf (n bytes):
 * 1234.5 -> "1.234,5" (nl) or "1,234.5" (en); thousands grouped from
 * 10 000 up; a minus sign for negatives; "." when v is not finite.
 * Returns buf.
 */
char *iz_svg_number(char *buf, size_t n, double v, int decimals,
		    enum iz_lang lang);

/* Write s escaped for XML text and attribute values (& < > " '). */
void iz_svg_escape(FILE *f, const char *s);

/* What every chart has. id: unique in the page, [A-Za-z0-9_-] only; the
 * title and desc elements get id-title and id-desc. */
struct iz_svg_frame {
	const char *id;
	const char *title; /* short: what the chart is */
	const char *desc;  /* a sentence saying what it shows in words */
	const char *unit;  /* appended to axis numbers, e.g. "%"; or NULL */
	enum iz_lang lang;
};

/* Verdict colours and shapes of a dot-plot row. */
enum iz_svg_verdict {
	IZ_SVG_NEUTRAL,
	IZ_SVG_BETTER,
	IZ_SVG_SIMILAR,
	IZ_SVG_WORSE,
};

/*
 * One row of a dot plot: the region's value with its interval (lo, hi;
 * NaN when none), the reference value (the country; NaN when none) and a
 * band (the peer interquartile range; NaN when none).
 */
struct iz_svg_dot_row {
	const char *label;
	double value, lo, hi;
	double ref;
	double band_lo, band_hi;
	enum iz_svg_verdict verdict;
};

/* Labels of the legend: region, reference and band (e.g. "Amsterdam",
 * "Nederland", "vergelijkbare gemeenten"). */
struct iz_svg_dot_legend {
	const char *value, *ref, *band;
};

/* Rows top to bottom on one shared axis (from the data, 0 included when
 * all values are of one sign and the unit is "%"). */
int iz_svg_dotplot(FILE *f, const struct iz_svg_frame *fr,
		   const struct iz_svg_dot_legend *legend,
		   const struct iz_svg_dot_row *rows, size_t n);

/* One horizontal bar with a whisker (lo, hi; NaN when none). */
struct iz_svg_bar {
	const char *label;
	double value, lo, hi;
	bool suppressed; /* value, lo and hi are not read */
};

/* Horizontal bars from 0; max is the axis end (0: from the data). The
 * frame's unit labels the numbers. suppressed_label: the words beside a
 * suppressed bar (e.g. "geheim"). */
int iz_svg_bars(FILE *f, const struct iz_svg_frame *fr,
		const struct iz_svg_bar *bars, size_t n, double max,
		const char *suppressed_label);

struct iz_svg_point {
	const char *label; /* shown for the highlighted point only */
	double x, y;
	bool highlight;
};

/* Points on x and y axes with their labels; the line y = intercept +
 * slope x over the range of x (none when slope is NaN); the highlighted
 * point drawn larger, in another colour and shape, with its label. */
int iz_svg_scatter(FILE *f, const struct iz_svg_frame *fr,
		   const char *xlabel, const char *ylabel,
		   const struct iz_svg_point *pts, size_t n, double slope,
		   double intercept);

/* UpSet: sets as rows of a dot matrix with their sizes as bars on the
 * left; combinations as columns, observed count as a bar on top with the
 * expected count as a tick. */
struct iz_svg_upset_set {
	const char *name;
	long size;
	bool suppressed;
};

struct iz_svg_upset_combo {
	unsigned long members; /* bit i: set i is part of it */
	long observed;
	double expected; /* NaN when none */
	bool suppressed; /* observed (and expected) are not read */
};

/* At most IZ_SVG_UPSET_MAX_SETS sets (more: -1 with nothing written);
 * labels: bar axis label of observed, of expected (e.g. "huishoudens",
 * "verwacht bij onafhankelijkheid"), and the suppressed words. */
#define IZ_SVG_UPSET_MAX_SETS 16
struct iz_svg_upset_labels {
	const char *observed, *expected, *suppressed;
};
int iz_svg_upset(FILE *f, const struct iz_svg_frame *fr,
		 const struct iz_svg_upset_labels *labels,
		 const struct iz_svg_upset_set *sets, size_t nsets,
		 const struct iz_svg_upset_combo *combos, size_t ncombos);

/* One small line chart: y over x (e.g. years), n points, NaN y skipped. */
struct iz_svg_series {
	const char *label;
	const double *x, *y;
	size_t n;
	bool flagged; /* drawn in the warning colour with a marker in the label */
};

/* Small multiples: one panel per series in a grid of cols columns (0: 3),
 * each with its own y range and the first and last value labelled. */
int iz_svg_small_multiples(FILE *f, const struct iz_svg_frame *fr,
			   const struct iz_svg_series *s, size_t n,
			   size_t cols);

#endif
