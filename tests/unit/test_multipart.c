/*
 * test_multipart.c: lib/model/multipart.c, the multipart/form-data parser
 * (no I/O). Bodies are written out by hand as RFC 7578 shows them, and the
 * expected offsets are counted from those literals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/multipart.h"
#include "tap.h"

static void	test_boundary(void);
static void	test_parse(void);
static void	test_errors(void);
static void	test_names(void);
static int	parse(const char *, size_t, const char *, size_t);
static int	content_is(size_t, const char *, size_t);

static struct mp_part	parts[8];
static size_t		nparts;
static const char	*cur;
static char		err[160];

int
main(void)
{
	plan(47);
	test_boundary();
	test_parse();
	test_errors();
	test_names();
	return done();
}

static void
test_boundary(void)
{
	char	b[MP_BOUNDARY_MAX + 2];
	char	big[160];

	is_int(multipart_boundary("multipart/form-data; boundary=abc", b,
	    sizeof(b)), 0, "boundary: token");
	is_str(b, "abc", "boundary: value");
	is_int(multipart_boundary("Multipart/Form-Data; charset=utf-8; "
	    "BOUNDARY=\"a b=c\"", b, sizeof(b)), 0, "quoted, after another "
	    "parameter, names case-insensitive");
	is_str(b, "a b=c", "quoted value kept with its blank and '='");
	is_int(multipart_boundary("multipart/form-data;boundary=----=_Part_1",
	    b, sizeof(b)), 0, "unquoted with '=' (JavaMail style)");
	is_str(b, "----=_Part_1", "... read to the end");
	is_int(multipart_boundary("application/x-www-form-urlencoded", b,
	    sizeof(b)), -1, "not multipart");
	is_int(multipart_boundary("multipart/form-data", b, sizeof(b)), -1,
	    "no boundary parameter");
	is_int(multipart_boundary("multipart/form-data; boundary=\"\"", b,
	    sizeof(b)), -1, "empty boundary");
	is_int(multipart_boundary("multipart/mixed; boundary=x", b,
	    sizeof(b)), -1, "multipart/mixed is not a form");
	snprintf(big, sizeof(big), "multipart/form-data; boundary=%071d", 7);
	is_int(multipart_boundary(big, b, sizeof(b)), -1, "71 bytes: too "
	    "long (RFC 2046 allows 70)");
	snprintf(big, sizeof(big), "multipart/form-data; boundary=%070d", 7);
	is_int(multipart_boundary(big, b, sizeof(b)), 0, "70 bytes: fine");
}

static void
test_parse(void)
{
	/* preamble, two fields, a file with bytes that look like a delimiter
	 * ("\r\n--XY" is not "\r\n--XYZ"), an empty field, epilogue */
	static const char body[] =
	    "ignored preamble\r\n"
	    "--XYZ\r\n"						/* 18 */
	    "Content-Disposition: form-data; name=\"api_key\"\r\n"	/* 25 */
	    "\r\n"						/* 73 */
	    "pa_123\r\n"					/* 75 */
	    "--XYZ\r\n"
	    "content-disposition: FORM-DATA; name=description\r\n"
	    "\r\n"
	    "Ổ gà\r\n"
	    "--XYZ  \r\n"
	    "Content-Disposition: form-data; name=\"media[]\"; "
	    "filename=\"a.jpg\"\r\n"
	    "Content-Type: image/jpeg\r\n"
	    "\r\n"
	    "\xff\xd8\r\n--XY\r\n-\xff\xd9\r\n"
	    "--XYZ\r\n"
	    "Content-Disposition: form-data; name=\"empty\"\r\n"
	    "\r\n"
	    "\r\n"
	    "--XYZ--\r\n"
	    "epilogue --XYZ\r\n";

	is_int(parse(body, sizeof(body) - 1, "XYZ", 8), 0, "parse: ok");
	is_int((int)nparts, 4, "four parts");
	is_str(parts[0].name, "api_key", "part 1 name");
	is_int((int)parts[0].off, 75, "part 1 offset counted by hand");
	ok(content_is(0, "pa_123", 6), "part 1 content");
	ok(!parts[0].has_filename && parts[0].ctype[0] == '\0',
	    "a field: no filename, no type");
	is_str(parts[1].name, "description", "token name, header names in "
	    "any case");
	ok(content_is(1, "Ổ gà", strlen("Ổ gà")), "UTF-8 content as sent");
	is_str(parts[2].name, "media[]", "file part name");
	ok(parts[2].has_filename, "file part has a filename");
	is_str(parts[2].filename, "a.jpg", "its filename");
	is_str(parts[2].ctype, "image/jpeg", "its Content-Type");
	ok(content_is(2, "\xff\xd8\r\n--XY\r\n-\xff\xd9", 13),
	    "binary content with a near-delimiter intact");
	is_str(parts[3].name, "empty", "empty part");
	is_int((int)parts[3].len, 0, "... has length 0");
	is_int(parse("--B\r\n\r\nx\r\n--B--", 15, "B", 8), -1,
	    "a part without headers has no name: refused");
	is_int(parse("--B\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	    "1\r\n--B--", 55, "B", 8), 0, "no preamble, no final CRLF");
	ok(nparts == 1 && content_is(0, "1", 1), "... one part \"1\"");
}

static void
test_errors(void)
{
	static const char two[] =
	    "--B\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
	    "--B\r\nContent-Disposition: form-data; name=b\r\n\r\n2\r\n"
	    "--B--\r\n";
	char	*big;
	size_t	 n;

	is_int(parse(two, sizeof(two) - 1, "B", 1), -1, "more parts than max");
	ok(strstr(err, "more than 1 parts") != NULL, "... says so: %s", err);
	is_int(parse(two, sizeof(two) - 8, "B", 8), -1, "no closing "
	    "delimiter");
	ok(strstr(err, "\"b\"") != NULL, "... names the open part: %s", err);
	is_int(parse(two, sizeof(two) - 1, "C", 8), -1, "wrong boundary");
	is_int(parse("--B\nContent-Disposition: form-data; name=a\n\n1\n--B--",
	    51, "B", 8), -1, "LF-only line ends are refused");
	is_int(parse("--B\r\nContent-Disposition: attachment; name=a\r\n\r\n1"
	    "\r\n--B--", 56, "B", 8), -1, "disposition other than form-data");
	is_int(parse("--B\r\nContent-Disposition form-data\r\n\r\n1\r\n--B--",
	    46, "B", 8), -1, "header without a colon");
	n = MP_HEADERS_MAX + 200;
	big = malloc(n + 64);
	memcpy(big, "--B\r\nX-Long: ", 13);
	memset(big + 13, 'a', n - 13);
	memcpy(big + n, "\r\n\r\nx\r\n--B--", 12);
	is_int(parse(big, n + 12, "B", 8), -1, "headers over the limit");
	free(big);
}

static void
test_names(void)
{
	char	body[1024], name[200], fname[420];
	size_t	i;
	int	n;

	n = snprintf(body, sizeof(body), "--B\r\nContent-Disposition: "
	    "form-data; name=\"media[]\"; filename=\"x\\\"y\\\\z.jpg\"; "
	    "size=3\r\n\r\nabc\r\n--B--");
	is_int(parse(body, (size_t)n, "B", 8), 0, "escaped quote and "
	    "backslash, unknown parameter");
	is_str(parts[0].filename, "x\"y\\z.jpg", "... filename unescaped");
	for (i = 0; i < 200; i++)
		memcpy(fname + 2 * i, "\xc3\xa9", 2);	/* é: 400 bytes */
	fname[400] = '\0';
	n = snprintf(body, sizeof(body), "--B\r\nContent-Disposition: "
	    "form-data; name=f; filename=\"%s\"\r\n\r\n\r\n--B--", fname);
	is_int(parse(body, (size_t)n, "B", 8), 0, "a 400-byte file name");
	is_int((int)strlen(parts[0].filename), 254, "cut to 127 whole "
	    "characters (255 bytes would split one)");
	memset(name, 'n', 127);
	name[127] = '\0';
	n = snprintf(body, sizeof(body), "--B\r\nContent-Disposition: "
	    "form-data; name=%s\r\n\r\n\r\n--B--", name);
	is_int(parse(body, (size_t)n, "B", 8), 0, "a 127-byte name fits");
	name[127] = 'n';
	name[128] = '\0';
	n = snprintf(body, sizeof(body), "--B\r\nContent-Disposition: "
	    "form-data; name=%s\r\n\r\n\r\n--B--", name);
	is_int(parse(body, (size_t)n, "B", 8), -1, "a 128-byte name does "
	    "not");
	n = snprintf(body, sizeof(body), "--B\r\nContent-Disposition: "
	    "form-data; filename=a\r\n\r\n\r\n--B--");
	is_int(parse(body, (size_t)n, "B", 8), -1, "no name parameter");
	n = snprintf(body, sizeof(body), "--B\r\nContent-Disposition: "
	    "form-data; name=\"\"\r\n\r\n\r\n--B--");
	is_int(parse(body, (size_t)n, "B", 8), -1, "an empty name");
}

static int
parse(const char *body, size_t len, const char *boundary, size_t max)
{
	cur = body;
	err[0] = '\0';
	return multipart_parse((const unsigned char *)body, len, boundary,
	    parts, max, &nparts, err, sizeof(err));
}

static int
content_is(size_t i, const char *want, size_t n)
{
	return parts[i].len == n && memcmp(cur + parts[i].off, want, n) == 0;
}
