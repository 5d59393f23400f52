/*
 * crypto-mac.c - HMAC (RFC 2104) for the SSH packet layer, over the
 * incremental hashes of crypto-hash.c.  The key is absorbed once into the
 * inner and outer states; each packet starts from copies of them.
 * hmac_once (any built-in hash, for known_hosts name hashing) is compiled
 * even when no packet MAC is.
 */
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-wipe.h"
#include "crypto-mac.h"

#define HMAC_IPAD 0x36
#define HMAC_OPAD 0x5c

/* Starts hc and absorbs the block-sized key k0 XOR pad. */
static int pad_start(struct hash_ctx *hc, enum hash_id h, const uint8_t *k0, size_t block,
                     uint8_t pad)
{
	uint8_t buf[HASH_MAX_BLOCK];
	size_t i;
	int rc;

	for (i = 0; i < block; i++)
		buf[i] = k0[i] ^ pad;
	rc = hash_init(hc, h);
	if (rc == E_OK)
		rc = hash_update(hc, buf, block);
	wipe(buf, sizeof(buf));
	return rc;
}

/* Keys the inner and outer states of HMAC over hash h with keylen bytes
 * at key (RFC 2104: a key longer than the block is hashed first). */
static int hmac_states(struct hash_ctx *inner, struct hash_ctx *outer, enum hash_id h,
                       const void *key, size_t keylen)
{
	uint8_t k0[HASH_MAX_BLOCK];
	size_t block = hash_block_len(h);
	int rc = E_OK;

	if (!block)
		return E_UNSUPPORTED;
	if (!key && keylen)
		return E_ARG;
	memset(k0, 0, sizeof(k0));
	if (keylen > block)
		rc = hash_once(h, key, keylen, k0);
	else if (keylen)
		memcpy(k0, key, keylen);
	if (rc == E_OK)
		rc = pad_start(inner, h, k0, block, HMAC_IPAD);
	if (rc == E_OK)
		rc = pad_start(outer, h, k0, block, HMAC_OPAD);
	wipe(k0, sizeof(k0));
	return rc;
}

int hmac_once(enum hash_id h, const void *key, size_t keylen, const void *msg, size_t n,
              uint8_t *out)
{
	struct hash_ctx inner, outer;
	uint8_t ih[HASH_MAX_LEN];
	int rc;

	rc = hmac_states(&inner, &outer, h, key, keylen);
	if (rc == E_OK)
		rc = hash_update(&inner, msg, n);
	if (rc == E_OK)
		rc = hash_final(&inner, ih);
	if (rc == E_OK)
		rc = hash_update(&outer, ih, hash_len(h));
	if (rc == E_OK)
		rc = hash_final(&outer, out);
	wipe(ih, sizeof(ih));
	wipe(&inner, sizeof(inner));
	wipe(&outer, sizeof(outer));
	return rc;
}

#if SHREW_HMAC

/* The hash under id, or 0 if id is not built in. */
static enum hash_id mac_hash(enum mac_id id)
{
	switch (id) {
#if SHREW_HMAC_SHA1
	case MAC_HMAC_SHA1: return HASH_SHA1;
#endif
#if SHREW_HMAC_SHA256
	case MAC_HMAC_SHA256: return HASH_SHA256;
#endif
#if SHREW_HMAC_SHA512
	case MAC_HMAC_SHA512: return HASH_SHA512;
#endif
	default: return (enum hash_id)0;
	}
}

size_t mac_len(enum mac_id id)
{
	enum hash_id h = mac_hash(id);

	return h ? hash_len(h) : 0;
}

int mac_init(struct mac_ctx *c, enum mac_id id, const void *key, size_t keylen)
{
	enum hash_id h = mac_hash(id);
	int rc;

	if (!h)
		return E_UNSUPPORTED;
	c->id = id;
	rc = hmac_states(&c->inner, &c->outer, h, key, keylen);
	if (rc != E_OK)
		mac_wipe(c);
	return rc;
}

void mac_wipe(struct mac_ctx *c)
{
	wipe(c, sizeof(*c));
}

int mac_begin(const struct mac_ctx *c, struct mac_run *r)
{
	if (!mac_hash(c->id))
		return E_ARG;
	r->key = c;
	r->h = c->inner;
	return E_OK;
}

int mac_update(struct mac_run *r, const void *p, size_t n)
{
	return hash_update(&r->h, p, n);
}

int mac_end(struct mac_run *r, uint8_t *out)
{
	uint8_t inner[HASH_MAX_LEN];
	size_t len = hash_len(r->h.id);
	int rc;

	rc = hash_final(&r->h, inner);
	if (rc == E_OK) {
		r->h = r->key->outer;
		rc = hash_update(&r->h, inner, len);
	}
	if (rc == E_OK)
		rc = hash_final(&r->h, out);
	wipe(inner, sizeof(inner));
	wipe(r, sizeof(*r));
	return rc;
}

int mac_end_verify(struct mac_run *r, const uint8_t *tag)
{
	uint8_t got[MAC_MAX_LEN];
	size_t len = hash_len(r->h.id);
	int rc;

	rc = mac_end(r, got);
	if (rc == E_OK && !ct_eq(got, tag, len))
		rc = E_VERIFY;
	wipe(got, sizeof(got));
	return rc;
}

/* Starts a packet MAC: begin, then the sequence number as a uint32. */
static int begin_seq(const struct mac_ctx *c, uint32_t seq, struct mac_run *r)
{
	uint8_t be[4];
	int rc;

	be[0] = (uint8_t)(seq >> 24);
	be[1] = (uint8_t)(seq >> 16);
	be[2] = (uint8_t)(seq >> 8);
	be[3] = (uint8_t)seq;
	rc = mac_begin(c, r);
	if (rc == E_OK)
		rc = mac_update(r, be, sizeof(be));
	return rc;
}

int mac_compute(const struct mac_ctx *c, uint32_t seq, const void *p, size_t n, uint8_t *out)
{
	struct mac_run r;
	int rc;

	rc = begin_seq(c, seq, &r);
	if (rc == E_OK)
		rc = mac_update(&r, p, n);
	if (rc == E_OK)
		return mac_end(&r, out);
	wipe(&r, sizeof(r));
	return rc;
}

int mac_verify(const struct mac_ctx *c, uint32_t seq, const void *p, size_t n, const uint8_t *tag)
{
	struct mac_run r;
	int rc;

	rc = begin_seq(c, seq, &r);
	if (rc == E_OK)
		rc = mac_update(&r, p, n);
	if (rc == E_OK)
		return mac_end_verify(&r, tag);
	wipe(&r, sizeof(r));
	return rc;
}

#endif /* SHREW_HMAC */
