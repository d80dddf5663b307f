/*
 * pdfw.c: page layout over cairo (PDF surface) and pango: wrapped text,
 * page breaks with page numbers, tables, the title and signature blocks of
 * a Vietnamese administrative document (Decree 30/2020/NĐ-CP layout).
 */
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "report/pdfw.h"

#define A4_W	595.28
#define A4_H	841.89
#define MM	2.8346		/* points per millimetre */
#define PAD	3.0		/* cell padding */
#define TSIZE	8.5		/* table text size */

static void	new_page(struct pdfw *);
static void	page_number(struct pdfw *);
static double	row_height(struct pdfw *, const struct rpt_table *,
		    const double *, json_t *);
static void	draw_row(struct pdfw *, const struct rpt_table *,
		    const double *, json_t *, double);
static void	col_widths(struct pdfw *, const struct rpt_table *, double *);

int
pdfw_open(struct pdfw *p, const char *path)
{
	memset(p, 0, sizeof(*p));
	p->w = A4_W;
	p->h = A4_H;
	p->sf = cairo_pdf_surface_create(path, A4_W, A4_H);
	if (cairo_surface_status(p->sf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(p->sf);
		return -1;
	}
	cairo_pdf_surface_set_metadata(p->sf, CAIRO_PDF_METADATA_CREATOR,
	    "phananh");
	p->cr = cairo_create(p->sf);
	/* one layout for all text: creating one per cell is the slow part */
	p->layout = pango_cairo_create_layout(p->cr);
	p->font = pango_font_description_from_string(PDFW_SERIF);
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	/* margins: top 20 mm, bottom 20 mm, left 30 mm, right 15 mm */
	p->left = 30 * MM;
	p->right = A4_W - 15 * MM;
	p->top = 20 * MM;
	p->bottom = A4_H - 20 * MM;
	p->y = p->top;
	p->page = 1;
	return 0;
}

int
pdfw_close(struct pdfw *p)
{
	int	rc;

	page_number(p);
	cairo_show_page(p->cr);
	g_object_unref(p->layout);
	pango_font_description_free(p->font);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->sf);
	rc = cairo_surface_status(p->sf) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_surface_destroy(p->sf);
	p->cr = NULL;
	p->sf = NULL;
	return rc;
}

double
pdfw_text(struct pdfw *p, double x, double y, double w, double size,
    enum pdfw_align al, int markup, const char *s, int draw)
{
	PangoLayout	*l = p->layout;
	int		 pw, ph;

	pango_font_description_set_absolute_size(p->font, size * PANGO_SCALE);
	pango_layout_set_font_description(l, p->font);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(l, al == PDFW_CENTER ? PANGO_ALIGN_CENTER :
	    al == PDFW_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_justify(l, al == PDFW_JUSTIFY);
	if (markup)
		pango_layout_set_markup(l, s, -1);
	else {
		pango_layout_set_attributes(l, NULL);	/* markup leaves some */
		pango_layout_set_text(l, s, -1);
	}
	pango_layout_get_size(l, &pw, &ph);
	if (draw) {
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, l);
	}
	return (double)ph / PANGO_SCALE;
}

void
pdfw_para(struct pdfw *p, double size, enum pdfw_align al, int markup,
    const char *s, double space)
{
	double	w = p->right - p->left;
	double	h = pdfw_text(p, p->left, p->y, w, size, al, markup, s, 0);

	pdfw_need(p, h);
	pdfw_text(p, p->left, p->y, w, size, al, markup, s, 1);
	p->y += h + space;
}

void
pdfw_need(struct pdfw *p, double h)
{
	if (p->y + h > p->bottom && p->y > p->top)
		new_page(p);
}

void
pdfw_line(struct pdfw *p, double x1, double y1, double x2, double y2)
{
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, x1, y1);
	cairo_line_to(p->cr, x2, y2);
	cairo_stroke(p->cr);
}

void
pdfw_table(struct pdfw *p, const struct rpt_table *t, json_t *rows,
    size_t max)
{
	double	 cw[16], hh, rh;
	json_t	*row;
	size_t	 i;
	char	 note[160];

	if (t->ncols > 16)
		return;
	col_widths(p, t, cw);
	hh = row_height(p, t, cw, NULL);
	pdfw_need(p, hh * 2);
	draw_row(p, t, cw, NULL, hh);
	json_array_foreach(rows, i, row) {
		if (i >= max)
			break;
		rh = row_height(p, t, cw, row);
		if (p->y + rh > p->bottom) {
			new_page(p);
			draw_row(p, t, cw, NULL, hh);
		}
		draw_row(p, t, cw, row, rh);
	}
	if (json_array_size(rows) == 0)
		pdfw_para(p, TSIZE + 1, PDFW_LEFT, 0, "(Không có)", 0);
	if (json_array_size(rows) > max) {
		snprintf(note, sizeof(note), "… và %zu dòng khác (xem tệp XLSX).",
		    json_array_size(rows) - max);
		pdfw_para(p, TSIZE + 1, PDFW_LEFT, 0, note, 0);
	}
	p->y += 8;
}

