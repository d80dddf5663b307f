/*
 * workflow.h: THE case state machine of phananh (domain.md §4) as one data
 * table, plus the pure lookup that checks an action against it.
 * No I/O and no database: the caller wraps wf_check() in a store transaction
 * (lock the case row, check, update, apply the timer effects, append the
 * event, enqueue the notifications). See docs/workflow.md.
 */
#ifndef WORKFLOW_H
#define WORKFLOW_H

#include <stddef.h>

/*
 * Case states. The first 16 are the states of domain.md §4.2. The two
 * CLARIFY_* states are the clarification sub-flow (§4.3 row 22, B26): they
 * show as "clarifying" to the public (wf_state_public()).
 */
enum wf_state {
	WF_S_RECEIVED,
	WF_S_NEEDS_INFO,
	WF_S_NOT_ACCEPTED,
	WF_S_MERGED,
	WF_S_WITHDRAWN,
	WF_S_DISTRIBUTED,
	WF_S_IN_PROCESSING,
	WF_S_RETURNED_TO_CENTER,
	WF_S_ESCALATED,
	WF_S_AWAITING_APPROVAL,
	WF_S_APPROVED,
	WF_S_PUBLISHED,
	WF_S_DELIVERED_PRIVATELY,
	WF_S_SECRET_OFFLINE,
	WF_S_CLARIFYING,
	WF_S_CLOSED,
	WF_S_CLARIFY_APPROVAL,		/* clarification awaits the leader */
	WF_S_CLARIFY_APPROVED,		/* clarification awaits the publisher */
	WF_STATE_COUNT,
	WF_S_NONE = WF_STATE_COUNT,	/* no case yet: from-state of submit */
	WF_S_SAME			/* to-state of a self-transition */
};

#define WF_BIT(s)	(1u << (s))

/* Triggers. Numbers are the rows of domain.md §4.3; [I] = our addition. */
enum wf_action {
	WF_A_SUBMIT,			/* 1 */
	WF_A_REQUEST_INFO,		/* 2 */
	WF_A_SUPPLEMENT,		/* 3 */
	WF_A_EXPIRE_SUPPLEMENT,		/* 4 */
	WF_A_REJECT,			/* 5 */
	WF_A_MERGE,			/* 6 */
	WF_A_WITHDRAW,			/* 7 */
	WF_A_DISTRIBUTE,		/* 8 */
	WF_A_ACCEPT,			/* 9 */
	WF_A_RETURN_NOT_COMPETENT,	/* 10 */
	WF_A_REDISTRIBUTE,		/* 11 */
	WF_A_ESCALATE,			/* 12 */
	WF_A_RECORD_DIRECTION,		/* 13 */
	WF_A_SUBMIT_RESULT,		/* 14 */
	WF_A_RETURN_FOR_REWORK,		/* 15 */
	WF_A_APPROVE,			/* 16 */
	WF_A_PUBLISH,			/* 17 */
	WF_A_DELIVER_PRIVATE,		/* 18 */
	WF_A_FLAG_SECRET,		/* 19 */
	WF_A_REJECT_PUBLICATION,	/* 20 */
	WF_A_FEEDBACK,			/* 21 */
	WF_A_SUBMIT_CLARIFICATION,	/* 22: officer drafts */
	WF_A_RETURN_CLARIFICATION,	/* 22: leader sends back [I] */
	WF_A_APPROVE_CLARIFICATION,	/* 22: leader approves */
	WF_A_REJECT_CLARIFICATION,	/* 22: publisher sends back [I] */
	WF_A_PUBLISH_CLARIFICATION,	/* 22: publisher publishes */
	WF_A_DELIVER_CLARIFICATION,	/* 22: publisher delivers privately */
	WF_A_RATE,			/* 23 */
	WF_A_AUTO_CLOSE,		/* 24 */
	WF_A_CLOSE,			/* [I] B26: center closes a thread */
	WF_A_REOPEN,			/* 25 */
	WF_ACTION_COUNT
};

/* Roles, as bits; a user may hold several (§3 role notes). */
#define WF_ROLE_REPORTER	(1u << 0)	/* holder of the case's link */
#define WF_ROLE_RECEPTION	(1u << 1)
#define WF_ROLE_PUBLISHER	(1u << 2)
#define WF_ROLE_MONITOR		(1u << 3)	/* ICT Center monitor, DIC */
#define WF_ROLE_OFFICER		(1u << 4)
#define WF_ROLE_LEADER		(1u << 5)
#define WF_ROLE_AGENCY_ADMIN	(1u << 6)
#define WF_ROLE_SYSADMIN	(1u << 7)
#define WF_ROLE_SYSTEM		(1u << 8)	/* daemons (phananh-jobd) */
#define WF_ROLE_COUNT		9
#define WF_ROLES_CENTER	(WF_ROLE_RECEPTION | WF_ROLE_PUBLISHER | \
			 WF_ROLE_MONITOR)
/* Roles scoped to one agency: they act only on their agency's cases. */
#define WF_ROLES_AGENCY	(WF_ROLE_OFFICER | WF_ROLE_LEADER | \
			 WF_ROLE_AGENCY_ADMIN)

