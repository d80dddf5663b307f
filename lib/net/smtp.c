/*
 * smtp.c: libcurl SMTP upload of one message (CURLOPT_UPLOAD with a read
 * callback over a memory buffer), error buffer, timeouts, NOSIGNAL,
 * protocols limited to smtp/smtps. See smtp.h.
 */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "net/smtp.h"

struct source {
	const char	*p;
	size_t		 left;
};

static size_t	read_cb(char *, size_t, size_t, void *);

int
smtp_send(const struct smtp_opts *o, const char *from, const char *to,
    const char *msg, size_t len, struct smtp_result *res)
{
	CURL			*c;
	struct curl_slist	*rcpt = NULL;
	struct source		 src = { msg, len };
	char			 eb[CURL_ERROR_SIZE] = "";
	CURLcode		 cc;

	memset(res, 0, sizeof(*res));
	c = curl_easy_init();
	if (c == NULL) {
		snprintf(res->err, sizeof(res->err), "curl_easy_init failed");
		return -1;
	}
	rcpt = curl_slist_append(rcpt, to);
	curl_easy_setopt(c, CURLOPT_URL, o->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	if (o->user != NULL && o->user[0] != '\0') {
		curl_easy_setopt(c, CURLOPT_USERNAME, o->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, o->password != NULL ?
		    o->password : "");
	}
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &src);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, eb);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(o->timeout_ms > 0 ?
	    o->timeout_ms : 30000));
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)(o->connect_timeout_ms > 0 ? o->connect_timeout_ms : 5000));
	cc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->code);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	if (cc == CURLE_OK)
		return 0;
	res->permanent = res->code >= 500 && res->code < 600;
	snprintf(res->err, sizeof(res->err), "%s%s", eb[0] ? eb :
	    curl_easy_strerror(cc), res->permanent ? " (permanent)" : "");
	return -1;
}

static size_t
read_cb(char *buf, size_t sz, size_t n, void *arg)
{
	struct source	*s = arg;
	size_t		 k = sz * n;

	if (k > s->left)
		k = s->left;
	memcpy(buf, s->p, k);
	s->p += k;
	s->left -= k;
	return k;
}
