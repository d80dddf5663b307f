/*
 * ingest.c: one upload from nginx's temp file to the media directory:
 * content check, per-type size limit, SHA-256 content address, metadata,
 * image copies, then the original in place. Order matters: nothing is
 * placed until the whole file has been checked.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "crypto.h"
#include "media/media_int.h"

static int	check_type(int, int64_t, struct media_info *,
		    struct media_err *);
static int	hash_file(int, int64_t, char *);
static int	fail(struct media_err *, int, const char *, const char *);

int
media_ingest(const char *src, const char *dir, struct media_info *mi,
    struct media_err *me)
{
	char		 rel[128], dst[1024];
	struct stat	 st;
	int		 fd, rc = -1;

	memset(mi, 0, sizeof(*mi));
	mi->duration_ms = -1;
	fd = open(src, O_RDONLY | O_NOFOLLOW);
	if (fd == -1 || fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		log_err(NULL, "media: body file %s: %s", src, strerror(errno));
		fail(me, 500, "internal", "the upload could not be read");
		goto out;
	}
	mi->size = (int64_t)st.st_size;
	if (check_type(fd, mi->size, mi, me) == -1)
		goto out;
	if (hash_file(fd, mi->size, mi->sha256) == -1) {
		fail(me, 500, "internal", "the upload could not be read");
		goto out;
	}
	if (mi->type.kind == MEDIA_IMAGE && media_image(src, dir, mi, me) == -1)
		goto out;
	if (media_relpath("original", mi->sha256, rel, sizeof(rel)) == -1 ||
	    media_join(dst, sizeof(dst), dir, rel) == -1 ||
	    media_place(src, dst) == -1) {
		fail(me, 500, "internal", "the upload could not be stored");
		goto out;
	}
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	return rc;
}

/* Content sniffing, the limit of the kind found, the video structure. */
static int
check_type(int fd, int64_t size, struct media_info *mi, struct media_err *me)
{
	unsigned char	head[MEDIA_SNIFF_BYTES];
	ssize_t		n;
	int64_t		max;

	if (size == 0)
		return fail(me, 400, "empty_body", "the upload is empty");
	n = pread(fd, head, sizeof(head), 0);
	if (n <= 0)
		return fail(me, 500, "internal", "the upload could not be read");
	if (media_sniff(head, (size_t)n, &mi->type) == -1)
		return fail(me, 415, "unsupported_type", "not a JPEG, PNG, WebP "
		    "or HEIC photo, nor an MP4, MOV or WebM video");
	max = mi->type.kind == MEDIA_IMAGE ? MEDIA_IMAGE_MAX_BYTES :
	    MEDIA_VIDEO_MAX_BYTES;
	if (size > max)
		return fail(me, 413, "too_large", mi->type.kind == MEDIA_IMAGE ?
		    "photos are limited to 20 MB" : "videos are limited to "
		    "100 MB");
	if (strcmp(mi->type.mime, "video/webm") != 0 &&
	    mi->type.kind == MEDIA_VIDEO &&
	    media_mp4_probe(fd, size, &mi->duration_ms) == -1)
		return fail(me, 422, "invalid_video", "the video file is "
		    "damaged or not what its header claims");
	return 0;
}

/* SHA-256 of the whole file through a read-only mapping. */
static int
hash_file(int fd, int64_t size, char *hex)
{
	void	*map;

	map = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		log_err(NULL, "media: mmap: %s", strerror(errno));
		return -1;
	}
	crypto_sha256_hex(map, (size_t)size, hex);
	munmap(map, (size_t)size);
	return 0;
}

static int
fail(struct media_err *me, int status, const char *code, const char *msg)
{
	me->status = status;
	me->code = code;
	snprintf(me->msg, sizeof(me->msg), "%s", msg);
	return -1;
}
