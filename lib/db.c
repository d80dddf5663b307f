/*
 * db.c: MariaDB Connector/C wrapper. The only file that includes mysql.h.
 * It translates the C API's conventions into 0/-1 and logs the server error
 * once, here. Explicit reconnect: never MYSQL_OPT_RECONNECT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <errmsg.h>

#include "core/log.h"
#include "db.h"

#define STMT_SLOTS	512

struct slot {
	const char	*sql;
	MYSQL_STMT	*st;
};

struct db {
	MYSQL		*my;
	char		*defaults_file;
	char		*group;
	struct slot	 cache[STMT_SLOTS];
	unsigned	 err;
	char		 errmsg[512];
	unsigned	 quiet_err;
	uint64_t	 insert_id;
	uint64_t	 affected;
	int		 in_tx;
};

struct cell {
	char	*p;
	size_t	 len;
	int	 null;
};

struct db_res {
	size_t		 ncols;
	size_t		 nrows;
	size_t		 cur;		/* 1-based after the first next() */
	struct cell	*cells;		/* nrows * ncols */
};

static int		 connect_db(struct db *);
static void		 cache_clear(struct db *);
static MYSQL_STMT	*prepare(struct db *, const char *);
static int		 run(struct db *, const char *, const struct db_param *,
			    size_t, struct db_res **);
static int		 run_once(struct db *, const char *,
			    const struct db_param *, size_t, struct db_res **);
static int		 bind_params(MYSQL_STMT *, const struct db_param *,
			    size_t);
static int		 fetch_all(MYSQL_STMT *, struct db_res **);
static int		 fetch_row(MYSQL_STMT *, MYSQL_BIND *, unsigned long *,
			    my_bool *, my_bool *, struct cell *, size_t);
static void		 set_err_my(struct db *, const char *);
static void		 set_err_st(struct db *, MYSQL_STMT *, const char *);
static int		 is_gone(unsigned);

struct db *
db_open(const char *defaults_file, const char *group)
{
	struct db	*db;

	db = calloc(1, sizeof(*db));
	if (db == NULL)
		return NULL;
	db->defaults_file = strdup(defaults_file);
	db->group = strdup(group);
	if (db->defaults_file == NULL || db->group == NULL ||
	    connect_db(db) == -1) {
		db_close(db);
		return NULL;
	}
	return db;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	cache_clear(db);
	if (db->my != NULL)
		mysql_close(db->my);
	free(db->defaults_file);
	free(db->group);
	free(db);
}

int
db_exec(struct db *db, const char *sql, const struct db_param *p, size_t n)
{
	return run(db, sql, p, n, NULL);
}

int
db_query(struct db *db, const char *sql, const struct db_param *p, size_t n,
    struct db_res **res)
{
	*res = NULL;
	return run(db, sql, p, n, res);
}

int
db_query_i64(struct db *db, const char *sql, const struct db_param *p,
    size_t n, int64_t *out)
{
	struct db_res	*res = NULL;
	int		 rc = -1;

	if (db_query(db, sql, p, n, &res) == -1)
		goto out;
	rc = 1;
	if (db_res_next(res) && !db_res_isnull(res, 0)) {
		*out = db_res_i64(res, 0);
		rc = 0;
	}
out:
	db_res_free(res);
	return rc;
}

uint64_t
db_insert_id(const struct db *db)
{
	return db->insert_id;
}

uint64_t
db_affected(const struct db *db)
{
	return db->affected;
}

int
db_begin(struct db *db)
{
	if (mysql_query(db->my, "START TRANSACTION") != 0) {
		set_err_my(db, "begin");
		if (is_gone(db->err) && connect_db(db) == 0 &&
		    mysql_query(db->my, "START TRANSACTION") == 0)
			goto ok;
		return -1;
	}
ok:
	db->in_tx = 1;
	return 0;
}

int
db_commit(struct db *db)
{
	db->in_tx = 0;
	if (mysql_commit(db->my) != 0) {
		set_err_my(db, "commit");
		return -1;
	}
	return 0;
}

