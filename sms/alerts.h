/*
 * alerts.h: the outbound side of phananh-smsd: turn due SMS notifications
 * into gammu outbox messages (render, choose plain or Vietnamese text,
 * split, queue all parts and mark the row in ONE transaction), and follow
 * the messages through sentitems to sent / delivered / failed (failure:
 * e-mail fallback and the phone flagged). docs/sms.md explains why a crash
 * can neither lose nor duplicate an alert.
 */
#ifndef SMS_ALERTS_H
#define SMS_ALERTS_H

#include <stddef.h>

struct smsd;
struct notify_item;

/* Values for a template: parallel arrays of n keys/values, borrowed. */
#define ALERT_VARS_MAX	24

struct alert_vars {
	const char	*keys[ALERT_VARS_MAX];
	const char	*vals[ALERT_VARS_MAX];
	size_t		 n;
	char		 store[4096];	/* copies of payload values */
	size_t		 used;
};

/*
 * One pass: claim and queue up to conf->batch due SMS notifications, each
 * in its own transaction. *queued gets the number handed to gammu. Stops
 * early when smsd_stop is set. Returns 0, or -1 on a database error (the
 * rows involved stay queued or are rescheduled with backoff).
 */
int	alerts_send(struct smsd *, int *queued);

/*
 * One pass over the rows being followed ('sending', and 'sent' too when
 * with_sent): moves them by their gammu status. *changed counts the rows
 * moved. Returns 0 or -1.
 */
int	alerts_track(struct smsd *, int with_sent, int *changed);

/*
 * Sets key to val in v (replacing an earlier value of key). val is copied
 * into v->store when copy is 1, else borrowed. Returns 0, or -1 when v is
 * full.
 */
int	alert_var_set(struct alert_vars *v, const char *key, const char *val,
	    int copy);

/*
 * Adds the string and integer members of the JSON object text payload to
 * v (copied); other members are ignored. "" adds nothing. Returns 0, or -1
 * on invalid JSON or when v is full.
 */
int	alert_vars_payload(struct alert_vars *v, const char *payload);

/*
 * Renders template name (file dir/name.txt, or dir/name.<lang>.txt when
 * lang is not "vi" and that file exists; trailing newlines dropped) with v
 * into out. name must be [a-z0-9_]+. Returns 0, or -1 with a reason in
 * err (missing file, bad template, unknown placeholder, too long).
 */
int	alert_render(const char *dir, const char *name, const char *lang,
	    const struct alert_vars *v, char *out, size_t outsz, char *err,
	    size_t errsz);

/*
 * Copies utf8 into out, cut after max characters with "…" appended when
 * it was longer. Never cuts inside a character. Returns 0 or -1.
 */
int	alert_shorten(const char *utf8, size_t max, char *out, size_t outsz);

#endif /* SMS_ALERTS_H */
