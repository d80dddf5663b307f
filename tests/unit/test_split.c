/*
 * test_split.c: unit tests for sms/split.c (coding choice, parts, UDH).
 */
#include <string.h>

#include "model/vntext.h"
#include "sms/split.h"
#include "tap.h"

#define ALERT	"Phản ánh #1234 đã được phân công cho đơn vị của bạn. " \
		"Trả lời OK 1234 trong 30 phút để tiếp nhận."
#define ALERT_P1 "Phản ánh #1234 đã được phân công cho đơn vị của bạn. " \
		"Trả lời OK 123"
#define ALERT_P2 "4 trong 30 phút để tiếp nhận."
#define ALERT_ASCII "Phan anh #1234 da duoc phan cong cho don vi cua ban. " \
		"Tra loi OK 1234 trong 30 phut de tiep nhan."

static struct sms_msg	m;	/* 5 KB: keep it off the stack */

/* buf = s repeated n times (plus tail), NUL-terminated; aborts the test
 * program's intent if it does not fit (it always does here). */
static void
rep(char *buf, size_t sz, const char *s, int n, const char *tail)
{
	size_t	o = 0, sl = strlen(s), tl = strlen(tail);
	int	k;

	for (k = 0; k < n && o + sl < sz; k++, o += sl)
		memcpy(buf + o, s, sl);
	if (o + tl < sz) {
		memcpy(buf + o, tail, tl);
		o += tl;
	}
	buf[o] = '\0';
}

static void
test_alert(void)
{
	char	s[256];

	is_int(sms_split(ALERT, 0xAB, &m), 0, "alert splits");
	is_int(m.coding, SMS_UCS2, "alert is UCS-2");
	is_int(m.nparts, 2, "96 chars -> 2 parts");
	is_str(m.part[0].text, ALERT_P1, "part 1 text");
	is_str(m.part[1].text, ALERT_P2, "part 2 text");
	is_int((long long)utf8_count(m.part[0].text), 67, "part 1 has 67");
	is_int((long long)utf8_count(m.part[1].text), 29, "part 2 has 29");
	is_str(m.part[0].udh, "050003AB0201", "UDH part 1");
	is_str(m.part[1].udh, "050003AB0202", "UDH part 2");
	is_int(sms_fits_one(ALERT), -1, "alert does not fit one");

	is_int(vn_strip_diacritics(ALERT, s, sizeof(s)), 0, "strip alert");
	is_str(s, ALERT_ASCII, "stripped alert text");
	is_int(sms_split(s, 7, &m), 0, "stripped alert splits");
	is_int(m.coding, SMS_GSM7, "stripped alert is GSM-7");
	is_int(m.nparts, 1, "stripped alert is one SMS");
	is_str(m.part[0].text, ALERT_ASCII, "single part = whole text");
	is_str(m.part[0].udh, "", "single part has no UDH");
	is_int(sms_fits_one(s), 0, "stripped alert fits one");
}

static void
test_gsm(void)
{
	char	s[2000];

	rep(s, sizeof(s), "x", 160, "");
	is_int(sms_split(s, 1, &m), 0, "160 GSM chars");
	is_int(m.nparts, 1, "160 -> 1 part");
	rep(s, sizeof(s), "x", 161, "");
	is_int(sms_split(s, 0, &m), 0, "161 GSM chars");
	is_int(m.nparts, 2, "161 -> 2 parts");
	is_int((long long)strlen(m.part[0].text), 153, "part 1 153");
	is_int((long long)strlen(m.part[1].text), 8, "part 2 8");
	is_str(m.part[0].udh, "050003000201", "UDH ref 00");
	is_str(m.part[1].udh, "050003000202", "UDH seq 2");

	rep(s, sizeof(s), "a", 152, "€bbbbbbbbbb");
	is_int(sms_split(s, 0xFF, &m), 0, "€ at the boundary");
	is_int(m.coding, SMS_GSM7, "€ is GSM-7 (extension)");
	is_int(m.nparts, 2, "164 septets -> 2 parts");
	is_int((long long)strlen(m.part[0].text), 152, "escape pair moved");
	is_str(m.part[1].text, "€bbbbbbbbbb", "part 2 starts with €");
	is_str(m.part[1].udh, "050003FF0202", "UDH ref FF");

	rep(s, sizeof(s), "a", 151, "{bbbbbbbbbb");
	is_int(sms_split(s, 0, &m), 0, "{ that just fits");
	is_int((long long)strlen(m.part[0].text), 152, "151 + { = 153");
	is_str(m.part[1].text, "bbbbbbbbbb", "part 2 rest");

	rep(s, sizeof(s), "[", 80, "");
	is_int(sms_fits_one(s), 0, "80 ext chars = 160 septets fit");
	rep(s, sizeof(s), "[", 80, "a");
	is_int(sms_fits_one(s), -1, "161 septets do not");

	rep(s, sizeof(s), "y", 8 * 153, "");
	is_int(sms_split(s, 0, &m), 0, "8 x 153 fits 8 parts");
	is_int(m.nparts, 8, "8 parts");
	is_str(m.part[7].udh, "050003000808", "UDH 8/8");
	rep(s, sizeof(s), "y", 8 * 153, "z");
	is_int(sms_split(s, 0, &m), -1, "needs 9 parts -> -1");
	is_int(m.nparts, 0, "nparts 0 on error");
}

