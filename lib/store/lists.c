/*
 * lists.c: the queue and public-list queries. Each queue is its own
 * statement (no SQL built at run time); filters are optional parameters
 * written as (? IS NULL OR column = ?), codes resolved by constant
 * subqueries so the filters reach the cases indexes.
 *
 * Cost is bounded by the page asked for, not by the table (docs/
 * performance.md): a page is found by an index-only scan of ids (offset +
 * size entries) and only its rows are read and joined ("deferred join");
 * "total" stops counting at a cap and then says "total_capped": true. The
 * public list counts LIST_LOOKAHEAD pages past the one asked for (a client
 * shows "120+" and learns more as it pages on); staff queues count up to
 * LIST_QUEUE_CAP (the staff client reads queue sizes from "total"). The
 * queue counts are one statement, with "all" capped at LIST_QUEUE_CAP.
 */
#include <string.h>

#include "db.h"
#include "store/lists.h"

#define LIST_LOOKAHEAD	5	/* public list: pages counted past this one */
#define LIST_QUEUE_CAP	1000	/* staff queues: totals and the "all" count */
#define COUNTS_TTL	10	/* seconds a worker reuses an org's counts */
#define COUNTS_SLOTS	16

#define ROW \
    "SELECT c.id, c.state, UNIX_TIMESTAMP(c.received_at), f.code, f.name_vi,"\
    " o.code, o.name, LEFT(c.description, 160),"			\
    " (SELECT UNIX_TIMESTAMP(MIN(t.due_at)) FROM case_timers t"		\
    "  WHERE t.case_id = c.id AND t.status = 'running'"			\
    "  AND t.window_only = 0), c.confidential"
#define TAIL \
    " JOIN cases c ON c.id = k.id LEFT JOIN fields f ON f.id = c.field_id" \
    " LEFT JOIN organisations o ON o.id = c.lead_org_id"			\
    " ORDER BY c.received_at, c.id"
#define COLS	ROW " FROM (SELECT c.id FROM cases c WHERE "
#define JOINS	" ORDER BY c.received_at, c.id LIMIT ? OFFSET ?) k" TAIL
/*
 * A queue of two states reads each state as one ordered index range, only
 * offset + size entries of each, and merges them: sorting every open case
 * of the scope (1,500 in processing at 1M cases) cost more than the page.
 */
#define HALF(st, f) \
    "(SELECT c.id, c.received_at FROM cases c WHERE c.state = '" st "'"	\
    SCOPE f " ORDER BY c.received_at, c.id LIMIT ?)"
#define TWO(a, b, f) \
    ROW " FROM (SELECT u.id FROM (" HALF(a, f) " UNION ALL " HALF(b, f)	\
    ") u ORDER BY u.received_at, u.id LIMIT ? OFFSET ?) k" TAIL
#define COUNT	"SELECT COUNT(*) FROM (SELECT 1 FROM cases c WHERE "
#define CAP	" LIMIT ?) k"
#define FILTERS \
    " AND (? IS NULL OR c.field_id = (SELECT id FROM fields WHERE code = ?))" \
    " AND (? IS NULL OR c.lead_org_id ="					\
    "  (SELECT id FROM organisations WHERE code = ?))"			\
    " AND (? IS NULL OR c.description LIKE CONCAT('%', ?, '%'))"
#define SCOPE	" AND (? = 0 OR c.lead_org_id = ?)"
#define OVERDUE_IDS \
    "SELECT t.case_id FROM case_timers t WHERE t.status = 'running'"	\
    " AND t.window_only = 0 AND t.due_at < FROM_UNIXTIME(?)"
#define ALL_SCOPE \
    "(? = 0 OR c.lead_org_id = ? OR EXISTS (SELECT 1 FROM case_coord_orgs k" \
    " WHERE k.case_id = c.id AND k.org_id = ?))"

/* The states of each queue; "overdue" and "all" are written out below. */
#define S_INTAKE	"c.state IN ('received','needs_info')"
#define S_RETURNED	"c.state IN ('returned_to_center','escalated')"
#define S_INBOX		"c.state = 'distributed'"
#define S_PROCESSING	"c.state IN ('in_processing','clarifying')"
#define S_APPROVAL	"c.state IN ('awaiting_approval','clarify_approval')"
#define S_PUBLICATION	"c.state IN ('approved','clarify_approved')"
#define S_OVERDUE	"c.id IN (" OVERDUE_IDS ")"

