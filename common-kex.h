/*
 * common-kex.h - the key exchange core shared by client and server: the
 * exchange hash H (RFC 4253 8, RFC 5656 4, RFC 8731 3), key derivation
 * (RFC 4253 7.2) and one small interface over every kex method
 * (curve25519, ECDH on NIST curves, finite-field DH).
 *
 * Conventions, the same in every function here:
 *   - A shared secret K travels as its big-endian magnitude (struct view,
 *     leading zero bytes allowed); the functions that hash it encode it as
 *     an SSH mpint themselves (RFC 4251 5: minimal, 0x00 sign byte when
 *     the high bit is set).  For curve25519 the magnitude is the 32 X25519
 *     output bytes exactly as they come (RFC 8731 3.1: read as a
 *     big-endian number, no byte reversal); for ECDH it is the
 *     x-coordinate (RFC 5656 4); for DH it is g^xy mod p, padded to the
 *     length of p.
 *   - A public value Q_C/Q_S (e/f) travels as its *value*: the raw bytes
 *     of the string for curve25519 and ECDH, the magnitude of the mpint for
 *     DH.  kex_wr_pub()/kex_rd_pub() put it into and take it from a packet
 *     with the method's encoding (ops->pub_enc).
 *   - Everything is sans-I/O: bytes in, bytes out, no session.
 */
#ifndef SHREW_COMMON_KEX_H
#define SHREW_COMMON_KEX_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"
#include "common-algo.h"
#include "common-rd.h"
#include "common-wr.h"
#include "crypto-hash.h"
#if SHREW_ECC
#include "crypto-ecdsa.h"
#endif

/* Largest shared secret magnitude (DH group 14: 2048 bits) and largest
 * public value (the same, or a P-521 point: 133 bytes). */
#define KEX_K_MAX 256
#define KEX_PUB_MAX 256

/* Bytes of the DH private exponent: twice the 256-bit security level of
 * the strongest cipher keys it feeds (RFC 8268 4 asks for at least twice
 * the bits of security of the group; 512 bits is what common
 * implementations draw for group 14). */
#define KEX_DH_EXP_BYTES 64

/* How Q_C/Q_S (e/f) are encoded in the kex messages and in H. */
enum kex_pub_enc {
	KEX_PUB_STRING, /* curve25519, ECDH: string Q_C / Q_S */
	KEX_PUB_MPINT   /* DH: mpint e / f */
};

/* Inputs of the exchange hash, all views the caller owns.  V_C/V_S
 * without CR LF; I_C/I_S the whole KEXINIT payloads (message byte
 * included); K_S the server host key blob; q_c/q_s per pub_enc (raw string
 * bytes, or mpint magnitudes); k the shared secret magnitude. */
struct kex_hash_in {
	struct view v_c, v_s;
	struct view i_c, i_s;
	struct view k_s;
	enum kex_pub_enc pub_enc;
	struct view q_c, q_s;
	struct view k;
};

/* H = HASH(string V_C || string V_S || string I_C || string I_S ||
 * string K_S || Q_C || Q_S || mpint K), Q_C/Q_S as strings or mpints per
 * in->pub_enc, hashed incrementally (no buffer).  Writes hash_len(h) bytes
 * to out.  Returns E_OK, E_UNSUPPORTED if h is not built in, E_CRYPTO. */
int kex_exchange_hash(enum hash_id h, const struct kex_hash_in *in, uint8_t *out);

/* RFC 4253 7.2: writes need bytes of key material for letter ('A'..'F')
 * to out: K1 = HASH(mpint K || H || letter || session_id), then
 * Kn = HASH(mpint K || H || K1 || ... || Kn-1) while more is needed.  K is
 * the shared secret magnitude (encoded as mpint here); H is hlen bytes;
 * session_id is the H of the first exchange.  Intermediates are wiped.
 * Returns E_OK, E_UNSUPPORTED (h not built in), E_CRYPTO; out is zeroed
 * on failure. */
int kex_derive(enum hash_id h, struct view K, const uint8_t *H, size_t hlen,
               const uint8_t *session_id, size_t sidlen, char letter, uint8_t *out, size_t need);

/* Hashes mpint(mag) (RFC 4251 5) into c: leading zero bytes of mag are
 * dropped, a 0x00 is prepended when the first remaining byte has its high
 * bit set; zero is the empty mpint.  Returns E_OK or hash_update's error. */
