/*
 * crypto-sc25519.h - arithmetic on Ed25519 scalars, integers modulo the
 * group order L = 2^252 + 27742317777372353535851937790883648493
 * (internal to crypto-ed25519.c and its tests).
 *
 * Scalars are 32-byte little-endian strings.  Every function runs in
 * constant time and allows its output to alias its inputs.
 */
#ifndef SHREW_CRYPTO_SC25519_H
#define SHREW_CRYPTO_SC25519_H

#include <stdint.h>

/* out = in mod L, in a 64-byte little-endian number (a SHA-512 digest). */
void sc_reduce(uint8_t out[32], const uint8_t in[64]);

/* out = (a * b + c) mod L.  a, b and c must be below 2^255 (true of a
 * clamped secret scalar and of anything already reduced). */
void sc_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32], const uint8_t c[32]);

/* 1 if s < L (a canonical scalar), else 0. */
int sc_is_canonical(const uint8_t s[32]);

#endif
