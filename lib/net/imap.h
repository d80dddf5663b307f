/*
 * imap.h: the mailbox side of e-mail intake over libcurl IMAP(S): search
 * by flags, size, fetch whole or header only, set flags. One session
 * keeps one easy handle so the calls of a poll share one connection.
 * Daemons only.
 */
#ifndef NET_IMAP_H
#define NET_IMAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct imap;

struct imap_conf {
	const char	*url;		/* imaps://host/INBOX (mailbox in path) */
	const char	*user;
	const char	*password;
	int		 timeout_ms;	/* per command; default 60000 */
};

/*
 * A session for conf (strings are copied). NULL on failure. Requires
 * http_global_init() (curl_global_init) to have run. Free with
 * imap_close().
 */
struct imap	*imap_open(const struct imap_conf *);
void		 imap_close(struct imap *);

/* curl's message for the last failure ("" if none). Borrowed. */
const char	*imap_error(const struct imap *);

/*
 * UIDs of the mailbox's messages matching criteria (an IMAP SEARCH key
 * such as "UNKEYWORD $Phananh"), ascending, at most max (the first max
 * of the server's answer). 0 or -1.
 */
int	imap_search(struct imap *, const char *criteria, uint32_t *uids,
	    size_t max, size_t *n);

/* RFC822.SIZE of message uid in bytes. 0 or -1. */
int	imap_size(struct imap *, uint32_t uid, size_t *size);

/*
 * Appends message uid (only its header when header_only) to out, whose
 * limit the caller chose. -1 on failure or when the limit is hit.
 */
int	imap_fetch(struct imap *, uint32_t uid, int header_only,
	    struct buf *out);

/* UID STORE uid +FLAGS (flags), e.g. "$Phananh \\Seen". 0 or -1. */
int	imap_add_flags(struct imap *, uint32_t uid, const char *flags);

/* Pure: "* SEARCH 1 2 3" lines into uids (ascending, at most max). 0/-1. */
int	imap_parse_search(const char *resp, uint32_t *uids, size_t max,
	    size_t *n);

/* Pure: the RFC822.SIZE in a FETCH response. 0 or -1 if absent. */
int	imap_parse_size(const char *resp, size_t *size);

#endif
