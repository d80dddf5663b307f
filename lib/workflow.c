/*
 * workflow.c: the case state machine of domain.md §4 as data (the
 * transition, state, timer and guard tables) and the one lookup that
 * checks an action against it. Pure: no I/O, no database, no allocation.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "workflow.h"

#define S(x)	WF_BIT(WF_S_##x)
#define T(x)	WF_TBIT(WF_T_##x)
#define AGENCY_TIMERS	(T(ACCEPT) | T(RETURN) | T(PROCESS))
#define NON_TERMINAL	(S(RECEIVED) | S(NEEDS_INFO) | S(DISTRIBUTED) | \
	S(IN_PROCESSING) | S(RETURNED_TO_CENTER) | S(ESCALATED) | \
	S(AWAITING_APPROVAL) | S(APPROVED) | S(PUBLISHED) | \
	S(DELIVERED_PRIVATELY) | S(CLARIFYING) | S(CLARIFY_APPROVAL) | \
	S(CLARIFY_APPROVED))
#define ANSWERED	(S(PUBLISHED) | S(DELIVERED_PRIVATELY))
#define CTX(f)		offsetof(struct wf_ctx, f)

typedef int (*guard_fn)(const struct wf_ctx *, unsigned matched);

struct state_def {
	const char	*name;
	const char	*label_vi;
	const char	*label_en;
	int		 terminal;
	int		 open;		/* Open311 "open" */
};

struct guard_def {
	unsigned	 bit;
	const char	*name;
	guard_fn	 test;		/* or NULL: test the int at off */
	size_t		 off;		/* offsetof(struct wf_ctx, ...) */
	int		 status;
	const char	*code;
	const char	*field;
	const char	*msg_en;
	const char	*msg_vi;
};

static int	g_lead_agency(const struct wf_ctx *, unsigned);
static int	g_leader_return(const struct wf_ctx *, unsigned);
static int	g_not_confidential(const struct wf_ctx *, unsigned);
static int	g_confidential(const struct wf_ctx *, unsigned);
static int	g_closable(const struct wf_ctx *, unsigned);
static int	lookup_name(const char *const *, size_t, const char *,
		    size_t *);
static const struct wf_transition *find_row(enum wf_state, enum wf_action);
static int	check_roles(const struct wf_transition *, unsigned,
		    struct wf_err *);
static int	check_guards(const struct wf_transition *, unsigned, unsigned,
		    const struct wf_ctx *, struct wf_err *);
static int	guard_ok(const struct guard_def *, const struct wf_ctx *,
		    unsigned);
static void	err_set(struct wf_err *, int, const char *, const char *);

static const struct state_def states[WF_STATE_COUNT] = {
	[WF_S_RECEIVED] = { "received", "Mới tiếp nhận / Chờ kiểm tra",
	    "Received, awaiting check", 0, 1 },
	[WF_S_NEEDS_INFO] = { "needs_info", "Chờ bổ sung thông tin",
	    "Awaiting more information", 0, 1 },
	[WF_S_NOT_ACCEPTED] = { "not_accepted", "Không tiếp nhận",
	    "Not accepted", 1, 0 },
	[WF_S_MERGED] = { "merged", "Trùng – đã gộp",
	    "Duplicate, merged", 1, 0 },
	[WF_S_WITHDRAWN] = { "withdrawn", "Người phản ánh rút",
	    "Withdrawn by the reporter", 1, 0 },
	[WF_S_DISTRIBUTED] = { "distributed",
	    "Đã phân phối – chờ tiếp nhận xử lý",
	    "Distributed, awaiting acceptance", 0, 1 },
	[WF_S_IN_PROCESSING] = { "in_processing", "Đang xử lý",
	    "In processing", 0, 1 },
	[WF_S_RETURNED_TO_CENTER] = { "returned_to_center",
	    "Trả lại Trung tâm (không đúng thẩm quyền)",
	    "Returned to the Center (not competent)", 0, 1 },
	[WF_S_ESCALATED] = { "escalated", "Chờ UBND tỉnh chỉ đạo",
	    "Awaiting the PPC's direction", 0, 1 },
	[WF_S_AWAITING_APPROVAL] = { "awaiting_approval", "Chờ phê duyệt",
	    "Awaiting approval", 0, 1 },
	[WF_S_APPROVED] = { "approved", "Đã phê duyệt – chờ công khai",
	    "Approved, awaiting publication", 0, 1 },
	[WF_S_PUBLISHED] = { "published", "Đã trả lời – công khai",
	    "Answered and published", 0, 0 },
	[WF_S_DELIVERED_PRIVATELY] = { "delivered_privately",
	    "Đã trả lời – không công khai",
	    "Answered privately", 0, 0 },
	[WF_S_SECRET_OFFLINE] = { "secret_offline",
	    "Trả lời theo quy định bảo vệ bí mật nhà nước",
	    "Answered under state-secret rules", 1, 0 },
	[WF_S_CLARIFYING] = { "clarifying", "Đang làm rõ theo phản hồi",
	    "Being clarified after feedback", 0, 1 },
	[WF_S_CLOSED] = { "closed", "Đã đóng", "Closed", 1, 0 },
	[WF_S_CLARIFY_APPROVAL] = { "clarify_approval",
	    "Đang làm rõ – chờ phê duyệt",
	    "Clarification awaiting approval", 0, 1 },
	[WF_S_CLARIFY_APPROVED] = { "clarify_approved",
	    "Đang làm rõ – chờ công khai",
	    "Clarification approved, awaiting publication", 0, 1 },
};

