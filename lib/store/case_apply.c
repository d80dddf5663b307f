/*
 * case_apply.c: what each workflow action writes on the case row besides
 * its state: classification and agencies, assignee, texts, rating, the
 * state-secret stub, the rendered result notice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "db.h"
#include "model/mail.h"
#include "store/admin.h"
#include "store/case_int.h"
#include "store/cases.h"

static const char SQL_CLASSIFY[] =
    "UPDATE cases SET"
    " field_id = COALESCE((SELECT id FROM fields WHERE code = ?), field_id),"
    " group_id = COALESCE((SELECT id FROM report_groups WHERE code = ?),"
    "  group_id),"
    " admin_unit_id = COALESCE((SELECT id FROM admin_units WHERE code = ?),"
    "  admin_unit_id),"
    " lead_org_id = COALESCE(?, lead_org_id), assignee_id = NULL,"
    " distributed_at = FROM_UNIXTIME(?), closed_at = NULL,"
    " reopen_count = reopen_count + ? WHERE id = ?";
static const char SQL_COORD_DEL[] =
    "DELETE FROM case_coord_orgs WHERE case_id = ?";
static const char SQL_COORD_ADD[] =
    "INSERT INTO case_coord_orgs (case_id, org_id) VALUES (?, ?)";
static const char SQL_ASSIGN[] =
    "UPDATE cases SET assignee_id = ? WHERE id = ?";
static const char SQL_RETURNED[] =
    "UPDATE cases SET return_count = return_count + 1 WHERE id = ?";
static const char SQL_RESULT[] =
    "UPDATE cases SET answer_officer = ?, answer_leader = NULL WHERE id = ?";
static const char SQL_APPROVE[] =
    "UPDATE cases SET answer_leader = COALESCE(?, answer_leader) WHERE id = ?";
static const char SQL_PUBLISH[] =
    "UPDATE cases SET answer_published = COALESCE(?, answer_leader,"
    " answer_officer), published_at = FROM_UNIXTIME(?) WHERE id = ?";
static const char SQL_MERGE[] =
    "UPDATE cases SET merged_into = ? WHERE id = ?";
static const char SQL_RATE[] =
    "UPDATE cases SET rating = ?, rated_at = FROM_UNIXTIME(?),"
    " review_flag = (? = 'not_satisfied') WHERE id = ?";
static const char SQL_SECRET[] =
    "UPDATE cases SET secret = 1, description = ?, answer_officer = NULL,"
    " answer_leader = NULL, answer_published = NULL, lat = NULL, lng = NULL,"
    " address = NULL, attributes_json = NULL WHERE id = ?";
static const char SQL_CLOSE[] =
    "UPDATE cases SET closed_at = FROM_UNIXTIME(?) WHERE id = ?";
static const char SQL_NOTICE_DATA[] =
    "SELECT COALESCE(o.superior_line, ''), COALESCE(o.name, ''),"
    " COALESCE(o.signer_title, ''), COALESCE(p.value, ''),"
    " c.answer_published, r.reporter_type, r.name,"
    " DATE_FORMAT(CONVERT_TZ(FROM_UNIXTIME(?), '+00:00', '+07:00'),"
    "  '%d|%m|%Y'), DATE_FORMAT(CONVERT_TZ(c.received_at, '+00:00',"
    "  '+07:00'), '%d/%m/%Y')"
    " FROM cases c LEFT JOIN organisations o ON o.id = c.lead_org_id"
    " LEFT JOIN settings p ON p.name = 'place_name'"
    " LEFT JOIN case_reporters r ON r.case_id = c.id WHERE c.id = ?";
static const char SQL_NOTICE_SET[] =
    "UPDATE cases SET notice_json = ? WHERE id = ?";

static int	classify(struct db *, int64_t, const struct case_action *,
		    time_t);
static int	exec2(struct db *, const char *, const struct db_param *,
		    size_t);
static int	render_notice(struct db *, int64_t, time_t);
static void	sentences(struct db *, json_t *, const char *const *);

int
store_case_apply(struct db *db, int64_t id, int64_t *assignee,
    const struct actor *who, const struct case_action *a,
    const struct wf_transition *t, time_t now)
{
	const char	*text = a->text && *a->text ? a->text : NULL;

	switch (a->action) {
	case WF_A_DISTRIBUTE:
	case WF_A_REDISTRIBUTE:
	case WF_A_RECORD_DIRECTION:
	case WF_A_REOPEN:
		return classify(db, id, a, now);
	case WF_A_ACCEPT: {
		const struct db_param p[] = { DB_ID(who->user_id), DB_I64(id) };

		*assignee = who->user_id;
		return exec2(db, SQL_ASSIGN, p, NITEMS(p));
	}
	case WF_A_RETURN_NOT_COMPETENT: {
		const struct db_param p[] = { DB_I64(id) };

		return exec2(db, SQL_RETURNED, p, NITEMS(p));
	}
	case WF_A_SUBMIT_RESULT: {
		const struct db_param p[] = { DB_TEXT(text), DB_I64(id) };

		return exec2(db, SQL_RESULT, p, NITEMS(p));
	}
	case WF_A_APPROVE: {
		const struct db_param p[] = { DB_TEXT(text), DB_I64(id) };

		return exec2(db, SQL_APPROVE, p, NITEMS(p));
	}
	case WF_A_PUBLISH:
	case WF_A_DELIVER_PRIVATE: {
		const struct db_param p[] = { DB_TEXT(text), DB_I64(now),
		    DB_I64(id) };

		if (exec2(db, SQL_PUBLISH, p, NITEMS(p)) == -1)
			return -1;
		return render_notice(db, id, now);
	}
	case WF_A_MERGE: {
		const struct db_param p[] = { DB_I64(a->duplicate_of), DB_I64(id) };

		return exec2(db, SQL_MERGE, p, NITEMS(p));
	}
	case WF_A_RATE: {
		const struct db_param p[] = { DB_TEXT(a->rating), DB_I64(now),
		    DB_TEXT(a->rating), DB_I64(id) };

		return exec2(db, SQL_RATE, p, NITEMS(p));
	}
	case WF_A_FLAG_SECRET: {
		const struct db_param p[] = { DB_TEXT("Phản ánh được xử lý theo "
		    "quy định về bảo vệ bí mật nhà nước."), DB_I64(id) };

		return exec2(db, SQL_SECRET, p, NITEMS(p));
	}
	case WF_A_AUTO_CLOSE:
	case WF_A_CLOSE: {
		const struct db_param p[] = { DB_I64(now), DB_I64(id) };

		return exec2(db, SQL_CLOSE, p, NITEMS(p));
	}
	default:
		(void)t;
		return 0;
	}
}

static int
classify(struct db *db, int64_t id, const struct case_action *a, time_t now)
{
	const struct db_param	p[] = { DB_TEXT(a->field_code),
	    DB_TEXT(a->group_code), DB_TEXT(a->unit_code),
	    DB_ID(a->lead_org_id), DB_I64(now),
	    DB_I64(a->action == WF_A_REOPEN), DB_I64(id) };
	const struct db_param	d[] = { DB_I64(id) };
	size_t			i;

	if (exec2(db, SQL_CLASSIFY, p, NITEMS(p)) == -1)
		return -1;
	if (a->lead_org_id == 0)
		return 0;		/* keep the coordinating agencies */
	if (exec2(db, SQL_COORD_DEL, d, NITEMS(d)) == -1)
		return -1;
	for (i = 0; i < a->ncoord; i++) {
		const struct db_param c[] = { DB_I64(id),
		    DB_I64(a->coord_org_ids[i]) };

		if (exec2(db, SQL_COORD_ADD, c, NITEMS(c)) == -1)
			return -1;
	}
	return 0;
}

