/*
 * feed.c: SQL of the portal feed, the failed-notification list and its
 * requeue, and the delivery bookkeeping of phananh-jobd's e-mail, push and
 * portal jobs. See feed.h.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "store/feed.h"

static const char SQL_FEED[] =
    "SELECT id, case_id, template, UNIX_TIMESTAMP(created_at),"
    " UNIX_TIMESTAMP(read_at), payload_json, COUNT(*) OVER (),"
    " SUM(read_at IS NULL) OVER ()"
    " FROM notifications WHERE recipient_user_id = ? AND channel = 'portal'"
    " ORDER BY id DESC LIMIT ? OFFSET ?";
static const char SQL_UNREAD[] =
    "SELECT COUNT(*) FROM notifications WHERE recipient_user_id = ?"
    " AND channel = 'portal' AND read_at IS NULL";
static const char SQL_READ[] =
    "UPDATE notifications SET read_at = COALESCE(read_at, FROM_UNIXTIME(?)),"
    " updated_at = UTC_TIMESTAMP(3)"
    " WHERE id = ? AND recipient_user_id = ? AND channel = 'portal'";
static const char SQL_MINE[] =
    "SELECT COUNT(*) FROM notifications WHERE id = ?"
    " AND recipient_user_id = ? AND channel = 'portal'";
static const char SQL_FAILED[] =
    "SELECT n.id, n.case_id, n.channel, n.template, n.state, n.attempts,"
    " n.last_error, u.username, n.recipient_addr,"
    " UNIX_TIMESTAMP(n.updated_at), COUNT(*) OVER ()"
    " FROM notifications n LEFT JOIN users u ON u.id = n.recipient_user_id"
    " WHERE n.state IN ('failed','dead') AND (? = '' OR n.channel = ?)"
    " ORDER BY n.updated_at DESC, n.id DESC LIMIT ? OFFSET ?";
static const char SQL_LOCK_STATE[] =
    "SELECT state FROM notifications WHERE id = ? FOR UPDATE";
static const char SQL_REQUEUE[] =
    "UPDATE notifications SET state = 'queued', attempts = 0,"
    " next_attempt_at = UTC_TIMESTAMP(), claimed_by = NULL,"
    " external_id = NULL, updated_at = UTC_TIMESTAMP(3) WHERE id = ?";
static const char SQL_AUDIT[] =
    "INSERT INTO audit_log (at, actor_user_id, actor, action, object_type,"
    " object_id, before_json, after_json) VALUES (UTC_TIMESTAMP(3), ?, ?,"
    " 'notification_retry', 'notification', ?, ?, '{\"state\":\"queued\"}')";
static const char SQL_SETTLE[] =
    "UPDATE notifications SET state = 'sent', attempts = attempts + 1,"
    " updated_at = UTC_TIMESTAMP(3)"
    " WHERE channel = 'portal' AND state = 'queued' ORDER BY id LIMIT ?";
static const char SQL_SENT[] =
    "UPDATE notifications SET state = 'sent', attempts = attempts + 1,"
    " claimed_by = ?, external_id = ?, last_error = NULL,"
    " updated_at = UTC_TIMESTAMP(3) WHERE id = ?";
static const char SQL_CONTACT[] =
    "SELECT COALESCE(email, ''), display_name, username, active"
    " FROM users WHERE id = ?";
static const char SQL_REPORTER[] =
    "SELECT name FROM case_reporters WHERE case_id = ?";

static json_t	*feed_item(const struct db_res *);
static json_t	*opt_str(const struct db_res *, size_t);
static json_t	*opt_time(const struct db_res *, size_t);

int
store_feed_list(struct db *db, int64_t user_id, int page, int size,
    json_t **out)
{
	const struct db_param	 p[] = { DB_I64(user_id), DB_I64(size),
	    DB_I64((int64_t)(page - 1) * size) };
	const struct db_param	 u[] = { DB_I64(user_id) };
	struct db_res		*r = NULL;
	json_t			*items;
	int64_t			 total = 0, unread = 0;

	*out = NULL;
	if (db_query(db, SQL_FEED, p, NITEMS(p), &r) == -1)
		return -1;
	items = json_array();
	while (db_res_next(r)) {
		total = db_res_i64(r, 6);
		unread = db_res_i64(r, 7);
		json_array_append_new(items, feed_item(r));
	}
	db_res_free(r);
	/* a page past the end has no rows to carry the counts */
	if (json_array_size(items) == 0 && page > 1 &&
	    db_query_i64(db, SQL_UNREAD, u, NITEMS(u), &unread) == -1) {
		json_decref(items);
		return -1;
	}
	*out = json_pack("{s:o, s:I, s:I, s:i, s:i}", "items", items,
	    "total", (json_int_t)total, "unread", (json_int_t)unread,
	    "page", page, "page_size", size);
	return *out != NULL ? 0 : -1;
}

int
store_feed_read(struct db *db, int64_t id, int64_t user_id, time_t now)
{
	const struct db_param	p[] = { DB_I64(now), DB_I64(id),
	    DB_I64(user_id) };
	const struct db_param	m[] = { DB_I64(id), DB_I64(user_id) };
	int64_t			n = 0;

	if (db_query_i64(db, SQL_MINE, m, NITEMS(m), &n) == -1)
		return -1;
	if (n == 0)
		return 1;
	return db_exec(db, SQL_READ, p, NITEMS(p));
}

