/*
 * admin_hooks.c: what the type table cannot say: scope and consistency
 * checks (agency administrators, hierarchy cycles, focal points, phone
 * numbers, calendar text), unit lineage, and the snapshots of the objects
 * without a type row (routing rules, template overrides, API keys).
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "model/phone.h"
#include "store/admin_int.h"

static const char SQL_ORG_PARENT[] =
    "SELECT p.code FROM organisations o JOIN organisations p"
    " ON p.id = o.parent_id WHERE o.code = ?";
static const char SQL_USER_ORG[] =
    "SELECT o.code FROM users u JOIN organisations o ON o.id = u.org_id"
    " WHERE u.username = ?";
static const char SQL_UNIT_ID[] = "SELECT id FROM admin_units WHERE code = ?";
static const char SQL_SUCC_GET[] =
    "SELECT s.code FROM admin_unit_successors x"
    " JOIN admin_units u ON u.id = x.unit_id"
    " JOIN admin_units s ON s.id = x.successor_id"
    " WHERE u.code = ? ORDER BY s.code";
static const char SQL_SUCC_DEL[] =
    "DELETE FROM admin_unit_successors WHERE unit_id = ?";
static const char SQL_SUCC_ADD[] =
    "INSERT INTO admin_unit_successors (unit_id, successor_id) VALUES (?, ?)";
static const char SQL_SUCC_FIRST[] =
    "UPDATE admin_units SET successor_id = ? WHERE id = ?";
static const char SQL_ROUTE_GET[] =
    "SELECT f.code, u.code, o.code, r.coord_org_ids FROM routing_rules r"
    " JOIN fields f ON f.id = r.field_id"
    " LEFT JOIN admin_units u ON u.id = r.admin_unit_id"
    " JOIN organisations o ON o.id = r.lead_org_id"
    " WHERE f.code = ? AND (u.code <=> ?) ORDER BY r.id LIMIT 1";
static const char SQL_COORD[] =
    "SELECT code FROM organisations WHERE FIND_IN_SET(id, ?) ORDER BY code";
static const char SQL_TMPL_GET[] =
    "SELECT body FROM templates WHERE channel = ? AND name = ? AND lang = ?";
static const char SQL_KEY_GET[] =
    "SELECT k.prefix, o.code, k.kind, k.name, UNIX_TIMESTAMP(k.created_at),"
    " UNIX_TIMESTAMP(k.revoked_at) FROM api_keys k"
    " LEFT JOIN organisations o ON o.id = k.org_id WHERE k.prefix = ?";

static int	org_of_user(struct db *, const char *, char *, size_t);
static int	parent_cycle(struct db *, const char *, const char *);
static int	focal_ok(struct db *, json_t *, const char *, const char *,
		    struct adm_err *);
static int	no_deactivate(const struct adm_who *, const json_t *,
		    struct adm_err *);

int
adm_check_org(struct db *db, const struct adm_who *who, const json_t *before,
    json_t *m, const json_t *patch, struct adm_err *e)
{
	const char	*code = json_string_value(json_object_get(m, "code"));
	const char	*parent = json_string_value(json_object_get(m,
	    "parent"));
	int		 rc;

	if (!who->sysadmin && (before == NULL || who->org_code == NULL ||
	    strcmp(code, who->org_code) != 0)) {
		adm_fail(e, 403, "forbidden", NULL, "an agency administrator "
		    "manages only their own organisation");
		return -1;
	}
	if (no_deactivate(who, patch, e) == -1)
		return -1;
	if (parent != NULL) {
		rc = parent_cycle(db, code, parent);
		if (rc == -1)
			return adm_dberr(e);
		if (rc == 1) {
			adm_fail(e, 422, "invalid_value", "parent", "the "
			    "hierarchy would contain a cycle");
			return -1;
		}
	}
	return focal_ok(db, m, "focal_leader", code, e) == -1 ||
	    focal_ok(db, m, "focal_officer", code, e) == -1 ? -1 : 0;
}

int
adm_check_user(struct db *db, const struct adm_who *who, const json_t *before,
    json_t *m, const json_t *patch, struct adm_err *e)
{
	const char	*phone = json_string_value(json_object_get(m, "phone"));
	const char	*email = json_string_value(json_object_get(m, "email"));
	const char	*org = json_string_value(json_object_get(m, "org"));
	char		 e164[PHONE_E164_SIZE];

	(void)db;
	if (!who->sysadmin && (who->org_code == NULL || org == NULL ||
	    strcmp(org, who->org_code) != 0 || (before != NULL &&
	    strcmp(json_string_value(json_object_get(before, "org")),
	    who->org_code) != 0))) {
		adm_fail(e, 403, "forbidden", NULL, "an agency administrator "
		    "manages only the people of their own organisation");
		return -1;
	}
	if ((!who->sysadmin && before != NULL && adm_roles_ok(who,
	    json_object_get(before, "roles"), e) == -1) ||
	    adm_roles_ok(who, json_object_get(m, "roles"), e) == -1 ||
	    no_deactivate(who, patch, e) == -1)
		return -1;
	if (phone != NULL) {
		if (phone_normalize(phone, e164) == -1) {
			adm_fail(e, 422, "invalid_phone", "phone", "not a "
			    "phone number");
			return -1;
		}
		json_object_set_new(m, "phone", json_string(e164));
	}
	if (email != NULL && (strchr(email, '@') == NULL ||
	    strpbrk(email, " \t\r\n,;<>") != NULL)) {
		adm_fail(e, 422, "invalid_email", "email", "not an e-mail "
		    "address");
		return -1;
	}
	return 0;
}

int
adm_check_unit(struct db *db, const struct adm_who *who, const json_t *before,
    json_t *m, const json_t *patch, struct adm_err *e)
{
	const char	*code = json_string_value(json_object_get(m, "code"));
	const char	*level = json_string_value(json_object_get(m, "level"));
	const char	*parent = json_string_value(json_object_get(m,
	    "parent"));
	json_t		*v;
	size_t		 i;
	int64_t		 id;
	int		 rc;

	(void)who;
	(void)before;
	(void)patch;
	if (strcmp(level, "province") != 0 && strcmp(level, "district") != 0 &&
	    strcmp(level, "commune") != 0) {
		adm_fail(e, 422, "invalid_value", "level", "province, district "
		    "or commune");
		return -1;
	}
	if (parent != NULL && strcmp(parent, code) == 0) {
		adm_fail(e, 422, "invalid_value", "parent", "a unit cannot be "
		    "its own parent");
		return -1;
	}
	json_array_foreach(json_object_get(m, "successors"), i, v) {
		rc = adm_ref_id(db, SQL_UNIT_ID, json_string_value(v), &id);
		if (rc == -1)
			return adm_dberr(e);
		if (rc == 1 || strcmp(json_string_value(v), code) == 0) {
			adm_fail(e, 422, "unknown_reference", "successors",
			    "no such unit (or the unit itself): %s",
			    json_string_value(v));
			return -1;
		}
	}
	return 0;
}

int
adm_check_calendar(struct db *db, const struct adm_who *who,
    const json_t *before, json_t *m, const json_t *patch, struct adm_err *e)
{
	(void)db;
	(void)who;
	(void)before;
	(void)patch;
	return store_adm_calendar_check(json_string_value(json_object_get(m,
	    "body")), e);
}

int
adm_unit_successors_get(struct db *db, const char *code, json_t *o)
{
	const struct db_param	 p[] = { DB_TEXT(code) };
	struct db_res		*r = NULL;
	json_t			*arr;

	if (db_query(db, SQL_SUCC_GET, p, NITEMS(p), &r) == -1)
		return -1;
	arr = json_array();
	while (db_res_next(r))
		json_array_append_new(arr, json_string(db_res_str(r, 0)));
	db_res_free(r);
	json_object_set_new(o, "successors", arr);
	return 0;
}

int
adm_unit_successors_put(struct db *db, const char *code, json_t *o)
{
	json_t	*arr = json_object_get(o, "successors"), *v;
	int64_t	 uid, sid, first = 0;
	size_t	 i;

	if (adm_ref_id(db, SQL_UNIT_ID, code, &uid) != 0)
		return -1;
	{
		const struct db_param p[] = { DB_I64(uid) };

		if (db_exec(db, SQL_SUCC_DEL, p, NITEMS(p)) == -1)
			return -1;
	}
	json_array_foreach(arr, i, v) {
		if (adm_ref_id(db, SQL_UNIT_ID, json_string_value(v), &sid) != 0)
			return -1;
		if (first == 0)
			first = sid;
		{
			const struct db_param p[] = { DB_I64(uid), DB_I64(sid) };

			db_expect_error(db, DB_ERR_DUPLICATE);
			if (db_exec(db, SQL_SUCC_ADD, p, NITEMS(p)) == -1 &&
			    db_errno(db) != DB_ERR_DUPLICATE)
				return -1;
		}
	}
	{
		const struct db_param p[] = { DB_ID(first), DB_I64(uid) };

		return db_exec(db, SQL_SUCC_FIRST, p, NITEMS(p));
	}
}

/* id: "FIELD@UNIT", or "FIELD@*" for the whole province. */
int
adm_routing_get(struct db *db, const char *id, json_t *o)
{
	char			 field[64], *at;
	const char		*unit;
	struct db_res		*r = NULL, *c = NULL;
	json_t			*coord;
	int			 rc = -1;

	snprintf(field, sizeof(field), "%s", id);
	at = strchr(field, '@');
	if (at == NULL)
		return 1;
	*at = '\0';
	unit = strcmp(at + 1, "*") == 0 ? NULL : at + 1;
	{
		const struct db_param p[] = { DB_TEXT(field), DB_TEXT(unit) };

		if (db_query(db, SQL_ROUTE_GET, p, NITEMS(p), &r) == -1)
			goto out;
	}
	rc = 1;
	if (!db_res_next(r))
		goto out;
	{
		const struct db_param q[] = { DB_TEXT(db_res_str(r, 3)) };

		if (db_query(db, SQL_COORD, q, NITEMS(q), &c) == -1) {
			rc = -1;
			goto out;
		}
	}
	coord = json_array();
	while (db_res_next(c))
		json_array_append_new(coord, json_string(db_res_str(c, 0)));
	json_object_set_new(o, "field", json_string(db_res_str(r, 0)));
	json_object_set_new(o, "unit", db_res_isnull(r, 1) ? json_null() :
	    json_string(db_res_str(r, 1)));
	json_object_set_new(o, "lead", json_string(db_res_str(r, 2)));
	json_object_set_new(o, "coord", coord);
	rc = 0;
out:
	db_res_free(r);
	db_res_free(c);
	return rc;
}