static const char *const action_names[WF_ACTION_COUNT] = {
	[WF_A_SUBMIT] = "submit",
	[WF_A_REQUEST_INFO] = "request_info",
	[WF_A_SUPPLEMENT] = "supplement",
	[WF_A_EXPIRE_SUPPLEMENT] = "expire_supplement",
	[WF_A_REJECT] = "reject",
	[WF_A_MERGE] = "merge",
	[WF_A_WITHDRAW] = "withdraw",
	[WF_A_DISTRIBUTE] = "distribute",
	[WF_A_ACCEPT] = "accept",
	[WF_A_RETURN_NOT_COMPETENT] = "return_not_competent",
	[WF_A_REDISTRIBUTE] = "redistribute",
	[WF_A_ESCALATE] = "escalate",
	[WF_A_RECORD_DIRECTION] = "record_direction",
	[WF_A_SUBMIT_RESULT] = "submit_result",
	[WF_A_RETURN_FOR_REWORK] = "return_for_rework",
	[WF_A_APPROVE] = "approve",
	[WF_A_PUBLISH] = "publish",
	[WF_A_DELIVER_PRIVATE] = "deliver_private",
	[WF_A_FLAG_SECRET] = "flag_secret",
	[WF_A_REJECT_PUBLICATION] = "reject_publication",
	[WF_A_FEEDBACK] = "feedback",
	[WF_A_SUBMIT_CLARIFICATION] = "submit_clarification",
	[WF_A_RETURN_CLARIFICATION] = "return_clarification",
	[WF_A_APPROVE_CLARIFICATION] = "approve_clarification",
	[WF_A_REJECT_CLARIFICATION] = "reject_clarification",
	[WF_A_PUBLISH_CLARIFICATION] = "publish_clarification",
	[WF_A_DELIVER_CLARIFICATION] = "deliver_clarification",
	[WF_A_RATE] = "rate",
	[WF_A_AUTO_CLOSE] = "auto_close",
	[WF_A_CLOSE] = "close",
	[WF_A_REOPEN] = "reopen",
};

/* Index i is the name of role bit (1u << i). */
static const char *const role_names[WF_ROLE_COUNT] = {
	"reporter", "reception", "publisher", "monitor", "officer", "leader",
	"agency_admin", "sysadmin", "system"
};

static const char *const notify_names[WF_NOTIFY_COUNT] = {
	"reporter", "agency", "assignee", "leader", "reception", "publisher",
	"monitor"
};

static const char *const owner_names[] = {
	[WF_OWNER_CENTER] = "center",
	[WF_OWNER_AGENCY] = "agency",
	[WF_OWNER_REPORTER] = "reporter",
};

