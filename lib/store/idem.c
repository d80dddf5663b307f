/*
 * idem.c: SQL of the idempotency keys: claim (pending row first), finish,
 * release. The protocol is described in idem.h.
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "crypto.h"
#include "db.h"
#include "store/idem.h"

static const char SQL_CLAIM[] =
    "INSERT INTO idempotency_keys (scope, idem_key, request_hash, status,"
    " response, created_at) VALUES (?, ?, ?, 0, '', FROM_UNIXTIME(?))";
static const char SQL_GET[] =
    "SELECT request_hash, status, response, UNIX_TIMESTAMP(created_at)"
    " FROM idempotency_keys WHERE scope = ? AND idem_key = ?";
static const char SQL_TAKEOVER[] =
    "UPDATE idempotency_keys SET created_at = FROM_UNIXTIME(?)"
    " WHERE scope = ? AND idem_key = ? AND status = 0"
    " AND created_at = FROM_UNIXTIME(?)";
static const char SQL_FINISH[] =
    "UPDATE idempotency_keys SET status = ?, response = ?"
    " WHERE scope = ? AND idem_key = ? AND status = 0";
static const char SQL_RELEASE[] =
    "DELETE FROM idempotency_keys WHERE scope = ? AND idem_key = ?"
    " AND status = 0";

#define ROW_GONE	(-2)	/* existing(): the row vanished */

static int	existing(struct db *, const char *, const char *, const char *,
		    time_t, int, int *, struct buf *);

void
store_idem_hash(const char *method, const char *path, const char *body,
    size_t len, char out[CRYPTO_HEX_LEN])
{
	struct buf	b;

	buf_init(&b, len + strlen(method) + strlen(path) + 8);
	if (buf_printf(&b, "%s\n%s\n", method, path) == -1 ||
	    (len > 0 && buf_append(&b, body, len) == -1))
		snprintf(out, CRYPTO_HEX_LEN, "%s", "");
	else
		crypto_sha256_hex(b.data, b.len, out);
	buf_free(&b);
}

int
store_idem_claim(struct db *db, const char *scope, const char *key,
    const char *hash, time_t wall, int stale_s, int *status, struct buf *body)
{
	const struct db_param	p[] = { DB_TEXT(scope), DB_TEXT(key),
	    DB_TEXT(hash), DB_I64(wall) };
	int			try, rc;

	for (try = 0; try < 3; try++) {
		db_expect_error(db, DB_ERR_DUPLICATE);
		if (db_exec(db, SQL_CLAIM, p, NITEMS(p)) == 0)
			return IDEM_NEW;
		if (db_errno(db) != DB_ERR_DUPLICATE)
			return -1;
		rc = existing(db, scope, key, hash, wall, stale_s, status, body);
		if (rc != ROW_GONE)
			return rc;
		/* released between our insert and our read: try again */
	}
	return IDEM_PENDING;
}

int
store_idem_finish(struct db *db, const char *scope, const char *key,
    int status, const char *body)
{
	const struct db_param	p[] = { DB_I64(status), DB_TEXT(body),
	    DB_TEXT(scope), DB_TEXT(key) };

	return db_exec(db, SQL_FINISH, p, NITEMS(p));
}

int
store_idem_release(struct db *db, const char *scope, const char *key)
{
	const struct db_param	p[] = { DB_TEXT(scope), DB_TEXT(key) };

	return db_exec(db, SQL_RELEASE, p, NITEMS(p));
}

/* An enum idem_claim value, ROW_GONE, or -1 on error. */
static int
existing(struct db *db, const char *scope, const char *key, const char *hash,
    time_t wall, int stale_s, int *status, struct buf *body)
{
	const struct db_param	 p[] = { DB_TEXT(scope), DB_TEXT(key) };
	struct db_res		*r = NULL;
	int64_t			 created;
	int			 rc = -1;

	if (db_query(db, SQL_GET, p, NITEMS(p), &r) == -1)
		goto out;
	rc = ROW_GONE;
	if (!db_res_next(r))
		goto out;
	rc = IDEM_MISMATCH;
	if (strcmp(db_res_str(r, 0), hash) != 0)
		goto out;
	*status = (int)db_res_i64(r, 1);
	created = db_res_i64(r, 3);
	if (*status != 0) {
		buf_reset(body);
		rc = buf_append(body, db_res_str(r, 2), db_res_len(r, 2)) == 0 ?
		    IDEM_REPLAY : -1;
		goto out;
	}
	rc = IDEM_PENDING;
	if (created < (int64_t)wall - stale_s) {
		const struct db_param t[] = { DB_I64(wall), DB_TEXT(scope),
		    DB_TEXT(key), DB_I64(created) };

		if (db_exec(db, SQL_TAKEOVER, t, NITEMS(t)) == -1)
			rc = -1;
		else if (db_affected(db) == 1)
			rc = IDEM_NEW;
	}
out:
	db_res_free(r);
	return rc;
}
