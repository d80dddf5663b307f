/*
 * test_alerts.c: the pure parts of phananh-smsd: template rendering with the
 * shipped templates, payload variables, shortening, quiet hours, local time
 * and the plain (no diacritics) option fitting one SMS.
 */
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#include "sms/template.h"
#include "model/vntext.h"
#include "sms/smsd.h"
#include "sms/split.h"

static char	dir[512];

static void
test_shorten(void)
{
	char	out[64];

	ok(tmpl_shorten("Phường Quy Nhơn", 6, out, sizeof(out)) == 0 &&
	    strcmp(out, "Phường\xe2\x80\xa6") == 0, "shorten cuts after 6 "
	    "characters, adds an ellipsis");
	ok(tmpl_shorten("Phường", 6, out, sizeof(out)) == 0 &&
	    strcmp(out, "Phường") == 0, "exactly 6 characters: unchanged");
	ok(tmpl_shorten("abcdef", 3, out, 5) == -1, "short buffer: -1");
}

static void
test_vars(void)
{
	struct tmpl_vars	v = { .n = 0 };
	char			out[256], err[128];

	tmpl_var_set(&v, "code", "1234", 0);
	tmpl_var_set(&v, "time", "00:00", 0);
	is_int(tmpl_vars_payload(&v, "{\"time\":\"09:12\",\"count\":3,"
	    "\"x\":[1]}"), 0, "payload parses");
	is_int((int)v.n, 3, "payload adds count, replaces time, skips x");
	is_int(tmpl_render(dir, "sms_accepted", "vi", &v, out, sizeof(out),
	    err, sizeof(err)), 0, "sms_accepted renders");
	is_str(out, "Đã tiếp nhận phản ánh 1234 lúc 09:12.",
	    "confirmation text");
	is_int(tmpl_vars_payload(&v, "{\"time\":"), -1, "bad JSON: -1");
	is_int(tmpl_vars_payload(&v, ""), 0, "empty payload: nothing");
	is_int(tmpl_render(dir, "no_such", "vi", &v, out, sizeof(out), err,
	    sizeof(err)), -1, "missing template: -1");
	ok(strncmp(err, "no template", 11) == 0, "error says no template");
	is_int(tmpl_render(dir, "../sms/ack", "vi", &v, out, sizeof(out),
	    err, sizeof(err)), -1, "path in a template name: -1");
	is_int(tmpl_render(dir, "sms_pending_list", "vi", &v, out,
	    sizeof(out), err, sizeof(err)), -1,
	    "a placeholder without a value ({codes}) fails");
}

static void
distributed_vars(struct tmpl_vars *v)
{
	tmpl_var_set(v, "code", "1234", 0);
	tmpl_var_set(v, "field", "Xây dựng", 0);
	tmpl_var_set(v, "place", "Phường Quy Nhơn", 0);
	tmpl_var_set(v, "deadline", "09:42 12/03", 0);
	tmpl_var_set(v, "agency", "Sở XD", 0);
	tmpl_var_set(v, "time", "09:12", 0);
	tmpl_var_set(v, "reason", "", 0);
}

static void
test_distributed(void)
{
	struct tmpl_vars	 v = { .n = 0 };
	struct sms_msg		*m = calloc(1, sizeof(*m));
	char			 out[512], plain[512], err[128];

	distributed_vars(&v);
	is_int(tmpl_render(dir, "distributed", "vi", &v, out, sizeof(out),
	    err, sizeof(err)), 0, "distributed renders");
	is_str(out, "PA 1234 (Xây dựng) tại Phường Quy Nhơn. Hạn tiếp nhận "
	    "09:42 12/03. Trả lời OK 1234 để tiếp nhận, TRA 1234 <lý do> "
	    "để trả lại.", "alert text");
	ok(sms_split(out, 7, m) == 0 && m->coding == SMS_UCS2 &&
	    m->nparts == 2, "with diacritics: UCS-2, 2 parts");
	vn_strip_diacritics(out, plain, sizeof(plain));
	is_str(plain, "PA 1234 (Xay dung) tai Phuong Quy Nhon. Han tiep nhan "
	    "09:42 12/03. Tra loi OK 1234 de tiep nhan, TRA 1234 <ly do> "
	    "de tra lai.", "plain text");
	ok(sms_split(plain, 7, m) == 0 && m->coding == SMS_GSM7 &&
	    m->nparts == 1 && strcmp(m->part[0].udh, "") == 0,
	    "without diacritics: GSM-7, one SMS, no UDH");
	is_int(tmpl_render(dir, "distributed", "en", &v, out, sizeof(out),
	    err, sizeof(err)), 0, "English variant renders");
	ok(strncmp(out, "Case 1234 (", 11) == 0, "lang en picks .en.txt");
	is_int(tmpl_render(dir, "sms_help", "en", &v, out, sizeof(out),
	    err, sizeof(err)), 0, "no .en.txt: Vietnamese template");
	is_int(sms_fits_one(out), 0, "help text fits one SMS");
	free(m);
}