/* Defaults of §4.1 in working minutes (1 WD = 480, 1 WH = 60). */
static const struct wf_timer_def timers[WF_TIMER_COUNT] = {
	{ WF_T_INTAKE, "intake", 60, WF_OWNER_CENTER, 0 },
	{ WF_T_ACCEPT, "accept", 30, WF_OWNER_AGENCY, 0 },
	{ WF_T_RETURN, "return", 480, WF_OWNER_AGENCY, 1 },
	{ WF_T_PROCESS, "process", 2880, WF_OWNER_AGENCY, 0 },
	{ WF_T_APPROVE, "approve", 480, WF_OWNER_AGENCY, 0 },
	{ WF_T_PUBLISH, "publish", 60, WF_OWNER_CENTER, 0 },
	{ WF_T_REDISTRIBUTE, "redistribute", 60, WF_OWNER_CENTER, 0 },
	{ WF_T_CLARIFY, "clarify", 960, WF_OWNER_AGENCY, 0 },
	{ WF_T_SUPPLEMENT, "supplement", 2400, WF_OWNER_REPORTER, 0 },
};

/* In evaluation order: the 403 scope checks first, then the 422s. */
static const struct guard_def guards[WF_GUARD_COUNT] = {
	{ WF_G_LEAD_AGENCY, "lead_agency", g_lead_agency, 0, 403,
	    "not_lead_agency", NULL,
	    "your agency is not the lead agency of this case",
	    "cơ quan của bạn không phải cơ quan chủ trì xử lý phản ánh này" },
	{ WF_G_LEADER_RETURN, "leader_return", g_leader_return, 0, 403,
	    "leader_required", NULL,
	    "your agency requires a leader to return cases",
	    "cơ quan yêu cầu lãnh đạo xác nhận việc trả lại" },
	{ WF_G_FIELD, "field", NULL, CTX(has_field),
	    422, "required", "field",
	    "a field is required", "chưa chọn lĩnh vực" },
	{ WF_G_GROUP, "group", NULL, CTX(has_group),
	    422, "required", "group",
	    "a report group is required", "chưa chọn nhóm phản ánh" },
	{ WF_G_PLACE, "place", NULL, CTX(has_place), 422, "required", "place",
	    "the place is required", "chưa có địa điểm" },
	{ WF_G_AGENCY, "agency", NULL, CTX(has_lead_agency),
	    422, "required", "lead_agency",
	    "a lead agency is required", "chưa chọn cơ quan chủ trì" },
	{ WF_G_TEXT, "text", NULL, CTX(has_text), 422, "required", "text",
	    "the text is required", "nội dung không được để trống" },
	{ WF_G_REASON, "reason", NULL, CTX(has_reason),
	    422, "required", "reason",
	    "a reason is required", "cần nêu lý do" },
	{ WF_G_DUPLICATE_OF, "duplicate_of", NULL, CTX(has_duplicate_of),
	    422, "required", "duplicate_of", "the master case is required",
	    "cần chỉ ra phản ánh gốc" },
	{ WF_G_DIRECTION, "direction", NULL, CTX(has_direction),
	    422, "required", "direction",
	    "the PPC direction document is required",
	    "cần nhập văn bản chỉ đạo của UBND tỉnh" },
	{ WF_G_RATING, "rating", NULL, CTX(has_rating),
	    422, "required", "rating",
	    "a rating level is required", "cần chọn mức đánh giá" },
	{ WF_G_NOT_CONFIDENTIAL, "not_confidential", g_not_confidential, 0,
	    422, "confidential_case", NULL,
	    "a confidential or secret case cannot be published",
	    "phản ánh được bảo mật, không được công khai" },
	{ WF_G_CONFIDENTIAL, "confidential", g_confidential, 0, 422,
	    "not_confidential_case", NULL,
	    "only confidential cases are delivered privately",
	    "chỉ phản ánh được bảo mật mới trả lời riêng" },
	{ WF_G_CLOSABLE, "closable", g_closable, 0, 422, "not_closable", NULL,
	    "the case is neither rated nor inactive long enough",
	    "phản ánh chưa được đánh giá và chưa hết thời gian chờ" },
	{ WF_G_EXPIRED, "expired", NULL, CTX(timer_expired),
	    422, "not_expired", NULL,
	    "the time limit has not run out",
	    "chưa hết thời hạn" },
};

