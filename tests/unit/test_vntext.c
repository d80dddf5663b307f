/*
 * test_vntext.c: unit tests for lib/model/vntext.c (UTF-8, diacritics).
 */
#include <string.h>

#include "model/vntext.h"
#include "tap.h"

struct pair {
	const char	*in, *want;
};

/* Every Vietnamese vowel with no tone and the five tones, both cases. */
static const struct pair vowels[] = {
	{ "aàáảãạ", "aaaaaa" },
	{ "ăằắẳẵặ", "aaaaaa" },
	{ "âầấẩẫậ", "aaaaaa" },
	{ "eèéẻẽẹ", "eeeeee" },
	{ "êềếểễệ", "eeeeee" },
	{ "iìíỉĩị", "iiiiii" },
	{ "oòóỏõọ", "oooooo" },
	{ "ôồốổỗộ", "oooooo" },
	{ "ơờớởỡợ", "oooooo" },
	{ "uùúủũụ", "uuuuuu" },
	{ "ưừứửữự", "uuuuuu" },
	{ "yỳýỷỹỵ", "yyyyyy" },
	{ "AÀÁẢÃẠ", "AAAAAA" },
	{ "ĂẰẮẲẴẶ", "AAAAAA" },
	{ "ÂẦẤẨẪẬ", "AAAAAA" },
	{ "EÈÉẺẼẸ", "EEEEEE" },
	{ "ÊỀẾỂỄỆ", "EEEEEE" },
	{ "IÌÍỈĨỊ", "IIIIII" },
	{ "OÒÓỎÕỌ", "OOOOOO" },
	{ "ÔỒỐỔỖỘ", "OOOOOO" },
	{ "ƠỜỚỞỠỢ", "OOOOOO" },
	{ "UÙÚỦŨỤ", "UUUUUU" },
	{ "ƯỪỨỬỮỰ", "UUUUUU" },
	{ "YỲÝỶỸỴ", "YYYYYY" },
	{ "đĐ", "dD" },
};

static const struct pair strips[] = {
	{ "Phản ánh #1234 đã được phân công cho đơn vị của bạn.",
	  "Phan anh #1234 da duoc phan cong cho don vi cua ban." },
	{ "Nha\xCC\xA3\xCC\x82n", "Nhan" },	/* NFD: a, dot below, hat */
	{ "Tra\xCC\x89 lo\xCC\x9B\xCC\x80i", "Tra loi" },	/* NFD ả ờ */
	{ "Giá 5€ 😀 ÄÖ", "Gia 5€ 😀 ÄÖ" },	/* others kept */
	{ "", "" },
	{ "ASCII only: [x]{y}~", "ASCII only: [x]{y}~" },
};

static const struct pair folds[] = {
	{ "  Nhận\t\t1234  ", "nhan 1234" },
	{ "ĐÃ TIẾP NHẬN", "da tiep nhan" },
	{ "OK\xC2\xA0" "1234\r\n", "ok 1234" },	/* NBSP, CRLF */
	{ "Trả   lại\n\nsai  địa bàn ", "tra lai sai dia ban" },
	{ " \t ", "" },
	{ "Xử lý NGAY", "xu ly ngay" },
};

static const char *const invalid[] = {
	"\xC3",			/* truncated */
	"\xC0\xAF",		/* overlong '/' */
	"\xE0\x80\xAF",		/* overlong */
	"\xED\xA0\x80",		/* surrogate */
	"\xF4\x90\x80\x80",	/* above U+10FFFF */
	"\x80",			/* lone continuation */
	"abc\xFF",
};

static void
test_tables(void)
{
	char	out[256];
	size_t	i;

	for (i = 0; i < sizeof(vowels) / sizeof(vowels[0]); i++) {
		vn_strip_diacritics(vowels[i].in, out, sizeof(out));
		is_str(out, vowels[i].want, "strip %s", vowels[i].in);
	}
	for (i = 0; i < sizeof(strips) / sizeof(strips[0]); i++) {
		is_int(vn_strip_diacritics(strips[i].in, out, sizeof(out)), 0,
		    "strip ok: %s", strips[i].in);
		is_str(out, strips[i].want, "strip -> %s", strips[i].want);
	}
	for (i = 0; i < sizeof(folds) / sizeof(folds[0]); i++) {
		is_int(vn_fold(folds[i].in, out, sizeof(out)), 0, "fold ok");
		is_str(out, folds[i].want, "fold -> '%s'", folds[i].want);
	}
	for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		memcpy(out, "junk", 5);
		is_int(vn_strip_diacritics(invalid[i], out, sizeof(out)), -1,
		    "strip rejects invalid #%zu", i);
		is_str(out, "", "out cleared #%zu", i);
		is_int(utf8_valid(invalid[i], strlen(invalid[i])), -1,
		    "utf8_valid rejects #%zu", i);
		ok(utf8_count(invalid[i]) == (size_t)-1, "count rejects #%zu",
		    i);
	}
}

int
main(void)
{
	char	small[4];

	plan(25 + 6 * 2 + 6 * 2 + 7 * 4 + 17);
	test_tables();

	is_int(vn_strip_diacritics("Nhận", small, sizeof(small)), -1,
	    "too small buffer");
	is_str(small, "", "small buffer cleared");
	is_int(vn_strip_diacritics("Nhậ", small, sizeof(small)), 0,
	    "exact fit (3 chars + NUL)");
	is_str(small, "Nha", "exact fit content");
	is_int(vn_fold(NULL, small, sizeof(small)), -1, "fold NULL");
	is_int(vn_strip_diacritics("a", small, 0), -1, "zero outsz");

	is_int(utf8_valid("Phản ánh", strlen("Phản ánh")), 0, "valid text");
	is_int(utf8_valid("a\0b", 3), -1, "embedded NUL invalid");
	is_int(utf8_valid("\xF0\x9F\x98\x80", 4), 0, "emoji valid");
	is_int(utf8_valid("\xF0\x9F\x98\x80", 3), -1, "cut emoji invalid");
	is_int(utf8_valid(NULL, 0), -1, "NULL invalid");
	is_int((long long)utf8_count("Phản ánh"), 8, "count Vietnamese");
	is_int((long long)utf8_count("😀a"), 2, "count emoji");
	is_int((long long)utf8_count(""), 0, "count empty");

	is_int(vn_base_letter(0x1EC7), 'e', "U+1EC7 ệ -> e");
	is_int(vn_base_letter(0x0301), 0, "combining acute dropped");
	is_int(vn_base_letter(0x00C4), -1, "Ä not Vietnamese");
	return done();
}