void
db_rollback(struct db *db)
{
	if (!db->in_tx)
		return;
	db->in_tx = 0;
	if (mysql_rollback(db->my) != 0)
		set_err_my(db, "rollback");
}

int
db_in_tx(const struct db *db)
{
	return db->in_tx;
}

int
db_script(struct db *db, const char *text)
{
	MYSQL_RES	*r;
	int		 st, rc = -1;

	if (mysql_set_server_option(db->my, MYSQL_OPTION_MULTI_STATEMENTS_ON)) {
		set_err_my(db, "multi-statements on");
		return -1;
	}
	st = mysql_real_query(db->my, text, (unsigned long)strlen(text));
	for (;;) {
		if (st != 0) {
			set_err_my(db, "script");
			goto out;
		}
		r = mysql_store_result(db->my);
		if (r != NULL)
			mysql_free_result(r);
		st = mysql_next_result(db->my);
		if (st == -1)
			break;
		if (st > 0)
			continue;	/* reported at the top of the loop */
	}
	rc = 0;
out:
	while (mysql_next_result(db->my) == 0)
		;
	mysql_set_server_option(db->my, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
	return rc;
}

int
db_ping(struct db *db)
{
	if (mysql_ping(db->my) != 0) {
		set_err_my(db, "ping");
		if (!is_gone(db->err) || connect_db(db) == -1)
			return -1;
	}
	return 0;
}

unsigned
db_errno(const struct db *db)
{
	return db->err;
}

const char *
db_errmsg(const struct db *db)
{
	return db->errmsg;
}

void
db_expect_error(struct db *db, unsigned err)
{
	db->quiet_err = err;
}

size_t
db_res_rows(const struct db_res *r)
{
	return r->nrows;
}

size_t
db_res_cols(const struct db_res *r)
{
	return r->ncols;
}

int
db_res_next(struct db_res *r)
{
	if (r == NULL || r->cur >= r->nrows)
		return 0;
	r->cur++;
	return 1;
}

static const struct cell *
cell_at(const struct db_res *r, size_t col)
{
	if (r->cur == 0 || col >= r->ncols)
		return NULL;
	return &r->cells[(r->cur - 1) * r->ncols + col];
}

int
db_res_isnull(const struct db_res *r, size_t col)
{
	const struct cell	*c = cell_at(r, col);

	return c == NULL || c->null;
}

const char *
db_res_str(const struct db_res *r, size_t col)
{
	const struct cell	*c = cell_at(r, col);

	return c == NULL || c->null ? "" : c->p;
}

size_t
db_res_len(const struct db_res *r, size_t col)
{
	const struct cell	*c = cell_at(r, col);

	return c == NULL || c->null ? 0 : c->len;
}

int64_t
db_res_i64(const struct db_res *r, size_t col)
{
	return strtoll(db_res_str(r, col), NULL, 10);
}

double
db_res_dbl(const struct db_res *r, size_t col)
{
	return strtod(db_res_str(r, col), NULL);
}

void
db_res_free(struct db_res *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrows * r->ncols; i++)
		free(r->cells[i].p);
	free(r->cells);
	free(r);
}

