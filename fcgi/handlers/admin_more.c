/*
 * admin_more.c: /api/v1/admin endpoints beyond plain rows: deadlines per
 * agency, routing rules, calendar check and "affected deadlines" preview,
 * template overrides with a preview from a real case, API keys (secret
 * shown once), the audit log (JSON and CSV) and the reference export.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/parse.h"
#include "crypto.h"
#include "handlers/admin_int.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "model/tmplcheck.h"
#include "sms/reply.h"
#include "store/ref.h"
#include "workflow.h"

#define CAP_MINUTES	2880	/* REG 7.3: processing <= 6 working days */
#define TMPL_MAX	65536

static const char *const channels[] = { "sms", "email", "push", "notice",
    "facebook", NULL };

static int	read_default(struct req *, const char *, const char *,
		    const char *, char **);
static void	add_defaults(struct req *, json_t *, const char *);
static void	add_samples(struct req *, json_t *, const char *);
static json_t	*names(const char *const *);
static int	new_key(struct req *, struct resp *, const char *);
static void	audit_filter(struct req *, struct audit_filter *);

int
h_admin_deadlines_list(struct req *rq, struct resp *rs)
{
	json_t	*orgs = NULL, *items = json_array(), *o, *set = json_object();
	json_t	*over = NULL;
	size_t	 i;
	char	 v[64];
	const char *names[] = { "supplement_minutes", "clarify_minutes" };
	const char *scope = (rq->who.roles & WF_ROLE_SYSADMIN) ? NULL :
	    rq->who.org_code;

	if (store_adm_list(rq->db, ADM_ORG, scope, &orgs) == -1 ||
	    store_adm_list(rq->db, ADM_FIELD_DEADLINE, scope, &over) == -1) {
		json_decref(orgs);
		json_decref(items);
		json_decref(set);
		return 500;
	}
	json_array_foreach(orgs, i, o)
		if (!json_is_true(json_object_get(o, "is_center")))
			json_array_append_new(items, json_pack("{s:O, s:O, s:O, "
			    "s:O}", "code", json_object_get(o, "code"), "name",
			    json_object_get(o, "name"), "process_minutes",
			    json_object_get(o, "process_minutes"), "active",
			    json_object_get(o, "active")));
	json_decref(orgs);
	for (i = 0; i < 2; i++)
		if (store_setting_get(rq->db, names[i], v, sizeof(v)) == 0)
			json_object_set_new(set, names[i], json_string(v));
	resp_json(rs, json_pack("{s:o, s:o, s:i, s:i, s:o}", "items", items,
	    "field_deadlines", over, "cap_minutes", CAP_MINUTES, "min_minutes",
	    60, "settings", set));
	return 200;
}

int
h_admin_deadline_set(struct req *rq, struct resp *rs)
{
	json_t		*pm = json_object_get(rq->json, "process_minutes");
	json_t		*patch, *after = NULL;
	struct adm_who	 who;
	struct adm_err	 e;
	int		 rc;

	if (pm == NULL || json_object_size(rq->json) != 1)
		return resp_error(rs, 422, "required", "process_minutes",
		    "only process_minutes (60..%d working minutes)",
		    CAP_MINUTES);
	adm_req_who(rq, &who);
	patch = json_pack("{s:O}", "process_minutes", pm);
	rc = store_adm_save(rq->db, &who, ADM_ORG, req_cap(rq, "id"), patch,
	    0, &after, &e);
	json_decref(patch);
	if (rc == -1)
		return adm_resp_err(rs, &e);
	resp_json(rs, after);
	return 200;
}

int
h_admin_routing_list(struct req *rq, struct resp *rs)
{
	json_t	*arr = NULL;

	if (store_adm_routing_list(rq->db, &arr) == -1)
		return 500;
	return adm_resp_items(rs, arr);
}

int
h_admin_routing_set(struct req *rq, struct resp *rs)
{
	struct adm_who	 who;
	struct adm_err	 e;
	json_t		*after = NULL;

	adm_req_who(rq, &who);
	if (store_adm_routing_set(rq->db, &who, rq->json, &after, &e) == -1)
		return adm_resp_err(rs, &e);
	resp_json(rs, after);
	return 200;
}

int
h_admin_routing_delete(struct req *rq, struct resp *rs)
{
	struct adm_who	who;
	struct adm_err	e;

	adm_req_who(rq, &who);
	if (store_adm_routing_delete(rq->db, &who, req_query(rq, "field"),
	    req_query(rq, "unit"), &e) == -1)
		return adm_resp_err(rs, &e);
	resp_json(rs, json_pack("{s:b}", "deleted", 1));
	return 200;
}

