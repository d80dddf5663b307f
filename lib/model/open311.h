/*
 * open311.h: Open311 GeoReport v2 resources, pure (no I/O, no database):
 * builds each resource as a jansson value from row structs, serializes any
 * of them as XML or JSON, formats and parses W3C date-times (+07:00), maps
 * our workflow states onto Open311 and mySociety statuses, and validates
 * submitted attributes. See docs/open311.md for the decisions.
 */
#ifndef MODEL_OPEN311_H
#define MODEL_OPEN311_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "workflow.h"

struct buf;

#define O311_UTC_OFFSET_MIN	420	/* Vietnam, no DST */
#define O311_DT_LEN		26	/* "2026-03-01T08:15:00+07:00" + NUL */
#define O311_DESC_MAX		4000	/* code points (GeoReport v2 §5) */
#define O311_MAX_RESULTS	1000	/* GET requests: at most */
#define O311_MAX_DAYS		90	/* GET requests: widest window */
#define O311_WD_MINUTES		480	/* one working day, for notices */

enum o311_fmt { O311_FMT_NONE, O311_FMT_XML, O311_FMT_JSON };

/*
 * Splits "033.json" into the name "033" (copied to name, NUL-terminated)
 * and the format. Returns 0; -1 when there is no '.', the name is empty or
 * does not fit, or the extension is neither "xml" nor "json" (*fmt is then
 * O311_FMT_NONE). Borrows s.
 */
int		 o311_split_ext(const char *s, char *name, size_t namesz,
		    enum o311_fmt *fmt);
/* "xml" / "json" -> the format; anything else O311_FMT_NONE. */
enum o311_fmt	 o311_fmt_parse(const char *ext);
/* The response Content-Type for a format (static string). */
const char	*o311_ctype(enum o311_fmt);

/*
 * Formats t (UTC epoch) as W3C-DTF in +07:00: "2026-03-01T08:15:00+07:00".
 * out must hold O311_DT_LEN bytes.
 */
void		 o311_datetime(time_t t, char out[O311_DT_LEN]);
/*
 * Parses YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm) into a UTC epoch.
 * The zone is mandatory. A space in place of '+' is accepted (an unencoded
 * '+' in a query string decodes to a space). Returns 0, or -1 on anything
 * malformed or out of range (*out untouched).
 */
int		 o311_parse_datetime(const char *s, time_t *out);

/*
 * Serializes v into b. XML: the declaration line, then an element named
 * root; an array becomes root's items (item names from the table in
 * open311.c: services -> service, ...), an object its children. JSON: v
 * itself, compact (lists are bare arrays). null is an empty XML element.
 * Returns 0, or -1 when b's limit is hit. Borrows v.
 */
int		 o311_render(struct buf *b, enum o311_fmt, const char *root,
		    const json_t *v);
/*
 * Appends s to b escaped as XML character data: & < > " ' as entities, CR as
 * &#13; (so it survives parsing), other C0 controls except TAB and LF
 * dropped (they are not allowed in XML 1.0). Returns 0 or -1.
 */
int		 o311_xml_escape(struct buf *b, const char *s);

/* The error list [{code, description}]. Returns a new reference. */
json_t		*o311_errors(int code, const char *description);

/* One service of GET services (one per field). */
struct o311_service {
	const char	*code;
	const char	*name;
	const char	*description;
	const char	*keywords;	/* comma-separated */
	const char	*group;
	int		 metadata;	/* 1 when the field has attributes */
};

/* Returns a new reference (strings are copied). */
json_t		*o311_service_json(const struct o311_service *);

/*
 * keywords: each comma-separated item of csv (trimmed), followed by its
 * form without Vietnamese diacritics when that differs ("ổ gà" -> "ổ gà,o
 * ga"), without duplicates. Returns 0, or -1 if out is too small.
 */
int		 o311_keywords(const char *csv, char *out, size_t outsz);

/* One attribute of a service definition (table field_attributes). */
struct o311_attr {
	const char	*code;
	const char	*datatype;	/* string|number|datetime|text|... */
	const char	*datatype_description;
	const char	*description;
	int		 variable;
	int		 required;
	int		 order;
	const json_t	*values;	/* [{key,name}] or NULL; borrowed */
};

/* Returns a new reference; "values" only for the two list datatypes. */
json_t		*o311_attr_json(const struct o311_attr *);

/* A case as GET requests sees it (the store's row, before any rule). */
struct o311_request {
	int64_t		 id;
	enum wf_state	 state;		/* stored state */
	const char	*service_code;	/* field code or NULL */
	const char	*service_name;
	const char	*description;
	const char	*agency;	/* lead organisation's name or NULL */
	int		 process_minutes;	/* its SLA; 0 = no lead yet */
	time_t		 requested;	/* received_at */
	time_t		 updated;	/* updated_at */
	time_t		 closed;	/* closed_at/published_at, 0 = none */
	time_t		 expected;	/* running timer's due_at, 0 = none */
	const char	*address;
	int		 has_point;
	double		 lat, lng;
	const char	*media_url;	/* first public photo or NULL */
	const char	*token;		/* set only for GET tokens/ */
};

/*
 * Returns a new reference with the standard fields, ids as strings,
 * date-times in +07:00, lat/long rounded to 4 decimals. Applies the
 * publication rule: before the intake check passes (o311_public_content()
 * is 0) description, address and location are null.
 */
