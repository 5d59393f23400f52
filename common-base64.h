/*
 * common-base64.h - base64 (RFC 4648 section 4) encoding and decoding.
 *
 * Pure functions over explicit lengths; nothing allocates.  Both
 * directions map characters with arithmetic instead of table lookups, so
 * their timing does not depend on the (possibly secret) data: key files
 * hold private keys in base64.  (The names are not base64_encode/_decode:
 * libtomcrypt has functions of those names.)
 */
#ifndef SHREW_COMMON_BASE64_H
#define SHREW_COMMON_BASE64_H

#include <stddef.h>
#include <stdint.h>

/* Length of the padded encoding of n bytes (a multiple of 4), without a
 * NUL.  n must be below SIZE_MAX / 2. */
size_t base64_enc_len(size_t n);

/* Encodes n bytes at in as base64 into out, which has room for cap chars,
 * and NUL-terminates it.  pad: 1 appends '=' up to a multiple of 4 (RFC
 * 4648 section 4); 0 leaves it off (as OpenSSH prints fingerprints).
 * *outlen (may be NULL) gets the chars written, without the NUL.
 * Returns E_OK, or E_TOOBIG if out cannot hold the text and its NUL (out
 * then holds an empty string if cap > 0). */
int base64_enc(const uint8_t *in, size_t n, int pad, char *out, size_t cap, size_t *outlen);

/* Upper bound on the bytes decoded from n characters of base64. */
size_t base64_dec_max(size_t n);

/* Decodes n characters of padded base64 at in into out (cap bytes).
 * Whitespace (space, tab, CR, LF) anywhere is skipped, so a PEM body can be
 * passed whole.  Strict otherwise: only the RFC 4648 alphabet; the
 * characters (without whitespace) must be a multiple of 4; '=' only as the
 * last one or two; the unused bits before the padding must be zero (so
 * every byte string has exactly one accepted encoding).  *outlen gets the
 * bytes written.  Returns E_OK, E_FORMAT on malformed input, or E_TOOBIG
 * if out is too small.  On failure out may hold partial output: callers
 * decoding secrets wipe it. */
int base64_dec(const char *in, size_t n, uint8_t *out, size_t cap, size_t *outlen);

#endif
