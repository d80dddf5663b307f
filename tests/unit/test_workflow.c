/*
 * test_workflow.c: unit tests for lib/workflow.c, the case state machine.
 * Expected values are written out by hand from domain.md §4, not read
 * back from the table under test.
 */
#include <stddef.h>
#include <string.h>

#include "tap.h"
#include "workflow.h"

#define S(x)	WF_S_##x
#define A(x)	WF_A_##x
#define R(x)	WF_ROLE_##x
#define TB(x)	WF_TBIT(WF_T_##x)

/* One numbered transition of §4.3, as the spec states it. */
struct expect {
	int		num;
	enum wf_state	from;
	enum wf_action	act;
	enum wf_state	to;
	unsigned	good;		/* a role that may do it */
	unsigned	bad;		/* a role that may not */
	enum wf_state	bad_from;	/* a state it is not allowed from */
	int		confidential;
};

static const struct expect spec[] = {
	{ 1, S(NONE), A(SUBMIT), S(RECEIVED), R(REPORTER), R(OFFICER),
	    S(RECEIVED), 0 },
	{ 1, S(NONE), A(SUBMIT), S(RECEIVED), R(RECEPTION), R(MONITOR),
	    S(PUBLISHED), 0 },
	{ 2, S(RECEIVED), A(REQUEST_INFO), S(NEEDS_INFO), R(RECEPTION),
	    R(OFFICER), S(DISTRIBUTED), 0 },
	{ 3, S(NEEDS_INFO), A(SUPPLEMENT), S(RECEIVED), R(REPORTER),
	    R(OFFICER), S(RECEIVED), 0 },
	{ 3, S(NEEDS_INFO), A(SUPPLEMENT), S(RECEIVED), R(RECEPTION),
	    R(PUBLISHER), S(CLOSED), 0 },
	{ 4, S(NEEDS_INFO), A(EXPIRE_SUPPLEMENT), S(NOT_ACCEPTED), R(SYSTEM),
	    R(RECEPTION), S(RECEIVED), 0 },
	{ 5, S(RECEIVED), A(REJECT), S(NOT_ACCEPTED), R(RECEPTION),
	    R(REPORTER), S(NEEDS_INFO), 0 },
	{ 6, S(RECEIVED), A(MERGE), S(MERGED), R(RECEPTION), R(MONITOR),
	    S(DISTRIBUTED), 0 },
	{ 7, S(RECEIVED), A(WITHDRAW), S(WITHDRAWN), R(REPORTER),
	    R(RECEPTION), S(DISTRIBUTED), 0 },
	{ 7, S(NEEDS_INFO), A(WITHDRAW), S(WITHDRAWN), R(REPORTER),
	    R(SYSADMIN), S(IN_PROCESSING), 0 },
	{ 8, S(RECEIVED), A(DISTRIBUTE), S(DISTRIBUTED), R(RECEPTION),
	    R(OFFICER), S(NEEDS_INFO), 0 },
	{ 9, S(DISTRIBUTED), A(ACCEPT), S(IN_PROCESSING), R(OFFICER),
	    R(RECEPTION), S(RECEIVED), 0 },
	{ 10, S(DISTRIBUTED), A(RETURN_NOT_COMPETENT),
	    S(RETURNED_TO_CENTER), R(OFFICER), R(RECEPTION), S(RECEIVED), 0 },
	{ 10, S(IN_PROCESSING), A(RETURN_NOT_COMPETENT),
	    S(RETURNED_TO_CENTER), R(LEADER), R(AGENCY_ADMIN),
	    S(AWAITING_APPROVAL), 0 },
	{ 11, S(RETURNED_TO_CENTER), A(REDISTRIBUTE), S(DISTRIBUTED),
	    R(RECEPTION), R(OFFICER), S(DISTRIBUTED), 0 },
	{ 12, S(RETURNED_TO_CENTER), A(ESCALATE), S(ESCALATED), R(MONITOR),
	    R(OFFICER), S(RECEIVED), 0 },
	{ 12, S(IN_PROCESSING), A(ESCALATE), S(ESCALATED), R(MONITOR),
	    R(LEADER), S(DISTRIBUTED), 0 },
	{ 13, S(ESCALATED), A(RECORD_DIRECTION), S(DISTRIBUTED), R(MONITOR),
	    R(LEADER), S(RETURNED_TO_CENTER), 0 },
	{ 14, S(IN_PROCESSING), A(SUBMIT_RESULT), S(AWAITING_APPROVAL),
	    R(OFFICER), R(LEADER), S(DISTRIBUTED), 0 },
	{ 15, S(AWAITING_APPROVAL), A(RETURN_FOR_REWORK), S(IN_PROCESSING),
	    R(LEADER), R(OFFICER), S(APPROVED), 0 },
	{ 16, S(AWAITING_APPROVAL), A(APPROVE), S(APPROVED), R(LEADER),
	    R(OFFICER), S(IN_PROCESSING), 0 },
	{ 17, S(APPROVED), A(PUBLISH), S(PUBLISHED), R(PUBLISHER),
	    R(LEADER), S(AWAITING_APPROVAL), 0 },
	{ 18, S(APPROVED), A(DELIVER_PRIVATE), S(DELIVERED_PRIVATELY),
	    R(PUBLISHER), R(RECEPTION), S(PUBLISHED), 1 },
	{ 19, S(RECEIVED), A(FLAG_SECRET), S(SECRET_OFFLINE), R(RECEPTION),
	    R(OFFICER), S(CLOSED), 0 },
	{ 19, S(IN_PROCESSING), A(FLAG_SECRET), S(SECRET_OFFLINE), R(LEADER),
	    R(OFFICER), S(NOT_ACCEPTED), 0 },
	{ 19, S(APPROVED), A(FLAG_SECRET), S(SECRET_OFFLINE), R(PUBLISHER),
	    R(REPORTER), S(WITHDRAWN), 0 },
	{ 19, S(CLARIFYING), A(FLAG_SECRET), S(SECRET_OFFLINE), R(MONITOR),
	    R(SYSTEM), S(SECRET_OFFLINE), 0 },
	{ 20, S(APPROVED), A(REJECT_PUBLICATION), S(AWAITING_APPROVAL),
	    R(PUBLISHER), R(LEADER), S(PUBLISHED), 0 },
	{ 21, S(PUBLISHED), A(FEEDBACK), S(CLARIFYING), R(REPORTER),
	    R(MONITOR), S(APPROVED), 0 },
	{ 21, S(DELIVERED_PRIVATELY), A(FEEDBACK), S(CLARIFYING),
	    R(REPORTER), R(OFFICER), S(CLOSED), 1 },
	{ 22, S(CLARIFYING), A(SUBMIT_CLARIFICATION), S(CLARIFY_APPROVAL),
	    R(OFFICER), R(PUBLISHER), S(PUBLISHED), 0 },
	{ 22, S(CLARIFY_APPROVAL), A(RETURN_CLARIFICATION), S(CLARIFYING),
	    R(LEADER), R(OFFICER), S(CLARIFYING), 0 },
	{ 22, S(CLARIFY_APPROVAL), A(APPROVE_CLARIFICATION),
	    S(CLARIFY_APPROVED), R(LEADER), R(PUBLISHER), S(CLARIFYING), 0 },
	{ 22, S(CLARIFY_APPROVED), A(REJECT_CLARIFICATION),
	    S(CLARIFY_APPROVAL), R(PUBLISHER), R(LEADER), S(CLARIFYING), 0 },
	{ 22, S(CLARIFY_APPROVED), A(PUBLISH_CLARIFICATION), S(PUBLISHED),
	    R(PUBLISHER), R(LEADER), S(CLARIFY_APPROVAL), 0 },
	{ 22, S(CLARIFY_APPROVED), A(DELIVER_CLARIFICATION),
	    S(DELIVERED_PRIVATELY), R(PUBLISHER), R(OFFICER),
	    S(CLARIFYING), 1 },
	{ 23, S(PUBLISHED), A(RATE), S(SAME), R(REPORTER), R(MONITOR),
	    S(CLARIFYING), 0 },
	{ 23, S(DELIVERED_PRIVATELY), A(RATE), S(SAME), R(REPORTER),
	    R(PUBLISHER), S(CLOSED), 1 },
	{ 24, S(PUBLISHED), A(AUTO_CLOSE), S(CLOSED), R(SYSTEM), R(MONITOR),
	    S(CLARIFYING), 0 },
	{ 24, S(DELIVERED_PRIVATELY), A(AUTO_CLOSE), S(CLOSED), R(SYSTEM),
	    R(SYSADMIN), S(APPROVED), 1 },
	{ 25, S(CLOSED), A(REOPEN), S(DISTRIBUTED), R(MONITOR),
	    R(RECEPTION), S(PUBLISHED), 0 },
};

