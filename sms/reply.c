/*
 * reply.c: parse officers' SMS replies and render SMS templates.
 * It only reads text; matching the sender and changing the case is the
 * daemon's job (sms/replies.c), the grammar is in docs/sms-text.md.
 */
#include <stdint.h>
#include <string.h>

#include "model/vntext.h"
#include "reply.h"

#define C_OTHER		0x80	/* folded class of a non-ASCII non-letter */
#define SEPS		" :-,.;"
#define PUNCT		" :-,.;!"

enum keyword { KW_NONE, KW_ACCEPT, KW_RETURN };

/* Cursor over the original text; peek() folds one character at a time. */
struct scan {
	const char	*s;
	size_t		 len;
	size_t		 i;
};

static void	classify(int, int, struct scan *, struct sms_reply *);
static void	copy_rest(struct scan *, char *, size_t);
static int	first_word_is_number(struct scan);
static int	fold_cp(uint32_t);
static int	is_word(int);
static int	match_keyword(struct scan *);
static int	peek(const struct scan *, size_t *);
static int	read_code(struct scan *, char *, size_t);
static int	rest_is(struct scan, const char *);
static int	render_key(const char *, size_t, const char *const *,
		    const char *const *, size_t, const char **);
static void	skip(struct scan *, const char *);

static const struct {
	const char	*word;		/* folded */
	enum keyword	 kw;
} keywords[] = {
	{ "ok", KW_ACCEPT },
	{ "tiep nhan", KW_ACCEPT },	/* tiếp nhận */
	{ "nhan", KW_ACCEPT },		/* nhận */
	{ "tra lai", KW_RETURN },	/* trả lại, before "tra" */
	{ "tra", KW_RETURN },		/* trả */
};

int
sms_reply_parse(const char *utf8, struct sms_reply *out)
{
	struct scan	sc;
	int		kw, code;

	if (out == NULL)
		return -1;
	memset(out, 0, sizeof(*out));
	out->kind = SMS_REPLY_UNKNOWN;
	out->err = SMS_REPLY_ERR_INVALID;
	if (utf8 == NULL || utf8_valid(utf8, strlen(utf8)) == -1)
		return -1;
	sc.s = utf8;
	sc.len = strlen(utf8);
	sc.i = 0;
	out->err = SMS_REPLY_ERR_EMPTY;
	skip(&sc, " ");
	if (sc.i == sc.len)
		return 0;
	kw = match_keyword(&sc);
	if (kw != KW_NONE)
		skip(&sc, SEPS);
	code = read_code(&sc, out->code, sizeof(out->code));
	classify(kw, code, &sc, out);
	if (out->kind == SMS_REPLY_UNKNOWN &&
	    out->err != SMS_REPLY_ERR_NO_REASON)
		out->code[0] = '\0';
	return 0;
}

int
sms_render(const char *tmpl, const char *const *keys,
    const char *const *vals, size_t n, char *out, size_t outsz)
{
	const char	*v, *end;
	size_t		 i = 0, o = 0, vl;
	int		 rc = -1;

	if (tmpl == NULL || out == NULL || outsz == 0 ||
	    (n > 0 && (keys == NULL || vals == NULL)))
		return -1;
	while (tmpl[i] != '\0') {
		v = tmpl + i;
		vl = 1;
		if ((tmpl[i] == '{' || tmpl[i] == '}') &&
		    tmpl[i + 1] == tmpl[i])
			i++;		/* "{{" or "}}": one literal brace */
		else if (tmpl[i] == '}')
			goto out;
		else if (tmpl[i] == '{') {
			end = strchr(tmpl + i, '}');
			if (end == NULL || render_key(tmpl + i + 1,
			    (size_t)(end - tmpl) - i - 1, keys, vals, n,
			    &v) == -1)
				goto out;
			vl = strlen(v);
			i = (size_t)(end - tmpl);
		}
		if (o + vl >= outsz)
			goto out;
		memcpy(out + o, v, vl);
		o += vl;
		i++;
	}
	rc = 0;
out:
	out[rc == 0 ? o : 0] = '\0';
	return rc;
}

/* Decide kind/err from what was found; sc is just after the code. */
static void
classify(int kw, int code, struct scan *sc, struct sms_reply *out)
{
	out->err = SMS_REPLY_ERR_SYNTAX;
	if (code == -1)
		return;
	if (kw == KW_NONE || code == 0) {
		if (kw == KW_RETURN)
			out->err = SMS_REPLY_ERR_NO_CODE;
		else if ((kw == KW_ACCEPT || code == 1) &&
		    rest_is(*sc, PUNCT)) {
			out->kind = SMS_REPLY_ACCEPT;
			out->err = SMS_REPLY_ERR_NONE;
		}
		return;
	}
	if (first_word_is_number(*sc))
		return;
	if (!rest_is(*sc, PUNCT))
		copy_rest(sc, out->reason, sizeof(out->reason));
	if (kw == KW_RETURN && out->reason[0] == '\0') {
		out->err = SMS_REPLY_ERR_NO_REASON;
		return;
	}
	out->kind = kw == KW_RETURN ? SMS_REPLY_RETURN : SMS_REPLY_ACCEPT;
	out->err = SMS_REPLY_ERR_NONE;
}

