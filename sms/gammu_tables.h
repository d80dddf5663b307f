/*
 * gammu_tables.h: the only interface to gammu-smsd's tables (outbox,
 * outbox_multipart, sentitems, inbox; schema version 17, InnoDB, in our
 * database). gammu_tables.c is the one file outside lib/store allowed to
 * hold SQL (style.md §3.3): these are Gammu's tables, not ours.
 * See shared notes/gammu.md §2 for every column used here.
 */
#ifndef SMS_GAMMU_TABLES_H
#define SMS_GAMMU_TABLES_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;
struct sms_msg;

/* One message for the outbox. All pointers are borrowed. */
struct gammu_out {
	const char		*dest;		/* E.164 */
	const char		*creator;	/* CreatorID, "phananh:n=<id>" */
	const char		*sender_id;	/* PhoneID or "" / NULL = any */
	int			 validity;	/* RelativeValidity, -1 default */
	int			 delivery_report;	/* 1 = 'yes' */
	int			 priority;
	const struct sms_msg	*msg;		/* from sms_split() */
};

/* Where a queued message stands, from outbox and sentitems. */
enum gammu_status {
	GAMMU_PENDING,		/* still in outbox */
	GAMMU_SENT,		/* all parts sent (report pending or none) */
	GAMMU_DELIVERED,	/* every part DeliveryOK */
	GAMMU_FAILED,		/* a part failed, or the message vanished */
};

/*
 * Inserts msg's part 1 into outbox (MultiPart 'true' when there are several
 * parts) and parts 2..n into outbox_multipart, with the Coding and the UDH
 * on every row. Requires an open transaction (the caller commits it
 * together with its own bookkeeping, so gammu-smsd never sees part 1
 * without the others). Sets *outbox_id (= sentitems.ID later).
 * Returns 0 or -1.
 */
int	gammu_outbox_put(struct db *, const struct gammu_out *,
	    int64_t *outbox_id);

/*
 * The status of outbox message id: pending while its outbox row exists;
 * otherwise from its sentitems parts (any SendingError/Error/DeliveryFailed
 * -> FAILED; all DeliveryOK -> DELIVERED; else SENT); in neither table ->
 * FAILED (gammu drops malformed rows silently, notes pitfall 3). outbox is
 * read before sentitems: gammu-smsd writes sentitems before it deletes the
 * outbox row, so a message is never seen in neither by accident.
 * *detail gets the first failing Status name or "vanished" (static).
 * Returns 0 or -1 (database error).
 */
int	gammu_status(struct db *, int64_t outbox_id, enum gammu_status *,
	    const char **detail);

#define GAMMU_TEXT_MAX	1024	/* bytes of a reply we look at */

/* A received SMS (one inbox row). */
struct gammu_in {
	int64_t	id;
	char	sender[24];		/* as the phone reported it */
	char	text[GAMMU_TEXT_MAX];	/* UTF-8, cut at a character */
	int	continuation;		/* part 2..n of a multipart reply */
	time_t	received;		/* UpdatedInDB: arrival at our DB */
};

/*
 * Up to max unprocessed inbox rows (Processed 'false') in ID order, for
 * phone_id (RecipientID) or any phone when phone_id is "" or NULL. rows
 * is the caller's array; *n gets the count. Returns 0 or -1.
 */
int	gammu_inbox_fetch(struct db *, const char *phone_id,
	    struct gammu_in *rows, size_t max, size_t *n);

/*
 * Marks inbox row id Processed 'true'. In the caller's transaction if one
 * is open. Returns 0, or -1 (database error).
 */
int	gammu_inbox_done(struct db *, int64_t id);

#endif /* SMS_GAMMU_TABLES_H */
