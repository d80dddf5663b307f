/*
 * render.c: the text of a notification for e-mail and push (an
 * administrator's override from the templates table, else the template
 * file; + case facts + payload members, lib/model/mail.c renders), and
 * the small helpers the delivery jobs share (secrets, retry backoff).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "calendar.h"
#include "core/fileio.h"
#include "jobd/jobd.h"
#include "model/mail.h"
#include "store/admin.h"
#include "store/calendars.h"
#include "store/feed.h"
#include "store/notify.h"

#define VARS_MAX	32
#define TMPL_MAX	8192
#define BODY_MAX	(256 * 1024)

struct vars {
	const char	*keys[VARS_MAX];
	const char	*vals[VARS_MAX];
	size_t		 n;
	char		 store[8192];
	size_t		 used;
};

static int	set(struct vars *, const char *, const char *);
static int	facts(struct jobd *, const struct notify_item *, time_t,
		    struct vars *, struct jobd_text *);
static int	payload_vars(struct vars *, const char *);
static int	render(struct jobd *, const struct notify_item *, time_t,
		    const char *, struct jobd_text *, char *, size_t);
static int	override(struct jobd *, const char *,
		    const struct notify_item *, char *, size_t, int *);
static int	load_template(const char *, const char *, const char *,
		    char *, size_t);
static int	valid_name(const char *);
static void	local_time(struct jobd *, time_t, char *, size_t);

int
jobd_render(struct jobd *jd, const struct notify_item *it, time_t now,
    struct jobd_text *t, char *err, size_t errsz)
{
	return render(jd, it, now, "email", t, err, errsz);
}

int
jobd_render_push(struct jobd *jd, const struct notify_item *it, time_t now,
    struct jobd_text *t, char *err, size_t errsz)
{
	return render(jd, it, now, "push", t, err, errsz);
}

/* channel "push": its own override is the title (no body); otherwise the
 * e-mail text's subject and body. */
static int
render(struct jobd *jd, const struct notify_item *it, time_t now,
    const char *channel, struct jobd_text *t, char *err, size_t errsz)
{
	static struct vars	 v;
	char			 tmpl[TMPL_MAX], *subj, *body;
	struct buf		 sb;
	int			 rc = -1, found = 0;

	memset(t, 0, sizeof(*t));
	buf_init(&t->body, BODY_MAX);
	buf_init(&sb, sizeof(t->subject));
	memset(&v, 0, sizeof(v));
	if (facts(jd, it, now, &v, t) == -1) {
		snprintf(err, errsz, "database error or too many variables");
		goto out;
	}
	if (payload_vars(&v, it->payload) == -1) {
		snprintf(err, errsz, "payload is not a JSON object");
		goto out;
	}
	if (strcmp(channel, "push") == 0 && override(jd, "push", it, tmpl,
	    sizeof(tmpl), &found) == 0 && found) {
		if (mail_render(tmpl, v.keys, v.vals, v.n, &sb, err,
		    errsz) == 0) {
			snprintf(t->subject, sizeof(t->subject), "%s",
			    buf_str(&sb));
			rc = 0;
		}
		goto out;
	}
	if (override(jd, "email", it, tmpl, sizeof(tmpl), &found) == -1 ||
	    (!found && load_template(jd->conf.email_templates_dir, it->tmpl,
	    it->lang, tmpl, sizeof(tmpl)) == -1)) {
		snprintf(err, errsz, "no e-mail template %s (%s)", it->tmpl,
		    strerror(errno));
		goto out;
	}
	if (mail_split_template(tmpl, &subj, &body) == -1) {
		snprintf(err, errsz, "template %s: no \"Subject:\" line",
		    it->tmpl);
		goto out;
	}
	if (mail_render(subj, v.keys, v.vals, v.n, &sb, err, errsz) == -1 ||
	    mail_render(body, v.keys, v.vals, v.n, &t->body, err,
	    errsz) == -1)
		goto out;
	snprintf(t->subject, sizeof(t->subject), "%s", buf_str(&sb));
	rc = 0;
out:
	buf_free(&sb);
	return rc;
}

int
jobd_read_secret(const char *path, char *out, size_t outsz)
{
	size_t	n;

	out[0] = '\0';
	if (fileio_read(path, out, outsz) == -1)
		return -1;
	out[strcspn(out, "\r\n")] = '\0';
	n = strlen(out);
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		out[--n] = '\0';
	return n > 0 ? 0 : -1;
}

int
jobd_backoff(int base, int attempts)
{
	long	d = base;

	while (attempts-- > 0 && d < 86400)
		d *= 2;
	return d > 86400 ? 86400 : (int)d;
}

/* Case facts, recipient, link, time: the variables every template has. */
static int
facts(struct jobd *jd, const struct notify_item *it, time_t now,
    struct vars *v, struct jobd_text *t)
{
	struct notify_case	c;
	struct notify_contact	who;
	char			code[24] = "", dl[32] = "", tm[32];
	int			rc;

