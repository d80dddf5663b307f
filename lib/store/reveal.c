/*
 * reveal.c: SQL for reveal requests; each step leaves an event and, for
 * decisions, an audit_log row.
 */
#include <stdio.h>

#include "db.h"
#include "store/reveal.h"

static const char SQL_ADD[] =
    "INSERT INTO reveal_requests (case_id, org_id, requested_by, purpose,"
    " created_at) SELECT c.id, ?, ?, ?, FROM_UNIXTIME(?) FROM cases c"
    " WHERE c.id = ? AND (c.lead_org_id = ? OR EXISTS (SELECT 1 FROM"
    " case_coord_orgs k WHERE k.case_id = c.id AND k.org_id = ?))";
static const char SQL_EVENT[] =
    "INSERT INTO case_events (case_id, at, kind, actor_kind, actor_user_id,"
    " actor_org_id, public, note) SELECT case_id, FROM_UNIXTIME(?), ?,"
    " 'staff', ?, org_id, 0, purpose FROM reveal_requests WHERE id = ?";
static const char SQL_NOTIFY[] =
    "INSERT INTO notifications (case_id, channel, recipient_user_id,"
    " recipient_org_id, template, next_attempt_at, created_at, updated_at)"
    " SELECT r.case_id, 'portal', u.id, u.org_id, 'reveal_requested',"
    " FROM_UNIXTIME(?), FROM_UNIXTIME(?), FROM_UNIXTIME(?)"
    " FROM reveal_requests r JOIN users u ON u.active = 1"
    " AND FIND_IN_SET('monitor', u.roles) WHERE r.id = ?";
static const char SQL_DECIDE[] =
    "UPDATE reveal_requests SET state = ?, decided_by = ?,"
    " decided_at = FROM_UNIXTIME(?), expires_at = IF(? = 'approved',"
    " FROM_UNIXTIME(?) + INTERVAL ? DAY, NULL)"
    " WHERE id = ? AND state = 'pending'";
static const char SQL_AUDIT[] =
    "INSERT INTO audit_log (at, actor_user_id, actor, action, object_type,"
    " object_id, before_json, after_json, reason)"
    " SELECT FROM_UNIXTIME(?), ?, u.username, ?, 'case', r.case_id,"
    " '{\"state\":\"pending\"}', JSON_OBJECT('state', r.state, 'org',"
    " r.org_id, 'expires_at', r.expires_at), r.purpose"
    " FROM reveal_requests r JOIN users u ON u.id = ? WHERE r.id = ?";
static const char SQL_LIST[] =
    "SELECT r.id, o.code, o.name, r.purpose, r.state,"
    " UNIX_TIMESTAMP(r.created_at), UNIX_TIMESTAMP(r.expires_at)"
    " FROM reveal_requests r JOIN organisations o ON o.id = r.org_id"
    " WHERE r.case_id = ? AND (? = 0 OR r.org_id = ?) ORDER BY r.id";

int
store_reveal_request(struct db *db, int64_t case_id, int64_t user,
    int64_t org, const char *purpose, time_t now, int64_t *id)
{
	const struct db_param	p[] = { DB_I64(org), DB_I64(user),
	    DB_TEXT(purpose), DB_I64(now), DB_I64(case_id), DB_I64(org),
	    DB_I64(org) };

	if (db_begin(db) == -1)
		return -1;
	if (db_exec(db, SQL_ADD, p, NITEMS(p)) == -1)
		goto fail;
	if (db_affected(db) == 0) {
		db_rollback(db);
		return 1;
	}
	*id = (int64_t)db_insert_id(db);
	{
		const struct db_param e[] = { DB_I64(now),
		    DB_TEXT("reveal_requested"), DB_I64(user), DB_I64(*id) };
		const struct db_param n[] = { DB_I64(now), DB_I64(now),
		    DB_I64(now), DB_I64(*id) };

		if (db_exec(db, SQL_EVENT, e, NITEMS(e)) == -1 ||
		    db_exec(db, SQL_NOTIFY, n, NITEMS(n)) == -1)
			goto fail;
	}
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

int
store_reveal_decide(struct db *db, int64_t id, int64_t user, int approve,
    int days, time_t now)
{
	const char		*st = approve ? "approved" : "refused";
	const struct db_param	 p[] = { DB_TEXT(st), DB_I64(user), DB_I64(now),
	    DB_TEXT(st), DB_I64(now), DB_I64(days), DB_I64(id) };
	const struct db_param	 a[] = { DB_I64(now), DB_I64(user),
	    DB_TEXT(approve ? "reveal_approved" : "reveal_refused"),
	    DB_I64(user), DB_I64(id) };
	const struct db_param	 e[] = { DB_I64(now),
	    DB_TEXT(approve ? "reveal_approved" : "reveal_refused"),
	    DB_I64(user), DB_I64(id) };

	if (db_begin(db) == -1)
		return -1;
	if (db_exec(db, SQL_DECIDE, p, NITEMS(p)) == -1)
		goto fail;
	if (db_affected(db) == 0) {
		db_rollback(db);
		return 1;
	}
	if (db_exec(db, SQL_AUDIT, a, NITEMS(a)) == -1 ||
	    db_exec(db, SQL_EVENT, e, NITEMS(e)) == -1)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

json_t *
store_reveal_list(struct db *db, int64_t case_id, int64_t org, int decide)
{
	const struct db_param	 p[] = { DB_I64(case_id), DB_I64(org),
	    DB_I64(org) };
	struct db_res		*r = NULL;
	json_t			*arr = json_array(), *o;

	if (db_query(db, SQL_LIST, p, NITEMS(p), &r) == -1)
		return arr;
	while (db_res_next(r)) {
		o = json_pack("{s:I, s:{s:s, s:s}, s:s, s:s, s:I, s:b}",
		    "id", (json_int_t)db_res_i64(r, 0), "org", "code",
		    db_res_str(r, 1), "name", db_res_str(r, 2), "purpose",
		    db_res_str(r, 3), "state", db_res_str(r, 4), "created_at",
		    (json_int_t)db_res_i64(r, 5), "can_decide",
		    decide && db_res_str(r, 4)[0] == 'p');
		json_object_set_new(o, "expires_at", db_res_isnull(r, 6) ?
		    json_null() : json_integer(db_res_i64(r, 6)));
		json_array_append_new(arr, o);
	}
	db_res_free(r);
	return arr;
}
