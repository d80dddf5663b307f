/*
 * open311_query.c: the query arguments of GET requests and of the updates
 * feed: the 90-day window, pagination, the status and id lists. Pure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/open311.h"

int
o311_window(const char *start, const char *end, time_t now, time_t *from,
    time_t *to, char *err, size_t errsz)
{
	const time_t	span = (time_t)O311_MAX_DAYS * 86400;

	if (start != NULL && o311_parse_datetime(start, from) == -1) {
		snprintf(err, errsz, "start_date must be a W3C date-time with "
		    "a zone, e.g. 2026-03-01T08:15:00+07:00");
		return -1;
	}
	if (end != NULL && o311_parse_datetime(end, to) == -1) {
		snprintf(err, errsz, "end_date must be a W3C date-time with "
		    "a zone, e.g. 2026-03-01T08:15:00+07:00");
		return -1;
	}
	if (start == NULL && end == NULL) {
		*to = now;
		*from = now - span;
	} else if (start == NULL)
		*from = *to - span;
	else if (end == NULL)
		*to = *from + span;
	if (*to < *from) {
		snprintf(err, errsz, "end_date is before start_date");
		return -1;
	}
	if (*to - *from > span) {
		snprintf(err, errsz, "the date range may not exceed %d days",
		    O311_MAX_DAYS);
		return -1;
	}
	return 0;
}

int
o311_paging(const char *page, const char *page_size, int *limit,
    int *offset, char *err, size_t errsz)
{
	long long	p = 1, n = O311_MAX_RESULTS;
	char		*end;

	if (page != NULL) {
		p = strtoll(page, &end, 10);
		if (*page < '0' || *page > '9' || *end != '\0' || p < 1 ||
		    p > 1000000) {
			snprintf(err, errsz, "page must be a number from 1");
			return -1;
		}
	}
	if (page_size != NULL) {
		n = strtoll(page_size, &end, 10);
		if (*page_size < '0' || *page_size > '9' || *end != '\0' ||
		    n < 1 || n > O311_MAX_RESULTS) {
			snprintf(err, errsz, "page_size must be 1..%d",
			    O311_MAX_RESULTS);
			return -1;
		}
	}
	*limit = (int)n;
	*offset = (int)((p - 1) * n);
	return 0;
}

int
o311_states_csv(const char *status, char *out, size_t outsz)
{
	int		 want_open = 0, want_closed = 0;
	const char	*p, *e;
	size_t		 n, len = 0;
	int		 s, w;

	for (p = status; *p != '\0'; p = *e ? e + 1 : e) {
		e = p + strcspn(p, ",");
		n = (size_t)(e - p);
		if (n == 4 && strncmp(p, "open", 4) == 0)
			want_open = 1;
		else if (n == 6 && strncmp(p, "closed", 6) == 0)
			want_closed = 1;
		else
			return -1;
	}
	out[0] = '\0';
	for (s = 0; s < WF_STATE_COUNT; s++) {
		if (strcmp(o311_status((enum wf_state)s), "open") == 0 ?
		    !want_open : !want_closed)
			continue;
		w = snprintf(out + len, outsz - len, "%s%s", len ? "," : "",
		    wf_state_name((enum wf_state)s));
		if (w < 0 || (size_t)w >= outsz - len)
			return -1;
		len += (size_t)w;
	}
	return want_open || want_closed ? 0 : -1;
}

int
o311_ids_ok(const char *csv)
{
	const char	*p, *e;
	size_t		 n, count = 0;

	if (csv == NULL || *csv == '\0')
		return -1;
	for (p = csv; ; p = e + 1) {
		e = p + strcspn(p, ",");
		n = (size_t)(e - p);
		if (n < 1 || n > 18 || strspn(p, "0123456789") != n ||
		    ++count > O311_MAX_RESULTS)
			return -1;
		if (*e == '\0')
			return 0;
	}
}
