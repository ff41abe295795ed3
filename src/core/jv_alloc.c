/* jv_alloc.c - a size-class allocator for jansson's many small nodes. */
#include "jv_alloc.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#if !defined(__SANITIZE_ADDRESS__)

/*
 * Parsing a 50 MB scanner report makes millions of tiny allocations
 * (objects, hashtable buckets, short strings); musl's malloc pays a lock
 * and metadata walk for each, which made ship slower than jq. Here small
 * blocks come from 256 KiB slabs and go back to a per-class free list on
 * free, so a parse costs a pointer bump per node and memory is reused
 * across documents. Slabs are never returned to the system: ship is a
 * short-lived process. Free lists are per thread, so no lock is needed;
 * a block freed on another thread simply joins that thread's list.
 *
 * Every block starts with a 16-byte header holding its class (or
 * JV_BIG for a plain malloc), which keeps the payload 16-byte aligned.
 */
#define JV_HDR     16
#define JV_NCLASS  8
#define JV_BIG     0xff
#define JV_SLAB    (256u << 10)

static const size_t jv_class_size[JV_NCLASS] = { 16, 32, 48, 64, 96, 128, 192, 256 };

struct jv_free { struct jv_free *next; };

static _Thread_local struct jv_free *jv_lists[JV_NCLASS];
static _Thread_local char *jv_slab_pos, *jv_slab_end;

static int jv_class_of(size_t n)
{
	int c;

	for (c = 0; c < JV_NCLASS; c++)
		if (n <= jv_class_size[c])
			return c;
	return -1;
}

static void *jv_carve(size_t total)
{
	char *p;

	if (!jv_slab_pos || (size_t)(jv_slab_end - jv_slab_pos) < total) {
		jv_slab_pos = malloc(JV_SLAB);
		if (!jv_slab_pos)
			return NULL;
		jv_slab_end = jv_slab_pos + JV_SLAB;
	}
	p = jv_slab_pos;
	jv_slab_pos += total;
	return p;
}

static void *jv_malloc(size_t n)
{
	int c = jv_class_of(n);
	unsigned char *p;

	if (c < 0) {
		if (n > SIZE_MAX - JV_HDR || !(p = malloc(n + JV_HDR)))
			return NULL;
		p[0] = JV_BIG;
		return p + JV_HDR;
	}
	if (jv_lists[c]) {
		p = (unsigned char *)jv_lists[c] - JV_HDR;
		jv_lists[c] = jv_lists[c]->next;
	} else if (!(p = jv_carve(jv_class_size[c] + JV_HDR))) {
		return NULL;
	}
	p[0] = (unsigned char)c;
	return p + JV_HDR;
}

static void jv_release(void *ptr)
{
	unsigned char *p;
	struct jv_free *f;

	if (!ptr)
		return;
	p = (unsigned char *)ptr - JV_HDR;
	if (p[0] == JV_BIG) {
		free(p);
		return;
	}
	f = ptr;
	f->next = jv_lists[p[0]];
	jv_lists[p[0]] = f;
}

/*
 * Installed before main() so no jansson block is ever allocated by one
 * allocator and freed by the other. Sanitizer builds keep the system
 * allocator, so ASan still sees every overflow inside jansson's blocks.
 */
__attribute__((constructor)) static void jv_alloc_install(void)
{
	json_set_alloc_funcs(jv_malloc, jv_release);
}
#endif

#if defined(__SANITIZE_ADDRESS__)
const int jv_alloc_active = 0;
#else
const int jv_alloc_active = 1;
#endif