#define NSPEC	(sizeof(spec) / sizeof(spec[0]))

static struct wf_ctx	full_ctx(int);
static void		test_spec_rows(void);
static void		test_guards(void);
static void		test_guards_text(void);
static void		test_guards_case(void);
static void		test_scope(void);
static void		test_timers(void);
static void		test_timer_defaults(void);
static void		test_allowed(void);
static void		test_names(void);
static void		test_states(void);
static void		test_table_shape(void);
static int		check(enum wf_state, enum wf_action, unsigned,
			    const struct wf_ctx *, struct wf_err *);
static const struct wf_transition *row_of(enum wf_state, enum wf_action);
static int		same_actions(const enum wf_action *, size_t,
			    const enum wf_action *, size_t);

int
main(void)
{
	plan(570);
	test_spec_rows();
	test_guards();
	test_guards_text();
	test_guards_case();
	test_scope();
	test_timers();
	test_timer_defaults();
	test_allowed();
	test_names();
	test_states();
	test_table_shape();
	return done();
}

/* Every fact true: the success path for every row. */
static struct wf_ctx
full_ctx(int confidential)
{
	struct wf_ctx	c;

	memset(&c, 0, sizeof(c));
	c.confidential = confidential;
	c.has_field = c.has_group = c.has_place = c.has_lead_agency = 1;
	c.has_text = c.has_reason = c.has_duplicate_of = 1;
	c.has_direction = c.has_rating = 1;
	c.rated = c.inactive_expired = c.timer_expired = 1;
	c.actor_is_lead_agency = 1;
	return c;
}

