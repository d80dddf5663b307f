/*
 * open311_attr.c: Open311 services, service definitions and the checks of
 * submitted attribute[code] values; jurisdiction_id. Pure: no I/O.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "model/open311.h"
#include "model/vntext.h"

#define ATTR_STRING_MAX	1000	/* code points of a one-line answer */
#define KEYWORDS_MAX	4096

static int	 collect_one(const struct o311_attr *, const struct o311_pair *,
		    size_t, json_t **, char *, size_t);
static int	 check_value(const struct o311_attr *, const char *, json_t **,
		    char *, size_t);
static int	 list_has_key(const json_t *, const char *);
static json_t	*value_names(const json_t *, const json_t *);
static const char *key_name(const json_t *, const char *);
static int	 is_number(const char *);
static int	 add_keyword(char *, size_t, const char *, size_t);
static int	 has_keyword(const char *, const char *, size_t);

json_t *
o311_service_json(const struct o311_service *s)
{
	char	kw[KEYWORDS_MAX];
	json_t	*o;

	if (o311_keywords(s->keywords, kw, sizeof(kw)) == -1)
		kw[0] = '\0';
	o = json_object();
	json_object_set_new(o, "service_code", json_string(s->code));
	json_object_set_new(o, "service_name", json_string(s->name));
	json_object_set_new(o, "description", json_string(
	    s->description != NULL && *s->description ? s->description :
	    s->name));
	json_object_set_new(o, "metadata", json_boolean(s->metadata));
	json_object_set_new(o, "type", json_string("realtime"));
	json_object_set_new(o, "keywords", json_string(kw));
	json_object_set_new(o, "group", s->group != NULL ?
	    json_string(s->group) : json_null());
	return o;
}

int
o311_keywords(const char *csv, char *out, size_t outsz)
{
	const char	*p, *e;
	char		 word[512], bare[512];
	size_t		 n;

	if (outsz == 0)
		return -1;
	out[0] = '\0';
	for (p = csv != NULL ? csv : ""; *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		while (p < e && *p == ' ')
			p++;
		n = (size_t)(e - p);
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n == 0 || n >= sizeof(word))
			continue;
		memcpy(word, p, n);
		word[n] = '\0';
		if (add_keyword(out, outsz, word, n) == -1)
			return -1;
		if (vn_strip_diacritics(word, bare, sizeof(bare)) == 0 &&
		    add_keyword(out, outsz, bare, strlen(bare)) == -1)
			return -1;
	}
	return 0;
}

json_t *
o311_attr_json(const struct o311_attr *a)
{
	json_t	*o = json_object();
	int	 list;

	list = strcmp(a->datatype, "singlevaluelist") == 0 ||
	    strcmp(a->datatype, "multivaluelist") == 0;
	json_object_set_new(o, "variable", json_boolean(a->variable));
	json_object_set_new(o, "code", json_string(a->code));
	json_object_set_new(o, "datatype", json_string(a->datatype));
	json_object_set_new(o, "required", json_boolean(a->required));
	json_object_set_new(o, "datatype_description",
	    a->datatype_description != NULL && *a->datatype_description ?
	    json_string(a->datatype_description) : json_null());
	json_object_set_new(o, "order", json_integer(a->order));
	json_object_set_new(o, "description", json_string(a->description));
	if (list)
		json_object_set_new(o, "values", a->values != NULL ?
		    json_deep_copy(a->values) : json_array());
	return o;
}

int
o311_attrs_collect(const struct o311_attr *defs, size_t n,
    const struct o311_pair *pairs, size_t npairs, json_t **out, char *err,
    size_t errsz)
{
	json_t	*o = json_object(), *v;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (!defs[i].variable)
			continue;
		v = NULL;
		if (collect_one(&defs[i], pairs, npairs, &v, err, errsz) ==
		    -1) {
			json_decref(o);
			return -1;
		}
		if (v != NULL)
			json_object_set_new(o, defs[i].code, v);
	}
	*out = o;
	return 0;
}

