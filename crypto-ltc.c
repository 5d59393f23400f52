/*
 * crypto-ltc.c - libtomcrypt set-up: math descriptor, cipher and hash
 * registration, and a PRNG descriptor backed by the kernel (random_bytes).
 *
 * libtomcrypt's RSA/ECC key generation and blinding take a PRNG by index;
 * ours reads getrandom() directly, so there is no user-space PRNG state to
 * seed, fork-share or wipe.
 */
#include "options.h"
#include "common-err.h"
#include "common-random.h"
#include "crypto-ltc.h"

static int prng_idx = -1;

static int kp_start(prng_state *p)
{
	(void)p;
	return CRYPT_OK;
}

static int kp_add_entropy(const unsigned char *in, unsigned long n, prng_state *p)
{
	(void)in;
	(void)n;
	(void)p;
	return CRYPT_OK;
}

static int kp_ready(prng_state *p)
{
	(void)p;
	return CRYPT_OK;
}

static unsigned long kp_read(unsigned char *out, unsigned long n, prng_state *p)
{
	(void)p;
	return random_bytes(out, n) == E_OK ? n : 0;
}

static int kp_done(prng_state *p)
{
	(void)p;
	return CRYPT_OK;
}

static int kp_export(unsigned char *out, unsigned long *n, prng_state *p)
{
	(void)out;
	(void)n;
	(void)p;
	return CRYPT_ERROR;
}

static int kp_import(const unsigned char *in, unsigned long n, prng_state *p)
{
	(void)in;
	(void)n;
	(void)p;
	return CRYPT_ERROR;
}

static int kp_test(void)
{
	return CRYPT_NOP;
}

static const struct ltc_prng_descriptor kernel_prng = {"shrew",   0,       kp_start, kp_add_entropy,
                                                       kp_ready,  kp_read, kp_done,  kp_export,
                                                       kp_import, kp_test};

int crypto_init(void)
{
	if (prng_idx >= 0)
		return E_OK;
	ltc_mp = ltm_desc;
#if SHREW_AES
#ifdef ENCRYPT_ONLY /* tomcrypt_custom.h: no CBC, AES forwards only */
	if (register_cipher(&aes_enc_desc) < 0)
#else
	if (register_cipher(&aes_desc) < 0)
#endif
		return E_CRYPTO;
#endif
#if SHREW_SHA1_LEGACY /* the client's HMAC-SHA1 needs no descriptor */
	if (register_hash(&sha1_desc) < 0)
		return E_CRYPTO;
#endif
	if (register_hash(&sha256_desc) < 0 || register_hash(&sha384_desc) < 0 ||
	    register_hash(&sha512_desc) < 0)
		return E_CRYPTO;
	prng_idx = register_prng(&kernel_prng);
	return prng_idx >= 0 ? E_OK : E_CRYPTO;
}

int crypto_prng_idx(void)
{
	return prng_idx;
}
