/*
 * mail.h: e-mail messages as text, no I/O: template rendering
 * ({placeholders}), RFC 5322 headers with RFC 2047 encoded words for UTF-8
 * (=?UTF-8?B?…?=), a multipart/alternative body (text/plain + text/html,
 * both UTF-8, base64), Date and Message-ID. Lines end in CRLF. lib/net/
 * smtp.c sends the result; jobd/mail.c ties them to the database.
 */
#ifndef MODEL_MAIL_H
#define MODEL_MAIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/buf.h"

#define MAIL_DATE_LEN	40	/* "Sat, 28 Nov 2026 10:45:06 +0000" + NUL */

/* One message; every pointer borrowed, UTF-8. */
struct mail_msg {
	const char	*from;		/* address only: a@b.c */
	const char	*from_name;	/* display name or NULL */
	const char	*to;		/* address only */
	const char	*to_name;	/* display name or NULL */
	const char	*subject;
	const char	*text;		/* plain body (LF or CRLF lines) */
	const char	*html;		/* HTML body, NULL = text/plain only */
	const char	*message_id;	/* without <>, e.g. "n12.1700@host" */
	const char	*boundary;	/* MIME boundary: [A-Za-z0-9_.=-], <= 60 */
	time_t		 date;
};

/*
 * Renders tmpl into out: "{key}" is replaced by the value of key (keys and
 * vals are parallel arrays of n borrowed strings; key is [a-z0-9_]+),
 * "{{" and "}}" are literal braces. An unknown key, an unclosed or empty
 * "{}" is an error: returns -1 with a reason in err (errsz bytes);
 * returns 0 on success. out may hold partial output after an error.
 */
int	mail_render(const char *tmpl, const char *const *keys,
	    const char *const *vals, size_t n, struct buf *out, char *err,
	    size_t errsz);

/*
 * Splits a template file's text in place: the first line must be
 * "Subject: <text>", followed by one empty line, then the body.
 * *subject and *body point into text (trailing blank lines of the body
 * are cut). 0, or -1 when the layout is wrong.
 */
int	mail_split_template(char *text, char **subject, char **body);

/*
 * Appends the HTML alternative of a plain text: characters escaped,
 * paragraphs (blank-line separated) as <p>, line breaks as <br>, every
 * http:// or https:// word as a link; a complete document with lang and
 * title. 0, or -1 when out is full.
 */
int	mail_text_to_html(const char *text, const char *lang,
	    const char *title, struct buf *out);

/*
 * Appends s as a header value: unchanged when it is printable ASCII,
 * else as RFC 2047 "B" encoded words of at most 30 bytes of UTF-8 each
 * (never splitting a character), folded with CRLF SP so no line exceeds
 * 76 characters. 0, or -1 when out is full.
 */
int	mail_header_value(const char *s, struct buf *out);

/* RFC 5322 date of t in UTC into out (MAIL_DATE_LEN bytes). 0 or -1. */
int	mail_date(time_t t, char *out, size_t outsz);

/*
 * 1 when addr is a plain addr-spec we are willing to put in a header and
 * an SMTP envelope: one '@' with text on both sides, printable ASCII,
 * no spaces, quotes, angle brackets, commas or control characters; else 0.
 */
int	mail_addr_ok(const char *addr);

/*
 * Appends the whole message (headers, blank line, MIME body) to out.
 * Returns 0, or -1 when an address is not mail_addr_ok(), the boundary
 * is unusable, or out is full.
 */
int	mail_build(const struct mail_msg *, struct buf *out);

#endif /* MODEL_MAIL_H */
