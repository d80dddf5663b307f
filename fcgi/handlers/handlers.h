/*
 * handlers.h: one prototype per handler, grouped by resource.
 * Every handler: parse -> validate -> store -> render, returns the status.
 */
#ifndef HANDLERS_H
#define HANDLERS_H

#include "request.h"
#include "response.h"

/* actions.c */
int	h_cases_action(struct req *, struct resp *);
int	h_track_action(struct req *, struct resp *);
/* auth.c */
int	h_auth_login(struct req *, struct resp *);
int	h_auth_logout(struct req *, struct resp *);
int	h_auth_me(struct req *, struct resp *);
/* cases.c */
int	h_cases_get(struct req *, struct resp *);
int	h_cases_note(struct req *, struct resp *);
int	h_cases_suggestions(struct req *, struct resp *);
/* health.c */
int	h_health_get(struct req *, struct resp *);
/* lists.c */
int	h_meta_get(struct req *, struct resp *);
int	h_public_get(struct req *, struct resp *);
int	h_public_list(struct req *, struct resp *);
int	h_queues_get(struct req *, struct resp *);
/* reports.c */
int	h_cases_create(struct req *, struct resp *);
int	h_reports_create(struct req *, struct resp *);
/* track.c */
int	h_track_get(struct req *, struct resp *);

/* reports: stats.c, reportdocs.c, notice.c, exports.c */
int	h_stats_overview(struct req *, struct resp *);
int	h_reportdocs_get(struct req *, struct resp *);
int	h_reportdocs_narrative(struct req *, struct resp *);
int	h_public_notice_pdf(struct req *, struct resp *);
int	h_track_notice_pdf(struct req *, struct resp *);
int	h_exports_cases(struct req *, struct resp *);

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
