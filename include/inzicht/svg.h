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
 * Writers return 0, or -1 when writing to f failed (ferror; they fflush f
 * so that a full disk shows). Non-finite numbers (NaN) mean "none"
 * wherever a field says so, and are drawn as "." elsewhere; no chart ever
 * writes "nan" or "inf". n == 0 (or nothing finite to plot) gives a valid
 * chart saying "geen gegevens" / "no data". Strings may be NULL (nothing
 * is written for them); bytes that are not UTF-8 are read as
 * Windows-1252, control characters dropped.
 *
 * Every chart is 680 wide (width="680", viewBox "0 0 680 h"; about 180 mm
 * at 96 dpi, the text width of A4 with 15 mm margins); the height follows
 * from the rows, see each writer. The root carries class="iz-chart iz-KIND"
 * (iz-dotplot, iz-bars, iz-scatter, iz-upset, iz-multiples) and the parts
 * classes named below, for print CSS of the page; no id but those of the
 * title and desc, no <style>, font-family="sans-serif", font-size 11.
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

/* "nl" or "en" (exactly, lower case) into *out; -1 if unknown (or NULL),
 * *out untouched. */
int iz_lang_parse(enum iz_lang *out, const char *name);

/*
 * v with the given decimals in the notation of lang, into buf (n bytes):
 * 1234.5 -> "1.234,5" (nl) or "1,234.5" (en); thousands grouped from
 * 10 000 up (1234,5 but 12.345,6); a minus sign for negatives, none on a
 * number that rounds to zero; "." when v is not finite. decimals is
 * clamped to 0..15; printf rounding (0.05 -> "0,1"), whatever the C
 * locale. Cut to n - 1 bytes when longer. Returns buf.
 */
char *iz_svg_number(char *buf, size_t n, double v, int decimals,
		    enum iz_lang lang);

/* Write s escaped for XML text and attribute values (& < > " '); NULL
 * writes nothing. */
void iz_svg_escape(FILE *f, const char *s);

/* What every chart has. id: unique in the page, [A-Za-z0-9_-] only; the
 * title and desc elements get id-title and id-desc. */
