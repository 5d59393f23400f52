/*
 * common-transport.h - the SSH transport layer (RFC 4253), sans I/O.
 *
 * Bytes from the socket go in with tr_feed(); whole upper-layer payloads
 * (SERVICE_REQUEST/ACCEPT, EXT_INFO, userauth, connection messages) come
 * out of tr_next().  Everything the transport owns is handled inside:
 * identification exchange, the binary packet protocol, key exchange and
 * rekeying (with strict kex), IGNORE, DEBUG, UNIMPLEMENTED, DISCONNECT.
 * Bytes to write to the socket are taken with tr_out() / tr_out_done().
 * No syscalls here but the randomness of padding and keys.
 */
#ifndef SHREW_COMMON_TRANSPORT_H
#define SHREW_COMMON_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "options.h"
#include "common-algo.h"
#include "common-kex.h"
#include "common-kexinit.h"
#include "common-key.h"
#include "common-packet.h"
#include "common-rd.h"

/* Host keys a server signs with (one per type at most). */
#define TR_MAX_HOSTKEYS 5
struct hostkeys {
	struct key key[TR_MAX_HOSTKEYS];
	int n;
};

/* Longest output backlog before tr_send refuses (a peer that never reads). */
#define TR_OUT_MAX (8 * 1024 * 1024)

/* Client: decides whether the server's host key (public half) is trusted,
 * after the key exchange has proven the server holds it.  Called at the
 * first kex only (a rekey must show the same key).  Returns E_OK to go on,
 * anything else to disconnect. */
typedef int (*tr_hostkey_fn)(void *ctx, const struct key *hostkey);

struct transport {
	int is_server;
	int state; /* TR_* in common-transport.c */
	/* identification strings, without CR LF */
	char v_ours[64];
	char v_peer[SHREW_MAX_IDENT_LINE + 1];
	size_t v_peer_len;
	int ident_lines; /* lines seen before the peer's version */
	char line[SHREW_MAX_IDENT_LINE + 1];
	size_t line_len;
	/* packets */
	struct pkt_dir tx, rx;
	struct pkt_reader reader;
	/* key exchange */
	int kex_active; /* between our KEXINIT and both NEWKEYS */
	int kexinit_sent;
	int kexinit_received;
	int newkeys_sent, newkeys_received;
	int first_kex_done;       /* a NEWKEYS both ways has happened once */
	int strict;               /* strict kex negotiated in the first kex */
	int skip_guess;           /* discard the peer's wrongly guessed kex packet */
	uint8_t *i_ours, *i_peer; /* KEXINIT payloads, for the exchange hash */
	size_t i_ours_len, i_peer_len;
	struct kex_choice choice;
	struct kex_state ks;
	int ks_live;
	uint8_t h[HASH_MAX_LEN]; /* exchange hash of the current kex */
	size_t h_len;
	uint8_t session_id[HASH_MAX_LEN];
	size_t session_id_len;
	uint8_t *next_keys; /* derived keys for the direction not yet switched */
	size_t next_keys_len;
	uint64_t kex_bytes; /* tx+rx bytes at the end of the last kex */
	time_t kex_time;
	/* client */
	tr_hostkey_fn hostkey_check; /* may the server's host key be trusted? */
	void *hostkey_ctx;
	uint8_t q_c[KEX_PUB_MAX]; /* our kex public value, for H */
	size_t q_c_len;
	struct key peer_hostkey; /* the server's key from the first kex */
	/* server */
	const struct hostkeys *hostkeys;
	const struct algo_prefs *prefs; /* what we offer; NULL: everything */
	int ext_info_pending;           /* send EXT_INFO after our first NEWKEYS */
	/* output: bytes for the socket, and payloads held during kex */
	uint8_t *out;
	size_t out_off, out_len, out_cap;
	uint8_t *held;
	size_t held_len, held_cap;
	/* why the transport failed (for the log and DISCONNECT) */
	uint32_t fail_reason;
	char fail_why[128];
};

/* Starts a transport: queues our identification line and our first
 * KEXINIT.  hostkeys is the server's keys (kept by pointer), NULL for a
 * client; prefs is what we offer (kept by pointer; NULL: every built-in
 * algorithm).  Returns E_OK, E_NOMEM, or E_ARG when the host keys can
 * sign with none of the offered host key algorithms. */
int tr_init(struct transport *t, int is_server, const struct hostkeys *hk,
            const struct algo_prefs *prefs);

/* Client: sets the host key check (without one, every key is refused). */
void tr_set_hostkey_check(struct transport *t, tr_hostkey_fn fn, void *ctx);

/* Releases everything and wipes key material. */
void tr_free(struct transport *t);

/* Takes up to n bytes read from the socket (*used gets how many; the rest
 * must be offered again after tr_next has drained packets). */
int tr_feed(struct transport *t, const uint8_t *in, size_t n, size_t *used);

/* Processes buffered input.  Returns E_OK with *payload set to the next
 * upper-layer message (valid until the next tr_feed/tr_next call),
 * E_SHORT when more input is needed, or another error after which the
 * connection must be closed (t->fail_reason / fail_why say why, and a
 * DISCONNECT has been queued when it makes sense).  Returns E_IO with
 * fail_reason 0 when the peer sent DISCONNECT. */
int tr_next(struct transport *t, struct view *payload);

/* Queues one payload (message byte first) for sending.  While a key
 * exchange runs, upper-layer messages are held and sent after NEWKEYS.
 * E_TOOBIG when the payload or the backlog is over its limit. */
int tr_send(struct transport *t, const uint8_t *payload, size_t n);

/* Answers the last packet read with SSH_MSG_UNIMPLEMENTED (for upper-layer
 * message numbers nothing handles). */
int tr_send_unimplemented(struct transport *t);

/* Queues DISCONNECT (reason, description) as the last thing sent. */
void tr_send_disconnect(struct transport *t, uint32_t reason, const char *why);

/* Starts a key re-exchange if none is running (RFC 4253 9): sends our
 * KEXINIT.  The caller decides when (tr_want_rekey). */
int tr_rekey(struct transport *t);

/* 1 when SHREW_REKEY_BYTES or SHREW_REKEY_SECONDS have passed since the
 * last key exchange and none is running. */
int tr_want_rekey(const struct transport *t, time_t now);

/* Bytes waiting for the socket: *p gets the first one.  Returns the
 * count (0: nothing to write). */
size_t tr_out(const struct transport *t, const uint8_t **p);

/* Drops n written bytes from the front of the output. */
void tr_out_done(struct transport *t, size_t n);

/* Bytes queued for the socket plus payloads held back. */
size_t tr_backlog(const struct transport *t);

#endif
