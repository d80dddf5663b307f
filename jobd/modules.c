/*
 * modules.c: every job phananh-jobd runs, with the key of its interval.
 * Add a row to add a job (and its file under jobd/).
 */
#include <stddef.h>

#include "jobd/jobd.h"

#define IV(f)	offsetof(struct jobd_conf, f)

const struct jobd_module jobd_modules[] = {
	/* name		tick		interval key */
	{ "sweep",	jobd_sweep,	IV(sweep_interval) },
	{ "webhooks",	jobd_webhooks,	IV(webhook_interval) },
	/* issue 4: reminders, e-mail, push, portal feed */
	{ "reminders",	jobd_reminders,	IV(reminders_interval) },
	{ "mail",	jobd_mail,	IV(mail_interval) },
	{ "push",	jobd_push,	IV(push_interval) },
	{ "portal",	jobd_portal,	IV(portal_interval) },
	/* intake: e-mail and the Facebook page */
	{ "mailin",	jobd_mailin,	IV(imap_interval) },
	{ "facebook",	jobd_facebook,	IV(fb_interval) },
	{ "fbsend",	jobd_fbsend,	IV(fb_interval) },
	{ NULL, NULL, 0 }
};
