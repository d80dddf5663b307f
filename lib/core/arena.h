/*
 * arena.h: per-request bump allocator with cleanup hooks (nginx pool idea).
 * Everything allocated here dies at arena_reset(); nothing is freed singly.
 */
#ifndef ARENA_H
#define ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

typedef void (*arena_cleanup_fn)(void *);

/* Returns a new arena whose first chunk has chunk_size bytes; fatal on OOM. */
struct arena	*arena_new(size_t chunk_size);
/* Frees everything, runs cleanups (in reverse order), keeps the first chunk. */
void		 arena_reset(struct arena *);
/* NULL-safe. */
void		 arena_free(struct arena *);
/* Returns zeroed memory owned by the arena; fatal on OOM. */
void		*arena_alloc(struct arena *, size_t n);
char		*arena_strdup(struct arena *, const char *s);
char		*arena_strndup(struct arena *, const char *s, size_t n);
char		*arena_printf(struct arena *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Runs fn(ptr) at the next arena_reset()/arena_free(). */
void		 arena_on_reset(struct arena *, arena_cleanup_fn fn, void *ptr);
/* Bytes currently handed out (for tests and metrics). */
size_t		 arena_used(const struct arena *);

#endif
