/*
 * common-transport-kex.c - the key exchange flow inside the transport
 * (RFC 4253 7-9, RFC 5656 4, RFC 8731; strict kex from OpenSSH's
 * PROTOCOL; EXT_INFO server-sig-algs from RFC 8308).
 *
 * Server side:  KEXINIT both ways -> negotiate -> on KEX_ECDH_INIT
 * (= KEXDH_INIT, 30): reply Q_S/f, K_S and the signature of H, send
 * NEWKEYS and switch output keys -> on the peer's NEWKEYS switch input
 * keys.
 * Client side:  KEXINIT both ways -> negotiate -> send KEX_ECDH_INIT with
 * Q_C/e -> on KEX_ECDH_REPLY (31): compute K and H, verify the server's
 * signature of H with K_S, ask the host key check (first kex; a rekey must
 * show the same key), send NEWKEYS and switch output keys -> on the peer's
 * NEWKEYS switch input keys.
 */
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-msg.h"
#include "common-random.h"
#include "common-transport.h"
#include "common-transport-int.h"
#include "common-wipe.h"

#define KEXINIT_MAX 2048 /* ours: a few hundred bytes of name-lists */

/* Hostkey signature algorithms we can sign with. */
static unsigned hostkey_sigs(const struct transport *t)
{
	unsigned sigs = 0;
	int i;

	if (!t->is_server)
		return algo_sigs_all();
	for (i = 0; t->hostkeys && i < t->hostkeys->n; i++)
		sigs |= algo_sigs_of_key_type(t->hostkeys->key[i].type);
	return sigs;
}

static uint8_t *dup_bytes(const uint8_t *p, size_t n)
{
	uint8_t *q = malloc(n);

	if (q)
		memcpy(q, p, n);
	return q;
}

int tr_kex_send_kexinit(struct transport *t)
{
	uint8_t buf[KEXINIT_MAX], cookie[KEXINIT_COOKIE_LEN];
	struct wr w;
	int rc;

	rc = random_bytes(cookie, sizeof(cookie));
	if (rc != E_OK)
		return rc;
	wr_init(&w, buf, sizeof(buf));
	rc = kexinit_build_ours(&w, cookie, t->is_server, hostkey_sigs(t), t->prefs);
	if (rc != E_OK)
		return rc;
	free(t->i_ours);
	t->i_ours = dup_bytes(buf, w.len);
	if (!t->i_ours)
		return E_NOMEM;
	t->i_ours_len = w.len;
	t->kex_active = 1;
	t->kexinit_sent = 1;
	return tr_seal(t, buf, w.len);
}

int tr_rekey(struct transport *t)
{
	if (t->kex_active || !t->first_kex_done)
		return E_OK;
	return tr_kex_send_kexinit(t);
}

void tr_kex_clear(struct transport *t)
{
	if (t->ks_live)
		kex_state_wipe(&t->ks);
	t->ks_live = 0;
	free(t->i_ours);
	free(t->i_peer);
	t->i_ours = t->i_peer = NULL;
	t->i_ours_len = t->i_peer_len = 0;
	if (t->next_keys) {
		wipe(t->next_keys, t->next_keys_len);
		free(t->next_keys);
	}
	t->next_keys = NULL;
	t->next_keys_len = 0;
	wipe(t->h, sizeof(t->h));
}

/* Client: KEX_ECDH_INIT (= KEXDH_INIT): our public value Q_C or e. */
static int client_send_init(struct transport *t)
{
	uint8_t buf[KEX_PUB_MAX + 16];
	struct wr w, pw;
	int rc;

	wr_init(&pw, t->q_c, sizeof(t->q_c));
	rc = t->ks.ops->client_init(&t->ks, &pw);
	if (rc != E_OK)
		return rc;
	t->q_c_len = pw.len;
	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, SSH_MSG_KEX_ECDH_INIT);
	kex_wr_pub(&w, t->ks.ops->pub_enc, (struct view){t->q_c, t->q_c_len});
	return w.err != E_OK ? w.err : tr_seal(t, buf, w.len);
}