static int
connect_db(struct db *db)
{
	static const char	 init[] = "SET time_zone = '+00:00', "
	    "sql_mode = 'STRICT_TRANS_TABLES,NO_ZERO_DATE,NO_ENGINE_SUBSTITUTION'";

	cache_clear(db);
	if (db->my != NULL)
		mysql_close(db->my);
	db->my = mysql_init(NULL);
	if (db->my == NULL)
		return -1;
	mysql_optionsv(db->my, MYSQL_READ_DEFAULT_FILE, db->defaults_file);
	mysql_optionsv(db->my, MYSQL_READ_DEFAULT_GROUP, db->group);
	mysql_optionsv(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(db->my, MYSQL_INIT_COMMAND, init);
	/* FOUND_ROWS: an UPDATE reports rows matched, not rows changed. */
	if (mysql_real_connect(db->my, NULL, NULL, NULL, NULL, 0, NULL,
	    CLIENT_FOUND_ROWS) == NULL) {
		set_err_my(db, "connect");
		return -1;
	}
	db->in_tx = 0;
	return 0;
}

static void
cache_clear(struct db *db)
{
	size_t	i;

	for (i = 0; i < STMT_SLOTS; i++) {
		if (db->cache[i].st != NULL)
			mysql_stmt_close(db->cache[i].st);
		db->cache[i].st = NULL;
		db->cache[i].sql = NULL;
	}
}

static MYSQL_STMT *
prepare(struct db *db, const char *sql)
{
	size_t		 h = ((uintptr_t)sql >> 3) % STMT_SLOTS, i;
	MYSQL_STMT	*st;

	for (i = 0; i < STMT_SLOTS; i++) {
		struct slot *s = &db->cache[(h + i) % STMT_SLOTS];

		if (s->sql == sql)
			return s->st;
		if (s->sql != NULL)
			continue;
		st = mysql_stmt_init(db->my);
		if (st == NULL)
			return NULL;
		if (mysql_stmt_prepare(st, sql, (unsigned long)strlen(sql))) {
			set_err_st(db, st, sql);
			mysql_stmt_close(st);
			return NULL;
		}
		s->sql = sql;
		s->st = st;
		return st;
	}
	log_err(NULL, "db: statement cache full");
	return NULL;
}

static int
run(struct db *db, const char *sql, const struct db_param *p, size_t n,
    struct db_res **res)
{
	int	rc;

	rc = run_once(db, sql, p, n, res);
	if (rc == 0 || !is_gone(db->err) || db->in_tx)
		return rc;
	/* Server gone outside a transaction: reconnect; retry reads only. */
	if (connect_db(db) == -1)
		return -1;
	if (strncmp(sql, "SELECT", 6) != 0)
		return -1;
	return run_once(db, sql, p, n, res);
}

static int
run_once(struct db *db, const char *sql, const struct db_param *p, size_t n,
    struct db_res **res)
{
	MYSQL_STMT	*st;

	db->err = 0;
	db->errmsg[0] = '\0';
	st = prepare(db, sql);
	if (st == NULL)
		return -1;
	if (mysql_stmt_param_count(st) != n) {
		log_err(NULL, "db: statement wants %lu params, got %zu: %.80s",
		    mysql_stmt_param_count(st), n, sql);
		db->err = 1;
		return -1;
	}
	if (bind_params(st, p, n) == -1 || mysql_stmt_execute(st) != 0) {
		set_err_st(db, st, sql);
		mysql_stmt_reset(st);
		return -1;
	}
	db->affected = mysql_stmt_affected_rows(st);
	db->insert_id = mysql_stmt_insert_id(st);
	if (res != NULL && fetch_all(st, res) == -1) {
		set_err_st(db, st, sql);
		mysql_stmt_free_result(st);
		return -1;
	}
	mysql_stmt_free_result(st);
	return 0;
}

static int
bind_params(MYSQL_STMT *st, const struct db_param *p, size_t n)
{
	MYSQL_BIND	b[64];
	size_t		i;

	if (n > NITEMS(b))
		return -1;
	memset(b, 0, sizeof(b[0]) * n);
	for (i = 0; i < n; i++) {
		switch (p[i].type) {
		case DB_T_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DB_T_I64:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)(uintptr_t)&p[i].i;
			break;
		case DB_T_DBL:
			b[i].buffer_type = MYSQL_TYPE_DOUBLE;
			b[i].buffer = (void *)(uintptr_t)&p[i].d;
			break;
		case DB_T_TEXT:
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)(uintptr_t)p[i].s;
			b[i].buffer_length = (unsigned long)p[i].len;
			b[i].length_value = (unsigned long)p[i].len;
			break;
		}
	}
	return n == 0 ? 0 : (mysql_stmt_bind_param(st, b) ? -1 : 0);
}

