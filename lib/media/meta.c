/*
 * meta.c: EXIF values turned into ours: GPS rationals into degrees, the
 * camera's local date into epoch seconds. Pure (libexif is in exif.c).
 */
#include <stdio.h>
#include <string.h>

#include "media/media.h"

static int64_t	days_from_civil(int64_t, int64_t, int64_t);
static int	parse_offset(const char *, long *);

int
media_gps_deg(const uint32_t num[3], const uint32_t den[3], char ref,
    double *deg)
{
	double	v = 0, scale[3] = { 1.0, 60.0, 3600.0 };
	double	max = (ref == 'N' || ref == 'S') ? 90.0 : 180.0;
	int	i;

	if (ref != 'N' && ref != 'S' && ref != 'E' && ref != 'W')
		return -1;
	for (i = 0; i < 3; i++) {
		if (den[i] == 0) {
			if (num[i] != 0 || i == 0)
				return -1;
			continue;	/* 0/0 minutes or seconds: absent */
		}
		v += (double)num[i] / (double)den[i] / scale[i];
	}
	if (v > max)
		return -1;
	*deg = (ref == 'S' || ref == 'W') ? -v : v;
	return 0;
}

int
media_exif_time(const char *text, const char *offset, long def_offset_s,
    time_t *out)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	y, mo, d, h, mi, s, used = 0;
	long	off = def_offset_s;

	if (text == NULL || strlen(text) < 19 ||
	    sscanf(text, "%4d:%2d:%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s,
	    &used) != 6 || used != 19)
		return -1;
	if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] || h > 23 || mi > 59 || s > 60 || h < 0 ||
	    mi < 0 || s < 0)
		return -1;
	if (offset != NULL && *offset != '\0' && parse_offset(offset, &off) == -1)
		off = def_offset_s;
	*out = (time_t)(days_from_civil(y, mo, d) * 86400 + h * 3600 +
	    mi * 60 + s - off);
	return 0;
}

/* "+07:00" / "-03:30" into seconds east of UTC. */
static int
parse_offset(const char *s, long *off)
{
	int	h, m, used = 0;

	if ((s[0] != '+' && s[0] != '-') ||
	    sscanf(s + 1, "%2d:%2d%n", &h, &m, &used) != 2 || used != 5 ||
	    h > 14 || m > 59 || h < 0 || m < 0)
		return -1;
	*off = (h * 3600L + m * 60L) * (s[0] == '-' ? -1 : 1);
	return 0;
}

/* Howard Hinnant's days_from_civil: days since 1970-01-01. */
static int64_t
days_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}
