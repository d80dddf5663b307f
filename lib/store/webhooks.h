/*
 * webhooks.h: agencies' webhook registrations and the delivery queue
 * (tables webhooks, webhook_deliveries; docs/integration.md "Webhooks").
 * The API side registers, lists, deletes and redelivers; phananh-jobd
 * (jobd/webhooks.c) scans new events into deliveries, claims due ones,
 * sends them and records the outcome.
 */
#ifndef STORE_WEBHOOKS_H
#define STORE_WEBHOOKS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "crypto.h"

struct db;

#define WEBHOOKS_PER_ORG	10

/*
 * Registers url for org with a new random secret (written to secret, to
 * be shown once). Deliveries start with the events after the newest one
 * at this moment. 0 (id set), 1 (the organisation has WEBHOOKS_PER_ORG
 * active webhooks already), -1.
 */
int	store_webhook_create(struct db *, int64_t org, const char *url,
	    time_t now, int64_t *id, char secret[CRYPTO_TOKEN_LEN]);
/* The organisation's active webhooks, no secrets. *out: new reference. */
int	store_webhook_list(struct db *, int64_t org, json_t **out);
/*
 * Deactivates a webhook of org and turns its undelivered deliveries dead
 * ("webhook deleted"). 0, 1 (no such active webhook of org), -1.
 */
int	store_webhook_delete(struct db *, int64_t org, int64_t id, time_t now);
/*
 * Deliveries of webhook `hook` of org, newest first, at most limit;
 * state NULL = any. 0, 1 (no such webhook of org), -1. *out: new ref.
 */
int	store_webhook_deliveries(struct db *, int64_t org, int64_t hook,
	    const char *state, int limit, json_t **out);
/*
 * Queues a delivery again now with a fresh set of attempts. 0, 1 (no such
 * delivery of this webhook of org), 2 (it is being sent right now), -1.
 */
int	store_webhook_redeliver(struct db *, int64_t org, int64_t hook,
	    int64_t delivery, time_t now);

/*
 * phananh-jobd: for each active webhook, reads the organisation's new
 * events with store_sync_feed (at most `batch` per webhook) and, in one
 * transaction, inserts one queued delivery per event and advances the
 * webhook's cursor (only if no other daemon advanced it meanwhile).
 * *queued counts the new deliveries. 0 or -1.
 */
int	store_webhook_scan(struct db *, time_t now, int batch, int *queued);

/* One claimed delivery. */
struct wh_job {
	int64_t	 id;
	int64_t	 event_id;
	int	 attempts;		/* including the one about to run */
	char	 url[1025];
	char	 secret[129];
};

/*
 * Claims up to max due deliveries (queued or failed with next_attempt_at
 * <= now, or 'sending' whose lease ran out) with FOR UPDATE SKIP LOCKED,
 * marks them sending with a lease of lease_s seconds and counts the
 * attempt. Fills jobs[0..*n). 0 or -1.
 */
int	store_webhook_claim(struct db *, time_t now, int lease_s,
	    struct wh_job *jobs, size_t max, size_t *n);

/*
 * The JSON body for an event: {"id", "type", "case", "at", "data":
 * {"from", "to", "agency", "actor", "note"}} (no note for a state-secret
 * case). *body is malloc'd; the caller frees it. 0, 1 (event gone), -1.
 */
int	store_webhook_payload(struct db *, int64_t event_id, char **body);

/*
 * Records an attempt: delivered (ok != 0), or failed to retry at
 * retry_at, or dead when dead != 0. status is the HTTP status (0 when
 * none), err a short reason or NULL. 0 or -1.
 */
int	store_webhook_result(struct db *, int64_t delivery, int ok, int dead,
	    long status, const char *err, time_t now, time_t retry_at);

#endif
