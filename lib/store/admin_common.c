/*
 * admin_common.c: the engine behind every administrative change: object
 * snapshots from the type table, validation of a JSON patch against the
 * columns, the write, and the transaction that records before and after
 * in the audit log together with the change.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "core/log.h"
#include "db.h"
#include "store/admin_int.h"
#include "workflow.h"

#define MAX_COLS	24

struct params {
	struct db_param	 p[MAX_COLS];
	int64_t		 ids[MAX_COLS];
	char		 roles[192];
	char		*owned[MAX_COLS];	/* K_JSON texts */
	size_t		 n, nowned;
};

struct save_arg {
	const struct adm_type	*t;
	const struct adm_who	*who;
	const char		*id;
	const json_t		*patch;
	int			 create;
	const char		*pw_hash;
	char			 newid[24];	/* autokey: set on insert */
};

static const char SQL_USER_PW[] =
    "UPDATE users SET password_hash = ?, failed_logins = 0,"
    " locked_until = NULL WHERE username = ?";

static const struct adm_col *find_col(const struct adm_type *, const char *);
static int	col_value(const struct adm_col *, json_t *, json_t **,
		    struct adm_err *);
static int	date_ok(const char *);
static int	merge(const struct adm_type *, const struct adm_who *,
		    json_t *, const json_t *, int, struct adm_err *);
static int	add_param(struct db *, const struct adm_col *, json_t *,
		    struct params *, struct adm_err *);
static int	build_params(struct db *, const struct adm_type *, json_t *,
		    int, struct params *, struct adm_err *);
static void	params_free(struct params *);
static int	save_any(struct db *, const struct adm_who *, const char *,
		    const char *, const json_t *, int, const char *, json_t **,
		    struct adm_err *);
static int	save_fn(struct db *, void *, const json_t *, struct adm_err *);
static int	write_row(struct db *, struct save_arg *, json_t *,
		    struct adm_err *);

void
adm_fail(struct adm_err *e, int status, const char *code, const char *field,
    const char *fmt, ...)
{
	va_list	ap;

	e->status = status;
	snprintf(e->code, sizeof(e->code), "%s", code);
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

int
adm_dberr(struct adm_err *e)
{
	adm_fail(e, 500, "internal", NULL, "database error");
	return -1;
}

int
adm_code_ok(const char *s, size_t max)
{
	size_t	n = 0;

	if (s == NULL)
		return 0;
	for (; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' &&
		    s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9') ||
		    s[n] == '_' || s[n] == '.' || s[n] == '-'))
			return 0;
	return n >= 1 && n <= max;
}

int
adm_ref_id(struct db *db, const char *sql, const char *code, int64_t *id)
{
	const struct db_param p[] = { DB_TEXT(code) };

	return db_query_i64(db, sql, p, NITEMS(p), id);
}

int
adm_roles_ok(const struct adm_who *who, const json_t *roles,
    struct adm_err *e)
{
	size_t		 i;
	json_t		*v;
	unsigned	 bit;
	const unsigned	 agency = WF_ROLES_AGENCY;

	json_array_foreach(roles, i, v) {
		if (!json_is_string(v) || wf_role_parse(json_string_value(v),
		    &bit) == -1 || (bit & (WF_ROLE_REPORTER | WF_ROLE_SYSTEM))) {
			adm_fail(e, 422, "invalid_value", "roles",
			    "unknown role");
			return -1;
		}
		if (!who->sysadmin && (bit & agency) == 0) {
			adm_fail(e, 403, "forbidden", "roles", "an agency "
			    "administrator may grant only officer, leader and "
			    "agency_admin");
			return -1;
		}
	}
	return 0;
}

