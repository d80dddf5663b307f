/*
 * open311.c: /open311/: GeoReport v2 discovery, services, requests (GET),
 * tokens and the mySociety updates feed, in XML and JSON. The POSTs are in
 * open311_post.c. Rendering is lib/model/open311*.c, SQL lib/store/open311.c;
 * the decisions are in docs/open311.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "core/arena.h"
#include "core/parse.h"
#include "handlers.h"
#include "handlers/open311_int.h"
#include "model/open311.h"
#include "store/open311.h"
#include "store/ref.h"

#define SPEC_URL	"http://wiki.open311.org/GeoReport_v2"

static int	 requests_filter(struct req *, struct o311_filter *, char *,
		    size_t);
static json_t	*discovery(struct req *);
static void	 setting(struct req *, const char *, const char *, char *,
		    size_t);

int
h_open311_discovery(struct req *rq, struct resp *rs)
{
	enum o311_fmt	f;
	int		st;

	st = o311_begin(rq, rs, req_cap(rq, "fmt"), &f);
	if (st != 0)
		return st;
	return o311_send(rs, f, 200, "discovery", discovery(rq));
}

int
h_open311_services_list(struct req *rq, struct resp *rs)
{
	enum o311_fmt	 f;
	json_t		*list = NULL;
	int		 st;

	st = o311_begin(rq, rs, req_cap(rq, "fmt"), &f);
	if (st != 0)
		return st;
	if (store_o311_services(rq->db, &list) == -1)
		return o311_fail(rs, f, 500, "the service list is unavailable");
	return o311_send(rs, f, 200, "services", list);
}

int
h_open311_services_get(struct req *rq, struct resp *rs)
{
	char		 code[64];
	enum o311_fmt	 f;
	json_t		*def = NULL;
	int		 st;

	st = o311_begin_cap(rq, rs, "code", code, sizeof(code), &f);
	if (st != 0)
		return st;
	st = store_o311_definition(rq->db, code, &def);
	if (st == 1)
		return o311_fail(rs, f, 404, "unknown service_code %s", code);
	if (st == -1)
		return o311_fail(rs, f, 500, "the service is unavailable");
	return o311_send(rs, f, 200, "service_definition", def);
}

int
h_open311_requests_list(struct req *rq, struct resp *rs)
{
	struct o311_filter	 flt;
	enum o311_fmt		 f;
	json_t			*list = NULL;
	char			 err[256];
	int			 st;

	st = o311_begin(rq, rs, req_cap(rq, "fmt"), &f);
	if (st != 0)
		return st;
	if (requests_filter(rq, &flt, err, sizeof(err)) == -1)
		return o311_fail(rs, f, 400, "%s", err);
	if (store_o311_requests(rq->db, &flt, &list) == -1)
		return o311_fail(rs, f, 500, "requests are unavailable");
	return o311_send(rs, f, 200, "service_requests", list);
}

int
h_open311_requests_get(struct req *rq, struct resp *rs)
{
	struct o311_filter	 flt;
	char			 id[32];
	enum o311_fmt		 f;
	json_t			*list = NULL;
	int			 st;

	st = o311_begin_cap(rq, rs, "id", id, sizeof(id), &f);
	if (st != 0)
		return st;
	if (strchr(id, ',') != NULL || o311_ids_ok(id) == -1)
		return o311_fail(rs, f, 404, "unknown service_request_id");
	memset(&flt, 0, sizeof(flt));
	flt.ids = id;
	flt.limit = 1;
	flt.ext = o311_flag(req_query(rq, "extensions"));
	flt.media_base = rq->app->conf.public_url;
	if (store_o311_requests(rq->db, &flt, &list) == -1)
		return o311_fail(rs, f, 500, "requests are unavailable");
	if (json_array_size(list) == 0) {
		json_decref(list);
		return o311_fail(rs, f, 404, "unknown service_request_id %s",
		    id);
	}
	return o311_send(rs, f, 200, "service_requests", list);
}

int
h_open311_tokens_get(struct req *rq, struct resp *rs)
{
	char		 tok[64];
	enum o311_fmt	 f;
	json_t		*list = NULL;
	int		 st;

	st = o311_begin_cap(rq, rs, "token", tok, sizeof(tok), &f);
	if (st != 0)
		return st;
	st = store_o311_token(rq->db, tok, rq->app->conf.public_url, &list);
	if (st == 1)
		return o311_fail(rs, f, 404, "unknown token");
	if (st == -1)
		return o311_fail(rs, f, 500, "tokens are unavailable");
	return o311_send(rs, f, 200, "service_requests", list);
}

int
h_open311_updates_list(struct req *rq, struct resp *rs)
{
	enum o311_fmt	 f;
	json_t		*list = NULL;
	time_t		 from, to;
	int		 st, limit, offset;
	char		 err[256];

	st = o311_begin(rq, rs, req_cap(rq, "fmt"), &f);
	if (st != 0)
		return st;
	if (o311_window(req_query(rq, "start_date"), req_query(rq,
	    "end_date"), rq->now, &from, &to, err, sizeof(err)) == -1 ||
	    o311_paging(req_query(rq, "page"), req_query(rq, "page_size"),
	    &limit, &offset, err, sizeof(err)) == -1)
		return o311_fail(rs, f, 400, "%s", err);
	if (store_o311_updates(rq->db, from, to, limit, offset, &list) == -1)
		return o311_fail(rs, f, 500, "updates are unavailable");
	return o311_send(rs, f, 200, "service_request_updates", list);
}

/* Shared by every handler: the format and jurisdiction_id (§1). */
int
o311_begin(struct req *rq, struct resp *rs, const char *ext,
    enum o311_fmt *f)
{
	const char	*jid;

