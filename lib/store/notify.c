/*
 * notify.c: SQL for the notifications outbox as the delivery daemons use
 * it, plus the officer and case reads of phananh-smsd. See notify.h.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "store/notify.h"

static const char SQL_DUE[] =
    "SELECT id FROM notifications WHERE channel = ? AND state = 'queued'"
    " AND next_attempt_at <= UTC_TIMESTAMP() ORDER BY next_attempt_at, id"
    " LIMIT ?";
/* Only the notification row is locked: no join, so no user row is. */
static const char SQL_CLAIM[] =
    "SELECT id, COALESCE(case_id, 0), COALESCE(event_id, 0),"
    " COALESCE(recipient_user_id, 0), COALESCE(recipient_addr, ''),"
    " template, lang, COALESCE(payload_json, ''), attempts"
    " FROM notifications WHERE id = ? AND state = 'queued'"
    " AND next_attempt_at <= UTC_TIMESTAMP() FOR UPDATE SKIP LOCKED";
static const char SQL_USER[] =
    "SELECT COALESCE(phone, ''), sms_plain, active FROM users WHERE id = ?";
static const char SQL_SENDING[] =
    "UPDATE notifications SET state = 'sending', claimed_by = ?,"
    " external_id = ?, attempts = attempts + 1, last_error = NULL,"
    " updated_at = UTC_TIMESTAMP(3) WHERE id = ?";
static const char SQL_RETRY[] =
    "UPDATE notifications SET state = IF(attempts + 1 >= ?, 'dead', 'queued'),"
    " attempts = attempts + 1, last_error = ?,"
    " next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND,"
    " updated_at = UTC_TIMESTAMP(3) WHERE id = ?";
static const char SQL_POSTPONE[] =
    "UPDATE notifications SET next_attempt_at = FROM_UNIXTIME(?),"
    " updated_at = UTC_TIMESTAMP(3) WHERE id = ? AND state = 'queued'";
static const char SQL_MOVE[] =
    "UPDATE notifications SET state = ?, last_error = COALESCE(?, last_error),"
    " updated_at = UTC_TIMESTAMP(3) WHERE id = ? AND state = ?";
static const char SQL_TRACK_SENDING[] =
    "SELECT id, external_id, state = 'sending' FROM notifications"
    " WHERE channel = 'sms' AND state = 'sending'"
    " AND external_id IS NOT NULL ORDER BY id LIMIT ?";
static const char SQL_TRACK_ALL[] =
    "SELECT id, external_id, state = 'sending' FROM notifications"
    " WHERE channel = 'sms' AND external_id IS NOT NULL"
    " AND (state = 'sending' OR (state = 'sent'"
    " AND updated_at > UTC_TIMESTAMP() - INTERVAL ? HOUR))"
    " ORDER BY id LIMIT ?";
static const char SQL_EMAIL_FALLBACK[] =
    "INSERT INTO notifications (case_id, event_id, channel,"
    " recipient_user_id, recipient_org_id, recipient_addr, template, lang,"
    " payload_json, state, attempts, next_attempt_at, created_at,"
    " updated_at)"
    " SELECT n.case_id, n.event_id, 'email', n.recipient_user_id,"
    " n.recipient_org_id, COALESCE(u.email, r.email), n.template, n.lang,"
    " n.payload_json, 'queued', 0, UTC_TIMESTAMP(), UTC_TIMESTAMP(3),"
    " UTC_TIMESTAMP(3) FROM notifications n"
    " LEFT JOIN users u ON u.id = n.recipient_user_id"
    " LEFT JOIN case_reporters r ON r.case_id = n.case_id"
    " AND n.recipient_user_id IS NULL"
    " WHERE n.id = ? AND COALESCE(u.email, r.email) IS NOT NULL";
static const char SQL_PHONE_FAILING[] =
    "UPDATE users u JOIN notifications n ON n.recipient_user_id = u.id"
    " SET u.phone_failing = ? WHERE n.id = ? AND u.phone_failing <> ?";