json_t *
adm_row_json(const struct adm_type *t, struct db_res *r)
{
	json_t		*o = json_object(), *arr;
	const char	*s, *comma;
	size_t		 i, col = 0;

	for (i = 0; i < t->ncols; i++) {
		const struct adm_col *c = &t->cols[i];

		if (c->flags & C_EXTRA)
			continue;
		s = db_res_str(r, col);
		if (c->kind == K_JSON)
			json_object_set_new(o, c->key, db_res_isnull(r, col) ?
			    json_null() : json_loads(s, 0, NULL));
		else if (c->kind == K_ROLES) {
			arr = json_array();
			while (*s != '\0') {
				comma = strchr(s, ',');
				if (comma == NULL)
					comma = s + strlen(s);
				json_array_append_new(arr, json_stringn(s,
				    (size_t)(comma - s)));
				s = *comma ? comma + 1 : comma;
			}
			json_object_set_new(o, c->key, arr);
		} else if (db_res_isnull(r, col))
			json_object_set_new(o, c->key, json_null());
		else if (c->kind == K_INT)
			json_object_set_new(o, c->key, json_integer(
			    db_res_i64(r, col)));
		else if (c->kind == K_BOOL)
			json_object_set_new(o, c->key, json_boolean(
			    db_res_i64(r, col) != 0));
		else
			json_object_set_new(o, c->key, json_string(s));
		col++;
	}
	return o;
}

int
store_adm_get(struct db *db, const char *type, const char *id, json_t **out)
{
	const struct adm_type	*t = adm_type(type);
	const struct db_param	 p[] = { DB_TEXT(id) };
	struct db_res		*r = NULL;
	json_t			*o = NULL;
	int			 rc = -1;

	if (t == NULL || id == NULL || *id == '\0')
		return t == NULL ? -1 : 1;
	if (t->sql_get == NULL) {
		o = json_object();
		rc = t->extra_get(db, id, o);
		goto out;
	}
	if (db_query(db, t->sql_get, p, NITEMS(p), &r) == -1)
		goto out;
	rc = 1;
	if (db_res_next(r)) {
		o = adm_row_json(t, r);
		rc = t->extra_get != NULL ? t->extra_get(db, id, o) : 0;
	}
out:
	db_res_free(r);
	if (rc == 0)
		*out = o;
	else
		json_decref(o);
	return rc;
}

int
store_adm_list(struct db *db, const char *type, const char *org_code,
    json_t **out)
{
	const struct adm_type	*t = adm_type(type);
	struct db_param		 p[4];
	struct db_res		*r = NULL;
	json_t			*arr, *o;
	int			 i;

	if (t == NULL || t->sql_list == NULL || t->scoped > 4)
		return -1;
	for (i = 0; i < t->scoped; i++)
		p[i] = (struct db_param)DB_TEXT(org_code);
	if (db_query(db, t->sql_list, p, (size_t)t->scoped, &r) == -1)
		return -1;
	arr = json_array();
	while (db_res_next(r)) {
		o = adm_row_json(t, r);
		if (t->extra_get != NULL && t->extra_get(db, db_res_str(r, 0),
		    o) == -1) {
			json_decref(o);
			json_decref(arr);
			db_res_free(r);
			return -1;
		}
		json_array_append_new(arr, o);
	}
	db_res_free(r);
	*out = arr;
	return 0;
}

int
adm_audited(struct db *db, const struct adm_who *who, const char *action,
    const char *type, const char *id, const char *reason, adm_change_fn fn,
    void *arg, json_t **after, struct adm_err *e)
{
	json_t	*before = NULL, *aft = NULL;
	int	 rc, ok = 0, outer = db_in_tx(db);

	memset(e, 0, sizeof(*e));
	if (!outer && db_begin(db) == -1)
		return adm_dberr(e);
	rc = store_adm_get(db, type, id, &before);
	if (rc == -1) {
		adm_dberr(e);
		goto out;
	}
	if (fn(db, arg, rc == 0 ? before : NULL, e) == -1)
		goto out;
	if (store_adm_get(db, type, id, &aft) == -1 ||
	    store_audit(db, &who->actor, action, type, id, before, aft,
	    reason) == -1 || (!outer && db_commit(db) == -1)) {
		adm_dberr(e);
		goto out;
	}
	ok = 1;
out:
	/* inside the caller's transaction the caller commits or rolls back */
	if (!outer)
		db_rollback(db);
	json_decref(before);
	if (ok && after != NULL)
		*after = aft;
	else
		json_decref(aft);
	if (!ok && e->status == 0)
		adm_dberr(e);
	return ok ? 0 : -1;
}

