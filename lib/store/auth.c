/*
 * auth.c: SQL for staff accounts, sessions and API keys.
 */
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "db.h"
#include "store/auth.h"
#include "workflow.h"

static const char SQL_USER[] =
    "SELECT u.id, u.org_id, u.username, u.display_name, u.roles, o.code,"
    " o.name, o.is_center, u.password_hash,"
    " COALESCE(u.locked_until > FROM_UNIXTIME(?), 0), u.failed_logins"
    " FROM users u JOIN organisations o ON o.id = u.org_id"
    " WHERE u.username = ? AND u.active = 1";
static const char SQL_FAIL[] =
    "UPDATE users SET failed_logins = failed_logins + 1,"
    /* assignments run left to right: failed_logins is already counted */
    " locked_until = IF(failed_logins >= ?,"
    "  FROM_UNIXTIME(?) + INTERVAL ? MINUTE, locked_until) WHERE id = ?";
static const char SQL_OK[] =
    "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?";
static const char SQL_SESSION_ADD[] =
    "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at)"
    " VALUES (?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?))";
static const char SQL_SESSION_GET[] =
    "SELECT u.id, u.org_id, u.username, u.display_name, u.roles, o.code,"
    " o.name, o.is_center, s.csrf FROM sessions s"
    " JOIN users u ON u.id = s.user_id AND u.active = 1"
    " JOIN organisations o ON o.id = u.org_id"
    " WHERE s.token_hash = ? AND s.expires_at > FROM_UNIXTIME(?)";
static const char SQL_SESSION_DEL[] =
    "DELETE FROM sessions WHERE token_hash = ?";
static const char SQL_APIKEY[] =
    "SELECT id, COALESCE(org_id, 0) FROM api_keys WHERE key_hash = ?"
    " AND kind = ? AND revoked_at IS NULL";

static void	fill(struct db_res *, struct staff *);

int
store_auth_login(struct db *db, const char *user, const char *pw, time_t now,
    int max_failures, int lock_minutes, struct staff *s)
{
	const struct db_param	 p[] = { DB_I64(now), DB_TEXT(user) };
	struct db_res		*r = NULL;
	int			 rc = -1;

	if (db_query(db, SQL_USER, p, NITEMS(p), &r) == -1)
		goto out;
	rc = 1;
	if (!db_res_next(r)) {
		/* spend the same time as a real check: no user probing */
		crypto_pw_verify("$argon2id$v=19$m=65536,t=2,p=1$"
		    "c29tZXNhbHRzb21lc2FsdA$ZmFrZWZha2VmYWtlZmFrZWZha2VmYWtlZmFrZQ",
		    pw);
		goto out;
	}
	fill(r, s);
	if (db_res_i64(r, 9)) {
		rc = 2;
		goto out;
	}
	if (crypto_pw_verify(db_res_str(r, 8), pw) == -1) {
		const struct db_param f[] = { DB_I64(max_failures), DB_I64(now),
		    DB_I64(lock_minutes), DB_I64(s->id) };

		rc = db_exec(db, SQL_FAIL, f, NITEMS(f)) == -1 ? -1 : 1;
		goto out;
	}
	{
		const struct db_param o[] = { DB_I64(s->id) };

		rc = db_exec(db, SQL_OK, o, NITEMS(o));
	}
out:
	db_res_free(r);
	return rc;
}

int
store_session_create(struct db *db, int64_t user_id, time_t now, int minutes,
    char token[48], char csrf[48])
{
	char	hash[CRYPTO_HEX_LEN];

	crypto_token(token);
	crypto_token(csrf);
	crypto_sha256_hex(token, strlen(token), hash);
	{
		const struct db_param p[] = { DB_TEXT(hash), DB_I64(user_id),
		    DB_TEXT(csrf), DB_I64(now), DB_I64(now + minutes * 60) };

		return db_exec(db, SQL_SESSION_ADD, p, NITEMS(p));
	}
}

int
store_session_get(struct db *db, const char *token, time_t now,
    struct staff *s)
{
	char		 hash[CRYPTO_HEX_LEN];
	struct db_res	*r = NULL;
	int		 rc = -1;

	crypto_sha256_hex(token, strlen(token), hash);
	{
		const struct db_param p[] = { DB_TEXT(hash), DB_I64(now) };

		if (db_query(db, SQL_SESSION_GET, p, NITEMS(p), &r) == -1)
			goto out;
	}
	rc = 1;
	if (db_res_next(r)) {
		fill(r, s);
		snprintf(s->csrf, sizeof(s->csrf), "%s", db_res_str(r, 8));
		rc = 0;
	}
out:
	db_res_free(r);
	return rc;
}

int
store_session_delete(struct db *db, const char *token)
{
	char	hash[CRYPTO_HEX_LEN];

	crypto_sha256_hex(token, strlen(token), hash);
	{
		const struct db_param p[] = { DB_TEXT(hash) };

		return db_exec(db, SQL_SESSION_DEL, p, NITEMS(p));
	}
}

int
store_apikey_check(struct db *db, const char *key, const char *kind,
    int64_t *org_id, int64_t *key_id)
{
	char		 hash[CRYPTO_HEX_LEN];
	struct db_res	*r = NULL;
	int		 rc = -1;

	crypto_sha256_hex(key, strlen(key), hash);
	{
		const struct db_param p[] = { DB_TEXT(hash), DB_TEXT(kind) };

		if (db_query(db, SQL_APIKEY, p, NITEMS(p), &r) == -1)
			goto out;
	}
	rc = 1;
	if (db_res_next(r)) {
		*key_id = db_res_i64(r, 0);
		*org_id = db_res_i64(r, 1);
		rc = 0;
	}
out:
	db_res_free(r);
	return rc;
}

unsigned
store_roles_bits(const char *csv)
{
	char		 buf[128], *tok, *save = NULL;
	unsigned	 bits = 0, b;

	snprintf(buf, sizeof(buf), "%s", csv);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		if (wf_role_parse(tok, &b) == 0)
			bits |= b;
	return bits;
}

static void
fill(struct db_res *r, struct staff *s)
{
	memset(s, 0, sizeof(*s));
	s->id = db_res_i64(r, 0);
	s->org_id = db_res_i64(r, 1);
	snprintf(s->username, sizeof(s->username), "%s", db_res_str(r, 2));
	snprintf(s->display_name, sizeof(s->display_name), "%s",
	    db_res_str(r, 3));
	snprintf(s->roles, sizeof(s->roles), "%s", db_res_str(r, 4));
	snprintf(s->org_code, sizeof(s->org_code), "%s", db_res_str(r, 5));
	snprintf(s->org_name, sizeof(s->org_name), "%s", db_res_str(r, 6));
	s->is_center = (int)db_res_i64(r, 7);
}
