/*
 * Charts as inline SVG for the HTML report (issue 5). Each writer lays its
 * chart out first (the height follows from the rows), then prints one <svg>
 * through put(), a small printf that writes coordinates without the C
 * locale and escapes every string of text. Axes, legends, markers and the
 * "." of a suppressed value are shared by the charts. A suppressed value is
 * left out before any range, coordinate or label is computed, so nothing
 * the chart writes can depend on it.
 */
#include "inzicht/svg.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/text.h"

/* Okabe-Ito, plus greys for text, grid lines and row stripes. */
#define BLACK "#000000"
#define SKY "#56B4E9"
#define GREEN "#009E73"
#define BLUE "#0072B2"
#define VERMILLION "#D55E00"
#define WHITE "#ffffff"
#define GREY "#595959"
#define GRID "#d9d9d9"
#define STRIPE "#f2f2f2"

#define WIDTH 680.0
#define CHAR_W 6.0 /* a character's width at font-size 11, generously */
#define NUM_BUF 128
#define NO_DATA_H 60.0
#define RANGE_MAX 1e15 /* data beyond this is drawn at the edge */
#define COORD_MAX 1e6
#define MAX_TICKS 40
#define MAX_DECIMALS 15

/* Row charts (dot plot, bars): label, plot and value columns. */
#define LABEL_R 296.0
#define PLOT_L 306.0
#define PLOT_R 606.0
#define VALUE_R 674.0
#define LABEL_CHARS ((size_t)((LABEL_R - 8) / CHAR_W))
#define ROW_H 22.0
#define AXIS_H 30.0
#define LEGEND_X 8.0
#define LEGEND_LINE 18.0

/* ---- words and numbers ---------------------------------------------- */

struct words {
	const char *no_data, *suppressed, *interval;
	const char *verdict[IZ_SVG_WORSE + 1];
	char decimal, thousands;
};

static const struct words words_nl = {
	"geen gegevens", "geheim", "interval",
	{ "geen oordeel", "beter", "vergelijkbaar", "slechter" }, ',', '.',
};

static const struct words words_en = {
	"no data", "suppressed", "interval",
	{ "no verdict", "better", "similar", "worse" }, '.', ',',
};

static const struct words *words_of(enum iz_lang lang)
{
	switch (lang) {
	case IZ_LANG_NL:
		return &words_nl;
	case IZ_LANG_EN:
		return &words_en;
	}
	return &words_nl;
}

int iz_lang_parse(enum iz_lang *out, const char *name)
{
	if (name && strcmp(name, "nl") == 0)
		*out = IZ_LANG_NL;
	else if (name && strcmp(name, "en") == 0)
		*out = IZ_LANG_EN;
	else
		return -1;
	return 0;
}

/* digits[0..len) into out with sep between groups of three (from the
 * right) when there are five digits or more; returns the bytes written. */
static size_t group_digits(char *out, const char *digits, size_t len,
			   char sep)
{
	size_t i, w = 0;

	for (i = 0; i < len; i++) {
		if (len >= 5 && i > 0 && (len - i) % 3 == 0)
			out[w++] = sep;
		out[w++] = digits[i];
	}
	return w;
}

/*
 * printf writes the decimal point of LC_NUMERIC, so the integer digits and
 * the fraction digits are taken from its output by themselves and joined
 * again with the mark of the language.
 */
char *iz_svg_number(char *buf, size_t n, double v, int decimals,
		    enum iz_lang lang)
{
	const struct words *w = words_of(lang);
	char raw[512], out[700];
	size_t ilen, o = 0;
	const char *frac;

	if (n == 0)
		return buf;
	if (!isfinite(v)) {
		snprintf(buf, n, ".");
		return buf;
	}
	decimals = decimals < 0 ? 0 : decimals;
	decimals = decimals > MAX_DECIMALS ? MAX_DECIMALS : decimals;
	snprintf(raw, sizeof(raw), "%.*f", decimals, fabs(v));
	ilen = strspn(raw, "0123456789");
	frac = raw + ilen + strcspn(raw + ilen, "0123456789");
	/* A sign on a number that prints as zero says nothing. */
	if (v < 0 && strspn(raw, "0.,") != strlen(raw))
		out[o++] = '-';
	o += group_digits(out + o, raw, ilen, w->thousands);
	if (*frac) {
		out[o++] = w->decimal;
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s", frac);
	}
	out[o] = '\0';
	snprintf(buf, n, "%s", out);
	return buf;
}

/* ---- text ----------------------------------------------------------- */

/* Code points in s (bytes that do not continue a UTF-8 sequence). */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Bytes of s[0..len) that hold its first max code points. */
static size_t utf8_prefix(const char *s, size_t len, size_t max)
{
	size_t i, chars = 0;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == max)
			return i;
	}
	return len;
}

/* XML 1.0 allows no control characters but tab and the line ends; they
 * are dropped rather than making the whole document ill-formed. */
static void escape_bytes(FILE *f, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '&')
			fputs("&amp;", f);
		else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if (c == '\'')
			fputs("&apos;", f);
		else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
			putc(c, f);
	}
}

/*
 * s escaped, cut to max code points with an ellipsis. Bytes that are not
 * UTF-8 are read as Windows-1252, as the readers of files do, so that the
 * document stays well-formed.
 */
static void put_text(FILE *f, const char *s, size_t max)
{
	char *conv = NULL;
	size_t len, cut;
	bool converted;

	if (!s)
		return;
	len = strlen(s);
	if (!iz_text_valid_utf8(s, len)) {
		conv = iz_text_utf8(s, len, &len, &converted);
		s = conv;
	}
	cut = utf8_prefix(s, len, max);
	escape_bytes(f, s, cut);
	if (cut < len)
		fputs("\xe2\x80\xa6", f);
	free(conv);
}

void iz_svg_escape(FILE *f, const char *s)
{
	put_text(f, s, SIZE_MAX);
}

