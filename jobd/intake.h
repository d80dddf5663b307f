/*
 * intake.h: what the e-mail and Facebook intake modules of phananh-jobd
 * share: the subject tag of a case, a reporter's later message joined to
 * its case (supplement, feedback or a note, by state), photos and videos
 * saved under media_dir, the acknowledgement's payload, the polite notice
 * about a refused attachment.
 */
#ifndef JOBD_INTAKE_H
#define JOBD_INTAKE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct jobd;
struct case_created;

/* The tag every e-mail about a case carries in its subject. */
#define INTAKE_TAG_FMT	"[Phản ánh #%lld]"
#define INTAKE_TAG_MAX	48

/* A pending media file: decoded bytes (borrowed) and the declared type. */
struct intake_media {
	const unsigned char	*data;
	size_t			 len;
};

/* Pure: out = "[Phản ánh #<id>]". */
void	intake_tag(int64_t id, char out[INTAKE_TAG_MAX]);

/*
 * Pure: the case id in a subject's tag: "[Phản ánh #123]", also without
 * accents ("[Phan anh #123]", any case). 0 found, -1 none.
 */
int	intake_tag_parse(const char *subject, int64_t *id);

/*
 * Pure: the sniffed type of a file's first bytes: *kind "image"/"video",
 * *mime ("image/jpeg", ...), static strings. JPEG, PNG, GIF, WebP, HEIC,
 * MP4/QuickTime/3GP, WebM/Matroska. 0, or -1 for anything else.
 */
int	intake_sniff(const unsigned char *p, size_t n, const char **kind,
	    const char **mime);

/*
 * The reporter's later message on case id, as the case's state allows:
 * needs_info -> supplement (transition 3), published or delivered
 * privately -> feedback (21), anything else (or a refused action) -> a
 * non-public "reporter_message" event. *outcome is "supplement",
 * "feedback" or "note" (static). 0 or -1 (database error).
 */
int	intake_followup(struct jobd *, int64_t id, const char *text,
	    time_t now, const char **outcome);

/*
 * Saves each sniffable file under media_dir/<aa>/<sha256> (written once,
 * atomically) and adds its media row to case id; others are skipped.
 * *kept counts the saved ones. 0, or -1 on a file or database error.
 */
int	intake_media_save(struct jobd *, int64_t id,
	    const struct intake_media *files, size_t n, time_t now,
	    size_t *kept);

/*
 * Stores what the acknowledgement needs on the case's queued 'ack' rows
 * (e-mail, Facebook): {"code","track_url","subject_tag"}. 0 or -1.
 */
int	intake_ack(struct jobd *, const struct case_created *);

/*
 * Queues the polite refusal (template 'attachment_too_large') on channel
 * ("email" or "facebook") to addr, about case id (0 = no case was made),
 * payload {"limit_mb","subject","dropped","code"}. 0 or -1.
 */
int	intake_refuse(struct jobd *, const char *channel, const char *addr,
	    int64_t id, const char *subject, size_t dropped, int limit_bytes);

/* Pure: a UTF-8 string cut to at most max bytes at a character start. */
size_t	intake_utf8_cut(const char *s, size_t max);

#endif
