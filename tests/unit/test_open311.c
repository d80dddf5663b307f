/*
 * test_open311.c: Open311 rendering (XML and JSON), W3C date-times, the
 * state mappings and attribute checks of lib/model/open311*.c (no DB).
 * Expected strings are written by hand from GeoReport v2 (docs/open311.md).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "model/open311.h"
#include "tap.h"

static const char *render(enum o311_fmt, const char *, json_t *);
static void	test_ext(void);
static void	test_dates(void);
static void	test_errors(void);
static void	test_request(void);
static void	test_mappings(void);
static void	test_services(void);
static void	test_attrs(void);
static void	test_query(void);
static void	test_events(void);

#define XMLDECL	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"

static struct buf	out;

int
main(void)
{
	plan(95);
	buf_init(&out, 1 << 20);
	test_ext();
	test_dates();
	test_errors();
	test_request();
	test_mappings();
	test_services();
	test_attrs();
	test_query();
	test_events();
	buf_free(&out);
	return done();
}

/* Renders and drops the reference; the result lives until the next call. */
static const char *
render(enum o311_fmt f, const char *root, json_t *v)
{
	buf_reset(&out);
	if (o311_render(&out, f, root, v) == -1)
		buf_puts(&out, "(render failed)");
	json_decref(v);
	return buf_str(&out);
}

static void
test_ext(void)
{
	char		name[16];
	enum o311_fmt	f;

	ok(o311_split_ext("033.json", name, sizeof(name), &f) == 0 &&
	    strcmp(name, "033") == 0 && f == O311_FMT_JSON, "033.json");
	ok(o311_split_ext("a.b.xml", name, sizeof(name), &f) == 0 &&
	    strcmp(name, "a.b") == 0 && f == O311_FMT_XML, "last dot wins");
	ok(o311_split_ext("033.txt", name, sizeof(name), &f) == -1 &&
	    f == O311_FMT_NONE, ".txt is a bad extension");
	ok(o311_split_ext("033", name, sizeof(name), &f) == -1, "no suffix");
	ok(o311_split_ext(".json", name, sizeof(name), &f) == -1,
	    "empty name");
	ok(o311_split_ext("0123456789abcdefg.xml", name, sizeof(name), &f) ==
	    -1, "name too long for the buffer");
	is_str(o311_ctype(O311_FMT_XML), "text/xml; charset=utf-8",
	    "xml ctype");
	is_str(o311_ctype(O311_FMT_JSON), "application/json; charset=utf-8",
	    "json ctype");
}

static void
test_dates(void)
{
	char	dt[O311_DT_LEN];
	time_t	t = 0;

	o311_datetime(0, dt);
	is_str(dt, "1970-01-01T07:00:00+07:00", "epoch in +07:00");
	o311_datetime(1772327700, dt);
	is_str(dt, "2026-03-01T08:15:00+07:00", "spec example time");
	o311_datetime(1767225600 - 1, dt);
	is_str(dt, "2026-01-01T06:59:59+07:00", "new year's eve UTC");
	ok(o311_parse_datetime("2026-03-01T08:15:00+07:00", &t) == 0 &&
	    t == 1772327700, "parse +07:00");
	ok(o311_parse_datetime("2026-03-01T01:15:00Z", &t) == 0 &&
	    t == 1772327700, "parse Z");
	ok(o311_parse_datetime("2026-02-28T20:15:00-05:00", &t) == 0 &&
	    t == 1772327700, "parse -05:00");
	ok(o311_parse_datetime("2026-03-01T08:15:00 07:00", &t) == 0 &&
	    t == 1772327700, "an unencoded '+' (space) is accepted");
	ok(o311_parse_datetime("2026-03-01T08:15:00.250+07:00", &t) == 0 &&
	    t == 1772327700, "fraction ignored");
	ok(o311_parse_datetime("2024-02-29T00:00:00Z", &t) == 0 &&
	    t == 1709164800, "leap day 2024");
	t = 5;
	ok(o311_parse_datetime("2026-02-29T00:00:00Z", &t) == -1 && t == 5,
	    "2026-02-29 does not exist");
	ok(o311_parse_datetime("2026-03-01T08:15:00", &t) == -1,
	    "zone is mandatory");
	ok(o311_parse_datetime("2026-03-01", &t) == -1, "date only");
	ok(o311_parse_datetime("2026-13-01T00:00:00Z", &t) == -1, "month 13");
	ok(o311_parse_datetime("2026-03-01T24:00:00Z", &t) == -1, "hour 24");
	ok(o311_parse_datetime("2026-03-01T08:15:00+07:00x", &t) == -1,
	    "trailing junk");
	ok(o311_parse_datetime("2026-03-01T08:15:00+0700", &t) == -1,
	    "zone without colon");
	ok(o311_parse_datetime(NULL, &t) == -1, "NULL");
}

