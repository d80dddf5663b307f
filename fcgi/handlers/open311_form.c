/*
 * open311_form.c: the body of an Open311 POST in either encoding
 * (application/x-www-form-urlencoded or multipart/form-data), and the
 * media[] files of a multipart POST put through the upload pipeline
 * (lib/media) and attached to the new case in its own transaction.
 * See docs/open311.md "Media upload".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/parse.h"
#include "crypto.h"
#include "handlers/open311_int.h"
#include "media/media.h"
#include "model/multipart.h"
#include "model/vntext.h"
#include "store/media.h"

#define MAX_PARTS	200		/* fields and files of one POST */
#define FIELD_MAX	(64 * 1024)	/* bytes of one multipart field */
#define LABEL_MAX	100		/* bytes of a file name in errors */

static int	 form_urlencoded(struct req *, struct o311_form *);
static int	 form_multipart(struct req *, struct resp *, enum o311_fmt,
		    const char *, struct o311_form *);
static int	 add_part(struct req *, struct resp *, enum o311_fmt,
		    const unsigned char *, const struct mp_part *,
		    struct o311_form *);
static int	 media_name(const char *);
static const char *label(struct req *, const struct mp_part *, size_t);
static int	 check_file(struct resp *, enum o311_fmt,
		    const struct o311_file *);
static int	 ingest(struct req *, struct resp *, enum o311_fmt,
		    const struct o311_file *, struct media_info *);
static int	 spool(const char *, const struct o311_file *, char *, size_t);

int
o311_form_read(struct req *rq, struct resp *rs, enum o311_fmt f,
    struct o311_form *fm)
{
	char	boundary[MP_BOUNDARY_MAX + 1];

	memset(fm, 0, sizeof(*fm));
	if (strncasecmp(rq->content_type, "multipart/form-data", 19) == 0) {
		if (multipart_boundary(rq->content_type, boundary,
		    sizeof(boundary)) == -1)
			return o311_fail(rs, f, 400, "multipart/form-data "
			    "needs a valid boundary parameter");
		return form_multipart(rq, rs, f, boundary, fm);
	}
	if (strncasecmp(rq->content_type, "application/x-www-form-urlencoded",
	    33) != 0)
		return o311_fail(rs, f, 400, "send the form as application/"
		    "x-www-form-urlencoded; charset=utf-8 or as "
		    "multipart/form-data");
	if (req_body_from_file(rq, (size_t)rq->app->conf.max_body_bytes) == -1)
		return errno == EFBIG ? o311_fail(rs, f, 400, "a form without "
		    "files may hold at most %d bytes",
		    rq->app->conf.max_body_bytes) : o311_fail(rs, f, 500,
		    "the request body could not be read");
	if (form_urlencoded(rq, fm) == -1)
		return o311_fail(rs, f, 400, "the form body is malformed or "
		    "not UTF-8");
	return 0;
}

/* First non-empty value (an empty value counts as absent, spec §1). */
const char *
o311_fget(const struct o311_form *fm, const char *key)
{
	size_t	i;

	for (i = 0; i < fm->n; i++)
		if (strcmp(fm->p[i].key, key) == 0 && fm->p[i].val[0] != '\0')
			return fm->p[i].val;
	return NULL;
}

int
o311_media_refs(struct req *rq, struct resp *rs, enum o311_fmt f,
    const struct o311_form *fm, struct case_new *cn)
{
	struct media_info	*mi;
	struct media_ref	*refs;
	struct media_new	 mn;
	char			 tok[CRYPTO_TOKEN_LEN], key[CRYPTO_TOKEN_LEN];
	size_t			 i;
	int			 st;

	if (fm->nfiles == 0)
		return 0;
	/* cheap checks of every file before any I/O */
	for (i = 0; i < fm->nfiles; i++) {
		st = check_file(rs, f, &fm->files[i]);
		if (st != 0)
			return st;
	}
	mi = arena_alloc(rq->arena, fm->nfiles * sizeof(*mi));
	for (i = 0; i < fm->nfiles; i++) {
		st = ingest(rq, rs, f, &fm->files[i], &mi[i]);
		if (st != 0)
			return st;
	}
	refs = arena_alloc(rq->arena, fm->nfiles * sizeof(*refs));
	for (i = 0; i < fm->nfiles; i++) {
		crypto_token(tok);
		crypto_token(key);
		crypto_sha256_hex(tok, strlen(tok), refs[i].token_hash);
		media_new_from_info(&mn, &mi[i], "report", refs[i].token_hash,
		    key);
		if (store_media_insert(rq->db, &mn, rq->now, &refs[i].id) == -1)
			return o311_fail(rs, f, 500, "please try later");
	}
	cn->media = refs;
	cn->nmedia = fm->nfiles;
	return 0;
}

