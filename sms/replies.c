/*
 * replies.c: officers' SMS replies -> store_case_act() -> answer SMS.
 * Decisions (docs/sms.md): unknown numbers get no answer; a known officer
 * gets a short refusal; a duplicate of an applied reply changes nothing and
 * is confirmed at most once; a late reply is still applied.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/log.h"
#include "core/parse.h"
#include "db.h"
#include "gammu_tables.h"
#include "model/phone.h"
#include "replies.h"
#include "reply.h"
#include "smsd.h"
#include "store/cases.h"
#include "store/notify.h"
#include "workflow.h"

#define INBOX_BATCH	50
#define LIST_MAX	8	/* pending codes listed in one SMS */

/* One reply being handled. */
struct rctx {
	struct smsd		*sd;
	const struct gammu_in	*in;
	struct notify_officer	 off;
	struct actor		 actor;
	char			 masked[PHONE_E164_SIZE];
};

static int	handle_one(struct smsd *, const struct gammu_in *);
static int	on_reply(struct rctx *, const struct sms_reply *);
static int	accept_pending(struct rctx *, const struct sms_reply *);
static int	act(struct rctx *, int64_t, enum wf_action, const char *);
static int	on_conflict(struct rctx *, int64_t, enum wf_action,
		    const char *);
static int	answer(struct rctx *, int64_t, int64_t, const char *,
		    json_t *);
static int	done_only(struct smsd *, int64_t);
static unsigned	roles_parse(const char *);
static const char *event_kind(enum wf_action);

int
replies_poll(struct smsd *sd, int *handled)
{
	struct gammu_in	rows[INBOX_BATCH];
	size_t		n, i;

	*handled = 0;
	if (gammu_inbox_fetch(sd->db, sd->conf->phone_id, rows, NITEMS(rows),
	    &n) == -1)
		return -1;
	for (i = 0; i < n && !smsd_stop; i++) {
		if (handle_one(sd, &rows[i]) == -1)
			return -1;
		(*handled)++;
	}
	return 0;
}

static int
handle_one(struct smsd *sd, const struct gammu_in *in)
{
	struct rctx	 c = { .sd = sd, .in = in };
	struct sms_reply rp;
	char		 phone[PHONE_E164_SIZE];
	int		 rc;

	if (in->continuation)
		return done_only(sd, in->id);
	if (phone_normalize(in->sender, phone) == -1) {
		log_warn(NULL, "sms in=%lld from an unusable number: ignored",
		    (long long)in->id);
		return done_only(sd, in->id);
	}
	phone_mask(phone, c.masked);
	rc = store_notify_officer(sd->db, phone, &c.off);
	if (rc == -1)
		return -1;
	if (rc == 1) {
		log_warn(NULL, "sms in=%lld from %s: not a registered user, "
		    "ignored", (long long)in->id, c.masked);
		return done_only(sd, in->id);
	}
	if (c.off.matches > 1)
		log_warn(NULL, "sms in=%lld: %d users share %s; acting as "
		    "user %lld", (long long)in->id, c.off.matches, c.masked,
		    (long long)c.off.user_id);
	c.actor = (struct actor){ .kind = ACTOR_SMS,
	    .user_id = c.off.user_id, .org_id = c.off.org_id,
	    .roles = roles_parse(c.off.roles), .is_center = c.off.is_center };
	sms_reply_parse(in->text, &rp);
	return on_reply(&c, &rp);
}

static int
on_reply(struct rctx *c, const struct sms_reply *rp)
{
	int64_t	id = 0;

	if (rp->kind == SMS_REPLY_UNKNOWN) {
		log_info(NULL, "sms in=%lld from %s not understood (err %d)",
		    (long long)c->in->id, c->masked, (int)rp->err);
		if (rp->err == SMS_REPLY_ERR_NO_REASON)
			return answer(c, 0, 0, "sms_help_reason",
			    json_pack("{s:s}", "code", rp->code));
		return answer(c, 0, 0, rp->err == SMS_REPLY_ERR_NO_CODE ?
		    "sms_help_code" : "sms_help", NULL);
	}
	if (rp->kind == SMS_REPLY_ACCEPT && rp->code[0] == '\0')
		return accept_pending(c, rp);
	if (parse_i64(rp->code[0] == '#' ? rp->code + 1 : rp->code, 1,
	    INT64_MAX, &id) == -1)
		return answer(c, 0, 0, "sms_unknown_code",
		    json_pack("{s:s}", "code", rp->code));
	if (rp->kind == SMS_REPLY_ACCEPT)
		return act(c, id, WF_A_ACCEPT, NULL);
	return act(c, id, WF_A_RETURN_NOT_COMPETENT, rp->reason);
}

/* "OK" alone: the agency's only pending case, or the list of codes. */
static int
accept_pending(struct rctx *c, const struct sms_reply *rp)
{
	int64_t	ids[LIST_MAX];
	size_t	n, total, i;
	char	codes[LIST_MAX * 22 + 8];
	size_t	len = 0;

	(void)rp;
	if (store_notify_pending(c->sd->db, c->off.org_id, ids, NITEMS(ids),
	    &n, &total) == -1)
		return -1;
	if (total == 0)
		return answer(c, 0, 0, "sms_no_pending", NULL);
	if (total == 1)
		return act(c, ids[0], WF_A_ACCEPT, NULL);
	codes[0] = '\0';
	for (i = 0; i < n && len < sizeof(codes); i++)
		len += (size_t)snprintf(codes + len, sizeof(codes) - len,
		    "%s%lld", i > 0 ? ", " : "", (long long)ids[i]);
	if (total > n && len < sizeof(codes))
		snprintf(codes + len, sizeof(codes) - len, ", ...");
	return answer(c, 0, 0, "sms_pending_list", json_pack("{s:s, s:I}",
	    "codes", codes, "count", (json_int_t)total));
}

