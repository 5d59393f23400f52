/*
 * crypto-cipher.h - AES-CTR (aes128-ctr, aes256-ctr; RFC 4344) and AES-GCM
 * (aes128-gcm@openssh.com, aes256-gcm@openssh.com; RFC 5647) over
 * libtomcrypt.
 *
 * crypto_init() (crypto-ltc.h) must have succeeded before any *_init here.
 * All functions return E_OK or an E_* code (common-err.h); none exits.
 * in and out may be the same buffer (in-place), but must not otherwise
 * overlap.
 */
#ifndef SHREW_CRYPTO_CIPHER_H
#define SHREW_CRYPTO_CIPHER_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"
#include "crypto-ltc.h"

#define AES_BLOCK_LEN 16

#if SHREW_AES_CTR
/* ---- AES-CTR ---------------------------------------------------------- */

/* A streaming AES-CTR context.  Contents are private to crypto-cipher.c. */
struct aesctr_ctx {
	symmetric_CTR ctr;
};

/* Keys c with keylen (16 or 32) bytes at key; the 16-byte iv is the first
 * counter block, incremented as one 128-bit big-endian integer per block
 * (RFC 4344 4).  Returns E_ARG on another key length, E_CRYPTO if AES is
 * not registered.  Wipe with aesctr_wipe. */
int aesctr_init(struct aesctr_ctx *c, const uint8_t *key, size_t keylen,
                const uint8_t iv[AES_BLOCK_LEN]);

/* Encrypts or decrypts (the same operation) n bytes from in to out,
 * continuing the key stream where the previous call stopped: any split of
 * a message into calls gives the same bytes (so a reader can decrypt the
 * first block, learn the packet length, then decrypt the rest). */
int aesctr_crypt(struct aesctr_ctx *c, const uint8_t *in, uint8_t *out, size_t n);

/* Zeroes the key schedule and counter in c. */
void aesctr_wipe(struct aesctr_ctx *c);
#endif

#if SHREW_AES_GCM
/* ---- AES-GCM ---------------------------------------------------------- */

#define AESGCM_NONCE_LEN 12
#define AESGCM_TAG_LEN 16

/* An AES-GCM key with its packet nonce: the AES key schedule, GHASH's
 * 4-bit multiplication table for H (256 bytes; libtomcrypt's 64 KB
 * LTC_GCM_TABLES are not used, docs/decisions.md, Size) and the nonce.
 * About 800 bytes.  Contents are private to crypto-cipher.c. */
struct aesgcm_ctx {
	symmetric_key aes;
	uint64_t htab[16][2]; /* i * H for 4-bit i, big-endian halves */
	uint8_t nonce[AESGCM_NONCE_LEN];
};

/* Keys c with keylen (16 or 32) bytes at key and sets the 12-byte nonce:
 * 4-byte fixed field || 8-byte big-endian invocation counter (RFC 5647
 * 7.1; SSH's 12-byte IV).  Returns E_ARG on another key length, E_CRYPTO
 * if AES is not registered.  Wipe with aesgcm_wipe. */
int aesgcm_init(struct aesgcm_ctx *c, const uint8_t *key, size_t keylen,
                const uint8_t iv[AESGCM_NONCE_LEN]);

/* Encrypts n bytes from in to out under the current nonce, authenticating
 * aadlen bytes at aad as well (SSH: the 4-byte packet length, sent in
 * clear), and writes the 16-byte tag.  Then increments the invocation
 * counter (low 8 bytes of the nonce, big-endian, wrapping within them),
 * whatever the result, so a nonce is never used twice. */
int aesgcm_seal(struct aesgcm_ctx *c, const uint8_t *aad, size_t aadlen, const uint8_t *in,
                uint8_t *out, size_t n, uint8_t tag[AESGCM_TAG_LEN]);

/* Checks the 16-byte tag over aad and the n ciphertext bytes at in, under
 * the current nonce, and decrypts them to out.  The tag is compared in
 * constant time; on E_VERIFY (or any error) the n bytes at out are zeroed,
 * so no unauthenticated plaintext is released (when in == out the
 * ciphertext is gone too).  Then increments the invocation counter as
 * aesgcm_seal does. */
int aesgcm_open(struct aesgcm_ctx *c, const uint8_t *aad, size_t aadlen, const uint8_t *in,
                uint8_t *out, size_t n, const uint8_t tag[AESGCM_TAG_LEN]);

/* Zeroes the key, tables and nonce in c. */
void aesgcm_wipe(struct aesgcm_ctx *c);
#endif

#endif
