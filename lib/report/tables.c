/*
 * tables.c: the report's tables (columns, Vietnamese headers) and cell
 * formatting shared by the CSV, XLSX and PDF writers.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/tables.h"
#include "workflow.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static const struct rpt_col c_summary[] = {
	{ "label", "Chỉ tiêu", RPT_TEXT, 5 },
	{ "value", "Số lượng", RPT_TEXT, 1.5 },
};
static const struct rpt_col c_agency[] = {
	{ "name", "Cơ quan, đơn vị", RPT_TEXT, 4 },
	{ "received", "Tiếp nhận", RPT_INT, 1 },
	{ "in_processing", "Đang xử lý", RPT_INT, 1 },
	{ "answered", "Đã trả lời", RPT_INT, 1 },
	{ "answered_on_time", "Đúng hạn", RPT_INT, 1 },
	{ "answered_late", "Trễ hạn", RPT_INT, 1 },
	{ "on_time_rate", "Tỷ lệ đúng hạn", RPT_RATE, 1.1 },
	{ "overdue", "Đang quá hạn", RPT_INT, 1 },
	{ "ncr", "Không dứt điểm", RPT_INT, 1.1 },
	{ "satisfaction_rate", "Tỷ lệ hài lòng", RPT_RATE, 1.1 },
};
static const struct rpt_col c_dim[] = {
	{ "code", "Mã", RPT_TEXT, 1.2 },
	{ "name", "Tên", RPT_TEXT, 3.5 },
	{ "received", "Tiếp nhận", RPT_INT, 1 },
	{ "not_accepted", "Không tiếp nhận", RPT_INT, 1.1 },
	{ "distributed", "Đã chuyển xử lý", RPT_INT, 1.1 },
	{ "in_processing", "Đang xử lý", RPT_INT, 1 },
	{ "answered", "Đã trả lời", RPT_INT, 1 },
	{ "answered_late", "Trễ hạn", RPT_INT, 1 },
	{ "satisfaction_rate", "Tỷ lệ hài lòng", RPT_RATE, 1.1 },
};
static const struct rpt_col c_channel[] = {
	{ "code", "Kênh tiếp nhận", RPT_CHANNEL, 3 },
	{ "received", "Tiếp nhận", RPT_INT, 1 },
	{ "not_accepted", "Không tiếp nhận", RPT_INT, 1.1 },
	{ "answered", "Đã trả lời", RPT_INT, 1 },
	{ "satisfaction_rate", "Tỷ lệ hài lòng", RPT_RATE, 1.1 },
};
static const struct rpt_col c_stage[] = {
	{ "stage", "Bước xử lý", RPT_STAGE, 2.6 },
	{ "on_time", "Đúng hạn", RPT_INT, 1 },
	{ "late", "Trễ hạn", RPT_INT, 1 },
	{ "running", "Đang chạy", RPT_INT, 1 },
	{ "overdue", "Đang quá hạn", RPT_INT, 1 },
	{ "cancelled", "Hủy", RPT_INT, 0.8 },
	{ "median_min", "Trung vị (phút LV)", RPT_MIN, 1.3 },
	{ "p90_min", "Phân vị 90 (phút LV)", RPT_MIN, 1.3 },
};
static const struct rpt_col c_returns[] = {
	{ "name", "Cơ quan trả lại (không đúng thẩm quyền)", RPT_TEXT, 5 },
	{ "returns", "Số lượt trả lại", RPT_INT, 1.5 },
};
static const struct rpt_col c_overdue[] = {
	{ "code", "Mã phản ánh", RPT_TEXT, 1.2 },
	{ "stage", "Bước", RPT_STAGE, 1.6 },
	{ "agency", "Cơ quan chịu trách nhiệm", RPT_TEXT, 3.4 },
	{ "due_at", "Hạn", RPT_TIME, 1.8 },
	{ "days_overdue", "Số ngày LV quá hạn", RPT_INT, 1.2 },
};
static const struct rpt_col c_late[] = {
	{ "code", "Mã phản ánh", RPT_TEXT, 1.2 },
	{ "stage", "Bước", RPT_STAGE, 1.6 },
	{ "agency", "Cơ quan", RPT_TEXT, 3 },
	{ "stopped_at", "Hoàn thành lúc", RPT_TIME, 1.8 },
	{ "late_min", "Trễ (phút LV)", RPT_INT, 1.1 },
	{ "days_late", "Số ngày LV trễ", RPT_INT, 1.1 },
};
static const struct rpt_col c_ncr[] = {
	{ "code", "Mã phản ánh", RPT_TEXT, 1.2 },
	{ "state", "Trạng thái", RPT_STATE, 2.2 },
	{ "agency", "Cơ quan chủ trì", RPT_TEXT, 2.8 },
	{ "reasons", "Lý do chưa dứt điểm", RPT_REASONS, 2.6 },
};
static const struct rpt_col c_escalated[] = {
	{ "code", "Mã phản ánh", RPT_TEXT, 1.2 },
	{ "state", "Trạng thái", RPT_STATE, 2.4 },
	{ "agency", "Cơ quan chủ trì", RPT_TEXT, 3 },
	{ "escalated_at", "Ngày trình UBND tỉnh", RPT_TIME, 1.8 },
};

#define T(name, title, sheet, cols)	{ name, title, sheet, cols, N(cols) }

const struct rpt_table rpt_tables[] = {
	T("summary", "Tổng hợp kết quả tiếp nhận, xử lý",
	    "Tổng hợp", c_summary),
	T("by_agency", "Kết quả theo cơ quan, đơn vị xử lý",
	    "Theo cơ quan", c_agency),
	T("by_field", "Theo lĩnh vực",
	    "Theo lĩnh vực", c_dim),
	T("by_group", "Theo nhóm phản ánh",
	    "Theo nhóm", c_dim),
	T("by_channel", "Theo kênh tiếp nhận",
	    "Theo kênh", c_channel),
	T("by_unit", "Theo đơn vị hành chính",
	    "Theo địa bàn", c_dim),
	T("stages", "Thời hạn theo từng bước xử lý",
	    "Theo bước xử lý", c_stage),
	T("returns", "Trả lại do không đúng thẩm quyền",
	    "Trả lại", c_returns),
	T("overdue", "Danh sách phản ánh đang quá hạn",
	    "Quá hạn", c_overdue),
	T("late", "Danh sách bước xử lý hoàn thành trễ hạn",
	    "Trễ hạn", c_late),
	T("ncr", "Danh sách phản ánh chưa được giải quyết dứt điểm",
	    "Chưa dứt điểm", c_ncr),
	T("escalated", "Phản ánh trình UBND tỉnh chỉ đạo",
	    "Trình UBND tỉnh", c_escalated),
	{ NULL, NULL, NULL, NULL, 0 }
};

static const struct rpt_col c_export[] = {
	{ "code", "Mã phản ánh", RPT_TEXT, 1 },
	{ "received_at", "Thời điểm tiếp nhận", RPT_TIME, 1.6 },
	{ "channel", "Kênh", RPT_CHANNEL, 1.6 },
	{ "state", "Trạng thái", RPT_STATE, 2 },
	{ "field", "Lĩnh vực", RPT_TEXT, 1 },
	{ "group", "Nhóm", RPT_TEXT, 1.2 },
	{ "unit", "Địa bàn", RPT_TEXT, 2 },
	{ "agency", "Cơ quan chủ trì", RPT_TEXT, 2.4 },
	{ "address", "Địa chỉ", RPT_TEXT, 2.4 },
	{ "description", "Nội dung", RPT_TEXT, 5 },
	{ "distributed_at", "Thời điểm phân phối", RPT_TIME, 1.6 },
	{ "published_at", "Thời điểm trả lời", RPT_TIME, 1.6 },
	{ "rating", "Đánh giá", RPT_TEXT, 1.3 },
	/* identity: only in exports with a stated reason (audited) */
	{ "reporter_name", "Họ tên người phản ánh", RPT_TEXT, 2 },
	{ "reporter_phone", "Điện thoại", RPT_TEXT, 1.4 },
	{ "reporter_email", "Thư điện tử", RPT_TEXT, 2 },
};

