/*
 * media.c: photos and videos (docs/media.md). POST /api/v1/media takes the
 * file nginx spooled to disk (REQUEST_BODY_FILE; the body never streams
 * through the worker); GET /api/v1/media/:id/:variant checks access and
 * lets nginx send the file from its internal location (X-Accel-Redirect);
 * POST /api/v1/media/:id/hide|unhide keeps a photo from the public.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/parse.h"
#include "crypto.h"
#include "handlers/common.h"
#include "handlers/handlers.h"
#include "handlers/media.h"
#include "media/media.h"
#include "model/media_url.h"
#include "store/media.h"

/* one cookie per upload, pa_up_<id>: parallel uploads never overwrite
 * each other's token (the web client sends only ids with the report) */
#define UPLOAD_COOKIE	"pa_up_"
#define UPLOAD_COOKIE_AGE	(6 * 3600)
#define ACCEL_PREFIX	"/internal/media/"	/* nginx: internal; alias */

static json_t	*upload_json(int64_t, const struct media_info *, const char *,
		    const char *);
static int	 may_read(struct req *, const struct media_rec *,
		    const char *);
static int	 set_hidden(struct req *, struct resp *, int);
static int64_t	 cap_id(const struct req *);
static int	 token_ok(const char *);

int
h_media_create(struct req *rq, struct resp *rs)
{
	const char		*src = req_param(rq, "REQUEST_BODY_FILE");
	struct media_info	 mi;
	struct media_err	 me;
	struct media_new	 mn;
	char			 tok[CRYPTO_TOKEN_LEN], key[CRYPTO_TOKEN_LEN];
	char			 hash[CRYPTO_HEX_LEN], cookie[192];
	int64_t			 id;

	if (src != NULL && src[0] == '\0')	/* nginx made no file */
		return resp_error(rs, 400, "empty_body", NULL, "the upload is "
		    "empty");
	if (src == NULL || src[0] != '/')
		return resp_error(rs, 400, "no_body_file", NULL, "uploads go "
		    "through nginx's /api/v1/media location");
	if (media_ingest(src, rq->app->conf.media_dir, &mi, &me) == -1)
		return resp_error(rs, me.status, me.code, NULL, "%s", me.msg);
	crypto_token(tok);
	crypto_token(key);
	crypto_sha256_hex(tok, strlen(tok), hash);
	media_new_from_info(&mn, &mi, rq->who.user_id != 0 ? "evidence" :
	    "report", hash, key);
	if (store_media_insert(rq->db, &mn, rq->now, &id) == -1)
		return 500;
	snprintf(cookie, sizeof(cookie), UPLOAD_COOKIE "%lld=%s; Path=/api/v1; "
	    "HttpOnly; SameSite=Strict; Max-Age=%d%s", (long long)id, tok,
	    UPLOAD_COOKIE_AGE, rq->app->conf.secure_cookies ? "; Secure" : "");
	resp_header(rs, "Set-Cookie", cookie);
	log_info(rq->reqid, "media stored id=%lld type=%s bytes=%lld",
	    (long long)id, mi.type.mime, (long long)mi.size);
	resp_json(rs, upload_json(id, &mi, tok, key));
	return 201;
}

int
h_media_get(struct req *rq, struct resp *rs)
{
	const char		*variant = req_cap(rq, "variant");
	struct media_rec	 m;
	char			 rel[128];
	int64_t			 id = cap_id(rq);
	int			 rc;

	if (id == 0 || !media_variant_ok(variant))
		return resp_error(rs, 404, "not_found", NULL, "no such media");
	rc = store_media_get(rq->db, id, &m);
	if (rc == 1 || (strcmp(m.kind, "video") == 0 &&
	    strcmp(variant, "original") != 0))
		return resp_error(rs, 404, "not_found", NULL, "no such media");
	if (rc == 0)
		rc = may_read(rq, &m, variant);
	if (rc == -1)
		return 500;
	/* 404, not 403: whether a confidential case has photos is secret */
	if (rc == 1 || media_relpath(variant, m.sha256, rel, sizeof(rel)) == -1)
		return resp_error(rs, 404, "not_found", NULL, "no such media");
	resp_header(rs, "X-Accel-Redirect", arena_printf(rq->arena,
	    ACCEL_PREFIX "%s", rel));
	rs->ctype = strcmp(variant, "original") == 0 ?
	    arena_strdup(rq->arena, m.mime) : "image/jpeg";
	return 200;
}

int
h_media_hide(struct req *rq, struct resp *rs)
{
	return set_hidden(rq, rs, 1);
}

int
h_media_unhide(struct req *rq, struct resp *rs)
{
	return set_hidden(rq, rs, 0);
}

int
req_media_refs(struct req *rq, struct resp *rs, struct case_new *cn)
{
	json_t			*arr = json_object_get(rq->json, "media"), *e, *v;
	const char		*tok;
	struct media_ref	*refs;
	size_t			 i;

	cn->media = NULL;
	cn->nmedia = 0;
	if (arr == NULL || json_is_null(arr))
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > MEDIA_MAX_PER_REPORT)
		return resp_error(rs, 422, "invalid_media", "media", "a list of "
		    "at most %d uploads", MEDIA_MAX_PER_REPORT);
	refs = arena_alloc(rq->arena, (json_array_size(arr) + 1) *
	    sizeof(*refs));
	json_array_foreach(arr, i, e) {
		v = json_is_object(e) ? json_object_get(e, "id") : e;
		refs[i].id = json_is_integer(v) ? json_integer_value(v) : 0;
		if (json_is_string(v) && parse_i64(json_string_value(v), 1,
		    INT64_MAX, &refs[i].id) == -1)
			refs[i].id = 0;
		tok = json_is_object(e) ? jstr(e, "token") : req_cookie(rq,
		    arena_printf(rq->arena, UPLOAD_COOKIE "%lld",
		    (long long)refs[i].id));
		if (refs[i].id <= 0 || !token_ok(tok))
			return resp_error(rs, 422, "invalid_media", "media",
			    "each item is an upload id (from this browser) "
			    "or {\"id\", \"token\"} as POST /media returned");
		crypto_sha256_hex(tok, strlen(tok), refs[i].token_hash);
	}
	cn->media = refs;
	cn->nmedia = json_array_size(arr);
	return 0;
}

