/*
 * gammu_tables.c: SQL on gammu-smsd's own tables (outbox, outbox_multipart,
 * sentitems, inbox). The one file outside lib/store with SQL: it is the
 * wrapper around an outside system (style.md §3.3, notes/gammu.md §2).
 * It knows nothing about cases or notifications.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "gammu_tables.h"
#include "split.h"

static const char SQL_OUTBOX_PUT[] =
    "INSERT INTO outbox (DestinationNumber, Coding, Class, TextDecoded,"
    " MultiPart, UDH, CreatorID, SenderID, RelativeValidity, DeliveryReport,"
    " Priority) VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_MULTIPART_PUT[] =
    "INSERT INTO outbox_multipart (ID, SequencePosition, Coding, Class,"
    " TextDecoded, UDH) VALUES (?, ?, ?, -1, ?, ?)";
static const char SQL_OUTBOX_HAS[] =
    "SELECT COUNT(*) FROM outbox WHERE ID = ?";
static const char SQL_SENT_PARTS[] =
    "SELECT Status FROM sentitems WHERE ID = ? ORDER BY SequencePosition";
/* 250 characters are at most 1000 bytes: never cut inside a character. */
static const char SQL_INBOX_ANY[] =
    "SELECT ID, SenderNumber, LEFT(TextDecoded, 250), UDH <> '',"
    " UNIX_TIMESTAMP(UpdatedInDB) FROM inbox WHERE Processed = 'false'"
    " ORDER BY ID LIMIT ?";
static const char SQL_INBOX_PHONE[] =
    "SELECT ID, SenderNumber, LEFT(TextDecoded, 250), UDH <> '',"
    " UNIX_TIMESTAMP(UpdatedInDB) FROM inbox WHERE Processed = 'false'"
    " AND RecipientID = ? ORDER BY ID LIMIT ?";
static const char SQL_INBOX_DONE[] =
    "UPDATE inbox SET Processed = 'true' WHERE ID = ?";

static int	put_part(struct db *, int64_t, int, const char *,
		    const struct sms_part *);
static int	is_failure(const char *);

int
gammu_outbox_put(struct db *db, const struct gammu_out *o, int64_t *id)
{
	const struct sms_msg	*m = o->msg;
	const char		*coding = sms_coding_name(m->coding);
	const char		*sender = o->sender_id;
	int			 i;

	if (coding == NULL || m->nparts < 1 || m->nparts > SMS_MAX_PARTS)
		return -1;
	if (sender != NULL && sender[0] == '\0')
		sender = NULL;
	{
		const struct db_param p[] = {
			DB_TEXT(o->dest), DB_TEXT(coding),
			DB_TEXT(m->part[0].text),
			DB_TEXT(m->nparts > 1 ? "true" : "false"),
			DB_TEXT(m->part[0].udh), DB_TEXT(o->creator),
			DB_TEXT(sender), DB_I64(o->validity),
			DB_TEXT(o->delivery_report ? "yes" : "no"),
			DB_I64(o->priority),
		};

		if (db_exec(db, SQL_OUTBOX_PUT, p, NITEMS(p)) == -1)
			return -1;
	}
	*id = (int64_t)db_insert_id(db);
	for (i = 1; i < m->nparts; i++)
		if (put_part(db, *id, i + 1, coding, &m->part[i]) == -1)
			return -1;
	return 0;
}

int
gammu_status(struct db *db, int64_t id, enum gammu_status *st,
    const char **detail)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;
	int64_t			 n = 0;
	size_t			 parts = 0, ok = 0;
	int			 rc = -1;

	*detail = "";
	if (db_query_i64(db, SQL_OUTBOX_HAS, p, NITEMS(p), &n) == -1)
		goto out;
	if (n > 0) {
		*st = GAMMU_PENDING;
		rc = 0;
		goto out;
	}
	if (db_query(db, SQL_SENT_PARTS, p, NITEMS(p), &r) == -1)
		goto out;
	*st = GAMMU_SENT;
	while (db_res_next(r)) {
		const char *s = db_res_str(r, 0);

		parts++;
		if (strcmp(s, "DeliveryOK") == 0)
			ok++;
		if (is_failure(s) && *st != GAMMU_FAILED) {
			*st = GAMMU_FAILED;
			*detail = strcmp(s, "Error") == 0 ? "Error" :
			    strcmp(s, "SendingError") == 0 ? "SendingError" :
			    "DeliveryFailed";
		}
	}
	if (parts == 0) {
		*st = GAMMU_FAILED;
		*detail = "vanished";
	} else if (*st != GAMMU_FAILED && ok == parts)
		*st = GAMMU_DELIVERED;
	rc = 0;
out:
	db_res_free(r);
	return rc;
}

int
gammu_inbox_fetch(struct db *db, const char *phone_id, struct gammu_in *rows,
    size_t max, size_t *n)
{
	const struct db_param	 pa[] = { DB_I64(max) };
	const struct db_param	 pp[] = { DB_TEXT(phone_id), DB_I64(max) };
	struct db_res		*r = NULL;
	int			 rc;

	*n = 0;
	if (phone_id == NULL || phone_id[0] == '\0')
		rc = db_query(db, SQL_INBOX_ANY, pa, NITEMS(pa), &r);
	else
		rc = db_query(db, SQL_INBOX_PHONE, pp, NITEMS(pp), &r);
	if (rc == -1)
		return -1;
	while (*n < max && db_res_next(r)) {
		struct gammu_in *g = &rows[*n];

		memset(g, 0, sizeof(*g));
		g->id = db_res_i64(r, 0);
		snprintf(g->sender, sizeof(g->sender), "%s", db_res_str(r, 1));
		snprintf(g->text, sizeof(g->text), "%s", db_res_str(r, 2));
		g->continuation = db_res_i64(r, 3) != 0 && g->text[0] == '\0';
		g->received = (time_t)db_res_i64(r, 4);
		(*n)++;
	}
	db_res_free(r);
	return 0;
}

int
gammu_inbox_done(struct db *db, int64_t id)
{
	const struct db_param	p[] = { DB_I64(id) };

	return db_exec(db, SQL_INBOX_DONE, p, NITEMS(p));
}

static int
put_part(struct db *db, int64_t id, int seq, const char *coding,
    const struct sms_part *part)
{
	const struct db_param	p[] = {
		DB_I64(id), DB_I64(seq), DB_TEXT(coding), DB_TEXT(part->text),
		DB_TEXT(part->udh),
	};

	return db_exec(db, SQL_MULTIPART_PUT, p, NITEMS(p));
}

static int
is_failure(const char *status)
{
	return strcmp(status, "SendingError") == 0 ||
	    strcmp(status, "Error") == 0 ||
	    strcmp(status, "DeliveryFailed") == 0;
}
