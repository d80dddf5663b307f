/*
 * tap.h: minimal Test Anything Protocol helpers for unit tests.
 * Header-only; each test program includes it once.
 */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int	tap_n, tap_fail, tap_planned;

static inline void
plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
}

static inline void
skip_all(const char *why)
{
	printf("1..0 # SKIP %s\n", why);
}

static inline int
ok_(int cond, const char *fmt, ...)
{
	va_list	ap;

	tap_n++;
	if (!cond)
		tap_fail++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return cond;
}

#define ok(cond, ...)	ok_((cond) != 0, __VA_ARGS__)

#define is_int(got, want, ...) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (!ok_(g_ == w_, __VA_ARGS__))				\
		printf("#   got: %lld\n#   expected: %lld\n", g_, w_);	\
} while (0)

#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int c_ = (g_ == NULL && w_ == NULL) ||				\
	    (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0);		\
	if (!ok_(c_, __VA_ARGS__))					\
		printf("#   got: '%s'\n#   expected: '%s'\n",		\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
} while (0)

static inline int
done(void)
{
	if (tap_planned == 0)
		printf("1..%d\n", tap_n);
	else if (tap_planned != tap_n)
		printf("# planned %d tests but ran %d\n", tap_planned, tap_n);
	return tap_fail != 0 || (tap_planned && tap_planned != tap_n);
}

#endif /* TAP_H */
