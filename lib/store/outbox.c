/*
 * outbox.c: who is told what, on which channel, for each WF_N_* bit.
 * Each statement is INSERT … SELECT so recipients come from current data.
 */
#include "db.h"
#include "store/outbox.h"
#include "workflow.h"

#define COLS " (case_id, event_id, channel, recipient_user_id,"		\
	" recipient_org_id, recipient_addr, template, lang, payload_json,"	\
	" next_attempt_at, created_at, updated_at)"
#define TAIL ", FROM_UNIXTIME(?), FROM_UNIXTIME(?), FROM_UNIXTIME(?)"

/* Reporter: SMS to the phone, e-mail, Facebook message back (B23). */
static const char SQL_REPORTER[] =
    "INSERT INTO notifications" COLS
    " SELECT r.case_id, ?, x.ch, NULL, NULL,"
    "  CASE x.ch WHEN 'sms' THEN r.phone WHEN 'email' THEN r.email"
    "  ELSE r.channel_user END, ?, r.lang, NULL" TAIL
    " FROM case_reporters r JOIN cases c ON c.id = r.case_id"
    " JOIN (SELECT 'sms' AS ch UNION ALL SELECT 'email'"
    "  UNION ALL SELECT 'facebook') x"
    " WHERE r.case_id = ? AND ((x.ch = 'sms' AND r.phone IS NOT NULL)"
    "  OR (x.ch = 'email' AND r.email IS NOT NULL)"
    "  OR (x.ch = 'facebook' AND c.channel = 'facebook'"
    "   AND r.channel_user IS NOT NULL))";
/* Staff of an organisation holding a role: portal, e-mail, SMS, push. */
static const char SQL_STAFF[] =
    "INSERT INTO notifications" COLS
    " SELECT ?, ?, x.ch, u.id, u.org_id,"
    "  CASE x.ch WHEN 'sms' THEN u.phone WHEN 'email' THEN u.email"
    "  ELSE NULL END, ?, 'vi', NULL" TAIL
    " FROM users u JOIN (SELECT 'portal' AS ch UNION ALL SELECT 'email'"
    "  UNION ALL SELECT 'sms' UNION ALL SELECT 'push') x"
    " WHERE u.active = 1 AND u.org_id = ?"
    "  AND (FIND_IN_SET(?, u.roles) OR u.id = ?)"
    "  AND FIND_IN_SET(x.ch, ?)"
    "  AND (x.ch <> 'sms' OR u.phone IS NOT NULL)"
    "  AND (x.ch <> 'email' OR u.email IS NOT NULL)";

static int	staff(struct db *, const struct outbox_ctx *, int64_t,
		    const char *, int64_t, const char *);

int
store_outbox_enqueue(struct db *db, const struct outbox_ctx *o, unsigned m)
{
	const struct db_param rp[] = { DB_ID(o->event_id), DB_TEXT(o->template),
	    DB_I64(o->now), DB_I64(o->now), DB_I64(o->now), DB_I64(o->case_id) };

	if ((m & WF_N_REPORTER) && db_exec(db, SQL_REPORTER, rp,
	    NITEMS(rp)) == -1)
		return -1;
	/* The agency alert goes out on all four channels (REG 7.1.a). */
	if ((m & WF_N_AGENCY) && o->lead_org && staff(db, o, o->lead_org,
	    "officer", 0, "portal,email,sms,push") == -1)
		return -1;
	if ((m & WF_N_ASSIGNEE) && o->assignee && staff(db, o, o->lead_org,
	    "-", o->assignee, "portal,email,push") == -1)
		return -1;
	if ((m & WF_N_LEADER) && o->lead_org && staff(db, o, o->lead_org,
	    "leader", 0, "portal,email,push") == -1)
		return -1;
	if ((m & WF_N_RECEPTION) && staff(db, o, o->center_org, "reception",
	    0, "portal") == -1)
		return -1;
	if ((m & WF_N_PUBLISHER) && staff(db, o, o->center_org, "publisher",
	    0, "portal") == -1)
		return -1;
	if ((m & WF_N_MONITOR) && staff(db, o, o->center_org, "monitor", 0,
	    "portal") == -1)
		return -1;
	return 0;
}

static int
staff(struct db *db, const struct outbox_ctx *o, int64_t org,
    const char *role, int64_t user, const char *channels)
{
	const struct db_param p[] = { DB_I64(o->case_id), DB_ID(o->event_id),
	    DB_TEXT(o->template), DB_I64(o->now), DB_I64(o->now),
	    DB_I64(o->now), DB_I64(org), DB_TEXT(role), DB_I64(user),
	    DB_TEXT(channels) };

	return db_exec(db, SQL_STAFF, p, NITEMS(p));
}
