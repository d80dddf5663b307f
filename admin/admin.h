/*
 * admin.h: phananh-admin's configuration and command table.
 */
#ifndef ADMIN_H
#define ADMIN_H

#include <stddef.h>

#include "core/conf.h"

struct db;

struct admin_conf {
	char	db_defaults_file[256];
	char	db_group[64];
	char	sql_dir[256];
	char	data_dir[256];
};

struct admin {
	struct admin_conf	 conf;
	struct db		*db;		/* NULL for doctor */
	const char		*conf_path;	/* admin.conf as loaded */
};

typedef int (*admin_cmd_fn)(struct admin *, int argc, char **argv);

struct admin_cmd {
	const char	*name;
	admin_cmd_fn	 fn;
	int		 needs_schema;	/* refuse on an older schema */
	const char	*usage;
};

extern const struct conf_key admin_conf_keys[];
extern const struct admin_cmd admin_cmds[];

/* migrate.c */
int	cmd_migrate(struct admin *, int, char **);
int	cmd_status(struct admin *, int, char **);
/* load.c */
int	cmd_load(struct admin *, int, char **);
/* tick.c */
int	cmd_tick(struct admin *, int, char **);
/* doctor.c: connects by itself, since a failing connection is a finding */
int	cmd_doctor(struct admin *, int, char **);
/* people.c */
int	cmd_org(struct admin *, int, char **);
int	cmd_user(struct admin *, int, char **);
int	cmd_apikey(struct admin *, int, char **);

/* refdata.c: reference data as one file; the CLI's audit actor */
struct adm_who;
void	admin_cli_who(struct adm_who *, char *buf, size_t sz);
int	cmd_export(struct admin *, int, char **);
int	cmd_import(struct admin *, int, char **);
/* refcmds.c: the workspace's operations (docs/admin.md) */
int	cmd_ref(struct admin *, int, char **);
int	cmd_deactivate(struct admin *, int, char **);
int	cmd_routing(struct admin *, int, char **);
int	cmd_calendar(struct admin *, int, char **);
int	cmd_template(struct admin *, int, char **);
int	cmd_key(struct admin *, int, char **);
int	cmd_audit(struct admin *, int, char **);

#endif
