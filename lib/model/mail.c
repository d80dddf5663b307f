/*
 * mail.c: building e-mail messages (RFC 5322 headers, RFC 2047 encoded
 * words, RFC 2045/2046 multipart/alternative in base64) and rendering the
 * e-mail templates. Pure: no I/O, no clock, no locale. See mail.h.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/mail.h"

#define WORD_BYTES	30	/* UTF-8 bytes per encoded word */
#define B64_LINE	76

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int	is_ascii_text(const char *);
static int	is_key_char(char);
static const char *lookup(const char *, size_t, const char *const *,
		    const char *const *, size_t);
static int	b64_append(struct buf *, const unsigned char *, size_t,
		    int wrap);
static size_t	utf8_cut(const char *, size_t, size_t);
static int	html_escape(struct buf *, const char *, size_t);
static int	html_line(struct buf *, const char *, size_t);
static int	address(struct buf *, const char *, const char *,
		    const char *);
static int	part(struct buf *, const char *, const char *, const char *);
static int	boundary_ok(const char *);

int
mail_render(const char *t, const char *const *keys, const char *const *vals,
    size_t n, struct buf *out, char *err, size_t errsz)
{
	const char	*v;
	size_t		 k;

	while (*t != '\0') {
		if ((t[0] == '{' && t[1] == '{') || (t[0] == '}' && t[1] == '}')) {
			if (buf_append(out, t, 1) == -1)
				goto full;
			t += 2;
			continue;
		}
		if (*t != '{') {
			k = strcspn(t, "{}");
			if (k == 0) {
				snprintf(err, errsz, "lone '}'");
				return -1;
			}
			if (buf_append(out, t, k) == -1)
				goto full;
			t += k;
			continue;
		}
		for (k = 1; is_key_char(t[k]); k++)
			;
		if (k == 1 || t[k] != '}') {
			snprintf(err, errsz, "bad placeholder near \"%.20s\"", t);
			return -1;
		}
		v = lookup(t + 1, k - 1, keys, vals, n);
		if (v == NULL) {
			snprintf(err, errsz, "unknown placeholder {%.*s}",
			    (int)(k - 1), t + 1);
			return -1;
		}
		if (buf_puts(out, v) == -1)
			goto full;
		t += k + 1;
	}
	return 0;
full:
	snprintf(err, errsz, "rendered text too long");
	return -1;
}

int
mail_split_template(char *text, char **subject, char **body)
{
	static const char	 tag[] = "Subject:";
	char			*nl, *end;

	if (strncmp(text, tag, sizeof(tag) - 1) != 0)
		return -1;
	nl = strchr(text, '\n');
	if (nl == NULL || (nl[1] != '\n' && !(nl[1] == '\r' && nl[2] == '\n')))
		return -1;
	*nl = '\0';
	if (nl > text && nl[-1] == '\r')
		nl[-1] = '\0';
	*subject = text + sizeof(tag) - 1;
	while (**subject == ' ' || **subject == '\t')
		(*subject)++;
	*body = nl + (nl[1] == '\r' ? 3 : 2);
	end = *body + strlen(*body);
	while (end > *body && (end[-1] == '\n' || end[-1] == '\r' ||
	    end[-1] == ' '))
		*--end = '\0';
	return **subject != '\0' ? 0 : -1;
}

int
mail_text_to_html(const char *text, const char *lang, const char *title,
    struct buf *out)
{
	const char	*p = text, *nl;
	size_t		 len;
	int		 in_p = 0;

	if (buf_printf(out, "<!DOCTYPE html>\r\n<html lang=\"%s\"><head>"
	    "<meta charset=\"utf-8\"><title>", lang) == -1 ||
	    html_escape(out, title, strlen(title)) == -1 ||
	    buf_puts(out, "</title></head>\r\n<body>\r\n") == -1)
		return -1;
	while (*p != '\0') {
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (len == 0) {
			if (in_p && buf_puts(out, "</p>\r\n") == -1)
				return -1;
			in_p = 0;
		} else if (buf_puts(out, in_p ? "<br>\r\n" : "<p>") == -1 ||
		    html_line(out, p, len) == -1)
			return -1;
		else
			in_p = 1;
		p = nl != NULL ? nl + 1 : p + strlen(p);
	}
	if (in_p && buf_puts(out, "</p>\r\n") == -1)
		return -1;
	return buf_puts(out, "</body></html>\r\n");
}

