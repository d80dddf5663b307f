/*
 * open311.c: SQL of the Open311 read side (services, definitions, requests,
 * tokens, updates) and of the Open311 API-key check. No reporter column
 * (case_reporters) is ever read here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "db.h"
#include "model/media_url.h"
#include "model/open311.h"
#include "store/open311.h"

/* What Open311 may show at all; see docs/open311.md "Visibility". */
#define VISIBLE	" c.confidential = 0 AND c.secret = 0 AND c.state NOT IN" \
		" ('secret_offline', 'delivered_privately') "

static const char SQL_KEY[] =
    "SELECT k.id, COALESCE(k.org_id, 0), COALESCE(o.is_center, 0)"
    " FROM api_keys k LEFT JOIN organisations o ON o.id = k.org_id"
    " WHERE k.key_hash = ? AND k.kind = 'open311' AND k.revoked_at IS NULL";

static const char SQL_SERVICES[] =
    "SELECT f.code, f.name_vi, COALESCE(NULLIF(f.description, ''),"
    " f.name_en), CONCAT_WS(',', NULLIF(f.keywords, ''),"
    " (SELECT GROUP_CONCAT(g.name_vi ORDER BY g.id SEPARATOR ',')"
    "  FROM report_groups g WHERE g.field_id = f.id AND g.active = 1)),"
    " (SELECT COUNT(*) FROM field_attributes a"
    "  WHERE a.field_id = f.id AND a.active = 1)"
    " FROM fields f WHERE f.active = 1 ORDER BY f.sort, f.code";

static const char SQL_FIELD[] =
    "SELECT id FROM fields WHERE code = ? AND active = 1";

/* Definitions of one field (?), or of all fields (? IS NULL). */
static const char SQL_ATTRS[] =
    "SELECT f.code, a.code, a.variable, a.datatype, a.required,"
    " a.datatype_description, a.ord, a.description, a.values_json"
    " FROM field_attributes a JOIN fields f ON f.id = a.field_id"
    " WHERE f.active = 1 AND a.active = 1 AND (? IS NULL OR f.code = ?)"
    " ORDER BY f.code, a.ord";

#define PHOTO_URL_MAX	512	/* public_url (255) + the media path */

/* A photo the public may see (docs/media.md): an image not hidden by staff,
 * of a case whose answer is published. Cases come from VISIBLE queries. */
#define PUBLIC_PHOTO	" m.kind = 'image' AND m.hidden = 0" \
			" AND c.published_at IS NOT NULL "

#define REQ_COLS \
    "SELECT c.id, c.state, f.code, f.name_vi, c.description, o.name," \
    " COALESCE(o.process_minutes, 0), UNIX_TIMESTAMP(c.received_at)," \
    " UNIX_TIMESTAMP(c.updated_at)," \
    " UNIX_TIMESTAMP(COALESCE(c.closed_at, c.published_at))," \
    " (SELECT UNIX_TIMESTAMP(t.due_at) FROM case_timers t" \
    "  WHERE t.case_id = c.id AND t.status = 'running'" \
    "  AND t.window_only = 0 AND t.due_at IS NOT NULL" \
    "  ORDER BY t.started_at DESC, t.id DESC LIMIT 1)," \
    " c.address, c.lat, c.lng, c.channel, c.attributes_json, c.channel_ref," \
    " (SELECT MIN(m.id) FROM media m WHERE m.case_id = c.id AND" \
    PUBLIC_PHOTO ")" \
    " FROM cases c" \
    " LEFT JOIN fields f ON f.id = COALESCE(c.field_id, c.field_suggested_id)" \
    " LEFT JOIN organisations o ON o.id = c.lead_org_id WHERE"

enum { RC_ID, RC_STATE, RC_CODE, RC_NAME, RC_DESC, RC_AGENCY, RC_SLA,
	RC_RECEIVED, RC_UPDATED, RC_CLOSED, RC_DUE, RC_ADDRESS, RC_LAT,
	RC_LNG, RC_CHANNEL, RC_ATTRS, RC_TOKEN, RC_PHOTO };

static const char SQL_REQUESTS[] = REQ_COLS VISIBLE
    " AND c.received_at >= FROM_UNIXTIME(?) AND c.received_at <="
    " FROM_UNIXTIME(?) AND (? IS NULL OR FIND_IN_SET(f.code, ?))"
    " AND (? IS NULL OR FIND_IN_SET(c.state, ?))"
    " ORDER BY c.received_at DESC, c.id DESC LIMIT ? OFFSET ?";