	*f = o311_fmt_parse(ext);
	if (*f == O311_FMT_NONE)
		return o311_bad_extension(rs);
	jid = req_query(rq, "jurisdiction_id");	/* POSTs: post_begin() */
	if (o311_jurisdiction_ok(jid, rq->app->conf.public_url) == -1)
		return o311_fail(rs, *f, 404, "unknown jurisdiction_id");
	return 0;
}

/* For "/services/:code" style paths: splits "033.json" itself. */
int
o311_begin_cap(struct req *rq, struct resp *rs, const char *cap,
    char *name, size_t namesz, enum o311_fmt *f)
{
	const char	*v = req_cap(rq, cap), *dot;

	if (v == NULL || o311_split_ext(v, name, namesz, f) == -1) {
		dot = v != NULL ? strrchr(v, '.') : NULL;
		if (dot != NULL && o311_fmt_parse(dot + 1) != O311_FMT_NONE)
			return o311_fail(rs, o311_fmt_parse(dot + 1), 404,
			    "not found");
		return o311_bad_extension(rs);
	}
	return o311_begin(rq, rs, *f == O311_FMT_JSON ? "json" : "xml", f);
}

int
o311_bad_extension(struct resp *rs)
{
	buf_reset(&rs->body);
	buf_puts(&rs->body, "Bad extension\n");
	rs->ctype = "text/plain; charset=utf-8";
	return 404;
}

/* Renders v (stolen) as the response body. */
int
o311_send(struct resp *rs, enum o311_fmt f, int status, const char *root,
    json_t *v)
{
	int	rc;

	buf_reset(&rs->body);
	rc = v != NULL ? o311_render(&rs->body, f, root, v) : -1;
	json_decref(v);
	rs->ctype = o311_ctype(f);
	if (rc == -1 && status < 500)
		return o311_fail(rs, f, 500, "the response is too large");
	if (rc == -1) {
		buf_reset(&rs->body);
		buf_puts(&rs->body, "internal error\n");
		rs->ctype = "text/plain; charset=utf-8";
	}
	return status;
}

int
o311_fail(struct resp *rs, enum o311_fmt f, int status, const char *fmt,
    ...)
{
	char	msg[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return o311_send(rs, f, status, "errors", o311_errors(status, msg));
}

/* "true" (any case) or "1"; the spec's booleans, accepted both ways. */
int
o311_flag(const char *v)
{
	return v != NULL && (strcasecmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0);
}

static int
requests_filter(struct req *rq, struct o311_filter *flt, char *err,
    size_t errsz)
{
	const char	*ids = req_query(rq, "service_request_id");
	const char	*status = req_query(rq, "status");
	char		 states[1024];

	memset(flt, 0, sizeof(*flt));
	flt->ext = o311_flag(req_query(rq, "extensions"));
	flt->media_base = rq->app->conf.public_url;
	if (o311_paging(req_query(rq, "page"), req_query(rq, "page_size"),
	    &flt->limit, &flt->offset, err, errsz) == -1)
		return -1;
	if (ids != NULL) {		/* overrides every other argument */
		if (o311_ids_ok(ids) == -1) {
			snprintf(err, errsz, "service_request_id must be a "
			    "comma-separated list of ids");
			return -1;
		}
		flt->ids = ids;
		return 0;
	}
	flt->codes = req_query(rq, "service_code");
	if (status != NULL) {
		if (o311_states_csv(status, states, sizeof(states)) == -1) {
			snprintf(err, errsz, "status must be open, closed or "
			    "open,closed");
			return -1;
		}
		flt->states = arena_strdup(rq->arena, states);
	}
	return o311_window(req_query(rq, "start_date"), req_query(rq,
	    "end_date"), rq->now, &flt->from, &flt->to, err, errsz);
}

static json_t *
discovery(struct req *rq)
{
	char	changeset[64], contact[256], keysvc[512];

	setting(rq, "open311_changeset", "2026-01-01T00:00:00+07:00",
	    changeset, sizeof(changeset));
	setting(rq, "open311_contact", rq->app->conf.public_url, contact,
	    sizeof(contact));
	setting(rq, "open311_key_service", "Đề nghị Trung tâm điều hành cấp "
	    "api_key (phananh-admin apikey add ORG open311 NAME)", keysvc,
	    sizeof(keysvc));
	return json_pack("{s:s, s:s, s:s, s:[{s:s, s:s+, s:s, s:s, "
	    "s:[s, s]}]}",
	    "changeset", changeset,
	    "contact", contact,
	    "key_service", keysvc,
	    "endpoints",
	    "specification", SPEC_URL,
	    "url", rq->app->conf.public_url, "/open311/v2",
	    "changeset", changeset,
	    "type", rq->app->conf.test_clock ? "test" : "production",
	    "formats", "text/xml", "application/json");
}

static void
setting(struct req *rq, const char *name, const char *def, char *out,
    size_t outsz)
{
	if (store_setting_get(rq->db, name, out, outsz) != 0 || *out == '\0')
		snprintf(out, outsz, "%s", def);
}
