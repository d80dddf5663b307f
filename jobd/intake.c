/*
 * intake.c: the parts of e-mail and Facebook intake both modules use
 * (see intake.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "core/log.h"
#include "crypto.h"
#include "db.h"
#include "jobd/intake.h"
#include "jobd/jobd.h"
#include "media/media.h"
#include "store/cases.h"
#include "store/media.h"
#include "store/intake.h"
#include "store/notify.h"

static int	write_temp(const char *, size_t, const struct intake_media *,
		    char *, size_t);
static int	write_all(int, const unsigned char *, size_t);
static const char *find_ci(const char *, const char *);

void
intake_tag(int64_t id, char out[INTAKE_TAG_MAX])
{
	snprintf(out, INTAKE_TAG_MAX, INTAKE_TAG_FMT, (long long)id);
}

int
intake_tag_parse(const char *subject, int64_t *id)
{
	static const char *const tags[] = { "[Phản ánh #", "[Phản Ánh #",
	    "[PHẢN ÁNH #", "[Phan anh #", NULL };
	const char	*p = NULL;
	char		*end;
	long long	 v;
	size_t		 i;

	for (i = 0; tags[i] != NULL && p == NULL; i++) {
		p = find_ci(subject, tags[i]);
		if (p != NULL)
			p += strlen(tags[i]);
	}
	if (p == NULL || *p < '0' || *p > '9')
		return -1;
	errno = 0;
	v = strtoll(p, &end, 10);
	if (errno != 0 || *end != ']' || v <= 0)
		return -1;
	*id = v;
	return 0;
}

int
intake_sniff(const unsigned char *p, size_t n, const char **kind,
    const char **mime)
{
	*kind = "image";
	if (n >= 3 && memcmp(p, "\xff\xd8\xff", 3) == 0)
		*mime = "image/jpeg";
	else if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		*mime = "image/png";
	else if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 ||
	    memcmp(p, "GIF89a", 6) == 0))
		*mime = "image/gif";
	else if (n >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		*mime = "image/webp";
	else if (n >= 12 && memcmp(p + 4, "ftyp", 4) == 0 &&
	    (memcmp(p + 8, "heic", 4) == 0 || memcmp(p + 8, "heix", 4) == 0 ||
	    memcmp(p + 8, "mif1", 4) == 0))
		*mime = "image/heic";
	else {
		*kind = "video";
		if (n >= 12 && memcmp(p + 4, "ftyp", 4) == 0)
			*mime = memcmp(p + 8, "qt  ", 4) == 0 ?
			    "video/quicktime" : memcmp(p + 8, "3gp", 3) == 0 ?
			    "video/3gpp" : "video/mp4";
		else if (n >= 4 && memcmp(p, "\x1a\x45\xdf\xa3", 4) == 0)
			*mime = "video/webm";
		else
			return -1;
	}
	return 0;
}

int
intake_followup(struct jobd *jd, int64_t id, const char *text, time_t now,
    const char **outcome)
{
	struct intake_case	c;
	struct case_action	a;
	struct case_result	res;
	struct actor		who;

	*outcome = "note";
	if (store_intake_case(jd->db, id, &c) != 0)
		return -1;
	memset(&a, 0, sizeof(a));
	if (strcmp(c.state, "needs_info") == 0) {
		a.action = WF_A_SUPPLEMENT;
		*outcome = "supplement";
	} else if (strcmp(c.state, "published") == 0 ||
	    strcmp(c.state, "delivered_privately") == 0) {
		a.action = WF_A_FEEDBACK;
		*outcome = "feedback";
	}
	if (strcmp(*outcome, "note") != 0 && text[0] != '\0') {
		a.text = text;
		memset(&who, 0, sizeof(who));
		who.kind = ACTOR_REPORTER;
		who.roles = WF_ROLE_REPORTER;
		if (store_case_act(jd->db, id, &who, &a, now, &res) == 0)
			return 0;
		if (res.status == 500)
			return -1;
		log_info(NULL, "case %lld: %s refused (%s), kept as a note",
		    (long long)id, *outcome, res.code);
	}
	*outcome = "note";
	return store_intake_note(jd->db, id, text[0] != '\0' ? text :
	    "(tệp đính kèm)", now);
}

int
intake_media_save(struct jobd *jd, int64_t id,
    const struct intake_media *f, size_t n, time_t now, size_t *kept)
{
	struct media_info	mi;
	struct media_err	me;
	struct media_new	mn;
	char			tmp[600], key[CRYPTO_TOKEN_LEN];
	int64_t			mid;
	size_t			i;
	int			rc = 0;

	*kept = 0;
	for (i = 0; i < n && rc == 0; i++) {
		/* the same pipeline as uploads: checked by content, stored by
		 * content address, display copies without metadata */
		if (write_temp(jd->conf.media_dir, i, &f[i], tmp,
		    sizeof(tmp)) == -1)
			return -1;
		if (media_ingest(tmp, jd->conf.media_dir, &mi, &me) == -1) {
			log_info(NULL, "case %lld: attachment refused: %s",
			    (long long)id, me.msg);
			unlink(tmp);
			continue;
		}
		crypto_token(key);
		media_new_from_info(&mn, &mi, "report", NULL, key);
		if (store_media_add_file(jd->db, id, &mn, now, &mid) == -1)
			rc = -1;
		else
			(*kept)++;
		unlink(tmp);
	}
	return rc;
}

