/*
 * crypto-ecdsa.c - P-256/384/521 keys, ECDSA and ECDH over libtomcrypt's
 * ecc_key (see crypto-ecdsa.h).
 *
 * libtomcrypt 1.18 keeps its NIST curves in ltc_ecc_sets[] (named
 * "ECC-256", "ECC-384", "ECC-521"; each has its own coordinate size, which
 * is how we find them).  Its point import checks nothing, so we read the
 * coordinates ourselves and check the curve equation; its scalar
 * multiplication is the timing-resistant ladder (LTC_ECC_TIMING_RESISTANT,
 * on by default).  ECDSA signing and verifying are done here on
 * libtomcrypt's point arithmetic, as its raw r||s (RFC 7518) functions
 * do, so that its DER codec is not linked.
 */
#include "options.h"

#if SHREW_ECC
#include <string.h>

#include "common-err.h"
#include "common-wipe.h"
#include "crypto-ecdsa.h"
#include "crypto-mp.h"

/* Coordinate size in bytes per enum ecdsa_curve. */
static const int curve_size[] = {0, 32, 48, 66};

/* Index of curve c in ltc_ecc_sets[], or -1. */
static int curve_index(enum ecdsa_curve c)
{
	int i;

	if (c != ECDSA_P256 && c != ECDSA_P384 && c != ECDSA_P521)
		return -1;
	for (i = 0; ltc_ecc_sets[i].size != 0; i++)
		if (ltc_ecc_sets[i].size == curve_size[c])
			return i;
	return -1;
}

size_t crypto_ecdsa_bytes(enum ecdsa_curve c)
{
	return curve_index(c) < 0 ? 0 : (size_t)curve_size[c];
}

enum ecdsa_curve crypto_ecdsa_curve(const ecc_key *k)
{
	int c;

	for (c = ECDSA_P256; k->dp != NULL && c <= ECDSA_P521; c++)
		if (k->dp->size == curve_size[c])
			return (enum ecdsa_curve)c;
	return ECDSA_NONE;
}

/* Allocates the four bignums of *k (zero), or none (E_NOMEM, *k zeroed). */
static int init_key(ecc_key *k)
{
	memset(k, 0, sizeof(*k));
	if (ltc_init_multi(&k->pubkey.x, &k->pubkey.y, &k->pubkey.z, &k->k, NULL) == CRYPT_OK)
		return E_OK;
	memset(k, 0, sizeof(*k));
	return E_NOMEM;
}

void crypto_ecdsa_free(ecc_key *k)
{
	if (k->pubkey.x != NULL)
		ecc_free(k); /* libtommath zeroes digits as it frees them */
	wipe(k, sizeof(*k));
}

int crypto_ecdsa_is_private(const ecc_key *k)
{
	return k->type == PK_PRIVATE;
}

/* ---- Construction and checks ------------------------------------------ */

/* The curve's prime p, coefficient b and group order n. */
struct curve_mp {
	void *p, *b, *n;
};

static int curve_load(const ecc_key *k, struct curve_mp *c)
{
	int err;

	if (ltc_init_multi(&c->p, &c->b, &c->n, NULL) != CRYPT_OK) {
		c->p = c->b = c->n = NULL;
		return E_NOMEM;
	}
	if ((err = ltc_mp.read_radix(c->p, k->dp->prime, 16)) != CRYPT_OK ||
	    (err = ltc_mp.read_radix(c->b, k->dp->B, 16)) != CRYPT_OK ||
	    (err = ltc_mp.read_radix(c->n, k->dp->order, 16)) != CRYPT_OK) {
		ltc_deinit_multi(c->p, c->b, c->n, NULL);
		c->p = c->b = c->n = NULL;
		return mp_err(err);
	}
	return E_OK;
}

static void curve_free(struct curve_mp *c)
{
	if (c->p != NULL)
		ltc_deinit_multi(c->p, c->b, c->n, NULL);
}