static void
test_coding(void)
{
	is_int(sms_split("Gia £5 à è é ù ì ò Ä Ö Ñ Ü ß ¿ ¡ Δ Ω", 0, &m), 0,
	    "GSM non-ASCII");
	is_int(m.coding, SMS_GSM7, "Latin-1/Greek of GSM stay GSM-7");
	sms_split("a`b", 0, &m);
	is_int(m.coding, SMS_UCS2, "backtick is not GSM");
	sms_split("a\tb", 0, &m);
	is_int(m.coding, SMS_UCS2, "tab is not GSM");
	sms_split("đ", 0, &m);
	is_int(m.coding, SMS_UCS2, "đ is not GSM");
	sms_split("line1\nline2\r\n{x}", 0, &m);
	is_int(m.coding, SMS_GSM7, "CR LF and braces are GSM");
	is_int(sms_split("", 0, &m), -1, "empty text rejected");
	is_int(sms_split("\xC3(", 0, &m), -1, "invalid UTF-8 rejected");
	is_int(sms_split(NULL, 0, &m), -1, "NULL text rejected");
	is_int(sms_split("x", 0, NULL), -1, "NULL msg rejected");
	is_int(sms_fits_one("\xFF"), -1, "fits_one rejects invalid");
	is_str(sms_coding_name(SMS_GSM7), "Default_No_Compression",
	    "gammu name GSM-7");
	is_str(sms_coding_name(SMS_UCS2), "Unicode_No_Compression",
	    "gammu name UCS-2");
	ok(sms_coding_name(0) == NULL, "no name for 0");
}

static void
test_ucs2(void)
{
	char	s[2000];

	rep(s, sizeof(s), "ệ", 70, "");
	is_int(sms_fits_one(s), 0, "70 UCS-2 units fit one");
	rep(s, sizeof(s), "ệ", 71, "");
	is_int(sms_split(s, 0, &m), 0, "71 units");
	is_int(m.nparts, 2, "71 -> 2 parts");
	is_int((long long)utf8_count(m.part[0].text), 67, "67 in part 1");
	is_int((long long)utf8_count(m.part[1].text), 4, "4 in part 2");

	rep(s, sizeof(s), "ệ", 69, "😀");
	is_int(sms_fits_one(s), -1, "69 + emoji = 71 units: no fit");
	rep(s, sizeof(s), "ệ", 68, "😀");
	is_int(sms_fits_one(s), 0, "68 + emoji = 70 units fit");

	rep(s, sizeof(s), "ệ", 66, "😀xxxxxxxxxx");
	is_int(sms_split(s, 0, &m), 0, "emoji at the boundary");
	is_int(m.nparts, 2, "78 units -> 2 parts");
	is_int((long long)utf8_count(m.part[0].text), 66, "emoji not split");
	is_str(m.part[1].text, "😀xxxxxxxxxx", "emoji opens part 2");

	rep(s, sizeof(s), "ệ", 66, "e\xCC\x81xxxxxxxxxx");
	is_int(sms_split(s, 0, &m), 0, "combining mark at the boundary");
	is_int((long long)utf8_count(m.part[0].text), 66, "mark stays on base");
	is_str(m.part[1].text, "e\xCC\x81xxxxxxxxxx", "é (NFD) opens part 2");

	rep(s, sizeof(s), "ệ", 65, "🇻🇳xxxxxxxxxx");
	is_int(sms_split(s, 0, &m), 0, "flag at the boundary");
	is_int((long long)utf8_count(m.part[0].text), 65, "flag pair kept");
	is_str(m.part[1].text, "🇻🇳xxxxxxxxxx", "flag opens part 2");

	rep(s, sizeof(s), "ệ", 8 * 67, "");
	is_int(sms_split(s, 0x10, &m), 0, "8 x 67 UCS-2");
	is_str(m.part[7].udh, "050003100808", "UDH 8/8 ref 10");
	rep(s, sizeof(s), "ệ", 8 * 67 + 1, "");
	is_int(sms_split(s, 0, &m), -1, "8 x 67 + 1 -> -1");
}

int
main(void)
{
	plan(18 + 24 + 14 + 20);
	test_alert();
	test_gsm();
	test_coding();
	test_ucs2();
	return done();
}
