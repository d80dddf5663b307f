/*
 * orgs.h: organisation lookups for handlers (codes to ids, suggestions).
 */
#ifndef STORE_ORGS_H
#define STORE_ORGS_H

#include <stdint.h>

#include <jansson.h>

struct db;

/* 0 found, 1 unknown/inactive, -1 error. */
int	store_org_id(struct db *, const char *code, int64_t *id);
/* Reference data for forms: fields with groups, agencies, units (new ref). */
int	store_meta_json(struct db *, json_t **out);
/* Routing suggestion for a case (field × unit → lead and coordinating) and
 * duplicate candidates (same field, within ~500 m, last 30 days). */
int	store_case_suggestions(struct db *, int64_t case_id, const char *field,
	    json_t **out);

#endif
