/*
 * common-channel.c - channels (RFC 4254 5): the parsers of messages
 * 80..100, the per-connection table, the dispatcher, window accounting
 * and the EOF/CLOSE state machine.  The fd data path (select() sets,
 * write queues, reads into DATA) is at the end of this file because it
 * shares struct chan, which no other file sees.
 *
 * Windows.  Ours: the peer may send local_window more bytes; bytes are
 * queued toward the fd, and once written (or dropped because the fd is
 * gone) they count as "unacked"; when unacked reaches half the window we
 * grant it back with WINDOW_ADJUST.  So queued + unacked + local_window
 * is always the full window, and the queue (allocated at the window's
 * size) cannot overflow.  The peer's: we read from our fds at most its
 * window and its maximum packet.
 *
 * Closing (RFC 4254 5.3).  Our EOF goes out when the output fds are at
 * EOF and the type agrees (a session first sends exit-status); our CLOSE
 * right after it (close_after_eof), or once the peer's EOF came and its
 * data is written; a CLOSE from the peer is answered with CLOSE; the slot
 * is freed when both CLOSEs have been seen.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common-channel.h"
#include "common-err.h"
#include "common-sess.h"
#include "common-wr.h"
#include "svr-opts.h"

#define F_RECV_EOF 0x01
#define F_RECV_CLOSE 0x02
#define F_SENT_EOF 0x04
#define F_SENT_CLOSE 0x08

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
	int fd_in, fd_out, fd_err; /* -1 when closed; pty master: in == out */
	uint8_t *q;                /* ring toward fd_in, window bytes */
	size_t q_head, q_len;
};

struct chan_table {
	const struct chan_type *const *types;
	void *ctx;
	uint32_t window; /* our receive window per channel */
	struct chan c[SHREW_MAX_CHANNELS];
	uint8_t io[CHAN_IO_CHUNK + 16]; /* one outgoing DATA payload */
};

/* ---- Parsers ----------------------------------------------------------- */

static int parse_msg(struct rd *r, const uint8_t *p, size_t n, uint8_t msg)
{
	uint8_t m = 0;

	rd_init(r, p, n);
	if (rd_u8(r, &m) != E_OK)
		return E_SHORT;
	return m == msg ? E_OK : E_FORMAT;
}

/* byte GLOBAL_REQUEST, string name, boolean want_reply, data... */
int chan_parse_global(const uint8_t *p, size_t n, struct chan_global *g)
{
	struct rd r;
	int rc = parse_msg(&r, p, n, SSH_MSG_GLOBAL_REQUEST);

	if (rc != E_OK)
		return rc;
	rd_text(&r, CHAN_MAX_NAME, &g->name);
	rd_bool(&r, &g->want_reply);
	return rd_bytes(&r, rd_left(&r), &g->data);
}

/* byte CHANNEL_OPEN, string type, uint32 sender, uint32 window,
 * uint32 maximum packet, data... */
int chan_parse_open(const uint8_t *p, size_t n, struct chan_open *o)
{
	struct rd r;
	int rc = parse_msg(&r, p, n, SSH_MSG_CHANNEL_OPEN);

	if (rc != E_OK)
		return rc;
	rd_text(&r, CHAN_MAX_NAME, &o->type);
	rd_u32(&r, &o->sender);
	rd_u32(&r, &o->window);
	rd_u32(&r, &o->max_packet);
	return rd_bytes(&r, rd_left(&r), &o->data);
}

/* byte CHANNEL_REQUEST, uint32 recipient, string type, boolean
 * want_reply, data... */
int chan_parse_request(const uint8_t *p, size_t n, struct chan_req *q)
{
	struct rd r;
	int rc = parse_msg(&r, p, n, SSH_MSG_CHANNEL_REQUEST);

	if (rc != E_OK)
		return rc;
	rd_u32(&r, &q->recipient);
	rd_text(&r, CHAN_MAX_NAME, &q->type);
	rd_bool(&r, &q->want_reply);
	return rd_bytes(&r, rd_left(&r), &q->data);
}

