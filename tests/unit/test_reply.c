/*
 * test_reply.c: unit tests for sms/reply.c (reply grammar, templates).
 */
#include <string.h>

#include "sms/reply.h"
#include "tap.h"

#define A	SMS_REPLY_ACCEPT
#define R	SMS_REPLY_RETURN
#define U	SMS_REPLY_UNKNOWN

struct rcase {
	const char		*in;
	enum sms_reply_kind	 kind;
	const char		*code, *reason;
	enum sms_reply_err	 err;
};

static const struct rcase cases[] = {
	{ "OK 1234", A, "1234", "", SMS_REPLY_ERR_NONE },
	{ "ok1234", A, "1234", "", SMS_REPLY_ERR_NONE },
	{ "Ok: 1234", A, "1234", "", SMS_REPLY_ERR_NONE },
	{ "OK #1234", A, "1234", "", SMS_REPLY_ERR_NONE },
	{ "ok:#1234.", A, "1234", "", SMS_REPLY_ERR_NONE },
	{ "Nhận 1234", A, "1234", "", SMS_REPLY_ERR_NONE },
	{ "NHAN 1234", A, "1234", "", SMS_REPLY_ERR_NONE },
	{ "nhẬn1234", A, "1234", "", SMS_REPLY_ERR_NONE },
	{ "Nha\xCC\xA3\xCC\x82n 1234", A, "1234", "", SMS_REPLY_ERR_NONE },
	{ "Tiếp nhận 1234", A, "1234", "", SMS_REPLY_ERR_NONE },
	{ "nhan", A, "", "", SMS_REPLY_ERR_NONE },
	{ "ok", A, "", "", SMS_REPLY_ERR_NONE },
	{ "  Ok! ", A, "", "", SMS_REPLY_ERR_NONE },
	{ "1234", A, "1234", "", SMS_REPLY_ERR_NONE },
	{ "#1234", A, "1234", "", SMS_REPLY_ERR_NONE },
	{ " 0042 \n", A, "0042", "", SMS_REPLY_ERR_NONE },
	{ "OK\xC2\xA0" "1234", A, "1234", "", SMS_REPLY_ERR_NONE },
	{ "OK 1234 – đã tiếp nhận, đang xử lý", A, "1234",
	  "đã tiếp nhận, đang xử lý", SMS_REPLY_ERR_NONE },
	{ "OK 123456789012", A, "123456789012", "", SMS_REPLY_ERR_NONE },
	{ "TRA 1234 lý do: sai địa bàn", R, "1234", "lý do: sai địa bàn",
	  SMS_REPLY_ERR_NONE },
	{ "Trả 1234 không đúng thẩm quyền", R, "1234",
	  "không đúng thẩm quyền", SMS_REPLY_ERR_NONE },
	{ "tra1234 ly do", R, "1234", "ly do", SMS_REPLY_ERR_NONE },
	{ "Trả lại 1234: thuộc UBND xã  ", R, "1234", "thuộc UBND xã",
	  SMS_REPLY_ERR_NONE },
	{ "TRẢ #77 - Không thuộc lĩnh vực\n", R, "77",
	  "Không thuộc lĩnh vực", SMS_REPLY_ERR_NONE },
	{ "TRA 1234", U, "1234", "", SMS_REPLY_ERR_NO_REASON },
	{ "tra 1234 ...", U, "1234", "", SMS_REPLY_ERR_NO_REASON },
	{ "TRA khong dung tham quyen", U, "", "", SMS_REPLY_ERR_NO_CODE },
	{ "Trả lời OK 1234", U, "", "", SMS_REPLY_ERR_NO_CODE },
	{ "", U, "", "", SMS_REPLY_ERR_EMPTY },
	{ " \t\r\n", U, "", "", SMS_REPLY_ERR_EMPTY },
	{ "okay", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "okay 1234", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "nhanh 1234", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "tran 1234 x", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "1234abc", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "OK 1234abc", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "OK 1234567890123", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "OK #", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "OK 1234 5678", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "TRA 1234 5678 ly do", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "1234 ok", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "ok da nhan", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "Cảm ơn", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "PA1234", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "không", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "😀 1234", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "Nhận😀 1234", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "-1234", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "12.34", U, "", "", SMS_REPLY_ERR_SYNTAX },
	{ "STOP", U, "", "", SMS_REPLY_ERR_SYNTAX },
};

