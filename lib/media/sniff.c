/*
 * sniff.c: what a file is, by its first bytes (magic numbers, the ISO
 * BMFF "ftyp" box, the EBML header), and where each variant of it lives
 * under media_dir. Pure: no I/O, no libvips.
 */
#include <stdio.h>
#include <string.h>

#include "media/media.h"

static int	iso_bmff(const unsigned char *, size_t, struct media_type *);
static int	brand_in(const unsigned char *, const char *const *);
static int	has_compat(const unsigned char *, size_t, const char *const *);
static int	webm(const unsigned char *, size_t);
static int	vint(const unsigned char *, size_t, size_t *, uint64_t *);
static int	hex64(const char *);

static const struct media_type T_JPEG = { MEDIA_IMAGE, "image/jpeg", "jpg" };
static const struct media_type T_PNG = { MEDIA_IMAGE, "image/png", "png" };
static const struct media_type T_WEBP = { MEDIA_IMAGE, "image/webp", "webp" };
static const struct media_type T_HEIC = { MEDIA_IMAGE, "image/heic", "heic" };
static const struct media_type T_MP4 = { MEDIA_VIDEO, "video/mp4", "mp4" };
static const struct media_type T_MOV = { MEDIA_VIDEO, "video/quicktime",
    "mov" };
static const struct media_type T_WEBM = { MEDIA_VIDEO, "video/webm", "webm" };

/* ftyp brands, four characters each */
static const char *const heif_major[] = { "heic", "heix", "heim", "heis",
    NULL };
static const char *const heif_generic[] = { "mif1", "msf1", NULL };
static const char *const mp4_brands[] = { "isom", "iso2", "iso3", "iso4",
    "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "mmp4", "dash", "MSNV",
    "3gp4", "3gp5", "3gp6", "3g2a", "f4v ", NULL };
static const char *const qt_old_boxes[] = { "moov", "mdat", "wide", NULL };

int
media_sniff(const unsigned char *p, size_t n, struct media_type *t)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };

	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		*t = T_JPEG;
	else if (n >= 8 && memcmp(p, png, 8) == 0)
		*t = T_PNG;
	else if (n >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		*t = T_WEBP;
	else if (n >= 4 && p[0] == 0x1a && p[1] == 0x45 && p[2] == 0xdf &&
	    p[3] == 0xa3) {
		if (!webm(p, n))
			return -1;
		*t = T_WEBM;
	} else if (n >= 12 && memcmp(p + 4, "ftyp", 4) == 0)
		return iso_bmff(p, n, t);
	else if (n >= 8 && brand_in(p + 4, qt_old_boxes))
		*t = T_MOV;		/* QuickTime before "ftyp" existed */
	else
		return -1;
	return 0;
}

int
media_relpath(const char *variant, const char *sha, char *out, size_t size)
{
	const char	*dir, *ext;
	int		 n;

	if (sha == NULL || !hex64(sha))
		return -1;
	if (strcmp(variant, "original") == 0) {
		dir = "originals";
		ext = "";
	} else if (strcmp(variant, "display") == 0 ||
	    strcmp(variant, "thumb") == 0) {
		dir = variant;
		ext = ".jpg";
	} else
		return -1;
	n = snprintf(out, size, "%s/%.2s/%.2s/%s%s", dir, sha, sha + 2, sha,
	    ext);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* "ftyp": major brand at 8, compatible brands from 16 to the box end. */
static int
iso_bmff(const unsigned char *p, size_t n, struct media_type *t)
{
	size_t	box = (size_t)p[0] << 24 | (size_t)p[1] << 16 |
	    (size_t)p[2] << 8 | p[3];

	if (box < 16 || box > 4096)
		return -1;
	if (box > n)
		box = n;
	if (brand_in(p + 8, heif_major) || (brand_in(p + 8, heif_generic) &&
	    has_compat(p, box, heif_major)))
		*t = T_HEIC;
	else if (memcmp(p + 8, "qt  ", 4) == 0)
		*t = T_MOV;
	else if (brand_in(p + 8, mp4_brands))
		*t = T_MP4;
	else
		return -1;	/* AVIF, JPEG 2000, audio-only M4A, ... */
	return 0;
}

static int
brand_in(const unsigned char *b, const char *const *list)
{
	size_t	i;

	for (i = 0; list[i] != NULL; i++)
		if (memcmp(b, list[i], 4) == 0)
			return 1;
	return 0;
}

static int
has_compat(const unsigned char *p, size_t box, const char *const *list)
{
	size_t	off;

	for (off = 16; off + 4 <= box; off += 4)
		if (brand_in(p + off, list))
			return 1;
	return 0;
}

/* The EBML header must name the DocType "webm" (not any Matroska). */
static int
webm(const unsigned char *p, size_t n)
{
	size_t		 off = 4, len;
	uint64_t	 hsize, sz;

	if (vint(p, n, &off, &hsize) == -1 || hsize > n - off)
		return 0;
	n = off + (size_t)hsize;
	while (off + 2 < n) {
		int	id = p[off] << 8 | p[off + 1];

		if ((p[off] & 0x80) != 0) {	/* one-byte ID (CRC-32, Void) */
			off += 1;
			id = p[off - 1];
		} else
			off += 2;
		if (vint(p, n, &off, &sz) == -1 || sz > n - off)
			return 0;
		len = (size_t)sz;
		if (id == 0x4282)
			return len == 4 && memcmp(p + off, "webm", 4) == 0;
		off += len;
	}
	return 0;
}

/* EBML variable-length integer at *off (1..8 bytes, marker bit removed). */
static int
vint(const unsigned char *p, size_t n, size_t *off, uint64_t *v)
{
	size_t	len = 1, i;
	int	mask = 0x80;

	if (*off >= n || p[*off] == 0)
		return -1;
	while (!(p[*off] & mask)) {
		mask >>= 1;
		len++;
	}
	if (*off + len > n)
		return -1;
	*v = (uint64_t)(p[*off] & (mask - 1));
	for (i = 1; i < len; i++)
		*v = *v << 8 | p[*off + i];
	*off += len;
	return 0;
}

static int
hex64(const char *s)
{
	size_t	i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return 0;
	return s[64] == '\0';
}
