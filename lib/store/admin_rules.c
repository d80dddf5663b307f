/*
 * admin_rules.c: the rows without a code of their own (reminder and
 * escalation rules, Open311 attributes, per-field agency deadlines):
 * their checks, deletion, lookup by natural key and upsert, and the
 * import that makes the reminder rules exactly a file's set.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "store/admin_int.h"
#include "workflow.h"

#define FIND_MAX	4

struct del_arg {
	const struct adm_type	*t;
	const struct adm_who	*who;
	const char		*id;
};

static const char SQL_FIRED[] =
    "SELECT COUNT(*) FROM reminder_log WHERE rule_id = ?";
static const char SQL_RULE_IDS[] = "SELECT id FROM reminder_rules";

static const char *const recipients[] = { "assignee", "officers",
    "focal_officer", "focal_leader", "leaders", "monitor", NULL };
static const char *const channels[] = { "sms", "email", "portal", "push",
    NULL };
static const char *const datatypes[] = { "string", "number", "datetime",
    "text", "singlevaluelist", "multivaluelist", NULL };

static int	del_fn(struct db *, void *, const json_t *, struct adm_err *);
static int	one_of(const char *, const char *const *);
static int	set_ok(const json_t *, const char *, const char *const *,
		    struct adm_err *);
static int	name_ok(const char *);
static int	values_ok(json_t *, int, struct adm_err *);
static int	drop_others(struct db *, const struct adm_who *,
		    const json_t *, struct adm_err *);
static int	retire(struct db *, const struct adm_who *, const char *,
		    struct adm_err *);

int
store_adm_delete(struct db *db, const struct adm_who *who, const char *type,
    const char *id, struct adm_err *e)
{
	struct del_arg	a;
	char		action[48];

	memset(e, 0, sizeof(*e));
	a.t = adm_type(type);
	a.who = who;
	a.id = id;
	if (a.t == NULL || a.t->sql_del == NULL || id == NULL) {
		adm_fail(e, 404, "not_found", NULL, "%s objects cannot be "
		    "deleted", type);
		return -1;
	}
	snprintf(action, sizeof(action), "%s.delete", type);
	return adm_audited(db, who, action, type, id, NULL, del_fn, &a, NULL,
	    e);
}

static int
del_fn(struct db *db, void *arg, const json_t *before, struct adm_err *e)
{
	const struct del_arg	*a = arg;
	const struct db_param	 p[] = { DB_TEXT(a->id) };

	if (before == NULL) {
		adm_fail(e, 404, "not_found", NULL, "no %s %s", a->t->name,
		    a->id);
		return -1;
	}
	if (a->t->check != NULL && a->t->check(db, a->who, before, NULL, NULL,
	    e) == -1)
		return -1;
	return db_exec(db, a->t->sql_del, p, NITEMS(p)) == -1 ?
	    adm_dberr(e) : 0;
}

int
store_adm_find(struct db *db, const char *type, const json_t *obj, char *id,
    size_t idsz)
{
	const struct adm_type	*t = adm_type(type);
	struct db_param		 p[FIND_MAX];
	char			 num[FIND_MAX][24];
	struct db_res		*r = NULL;
	json_t			*v;
	size_t			 n;
	int			 rc;

	if (t == NULL || t->sql_find == NULL)
		return -1;
	for (n = 0; t->find_keys[n] != NULL && n < FIND_MAX; n++) {
		v = json_object_get(obj, t->find_keys[n]);
		if (json_is_integer(v)) {
			snprintf(num[n], sizeof(num[n]), "%lld",
			    (long long)json_integer_value(v));
			p[n] = (struct db_param)DB_TEXT(num[n]);
		} else if (json_is_string(v))
			p[n] = (struct db_param)DB_TEXT(json_string_value(v));
		else
			return 1;	/* without its key it is new */
	}
	if (db_query(db, t->sql_find, p, n, &r) == -1)
		return -1;
	rc = 1;
	if (db_res_next(r)) {
		snprintf(id, idsz, "%s", db_res_str(r, 0));
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int
store_adm_put(struct db *db, const struct adm_who *who, const char *type,
    const json_t *obj, json_t **after, struct adm_err *e)
{
	char	 id[24];
	json_t	*patch;
	int	 rc;

	memset(e, 0, sizeof(*e));
	if (!json_is_object(obj)) {
		adm_fail(e, 400, "invalid_json", NULL, "a JSON object is "
		    "required");
		return -1;
	}
	rc = store_adm_find(db, type, obj, id, sizeof(id));
	if (rc == -1)
		return adm_dberr(e);
	patch = json_deep_copy(obj);
	if (patch == NULL)
		return adm_dberr(e);
	json_object_del(patch, "id");
	rc = store_adm_save(db, who, type, rc == 0 ? id : NULL, patch, rc == 1,
	    after, e);
	json_decref(patch);
	return rc;
}

int
store_adm_reminders_replace(struct db *db, const struct adm_who *who,
    const json_t *rules, struct adm_err *e)
{
	json_t	*v;
	size_t	 i;
	char	 key[sizeof(e->field)];

	json_array_foreach(rules, i, v)
		if (store_adm_put(db, who, ADM_REMINDER, v, NULL, e) == -1) {
			memcpy(key, e->field, sizeof(key));
			if (snprintf(e->field, sizeof(e->field),
			    "reminder_rules[%zu].%s", i, key) >=
			    (int)sizeof(e->field))
				e->field[sizeof(e->field) - 1] = '\0';
			return -1;
		}
	return drop_others(db, who, rules, e);
}

/* Every rule whose id is not one of keep's is retired. */
static int
drop_others(struct db *db, const struct adm_who *who, const json_t *keep,
    struct adm_err *e)
{
	struct db_res	*r = NULL;
	json_t		*ids = json_array(), *v;
	char		 id[24];
	size_t		 i;
	int		 rc = -1;

	json_array_foreach(keep, i, v)
		if (store_adm_find(db, ADM_REMINDER, v, id, sizeof(id)) == 0)
			json_array_append_new(ids, json_string(id));
	if (db_query(db, SQL_RULE_IDS, NULL, 0, &r) == -1) {
		adm_dberr(e);
		goto out;
	}
	while (db_res_next(r)) {
		json_array_foreach(ids, i, v)
			if (strcmp(json_string_value(v), db_res_str(r, 0)) == 0)
				break;
		if (i < json_array_size(ids))
			continue;
		snprintf(id, sizeof(id), "%s", db_res_str(r, 0));
		if (retire(db, who, id, e) == -1)
			goto out;
	}
	rc = 0;
out:
	db_res_free(r);
	json_decref(ids);
	return rc;
}

/* Deletes rule id, or deactivates it when it has fired (its log stays
 * meaningful). */
static int
retire(struct db *db, const struct adm_who *who, const char *id,
    struct adm_err *e)
{
	json_t	*cur = NULL, *off;
	int	 rc;

	if (store_adm_delete(db, who, ADM_REMINDER, id, e) == 0)
		return 0;
	if (e->status != 409)
		return -1;
	rc = store_adm_get(db, ADM_REMINDER, id, &cur);
	if (rc == 0 && json_is_false(json_object_get(cur, "active"))) {
		json_decref(cur);
		return 0;
	}
	json_decref(cur);
	if (rc != 0)
		return adm_dberr(e);
	off = json_pack("{s:b}", "active", 0);
	rc = store_adm_save(db, who, ADM_REMINDER, id, off, 0, NULL, e);
	json_decref(off);
	return rc;
}

int
adm_check_reminder(struct db *db, const struct adm_who *who,
    const json_t *before, json_t *m, const json_t *patch, struct adm_err *e)
{
	const char	*tmpl;
	enum wf_timer	 k;
	int64_t		 fired = 0;

	(void)patch;
	if (!who->sysadmin) {
		adm_fail(e, 403, "forbidden", NULL, "only a system "
		    "administrator manages reminder rules");
		return -1;
	}
	if (m == NULL) {	/* deletion */
		const struct db_param p[] = { DB_TEXT(json_string_value(
		    json_object_get(before, "id"))) };

		if (db_query_i64(db, SQL_FIRED, p, NITEMS(p), &fired) == -1)
			return adm_dberr(e);
		if (fired > 0) {
			adm_fail(e, 409, "in_use", NULL, "this rule has fired "
			    "for %lld clocks: deactivate it instead",
			    (long long)fired);
			return -1;
		}
		return 0;
	}
	if (wf_timer_parse(json_string_value(json_object_get(m, "stage")),
	    &k) == -1) {
		adm_fail(e, 422, "invalid_value", "stage", "a stage (timer) "
		    "name: intake, accept, return, process, approve, publish, "
		    "redistribute, clarify or supplement");
		return -1;
	}
	tmpl = json_string_value(json_object_get(m, "template"));
	if (!name_ok(tmpl)) {
		adm_fail(e, 422, "invalid_value", "template", "a template name "
		    "of a-z, 0-9 and _");
		return -1;
	}
	return set_ok(m, "recipients", recipients, e) == -1 ||
	    set_ok(m, "channels", channels, e) == -1 ? -1 : 0;
}

int
adm_check_attribute(struct db *db, const struct adm_who *who,
    const json_t *before, json_t *m, const json_t *patch, struct adm_err *e)
{
	const char	*dt = json_string_value(json_object_get(m, "datatype"));

	(void)db;
	(void)before;
	(void)patch;
	if (!who->sysadmin) {
		adm_fail(e, 403, "forbidden", NULL, "only a system "
		    "administrator manages Open311 attributes");
		return -1;
	}
	if (!one_of(dt, datatypes)) {
		adm_fail(e, 422, "invalid_value", "datatype", "string, number, "
		    "datetime, text, singlevaluelist or multivaluelist");
		return -1;
	}
	return values_ok(m, strstr(dt, "valuelist") != NULL, e);
}

int
adm_check_field_deadline(struct db *db, const struct adm_who *who,
    const json_t *before, json_t *m, const json_t *patch, struct adm_err *e)
{
	const char	*org = json_string_value(json_object_get(m != NULL ?
	    m : before, "org"));
	const char	*was = before != NULL ? json_string_value(
	    json_object_get(before, "org")) : org;

	(void)db;
	(void)patch;
	if (who->sysadmin)
		return 0;
	if (who->org_code == NULL || org == NULL || was == NULL ||
	    strcmp(org, who->org_code) != 0 || strcmp(was, who->org_code)) {
		adm_fail(e, 403, "forbidden", "org", "an agency administrator "
		    "sets the deadlines of their own organisation only");
		return -1;
	}
	return 0;
}

/* "values": [{key, name}] (1..100) for list types, null otherwise. */
static int
values_ok(json_t *m, int list, struct adm_err *e)
{
	json_t	*vals = json_object_get(m, "values"), *v, *name;
	size_t	 i, n = json_array_size(vals);
	int	 good = list ? n > 0 && n <= 100 : n == 0;

	json_array_foreach(vals, i, v) {
		name = json_object_get(v, "name");
		if (json_object_size(v) != 2 || !adm_code_ok(json_string_value(
		    json_object_get(v, "key")), 64) || !json_is_string(name) ||
		    json_string_length(name) == 0 ||
		    json_string_length(name) > 255)
			good = 0;
	}
	if (good && !list)
		json_object_set_new(m, "values", json_null());
	if (good)
		return 0;
	adm_fail(e, 422, "invalid_value", "values", list ? "1 to 100 items "
	    "{\"key\": code, \"name\": text}" : "only list datatypes have "
	    "values");
	return -1;
}

/* m[key]: a non-empty array of distinct names from allowed. */
static int
set_ok(const json_t *m, const char *key, const char *const *allowed,
    struct adm_err *e)
{
	json_t	*arr = json_object_get(m, key), *v;
	size_t	 i, j;
	int	 good = json_array_size(arr) > 0;

	json_array_foreach(arr, i, v) {
		if (!one_of(json_string_value(v), allowed))
			good = 0;
		for (j = 0; j < i; j++)
			if (json_equal(v, json_array_get(arr, j)))
				good = 0;
	}
	if (good)
		return 0;
	adm_fail(e, 422, "invalid_value", key, "distinct values among the "
	    "known %s", key);
	return -1;
}

static int
one_of(const char *s, const char *const *list)
{
	size_t	i;

	for (i = 0; s != NULL && list[i] != NULL; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* A template name as the senders read it: [a-z0-9_]+. */
static int
name_ok(const char *s)
{
	return s != NULL && *s != '\0' && strspn(s,
	    "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}