const struct rpt_table rpt_export_table = {
	"cases", "Danh sách phản ánh", "Phản ánh", c_export, N(c_export) - 3
};
const struct rpt_table rpt_export_id_table = {
	"cases", "Danh sách phản ánh (có thông tin người phản ánh)",
	"Phản ánh", c_export, N(c_export)
};

/* Summary lines: label and the totals key (NULL key: a rate). */
static const struct {
	const char	*label;
	const char	*key;
} summary[] = {
	{ "Tổng số phản ánh tiếp nhận", "received" },
	{ "Đang kiểm tra, chờ bổ sung thông tin", "pending_intake" },
	{ "Không tiếp nhận", "not_accepted" },
	{ "Trùng lặp, người phản ánh rút", "merged" },
	{ "Đã chuyển cơ quan xử lý", "distributed" },
	{ "Bị trả lại do không đúng thẩm quyền", "returned" },
	{ "Đang xử lý", "in_processing" },
	{ "Đã trả lời", "answered" },
	{ "Trả lời đúng hạn", "answered_on_time" },
	{ "Trả lời trễ hạn", "answered_late" },
	{ "Tỷ lệ trả lời đúng hạn", "on_time_rate" },
	{ "Đang quá hạn (tại thời điểm báo cáo)", "overdue" },
	{ "Trình UBND tỉnh chỉ đạo", "escalated" },
	{ "Chưa giải quyết dứt điểm", "ncr" },
	{ "Xử lý theo quy định bảo vệ bí mật nhà nước", "secret" },
	{ "Số lượt đánh giá", "rated" },
	{ "Rất hài lòng", "rated_very" },
	{ "Hài lòng", "rated_sat" },
	{ "Không hài lòng", "rated_not" },
	{ "Tỷ lệ hài lòng", "satisfaction_rate" },
};