static void
test_errors(void)
{
	is_str(render(O311_FMT_XML, "errors", o311_errors(403,
	    "Invalid api_key received -- can't proceed with create_request.")),
	    XMLDECL "<errors><error><code>403</code><description>Invalid "
	    "api_key received -- can&apos;t proceed with create_request."
	    "</description></error></errors>", "XML error (spec §9)");
	is_str(render(O311_FMT_JSON, "errors", o311_errors(404,
	    "không tìm thấy")),
	    "[{\"code\":404,\"description\":\"không tìm thấy\"}]",
	    "JSON error array, UTF-8 kept");
	buf_reset(&out);
	o311_xml_escape(&out, "a<b>&\"c\r\n\t\x01\x1f" "d");
	is_str(buf_str(&out), "a&lt;b&gt;&amp;&quot;c&#13;\n\td",
	    "escape: entities, CR kept as &#13;, controls dropped");
}

static struct o311_request
sample(enum wf_state st)
{
	struct o311_request	r;

	memset(&r, 0, sizeof(r));
	r.id = 42;
	r.state = st;
	r.service_code = "GTVT";
	r.service_name = "Giao thông - Vận tải";
	r.description = "Ổ gà sâu <30cm> & nguy hiểm";
	r.agency = "Sở Xây dựng";
	r.process_minutes = 2880;
	r.requested = 1772327700;
	r.updated = 1772327700 + 3600;
	r.expected = 1772327700 + 86400;
	r.address = "12 Lê Lợi, Quy Nhơn";
	r.has_point = 1;
	r.lat = 13.776944;
	r.lng = 109.223333;
	return r;
}

