/*
 * doc.h: the report documents and the result notice, written from the
 * report data of lib/store/stats.h plus a "meta" object (report/build.c):
 * CSV (one table), XLSX (one sheet per table; libxlsxwriter) and PDF
 * (cairo + pango; fonts embedded as subsets). The only users of
 * xlsxwriter.h, cairo and pango.
 */
#ifndef REPORT_DOC_H
#define REPORT_DOC_H

#include <jansson.h>

#include "core/buf.h"
#include "report/tables.h"

/*
 * Appends table t of the report as CSV (RFC 4180, UTF-8 with a BOM so
 * spreadsheet programs detect the encoding, Vietnamese headers). 0 or -1
 * when out gets full.
 */
int	rpt_csv(const struct rpt_table *t, json_t *rep, struct buf *out);

/* Writes the whole report as an XLSX workbook at path. 0 or -1. */
int	rpt_xlsx(json_t *rep, const char *path);
/* Writes one table of rep as a one-sheet workbook at path. 0 or -1. */
int	rpt_xlsx_table(const struct rpt_table *t, json_t *rep,
	    const char *path);

/*
 * Writes the report as an A4 PDF at path: the administrative title block
 * (issuing body, national title and motto, number, place and date), the
 * summary, tables, a bar chart per agency, the narrative section and the
 * signature block. 0 or -1.
 */
int	rpt_pdf(json_t *rep, const char *path);

/*
 * Writes the result notice (domain.md §13) as an A4 PDF at path from the
 * case's notice object (cases.notice_json); code is the case code,
 * addressee the reporter's name for the reporter's copy or NULL. 0 or -1.
 */
int	rpt_notice_pdf(json_t *notice, const char *code, const char *addressee,
	    const char *path);

/* Reads a whole file into out (a PDF or XLSX for the HTTP answer). */
int	rpt_slurp(const char *path, struct buf *out);

#endif
