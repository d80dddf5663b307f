/*
 * test_core.c: arena, buf, parse and conf (lib/core).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/conf.h"
#include "core/parse.h"
#include "tap.h"

struct tconf {
	char	name[16];
	int	n;
	int	flag;
	int	mode;
	int	level;
};

static const char *const levels[] = { "low", "high", NULL };
static const struct conf_key tkeys[] = {
	{ "name", CONF_STR, CONF_OFF(struct tconf, name), .def_s = "x",
	    .strsz = 16 },
	{ "n", CONF_INT, CONF_OFF(struct tconf, n), 1, 10, 5 },
	{ "flag", CONF_BOOL, CONF_OFF(struct tconf, flag), .def_i = 0 },
	{ "mode", CONF_OCTAL, CONF_OFF(struct tconf, mode), .def_i = 0600 },
	{ "level", CONF_ENUM, CONF_OFF(struct tconf, level), .def_i = 0,
	    .enums = levels },
	{ NULL }
};

static void
test_arena(void)
{
	struct arena	*a = arena_new(64);
	char		*s, *big;

	s = arena_strdup(a, "hello");
	is_str(s, "hello", "arena_strdup copies");
	big = arena_alloc(a, 10000);
	ok(big != NULL && big[9999] == 0, "large allocation gets its own chunk, zeroed");
	is_str(arena_printf(a, "%d-%s", 42, "x"), "42-x", "arena_printf formats");
	ok(arena_used(a) >= 10000, "arena_used counts bytes");
	arena_reset(a);
	is_int(arena_used(a), 0, "reset returns everything");
	arena_free(a);
}

static void
test_buf(void)
{
	struct buf	b;

	buf_init(&b, 8);
	is_int(buf_puts(&b, "12345678"), 0, "append up to the limit");
	is_int(buf_puts(&b, "9"), -1, "append beyond the limit fails");
	is_str(buf_str(&b), "12345678", "content unchanged after a refused append");
	buf_reset(&b);
	buf_init(&b, 100);
	buf_xml_escape(&b, "a<b>&\"c'");
	is_str(buf_str(&b), "a&lt;b&gt;&amp;&quot;c&apos;", "xml escape");
	buf_free(&b);
}

static void
test_parse(void)
{
	int64_t		v = 0;
	char		out[32];
	const char	*k, *val;
	size_t		pos = 0, kl, vl;

	is_int(parse_i64("42", 0, 100, &v), 0, "parse 42");
	is_int(v, 42, "value 42");
	is_int(parse_i64("42x", 0, 100, &v), -1, "junk after the number refused");
	is_int(parse_i64("101", 0, 100, &v), -1, "out of range refused");
	is_int(parse_i64("", 0, 100, &v), -1, "empty refused");
	is_int(pct_decode("a%20b+c", 7, out, sizeof(out), 1), 5, "decoded length");
	is_str(out, "a b c", "percent and plus decoding");
	is_int(pct_decode("%zz", 3, out, sizeof(out), 0), -1, "bad escape refused");
	is_int(pct_decode("%00", 3, out, sizeof(out), 0), -1, "embedded NUL refused");
	is_int(pct_decode("%4", 2, out, sizeof(out), 0), -1, "truncated escape refused");
	is_int(pct_decode("%C4%91", 6, out, sizeof(out), 0), 2, "UTF-8 bytes decoded");
	is_str(out, "\xc4\x91", "decoded đ");
	ok(qs_next("a=1&&b", &pos, &k, &kl, &val, &vl) == 1 && kl == 1 && vl == 1,
	    "first pair");
	ok(qs_next("a=1&&b", &pos, &k, &kl, &val, &vl) == 1 && kl == 1 && vl == 0 &&
	    *k == 'b', "empty pair skipped; key without value");
	is_int(qs_next("a=1&&b", &pos, &k, &kl, &val, &vl), 0, "end of pairs");
	is_int(json_depth_ok("[[[1]]]", 7, 3), 0, "depth 3 within 3");
	is_int(json_depth_ok("[[[[1]]]]", 9, 3), -1, "depth 4 over 3");
	is_int(json_depth_ok("{\"a\":\"[[[[[\"}", 13, 2), 0, "brackets in strings ignored");
	is_int(str_ct_equal("secret", "secret"), 1, "ct equal");
	is_int(str_ct_equal("secret", "secreT"), 0, "ct differs");
	is_int(str_ct_equal("secret", "secrets"), 0, "ct length differs");
}

static void
test_conf(void)
{
	struct tconf	c;
	char		path[] = "/tmp/phananh-conf-XXXXXX", err[256];
	int		fd;
	FILE		*fp;

	fd = mkstemp(path);
	fp = fdopen(fd, "w");
	fputs("# comment\nname = demo\n  n=7\nflag = yes\nmode = 0640\nlevel = high\n", fp);
	fclose(fp);
	is_int(conf_load(tkeys, &c, path, err, sizeof(err)), 0, "valid file loads");
	is_str(c.name, "demo", "string key");
	is_int(c.n, 7, "int key");
	is_int(c.flag, 1, "bool key");
	is_int(c.mode, 0640, "octal key");
	is_int(c.level, 1, "enum key");
	fp = fopen(path, "w");
	fputs("name = a\n\nn = 11\n", fp);
	fclose(fp);
	is_int(conf_load(tkeys, &c, path, err, sizeof(err)), -1, "out of range refused");
	ok(strstr(err, ":3: n:") != NULL, "error names file:line and key (%s)", err);
	fp = fopen(path, "w");
	fputs("bogus = 1\n", fp);
	fclose(fp);
	is_int(conf_load(tkeys, &c, path, err, sizeof(err)), -1, "unknown key refused");
	ok(strstr(err, ":1: unknown key 'bogus'") != NULL, "unknown key message");
	unlink(path);
	conf_defaults(tkeys, &c);
	ok(strcmp(c.name, "x") == 0 && c.n == 5 && c.mode == 0600, "defaults");
}

int
main(void)
{
	test_arena();
	test_buf();
	test_parse();
	test_conf();
	return done();
}
