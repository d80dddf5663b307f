/*
 * fileio.c: small whole-file reads shared by the daemons' template and
 * secret loaders.
 */
#include <errno.h>
#include <stdio.h>

#include "core/fileio.h"

int
fileio_read(const char *path, char *buf, size_t sz)
{
	FILE	*f;
	size_t	 n;
	int	 rc = -1;

	if (sz == 0)
		return -1;
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	n = fread(buf, 1, sz - 1, f);
	if (!ferror(f) && feof(f)) {
		buf[n] = '\0';
		rc = 0;
	} else
		errno = EFBIG;
	fclose(f);
	return rc;
}
