/*
 * metrics.c: GET /metrics: the Prometheus text format (version 0.0.4).
 * Request counters, latency histograms and worker exits come from the
 * shared block (fcgi/metrics.c); queue depths, overdue clocks, SMS totals
 * and the daemons' heartbeats from the database (lib/store/gauges.c,
 * heartbeat.c). nginx restricts the path (nginx/prod/metrics.conf).
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "core/buf.h"
#include "handlers.h"
#include "metrics.h"
#include "schema_version.h"
#include "store/gauges.h"
#include "store/heartbeat.h"
#include "store/schema.h"

#define MAX_ROWS	64

static int	head(struct buf *, const char *, const char *, const char *);
static int	queues(struct req *, struct buf *);
static int	notifications(struct req *, struct buf *);
static int	overdue(struct req *, struct buf *);
static int	heartbeats(struct req *, struct buf *);
static int	phones(struct req *, struct buf *);

int
h_metrics_get(struct req *rq, struct resp *rs)
{
	struct buf	*b = &rs->body;
	int		 v = 0, db_ok;

	rs->ctype = "text/plain; version=0.0.4; charset=utf-8";
	if (rq->app->metrics != NULL && metrics_render(rq->app->metrics,
	    b) == -1)
		return 500;
	db_ok = store_schema_version(rq->db, &v) == 0 && queues(rq, b) == 0 &&
	    notifications(rq, b) == 0 && overdue(rq, b) == 0 &&
	    heartbeats(rq, b) == 0 && phones(rq, b) == 0;
	if (head(b, "phananh_schema_version", "gauge", "Applied migration "
	    "(database) and the one this program expects (code).") == -1 ||
	    buf_printf(b, "phananh_schema_version{of=\"database\"} %d\n"
	    "phananh_schema_version{of=\"code\"} %d\n", v,
	    PHANANH_SCHEMA_VERSION) == -1 ||
	    head(b, "phananh_database_up", "gauge", "1 when every database "
	    "query of this scrape succeeded.") == -1 ||
	    buf_printf(b, "phananh_database_up %d\n", db_ok) == -1)
		return 500;
	return 200;
}

static int
head(struct buf *b, const char *name, const char *type, const char *help)
{
	return buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name,
	    type);
}

static int
queues(struct req *rq, struct buf *b)
{
	struct gauge_outbox	o;
	int64_t			n;

	if (store_gauges_intake(rq->db, &n) == -1 ||
	    store_gauges_outbox(rq->db, &o) == -1)
		return -1;
	if (head(b, "phananh_intake_queue_cases", "gauge", "Cases waiting "
	    "for the intake check (state received).") == -1 ||
	    buf_printf(b, "phananh_intake_queue_cases %lld\n",
	    (long long)n) == -1 ||
	    head(b, "phananh_gammu_outbox_messages", "gauge", "Messages in "
	    "gammu-smsd's outbox table, not yet taken by a modem.") == -1 ||
	    buf_printf(b, "phananh_gammu_outbox_messages %lld\n",
	    (long long)o.rows) == -1 ||
	    head(b, "phananh_gammu_outbox_oldest_age_seconds", "gauge", "Age "
	    "of the oldest message in gammu's outbox (0 when empty).") == -1 ||
	    buf_printf(b, "phananh_gammu_outbox_oldest_age_seconds %lld\n",
	    (long long)o.oldest_age_s) == -1)
		return -1;
	return 0;
}

/* By channel and state, and the SMS sent/failed totals from the same rows. */
static int
notifications(struct req *rq, struct buf *b)
{
	struct gauge_row	r[MAX_ROWS];
	size_t			n, i;
	int64_t			sent = 0, failed = 0;

	if (store_gauges_notifications(rq->db, r, MAX_ROWS, &n) == -1 ||
	    head(b, "phananh_notifications", "gauge", "Notification rows by "
	    "channel and state.") == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (buf_printf(b, "phananh_notifications{channel=\"%s\","
		    "state=\"%s\"} %lld\n", r[i].a, r[i].b,
		    (long long)r[i].n) == -1)
			return -1;
		if (strcmp(r[i].a, "sms") != 0)
			continue;
		if (strcmp(r[i].b, "sent") == 0 ||
		    strcmp(r[i].b, "delivered") == 0)
			sent += r[i].n;
		else if (strcmp(r[i].b, "failed") == 0 ||
		    strcmp(r[i].b, "dead") == 0)
			failed += r[i].n;
	}
	if (head(b, "phananh_sms_sent_messages", "gauge", "SMS notifications "
	    "gammu-smsd sent (state sent or delivered).") == -1 ||
	    buf_printf(b, "phananh_sms_sent_messages %lld\n",
	    (long long)sent) == -1 ||
	    head(b, "phananh_sms_failed_messages", "gauge", "SMS notifications "
	    "given up on (state failed or dead).") == -1 ||
	    buf_printf(b, "phananh_sms_failed_messages %lld\n",
	    (long long)failed) == -1)
		return -1;
	return 0;
}

static int
overdue(struct req *rq, struct buf *b)
{
	struct gauge_row	r[MAX_ROWS];
	size_t			n, i;

	if (store_gauges_overdue(rq->db, rq->now, r, MAX_ROWS, &n) == -1 ||
	    head(b, "phananh_overdue_timers", "gauge", "Running stage clocks "
	    "past their deadline, by stage.") == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (buf_printf(b, "phananh_overdue_timers{stage=\"%s\"} %lld\n",
		    r[i].a, (long long)r[i].n) == -1)
			return -1;
	return 0;
}

static int
heartbeats(struct req *rq, struct buf *b)
{
	struct heartbeat_last	h[MAX_ROWS];
	size_t			n, i;

	if (store_heartbeat_list(rq->db, h, MAX_ROWS, &n) == -1 ||
	    head(b, "phananh_daemon_last_ok_timestamp_seconds", "gauge",
	    "End of each daemon's last successful loop (Unix time).") == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (buf_puts(b, "phananh_daemon_last_ok_timestamp_seconds"
		    "{daemon=\"") == -1 || metrics_label(b, h[i].name) == -1 ||
		    buf_printf(b, "\"} %lld\n", (long long)h[i].last_ok) == -1)
			return -1;
	return 0;
}

/* gammu-smsd refreshes its phones row every StatusFrequency seconds. */
static int
phones(struct req *rq, struct buf *b)
{
	struct gauge_phone	p[MAX_ROWS];
	size_t			n, i;

	if (store_gauges_phones(rq->db, p, MAX_ROWS, &n) == -1 ||
	    head(b, "phananh_gammu_phone_updated_timestamp_seconds", "gauge",
	    "Last status update of each gammu-smsd (phones.UpdatedInDB).") == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (buf_puts(b, "phananh_gammu_phone_updated_timestamp_seconds"
		    "{phone=\"") == -1 || metrics_label(b, p[i].id) == -1 ||
		    buf_printf(b, "\"} %lld\n", (long long)p[i].updated) == -1)
			return -1;
	return 0;
}
