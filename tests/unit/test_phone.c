/*
 * test_phone.c: unit tests for lib/model/phone.c (normalisation, masking).
 */
#include <string.h>

#include "model/phone.h"
#include "tap.h"

struct good {
	const char	*in, *want;
};

static const struct good goods[] = {
	{ "+84912345678", "+84912345678" },
	{ "84912345678", "+84912345678" },
	{ "0084912345678", "+84912345678" },
	{ "0912345678", "+84912345678" },
	{ "091 234 5678", "+84912345678" },
	{ "0912.345.678", "+84912345678" },
	{ "0912-345-678", "+84912345678" },
	{ "(+84) 912 345 678", "+84912345678" },
	{ "+84 (0)912 345 678", "+84912345678" },
	{ "0084 91-234-5678", "+84912345678" },
	{ "0388123456", "+84388123456" },	/* Viettel 03x */
	{ "0569123456", "+84569123456" },	/* 05x */
	{ "0701234567", "+84701234567" },
	{ "0843123456", "+84843123456" },	/* 084x starts like 84 */
	{ "+84 24 3825 1234", "+842438251234" },	/* Hà Nội landline */
	{ "02438251234", "+842438251234" },
	{ "0236 382 1234", "+842363821234" },	/* 10-digit NSN */
	{ "0236382123", "+84236382123" },	/* 9-digit landline NSN */
	{ "+33 1 23 45 67 89", "+33123456789" },
	{ "0033123456789", "+33123456789" },
	{ "+1 (202) 555-0143", "+12025550143" },
	{ "+4930123456", "+4930123456" },
};

static const char *const bads[] = {
	"",
	"   ",
	"+",
	"abc",
	"09123456789",		/* 10-digit NSN for a mobile */
	"091234567",		/* 8-digit NSN */
	"912345678",		/* no trunk 0: ambiguous */
	"843123456",		/* bare national without 0 */
	"0123456789",		/* old 01x prefix is gone; first digit 1 */
	"0412345678",		/* first digit 4 unused */
	"+8491234567a",
	"0912 345 678 ext 9",
	"09123+45678",		/* '+' in the middle */
	"++84912345678",
	"+0912345678",		/* '+' then trunk 0 */
	"000912345678",
	"+1234567",		/* 7 digits: too short */
	"+123456789012345",	/* 15 digits: does not fit out[16] */
	"0912/345/678",
	"0243825123456",	/* 11-digit landline NSN */
	"023638212",		/* 8-digit landline NSN */
	"+84",
	"0",
};

int
main(void)
{
	char	out[PHONE_E164_SIZE];
	size_t	i;

	plan((int)(sizeof(goods) / sizeof(goods[0]) +
	    sizeof(bads) / sizeof(bads[0])) * 2 + 13);
	for (i = 0; i < sizeof(goods) / sizeof(goods[0]); i++) {
		is_int(phone_normalize(goods[i].in, out), 0, "accept '%s'",
		    goods[i].in);
		is_str(out, goods[i].want, "'%s' -> %s", goods[i].in,
		    goods[i].want);
	}
	for (i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		memcpy(out, "junk", 5);
		is_int(phone_normalize(bads[i], out), -1, "reject '%s'",
		    bads[i]);
		is_str(out, "", "out cleared for '%s'", bads[i]);
	}
	is_int(phone_normalize(NULL, out), -1, "NULL input rejected");
	is_int(phone_normalize("0912345678", NULL), -1, "NULL output rejected");

	is_int(phone_mask("+84912345678", out), 0, "mask mobile");
	is_str(out, "+8491****678", "mask keeps +8491 and last 3");
	is_int(phone_mask("+842438251234", out), 0, "mask landline");
	is_str(out, "+8424*****234", "mask landline digits");
	is_int(phone_mask("+12345678", out), 0, "mask shortest");
	is_str(out, "+1234*678", "one digit masked");
	is_int(phone_mask("84912345678", out), -1, "mask needs '+'");
	is_str(out, "", "out cleared on mask error");
	is_int(phone_mask("+8491234567x", out), -1, "mask rejects letters");
	is_int(phone_mask("+123456789012345", out), -1, "mask: 15 digits");
	is_int(phone_mask(NULL, out), -1, "mask rejects NULL");
	return done();
}
