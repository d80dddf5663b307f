/*
 * request.c: builds struct req from a libfcgi request. The only code that
 * reads FastCGI params: it copies them into the arena, so no pointer from
 * FCGX_GetParam outlives this file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "app.h"
#include "core/arena.h"
#include "core/parse.h"
#include "request.h"
#include "worker.h"

static enum method	 parse_method(const char *);
static void		 copy_params(struct req *, char **);
static void		 read_body(struct req *, FCGX_Request *);
static const char	*lookup_pairs(struct req *, const char *, const char *,
			    int);
static int		 open_body_file(const struct req *, int *, off_t *);
static void		 unmap(void *);

/* a mapping of the spooled body, undone at arena_reset */
struct body_map {
	void	*addr;
	size_t	 len;
};

int
req_from_fcgi(struct req *rq, FCGX_Request *fr, struct app *app,
    struct arena *ar)
{
	const char	*s;
	int64_t		 t;

	memset(rq, 0, sizeof(*rq));
	clock_gettime(CLOCK_MONOTONIC, &rq->t0);
	rq->app = app;
	rq->db = app->db;
	rq->arena = ar;
	copy_params(rq, fr->envp);
	rq->method_name = req_param(rq, "REQUEST_METHOD");
	if (rq->method_name == NULL)
		rq->method_name = "";
	rq->method = parse_method(rq->method_name);
	rq->path = req_param(rq, "DOCUMENT_URI");
	if (rq->path == NULL)
		rq->path = req_param(rq, "SCRIPT_NAME");
	if (rq->path == NULL)
		rq->path = "/";
	s = req_param(rq, "QUERY_STRING");
	rq->query = s ? s : "";
	s = req_param(rq, "CONTENT_TYPE");
	rq->content_type = s ? s : "";
	s = req_param(rq, "REQUEST_ID");
	rq->reqid = s && *s ? s : arena_printf(ar, "local-%ld-%ld",
	    (long)rq->t0.tv_sec, (long)rq->t0.tv_nsec);
	s = req_param(rq, "REMOTE_ADDR");
	rq->remote_addr = s ? s : "";
	rq->now = rq->wall = time(NULL);
	s = req_param(rq, "HTTP_X_TEST_NOW");
	if (app->conf.test_clock && s != NULL &&
	    parse_i64(s, 0, INT64_C(4102444800), &t) == 0)
		rq->now = (time_t)t;
	if (strlen(rq->query) > (size_t)app->conf.max_query_bytes)
		rq->limit_status = 414;
	read_body(rq, fr);
	return 0;
}

const char *
req_param(const struct req *rq, const char *name)
{
	size_t	i;

	for (i = 0; i < rq->nparams; i++)
		if (strcmp(rq->params[i].key, name) == 0)
			return rq->params[i].val;
	return NULL;
}

const char *
req_cap(const struct req *rq, const char *name)
{
	size_t	i;

	for (i = 0; i < rq->ncaps; i++)
		if (strcmp(rq->caps[i].key, name) == 0)
			return rq->caps[i].val;
	return NULL;
}

const char *
req_query(struct req *rq, const char *key)
{
	return lookup_pairs(rq, rq->query, key, 1);
}

const char *
req_form(struct req *rq, const char *key)
{
	if (rq->body == NULL)
		return NULL;
	return lookup_pairs(rq, rq->body, key, 1);
}

