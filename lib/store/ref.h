/*
 * ref.h: reference data (settings, organisation types, calendars, units,
 * fields and groups, organisations, routing, users, API keys). Upserts are
 * keyed by code, so loading the same file twice changes nothing.
 */
#ifndef STORE_REF_H
#define STORE_REF_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct org_in {
	const char	*code, *name, *short_name, *type_code, *parent_code;
	const char	*calendar_code, *email, *superior_line, *signer_title;
	int		 is_center;
	int		 process_minutes;
};

struct user_in {
	const char	*username, *display_name, *pw_hash, *org_code;
	const char	*roles;		/* "officer,leader" */
	const char	*phone;		/* E.164 or NULL */
	const char	*email;
	int		 sms_plain;
};

int	store_setting_set(struct db *, const char *name, const char *value);
/* Copies the value into out; 1 if absent, 0 found, -1 error. */
int	store_setting_get(struct db *, const char *name, char *out, size_t sz);
int	store_org_type_upsert(struct db *, const char *code, const char *vi,
	    const char *en);
int	store_calendar_upsert(struct db *, const char *code, const char *name,
	    const char *body);
int	store_unit_upsert(struct db *, const char *code, const char *name,
	    const char *level, const char *parent_code);
int	store_field_upsert(struct db *, const char *code, const char *vi,
	    const char *en, const char *keywords, int sort);
int	store_group_upsert(struct db *, const char *field_code,
	    const char *code, const char *vi, const char *en);
int	store_org_upsert(struct db *, const struct org_in *);
/* Sets the focal leader/officer of an organisation by username. */
int	store_org_focal(struct db *, const char *org_code,
	    const char *leader_username, const char *officer_username,
	    const char *doc);
/* Replaces the rule for (field, unit); unit_code NULL = whole province. */
int	store_routing_set(struct db *, const char *field_code,
	    const char *unit_code, const char *lead_code,
	    const char *coord_codes_csv);
int	store_user_upsert(struct db *, const struct user_in *);
int	store_apikey_add(struct db *, const char *prefix, const char *hash,
	    const char *org_code, const char *kind, const char *name);
/* Prints organisations or users as tab-separated lines to stdout. */
int	store_org_list(struct db *);
int	store_user_list(struct db *);

#endif