static int
fetch_all(MYSQL_STMT *st, struct db_res **out)
{
	MYSQL_RES	*meta = NULL;
	MYSQL_BIND	*b = NULL;
	unsigned long	*len = NULL;
	my_bool		*nul = NULL, *trunc = NULL, on = 1;
	struct db_res	*r = NULL;
	size_t		 nc, i;
	int		 rc = -1, f;

	r = calloc(1, sizeof(*r));
	if (r == NULL)
		goto out;
	meta = mysql_stmt_result_metadata(st);
	if (meta == NULL) {
		rc = 0;			/* statement without a result set */
		goto out;
	}
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	if (mysql_stmt_store_result(st) != 0)
		goto out;
	nc = r->ncols = mysql_num_fields(meta);
	r->nrows = (size_t)mysql_stmt_num_rows(st);
	b = calloc(nc, sizeof(*b));
	len = calloc(nc, sizeof(*len));
	nul = calloc(nc, sizeof(*nul));
	trunc = calloc(nc, sizeof(*trunc));
	r->cells = calloc(r->nrows * nc + 1, sizeof(*r->cells));
	if (b == NULL || len == NULL || nul == NULL || trunc == NULL ||
	    r->cells == NULL)
		goto out;
	for (i = 0; i < nc; i++) {
		MYSQL_FIELD	*fd = mysql_fetch_field_direct(meta, (unsigned)i);

		b[i].buffer_type = MYSQL_TYPE_STRING;
		b[i].buffer_length = (fd->max_length > 64 ? fd->max_length :
		    64) + 1;
		b[i].length = &len[i];
		b[i].is_null = &nul[i];
		b[i].error = &trunc[i];
	}
	for (i = 0; i < r->nrows; i++) {
		f = fetch_row(st, b, len, nul, trunc, &r->cells[i * nc], nc);
		if (f == -1)
			goto out;
	}
	rc = 0;
out:
	if (meta != NULL)
		mysql_free_result(meta);
	free(b);
	free(len);
	free(nul);
	free(trunc);
	if (rc == 0)
		*out = r;
	else
		db_res_free(r);
	return rc;
}

static int
fetch_row(MYSQL_STMT *st, MYSQL_BIND *b, unsigned long *len, my_bool *nul,
    my_bool *trunc, struct cell *row, size_t nc)
{
	size_t	i;
	int	f;

	for (i = 0; i < nc; i++) {
		row[i].p = malloc(b[i].buffer_length);
		if (row[i].p == NULL)
			return -1;
		b[i].buffer = row[i].p;
	}
	if (mysql_stmt_bind_result(st, b) != 0)
		return -1;
	f = mysql_stmt_fetch(st);
	if (f == 1 || f == MYSQL_NO_DATA)
		return -1;
	for (i = 0; i < nc; i++) {
		row[i].null = nul[i];
		if (f == MYSQL_DATA_TRUNCATED && trunc[i] && !nul[i]) {
			char *p = realloc(row[i].p, len[i] + 1);

			if (p == NULL)
				return -1;
			row[i].p = p;
			b[i].buffer = p;
			b[i].buffer_length = len[i] + 1;
			if (mysql_stmt_fetch_column(st, &b[i], (unsigned)i, 0))
				return -1;
		}
		row[i].len = nul[i] ? 0 : len[i];
		if (!nul[i])
			row[i].p[row[i].len] = '\0';
		else
			row[i].p[0] = '\0';
	}
	return 0;
}

static void
set_err_my(struct db *db, const char *what)
{
	db->err = mysql_errno(db->my);
	snprintf(db->errmsg, sizeof(db->errmsg), "%s", mysql_error(db->my));
	if (db->err != db->quiet_err)
		log_err(NULL, "db %s: %u %s", what, db->err, db->errmsg);
	db->quiet_err = 0;
}

static void
set_err_st(struct db *db, MYSQL_STMT *st, const char *sql)
{
	db->err = mysql_stmt_errno(st);
	snprintf(db->errmsg, sizeof(db->errmsg), "%s", mysql_stmt_error(st));
	if (db->err != db->quiet_err)
		log_err(NULL, "db: %u %s [%.100s]", db->err, db->errmsg, sql);
	db->quiet_err = 0;
}

static int
is_gone(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == CR_CONNECTION_ERROR;
}