static void
test_request(void)
{
	struct o311_request	r = sample(WF_S_IN_PROCESSING);
	json_t			*j;
	const char		*s;

	s = render(O311_FMT_JSON, "service_requests",
	    json_pack("[o]", o311_request_json(&r)));
	is_str(s, "[{\"service_request_id\":\"42\",\"status\":\"open\","
	    "\"status_notes\":\"Đang xử lý tại Sở Xây dựng\","
	    "\"service_name\":\"Giao thông - Vận tải\","
	    "\"service_code\":\"GTVT\","
	    "\"description\":\"Ổ gà sâu <30cm> & nguy hiểm\","
	    "\"agency_responsible\":\"Sở Xây dựng\","
	    "\"service_notice\":\"Xử lý trong 06 ngày làm việc\","
	    "\"requested_datetime\":\"2026-03-01T08:15:00+07:00\","
	    "\"updated_datetime\":\"2026-03-01T09:15:00+07:00\","
	    "\"expected_datetime\":\"2026-03-02T08:15:00+07:00\","
	    "\"address\":\"12 Lê Lợi, Quy Nhơn\",\"address_id\":null,"
	    "\"zipcode\":null,\"lat\":13.7769,\"long\":109.2233,"
	    "\"media_url\":null}]", "JSON request: every field, bare array");
	s = render(O311_FMT_XML, "service_requests",
	    json_pack("[o]", o311_request_json(&r)));
	ok(strncmp(s, XMLDECL "<service_requests><request><service_request_id>"
	    "42</service_request_id><status>open</status>", 117) == 0,
	    "XML request starts as in spec §8");
	ok(strstr(s, "<description>Ổ gà sâu &lt;30cm&gt; &amp; nguy hiểm"
	    "</description>") != NULL, "XML description escaped, UTF-8 kept");
	ok(strstr(s, "<lat>13.7769</lat><long>109.2233</long><media_url/>"
	    "</request></service_requests>") != NULL, "XML point and null");
	r = sample(WF_S_RECEIVED);
	j = o311_request_json(&r);
	ok(json_is_null(json_object_get(j, "description")) &&
	    json_is_null(json_object_get(j, "address")) &&
	    json_is_null(json_object_get(j, "lat")),
	    "before the intake check: no description, address or point");
	is_str(json_string_value(json_object_get(j, "status_notes")),
	    "Mới tiếp nhận / Chờ kiểm tra", "received: label, no agency");
	json_decref(j);
	r = sample(WF_S_RECEIVED);
	r.media_url = "https://x.test/api/v1/media/7/display";
	j = o311_request_json(&r);
	ok(json_is_null(json_object_get(j, "media_url")), "before the intake "
	    "check: no media_url either");
	json_decref(j);
	r = sample(WF_S_PUBLISHED);
	r.media_url = "https://x.test/api/v1/media/7/display";
	j = o311_request_json(&r);
	json_object_set_new(j, "media_urls", json_pack("[s, s]",
	    "https://x.test/api/v1/media/7/display",
	    "https://x.test/api/v1/media/9/display"));
	s = render(O311_FMT_XML, "service_requests", json_pack("[o]", j));
	ok(strstr(s, "<media_url>https://x.test/api/v1/media/7/display"
	    "</media_url><media_urls><media_url>https://x.test/api/v1/media/7/"
	    "display</media_url><media_url>https://x.test/api/v1/media/9/"
	    "display</media_url></media_urls></request>") != NULL,
	    "XML media_url, and media_urls wraps one media_url per photo");
	r = sample(WF_S_PUBLISHED);
	r.closed = 1772327700 + 7200;
	j = o311_request_json(&r);
	is_str(json_string_value(json_object_get(j, "status")), "closed",
	    "published is closed");
	is_str(json_string_value(json_object_get(j, "updated_datetime")),
	    "2026-03-01T10:15:00+07:00", "closed: updated = closing time");
	ok(json_is_null(json_object_get(j, "expected_datetime")),
	    "closed: no expected_datetime");
	json_decref(j);
	r = sample(WF_S_DISTRIBUTED);
	r.lat = -0.00005;
	r.token = "tok";
	j = o311_request_json(&r);
	is_str(json_string_value(json_object_get(j, "token")), "tok",
	    "token when asked");
	ok(json_real_value(json_object_get(j, "lat")) == -0.0001,
	    "negative rounding away from zero");
	json_decref(j);
}

static void
test_mappings(void)
{
	char		n[256];
	enum wf_action	a = WF_A_SUBMIT;

	is_str(o311_status(WF_S_DISTRIBUTED), "open", "distributed open");
	is_str(o311_status(WF_S_CLARIFY_APPROVAL), "open", "clarify open");
	is_str(o311_status(WF_S_NOT_ACCEPTED), "closed", "rejected closed");
	is_str(o311_status(WF_S_CLOSED), "closed", "closed closed");
	o311_status_notes(WF_S_DISTRIBUTED, "Sở Xây dựng", n, sizeof(n));
	is_str(n, "Đã phân phối – chờ tiếp nhận xử lý tại Sở Xây dựng",
	    "distributed notes name the agency");
	o311_status_notes(WF_S_PUBLISHED, "Sở Xây dựng", n, sizeof(n));
	is_str(n, "Đã trả lời – công khai", "published: label only");
	o311_status_notes(WF_S_CLARIFY_APPROVED, "UBND", n, sizeof(n));
	is_str(n, "Đang làm rõ theo phản hồi tại UBND", "clarify sub-state");
	ok(o311_status_notes(WF_S_IN_PROCESSING, "Sở", n, 8) == -1,
	    "truncation reported");
	o311_notice(2880, n, sizeof(n));
	is_str(n, "Xử lý trong 06 ngày làm việc", "2880 min = 6 WD");
	o311_notice(2500, n, sizeof(n));
	is_str(n, "Xử lý trong 06 ngày làm việc", "days round up");
	o311_notice(0, n, sizeof(n));
	is_str(n, "", "no lead agency: no notice");
	is_str(o311_update_status(WF_S_IN_PROCESSING), "in_progress",
	    "mySociety in_progress");
	is_str(o311_update_status(WF_S_PUBLISHED), "fixed", "fixed");
	is_str(o311_update_status(WF_S_RETURNED_TO_CENTER),
	    "internal_referral", "returned");
	is_str(o311_update_status(WF_S_MERGED), "duplicate", "merged");
	ok(o311_status_action("in_progress", &a) == 0 && a == WF_A_ACCEPT,
	    "IN_PROGRESS -> accept (any case)");
	ok(o311_status_action("NOT_COUNCILS_RESPONSIBILITY", &a) == 0 &&
	    a == WF_A_RETURN_NOT_COMPETENT, "-> return_not_competent");
	ok(o311_status_action("CLOSED", &a) == 0 && a == WF_A_SUBMIT_RESULT,
	    "CLOSED -> submit_result");
	ok(o311_status_action("OPEN", &a) == -1, "OPEN has no action");
	ok(o311_public_content(WF_S_DISTRIBUTED) &&
	    !o311_public_content(WF_S_NEEDS_INFO) &&
	    !o311_public_content(WF_S_SECRET_OFFLINE), "public content rule");
}

