/*
 * router.h: maps (method, path) to a handler and enforces route flags.
 * It does not talk to the database; handlers and lib/store do.
 */
#ifndef ROUTER_H
#define ROUTER_H

#include "request.h"
#include "response.h"

typedef int (*handler_fn)(struct req *, struct resp *);

/* Route flags, enforced before the handler runs. */
#define R_JSON		0x01	/* body must be a JSON object: rq->json */
#define R_STAFF		0x02	/* staff session required: rq->who */
#define R_CSRF		0x04	/* X-CSRF-Token must match the session */
#define R_APIKEY	0x08	/* agency API key required (sync API) */
#define R_OPTSTAFF	0x10	/* load the staff session if present */
#define R_FORM		0x20	/* body must be form-encoded */

struct route {
	enum method	 method;
	const char	*path;		/* "/api/v1/cases/:code" */
	handler_fn	 fn;
	unsigned	 flags;
	unsigned	 roles;		/* required WF_ROLE_* (any); 0 = none */
};

extern const struct route app_routes[];

/* Runs the matching handler; returns the HTTP status to send. */
int	router_dispatch(const struct route *, struct req *, struct resp *);
/*
 * Pure matching, for tests: returns the route for method+path and fills
 * captures, or NULL with *status set to 404 or 405.
 */
const struct route *router_match(const struct route *, struct req *,
	    int *status);

/* Hooks implemented by handlers/auth.c. Return 0 or an HTTP status. */
int	auth_staff(struct req *, struct resp *, unsigned flags);
int	auth_apikey(struct req *, struct resp *);

#endif
