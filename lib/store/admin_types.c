/*
 * admin_types.c: the object types of the administration as data: their
 * JSON keys, kinds and bounds, and the SQL that reads and writes them (in
 * column order). Hooks for what a table cannot say live in admin_hooks.c.
 */
#include <string.h>

#include "db.h"
#include "store/admin_int.h"

#define REF_ORG		"SELECT id FROM organisations WHERE code = ?"
#define REF_TYPE	"SELECT id FROM org_types WHERE code = ?"
#define REF_CAL		"SELECT id FROM calendars WHERE code = ?"
#define REF_USER	"SELECT id FROM users WHERE username = ?"
#define REF_FIELD	"SELECT id FROM fields WHERE code = ?"
#define REF_UNIT	"SELECT id FROM admin_units WHERE code = ?"
#define AG		C_AGENCY

static const struct adm_col org_cols[] = {
	{ "code", K_CODE, 1, 32, NULL, C_KEY | C_REQ },
	{ "name", K_STR, 1, 255, NULL, C_REQ },
	{ "short_name", K_STR, 0, 64, NULL, 0 },
	{ "type", K_REF, 0, 0, REF_TYPE, 0 },
	{ "parent", K_REF, 0, 0, REF_ORG, 0 },
	{ "is_center", K_BOOL, 0, 1, NULL, 0 },
	{ "calendar", K_REF, 0, 0, REF_CAL, 0 },
	{ "process_minutes", K_INT, 60, 2880, NULL, AG },
	{ "email", K_OSTR, 0, 255, NULL, 0 },
	{ "superior_line", K_STR, 0, 255, NULL, 0 },
	{ "signer_title", K_STR, 0, 255, NULL, 0 },
	{ "focal_leader", K_REF, 0, 0, REF_USER, AG },
	{ "focal_officer", K_REF, 0, 0, REF_USER, AG },
	{ "focal_doc", K_OSTR, 0, 255, NULL, AG },
	{ "active", K_BOOL, 0, 1, NULL, 0 },
};
#define ORG_SELECT \
    "SELECT o.code, o.name, o.short_name, t.code, p.code, o.is_center," \
    " c.code, o.process_minutes, o.email, o.superior_line, o.signer_title," \
    " fl.username, fo.username, o.focal_doc, o.active FROM organisations o" \
    " LEFT JOIN org_types t ON t.id = o.type_id" \
    " LEFT JOIN organisations p ON p.id = o.parent_id" \
    " LEFT JOIN calendars c ON c.id = o.calendar_id" \
    " LEFT JOIN users fl ON fl.id = o.focal_leader_id" \
    " LEFT JOIN users fo ON fo.id = o.focal_officer_id"

static const struct adm_col user_cols[] = {
	{ "username", K_CODE, 1, 64, NULL, C_KEY | C_REQ | AG },
	{ "display_name", K_STR, 1, 255, NULL, C_REQ | AG },
	{ "org", K_REF, 0, 0, REF_ORG, C_REQ | AG },
	{ "roles", K_ROLES, 0, 0, NULL, AG },
	{ "phone", K_OSTR, 0, 32, NULL, AG },
	{ "email", K_OSTR, 0, 255, NULL, AG },
	{ "sms_plain", K_BOOL, 0, 1, NULL, AG },
	{ "active", K_BOOL, 0, 1, NULL, AG },
};
#define USER_SELECT \
    "SELECT u.username, u.display_name, o.code, u.roles, u.phone, u.email," \
    " u.sms_plain, u.active FROM users u JOIN organisations o" \
    " ON o.id = u.org_id"

static const struct adm_col orgtype_cols[] = {
	{ "code", K_CODE, 1, 32, NULL, C_KEY | C_REQ },
	{ "name_vi", K_STR, 1, 255, NULL, C_REQ },
	{ "name_en", K_STR, 0, 255, NULL, 0 },
};

static const struct adm_col field_cols[] = {
	{ "code", K_CODE, 1, 32, NULL, C_KEY | C_REQ },
	{ "name_vi", K_STR, 1, 255, NULL, C_REQ },
	{ "name_en", K_STR, 0, 255, NULL, 0 },
	{ "keywords", K_STR, 0, 1024, NULL, 0 },
	{ "description", K_STR, 0, 1024, NULL, 0 },
	{ "sort", K_INT, -1000000, 1000000, NULL, 0 },
	{ "active", K_BOOL, 0, 1, NULL, 0 },
};

