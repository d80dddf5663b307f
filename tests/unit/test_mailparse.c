/*
 * test_mailparse.c: lib/mail (GMime parsing, HTML to text): Vietnamese in
 * UTF-8, windows-1258 and VISCII, threading ids, attachments and limits,
 * auto-replies and bounces. Expected values are written by hand.
 */
#include <stdio.h>
#include <string.h>

#include "mail/html.h"
#include "mail/parse.h"
#include "mail/quote.h"
#include "tap.h"

/* "Đường phố ngập" in UTF-8, quoted-printable; a JPEG and a PDF. */
static const char MSG_UTF8[] =
    "Message-ID: <abc.123@example.vn>\r\n"
    "In-Reply-To: <ack.7@phananh>\r\n"
    "References: <orig.1@example.vn> <ack.7@phananh>\r\n"
    "From: =?UTF-8?B?Tmd1eeG7hW4gVsSDbiBBbg==?= <An.Nguyen@Example.VN>\r\n"
    "To: dttm@binhdinh.gov.vn\r\n"
    "Subject: =?UTF-8?Q?Re:_[Ph=E1=BA=A3n_=C3=A1nh_#42]?=\r\n"
    "Date: Tue, 03 Mar 2026 08:15:00 +0700\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
    "\r\n"
    "--b1\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "=C4=90=C6=B0=E1=BB=9Dng ph=E1=BB=91 ng=E1=BA=ADp\r\n"
    "\r\n"
    "--b1\r\n"
    "Content-Type: image/jpeg; name=\"a.jpg\"\r\n"
    "Content-Disposition: attachment; filename=\"a.jpg\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "/9j/4AAQ\r\n"
    "--b1\r\n"
    "Content-Type: application/pdf; name=\"x.pdf\"\r\n"
    "Content-Disposition: attachment; filename=\"x.pdf\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "JVBERi0=\r\n"
    "--b1--\r\n";

/* windows-1258 with a combining tone mark: D0 FD F5 CC 6E 67 = "Đường". */
static const char MSG_1258[] =
    "Message-ID: <w@x>\r\nFrom: a@b.vn\r\nSubject: x\r\n"
    "Content-Type: text/plain; charset=windows-1258\r\n"
    "Content-Transfer-Encoding: 8bit\r\n\r\n"
    "\xd0\xfd\xf5\xcc" "ng\r\n";

/* VISCII: D0 DF B6 6E 67 20 70 68 AF = "Đường phố". */
static const char MSG_VISCII[] =
    "Message-ID: <v@x>\r\nFrom: a@b.vn\r\nSubject: x\r\n"
    "Content-Type: text/plain; charset=VISCII\r\n"
    "Content-Transfer-Encoding: 8bit\r\n\r\n"
    "\xd0\xdf\xb6" "ng ph\xaf\r\n";

/* Only an HTML body; no Message-ID. */
static const char MSG_HTML[] =
    "From: Lan <lan@b.vn>\r\nSubject: html\r\n"
    "Content-Type: text/html; charset=utf-8\r\n\r\n"
    "<html><head><style>p{}</style></head><body><p>C&acirc;y &amp; "
    "&#273;&#xE8;n</p><div>h&#7887;ng</div>x<br>y</body></html>\r\n";

static const char MSG_VACATION[] =
    "Message-ID: <v1@x>\r\nFrom: a@b.vn\r\nSubject: Out of office\r\n"
    "Auto-Submitted: auto-replied\r\n\r\nAway.\r\n";
static const char MSG_BOUNCE[] =
    "Message-ID: <b1@x>\r\nFrom: MAILER-DAEMON@mx.example.vn\r\n"
    "Subject: Undelivered Mail\r\n"
    "Content-Type: multipart/report; report-type=delivery-status;"
    " boundary=\"r\"\r\n\r\n--r\r\nContent-Type: text/plain\r\n\r\n"
    "failed\r\n--r--\r\n";
static const char MSG_BULK[] =
    "Message-ID: <l1@x>\r\nFrom: news@b.vn\r\nSubject: News\r\n"
    "Precedence: bulk\r\n\r\nHi\r\n";
static const char MSG_NOTAUTO[] =
    "Message-ID: <n1@x>\r\nFrom: a@b.vn\r\nSubject: Hi\r\n"
    "Auto-Submitted: no\r\n\r\nHi\r\n";

