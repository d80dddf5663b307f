/*
 * case_act.c: THE transition function (design.md §2). One transaction:
 * lock the case, check the workflow table, apply the action's data and the
 * timer effects, append the event, enqueue the notifications.
 */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "db.h"
#include "store/calendars.h"
#include "store/case_int.h"
#include "store/cases.h"
#include "store/outbox.h"
#include "store/timers.h"

/* The locked case row: what guards and effects need. */
struct locked {
	enum wf_state	state;
	int		confidential, secret, rated;
	int64_t		field_id, group_id, lead_org, assignee, process_min;
	int		has_place;
	time_t		updated_at;
};

static const char SQL_LOCK[] =
    "SELECT c.state, c.confidential, c.secret, c.rating IS NOT NULL,"
    " COALESCE(c.field_id, 0), COALESCE(c.group_id, 0),"
    " COALESCE(c.lead_org_id, 0), COALESCE(c.assignee_id, 0),"
    " COALESCE(o.process_minutes, 0),"
    " (c.lat IS NOT NULL OR c.address IS NOT NULL"
    "  OR c.admin_unit_id IS NOT NULL), UNIX_TIMESTAMP(c.updated_at)"
    " FROM cases c LEFT JOIN organisations o ON o.id = c.lead_org_id"
    " WHERE c.id = ? FOR UPDATE";
static const char SQL_COORD_MEMBER[] =
    "SELECT COUNT(*) FROM case_coord_orgs WHERE case_id = ? AND org_id = ?";
static const char SQL_ORG_SLA[] =
    "SELECT process_minutes FROM organisations WHERE id = ? AND active = 1"
    " AND is_center = 0";
/* The processing budget of the case's lead agency: its override for the
 * case's field (agency_field_deadlines, migration 013) if there is one,
 * else the agency's own process_minutes. Read after the action's data is
 * applied, so a distribution's new field and lead count. */
static const char SQL_CASE_SLA[] =
    "SELECT COALESCE(d.process_minutes, o.process_minutes) FROM cases c"
    " JOIN organisations o ON o.id = c.lead_org_id"
    " LEFT JOIN agency_field_deadlines d ON d.org_id = c.lead_org_id"
    " AND d.field_id = c.field_id WHERE c.id = ?";
static const char SQL_CASE_EXISTS[] =
    "SELECT COUNT(*) FROM cases WHERE id = ? AND id <> ?";
static const char SQL_GROUP_OF_FIELD[] =
    "SELECT g.id FROM report_groups g JOIN fields f ON f.id = g.field_id"
    " WHERE g.code = ? AND f.code = ?";
static const char SQL_SET_STATE[] =
    "UPDATE cases SET state = ?, updated_at = FROM_UNIXTIME(?) WHERE id = ?";

static int	lock_case(struct db *, int64_t, struct locked *);
static void	fill_ctx(struct db *, int64_t, const struct locked *,
		    const struct actor *, const struct case_action *, time_t,
		    struct wf_ctx *);
static int	check_payload(struct db *, int64_t, const struct case_action *,
		    int64_t *, struct case_result *);
static const char *event_note(const struct case_action *);

