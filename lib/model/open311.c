/*
 * open311.c: Open311 GeoReport v2 resources as jansson values, their XML and
 * JSON serialization, W3C date-times and the state mappings. Pure: no I/O.
 * Attribute checks and the service list live in open311_attr.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "core/buf.h"
#include "model/open311.h"

/* XML element name of one item of a list, by the list's name. A list not
 * named here repeats its own name (media_url, value). */
static const struct {
	const char	*list;
	const char	*item;
} xml_items[] = {
	{ "services", "service" },
	{ "service_requests", "request" },
	{ "service_request_updates", "request_update" },
	{ "errors", "error" },
	{ "attributes", "attribute" },
	{ "values", "value" },
	{ "endpoints", "endpoint" },
	{ "formats", "format" },
	{ "notes", "note" },
	{ "groups", "group" },
	{ "media_urls", "media_url" },
};

static const char	*xml_item_name(const char *);
static int		 xml_value(struct buf *, const char *, const json_t *);
static int		 xml_object(struct buf *, const json_t *);
static int		 xml_list(struct buf *, const char *, const json_t *);
static int64_t		 days_from_civil(int64_t, int, int);
static int		 parse_digits(const char *, int, int *);
static int		 parse_zone(const char *, int *);
static json_t		*dt_or_null(time_t);
static json_t		*str_or_null(const char *);
static double		 round4(double);

int
o311_split_ext(const char *s, char *name, size_t namesz, enum o311_fmt *fmt)
{
	const char	*dot = strrchr(s, '.');
	size_t		 n;

	*fmt = O311_FMT_NONE;
	if (dot == NULL || dot == s)
		return -1;
	n = (size_t)(dot - s);
	if (n >= namesz)
		return -1;
	*fmt = o311_fmt_parse(dot + 1);
	if (*fmt == O311_FMT_NONE)
		return -1;
	memcpy(name, s, n);
	name[n] = '\0';
	return 0;
}

enum o311_fmt
o311_fmt_parse(const char *ext)
{
	if (ext == NULL)
		return O311_FMT_NONE;
	if (strcmp(ext, "xml") == 0)
		return O311_FMT_XML;
	if (strcmp(ext, "json") == 0)
		return O311_FMT_JSON;
	return O311_FMT_NONE;
}

const char *
o311_ctype(enum o311_fmt f)
{
	return f == O311_FMT_JSON ? "application/json; charset=utf-8" :
	    "text/xml; charset=utf-8";
}

void
o311_datetime(time_t t, char out[O311_DT_LEN])
{
	time_t		local = t + O311_UTC_OFFSET_MIN * 60;
	struct tm	tm;
	char		tmp[96];
	int		n;

	out[0] = '\0';
	if (gmtime_r(&local, &tm) == NULL)
		return;
	/* wide buffer: the compiler cannot know tm's fields are in range */
	n = snprintf(tmp, sizeof(tmp),
	    "%04d-%02d-%02dT%02d:%02d:%02d+%02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    O311_UTC_OFFSET_MIN / 60, O311_UTC_OFFSET_MIN % 60);
	if (n == O311_DT_LEN - 1)
		memcpy(out, tmp, O311_DT_LEN);
}

int
o311_parse_datetime(const char *s, time_t *out)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	y, mo, d, h, mi, se, zone, leap;
	int64_t	t;

	if (s == NULL || strlen(s) < 20 || s[4] != '-' || s[7] != '-' ||
	    s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    parse_digits(s, 4, &y) || parse_digits(s + 5, 2, &mo) ||
	    parse_digits(s + 8, 2, &d) || parse_digits(s + 11, 2, &h) ||
	    parse_digits(s + 14, 2, &mi) || parse_digits(s + 17, 2, &se))
		return -1;
	s += 19;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || y > 2100 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap) || h > 23 ||
	    mi > 59 || se > 59 || parse_zone(s, &zone) == -1)
		return -1;
	t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	*out = (time_t)(t - (int64_t)zone * 60);
	return 0;
}