static int
check(enum wf_state from, enum wf_action act, unsigned roles,
    const struct wf_ctx *c, struct wf_err *e)
{
	const struct wf_transition	*row = NULL;

	memset(e, 0, sizeof(*e));
	return wf_check(from, act, roles, c, &row, e);
}

static const struct wf_transition *
row_of(enum wf_state from, enum wf_action act)
{
	const struct wf_transition	*row = NULL;
	struct wf_ctx			 c = full_ctx(0);

	if (wf_check(from, act, ~0u, &c, &row, NULL) == -1) {
		c.confidential = 1;
		if (wf_check(from, act, ~0u, &c, &row, NULL) == -1)
			return NULL;
	}
	return row;
}

/* 7 assertions per spec row. */
static void
test_spec_rows(void)
{
	const struct wf_transition	*row;
	const struct expect		*x;
	struct wf_ctx			 c;
	struct wf_err			 e;
	size_t				 i;
	const char			*an;

	for (i = 0; i < NSPEC; i++) {
		x = &spec[i];
		an = wf_action_name(x->act);
		c = full_ctx(x->confidential);
		row = NULL;
		is_int(wf_check(x->from, x->act, x->good, &c, &row, &e), 0,
		    "#%d %s allowed for %s", x->num, an, wf_role_name(x->good));
		ok(row != NULL && row->to == x->to, "#%d %s goes to %s",
		    x->num, an,
		    x->to == S(SAME) ? "same" : wf_state_name(x->to));
		ok(row != NULL && row->num == x->num, "#%d %s row number",
		    x->num, an);
		is_int(check(x->from, x->act, x->bad, &c, &e), -1,
		    "#%d %s refused for %s", x->num, an, wf_role_name(x->bad));
		is_int(e.status, 403, "#%d refusal by role is 403", x->num);
		is_int(check(x->bad_from, x->act, x->good, &c, &e), -1,
		    "#%d %s refused from %s", x->num, an,
		    wf_state_name(x->bad_from));
		is_int(e.status, 409, "#%d wrong state is 409 (%s)", x->num,
		    e.code ? e.code : "null");
	}
}

/* The classification guard names each missing field. */
static void
test_guards(void)
{
	struct wf_ctx	c;
	struct wf_err	e;

	c = full_ctx(0);
	c.has_group = 0;
	is_int(check(S(RECEIVED), A(DISTRIBUTE), R(RECEPTION), &c, &e), -1,
	    "distribute without a group refused");
	is_int(e.status, 422, "missing group is 422");
	is_str(e.field, "group", "field names group_id");
	is_str(e.code, "required", "code required");
	ok(e.msg[0] != '\0' && e.msg_vi[0] != '\0', "messages in en and vi");
	c = full_ctx(0);
	c.has_field = 0;
	check(S(RECEIVED), A(DISTRIBUTE), R(RECEPTION), &c, &e);
	is_str(e.field, "field", "missing field names field_id");
	c = full_ctx(0);
	c.has_place = 0;
	check(S(RECEIVED), A(DISTRIBUTE), R(RECEPTION), &c, &e);
	is_str(e.field, "place", "missing place names place");
	c = full_ctx(0);
	c.has_lead_agency = 0;
	check(S(RETURNED_TO_CENTER), A(REDISTRIBUTE), R(RECEPTION), &c, &e);
	is_str(e.field, "lead_agency", "redistribute needs lead agency");
	is_int(e.status, 422, "missing lead agency is 422");
	check(S(CLOSED), A(REOPEN), R(MONITOR), &c, &e);
	is_str(e.field, "lead_agency", "reopen needs lead agency");
	is_int(check(S(RECEIVED), A(DISTRIBUTE), R(RECEPTION), NULL, &e), -1,
	    "NULL ctx: all facts false");
	is_str(e.field, "field", "NULL ctx: first missing is field_id");

}

