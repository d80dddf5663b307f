/*
 * test_media.c: unit tests for the pure parts of the media pipeline:
 * content sniffing (lib/media/sniff.c), storage paths, EXIF value
 * conversion (meta.c), the MP4/MOV box walk (mp4.c) and signed URLs
 * (lib/model/media_url.c). libvips and the database are exercised by
 * tests/integration/t_media.sh.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto.h"
#include "media/media.h"
#include "model/media_url.h"
#include "tap.h"

struct sniff_case {
	const char	*name;
	const char	*bytes;
	size_t		 n;
	const char	*mime;		/* NULL: refused */
};

#define B(s)	s, sizeof(s) - 1

static const struct sniff_case sniffs[] = {
	{ "JPEG", B("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "image/jpeg" },
	{ "PNG", B("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "image/png" },
	{ "WebP", B("RIFF\x24\x00\x00\x00WEBPVP8 "), "image/webp" },
	{ "HEIC", B("\x00\x00\x00\x18" "ftypheic\x00\x00\x00\x00mif1heic"),
	    "image/heic" },
	{ "HEIF mif1+heic", B("\x00\x00\x00\x18" "ftypmif1\x00\x00\x00\x00"
	    "mif1heic"), "image/heic" },
	{ "AVIF refused", B("\x00\x00\x00\x1c" "ftypavif\x00\x00\x00\x00"
	    "avifmif1miaf"), NULL },
	{ "MP4 isom", B("\x00\x00\x00\x20" "ftypisom\x00\x00\x02\x00"
	    "isomiso2avc1mp41"), "video/mp4" },
	{ "MOV qt", B("\x00\x00\x00\x14" "ftypqt  \x00\x00\x02\x00qt  "),
	    "video/quicktime" },
	{ "old MOV", B("\x00\x00\x00\x08wide\x00\x00\x10\x00mdat"),
	    "video/quicktime" },
	{ "M4A audio refused", B("\x00\x00\x00\x14" "ftypM4A \x00\x00\x00\x00"
	    "M4A "), NULL },
	{ "WebM", B("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01"
	    "\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm\x42\x87\x81\x02"
	    "\x42\x85\x81\x02"), "video/webm" },
	{ "Matroska refused", B("\x1a\x45\xdf\xa3\x93\x42\x86\x81\x01\x42"
	    "\x82\x88matroska\x42\x87\x81\x04"), NULL },
	{ "HTML refused", B("<!DOCTYPE html><html><body>hi</body></html>"),
	    NULL },
	{ "ELF refused", B("\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00\x00"), NULL },
	{ "GIF refused", B("GIF89a\x01\x00\x01\x00"), NULL },
	{ "SVG refused", B("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
	    NULL },
	{ "two bytes of JPEG", B("\xff\xd8"), NULL },
	{ "empty", "", 0, NULL },
};

static void	test_sniff(void);
static void	test_paths(void);
static void	test_gps(void);
static void	test_time(void);
static void	test_mp4(void);
static void	test_urls(void);
static int	probe_bytes(const unsigned char *, size_t, int64_t *);

int
main(void)
{
	plan(59);
	if (crypto_init() == -1)
		return 1;
	test_sniff();
	test_paths();
	test_gps();
	test_time();
	test_mp4();
	test_urls();
	return done();
}

static void
test_sniff(void)
{
	struct media_type	t;
	size_t			i;
	int			rc;

	for (i = 0; i < sizeof(sniffs) / sizeof(sniffs[0]); i++) {
		memset(&t, 0, sizeof(t));
		rc = media_sniff((const unsigned char *)sniffs[i].bytes,
		    sniffs[i].n, &t);
		if (sniffs[i].mime == NULL)
			is_int(rc, -1, "sniff: %s", sniffs[i].name);
		else
			ok(rc == 0 && strcmp(t.mime, sniffs[i].mime) == 0,
			    "sniff: %s is %s", sniffs[i].name, sniffs[i].mime);
	}
	media_sniff((const unsigned char *)"\xff\xd8\xff", 3, &t);
	is_int(t.kind, MEDIA_IMAGE, "JPEG is an image");
	media_sniff((const unsigned char *)sniffs[6].bytes, sniffs[6].n, &t);
	is_int(t.kind, MEDIA_VIDEO, "MP4 is a video");
}

static void
test_paths(void)
{
	const char	*sha = "ab12cd34ab12cd34ab12cd34ab12cd34ab12cd34ab12cd34"
	    "ab12cd34ab12cd34";
	char		 p[160];

	media_relpath("original", sha, p, sizeof(p));
	is_str(p, "originals/ab/12/ab12cd34ab12cd34ab12cd34ab12cd34ab12cd34"
	    "ab12cd34ab12cd34ab12cd34", "original path");
	media_relpath("display", sha, p, sizeof(p));
	is_str(p, "display/ab/12/ab12cd34ab12cd34ab12cd34ab12cd34ab12cd34"
	    "ab12cd34ab12cd34ab12cd34.jpg", "display path");
	media_relpath("thumb", sha, p, sizeof(p));
	is_str(p, "thumb/ab/12/ab12cd34ab12cd34ab12cd34ab12cd34ab12cd34"
	    "ab12cd34ab12cd34ab12cd34.jpg", "thumb path");
	is_int(media_relpath("../etc", sha, p, sizeof(p)), -1,
	    "unknown variant refused");
	is_int(media_relpath("thumb", "../../etc/passwd", p, sizeof(p)), -1,
	    "non-hex address refused");
	is_int(media_relpath("thumb", "AB12cd34ab12cd34ab12cd34ab12cd34ab12cd34"
	    "ab12cd34ab12cd34ab12cd34", p, sizeof(p)), -1,
	    "upper-case hex refused");
	is_int(media_relpath("thumb", sha, p, 40), -1, "small buffer refused");
}

static void
test_gps(void)
{
	uint32_t	num[3] = { 13, 46, 354 }, den[3] = { 1, 1, 10 };
	uint32_t	lon[3] = { 109, 13, 2532 }, lden[3] = { 1, 1, 100 };
	uint32_t	dec[3] = { 137765, 0, 0 }, dden[3] = { 10000, 0, 0 };
	uint32_t	bad[3] = { 91, 0, 0 }, bden[3] = { 1, 1, 1 };
	double		d = 0;

	ok(media_gps_deg(num, den, 'N', &d) == 0 && d > 13.776499 &&
	    d < 13.776501, "13 46 35.4 N = 13.7765");
	ok(media_gps_deg(lon, lden, 'E', &d) == 0 && d > 109.223699 &&
	    d < 109.223701, "109 13 25.32 E = 109.2237");
	ok(media_gps_deg(num, den, 'S', &d) == 0 && d < -13.7764,
	    "south is negative");
	ok(media_gps_deg(dec, dden, 'N', &d) == 0 && d > 13.776499 &&
	    d < 13.776501, "decimal degrees with 0/0 minutes and seconds");
	is_int(media_gps_deg(bad, bden, 'N', &d), -1, "latitude 91 refused");
	is_int(media_gps_deg(num, den, 'X', &d), -1, "unknown reference");
	den[0] = 0;
	is_int(media_gps_deg(num, den, 'N', &d), -1, "zero denominator");
}

static void
test_time(void)
{
	time_t	t = 0;

	ok(media_exif_time("2024:05:01 08:30:00", NULL, 7 * 3600, &t) == 0 &&
	    t == 1714527000, "local time at +07:00 by default");
	ok(media_exif_time("2024:05:01 08:30:00", "", 7 * 3600, &t) == 0 &&
	    t == 1714527000, "empty offset: the default");
	ok(media_exif_time("2024:02:29 12:00:00", "-03:00", 7 * 3600, &t) ==
	    0 && t == 1709218800, "OffsetTimeOriginal wins");
	ok(media_exif_time("1999:12:31 23:59:59", "+00:00", 7 * 3600, &t) ==
	    0 && t == 946684799, "UTC offset");
	is_int(media_exif_time("0000:00:00 00:00:00", NULL, 0, &t), -1,
	    "zero date refused");
	is_int(media_exif_time("2024:13:01 08:30:00", NULL, 0, &t), -1,
	    "month 13 refused");
	is_int(media_exif_time("2024-05-01 08:30:00", NULL, 0, &t), -1,
	    "wrong separators refused");
	is_int(media_exif_time("2024:05:01", NULL, 0, &t), -1,
	    "date only refused");
}

static void
test_mp4(void)
{
	/* ftyp(20) + moov(8 + mvhd 108) + mdat(16) */
	unsigned char	f[20 + 116 + 16];
	unsigned char	*mv = f + 20;
	int64_t		ms = 0;

	memset(f, 0, sizeof(f));
	memcpy(f, "\x00\x00\x00\x14" "ftypisom\x00\x00\x02\x00isom", 20);
	memcpy(mv, "\x00\x00\x00\x74moov\x00\x00\x00\x6cmvhd", 16);
	/* version 0: timescale 600 at +12, duration 7500 at +16 */
	memcpy(mv + 16 + 12, "\x00\x00\x02\x58\x00\x00\x1d\x4c", 8);
	memcpy(f + 136, "\x00\x00\x00\x10mdatsomedata", 16);
	ok(probe_bytes(f, sizeof(f), &ms) == 0 && ms == 12500,
	    "mvhd: 7500 / 600 s = 12.5 s");
	f[136 + 3] = 0x11;		/* mdat runs past the end */
	is_int(probe_bytes(f, sizeof(f), &ms), -1, "box past the end refused");
	f[136 + 3] = 0x00;		/* size 0: to the end of the file */
	ok(probe_bytes(f, sizeof(f), &ms) == 0 && ms == 12500,
	    "size 0 = last box");
	memcpy(mv + 4, "free", 4);
	is_int(probe_bytes(f, sizeof(f), &ms), -1, "no moov: not a movie");
	memcpy(mv + 4, "moov", 4);
	mv[16 + 12 + 2] = 0;
	mv[16 + 12 + 3] = 0;		/* timescale 0 */
	ok(probe_bytes(f, sizeof(f), &ms) == 0 && ms == -1,
	    "timescale 0: valid file, duration unknown");
	is_int(probe_bytes((const unsigned char *)"<html>\n<body>", 13, &ms),
	    -1, "HTML is no box structure");
}

static int
probe_bytes(const unsigned char *p, size_t n, int64_t *ms)
{
	char	path[] = "/tmp/test_media.XXXXXX";
	int	fd = mkstemp(path), rc = -1;

	if (fd == -1)
		return -2;
	unlink(path);
	if (write(fd, p, n) == (ssize_t)n)
		rc = media_mp4_probe(fd, (int64_t)n, ms);
	close(fd);
	return rc;
}

static void
test_urls(void)
{
	const char	*key = "k3y-abcdefghijklmnopqrstuvwxyz0123456789ABCD";
	const char	*sig = "d8342482c704dafb77f7ee8f0f23045f363e4dcc7b11a5"
	    "2142b65fb3ef298626";
	char		 u[MEDIA_URL_MAX];

	media_url(u, sizeof(u), 12, "display", NULL, 0);
	is_str(u, "/api/v1/media/12/display", "public URL is plain");
	media_url(u, sizeof(u), 12, "display", key, 1700003600);
	is_str(u, "/api/v1/media/12/display?exp=1700003600&sig=d8342482c704dafb"
	    "77f7ee8f0f23045f363e4dcc7b11a52142b65fb3ef298626",
	    "signed URL: HMAC-SHA256 over id/variant/exp");
	is_int(media_url_check(key, 12, "display", "1700003600", sig,
	    1700000000), 0, "valid signature accepted");
	is_int(media_url_check(key, 12, "display", "1700003600", sig,
	    1700003600), -1, "expired signature refused");
	is_int(media_url_check(key, 12, "original", "1700003600", sig,
	    1700000000), -1, "signature of another variant refused");
	is_int(media_url_check(key, 13, "display", "1700003600", sig,
	    1700000000), -1, "signature of another id refused");
	is_int(media_url_check(key, 12, "display", "1700007200", sig,
	    1700000000), -1, "longer expiry refused");
	is_int(media_url_check("", 12, "display", "1700003600", sig,
	    1700000000), -1, "no key, no access");
	is_int(media_url_check(key, 12, "display", NULL, NULL, 1700000000), -1,
	    "no signature, no access");
	is_int(media_url_expiry(1700000000), 1700024400,
	    "expiry: next full hour + 6 h");
	is_int(media_url(u, sizeof(u), 12, "exif", NULL, 0), -1,
	    "unknown variant has no URL");
}