int
h_admin_calendar_check(struct req *rq, struct resp *rs)
{
	struct adm_err	e;

	if (store_adm_calendar_check(jstr(rq->json, "body"), &e) == -1)
		return adm_resp_err(rs, &e);
	resp_json(rs, json_pack("{s:b}", "valid", 1));
	return 200;
}

int
h_admin_calendar_preview(struct req *rq, struct resp *rs)
{
	struct adm_err	 e;
	json_t		*o = NULL;

	if (store_adm_calendar_preview(rq->db, req_cap(rq, "id"),
	    jstr(rq->json, "body"), rq->now, 20, &o, &e) == -1)
		return adm_resp_err(rs, &e);
	resp_json(rs, o);
	return 200;
}

int
h_admin_templates_list(struct req *rq, struct resp *rs)
{
	json_t	*over = NULL, *items = json_array(), *ph = json_array(), *o;
	size_t	 i, j;

	if (store_adm_templates_list(rq->db, &over) == -1) {
		json_decref(items);
		json_decref(ph);
		return 500;
	}
	for (i = 0; channels[i] != NULL; i++)
		add_defaults(rq, items, channels[i]);
	/* overrides of texts without a shipped file */
	json_array_foreach(over, i, o) {
		json_t *it;

		json_array_foreach(items, j, it)
			if (json_equal(json_object_get(it, "channel"),
			    json_object_get(o, "channel")) && json_equal(
			    json_object_get(it, "name"), json_object_get(o,
			    "name")) && json_equal(json_object_get(it, "lang"),
			    json_object_get(o, "lang")))
				break;
		if (j == json_array_size(items))
			json_array_append_new(items, json_pack("{s:O, s:O, "
			    "s:O, s:n}", "channel", json_object_get(o,
			    "channel"), "name", json_object_get(o, "name"),
			    "lang", json_object_get(o, "lang"), "default"));
		json_object_set(json_array_get(items, j), "override",
		    json_object_get(o, "body"));
	}
	json_decref(over);
	for (i = 0; tmpl_known[i] != NULL; i++)
		json_array_append_new(ph, json_string(tmpl_known[i]));
	resp_json(rs, json_pack("{s:o, s:o, s:o, s:o}", "items", items,
	    "placeholders", ph, "mail_placeholders", names(tmpl_known_mail),
	    "notice_placeholders", names(tmpl_known_notice)));
	return 200;
}

int
h_admin_template_put(struct req *rq, struct resp *rs)
{
	struct adm_who	who;
	struct adm_err	e;

	adm_req_who(rq, &who);
	if (store_adm_template_put(rq->db, &who, req_cap(rq, "channel"),
	    req_cap(rq, "name"), req_cap(rq, "lang"), jstr(rq->json, "body") ?
	    jstr(rq->json, "body") : "", &e) == -1)
		return adm_resp_err(rs, &e);
	resp_json(rs, json_pack("{s:s}", "body", jstr(rq->json, "body")));
	return 200;
}

int
h_admin_template_delete(struct req *rq, struct resp *rs)
{
	struct adm_who	who;
	struct adm_err	e;

	adm_req_who(rq, &who);
	if (store_adm_template_put(rq->db, &who, req_cap(rq, "channel"),
	    req_cap(rq, "name"), req_cap(rq, "lang"), NULL, &e) == -1)
		return adm_resp_err(rs, &e);
	resp_json(rs, json_pack("{s:b}", "reset", 1));
	return 200;
}

/* {case, body} or {case, channel, name, lang}: the text for that case. */
int
h_admin_template_preview(struct req *rq, struct resp *rs)
{
	const char	*body = jstr(rq->json, "body"), *code = jstr(rq->json,
	    "case"), *keys[32], *vals[32], *k;
	char		*text = NULL, *out = NULL, why[128];
	json_t		*vars = NULL, *v;
	int64_t		 id;
	size_t		 n = 0;
	int		 st;

	if (code == NULL || parse_i64(code, 1, INT64_C(999999999999), &id) == -1)
		return resp_error(rs, 422, "required", "case", "a case code");
	if (body == NULL && (jstr(rq->json, "channel") == NULL ||
	    jstr(rq->json, "name") == NULL))
		return resp_error(rs, 422, "required", "body", "a text, or "
		    "channel and name of a template");
	if (body == NULL && (store_adm_template_get(rq->db, jstr(rq->json,
	    "channel"), jstr(rq->json, "name"), jstr(rq->json, "lang") ?
	    jstr(rq->json, "lang") : "vi", &text) == 0 || read_default(rq,
	    jstr(rq->json, "channel"), jstr(rq->json, "name"), jstr(rq->json,
	    "lang"), &text) == 0))
		body = text;
	if (body == NULL) {
		st = resp_error(rs, 404, "not_found", "name", "no such template");
		goto out;
	}
	if (tmpl_check_for(jstr(rq->json, "channel"), body, why,
	    sizeof(why)) == -1) {
		st = resp_error(rs, 422, "unknown_placeholder", "body", "%s", why);
		goto out;
	}
	st = store_adm_case_vars(rq->db, id, rq->now, &vars);
	if (st != 0) {
		st = st == 1 ? resp_error(rs, 404, "not_found", "case", "no such "
		    "case") : 500;
		goto out;
	}
	add_samples(rq, vars, code);
	json_object_foreach(vars, k, v)
		if (n < 32) {
			keys[n] = k;
			vals[n++] = json_string_value(v);
		}
	out = malloc(TMPL_MAX * 2);
	if (out == NULL || sms_render(body, keys, vals, n, out, TMPL_MAX * 2)
	    == -1) {
		st = resp_error(rs, 422, "invalid_value", "body", "the text "
		    "does not render");
		goto out;
	}
	resp_json(rs, json_pack("{s:s, s:O}", "text", out, "values", vars));
	st = 200;
out:
	json_decref(vars);
	free(text);
	free(out);
	return st;
}

