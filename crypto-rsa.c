/*
 * crypto-rsa.c - RSA keys and RSASSA-PKCS1-v1_5 signatures over
 * libtomcrypt's rsa_key (see crypto-rsa.h).
 *
 * We build the encoded message EM = 0x00 0x01 FF..FF 0x00 DigestInfo H
 * ourselves (RFC 8017 9.2) and verify by re-encoding and comparing, the
 * method RFC 8017 8.2.2 prescribes, so no ASN.1 parser ever reads bytes
 * from the network.  libtomcrypt supplies the modular exponentiation
 * (rsa_exptmod: blinding, CRT, CRT fault check) and rand_prime(); all
 * other bignum work goes through its ltc_mp descriptor (libtommath).
 */
#include "options.h"

#if SHREW_RSA
#include <string.h>

#include "common-err.h"
#include "common-wipe.h"
#include "common-wr.h"
#include "crypto-rsa.h"
#include "crypto-mp.h"

/* DigestInfo DER prefixes: RFC 8017 section 9.2, note 1. */
#if SHREW_SHA1
static const uint8_t di_sha1[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                  0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
#endif
static const uint8_t di_sha256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
static const uint8_t di_sha512[] = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};

#define RSA_PUBLIC_EXPONENT 65537

static int mp_is_odd(void *a)
{
	ltc_mp_digit r = 0;

	return ltc_mp.modi(a, 2, &r) == CRYPT_OK && r == 1;
}

/* Allocates all eight bignums of *k (zero), or none (E_NOMEM, *k zeroed:
 * ltc_init_multi frees what it got but leaves the pointers behind). */
static int init_key(rsa_key *k)
{
	memset(k, 0, sizeof(*k));
	if (ltc_init_multi(&k->e, &k->d, &k->N, &k->dQ, &k->dP, &k->qP, &k->p, &k->q, NULL) ==
	    CRYPT_OK)
		return E_OK;
	memset(k, 0, sizeof(*k));
	return E_NOMEM;
}

void crypto_rsa_free(rsa_key *k)
{
	rsa_free(k); /* libtommath zeroes digits as it frees them */
	wipe(k, sizeof(*k));
}

/* ---- Construction ------------------------------------------------------ */

static int set_public(rsa_key *k, struct view n, struct view e)
{
	int bits, rc;

	n = mag_strip(n);
	e = mag_strip(e);
	if (n.len > RSA_MAX_BYTES || e.len > RSA_MAX_E_BYTES)
		return E_UNSUPPORTED;
	if ((rc = mp_from_mag(k->N, n)) != E_OK || (rc = mp_from_mag(k->e, e)) != E_OK)
		return rc;
	bits = ltc_mp.count_bits(k->N);
	if (bits < RSA_MIN_PEER_BITS || bits > SHREW_RSA_MAX_BITS)
		return E_UNSUPPORTED;
	if (!mp_is_odd(k->N) || !mp_is_odd(k->e) || ltc_mp.compare_d(k->e, 3) == LTC_MP_LT)
		return E_FORMAT;
	k->type = PK_PUBLIC;
	return E_OK;
}

/* dx = d mod (prime - 1), and checks e * dx == 1 mod (prime - 1): then
 * the CRT half-exponentiation with dx inverts the one with e. */
static int crt_exponent(rsa_key *k, void *prime, void *dx, void *t1, void *t2)
{
	int err;

	if ((err = ltc_mp.subi(prime, 1, t1)) != CRYPT_OK ||
	    (err = ltc_mp.mpdiv(k->d, t1, NULL, dx)) != CRYPT_OK ||
	    (err = ltc_mp.mulmod(k->e, dx, t1, t2)) != CRYPT_OK)
		return mp_err(err);
	return ltc_mp.compare_d(t2, 1) == LTC_MP_EQ ? E_OK : E_FORMAT;
}

/* With n, e, d, p, q loaded: checks them and fills dP, dQ, qP.  iqmp
 * (stripped, may be empty) must equal q^-1 mod p when given. */
