/*
 * webhooks.c: SQL of the webhook registrations and the delivery queue.
 * Registration calls come from fcgi/handlers/sync_hooks.c, the scan, claim
 * and result calls from jobd/webhooks.c (see webhooks.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "store/sync.h"
#include "store/webhooks.h"

static const char SQL_COUNT_ACTIVE[] =
    "SELECT COUNT(*) FROM webhooks WHERE org_id = ? AND active = 1";
static const char SQL_CREATE[] =
    "INSERT INTO webhooks (org_id, url, secret, active, last_event_id,"
    " created_at) SELECT ?, ?, ?, 1, COALESCE(MAX(id), 0),"
    " FROM_UNIXTIME(?) FROM case_events";
static const char SQL_LIST[] =
    "SELECT w.id, w.url, UNIX_TIMESTAMP(w.created_at), w.last_event_id,"
    " (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id"
    "  AND d.state = 'dead') FROM webhooks w"
    " WHERE w.org_id = ? AND w.active = 1 ORDER BY w.id";
static const char SQL_DELETE[] =
    "UPDATE webhooks SET active = 0 WHERE id = ? AND org_id = ? AND active = 1";
static const char SQL_KILL_QUEUED[] =
    "UPDATE webhook_deliveries SET state = 'dead',"
    " last_error = 'webhook deleted', updated_at = FROM_UNIXTIME(?)"
    " WHERE webhook_id = ? AND state IN ('queued', 'failed')";
static const char SQL_OWNED[] =
    "SELECT id FROM webhooks WHERE id = ? AND org_id = ? AND active = 1";
static const char SQL_DELIVERIES[] =
    "SELECT id, event_id, state, attempts, UNIX_TIMESTAMP(next_attempt_at),"
    " last_status, last_error, UNIX_TIMESTAMP(updated_at)"
    " FROM webhook_deliveries WHERE webhook_id = ?"
    " AND (? IS NULL OR state = ?) ORDER BY id DESC LIMIT ?";
static const char SQL_DELIVERY_STATE[] =
    "SELECT state FROM webhook_deliveries WHERE id = ? AND webhook_id = ?";
static const char SQL_REDELIVER[] =
    "UPDATE webhook_deliveries SET state = 'queued', attempts = 0,"
    " next_attempt_at = FROM_UNIXTIME(?), last_error = NULL,"
    " updated_at = FROM_UNIXTIME(?)"
    " WHERE id = ? AND webhook_id = ? AND state <> 'sending'";
static const char SQL_HOOKS_ACTIVE[] =
    "SELECT id, org_id, last_event_id FROM webhooks WHERE active = 1"
    " ORDER BY id";
static const char SQL_QUEUE[] =
    "INSERT IGNORE INTO webhook_deliveries (webhook_id, event_id, state,"
    " attempts, next_attempt_at, created_at, updated_at)"
    " VALUES (?, ?, 'queued', 0, FROM_UNIXTIME(?), FROM_UNIXTIME(?),"
    " FROM_UNIXTIME(?))";
static const char SQL_ADVANCE[] =
    "UPDATE webhooks SET last_event_id = ? WHERE id = ? AND last_event_id = ?"
    " AND active = 1";
static const char SQL_DUE[] =
    "SELECT id FROM webhook_deliveries"
    " WHERE state IN ('queued', 'failed', 'sending')"
    " AND next_attempt_at <= FROM_UNIXTIME(?)"
    " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED";
static const char SQL_TAKE[] =
    "UPDATE webhook_deliveries SET state = 'sending',"
    " attempts = attempts + 1, next_attempt_at = FROM_UNIXTIME(?),"
    " updated_at = FROM_UNIXTIME(?) WHERE id = ?";
static const char SQL_JOB[] =
    "SELECT d.attempts, d.event_id, w.url, w.secret"
    " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
    " WHERE d.id = ?";
static const char SQL_RESULT[] =
    "UPDATE webhook_deliveries SET state = ?, next_attempt_at ="
    " FROM_UNIXTIME(?), last_status = ?, last_error = ?,"
    " updated_at = FROM_UNIXTIME(?) WHERE id = ? AND state = 'sending'";

static int	scan_one(struct db *, int64_t, int64_t, int64_t, time_t, int,
		    int *);
static int	job_fill(struct db *, struct wh_job *);
static int	owned(struct db *, int64_t, int64_t);

int
store_webhook_create(struct db *db, int64_t org, const char *url, time_t now,
    int64_t *id, char secret[CRYPTO_TOKEN_LEN])
{
	const struct db_param	c[] = { DB_I64(org) };
	int64_t			n = 0;

	if (db_query_i64(db, SQL_COUNT_ACTIVE, c, NITEMS(c), &n) == -1)
		return -1;
	if (n >= WEBHOOKS_PER_ORG)
		return 1;
	crypto_token(secret);
	{
		const struct db_param p[] = { DB_I64(org), DB_TEXT(url),
		    DB_TEXT(secret), DB_I64(now) };

		if (db_exec(db, SQL_CREATE, p, NITEMS(p)) == -1)
			return -1;
	}
	*id = (int64_t)db_insert_id(db);
	return 0;
}

int
store_webhook_list(struct db *db, int64_t org, json_t **out)
{
	const struct db_param	 p[] = { DB_I64(org) };
	struct db_res		*r = NULL;

	*out = NULL;
	if (db_query(db, SQL_LIST, p, NITEMS(p), &r) == -1)
		return -1;
	*out = json_array();
	while (db_res_next(r))
		json_array_append_new(*out, json_pack("{s:o, s:s, s:I, s:I, s:I}",
		    "id", json_sprintf("%lld", (long long)db_res_i64(r, 0)),
		    "url", db_res_str(r, 1),
		    "created_at", (json_int_t)db_res_i64(r, 2),
		    "last_event_id", (json_int_t)db_res_i64(r, 3),
		    "dead_deliveries", (json_int_t)db_res_i64(r, 4)));
	db_res_free(r);
	return 0;
}

int
store_webhook_delete(struct db *db, int64_t org, int64_t id, time_t now)
{
	const struct db_param	p[] = { DB_I64(id), DB_I64(org) };
	const struct db_param	k[] = { DB_I64(now), DB_I64(id) };
	int			rc = -1;

	if (db_begin(db) == -1 || db_exec(db, SQL_DELETE, p, NITEMS(p)) == -1)
		goto out;
	rc = 1;
	if (db_affected(db) != 1)
		goto out;
	rc = -1;
	if (db_exec(db, SQL_KILL_QUEUED, k, NITEMS(k)) == -1 ||
	    db_commit(db) == -1)
		goto out;
	rc = 0;
out:
	db_rollback(db);
	return rc;
}

int
store_webhook_deliveries(struct db *db, int64_t org, int64_t hook,
    const char *state, int limit, json_t **out)
{
	const struct db_param	 p[] = { DB_I64(hook), DB_TEXT(state),
	    DB_TEXT(state), DB_I64(limit) };
	struct db_res		*r = NULL;
	json_t			*d;
	int			 rc;

	*out = NULL;
	if ((rc = owned(db, hook, org)) != 0)
		return rc;
	if (db_query(db, SQL_DELIVERIES, p, NITEMS(p), &r) == -1)
		return -1;
	*out = json_array();
	while (db_res_next(r)) {
		d = json_pack("{s:o, s:I, s:s, s:I, s:I, s:I}", "id",
		    json_sprintf("%lld", (long long)db_res_i64(r, 0)),
		    "event_id", (json_int_t)db_res_i64(r, 1),
		    "state", db_res_str(r, 2),
		    "attempts", (json_int_t)db_res_i64(r, 3),
		    "next_attempt_at", (json_int_t)db_res_i64(r, 4),
		    "updated_at", (json_int_t)db_res_i64(r, 7));
		json_object_set_new(d, "last_status", db_res_isnull(r, 5) ?
		    json_null() : json_integer(db_res_i64(r, 5)));
		json_object_set_new(d, "last_error", db_res_isnull(r, 6) ?
		    json_null() : json_string(db_res_str(r, 6)));
		json_array_append_new(*out, d);
	}
	db_res_free(r);
	return 0;
}

int
store_webhook_redeliver(struct db *db, int64_t org, int64_t hook,
    int64_t delivery, time_t now)
{
	const struct db_param	 s[] = { DB_I64(delivery), DB_I64(hook) };
	const struct db_param	 u[] = { DB_I64(now), DB_I64(now),
	    DB_I64(delivery), DB_I64(hook) };
	struct db_res		*r = NULL;
	int			 rc;

	if ((rc = owned(db, hook, org)) != 0)
		return rc;
	rc = -1;
	if (db_query(db, SQL_DELIVERY_STATE, s, NITEMS(s), &r) == -1)
		goto out;
	rc = 1;
	if (!db_res_next(r))
		goto out;
	rc = 2;
	if (strcmp(db_res_str(r, 0), "sending") == 0)
		goto out;
	rc = db_exec(db, SQL_REDELIVER, u, NITEMS(u));
out:
	db_res_free(r);
	return rc;
}

int
store_webhook_scan(struct db *db, time_t now, int batch, int *queued)
{
	struct db_res	*r = NULL;
	int		 rc = -1;

	*queued = 0;
	if (db_query(db, SQL_HOOKS_ACTIVE, NULL, 0, &r) == -1)
		goto out;
	rc = 0;
	while (db_res_next(r))
		if (scan_one(db, db_res_i64(r, 0), db_res_i64(r, 1),
		    db_res_i64(r, 2), now, batch, queued) == -1)
			rc = -1;
out:
	db_res_free(r);
	return rc;
}

int
store_webhook_claim(struct db *db, time_t now, int lease_s,
    struct wh_job *jobs, size_t max, size_t *n)
{
	const struct db_param	 p[] = { DB_I64(now), DB_I64(max) };
	struct db_res		*r = NULL;
	int			 rc = -1;

	*n = 0;
	if (db_begin(db) == -1 || db_query(db, SQL_DUE, p, NITEMS(p), &r) == -1)
		goto out;
	while (db_res_next(r) && *n < max) {
		const struct db_param t[] = { DB_I64(now + lease_s), DB_I64(now),
		    DB_I64(db_res_i64(r, 0)) };

		if (db_exec(db, SQL_TAKE, t, NITEMS(t)) == -1)
			goto out;
		jobs[*n].id = db_res_i64(r, 0);
		if (job_fill(db, &jobs[*n]) == -1)
			goto out;
		(*n)++;
	}
	if (db_commit(db) == -1)
		goto out;
	rc = 0;
out:
	db_rollback(db);
	db_res_free(r);
	if (rc == -1)
		*n = 0;
	return rc;
}

int
store_webhook_payload(struct db *db, int64_t event_id, char **body)
{
	json_t	*ev = NULL, *o = NULL;
	int	 rc;

	*body = NULL;
	rc = store_sync_event(db, event_id, &ev);
	if (rc != 0)
		return rc;
	o = json_pack("{s:I, s:O, s:O, s:O, s:O}", "id", (json_int_t)event_id,
	    "type", json_object_get(ev, "kind"), "case",
	    json_object_get(ev, "case"), "at", json_object_get(ev, "at"),
	    "data", ev);
	if (o != NULL)
		*body = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	json_decref(ev);
	return *body != NULL ? 0 : -1;
}

int
store_webhook_result(struct db *db, int64_t delivery, int ok, int dead,
    long status, const char *err, time_t now, time_t retry_at)
{
	const char		*st = ok ? "delivered" : dead ? "dead" : "failed";
	const struct db_param	 p[] = { DB_TEXT(st),
	    DB_I64(ok || dead ? now : retry_at), DB_ID(status), DB_TEXT(err),
	    DB_I64(now), DB_I64(delivery) };

	return db_exec(db, SQL_RESULT, p, NITEMS(p));
}

/* New events of one webhook into deliveries, cursor moved atomically. */
static int
scan_one(struct db *db, int64_t hook, int64_t org, int64_t cursor,
    time_t now, int batch, int *queued)
{
	json_t	*evs = NULL, *e;
	int64_t	 next;
	size_t	 i;
	int	 more, rc = -1, st;

	st = store_sync_feed(db, org, cursor, batch, &evs, &next, &more);
	if (st != 0 || next == cursor) {
		rc = st == -1 ? -1 : 0;
		goto out;
	}
	if (db_begin(db) == -1)
		goto out;
	json_array_foreach(evs, i, e) {
		const struct db_param p[] = { DB_I64(hook), DB_I64(
		    json_integer_value(json_object_get(e, "id"))), DB_I64(now),
		    DB_I64(now), DB_I64(now) };

		if (db_exec(db, SQL_QUEUE, p, NITEMS(p)) == -1)
			goto out;
	}
	{
		const struct db_param p[] = { DB_I64(next), DB_I64(hook),
		    DB_I64(cursor) };

		if (db_exec(db, SQL_ADVANCE, p, NITEMS(p)) == -1)
			goto out;
		if (db_affected(db) != 1) {	/* another daemon was faster */
			rc = 0;
			goto out;
		}
	}
	if (db_commit(db) == -1)
		goto out;
	*queued += (int)json_array_size(evs);
	rc = 0;
out:
	db_rollback(db);
	json_decref(evs);
	return rc;
}

static int
job_fill(struct db *db, struct wh_job *j)
{
	const struct db_param	 p[] = { DB_I64(j->id) };
	struct db_res		*r = NULL;
	int			 rc = -1;

	if (db_query(db, SQL_JOB, p, NITEMS(p), &r) == -1 || !db_res_next(r))
		goto out;
	j->attempts = (int)db_res_i64(r, 0);
	j->event_id = db_res_i64(r, 1);
	snprintf(j->url, sizeof(j->url), "%s", db_res_str(r, 2));
	snprintf(j->secret, sizeof(j->secret), "%s", db_res_str(r, 3));
	rc = 0;
out:
	db_res_free(r);
	return rc;
}

/* 0 when hook is an active webhook of org, 1 if not, -1. */
static int
owned(struct db *db, int64_t hook, int64_t org)
{
	const struct db_param	p[] = { DB_I64(hook), DB_I64(org) };
	int64_t			id;

	return db_query_i64(db, SQL_OWNED, p, NITEMS(p), &id);
}
