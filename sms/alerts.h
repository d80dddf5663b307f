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

#endif /* SMS_ALERTS_H */