/* Folded class of one code point: see peek(). */
static int
fold_cp(uint32_t cp)
{
	int	b = vn_base_letter(cp);

	if (b > 0)
		return b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b;
	if (cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x00A0)
		return ' ';
	if (cp == 0x2013 || cp == 0x2014)	/* en and em dash */
		return '-';
	if (cp >= 'A' && cp <= 'Z')
		return (int)(cp - 'A' + 'a');
	if (cp > 0 && cp < 0x80)
		return (int)cp;
	return C_OTHER;
}

/*
 * The folded character at sc->i (lowercase ASCII letter, digit, ASCII punct,
 * ' ' for any space, C_OTHER, 0 at the end); *n gets its byte length including
 * the combining marks that follow it. The text is already validated.
 */
static int
peek(const struct scan *sc, size_t *n)
{
	uint32_t	cp;
	size_t		k, m;
	int		c;

	*n = 0;
	if (sc->i >= sc->len ||
	    utf8_decode(sc->s + sc->i, sc->len - sc->i, &cp, &k) == -1)
		return 0;
	c = fold_cp(cp);
	while (sc->i + k < sc->len && utf8_decode(sc->s + sc->i + k,
	    sc->len - sc->i - k, &cp, &m) == 0 && vn_base_letter(cp) == 0)
		k += m;
	*n = k;
	return c;
}

static int
is_word(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == C_OTHER;
}

static void
skip(struct scan *sc, const char *set)
{
	size_t	n;
	int	c;

	for (c = peek(sc, &n); c != 0 && strchr(set, c) != NULL;
	    c = peek(sc, &n))
		sc->i += n;
}

/*
 * A keyword at sc followed by a non-letter; advances past it if found. A
 * space in a keyword matches any run of spaces.
 */
static int
match_keyword(struct scan *sc)
{
	struct scan	t;
	size_t		k, j, n;
	int		c;

	for (k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++) {
		t = *sc;
		for (j = 0; keywords[k].word[j] != '\0'; j++) {
			if (peek(&t, &n) != keywords[k].word[j])
				break;
			t.i += n;
			if (keywords[k].word[j] == ' ')
				skip(&t, " ");
		}
		if (keywords[k].word[j] != '\0')
			continue;
		c = peek(&t, &n);
		if ((c >= 'a' && c <= 'z') || c == C_OTHER)
			continue;
		*sc = t;
		return keywords[k].kw;
	}
	return KW_NONE;
}

/* 1: code read into code; 0: no code here (sc unchanged); -1: malformed. */
static int
read_code(struct scan *sc, char *code, size_t codesz)
{
	struct scan	t = *sc;
	size_t		d = 0, n;
	int		c, hash = 0;

	if (peek(&t, &n) == '#') {
		hash = 1;
		t.i += n;
	}
	for (c = peek(&t, &n); c >= '0' && c <= '9'; c = peek(&t, &n)) {
		if (d >= SMS_REPLY_CODE_MAX || d + 1 >= codesz)
			return -1;
		code[d++] = (char)c;
		t.i += n;
	}
	code[d] = '\0';
	if (d == 0)
		return hash ? -1 : 0;
	if (is_word(peek(&t, &n)))
		return -1;
	*sc = t;
	return 1;
}

/* Does the rest of the text hold only characters of set? */
static int
rest_is(struct scan sc, const char *set)
{
	skip(&sc, set);
	return sc.i == sc.len;
}

static int
first_word_is_number(struct scan sc)
{
	size_t	n;
	int	c, digits = 0;

	skip(&sc, SEPS);
	for (c = peek(&sc, &n); c >= '0' && c <= '9'; c = peek(&sc, &n)) {
		digits++;
		sc.i += n;
	}
	return digits > 0 && !is_word(c);
}

/* The original text after the separators, trimmed, cut to fit dst. */
static void
copy_rest(struct scan *sc, char *dst, size_t dstsz)
{
	size_t	end = sc->len, len;

	skip(sc, SEPS);
	while (end > sc->i && strchr(" \t\n\v\f\r", sc->s[end - 1]) != NULL)
		end--;
	while (end >= sc->i + 2 && (unsigned char)sc->s[end - 2] == 0xC2 &&
	    (unsigned char)sc->s[end - 1] == 0xA0)
		end -= 2;			/* trailing NBSP */
	len = end - sc->i;
	if (len >= dstsz) {
		len = dstsz - 1;
		while (len > 0 && ((unsigned char)sc->s[sc->i + len] & 0xC0) ==
		    0x80)
			len--;
	}
	memcpy(dst, sc->s + sc->i, len);
	dst[len] = '\0';
}

/* Look up key (klen bytes) among keys; *val gets its value. */
static int
render_key(const char *key, size_t klen, const char *const *keys,
    const char *const *vals, size_t n, const char **val)
{
	size_t	i;

	if (klen == 0 || strspn(key, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") < klen)
		return -1;
	for (i = 0; i < n; i++) {
		if (keys[i] != NULL && strlen(keys[i]) == klen &&
		    strncmp(keys[i], key, klen) == 0) {
			*val = vals[i];
			return vals[i] == NULL ? -1 : 0;
		}
	}
	return -1;
}