static void
test_time(void)
{
	struct smsd_conf	c = { .utc_offset_min = 420 };
	struct smsd		sd = { .conf = &c };
	char			out[32];
	time_t			until = 0;

	is_int(smsd_quiet_parse("21:00-07:00", &sd.quiet_from,
	    &sd.quiet_to), 0, "quiet hours parse");
	ok(sd.quiet_from == 1260 && sd.quiet_to == 420, "21:00 = 1260, "
	    "07:00 = 420");
	/* 1970-01-01 15:00 UTC = 22:00 local: quiet until 00:00 UTC */
	is_int(smsd_quiet_now(&sd, 15 * 3600, &until), 1, "22:00 is quiet");
	is_int((int)until, 24 * 3600, "until 07:00 local = 00:00 UTC");
	is_int(smsd_quiet_now(&sd, 5 * 3600, &until), 0, "12:00 is not");
	is_int(smsd_quiet_now(&sd, 23 * 3600 + 30 * 60 + 5, &until), 1,
	    "06:30:05 local is quiet");
	is_int((int)until, 24 * 3600, "until 07:00 local");
	{
		int a, b;

		is_int(smsd_quiet_parse("25:00-07:00", &a, &b), -1,
		    "25:00 refused");
		ok(smsd_quiet_parse("", &a, &b) == 0 && a == -1,
		    "empty: no quiet hours");
	}
	smsd_local_time(&sd, 0, 1, out, sizeof(out));
	is_str(out, "07:00 01/01", "epoch is 07:00 01/01 in Vietnam");
	smsd_local_time(&sd, 2 * 3600 + 12 * 60, 0, out, sizeof(out));
	is_str(out, "09:12", "HH:MM");
}

/* etc/smsd.conf.example parses and names every key of the table. */
static void
test_example(const char *top)
{
	struct smsd_conf	 c;
	const struct conf_key	*k;
	char			 path[512], err[256], text[8192], want[80];
	FILE			*f;
	size_t			 n;
	int			 missing = 0;

	snprintf(path, sizeof(path), "%s/etc/smsd.conf.example", top);
	is_int(conf_load(smsd_conf_keys, &c, path, err, sizeof(err)), 0,
	    "etc/smsd.conf.example parses");
	f = fopen(path, "r");
	n = f != NULL ? fread(text, 1, sizeof(text) - 1, f) : 0;
	text[n] = '\0';
	if (f != NULL)
		fclose(f);
	for (k = smsd_conf_keys; k->name != NULL; k++) {
		snprintf(want, sizeof(want), "\n%s =", k->name);
		if (strstr(text, want) == NULL) {
			printf("# missing key %s\n", k->name);
			missing++;
		}
	}
	is_int(missing, 0, "the example lists every key");
	ok(c.poll_ms == 500 && c.batch == 20 && c.validity == 167 &&
	    c.delivery_reports == 1 && c.plain_default == 0,
	    "example values are the defaults");
}

int
main(void)
{
	const char	*top = getenv("top_srcdir");

	snprintf(dir, sizeof(dir), "%s/data/templates/sms",
	    top != NULL ? top : ".");
	plan(36);
	test_shorten();
	test_vars();
	test_distributed();
	test_time();
	test_example(top != NULL ? top : ".");
	return done();
}
