/*
 * push.c: channel 'push' notifications to the mobile push gateway: each
 * due row, in its own transaction (claim FOR UPDATE SKIP LOCKED), becomes
 * a JSON POST to push_url signed with HMAC-SHA256 over the exact body
 * (header "X-Phananh-Signature: sha256=<hex>", key from push_key_file).
 * 2xx: 'sent'. 408, 429, 5xx, transport errors: retried after
 * push_retry_seconds * 2^attempts, 'dead' after push_max_attempts. Other
 * 4xx: 'dead' at once (the gateway refuses it; retrying will not help).
 * Body: docs/notifications.md "Push".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/log.h"
#include "crypto.h"
#include "db.h"
#include "jobd/jobd.h"
#include "net/http_client.h"
#include "store/feed.h"
#include "store/notify.h"

#define BATCH	50

static int	push_one(struct jobd *, int64_t, time_t, const char *);
static char	*body_json(struct jobd *, const struct notify_item *, time_t);
static int	post(struct jobd *, const char *, const char *, long *,
		    char *, size_t);
static int	finish(struct jobd *, const struct notify_item *, long,
		    const char *);

int
jobd_push(struct jobd *jd, time_t now)
{
	int64_t	ids[BATCH];
	size_t	n, i;
	char	key[512];
	int	failed = 0;

	if (jd->conf.push_url[0] == '\0')
		return 0;		/* not configured: rows wait */
	if (jobd_read_secret(jd->conf.push_key_file, key, sizeof(key)) == -1) {
		log_err(NULL, "push: cannot read push_key_file '%s'",
		    jd->conf.push_key_file);
		return -1;
	}
	if (store_notify_due(jd->db, "push", ids, BATCH, &n) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (push_one(jd, ids[i], now, key) == -1)
			failed++;
	return failed ? -1 : 0;
}

static int
push_one(struct jobd *jd, int64_t id, time_t now, const char *key)
{
	static struct notify_item	 it;
	char				*body = NULL, err[256] = "";
	long				 status = 0;
	int				 rc;

	if (db_begin(jd->db) == -1)
		return -1;
	rc = store_notify_claim(jd->db, id, &it);
	if (rc != 0) {
		db_rollback(jd->db);
		return rc == 1 ? 0 : -1;
	}
	body = body_json(jd, &it, now);
	if (body == NULL)
		snprintf(err, sizeof(err), "cannot build the push body");
	else
		post(jd, key, body, &status, err, sizeof(err));
	rc = finish(jd, &it, body == NULL ? 400 : status, err);
	free(body);
	return rc;
}

/* The JSON body (caller frees), or NULL. */
static char *
body_json(struct jobd *jd, const struct notify_item *it, time_t now)
{
	struct jobd_text	 t;
	char			 code[24], err[256];
	json_t			*o, *pl = NULL;
	char			*s;

	if (jobd_render_push(jd, it, now, &t, err, sizeof(err)) == -1) {
		/* no template: the gateway still gets the event */
		log_warn(NULL, "push: notification %lld: %s", (long long)it->id,
		    err);
		snprintf(t.subject, sizeof(t.subject), "%s", it->tmpl);
	}
	snprintf(code, sizeof(code), "%lld", (long long)it->case_id);
	if (it->payload[0] != '\0')
		pl = json_loads(it->payload, 0, NULL);
	o = json_pack("{s:I, s:s, s:I, s:o, s:s, s:s, s:s, s:s, s:o, s:I}",
	    "id", (json_int_t)it->id, "user", t.username,
	    "user_id", (json_int_t)it->user_id,
	    "case", it->case_id ? json_string(code) : json_null(),
	    "template", it->tmpl, "lang", it->lang, "title", t.subject,
	    "url", t.link, "payload", pl != NULL ? pl : json_null(),
	    "sent_at", (json_int_t)time(NULL));
	buf_free(&t.body);
	if (o == NULL)
		return NULL;
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return s;
}

/* POSTs body signed with key; *status 0 on a transport error (err). */
static int
post(struct jobd *jd, const char *key, const char *body, long *status,
    char *err, size_t errsz)
{
	char			sig[CRYPTO_HEX_LEN], hs[96];
	const char		*hdr[] = { hs, NULL };
	struct http_opts	o = { 10000, 3000, hdr, 4096 };
	struct http_result	res;

	crypto_hmac_sha256_hex(key, body, strlen(body), sig);
	snprintf(hs, sizeof(hs), "X-Phananh-Signature: sha256=%s", sig);
	*status = 0;
	if (http_post(jd->conf.push_url, "application/json", body,
	    strlen(body), &o, NULL, &res) == -1) {
		snprintf(err, errsz, "%s", res.err);
		return -1;
	}
	*status = res.status;
	snprintf(err, errsz, "HTTP %ld", res.status);
	return 0;
}

/* Records the outcome of HTTP status (0 = no answer) and commits. */
static int
finish(struct jobd *jd, const struct notify_item *it, long status,
    const char *err)
{
	int	rc;

	if (status >= 200 && status < 300)
		rc = store_notify_sent(jd->db, it->id, jd->id, NULL);
	else if (status >= 400 && status < 500 && status != 408 &&
	    status != 429)
		rc = store_notify_retry(jd->db, it->id, 0, 1, err);
	else
		rc = store_notify_retry(jd->db, it->id, jobd_backoff(
		    jd->conf.push_retry_seconds, it->attempts),
		    jd->conf.push_max_attempts, err);
	if (rc == -1 || db_commit(jd->db) == -1) {
		db_rollback(jd->db);
		return -1;
	}
	if (status < 200 || status >= 300)
		log_warn(NULL, "push: notification %lld attempt %d: %s",
		    (long long)it->id, it->attempts + 1, err);
	return 0;
}