static const char *const stages[][2] = {
	{ "intake", "Tiếp nhận, phân loại" }, { "accept", "Nhận xử lý" },
	{ "return", "Trả lại (thẩm quyền)" }, { "process", "Xử lý" },
	{ "approve", "Phê duyệt" }, { "publish", "Công khai, trả lời" },
	{ "redistribute", "Phân phối lại" }, { "clarify", "Làm rõ" },
	{ "supplement", "Bổ sung thông tin" }, { NULL, NULL }
};
static const char *const channels[][2] = {
	{ "portal", "Cổng phản ánh hiện trường" }, { "app", "Ứng dụng di động" },
	{ "eportal", "Cổng thông tin điện tử tỉnh" },
	{ "facebook", "Facebook" }, { "email", "Thư điện tử" },
	{ "open311", "Open311" }, { "sync", "Hệ thống của cơ quan" },
	{ "hotline", "Đường dây nóng" }, { "direct", "Trực tiếp" },
	{ NULL, NULL }
};
static const char *const reasons[][2] = {
	{ "not_satisfied", "Không hài lòng" }, { "clarifying", "Đang làm rõ" },
	{ "reopened", "Mở lại" }, { "escalated", "Trình UBND tỉnh" },
	{ "returned_twice", "Trả lại từ 2 lần" }, { NULL, NULL }
};

static const char	*lookup(const char *const (*)[2], const char *);
static void		 reasons_text(json_t *, char *, size_t);