int
mail_header_value(const char *s, struct buf *out)
{
	size_t	len = strlen(s), i = 0, k;

	if (is_ascii_text(s))
		return buf_puts(out, s);
	while (i < len) {
		k = utf8_cut(s + i, len - i, WORD_BYTES);
		if ((i > 0 && buf_puts(out, "\r\n ") == -1) ||
		    buf_puts(out, "=?UTF-8?B?") == -1 ||
		    b64_append(out, (const unsigned char *)s + i, k, 0) == -1 ||
		    buf_puts(out, "?=") == -1)
			return -1;
		i += k;
	}
	return 0;
}

int
mail_date(time_t t, char *out, size_t outsz)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *const mons[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm	tm;
	int		n;

	if (gmtime_r(&t, &tm) == NULL || tm.tm_wday < 0 || tm.tm_wday > 6 ||
	    tm.tm_mon < 0 || tm.tm_mon > 11)
		return -1;
	n = snprintf(out, outsz, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    days[tm.tm_wday], tm.tm_mday, mons[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
	return n > 0 && (size_t)n < outsz ? 0 : -1;
}

int
mail_addr_ok(const char *a)
{
	const char	*at = strchr(a, '@');
	size_t		 i;

	if (at == NULL || at == a || at[1] == '\0' || strchr(at + 1, '@') ||
	    strlen(a) > 254)
		return 0;
	for (i = 0; a[i] != '\0'; i++)
		if ((unsigned char)a[i] <= ' ' || (unsigned char)a[i] >= 0x7f ||
		    strchr("\"<>(),;:\\[]", a[i]) != NULL)
			return 0;
	return 1;
}

int
mail_build(const struct mail_msg *m, struct buf *out)
{
	char	date[MAIL_DATE_LEN];

	if (!mail_addr_ok(m->from) || !mail_addr_ok(m->to) ||
	    !boundary_ok(m->boundary) || strpbrk(m->message_id, "<>\r\n ") ||
	    mail_date(m->date, date, sizeof(date)) == -1)
		return -1;
	if (buf_printf(out, "Date: %s\r\n", date) == -1 ||
	    address(out, "From", m->from_name, m->from) == -1 ||
	    address(out, "To", m->to_name, m->to) == -1 ||
	    buf_puts(out, "Subject: ") == -1 ||
	    mail_header_value(m->subject, out) == -1 ||
	    buf_printf(out, "\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\n"
	    "Auto-Submitted: auto-generated\r\n", m->message_id) == -1)
		return -1;
	if (m->html == NULL)
		return part(out, NULL, "text/plain", m->text);
	if (buf_printf(out, "Content-Type: multipart/alternative;\r\n"
	    " boundary=\"%s\"\r\n\r\n", m->boundary) == -1 ||
	    part(out, m->boundary, "text/plain", m->text) == -1 ||
	    part(out, m->boundary, "text/html", m->html) == -1)
		return -1;
	return buf_printf(out, "--%s--\r\n", m->boundary);
}

/* One MIME part (boundary NULL: the headers of a single-part message). */
static int
part(struct buf *out, const char *boundary, const char *type,
    const char *body)
{
	if (boundary != NULL && buf_printf(out, "--%s\r\n", boundary) == -1)
		return -1;
	if (buf_printf(out, "Content-Type: %s; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", type) == -1)
		return -1;
	return b64_append(out, (const unsigned char *)body, strlen(body), 1);
}

/* "Name: display <addr>" or "Name: addr", CRLF. */
static int
address(struct buf *out, const char *hdr, const char *name, const char *addr)
{
	size_t	start = out->len, line;
	char	*nl;

	if (buf_printf(out, "%s: ", hdr) == -1)
		return -1;
	if (name != NULL && name[0] != '\0') {
		if (is_ascii_text(name) && strpbrk(name, "\"\\") == NULL) {
			if (buf_printf(out, "\"%s\"", name) == -1)
				return -1;
		} else if (mail_header_value(name, out) == -1)
			return -1;
		/* fold before the address when the line would pass 78 */
		for (nl = out->data + out->len; nl > out->data + start &&
		    nl[-1] != '\n'; nl--)
			;
		line = (size_t)(out->data + out->len - nl);
		return buf_printf(out, "%s<%s>\r\n", line + strlen(addr) + 3 >
		    78 ? "\r\n " : " ", addr);
	}
	return buf_printf(out, "%s\r\n", addr);
}

/* base64 of p[0..n); wrap: CRLF every B64_LINE characters and at the end. */
static int
b64_append(struct buf *out, const unsigned char *p, size_t n, int wrap)
{
	char	q[4];
	size_t	i, col = 0;
	unsigned long v;

	for (i = 0; i < n; i += 3) {
		v = (unsigned long)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = b64[(v >> 18) & 63];
		q[1] = b64[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		if (buf_append(out, q, 4) == -1)
			return -1;
		col += 4;
		if (wrap && col >= B64_LINE && i + 3 < n) {
			if (buf_puts(out, "\r\n") == -1)
				return -1;
			col = 0;
		}
	}
	return wrap ? buf_puts(out, "\r\n") : 0;
}

/* The longest prefix of s (len bytes) of at most max bytes that ends on a
 * character boundary (at least one character). */
static size_t
utf8_cut(const char *s, size_t len, size_t max)
{
	size_t	k;

	if (len <= max)
		return len;
	k = max;
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	if (k == 0) {		/* a character longer than max: take it whole */
		k = 1;
		while (k < len && ((unsigned char)s[k] & 0xc0) == 0x80)
			k++;
	}
	return k;
}

/* One text line: escaped, with http(s):// words as links. */
static int
html_line(struct buf *out, const char *s, size_t len)
{
	size_t	i = 0, w;

	while (i < len) {
		if ((len - i > 7 && strncmp(s + i, "http://", 7) == 0) ||
		    (len - i > 8 && strncmp(s + i, "https://", 8) == 0)) {
			for (w = i; w < len && s[w] != ' ' && s[w] != '\t'; w++)
				;
			if (buf_puts(out, "<a href=\"") == -1 ||
			    html_escape(out, s + i, w - i) == -1 ||
			    buf_puts(out, "\">") == -1 ||
			    html_escape(out, s + i, w - i) == -1 ||
			    buf_puts(out, "</a>") == -1)
				return -1;
			i = w;
			continue;
		}
		for (w = i + 1; w < len && strncmp(s + w, "http", 4) != 0; w++)
			;
		if (html_escape(out, s + i, w - i) == -1)
			return -1;
		i = w;
	}
	return 0;
}

static int
html_escape(struct buf *out, const char *s, size_t n)
{
	size_t	i;
	int	rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		switch (s[i]) {
		case '&':
			rc = buf_puts(out, "&amp;");
			break;
		case '<':
			rc = buf_puts(out, "&lt;");
			break;
		case '>':
			rc = buf_puts(out, "&gt;");
			break;
		case '"':
			rc = buf_puts(out, "&quot;");
			break;
		case '\'':
			rc = buf_puts(out, "&#39;");
			break;
		default:
			rc = buf_append(out, s + i, 1);
		}
	}
	return rc;
}

static const char *
lookup(const char *k, size_t klen, const char *const *keys,
    const char *const *vals, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strlen(keys[i]) == klen && memcmp(keys[i], k, klen) == 0)
			return vals[i] != NULL ? vals[i] : "";
	return NULL;
}

static int
is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Printable ASCII only (no control characters, nothing >= 0x7f). */
static int
is_ascii_text(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < ' ' || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

static int
boundary_ok(const char *b)
{
	size_t	i, n = strlen(b);

	if (n == 0 || n > 60)
		return 0;
	for (i = 0; i < n; i++)
		if (!((b[i] >= 'A' && b[i] <= 'Z') || (b[i] >= 'a' &&
		    b[i] <= 'z') || (b[i] >= '0' && b[i] <= '9') ||
		    strchr("_.=-", b[i]) != NULL))
			return 0;
	return 1;
}
