/*
 * migrate.c: "migrate" and "status": apply sql/migrations/NNN_*.sql in order,
 * forward-only, recording each in schema_migrations.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "core/buf.h"
#include "core/log.h"
#include "db.h"
#include "schema_version.h"
#include "store/schema.h"

#define MAX_MIGRATIONS	999

static int	list_files(const char *, char **);
static int	read_file(const char *, struct buf *);
static int	apply(struct admin *, int, const char *);
static void	free_names(char **);

int
cmd_migrate(struct admin *a, int argc, char **argv)
{
	char	*names[MAX_MIGRATIONS + 1] = { 0 };
	int	 cur, v, n, rc = -1, applied = 0;

	if (store_schema_version(a->db, &cur) == -1)
		goto out;
	n = list_files(a->conf.sql_dir, names);
	if (n == -1)
		goto out;
	for (v = 1; v <= n; v++) {
		if (names[v] == NULL) {
			fprintf(stderr, "migration %03d is missing in %s\n", v,
			    a->conf.sql_dir);
			goto out;
		}
		if (v <= cur)
			continue;
		if (apply(a, v, names[v]) == -1)
			goto out;
		applied++;
	}
	printf("schema version %d (%d applied)\n", n > cur ? n : cur, applied);
	rc = 0;
out:
	free_names(names);
	return rc;
}

int
cmd_status(struct admin *a, int argc, char **argv)
{
	int	v;

	if (store_schema_version(a->db, &v) == -1)
		return -1;
	printf("schema version %d (code %d)%s\n", v, PHANANH_SCHEMA_VERSION,
	    v < PHANANH_SCHEMA_VERSION ? ": migrate needed" : "");
	return v < PHANANH_SCHEMA_VERSION ? -1 : 0;
}

static int
apply(struct admin *a, int v, const char *name)
{
	char		path[512];
	struct buf	sql;
	int		rc = -1;

	buf_init(&sql, 16 << 20);
	snprintf(path, sizeof(path), "%s/%s", a->conf.sql_dir, name);
	if (read_file(path, &sql) == -1) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		goto out;
	}
	if (db_script(a->db, buf_str(&sql)) == -1) {
		fprintf(stderr, "%s failed: %s\n", name, db_errmsg(a->db));
		goto out;
	}
	if (store_schema_record(a->db, v, name) == -1)
		goto out;
	printf("applied %s\n", name);
	rc = 0;
out:
	buf_free(&sql);
	return rc;
}

/* names[v] = "NNN_x.sql" for every v; returns the highest v or -1. */
static int
list_files(const char *dir, char **names)
{
	DIR		*d;
	struct dirent	*e;
	int		 v, hi = 0;
	size_t		 len;

	d = opendir(dir);
	if (d == NULL) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 9 || strcmp(e->d_name + len - 4, ".sql") != 0 ||
		    sscanf(e->d_name, "%3d_", &v) != 1 || e->d_name[3] != '_' ||
		    v < 1 || v > MAX_MIGRATIONS)
			continue;
		if (names[v] != NULL) {
			fprintf(stderr, "two migrations numbered %03d\n", v);
			closedir(d);
			return -1;
		}
		names[v] = strdup(e->d_name);
		hi = v > hi ? v : hi;
	}
	closedir(d);
	return hi;
}

static int
read_file(const char *path, struct buf *b)
{
	FILE	*fp;
	char	 chunk[8192];
	size_t	 n;
	int	 rc = 0;

	fp = fopen(path, "r");
	if (fp == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_append(b, chunk, n) == -1) {
			rc = -1;
			break;
		}
	fclose(fp);
	return rc;
}

static void
free_names(char **names)
{
	int	i;

	for (i = 0; i <= MAX_MIGRATIONS; i++)
		free(names[i]);
}