static int recv_kexinit(struct transport *t, struct view pl)
{
	struct kexinit peer, ours;
	uint32_t seq = t->rx.seq - 1;
	int rc;

	if (t->kexinit_received)
		return tr_fail(t, SSH_DISCONNECT_PROTOCOL_ERROR, "second KEXINIT", E_FORMAT);
	if (kexinit_parse(pl.p, pl.len, &peer) != E_OK)
		return tr_fail(t, SSH_DISCONNECT_PROTOCOL_ERROR, "malformed KEXINIT", E_FORMAT);
	if (!t->kexinit_sent && (rc = tr_kex_send_kexinit(t)) != E_OK)
		return tr_fail(t, SSH_DISCONNECT_BY_APPLICATION, "cannot send KEXINIT", rc);
	t->i_peer = dup_bytes(pl.p, pl.len);
	if (!t->i_peer)
		return tr_fail(t, SSH_DISCONNECT_BY_APPLICATION, "out of memory", E_NOMEM);
	t->i_peer_len = pl.len;
	t->kexinit_received = 1;
	kexinit_parse(t->i_ours, t->i_ours_len, &ours);
	rc = t->is_server ? kex_negotiate(&peer, &ours, 1, &t->choice)
	                  : kex_negotiate(&ours, &peer, 0, &t->choice);
	if (rc != E_OK) {
		char why[96];
		snprintf(why, sizeof(why), "no matching %s algorithm",
		         t->choice.failed_category ? t->choice.failed_category : "");
		return tr_fail(t, SSH_DISCONNECT_KEY_EXCHANGE_FAILED, why, E_UNSUPPORTED);
	}
	if (!t->first_kex_done) {
		t->strict = t->choice.strict;
		if (t->strict && seq != 0)
			return tr_fail(t, SSH_DISCONNECT_PROTOCOL_ERROR,
			               "strict kex: KEXINIT was not the first packet", E_FORMAT);
	}
	t->skip_guess = peer.first_kex_follows && t->choice.guess_wrong;
	rc = kex_start(&t->ks, t->choice.kex);
	if (rc != E_OK)
		return tr_fail(t, SSH_DISCONNECT_KEY_EXCHANGE_FAILED, "kex method failed", rc);
	t->ks_live = 1;
	if (!t->is_server && (rc = client_send_init(t)) != E_OK)
		return tr_fail(t, SSH_DISCONNECT_KEY_EXCHANGE_FAILED, "kex method failed", rc);
	return E_OK;
}

/* The host key that makes signatures of the negotiated algorithm. */
static const struct key *pick_hostkey(const struct transport *t)
{
	unsigned bit = ALGO_SIG_BIT(t->choice.hostkey);
	int i;

	for (i = 0; t->hostkeys && i < t->hostkeys->n; i++)
		if (algo_sigs_of_key_type(t->hostkeys->key[i].type) & bit)
			return &t->hostkeys->key[i];
	return NULL;
}

/* The six keys of RFC 4253 7.2 for one direction: IV, key, MAC key. */
struct dir_keys {
	enum cipher_alg cipher;
	enum mac_alg mac;
	uint8_t iv[32], key[64], mackey[64];
};

static int derive_dir(struct transport *t, struct view K, int c2s, struct dir_keys *dk)
{
	enum hash_id h = kex_desc(t->choice.kex)->hash;
	const struct cipher_desc *cd;
	const struct mac_desc *md;
	int rc;

	dk->cipher = c2s ? t->choice.cipher_c2s : t->choice.cipher_s2c;
	dk->mac = c2s ? t->choice.mac_c2s : t->choice.mac_s2c;
	cd = cipher_desc(dk->cipher);
	md = mac_desc(dk->mac);
	if (!cd || cd->key_len > sizeof(dk->key) || cd->iv_len > sizeof(dk->iv))
		return E_UNSUPPORTED;
	rc = kex_derive(h, K, t->h, t->h_len, t->session_id, t->session_id_len, c2s ? 'A' : 'B',
	                dk->iv, cd->iv_len);
	if (rc == E_OK)
		rc = kex_derive(h, K, t->h, t->h_len, t->session_id, t->session_id_len,
		                c2s ? 'C' : 'D', dk->key, cd->key_len);
	if (rc == E_OK && md && md->key_len <= sizeof(dk->mackey))
		rc = kex_derive(h, K, t->h, t->h_len, t->session_id, t->session_id_len,
		                c2s ? 'E' : 'F', dk->mackey, md->key_len);
	return rc;
}

