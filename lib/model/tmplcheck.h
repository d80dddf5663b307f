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

/* Returns 1 when name (not NUL-terminated, len bytes) is known, else 0. */
int	tmpl_is_known(const char *name, size_t len);

/*
 * Checks every "{name}" of body: "{{" and "}}" are literal braces, any
 * other brace must open or close a known placeholder. Returns 0 when the
 * text is valid, else -1 with a short reason in why (e.g. "unknown
 * placeholder {cod}", "unclosed {") — why may be NULL. Borrows body.
 */
int	tmpl_check(const char *body, char *why, size_t whysz);

#endif
