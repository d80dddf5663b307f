/*
 * lists.h: paged case lists: the staff queues (scoped to the user's
 * agency unless the user belongs to the center) and the public list.
 */
#ifndef STORE_LISTS_H
#define STORE_LISTS_H

#include <stdint.h>
#include <time.h>

#include <jansson.h>

struct db;

enum queue {
	Q_INTAKE, Q_RETURNED, Q_INBOX, Q_PROCESSING, Q_APPROVAL,
	Q_PUBLICATION, Q_OVERDUE, Q_ALL, Q_COUNT
};

struct list_filter {
	const char	*field;		/* field code or NULL */
	const char	*agency;	/* organisation code or NULL */
	const char	*unit;		/* unit code or NULL */
	const char	*state;		/* state name or NULL */
	const char	*q;		/* text search or NULL */
	time_t		 from, to;	/* received_at window; 0 = open */
	int		 page, size;	/* 1-based page */
};

/* Parses "intake", "inbox", ...; -1 for an unknown name. */
int	store_queue_parse(const char *, enum queue *);
/*
 * Lists a queue: org_id 0 = every agency (center), else only cases the
 * organisation leads (or coordinates, for Q_ALL). *out is a new reference:
 * {"items":[…], "total":N, "page":P, "page_size":S}. 0 or -1.
 */
int	store_queue(struct db *, enum queue, int64_t org_id,
	    const struct list_filter *, time_t now, json_t **out);
/* Published, public cases only: no identity, coarse places. */
int	store_public_list(struct db *, const struct list_filter *,
	    json_t **out);
/* Counts per queue for the user's scope: {"intake":N,…}. */
int	store_queue_counts(struct db *, int64_t org_id, time_t now,
	    json_t **out);
/* Appends an internal (non-public) note to a case. */
int	store_case_note(struct db *, int64_t case_id, int64_t user_id,
	    int64_t org_id, const char *text, time_t now);

#endif
