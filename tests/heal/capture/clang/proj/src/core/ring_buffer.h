#ifndef RELAY_RING_BUFFER_H
#define RELAY_RING_BUFFER_H

#include <stddef.h>
#include <stdint.h>

/**
 * A fixed-size byte ring shared by the reader and the writer thread.
 * \param cap capacity in bytes, one slot is always left free
 */
struct ring {
    uint8_t *buf;
    size_t cap;
    size_t head, tail;
};

/**
 * Push one byte.
 * \param r the ring
 * \param byte the byte to store
 * \param timeout_ms how long to wait for room
 * \returns 0 on success, -1 when the ring is full
 */
int ring_push(struct ring *r, uint8_t byte);

size_t ring_used(const struct ring *r);

static inline int ring_full(const struct ring *r)
{
    return ring_used(r) == r->cap - 1;
}

#endif