void
pdfw_title_block(struct pdfw *p, const char *superior, const char *issuer,
    const char *number, const char *subject, const char *place_date)
{
	double	lw = (p->right - p->left) * 0.40, rx = p->left + lw - 12;
	double	rw = p->right + 12 - rx, y = p->y, h, ly;
	char	*m;

	/* left: issuing body */
	h = pdfw_text(p, p->left - 12, y, lw, 10.5, PDFW_CENTER, 0, superior,
	    1);
	m = g_markup_printf_escaped("<b>%s</b>", issuer);
	h += pdfw_text(p, p->left - 12, y + h, lw, 10.5, PDFW_CENTER, 1, m, 1);
	g_free(m);
	ly = y + h + 3;
	pdfw_line(p, p->left - 12 + lw * 0.35, ly, p->left - 12 + lw * 0.65,
	    ly);
	h += 8;
	h += pdfw_text(p, p->left - 12, y + h, lw, 11.5, PDFW_CENTER, 0, number,
	    1);
	if (subject != NULL && *subject != '\0')
		h += pdfw_text(p, p->left - 12, y + h + 2, lw, 10, PDFW_CENTER,
		    0, subject, 1) + 2;
	/* right: national title, motto, place and date */
	m = g_markup_printf_escaped("<b>%s</b>",
	    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	ly = pdfw_text(p, rx, y, rw, 10.5, PDFW_CENTER, 1, m, 1);
	g_free(m);
	m = g_markup_printf_escaped("<b>%s</b>", "Độc lập - Tự do - Hạnh phúc");
	ly += pdfw_text(p, rx, y + ly, rw, 11.5, PDFW_CENTER, 1, m, 1);
	g_free(m);
	pdfw_line(p, rx + rw * 0.2, y + ly + 2, rx + rw * 0.8, y + ly + 2);
	ly += 10;
	m = g_markup_printf_escaped("<i>%s</i>", place_date);
	ly += pdfw_text(p, rx, y + ly, rw, 12, PDFW_CENTER, 1, m, 1);
	g_free(m);
	p->y = y + (h > ly ? h : ly) + 18;
}

void
pdfw_signature(struct pdfw *p, json_t *recipients, const char *title,
    const char *name)
{
	double	 w = (p->right - p->left) / 2, y, h = 0, rh;
	json_t	*v;
	size_t	 i;
	char	*m;

	pdfw_need(p, 120);
	y = p->y + 6;
	m = g_markup_printf_escaped("<b><i>%s</i></b>", "Nơi nhận:");
	h += pdfw_text(p, p->left, y, w, 11, PDFW_LEFT, 1, m, 1);
	g_free(m);
	json_array_foreach(recipients, i, v)
		h += pdfw_text(p, p->left, y + h, w, 10.5, PDFW_LEFT, 0,
		    json_string_value(v) ? json_string_value(v) : "", 1);
	m = g_markup_printf_escaped("<b>%s</b>", title);
	rh = pdfw_text(p, p->left + w, y, w, 12.5, PDFW_CENTER, 1, m, 1);
	g_free(m);
	rh += 60;
	if (name != NULL && *name != '\0') {
		m = g_markup_printf_escaped("<b>%s</b>", name);
		rh += pdfw_text(p, p->left + w, y + rh, w, 12.5, PDFW_CENTER,
		    1, m, 1);
		g_free(m);
	}
	p->y = y + (h > rh ? h : rh) + 10;
}

static void
new_page(struct pdfw *p)
{
	page_number(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = p->top;
}

/* From the second page on, the number sits at the top centre. */
static void
page_number(struct pdfw *p)
{
	char	n[16];

	if (p->page < 2)
		return;
	snprintf(n, sizeof(n), "%d", p->page);
	pdfw_text(p, p->left, p->top - 28, p->right - p->left, 11,
	    PDFW_CENTER, 0, n, 1);
}

static void
col_widths(struct pdfw *p, const struct rpt_table *t, double *cw)
{
	double	sum = 0;
	size_t	c;

	for (c = 0; c < t->ncols; c++)
		sum += t->cols[c].width;
	for (c = 0; c < t->ncols; c++)
		cw[c] = (p->right - p->left) * t->cols[c].width / sum;
}

/* row NULL: the header row. */
static double
row_height(struct pdfw *p, const struct rpt_table *t, const double *cw,
    json_t *row)
{
	char	cell[1024];
	double	h, max = 0;
	size_t	c;

	for (c = 0; c < t->ncols; c++) {
		if (row == NULL)
			snprintf(cell, sizeof(cell), "<b>%s</b>",
			    t->cols[c].head);	/* headers hold no markup */
		else
			rpt_cell(&t->cols[c], row, cell, sizeof(cell));
		h = pdfw_text(p, 0, 0, cw[c] - 2 * PAD, TSIZE, PDFW_LEFT,
		    row == NULL, cell, 0);
		max = h > max ? h : max;
	}
	return max + 2 * PAD;
}

static void
draw_row(struct pdfw *p, const struct rpt_table *t, const double *cw,
    json_t *row, double h)
{
	char		 cell[1024], *m;
	double		 x = p->left;
	size_t		 c;
	enum pdfw_align	 al;

	if (row == NULL) {
		cairo_set_source_rgb(p->cr, 0.87, 0.91, 0.95);
		cairo_rectangle(p->cr, p->left, p->y, p->right - p->left, h);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	}
	for (c = 0; c < t->ncols; c++) {
		al = row != NULL && t->cols[c].type != RPT_TEXT &&
		    t->cols[c].type <= RPT_TIME ? PDFW_RIGHT : PDFW_LEFT;
		if (row == NULL) {
			m = g_markup_printf_escaped("<b>%s</b>",
			    t->cols[c].head);
			pdfw_text(p, x + PAD, p->y + PAD, cw[c] - 2 * PAD, TSIZE,
			    PDFW_CENTER, 1, m, 1);
			g_free(m);
		} else {
			rpt_cell(&t->cols[c], row, cell, sizeof(cell));
			pdfw_text(p, x + PAD, p->y + PAD, cw[c] - 2 * PAD, TSIZE,
			    al, 0, cell, 1);
		}
		cairo_set_line_width(p->cr, 0.5);
		cairo_rectangle(p->cr, x, p->y, cw[c], h);
		cairo_stroke(p->cr);
		x += cw[c];
	}
	p->y += h;
}