static void
test_utf8(void)
{
	struct mail_msg	m;

	is_int(mail_parse(MSG_UTF8, sizeof(MSG_UTF8) - 1, 1000, &m), 0,
	    "utf-8 message parses");
	is_str(m.message_id, "abc.123@example.vn", "Message-ID without <>");
	is_int((int)m.nrefs, 3, "In-Reply-To + 2 References");
	is_str(m.refs[0], "ack.7@phananh", "In-Reply-To first");
	is_str(m.refs[1], "orig.1@example.vn", "then References");
	is_str(m.from_name, "Nguyễn Văn An", "encoded display name");
	is_str(m.from_addr, "an.nguyen@example.vn", "address lower-cased");
	is_str(m.subject, "Re: [Phản ánh #42]", "encoded subject");
	ok(m.date == 1772500500, "Date with +0700 to epoch (%lld)",
	    (long long)m.date);
	is_str(m.text, "Đường phố ngập", "quoted-printable UTF-8 body");
	is_int((int)m.natt, 1, "one photo kept");
	is_str(m.att[0].mime, "image/jpeg", "its type");
	ok(m.att[0].len == 6 && memcmp(m.att[0].data, "\xff\xd8\xff\xe0"
	    "\x00\x10", 6) == 0, "its decoded bytes");
	is_str(m.att[0].filename, "a.jpg", "its file name");
	is_int((int)m.n_ignored, 1, "the PDF is ignored");
	is_int(m.is_auto, 0, "a person's mail is not automatic");
	mail_msg_free(&m);
	mail_parse(MSG_UTF8, sizeof(MSG_UTF8) - 1, 5, &m);
	ok(m.natt == 0 && m.n_too_large == 1, "a photo over the limit is "
	    "dropped and counted");
	mail_msg_free(&m);
}

static void
test_charsets(void)
{
	struct mail_msg	m;

	mail_parse(MSG_1258, sizeof(MSG_1258) - 1, 1000, &m);
	is_str(m.text, "Đường", "windows-1258 with a combining mark");
	mail_msg_free(&m);
	mail_parse(MSG_VISCII, sizeof(MSG_VISCII) - 1, 1000, &m);
	is_str(m.text, "Đường phố", "VISCII");
	mail_msg_free(&m);
	mail_parse(MSG_HTML, sizeof(MSG_HTML) - 1, 1000, &m);
	is_str(m.text, "Cây & đèn\n\nhỏng\nx\ny", "HTML-only body as text");
	ok(strncmp(m.message_id, "sha256.", 7) == 0 &&
	    strlen(m.message_id) == 7 + 64 + 6, "missing Message-ID gets a "
	    "digest id (%s)", m.message_id);
	is_str(m.from_name, "Lan", "plain display name");
	mail_msg_free(&m);
}

static void
test_auto(void)
{
	static const struct { const char *raw; int is_auto; const char *d; }
	    t[] = {
		{ MSG_VACATION, 1, "Auto-Submitted: auto-replied" },
		{ MSG_BOUNCE, 1, "multipart/report from MAILER-DAEMON" },
		{ MSG_BULK, 1, "Precedence: bulk" },
		{ MSG_NOTAUTO, 0, "Auto-Submitted: no is a person" },
	};
	struct mail_msg	m;
	size_t		i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		mail_parse(t[i].raw, strlen(t[i].raw), 1000, &m);
		is_int(m.is_auto, t[i].is_auto, "%s", t[i].d);
		mail_msg_free(&m);
	}
}

static void
test_html(void)
{
	struct buf	b;

	buf_init(&b, 1024);
	mail_html_to_text("<p>a</p><p>b</p><!-- c --><script>d</script>"
	    "e&nbsp;f &lt;g&gt; &unknown; &#128512;", &b);
	is_str(buf_str(&b), "a\n\nb\n\ne f <g> &unknown; \xf0\x9f\x98\x80",
	    "paragraphs, comments, script, entities, astral code point");
	buf_free(&b);
	buf_init(&b, 4);
	is_int(mail_html_to_text("<b>abcdef</b>", &b), -1, "limit reported");
	buf_free(&b);
}

static void
test_quotes(void)
{
	char	a[] = "Đèn vẫn chưa sáng.\n\nVào 10:00, Sở đã viết:\n> cũ\n>> cũ hơn\n";
	char	b[] = "OK\n-----Original Message-----\nFrom: x\n";
	char	c[] = "a > b\nI wrote: nothing\nend";

	mail_strip_quotes(a);
	is_str(a, "Đèn vẫn chưa sáng.", "quote and attribution removed");
	mail_strip_quotes(b);
	is_str(b, "OK", "cut at Original Message");
	mail_strip_quotes(c);
	is_str(c, "a > b\nI wrote: nothing\nend", "no quote, nothing removed");
}

int
main(void)
{
	plan(31);
	mail_global_init();
	test_utf8();
	test_charsets();
	test_auto();
	test_html();
	test_quotes();
	return done();
}
