/*
 * common-channel.h - the connection protocol's channels (RFC 4254 5):
 * the per-connection channel table, pure parsers for messages 80..100,
 * the dispatcher for them, window accounting both ways, the EOF/CLOSE
 * state machine and the data path between channels and file descriptors
 * for the connection's select() loop.
 *
 * Channel types ("session", later "direct-tcpip" ...) plug in through a
 * const struct chan_type: the table handles everything generic, the type
 * answers open and requests and says when its side is finished.
 *
 * Both sides open channels: the peer (CHANNEL_OPEN answered through the
 * type's open hook) and we (chan_open_start; the slot stays "opening"
 * until OPEN_CONFIRMATION or OPEN_FAILURE comes).
 *
 * Ids: our channel id is the slot index (0..SHREW_MAX_CHANNELS-1).
 * Memory: the table is allocated once per connection; a channel's write
 * queues toward its fds (at most our receive window each: one for DATA,
 * one for EXTENDED_DATA(stderr) when an ext fd is attached) are allocated
 * on first use and freed with the channel.  Nothing allocates per packet.
 */
#ifndef SHREW_COMMON_CHANNEL_H
#define SHREW_COMMON_CHANNEL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/select.h>

#include "options.h"
#include "common-rd.h"

struct sess;
struct chan;

/* Largest data payload per DATA/EXTENDED_DATA message we accept (our
 * "maximum packet size" in CHANNEL_OPEN(_CONFIRMATION)); larger is a
 * protocol error.  Leaves room in SHREW_MAX_PACKET for the headers. */
#define CHAN_MAX_DATA 32768
/* Largest data chunk we send in one message (also capped by the peer's
 * window and maximum packet). */
#define CHAN_IO_CHUNK 16384
/* Caps on names in messages (channel types, request names). */
#define CHAN_MAX_NAME 64
/* Cap on the description of an OPEN_FAILURE we accept. */
#define CHAN_MAX_WHY 1024

/* CHANNEL_OPEN_FAILURE reason codes (RFC 4254 5.1). */
enum {
	SSH_OPEN_ADMINISTRATIVELY_PROHIBITED = 1,
	SSH_OPEN_CONNECT_FAILED = 2,
	SSH_OPEN_UNKNOWN_CHANNEL_TYPE = 3,
	SSH_OPEN_RESOURCE_SHORTAGE = 4
};

/* EXTENDED_DATA type for stderr (RFC 4254 5.2). */
#define SSH_EXTENDED_DATA_STDERR 1

/* ---- Parsed messages (views point into the payload) ------------------ */

/* GLOBAL_REQUEST: string name, boolean want_reply, request data. */
struct chan_global {
	struct view name;
	int want_reply;
	struct view data; /* the rest of the payload, unparsed */
};

/* CHANNEL_OPEN: string type, uint32 sender channel, uint32 initial
 * window size, uint32 maximum packet size, type-specific data. */
struct chan_open {
	struct view type;
	uint32_t sender;
	uint32_t window;
	uint32_t max_packet;
	struct view data; /* the rest of the payload, unparsed */
};

/* CHANNEL_REQUEST: uint32 recipient, string type, boolean want_reply,
 * type-specific data. */
struct chan_req {
	uint32_t recipient;
	struct view type;
	int want_reply;
	struct view data; /* the rest of the payload, unparsed */
};

/* CHANNEL_DATA (code 0) and CHANNEL_EXTENDED_DATA (code = data type). */
struct chan_data {
	uint32_t recipient;
	int extended;
	uint32_t code;
	struct view data;
};

/* CHANNEL_OPEN_CONFIRMATION: uint32 recipient, uint32 sender, uint32
 * initial window size, uint32 maximum packet size, type-specific data. */
struct chan_confirm {
	uint32_t recipient;
	uint32_t sender;
	uint32_t window;
	uint32_t max_packet;
	struct view data; /* the rest of the payload, unparsed */
};

/* CHANNEL_OPEN_FAILURE: uint32 recipient, uint32 reason code, string
 * description (ISO-10646 UTF-8), string language tag. */
struct chan_open_fail {
	uint32_t recipient;
	uint32_t reason;
	struct view why;
	struct view lang;
};

/* Each parser takes the whole payload (message number first), checks
 * the number, reads every field through the cursor and rejects trailing
 * bytes where the layout ends.  Returns E_OK, E_SHORT, E_TOOBIG (a name
 * over CHAN_MAX_NAME, data over SHREW_MAX_PACKET), E_TRAILING, or
 * E_FORMAT (wrong message number, NUL in a name).  Pure. */
