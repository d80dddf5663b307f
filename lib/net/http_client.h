/*
 * http_client.h: the only outbound HTTP of phananh (libcurl): POST/GET with
 * timeouts, extra headers and a capped response body. Daemons only: never
 * called inside a FastCGI request.
 */
#ifndef NET_HTTP_CLIENT_H
#define NET_HTTP_CLIENT_H

#include <stddef.h>

#include "core/buf.h"

struct http_result {
	long	status;			/* HTTP status, 0 if none */
	char	err[256];		/* curl's message when the call failed */
};

struct http_opts {
	int		 timeout_ms;	/* whole transfer; default 10000 */
	int		 connect_timeout_ms;	/* default 3000 */
	const char	*const *headers;	/* "Name: value", NULL-terminated */
	size_t		 max_response;	/* body cap; default 1 MiB */
};

/* Call once per process (curl_global_init). 0 or -1. */
int	http_global_init(void);
/*
 * POSTs body (len bytes, content type ctype) to url. The response body
 * goes into *resp (which the caller initialised with its own cap, or NULL
 * to discard). Returns 0 when an HTTP response arrived (any status), -1 on
 * a transport failure (err filled).
 */
int	http_post(const char *url, const char *ctype, const char *body,
	    size_t len, const struct http_opts *, struct buf *resp,
	    struct http_result *);
/* GET into *resp; same conventions. */
int	http_get(const char *url, const struct http_opts *, struct buf *resp,
	    struct http_result *);

#endif