int
store_adm_save(struct db *db, const struct adm_who *who, const char *type,
    const char *id, const json_t *patch, int create, json_t **after,
    struct adm_err *e)
{
	return save_any(db, who, type, id, patch, create, NULL, after, e);
}

int
store_adm_save_user(struct db *db, const struct adm_who *who, const char *id,
    const json_t *patch, int create, const char *pw_hash, json_t **after,
    struct adm_err *e)
{
	return save_any(db, who, ADM_USER, id, patch, create, pw_hash, after,
	    e);
}

static int
save_any(struct db *db, const struct adm_who *who, const char *type,
    const char *id, const json_t *patch, int create, const char *pw_hash,
    json_t **after, struct adm_err *e)
{
	struct save_arg	 a;
	char		 action[48];

	memset(e, 0, sizeof(*e));
	a.t = adm_type(type);
	if (a.t == NULL || a.t->cols == NULL || !json_is_object(patch)) {
		adm_fail(e, 400, "invalid_json", NULL, "a JSON object is "
		    "required");
		return -1;
	}
	a.newid[0] = '\0';
	if (create && a.t->autokey)
		id = a.newid;	/* filled in by write_row */
	else if (create)
		id = json_string_value(json_object_get(patch, a.t->cols[0].key));
	if (id != a.newid && !adm_code_ok(id, (size_t)a.t->cols[0].hi)) {
		adm_fail(e, 422, create ? "required" : "not_found",
		    a.t->cols[0].key, "a code of letters, digits, '_', '.' "
		    "or '-' (at most %d) is required", a.t->cols[0].hi);
		if (!create)
			e->status = 404;
		return -1;
	}
	a.who = who;
	a.id = id;
	a.patch = patch;
	a.create = create;
	a.pw_hash = pw_hash;
	snprintf(action, sizeof(action), "%s.%s", type, create ? "create" :
	    "update");
	return adm_audited(db, who, action, type, id, NULL, save_fn, &a,
	    after, e);
}

static int
save_fn(struct db *db, void *arg, const json_t *before, struct adm_err *e)
{
	struct save_arg		*a = arg;
	json_t			*m;
	int			 rc = -1;

	if (a->create && before != NULL) {
		adm_fail(e, 409, "exists", a->t->cols[0].key, "%s already "
		    "exists", a->id);
		return -1;
	}
	if (!a->create && before == NULL) {
		adm_fail(e, 404, "not_found", NULL, "no %s %s", a->t->name,
		    a->id);
		return -1;
	}
	m = a->create ? json_loads(a->t->defaults, 0, NULL) :
	    json_deep_copy(before);
	if (m == NULL)
		return adm_dberr(e);
	if (a->t->autokey && a->create && json_object_get(a->patch,
	    a->t->cols[0].key) != NULL) {
		adm_fail(e, 422, "immutable", a->t->cols[0].key, "the id is "
		    "assigned when the object is created");
		goto out;
	}
	if (merge(a->t, a->who, m, a->patch, a->create, e) == -1 ||
	    (a->t->check != NULL && a->t->check(db, a->who, before, m,
	    a->patch, e) == -1) || write_row(db, a, m, e) == -1)
		goto out;
	rc = 0;
out:
	json_decref(m);
	return rc;
}

static int
write_row(struct db *db, struct save_arg *a, json_t *m, struct adm_err *e)
{
	struct params	ps;
	int		rc;

	if (build_params(db, a->t, m, !a->create, &ps, e) == -1) {
		params_free(&ps);
		return -1;
	}
	db_expect_error(db, DB_ERR_DUPLICATE);
	rc = db_exec(db, a->create ? a->t->sql_ins : a->t->sql_upd, ps.p,
	    ps.n);
	params_free(&ps);
	if (rc == -1) {
		if (db_errno(db) == DB_ERR_DUPLICATE) {
			adm_fail(e, 409, "exists", NULL, "%s already exists",
			    a->t->autokey ? "such a row" : a->id);
			return -1;
		}
		return adm_dberr(e);
	}
	if (a->create && a->t->autokey)
		snprintf(a->newid, sizeof(a->newid), "%llu",
		    (unsigned long long)db_insert_id(db));
	if (a->t->extra_put != NULL && a->t->extra_put(db, a->id, m) == -1)
		return adm_dberr(e);
	if (a->create && a->pw_hash == NULL && strcmp(a->t->name,
	    ADM_USER) == 0) {
		adm_fail(e, 422, "required", "password", "a password is "
		    "required");
		return -1;
	}
	if (a->pw_hash != NULL) {
		const struct db_param p[] = { DB_TEXT(a->pw_hash),
		    DB_TEXT(a->id) };

		if (db_exec(db, SQL_USER_PW, p, NITEMS(p)) == -1)
			return adm_dberr(e);
	}
	return 0;
}

