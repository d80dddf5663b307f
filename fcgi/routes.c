/*
 * routes.c: every endpoint phananh-fcgi serves. Read this file first.
 * Keep it sorted by path, then method. docs/openapi.yaml mirrors it (a test
 * checks that both list the same routes).
 */
#include "handlers/handlers.h"
#include "router.h"

const struct route app_routes[] = {
	/* method	path			handler		flags	roles */
	{ M_GET,	"/api/v1/health",	h_health_get,	0,	0 },
	{ 0 }
};