int
intake_ack(struct jobd *jd, const struct case_created *cc)
{
	char	 tag[INTAKE_TAG_MAX], url[512];
	char	*s = NULL;
	json_t	*o;
	int	 rc = -1;

	intake_tag(cc->id, tag);
	snprintf(url, sizeof(url), "%s/track.html#%s", jd->conf.public_url,
	    cc->token);
	o = json_pack("{s:I, s:s, s:s}", "code", (json_int_t)cc->id,
	    "track_url", url, "subject_tag", tag);
	if (o != NULL)
		s = json_dumps(o, JSON_COMPACT);
	if (s != NULL)
		rc = store_intake_ack_payload(jd->db, cc->id, s);
	free(s);
	json_decref(o);
	return rc;
}

int
intake_refuse(struct jobd *jd, const char *channel, const char *addr,
    int64_t id, const char *subject, size_t dropped, int limit)
{
	struct notify_new	 nn;
	json_t			*o;
	char			*s = NULL;
	int			 rc = -1;

	o = json_pack("{s:i, s:s, s:I}", "limit_mb", limit >> 20, "subject",
	    subject != NULL ? subject : "", "dropped", (json_int_t)dropped);
	if (o != NULL && id > 0)
		json_object_set_new(o, "code", json_integer(id));
	if (o != NULL)
		s = json_dumps(o, JSON_COMPACT);
	if (s == NULL)
		goto out;
	memset(&nn, 0, sizeof(nn));
	nn.channel = channel;
	nn.case_id = id;
	nn.addr = addr;
	nn.tmpl = "attachment_too_large";
	nn.payload = s;
	rc = store_notify_enqueue(jd->db, &nn, NULL);
out:
	free(s);
	json_decref(o);
	return rc;
}

size_t
intake_utf8_cut(const char *s, size_t max)
{
	size_t	n = strlen(s);

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* dir/<first two hex digits>/<sha>, through a temporary file. */
/* The attachment as a temporary file in media_dir, for media_ingest. */
static int
write_temp(const char *dir, size_t i, const struct intake_media *f, char *path,
    size_t sz)
{
	int	fd, rc = -1;

	if (snprintf(path, sz, "%s/intake.%ld.%zu.tmp", dir, (long)getpid(),
	    i) >= (int)sz)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	if (fd == -1) {
		log_err(NULL, "open %s: %s", path, strerror(errno));
		return -1;
	}
	if (write_all(fd, f->data, f->len) == 0)
		rc = 0;
	if (close(fd) == -1 || rc == -1) {
		log_err(NULL, "writing %s failed: %s", path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

static int
write_all(int fd, const unsigned char *p, size_t n)
{
	ssize_t	w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* strstr ignoring ASCII case (strcasestr is a GNU extension). */
static const char *
find_ci(const char *hay, const char *needle)
{
	size_t	n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}
