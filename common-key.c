/*
 * common-key.c - public/private keys as SSH wire blobs, signatures, and
 * keys from components (see common-key.h).
 *
 * Wire formats:
 *   ssh-ed25519     RFC 8709 4 and 6: string pk(32); signature string(64)
 *   ecdsa-sha2-*    RFC 5656 3.1: string curve, string Q; signature
 *                   string(mpint r, mpint s), hash by curve (3.1.2)
 *   ssh-rsa         RFC 4253 6.6: mpint e, mpint n; signatures
 *                   rsa-sha2-256/512 (RFC 8332), ssh-rsa (SHA-1, option)
 *   private fields  OpenSSH PROTOCOL.key (see key_put_private)
 * The arithmetic lives in crypto-25519.c, crypto-ecdsa.c and crypto-rsa.c;
 * this file parses with the rd_* cursor, writes with wr_*, and checks that
 * names, curves and algorithms agree.
 */
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-key.h"
#include "common-wipe.h"
#if SHREW_ED25519
#include "crypto-25519.h"
#endif
#if SHREW_ECDSA
#include "crypto-ecdsa.h"
#endif
#include "crypto-hash.h"
#if SHREW_RSA
#include "crypto-rsa.h"
#endif

/* Cap on key type, curve and signature algorithm names read. */
#define KEY_NAME_CAP 64

struct key_desc {
	enum key_type type;
	const char *name;
	const char *curve; /* RFC 5656 curve identifier, or NULL */
	enum sig_alg sig;  /* default signature algorithm */
};

static const struct key_desc key_descs[] = {
#if SHREW_ED25519
    {KEY_ED25519, "ssh-ed25519", NULL, SIG_ED25519},
#endif
#if SHREW_ECDSA
    {KEY_ECDSA_P256, "ecdsa-sha2-nistp256", "nistp256", SIG_ECDSA_P256},
    {KEY_ECDSA_P384, "ecdsa-sha2-nistp384", "nistp384", SIG_ECDSA_P384},
    {KEY_ECDSA_P521, "ecdsa-sha2-nistp521", "nistp521", SIG_ECDSA_P521},
#endif
#if SHREW_RSA
    {KEY_RSA, "ssh-rsa", NULL, SIG_RSA_SHA512},
#endif
};

struct sig_desc {
	enum sig_alg alg;
	const char *name;
	enum key_type type; /* the key type it signs with */
	enum hash_id hash;  /* unused for Ed25519 */
};

static const struct sig_desc sig_descs[] = {
#if SHREW_ED25519
    {SIG_ED25519, "ssh-ed25519", KEY_ED25519, HASH_SHA512},
#endif
#if SHREW_ECDSA
    {SIG_ECDSA_P256, "ecdsa-sha2-nistp256", KEY_ECDSA_P256, HASH_SHA256},
    {SIG_ECDSA_P384, "ecdsa-sha2-nistp384", KEY_ECDSA_P384, HASH_SHA384},
    {SIG_ECDSA_P521, "ecdsa-sha2-nistp521", KEY_ECDSA_P521, HASH_SHA512},
#endif
#if SHREW_RSA
    {SIG_RSA_SHA256, "rsa-sha2-256", KEY_RSA, HASH_SHA256},
    {SIG_RSA_SHA512, "rsa-sha2-512", KEY_RSA, HASH_SHA512},
#if SHREW_RSA_SHA1
    {SIG_RSA_SHA1, "ssh-rsa", KEY_RSA, HASH_SHA1},
#endif
#endif
};

#define N_KEY_DESCS (sizeof(key_descs) / sizeof(key_descs[0]))
#define N_SIG_DESCS (sizeof(sig_descs) / sizeof(sig_descs[0]))

static const struct key_desc *key_desc_of(enum key_type t)
{
	size_t i;

	for (i = 0; i < N_KEY_DESCS; i++)
		if (key_descs[i].type == t)
			return &key_descs[i];
	return NULL;
}

