/*
 * build.c: assembles a report instance (figures + issuing body + texts)
 * and writes its files. Texts follow the administrative style of
 * Decree 30/2020/NĐ-CP: the issuing body's name in capitals, "Số: …/BC-…",
 * "<place>, ngày … tháng … năm …".
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "core/log.h"
#include "report/build.h"
#include "report/doc.h"
#include "store/report_inst.h"
#include "store/stats.h"

#define UTC_OFFSET_MIN	420	/* reports use the province's local time */

static int	meta(struct db *, const struct rp_period *, int64_t, time_t,
		    json_t *);
static void	period_text(const struct rp_period *, char *, size_t);
static void	texts(json_t *, const struct rp_period *, time_t, int64_t);
static void	instance(struct db *, const struct rp_period *, int64_t,
		    json_t *, json_t *);
static char	*draft(json_t *);

int
rpt_conf(struct db *db, struct rp_conf *cf)
{
	struct report_settings	s;

	if (store_report_settings(db, &s) == -1)
		return -1;
	cf->cutoff_day = s.cutoff_day;
	cf->due_day = s.due_day;
	return 0;
}

int
rpt_build(struct db *db, enum rp_type t, const char *label, int64_t org_id,
    time_t now, struct rp_period *per, json_t **out)
{
	struct stats_scope	 sc;
	struct rp_conf		 cf;
	json_t			*rep = NULL;
	int			 days;

	if (rpt_conf(db, &cf) == -1)
		return -1;
	if (rp_parse(t, label, &cf, per) == -1)
		return 1;
	sc.from_ymd = per->from_ymd;
	sc.to_ymd = per->to_ymd;
	sc.org_id = org_id;
	sc.as_of = now;
	if (store_stats_refresh(db, &days) == -1 ||
	    store_stats_report(db, &sc, &rep) == -1)
		return -1;
	if (meta(db, per, org_id, now, rep) == -1) {
		json_decref(rep);
		return -1;
	}
	*out = rep;
	return 0;
}

int
rpt_write_files(json_t *rep, const char *dir, const char *base, char *xlsx,
    char *pdf, size_t size)
{
	if ((size_t)snprintf(xlsx, size, "%s/%s.xlsx", dir, base) >= size ||
	    (size_t)snprintf(pdf, size, "%s/%s.pdf", dir, base) >= size)
		return -1;
	if (rpt_xlsx(rep, xlsx) == -1) {
		log_err(NULL, "report: cannot write %s", xlsx);
		return -1;
	}
	if (rpt_pdf(rep, pdf) == -1) {
		log_err(NULL, "report: cannot write %s", pdf);
		return -1;
	}
	return 0;
}

void
rpt_day_text(int ymd, char *out, size_t size)
{
	snprintf(out, size, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100,
	    ymd % 100);
}

/* rep.meta: the issuing body, the title texts, number, narrative. */
static int
meta(struct db *db, const struct rp_period *per, int64_t org_id, time_t now,
    json_t *rep)
{
	json_t	*m = NULL;
	char	*up;

	if (store_report_meta(db, org_id, &m) == -1)
		return -1;
	up = g_utf8_strup(json_string_value(json_object_get(m,
	    "issuer_name")), -1);
	json_object_set_new(m, "issuer", json_string(up));
	g_free(up);
	json_object_set_new(rep, "meta", m);
	texts(m, per, now, org_id);
	instance(db, per, org_id, rep, m);
	return 0;
}

static void
texts(json_t *m, const struct rp_period *per, time_t now, int64_t org_id)
{
	char	 p[96], a[16], b[16], d[16], t[32];
	int	 today = rp_epoch_ymd(now, UTC_OFFSET_MIN);

	period_text(per, p, sizeof(p));
	snprintf(a, sizeof(a), "%02d/%02d/%04d", per->from_ymd % 100,
	    per->from_ymd / 100 % 100, per->from_ymd / 10000);
	snprintf(b, sizeof(b), "%02d/%02d/%04d", per->to_ymd % 100,
	    per->to_ymd / 100 % 100, per->to_ymd / 10000);
	rpt_time_text(now, t, sizeof(t));
	json_object_set_new(m, "title", json_string("BÁO CÁO"));
	json_object_set_new(m, "subtitle", json_sprintf("Kết quả tiếp nhận, "
	    "xử lý phản ánh hiện trường %s%s%s", p, org_id ? " của " : "",
	    org_id ? json_string_value(json_object_get(m, "issuer_name")) :
	    ""));
	json_object_set_new(m, "window", json_sprintf("Số liệu từ ngày %s "
	    "đến hết ngày %s; tình trạng quá hạn tính đến %s", a, b, t));
	json_object_set_new(m, "place_date", json_sprintf("%s, ngày %02d "
	    "tháng %02d năm %04d", json_string_value(json_object_get(m,
	    "place")), today % 100, today / 100 % 100, today / 10000));
	json_object_set_new(m, "doc_number", json_sprintf("Số:      /BC-%s",
	    json_string_value(json_object_get(m, "issuer_code"))));
	json_object_set_new(m, "recipients", org_id ?
	    json_pack("[s, s]", "- Trung tâm giám sát, điều hành (t/h);",
	    "- Lưu: VT.") : json_pack("[s, s, s]", "- UBND tỉnh (b/c);",
	    "- Sở Nội vụ (để theo dõi);", "- Lưu: VT."));
	json_object_set_new(m, "signer_name", json_string(""));
	json_object_set_new(m, "type", json_string(rp_type_name(per->type)));
	json_object_set_new(m, "period", json_string(per->label));
	rpt_day_text(per->from_ymd, d, sizeof(d));
	json_object_set_new(m, "from", json_string(d));
	rpt_day_text(per->to_ymd, d, sizeof(d));
	json_object_set_new(m, "to", json_string(d));
	json_object_set_new(m, "generated_at", json_integer(now));
}

