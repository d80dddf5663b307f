/*
 * tmplcheck.h: the placeholders a notification template may use, and the
 * check an administrator's text must pass before it replaces a shipped
 * template (data/templates). Pure: no I/O.
 */
#ifndef MODEL_TMPLCHECK_H
#define MODEL_TMPLCHECK_H

#include <stddef.h>

/* Known placeholder names, NULL-terminated; static storage. */
extern const char *const tmpl_known[];
/* Further names e-mail, push and Facebook texts may use (recipient,
 * link, intake payload); NULL-terminated, static. */
extern const char *const tmpl_known_mail[];
/* The only names of the official notice's sentences; NULL-terminated,
 * static. */
extern const char *const tmpl_known_notice[];

/* Returns 1 when name (not NUL-terminated, len bytes) is known, else 0. */
int	tmpl_is_known(const char *name, size_t len);

/*
 * Checks every "{name}" of body: "{{" and "}}" are literal braces, any
 * other brace must open or close a known placeholder. Returns 0 when the
 * text is valid, else -1 with a short reason in why (e.g. "unknown
 * placeholder {cod}", "unclosed {") — why may be NULL. Borrows body.
 */
int	tmpl_check(const char *body, char *why, size_t whysz);

/*
 * As tmpl_check(), for a text of channel: "email", "push" and "facebook"
 * also know tmpl_known_mail; "notice" knows only tmpl_known_notice; any
 * other channel (and NULL) is tmpl_check(). Borrows both strings.
 */
int	tmpl_check_for(const char *channel, const char *body, char *why,
	    size_t whysz);

#endif
