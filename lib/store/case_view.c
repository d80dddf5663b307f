/*
 * case_view.c: a case as one audience may see it. The audience decides
 * what is selected: identity only for the center, the reporter, or an agency
 * holding an approved reveal; public views refuse confidential and secret
 * cases and show coarse locations and the process, not internal notes.
 */
#include <math.h>
#include <string.h>

#include "db.h"
#include "store/case_int.h"
#include "store/cases.h"
#include "store/media.h"
#include "store/reveal.h"
#include "store/timers.h"

static const char SQL_CASE[] =
    "SELECT c.id, c.state, c.channel, UNIX_TIMESTAMP(c.received_at),"
    " UNIX_TIMESTAMP(c.incident_at), c.description, f.code, f.name_vi,"
    " f.name_en, g.code, g.name_vi, c.lat, c.lng, c.address, u.code, u.name,"
    " c.confidential, c.secret, o.code, o.name, COALESCE(c.lead_org_id, 0),"
    " a.display_name, c.answer_officer, c.answer_leader, c.answer_published,"
    " c.notice_json, c.rating, UNIX_TIMESTAMP(c.published_at),"
    " COALESCE(c.merged_into, 0), fs.code, c.review_flag,"
    " UNIX_TIMESTAMP(c.updated_at)"
    " FROM cases c LEFT JOIN fields f ON f.id = c.field_id"
    " LEFT JOIN fields fs ON fs.id = c.field_suggested_id"
    " LEFT JOIN report_groups g ON g.id = c.group_id"
    " LEFT JOIN admin_units u ON u.id = c.admin_unit_id"
    " LEFT JOIN organisations o ON o.id = c.lead_org_id"
    " LEFT JOIN users a ON a.id = c.assignee_id WHERE c.id = ?";
static const char SQL_EVENTS[] =
    "SELECT UNIX_TIMESTAMP(e.at), e.kind, e.from_state, e.to_state,"
    " e.actor_kind, COALESCE(o.name, ''), e.public, e.note, e.id"
    " FROM case_events e LEFT JOIN organisations o ON o.id = e.org_id"
    " WHERE e.case_id = ? ORDER BY e.id";
static const char SQL_COORD[] =
    "SELECT o.id, o.code, o.name FROM case_coord_orgs k"
    " JOIN organisations o ON o.id = k.org_id WHERE k.case_id = ?";
static const char SQL_REPORTER[] =
    "SELECT name, phone, email, reporter_type FROM case_reporters"
    " WHERE case_id = ?";
static const char SQL_REVEALED[] =
    "SELECT COUNT(*) FROM reveal_requests WHERE case_id = ? AND org_id = ?"
    " AND state = 'approved' AND expires_at > FROM_UNIXTIME(?)";

static int	 visible(struct db *, struct db_res *, enum case_view,
		    const struct actor *, int *);
static json_t	*base(struct db_res *, enum case_view);
static json_t	*timeline(struct db *, int64_t, enum case_view);
static json_t	*coords(struct db *, int64_t, int64_t, int *);
static json_t	*reporter(struct db *, int64_t);
static json_t	*actions(struct db_res *, enum case_view, const struct actor *,
		    int);
static json_t	*str_or_null(struct db_res *, size_t);

int
store_case_view(struct db *db, int64_t id, enum case_view v,
    const struct actor *who, time_t now, json_t **out)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;
	json_t			*o = NULL, *t = NULL;
	int			 rc = -1, coord = 0, ok = 0;
	int64_t			 n = 0;

	*out = NULL;
	if (db_query(db, SQL_CASE, p, NITEMS(p), &r) == -1)
		goto out;
	rc = 1;
	if (!db_res_next(r))
		goto out;
	o = base(r, v);
	json_object_set_new(o, "coord_agencies", coords(db, id,
	    who ? who->org_id : 0, &coord));
	if (visible(db, r, v, who, &ok) == -1 || (!ok && !coord))
		goto out;
	json_object_set_new(o, "timeline", timeline(db, id, v));
	if (store_timers_json(db, id, now, &t) == 0)
		json_object_set_new(o, "timers", t);
	json_object_set_new(o, "media", store_media_json(db, id, v));
	if (v == VIEW_CENTER || v == VIEW_REPORTER)
		json_object_set_new(o, "reporter", reporter(db, id));
	else if (v == VIEW_AGENCY) {
		const struct db_param q[] = { DB_I64(id), DB_I64(who->org_id),
		    DB_I64(now) };

		if (db_query_i64(db, SQL_REVEALED, q, NITEMS(q), &n) == 0 &&
		    n > 0)
			json_object_set_new(o, "reporter", reporter(db, id));
		/* the button for the audited reveal (§6.2): officers, leaders */
		json_object_set_new(o, "can_request_reveal", json_boolean(n == 0 &&
		    (who->roles & (WF_ROLE_OFFICER | WF_ROLE_LEADER))));
	}
	if (v == VIEW_CENTER || v == VIEW_AGENCY)
		json_object_set_new(o, "reveal_requests", store_reveal_list(db,
		    id, v == VIEW_AGENCY ? who->org_id : 0, v == VIEW_CENTER &&
		    who != NULL && (who->roles & WF_ROLE_MONITOR)));
	if (v != VIEW_PUBLIC)
		json_object_set_new(o, "actions", actions(r, v, who,
		    who && (int64_t)db_res_i64(r, 20) == who->org_id));
	*out = o;
	o = NULL;
	rc = 0;