/*
 * Two variants of each statement: [0] without filters (what the queue tabs
 * ask for: the scan stays inside cases_lead_state / cases_state_received,
 * index-only) and [1] with the optional filters, which read the rows.
 */
#define QUEUE(f) { \
	[Q_INTAKE] = TWO("received", "needs_info", f),			\
	[Q_RETURNED] = TWO("returned_to_center", "escalated", f),	\
	[Q_INBOX] = COLS S_INBOX SCOPE f JOINS,				\
	[Q_PROCESSING] = TWO("in_processing", "clarifying", f),		\
	[Q_APPROVAL] = TWO("awaiting_approval", "clarify_approval", f),	\
	[Q_PUBLICATION] = TWO("approved", "clarify_approved", f),	\
	[Q_OVERDUE] = COLS S_OVERDUE SCOPE f JOINS,			\
	[Q_ALL] = COLS ALL_SCOPE f JOINS }
/* "all" (led or coordinated): two index ranges, each capped */
#define QUEUE_COUNT(f) { \
	[Q_INTAKE] = COUNT S_INTAKE SCOPE f CAP,			\
	[Q_RETURNED] = COUNT S_RETURNED SCOPE f CAP,			\
	[Q_INBOX] = COUNT S_INBOX SCOPE f CAP,				\
	[Q_PROCESSING] = COUNT S_PROCESSING SCOPE f CAP,		\
	[Q_APPROVAL] = COUNT S_APPROVAL SCOPE f CAP,			\
	[Q_PUBLICATION] = COUNT S_PUBLICATION SCOPE f CAP,		\
	[Q_OVERDUE] = COUNT S_OVERDUE SCOPE f CAP,			\
	[Q_ALL] = "SELECT COUNT(*) FROM ((SELECT c.id FROM cases c"	\
	    " WHERE (? = 0 OR c.lead_org_id = ?)" f " LIMIT ?)"		\
	    " UNION (SELECT c.id FROM case_coord_orgs k JOIN cases c"	\
	    " ON c.id = k.case_id WHERE k.org_id = ?" f " LIMIT ?)) x" }

static const char *const queue_sql[2][Q_COUNT] = { QUEUE(""),
	QUEUE(FILTERS) };
static const char *const queue_count_sql[2][Q_COUNT] = { QUEUE_COUNT(""),
	QUEUE_COUNT(FILTERS) };
static const int two_states[Q_COUNT] = {
	[Q_INTAKE] = 1, [Q_RETURNED] = 1, [Q_PROCESSING] = 1, [Q_APPROVAL] = 1,
	[Q_PUBLICATION] = 1,
};
static const char *const queue_names[Q_COUNT] = {
	"intake", "returned", "inbox", "processing", "approval",
	"publication", "overdue", "all"
};

/* Every queue's count in one statement: the open states of the scope
 * (an index range), the overdue clocks, and "all" capped. */
static const char SQL_COUNTS[] =
    "SELECT COALESCE(SUM(" S_INTAKE "), 0), COALESCE(SUM(" S_RETURNED "), 0),"
    " COALESCE(SUM(" S_INBOX "), 0), COALESCE(SUM(" S_PROCESSING "), 0),"
    " COALESCE(SUM(" S_APPROVAL "), 0), COALESCE(SUM(" S_PUBLICATION "), 0),"
    " (SELECT COUNT(DISTINCT t.case_id) FROM case_timers t"
    "  JOIN cases d ON d.id = t.case_id WHERE t.status = 'running'"
    "  AND t.window_only = 0 AND t.due_at < FROM_UNIXTIME(?)"
    "  AND (? = 0 OR d.lead_org_id = ?)),"
    " (SELECT COUNT(*) FROM ((SELECT d.id FROM cases d"
    "  WHERE (? = 0 OR d.lead_org_id = ?) LIMIT ?)"
    "  UNION (SELECT k.case_id FROM case_coord_orgs k WHERE k.org_id = ?"
    "  LIMIT ?)) x)"
    " FROM cases c WHERE c.state IN ('received','needs_info',"
    " 'returned_to_center','escalated','distributed','in_processing',"
    " 'clarifying','awaiting_approval','clarify_approval','approved',"
    " 'clarify_approved') AND (? = 0 OR c.lead_org_id = ?)";