/* {id, kind, ..., token, url, thumb_url, exif {taken_at, lat, lng}} */
static json_t *
upload_json(int64_t id, const struct media_info *mi, const char *tok,
    const char *key)
{
	char	url[MEDIA_URL_MAX], thumb[MEDIA_URL_MAX];
	time_t	exp = media_url_expiry(time(NULL));
	int	image = mi->type.kind == MEDIA_IMAGE;
	json_t	*o;

	if (media_url(url, sizeof(url), id, image ? "display" : "original",
	    key, exp) == -1 || media_url(thumb, sizeof(thumb), id, "thumb",
	    key, exp) == -1)
		return NULL;
	o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:o}", "id",
	    (json_int_t)id, "kind", image ? "image" : "video", "mime",
	    mi->type.mime, "size", (json_int_t)mi->size, "token", tok, "url",
	    url, "thumb_url", image ? json_string(thumb) : json_null());
	json_object_set_new(o, "width", mi->width ? json_integer(mi->width) :
	    json_null());
	json_object_set_new(o, "height", mi->height ?
	    json_integer(mi->height) : json_null());
	json_object_set_new(o, "duration_ms", mi->duration_ms >= 0 ?
	    json_integer(mi->duration_ms) : json_null());
	json_object_set_new(o, "exif", json_pack("{s:o, s:o, s:o}", "taken_at",
	    mi->has_time ? json_integer(mi->taken_at) : json_null(), "lat",
	    mi->has_gps ? json_real(mi->lat) : json_null(), "lng",
	    mi->has_gps ? json_real(mi->lng) : json_null()));
	return o;
}

/*
 * 0 when rq may read this variant, 1 when not, -1 on errors: a valid
 * signed URL (issued by a view that already checked access), staff whose
 * case view includes the case, or anyone for a public case's published,
 * visible photo copies (never originals, never videos).
 */
static int
may_read(struct req *rq, const struct media_rec *m, const char *variant)
{
	struct actor	 who;
	json_t		*o = NULL;
	int		 rc;

	if (media_url_check(m->url_key, m->id, variant, req_query(rq, "exp"),
	    req_query(rq, "sig"), rq->wall) == 0)
		return 0;
	if (m->case_id == 0)
		return 1;
	if (rq->who.user_id != 0) {
		req_actor(rq, ACTOR_STAFF, &who);
		rc = store_case_view(rq->db, m->case_id, rq->who.is_center ?
		    VIEW_CENTER : VIEW_AGENCY, &who, rq->now, &o);
		json_decref(o);
		o = NULL;
		if (rc != 1)
			return rc;
	}
	if (strcmp(variant, "original") == 0 || strcmp(m->kind, "image") != 0 ||
	    m->hidden || !m->published)
		return 1;
	rc = store_case_view(rq->db, m->case_id, VIEW_PUBLIC, NULL, rq->now,
	    &o);
	json_decref(o);
	return rc;
}

/* Center staff or the case's lead agency. */
static int
set_hidden(struct req *rq, struct resp *rs, int hidden)
{
	struct media_rec	m;
	struct actor		who;
	int64_t			id = cap_id(rq);
	int			rc;

	rc = id ? store_media_get(rq->db, id, &m) : 1;
	if (rc == -1)
		return 500;
	if (rc == 1 || m.case_id == 0)
		return resp_error(rs, 404, "not_found", NULL, "no such media "
		    "on a case");
	if (!rq->who.is_center && (rq->who.org_id == 0 ||
	    rq->who.org_id != m.lead_org_id))
		return resp_error(rs, 403, "forbidden", NULL, "only the center "
		    "or the case's lead agency may hide or show media");
	req_actor(rq, ACTOR_STAFF, &who);
	if (store_media_set_hidden(rq->db, &m, hidden, &who, rq->now) == -1)
		return 500;
	resp_json(rs, json_pack("{s:I, s:b}", "id", (json_int_t)id, "hidden",
	    hidden));
	return 200;
}

static int64_t
cap_id(const struct req *rq)
{
	const char	*s = req_cap(rq, "id");
	int64_t		 id;

	if (s == NULL || parse_i64(s, 1, INT64_C(999999999999), &id) == -1)
		return 0;
	return id;
}

/* A token as crypto_token makes them: 43 base64url characters. */
static int
token_ok(const char *t)
{
	size_t	i;

	if (t == NULL || strlen(t) != CRYPTO_TOKEN_LEN - 1)
		return 0;
	for (i = 0; t[i] != '\0'; i++)
		if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' &&
		    t[i] <= 'z') || (t[i] >= '0' && t[i] <= '9') ||
		    t[i] == '-' || t[i] == '_'))
			return 0;
	return 1;
}