/* E_OK if the public point (x, y) has x, y < p and y^2 = x^3 - 3x + b. */
static int on_curve(const ecc_key *k, const struct curve_mp *c)
{
	void *x = k->pubkey.x, *y = k->pubkey.y, *lhs = NULL, *rhs = NULL;
	int err, i, rc;

	if (ltc_mp.compare(x, c->p) != LTC_MP_LT || ltc_mp.compare(y, c->p) != LTC_MP_LT)
		return E_FORMAT;
	if (ltc_init_multi(&lhs, &rhs, NULL) != CRYPT_OK)
		return E_NOMEM;
	if ((err = ltc_mp.sqrmod(y, c->p, lhs)) == CRYPT_OK &&
	    (err = ltc_mp.sqrmod(x, c->p, rhs)) == CRYPT_OK)
		err = ltc_mp.mulmod(rhs, x, c->p, rhs);
	for (i = 0; i < 3 && err == CRYPT_OK; i++)
		err = ltc_mp.submod(rhs, x, c->p, rhs);
	if (err == CRYPT_OK)
		err = ltc_mp.addmod(rhs, c->b, c->p, rhs);
	if (err != CRYPT_OK)
		rc = mp_err(err);
	else
		rc = ltc_mp.compare(lhs, rhs) == LTC_MP_EQ ? E_OK : E_FORMAT;
	ltc_deinit_multi(lhs, rhs, NULL);
	return rc;
}

/* R = scalar * G (affine), G the curve's base point. */
static int base_mul(const ecc_key *k, void *scalar, const struct curve_mp *c, ecc_point *r)
{
	ecc_point *g = ltc_ecc_new_point();
	int err;

	if (g == NULL)
		return E_NOMEM;
	if ((err = ltc_mp.read_radix(g->x, k->dp->Gx, 16)) == CRYPT_OK &&
	    (err = ltc_mp.read_radix(g->y, k->dp->Gy, 16)) == CRYPT_OK &&
	    (err = ltc_mp.set_int(g->z, 1)) == CRYPT_OK)
		err = ltc_mp.ecc_ptmul(scalar, g, r, c->p, 1);
	ltc_ecc_del_point(g);
	return mp_err(err);
}

/* Loads d into k and checks 0 < d < n and d*G == the public point. */
static int set_scalar(ecc_key *k, struct view d, const struct curve_mp *c)
{
	ecc_point *r;
	int rc;

	d = mag_strip(d);
	if (d.len > (size_t)k->dp->size)
		return E_FORMAT;
	if ((rc = mp_from_mag(k->k, d)) != E_OK)
		return rc;
	if (ltc_mp.compare_d(k->k, 0) != LTC_MP_GT || ltc_mp.compare(k->k, c->n) != LTC_MP_LT)
		return E_FORMAT;
	if ((r = ltc_ecc_new_point()) == NULL)
		return E_NOMEM;
	rc = base_mul(k, k->k, c, r);
	if (rc == E_OK && (ltc_mp.compare(r->x, k->pubkey.x) != LTC_MP_EQ ||
	                   ltc_mp.compare(r->y, k->pubkey.y) != LTC_MP_EQ))
		rc = E_FORMAT;
	ltc_ecc_del_point(r);
	if (rc == E_OK)
		k->type = PK_PRIVATE;
	return rc;
}

/* Reads q = 0x04 || X || Y (size-byte coordinates) into k's point. */
static int load_point(ecc_key *k, struct view q, size_t size)
{
	struct view x, y;
	struct rd r;
	uint8_t form = 0;
	int rc;

	rd_init(&r, q.p, q.len);
	rd_u8(&r, &form);
	rd_bytes(&r, size, &x);
	rd_bytes(&r, size, &y);
	if (rd_end(&r) != E_OK || form != 0x04)
		return E_FORMAT;
	if ((rc = mp_from_mag(k->pubkey.x, x)) != E_OK ||
	    (rc = mp_from_mag(k->pubkey.y, y)) != E_OK)
		return rc;
	return mp_err(ltc_mp.set_int(k->pubkey.z, 1));
}