/* Reason and text guards name their field. */
static void
test_guards_text(void)
{
	struct wf_ctx	c;
	struct wf_err	e;

	c = full_ctx(0);
	c.has_reason = 0;
	check(S(RECEIVED), A(REQUEST_INFO), R(RECEPTION), &c, &e);
	is_int(e.status, 422, "request_info without reason is 422");
	is_str(e.field, "reason", "request_info names reason");
	check(S(RECEIVED), A(REJECT), R(RECEPTION), &c, &e);
	is_str(e.field, "reason", "reject names reason");
	check(S(DISTRIBUTED), A(RETURN_NOT_COMPETENT), R(OFFICER), &c, &e);
	is_str(e.field, "reason", "return names reason");
	check(S(AWAITING_APPROVAL), A(RETURN_FOR_REWORK), R(LEADER), &c, &e);
	is_str(e.field, "reason", "rework names reason");
	check(S(APPROVED), A(REJECT_PUBLICATION), R(PUBLISHER), &c, &e);
	is_str(e.field, "reason", "reject_publication names reason");
	check(S(CLOSED), A(REOPEN), R(MONITOR), &c, &e);
	is_str(e.field, "reason", "reopen names reason");
	check(S(IN_PROCESSING), A(FLAG_SECRET), R(LEADER), &c, &e);
	is_str(e.field, "reason", "flag_secret names reason");
	is_int(check(S(APPROVED), A(APPROVE), R(LEADER), &c, &e), -1,
	    "approve from approved is refused");
	is_int(check(S(AWAITING_APPROVAL), A(APPROVE), R(LEADER), &c, &e), 0,
	    "approve needs no reason");

	c = full_ctx(0);
	c.has_text = 0;
	check(S(IN_PROCESSING), A(SUBMIT_RESULT), R(OFFICER), &c, &e);
	is_int(e.status, 422, "empty result is 422");
	is_str(e.field, "text", "submit_result names text");
	check(S(PUBLISHED), A(FEEDBACK), R(REPORTER), &c, &e);
	is_str(e.field, "text", "feedback names text");
	check(S(NEEDS_INFO), A(SUPPLEMENT), R(REPORTER), &c, &e);
	is_str(e.field, "text", "supplement names text");
	check(S(CLARIFYING), A(SUBMIT_CLARIFICATION), R(OFFICER), &c, &e);
	is_str(e.field, "text", "clarification names text");

	c = full_ctx(0);
	c.has_duplicate_of = 0;
	check(S(RECEIVED), A(MERGE), R(RECEPTION), &c, &e);
	is_str(e.field, "duplicate_of", "merge names duplicate_of");
	c = full_ctx(0);
	c.has_direction = 0;
	check(S(ESCALATED), A(RECORD_DIRECTION), R(MONITOR), &c, &e);
	is_str(e.field, "direction", "record_direction names direction");
	c = full_ctx(0);
	c.has_rating = 0;
	check(S(PUBLISHED), A(RATE), R(REPORTER), &c, &e);
	is_str(e.field, "rating", "rate names rating");
	is_int(e.status, 422, "rate without rating is 422");

}

/* Case facts: disclosure path, closability, expiry. */
static void
test_guards_case(void)
{
	struct wf_ctx	c;
	struct wf_err	e;

	c = full_ctx(1);
	check(S(APPROVED), A(PUBLISH), R(PUBLISHER), &c, &e);
	is_int(e.status, 422, "publishing a confidential case is 422");
	is_str(e.code, "confidential_case", "code confidential_case");
	check(S(CLARIFY_APPROVED), A(PUBLISH_CLARIFICATION), R(PUBLISHER),
	    &c, &e);
	is_str(e.code, "confidential_case", "clarification keeps the path");
	c = full_ctx(0);
	c.secret = 1;
	is_int(check(S(APPROVED), A(PUBLISH), R(PUBLISHER), &c, &e), -1,
	    "secret case cannot be published");
	is_int(check(S(APPROVED), A(DELIVER_PRIVATE), R(PUBLISHER), &c, &e),
	    -1, "secret case cannot be delivered either");
	c = full_ctx(0);
	check(S(APPROVED), A(DELIVER_PRIVATE), R(PUBLISHER), &c, &e);
	is_str(e.code, "not_confidential_case", "private needs confidential");
	is_int(e.status, 422, "private delivery of public case is 422");
	check(S(CLARIFY_APPROVED), A(DELIVER_CLARIFICATION), R(PUBLISHER),
	    &c, &e);
	is_str(e.code, "not_confidential_case", "private clarification too");

	c = full_ctx(0);
	c.rated = c.inactive_expired = 0;
	check(S(PUBLISHED), A(AUTO_CLOSE), R(SYSTEM), &c, &e);
	is_str(e.code, "not_closable", "auto_close needs rated or inactive");
	is_int(e.status, 422, "not closable is 422");
	c.inactive_expired = 1;
	is_int(check(S(PUBLISHED), A(AUTO_CLOSE), R(SYSTEM), &c, &e), 0,
	    "inactive case closes");
	c.inactive_expired = 0;
	c.rated = 1;
	is_int(check(S(DELIVERED_PRIVATELY), A(AUTO_CLOSE), R(SYSTEM), &c, &e),
	    0, "rated case closes");
	c = full_ctx(0);
	c.timer_expired = 0;
	check(S(NEEDS_INFO), A(EXPIRE_SUPPLEMENT), R(SYSTEM), &c, &e);
	is_str(e.code, "not_expired", "expire needs the timer run out");
}

