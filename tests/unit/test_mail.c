/*
 * test_mail.c: lib/model/mail.c: template rendering, the template layout,
 * RFC 2047 encoded words (expected base64 computed by hand / Python's
 * base64 module), RFC 5322 dates, addresses, the HTML alternative and the
 * structure of a whole multipart message.
 */
#include <string.h>

#include "core/buf.h"
#include "model/mail.h"
#include "tap.h"

static void	t_render(void);
static void	t_split(void);
static void	t_header(void);
static void	t_misc(void);
static void	t_html(void);
static void	t_build(void);

int
main(void)
{
	plan(37);
	t_render();
	t_split();
	t_header();
	t_misc();
	t_html();
	t_build();
	return done();
}

static void
t_render(void)
{
	const char	*k[] = { "code", "name" };
	const char	*v[] = { "1234", "Võ Văn A" };
	struct buf	 b;
	char		 err[128];

	buf_init(&b, 4096);
	ok(mail_render("PA {code}: {name} {{x}}", k, v, 2, &b, err,
	    sizeof(err)) == 0, "render ok");
	is_str(buf_str(&b), "PA 1234: Võ Văn A {x}", "values and braces");
	buf_reset(&b);
	ok(mail_render("PA {cod}", k, v, 2, &b, err, sizeof(err)) == -1,
	    "unknown key fails");
	ok(strstr(err, "{cod}") != NULL, "error names the key: %s", err);
	buf_reset(&b);
	ok(mail_render("PA {code", k, v, 2, &b, err, sizeof(err)) == -1,
	    "unclosed placeholder fails");
	buf_reset(&b);
	ok(mail_render("a } b", k, v, 2, &b, err, sizeof(err)) == -1,
	    "lone } fails");
	buf_reset(&b);
	ok(mail_render("{}", k, v, 2, &b, err, sizeof(err)) == -1,
	    "empty placeholder fails");
	buf_free(&b);
	buf_init(&b, 8);
	ok(mail_render("{name}{name}", k, v, 2, &b, err, sizeof(err)) == -1,
	    "output limit is an error");
	buf_free(&b);
}

static void
t_split(void)
{
	char	t1[] = "Subject: PA {code}\n\nBody line\n\n\n";
	char	t2[] = "Subject: x\r\n\r\nCRLF body\r\n";
	char	t3[] = "Subject: x\nno blank line";
	char	t4[] = "Topic: x\n\nbody";
	char	*s, *b;

	ok(mail_split_template(t1, &s, &b) == 0, "split LF template");
	is_str(s, "PA {code}", "subject");
	is_str(b, "Body line", "body without trailing blank lines");
	ok(mail_split_template(t2, &s, &b) == 0 && strcmp(s, "x") == 0 &&
	    strcmp(b, "CRLF body") == 0, "split CRLF template");
	ok(mail_split_template(t3, &s, &b) == -1, "blank line required");
	ok(mail_split_template(t4, &s, &b) == -1, "Subject: required");
}

static void
t_header(void)
{
	struct buf	b;

	buf_init(&b, 4096);
	mail_header_value("Plain ASCII subject", &b);
	is_str(buf_str(&b), "Plain ASCII subject", "ASCII stays as it is");
	buf_reset(&b);
	mail_header_value("Xin chào", &b);
	is_str(buf_str(&b), "=?UTF-8?B?WGluIGNow6Bv?=", "one encoded word");
	buf_reset(&b);
	/* 42 bytes: 30 + 12, the cut after "tiếp " (never inside ậ) */
	mail_header_value("Phản ánh 1234 cần tiếp nhận gấp", &b);
	is_str(buf_str(&b),
	    "=?UTF-8?B?UGjhuqNuIMOhbmggMTIzNCBj4bqnbiB0aeG6v3Ag?=\r\n"
	    " =?UTF-8?B?bmjhuq1uIGfhuqVw?=", "two folded encoded words");
	buf_reset(&b);
	mail_header_value("evil\r\nBcc: x@y", &b);
	ok(strchr(buf_str(&b), '\n') == NULL || strncmp(buf_str(&b),
	    "=?UTF-8?B?", 10) == 0, "CR LF are encoded, never raw");
	ok(strstr(buf_str(&b), "Bcc:") == NULL, "no header injection");
	buf_free(&b);
}