int
o311_render(struct buf *b, enum o311_fmt fmt, const char *root,
    const json_t *v)
{
	char	*s;
	int	 rc;

	if (fmt == O311_FMT_JSON) {
		s = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(10) |
		    JSON_ENCODE_ANY);
		if (s == NULL)
			return -1;
		rc = buf_puts(b, s);
		free(s);
		return rc;
	}
	if (buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n") == -1)
		return -1;
	if (json_is_array(v))
		return xml_list(b, root, v);
	return xml_value(b, root, v);
}

int
o311_xml_escape(struct buf *b, const char *s)
{
	const char	*p, *rep;
	unsigned char	 c;

	for (p = s; *p != '\0'; p++) {
		c = (unsigned char)*p;
		switch (c) {
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '&': rep = "&amp;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		case '\r': rep = "&#13;"; break;
		default: rep = NULL; break;
		}
		if (rep == NULL && c < 0x20 && c != '\t' && c != '\n')
			continue;
		if (rep != NULL ? buf_puts(b, rep) : buf_append(b, p, 1))
			return -1;
	}
	return 0;
}

json_t *
o311_errors(int code, const char *description)
{
	return json_pack("[{s:i, s:s}]", "code", code, "description",
	    description);
}

json_t *
o311_request_json(const struct o311_request *r)
{
	char	 notes[512], notice[128], id[24];
	int	 open = wf_state_public_open(wf_state_public(r->state));
	int	 content = o311_public_content(r->state);
	json_t	*o;

	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	o311_status_notes(r->state, r->agency, notes, sizeof(notes));
	o311_notice(r->process_minutes, notice, sizeof(notice));
	o = json_object();
	json_object_set_new(o, "service_request_id", json_string(id));
	if (r->token != NULL)
		json_object_set_new(o, "token", json_string(r->token));
	json_object_set_new(o, "status", json_string(o311_status(r->state)));
	json_object_set_new(o, "status_notes", json_string(notes));
	json_object_set_new(o, "service_name", str_or_null(r->service_name));
	json_object_set_new(o, "service_code", str_or_null(r->service_code));
	json_object_set_new(o, "description",
	    str_or_null(content ? r->description : NULL));
	json_object_set_new(o, "agency_responsible", str_or_null(r->agency));
	json_object_set_new(o, "service_notice",
	    str_or_null(notice[0] != '\0' ? notice : NULL));
	json_object_set_new(o, "requested_datetime", dt_or_null(r->requested));
	json_object_set_new(o, "updated_datetime", dt_or_null(!open &&
	    r->closed != 0 ? r->closed : r->updated));
	json_object_set_new(o, "expected_datetime",
	    dt_or_null(open ? r->expected : 0));
	json_object_set_new(o, "address",
	    str_or_null(content ? r->address : NULL));
	json_object_set_new(o, "address_id", json_null());
	json_object_set_new(o, "zipcode", json_null());
	json_object_set_new(o, "lat", content && r->has_point ?
	    json_real(round4(r->lat)) : json_null());
	json_object_set_new(o, "long", content && r->has_point ?
	    json_real(round4(r->lng)) : json_null());
	json_object_set_new(o, "media_url",
	    str_or_null(content ? r->media_url : NULL));
	return o;
}

int
o311_public_content(enum wf_state s)
{
	switch (s) {
	case WF_S_RECEIVED:
	case WF_S_NEEDS_INFO:
	case WF_S_NOT_ACCEPTED:
	case WF_S_MERGED:
	case WF_S_WITHDRAWN:
	case WF_S_DELIVERED_PRIVATELY:
	case WF_S_SECRET_OFFLINE:
		return 0;
	default:
		return (unsigned)s < WF_STATE_COUNT;
	}
}

const char *
o311_status(enum wf_state s)
{
	return wf_state_public_open(wf_state_public(s)) ? "open" : "closed";
}

