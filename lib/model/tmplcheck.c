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

static int	in_list(const char *const *, const char *, size_t);
static int	check(const char *, const char *const *, const char *const *,
		    char *, size_t);

const char *const tmpl_known[] = {
	"agency", "answer", "code", "codes", "count", "date", "deadline",
	"field", "group", "place", "place_name", "portal_name",
	"province_name", "reason", "state", "time", "track_url", NULL
};

/* What jobd adds for e-mail, push and Facebook texts: the recipient, the
 * link (jobd/render.c) and the intake acknowledgements' payload members
 * (jobd/intake.c). */
const char *const tmpl_known_mail[] = {
	"limit_mb", "link", "name", "subject", "subject_tag", "template", NULL
};

/* The official notice's sentences (lib/store/case_apply.c). */
const char *const tmpl_known_notice[] = {
	"agency", "code", "date", "reporter_type", NULL
};

int
tmpl_is_known(const char *name, size_t len)
{
	return in_list(tmpl_known, name, len);
}

int
tmpl_check(const char *body, char *why, size_t whysz)
{
	return check(body, tmpl_known, NULL, why, whysz);
}

int
tmpl_check_for(const char *channel, const char *body, char *why,
    size_t whysz)
{
	if (channel != NULL && strcmp(channel, "notice") == 0)
		return check(body, tmpl_known_notice, NULL, why, whysz);
	if (channel != NULL && (strcmp(channel, "email") == 0 ||
	    strcmp(channel, "push") == 0 || strcmp(channel, "facebook") == 0))
		return check(body, tmpl_known, tmpl_known_mail, why, whysz);
	return check(body, tmpl_known, NULL, why, whysz);
}

static int
in_list(const char *const *list, const char *name, size_t len)
{
	size_t	i;

	for (i = 0; list != NULL && list[i] != NULL; i++)
		if (strlen(list[i]) == len && memcmp(list[i], name, len) == 0)
			return 1;
	return 0;
}

/* Every {name} of body is in a or b (b may be NULL). */
static int
check(const char *body, const char *const *a, const char *const *b,
    char *why, size_t whysz)
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
		if (!in_list(a, p + 1, (size_t)(end - p - 1)) &&
		    !in_list(b, p + 1, (size_t)(end - p - 1))) {
			snprintf(why, whysz, "unknown placeholder {%.*s}",
			    (int)(end - p - 1 > 40 ? 40 : end - p - 1), p + 1);
			return -1;
		}
		p = end + 1;
	}
	return 0;
}
