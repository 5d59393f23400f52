/*
 * crypto-25519.h - X25519 key agreement (RFC 7748) and Ed25519 signatures
 * (RFC 8032, pure Ed25519), shrew's own constant-time implementation.
 *
 * Used by the curve25519-sha256 kex (common-kex-curve25519.c) and by
 * ssh-ed25519 host and user keys.  Secret inputs (scalars, seeds) are
 * processed in constant time; every secret temporary is wiped.  The field
 * arithmetic behind both is crypto-fe25519.h (64-bit or portable 32-bit,
 * chosen by SHREW_25519_FE64).
 */
#ifndef SHREW_CRYPTO_25519_H
#define SHREW_CRYPTO_25519_H

#include <stddef.h>
#include <stdint.h>

#define X25519_LEN 32
#define ED25519_PUB_LEN 32
#define ED25519_SEED_LEN 32
#define ED25519_SIG_LEN 64

/* out = scalar * point (u-coordinates, RFC 7748 clamping/masking applied).
 * The scalar is clamped on a private copy; the top bit of point is ignored
 * and non-canonical u (>= 2^255 - 19) is accepted, as RFC 7748 section 5
 * says.  out may alias scalar or point.  Returns E_OK, or E_CRYPTO if the
 * result is all-zero (low-order point; caller must abort kex) - out then
 * holds the 32 zero bytes. */
int x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32]);

/* pub = scalar * 9 (the X25519 public key of a 32-byte private scalar,
 * clamped as above).  Never fails. */
void x25519_base(uint8_t pub[32], const uint8_t scalar[32]);

/* Derive the public key from a 32-byte seed (RFC 8032 private key).
 * Returns E_OK, or E_CRYPTO if SHA-512 fails (pub is then undefined). */
int ed25519_pubkey(uint8_t pub[32], const uint8_t seed[32]);

/* Random seed via random_bytes() (common-random.h) and its public key.
 * Returns E_OK, or random_bytes()'s error (seed and pub then zeroed), or
 * E_CRYPTO. */
int ed25519_keypair(uint8_t pub[32], uint8_t seed[32]);

/* Pure Ed25519 signature of the len bytes at msg (msg may be NULL when len
 * is 0) with the key (seed, pub).  pub must be the public key of seed: it
 * is recomputed and compared, and a mismatch returns E_ARG without
 * signing (signing one message under two public keys would leak the
 * key).  sig may alias msg.  Returns E_OK, E_ARG or E_CRYPTO. */
int ed25519_sign(uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t seed[32],
                 const uint8_t pub[32]);

/* E_OK if sig is a valid Ed25519 signature of the len bytes at msg under
 * pub, E_VERIFY otherwise.  Strict: rejects S >= L, non-canonical A or R
 * encodings (y >= p, or x = 0 with the sign bit set), encodings that are
 * not curve points, and A or R of small order (8A or 8R is the identity:
 * such keys make forgeries trivial).  The check is cofactorless,
 * [S]B = R + [k]A, done by comparing the encoding of [S]B - [k]A with the
 * R bytes.  Runs in variable time: all inputs are public.  (E_CRYPTO
 * instead if SHA-512 itself fails; any result but E_OK means invalid.) */
int ed25519_verify(const uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t pub[32]);

#endif
