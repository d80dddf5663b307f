/*
 * load.c: "load FILE": reference data from one JSON file (docs/reference-data.md).
 * Every section is an upsert by code, so a second load is harmless.
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "admin.h"
#include "core/buf.h"
#include "crypto.h"
#include "db.h"
#include "store/open311.h"
#include "store/ref.h"

static int	load_settings(struct admin *, json_t *);
static int	load_simple(struct admin *, json_t *, const char *);
static int	load_fields(struct admin *, json_t *);
static int	load_orgs(struct admin *, json_t *);
static int	load_routing(struct admin *, json_t *);
static int	load_users(struct admin *, json_t *);
static int	load_focal(struct admin *, json_t *);
static int	load_calendars(struct admin *, json_t *, const char *);
static char	*csv_of(json_t *);
static const char *js(json_t *, const char *);

int
cmd_load(struct admin *a, int argc, char **argv)
{
	json_t		*root = NULL;
	json_error_t	 je;
	char		*dir = NULL;
	int		 rc = -1;

	if (argc != 2) {
		fprintf(stderr, "usage: load FILE.json\n");
		return -1;
	}
	root = json_load_file(argv[1], JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		fprintf(stderr, "%s:%d:%d: %s\n", argv[1], je.line, je.column,
		    je.text);
		goto out;
	}
	dir = strdup(argv[1]);
	if (dir == NULL || db_begin(a->db) == -1)
		goto out;
	if (load_settings(a, json_object_get(root, "settings")) == -1 ||
	    load_simple(a, json_object_get(root, "org_types"), "org_types") ||
	    load_calendars(a, json_object_get(root, "calendars"),
	    dirname(dir)) == -1 ||
	    load_simple(a, json_object_get(root, "admin_units"), "units") ||
	    load_fields(a, json_object_get(root, "fields")) == -1 ||
	    load_orgs(a, json_object_get(root, "organisations")) == -1 ||
	    load_routing(a, json_object_get(root, "routing")) == -1 ||
	    load_users(a, json_object_get(root, "users")) == -1 ||
	    load_focal(a, json_object_get(root, "organisations")) == -1 ||
	    (json_object_get(root, "field_attributes") != NULL &&
	    store_o311_attrs_load(a->db, json_object_get(root,
	    "field_attributes")) == -1))
		goto out;
	if (db_commit(a->db) == -1)
		goto out;
	printf("loaded %s\n", argv[1]);
	rc = 0;
out:
	db_rollback(a->db);
	json_decref(root);
	free(dir);
	return rc;
}

static const char *
js(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int
load_settings(struct admin *a, json_t *s)
{
	const char	*k;
	json_t		*v;

	json_object_foreach(s, k, v) {
		if (!json_is_string(v) ||
		    store_setting_set(a->db, k, json_string_value(v)) == -1)
			return -1;
	}
	return 0;
}

static int
load_simple(struct admin *a, json_t *arr, const char *what)
{
	size_t	 i;
	json_t	*o;
	int	 rc;

	json_array_foreach(arr, i, o) {
		if (strcmp(what, "org_types") == 0)
			rc = store_org_type_upsert(a->db, js(o, "code"),
			    js(o, "name_vi"), js(o, "name_en") ? js(o,
			    "name_en") : "");
		else
			rc = store_unit_upsert(a->db, js(o, "code"),
			    js(o, "name"), js(o, "level"), js(o, "parent"));
		if (rc == -1) {
			fprintf(stderr, "%s[%zu] refused\n", what, i);
			return -1;
		}
	}
	return 0;
}

static int
load_calendars(struct admin *a, json_t *arr, const char *dir)
{
	size_t		 i, n;
	json_t		*o;
	char		 path[512], chunk[4096];
	struct buf	 body;
	FILE		*fp;
	int		 rc = -1;

	buf_init(&body, 1 << 20);
	json_array_foreach(arr, i, o) {
		snprintf(path, sizeof(path), "%s/%s", dir, js(o, "file") ?
		    js(o, "file") : "");
		fp = fopen(path, "r");
		if (fp == NULL) {
			fprintf(stderr, "calendar file %s: cannot open\n", path);
			goto out;
		}
		buf_reset(&body);
		while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_append(&body, chunk, n);
		fclose(fp);
		if (store_calendar_upsert(a->db, js(o, "code"), js(o, "name"),
		    buf_str(&body)) == -1)
			goto out;
	}
	rc = 0;
out:
	buf_free(&body);
	return rc;
}

static int
load_fields(struct admin *a, json_t *arr)
{
	size_t	 i, j;
	json_t	*f, *g;

	json_array_foreach(arr, i, f) {
		if (store_field_upsert(a->db, js(f, "code"), js(f, "name_vi"),
		    js(f, "name_en") ? js(f, "name_en") : "",
		    js(f, "keywords") ? js(f, "keywords") : "", (int)i) == -1)
			return -1;
		json_array_foreach(json_object_get(f, "groups"), j, g) {
			if (store_group_upsert(a->db, js(f, "code"),
			    js(g, "code"), js(g, "name_vi"), js(g, "name_en") ?
			    js(g, "name_en") : "") == -1)
				return -1;
		}
	}
	return 0;
}

static int
load_orgs(struct admin *a, json_t *arr)
{
	size_t		 i;
	json_t		*o, *pm;
	struct org_in	 in;

	json_array_foreach(arr, i, o) {
		memset(&in, 0, sizeof(in));
		in.code = js(o, "code");
		in.name = js(o, "name");
		in.short_name = js(o, "short_name");
		in.type_code = js(o, "type");
		in.parent_code = js(o, "parent");
		in.calendar_code = js(o, "calendar");
		in.email = js(o, "email");
		in.superior_line = js(o, "superior_line");
		in.signer_title = js(o, "signer_title");
		in.is_center = json_is_true(json_object_get(o, "is_center"));
		pm = json_object_get(o, "process_minutes");
		in.process_minutes = json_is_integer(pm) ?
		    (int)json_integer_value(pm) : 2880;
		if (in.process_minutes < 60 || in.process_minutes > 2880) {
			fprintf(stderr, "%s: process_minutes must be within "
			    "60..2880 (6 working days)\n", in.code);
			return -1;
		}
		if (in.code == NULL || in.name == NULL ||
		    store_org_upsert(a->db, &in) == -1)
			return -1;
	}
	return 0;
}

static int
load_routing(struct admin *a, json_t *arr)
{
	size_t	 i;
	json_t	*r;
	char	*coord;
	int	 rc;

	json_array_foreach(arr, i, r) {
		coord = csv_of(json_object_get(r, "coord"));
		rc = store_routing_set(a->db, js(r, "field"), js(r, "unit"),
		    js(r, "lead"), coord);
		free(coord);
		if (rc == -1)
			return -1;
	}
	return 0;
}

static int
load_users(struct admin *a, json_t *arr)
{
	size_t		 i;
	json_t		*u;
	struct user_in	 in;
	char		 hash[CRYPTO_PWHASH_LEN], *roles;
	int		 rc;

	json_array_foreach(arr, i, u) {
		memset(&in, 0, sizeof(in));
		if (js(u, "password") == NULL ||
		    crypto_pw_hash(js(u, "password"), hash) == -1)
			return -1;
		roles = csv_of(json_object_get(u, "roles"));
		in.username = js(u, "username");
		in.display_name = js(u, "display_name");
		in.pw_hash = hash;
		in.org_code = js(u, "org");
		in.roles = roles;
		in.phone = js(u, "phone");
		in.email = js(u, "email");
		in.sms_plain = json_is_true(json_object_get(u, "sms_plain"));
		rc = store_user_upsert(a->db, &in);
		free(roles);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/* Focal leader/officer (REG 14.1) name users, so they load after users. */
static int
load_focal(struct admin *a, json_t *arr)
{
	size_t	 i;
	json_t	*o;

	json_array_foreach(arr, i, o) {
		if (js(o, "focal_leader") == NULL &&
		    js(o, "focal_officer") == NULL)
			continue;
		if (store_org_focal(a->db, js(o, "code"), js(o,
		    "focal_leader"), js(o, "focal_officer"),
		    js(o, "focal_doc")) == -1)
			return -1;
	}
	return 0;
}

/* ["a","b"] -> "a,b" (caller frees). */
static char *
csv_of(json_t *arr)
{
	struct buf	 b;
	size_t		 i;
	json_t		*v;
	char		*s;

	buf_init(&b, 4096);
	json_array_foreach(arr, i, v) {
		if (i > 0)
			buf_puts(&b, ",");
		buf_puts(&b, json_string_value(v) ? json_string_value(v) : "");
	}
	s = strdup(buf_str(&b));
	buf_free(&b);
	return s;
}