/* byte CHANNEL_DATA, uint32 recipient, string data
 * byte CHANNEL_EXTENDED_DATA, uint32 recipient, uint32 code, string data */
int chan_parse_data(const uint8_t *p, size_t n, struct chan_data *d)
{
	struct rd r;

	if (n == 0)
		return E_SHORT;
	if (p[0] != SSH_MSG_CHANNEL_DATA && p[0] != SSH_MSG_CHANNEL_EXTENDED_DATA)
		return E_FORMAT;
	d->extended = p[0] == SSH_MSG_CHANNEL_EXTENDED_DATA;
	d->code = 0;
	parse_msg(&r, p, n, p[0]);
	rd_u32(&r, &d->recipient);
	if (d->extended)
		rd_u32(&r, &d->code);
	rd_string(&r, SHREW_MAX_PACKET, &d->data);
	return rd_end(&r);
}

/* byte CHANNEL_WINDOW_ADJUST, uint32 recipient, uint32 bytes */
int chan_parse_adjust(const uint8_t *p, size_t n, uint32_t *recipient, uint32_t *bytes)
{
	struct rd r;
	int rc = parse_msg(&r, p, n, SSH_MSG_CHANNEL_WINDOW_ADJUST);

	if (rc != E_OK)
		return rc;
	rd_u32(&r, recipient);
	rd_u32(&r, bytes);
	return rd_end(&r);
}

/* byte EOF / CLOSE / SUCCESS / FAILURE, uint32 recipient */
int chan_parse_id(const uint8_t *p, size_t n, uint8_t msg, uint32_t *recipient)
{
	struct rd r;
	int rc = parse_msg(&r, p, n, msg);

	if (rc != E_OK)
		return rc;
	rd_u32(&r, recipient);
	return rd_end(&r);
}

/* ---- Sending ----------------------------------------------------------- */

static int send_id(struct sess *s, uint8_t msg, uint32_t peer_id)
{
	uint8_t b[5];
	struct wr w;

	wr_init(&w, b, sizeof(b));
	wr_u8(&w, msg);
	wr_u32(&w, peer_id);
	return sess_send(s, b, w.len);
}

static int send_open_failure(struct sess *s, uint32_t peer_id, uint32_t reason, const char *why)
{
	uint8_t b[128];
	struct wr w;

	/* byte OPEN_FAILURE, uint32 recipient, uint32 reason, string
	 * description, string language tag */
	wr_init(&w, b, sizeof(b));
	wr_u8(&w, SSH_MSG_CHANNEL_OPEN_FAILURE);
	wr_u32(&w, peer_id);
	wr_u32(&w, reason);
	wr_cstr(&w, why);
	wr_cstr(&w, "");
	if (w.err != E_OK)
		return w.err;
	return sess_send(s, b, w.len);
}

int chan_send_request(struct sess *s, struct chan *c, const char *type, const uint8_t *data,
                      size_t n)
{
	uint8_t b[256];
	struct wr w;

	wr_init(&w, b, sizeof(b));
	wr_u8(&w, SSH_MSG_CHANNEL_REQUEST);
	wr_u32(&w, c->peer_id);
	wr_cstr(&w, type);
	wr_bool(&w, 0);
	wr_bytes(&w, data, n);
	if (w.err != E_OK)
		return w.err;
	return sess_send(s, b, w.len);
}

/* ---- The table --------------------------------------------------------- */

int chan_table_init(struct sess *s, const struct chan_type *const *types, void *ctx)
{
	struct chan_table *t = calloc(1, sizeof(*t));
	int i;

	if (!t)
		return E_NOMEM;
	t->types = types;
	t->ctx = ctx;
	t->window = SHREW_RECV_WINDOW;
	if (s->opts && s->opts->recv_window)
		t->window = s->opts->recv_window;
	for (i = 0; i < SHREW_MAX_CHANNELS; i++)
		t->c[i].id = (uint32_t)i;
	s->chans = t;
	return E_OK;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Closes the fd we write the peer's data to (a pty master also ends
 * the output: it is the same fd). */
