/*
 * main.c: phananh-admin: the command line for operators: migrations,
 * organisations, users, API keys, reference data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "core/log.h"
#include "crypto.h"
#include "db.h"
#include "store/schema.h"

#define OFF(f)	CONF_OFF(struct admin_conf, f)
#define SZ(f)	sizeof(((struct admin_conf *)0)->f)

const struct conf_key admin_conf_keys[] = {
	{ "db_defaults_file", CONF_STR, OFF(db_defaults_file),
	    .def_s = "/etc/phananh/my.cnf", .strsz = SZ(db_defaults_file) },
	{ "db_group", CONF_STR, OFF(db_group), .def_s = "client-phananh",
	    .strsz = SZ(db_group) },
	{ "sql_dir", CONF_STR, OFF(sql_dir),
	    .def_s = "/usr/share/phananh/sql/migrations", .strsz = SZ(sql_dir) },
	{ "data_dir", CONF_STR, OFF(data_dir),
	    .def_s = "/usr/share/phananh/data", .strsz = SZ(data_dir) },
	{ NULL }
};

const struct admin_cmd admin_cmds[] = {
	{ "migrate", cmd_migrate, 0, "migrate" },
	{ "status", cmd_status, 0, "status" },
	{ "load", cmd_load, 1, "load FILE.json        reference data (upsert by code)" },
	{ "org", cmd_org, 1, "org add CODE NAME TYPE [PARENT] | org list" },
	{ "user", cmd_user, 1, "user add USERNAME NAME ORG ROLES [PHONE] [EMAIL] | user list" },
	{ "tick", cmd_tick, 1, "tick [EPOCH]          run the system transitions once" },
	{ "apikey", cmd_apikey, 1, "apikey add ORG open311|sync NAME" },
	/* refdata.c, refcmds.c: administration (docs/admin.md) */
	{ "export", cmd_export, 1, "export FILE.json      the whole reference data set" },
	{ "import", cmd_import, 1, "import FILE.json      the same, validated and audited" },
	{ "ref", cmd_ref, 1, "ref list|show|add|set|delete TYPE [ID] [JSON]" },
	{ "deactivate", cmd_deactivate, 1, "deactivate user|org ID [REASON]" },
	{ "routing", cmd_routing, 1, "routing list|set|delete ..." },
	{ "calendar", cmd_calendar, 1, "calendar check FILE | preview CODE FILE | set CODE FILE" },
	{ "template", cmd_template, 1, "template list | set CHANNEL NAME LANG FILE | reset ..." },
	{ "key", cmd_key, 1, "key list | rotate PREFIX | revoke PREFIX" },
	{ "audit", cmd_audit, 1, "audit [csv] [TYPE [ID]]" },
	{ "doctor", cmd_doctor, 0, "doctor [-f fcgi.conf] [-s smsd.conf] [-j jobd.conf] "
	    "[-a SECONDS]\n                        check configuration, database, "
	    "daemons, disk" },
	{ NULL, NULL, 0, NULL }
};

static void	usage(void) __attribute__((noreturn));

int
main(int argc, char **argv)
{
	struct admin		 a;
	const struct admin_cmd	*c;
	const char		*path = "/etc/phananh/admin.conf";
	char			 err[512];
	int			 ch, v, rc;

	memset(&a, 0, sizeof(a));
	while ((ch = getopt(argc, argv, "+c:h")) != -1) {
		if (ch == 'c')
			path = optarg;
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	log_init("phananh-admin", LOG_WARN);
	if (crypto_init() == -1)
		fatal("libsodium failed to initialise");
	for (c = admin_cmds; c->name != NULL; c++)
		if (strcmp(c->name, argv[0]) == 0)
			break;
	if (c->name == NULL) {
		fprintf(stderr, "phananh-admin: unknown command '%s'\n",
		    argv[0]);
		usage();
	}
	if (conf_load(admin_conf_keys, &a.conf, path, err, sizeof(err)) == -1)
		fatal("%s", err);
	a.conf_path = path;
	if (c->fn == cmd_doctor)
		return c->fn(&a, argc, argv) == 0 ? 0 : 1;
	a.db = db_open(a.conf.db_defaults_file, a.conf.db_group);
	if (a.db == NULL)
		fatal("cannot connect to the database");
	if (c->needs_schema && store_schema_check(a.db, &v) == -1)
		fatal("run 'phananh-admin migrate' first");
	rc = c->fn(&a, argc, argv);
	db_close(a.db);
	return rc == 0 ? 0 : 1;
}

static void
usage(void)
{
	const struct admin_cmd	*c;

	fprintf(stderr, "usage: phananh-admin [-c config] command [args]\n"
	    "commands:\n");
	for (c = admin_cmds; c->name != NULL; c++)
		fprintf(stderr, "  %s\n", c->usage);
	exit(2);
}
