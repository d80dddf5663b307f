/*
 * handlers.h: one prototype per handler, grouped by resource.
 * Every handler: parse -> validate -> store -> render, returns the status.
 */
#ifndef HANDLERS_H
#define HANDLERS_H

#include "request.h"
#include "response.h"

/* health.c */
int	h_health_get(struct req *, struct resp *);

/* open311.c */
/* (the POSTs are in open311_post.c; see docs/open311.md) */
int	h_open311_discovery(struct req *, struct resp *);
int	h_open311_services_list(struct req *, struct resp *);
int	h_open311_services_get(struct req *, struct resp *);
int	h_open311_requests_list(struct req *, struct resp *);
int	h_open311_requests_create(struct req *, struct resp *);
int	h_open311_requests_get(struct req *, struct resp *);
int	h_open311_tokens_get(struct req *, struct resp *);
int	h_open311_updates_list(struct req *, struct resp *);
int	h_open311_updates_create(struct req *, struct resp *);

#endif