static const char SQL_REQUESTS_BY_ID[] = REQ_COLS VISIBLE
    " AND FIND_IN_SET(c.id, ?)"
    " ORDER BY c.received_at DESC, c.id DESC LIMIT ? OFFSET ?";

static const char SQL_REQUEST_BY_TOKEN[] = REQ_COLS VISIBLE
    " AND c.channel = 'open311' AND c.channel_ref = ?";

static const char SQL_NOTES[] =
    "SELECT e.id, e.case_id, UNIX_TIMESTAMP(e.at), e.kind,"
    " COALESCE(e.to_state, c.state), e.note"
    " FROM case_events e JOIN cases c ON c.id = e.case_id"
    " WHERE e.public = 1 AND FIND_IN_SET(e.case_id, ?)"
    " ORDER BY e.case_id, e.id";

static const char SQL_PHOTOS[] =
    "SELECT m.case_id, m.id FROM media m JOIN cases c ON c.id = m.case_id"
    " WHERE FIND_IN_SET(m.case_id, ?) AND" PUBLIC_PHOTO
    " ORDER BY m.case_id, m.id";

static const char SQL_UPDATES[] =
    "SELECT e.id, e.case_id, UNIX_TIMESTAMP(e.at), e.kind,"
    " COALESCE(e.to_state, c.state), e.note"
    " FROM case_events e JOIN cases c ON c.id = e.case_id"
    " WHERE e.public = 1 AND" VISIBLE
    " AND e.at >= FROM_UNIXTIME(?) AND e.at < FROM_UNIXTIME(? + 1)"
    " ORDER BY e.id LIMIT ? OFFSET ?";

static const char SQL_VISIBLE[] =
    "SELECT c.id FROM cases c WHERE c.id = ? AND" VISIBLE;

static const char SQL_ATTR_UPSERT[] =
    "INSERT INTO field_attributes (field_id, code, variable, datatype,"
    " required, datatype_description, ord, description, values_json)"
    " SELECT id, ?, ?, ?, ?, ?, ?, ?, ? FROM fields WHERE code = ?"
    " ON DUPLICATE KEY UPDATE variable = VALUES(variable),"
    " datatype = VALUES(datatype), required = VALUES(required),"
    " datatype_description = VALUES(datatype_description),"
    " ord = VALUES(ord), description = VALUES(description),"
    " values_json = VALUES(values_json), active = 1";

static json_t	*attr_row(struct db_res *);
static int	 attrs_by_service(struct db *, const char *, json_t **);
static json_t	*request_row(struct db_res *, const char *, const char *);
static int	 request_rows(struct db *, const char *,
		    const struct db_param *, size_t, const struct o311_filter *,
		    json_t **);
static void	 add_ext(json_t *, struct db_res *, const json_t *);
static int	 add_notes(struct db *, json_t *);
static int	 add_photos(struct db *, json_t *, const char *);
static int	 by_id(json_t *, const char *, struct buf *, json_t *);
static int	 photo_url(char *, size_t, const char *, int64_t);
static void	 event_row(struct db_res *, struct o311_event *);
static int	 attr_upsert(struct db *, const json_t *);
static const char *jstr(const json_t *, const char *);

int
store_o311_key(struct db *db, const char *key_hash, struct o311_key *k)
{
	const struct db_param	 p[] = { DB_TEXT(key_hash) };
	struct db_res		*r = NULL;
	int			 rc = -1;

	if (db_query(db, SQL_KEY, p, NITEMS(p), &r) == -1)
		return -1;
	rc = 1;
	if (db_res_next(r)) {
		k->id = db_res_i64(r, 0);
		k->org_id = db_res_i64(r, 1);
		k->org_is_center = db_res_i64(r, 2) != 0;
		rc = 0;
	}
	db_res_free(r);
	return rc;
}

int
store_o311_services(struct db *db, json_t **out)
{
	struct db_res		*r = NULL;
	struct o311_service	 s;

	if (db_query(db, SQL_SERVICES, NULL, 0, &r) == -1)
		return -1;
	*out = json_array();
	while (db_res_next(r)) {
		s.code = db_res_str(r, 0);
		s.name = db_res_str(r, 1);
		s.description = db_res_str(r, 2);
		s.keywords = db_res_str(r, 3);
		s.group = s.name;
		s.metadata = db_res_i64(r, 4) > 0;
		json_array_append_new(*out, o311_service_json(&s));
	}
	db_res_free(r);
	return 0;
}

