/*
 * common-kex-dh.c - finite-field Diffie-Hellman kex (RFC 4253 8):
 * diffie-hellman-group14-sha256 (RFC 8268), and, only when a builder asks
 * for them, diffie-hellman-group14-sha1 and diffie-hellman-group1-sha1.
 *
 * Groups: the 2048-bit MODP group of RFC 3526 section 3 (group 14) and the
 * 1024-bit Oakley group 2 of RFC 2409 section 6.2 (SSH's "group1"), both
 * with generator g = 2.  Private exponents are KEX_DH_EXP_BYTES * 8 = 512
 * random bits with the top bit set (well below q = (p-1)/2 of these safe
 * primes).  e and f are mpints; a peer value outside [2, p-2] is refused
 * (RFC 4253 8 asks for [1, p-1]; 1 and p-1 generate a subgroup of order at
 * most 2, so RFC 8268 and common practice refuse them too).
 *
 * Timing: libtommath's mp_exptmod (sliding window, Montgomery reduction)
 * is NOT constant time in the exponent; it is the only bignum code we
 * have.  The exponent is ephemeral (used once), which limits what a timing
 * observer can gather, but prefer curve25519 where timing matters.
 * libtommath zeroes digits when it frees a bignum; digits it reallocates
 * while growing are not zeroed.
 */
#include "options.h"

#if SHREW_DH
#include "common-err.h"
#include "common-kex.h"
#include "common-random.h"
#include "common-wipe.h"
#include "crypto-ltc.h"
#include "crypto-mp.h"

struct dh_group {
	enum kex_alg alg;
	size_t bytes;      /* length of p */
	const char *p_hex; /* big-endian, as the RFC prints it */
};

#if SHREW_KEX_DH_GROUP14_SHA256 || SHREW_KEX_DH_GROUP14_SHA1
/* RFC 3526 section 3: 2^2048 - 2^1984 - 1 + 2^64 * { [2^1918 pi] + 124476 } */
static const char p_group14[] = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
                                "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                                "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
                                "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                                "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
                                "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
                                "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
                                "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
                                "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
                                "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
                                "15728E5A8AACAA68FFFFFFFFFFFFFFFF";
#endif

#if SHREW_KEX_DH_GROUP1_SHA1
/* RFC 2409 section 6.2: 2^1024 - 2^960 - 1 + 2^64 * { [2^894 pi] + 129093 } */
static const char p_group1[] = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
                               "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                               "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
                               "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                               "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381"
                               "FFFFFFFFFFFFFFFF";
#endif

static const struct dh_group groups[] = {
#if SHREW_KEX_DH_GROUP14_SHA256
    {KEX_DH_G14_SHA256, 256, p_group14},
#endif
#if SHREW_KEX_DH_GROUP14_SHA1
    {KEX_DH_G14_SHA1, 256, p_group14},
#endif
#if SHREW_KEX_DH_GROUP1_SHA1
    {KEX_DH_G1_SHA1, 128, p_group1},
#endif
};

static const struct dh_group *group_of(enum kex_alg alg)
{
	size_t i;

	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (groups[i].alg == alg)
			return &groups[i];
	return NULL;
}

/* base = *peer after checking 2 <= peer <= p - 2, or g = 2 if peer is
 * NULL.  tmp is scratch. */
static int load_base(void *base, void *p, void *tmp, const struct dh_group *g,
                     const struct view *peer)
{
	int rc;

	if (peer == NULL)
		return mp_err(ltc_mp.set_int(base, 2));
	if (mag_strip(*peer).len > g->bytes)
		return E_FORMAT;
	rc = mp_from_mag(base, *peer);
	if (rc == E_OK)
		rc = mp_err(ltc_mp.subi(p, 1, tmp));
	if (rc != E_OK)
		return rc;
	if (ltc_mp.compare_d(base, 1) != LTC_MP_GT || ltc_mp.compare(base, tmp) != LTC_MP_LT)
		return E_FORMAT;
	return E_OK;
}

/* out = r: padded to the length of p (a shared secret), or minimal (our
 * public value). */