/* THE table (domain.md §4.3). Keep docs/workflow.md in step. */
static const struct wf_transition table[] = {
	{ .num = 1, .from = S(NONE), .action = WF_A_SUBMIT,
	  .to = WF_S_RECEIVED, .roles = WF_ROLE_REPORTER | WF_ROLE_RECEPTION,
	  .t_start = T(INTAKE), .notify = WF_N_REPORTER,
	  .event = "submitted" },
	{ .num = 2, .from = S(RECEIVED), .action = WF_A_REQUEST_INFO,
	  .to = WF_S_NEEDS_INFO, .roles = WF_ROLE_RECEPTION,
	  .guards = WF_G_REASON, .t_pause = T(INTAKE),
	  .t_start = T(SUPPLEMENT), .notify = WF_N_REPORTER,
	  .event = "info_requested" },
	{ .num = 3, .from = S(NEEDS_INFO), .action = WF_A_SUPPLEMENT,
	  .to = WF_S_RECEIVED, .roles = WF_ROLE_REPORTER | WF_ROLE_RECEPTION,
	  .guards = WF_G_TEXT, .t_stop = T(SUPPLEMENT), .t_start = T(INTAKE),
	  .notify = WF_N_RECEPTION, .event = "info_supplied" },
	{ .num = 4, .from = S(NEEDS_INFO), .action = WF_A_EXPIRE_SUPPLEMENT,
	  .to = WF_S_NOT_ACCEPTED, .roles = WF_ROLE_SYSTEM,
	  .guards = WF_G_EXPIRED, .t_cancel = T(INTAKE),
	  .t_stop = T(SUPPLEMENT), .notify = WF_N_REPORTER,
	  .event = "supplement_expired" },
	{ .num = 5, .from = S(RECEIVED), .action = WF_A_REJECT,
	  .to = WF_S_NOT_ACCEPTED, .roles = WF_ROLE_RECEPTION,
	  .guards = WF_G_REASON, .t_stop = T(INTAKE),
	  .notify = WF_N_REPORTER, .event = "rejected" },
	{ .num = 6, .from = S(RECEIVED), .action = WF_A_MERGE,
	  .to = WF_S_MERGED, .roles = WF_ROLE_RECEPTION,
	  .guards = WF_G_DUPLICATE_OF, .t_stop = T(INTAKE),
	  .notify = WF_N_REPORTER, .event = "merged" },
	{ .num = 7, .from = S(RECEIVED) | S(NEEDS_INFO),
	  .action = WF_A_WITHDRAW, .to = WF_S_WITHDRAWN,
	  .roles = WF_ROLE_REPORTER, .t_cancel = T(INTAKE) | T(SUPPLEMENT),
	  .event = "withdrawn" },
	{ .num = 8, .from = S(RECEIVED), .action = WF_A_DISTRIBUTE,
	  .to = WF_S_DISTRIBUTED, .roles = WF_ROLE_RECEPTION,
	  .guards = WF_G_CLASSIFIED, .t_stop = T(INTAKE),
	  .t_start = AGENCY_TIMERS, .notify = WF_N_AGENCY,
	  .event = "distributed" },
	{ .num = 9, .from = S(DISTRIBUTED), .action = WF_A_ACCEPT,
	  .to = WF_S_IN_PROCESSING, .roles = WF_ROLE_OFFICER,
	  .guards = WF_G_LEAD_AGENCY, .t_stop = T(ACCEPT),
	  .event = "accepted" },
	{ .num = 10, .from = S(DISTRIBUTED) | S(IN_PROCESSING),
	  .action = WF_A_RETURN_NOT_COMPETENT, .to = WF_S_RETURNED_TO_CENTER,
	  .roles = WF_ROLE_OFFICER | WF_ROLE_LEADER,
	  .guards = WF_G_LEAD_AGENCY | WF_G_LEADER_RETURN | WF_G_REASON,
	  .t_cancel = T(PROCESS), .t_stop = T(ACCEPT) | T(RETURN),
	  .t_start = T(REDISTRIBUTE), .notify = WF_N_RECEPTION,
	  .event = "returned_not_competent" },
	{ .num = 11, .from = S(RETURNED_TO_CENTER),
	  .action = WF_A_REDISTRIBUTE, .to = WF_S_DISTRIBUTED,
	  .roles = WF_ROLE_RECEPTION, .guards = WF_G_CLASSIFIED,
	  .t_stop = T(REDISTRIBUTE), .t_start = AGENCY_TIMERS,
	  .notify = WF_N_AGENCY, .event = "redistributed" },
	{ .num = 12, .from = S(RETURNED_TO_CENTER) | S(IN_PROCESSING),
	  .action = WF_A_ESCALATE, .to = WF_S_ESCALATED,
	  .roles = WF_ROLE_MONITOR, .guards = WF_G_REASON,
	  .t_cancel = AGENCY_TIMERS, .t_stop = T(REDISTRIBUTE),
	  .notify = WF_N_MONITOR, .event = "escalated" },
	{ .num = 13, .from = S(ESCALATED), .action = WF_A_RECORD_DIRECTION,
	  .to = WF_S_DISTRIBUTED,
	  .roles = WF_ROLE_MONITOR | WF_ROLE_RECEPTION,
	  .guards = WF_G_DIRECTION | WF_G_CLASSIFIED,
	  .t_start = AGENCY_TIMERS, .notify = WF_N_AGENCY,
	  .event = "direction_recorded" },
	{ .num = 14, .from = S(IN_PROCESSING), .action = WF_A_SUBMIT_RESULT,
	  .to = WF_S_AWAITING_APPROVAL, .roles = WF_ROLE_OFFICER,
	  .guards = WF_G_LEAD_AGENCY | WF_G_TEXT,
	  .t_pause = T(PROCESS), .t_start = T(APPROVE),
	  .notify = WF_N_LEADER, .event = "result_submitted" },
	{ .num = 15, .from = S(AWAITING_APPROVAL),
	  .action = WF_A_RETURN_FOR_REWORK, .to = WF_S_IN_PROCESSING,
	  .roles = WF_ROLE_LEADER, .guards = WF_G_LEAD_AGENCY | WF_G_REASON,
	  .t_stop = T(APPROVE), .t_resume = T(PROCESS),
	  .notify = WF_N_ASSIGNEE, .event = "returned_for_rework" },
	{ .num = 16, .from = S(AWAITING_APPROVAL), .action = WF_A_APPROVE,
	  .to = WF_S_APPROVED, .roles = WF_ROLE_LEADER,
	  .guards = WF_G_LEAD_AGENCY, .flags = WF_F_EDIT_TEXT,
	  .t_stop = T(APPROVE), .t_start = T(PUBLISH),
	  .notify = WF_N_PUBLISHER, .event = "approved" },
	{ .num = 17, .from = S(APPROVED), .action = WF_A_PUBLISH,
	  .to = WF_S_PUBLISHED, .roles = WF_ROLE_PUBLISHER,
	  .guards = WF_G_NOT_CONFIDENTIAL, .flags = WF_F_EDIT_TEXT,
	  .t_cancel = T(RETURN), .t_stop = T(PUBLISH) | T(PROCESS),
	  .notify = WF_N_REPORTER,
	  .event = "published" },
	{ .num = 18, .from = S(APPROVED), .action = WF_A_DELIVER_PRIVATE,
	  .to = WF_S_DELIVERED_PRIVATELY, .roles = WF_ROLE_PUBLISHER,
	  .guards = WF_G_CONFIDENTIAL, .flags = WF_F_EDIT_TEXT,
	  .t_cancel = T(RETURN), .t_stop = T(PUBLISH) | T(PROCESS),
	  .notify = WF_N_REPORTER,
	  .event = "delivered_privately" },
	{ .num = 19, .from = NON_TERMINAL, .action = WF_A_FLAG_SECRET,
	  .to = WF_S_SECRET_OFFLINE, .roles = WF_ROLE_LEADER | WF_ROLES_CENTER,
	  .guards = WF_G_LEAD_AGENCY | WF_G_REASON,
	  .t_cancel = WF_TIMERS_ALL, .notify = WF_N_MONITOR,
	  .event = "flagged_secret" },
	{ .num = 20, .from = S(APPROVED), .action = WF_A_REJECT_PUBLICATION,
	  .to = WF_S_AWAITING_APPROVAL, .roles = WF_ROLE_PUBLISHER,
	  .guards = WF_G_REASON, .t_stop = T(PUBLISH),
	  .t_start = T(APPROVE), .notify = WF_N_LEADER,
	  .event = "publication_rejected" },
	{ .num = 21, .from = ANSWERED, .action = WF_A_FEEDBACK,
	  .to = WF_S_CLARIFYING, .roles = WF_ROLE_REPORTER,
	  .guards = WF_G_TEXT, .t_start = T(CLARIFY),
	  .notify = WF_N_ASSIGNEE, .event = "feedback_received" },
	{ .num = 22, .from = S(CLARIFYING),
	  .action = WF_A_SUBMIT_CLARIFICATION, .to = WF_S_CLARIFY_APPROVAL,
	  .roles = WF_ROLE_OFFICER, .guards = WF_G_LEAD_AGENCY | WF_G_TEXT,
	  .notify = WF_N_LEADER, .event = "clarification_submitted" },
	{ .num = 22, .from = S(CLARIFY_APPROVAL),
	  .action = WF_A_RETURN_CLARIFICATION, .to = WF_S_CLARIFYING,
	  .roles = WF_ROLE_LEADER, .guards = WF_G_LEAD_AGENCY | WF_G_REASON,
	  .notify = WF_N_ASSIGNEE, .event = "clarification_returned" },
	{ .num = 22, .from = S(CLARIFY_APPROVAL),
	  .action = WF_A_APPROVE_CLARIFICATION, .to = WF_S_CLARIFY_APPROVED,
	  .roles = WF_ROLE_LEADER, .guards = WF_G_LEAD_AGENCY,
	  .flags = WF_F_EDIT_TEXT, .notify = WF_N_PUBLISHER,
	  .event = "clarification_approved" },
	{ .num = 22, .from = S(CLARIFY_APPROVED),
	  .action = WF_A_REJECT_CLARIFICATION, .to = WF_S_CLARIFY_APPROVAL,
	  .roles = WF_ROLE_PUBLISHER, .guards = WF_G_REASON,
	  .notify = WF_N_LEADER, .event = "clarification_rejected" },
	{ .num = 22, .from = S(CLARIFY_APPROVED),
	  .action = WF_A_PUBLISH_CLARIFICATION, .to = WF_S_PUBLISHED,
	  .roles = WF_ROLE_PUBLISHER, .guards = WF_G_NOT_CONFIDENTIAL,
	  .flags = WF_F_EDIT_TEXT, .t_stop = T(CLARIFY),
	  .notify = WF_N_REPORTER, .event = "clarification_published" },
	{ .num = 22, .from = S(CLARIFY_APPROVED),
	  .action = WF_A_DELIVER_CLARIFICATION, .to = WF_S_DELIVERED_PRIVATELY,
	  .roles = WF_ROLE_PUBLISHER, .guards = WF_G_CONFIDENTIAL,
	  .flags = WF_F_EDIT_TEXT, .t_stop = T(CLARIFY),
	  .notify = WF_N_REPORTER, .event = "clarification_delivered" },
	{ .num = 23, .from = ANSWERED, .action = WF_A_RATE, .to = WF_S_SAME,
	  .roles = WF_ROLE_REPORTER, .guards = WF_G_RATING,
	  .event = "rated" },
	{ .num = 24, .from = ANSWERED, .action = WF_A_AUTO_CLOSE,
	  .to = WF_S_CLOSED, .roles = WF_ROLE_SYSTEM,
	  .guards = WF_G_CLOSABLE, .event = "auto_closed" },
	{ .num = 0, .from = ANSWERED | S(CLARIFYING), .action = WF_A_CLOSE,
	  .to = WF_S_CLOSED, .roles = WF_ROLE_MONITOR, .guards = WF_G_REASON,
	  .t_cancel = T(CLARIFY), .notify = WF_N_REPORTER,
	  .event = "closed" },
	{ .num = 25, .from = S(CLOSED), .action = WF_A_REOPEN,
	  .to = WF_S_DISTRIBUTED, .roles = WF_ROLE_MONITOR,
	  .guards = WF_G_REASON | WF_G_CLASSIFIED, .t_start = AGENCY_TIMERS,
	  .notify = WF_N_AGENCY, .event = "reopened" },
};