json_t		*o311_request_json(const struct o311_request *);

/*
 * 1 when a case's content (description, address, point) may be shown in
 * the state s: from distribution on; 0 for received, needs_info and the
 * intake's terminal outcomes (domain.md §4.2: "not public").
 */
int		 o311_public_content(enum wf_state s);
/* Open311 status of a stored state: "open" or "closed" (static). */
const char	*o311_status(enum wf_state s);
/*
 * status_notes: the Vietnamese stage label, plus " tại <agency>" while the
 * agency holds the case ("Đang xử lý tại Sở Xây dựng"). Writes into out;
 * returns 0, or -1 if it does not fit (out truncated).
 */
int		 o311_status_notes(enum wf_state s, const char *agency,
		    char *out, size_t outsz);
/*
 * service_notice for a case whose lead agency has `minutes` of SLA:
 * "Xử lý trong 06 ngày làm việc" (days rounded up). 0 minutes: "".
 */
void		 o311_notice(int minutes, char *out, size_t outsz);
/* mySociety extended status (lowercase) for a state (static). */
const char	*o311_update_status(enum wf_state s);
/*
 * The workflow action for a mySociety status posted to
 * servicerequestupdates (case-insensitive): IN_PROGRESS -> accept,
 * NOT_COUNCILS_RESPONSIBILITY -> return_not_competent, FIXED and CLOSED ->
 * submit_result. Returns 0, or -1 for any other status.
 */
int		 o311_status_action(const char *status, enum wf_action *out);

/* One public case event (case_events row) for notes and the updates feed. */
struct o311_event {
	int64_t		 id;
	int64_t		 case_id;
	time_t		 at;
	const char	*kind;		/* "accepted", "note", ... */
	enum wf_state	 state;		/* state after the event */
	const char	*note;		/* NULL when none */
};

/*
 * extensions=true notes[] item: {datetime, type, summary, description};
 * summary is the stage label, description the event's note, withheld
 * (null) while the case's content is not public. New reference.
 */
json_t		*o311_note_json(const struct o311_event *);
/*
 * mySociety request_update: {update_id, service_request_id, status
 * (lowercase extended status), updated_datetime, description (the note, or
 * the stage label), media_url (""), external_status_code (our state)}.
 * New reference.
 */
json_t		*o311_update_json(const struct o311_event *);

/*
 * The requested_datetime window of GET requests (and of the updates feed)
 * from start_date / end_date (NULL = absent): both given: [start, end],
 * end before start or more than O311_MAX_DAYS apart is an error; only
 * start: [start, start + 90 days]; only end: [end - 90 days, end]; neither:
 * [now - 90 days, now]. Returns 0, or -1 with a message in err.
 */
int		 o311_window(const char *start, const char *end, time_t now,
		    time_t *from, time_t *to, char *err, size_t errsz);
/*
 * Pagination extension: page is 1-based (default 1, at most 1000000),
 * page_size 1..O311_MAX_RESULTS (default O311_MAX_RESULTS). Sets *limit and
 * *offset. Returns 0, or -1 with a message in err.
 */
int		 o311_paging(const char *page, const char *page_size,
		    int *limit, int *offset, char *err, size_t errsz);
/*
 * Turns a status filter ("open", "closed" or "open,closed") into the CSV
 * of stored state names it covers. Returns 0, or -1 for any other value.
 */
int		 o311_states_csv(const char *status, char *out, size_t outsz);
/*
 * Checks a CSV of ids ("12,15") : 1..O311_MAX_RESULTS items of 1..18
 * digits each. 0 when valid, -1 otherwise.
 */
int		 o311_ids_ok(const char *csv);

/* A decoded form field. */
struct o311_pair {
	const char	*key;
	const char	*val;
};

/*
 * Collects attribute[code] / attribute[code][] pairs for the service's
 * attributes defs[0..n): checks each value against its datatype (number,
 * W3C datetime normalised to +07:00, list keys), requires the required
 * ones, ignores unknown codes and non-variable attributes. On success
 * returns 0 and sets *out to a new object {code: value | [values]} (an
 * empty object when nothing was sent). On a bad value returns -1 with a
 * user-facing message in err.
 */
int		 o311_attrs_collect(const struct o311_attr *defs, size_t n,
		    const struct o311_pair *pairs, size_t npairs, json_t **out,
		    char *err, size_t errsz);

/*
 * Reads a service definition's "attributes" array (as built with
 * o311_attr_json) back into out[0..max). Strings and values are borrowed
 * from attrs. Sets *n; returns 0, or -1 if there are more than max.
 */
int		 o311_attrs_from_def(const json_t *attrs, struct o311_attr *out,
		    size_t max, size_t *n);

/*
 * extensions=true attributes[]: for each stored value ({code: value |
 * [values]}) an object {code, label (the question), value, name (the
 * listed name(s) of the key(s), else the value)}, in definition order;
 * codes no longer defined are left out. defs may be NULL. New reference.
 */
json_t		*o311_ext_attributes(const json_t *stored, const json_t *defs);

/*
 * 0 when jurisdiction_id jid (NULL = absent) is acceptable for a server
 * whose public URL is public_url: absent, or its host name without a
 * leading "www." and without the port ("gialai.gov.vn"). -1 otherwise.
 */
int		 o311_jurisdiction_ok(const char *jid, const char *public_url);

#endif /* MODEL_OPEN311_H */