struct iz_svg_frame {
	const char *id;
	const char *title; /* short: what the chart is */
	const char *desc;  /* a sentence saying what it shows in words */
	const char *unit;  /* appended as given to axis and value numbers,
			    * e.g. "%" gives "12,5%"; or NULL */
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

/*
 * Rows top to bottom on one shared axis (from the data, 0 included when
 * all values are of one sign and the unit is "%"), ticks in 1-2-5 steps.
 * Left the label (cut with an ellipsis beyond about 28 characters, the
 * whole label then in a <title>), right the value with one decimal more
 * than the ticks. Marks: better a green circle, similar a blue diamond,
 * worse a vermillion triangle, neutral a hollow circle; the reference a
 * black vertical tick, the band a light blue bar, the interval a line with
 * end caps. The legend (legend may be NULL) names legend->value in bold,
 * then the verdicts that occur in the words of lang, the reference, the
 * band and "interval". Classes: iz-row (a <g> per row), iz-mark with
 * iz-better/iz-similar/iz-worse/iz-neutral, iz-ref, iz-band, iz-interval,
 * iz-value, iz-legend. Height: 12 + 18 per legend line (the bold name
 * is one) + 22 per row + 30.
 */
int iz_svg_dotplot(FILE *f, const struct iz_svg_frame *fr,
		   const struct iz_svg_dot_legend *legend,
		   const struct iz_svg_dot_row *rows, size_t n);

/* One horizontal bar with a whisker (lo, hi; NaN when none). */
struct iz_svg_bar {
	const char *label;
	double value, lo, hi;
	bool suppressed; /* value, lo and hi are not read */
};

/*
 * Horizontal bars from 0; max is the axis end (0, negative or NaN: from
 * the shown data; a value beyond max is drawn to the end, its number
 * still true). The frame's unit labels the numbers. suppressed_label: the
 * words beside a suppressed bar (e.g. "geheim"; NULL: "geheim" or
 * "suppressed"). A bar with a NaN value has no bar and "." as its number.
 * Suppressed bars do not count towards the axis either: the output is the
 * same whatever they hold. Classes: iz-row, iz-bar, iz-interval,
 * iz-value, iz-suppressed. Height: 8 (+ 18 for the legend line
 * "interval" when a whisker is drawn) + 22 per bar + 30.
 */
int iz_svg_bars(FILE *f, const struct iz_svg_frame *fr,
		const struct iz_svg_bar *bars, size_t n, double max,
		const char *suppressed_label);

struct iz_svg_point {
	const char *label; /* shown for the highlighted point only */
	double x, y;
	bool highlight;
};

/*
 * Points on x and y axes with their labels; the line y = intercept +
 * slope x over the range of x (none when slope or intercept is NaN, or
 * all x are equal), dashed; the highlighted point drawn larger, in another
 * colour and shape (a vermillion diamond, the others blue circles), with
 * its label. Points with a NaN x or y are left out. The frame's unit is
 * appended to the numbers of both axes (NULL when they differ; put units
 * in xlabel and ylabel). Classes: iz-point (also on highlighted points),
 * iz-highlight, iz-point-label, iz-fit. Height: 440.
 */
int iz_svg_scatter(FILE *f, const struct iz_svg_frame *fr,
		   const char *xlabel, const char *ylabel,
		   const struct iz_svg_point *pts, size_t n, double slope,
		   double intercept);

/*
 * UpSet: sets as rows of a dot matrix with their sizes as bars on the
 * left; combinations as columns, observed count as a bar on top (its
 * number above it) with the expected count as a black tick. Bits of
 * members beyond nsets are ignored. A suppressed combination keeps its
 * column of dots (which sets it joins is no secret) but has no bar, tick
 * or number: a "." and the suppressed words instead; a suppressed set
 * likewise. Neither counts towards any axis. Up to 12 combinations get
 * 28 px columns, more share 336 px. Classes: iz-set, iz-set-bar,
 * iz-combo, iz-combo-bar, iz-expected, iz-dot, iz-member, iz-link,
 * iz-suppressed. Height: 202 + 18 per legend line + 20 per set.
 */
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
 * "verwacht bij onafhankelijkheid"), shown in the legend, and the
 * suppressed words. labels or any of them may be NULL. */
#define IZ_SVG_UPSET_MAX_SETS 16
struct iz_svg_upset_labels {
	const char *observed, *expected, *suppressed;
};
int iz_svg_upset(FILE *f, const struct iz_svg_frame *fr,
		 const struct iz_svg_upset_labels *labels,
		 const struct iz_svg_upset_set *sets, size_t nsets,
		 const struct iz_svg_upset_combo *combos, size_t ncombos);

/* One small line chart: y over x (e.g. years), n points; a NaN y breaks
 * the line. x NULL: 0, 1, ...; y NULL: no data. */
struct iz_svg_series {
	const char *label;
	const double *x, *y;
	size_t n;
	bool flagged; /* drawn in the warning colour with a marker in the label */
};

/*
 * Small multiples: one panel per series in a grid of cols columns (0: 3,
 * at most 12), each with its own y range and the first and last value
 * labelled (with the unit), their x under the line. A flagged series is
 * vermillion, its bold label after a triangle (U+25B2); others blue.
 * Panels are 680 / cols wide and 120 high; height 4 + 120 per row.
 * Classes: iz-panel (+ iz-flagged), iz-flag, iz-line, iz-point,
 * iz-value, iz-xvalue, iz-no-data.
 */
int iz_svg_small_multiples(FILE *f, const struct iz_svg_frame *fr,
			   const struct iz_svg_series *s, size_t n,
			   size_t cols);

#endif
