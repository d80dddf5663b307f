/*
 * http_client.c: libcurl easy-handle wrapper (CURLOPT_ERRORBUFFER, timeouts,
 * NOSIGNAL, capped write callback), as style.md §3.4.14 describes.
 */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "net/http_client.h"

static size_t	write_cb(char *, size_t, size_t, void *);
static int	perform(CURL *, const char *, const struct http_opts *,
		    struct buf *, struct http_result *);

int
http_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

int
http_post(const char *url, const char *ctype, const char *body, size_t len,
    const struct http_opts *o, struct buf *resp, struct http_result *res)
{
	CURL			*c;
	struct curl_slist	*h = NULL;
	char			 ct[128];
	int			 rc = -1;

	memset(res, 0, sizeof(*res));
	c = curl_easy_init();
	if (c == NULL) {
		snprintf(res->err, sizeof(res->err), "curl_easy_init failed");
		return -1;
	}
	snprintf(ct, sizeof(ct), "Content-Type: %s", ctype);
	h = curl_slist_append(h, ct);
	curl_easy_setopt(c, CURLOPT_POST, 1L);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	rc = perform(c, url, o, resp, res);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return rc;
}

int
http_get(const char *url, const struct http_opts *o, struct buf *resp,
    struct http_result *res)
{
	CURL	*c;
	int	 rc;

	memset(res, 0, sizeof(*res));
	c = curl_easy_init();
	if (c == NULL)
		return -1;
	rc = perform(c, url, o, resp, res);
	curl_easy_cleanup(c);
	return rc;
}

struct sink {
	struct buf	*b;
	size_t		 max;
	size_t		 got;
};

static int
perform(CURL *c, const char *url, const struct http_opts *o, struct buf *resp,
    struct http_result *res)
{
	struct curl_slist	*h = NULL;
	struct sink		 s = { resp, o && o->max_response ?
	    o->max_response : 1 << 20, 0 };
	char			 eb[CURL_ERROR_SIZE] = "";
	size_t			 i;
	CURLcode		 cc;

	for (i = 0; o && o->headers && o->headers[i] != NULL; i++)
		h = curl_slist_append(h, o->headers[i]);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, eb);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(o && o->timeout_ms ?
	    o->timeout_ms : 10000));
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)(o &&
	    o->connect_timeout_ms ? o->connect_timeout_ms : 3000));
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	cc = curl_easy_perform(c);
	curl_slist_free_all(h);
	if (cc != CURLE_OK) {
		snprintf(res->err, sizeof(res->err), "%s", eb[0] ? eb :
		    curl_easy_strerror(cc));
		return -1;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->status);
	return 0;
}

static size_t
write_cb(char *p, size_t sz, size_t n, void *arg)
{
	struct sink	*s = arg;
	size_t		 len = sz * n;

	if (s->got + len > s->max)
		return 0;		/* abort: response too large */
	s->got += len;
	if (s->b != NULL && buf_append(s->b, p, len) == -1)
		return 0;
	return len;
}
