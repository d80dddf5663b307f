/*
 * admin_ops.c: administrative changes that are more than a row update:
 * deactivating people and organisations (their open cases), routing
 * rules, template overrides and API keys. Each runs in adm_audited().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "model/mail.h"
#include "model/tmplcheck.h"
#include "store/admin_int.h"
#include "store/ref.h"

#define OPEN_STATES \
    " c.state NOT IN ('not_accepted','merged','withdrawn','closed'," \
    "'secret_offline','published','delivered_privately')"

static const char SQL_USER_OFF[] =
    "UPDATE users SET active = 0 WHERE username = ?";
static const char SQL_USER_SESS[] =
    "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id"
    " WHERE u.username = ?";
static const char SQL_ASSIGNED[] =
    "SELECT c.id, c.state FROM cases c JOIN users u ON u.id = c.assignee_id"
    " WHERE u.username = ? AND" OPEN_STATES " ORDER BY c.id FOR UPDATE";
static const char SQL_UNASSIGN[] =
    "UPDATE cases SET assignee_id = NULL, updated_at = FROM_UNIXTIME(?)"
    " WHERE id = ?";
static const char SQL_NOTE[] =
    "INSERT INTO case_events (case_id, at, kind, actor_kind, actor_user_id,"
    " org_id, public, note) SELECT c.id, FROM_UNIXTIME(?), 'note', ?, ?,"
    " c.lead_org_id, 0, ? FROM cases c WHERE c.id = ?";
static const char SQL_ORG_OFF[] =
    "UPDATE organisations SET active = 0 WHERE code = ?";
static const char SQL_ORG_OPEN[] =
    "SELECT c.id, c.state FROM cases c JOIN organisations o"
    " ON o.id = c.lead_org_id WHERE o.code = ? AND" OPEN_STATES
    " ORDER BY c.id";
static const char SQL_ROUTE_LIST[] =
    "SELECT f.code, COALESCE(u.code, '*') FROM routing_rules r"
    " JOIN fields f ON f.id = r.field_id"
    " LEFT JOIN admin_units u ON u.id = r.admin_unit_id"
    " GROUP BY f.code, u.code ORDER BY MIN(f.sort), f.code,"
    " u.code IS NOT NULL, u.code";
static const char SQL_ROUTE_DEL[] =
    "DELETE FROM routing_rules WHERE field_id = ? AND (admin_unit_id <=> ?)";
static const char SQL_ROUTE_ADD[] =
    "INSERT INTO routing_rules (field_id, admin_unit_id, lead_org_id,"
    " coord_org_ids) VALUES (?, ?, ?, ?)";
static const char SQL_TMPL_LIST[] =
    "SELECT channel, name, lang, body FROM templates"
    " ORDER BY channel, name, lang";
static const char SQL_TMPL_PUT[] =
    "INSERT INTO templates (channel, name, lang, body) VALUES (?, ?, ?, ?)"
    " ON DUPLICATE KEY UPDATE body = VALUES(body)";
static const char SQL_TMPL_DEL[] =
    "DELETE FROM templates WHERE channel = ? AND name = ? AND lang = ?";
static const char SQL_KEY_LIST[] =
    "SELECT prefix FROM api_keys ORDER BY created_at, id";
static const char SQL_KEY_OLD[] =
    "SELECT o.code, k.kind, k.name FROM api_keys k"
    " LEFT JOIN organisations o ON o.id = k.org_id"
    " WHERE k.prefix = ? AND k.revoked_at IS NULL";
static const char SQL_KEY_REVOKE[] =
    "UPDATE api_keys SET revoked_at = UTC_TIMESTAMP()"
    " WHERE prefix = ? AND revoked_at IS NULL";
static const char SQL_KEY_SET_REVOKED[] =
    "UPDATE api_keys SET revoked_at = ? WHERE prefix = ?";
static const char SQL_ORG_ID[] = "SELECT id FROM organisations WHERE code = ?";
static const char SQL_ORG_ACTIVE[] =
    "SELECT id FROM organisations WHERE code = ? AND active = 1";
static const char SQL_FIELD_ID[] = "SELECT id FROM fields WHERE code = ?";
static const char SQL_UNIT_ID[] = "SELECT id FROM admin_units WHERE code = ?";

struct deact {
	const struct adm_who	*who;
	const char		*id;
	time_t			 now;
	json_t			*cases;
};

struct route {
	int64_t		 field, unit, lead;
	char		 coord[256];
	int		 del;
};

struct tmpl {
	const char	*channel, *name, *lang, *body;
};

struct key {
	const struct adm_who *who;
	const char	*org, *kind, *name, *prefix, *hash, *old;
	char		 org_buf[64], kind_buf[16], name_buf[256];
};

static int	user_off(struct db *, void *, const json_t *, struct adm_err *);
static int	unassign(struct db *, struct deact *, int64_t,
		    struct adm_err *);
static int	org_off(struct db *, void *, const json_t *, struct adm_err *);
static int	route_fn(struct db *, void *, const json_t *, struct adm_err *);
static int	route_parse(struct db *, const json_t *, struct route *,
		    char *, size_t, struct adm_err *);
static int	coord_csv(struct db *, const json_t *, char *, size_t,
		    struct adm_err *);
static int	tmpl_fn(struct db *, void *, const json_t *, struct adm_err *);
static int	key_fn(struct db *, void *, const json_t *, struct adm_err *);
static int	key_old(struct db *, struct key *, struct adm_err *);
static int	revoke_fn(struct db *, void *, const json_t *,
		    struct adm_err *);
static int	need(struct db *, const char *, const char *, const char *,
		    int64_t *, struct adm_err *);
static int	sysadmin_only(const struct adm_who *, struct adm_err *);
static int	mail_layout_ok(const char *);
static int	id_list(struct db *, const char *, const char *, json_t **);

int
store_adm_user_deactivate(struct db *db, const struct adm_who *who,
    const char *username, time_t now, const char *reason, json_t **cases,
    struct adm_err *e)
{
	struct deact	d = { who, username, now, json_array() };
	int		rc;

	rc = adm_audited(db, who, "user.deactivate", ADM_USER, username,
	    reason, user_off, &d, NULL, e);
	if (rc == 0)
		*cases = d.cases;
	else
		json_decref(d.cases);
	return rc;
}

static int
user_off(struct db *db, void *arg, const json_t *before, struct adm_err *e)
{
	struct deact		*d = arg;
	const struct db_param	 p[] = { DB_TEXT(d->id) };
	json_t			*x;
	size_t			 i;
	int			 rc;

	if (before == NULL) {
		adm_fail(e, 404, "not_found", NULL, "no user %s", d->id);
		return -1;
	}
	/* the same scope rules as an update */
	x = json_deep_copy(before);
	rc = adm_check_user(db, d->who, before, x, NULL, e);
	json_decref(x);
	if (rc == -1)
		return -1;
	if (strcmp(d->id, d->who->actor.name) == 0) {
		adm_fail(e, 422, "invalid_value", NULL, "you cannot deactivate "
		    "yourself");
		return -1;
	}
	if (db_exec(db, SQL_USER_OFF, p, NITEMS(p)) == -1 ||
	    db_exec(db, SQL_USER_SESS, p, NITEMS(p)) == -1 ||
	    id_list(db, SQL_ASSIGNED, d->id, &d->cases) == -1)
		return adm_dberr(e);
	json_array_foreach(d->cases, i, x)
		if (unassign(db, d, json_integer_value(json_object_get(x,
		    "id")), e) == -1)
			return -1;
	return 0;
}

