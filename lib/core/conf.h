/*
 * conf.h: table-driven loader for flat "key = value" configuration files.
 * Each program has one table of keys; unknown keys, bad types and values out
 * of range are errors reported as "file:line: message".
 */
#ifndef CONF_H
#define CONF_H

#include <stddef.h>

enum conf_type { CONF_STR, CONF_INT, CONF_BOOL, CONF_OCTAL, CONF_ENUM };

struct conf_key {
	const char		*name;
	enum conf_type		 type;
	size_t			 off;	/* offsetof() into the program's struct */
	long			 min, max;	/* CONF_INT bounds */
	long			 def_i;		/* default for INT/BOOL/OCTAL/ENUM */
	const char		*def_s;		/* default for STR */
	const char *const	*enums;		/* NULL-terminated names for ENUM */
	size_t			 strsz;		/* STR: size of the char array */
};

#define CONF_OFF(type, field)	offsetof(type, field)

/*
 * Fills dst (the program's config struct) with every key's default, then
 * reads path. On error, writes "path:line: message" into err (errsz bytes)
 * and returns -1. STR fields are char arrays of key->strsz bytes; INT, BOOL,
 * OCTAL and ENUM fields are int.
 */
int	conf_load(const struct conf_key *keys, void *dst, const char *path,
	    char *err, size_t errsz);
/* Only applies the defaults (used when no file is given, and by tests). */
void	conf_defaults(const struct conf_key *keys, void *dst);

#endif
