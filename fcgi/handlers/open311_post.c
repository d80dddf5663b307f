/*
 * open311_post.c: POST /open311/v2/requests.{fmt} (a new report through the
 * common intake, channel "open311") and POST servicerequestupdates.{fmt}
 * (mySociety statuses mapped onto workflow actions). Both need an
 * api_key of kind 'open311' in the form body. See docs/open311.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/arena.h"
#include "core/parse.h"
#include "crypto.h"
#include "handlers.h"
#include "handlers/open311_int.h"
#include "model/phone.h"
#include "model/vntext.h"
#include "store/cases.h"
#include "store/open311.h"

#define MAX_ATTRS	64
#define ADDRESS_MAX	500	/* code points; cases.address is 512 */
#define NAME_MAX_CP	200
#define URL_MAX		2048
/* the case store needs a reporter name; first/last_name are optional */
#define ANON_NAME	"Người gửi qua Open311"

static int	 post_begin(struct req *, struct resp *, enum o311_fmt *,
		    struct o311_form *, struct o311_key *);
static int	 build_case(struct req *, struct resp *, enum o311_fmt,
		    const struct o311_form *, const json_t *,
		    struct case_new *);
static int	 location(struct resp *, enum o311_fmt,
		    const struct o311_form *, struct case_new *);
static int	 reporter(struct req *, struct resp *, enum o311_fmt,
		    const struct o311_form *, struct case_new *);
static int	 extras(struct req *, struct resp *, enum o311_fmt,
		    const struct o311_form *, const json_t *,
		    struct case_new *);
static int	 case_error(struct resp *, enum o311_fmt,
		    const struct case_result *);
static json_t	*created(const struct case_created *, const char *, int);
static int	 parse_coord(const char *, double, double *);

int
h_open311_requests_create(struct req *rq, struct resp *rs)
{
	struct o311_form	 fm;
	struct o311_key		 key;
	struct case_new		 cn;
	struct case_created	 cc;
	struct case_result	 res;
	struct actor		 who;
	enum o311_fmt		 f;
	json_t			*def = NULL;
	const char		*code;
	char			 tok[CRYPTO_TOKEN_LEN];
	int			 st;

	st = post_begin(rq, rs, &f, &fm, &key);
	if (st != 0)
		return st;
	code = o311_fget(&fm, "service_code");
	if (code == NULL)
		return o311_fail(rs, f, 400, "service_code is required");
	st = store_o311_definition(rq->db, code, &def);
	if (st != 0)
		return st == 1 ? o311_fail(rs, f, 404, "unknown service_code "
		    "%.64s", code) : o311_fail(rs, f, 500, "please try later");
	st = build_case(rq, rs, f, &fm, def, &cn);
	json_decref(def);
	if (st == 0)
		st = o311_media_refs(rq, rs, f, &fm, &cn);
	if (st != 0)
		return st;
	crypto_token(tok);
	cn.channel_ref = tok;
	memset(&who, 0, sizeof(who));
	who.kind = ACTOR_OPEN311;
	who.org_id = key.org_id;
	who.roles = WF_ROLE_REPORTER;
	memset(&res, 0, sizeof(res));
	if (store_case_create(rq->db, &cn, &who, rq->now, &cc, &res) == -1)
		return case_error(rs, f, &res);
	return o311_send(rs, f, 200, "service_requests", created(&cc, tok,
	    o311_flag(o311_fget(&fm, "extensions")) ||
	    o311_flag(req_query(rq, "extensions"))));
}

int
h_open311_updates_create(struct req *rq, struct resp *rs)
{
	static const char *const need[] = { "service_request_id",
	    "update_id", "status", "updated_datetime", "description" };
	struct o311_form	 fm;
	struct o311_key		 key;
	struct case_action	 act;
	struct case_result	 res;
	struct actor		 who;
	enum o311_fmt		 f;
	int64_t			 id = 0;
	time_t			 t;
	size_t			 i;
	int			 st;

	st = post_begin(rq, rs, &f, &fm, &key);
	if (st != 0)
		return st;
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (o311_fget(&fm, need[i]) == NULL)
			return o311_fail(rs, f, 400, "%s is required", need[i]);
	memset(&act, 0, sizeof(act));
	if (o311_parse_datetime(o311_fget(&fm, "updated_datetime"), &t) == -1)
		return o311_fail(rs, f, 400, "updated_datetime must be a W3C "
		    "date-time with a zone");
	if (o311_status_action(o311_fget(&fm, "status"), &act.action) == -1)
		return o311_fail(rs, f, 400, "status %.40s cannot be applied "
		    "(use IN_PROGRESS, NOT_COUNCILS_RESPONSIBILITY, FIXED or "
		    "CLOSED)", o311_fget(&fm, "status"));
	st = parse_i64(o311_fget(&fm, "service_request_id"), 1, INT64_MAX, &id);
	if (st == 0)
		st = store_o311_case_visible(rq->db, id);
	if (st != 0)
		return st == -1 && id > 0 ? o311_fail(rs, f, 500, "please try "
		    "later") : o311_fail(rs, f, 404, "unknown "
		    "service_request_id");
	if (key.org_id == 0 || key.org_is_center)
		return o311_fail(rs, f, 403, "only an agency's api_key may "
		    "post updates");
	act.text = act.reason = o311_fget(&fm, "description");
	memset(&who, 0, sizeof(who));
	who.kind = ACTOR_OPEN311;
	who.org_id = key.org_id;
	who.roles = WF_ROLE_OFFICER | WF_ROLE_LEADER;
	memset(&res, 0, sizeof(res));
	if (store_case_act(rq->db, id, &who, &act, rq->now, &res) == -1)
		return case_error(rs, f, &res);
	return o311_send(rs, f, 200, "service_request_updates",
	    json_pack("[{s:s}]", "update_id", arena_printf(rq->arena,
	    "%lld", (long long)res.event_id)));
}

