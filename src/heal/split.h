/* split.h - where a large log file can be cut into parts that read the same alone: step-marker lines. */
#ifndef SHIP_HEAL_SPLIT_H
#define SHIP_HEAL_SPLIT_H

#include <stddef.h>
#include <sys/types.h>

/* How far past a wanted cut heal_split() looks for a step marker before
 * it gives that cut up (a log of few, long steps stays in fewer parts). */
#define HEAL_SPLIT_SEARCH (8u << 20)

/*
 * Finds up to nparts - 1 cuts in the bytes [start, end) of fd, read with
 * pread (fd's offset is not moved), and writes them in ascending order to
 * cut[] (room for nparts - 1). Each cut is the offset of a line that
 * logread reads as a new step ("##[group]Run ..." after an optional
 * timestamp), right after a '\n': at such a line logread, the extractor
 * and the excerpt builder all start afresh, so the part from there reads
 * the same as it does in the whole log, up to line and step numbers. The
 * k-th cut is wanted near start + (end - start) * k / nparts and at least
 * min_part bytes after the previous cut and before end. Returns the number
 * of cuts (0: keep the log whole), or < 0 on a read error (err_last()
 * names `name`).
 */
int heal_split(int fd, const char *name, off_t start, off_t end,
               size_t nparts, size_t min_part, off_t *cut);

#endif