/* Service-level clocks of domain.md §4.1. */
enum wf_timer {
	WF_T_INTAKE,
	WF_T_ACCEPT,
	WF_T_RETURN,
	WF_T_PROCESS,
	WF_T_APPROVE,
	WF_T_PUBLISH,
	WF_T_REDISTRIBUTE,
	WF_T_CLARIFY,
	WF_T_SUPPLEMENT,
	WF_TIMER_COUNT
};

#define WF_TBIT(t)	(1u << (t))
#define WF_TIMERS_ALL	((1u << WF_TIMER_COUNT) - 1)

/* Who is accountable for a timer. */
enum wf_owner {
	WF_OWNER_CENTER,
	WF_OWNER_AGENCY,
	WF_OWNER_REPORTER
};

/*
 * Default limits; deployments override them by configuration (the agency
 * SLA for T_PROCESS may only be lower than the 6 WD cap).
 * A "window" timer is a time box, not a duty: it never breaches on its
 * own and raises no reminders; only the action done after it is late
 * (T_RETURN, B9).
 */
struct wf_timer_def {
	enum wf_timer	 timer;
	const char	*name;		/* "intake", ... */
	int		 limit_min;	/* working minutes */
	enum wf_owner	 owner;
	int		 window;	/* 1 = time box, see above */
};

/* Guards: facts that must hold. The CLASSIFIED set is four bits so the
 * error can name the missing field. */
#define WF_G_LEAD_AGENCY	(1u << 0)  /* agency roles: own agency leads */
#define WF_G_LEADER_RETURN	(1u << 1)  /* policy: only a leader returns */
#define WF_G_FIELD		(1u << 2)  /* field set (payload or case) */
#define WF_G_GROUP		(1u << 3)  /* report group set */
#define WF_G_PLACE		(1u << 4)  /* place set */
#define WF_G_AGENCY		(1u << 5)  /* lead agency set */
#define WF_G_TEXT		(1u << 6)  /* non-empty text in the request */
#define WF_G_REASON		(1u << 7)  /* non-empty reason/comment */
#define WF_G_DUPLICATE_OF	(1u << 8)  /* master case given */
#define WF_G_DIRECTION		(1u << 9)  /* PPC direction document given */
#define WF_G_RATING		(1u << 10) /* a valid rating level given */
#define WF_G_NOT_CONFIDENTIAL	(1u << 11) /* neither confidential nor secret */
#define WF_G_CONFIDENTIAL	(1u << 12) /* reporter asked confidentiality */
#define WF_G_CLOSABLE		(1u << 13) /* rated or inactive for N days */
#define WF_G_EXPIRED		(1u << 14) /* the timer this row ends ran out */
#define WF_GUARD_COUNT		15
#define WF_G_CLASSIFIED	(WF_G_FIELD | WF_G_GROUP | WF_G_PLACE | WF_G_AGENCY)
/* Guards about the request body rather than the case: not used to decide
 * which buttons to show (wf_allowed_actions). */
#define WF_G_PAYLOAD	(WF_G_CLASSIFIED | WF_G_TEXT | WF_G_REASON | \
			 WF_G_DUPLICATE_OF | WF_G_DIRECTION | WF_G_RATING)

/* Notifications to enqueue (outbox rows) when the transition commits. */
#define WF_N_REPORTER	(1u << 0)	/* origin channel (+ push, e-mail) */
#define WF_N_AGENCY	(1u << 1)	/* focal officer etc., 4 channels */
#define WF_N_ASSIGNEE	(1u << 2)	/* the case's officer */
#define WF_N_LEADER	(1u << 3)	/* leader in charge */
#define WF_N_RECEPTION	(1u << 4)
#define WF_N_PUBLISHER	(1u << 5)
#define WF_N_MONITOR	(1u << 6)	/* ICT Center monitor / DIC */
#define WF_NOTIFY_COUNT	7

/* Row flags. */
#define WF_F_EDIT_TEXT	(1u << 0)	/* actor may send an edited text */

/*
 * One transition. Timer effects are applied in this order: cancel, stop,
 * pause, resume, start. On the instance of a timer that is open for the
 * case (none of them fails when there is none):
 *   cancel: close it without an outcome (not counted on time or late);
 *   stop:   close it with an outcome (on time / late, from the working
 *           time consumed, paused intervals excluded);
 *   pause:  suspend it; resume: continue with the remaining budget;
 *   start:  open a fresh one with the full limit, cancelling any open one
 *           (B4 fresh intake, B8 fresh agency timers).
 */
struct wf_transition {
	int		 num;		/* §4.3 row, 0 = [I] addition */
	unsigned	 from;		/* WF_BIT(state) mask */
	enum wf_action	 action;
	enum wf_state	 to;		/* WF_S_SAME: state unchanged */
	unsigned	 roles;		/* WF_ROLE_* mask */
	unsigned	 guards;	/* WF_G_* mask */
	unsigned	 flags;		/* WF_F_* mask */
	unsigned	 t_cancel, t_stop, t_pause, t_resume, t_start;
	unsigned	 notify;	/* WF_N_* mask */
	const char	*event;		/* case_events kind */
};

