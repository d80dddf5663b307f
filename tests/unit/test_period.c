/*
 * test_period.c: reporting periods, data windows and due dates
 * (lib/report/period.c) against dates worked out by hand from domain.md §11.
 */
#include <string.h>

#include "report/period.h"
#include "tap.h"

static void	check(enum rp_type, const char *, int, int, int);

static const struct rp_conf	dflt = RP_CONF_DEFAULT;

int
main(void)
{
	const struct rp_conf	cal = { 1, 19 };
	struct rp_period	p, q;
	enum rp_type		t;

	plan(57);
	/* monthly: 15 Feb .. 14 Mar, due 19 Mar */
	check(RP_MONTHLY, "2026-03", 20260215, 20260314, 20260319);
	/* January crosses the year: 15 Dec .. 14 Jan */
	check(RP_MONTHLY, "2026-01", 20251215, 20260114, 20260119);
	check(RP_QUARTERLY, "2026-Q1", 20251215, 20260314, 20260319);
	check(RP_QUARTERLY, "2026-Q4", 20260915, 20261214, 20261219);
	check(RP_HALFYEAR, "2026-H1", 20251215, 20260614, 20260619);
	check(RP_YEARLY, "2026", 20251215, 20261214, 20261219);
	/* ISO weeks: 2026-W01 starts Mon 29 Dec 2025; due the next Monday */
	check(RP_WEEKLY, "2026-W01", 20251229, 20260104, 20260105);
	check(RP_WEEKLY, "2026-W53", 20261228, 20270103, 20270104);
	check(RP_ADHOC, "2026-03-01..2026-03-31", 20260301, 20260331, 0);
	ok(rp_parse(RP_MONTHLY, "2026-13", &dflt, &p) == -1, "month 13");
	ok(rp_parse(RP_MONTHLY, "2026-3", &dflt, &p) == -1, "one-digit month");
	ok(rp_parse(RP_WEEKLY, "2025-W53", &dflt, &p) == -1,
	    "2025 has no week 53");
	ok(rp_parse(RP_ADHOC, "2026-03-31..2026-03-01", &dflt, &p) == -1,
	    "ad hoc range backwards");
	/* calendar months when the cutoff is 1 */
	ok(rp_parse(RP_MONTHLY, "2026-02", &cal, &p) == 0 &&
	    p.from_ymd == 20260201 && p.to_ymd == 20260228,
	    "cutoff 1: February is the calendar month");
	ok(rp_parse(RP_YEARLY, "2026", &cal, &p) == 0 &&
	    p.from_ymd == 20260101 && p.to_ymd == 20261231,
	    "cutoff 1: the calendar year");
	/* containing */
	ok(rp_containing(RP_MONTHLY, 20260314, &dflt, &p) == 0 &&
	    strcmp(p.label, "2026-03") == 0, "14 Mar is in 2026-03");
	ok(rp_containing(RP_MONTHLY, 20260315, &dflt, &p) == 0 &&
	    strcmp(p.label, "2026-04") == 0, "15 Mar is in 2026-04");
	ok(rp_containing(RP_MONTHLY, 20251220, &dflt, &p) == 0 &&
	    strcmp(p.label, "2026-01") == 0, "20 Dec 2025 is in 2026-01");
	ok(rp_containing(RP_YEARLY, 20251220, &dflt, &p) == 0 &&
	    strcmp(p.label, "2026") == 0, "20 Dec 2025 is in 2026");
	ok(rp_containing(RP_QUARTERLY, 20260615, &dflt, &p) == 0 &&
	    strcmp(p.label, "2026-Q3") == 0, "15 Jun is in Q3");
	ok(rp_containing(RP_WEEKLY, 20260101, &dflt, &p) == 0 &&
	    strcmp(p.label, "2026-W01") == 0, "1 Jan 2026 is in W01");
	ok(rp_containing(RP_WEEKLY, 20241230, &dflt, &p) == 0 &&
	    strcmp(p.label, "2025-W01") == 0, "30 Dec 2024 is in 2025-W01");
	ok(rp_next(&p, &dflt, &q) == 0 && strcmp(q.label, "2025-W02") == 0,
	    "next week");
	rp_parse(RP_MONTHLY, "2026-12", &dflt, &p);
	ok(rp_next(&p, &dflt, &q) == 0 && strcmp(q.label, "2027-01") == 0,
	    "month after December");
	/* dates */
	is_int(rp_ymd_add(20260228, 1), 20260301, "28 Feb + 1");
	is_int(rp_ymd_add(20240228, 1), 20240229, "leap day");
	is_int(rp_ymd_wday(20260309), 1, "9 Mar 2026 is a Monday");
	ok(rp_ymd_epoch(20260315, 420) == 1773507600, "15 Mar 2026 00:00+07");
	is_int(rp_epoch_ymd(1773507599, 420), 20260314, "a second earlier");
	ok(rp_type_parse("quarterly", &t) == 0 && t == RP_QUARTERLY,
	    "type names");
	return done();
}

static void
check(enum rp_type t, const char *label, int from, int to, int due)
{
	struct rp_period	p;

	ok(rp_parse(t, label, &dflt, &p) == 0, "%s parses", label);
	is_int(p.from_ymd, from, "%s from", label);
	is_int(p.to_ymd, to, "%s to", label);
	is_int(p.due_ymd, due, "%s due", label);
}