static const char SQL_ENQUEUE[] =
    "INSERT INTO notifications (case_id, event_id, channel,"
    " recipient_user_id, recipient_addr, template, lang, payload_json,"
    " state, attempts, next_attempt_at, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, UTC_TIMESTAMP(),"
    " UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))";
static const char SQL_EXISTS[] =
    "SELECT COUNT(*) FROM notifications WHERE event_id = ?"
    " AND recipient_user_id = ? AND template = ? AND channel = 'sms'";
static const char SQL_OFFICER[] =
    "SELECT u.id, u.org_id, u.roles, o.is_center,"
    " (SELECT COUNT(*) FROM users x WHERE x.phone = u.phone"
    " AND x.active = 1)"
    " FROM users u JOIN organisations o ON o.id = u.org_id"
    " WHERE u.phone = ? AND u.active = 1 ORDER BY u.id LIMIT 1";
static const char SQL_PENDING[] =
    "SELECT id FROM cases WHERE lead_org_id = ? AND state = 'distributed'"
    " ORDER BY id LIMIT ?";
static const char SQL_PENDING_COUNT[] =
    "SELECT COUNT(*) FROM cases WHERE lead_org_id = ?"
    " AND state = 'distributed'";
static const char SQL_CASE[] =
    "SELECT c.id, c.state, COALESCE(c.lead_org_id, 0),"
    " COALESCE(f.name_vi, ''), COALESCE(NULLIF(c.address, ''), a.name, ''),"
    " COALESCE(NULLIF(o.short_name, ''), o.name, ''),"
    " COALESCE((SELECT UNIX_TIMESTAMP(t.due_at) FROM case_timers t"
    " WHERE t.case_id = c.id AND t.kind = 'accept' AND t.status = 'running'"
    " AND t.due_at IS NOT NULL ORDER BY t.id DESC LIMIT 1), 0)"
    " FROM cases c LEFT JOIN fields f ON f.id = COALESCE(c.field_id,"
    " c.field_suggested_id)"
    " LEFT JOIN admin_units a ON a.id = c.admin_unit_id"
    " LEFT JOIN organisations o ON o.id = c.lead_org_id WHERE c.id = ?";
static const char SQL_LAST_EVENT[] =
    "SELECT id, COALESCE(actor_user_id, 0) FROM case_events"
    " WHERE case_id = ? AND kind = ? ORDER BY id DESC LIMIT 1";

static void	copy_col(char *, size_t, const struct db_res *, size_t);

int
store_notify_due(struct db *db, const char *channel, int64_t *ids,
    size_t max, size_t *n)
{
	const struct db_param	 p[] = { DB_TEXT(channel), DB_I64(max) };
	struct db_res		*r = NULL;

	*n = 0;
	if (db_query(db, SQL_DUE, p, NITEMS(p), &r) == -1)
		return -1;
	while (*n < max && db_res_next(r))
		ids[(*n)++] = db_res_i64(r, 0);
	db_res_free(r);
	return 0;
}

