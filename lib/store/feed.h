/*
 * feed.h: the notifications table as people see it: a staff member's
 * portal feed (channel 'portal', unread = read_at IS NULL), the monitor's
 * list of failed and dead rows of any channel with a requeue, and the few
 * writes and reads the e-mail, push and portal jobs of phananh-jobd need
 * beyond store/notify.h. SQL lives in feed.c. Times are UTC epoch seconds.
 */
#ifndef STORE_FEED_H
#define STORE_FEED_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

struct db;

/*
 * The portal feed of user_id, newest first, 1-based page of size rows.
 * *out is a new reference: {"items":[{"id","case_code","template",
 * "created_at","read","read_at","payload"}],"total","unread","page",
 * "page_size"}. 0 or -1.
 */
int	store_feed_list(struct db *, int64_t user_id, int page, int size,
	    json_t **out);

/*
 * Marks portal row id of user_id read at now (an already read row keeps
 * its first read_at). 0 done, 1 no such row for this user, -1 error.
 */
int	store_feed_read(struct db *, int64_t id, int64_t user_id, time_t now);

/*
 * Rows in state failed or dead (any channel; channel "" = all), most
 * recently updated first, paged. *out is a new reference:
 * {"items":[{"id","case_code","channel","template","state","attempts",
 * "last_error","recipient","addr","updated_at"}],"total","page",
 * "page_size"}. 0 or -1.
 */
int	store_notify_failed(struct db *, const char *channel, int page,
	    int size, json_t **out);

/*
 * Puts a failed or dead row back in the queue, due at once, attempts 0,
 * and writes an audit_log row for actor_user_id. 0 done, 1 no such row,
 * 2 the row is not failed/dead (*state says what it is, may be NULL),
 * -1 error.
 */
int	store_notify_requeue(struct db *, int64_t id, int64_t actor_user_id,
	    const char *actor, char *state, size_t statesz);

/*
 * Portal rows are delivered by being in the table: marks up to max queued
 * portal rows 'sent'. *n = rows changed. 0 or -1.
 */
int	store_portal_settle(struct db *, int max, int *n);

/*
 * A claimed row was handed to the mail server or the push gateway: state
 * 'sent', attempts + 1, claimed_by = worker, external_id = ext (may be
 * NULL), last_error cleared. In the caller's transaction. 0 or -1.
 */
int	store_notify_sent(struct db *, int64_t id, const char *worker,
	    const char *ext);

/* A recipient as the e-mail and push jobs address it. */
struct notify_contact {
	char	email[256];		/* users.email, "" if none */
	char	name[256];		/* display name, "" for a citizen */
	char	username[65];		/* "" for a citizen */
	int	active;
};

/* The contact of user_id. 0 found, 1 no such user, -1 error. */
int	store_notify_contact(struct db *, int64_t user_id,
	    struct notify_contact *);

/* The reporter's name of case_id (for the greeting), "" if none. 0/-1. */
int	store_notify_reporter_name(struct db *, int64_t case_id, char *out,
	    size_t outsz);

#endif /* STORE_FEED_H */