static const struct sig_desc *sig_desc_of(enum sig_alg a)
{
	size_t i;

	for (i = 0; i < N_SIG_DESCS; i++)
		if (sig_descs[i].alg == a)
			return &sig_descs[i];
	return NULL;
}

const char *key_type_name(enum key_type t)
{
	const struct key_desc *d = key_desc_of(t);

	return d ? d->name : NULL;
}

enum key_type key_type_from_name(struct view name)
{
	size_t i;

	for (i = 0; i < N_KEY_DESCS; i++)
		if (view_eq(name, key_descs[i].name))
			return key_descs[i].type;
	return KEY_NONE;
}

const char *sig_alg_name(enum sig_alg a)
{
	const struct sig_desc *d = sig_desc_of(a);

	return d ? d->name : NULL;
}

enum sig_alg sig_alg_from_name(struct view name)
{
	size_t i;

	for (i = 0; i < N_SIG_DESCS; i++)
		if (view_eq(name, sig_descs[i].name))
			return sig_descs[i].alg;
	return SIG_NONE;
}

enum sig_alg key_default_sig(enum key_type t)
{
	const struct key_desc *d = key_desc_of(t);

	return d ? d->sig : SIG_NONE;
}

#if SHREW_ECDSA
static enum ecdsa_curve curve_of(enum key_type t)
{
	switch (t) {
	case KEY_ECDSA_P256: return ECDSA_P256;
	case KEY_ECDSA_P384: return ECDSA_P384;
	case KEY_ECDSA_P521: return ECDSA_P521;
	default: return ECDSA_NONE;
	}
}

static int is_ecdsa(enum key_type t)
{
	return curve_of(t) != ECDSA_NONE;
}
#endif

int key_bits(const struct key *k)
{
	switch (k->type) {
	case KEY_ED25519: return 256;
	case KEY_ECDSA_P256: return 256;
	case KEY_ECDSA_P384: return 384;
	case KEY_ECDSA_P521: return 521;
#if SHREW_RSA
	case KEY_RSA: return crypto_rsa_bits(&k->u.rsa);
#endif
	default: return 0;
	}
}

/* ---- Life cycle ------------------------------------------------------------ */

void key_free(struct key *k)
{
#if SHREW_ECDSA
	if (is_ecdsa(k->type))
		crypto_ecdsa_free(&k->u.ecc);
#endif
#if SHREW_RSA
	if (k->type == KEY_RSA)
		crypto_rsa_free(&k->u.rsa);
#endif
	wipe(k, sizeof(*k)); /* type 0 is KEY_NONE */
}

int key_generate(struct key *k, enum key_type t, int bits)
{
	int rc = E_UNSUPPORTED;

	memset(k, 0, sizeof(*k));
	(void)bits;
#if SHREW_ED25519
	if (t == KEY_ED25519)
		rc = ed25519_keypair(k->u.ed25519.pub, k->u.ed25519.seed);
#endif
#if SHREW_ECDSA
	if (is_ecdsa(t))
		rc = crypto_ecdsa_generate(&k->u.ecc, curve_of(t));
#endif
#if SHREW_RSA
	if (t == KEY_RSA)
		rc = crypto_rsa_generate(&k->u.rsa, bits);
#endif
	if (rc != E_OK) {
		wipe(k, sizeof(*k));
		return rc;
	}
	k->type = t;
	k->has_private = 1;
	return E_OK;
}

int key_copy_public(struct key *dst, const struct key *src)
{
	int rc = E_ARG;

	memset(dst, 0, sizeof(*dst));
	if (src->type == KEY_ED25519) {
		memcpy(dst->u.ed25519.pub, src->u.ed25519.pub, 32);
		rc = E_OK;
	}
#if SHREW_ECDSA
	if (is_ecdsa(src->type))
		rc = crypto_ecdsa_copy_public(&dst->u.ecc, &src->u.ecc);
#endif
#if SHREW_RSA
	if (src->type == KEY_RSA)
		rc = crypto_rsa_copy_public(&dst->u.rsa, &src->u.rsa);
#endif
	if (rc == E_OK)
		dst->type = src->type;
	return rc;
}

