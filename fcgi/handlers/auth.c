/*
 * auth.c: staff sign-in (argon2id, lockout), the session cookie, the CSRF
 * check, and the hooks the router calls for R_STAFF, R_CSRF and R_APIKEY.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "core/arena.h"
#include "core/parse.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "router.h"
#include "store/auth.h"

#define COOKIE	"pa_session"

static void	set_who(struct req *, const struct staff *);
static int	secure(const struct req *);
static json_t	*user_json(const struct req *);

int
auth_staff(struct req *rq, struct resp *rs, unsigned flags)
{
	const char	*tok = req_cookie(rq, COOKIE), *h;
	struct staff	 s;
	int		 rc = 1;

	if (tok != NULL && strlen(tok) < 64)
		rc = store_session_get(rq->db, tok, rq->wall, &s);
	if (rc == -1)
		return 500;
	if (rc == 1) {
		if (flags & R_OPTSTAFF)
			return 0;
		return resp_error(rs, 401, "unauthenticated", NULL,
		    "sign in first (Đăng nhập trước)");
	}
	set_who(rq, &s);
	if (flags & R_CSRF) {
		h = req_param(rq, "HTTP_X_CSRF_TOKEN");
		if (h == NULL || !str_ct_equal(h, rq->who.csrf))
			return resp_error(rs, 403, "csrf_failed", NULL,
			    "missing or wrong X-CSRF-Token header");
	}
	return 0;
}

int
auth_apikey(struct req *rq, struct resp *rs)
{
	const char	*k = req_param(rq, "HTTP_X_API_KEY");
	int64_t		 org = 0, kid = 0;
	int		 rc;

	if (k == NULL || strlen(k) > 128)
		return resp_error(rs, 401, "unauthenticated", NULL,
		    "an API key is required (X-API-Key)");
	rc = store_apikey_check(rq->db, k, "sync", &org, &kid);
	if (rc == -1)
		return 500;
	if (rc == 1 || org == 0)
		return resp_error(rs, 401, "unauthenticated", NULL,
		    "unknown or revoked API key");
	rq->who.org_id = org;
	rq->who.api_key_id = kid;
	rq->who.roles = WF_ROLE_OFFICER | WF_ROLE_LEADER;
	return 0;
}

int
h_auth_login(struct req *rq, struct resp *rs)
{
	const char	*u = jstr(rq->json, "username"), *p = jstr(rq->json,
	    "password");
	struct staff	 s;
	char		 tok[48], csrf[48], cookie[256];
	struct fcgi_conf *cf = &rq->app->conf;
	int		 rc;

	if (u == NULL || p == NULL || strlen(u) > 64 || strlen(p) > 256)
		return resp_error(rs, 400, "invalid_field", u ? "password" :
		    "username", "username and password are required");
	rc = store_auth_login(rq->db, u, p, rq->wall, cf->login_max_failures,
	    cf->login_lock_minutes, &s);
	if (rc == -1)
		return 500;
	if (rc == 2)
		return resp_error(rs, 423, "locked", NULL, "too many failed "
		    "sign-ins; try again in %d minutes", cf->login_lock_minutes);
	if (rc == 1)
		return resp_error(rs, 401, "invalid_credentials", NULL,
		    "wrong username or password (Sai tên hoặc mật khẩu)");
	if (store_session_create(rq->db, s.id, rq->wall, cf->session_minutes,
	    tok, csrf) == -1)
		return 500;
	snprintf(s.csrf, sizeof(s.csrf), "%s", csrf);
	set_who(rq, &s);
	snprintf(cookie, sizeof(cookie), COOKIE "=%s; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=%d%s", tok, cf->session_minutes * 60,
	    secure(rq) ? "; Secure" : "");
	resp_header(rs, "Set-Cookie", cookie);
	resp_json(rs, json_pack("{s:o, s:s}", "user", user_json(rq), "csrf",
	    csrf));
	return 200;
}

int
h_auth_logout(struct req *rq, struct resp *rs)
{
	const char	*tok = req_cookie(rq, COOKIE);

	if (tok != NULL && store_session_delete(rq->db, tok) == -1)
		return 500;
	resp_header(rs, "Set-Cookie", COOKIE "=; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=0");
	resp_json(rs, json_pack("{s:b}", "signed_out", 1));
	return 200;
}

int
h_auth_me(struct req *rq, struct resp *rs)
{
	resp_json(rs, json_pack("{s:o, s:s}", "user", user_json(rq), "csrf",
	    rq->who.csrf));
	return 200;
}

static void
set_who(struct req *rq, const struct staff *s)
{
	rq->who.user_id = s->id;
	rq->who.org_id = s->org_id;
	rq->who.roles = store_roles_bits(s->roles);
	rq->who.is_center = s->is_center;
	rq->who.username = arena_strdup(rq->arena, s->username);
	rq->who.display_name = arena_strdup(rq->arena, s->display_name);
	rq->who.csrf = arena_strdup(rq->arena, s->csrf);
	rq->who.org_code = arena_strdup(rq->arena, s->org_code);
	rq->who.org_name = arena_strdup(rq->arena, s->org_name);
}

/* Secure cookies when configured or when nginx says TLS is in use. */
static int
secure(const struct req *rq)
{
	const char	*h = req_param(rq, "HTTPS");

	return rq->app->conf.secure_cookies || (h != NULL && strcmp(h, "on") == 0);
}

static json_t *
user_json(const struct req *rq)
{
	json_t		*roles = json_array();
	unsigned	 b;

	for (b = 1; b < (1u << WF_ROLE_COUNT); b <<= 1)
		if ((rq->who.roles & b) && wf_role_name(b) != NULL)
			json_array_append_new(roles, json_string(wf_role_name(b)));
	return json_pack("{s:I, s:s, s:s, s:o, s:{s:s, s:s, s:b}}",
	    "id", (json_int_t)rq->who.user_id, "username", rq->who.username,
	    "display_name", rq->who.display_name, "roles", roles,
	    "org", "code", rq->who.org_code, "name", rq->who.org_name,
	    "is_center", rq->who.is_center);
}