static void
test_services(void)
{
	struct o311_service	s = { "GTVT", "Giao thông - Vận tải", "",
	    "ổ gà, o ga,đường hư", "Giao thông - Vận tải", 1 };
	struct o311_attr	a = { "muc_do", "singlevaluelist", "", "Mức độ",
	    1, 1, 1, NULL };
	json_t			*vals, *def;
	char			kw[64];

	is_str(render(O311_FMT_JSON, "services",
	    json_pack("[o]", o311_service_json(&s))),
	    "[{\"service_code\":\"GTVT\",\"service_name\":\"Giao thông - Vận "
	    "tải\",\"description\":\"Giao thông - Vận tải\",\"metadata\":true,"
	    "\"type\":\"realtime\","
	    "\"keywords\":\"ổ gà,o ga,đường hư,duong hu\","
	    "\"group\":\"Giao thông - Vận tải\"}]",
	    "JSON services: real booleans, keywords folded once");
	is_str(render(O311_FMT_XML, "services",
	    json_pack("[o]", o311_service_json(&s))), XMLDECL "<services>"
	    "<service><service_code>GTVT</service_code><service_name>Giao "
	    "thông - Vận tải</service_name><description>Giao thông - Vận tải"
	    "</description><metadata>true</metadata><type>realtime</type>"
	    "<keywords>ổ gà,o ga,đường hư,duong hu</keywords><group>Giao thông"
	    " - Vận tải</group></service></services>", "XML services");
	ok(o311_keywords("a,b", kw, 3) == -1, "keywords overflow");
	vals = json_pack("[{s:s,s:s}]", "key", "nhe", "name", "Nhẹ");
	a.values = vals;
	def = json_pack("{s:s, s:[o]}", "service_code", "GTVT", "attributes",
	    o311_attr_json(&a));
	is_str(render(O311_FMT_XML, "service_definition", def), XMLDECL
	    "<service_definition><service_code>GTVT</service_code><attributes>"
	    "<attribute><variable>true</variable><code>muc_do</code><datatype>"
	    "singlevaluelist</datatype><required>true</required>"
	    "<datatype_description/><order>1</order><description>Mức độ"
	    "</description><values><value><key>nhe</key><name>Nhẹ</name>"
	    "</value></values></attribute></attributes></service_definition>",
	    "XML service definition as in spec §4");
	def = json_pack("{s:[s,s]}", "media_url", "http://a/1", "http://a/2");
	is_str(render(O311_FMT_XML, "request", def), XMLDECL "<request>"
	    "<media_url>http://a/1</media_url><media_url>http://a/2</media_url>"
	    "</request>", "an unnamed list repeats its element");
	json_decref(vals);
}