static void close_in(struct chan *c)
{
	if (c->fd_in >= 0 && c->fd_in == c->fd_out)
		c->fd_out = -1;
	close_fd(&c->fd_in);
}

static void close_out(struct chan *c)
{
	if (c->fd_out >= 0 && c->fd_out == c->fd_in)
		c->fd_in = -1;
	close_fd(&c->fd_out);
}

static void chan_free(struct sess *s, struct chan *c)
{
	uint32_t id = c->id;

	if (c->type && c->type->gone)
		c->type->gone(s, c);
	close_in(c);
	close_out(c);
	close_fd(&c->fd_err);
	free(c->q);
	memset(c, 0, sizeof(*c));
	c->id = id;
	c->fd_in = c->fd_out = c->fd_err = -1;
}

void chan_table_free(struct sess *s)
{
	int i;

	if (!s->chans)
		return;
	for (i = 0; i < SHREW_MAX_CHANNELS; i++)
		if (s->chans->c[i].used)
			chan_free(s, &s->chans->c[i]);
	free(s->chans);
	s->chans = NULL;
}

int chan_count(const struct sess *s)
{
	int i, n = 0;

	for (i = 0; s->chans && i < SHREW_MAX_CHANNELS; i++)
		n += s->chans->c[i].used;
	return n;
}

void *chan_ctx(const struct sess *s)
{
	return s->chans ? s->chans->ctx : NULL;
}

uint32_t chan_id(const struct chan *c)
{
	return c->id;
}

struct chan *chan_by_id(struct sess *s, uint32_t id)
{
	if (!s->chans || id >= SHREW_MAX_CHANNELS || !s->chans->c[id].used)
		return NULL;
	return &s->chans->c[id];
}

void *chan_priv(const struct chan *c)
{
	return c->priv;
}

void chan_set_priv(struct chan *c, void *priv)
{
	c->priv = priv;
}

int chan_closing(const struct chan *c)
{
	return (c->flags & (F_RECV_CLOSE | F_SENT_CLOSE)) != 0;
}

static void nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl >= 0)
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

void chan_attach_fds(struct chan *c, int in, int out, int err)
{
	c->fd_in = in;
	c->fd_out = out;
	c->fd_err = err;
	c->attached = 1;
	if (in >= 0)
		nonblock(in);
	if (out >= 0 && out != in)
		nonblock(out);
	if (err >= 0)
		nonblock(err);
	if (c->fd_in >= 0 && (c->flags & F_RECV_EOF) && c->q_len == 0 && c->fd_in != c->fd_out)
		close_in(c);
}

/* ---- Dispatch ---------------------------------------------------------- */

static int proto_error(struct sess *s, const char *why)
{
	sess_disconnect(s, SSH_DISCONNECT_PROTOCOL_ERROR, why);
	return E_FORMAT;
}

static const struct chan_type *find_type(const struct chan_table *t, struct view name)
{
	const struct chan_type *const *ty;

	for (ty = t->types; ty && *ty; ty++)
		if (view_eq(name, (*ty)->name))
			return *ty;
	return NULL;
}

static struct chan *free_slot(struct chan_table *t)
{
	int i;

	for (i = 0; i < SHREW_MAX_CHANNELS; i++)
		if (!t->c[i].used)
			return &t->c[i];
	return NULL;
}

static int send_open_confirm(struct sess *s, struct chan *c)
{
	uint8_t b[17];
	struct wr w;

	/* byte OPEN_CONFIRMATION, uint32 recipient, uint32 sender,
	 * uint32 initial window, uint32 maximum packet */
	wr_init(&w, b, sizeof(b));
	wr_u8(&w, SSH_MSG_CHANNEL_OPEN_CONFIRMATION);
	wr_u32(&w, c->peer_id);
	wr_u32(&w, c->id);
	wr_u32(&w, c->local_window);
	wr_u32(&w, CHAN_MAX_DATA);
	return sess_send(s, b, w.len);
}

