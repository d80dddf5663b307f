/*
 * metrics.c: per-route request counters and latency histograms, and worker
 * exits, in one anonymous MAP_SHARED block that the master maps before it
 * forks. Every field is a C11 atomic uint64_t updated with relaxed
 * fetch-add: readers may see a request counted in one family and not yet
 * in the other, never a torn value. Not persistent: a restart of the
 * master starts from zero, which Prometheus treats as a counter reset.
 */
#include <sys/mman.h>

#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "metrics.h"
#include "router.h"

#define NMETHODS	7	/* enum method: M_NONE .. M_HEAD */
#define NCLASSES	5	/* 1xx .. 5xx */
#define NBUCKETS	12	/* the last one is +Inf */

/* Upper bounds of the latency buckets, seconds (+Inf implied). */
static const double	bucket_le[NBUCKETS - 1] = { 0.005, 0.01, 0.025, 0.05,
	0.1, 0.25, 0.5, 1, 2.5, 5, 10 };
static const char *const method_names[NMETHODS] = { "OTHER", "GET", "POST",
	"PUT", "PATCH", "DELETE", "HEAD" };
static const char *const exit_names[METRICS_EXIT_N] = { "crash", "recycle",
	"reload" };

struct cell {
	_Atomic uint64_t	status[NCLASSES];
	_Atomic uint64_t	bucket[NBUCKETS];	/* not cumulative */
	_Atomic uint64_t	sum_us;
};

struct metrics {
	const struct route	*routes;	/* same address in every child */
	size_t			 nroutes;
	_Atomic uint64_t	 exits[METRICS_EXIT_N];
	struct cell		 cells[];	/* (nroutes + 1) * NMETHODS */
};

static struct cell	*cell_at(const struct metrics *, size_t, int);
static uint64_t		 load(const _Atomic uint64_t *);
static int		 put_labels(struct buf *, const struct metrics *,
			    size_t, int);
static int		 render_requests(const struct metrics *, struct buf *);
static int		 render_latency(const struct metrics *, struct buf *);
static int		 render_histogram(const struct metrics *, size_t, int,
			    struct buf *);
static int		 render_exits(const struct metrics *, struct buf *);

struct metrics *
metrics_new(const struct route *routes)
{
	struct metrics	*m;
	size_t		 n = 0, size;
	void		*p;

	while (routes[n].path != NULL)
		n++;
	size = sizeof(*m) + (n + 1) * NMETHODS * sizeof(struct cell);
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	    -1, 0);
	if (p == MAP_FAILED) {
		log_err(NULL, "metrics: mmap %zu bytes: %s", size,
		    strerror(errno));
		return NULL;
	}
	m = p;				/* anonymous maps are zero-filled */
	m->routes = routes;
	m->nroutes = n;
	return m;
}

void
metrics_request(struct metrics *m, const struct route *route,
    enum method method, int status, double seconds)
{
	struct cell	*c;
	size_t		 ri, b;
	int		 cls = status / 100 - 1;

