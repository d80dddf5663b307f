/*
 * sqlbench.c: the database ceiling of the benchmark. Runs the statements an
 * endpoint runs, through the same lib/store functions and prepared
 * statements, from N processes (one connection each) for D seconds, without
 * nginx, FastCGI or JSON output. Not part of phananh; bench/run.sh runs it.
 *
 *   sqlbench -c MY.CNF -m MODE [-n PROCS] [-d SECONDS] [-f IDS] [-o ORG]
 *            [-p PAGE] [-g GROUP]
 *   MODE: public (store_case_view, public view, ids from -f), list (public
 *   list, field GTVT, page -p), queue (processing queue and the counts of
 *   organisation code -o), create (store_case_create: the durable report)
 * Prints: SQLRESULT mode=M procs=N ops=N secs=S rate=R p50_us=P p99_us=Q
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "core/log.h"
#include "crypto.h"
#include "db.h"
#include "store/cases.h"
#include "store/lists.h"
#include "store/orgs.h"

#define MAX_PROCS	256
#define MAX_IDS		100000
#define BUCKET_US	10
#define NBUCKETS	20000		/* 10 µs buckets up to 200 ms */

struct opts {
	const char	*cnf, *group, *mode, *ids_file, *org;
	int		 procs, secs, page;
};

struct tally {
	uint64_t	ops;
	uint32_t	hist[NBUCKETS];
};

static int	parse_args(int, char **, struct opts *);
static int	child(const struct opts *, int);
static int	one_op(struct db *, const struct opts *, int64_t, const int64_t *,
		    size_t, unsigned *);
static int	load_ids(const char *, int64_t **, size_t *);
static double	now_s(void);
static int	collect(int *, int, struct tally *);
static uint64_t	percentile(const struct tally *, double);
static int	num(const char *, int);

int
main(int argc, char **argv)
{
	struct opts	 o;
	struct tally	*t;
	int		 fds[MAX_PROCS], p[2], i;
	pid_t		 pid;
	double		 t0;

	if (parse_args(argc, argv, &o) == -1) {
		fprintf(stderr, "usage: sqlbench -c MY.CNF -m public|list|queue|"
		    "create [-n PROCS] [-d SECONDS] [-f IDS] [-o ORG] [-p PAGE]"
		    " [-g GROUP]\n");
		return 2;
	}
	log_init("sqlbench", LOG_WARN);
	t0 = now_s();
	for (i = 0; i < o.procs; i++) {
		if (pipe(p) == -1 || (pid = fork()) == -1)
			return 1;
		if (pid == 0) {
			close(p[0]);
			_exit(child(&o, p[1]));
		}
		close(p[1]);
		fds[i] = p[0];
	}
	t = calloc(1, sizeof(*t));
	if (t == NULL || collect(fds, o.procs, t) == -1)
		return 1;
	while (wait(NULL) > 0)
		;
	printf("SQLRESULT mode=%s procs=%d ops=%llu secs=%.2f rate=%.1f "
	    "p50_us=%llu p99_us=%llu\n", o.mode, o.procs,
	    (unsigned long long)t->ops, now_s() - t0, t->ops / (double)o.secs,
	    (unsigned long long)percentile(t, 0.50),
	    (unsigned long long)percentile(t, 0.99));
	free(t);
	return 0;
}

/* One connection: run operations until the deadline, then report a tally. */
static int
child(const struct opts *o, int out)
{
	struct tally	*t = calloc(1, sizeof(*t));
	struct db	*db = NULL;
	int64_t		*ids = NULL, org = 0;
	size_t		 nids = 0;
	unsigned	 seed = (unsigned)getpid();
	double		 end, a, b;
	uint64_t	 us;
	int		 rc = 1;

	if (t == NULL || crypto_init() == -1)
		goto out;
	db = db_open(o->cnf, o->group);
	if (db == NULL || (o->ids_file && load_ids(o->ids_file, &ids, &nids)))
		goto out;
	if (o->org != NULL && store_org_id(db, o->org, &org) != 0)
		goto out;
	end = now_s() + o->secs;
	for (a = now_s(); a < end; a = b) {
		if (one_op(db, o, org, ids, nids, &seed) == -1)
			goto out;
		b = now_s();
		us = (uint64_t)((b - a) * 1e6) / BUCKET_US;
		t->hist[us < NBUCKETS ? us : NBUCKETS - 1]++;
		t->ops++;
	}
	rc = write(out, t, sizeof(*t)) == (ssize_t)sizeof(*t) ? 0 : 1;
out:
	close(out);
	db_close(db);
	free(ids);
	free(t);
	return rc;
}

