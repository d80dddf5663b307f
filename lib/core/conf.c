/*
 * conf.c: the configuration file loader. One pass, line by line.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "parse.h"

static char	*trim(char *);
static int	 set_value(const struct conf_key *, void *, const char *,
		    char *, size_t);
static const struct conf_key *find_key(const struct conf_key *, const char *);

void
conf_defaults(const struct conf_key *keys, void *dst)
{
	const struct conf_key	*k;
	char			*base = dst;

	for (k = keys; k->name != NULL; k++) {
		if (k->type == CONF_STR)
			snprintf(base + k->off, k->strsz, "%s",
			    k->def_s ? k->def_s : "");
		else
			*(int *)(void *)(base + k->off) = (int)k->def_i;
	}
}

int
conf_load(const struct conf_key *keys, void *dst, const char *path,
    char *err, size_t errsz)
{
	FILE			*fp = NULL;
	char			 line[4096], msg[256], *key, *val, *eq;
	const struct conf_key	*k;
	int			 lineno = 0, rc = -1;

	conf_defaults(keys, dst);
	fp = fopen(path, "r");
	if (fp == NULL) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		goto out;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		key = trim(line);
		if (*key == '\0' || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (eq == NULL) {
			snprintf(err, errsz, "%s:%d: expected 'key = value'",
			    path, lineno);
			goto out;
		}
		*eq = '\0';
		key = trim(key);
		val = trim(eq + 1);
		k = find_key(keys, key);
		if (k == NULL) {
			snprintf(err, errsz, "%s:%d: unknown key '%s'", path,
			    lineno, key);
			goto out;
		}
		if (set_value(k, dst, val, msg, sizeof(msg)) == -1) {
			snprintf(err, errsz, "%s:%d: %s: %s", path, lineno,
			    key, msg);
			goto out;
		}
	}
	rc = 0;
out:
	if (fp != NULL)
		fclose(fp);
	return rc;
}

static const struct conf_key *
find_key(const struct conf_key *keys, const char *name)
{
	const struct conf_key	*k;

	for (k = keys; k->name != NULL; k++)
		if (strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

static int
set_value(const struct conf_key *k, void *dst, const char *val, char *msg,
    size_t msgsz)
{
	char		*field = (char *)dst + k->off;
	int64_t		 v;
	unsigned	 o;
	size_t		 i;

	switch (k->type) {
	case CONF_STR:
		if (strlen(val) >= k->strsz) {
			snprintf(msg, msgsz, "value longer than %zu bytes",
			    k->strsz - 1);
			return -1;
		}
		snprintf(field, k->strsz, "%s", val);
		return 0;
	case CONF_INT:
		if (parse_i64(val, k->min, k->max, &v) == -1) {
			snprintf(msg, msgsz, "expected an integer in [%ld, %ld]",
			    k->min, k->max);
			return -1;
		}
		*(int *)(void *)field = (int)v;
		return 0;
	case CONF_BOOL:
		if (strcmp(val, "yes") == 0 || strcmp(val, "true") == 0)
			*(int *)(void *)field = 1;
		else if (strcmp(val, "no") == 0 || strcmp(val, "false") == 0)
			*(int *)(void *)field = 0;
		else {
			snprintf(msg, msgsz, "expected yes or no");
			return -1;
		}
		return 0;
	case CONF_OCTAL:
		if (parse_octal(val, &o) == -1) {
			snprintf(msg, msgsz, "expected an octal mode like 0660");
			return -1;
		}
		*(int *)(void *)field = (int)o;
		return 0;
	case CONF_ENUM:
		for (i = 0; k->enums[i] != NULL; i++) {
			if (strcmp(k->enums[i], val) == 0) {
				*(int *)(void *)field = (int)i;
				return 0;
			}
		}
		snprintf(msg, msgsz, "unknown value '%s'", val);
		return -1;
	}
	return -1;
}

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}
