/*
 * mailin.c: the "mailin" job of phananh-jobd: polls the department's IMAP
 * mailbox for messages without our keyword, turns each into a case or
 * joins it to the case it answers, and flags it ($Phananh) so nothing is
 * done twice. The Message-ID is remembered too (mail_messages), so even a
 * crash between the database and the flag creates nothing twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/log.h"
#include "db.h"
#include "jobd/intake.h"
#include "jobd/jobd.h"
#include "mail/parse.h"
#include "mail/quote.h"
#include "net/imap.h"
#include "store/cases.h"
#include "store/intake.h"

#define BATCH		50
#define FLAGS		"$Phananh \\Seen"
#define OVERHEAD	(512 * 1024)	/* headers and text beside the files */
#define DESC_MAX	20000		/* cases.description limit, bytes */
#define MAX_AGE		(7 * 86400)	/* oldest Date believed (B3) */

static int	poll_box(struct jobd *, struct imap *, time_t);
static int	one(struct jobd *, struct imap *, uint32_t, time_t);
static int	handle(struct jobd *, struct mail_msg *, int, time_t);
static int	thread_of(struct jobd *, const struct mail_msg *, int64_t *);
static int	join(struct jobd *, int64_t, struct mail_msg *, time_t);
static int	create(struct jobd *, struct mail_msg *, time_t);
static int	media(struct jobd *, int64_t, const struct mail_msg *, time_t);
static char	*description(const struct mail_msg *);
static time_t	received(const struct mail_msg *, time_t);
static size_t	raw_limit(const struct jobd *);

int
jobd_mailin(struct jobd *jd, time_t now)
{
	struct imap_conf	 ic;
	struct imap		*im;
	char			 pw[256];
	int			 rc;

	if (jd->conf.imap_url[0] == '\0')
		return 0;
	mail_global_init();
	if (jobd_read_secret(jd->conf.imap_password_file, pw,
	    sizeof(pw)) == -1) {
		log_err(NULL, "cannot read imap_password_file %s",
		    jd->conf.imap_password_file);
		return -1;
	}
	memset(&ic, 0, sizeof(ic));
	ic.url = jd->conf.imap_url;
	ic.user = jd->conf.imap_user;
	ic.password = pw;
	im = imap_open(&ic);
	explicit_bzero(pw, sizeof(pw));
	if (im == NULL)
		return -1;
	rc = poll_box(jd, im, now);
	imap_close(im);
	return rc;
}

static int
poll_box(struct jobd *jd, struct imap *im, time_t now)
{
	uint32_t	uids[BATCH];
	size_t		n, i;
	int		rc = 0;

	if (imap_search(im, "UNKEYWORD $Phananh", uids, BATCH, &n) == -1) {
		log_warn(NULL, "imap search failed: %s", imap_error(im));
		return -1;
	}
	for (i = 0; i < n; i++)
		if (one(jd, im, uids[i], now) == -1)
			rc = -1;	/* left unflagged: tried again */
	return rc;
}

/* Fetches, handles and flags message uid. */
static int
one(struct jobd *jd, struct imap *im, uint32_t uid, time_t now)
{
	struct mail_msg	 m;
	struct buf	 raw;
	size_t		 size = 0;
	int		 big, rc = -1;

	memset(&m, 0, sizeof(m));
	buf_init(&raw, raw_limit(jd) + OVERHEAD);
	if (imap_size(im, uid, &size) == -1)
		goto imap_fail;
	big = size > raw_limit(jd);
	if (imap_fetch(im, uid, big, &raw) == -1)
		goto imap_fail;
	if (mail_parse(raw.data != NULL ? raw.data : "", raw.len,
	    (size_t)jd->conf.mail_max_attachment_bytes, &m) == -1)
		log_warn(NULL, "uid %lu is not a readable message",
		    (unsigned long)uid);
	if (handle(jd, &m, big, now) == -1)
		goto out;
	if (imap_add_flags(im, uid, FLAGS) == -1)
		goto imap_fail;
	rc = 0;
	goto out;
imap_fail:
	log_warn(NULL, "imap uid %lu: %s", (unsigned long)uid, imap_error(im));
out:
	mail_msg_free(&m);
	buf_free(&raw);
	return rc;
}

/* What a parsed message becomes. 0 when done (flag it), -1 to retry. */
static int
handle(struct jobd *jd, struct mail_msg *m, int big, time_t now)
{
	int64_t		 cid = 0;
	const char	*outcome;

	if (m->message_id[0] == '\0' || m->subject == NULL)
		return 0;		/* unreadable: flag and forget */
	switch (store_intake_mail_seen(jd->db, m->message_id, &cid)) {
	case 0:
		return 0;		/* done before: only the flag was lost */
	case -1:
		return -1;
	}
	if (m->is_auto || m->from_addr[0] == '\0') {
		log_info(NULL, "mail %s ignored (%s)", m->message_id,
		    m->is_auto ? m->auto_why : "no sender");
		outcome = "auto";
	} else if (big) {
		if (intake_refuse(jd, "email", m->from_addr, 0, m->subject,
		    1, jd->conf.mail_max_attachment_bytes) == -1)
			return -1;
		outcome = "refused";
	} else {
		if (thread_of(jd, m, &cid) == -1)
			return -1;
		return cid > 0 ? join(jd, cid, m, now) : create(jd, m, now);
	}
	return store_intake_mail_record(jd->db, m->message_id, 0, outcome,
	    m->from_addr, received(m, now), now);
}