static int recv_msg_channel_open(struct sess *s, const uint8_t *p, size_t n)
{
	struct chan_table *t = s->chans;
	struct chan_open o;
	const struct chan_type *ty;
	const char *why = "open failed";
	struct chan *c;
	int reason;

	if (chan_parse_open(p, n, &o) != E_OK)
		return proto_error(s, "malformed CHANNEL_OPEN");
	ty = find_type(t, o.type);
	if (!ty)
		return send_open_failure(s, o.sender, SSH_OPEN_UNKNOWN_CHANNEL_TYPE,
		                         "unknown channel type");
	c = free_slot(t);
	if (!c)
		return send_open_failure(s, o.sender, SSH_OPEN_RESOURCE_SHORTAGE,
		                         "too many channels");
	c->used = 1;
	c->type = ty;
	c->peer_id = o.sender;
	c->local_window = t->window;
	c->remote_window = o.window;
	c->remote_max_packet = o.max_packet;
	c->fd_in = c->fd_out = c->fd_err = -1;
	reason = ty->open ? ty->open(s, c, o.data, &why) : 0;
	if (reason != 0) {
		c->type = NULL; /* not opened: no gone hook */
		chan_free(s, c);
		return send_open_failure(s, o.sender, (uint32_t)reason, why);
	}
	return send_open_confirm(s, c);
}

/* Channel of a message to one of ours: a bad id is a protocol error. */
static struct chan *lookup(struct sess *s, uint32_t id)
{
	struct chan *c = chan_by_id(s, id);

	if (!c)
		proto_error(s, "message for a channel that is not open");
	return c;
}

static int recv_msg_channel_request(struct sess *s, const uint8_t *p, size_t n)
{
	struct chan_req r;
	struct chan *c;
	int ok = 0;

	if (chan_parse_request(p, n, &r) != E_OK)
		return proto_error(s, "malformed CHANNEL_REQUEST");
	c = lookup(s, r.recipient);
	if (!c)
		return E_FORMAT;
	if (!chan_closing(c) && c->type->request)
		ok = c->type->request(s, c, &r);
	if (ok < 0)
		return ok == E_FORMAT ? proto_error(s, "malformed channel request") : ok;
	if (!r.want_reply || (c->flags & F_SENT_CLOSE))
		return E_OK;
	return send_id(s, ok ? SSH_MSG_CHANNEL_SUCCESS : SSH_MSG_CHANNEL_FAILURE, c->peer_id);
}

static int recv_msg_global_request(struct sess *s, const uint8_t *p, size_t n)
{
	struct chan_global g;
	uint8_t fail = SSH_MSG_REQUEST_FAILURE;

	if (chan_parse_global(p, n, &g) != E_OK)
		return proto_error(s, "malformed GLOBAL_REQUEST");
	return g.want_reply ? sess_send(s, &fail, 1) : E_OK;
}

static int recv_msg_window_adjust(struct sess *s, const uint8_t *p, size_t n)
{
	uint32_t id, bytes;
	struct chan *c;

	if (chan_parse_adjust(p, n, &id, &bytes) != E_OK)
		return proto_error(s, "malformed WINDOW_ADJUST");
	c = lookup(s, id);
	if (!c)
		return E_FORMAT;
	if (bytes > UINT32_MAX - c->remote_window)
		return proto_error(s, "channel window over 2^32-1");
	c->remote_window += bytes;
	return E_OK;
}

static int queue_data(struct chan *c, struct view d, uint32_t window);

