/*
 * template.c: SMS texts from data/templates/sms: variables (plus the
 * members of a notification's payload_json), file lookup by name and
 * language, rendering with sms_render(), shortening long values.
 * No database, no gammu.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "reply.h"
#include "core/fileio.h"
#include "template.h"

static const char *store_copy(struct tmpl_vars *, const char *);
static int	valid_name(const char *);

int
tmpl_var_set(struct tmpl_vars *v, const char *key, const char *val,
    int copy)
{
	size_t	i;

	if (copy)
		val = store_copy(v, val);
	if (val == NULL)
		return -1;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0) {
			v->vals[i] = val;
			return 0;
		}
	if (v->n == TMPL_VARS_MAX)
		return -1;
	v->keys[v->n] = key;
	v->vals[v->n++] = val;
	return 0;
}

int
tmpl_vars_payload(struct tmpl_vars *v, const char *payload)
{
	json_t		*o;
	json_error_t	 e;
	const char	*k, *key;
	json_t		*val;
	char		 num[32];
	int		 rc = -1;

	if (payload == NULL || payload[0] == '\0')
		return 0;
	o = json_loads(payload, JSON_REJECT_DUPLICATES, &e);
	if (!json_is_object(o))
		goto out;
	json_object_foreach(o, k, val) {
		if (!json_is_string(val) && !json_is_integer(val))
			continue;
		/* v outlives the JSON object: keep a copy of the key */
		key = store_copy(v, k);
		if (key == NULL)
			goto out;
		if (json_is_integer(val))
			snprintf(num, sizeof(num), "%lld",
			    (long long)json_integer_value(val));
		if (tmpl_var_set(v, key, json_is_string(val) ?
		    json_string_value(val) : num, 1) == -1)
			goto out;
	}
	rc = 0;
out:
	json_decref(o);
	return rc;
}

int
tmpl_render(const char *dir, const char *name, const char *lang,
    const struct tmpl_vars *v, char *out, size_t outsz, char *err,
    size_t errsz)
{
	char	path[512], tmpl[2048];
	int	n;

	out[0] = '\0';
	if (!valid_name(name)) {
		snprintf(err, errsz, "bad template name");
		return -1;
	}
	n = -1;
	if (lang != NULL && lang[0] != '\0' && strcmp(lang, "vi") != 0 &&
	    valid_name(lang))
		n = snprintf(path, sizeof(path), "%s/%s.%s.txt", dir, name,
		    lang);
	if (n < 0 || (size_t)n >= sizeof(path) ||
	    fileio_read(path, tmpl, sizeof(tmpl)) == -1) {
		n = snprintf(path, sizeof(path), "%s/%s.txt", dir, name);
		if (n < 0 || (size_t)n >= sizeof(path) ||
		    fileio_read(path, tmpl, sizeof(tmpl)) == -1) {
			snprintf(err, errsz, "no template %s: %s", name,
			    strerror(errno));
			return -1;
		}
	}
	return tmpl_render_text(name, tmpl, v, out, outsz, err, errsz);
}

int
tmpl_render_text(const char *name, const char *text, const struct tmpl_vars *v,
    char *out, size_t outsz, char *err, size_t errsz)
{
	char	tmpl[2048];
	size_t	len;

	out[0] = '\0';
	if (strlen(text) >= sizeof(tmpl)) {
		snprintf(err, errsz, "template %s is too long", name);
		return -1;
	}
	memcpy(tmpl, text, strlen(text) + 1);
	len = strlen(tmpl);
	while (len > 0 && (tmpl[len - 1] == '\n' || tmpl[len - 1] == '\r'))
		tmpl[--len] = '\0';
	if (sms_render(tmpl, v->keys, v->vals, v->n, out, outsz) == -1) {
		snprintf(err, errsz, "template %s does not render", name);
		return -1;
	}
	return 0;
}

int
tmpl_shorten(const char *utf8, size_t max, char *out, size_t outsz)
{
	static const char	 ell[] = "\xe2\x80\xa6";	/* … */
	size_t			 i = 0, chars = 0, len = strlen(utf8);

	while (i < len && chars < max) {
		i++;
		while (i < len && ((unsigned char)utf8[i] & 0xc0) == 0x80)
			i++;
		chars++;
	}
	if (i < len) {
		if (i + sizeof(ell) > outsz)
			return -1;
		memcpy(out, utf8, i);
		memcpy(out + i, ell, sizeof(ell));
		return 0;
	}
	if (len + 1 > outsz)
		return -1;
	memcpy(out, utf8, len + 1);
	return 0;
}

/* A copy of s in v->store, or NULL when the store is full. */
static const char *
store_copy(struct tmpl_vars *v, const char *s)
{
	size_t	len = strlen(s) + 1;
	char	*p;

	if (len > sizeof(v->store) - v->used)
		return NULL;
	p = v->store + v->used;
	memcpy(p, s, len);
	v->used += len;
	return p;
}

static int
valid_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

