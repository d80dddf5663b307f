/*
 * tick.c: "tick [EPOCH]": one pass of the system transitions (what the
 * deadline daemon does every minute), at now or at the given time.
 */
#include <stdio.h>
#include <time.h>

#include "admin.h"
#include "core/parse.h"
#include "store/sweep.h"

int
cmd_tick(struct admin *a, int argc, char **argv)
{
	struct sweep_counts	c;
	int64_t			now = (int64_t)time(NULL);

	if (argc > 2 || (argc == 2 && parse_i64(argv[1], 0,
	    INT64_C(4102444800), &now) == -1)) {
		fprintf(stderr, "usage: tick [EPOCH]\n");
		return -1;
	}
	if (store_sweep(a->db, (time_t)now, 1000, &c) == -1)
		return -1;
	printf("expired %d, closed %d, failed %d\n", c.expired, c.closed,
	    c.failed);
	return c.failed ? -1 : 0;
}