static int complete_private(rsa_key *k, struct view iqmp, void *t1, void *t2)
{
	int rc;

	if (ltc_mp.compare_d(k->p, 1) != LTC_MP_GT || ltc_mp.compare_d(k->q, 1) != LTC_MP_GT ||
	    ltc_mp.compare(k->p, k->q) == LTC_MP_EQ)
		return E_FORMAT;
	if (ltc_mp.mul(k->p, k->q, t1) != CRYPT_OK)
		return E_NOMEM;
	if (ltc_mp.compare(t1, k->N) != LTC_MP_EQ)
		return E_FORMAT;
	if (ltc_mp.compare_d(k->d, 0) != LTC_MP_GT || ltc_mp.compare(k->d, k->N) != LTC_MP_LT)
		return E_FORMAT;
	if ((rc = crt_exponent(k, k->p, k->dP, t1, t2)) != E_OK ||
	    (rc = crt_exponent(k, k->q, k->dQ, t1, t2)) != E_OK)
		return rc;
	/* qP = q^-1 mod p: libtomcrypt's qP, PKCS#1's qInv, OpenSSH's iqmp. */
	if (ltc_mp.invmod(k->q, k->p, k->qP) != CRYPT_OK)
		return E_FORMAT;
	if (iqmp.len > 0) {
		if ((rc = mp_from_mag(t1, iqmp)) != E_OK)
			return rc;
		if (ltc_mp.compare(t1, k->qP) != LTC_MP_EQ)
			return E_FORMAT;
	}
	k->type = PK_PRIVATE;
	return E_OK;
}

static int set_private(rsa_key *k, const struct rsa_parts *in)
{
	struct view d = mag_strip(in->d), p = mag_strip(in->p), q = mag_strip(in->q);
	struct view iqmp = mag_strip(in->iqmp);
	void *t1 = NULL, *t2 = NULL;
	int rc;

	if (d.len > RSA_MAX_BYTES || p.len > RSA_MAX_BYTES || q.len > RSA_MAX_BYTES ||
	    iqmp.len > RSA_MAX_BYTES)
		return E_FORMAT;
	if ((rc = mp_from_mag(k->d, d)) != E_OK || (rc = mp_from_mag(k->p, p)) != E_OK ||
	    (rc = mp_from_mag(k->q, q)) != E_OK)
		return rc;
	if (ltc_init_multi(&t1, &t2, NULL) != CRYPT_OK)
		return E_NOMEM;
	rc = complete_private(k, iqmp, t1, t2);
	ltc_deinit_multi(t1, t2, NULL);
	return rc;
}

int crypto_rsa_set(rsa_key *k, const struct rsa_parts *in)
{
	int priv = in->d.len > 0 || in->p.len > 0 || in->q.len > 0;
	int rc;

	if (priv && (in->d.len == 0 || in->p.len == 0 || in->q.len == 0)) {
		memset(k, 0, sizeof(*k));
		return E_FORMAT;
	}
	if ((rc = init_key(k)) != E_OK)
		return rc;
	rc = set_public(k, in->n, in->e);
	if (rc == E_OK && priv)
		rc = set_private(k, in);
	if (rc != E_OK)
		crypto_rsa_free(k);
	return rc;
}

/* ---- Generation ---------------------------------------------------------- */

/* A random prime of len bytes (top two bits set) with gcd(prime-1, e) = 1. */
static int gen_prime(void *prime, long len, void *e, void *t1, void *t2)
{
	int err;

	do {
		if ((err = rand_prime(prime, len, NULL, crypto_prng_idx())) != CRYPT_OK ||
		    (err = ltc_mp.subi(prime, 1, t1)) != CRYPT_OK ||
		    (err = ltc_mp.gcd(t1, e, t2)) != CRYPT_OK)
			return mp_err(err);
	} while (ltc_mp.compare_d(t2, 1) != LTC_MP_EQ);
	return E_OK;
}

/* n = p*q and d = e^-1 mod lcm(p-1, q-1), then the CRT values. */
static int derive_private(rsa_key *k, void *t1, void *t2)
{
	int err;

	if ((err = ltc_mp.mul(k->p, k->q, k->N)) != CRYPT_OK ||
	    (err = ltc_mp.subi(k->p, 1, t1)) != CRYPT_OK ||
	    (err = ltc_mp.subi(k->q, 1, t2)) != CRYPT_OK ||
	    (err = ltc_mp.lcm(t1, t2, t1)) != CRYPT_OK ||
	    (err = ltc_mp.invmod(k->e, t1, k->d)) != CRYPT_OK)
		return mp_err(err);
	return complete_private(k, (struct view){NULL, 0}, t1, t2);
}

