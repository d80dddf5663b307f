/*
 * vntext.h: UTF-8 checks and Vietnamese diacritic folding, pure (no I/O, no
 * allocation). Used to send alerts without diacritics and to match replies.
 */
#ifndef MODEL_VNTEXT_H
#define MODEL_VNTEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one code point from s (at most len bytes). Strict UTF-8: rejects
 * overlong forms, surrogates, values above U+10FFFF, truncated sequences and
 * NUL. On success stores the code point in *cp, its byte length in *used and
 * returns 0; returns -1 otherwise (outputs untouched). Borrows s.
 */
int	utf8_decode(const char *s, size_t len, uint32_t *cp, size_t *used);

/*
 * Returns 0 if the len bytes at s are valid UTF-8 (as utf8_decode() defines
 * it: an embedded NUL is invalid), -1 if not or if s is NULL.
 */
int	utf8_valid(const char *s, size_t len);

/*
 * Number of code points in the NUL-terminated string s, or (size_t)-1 if s is
 * NULL or not valid UTF-8.
 */
size_t	utf8_count(const char *s);

/*
 * Copy utf8 to out with Vietnamese diacritics removed: every precomposed
 * Vietnamese letter (a ă â e ê i o ô ơ u ư y with or without any of the five
 * tone marks, both cases, and đ/Đ) becomes its ASCII base letter, keeping the
 * case, and combining marks U+0300..U+036F (decomposed input) are dropped.
 * ASCII and every other character are copied unchanged (lossless: the caller
 * decides what to do with, say, "€" or an emoji; sms_split() then picks
 * UCS-2). The output is never longer than the input, so outsz >=
 * strlen(utf8) + 1 always suffices. Returns 0, or -1 on NULL arguments,
 * invalid UTF-8 or a too small buffer (out is then "" when outsz > 0).
 */
int	vn_strip_diacritics(const char *utf8, char *out, size_t outsz);

/*
 * Matching key for free text: vn_strip_diacritics(), then ASCII lowercase,
 * every run of whitespace (ASCII space, \t \n \v \f \r and U+00A0) becomes one
 * space, leading and trailing whitespace removed. "  Nhận\t1234 " -> "nhan
 * 1234". Same size rule, return values and error behaviour as
 * vn_strip_diacritics().
 */
int	vn_fold(const char *utf8, char *out, size_t outsz);

/*
 * The ASCII base letter of one code point: 'a'..'z' / 'A'..'Z' for a
 * Vietnamese letter with diacritics (case kept), 0 for a combining mark
 * U+0300..U+036F (drop it), -1 for anything else (ASCII included: the caller
 * keeps it as it is). Exposed for scanners that need byte positions in the
 * original text (sms/reply.c).
 */
int	vn_base_letter(uint32_t cp);

#endif /* MODEL_VNTEXT_H */