static int
one_op(struct db *db, const struct opts *o, int64_t org, const int64_t *ids,
    size_t nids, unsigned *seed)
{
	struct list_filter	 f = { .field = "GTVT", .page = o->page,
	    .size = 20 };
	struct case_new		 cn = { .channel = "portal", .description =
	    "Mặt đường gần chợ Lớn có nhiều ổ gà lớn, nước đọng sau mưa, rất "
	    "nguy hiểm cho người đi xe máy. Đề nghị sớm sửa chữa (sqlbench).",
	    .field_code = "GTVT", .has_point = 1, .lat = 13.9, .lng = 108.9,
	    .address = "12 đường Hùng Vương", .name = "Nguyễn Văn Bench",
	    .phone = "+84905123456" };
	struct actor		 who = { .kind = ACTOR_REPORTER };
	struct case_created	 cc;
	struct case_result	 res;
	json_t			*j = NULL, *k = NULL;
	time_t			 now = time(NULL);
	int			 rc;

	if (strcmp(o->mode, "public") == 0) {
		if (nids == 0)
			return -1;
		rc = store_case_view(db, ids[(size_t)rand_r(seed) % nids],
		    VIEW_PUBLIC, NULL, now, &j);
		rc = rc == 1 ? 0 : rc;
	} else if (strcmp(o->mode, "list") == 0)
		rc = store_public_list(db, &f, &j);
	else if (strcmp(o->mode, "queue") == 0) {
		f.field = NULL;
		f.page = 1;
		rc = store_queue(db, Q_PROCESSING, org, &f, now, &j);
		if (rc == 0)
			rc = store_queue_counts(db, org, now, &k);
	} else {
		cn.received_at = now;
		rc = store_case_create(db, &cn, &who, now, &cc, &res);
	}
	json_decref(j);
	json_decref(k);
	return rc;
}

static int
collect(int *fds, int n, struct tally *sum)
{
	struct tally	*t = malloc(sizeof(*t));
	size_t		 got, b;
	ssize_t		 r;
	int		 i, rc = -1;

	if (t == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		for (got = 0; got < sizeof(*t); got += (size_t)r) {
			r = read(fds[i], (char *)t + got, sizeof(*t) - got);
			if (r <= 0 && !(r == -1 && errno == EINTR))
				break;
			r = r < 0 ? 0 : r;
		}
		close(fds[i]);
		if (got != sizeof(*t)) {
			fprintf(stderr, "sqlbench: process %d failed\n", i);
			goto out;
		}
		sum->ops += t->ops;
		for (b = 0; b < NBUCKETS; b++)
			sum->hist[b] += t->hist[b];
	}
	rc = 0;
out:
	free(t);
	return rc;
}

static uint64_t
percentile(const struct tally *t, double q)
{
	uint64_t	want = (uint64_t)(t->ops * q), seen = 0;
	size_t		b;

	for (b = 0; b < NBUCKETS; b++) {
		seen += t->hist[b];
		if (seen > want)
			return (uint64_t)(b + 1) * BUCKET_US;
	}
	return (uint64_t)NBUCKETS * BUCKET_US;
}

static int
load_ids(const char *path, int64_t **ids, size_t *n)
{
	FILE	*f = fopen(path, "r");
	char	 line[64], *end;
	long long v;

	*ids = calloc(MAX_IDS, sizeof(**ids));
	*n = 0;
	if (f == NULL || *ids == NULL) {
		if (f != NULL)
			fclose(f);
		return -1;
	}
	while (*n < MAX_IDS && fgets(line, sizeof(line), f) != NULL) {
		errno = 0;
		v = strtoll(line, &end, 10);
		if (errno == 0 && end != line && v > 0)
			(*ids)[(*n)++] = v;
	}
	fclose(f);
	return *n > 0 ? 0 : -1;
}

static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
parse_args(int argc, char **argv, struct opts *o)
{
	int	ch;

	memset(o, 0, sizeof(*o));
	o->group = "client-phananh";
	o->procs = 8;
	o->secs = 5;
	o->page = 1;
	o->org = NULL;
	while ((ch = getopt(argc, argv, "c:g:m:n:d:f:o:p:")) != -1) {
		switch (ch) {
		case 'c': o->cnf = optarg; break;
		case 'g': o->group = optarg; break;
		case 'm': o->mode = optarg; break;
		case 'n': o->procs = num(optarg, MAX_PROCS); break;
		case 'd': o->secs = num(optarg, 3600); break;
		case 'f': o->ids_file = optarg; break;
		case 'o': o->org = optarg; break;
		case 'p': o->page = num(optarg, 100000); break;
		default: return -1;
		}
	}
	if (o->cnf == NULL || o->mode == NULL || o->procs < 1 ||
	    o->procs > MAX_PROCS || o->secs < 1 || o->page < 1)
		return -1;
	if (strcmp(o->mode, "public") != 0 && strcmp(o->mode, "list") != 0 &&
	    strcmp(o->mode, "queue") != 0 && strcmp(o->mode, "create") != 0)
		return -1;
	return 0;
}

/* A whole number in 1..max, or 0 (rejected by the caller's checks). */
static int
num(const char *s, int max)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > max)
		return 0;
	return (int)v;
}
