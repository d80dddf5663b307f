/*
 * exif.c: the only user of libexif: the capture time and the GPS position
 * of a photo, offered to the reporter as suggestions. Nothing else from
 * EXIF is kept; the public copies carry no metadata at all (image.c).
 */
#include <string.h>

#include <libexif/exif-data.h>

#include "media/media_int.h"

#define TAG_OFFSET_TIME_ORIGINAL	0x9011	/* EXIF 2.31 */

static void	read_time(ExifData *, ExifByteOrder, struct media_info *);
static void	read_gps(ExifData *, ExifByteOrder, struct media_info *);
static int	gps_coord(ExifContent *, ExifByteOrder, ExifTag, ExifTag,
		    double *);
static int	ascii(ExifEntry *, char *, size_t);

void
media_exif_read(const unsigned char *blob, size_t len, struct media_info *mi)
{
	ExifData	*ed;
	ExifByteOrder	 bo;

	if (blob == NULL || len < 14 || len > 1024 * 1024)
		return;
	ed = exif_data_new();
	if (ed == NULL)
		return;
	/* read what is there; do not "repair" or add mandatory tags */
	exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
	exif_data_load_data(ed, blob, (unsigned int)len);
	bo = exif_data_get_byte_order(ed);
	read_time(ed, bo, mi);
	read_gps(ed, bo, mi);
	exif_data_unref(ed);
}

static void
read_time(ExifData *ed, ExifByteOrder bo, struct media_info *mi)
{
	ExifContent	*ex = ed->ifd[EXIF_IFD_EXIF];
	char		 when[32], off[16];
	ExifEntry	*e;

	(void)bo;
	e = exif_content_get_entry(ex, EXIF_TAG_DATE_TIME_ORIGINAL);
	if (e == NULL)
		e = exif_content_get_entry(ex, EXIF_TAG_DATE_TIME_DIGITIZED);
	if (e == NULL || ascii(e, when, sizeof(when)) == -1)
		return;
	e = exif_content_get_entry(ex, (ExifTag)TAG_OFFSET_TIME_ORIGINAL);
	if (e == NULL || ascii(e, off, sizeof(off)) == -1)
		off[0] = '\0';
	if (media_exif_time(when, off, MEDIA_DEFAULT_UTC_OFFSET,
	    &mi->taken_at) == 0)
		mi->has_time = 1;
}

static void
read_gps(ExifData *ed, ExifByteOrder bo, struct media_info *mi)
{
	ExifContent	*gps = ed->ifd[EXIF_IFD_GPS];
	double		 lat, lng;

	if (gps == NULL || gps->count == 0)
		return;
	if (gps_coord(gps, bo, (ExifTag)EXIF_TAG_GPS_LATITUDE,
	    (ExifTag)EXIF_TAG_GPS_LATITUDE_REF, &lat) == -1 ||
	    gps_coord(gps, bo, (ExifTag)EXIF_TAG_GPS_LONGITUDE,
	    (ExifTag)EXIF_TAG_GPS_LONGITUDE_REF, &lng) == -1)
		return;
	if (lat == 0.0 && lng == 0.0)
		return;			/* "no fix" written as zeros */
	mi->lat = lat;
	mi->lng = lng;
	mi->has_gps = 1;
}

static int
gps_coord(ExifContent *gps, ExifByteOrder bo, ExifTag tag, ExifTag reftag,
    double *deg)
{
	ExifEntry	*e = exif_content_get_entry(gps, tag);
	ExifEntry	*r = exif_content_get_entry(gps, reftag);
	uint32_t	 num[3], den[3];
	char		 ref[4];
	ExifRational	 q;
	unsigned	 i;

	if (e == NULL || r == NULL || e->format != EXIF_FORMAT_RATIONAL ||
	    e->components != 3 || e->size < 24 || ascii(r, ref, sizeof(ref)) ==
	    -1)
		return -1;
	for (i = 0; i < 3; i++) {
		q = exif_get_rational(e->data + 8 * i, bo);
		num[i] = q.numerator;
		den[i] = q.denominator;
	}
	return media_gps_deg(num, den, ref[0], deg);
}

/* A NUL-terminated copy of an ASCII entry. */
static int
ascii(ExifEntry *e, char *out, size_t size)
{
	size_t	n;

	if (e->format != EXIF_FORMAT_ASCII || e->data == NULL || e->size == 0)
		return -1;
	n = e->size < size - 1 ? e->size : size - 1;
	memcpy(out, e->data, n);
	out[n] = '\0';
	return 0;
}