int chan_parse_global(const uint8_t *p, size_t n, struct chan_global *g);
int chan_parse_open(const uint8_t *p, size_t n, struct chan_open *o);
int chan_parse_request(const uint8_t *p, size_t n, struct chan_req *r);
int chan_parse_data(const uint8_t *p, size_t n, struct chan_data *d);
int chan_parse_confirm(const uint8_t *p, size_t n, struct chan_confirm *o);
/* The description is capped at CHAN_MAX_WHY bytes, the language tag at
 * CHAN_MAX_NAME. */
int chan_parse_open_fail(const uint8_t *p, size_t n, struct chan_open_fail *f);
/* WINDOW_ADJUST: uint32 recipient, uint32 bytes to add. */
int chan_parse_adjust(const uint8_t *p, size_t n, uint32_t *recipient, uint32_t *bytes);
/* EOF, CLOSE, SUCCESS, FAILURE (msg says which): uint32 recipient. */
int chan_parse_id(const uint8_t *p, size_t n, uint8_t msg, uint32_t *recipient);

/* ---- Channel types ------------------------------------------------- */

/* What a channel type provides.  Every hook may be NULL. */
struct chan_type {
	const char *name; /* as in CHANNEL_OPEN */
	/* A peer asks to open a channel of this type; data is the
	 * type-specific part.  Returns 0 to confirm, or an SSH_OPEN_* reason
	 * (with *why a static description) to refuse. */
	int (*open)(struct sess *s, struct chan *c, struct view data, const char **why);
	/* A CHANNEL_REQUEST for an open channel.  Returns 1 (success), 0
	 * (failure; answered only when want_reply) or a negative E_* code:
	 * a protocol error that ends the connection. */
	int (*request)(struct sess *s, struct chan *c, const struct chan_req *r);
	/* Our output fds (attached, see chan_attach_fds) are at EOF and
	 * everything read was sent.  Returns
	 * 1 to send CHANNEL_EOF now (the hook may first send requests such
	 * as exit-status), 0 to wait (chan_poll asks again), or a negative
	 * E_* code when sending failed. */
	int (*output_done)(struct sess *s, struct chan *c);
	/* The slot is being freed (both CLOSEs, or the table goes away);
	 * the table closes the fds afterwards. */
	void (*gone)(struct sess *s, struct chan *c);
	/* 1: send CLOSE right after our EOF (a session whose process has
	 * ended); 0: only once the peer's EOF came and its data is written. */
	int close_after_eof;

	/* -- Channels we open (chan_open_start) -- */
	/* OPEN_CONFIRMATION came: the peer's id and window are set.  May send
	 * requests and attach fds.  Returns E_OK or a negative E_* code that
	 * ends the connection. */
	int (*opened)(struct sess *s, struct chan *c);
	/* OPEN_FAILURE came (reason: an SSH_OPEN_* code, why: the peer's
	 * description, not NUL-terminated).  The slot is freed afterwards
	 * without the gone hook. */
	void (*open_failed)(struct sess *s, struct chan *c, uint32_t reason, struct view why);
	/* CHANNEL_SUCCESS (success 1) or CHANNEL_FAILURE (0) for the oldest
	 * of our requests sent with chan_send_request_want.  Returns E_OK or
	 * a negative E_* code that ends the connection. */
	int (*reply)(struct sess *s, struct chan *c, int success);
	/* Sees the n bytes read from our "out" fd before they are sent (a
	 * client's escape characters on stdin); may change them in place and
	 * act on the session.  buf has room for n + 1 bytes (the table reads
	 * one byte less than the peer's window and maximum packet allow), so
	 * a character held back from the last read may be put in front.
	 * Returns how many bytes of buf to send (<= n + 1; 0: nothing). */
	size_t (*filter_out)(struct sess *s, struct chan *c, uint8_t *buf, size_t n);
	/* 1: never send CLOSE before the peer's (a client's session: the exit
	 * status may come after both EOFs); answer its CLOSE only. */
	int wait_peer_close;
	/* 1: after the peer's CLOSE, keep the slot until the write queues are
	 * written (the client's stdout must get the end of the output), or a
	 * write fails; 0: free it at once, dropping them (the server). */
	int flush_on_close;
};

/* ---- The table ------------------------------------------------------ */

/* Allocates s->chans for SHREW_MAX_CHANNELS channels; types are the ones
 * the peer may open (a NULL-terminated array that must outlive the table;
 * any other type it opens is refused as unknown); ctx is the
 * types' per-connection state (see chan_ctx), owned by the caller.  The
 * receive window per channel is s->cli->opts->recv_window (client) or
 * s->opts->recv_window (server) when set and non-zero, else
 * SHREW_RECV_WINDOW.  Returns E_OK or E_NOMEM. */
int chan_table_init(struct sess *s, const struct chan_type *const *types, void *ctx);

/* Frees every channel (each type's gone hook runs, fds are closed) and
 * the table; s->chans becomes NULL.  Sends nothing.  Safe if s->chans is
 * NULL. */
