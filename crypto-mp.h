/*
 * crypto-mp.h - small helpers between big-endian magnitudes (struct view)
 * and libtomcrypt's math descriptor, shared by the RSA and ECDSA glue.
 */
#ifndef SHREW_CRYPTO_MP_H
#define SHREW_CRYPTO_MP_H

#include <stddef.h>
#include <stdint.h>

#include "common-rd.h"

/* Maps a libtomcrypt CRYPT_* code to E_OK, E_NOMEM or E_CRYPTO. */
int mp_err(int ltc_err);

/* v without its leading zero bytes (an empty view stays empty). */
struct view mag_strip(struct view v);

/* a = the big-endian magnitude v (leading zeros allowed; empty is 0). */
int mp_from_mag(void *a, struct view v);

/* Writes a as exactly len big-endian bytes, left-padded with zeros;
 * E_TOOBIG if it does not fit. */
int mp_to_fixed(void *a, uint8_t *out, size_t len);

#endif