/*
 * Facts the guards need, filled by the caller from the locked case row,
 * the request body and the actor. Zero-initialise it; a NULL ctx means
 * "all false".
 */
struct wf_ctx {
	int	confidential;		/* reporter asked confidentiality */
	int	secret;			/* restricted-category flag (9.1.c) */
	int	has_field, has_group, has_place, has_lead_agency;
	int	has_text;		/* text (supplement: any content) */
	int	has_reason;		/* request carries non-empty reason */
	int	has_duplicate_of;
	int	has_direction;
	int	has_rating;
	int	rated;			/* the case has a rating */
	int	inactive_expired;	/* auto-close inactivity period over */
	int	timer_expired;		/* T_SUPPLEMENT ran out */
	int	actor_is_lead_agency;	/* actor's agency leads the case */
	int	actor_is_coordinating_agency;	/* informative only */
	int	leader_must_return;	/* agency policy (B10) */
};

/* Why an action was refused. code and field are static strings. */
struct wf_err {
	int		 status;	/* 400, 403, 409 or 422 */
	const char	*code;		/* "wrong_state", "forbidden", ... */
	const char	*field;		/* request field at fault, or NULL */
	char		 msg[160];	/* English */
	char		 msg_vi[160];	/* Vietnamese */
};

/*
 * State names. wf_state_name() returns the lower snake_case name used in
 * JSON and SQL ENUMs ("received"), or NULL for WF_S_NONE, WF_S_SAME and
 * out-of-range values. Labels come from §4.2. All strings are static.
 * wf_state_parse() returns 0 and sets *out, or -1 for an unknown name.
 */
const char	*wf_state_name(enum wf_state);
int		 wf_state_parse(const char *, enum wf_state *);
const char	*wf_state_label_vi(enum wf_state);
const char	*wf_state_label_en(enum wf_state);

/* Predicates (1 = yes, 0 = no; 0 for invalid values). Terminal: no way
 * out except reopen of CLOSED. Public open: Open311 "open" vs "closed". */
int		 wf_state_terminal(enum wf_state);
int		 wf_state_public_open(enum wf_state);

/* The state the public and Open311 see (CLARIFY_* -> CLARIFYING). */
enum wf_state	 wf_state_public(enum wf_state);

/* Action names ("request_info"); NULL / -1 as for states. */
const char	*wf_action_name(enum wf_action);
int		 wf_action_parse(const char *, enum wf_action *);

/*
 * Role names ("reception"). wf_role_name() takes one WF_ROLE_* bit and
 * returns NULL for anything else. wf_role_parse() ORs nothing: it sets
 * *bit to the single bit for the name, or returns -1.
 */
const char	*wf_role_name(unsigned bit);
int		 wf_role_parse(const char *, unsigned *bit);

/* Timer names ("intake") and parse; the default table (static, count in
 * *n, indexed by enum wf_timer); owner names ("center", "agency",
 * "reporter"). */
const char	*wf_timer_name(enum wf_timer);
int		 wf_timer_parse(const char *, enum wf_timer *);
const struct wf_timer_def *wf_timers(size_t *n);
const char	*wf_owner_name(enum wf_owner);

/* Names of one guard / notification bit, for docs and logs; NULL if the
 * argument is not exactly one known bit. */
const char	*wf_guard_name(unsigned bit);
const char	*wf_notify_name(unsigned bit);

/*
 * The transition table (static; count in *n). Each (action, from-state)
 * pair appears in at most one row.
 */
const struct wf_transition *wf_table(size_t *n);

/*
 * Checks whether an actor holding `actor_roles` may do `act` on a case in
 * state `from` (WF_S_NONE for a new report). On success returns 0 and sets
 * *out to the row (static). On refusal returns -1 and fills *err (if not
 * NULL), checking in this order:
 *   400 bad_request      act or from out of range;
 *   409 wrong_state      no row for act from this state;
 *   403 forbidden        none of the actor's roles may do it;
 *   403 not_lead_agency  only agency roles match and the actor's agency
 *                        does not lead the case;
 *   403 leader_required  agency policy: only a leader returns a case;
 *   422 <code>           a guard fails; err->field names the field.
 */
int	wf_check(enum wf_state from, enum wf_action act, unsigned actor_roles,
	    const struct wf_ctx *ctx, const struct wf_transition **out,
	    struct wf_err *err);

/*
 * The actions the actor can take on a case in `state` (the UI's buttons),
 * in table order. Request-body guards (WF_G_PAYLOAD) are not evaluated.
 * Writes up to `max` actions to out, sets *n to the total found, and
 * returns 0, or -1 if *n > max (out then holds the first max).
 */
int	wf_allowed_actions(enum wf_state state, unsigned roles,
	    const struct wf_ctx *ctx, enum wf_action *out, size_t max,
	    size_t *n);

#endif /* WORKFLOW_H */