int key_equal_public(const struct key *a, const struct key *b)
{
	if (a->type != b->type || a->type == KEY_NONE)
		return 0;
	if (a->type == KEY_ED25519)
		return ct_eq(a->u.ed25519.pub, b->u.ed25519.pub, 32);
#if SHREW_ECDSA
	if (is_ecdsa(a->type))
		return crypto_ecdsa_equal_public(&a->u.ecc, &b->u.ecc);
#endif
#if SHREW_RSA
	if (a->type == KEY_RSA)
		return crypto_rsa_equal_public(&a->u.rsa, &b->u.rsa);
#endif
	return 0;
}

/* ---- Construction from components ---------------------------------------- */

int key_set_ed25519(struct key *k, const uint8_t pub[32], const uint8_t *seed)
{
#if SHREW_ED25519
	uint8_t calc[32];
	int rc;

	memset(k, 0, sizeof(*k));
	if (seed != NULL) {
		rc = ed25519_pubkey(calc, seed);
		if (rc == E_OK && !ct_eq(calc, pub, 32))
			rc = E_FORMAT;
		if (rc != E_OK)
			return rc;
		memcpy(k->u.ed25519.seed, seed, 32);
		k->has_private = 1;
	}
	memcpy(k->u.ed25519.pub, pub, 32);
	k->type = KEY_ED25519;
	return E_OK;
#else
	(void)pub;
	(void)seed;
	memset(k, 0, sizeof(*k));
	return E_UNSUPPORTED;
#endif
}

int key_set_ecdsa(struct key *k, enum key_type t, struct view q, const struct view *d)
{
#if SHREW_ECDSA
	int rc;

	memset(k, 0, sizeof(*k));
	if (!is_ecdsa(t))
		return E_UNSUPPORTED;
	rc = crypto_ecdsa_set(&k->u.ecc, curve_of(t), q, d);
	if (rc != E_OK)
		return rc;
	k->type = t;
	k->has_private = crypto_ecdsa_is_private(&k->u.ecc);
	return E_OK;
#else
	(void)t;
	(void)q;
	(void)d;
	memset(k, 0, sizeof(*k));
	return E_UNSUPPORTED;
#endif
}

int key_set_rsa(struct key *k, struct view n, struct view e, const struct view *d,
                const struct view *p, const struct view *q, const struct view *iqmp)
{
#if SHREW_RSA
	struct rsa_parts in;
	int rc;

	memset(k, 0, sizeof(*k));
	memset(&in, 0, sizeof(in));
	if ((d == NULL) != (p == NULL) || (p == NULL) != (q == NULL))
		return E_ARG;
	in.n = n;
	in.e = e;
	if (d != NULL) {
		if (d->len == 0 || p->len == 0 || q->len == 0)
			return E_FORMAT;
		in.d = *d;
		in.p = *p;
		in.q = *q;
		if (iqmp != NULL)
			in.iqmp = *iqmp;
	}
	rc = crypto_rsa_set(&k->u.rsa, &in);
	if (rc != E_OK)
		return rc;
	k->type = KEY_RSA;
	k->has_private = crypto_rsa_is_private(&k->u.rsa);
	return E_OK;
#else
	(void)n;
	(void)e;
	(void)d;
	(void)p;
	(void)q;
	(void)iqmp;
	memset(k, 0, sizeof(*k));
	return E_UNSUPPORTED;
#endif
}

/* ---- Public key blobs ------------------------------------------------------ */

#if SHREW_ECDSA
static int put_ecdsa_point(const struct key *k, struct wr *w)
{
	uint8_t q[ECDSA_MAX_POINT];
	size_t len = 0;
	int rc;

	wr_cstr(w, key_desc_of(k->type)->curve);
	if ((rc = crypto_ecdsa_export_point(&k->u.ecc, q, sizeof(q), &len)) != E_OK)
		return rc;
	return wr_string(w, q, len);
}
#endif

