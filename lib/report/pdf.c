/*
 * pdf.c: the periodic report as a PDF document (title block, sections with
 * the report's tables, a bar chart of received and answered cases per
 * agency drawn with cairo, the narrative, the signature block) and the
 * result notice of domain.md §13.
 */
#include <stdio.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "report/doc.h"
#include "report/pdfw.h"

#define CHART_H		190.0
#define CHART_MAX	10		/* agencies in the chart */
#define LIST_MAX	200		/* rows of a list in the PDF */

static void	heading(struct pdfw *, const char *);
static void	table(struct pdfw *, json_t *, const char *, size_t);
static void	chart(struct pdfw *, json_t *);
static void	bars(struct pdfw *, json_t *, size_t, double, double, double,
		    double);
static void	legend(struct pdfw *, double, double);
static void	narrative(struct pdfw *, const char *);
static const char *mstr(json_t *, const char *);

int
rpt_pdf(json_t *rep, const char *path)
{
	struct pdfw	 p;
	json_t		*m = json_object_get(rep, "meta");
	char		*s;

	if (pdfw_open(&p, path) == -1)
		return -1;
	pdfw_title_block(&p, mstr(m, "superior"), mstr(m, "issuer"),
	    mstr(m, "doc_number"), NULL, mstr(m, "place_date"));
	s = g_markup_printf_escaped("<b>%s</b>", mstr(m, "title"));
	pdfw_para(&p, 14, PDFW_CENTER, 1, s, 2);
	g_free(s);
	s = g_markup_printf_escaped("<b>%s</b>", mstr(m, "subtitle"));
	pdfw_para(&p, 13, PDFW_CENTER, 1, s, 2);
	g_free(s);
	s = g_markup_printf_escaped("<i>%s</i>", mstr(m, "window"));
	pdfw_para(&p, 12, PDFW_CENTER, 1, s, 14);
	g_free(s);
	heading(&p, "I. KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH");
	table(&p, rep, "summary", LIST_MAX);
	table(&p, rep, "by_channel", LIST_MAX);
	table(&p, rep, "by_field", LIST_MAX);
	heading(&p, "II. KẾT QUẢ THEO CƠ QUAN, ĐƠN VỊ XỬ LÝ");
	table(&p, rep, "by_agency", LIST_MAX);
	chart(&p, json_object_get(rep, "by_agency"));
	table(&p, rep, "returns", LIST_MAX);
	heading(&p, "III. THỜI HẠN XỬ LÝ THEO TỪNG BƯỚC");
	table(&p, rep, "stages", LIST_MAX);
	heading(&p, "IV. PHẢN ÁNH QUÁ HẠN, TRỄ HẠN");
	table(&p, rep, "overdue", LIST_MAX);
	table(&p, rep, "late", LIST_MAX);
	heading(&p, "V. PHẢN ÁNH CHƯA ĐƯỢC GIẢI QUYẾT DỨT ĐIỂM");
	table(&p, rep, "ncr", LIST_MAX);
	table(&p, rep, "escalated", LIST_MAX);
	heading(&p, "VI. TỒN ĐỌNG, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT");
	narrative(&p, mstr(m, "narrative"));
	pdfw_signature(&p, json_object_get(m, "recipients"),
	    mstr(m, "signer_title"), mstr(m, "signer_name"));
	return pdfw_close(&p);
}

int
rpt_notice_pdf(json_t *n, const char *code, const char *addressee,
    const char *path)
{
	struct pdfw	 p;
	char		*s, *up, *title, **parts, number[96];
	json_t		*rcpt;
	const char	*num = mstr(n, "number");

	if (pdfw_open(&p, path) == -1)
		return -1;
	snprintf(number, sizeof(number), "%s", *num ? num : "Số:       /TB");
	/* §13: the agency's name in bold capitals */
	up = g_utf8_strup(mstr(n, "agency"), -1);
	pdfw_title_block(&p, mstr(n, "superior"), up, number,
	    mstr(n, "subject"), mstr(n, "place_date"));
	g_free(up);
	pdfw_para(&p, 14, PDFW_CENTER, 1, "<b>THÔNG BÁO</b>", 2);
	s = g_markup_printf_escaped("<b>Kết quả xử lý phản ánh hiện trường "
	    "mã %s</b>", code);
	pdfw_para(&p, 13, PDFW_CENTER, 1, s, 14);
	g_free(s);
	if (addressee != NULL && *addressee != '\0')
		s = g_markup_printf_escaped("Kính gửi: Quý %s %s",
		    mstr(n, "reporter_type"), addressee);
	else
		s = g_markup_printf_escaped("Kính gửi: Quý %s",
		    mstr(n, "salutation_public"));
	pdfw_para(&p, 13, PDFW_CENTER, 1, s, 12);
	g_free(s);
	pdfw_para(&p, 13, PDFW_JUSTIFY, 0, mstr(n, "opening"), 6);
	narrative(&p, mstr(n, "body"));
	pdfw_para(&p, 13, PDFW_JUSTIFY, 0, mstr(n, "closing"), 10);
	/* "Nơi nhận: - Như trên; - Lưu: VT." as a list */
	rcpt = json_pack("[s, s]", "- Như trên;", "- Lưu: VT.");
	/* "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC": one title per line */
	title = g_strjoinv("\n", parts = g_strsplit(mstr(n, "signer_title"),
	    " / ", -1));
	pdfw_signature(&p, rcpt, title, mstr(n, "signer_name"));
	g_strfreev(parts);
	g_free(title);
	json_decref(rcpt);
	return pdfw_close(&p);
}

