/*
 * sync.h: the pure rules of the agency sync API and webhooks (docs/
 * integration.md): which actions an agency system may post, what an
 * Idempotency-Key and a webhook URL look like, the retry schedule.
 * No database, no network, no allocation.
 */
#ifndef MODEL_SYNC_H
#define MODEL_SYNC_H

#include <stddef.h>
#include <time.h>

#include "workflow.h"

/* Longest Idempotency-Key and external_ref we store (both VARCHAR(128)). */
#define SYNC_KEY_MAX		128
#define SYNC_URL_MAX		1024
/* Backoff never waits longer than this between two attempts. */
#define SYNC_BACKOFF_CAP_S	86400

/* What a sync action name means. */
struct sync_action {
	const char	*name;		/* as in the URL: "accept" */
	int		 workflow;	/* 1: a transition; 0: a note event */
	enum wf_action	 action;	/* the transition when workflow == 1 */
};

/*
 * Looks up the action in /api/sync/v1/cases/:code/actions/:action:
 * accept, return_not_competent, submit_result, approve,
 * submit_clarification, approve_clarification (transitions) and note,
 * progress (events that change no state). Returns 0 and sets *out to a
 * static row, or -1 for any other name (NULL included).
 */
int	model_sync_action(const char *name, const struct sync_action **out);

/*
 * 0 when key is a usable Idempotency-Key or external_ref: 1..128 bytes of
 * printable ASCII without spaces (0x21-0x7e). -1 otherwise (NULL too).
 */
int	model_sync_key_ok(const char *key);

/*
 * Checks a webhook URL: "http://" or "https://" (lower case), a non-empty
 * host, at most SYNC_URL_MAX bytes, no spaces or control characters, no
 * user:password@. Returns 0, or -1 with a static reason in *why.
 */
int	model_webhook_url_ok(const char *url, const char **why);

/*
 * Seconds to wait after the attempt number `attempts` (1 = the first one)
 * failed: base * 2^(attempts-1), capped at SYNC_BACKOFF_CAP_S. base < 1
 * counts as 1; attempts < 1 as 1.
 */
long	model_backoff_s(int base, int attempts);

#endif