int crypto_rsa_generate(rsa_key *k, int bits)
{
	long bytes = bits / 8;
	void *t1 = NULL, *t2 = NULL;
	int rc;

	memset(k, 0, sizeof(*k));
	if (bits < SHREW_RSA_MIN_BITS || bits > SHREW_RSA_MAX_BITS || bits % 8 != 0)
		return E_ARG;
	if ((rc = init_key(k)) != E_OK)
		goto out;
	if (ltc_init_multi(&t1, &t2, NULL) != CRYPT_OK) {
		t1 = t2 = NULL;
		rc = E_NOMEM;
		goto out;
	}
	if ((rc = mp_err(ltc_mp.set_int(k->e, RSA_PUBLIC_EXPONENT))) != E_OK)
		goto out;
	/* Prime sizes in whole bytes, (bytes+1)/2 and bytes/2, each with its
	 * top two bits set, so that n has exactly 8 * bytes bits. */
	if ((rc = gen_prime(k->p, (bytes + 1) / 2, k->e, t1, t2)) != E_OK)
		goto out;
	do {
		if ((rc = gen_prime(k->q, bytes / 2, k->e, t1, t2)) != E_OK)
			goto out;
	} while (ltc_mp.compare(k->p, k->q) == LTC_MP_EQ);
	rc = derive_private(k, t1, t2);
	if (rc == E_OK && ltc_mp.count_bits(k->N) != bits)
		rc = E_CRYPTO;
out:
	if (t1 != NULL)
		ltc_deinit_multi(t1, t2, NULL);
	if (rc != E_OK)
		crypto_rsa_free(k);
	return rc;
}

/* ---- Queries ------------------------------------------------------------- */

int crypto_rsa_copy_public(rsa_key *dst, const rsa_key *src)
{
	int rc = init_key(dst);

	if (rc == E_OK)
		rc = mp_err(ltc_mp.copy(src->N, dst->N));
	if (rc == E_OK)
		rc = mp_err(ltc_mp.copy(src->e, dst->e));
	if (rc != E_OK) {
		crypto_rsa_free(dst);
		return rc;
	}
	dst->type = PK_PUBLIC;
	return E_OK;
}

int crypto_rsa_equal_public(const rsa_key *a, const rsa_key *b)
{
	return ltc_mp.compare(a->N, b->N) == LTC_MP_EQ && ltc_mp.compare(a->e, b->e) == LTC_MP_EQ;
}

int crypto_rsa_is_private(const rsa_key *k)
{
	return k->type == PK_PRIVATE;
}

int crypto_rsa_bits(const rsa_key *k)
{
	return ltc_mp.count_bits(k->N);
}

size_t crypto_rsa_len(const rsa_key *k)
{
	return ltc_mp.unsigned_size(k->N);
}

int crypto_rsa_export(const rsa_key *k, enum rsa_field f, uint8_t *out, size_t cap, size_t *len)
{
	void *const a[] = {k->N, k->e, k->d, k->p, k->q, k->qP};
	size_t size;

	if ((unsigned)f > RSAF_IQMP || (f >= RSAF_D && k->type != PK_PRIVATE))
		return E_ARG;
	size = ltc_mp.unsigned_size(a[f]);
	if (size > cap)
		return E_TOOBIG;
	*len = size;
	return mp_to_fixed(a[f], out, size);
}

/* ---- Signatures (RFC 8017 8.2, 9.2) ---------------------------------------- */

static int digest_info(enum hash_id h, const uint8_t **prefix, size_t *len)
{
	switch (h) {
#if SHREW_SHA1
	case HASH_SHA1:
		*prefix = di_sha1;
		*len = sizeof(di_sha1);
		return E_OK;
#endif
	case HASH_SHA256:
		*prefix = di_sha256;
		*len = sizeof(di_sha256);
		return E_OK;
	case HASH_SHA512:
		*prefix = di_sha512;
		*len = sizeof(di_sha512);
		return E_OK;
	default: return E_UNSUPPORTED;
	}
}