static void
test_attrs(void)
{
	json_t			*vals = json_pack("[{s:s,s:s},{s:s,s:s}]",
	    "key", "a", "name", "A", "key", "b", "name", "B");
	struct o311_attr	defs[] = {
		{ "lvl", "singlevaluelist", "", "Level", 1, 1, 1, vals },
		{ "kinds", "multivaluelist", "", "Kinds", 1, 0, 2, vals },
		{ "n", "number", "", "Count", 1, 0, 3, NULL },
		{ "when", "datetime", "", "When", 1, 0, 4, NULL },
		{ "info", "string", "", "Info", 0, 1, 5, NULL },
	};
	struct o311_pair	good[] = {
		{ "attribute[lvl]", "b" }, { "attribute[kinds][]", "a" },
		{ "attribute[kinds][]", "b" }, { "attribute[n]", "-3.5" },
		{ "attribute[when]", "2026-03-01T01:15:00Z" },
		{ "attribute[zzz]", "ignored" },
	};
	struct o311_pair	bad[] = { { "attribute[lvl]", "c" } };
	struct o311_pair	nan[] = { { "attribute[lvl]", "a" },
	    { "attribute[n]", "1e3" } };
	char			err[256] = "";
	json_t			*o = NULL;
	char			*s;

	ok(o311_attrs_collect(defs, 5, good, 6, &o, err, sizeof(err)) == 0,
	    "valid attributes accepted");
	s = json_dumps(o, JSON_COMPACT);
	is_str(s, "{\"lvl\":\"b\",\"kinds\":[\"a\",\"b\"],\"n\":\"-3.5\","
	    "\"when\":\"2026-03-01T08:15:00+07:00\"}",
	    "values kept, list as array, datetime in +07:00, unknown dropped");
	free(s);
	json_decref(o);
	ok(o311_attrs_collect(defs, 5, good + 1, 2, &o, err, sizeof(err)) ==
	    -1 && strstr(err, "attribute[lvl] is required") != NULL,
	    "missing required attribute (non-variable one is not required)");
	ok(o311_attrs_collect(defs, 5, bad, 1, &o, err, sizeof(err)) == -1 &&
	    strstr(err, "not one of") != NULL, "unknown list key");
	ok(o311_attrs_collect(defs, 5, nan, 2, &o, err, sizeof(err)) == -1 &&
	    strstr(err, "must be a number") != NULL, "exponent refused");
	ok(o311_jurisdiction_ok(NULL, "http://x") == 0, "absent jurisdiction");
	ok(o311_jurisdiction_ok("gialai.gov.vn",
	    "https://www.gialai.gov.vn:8443/x") == 0, "matching jurisdiction");
	ok(o311_jurisdiction_ok("binhdinh.gov.vn", "https://gialai.gov.vn") ==
	    -1, "unknown jurisdiction");
	json_decref(vals);
}

