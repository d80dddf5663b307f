/*
 * tables.h: the tables of a periodic report, described once and rendered
 * by every format (CSV, XLSX, PDF): which array of the report data
 * (lib/store/stats.h) they show, their columns, Vietnamese headers, and
 * how a cell is written. Pure: jansson and libc only.
 */
#ifndef REPORT_TABLES_H
#define REPORT_TABLES_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

enum rpt_ctype {
	RPT_TEXT,	/* string member */
	RPT_INT,	/* integer member (missing = 0) */
	RPT_RATE,	/* 0..1 real shown as a percentage; null = "–" */
	RPT_MIN,	/* working minutes (real), one decimal */
	RPT_TIME,	/* epoch seconds shown as local dd/mm/yyyy HH:MM */
	RPT_STAGE,	/* stage name shown in Vietnamese */
	RPT_STATE,	/* case state shown in Vietnamese */
	RPT_CHANNEL,	/* channel shown in Vietnamese */
	RPT_REASONS	/* array of reason codes, joined in Vietnamese */
};

struct rpt_col {
	const char	*key;
	const char	*head;		/* Vietnamese header */
	enum rpt_ctype	 type;
	double		 width;		/* relative width in the PDF */
};

struct rpt_table {
	const char		*name;	/* CSV ?table= and sheet name */
	const char		*title;	/* Vietnamese section title */
	const char		*sheet;	/* XLSX sheet name (<= 31 chars) */
	const struct rpt_col	*cols;
	size_t			 ncols;
};

/* All tables, in report order; terminated by a NULL name. */
extern const struct rpt_table	rpt_tables[];

/* The case export (rows under "cases"), without and with identity. */
extern const struct rpt_table	rpt_export_table;
extern const struct rpt_table	rpt_export_id_table;

/* The table named name, or NULL. */
const struct rpt_table	*rpt_table_find(const char *name);

/*
 * The rows of table t in the report data rep: a borrowed array, except for
 * "summary", which is built from rep.totals; either way the caller must
 * json_decref() the result (a new reference). Never NULL.
 */
json_t		*rpt_rows(const struct rpt_table *t, json_t *rep);

/* Writes the cell of column c in row as text into out (UTF-8). */
void		 rpt_cell(const struct rpt_col *c, json_t *row, char *out,
		    size_t size);

/* The numeric value of a cell (RPT_INT, RPT_RATE in %, RPT_MIN). */
double		 rpt_cell_num(const struct rpt_col *c, json_t *row);

/* Local date-time text (UTC+07:00) "dd/mm/yyyy HH:MM" of t. */
void		 rpt_time_text(time_t t, char *out, size_t size);

/* Vietnamese stage name ("Xử lý") for a clock kind; static. */
const char	*rpt_stage_vi(const char *kind);

#endif
