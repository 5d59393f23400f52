/*
 * common-random.h - cryptographic randomness from the kernel.
 */
#ifndef SHREW_COMMON_RANDOM_H
#define SHREW_COMMON_RANDOM_H

#include <stddef.h>
#include <stdint.h>

/* Fills n bytes at buf from getrandom(2), falling back to /dev/urandom where
 * the kernel lacks the syscall (ENOSYS).  Blocks until the kernel pool is
 * initialised.  Returns E_OK, or E_IO if no source works (never returns
 * weak bytes). */
int random_bytes(void *buf, size_t n);

/* A uniformly random integer in [0, bound), bound > 0; 0 on failure. */
uint32_t random_uniform(uint32_t bound);

#endif
