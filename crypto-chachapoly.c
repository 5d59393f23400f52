/*
 * crypto-chachapoly.c - chacha20-poly1305@openssh.com (OpenSSH's
 * PROTOCOL.chacha20poly1305) over libtomcrypt's chacha_* and poly1305_*.
 */
#include "options.h"
#include "common-err.h"
#include "common-wipe.h"
#include "crypto-chachapoly.h"

#if SHREW_CHACHA20_POLY1305

#define CHACHA_KEY_LEN 32
#define CHACHA_ROUNDS 20
#define POLY_KEY_LEN 32

int cp_init(struct cp_ctx *c, const uint8_t key[CP_KEY_LEN])
{
	if (chacha_setup(&c->main, key, CHACHA_KEY_LEN, CHACHA_ROUNDS) != CRYPT_OK ||
	    chacha_setup(&c->header, key + CHACHA_KEY_LEN, CHACHA_KEY_LEN, CHACHA_ROUNDS) !=
	        CRYPT_OK) {
		cp_wipe(c);
		return E_CRYPTO;
	}
	return E_OK;
}

void cp_wipe(struct cp_ctx *c)
{
	wipe(c, sizeof(*c));
}

/* Points st at packet seq (the nonce, a big-endian uint64) and block
 * counter ctr. */
static int set_nonce(chacha_state *st, uint64_t seq, uint64_t ctr)
{
	uint8_t nonce[8];
	int i;

	for (i = 7; i >= 0; i--, seq >>= 8)
		nonce[i] = (uint8_t)seq;
	return chacha_ivctr64(st, nonce, sizeof(nonce), ctr) == CRYPT_OK ? E_OK : E_CRYPTO;
}

/* Encrypts or decrypts the 4-byte length field with K_1 at counter 0. */
static int crypt_length(struct cp_ctx *c, uint64_t seq, const uint8_t *in, uint8_t *out)
{
	int rc = set_nonce(&c->header, seq, 0);

	if (rc == E_OK && chacha_crypt(&c->header, in, CP_LEN_LEN, out) != CRYPT_OK)
		rc = E_CRYPTO;
	return rc;
}

/* Encrypts or decrypts n bytes after the length with K_2 from counter 1. */
static int crypt_payload(struct cp_ctx *c, uint64_t seq, const uint8_t *in, uint8_t *out, size_t n)
{
	int rc = set_nonce(&c->main, seq, 1);

	if (rc == E_OK && n && chacha_crypt(&c->main, in, (unsigned long)n, out) != CRYPT_OK)
		rc = E_CRYPTO;
	return rc;
}

/* The tag of packet seq over the n encrypted bytes at enc: Poly1305 keyed
 * with the first 32 bytes of K_2's block 0. */
static int make_tag(struct cp_ctx *c, uint64_t seq, const uint8_t *enc, size_t n,
                    uint8_t tag[CP_TAG_LEN])
{
	uint8_t pkey[POLY_KEY_LEN];
	unsigned long taglen = CP_TAG_LEN;
	poly1305_state ps;
	int rc = set_nonce(&c->main, seq, 0);

	if (rc == E_OK && chacha_keystream(&c->main, pkey, sizeof(pkey)) != CRYPT_OK)
		rc = E_CRYPTO;
	if (rc == E_OK && (poly1305_init(&ps, pkey, sizeof(pkey)) != CRYPT_OK ||
	                   poly1305_process(&ps, enc, (unsigned long)n) != CRYPT_OK ||
	                   poly1305_done(&ps, tag, &taglen) != CRYPT_OK || taglen != CP_TAG_LEN))
		rc = E_CRYPTO;
	wipe(pkey, sizeof(pkey));
	wipe(&ps, sizeof(ps));
	return rc;
}

int cp_decrypt_length(struct cp_ctx *c, uint64_t seq, const uint8_t enc[CP_LEN_LEN], uint32_t *len)
{
	uint8_t b[CP_LEN_LEN];
	int rc = crypt_length(c, seq, enc, b);

	if (rc == E_OK)
		*len = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
		       (uint32_t)b[3];
	wipe(b, sizeof(b));
	return rc;
}

int cp_seal(struct cp_ctx *c, uint64_t seq, const uint8_t *in, uint8_t *out, size_t n,
            uint8_t tag[CP_TAG_LEN])
{
	int rc;

	if (n < CP_LEN_LEN)
		return E_ARG;
	rc = crypt_length(c, seq, in, out);
	if (rc == E_OK)
		rc = crypt_payload(c, seq, in + CP_LEN_LEN, out + CP_LEN_LEN, n - CP_LEN_LEN);
	if (rc == E_OK)
		rc = make_tag(c, seq, out, n, tag);
	if (rc != E_OK)
		wipe(out, n);
	return rc;
}

int cp_open(struct cp_ctx *c, uint64_t seq, const uint8_t *in, uint8_t *out, size_t n,
            const uint8_t tag[CP_TAG_LEN])
{
	uint8_t want[CP_TAG_LEN];
	int rc;

	if (n < CP_LEN_LEN)
		return E_ARG;
	rc = make_tag(c, seq, in, n, want);
	if (rc == E_OK && !ct_eq(want, tag, CP_TAG_LEN))
		rc = E_VERIFY;
	wipe(want, sizeof(want));
	if (rc != E_OK)
		return rc;
	rc = crypt_length(c, seq, in, out);
	if (rc == E_OK)
		rc = crypt_payload(c, seq, in + CP_LEN_LEN, out + CP_LEN_LEN, n - CP_LEN_LEN);
	if (rc != E_OK)
		wipe(out, n);
	return rc;
}

#endif /* SHREW_CHACHA20_POLY1305 */
