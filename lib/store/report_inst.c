/*
 * report_inst.c: SQL of report settings, issuing bodies, report instances,
 * report e-mails and the case export.
 */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/parse.h"
#include "db.h"
#include "store/calendars.h"
#include "store/report_inst.h"

#define IN_WINDOW(x)	x " >= TIMESTAMP(?) - INTERVAL 7 HOUR AND " x \
			" < TIMESTAMP(?) + INTERVAL 17 HOUR"

static const char SQL_SETTINGS[] =
    "SELECT name, value FROM settings WHERE name IN ('report_cutoff_day',"
    " 'report_due_day', 'report_lead_wd', 'report_types',"
    " 'report_recipients')";
static const char SQL_META[] =
    "SELECT o.code, o.name, o.superior_line, o.signer_title,"
    " COALESCE(p.value, '') FROM organisations o"
    " LEFT JOIN settings p ON p.name = 'place_name' WHERE o.id = ?";
static const char SQL_INST_GET[] =
    "SELECT id, narrative, doc_number, signer, UNIX_TIMESTAMP(generated_at),"
    " xlsx_path, pdf_path FROM report_instances"
    " WHERE type = ? AND period = ? AND org_id = ?";
static const char SQL_INST_NARRATIVE[] =
    "INSERT INTO report_instances (type, period, org_id, from_day, to_day,"
    " due_day, narrative, doc_number, signer, narrative_by, narrative_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FROM_UNIXTIME(?))"
    " ON DUPLICATE KEY UPDATE narrative = VALUES(narrative),"
    " doc_number = COALESCE(VALUES(doc_number), doc_number),"
    " signer = COALESCE(VALUES(signer), signer),"
    " narrative_by = VALUES(narrative_by),"
    " narrative_at = VALUES(narrative_at)";
static const char SQL_INST_FILES[] =
    "INSERT INTO report_instances (type, period, org_id, from_day, to_day,"
    " due_day, generated_at, xlsx_path, pdf_path, csv_path)"
    " VALUES (?, ?, ?, ?, ?, ?, FROM_UNIXTIME(?), ?, ?, ?)"
    " ON DUPLICATE KEY UPDATE generated_at = VALUES(generated_at),"
    " xlsx_path = VALUES(xlsx_path), pdf_path = VALUES(pdf_path),"
    " csv_path = VALUES(csv_path)";
static const char SQL_MAIL[] =
    "INSERT INTO notifications (channel, recipient_addr, template, lang,"
    " payload_json, state, next_attempt_at, created_at, updated_at)"
    " VALUES ('email', ?, 'report_ready', 'vi', ?, 'queued',"
    " FROM_UNIXTIME(?), FROM_UNIXTIME(?), FROM_UNIXTIME(?))";
static const char SQL_REPORTER_NAME[] =
    "SELECT name FROM case_reporters WHERE case_id = ?";
static const char SQL_EXPORT[] =
    "SELECT c.id, UNIX_TIMESTAMP(c.received_at), c.channel, c.state,"
    " COALESCE(f.code, ''), COALESCE(g.code, ''), COALESCE(u.name, ''),"
    " COALESCE(o.name, ''), COALESCE(c.address, ''), c.description,"
    " UNIX_TIMESTAMP(c.distributed_at), UNIX_TIMESTAMP(c.published_at),"
    " COALESCE(c.rating, ''), COALESCE(r.name, ''), COALESCE(r.phone, ''),"
    " COALESCE(r.email, '') FROM cases c"
    " LEFT JOIN fields f ON f.id = c.field_id"
    " LEFT JOIN report_groups g ON g.id = c.group_id"
    " LEFT JOIN admin_units u ON u.id = c.admin_unit_id"
    " LEFT JOIN organisations o ON o.id = c.lead_org_id"
    " LEFT JOIN case_reporters r ON r.case_id = c.id"
    " WHERE " IN_WINDOW("c.received_at") " AND (? = 0 OR c.lead_org_id = ?)"
    " AND (? IS NULL OR f.code = ?) AND (? IS NULL OR c.state = ?)"
    " AND (? IS NULL OR c.channel = ?) ORDER BY c.id LIMIT ?";