/* A coordinate: at most one decimal, always '.', 0 for a non-finite v. */
static void put_coord(FILE *f, double v)
{
	long t;

	if (!isfinite(v))
		v = 0;
	v = fmax(-COORD_MAX, fmin(COORD_MAX, v));
	t = lround(v * 10);
	if (t < 0) {
		putc('-', f);
		t = -t;
	}
	fprintf(f, "%ld", t / 10);
	if (t % 10)
		fprintf(f, ".%ld", t % 10);
}

/*
 * A printf for SVG markup: '@' writes a double argument as a coordinate,
 * '$' a string argument escaped (NULL: nothing), '^' a string argument as
 * it is (our own constants only). Everything else is copied.
 */
static void put(FILE *f, const char *fmt, ...)
{
	va_list ap;
	const char *s;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt == '@') {
			put_coord(f, va_arg(ap, double));
		} else if (*fmt == '$') {
			iz_svg_escape(f, va_arg(ap, const char *));
		} else if (*fmt == '^') {
			s = va_arg(ap, const char *);
			fputs(s ? s : "", f);
		} else {
			putc(*fmt, f);
		}
	}
	va_end(ap);
}

/*
 * A text element; a label longer than max characters is cut with an
 * ellipsis and keeps its whole wording in a <title> (a tooltip and what
 * screen readers read).
 */
static void put_label(FILE *f, double x, double y, const char *anchor,
		      const char *s, size_t max)
{
	put(f, "<text x=\"@\" y=\"@\" text-anchor=\"^\">", x, y, anchor);
	if (utf8_chars(s) > max)
		put(f, "<title>$</title>", s);
	put_text(f, s, max);
	put(f, "</text>\n");
}

/* v in the notation of the frame with its unit, into buf (NUM_BUF). */
static const char *fmt_value(char *buf, double v, int decimals,
			     const struct iz_svg_frame *fr)
{
	size_t len;

	iz_svg_number(buf, NUM_BUF, v, decimals, fr->lang);
	len = strlen(buf);
	if (fr->unit && isfinite(v))
		snprintf(buf + len, NUM_BUF - len, "%s", fr->unit);
	return buf;
}

/* ---- the svg element ------------------------------------------------ */

static void svg_open(FILE *f, const struct iz_svg_frame *fr, const char *kind,
		     double height)
{
	const char *id = fr->id ? fr->id : "chart";

	put(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"iz-chart ^\""
	       " width=\"@\" height=\"@\" viewBox=\"0 0 @ @\" role=\"img\""
	       " aria-labelledby=\"$-title $-desc\" font-family=\"sans-serif\""
	       " font-size=\"11\">\n",
	    kind, WIDTH, height, WIDTH, height, id, id);
	put(f, "<title id=\"$-title\">$</title>\n<desc id=\"$-desc\">$</desc>\n",
	    id, fr->title, id, fr->desc);
}

/* fflush as well: a full disk shows only when the buffer is written. */
static int svg_close(FILE *f)
{
	put(f, "</svg>\n");
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}

static int svg_no_data(FILE *f, const struct iz_svg_frame *fr,
		       const char *kind)
{
	svg_open(f, fr, kind, NO_DATA_H);
	put(f, "<text class=\"iz-no-data\" x=\"@\" y=\"@\" text-anchor=\"middle\""
	       " fill=\"^\">$</text>\n",
	    WIDTH / 2, NO_DATA_H / 2 + 4, GREY, words_of(fr->lang)->no_data);
	return svg_close(f);
}

/* The "." of a value that is not shown, with the words saying why (none
 * when words is NULL); dx places the words right (> 0) or left (< 0). */
static void put_suppressed(FILE *f, double x, double y, double dx,
			   const char *words)
{
	put(f, "<g class=\"iz-suppressed\"><text x=\"@\" y=\"@\""
	       " text-anchor=\"middle\" font-weight=\"bold\">.</text>",
	    x, y);
	if (words)
		put(f, "<text x=\"@\" y=\"@\" text-anchor=\"^\" fill=\"^\""
		       " font-style=\"italic\">$</text>",
		    x + dx, y, dx < 0 ? "end" : "start", GREY, words);
	put(f, "</g>\n");
}

/* Alternate rows on a light ground, so a label is easy to follow across. */
static void put_stripes(FILE *f, size_t n, double y0, double h)
{
	size_t i;

	for (i = 1; i < n; i += 2)
		put(f, "<rect x=\"0\" y=\"@\" width=\"@\" height=\"@\""
		       " fill=\"^\"/>\n",
		    y0 + (double)i * h, WIDTH, h, STRIPE);
}

/* ---- markers -------------------------------------------------------- */

enum shape {
	SHAPE_CIRCLE,
	SHAPE_DIAMOND,
	SHAPE_TRIANGLE,
};

struct mark {
	enum shape shape;
	const char *fill;
	const char *cls;
};

/* Verdicts differ in shape as well as colour; neutral is hollow. Not sky
 * blue, the colour of the band behind the marks. */
static const struct mark verdict_marks[] = {
	[IZ_SVG_NEUTRAL] = { SHAPE_CIRCLE, WHITE, "iz-mark iz-neutral" },
	[IZ_SVG_BETTER] = { SHAPE_CIRCLE, GREEN, "iz-mark iz-better" },
	[IZ_SVG_SIMILAR] = { SHAPE_DIAMOND, BLUE, "iz-mark iz-similar" },
	[IZ_SVG_WORSE] = { SHAPE_TRIANGLE, VERMILLION, "iz-mark iz-worse" },
};

static const struct mark point_mark = { SHAPE_CIRCLE, BLUE, "iz-point" };
static const struct mark highlight_mark = { SHAPE_DIAMOND, VERMILLION,
					    "iz-point iz-highlight" };

static const struct mark *verdict_mark(enum iz_svg_verdict v)
{
	if ((unsigned)v > IZ_SVG_WORSE)
		v = IZ_SVG_NEUTRAL;
	return &verdict_marks[v];
}

