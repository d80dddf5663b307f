/*
 * split.h: choose the SMS coding (GSM 03.38 7-bit or UCS-2) for a UTF-8 text
 * and split it into concatenated parts with their UDH, as gammu-smsd's
 * outbox needs them (gammu-smsd never splits; see shared notes/gammu.md).
 * Pure: no I/O, no allocation.
 */
#ifndef SMS_SPLIT_H
#define SMS_SPLIT_H

#define SMS_GSM7		1	/* 0 = not set */
#define SMS_UCS2		2

#define SMS_MAX_PARTS		8
#define SMS_GSM7_SINGLE		160	/* septets */
#define SMS_GSM7_PART		153	/* septets, after the 6-byte UDH */
#define SMS_UCS2_SINGLE		70	/* UTF-16 units */
#define SMS_UCS2_PART		67	/* UTF-16 units, after the 6-byte UDH */

struct sms_part {
	char	text[4 * 160 + 1];	/* UTF-8 text of this part */
	char	udh[13];		/* "050003RRNNSS" (hex), "" if single */
};

struct sms_msg {
	int		coding;		/* SMS_GSM7 or SMS_UCS2 */
	int		nparts;		/* 1..SMS_MAX_PARTS */
	struct sms_part	part[SMS_MAX_PARTS];
};

/*
 * Split utf8 into msg. The coding is SMS_GSM7 when every character is in the
 * GSM 03.38 default alphabet or its extension table (an extension character
 * such as € ^ { } [ ] ~ \ | or form feed costs 2 septets), otherwise SMS_UCS2
 * (a character outside the BMP costs 2 UTF-16 units). A text that fits one
 * SMS (160 septets / 70 units) gives one part with udh "". A longer text is
 * cut into parts of at most 153 septets / 67 units, each with the UDH
 * "050003" ref total seq in uppercase hex. A character is never cut: not an
 * escape pair, not a surrogate pair, and not a base letter from its combining
 * marks, variation selector, skin-tone modifier or ZWJ sequence, nor one flag
 * from its pair. ref is the concatenation reference; the caller varies it per
 * message and recipient.
 * Returns 0, or -1 on NULL arguments, empty or invalid UTF-8 text, or a text
 * that needs more than SMS_MAX_PARTS parts (msg is then zeroed: nparts 0).
 * msg is owned by the caller; it keeps no pointer into utf8.
 */
int		 sms_split(const char *utf8, unsigned char ref,
		    struct sms_msg *msg);

/*
 * 0 if utf8 is valid, non-empty and fits one SMS without concatenation (160
 * septets in GSM-7, 70 units in UCS-2), -1 otherwise. Use it to decide
 * whether the text without diacritics (vn_strip_diacritics()) saves parts.
 */
int		 sms_fits_one(const char *utf8);

/*
 * gammu's name of a coding for the outbox Coding column:
 * "Default_No_Compression" for SMS_GSM7, "Unicode_No_Compression" for
 * SMS_UCS2, NULL for anything else. Static storage.
 */
const char	*sms_coding_name(int coding);

#endif /* SMS_SPLIT_H */
