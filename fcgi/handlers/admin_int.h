/*
 * admin_int.h: helpers shared by the administration handlers
 * (fcgi/handlers/admin*.c, routes under /api/v1/admin).
 */
#ifndef HANDLERS_ADMIN_INT_H
#define HANDLERS_ADMIN_INT_H

#include "request.h"
#include "response.h"
#include "store/admin.h"

/* The acting administrator of the request (borrows rq's strings). */
void	adm_req_who(const struct req *, struct adm_who *);
/* The standard error body from *e (with "line" for calendar errors);
 * returns the status. */
int	adm_resp_err(struct resp *, const struct adm_err *);
/* resp_json of {"items": arr}; returns 200. Steals arr. */
int	adm_resp_items(struct resp *, json_t *arr);

#endif