/* Published, public cases; codes resolved once, so every filter is a
 * column of cases_public (migration 014) and the scan stays index-only. */
#define PUB_WHERE \
    " WHERE c.published_at IS NOT NULL AND c.confidential = 0"		\
    " AND c.secret = 0 AND c.state IN ('published','clarifying',"	\
    " 'clarify_approval','clarify_approved','closed')"			\
    " AND (? IS NULL OR c.field_id = (SELECT id FROM fields WHERE code = ?))" \
    " AND (? IS NULL OR c.lead_org_id ="					\
    "  (SELECT id FROM organisations WHERE code = ?))"			\
    " AND (? IS NULL OR c.admin_unit_id ="				\
    "  (SELECT id FROM admin_units WHERE code = ?))"			\
    " AND (? = 0 OR c.received_at >= FROM_UNIXTIME(?))"		\
    " AND (? = 0 OR c.received_at < FROM_UNIXTIME(?))"
/* [0] without text search (index-only), [1] with it (reads the rows) */
#define PUB_TEXT	" AND c.description LIKE CONCAT('%', ?, '%')"
#define PUBLIC(t) \
    "SELECT c.id, c.state, UNIX_TIMESTAMP(c.received_at), f.code, f.name_vi,"\
    " o.code, o.name, LEFT(c.description, 160),"			\
    " UNIX_TIMESTAMP(c.published_at), ROUND(c.lat, 3), ROUND(c.lng, 3),"	\
    " u.name FROM (SELECT c.id FROM cases c" PUB_WHERE t		\
    " ORDER BY c.published_at DESC, c.id DESC LIMIT ? OFFSET ?) k"	\
    " JOIN cases c ON c.id = k.id LEFT JOIN fields f ON f.id = c.field_id" \
    " LEFT JOIN organisations o ON o.id = c.lead_org_id"			\
    " LEFT JOIN admin_units u ON u.id = c.admin_unit_id"			\
    " ORDER BY c.published_at DESC, c.id DESC"
/* newest first like the page: unpublished cases sort first in the keys */
#define PUBLIC_COUNT(t) \
    "SELECT COUNT(*) FROM (SELECT 1 FROM cases c" PUB_WHERE t		\
    " ORDER BY c.published_at DESC, c.id DESC LIMIT ?) k"
static const char *const public_sql[2] = { PUBLIC(""), PUBLIC(PUB_TEXT) };
static const char *const public_count_sql[2] = { PUBLIC_COUNT(""),
	PUBLIC_COUNT(PUB_TEXT) };
static const char SQL_NOTE[] =
    "INSERT INTO case_events (case_id, at, kind, actor_kind, actor_user_id,"
    " actor_org_id, org_id, public, note) SELECT id, FROM_UNIXTIME(?),"
    " 'note', 'staff', ?, ?, lead_org_id, 0, ? FROM cases WHERE id = ?";

/*
 * The queue counts ride along with every queue page but are the costliest
 * statement of it (every open case of the scope, the overdue clocks): each
 * worker keeps them per organisation for COUNTS_TTL seconds of the business
 * clock. Badges may lag a transition by that much; a queue's own "total"
 * is always counted with its page. Process lifetime, like calendars.c.
 */
struct counts_slot {
	int64_t	 org;
	time_t	 bucket;		/* now / COUNTS_TTL */
	json_t	*counts;		/* owned reference or NULL */
};
static struct counts_slot	counts_cache[COUNTS_SLOTS];

static int	 counts_query(struct db *, int64_t, time_t, json_t **);
static size_t	 queue_params(enum queue, int64_t, const struct list_filter *,
		    time_t, struct db_param *);
static size_t	 page_params(enum queue, int64_t, const struct list_filter *,
		    time_t, struct db_param *);
