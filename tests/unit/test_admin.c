/*
 * test_admin.c: the pure parts of the administration: the template
 * placeholder check (also per channel, and over every shipped template of
 * every channel), CSV quoting of
 * the audit export, the calendar text check with its line numbers.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "model/tmplcheck.h"
#include "store/admin.h"
#include "store/audit.h"
#include "tap.h"

static void	test_placeholders(void);
static void	test_shipped(void);
static void	test_channels(void);
static void	shipped(const char *, int);
static void	test_csv(void);
static void	test_calendar(void);
static const char *csv(const char *);

int
main(void)
{
	plan(38);
	test_placeholders();
	test_shipped();
	test_channels();
	test_csv();
	test_calendar();
	return done();
}

static void
test_placeholders(void)
{
	char	why[128];

	is_int(tmpl_check("PA {code} tại {place}, hạn {deadline}", why,
	    sizeof(why)), 0, "known placeholders pass");
	is_int(tmpl_check("no placeholder at all", NULL, 0), 0, "plain text");
	is_int(tmpl_check("{{literal}} braces {{ and }}", why, sizeof(why)), 0,
	    "doubled braces are literal");
	is_int(tmpl_check("Mã {cod}", why, sizeof(why)), -1, "a typo fails");
	is_str(why, "unknown placeholder {cod}", "and is named");
	is_int(tmpl_check("Mã {code", why, sizeof(why)), -1, "unclosed fails");
	is_str(why, "unclosed { (write {{ for a brace)", "unclosed reason");
	is_int(tmpl_check("a } b", why, sizeof(why)), -1, "a lone } fails");
	is_int(tmpl_check("{}", why, sizeof(why)), -1, "empty name fails");
	is_int(tmpl_check("{co{de}}", why, sizeof(why)), -1,
	    "a brace inside a name fails");
	is_int(tmpl_is_known("province_name", 13), 1, "province_name known");
	is_int(tmpl_is_known("code", 3), 0, "a prefix is not a name");
}

static void
test_channels(void)
{
	char	why[128];

	is_int(tmpl_check_for("email", "Kính gửi {name}: {link}", why,
	    sizeof(why)), 0, "e-mail texts know the recipient and the link");
	is_int(tmpl_check_for("push", "{code} {link}", why, sizeof(why)), 0,
	    "so do push titles");
	is_int(tmpl_check_for("sms", "Kính gửi {name}", why, sizeof(why)), -1,
	    "an SMS has no recipient name");
	is_str(why, "unknown placeholder {name}", "and says which");
	is_int(tmpl_check_for("notice", "{agency} báo quý {reporter_type} về "
	    "phản ánh {code} ngày {date}", why, sizeof(why)), 0,
	    "the notice's own names");
	is_int(tmpl_check_for("notice", "tại {place}", why, sizeof(why)), -1,
	    "a notice sentence knows nothing else");
	is_int(tmpl_check_for(NULL, "{code}", why, sizeof(why)), 0,
	    "no channel: the common names");
	shipped("email", 60);
	shipped("facebook", 9);
	shipped("notice", 3);
}

/* Every shipped text of channel (at least min files) passes its check. */
static void
shipped(const char *channel, int min)
{
	const char	*top = getenv("top_srcdir");
	char		 dir[512], path[1024], text[8192];
	DIR		*d;
	struct dirent	*de;
	FILE		*f;
	size_t		 n;
	int		 files = 0, bad = 0;

	snprintf(dir, sizeof(dir), "%s/data/templates/%s", top ? top : ".",
	    channel);
	d = opendir(dir);
	while (d != NULL && (de = readdir(d)) != NULL) {
		if (strstr(de->d_name, ".txt") == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = fopen(path, "r");
		if (f == NULL)
			continue;
		n = fread(text, 1, sizeof(text) - 1, f);
		text[n] = '\0';
		fclose(f);
		files++;
		if (tmpl_check_for(channel, text, NULL, 0) == -1) {
			bad++;
			printf("# %s fails the placeholder check\n", path);
		}
	}
	if (d != NULL)
		closedir(d);
	ok(files >= min, "found the shipped %s texts (%d)", channel, files);
	is_int(bad, 0, "every shipped %s text uses known placeholders",
	    channel);
}

/* Every template shipped in data/templates/sms passes the check. */
static void
test_shipped(void)
{
	const char	*top = getenv("top_srcdir");
	char		 dir[512], path[1024], text[4096];
	DIR		*d;
	struct dirent	*de;
	FILE		*f;
	size_t		 n;
	int		 files = 0, bad = 0;

	snprintf(dir, sizeof(dir), "%s/data/templates/sms", top ? top : ".");
	d = opendir(dir);
	while (d != NULL && (de = readdir(d)) != NULL) {
		if (strstr(de->d_name, ".txt") == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		n = fread(text, 1, sizeof(text) - 1, f);
		text[n] = '\0';
		fclose(f);
		files++;
		if (tmpl_check(text, NULL, 0) == -1) {
			bad++;
			printf("# %s fails the placeholder check\n", path);
		}
	}
	if (d != NULL)
		closedir(d);
	ok(files >= 20, "found the shipped SMS templates (%d)", files);
	is_int(bad, 0, "every shipped template uses known placeholders");
}

static const char *
csv(const char *s)
{
	static char	out[256];
	struct buf	b;

	buf_init(&b, 1024);
	if (audit_csv_field(&b, s) == -1)
		snprintf(out, sizeof(out), "(error)");
	else
		snprintf(out, sizeof(out), "%s", buf_str(&b));
	buf_free(&b);
	return out;
}

static void
test_csv(void)
{
	is_str(csv("plain"), "plain", "plain field unquoted");
	is_str(csv("a,b"), "\"a,b\"", "comma quoted");
	is_str(csv("say \"hi\""), "\"say \"\"hi\"\"\"", "quotes doubled");
	is_str(csv("two\nlines"), "\"two\nlines\"", "newline quoted");
	is_str(csv("=SUM(A1)"), "\"'=SUM(A1)\"", "formula defused");
	is_str(csv(""), "", "empty field");
	is_str(csv("Sở Xây dựng"), "Sở Xây dựng", "UTF-8 kept");
}

static void
test_calendar(void)
{
	struct adm_err	e;

	memset(&e, 0, sizeof(e));
	is_int(store_adm_calendar_check("utc_offset +07:00\n"
	    "session mon-fri 07:00-11:30 13:30-17:00\n"
	    "holiday 2027-03-12 Nghỉ thử\nworkday 2027-03-13 Làm bù\n", &e),
	    0, "a valid calendar passes");
	is_int(store_adm_calendar_check("session mon-fri 07:00-11:30\n"
	    "# comment\nholiday 2027-02-30 Không có ngày này\n", &e), -1,
	    "a bad date fails");
	is_int(e.line, 3, "on line 3");
	is_int(e.status, 422, "as 422");
}