int
o311_attrs_from_def(const json_t *attrs, struct o311_attr *out, size_t max,
    size_t *n)
{
	const json_t	*a;
	size_t		 i;

	*n = json_array_size(attrs);
	if (*n > max)
		return -1;
	for (i = 0; i < *n; i++) {
		a = json_array_get(attrs, i);
		memset(&out[i], 0, sizeof(out[i]));
		out[i].code = json_string_value(json_object_get(a, "code"));
		out[i].datatype = json_string_value(json_object_get(a,
		    "datatype"));
		out[i].description = json_string_value(json_object_get(a,
		    "description"));
		out[i].datatype_description = json_string_value(
		    json_object_get(a, "datatype_description"));
		out[i].variable = json_is_true(json_object_get(a, "variable"));
		out[i].required = json_is_true(json_object_get(a, "required"));
		out[i].order = (int)json_integer_value(json_object_get(a,
		    "order"));
		out[i].values = json_object_get(a, "values");
		if (out[i].code == NULL || out[i].datatype == NULL)
			return -1;
		if (out[i].description == NULL)
			out[i].description = "";
	}
	return 0;
}

json_t *
o311_ext_attributes(const json_t *stored, const json_t *defs)
{
	json_t		*arr = json_array(), *v, *o;
	const json_t	*d;
	const char	*code;
	size_t		 i;

	for (i = 0; i < json_array_size(defs); i++) {
		d = json_array_get(defs, i);
		code = json_string_value(json_object_get(d, "code"));
		v = code != NULL ? json_object_get(stored, code) : NULL;
		if (v == NULL)
			continue;
		o = json_pack("{s:s, s:O, s:O, s:o}", "code", code,
		    "label", json_object_get(d, "description"),
		    "value", v,
		    "name", value_names(v, json_object_get(d, "values")));
		if (o != NULL)
			json_array_append_new(arr, o);
	}
	return arr;
}

int
o311_jurisdiction_ok(const char *jid, const char *public_url)
{
	const char	*h, *e;
	size_t		 n;

	if (jid == NULL || *jid == '\0')
		return 0;
	if (public_url == NULL)
		return -1;
	h = strstr(public_url, "://");
	h = h != NULL ? h + 3 : public_url;
	if (strncmp(h, "www.", 4) == 0)
		h += 4;
	e = h + strcspn(h, ":/");
	n = (size_t)(e - h);
	return n > 0 && strlen(jid) == n && strncasecmp(jid, h, n) == 0 ?
	    0 : -1;
}

/* The value(s) sent for one attribute: attribute[code] (one) and, for a
 * multivaluelist, attribute[code][] (repeatable). *v stays NULL if none. */
static int
collect_one(const struct o311_attr *a, const struct o311_pair *pairs,
    size_t npairs, json_t **v, char *err, size_t errsz)
{
	char	one[128], many[132];
	int	multi = strcmp(a->datatype, "multivaluelist") == 0;
	size_t	i;
	json_t	*x;

	snprintf(one, sizeof(one), "attribute[%s]", a->code);
	snprintf(many, sizeof(many), "attribute[%s][]", a->code);
	for (i = 0; i < npairs; i++) {
		if (pairs[i].val == NULL || *pairs[i].val == '\0' ||
		    (strcmp(pairs[i].key, one) != 0 &&
		    (!multi || strcmp(pairs[i].key, many) != 0)))
			continue;
		if (check_value(a, pairs[i].val, &x, err, errsz) == -1) {
			json_decref(*v);
			*v = NULL;
			return -1;
		}
		if (!multi) {
			json_decref(*v);
			*v = x;
			continue;
		}
		if (*v == NULL)
			*v = json_array();
		json_array_append_new(*v, x);
	}
	if (*v == NULL && a->required) {
		snprintf(err, errsz, "attribute[%s] is required (%s)", a->code,
		    a->description);
		return -1;
	}
	return 0;
}

