/*
 * alerts.c: SMS notifications out (notifications -> gammu outbox) and their
 * status back (sentitems -> notifications). The claim, the outbox parts and
 * the row's new state commit together: see docs/sms.md "Crash safety".
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alerts.h"
#include "core/log.h"
#include "db.h"
#include "gammu_tables.h"
#include "model/phone.h"
#include "model/vntext.h"
#include "smsd.h"
#include "split.h"
#include "template.h"
#include "store/admin.h"
#include "store/notify.h"

#define FIELD_CHARS	40	/* an alert stays within 2-3 parts */
#define PLACE_CHARS	60
#define TRACK_MAX	200

/* The texts one alert is made of (the tmpl_vars point into it). */
struct alert_text {
	char	code[24], deadline[24], now[24];
	char	field[4 * FIELD_CHARS + 4], place[4 * PLACE_CHARS + 4];
	char	agency[256];
	char	text[1600], plain[1600];
	char	err[160];
};

static int	send_one(struct smsd *, int64_t);
static int	deliver(struct smsd *, struct notify_item *, int *);
static int	resolve_phone(struct smsd *, const struct notify_item *,
		    char *, int *, const char **);
static int	quiet_postpone(struct smsd *, const struct notify_item *,
		    int *);
static int	build_text(struct smsd *, const struct notify_item *,
		    struct alert_text *);
static int	split_text(struct alert_text *, int, int64_t,
		    struct sms_msg *);
static int	give_up(struct smsd *, const struct notify_item *,
		    const char *, const char *);
static int	track_one(struct smsd *, const struct notify_track *,
		    int *);

int
alerts_send(struct smsd *sd, int *queued)
{
	int64_t	 ids[1000];
	size_t	 n, i, max = (size_t)sd->conf->batch;
	int	 rc;

	*queued = 0;
	if (max > NITEMS(ids))
		max = NITEMS(ids);
	if (store_notify_due(sd->db, "sms", ids, max, &n) == -1)
		return -1;
	for (i = 0; i < n && !smsd_stop; i++) {
		rc = send_one(sd, ids[i]);
		if (rc == -1)
			return -1;
		if (rc == 0)
			(*queued)++;
	}
	return 0;
}

int
alerts_track(struct smsd *sd, int with_sent, int *changed)
{
	struct notify_track	 rows[TRACK_MAX];
	size_t			 n, i;

	*changed = 0;
	if (store_notify_tracked(sd->db, with_sent, sd->conf->track_hours,
	    rows, NITEMS(rows), &n) == -1)
		return -1;
	for (i = 0; i < n && !smsd_stop; i++)
		if (track_one(sd, &rows[i], changed) == -1)
			return -1;
	return 0;
}

/*
 * 0 queued to gammu, 1 not queued (taken by another daemon, postponed,
 * given up), -1 database error (the row was rescheduled if possible).
 */
static int
send_one(struct smsd *sd, int64_t id)
{
	struct notify_item	it;
	int			rc, queued = 0, delay;

	if (db_begin(sd->db) == -1)
		return -1;
	rc = store_notify_claim(sd->db, id, &it);
	if (rc == 0)
		rc = deliver(sd, &it, &queued);
	if (rc == 0 && queued && sd->conf->crash_after_claim > 0 &&
	    sd->claims + 1 >= sd->conf->crash_after_claim) {
		log_warn(NULL, "crash_after_claim: dying before commit n=%lld",
		    (long long)id);
		raise(SIGKILL);
	}
	if (rc == 0 && db_commit(sd->db) == 0) {
		if (queued)
			sd->claims++;
		return queued ? 0 : 1;
	}
	db_rollback(sd->db);
	if (rc == 1)
		return 1;
	/* A database error: the row is queued again; back off and retry. */
	delay = sd->conf->retry_seconds << (it.attempts < 10 ? it.attempts : 10);
	if (store_notify_retry(sd->db, id, delay, sd->conf->max_retries + 1,
	    "database error while queueing") == -1)
		return -1;
	return 1;
}

