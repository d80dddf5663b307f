/*
 * report_inst.h: what reports need besides statistics: the report settings,
 * the issuing body of a report, the stored report instances (files, the
 * editable narrative, number, signer; migration 013), e-mail
 * notifications of new reports and the case export (audited with
 * store/audit.h).
 */
#ifndef STORE_REPORT_INST_H
#define STORE_REPORT_INST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

struct db;

/* settings rows report_* (docs/reports.md), with their defaults */
struct report_settings {
	int	cutoff_day;		/* report_cutoff_day, 15 */
	int	due_day;		/* report_due_day, 19 */
	int	lead_wd;		/* report_lead_wd, 3 working days */
	char	types[128];		/* report_types, comma list */
	char	recipients[1024];	/* report_recipients, e-mails */
};

/* Reads the settings; missing or malformed rows keep the defaults. */
int	store_report_settings(struct db *, struct report_settings *);

/*
 * The issuing body of a report for org_id (0 = the province: the center
 * of settings.center_org): {superior, issuer_code, issuer_name, place,
 * signer_title}. *out is a new reference. 0 or -1.
 */
int	store_report_meta(struct db *, int64_t org_id, json_t **out);

struct report_inst {
	const char	*type;
	const char	*period;
	int64_t		 org_id;	/* 0 = province */
	const char	*from_day;	/* "YYYY-MM-DD", window, inclusive */
	const char	*to_day;
	const char	*due_day;	/* or NULL */
	/* narrative part (store_report_inst_narrative) */
	const char	*narrative;
	const char	*doc_number;	/* NULL keeps the stored one */
	const char	*signer;	/* NULL keeps the stored one */
	int64_t		 user_id;
	/* files part (store_report_inst_files) */
	time_t		 generated_at;
	const char	*xlsx_path, *pdf_path, *csv_path;
	time_t		 now;
};

/*
 * The stored instance as {id, narrative, doc_number, signer,
 * generated_at, xlsx_path, pdf_path}: 0 found (*out new reference),
 * 1 none, -1 error.
 */
int	store_report_inst_get(struct db *, const char *type,
	    const char *period, int64_t org_id, json_t **out);
/* Creates or updates the instance's narrative, number and signer. */
int	store_report_inst_narrative(struct db *, const struct report_inst *);
/* Creates or updates the instance's files and generation time. */
int	store_report_inst_files(struct db *, const struct report_inst *);

/* Queues an e-mail (notifications, template "report_ready") to addr with
 * payload (JSON text) for phananh-jobd's mail module. 0 or -1. */
int	store_report_mail(struct db *, const char *addr, const char *payload,
	    time_t now);

/* The reporter's name for the reporter's copy of the notice ("" if
 * none); out holds size bytes. 0 or -1. */
int	store_case_reporter_name(struct db *, int64_t case_id, char *out,
	    size_t size);

/* Filters of a case export; NULL/0 members do not filter. */
struct export_filter {
	int		 from_ymd, to_ymd;	/* received, local days */
	int64_t		 org_id;		/* lead agency */
	const char	*field;			/* field code */
	const char	*state;
	const char	*channel;
	int		 identity;		/* add reporter name, phone, e-mail */
	int		 limit;
};

/*
 * Cases matching f as an array of objects (code, received_at, channel,
 * state, field, group, unit, agency, address, description, distributed_at,
 * published_at, rating; plus reporter_name, reporter_phone, reporter_email
 * when f->identity). Secret cases carry their stub only. *out new ref.
 */
int	store_export_cases(struct db *, const struct export_filter *f,
	    json_t **out);

#endif