/* The case loses its assignee; an internal note says why. */
static int
unassign(struct db *db, struct deact *d, int64_t id, struct adm_err *e)
{
	char	note[512];

	snprintf(note, sizeof(note), "Tài khoản %s đã bị vô hiệu hóa: cần "
	    "giao lại hồ sơ cho cán bộ khác. (Account %s was deactivated: "
	    "the case needs a new assignee.)", d->id, d->id);
	{
		const struct db_param u[] = { DB_I64(d->now), DB_I64(id) };
		const struct db_param n[] = { DB_I64(d->now),
		    DB_TEXT(d->who->actor.user_id ? "staff" : "system"),
		    DB_ID(d->who->actor.user_id), DB_TEXT(note), DB_I64(id) };

		if (db_exec(db, SQL_UNASSIGN, u, NITEMS(u)) == -1 ||
		    db_exec(db, SQL_NOTE, n, NITEMS(n)) == -1)
			return adm_dberr(e);
	}
	return 0;
}

int
store_adm_org_deactivate(struct db *db, const struct adm_who *who,
    const char *code, const char *reason, json_t **cases, struct adm_err *e)
{
	struct deact	d = { who, code, 0, json_array() };
	int		rc;

	memset(e, 0, sizeof(*e));
	if (sysadmin_only(who, e) == -1) {
		json_decref(d.cases);
		return -1;
	}
	rc = adm_audited(db, who, "org.deactivate", ADM_ORG, code, reason,
	    org_off, &d, NULL, e);
	if (rc == 0)
		*cases = d.cases;
	else
		json_decref(d.cases);
	return rc;
}