static void put_mark(FILE *f, const struct mark *m, double x, double y,
		     double r)
{
	switch (m->shape) {
	case SHAPE_CIRCLE:
		put(f, "<circle class=\"^\" cx=\"@\" cy=\"@\" r=\"@\"", m->cls,
		    x, y, r);
		break;
	case SHAPE_DIAMOND:
		put(f, "<path class=\"^\" d=\"M@ @L@ @L@ @L@ @Z\"", m->cls, x,
		    y - r * 1.3, x + r * 1.3, y, x, y + r * 1.3, x - r * 1.3,
		    y);
		break;
	case SHAPE_TRIANGLE:
		put(f, "<path class=\"^\" d=\"M@ @L@ @L@ @Z\"", m->cls, x,
		    y - r * 1.3, x + r * 1.2, y + r * 0.9, x - r * 1.2,
		    y + r * 0.9);
		break;
	}
	put(f, " fill=\"^\" stroke=\"^\" stroke-width=\"1\"/>\n", m->fill,
	    BLACK);
}

/* ---- ranges and axes ------------------------------------------------ */

struct range {
	double lo, hi;
};

#define RANGE_EMPTY { INFINITY, -INFINITY }

static void range_add(struct range *r, double v)
{
	if (!isfinite(v))
		return;
	v = fmax(-RANGE_MAX, fmin(RANGE_MAX, v));
	r->lo = fmin(r->lo, v);
	r->hi = fmax(r->hi, v);
}

/* An empty range or a lone 0 becomes 0 to 1 (counts and shares never go
 * below 0 for nothing), another lone value a tenth of it either side. */
static struct range range_widen(struct range r)
{
	double d;

	if (r.lo > r.hi || (r.lo == 0 && r.hi == 0))
		return (struct range){ 0, 1 };
	if (r.hi > r.lo)
		return r;
	d = fabs(r.lo) * 0.1;
	return (struct range){ r.lo - d, r.hi + d };
}

/* A range a little wider, so that no point sits on the frame. */
static struct range range_pad(struct range r)
{
	double d = (r.hi - r.lo) * 0.03;

	return (struct range){ r.lo - d, r.hi + d };
}

struct axis {
	double lo, hi, step;
	int decimals;
	double p0, p1; /* the pixels of lo and hi */
};

/* 1, 2 or 5 times a power of ten, giving about ticks steps over span. */
static double nice_step(double span, int ticks)
{
	double raw = span / ticks;
	double mag = pow(10, floor(log10(raw)));
	double m = raw / mag;

	return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * mag;
}

static int step_decimals(double step)
{
	double d = ceil(-log10(step) - 1e-9);

	return d <= 0 ? 0 : d > MAX_DECIMALS ? MAX_DECIMALS : (int)d;
}

/* An axis over r, widened to whole steps unless fixed (ends kept). */
static void axis_fit(struct axis *ax, struct range r, double p0, double p1,
		     bool fixed)
{
	r = range_widen(r);
	ax->step = nice_step(r.hi - r.lo, 5);
	ax->lo = fixed ? r.lo : floor(r.lo / ax->step) * ax->step;
	ax->hi = fixed ? r.hi : ceil(r.hi / ax->step) * ax->step;
	ax->decimals = step_decimals(ax->step);
	ax->p0 = p0;
	ax->p1 = p1;
}

/* The pixel of v, kept within the axis. */
static double axis_px(const struct axis *ax, double v)
{
	v = fmax(ax->lo, fmin(ax->hi, v));
	return ax->p0 + (v - ax->lo) / (ax->hi - ax->lo) * (ax->p1 - ax->p0);
}

/* Decimals of a value on the axis: one more than its ticks. */
static int value_decimals(const struct axis *ax)
{
	return ax->decimals >= 3 ? 3 : ax->decimals + 1;
}

static size_t tick_count(const struct axis *ax)
{
	double n = floor((ax->hi - ax->lo) / ax->step + 1e-6) + 1;

	return n > MAX_TICKS ? MAX_TICKS : (size_t)n;
}

static double tick_value(const struct axis *ax, size_t i)
{
	double v = ax->lo + (double)i * ax->step;

	/* lo + i step can miss 0 by a rounding error; -0 prints as 0. */
	return fabs(v) < ax->step * 1e-9 ? 0 : v;
}

/*
 * A grid line across c0..c1 at each tick with its number: vertical lines
 * with the numbers below c1 for an x axis, horizontal lines with the
 * numbers left of c0 for a y axis.
 */
static void put_axis(FILE *f, const struct axis *ax, bool x_axis, double c0,
		     double c1, const struct iz_svg_frame *fr)
{
	char buf[NUM_BUF];
	size_t i, n = tick_count(ax);
	double v, p;

	put(f, "<g class=\"iz-axis\" fill=\"^\">\n", GREY);
	for (i = 0; i < n; i++) {
		v = tick_value(ax, i);
		p = axis_px(ax, v);
		put(f, "<line x1=\"@\" y1=\"@\" x2=\"@\" y2=\"@\" stroke=\"^\"/>"
		       "<text x=\"@\" y=\"@\" text-anchor=\"^\">$</text>\n",
		    x_axis ? p : c0, x_axis ? c0 : p, x_axis ? p : c1,
		    x_axis ? c1 : p, GRID, x_axis ? p : c0 - 4,
		    x_axis ? c1 + 14 : p + 4, x_axis ? "middle" : "end",
		    fmt_value(buf, v, ax->decimals, fr));
	}
	put(f, "</g>\n");
}

/* ---- legends -------------------------------------------------------- */

enum legend_sym {
	SYM_MARK,  /* a marker */
	SYM_REF,   /* the vertical tick of a reference value */
	SYM_BAND,  /* a shaded band */
	SYM_RANGE, /* an interval line with end caps */
	SYM_BAR,   /* a bar */
	SYM_EXP,   /* the horizontal tick of an expected count */
};

struct legend_item {
	enum legend_sym sym;
	const struct mark *mark;
	const char *label;
};

static void put_range(FILE *f, double x0, double x1, double y)
{
	put(f, "<path class=\"iz-interval\" d=\"M@ @V@M@ @H@M@ @V@\""
	       " stroke=\"^\" stroke-width=\"1.5\" fill=\"none\"/>\n",
	    x0, y - 4, y + 4, x0, y, x1, x1, y - 4, y + 4, BLACK);
}

