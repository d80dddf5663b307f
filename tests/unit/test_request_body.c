/*
 * test_request_body.c: req_body_from_file() and req_body_map() of
 * fcgi/request.c, the body of a request that nginx spooled to a file
 * (REQUEST_BODY_FILE). Files are made here with known contents.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "request.h"
#include "tap.h"

static void	setup(const char *);
static void	test_from_file(void);
static void	test_map(void);

static struct req	 rq;
static struct kv	 param;
static struct arena	*ar;
static char		 path[] = "/tmp/test_request_body.XXXXXX";

int
main(void)
{
	static const char body[] = "a=1&b=%C3%A1&c=x+y";
	FILE	*f;
	int	 fd;

	plan(19);
	ar = arena_new(64 * 1024);
	fd = mkstemp(path);
	f = fd != -1 ? fdopen(fd, "w") : NULL;
	if (f == NULL || fwrite(body, 1, sizeof(body) - 1, f) !=
	    sizeof(body) - 1 || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		return 1;
	}
	test_from_file();
	test_map();
	unlink(path);
	arena_free(ar);
	return done();
}

/* rq with one param REQUEST_BODY_FILE = file (none when NULL). */
static void
setup(const char *file)
{
	arena_reset(ar);
	memset(&rq, 0, sizeof(rq));
	rq.arena = ar;
	param.key = "REQUEST_BODY_FILE";
	param.val = file;
	rq.params = &param;
	rq.nparams = file != NULL;
}

static void
test_from_file(void)
{
	setup(NULL);
	is_int(req_body_from_file(&rq, 1024), 0, "no body file: 0");
	ok(rq.body == NULL, "... and no body");
	setup(path);
	is_int(req_body_from_file(&rq, 1024), 0, "body file read");
	is_str(rq.body, "a=1&b=%C3%A1&c=x+y", "... whole, NUL-terminated");
	is_int((int)rq.body_len, 18, "... 18 bytes");
	is_str(req_form(&rq, "b"), "\xc3\xa1", "req_form decodes from it");
	is_str(req_form(&rq, "c"), "x y", "... '+' is a blank");
	setup(path);
	is_int(req_body_from_file(&rq, 18), 0, "exactly max bytes: fine");
	setup(path);
	errno = 0;
	is_int(req_body_from_file(&rq, 17), -1, "one byte over max: -1");
	ok(errno == EFBIG && rq.body == NULL, "... errno EFBIG, no body");
	setup("");
	ok(req_body_from_file(&rq, 10) == 0 && rq.body != NULL &&
	    rq.body_len == 0, "empty param (nginx made no file): empty body");
	setup("/nonexistent/body");
	is_int(req_body_from_file(&rq, 1024), -1, "missing file: -1");
	setup("/tmp");
	is_int(req_body_from_file(&rq, 1024), -1, "a directory: -1");
}

static void
test_map(void)
{
	const unsigned char	*p;
	size_t			 len;

	setup(path);
	ok(req_body_map(&rq, &p, &len) == 0 && len == 18 &&
	    memcmp(p, "a=1&b=%C3%A1&c=x+y", 18) == 0,
	    "the file mapped: its 18 bytes");
	setup(NULL);
	rq.body = arena_strdup(ar, "inline");
	rq.body_len = 6;
	ok(req_body_map(&rq, &p, &len) == 0 && len == 6 &&
	    p == (const unsigned char *)rq.body, "a FastCGI body: itself");
	setup(NULL);
	ok(req_body_map(&rq, &p, &len) == 0 && len == 0, "no body: length 0");
	setup("");
	ok(req_body_map(&rq, &p, &len) == 0 && len == 0, "empty param: "
	    "length 0");
	setup("/nonexistent/body");
	is_int(req_body_map(&rq, &p, &len), -1, "missing file: -1");
	setup(path);
	req_body_map(&rq, &p, &len);
	arena_reset(ar);		/* unmaps; ASan/valgrind see no leak */
	ok(1, "arena_reset after a mapping");
}
