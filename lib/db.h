/*
 * db.h: the only interface to MariaDB. Prepared statements only: SQL text is
 * a static string with '?' placeholders, values travel as typed parameters.
 * Statements are prepared once per connection and cached by SQL pointer.
 */
#ifndef DB_H
#define DB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct db;
struct db_res;

enum db_type { DB_T_NULL, DB_T_I64, DB_T_DBL, DB_T_TEXT };

struct db_param {
	enum db_type	 type;
	int64_t		 i;
	double		 d;
	const char	*s;
	size_t		 len;
};

#define DB_I64(x)	{ .type = DB_T_I64, .i = (int64_t)(x) }
#define DB_DBL(x)	{ .type = DB_T_DBL, .d = (double)(x) }
#define DB_NULL		{ .type = DB_T_NULL }
/* A NULL pointer becomes SQL NULL. */
#define DB_TEXT(x)	{ .type = (x) != NULL ? DB_T_TEXT : DB_T_NULL, \
			  .s = (x), .len = (x) != NULL ? strlen(x) : 0 }
#define DB_BLOB(p, n)	{ .type = DB_T_TEXT, .s = (p), .len = (n) }
/* Optional id: 0 means NULL. */
#define DB_ID(x)	{ .type = (x) ? DB_T_I64 : DB_T_NULL, .i = (int64_t)(x) }

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* MariaDB error numbers callers act on. */
#define DB_ERR_DUPLICATE	1062
#define DB_ERR_LOCK_WAIT	1205
#define DB_ERR_DEADLOCK		1213

/*
 * Connects using an option file group ([client-phananh]): socket/host, user,
 * password, database. Sets utf8mb4, UTC session time zone, strict mode.
 * Returns a handle the caller frees with db_close(), or NULL (logged).
 */
struct db	*db_open(const char *defaults_file, const char *group);
void		 db_close(struct db *);

/* Runs a statement; params may be NULL when n is 0. 0 or -1 (logged). */
int		 db_exec(struct db *, const char *sql,
		    const struct db_param *params, size_t n);
/*
 * Runs a query and stores the whole result. *res is owned by the caller
 * (db_res_free). Returns 0 or -1.
 */
int		 db_query(struct db *, const char *sql,
		    const struct db_param *params, size_t n, struct db_res **res);
/*
 * Convenience: first column of the first row as int64. Returns 0 when a row
 * was found, 1 when there was none (or it was NULL), -1 on error.
 */
int		 db_query_i64(struct db *, const char *sql,
		    const struct db_param *params, size_t n, int64_t *out);

uint64_t	 db_insert_id(const struct db *);
uint64_t	 db_affected(const struct db *);

int		 db_begin(struct db *);
int		 db_commit(struct db *);
/* Safe to call without an open transaction. */
void		 db_rollback(struct db *);
int		 db_in_tx(const struct db *);

/* Runs a multi-statement SQL script (migrations). 0 or -1 (logged). */
int		 db_script(struct db *, const char *text);
/* 0 when the server answers. */
int		 db_ping(struct db *);

unsigned	 db_errno(const struct db *);
const char	*db_errmsg(const struct db *);
/* Quiet the log for an expected error (e.g. duplicates handled by caller). */
void		 db_expect_error(struct db *, unsigned err);

/* Result rows: iterate with db_res_next, read columns by index. */
size_t		 db_res_rows(const struct db_res *);
size_t		 db_res_cols(const struct db_res *);
/* Moves to the next row; 1 while a row is available, 0 at the end. */
int		 db_res_next(struct db_res *);
int		 db_res_isnull(const struct db_res *, size_t col);
/* Borrowed; valid until db_res_free. NULL column gives "". */
const char	*db_res_str(const struct db_res *, size_t col);
size_t		 db_res_len(const struct db_res *, size_t col);
int64_t		 db_res_i64(const struct db_res *, size_t col);
double		 db_res_dbl(const struct db_res *, size_t col);
void		 db_res_free(struct db_res *);

#endif
