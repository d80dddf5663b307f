/*
 * mp4.c: a minimal ISO BMFF (MP4/MOV) reader: the top-level boxes must
 * chain exactly to the end of the file and contain a "moov" box; its
 * "mvhd" gives the duration. Reads with pread; no allocation.
 */
#include <limits.h>
#include <stdint.h>
#include <unistd.h>

#include "media/media.h"

#define MAX_BOXES	100000

struct box {
	int64_t		 off;		/* start of the box */
	int64_t		 size;		/* whole box */
	int64_t		 hdr;		/* 8 or 16 */
	unsigned char	 type[4];
};

static int	read_box(int, int64_t, int64_t, struct box *);
static int	mvhd(int, int64_t, int64_t, int64_t *);
static int	pread_all(int, void *, size_t, int64_t);
static uint64_t	be(const unsigned char *, size_t);

int
media_mp4_probe(int fd, int64_t size, int64_t *ms)
{
	struct box	b;
	int64_t		off = 0;
	int		n = 0, moov = 0;

	*ms = -1;
	while (off < size) {
		if (++n > MAX_BOXES || read_box(fd, off, size, &b) == -1)
			return -1;
		if (!moov && b.type[0] == 'm' && b.type[1] == 'o' &&
		    b.type[2] == 'o' && b.type[3] == 'v') {
			moov = 1;
			if (mvhd(fd, b.off + b.hdr, b.off + b.size, ms) == -1)
				*ms = -1;
		}
		off += b.size;
	}
	return moov ? 0 : -1;
}

/* The box at off, which must fit before end. */
static int
read_box(int fd, int64_t off, int64_t end, struct box *b)
{
	unsigned char	h[16];

	if (end - off < 8 || pread_all(fd, h, 8, off) == -1)
		return -1;
	b->off = off;
	b->hdr = 8;
	b->size = (int64_t)be(h, 4);
	b->type[0] = h[4];
	b->type[1] = h[5];
	b->type[2] = h[6];
	b->type[3] = h[7];
	if (b->size == 1) {
		if (end - off < 16 || pread_all(fd, h + 8, 8, off + 8) == -1)
			return -1;
		if (be(h + 8, 8) > (uint64_t)INT64_MAX)
			return -1;
		b->size = (int64_t)be(h + 8, 8);
		b->hdr = 16;
	} else if (b->size == 0)
		b->size = end - off;		/* "to the end of the file" */
	if (b->size < b->hdr || b->size > end - off)
		return -1;
	return 0;
}

/* Finds "mvhd" among the children of moov [off, end). */
static int
mvhd(int fd, int64_t off, int64_t end, int64_t *ms)
{
	struct box	b;
	unsigned char	v[32];
	uint64_t	scale, dur;
	int		n = 0;

	while (off < end) {
		if (++n > MAX_BOXES || read_box(fd, off, end, &b) == -1)
			return -1;
		if (b.type[0] == 'm' && b.type[1] == 'v' && b.type[2] == 'h' &&
		    b.type[3] == 'd')
			break;
		off += b.size;
	}
	if (off >= end || b.size - b.hdr < 32 ||
	    pread_all(fd, v, sizeof(v), b.off + b.hdr) == -1)
		return -1;
	if (v[0] == 1) {		/* version 1: 64-bit times */
		scale = be(v + 20, 4);
		dur = be(v + 24, 8);
	} else {
		scale = be(v + 12, 4);
		dur = be(v + 16, 4);
	}
	if (scale == 0 || dur == UINT64_MAX || dur == UINT32_MAX)
		return -1;			/* unknown duration */
	if (dur / scale > INT_MAX / 1000)
		return -1;
	*ms = (int64_t)(dur / scale * 1000 + dur % scale * 1000 / scale);
	return 0;
}

static int
pread_all(int fd, void *p, size_t n, int64_t off)
{
	ssize_t	got = pread(fd, p, n, (off_t)off);

	return got == (ssize_t)n ? 0 : -1;
}

static uint64_t
be(const unsigned char *p, size_t n)
{
	uint64_t	v = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}
