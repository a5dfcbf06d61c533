/*
 * The report's small writers: templated sentences, numbers in the
 * report's language, figures with their manifest entries, sections and
 * record tables that never show a suppressed value.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "inzicht/svg.h"
#include "report_priv.h"

/* Call emit(ctx, piece, len, is_arg) for each literal piece of tmpl and
 * each {k} argument. */
static void expand(const char *tmpl, const char *const *args, size_t n,
		   void (*emit)(void *ctx, const char *s, size_t len,
				bool arg),
		   void *ctx)
{
	const char *p = tmpl, *lit = tmpl;

	while (*p) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
			size_t k = (size_t)(p[1] - '1');

			emit(ctx, lit, (size_t)(p - lit), false);
			if (k < n && args[k])
				emit(ctx, args[k], strlen(args[k]), true);
			p += 3;
			lit = p;
		} else {
			p++;
		}
	}
	emit(ctx, lit, (size_t)(p - lit), false);
}

/* Escaped output of a piece, whether literal or argument: templates are
 * text, not markup. */
static void emit_file(void *ctx, const char *s, size_t len, bool arg)
{
	char *copy = iz_xstrndup(s, len);

	(void)arg;
	iz_svg_escape(ctx, copy);
	free(copy);
}

void rp_say(FILE *f, const char *tmpl, const char *const *args, size_t n)
{
	expand(tmpl, args, n, emit_file, f);
}

struct strbuf {
	char *s;
	size_t len, cap;
};