	if (m == NULL)
		return;
	ri = m->nroutes;
	if (route != NULL && route >= m->routes &&
	    route < m->routes + m->nroutes)
		ri = (size_t)(route - m->routes);
	if ((int)method < 0 || (int)method >= NMETHODS)
		method = M_NONE;
	c = cell_at(m, ri, (int)method);
	cls = cls < 0 ? 0 : cls >= NCLASSES ? NCLASSES - 1 : cls;
	seconds = seconds < 0 ? 0 : seconds;
	for (b = 0; b < NBUCKETS - 1 && seconds > bucket_le[b]; b++)
		;
	atomic_fetch_add_explicit(&c->status[cls], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->bucket[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->sum_us, (uint64_t)(seconds * 1e6 + 0.5),
	    memory_order_relaxed);
}

void
metrics_worker_exit(struct metrics *m, enum metrics_exit why)
{
	if (m == NULL || why >= METRICS_EXIT_N)
		return;
	atomic_fetch_add_explicit(&m->exits[why], 1, memory_order_relaxed);
}

int
metrics_render(const struct metrics *m, struct buf *out)
{
	if (render_requests(m, out) == -1 || render_latency(m, out) == -1 ||
	    render_exits(m, out) == -1)
		return -1;
	return 0;
}

int
metrics_label(struct buf *out, const char *v)
{
	int	rc = 0;

	for (; *v != '\0' && rc == 0; v++) {
		if (*v == '\\')
			rc = buf_puts(out, "\\\\");
		else if (*v == '"')
			rc = buf_puts(out, "\\\"");
		else if (*v == '\n')
			rc = buf_puts(out, "\\n");
		else
			rc = buf_append(out, v, 1);
	}
	return rc;
}

static struct cell *
cell_at(const struct metrics *m, size_t ri, int method)
{
	return (struct cell *)&m->cells[ri * NMETHODS + (size_t)method];
}

static uint64_t
load(const _Atomic uint64_t *v)
{
	return atomic_load_explicit(v, memory_order_relaxed);
}

/* route="…",method="…" (no braces) */
static int
put_labels(struct buf *out, const struct metrics *m, size_t ri, int method)
{
	if (buf_puts(out, "route=\"") == -1 ||
	    metrics_label(out, ri < m->nroutes ? m->routes[ri].path :
	    "unmatched") == -1)
		return -1;
	return buf_printf(out, "\",method=\"%s\"", method_names[method]);
}

static int
render_requests(const struct metrics *m, struct buf *out)
{
	const struct cell	*c;
	size_t			 ri;
	int			 me, k;
	uint64_t		 n;

	if (buf_puts(out, "# HELP phananh_http_requests_total Requests "
	    "answered by the workers, by route pattern, method and status "
	    "class.\n# TYPE phananh_http_requests_total counter\n") == -1)
		return -1;
	for (ri = 0; ri <= m->nroutes; ri++)
		for (me = 0; me < NMETHODS; me++)
			for (k = 0; k < NCLASSES; k++) {
				c = cell_at(m, ri, me);
				n = load(&c->status[k]);
				if (n == 0)
					continue;
				if (buf_puts(out,
				    "phananh_http_requests_total{") == -1 ||
				    put_labels(out, m, ri, me) == -1 ||
				    buf_printf(out, ",status=\"%dxx\"} %llu\n",
				    k + 1, (unsigned long long)n) == -1)
					return -1;
			}
	return 0;
}

static int
render_latency(const struct metrics *m, struct buf *out)
{
	size_t	ri;
	int	me;

	if (buf_puts(out, "# HELP phananh_http_request_duration_seconds "
	    "Time from the worker's accept to the response, by route "
	    "pattern and method.\n"
	    "# TYPE phananh_http_request_duration_seconds histogram\n") == -1)
		return -1;
	for (ri = 0; ri <= m->nroutes; ri++)
		for (me = 0; me < NMETHODS; me++)
			if (render_histogram(m, ri, me, out) == -1)
				return -1;
	return 0;
}

/* One histogram; nothing when the cell has never counted a request. */
static int
render_histogram(const struct metrics *m, size_t ri, int me, struct buf *out)
{
	const struct cell	*c = cell_at(m, ri, me);
	const char		*name = "phananh_http_request_duration_seconds";
	uint64_t		 cum = 0;
	int			 b;

	for (b = 0; b < NBUCKETS; b++)
		cum += load(&c->bucket[b]);
	if (cum == 0)
		return 0;
	cum = 0;
	for (b = 0; b < NBUCKETS; b++) {
		cum += load(&c->bucket[b]);
		if (buf_printf(out, "%s_bucket{", name) == -1 ||
		    put_labels(out, m, ri, me) == -1)
			return -1;
		if (b < NBUCKETS - 1 ?
		    buf_printf(out, ",le=\"%g\"} %llu\n", bucket_le[b],
		    (unsigned long long)cum) == -1 :
		    buf_printf(out, ",le=\"+Inf\"} %llu\n",
		    (unsigned long long)cum) == -1)
			return -1;
	}
	if (buf_printf(out, "%s_sum{", name) == -1 ||
	    put_labels(out, m, ri, me) == -1 ||
	    buf_printf(out, "} %.6f\n%s_count{", (double)load(&c->sum_us) / 1e6,
	    name) == -1 || put_labels(out, m, ri, me) == -1 ||
	    buf_printf(out, "} %llu\n", (unsigned long long)cum) == -1)
		return -1;
	return 0;
}

static int
render_exits(const struct metrics *m, struct buf *out)
{
	int	i;

	if (buf_puts(out, "# HELP phananh_worker_exits_total Worker processes "
	    "that ended and were replaced by the master, by reason.\n"
	    "# TYPE phananh_worker_exits_total counter\n") == -1)
		return -1;
	for (i = 0; i < METRICS_EXIT_N; i++)
		if (buf_printf(out, "phananh_worker_exits_total{reason=\"%s\"} "
		    "%llu\n", exit_names[i],
		    (unsigned long long)load(&m->exits[i])) == -1)
			return -1;
	return 0;
}
