/*
 * split.c: GSM-7 / UCS-2 choice and concatenated-SMS splitting.
 * It measures and cuts text; it does not encode PDUs (gammu-smsd does).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model/vntext.h"
#include "split.h"

/* One unit of text that must stay in one part. */
struct cluster {
	size_t	len;	/* bytes */
	int	cost;	/* septets (GSM-7) or UTF-16 units (UCS-2) */
};

static int	add_cluster(struct sms_msg *, const char *, struct cluster *,
		    int *);
static int	char_cost(uint32_t, int);
static int	detect_coding(const char *, size_t);
static int	gsm_septets(uint32_t);
static int	is_extender(uint32_t);
static int	is_regional(uint32_t);
static int	measure(const char *, int *, int *);
static int	next_cluster(const char *, size_t, int, struct cluster *);
static int	pack_parts(const char *, unsigned char, struct sms_msg *);

/* GSM 03.38 default alphabet outside ASCII (one septet each). */
static const uint16_t gsm_basic_non_ascii[] = {
	0x00A1, 0x00A3, 0x00A4, 0x00A5, 0x00A7, 0x00BF, 0x00C4, 0x00C5,
	0x00C6, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00D8, 0x00DC, 0x00DF,
	0x00E0, 0x00E4, 0x00E5, 0x00E6, 0x00E8, 0x00E9, 0x00EC, 0x00F1,
	0x00F2, 0x00F6, 0x00F8, 0x00F9, 0x00FC, 0x0393, 0x0394, 0x0398,
	0x039B, 0x039E, 0x03A0, 0x03A3, 0x03A6, 0x03A8, 0x03A9,
};

int
sms_split(const char *utf8, unsigned char ref, struct sms_msg *msg)
{
	int	coding, total, rc = -1;
	size_t	len;

	if (msg == NULL)
		return -1;
	memset(msg, 0, sizeof(*msg));
	if (utf8 == NULL || measure(utf8, &coding, &total) == -1)
		return -1;
	msg->coding = coding;
	if (total > (coding == SMS_GSM7 ? SMS_GSM7_SINGLE : SMS_UCS2_SINGLE)) {
		rc = pack_parts(utf8, ref, msg);
		goto out;
	}
	len = strlen(utf8);
	if (len >= sizeof(msg->part[0].text))
		goto out;
	memcpy(msg->part[0].text, utf8, len + 1);
	msg->nparts = 1;
	rc = 0;
out:
	if (rc == -1)
		memset(msg, 0, sizeof(*msg));
	return rc;
}

int
sms_fits_one(const char *utf8)
{
	int	coding, total;

	if (utf8 == NULL || measure(utf8, &coding, &total) == -1)
		return -1;
	if (coding == SMS_GSM7)
		return total <= SMS_GSM7_SINGLE ? 0 : -1;
	return total <= SMS_UCS2_SINGLE ? 0 : -1;
}

const char *
sms_coding_name(int coding)
{
	if (coding == SMS_GSM7)
		return "Default_No_Compression";
	if (coding == SMS_UCS2)
		return "Unicode_No_Compression";
	return NULL;
}

/* Validate, pick the coding and count its units for the whole text. */
static int
measure(const char *utf8, int *coding, int *total)
{
	struct cluster	c;
	size_t		len = strlen(utf8), i;

	if (len == 0 || utf8_valid(utf8, len) == -1)
		return -1;
	*coding = detect_coding(utf8, len);
	*total = 0;
	for (i = 0; i < len; i += c.len) {
		if (next_cluster(utf8 + i, len - i, *coding, &c) == -1)
			return -1;
		if (*total > SMS_MAX_PARTS * SMS_GSM7_SINGLE)
			return -1;	/* hopeless; keeps the sum bounded */
		*total += c.cost;
	}
	return 0;
}

static int
detect_coding(const char *utf8, size_t len)
{
	uint32_t	cp;
	size_t		i, n;

	for (i = 0; i < len; i += n) {
		if (utf8_decode(utf8 + i, len - i, &cp, &n) == -1)
			return SMS_UCS2;
		if (gsm_septets(cp) == 0)
			return SMS_UCS2;
	}
	return SMS_GSM7;
}