static void
test_query(void)
{
	char	err[160], csv[512];
	time_t	from = 0, to = 0, now = 1772327700;
	int	limit = 0, offset = -1;

	ok(o311_window(NULL, NULL, now, &from, &to, err, sizeof(err)) == 0 &&
	    to == now && from == now - 90 * 86400, "default: last 90 days");
	ok(o311_window("2026-01-01T00:00:00+07:00", NULL, now, &from, &to,
	    err, sizeof(err)) == 0 && from == 1767200400 &&
	    to == 1767200400 + 90 * 86400, "start only: 90 days from start");
	ok(o311_window(NULL, "2026-03-01T08:15:00+07:00", now, &from, &to,
	    err, sizeof(err)) == 0 && to == now && from == now - 90 * 86400,
	    "end only: 90 days before end");
	ok(o311_window("2026-01-01T00:00:00+07:00",
	    "2026-04-01T00:00:00+07:00", now, &from, &to, err, sizeof(err)) ==
	    0, "exactly 90 days is allowed");
	ok(o311_window("2026-01-01T00:00:00+07:00",
	    "2026-04-01T00:00:01+07:00", now, &from, &to, err, sizeof(err)) ==
	    -1 && strstr(err, "90 days") != NULL, "90 days + 1 s refused");
	ok(o311_window("2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z", now,
	    &from, &to, err, sizeof(err)) == -1, "end before start");
	ok(o311_window("yesterday", NULL, now, &from, &to, err, sizeof(err))
	    == -1 && strstr(err, "start_date") != NULL, "malformed start");
	ok(o311_paging(NULL, NULL, &limit, &offset, err, sizeof(err)) == 0 &&
	    limit == 1000 && offset == 0, "default page: first 1000");
	ok(o311_paging("3", "20", &limit, &offset, err, sizeof(err)) == 0 &&
	    limit == 20 && offset == 40, "page 3 of 20 is 41..60 (1-based)");
	ok(o311_paging("0", NULL, &limit, &offset, err, sizeof(err)) == -1,
	    "page 0 refused");
	ok(o311_paging(NULL, "1001", &limit, &offset, err, sizeof(err)) == -1,
	    "page_size over 1000 refused");
	ok(o311_paging("-1", NULL, &limit, &offset, err, sizeof(err)) == -1 &&
	    o311_paging("2x", NULL, &limit, &offset, err, sizeof(err)) == -1,
	    "junk page refused");
	ok(o311_states_csv("closed", csv, sizeof(csv)) == 0 &&
	    strcmp(csv, "not_accepted,merged,withdrawn,published,"
	    "delivered_privately,secret_offline,closed") == 0,
	    "closed states");
	ok(o311_states_csv("open,closed", csv, sizeof(csv)) == 0 &&
	    strncmp(csv, "received,needs_info,not_accepted,", 33) == 0,
	    "both: every state");
	ok(o311_states_csv("opened", csv, sizeof(csv)) == -1 &&
	    o311_states_csv("", csv, sizeof(csv)) == -1, "unknown status");
	ok(o311_ids_ok("12,15") == 0 && o311_ids_ok("7") == 0, "ids ok");
	ok(o311_ids_ok("12,") == -1 && o311_ids_ok("a") == -1 &&
	    o311_ids_ok("1,,2") == -1, "bad id lists");
}

static void
test_events(void)
{
	struct o311_event	e = { 901, 42, 1772327700, "accepted",
	    WF_S_IN_PROCESSING, "Đã cử cán bộ kiểm tra" };
	json_t			*defs, *stored, *x;
	const char		*s;

	s = render(O311_FMT_XML, "service_request_updates",
	    json_pack("[o]", o311_update_json(&e)));
	is_str(s, XMLDECL "<service_request_updates><request_update>"
	    "<update_id>901</update_id><service_request_id>42"
	    "</service_request_id><status>in_progress</status>"
	    "<updated_datetime>2026-03-01T08:15:00+07:00</updated_datetime>"
	    "<description>Đã cử cán bộ kiểm tra</description><media_url>"
	    "</media_url><external_status_code>in_processing"
	    "</external_status_code></request_update>"
	    "</service_request_updates>", "mySociety update in XML");
	e.state = WF_S_RECEIVED;
	e.note = "private";
	x = o311_update_json(&e);
	is_str(json_string_value(json_object_get(x, "description")),
	    "Mới tiếp nhận / Chờ kiểm tra", "note withheld before intake");
	json_decref(x);
	x = o311_note_json(&e);
	ok(json_is_null(json_object_get(x, "description")) &&
	    strcmp(json_string_value(json_object_get(x, "type")),
	    "accepted") == 0, "notes[] item withholds too");
	json_decref(x);
	defs = json_pack("[{s:s,s:s,s:[{s:s,s:s},{s:s,s:s}]},{s:s,s:s}]",
	    "code", "k", "description", "Loại", "values", "key", "a", "name",
	    "Rác", "key", "b", "name", "Xà bần", "code", "gone2",
	    "description", "x");
	stored = json_pack("{s:[s,s], s:s}", "k", "a", "b", "zzz", "1");
	s = render(O311_FMT_JSON, "attributes",
	    o311_ext_attributes(stored, defs));
	is_str(s, "[{\"code\":\"k\",\"label\":\"Loại\",\"value\":[\"a\","
	    "\"b\"],\"name\":\"Rác, Xà bần\"}]",
	    "ext attributes: names of list keys, undefined codes dropped");
	json_decref(defs);
	json_decref(stored);
}