static int install(struct pkt_dir *d, struct dir_keys *dk)
{
	int rc = pkt_dir_set_keys(d, dk->cipher, dk->key, dk->iv, dk->mac, dk->mackey);

	wipe(dk, sizeof(*dk));
	return rc;
}

/* RFC 8308: EXT_INFO with server-sig-algs, right after our first NEWKEYS. */
static int send_ext_info(struct transport *t)
{
	uint8_t buf[512], list[384];
	struct wr w, l;

	wr_init(&l, list, sizeof(list));
	if (algo_write_hostkey_list(&l, NULL, algo_sigs_all()) != E_OK)
		return E_TOOBIG;
	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, SSH_MSG_EXT_INFO);
	wr_u32(&w, 1);
	wr_cstr(&w, "server-sig-algs");
	wr_string(&w, list, l.len);
	return w.err != E_OK ? w.err : tr_seal(t, buf, w.len);
}

/* After K and H: derive both directions, send NEWKEYS, switch output. */
static int keys_and_newkeys(struct transport *t, struct view K)
{
	struct dir_keys out, in;
	uint8_t nk = SSH_MSG_NEWKEYS;
	int rc;

	if (t->session_id_len == 0) {
		memcpy(t->session_id, t->h, t->h_len);
		t->session_id_len = t->h_len;
	}
	rc = derive_dir(t, K, !t->is_server, &out);
	if (rc == E_OK)
		rc = derive_dir(t, K, t->is_server, &in);
	if (rc == E_OK)
		rc = tr_seal(t, &nk, 1);
	if (rc == E_OK)
		rc = install(&t->tx, &out);
	if (rc == E_OK && t->strict)
		pkt_dir_reset_seq(&t->tx);
	if (rc == E_OK)
		t->next_keys = dup_bytes((const uint8_t *)&in, sizeof(in));
	wipe(&out, sizeof(out));
	wipe(&in, sizeof(in));
	if (rc != E_OK || !t->next_keys)
		return rc != E_OK ? rc : E_NOMEM;
	t->next_keys_len = sizeof(in);
	t->newkeys_sent = 1;
	if (t->is_server && !t->first_kex_done && t->choice.peer_ext_info)
		rc = send_ext_info(t);
	return rc == E_OK ? tr_flush_held(t) : rc;
}

/* H over everything; sign it; send KEX_ECDH_REPLY (= KEXDH_REPLY). */
static int server_reply(struct transport *t, struct view qc, struct view qs, struct view K)
{
	static uint8_t blob[KEY_MAX_PUB_BLOB], sig[KEY_MAX_SIG_BLOB];
	static uint8_t reply[KEY_MAX_PUB_BLOB + KEY_MAX_SIG_BLOB + KEX_PUB_MAX + 32];
	const struct key *hk = pick_hostkey(t);
	struct kex_hash_in in;
	struct wr wb, ws, wrp;

	if (!hk)
		return E_UNSUPPORTED;
	wr_init(&wb, blob, sizeof(blob));
	key_put_public(hk, &wb);
	memset(&in, 0, sizeof(in));
	in.v_c = (struct view){(const uint8_t *)t->v_peer, t->v_peer_len};
	in.v_s = (struct view){(const uint8_t *)t->v_ours, strlen(t->v_ours)};
	in.i_c = (struct view){t->i_peer, t->i_peer_len};
	in.i_s = (struct view){t->i_ours, t->i_ours_len};
	in.k_s = (struct view){blob, wb.len};
	in.pub_enc = t->ks.ops->pub_enc;
	in.q_c = qc;
	in.q_s = qs;
	in.k = K;
	t->h_len = hash_len(kex_desc(t->choice.kex)->hash);
	if (wb.err != E_OK || kex_exchange_hash(kex_desc(t->choice.kex)->hash, &in, t->h) != E_OK)
		return E_CRYPTO;
	wr_init(&ws, sig, sizeof(sig));
	if (key_sign(hk, t->choice.hostkey, t->h, t->h_len, &ws) != E_OK)
		return E_CRYPTO;
	wr_init(&wrp, reply, sizeof(reply));
	wr_u8(&wrp, SSH_MSG_KEX_ECDH_REPLY);
	wr_string(&wrp, blob, wb.len);
	kex_wr_pub(&wrp, in.pub_enc, qs);
	wr_string(&wrp, sig, ws.len);
	return wrp.err != E_OK ? wrp.err : tr_seal(t, reply, wrp.len);
}

