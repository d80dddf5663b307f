/*
 * reports.c: two jobs of phananh-jobd.
 * "stats": keeps the daily aggregates of the reports current (the days
 * whose cases had events since the last pass).
 * "reports": generates each periodic report of settings.report_types ahead
 * of its due date (domain.md §11, B19): from report_lead_wd working days
 * before the due date (and never before its data window has closed), into
 * reports_dir/<type>-<period>.{xlsx,pdf,csv}, records the instance and
 * queues an e-mail to each address of settings.report_recipients. A report
 * already generated is not generated again; one whose due date passed more
 * than GRACE_DAYS ago is not generated late.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "core/buf.h"
#include "core/log.h"
#include "jobd/jobd.h"
#include "report/build.h"
#include "report/doc.h"
#include "store/calendars.h"
#include "store/report_inst.h"
#include "store/stats.h"

#define UTC_OFFSET_MIN	420
#define GRACE_DAYS	7

static int	consider(struct jobd *, const struct report_settings *,
		    enum rp_type, int, time_t);
static int	due_now(struct db *, const struct rp_period *, int, int);
static int	generate(struct jobd *, const struct report_settings *,
		    const struct rp_period *, time_t);
static int	write_csv(json_t *, const char *, char *, size_t);
static int	mail(struct jobd *, const struct report_settings *,
		    const struct rp_period *, const char *, const char *,
		    time_t);

int
jobd_stats(struct jobd *jd, time_t now)
{
	int	days = 0;

	(void)now;
	if (store_stats_refresh(jd->db, &days) == -1)
		return -1;
	if (days > 0)
		log_debug(NULL, "stats: %d days refreshed", days);
	return 0;
}

int
jobd_reports(struct jobd *jd, time_t now)
{
	struct report_settings	 s;
	enum rp_type		 t;
	char			 types[128], *tok, *save = NULL;
	int			 today = rp_epoch_ymd(now, UTC_OFFSET_MIN);
	int			 rc = 0;

	if (store_report_settings(jd->db, &s) == -1)
		return -1;
	snprintf(types, sizeof(types), "%s", s.types);
	for (tok = strtok_r(types, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (rp_type_parse(tok, &t) == -1 || t == RP_ADHOC) {
			log_warn(NULL, "reports: unknown type '%s' in "
			    "settings.report_types", tok);
			continue;
		}
		if (consider(jd, &s, t, today, now) == -1)
			rc = -1;
	}
	return rc;
}

/* The period whose window contains today and the one before it. */
static int
consider(struct jobd *jd, const struct report_settings *s, enum rp_type t,
    int today, time_t now)
{
	const struct rp_conf	 cf = { s->cutoff_day, s->due_day };
	struct rp_period	 cur, prev;
	json_t			*ri = NULL;
	int			 k, rc;
	const struct rp_period	*p[2] = { &prev, &cur };

	if (rp_containing(t, today, &cf, &cur) == -1 ||
	    rp_containing(t, rp_ymd_add(cur.from_ymd, -1), &cf, &prev) == -1)
		return -1;
	for (k = 0; k < 2; k++) {
		rc = due_now(jd->db, p[k], s->lead_wd, today);
		if (rc != 1)
			continue;
		rc = store_report_inst_get(jd->db, rp_type_name(t),
		    p[k]->label, 0, &ri);
		if (rc == -1)
			return -1;
		if (rc == 0 && !json_is_null(json_object_get(ri,
		    "generated_at"))) {
			json_decref(ri);
			continue;
		}
		json_decref(ri);
		ri = NULL;
		if (generate(jd, s, p[k], now) == -1)
			return -1;
	}
	return 0;
}

/*
 * 1 when today is on or after both the day after the window and the day
 * lead_wd working days (center calendar) before the due date, and not more
 * than GRACE_DAYS after the due date; else 0. -1 on error.
 */
static int
due_now(struct db *db, const struct rp_period *p, int lead_wd, int today)
{
	const struct cal	*cal;
	int64_t			 center;
	int			 d = p->due_ymd, n = 0, guard = 0;
	long			 m;

	if (today <= p->to_ymd ||
	    rp_ymd_days(today) > rp_ymd_days(p->due_ymd) + GRACE_DAYS)
		return 0;
	if (store_center_org(db, &center) == -1 ||
	    store_calendar_for_org(db, center, &cal) == -1)
		return -1;
	while (n < lead_wd && guard++ < 60) {
		d = rp_ymd_add(d, -1);
		if (cal_day_minutes(cal, d, &m) == 0 && m > 0)
			n++;
	}
	return today >= d ? 1 : 0;
}