/* Format, form body (either encoding), jurisdiction_id and api_key (403,
 * spec §9). */
static int
post_begin(struct req *rq, struct resp *rs, enum o311_fmt *f,
    struct o311_form *fm, struct o311_key *key)
{
	const char	*k;
	char		 hash[CRYPTO_HEX_LEN];
	int		 st;

	*f = o311_fmt_parse(req_cap(rq, "fmt"));
	if (*f == O311_FMT_NONE)
		return o311_bad_extension(rs);
	st = o311_form_read(rq, rs, *f, fm);
	if (st != 0)
		return st;
	if (o311_jurisdiction_ok(o311_fget(fm, "jurisdiction_id"),
	    rq->app->conf.public_url) == -1)
		return o311_fail(rs, *f, 404, "unknown jurisdiction_id");
	k = o311_fget(fm, "api_key");
	if (k == NULL)
		return o311_fail(rs, *f, 403, "api_key is required -- can't "
		    "proceed");
	crypto_sha256_hex(k, strlen(k), hash);
	st = store_o311_key(rq->db, hash, key);
	if (st == -1)
		return o311_fail(rs, *f, 500, "please try later");
	if (st == 1)
		return o311_fail(rs, *f, 403, "Invalid api_key received -- "
		    "can't proceed");
	return 0;
}

static int
build_case(struct req *rq, struct resp *rs, enum o311_fmt f,
    const struct o311_form *fm, const json_t *def, struct case_new *cn)
{
	size_t	cps;
	int	st;

	memset(cn, 0, sizeof(*cn));
	cn->channel = "open311";
	cn->received_at = rq->now;
	cn->field_code = json_string_value(json_object_get(def,
	    "service_code"));
	cn->description = o311_fget(fm, "description");
	if (cn->description == NULL)
		return o311_fail(rs, f, 400, "description is required");
	cps = utf8_count(cn->description);
	if (cps > O311_DESC_MAX)
		return o311_fail(rs, f, 400, "description is longer than %d "
		    "characters (%zu)", O311_DESC_MAX, cps);
	cn->field_code = arena_strdup(rq->arena, cn->field_code);
	cn->reporter_type = "individual";
	cn->lang = "vi";
	cn->confidential = o311_flag(o311_fget(fm, "confidential"));
	st = location(rs, f, fm, cn);
	if (st == 0)
		st = reporter(rq, rs, f, fm, cn);
	if (st == 0)
		st = extras(rq, rs, f, fm, def, cn);
	return st;
}

/* lat+long, address_string or address_id (an administrative unit code). */
static int
location(struct resp *rs, enum o311_fmt f, const struct o311_form *fm,
    struct case_new *cn)
{
	const char	*lat = o311_fget(fm, "lat");
	const char	*lng = o311_fget(fm, "long");

	if ((lat != NULL) != (lng != NULL))
		return o311_fail(rs, f, 400, "lat and long go together");
	if (lat != NULL) {
		if (parse_coord(lat, 90, &cn->lat) == -1 ||
		    parse_coord(lng, 180, &cn->lng) == -1)
			return o311_fail(rs, f, 400, "lat/long must be WGS84 "
			    "decimal degrees");
		cn->has_point = 1;
	}
	cn->address = o311_fget(fm, "address_string");
	if (cn->address != NULL && utf8_count(cn->address) > ADDRESS_MAX)
		return o311_fail(rs, f, 400, "address_string is longer than "
		    "%d characters", ADDRESS_MAX);
	cn->unit_code = o311_fget(fm, "address_id");
	if (!cn->has_point && cn->address == NULL && cn->unit_code == NULL)
		return o311_fail(rs, f, 400, "a location is required: lat and "
		    "long, address_string or address_id");
	return 0;
}

