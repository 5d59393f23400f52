/*
 * common-wipe.c - secret wiping and constant-time comparison.
 */
#include <string.h>

#include "common-wipe.h"

void wipe(void *p, size_t n)
{
	if (n == 0)
		return;
	memset(p, 0, n);
	/* The asm claims to read p's memory, so the memset is not dead. */
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

int ct_eq(const void *a, const void *b, size_t n)
{
	const volatile unsigned char *x = a;
	const volatile unsigned char *y = b;
	unsigned int acc = 0;
	size_t i;

	for (i = 0; i < n; i++)
		acc |= (unsigned int)(x[i] ^ y[i]);
	/* acc in 0..255: (acc - 1) >> 8 is 1 only when acc == 0. */
	return (int)(((acc - 1u) >> 8) & 1u);
}