static void put_ref(FILE *f, double x, double y)
{
	put(f, "<line class=\"iz-ref\" x1=\"@\" y1=\"@\" x2=\"@\" y2=\"@\""
	       " stroke=\"^\" stroke-width=\"2.5\"/>\n",
	    x, y - 8, x, y + 8, BLACK);
}

static void put_expected(FILE *f, double x0, double x1, double y)
{
	put(f, "<line class=\"iz-expected\" x1=\"@\" y1=\"@\" x2=\"@\""
	       " y2=\"@\" stroke=\"^\" stroke-width=\"2.5\"/>\n",
	    x0, y, x1, y, BLACK);
}

static void put_legend_symbol(FILE *f, const struct legend_item *it,
			      double x, double y)
{
	switch (it->sym) {
	case SYM_MARK:
		put_mark(f, it->mark, x + 8, y, 4.5);
		break;
	case SYM_REF:
		put_ref(f, x + 8, y);
		break;
	case SYM_BAND:
		put(f, "<rect x=\"@\" y=\"@\" width=\"16\" height=\"10\""
		       " fill=\"^\" fill-opacity=\"0.4\"/>\n",
		    x, y - 5, SKY);
		break;
	case SYM_RANGE:
		put_range(f, x, x + 16, y);
		break;
	case SYM_BAR:
		put(f, "<rect x=\"@\" y=\"@\" width=\"16\" height=\"10\""
		       " fill=\"^\"/>\n",
		    x, y - 5, BLUE);
		break;
	case SYM_EXP:
		put_expected(f, x, x + 16, y);
		break;
	}
}

/*
 * Items left to right from LEGEND_X, a new line before one that would
 * cross the right edge; drawn when f is set, only measured when it is
 * NULL. Returns the number of lines.
 */
static size_t put_legend(FILE *f, const struct legend_item *it, size_t n,
			 double y0)
{
	double x = LEGEND_X, w;
	size_t i, lines = n > 0;

	for (i = 0; i < n; i++) {
		w = 22 + CHAR_W * (double)utf8_chars(it[i].label) + 14;
		if (x > LEGEND_X && x + w > WIDTH) {
			x = LEGEND_X;
			lines++;
		}
		if (f) {
			double y = y0 + (double)(lines - 1) * LEGEND_LINE;

			put(f, "<g class=\"iz-legend\">");
			put_legend_symbol(f, &it[i], x, y);
			put(f, "<text x=\"@\" y=\"@\">$</text></g>\n", x + 22,
			    y + 4, it[i].label);
		}
		x += w;
	}
	return lines;
}

/* ---- dot plot ------------------------------------------------------- */

/* All finite numbers of the rows; 0 as well for percentages of one sign. */
static struct range dot_range(const struct iz_svg_dot_row *rows, size_t n,
			      const char *unit)
{
	struct range r = RANGE_EMPTY;
	size_t i;

	for (i = 0; i < n; i++) {
		range_add(&r, rows[i].value);
		range_add(&r, rows[i].lo);
		range_add(&r, rows[i].hi);
		range_add(&r, rows[i].ref);
		range_add(&r, rows[i].band_lo);
		range_add(&r, rows[i].band_hi);
	}
	if (unit && strcmp(unit, "%") == 0 && r.lo <= r.hi &&
	    (r.lo >= 0 || r.hi <= 0))
		range_add(&r, 0);
	return r;
}

/* The verdicts that occur, the reference, the band and the interval, each
 * only when some row has it (and it has a label). Returns the number of
 * items (at most 7). */
static size_t dot_legend(struct legend_item *it,
			 const struct iz_svg_dot_legend *lg,
			 const struct iz_svg_dot_row *rows, size_t n,
			 const struct words *w)
{
	bool seen[IZ_SVG_WORSE + 1] = { false }, ref = false, band = false,
	     range = false;
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (isfinite(rows[i].value))
			seen[verdict_mark(rows[i].verdict) - verdict_marks] =
				true;
		ref |= isfinite(rows[i].ref);
		band |= isfinite(rows[i].band_lo) && isfinite(rows[i].band_hi);
		range |= isfinite(rows[i].lo) && isfinite(rows[i].hi);
	}
	for (i = 0; i <= IZ_SVG_WORSE; i++)
		if (seen[i])
			it[k++] = (struct legend_item){ SYM_MARK,
							&verdict_marks[i],
							w->verdict[i] };
	if (ref && lg->ref)
		it[k++] = (struct legend_item){ SYM_REF, NULL, lg->ref };
	if (band && lg->band)
		it[k++] = (struct legend_item){ SYM_BAND, NULL, lg->band };
	if (range)
		it[k++] = (struct legend_item){ SYM_RANGE, NULL, w->interval };
	return k;
}

static void dot_row(FILE *f, const struct axis *ax,
		    const struct iz_svg_dot_row *r, double y,
		    const struct iz_svg_frame *fr)
{
	char buf[NUM_BUF];

	put(f, "<g class=\"iz-row\">\n");
	put_label(f, LABEL_R, y + 4, "end", r->label, LABEL_CHARS);
	if (isfinite(r->band_lo) && isfinite(r->band_hi))
		put(f, "<rect class=\"iz-band\" x=\"@\" y=\"@\" width=\"@\""
		       " height=\"14\" fill=\"^\" fill-opacity=\"0.4\"/>\n",
		    axis_px(ax, fmin(r->band_lo, r->band_hi)), y - 7,
		    fabs(axis_px(ax, r->band_hi) - axis_px(ax, r->band_lo)),
		    SKY);
	if (isfinite(r->lo) && isfinite(r->hi))
		put_range(f, axis_px(ax, r->lo), axis_px(ax, r->hi), y);
	if (isfinite(r->ref))
		put_ref(f, axis_px(ax, r->ref), y);
	if (isfinite(r->value))
		put_mark(f, verdict_mark(r->verdict), axis_px(ax, r->value), y,
			 5);
	put(f, "<text class=\"iz-value\" x=\"@\" y=\"@\" text-anchor=\"end\">"
	       "$</text>\n</g>\n",
	    VALUE_R, y + 4, fmt_value(buf, r->value, value_decimals(ax), fr));
}

