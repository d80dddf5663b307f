/*
 * facebook.c: the Facebook page webhook, /api/v1/webhooks/facebook.
 * GET answers Meta's subscription challenge; POST checks the
 * X-Hub-Signature-256 of the raw body with the app secret, stores every
 * page message once (fb_events, keyed by mid: a repeated delivery adds
 * nothing) and answers at once. phananh-jobd turns the stored events into
 * cases or replies (jobd/facebook.c), since attachments must be fetched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/log.h"
#include "core/parse.h"
#include "crypto.h"
#include "handlers.h"
#include "handlers/common.h"
#include "store/intake.h"

#define CHALLENGE_MAX	128
#define PSID_MAX	63

static int	signed_ok(const struct req *);
static int	store_events(struct req *, json_t *, int *);
static int	store_one(struct req *, json_t *, int *);
static int	challenge_ok(const char *);

int
fb_webhook_init(struct app *app)
{
	const char	*path = app->conf.fb_app_secret_file;
	FILE		*f;
	size_t		 n;

	app->fb_app_secret[0] = '\0';
	if (path[0] == '\0')
		return 0;		/* webhook off */
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	if (fgets(app->fb_app_secret, sizeof(app->fb_app_secret), f) == NULL)
		app->fb_app_secret[0] = '\0';
	fclose(f);
	n = strlen(app->fb_app_secret);
	while (n > 0 && strchr(" \t\r\n", app->fb_app_secret[n - 1]) != NULL)
		app->fb_app_secret[--n] = '\0';
	return n > 0 ? 0 : -1;
}

int
h_webhooks_facebook_get(struct req *rq, struct resp *rs)
{
	const char	*mode = req_query(rq, "hub.mode");
	const char	*tok = req_query(rq, "hub.verify_token");
	const char	*ch = req_query(rq, "hub.challenge");
	const char	*want = rq->app->conf.fb_verify_token;

	if (want[0] == '\0')
		return resp_error(rs, 404, "not_found", NULL, "the Facebook "
		    "webhook is not configured");
	if (mode == NULL || strcmp(mode, "subscribe") != 0 || tok == NULL ||
	    !str_ct_equal(tok, want) || !challenge_ok(ch))
		return resp_error(rs, 403, "forbidden", NULL, "verification "
		    "failed");
	rs->ctype = "text/plain; charset=utf-8";
	buf_puts(&rs->body, ch);
	return 200;
}

int
h_webhooks_facebook_create(struct req *rq, struct resp *rs)
{
	json_t		*root;
	json_error_t	 je;
	int		 added = 0, st;

	if (rq->app->fb_app_secret[0] == '\0')
		return resp_error(rs, 404, "not_found", NULL, "the Facebook "
		    "webhook is not configured");
	if (!signed_ok(rq))
		return resp_error(rs, 403, "bad_signature", NULL,
		    "X-Hub-Signature-256 does not match the body");
	root = json_loadb(rq->body != NULL ? rq->body : "", rq->body_len,
	    JSON_REJECT_DUPLICATES, &je);
	if (!json_is_object(root)) {
		json_decref(root);
		return resp_error(rs, 400, "invalid_json", NULL, "%s", je.text);
	}
	st = store_events(rq, root, &added);
	json_decref(root);
	if (st == -1)
		return 500;		/* Meta retries the delivery */
	return resp_json(rs, json_pack("{s:i}", "stored", added)) == -1 ?
	    500 : 200;
}

/* sha256=<hex of HMAC-SHA256(app secret, raw body)>, constant time. */
static int
signed_ok(const struct req *rq)
{
	const char	*sig = req_param(rq, "HTTP_X_HUB_SIGNATURE_256");
	char		 hex[CRYPTO_HEX_LEN], got[CRYPTO_HEX_LEN];
	size_t		 i;

	if (sig == NULL || strncmp(sig, "sha256=", 7) != 0 ||
	    strlen(sig + 7) != CRYPTO_HEX_LEN - 1)
		return 0;
	for (i = 0; i < CRYPTO_HEX_LEN - 1; i++)	/* hex is lower case */
		got[i] = (char)(sig[7 + i] >= 'A' && sig[7 + i] <= 'F' ?
		    sig[7 + i] - 'A' + 'a' : sig[7 + i]);
	got[i] = '\0';
	crypto_hmac_sha256_hex(rq->app->fb_app_secret, rq->body != NULL ?
	    rq->body : "", rq->body_len, hex);
	return str_ct_equal(hex, got);
}

/* Every entry[].messaging[] event that is a page message from a user. */
static int
store_events(struct req *rq, json_t *root, int *added)
{
	json_t	*entries = json_object_get(root, "entry"), *e, *m;
	size_t	 i, j;

	if (!json_is_string(json_object_get(root, "object")) || strcmp(
	    json_string_value(json_object_get(root, "object")), "page") != 0)
		return 0;		/* not a page subscription: nothing */
	json_array_foreach(entries, i, e) {
		json_array_foreach(json_object_get(e, "messaging"), j, m) {
			if (store_one(rq, m, added) == -1)
				return -1;
		}
	}
	return 0;
}

static int
store_one(struct req *rq, json_t *ev, int *added)
{
	json_t		*msg = json_object_get(ev, "message");
	struct fb_event	 fe;
	const char	*mid, *psid;
	json_int_t	 ms;
	int		 n = 0, rc;

	if (!json_is_object(msg) || json_is_true(json_object_get(msg,
	    "is_echo")))
		return 0;		/* our own replies, reads, postbacks */
	mid = jstr(msg, "mid");
	psid = jstr(json_object_get(ev, "sender"), "id");
	if (mid == NULL || psid == NULL || strlen(mid) >= FB_MID_MAX ||
	    strlen(psid) > PSID_MAX || *mid == '\0' || *psid == '\0')
		return 0;
	memset(&fe, 0, sizeof(fe));
	snprintf(fe.mid, sizeof(fe.mid), "%s", mid);
	snprintf(fe.psid, sizeof(fe.psid), "%s", psid);
	ms = json_integer_value(json_object_get(ev, "timestamp"));
	/* B3: Meta's receipt time, unless it is implausible */
	fe.received_at = ms / 1000 > rq->now - 7 * 86400 &&
	    ms / 1000 <= rq->now + 300 ? (time_t)(ms / 1000) : rq->now;
	fe.payload = json_dumps(ev, JSON_COMPACT);
	if (fe.payload == NULL)
		return -1;
	rc = store_fb_event_add(rq->db, &fe, rq->now, &n);
	free(fe.payload);
	*added += n;
	return rc;
}

/* Meta sends a number; anything else is not echoed back. */
static int
challenge_ok(const char *ch)
{
	size_t	n;

	if (ch == NULL)
		return 0;
	n = strspn(ch, "0123456789abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_");
	return n > 0 && n <= CHALLENGE_MAX && ch[n] == '\0';
}
