/* jv_alloc.h - jansson's allocator (jv_alloc.c installs it before main). */
#ifndef SHIP_JV_ALLOC_H
#define SHIP_JV_ALLOC_H

/*
 * 1 when the size-class allocator is installed (0 in sanitizer builds).
 * jv.c refers to it so that the linker keeps jv_alloc.o, and with it the
 * constructor, whenever JSON is used at all.
 */
extern const int jv_alloc_active;

#endif