static int recv_msg_channel_data(struct sess *s, const uint8_t *p, size_t n)
{
	struct chan_data d;
	struct chan *c;

	if (chan_parse_data(p, n, &d) != E_OK)
		return proto_error(s, "malformed CHANNEL_DATA");
	c = lookup(s, d.recipient);
	if (!c)
		return E_FORMAT;
	if (d.data.len > CHAN_MAX_DATA)
		return proto_error(s, "channel data over the maximum packet size");
	if (d.data.len > c->local_window)
		return proto_error(s, "channel data over the window");
	c->local_window -= (uint32_t)d.data.len;
	/* extended data toward us, after EOF or CLOSE: counted, dropped */
	if (d.extended || (c->flags & (F_RECV_EOF | F_RECV_CLOSE | F_SENT_CLOSE)) ||
	    (c->attached && c->fd_in < 0)) {
		c->unacked += (uint32_t)d.data.len;
		return E_OK;
	}
	return queue_data(c, d.data, s->chans->window);
}

static int recv_msg_channel_eof(struct sess *s, const uint8_t *p, size_t n)
{
	uint32_t id;
	struct chan *c;

	if (chan_parse_id(p, n, SSH_MSG_CHANNEL_EOF, &id) != E_OK)
		return proto_error(s, "malformed CHANNEL_EOF");
	c = lookup(s, id);
	if (!c)
		return E_FORMAT;
	c->flags |= F_RECV_EOF;
	/* a pipe is closed once its queue is written; a pty master stays */
	if (c->fd_in >= 0 && c->fd_in != c->fd_out && c->q_len == 0)
		close_in(c);
	return E_OK;
}

static int recv_msg_channel_close(struct sess *s, const uint8_t *p, size_t n)
{
	uint32_t id;
	struct chan *c;
	int rc = E_OK;

	if (chan_parse_id(p, n, SSH_MSG_CHANNEL_CLOSE, &id) != E_OK)
		return proto_error(s, "malformed CHANNEL_CLOSE");
	c = lookup(s, id);
	if (!c)
		return E_FORMAT;
	if (c->flags & F_RECV_CLOSE)
		return proto_error(s, "second CHANNEL_CLOSE");
	c->flags |= F_RECV_CLOSE;
	if (!(c->flags & F_SENT_CLOSE)) {
		c->flags |= F_SENT_CLOSE;
		rc = send_id(s, SSH_MSG_CHANNEL_CLOSE, c->peer_id);
	}
	chan_free(s, c);
	return rc;
}

/* Replies to requests we never make, or opens we never start. */
static int recv_msg_channel_reply(struct sess *s, const uint8_t *p, size_t n)
{
	uint32_t id;

	if (chan_parse_id(p, n, p[0], &id) != E_OK)
		return proto_error(s, "malformed channel reply");
	return lookup(s, id) ? E_OK : E_FORMAT;
}

int chan_handle(struct sess *s, const uint8_t *payload, size_t n)
{
	int rc;

	if (!s->chans || n == 0)
		return proto_error(s, "connection protocol message out of place");
	switch (payload[0]) {
	case SSH_MSG_GLOBAL_REQUEST: rc = recv_msg_global_request(s, payload, n); break;
	case SSH_MSG_REQUEST_SUCCESS:
	case SSH_MSG_REQUEST_FAILURE: return E_OK;
	case SSH_MSG_CHANNEL_OPEN: rc = recv_msg_channel_open(s, payload, n); break;
	case SSH_MSG_CHANNEL_WINDOW_ADJUST: rc = recv_msg_window_adjust(s, payload, n); break;
	case SSH_MSG_CHANNEL_DATA:
	case SSH_MSG_CHANNEL_EXTENDED_DATA: rc = recv_msg_channel_data(s, payload, n); break;
	case SSH_MSG_CHANNEL_EOF: rc = recv_msg_channel_eof(s, payload, n); break;
	case SSH_MSG_CHANNEL_CLOSE: rc = recv_msg_channel_close(s, payload, n); break;
	case SSH_MSG_CHANNEL_REQUEST: rc = recv_msg_channel_request(s, payload, n); break;
	case SSH_MSG_CHANNEL_SUCCESS:
	case SSH_MSG_CHANNEL_FAILURE: rc = recv_msg_channel_reply(s, payload, n); break;
	default: return proto_error(s, "unexpected connection protocol message");
	}
	return rc != E_OK ? rc : chan_poll(s);
}

