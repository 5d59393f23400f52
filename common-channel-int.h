/*
 * common-channel-int.h - the channel table's internals, shared by
 * common-channel.c (table, dispatch, state machine, data path) and
 * common-channel-open.c (opens both ways, requests and their replies).
 * Nothing else includes it: struct chan stays private to the table.
 */
#ifndef SHREW_COMMON_CHANNEL_INT_H
#define SHREW_COMMON_CHANNEL_INT_H

#include <stddef.h>
#include <stdint.h>

#include "common-channel.h"

#define F_RECV_EOF 0x01
#define F_RECV_CLOSE 0x02
#define F_SENT_EOF 0x04
#define F_SENT_CLOSE 0x08
#define F_OPENING 0x10 /* our CHANNEL_OPEN awaits its answer */

/* A write queue: a ring of the table's window size toward one fd. */
struct chan_q {
	uint8_t *b; /* allocated on first use */
	size_t head, len;
};

struct chan {
	int used;
	int attached; /* chan_attach_fds was called */
	uint32_t id;
	uint32_t peer_id;
	const struct chan_type *type;
	void *priv;
	unsigned int flags;
	uint32_t local_window; /* the peer may still send this much */
	uint32_t unacked;      /* consumed, not yet granted back */
	uint32_t remote_window;
	uint32_t remote_max_packet;
	uint32_t replies_due;      /* our want_reply requests not yet answered */
	int fd_in, fd_out, fd_err; /* -1 when closed; pty master: in == out */
	int fd_ext;                /* EXTENDED_DATA(stderr) is written here */
	struct chan_q q;           /* toward fd_in */
	struct chan_q eq;          /* toward fd_ext */
};

struct chan_table {
	const struct chan_type *const *types;
	void *ctx;
	uint32_t window; /* our receive window per channel */
	struct chan c[SHREW_MAX_CHANNELS];
	uint8_t io[CHAN_IO_CHUNK + 16]; /* one outgoing DATA payload */
};

/* Sends SSH_MSG_DISCONNECT(protocol error) with why; returns E_FORMAT. */
int chan_proto_error(struct sess *s, const char *why);

/* The open, not opening, channel a message names; NULL (after a protocol
 * error) for a free or opening slot. */
struct chan *chan_lookup(struct sess *s, uint32_t id);

/* Sends a message of one uint32 (EOF, CLOSE, SUCCESS, FAILURE). */
int chan_send_id(struct sess *s, uint8_t msg, uint32_t peer_id);

/* Frees the slot: the gone hook (if type is set), the fds, the queues. */
void chan_free(struct sess *s, struct chan *c);

/* A free slot, marked used with the table's window and no fds; or NULL. */
struct chan *chan_new(struct sess *s, const struct chan_type *ty);

/* Message handlers of common-channel-open.c. */
int chan_recv_open(struct sess *s, const uint8_t *p, size_t n);
int chan_recv_confirm(struct sess *s, const uint8_t *p, size_t n);
int chan_recv_open_fail(struct sess *s, const uint8_t *p, size_t n);
int chan_recv_request(struct sess *s, const uint8_t *p, size_t n);
int chan_recv_reply(struct sess *s, const uint8_t *p, size_t n);

#endif
