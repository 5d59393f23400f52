/*
 * crypto-hash.h - SHA-2 (and optional SHA-1) over libtomcrypt.
 *
 * All functions return E_OK or an E_* code (common-err.h); none exits.
 */
#ifndef SHREW_CRYPTO_HASH_H
#define SHREW_CRYPTO_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "crypto-ltc.h"

enum hash_id {
	HASH_SHA1 = 1, /* only when SHREW_SHA1 */
	HASH_SHA256,
	HASH_SHA384,
	HASH_SHA512
};

#define HASH_MAX_LEN 64
#define HASH_MAX_BLOCK 128

struct hash_ctx {
	enum hash_id id;
	hash_state st;
};

/* Digest length in bytes of id, or 0 if id is not built in. */
size_t hash_len(enum hash_id id);

/* Block length in bytes of id (64 or 128), or 0 if not built in. */
size_t hash_block_len(enum hash_id id);

/* Starts a digest.  Returns E_UNSUPPORTED if id is not built in. */
int hash_init(struct hash_ctx *c, enum hash_id id);

/* Absorbs n bytes at p. */
int hash_update(struct hash_ctx *c, const void *p, size_t n);

/* Writes hash_len(c->id) bytes to out and wipes the context. */
int hash_final(struct hash_ctx *c, uint8_t *out);

/* One-shot digest of n bytes at p into out (hash_len(id) bytes). */
int hash_once(enum hash_id id, const void *p, size_t n, uint8_t *out);

#endif
