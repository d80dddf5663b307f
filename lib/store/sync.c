/*
 * sync.c: SQL of the agency sync API: the change feed (with the wait that
 * keeps out-of-order commits from being skipped), note events, the agency
 * view of a case, the lookup of a case an agency registered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "store/case_int.h"
#include "store/cases.h"
#include "store/idem.h"
#include "store/sync.h"

static const char SQL_MAX_EVENT[] =
    "SELECT COALESCE(MAX(id), 0) FROM case_events";
static const char SQL_READ_COMMITTED[] =
    "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
/*
 * The locking read waits for the implicit lock every uncommitted insert
 * holds on its row; READ COMMITTED keeps it from taking gap locks that
 * would block new inserts. WAIT bounds the wait (MariaDB >= 10.3).
 */
static const char SQL_SETTLE[] =
    "SELECT COUNT(*) FROM case_events WHERE id > ? AND id <= ?"
    " LOCK IN SHARE MODE WAIT 5";
static const char SQL_FEED[] =
    "SELECT e.id, e.case_id, e.kind, e.from_state, e.to_state,"
    " UNIX_TIMESTAMP(e.at), o.code, e.actor_kind, e.note, e.data_json,"
    " c.secret FROM case_events e JOIN cases c ON c.id = e.case_id"
    " LEFT JOIN organisations o ON o.id = e.org_id"
    " WHERE e.id > ? AND e.id <= ? AND (e.org_id = ? OR e.case_id IN"
    "  (SELECT k.case_id FROM case_coord_orgs k WHERE k.org_id = ?))"
    " ORDER BY e.id LIMIT ?";
static const char SQL_EVENT[] =
    "SELECT e.id, e.case_id, e.kind, e.from_state, e.to_state,"
    " UNIX_TIMESTAMP(e.at), o.code, e.actor_kind, e.note, e.data_json,"
    " c.secret FROM case_events e JOIN cases c ON c.id = e.case_id"
    " LEFT JOIN organisations o ON o.id = e.org_id WHERE e.id = ?";
static const char SQL_NOTE_SCOPE[] =
    "SELECT COALESCE(c.lead_org_id, 0), c.secret, (SELECT COUNT(*)"
    " FROM case_coord_orgs k WHERE k.case_id = c.id AND k.org_id = ?)"
    " FROM cases c WHERE c.id = ? LOCK IN SHARE MODE";
static const char SQL_FIND[] =
    "SELECT id, state FROM cases WHERE channel = 'sync' AND channel_ref = ?"
    " AND external_ref = ? ORDER BY id LIMIT 1";
static const char SQL_GROUP_OK[] =
    "SELECT g.id FROM report_groups g JOIN fields f ON f.id = g.field_id"
    " WHERE g.code = ? AND f.code = ? AND f.active = 1 AND g.active = 1";

static int	 settle(struct db *, int64_t, int64_t);
static json_t	*event_json(struct db_res *);
static json_t	*str_or_null(struct db_res *, size_t);
static int	 note_insert(struct db *, const struct sync_note *, int64_t,
		    json_t **);

int
store_sync_feed(struct db *db, int64_t org, int64_t cursor, int limit,
    json_t **events, int64_t *next, int *more)
{
	struct db_res	*r = NULL;
	int64_t		 max = 0, hi, last = cursor;
	int		 rc = -1, n = 0, st;

	*events = json_array();
	*next = cursor;
	*more = 0;
	if (db_query_i64(db, SQL_MAX_EVENT, NULL, 0, &max) == -1)
		goto out;
	hi = max < cursor + SYNC_SCAN_WINDOW ? max : cursor + SYNC_SCAN_WINDOW;
	if (hi <= cursor) {
		rc = 0;
		goto out;
	}
	if (db_exec(db, SQL_READ_COMMITTED, NULL, 0) == -1 ||
	    db_begin(db) == -1)
		goto out;
	st = settle(db, cursor, hi);
	if (st != 0) {
		rc = st;
		goto out;
	}
	{
		const struct db_param p[] = { DB_I64(cursor), DB_I64(hi),
		    DB_I64(org), DB_I64(org), DB_I64(limit) };

		if (db_query(db, SQL_FEED, p, NITEMS(p), &r) == -1)
			goto out;
	}
	while (db_res_next(r)) {
		last = db_res_i64(r, 0);
		json_array_append_new(*events, event_json(r));
		n++;
	}
	if (db_commit(db) == -1)
		goto out;
	*next = n == limit ? last : hi;
	*more = *next < max;
	rc = 0;
out:
	db_rollback(db);
	db_res_free(r);
	if (rc != 0)
		json_array_clear(*events);
	return rc;
}

int
store_sync_event(struct db *db, int64_t event_id, json_t **out)
{
	const struct db_param	 p[] = { DB_I64(event_id) };
	struct db_res		*r = NULL;
	int			 rc = -1;

	*out = NULL;
	if (db_query(db, SQL_EVENT, p, NITEMS(p), &r) == -1)
		goto out;
	rc = 1;
	if (!db_res_next(r))
		goto out;
	*out = event_json(r);
	rc = *out != NULL ? 0 : -1;
out:
	db_res_free(r);
	return rc;
}

int
store_sync_case(struct db *db, int64_t id, const struct actor *who,
    time_t now, json_t **out)
{
	json_t	*o = NULL, *tl, *e;
	size_t	 i;
	int	 rc;

	*out = NULL;
	rc = store_case_view(db, id, VIEW_AGENCY, who, now, &o);
	if (rc != 0)
		return rc;
	json_object_del(o, "reporter");
	if (json_is_true(json_object_get(o, "secret"))) {
		tl = json_object_get(o, "timeline");
		json_array_foreach(tl, i, e)
			json_object_set_new(e, "note", json_null());
	}
	*out = o;
	return 0;
}

