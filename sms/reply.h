/*
 * reply.h: the text side of SMS replies and alerts: parse an officer's reply
 * ("OK 1234", "Nhận 1234", "TRA 1234 <lý do>") and render {key} templates.
 * Pure: no I/O, no allocation. Matching senders and acting is sms/replies.c.
 */
#ifndef SMS_REPLY_H
#define SMS_REPLY_H

#include <stddef.h>

enum sms_reply_kind {
	SMS_REPLY_ACCEPT,	/* accept (tiếp nhận) the case */
	SMS_REPLY_RETURN,	/* return as not competent (trả lại) */
	SMS_REPLY_UNKNOWN	/* not understood; see err */
};

/* Why a reply is UNKNOWN, so the daemon can pick the right hint template. */
enum sms_reply_err {
	SMS_REPLY_ERR_NONE,	/* kind is ACCEPT or RETURN */
	SMS_REPLY_ERR_EMPTY,	/* blank text */
	SMS_REPLY_ERR_SYNTAX,	/* no keyword/code, bad code, two codes, ... */
	SMS_REPLY_ERR_NO_CODE,	/* "TRA <reason>": a return needs a code */
	SMS_REPLY_ERR_NO_REASON, /* "TRA 1234": a return needs a reason */
	SMS_REPLY_ERR_INVALID	/* not valid UTF-8 */
};

#define SMS_REPLY_CODE_MAX	12	/* digits */

struct sms_reply {
	enum sms_reply_kind	kind;
	enum sms_reply_err	err;
	char			code[24];	/* digits; "" = none given */
	char			reason[600];	/* original text, trimmed */
};

/*
 * Parse a reply, ignoring case and diacritics (composed or decomposed).
 * Grammar (docs/sms-text.md has the table), on the folded text:
 *   ACCEPT: KA [sep] code [comment]      "OK 1234", "ok1234", "Ok: #1234"
 *           KA                            no code: the daemon uses the
 *                                         officer's only pending case
 *           code                          "1234", "#1234"
 *   RETURN: KR [sep] code sep reason      "Trả 1234 sai địa bàn"
 *   KA = "ok" | "nhan" | "tiep nhan"      (OK, Nhận, Tiếp nhận)
 *   KR = "tra" | "tra lai"                (Trả, Trả lại)
 * code is an optional '#' and 1..12 digits, kept as written (leading zeros
 * too); sep is spaces and : - , . ; – —. The keyword and the code must end at
 * a non-letter ("okay", "1234a" are UNKNOWN). reason (RETURN, required) and
 * comment (ACCEPT, optional, stored in reason) are the original text after
 * the code and its separators, trimmed, cut at a character boundary to fit;
 * a comment or reason whose first word is a number is refused (two codes?).
 * A bare keyword or code may only be followed by punctuation.
 * Always fills *out (kind UNKNOWN with err set when not understood; code is
 * kept for NO_REASON). Returns 0, or -1 if an argument is NULL or the text
 * is not valid UTF-8 (out, if given, is then UNKNOWN). Borrows utf8.
 */
int	sms_reply_parse(const char *utf8, struct sms_reply *out);

/*
 * Render tmpl into out, replacing each {key} by the vals[i] of the keys[i]
 * equal to key (n pairs). "{{" and "}}" give literal braces. Keys are
 * [A-Za-z0-9_.]+. An unknown or malformed placeholder, a stray brace, a NULL
 * value or an output longer than outsz - 1 gives -1 (out is then ""), so a
 * bad template fails loudly instead of sending "{cod}". Returns 0 on success.
 * keys/vals may be NULL when n is 0. Borrows everything.
 */
int	sms_render(const char *tmpl, const char *const *keys,
	    const char *const *vals, size_t n, char *out, size_t outsz);

#endif /* SMS_REPLY_H */
