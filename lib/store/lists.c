/*
 * lists.c: the queue and public-list queries. Each queue is its own
 * statement (no SQL built at run time); filters are optional parameters
 * written as (? IS NULL OR column = ?).
 */
#include <string.h>

#include "db.h"
#include "store/lists.h"

#define COLS \
    "SELECT c.id, c.state, UNIX_TIMESTAMP(c.received_at), f.code, f.name_vi,"\
    " o.code, o.name, LEFT(c.description, 160),"			\
    " (SELECT UNIX_TIMESTAMP(MIN(t.due_at)) FROM case_timers t"		\
    "  WHERE t.case_id = c.id AND t.status = 'running'"			\
    "  AND t.window_only = 0), c.confidential, COUNT(*) OVER ()"	\
    " FROM cases c LEFT JOIN fields f ON f.id = c.field_id"		\
    " LEFT JOIN organisations o ON o.id = c.lead_org_id"
#define FILTERS \
    " AND (? IS NULL OR f.code = ?) AND (? IS NULL OR o.code = ?)"	\
    " AND (? IS NULL OR c.description LIKE CONCAT('%', ?, '%'))"
#define SCOPE	" AND (? = 0 OR c.lead_org_id = ?)"
#define PAGE	" ORDER BY c.received_at, c.id LIMIT ? OFFSET ?"

static const char *const queue_sql[Q_COUNT] = {
	[Q_INTAKE] = COLS " WHERE c.state IN ('received','needs_info')"
	    SCOPE FILTERS PAGE,
	[Q_RETURNED] = COLS " WHERE c.state IN ('returned_to_center',"
	    "'escalated')" SCOPE FILTERS PAGE,
	[Q_INBOX] = COLS " WHERE c.state = 'distributed'" SCOPE FILTERS PAGE,
	[Q_PROCESSING] = COLS " WHERE c.state IN ('in_processing','clarifying')"
	    SCOPE FILTERS PAGE,
	[Q_APPROVAL] = COLS " WHERE c.state IN ('awaiting_approval',"
	    "'clarify_approval')" SCOPE FILTERS PAGE,
	[Q_PUBLICATION] = COLS " WHERE c.state IN ('approved',"
	    "'clarify_approved')" SCOPE FILTERS PAGE,
	[Q_OVERDUE] = COLS " WHERE EXISTS (SELECT 1 FROM case_timers t"
	    " WHERE t.case_id = c.id AND t.status = 'running'"
	    " AND t.window_only = 0 AND t.due_at < FROM_UNIXTIME(?))"
	    SCOPE FILTERS PAGE,
	[Q_ALL] = COLS " WHERE (? = 0 OR c.lead_org_id = ? OR EXISTS (SELECT 1"
	    " FROM case_coord_orgs k WHERE k.case_id = c.id AND k.org_id = ?))"
	    FILTERS PAGE,
};
static const char *const queue_names[Q_COUNT] = {
	"intake", "returned", "inbox", "processing", "approval",
	"publication", "overdue", "all"
};

static const char SQL_PUBLIC[] =
    "SELECT c.id, c.state, UNIX_TIMESTAMP(c.received_at), f.code, f.name_vi,"
    " o.code, o.name, LEFT(c.description, 160),"
    " UNIX_TIMESTAMP(c.published_at), ROUND(c.lat, 3), ROUND(c.lng, 3),"
    " u.name, COUNT(*) OVER ()"
    " FROM cases c LEFT JOIN fields f ON f.id = c.field_id"
    " LEFT JOIN organisations o ON o.id = c.lead_org_id"
    " LEFT JOIN admin_units u ON u.id = c.admin_unit_id"
    " WHERE c.published_at IS NOT NULL AND c.confidential = 0"
    " AND c.secret = 0 AND c.state IN ('published','clarifying',"
    " 'clarify_approval','clarify_approved','closed')"
    " AND (? IS NULL OR f.code = ?) AND (? IS NULL OR o.code = ?)"
    " AND (? IS NULL OR u.code = ?)"
    " AND (? IS NULL OR c.description LIKE CONCAT('%', ?, '%'))"
    " AND (? = 0 OR c.received_at >= FROM_UNIXTIME(?))"
    " AND (? = 0 OR c.received_at < FROM_UNIXTIME(?))"
    " ORDER BY c.published_at DESC, c.id DESC LIMIT ? OFFSET ?";
static const char SQL_NOTE[] =
    "INSERT INTO case_events (case_id, at, kind, actor_kind, actor_user_id,"
    " actor_org_id, org_id, public, note) SELECT id, FROM_UNIXTIME(?),"
    " 'note', 'staff', ?, ?, lead_org_id, 0, ? FROM cases WHERE id = ?";

static json_t	*page_json(struct db_res *, int, int, int);

int
store_queue_parse(const char *s, enum queue *q)
{
	int	i;

	for (i = 0; i < Q_COUNT; i++)
		if (strcmp(s, queue_names[i]) == 0) {
			*q = (enum queue)i;
			return 0;
		}
	return -1;
}

