/*
 * common-sess.h - one SSH connection, as every layer above the transport
 * sees it.  The session is passed to every handler as an argument; there
 * is no global session.
 *
 * Layers:  transport (common-transport.c: identification, packets, kex,
 *          rekey, IGNORE/DEBUG/UNIMPLEMENTED/DISCONNECT)
 *          -> userauth (svr-auth*.c / cli-auth*.c), messages 50..79
 *          -> connection (common-channel.c + svr-session.c ...), 80..127
 * Each upper layer gets whole, decrypted payloads through a dispatch table
 * (msg number -> handler) and answers through sess_send().
 */
#ifndef SHREW_COMMON_SESS_H
#define SHREW_COMMON_SESS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "options.h"
#include "common-rd.h"
#include "common-wr.h"
#include "crypto-hash.h"
#include "common-msg.h"
#include "common-timers.h"

struct transport;  /* common-transport.c */
struct svr_auth;   /* svr-auth.c */
struct chan_table; /* common-channel.c */
struct svr_opts;   /* svr-opts.h */
struct cli;        /* cli.h */

struct sess {
	int is_server;
	int fd; /* the connection's socket */
	struct transport *tr;
	const struct svr_opts *opts; /* server only */
	char peer_ip[64];            /* numeric, no brackets */
	unsigned int peer_port;
	char local_ip[64];
	unsigned int local_port;
	uint8_t session_id[HASH_MAX_LEN]; /* H of the first kex */
	size_t session_id_len;            /* 0 until the first kex ends */
	int authenticated;
	char user[SHREW_MAX_USERNAME + 1]; /* authenticated (or asked) user */
	struct svr_auth *auth;             /* userauth state (server) */
	struct chan_table *chans;          /* channels, after auth */
	struct sess_clock clock;           /* timeouts and keepalives */
	int closing;                       /* 1: flush output, then close */
	struct cli *cli;                   /* client only (cli.h) */
	char close_why[128];               /* why we disconnected (sess_disconnect) */
};

/* Queues one payload (message number first) for sending; the transport
 * encrypts it and holds it back while a key exchange is in progress.
 * Returns E_OK, or an error after which the caller must stop using the
 * connection (the session is closing). */
int sess_send(struct sess *s, const uint8_t *payload, size_t n);

/* Logs "why" with the peer's address, queues SSH_MSG_DISCONNECT with the
 * reason code and the message, and marks the session closing.  The one
 * place protocol errors become disconnects. */
void sess_disconnect(struct sess *s, uint32_t reason, const char *why);

#endif