int iz_svg_dotplot(FILE *f, const struct iz_svg_frame *fr,
		   const struct iz_svg_dot_legend *legend,
		   const struct iz_svg_dot_row *rows, size_t n)
{
	static const struct iz_svg_dot_legend none = { NULL, NULL, NULL };
	struct legend_item items[8];
	struct axis ax;
	size_t i, k, lines;
	double top, bottom;

	if (n == 0)
		return svg_no_data(f, fr, "iz-dotplot");
	legend = legend ? legend : &none;
	k = dot_legend(items, legend, rows, n, words_of(fr->lang));
	lines = put_legend(NULL, items, k, 0) + (legend->value != NULL);
	top = 12 + (double)lines * LEGEND_LINE;
	bottom = top + (double)n * ROW_H;
	axis_fit(&ax, dot_range(rows, n, fr->unit), PLOT_L, PLOT_R, false);
	svg_open(f, fr, "iz-dotplot", bottom + AXIS_H);
	if (legend->value)
		put(f, "<text class=\"iz-legend-title\" x=\"@\" y=\"@\""
		       " font-weight=\"bold\">$</text>\n",
		    LEGEND_X, 2.0 + LEGEND_LINE / 2, legend->value);
	put_legend(f, items, k, 12.0 + (legend->value ? LEGEND_LINE : 0));
	put_stripes(f, n, top, ROW_H);
	put_axis(f, &ax, true, top, bottom, fr);
	for (i = 0; i < n; i++)
		dot_row(f, &ax, &rows[i], top + ROW_H * ((double)i + 0.5), fr);
	return svg_close(f);
}

/* ---- bars ----------------------------------------------------------- */

/* 0 and every shown number; suppressed bars are not read at all. */
static struct range bar_range(const struct iz_svg_bar *bars, size_t n)
{
	struct range r = RANGE_EMPTY;
	size_t i;

	range_add(&r, 0);
	for (i = 0; i < n; i++) {
		if (bars[i].suppressed)
			continue;
		range_add(&r, bars[i].value);
		range_add(&r, bars[i].lo);
		range_add(&r, bars[i].hi);
	}
	return r;
}

static bool bars_have_whiskers(const struct iz_svg_bar *bars, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!bars[i].suppressed && isfinite(bars[i].lo) &&
		    isfinite(bars[i].hi))
			return true;
	return false;
}

static void bar_row(FILE *f, const struct axis *ax, const struct iz_svg_bar *b,
		    double y, const struct iz_svg_frame *fr,
		    const char *suppressed)
{
	char buf[NUM_BUF];
	double x0 = axis_px(ax, 0), xv;

	put(f, "<g class=\"iz-row\">\n");
	put_label(f, LABEL_R, y + 4, "end", b->label, LABEL_CHARS);
	if (b->suppressed) {
		put_suppressed(f, x0 + 4, y + 4, 8, suppressed);
		put(f, "</g>\n");
		return;
	}
	if (isfinite(b->value)) {
		xv = axis_px(ax, b->value);
		put(f, "<rect class=\"iz-bar\" x=\"@\" y=\"@\" width=\"@\""
		       " height=\"12\" fill=\"^\"/>\n",
		    fmin(x0, xv), y - 6, fabs(xv - x0), SKY);
	}
	if (isfinite(b->lo) && isfinite(b->hi))
		put_range(f, axis_px(ax, b->lo), axis_px(ax, b->hi), y);
	put(f, "<text class=\"iz-value\" x=\"@\" y=\"@\" text-anchor=\"end\">"
	       "$</text>\n</g>\n",
	    VALUE_R, y + 4, fmt_value(buf, b->value, value_decimals(ax), fr));
}

int iz_svg_bars(FILE *f, const struct iz_svg_frame *fr,
		const struct iz_svg_bar *bars, size_t n, double max,
		const char *suppressed_label)
{
	const struct words *w = words_of(fr->lang);
	struct legend_item whisker = { SYM_RANGE, NULL, w->interval };
	size_t i, k;
	struct axis ax;
	double top, bottom;

	if (n == 0)
		return svg_no_data(f, fr, "iz-bars");
	if (isfinite(max) && max > 0)
		axis_fit(&ax, (struct range){ 0, max }, PLOT_L, PLOT_R, true);
	else
		axis_fit(&ax, bar_range(bars, n), PLOT_L, PLOT_R, false);
	k = bars_have_whiskers(bars, n);
	top = 8 + (double)k * LEGEND_LINE;
	bottom = top + (double)n * ROW_H;
	svg_open(f, fr, "iz-bars", bottom + AXIS_H);
	put_legend(f, &whisker, k, 12);
	put_stripes(f, n, top, ROW_H);
	put_axis(f, &ax, true, top, bottom, fr);
	for (i = 0; i < n; i++)
		bar_row(f, &ax, &bars[i], top + ROW_H * ((double)i + 0.5), fr,
			suppressed_label ? suppressed_label : w->suppressed);
	return svg_close(f);
}

/* ---- scatter -------------------------------------------------------- */

#define SC_L 64.0
#define SC_R 664.0
#define SC_T 16.0
#define SC_B 384.0
#define SC_H 440.0

static bool point_shown(const struct iz_svg_point *p)
{
	return isfinite(p->x) && isfinite(p->y);
}

/* The points' ranges; y covers the ends of the line as well. */
static void scatter_ranges(struct range *rx, struct range *ry,
			   const struct iz_svg_point *pts, size_t n,
			   double slope, double intercept)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!point_shown(&pts[i]))
			continue;
		range_add(rx, pts[i].x);
		range_add(ry, pts[i].y);
	}
	if (isfinite(slope) && isfinite(intercept) && rx->lo < rx->hi) {
		range_add(ry, intercept + slope * rx->lo);
		range_add(ry, intercept + slope * rx->hi);
	}
}

