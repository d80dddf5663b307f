/*
 * fileio.h: reading small whole files (templates, secrets) into a buffer.
 */
#ifndef FILEIO_H
#define FILEIO_H

#include <stddef.h>

/* The whole file into buf (NUL-terminated); -1 if missing, unreadable or
 * longer than sz - 1 bytes (errno EFBIG then). */
int	fileio_read(const char *path, char *buf, size_t sz);

#endif
