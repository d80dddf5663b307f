/*
 * report_int.h: helpers shared by the statistics, report, notice and
 * export handlers (stats.c, reportdocs.c, notice.c, exports.c).
 */
#ifndef HANDLERS_REPORT_INT_H
#define HANDLERS_REPORT_INT_H

#include <stdint.h>

#include "request.h"
#include "response.h"

/* Whose figures a request may see. */
struct rscope {
	int64_t		 org_id;	/* 0 = the province */
	const char	*code;		/* agency code, "" for the province */
	int		 center;	/* caller has a center role */
};

/*
 * Center roles see the province, or one agency with ?agency=CODE; agency
 * leaders and administrators see their own agency. Returns 0, or an HTTP
 * status with the error body set.
 */
int		 report_scope(struct req *, struct resp *, struct rscope *);

/*
 * Moves the file at path into the response body (then unlinks it) with
 * the content type and a download file name. Returns 200 or 500.
 */
int		 report_send_file(struct resp *, const char *path,
		    const char *ctype, const char *filename);

/* A new private temporary directory (arena string), or NULL. */
char		*report_tmpdir(struct req *);

#endif