#if SHREW_RSA
/* Appends field f of k's RSA key as an mpint. */
static int put_rsa_field(const struct key *k, enum rsa_field f, struct wr *w)
{
	uint8_t buf[RSA_MAX_BYTES];
	size_t len = 0;
	int rc;

	rc = crypto_rsa_export(&k->u.rsa, f, buf, sizeof(buf), &len);
	if (rc == E_OK)
		rc = wr_mpint(w, buf, len);
	wipe(buf, sizeof(buf));
	return rc;
}
#endif

int key_put_public(const struct key *k, struct wr *w)
{
	const char *name = key_type_name(k->type);
	int rc = E_ARG;

	if (name == NULL)
		return E_ARG;
	wr_cstr(w, name);
	if (k->type == KEY_ED25519)
		rc = wr_string(w, k->u.ed25519.pub, 32);
#if SHREW_ECDSA
	if (is_ecdsa(k->type))
		rc = put_ecdsa_point(k, w);
#endif
#if SHREW_RSA
	if (k->type == KEY_RSA && (rc = put_rsa_field(k, RSAF_E, w)) == E_OK)
		rc = put_rsa_field(k, RSAF_N, w);
#endif
	return rc;
}

/* The fields after the type name: pk, and for a private key seed || pk. */
static int get_ed25519(struct key *k, struct rd *r, int priv)
{
	struct view pk, sk, seed, pk2;
	struct rd s;

	rd_string(r, 32, &pk);
	if (!priv) {
		if (r->err != E_OK)
			return r->err;
		return pk.len == 32 ? key_set_ed25519(k, pk.p, NULL) : E_FORMAT;
	}
	if (rd_string(r, 64, &sk) != E_OK)
		return r->err;
	rd_init(&s, sk.p, sk.len);
	rd_bytes(&s, 32, &seed);
	rd_bytes(&s, 32, &pk2);
	if (pk.len != 32 || rd_end(&s) != E_OK || !ct_eq(pk2.p, pk.p, 32))
		return E_FORMAT;
	return key_set_ed25519(k, pk.p, seed.p);
}

#if SHREW_ECDSA
static int get_ecdsa(struct key *k, enum key_type t, struct rd *r, int priv)
{
	struct view curve, q, d;

	rd_text(r, KEY_NAME_CAP, &curve);
	rd_string(r, ECDSA_MAX_POINT, &q);
	if (priv)
		rd_mpint(r, ECDSA_MAX_BYTES, &d);
	if (r->err != E_OK)
		return r->err;
	/* RFC 5656 3.1: the curve must be the one the type names. */
	if (!view_eq(curve, key_desc_of(t)->curve))
		return E_FORMAT;
	return key_set_ecdsa(k, t, q, priv ? &d : NULL);
}
#endif

#if SHREW_RSA
static int get_rsa_public(struct key *k, struct rd *r)
{
	struct view e, n;

	rd_mpint(r, RSA_MAX_BYTES, &e);
	rd_mpint(r, RSA_MAX_BYTES, &n);
	if (r->err != E_OK)
		return r->err;
	return key_set_rsa(k, n, e, NULL, NULL, NULL, NULL);
}

/* OpenSSH order: n, e, d, iqmp, p, q. */
static int get_rsa_private(struct key *k, struct rd *r)
{
	struct view n, e, d, iqmp, p, q;

	rd_mpint(r, RSA_MAX_BYTES, &n);
	rd_mpint(r, RSA_MAX_BYTES, &e);
	rd_mpint(r, RSA_MAX_BYTES, &d);
	rd_mpint(r, RSA_MAX_BYTES, &iqmp);
	rd_mpint(r, RSA_MAX_BYTES, &p);
	rd_mpint(r, RSA_MAX_BYTES, &q);
	if (r->err != E_OK)
		return r->err;
	return key_set_rsa(k, n, e, &d, &p, &q, &iqmp);
}
#endif