int
store_notify_failed(struct db *db, const char *channel, int page, int size,
    json_t **out)
{
	const struct db_param	 p[] = { DB_TEXT(channel), DB_TEXT(channel),
	    DB_I64(size), DB_I64((int64_t)(page - 1) * size) };
	struct db_res		*r = NULL;
	json_t			*items;
	json_int_t		 total = 0;

	*out = NULL;
	if (db_query(db, SQL_FAILED, p, NITEMS(p), &r) == -1)
		return -1;
	items = json_array();
	while (db_res_next(r)) {
		total = (json_int_t)db_res_i64(r, 10);
		json_array_append_new(items, json_pack("{s:I, s:o, s:s, s:s,"
		    " s:s, s:I, s:o, s:o, s:o, s:o}",
		    "id", (json_int_t)db_res_i64(r, 0),
		    "case_code", opt_str(r, 1), "channel", db_res_str(r, 2),
		    "template", db_res_str(r, 3), "state", db_res_str(r, 4),
		    "attempts", (json_int_t)db_res_i64(r, 5),
		    "last_error", opt_str(r, 6), "recipient", opt_str(r, 7),
		    "addr", opt_str(r, 8), "updated_at", opt_time(r, 9)));
	}
	db_res_free(r);
	*out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total",
	    total, "page", page, "page_size", size);
	return *out != NULL ? 0 : -1;
}

int
store_notify_requeue(struct db *db, int64_t id, int64_t actor_user_id,
    const char *actor, char *state, size_t statesz)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;
	char			 ids[24], before[64];
	int			 rc = -1;

	if (state != NULL && statesz > 0)
		state[0] = '\0';
	if (db_begin(db) == -1)
		return -1;
	if (db_query(db, SQL_LOCK_STATE, p, NITEMS(p), &r) == -1)
		goto out;
	if (!db_res_next(r)) {
		rc = 1;
		goto out;
	}
	if (state != NULL)
		snprintf(state, statesz, "%s", db_res_str(r, 0));
	snprintf(before, sizeof(before), "{\"state\":\"%s\"}",
	    db_res_str(r, 0));
	if (strcmp(db_res_str(r, 0), "failed") != 0 &&
	    strcmp(db_res_str(r, 0), "dead") != 0) {
		rc = 2;
		goto out;
	}
	snprintf(ids, sizeof(ids), "%lld", (long long)id);
	{
		const struct db_param	a[] = { DB_ID(actor_user_id),
		    DB_TEXT(actor), DB_TEXT(ids), DB_TEXT(before) };

		if (db_exec(db, SQL_REQUEUE, p, NITEMS(p)) == -1 ||
		    db_exec(db, SQL_AUDIT, a, NITEMS(a)) == -1 ||
		    db_commit(db) == -1)
			goto out;
	}
	rc = 0;
out:
	db_res_free(r);
	if (rc != 0)
		db_rollback(db);
	return rc;
}

int
store_portal_settle(struct db *db, int max, int *n)
{
	const struct db_param	p[] = { DB_I64(max) };

	*n = 0;
	if (db_exec(db, SQL_SETTLE, p, NITEMS(p)) == -1)
		return -1;
	*n = (int)db_affected(db);
	return 0;
}

int
store_notify_sent(struct db *db, int64_t id, const char *worker,
    const char *ext)
{
	const struct db_param	p[] = { DB_TEXT(worker), DB_TEXT(ext),
	    DB_I64(id) };

	return db_exec(db, SQL_SENT, p, NITEMS(p));
}

int
store_notify_contact(struct db *db, int64_t user_id,
    struct notify_contact *c)
{
	const struct db_param	 p[] = { DB_I64(user_id) };
	struct db_res		*r = NULL;
	int			 rc = 1;

	memset(c, 0, sizeof(*c));
	if (db_query(db, SQL_CONTACT, p, NITEMS(p), &r) == -1)
		return -1;
	if (db_res_next(r)) {
		snprintf(c->email, sizeof(c->email), "%s", db_res_str(r, 0));
		snprintf(c->name, sizeof(c->name), "%s", db_res_str(r, 1));
		snprintf(c->username, sizeof(c->username), "%s",
		    db_res_str(r, 2));
		c->active = db_res_i64(r, 3) != 0;
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int
store_notify_reporter_name(struct db *db, int64_t case_id, char *out,
    size_t outsz)
{
	const struct db_param	 p[] = { DB_I64(case_id) };
	struct db_res		*r = NULL;

	out[0] = '\0';
	if (db_query(db, SQL_REPORTER, p, NITEMS(p), &r) == -1)
		return -1;
	if (db_res_next(r))
		snprintf(out, outsz, "%s", db_res_str(r, 0));
	db_res_free(r);
	return 0;
}

static json_t *
feed_item(const struct db_res *r)
{
	json_t	*payload = NULL;

	if (!db_res_isnull(r, 5))
		payload = json_loads(db_res_str(r, 5), 0, NULL);
	return json_pack("{s:I, s:o, s:s, s:o, s:b, s:o, s:o}",
	    "id", (json_int_t)db_res_i64(r, 0), "case_code", opt_str(r, 1),
	    "template", db_res_str(r, 2), "created_at", opt_time(r, 3),
	    "read", !db_res_isnull(r, 4), "read_at", opt_time(r, 4),
	    "payload", payload != NULL ? payload : json_null());
}

static json_t *
opt_str(const struct db_res *r, size_t col)
{
	return db_res_isnull(r, col) ? json_null() :
	    json_string(db_res_str(r, col));
}

static json_t *
opt_time(const struct db_res *r, size_t col)
{
	return db_res_isnull(r, col) ? json_null() :
	    json_integer((json_int_t)db_res_i64(r, col));
}
