/*
 * media_int.h: what the files of lib/media share among themselves (not
 * for callers outside lib/media/; they use media.h).
 */
#ifndef MEDIA_INT_H
#define MEDIA_INT_H

#include <stddef.h>

#include "media/media.h"

/* Offset assumed for EXIF times without OffsetTimeOriginal (Vietnam). */
#define MEDIA_DEFAULT_UTC_OFFSET	(7 * 3600L)

/*
 * Reads DateTimeOriginal (+ OffsetTimeOriginal) and GPS position from a
 * raw EXIF block ("Exif\0\0" + TIFF) into mi->has_time/taken_at and
 * mi->has_gps/lat/lng. Missing or broken tags are skipped, never an error.
 */
void	media_exif_read(const unsigned char *blob, size_t len,
	    struct media_info *mi);

/*
 * Decodes the image at src with libvips (only the loader its content
 * calls for), fills width/height and the EXIF suggestions, and writes the
 * display and thumbnail copies under media_dir unless they exist already.
 * Returns 0, or -1 with *me filled (422 for an undecodable or oversized
 * image, 500 for our own failures).
 */
int	media_image(const char *src, const char *media_dir,
	    struct media_info *mi, struct media_err *me);

/* dir + "/" + rel into out. 0, or -1 when it does not fit. */
int	media_join(char *out, size_t size, const char *dir, const char *rel);
/* mkdir -p of the directory part of path (mode 0750). 0 or -1 (errno). */
int	media_mkparents(const char *path);
/*
 * Makes dst a copy of src: a hard link when both are on one filesystem,
 * else a copy through a temporary file and rename. An existing dst is
 * kept (same content address, same bytes). 0 or -1 (logged).
 */
int	media_place(const char *src, const char *dst);
/* "<path>.<pid>.tmp" into out, for write-then-rename. 0 or -1. */
int	media_tmpname(char *out, size_t size, const char *path);

#endif
