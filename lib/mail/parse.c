/*
 * parse.c: e-mail parsing with GMime 3 (see parse.h). The only file that
 * includes gmime.h; everything GLib-shaped stays in here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "mail/html.h"
#include "mail/parse.h"

/* What the walk over the parts collects. */
struct walk {
	struct mail_msg	*m;
	size_t		 max_att;
	char		*plain;		/* first text/plain body (g_free) */
	char		*html;		/* first text/html body (g_free) */
};

static void	ids(GMimeMessage *, const char *, size_t, struct mail_msg *);
static void	add_refs(struct mail_msg *, const char *);
static void	sender(GMimeMessage *, struct mail_msg *);
static void	detect_auto(GMimeMessage *, struct mail_msg *);
static int	header_is(GMimeMessage *, const char *, const char *const *);
static void	part_cb(GMimeObject *, GMimeObject *, gpointer);
static void	take_media(struct walk *, GMimePart *, GMimeContentType *);
static void	body_text(struct walk *);
static void	copy(char *, size_t, const char *);

void
mail_global_init(void)
{
	g_mime_init();
}

int
mail_parse(const char *raw, size_t len, size_t max_att, struct mail_msg *m)
{
	static const char *fallback[] = { "UTF-8", "windows-1258", NULL };
	GMimeParserOptions	*opt = NULL;
	GMimeStream		*st = NULL;
	GMimeParser		*ps = NULL;
	GMimeMessage		*msg = NULL;
	struct walk		 w;
	const char		*s;
	GDateTime		*d;
	int			 rc = -1;

	memset(m, 0, sizeof(*m));
	memset(&w, 0, sizeof(w));
	w.m = m;
	w.max_att = max_att;
	opt = g_mime_parser_options_new();
	g_mime_parser_options_set_fallback_charsets(opt, fallback);
	st = g_mime_stream_mem_new_with_buffer(raw, len);
	ps = g_mime_parser_new_with_stream(st);
	msg = g_mime_parser_construct_message(ps, opt);
	if (msg == NULL)
		goto out;
	ids(msg, raw, len, m);
	sender(msg, m);
	s = g_mime_message_get_subject(msg);
	m->subject = strdup(s != NULL ? s : "");
	d = g_mime_message_get_date(msg);
	if (d != NULL)
		m->date = (time_t)g_date_time_to_unix(d);
	detect_auto(msg, m);
	g_mime_message_foreach(msg, part_cb, &w);
	body_text(&w);
	if (m->subject != NULL && m->text != NULL)
		rc = 0;
out:
	g_free(w.plain);
	g_free(w.html);
	if (msg != NULL)
		g_object_unref(msg);
	if (ps != NULL)
		g_object_unref(ps);
	if (st != NULL)
		g_object_unref(st);
	g_mime_parser_options_free(opt);
	return rc;
}

void
mail_msg_free(struct mail_msg *m)
{
	size_t	i;

	if (m == NULL)
		return;
	free(m->subject);
	free(m->text);
	for (i = 0; i < m->natt; i++)
		free(m->att[i].data);
	memset(m, 0, sizeof(*m));
}

/* Message-ID (or a digest of the bytes), In-Reply-To, References. */
static void
ids(GMimeMessage *msg, const char *raw, size_t len, struct mail_msg *m)
{
	const char	*id = g_mime_message_get_message_id(msg);
	gchar		*sum;

	if (id != NULL && *id != '\0')
		copy(m->message_id, sizeof(m->message_id), id);
	else {
		sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
		    (const guchar *)raw, len);
		snprintf(m->message_id, sizeof(m->message_id),
		    "sha256.%s@local", sum);
		g_free(sum);
	}
	add_refs(m, g_mime_object_get_header(GMIME_OBJECT(msg),
	    "In-Reply-To"));
	add_refs(m, g_mime_object_get_header(GMIME_OBJECT(msg),
	    "References"));
}

static void
add_refs(struct mail_msg *m, const char *text)
{
	GMimeReferences	*r;
	int		 i, n;

	if (text == NULL)
		return;
	r = g_mime_references_parse(NULL, text);
	if (r == NULL)
		return;
	n = g_mime_references_length(r);
	for (i = 0; i < n && m->nrefs < MAIL_MAX_REFS; i++)
		copy(m->refs[m->nrefs++], MAIL_ID_MAX,
		    g_mime_references_get_message_id(r, i));
	g_mime_references_free(r);
}

