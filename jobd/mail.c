/*
 * mail.c: channel 'email' notifications over SMTP. Each due row is handled
 * in its own transaction: claim (FOR UPDATE SKIP LOCKED, so several jobd
 * copies never take one row), render (render.c), build (lib/model/mail.c),
 * send (lib/net/smtp.c), then 'sent' with the Message-ID, or a retry after
 * mail_retry_seconds * 2^attempts, 'dead' after mail_max_attempts or at
 * once for what retrying cannot fix (no address, no template, 5xx).
 * The row stays locked while the server is talked to: a crash after the
 * server accepted and before the commit sends the message again (at least
 * once, never lost).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "crypto.h"
#include "db.h"
#include "jobd/jobd.h"
#include "model/mail.h"
#include "net/smtp.h"
#include "store/feed.h"
#include "store/notify.h"

#define BATCH		20
#define MSG_MAX		(1024 * 1024)

static int	mail_one(struct jobd *, int64_t, time_t, const char *);
static int	compose(struct jobd *, const struct notify_item *, time_t,
		    struct buf *, char *, size_t, char *, size_t, char *,
		    size_t);
static int	finish(struct jobd *, const struct notify_item *, int,
		    const char *, const char *);

int
jobd_mail(struct jobd *jd, time_t now)
{
	int64_t	ids[BATCH];
	size_t	n, i;
	char	pw[256] = "";
	int	failed = 0;

	if (jd->conf.smtp_url[0] == '\0')
		return 0;		/* not configured: rows wait */
	if (jd->conf.smtp_password_file[0] != '\0' &&
	    jobd_read_secret(jd->conf.smtp_password_file, pw,
	    sizeof(pw)) == -1) {
		log_err(NULL, "mail: cannot read smtp_password_file %s",
		    jd->conf.smtp_password_file);
		return -1;
	}
	if (store_notify_due(jd->db, "email", ids, BATCH, &n) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (mail_one(jd, ids[i], now, pw) == -1)
			failed++;
	return failed ? -1 : 0;
}

/* One row, one transaction. -1 only on database errors. */
static int
mail_one(struct jobd *jd, int64_t id, time_t now, const char *pw)
{
	static struct notify_item	 it;
	struct smtp_opts		 o = { jd->conf.smtp_url,
	    jd->conf.smtp_user, pw, 30000, 5000 };
	struct smtp_result		 res;
	struct buf			 msg;
	char				 to[256], mid[160], err[256];
	int				 rc;

	buf_init(&msg, MSG_MAX);
	if (db_begin(jd->db) == -1)
		return -1;
	rc = store_notify_claim(jd->db, id, &it);
	if (rc != 0) {
		db_rollback(jd->db);
		buf_free(&msg);
		return rc == 1 ? 0 : -1;
	}
	if (compose(jd, &it, now, &msg, to, sizeof(to), mid, sizeof(mid),
	    err, sizeof(err)) == -1)
		rc = finish(jd, &it, 1, err, NULL);
	else if (smtp_send(&o, jd->conf.smtp_from, to, msg.data, msg.len,
	    &res) == -1)
		rc = finish(jd, &it, res.permanent, res.err, NULL);
	else
		rc = finish(jd, &it, 0, NULL, mid);
	buf_free(&msg);
	return rc;
}

/* The whole message for it into msg; *to, *mid. -1 with err: dead row. */
static int
compose(struct jobd *jd, const struct notify_item *it, time_t now,
    struct buf *msg, char *to, size_t tosz, char *mid, size_t midsz,
    char *err, size_t errsz)
{
	struct jobd_text	 t;
	struct buf		 html;
	struct mail_msg		 m;
	char			 rnd[CRYPTO_TOKEN_LEN], bnd[80];
	const char		*dom = strchr(jd->conf.smtp_from, '@');
	int			 rc = -1;

	buf_init(&html, MSG_MAX / 2);
	memset(&t, 0, sizeof(t));
	buf_init(&t.body, 1);
	if (it->payload_cut) {
		snprintf(err, errsz, "payload too long");
		goto out;
	}
	if (jobd_render(jd, it, now, &t, err, errsz) == -1)
		goto out;
	snprintf(to, tosz, "%s", t.addr);
	if (!mail_addr_ok(to)) {
		snprintf(err, errsz, "no usable e-mail address");
		goto out;
	}
	crypto_token(rnd);
	rnd[16] = '\0';
	snprintf(mid, midsz, "n%lld.%lld.%s@%s", (long long)it->id,
	    (long long)now, rnd, dom != NULL ? dom + 1 : "localhost");
	snprintf(bnd, sizeof(bnd), "=_phananh_%lld_%s", (long long)it->id,
	    rnd);
	if (mail_text_to_html(buf_str(&t.body), it->lang, t.subject,
	    &html) == -1) {
		snprintf(err, errsz, "HTML body too long");
		goto out;
	}
	memset(&m, 0, sizeof(m));
	m.from = jd->conf.smtp_from;
	m.from_name = jd->conf.smtp_from_name;
	m.to = to;
	m.to_name = t.to_name;
	m.subject = t.subject;
	m.text = buf_str(&t.body);
	m.html = buf_str(&html);
	m.message_id = mid;
	m.boundary = bnd;
	m.date = time(NULL);	/* Date is wall time, not the test clock */
	if (mail_build(&m, msg) == -1) {
		snprintf(err, errsz, "cannot build the message");
		goto out;
	}
	rc = 0;
out:
	buf_free(&t.body);
	buf_free(&html);
	return rc;
}

/* Records the outcome and commits: sent (mid), dead (permanent) or retry. */
static int
finish(struct jobd *jd, const struct notify_item *it, int permanent,
    const char *err, const char *mid)
{
	int	rc;

	if (mid != NULL)
		rc = store_notify_sent(jd->db, it->id, jd->id, mid);
	else if (permanent)
		rc = store_notify_retry(jd->db, it->id, 0, 1, err);
	else
		rc = store_notify_retry(jd->db, it->id, jobd_backoff(
		    jd->conf.mail_retry_seconds, it->attempts),
		    jd->conf.mail_max_attempts, err);
	if (rc == -1 || db_commit(jd->db) == -1) {
		db_rollback(jd->db);
		return -1;
	}
	if (mid != NULL)
		log_info(NULL, "mail: notification %lld sent <%s>",
		    (long long)it->id, mid);
	else
		log_warn(NULL, "mail: notification %lld attempt %d: %s",
		    (long long)it->id, it->attempts + 1, err);
	return 0;
}
