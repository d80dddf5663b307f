/*
 * intake.c: SQL of e-mail and Facebook intake (see intake.h): inbound
 * message records, threading, reporter messages, fb_events.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "store/intake.h"

static const char SQL_MAIL_SEEN[] =
    "SELECT COALESCE(case_id, 0) FROM mail_messages WHERE message_id = ?"
    " UNION ALL SELECT id FROM cases WHERE channel = 'email'"
    " AND channel_ref = ? LIMIT 1";
static const char SQL_MAIL_RECORD[] =
    "INSERT IGNORE INTO mail_messages (message_id, case_id, outcome,"
    " from_addr, received_at, created_at)"
    " VALUES (?, ?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?))";
static const char SQL_THREAD[] =
    "SELECT id FROM cases WHERE channel = 'email' AND channel_ref = ?"
    " UNION ALL SELECT case_id FROM mail_messages WHERE message_id = ?"
    "  AND case_id IS NOT NULL"
    " UNION ALL SELECT case_id FROM notifications WHERE channel = 'email'"
    "  AND external_id IN (?, CONCAT('<', ?, '>')) AND case_id IS NOT NULL"
    " LIMIT 1";
static const char SQL_CASE[] =
    "SELECT c.state, c.channel, COALESCE(r.email, ''),"
    " COALESCE(r.channel_user, '') FROM cases c"
    " LEFT JOIN case_reporters r ON r.case_id = c.id WHERE c.id = ?";
static const char SQL_BY_REF[] =
    "SELECT id FROM cases WHERE channel = ? AND channel_ref = ?";
static const char SQL_FB_OPEN[] =
    "SELECT c.id FROM cases c JOIN case_reporters r ON r.case_id = c.id"
    " WHERE c.channel = 'facebook' AND r.channel_user = ?"
    " AND c.state NOT IN ('closed','not_accepted','merged','withdrawn',"
    "  'secret_offline') ORDER BY c.id DESC LIMIT 1";
static const char SQL_NOTE[] =
    "INSERT INTO case_events (case_id, at, kind, actor_kind, public, note)"
    " SELECT id, FROM_UNIXTIME(?), 'reporter_message', 'reporter', 0, ?"
    " FROM cases WHERE id = ?";
static const char SQL_ACK_PAYLOAD[] =
    /* an e-mail reporter replies to this message: it carries the subject
     * tag and the private tracking link (data/templates/email/ack_intake) */
    "UPDATE notifications SET payload_json = ?,"
    " template = IF(channel = 'email', 'ack_intake', template) WHERE case_id = ?"
    " AND template = 'ack' AND channel IN ('email','facebook')"
    " AND state = 'queued'";
static const char SQL_FB_ADD[] =
    "INSERT IGNORE INTO fb_events (mid, psid, payload, received_at,"
    " created_at) VALUES (?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?))";
static const char SQL_FB_NEXT[] =
    "SELECT mid FROM fb_events WHERE processed = 0"
    " OR (processed = 1 AND claimed_at < FROM_UNIXTIME(?))"
    " ORDER BY received_at, mid LIMIT 1 FOR UPDATE SKIP LOCKED";
static const char SQL_FB_CLAIM[] =
    "UPDATE fb_events SET processed = 1, claimed_at = FROM_UNIXTIME(?)"
    " WHERE mid = ?";
static const char SQL_FB_GET[] =
    "SELECT psid, payload, UNIX_TIMESTAMP(received_at) FROM fb_events"
    " WHERE mid = ?";
static const char SQL_FB_DONE[] =
    "UPDATE fb_events SET processed = 2, case_id = ?, outcome = ?"
    " WHERE mid = ?";

static int	fb_read(struct db *, const char *, struct fb_event *);

int
store_intake_mail_seen(struct db *db, const char *mid, int64_t *case_id)
{
	const struct db_param	p[] = { DB_TEXT(mid), DB_TEXT(mid) };

	*case_id = 0;
	return db_query_i64(db, SQL_MAIL_SEEN, p, NITEMS(p), case_id);
}

int
store_intake_mail_record(struct db *db, const char *mid, int64_t case_id,
    const char *outcome, const char *from, time_t received_at, time_t now)
{
	const struct db_param	p[] = { DB_TEXT(mid), DB_ID(case_id),
	    DB_TEXT(outcome), DB_TEXT(from), DB_I64(received_at),
	    DB_I64(now) };

	return db_exec(db, SQL_MAIL_RECORD, p, NITEMS(p));
}