int
store_o311_definition(struct db *db, const char *code, json_t **out)
{
	const struct db_param	 p[] = { DB_TEXT(code) };
	int64_t			 id;
	json_t			*map = NULL, *attrs;
	int			 rc;

	rc = db_query_i64(db, SQL_FIELD, p, NITEMS(p), &id);
	if (rc != 0)
		return rc;
	if (attrs_by_service(db, code, &map) == -1)
		return -1;
	attrs = json_object_get(map, code);
	attrs = attrs != NULL ? json_incref(attrs) : json_array();
	*out = json_pack("{s:s, s:o}", "service_code", code, "attributes",
	    attrs);
	json_decref(map);
	return *out != NULL ? 0 : -1;
}

int
store_o311_requests(struct db *db, const struct o311_filter *f,
    json_t **out)
{
	const struct db_param	 by_id[] = { DB_TEXT(f->ids),
	    DB_I64(f->limit), DB_I64(f->offset) };
	const struct db_param	 p[] = { DB_I64(f->from), DB_I64(f->to),
	    DB_TEXT(f->codes), DB_TEXT(f->codes), DB_TEXT(f->states),
	    DB_TEXT(f->states), DB_I64(f->limit), DB_I64(f->offset) };

	if (f->ids != NULL)
		return request_rows(db, SQL_REQUESTS_BY_ID, by_id,
		    NITEMS(by_id), f, out);
	return request_rows(db, SQL_REQUESTS, p, NITEMS(p), f, out);
}

int
store_o311_token(struct db *db, const char *token, const char *media_base,
    json_t **out)
{
	const struct db_param	 p[] = { DB_TEXT(token) };
	struct db_res		*r = NULL;
	int			 rc;

	if (db_query(db, SQL_REQUEST_BY_TOKEN, p, NITEMS(p), &r) == -1)
		return -1;
	rc = 1;
	if (db_res_next(r)) {
		*out = json_pack("[o]", request_row(r, token, media_base));
		rc = *out != NULL ? 0 : -1;
	}
	db_res_free(r);
	return rc;
}

int
store_o311_updates(struct db *db, time_t from, time_t to, int limit,
    int offset, json_t **out)
{
	const struct db_param	 p[] = { DB_I64(from), DB_I64(to),
	    DB_I64(limit), DB_I64(offset) };
	struct db_res		*r = NULL;
	struct o311_event	 e;

	if (db_query(db, SQL_UPDATES, p, NITEMS(p), &r) == -1)
		return -1;
	*out = json_array();
	while (db_res_next(r)) {
		event_row(r, &e);
		json_array_append_new(*out, o311_update_json(&e));
	}
	db_res_free(r);
	return 0;
}

int
store_o311_case_visible(struct db *db, int64_t id)
{
	const struct db_param	p[] = { DB_I64(id) };
	int64_t			got;

	return db_query_i64(db, SQL_VISIBLE, p, NITEMS(p), &got);
}

int
store_o311_attrs_load(struct db *db, const json_t *arr)
{
	size_t	i;

	for (i = 0; i < json_array_size(arr); i++)
		if (attr_upsert(db, json_array_get(arr, i)) == -1) {
			fprintf(stderr, "field_attributes[%zu]: invalid or "
			    "unknown field\n", i);
			return -1;
		}
	return 0;
}

/* {service code: [attribute definitions]} for one code or all (NULL). */
static int
attrs_by_service(struct db *db, const char *code, json_t **out)
{
	const struct db_param	 p[] = { DB_TEXT(code), DB_TEXT(code) };
	struct db_res		*r = NULL;
	json_t			*list;
	const char		*svc;

	if (db_query(db, SQL_ATTRS, p, NITEMS(p), &r) == -1)
		return -1;
	*out = json_object();
	while (db_res_next(r)) {
		svc = db_res_str(r, 0);
		list = json_object_get(*out, svc);
		if (list == NULL) {
			list = json_array();
			json_object_set_new(*out, svc, list);
		}
		json_array_append_new(list, attr_row(r));
	}
	db_res_free(r);
	return 0;
}

static json_t *
attr_row(struct db_res *r)
{
	struct o311_attr	 a;
	json_t			*values = NULL, *o;

	if (!db_res_isnull(r, 8))
		values = json_loads(db_res_str(r, 8), 0, NULL);
	a.code = db_res_str(r, 1);
	a.variable = db_res_i64(r, 2) != 0;
	a.datatype = db_res_str(r, 3);
	a.required = db_res_i64(r, 4) != 0;
	a.datatype_description = db_res_str(r, 5);
	a.order = (int)db_res_i64(r, 6);
	a.description = db_res_str(r, 7);
	a.values = json_is_array(values) ? values : NULL;
	o = o311_attr_json(&a);
	json_decref(values);
	return o;
}

