/*
 * heartbeat.c: SQL of the daemons' heartbeat rows (see heartbeat.h).
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "store/heartbeat.h"

static const char SQL_BEAT[] =
    "INSERT INTO heartbeats (name, host_pid, last_ok)"
    " VALUES (?, ?, FROM_UNIXTIME(?))"
    " ON DUPLICATE KEY UPDATE last_ok = VALUES(last_ok)";
/* the newest row per name: the one whose last_ok is the name's maximum */
static const char SQL_LIST[] =
    "SELECT h.name, MIN(h.host_pid), UNIX_TIMESTAMP(h.last_ok)"
    " FROM heartbeats h JOIN (SELECT name, MAX(last_ok) AS m"
    " FROM heartbeats GROUP BY name) t ON t.name = h.name AND t.m = h.last_ok"
    " GROUP BY h.name, h.last_ok ORDER BY h.name";

int
store_heartbeat_init(struct heartbeat *hb, const char *name,
    const char *host_pid)
{
	memset(hb, 0, sizeof(*hb));
	if (name[0] == '\0' || host_pid[0] == '\0')
		return -1;
	snprintf(hb->name, sizeof(hb->name), "%s", name);
	snprintf(hb->host_pid, sizeof(hb->host_pid), "%s", host_pid);
	return 0;
}

int
store_heartbeat_beat(struct db *db, struct heartbeat *hb, time_t now)
{
	const struct db_param	p[] = { DB_TEXT(hb->name),
	    DB_TEXT(hb->host_pid), DB_I64(now) };

	if (hb->written != 0 && now - hb->written < HEARTBEAT_EVERY_S &&
	    now >= hb->written)
		return 0;
	if (db_exec(db, SQL_BEAT, p, NITEMS(p)) == -1)
		return -1;
	hb->written = now;
	return 0;
}

int
store_heartbeat_list(struct db *db, struct heartbeat_last *out, size_t max,
    size_t *n)
{
	struct db_res	*res = NULL;

	*n = 0;
	if (db_query(db, SQL_LIST, NULL, 0, &res) == -1)
		return -1;
	while (db_res_next(res) && *n < max) {
		snprintf(out[*n].name, sizeof(out[*n].name), "%s",
		    db_res_str(res, 0));
		snprintf(out[*n].host_pid, sizeof(out[*n].host_pid), "%s",
		    db_res_str(res, 1));
		out[*n].last_ok = (time_t)db_res_i64(res, 2);
		(*n)++;
	}
	db_res_free(res);
	return 0;
}
