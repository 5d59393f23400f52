/*
 * common-keyfile-asn1.c - the DER key formats inside PEM armour:
 *
 * PKCS#1 (RFC 8017 A.1.2), "RSA PRIVATE KEY":
 *   RSAPrivateKey ::= SEQUENCE { version (0), modulus, publicExponent,
 *     privateExponent, prime1, prime2, exponent1, exponent2, coefficient }
 * SEC1 (RFC 5915 section 3), "EC PRIVATE KEY":
 *   ECPrivateKey ::= SEQUENCE { version (1), privateKey OCTET STRING,
 *     parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
 * PKCS#8 (RFC 5208 section 5, RFC 5958 section 2), "PRIVATE KEY":
 *   OneAsymmetricKey ::= SEQUENCE { version (0 or 1),
 *     privateKeyAlgorithm AlgorithmIdentifier, privateKey OCTET STRING,
 *     attributes [0] IMPLICIT OPTIONAL, publicKey [1] IMPLICIT BIT STRING
 *     OPTIONAL (version 1 only) }
 *   holding RSA (rsaEncryption, NULL parameters, an RSAPrivateKey), EC
 *   (id-ecPublicKey, a namedCurve, an ECPrivateKey) or Ed25519 (RFC 8410:
 *   id-Ed25519, no parameters, CurvePrivateKey ::= OCTET STRING).
 */
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-der.h"
#include "common-wipe.h"
#include "common-keyfile-int.h"
#if SHREW_ED25519
#include "crypto-25519.h"
#endif