static const struct adm_col *
find_col(const struct adm_type *t, const char *key)
{
	size_t	i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].key, key) == 0)
			return &t->cols[i];
	return NULL;
}

static int
merge(const struct adm_type *t, const struct adm_who *who, json_t *m,
    const json_t *patch, int create, struct adm_err *e)
{
	const struct adm_col	*c;
	const char		*k;
	json_t			*v, *nv;
	size_t			 i;

	json_object_foreach((json_t *)patch, k, v) {
		c = find_col(t, k);
		if (c == NULL) {
			adm_fail(e, 422, "unknown_field", k, "no such field");
			return -1;
		}
		if (!who->sysadmin && !(c->flags & C_AGENCY)) {
			adm_fail(e, 403, "forbidden", k, "only a system "
			    "administrator may change this");
			return -1;
		}
		if ((c->flags & C_KEY) && !create) {
			if (!json_equal(v, json_object_get(m, k))) {
				adm_fail(e, 422, "immutable", k, "the code "
				    "cannot change");
				return -1;
			}
			continue;
		}
		if (col_value(c, v, &nv, e) == -1)
			return -1;
		json_object_set_new(m, k, nv);
	}
	for (i = 0; create && i < t->ncols; i++) {
		v = json_object_get(m, t->cols[i].key);
		if ((t->cols[i].flags & C_REQ) && (v == NULL ||
		    json_is_null(v))) {
			adm_fail(e, 422, "required", t->cols[i].key,
			    "required");
			return -1;
		}
	}
	return 0;
}

/* Validates v for column c; *out is the normalised value (new ref). */
static int
col_value(const struct adm_col *c, json_t *v, json_t **out,
    struct adm_err *e)
{
	const char	*s = json_string_value(v);
	size_t		 len = s != NULL ? strlen(s) : 0, i;
	json_t		*x;

	*out = NULL;
	switch (c->kind) {
	case K_CODE:
		if (adm_code_ok(s, (size_t)c->hi))
			*out = json_incref(v);
		break;
	case K_STR:
		if (s != NULL && len >= (size_t)c->lo && len <= (size_t)c->hi)
			*out = json_incref(v);
		break;
	case K_OSTR:
	case K_REF:
	case K_DATE:
		if (json_is_null(v) || (s != NULL && len == 0))
			*out = json_null();
		else if (s != NULL && (c->kind == K_OSTR ? len <=
		    (size_t)c->hi : c->kind == K_DATE ? date_ok(s) :
		    len <= 64))
			*out = json_incref(v);
		break;
	case K_INT:
		if (json_is_integer(v) && json_integer_value(v) >= c->lo &&
		    json_integer_value(v) <= c->hi)
			*out = json_incref(v);
		break;
	case K_BOOL:
		if (json_is_boolean(v) || (json_is_integer(v) &&
		    (json_integer_value(v) == 0 || json_integer_value(v) == 1)))
			*out = json_boolean(json_is_true(v) ||
			    json_integer_value(v) == 1);
		break;
	case K_JSON:
		if (json_is_array(v) || json_is_null(v))
			*out = json_incref(v);
		break;
	case K_ROLES:
	case K_CODES:
		if (!json_is_array(v) || (c->kind == K_CODES &&
		    json_array_size(v) > (size_t)c->hi))
			break;
		json_array_foreach(v, i, x)
			if (!adm_code_ok(json_string_value(x), 64))
				break;
		if (i == json_array_size(v))
			*out = json_incref(v);
		break;
	}
	if (*out != NULL)
		return 0;
	if (c->kind == K_INT)
		adm_fail(e, 422, "invalid_value", c->key, "an integer from %d "
		    "to %d", c->lo, c->hi);
	else if (c->kind == K_STR)
		adm_fail(e, 422, "invalid_value", c->key, "a text of %d to %d "
		    "bytes", c->lo, c->hi);
	else
		adm_fail(e, 422, "invalid_value", c->key, "invalid value");
	return -1;
}