static void	setting(struct report_settings *, const char *, const char *);
static json_t	*export_row(struct db_res *, int);
static json_t	*epoch_or_null(struct db_res *, size_t);

int
store_report_settings(struct db *db, struct report_settings *s)
{
	struct db_res	*r = NULL;

	memset(s, 0, sizeof(*s));
	s->cutoff_day = 15;
	s->due_day = 19;
	s->lead_wd = 3;
	snprintf(s->types, sizeof(s->types), "%s",
	    "weekly,monthly,quarterly,halfyear,yearly");
	if (db_query(db, SQL_SETTINGS, NULL, 0, &r) == -1)
		return -1;
	while (db_res_next(r))
		setting(s, db_res_str(r, 0), db_res_str(r, 1));
	db_res_free(r);
	return 0;
}

int
store_report_meta(struct db *db, int64_t org_id, json_t **out)
{
	struct db_res	*r = NULL;
	int64_t		 id = org_id;

	if (id == 0 && store_center_org(db, &id) == -1)
		return -1;
	{
		const struct db_param p[] = { DB_I64(id) };

		if (db_query(db, SQL_META, p, NITEMS(p), &r) == -1)
			return -1;
	}
	if (!db_res_next(r)) {
		db_res_free(r);
		log_err(NULL, "report: organisation %lld not found",
		    (long long)id);
		return -1;
	}
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s}",
	    "issuer_code", db_res_str(r, 0), "issuer_name", db_res_str(r, 1),
	    "superior", db_res_str(r, 2), "signer_title",
	    *db_res_str(r, 3) ? db_res_str(r, 3) : "GIÁM ĐỐC",
	    "place", db_res_str(r, 4));
	db_res_free(r);
	return *out != NULL ? 0 : -1;
}

int
store_report_inst_get(struct db *db, const char *type, const char *period,
    int64_t org_id, json_t **out)
{
	const struct db_param	 p[] = { DB_TEXT(type), DB_TEXT(period),
	    DB_I64(org_id) };
	struct db_res		*r = NULL;
	json_t			*o;
	size_t			 i;
	static const char *const k[] = { NULL, "narrative", "doc_number",
	    "signer", NULL, "xlsx_path", "pdf_path" };

	if (db_query(db, SQL_INST_GET, p, NITEMS(p), &r) == -1)
		return -1;
	if (!db_res_next(r)) {
		db_res_free(r);
		return 1;
	}
	o = json_pack("{s:I}", "id", (json_int_t)db_res_i64(r, 0));
	for (i = 1; i < NITEMS(k); i++)
		if (k[i] != NULL)
			json_object_set_new(o, k[i], db_res_isnull(r, i) ?
			    json_null() : json_string(db_res_str(r, i)));
	json_object_set_new(o, "generated_at", epoch_or_null(r, 4));
	db_res_free(r);
	*out = o;
	return 0;
}

int
store_report_inst_narrative(struct db *db, const struct report_inst *ri)
{
	const struct db_param	p[] = { DB_TEXT(ri->type), DB_TEXT(ri->period),
	    DB_I64(ri->org_id), DB_TEXT(ri->from_day), DB_TEXT(ri->to_day),
	    DB_TEXT(ri->due_day), DB_TEXT(ri->narrative),
	    DB_TEXT(ri->doc_number), DB_TEXT(ri->signer), DB_ID(ri->user_id),
	    DB_I64(ri->now) };

	return db_exec(db, SQL_INST_NARRATIVE, p, NITEMS(p));
}

int
store_report_inst_files(struct db *db, const struct report_inst *ri)
{
	const struct db_param	p[] = { DB_TEXT(ri->type), DB_TEXT(ri->period),
	    DB_I64(ri->org_id), DB_TEXT(ri->from_day), DB_TEXT(ri->to_day),
	    DB_TEXT(ri->due_day), DB_I64(ri->generated_at),
	    DB_TEXT(ri->xlsx_path), DB_TEXT(ri->pdf_path),
	    DB_TEXT(ri->csv_path) };

	return db_exec(db, SQL_INST_FILES, p, NITEMS(p));
}