/* Server: SSH_MSG_KEX_ECDH_INIT / KEXDH_INIT: string Q_C or mpint e. */
static int recv_kex_init(struct transport *t, struct view pl)
{
	uint8_t pubbuf[KEX_PUB_MAX], K[KEX_K_MAX];
	size_t klen = 0;
	struct view qc, qs;
	struct wr w;
	struct rd r;
	uint8_t msg;
	int rc;

	rd_init(&r, pl.p, pl.len);
	rd_u8(&r, &msg);
	kex_rd_pub(&r, t->ks.ops->pub_enc, &qc);
	if (rd_end(&r) != E_OK)
		return tr_fail(t, SSH_DISCONNECT_PROTOCOL_ERROR, "malformed kex init", E_FORMAT);
	wr_init(&w, pubbuf, sizeof(pubbuf));
	rc = t->ks.ops->server_reply(&t->ks, qc, &w, K, &klen);
	if (rc != E_OK)
		return tr_fail(t, SSH_DISCONNECT_KEY_EXCHANGE_FAILED, "bad client kex value", rc);
	qs = (struct view){pubbuf, w.len};
	rc = server_reply(t, qc, qs, (struct view){K, klen});
	if (rc == E_OK)
		rc = keys_and_newkeys(t, (struct view){K, klen});
	wipe(K, sizeof(K));
	kex_state_wipe(&t->ks);
	t->ks_live = 0;
	if (rc != E_OK)
		return tr_fail(t, SSH_DISCONNECT_KEY_EXCHANGE_FAILED, "key exchange failed", rc);
	return E_OK;
}

/* Client: the server's host key is trusted?  The check decides at the
 * first kex; a rekey must show the same key. */
static int accept_hostkey(struct transport *t, const struct key *hk)
{
	if (t->first_kex_done)
		return key_equal_public(&t->peer_hostkey, hk) ? E_OK : E_VERIFY;
	if (!t->hostkey_check || t->hostkey_check(t->hostkey_ctx, hk) != E_OK)
		return E_VERIFY;
	return key_copy_public(&t->peer_hostkey, hk);
}

/* Client: H over everything, and the server's signature of it with K_S;
 * *why says which step failed. */
static int client_verify(struct transport *t, struct view ks, struct view qs, struct view sig,
                         struct view K, const char **why)
{
	enum hash_id h = kex_desc(t->choice.kex)->hash;
	struct kex_hash_in in;
	enum sig_alg alg = SIG_NONE;
	struct key hk;
	int rc;

	*why = "bad server host key";
	rc = key_from_blob(&hk, ks.p, ks.len);
	if (rc != E_OK)
		return rc;
	if (!(algo_sigs_of_key_type(hk.type) & ALGO_SIG_BIT(t->choice.hostkey))) {
		key_free(&hk);
		return E_VERIFY;
	}
	memset(&in, 0, sizeof(in));
	in.v_c = (struct view){(const uint8_t *)t->v_ours, strlen(t->v_ours)};
	in.v_s = (struct view){(const uint8_t *)t->v_peer, t->v_peer_len};
	in.i_c = (struct view){t->i_ours, t->i_ours_len};
	in.i_s = (struct view){t->i_peer, t->i_peer_len};
	in.k_s = ks;
	in.pub_enc = t->ks.ops->pub_enc;
	in.q_c = (struct view){t->q_c, t->q_c_len};
	in.q_s = qs;
	in.k = K;
	t->h_len = hash_len(h);
	rc = kex_exchange_hash(h, &in, t->h);
	*why = "bad host key signature";
	if (rc == E_OK)
		rc = key_verify(&hk, sig.p, sig.len, t->h, t->h_len, &alg);
	if (rc == E_OK && alg != t->choice.hostkey)
		rc = E_VERIFY;
	if (rc == E_OK) {
		*why = t->first_kex_done ? "host key changed during rekey" : "host key not trusted";
		rc = accept_hostkey(t, &hk);
	}
	key_free(&hk);
	return rc;
}