out:
	json_decref(o);
	db_res_free(r);
	return rc;
}

/* Public: answered or in process, never confidential, secret, private. */
static int
visible(struct db *db, struct db_res *r, enum case_view v,
    const struct actor *who, int *ok)
{
	static const char *const pub[] = { "distributed", "in_processing",
	    "returned_to_center", "escalated", "awaiting_approval", "approved",
	    "published", "clarifying", "clarify_approval", "clarify_approved",
	    "closed", NULL };
	const char	*st = db_res_str(r, 1);
	size_t		 i;

	*ok = 0;
	if (v == VIEW_CENTER || v == VIEW_REPORTER) {
		*ok = 1;
		return 0;
	}
	if (v == VIEW_AGENCY) {
		*ok = who != NULL && db_res_i64(r, 20) == who->org_id &&
		    who->org_id != 0;
		return 0;
	}
	if (db_res_i64(r, 16) || db_res_i64(r, 17))
		return 0;
	if (strcmp(st, "closed") == 0 && db_res_isnull(r, 27))
		return 0;
	for (i = 0; pub[i] != NULL; i++)
		if (strcmp(st, pub[i]) == 0)
			*ok = 1;
	return 0;
}

static json_t *
str_or_null(struct db_res *r, size_t col)
{
	return db_res_isnull(r, col) ? json_null() :
	    json_string(db_res_str(r, col));
}

static json_t *
base(struct db_res *r, enum case_view v)
{
	enum wf_state	 st = WF_S_RECEIVED;
	json_t		*o, *place;
	double		 lat = db_res_dbl(r, 11), lng = db_res_dbl(r, 12);
	int		 pub = v == VIEW_PUBLIC;

	wf_state_parse(db_res_str(r, 1), &st);
	if (pub)
		st = wf_state_public(st);
	o = json_pack("{s:s, s:s, s:s, s:s, s:I, s:b}",
	    "code", db_res_str(r, 0), "state", wf_state_name(st),
	    "state_vi", wf_state_label_vi(st), "state_en", wf_state_label_en(st),
	    "received_at", (json_int_t)db_res_i64(r, 3),
	    "open", wf_state_public_open(st));
	json_object_set_new(o, "description", str_or_null(r, 5));
	json_object_set_new(o, "incident_at", db_res_isnull(r, 4) ? json_null()
	    : json_integer(db_res_i64(r, 4)));
	json_object_set_new(o, "field", db_res_isnull(r, 6) ? json_null() :
	    json_pack("{s:s, s:s, s:s}", "code", db_res_str(r, 6), "name_vi",
	    db_res_str(r, 7), "name_en", db_res_str(r, 8)));
	json_object_set_new(o, "group", db_res_isnull(r, 9) ? json_null() :
	    json_pack("{s:s, s:s}", "code", db_res_str(r, 9), "name_vi",
	    db_res_str(r, 10)));
	place = json_object();
	if (!db_res_isnull(r, 11)) {
		/* public: about 100 m, enough to see the street, not a door */
		json_object_set_new(place, "lat", json_real(pub ?
		    round(lat * 1000) / 1000 : lat));
		json_object_set_new(place, "lng", json_real(pub ?
		    round(lng * 1000) / 1000 : lng));
	}
	json_object_set_new(place, "address", str_or_null(r, 13));
	json_object_set_new(place, "unit", str_or_null(r, 15));
	json_object_set_new(o, "place", place);
	json_object_set_new(o, "lead_agency", db_res_isnull(r, 18) ?
	    json_null() : json_pack("{s:s, s:s}", "code", db_res_str(r, 18),
	    "name", db_res_str(r, 19)));
	json_object_set_new(o, "answer", str_or_null(r, 24));
	json_object_set_new(o, "notice", db_res_isnull(r, 25) ? json_null() :
	    json_loads(db_res_str(r, 25), 0, NULL));
	json_object_set_new(o, "rating", str_or_null(r, 26));
	json_object_set_new(o, "published_at", db_res_isnull(r, 27) ?
	    json_null() : json_integer(db_res_i64(r, 27)));
	if (pub)
		return o;
	json_object_set_new(o, "channel", json_string(db_res_str(r, 2)));
	json_object_set_new(o, "confidential", json_boolean(db_res_i64(r, 16)));
	json_object_set_new(o, "secret", json_boolean(db_res_i64(r, 17)));
	json_object_set_new(o, "field_suggested", str_or_null(r, 29));
	if (v == VIEW_REPORTER)
		return o;
	json_object_set_new(o, "assignee", str_or_null(r, 21));
	json_object_set_new(o, "answer_officer", str_or_null(r, 22));
	json_object_set_new(o, "answer_leader", str_or_null(r, 23));
	json_object_set_new(o, "merged_into", db_res_i64(r, 28) ?
	    json_integer(db_res_i64(r, 28)) : json_null());
	json_object_set_new(o, "review_flag", json_boolean(db_res_i64(r, 30)));
	return o;
}