int
store_case_act(struct db *db, int64_t id, const struct actor *who,
    const struct case_action *a, time_t now, struct case_result *res)
{
	struct locked			 c;
	struct wf_ctx			 ctx;
	struct wf_err			 we;
	const struct wf_transition	*t;
	struct timer_ctx		 tc;
	struct outbox_ctx		 oc;
	struct case_event		 ev;
	int64_t				 new_sla = 0;
	enum wf_state			 to;
	int				 lk;

	memset(res, 0, sizeof(*res));
	if (db_begin(db) == -1)
		goto fail;
	lk = lock_case(db, id, &c);
	if (lk != 0) {
		db_rollback(db);
		if (lk == 1)
			store_result_err(res, 404, "not_found", NULL,
			    "no such case");
		else
			goto fail;
		return -1;
	}
	fill_ctx(db, id, &c, who, a, now, &ctx);
	if (wf_check(c.state, a->action, who->roles, &ctx, &t, &we) == -1) {
		db_rollback(db);
		store_result_err(res, we.status, we.code, we.field, we.msg);
		res->state = wf_state_name(c.state);
		return -1;
	}
	if (check_payload(db, id, a, &new_sla, res) == -1) {
		db_rollback(db);
		return -1;
	}
	to = t->to == WF_S_SAME ? c.state : t->to;
	if (store_case_apply(db, id, &c.assignee, who, a, t, now) == -1)
		goto fail;
	if (a->lead_org_id != 0) {
		c.lead_org = a->lead_org_id;
		c.process_min = new_sla;
	}
	{	/* the (agency, field) deadline wins over the agency's */
		const struct db_param p[] = { DB_I64(id) };

		if (c.lead_org != 0 && db_query_i64(db, SQL_CASE_SLA, p,
		    NITEMS(p), &c.process_min) == -1)
			goto fail;
	}
	memset(&tc, 0, sizeof(tc));
	tc.case_id = id;
	tc.now = tc.start_at = now;
	tc.agency_org = c.lead_org;
	tc.process_minutes = (int)c.process_min;
	tc.supplement_minutes = store_setting_int(db, "supplement_minutes", 0);
	tc.clarify_minutes = store_setting_int(db, "clarify_minutes", 0);
	if (store_center_org(db, &tc.center_org) == -1 ||
	    store_timers_apply(db, &tc, t) == -1)
		goto fail;
	{
		const struct db_param p[] = { DB_TEXT(wf_state_name(to)),
		    DB_I64(now), DB_I64(id) };

		if (db_exec(db, SQL_SET_STATE, p, NITEMS(p)) == -1)
			goto fail;
	}
	memset(&ev, 0, sizeof(ev));
	ev.case_id = id;
	ev.at = now;
	ev.kind = t->event;
	ev.from = wf_state_name(c.state);
	ev.to = wf_state_name(to);
	ev.who = who;
	ev.org_id = c.lead_org;
	ev.public = !(a->action == WF_A_FEEDBACK ||
	    a->action == WF_A_SUPPLEMENT || a->action == WF_A_FLAG_SECRET);
	ev.note = event_note(a);
	if (store_case_event(db, &ev) == -1)
		goto fail;
	memset(&oc, 0, sizeof(oc));
	oc.case_id = id;
	oc.event_id = ev.id;
	oc.lead_org = c.lead_org;
	oc.center_org = tc.center_org;
	oc.assignee = c.assignee;
	oc.template = t->event;
	oc.now = now;
	if (store_outbox_enqueue(db, &oc, t->notify) == -1 ||
	    db_commit(db) == -1)
		goto fail;
	res->status = 200;
	res->state = wf_state_name(to);
	res->event_id = ev.id;
	return 0;
fail:
	db_rollback(db);
	if (db_errno(db) == DB_ERR_DEADLOCK || db_errno(db) == DB_ERR_LOCK_WAIT)
		store_result_err(res, 409, "conflict", NULL,
		    "the case changed at the same time; try again");
	else
		store_result_err(res, 500, "internal", NULL,
		    "the action could not be stored; nothing changed");
	return -1;
}

int
store_case_timers(struct db *db, const struct timer_ctx *tc, enum wf_action a,
    enum wf_state from)
{
	const struct wf_transition	*t;
	size_t				 n, i;

	t = wf_table(&n);
	for (i = 0; i < n; i++)
		if (t[i].action == a && (t[i].from & WF_BIT(from)))
			return store_timers_apply(db, tc, &t[i]);
	return -1;
}

/* 0 locked, 1 not found, -1 error. */
static int
lock_case(struct db *db, int64_t id, struct locked *c)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;
	int			 rc = -1;

	memset(c, 0, sizeof(*c));
	if (db_query(db, SQL_LOCK, p, NITEMS(p), &r) == -1)
		goto out;
	rc = 1;
	if (!db_res_next(r))
		goto out;
	if (wf_state_parse(db_res_str(r, 0), &c->state) == -1) {
		rc = -1;
		goto out;
	}
	c->confidential = (int)db_res_i64(r, 1);
	c->secret = (int)db_res_i64(r, 2);
	c->rated = (int)db_res_i64(r, 3);
	c->field_id = db_res_i64(r, 4);
	c->group_id = db_res_i64(r, 5);
	c->lead_org = db_res_i64(r, 6);
	c->assignee = db_res_i64(r, 7);
	c->process_min = db_res_i64(r, 8);
	c->has_place = (int)db_res_i64(r, 9);
	c->updated_at = (time_t)db_res_i64(r, 10);
	rc = 0;
out:
	db_res_free(r);
	return rc;
}

static int
nonempty(const char *s)
{
	return s != NULL && s[strspn(s, " \t\r\n")] != '\0';
}