/* Every pair of the body, decoded into the arena; values must be UTF-8. */
static int
form_urlencoded(struct req *rq, struct o311_form *fm)
{
	const char	*k, *v, *body = rq->body != NULL ? rq->body : "";
	size_t		 pos = 0, kl, vl, cap = 16;
	char		*dk, *dv;

	fm->p = arena_alloc(rq->arena, cap * sizeof(*fm->p));
	while (qs_next(body, &pos, &k, &kl, &v, &vl)) {
		dk = arena_alloc(rq->arena, kl + 1);
		dv = arena_alloc(rq->arena, vl + 1);
		if (pct_decode(k, kl, dk, kl + 1, 1) < 0 ||
		    pct_decode(v, vl, dv, vl + 1, 1) < 0 ||
		    utf8_valid(dv, strlen(dv)) == -1)
			return -1;
		if (fm->n == cap) {
			struct o311_pair *np = arena_alloc(rq->arena,
			    2 * cap * sizeof(*np));

			memcpy(np, fm->p, cap * sizeof(*np));
			fm->p = np;
			cap *= 2;
		}
		fm->p[fm->n].key = dk;
		fm->p[fm->n++].val = dv;
	}
	return 0;
}

/* Fields are copied into the arena; files stay in the (mapped) body. */
static int
form_multipart(struct req *rq, struct resp *rs, enum o311_fmt f,
    const char *boundary, struct o311_form *fm)
{
	const unsigned char	*body;
	struct mp_part		*parts;
	size_t			 len, n, i;
	char			 err[160];
	int			 st;

	if (req_body_map(rq, &body, &len) == -1) {
		log_err(rq->reqid, "open311: the body file: %s",
		    strerror(errno));
		return o311_fail(rs, f, 500, "the request body could not be "
		    "read");
	}
	parts = arena_alloc(rq->arena, MAX_PARTS * sizeof(*parts));
	if (len == 0 || multipart_parse(body, len, boundary, parts, MAX_PARTS,
	    &n, err, sizeof(err)) == -1)
		return o311_fail(rs, f, 400, "the multipart body is malformed: "
		    "%s", len == 0 ? "it is empty" : err);
	fm->p = arena_alloc(rq->arena, (n + 1) * sizeof(*fm->p));
	fm->files = arena_alloc(rq->arena, (n + 1) * sizeof(*fm->files));
	for (i = 0; i < n; i++) {
		st = add_part(rq, rs, f, body, &parts[i], fm);
		if (st != 0)
			return st;
	}
	return 0;
}

/*
 * A media[] (or media, photoN as FixMyStreet sends) part is a file; other
 * parts with a filename are unknown parameters and ignored (spec §10.1);
 * the rest are fields, which must be UTF-8.
 */
static int
add_part(struct req *rq, struct resp *rs, enum o311_fmt f,
    const unsigned char *body, const struct mp_part *p, struct o311_form *fm)
{
	struct o311_file	*file;
	char			*v;

	if (media_name(p->name)) {
		if (p->len == 0 && p->filename[0] == '\0')
			return 0;		/* a form's empty file input */
		if (fm->nfiles == MEDIA_MAX_PER_REPORT)
			return o311_fail(rs, f, 400, "at most %d files per "
			    "request", MEDIA_MAX_PER_REPORT);
		file = &fm->files[fm->nfiles++];
		file->data = body + p->off;
		file->len = p->len;
		file->label = label(rq, p, fm->nfiles);
		return 0;
	}
	if (p->has_filename)
		return 0;
	if (p->len > FIELD_MAX)
		return o311_fail(rs, f, 400, "a field is longer than %d bytes",
		    FIELD_MAX);
	v = arena_strndup(rq->arena, (const char *)body + p->off, p->len);
	if (p->len > 0 && utf8_valid(v, p->len) == -1)
		return o311_fail(rs, f, 400, "the field %.64s is not UTF-8",
		    utf8_valid(p->name, strlen(p->name)) == 0 ? p->name : "?");
	fm->p[fm->n].key = arena_strdup(rq->arena, p->name);
	fm->p[fm->n++].val = v;
	return 0;
}

