/*
 * webhooks.c: the webhook job of phananh-jobd: queue a delivery for every
 * new event of an agency with webhooks (lib/store/webhooks.c), then POST
 * the due ones, signed with HMAC-SHA256, retrying with exponential backoff
 * until webhook_max_attempts, then dead-letter. Requests never wait for
 * this: it runs only here, in the daemon.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "crypto.h"
#include "jobd/jobd.h"
#include "model/sync.h"
#include "net/http_client.h"
#include "store/webhooks.h"

#define CLAIM_MAX	20	/* deliveries per claim */
#define SCAN_BATCH	200	/* events per webhook per scan */

static int	send_one(struct jobd *, const struct wh_job *, time_t);
static int	post(const struct jobd *, const struct wh_job *, const char *,
		    struct http_result *);

int
jobd_webhooks(struct jobd *jd, time_t now)
{
	struct wh_job	*jobs = NULL;
	size_t		 n = 0, i;
	int		 queued = 0, rc = -1, lease;

	if (store_webhook_scan(jd->db, now, SCAN_BATCH, &queued) == -1)
		log_warn(NULL, "webhooks: scanning new events failed");
	if (queued > 0)
		log_debug(NULL, "webhooks: %d deliveries queued", queued);
	jobs = calloc(CLAIM_MAX, sizeof(*jobs));
	if (jobs == NULL)
		goto out;
	/* the lease covers the whole batch at the worst timeout */
	lease = (int)(((long)jd->conf.webhook_timeout_ms * CLAIM_MAX) / 1000) +
	    60;
	if (store_webhook_claim(jd->db, now, lease, jobs, CLAIM_MAX, &n) == -1)
		goto out;
	rc = 0;
	for (i = 0; i < n; i++)
		if (send_one(jd, &jobs[i], now) == -1)
			rc = -1;
out:
	free(jobs);
	return rc;
}

/* One attempt and its outcome; 0 unless the outcome could not be stored. */
static int
send_one(struct jobd *jd, const struct wh_job *j, time_t now)
{
	struct http_result	 res;
	char			*body = NULL;
	int			 st, ok, dead;
	time_t			 retry;

	memset(&res, 0, sizeof(res));
	st = store_webhook_payload(jd->db, j->event_id, &body);
	if (st == 0 && post(jd, j, body, &res) == 0)
		ok = res.status >= 200 && res.status < 300;
	else
		ok = 0;
	if (st == 1)
		snprintf(res.err, sizeof(res.err), "%s", "event not found");
	else if (!ok && res.err[0] == '\0')
		snprintf(res.err, sizeof(res.err), "HTTP %ld", res.status);
	dead = !ok && (st == 1 || j->attempts >= jd->conf.webhook_max_attempts);
	retry = now + model_backoff_s(jd->conf.webhook_backoff_s, j->attempts);
	if (!ok)
		log_info(NULL, "webhook delivery %lld (event %lld) attempt %d: "
		    "%s%s", (long long)j->id, (long long)j->event_id,
		    j->attempts, res.err, dead ? "; dead" : "");
	free(body);
	return store_webhook_result(jd->db, j->id, ok, dead, res.status,
	    ok ? NULL : res.err, now, retry);
}

static int
post(const struct jobd *jd, const struct wh_job *j, const char *body,
    struct http_result *res)
{
	char			 sig[CRYPTO_HEX_LEN], h_sig[96], h_ev[64], h_dl[64];
	const char		*hdrs[] = { h_sig, h_ev, h_dl,
	    "User-Agent: phananh-webhooks/1", NULL };
	struct http_opts	 o;

	crypto_hmac_sha256_hex(j->secret, body, strlen(body), sig);
	snprintf(h_sig, sizeof(h_sig), "X-Phananh-Signature: sha256=%s", sig);
	snprintf(h_ev, sizeof(h_ev), "X-Phananh-Event-Id: %lld",
	    (long long)j->event_id);
	snprintf(h_dl, sizeof(h_dl), "X-Phananh-Delivery: %lld",
	    (long long)j->id);
	memset(&o, 0, sizeof(o));
	o.timeout_ms = jd->conf.webhook_timeout_ms;
	o.connect_timeout_ms = jd->conf.webhook_timeout_ms;
	o.headers = hdrs;
	o.max_response = 64 * 1024;
	return http_post(j->url, "application/json", body, strlen(body), &o,
	    NULL, res);
}