/* In the claim's transaction. *queued = 1 when the parts are in outbox. */
static int
deliver(struct smsd *sd, struct notify_item *it, int *queued)
{
	struct alert_text	*t = NULL;
	struct sms_msg		*msg = NULL;
	struct gammu_out	 o;
	char			 phone[PHONE_E164_SIZE], creator[48];
	const char		*why = NULL;
	int64_t			 outbox_id;
	int			 plain = sd->conf->plain_default, rc = -1, q;

	if (quiet_postpone(sd, it, &q) == -1)
		return -1;
	if (q)
		return 0;
	if (resolve_phone(sd, it, phone, &plain, &why) == -1)
		return -1;
	if (why != NULL)
		return give_up(sd, it, "failed", why);
	t = calloc(1, sizeof(*t));
	msg = calloc(1, sizeof(*msg));
	if (t == NULL || msg == NULL)
		goto out;
	if (build_text(sd, it, t) == -1 || split_text(t, plain, it->id,
	    msg) == -1) {
		rc = give_up(sd, it, "dead", t->err);
		goto out;
	}
	snprintf(creator, sizeof(creator), "phananh:n=%lld",
	    (long long)it->id);
	o = (struct gammu_out){ .dest = phone, .creator = creator,
	    .sender_id = sd->conf->phone_id, .validity = sd->conf->validity,
	    .delivery_report = sd->conf->delivery_reports, .msg = msg };
	if (gammu_outbox_put(sd->db, &o, &outbox_id) == -1 ||
	    store_notify_sending(sd->db, it->id, sd->worker, outbox_id) == -1)
		goto out;
	log_info(NULL, "sms queued n=%lld outbox=%lld parts=%d coding=%s",
	    (long long)it->id, (long long)outbox_id, msg->nparts,
	    sms_coding_name(msg->coding));
	*queued = 1;
	rc = 0;
out:
	free(t);
	free(msg);
	return rc;
}

/* The recipient's number into phone; *why set when there is none. */
static int
resolve_phone(struct smsd *sd, const struct notify_item *it, char *phone,
    int *plain, const char **why)
{
	struct notify_user	u;
	const char		*addr = it->addr;
	int			rc;

	if (it->user_id != 0) {
		rc = store_notify_user(sd->db, it->user_id, &u);
		if (rc == -1)
			return -1;
		if (rc == 1 || !u.active) {
			*why = "recipient user inactive or unknown";
			return 0;
		}
		if (u.sms_plain)
			*plain = 1;
		if (addr[0] == '\0')
			addr = u.phone;
	}
	if (phone_normalize(addr, phone) == -1)
		*why = "no valid phone number";
	return 0;
}

/* Reminders wait for the end of the quiet hours unless urgent. */
static int
quiet_postpone(struct smsd *sd, const struct notify_item *it, int *q)
{
	time_t	until;

	*q = 0;
	if (strncmp(it->tmpl, "reminder", 8) != 0 ||
	    strstr(it->payload, "\"urgent\":true") != NULL ||
	    strstr(it->payload, "\"urgent\": true") != NULL ||
	    !smsd_quiet_now(sd, time(NULL), &until))
		return 0;
	*q = 1;
	log_info(NULL, "sms n=%lld postponed: quiet hours", (long long)it->id);
	return store_notify_postpone(sd->db, it->id, until);
}

static int
build_text(struct smsd *sd, const struct notify_item *it,
    struct alert_text *t)
{
	struct tmpl_vars	v = { .n = 0 };
	struct notify_case	c = { .id = 0 };
	char			*override = NULL;
	int			 rc;