static const uint8_t oid_rsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
static const uint8_t oid_ec[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
static const uint8_t oid_ed25519[] = {0x2b, 0x65, 0x70};

#define NOT_BUILT "unsupported key type (not in this build)"

/* ---- PKCS#1 ---------------------------------------------------------------- */

#if SHREW_RSA
static int rsa_body(struct der *d, struct key *k, const char **why)
{
	const size_t cap = SHREW_RSA_MAX_BITS / 8;
	struct view n, e, pd, p, q, dp, dq, iqmp;
	struct der s;
	uint32_t ver = 0;
	int rc;

	if (der_enter(d, DER_SEQUENCE, &s) != E_OK)
		return kf_fail_rc(why, d->r.err);
	der_u32(&s, &ver);
	if (s.r.err == E_OK && ver != 0)
		return kf_fail(why, "multi-prime RSA keys are not supported", E_UNSUPPORTED);
	der_uint(&s, cap, &n);
	der_uint(&s, cap, &e);
	der_uint(&s, cap, &pd);
	der_uint(&s, cap, &p);
	der_uint(&s, cap, &q);
	der_uint(&s, cap, &dp);
	der_uint(&s, cap, &dq);
	der_uint(&s, cap, &iqmp);
	if ((rc = der_end(&s)) != E_OK)
		return kf_fail_rc(why, rc);
	rc = key_set_rsa(k, n, e, &pd, &p, &q, &iqmp);
	return rc == E_OK ? E_OK : kf_fail_rc(why, rc);
}
#endif

int kf_pkcs1_parse(const uint8_t *buf, size_t n, struct key *k, const char **why)
{
#if SHREW_RSA
	struct der d;
	int rc;

	der_init(&d, buf, n);
	if ((rc = rsa_body(&d, k, why)) != E_OK)
		return rc;
	return (rc = der_end(&d)) == E_OK ? E_OK : kf_fail_rc(why, rc);
#else
	(void)buf;
	(void)n;
	(void)k;
	return kf_fail(why, NOT_BUILT, E_UNSUPPORTED);
#endif
}

/* ---- SEC1 ------------------------------------------------------------------ */

#if SHREW_ECDSA
struct curve {
	enum key_type type;
	size_t size; /* bytes of a field element / scalar */
	size_t oid_len;
	uint8_t oid[8];
};

static const struct curve curves[] = {
    {KEY_ECDSA_P256, 32, 8, {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07}},
    {KEY_ECDSA_P384, 48, 5, {0x2b, 0x81, 0x04, 0x00, 0x22}},
    {KEY_ECDSA_P521, 66, 5, {0x2b, 0x81, 0x04, 0x00, 0x23}},
};

static const struct curve *curve_by_oid(struct view oid)
{
	size_t i;

	for (i = 0; i < sizeof(curves) / sizeof(curves[0]); i++)
		if (der_oid_eq(oid, curves[i].oid, curves[i].oid_len))
			return &curves[i];
	return NULL;
}

/* Reads ECParameters (RFC 5480 2.1.1: only namedCurve) into *cv. */
static int named_curve(struct der *d, const struct curve **cv, const char **why)
{
	struct view oid;
	uint8_t tag;

	if (der_peek(d, &tag) == E_OK && tag != DER_OID)
		return kf_fail(why, "explicit EC curve parameters are not supported",
		               E_UNSUPPORTED);
	if (der_oid(d, &oid) != E_OK)
		return kf_fail_rc(why, d->r.err);
	*cv = curve_by_oid(oid);
	return *cv ? E_OK : kf_fail(why, "unsupported EC curve", E_UNSUPPORTED);
}

/* The optional [0] parameters and [1] publicKey of an ECPrivateKey. */
static int ec_optional(struct der *s, const struct curve **cv, struct view *pub, const char **why)
{
	const struct curve *named = NULL;
	struct der c;
	uint8_t tag;
	int rc;

	if (der_peek(s, &tag) == E_OK && tag == DER_CTX(0)) {
		if (der_enter(s, DER_CTX(0), &c) != E_OK)
			return kf_fail_rc(why, s->r.err);
		if ((rc = named_curve(&c, &named, why)) != E_OK)
			return rc;
		if ((rc = der_end(&c)) != E_OK)
			return kf_fail_rc(why, rc);
		if (*cv && *cv != named)
			return kf_fail(why, "EC key names two different curves", E_FORMAT);
		*cv = named;
	}
	if (der_peek(s, &tag) == E_OK && tag == DER_CTX(1)) {
		if (der_enter(s, DER_CTX(1), &c) != E_OK ||
		    der_bits(&c, DER_BIT_STRING, pub) != E_OK)
			return kf_fail_rc(why, s->r.err != E_OK ? s->r.err : c.r.err);
		if ((rc = der_end(&c)) != E_OK)
			return kf_fail_rc(why, rc);
	}
	return (rc = der_end(s)) == E_OK ? E_OK : kf_fail_rc(why, rc);
}

/* q = 0x04 || X || Y of d*G, for an ECPrivateKey without its publicKey.
 * Uses libtomcrypt's point multiplication (timing-resistant build). */
static int ec_public(const struct curve *cv, struct view dv, uint8_t *q)
{
	const ltc_ecc_set_type *dp = NULL;
	ecc_point *g = ltc_ecc_new_point(), *r = ltc_ecc_new_point();
	void *d = NULL, *prime = NULL, *order = NULL;
	int i, rc = E_CRYPTO;

	for (i = 0; ltc_ecc_sets[i].size != 0; i++)
		if ((size_t)ltc_ecc_sets[i].size == cv->size)
			dp = &ltc_ecc_sets[i];
	if (!dp || !g || !r || ltc_init_multi(&d, &prime, &order, NULL) != CRYPT_OK)
		goto out;
	if (ltc_mp.read_radix(prime, dp->prime, 16) != CRYPT_OK ||
	    ltc_mp.read_radix(order, dp->order, 16) != CRYPT_OK ||
	    ltc_mp.read_radix(g->x, dp->Gx, 16) != CRYPT_OK ||
	    ltc_mp.read_radix(g->y, dp->Gy, 16) != CRYPT_OK ||
	    ltc_mp.set_int(g->z, 1) != CRYPT_OK ||
	    ltc_mp.unsigned_read(d, (unsigned char *)dv.p, (unsigned long)dv.len) != CRYPT_OK)
		goto out;
	rc = E_FORMAT; /* d must be in [1, order - 1] */
	if (ltc_mp.compare_d(d, 0) == LTC_MP_EQ || ltc_mp.compare(d, order) != LTC_MP_LT)
		goto out;
	rc = E_CRYPTO;
	if (ltc_ecc_mulmod(d, g, r, prime, 1) != CRYPT_OK ||
	    ltc_mp.unsigned_size(r->x) > cv->size || ltc_mp.unsigned_size(r->y) > cv->size)
		goto out;
	memset(q, 0, 1 + 2 * cv->size);
	q[0] = 0x04;
	ltc_mp.unsigned_write(r->x, q + 1 + cv->size - ltc_mp.unsigned_size(r->x));
	ltc_mp.unsigned_write(r->y, q + 1 + 2 * cv->size - ltc_mp.unsigned_size(r->y));
	rc = E_OK;
out:
	if (d)
		ltc_deinit_multi(d, prime, order, NULL); /* libtommath zeroes digits */
	if (g)
		ltc_ecc_del_point(g);
	if (r)
		ltc_ecc_del_point(r);
	return rc;
}

/* cv: the curve named outside (PKCS#8), or NULL. */
static int ec_body(struct der *d, const struct curve *cv, struct key *k, const char **why)
{
	struct view priv, pub = {NULL, 0};
	uint8_t q[1 + 2 * 66];
	struct der s;
	uint32_t ver = 0;
	int rc;

	if (der_enter(d, DER_SEQUENCE, &s) != E_OK)
		return kf_fail_rc(why, d->r.err);
	der_u32(&s, &ver);
	if (der_get(&s, DER_OCTET_STRING, &priv) != E_OK)
		return kf_fail_rc(why, s.r.err);
	if (ver != 1)
		return kf_fail(why, "unknown EC private key version", E_FORMAT);
	if ((rc = ec_optional(&s, &cv, &pub, why)) != E_OK)
		return rc;
	if (!cv)
		return kf_fail(why, "EC private key names no curve", E_FORMAT);
	if (priv.len == 0 || priv.len > cv->size)
		return kf_fail(why, "bad EC private key length", E_FORMAT);
	if (!pub.p) {
		rc = ec_public(cv, priv, q);
		if (rc != E_OK)
			return kf_fail_rc(why, rc);
		pub.p = q;
		pub.len = 1 + 2 * cv->size;
	}
	rc = key_set_ecdsa(k, cv->type, pub, &priv);
	return rc == E_OK ? E_OK : kf_fail_rc(why, rc);
}
#endif

int kf_sec1_parse(const uint8_t *buf, size_t n, struct key *k, const char **why)
{
#if SHREW_ECDSA
	struct der d;
	int rc;

	der_init(&d, buf, n);
	if ((rc = ec_body(&d, NULL, k, why)) != E_OK)
		return rc;
	return (rc = der_end(&d)) == E_OK ? E_OK : kf_fail_rc(why, rc);
#else
	(void)buf;
	(void)n;
	(void)k;
	return kf_fail(why, NOT_BUILT, E_UNSUPPORTED);
#endif
}

/* ---- PKCS#8 ---------------------------------------------------------------- */

struct pkcs8 {
	struct der alg;   /* inside privateKeyAlgorithm, after the OID */
	struct view oid;  /* the algorithm */
	struct view priv; /* privateKey contents */
	struct view pub;  /* publicKey bits, p == NULL if absent */
};

static int pkcs8_outer(const uint8_t *buf, size_t n, struct pkcs8 *p8, const char **why)
{
	struct der d, s;
	struct view skip;
	uint32_t ver = 0;
	uint8_t tag;
	int rc = E_OK;

	der_init(&d, buf, n);
	if (der_enter(&d, DER_SEQUENCE, &s) != E_OK || (rc = der_end(&d)) != E_OK)
		return kf_fail_rc(why, d.r.err != E_OK ? d.r.err : rc);
	der_u32(&s, &ver);
	der_enter(&s, DER_SEQUENCE, &p8->alg);
	der_get(&s, DER_OCTET_STRING, &p8->priv);
	if (s.r.err != E_OK)
		return kf_fail_rc(why, s.r.err);
	if (ver > 1)
		return kf_fail(why, "unknown PKCS#8 version", E_UNSUPPORTED);
	if (der_peek(&s, &tag) == E_OK && tag == DER_CTX(0))
		der_get(&s, DER_CTX(0), &skip); /* attributes: not needed */
	p8->pub.p = NULL;
	p8->pub.len = 0;
	if (ver == 1 && der_peek(&s, &tag) == E_OK && tag == DER_CTX_PRIM(1))
		der_bits(&s, DER_CTX_PRIM(1), &p8->pub);
	if ((rc = der_end(&s)) != E_OK)
		return kf_fail_rc(why, rc);
	if (der_oid(&p8->alg, &p8->oid) != E_OK)
		return kf_fail_rc(why, p8->alg.r.err);
	return E_OK;
}

#if SHREW_RSA
static int pkcs8_rsa(struct pkcs8 *p8, struct key *k, const char **why)
{
	uint8_t tag;
	int rc;

	if (der_peek(&p8->alg, &tag) == E_OK && der_null(&p8->alg) != E_OK)
		return kf_fail_rc(why, p8->alg.r.err);
	if ((rc = der_end(&p8->alg)) != E_OK)
		return kf_fail_rc(why, rc);
	return kf_pkcs1_parse(p8->priv.p, p8->priv.len, k, why);
}
#endif

#if SHREW_ECDSA
static int pkcs8_ec(struct pkcs8 *p8, struct key *k, const char **why)
{
	const struct curve *cv = NULL;
	struct der d;
	int rc;

	if ((rc = named_curve(&p8->alg, &cv, why)) != E_OK)
		return rc;
	if ((rc = der_end(&p8->alg)) != E_OK)
		return kf_fail_rc(why, rc);
	der_init(&d, p8->priv.p, p8->priv.len);
	if ((rc = ec_body(&d, cv, k, why)) != E_OK)
		return rc;
	return (rc = der_end(&d)) == E_OK ? E_OK : kf_fail_rc(why, rc);
}
#endif

#if SHREW_ED25519
/* RFC 8410 section 7: privateKey holds CurvePrivateKey, an OCTET STRING of
 * the 32-byte seed; the public key is computed when the file lacks it. */
static int pkcs8_ed25519(struct pkcs8 *p8, struct key *k, const char **why)
{
	uint8_t pub[32];
	struct view seed;
	struct der d;
	int rc;

	if ((rc = der_end(&p8->alg)) != E_OK)
		return kf_fail(why, "Ed25519 takes no algorithm parameters", E_FORMAT);
	der_init(&d, p8->priv.p, p8->priv.len);
	der_get(&d, DER_OCTET_STRING, &seed);
	if ((rc = der_end(&d)) != E_OK)
		return kf_fail_rc(why, rc);
	if (seed.len != 32 || (p8->pub.p && p8->pub.len != 32))
		return kf_fail(why, "bad Ed25519 key length", E_FORMAT);
	if (p8->pub.p)
		memcpy(pub, p8->pub.p, 32);
	else if ((rc = ed25519_pubkey(pub, seed.p)) != E_OK)
		return kf_fail_rc(why, rc);
	rc = key_set_ed25519(k, pub, seed.p);
	return rc == E_OK ? E_OK : kf_fail_rc(why, rc);
}
#endif

int kf_pkcs8_parse(const uint8_t *buf, size_t n, struct key *k, const char **why)
{
	struct pkcs8 p8;
	int rc;

	if ((rc = pkcs8_outer(buf, n, &p8, why)) != E_OK)
		return rc;
#if SHREW_RSA
	if (der_oid_eq(p8.oid, oid_rsa, sizeof(oid_rsa)))
		return pkcs8_rsa(&p8, k, why);
#endif
#if SHREW_ECDSA
	if (der_oid_eq(p8.oid, oid_ec, sizeof(oid_ec)))
		return pkcs8_ec(&p8, k, why);
#endif
#if SHREW_ED25519
	if (der_oid_eq(p8.oid, oid_ed25519, sizeof(oid_ed25519)))
		return pkcs8_ed25519(&p8, k, why);
#endif
	if (der_oid_eq(p8.oid, oid_rsa, sizeof(oid_rsa)) ||
	    der_oid_eq(p8.oid, oid_ec, sizeof(oid_ec)) ||
	    der_oid_eq(p8.oid, oid_ed25519, sizeof(oid_ed25519)))
		return kf_fail(why, NOT_BUILT, E_UNSUPPORTED);
	return kf_fail(why, "unsupported key algorithm in PKCS#8", E_UNSUPPORTED);
}
