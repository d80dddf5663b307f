/*
 * parse.h: one e-mail message (RFC 5322 + MIME) reduced to what intake
 * needs: ids for threading, sender, date, subject, the text of the body
 * in UTF-8 (HTML converted, legacy charsets such as windows-1258 and
 * VISCII converted), photo/video attachments, and whether it is an
 * automatic message (auto-reply, bounce, list mail). Wraps GMime 3: the
 * only file that includes gmime.h is parse.c. No I/O, no database.
 */
#ifndef MAIL_PARSE_H
#define MAIL_PARSE_H

#include <stddef.h>
#include <time.h>

#define MAIL_ID_MAX	256
#define MAIL_MAX_REFS	16
#define MAIL_MAX_ATT	10
#define MAIL_TEXT_MAX	(64 * 1024)	/* body text kept, bytes */

struct mail_att {
	char		 mime[64];	/* "image/jpeg", lower case */
	char		 filename[128];	/* UTF-8 or "" */
	unsigned char	*data;		/* decoded bytes; owned (free()) */
	size_t		 len;
};

struct mail_msg {
	char		 message_id[MAIL_ID_MAX];	/* no <>; never "" */
	char		 refs[MAIL_MAX_REFS][MAIL_ID_MAX];	/* no <> */
	size_t		 nrefs;		/* In-Reply-To first, then References */
	char		*subject;	/* UTF-8, owned; "" if none */
	char		 from_name[256];	/* display name, UTF-8, or "" */
	char		 from_addr[256];	/* lower-cased address or "" */
	time_t		 date;		/* Date: header, 0 if none/invalid */
	char		*text;		/* body text, UTF-8, owned; may be "" */
	int		 is_auto;	/* auto-reply, bounce or bulk mail */
	char		 auto_why[64];	/* which header said so */
	struct mail_att	 att[MAIL_MAX_ATT];	/* photos and videos */
	size_t		 natt;
	size_t		 n_too_large;	/* photos/videos over the limit, dropped */
	size_t		 n_ignored;	/* other attachments, or beyond MAX_ATT */
};

/* Call before mail_parse (g_mime_init; later calls do nothing). */
void	mail_global_init(void);

/*
 * Parses raw[0..len) into *m (which it zeroes first). Photos and videos
 * larger than max_att bytes (decoded) are dropped and counted. A message
 * without a Message-ID gets "sha256.<hex of raw>@local" so it can still
 * be deduplicated. Returns 0, or -1 when the bytes are not a message; in
 * both cases the caller must call mail_msg_free(m).
 */
int	mail_parse(const char *raw, size_t len, size_t max_att,
	    struct mail_msg *m);

/* Frees what *m owns (NULL-safe; *m may be reused after). */
void	mail_msg_free(struct mail_msg *m);

#endif
