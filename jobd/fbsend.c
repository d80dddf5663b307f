/*
 * fbsend.c: the "fbsend" job of phananh-jobd: notification rows of channel
 * 'facebook' go to the citizen through the Send API,
 * POST {fb_graph_url}/{fb_graph_version}/me/messages?access_token=…
 * with {"recipient":{"id":PSID},"message":{"text":…}}. Texts come from an
 * administrator's override (templates table, channel 'facebook') or else
 * fb_templates_dir/<template>.txt (default.txt otherwise), with {code}
 * and the payload's members as {name}. A row is claimed with SKIP LOCKED and
 * stays locked while it is sent, so two daemons never send it twice.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/log.h"
#include "db.h"
#include "jobd/intake.h"
#include "jobd/jobd.h"
#include "net/http_client.h"
#include "store/admin.h"
#include "store/notify.h"

#define BATCH		20
#define TEXT_MAX	2000		/* the Send API's limit, bytes here */
#define TMPL_MAX	4096
#define MAX_ATTEMPTS	8

static int	send_one(struct jobd *, const char *, int64_t);
static int	post(struct jobd *, const char *, const struct notify_item *,
		    const char *, char *, size_t);
static int	render(const struct jobd *, const struct notify_item *,
		    struct buf *);
static int	load(const char *, const char *, char *, size_t);
static int	load_override(const struct jobd *, const struct notify_item *,
		    char *, size_t);
static int	value(json_t *, const struct notify_item *, const char *,
		    size_t, struct buf *);

int
jobd_fbsend(struct jobd *jd, time_t now)
{
	int64_t	ids[BATCH];
	char	token[512];
	size_t	n, i;
	int	rc = 0;

	(void)now;
	if (jd->conf.fb_graph_url[0] == '\0')
		return 0;
	if (store_notify_due(jd->db, "facebook", ids, BATCH, &n) == -1)
		return -1;
	if (n == 0)
		return 0;
	if (jobd_read_secret(jd->conf.fb_page_token_file, token,
	    sizeof(token)) == -1) {
		log_err(NULL, "cannot read fb_page_token_file %s",
		    jd->conf.fb_page_token_file);
		return -1;
	}
	if (token[strspn(token, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"
	    "RSTUVWXYZ0123456789-_.")] != '\0') {
		log_err(NULL, "the page token has unexpected characters");
		return -1;
	}
	for (i = 0; i < n; i++)
		if (send_one(jd, token, ids[i]) == -1)
			rc = -1;
	explicit_bzero(token, sizeof(token));
	return rc;
}

/* Claim, render, POST, record; all inside the claim's transaction. */
static int
send_one(struct jobd *jd, const char *token, int64_t id)
{
	struct notify_item	 it;
	struct buf		 text;
	char			 err[300] = "";
	int			 st, changed, rc = -1;

	buf_init(&text, TEXT_MAX * 2);
	if (db_begin(jd->db) == -1)
		goto out;
	st = store_notify_claim(jd->db, id, &it);
	if (st != 0) {
		rc = st == 1 ? 0 : -1;
		goto out;
	}
	if (it.addr[0] == '\0')
		snprintf(err, sizeof(err), "no recipient PSID");
	else if (render(jd, &it, &text) == -1)
		snprintf(err, sizeof(err), "template %s failed", it.tmpl);
	else
		post(jd, token, &it, buf_str(&text), err, sizeof(err));
	if (err[0] == '\0')
		st = store_notify_move(jd->db, id, "queued", "sent", NULL,
		    &changed);
	else
		st = store_notify_retry(jd->db, id, 60 << (it.attempts < 6 ?
		    it.attempts : 6), MAX_ATTEMPTS, err);
	if (st == 0 && db_commit(jd->db) == 0)
		rc = 0;
	if (err[0] != '\0')
		log_warn(NULL, "facebook notification %lld: %s",
		    (long long)id, err);
out:
	db_rollback(jd->db);
	buf_free(&text);
	return rc;
}

