/*
 * common-kex.c - exchange hash (RFC 4253 8, RFC 5656 4, RFC 8731 3.1),
 * key derivation (RFC 4253 7.2), and the table from kex_alg to method ops.
 * The methods themselves live in common-kex-curve25519.c,
 * common-kex-ecdh.c and common-kex-dh.c.
 */
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-kex.h"
#include "common-wipe.h"

/* ---- Hashing SSH encodings ------------------------------------------------ */

static int hash_u32(struct hash_ctx *c, uint32_t v)
{
	uint8_t b[4];

	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
	return hash_update(c, b, 4);
}

static int hash_string(struct hash_ctx *c, struct view v)
{
	int rc = hash_u32(c, (uint32_t)v.len);

	return rc != E_OK ? rc : hash_update(c, v.p, v.len);
}

int kex_hash_mpint(struct hash_ctx *c, struct view mag)
{
	static const uint8_t zero = 0;
	size_t i = 0;
	int sign, rc;

	while (i < mag.len && mag.p[i] == 0)
		i++;
	mag.p += i;
	mag.len -= i;
	sign = mag.len > 0 && (mag.p[0] & 0x80);
	rc = hash_u32(c, (uint32_t)(mag.len + (size_t)sign));
	if (rc == E_OK && sign)
		rc = hash_update(c, &zero, 1);
	if (rc == E_OK)
		rc = hash_update(c, mag.p, mag.len);
	return rc;
}

static int hash_pub(struct hash_ctx *c, enum kex_pub_enc enc, struct view q)
{
	return enc == KEX_PUB_MPINT ? kex_hash_mpint(c, q) : hash_string(c, q);
}

/* ---- Exchange hash --------------------------------------------------------- */

int kex_exchange_hash(enum hash_id h, const struct kex_hash_in *in, uint8_t *out)
{
	struct hash_ctx c;
	int rc = hash_init(&c, h);

	if (rc != E_OK)
		return rc;
	rc = hash_string(&c, in->v_c);
	if (rc == E_OK)
		rc = hash_string(&c, in->v_s);
	if (rc == E_OK)
		rc = hash_string(&c, in->i_c);
	if (rc == E_OK)
		rc = hash_string(&c, in->i_s);
	if (rc == E_OK)
		rc = hash_string(&c, in->k_s);
	if (rc == E_OK)
		rc = hash_pub(&c, in->pub_enc, in->q_c);
	if (rc == E_OK)
		rc = hash_pub(&c, in->pub_enc, in->q_s);
	if (rc == E_OK)
		rc = kex_hash_mpint(&c, in->k);
	if (rc == E_OK)
		return hash_final(&c, out);
	wipe(&c, sizeof(c));
	return rc;
}

/* ---- Key derivation --------------------------------------------------------- */

/* base = a hash that has absorbed mpint K || H. */
static int derive_base(struct hash_ctx *base, enum hash_id h, struct view K, const uint8_t *H,
                       size_t hlen)
{
	int rc = hash_init(base, h);

	if (rc == E_OK)
		rc = kex_hash_mpint(base, K);
	if (rc == E_OK)
		rc = hash_update(base, H, hlen);
	return rc;
}

/* K1 = HASH(K || H || letter || session_id) into k1 (hash_len bytes). */
static int derive_first(const struct hash_ctx *base, char letter, const uint8_t *sid, size_t sidlen,
                        uint8_t *k1)
{
	struct hash_ctx c = *base;
	uint8_t x = (uint8_t)letter;
	int rc = hash_update(&c, &x, 1);

	if (rc == E_OK)
		rc = hash_update(&c, sid, sidlen);
	if (rc == E_OK)
		return hash_final(&c, k1);
	wipe(&c, sizeof(c));
	return rc;
}

/* The loop: base absorbs each Kn in turn (K || H || K1 || ... || Kn-1),
 * and a copy of it is finished for the next block. */
static int derive_blocks(struct hash_ctx *base, char letter, const uint8_t *sid, size_t sidlen,
                         uint8_t *out, size_t need)
{
	size_t hl = hash_len(base->id), done = 0, n;
	uint8_t block[HASH_MAX_LEN];
	struct hash_ctx c;
	int rc = derive_first(base, letter, sid, sidlen, block);

	while (rc == E_OK) {
		n = need - done < hl ? need - done : hl;
		memcpy(out + done, block, n);
		done += n;
		if (done == need)
			break;
		rc = hash_update(base, block, hl);
		c = *base;
		if (rc == E_OK)
			rc = hash_final(&c, block);
	}
	wipe(block, sizeof(block));
	wipe(&c, sizeof(c));
	return rc;
}

int kex_derive(enum hash_id h, struct view K, const uint8_t *H, size_t hlen,
               const uint8_t *session_id, size_t sidlen, char letter, uint8_t *out, size_t need)
{
	struct hash_ctx base;
	int rc;

	if (need == 0)
		return E_OK;
	rc = derive_base(&base, h, K, H, hlen);
	if (rc == E_OK)
		rc = derive_blocks(&base, letter, session_id, sidlen, out, need);
	wipe(&base, sizeof(base));
	if (rc != E_OK)
		wipe(out, need);
	return rc;
}

/* ---- Methods ------------------------------------------------------------------- */

const struct kex_method_ops *kex_method_ops(enum kex_alg alg)
{
	switch (alg) {
#if SHREW_KEX_CURVE25519
	case KEX_CURVE25519_SHA256:
	case KEX_CURVE25519_SHA256_LIBSSH: return &kex_ops_curve25519;
#endif
#if SHREW_KEX_ECDH_NISTP
	case KEX_ECDH_P256:
	case KEX_ECDH_P384:
	case KEX_ECDH_P521: return &kex_ops_ecdh;
#endif
#if SHREW_KEX_DH_GROUP14_SHA256
	case KEX_DH_G14_SHA256: return &kex_ops_dh;
#endif
#if SHREW_KEX_DH_GROUP14_SHA1
	case KEX_DH_G14_SHA1: return &kex_ops_dh;
#endif
#if SHREW_KEX_DH_GROUP1_SHA1
	case KEX_DH_G1_SHA1: return &kex_ops_dh;
#endif
	default: return NULL;
	}
}

int kex_start(struct kex_state *st, enum kex_alg alg)
{
	memset(st, 0, sizeof(*st));
	st->ops = kex_method_ops(alg);
	if (st->ops == NULL)
		return E_UNSUPPORTED;
	st->alg = alg;
	return E_OK;
}

void kex_state_wipe(struct kex_state *st)
{
	if (st->ops != NULL)
		st->ops->wipe(st);
	wipe(st, sizeof(*st));
}

int kex_wr_pub(struct wr *w, enum kex_pub_enc enc, struct view pub)
{
	if (enc == KEX_PUB_MPINT)
		return wr_mpint(w, pub.p, pub.len);
	return wr_string(w, pub.p, pub.len);
}

int kex_rd_pub(struct rd *r, enum kex_pub_enc enc, struct view *pub)
{
	if (enc == KEX_PUB_MPINT)
		return rd_mpint(r, KEX_PUB_MAX, pub);
	return rd_string(r, KEX_PUB_MAX, pub);
}