int crypto_ecdsa_set(ecc_key *k, enum ecdsa_curve c, struct view q, const struct view *d)
{
	int idx = curve_index(c), rc;
	struct curve_mp cm = {NULL, NULL, NULL};

	memset(k, 0, sizeof(*k));
	if (idx < 0)
		return E_UNSUPPORTED;
	if ((rc = init_key(k)) != E_OK)
		return rc;
	k->idx = idx;
	k->dp = &ltc_ecc_sets[idx];
	k->type = PK_PUBLIC;
	rc = load_point(k, q, (size_t)k->dp->size);
	if (rc == E_OK)
		rc = curve_load(k, &cm);
	if (rc == E_OK)
		rc = on_curve(k, &cm);
	if (rc == E_OK && d != NULL)
		rc = set_scalar(k, *d, &cm);
	curve_free(&cm);
	if (rc != E_OK)
		crypto_ecdsa_free(k);
	return rc;
}

int crypto_ecdsa_generate(ecc_key *k, enum ecdsa_curve c)
{
	int idx = curve_index(c), err;

	memset(k, 0, sizeof(*k));
	if (idx < 0)
		return E_UNSUPPORTED;
	err = ecc_make_key_ex(NULL, crypto_prng_idx(), k, &ltc_ecc_sets[idx]);
	if (err != CRYPT_OK) {
		memset(k, 0, sizeof(*k)); /* it freed its bignums */
		return mp_err(err);
	}
	k->idx = idx;
	/* d = 0 (probability 2^-256 or less) would give the point at infinity. */
	if (ltc_mp.compare_d(k->k, 0) != LTC_MP_GT) {
		crypto_ecdsa_free(k);
		return E_CRYPTO;
	}
	return E_OK;
}

/* ---- Queries ------------------------------------------------------------- */

int crypto_ecdsa_copy_public(ecc_key *dst, const ecc_key *src)
{
	int rc = init_key(dst);

	if (rc != E_OK)
		return rc;
	rc = mp_err(ltc_mp.copy(src->pubkey.x, dst->pubkey.x));
	if (rc == E_OK)
		rc = mp_err(ltc_mp.copy(src->pubkey.y, dst->pubkey.y));
	if (rc == E_OK)
		rc = mp_err(ltc_mp.copy(src->pubkey.z, dst->pubkey.z));
	if (rc != E_OK) {
		crypto_ecdsa_free(dst);
		return rc;
	}
	dst->idx = src->idx;
	dst->dp = src->dp;
	dst->type = PK_PUBLIC;
	return E_OK;
}

int crypto_ecdsa_equal_public(const ecc_key *a, const ecc_key *b)
{
	return a->dp != NULL && b->dp != NULL && a->dp->size == b->dp->size &&
	       ltc_mp.compare(a->pubkey.x, b->pubkey.x) == LTC_MP_EQ &&
	       ltc_mp.compare(a->pubkey.y, b->pubkey.y) == LTC_MP_EQ;
}

int crypto_ecdsa_export_point(const ecc_key *k, uint8_t *out, size_t cap, size_t *len)
{
	size_t size;
	int rc;

	if (k->dp == NULL)
		return E_ARG;
	size = (size_t)k->dp->size;
	if (cap < 1 + 2 * size)
		return E_TOOBIG;
	out[0] = 0x04;
	if ((rc = mp_to_fixed(k->pubkey.x, out + 1, size)) != E_OK ||
	    (rc = mp_to_fixed(k->pubkey.y, out + 1 + size, size)) != E_OK)
		return rc;
	*len = 1 + 2 * size;
	return E_OK;
}

int crypto_ecdsa_export_private(const ecc_key *k, uint8_t *out, size_t cap, size_t *len)
{
	size_t size;

	if (k->dp == NULL || k->type != PK_PRIVATE)
		return E_ARG;
	size = (size_t)k->dp->size;
	if (cap < size)
		return E_TOOBIG;
	*len = size;
	return mp_to_fixed(k->k, out, size);
}

/* ---- ECDSA and ECDH ------------------------------------------------------ */

/* The digest as an integer mod-n candidate (FIPS 186-4 6.4: its leftmost
 * bits, as many as the order has).  SSH pairs each curve with a hash at
 * least as long (nistp256/sha256, nistp384/sha384, nistp521/sha512), so
 * truncation, when it happens, is to whole bytes. */
static int digest_int(void *e, const uint8_t *digest, size_t dlen, const struct curve_mp *c)
{
	unsigned long bits = (unsigned long)ltc_mp.count_bits(c->n);

	if (bits < 8 * dlen) {
		if (bits % 8 != 0)
			return E_ARG;
		dlen = bits / 8;
	}
	return mp_err(ltc_mp.unsigned_read(e, (unsigned char *)digest, (unsigned long)dlen));
}