void chan_table_free(struct sess *s);

/* Handles one connection-protocol payload (message number 80..100,
 * first byte).  Replies through sess_send: REQUEST_FAILURE to every
 * global request that wants a reply, OPEN_CONFIRMATION / OPEN_FAILURE,
 * CHANNEL_SUCCESS / FAILURE, WINDOW_ADJUST, CLOSE.  Returns E_OK, or a
 * negative E_* code after which the caller stops serving the connection:
 * a malformed message, a bad channel id, a message for a channel still
 * opening, OPEN_CONFIRMATION / OPEN_FAILURE for a slot not opening, a
 * CHANNEL_SUCCESS / FAILURE with no request of ours outstanding, data
 * over our window or over CHAN_MAX_DATA have already been passed to
 * sess_disconnect (protocol error); a failed sess_send is returned as
 * is. */
int chan_handle(struct sess *s, const uint8_t *payload, size_t n);

/* Adds the fds the table wants watched to r and w (reads only while the
 * peer's window is open, writes only while data is queued) and raises
 * *maxfd.  Safe if s->chans is NULL. */
void chan_set_fds(struct sess *s, fd_set *r, fd_set *w, int *maxfd);

/* After select(): writes queued data to ready fds (granting the peer
 * window back with WINDOW_ADJUST once half of it is consumed), reads
 * ready fds into DATA / EXTENDED_DATA(stderr), then runs chan_poll.
 * Returns E_OK or the error of a failed sess_send. */
int chan_handle_fds(struct sess *s, fd_set *r, fd_set *w);

/* Advances every channel's EOF/CLOSE state machine (after an outside
 * event such as a reaped child): sends EOF when the output is drained
 * and the type agrees, CLOSE when due, frees channels closed both ways.
 * Returns E_OK or the error of a failed sess_send. */
int chan_poll(struct sess *s);

/* Opens a channel of type ty (it need not be in the table's types, which
 * are the ones the peer may open): sends
 * CHANNEL_OPEN with our id, our window, CHAN_MAX_DATA and the n bytes of
 * type-specific data, and keeps the slot "opening" until the peer answers
 * (ty->opened or ty->open_failed then runs).  *out is the slot (set its
 * priv now if the type needs one).  Returns E_OK, E_NOMEM (no free slot
 * or no table), E_TOOBIG, or what sess_send returns (the slot is then
 * freed). */
int chan_open_start(struct sess *s, const struct chan_type *ty, const uint8_t *data, size_t n,
                    struct chan **out);

/* Number of channels in use (also the ones still opening). */
int chan_count(const struct sess *s);

/* ---- For channel types ---------------------------------------------- */

/* The ctx given to chan_table_init, or NULL without a table. */
void *chan_ctx(const struct sess *s);

/* Our id of c (its slot index). */
uint32_t chan_id(const struct chan *c);

/* The channel with our id, or NULL when the slot is free. */
struct chan *chan_by_id(struct sess *s, uint32_t id);

/* The type's private pointer of c (NULL after open until set). */
void *chan_priv(const struct chan *c);
void chan_set_priv(struct chan *c, void *priv);

/* Attaches a process's fds to c and makes them non-blocking; the table
 * owns them from now on and closes them.  in: written with the peer's
 * data; out: read into DATA; err: read into EXTENDED_DATA(stderr).  A
 * pty master is passed as in == out, err -1 (one fd, closed once).  Any
 * may be -1.  Data the peer sent before is then written to in. */
void chan_attach_fds(struct chan *c, int in, int out, int err);

/* Attaches the fd the peer's EXTENDED_DATA(stderr) is written to (the
 * client's stderr), non-blocking, owned and closed by the table.  Without
 * one, extended data is counted and dropped. */
void chan_attach_ext_fd(struct chan *c, int fd);

/* Sends CHANNEL_CLOSE now unless it went already (no EOF first): we read
 * no more from the fds; the slot is freed once the peer's CLOSE came.
 * Returns E_OK or what sess_send returns. */
int chan_send_close(struct sess *s, struct chan *c);

/* 1 when the peer sent CHANNEL_CLOSE, or we did. */
int chan_closing(const struct chan *c);

/* Sends CHANNEL_REQUEST of the given type with want_reply false and the
 * n bytes of type-specific data.  Returns E_OK, E_TOOBIG or what
 * sess_send returns. */
int chan_send_request(struct sess *s, struct chan *c, const char *type, const uint8_t *data,
                      size_t n);

/* The same with want_reply true: the peer's CHANNEL_SUCCESS / FAILURE
 * goes to the type's reply hook, matched to our requests in order. */
int chan_send_request_want(struct sess *s, struct chan *c, const char *type, const uint8_t *data,
                           size_t n);

#endif