int
o311_status_notes(enum wf_state s, const char *agency, char *out,
    size_t outsz)
{
	const char	*label = wf_state_label_vi(wf_state_public(s));
	int		 n, at_agency;

	if (label == NULL)
		label = "";
	at_agency = s == WF_S_DISTRIBUTED || s == WF_S_IN_PROCESSING ||
	    s == WF_S_AWAITING_APPROVAL || wf_state_public(s) ==
	    WF_S_CLARIFYING;
	if (at_agency && agency != NULL && *agency != '\0')
		n = snprintf(out, outsz, "%s tại %s", label, agency);
	else
		n = snprintf(out, outsz, "%s", label);
	return n < 0 || (size_t)n >= outsz ? -1 : 0;
}

void
o311_notice(int minutes, char *out, size_t outsz)
{
	int	days;

	if (minutes <= 0) {
		snprintf(out, outsz, "%s", "");
		return;
	}
	days = (minutes + O311_WD_MINUTES - 1) / O311_WD_MINUTES;
	snprintf(out, outsz, "Xử lý trong %02d ngày làm việc", days);
}

const char *
o311_update_status(enum wf_state s)
{
	switch (wf_state_public(s)) {
	case WF_S_RECEIVED: return "open";
	case WF_S_NEEDS_INFO: return "investigating";
	case WF_S_NOT_ACCEPTED: return "no_further_action";
	case WF_S_MERGED: return "duplicate";
	case WF_S_WITHDRAWN: return "cancelled";
	case WF_S_DISTRIBUTED: return "action_scheduled";
	case WF_S_IN_PROCESSING:
	case WF_S_AWAITING_APPROVAL:
	case WF_S_APPROVED: return "in_progress";
	case WF_S_RETURNED_TO_CENTER: return "internal_referral";
	case WF_S_ESCALATED: return "internal_referral";
	case WF_S_PUBLISHED: return "fixed";
	case WF_S_CLARIFYING: return "reopen";
	default: return "closed";
	}
}

int
o311_status_action(const char *status, enum wf_action *out)
{
	static const struct {
		const char	*status;
		enum wf_action	 action;
	} map[] = {
		{ "IN_PROGRESS", WF_A_ACCEPT },
		{ "NOT_COUNCILS_RESPONSIBILITY", WF_A_RETURN_NOT_COMPETENT },
		{ "FIXED", WF_A_SUBMIT_RESULT },
		{ "CLOSED", WF_A_SUBMIT_RESULT },
	};
	size_t	i;

	if (status == NULL)
		return -1;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcasecmp(status, map[i].status) == 0) {
			*out = map[i].action;
			return 0;
		}
	return -1;
}

json_t *
o311_note_json(const struct o311_event *e)
{
	const char	*label = wf_state_label_vi(wf_state_public(e->state));
	int		 content = o311_public_content(e->state);

	return json_pack("{s:o, s:s, s:s?, s:o}",
	    "datetime", dt_or_null(e->at),
	    "type", e->kind,
	    "summary", label,
	    "description", str_or_null(content ? e->note : NULL));
}

json_t *
o311_update_json(const struct o311_event *e)
{
	char		 uid[24], rid[24];
	const char	*desc = wf_state_label_vi(wf_state_public(e->state));

	if (o311_public_content(e->state) && e->note != NULL &&
	    *e->note != '\0')
		desc = e->note;
	snprintf(uid, sizeof(uid), "%lld", (long long)e->id);
	snprintf(rid, sizeof(rid), "%lld", (long long)e->case_id);
	return json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:s?}",
	    "update_id", uid,
	    "service_request_id", rid,
	    "status", o311_update_status(e->state),
	    "updated_datetime", dt_or_null(e->at),
	    "description", desc != NULL ? desc : "",
	    "media_url", "",
	    "external_status_code", wf_state_name(wf_state_public(e->state)));
}

