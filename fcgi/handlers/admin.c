/*
 * admin.c: /api/v1/admin objects that are rows keyed by code: listing,
 * reading, creating and changing organisations, organisation types,
 * users, fields, report groups, administrative units, calendars,
 * settings, reminder rules, Open311 attributes and per-field deadlines
 * (the type comes from the path), deletions and deactivations. Every
 * change is audited by lib/store/admin_*.c.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "crypto.h"
#include "handlers/admin_int.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "workflow.h"

#define PREFIX	"/api/v1/admin/"

static const struct {
	const char	*path;
	const char	*type;
} path_types[] = {
	{ "orgs", ADM_ORG }, { "org-types", ADM_ORG_TYPE },
	{ "users", ADM_USER }, { "fields", ADM_FIELD },
	{ "groups", ADM_GROUP }, { "units", ADM_UNIT },
	{ "calendars", ADM_CALENDAR }, { "settings", ADM_SETTING },
	{ "deadlines", ADM_ORG }, { "reminder-rules", ADM_REMINDER },
	{ "field-attributes", ADM_ATTRIBUTE },
	{ "field-deadlines", ADM_FIELD_DEADLINE },
};

static const char *type_of(const struct req *);
static const char *scope_of(const struct req *, const char *);
static int	user_password(struct req *, struct resp *, json_t *,
		    char *, char *, int *);

void
adm_req_who(const struct req *rq, struct adm_who *w)
{
	memset(w, 0, sizeof(*w));
	w->actor.user_id = rq->who.user_id;
	w->actor.name = rq->who.username;
	w->sysadmin = (rq->who.roles & WF_ROLE_SYSADMIN) != 0;
	w->org_code = rq->who.org_code;
}

int
adm_resp_err(struct resp *rs, const struct adm_err *e)
{
	json_t	*j;

	resp_error(rs, e->status, e->code, e->field[0] ? e->field : NULL,
	    "%s", e->msg);
	if (e->line > 0) {
		j = json_loadb(rs->body.data, rs->body.len, 0, NULL);
		if (j != NULL) {
			json_object_set_new(json_object_get(j, "error"), "line",
			    json_integer(e->line));
			resp_json(rs, j);
		}
	}
	return e->status;
}

int
adm_resp_items(struct resp *rs, json_t *arr)
{
	resp_json(rs, json_pack("{s:o}", "items", arr));
	return 200;
}

int
h_admin_list(struct req *rq, struct resp *rs)
{
	const char	*type = type_of(rq);
	json_t		*arr = NULL;

	if (type == NULL)
		return 404;
	if (store_adm_list(rq->db, type, scope_of(rq, type), &arr) == -1)
		return 500;
	return adm_resp_items(rs, arr);
}

int
h_admin_get(struct req *rq, struct resp *rs)
{
	const char	*type = type_of(rq), *scope;
	json_t		*o = NULL;
	int		 rc;

	if (type == NULL)
		return 404;
	rc = store_adm_get(rq->db, type, req_cap(rq, "id"), &o);
	if (rc == -1)
		return 500;
	scope = scope_of(rq, type);
	if (rc == 0 && scope != NULL && (strcmp(type, ADM_USER) == 0 ||
	    strcmp(type, ADM_FIELD_DEADLINE) == 0) && strcmp(scope,
	    json_string_value(json_object_get(o, "org"))) != 0)
		rc = 1;		/* another agency's person: not visible */
	if (rc == 1) {
		json_decref(o);
		return resp_error(rs, 404, "not_found", NULL, "no such object");
	}
	resp_json(rs, o);
	return 200;
}

int
h_admin_create(struct req *rq, struct resp *rs)
{
	return h_admin_update(rq, rs);
}