/* Client: KEX_ECDH_REPLY / KEXDH_REPLY: string K_S, Q_S or f, string
 * signature of H. */
static int recv_kex_reply(struct transport *t, struct view pl)
{
	uint8_t K[KEX_K_MAX];
	struct view ks, qs, sig;
	size_t klen = 0;
	const char *why = "bad server kex value";
	struct rd r;
	uint8_t msg;
	int rc;

	rd_init(&r, pl.p, pl.len);
	rd_u8(&r, &msg);
	rd_string(&r, KEY_MAX_PUB_BLOB, &ks);
	kex_rd_pub(&r, t->ks.ops->pub_enc, &qs);
	rd_string(&r, KEY_MAX_SIG_BLOB, &sig);
	if (rd_end(&r) != E_OK)
		return tr_fail(t, SSH_DISCONNECT_PROTOCOL_ERROR, "malformed kex reply", E_FORMAT);
	rc = t->ks.ops->client_finish(&t->ks, qs, K, &klen);
	if (rc == E_OK)
		rc = client_verify(t, ks, qs, sig, (struct view){K, klen}, &why);
	if (rc == E_OK) {
		why = "key exchange failed";
		rc = keys_and_newkeys(t, (struct view){K, klen});
	}
	wipe(K, sizeof(K));
	kex_state_wipe(&t->ks);
	t->ks_live = 0;
	if (rc != E_OK)
		return tr_fail(t,
		               rc == E_VERIFY ? SSH_DISCONNECT_HOST_KEY_NOT_VERIFIABLE
		                              : SSH_DISCONNECT_KEY_EXCHANGE_FAILED,
		               why, rc);
	return E_OK;
}

static int recv_newkeys(struct transport *t, struct view pl)
{
	struct dir_keys in;
	int rc;

	if (!t->newkeys_sent || !t->next_keys || pl.len != 1)
		return tr_fail(t, SSH_DISCONNECT_PROTOCOL_ERROR, "unexpected NEWKEYS", E_FORMAT);
	memcpy(&in, t->next_keys, sizeof(in));
	rc = install(&t->rx, &in);
	if (rc != E_OK)
		return tr_fail(t, SSH_DISCONNECT_KEY_EXCHANGE_FAILED, "cannot install keys", rc);
	if (t->strict)
		pkt_dir_reset_seq(&t->rx);
	tr_kex_clear(t);
	t->kex_active = t->kexinit_sent = t->kexinit_received = 0;
	t->newkeys_sent = t->newkeys_received = 0;
	t->first_kex_done = 1;
	t->kex_bytes = t->tx.bytes + t->rx.bytes;
	t->kex_time = time(NULL);
	return E_OK;
}

int tr_kex_recv(struct transport *t, uint8_t msg, struct view pl)
{
	if (msg == SSH_MSG_KEXINIT)
		return recv_kexinit(t, pl);
	if (msg == SSH_MSG_NEWKEYS)
		return recv_newkeys(t, pl);
	if (!t->kexinit_received || !t->ks_live || msg < 30)
		return tr_fail(t, SSH_DISCONNECT_PROTOCOL_ERROR, "unexpected kex message",
		               E_FORMAT);
	if (t->skip_guess) {
		t->skip_guess = 0;
		return E_OK;
	}
	if (t->is_server && msg == SSH_MSG_KEX_ECDH_INIT)
		return recv_kex_init(t, pl);
	if (!t->is_server && msg == SSH_MSG_KEX_ECDH_REPLY)
		return recv_kex_reply(t, pl);
	return tr_fail(t, SSH_DISCONNECT_PROTOCOL_ERROR, "unexpected kex message", E_FORMAT);
}