static const char *
xml_item_name(const char *list)
{
	size_t	i;

	for (i = 0; i < sizeof(xml_items) / sizeof(xml_items[0]); i++)
		if (strcmp(xml_items[i].list, list) == 0)
			return xml_items[i].item;
	return NULL;
}

/* <name>items</name>, each item named after the list. */
static int
xml_list(struct buf *b, const char *name, const json_t *arr)
{
	const char	*item = xml_item_name(name);
	size_t		 i;

	if (item == NULL)
		item = "item";
	if (buf_printf(b, "<%s>", name) == -1)
		return -1;
	for (i = 0; i < json_array_size(arr); i++)
		if (xml_value(b, item, json_array_get(arr, i)) == -1)
			return -1;
	return buf_printf(b, "</%s>", name);
}

static int
xml_value(struct buf *b, const char *name, const json_t *v)
{
	int	rc;

	if (json_is_null(v))
		return buf_printf(b, "<%s/>", name);
	if (buf_printf(b, "<%s>", name) == -1)
		return -1;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		rc = xml_object(b, v);
		break;
	case JSON_STRING:
		rc = o311_xml_escape(b, json_string_value(v));
		break;
	case JSON_INTEGER:
		rc = buf_printf(b, "%lld", (long long)json_integer_value(v));
		break;
	case JSON_REAL:
		rc = buf_printf(b, "%.10g", json_real_value(v));
		break;
	case JSON_TRUE:
		rc = buf_puts(b, "true");
		break;
	case JSON_FALSE:
		rc = buf_puts(b, "false");
		break;
	default:
		rc = 0;
		break;
	}
	if (rc == -1)
		return -1;
	return buf_printf(b, "</%s>", name);
}

/* Children of an object; an array child is a wrapped list when its name is
 * in xml_items, else its items repeat the child's name. */
static int
xml_object(struct buf *b, const json_t *o)
{
	const char	*k;
	const json_t	*v;
	size_t		 i;

	json_object_foreach((json_t *)o, k, v) {
		if (!json_is_array(v)) {
			if (xml_value(b, k, v) == -1)
				return -1;
			continue;
		}
		if (xml_item_name(k) != NULL) {
			if (xml_list(b, k, v) == -1)
				return -1;
			continue;
		}
		for (i = 0; i < json_array_size(v); i++)
			if (xml_value(b, k, json_array_get(v, i)) == -1)
				return -1;
	}
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t		era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
parse_digits(const char *s, int n, int *out)
{
	int	i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* "Z", "+07:00", "-05:30" or " 07:00" (decoded '+'), then the end.
 * *minutes is the offset east of UTC. */
static int
parse_zone(const char *s, int *minutes)
{
	int	h, m, sign;

	if (strcmp(s, "Z") == 0) {
		*minutes = 0;
		return 0;
	}
	if (strlen(s) != 6 || (s[0] != '+' && s[0] != '-' && s[0] != ' ') ||
	    s[3] != ':' || parse_digits(s + 1, 2, &h) ||
	    parse_digits(s + 4, 2, &m) || h > 14 || m > 59)
		return -1;
	sign = s[0] == '-' ? -1 : 1;
	*minutes = sign * (h * 60 + m);
	return 0;
}

static json_t *
dt_or_null(time_t t)
{
	char	buf[O311_DT_LEN];

	if (t == 0)
		return json_null();
	o311_datetime(t, buf);
	return json_string(buf);
}

static json_t *
str_or_null(const char *s)
{
	json_t	*j;

	if (s == NULL || *s == '\0')
		return json_null();
	j = json_string(s);
	return j != NULL ? j : json_null();
}

/* About 11 m of latitude: enough to find the place, no more (docs). */
static double
round4(double x)
{
	long long	n;

	n = x >= 0 ? (long long)(x * 1e4 + 0.5) : -(long long)(-x * 1e4 + 0.5);
	return (double)n / 1e4;
}
