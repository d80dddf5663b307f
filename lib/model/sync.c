/*
 * sync.c: the agency sync API's action table, key and URL rules, and the
 * webhook retry schedule. Pure functions (see sync.h).
 */
#include <string.h>

#include "model/sync.h"

static const struct sync_action actions[] = {
	{ "accept",			1, WF_A_ACCEPT },
	{ "return_not_competent",	1, WF_A_RETURN_NOT_COMPETENT },
	{ "submit_result",		1, WF_A_SUBMIT_RESULT },
	{ "approve",			1, WF_A_APPROVE },
	{ "submit_clarification",	1, WF_A_SUBMIT_CLARIFICATION },
	{ "approve_clarification",	1, WF_A_APPROVE_CLARIFICATION },
	{ "note",			0, WF_A_SUBMIT },
	{ "progress",			0, WF_A_SUBMIT },
};

int
model_sync_action(const char *name, const struct sync_action **out)
{
	size_t	i;

	if (name == NULL)
		return -1;
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		if (strcmp(actions[i].name, name) == 0) {
			*out = &actions[i];
			return 0;
		}
	}
	return -1;
}

int
model_sync_key_ok(const char *key)
{
	size_t	i;

	if (key == NULL || key[0] == '\0')
		return -1;
	for (i = 0; key[i] != '\0'; i++)
		if (i >= SYNC_KEY_MAX || (unsigned char)key[i] < 0x21 ||
		    (unsigned char)key[i] > 0x7e)
			return -1;
	return 0;
}

int
model_webhook_url_ok(const char *url, const char **why)
{
	const char	*host, *end;
	size_t		 i;

	*why = "the URL must start with http:// or https://";
	if (url == NULL)
		return -1;
	if (strncmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		host = url + 7;
	else
		return -1;
	*why = "the URL is too long";
	if (strlen(url) > SYNC_URL_MAX)
		return -1;
	*why = "the URL contains spaces or control characters";
	for (i = 0; url[i] != '\0'; i++)
		if ((unsigned char)url[i] <= 0x20 || url[i] == 0x7f)
			return -1;
	end = host + strcspn(host, "/?#");
	*why = "the URL has no host";
	if (end == host || *host == ':')
		return -1;
	*why = "credentials in the URL are not allowed";
	if (memchr(host, '@', (size_t)(end - host)) != NULL)
		return -1;
	*why = NULL;
	return 0;
}

long
model_backoff_s(int base, int attempts)
{
	long	s = base < 1 ? 1 : base;
	int	i;

	for (i = 1; i < attempts && s < SYNC_BACKOFF_CAP_S; i++)
		s *= 2;
	return s < SYNC_BACKOFF_CAP_S ? s : SYNC_BACKOFF_CAP_S;
}
