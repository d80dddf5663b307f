/*
 * admin_export.c: the whole reference data set as one JSON document in
 * the format "phananh-admin load" reads (docs/admin.md). Deterministic:
 * every list is in code order and null members are left out, so an export
 * imported into an empty database exports again to the same bytes.
 */
#include <string.h>

#include "db.h"
#include "store/admin_int.h"

static const char SQL_PW[] =
    "SELECT username, password_hash FROM users ORDER BY username";
static const char SQL_KEYS[] =
    "SELECT k.prefix, k.key_hash, o.code, k.kind, k.name,"
    " DATE_FORMAT(k.revoked_at, '%Y-%m-%d %H:%i:%s') FROM api_keys k"
    " LEFT JOIN organisations o ON o.id = k.org_id ORDER BY k.prefix";

static json_t	*list(struct db *, const char *, int *);
static void	 drop_nulls(json_t *);
static json_t	*settings(struct db *, int *);
static json_t	*fields(struct db *, int *);
static json_t	*users(struct db *, int *);
static json_t	*rows(struct db *, const char *, int *);
static json_t	*keys(struct db *, int *);
static json_t	*routing(struct db *, int *);

int
store_adm_export(struct db *db, json_t **out)
{
	int	 err = 0;
	json_t	*o, *tmpl = NULL;

	if (store_adm_templates_list(db, &tmpl) == -1)
		err = 1;
	o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
	    "s:o, s:o, s:o}",
	    "settings", settings(db, &err),
	    "org_types", list(db, ADM_ORG_TYPE, &err),
	    "calendars", list(db, ADM_CALENDAR, &err),
	    "admin_units", list(db, ADM_UNIT, &err),
	    "fields", fields(db, &err),
	    "organisations", list(db, ADM_ORG, &err),
	    "field_deadlines", rows(db, ADM_FIELD_DEADLINE, &err),
	    "routing", routing(db, &err),
	    "users", users(db, &err),
	    "field_attributes", rows(db, ADM_ATTRIBUTE, &err),
	    "reminder_rules", rows(db, ADM_REMINDER, &err),
	    "templates", tmpl != NULL ? tmpl : json_array(),
	    "api_keys", keys(db, &err));
	if (o == NULL || err) {
		json_decref(o);
		return -1;
	}
	*out = o;
	return 0;
}

static json_t *
list(struct db *db, const char *type, int *err)
{
	json_t	*arr = NULL, *v;
	size_t	 i;

	if (store_adm_list(db, type, NULL, &arr) == -1) {
		*err = 1;
		return json_array();
	}
	json_array_foreach(arr, i, v) {
		drop_nulls(v);
		if (json_array_size(json_object_get(v, "successors")) == 0)
			json_object_del(v, "successors");
	}
	return arr;
}

static void
drop_nulls(json_t *o)
{
	const char	*k;
	json_t		*v;
	void		*tmp;

	json_object_foreach_safe(o, tmp, k, v)
		if (json_is_null(v))
			json_object_del(o, k);
}

static json_t *
settings(struct db *db, int *err)
{
	json_t	*arr = list(db, ADM_SETTING, err), *o = json_object(), *v;
	size_t	 i;

	json_array_foreach(arr, i, v)
		json_object_set(o, json_string_value(json_object_get(v, "name")),
		    json_object_get(v, "value"));
	json_decref(arr);
	return o;
}

/* Fields with their groups nested, as load reads them. */
static json_t *
fields(struct db *db, int *err)
{
	json_t	*fs = list(db, ADM_FIELD, err), *gs = list(db, ADM_GROUP, err);
	json_t	*f, *g;
	size_t	 i, j;

	json_array_foreach(fs, i, f) {
		json_object_set_new(f, "groups", json_array());
		json_array_foreach(gs, j, g) {
			if (!json_equal(json_object_get(g, "field"),
			    json_object_get(f, "code")))
				continue;
			g = json_deep_copy(g);
			json_object_del(g, "field");
			json_array_append_new(json_object_get(f, "groups"), g);
		}
	}
	json_decref(gs);
	return fs;
}

static json_t *
users(struct db *db, int *err)
{
	json_t		*us = list(db, ADM_USER, err), *u;
	struct db_res	*r = NULL;
	size_t		 i;

	if (db_query(db, SQL_PW, NULL, 0, &r) == -1) {
		*err = 1;
		return us;
	}
	while (db_res_next(r))
		json_array_foreach(us, i, u)
			if (strcmp(json_string_value(json_object_get(u,
			    "username")), db_res_str(r, 0)) == 0)
				json_object_set_new(u, "password_hash",
				    json_string(db_res_str(r, 1)));
	db_res_free(r);
	return us;
}

static json_t *
routing(struct db *db, int *err)
{
	json_t	*arr = NULL, *v;
	size_t	 i;

	if (store_adm_routing_list(db, &arr) == -1) {
		*err = 1;
		return json_array();
	}
	json_array_foreach(arr, i, v) {
		json_object_del(v, "id");
		drop_nulls(v);
		if (json_array_size(json_object_get(v, "coord")) == 0)
			json_object_del(v, "coord");
	}
	return arr;
}

/* Rows without a code of their own: their ids differ between databases,
 * so the natural key names them (store_adm_put on import). */
static json_t *
rows(struct db *db, const char *type, int *err)
{
	json_t	*arr = list(db, type, err), *v;
	size_t	 i;

	json_array_foreach(arr, i, v)
		json_object_del(v, "id");
	return arr;
}

static json_t *
keys(struct db *db, int *err)
{
	struct db_res	*r = NULL;
	json_t		*arr = json_array(), *k;

	if (db_query(db, SQL_KEYS, NULL, 0, &r) == -1) {
		*err = 1;
		return arr;
	}
	while (db_res_next(r)) {
		k = json_pack("{s:s, s:s, s:s, s:s}", "prefix",
		    db_res_str(r, 0), "key_hash", db_res_str(r, 1), "kind",
		    db_res_str(r, 3), "name", db_res_str(r, 4));
		if (!db_res_isnull(r, 2))
			json_object_set_new(k, "org", json_string(
			    db_res_str(r, 2)));
		if (!db_res_isnull(r, 5))
			json_object_set_new(k, "revoked_at", json_string(
			    db_res_str(r, 5)));
		json_array_append_new(arr, k);
	}
	db_res_free(r);
	return arr;
}