/* s with control characters shown as '?', so TAP lines stay one line. */
static const char *
show(const char *s)
{
	static char	buf[128];
	size_t		i;

	for (i = 0; s[i] != '\0' && i + 1 < sizeof(buf); i++)
		buf[i] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
	buf[i] = '\0';
	return buf;
}

static void
test_cases(void)
{
	struct sms_reply	r;
	size_t			i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		is_int(sms_reply_parse(cases[i].in, &r), 0, "parse '%s'",
		    show(cases[i].in));
		ok(r.kind == cases[i].kind && r.err == cases[i].err,
		    "'%s': kind %d err %d (want %d %d)", show(cases[i].in),
		    (int)r.kind, (int)r.err, (int)cases[i].kind,
		    (int)cases[i].err);
		is_str(r.code, cases[i].code, "'%s': code", show(cases[i].in));
		is_str(r.reason, cases[i].reason, "'%s': reason",
		    show(cases[i].in));
	}
}

static void
test_limits(void)
{
	struct sms_reply	r;
	char			s[1400];
	size_t			o, k;

	memcpy(s, "TRA 9 ", 6);
	for (o = 6, k = 0; k < 400; k++, o += 3)
		memcpy(s + o, "ệ", 3);		/* 1200 bytes of reason */
	s[o] = '\0';
	is_int(sms_reply_parse(s, &r), 0, "long reason parses");
	is_int(r.kind, R, "long reason is RETURN");
	is_int((long long)strlen(r.reason), 597, "cut at 199 chars (597 B)");
	ok(strncmp(r.reason, "ệệệ", 9) == 0, "reason keeps its text");
	is_int(sms_reply_parse("OK \xC3", &r), -1, "invalid UTF-8 -> -1");
	is_int(r.kind, U, "invalid UTF-8 is UNKNOWN");
	is_int(r.err, SMS_REPLY_ERR_INVALID, "err INVALID");
	is_int(sms_reply_parse(NULL, &r), -1, "NULL text -> -1");
	is_int(sms_reply_parse("ok", NULL), -1, "NULL out -> -1");
}

static void
test_render(void)
{
	const char *const	keys[] = { "code", "deadline", "unit" };
	const char *const	vals[] = { "1234", "30 phút", "Phường 1" };
	const char *const	nvals[] = { "1234", NULL, "x" };
	char			out[128], tiny[8];

	is_int(sms_render("Phản ánh #{code} giao {unit}. Trả lời OK {code} "
	    "trong {deadline}.", keys, vals, 3, out, sizeof(out)), 0,
	    "render alert");
	is_str(out, "Phản ánh #1234 giao Phường 1. Trả lời OK 1234 trong "
	    "30 phút.", "placeholders replaced, repeated key too");
	is_int(sms_render("{{code}} = {code}", keys, vals, 3, out,
	    sizeof(out)), 0, "escaped braces");
	is_str(out, "{code} = 1234", "{{ and }} are literal");
	is_int(sms_render("no placeholders", NULL, NULL, 0, out, sizeof(out)),
	    0, "plain text, no keys");
	is_str(out, "no placeholders", "plain text copied");
	is_int(sms_render("OK {cod}", keys, vals, 3, out, sizeof(out)), -1,
	    "unknown key -> -1");
	is_str(out, "", "out cleared on error");
	is_int(sms_render("OK {code", keys, vals, 3, out, sizeof(out)), -1,
	    "unterminated -> -1");
	is_int(sms_render("OK {}", keys, vals, 3, out, sizeof(out)), -1,
	    "empty key -> -1");
	is_int(sms_render("OK code}", keys, vals, 3, out, sizeof(out)), -1,
	    "stray } -> -1");
	is_int(sms_render("OK {co de}", keys, vals, 3, out, sizeof(out)), -1,
	    "space in key -> -1");
	is_int(sms_render("{deadline}", keys, nvals, 3, out, sizeof(out)), -1,
	    "NULL value -> -1");
	is_int(sms_render("OK {code}", keys, vals, 3, tiny, sizeof(tiny)), 0,
	    "exact fit");
	is_str(tiny, "OK 1234", "exact fit content");
	is_int(sms_render("OK {code}!", keys, vals, 3, tiny, sizeof(tiny)), -1,
	    "one byte too long -> -1");
	is_int(sms_render("x", NULL, NULL, 2, out, sizeof(out)), -1,
	    "n > 0 without keys -> -1");
}

int
main(void)
{
	plan((int)(sizeof(cases) / sizeof(cases[0])) * 4 + 9 + 17);
	test_cases();
	test_limits();
	test_render();
	return done();
}