int kex_hash_mpint(struct hash_ctx *c, struct view mag);

/* One key exchange in progress: its private half.  Zero it with
 * kex_start(); wipe it with ops->wipe() (or kex_state_wipe()) when done,
 * failed or not. */
struct kex_state {
	enum kex_alg alg;
	const struct kex_method_ops *ops;
	union {
		uint8_t x25519[32];
#if SHREW_KEX_ECDH_NISTP
		ecc_key ecdh; /* zeroed: nothing to free */
#endif
#if SHREW_DH
		uint8_t dh_x[KEX_DH_EXP_BYTES];
#endif
	} u;
};

/* A kex method.  Public values in and out are values (see the top); K
 * buffers hold KEX_K_MAX bytes and get the shared secret magnitude (*Klen
 * bytes, fixed for the method: 32, the curve's coordinate size, or the
 * length of p).  Every function returns E_OK or an error: E_FORMAT for a
 * peer value that is malformed or out of range (wrong length, not on the
 * curve, not in [2, p-2]), E_CRYPTO for an all-zero X25519 result, E_IO
 * when randomness fails, E_TOOBIG if out_pub has no room.  After an
 * error the exchange is dead: wipe the state and disconnect. */
struct kex_method_ops {
	enum kex_pub_enc pub_enc;
	/* Client: makes a key pair, writes Q_C / e to out_pub, keeps the
	 * private half in st for client_finish. */
	int (*client_init)(struct kex_state *st, struct wr *out_pub);
	/* Server: checks Q_C / e, makes a key pair, writes Q_S / f to out_pub
	 * and K to K; keeps nothing secret in st afterwards. */
	int (*server_reply)(struct kex_state *st, struct view client_pub, struct wr *out_pub,
	                    uint8_t *K, size_t *Klen);
	/* Client: checks Q_S / f, computes K from the private half. */
	int (*client_finish)(struct kex_state *st, struct view server_pub, uint8_t *K,
	                     size_t *Klen);
	/* Wipes and releases the private half; safe to call twice. */
	void (*wipe)(struct kex_state *st);
};

/* The ops of a kex method, or NULL when alg is compiled out or KEX_NONE. */
const struct kex_method_ops *kex_method_ops(enum kex_alg alg);

/* Zeroes st and sets it up for alg (st->ops = kex_method_ops(alg)).
 * Returns E_OK, or E_UNSUPPORTED when alg is compiled out. */
int kex_start(struct kex_state *st, enum kex_alg alg);

/* st->ops->wipe(st) if st was started, then zeroes st. */
void kex_state_wipe(struct kex_state *st);

/* Writes a public value in its wire encoding: string, or mpint of the
 * magnitude.  Returns the writer's (sticky) error. */
int kex_wr_pub(struct wr *w, enum kex_pub_enc enc, struct view pub);

/* Reads a public value (string, or non-negative minimal mpint) of at most
 * KEX_PUB_MAX bytes into *pub (a view into r's buffer).  Returns E_OK or
 * the cursor's error. */
int kex_rd_pub(struct rd *r, enum kex_pub_enc enc, struct view *pub);

/* ---- Methods (one file each; for kex_method_ops() and the tests) ---- */

#if SHREW_KEX_CURVE25519
extern const struct kex_method_ops kex_ops_curve25519;
/* K = X25519(priv, peer) (32 bytes).  E_FORMAT if peer is not 32 bytes,
 * E_CRYPTO if the result is all zero (K is then zeroed). */
int kex_curve25519_shared(uint8_t K[32], const uint8_t priv[32], struct view peer);
#endif

#if SHREW_KEX_ECDH_NISTP
extern const struct kex_method_ops kex_ops_ecdh;
#endif

#if SHREW_DH
extern const struct kex_method_ops kex_ops_dh;
/* The pure DH core of alg's group: out = base^x mod p with base = g = 2
 * when peer is NULL (our public value: minimal magnitude), else base =
 * *peer (checked to lie in [2, p-2], E_FORMAT otherwise; the shared
 * secret: padded to the length of p).  x is a big-endian exponent.  out
 * holds KEX_K_MAX bytes; *len gets the length written.  E_UNSUPPORTED for
 * a non-DH alg.  Variable time: libtommath's exptmod is not constant
 * time (see common-kex-dh.c). */
int kex_dh_compute(enum kex_alg alg, struct view x, const struct view *peer, uint8_t *out,
                   size_t *len);
#endif

#endif