static void
fill_ctx(struct db *db, int64_t id, const struct locked *c,
    const struct actor *who, const struct case_action *a, time_t now,
    struct wf_ctx *x)
{
	const struct db_param	p[] = { DB_I64(id), DB_I64(who->org_id) };
	int64_t			n = 0;
	time_t			due = 0;
	int			days;

	memset(x, 0, sizeof(*x));
	x->confidential = c->confidential;
	x->secret = c->secret;
	x->has_field = c->field_id != 0 || a->field_code != NULL;
	x->has_group = c->group_id != 0 || a->group_code != NULL;
	x->has_place = c->has_place || a->unit_code != NULL;
	x->has_lead_agency = a->lead_org_id != 0 ||
	    (c->lead_org != 0 && a->action == WF_A_REOPEN);
	x->has_text = nonempty(a->text);
	x->has_reason = nonempty(a->reason);
	x->has_duplicate_of = a->duplicate_of != 0;
	x->has_direction = nonempty(a->direction);
	x->has_rating = a->rating != NULL && (strcmp(a->rating,
	    "very_satisfied") == 0 || strcmp(a->rating, "satisfied") == 0 ||
	    strcmp(a->rating, "not_satisfied") == 0);
	x->rated = c->rated;
	days = store_setting_int(db, "auto_close_days", 10);
	x->inactive_expired = now - c->updated_at >= (time_t)days * 86400;
	if (store_timer_due(db, id, WF_T_SUPPLEMENT, &due) == 0 && due != 0)
		x->timer_expired = now >= due;
	x->actor_is_lead_agency = who->org_id != 0 && who->org_id == c->lead_org;
	if (who->org_id != 0 && db_query_i64(db, SQL_COORD_MEMBER, p,
	    NITEMS(p), &n) == 0)
		x->actor_is_coordinating_agency = n > 0;
}

static int
check_payload(struct db *db, int64_t id, const struct case_action *a,
    int64_t *sla, struct case_result *res)
{
	int64_t	n = 0;
	size_t	i;

	if (a->field_code != NULL &&
	    store_code_exists(db, "field", a->field_code) != 0)
		goto bad_field;
	if (a->unit_code != NULL &&
	    store_code_exists(db, "unit", a->unit_code) != 0) {
		store_result_err(res, 422, "unknown_unit", "unit",
		    "no such administrative unit");
		return -1;
	}
	if (a->group_code != NULL) {
		const struct db_param p[] = { DB_TEXT(a->group_code),
		    DB_TEXT(a->field_code ? a->field_code : "") };

		if (a->field_code == NULL ||
		    db_query_i64(db, SQL_GROUP_OF_FIELD, p, NITEMS(p), &n) != 0) {
			store_result_err(res, 422, "unknown_group", "group",
			    "no such report group in this field");
			return -1;
		}
	}
	if (a->lead_org_id != 0) {
		const struct db_param p[] = { DB_I64(a->lead_org_id) };

		if (db_query_i64(db, SQL_ORG_SLA, p, NITEMS(p), sla) != 0) {
			store_result_err(res, 422, "unknown_agency",
			    "lead_agency", "no such active processing agency");
			return -1;
		}
	}
	for (i = 0; i < a->ncoord; i++) {
		const struct db_param p[] = { DB_I64(a->coord_org_ids[i]) };

		if (db_query_i64(db, SQL_ORG_SLA, p, NITEMS(p), &n) != 0 ||
		    a->coord_org_ids[i] == a->lead_org_id) {
			store_result_err(res, 422, "unknown_agency",
			    "coord_agencies", "a coordinating agency is "
			    "unknown or is the lead agency");
			return -1;
		}
	}
	if (a->duplicate_of != 0) {
		const struct db_param p[] = { DB_I64(a->duplicate_of), DB_I64(id) };

		if (db_query_i64(db, SQL_CASE_EXISTS, p, NITEMS(p), &n) != 0 ||
		    n == 0) {
			store_result_err(res, 422, "unknown_case",
			    "duplicate_of", "no such other case");
			return -1;
		}
	}
	return 0;
bad_field:
	store_result_err(res, 422, "unknown_field", "field",
	    "no such field code");
	return -1;
}

static const char *
event_note(const struct case_action *a)
{
	if (nonempty(a->reason))
		return a->reason;
	if (a->action == WF_A_SUPPLEMENT || a->action == WF_A_FEEDBACK ||
	    a->action == WF_A_SUBMIT_CLARIFICATION ||
	    a->action == WF_A_APPROVE_CLARIFICATION)
		return a->text;
	if (a->action == WF_A_RECORD_DIRECTION)
		return a->direction;
	return NULL;
}
