/*
 * orgs.c: organisation and reference lookups used by the API: codes to ids,
 * the /api/v1/meta document, routing and duplicate suggestions.
 */
#include <string.h>

#include "db.h"
#include "store/orgs.h"
#include "workflow.h"

static const char SQL_ORG_ID[] =
    "SELECT id FROM organisations WHERE code = ? AND active = 1";
static const char SQL_FIELDS[] =
    "SELECT f.code, f.name_vi, f.name_en, COALESCE(g.code, ''),"
    " COALESCE(g.name_vi, ''), COALESCE(g.name_en, ''), f.keywords"
    " FROM fields f LEFT JOIN report_groups g ON g.field_id = f.id"
    " AND g.active = 1 WHERE f.active = 1 ORDER BY f.sort, f.id, g.id";
static const char SQL_AGENCIES[] =
    "SELECT code, name, short_name, is_center FROM organisations"
    " WHERE active = 1 ORDER BY is_center DESC, id";
static const char SQL_UNITS[] =
    "SELECT code, name, level FROM admin_units"
    " WHERE valid_to IS NULL ORDER BY id";
static const char SQL_ROUTE[] =
    "SELECT o.code, o.name, r.coord_org_ids FROM cases c"
    " JOIN fields f ON f.id = COALESCE((SELECT id FROM fields WHERE code = ?),"
    "  c.field_id, c.field_suggested_id)"
    " JOIN routing_rules r ON r.field_id = f.id"
    "  AND (r.admin_unit_id IS NULL OR r.admin_unit_id = c.admin_unit_id)"
    " JOIN organisations o ON o.id = r.lead_org_id"
    " WHERE c.id = ? ORDER BY r.admin_unit_id IS NULL, r.id LIMIT 1";
static const char SQL_COORD_CODES[] =
    "SELECT code FROM organisations WHERE FIND_IN_SET(id, ?)";
static const char SQL_DUPES[] =
    "SELECT d.id, d.state, UNIX_TIMESTAMP(d.received_at), LEFT(d.description,"
    " 160) FROM cases c JOIN cases d ON d.id <> c.id"
    " AND d.received_at > c.received_at - INTERVAL 30 DAY"
    " AND d.state NOT IN ('merged','withdrawn','not_accepted')"
    " AND COALESCE(d.field_id, d.field_suggested_id) ="
    "  COALESCE(c.field_id, c.field_suggested_id)"
    " AND ((c.lat IS NOT NULL AND d.lat IS NOT NULL"
    "   AND ABS(d.lat - c.lat) < 0.005 AND ABS(d.lng - c.lng) < 0.005)"
    "  OR (c.admin_unit_id IS NOT NULL AND d.admin_unit_id = c.admin_unit_id))"
    " WHERE c.id = ? ORDER BY d.received_at DESC LIMIT 10";

static json_t	*fields(struct db *);
static json_t	*rows3(struct db *, const char *);

int
store_org_id(struct db *db, const char *code, int64_t *id)
{
	const struct db_param p[] = { DB_TEXT(code) };

	return db_query_i64(db, SQL_ORG_ID, p, NITEMS(p), id);
}

int
store_meta_json(struct db *db, json_t **out)
{
	json_t	*states = json_array(), *o;
	int	 s;

	for (s = 0; s < WF_STATE_COUNT; s++)
		json_array_append_new(states, json_pack("{s:s, s:s, s:s}",
		    "state", wf_state_name(s), "vi", wf_state_label_vi(s),
		    "en", wf_state_label_en(s)));
	o = json_pack("{s:o, s:o, s:o, s:o, s:[sss]}",
	    "fields", fields(db), "agencies", rows3(db, SQL_AGENCIES),
	    "units", rows3(db, SQL_UNITS), "states", states,
	    "ratings", "very_satisfied", "satisfied", "not_satisfied");
	*out = o;
	return o == NULL ? -1 : 0;
}

static json_t *
fields(struct db *db)
{
	struct db_res	*r = NULL;
	json_t		*arr = json_array(), *cur = NULL;
	const char	*last = "";

	if (db_query(db, SQL_FIELDS, NULL, 0, &r) == -1)
		return arr;
	while (db_res_next(r)) {
		if (cur == NULL || strcmp(last, db_res_str(r, 0)) != 0) {
			cur = json_pack("{s:s, s:s, s:s, s:s, s:[]}", "code",
			    db_res_str(r, 0), "name_vi", db_res_str(r, 1),
			    "name_en", db_res_str(r, 2), "keywords",
			    db_res_str(r, 6), "groups");
			json_array_append_new(arr, cur);
			last = json_string_value(json_object_get(cur, "code"));
		}
		if (*db_res_str(r, 3) != '\0')
			json_array_append_new(json_object_get(cur, "groups"),
			    json_pack("{s:s, s:s, s:s}", "code", db_res_str(r, 3),
			    "name_vi", db_res_str(r, 4), "name_en",
			    db_res_str(r, 5)));
	}
	db_res_free(r);
	return arr;
}

static json_t *
rows3(struct db *db, const char *sql)
{
	struct db_res	*r = NULL;
	json_t		*arr = json_array();
	int		 agencies = sql == SQL_AGENCIES;

	if (db_query(db, sql, NULL, 0, &r) == -1)
		return arr;
	while (db_res_next(r)) {
		if (agencies)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, "
			    "s:b}", "code", db_res_str(r, 0), "name",
			    db_res_str(r, 1), "short_name", db_res_str(r, 2),
			    "is_center", (int)db_res_i64(r, 3)));
		else
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s}",
			    "code", db_res_str(r, 0), "name", db_res_str(r, 1),
			    "level", db_res_str(r, 2)));
	}
	db_res_free(r);
	return arr;
}

int
store_case_suggestions(struct db *db, int64_t id, const char *field,
    json_t **out)
{
	const struct db_param	 p[] = { DB_TEXT(field), DB_I64(id) };
	const struct db_param	 d[] = { DB_I64(id) };
	struct db_res		*r = NULL, *c = NULL;
	json_t			*route = json_null(), *dupes = json_array();

	if (db_query(db, SQL_ROUTE, p, NITEMS(p), &r) == 0 && db_res_next(r)) {
		const struct db_param q[] = { DB_TEXT(db_res_str(r, 2)) };

		route = json_pack("{s:s, s:s, s:[]}", "lead_agency",
		    db_res_str(r, 0), "lead_agency_name", db_res_str(r, 1),
		    "coord_agencies");
		if (db_query(db, SQL_COORD_CODES, q, NITEMS(q), &c) == 0)
			while (db_res_next(c))
				json_array_append_new(json_object_get(route,
				    "coord_agencies"), json_string(
				    db_res_str(c, 0)));
	}
	db_res_free(r);
	db_res_free(c);
	r = NULL;
	if (db_query(db, SQL_DUPES, d, NITEMS(d), &r) == 0)
		while (db_res_next(r))
			json_array_append_new(dupes, json_pack("{s:s, s:s, s:I, "
			    "s:s}", "code", db_res_str(r, 0), "state",
			    db_res_str(r, 1), "received_at",
			    (json_int_t)db_res_i64(r, 2), "excerpt",
			    db_res_str(r, 3)));
	db_res_free(r);
	*out = json_pack("{s:o, s:o}", "routing", route, "duplicates", dupes);
	return 0;
}