static const struct adm_col group_cols[] = {
	{ "code", K_CODE, 1, 32, NULL, C_KEY | C_REQ },
	{ "field", K_REF, 0, 0, REF_FIELD, C_REQ },
	{ "name_vi", K_STR, 1, 255, NULL, C_REQ },
	{ "name_en", K_STR, 0, 255, NULL, 0 },
	{ "active", K_BOOL, 0, 1, NULL, 0 },
};

static const struct adm_col unit_cols[] = {
	{ "code", K_CODE, 1, 16, NULL, C_KEY | C_REQ },
	{ "name", K_STR, 1, 255, NULL, C_REQ },
	{ "level", K_STR, 1, 16, NULL, C_REQ },
	{ "parent", K_REF, 0, 0, REF_UNIT, 0 },
	{ "valid_from", K_DATE, 0, 0, NULL, 0 },
	{ "valid_to", K_DATE, 0, 0, NULL, 0 },
	{ "successors", K_CODES, 0, 16, REF_UNIT, C_EXTRA },
};

static const struct adm_col cal_cols[] = {
	{ "code", K_CODE, 1, 32, NULL, C_KEY | C_REQ },
	{ "name", K_STR, 1, 255, NULL, C_REQ },
	{ "body", K_STR, 1, 1 << 20, NULL, C_REQ },
};

static const struct adm_col setting_cols[] = {
	{ "name", K_CODE, 1, 64, NULL, C_KEY | C_REQ },
	{ "value", K_STR, 0, 65535, NULL, C_REQ },
};

/* Reminder and escalation rules (migration 007, docs/notifications.md). */
static const struct adm_col reminder_cols[] = {
	{ "id", K_CODE, 1, 20, NULL, C_KEY },
	{ "stage", K_STR, 1, 16, NULL, C_REQ },
	{ "offset_min", K_INT, -2880, 2880, NULL, C_REQ },	/* 6 WD */
	{ "recipients", K_ROLES, 0, 0, NULL, C_REQ },
	{ "channels", K_ROLES, 0, 0, NULL, C_REQ },
	{ "urgent", K_BOOL, 0, 1, NULL, 0 },
	{ "template", K_CODE, 1, 64, NULL, C_REQ },
	{ "active", K_BOOL, 0, 1, NULL, 0 },
	{ "note", K_STR, 0, 255, NULL, 0 },
};
#define REMINDER_SELECT \
    "SELECT id, stage, offset_min, recipients, channels, urgent, template," \
    " active, note FROM reminder_rules"
static const char *const reminder_find[] = { "stage", "offset_min",
    "template", NULL };

/* Open311 attributes of a field (migration 006). */
static const struct adm_col attr_cols[] = {
	{ "id", K_CODE, 1, 20, NULL, C_KEY },
	{ "field", K_REF, 0, 0, REF_FIELD, C_REQ },
	{ "code", K_CODE, 1, 64, NULL, C_REQ },
	{ "variable", K_BOOL, 0, 1, NULL, 0 },
	{ "datatype", K_STR, 1, 16, NULL, C_REQ },
	{ "required", K_BOOL, 0, 1, NULL, 0 },
	{ "datatype_description", K_STR, 0, 255, NULL, 0 },
	{ "order", K_INT, 1, 1000, NULL, C_REQ },
	{ "description", K_STR, 1, 1024, NULL, C_REQ },
	{ "values", K_JSON, 0, 0, NULL, 0 },
	{ "active", K_BOOL, 0, 1, NULL, 0 },
};
#define ATTR_SELECT \
    "SELECT a.id, f.code, a.code, a.variable, a.datatype, a.required," \
    " a.datatype_description, a.ord, a.description, a.values_json," \
    " a.active FROM field_attributes a JOIN fields f ON f.id = a.field_id"
static const char *const attr_find[] = { "field", "code", NULL };

/* Processing deadline of an agency for one field (migration 013). */
static const struct adm_col fdl_cols[] = {
	{ "id", K_CODE, 1, 20, NULL, C_KEY },
	{ "org", K_REF, 0, 0, REF_ORG, C_REQ | AG },
	{ "field", K_REF, 0, 0, REF_FIELD, C_REQ | AG },
	{ "process_minutes", K_INT, 60, 2880, NULL, C_REQ | AG },
};
#define FDL_SELECT \
    "SELECT d.id, o.code, f.code, d.process_minutes" \
    " FROM agency_field_deadlines d" \
    " JOIN organisations o ON o.id = d.org_id" \
    " JOIN fields f ON f.id = d.field_id"
static const char *const fdl_find[] = { "org", "field", NULL };

#define T(c)	(c), (sizeof(c) / sizeof((c)[0]))

