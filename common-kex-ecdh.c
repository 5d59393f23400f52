/*
 * common-kex-ecdh.c - ecdh-sha2-nistp256/384/521 (RFC 5656 4 and 7.1).
 *
 * Q_C and Q_S are uncompressed SEC1 points (0x04 || X || Y) sent as
 * strings; crypto_ecdsa_set() rejects any other encoding and any point not
 * on the curve (RFC 5656 4: the recipient must validate the peer's key;
 * the NIST prime curves have cofactor 1, so an on-curve point other than
 * infinity, which has no such encoding, is of prime order).  K is the
 * x-coordinate of the shared point, as many bytes as the curve's
 * coordinates, hashed as an mpint.  libtomcrypt's scalar multiplication
 * is its timing-resistant ladder.
 */
#include "options.h"

#if SHREW_KEX_ECDH_NISTP
#include "common-err.h"
#include "common-kex.h"
#include "crypto-ecdsa.h"

static enum ecdsa_curve curve_of(enum kex_alg alg)
{
	switch (alg) {
	case KEX_ECDH_P256: return ECDSA_P256;
	case KEX_ECDH_P384: return ECDSA_P384;
	case KEX_ECDH_P521: return ECDSA_P521;
	default: return ECDSA_NONE;
	}
}

/* A fresh key pair in st->u.ecdh, its point written to out. */
static int keypair(struct kex_state *st, struct wr *out)
{
	uint8_t pub[ECDSA_MAX_POINT];
	size_t len;
	int rc = crypto_ecdsa_generate(&st->u.ecdh, curve_of(st->alg));

	if (rc == E_OK)
		rc = crypto_ecdsa_export_point(&st->u.ecdh, pub, sizeof(pub), &len);
	if (rc == E_OK)
		rc = wr_bytes(out, pub, len);
	if (rc != E_OK)
		crypto_ecdsa_free(&st->u.ecdh);
	return rc;
}

/* Fills *peer from a peer's point: E_FORMAT unless it is an uncompressed
 * point on our curve. */
static int parse_peer(const struct kex_state *st, struct view pub, ecc_key *peer)
{
	int rc = crypto_ecdsa_set(peer, curve_of(st->alg), pub, NULL);

	return rc == E_OK || rc == E_UNSUPPORTED || rc == E_NOMEM ? rc : E_FORMAT;
}

static int ecdh_client_init(struct kex_state *st, struct wr *out_pub)
{
	return keypair(st, out_pub);
}

static int ecdh_server_reply(struct kex_state *st, struct view client_pub, struct wr *out_pub,
                             uint8_t *K, size_t *Klen)
{
	ecc_key peer;
	int rc = parse_peer(st, client_pub, &peer);

	if (rc != E_OK)
		return rc;
	rc = keypair(st, out_pub);
	if (rc == E_OK)
		rc = crypto_ecdsa_shared(&st->u.ecdh, &peer, K, KEX_K_MAX, Klen);
	crypto_ecdsa_free(&peer);
	crypto_ecdsa_free(&st->u.ecdh);
	return rc;
}

static int ecdh_client_finish(struct kex_state *st, struct view server_pub, uint8_t *K,
                              size_t *Klen)
{
	ecc_key peer;
	int rc = parse_peer(st, server_pub, &peer);

	if (rc == E_OK)
		rc = crypto_ecdsa_shared(&st->u.ecdh, &peer, K, KEX_K_MAX, Klen);
	crypto_ecdsa_free(&peer); /* zeroed by a failed parse: a no-op then */
	crypto_ecdsa_free(&st->u.ecdh);
	return rc;
}

static void ecdh_wipe(struct kex_state *st)
{
	crypto_ecdsa_free(&st->u.ecdh);
}

const struct kex_method_ops kex_ops_ecdh = {KEX_PUB_STRING, ecdh_client_init, ecdh_server_reply,
                                            ecdh_client_finish, ecdh_wipe};

#endif /* SHREW_KEX_ECDH_NISTP */
