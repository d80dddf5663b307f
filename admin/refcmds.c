/*
 * refcmds.c: the workspace's administrative operations on the command
 * line (parity with /api/v1/admin): "ref" (list/show/add/set objects),
 * "deactivate", "routing", "calendar", "template", "key" and "audit".
 * Every change is audited as actor "cli:<unix user>".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "admin.h"
#include "core/buf.h"
#include "crypto.h"
#include "db.h"
#include "store/admin.h"
#include "store/audit.h"

static int	print_json(json_t *);
static int	fail(const struct adm_err *);
static char	*slurp(const char *);
static const char *type_arg(const char *);

static const char *const types[] = { ADM_ORG, ADM_ORG_TYPE, ADM_USER,
    ADM_FIELD, ADM_GROUP, ADM_UNIT, ADM_CALENDAR, ADM_SETTING, ADM_REMINDER,
    ADM_ATTRIBUTE, ADM_FIELD_DEADLINE, NULL };

/* ref list TYPE | ref show TYPE ID | ref add TYPE JSON |
 * ref set TYPE ID JSON | ref delete TYPE ID */
int
cmd_ref(struct admin *a, int argc, char **argv)
{
	struct adm_who	 who;
	struct adm_err	 e;
	char		 name[128];
	const char	*t = argc > 2 ? type_arg(argv[2]) : NULL;
	json_t		*o = NULL, *in;
	int		 rc;

	admin_cli_who(&who, name, sizeof(name));
	if (t != NULL && argc == 3 && strcmp(argv[1], "list") == 0)
		return store_adm_list(a->db, t, NULL, &o) == -1 ? -1 :
		    print_json(o);
	if (t != NULL && argc == 4 && strcmp(argv[1], "show") == 0) {
		rc = store_adm_get(a->db, t, argv[3], &o);
		if (rc == 1)
			fprintf(stderr, "no %s %s\n", t, argv[3]);
		return rc == 0 ? print_json(o) : -1;
	}
	if (t != NULL && argc == 4 && strcmp(argv[1], "delete") == 0) {
		if (store_adm_delete(a->db, &who, t, argv[3], &e) == -1)
			return fail(&e);
		printf("%s %s deleted\n", t, argv[3]);
		return 0;
	}
	if (t == NULL || (argc != 4 && argc != 5) || (strcmp(argv[1], "add") &&
	    strcmp(argv[1], "set")) || (argc == 5) != (strcmp(argv[1], "set")
	    == 0)) {
		fprintf(stderr, "usage: ref list|show|add|set|delete TYPE [ID] "
		    "[JSON]\n  TYPE: org org_type user field group unit "
		    "calendar setting reminder_rule field_attribute "
		    "field_deadline\n  (users: use \"user add\" for passwords; "
		    "delete: reminder_rule, field_deadline)\n");
		return -1;
	}
	in = json_loads(argv[argc - 1], JSON_REJECT_DUPLICATES, NULL);
	rc = store_adm_save(a->db, &who, t, argc == 5 ? argv[3] : NULL, in,
	    argc == 4, &o, &e);
	json_decref(in);
	return rc == -1 ? fail(&e) : print_json(o);
}

/* deactivate user|org ID [REASON] */
int
cmd_deactivate(struct admin *a, int argc, char **argv)
{
	struct adm_who	 who;
	struct adm_err	 e;
	char		 name[128];
	json_t		*cases = NULL;
	int		 rc;

	if (argc < 3 || argc > 4 || (strcmp(argv[1], "user") != 0 &&
	    strcmp(argv[1], "org") != 0)) {
		fprintf(stderr, "usage: deactivate user|org ID [REASON]\n");
		return -1;
	}
	admin_cli_who(&who, name, sizeof(name));
	if (strcmp(argv[1], "user") == 0)
		rc = store_adm_user_deactivate(a->db, &who, argv[2], time(NULL),
		    argc == 4 ? argv[3] : NULL, &cases, &e);
	else
		rc = store_adm_org_deactivate(a->db, &who, argv[2],
		    argc == 4 ? argv[3] : NULL, &cases, &e);
	if (rc == -1)
		return fail(&e);
	printf("%s %s deactivated; open cases:\n", argv[1], argv[2]);
	return print_json(cases);
}

