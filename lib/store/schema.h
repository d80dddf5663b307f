/*
 * schema.h: the database's migration version versus the code's.
 */
#ifndef STORE_SCHEMA_H
#define STORE_SCHEMA_H

struct db;

/* MAX(version) of schema_migrations (0 when the table is missing). */
int	store_schema_version(struct db *, int *version);
/*
 * Startup check shared by every program: returns 0 when the database is at
 * least at PHANANH_SCHEMA_VERSION (warns when newer), -1 (logged) when older.
 */
int	store_schema_check(struct db *, int *version);

/* Records an applied migration. */
int	store_schema_record(struct db *, int version, const char *name);

#endif