static void emit_buf(void *ctx, const char *s, size_t len, bool arg)
{
	struct strbuf *b = ctx;

	(void)arg;
	if (b->len + len + 1 > b->cap) {
		b->cap = (b->len + len + 1) * 2;
		b->s = iz_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

char *rp_fmt(const char *tmpl, const char *const *args, size_t n)
{
	struct strbuf b = { .s = iz_xstrdup(""), .len = 0, .cap = 1 };

	expand(tmpl, args, n, emit_buf, &b);
	return b.s;
}

char *rp_num(const struct rp *r, char *buf, double v, int decimals,
	     const char *unit)
{
	size_t len;

	iz_svg_number(buf, 64, v, decimals, r->o->lang);
	if (!isfinite(v) || !unit || !*unit || strcmp(unit, "aantal") == 0 ||
	    strcmp(unit, "Aantal") == 0)
		return buf;
	len = strlen(buf);
	if (strcmp(unit, "%") == 0)
		snprintf(buf + len, 64 - len, "%%");
	else
		snprintf(buf + len, 64 - len, " %s", unit);
	return buf;
}

json_t *rp_figure(struct rp *r, char *id, const char *section,
		  const char *title, const char *kind)
{
	json_t *fig;

	snprintf(id, 16, "fig-%d", ++r->nfig);
	fig = json_pack("{s:s, s:s, s:s, s:s, s:[], s:[]}", "id", id,
			"section", section, "title", title, "kind", kind,
			"datasets", "periods");
	json_array_append_new(r->figures, fig);
	return fig;
}

/* Append s to the string array a unless it is there. */
static void add_unique(json_t *a, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v)
		if (strcmp(json_string_value(v), s) == 0)
			return;
	json_array_append_new(a, json_string(s));
}

void rp_figure_source(struct rp *r, json_t *fig, const char *dataset,
		      const char *period)
{
	if (dataset && *dataset) {
		add_unique(json_object_get(fig, "datasets"), dataset);
		json_object_set_new(r->used, dataset, json_true());
	}
	if (period && *period)
		add_unique(json_object_get(fig, "periods"), period);
}

void rp_section_open(struct rp *r, const char *id, const char *title)
{
	fprintf(r->f, "<section id=\"%s\">\n<h2>", id);
	iz_svg_escape(r->f, title);
	fputs("</h2>\n", r->f);
}

void rp_section_close(struct rp *r)
{
	fputs("</section>\n", r->f);
}

const struct iz_cell *rp_cell(const struct iz_table *t, size_t row,
			     const char *name)
{
	long c = iz_table_find_column(t, name);

	return c < 0 ? NULL : iz_table_cell(t, row, (size_t)c);
}

const char *rp_text(const struct iz_table *t, size_t row, const char *name)
{
	const struct iz_cell *c = rp_cell(t, row, name);

	return c && c->kind == IZ_CELL_TEXT ? c->v.text : "";
}

double rp_number(const struct iz_table *t, size_t row, const char *name)
{
	const struct iz_cell *c = rp_cell(t, row, name);

	if (!c)
		return NAN;
	if (c->kind == IZ_CELL_INT)
		return (double)c->v.i;
	return c->kind == IZ_CELL_REAL ? c->v.r : (double)NAN;
}

void rp_figure_open(struct rp *r, const char *id)
{
	fprintf(r->f, "<figure id=\"%s\">\n", id);
}

void rp_figure_close(struct rp *r, const char *caption)
{
	fputs("<figcaption>", r->f);
	iz_svg_escape(r->f, caption);
	fputs("</figcaption>\n</figure>\n", r->f);
}

void rp_item(struct rp *r, const char *text)
{
	fputs("<li>", r->f);
	iz_svg_escape(r->f, text);
	fputs("</li>\n", r->f);
}

void rp_para(struct rp *r, const char *text)
{
	fputs("<p>", r->f);
	iz_svg_escape(r->f, text);
	fputs("</p>\n", r->f);
}

static void table_cell(struct rp *r, const struct iz_table *t, size_t row,
		       size_t col, const char *name, rp_word_fn word)
{
	const struct iz_cell *c = iz_table_cell(t, row, col);
	const struct iz_column *k = iz_table_column(t, col);
	const char *w;
	char buf[64];

	switch (c->kind) {
	case IZ_CELL_SUPPRESSED:
		fputs("<td class=\"num sup\" title=\"", r->f);
		iz_svg_escape(r->f, c->reason ? c->reason :
						r->tx->suppressed_word);
		fputs("\">.</td>", r->f);
		return;
	case IZ_CELL_NULL:
		fputs("<td></td>", r->f);
		return;
	case IZ_CELL_TEXT:
		w = word ? word(r, name, c->v.text) : NULL;
		fputs("<td>", r->f);
		iz_svg_escape(r->f, w ? w : c->v.text);
		fputs("</td>", r->f);
		return;
	case IZ_CELL_INT:
		iz_svg_number(buf, sizeof(buf), (double)c->v.i, 0,
			      r->o->lang);
		break;
	case IZ_CELL_REAL:
		iz_svg_number(buf, sizeof(buf), c->v.r,
			      k->decimals < 0 ? 3 : k->decimals, r->o->lang);
		break;
	}
	fprintf(r->f, "<td class=\"num\">%s</td>", buf);
}

void rp_head_row(struct rp *r, const char *const *heads, size_t n)
{
	size_t i;

	fputs("<thead><tr>", r->f);
	for (i = 0; i < n; i++) {
		fputs("<th scope=\"col\">", r->f);
		iz_svg_escape(r->f, heads[i]);
		fputs("</th>", r->f);
	}
	fputs("</tr></thead>\n", r->f);
}

void rp_table(struct rp *r, const char *caption, const struct iz_table *t,
	      const char *const *cols, const char *const *heads, size_t n,
	      rp_word_fn word, rp_keep_fn keep, size_t max_rows)
{
	long idx[16];
	size_t i, row, shown = 0, nrows = iz_table_nrows(t);

	if (n > 16)
		n = 16;
	for (i = 0; i < n; i++)
		idx[i] = iz_table_find_column(t, cols[i]);
	fputs("<table class=\"data\">\n<caption>", r->f);
	iz_svg_escape(r->f, caption);
	fputs("</caption>\n<thead><tr>", r->f);
	for (i = 0; i < n; i++) {
		if (idx[i] < 0)
			continue;
		fputs("<th scope=\"col\">", r->f);
		iz_svg_escape(r->f, heads[i]);
		fputs("</th>", r->f);
	}
	fputs("</tr></thead>\n<tbody>\n", r->f);
	for (row = 0; row < nrows && shown < max_rows; row++) {
		if (keep && !keep(t, row))
			continue;
		shown++;
		fputs("<tr>", r->f);
		for (i = 0; i < n; i++)
			if (idx[i] >= 0)
				table_cell(r, t, row, (size_t)idx[i], cols[i],
					   word);
		fputs("</tr>\n", r->f);
	}
	fputs("</tbody>\n</table>\n", r->f);
}