/* Roles, agency scope and the 400/409 paths. */
static void
test_scope(void)
{
	struct wf_ctx	c;
	struct wf_err	e;

	c = full_ctx(0);
	c.actor_is_lead_agency = 0;
	check(S(DISTRIBUTED), A(ACCEPT), R(OFFICER), &c, &e);
	is_int(e.status, 403, "officer of another agency: 403");
	is_str(e.code, "not_lead_agency", "code not_lead_agency");
	check(S(DISTRIBUTED), A(ACCEPT), R(OFFICER) | R(RECEPTION), &c, &e);
	is_str(e.code, "not_lead_agency",
	    "center role does not lend scope to an agency action");
	check(S(IN_PROCESSING), A(FLAG_SECRET), R(LEADER), &c, &e);
	is_str(e.code, "not_lead_agency", "secret flag: other agency leader");
	is_int(check(S(IN_PROCESSING), A(FLAG_SECRET), R(RECEPTION), &c, &e),
	    0, "secret flag: center needs no agency");
	is_int(check(S(AWAITING_APPROVAL), A(APPROVE), R(LEADER), &c, &e), -1,
	    "approve by other agency's leader refused");
	is_int(e.status, 403, "... with 403");
	is_int(check(S(RECEIVED), A(DISTRIBUTE), R(RECEPTION), &c, &e), 0,
	    "reception distributes without agency scope");

	c = full_ctx(0);
	c.leader_must_return = 1;
	check(S(DISTRIBUTED), A(RETURN_NOT_COMPETENT), R(OFFICER), &c, &e);
	is_int(e.status, 403, "policy: officer may not return");
	is_str(e.code, "leader_required", "code leader_required");
	is_int(check(S(DISTRIBUTED), A(RETURN_NOT_COMPETENT), R(LEADER), &c,
	    &e), 0, "policy: leader returns");

	check(S(PUBLISHED), A(AUTO_CLOSE), R(MONITOR), &c, &e);
	is_int(e.status, 403, "auto_close is for the system only");
	check(S(NEEDS_INFO), A(EXPIRE_SUPPLEMENT), R(SYSADMIN) | R(MONITOR)
	    | R(RECEPTION), &c, &e);
	is_int(e.status, 403, "expire_supplement is for the system only");
	check(S(RECEIVED), A(DISTRIBUTE), R(SYSADMIN) | R(AGENCY_ADMIN),
	    &c, &e);
	is_str(e.code, "forbidden", "admins change no case state");

	check(S(RECEIVED), (enum wf_action)WF_ACTION_COUNT, R(RECEPTION), &c,
	    &e);
	is_int(e.status, 400, "unknown action is 400");
	check(S(SAME), A(ACCEPT), R(OFFICER), &c, &e);
	is_int(e.status, 400, "WF_S_SAME as from-state is 400");
	check(S(CLOSED), A(ACCEPT), R(OFFICER), &c, &e);
	is_str(e.code, "wrong_state", "code wrong_state");
	ok(strstr(e.msg, "accept") != NULL && strstr(e.msg, "closed") != NULL,
	    "409 message names action and state: %s", e.msg);
	check(S(PUBLISHED), A(REOPEN), R(MONITOR), &c, &e);
	is_int(e.status, 409, "reopen only from closed");
	is_int(wf_check(S(CLOSED), A(ACCEPT), R(OFFICER), &c, NULL, NULL), -1,
	    "NULL err and out are accepted on refusal");
}

