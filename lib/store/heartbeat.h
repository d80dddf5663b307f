/*
 * heartbeat.h: the daemons' "last successful loop" rows (table heartbeats,
 * migration 014), written by phananh-smsd and phananh-jobd, read by
 * /metrics and "phananh-admin doctor".
 */
#ifndef STORE_HEARTBEAT_H
#define STORE_HEARTBEAT_H

#include <stddef.h>
#include <time.h>

struct db;

/* Seconds between two writes of one process's row (rate limit). */
#define HEARTBEAT_EVERY_S	5

/* One process's row; process lifetime, owned by the daemon's main. */
struct heartbeat {
	char	name[32];	/* "smsd", "jobd" */
	char	host_pid[64];	/* "host:pid" */
	time_t	written;	/* last write, 0 = never */
};

/* One daemon name's newest row (what readers look at). */
struct heartbeat_last {
	char	name[32];
	char	host_pid[64];
	time_t	last_ok;
};

/*
 * Fills hb for a daemon called name running as host_pid (both copied,
 * truncated to fit). Writes nothing. Returns 0, or -1 if a value is empty.
 */
int	store_heartbeat_init(struct heartbeat *, const char *name,
	    const char *host_pid);
/*
 * Records that a loop iteration ended well at `now` (wall clock): upserts
 * the row, at most once per HEARTBEAT_EVERY_S (earlier calls return 0 and
 * write nothing). Returns 0 or -1 (logged by db).
 */
int	store_heartbeat_beat(struct db *, struct heartbeat *, time_t now);
/*
 * The newest row of each daemon name, ordered by name, into out[0..max-1];
 * *n is set to the number filled. Returns 0 or -1.
 */
int	store_heartbeat_list(struct db *, struct heartbeat_last *out,
	    size_t max, size_t *n);

#endif
