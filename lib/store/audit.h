/*
 * audit.h: the audit log of administrative changes (audit_log, migration
 * 003): who, when, what, the object before and after. Rows are written in
 * the caller's transaction, so a change and its record commit together.
 */
#ifndef STORE_AUDIT_H
#define STORE_AUDIT_H

#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "core/buf.h"

struct db;

/* Who makes a change: a staff user, or "cli:<unix user>" (user_id 0). */
struct audit_actor {
	int64_t		 user_id;	/* 0 when not a staff user */
	const char	*name;		/* "quantri", "cli:root"; never NULL */
};

/*
 * Appends one row: at = the database's UTC clock (wall time, never the
 * test clock). before/after are borrowed (NULL = SQL NULL) and stored as
 * compact JSON with sorted keys; reason may be NULL. 0 or -1 (logged).
 */
int	store_audit(struct db *, const struct audit_actor *, const char *action,
	    const char *object_type, const char *object_id, const json_t *before,
	    const json_t *after, const char *reason);

/* Filters for the listing; NULL / 0 members are absent. */
struct audit_filter {
	const char	*actor;		/* exact actor name */
	const char	*action;
	const char	*object_type;
	const char	*object_id;
	time_t		 from, to;	/* at within [from, to] */
	int		 page, page_size;	/* 1-based; size 1..1000 */
};

/*
 * Newest first: {items:[{id, at, actor, action, object_type, object_id,
 * before, after, reason}], total, page, page_size}. at is epoch seconds
 * (at_ms keeps the milliseconds). *out is a new reference. 0 or -1.
 */
int	store_audit_list(struct db *, const struct audit_filter *, json_t **out);

/*
 * The same rows (all pages, oldest first, at most 100000) as CSV (RFC 4180,
 * header line, CRLF) appended to b. 0 or -1 (also when b's limit is hit).
 */
int	store_audit_csv(struct db *, const struct audit_filter *, struct buf *b);

/* Appends s to b as one CSV field (quoted when needed). 0 or -1. */
int	audit_csv_field(struct buf *b, const char *s);

#endif