static void
test_timers(void)
{
	const struct wf_transition	*r;
	unsigned agency = TB(ACCEPT) | TB(RETURN) | TB(PROCESS);

	r = row_of(S(NONE), A(SUBMIT));
	ok(r && r->t_start == TB(INTAKE), "submit starts T_INTAKE");
	r = row_of(S(RECEIVED), A(REQUEST_INFO));
	ok(r && r->t_pause == TB(INTAKE), "request_info pauses T_INTAKE");
	ok(r && r->t_start == TB(SUPPLEMENT), "... starts T_SUPPLEMENT");
	r = row_of(S(NEEDS_INFO), A(SUPPLEMENT));
	ok(r && r->t_start == TB(INTAKE) && r->t_resume == 0,
	    "supplement: fresh T_INTAKE, not resumed (B4)");
	ok(r && r->t_stop == TB(SUPPLEMENT), "... stops T_SUPPLEMENT");
	r = row_of(S(RECEIVED), A(DISTRIBUTE));
	ok(r && r->t_stop == TB(INTAKE), "distribute stops T_INTAKE");
	ok(r && r->t_start == agency, "... starts ACCEPT, RETURN, PROCESS");
	r = row_of(S(DISTRIBUTED), A(ACCEPT));
	ok(r && r->t_stop == TB(ACCEPT) && r->t_start == 0,
	    "accept stops T_ACCEPT only");
	r = row_of(S(IN_PROCESSING), A(RETURN_NOT_COMPETENT));
	ok(r && (r->t_stop & TB(RETURN)), "return stops T_RETURN");
	ok(r && ((r->t_stop | r->t_cancel) & TB(PROCESS)),
	    "... ends this agency's T_PROCESS");
	ok(r && r->t_start == TB(REDISTRIBUTE), "... starts T_REDISTRIBUTE");
	r = row_of(S(RETURNED_TO_CENTER), A(REDISTRIBUTE));
	ok(r && r->t_start == agency, "redistribute: fresh agency timers");
	ok(r && r->t_stop == TB(REDISTRIBUTE), "... stops T_REDISTRIBUTE");
	r = row_of(S(RETURNED_TO_CENTER), A(ESCALATE));
	ok(r && (r->t_stop & TB(REDISTRIBUTE)), "escalate stops T_REDIST");
	r = row_of(S(ESCALATED), A(RECORD_DIRECTION));
	ok(r && r->t_start == agency, "direction: fresh agency timers");
	r = row_of(S(IN_PROCESSING), A(SUBMIT_RESULT));
	ok(r && r->t_pause == TB(PROCESS), "submit_result holds T_PROCESS");
	ok(r && r->t_start == TB(APPROVE), "... starts T_APPROVE");
	ok(r && !(r->t_stop & TB(PROCESS)),
	    "... without closing T_PROCESS (rework resumes it)");
	ok(r && !((r->t_stop | r->t_cancel) & TB(RETURN)),
	    "... keeps the T_RETURN window (a later return is late, B9)");
	r = row_of(S(AWAITING_APPROVAL), A(RETURN_FOR_REWORK));
	ok(r && r->t_stop == TB(APPROVE), "rework stops T_APPROVE");
	ok(r && r->t_resume == TB(PROCESS) && !(r->t_start & TB(PROCESS)),
	    "... resumes T_PROCESS budget (B7)");
	r = row_of(S(AWAITING_APPROVAL), A(APPROVE));
	ok(r && r->t_stop == TB(APPROVE), "approve stops T_APPROVE");
	ok(r && r->t_start == TB(PUBLISH), "... starts T_PUBLISH");
	r = row_of(S(APPROVED), A(PUBLISH));
	ok(r && (r->t_stop & TB(PUBLISH)) && r->t_start == 0,
	    "publish stops T_PUBLISH");
	ok(r && (r->t_stop & TB(PROCESS)) && (r->t_cancel & TB(RETURN)),
	    "... closes T_PROCESS and the T_RETURN window");
	r = row_of(S(APPROVED), A(DELIVER_PRIVATE));
	ok(r && (r->t_stop & TB(PUBLISH)), "deliver stops T_PUBLISH");
	r = row_of(S(APPROVED), A(REJECT_PUBLICATION));
	ok(r && r->t_stop == TB(PUBLISH) && r->t_start == TB(APPROVE),
	    "publication reject: stop PUBLISH, restart APPROVE");
	r = row_of(S(PUBLISHED), A(FEEDBACK));
	ok(r && r->t_start == TB(CLARIFY), "feedback starts T_CLARIFY");
	r = row_of(S(CLARIFY_APPROVED), A(PUBLISH_CLARIFICATION));
	ok(r && r->t_stop == TB(CLARIFY), "clarification stops T_CLARIFY");
	r = row_of(S(APPROVED), A(FLAG_SECRET));
	ok(r && r->t_cancel == WF_TIMERS_ALL, "secret cancels every timer");
	r = row_of(S(CLOSED), A(REOPEN));
	ok(r && r->t_start == agency, "reopen: new agency timers");
	r = row_of(S(PUBLISHED), A(RATE));
	ok(r && (r->t_start | r->t_stop | r->t_cancel | r->t_pause |
	    r->t_resume) == 0, "rate touches no timer");
}

static void
test_timer_defaults(void)
{
	static const struct { enum wf_timer t; const char *name; int min;
	    enum wf_owner owner; } want[] = {
		{ WF_T_INTAKE, "intake", 60, WF_OWNER_CENTER },
		{ WF_T_ACCEPT, "accept", 30, WF_OWNER_AGENCY },
		{ WF_T_RETURN, "return", 480, WF_OWNER_AGENCY },
		{ WF_T_PROCESS, "process", 2880, WF_OWNER_AGENCY },
		{ WF_T_APPROVE, "approve", 480, WF_OWNER_AGENCY },
		{ WF_T_PUBLISH, "publish", 60, WF_OWNER_CENTER },
		{ WF_T_REDISTRIBUTE, "redistribute", 60, WF_OWNER_CENTER },
		{ WF_T_CLARIFY, "clarify", 960, WF_OWNER_AGENCY },
		{ WF_T_SUPPLEMENT, "supplement", 2400, WF_OWNER_REPORTER },
	};
	const struct wf_timer_def	*td;
	enum wf_timer			 t;
	size_t				 n, i;

	td = wf_timers(&n);
	is_int(n, 9, "nine timers");
	for (i = 0; i < 9 && i < n; i++) {
		is_int(td[want[i].t].limit_min, want[i].min, "%s limit",
		    want[i].name);
		is_int(td[want[i].t].owner, want[i].owner, "%s owner",
		    want[i].name);
		is_str(wf_timer_name(want[i].t), want[i].name, "timer name");
		ok(wf_timer_parse(want[i].name, &t) == 0 && t == want[i].t,
		    "parse %s", want[i].name);
	}
	ok(td[WF_T_RETURN].window && !td[WF_T_PROCESS].window,
	    "T_RETURN is a window, T_PROCESS a duty");
	is_str(wf_owner_name(WF_OWNER_REPORTER), "reporter", "owner name");
	is_int(wf_timer_parse("nope", &t), -1, "unknown timer");
}

static int
same_actions(const enum wf_action *got, size_t n, const enum wf_action *want,
    size_t m)
{
	return n == m && memcmp(got, want, n * sizeof(*got)) == 0;
}