/* first_name + last_name -> name (else ANON_NAME); phone to E.164;
 * e-mail sanity. */
static int
reporter(struct req *rq, struct resp *rs, enum o311_fmt f,
    const struct o311_form *fm, struct case_new *cn)
{
	const char	*first = o311_fget(fm, "first_name");
	const char	*last = o311_fget(fm, "last_name");
	const char	*phone = o311_fget(fm, "phone");
	const char	*mail = o311_fget(fm, "email");
	char		 e164[PHONE_E164_SIZE];

	cn->name = ANON_NAME;
	if (first != NULL || last != NULL)
		cn->name = arena_printf(rq->arena, "%s%s%s", first ? first : "",
		    first && last ? " " : "", last ? last : "");
	if (utf8_count(cn->name) > NAME_MAX_CP)
		return o311_fail(rs, f, 400, "the name is too long");
	if (phone != NULL) {
		if (phone_normalize(phone, e164) == -1)
			return o311_fail(rs, f, 400, "phone is not a valid "
			    "phone number");
		cn->phone = arena_strdup(rq->arena, e164);
	}
	if (mail != NULL && (strlen(mail) > 254 || strchr(mail, '@') ==
	    NULL || strpbrk(mail, " \t\r\n<>,;") != NULL || mail[0] == '@'))
		return o311_fail(rs, f, 400, "email is not an e-mail address");
	cn->email = mail;
	return 0;
}

/* attribute[...] checked against the definition, plus media_url (unless
 * files were uploaded: they win, spec §12.3), device_id and account_id,
 * stored as cases.attributes_json. */
static int
extras(struct req *rq, struct resp *rs, enum o311_fmt f,
    const struct o311_form *fm, const json_t *def, struct case_new *cn)
{
	struct o311_attr	 defs[MAX_ATTRS];
	const char		*media = fm->nfiles > 0 ? NULL :
				    o311_fget(fm, "media_url");
	json_t			*attrs = NULL, *all;
	char			 err[256], *s;
	size_t			 n;

	if (o311_attrs_from_def(json_object_get(def, "attributes"), defs,
	    MAX_ATTRS, &n) == -1)
		return o311_fail(rs, f, 500, "the service definition is "
		    "broken");
	if (o311_attrs_collect(defs, n, fm->p, fm->n, &attrs, err,
	    sizeof(err)) == -1)
		return o311_fail(rs, f, 400, "%s", err);
	if (media != NULL && (strlen(media) > URL_MAX ||
	    (strncmp(media, "http://", 7) != 0 &&
	    strncmp(media, "https://", 8) != 0))) {
		json_decref(attrs);
		return o311_fail(rs, f, 400, "media_url must be an http(s) "
		    "URL");
	}
	all = json_pack("{s:o, s:s?, s:s?, s:s?}", "attributes", attrs,
	    "media_url", media, "device_id", o311_fget(fm, "device_id"),
	    "account_id", o311_fget(fm, "account_id"));
	s = all != NULL ? json_dumps(all, JSON_COMPACT) : NULL;
	json_decref(all);
	if (s == NULL)
		return o311_fail(rs, f, 500, "please try later");
	cn->attributes_json = arena_strdup(rq->arena, s);
	free(s);
	return 0;
}

/* A refusal of the case store, in the spec's error shape. */
static int
case_error(struct resp *rs, enum o311_fmt f, const struct case_result *res)
{
	int	status = res->status;

	if (status != 403 && status != 404 && status < 500)
		status = 400;
	if (status >= 500)
		return o311_fail(rs, f, 500, "please try later");
	return o311_fail(rs, f, status, "%s%s%s%s", res->msg,
	    res->code[0] ? " (" : "", res->code, res->code[0] ? ")" : "");
}

/* [{service_request_id, service_notice, account_id}], token on request. */
static json_t *
created(const struct case_created *cc, const char *tok, int with_token)
{
	char	 id[24], due[O311_DT_LEN], notice[160];
	json_t	*o;

	snprintf(id, sizeof(id), "%lld", (long long)cc->id);
	o311_datetime(cc->intake_due, due);
	snprintf(notice, sizeof(notice), "Phản ánh sẽ được kiểm tra, phân "
	    "loại trước %s", due);
	o = json_pack("{s:s, s:s, s:n}", "service_request_id", id,
	    "service_notice", notice, "account_id");
	if (o != NULL && with_token)
		json_object_set_new(o, "token", json_string(tok));
	return json_pack("[o]", o);
}

/* Decimal degrees within [-lim, lim]. */
static int
parse_coord(const char *s, double lim, double *out)
{
	char	*end;
	double	 d;

	if (strspn(s, "+-0123456789.") != strlen(s))
		return -1;
	d = strtod(s, &end);
	if (end == s || *end != '\0' || d < -lim || d > lim)
		return -1;
	*out = d;
	return 0;
}
