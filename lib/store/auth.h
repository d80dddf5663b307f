/*
 * auth.h: staff sign-in, sessions and API keys. Passwords are argon2id
 * (lib/crypto); session cookies and API keys are stored as SHA-256 only.
 */
#ifndef STORE_AUTH_H
#define STORE_AUTH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;

struct staff {
	int64_t	id;
	int64_t	org_id;
	char	username[64];
	char	display_name[256];
	char	roles[128];		/* "officer,leader" */
	char	org_code[32];
	char	org_name[256];
	int	is_center;
	char	csrf[48];
};

/*
 * Checks a username and password, counting failures: after max_failures
 * the account is locked for lock_minutes. Returns 0 (ok, *s filled),
 * 1 (wrong credentials), 2 (locked), -1 (error).
 */
int	store_auth_login(struct db *, const char *user, const char *pw,
	    time_t now, int max_failures, int lock_minutes, struct staff *s);
/* New session: token (cookie value) and csrf out; stores hashes. */
int	store_session_create(struct db *, int64_t user_id, time_t now,
	    int minutes, char token[48], char csrf[48]);
/* 0 found (s filled incl. csrf), 1 unknown or expired, -1 error. */
int	store_session_get(struct db *, const char *token, time_t now,
	    struct staff *s);
int	store_session_delete(struct db *, const char *token);
/*
 * API key check: kind "open311" or "sync". 0 valid (org_id may be 0 for a
 * key without an organisation, key_id set), 1 invalid/revoked, -1 error.
 */
int	store_apikey_check(struct db *, const char *key, const char *kind,
	    int64_t *org_id, int64_t *key_id);
/* Converts "officer,leader" into WF_ROLE_* bits. */
unsigned store_roles_bits(const char *csv);

#endif