const struct rpt_table *
rpt_table_find(const char *name)
{
	const struct rpt_table	*t;

	for (t = rpt_tables; name != NULL && t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

json_t *
rpt_rows(const struct rpt_table *t, json_t *rep)
{
	json_t	*tot, *arr, *v;
	char	 buf[64];
	size_t	 i;

	if (strcmp(t->name, "summary") != 0) {
		arr = json_object_get(rep, t->name);
		return json_is_array(arr) ? json_incref(arr) : json_array();
	}
	tot = json_object_get(rep, "totals");
	arr = json_array();
	for (i = 0; i < N(summary); i++) {
		v = json_object_get(tot, summary[i].key);
		if (json_is_real(v))
			snprintf(buf, sizeof(buf), "%.1f%%",
			    json_real_value(v) * 100.0);
		else if (json_is_integer(v))
			snprintf(buf, sizeof(buf), "%lld",
			    (long long)json_integer_value(v));
		else
			snprintf(buf, sizeof(buf), "%s", strstr(summary[i].key,
			    "rate") ? "–" : "0");
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s}",
		    "key", summary[i].key, "label", summary[i].label,
		    "value", buf));
	}
	return arr;
}

void
rpt_cell(const struct rpt_col *c, json_t *row, char *out, size_t size)
{
	json_t		*v = json_object_get(row, c->key);
	const char	*s = json_string_value(v);

	switch (c->type) {
	case RPT_INT:
		snprintf(out, size, "%lld", (long long)json_integer_value(v));
		return;
	case RPT_RATE:
		if (json_is_number(v))
			snprintf(out, size, "%.1f%%", json_number_value(v) * 100);
		else
			snprintf(out, size, "–");
		return;
	case RPT_MIN:
		if (json_is_number(v))
			snprintf(out, size, "%.1f", json_number_value(v));
		else
			snprintf(out, size, "–");
		return;
	case RPT_TIME:
		if (json_is_integer(v))
			rpt_time_text((time_t)json_integer_value(v), out, size);
		else
			snprintf(out, size, "–");
		return;
	case RPT_STAGE:
		snprintf(out, size, "%s", rpt_stage_vi(s ? s : ""));
		return;
	case RPT_CHANNEL:
		snprintf(out, size, "%s", lookup(channels, s ? s : ""));
		return;
	case RPT_STATE: {
		enum wf_state	st;

		snprintf(out, size, "%s", s != NULL && wf_state_parse(s, &st) ==
		    0 ? wf_state_label_vi(st) : (s ? s : ""));
		return;
	}
	case RPT_REASONS:
		reasons_text(v, out, size);
		return;
	default:
		/* rows of cases without a field, agency or unit */
		if ((s == NULL || *s == '\0') && strcmp(c->key, "name") == 0)
			s = "(chưa xác định)";
		snprintf(out, size, "%s", s ? s : "");
		return;
	}
}

double
rpt_cell_num(const struct rpt_col *c, json_t *row)
{
	json_t	*v = json_object_get(row, c->key);

	if (c->type == RPT_RATE)
		return json_is_number(v) ? json_number_value(v) * 100 : NAN;
	return json_is_number(v) ? json_number_value(v) : 0;
}

void
rpt_time_text(time_t t, char *out, size_t size)
{
	struct tm	tm;
	time_t		l = t + 7 * 3600;

	if (gmtime_r(&l, &tm) == NULL || strftime(out, size,
	    "%d/%m/%Y %H:%M", &tm) == 0)
		snprintf(out, size, "–");
}

const char *
rpt_stage_vi(const char *kind)
{
	return lookup(stages, kind);
}

static const char *
lookup(const char *const (*tab)[2], const char *key)
{
	size_t	i;

	for (i = 0; tab[i][0] != NULL; i++)
		if (strcmp(tab[i][0], key) == 0)
			return tab[i][1];
	return key;
}

static void
reasons_text(json_t *arr, char *out, size_t size)
{
	size_t	 i, len;
	json_t	*v;

	out[0] = '\0';
	json_array_foreach(arr, i, v) {
		len = strlen(out);
		snprintf(out + len, size - len, "%s%s", i ? "; " : "",
		    lookup(reasons, json_string_value(v) ?
		    json_string_value(v) : ""));
	}
}