static int
media_name(const char *name)
{
	size_t	n;

	if (strcmp(name, "media[]") == 0 || strcmp(name, "media") == 0)
		return 1;
	if (strncmp(name, "photo", 5) != 0)
		return 0;
	n = strspn(name + 5, "0123456789");
	return n > 0 && n < 4 && name[5 + n] == '\0';
}

/* How errors name a file: its name (at most LABEL_MAX bytes), else
 * "file 2 of media[]". */
static const char *
label(struct req *rq, const struct mp_part *p, size_t nth)
{
	size_t	n = strlen(p->filename);

	if (n == 0 || utf8_valid(p->filename, n) == -1)
		return arena_printf(rq->arena, "file %zu of %s", nth,
		    p->name);
	if (n <= LABEL_MAX)
		return arena_printf(rq->arena, "\"%s\"", p->filename);
	n = LABEL_MAX;
	while (n > 0 && ((unsigned char)p->filename[n] & 0xC0) == 0x80)
		n--;			/* not inside a UTF-8 sequence */
	return arena_printf(rq->arena, "\"%.*s...\"", (int)n, p->filename);
}

/* Photos and videos only, judged by content; the per-type size limits. */
static int
check_file(struct resp *rs, enum o311_fmt f, const struct o311_file *file)
{
	struct media_type	t;
	long			max;

	if (media_sniff(file->data, file->len < MEDIA_SNIFF_BYTES ? file->len :
	    MEDIA_SNIFF_BYTES, &t) == -1)
		return o311_fail(rs, f, 400, "%s is not a photo or video "
		    "(JPEG, PNG, WebP, HEIC, MP4, MOV or WebM)", file->label);
	max = t.kind == MEDIA_IMAGE ? MEDIA_IMAGE_MAX_BYTES :
	    MEDIA_VIDEO_MAX_BYTES;
	if (file->len > (size_t)max)
		return o311_fail(rs, f, 400, "%s is larger than %ld MB (the "
		    "limit for %s)", file->label, max >> 20,
		    t.kind == MEDIA_IMAGE ? "photos" : "videos");
	return 0;
}

/* The file to a temporary name under media_dir, then lib/media. */
static int
ingest(struct req *rq, struct resp *rs, enum o311_fmt f,
    const struct o311_file *file, struct media_info *mi)
{
	struct media_err	me;
	char			tmp[512];
	int			rc;

	if (spool(rq->app->conf.media_dir, file, tmp, sizeof(tmp)) == -1) {
		log_err(rq->reqid, "open311: spooling %s: %s", tmp,
		    strerror(errno));
		return o311_fail(rs, f, 500, "please try later");
	}
	rc = media_ingest(tmp, rq->app->conf.media_dir, mi, &me);
	unlink(tmp);
	if (rc == -1)
		return o311_fail(rs, f, me.status >= 500 ? 500 : 400, "%s: %s",
		    file->label, me.msg);
	log_info(rq->reqid, "open311 media stored type=%s bytes=%lld",
	    mi->type.mime, (long long)mi->size);
	return 0;
}

/*
 * media_dir/tmp/o311-<random>, 0600, holding the file's bytes: on the
 * media filesystem, so media_ingest links the original instead of copying.
 */
static int
spool(const char *media_dir, const struct o311_file *file, char *path,
    size_t size)
{
	char	rnd[CRYPTO_TOKEN_LEN];
	size_t	done = 0;
	ssize_t	w;
	int	fd, n;

	crypto_token(rnd);
	n = snprintf(path, size, "%s/tmp", media_dir);
	if (n < 0 || (size_t)n >= size || (mkdir(path, 0750) == -1 &&
	    errno != EEXIST))
		return -1;
	n = snprintf(path, size, "%s/tmp/o311-%s", media_dir, rnd);
	if (n < 0 || (size_t)n >= size)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1)
		return -1;
	while (done < file->len) {
		w = write(fd, file->data + done, file->len - done);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (close(fd) == -1 || done < file->len) {
		unlink(path);
		return -1;
	}
	return 0;
}
