/*
 * smtp.h: sending one e-mail through libcurl's SMTP (smtp:// or smtps://,
 * STARTTLS when the server offers it): MAIL FROM, one RCPT TO, the message
 * through a read callback. Same conventions as http_client.h: explicit
 * timeouts, curl's error text, daemons only (never in a FastCGI request).
 * http_global_init() must have run (it is curl_global_init).
 */
#ifndef NET_SMTP_H
#define NET_SMTP_H

#include <stddef.h>

struct smtp_opts {
	const char	*url;		/* "smtp://host:port" (required) */
	const char	*user;		/* NULL or "" = no AUTH */
	const char	*password;	/* with user */
	int		 timeout_ms;	/* whole transfer; default 30000 */
	int		 connect_timeout_ms;	/* default 5000 */
};

struct smtp_result {
	long	code;			/* last SMTP reply code, 0 if none */
	int	permanent;		/* 1: a 5xx reply, retrying is useless */
	char	err[256];		/* curl's message when it failed */
};

/*
 * Sends msg (len bytes, a complete RFC 5322 message with CRLF lines) from
 * envelope sender `from` to recipient `to` (bare addresses). Returns 0
 * when the server accepted the message, -1 otherwise (res filled).
 */
int	smtp_send(const struct smtp_opts *, const char *from, const char *to,
	    const char *msg, size_t len, struct smtp_result *res);

#endif /* NET_SMTP_H */
