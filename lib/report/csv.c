/*
 * csv.c: one report table as CSV (RFC 4180), and reading a file back
 * into a buffer for the HTTP answer.
 */
#include <stdio.h>
#include <string.h>

#include "report/doc.h"

static int	field(struct buf *, const char *, int);

int
rpt_csv(const struct rpt_table *t, json_t *rep, struct buf *out)
{
	json_t	*rows = rpt_rows(t, rep), *row;
	char	 cell[1024];
	size_t	 i, c;
	int	 rc = -1;

	if (buf_puts(out, "\xef\xbb\xbf") == -1)	/* BOM */
		goto out;
	for (c = 0; c < t->ncols; c++)
		if (field(out, t->cols[c].head, c + 1 == t->ncols) == -1)
			goto out;
	json_array_foreach(rows, i, row)
		for (c = 0; c < t->ncols; c++) {
			/* text from citizens must not become a spreadsheet
			 * formula (CSV injection): prefix an apostrophe */
			cell[0] = '\'';
			rpt_cell(&t->cols[c], row, cell + 1, sizeof(cell) - 1);
			if (field(out, t->cols[c].type == RPT_TEXT &&
			    strchr("=+-@", cell[1]) != NULL && cell[1] != '\0' ?
			    cell : cell + 1, c + 1 == t->ncols) == -1)
				goto out;
		}
	rc = 0;
out:
	json_decref(rows);
	return rc;
}

int
rpt_slurp(const char *path, struct buf *out)
{
	FILE	*f = fopen(path, "rb");
	char	 b[8192];
	size_t	 n;
	int	 rc = 0;

	if (f == NULL)
		return -1;
	while ((n = fread(b, 1, sizeof(b), f)) > 0)
		if (buf_append(out, b, n) == -1) {
			rc = -1;
			break;
		}
	if (ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}

/* One field, quoted when it holds a separator, quote or line break. */
static int
field(struct buf *out, const char *s, int last)
{
	const char	*p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		if (buf_puts(out, s) == -1)
			return -1;
	} else {
		if (buf_puts(out, "\"") == -1)
			return -1;
		for (p = s; *p != '\0'; p++)
			if ((*p == '"' && buf_puts(out, "\"\"") == -1) ||
			    (*p != '"' && buf_append(out, p, 1) == -1))
				return -1;
		if (buf_puts(out, "\"") == -1)
			return -1;
	}
	return buf_puts(out, last ? "\r\n" : ",");
}
