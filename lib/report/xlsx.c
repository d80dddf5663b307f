/*
 * xlsx.c: the report as an XLSX workbook (libxlsxwriter): one sheet per
 * table of report/tables.c, Vietnamese headers, numbers as numbers, rates
 * as percentages. Strings go to sharedStrings.xml (the library's default).
 */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "report/doc.h"

struct fmts {
	lxw_format	*title, *sub, *head, *text, *num, *pct, *dec;
};

static void	formats(lxw_workbook *, struct fmts *);
static int	sheet(lxw_workbook *, const struct fmts *,
		    const struct rpt_table *, json_t *);
static void	header(lxw_worksheet *, const struct fmts *,
		    const struct rpt_table *, json_t *);
static void	cell(lxw_worksheet *, const struct fmts *, int, int,
		    const struct rpt_col *, json_t *);
static const char *mstr(json_t *, const char *);

int
rpt_xlsx(json_t *rep, const char *path)
{
	lxw_workbook		*wb;
	const struct rpt_table	*t;
	struct fmts		 f;

	wb = workbook_new(path);
	if (wb == NULL)
		return -1;
	formats(wb, &f);
	for (t = rpt_tables; t->name != NULL; t++)
		if (sheet(wb, &f, t, rep) == -1) {
			workbook_close(wb);
			return -1;
		}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

int
rpt_xlsx_table(const struct rpt_table *t, json_t *rep, const char *path)
{
	lxw_workbook	*wb;
	struct fmts	 f;

	wb = workbook_new(path);
	if (wb == NULL)
		return -1;
	formats(wb, &f);
	if (sheet(wb, &f, t, rep) == -1) {
		workbook_close(wb);
		return -1;
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

static void
formats(lxw_workbook *wb, struct fmts *f)
{
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 14);
	f->sub = workbook_add_format(wb);
	format_set_italic(f->sub);
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_border(f->head, LXW_BORDER_THIN);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_CENTER);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(f->head, 0xDDE7F3);
	f->text = workbook_add_format(wb);
	format_set_border(f->text, LXW_BORDER_THIN);
	format_set_text_wrap(f->text);
	f->num = workbook_add_format(wb);
	format_set_border(f->num, LXW_BORDER_THIN);
	f->pct = workbook_add_format(wb);
	format_set_border(f->pct, LXW_BORDER_THIN);
	format_set_num_format(f->pct, "0.0%");
	f->dec = workbook_add_format(wb);
	format_set_border(f->dec, LXW_BORDER_THIN);
	format_set_num_format(f->dec, "0.0");
}

static int
sheet(lxw_workbook *wb, const struct fmts *f, const struct rpt_table *t,
    json_t *rep)
{
	lxw_worksheet	*ws = workbook_add_worksheet(wb, t->sheet);
	json_t		*rows, *row;
	size_t		 i, c;

	if (ws == NULL)
		return -1;
	header(ws, f, t, rep);
	rows = rpt_rows(t, rep);
	json_array_foreach(rows, i, row)
		for (c = 0; c < t->ncols; c++)
			cell(ws, f, (int)i + 5, (int)c, &t->cols[c], row);
	json_decref(rows);
	return 0;
}

/* Rows 0-3: title, period, issuer; row 4: the column headers. */
static void
header(lxw_worksheet *ws, const struct fmts *f, const struct rpt_table *t,
    json_t *rep)
{
	json_t	*m = json_object_get(rep, "meta");
	size_t	 c;

	worksheet_write_string(ws, 0, 0, t->title, f->title);
	worksheet_write_string(ws, 1, 0, mstr(m, "subtitle"), f->sub);
	worksheet_write_string(ws, 2, 0, mstr(m, "window"), f->sub);
	worksheet_write_string(ws, 3, 0, mstr(m, "issuer"), NULL);
	worksheet_set_row(ws, 4, 32, NULL);
	for (c = 0; c < t->ncols; c++) {
		worksheet_write_string(ws, 4, (lxw_col_t)c, t->cols[c].head,
		    f->head);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    t->cols[c].width * 9, NULL);
	}
	worksheet_freeze_panes(ws, 5, 0);
}

static void
cell(lxw_worksheet *ws, const struct fmts *f, int r, int c,
    const struct rpt_col *col, json_t *row)
{
	char	buf[1024];
	json_t	*v = json_object_get(row, col->key);

	switch (col->type) {
	case RPT_INT:
		worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
		    (double)json_integer_value(v), f->num);
		return;
	case RPT_RATE:
	case RPT_MIN:
		if (json_is_number(v)) {
			worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
			    json_number_value(v), col->type == RPT_RATE ?
			    f->pct : f->dec);
			return;
		}
		break;
	default:
		break;
	}
	rpt_cell(col, row, buf, sizeof(buf));
	worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, buf, f->text);
}

static const char *
mstr(json_t *m, const char *key)
{
	const char	*s = json_string_value(json_object_get(m, key));

	return s != NULL ? s : "";
}
