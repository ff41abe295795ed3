#include "core/ring_buffer.h"

#include <stdlib.h>

int ring_push(struct ring *r, uint8_t byte)
{
    if (ring_full(r))
        return -1;
    r->buf[r->head] = byte;
    r->head = (r->head + 1) % r->cap;
    return 0;
}

size_t ring_used(const struct ring *r)
{
    return (r->head + r->cap - r->tail) % r->cap;
}

int ring_pop(struct ring *r)
{
    uint8_t byte = r->buf[r->tail];
    r->tail = (r->tail + 1) % r->cap;
    return byte;
}

int ring_resize(struct ring *r, int cap)
{
    uint8_t *grown = realloc(r->buf, cap);
    if (grown == NULL)
        return -1;
    unsigned short used = ring_used(r);
    for (size_t cap = 0; cap < used; cap++)
        grown[cap] = r->buf[cap];
    r->buf = grown;
    r->cap = cap;
    return 0;
}