int
req_body_from_file(struct req *rq, size_t max)
{
	off_t	size;
	size_t	got = 0;
	ssize_t	r;
	int	fd = -1, rc = -1;

	if (rq->body != NULL || req_param(rq, "REQUEST_BODY_FILE") == NULL)
		return 0;
	if (open_body_file(rq, &fd, &size) == -1)
		return -1;
	if ((uint64_t)size > max) {
		errno = EFBIG;
		goto out;
	}
	rq->body = arena_alloc(rq->arena, (size_t)size + 1);
	while (got < (size_t)size) {
		r = read(fd, rq->body + got, (size_t)size - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			goto out;
		got += (size_t)r;
	}
	rc = 0;
out:
	if (rc == -1)
		rq->body = NULL;
	else {
		rq->body[got] = '\0';
		rq->body_len = got;
	}
	if (fd != -1)
		close(fd);
	return rc;
}

int
req_body_map(struct req *rq, const unsigned char **p, size_t *len)
{
	struct body_map	*m;
	off_t		 size;
	void		*addr;
	int		 fd = -1;

	*p = (const unsigned char *)rq->body;
	*len = rq->body != NULL ? rq->body_len : 0;
	if (rq->body != NULL || req_param(rq, "REQUEST_BODY_FILE") == NULL)
		return 0;
	if (open_body_file(rq, &fd, &size) == -1)
		return -1;
	if (size == 0) {
		if (fd != -1)
			close(fd);
		return 0;
	}
	addr = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (addr == MAP_FAILED)
		return -1;
	m = arena_alloc(rq->arena, sizeof(*m));
	m->addr = addr;
	m->len = (size_t)size;
	arena_on_reset(rq->arena, unmap, m);
	*p = addr;
	*len = (size_t)size;
	return 0;
}

const char *
req_cookie(struct req *rq, const char *name)
{
	const char	*c = req_param(rq, "HTTP_COOKIE"), *p, *end;
	size_t		 nl = strlen(name);

	if (c == NULL)
		return NULL;
	for (p = c; *p != '\0'; p = *end ? end + 1 : end) {
		while (*p == ' ')
			p++;
		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		if ((size_t)(end - p) > nl && strncmp(p, name, nl) == 0 &&
		    p[nl] == '=')
			return arena_strndup(rq->arena, p + nl + 1,
			    (size_t)(end - p) - nl - 1);
	}
	return NULL;
}

static const char *
lookup_pairs(struct req *rq, const char *qs, const char *key, int plus)
{
	const char	*k, *v;
	size_t		 pos = 0, kl, vl, want = strlen(key);
	char		*dk, *dv;

	while (qs_next(qs, &pos, &k, &kl, &v, &vl)) {
		dk = arena_alloc(rq->arena, kl + 1);
		if (pct_decode(k, kl, dk, kl + 1, plus) != (long)want ||
		    strcmp(dk, key) != 0)
			continue;
		if (vl == 0)
			return NULL;
		dv = arena_alloc(rq->arena, vl + 1);
		if (pct_decode(v, vl, dv, vl + 1, plus) <= 0)
			return NULL;
		return dv;
	}
	return NULL;
}

static void
copy_params(struct req *rq, char **envp)
{
	size_t	n = 0, i, total = 0;
	char	*eq;

	while (envp[n] != NULL)
		n++;
	rq->params = arena_alloc(rq->arena, (n + 1) * sizeof(*rq->params));
	for (i = 0; i < n; i++) {
		total += strlen(envp[i]);
		eq = strchr(envp[i], '=');
		if (eq == NULL)
			continue;
		rq->params[rq->nparams].key = arena_strndup(rq->arena, envp[i],
		    (size_t)(eq - envp[i]));
		rq->params[rq->nparams].val = arena_strdup(rq->arena, eq + 1);
		rq->nparams++;
	}
	if (total > (size_t)rq->app->conf.max_header_bytes)
		rq->limit_status = 431;
}

static void
read_body(struct req *rq, FCGX_Request *fr)
{
	const char	*cl = req_param(rq, "CONTENT_LENGTH");
	int64_t		 len;
	int		 got;

	if (cl == NULL || *cl == '\0')
		return;
	/* media uploads: nginx keeps the body in a file (REQUEST_BODY_FILE)
	 * and sends none; its size is the media handler's business */
	if (req_param(rq, "REQUEST_BODY_FILE") != NULL)
		return;
	if (parse_i64(cl, 0, INT64_MAX, &len) == -1) {
		rq->limit_status = 400;
		return;
	}
	if (len > rq->app->conf.max_body_bytes) {
		rq->limit_status = 413;
		return;
	}
	rq->body = arena_alloc(rq->arena, (size_t)len + 1);
	got = len > 0 ? FCGX_GetStr(rq->body, (int)len, fr->in) : 0;
	if (got < 0)
		got = 0;
	rq->body_len = (size_t)got;
	rq->body[got] = '\0';
}

/* The spooled body file, open for reading, and its size ("" = empty). */
static int
open_body_file(const struct req *rq, int *fd, off_t *size)
{
	const char	*path = req_param(rq, "REQUEST_BODY_FILE");
	struct stat	 st;

	*fd = -1;
	*size = 0;
	if (path[0] == '\0')			/* nginx made no file */
		return 0;
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd == -1)
		return -1;
	if (fstat(*fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(*fd);
		*fd = -1;
		errno = EINVAL;
		return -1;
	}
	*size = st.st_size;
	return 0;
}

static void
unmap(void *p)
{
	struct body_map	*m = p;

	munmap(m->addr, m->len);
}

static enum method
parse_method(const char *m)
{
	static const struct { const char *name; enum method m; } t[] = {
		{ "GET", M_GET }, { "POST", M_POST }, { "PUT", M_PUT },
		{ "PATCH", M_PATCH }, { "DELETE", M_DELETE }, { "HEAD", M_HEAD },
	};
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(m, t[i].name) == 0)
			return t[i].m;
	return M_NONE;
}