int
store_report_mail(struct db *db, const char *addr, const char *payload,
    time_t now)
{
	const struct db_param	p[] = { DB_TEXT(addr), DB_TEXT(payload),
	    DB_I64(now), DB_I64(now), DB_I64(now) };

	return db_exec(db, SQL_MAIL, p, NITEMS(p));
}

int
store_export_cases(struct db *db, const struct export_filter *f,
    json_t **out)
{
	char		 a[16], b[16];
	struct db_res	*r = NULL;
	json_t		*arr;

	snprintf(a, sizeof(a), "%04d-%02d-%02d", f->from_ymd / 10000,
	    f->from_ymd / 100 % 100, f->from_ymd % 100);
	snprintf(b, sizeof(b), "%04d-%02d-%02d", f->to_ymd / 10000,
	    f->to_ymd / 100 % 100, f->to_ymd % 100);
	{
		const struct db_param p[] = { DB_TEXT(a), DB_TEXT(b),
		    DB_I64(f->org_id), DB_I64(f->org_id), DB_TEXT(f->field),
		    DB_TEXT(f->field), DB_TEXT(f->state), DB_TEXT(f->state),
		    DB_TEXT(f->channel), DB_TEXT(f->channel),
		    DB_I64(f->limit) };

		if (db_query(db, SQL_EXPORT, p, NITEMS(p), &r) == -1)
			return -1;
	}
	arr = json_array();
	while (db_res_next(r))
		json_array_append_new(arr, export_row(r, f->identity));
	db_res_free(r);
	*out = arr;
	return 0;
}

int
store_case_reporter_name(struct db *db, int64_t id, char *out, size_t size)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;

	out[0] = '\0';
	if (db_query(db, SQL_REPORTER_NAME, p, NITEMS(p), &r) == -1)
		return -1;
	if (db_res_next(r))
		snprintf(out, size, "%s", db_res_str(r, 0));
	db_res_free(r);
	return 0;
}

static void
setting(struct report_settings *s, const char *name, const char *v)
{
	int64_t	n;

	if (strcmp(name, "report_types") == 0)
		snprintf(s->types, sizeof(s->types), "%s", v);
	else if (strcmp(name, "report_recipients") == 0)
		snprintf(s->recipients, sizeof(s->recipients), "%s", v);
	else if (parse_i64(v, 0, 28, &n) == -1)
		log_warn(NULL, "settings.%s: '%s' is not 0..28, ignored", name,
		    v);
	else if (strcmp(name, "report_cutoff_day") == 0 && n >= 1)
		s->cutoff_day = (int)n;
	else if (strcmp(name, "report_due_day") == 0 && n >= 1)
		s->due_day = (int)n;
	else if (strcmp(name, "report_lead_wd") == 0)
		s->lead_wd = (int)n;
}

static json_t *
export_row(struct db_res *r, int identity)
{
	json_t	*o = json_pack("{s:o, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:s, s:s}",
	    "code", json_sprintf("%lld", (long long)db_res_i64(r, 0)),
	    "received_at", (json_int_t)db_res_i64(r, 1),
	    "channel", db_res_str(r, 2), "state", db_res_str(r, 3),
	    "field", db_res_str(r, 4), "group", db_res_str(r, 5),
	    "unit", db_res_str(r, 6), "agency", db_res_str(r, 7),
	    "address", db_res_str(r, 8), "description", db_res_str(r, 9),
	    "rating", db_res_str(r, 12));

	json_object_set_new(o, "distributed_at", epoch_or_null(r, 10));
	json_object_set_new(o, "published_at", epoch_or_null(r, 11));
	if (identity) {
		json_object_set_new(o, "reporter_name",
		    json_string(db_res_str(r, 13)));
		json_object_set_new(o, "reporter_phone",
		    json_string(db_res_str(r, 14)));
		json_object_set_new(o, "reporter_email",
		    json_string(db_res_str(r, 15)));
	}
	return o;
}

static json_t *
epoch_or_null(struct db_res *r, size_t col)
{
	return db_res_isnull(r, col) ? json_null() :
	    json_integer(db_res_i64(r, col));
}