static int
org_off(struct db *db, void *arg, const json_t *before, struct adm_err *e)
{
	struct deact		*d = arg;
	const struct db_param	 p[] = { DB_TEXT(d->id) };

	if (before == NULL) {
		adm_fail(e, 404, "not_found", NULL, "no organisation %s",
		    d->id);
		return -1;
	}
	if (db_exec(db, SQL_ORG_OFF, p, NITEMS(p)) == -1 ||
	    id_list(db, SQL_ORG_OPEN, d->id, &d->cases) == -1)
		return adm_dberr(e);
	return 0;
}

/* Rows (id, state) of sql with one text parameter -> [{code, id, state}]. */
static int
id_list(struct db *db, const char *sql, const char *arg, json_t **out)
{
	const struct db_param	 p[] = { DB_TEXT(arg) };
	struct db_res		*r = NULL;

	if (db_query(db, sql, p, NITEMS(p), &r) == -1)
		return -1;
	while (db_res_next(r))
		json_array_append_new(*out, json_pack("{s:s, s:I, s:s}",
		    "code", db_res_str(r, 0), "id",
		    (json_int_t)db_res_i64(r, 0), "state", db_res_str(r, 1)));
	db_res_free(r);
	return 0;
}

int
store_adm_routing_list(struct db *db, json_t **out)
{
	struct db_res	*r = NULL;
	json_t		*arr = json_array(), *o;
	char		 id[128];

	if (db_query(db, SQL_ROUTE_LIST, NULL, 0, &r) == -1) {
		json_decref(arr);
		return -1;
	}
	while (db_res_next(r)) {
		snprintf(id, sizeof(id), "%s@%s", db_res_str(r, 0),
		    db_res_str(r, 1));
		o = json_object();
		if (adm_routing_get(db, id, o) == 0) {
			json_object_set_new(o, "id", json_string(id));
			json_array_append_new(arr, o);
		} else
			json_decref(o);
	}
	db_res_free(r);
	*out = arr;
	return 0;
}

int
store_adm_routing_set(struct db *db, const struct adm_who *who,
    const json_t *rule, json_t **after, struct adm_err *e)
{
	struct route	rt;
	char		id[128];

	memset(e, 0, sizeof(*e));
	memset(&rt, 0, sizeof(rt));
	if (sysadmin_only(who, e) == -1 ||
	    route_parse(db, rule, &rt, id, sizeof(id), e) == -1)
		return -1;
	return adm_audited(db, who, "routing.set", "routing", id, NULL,
	    route_fn, &rt, after, e);
}

