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
/* reveal.c */
int	h_reveal_create(struct req *, struct resp *);
int	h_reveal_decide(struct req *, struct resp *);
/* reports.c */
int	h_cases_create(struct req *, struct resp *);
int	h_reports_create(struct req *, struct resp *);
/* track.c */
int	h_track_get(struct req *, struct resp *);

/* notifications.c, overdue.c (issue 4: feed, failed deliveries, overdue) */
int	h_notifications_list(struct req *, struct resp *);
int	h_notifications_read(struct req *, struct resp *);
int	h_notifications_failed(struct req *, struct resp *);
int	h_notifications_retry(struct req *, struct resp *);
int	h_overdue_list(struct req *, struct resp *);
/* media.c (issue 6; req_media_refs is in handlers/media.h) */
int	h_media_create(struct req *, struct resp *);
int	h_media_get(struct req *, struct resp *);
int	h_media_hide(struct req *, struct resp *);
int	h_media_unhide(struct req *, struct resp *);

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
/* ops: metrics.c (Prometheus text format; nginx restricts the path) */
int	h_metrics_get(struct req *, struct resp *);

/* admin.c, admin_more.c: /api/v1/admin (issue 11, docs/admin.md) */
int	h_admin_list(struct req *, struct resp *);
int	h_admin_get(struct req *, struct resp *);
int	h_admin_create(struct req *, struct resp *);
int	h_admin_update(struct req *, struct resp *);
int	h_admin_delete(struct req *, struct resp *);
int	h_admin_user_deactivate(struct req *, struct resp *);
int	h_admin_org_deactivate(struct req *, struct resp *);
int	h_admin_deadlines_list(struct req *, struct resp *);
int	h_admin_deadline_set(struct req *, struct resp *);
int	h_admin_routing_list(struct req *, struct resp *);
int	h_admin_routing_set(struct req *, struct resp *);
int	h_admin_routing_delete(struct req *, struct resp *);
int	h_admin_calendar_check(struct req *, struct resp *);
int	h_admin_calendar_preview(struct req *, struct resp *);
int	h_admin_templates_list(struct req *, struct resp *);
int	h_admin_template_put(struct req *, struct resp *);
int	h_admin_template_delete(struct req *, struct resp *);
int	h_admin_template_preview(struct req *, struct resp *);
int	h_admin_apikeys_list(struct req *, struct resp *);
int	h_admin_apikey_create(struct req *, struct resp *);
int	h_admin_apikey_rotate(struct req *, struct resp *);
int	h_admin_apikey_revoke(struct req *, struct resp *);
int	h_admin_audit_list(struct req *, struct resp *);
int	h_admin_audit_export(struct req *, struct resp *);
int	h_admin_export(struct req *, struct resp *);
/* sync.c, sync_actions.c, sync_hooks.c: the agency sync API
 * (docs/integration.md) */
int	h_sync_feed(struct req *, struct resp *);
int	h_sync_case_get(struct req *, struct resp *);
int	h_sync_action(struct req *, struct resp *);
int	h_sync_case_register(struct req *, struct resp *);
int	h_sync_hooks_create(struct req *, struct resp *);
int	h_sync_hooks_list(struct req *, struct resp *);
int	h_sync_hooks_delete(struct req *, struct resp *);
int	h_sync_deliveries_list(struct req *, struct resp *);
int	h_sync_deliveries_redeliver(struct req *, struct resp *);
/* facebook.c: the Facebook page webhook */
struct app;
/* Reads the app secret (conf fb_app_secret_file) into app; 0 or -1. */
int	fb_webhook_init(struct app *);
int	h_webhooks_facebook_get(struct req *, struct resp *);
int	h_webhooks_facebook_create(struct req *, struct resp *);

#endif