	if (it->case_id != 0 && store_notify_case(sd->db, it->case_id,
	    &c) == -1) {
		snprintf(t->err, sizeof(t->err), "database error");
		return -1;
	}
	snprintf(t->code, sizeof(t->code), "%lld", (long long)it->case_id);
	if (c.accept_due == 0 || smsd_local_time(sd, c.accept_due, 1,
	    t->deadline, sizeof(t->deadline)) == -1)
		t->deadline[0] = '\0';
	if (smsd_local_time(sd, time(NULL), 0, t->now, sizeof(t->now)) == -1 ||
	    tmpl_shorten(c.field, FIELD_CHARS, t->field,
	    sizeof(t->field)) == -1 ||
	    tmpl_shorten(c.place, PLACE_CHARS, t->place,
	    sizeof(t->place)) == -1)
		return -1;
	snprintf(t->agency, sizeof(t->agency), "%s", c.agency);
	tmpl_var_set(&v, "code", t->code, 0);
	tmpl_var_set(&v, "field", t->field, 0);
	tmpl_var_set(&v, "place", t->place, 0);
	tmpl_var_set(&v, "deadline", t->deadline, 0);
	tmpl_var_set(&v, "agency", t->agency, 0);
	tmpl_var_set(&v, "time", t->now, 0);
	tmpl_var_set(&v, "reason", "", 0);
	if (it->payload_cut || tmpl_vars_payload(&v, it->payload) == -1) {
		snprintf(t->err, sizeof(t->err), "bad payload_json");
		return -1;
	}
	/* an administrator's override (templates table) wins over the file */
	if (store_adm_template_get(sd->db, "sms", it->tmpl, it->lang,
	    &override) == 0) {
		rc = tmpl_render_text(it->tmpl, override, &v, t->text,
		    sizeof(t->text), t->err, sizeof(t->err));
		free(override);
		return rc;
	}
	if (tmpl_render(sd->conf->templates_dir, it->tmpl, it->lang, &v,
	    t->text, sizeof(t->text), t->err, sizeof(t->err)) == 0)
		return 0;
	if (strncmp(t->err, "no template", 11) != 0)
		return -1;
	/* an unknown template still tells the officer something happened */
	log_warn(NULL, "sms n=%lld: %s; using default", (long long)it->id,
	    t->err);
	return tmpl_render(sd->conf->templates_dir, "default", it->lang, &v,
	    t->text, sizeof(t->text), t->err, sizeof(t->err));
}

/* Split, without diacritics when asked or when the text is too long. */
static int
split_text(struct alert_text *t, int plain, int64_t id, struct sms_msg *m)
{
	unsigned char	ref = (unsigned char)((id * 151 + time(NULL)) & 0xff);

	if (!plain && sms_split(t->text, ref, m) == 0)
		return 0;
	if (vn_strip_diacritics(t->text, t->plain, sizeof(t->plain)) == 0 &&
	    sms_split(t->plain, ref, m) == 0)
		return 0;
	snprintf(t->err, sizeof(t->err), "text does not fit %d parts",
	    SMS_MAX_PARTS);
	return -1;
}

/* The row cannot be sent: failed (with the e-mail fallback) or dead. */
static int
give_up(struct smsd *sd, const struct notify_item *it, const char *state,
    const char *why)
{
	int	changed;

	log_warn(NULL, "sms n=%lld %s: %s", (long long)it->id, state, why);
	if (store_notify_move(sd->db, it->id, "queued", state, why,
	    &changed) == -1)
		return -1;
	if (changed && strcmp(state, "failed") == 0)
		return store_notify_email_fallback(sd->db, it->id);
	return 0;
}

static int
track_one(struct smsd *sd, const struct notify_track *r, int *changed)
{
	enum gammu_status	 st;
	const char		*detail, *from = r->sending ? "sending" : "sent";
	int			 moved = 0;

	if (gammu_status(sd->db, r->outbox_id, &st, &detail) == -1)
		return -1;
	if (st == GAMMU_PENDING || (st == GAMMU_SENT && !r->sending))
		return 0;
	if (db_begin(sd->db) == -1)
		return -1;
	if (store_notify_move(sd->db, r->id, from, st == GAMMU_FAILED ?
	    "failed" : st == GAMMU_DELIVERED ? "delivered" : "sent",
	    st == GAMMU_FAILED ? detail : NULL, &moved) == -1)
		goto fail;
	if (moved && st == GAMMU_FAILED &&
	    store_notify_email_fallback(sd->db, r->id) == -1)
		goto fail;
	if (moved && st != GAMMU_FAILED &&
	    store_notify_phone_ok(sd->db, r->id) == -1)
		goto fail;
	if (db_commit(sd->db) == -1)
		return -1;
	if (moved) {
		(*changed)++;
		log_info(NULL, "sms n=%lld outbox=%lld %s%s%s",
		    (long long)r->id, (long long)r->outbox_id,
		    st == GAMMU_FAILED ? "failed " : "", detail,
		    st == GAMMU_DELIVERED ? "delivered" :
		    st == GAMMU_SENT ? "sent" : "");
	}
	return 0;
fail:
	db_rollback(sd->db);
	return -1;
}
