/*
 * cases.c: intake of a new report (transition 1) and the tracking token.
 * The transition function is in case_act.c, the views in case_view.c.
 */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "crypto.h"
#include "db.h"
#include "store/calendars.h"
#include "store/case_int.h"
#include "store/cases.h"
#include "store/media.h"
#include "store/outbox.h"
#include "store/timers.h"

static const char SQL_INSERT[] =
    "INSERT INTO cases (track_hash, state, channel, channel_ref, received_at,"
    " incident_at, description, field_suggested_id, lat, lng, address,"
    " admin_unit_id, confidential, attributes_json, external_ref,"
    " created_at, updated_at) VALUES (?, 'received', ?, ?, FROM_UNIXTIME(?),"
    " FROM_UNIXTIME(?), ?, (SELECT id FROM fields WHERE code = ?), ?, ?, ?,"
    " (SELECT id FROM admin_units WHERE code = ?), ?, ?, ?,"
    " FROM_UNIXTIME(?), FROM_UNIXTIME(?))";
static const char SQL_REPORTER[] =
    "INSERT INTO case_reporters (case_id, name, phone, email, reporter_type,"
    " lang, channel_user) VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char SQL_BY_TOKEN[] =
    "SELECT id FROM cases WHERE track_hash = ?";
static const char SQL_FIELD_ID[] =
    "SELECT id FROM fields WHERE code = ? AND active = 1";
static const char SQL_UNIT_ID[] =
    "SELECT id FROM admin_units WHERE code = ?";
static const char SQL_EVENT[] =
    "INSERT INTO case_events (case_id, at, kind, from_state, to_state,"
    " actor_kind, actor_user_id, actor_org_id, org_id, public, note,"
    " data_json) VALUES (?, FROM_UNIXTIME(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
/*
 * Concurrent reports deadlocked (found by make bench): starting a clock ran
 * "cancel the running one" first, and under REPEATABLE READ that UPDATE of a
 * case with no rows yet takes a gap lock at the end of the (case_id, kind)
 * index, which every other report's INSERT then waits for. A new case now
 * skips the cancel (timer_ctx.fresh), and the intake transaction, which only
 * inserts new rows, runs at READ COMMITTED (no gap locks) so no other
 * locking read in it can bring the deadlock back.
 */
static const char SQL_READ_COMMITTED[] =
    "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
static const char SQL_SETTING_INT[] =
    "SELECT CAST(value AS SIGNED) FROM settings WHERE name = ?";

static int	check_codes(struct db *, const struct case_new *,
		    struct case_result *);
static int	intake_begin(struct db *);

int
store_case_create(struct db *db, const struct case_new *cn,
    const struct actor *who, time_t now, struct case_created *out,
    struct case_result *res)
{
	char			hash[CRYPTO_HEX_LEN];
	struct timer_ctx	tc;
	struct outbox_ctx	oc;
	struct case_event	ev;
	int			rc = -1;

	memset(res, 0, sizeof(*res));
	if (check_codes(db, cn, res) == -1)
		return -1;
	crypto_token(out->token);
	crypto_sha256_hex(out->token, strlen(out->token), hash);
	if (intake_begin(db) == -1)
		goto fail;
	{
		const struct db_param p[] = { DB_TEXT(hash), DB_TEXT(cn->channel),
		    DB_TEXT(cn->channel_ref), DB_I64(cn->received_at),
		    cn->incident_at ? (struct db_param)DB_I64(cn->incident_at) :
		    (struct db_param)DB_NULL, DB_TEXT(cn->description),
		    DB_TEXT(cn->field_code),
		    cn->has_point ? (struct db_param)DB_DBL(cn->lat) :
		    (struct db_param)DB_NULL,
		    cn->has_point ? (struct db_param)DB_DBL(cn->lng) :
		    (struct db_param)DB_NULL, DB_TEXT(cn->address),
		    DB_TEXT(cn->unit_code), DB_I64(cn->confidential != 0),
		    DB_TEXT(cn->attributes_json), DB_TEXT(cn->external_ref),
		    DB_I64(now), DB_I64(now) };

		if (db_exec(db, SQL_INSERT, p, NITEMS(p)) == -1)
			goto fail;
	}
	out->id = (int64_t)db_insert_id(db);
	{
		const struct db_param p[] = { DB_I64(out->id), DB_TEXT(cn->name),
		    DB_TEXT(cn->phone), DB_TEXT(cn->email),
		    DB_TEXT(cn->reporter_type ? cn->reporter_type : "individual"),
		    DB_TEXT(cn->lang ? cn->lang : "vi"),
		    DB_TEXT(cn->channel_user) };

		if (db_exec(db, SQL_REPORTER, p, NITEMS(p)) == -1)
			goto fail;
	}
	memset(&ev, 0, sizeof(ev));
	ev.case_id = out->id;
	ev.at = now;
	ev.kind = "submitted";
	ev.to = "received";
	ev.who = who;
	ev.public = 1;
	if (store_case_event(db, &ev) == -1)
		goto fail;
	memset(&tc, 0, sizeof(tc));
	tc.case_id = out->id;
	tc.now = now;
	tc.start_at = cn->received_at;		/* B2/B3: the channel's time */
	tc.fresh = 1;
	if (store_center_org(db, &tc.center_org) == -1 ||
	    store_case_timers(db, &tc, WF_A_SUBMIT, WF_S_NONE) == -1 ||
	    store_timer_due(db, out->id, WF_T_INTAKE, &out->intake_due) == -1)
		goto fail;
	/* media (issue 6): a bad upload refuses the whole report (422) */
	if (store_media_attach(db, out->id, cn->media, cn->nmedia, res) == -1) {
		db_rollback(db);
		return -1;
	}
	memset(&oc, 0, sizeof(oc));
	oc.case_id = out->id;
	oc.event_id = ev.id;
	oc.center_org = tc.center_org;
	oc.template = "ack";
	oc.now = now;
	if (store_outbox_enqueue(db, &oc, WF_N_REPORTER | WF_N_RECEPTION) == -1 ||
	    db_commit(db) == -1)
		goto fail;
	res->status = 201;
	res->state = "received";
	res->event_id = ev.id;
	rc = 0;
	return rc;
fail:
	db_rollback(db);
	store_result_err(res, 500, "internal", NULL, "the report could not be "
	    "stored; nothing was saved");
	return -1;
}