/* Greedy packing of clusters into parts of SMS_*_PART units. */
static int
pack_parts(const char *utf8, unsigned char ref, struct sms_msg *out)
{
	struct cluster	c;
	size_t		len = strlen(utf8), i;
	int		used = 0, k, n;

	out->nparts = 1;
	for (i = 0; i < len; i += c.len) {
		if (next_cluster(utf8 + i, len - i, out->coding, &c) == -1)
			return -1;
		if (add_cluster(out, utf8 + i, &c, &used) == -1)
			return -1;
	}
	for (k = 0; k < out->nparts; k++) {
		n = snprintf(out->part[k].udh, sizeof(out->part[k].udh),
		    "050003%02X%02X%02X", (unsigned)ref,
		    (unsigned)out->nparts, (unsigned)(k + 1));
		if (n < 0 || (size_t)n >= sizeof(out->part[k].udh))
			return -1;
	}
	return 0;
}

/* Append one cluster to the current part, opening a new part if needed. */
static int
add_cluster(struct sms_msg *out, const char *src, struct cluster *c,
    int *used)
{
	int		 limit;
	struct sms_part	*p;
	size_t		 tl;

	limit = out->coding == SMS_GSM7 ? SMS_GSM7_PART : SMS_UCS2_PART;
	if (c->cost > limit)
		return -1;
	if (*used + c->cost > limit) {
		if (out->nparts == SMS_MAX_PARTS)
			return -1;
		out->nparts++;
		*used = 0;
	}
	p = &out->part[out->nparts - 1];
	tl = strlen(p->text);
	if (tl + c->len >= sizeof(p->text))
		return -1;
	memcpy(p->text + tl, src, c->len);
	p->text[tl + c->len] = '\0';
	*used += c->cost;
	return 0;
}

/*
 * The cluster at s: one code point plus whatever must stay attached to it
 * (combining marks, variation selectors, skin tones, ZWJ + next, the second
 * regional indicator of a flag). Text is already validated.
 */
static int
next_cluster(const char *s, size_t len, int coding, struct cluster *c)
{
	uint32_t	cp, first;
	size_t		n;
	int		join = 0, regionals;

	if (utf8_decode(s, len, &first, &n) == -1)
		return -1;
	c->len = n;
	c->cost = char_cost(first, coding);
	regionals = is_regional(first);
	while (c->len < len) {
		if (utf8_decode(s + c->len, len - c->len, &cp, &n) == -1)
			return -1;
		if (!join && !is_extender(cp) &&
		    !(regionals == 1 && is_regional(cp)))
			break;
		join = cp == 0x200D;
		regionals += is_regional(cp);
		c->len += n;
		c->cost += char_cost(cp, coding);
	}
	return 0;
}

static int
char_cost(uint32_t cp, int coding)
{
	if (coding == SMS_GSM7)
		return gsm_septets(cp);
	return cp > 0xFFFF ? 2 : 1;
}

/* 1 for the default alphabet, 2 for the extension table, 0 if absent. */
static int
gsm_septets(uint32_t cp)
{
	size_t	i;

	if (cp == '\n' || cp == '\r')
		return 1;
	if (cp == '\f' || cp == 0x20AC)
		return 2;
	if (cp >= 0x20 && cp < 0x7F) {
		if (cp == '`')
			return 0;
		return strchr("^{}\\[~]|", (int)cp) != NULL ? 2 : 1;
	}
	for (i = 0; i < sizeof(gsm_basic_non_ascii) /
	    sizeof(gsm_basic_non_ascii[0]); i++)
		if (gsm_basic_non_ascii[i] == cp)
			return 1;
	return 0;
}

/* Code points that never start a part: they modify the one before. */
static int
is_extender(uint32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) ||	/* combining marks */
	    (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	    (cp >= 0x20D0 && cp <= 0x20FF) ||
	    (cp >= 0xFE20 && cp <= 0xFE2F) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) ||		/* variation sel. */
	    cp == 0x200D ||				/* zero width joiner */
	    (cp >= 0x1F3FB && cp <= 0x1F3FF) ||	/* skin tones */
	    (cp >= 0xE0020 && cp <= 0xE007F) ||	/* tag sequences */
	    (cp >= 0xE0100 && cp <= 0xE01EF);
}

static int
is_regional(uint32_t cp)
{
	return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}
