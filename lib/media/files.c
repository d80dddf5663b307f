/*
 * files.c: the media directory on disk: paths, parent directories, and
 * putting the original in place without ever overwriting a stored file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "media/media_int.h"

static int	copy_file(const char *, const char *);

int
media_join(char *out, size_t size, const char *dir, const char *rel)
{
	int	n = snprintf(out, size, "%s/%s", dir, rel);

	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int
media_tmpname(char *out, size_t size, const char *path)
{
	int	n = snprintf(out, size, "%s.%ld.tmp", path, (long)getpid());

	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int
media_mkparents(const char *path)
{
	char	buf[1024];
	char	*p;
	size_t	n = strlen(path);

	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, path, n + 1);
	p = strrchr(buf, '/');
	if (p == NULL || p == buf)
		return 0;
	*p = '\0';
	for (p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0750) == -1 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0750) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

int
media_place(const char *src, const char *dst)
{
	if (access(dst, F_OK) == 0)
		return 0;			/* content-addressed: same bytes */
	if (media_mkparents(dst) == -1) {
		log_err(NULL, "media: mkdir for %s: %s", dst, strerror(errno));
		return -1;
	}
	if (link(src, dst) == 0 || errno == EEXIST)
		return 0;
	if (errno != EXDEV && errno != EPERM) {
		log_err(NULL, "media: link %s: %s", dst, strerror(errno));
		return -1;
	}
	return copy_file(src, dst);
}

/* Across filesystems: copy to a temporary name, fsync, rename. */
static int
copy_file(const char *src, const char *dst)
{
	char	tmp[1100], buf[65536];
	int	in = -1, out = -1, rc = -1;
	ssize_t	n;

	if (media_tmpname(tmp, sizeof(tmp), dst) == -1)
		return -1;
	in = open(src, O_RDONLY | O_NOFOLLOW);
	out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0640);
	if (in == -1 || out == -1)
		goto out;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			goto out;
	if (n < 0 || fsync(out) == -1)
		goto out;
	n = close(out);
	out = -1;
	if (n == -1)
		goto out;
	if (rename(tmp, dst) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1) {
		log_err(NULL, "media: copy to %s: %s", dst, strerror(errno));
		unlink(tmp);
	}
	if (in != -1)
		close(in);
	if (out != -1)
		close(out);
	return rc;
}