static int
check_value(const struct o311_attr *a, const char *s, json_t **out,
    char *err, size_t errsz)
{
	char	dt[O311_DT_LEN];
	time_t	t;
	size_t	cps = utf8_count(s);

	*out = NULL;
	if (cps == (size_t)-1 || cps > (strcmp(a->datatype, "text") == 0 ?
	    O311_DESC_MAX : ATTR_STRING_MAX)) {
		snprintf(err, errsz, "attribute[%s]: invalid or too long",
		    a->code);
		return -1;
	}
	if (strcmp(a->datatype, "number") == 0 && !is_number(s)) {
		snprintf(err, errsz, "attribute[%s] must be a number",
		    a->code);
		return -1;
	}
	if (strcmp(a->datatype, "datetime") == 0) {
		if (o311_parse_datetime(s, &t) == -1) {
			snprintf(err, errsz, "attribute[%s] must be a "
			    "date-time with a zone (2026-03-01T08:15:00"
			    "+07:00)", a->code);
			return -1;
		}
		o311_datetime(t, dt);
		s = dt;
	}
	if (strcmp(a->datatype, "string") == 0 && strpbrk(s, "\r\n")) {
		snprintf(err, errsz, "attribute[%s] is one line", a->code);
		return -1;
	}
	if (strstr(a->datatype, "valuelist") != NULL &&
	    !list_has_key(a->values, s)) {
		snprintf(err, errsz, "attribute[%s]: '%.64s' is not one of "
		    "the listed keys", a->code, s);
		return -1;
	}
	*out = json_string(s);
	return *out != NULL ? 0 : -1;
}

static int
list_has_key(const json_t *values, const char *key)
{
	size_t	 i;
	json_t	*k;

	for (i = 0; i < json_array_size(values); i++) {
		k = json_object_get(json_array_get(values, i), "key");
		if (json_is_string(k) && strcmp(json_string_value(k), key) == 0)
			return 1;
	}
	return 0;
}

/* A finite decimal number: [-]digits[.digits] (no exponent, no hex). */
static int
is_number(const char *s)
{
	char	*end;
	double	 d;

	if (strspn(s, "+-0123456789.") != strlen(s))
		return 0;
	d = strtod(s, &end);
	return end != s && *end == '\0' && isfinite(d);
}

/* Appends ",word" unless the list already holds it. */
static int
add_keyword(char *out, size_t outsz, const char *w, size_t n)
{
	size_t	len = strlen(out);

	if (has_keyword(out, w, n))
		return 0;
	if (len + n + 2 > outsz)
		return -1;
	if (len > 0)
		out[len++] = ',';
	memcpy(out + len, w, n);
	out[len + n] = '\0';
	return 0;
}

static int
has_keyword(const char *list, const char *w, size_t n)
{
	const char	*p, *e;

	for (p = list; *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == n && strncmp(p, w, n) == 0)
			return 1;
	}
	return 0;
}

/* The display name(s) of a stored value: list keys become their names,
 * joined with ", "; anything else is shown as it is. New reference. */
static json_t *
value_names(const json_t *v, const json_t *values)
{
	char	 buf[2048] = "";
	size_t	 i, len;
	int	 n;

	if (json_is_string(v))
		return json_string(key_name(values, json_string_value(v)));
	for (i = 0; i < json_array_size(v); i++) {
		len = strlen(buf);
		n = snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    i > 0 ? ", " : "", key_name(values,
		    json_string_value(json_array_get(v, i))));
		if (n < 0 || (size_t)n >= sizeof(buf) - len)
			break;
	}
	return json_string(buf);
}

static const char *
key_name(const json_t *values, const char *key)
{
	const json_t	*e;
	size_t		 i;

	if (key == NULL)
		return "";
	for (i = 0; i < json_array_size(values); i++) {
		e = json_array_get(values, i);
		if (json_is_string(json_object_get(e, "key")) &&
		    strcmp(json_string_value(json_object_get(e, "key")),
		    key) == 0 && json_is_string(json_object_get(e, "name")))
			return json_string_value(json_object_get(e, "name"));
	}
	return key;
}