/* ECDSA as libtomcrypt 1.18.2's ecc_sign_hash_rfc7518 and
 * ecc_verify_hash_rfc7518 do it (same nonce source, same ladder, Shamir's
 * trick for verifying), without their DER signature format: calling those
 * links libtomcrypt's whole DER codec, about 20 KB (docs/decisions.md,
 * Size). */
int crypto_ecdsa_sign(const ecc_key *k, enum hash_id h, const uint8_t *msg, size_t n, uint8_t *r,
                      uint8_t *s)
{
	struct curve_mp cm = {NULL, NULL, NULL};
	uint8_t digest[HASH_MAX_LEN];
	void *e = NULL, *rr = NULL, *ss = NULL;
	ecc_key nonce;
	size_t size;
	int rc, err, tries;

	if (k->dp == NULL || k->type != PK_PRIVATE)
		return E_ARG;
	size = (size_t)k->dp->size;
	if ((rc = hash_once(h, msg, n, digest)) != E_OK)
		return rc;
	if ((rc = curve_load(k, &cm)) != E_OK)
		goto out;
	if (ltc_init_multi(&e, &rr, &ss, NULL) != CRYPT_OK) {
		e = NULL; /* freed again by ltc_init_multi */
		rc = E_NOMEM;
		goto out;
	}
	if ((rc = digest_int(e, digest, hash_len(h), &cm)) != E_OK)
		goto out;
	rc = E_CRYPTO; /* if no nonce works (never, in practice) */
	for (tries = 0; tries < 64; tries++) {
		/* nonce.k = random 0 < k < n, nonce.pubkey = kG */
		if ((err = ecc_make_key_ex(NULL, crypto_prng_idx(), &nonce, k->dp)) != CRYPT_OK) {
			rc = mp_err(err);
			break;
		}
		err = ltc_mp.mpdiv(nonce.pubkey.x, cm.n, NULL, rr); /* r = x mod n */
		if (err == CRYPT_OK && ltc_mp.compare_d(rr, 0) == LTC_MP_EQ) {
			ecc_free(&nonce);
			continue;
		}
		if (err == CRYPT_OK)
			err = ltc_mp.invmod(nonce.k, cm.n, nonce.k); /* 1/k */
		if (err == CRYPT_OK)
			err = ltc_mp.mulmod(k->k, rr, cm.n, ss); /* dr */
		if (err == CRYPT_OK)
			err = ltc_mp.add(e, ss, ss); /* e + dr */
		if (err == CRYPT_OK)
			err = ltc_mp.mpdiv(ss, cm.n, NULL, ss);
		if (err == CRYPT_OK)
			err = ltc_mp.mulmod(ss, nonce.k, cm.n, ss); /* (e + dr)/k */
		ecc_free(&nonce); /* libtommath zeroes k as it frees it */
		if (err != CRYPT_OK) {
			rc = mp_err(err);
			break;
		}
		if (ltc_mp.compare_d(ss, 0) != LTC_MP_EQ) {
			if ((rc = mp_to_fixed(rr, r, size)) == E_OK)
				rc = mp_to_fixed(ss, s, size);
			break;
		}
	}
out:
	if (e != NULL)
		ltc_deinit_multi(e, rr, ss, NULL);
	curve_free(&cm);
	wipe(digest, sizeof(digest));
	return rc;
}

int crypto_ecdsa_verify(const ecc_key *k, enum hash_id h, const uint8_t *msg, size_t n,
                        struct view r, struct view s)
{
	struct curve_mp cm = {NULL, NULL, NULL};
	uint8_t digest[HASH_MAX_LEN];
	void *rr = NULL, *ss = NULL, *e = NULL, *w = NULL, *u1 = NULL, *u2 = NULL;
	ecc_point *mg = NULL, *mq = NULL;
	size_t size;
	int rc = E_VERIFY, err;

