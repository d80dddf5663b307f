/*
 * refdata.c: "export FILE" and "import FILE": the whole reference data set
 * as one JSON file (the format "load" reads, extended: docs/admin.md).
 * Import goes through the same validated, audited store functions as the
 * web workspace, in one transaction, as actor "cli:<unix user>"; an
 * export imported into an empty database exports again to the same bytes.
 */
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "admin.h"
#include "core/buf.h"
#include "crypto.h"
#include "db.h"
#include "store/admin.h"

#define DUMP_FLAGS	JSON_INDENT(1)

static int	save(struct admin *, const struct adm_who *, const char *,
		    json_t *, const char *const *);
static int	section(struct admin *, const struct adm_who *, json_t *,
		    const char *, const char *const *);
static int	import_fields(struct admin *, const struct adm_who *, json_t *);
static int	import_users(struct admin *, const struct adm_who *, json_t *);
static int	import_calendars(struct admin *, const struct adm_who *,
		    json_t *, const char *);
static int	import_rest(struct admin *, const struct adm_who *, json_t *);
static int	import_rows(struct admin *, const struct adm_who *, json_t *,
		    const char *);
static int	import_all(struct admin *, const struct adm_who *, json_t *,
		    const char *);

static const char *const no_parent[] = { "parent", "focal_leader",
    "focal_officer", "successors", NULL };

void
admin_cli_who(struct adm_who *w, char *buf, size_t sz)
{
	struct passwd	*pw = getpwuid(geteuid());

	snprintf(buf, sz, "cli:%s", pw != NULL ? pw->pw_name : "unknown");
	memset(w, 0, sizeof(*w));
	w->actor.name = buf;
	w->sysadmin = 1;
}

int
cmd_export(struct admin *a, int argc, char **argv)
{
	json_t	*o = NULL;
	int	 rc;

	if (argc != 2) {
		fprintf(stderr, "usage: export FILE.json   (- = stdout)\n");
		return -1;
	}
	if (store_adm_export(a->db, &o) == -1)
		return -1;
	if (strcmp(argv[1], "-") == 0)
		rc = json_dumpf(o, stdout, DUMP_FLAGS);
	else
		rc = json_dump_file(o, argv[1], DUMP_FLAGS);
	if (rc == 0 && strcmp(argv[1], "-") == 0)
		fputc('\n', stdout);
	json_decref(o);
	if (rc == -1)
		fprintf(stderr, "%s: cannot write\n", argv[1]);
	return rc;
}

int
cmd_import(struct admin *a, int argc, char **argv)
{
	struct adm_who	 who;
	char		 name[128], *dir = NULL;
	json_t		*root;
	json_error_t	 je;
	int		 rc = -1;

	if (argc != 2) {
		fprintf(stderr, "usage: import FILE.json\n");
		return -1;
	}
	root = json_load_file(argv[1], JSON_REJECT_DUPLICATES, &je);
	if (root == NULL || !json_is_object(root)) {
		fprintf(stderr, "%s:%d:%d: %s\n", argv[1], je.line, je.column,
		    root == NULL ? je.text : "not a JSON object");
		json_decref(root);
		return -1;
	}
	admin_cli_who(&who, name, sizeof(name));
	who.import = 1;
	dir = strdup(argv[1]);
	if (dir == NULL || db_begin(a->db) == -1)
		goto out;
	if (import_all(a, &who, root, dirname(dir)) == -1 ||
	    db_commit(a->db) == -1)
		goto out;
	printf("imported %s\n", argv[1]);
	rc = 0;
out:
	db_rollback(a->db);
	json_decref(root);
	free(dir);
	return rc;
}

static int
import_all(struct admin *a, const struct adm_who *who, json_t *root,
    const char *dir)
{
	const char	*k;
	json_t		*v, *set = json_array();
	int		 rc;

	json_object_foreach(json_object_get(root, "settings"), k, v)
		json_array_append_new(set, json_pack("{s:s, s:O}", "name", k,
		    "value", v));
	rc = section(a, who, set, ADM_SETTING, NULL);
	json_decref(set);
	if (rc == -1 ||
	    section(a, who, json_object_get(root, "org_types"), ADM_ORG_TYPE,
	    NULL) == -1 ||
	    import_calendars(a, who, json_object_get(root, "calendars"),
	    dir) == -1 ||
	    section(a, who, json_object_get(root, "admin_units"), ADM_UNIT,
	    no_parent) == -1 ||
	    section(a, who, json_object_get(root, "admin_units"), ADM_UNIT,
	    NULL) == -1 ||
	    import_fields(a, who, json_object_get(root, "fields")) == -1 ||
	    section(a, who, json_object_get(root, "organisations"), ADM_ORG,
	    no_parent) == -1 ||
	    import_users(a, who, json_object_get(root, "users")) == -1 ||
	    section(a, who, json_object_get(root, "organisations"), ADM_ORG,
	    NULL) == -1)
		return -1;
	return import_rest(a, who, root);
}