int
store_adm_routing_delete(struct db *db, const struct adm_who *who,
    const char *field, const char *unit, struct adm_err *e)
{
	struct route	 rt;
	char		 id[128];
	json_t		*rule;
	int		 rc;

	memset(e, 0, sizeof(*e));
	memset(&rt, 0, sizeof(rt));
	rt.del = 1;
	rule = json_pack("{s:s?, s:s?}", "field", field, "unit", unit);
	rc = sysadmin_only(who, e) == -1 || route_parse(db, rule, &rt, id,
	    sizeof(id), e) == -1 ? -1 : 0;
	json_decref(rule);
	if (rc == -1)
		return -1;
	return adm_audited(db, who, "routing.delete", "routing", id, NULL,
	    route_fn, &rt, NULL, e);
}

static int
route_fn(struct db *db, void *arg, const json_t *before, struct adm_err *e)
{
	struct route		*rt = arg;
	const struct db_param	 d[] = { DB_I64(rt->field), DB_ID(rt->unit) };
	const struct db_param	 a[] = { DB_I64(rt->field), DB_ID(rt->unit),
	    DB_I64(rt->lead), DB_TEXT(rt->coord) };

	if (rt->del && before == NULL) {
		adm_fail(e, 404, "not_found", NULL, "no such rule");
		return -1;
	}
	if (db_exec(db, SQL_ROUTE_DEL, d, NITEMS(d)) == -1 ||
	    (!rt->del && db_exec(db, SQL_ROUTE_ADD, a, NITEMS(a)) == -1))
		return adm_dberr(e);
	return 0;
}

/* {field, unit (null/absent = province), lead, coord[]} -> ids. */
static int
route_parse(struct db *db, const json_t *rule, struct route *rt, char *id,
    size_t idsz, struct adm_err *e)
{
	const char	*field = json_string_value(json_object_get(rule,
	    "field"));
	const char	*unit = json_string_value(json_object_get(rule, "unit"));
	const char	*lead = json_string_value(json_object_get(rule, "lead"));

	if (unit != NULL && unit[0] == '\0')
		unit = NULL;
	if (need(db, SQL_FIELD_ID, field, "field", &rt->field, e) == -1 ||
	    (unit != NULL && need(db, SQL_UNIT_ID, unit, "unit", &rt->unit,
	    e) == -1))
		return -1;
	snprintf(id, idsz, "%s@%s", field, unit != NULL ? unit : "*");
	if (rt->del)
		return 0;
	if (need(db, SQL_ORG_ACTIVE, lead, "lead", &rt->lead, e) == -1)
		return -1;
	return coord_csv(db, json_object_get(rule, "coord"), rt->coord,
	    sizeof(rt->coord), e);
}

/* Coordinating agency codes -> "3,5" (ids ascending, as ref.c writes). */
static int
coord_csv(struct db *db, const json_t *arr, char *out, size_t sz,
    struct adm_err *e)
{
	int64_t	 ids[16], id, t;
	size_t	 i, j, n = 0, used = 0;
	json_t	*v;
	int	 rc;

	out[0] = '\0';
	if (arr != NULL && !json_is_null(arr) && (!json_is_array(arr) ||
	    json_array_size(arr) > NITEMS(ids))) {
		adm_fail(e, 422, "invalid_value", "coord", "at most 16 codes");
		return -1;
	}
	json_array_foreach(arr, i, v) {
		if (need(db, SQL_ORG_ACTIVE, json_string_value(v), "coord", &id,
		    e) == -1)
			return -1;
		for (j = n; j > 0 && ids[j - 1] > id; j--)
			ids[j] = ids[j - 1];
		ids[j] = id;
		n++;
	}
	for (i = 0; i < n; i++) {
		if (i > 0 && ids[i] == ids[i - 1])
			continue;
		t = ids[i];
		rc = snprintf(out + used, sz - used, "%s%lld", used ? "," : "",
		    (long long)t);
		if (rc < 0 || (size_t)rc >= sz - used)
			return adm_dberr(e);
		used += (size_t)rc;
	}
	return 0;
}

