/*
 * crypto-mac.h - HMAC (RFC 2104) over SHA-2-256/512 and optional SHA-1,
 * shaped for the SSH packet layer (RFC 4253 6.4, RFC 6668).
 *
 * mac_init() keys a context once: it absorbs K^ipad and K^opad into two
 * saved hash states.  Every packet then starts from copies of those states,
 * so per-packet cost is the data plus two final blocks, never the key.
 * A keyed context is only read while MACing, so one context may serve any
 * number of packets (and be copied with plain assignment).
 *
 * All functions return E_OK or an E_* code (common-err.h); none exits.
 */
#ifndef SHREW_CRYPTO_MAC_H
#define SHREW_CRYPTO_MAC_H

#include <stddef.h>
#include <stdint.h>

#include "crypto-hash.h"

enum mac_id {
	MAC_HMAC_SHA1 = 1, /* hmac-sha1: only when SHREW_HMAC_SHA1 */
	MAC_HMAC_SHA256,   /* hmac-sha2-256: when SHREW_HMAC_SHA256 */
	MAC_HMAC_SHA512    /* hmac-sha2-512: when SHREW_HMAC_SHA512 */
};

/* Longest tag (HMAC-SHA-512), for sizing buffers. */
#define MAC_MAX_LEN 64

/* A keyed MAC.  Contents are private to crypto-mac.c. */
struct mac_ctx {
	enum mac_id id;
	struct hash_ctx inner; /* after absorbing K ^ ipad */
	struct hash_ctx outer; /* after absorbing K ^ opad */
};

/* One MAC computation in progress (mac_begin .. mac_end). */
struct mac_run {
	const struct mac_ctx *key;
	struct hash_ctx h;
};

/* One-shot HMAC over any built-in hash (not only the packet MACs): writes
 * hash_len(h) bytes of HMAC(key, n bytes at msg) to out.  keylen bytes at
 * key, any length.  Returns E_UNSUPPORTED if h is not built in (SHA-1 is
 * there whenever SHREW_SHA1), E_ARG on a NULL key with keylen > 0.
 * Compiled whatever SHREW_HMAC says; intermediate state is wiped. */
int hmac_once(enum hash_id h, const void *key, size_t keylen, const void *msg, size_t n,
              uint8_t *out);

/* Tag length in bytes of id (20, 32 or 64), or 0 if id is not built in.
 * SSH also uses this as the MAC key length (RFC 4253 7.2). */
size_t mac_len(enum mac_id id);

/* Keys c for id with keylen bytes at key (any length, RFC 2104: longer
 * than the hash block is hashed first).  Returns E_UNSUPPORTED if id is
 * not built in, E_ARG on a NULL key with keylen > 0.  Wipe with mac_wipe. */
int mac_init(struct mac_ctx *c, enum mac_id id, const void *key, size_t keylen);

/* Zeroes the keyed states in c. */
void mac_wipe(struct mac_ctx *c);

/* Starts a MAC with key c into r.  c must outlive r and stay unchanged
 * until mac_end. */
int mac_begin(const struct mac_ctx *c, struct mac_run *r);

/* Absorbs n bytes at p (n may be 0). */
int mac_update(struct mac_run *r, const void *p, size_t n);

/* Writes mac_len(id) bytes of tag to out and wipes r. */
int mac_end(struct mac_run *r, uint8_t *out);

/* Finishes r like mac_end and compares the result with the mac_len(id)
 * bytes at tag in constant time.  Returns E_OK or E_VERIFY; wipes r. */
int mac_end_verify(struct mac_run *r, const uint8_t *tag);

/* SSH packet MAC: MAC(key, uint32 seq || n bytes at p) into out
 * (mac_len(id) bytes).  p is the unencrypted packet (or, for -etm, the
 * length field and ciphertext). */
int mac_compute(const struct mac_ctx *c, uint32_t seq, const void *p, size_t n, uint8_t *out);

/* Recomputes the SSH packet MAC as mac_compute and compares it with the
 * mac_len(id) bytes at tag in constant time.  Returns E_OK or E_VERIFY. */
int mac_verify(const struct mac_ctx *c, uint32_t seq, const void *p, size_t n, const uint8_t *tag);

#endif