/* Per-field deadlines, routing, Open311 attributes, reminder rules (the
 * file's set replaces the database's), template overrides, API keys. */
static int
import_rest(struct admin *a, const struct adm_who *who, json_t *root)
{
	struct adm_err	 e;
	json_t		*v;
	size_t		 i;

	if (import_rows(a, who, json_object_get(root, "field_deadlines"),
	    ADM_FIELD_DEADLINE) == -1 || import_rows(a, who,
	    json_object_get(root, "field_attributes"), ADM_ATTRIBUTE) == -1)
		return -1;
	if (json_object_get(root, "reminder_rules") != NULL &&
	    store_adm_reminders_replace(a->db, who, json_object_get(root,
	    "reminder_rules"), &e) == -1) {
		fprintf(stderr, "%s: %s\n", e.field, e.msg);
		return -1;
	}
	json_array_foreach(json_object_get(root, "routing"), i, v)
		if (store_adm_routing_set(a->db, who, v, NULL, &e) == -1) {
			fprintf(stderr, "routing[%zu]: %s %s\n", i, e.field,
			    e.msg);
			return -1;
		}
	json_array_foreach(json_object_get(root, "templates"), i, v)
		if (store_adm_template_put(a->db, who, json_string_value(
		    json_object_get(v, "channel")), json_string_value(
		    json_object_get(v, "name")), json_string_value(
		    json_object_get(v, "lang")), json_string_value(
		    json_object_get(v, "body")), &e) == -1) {
			fprintf(stderr, "templates[%zu]: %s\n", i, e.msg);
			return -1;
		}
	json_array_foreach(json_object_get(root, "api_keys"), i, v)
		if (store_adm_apikey_import(a->db, who, v, &e) == -1) {
			fprintf(stderr, "api_keys[%zu]: %s %s\n", i, e.field,
			    e.msg);
			return -1;
		}
	return 0;
}

/* Each object of arr created or updated by its natural key. */
static int
import_rows(struct admin *a, const struct adm_who *who, json_t *arr,
    const char *type)
{
	struct adm_err	 e;
	json_t		*v;
	size_t		 i;

	json_array_foreach(arr, i, v)
		if (store_adm_put(a->db, who, type, v, NULL, &e) == -1) {
			fprintf(stderr, "%s[%zu]: %s%s%s\n", type, i, e.field,
			    e.field[0] ? ": " : "", e.msg);
			return -1;
		}
	return 0;
}

/* Each object of arr saved (created or updated) without the keys in
 * skip (NULL-terminated; NULL = none). */
static int
section(struct admin *a, const struct adm_who *who, json_t *arr,
    const char *type, const char *const *skip)
{
	json_t	*o, *c;
	size_t	 i, j;
	int	 rc;

	json_array_foreach(arr, i, o) {
		c = json_deep_copy(o);
		for (j = 0; skip != NULL && skip[j] != NULL; j++)
			json_object_del(c, skip[j]);
		rc = save(a, who, type, c, NULL);
		json_decref(c);
		if (rc == -1) {
			fprintf(stderr, "  in %s[%zu]\n", type, i);
			return -1;
		}
	}
	return 0;
}

/* Creates or updates one object; drop lists keys load's format has that
 * are not object keys. */
