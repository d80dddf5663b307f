/*
 * outbox.h: notification rows written in the same transaction as the
 * transition that causes them (design.md §1); daemons deliver them.
 */
#ifndef STORE_OUTBOX_H
#define STORE_OUTBOX_H

#include <stdint.h>
#include <time.h>

struct db;

struct outbox_ctx {
	int64_t		 case_id;
	int64_t		 event_id;
	int64_t		 lead_org;	/* 0 if none */
	int64_t		 center_org;
	int64_t		 assignee;	/* 0 if none */
	const char	*template;	/* e.g. "distribute", "published" */
	time_t		 now;
};

/* Enqueues rows for every WF_N_* bit in mask. 0 or -1. */
int	store_outbox_enqueue(struct db *, const struct outbox_ctx *,
	    unsigned mask);

#endif
