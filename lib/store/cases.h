/*
 * cases.h: the case store: intake, the one transition function every entry
 * point uses (design.md §2), and the read views. SQL lives in cases*.c.
 *
 * Visibility is decided here, not by callers: a view never contains more
 * than its audience may see (reporter identity only for the center, or an
 * agency with an approved reveal; confidential and secret cases never in
 * public views).
 */
#ifndef STORE_CASES_H
#define STORE_CASES_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "workflow.h"

struct db;
struct media_ref;

/* Who acts. Reporter actions are authorised by the tracking token. */
enum actor_kind {
	ACTOR_REPORTER, ACTOR_STAFF, ACTOR_SYSTEM, ACTOR_AGENCY_API,
	ACTOR_SMS, ACTOR_OPEN311
};

struct actor {
	enum actor_kind	 kind;
	int64_t		 user_id;	/* 0 when not a person */
	int64_t		 org_id;	/* actor's organisation, 0 if none */
	unsigned	 roles;		/* WF_ROLE_* */
	int		 is_center;
};

/* A new report from any channel (transition 1). */
struct case_new {
	const char	*channel;	/* cases.channel ENUM value */
	const char	*channel_ref;	/* message id in the channel or NULL */
	time_t		 received_at;	/* channel receipt time (B3) */
	time_t		 incident_at;	/* 0 = unknown */
	const char	*description;	/* required, <= 20000 bytes */
	const char	*field_code;	/* suggested field or NULL */
	int		 has_point;
	double		 lat, lng;
	const char	*address;
	const char	*unit_code;	/* administrative unit or NULL */
	const char	*name, *phone, *email;	/* phone in E.164 */
	const char	*reporter_type;	/* "individual"/"organisation" */
	const char	*lang;		/* "vi"/"en" */
	const char	*channel_user;	/* e.g. Facebook PSID */
	int		 confidential;
	const char	*attributes_json;	/* Open311 attributes or NULL */
	const char	*external_ref;	/* agency system id (sync) or NULL */
	/* media (issue 6): uploads attached in the same transaction */
	const struct media_ref *media;	/* store/media.h; NULL = none */
	size_t		 nmedia;
};

struct case_created {
	int64_t	id;			/* the public code */
	char	token[48];		/* secret tracking token (shown once) */
	time_t	intake_due;
};

/* What an action carries; unused members stay NULL/0. */
struct case_action {
	enum wf_action	 action;
	const char	*text;		/* answer, supplement, feedback, edit */
	const char	*reason;	/* reason / comment / note */
	const char	*field_code, *group_code, *unit_code;
	int64_t		 lead_org_id;
	const int64_t	*coord_org_ids;
	size_t		 ncoord;
	int64_t		 duplicate_of;
	const char	*direction;	/* PPC direction document reference */
	const char	*rating;	/* very_satisfied|satisfied|not_satisfied */
	int		 late_ok;	/* SMS: record that the reply was late */
};

/* Outcome of an action: status 200, or the refusal. */
struct case_result {
	int		 status;	/* 200, 403, 404, 409, 422, 500 */
	char		 code[40];	/* machine-readable error code */
	char		 field[40];	/* offending request field or "" */
	char		 msg[200];
	const char	*state;		/* new state name (static) */
	int64_t		 event_id;
};

enum case_view { VIEW_PUBLIC, VIEW_REPORTER, VIEW_AGENCY, VIEW_CENTER };

/*
 * Stores a new report in one transaction: case, reporter identity, the
 * "submit" event, T_INTAKE (from the next working instant, B2) and the
 * acknowledgement notification. Returns 0, or -1 with res filled (422 for
 * an unknown field/unit code, 500 for a database error).
 */
int	store_case_create(struct db *, const struct case_new *,
	    const struct actor *, time_t now, struct case_created *,
	    struct case_result *res);

/*
 * THE transition function. Locks the case row, checks wf_check() with the
 * actor's roles and agency, applies the action's data, the timer effects
 * (cancel, stop, pause, resume, start) with deadlines from the owning
 * organisation's calendar, appends one event and enqueues notifications,
 * all in one transaction. Concurrent conflicting actions: exactly one wins,
 * the other gets 409 with the current state. Returns 0 or -1 (res says why).
 */
int	store_case_act(struct db *, int64_t case_id, const struct actor *,
	    const struct case_action *, time_t now, struct case_result *res);

/* Case id for a tracking token; 0 found, 1 unknown, -1 error. */
int	store_case_by_token(struct db *, const char *token, int64_t *id);

/*
 * A case as its audience may see it, with timeline, timers (due/late/on
 * time per stage), answer, media and, for staff, the allowed actions of
 * `who`. *out is a new reference. 0, 1 (not found or not visible), -1.
 */
int	store_case_view(struct db *, int64_t id, enum case_view,
	    const struct actor *who, time_t now, json_t **out);

#endif