static int
request_rows(struct db *db, const char *sql, const struct db_param *p,
    size_t n, const struct o311_filter *f, json_t **out)
{
	struct db_res	*r = NULL;
	json_t		*defs = NULL, *req;
	int		 rc = -1, ext = f->ext;

	*out = NULL;
	if (ext && attrs_by_service(db, NULL, &defs) == -1)
		return -1;
	if (db_query(db, sql, p, n, &r) == -1)
		goto out;
	*out = json_array();
	while (db_res_next(r)) {
		req = request_row(r, NULL, f->media_base);
		if (ext)
			add_ext(req, r, defs);
		json_array_append_new(*out, req);
	}
	if (ext && json_array_size(*out) > 0 && (add_notes(db, *out) == -1 ||
	    add_photos(db, *out, f->media_base) == -1))
		goto out;
	rc = 0;
out:
	db_res_free(r);
	json_decref(defs);
	if (rc == -1) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static json_t *
request_row(struct db_res *r, const char *token, const char *media_base)
{
	struct o311_request	q;
	char			url[PHOTO_URL_MAX];

	memset(&q, 0, sizeof(q));
	q.id = db_res_i64(r, RC_ID);
	if (wf_state_parse(db_res_str(r, RC_STATE), &q.state) == -1)
		q.state = WF_S_RECEIVED;
	q.service_code = db_res_str(r, RC_CODE);
	q.service_name = db_res_str(r, RC_NAME);
	q.description = db_res_str(r, RC_DESC);
	q.agency = db_res_isnull(r, RC_AGENCY) ? NULL :
	    db_res_str(r, RC_AGENCY);
	q.process_minutes = q.agency != NULL ? (int)db_res_i64(r, RC_SLA) : 0;
	q.requested = (time_t)db_res_i64(r, RC_RECEIVED);
	q.updated = (time_t)db_res_i64(r, RC_UPDATED);
	q.closed = (time_t)db_res_i64(r, RC_CLOSED);
	q.expected = (time_t)db_res_i64(r, RC_DUE);
	q.address = db_res_str(r, RC_ADDRESS);
	q.has_point = !db_res_isnull(r, RC_LAT) && !db_res_isnull(r, RC_LNG);
	q.lat = db_res_dbl(r, RC_LAT);
	q.lng = db_res_dbl(r, RC_LNG);
	q.token = token;
	if (!db_res_isnull(r, RC_PHOTO) && photo_url(url, sizeof(url),
	    media_base, db_res_i64(r, RC_PHOTO)) == 0)
		q.media_url = url;
	return o311_request_json(&q);
}

/*
 * extensions=true: attributes[] (declared attributes only: the stored
 * media_url, device_id and account_id stay private), extended_attributes
 * {channel} and an empty notes[] that add_notes() fills. Nothing of the
 * content before the intake check (o311_public_content()).
 */
static void
add_ext(json_t *req, struct db_res *r, const json_t *defs)
{
	json_t		*stored = NULL;
	enum wf_state	 st;

	if (wf_state_parse(db_res_str(r, RC_STATE), &st) == -1)
		st = WF_S_RECEIVED;
	if (o311_public_content(st) && !db_res_isnull(r, RC_ATTRS))
		stored = json_loads(db_res_str(r, RC_ATTRS), 0, NULL);
	json_object_set_new(req, "attributes", o311_ext_attributes(
	    json_object_get(stored, "attributes"),
	    json_object_get(defs, db_res_str(r, RC_CODE))));
	json_object_set_new(req, "extended_attributes", json_pack("{s:s}",
	    "channel", db_res_str(r, RC_CHANNEL)));
	json_object_set_new(req, "notes", json_array());
	json_object_set_new(req, "media_urls", json_array());
	json_decref(stored);
}

/* One query for the public events of every listed case. */
static int
add_notes(struct db *db, json_t *list)
{
	struct db_res		*r = NULL;
	struct buf		 ids;
	json_t			*map = json_object(), *notes;
	struct o311_event	 e;
	char			 key[24];
	int			 rc = -1;

	buf_init(&ids, 1 << 20);
	if (by_id(list, "notes", &ids, map) == -1)
		goto out;
	{
		const struct db_param	p[] = { DB_TEXT(buf_str(&ids)) };

		if (db_query(db, SQL_NOTES, p, NITEMS(p), &r) == -1)
			goto out;
	}
	while (db_res_next(r)) {
		event_row(r, &e);
		snprintf(key, sizeof(key), "%lld", (long long)e.case_id);
		notes = json_object_get(map, key);
		if (notes != NULL)
			json_array_append_new(notes, o311_note_json(&e));
	}
	rc = 0;
out:
	db_res_free(r);
	buf_free(&ids);
	json_decref(map);
	return rc;
}

/* extensions=true: media_urls[], every public photo (media_url is the
 * first), in one query for the listed cases. */
static int
add_photos(struct db *db, json_t *list, const char *media_base)
{
	struct db_res	*r = NULL;
	struct buf	 ids;
	json_t		*map = json_object(), *urls;
	char		 key[24], url[PHOTO_URL_MAX];
	int		 rc = -1;

	buf_init(&ids, 1 << 20);
	if (by_id(list, "media_urls", &ids, map) == -1)
		goto out;
	{
		const struct db_param	p[] = { DB_TEXT(buf_str(&ids)) };

		if (db_query(db, SQL_PHOTOS, p, NITEMS(p), &r) == -1)
			goto out;
	}
	while (db_res_next(r)) {
		snprintf(key, sizeof(key), "%lld", (long long)db_res_i64(r, 0));
		urls = json_object_get(map, key);
		if (urls != NULL && photo_url(url, sizeof(url), media_base,
		    db_res_i64(r, 1)) == 0)
			json_array_append_new(urls, json_string(url));
	}
	rc = 0;
out:
	db_res_free(r);
	buf_free(&ids);
	json_decref(map);
	return rc;
}

/* The CSV of the listed ids into ids, and map {id: the item's member}. */
static int
by_id(json_t *list, const char *member, struct buf *ids, json_t *map)
{
	json_t		*req;
	const char	*id;
	size_t		 i;

	json_array_foreach(list, i, req) {
		id = json_string_value(json_object_get(req,
		    "service_request_id"));
		json_object_set(map, id, json_object_get(req, member));
		if (buf_printf(ids, "%s%s", i > 0 ? "," : "", id) == -1)
			return -1;
	}
	return 0;
}

/* media_base + the plain URL of the photo's display copy (public). */
static int
photo_url(char *out, size_t size, const char *media_base, int64_t id)
{
	char	path[MEDIA_URL_MAX];
	size_t	bl = media_base != NULL ? strlen(media_base) : 0;
	int	n;

	while (bl > 0 && media_base[bl - 1] == '/')
		bl--;
	if (media_url(path, sizeof(path), id, "display", NULL, 0) == -1)
		return -1;
	n = snprintf(out, size, "%.*s%s", (int)bl, bl > 0 ? media_base : "",
	    path);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static void
event_row(struct db_res *r, struct o311_event *e)
{
	memset(e, 0, sizeof(*e));
	e->id = db_res_i64(r, 0);
	e->case_id = db_res_i64(r, 1);
	e->at = (time_t)db_res_i64(r, 2);
	e->kind = db_res_str(r, 3);
	if (wf_state_parse(db_res_str(r, 4), &e->state) == -1)
		e->state = WF_S_RECEIVED;
	e->note = db_res_isnull(r, 5) ? NULL : db_res_str(r, 5);
}

static int
attr_upsert(struct db *db, const json_t *a)
{
	const json_t	*var = json_object_get(a, "variable");
	const json_t	*ord = json_object_get(a, "order");
	const char	*dtd = jstr(a, "datatype_description");
	char		*values = NULL;
	int		 rc = -1;

	if (jstr(a, "code") == NULL || jstr(a, "field") == NULL ||
	    jstr(a, "description") == NULL || jstr(a, "datatype") == NULL ||
	    !json_is_integer(ord) || json_integer_value(ord) < 1)
		return -1;
	{
		const struct db_param	f[] = { DB_TEXT(jstr(a, "field")) };
		int64_t			id;

		if (db_query_i64(db, SQL_FIELD, f, NITEMS(f), &id) != 0)
			return -1;
	}
	if (json_is_array(json_object_get(a, "values")))
		values = json_dumps(json_object_get(a, "values"), JSON_COMPACT);
	{
		const struct db_param	p[] = { DB_TEXT(jstr(a, "code")),
		    DB_I64(var == NULL || json_is_true(var)),
		    DB_TEXT(jstr(a, "datatype")),
		    DB_I64(json_is_true(json_object_get(a, "required"))),
		    DB_TEXT(dtd != NULL ? dtd : ""),
		    DB_I64(json_integer_value(ord)),
		    DB_TEXT(jstr(a, "description")), DB_TEXT(values),
		    DB_TEXT(jstr(a, "field")) };

		if (db_exec(db, SQL_ATTR_UPSERT, p, NITEMS(p)) == -1)
			goto out;
	}
	rc = 0;
out:
	free(values);
	return rc;
}

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}
