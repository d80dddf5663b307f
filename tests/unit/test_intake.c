/*
 * test_intake.c: the pure parts of e-mail and Facebook intake: the
 * subject tag, content sniffing, UTF-8 cutting, IMAP response parsing.
 */
#include <stdint.h>
#include <string.h>

#include "jobd/intake.h"
#include "net/imap.h"
#include "tap.h"

static void
test_tag(void)
{
	char	t[INTAKE_TAG_MAX];
	int64_t	id = 0;

	intake_tag(1234, t);
	is_str(t, "[Phản ánh #1234]", "tag format");
	ok(intake_tag_parse("Re: [Phản ánh #1234] Đường ngập", &id) == 0 &&
	    id == 1234, "tag in a reply subject");
	ok(intake_tag_parse("RE: [PHAN ANH #77]", &id) == 0 && id == 77,
	    "tag without accents, any case");
	ok(intake_tag_parse("Fwd: [Phản ánh #12", &id) == -1,
	    "unterminated tag");
	ok(intake_tag_parse("[Phản ánh #abc]", &id) == -1, "not a number");
	ok(intake_tag_parse("[Phản ánh #0]", &id) == -1, "zero");
	ok(intake_tag_parse("Đường ngập", &id) == -1, "no tag");
}

static void
test_sniff(void)
{
	static const struct { const char *b; size_t n; const char *mime; }
	    t[] = {
		{ "\xff\xd8\xff\xe0\x00\x10JFIF", 10, "image/jpeg" },
		{ "\x89PNG\r\n\x1a\n\0\0", 10, "image/png" },
		{ "GIF89a\x01\x00", 8, "image/gif" },
		{ "RIFF\x10\0\0\0WEBPVP8 ", 16, "image/webp" },
		{ "\0\0\0\x18" "ftypheic\0\0", 14, "image/heic" },
		{ "\0\0\0\x18" "ftypisom\0\0", 14, "video/mp4" },
		{ "\0\0\0\x14" "ftypqt  \0\0", 14, "video/quicktime" },
		{ "\x1a\x45\xdf\xa3\x9f", 5, "video/webm" },
	};
	const char	*kind, *mime;
	size_t		 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		mime = "";
		intake_sniff((const unsigned char *)t[i].b, t[i].n, &kind,
		    &mime);
		is_str(mime, t[i].mime, "sniffed %s", t[i].mime);
	}
	is_int(intake_sniff((const unsigned char *)"%PDF-1.4", 8, &kind,
	    &mime), -1, "a PDF is refused");
	intake_sniff((const unsigned char *)"\0\0\0\x18" "ftypmp42", 12, &kind,
	    &mime);
	is_str(kind, "video", "mp4 is a video");
}

static void
test_cut(void)
{
	/* "Đường" = C4 90 | C6 B0 | E1 BB 9D | 6E | 67 */
	is_int((int)intake_utf8_cut("Đường", 100), 9, "short string whole");
	is_int((int)intake_utf8_cut("Đường", 6), 4, "cut before a 3-byte "
	    "character");
	is_int((int)intake_utf8_cut("Đường", 1), 0, "cut inside the first");
}

static void
test_imap(void)
{
	uint32_t	u[4];
	size_t		n = 0, sz = 0;

	ok(imap_parse_search("* FLAGS (\\Seen)\r\n* SEARCH 7 3 12\r\n", u, 4,
	    &n) == 0 && n == 3 && u[0] == 3 && u[1] == 7 && u[2] == 12,
	    "SEARCH answer sorted");
	ok(imap_parse_search("* SEARCH\r\n", u, 4, &n) == 0 && n == 0,
	    "empty SEARCH");
	ok(imap_parse_search("* SEARCH 1 2 3 4 5 6\r\n", u, 4, &n) == 0 &&
	    n == 4 && u[3] == 4, "at most max");
	ok(imap_parse_size("* 1 FETCH (UID 5 RFC822.SIZE 41943040)\r\n",
	    &sz) == 0 && sz == 41943040, "RFC822.SIZE");
	is_int(imap_parse_size("* 1 FETCH (UID 5)\r\n", &sz), -1,
	    "no size");
}

int
main(void)
{
	plan(25);
	test_tag();
	test_sniff();
	test_cut();
	test_imap();
	return done();
}
