/*
 * vntext.c: strict UTF-8 decoding and Vietnamese diacritic folding.
 * Pure functions over caller buffers; no allocation, no locale.
 */
#include <string.h>

#include "vntext.h"

struct vn_range {
	uint32_t	first, last;	/* inclusive; even upper, odd lower */
	char		base;		/* uppercase base letter */
};

/* Bounded output cursor of strip_into(). */
struct sink {
	char	*dst;
	size_t	 size;
	size_t	 o;		/* bytes written, always < size */
	int	 pending_space;	/* fold: a space is owed before the next char */
};

static int	decode_tail(const unsigned char *, size_t, uint32_t *,
		    size_t *);
static int	ext_a_b_letter(uint32_t);
static int	is_fold_space(uint32_t);
static int	emit_cp(const char *, size_t, uint32_t, int, struct sink *);
static int	put_bytes(struct sink *, const char *, size_t);
static int	strip_into(const char *, char *, size_t, int);

/* U+00C0..U+00FF: Vietnamese letters of Latin-1, '.' = not Vietnamese. */
static const char latin1_base[] =
    "AAAA....EEE.II....OOOO...UU..Y.."
    "aaaa....eee.ii....oooo...uu..y..";

/* U+1EA0..U+1EF9 (Latin Extended Additional): all Vietnamese, paired. */
static const struct vn_range ext_add[] = {
	{ 0x1EA0, 0x1EB7, 'A' },	/* Ạ Ả Ấ Ầ Ẩ Ẫ Ậ Ắ Ằ Ẳ Ẵ Ặ */
	{ 0x1EB8, 0x1EC7, 'E' },	/* Ẹ Ẻ Ẽ Ế Ề Ể Ễ Ệ */
	{ 0x1EC8, 0x1ECB, 'I' },	/* Ỉ Ị */
	{ 0x1ECC, 0x1EE3, 'O' },	/* Ọ Ỏ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ */
	{ 0x1EE4, 0x1EF1, 'U' },	/* Ụ Ủ Ứ Ừ Ử Ữ Ự */
	{ 0x1EF2, 0x1EF9, 'Y' },	/* Ỳ Ỵ Ỷ Ỹ */
};

int
utf8_decode(const char *s, size_t len, uint32_t *cp, size_t *used)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (s == NULL || cp == NULL || used == NULL || len == 0)
		return -1;
	if (u[0] == 0 || u[0] >= 0x80)
		return u[0] == 0 ? -1 : decode_tail(u, len, cp, used);
	*cp = u[0];
	*used = 1;
	return 0;
}

int
utf8_valid(const char *s, size_t len)
{
	uint32_t	cp;
	size_t		i = 0, n;

	if (s == NULL)
		return -1;
	while (i < len) {
		if (utf8_decode(s + i, len - i, &cp, &n) == -1)
			return -1;
		i += n;
	}
	return 0;
}

size_t
utf8_count(const char *s)
{
	uint32_t	cp;
	size_t		i = 0, n, len, count = 0;

	if (s == NULL)
		return (size_t)-1;
	len = strlen(s);
	while (i < len) {
		if (utf8_decode(s + i, len - i, &cp, &n) == -1)
			return (size_t)-1;
		i += n;
		count++;
	}
	return count;
}

int
vn_strip_diacritics(const char *utf8, char *out, size_t outsz)
{
	return strip_into(utf8, out, outsz, 0);
}

int
vn_fold(const char *utf8, char *out, size_t outsz)
{
	return strip_into(utf8, out, outsz, 1);
}

int
vn_base_letter(uint32_t cp)
{
	size_t	i;

	if (cp >= 0x0300 && cp <= 0x036F)
		return 0;
	if (cp >= 0x00C0 && cp <= 0x00FF)
		return latin1_base[cp - 0xC0] == '.' ? -1 :
		    latin1_base[cp - 0xC0];
	for (i = 0; i < sizeof(ext_add) / sizeof(ext_add[0]); i++) {
		if (cp >= ext_add[i].first && cp <= ext_add[i].last)
			return (cp & 1) ? ext_add[i].base - 'A' + 'a' :
			    ext_add[i].base;
	}
	return ext_a_b_letter(cp);
}

/* Multi-byte sequence whose lead byte u[0] is >= 0x80. */
static int
decode_tail(const unsigned char *u, size_t len, uint32_t *cp, size_t *used)
{
	static const uint32_t	min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	uint32_t		v;
	size_t			n, i;

	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		n = 2;
		v = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3;
		v = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4;
		v = u[0] & 0x07;
	} else
		return -1;
	if (len < n)
		return -1;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return -1;
		v = (v << 6) | (u[i] & 0x3F);
	}
	if (v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return -1;
	*cp = v;
	*used = n;
	return 0;
}

/* ă Ă đ Đ ĩ Ĩ ũ Ũ (Latin Extended-A) and ơ Ơ ư Ư (Latin Extended-B). */
static int
ext_a_b_letter(uint32_t cp)
{
	switch (cp) {
	case 0x0102: return 'A';
	case 0x0103: return 'a';
	case 0x0110: return 'D';
	case 0x0111: return 'd';
	case 0x0128: return 'I';
	case 0x0129: return 'i';
	case 0x0168: return 'U';
	case 0x0169: return 'u';
	case 0x01A0: return 'O';
	case 0x01A1: return 'o';
	case 0x01AF: return 'U';
	case 0x01B0: return 'u';
	default: return -1;
	}
}

static int
is_fold_space(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x00A0;
}

static int
put_bytes(struct sink *k, const char *src, size_t n)
{
	if (k->o + n >= k->size)
		return -1;
	memcpy(k->dst + k->o, src, n);
	k->o += n;
	return 0;
}

/* Append the folded form of one code point (bytes src[0..n)) to dst. */
static int
emit_cp(const char *src, size_t n, uint32_t cp, int fold, struct sink *k)
{
	int	b = vn_base_letter(cp);
	char	c;

	if (b == 0)
		return 0;
	if (k->pending_space) {
		k->pending_space = 0;
		if (put_bytes(k, " ", 1) == -1)
			return -1;
	}
	if (b == -1 && cp >= 0x80)
		return put_bytes(k, src, n);
	c = (char)(b > 0 ? b : (int)cp);
	if (fold && c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	return put_bytes(k, &c, 1);
}

/* The one loop behind strip (fold == 0) and fold (fold == 1). */
static int
strip_into(const char *src, char *dst, size_t dstsz, int fold)
{
	struct sink	k = { dst, dstsz, 0, 0 };
	uint32_t	cp;
	size_t		i = 0, n, len;
	int		rc = -1;

	if (src == NULL || dst == NULL || dstsz == 0)
		return -1;
	len = strlen(src);
	while (i < len) {
		if (utf8_decode(src + i, len - i, &cp, &n) == -1)
			goto out;
		if (fold && is_fold_space(cp))
			k.pending_space = k.o > 0;
		else if (emit_cp(src + i, n, cp, fold, &k) == -1)
			goto out;
		i += n;
	}
	rc = 0;
out:
	dst[rc == 0 ? k.o : 0] = '\0';
	return rc;
}
