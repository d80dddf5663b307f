/*
 * schema.c: reads the applied migration version.
 */
#include <stdint.h>

#include "core/log.h"
#include "db.h"
#include "schema_version.h"
#include "store/schema.h"

static const char SQL_HAS_TABLE[] =
    "SELECT COUNT(*) FROM information_schema.tables"
    " WHERE table_schema = DATABASE() AND table_name = 'schema_migrations'";
static const char SQL_VERSION[] =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";

static const char SQL_RECORD[] =
    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)";

int
store_schema_record(struct db *db, int version, const char *name)
{
	const struct db_param p[] = { DB_I64(version), DB_TEXT(name) };

	return db_exec(db, SQL_RECORD, p, NITEMS(p));
}

int
store_schema_version(struct db *db, int *version)
{
	int64_t	n = 0;

	*version = 0;
	if (db_query_i64(db, SQL_HAS_TABLE, NULL, 0, &n) == -1)
		return -1;
	if (n == 0)
		return 0;
	if (db_query_i64(db, SQL_VERSION, NULL, 0, &n) == -1)
		return -1;
	*version = (int)n;
	return 0;
}

int
store_schema_check(struct db *db, int *version)
{
	if (store_schema_version(db, version) == -1)
		return -1;
	if (*version < PHANANH_SCHEMA_VERSION) {
		log_err(NULL, "database schema %d is older than this program's "
		    "%d: run phananh-admin migrate", *version,
		    PHANANH_SCHEMA_VERSION);
		return -1;
	}
	if (*version > PHANANH_SCHEMA_VERSION)
		log_warn(NULL, "database schema %d is newer than this "
		    "program's %d", *version, PHANANH_SCHEMA_VERSION);
	return 0;
}
