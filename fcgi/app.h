/*
 * app.h: the worker program's process-lifetime state and configuration.
 * Built once in main(); handlers receive it through struct req.
 */
#ifndef APP_H
#define APP_H

#include "core/conf.h"

struct db;
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
};

struct app {
	struct fcgi_conf	 conf;
	char			 conf_path[256];
	struct db		*db;		/* one connection per worker */
	int			 listen_fd;
	const struct route	*routes;
	int			 schema_version;
};

extern const struct conf_key fcgi_conf_keys[];

#endif