#define TABLE_LEN	(sizeof(table) / sizeof(table[0]))

const char *
wf_state_name(enum wf_state s)
{
	if ((unsigned)s >= WF_STATE_COUNT)
		return NULL;
	return states[s].name;
}

int
wf_state_parse(const char *name, enum wf_state *out)
{
	size_t	i;

	if (name == NULL)
		return -1;
	for (i = 0; i < WF_STATE_COUNT; i++) {
		if (strcmp(states[i].name, name) == 0) {
			*out = (enum wf_state)i;
			return 0;
		}
	}
	return -1;
}

const char *
wf_state_label_vi(enum wf_state s)
{
	if ((unsigned)s >= WF_STATE_COUNT)
		return NULL;
	return states[s].label_vi;
}

const char *
wf_state_label_en(enum wf_state s)
{
	if ((unsigned)s >= WF_STATE_COUNT)
		return NULL;
	return states[s].label_en;
}

int
wf_state_terminal(enum wf_state s)
{
	if ((unsigned)s >= WF_STATE_COUNT)
		return 0;
	return states[s].terminal;
}

int
wf_state_public_open(enum wf_state s)
{
	if ((unsigned)s >= WF_STATE_COUNT)
		return 0;
	return states[s].open;
}

enum wf_state
wf_state_public(enum wf_state s)
{
	if (s == WF_S_CLARIFY_APPROVAL || s == WF_S_CLARIFY_APPROVED)
		return WF_S_CLARIFYING;
	return s;
}

