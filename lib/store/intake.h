/*
 * intake.h: what e-mail and Facebook intake need beyond store_case_create
 * and store_case_act: deduplication of inbound messages, threading a
 * reply onto its case, the reporter's free-text message as a non-public
 * event, the acknowledgement's payload, media rows, and the Facebook
 * event inbox (fb_events). SQL lives in intake.c (migration 011).
 */
#ifndef STORE_INTAKE_H
#define STORE_INTAKE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;

/* The case an inbound message may join. */
struct intake_case {
	int64_t	id;
	char	state[24];
	char	channel[16];
	char	email[256];		/* reporter e-mail or "" */
	char	channel_user[256];	/* reporter PSID etc. or "" */
};

/* One stored Facebook messaging event. */
struct fb_event {
	char	mid[256];
	char	psid[64];
	char	*payload;		/* JSON text; owned, free() */
	time_t	received_at;
};

#define FB_MID_MAX	256

/*
 * 0 when an e-mail with this Message-ID was processed (its case id, or 0,
 * in *case_id), 1 when not, -1 on error. A case whose channel_ref is the
 * id counts as processed too (crash between the case and the record).
 */
int	store_intake_mail_seen(struct db *, const char *message_id,
	    int64_t *case_id);

/*
 * Remembers a processed e-mail (INSERT IGNORE: a second record of the
 * same id is a no-op). case_id 0 = none; outcome is a mail_messages
 * ENUM value. 0 or -1.
 */
int	store_intake_mail_record(struct db *, const char *message_id,
	    int64_t case_id, const char *outcome, const char *from_addr,
	    time_t received_at, time_t now);

/*
 * The case a reply belongs to: the first of ids (Message-IDs without <>)
 * that is the original e-mail of a case, an e-mail already joined to a
 * case, or an e-mail we sent about a case (notifications.external_id,
 * with or without <>).
 * 0 found (*case_id), 1 none, -1 error.
 */
int	store_intake_thread(struct db *, const char *const *ids, size_t n,
	    int64_t *case_id);

/* Case id's state and reporter contacts. 0 found, 1 none, -1 error. */
int	store_intake_case(struct db *, int64_t id, struct intake_case *);

/* Case id with channel and channel_ref. 0 found, 1 none, -1 error. */
int	store_intake_case_by_ref(struct db *, const char *channel,
	    const char *ref, int64_t *id);

/*
 * The newest case from Facebook user psid that is still open (not
 * closed, not accepted, merged, withdrawn or secret). 0/1/-1.
 */
int	store_intake_fb_open_case(struct db *, const char *psid,
	    int64_t *id);

/*
 * Appends the reporter's message to case id as a non-public event of
 * kind "reporter_message" (staff and the reporter see it). 0 or -1.
 */
int	store_intake_note(struct db *, int64_t id, const char *text,
	    time_t now);

/*
 * Sets payload_json of the queued 'ack' rows of case id on the e-mail and
 * Facebook channels (the mail and Send API senders render the code, the
 * tracking link and the subject tag from it). 0 or -1.
 */
int	store_intake_ack_payload(struct db *, int64_t id, const char *json);

/* A stored photo/video of case id (role 'report'). 0 or -1. */

/*
 * Stores a webhook's messaging event once: *added is 1 when new, 0 when
 * mid was already stored (a repeated delivery). 0 or -1.
 */
int	store_fb_event_add(struct db *, const struct fb_event *, time_t now,
	    int *added);

/*
 * Claims the oldest event to process: new, or claimed more than stale_s
 * seconds ago (a daemon died). *ev is filled (payload: caller frees).
 * 0 claimed, 1 none, -1 error.
 */
int	store_fb_event_claim(struct db *, time_t now, int stale_s,
	    struct fb_event *ev);

/* Marks event mid done with its case (0 = none) and outcome. 0 or -1. */
int	store_fb_event_done(struct db *, const char *mid, int64_t case_id,
	    const char *outcome);

#endif