/* routing list | routing set FIELD UNIT|* LEAD [COORD,..] |
 * routing delete FIELD UNIT|* */
int
cmd_routing(struct admin *a, int argc, char **argv)
{
	struct adm_who	 who;
	struct adm_err	 e;
	char		 name[128], *s, *tok, *save = NULL;
	json_t		*rule, *o = NULL;
	const char	*unit = argc > 3 && strcmp(argv[3], "*") ? argv[3] : NULL;
	int		 rc;

	admin_cli_who(&who, name, sizeof(name));
	if (argc == 2 && strcmp(argv[1], "list") == 0)
		return store_adm_routing_list(a->db, &o) == -1 ? -1 :
		    print_json(o);
	if (argc == 4 && strcmp(argv[1], "delete") == 0)
		return store_adm_routing_delete(a->db, &who, argv[2], unit,
		    &e) == -1 ? fail(&e) : 0;
	if ((argc != 5 && argc != 6) || strcmp(argv[1], "set") != 0) {
		fprintf(stderr, "usage: routing list | routing set FIELD "
		    "UNIT|* LEAD [COORD,...] | routing delete FIELD UNIT|*\n");
		return -1;
	}
	rule = json_pack("{s:s, s:s?, s:s, s:[]}", "field", argv[2], "unit",
	    unit, "lead", argv[4], "coord");
	s = argc == 6 ? strdup(argv[5]) : NULL;
	for (tok = s ? strtok_r(s, ",", &save) : NULL; tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		json_array_append_new(json_object_get(rule, "coord"),
		    json_string(tok));
	free(s);
	rc = store_adm_routing_set(a->db, &who, rule, &o, &e);
	json_decref(rule);
	return rc == -1 ? fail(&e) : print_json(o);
}

/* calendar check FILE | calendar preview CODE FILE | calendar set CODE FILE */
int
cmd_calendar(struct admin *a, int argc, char **argv)
{
	struct adm_who	 who;
	struct adm_err	 e;
	char		 name[128], *body;
	json_t		*o = NULL, *patch;
	int		 rc = -1;

	if (!((argc == 3 && strcmp(argv[1], "check") == 0) || (argc == 4 &&
	    (strcmp(argv[1], "preview") == 0 || strcmp(argv[1], "set") == 0)))) {
		fprintf(stderr, "usage: calendar check FILE | calendar preview "
		    "CODE FILE | calendar set CODE FILE\n");
		return -1;
	}
	if ((body = slurp(argv[argc - 1])) == NULL)
		return -1;
	admin_cli_who(&who, name, sizeof(name));
	if (strcmp(argv[1], "check") == 0)
		rc = store_adm_calendar_check(body, &e);
	else if (strcmp(argv[1], "preview") == 0)
		rc = store_adm_calendar_preview(a->db, argv[2], body,
		    time(NULL), 50, &o, &e);
	else {
		patch = json_pack("{s:s}", "body", body);
		rc = store_adm_save(a->db, &who, ADM_CALENDAR, argv[2], patch, 0,
		    NULL, &e);
		json_decref(patch);
	}
	free(body);
	if (rc == -1)
		return fail(&e);
	if (o != NULL)
		return print_json(o);
	printf("%s: ok\n", argv[argc - 1]);
	return 0;
}

/* template list | template set CHANNEL NAME LANG FILE |
 * template reset CHANNEL NAME LANG */
int
cmd_template(struct admin *a, int argc, char **argv)
{
	struct adm_who	 who;
	struct adm_err	 e;
	char		 name[128], *body = NULL;
	json_t		*o = NULL;
	int		 rc;

	admin_cli_who(&who, name, sizeof(name));
	if (argc == 2 && strcmp(argv[1], "list") == 0)
		return store_adm_templates_list(a->db, &o) == -1 ? -1 :
		    print_json(o);
	if (!((argc == 6 && strcmp(argv[1], "set") == 0) || (argc == 5 &&
	    strcmp(argv[1], "reset") == 0))) {
		fprintf(stderr, "usage: template list | template set CHANNEL "
		    "NAME LANG FILE | template reset CHANNEL NAME LANG\n");
		return -1;
	}
	if (argc == 6 && (body = slurp(argv[5])) == NULL)
		return -1;
	if (body != NULL && strlen(body) > 0 && body[strlen(body) - 1] == '\n')
		body[strlen(body) - 1] = '\0';
	rc = store_adm_template_put(a->db, &who, argv[2], argv[3], argv[4],
	    body, &e);
	free(body);
	return rc == -1 ? fail(&e) : 0;
}

/* key list | key rotate PREFIX | key revoke PREFIX */
int
cmd_key(struct admin *a, int argc, char **argv)
{
	struct adm_who	 who;
	struct adm_err	 e;
	char		 name[128], tok[CRYPTO_TOKEN_LEN];
	char		 key[CRYPTO_TOKEN_LEN + 8], hash[CRYPTO_HEX_LEN], pre[9];
	json_t		*o = NULL;

	admin_cli_who(&who, name, sizeof(name));
	if (argc == 2 && strcmp(argv[1], "list") == 0)
		return store_adm_apikeys_list(a->db, &o) == -1 ? -1 :
		    print_json(o);
	if (argc == 3 && strcmp(argv[1], "revoke") == 0)
		return store_adm_apikey_revoke(a->db, &who, argv[2], &e) == -1 ?
		    fail(&e) : 0;
	if (argc != 3 || strcmp(argv[1], "rotate") != 0) {
		fprintf(stderr, "usage: key list | key rotate PREFIX | "
		    "key revoke PREFIX   (new keys: apikey add)\n");
		return -1;
	}
	crypto_token(tok);
	memcpy(pre, tok, 8);
	pre[8] = '\0';
	snprintf(key, sizeof(key), "pa_%s", tok);
	crypto_sha256_hex(key, strlen(key), hash);
	if (store_adm_apikey_create(a->db, &who, NULL, NULL, NULL, pre, hash,
	    argv[2], &e) == -1)
		return fail(&e);
	printf("api key (shown once, stored hashed): %s\n", key);
	return 0;
}

/* audit [csv] [TYPE [ID]] */
int
cmd_audit(struct admin *a, int argc, char **argv)
{
	struct audit_filter	 f;
	struct buf		 b;
	json_t			*o = NULL;
	int			 csv = argc > 1 && strcmp(argv[1], "csv") == 0;
	int			 rc;

	memset(&f, 0, sizeof(f));
	f.object_type = argc > 1 + csv ? argv[1 + csv] : NULL;
	f.object_id = argc > 2 + csv ? argv[2 + csv] : NULL;
	f.page_size = 1000;
	if (!csv)
		return store_audit_list(a->db, &f, &o) == -1 ? -1 :
		    print_json(o);
	buf_init(&b, 256u << 20);
	rc = store_audit_csv(a->db, &f, &b);
	if (rc == 0)
		fputs(buf_str(&b), stdout);
	buf_free(&b);
	return rc;
}

/* Prints and frees o. */
static int
print_json(json_t *o)
{
	int	rc = json_dumpf(o, stdout, JSON_INDENT(1));

	fputc('\n', stdout);
	json_decref(o);
	return rc;
}

static int
fail(const struct adm_err *e)
{
	fprintf(stderr, "refused (%d %s)%s%s: %s\n", e->status, e->code,
	    e->field[0] ? " " : "", e->field, e->msg);
	return -1;
}

/* The whole file, NUL-terminated (caller frees), or NULL. */
static char *
slurp(const char *path)
{
	struct buf	 b;
	char		 chunk[4096], *s = NULL;
	FILE		*fp = fopen(path, "r");
	size_t		 n;

	if (fp == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		return NULL;
	}
	buf_init(&b, 1 << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_append(&b, chunk, n) == -1)
			break;
	if (!ferror(fp) && feof(fp))
		s = strdup(buf_str(&b));
	fclose(fp);
	buf_free(&b);
	return s;
}

static const char *
type_arg(const char *s)
{
	size_t	i;

	for (i = 0; types[i] != NULL; i++)
		if (strcmp(types[i], s) == 0)
			return types[i];
	return NULL;
}
