/*
 * routes.c: every endpoint phananh-fcgi serves. Read this file first.
 * Keep it sorted by path, then method. docs/openapi.yaml mirrors it (a test
 * checks that both list the same routes).
 */
#include "handlers/handlers.h"
#include "router.h"
#include "workflow.h"

#define STAFF	(R_STAFF)
#define WRITE	(R_STAFF | R_CSRF | R_JSON)
#define CENTER	(WF_ROLE_RECEPTION | WF_ROLE_PUBLISHER | WF_ROLE_MONITOR)
#define REPORTS	(WF_ROLE_MONITOR | WF_ROLE_LEADER | WF_ROLE_AGENCY_ADMIN)

const struct route app_routes[] = {
	/* method	path					handler			flags	roles */
	{ M_POST,	"/api/v1/auth/login",			h_auth_login,		R_JSON,	0 },
	{ M_POST,	"/api/v1/auth/logout",			h_auth_logout,		STAFF | R_CSRF, 0 },
	{ M_GET,	"/api/v1/auth/me",			h_auth_me,		STAFF,	0 },
	{ M_POST,	"/api/v1/cases",			h_cases_create,		WRITE,	WF_ROLE_RECEPTION },
	{ M_GET,	"/api/v1/cases/:code",			h_cases_get,		STAFF,	0 },
	{ M_POST,	"/api/v1/cases/:code/actions/:action",	h_cases_action,		WRITE,	0 },
	{ M_POST,	"/api/v1/cases/:code/notes",		h_cases_note,		WRITE,	0 },
	{ M_GET,	"/api/v1/cases/:code/suggestions",	h_cases_suggestions,	STAFF,	CENTER },
	{ M_GET,	"/api/v1/health",			h_health_get,		0,	0 },
	{ M_GET,	"/api/v1/meta",				h_meta_get,		0,	0 },
	{ M_GET,	"/api/v1/public/cases",			h_public_list,		0,	0 },
	{ M_GET,	"/api/v1/public/cases/:code",		h_public_get,		0,	0 },
	{ M_GET,	"/api/v1/queues/:queue",		h_queues_get,		STAFF,	0 },
	{ M_POST,	"/api/v1/reports",			h_reports_create,	R_JSON,	0 },
	{ M_GET,	"/api/v1/track/:token",			h_track_get,		0,	0 },
	{ M_POST,	"/api/v1/track/:token/actions/:action",	h_track_action,		R_JSON,	0 },
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
	/* reports: stats.c, reportdocs.c, notice.c, exports.c */
	{ M_GET,	"/api/v1/exports/cases",
	    h_exports_cases,	STAFF,	REPORTS | CENTER },
	{ M_GET,	"/api/v1/public/cases/:code/notice.pdf",
	    h_public_notice_pdf,	0,	0 },
	{ M_GET,	"/api/v1/reports/:type",
	    h_reportdocs_get,	STAFF,	REPORTS },
	{ M_POST,	"/api/v1/reports/:type/narrative",
	    h_reportdocs_narrative,	WRITE,	REPORTS },
	{ M_GET,	"/api/v1/stats/overview",
	    h_stats_overview,	STAFF,	REPORTS },
	{ M_GET,	"/api/v1/track/:token/notice.pdf",
	    h_track_notice_pdf,	0,	0 },
	{ 0 }
};