static int
generate(struct jobd *jd, const struct report_settings *s,
    const struct rp_period *p, time_t now)
{
	struct report_inst	 ri;
	struct rp_period	 per;
	json_t			*rep = NULL;
	char			 base[64], x[512], pdf[512], csv[512];
	char			 a[16], b[16], d[16];
	int			 rc = -1;

	if (rpt_build(jd->db, p->type, p->label, 0, now, &per, &rep) != 0)
		goto out;
	snprintf(base, sizeof(base), "%s-%s", rp_type_name(p->type), p->label);
	if (rpt_write_files(rep, jd->conf.reports_dir, base, x, pdf,
	    sizeof(x)) == -1 ||
	    write_csv(rep, jd->conf.reports_dir, csv, sizeof(csv)) == -1)
		goto out;
	rpt_day_text(p->from_ymd, a, sizeof(a));
	rpt_day_text(p->to_ymd, b, sizeof(b));
	rpt_day_text(p->due_ymd, d, sizeof(d));
	memset(&ri, 0, sizeof(ri));
	ri.type = rp_type_name(p->type);
	ri.period = p->label;
	ri.from_day = a;
	ri.to_day = b;
	ri.due_day = d;
	ri.generated_at = now;
	ri.xlsx_path = x;
	ri.pdf_path = pdf;
	ri.csv_path = csv;
	if (store_report_inst_files(jd->db, &ri) == -1 ||
	    mail(jd, s, p, x, pdf, now) == -1)
		goto out;
	log_info(NULL, "reports: %s %s generated (due %s)", ri.type,
	    p->label, d);
	rc = 0;
out:
	json_decref(rep);
	return rc;
}

/* The summary and agency tables as one CSV file beside the documents. */
static int
write_csv(json_t *rep, const char *dir, char *path, size_t size)
{
	json_t		*m = json_object_get(rep, "meta");
	struct buf	 b;
	FILE		*f;
	int		 rc = -1;

	buf_init(&b, 8 << 20);
	if ((size_t)snprintf(path, size, "%s/%s-%s.csv", dir,
	    json_string_value(json_object_get(m, "type")),
	    json_string_value(json_object_get(m, "period"))) >= size ||
	    rpt_csv(rpt_table_find("summary"), rep, &b) == -1 ||
	    buf_puts(&b, "\r\n") == -1 ||
	    rpt_csv(rpt_table_find("by_agency"), rep, &b) == -1)
		goto out;
	f = fopen(path, "wb");
	if (f == NULL)
		goto out;
	if (fwrite(b.data, 1, b.len, f) == b.len)
		rc = 0;
	if (fclose(f) != 0)
		rc = -1;
out:
	buf_free(&b);
	return rc;
}

static int
mail(struct jobd *jd, const struct report_settings *s,
    const struct rp_period *p, const char *xlsx, const char *pdf, time_t now)
{
	char	 list[1024], *tok, *save = NULL, *body;
	json_t	*j;
	int	 rc = 0;

	j = json_pack("{s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:o}",
	    "type", rp_type_name(p->type), "period", p->label,
	    "subject", json_sprintf("Báo cáo %s %s về phản ánh hiện trường",
	    rp_type_vi(p->type), p->label), "xlsx", xlsx, "pdf", pdf,
	    "from", json_sprintf("%02d/%02d/%04d", p->from_ymd % 100,
	    p->from_ymd / 100 % 100, p->from_ymd / 10000),
	    "to", json_sprintf("%02d/%02d/%04d", p->to_ymd % 100,
	    p->to_ymd / 100 % 100, p->to_ymd / 10000),
	    "due", json_sprintf("%02d/%02d/%04d", p->due_ymd % 100,
	    p->due_ymd / 100 % 100, p->due_ymd / 10000),
	    "report_url", json_sprintf("%s/api/v1/reports/%s?period=%s"
	    "&format=pdf", jd->conf.public_url, rp_type_name(p->type),
	    p->label));
	body = j != NULL ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (body == NULL)
		return -1;
	snprintf(list, sizeof(list), "%s", s->recipients);
	for (tok = strtok_r(list, ", ;", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, ", ;", &save))
		rc = store_report_mail(jd->db, tok, body, now);
	free(body);
	return rc;
}
