/*
 * facebook.c: the "facebook" job of phananh-jobd: turns the page messages
 * the webhook stored (fb_events) into cases, or joins a user's later
 * messages to their open case. Photos and videos are fetched from their
 * URLs through http_client with the size limit. An event is claimed
 * before work and marked done after, and a case is keyed by the message
 * id (channel_ref), so a crash or a second daemon creates nothing twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/log.h"
#include "db.h"
#include "jobd/intake.h"
#include "jobd/jobd.h"
#include "net/http_client.h"
#include "store/cases.h"
#include "store/intake.h"

#define BATCH		50
#define STALE_S		600		/* a claim older than this is retried */
#define MAX_FILES	10
#define DESC_MAX	20000
#define FB_NAME		"Người dùng Facebook"

/* A message's text and fetched files. */
struct fb_msg {
	const char		*text;	/* borrowed from the JSON; "" if none */
	struct buf		 files[MAX_FILES];
	struct intake_media	 media[MAX_FILES];
	size_t			 n;
	size_t			 too_large;
};

static int	process(struct jobd *, const struct fb_event *, time_t);
static int	act(struct jobd *, const struct fb_event *, struct fb_msg *,
		    time_t, int64_t *, const char **);
static int	create(struct jobd *, const struct fb_event *,
		    const struct fb_msg *, time_t, int64_t *);
static void	fetch_all(struct jobd *, json_t *, struct fb_msg *);
static int	fetch(struct jobd *, const char *, struct buf *);

int
jobd_facebook(struct jobd *jd, time_t now)
{
	struct fb_event	ev;
	int		i, st, rc = 0;

	for (i = 0; i < BATCH; i++) {
		st = store_fb_event_claim(jd->db, now, STALE_S, &ev);
		if (st == 1)
			break;
		if (st == -1)
			return -1;
		if (process(jd, &ev, now) == -1)
			rc = -1;	/* claim expires: retried later */
		free(ev.payload);
	}
	return rc;
}

static int
process(struct jobd *jd, const struct fb_event *ev, time_t now)
{
	struct fb_msg	 fm;
	json_t		*root, *msg;
	json_error_t	 je;
	int64_t		 id = 0;
	const char	*outcome = "invalid";
	size_t		 i;
	int		 rc = -1;

	memset(&fm, 0, sizeof(fm));
	root = json_loads(ev->payload, 0, &je);
	msg = json_object_get(root, "message");
	if (json_is_object(msg)) {
		fm.text = json_string_value(json_object_get(msg, "text"));
		if (fm.text == NULL)
			fm.text = "";
		fetch_all(jd, json_object_get(msg, "attachments"), &fm);
		if (act(jd, ev, &fm, now, &id, &outcome) == -1)
			goto out;
	}
	rc = store_fb_event_done(jd->db, ev->mid, id, outcome);
out:
	for (i = 0; i < fm.n; i++)
		buf_free(&fm.files[i]);
	json_decref(root);
	return rc;
}

/* A new case, or a follow-up on the user's open case; then the files. */
static int
act(struct jobd *jd, const struct fb_event *ev, struct fb_msg *fm,
    time_t now, int64_t *id, const char **outcome)
{
	size_t	kept = 0;
	int	st;

	st = store_intake_case_by_ref(jd->db, "facebook", ev->mid, id);
	if (st == 0) {
		*outcome = "case";	/* made before a crash: done */
		return 0;
	}
	st = st == 1 ? store_intake_fb_open_case(jd->db, ev->psid, id) : -1;
	if (st == -1)
		return -1;
	if (st == 0) {
		if (intake_followup(jd, *id, fm->text, now, outcome) == -1)
			return -1;
	} else {
		if (create(jd, ev, fm, now, id) == -1)
			return -1;
		*outcome = "case";
	}
	if (intake_media_save(jd, *id, fm->media, fm->n, now, &kept) == -1)
		return -1;
	if (fm->too_large > 0 && intake_refuse(jd, "facebook", ev->psid,
	    *id, "", fm->too_large, jd->conf.fb_max_attachment_bytes) == -1)
		return -1;
	log_info(NULL, "facebook %s: case %lld (%s, %zu files)", ev->mid,
	    (long long)*id, *outcome, kept);
	return 0;
}

static int
create(struct jobd *jd, const struct fb_event *ev, const struct fb_msg *fm,
    time_t now, int64_t *id)
{
	struct case_new		cn;
	struct case_created	cc;
	struct case_result	res;
	struct actor		who;
	const char		*t = fm->text;
	char			*desc;
	int			 rc = -1;

	if (t[0] == '\0')
		t = "(ảnh/video gửi qua Facebook, chưa có mô tả)";
	desc = strndup(t, intake_utf8_cut(t, DESC_MAX));
	if (desc == NULL)
		return -1;
	memset(&cn, 0, sizeof(cn));
	cn.channel = "facebook";
	cn.channel_ref = ev->mid;
	cn.channel_user = ev->psid;
	cn.received_at = ev->received_at;
	cn.description = desc;
	cn.name = FB_NAME;
	cn.lang = "vi";
	memset(&who, 0, sizeof(who));
	who.kind = ACTOR_REPORTER;
	who.roles = WF_ROLE_REPORTER;
	if (store_case_create(jd->db, &cn, &who, now, &cc, &res) == -1)
		log_err(NULL, "facebook %s: no case: %s", ev->mid, res.msg);
	else if (intake_ack(jd, &cc) == 0) {
		*id = cc.id;
		rc = 0;
	}
	free(desc);
	return rc;
}

/* Photos and videos by URL; files over the limit are counted, not kept. */
static void
fetch_all(struct jobd *jd, json_t *atts, struct fb_msg *fm)
{
	json_t		*a;
	const char	*type, *url;
	size_t		 i;
	int		 st;

	json_array_foreach(atts, i, a) {
		type = json_string_value(json_object_get(a, "type"));
		url = json_string_value(json_object_get(json_object_get(a,
		    "payload"), "url"));
		if (type == NULL || url == NULL || fm->n == MAX_FILES ||
		    (strcmp(type, "image") != 0 && strcmp(type, "video") != 0))
			continue;
		buf_init(&fm->files[fm->n],
		    (size_t)jd->conf.fb_max_attachment_bytes);
		st = fetch(jd, url, &fm->files[fm->n]);
		if (st == 0) {
			fm->media[fm->n].data =
			    (const unsigned char *)fm->files[fm->n].data;
			fm->media[fm->n].len = fm->files[fm->n].len;
			fm->n++;
			continue;
		}
		if (st == 1)
			fm->too_large++;
		buf_free(&fm->files[fm->n]);
	}
}

/* 0 fetched, 1 over the limit, -1 failed (logged). */
static int
fetch(struct jobd *jd, const char *url, struct buf *b)
{
	struct http_opts	o;
	struct http_result	r;

	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return -1;
	memset(&o, 0, sizeof(o));
	o.timeout_ms = 60000;
	o.max_response = (size_t)jd->conf.fb_max_attachment_bytes;
	if (http_get(url, &o, b, &r) == -1) {
		log_warn(NULL, "attachment fetch failed: %s", r.err);
		return b->len + 16384 > o.max_response ? 1 : -1;
	}
	if (r.status != 200 || b->len == 0) {
		log_warn(NULL, "attachment fetch: HTTP %ld", r.status);
		return -1;
	}
	return 0;
}
