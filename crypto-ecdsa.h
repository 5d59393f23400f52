/*
 * crypto-ecdsa.h - NIST P-256/P-384/P-521 keys, ECDSA signatures (FIPS
 * 186-4 6.4, as SSH uses them: RFC 5656) and the ECDH primitive, over
 * libtomcrypt's ecc_key.
 *
 * Nothing here knows SSH: common-key.c (ECDSA keys) and the ECDH kex turn
 * these into wire formats.  Points are uncompressed SEC1 (0x04||X||Y,
 * coordinates of exactly crypto_ecdsa_bytes() bytes); scalars big-endian.
 * Every public point that enters through crypto_ecdsa_set() is checked to
 * lie on the curve (libtomcrypt 1.18 does not check), so a peer cannot
 * smuggle in a point of small order.  Every function returns E_OK or an
 * E_* code (common-err.h); crypto_init() must have succeeded.  An ecc_key
 * filled here is released with crypto_ecdsa_free().
 */
#ifndef SHREW_CRYPTO_ECDSA_H
#define SHREW_CRYPTO_ECDSA_H

#include "options.h"

#if SHREW_ECC
#include <stddef.h>
#include <stdint.h>

#include "common-rd.h"
#include "crypto-hash.h"
#include "crypto-ltc.h"

enum ecdsa_curve { ECDSA_NONE = 0, ECDSA_P256, ECDSA_P384, ECDSA_P521 };

/* Largest coordinate / scalar (P-521) and point, in bytes. */
#define ECDSA_MAX_BYTES 66
#define ECDSA_MAX_POINT (1 + 2 * ECDSA_MAX_BYTES)

/* Coordinate and scalar size of curve c in bytes (32, 48, 66); 0 if c is
 * not a curve or not compiled into libtomcrypt. */
size_t crypto_ecdsa_bytes(enum ecdsa_curve c);

/* The curve of a key filled here. */
enum ecdsa_curve crypto_ecdsa_curve(const ecc_key *k);

/* Generates a private key on curve c. */
int crypto_ecdsa_generate(ecc_key *k, enum ecdsa_curve c);

/* Fills *k from the point q (0x04||X||Y) and, when d != NULL, the private
 * scalar d (leading zeros allowed).  Checks: the encoding and its length,
 * X, Y < p, y^2 = x^3 - 3x + b (mod p); 0 < d < order and d*G == q.
 * E_FORMAT if a check fails, E_UNSUPPORTED for an unknown curve.  *k is
 * overwritten (not freed first); on failure it holds nothing to free. */
int crypto_ecdsa_set(ecc_key *k, enum ecdsa_curve c, struct view q, const struct view *d);

/* Releases *k and wipes it.  Safe on a zeroed ecc_key. */
void crypto_ecdsa_free(ecc_key *k);

/* Copies the public half of src into dst (overwritten). */
int crypto_ecdsa_copy_public(ecc_key *dst, const ecc_key *src);

/* 1 if a and b are the same curve and point, else 0. */
int crypto_ecdsa_equal_public(const ecc_key *a, const ecc_key *b);

/* 1 if k holds the private scalar, else 0. */
int crypto_ecdsa_is_private(const ecc_key *k);

/* Writes the point 0x04||X||Y (1 + 2 * bytes) into out (cap bytes). */
int crypto_ecdsa_export_point(const ecc_key *k, uint8_t *out, size_t cap, size_t *len);

/* Writes the private scalar as exactly crypto_ecdsa_bytes() bytes into out
 * (cap bytes).  E_ARG for a public key.  The caller wipes out. */
int crypto_ecdsa_export_private(const ecc_key *k, uint8_t *out, size_t cap, size_t *len);

/* ECDSA signature of n bytes at msg hashed with h: r and s, each written
 * as exactly crypto_ecdsa_bytes() bytes (big-endian, zero-padded) to r and
 * s, each with room for ECDSA_MAX_BYTES.  The nonce is random
 * (libtomcrypt, blinded). */
int crypto_ecdsa_sign(const ecc_key *k, enum hash_id h, const uint8_t *msg, size_t n, uint8_t *r,
                      uint8_t *s);

/* Verifies (r, s) (big-endian magnitudes, leading zeros allowed, at most
 * crypto_ecdsa_bytes() significant bytes) over n bytes at msg hashed with
 * h.  r and s must be in 1..order-1.  E_OK or E_VERIFY. */
int crypto_ecdsa_verify(const ecc_key *k, enum hash_id h, const uint8_t *msg, size_t n,
                        struct view r, struct view s);

/* ECDH (SEC 1 3.3.1): the X coordinate of d_priv * Q_peer, exactly
 * crypto_ecdsa_bytes() bytes, into out (cap bytes).  Both keys on the same
 * curve; peer must come from crypto_ecdsa_set() or _generate() (so it is
 * on the curve).  The caller wipes out. */
int crypto_ecdsa_shared(const ecc_key *priv, const ecc_key *peer, uint8_t *out, size_t cap,
                        size_t *len);

#endif /* SHREW_ECC */
#endif