/* id: "channel/name/lang". */
int
adm_template_get(struct db *db, const char *id, json_t *o)
{
	char		 buf[160], *name, *lang;
	struct db_res	*r = NULL;
	int		 rc = -1;

	snprintf(buf, sizeof(buf), "%s", id);
	name = strchr(buf, '/');
	lang = name != NULL ? strchr(name + 1, '/') : NULL;
	if (lang == NULL)
		return 1;
	*name++ = '\0';
	*lang++ = '\0';
	{
		const struct db_param p[] = { DB_TEXT(buf), DB_TEXT(name),
		    DB_TEXT(lang) };

		if (db_query(db, SQL_TMPL_GET, p, NITEMS(p), &r) == -1)
			return -1;
	}
	rc = 1;
	if (db_res_next(r)) {
		json_object_set_new(o, "channel", json_string(buf));
		json_object_set_new(o, "name", json_string(name));
		json_object_set_new(o, "lang", json_string(lang));
		json_object_set_new(o, "body", json_string(db_res_str(r, 0)));
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int
adm_apikey_get(struct db *db, const char *prefix, json_t *o)
{
	const struct db_param	 p[] = { DB_TEXT(prefix) };
	struct db_res		*r = NULL;
	int			 rc = 1;

	if (db_query(db, SQL_KEY_GET, p, NITEMS(p), &r) == -1)
		return -1;
	if (db_res_next(r)) {
		json_object_set_new(o, "prefix", json_string(db_res_str(r, 0)));
		json_object_set_new(o, "org", db_res_isnull(r, 1) ?
		    json_null() : json_string(db_res_str(r, 1)));
		json_object_set_new(o, "kind", json_string(db_res_str(r, 2)));
		json_object_set_new(o, "name", json_string(db_res_str(r, 3)));
		json_object_set_new(o, "created_at", json_integer(
		    db_res_i64(r, 4)));
		json_object_set_new(o, "revoked_at", db_res_isnull(r, 5) ?
		    json_null() : json_integer(db_res_i64(r, 5)));
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

static int
org_of_user(struct db *db, const char *username, char *out, size_t sz)
{
	const struct db_param	 p[] = { DB_TEXT(username) };
	struct db_res		*r = NULL;
	int			 rc = 1;

	if (db_query(db, SQL_USER_ORG, p, NITEMS(p), &r) == -1)
		return -1;
	if (db_res_next(r)) {
		snprintf(out, sz, "%s", db_res_str(r, 0));
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

/* 1 when making parent the parent of code closes a cycle. */
static int
parent_cycle(struct db *db, const char *code, const char *parent)
{
	char		 cur[64];
	struct db_res	*r = NULL;
	int		 depth;

	snprintf(cur, sizeof(cur), "%s", parent);
	for (depth = 0; depth < 32; depth++) {
		if (strcmp(cur, code) == 0)
			return 1;
		{
			const struct db_param p[] = { DB_TEXT(cur) };

			if (db_query(db, SQL_ORG_PARENT, p, NITEMS(p), &r) == -1)
				return -1;
		}
		if (!db_res_next(r)) {
			db_res_free(r);
			return 0;
		}
		snprintf(cur, sizeof(cur), "%s", db_res_str(r, 0));
		db_res_free(r);
		r = NULL;
	}
	return 1;
}

/* A focal leader/officer (REG 14.1) belongs to the organisation. */
static int
focal_ok(struct db *db, json_t *m, const char *key, const char *code,
    struct adm_err *e)
{
	const char	*u = json_string_value(json_object_get(m, key));
	char		 org[64];
	int		 rc;

	if (u == NULL)
		return 0;
	rc = org_of_user(db, u, org, sizeof(org));
	if (rc == -1)
		return adm_dberr(e);
	if (rc == 1 || strcmp(org, code) != 0) {
		adm_fail(e, 422, "invalid_value", key, "%s is not a member of "
		    "%s", u, code);
		return -1;
	}
	return 0;
}

static int
no_deactivate(const struct adm_who *who, const json_t *patch,
    struct adm_err *e)
{
	if (!who->import && json_is_false(json_object_get(patch, "active"))) {
		adm_fail(e, 422, "use_deactivate", "active", "deactivate with "
		    "the deactivate action, which also handles open cases");
		return -1;
	}
	return 0;
}
