/*
 * audit.c: SQL of the audit log: append, list with filters, CSV export.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "db.h"
#include "store/audit.h"

#define FILTER \
    " WHERE (? IS NULL OR actor = ?) AND (? IS NULL OR action = ?)" \
    " AND (? IS NULL OR object_type = ?) AND (? IS NULL OR object_id = ?)" \
    " AND (? = 0 OR at >= FROM_UNIXTIME(?))" \
    " AND (? = 0 OR at < FROM_UNIXTIME(?) + INTERVAL 1 SECOND)"
#define COLS \
    "SELECT id, UNIX_TIMESTAMP(at), ROUND(UNIX_TIMESTAMP(at) * 1000)," \
    " actor, action, object_type, object_id, before_json, after_json," \
    " reason, DATE_FORMAT(at + INTERVAL 7 HOUR, '%Y-%m-%d %H:%i:%s.%f')" \
    " FROM audit_log"

static const char SQL_ADD[] =
    "INSERT INTO audit_log (at, actor_user_id, actor, action, object_type,"
    " object_id, before_json, after_json, reason)"
    " VALUES (UTC_TIMESTAMP(3), ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_COUNT[] = "SELECT COUNT(*) FROM audit_log" FILTER;
static const char SQL_PAGE[] = COLS FILTER
    " ORDER BY id DESC LIMIT ? OFFSET ?";
static const char SQL_ALL[] = COLS FILTER " ORDER BY id LIMIT 100000";

#define NFILTER	12

static void	filter_params(const struct audit_filter *, struct db_param *);
static json_t	*json_or_null(const char *, int);
static json_t	*row_json(struct db_res *);

int
store_audit(struct db *db, const struct audit_actor *who, const char *action,
    const char *type, const char *id, const json_t *before,
    const json_t *after, const char *reason)
{
	char	*b = NULL, *a = NULL;
	int	 rc;

	if (before != NULL)
		b = json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS);
	if (after != NULL)
		a = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
	{
		const struct db_param p[] = { DB_ID(who->user_id),
		    DB_TEXT(who->name), DB_TEXT(action), DB_TEXT(type),
		    DB_TEXT(id), DB_TEXT(b), DB_TEXT(a), DB_TEXT(reason) };

		rc = db_exec(db, SQL_ADD, p, NITEMS(p));
	}
	free(b);
	free(a);
	return rc;
}

int
store_audit_list(struct db *db, const struct audit_filter *f, json_t **out)
{
	struct db_param	 p[NFILTER + 2];
	struct db_res	*r = NULL;
	int64_t		 total = 0;
	int		 size = f->page_size, page = f->page;
	json_t		*items;

	if (size < 1 || size > 1000)
		size = 50;
	if (page < 1)
		page = 1;
	filter_params(f, p);
	if (db_query_i64(db, SQL_COUNT, p, NFILTER, &total) == -1)
		return -1;
	p[NFILTER] = (struct db_param)DB_I64(size);
	p[NFILTER + 1] = (struct db_param)DB_I64((int64_t)(page - 1) * size);
	if (db_query(db, SQL_PAGE, p, NFILTER + 2, &r) == -1)
		return -1;
	items = json_array();
	while (db_res_next(r))
		json_array_append_new(items, row_json(r));
	db_res_free(r);
	*out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total",
	    (json_int_t)total, "page", page, "page_size", size);
	return *out == NULL ? -1 : 0;
}

int
store_audit_csv(struct db *db, const struct audit_filter *f, struct buf *b)
{
	static const char *const head[] = { "id", "at_local", "actor",
	    "action", "object_type", "object_id", "before", "after", "reason" };
	static const int cols[] = { 0, 10, 3, 4, 5, 6, 7, 8, 9 };
	struct db_param	 p[NFILTER];
	struct db_res	*r = NULL;
	size_t		 i;
	int		 rc = -1;

	filter_params(f, p);
	for (i = 0; i < NITEMS(head); i++)
		if ((i > 0 && buf_puts(b, ",") == -1) ||
		    buf_puts(b, head[i]) == -1)
			return -1;
	if (buf_puts(b, "\r\n") == -1 ||
	    db_query(db, SQL_ALL, p, NFILTER, &r) == -1)
		return -1;
	while (db_res_next(r)) {
		for (i = 0; i < NITEMS(cols); i++)
			if ((i > 0 && buf_puts(b, ",") == -1) ||
			    audit_csv_field(b, db_res_str(r, (size_t)cols[i]))
			    == -1)
				goto out;
		if (buf_puts(b, "\r\n") == -1)
			goto out;
	}
	rc = 0;
out:
	db_res_free(r);
	return rc;
}

int
audit_csv_field(struct buf *b, const char *s)
{
	const char	*q;
	int		 formula;

	/* a leading = + - @ would be a formula in a spreadsheet: quote it */
	formula = s[0] != '\0' && strchr("=+-@", s[0]) != NULL;
	if (!formula && strpbrk(s, ",\"\r\n") == NULL)
		return buf_puts(b, s);
	if (buf_puts(b, formula ? "\"'" : "\"") == -1)
		return -1;
	while ((q = strchr(s, '"')) != NULL) {
		if (buf_append(b, s, (size_t)(q - s + 1)) == -1 ||
		    buf_puts(b, "\"") == -1)
			return -1;
		s = q + 1;
	}
	return buf_puts(b, s) == -1 ? -1 : buf_puts(b, "\"");
}

static void
filter_params(const struct audit_filter *f, struct db_param *p)
{
	const char	*s[] = { f->actor, f->action, f->object_type,
	    f->object_id };
	size_t		 i;

	for (i = 0; i < 4; i++) {
		p[2 * i] = (struct db_param)DB_TEXT(s[i]);
		p[2 * i + 1] = (struct db_param)DB_TEXT(s[i]);
	}
	p[8] = (struct db_param)DB_I64(f->from);
	p[9] = (struct db_param)DB_I64(f->from);
	p[10] = (struct db_param)DB_I64(f->to);
	p[11] = (struct db_param)DB_I64(f->to);
}

static json_t *
json_or_null(const char *s, int isnull)
{
	json_t	*j;

	if (isnull)
		return json_null();
	j = json_loads(s, JSON_DECODE_ANY, NULL);
	return j != NULL ? j : json_string(s);
}

static json_t *
row_json(struct db_res *r)
{
	json_t	*o;

	o = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s}",
	    "id", (json_int_t)db_res_i64(r, 0),
	    "at", (json_int_t)db_res_i64(r, 1),
	    "at_ms", (json_int_t)db_res_i64(r, 2),
	    "actor", db_res_str(r, 3), "action", db_res_str(r, 4),
	    "object_type", db_res_str(r, 5), "object_id", db_res_str(r, 6));
	json_object_set_new(o, "before", json_or_null(db_res_str(r, 7),
	    db_res_isnull(r, 7)));
	json_object_set_new(o, "after", json_or_null(db_res_str(r, 8),
	    db_res_isnull(r, 8)));
	json_object_set_new(o, "reason", db_res_isnull(r, 9) ? json_null() :
	    json_string(db_res_str(r, 9)));
	return o;
}