	if (k->dp == NULL)
		return E_ARG;
	size = (size_t)k->dp->size;
	r = mag_strip(r);
	s = mag_strip(s);
	if (r.len > size || s.len > size)
		return E_VERIFY;
	if (hash_once(h, msg, n, digest) != E_OK)
		return E_UNSUPPORTED;
	if (curve_load(k, &cm) != E_OK)
		return E_VERIFY;
	if (ltc_init_multi(&rr, &ss, &e, &w, &u1, &u2, NULL) != CRYPT_OK) {
		rr = NULL; /* freed again by ltc_init_multi */
		goto out;
	}
	mg = ltc_ecc_new_point();
	mq = ltc_ecc_new_point();
	if (mg == NULL || mq == NULL)
		goto out;
	/* 0 < r, s < n; the key's point was checked when it was set */
	if (mp_from_mag(rr, r) != E_OK || mp_from_mag(ss, s) != E_OK ||
	    ltc_mp.compare_d(rr, 0) != LTC_MP_GT || ltc_mp.compare_d(ss, 0) != LTC_MP_GT ||
	    ltc_mp.compare(rr, cm.n) != LTC_MP_LT || ltc_mp.compare(ss, cm.n) != LTC_MP_LT ||
	    digest_int(e, digest, hash_len(h), &cm) != E_OK)
		goto out;
	err = ltc_mp.invmod(ss, cm.n, w); /* w = 1/s */
	if (err == CRYPT_OK)
		err = ltc_mp.mulmod(e, w, cm.n, u1); /* u1 = ew */
	if (err == CRYPT_OK)
		err = ltc_mp.mulmod(rr, w, cm.n, u2); /* u2 = rw */
	if (err == CRYPT_OK)
		err = ltc_mp.read_radix(mg->x, k->dp->Gx, 16);
	if (err == CRYPT_OK)
		err = ltc_mp.read_radix(mg->y, k->dp->Gy, 16);
	if (err == CRYPT_OK)
		err = ltc_mp.set_int(mg->z, 1);
	if (err == CRYPT_OK)
		err = ltc_mp.copy(k->pubkey.x, mq->x);
	if (err == CRYPT_OK)
		err = ltc_mp.copy(k->pubkey.y, mq->y);
	if (err == CRYPT_OK)
		err = ltc_mp.copy(k->pubkey.z, mq->z);
	if (err == CRYPT_OK) /* u1 G + u2 Q (Shamir's trick) */
		err = ltc_mp.ecc_mul2add(mg, u1, mq, u2, mg, cm.p);
	if (err == CRYPT_OK)
		err = ltc_mp.mpdiv(mg->x, cm.n, NULL, w); /* v = x mod n */
	if (err == CRYPT_OK && ltc_mp.compare(w, rr) == LTC_MP_EQ)
		rc = E_OK;
out:
	if (mg != NULL)
		ltc_ecc_del_point(mg);
	if (mq != NULL)
		ltc_ecc_del_point(mq);
	if (rr != NULL)
		ltc_deinit_multi(rr, ss, e, w, u1, u2, NULL);
	curve_free(&cm);
	return rc;
}

int crypto_ecdsa_shared(const ecc_key *priv, const ecc_key *peer, uint8_t *out, size_t cap,
                        size_t *len)
{
	struct curve_mp cm = {NULL, NULL, NULL};
	ecc_point *r;
	size_t size;
	int rc;

	if (priv->dp == NULL || peer->dp == NULL || priv->type != PK_PRIVATE ||
	    priv->dp->size != peer->dp->size)
		return E_ARG;
	size = (size_t)priv->dp->size;
	if (cap < size)
		return E_TOOBIG;
	if ((rc = curve_load(priv, &cm)) != E_OK)
		return rc;
	if ((r = ltc_ecc_new_point()) == NULL) {
		curve_free(&cm);
		return E_NOMEM;
	}
	/* The ladder copies the point; it does not change peer. */
	rc = mp_err(ltc_mp.ecc_ptmul(priv->k, (ecc_point *)&peer->pubkey, r, cm.p, 1));
	if (rc == E_OK)
		rc = mp_to_fixed(r->x, out, size);
	if (rc == E_OK)
		*len = size;
	ltc_ecc_del_point(r); /* libtommath zeroes the shared point */
	curve_free(&cm);
	return rc;
}

#endif /* SHREW_ECC */