/* ---- State machine ----------------------------------------------------- */

static int send_eof_and_close(struct sess *s, struct chan *c)
{
	int rc = E_OK, done;

	if (!(c->flags & F_SENT_EOF) && c->attached && c->fd_out < 0 && c->fd_err < 0) {
		done = c->type->output_done ? c->type->output_done(s, c) : 1;
		if (done < 0)
			return done;
		if (done) {
			c->flags |= F_SENT_EOF;
			rc = send_id(s, SSH_MSG_CHANNEL_EOF, c->peer_id);
		}
	}
	if (rc != E_OK || (c->flags & F_SENT_CLOSE) || !(c->flags & F_SENT_EOF))
		return rc;
	if (c->type->close_after_eof || ((c->flags & F_RECV_EOF) && c->q_len == 0)) {
		c->flags |= F_SENT_CLOSE;
		rc = send_id(s, SSH_MSG_CHANNEL_CLOSE, c->peer_id);
	}
	return rc;
}

int chan_poll(struct sess *s)
{
	int i, rc;
	struct chan *c;

	for (i = 0; s->chans && i < SHREW_MAX_CHANNELS; i++) {
		c = &s->chans->c[i];
		if (!c->used)
			continue;
		rc = send_eof_and_close(s, c);
		if (rc != E_OK)
			return rc;
		if ((c->flags & F_SENT_CLOSE) && (c->flags & F_RECV_CLOSE))
			chan_free(s, c);
	}
	return E_OK;
}

/* ---- Data path --------------------------------------------------------- */

/* Appends the peer's data to the ring toward fd_in.  The window
 * accounting guarantees room (see the top of the file). */
static int queue_data(struct chan *c, struct view d, uint32_t window)
{
	size_t tail, first;

	if (!c->q) {
		c->q = malloc(window);
		if (!c->q)
			return E_NOMEM;
	}
	if (d.len > window - c->q_len)
		abort(); /* broken window invariant */
	tail = (c->q_head + c->q_len) % window;
	first = d.len < window - tail ? d.len : window - tail;
	memcpy(c->q + tail, d.p, first);
	memcpy(c->q, d.p + first, d.len - first);
	c->q_len += d.len;
	return E_OK;
}

static int send_adjust(struct sess *s, struct chan *c, uint32_t window)
{
	uint8_t b[9];
	struct wr w;

	if (c->unacked < window / 2 || (c->flags & (F_RECV_EOF | F_SENT_CLOSE)))
		return E_OK;
	/* byte WINDOW_ADJUST, uint32 recipient, uint32 bytes to add */
	wr_init(&w, b, sizeof(b));
	wr_u8(&w, SSH_MSG_CHANNEL_WINDOW_ADJUST);
	wr_u32(&w, c->peer_id);
	wr_u32(&w, c->unacked);
	c->local_window += c->unacked;
	c->unacked = 0;
	return sess_send(s, b, w.len);
}

