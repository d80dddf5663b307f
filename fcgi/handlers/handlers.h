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

#endif