int
store_case_by_token(struct db *db, const char *token, int64_t *id)
{
	char	hash[CRYPTO_HEX_LEN];

	crypto_sha256_hex(token, strlen(token), hash);
	{
		const struct db_param p[] = { DB_TEXT(hash) };

		return db_query_i64(db, SQL_BY_TOKEN, p, NITEMS(p), id);
	}
}

int
store_case_event(struct db *db, struct case_event *ev)
{
	const struct actor	*w = ev->who;
	static const char *const kinds[] = { "reporter", "staff", "system",
	    "agency_api", "sms", "open311" };
	const struct db_param	 p[] = { DB_I64(ev->case_id), DB_I64(ev->at),
	    DB_TEXT(ev->kind), DB_TEXT(ev->from), DB_TEXT(ev->to),
	    DB_TEXT(kinds[w ? w->kind : ACTOR_SYSTEM]),
	    DB_ID(w ? w->user_id : 0), DB_ID(w ? w->org_id : 0),
	    DB_ID(ev->org_id), DB_I64(ev->public), DB_TEXT(ev->note),
	    DB_TEXT(ev->data_json) };

	if (db_exec(db, SQL_EVENT, p, NITEMS(p)) == -1)
		return -1;
	ev->id = (int64_t)db_insert_id(db);
	return 0;
}

int
store_setting_int(struct db *db, const char *name, int def)
{
	const struct db_param	p[] = { DB_TEXT(name) };
	int64_t			v;

	if (db_query_i64(db, SQL_SETTING_INT, p, NITEMS(p), &v) != 0)
		return def;
	return (int)v;
}

void
store_result_err(struct case_result *res, int status, const char *code,
    const char *field, const char *msg)
{
	res->status = status;
	snprintf(res->code, sizeof(res->code), "%s", code);
	snprintf(res->field, sizeof(res->field), "%s", field ? field : "");
	snprintf(res->msg, sizeof(res->msg), "%s", msg);
}

int
store_code_exists(struct db *db, const char *sql_kind, const char *code)
{
	const struct db_param	p[] = { DB_TEXT(code) };
	int64_t			id;
	const char		*sql = strcmp(sql_kind, "unit") == 0 ?
	    SQL_UNIT_ID : SQL_FIELD_ID;

	return db_query_i64(db, sql, p, NITEMS(p), &id);
}

/* Opens the intake transaction at READ COMMITTED (see SQL_READ_COMMITTED). */
static int
intake_begin(struct db *db)
{
	if (db_exec(db, SQL_READ_COMMITTED, NULL, 0) == -1)
		return -1;
	return db_begin(db);
}

static int
check_codes(struct db *db, const struct case_new *cn, struct case_result *res)
{
	if (cn->field_code != NULL &&
	    store_code_exists(db, "field", cn->field_code) != 0) {
		store_result_err(res, 422, "unknown_field", "field",
		    "no such field code");
		return -1;
	}
	if (cn->unit_code != NULL &&
	    store_code_exists(db, "unit", cn->unit_code) != 0) {
		store_result_err(res, 422, "unknown_unit", "unit",
		    "no such administrative unit");
		return -1;
	}
	return 0;
}
