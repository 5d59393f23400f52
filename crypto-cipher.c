/*
 * crypto-cipher.c - AES-CTR (RFC 4344) over libtomcrypt's ctr_*, and
 * AES-GCM (NIST SP 800-38D; RFC 5647, as aes*-gcm@openssh.com) on
 * libtomcrypt's AES block function with our own GHASH.
 */
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-wipe.h"
#include "crypto-cipher.h"

#if SHREW_AES_CTR || SHREW_AES_GCM

/* The AES block function: the encrypt-only build of it without CBC
 * (ENCRYPT_ONLY, see libtomcrypt/tomcrypt_custom.h). */
#ifdef ENCRYPT_ONLY
#define aes_key_setup rijndael_enc_setup
#define aes_encrypt_block rijndael_enc_ecb_encrypt
#else
#define aes_key_setup rijndael_setup
#define aes_encrypt_block rijndael_ecb_encrypt
#endif

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

/* ---- GHASH -------------------------------------------------------------
 * Shoup's 4-bit table method (as OpenSSL's portable gcm_gmult_4bit): a
 * 256-byte table of the 16 multiples of H and a 128-byte reduction table,
 * instead of libtomcrypt's 64 KB per key (LTC_GCM_TABLES), which was most
 * of a connection's memory.  Values are two big-endian 64-bit halves, bit
 * 0 of the GCM bit order being the top bit of hi.  Table lookups depend on
 * the data, as libtomcrypt's do, but touch 6 cache lines instead of up to
 * 1024. */

static uint64_t load64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void store64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

/* Reduction of the 4 bits shifted out at the low end, pre-shifted into the
 * top 16 bits (x^128 = x^7 + x^2 + x + 1, reflected: 0xe1). */
static const uint64_t rem_4bit[16] = {
    0x0000ULL << 48, 0x1C20ULL << 48, 0x3840ULL << 48, 0x2460ULL << 48,
    0x7080ULL << 48, 0x6CA0ULL << 48, 0x48C0ULL << 48, 0x54E0ULL << 48,
    0xE100ULL << 48, 0xFD20ULL << 48, 0xD940ULL << 48, 0xC560ULL << 48,
    0x9180ULL << 48, 0x8DA0ULL << 48, 0xA9C0ULL << 48, 0xB5E0ULL << 48,
};

static void ghash_init(uint64_t t[16][2], const uint8_t h[16])
{
	uint64_t hi = load64(h), lo = load64(h + 8), m;
	int i, j;

	t[0][0] = t[0][1] = 0;
	for (i = 8; i > 0; i >>= 1) { /* t[8] = H, t[4] = H*x, t[2], t[1] */
		t[i][0] = hi;
		t[i][1] = lo;
		m = 0 - (lo & 1);
		lo = hi << 63 | lo >> 1;
		hi = hi >> 1 ^ (0xe100000000000000ULL & m);
	}
	for (i = 2; i < 16; i <<= 1)
		for (j = 1; j < i; j++) {
			t[i + j][0] = t[i][0] ^ t[j][0];
			t[i + j][1] = t[i][1] ^ t[j][1];
		}
}

/* y = y * H. */
static void ghash_mul(uint8_t y[16], const uint64_t t[16][2])
{
	uint64_t zh, zl;
	unsigned rem, n;
	int i;

	n = y[15] & 0xf;
	zh = t[n][0];
	zl = t[n][1];
	for (i = 15; i >= 0; i--) {
		if (i != 15) {
			n = y[i] & 0xf;
			rem = (unsigned)zl & 0xf;
			zl = zh << 60 | zl >> 4;
			zh = zh >> 4 ^ rem_4bit[rem] ^ t[n][0];
			zl ^= t[n][1];
		}
		n = y[i] >> 4;
		rem = (unsigned)zl & 0xf;
		zl = zh << 60 | zl >> 4;
		zh = zh >> 4 ^ rem_4bit[rem] ^ t[n][0];
		zl ^= t[n][1];
	}
	store64(y, zh);
	store64(y + 8, zl);
}