/* "YYYY-MM-DD", a real date. */
static int
date_ok(const char *s)
{
	int	i, ymd = 0;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return 0;
		ymd = ymd * 10 + (s[i] - '0');
	}
	return cal_ymd_valid(ymd);
}

static int
add_param(struct db *db, const struct adm_col *c, json_t *v,
    struct params *ps, struct adm_err *e)
{
	struct db_param	*p = &ps->p[ps->n];
	size_t		 i, used = 0;
	json_t		*x;
	int		 rc;

	if (c->kind == K_ROLES) {
		ps->roles[0] = '\0';
		json_array_foreach(v, i, x) {
			rc = snprintf(ps->roles + used, sizeof(ps->roles) -
			    used, "%s%s", i ? "," : "", json_string_value(x));
			if (rc < 0 || (size_t)rc >= sizeof(ps->roles) - used)
				return adm_dberr(e);
			used += (size_t)rc;
		}
		/* a copy: a type may have several SET columns */
		ps->owned[ps->nowned] = strdup(ps->roles);
		if (ps->owned[ps->nowned] == NULL)
			return adm_dberr(e);
		*p = (struct db_param)DB_TEXT(ps->owned[ps->nowned]);
		ps->nowned++;
	} else if (v == NULL || json_is_null(v))
		*p = (struct db_param)DB_NULL;
	else if (c->kind == K_JSON) {
		ps->owned[ps->nowned] = json_dumps(v, JSON_COMPACT);
		if (ps->owned[ps->nowned] == NULL)
			return adm_dberr(e);
		*p = (struct db_param)DB_TEXT(ps->owned[ps->nowned]);
		ps->nowned++;
	}
	else if (c->kind == K_REF) {
		rc = adm_ref_id(db, c->ref_sql, json_string_value(v),
		    &ps->ids[ps->n]);
		if (rc == -1)
			return adm_dberr(e);
		if (rc == 1) {
			adm_fail(e, 422, "unknown_reference", c->key,
			    "no such code: %s", json_string_value(v));
			return -1;
		}
		*p = (struct db_param)DB_I64(ps->ids[ps->n]);
	} else if (c->kind == K_INT)
		*p = (struct db_param)DB_I64(json_integer_value(v));
	else if (c->kind == K_BOOL)
		*p = (struct db_param)DB_I64(json_is_true(v) ? 1 : 0);
	else
		*p = (struct db_param)DB_TEXT(json_string_value(v));
	ps->n++;
	return 0;
}

/* Parameters in column order; key_last: the key after the others (an
 * update). An autokey type inserts without its key. The caller frees ps
 * with params_free(), also after a failure. */
static int
build_params(struct db *db, const struct adm_type *t, json_t *m,
    int key_last, struct params *ps, struct adm_err *e)
{
	size_t	i;

	ps->n = 0;
	ps->nowned = 0;
	for (i = 0; i < t->ncols && i < MAX_COLS - 1; i++) {
		const struct adm_col *c = &t->cols[i];

		if ((c->flags & C_EXTRA) || ((key_last || t->autokey) &&
		    (c->flags & C_KEY)))
			continue;
		if (add_param(db, c, json_object_get(m, c->key), ps, e) == -1)
			return -1;
	}
	if (key_last && add_param(db, &t->cols[0], json_object_get(m,
	    t->cols[0].key), ps, e) == -1)
		return -1;
	return 0;
}

static void
params_free(struct params *ps)
{
	size_t	i;

	for (i = 0; i < ps->nowned; i++)
		free(ps->owned[i]);
	ps->nowned = 0;
}