static void put_axis_titles(FILE *f, const char *xlabel, const char *ylabel)
{
	double ym = (SC_T + SC_B) / 2;

	put(f, "<text class=\"iz-xlabel\" x=\"@\" y=\"@\" text-anchor=\"middle\">"
	       "$</text>\n",
	    (SC_L + SC_R) / 2, SC_H - 10, xlabel);
	put(f, "<text class=\"iz-ylabel\" x=\"@\" y=\"@\" text-anchor=\"middle\""
	       " transform=\"rotate(-90 @ @)\">$</text>\n",
	    14.0, ym, 14.0, ym, ylabel);
}

/* The highlighted points last, so that no other point covers them. */
static void put_points(FILE *f, const struct axis *ax, const struct axis *ay,
		       const struct iz_svg_point *pts, size_t n, bool highlight)
{
	size_t i;
	double x, y;

	for (i = 0; i < n; i++) {
		if (!point_shown(&pts[i]) || pts[i].highlight != highlight)
			continue;
		x = axis_px(ax, pts[i].x);
		y = axis_px(ay, pts[i].y);
		if (!highlight) {
			put_mark(f, &point_mark, x, y, 3.5);
			continue;
		}
		put_mark(f, &highlight_mark, x, y, 6);
		put(f, "<text class=\"iz-point-label\" x=\"@\" y=\"@\""
		       " text-anchor=\"^\" font-weight=\"bold\">$</text>\n",
		    x > SC_R - 150 ? x - 11 : x + 11, y + 4,
		    x > SC_R - 150 ? "end" : "start", pts[i].label);
	}
}

int iz_svg_scatter(FILE *f, const struct iz_svg_frame *fr,
		   const char *xlabel, const char *ylabel,
		   const struct iz_svg_point *pts, size_t n, double slope,
		   double intercept)
{
	struct range rx = RANGE_EMPTY, ry = RANGE_EMPTY;
	struct axis ax, ay;

	scatter_ranges(&rx, &ry, pts, n, slope, intercept);
	if (rx.lo > rx.hi)
		return svg_no_data(f, fr, "iz-scatter");
	axis_fit(&ax, range_pad(rx), SC_L, SC_R, false);
	axis_fit(&ay, range_pad(ry), SC_B, SC_T, false);
	svg_open(f, fr, "iz-scatter", SC_H);
	put_axis(f, &ay, false, SC_L, SC_R, fr);
	put_axis(f, &ax, true, SC_T, SC_B, fr);
	put_axis_titles(f, xlabel, ylabel);
	if (isfinite(slope) && isfinite(intercept) && rx.lo < rx.hi)
		put(f, "<line class=\"iz-fit\" x1=\"@\" y1=\"@\" x2=\"@\""
		       " y2=\"@\" stroke=\"^\" stroke-width=\"1.5\""
		       " stroke-dasharray=\"6 4\"/>\n",
		    axis_px(&ax, rx.lo), axis_px(&ay, intercept + slope * rx.lo),
		    axis_px(&ax, rx.hi), axis_px(&ay, intercept + slope * rx.hi),
		    BLACK);
	put_points(f, &ax, &ay, pts, n, false);
	put_points(f, &ax, &ay, pts, n, true);
	return svg_close(f);
}

/* ---- UpSet ---------------------------------------------------------- */

#define UP_SB_R 200.0	/* right end of the set size bars */
#define UP_SB_LEN 120.0 /* their longest */
#define UP_NAME_X 206.0
#define UP_MX 336.0 /* left edge of the matrix */
#define UP_COL_MAX 28.0
#define UP_ROW_H 20.0
#define UP_BARS_H 140.0
#define UP_LABEL_H 34.0 /* room for the counts above the bars */

struct upset_layout {
	struct axis ax; /* the counts of the combinations, upwards */
	double cw;	/* width of a combination's column */
	double matrix_top, height;
	double set_scale; /* pixels per member of a set */
	const char *suppressed;
	enum iz_lang lang;
};

static bool combo_has(const struct iz_svg_upset_combo *c, size_t set)
{
	return (c->members >> set) & 1UL;
}

static struct range upset_range(const struct iz_svg_upset_combo *c, size_t n)
{
	struct range r = RANGE_EMPTY;
	size_t i;

	range_add(&r, 0);
	for (i = 0; i < n; i++) {
		if (c[i].suppressed)
			continue;
		range_add(&r, (double)c[i].observed);
		range_add(&r, c[i].expected);
	}
	return r;
}

static double upset_set_scale(const struct iz_svg_upset_set *sets, size_t n)
{
	long max = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (!sets[i].suppressed && sets[i].size > max)
			max = sets[i].size;
	return max > 0 ? UP_SB_LEN / (double)max : 0;
}

static size_t upset_legend(struct legend_item *it,
			   const struct iz_svg_upset_labels *lb,
			   const struct iz_svg_upset_combo *c, size_t n)
{
	size_t i, k = 0;

	if (lb->observed)
		it[k++] = (struct legend_item){ SYM_BAR, NULL, lb->observed };
	for (i = 0; i < n && lb->expected; i++) {
		if (!c[i].suppressed && isfinite(c[i].expected)) {
			it[k++] = (struct legend_item){ SYM_EXP, NULL,
							lb->expected };
			break;
		}
	}
	return k;
}

static void upset_layout(struct upset_layout *L, size_t legend_lines,
			 const struct iz_svg_upset_set *sets, size_t nsets,
			 const struct iz_svg_upset_combo *combos, size_t ncombos)
{
	double bars_top = 8 + (double)legend_lines * LEGEND_LINE + UP_LABEL_H;
	double bars_bottom = bars_top + UP_BARS_H;

	L->cw = fmin(UP_COL_MAX, (WIDTH - UP_MX - 8) / (double)ncombos);
	axis_fit(&L->ax, upset_range(combos, ncombos), bars_bottom, bars_top,
		 false);
	L->matrix_top = bars_bottom + 10;
	L->height = L->matrix_top + (double)nsets * UP_ROW_H + 10;
	L->set_scale = upset_set_scale(sets, nsets);
}

