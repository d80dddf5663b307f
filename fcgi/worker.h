/*
 * worker.h: the FastCGI accept loop and the glue that only the worker files
 * (worker.c, request.c, response.c) share. Handlers never see libfcgi.
 */
#ifndef WORKER_H
#define WORKER_H

struct FCGX_Request;
struct FCGX_Stream;
struct app;
struct arena;
struct req;
struct resp;

/* Runs requests until SIGTERM or max_requests; returns the exit code. */
int	worker_run(struct app *);
/* Copies params and reads the bounded body into rq (request.c). */
int	req_from_fcgi(struct req *, struct FCGX_Request *, struct app *,
	    struct arena *);
/* Writes the CGI header block and the body (response.c). */
int	resp_send(struct resp *, int status, const struct req *,
	    struct FCGX_Stream *);

#endif