/* Writes what the fd takes from the ring; a dead reader drops it all. */
static void write_queue(struct chan *c, uint32_t window)
{
	size_t first = c->q_len < window - c->q_head ? c->q_len : window - c->q_head;
	ssize_t k = write(c->fd_in, c->q + c->q_head, first);

	if (k < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (k < 0) {
		k = (ssize_t)c->q_len;
		close_in(c);
	}
	c->q_head = (c->q_head + (size_t)k) % window;
	c->q_len -= (size_t)k;
	c->unacked += (uint32_t)k;
	if (c->q_len == 0 && (c->flags & F_RECV_EOF) && c->fd_in >= 0 && c->fd_in != c->fd_out)
		close_in(c);
}

/* Reads one chunk from fd (stdout, or stderr when ext) into a DATA or
 * EXTENDED_DATA message; EOF (or EIO, a pty whose slave is gone) closes
 * the fd. */
static int read_fd(struct sess *s, struct chan *c, int ext)
{
	uint8_t *b = s->chans->io;
	size_t hdr = ext ? 13 : 9, max = CHAN_IO_CHUNK;
	ssize_t k;
	struct wr w;

	if (max > c->remote_window)
		max = c->remote_window;
	if (max > c->remote_max_packet)
		max = c->remote_max_packet;
	k = read(ext ? c->fd_err : c->fd_out, b + hdr, max);
	if (k < 0 && (errno == EAGAIN || errno == EINTR))
		return E_OK;
	if (k <= 0) {
		if (ext)
			close_fd(&c->fd_err);
		else
			close_out(c);
		return E_OK;
	}
	wr_init(&w, b, hdr);
	wr_u8(&w, ext ? SSH_MSG_CHANNEL_EXTENDED_DATA : SSH_MSG_CHANNEL_DATA);
	wr_u32(&w, c->peer_id);
	if (ext)
		wr_u32(&w, SSH_EXTENDED_DATA_STDERR);
	wr_u32(&w, (uint32_t)k);
	c->remote_window -= (uint32_t)k;
	return sess_send(s, b, hdr + (size_t)k);
}

static int can_read(const struct chan *c)
{
	return c->remote_window > 0 && c->remote_max_packet > 0 && !(c->flags & F_SENT_EOF) &&
	       !(c->flags & (F_RECV_CLOSE | F_SENT_CLOSE));
}

static void add_fd(int fd, fd_set *set, int *maxfd)
{
	FD_SET(fd, set);
	if (fd > *maxfd)
		*maxfd = fd;
}

void chan_set_fds(struct sess *s, fd_set *r, fd_set *w, int *maxfd)
{
	struct chan *c;
	int i;

	for (i = 0; s->chans && i < SHREW_MAX_CHANNELS; i++) {
		c = &s->chans->c[i];
		if (!c->used)
			continue;
		if (c->fd_in >= 0 && c->q_len > 0)
			add_fd(c->fd_in, w, maxfd);
		if (can_read(c) && c->fd_out >= 0)
			add_fd(c->fd_out, r, maxfd);
		if (can_read(c) && c->fd_err >= 0)
			add_fd(c->fd_err, r, maxfd);
	}
}

static int chan_io(struct sess *s, struct chan *c, fd_set *r, fd_set *w)
{
	uint32_t window = s->chans->window;
	int rc = E_OK;

	if (c->fd_in >= 0 && c->q_len > 0 && FD_ISSET(c->fd_in, w))
		write_queue(c, window);
	if (c->attached && c->fd_in < 0 && c->q_len > 0) {
		/* nobody reads any more (a pty master closed on EIO) */
		c->unacked += (uint32_t)c->q_len;
		c->q_len = 0;
	}
	rc = send_adjust(s, c, window);
	if (rc == E_OK && c->fd_out >= 0 && can_read(c) && FD_ISSET(c->fd_out, r))
		rc = read_fd(s, c, 0);
	if (rc == E_OK && c->fd_err >= 0 && can_read(c) && FD_ISSET(c->fd_err, r))
		rc = read_fd(s, c, 1);
	return rc;
}

int chan_handle_fds(struct sess *s, fd_set *r, fd_set *w)
{
	int i, rc;

	for (i = 0; s->chans && i < SHREW_MAX_CHANNELS; i++) {
		if (!s->chans->c[i].used)
			continue;
		rc = chan_io(s, &s->chans->c[i], r, w);
		if (rc != E_OK)
			return rc;
	}
	return chan_poll(s);
}
