/*
 * crypto-cipher.c - AES-CTR (RFC 4344) and AES-GCM (RFC 5647, as
 * aes*-gcm@openssh.com) glue over libtomcrypt's ctr_* and gcm_*.
 */
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-wipe.h"
#include "crypto-cipher.h"

#if SHREW_AES_CTR || SHREW_AES_GCM

/* libtomcrypt's index of AES, or -1 if crypto_init() has not run. */
static int aes_idx(void)
{
	return find_cipher("aes");
}

static int aes_keylen_ok(size_t keylen)
{
	return keylen == 16 || keylen == 32;
}

#endif

#if SHREW_AES_CTR

int aesctr_init(struct aesctr_ctx *c, const uint8_t *key, size_t keylen,
                const uint8_t iv[AES_BLOCK_LEN])
{
	int idx = aes_idx();

	if (!aes_keylen_ok(keylen))
		return E_ARG;
	if (idx < 0)
		return E_CRYPTO;
	/* Big-endian counter over the whole block: the ctrlen bits of the
	 * mode word are 0, which libtomcrypt reads as "the full block". */
	if (ctr_start(idx, iv, key, (int)keylen, 0, CTR_COUNTER_BIG_ENDIAN, &c->ctr) != CRYPT_OK) {
		aesctr_wipe(c);
		return E_CRYPTO;
	}
	return E_OK;
}

int aesctr_crypt(struct aesctr_ctx *c, const uint8_t *in, uint8_t *out, size_t n)
{
	if (n == 0)
		return E_OK;
	if (ctr_encrypt(in, out, (unsigned long)n, &c->ctr) != CRYPT_OK)
		return E_CRYPTO;
	return E_OK;
}

void aesctr_wipe(struct aesctr_ctx *c)
{
	wipe(c, sizeof(*c));
}

#endif /* SHREW_AES_CTR */

#if SHREW_AES_GCM

int aesgcm_init(struct aesgcm_ctx *c, const uint8_t *key, size_t keylen,
                const uint8_t iv[AESGCM_NONCE_LEN])
{
	int idx = aes_idx();

	if (!aes_keylen_ok(keylen))
		return E_ARG;
	if (idx < 0)
		return E_CRYPTO;
	if (gcm_init(&c->gcm, idx, key, (int)keylen) != CRYPT_OK) {
		aesgcm_wipe(c);
		return E_CRYPTO;
	}
	memcpy(c->nonce, iv, AESGCM_NONCE_LEN);
	return E_OK;
}

/* Adds 1 to the 8-byte big-endian invocation counter (nonce bytes 4..11);
 * the 4-byte fixed field never changes (RFC 5647 7.1). */
static void next_nonce(struct aesgcm_ctx *c)
{
	int i;

	for (i = AESGCM_NONCE_LEN - 1; i >= 4; i--)
		if (++c->nonce[i] != 0)
			break;
}

/* One GCM pass under the current nonce.  libtomcrypt names its buffers pt
 * and ct for both directions: GCM_ENCRYPT reads pt and writes ct,
 * GCM_DECRYPT reads ct and writes pt; neither writes its input. */
static int gcm_pass(struct aesgcm_ctx *c, const uint8_t *aad, size_t aadlen, uint8_t *pt,
                    uint8_t *ct, size_t n, uint8_t tag[AESGCM_TAG_LEN], int dir)
{
	gcm_state *g = &c->gcm;
	unsigned long taglen = AESGCM_TAG_LEN;

	if (gcm_reset(g) != CRYPT_OK || gcm_add_iv(g, c->nonce, AESGCM_NONCE_LEN) != CRYPT_OK)
		return E_CRYPTO;
	if (aadlen && gcm_add_aad(g, aad, (unsigned long)aadlen) != CRYPT_OK)
		return E_CRYPTO;
	if (n && gcm_process(g, pt, (unsigned long)n, ct, dir) != CRYPT_OK)
		return E_CRYPTO;
	if (gcm_done(g, tag, &taglen) != CRYPT_OK || taglen != AESGCM_TAG_LEN)
		return E_CRYPTO;
	return E_OK;
}

int aesgcm_seal(struct aesgcm_ctx *c, const uint8_t *aad, size_t aadlen, const uint8_t *in,
                uint8_t *out, size_t n, uint8_t tag[AESGCM_TAG_LEN])
{
	int rc;

	/* The cast is libtomcrypt's non-const pt; encrypting only reads it. */
	rc = gcm_pass(c, aad, aadlen, (uint8_t *)in, out, n, tag, GCM_ENCRYPT);
	next_nonce(c);
	return rc;
}

int aesgcm_open(struct aesgcm_ctx *c, const uint8_t *aad, size_t aadlen, const uint8_t *in,
                uint8_t *out, size_t n, const uint8_t tag[AESGCM_TAG_LEN])
{
	uint8_t want[AESGCM_TAG_LEN];
	int rc;

	/* The cast is libtomcrypt's non-const ct; decrypting only reads it. */
	rc = gcm_pass(c, aad, aadlen, out, (uint8_t *)in, n, want, GCM_DECRYPT);
	next_nonce(c);
	if (rc == E_OK && !ct_eq(want, tag, AESGCM_TAG_LEN))
		rc = E_VERIFY;
	if (rc != E_OK)
		wipe(out, n);
	wipe(want, sizeof(want));
	return rc;
}

void aesgcm_wipe(struct aesgcm_ctx *c)
{
	wipe(c, sizeof(*c));
}

#endif /* SHREW_AES_GCM */