/* The first mailbox of From: display name and lower-cased address. */
static void
sender(GMimeMessage *msg, struct mail_msg *m)
{
	InternetAddressList	*l = g_mime_message_get_from(msg);
	InternetAddress		*ia;
	const char		*name, *addr;
	int			 i, n;
	char			*p;

	n = l != NULL ? internet_address_list_length(l) : 0;
	for (i = 0; i < n; i++) {
		ia = internet_address_list_get_address(l, i);
		if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
			continue;
		addr = internet_address_mailbox_get_addr(
		    INTERNET_ADDRESS_MAILBOX(ia));
		name = internet_address_get_name(ia);
		copy(m->from_addr, sizeof(m->from_addr), addr);
		copy(m->from_name, sizeof(m->from_name), name);
		for (p = m->from_addr; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		return;
	}
}

/* RFC 3834 and the de-facto headers of vacation, bounces and lists. */
static void
detect_auto(GMimeMessage *msg, struct mail_msg *m)
{
	static const char *const any[] = { "", NULL };
	static const char *const bulk[] = { "bulk", "junk", "list",
	    "auto_reply", NULL };
	static const char *const empty[] = { "<>", NULL };
	GMimeContentType	*ct;
	const char		*a;
	const char		*why = NULL;

	a = g_mime_object_get_header(GMIME_OBJECT(msg), "Auto-Submitted");
	ct = g_mime_object_get_content_type(GMIME_OBJECT(msg));
	if (a != NULL && strncasecmp(a, "no", 2) != 0)
		why = "Auto-Submitted";
	else if (header_is(msg, "X-Autoreply", any) ||
	    header_is(msg, "X-Autorespond", any))
		why = "X-Autoreply";
	else if (header_is(msg, "Precedence", bulk))
		why = "Precedence";
	else if (header_is(msg, "X-Failed-Recipients", any) ||
	    header_is(msg, "Return-Path", empty))
		why = "bounce";
	else if (ct != NULL && g_mime_content_type_is_type(ct, "multipart",
	    "report"))
		why = "multipart/report";
	else if (strncasecmp(m->from_addr, "mailer-daemon@", 14) == 0 ||
	    strncasecmp(m->from_addr, "postmaster@", 11) == 0 ||
	    m->from_addr[0] == '\0')
		why = "sender";
	if (why != NULL) {
		m->is_auto = 1;
		copy(m->auto_why, sizeof(m->auto_why), why);
	}
}

/* 1 when header h is present and its trimmed value is one of vals ("" =
 * any value). */
static int
header_is(GMimeMessage *msg, const char *h, const char *const *vals)
{
	const char	*v = g_mime_object_get_header(GMIME_OBJECT(msg), h);
	size_t		 i, n;

	if (v == NULL)
		return 0;
	while (*v == ' ' || *v == '\t')
		v++;
	n = strcspn(v, " \t\r\n;");
	for (i = 0; vals[i] != NULL; i++)
		if (vals[i][0] == '\0' || (strlen(vals[i]) == n &&
		    strncasecmp(v, vals[i], n) == 0))
			return 1;
	return 0;
}

static void
part_cb(GMimeObject *parent, GMimeObject *obj, gpointer data)
{
	struct walk		*w = data;
	GMimeContentType	*ct = g_mime_object_get_content_type(obj);
	int			 att;

	(void)parent;
	if (!GMIME_IS_PART(obj) || ct == NULL)
		return;
	att = g_mime_part_is_attachment(GMIME_PART(obj));
	if (g_mime_content_type_is_type(ct, "image", "*") ||
	    g_mime_content_type_is_type(ct, "video", "*"))
		take_media(w, GMIME_PART(obj), ct);
	else if (!att && GMIME_IS_TEXT_PART(obj) && w->plain == NULL &&
	    g_mime_content_type_is_type(ct, "text", "plain"))
		w->plain = g_mime_text_part_get_text(GMIME_TEXT_PART(obj));
	else if (!att && GMIME_IS_TEXT_PART(obj) && w->html == NULL &&
	    g_mime_content_type_is_type(ct, "text", "html"))
		w->html = g_mime_text_part_get_text(GMIME_TEXT_PART(obj));
	else if (att || !g_mime_content_type_is_type(ct, "text", "*"))
		w->m->n_ignored++;
}

/* Decodes a photo or video into m->att (or counts why it was not kept). */
static void
take_media(struct walk *w, GMimePart *part, GMimeContentType *ct)
{
	struct mail_msg		*m = w->m;
	GMimeDataWrapper	*dw = g_mime_part_get_content(part);
	GMimeStream		*mem;
	GByteArray		*ba;
	struct mail_att		*a;
	char			*mime;

	if (m->natt == MAIL_MAX_ATT || dw == NULL) {
		m->n_ignored++;
		return;
	}
	mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(dw, mem);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	if (ba->len > w->max_att)
		m->n_too_large++;
	else if (ba->len > 0) {
		a = &m->att[m->natt];
		a->data = malloc(ba->len);
		if (a->data != NULL) {
			memcpy(a->data, ba->data, ba->len);
			a->len = ba->len;
			mime = g_mime_content_type_get_mime_type(ct);
			copy(a->mime, sizeof(a->mime), mime);
			g_free(mime);
			copy(a->filename, sizeof(a->filename),
			    g_mime_part_get_filename(part));
			m->natt++;
		}
	}
	g_object_unref(mem);
}

/* The plain part if it has text, else the HTML part as text; no CRs,
 * no trailing blanks, cut at a character boundary. */
static void
body_text(struct walk *w)
{
	struct buf	 b;
	const char	*p = w->plain;
	size_t		 n, i, j;

	buf_init(&b, MAIL_TEXT_MAX);
	if (p != NULL && p[strspn(p, " \t\r\n")] != '\0') {
		n = strlen(p);
		if (n >= MAIL_TEXT_MAX)
			for (n = MAIL_TEXT_MAX - 1; n > 0 &&
			    ((unsigned char)p[n] & 0xC0) == 0x80; n--)
				;
		buf_append(&b, p, n);
	} else if (w->html != NULL)
		mail_html_to_text(w->html, &b);
	for (i = j = 0; i < b.len; i++)
		if (b.data[i] != '\r')
			b.data[j++] = b.data[i];
	while (j > 0 && strchr(" \t\n", b.data[j - 1]) != NULL)
		j--;
	w->m->text = strndup(j > 0 ? b.data : "", j);
	buf_free(&b);
}

/* Bounded copy; NULL becomes "". */
static void
copy(char *dst, size_t sz, const char *src)
{
	snprintf(dst, sz, "%s", src != NULL ? src : "");
}
