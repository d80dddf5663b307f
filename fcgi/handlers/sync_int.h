/*
 * sync_int.h: helpers shared by the agency sync API handlers (sync.c,
 * sync_actions.c, sync_hooks.c); not for other handlers.
 */
#ifndef HANDLERS_SYNC_INT_H
#define HANDLERS_SYNC_INT_H

#include "request.h"
#include "response.h"

/* A pending idempotency key older than this is taken over (seconds). */
#define SYNC_IDEM_STALE_S	120

/*
 * Checks what the router's R_APIKEY cannot: when nginx verified a client
 * certificate (SSL_CLIENT_VERIFY=SUCCESS, PHANANH_AGENCY set; deploy.md
 * §5.4), the API key must belong to that same agency. Returns 0, or the
 * error status with the body set (403 certificate_mismatch).
 */
int		 sync_scope(struct req *, struct resp *);
/* "org:<id>" of the calling agency, in the request arena. */
const char	*sync_idem_scope(struct req *);
/*
 * Sends a stored idempotent answer again: status, the stored bytes as
 * the body, and "Idempotent-Replayed: true". Returns status.
 */
int		 sync_replay(struct resp *, int status, const char *body);

#endif