	memset(&c, 0, sizeof(c));
	if (it->case_id && store_notify_case(jd->db, it->case_id, &c) == -1)
		return -1;
	if (it->case_id)
		snprintf(code, sizeof(code), "%lld", (long long)it->case_id);
	if (it->user_id) {
		rc = store_notify_contact(jd->db, it->user_id, &who);
		if (rc == -1)
			return -1;
		snprintf(t->to_name, sizeof(t->to_name), "%s", who.name);
		snprintf(t->username, sizeof(t->username), "%s",
		    who.username);
		snprintf(t->addr, sizeof(t->addr), "%s", who.email);
		snprintf(t->link, sizeof(t->link), "%s/staff.html%s%s",
		    jd->conf.public_url, code[0] ? "#case=" : "", code);
	} else {
		if (it->case_id && store_notify_reporter_name(jd->db,
		    it->case_id, t->to_name, sizeof(t->to_name)) == -1)
			return -1;
		/* the public case page: the private tracking link is not
		 * stored anywhere, only its hash */
		snprintf(t->link, sizeof(t->link), "%s/%s%s",
		    jd->conf.public_url, code[0] ? "case.html?code=" : "", code);
	}
	if (it->addr[0] != '\0')
		snprintf(t->addr, sizeof(t->addr), "%s", it->addr);
	if (c.accept_due)
		local_time(jd, c.accept_due, dl, sizeof(dl));
	local_time(jd, now, tm, sizeof(tm));
	if (set(v, "code", code) || set(v, "field", c.field) ||
	    set(v, "place", c.place) || set(v, "agency", c.agency) ||
	    set(v, "deadline", dl) || set(v, "time", tm) ||
	    set(v, "link", t->link) || set(v, "name", t->to_name) ||
	    set(v, "template", it->tmpl) || set(v, "reason", ""))
		return -1;
	return 0;
}

/* String and integer members of the payload override the facts. */
static int
payload_vars(struct vars *v, const char *payload)
{
	json_t		*o, *val;
	const char	*k;
	char		 num[32];
	int		 rc = 0;

	if (payload[0] == '\0')
		return 0;
	o = json_loads(payload, 0, NULL);
	if (!json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	json_object_foreach(o, k, val) {
		if (json_is_string(val))
			rc = set(v, k, json_string_value(val));
		else if (json_is_integer(val)) {
			snprintf(num, sizeof(num), "%lld",
			    (long long)json_integer_value(val));
			rc = set(v, k, num);
		}
		if (rc == -1)
			break;
	}
	json_decref(o);
	return rc;
}

/* Sets key (copied) to val (copied), replacing an earlier value. */
static int
set(struct vars *v, const char *key, const char *val)
{
	size_t	kl = strlen(key) + 1, vl = strlen(val) + 1, i;
	char	*k, *s;

	if (kl + vl > sizeof(v->store) - v->used)
		return -1;
	k = v->store + v->used;
	memcpy(k, key, kl);
	s = k + kl;
	memcpy(s, val, vl);
	v->used += kl + vl;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0) {
			v->vals[i] = s;
			return 0;
		}
	if (v->n == VARS_MAX)
		return -1;
	v->keys[v->n] = k;
	v->vals[v->n++] = s;
	return 0;
}

/*
 * The administrator's text for (channel, the row's template and language)
 * into out; *found 0 when there is none (the shipped file applies).
 * 0, or -1 on a database error or a text longer than outsz.
 */
static int
override(struct jobd *jd, const char *channel, const struct notify_item *it,
    char *out, size_t outsz, int *found)
{
	char	*text = NULL;
	int	 rc;

	*found = 0;
	rc = store_adm_template_get(jd->db, channel, it->tmpl, it->lang,
	    &text);
	if (rc == 1)
		return 0;
	if (rc == 0 && strlen(text) < outsz) {
		snprintf(out, outsz, "%s", text);
		*found = 1;
	} else
		rc = -1;
	free(text);
	errno = EIO;
	return rc;
}

/* dir/name.lang.txt, dir/name.vi.txt, dir/default.lang.txt,
 * dir/default.vi.txt: the first that exists. */
static int
load_template(const char *dir, const char *name, const char *lang,
    char *out, size_t outsz)
{
	const char	*names[2] = { name, "default" };
	const char	*langs[2] = { lang, "vi" };
	char		 path[512];
	size_t		 i, j;
	int		 n;

	errno = ENOENT;
	if (!valid_name(name) || !valid_name(lang))
		return -1;
	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++) {
			n = snprintf(path, sizeof(path), "%s/%s.%s.txt", dir,
			    names[i], langs[j]);
			if (n > 0 && (size_t)n < sizeof(path) &&
			    fileio_read(path, out, outsz) == 0)
				return 0;
		}
	return -1;
}

static int
valid_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

/* t as local "HH:MM dd/mm" of the province's default calendar
 * (UTC+7 if none). */
static void
local_time(struct jobd *jd, time_t t, char *out, size_t sz)
{
	const struct cal	*cal = NULL;
	struct tm		 tm;
	time_t			 l;
	int			 off = 420;

	if (store_calendar_for_org(jd->db, 0, &cal) == 0)
		off = cal_utc_offset(cal);
	l = t + (time_t)off * 60;
	if (gmtime_r(&l, &tm) == NULL ||
	    strftime(out, sz, "%H:%M %d/%m", &tm) == 0)
		out[0] = '\0';
}
