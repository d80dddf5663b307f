/*
 * admin.h: administration of the reference data (issue 11): organisations,
 * people, fields and groups, administrative units, routing, calendars,
 * deadlines, templates, settings and API keys. Every change runs in its
 * own transaction together with its audit_log row (store/audit.h).
 *
 * A change made while the caller holds a transaction (db_begin) joins it:
 * the caller commits or rolls back (phananh-admin import does so).
 *
 * Objects travel as JSON objects keyed by code (the shape of the listings
 * and of the audit's before/after). Functions that change data check the
 * caller's scope: a system administrator may change everything; an agency
 * administrator only the people, focal points and deadlines of their own
 * organisation. Refusals come back as an adm_err (HTTP status, code, the
 * offending field); database errors as -1 with status 500.
 */
#ifndef STORE_ADMIN_H
#define STORE_ADMIN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "store/audit.h"

struct db;

/* Who acts, and over what. */
struct adm_who {
	struct audit_actor	 actor;
	int			 sysadmin;	/* 1: everything */
	const char		*org_code;	/* agency admin's organisation */
	int			 import;	/* bulk import: "active" may be
						 * set directly */
};

struct adm_err {
	int	status;		/* 403, 404, 409, 422; 500 on a db error */
	char	code[32];	/* "forbidden", "invalid_value", ... */
	char	field[48];	/* the JSON key at fault, or "" */
	char	msg[240];
	int	line;		/* calendar text: 1-based line, else 0 */
};

/* Object types of store_adm_save()/get()/list(). */
#define ADM_ORG		"org"
#define ADM_ORG_TYPE	"org_type"
#define ADM_USER	"user"
#define ADM_FIELD	"field"
#define ADM_GROUP	"group"
#define ADM_UNIT	"unit"
#define ADM_CALENDAR	"calendar"
#define ADM_SETTING	"setting"
/* Rows named by a number the database assigns ("id", a string in JSON;
 * never sent when creating): */
#define ADM_REMINDER	"reminder_rule"		/* reminder/escalation rule */
#define ADM_ATTRIBUTE	"field_attribute"	/* Open311 attribute */
#define ADM_FIELD_DEADLINE "field_deadline"	/* (agency, field) deadline */

/*
 * Creates (create = 1; the code comes from patch) or updates (id names the
 * object; patch holds only the keys to change) an object of type. Unknown
 * keys, bad values and unknown references are refused (422), as are a
 * duplicate code (409) and an unknown object (404). On success *after (may
 * be NULL) is the saved object, a new reference. Returns 0 or -1 with *e.
 */
int	store_adm_save(struct db *, const struct adm_who *, const char *type,
	    const char *id, const json_t *patch, int create, json_t **after,
	    struct adm_err *e);

/*
 * Deletes one object of a type that allows it (ADM_REMINDER: only a rule
 * that never fired, else 409 "in_use" — deactivate it instead;
 * ADM_FIELD_DEADLINE: the agency's default applies again). Audited as
 * "<type>.delete" with the object before. 0 or -1 with *e (404 for an
 * unknown object or a type without deletion).
 */
int	store_adm_delete(struct db *, const struct adm_who *, const char *type,
	    const char *id, struct adm_err *e);

/*
 * The id of the ADM_REMINDER, ADM_ATTRIBUTE or ADM_FIELD_DEADLINE row
 * with obj's natural key ((stage, offset_min, template), (field, code),
 * (org, field)) into id (idsz bytes). 0 found, 1 none, -1 error.
 */
int	store_adm_find(struct db *, const char *type, const json_t *obj,
	    char *id, size_t idsz);

/*
 * Creates or updates (found by its natural key, store_adm_find) one
 * object of those types from obj (an "id" member is ignored), through
 * store_adm_save. *after as there (may be NULL). 0 or -1 with *e.
 */
int	store_adm_put(struct db *, const struct adm_who *, const char *type,
	    const json_t *obj, json_t **after, struct adm_err *e);

/*
 * Makes the reminder rules exactly the array rules (an import): each is
 * put (store_adm_put); every other rule is deleted, or deactivated when
 * it has fired already. 0 or -1 with *e (e->field names the index).
 */
int	store_adm_reminders_replace(struct db *, const struct adm_who *,
	    const json_t *rules, struct adm_err *e);

/* Users: as store_adm_save(ADM_USER, ...), and pw_hash (argon2id, may be
 * NULL on update) is stored too; creating needs it. */
int	store_adm_save_user(struct db *, const struct adm_who *, const char *id,
	    const json_t *patch, int create, const char *pw_hash,
	    json_t **after, struct adm_err *e);

/* One object: 0 found (*out new reference), 1 unknown, -1 error. */
int	store_adm_get(struct db *, const char *type, const char *id,
	    json_t **out);