static size_t	 count_params(enum queue, int64_t, const struct list_filter *,
		    time_t, struct db_param *);
static size_t	 filter_params(const struct list_filter *, struct db_param *);
static size_t	 public_params(const struct list_filter *, struct db_param *);
static json_int_t count_cap(const struct list_filter *, int);
static int	 count_capped(struct db *, const char *, const struct db_param *,
		    size_t, json_int_t *);
static json_t	*page_json(struct db_res *, int, const struct list_filter *,
		    json_int_t);

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
	struct db_param	 p[24];
	struct db_res	*r = NULL;
	json_int_t	 total = 0;
	size_t		 n;
	int		 v;

	memset(p, 0, sizeof(p));
	v = f->field != NULL || f->agency != NULL || f->q != NULL;
	n = count_params(q, org, f, now, p);
	if (count_capped(db, queue_count_sql[v][q], p, n, &total) == -1)
		return -1;
	n = page_params(q, org, f, now, p);
	if (db_query(db, queue_sql[v][q], p, n, &r) == -1)
		return -1;
	*out = page_json(r, 0, f, total);
	db_res_free(r);
	return 0;
}

int
store_public_list(struct db *db, const struct list_filter *f, json_t **out)
{
	struct db_param	 p[16];
	struct db_res	*r = NULL;
	json_int_t	 total = 0;
	size_t		 n;

	memset(p, 0, sizeof(p));
	n = public_params(f, p);
	p[n] = (struct db_param)DB_I64(count_cap(f, 1) + 1);
	if (count_capped(db, public_count_sql[f->q != NULL], p, n + 1,
	    &total) == -1)
		return -1;
	p[n++] = (struct db_param)DB_I64(f->size);
	p[n++] = (struct db_param)DB_I64((int64_t)(f->page - 1) * f->size);
	if (db_query(db, public_sql[f->q != NULL], p, n, &r) == -1)
		return -1;
	*out = page_json(r, 1, f, total);
	db_res_free(r);
	return 0;
}