int
store_queue(struct db *db, enum queue q, int64_t org, const struct list_filter
    *f, time_t now, json_t **out)
{
	struct db_param	 p[16];
	struct db_res	*r = NULL;
	size_t		 n = 0;

	memset(p, 0, sizeof(p));
	if (q == Q_OVERDUE)
		p[n++] = (struct db_param)DB_I64(now);
	p[n++] = (struct db_param)DB_I64(org);
	p[n++] = (struct db_param)DB_I64(org);
	if (q == Q_ALL)
		p[n++] = (struct db_param)DB_I64(org);
	p[n++] = (struct db_param)DB_TEXT(f->field);
	p[n++] = (struct db_param)DB_TEXT(f->field);
	p[n++] = (struct db_param)DB_TEXT(f->agency);
	p[n++] = (struct db_param)DB_TEXT(f->agency);
	p[n++] = (struct db_param)DB_TEXT(f->q);
	p[n++] = (struct db_param)DB_TEXT(f->q);
	p[n++] = (struct db_param)DB_I64(f->size);
	p[n++] = (struct db_param)DB_I64((int64_t)(f->page - 1) * f->size);
	if (db_query(db, queue_sql[q], p, n, &r) == -1)
		return -1;
	*out = page_json(r, 0, f->page, f->size);
	db_res_free(r);
	return 0;
}

int
store_public_list(struct db *db, const struct list_filter *f, json_t **out)
{
	const struct db_param p[] = { DB_TEXT(f->field), DB_TEXT(f->field),
	    DB_TEXT(f->agency), DB_TEXT(f->agency), DB_TEXT(f->unit),
	    DB_TEXT(f->unit), DB_TEXT(f->q), DB_TEXT(f->q), DB_I64(f->from),
	    DB_I64(f->from), DB_I64(f->to), DB_I64(f->to), DB_I64(f->size),
	    DB_I64((int64_t)(f->page - 1) * f->size) };
	struct db_res	*r = NULL;

	if (db_query(db, SQL_PUBLIC, p, NITEMS(p), &r) == -1)
		return -1;
	*out = page_json(r, 1, f->page, f->size);
	db_res_free(r);
	return 0;
}

int
store_queue_counts(struct db *db, int64_t org, time_t now, json_t **out)
{
	struct list_filter	 f;
	json_t			*o = json_object(), *l;
	int			 q;

	memset(&f, 0, sizeof(f));
	f.page = f.size = 1;
	for (q = 0; q < Q_COUNT; q++) {
		if (store_queue(db, (enum queue)q, org, &f, now, &l) == -1) {
			json_decref(o);
			return -1;
		}
		json_object_set(o, queue_names[q], json_object_get(l, "total"));
		json_decref(l);
	}
	*out = o;
	return 0;
}

int
store_case_note(struct db *db, int64_t case_id, int64_t user, int64_t org,
    const char *text, time_t now)
{
	const struct db_param p[] = { DB_I64(now), DB_I64(user), DB_ID(org),
	    DB_TEXT(text), DB_I64(case_id) };

	if (db_exec(db, SQL_NOTE, p, NITEMS(p)) == -1)
		return -1;
	return db_affected(db) == 1 ? 0 : 1;
}

static json_t *
page_json(struct db_res *r, int pub, int page, int size)
{
	json_t		*items = json_array(), *it;
	json_int_t	 total = 0;

	while (db_res_next(r)) {
		it = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "code",
		    db_res_str(r, 0), "state", db_res_str(r, 1), "received_at",
		    (json_int_t)db_res_i64(r, 2), "field", db_res_str(r, 3),
		    "field_name", db_res_str(r, 4), "excerpt", db_res_str(r, 7));
		json_object_set_new(it, "agency", db_res_isnull(r, 5) ?
		    json_null() : json_pack("{s:s, s:s}", "code",
		    db_res_str(r, 5), "name", db_res_str(r, 6)));
		if (pub) {
			json_object_set_new(it, "published_at", json_integer(
			    db_res_i64(r, 8)));
			if (!db_res_isnull(r, 9))
				json_object_set_new(it, "place", json_pack(
				    "{s:f, s:f}", "lat", db_res_dbl(r, 9),
				    "lng", db_res_dbl(r, 10)));
			json_object_set_new(it, "unit", json_string(
			    db_res_str(r, 11)));
			total = db_res_i64(r, 12);
		} else {
			json_object_set_new(it, "due_at", db_res_isnull(r, 8) ?
			    json_null() : json_integer(db_res_i64(r, 8)));
			json_object_set_new(it, "confidential", json_boolean(
			    db_res_i64(r, 9)));
			total = db_res_i64(r, 10);
		}
		json_array_append_new(items, it);
	}
	return json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", total,
	    "page", page, "page_size", size);
}