int
h_admin_apikeys_list(struct req *rq, struct resp *rs)
{
	json_t	*arr = NULL;

	if (store_adm_apikeys_list(rq->db, &arr) == -1)
		return 500;
	return adm_resp_items(rs, arr);
}

int
h_admin_apikey_create(struct req *rq, struct resp *rs)
{
	return new_key(rq, rs, NULL);
}

int
h_admin_apikey_rotate(struct req *rq, struct resp *rs)
{
	return new_key(rq, rs, req_cap(rq, "id"));
}

int
h_admin_apikey_revoke(struct req *rq, struct resp *rs)
{
	struct adm_who	who;
	struct adm_err	e;

	adm_req_who(rq, &who);
	if (store_adm_apikey_revoke(rq->db, &who, req_cap(rq, "id"), &e) == -1)
		return adm_resp_err(rs, &e);
	resp_json(rs, json_pack("{s:b}", "revoked", 1));
	return 200;
}

int
h_admin_audit_list(struct req *rq, struct resp *rs)
{
	struct audit_filter	 f;
	json_t			*o = NULL;

	audit_filter(rq, &f);
	req_paging(rq, 500, &f.page, &f.page_size);
	if (store_audit_list(rq->db, &f, &o) == -1)
		return 500;
	resp_json(rs, o);
	return 200;
}

int
h_admin_audit_export(struct req *rq, struct resp *rs)
{
	struct audit_filter	f;

	audit_filter(rq, &f);
	buf_reset(&rs->body);
	if (buf_puts(&rs->body, "\xef\xbb\xbf") == -1 ||	/* BOM: Excel */
	    store_audit_csv(rq->db, &f, &rs->body) == -1)
		return 500;
	rs->ctype = "text/csv; charset=utf-8";
	resp_header(rs, "Content-Disposition",
	    "attachment; filename=\"audit.csv\"");
	return 200;
}

int
h_admin_export(struct req *rq, struct resp *rs)
{
	json_t	*o = NULL;

	if (store_adm_export(rq->db, &o) == -1)
		return 500;
	resp_header(rs, "Content-Disposition",
	    "attachment; filename=\"reference-data.json\"");
	resp_json(rs, o);
	return 200;
}

/* Creates a key (rotating old when given) and shows the secret once. */
static int
new_key(struct req *rq, struct resp *rs, const char *old)
{
	struct adm_who	who;
	struct adm_err	e;
	char		tok[CRYPTO_TOKEN_LEN], key[CRYPTO_TOKEN_LEN + 8];
	char		hash[CRYPTO_HEX_LEN], prefix[9];

	adm_req_who(rq, &who);
	crypto_token(tok);
	memcpy(prefix, tok, 8);
	prefix[8] = '\0';
	snprintf(key, sizeof(key), "pa_%s", tok);
	crypto_sha256_hex(key, strlen(key), hash);
	if (store_adm_apikey_create(rq->db, &who, jstr(rq->json, "org"),
	    jstr(rq->json, "kind"), jstr(rq->json, "name"), prefix, hash, old,
	    &e) == -1)
		return adm_resp_err(rs, &e);
	resp_json(rs, json_pack("{s:s, s:s, s:s?}", "prefix", prefix, "key",
	    key, "rotated", old));
	return 201;
}

