/*
 * app.h: the worker program's process-lifetime state and configuration.
 * Built once in main(); handlers receive it through struct req.
 */
#ifndef APP_H
#define APP_H

#include "core/conf.h"

struct db;
struct metrics;
struct route;

struct fcgi_conf {
	char	listen[256];
	int	listen_mode;
	int	listen_backlog;
	int	workers;
	int	max_requests;
	char	db_defaults_file[256];
	char	db_group[64];
	int	log_level;
	int	max_body_bytes;
	int	max_query_bytes;
	int	max_header_bytes;
	int	max_json_depth;
	int	test_clock;
	char	media_dir[256];
	char	public_url[256];
	int	secure_cookies;
	int	session_minutes;
	int	login_max_failures;
	int	login_lock_minutes;
	char	templates_dir[256];	/* admin: shipped templates */
	/* Facebook page webhook (handlers/facebook.c) */
	char	fb_app_secret_file[256];	/* "" = webhook off */
	char	fb_verify_token[128];
};

struct app {
	struct fcgi_conf	 conf;
	char			 conf_path[256];
	struct db		*db;		/* one connection per worker */
	int			 listen_fd;
	const struct route	*routes;
	int			 schema_version;
	char			 fb_app_secret[256];	/* fb_webhook_init */
	struct metrics		*metrics;	/* shared with workers; or NULL */
};

extern const struct conf_key fcgi_conf_keys[];

#endif
