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
	/* open311.c, open311_post.c: ":fmt" is xml or json; ":code", ":id"
	 * and ":token" end in ".xml"/".json", split by the handler */
	{ M_GET,	"/open311/discovery.:fmt",
	    h_open311_discovery,	0,	0 },
	{ M_GET,	"/open311/v2/requests.:fmt",
	    h_open311_requests_list,	0,	0 },
	{ M_POST,	"/open311/v2/requests.:fmt",
	    h_open311_requests_create,	0,	0 },
	{ M_GET,	"/open311/v2/requests/:id",
	    h_open311_requests_get,	0,	0 },
	{ M_GET,	"/open311/v2/servicerequestupdates.:fmt",
	    h_open311_updates_list,	0,	0 },
	{ M_POST,	"/open311/v2/servicerequestupdates.:fmt",
	    h_open311_updates_create,	0,	0 },
	{ M_GET,	"/open311/v2/services.:fmt",
	    h_open311_services_list,	0,	0 },
	{ M_GET,	"/open311/v2/services/:code",
	    h_open311_services_get,	0,	0 },
	{ M_GET,	"/open311/v2/tokens/:token",
	    h_open311_tokens_get,	0,	0 },
	{ 0 }
};
