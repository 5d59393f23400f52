/*
 * crypto-fe25519.h - arithmetic in the field GF(p), p = 2^255 - 19, for
 * X25519 and Ed25519 (internal to the crypto-*25519*.c files and tests).
 *
 * Two representations, chosen at compile time by SHREW_25519_FE64
 * (sysoptions.h):
 *   crypto-fe25519-64.c  5 limbs of 51 bits, 64x64->128-bit products;
 *   crypto-fe25519-32.c  10 limbs of 26/25 bits (radix 2^25.5), 32x32->64.
 * crypto-fe25519.c holds what both share (inversion, square roots, tests).
 *
 * An fe25519 is a loosely reduced value: limb i is below 2^w + 2^15 where w
 * is the limb's width (51, or 26 for even / 25 for odd limbs), so a value
 * is known only mod p.  Every function accepts such inputs, produces such
 * outputs, and allows its output to alias any input.  All run in constant
 * time: no branch or memory index depends on a field value.
 */
#ifndef SHREW_CRYPTO_FE25519_H
#define SHREW_CRYPTO_FE25519_H

#include <stdint.h>

#include "options.h"

#if SHREW_25519_FE64
typedef struct {
	uint64_t v[5];
} fe25519;
#else
typedef struct {
	uint32_t v[10];
} fe25519;
#endif

/* h = 0, h = 1. */
void fe_zero(fe25519 *h);
void fe_one(fe25519 *h);

/* h = the little-endian number in s, bit 255 ignored.  Values from p to
 * 2^255 - 1 are accepted and mean value - p. */
void fe_frombytes(fe25519 *h, const uint8_t s[32]);

/* s = f fully reduced (0 <= value < p), little-endian, bit 255 clear. */
void fe_tobytes(uint8_t s[32], const fe25519 *f);

/* h = f + g, h = f - g, h = -f, h = f * g, h = f^2 (all mod p). */
void fe_add(fe25519 *h, const fe25519 *f, const fe25519 *g);
void fe_sub(fe25519 *h, const fe25519 *f, const fe25519 *g);
void fe_neg(fe25519 *h, const fe25519 *f);
void fe_mul(fe25519 *h, const fe25519 *f, const fe25519 *g);
void fe_sq(fe25519 *h, const fe25519 *f);

/* h = f * n for a small constant n < 2^17 (e.g. 121665). */
void fe_mul_small(fe25519 *h, const fe25519 *f, uint32_t n);

/* If b == 1 swap f and g; if b == 0 leave both.  b must be 0 or 1. */
void fe_cswap(fe25519 *f, fe25519 *g, unsigned int b);

/* If b == 1 set f = g; if b == 0 leave f.  b must be 0 or 1. */
void fe_cmov(fe25519 *f, const fe25519 *g, unsigned int b);

/* ---- crypto-fe25519.c: built on the functions above ------------------- */

/* h = 1/f = f^(p-2) by a fixed addition chain (0 maps to 0). */
void fe_invert(fe25519 *h, const fe25519 *f);

/* h = f^((p-5)/8), the core of a square root mod p. */
void fe_pow22523(fe25519 *h, const fe25519 *f);

/* 1 if f = 0 mod p, else 0. */
int fe_iszero(const fe25519 *f);

/* 1 if f mod p is odd ("negative" in RFC 8032's encoding), else 0. */
int fe_isodd(const fe25519 *f);

/* 1 if f = g mod p, else 0. */
int fe_equal(const fe25519 *f, const fe25519 *g);

#endif
