/*
 * crypto-rsa.h - RSA keys and RSASSA-PKCS1-v1_5 signatures (RFC 8017 8.2,
 * 9.2) over libtomcrypt's rsa_key.
 *
 * Nothing here knows SSH: common-key.c turns keys and signatures into wire
 * blobs.  Magnitudes are big-endian unsigned byte strings (leading zero
 * bytes allowed on input).  Every function returns E_OK or an E_* code
 * (common-err.h) and never exits.  crypto_init() must have succeeded.
 * An rsa_key filled here is released with crypto_rsa_free().
 */
#ifndef SHREW_CRYPTO_RSA_H
#define SHREW_CRYPTO_RSA_H

#include "options.h"

#if SHREW_RSA
#include <stddef.h>
#include <stdint.h>

#include "common-rd.h"
#include "crypto-hash.h"
#include "crypto-ltc.h"

/* Smallest modulus accepted from peers and files (OpenSSH's default
 * RequiredRSASize); keys we generate are at least SHREW_RSA_MIN_BITS. */
#define RSA_MIN_PEER_BITS 1024
/* Largest modulus (and signature) in bytes. */
#define RSA_MAX_BYTES (SHREW_RSA_MAX_BITS / 8)
/* Largest public exponent accepted, in bytes (64 bits, as OpenSSL allows
 * for large moduli): bounds the cost of a verification. */
#define RSA_MAX_E_BYTES 8

/* Components for crypto_rsa_set().  n and e are required; d, p, q are all
 * empty (len 0) for a public key and all present for a private one; iqmp
 * (q^-1 mod p) is optional: computed when empty, checked when given. */
struct rsa_parts {
	struct view n, e;
	struct view d, p, q;
	struct view iqmp;
};

enum rsa_field { RSAF_N, RSAF_E, RSAF_D, RSAF_P, RSAF_Q, RSAF_IQMP };

/* Fills *k from components.  Checks: n odd, RSA_MIN_PEER_BITS <= bits(n)
 * <= SHREW_RSA_MAX_BITS, e odd, 3 <= e, e under RSA_MAX_E_BYTES bytes;
 * for a private key also p, q > 1, p != q, p*q == n, 0 < d < n,
 * e*d == 1 mod p-1 and mod q-1, and iqmp when given.  E_UNSUPPORTED for a
 * size outside the limits, E_FORMAT for an inconsistent key.  *k is
 * overwritten (not freed first); on failure it holds nothing to free. */
int crypto_rsa_set(rsa_key *k, const struct rsa_parts *in);

/* Generates a private key with e = 65537 and an n of exactly bits bits
 * (SHREW_RSA_MIN_BITS..SHREW_RSA_MAX_BITS, a multiple of 8; else E_ARG). */
int crypto_rsa_generate(rsa_key *k, int bits);

/* Releases *k and wipes it.  Safe on a zeroed rsa_key. */
void crypto_rsa_free(rsa_key *k);

/* Copies the public half (n, e) of src into dst (overwritten). */
int crypto_rsa_copy_public(rsa_key *dst, const rsa_key *src);

/* 1 if a and b have the same n and e, else 0. */
int crypto_rsa_equal_public(const rsa_key *a, const rsa_key *b);

/* 1 if k holds the private half, else 0. */
int crypto_rsa_is_private(const rsa_key *k);

/* Modulus size in bits, and in bytes (= the signature length). */
int crypto_rsa_bits(const rsa_key *k);
size_t crypto_rsa_len(const rsa_key *k);

/* Writes component f of k, minimal big-endian (zero is 0 bytes), into out
 * (cap bytes); *len gets its length.  E_TOOBIG if it does not fit, E_ARG
 * for a private field of a public key.  Callers wipe private output. */
int crypto_rsa_export(const rsa_key *k, enum rsa_field f, uint8_t *out, size_t cap, size_t *len);

/* RSASSA-PKCS1-v1_5 signature of n bytes at msg, hashed with h (SHA-256,
 * SHA-512, or SHA-1 when built), into sig, whose siglen must be exactly
 * crypto_rsa_len(k).  The result is checked with the public key before
 * it is returned (a faulty CRT signature would reveal the factors). */
int crypto_rsa_sign(const rsa_key *k, enum hash_id h, const uint8_t *msg, size_t n, uint8_t *sig,
                    size_t siglen);

/* Verifies an RSASSA-PKCS1-v1_5 signature by re-encoding (RFC 8017 8.2.2
 * step 3-4).  A signature shorter than the modulus is left-padded with
 * zeros (as OpenSSH accepts); a longer one, or one not below n, fails.
 * E_OK or E_VERIFY (E_CRYPTO/E_UNSUPPORTED if the check cannot be run). */
int crypto_rsa_verify(const rsa_key *k, enum hash_id h, const uint8_t *msg, size_t n,
                      const uint8_t *sig, size_t siglen);

#endif /* SHREW_RSA */
#endif