/* Text running upwards from (x, y), as the counts of narrow columns. */
static void put_vtext(FILE *f, const char *cls, double x, double y,
		      const char *s)
{
	put(f, "<text class=\"^\" x=\"@\" y=\"@\" transform=\"rotate(-90 @ @)\""
	       " font-size=\"9\">$</text>\n",
	    cls, x, y, x, y, s);
}

static void upset_set(FILE *f, const struct upset_layout *L,
		      const struct iz_svg_upset_set *s, double y)
{
	char buf[NUM_BUF];
	double w;

	put(f, "<g class=\"iz-set\">\n");
	put_label(f, UP_NAME_X, y + 4, "start", s->name,
		  (size_t)((UP_MX - UP_NAME_X - 8) / CHAR_W));
	if (s->suppressed) {
		put_suppressed(f, UP_SB_R - 4, y + 4, -8, L->suppressed);
	} else {
		w = fmax(0, (double)s->size) * L->set_scale;
		put(f, "<rect class=\"iz-set-bar\" x=\"@\" y=\"@\" width=\"@\""
		       " height=\"12\" fill=\"^\"/>\n"
		       "<text class=\"iz-value\" x=\"@\" y=\"@\""
		       " text-anchor=\"end\">$</text>\n",
		    UP_SB_R - w, y - 6, w, SKY, UP_SB_R - w - 4, y + 4,
		    iz_svg_number(buf, sizeof(buf), (double)s->size, 0,
				  L->lang));
	}
	put(f, "</g>\n");
}

/* The bar of a combination with its count and expected tick, or the "."
 * and the words when it is suppressed. */
static void upset_bar(FILE *f, const struct upset_layout *L,
		      const struct iz_svg_upset_combo *c, double cx)
{
	char buf[NUM_BUF];
	double base = L->ax.p0, half = L->cw * 0.35, top;

	if (c->suppressed) {
		put_suppressed(f, cx, base - 4, 0, NULL);
		put_vtext(f, "iz-suppressed-words", cx + 3, base - 14,
			  L->suppressed);
		return;
	}
	top = axis_px(&L->ax, (double)c->observed);
	put(f, "<rect class=\"iz-combo-bar\" x=\"@\" y=\"@\" width=\"@\""
	       " height=\"@\" fill=\"^\"/>\n",
	    cx - half, top, 2 * half, base - top, BLUE);
	if (isfinite(c->expected)) {
		double ye = axis_px(&L->ax, c->expected);

		put_expected(f, cx - L->cw * 0.45, cx + L->cw * 0.45, ye);
		top = fmin(top, ye);
	}
	put_vtext(f, "iz-value", cx + 3, top - 4,
		  iz_svg_number(buf, sizeof(buf), (double)c->observed, 0,
				L->lang));
}

/* A column of the matrix: a dot per set, filled for members, and a line
 * joining the members. */
static void upset_dots(FILE *f, const struct upset_layout *L,
		       const struct iz_svg_upset_combo *c, double cx,
		       size_t nsets)
{
	double r = fmin(L->cw * 0.3, 5.5), y0 = -1, y1 = -1, y;
	size_t i, members = 0;

	for (i = 0; i < nsets; i++) {
		if (!combo_has(c, i))
			continue;
		y = L->matrix_top + UP_ROW_H * ((double)i + 0.5);
		y0 = members++ ? y0 : y;
		y1 = y;
	}
	if (members > 1)
		put(f, "<line class=\"iz-link\" x1=\"@\" y1=\"@\" x2=\"@\""
		       " y2=\"@\" stroke=\"^\" stroke-width=\"2\"/>\n",
		    cx, y0, cx, y1, BLACK);
	for (i = 0; i < nsets; i++)
		put(f, "<circle class=\"iz-dot^\" cx=\"@\" cy=\"@\" r=\"@\""
		       " fill=\"^\"/>\n",
		    combo_has(c, i) ? " iz-member" : "", cx,
		    L->matrix_top + UP_ROW_H * ((double)i + 0.5), r,
		    combo_has(c, i) ? BLACK : GRID);
}

/* Combination i: its bar above, its dots below. */
static void upset_column(FILE *f, const struct upset_layout *L,
			 const struct iz_svg_upset_combo *c, size_t i,
			 size_t nsets)
{
	double cx = UP_MX + L->cw * ((double)i + 0.5);

	put(f, "<g class=\"iz-combo\">\n");
	upset_bar(f, L, c, cx);
	upset_dots(f, L, c, cx, nsets);
	put(f, "</g>\n");
}

int iz_svg_upset(FILE *f, const struct iz_svg_frame *fr,
		 const struct iz_svg_upset_labels *labels,
		 const struct iz_svg_upset_set *sets, size_t nsets,
		 const struct iz_svg_upset_combo *combos, size_t ncombos)
{
	static const struct iz_svg_upset_labels none = { NULL, NULL, NULL };
	struct legend_item items[2];
	struct upset_layout L;
	size_t i, k;

	if (nsets > IZ_SVG_UPSET_MAX_SETS)
		return -1;
	if (nsets == 0 || ncombos == 0)
		return svg_no_data(f, fr, "iz-upset");
	labels = labels ? labels : &none;
	k = upset_legend(items, labels, combos, ncombos);
	upset_layout(&L, put_legend(NULL, items, k, 0), sets, nsets, combos,
		     ncombos);
	L.lang = fr->lang;
	L.suppressed = labels->suppressed ? labels->suppressed
					  : words_of(fr->lang)->suppressed;
	svg_open(f, fr, "iz-upset", L.height);
	put_legend(f, items, k, 12);
	put_stripes(f, nsets, L.matrix_top, UP_ROW_H);
	put_axis(f, &L.ax, false, UP_MX, UP_MX + L.cw * (double)ncombos,
		 fr);
	for (i = 0; i < nsets; i++)
		upset_set(f, &L, &sets[i],
			  L.matrix_top + UP_ROW_H * ((double)i + 0.5));
	for (i = 0; i < ncombos; i++)
		upset_column(f, &L, &combos[i], i, nsets);
	return svg_close(f);
}

/* ---- small multiples ------------------------------------------------ */

