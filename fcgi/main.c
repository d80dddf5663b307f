/*
 * main.c: phananh-fcgi: load the configuration, check the schema, bind the
 * socket and hand over to the prefork master.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "core/log.h"
#include "crypto.h"
#include "db.h"
#include "handlers/handlers.h"
#include "master.h"
#include "metrics.h"
#include "router.h"
#include "store/schema.h"

static void	usage(void) __attribute__((noreturn));

int
main(int argc, char **argv)
{
	static struct app	 app;
	const char		*path = "/etc/phananh/fcgi.conf";
	char			 err[512];
	struct db		*db;
	int			 ch;

	while ((ch = getopt(argc, argv, "c:h")) != -1) {
		if (ch == 'c')
			path = optarg;
		else
			usage();
	}
	log_init("phananh-fcgi", LOG_INFO);
	if (crypto_init() == -1)
		fatal("libsodium failed to initialise");
	if (conf_load(fcgi_conf_keys, &app.conf, path, err, sizeof(err)) == -1)
		fatal("%s", err);
	snprintf(app.conf_path, sizeof(app.conf_path), "%s", path);
	log_set_level((enum log_level)app.conf.log_level);
	if (app.conf.test_clock)
		log_warn(NULL, "test_clock is on: X-Test-Now is honoured; "
		    "never use this in production");
	db = db_open(app.conf.db_defaults_file, app.conf.db_group);
	if (db == NULL)
		fatal("cannot connect to the database (%s [%s])",
		    app.conf.db_defaults_file, app.conf.db_group);
	if (store_schema_check(db, &app.schema_version) == -1)
		fatal("refusing to start on an older schema");
	db_close(db);
	if (fb_webhook_init(&app) == -1)
		fatal("cannot read fb_app_secret_file '%s'",
		    app.conf.fb_app_secret_file);
	app.routes = app_routes;
	app.metrics = metrics_new(app_routes);	/* before the workers fork */
	app.listen_fd = master_listen(&app);
	if (app.listen_fd == -1)
		fatal("cannot listen on '%s'", app.conf.listen);
	return master_run(&app);
}

static void
usage(void)
{
	fprintf(stderr, "usage: phananh-fcgi [-c config]\n");
	exit(2);
}