int
store_intake_thread(struct db *db, const char *const *ids, size_t n,
    int64_t *case_id)
{
	size_t	i;
	int	rc;

	for (i = 0; i < n; i++) {
		const struct db_param	p[] = { DB_TEXT(ids[i]),
		    DB_TEXT(ids[i]), DB_TEXT(ids[i]), DB_TEXT(ids[i]) };

		rc = db_query_i64(db, SQL_THREAD, p, NITEMS(p), case_id);
		if (rc != 1)
			return rc;
	}
	return 1;
}

int
store_intake_case(struct db *db, int64_t id, struct intake_case *c)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;
	int			 rc = 1;

	memset(c, 0, sizeof(*c));
	if (db_query(db, SQL_CASE, p, NITEMS(p), &r) == -1)
		return -1;
	if (db_res_next(r)) {
		c->id = id;
		snprintf(c->state, sizeof(c->state), "%s", db_res_str(r, 0));
		snprintf(c->channel, sizeof(c->channel), "%s",
		    db_res_str(r, 1));
		snprintf(c->email, sizeof(c->email), "%s", db_res_str(r, 2));
		snprintf(c->channel_user, sizeof(c->channel_user), "%s",
		    db_res_str(r, 3));
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int
store_intake_case_by_ref(struct db *db, const char *channel,
    const char *ref, int64_t *id)
{
	const struct db_param	p[] = { DB_TEXT(channel), DB_TEXT(ref) };

	return db_query_i64(db, SQL_BY_REF, p, NITEMS(p), id);
}

int
store_intake_fb_open_case(struct db *db, const char *psid, int64_t *id)
{
	const struct db_param	p[] = { DB_TEXT(psid) };

	return db_query_i64(db, SQL_FB_OPEN, p, NITEMS(p), id);
}

int
store_intake_note(struct db *db, int64_t id, const char *text, time_t now)
{
	const struct db_param	p[] = { DB_I64(now), DB_TEXT(text),
	    DB_I64(id) };

	return db_exec(db, SQL_NOTE, p, NITEMS(p));
}

int
store_intake_ack_payload(struct db *db, int64_t id, const char *json)
{
	const struct db_param	p[] = { DB_TEXT(json), DB_I64(id) };

	return db_exec(db, SQL_ACK_PAYLOAD, p, NITEMS(p));
}

int
store_fb_event_add(struct db *db, const struct fb_event *ev, time_t now,
    int *added)
{
	const struct db_param	p[] = { DB_TEXT(ev->mid), DB_TEXT(ev->psid),
	    DB_TEXT(ev->payload), DB_I64(ev->received_at), DB_I64(now) };

	*added = 0;
	if (db_exec(db, SQL_FB_ADD, p, NITEMS(p)) == -1)
		return -1;
	*added = db_affected(db) == 1;
	return 0;
}

int
store_fb_event_claim(struct db *db, time_t now, int stale_s,
    struct fb_event *ev)
{
	const struct db_param	 p[] = { DB_I64(now - stale_s) };
	struct db_res		*r = NULL;
	int			 rc = -1;

	memset(ev, 0, sizeof(*ev));
	if (db_begin(db) == -1)
		return -1;
	if (db_query(db, SQL_FB_NEXT, p, NITEMS(p), &r) == -1)
		goto out;
	if (!db_res_next(r)) {
		rc = 1;
		goto out;
	}
	snprintf(ev->mid, sizeof(ev->mid), "%s", db_res_str(r, 0));
	{
		const struct db_param	q[] = { DB_I64(now), DB_TEXT(ev->mid) };

		if (db_exec(db, SQL_FB_CLAIM, q, NITEMS(q)) == -1 ||
		    fb_read(db, ev->mid, ev) == -1 || db_commit(db) == -1)
			goto out;
	}
	rc = 0;
out:
	db_res_free(r);
	if (rc != 0) {
		db_rollback(db);
		free(ev->payload);
		ev->payload = NULL;
	}
	return rc;
}

int
store_fb_event_done(struct db *db, const char *mid, int64_t case_id,
    const char *outcome)
{
	const struct db_param	p[] = { DB_ID(case_id), DB_TEXT(outcome),
	    DB_TEXT(mid) };

	return db_exec(db, SQL_FB_DONE, p, NITEMS(p));
}

static int
fb_read(struct db *db, const char *mid, struct fb_event *ev)
{
	const struct db_param	 p[] = { DB_TEXT(mid) };
	struct db_res		*r = NULL;
	int			 rc = -1;

	if (db_query(db, SQL_FB_GET, p, NITEMS(p), &r) == -1)
		return -1;
	if (db_res_next(r)) {
		snprintf(ev->psid, sizeof(ev->psid), "%s", db_res_str(r, 0));
		ev->payload = strdup(db_res_str(r, 1));
		ev->received_at = (time_t)db_res_i64(r, 2);
		rc = ev->payload != NULL ? 0 : -1;
	}
	db_res_free(r);
	return rc;
}
