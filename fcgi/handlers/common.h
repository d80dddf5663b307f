/*
 * common.h: small helpers every handler uses: the actor of a request, the
 * case code in the path, error bodies from store results, JSON accessors.
 */
#ifndef HANDLERS_COMMON_H
#define HANDLERS_COMMON_H

#include <stdint.h>

#include "request.h"
#include "response.h"
#include "store/cases.h"

/* The acting staff member (or the reporter, for kind ACTOR_REPORTER). */
void		 req_actor(const struct req *, enum actor_kind, struct actor *);
/* The ":code" capture as a case id; 0 when malformed. */
int64_t		 req_case_code(const struct req *);
/* Turns a refused store result into the standard error; returns status. */
int		 resp_result(struct resp *, const struct case_result *);
/* Borrowed string member or NULL (also NULL for non-strings). */
const char	*jstr(json_t *, const char *key);
/* "lead_agency" / "coord_agencies": organisation codes to ids, via store. */
int		 req_org_ids(struct req *, json_t *, int64_t *lead,
		    int64_t **coord, size_t *ncoord, struct resp *);
/* Page and page_size from the query: 1-based page, size 1..max. */
void		 req_paging(struct req *, int max, int *page, int *size);

#endif