/* The case a reply answers (*out, 0 = none), if its sender is that
 * case's reporter. 0 or -1. */
static int
thread_of(struct jobd *jd, const struct mail_msg *m, int64_t *out)
{
	const char		*ids[MAIL_MAX_REFS];
	struct intake_case	 c;
	int64_t			 id = 0;
	size_t			 i;
	int			 st;

	*out = 0;
	for (i = 0; i < m->nrefs; i++)
		ids[i] = m->refs[i];
	st = store_intake_thread(jd->db, ids, m->nrefs, &id);
	if (st == -1)
		return -1;
	if (st == 1 && intake_tag_parse(m->subject, &id) == -1)
		return 0;
	st = store_intake_case(jd->db, id, &c);
	if (st == -1)
		return -1;
	/* anyone can write a tag: only the reporter's address joins */
	if (st == 0 && strcasecmp(c.email, m->from_addr) == 0)
		*out = id;
	return 0;
}

static int
join(struct jobd *jd, int64_t id, struct mail_msg *m, time_t now)
{
	const char	*outcome;

	mail_strip_quotes(m->text);
	if (intake_followup(jd, id, m->text, now, &outcome) == -1 ||
	    media(jd, id, m, now) == -1 ||
	    store_intake_mail_record(jd->db, m->message_id, id, outcome,
	    m->from_addr, received(m, now), now) == -1)
		return -1;
	log_info(NULL, "mail %s joined case %lld as %s", m->message_id,
	    (long long)id, outcome);
	return 0;
}

static int
create(struct jobd *jd, struct mail_msg *m, time_t now)
{
	struct case_new		cn;
	struct case_created	cc;
	struct case_result	res;
	struct actor		who;
	char			name[256];
	char			*desc;
	int			rc = -1;

	desc = description(m);
	if (desc == NULL)
		return -1;
	snprintf(name, sizeof(name), "%.*s", m->from_name[0] != '\0' ?
	    (int)sizeof(name) - 1 : (int)strcspn(m->from_addr, "@"),
	    m->from_name[0] != '\0' ? m->from_name : m->from_addr);
	memset(&cn, 0, sizeof(cn));
	cn.channel = "email";
	cn.channel_ref = m->message_id;
	cn.received_at = received(m, now);
	cn.description = desc;
	cn.name = name;
	cn.email = m->from_addr;
	cn.lang = "vi";
	memset(&who, 0, sizeof(who));
	who.kind = ACTOR_REPORTER;
	who.roles = WF_ROLE_REPORTER;
	if (store_case_create(jd->db, &cn, &who, now, &cc, &res) == -1) {
		log_err(NULL, "mail %s: no case: %s", m->message_id, res.msg);
		goto out;
	}
	log_info(NULL, "mail %s became case %lld", m->message_id,
	    (long long)cc.id);
	if (intake_ack(jd, &cc) == -1 || media(jd, cc.id, m, now) == -1 ||
	    store_intake_mail_record(jd->db, m->message_id, cc.id, "case",
	    m->from_addr, cn.received_at, now) == -1)
		goto out;
	rc = 0;
out:
	free(desc);
	return rc;
}

/* Photos and videos of m onto case id; a polite word about dropped ones. */
static int
media(struct jobd *jd, int64_t id, const struct mail_msg *m, time_t now)
{
	struct intake_media	f[MAIL_MAX_ATT];
	size_t			i, kept;

	for (i = 0; i < m->natt; i++) {
		f[i].data = m->att[i].data;
		f[i].len = m->att[i].len;
	}
	if (intake_media_save(jd, id, f, m->natt, now, &kept) == -1)
		return -1;
	if (m->n_too_large > 0 && intake_refuse(jd, "email", m->from_addr,
	    id, m->subject, m->n_too_large,
	    jd->conf.mail_max_attachment_bytes) == -1)
		return -1;
	return 0;
}

/* Subject, a blank line, the body; cut to the column's limit. */
static char *
description(const struct mail_msg *m)
{
	struct buf	b;
	char		*s;

	buf_init(&b, 2 * DESC_MAX);
	if (m->subject[0] != '\0')
		buf_printf(&b, "%s\n\n", m->subject);
	buf_puts(&b, m->text);
	if (b.len == 0)
		buf_puts(&b, "(thư không có nội dung)");
	s = strndup(b.data, intake_utf8_cut(b.data, DESC_MAX));
	buf_free(&b);
	return s;
}

/* The Date header when believable (B3), else the time we read it. */
static time_t
received(const struct mail_msg *m, time_t now)
{
	if (m->date <= 0 || m->date > now || m->date < now - MAX_AGE)
		return now;
	return m->date;
}

/* The largest message fetched whole: the attachment limit in base64. */
static size_t
raw_limit(const struct jobd *jd)
{
	return (size_t)jd->conf.mail_max_attachment_bytes / 3 * 4 + OVERHEAD;
}
