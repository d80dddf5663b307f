/*
 * phone.c: phone number normalisation to E.164 and masking for logs.
 * It knows Vietnam's numbering plan only as far as digit counts go.
 */
#include <stdio.h>
#include <string.h>

#include "phone.h"

#define PHONE_IN_MAX	63	/* longest raw input we look at */
#define DIGITS_MIN	8	/* E.164 digits, foreign numbers */
#define DIGITS_MAX	14	/* limited by PHONE_E164_SIZE */

static int	collect_digits(const char *, char *, size_t, int *);
static int	vn_nsn_valid(const char *);
static int	write_e164(const char *, const char *, char *);

int
phone_normalize(const char *in, char out[PHONE_E164_SIZE])
{
	char		 d[PHONE_IN_MAX + 1];
	const char	*intl = NULL;
	int		 plus;

	if (out == NULL)
		return -1;
	out[0] = '\0';
	if (in == NULL || collect_digits(in, d, sizeof(d), &plus) == -1)
		return -1;
	if (plus)
		intl = d;
	else if (strncmp(d, "00", 2) == 0)
		intl = d + 2;
	else if (strncmp(d, "84", 2) == 0)
		intl = d;
	else if (d[0] == '0')
		return write_e164("84", d + 1, out);
	else
		return -1;
	if (strncmp(intl, "84", 2) == 0)
		return write_e164("84", intl + 2, out);
	if (intl[0] == '0')
		return -1;
	return write_e164("", intl, out);
}

int
phone_mask(const char *e164, char out[PHONE_E164_SIZE])
{
	size_t	len, i;

	if (out == NULL)
		return -1;
	out[0] = '\0';
	if (e164 == NULL || e164[0] != '+')
		return -1;
	len = strlen(e164);
	if (len < 1 + DIGITS_MIN || len > 1 + DIGITS_MAX)
		return -1;
	if (strspn(e164 + 1, "0123456789") != len - 1)
		return -1;
	for (i = 0; i < len; i++)
		out[i] = (i < 5 || i >= len - 3) ? e164[i] : '*';
	out[len] = '\0';
	return 0;
}

/*
 * Copy the digits of in to d, skipping separators; *plus tells whether the
 * number started with '+'. Fails on any other character, a misplaced '+',
 * no digits or more than dsz - 1 digits.
 */
static int
collect_digits(const char *in, char *d, size_t dsz, int *plus)
{
	size_t	n = 0, i;

	*plus = 0;
	if (strlen(in) > PHONE_IN_MAX)
		return -1;
	for (i = 0; in[i] != '\0'; i++) {
		if (in[i] >= '0' && in[i] <= '9') {
			if (n + 1 >= dsz)
				return -1;
			d[n++] = in[i];
		} else if (in[i] == '+' && n == 0 && !*plus)
			*plus = 1;
		else if (strchr(" .-()", in[i]) == NULL)
			return -1;
	}
	d[n] = '\0';
	return n > 0 ? 0 : -1;
}

/* Vietnamese national significant number: mobile or landline digit counts. */
static int
vn_nsn_valid(const char *nsn)
{
	size_t	len = strlen(nsn);

	if (nsn[0] == '2')
		return (len == 9 || len == 10) ? 0 : -1;
	if (nsn[0] != '\0' && strchr("35789", nsn[0]) != NULL)
		return len == 9 ? 0 : -1;
	return -1;
}

/* "+" cc nsn into out; cc "" means nsn already holds the whole number. */
static int
write_e164(const char *cc, const char *nsn, char *out)
{
	size_t	len;
	int	n;

	if (cc[0] != '\0') {
		if (nsn[0] == '0')
			nsn++;		/* trunk 0 after +84 */
		if (vn_nsn_valid(nsn) == -1)
			return -1;
	}
	len = strlen(cc) + strlen(nsn);
	if (len < DIGITS_MIN || len > DIGITS_MAX)
		return -1;
	n = snprintf(out, PHONE_E164_SIZE, "+%s%s", cc, nsn);
	if (n < 0 || (size_t)n >= PHONE_E164_SIZE) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}
