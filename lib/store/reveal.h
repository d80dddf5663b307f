/*
 * reveal.h: the audited reveal of a reporter's identity to an agency
 * (domain.md §6.2): the agency asks with a purpose, the center decides;
 * an approval lasts a limited time and every step is audited.
 */
#ifndef STORE_REVEAL_H
#define STORE_REVEAL_H

#include <stdint.h>
#include <time.h>

#include <jansson.h>

struct db;

/* New pending request by an agency user; 0, 1 (case not in the agency's
 * scope), -1. *id receives the request id. */
int	store_reveal_request(struct db *, int64_t case_id, int64_t user_id,
	    int64_t org_id, const char *purpose, time_t now, int64_t *id);
/* The center's decision; 0, 1 (no such pending request), -1. Writes the
 * audit log in the same transaction. */
int	store_reveal_decide(struct db *, int64_t id, int64_t user_id,
	    int approve, int days, time_t now);
/* Requests of a case as a JSON array (new ref); org_id 0 = all. */
json_t	*store_reveal_list(struct db *, int64_t case_id, int64_t org_id,
	    int can_decide);

#endif