static void
test_allowed(void)
{
	enum wf_action	 a[WF_ACTION_COUNT];
	struct wf_ctx	 c = full_ctx(0);
	size_t		 n;
	static const enum wf_action rec[] = { A(REQUEST_INFO), A(REJECT),
	    A(MERGE), A(DISTRIBUTE), A(FLAG_SECRET) };
	static const enum wf_action pub[] = { A(PUBLISH), A(FLAG_SECRET),
	    A(REJECT_PUBLICATION) };
	static const enum wf_action prv[] = { A(DELIVER_PRIVATE),
	    A(FLAG_SECRET), A(REJECT_PUBLICATION) };
	static const enum wf_action rep[] = { A(FEEDBACK), A(RATE) };
	static const enum wf_action lead[] = { A(RETURN_FOR_REWORK),
	    A(APPROVE), A(FLAG_SECRET) };
	static const enum wf_action off[] = { A(ACCEPT),
	    A(RETURN_NOT_COMPETENT) };

	memset(&c, 0, sizeof(c));	/* payload facts must not matter */
	is_int(wf_allowed_actions(S(RECEIVED), R(RECEPTION), &c, a,
	    WF_ACTION_COUNT, &n), 0, "allowed: received/reception");
	ok(same_actions(a, n, rec, 5), "reception sees 5 buttons");
	wf_allowed_actions(S(RECEIVED), R(REPORTER), &c, a, WF_ACTION_COUNT,
	    &n);
	ok(n == 1 && a[0] == A(WITHDRAW), "reporter may only withdraw");
	wf_allowed_actions(S(APPROVED), R(PUBLISHER), &c, a, WF_ACTION_COUNT,
	    &n);
	ok(same_actions(a, n, pub, 3), "publisher, public case");
	c.confidential = 1;
	wf_allowed_actions(S(APPROVED), R(PUBLISHER), &c, a, WF_ACTION_COUNT,
	    &n);
	ok(same_actions(a, n, prv, 3), "publisher, confidential case");
	wf_allowed_actions(S(PUBLISHED), R(REPORTER), &c, a, WF_ACTION_COUNT,
	    &n);
	ok(same_actions(a, n, rep, 2), "reporter after the answer");
	c.actor_is_lead_agency = 1;
	wf_allowed_actions(S(AWAITING_APPROVAL), R(LEADER), &c, a,
	    WF_ACTION_COUNT, &n);
	ok(same_actions(a, n, lead, 3), "leader of the lead agency");
	wf_allowed_actions(S(DISTRIBUTED), R(OFFICER), &c, a, WF_ACTION_COUNT,
	    &n);
	ok(same_actions(a, n, off, 2), "officer of the lead agency");
	c.actor_is_lead_agency = 0;
	wf_allowed_actions(S(DISTRIBUTED), R(OFFICER), &c, a, WF_ACTION_COUNT,
	    &n);
	is_int(n, 0, "officer of another agency sees nothing");
	wf_allowed_actions(S(PUBLISHED), R(SYSTEM), &c, a, WF_ACTION_COUNT,
	    &n);
	is_int(n, 0, "system: not closable yet");
	c.rated = 1;
	wf_allowed_actions(S(PUBLISHED), R(SYSTEM), &c, a, WF_ACTION_COUNT,
	    &n);
	ok(n == 1 && a[0] == A(AUTO_CLOSE), "system: rated case closes");
	wf_allowed_actions(S(CLOSED), R(MONITOR), &c, a, WF_ACTION_COUNT, &n);
	ok(n == 1 && a[0] == A(REOPEN), "monitor may reopen closed");
	wf_allowed_actions(S(WITHDRAWN), ~0u, &c, a, WF_ACTION_COUNT, &n);
	is_int(n, 0, "nothing leaves withdrawn");
	is_int(wf_allowed_actions(S(RECEIVED), R(RECEPTION), &c, a, 2, &n),
	    -1, "too small an array is -1");
	is_int(n, 5, "... and n tells the size needed");
	ok(a[0] == A(REQUEST_INFO) && a[1] == A(REJECT), "... first two kept");
}

static void
test_names(void)
{
	enum wf_action	a;
	unsigned	bit;
	size_t		i;
	static const char *const roles[] = { "reporter", "reception",
	    "publisher", "monitor", "officer", "leader", "agency_admin",
	    "sysadmin", "system" };
	static const unsigned rbits[] = { R(REPORTER), R(RECEPTION),
	    R(PUBLISHER), R(MONITOR), R(OFFICER), R(LEADER), R(AGENCY_ADMIN),
	    R(SYSADMIN), R(SYSTEM) };

	for (i = 0; i < WF_ACTION_COUNT; i++) {
		ok(wf_action_name(i) != NULL &&
		    wf_action_parse(wf_action_name(i), &a) == 0 && a == i,
		    "action %zu round-trips (%s)", i, wf_action_name(i));
	}
	is_str(wf_action_name(A(RETURN_NOT_COMPETENT)), "return_not_competent",
	    "action name");
	is_str(wf_action_name(A(PUBLISH_CLARIFICATION)),
	    "publish_clarification", "action name");
	is_str(wf_action_name(A(AUTO_CLOSE)), "auto_close", "action name");
	is_int(wf_action_parse("Accept", &a), -1, "parse is exact");
	ok(wf_action_name(WF_ACTION_COUNT) == NULL, "out of range is NULL");
	for (i = 0; i < 9; i++) {
		is_str(wf_role_name(rbits[i]), roles[i], "role %s", roles[i]);
		ok(wf_role_parse(roles[i], &bit) == 0 && bit == rbits[i],
		    "parse role %s", roles[i]);
	}
	ok(wf_role_name(R(OFFICER) | R(LEADER)) == NULL, "two bits: NULL");
	is_int(wf_role_parse("admin", &bit), -1, "unknown role");
	is_str(wf_guard_name(WF_G_REASON), "reason", "guard name");
	is_str(wf_notify_name(WF_N_AGENCY), "agency", "notify name");
}

