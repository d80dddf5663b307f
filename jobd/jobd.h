/*
 * jobd.h: phananh-jobd, the daemon of every slow or scheduled job: the
 * deadline clock, reminders, e-mail, push, webhooks, mailbox intake,
 * scheduled reports. Each job is a module in jobd/modules.c (one table),
 * run every `interval` seconds. Several copies may run: modules claim their
 * work with SELECT … FOR UPDATE SKIP LOCKED.
 */
#ifndef JOBD_H
#define JOBD_H

#include <stddef.h>
#include <time.h>

#include "core/buf.h"
#include "core/conf.h"

struct db;
struct notify_item;

struct jobd_conf {
	char	db_defaults_file[256];
	char	db_group[64];
	int	log_level;
	int	tick_ms;		/* main loop granularity */
	char	modules[256];		/* comma list; "" = all */
	char	public_url[256];
	/* sweep */
	int	sweep_interval;
	/* mail (SMTP) */
	char	smtp_url[256];
	char	smtp_from[256];
	char	smtp_user[128];
	char	smtp_password_file[256];
	int	mail_interval;
	int	mail_max_attempts;
	/* push gateway */
	char	push_url[256];
	char	push_key_file[256];
	/* webhooks */
	int	webhook_interval;
	int	webhook_max_attempts;
	int	webhook_backoff_s;	/* first retry delay, doubled each time */
	int	webhook_timeout_ms;	/* per POST (connect and whole) */
	/* issue 4: reminders, e-mail, push, portal (jobd/reminders.c,
	 * mail.c, push.c, portal.c, render.c; docs/notifications.md) */
	int	reminders_interval;
	int	mail_retry_seconds;
	char	smtp_from_name[128];
	char	email_templates_dir[256];
	int	push_interval;
	int	push_max_attempts;
	int	push_retry_seconds;
	int	portal_interval;
	/* intake (mailin, facebook, fbsend): e-mail and Facebook page */
	char	imap_url[256];		/* imaps://host/INBOX; "" = off */
	char	imap_user[128];
	char	imap_password_file[256];
	int	imap_interval;
	int	mail_max_attachment_bytes;
	char	media_dir[256];
	char	fb_graph_url[256];	/* "" = Send API off */
	char	fb_graph_version[16];
	char	fb_page_token_file[256];
	int	fb_interval;
	int	fb_max_attachment_bytes;
	char	fb_templates_dir[256];
	/* test hook: business time = wall time + offset (tests only) */
	int	test_clock_offset_s;
};

struct jobd {
	struct jobd_conf	 conf;
	struct db		*db;
	char			 id[64];	/* host:pid, for claimed_by */
};

typedef int (*jobd_tick_fn)(struct jobd *, time_t now);

struct jobd_module {
	const char	*name;
	jobd_tick_fn	 tick;
	size_t		 interval_off;	/* offset of the int interval key */
};

extern const struct conf_key	jobd_conf_keys[];
extern const struct jobd_module	jobd_modules[];

/* sweep.c: the system transitions (expire, auto-close). */
int	jobd_sweep(struct jobd *, time_t);
/* webhooks.c: queue deliveries for new events, send the due ones. */
int	jobd_webhooks(struct jobd *, time_t);
/* mailin.c: new e-mail in the IMAP mailbox -> cases and replies. */
int	jobd_mailin(struct jobd *, time_t);
/* facebook.c: stored webhook events -> cases and replies. */
int	jobd_facebook(struct jobd *, time_t);
/* fbsend.c: notification rows of channel 'facebook' -> the Send API. */
int	jobd_fbsend(struct jobd *, time_t);

/* issue 4 modules: reminders.c (rules -> notification rows), mail.c
 * (channel 'email' over SMTP), push.c (channel 'push' to the gateway),
 * portal.c (channel 'portal' rows become 'sent'). */
int	jobd_reminders(struct jobd *, time_t);
int	jobd_mail(struct jobd *, time_t);
int	jobd_push(struct jobd *, time_t);
int	jobd_portal(struct jobd *, time_t);

/* render.c: the text of a notification for e-mail and push. */
struct jobd_text {
	char	subject[512];
	char	link[512];		/* staff page or public case page */
	char	to_name[256];		/* recipient's name, may be "" */
	char	username[65];		/* staff recipient, "" for a citizen */
	char	addr[256];		/* e-mail address, "" if none */
	struct buf body;		/* plain text; caller buf_free()s */
};

/*
 * Renders notification it with an administrator's e-mail text for its
 * template and language (templates table, store_adm_template_get) or
 * else the e-mail template <tmpl>.<lang>.txt of email_templates_dir
 * (falling back to .vi, then default.<lang>/.vi),
 * with the case facts, the link and the payload's members. t->body is
 * initialised here; the caller frees it with buf_free() whatever the
 * result. Returns 0, or -1 with a reason in err: the row cannot be
 * rendered (retrying will not help).
 */
int	jobd_render(struct jobd *, const struct notify_item *it, time_t now,
	    struct jobd_text *t, char *err, size_t errsz);
/*
 * As jobd_render(), for the push gateway: an administrator's 'push' text
 * for the template (templates table) becomes t->subject (the title; the
 * body stays empty); without one, the e-mail text's subject and body.
 * Same ownership and results as jobd_render().
 */
int	jobd_render_push(struct jobd *, const struct notify_item *it,
	    time_t now, struct jobd_text *t, char *err, size_t errsz);
/*
 * Reads a secret (password, key) from path into out: the first line,
 * without trailing blanks. 0, or -1 when missing, empty or too long.
 */
int	jobd_read_secret(const char *path, char *out, size_t outsz);
/* Seconds before retry number attempts + 1: base * 2^attempts, <= 1 day. */
int	jobd_backoff(int base, int attempts);

#endif