static void
heading(struct pdfw *p, const char *text)
{
	char	*m = g_markup_printf_escaped("<b>%s</b>", text);

	pdfw_need(p, 60);
	p->y += 4;
	pdfw_para(p, 12.5, PDFW_LEFT, 1, m, 6);
	g_free(m);
}

static void
table(struct pdfw *p, json_t *rep, const char *name, size_t max)
{
	const struct rpt_table	*t = rpt_table_find(name);
	json_t			*rows;
	char			*m;

	if (t == NULL)
		return;
	rows = rpt_rows(t, rep);
	m = g_markup_printf_escaped("<b><i>%s</i></b>", t->title);
	pdfw_need(p, 50);
	pdfw_para(p, 11.5, PDFW_LEFT, 1, m, 4);
	g_free(m);
	pdfw_table(p, t, rows, max);
	json_decref(rows);
}

/* Received and answered per agency (the largest CHART_MAX). */
static void
chart(struct pdfw *p, json_t *rows)
{
	double		 x0 = p->left + 30, x1 = p->right - 10;
	double		 y0, max = 1;
	size_t		 i, n = json_array_size(rows);
	json_t		*r;

	if (n == 0)
		return;
	n = n > CHART_MAX ? CHART_MAX : n;
	pdfw_need(p, CHART_H + 50);
	pdfw_para(p, 11.5, PDFW_LEFT, 1, "<b><i>Biểu đồ: phản ánh tiếp nhận "
	    "và đã trả lời theo cơ quan</i></b>", 6);
	json_array_foreach(rows, i, r) {
		if (i >= n)
			break;
		if ((double)json_integer_value(json_object_get(r,
		    "received")) > max)
			max = (double)json_integer_value(json_object_get(r,
			    "received"));
	}
	y0 = p->y + CHART_H;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	pdfw_line(p, x0, p->y, x0, y0);
	pdfw_line(p, x0, y0, x1, y0);
	bars(p, rows, n, x0, x1, y0, max);
	legend(p, x0 + 8, p->y);
	p->y = y0 + 34;
}

static void
bars(struct pdfw *p, json_t *rows, size_t n, double x0, double x1,
    double y0, double max)
{
	double		 slot = (x1 - x0) / (double)n, bw = slot * 0.3, v[2], x;
	char		 num[32];
	const char	*code;
	size_t		 i, k;
	json_t		*r;

	for (i = 0; i < n; i++) {
		r = json_array_get(rows, i);
		v[0] = (double)json_integer_value(json_object_get(r,
		    "received"));
		v[1] = (double)json_integer_value(json_object_get(r,
		    "answered"));
		for (k = 0; k < 2; k++) {
			x = x0 + slot * (double)i + slot * 0.15 + bw * (double)k;
			if (k == 0)
				cairo_set_source_rgb(p->cr, 0.04, 0.34, 0.82);
			else
				cairo_set_source_rgb(p->cr, 0.07, 0.45, 0.20);
			cairo_rectangle(p->cr, x, y0 - (CHART_H - 20) * v[k] /
			    max, bw, (CHART_H - 20) * v[k] / max);
			cairo_fill(p->cr);
			cairo_set_source_rgb(p->cr, 0, 0, 0);
			snprintf(num, sizeof(num), "%.0f", v[k]);
			pdfw_text(p, x - 4, y0 - (CHART_H - 20) * v[k] / max -
			    11, bw + 8, 7, PDFW_CENTER, 0, num, 1);
		}
		code = json_string_value(json_object_get(r, "code"));
		pdfw_text(p, x0 + slot * (double)i, y0 + 3, slot, 7,
		    PDFW_CENTER, 0, code != NULL && *code ? code : "(chưa giao)",
		    1);
	}
}

static void
legend(struct pdfw *p, double x, double y)
{
	cairo_set_source_rgb(p->cr, 0.04, 0.34, 0.82);
	cairo_rectangle(p->cr, x, y + 2, 8, 8);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0.07, 0.45, 0.20);
	cairo_rectangle(p->cr, x + 80, y + 2, 8, 8);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	pdfw_text(p, x + 11, y, 70, 8, PDFW_LEFT, 0, "Tiếp nhận", 1);
	pdfw_text(p, x + 91, y, 70, 8, PDFW_LEFT, 0, "Đã trả lời", 1);
}

/* Plain text, one paragraph per line; a placeholder when empty. */
static void
narrative(struct pdfw *p, const char *text)
{
	char	*copy, *line, *save = NULL;

	if (*text == '\0') {
		pdfw_para(p, 13, PDFW_LEFT, 1, "<i>(Chưa có nội dung.)</i>", 8);
		return;
	}
	copy = g_strdup(text);
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		pdfw_para(p, 13, PDFW_JUSTIFY, 0, line, 5);
	g_free(copy);
	p->y += 6;
}

static const char *
mstr(json_t *m, const char *key)
{
	const char	*s = json_string_value(json_object_get(m, key));

	return s != NULL ? s : "";
}
