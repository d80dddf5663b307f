/*
 * media.h: the upload pipeline for photos and videos (docs/media.md): check
 * a file by its content, hash it, read its metadata, make the stripped
 * display and thumbnail copies of images, and place everything under
 * media_dir by content address. No database and no HTTP here: the handler
 * (fcgi/handlers/media.c) and lib/store/media.c do those.
 * libvips and libexif are used only inside the .c files of lib/media.
 */
#ifndef MEDIA_MEDIA_H
#define MEDIA_MEDIA_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Per-type limits (the nginx location caps the body at the largest). */
#define MEDIA_IMAGE_MAX_BYTES	(20L << 20)
#define MEDIA_VIDEO_MAX_BYTES	(100L << 20)
#define MEDIA_MAX_PIXELS	(80L * 1000 * 1000)	/* decompression bombs */
#define MEDIA_DISPLAY_PX	1600	/* longest side of the display copy */
#define MEDIA_THUMB_PX		320	/* longest side of the thumbnail */
#define MEDIA_SNIFF_BYTES	4096	/* what media_sniff needs at most */

enum media_kind { MEDIA_NONE, MEDIA_IMAGE, MEDIA_VIDEO };

/* What a file is, judged by its first bytes. Strings are static. */
struct media_type {
	enum media_kind	 kind;
	const char	*mime;		/* "image/jpeg", "video/mp4", ... */
	const char	*ext;		/* "jpg", "mp4", ... (for downloads) */
};

/* Everything learnt about an accepted upload. */
struct media_info {
	struct media_type type;
	char		 sha256[65];	/* hex content address of the original */
	int64_t		 size;		/* bytes */
	int		 width, height;	/* upright (after orientation); 0 unknown */
	int64_t		 duration_ms;	/* -1 when unknown */
	int		 has_time;
	time_t		 taken_at;	/* EXIF DateTimeOriginal (suggestion) */
	int		 has_gps;
	double		 lat, lng;	/* EXIF GPS (suggestion) */
};

/* Why an upload was refused: HTTP status, error code and a message. */
struct media_err {
	int		 status;	/* 400, 413, 415, 422, 500 */
	const char	*code;		/* static, e.g. "unsupported_type" */
	char		 msg[160];
};

/*
 * Identifies a file from its first n bytes (n <= MEDIA_SNIFF_BYTES is
 * enough): JPEG, PNG, WebP, HEIC/HEIF, MP4, MOV, WebM. Names and declared
 * Content-Types are never consulted. Returns 0 and fills *t, or -1 when
 * the content is none of these. Pure.
 */
int	media_sniff(const unsigned char *p, size_t n, struct media_type *t);

/*
 * Checks the file at src (nginx's temp file of the body) and stores it:
 * media_dir/originals/ab/cd/<sha256> (a hard link, or a copy across
 * filesystems; an existing file of the same content is kept, so the same
 * upload twice is one file) and, for images, media_dir/display/... and
 * media_dir/thumb/... (JPEG, oriented, all metadata stripped). src itself
 * is left in place for nginx to delete. Returns 0 with *mi filled, or -1
 * with *me saying why (status 4xx: the client's fault; 500: ours, logged).
 */
int	media_ingest(const char *src, const char *media_dir,
	    struct media_info *mi, struct media_err *me);

/*
 * The place of a variant ("original", "display", "thumb") of the file with
 * content address sha256, relative to media_dir, e.g.
 * "display/ab/cd/<sha256>.jpg". Returns 0, or -1 for an unknown variant,
 * a malformed sha256 or a too small buffer. Pure.
 */
int	media_relpath(const char *variant, const char *sha256, char *out,
	    size_t size);

/*
 * Duration of an MP4/MOV file from its movie header ("moov"/"mvhd"):
 * walks the top-level boxes of the open file fd of the given size.
 * Returns 0 with *ms set (or -1 in *ms when there is no mvhd), or -1 when
 * the box structure is broken (not a real MP4/MOV file).
 */
int	media_mp4_probe(int fd, int64_t size, int64_t *ms);

/*
 * Degrees from EXIF GPS rationals (degrees, minutes, seconds as num/den
 * pairs) and the reference letter ('N','S','E','W'). Returns 0, or -1 for
 * a zero denominator, an unknown reference or a value out of range
 * (|lat| > 90 when ref is N/S, |lng| > 180 when E/W). Pure.
 */
int	media_gps_deg(const uint32_t num[3], const uint32_t den[3], char ref,
	    double *deg);

/*
 * An EXIF date "YYYY:MM:DD HH:MM:SS" as seconds since the epoch. offset
 * is EXIF's OffsetTimeOriginal ("+07:00") or NULL, in which case
 * def_offset_s (seconds east of UTC) applies. Returns 0, or -1 when the
 * text is not a valid date (cameras write "0000:00:00 00:00:00"). Pure.
 */
int	media_exif_time(const char *text, const char *offset, long def_offset_s,
	    time_t *out);

#endif
