/*
 * template.h: the SMS templates (data/templates/sms/<name>.txt) and their
 * variables. Pure apart from reading the template file.
 */
#ifndef SMS_TEMPLATE_H
#define SMS_TEMPLATE_H

#include <stddef.h>

/* Values for a template: parallel arrays of n keys/values, borrowed. */
#define TMPL_VARS_MAX	24

struct tmpl_vars {
	const char	*keys[TMPL_VARS_MAX];
	const char	*vals[TMPL_VARS_MAX];
	size_t		 n;
	char		 store[4096];	/* copies of payload values */
	size_t		 used;
};

/*
 * Sets key to val in v (replacing an earlier value of key). val is copied
 * into v->store when copy is 1, else borrowed. Returns 0, or -1 when v is
 * full.
 */
int	tmpl_var_set(struct tmpl_vars *v, const char *key, const char *val,
	    int copy);

/*
 * Adds the string and integer members of the JSON object text payload to
 * v (copied); other members are ignored. "" adds nothing. Returns 0, or -1
 * on invalid JSON or when v is full.
 */
int	tmpl_vars_payload(struct tmpl_vars *v, const char *payload);

/*
 * Renders template name (file dir/name.txt, or dir/name.<lang>.txt when
 * lang is not "vi" and that file exists; trailing newlines dropped) with v
 * into out. name must be [a-z0-9_]+. Returns 0, or -1 with a reason in
 * err (missing file, bad template, unknown placeholder, too long).
 */
int	tmpl_render(const char *dir, const char *name, const char *lang,
	    const struct tmpl_vars *v, char *out, size_t outsz, char *err,
	    size_t errsz);

/* Renders a template given as text (an administrator's override). */
int	tmpl_render_text(const char *name, const char *text,
	    const struct tmpl_vars *v, char *out, size_t outsz, char *err,
	    size_t errsz);

/*
 * Copies utf8 into out, cut after max characters with "…" appended when
 * it was longer. Never cuts inside a character. Returns 0 or -1.
 */
int	tmpl_shorten(const char *utf8, size_t max, char *out, size_t outsz);

#endif /* SMS_TEMPLATE_H */
