/*
 * imap.c: libcurl IMAP wrapper (see imap.h). Custom commands (UID SEARCH,
 * UID FETCH RFC822.SIZE, UID STORE) return their untagged lines through
 * the write callback; fetches use the URL form ";UID=n[;SECTION=HEADER]",
 * which curl sends as UID FETCH.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "net/imap.h"

struct imap {
	CURL	*c;
	char	*url;
	char	*user;
	char	*password;
	long	 timeout_ms;
	char	 err[CURL_ERROR_SIZE];
};

static int	run(struct imap *, const char *, const char *, struct buf *);
static size_t	write_cb(char *, size_t, size_t, void *);
static char	*dup_or_empty(const char *);
static int	cmp_uid(const void *, const void *);

struct imap *
imap_open(const struct imap_conf *cf)
{
	struct imap	*im;

	im = calloc(1, sizeof(*im));
	if (im == NULL)
		return NULL;
	im->c = curl_easy_init();
	im->url = dup_or_empty(cf->url);
	im->user = dup_or_empty(cf->user);
	im->password = dup_or_empty(cf->password);
	im->timeout_ms = cf->timeout_ms > 0 ? cf->timeout_ms : 60000;
	if (im->c == NULL || im->url == NULL || im->user == NULL ||
	    im->password == NULL) {
		imap_close(im);
		return NULL;
	}
	return im;
}

void
imap_close(struct imap *im)
{
	if (im == NULL)
		return;
	if (im->c != NULL)
		curl_easy_cleanup(im->c);
	free(im->url);
	free(im->user);
	free(im->password);
	free(im);
}

const char *
imap_error(const struct imap *im)
{
	return im->err;
}

int
imap_search(struct imap *im, const char *criteria, uint32_t *uids,
    size_t max, size_t *n)
{
	struct buf	b;
	char		cmd[256];
	int		rc = -1;

	*n = 0;
	buf_init(&b, 4 << 20);
	if (snprintf(cmd, sizeof(cmd), "UID SEARCH %s", criteria) >=
	    (int)sizeof(cmd))
		goto out;
	if (run(im, im->url, cmd, &b) == -1)
		goto out;
	rc = imap_parse_search(buf_str(&b), uids, max, n);
out:
	buf_free(&b);
	return rc;
}

int
imap_size(struct imap *im, uint32_t uid, size_t *size)
{
	struct buf	b;
	char		cmd[64];
	int		rc = -1;

	buf_init(&b, 64 * 1024);
	snprintf(cmd, sizeof(cmd), "UID FETCH %lu (RFC822.SIZE)",
	    (unsigned long)uid);
	if (run(im, im->url, cmd, &b) == 0)
		rc = imap_parse_size(buf_str(&b), size);
	buf_free(&b);
	return rc;
}

int
imap_fetch(struct imap *im, uint32_t uid, int header_only, struct buf *out)
{
	char	url[1024];

	if (snprintf(url, sizeof(url), "%s;UID=%lu%s", im->url,
	    (unsigned long)uid, header_only ? ";SECTION=HEADER" : "") >=
	    (int)sizeof(url))
		return -1;
	return run(im, url, NULL, out);
}

int
imap_add_flags(struct imap *im, uint32_t uid, const char *flags)
{
	struct buf	b;
	char		cmd[256];
	int		rc = -1;

	buf_init(&b, 64 * 1024);
	if (snprintf(cmd, sizeof(cmd), "UID STORE %lu +FLAGS (%s)",
	    (unsigned long)uid, flags) < (int)sizeof(cmd))
		rc = run(im, im->url, cmd, &b);
	buf_free(&b);
	return rc;
}

int
imap_parse_search(const char *resp, uint32_t *uids, size_t max, size_t *n)
{
	const char		*p;
	char			*end;
	unsigned long long	 v;

	*n = 0;
	for (p = strstr(resp, "* SEARCH"); p != NULL;
	    p = strstr(p, "* SEARCH")) {
		p += 8;
		while (*p == ' ') {
			v = strtoull(p + 1, &end, 10);
			if (end == p + 1 || v == 0 || v > UINT32_MAX)
				break;
			if (*n < max)	/* the rest waits for the next poll */
				uids[(*n)++] = (uint32_t)v;
			p = end;
		}
	}
	qsort(uids, *n, sizeof(*uids), cmp_uid);
	return 0;
}

int
imap_parse_size(const char *resp, size_t *size)
{
	const char		*p = strstr(resp, "RFC822.SIZE ");
	char			*end;
	unsigned long long	 v;

	if (p == NULL)
		return -1;
	v = strtoull(p + 12, &end, 10);
	if (end == p + 12 || v > SIZE_MAX)
		return -1;
	*size = (size_t)v;
	return 0;
}

/* One transfer on the session's handle (its connection is reused). */
static int
run(struct imap *im, const char *url, const char *custom, struct buf *out)
{
	CURLcode	cc;

	im->err[0] = '\0';
	curl_easy_reset(im->c);
	curl_easy_setopt(im->c, CURLOPT_URL, url);
	curl_easy_setopt(im->c, CURLOPT_USERNAME, im->user);
	curl_easy_setopt(im->c, CURLOPT_PASSWORD, im->password);
	curl_easy_setopt(im->c, CURLOPT_PROTOCOLS_STR, "imap,imaps");
	curl_easy_setopt(im->c, CURLOPT_ERRORBUFFER, im->err);
	curl_easy_setopt(im->c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(im->c, CURLOPT_TIMEOUT_MS, im->timeout_ms);
	curl_easy_setopt(im->c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
	curl_easy_setopt(im->c, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(im->c, CURLOPT_WRITEDATA, out);
	if (custom != NULL)
		curl_easy_setopt(im->c, CURLOPT_CUSTOMREQUEST, custom);
	cc = curl_easy_perform(im->c);
	if (cc != CURLE_OK) {
		if (im->err[0] == '\0')
			snprintf(im->err, sizeof(im->err), "%s",
			    curl_easy_strerror(cc));
		return -1;
	}
	return 0;
}

static size_t
write_cb(char *p, size_t sz, size_t n, void *arg)
{
	struct buf	*b = arg;

	if (buf_append(b, p, sz * n) == -1)
		return 0;		/* over the caller's limit: abort */
	return sz * n;
}

static char *
dup_or_empty(const char *s)
{
	return strdup(s != NULL ? s : "");
}

static int
cmp_uid(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}
