/*
 * report.h: validation of a citizen's report (domain.md §5.2) from JSON
 * into struct case_new. Pure: no database, no I/O.
 */
#ifndef MODEL_REPORT_H
#define MODEL_REPORT_H

#include <jansson.h>

#include "store/cases.h"

#define REPORT_MAX_DESCRIPTION	20000	/* bytes */

struct verr {
	const char	*field;		/* static */
	const char	*code;		/* static */
	char		 msg[160];
};

struct report_rules {
	int	require_email;		/* B14: strict by default */
	int	require_phone;
	int	require_declaration;
};

/*
 * Fills cn from the JSON object j (strings are borrowed from j, which must
 * outlive cn). phone receives the E.164 form. Returns 0, or -1 with *ve
 * naming the field. Does not check codes against the database.
 */
int	model_report_from_json(json_t *j, const struct report_rules *,
	    struct case_new *cn, char phone[16], struct verr *ve);

#endif