static void
test_states(void)
{
	enum wf_state	s;
	size_t		i;
	static const int terminal[WF_STATE_COUNT] = {
		[WF_S_NOT_ACCEPTED] = 1, [WF_S_MERGED] = 1,
		[WF_S_WITHDRAWN] = 1, [WF_S_SECRET_OFFLINE] = 1,
		[WF_S_CLOSED] = 1 };

	is_int(WF_STATE_COUNT, 18, "16 states of §4.2 + 2 sub-flow states");
	for (i = 0; i < WF_STATE_COUNT; i++) {
		ok(wf_state_name(i) != NULL &&
		    wf_state_parse(wf_state_name(i), &s) == 0 && s == i,
		    "state %zu round-trips (%s)", i, wf_state_name(i));
		is_int(wf_state_terminal(i), terminal[i], "terminal %s",
		    wf_state_name(i));
		ok(wf_state_label_en(i) && wf_state_label_vi(i), "labels %s",
		    wf_state_name(i));
	}
	is_str(wf_state_name(S(RECEIVED)), "received", "state name");
	is_str(wf_state_name(S(RETURNED_TO_CENTER)), "returned_to_center",
	    "state name");
	is_str(wf_state_name(S(DELIVERED_PRIVATELY)), "delivered_privately",
	    "state name");
	is_str(wf_state_name(S(SECRET_OFFLINE)), "secret_offline",
	    "state name");
	ok(wf_state_name(S(NONE)) == NULL && wf_state_name(S(SAME)) == NULL,
	    "sentinels have no name");
	is_int(wf_state_parse("RECEIVED", &s), -1, "parse is exact");
	is_str(wf_state_label_vi(S(RECEIVED)), "Mới tiếp nhận / Chờ kiểm tra",
	    "vi label");
	is_str(wf_state_label_vi(S(CLARIFYING)), "Đang làm rõ theo phản hồi",
	    "vi label");
	is_int(wf_state_public(S(CLARIFY_APPROVAL)), S(CLARIFYING),
	    "sub-flow shows as clarifying");
	is_int(wf_state_public(S(PUBLISHED)), S(PUBLISHED), "public as is");
	ok(wf_state_public_open(S(RECEIVED)) && wf_state_public_open(
	    S(CLARIFYING)) && wf_state_public_open(S(ESCALATED)),
	    "open311 open");
	ok(!wf_state_public_open(S(PUBLISHED)) && !wf_state_public_open(
	    S(CLOSED)) && !wf_state_public_open(S(NOT_ACCEPTED)),
	    "open311 closed");
}

/* Invariants of the table as a whole. */
static void
test_table_shape(void)
{
	const struct wf_transition	*t;
	size_t				 n, i, j;
	int				 dup = 0, bad = 0, from_term = 0;
	int				 seen[26] = { 0 }, missing = 0;
	unsigned			 acts = 0;

	t = wf_table(&n);
	ok(t != NULL && n >= 31, "table has a row per action (%zu)", n);
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++)
			if (t[i].action == t[j].action &&
			    (t[i].from & t[j].from))
				dup++;
		if (t[i].event == NULL || t[i].roles == 0 || t[i].from == 0 ||
		    (t[i].to >= WF_STATE_COUNT && t[i].to != S(SAME)) ||
		    (t[i].roles & (R(SYSADMIN) | R(AGENCY_ADMIN))))
			bad++;
		for (j = 0; j < WF_STATE_COUNT; j++)
			if ((t[i].from & WF_BIT(j)) && wf_state_terminal(j) &&
			    !(j == S(CLOSED) && t[i].action == A(REOPEN)))
				from_term++;
		if (t[i].num >= 0 && t[i].num <= 25)
			seen[t[i].num] = 1;
		acts |= 1u << t[i].action;
	}
	for (i = 1; i <= 25; i++)
		missing += !seen[i];
	is_int(dup, 0, "(action, from) pairs are unique");
	is_int(bad, 0, "rows well formed; no admin changes state");
	is_int(from_term, 0, "only reopen leaves a terminal state");
	is_int(missing, 0, "every §4.3 row 1-25 is in the table");
	is_int(acts, (1u << WF_ACTION_COUNT) - 1, "every action has a row");
}
