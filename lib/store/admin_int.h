/*
 * admin_int.h: inside lib/store/admin_*.c: the table-driven object types
 * (columns, SQL) and the helpers every change uses (validation, the
 * audited transaction). Not for use outside lib/store.
 */
#ifndef STORE_ADMIN_INT_H
#define STORE_ADMIN_INT_H

#include "store/admin.h"

struct db_res;

enum adm_kind {
	K_CODE,		/* the key: [A-Za-z0-9_.-], 1..hi bytes */
	K_STR,		/* text, lo..hi bytes, never NULL */
	K_OSTR,		/* text or null ("" stored as NULL) */
	K_INT,		/* integer lo..hi */
	K_BOOL,
	K_REF,		/* code of a row of another table, or null */
	K_ROLES,	/* array of names <-> SET column (roles, and the
			 * recipients and channels of reminder rules) */
	K_DATE,		/* "YYYY-MM-DD" or null */
	K_CODES,	/* array of codes of ref_sql rows (C_EXTRA) */
	K_JSON		/* array or null <-> JSON text column */
};

#define C_KEY		0x01	/* the object's code (immutable) */
#define C_REQ		0x02	/* required when creating */
#define C_AGENCY	0x04	/* an agency administrator may change it */
#define C_EXTRA		0x08	/* not a column: extra_get/extra_put */

struct adm_col {
	const char	*key;
	enum adm_kind	 kind;
	int		 lo, hi;
	const char	*ref_sql;	/* K_REF, K_CODES: "SELECT id ...
					 * WHERE code = ?" */
	unsigned	 flags;
};

struct adm_type;

/* Optional hooks: extra checks (scope, consistency) on the merged object
 * and extra state stored beside the row. 0 or -1 with *e. */
typedef int (*adm_check_fn)(struct db *, const struct adm_who *,
    const json_t *before, json_t *merged, const json_t *patch,
    struct adm_err *);
typedef int (*adm_extra_fn)(struct db *, const char *id, json_t *obj);

struct adm_type {
	const char		*name;
	const struct adm_col	*cols;
	size_t			 ncols;
	const char		*defaults;	/* JSON text for creation */
	const char		*sql_get;	/* cols in order; WHERE key = ? */
	const char		*sql_list;	/* same cols; "scoped" times
						 * the scope code as params */
	int			 scoped;
	const char		*sql_ins;	/* all cols in order */
	const char		*sql_upd;	/* non-key cols, then the key */
	adm_check_fn		 check;
	adm_extra_fn		 extra_get;	/* adds keys to a snapshot */
	adm_extra_fn		 extra_put;	/* after the row is written */
	/*
	 * Rows without a code of their own (reminder rules, Open311
	 * attributes, per-field deadlines): cols[0] is "id", the number the
	 * database assigns when creating (never sent by the caller);
	 * sql_find gives the id of the row whose natural key (find_keys, in
	 * order, as text) matches, for import and upserts.
	 */
	int			 autokey;
	const char		*sql_find;
	const char *const	*find_keys;
	const char		*sql_del;	/* WHERE key = ?; NULL: none */
};

/* admin_types.c */
const struct adm_type	*adm_type(const char *name);

/* admin_hooks.c: the hooks named by the type table */
int	adm_check_org(struct db *, const struct adm_who *, const json_t *,
	    json_t *, const json_t *, struct adm_err *);
int	adm_check_user(struct db *, const struct adm_who *, const json_t *,
	    json_t *, const json_t *, struct adm_err *);
int	adm_check_unit(struct db *, const struct adm_who *, const json_t *,
	    json_t *, const json_t *, struct adm_err *);
int	adm_check_calendar(struct db *, const struct adm_who *,
	    const json_t *, json_t *, const json_t *, struct adm_err *);
int	adm_unit_successors_get(struct db *, const char *, json_t *);
int	adm_unit_successors_put(struct db *, const char *, json_t *);
int	adm_routing_get(struct db *, const char *, json_t *);
int	adm_template_get(struct db *, const char *, json_t *);
int	adm_apikey_get(struct db *, const char *, json_t *);

/* admin_rules.c: reminder rules, Open311 attributes, field deadlines.
 * On a deletion the hook gets merged = NULL and patch = NULL. */
int	adm_check_reminder(struct db *, const struct adm_who *,
	    const json_t *, json_t *, const json_t *, struct adm_err *);
int	adm_check_attribute(struct db *, const struct adm_who *,
	    const json_t *, json_t *, const json_t *, struct adm_err *);
int	adm_check_field_deadline(struct db *, const struct adm_who *,
	    const json_t *, json_t *, const json_t *, struct adm_err *);

/* admin_common.c */
void	adm_fail(struct adm_err *, int status, const char *code,
	    const char *field, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
/* Sets *e to 500 "internal" and returns -1. */
int	adm_dberr(struct adm_err *);
/* One row of res (columns in cols order) as a JSON object. */
json_t	*adm_row_json(const struct adm_type *, struct db_res *);
/* Runs a transaction around fn; on success writes the audit row with the
 * before/after snapshots of (type, id) and commits. Inside a transaction
 * the caller already opened, it neither begins, commits nor rolls back. */
typedef int (*adm_change_fn)(struct db *, void *arg, const json_t *before,
    struct adm_err *);
int	adm_audited(struct db *, const struct adm_who *, const char *action,
	    const char *type, const char *id, const char *reason,
	    adm_change_fn fn, void *arg, json_t **after, struct adm_err *);
/* Role names valid for who (agency admins may not grant center roles). */
int	adm_roles_ok(const struct adm_who *, const json_t *roles,
	    struct adm_err *);
/* *id of the row named code (by ref_sql): 0 found, 1 not, -1 error. */
int	adm_ref_id(struct db *, const char *ref_sql, const char *code,
	    int64_t *id);
/* A key or code: [A-Za-z0-9_.-]+, 1..max bytes. */
int	adm_code_ok(const char *, size_t max);

#endif