#define SM_TOP 4.0
#define SM_PANEL_H 120.0
#define SM_COLS_MAX 12
#define SM_INSET 48.0 /* room beside the line for the first and last value */

/* x of point i: the index when the series has no x. */
static double series_x(const struct iz_svg_series *s, size_t i)
{
	return s->x ? s->x[i] : (double)i;
}

static bool series_shown(const struct iz_svg_series *s, size_t i)
{
	return s->y && isfinite(s->y[i]) && isfinite(series_x(s, i));
}

/* The first and last point shown; false when there is none. */
static bool series_ends(const struct iz_svg_series *s, size_t *first,
			size_t *last)
{
	size_t i;
	bool any = false;

	for (i = 0; i < s->n; i++) {
		if (!series_shown(s, i))
			continue;
		*first = any ? *first : i;
		*last = i;
		any = true;
	}
	return any;
}

static void panel_title(FILE *f, const struct iz_svg_series *s, double px,
			double py, double pw)
{
	size_t max = (size_t)fmax(1, (pw - 12) / CHAR_W);

	if (s->flagged) {
		put(f, "<text class=\"iz-flag\" x=\"@\" y=\"@\" fill=\"^\">"
		       "\xe2\x96\xb2</text>\n",
		    px + 6, py + 14, VERMILLION);
		px += 16;
		max = max > 3 ? max - 3 : 1;
	}
	put(f, "<g font-weight=\"bold\" fill=\"^\">",
	    s->flagged ? VERMILLION : BLACK);
	put_label(f, px + 6, py + 14, "start", s->label, max);
	put(f, "</g>\n");
}

/* The line, broken where a value is missing, and a dot on each point. */
static void panel_line(FILE *f, const struct iz_svg_series *s,
		       const struct axis *ax, const struct axis *ay)
{
	const char *colour = s->flagged ? VERMILLION : BLUE;
	bool pen = false;
	size_t i;

	put(f, "<path class=\"iz-line\" fill=\"none\" stroke=\"^\""
	       " stroke-width=\"2\" d=\"",
	    colour);
	for (i = 0; i < s->n; i++) {
		if (series_shown(s, i))
			put(f, "^@ @", pen ? "L" : "M",
			    axis_px(ax, series_x(s, i)), axis_px(ay, s->y[i]));
		pen = series_shown(s, i);
	}
	put(f, "\"/>\n");
	for (i = 0; i < s->n; i++)
		if (series_shown(s, i))
			put(f, "<circle class=\"iz-point\" cx=\"@\" cy=\"@\""
			       " r=\"2.5\" fill=\"^\"/>\n",
			    axis_px(ax, series_x(s, i)), axis_px(ay, s->y[i]),
			    colour);
}

/* The value of point i beside it, and its x under the panel. */
static void panel_end(FILE *f, const struct iz_svg_series *s, size_t i,
		      const struct axis *ax, const struct axis *ay, bool last,
		      const struct iz_svg_frame *fr)
{
	char buf[NUM_BUF];
	double x = axis_px(ax, series_x(s, i)), xv = series_x(s, i);

	put(f, "<text class=\"iz-value\" x=\"@\" y=\"@\" text-anchor=\"^\">$"
	       "</text>\n",
	    last ? x + 5 : x - 5, axis_px(ay, s->y[i]) + 4,
	    last ? "start" : "end",
	    fmt_value(buf, s->y[i], value_decimals(ay), fr));
	put(f, "<text class=\"iz-xvalue\" x=\"@\" y=\"@\" text-anchor=\"middle\""
	       " fill=\"^\">$</text>\n",
	    x, ay->p0 + 18, GREY,
	    iz_svg_number(buf, sizeof(buf), xv, xv == floor(xv) ? 0 : 1,
			  fr->lang));
}

static void panel(FILE *f, const struct iz_svg_series *s, double px,
		  double py, double pw, const struct iz_svg_frame *fr)
{
	struct range rx = RANGE_EMPTY, ry = RANGE_EMPTY;
	struct axis ax, ay;
	size_t i, first = 0, last = 0;

	put(f, "<g class=\"iz-panel^\">\n", s->flagged ? " iz-flagged" : "");
	panel_title(f, s, px, py, pw);
	if (!series_ends(s, &first, &last)) {
		put(f, "<text class=\"iz-no-data\" x=\"@\" y=\"@\""
		       " text-anchor=\"middle\" fill=\"^\">$</text>\n</g>\n",
		    px + pw / 2, py + 60, GREY, words_of(fr->lang)->no_data);
		return;
	}
	for (i = first; i <= last; i++) {
		if (series_shown(s, i)) {
			range_add(&rx, series_x(s, i));
			range_add(&ry, s->y[i]);
		}
	}
	axis_fit(&ax, rx, px + SM_INSET, px + pw - SM_INSET, true);
	axis_fit(&ay, ry, py + 88, py + 28, true);
	put(f, "<line x1=\"@\" y1=\"@\" x2=\"@\" y2=\"@\" stroke=\"^\"/>\n",
	    ax.p0, ay.p0 + 2, ax.p1, ay.p0 + 2, GRID);
	panel_line(f, s, &ax, &ay);
	panel_end(f, s, first, &ax, &ay, false, fr);
	if (last != first)
		panel_end(f, s, last, &ax, &ay, true, fr);
	put(f, "</g>\n");
}

int iz_svg_small_multiples(FILE *f, const struct iz_svg_frame *fr,
			   const struct iz_svg_series *s, size_t n,
			   size_t cols)
{
	double pw;
	size_t i, rows;

	if (n == 0)
		return svg_no_data(f, fr, "iz-multiples");
	cols = cols == 0 ? 3 : cols > SM_COLS_MAX ? SM_COLS_MAX : cols;
	pw = WIDTH / (double)cols;
	rows = (n + cols - 1) / cols;
	svg_open(f, fr, "iz-multiples", SM_TOP + (double)rows * SM_PANEL_H);
	for (i = 0; i < n; i++)
		panel(f, &s[i], pw * (double)(i % cols),
		      SM_TOP + SM_PANEL_H * (double)(i / cols), pw, fr);
	return svg_close(f);
}
