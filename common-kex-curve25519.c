/*
 * common-kex-curve25519.c - curve25519-sha256 and its older name
 * curve25519-sha256@libssh.org (RFC 8731).
 *
 * Q_C and Q_S are 32-byte X25519 public keys sent as strings; a peer key
 * of any other length is rejected (RFC 8731 3).  K is the 32 X25519
 * output bytes as they are, read as a big-endian number (RFC 8731 3.1);
 * an all-zero K (a low-order peer point) aborts the exchange.  X25519 is
 * constant time (crypto-x25519.c); private scalars are wiped as soon as
 * they are no longer needed.
 */
#include "options.h"

#if SHREW_KEX_CURVE25519
#include "common-err.h"
#include "common-kex.h"
#include "common-random.h"
#include "common-wipe.h"
#include "crypto-25519.h"

int kex_curve25519_shared(uint8_t K[32], const uint8_t priv[32], struct view peer)
{
	if (peer.len != X25519_LEN)
		return E_FORMAT;
	return x25519(K, priv, peer.p);
}

/* A fresh private scalar in st and its public key written to out. */
static int keypair(struct kex_state *st, struct wr *out)
{
	uint8_t pub[X25519_LEN];
	int rc = random_bytes(st->u.x25519, X25519_LEN);

	if (rc != E_OK)
		return rc;
	x25519_base(pub, st->u.x25519);
	return wr_bytes(out, pub, sizeof(pub));
}

static int c25519_client_init(struct kex_state *st, struct wr *out_pub)
{
	int rc = keypair(st, out_pub);

	if (rc != E_OK)
		wipe(st->u.x25519, sizeof(st->u.x25519));
	return rc;
}

static int c25519_server_reply(struct kex_state *st, struct view client_pub, struct wr *out_pub,
                               uint8_t *K, size_t *Klen)
{
	int rc;

	if (client_pub.len != X25519_LEN)
		return E_FORMAT;
	rc = keypair(st, out_pub);
	if (rc == E_OK)
		rc = kex_curve25519_shared(K, st->u.x25519, client_pub);
	wipe(st->u.x25519, sizeof(st->u.x25519));
	if (rc == E_OK)
		*Klen = X25519_LEN;
	return rc;
}

static int c25519_client_finish(struct kex_state *st, struct view server_pub, uint8_t *K,
                                size_t *Klen)
{
	int rc = kex_curve25519_shared(K, st->u.x25519, server_pub);

	wipe(st->u.x25519, sizeof(st->u.x25519));
	if (rc == E_OK)
		*Klen = X25519_LEN;
	return rc;
}

static void c25519_wipe(struct kex_state *st)
{
	wipe(st->u.x25519, sizeof(st->u.x25519));
}

const struct kex_method_ops kex_ops_curve25519 = {
    KEX_PUB_STRING, c25519_client_init, c25519_server_reply, c25519_client_finish, c25519_wipe};

#endif /* SHREW_KEX_CURVE25519 */