static int store(void *r, const struct dh_group *g, int padded, uint8_t *out, size_t *len)
{
	int rc;

	if (padded) {
		rc = mp_to_fixed(r, out, g->bytes);
		*len = g->bytes;
		return rc;
	}
	*len = ltc_mp.unsigned_size(r);
	return mp_err(ltc_mp.unsigned_write(r, out));
}

int kex_dh_compute(enum kex_alg alg, struct view x, const struct view *peer, uint8_t *out,
                   size_t *len)
{
	const struct dh_group *g = group_of(alg);
	void *p, *base, *ex, *r;
	int rc;

	if (g == NULL)
		return E_UNSUPPORTED;
	if ((rc = mp_err(ltc_init_multi(&p, &base, &ex, &r, NULL))) != E_OK)
		return rc;
	rc = mp_err(ltc_mp.read_radix(p, g->p_hex, 16));
	if (rc == E_OK)
		rc = load_base(base, p, r, g, peer);
	if (rc == E_OK)
		rc = mp_from_mag(ex, x);
	if (rc == E_OK)
		rc = mp_err(ltc_mp.exptmod(base, ex, p, r));
	if (rc == E_OK)
		rc = store(r, g, peer != NULL, out, len);
	ltc_deinit_multi(p, base, ex, r, NULL); /* libtommath zeroes freed digits */
	if (rc != E_OK)
		wipe(out, KEX_K_MAX);
	return rc;
}

/* ---- The kex method ----------------------------------------------------- */

/* A fresh private exponent in st (top bit set: exactly 512 bits), and
 * g^x written to out when out is not NULL. */
static int keypair(struct kex_state *st, struct wr *out)
{
	struct view x = {st->u.dh_x, sizeof(st->u.dh_x)};
	uint8_t pub[KEX_K_MAX];
	size_t len;
	int rc = random_bytes(st->u.dh_x, sizeof(st->u.dh_x));

	if (rc != E_OK)
		return rc;
	st->u.dh_x[0] |= 0x80;
	if (out == NULL)
		return E_OK;
	rc = kex_dh_compute(st->alg, x, NULL, pub, &len);
	return rc != E_OK ? rc : wr_bytes(out, pub, len);
}

static int dh_client_init(struct kex_state *st, struct wr *out_pub)
{
	int rc = keypair(st, out_pub);

	if (rc != E_OK)
		wipe(st->u.dh_x, sizeof(st->u.dh_x));
	return rc;
}

/* The shared secret comes first: it checks e before we send anything. */
static int dh_server_reply(struct kex_state *st, struct view client_pub, struct wr *out_pub,
                           uint8_t *K, size_t *Klen)
{
	struct view y = {st->u.dh_x, sizeof(st->u.dh_x)};
	uint8_t pub[KEX_K_MAX];
	size_t len;
	int rc = keypair(st, NULL);

	if (rc == E_OK)
		rc = kex_dh_compute(st->alg, y, &client_pub, K, Klen);
	if (rc == E_OK)
		rc = kex_dh_compute(st->alg, y, NULL, pub, &len);
	if (rc == E_OK)
		rc = wr_bytes(out_pub, pub, len);
	wipe(st->u.dh_x, sizeof(st->u.dh_x));
	if (rc != E_OK)
		wipe(K, KEX_K_MAX);
	return rc;
}

static int dh_client_finish(struct kex_state *st, struct view server_pub, uint8_t *K, size_t *Klen)
{
	struct view x = {st->u.dh_x, sizeof(st->u.dh_x)};
	int rc = kex_dh_compute(st->alg, x, &server_pub, K, Klen);

	wipe(st->u.dh_x, sizeof(st->u.dh_x));
	return rc;
}

static void dh_wipe(struct kex_state *st)
{
	wipe(st->u.dh_x, sizeof(st->u.dh_x));
}

const struct kex_method_ops kex_ops_dh = {KEX_PUB_MPINT, dh_client_init, dh_server_reply,
                                          dh_client_finish, dh_wipe};

#endif /* SHREW_DH */
