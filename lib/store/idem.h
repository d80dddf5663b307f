/*
 * idem.h: idempotency keys (table idempotency_keys): the first response to
 * a request is kept under (scope, key) and returned again for a retry. See
 * docs/integration.md "Idempotency" for the protocol around these calls.
 */
#ifndef STORE_IDEM_H
#define STORE_IDEM_H

#include <stddef.h>
#include <time.h>

#include "core/buf.h"
#include "crypto.h"

struct db;

enum idem_claim {
	IDEM_NEW,		/* the key is ours: do the work, then finish */
	IDEM_REPLAY,		/* done before: status and body filled */
	IDEM_PENDING,		/* another request holds it right now */
	IDEM_MISMATCH		/* the key was used for another request */
};

/* sha256 hex of method, '\n', path, '\n' and the raw body. */
void	store_idem_hash(const char *method, const char *path,
	    const char *body, size_t len, char out[CRYPTO_HEX_LEN]);

/*
 * Claims (scope, key) for a request with hash `hash`. A new key is stored
 * as pending (status 0) and committed at once, outside any transaction, so
 * a concurrent retry sees it: the PRIMARY KEY makes exactly one claimant
 * win. A pending row older than stale_s seconds (its owner died between
 * the work and finish) is taken over: the work runs again, and the
 * workflow's state checks keep a transition from applying twice.
 * For IDEM_REPLAY, *status and *body (caller-initialised buffer) hold the
 * stored answer. Must not be called inside a transaction. Returns an
 * enum idem_claim value or -1 on a database error.
 */
int	store_idem_claim(struct db *, const char *scope, const char *key,
	    const char *hash, time_t wall, int stale_s, int *status,
	    struct buf *body);

/*
 * Stores the final answer of a claimed key. May run inside the caller's
 * transaction (then it commits with the work). 0 or -1.
 */
int	store_idem_finish(struct db *, const char *scope, const char *key,
	    int status, const char *body);

/* Forgets a pending claim (the work failed and changed nothing). 0/-1. */
int	store_idem_release(struct db *, const char *scope, const char *key);

#endif
