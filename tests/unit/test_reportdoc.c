/*
 * test_reportdoc.c: report tables and documents from a hand-made report
 * (lib/report/tables.c, csv.c, xlsx.c, pdf.c): cell formatting, the exact
 * CSV text, and that XLSX and PDF files are written with the right magic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/doc.h"
#include "report/tables.h"
#include "tap.h"

static json_t	*sample(void);
static int	magic(const char *, const char *);

int
main(void)
{
	const struct rpt_table	*t;
	json_t			*rep = sample(), *rows;
	struct buf		 b;
	char			 cell[256], dir[] = "/tmp/phananh-rdoc.XXXXXX";
	char			 path[300];

	plan(16);
	t = rpt_table_find("by_agency");
	ok(t != NULL && t->ncols == 10, "by_agency table has 10 columns");
	rows = rpt_rows(t, rep);
	rpt_cell(&t->cols[6], json_array_get(rows, 0), cell, sizeof(cell));
	is_str(cell, "75.0%", "on-time rate as a percentage");
	rpt_cell(&t->cols[9], json_array_get(rows, 1), cell, sizeof(cell));
	is_str(cell, "–", "no ratings: a dash");
	json_decref(rows);
	t = rpt_table_find("summary");
	rows = rpt_rows(t, rep);
	is_str(json_string_value(json_object_get(json_array_get(rows, 0),
	    "value")), "7", "summary: received");
	is_str(json_string_value(json_object_get(json_array_get(rows, 19),
	    "value")), "66.7%", "summary: satisfaction rate");
	json_decref(rows);
	rpt_time_text(1773507600, cell, sizeof(cell));
	is_str(cell, "15/03/2026 00:00", "local time text");
	is_str(rpt_stage_vi("process"), "Xử lý", "stage in Vietnamese");
	t = rpt_table_find("ncr");
	rows = rpt_rows(t, rep);
	rpt_cell(&t->cols[3], json_array_get(rows, 0), cell, sizeof(cell));
	is_str(cell, "Không hài lòng; Trả lại từ 2 lần", "NCR reasons");
	rpt_cell(&t->cols[1], json_array_get(rows, 0), cell, sizeof(cell));
	is_str(cell, "Đã trả lời – công khai", "state label");
	json_decref(rows);
	buf_init(&b, 1 << 20);
	ok(rpt_csv(rpt_table_find("returns"), rep, &b) == 0, "CSV written");
	is_str(buf_str(&b), "\xef\xbb\xbf" "Cơ quan trả lại (không đúng thẩm "
	    "quyền),Số lượt trả lại\r\n\"Sở Xây dựng, \"\"SXD\"\"\",2\r\n",
	    "CSV text with quoting");
	buf_reset(&b);
	json_object_set_new(rep, "cases", json_pack("[{s:s, s:s}]", "code",
	    "9", "description", "=HYPERLINK(\"http://x\")"));
	rpt_csv(&rpt_export_table, rep, &b);
	ok(strstr(buf_str(&b), "\"'=HYPERLINK(\"\"http://x\"\")\"") != NULL,
	    "CSV: a formula in citizen text is defused");
	buf_free(&b);
	ok(mkdtemp(dir) != NULL, "temp dir");
	snprintf(path, sizeof(path), "%s/r.xlsx", dir);
	ok(rpt_xlsx(rep, path) == 0 && magic(path, "PK"), "XLSX is a zip");
	unlink(path);
	snprintf(path, sizeof(path), "%s/r.pdf", dir);
	ok(rpt_pdf(rep, path) == 0 && magic(path, "%PDF"), "report PDF");
	unlink(path);
	snprintf(path, sizeof(path), "%s/n.pdf", dir);
	ok(rpt_notice_pdf(json_object_get(rep, "notice"), "123", "Nguyễn Văn A",
	    path) == 0 && magic(path, "%PDF"), "notice PDF");
	unlink(path);
	rmdir(dir);
	json_decref(rep);
	return done();
}

static json_t *
sample(void)
{
	json_error_t	 e;
	json_t		*j = json_loads("{"
	    "\"meta\": {\"superior\": \"SỞ KHOA HỌC VÀ CÔNG NGHỆ\","
	    " \"issuer\": \"TRUNG TÂM CHUYỂN ĐỔI SỐ TỈNH\","
	    " \"doc_number\": \"Số:    /BC-TTCDS\","
	    " \"place_date\": \"Gia Lai, ngày 18 tháng 3 năm 2026\","
	    " \"title\": \"BÁO CÁO\", \"subtitle\": \"Kết quả tháng 03/2026\","
	    " \"window\": \"Từ 15/02/2026 đến 14/03/2026\","
	    " \"narrative\": \"Dòng một.\\nDòng hai.\","
	    " \"recipients\": [\"- UBND tỉnh;\", \"- Lưu: VT.\"],"
	    " \"signer_title\": \"GIÁM ĐỐC\", \"signer_name\": \"\"},"
	    "\"totals\": {\"received\": 7, \"rated_very\": 1, \"rated_sat\": 1,"
	    " \"rated_not\": 1, \"rated\": 3, \"satisfaction_rate\": 0.6667,"
	    " \"on_time_rate\": null},"
	    "\"by_agency\": [{\"code\": \"SXD\", \"name\": \"Sở Xây dựng\","
	    " \"received\": 4, \"answered\": 4, \"on_time_rate\": 0.75,"
	    " \"satisfaction_rate\": 0.5},"
	    " {\"code\": \"UBND-QN\", \"name\": \"UBND phường\", \"received\": 3,"
	    " \"answered\": 1, \"satisfaction_rate\": null}],"
	    "\"returns\": [{\"code\": \"SXD\", \"name\": \"Sở Xây dựng, \\\"SXD\\\"\","
	    " \"returns\": 2}],"
	    "\"ncr\": [{\"code\": \"5\", \"state\": \"published\", \"agency\": \"SXD\","
	    " \"reasons\": [\"not_satisfied\", \"returned_twice\"]}],"
	    "\"notice\": {\"superior\": \"UBND TỈNH GIA LAI\", \"agency\": \"SỞ XÂY"
	    " DỰNG\", \"place_date\": \"Gia Lai, ngày 10 tháng 3 năm 2026\","
	    " \"subject\": \"V/v trả lời phản ánh mã 123\", \"reporter_type\":"
	    " \"cá nhân\", \"opening\": \"Sở Xây dựng xin thông báo...\","
	    " \"body\": \"Đã sửa xong.\", \"closing\": \"Trân trọng!\","
	    " \"signer_title\": \"KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC\"}}", 0, &e);

	if (j == NULL) {
		fprintf(stderr, "sample: %s line %d\n", e.text, e.line);
		exit(1);
	}
	return j;
}

static int
magic(const char *path, const char *m)
{
	FILE	*f = fopen(path, "rb");
	char	 b[8] = "";
	size_t	 n;

	if (f == NULL)
		return 0;
	n = fread(b, 1, strlen(m), f);
	fclose(f);
	return n == strlen(m) && memcmp(b, m, n) == 0;
}
