/*
 * conf.c: the configuration keys of phananh-jobd (etc/jobd.conf.example).
 */
#include <stddef.h>

#include "jobd/jobd.h"

#define OFF(f)	CONF_OFF(struct jobd_conf, f)
#define SZ(f)	sizeof(((struct jobd_conf *)0)->f)
#define STR(k, f, d)	{ k, CONF_STR, OFF(f), .def_s = d, .strsz = SZ(f) }

static const char *const log_levels[] = { "err", "warn", "info", "debug", NULL };

const struct conf_key jobd_conf_keys[] = {
	STR("db_defaults_file", db_defaults_file, "/etc/phananh/my.cnf"),
	STR("db_group", db_group, "client-phananh"),
	{ "log_level", CONF_ENUM, OFF(log_level), .def_i = 2, .enums = log_levels },
	{ "tick_ms", CONF_INT, OFF(tick_ms), 50, 60000, 1000 },
	STR("modules", modules, ""),
	STR("public_url", public_url, "http://localhost:8080"),
	{ "sweep_interval", CONF_INT, OFF(sweep_interval), 1, 3600, 60 },
	STR("smtp_url", smtp_url, ""),
	STR("smtp_from", smtp_from, "phananh@localhost"),
	STR("smtp_user", smtp_user, ""),
	STR("smtp_password_file", smtp_password_file, ""),
	{ "mail_interval", CONF_INT, OFF(mail_interval), 1, 3600, 5 },
	{ "mail_max_attempts", CONF_INT, OFF(mail_max_attempts), 1, 100, 6 },
	STR("push_url", push_url, ""),
	STR("push_key_file", push_key_file, ""),
	{ "webhook_interval", CONF_INT, OFF(webhook_interval), 1, 3600, 2 },
	{ "webhook_max_attempts", CONF_INT, OFF(webhook_max_attempts), 1, 100, 8 },
	{ "webhook_backoff_s", CONF_INT, OFF(webhook_backoff_s), 1, 86400, 30 },
	{ "webhook_timeout_ms", CONF_INT, OFF(webhook_timeout_ms), 100, 60000,
	    10000 },
	/* issue 4: reminders, mail, push, portal */
	{ "reminders_interval", CONF_INT, OFF(reminders_interval),
	    .min = 1, .max = 3600, .def_i = 30 },
	{ "mail_retry_seconds", CONF_INT, OFF(mail_retry_seconds),
	    .min = 1, .max = 86400, .def_i = 60 },
	STR("smtp_from_name", smtp_from_name, "Phản ánh hiện trường"),
	STR("email_templates_dir", email_templates_dir,
	    "/usr/share/phananh/templates/email"),
	{ "push_interval", CONF_INT, OFF(push_interval),
	    .min = 1, .max = 3600, .def_i = 5 },
	{ "push_max_attempts", CONF_INT, OFF(push_max_attempts),
	    .min = 1, .max = 100, .def_i = 8 },
	{ "push_retry_seconds", CONF_INT, OFF(push_retry_seconds),
	    .min = 1, .max = 86400, .def_i = 30 },
	{ "portal_interval", CONF_INT, OFF(portal_interval),
	    .min = 1, .max = 3600, .def_i = 5 },
	/* intake: e-mail (mailin) and the Facebook page (facebook, fbsend) */
	STR("imap_url", imap_url, ""),
	STR("imap_user", imap_user, ""),
	STR("imap_password_file", imap_password_file, ""),
	{ "imap_interval", CONF_INT, OFF(imap_interval), 1, 3600, 30 },
	{ "mail_max_attachment_bytes", CONF_INT, OFF(mail_max_attachment_bytes),
	    1024, 100 << 20, 25 << 20 },
	STR("media_dir", media_dir, "/var/lib/phananh/media"),
	STR("fb_graph_url", fb_graph_url, ""),
	STR("fb_graph_version", fb_graph_version, "v19.0"),
	STR("fb_page_token_file", fb_page_token_file, ""),
	{ "fb_interval", CONF_INT, OFF(fb_interval), 1, 3600, 2 },
	{ "fb_max_attachment_bytes", CONF_INT, OFF(fb_max_attachment_bytes),
	    1024, 100 << 20, 25 << 20 },
	STR("fb_templates_dir", fb_templates_dir,
	    "/usr/share/phananh/templates/facebook"),
	{ "test_clock_offset_s", CONF_INT, OFF(test_clock_offset_s),
	    -2000000000, 2000000000, 0 },
	{ NULL }
};