static void
t_misc(void)
{
	char	d[MAIL_DATE_LEN];

	ok(mail_date(1795000000, d, sizeof(d)) == 0, "date ok");
	is_str(d, "Wed, 18 Nov 2026 11:06:40 +0000", "RFC 5322 date");
	ok(mail_addr_ok("a.b@example.org"), "plain address");
	ok(!mail_addr_ok("a b@example.org"), "space refused");
	ok(!mail_addr_ok("<a@b>"), "angle brackets refused");
	ok(!mail_addr_ok("ab@"), "empty domain refused");
	ok(!mail_addr_ok("a@b\r\nRCPT TO:<c@d>"), "CRLF refused");
}

static void
t_html(void)
{
	struct buf	b;

	buf_init(&b, 4096);
	ok(mail_text_to_html("Xin chào <b>&\nhttps://x.vn/a?b=1&c=2 ok\n\n"
	    "2nd", "vi", "T", &b) == 0, "html ok");
	ok(strstr(buf_str(&b), "<p>Xin chào &lt;b&gt;&amp;<br>\r\n") != NULL,
	    "escaped, line break");
	ok(strstr(buf_str(&b), "<a href=\"https://x.vn/a?b=1&amp;c=2\">"
	    "https://x.vn/a?b=1&amp;c=2</a> ok</p>") != NULL, "link");
	ok(strstr(buf_str(&b), "<p>2nd</p>") != NULL, "second paragraph");
	ok(strstr(buf_str(&b), "<html lang=\"vi\">") != NULL, "lang");
	buf_free(&b);
}

static void
t_build(void)
{
	struct mail_msg	m;
	struct buf	b;

	memset(&m, 0, sizeof(m));
	m.from = "noreply@phananh.vn";
	m.from_name = "Phản ánh";
	m.to = "a@b.vn";
	m.to_name = "Nguyen A";
	m.subject = "Xin chào";
	m.text = "hello world, this is a longer text that must be wrapped at "
	    "seventy six characters per line!!";
	m.html = "<p>x</p>";
	m.message_id = "n1.2@phananh.vn";
	m.boundary = "=_b1";
	m.date = 1795000000;
	buf_init(&b, 65536);
	ok(mail_build(&m, &b) == 0, "build ok");
	ok(strncmp(buf_str(&b), "Date: Wed, 18 Nov 2026 11:06:40 +0000\r\n"
	    "From: =?UTF-8?B?UGjhuqNuIMOhbmg=?= <noreply@phananh.vn>\r\n"
	    "To: \"Nguyen A\" <a@b.vn>\r\n"
	    "Subject: =?UTF-8?B?WGluIGNow6Bv?=\r\n"
	    "Message-ID: <n1.2@phananh.vn>\r\nMIME-Version: 1.0\r\n", 200) == 0,
	    "headers in order");
	ok(strstr(buf_str(&b), "Content-Type: multipart/alternative;\r\n"
	    " boundary=\"=_b1\"\r\n\r\n--=_b1\r\nContent-Type: text/plain;"
	    " charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	    "aGVsbG8gd29ybGQsIHRoaXMgaXMgYSBsb25nZXIgdGV4dCB0aGF0IG11c3QgYmUg"
	    "d3JhcHBlZCBh\r\ndCBzZXZlbnR5IHNpeCBjaGFyYWN0ZXJzIHBlciBsaW5lISE="
	    "\r\n--=_b1\r\nContent-Type: text/html;") != NULL,
	    "text part, base64 wrapped at 76");
	ok(strlen(buf_str(&b)) > 6 && strcmp(buf_str(&b) + b.len - 10,
	    "--=_b1--\r\n") == 0, "closing boundary");
	buf_reset(&b);
	m.to_name = "Nguyễn Thị Phương Thảo, Phòng Quản lý";
	m.to = "thao.nguyen@so-xay-dung.example.gov.vn";
	ok(mail_build(&m, &b) == 0 && strstr(buf_str(&b), "?=\r\n"
	    " <thao.nguyen@so-xay-dung.example.gov.vn>\r\n") != NULL,
	    "a long To line folds before the address");
	buf_reset(&b);
	m.to = "bad address@x";
	ok(mail_build(&m, &b) == -1, "bad recipient refused");
	buf_free(&b);
}
