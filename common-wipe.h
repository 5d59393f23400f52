/*
 * common-wipe.h - wiping secrets and constant-time comparison.
 */
#ifndef SHREW_COMMON_WIPE_H
#define SHREW_COMMON_WIPE_H

#include <stddef.h>

/* Zeroes n bytes at p; the compiler cannot remove it as a dead store. */
void wipe(void *p, size_t n);

/* Returns 1 if the n bytes at a and b are equal, else 0.  Time depends only
 * on n, never on the contents. */
int ct_eq(const void *a, const void *b, size_t n);

#endif