static void
audit_filter(struct req *rq, struct audit_filter *f)
{
	int64_t	v;

	memset(f, 0, sizeof(*f));
	f->actor = req_query(rq, "actor");
	f->action = req_query(rq, "action");
	f->object_type = req_query(rq, "object_type");
	f->object_id = req_query(rq, "object_id");
	if (req_query(rq, "from") && parse_i64(req_query(rq, "from"), 0,
	    INT64_C(99999999999), &v) == 0)
		f->from = (time_t)v;
	if (req_query(rq, "to") && parse_i64(req_query(rq, "to"), 0,
	    INT64_C(99999999999), &v) == 0)
		f->to = (time_t)v;
}

/* Shipped texts of a channel: <dir>/<channel>/<name>[.en].txt. */
static void
add_defaults(struct req *rq, json_t *items, const char *channel)
{
	char		 dir[512], name[80], *dot;
	const char	*lang;
	char		*text = NULL;
	DIR		*d;
	struct dirent	*de;
	size_t		 n;

	snprintf(dir, sizeof(dir), "%s/%s", rq->app->conf.templates_dir,
	    channel);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 5 || n >= sizeof(name) || strcmp(de->d_name + n - 4,
		    ".txt") != 0)
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(n - 4), de->d_name);
		lang = "vi";
		if ((dot = strchr(name, '.')) != NULL) {
			*dot = '\0';
			lang = dot + 1;
		}
		if (read_default(rq, channel, name, lang, &text) == -1)
			continue;
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, "
		    "s:n}", "channel", channel, "name", name, "lang", lang,
		    "default", text, "override"));
		/* a push title is the e-mail subject unless overridden */
		if (strcmp(channel, "email") == 0 && strncmp(text, "Subject: ",
		    9) == 0)
			json_array_append_new(items, json_pack("{s:s, s:s, s:s, "
			    "s:s%, s:n}", "channel", "push", "name", name,
			    "lang", lang, "default", text + 9, strcspn(text +
			    9, "\n"), "override"));
		free(text);
		text = NULL;
	}
	closedir(d);
}

/* A NULL-terminated list as a JSON array (new reference). */
static json_t *
names(const char *const *list)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; list[i] != NULL; i++)
		json_array_append_new(arr, json_string(list[i]));
	return arr;
}

/* Sample values, for a preview, of what jobd and the notice fill in per
 * recipient or event (the case's own values come from the store). */
static void
add_samples(struct req *rq, json_t *vars, const char *code)
{
	if (json_object_get(vars, "name") == NULL)
		json_object_set_new(vars, "name", json_string("Nguyễn Văn A"));
	if (json_object_get(vars, "link") == NULL)
		json_object_set_new(vars, "link", json_sprintf("%s/staff.html"
		    "#case=%s", rq->app->conf.public_url, code));
	if (json_object_get(vars, "reporter_type") == NULL)
		json_object_set_new(vars, "reporter_type", json_string("cá "
		    "nhân"));
	if (json_object_get(vars, "template") == NULL)
		json_object_set_new(vars, "template", json_string("preview"));
	if (json_object_get(vars, "subject_tag") == NULL)
		json_object_set_new(vars, "subject_tag", json_sprintf("[PA-%s]",
		    code));
	if (json_object_get(vars, "subject") == NULL)
		json_object_set_new(vars, "subject", json_string("Ổ gà"));
	if (json_object_get(vars, "limit_mb") == NULL)
		json_object_set_new(vars, "limit_mb", json_string("20"));
}

/* The shipped text (trailing newlines dropped); *out malloc'd. 0 or -1. */
static int
read_default(struct req *rq, const char *channel, const char *name,
    const char *lang, char **out)
{
	char	path[512], *buf;
	FILE	*f;
	size_t	n;
	int	i;

	for (i = 0; channels[i] != NULL; i++)
		if (channel != NULL && strcmp(channels[i], channel) == 0)
			break;
	if (channels[i] == NULL || name == NULL || strspn(name,
	    "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(name) ||
	    name[0] == '\0' || (lang != NULL && strcmp(lang, "vi") != 0 &&
	    strcmp(lang, "en") != 0))
		return -1;
	/* Vietnamese is <name>.txt (sms, notice, facebook) or <name>.vi.txt
	 * (email) */
	snprintf(path, sizeof(path), "%s/%s/%s.%s.txt",
	    rq->app->conf.templates_dir, channel, name, lang ? lang : "vi");
	f = fopen(path, "r");
	if (f == NULL && (lang == NULL || strcmp(lang, "vi") == 0)) {
		snprintf(path, sizeof(path), "%s/%s/%s.txt",
		    rq->app->conf.templates_dir, channel, name);
		f = fopen(path, "r");
	}
	if (f == NULL)
		return -1;
	buf = malloc(TMPL_MAX);
	n = buf != NULL ? fread(buf, 1, TMPL_MAX - 1, f) : 0;
	fclose(f);
	if (buf == NULL)
		return -1;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	buf[n] = '\0';
	*out = buf;
	return 0;
}