/* POST .../<type> creates, PATCH .../<type>/:id changes, PUT upserts. */
int
h_admin_update(struct req *rq, struct resp *rs)
{
	const char	*type = type_of(rq), *id = req_cap(rq, "id");
	struct adm_who	 who;
	struct adm_err	 e;
	json_t		*after = NULL, *cur = NULL;
	char		 pw[CRYPTO_TOKEN_LEN], hash[CRYPTO_PWHASH_LEN];
	int		 create = id == NULL, gen = 0, st;

	if (type == NULL)
		return 404;
	adm_req_who(rq, &who);
	if (rq->method == M_PUT && strcmp(type, ADM_SETTING) == 0) {
		json_object_set_new(rq->json, "name", json_string(id));
		st = store_adm_get(rq->db, type, id, &cur);
		json_decref(cur);
		if (st == -1)
			return 500;
		create = st == 1;
	}
	if (strcmp(type, ADM_USER) != 0)
		st = store_adm_save(rq->db, &who, type, id, rq->json, create,
		    &after, &e);
	else {
		st = user_password(rq, rs, rq->json, pw, hash, &gen);
		if (st != 0)
			return st;
		st = store_adm_save_user(rq->db, &who, id, rq->json, create,
		    hash[0] ? hash : NULL, &after, &e);
	}
	if (st == -1)
		return adm_resp_err(rs, &e);
	if (gen)	/* shown once; only its hash is stored */
		json_object_set_new(after, "password", json_string(pw));
	resp_json(rs, after);
	return create ? 201 : 200;
}

int
h_admin_delete(struct req *rq, struct resp *rs)
{
	const char	*type = type_of(rq);
	struct adm_who	 who;
	struct adm_err	 e;

	if (type == NULL)
		return 404;
	adm_req_who(rq, &who);
	if (store_adm_delete(rq->db, &who, type, req_cap(rq, "id"), &e) == -1)
		return adm_resp_err(rs, &e);
	resp_json(rs, json_pack("{s:b}", "deleted", 1));
	return 200;
}

int
h_admin_user_deactivate(struct req *rq, struct resp *rs)
{
	struct adm_who	 who;
	struct adm_err	 e;
	json_t		*cases = NULL;

	adm_req_who(rq, &who);
	if (store_adm_user_deactivate(rq->db, &who, req_cap(rq, "id"), rq->now,
	    jstr(rq->json, "reason"), &cases, &e) == -1)
		return adm_resp_err(rs, &e);
	resp_json(rs, json_pack("{s:b, s:o}", "deactivated", 1,
	    "unassigned_cases", cases));
	return 200;
}

int
h_admin_org_deactivate(struct req *rq, struct resp *rs)
{
	struct adm_who	 who;
	struct adm_err	 e;
	json_t		*cases = NULL;

	adm_req_who(rq, &who);
	if (store_adm_org_deactivate(rq->db, &who, req_cap(rq, "id"),
	    jstr(rq->json, "reason"), &cases, &e) == -1)
		return adm_resp_err(rs, &e);
	resp_json(rs, json_pack("{s:b, s:o}", "deactivated", 1,
	    "open_cases", cases));
	return 200;
}

/* "password": given (>= 8 bytes), or generated when creating without one
 * or when "generate_password" is true. Removes both keys from j. */
static int
user_password(struct req *rq, struct resp *rs, json_t *j, char *pw,
    char *hash, int *gen)
{
	const char	*given = jstr(j, "password");

	hash[0] = '\0';
	pw[0] = '\0';
	if (given != NULL && (strlen(given) < 8 || strlen(given) > 256))
		return resp_error(rs, 422, "invalid_value", "password",
		    "a password of 8 to 256 bytes");
	if (given == NULL && (req_cap(rq, "id") == NULL ||
	    json_is_true(json_object_get(j, "generate_password")))) {
		crypto_token(pw);
		pw[16] = '\0';
		given = pw;
		*gen = 1;
	}
	if (given != NULL && crypto_pw_hash(given, hash) == -1)
		return 500;
	json_object_del(j, "password");
	json_object_del(j, "generate_password");
	return 0;
}

static const char *
type_of(const struct req *rq)
{
	const char	*p = rq->path + strlen(PREFIX), *end;
	size_t		 i, n;

	if (strncmp(rq->path, PREFIX, strlen(PREFIX)) != 0)
		return NULL;
	end = strchr(p, '/');
	n = end != NULL ? (size_t)(end - p) : strlen(p);
	for (i = 0; i < sizeof(path_types) / sizeof(path_types[0]); i++)
		if (strlen(path_types[i].path) == n &&
		    strncmp(path_types[i].path, p, n) == 0)
			return path_types[i].type;
	return NULL;
}

/* Agency administrators see their own organisation's people and units. */
static const char *
scope_of(const struct req *rq, const char *type)
{
	if (rq->who.roles & WF_ROLE_SYSADMIN)
		return NULL;
	if (strcmp(type, ADM_USER) == 0 || strcmp(type, ADM_ORG) == 0 ||
	    strcmp(type, ADM_FIELD_DEADLINE) == 0)
		return rq->who.org_code;
	return NULL;
}