static const struct adm_type types[] = {
	{ ADM_ORG, T(org_cols),
	    "{\"short_name\":\"\",\"is_center\":false,"
	    "\"process_minutes\":2880,\"superior_line\":\"\","
	    "\"signer_title\":\"\",\"active\":true}",
	    ORG_SELECT " WHERE o.code = ?",
	    ORG_SELECT " WHERE ? IS NULL OR o.code = ? OR p.code = ?"
	    " ORDER BY o.is_center DESC, o.code", 3,
	    "INSERT INTO organisations (code, name, short_name, type_id,"
	    " parent_id, is_center, calendar_id, process_minutes, email,"
	    " superior_line, signer_title, focal_leader_id, focal_officer_id,"
	    " focal_doc, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?, ?, ?)",
	    "UPDATE organisations SET name = ?, short_name = ?, type_id = ?,"
	    " parent_id = ?, is_center = ?, calendar_id = ?,"
	    " process_minutes = ?, email = ?, superior_line = ?,"
	    " signer_title = ?, focal_leader_id = ?, focal_officer_id = ?,"
	    " focal_doc = ?, active = ? WHERE code = ?",
	    adm_check_org, NULL, NULL },
	{ ADM_USER, T(user_cols),
	    "{\"roles\":[],\"sms_plain\":false,\"active\":true}",
	    USER_SELECT " WHERE u.username = ?",
	    USER_SELECT " WHERE ? IS NULL OR o.code = ?"
	    " ORDER BY o.code, u.username", 2,
	    "INSERT INTO users (username, display_name, org_id, roles, phone,"
	    " email, sms_plain, active, password_hash)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, '!')",
	    "UPDATE users SET display_name = ?, org_id = ?, roles = ?,"
	    " phone = ?, email = ?, sms_plain = ?, active = ?"
	    " WHERE username = ?",
	    adm_check_user, NULL, NULL },
	{ ADM_ORG_TYPE, T(orgtype_cols), "{\"name_en\":\"\"}",
	    "SELECT code, name_vi, name_en FROM org_types WHERE code = ?",
	    "SELECT code, name_vi, name_en FROM org_types ORDER BY code", 0,
	    "INSERT INTO org_types (code, name_vi, name_en) VALUES (?, ?, ?)",
	    "UPDATE org_types SET name_vi = ?, name_en = ? WHERE code = ?",
	    NULL, NULL, NULL },
	{ ADM_FIELD, T(field_cols),
	    "{\"name_en\":\"\",\"keywords\":\"\",\"description\":\"\","
	    "\"sort\":0,\"active\":true}",
	    "SELECT code, name_vi, name_en, keywords, description, sort, active"
	    " FROM fields WHERE code = ?",
	    "SELECT code, name_vi, name_en, keywords, description, sort, active"
	    " FROM fields ORDER BY sort, code", 0,
	    "INSERT INTO fields (code, name_vi, name_en, keywords, description,"
	    " sort, active) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    "UPDATE fields SET name_vi = ?, name_en = ?, keywords = ?,"
	    " description = ?, sort = ?, active = ? WHERE code = ?",
	    NULL, NULL, NULL },
	{ ADM_GROUP, T(group_cols), "{\"name_en\":\"\",\"active\":true}",
	    "SELECT g.code, f.code, g.name_vi, g.name_en, g.active"
	    " FROM report_groups g JOIN fields f ON f.id = g.field_id"
	    " WHERE g.code = ?",
	    "SELECT g.code, f.code, g.name_vi, g.name_en, g.active"
	    " FROM report_groups g JOIN fields f ON f.id = g.field_id"
	    " ORDER BY f.sort, f.code, g.code", 0,
	    "INSERT INTO report_groups (code, field_id, name_vi, name_en,"
	    " active) VALUES (?, ?, ?, ?, ?)",
	    "UPDATE report_groups SET field_id = ?, name_vi = ?, name_en = ?,"
	    " active = ? WHERE code = ?",
	    NULL, NULL, NULL },
	{ ADM_UNIT, T(unit_cols), "{\"successors\":[]}",
	    "SELECT u.code, u.name, u.level, p.code, u.valid_from, u.valid_to"
	    " FROM admin_units u LEFT JOIN admin_units p ON p.id = u.parent_id"
	    " WHERE u.code = ?",
	    "SELECT u.code, u.name, u.level, p.code, u.valid_from, u.valid_to"
	    " FROM admin_units u LEFT JOIN admin_units p ON p.id = u.parent_id"
	    " ORDER BY u.code", 0,
	    "INSERT INTO admin_units (code, name, level, parent_id, valid_from,"
	    " valid_to) VALUES (?, ?, ?, ?, ?, ?)",
	    "UPDATE admin_units SET name = ?, level = ?, parent_id = ?,"
	    " valid_from = ?, valid_to = ? WHERE code = ?",
	    adm_check_unit, adm_unit_successors_get, adm_unit_successors_put },
	{ ADM_CALENDAR, T(cal_cols), "{}",
	    "SELECT code, name, body FROM calendars WHERE code = ?",
	    "SELECT code, name, body FROM calendars ORDER BY code", 0,
	    "INSERT INTO calendars (code, name, body) VALUES (?, ?, ?)",
	    "UPDATE calendars SET name = ?, body = ?, version = version + 1"
	    " WHERE code = ?",
	    adm_check_calendar, NULL, NULL },
	{ ADM_SETTING, T(setting_cols), "{}",
	    "SELECT name, value FROM settings WHERE name = ?",
	    "SELECT name, value FROM settings ORDER BY name", 0,
	    "INSERT INTO settings (name, value) VALUES (?, ?)",
	    "UPDATE settings SET value = ? WHERE name = ?",
	    NULL, NULL, NULL },
	{ ADM_REMINDER, T(reminder_cols),
	    "{\"urgent\":false,\"active\":true,\"note\":\"\"}",
	    REMINDER_SELECT " WHERE id = ?",
	    REMINDER_SELECT " ORDER BY stage, offset_min, template", 0,
	    "INSERT INTO reminder_rules (stage, offset_min, recipients,"
	    " channels, urgent, template, active, note)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "UPDATE reminder_rules SET stage = ?, offset_min = ?,"
	    " recipients = ?, channels = ?, urgent = ?, template = ?,"
	    " active = ?, note = ? WHERE id = ?",
	    adm_check_reminder, NULL, NULL, 1,
	    "SELECT id FROM reminder_rules WHERE stage = ? AND offset_min = ?"
	    " AND template = ?", reminder_find,
	    "DELETE FROM reminder_rules WHERE id = ?" },
	{ ADM_ATTRIBUTE, T(attr_cols),
	    "{\"variable\":true,\"required\":false,"
	    "\"datatype_description\":\"\",\"values\":null,\"active\":true}",
	    ATTR_SELECT " WHERE a.id = ?",
	    ATTR_SELECT " ORDER BY f.code, a.ord, a.id", 0,
	    "INSERT INTO field_attributes (field_id, code, variable, datatype,"
	    " required, datatype_description, ord, description, values_json,"
	    " active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "UPDATE field_attributes SET field_id = ?, code = ?, variable = ?,"
	    " datatype = ?, required = ?, datatype_description = ?, ord = ?,"
	    " description = ?, values_json = ?, active = ? WHERE id = ?",
	    adm_check_attribute, NULL, NULL, 1,
	    "SELECT a.id FROM field_attributes a JOIN fields f"
	    " ON f.id = a.field_id WHERE f.code = ? AND a.code = ?", attr_find,
	    NULL },
	{ ADM_FIELD_DEADLINE, T(fdl_cols), "{}",
	    FDL_SELECT " WHERE d.id = ?",
	    FDL_SELECT " WHERE ? IS NULL OR o.code = ? ORDER BY o.code, f.code",
	    2,
	    "INSERT INTO agency_field_deadlines (org_id, field_id,"
	    " process_minutes) VALUES (?, ?, ?)",
	    "UPDATE agency_field_deadlines SET org_id = ?, field_id = ?,"
	    " process_minutes = ? WHERE id = ?",
	    adm_check_field_deadline, NULL, NULL, 1,
	    FDL_SELECT " WHERE o.code = ? AND f.code = ?", fdl_find,
	    "DELETE FROM agency_field_deadlines WHERE id = ?" },
	/* no columns: the snapshot comes from extra_get alone */
	{ "routing", NULL, 0, NULL, NULL, NULL, 0, NULL, NULL, NULL,
	    adm_routing_get, NULL },
	{ "template", NULL, 0, NULL, NULL, NULL, 0, NULL, NULL, NULL,
	    adm_template_get, NULL },
	{ "apikey", NULL, 0, NULL, NULL, NULL, 0, NULL, NULL, NULL,
	    adm_apikey_get, NULL },
};

const struct adm_type *
adm_type(const char *name)
{
	size_t	i;

	for (i = 0; i < NITEMS(types); i++)
		if (strcmp(types[i].name, name) == 0)
			return &types[i];
	return NULL;
}
