/*
 * case_int.h: helpers shared by the case store files (not for callers
 * outside lib/store/).
 */
#ifndef STORE_CASE_INT_H
#define STORE_CASE_INT_H

#include <stdint.h>
#include <time.h>

#include "store/cases.h"

struct db;
struct timer_ctx;

struct case_event {
	int64_t			 id;		/* set by store_case_event */
	int64_t			 case_id;
	time_t			 at;
	const char		*kind, *from, *to;
	const struct actor	*who;
	int64_t			 org_id;	/* lead agency after the event */
	int			 public;
	const char		*note;
	const char		*data_json;
};

/* Appends one event (requires the caller's transaction). */
int	store_case_event(struct db *, struct case_event *);
/* Applies the timer effects of the row for (action, from). */
int	store_case_timers(struct db *, const struct timer_ctx *,
	    enum wf_action, enum wf_state from);
/* The action's effects on the case row (case_apply.c); *assignee is
 * updated when the action assigns an officer. */
int	store_case_apply(struct db *, int64_t id, int64_t *assignee,
	    const struct actor *, const struct case_action *,
	    const struct wf_transition *, time_t now);
int	store_setting_int(struct db *, const char *name, int def);
void	store_result_err(struct case_result *, int status, const char *code,
	    const char *field, const char *msg);
/* 0 when the field ("field") or unit ("unit") code exists, 1 if not. */
int	store_code_exists(struct db *, const char *kind, const char *code);

#endif