static int
act(struct rctx *c, int64_t id, enum wf_action a, const char *reason)
{
	struct case_action	ca = { .action = a, .reason = reason,
				    .late_ok = 1 };
	struct case_result	res;
	char			hhmm[8];
	time_t			now = time(NULL);

	memset(&res, 0, sizeof(res));
	if (store_case_act(c->sd->db, id, &c->actor, &ca, now, &res) == 0 &&
	    res.status == 200) {
		log_info(NULL, "sms in=%lld: case %lld %s by user %lld -> %s",
		    (long long)c->in->id, (long long)id, wf_action_name(a),
		    (long long)c->off.user_id, res.state ? res.state : "?");
		if (smsd_local_time(c->sd, now, 0, hhmm, sizeof(hhmm)) == -1)
			hhmm[0] = '\0';
		return answer(c, id, res.event_id, a == WF_A_ACCEPT ?
		    "sms_accepted" : "sms_returned",
		    json_pack("{s:s}", "time", hhmm));
	}
	log_info(NULL, "sms in=%lld: case %lld %s by user %lld refused: "
	    "%d %s", (long long)c->in->id, (long long)id, wf_action_name(a),
	    (long long)c->off.user_id, res.status, res.code);
	switch (res.status) {
	case 404:
		return answer(c, 0, 0, "sms_unknown_code",
		    json_pack("{s:I}", "code", (json_int_t)id));
	case 403:
		log_warn(NULL, "sms in=%lld from %s: user %lld may not %s "
		    "case %lld (%s)", (long long)c->in->id, c->masked,
		    (long long)c->off.user_id, wf_action_name(a),
		    (long long)id, res.code);
		return answer(c, id, 0, "sms_not_allowed", NULL);
	case 409:
		return on_conflict(c, id, a, res.state);
	case 400:
	case 422:
		return answer(c, id, 0, "sms_refused", NULL);
	default:
		return -1;	/* database trouble: read it again later */
	}
}

/*
 * The case is no longer in a state for this action. If the same officer's
 * same action is the case's latest such event, this is a duplicate: make
 * sure it was confirmed once, and say nothing more.
 */
static int
on_conflict(struct rctx *c, int64_t id, enum wf_action a, const char *state)
{
	const char	*kind = event_kind(a);
	const char	*tmpl = a == WF_A_ACCEPT ? "sms_accepted" :
			    "sms_returned";
	int64_t		 ev = 0, who = 0;
	char		 hhmm[8];
	int		 rc;

	rc = kind == NULL ? 1 : store_notify_last_event(c->sd->db, id, kind,
	    &ev, &who);
	if (rc == -1)
		return -1;
	if (rc == 1 || who != c->off.user_id)
		return answer(c, id, 0, "sms_not_pending",
		    json_pack("{s:s}", "state", state ? state : ""));
	log_info(NULL, "sms in=%lld: duplicate %s of case %lld ignored",
	    (long long)c->in->id, wf_action_name(a), (long long)id);
	rc = store_notify_exists(c->sd->db, ev, c->off.user_id, tmpl);
	if (rc == -1)
		return -1;
	if (rc == 1)
		return done_only(c->sd, c->in->id);
	/* applied, but the daemon died before confirming: confirm now */
	if (smsd_local_time(c->sd, time(NULL), 0, hhmm, sizeof(hhmm)) == -1)
		hhmm[0] = '\0';
	return answer(c, id, ev, tmpl, json_pack("{s:s}", "time", hhmm));
}

/*
 * Queues the answer SMS to the sender and marks the inbox row processed,
 * in one transaction. Steals payload (may be NULL).
 */
static int
answer(struct rctx *c, int64_t case_id, int64_t event_id, const char *tmpl,
    json_t *payload)
{
	struct notify_new	 nn = { .channel = "sms", .case_id = case_id,
				    .event_id = event_id,
				    .user_id = c->off.user_id, .tmpl = tmpl };
	char			*text = NULL;
	int			 rc = -1;

	if (payload != NULL) {
		text = json_dumps(payload, JSON_COMPACT);
		if (text == NULL)
			goto out;
		nn.payload = text;
	}
	if (db_begin(c->sd->db) == -1)
		goto out;
	if (store_notify_enqueue(c->sd->db, &nn, NULL) == -1 ||
	    gammu_inbox_done(c->sd->db, c->in->id) == -1 ||
	    db_commit(c->sd->db) == -1) {
		db_rollback(c->sd->db);
		goto out;
	}
	rc = 0;
out:
	free(text);
	json_decref(payload);
	return rc;
}

static int
done_only(struct smsd *sd, int64_t inbox_id)
{
	return gammu_inbox_done(sd->db, inbox_id);
}

/* users.roles ("officer,leader") as WF_ROLE_* bits; unknown names skipped. */
static unsigned
roles_parse(const char *s)
{
	char		 buf[128], *tok, *save = NULL;
	unsigned	 bits = 0, bit;

	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		if (wf_role_parse(tok, &bit) == 0)
			bits |= bit;
	return bits;
}

/* The case_events kind the transition table writes for action a. */
static const char *
event_kind(enum wf_action a)
{
	const struct wf_transition	*t;
	size_t				 n, i;

	t = wf_table(&n);
	for (i = 0; i < n; i++)
		if (t[i].action == a)
			return t[i].event;
	return NULL;
}
