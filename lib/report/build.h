/*
 * build.h: one report instance from request to files: the period, the
 * statistics (lib/store/stats.h), the issuing body and the stored
 * narrative (lib/store/report_inst.h) become the report data that the
 * writers of doc.h render. Used by the API, phananh-jobd and
 * phananh-admin. The only lib/report file that talks to the store.
 */
#ifndef REPORT_BUILD_H
#define REPORT_BUILD_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "report/period.h"

struct db;

/* The configured conventions (settings report_cutoff_day, _due_day). */
int	rpt_conf(struct db *, struct rp_conf *);

/*
 * Builds the report of type t for the period label (see rp_parse) and
 * scope org_id (0 = province) as of now: refreshes the daily aggregates,
 * then reads figures, lists, the issuing body and the stored narrative
 * (else a drafted one). *per gets the period, *out a new reference.
 * Returns 0, 1 when the label is malformed, -1 on a database error.
 */
int	rpt_build(struct db *, enum rp_type t, const char *label,
	    int64_t org_id, time_t now, struct rp_period *per, json_t **out);

/*
 * Writes <dir>/<base>.xlsx and <dir>/<base>.pdf; the paths go to xlsx and
 * pdf (each size bytes). 0 or -1.
 */
int	rpt_write_files(json_t *rep, const char *dir, const char *base,
	    char *xlsx, char *pdf, size_t size);

/* "2026-03-14" of a YYYYMMDD date into out (>= 11 bytes). */
void	rpt_day_text(int ymd, char *out, size_t size);

#endif