/* "tháng 03/2026", "quý I/2026", "6 tháng đầu năm 2026", ... */
static void
period_text(const struct rp_period *per, char *out, size_t size)
{
	static const char *const roman[] = { "", "I", "II", "III", "IV" };

	switch (per->type) {
	case RP_WEEKLY:
		snprintf(out, size, "tuần %02d/%04d", per->num, per->year);
		break;
	case RP_MONTHLY:
		snprintf(out, size, "tháng %02d/%04d", per->num, per->year);
		break;
	case RP_QUARTERLY:
		snprintf(out, size, "quý %s/%04d", roman[per->num % 5],
		    per->year);
		break;
	case RP_HALFYEAR:
		snprintf(out, size, "6 tháng %s năm %04d", per->num == 1 ?
		    "đầu" : "cuối", per->year);
		break;
	case RP_YEARLY:
		snprintf(out, size, "năm %04d", per->year);
		break;
	default:
		snprintf(out, size, "từ ngày %02d/%02d/%04d đến ngày "
		    "%02d/%02d/%04d", per->from_ymd % 100,
		    per->from_ymd / 100 % 100, per->from_ymd / 10000,
		    per->to_ymd % 100, per->to_ymd / 100 % 100,
		    per->to_ymd / 10000);
	}
}

/* The stored narrative, number and signer; else a drafted narrative. */
static void
instance(struct db *db, const struct rp_period *per, int64_t org_id,
    json_t *rep, json_t *m)
{
	json_t	*ri = NULL;
	char	*d;

	if (store_report_inst_get(db, rp_type_name(per->type), per->label,
	    org_id, &ri) == 0) {
		if (json_is_string(json_object_get(ri, "narrative")))
			json_object_set(m, "narrative", json_object_get(ri,
			    "narrative"));
		if (json_is_string(json_object_get(ri, "doc_number")))
			json_object_set(m, "doc_number", json_object_get(ri,
			    "doc_number"));
		if (json_is_string(json_object_get(ri, "signer")))
			json_object_set(m, "signer_name", json_object_get(ri,
			    "signer"));
		json_decref(ri);
	}
	json_object_set_new(m, "narrative_is_draft", json_boolean(
	    json_object_get(m, "narrative") == NULL));
	if (json_object_get(m, "narrative") == NULL) {
		d = draft(rep);
		json_object_set_new(m, "narrative", json_string(d));
		g_free(d);
	}
}

/* The system's draft of the obstacles section (domain.md §11 item 10). */
static char *
draft(json_t *rep)
{
	json_t	*t = json_object_get(rep, "totals");

#define V(k)	((long long)json_integer_value(json_object_get(t, k)))
	return g_strdup_printf("Trong kỳ tiếp nhận %lld phản ánh; đã trả lời "
	    "%lld (đúng hạn %lld, trễ hạn %lld); %lld phản ánh đang xử lý; "
	    "%lld phản ánh đang quá hạn; %lld phản ánh chưa được giải quyết "
	    "dứt điểm; %lld phản ánh trình UBND tỉnh chỉ đạo.\n"
	    "Tồn đọng, vướng mắc: (cán bộ tổng hợp bổ sung).\n"
	    "Kiến nghị, đề xuất: (cán bộ tổng hợp bổ sung).",
	    V("received"), V("answered"), V("answered_on_time"),
	    V("answered_late"), V("in_processing"), V("overdue"), V("ncr"),
	    V("escalated"));
#undef V
}