static json_t *
timeline(struct db *db, int64_t id, enum case_view v)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;
	json_t			*arr = json_array(), *e;

	if (db_query(db, SQL_EVENTS, p, NITEMS(p), &r) == -1)
		return arr;
	while (db_res_next(r)) {
		if (v == VIEW_PUBLIC && !db_res_i64(r, 6))
			continue;
		/* the reporter sees the process and their own messages, not the
		 * staff's internal notes or identity-reveal steps */
		if (v == VIEW_REPORTER && !db_res_i64(r, 6) &&
		    strcmp(db_res_str(r, 4), "reporter") != 0)
			continue;
		e = json_pack("{s:I, s:s, s:s}", "at",
		    (json_int_t)db_res_i64(r, 0), "kind", db_res_str(r, 1),
		    "agency", db_res_str(r, 5));
		json_object_set_new(e, "from", str_or_null(r, 2));
		json_object_set_new(e, "to", str_or_null(r, 3));
		/* notes are for the reporter and staff, never the public */
		if (v != VIEW_PUBLIC)
			json_object_set_new(e, "note", str_or_null(r, 7));
		if (v == VIEW_CENTER || v == VIEW_AGENCY)
			json_object_set_new(e, "actor", json_string(
			    db_res_str(r, 4)));
		json_array_append_new(arr, e);
	}
	db_res_free(r);
	return arr;
}

static json_t *
coords(struct db *db, int64_t id, int64_t org, int *member)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;
	json_t			*arr = json_array();

	*member = 0;
	if (db_query(db, SQL_COORD, p, NITEMS(p), &r) == -1)
		return arr;
	while (db_res_next(r)) {
		if (org != 0 && db_res_i64(r, 0) == org)
			*member = 1;
		json_array_append_new(arr, json_pack("{s:s, s:s}", "code",
		    db_res_str(r, 1), "name", db_res_str(r, 2)));
	}
	db_res_free(r);
	return arr;
}

static json_t *
reporter(struct db *db, int64_t id)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;
	json_t			*o = json_null();

	if (db_query(db, SQL_REPORTER, p, NITEMS(p), &r) == 0 &&
	    db_res_next(r)) {
		o = json_pack("{s:s, s:s}", "name", db_res_str(r, 0), "type",
		    db_res_str(r, 3));
		json_object_set_new(o, "phone", str_or_null(r, 1));
		json_object_set_new(o, "email", str_or_null(r, 2));
	}
	db_res_free(r);
	return o;
}

/* The buttons: the workflow table decides, not the client. */
static json_t *
actions(struct db_res *r, enum case_view v, const struct actor *who, int lead)
{
	enum wf_action	 acts[WF_ACTION_COUNT];
	enum wf_state	 st;
	struct wf_ctx	 ctx;
	size_t		 n = 0, i;
	json_t		*arr = json_array();
	unsigned	 roles = v == VIEW_REPORTER ? WF_ROLE_REPORTER :
	    (who ? who->roles : 0);

	if (wf_state_parse(db_res_str(r, 1), &st) == -1)
		return arr;
	memset(&ctx, 0, sizeof(ctx));
	ctx.confidential = (int)db_res_i64(r, 16);
	ctx.secret = (int)db_res_i64(r, 17);
	ctx.rated = !db_res_isnull(r, 26);
	ctx.actor_is_lead_agency = lead;
	if (wf_allowed_actions(st, roles, &ctx, acts, WF_ACTION_COUNT, &n) == -1)
		n = WF_ACTION_COUNT;
	for (i = 0; i < n; i++) {
		if (acts[i] == WF_A_AUTO_CLOSE || acts[i] == WF_A_EXPIRE_SUPPLEMENT)
			continue;
		json_array_append_new(arr, json_string(wf_action_name(acts[i])));
	}
	return arr;
}