int
store_queue_counts(struct db *db, int64_t org, time_t now, json_t **out)
{
	struct counts_slot	*s = &counts_cache[(uint64_t)org % COUNTS_SLOTS];
	json_t			*o = NULL;

	if (s->counts == NULL || s->org != org || s->bucket != now / COUNTS_TTL) {
		if (counts_query(db, org, now, &o) == -1)
			return -1;
		json_decref(s->counts);
		s->counts = o;
		s->org = org;
		s->bucket = now / COUNTS_TTL;
	}
	*out = json_copy(s->counts);
	return *out != NULL ? 0 : -1;
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

static int
counts_query(struct db *db, int64_t org, time_t now, json_t **out)
{
	const struct db_param	 p[] = { DB_I64(now), DB_I64(org), DB_I64(org),
	    DB_I64(org), DB_I64(org), DB_I64(LIST_QUEUE_CAP + 1), DB_I64(org),
	    DB_I64(LIST_QUEUE_CAP + 1), DB_I64(org), DB_I64(org) };
	struct db_res		*r = NULL;
	json_int_t		 v;
	int			 q;

	if (db_query(db, SQL_COUNTS, p, NITEMS(p), &r) == -1)
		return -1;
	*out = json_object();
	if (db_res_next(r))
		for (q = 0; q < Q_COUNT; q++) {
			v = (json_int_t)db_res_i64(r, (size_t)q);
			if (q == Q_ALL && v > LIST_QUEUE_CAP)
				v = LIST_QUEUE_CAP;
			json_object_set_new(*out, queue_names[q],
			    json_integer(v));
		}
	db_res_free(r);
	return 0;
}

/* The parameters of a queue's WHERE clause (the caller adds LIMIT, OFFSET). */
static size_t
queue_params(enum queue q, int64_t org, const struct list_filter *f,
    time_t now, struct db_param *p)
{
	size_t	n = 0;

	if (q == Q_OVERDUE)
		p[n++] = (struct db_param)DB_I64(now);
	p[n++] = (struct db_param)DB_I64(org);
	p[n++] = (struct db_param)DB_I64(org);
	if (q == Q_ALL)
		p[n++] = (struct db_param)DB_I64(org);
	n += filter_params(f, p + n);
	return n;
}

/* The parameters of a queue's page: LIMIT and OFFSET last. */
static size_t
page_params(enum queue q, int64_t org, const struct list_filter *f,
    time_t now, struct db_param *p)
{
	int64_t	off = (int64_t)(f->page - 1) * f->size;
	size_t	n = queue_params(q, org, f, now, p);

	if (two_states[q]) {	/* each half: its WHERE and offset + size */
		p[n++] = (struct db_param)DB_I64(off + f->size);
		n += queue_params(q, org, f, now, p + n);
		p[n++] = (struct db_param)DB_I64(off + f->size);
	}
	p[n++] = (struct db_param)DB_I64(f->size);
	p[n++] = (struct db_param)DB_I64(off);
	return n;
}

/* The parameters of a queue's capped count. */
static size_t
count_params(enum queue q, int64_t org, const struct list_filter *f,
    time_t now, struct db_param *p)
{
	size_t	n;

	if (q != Q_ALL) {
		n = queue_params(q, org, f, now, p);
		p[n++] = (struct db_param)DB_I64(count_cap(f, 0) + 1);
		return n;
	}
	p[0] = (struct db_param)DB_I64(org);
	p[1] = (struct db_param)DB_I64(org);
	n = 2 + filter_params(f, p + 2);
	p[n++] = (struct db_param)DB_I64(count_cap(f, 0) + 1);
	p[n++] = (struct db_param)DB_I64(org);
	n += filter_params(f, p + n);
	p[n++] = (struct db_param)DB_I64(count_cap(f, 0) + 1);
	return n;
}

/* The optional filters: none for the plain variant. */
static size_t
filter_params(const struct list_filter *f, struct db_param *p)
{
	if (f->field == NULL && f->agency == NULL && f->q == NULL)
		return 0;
	p[0] = (struct db_param)DB_TEXT(f->field);
	p[1] = (struct db_param)DB_TEXT(f->field);
	p[2] = (struct db_param)DB_TEXT(f->agency);
	p[3] = (struct db_param)DB_TEXT(f->agency);
	p[4] = (struct db_param)DB_TEXT(f->q);
	p[5] = (struct db_param)DB_TEXT(f->q);
	return 6;
}

static size_t
public_params(const struct list_filter *f, struct db_param *p)
{
	const struct db_param	v[] = { DB_TEXT(f->field), DB_TEXT(f->field),
	    DB_TEXT(f->agency), DB_TEXT(f->agency), DB_TEXT(f->unit),
	    DB_TEXT(f->unit), DB_I64(f->from), DB_I64(f->from), DB_I64(f->to),
	    DB_I64(f->to), DB_TEXT(f->q) };

	memcpy(p, v, sizeof(v));
	return NITEMS(v) - (f->q == NULL);
}

/* How far "total" counts (see the top of this file). */
static json_int_t
count_cap(const struct list_filter *f, int pub)
{
	if (!pub)
		return LIST_QUEUE_CAP;
	return ((json_int_t)f->page + LIST_LOOKAHEAD) * f->size;
}

static int
count_capped(struct db *db, const char *sql, const struct db_param *p,
    size_t n, json_int_t *total)
{
	int64_t	v = 0;

	if (db_query_i64(db, sql, p, n, &v) == -1)
		return -1;
	*total = (json_int_t)v;
	return 0;
}

static json_t *
page_json(struct db_res *r, int pub, const struct list_filter *f,
    json_int_t total)
{
	json_t		*items = json_array(), *it;
	json_int_t	 cap;

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
		} else {
			json_object_set_new(it, "due_at", db_res_isnull(r, 8) ?
			    json_null() : json_integer(db_res_i64(r, 8)));
			json_object_set_new(it, "confidential", json_boolean(
			    db_res_i64(r, 9)));
		}
		json_array_append_new(items, it);
	}
	cap = count_cap(f, pub);
	return json_pack("{s:o, s:I, s:b, s:i, s:i}", "items", items, "total",
	    total > cap ? cap : total, "total_capped", total > cap, "page",
	    f->page, "page_size", f->size);
}
