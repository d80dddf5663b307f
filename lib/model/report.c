/*
 * report.c: report validation rules, one function per field group.
 */
#include <stdio.h>
#include <string.h>

#include "model/phone.h"
#include "model/report.h"
#include "model/vntext.h"

static int	fail(struct verr *, const char *, const char *, const char *);
static int	text_field(json_t *, const char *, size_t, int, const char **,
		    struct verr *);
static int	place(json_t *, struct case_new *, struct verr *);
static int	who(json_t *, const struct report_rules *, struct case_new *,
		    char *, struct verr *);

int
model_report_from_json(json_t *j, const struct report_rules *rules,
    struct case_new *cn, char phone[16], struct verr *ve)
{
	json_t	*v;

	memset(cn, 0, sizeof(*cn));
	if (text_field(j, "description", REPORT_MAX_DESCRIPTION, 1,
	    &cn->description, ve) == -1 ||
	    text_field(j, "field", 32, 0, &cn->field_code, ve) == -1 ||
	    place(j, cn, ve) == -1 || who(j, rules, cn, phone, ve) == -1)
		return -1;
	v = json_object_get(j, "incident_at");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) < 946684800 ||
		    json_integer_value(v) > 4102444800)
			return fail(ve, "incident_at", "invalid_time",
			    "incident_at must be a time (epoch seconds)");
		cn->incident_at = (time_t)json_integer_value(v);
	}
	v = json_object_get(j, "confidential");
	if (v != NULL && !json_is_boolean(v))
		return fail(ve, "confidential", "invalid_type",
		    "confidential must be true or false");
	cn->confidential = json_is_true(v);
	v = json_object_get(j, "declaration");
	if (rules->require_declaration && !json_is_true(v))
		return fail(ve, "declaration", "required", "the reporter must "
		    "declare the report truthful (REG 5.4)");
	return 0;
}

static int
fail(struct verr *ve, const char *field, const char *code, const char *msg)
{
	ve->field = field;
	ve->code = code;
	snprintf(ve->msg, sizeof(ve->msg), "%s", msg);
	return -1;
}

/* A string member: optional or required, bounded, valid UTF-8. */
static int
text_field(json_t *j, const char *key, size_t max, int required,
    const char **out, struct verr *ve)
{
	json_t		*v = json_object_get(j, key);
	const char	*s;
	size_t		 len;

	*out = NULL;
	if (v == NULL || json_is_null(v) || (json_is_string(v) &&
	    json_string_length(v) == 0)) {
		if (required)
			return fail(ve, key, "required", "this field is "
			    "required");
		return 0;
	}
	if (!json_is_string(v))
		return fail(ve, key, "invalid_type", "must be a string");
	s = json_string_value(v);
	len = json_string_length(v);
	if (len > max) {
		ve->field = key;
		ve->code = "too_long";
		snprintf(ve->msg, sizeof(ve->msg), "at most %zu bytes", max);
		return -1;
	}
	if (strlen(s) != len || utf8_valid(s, len) != 0)
		return fail(ve, key, "invalid_text", "must be UTF-8 text "
		    "without NUL characters");
	if (required && s[strspn(s, " \t\r\n")] == '\0')
		return fail(ve, key, "required", "this field is required");
	*out = s;
	return 0;
}

static int
place(json_t *j, struct case_new *cn, struct verr *ve)
{
	json_t	*lat = json_object_get(j, "lat"), *lng = json_object_get(j, "lng");

	if (text_field(j, "address", 512, 0, &cn->address, ve) == -1 ||
	    text_field(j, "unit", 16, 0, &cn->unit_code, ve) == -1)
		return -1;
	if ((lat != NULL && !json_is_null(lat)) ||
	    (lng != NULL && !json_is_null(lng))) {
		if (!json_is_number(lat) || !json_is_number(lng))
			return fail(ve, json_is_number(lat) ? "lng" : "lat",
			    "invalid_coordinates", "lat and lng must both be "
			    "numbers");
		cn->lat = json_number_value(lat);
		cn->lng = json_number_value(lng);
		if (cn->lat < -90 || cn->lat > 90)
			return fail(ve, "lat", "invalid_coordinates",
			    "latitude must be within -90..90");
		if (cn->lng < -180 || cn->lng > 180)
			return fail(ve, "lng", "invalid_coordinates",
			    "longitude must be within -180..180");
		cn->has_point = 1;
	}
	if (!cn->has_point && cn->address == NULL && cn->unit_code == NULL)
		return fail(ve, "address", "required", "give the place: "
		    "coordinates, an address or an administrative unit");
	return 0;
}

static int
who(json_t *j, const struct report_rules *rules, struct case_new *cn,
    char *phone, struct verr *ve)
{
	const char	*p = NULL, *t = NULL;

	if (text_field(j, "name", 255, 1, &cn->name, ve) == -1 ||
	    text_field(j, "phone", 32, rules->require_phone, &p, ve) == -1 ||
	    text_field(j, "email", 255, rules->require_email, &cn->email,
	    ve) == -1 ||
	    text_field(j, "reporter_type", 16, 0, &t, ve) == -1 ||
	    text_field(j, "lang", 2, 0, &cn->lang, ve) == -1)
		return -1;
	if (p != NULL) {
		if (phone_normalize(p, phone) == -1)
			return fail(ve, "phone", "invalid_phone", "not a phone "
			    "number (e.g. 0912 345 678 or +84912345678)");
		cn->phone = phone;
	}
	if (cn->email != NULL && (strchr(cn->email, '@') == NULL ||
	    strchr(cn->email, ' ') != NULL || cn->email[0] == '@'))
		return fail(ve, "email", "invalid_email", "not an e-mail "
		    "address");
	if (t != NULL && strcmp(t, "individual") != 0 &&
	    strcmp(t, "organisation") != 0)
		return fail(ve, "reporter_type", "invalid_value",
		    "individual or organisation");
	cn->reporter_type = t;
	if (cn->lang != NULL && strcmp(cn->lang, "vi") != 0 &&
	    strcmp(cn->lang, "en") != 0)
		return fail(ve, "lang", "invalid_value", "vi or en");
	return 0;
}