const char *
wf_action_name(enum wf_action a)
{
	if ((unsigned)a >= WF_ACTION_COUNT)
		return NULL;
	return action_names[a];
}

int
wf_action_parse(const char *name, enum wf_action *out)
{
	size_t	i;

	if (lookup_name(action_names, WF_ACTION_COUNT, name, &i) == -1)
		return -1;
	*out = (enum wf_action)i;
	return 0;
}

const char *
wf_role_name(unsigned bit)
{
	size_t	i;

	for (i = 0; i < WF_ROLE_COUNT; i++)
		if (bit == (1u << i))
			return role_names[i];
	return NULL;
}

int
wf_role_parse(const char *name, unsigned *bit)
{
	size_t	i;

	if (lookup_name(role_names, WF_ROLE_COUNT, name, &i) == -1)
		return -1;
	*bit = 1u << i;
	return 0;
}

const char *
wf_timer_name(enum wf_timer t)
{
	if ((unsigned)t >= WF_TIMER_COUNT)
		return NULL;
	return timers[t].name;
}

int
wf_timer_parse(const char *name, enum wf_timer *out)
{
	size_t	i;

	if (name == NULL)
		return -1;
	for (i = 0; i < WF_TIMER_COUNT; i++) {
		if (strcmp(timers[i].name, name) == 0) {
			*out = timers[i].timer;
			return 0;
		}
	}
	return -1;
}

