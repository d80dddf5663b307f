/*
 * notify.h: the notifications outbox as the delivery daemons see it:
 * claiming due rows (row locks with SKIP LOCKED, so several daemons never
 * send one row twice), state changes, retry with backoff, the e-mail
 * fallback, and the few reads phananh-smsd needs about officers and cases.
 * SQL lives in notify.c. Times are UTC (the session time zone is +00:00).
 * States: queued -> sending -> sent -> delivered, or failed / dead.
 */
#ifndef STORE_NOTIFY_H
#define STORE_NOTIFY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;

#define NOTIFY_PAYLOAD_MAX	4096

/* A claimed notification with what is needed to deliver it. */
struct notify_item {
	int64_t	id;
	int64_t	case_id;		/* 0 = none */
	int64_t	event_id;		/* 0 = none */
	int64_t	user_id;		/* recipient user, 0 = a citizen */
	char	addr[256];		/* recipient_addr (may be "") */
	char	tmpl[65];
	char	lang[3];
	char	payload[NOTIFY_PAYLOAD_MAX];	/* JSON text or "" */
	int	payload_cut;		/* payload too long: left out */
	int	attempts;
};

/* The recipient user of an item (store_notify_user). */
struct notify_user {
	char	phone[17];		/* E.164 or "" */
	int	sms_plain;
	int	active;
};

/* A row whose gammu message is being followed. */
struct notify_track {
	int64_t	id;
	int64_t	outbox_id;
	int	sending;		/* 1 = state sending, 0 = sent */
};

/* A new notification (store_notify_enqueue); pointers borrowed. */
struct notify_new {
	const char	*channel;	/* "sms", "email", ... */
	int64_t		 case_id, event_id, user_id;	/* 0 = NULL */
	const char	*addr;		/* NULL = resolve from the user */
	const char	*tmpl;
	const char	*lang;		/* NULL = "vi" */
	const char	*payload;	/* JSON text or NULL */
};

/* An officer found by phone number. */
struct notify_officer {
	int64_t		 user_id;
	int64_t		 org_id;
	char		 roles[128];	/* users.roles SET: "officer,leader" */
	int		 is_center;
	int		 matches;	/* active users with this phone */
};

/* What an SMS about a case shows. */
struct notify_case {
	int64_t	id;
	char	state[24];
	int64_t	lead_org_id;
	char	field[256];		/* field name (vi) or "" */
	char	place[512];		/* address, else unit name, or "" */
	char	agency[256];		/* lead agency short name or "" */
	time_t	accept_due;		/* running T_ACCEPT due, 0 = none */
};

/*
 * Ids of up to max rows of channel that are queued and due, oldest first,
 * without locking (candidates for store_notify_claim). Returns 0 or -1.
 */
int	store_notify_due(struct db *, const char *channel, int64_t *ids,
	    size_t max, size_t *n);

/*
 * Requires an open transaction. Locks row id if it is still queued and due
 * (FOR UPDATE SKIP LOCKED: a row another daemon holds is skipped) and
 * fills *it. Returns 0 when claimed, 1 when not available, -1 on error.
 * The lock lasts until the caller commits or rolls back.
 */
int	store_notify_claim(struct db *, int64_t id, struct notify_item *it);

/* The recipient user's phone and flags. 0 found, 1 no such user, -1. */
int	store_notify_user(struct db *, int64_t user_id, struct notify_user *);

/*
 * Marks a claimed row sending: claimed_by = worker, external_id =
 * outbox_id, attempts + 1. In the caller's transaction. 0 or -1.
 */
int	store_notify_sending(struct db *, int64_t id, const char *worker,
	    int64_t outbox_id);

/*
 * A failed attempt: attempts + 1, last_error = err; when attempts reach
 * max_attempts the row is 'dead', otherwise queued again after delay_s
 * seconds. 0 or -1.
 */
int	store_notify_retry(struct db *, int64_t id, int delay_s,
	    int max_attempts, const char *err);

/* Queued row id becomes due at until (quiet hours). 0 or -1. */
int	store_notify_postpone(struct db *, int64_t id, time_t until);

/*
 * Moves row id from state `from` to `to` (any state names of the ENUM),
 * setting last_error when err is not NULL. *changed is 1 if the row was in
 * `from` (0: someone else moved it first). 0 or -1.
 */
int	store_notify_move(struct db *, int64_t id, const char *from,
	    const char *to, const char *err, int *changed);

/*
 * SMS rows being followed: state 'sending' with an external_id, and, when
 * with_sent, state 'sent' updated within the last track_hours (a delivery
 * report may still come). Up to max rows in rows; *n the count. 0 or -1.
 */
int	store_notify_tracked(struct db *, int with_sent, int track_hours,
	    struct notify_track *rows, size_t max, size_t *n);

/*
 * The SMS of row id failed: queue an e-mail row (channel 'email', same
 * case, event, recipient, template, language and payload) to the user's
 * e-mail, or to the reporter's for a citizen, when there is one, and flag
 * the user's phone as failing (users.phone_failing = 1). Use it in the
 * transaction that marks the row failed. 0 or -1.
 */
int	store_notify_email_fallback(struct db *, int64_t id);

/* The recipient of row id got an SMS: clear users.phone_failing. 0/-1. */
int	store_notify_phone_ok(struct db *, int64_t id);

/* Inserts a queued, due row. *id may be NULL. 0 or -1. */
int	store_notify_enqueue(struct db *, const struct notify_new *,
	    int64_t *id);

/*
 * 1 when an SMS notification with template tmpl for event_id to user_id
 * exists, 0 when not, -1 on error. (A reply confirmed once is not
 * confirmed again.)
 */
int	store_notify_exists(struct db *, int64_t event_id, int64_t user_id,
	    const char *tmpl);

/*
 * The active user whose phone is e164 (E.164, as stored). 0 found, 1 none,
 * -1 error. When several users share the number, the lowest id is
 * returned and o->matches says how many there are.
 */
int	store_notify_officer(struct db *, const char *e164,
	    struct notify_officer *o);

/*
 * Ids of the cases of agency org_id waiting for acceptance (state
 * distributed), oldest first, up to max; *total is the full count.
 * 0 or -1.
 */
int	store_notify_pending(struct db *, int64_t org_id, int64_t *ids,
	    size_t max, size_t *n, size_t *total);

/* What an SMS about case id shows. 0 found, 1 no such case, -1 error. */
int	store_notify_case(struct db *, int64_t id, struct notify_case *);

/*
 * The latest event of kind on case id: *event_id and *actor_user_id (0 if
 * none). 0 found, 1 none, -1 error.
 */
int	store_notify_last_event(struct db *, int64_t case_id,
	    const char *kind, int64_t *event_id, int64_t *actor_user_id);

#endif /* STORE_NOTIFY_H */