/* Reads the type name and the fields that follow it. */
static int get_key(struct key *k, struct rd *r, int priv)
{
	struct view name;
	enum key_type t;

	memset(k, 0, sizeof(*k));
	if (rd_text(r, KEY_NAME_CAP, &name) != E_OK)
		return r->err;
	t = key_type_from_name(name);
	if (t == KEY_ED25519)
		return get_ed25519(k, r, priv);
#if SHREW_ECDSA
	if (is_ecdsa(t))
		return get_ecdsa(k, t, r, priv);
#endif
#if SHREW_RSA
	if (t == KEY_RSA)
		return priv ? get_rsa_private(k, r) : get_rsa_public(k, r);
#endif
	return E_UNSUPPORTED;
}

int key_get_public(struct key *k, struct rd *r)
{
	return get_key(k, r, 0);
}

int key_from_blob(struct key *k, const uint8_t *blob, size_t n)
{
	struct rd r;
	int rc;

	rd_init(&r, blob, n);
	rc = key_get_public(k, &r);
	if (rc == E_OK && (rc = rd_end(&r)) != E_OK)
		key_free(k);
	return rc;
}

/* ---- Private key fields (OpenSSH PROTOCOL.key) ---------------------------- */

static int put_ed25519_private(const struct key *k, struct wr *w)
{
	uint8_t sk[64];
	int rc;

	wr_string(w, k->u.ed25519.pub, 32);
	memcpy(sk, k->u.ed25519.seed, 32);
	memcpy(sk + 32, k->u.ed25519.pub, 32);
	rc = wr_string(w, sk, 64);
	wipe(sk, sizeof(sk));
	return rc;
}

#if SHREW_ECDSA
static int put_ecdsa_private(const struct key *k, struct wr *w)
{
	uint8_t d[ECDSA_MAX_BYTES];
	size_t len = 0;
	int rc;

	if ((rc = put_ecdsa_point(k, w)) != E_OK)
		return rc;
	rc = crypto_ecdsa_export_private(&k->u.ecc, d, sizeof(d), &len);
	if (rc == E_OK)
		rc = wr_mpint(w, d, len);
	wipe(d, sizeof(d));
	return rc;
}
#endif

#if SHREW_RSA
static int put_rsa_private(const struct key *k, struct wr *w)
{
	static const enum rsa_field order[] = {RSAF_N, RSAF_E, RSAF_D, RSAF_IQMP, RSAF_P, RSAF_Q};
	size_t i;
	int rc = E_OK;

	for (i = 0; i < sizeof(order) / sizeof(order[0]) && rc == E_OK; i++)
		rc = put_rsa_field(k, order[i], w);
	return rc;
}
#endif

int key_put_private(const struct key *k, struct wr *w)
{
	const char *name = key_type_name(k->type);
	int rc = E_ARG;

	if (name == NULL || !k->has_private)
		return E_ARG;
	wr_cstr(w, name);
	if (k->type == KEY_ED25519)
		rc = put_ed25519_private(k, w);
#if SHREW_ECDSA
	if (is_ecdsa(k->type))
		rc = put_ecdsa_private(k, w);
#endif
#if SHREW_RSA
	if (k->type == KEY_RSA)
		rc = put_rsa_private(k, w);
#endif
	return rc;
}

int key_get_private(struct key *k, struct rd *r)
{
	return get_key(k, r, 1);
}

/* ---- Signatures ------------------------------------------------------------ */

#if SHREW_ECDSA
/* RFC 5656 3.1.2: string(mpint r || mpint s). */
static int sign_ecdsa(const struct key *k, enum hash_id h, const uint8_t *data, size_t n,
                      struct wr *w)
{
	uint8_t r[ECDSA_MAX_BYTES], s[ECDSA_MAX_BYTES];
	size_t size = crypto_ecdsa_bytes(curve_of(k->type)), off;
	int rc;

	if ((rc = crypto_ecdsa_sign(&k->u.ecc, h, data, n, r, s)) != E_OK)
		return rc;
	off = w->len;
	wr_u32(w, 0);
	wr_mpint(w, r, size);
	if ((rc = wr_mpint(w, s, size)) != E_OK)
		return rc;
	return wr_patch_u32(w, off, (uint32_t)(w->len - off - 4));
}
#endif