int
store_sync_note(struct db *db, const struct sync_note *sn, json_t **resp)
{
	const struct db_param	 p[] = { DB_I64(sn->who->org_id),
	    DB_I64(sn->case_id) };
	struct db_res		*r = NULL;
	int64_t			 lead;
	int			 rc = -1;

	*resp = NULL;
	if (db_begin(db) == -1 ||
	    db_query(db, SQL_NOTE_SCOPE, p, NITEMS(p), &r) == -1)
		goto out;
	rc = 1;
	if (!db_res_next(r))
		goto out;
	lead = db_res_i64(r, 0);
	if (lead != sn->who->org_id && db_res_i64(r, 2) == 0)
		goto out;
	rc = 2;
	if (db_res_i64(r, 1) != 0)
		goto out;
	rc = -1;
	if (note_insert(db, sn, lead, resp) == -1 || db_commit(db) == -1)
		goto out;
	rc = 0;
out:
	db_rollback(db);
	db_res_free(r);
	if (rc != 0) {
		json_decref(*resp);
		*resp = NULL;
	}
	return rc;
}

int
store_sync_find(struct db *db, int64_t org, const char *ref, int64_t *id,
    const char **state)
{
	char		 chref[200];
	struct db_res	*r = NULL;
	enum wf_state	 st = WF_S_RECEIVED;
	int		 rc = -1;

	/* as written at registration (sync_actions.c): org and its own id */
	snprintf(chref, sizeof(chref), "org:%lld:%s", (long long)org, ref);
	{
		const struct db_param p[] = { DB_TEXT(chref), DB_TEXT(ref) };

		if (db_query(db, SQL_FIND, p, NITEMS(p), &r) == -1)
			goto out;
	}
	rc = 1;
	if (!db_res_next(r))
		goto out;
	*id = db_res_i64(r, 0);
	wf_state_parse(db_res_str(r, 1), &st);
	*state = wf_state_name(st);
	rc = 0;
out:
	db_res_free(r);
	return rc;
}

int
store_sync_group_ok(struct db *db, const char *field, const char *group)
{
	const struct db_param	p[] = { DB_TEXT(group), DB_TEXT(field) };
	int64_t			id;

	return db_query_i64(db, SQL_GROUP_OK, p, NITEMS(p), &id);
}

/* 0 when (cursor, hi] is settled, 1 when the wait timed out, -1 error. */
static int
settle(struct db *db, int64_t cursor, int64_t hi)
{
	const struct db_param	p[] = { DB_I64(cursor), DB_I64(hi) };
	int64_t			n;

	db_expect_error(db, DB_ERR_LOCK_WAIT);
	if (db_query_i64(db, SQL_SETTLE, p, NITEMS(p), &n) == -1)
		return db_errno(db) == DB_ERR_LOCK_WAIT ||
		    db_errno(db) == DB_ERR_DEADLOCK ? 1 : -1;
	return 0;
}

static json_t *
event_json(struct db_res *r)
{
	int	 secret = db_res_i64(r, 10) != 0;
	json_t	*e, *data = NULL;

	e = json_pack("{s:I, s:o, s:s, s:I, s:s}",
	    "id", (json_int_t)db_res_i64(r, 0),
	    "case", json_sprintf("%lld", (long long)db_res_i64(r, 1)),
	    "kind", db_res_str(r, 2), "at", (json_int_t)db_res_i64(r, 5),
	    "actor", db_res_str(r, 7));
	json_object_set_new(e, "from", str_or_null(r, 3));
	json_object_set_new(e, "to", str_or_null(r, 4));
	json_object_set_new(e, "agency", str_or_null(r, 6));
	json_object_set_new(e, "note", secret ? json_null() : str_or_null(r, 8));
	if (!secret && !db_res_isnull(r, 9))
		data = json_loads(db_res_str(r, 9), 0, NULL);
	json_object_set_new(e, "data", data != NULL ? data : json_null());
	return e;
}

static json_t *
str_or_null(struct db_res *r, size_t col)
{
	return db_res_isnull(r, col) ? json_null() :
	    json_string(db_res_str(r, col));
}

/* Requires the caller's transaction. */
static int
note_insert(struct db *db, const struct sync_note *sn, int64_t lead,
    json_t **resp)
{
	struct case_event	 ev;
	char			*body = NULL, data[32];
	int			 rc = -1;

	memset(&ev, 0, sizeof(ev));
	ev.case_id = sn->case_id;
	ev.at = sn->now;
	ev.kind = sn->kind;
	ev.who = sn->who;
	ev.org_id = lead;
	ev.public = 0;
	ev.note = sn->text;
	if (sn->percent >= 0) {
		snprintf(data, sizeof(data), "{\"percent\":%d}", sn->percent);
		ev.data_json = data;
	}
	if (store_case_event(db, &ev) == -1)
		goto out;
	*resp = json_pack("{s:o, s:s, s:I}", "code", json_sprintf("%lld",
	    (long long)sn->case_id), "kind", sn->kind, "event_id",
	    (json_int_t)ev.id);
	if (*resp == NULL)
		goto out;
	if (sn->idem_key != NULL) {
		body = json_dumps(*resp, JSON_COMPACT);
		if (body == NULL || store_idem_finish(db, sn->idem_scope,
		    sn->idem_key, 201, body) == -1)
			goto out;
	}
	rc = 0;
out:
	free(body);
	return rc;
}