static int
exec2(struct db *db, const char *sql, const struct db_param *p, size_t n)
{
	return db_exec(db, sql, p, n);
}

/*
 * The result notice of the regulation's appendix (domain.md §13), stored
 * as data beside the answer; documents render it (HTML, PDF).
 */
static int
render_notice(struct db *db, int64_t id, time_t now)
{
	const struct db_param	 p[] = { DB_I64(now), DB_I64(id) };
	struct db_res		*r = NULL;
	json_t			*n = NULL;
	char			*s = NULL, d[3][8] = { "", "", "" };
	const char		*who;
	int			 rc = -1;

	if (db_query(db, SQL_NOTICE_DATA, p, NITEMS(p), &r) == -1 ||
	    !db_res_next(r))
		goto out;
	sscanf(db_res_str(r, 7), "%7[^|]|%7[^|]|%7s", d[0], d[1], d[2]);
	who = strcmp(db_res_str(r, 5), "organisation") == 0 ? "tổ chức" :
	    "cá nhân";
	n = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "superior", db_res_str(r, 0), "agency", db_res_str(r, 1),
	    "national_title", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
	    "motto", "Độc lập - Tự do - Hạnh phúc",
	    "place_date", "", "subject", "",
	    "salutation_public", who, "reporter_type", who,
	    "body", db_res_str(r, 4), "signer_title", db_res_str(r, 2),
	    "recipients", "Nơi nhận: - Như trên; - Lưu: VT.");
	if (n == NULL)
		goto out;
	json_object_set_new(n, "place_date", json_sprintf("%s, ngày %s tháng "
	    "%s năm %s", db_res_str(r, 3), d[0], d[1], d[2]));
	json_object_set_new(n, "subject", json_sprintf("V/v trả lời phản ánh "
	    "hiện trường mã %lld ngày %s", (long long)id, db_res_str(r, 8)));
	json_object_set_new(n, "opening", json_sprintf("%s xin thông báo kết "
	    "quả xử lý phản ánh của quý %s như sau:", db_res_str(r, 1), who));
	json_object_set_new(n, "closing", json_string("Chúng tôi cảm ơn cá "
	    "nhân/tổ chức và mong tiếp tục nhận được phản ánh. Trân trọng!"));
	{
		char		 code[24];
		const char	*vals[] = { db_res_str(r, 1), who, code,
		    db_res_str(r, 8) };

		snprintf(code, sizeof(code), "%lld", (long long)id);
		sentences(db, n, vals);
	}
	s = json_dumps(n, JSON_COMPACT);
	{
		const struct db_param u[] = { DB_TEXT(s), DB_I64(id) };

		rc = s == NULL ? -1 : db_exec(db, SQL_NOTICE_SET, u, NITEMS(u));
	}
out:
	free(s);
	json_decref(n);
	db_res_free(r);
	return rc;
}

/*
 * The notice's fixed sentences (opening, closing, recipients) from an
 * administrator's text when there is one (templates: channel 'notice',
 * lang 'vi'; {agency}, {reporter_type}, {code}, {date} as vals, in that
 * order); a text that does not render leaves the built-in sentence.
 */
static void
sentences(struct db *db, json_t *n, const char *const *vals)
{
	static const char *const names[] = { "opening", "closing",
	    "recipients" };
	static const char *const keys[] = { "agency", "reporter_type", "code",
	    "date" };
	char		*text, err[128];
	struct buf	 b;
	size_t		 i;

	for (i = 0; i < NITEMS(names); i++) {
		text = NULL;
		if (store_adm_template_get(db, "notice", names[i], "vi",
		    &text) != 0)
			continue;
		buf_init(&b, 8192);
		if (mail_render(text, keys, vals, NITEMS(keys), &b, err,
		    sizeof(err)) == 0)
			json_object_set_new(n, names[i], json_string(
			    buf_str(&b)));
		buf_free(&b);
		free(text);
	}
}
