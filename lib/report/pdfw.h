/*
 * pdfw.h: a small page-layout helper over cairo's PDF surface and pango
 * (text with wrapping, a cursor that breaks pages, tables with repeated
 * headers, the administrative title block). Internal to lib/report.
 */
#ifndef REPORT_PDFW_H
#define REPORT_PDFW_H

#include <cairo.h>
#include <jansson.h>

#include "report/tables.h"

#define PDFW_SERIF	"DejaVu Serif"

enum pdfw_align { PDFW_LEFT, PDFW_CENTER, PDFW_RIGHT, PDFW_JUSTIFY };

struct pdfw {
	cairo_surface_t	*sf;
	cairo_t		*cr;
	double		 w, h;		/* page size, points (A4) */
	double		 left, right;	/* x of the text column's edges */
	double		 top, bottom;	/* y limits of the text area */
	double		 y;		/* cursor */
	int		 page;		/* 1-based */
	void		*layout;	/* PangoLayout reused for all text */
	void		*font;		/* PangoFontDescription */
};

/* Opens an A4 PDF at path with Decree 30/2020 margins. 0 or -1. */
int	pdfw_open(struct pdfw *, const char *path);
/* Finishes and closes the file; 0 or -1 if cairo reported an error. */
int	pdfw_close(struct pdfw *);

/*
 * Text in a box of width w at (x, y); size in points; markup = pango
 * markup (escape with g_markup_printf_escaped). Draws only when draw is
 * set. Returns the height used.
 */
double	pdfw_text(struct pdfw *, double x, double y, double w, double size,
	    enum pdfw_align, int markup, const char *s, int draw);
/* A paragraph across the text column at the cursor, then space below;
 * breaks the page first when it does not fit. */
void	pdfw_para(struct pdfw *, double size, enum pdfw_align, int markup,
	    const char *s, double space);
/* Starts a new page when less than h points are left. */
void	pdfw_need(struct pdfw *, double h);
void	pdfw_line(struct pdfw *, double x1, double y1, double x2, double y2);

/*
 * A table of rows (array of objects) with the columns of t, header row
 * repeated after page breaks; at most max rows (a note says how many more).
 */
void	pdfw_table(struct pdfw *, const struct rpt_table *t, json_t *rows,
	    size_t max);

/*
 * The title block: issuing body (superior line, name, number and, when
 * subject is set, the "V/v" excerpt) on the left; national title, motto,
 * place and date on the right.
 */
void	pdfw_title_block(struct pdfw *, const char *superior,
	    const char *issuer, const char *number, const char *subject,
	    const char *place_date);

/* Signature block: recipients (array of strings) left, signer right. */
void	pdfw_signature(struct pdfw *, json_t *recipients, const char *title,
	    const char *name);

#endif
