/*
 * ref.c: SQL for reference data. Upserts by code.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "store/ref.h"

static const char SQL_SETTING_SET[] =
    "INSERT INTO settings (name, value) VALUES (?, ?)"
    " ON DUPLICATE KEY UPDATE value = VALUES(value)";
static const char SQL_SETTING_GET[] =
    "SELECT value FROM settings WHERE name = ?";
static const char SQL_ORGTYPE[] =
    "INSERT INTO org_types (code, name_vi, name_en) VALUES (?, ?, ?)"
    " ON DUPLICATE KEY UPDATE name_vi = VALUES(name_vi),"
    " name_en = VALUES(name_en)";
static const char SQL_CALENDAR[] =
    "INSERT INTO calendars (code, name, body) VALUES (?, ?, ?)"
    " ON DUPLICATE KEY UPDATE name = VALUES(name), body = VALUES(body),"
    " version = version + (body <> VALUES(body))";
static const char SQL_UNIT[] =
    "INSERT INTO admin_units (code, name, level, parent_id)"
    " VALUES (?, ?, ?, (SELECT p.id FROM admin_units p WHERE p.code = ?))"
    " ON DUPLICATE KEY UPDATE name = VALUES(name), level = VALUES(level),"
    " parent_id = VALUES(parent_id)";
static const char SQL_FIELD[] =
    "INSERT INTO fields (code, name_vi, name_en, keywords, sort)"
    " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
    " name_vi = VALUES(name_vi), name_en = VALUES(name_en),"
    " keywords = VALUES(keywords), sort = VALUES(sort)";
static const char SQL_GROUP[] =
    "INSERT INTO report_groups (field_id, code, name_vi, name_en)"
    " SELECT f.id, ?, ?, ? FROM fields f WHERE f.code = ?"
    " ON DUPLICATE KEY UPDATE field_id = VALUES(field_id),"
    " name_vi = VALUES(name_vi), name_en = VALUES(name_en)";
static const char SQL_ORG[] =
    "INSERT INTO organisations (code, name, short_name, type_id, parent_id,"
    " is_center, calendar_id, process_minutes, email, superior_line,"
    " signer_title) VALUES (?, ?, ?,"
    " (SELECT t.id FROM org_types t WHERE t.code = ?),"
    " (SELECT p.id FROM organisations p WHERE p.code = ?), ?,"
    " (SELECT c.id FROM calendars c WHERE c.code = ?), ?, ?, ?, ?)"
    " ON DUPLICATE KEY UPDATE name = VALUES(name),"
    " short_name = VALUES(short_name), type_id = VALUES(type_id),"
    " parent_id = VALUES(parent_id), is_center = VALUES(is_center),"
    " calendar_id = VALUES(calendar_id),"
    " process_minutes = VALUES(process_minutes), email = VALUES(email),"
    " superior_line = VALUES(superior_line),"
    " signer_title = VALUES(signer_title)";
static const char SQL_ORG_FOCAL[] =
    "UPDATE organisations SET"
    " focal_leader_id = (SELECT id FROM users WHERE username = ?),"
    " focal_officer_id = (SELECT id FROM users WHERE username = ?),"
    " focal_doc = ? WHERE code = ?";
static const char SQL_ROUTING_DEL[] =
    "DELETE r FROM routing_rules r JOIN fields f ON f.id = r.field_id"
    " LEFT JOIN admin_units u ON u.id = r.admin_unit_id"
    " WHERE f.code = ? AND (u.code <=> ?)";
static const char SQL_ROUTING_ADD[] =
    "INSERT INTO routing_rules (field_id, admin_unit_id, lead_org_id,"
    " coord_org_ids) SELECT f.id,"
    " (SELECT u.id FROM admin_units u WHERE u.code = ?), o.id,"
    " COALESCE((SELECT GROUP_CONCAT(c.id ORDER BY c.id) FROM organisations c"
    "  WHERE FIND_IN_SET(c.code, ?)), '')"
    " FROM fields f JOIN organisations o ON o.code = ? WHERE f.code = ?";
static const char SQL_USER[] =
    "INSERT INTO users (username, display_name, password_hash, org_id,"
    " roles, phone, email, sms_plain)"
    " SELECT ?, ?, ?, o.id, ?, ?, ?, ? FROM organisations o WHERE o.code = ?"
    " ON DUPLICATE KEY UPDATE display_name = VALUES(display_name),"
    " password_hash = VALUES(password_hash), org_id = VALUES(org_id),"
    " roles = VALUES(roles), phone = VALUES(phone), email = VALUES(email),"
    " sms_plain = VALUES(sms_plain), active = 1";
static const char SQL_APIKEY[] =
    "INSERT INTO api_keys (prefix, key_hash, org_id, kind, name)"
    " VALUES (?, ?, (SELECT id FROM organisations WHERE code = ?), ?, ?)";
static const char SQL_ORG_LIST[] =
    "SELECT o.id, o.code, o.name, COALESCE(t.code, ''), o.is_center"
    " FROM organisations o LEFT JOIN org_types t ON t.id = o.type_id"
    " ORDER BY o.id";
static const char SQL_USER_LIST[] =
    "SELECT u.id, u.username, o.code, u.roles, COALESCE(u.phone, ''),"
    " u.active FROM users u JOIN organisations o ON o.id = u.org_id"
    " ORDER BY u.id";

static int	need_row(struct db *, const char *);
static int	print_rows(struct db *, const char *);

int
store_setting_set(struct db *db, const char *name, const char *value)
{
	const struct db_param p[] = { DB_TEXT(name), DB_TEXT(value) };

	return db_exec(db, SQL_SETTING_SET, p, NITEMS(p));
}

int
store_setting_get(struct db *db, const char *name, char *out, size_t sz)
{
	const struct db_param	 p[] = { DB_TEXT(name) };
	struct db_res		*r = NULL;
	int			 rc = -1;

	if (db_query(db, SQL_SETTING_GET, p, NITEMS(p), &r) == -1)
		goto out;
	rc = 1;
	if (db_res_next(r)) {
		snprintf(out, sz, "%s", db_res_str(r, 0));
		rc = 0;
	}
out:
	db_res_free(r);
	return rc;
}

int
store_org_type_upsert(struct db *db, const char *code, const char *vi,
    const char *en)
{
	const struct db_param p[] = { DB_TEXT(code), DB_TEXT(vi), DB_TEXT(en) };

	return db_exec(db, SQL_ORGTYPE, p, NITEMS(p));
}

int
store_calendar_upsert(struct db *db, const char *code, const char *name,
    const char *body)
{
	const struct db_param p[] = { DB_TEXT(code), DB_TEXT(name),
	    DB_TEXT(body) };

	return db_exec(db, SQL_CALENDAR, p, NITEMS(p));
}

int
store_unit_upsert(struct db *db, const char *code, const char *name,
    const char *level, const char *parent_code)
{
	const struct db_param p[] = { DB_TEXT(code), DB_TEXT(name),
	    DB_TEXT(level), DB_TEXT(parent_code) };

	return db_exec(db, SQL_UNIT, p, NITEMS(p));
}

int
store_field_upsert(struct db *db, const char *code, const char *vi,
    const char *en, const char *keywords, int sort)
{
	const struct db_param p[] = { DB_TEXT(code), DB_TEXT(vi), DB_TEXT(en),
	    DB_TEXT(keywords), DB_I64(sort) };

	return db_exec(db, SQL_FIELD, p, NITEMS(p));
}

int
store_group_upsert(struct db *db, const char *field_code, const char *code,
    const char *vi, const char *en)
{
	const struct db_param p[] = { DB_TEXT(code), DB_TEXT(vi), DB_TEXT(en),
	    DB_TEXT(field_code) };

	if (db_exec(db, SQL_GROUP, p, NITEMS(p)) == -1)
		return -1;
	return need_row(db, field_code);
}

int
store_org_upsert(struct db *db, const struct org_in *o)
{
	const struct db_param p[] = { DB_TEXT(o->code), DB_TEXT(o->name),
	    DB_TEXT(o->short_name ? o->short_name : ""), DB_TEXT(o->type_code),
	    DB_TEXT(o->parent_code), DB_I64(o->is_center),
	    DB_TEXT(o->calendar_code), DB_I64(o->process_minutes),
	    DB_TEXT(o->email), DB_TEXT(o->superior_line ? o->superior_line : ""),
	    DB_TEXT(o->signer_title ? o->signer_title : "") };

	return db_exec(db, SQL_ORG, p, NITEMS(p));
}

int
store_org_focal(struct db *db, const char *org_code, const char *leader,
    const char *officer, const char *doc)
{
	const struct db_param p[] = { DB_TEXT(leader), DB_TEXT(officer),
	    DB_TEXT(doc), DB_TEXT(org_code) };

	return db_exec(db, SQL_ORG_FOCAL, p, NITEMS(p));
}

int
store_routing_set(struct db *db, const char *field_code, const char *unit_code,
    const char *lead_code, const char *coord_csv)
{
	const struct db_param d[] = { DB_TEXT(field_code), DB_TEXT(unit_code) };
	const struct db_param a[] = { DB_TEXT(unit_code),
	    DB_TEXT(coord_csv ? coord_csv : ""), DB_TEXT(lead_code),
	    DB_TEXT(field_code) };

	if (db_exec(db, SQL_ROUTING_DEL, d, NITEMS(d)) == -1 ||
	    db_exec(db, SQL_ROUTING_ADD, a, NITEMS(a)) == -1)
		return -1;
	return need_row(db, "routing: field or lead organisation");
}

int
store_user_upsert(struct db *db, const struct user_in *u)
{
	const struct db_param p[] = { DB_TEXT(u->username),
	    DB_TEXT(u->display_name), DB_TEXT(u->pw_hash), DB_TEXT(u->roles),
	    DB_TEXT(u->phone), DB_TEXT(u->email), DB_I64(u->sms_plain),
	    DB_TEXT(u->org_code) };

	if (db_exec(db, SQL_USER, p, NITEMS(p)) == -1)
		return -1;
	return need_row(db, u->org_code);
}

int
store_apikey_add(struct db *db, const char *prefix, const char *hash,
    const char *org_code, const char *kind, const char *name)
{
	const struct db_param p[] = { DB_TEXT(prefix), DB_TEXT(hash),
	    DB_TEXT(org_code), DB_TEXT(kind), DB_TEXT(name) };

	return db_exec(db, SQL_APIKEY, p, NITEMS(p));
}

int
store_org_list(struct db *db)
{
	return print_rows(db, SQL_ORG_LIST);
}

int
store_user_list(struct db *db)
{
	return print_rows(db, SQL_USER_LIST);
}

/* An INSERT … SELECT that matched nothing means an unknown code. */
static int
need_row(struct db *db, const char *what)
{
	if (db_affected(db) > 0)
		return 0;
	fprintf(stderr, "unknown reference: %s\n", what);
	return -1;
}

static int
print_rows(struct db *db, const char *sql)
{
	struct db_res	*r = NULL;
	size_t		 i;

	if (db_query(db, sql, NULL, 0, &r) == -1)
		return -1;
	while (db_res_next(r)) {
		for (i = 0; i < db_res_cols(r); i++)
			printf("%s%s", i ? "\t" : "", db_res_str(r, i));
		printf("\n");
	}
	db_res_free(r);
	return 0;
}