/* Absorbs n bytes, the last block zero-padded. */
static void ghash(uint8_t y[16], const uint64_t t[16][2], const uint8_t *p, size_t n)
{
	size_t i, k;

	while (n > 0) {
		k = n < 16 ? n : 16;
		for (i = 0; i < k; i++)
			y[i] ^= p[i];
		ghash_mul(y, t);
		p += k;
		n -= k;
	}
}

int aesgcm_init(struct aesgcm_ctx *c, const uint8_t *key, size_t keylen,
                const uint8_t iv[AESGCM_NONCE_LEN])
{
	uint8_t h[16];

	if (!aes_keylen_ok(keylen))
		return E_ARG;
	memset(h, 0, sizeof(h));
	if (aes_key_setup(key, (int)keylen, 0, &c->aes) != CRYPT_OK ||
	    aes_encrypt_block(h, h, &c->aes) != CRYPT_OK) {
		aesgcm_wipe(c);
		return E_CRYPTO;
	}
	ghash_init(c->htab, h);
	wipe(h, sizeof(h));
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

/* One GCM pass under the current nonce (96-bit IV: J0 = nonce || 1).
 * Encrypting, GHASH reads out after the keystream; decrypting, it reads in
 * before, so in == out works both ways. */
static int gcm_pass(struct aesgcm_ctx *c, const uint8_t *aad, size_t aadlen, const uint8_t *in,
                    uint8_t *out, size_t n, uint8_t tag[AESGCM_TAG_LEN], int decrypt)
{
	uint8_t ctr[16], ks[16], y[16];
	uint32_t cnt = 1;
	size_t off, k, i;
	int rc = E_OK;

	memset(y, 0, sizeof(y));
	memcpy(ctr, c->nonce, AESGCM_NONCE_LEN);
	ghash(y, (const uint64_t(*)[2])c->htab, aad, aadlen);
	for (off = 0; off < n && rc == E_OK; off += k) {
		k = n - off < 16 ? n - off : 16;
		cnt++; /* inc32: the first data block uses counter 2 */
		ctr[12] = (uint8_t)(cnt >> 24);
		ctr[13] = (uint8_t)(cnt >> 16);
		ctr[14] = (uint8_t)(cnt >> 8);
		ctr[15] = (uint8_t)cnt;
		if (aes_encrypt_block(ctr, ks, &c->aes) != CRYPT_OK)
			rc = E_CRYPTO;
		if (decrypt)
			ghash(y, (const uint64_t(*)[2])c->htab, in + off, k);
		for (i = 0; i < k; i++)
			out[off + i] = in[off + i] ^ ks[i];
		if (!decrypt)
			ghash(y, (const uint64_t(*)[2])c->htab, out + off, k);
	}
	/* lengths block: bit lengths of the AAD and the text, 64 bits each */
	store64(ks, (uint64_t)aadlen * 8);
	store64(ks + 8, (uint64_t)n * 8);
	ghash(y, (const uint64_t(*)[2])c->htab, ks, 16);
	ctr[12] = ctr[13] = ctr[14] = 0; /* J0 */
	ctr[15] = 1;
	if (aes_encrypt_block(ctr, ks, &c->aes) != CRYPT_OK)
		rc = E_CRYPTO;
	for (i = 0; i < 16; i++)
		tag[i] = y[i] ^ ks[i];
	wipe(ks, sizeof(ks));
	wipe(y, sizeof(y));
	return rc;
}

int aesgcm_seal(struct aesgcm_ctx *c, const uint8_t *aad, size_t aadlen, const uint8_t *in,
                uint8_t *out, size_t n, uint8_t tag[AESGCM_TAG_LEN])
{
	int rc;

	rc = gcm_pass(c, aad, aadlen, in, out, n, tag, 0);
	next_nonce(c);
	return rc;
}

int aesgcm_open(struct aesgcm_ctx *c, const uint8_t *aad, size_t aadlen, const uint8_t *in,
                uint8_t *out, size_t n, const uint8_t tag[AESGCM_TAG_LEN])
{
	uint8_t want[AESGCM_TAG_LEN];
	int rc;

	rc = gcm_pass(c, aad, aadlen, in, out, n, want, 1);
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