static int
save(struct admin *a, const struct adm_who *who, const char *type, json_t *o,
    const char *const *drop)
{
	struct adm_err	 e;
	json_t		*cur = NULL;
	const char	*key = strcmp(type, ADM_USER) == 0 ? "username" :
	    strcmp(type, ADM_SETTING) == 0 ? "name" : "code";
	const char	*id = json_string_value(json_object_get(o, key));
	size_t		 j;
	int		 rc;

	for (j = 0; drop != NULL && drop[j] != NULL; j++)
		json_object_del(o, drop[j]);
	rc = id != NULL ? store_adm_get(a->db, type, id, &cur) : 1;
	json_decref(cur);
	if (rc == -1)
		return -1;
	if (store_adm_save(a->db, who, type, rc == 0 ? id : NULL, o, rc == 1,
	    NULL, &e) == -1) {
		fprintf(stderr, "%s %s: %s%s%s\n", type, id ? id : "?",
		    e.field, e.field[0] ? ": " : "", e.msg);
		return -1;
	}
	return 0;
}

static int
import_fields(struct admin *a, const struct adm_who *who, json_t *arr)
{
	static const char *const drop[] = { "groups", NULL };
	json_t	*f, *g, *c;
	size_t	 i, j;
	int	 rc;

	json_array_foreach(arr, i, f) {
		c = json_deep_copy(f);
		if (json_object_get(c, "sort") == NULL)	/* load: file order */
			json_object_set_new(c, "sort", json_integer((json_int_t)i));
		rc = save(a, who, ADM_FIELD, c, drop);
		json_decref(c);
		if (rc == -1)
			return -1;
		json_array_foreach(json_object_get(f, "groups"), j, g) {
			c = json_deep_copy(g);
			json_object_set(c, "field", json_object_get(f, "code"));
			rc = save(a, who, ADM_GROUP, c, NULL);
			json_decref(c);
			if (rc == -1)
				return -1;
		}
	}
	return 0;
}

/* "password_hash" (an export) or "password" (hashed here, as load). */
static int
import_users(struct admin *a, const struct adm_who *who, json_t *arr)
{
	struct adm_err	 e;
	json_t		*u, *c, *cur = NULL;
	const char	*id, *pw;
	char		 hash[CRYPTO_PWHASH_LEN];
	size_t		 i;
	int		 rc;

	json_array_foreach(arr, i, u) {
		id = json_string_value(json_object_get(u, "username"));
		pw = json_string_value(json_object_get(u, "password"));
		if (pw != NULL && crypto_pw_hash(pw, hash) == -1)
			return -1;
		c = json_deep_copy(u);
		json_object_del(c, "password");
		json_object_del(c, "password_hash");
		rc = id != NULL ? store_adm_get(a->db, ADM_USER, id, &cur) : 1;
		json_decref(cur);
		cur = NULL;
		if (rc != -1)
			rc = store_adm_save_user(a->db, who, rc == 0 ? id : NULL,
			    c, rc == 1, pw != NULL ? hash : json_string_value(
			    json_object_get(u, "password_hash")), NULL, &e);
		json_decref(c);
		if (rc == -1) {
			fprintf(stderr, "users[%zu] %s: %s %s\n", i, id ? id :
			    "?", e.field, e.msg);
			return -1;
		}
	}
	return 0;
}

/* "body" inline (an export) or "file" relative to the JSON file (load). */
static int
import_calendars(struct admin *a, const struct adm_who *who, json_t *arr,
    const char *dir)
{
	static const char *const drop[] = { "file", NULL };
	json_t		*o, *c;
	const char	*file;
	char		 path[1024], chunk[4096];
	struct buf	 body;
	FILE		*fp;
	size_t		 i, n;
	int		 rc = 0;

	buf_init(&body, 1 << 20);
	json_array_foreach(arr, i, o) {
		c = json_deep_copy(o);
		file = json_string_value(json_object_get(o, "file"));
		if (file != NULL && json_object_get(o, "body") == NULL) {
			snprintf(path, sizeof(path), "%s/%s", dir, file);
			if ((fp = fopen(path, "r")) == NULL) {
				fprintf(stderr, "calendar file %s: cannot "
				    "open\n", path);
				rc = -1;
			} else {
				buf_reset(&body);
				while ((n = fread(chunk, 1, sizeof(chunk),
				    fp)) > 0)
					buf_append(&body, chunk, n);
				fclose(fp);
				json_object_set_new(c, "body", json_string(
				    buf_str(&body)));
			}
		}
		if (rc == 0)
			rc = save(a, who, ADM_CALENDAR, c, drop);
		json_decref(c);
		if (rc == -1)
			break;
	}
	buf_free(&body);
	return rc;
}
