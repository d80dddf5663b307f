/*
 * phone.h: Vietnamese / E.164 phone number normalisation and masking, shared
 * by the API and the SMS daemon. Pure: no I/O, no allocation.
 */
#ifndef MODEL_PHONE_H
#define MODEL_PHONE_H

/* Size of an output buffer: '+', at most 14 digits, NUL. */
#define PHONE_E164_SIZE	16

/*
 * Normalise a phone number to E.164 ("+84912345678") in out.
 * Accepted input: digits with optional spaces, '.', '-', '(' and ')', and an
 * optional '+' as the first non-separator character; at most 63 bytes.
 *  - Vietnam, written +84..., 84..., 0084... or 0... (national). A trunk 0
 *    after the country code ("+84 (0)912 345 678") is dropped. The national
 *    significant number must be a mobile number (9 digits, first digit 3, 5,
 *    7, 8 or 9) or a landline (9 or 10 digits, first digit 2).
 *  - Other countries, written +CC... or 00CC...: 8..14 digits in all, kept
 *    unchanged. (E.164 allows 15; out[16] holds 14, see docs/sms-text.md.)
 * A bare national number without the trunk 0 ("912345678") is rejected as
 * ambiguous, as are letters, empty input and any other digit count.
 * Returns 0 and fills out; -1 on any rejection (out is then ""). Borrows in.
 */
int	phone_normalize(const char *in, char out[PHONE_E164_SIZE]);

/*
 * Mask an E.164 number for logs: keep '+' and the first 4 digits and the last
 * 3 digits, replace the rest with '*': "+84912345678" -> "+8491****678".
 * e164 must be '+' and 8..14 digits (what phone_normalize() produces).
 * Returns 0, or -1 on malformed input (out is then "").
 */
int	phone_mask(const char *e164, char out[PHONE_E164_SIZE]);

#endif /* MODEL_PHONE_H */