int
store_adm_templates_list(struct db *db, json_t **out)
{
	struct db_res	*r = NULL;

	if (db_query(db, SQL_TMPL_LIST, NULL, 0, &r) == -1)
		return -1;
	*out = json_array();
	while (db_res_next(r))
		json_array_append_new(*out, json_pack("{s:s, s:s, s:s, s:s}",
		    "channel", db_res_str(r, 0), "name", db_res_str(r, 1),
		    "lang", db_res_str(r, 2), "body", db_res_str(r, 3)));
	db_res_free(r);
	return 0;
}

int
store_adm_template_get(struct db *db, const char *channel, const char *name,
    const char *lang, char **out)
{
	json_t	*o = json_object();
	char	 id[160];
	int	 rc;

	snprintf(id, sizeof(id), "%s/%s/%s", channel, name, lang);
	rc = adm_template_get(db, id, o);
	if (rc == 0) {
		*out = strdup(json_string_value(json_object_get(o, "body")));
		if (*out == NULL)
			rc = -1;
	}
	json_decref(o);
	return rc;
}

int
store_adm_template_put(struct db *db, const struct adm_who *who,
    const char *channel, const char *name, const char *lang,
    const char *body, struct adm_err *e)
{
	static const char *const channels[] = { "sms", "email", "push",
	    "notice", "facebook", NULL };
	struct tmpl	 t = { channel, name, lang, body };
	char		 id[160], why[128];
	size_t		 i;

	memset(e, 0, sizeof(*e));
	if (sysadmin_only(who, e) == -1)
		return -1;
	for (i = 0; channels[i] != NULL && strcmp(channels[i], channel); i++)
		;
	if (channels[i] == NULL || !adm_code_ok(name, 64) ||
	    strpbrk(name, "-.") != NULL || (strcmp(lang, "vi") != 0 &&
	    strcmp(lang, "en") != 0)) {
		adm_fail(e, 404, "not_found", NULL, "channel sms, email, push, "
		    "notice or facebook; name [a-z0-9_]; lang vi or en");
		return -1;
	}
	if (body != NULL && (strlen(body) == 0 || strlen(body) > 65535)) {
		adm_fail(e, 422, "invalid_value", "body", "1 to 65535 bytes");
		return -1;
	}
	if (body != NULL && tmpl_check_for(channel, body, why,
	    sizeof(why)) == -1) {
		adm_fail(e, 422, "unknown_placeholder", "body", "%s", why);
		return -1;
	}
	if (body != NULL && strcmp(channel, "email") == 0 &&
	    !mail_layout_ok(body)) {
		adm_fail(e, 422, "invalid_value", "body", "an e-mail text "
		    "starts with a \"Subject: ...\" line, then an empty line");
		return -1;
	}
	snprintf(id, sizeof(id), "%s/%s/%s", channel, name, lang);
	return adm_audited(db, who, body != NULL ? "template.set" :
	    "template.reset", "template", id, NULL, tmpl_fn, &t, NULL, e);
}

static int
tmpl_fn(struct db *db, void *arg, const json_t *before, struct adm_err *e)
{
	const struct tmpl	*t = arg;
	const struct db_param	 p[] = { DB_TEXT(t->channel), DB_TEXT(t->name),
	    DB_TEXT(t->lang), DB_TEXT(t->body) };

	if (t->body == NULL && before == NULL) {
		adm_fail(e, 404, "not_found", NULL, "no override to remove");
		return -1;
	}
	if (db_exec(db, t->body != NULL ? SQL_TMPL_PUT : SQL_TMPL_DEL, p,
	    t->body != NULL ? 4 : 3) == -1)
		return adm_dberr(e);
	return 0;
}

