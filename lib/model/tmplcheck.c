/*
 * tmplcheck.c: placeholder check of template texts (see tmplcheck.h).
 * The list is the union of what the senders fill in: sms/alerts.c
 * (code, codes, count, field, place, deadline, agency, time) and the
 * e-mail/notice renderers (state, answer, date, group, reason, names of
 * the province and portal).
 */
#include <stdio.h>
#include <string.h>

#include "model/tmplcheck.h"

const char *const tmpl_known[] = {
	"agency", "answer", "code", "codes", "count", "date", "deadline",
	"field", "group", "place", "place_name", "portal_name",
	"province_name", "reason", "state", "time", "track_url", NULL
};

int
tmpl_is_known(const char *name, size_t len)
{
	size_t	i;

	for (i = 0; tmpl_known[i] != NULL; i++)
		if (strlen(tmpl_known[i]) == len &&
		    memcmp(tmpl_known[i], name, len) == 0)
			return 1;
	return 0;
}

int
tmpl_check(const char *body, char *why, size_t whysz)
{
	const char	*p = body, *end;
	char		 tmp[1];

	if (why == NULL) {
		why = tmp;
		whysz = sizeof(tmp);
	}
	while (*p != '\0') {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' &&
		    p[1] == '}')) {
			p += 2;
			continue;
		}
		if (*p == '}') {
			snprintf(why, whysz, "a lone } (write }} for a brace)");
			return -1;
		}
		if (*p != '{') {
			p++;
			continue;
		}
		end = strpbrk(p + 1, "{}");
		if (end == NULL || *end != '}') {
			snprintf(why, whysz, "unclosed { (write {{ for a brace)");
			return -1;
		}
		if (!tmpl_is_known(p + 1, (size_t)(end - p - 1))) {
			snprintf(why, whysz, "unknown placeholder {%.*s}",
			    (int)(end - p - 1 > 40 ? 40 : end - p - 1), p + 1);
			return -1;
		}
		p = end + 1;
	}
	return 0;
}