/*
 * All objects of type, in code order (users: by organisation, then
 * username). org_code non-NULL limits users and organisations to that
 * organisation (and, for organisations, its subordinate units). *out is a
 * new reference (array). 0 or -1.
 */
int	store_adm_list(struct db *, const char *type, const char *org_code,
	    json_t **out);

/*
 * Deactivates a user: active = 0, sessions ended; their open assigned cases
 * get the assignee cleared and an internal note event at now (case time).
 * *cases (new reference) lists the codes of those cases. 0 or -1 with *e.
 */
int	store_adm_user_deactivate(struct db *, const struct adm_who *,
	    const char *username, time_t now, const char *reason,
	    json_t **cases, struct adm_err *e);

/*
 * Deactivates an organisation (sysadmin only): active = 0; history and
 * cases are kept. *cases (new reference) lists its open cases as
 * [{code, state}] for re-distribution. 0 or -1 with *e.
 */
int	store_adm_org_deactivate(struct db *, const struct adm_who *,
	    const char *code, const char *reason, json_t **cases,
	    struct adm_err *e);

/* Routing rules [{id, field, unit (null = province), lead, coord[]}]. */
int	store_adm_routing_list(struct db *, json_t **out);
/* Replaces the rule for (field, unit): rule {field, unit, lead, coord}.
 * 0 or -1 with *e. */
int	store_adm_routing_set(struct db *, const struct adm_who *,
	    const json_t *rule, json_t **after, struct adm_err *e);
/* Deletes the rule for (field, unit code or NULL). 0 or -1 with *e. */
int	store_adm_routing_delete(struct db *, const struct adm_who *,
	    const char *field, const char *unit, struct adm_err *e);

/*
 * Checks a calendar text with cal_load_text(): 0 when valid, -1 with the
 * line and message in *e (status 422, code "calendar_invalid").
 */
int	store_adm_calendar_check(const char *body, struct adm_err *e);

/*
 * Which running deadlines would differ if recomputed with body as calendar
 * code's text: running timers whose organisation uses that calendar and
 * whose due_at (today's stored value) is at or after now or would be.
 * Nothing is changed. *out = {count, checked, sample:[{case, stage, org,
 * due_at, new_due_at}]} with at most sample_max samples. 0 or -1 with *e.
 */
int	store_adm_calendar_preview(struct db *, const char *code,
	    const char *body, time_t now, int sample_max, json_t **out,
	    struct adm_err *e);

/* Template overrides [{channel, name, lang, body}] (templates table). */
int	store_adm_templates_list(struct db *, json_t **out);
/* Sets (body non-NULL) or removes (body NULL) one override; the body's
 * placeholders must all be known (model/tmplcheck.h). 0 or -1 with *e. */
int	store_adm_template_put(struct db *, const struct adm_who *,
	    const char *channel, const char *name, const char *lang,
	    const char *body, struct adm_err *e);
/* The override text, if any: 0 found (*out malloc'd, caller frees), 1 none,
 * -1 error. */
int	store_adm_template_get(struct db *, const char *channel,
	    const char *name, const char *lang, char **out);
/*
 * Placeholder values of a real case for previews (code, field, place,
 * agency, deadline, state, time, date, province_name, place_name, ...), as
 * a JSON object of strings. 0 found, 1 no such case, -1 error.
 */
int	store_adm_case_vars(struct db *, int64_t case_id, time_t now,
	    json_t **out);

/* Import of one exported key {prefix, key_hash, org, kind, name,
 * revoked_at "YYYY-MM-DD hh:mm:ss" UTC}; an existing prefix is left as is.
 * 0 or -1 with *e. */
int	store_adm_apikey_import(struct db *, const struct adm_who *,
	    const json_t *key, struct adm_err *e);

/* API keys [{prefix, org, kind, name, created_at, revoked_at}]. */
int	store_adm_apikeys_list(struct db *, json_t **out);
/*
 * Creates a key (kind "open311" or "sync", org code may be NULL) from
 * prefix and the sha256 hex of the whole key; with old_prefix non-NULL it
 * is a rotation: the old key is revoked and its org, kind and name reused.
 * 0 or -1 with *e.
 */
int	store_adm_apikey_create(struct db *, const struct adm_who *,
	    const char *org, const char *kind, const char *name,
	    const char *prefix, const char *hash, const char *old_prefix,
	    struct adm_err *e);
int	store_adm_apikey_revoke(struct db *, const struct adm_who *,
	    const char *prefix, struct adm_err *e);

/*
 * The whole reference data set as one JSON object in the format
 * "phananh-admin load" reads (docs/admin.md): settings, org_types,
 * calendars (with "body"), admin_units, fields (+groups), organisations,
 * field_deadlines, routing, users (with "password_hash"),
 * field_attributes, reminder_rules, templates, api_keys; rows without a
 * code of their own leave their "id" out. Deterministic order. *out new
 * reference. 0 or -1.
 */
int	store_adm_export(struct db *, json_t **out);

#endif
