/*
 * media.c: SQL for the media table: uploads, attaching them to a report
 * (inside the report's transaction), hiding from the public, and the
 * "media" array of the case views with their (signed) URLs.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "media/media.h"
#include "model/media_url.h"
#include "store/case_int.h"
#include "store/media.h"

static const char SQL_INSERT[] =
    "INSERT INTO media (upload_token, url_key, sha256, kind, mime,"
    " size_bytes, width, height, duration_ms, exif_time, exif_lat, exif_lng,"
    " role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FROM_UNIXTIME(?),"
    " ?, ?, ?, FROM_UNIXTIME(?))";
static const char SQL_GET[] =
    "SELECT m.id, COALESCE(m.case_id, 0), m.kind, m.mime, m.sha256,"
    " COALESCE(m.url_key, ''), m.hidden, COALESCE(c.lead_org_id, 0),"
    " c.published_at IS NOT NULL"
    " FROM media m LEFT JOIN cases c ON c.id = m.case_id WHERE m.id = ?";
static const char SQL_ATTACH[] =
    "UPDATE media SET case_id = ?, upload_token = NULL"
    " WHERE id = ? AND case_id IS NULL AND upload_token = ?";
static const char SQL_LINK[] =
    "UPDATE media SET case_id = ? WHERE id = ? AND case_id IS NULL";
static const char SQL_HIDE[] =
    "UPDATE media SET hidden = ? WHERE id = ? AND case_id = ?";
static const char SQL_LIST[] =
    "SELECT id, kind, mime, size_bytes, width, height, duration_ms,"
    " UNIX_TIMESTAMP(exif_time), exif_lat, exif_lng, role, hidden,"
    " COALESCE(url_key, ''), UNIX_TIMESTAMP(created_at)"
    " FROM media WHERE case_id = ? ORDER BY id";
static const char SQL_PUBLISHED[] =
    "SELECT COUNT(*) FROM cases WHERE id = ? AND published_at IS NOT NULL";

static json_t	*item(struct db_res *, enum case_view, time_t);
static void	 set_url(json_t *, const char *, int64_t, const char *,
		    const char *, time_t);
static json_t	*num_or_null(struct db_res *, size_t, int);
static void	 copy(char *, size_t, const char *);

int
store_media_insert(struct db *db, const struct media_new *m, time_t now,
    int64_t *id)
{
	const struct db_param p[] = { DB_TEXT(m->token_hash),
	    DB_TEXT(m->url_key), DB_TEXT(m->sha256), DB_TEXT(m->kind),
	    DB_TEXT(m->mime), DB_I64(m->size), DB_ID(m->width),
	    DB_ID(m->height), m->duration_ms >= 0 ?
	    (struct db_param)DB_I64(m->duration_ms) : (struct db_param)DB_NULL,
	    m->has_time ? (struct db_param)DB_I64(m->taken_at) :
	    (struct db_param)DB_NULL,
	    m->has_gps ? (struct db_param)DB_DBL(m->lat) :
	    (struct db_param)DB_NULL,
	    m->has_gps ? (struct db_param)DB_DBL(m->lng) :
	    (struct db_param)DB_NULL, DB_TEXT(m->role), DB_I64(now) };

	if (db_exec(db, SQL_INSERT, p, NITEMS(p)) == -1)
		return -1;
	*id = (int64_t)db_insert_id(db);
	return 0;
}

int
store_media_get(struct db *db, int64_t id, struct media_rec *m)
{
	const struct db_param	 p[] = { DB_I64(id) };
	struct db_res		*r = NULL;
	int			 rc = -1;

	memset(m, 0, sizeof(*m));
	if (db_query(db, SQL_GET, p, NITEMS(p), &r) == -1)
		goto out;
	rc = 1;
	if (!db_res_next(r))
		goto out;
	m->id = db_res_i64(r, 0);
	m->case_id = db_res_i64(r, 1);
	copy(m->kind, sizeof(m->kind), db_res_str(r, 2));
	copy(m->mime, sizeof(m->mime), db_res_str(r, 3));
	copy(m->sha256, sizeof(m->sha256), db_res_str(r, 4));
	copy(m->url_key, sizeof(m->url_key), db_res_str(r, 5));
	m->hidden = (int)db_res_i64(r, 6);
	m->lead_org_id = db_res_i64(r, 7);
	m->published = (int)db_res_i64(r, 8);
	rc = 0;
out:
	db_res_free(r);
	return rc;
}

int
store_media_attach(struct db *db, int64_t case_id,
    const struct media_ref *refs, size_t n, struct case_result *res)
{
	size_t	i;

	if (n > MEDIA_MAX_PER_REPORT) {
		store_result_err(res, 422, "too_many_media", "media",
		    "at most 10 photos or videos per report");
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct db_param p[] = { DB_I64(case_id),
		    DB_I64(refs[i].id), DB_TEXT(refs[i].token_hash) };

		if (db_exec(db, SQL_ATTACH, p, NITEMS(p)) == -1) {
			store_result_err(res, 500, "internal", NULL,
			    "the media could not be attached");
			return -1;
		}
		if (db_affected(db) != 1) {
			store_result_err(res, 422, "invalid_media", "media",
			    "unknown upload, wrong upload token, or already "
			    "attached");
			return -1;
		}
	}
	return 0;
}

int
store_media_set_hidden(struct db *db, const struct media_rec *m, int hidden,
    const struct actor *who, time_t now)
{
	const struct db_param	p[] = { DB_I64(hidden != 0), DB_I64(m->id),
	    DB_I64(m->case_id) };
	struct case_event	ev;
	char			note[48];

	if (db_begin(db) == -1)
		return -1;
	if (db_exec(db, SQL_HIDE, p, NITEMS(p)) == -1)
		goto fail;
	snprintf(note, sizeof(note), "media %lld", (long long)m->id);
	memset(&ev, 0, sizeof(ev));
	ev.case_id = m->case_id;
	ev.at = now;
	ev.kind = hidden ? "media_hidden" : "media_shown";
	ev.who = who;
	ev.org_id = m->lead_org_id;
	ev.public = 0;
	ev.note = note;
	if (store_case_event(db, &ev) == -1 || db_commit(db) == -1)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

json_t *
store_media_json(struct db *db, int64_t case_id, enum case_view v)
{
	const struct db_param	 p[] = { DB_I64(case_id) };
	struct db_res		*r = NULL;
	json_t			*arr = json_array(), *o;
	int64_t			 pub = 0;
	time_t			 exp = media_url_expiry(time(NULL));

	if (v == VIEW_PUBLIC && (db_query_i64(db, SQL_PUBLISHED, p, NITEMS(p),
	    &pub) != 0 || pub == 0))
		return arr;		/* nothing public before publication */
	if (db_query(db, SQL_LIST, p, NITEMS(p), &r) == -1)
		return arr;
	while (db_res_next(r)) {
		o = item(r, v, exp);
		if (o != NULL)
			json_array_append_new(arr, o);
	}
	db_res_free(r);
	return arr;
}

