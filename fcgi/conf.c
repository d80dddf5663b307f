/*
 * conf.c: the configuration keys of phananh-fcgi (see etc/fcgi.conf.example).
 */
#include <stddef.h>

#include "app.h"

#define OFF(f)		CONF_OFF(struct fcgi_conf, f)
#define SZ(f)		sizeof(((struct fcgi_conf *)0)->f)

static const char *const log_levels[] = { "err", "warn", "info", "debug", NULL };

const struct conf_key fcgi_conf_keys[] = {
	{ "listen", CONF_STR, OFF(listen), .def_s = "", .strsz = SZ(listen) },
	{ "listen_mode", CONF_OCTAL, OFF(listen_mode), .def_i = 0660 },
	{ "listen_backlog", CONF_INT, OFF(listen_backlog), 1, 65535, 1024 },
	{ "workers", CONF_INT, OFF(workers), 1, 256, 8 },
	{ "max_requests", CONF_INT, OFF(max_requests), 0, 100000000, 100000 },
	{ "db_defaults_file", CONF_STR, OFF(db_defaults_file),
	    .def_s = "/etc/phananh/my.cnf", .strsz = SZ(db_defaults_file) },
	{ "db_group", CONF_STR, OFF(db_group), .def_s = "client-phananh",
	    .strsz = SZ(db_group) },
	{ "log_level", CONF_ENUM, OFF(log_level), .def_i = 2,
	    .enums = log_levels },
	{ "max_body_bytes", CONF_INT, OFF(max_body_bytes), 1024, 64 << 20,
	    1 << 20 },
	{ "max_query_bytes", CONF_INT, OFF(max_query_bytes), 256, 65536, 8192 },
	{ "max_header_bytes", CONF_INT, OFF(max_header_bytes), 1024, 262144,
	    32768 },
	{ "max_json_depth", CONF_INT, OFF(max_json_depth), 2, 256, 32 },
	{ "test_clock", CONF_BOOL, OFF(test_clock), .def_i = 0 },
	{ "media_dir", CONF_STR, OFF(media_dir), .def_s = "/var/lib/phananh/media",
	    .strsz = SZ(media_dir) },
	{ "public_url", CONF_STR, OFF(public_url),
	    .def_s = "http://localhost:8080", .strsz = SZ(public_url) },
	{ "secure_cookies", CONF_BOOL, OFF(secure_cookies), .def_i = 0 },
	{ "session_minutes", CONF_INT, OFF(session_minutes), 5, 10080, 480 },
	{ "login_max_failures", CONF_INT, OFF(login_max_failures), 1, 100, 5 },
	{ "login_lock_minutes", CONF_INT, OFF(login_lock_minutes), 1, 1440, 15 },
	{ "templates_dir", CONF_STR, OFF(templates_dir),
	    .def_s = "/usr/share/phananh/templates",
	    .strsz = SZ(templates_dir) },
	/* Facebook page webhook (handlers/facebook.c) */
	{ "fb_app_secret_file", CONF_STR, OFF(fb_app_secret_file), .def_s = "",
	    .strsz = SZ(fb_app_secret_file) },
	{ "fb_verify_token", CONF_STR, OFF(fb_verify_token), .def_s = "",
	    .strsz = SZ(fb_verify_token) },
	{ NULL }
};