/* EMSA-PKCS1-v1_5-ENCODE (RFC 8017 9.2) of msg into em, emlen bytes. */
static int emsa_encode(enum hash_id h, const uint8_t *msg, size_t n, uint8_t *em, size_t emlen)
{
	uint8_t digest[HASH_MAX_LEN], *ps;
	const uint8_t *prefix;
	size_t plen, hlen = hash_len(h);
	struct wr w;
	int rc;

	if ((rc = digest_info(h, &prefix, &plen)) != E_OK)
		return rc;
	if (emlen < plen + hlen + 11)
		return E_ARG; /* "intended encoded message length too short" */
	if ((rc = hash_once(h, msg, n, digest)) != E_OK)
		return rc;
	wr_init(&w, em, emlen);
	wr_u8(&w, 0x00);
	wr_u8(&w, 0x01);
	if (wr_reserve(&w, emlen - plen - hlen - 3, &ps) == E_OK)
		memset(ps, 0xff, emlen - plen - hlen - 3);
	wr_u8(&w, 0x00);
	wr_bytes(&w, prefix, plen);
	rc = wr_bytes(&w, digest, hlen);
	return rc == E_OK && w.len == emlen ? E_OK : E_CRYPTO;
}

int crypto_rsa_sign(const rsa_key *k, enum hash_id h, const uint8_t *msg, size_t n, uint8_t *sig,
                    size_t siglen)
{
	uint8_t em[RSA_MAX_BYTES], chk[RSA_MAX_BYTES];
	size_t klen = crypto_rsa_len(k);
	unsigned long outlen = (unsigned long)siglen, chklen = sizeof(chk);
	/* libtomcrypt takes a non-const key; rsa_exptmod does not change it. */
	rsa_key *key = (rsa_key *)k;
	int rc;

	if (k->type != PK_PRIVATE || klen > RSA_MAX_BYTES || siglen != klen)
		return E_ARG;
	if ((rc = emsa_encode(h, msg, n, em, klen)) != E_OK)
		return rc;
	rc = mp_err(rsa_exptmod(em, klen, sig, &outlen, PK_PRIVATE, key));
	if (rc == E_OK && outlen != klen)
		rc = E_CRYPTO;
	if (rc == E_OK)
		rc = mp_err(rsa_exptmod(sig, klen, chk, &chklen, PK_PUBLIC, key));
	if (rc == E_OK && (chklen != klen || memcmp(chk, em, klen) != 0))
		rc = E_CRYPTO;
	if (rc != E_OK)
		wipe(sig, siglen);
	return rc;
}

int crypto_rsa_verify(const rsa_key *k, enum hash_id h, const uint8_t *msg, size_t n,
                      const uint8_t *sig, size_t siglen)
{
	uint8_t s[RSA_MAX_BYTES], m[RSA_MAX_BYTES], em[RSA_MAX_BYTES];
	size_t klen = crypto_rsa_len(k);
	unsigned long mlen = sizeof(m);
	int rc;

	if (klen > RSA_MAX_BYTES)
		return E_ARG;
	if (siglen > klen)
		return E_VERIFY;
	/* Left-pad to the modulus length, then require s < n (RFC 8017
	 * 5.2.2 step 1): m and em below serve as scratch for n. */
	memset(s, 0, klen - siglen);
	if (siglen > 0)
		memcpy(s + (klen - siglen), sig, siglen);
	if ((rc = mp_to_fixed(k->N, m, klen)) != E_OK)
		return rc;
	if (memcmp(s, m, klen) >= 0)
		return E_VERIFY;
	if ((rc = mp_err(rsa_exptmod(s, klen, m, &mlen, PK_PUBLIC, (rsa_key *)k))) != E_OK)
		return rc;
	if (mlen != klen)
		return E_VERIFY;
	if ((rc = emsa_encode(h, msg, n, em, klen)) != E_OK)
		return rc;
	return memcmp(m, em, klen) == 0 ? E_OK : E_VERIFY;
}

#endif /* SHREW_RSA */