/* One upload as view v may see it, or NULL when it may not. */
static json_t *
item(struct db_res *r, enum case_view v, time_t exp)
{
	int64_t		 id = db_res_i64(r, 0);
	int		 image = strcmp(db_res_str(r, 1), "image") == 0;
	const char	*key = v == VIEW_PUBLIC ? NULL : db_res_str(r, 12);
	json_t		*o;

	if (v == VIEW_PUBLIC && (!image || db_res_i64(r, 11)))
		return NULL;	/* videos keep their metadata: never public */
	if (key != NULL && *key == '\0')
		return NULL;	/* rows without a key cannot be signed */
	o = json_pack("{s:I, s:s, s:o, s:o}", "id", (json_int_t)id, "kind",
	    db_res_str(r, 1), "width", num_or_null(r, 4, 1), "height",
	    num_or_null(r, 5, 1));
	set_url(o, "url", id, image ? "display" : "original", key, exp);
	if (image)
		set_url(o, "thumb_url", id, "thumb", key, exp);
	else
		json_object_set_new(o, "thumb_url", json_null());
	if (v == VIEW_PUBLIC)
		return o;
	set_url(o, "original_url", id, "original", key, exp);
	json_object_set_new(o, "hidden", json_boolean(db_res_i64(r, 11)));
	json_object_set_new(o, "duration_ms", num_or_null(r, 6, 0));
	if (v == VIEW_REPORTER)
		return o;
	json_object_set_new(o, "mime", json_string(db_res_str(r, 2)));
	json_object_set_new(o, "size", json_integer(db_res_i64(r, 3)));
	json_object_set_new(o, "role", json_string(db_res_str(r, 10)));
	json_object_set_new(o, "created_at", json_integer(db_res_i64(r, 13)));
	json_object_set_new(o, "exif", json_pack("{s:o, s:o, s:o}",
	    "taken_at", num_or_null(r, 7, 0), "lat", db_res_isnull(r, 8) ?
	    json_null() : json_real(db_res_dbl(r, 8)), "lng",
	    db_res_isnull(r, 9) ? json_null() : json_real(db_res_dbl(r, 9))));
	return o;
}

static void
set_url(json_t *o, const char *name, int64_t id, const char *variant,
    const char *key, time_t exp)
{
	char	url[MEDIA_URL_MAX];

	if (media_url(url, sizeof(url), id, variant, key, exp) == 0)
		json_object_set_new(o, name, json_string(url));
	else
		json_object_set_new(o, name, json_null());
}

/* Integer column or null (also null for 0 when zero_null). */
static json_t *
num_or_null(struct db_res *r, size_t col, int zero_null)
{
	if (db_res_isnull(r, col) || (zero_null && db_res_i64(r, col) == 0))
		return json_null();
	return json_integer(db_res_i64(r, col));
}

static void
copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

void
media_new_from_info(struct media_new *mn, const struct media_info *mi,
    const char *role, const char *token_hash, const char *url_key)
{
	memset(mn, 0, sizeof(*mn));
	mn->kind = mi->type.kind == MEDIA_IMAGE ? "image" : "video";
	mn->mime = mi->type.mime;
	mn->sha256 = mi->sha256;
	mn->size = mi->size;
	mn->width = mi->width;
	mn->height = mi->height;
	mn->duration_ms = mi->duration_ms;
	mn->has_time = mi->has_time;
	mn->taken_at = mi->taken_at;
	mn->has_gps = mi->has_gps;
	mn->lat = mi->lat;
	mn->lng = mi->lng;
	mn->role = role;
	mn->token_hash = token_hash;
	mn->url_key = url_key;
}

int
store_media_add_file(struct db *db, int64_t case_id, const struct media_new *mn,
    time_t now, int64_t *id)
{
	if (store_media_insert(db, mn, now, id) == -1)
		return -1;
	{
		const struct db_param p[] = { DB_I64(case_id), DB_I64(*id) };

		return db_exec(db, SQL_LINK, p, NITEMS(p));
	}
}