const struct wf_timer_def *
wf_timers(size_t *n)
{
	*n = WF_TIMER_COUNT;
	return timers;
}

const char *
wf_owner_name(enum wf_owner o)
{
	if ((unsigned)o > WF_OWNER_REPORTER)
		return NULL;
	return owner_names[o];
}

const char *
wf_guard_name(unsigned bit)
{
	size_t	i;

	for (i = 0; i < WF_GUARD_COUNT; i++)
		if (guards[i].bit == bit)
			return guards[i].name;
	return NULL;
}

const char *
wf_notify_name(unsigned bit)
{
	size_t	i;

	for (i = 0; i < WF_NOTIFY_COUNT; i++)
		if (bit == (1u << i))
			return notify_names[i];
	return NULL;
}

const struct wf_transition *
wf_table(size_t *n)
{
	*n = TABLE_LEN;
	return table;
}

int
wf_check(enum wf_state from, enum wf_action act, unsigned actor_roles,
    const struct wf_ctx *ctx, const struct wf_transition **out,
    struct wf_err *err)
{
	static const struct wf_ctx	 none;
	const struct wf_transition	*row;
	struct wf_err			 e;
	int				 rc = -1;

	memset(&e, 0, sizeof(e));
	if (ctx == NULL)
		ctx = &none;
	if ((unsigned)from > WF_S_NONE || (unsigned)act >= WF_ACTION_COUNT) {
		err_set(&e, 400, "bad_request", NULL);
		snprintf(e.msg, sizeof(e.msg), "unknown state or action");
		snprintf(e.msg_vi, sizeof(e.msg_vi),
		    "trạng thái hoặc thao tác không hợp lệ");
		goto out;
	}
	row = find_row(from, act);
	if (row == NULL) {
		err_set(&e, 409, "wrong_state", NULL);
		snprintf(e.msg, sizeof(e.msg),
		    "action '%s' is not allowed in state '%s'",
		    action_names[act],
		    from == WF_S_NONE ? "none" : states[from].name);
		snprintf(e.msg_vi, sizeof(e.msg_vi),
		    "không thể thực hiện '%s' ở trạng thái hiện tại",
		    action_names[act]);
		goto out;
	}
	if (check_roles(row, actor_roles, &e) == -1)
		goto out;
	if (check_guards(row, actor_roles & row->roles, ~0u, ctx, &e) == -1)
		goto out;
	*out = row;
	rc = 0;
out:
	if (rc == -1 && err != NULL)
		*err = e;
	return rc;
}