#if SHREW_RSA
static int sign_rsa(const struct key *k, enum hash_id h, const uint8_t *data, size_t n,
                    struct wr *w)
{
	uint8_t sig[RSA_MAX_BYTES];
	size_t len = crypto_rsa_len(&k->u.rsa);
	int rc;

	if (len > sizeof(sig))
		return E_ARG;
	if ((rc = crypto_rsa_sign(&k->u.rsa, h, data, n, sig, len)) != E_OK)
		return rc;
	return wr_string(w, sig, len);
}
#endif

int key_sign(const struct key *k, enum sig_alg alg, const uint8_t *data, size_t n, struct wr *w)
{
	const struct sig_desc *sd = sig_desc_of(alg);
	int rc = E_ARG;

	if (sd == NULL || sd->type != k->type || !k->has_private)
		return E_ARG;
	if (w->err != E_OK)
		return w->err;
	wr_cstr(w, sd->name);
#if SHREW_ED25519
	if (k->type == KEY_ED25519) {
		uint8_t sig[64];

		rc = ed25519_sign(sig, data, n, k->u.ed25519.seed, k->u.ed25519.pub);
		if (rc == E_OK)
			rc = wr_string(w, sig, 64);
	}
#endif
#if SHREW_ECDSA
	if (is_ecdsa(k->type))
		rc = sign_ecdsa(k, sd->hash, data, n, w);
#endif
#if SHREW_RSA
	if (k->type == KEY_RSA)
		rc = sign_rsa(k, sd->hash, data, n, w);
#endif
	return rc;
}

#if SHREW_ECDSA
static int verify_ecdsa(const struct key *k, enum hash_id h, struct view sig, const uint8_t *data,
                        size_t n)
{
	size_t size = crypto_ecdsa_bytes(curve_of(k->type));
	struct view r, s;
	struct rd rd;

	rd_init(&rd, sig.p, sig.len);
	rd_mpint(&rd, size, &r);
	rd_mpint(&rd, size, &s);
	if (rd_end(&rd) != E_OK)
		return E_VERIFY;
	return crypto_ecdsa_verify(&k->u.ecc, h, data, n, r, s);
}
#endif

/* Any failure to verify a signature is a bad signature. */
static int as_verify(int rc)
{
	return rc == E_OK ? E_OK : E_VERIFY;
}

/* Checks the signature bytes sig of algorithm sd over data. */
static int verify_sig(const struct key *k, const struct sig_desc *sd, struct view sig,
                      const uint8_t *data, size_t n)
{
	(void)sd;
	(void)data;
	(void)n;
#if SHREW_ED25519
	if (k->type == KEY_ED25519) {
		if (sig.len != 64)
			return E_VERIFY;
		return as_verify(ed25519_verify(sig.p, data, n, k->u.ed25519.pub));
	}
#endif
#if SHREW_ECDSA
	if (is_ecdsa(k->type))
		return as_verify(verify_ecdsa(k, sd->hash, sig, data, n));
#endif
#if SHREW_RSA
	if (k->type == KEY_RSA)
		return as_verify(crypto_rsa_verify(&k->u.rsa, sd->hash, data, n, sig.p, sig.len));
#endif
	return E_VERIFY;
}

int key_verify(const struct key *k, const uint8_t *sig, size_t siglen, const uint8_t *data,
               size_t n, enum sig_alg *alg_out)
{
	const struct sig_desc *sd;
	struct view name, blob;
	enum sig_alg alg;
	struct rd r;

	if (alg_out != NULL)
		*alg_out = SIG_NONE;
	if (key_type_name(k->type) == NULL)
		return E_ARG;
	rd_init(&r, sig, siglen);
	rd_text(&r, KEY_NAME_CAP, &name);
	rd_string(&r, KEY_MAX_SIG_BLOB, &blob);
	if (rd_end(&r) != E_OK)
		return E_FORMAT;
	alg = sig_alg_from_name(name);
	if (alg_out != NULL)
		*alg_out = alg;
	sd = sig_desc_of(alg);
	if (sd == NULL || sd->type != k->type)
		return E_VERIFY;
	return verify_sig(k, sd, blob, data, n);
}