int
store_adm_apikeys_list(struct db *db, json_t **out)
{
	struct db_res	*r = NULL;
	json_t		*o;

	if (db_query(db, SQL_KEY_LIST, NULL, 0, &r) == -1)
		return -1;
	*out = json_array();
	while (db_res_next(r)) {
		o = json_object();
		if (adm_apikey_get(db, db_res_str(r, 0), o) == 0)
			json_array_append_new(*out, o);
		else
			json_decref(o);
	}
	db_res_free(r);
	return 0;
}

int
store_adm_apikey_create(struct db *db, const struct adm_who *who,
    const char *org, const char *kind, const char *name, const char *prefix,
    const char *hash, const char *old_prefix, struct adm_err *e)
{
	struct key	k;
	char		reason[64];

	memset(e, 0, sizeof(*e));
	memset(&k, 0, sizeof(k));
	k.org = org;
	k.kind = kind;
	k.name = name;
	k.prefix = prefix;
	k.hash = hash;
	k.old = old_prefix;
	k.who = who;
	if (sysadmin_only(who, e) == -1)
		return -1;
	snprintf(reason, sizeof(reason), "rotates %s", old_prefix ?
	    old_prefix : "");
	return adm_audited(db, who, old_prefix ? "apikey.rotate" :
	    "apikey.create", "apikey", prefix, old_prefix ? reason : NULL,
	    key_fn, &k, NULL, e);
}

static int
key_fn(struct db *db, void *arg, const json_t *before, struct adm_err *e)
{
	struct key	*k = arg;
	int64_t		 id;

	(void)before;
	if (k->old != NULL && key_old(db, k, e) == -1)
		return -1;
	if (k->kind == NULL || (strcmp(k->kind, "open311") != 0 &&
	    strcmp(k->kind, "sync") != 0)) {
		adm_fail(e, 422, "invalid_value", "kind", "open311 or sync");
		return -1;
	}
	if (k->name == NULL || k->name[0] == '\0' || strlen(k->name) > 255) {
		adm_fail(e, 422, "required", "name", "a name of at most 255 "
		    "bytes");
		return -1;
	}
	if (k->org != NULL && need(db, SQL_ORG_ID, k->org, "org", &id, e) == -1)
		return -1;
	if (store_apikey_add(db, k->prefix, k->hash, k->org, k->kind,
	    k->name) == -1)
		return adm_dberr(e);
	return 0;
}

/* Rotation: copy the old key's org, kind and name; revoke it (audited). */
static int
key_old(struct db *db, struct key *k, struct adm_err *e)
{
	const struct db_param	 p[] = { DB_TEXT(k->old) };
	struct db_res		*r = NULL;
	json_t			*before = NULL, *after = NULL;
	int			 rc = -1;

	if (store_adm_get(db, "apikey", k->old, &before) == -1 ||
	    db_query(db, SQL_KEY_OLD, p, NITEMS(p), &r) == -1) {
		adm_dberr(e);
		goto out;
	}
	if (!db_res_next(r)) {
		adm_fail(e, 404, "not_found", NULL, "no active key %s", k->old);
		goto out;
	}
	snprintf(k->org_buf, sizeof(k->org_buf), "%s", db_res_str(r, 0));
	snprintf(k->kind_buf, sizeof(k->kind_buf), "%s", db_res_str(r, 1));
	snprintf(k->name_buf, sizeof(k->name_buf), "%s", db_res_str(r, 2));
	k->org = db_res_isnull(r, 0) ? NULL : k->org_buf;
	k->kind = k->kind_buf;
	k->name = k->name_buf;
	if (db_exec(db, SQL_KEY_REVOKE, p, NITEMS(p)) == -1 ||
	    store_adm_get(db, "apikey", k->old, &after) == -1 ||
	    store_audit(db, &k->who->actor, "apikey.revoke",
	    "apikey", k->old, before, after, "rotated") == -1) {
		adm_dberr(e);
		goto out;
	}
	rc = 0;
out:
	db_res_free(r);
	json_decref(before);
	json_decref(after);
	return rc;
}