int
wf_allowed_actions(enum wf_state state, unsigned roles,
    const struct wf_ctx *ctx, enum wf_action *out, size_t max, size_t *n)
{
	static const struct wf_ctx	 none;
	struct wf_err			 e;
	size_t				 i, k = 0;

	if (ctx == NULL)
		ctx = &none;
	for (i = 0; i < TABLE_LEN && (unsigned)state <= WF_S_NONE; i++) {
		if ((table[i].from & WF_BIT(state)) == 0)
			continue;
		if ((table[i].roles & roles) == 0)
			continue;
		if (check_guards(&table[i], table[i].roles & roles,
		    ~WF_G_PAYLOAD, ctx, &e) == -1)
			continue;
		if (k < max)
			out[k] = table[i].action;
		k++;
	}
	*n = k;
	return k > max ? -1 : 0;
}

static const struct wf_transition *
find_row(enum wf_state from, enum wf_action act)
{
	size_t	i;

	for (i = 0; i < TABLE_LEN; i++)
		if (table[i].action == act && (table[i].from & WF_BIT(from)))
			return &table[i];
	return NULL;
}

static int
check_roles(const struct wf_transition *row, unsigned actor_roles,
    struct wf_err *e)
{
	if ((row->roles & actor_roles) != 0)
		return 0;
	err_set(e, 403, "forbidden", NULL);
	snprintf(e->msg, sizeof(e->msg),
	    "your role may not do '%s'", action_names[row->action]);
	snprintf(e->msg_vi, sizeof(e->msg_vi),
	    "vai trò của bạn không được thực hiện '%s'",
	    action_names[row->action]);
	return -1;
}

/* Evaluates the row's guards that are also in `which`, in table order. */
static int
check_guards(const struct wf_transition *row, unsigned matched,
    unsigned which, const struct wf_ctx *ctx, struct wf_err *e)
{
	const struct guard_def	*g;
	size_t			 i;

	for (i = 0; i < WF_GUARD_COUNT; i++) {
		g = &guards[i];
		if ((row->guards & which & g->bit) == 0)
			continue;
		if (guard_ok(g, ctx, matched))
			continue;
		err_set(e, g->status, g->code, g->field);
		snprintf(e->msg, sizeof(e->msg), "%s", g->msg_en);
		snprintf(e->msg_vi, sizeof(e->msg_vi), "%s", g->msg_vi);
		return -1;
	}
	return 0;
}

static int
guard_ok(const struct guard_def *g, const struct wf_ctx *ctx,
    unsigned matched)
{
	const char	*base = (const char *)ctx;
	int		 v;

	if (g->test != NULL)
		return g->test(ctx, matched);
	memcpy(&v, base + g->off, sizeof(v));
	return v != 0;
}

static void
err_set(struct wf_err *e, int status, const char *code, const char *field)
{
	e->status = status;
	e->code = code;
	e->field = field;
}

static int
lookup_name(const char *const *names, size_t n, const char *name,
    size_t *idx)
{
	size_t	i;

	if (name == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (strcmp(names[i], name) == 0) {
			*idx = i;
			return 0;
		}
	}
	return -1;
}

/*
 * Agency roles act only for the lead agency; a match through a center,
 * reporter or system role is not agency-scoped.
 */
static int
g_lead_agency(const struct wf_ctx *c, unsigned matched)
{
	if ((matched & ~WF_ROLES_AGENCY) != 0)
		return 1;
	return c->actor_is_lead_agency;
}

static int
g_leader_return(const struct wf_ctx *c, unsigned matched)
{
	return !c->leader_must_return || (matched & WF_ROLE_LEADER) != 0;
}

static int
g_not_confidential(const struct wf_ctx *c, unsigned matched)
{
	(void)matched;
	return !c->confidential && !c->secret;
}

static int
g_confidential(const struct wf_ctx *c, unsigned matched)
{
	(void)matched;
	return c->confidential && !c->secret;
}

static int
g_closable(const struct wf_ctx *c, unsigned matched)
{
	(void)matched;
	return c->rated || c->inactive_expired;
}

