/*
 * master.h: the prefork master: owns the listening socket, keeps N workers
 * alive, recycles and reloads them, and stops gracefully.
 */
#ifndef MASTER_H
#define MASTER_H

struct app;

/* Binds conf.listen (or inherits fd 3 / fd 0). Returns the fd or -1. */
int	master_listen(const struct app *);
/*
 * Runs until SIGTERM/SIGINT, then waits for in-flight requests and returns
 * 0. SIGHUP re-reads the configuration and replaces the workers.
 */
int	master_run(struct app *);

#endif