int
store_notify_claim(struct db *db, int64_t id, struct notify_item *it)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;
	int			 rc = 1;

	memset(it, 0, sizeof(*it));
	if (db_query(db, SQL_CLAIM, p, NITEMS(p), &r) == -1)
		return -1;
	if (db_res_next(r)) {
		it->id = db_res_i64(r, 0);
		it->case_id = db_res_i64(r, 1);
		it->event_id = db_res_i64(r, 2);
		it->user_id = db_res_i64(r, 3);
		copy_col(it->addr, sizeof(it->addr), r, 4);
		copy_col(it->tmpl, sizeof(it->tmpl), r, 5);
		copy_col(it->lang, sizeof(it->lang), r, 6);
		it->payload_cut = db_res_len(r, 7) >= sizeof(it->payload);
		if (!it->payload_cut)
			copy_col(it->payload, sizeof(it->payload), r, 7);
		it->attempts = (int)db_res_i64(r, 8);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int
store_notify_user(struct db *db, int64_t user_id, struct notify_user *u)
{
	const struct db_param	 p[] = { DB_I64(user_id) };
	struct db_res		*r = NULL;
	int			 rc = 1;

	memset(u, 0, sizeof(*u));
	if (db_query(db, SQL_USER, p, NITEMS(p), &r) == -1)
		return -1;
	if (db_res_next(r)) {
		copy_col(u->phone, sizeof(u->phone), r, 0);
		u->sms_plain = db_res_i64(r, 1) != 0;
		u->active = db_res_i64(r, 2) != 0;
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int
store_notify_sending(struct db *db, int64_t id, const char *worker,
    int64_t outbox_id)
{
	char	ext[24];

	snprintf(ext, sizeof(ext), "%lld", (long long)outbox_id);
	{
		const struct db_param	p[] = {
			DB_TEXT(worker), DB_TEXT(ext), DB_I64(id),
		};

		return db_exec(db, SQL_SENDING, p, NITEMS(p));
	}
}

int
store_notify_retry(struct db *db, int64_t id, int delay_s, int max_attempts,
    const char *err)
{
	/* state is assigned first, so attempts there is the old value. */
	const struct db_param	p[] = {
		DB_I64(max_attempts), DB_TEXT(err), DB_I64(delay_s),
		DB_I64(id),
	};

	return db_exec(db, SQL_RETRY, p, NITEMS(p));
}

int
store_notify_postpone(struct db *db, int64_t id, time_t until)
{
	const struct db_param	p[] = { DB_I64(until), DB_I64(id) };

	return db_exec(db, SQL_POSTPONE, p, NITEMS(p));
}

int
store_notify_move(struct db *db, int64_t id, const char *from,
    const char *to, const char *err, int *changed)
{
	const struct db_param	p[] = {
		DB_TEXT(to), DB_TEXT(err), DB_I64(id), DB_TEXT(from),
	};

	*changed = 0;
	if (db_exec(db, SQL_MOVE, p, NITEMS(p)) == -1)
		return -1;
	*changed = db_affected(db) > 0;
	return 0;
}

int
store_notify_tracked(struct db *db, int with_sent, int track_hours,
    struct notify_track *rows, size_t max, size_t *n)
{
	const struct db_param	 ps[] = { DB_I64(max) };
	const struct db_param	 pa[] = { DB_I64(track_hours), DB_I64(max) };
	struct db_res		*r = NULL;
	int			 rc;

	*n = 0;
	if (with_sent)
		rc = db_query(db, SQL_TRACK_ALL, pa, NITEMS(pa), &r);
	else
		rc = db_query(db, SQL_TRACK_SENDING, ps, NITEMS(ps), &r);
	if (rc == -1)
		return -1;
	while (*n < max && db_res_next(r)) {
		rows[*n].id = db_res_i64(r, 0);
		rows[*n].outbox_id = db_res_i64(r, 1);
		rows[*n].sending = db_res_i64(r, 2) != 0;
		if (rows[*n].outbox_id > 0)
			(*n)++;
	}
	db_res_free(r);
	return 0;
}

int
store_notify_email_fallback(struct db *db, int64_t id)
{
	const struct db_param	p[] = { DB_I64(id) };
	const struct db_param	f[] = { DB_I64(1), DB_I64(id), DB_I64(1) };

	if (db_exec(db, SQL_EMAIL_FALLBACK, p, NITEMS(p)) == -1)
		return -1;
	return db_exec(db, SQL_PHONE_FAILING, f, NITEMS(f));
}

int
store_notify_phone_ok(struct db *db, int64_t id)
{
	const struct db_param	p[] = { DB_I64(0), DB_I64(id), DB_I64(0) };

	return db_exec(db, SQL_PHONE_FAILING, p, NITEMS(p));
}

int
store_notify_enqueue(struct db *db, const struct notify_new *nn, int64_t *id)
{
	const struct db_param	p[] = {
		DB_ID(nn->case_id), DB_ID(nn->event_id), DB_TEXT(nn->channel),
		DB_ID(nn->user_id), DB_TEXT(nn->addr), DB_TEXT(nn->tmpl),
		DB_TEXT(nn->lang != NULL ? nn->lang : "vi"),
		DB_TEXT(nn->payload),
	};

	if (db_exec(db, SQL_ENQUEUE, p, NITEMS(p)) == -1)
		return -1;
	if (id != NULL)
		*id = (int64_t)db_insert_id(db);
	return 0;
}

int
store_notify_exists(struct db *db, int64_t event_id, int64_t user_id,
    const char *tmpl)
{
	const struct db_param	p[] = {
		DB_I64(event_id), DB_I64(user_id), DB_TEXT(tmpl),
	};
	int64_t			n = 0;

	if (db_query_i64(db, SQL_EXISTS, p, NITEMS(p), &n) == -1)
		return -1;
	return n > 0;
}

int
store_notify_officer(struct db *db, const char *e164,
    struct notify_officer *o)
{
	const struct db_param	 p[] = { DB_TEXT(e164) };
	struct db_res		*r = NULL;
	int			 rc = 1;

	memset(o, 0, sizeof(*o));
	if (db_query(db, SQL_OFFICER, p, NITEMS(p), &r) == -1)
		return -1;
	if (db_res_next(r)) {
		o->user_id = db_res_i64(r, 0);
		o->org_id = db_res_i64(r, 1);
		copy_col(o->roles, sizeof(o->roles), r, 2);
		o->is_center = db_res_i64(r, 3) != 0;
		o->matches = (int)db_res_i64(r, 4);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int
store_notify_pending(struct db *db, int64_t org_id, int64_t *ids,
    size_t max, size_t *n, size_t *total)
{
	const struct db_param	 p[] = { DB_I64(org_id), DB_I64(max) };
	const struct db_param	 pc[] = { DB_I64(org_id) };
	struct db_res		*r = NULL;
	int64_t			 count = 0;

	*n = 0;
	*total = 0;
	if (db_query_i64(db, SQL_PENDING_COUNT, pc, NITEMS(pc), &count) == -1)
		return -1;
	if (db_query(db, SQL_PENDING, p, NITEMS(p), &r) == -1)
		return -1;
	while (*n < max && db_res_next(r))
		ids[(*n)++] = db_res_i64(r, 0);
	db_res_free(r);
	*total = count > (int64_t)*n ? (size_t)count : *n;
	return 0;
}

int
store_notify_case(struct db *db, int64_t id, struct notify_case *c)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;
	int			 rc = 1;

	memset(c, 0, sizeof(*c));
	if (db_query(db, SQL_CASE, p, NITEMS(p), &r) == -1)
		return -1;
	if (db_res_next(r)) {
		c->id = db_res_i64(r, 0);
		copy_col(c->state, sizeof(c->state), r, 1);
		c->lead_org_id = db_res_i64(r, 2);
		copy_col(c->field, sizeof(c->field), r, 3);
		copy_col(c->place, sizeof(c->place), r, 4);
		copy_col(c->agency, sizeof(c->agency), r, 5);
		c->accept_due = (time_t)db_res_i64(r, 6);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int
store_notify_last_event(struct db *db, int64_t case_id, const char *kind,
    int64_t *event_id, int64_t *actor_user_id)
{
	const struct db_param	 p[] = { DB_I64(case_id), DB_TEXT(kind) };
	struct db_res		*r = NULL;
	int			 rc = 1;

	*event_id = 0;
	*actor_user_id = 0;
	if (db_query(db, SQL_LAST_EVENT, p, NITEMS(p), &r) == -1)
		return -1;
	if (db_res_next(r)) {
		*event_id = db_res_i64(r, 0);
		*actor_user_id = db_res_i64(r, 1);
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

/* Copies a column, cut to fit (callers size their buffers for the
 * column's declared length, so nothing is cut in practice). */
static void
copy_col(char *dst, size_t sz, const struct db_res *r, size_t col)
{
	snprintf(dst, sz, "%s", db_res_str(r, col));
}