int
store_adm_apikey_import(struct db *db, const struct adm_who *who,
    const json_t *kj, struct adm_err *e)
{
	const char	*prefix = json_string_value(json_object_get(kj, "prefix"));
	const char	*rev = json_string_value(json_object_get(kj,
	    "revoked_at"));
	json_t		*cur = NULL;
	int		 rc;

	memset(e, 0, sizeof(*e));
	if (prefix == NULL || json_string_value(json_object_get(kj,
	    "key_hash")) == NULL) {
		adm_fail(e, 422, "required", "prefix", "prefix and key_hash");
		return -1;
	}
	rc = store_adm_get(db, "apikey", prefix, &cur);
	json_decref(cur);
	if (rc != 1)
		return rc == 0 ? 0 : adm_dberr(e);
	if (store_adm_apikey_create(db, who, json_string_value(json_object_get(
	    kj, "org")), json_string_value(json_object_get(kj, "kind")),
	    json_string_value(json_object_get(kj, "name")), prefix,
	    json_string_value(json_object_get(kj, "key_hash")), NULL, e) == -1)
		return -1;
	if (rev != NULL) {
		const struct db_param p[] = { DB_TEXT(rev), DB_TEXT(prefix) };

		if (db_exec(db, SQL_KEY_SET_REVOKED, p, NITEMS(p)) == -1)
			return adm_dberr(e);
	}
	return 0;
}

int
store_adm_apikey_revoke(struct db *db, const struct adm_who *who,
    const char *prefix, struct adm_err *e)
{
	memset(e, 0, sizeof(*e));
	if (sysadmin_only(who, e) == -1)
		return -1;
	return adm_audited(db, who, "apikey.revoke", "apikey", prefix, NULL,
	    revoke_fn, (void *)prefix, NULL, e);
}

static int
revoke_fn(struct db *db, void *arg, const json_t *before, struct adm_err *e)
{
	const struct db_param	p[] = { DB_TEXT((const char *)arg) };

	if (before == NULL || !json_is_null(json_object_get(before,
	    "revoked_at"))) {
		adm_fail(e, 404, "not_found", NULL, "no active key %s",
		    (const char *)arg);
		return -1;
	}
	if (db_exec(db, SQL_KEY_REVOKE, p, NITEMS(p)) == -1)
		return adm_dberr(e);
	return 0;
}

/* *id of code by sql, or 422 unknown_reference naming key. */
static int
need(struct db *db, const char *sql, const char *code, const char *key,
    int64_t *id, struct adm_err *e)
{
	int	rc;

	if (code == NULL || code[0] == '\0' || strlen(code) > 64) {
		adm_fail(e, 422, "required", key, "a code is required");
		return -1;
	}
	rc = adm_ref_id(db, sql, code, id);
	if (rc == -1)
		return adm_dberr(e);
	if (rc == 1) {
		adm_fail(e, 422, "unknown_reference", key, "no such code "
		    "(or inactive): %s", code);
		return -1;
	}
	return 0;
}

static int
sysadmin_only(const struct adm_who *who, struct adm_err *e)
{
	if (who->sysadmin)
		return 0;
	adm_fail(e, 403, "forbidden", NULL, "system administrators only");
	return -1;
}

/* The layout jobd's e-mail renderer needs (mail_split_template). */
static int
mail_layout_ok(const char *body)
{
	char	*copy = strdup(body), *subj, *text;
	int	 good;

	good = copy != NULL && mail_split_template(copy, &subj, &text) == 0;
	free(copy);
	return good;
}