/* The Send API call; err stays "" on success. */
static int
post(struct jobd *jd, const char *token, const struct notify_item *it,
    const char *text, char *err, size_t errsz)
{
	struct http_opts	 o;
	struct http_result	 r;
	char			 url[1024];
	char			*body = NULL;
	json_t			*j;
	int			 ack = strcmp(it->tmpl, "ack") == 0 ||
	    strcmp(it->tmpl, "attachment_too_large") == 0;

	/* answers to the user's own message go as RESPONSE; later notices
	 * are outside the 24-hour window and need a message tag */
	j = json_pack("{s:{s:s}, s:{s:s}, s:s}", "recipient", "id", it->addr,
	    "message", "text", text, "messaging_type", ack ? "RESPONSE" :
	    "MESSAGE_TAG");
	if (j != NULL && !ack)
		json_object_set_new(j, "tag", json_string("ACCOUNT_UPDATE"));
	body = j != NULL ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (body == NULL || snprintf(url, sizeof(url),
	    "%s/%s/me/messages?access_token=%s", jd->conf.fb_graph_url,
	    jd->conf.fb_graph_version, token) >= (int)sizeof(url)) {
		snprintf(err, errsz, "cannot build the request");
		free(body);
		return -1;
	}
	memset(&o, 0, sizeof(o));
	o.timeout_ms = 15000;
	if (http_post(url, "application/json", body, strlen(body), &o, NULL,
	    &r) == -1)
		snprintf(err, errsz, "%s", r.err);
	else if (r.status != 200)
		snprintf(err, errsz, "Send API answered HTTP %ld", r.status);
	free(body);
	explicit_bzero(url, sizeof(url));
	return err[0] == '\0' ? 0 : -1;
}

/* {name} replaced by the payload's member name, {code} by the case id. */
static int
render(const struct jobd *jd, const struct notify_item *it, struct buf *out)
{
	char		 t[TMPL_MAX];
	const char	*p, *q;
	json_t		*pl = NULL;
	int		 rc = -1;

	if (load_override(jd, it, t, sizeof(t)) == -1 &&
	    load(jd->conf.fb_templates_dir, it->tmpl, t, sizeof(t)) == -1 &&
	    load(jd->conf.fb_templates_dir, "default", t, sizeof(t)) == -1)
		return -1;
	if (it->payload[0] != '\0')
		pl = json_loads(it->payload, 0, NULL);
	for (p = t; *p != '\0'; p = q + 1) {
		q = strchr(p, '{');
		if (q == NULL) {
			buf_puts(out, p);
			break;
		}
		buf_append(out, p, (size_t)(q - p));
		p = q + 1;
		q = strchr(p, '}');
		if (q == NULL || value(pl, it, p, (size_t)(q - p), out) == -1)
			goto out;
	}
	while (out->len > 0 && out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
	rc = out->len > 0 && out->len <= TEXT_MAX ? 0 : -1;
out:
	json_decref(pl);
	return rc;
}

/* Appends the value of placeholder key[0..n); -1 when unknown. */
static int
value(json_t *pl, const struct notify_item *it, const char *key, size_t n,
    struct buf *out)
{
	char	 k[64];
	json_t	*v;

	if (n == 0 || n >= sizeof(k))
		return -1;
	memcpy(k, key, n);
	k[n] = '\0';
	if (strcmp(k, "code") == 0 && it->case_id > 0)
		return buf_printf(out, "%lld", (long long)it->case_id);
	v = json_object_get(pl, k);
	if (json_is_string(v))
		return buf_puts(out, json_string_value(v));
	if (json_is_integer(v))
		return buf_printf(out, "%lld", (long long)json_integer_value(v));
	log_warn(NULL, "template %s: no value for {%s}", it->tmpl, k);
	return -1;
}

/* dir/name.txt into t. */
static int
load(const char *dir, const char *name, char *t, size_t sz)
{
	char	path[512];
	FILE	*f;
	size_t	n;

	if (strchr(name, '/') != NULL || snprintf(path, sizeof(path),
	    "%s/%s.txt", dir, name) >= (int)sizeof(path))
		return -1;
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	n = fread(t, 1, sz - 1, f);
	fclose(f);
	t[n] = '\0';
	return n > 0 ? 0 : -1;
}

/* The administrator's text for the row's template and language into t;
 * -1 when there is none (or it does not fit). */
static int
load_override(const struct jobd *jd, const struct notify_item *it, char *t,
    size_t sz)
{
	char	*text = NULL;
	int	 rc = -1;

	if (store_adm_template_get(jd->db, "facebook", it->tmpl, it->lang,
	    &text) == 0 && strlen(text) < sz) {
		snprintf(t, sz, "%s", text);
		rc = 0;
	}
	free(text);
	return rc;
}
