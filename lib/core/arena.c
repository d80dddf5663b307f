/*
 * arena.c: chunked bump allocator. Large requests get their own chunk.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "log.h"

struct chunk {
	struct chunk	*next;
	size_t		 size;
	size_t		 used;
	max_align_t	 data[];
};

struct cleanup {
	struct cleanup	*next;
	arena_cleanup_fn fn;
	void		*ptr;
};

struct arena {
	struct chunk	*head;		/* current chunk; the first one is kept */
	struct chunk	*first;
	struct cleanup	*cleanups;
	size_t		 chunk_size;
	size_t		 used;
};

static struct chunk	*chunk_new(size_t);

struct arena *
arena_new(size_t chunk_size)
{
	struct arena	*a;

	a = calloc(1, sizeof(*a));
	if (a == NULL)
		fatal("arena_new: out of memory");
	a->chunk_size = chunk_size;
	a->first = a->head = chunk_new(chunk_size);
	return a;
}

void
arena_reset(struct arena *a)
{
	struct chunk	*c, *next;
	struct cleanup	*cl;

	while ((cl = a->cleanups) != NULL) {
		a->cleanups = cl->next;
		cl->fn(cl->ptr);
	}
	for (c = a->head; c != a->first; c = next) {
		next = c->next;
		free(c);
	}
	a->head = a->first;
	a->first->used = 0;
	a->used = 0;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_reset(a);
	free(a->first);
	free(a);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk	*c;
	size_t		 al = sizeof(max_align_t);
	void		*p;

	n = (n + al - 1) / al * al;
	if (n == 0)
		n = al;
	if (a->head->size - a->head->used < n) {
		c = chunk_new(n > a->chunk_size ? n : a->chunk_size);
		c->next = a->head;
		a->head = c;
	}
	p = (char *)a->head->data + a->head->used;
	a->head->used += n;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_on_reset(struct arena *a, arena_cleanup_fn fn, void *ptr)
{
	struct cleanup	*cl = arena_alloc(a, sizeof(*cl));

	cl->fn = fn;
	cl->ptr = ptr;
	cl->next = a->cleanups;
	a->cleanups = cl;
}

size_t
arena_used(const struct arena *a)
{
	return a->used;
}

static struct chunk *
chunk_new(size_t size)
{
	struct chunk	*c;

	c = malloc(sizeof(*c) + size);
	if (c == NULL)
		fatal("arena: out of memory (%zu bytes)", size);
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}
