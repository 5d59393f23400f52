/*
 * common-channel.c - channels (RFC 4254 5): the per-connection table,
 * the dispatcher, window accounting and the EOF/CLOSE state machine.
 * The fd data path (select() sets, write queues, reads into DATA) is at
 * the end of this file.  Parsers, opens and requests are in
 * common-channel-open.c (struct chan is shared through
 * common-channel-int.h, which no other file sees).
 *
 * Windows.  Ours: the peer may send local_window more bytes; bytes are
 * queued toward the fd (DATA toward fd_in, EXTENDED_DATA(stderr) toward
 * fd_ext), and once written (or dropped because the fd is gone) they
 * count as "unacked"; when unacked reaches half the window we grant it
 * back with WINDOW_ADJUST.  So both queues + unacked + local_window is
 * always the full window, and neither queue (each allocated at the
 * window's size) can overflow.  The peer's: we read from our fds at most its
 * window and its maximum packet.
 *
 * Closing (RFC 4254 5.3).  Our EOF goes out when the output fds are at
 * EOF and the type agrees (a session first sends exit-status); our CLOSE
 * right after it (close_after_eof), or once the peer's EOF came and its
 * data is written (never first: wait_peer_close); a CLOSE from the peer
 * is answered with CLOSE; the slot is freed when both CLOSEs have been
 * seen (and, for flush_on_close types, the write queues are written).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common-channel-int.h"
#include "common-err.h"
#include "common-sess.h"
#include "common-wr.h"
#include "svr-opts.h"
#if SHREW_CLIENT
#include "cli.h"
#endif

/* ---- Sending ----------------------------------------------------------- */

int chan_send_id(struct sess *s, uint8_t msg, uint32_t peer_id)
{
	uint8_t b[5];
	struct wr w;

	wr_init(&w, b, sizeof(b));
	wr_u8(&w, msg);
	wr_u32(&w, peer_id);
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
#if SHREW_CLIENT
	if (s->cli && s->cli->opts && s->cli->opts->recv_window)
		t->window = s->cli->opts->recv_window;
#endif
	for (i = 0; i < SHREW_MAX_CHANNELS; i++) {
		t->c[i].id = (uint32_t)i;
		t->c[i].fd_in = t->c[i].fd_out = t->c[i].fd_err = t->c[i].fd_ext = -1;
	}
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

void chan_free(struct sess *s, struct chan *c)
{
	uint32_t id = c->id;

	if (c->type && c->type->gone)
		c->type->gone(s, c);
	close_in(c);
	close_out(c);
	close_fd(&c->fd_err);
	close_fd(&c->fd_ext);
	free(c->q.b);
	free(c->eq.b);
	memset(c, 0, sizeof(*c));
	c->id = id;
	c->fd_in = c->fd_out = c->fd_err = c->fd_ext = -1;
}

struct chan *chan_new(struct sess *s, const struct chan_type *ty)
{
	int i;
	struct chan *c;

	for (i = 0; i < SHREW_MAX_CHANNELS; i++) {
		c = &s->chans->c[i];
		if (c->used)
			continue;
		c->used = 1;
		c->type = ty;
		c->local_window = s->chans->window;
		c->fd_in = c->fd_out = c->fd_err = c->fd_ext = -1;
		return c;
	}
	return NULL;
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

int chan_send_close(struct sess *s, struct chan *c)
{
	if (c->flags & (F_SENT_CLOSE | F_OPENING))
		return E_OK;
	c->flags |= F_SENT_CLOSE;
	return chan_send_id(s, SSH_MSG_CHANNEL_CLOSE, c->peer_id);
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
	if (c->fd_in >= 0 && (c->flags & F_RECV_EOF) && c->q.len == 0 && c->fd_in != c->fd_out)
		close_in(c);
}

void chan_attach_ext_fd(struct chan *c, int fd)
{
	c->fd_ext = fd;
	if (fd >= 0)
		nonblock(fd);
}

/* ---- Dispatch ---------------------------------------------------------- */

int chan_proto_error(struct sess *s, const char *why)
{
	sess_disconnect(s, SSH_DISCONNECT_PROTOCOL_ERROR, why);
	return E_FORMAT;
}

/* Channel of a message to one of ours: a bad id, or one still opening,
 * is a protocol error. */
struct chan *chan_lookup(struct sess *s, uint32_t id)
{
	struct chan *c = chan_by_id(s, id);

	if (!c || (c->flags & F_OPENING)) {
		chan_proto_error(s, "message for a channel that is not open");
		return NULL;
	}
	return c;
}

static int recv_msg_global_request(struct sess *s, const uint8_t *p, size_t n)
{
	struct chan_global g;
	uint8_t fail = SSH_MSG_REQUEST_FAILURE;

	if (chan_parse_global(p, n, &g) != E_OK)
		return chan_proto_error(s, "malformed GLOBAL_REQUEST");
	return g.want_reply ? sess_send(s, &fail, 1) : E_OK;
}

static int recv_msg_window_adjust(struct sess *s, const uint8_t *p, size_t n)
{
	uint32_t id, bytes;
	struct chan *c;

	if (chan_parse_adjust(p, n, &id, &bytes) != E_OK)
		return chan_proto_error(s, "malformed WINDOW_ADJUST");
	c = chan_lookup(s, id);
	if (!c)
		return E_FORMAT;
	if (bytes > UINT32_MAX - c->remote_window)
		return chan_proto_error(s, "channel window over 2^32-1");
	c->remote_window += bytes;
	return E_OK;
}

static int queue_data(struct chan_q *q, struct view d, uint32_t window);

static int recv_msg_channel_data(struct sess *s, const uint8_t *p, size_t n)
{
	struct chan_data d;
	struct chan *c;

	if (chan_parse_data(p, n, &d) != E_OK)
		return chan_proto_error(s, "malformed CHANNEL_DATA");
	c = chan_lookup(s, d.recipient);
	if (!c)
		return E_FORMAT;
	if (d.data.len > CHAN_MAX_DATA)
		return chan_proto_error(s, "channel data over the maximum packet size");
	if (d.data.len > c->local_window)
		return chan_proto_error(s, "channel data over the window");
	c->local_window -= (uint32_t)d.data.len;
	/* after EOF or CLOSE, or nowhere to write it: counted, dropped */
	if ((c->flags & (F_RECV_EOF | F_RECV_CLOSE | F_SENT_CLOSE)) ||
	    (d.extended && (c->fd_ext < 0 || d.code != SSH_EXTENDED_DATA_STDERR)) ||
	    (!d.extended && c->attached && c->fd_in < 0)) {
		c->unacked += (uint32_t)d.data.len;
		return E_OK;
	}
	return queue_data(d.extended ? &c->eq : &c->q, d.data, s->chans->window);
}

static int recv_msg_channel_eof(struct sess *s, const uint8_t *p, size_t n)
{
	uint32_t id;
	struct chan *c;

	if (chan_parse_id(p, n, SSH_MSG_CHANNEL_EOF, &id) != E_OK)
		return chan_proto_error(s, "malformed CHANNEL_EOF");
	c = chan_lookup(s, id);
	if (!c)
		return E_FORMAT;
	c->flags |= F_RECV_EOF;
	/* a pipe is closed once its queue is written; a pty master stays */
	if (c->fd_in >= 0 && c->fd_in != c->fd_out && c->q.len == 0)
		close_in(c);
	return E_OK;
}

/* Nothing left to write toward our fds (or nobody to write it to). */
static int drained(const struct chan *c)
{
	return (c->q.len == 0 || c->fd_in < 0) && (c->eq.len == 0 || c->fd_ext < 0);
}

/* Both CLOSEs were seen: the slot may go (a flush_on_close type's once
 * its queues are written). */
static int may_free(const struct chan *c)
{
	if (!(c->flags & F_SENT_CLOSE) || !(c->flags & F_RECV_CLOSE))
		return 0;
	return !c->type || !c->type->flush_on_close || drained(c);
}

static int recv_msg_channel_close(struct sess *s, const uint8_t *p, size_t n)
{
	uint32_t id;
	struct chan *c;
	int rc = E_OK;

	if (chan_parse_id(p, n, SSH_MSG_CHANNEL_CLOSE, &id) != E_OK)
		return chan_proto_error(s, "malformed CHANNEL_CLOSE");
	c = chan_lookup(s, id);
	if (!c)
		return E_FORMAT;
	if (c->flags & F_RECV_CLOSE)
		return chan_proto_error(s, "second CHANNEL_CLOSE");
	c->flags |= F_RECV_CLOSE;
	if (!(c->flags & F_SENT_CLOSE)) {
		c->flags |= F_SENT_CLOSE;
		rc = chan_send_id(s, SSH_MSG_CHANNEL_CLOSE, c->peer_id);
	}
	if (may_free(c))
		chan_free(s, c);
	return rc;
}

int chan_handle(struct sess *s, const uint8_t *payload, size_t n)
{
	int rc;

	if (!s->chans || n == 0)
		return chan_proto_error(s, "connection protocol message out of place");
	switch (payload[0]) {
	case SSH_MSG_GLOBAL_REQUEST: rc = recv_msg_global_request(s, payload, n); break;
	case SSH_MSG_REQUEST_SUCCESS:
	case SSH_MSG_REQUEST_FAILURE: return E_OK;
	case SSH_MSG_CHANNEL_OPEN: rc = chan_recv_open(s, payload, n); break;
	case SSH_MSG_CHANNEL_OPEN_CONFIRMATION: rc = chan_recv_confirm(s, payload, n); break;
	case SSH_MSG_CHANNEL_OPEN_FAILURE: rc = chan_recv_open_fail(s, payload, n); break;
	case SSH_MSG_CHANNEL_WINDOW_ADJUST: rc = recv_msg_window_adjust(s, payload, n); break;
	case SSH_MSG_CHANNEL_DATA:
	case SSH_MSG_CHANNEL_EXTENDED_DATA: rc = recv_msg_channel_data(s, payload, n); break;
	case SSH_MSG_CHANNEL_EOF: rc = recv_msg_channel_eof(s, payload, n); break;
	case SSH_MSG_CHANNEL_CLOSE: rc = recv_msg_channel_close(s, payload, n); break;
	case SSH_MSG_CHANNEL_REQUEST: rc = chan_recv_request(s, payload, n); break;
	case SSH_MSG_CHANNEL_SUCCESS:
	case SSH_MSG_CHANNEL_FAILURE: rc = chan_recv_reply(s, payload, n); break;
	default: return chan_proto_error(s, "unexpected connection protocol message");
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
			rc = chan_send_id(s, SSH_MSG_CHANNEL_EOF, c->peer_id);
		}
	}
	if (rc != E_OK || (c->flags & F_SENT_CLOSE) || !(c->flags & F_SENT_EOF) ||
	    c->type->wait_peer_close)
		return rc;
	if (c->type->close_after_eof || ((c->flags & F_RECV_EOF) && c->q.len == 0)) {
		c->flags |= F_SENT_CLOSE;
		rc = chan_send_id(s, SSH_MSG_CHANNEL_CLOSE, c->peer_id);
	}
	return rc;
}

int chan_poll(struct sess *s)
{
	int i, rc;
	struct chan *c;

	for (i = 0; s->chans && i < SHREW_MAX_CHANNELS; i++) {
		c = &s->chans->c[i];
		if (!c->used || (c->flags & F_OPENING))
			continue;
		rc = send_eof_and_close(s, c);
		if (rc != E_OK)
			return rc;
		if (may_free(c))
			chan_free(s, c);
	}
	return E_OK;
}

/* ---- Data path --------------------------------------------------------- */

/* Appends the peer's data to a ring (toward fd_in or fd_ext).  The window
 * accounting guarantees room (see the top of the file). */
static int queue_data(struct chan_q *q, struct view d, uint32_t window)
{
	size_t tail, first;

	if (!q->b) {
		q->b = malloc(window);
		if (!q->b)
			return E_NOMEM;
	}
	if (d.len > window - q->len)
		abort(); /* broken window invariant */
	tail = (q->head + q->len) % window;
	first = d.len < window - tail ? d.len : window - tail;
	memcpy(q->b + tail, d.p, first);
	memcpy(q->b, d.p + first, d.len - first);
	q->len += d.len;
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

/* Writes what fd takes from the ring; the bytes written count as
 * consumed.  Returns 0, or -1 when the reader is gone: the rest is
 * dropped (consumed too) and the caller closes the fd. */
static int write_ring(struct chan *c, struct chan_q *q, int fd, uint32_t window)
{
	size_t first = q->len < window - q->head ? q->len : window - q->head;
	ssize_t k = write(fd, q->b + q->head, first);

	if (k < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (k < 0) {
		c->unacked += (uint32_t)q->len;
		q->len = q->head = 0;
		return -1;
	}
	q->head = (q->head + (size_t)k) % window;
	q->len -= (size_t)k;
	c->unacked += (uint32_t)k;
	return 0;
}

/* Writes the data queue to fd_in; closes it when the reader is gone, or
 * once the peer's EOF came and everything is written (not a pty master:
 * it also carries our output). */
static void write_queue(struct chan *c, uint32_t window)
{
	if (write_ring(c, &c->q, c->fd_in, window) < 0)
		close_in(c);
	if (c->q.len == 0 && (c->flags & F_RECV_EOF) && c->fd_in >= 0 && c->fd_in != c->fd_out)
		close_in(c);
}

/* The header of a DATA or EXTENDED_DATA(stderr) message carrying k bytes. */
static void data_header(uint8_t *b, size_t hdr, const struct chan *c, int ext, size_t k)
{
	struct wr w;

	wr_init(&w, b, hdr);
	wr_u8(&w, ext ? SSH_MSG_CHANNEL_EXTENDED_DATA : SSH_MSG_CHANNEL_DATA);
	wr_u32(&w, c->peer_id);
	if (ext)
		wr_u32(&w, SSH_EXTENDED_DATA_STDERR);
	wr_u32(&w, (uint32_t)k);
}

/* Reads one chunk from fd (stdout, or stderr when ext) into a DATA or
 * EXTENDED_DATA message (through the type's filter_out first, for DATA);
 * EOF (or EIO, a pty whose slave is gone) closes the fd. */
static int read_fd(struct sess *s, struct chan *c, int ext)
{
	uint8_t *b = s->chans->io;
	size_t hdr = ext ? 13 : 9, max = CHAN_IO_CHUNK, k;
	ssize_t got;

	if (max > c->remote_window)
		max = c->remote_window;
	if (max > c->remote_max_packet)
		max = c->remote_max_packet;
	if (!ext && c->type->filter_out)
		max--; /* room for one more byte (see filter_out) */
	got = read(ext ? c->fd_err : c->fd_out, b + hdr, max);
	if (got < 0 && (errno == EAGAIN || errno == EINTR))
		return E_OK;
	if (got <= 0) {
		if (ext)
			close_fd(&c->fd_err);
		else
			close_out(c);
		return E_OK;
	}
	k = (size_t)got;
	if (!ext && c->type->filter_out)
		k = c->type->filter_out(s, c, b + hdr, k);
	if (k == 0 || k > (size_t)got + 1)
		return E_OK;
	data_header(b, hdr, c, ext, k);
	c->remote_window -= (uint32_t)k;
	return sess_send(s, b, hdr + k);
}

static int can_read(const struct chan *c)
{
	uint32_t least = c->type && c->type->filter_out ? 2 : 1;

	return c->remote_window >= least && c->remote_max_packet >= least &&
	       !(c->flags & (F_SENT_EOF | F_RECV_CLOSE | F_SENT_CLOSE | F_OPENING));
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
		if (c->fd_in >= 0 && c->q.len > 0)
			add_fd(c->fd_in, w, maxfd);
		if (c->fd_ext >= 0 && c->eq.len > 0)
			add_fd(c->fd_ext, w, maxfd);
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

	if (c->fd_in >= 0 && c->q.len > 0 && FD_ISSET(c->fd_in, w))
		write_queue(c, window);
	if (c->fd_ext >= 0 && c->eq.len > 0 && FD_ISSET(c->fd_ext, w) &&
	    write_ring(c, &c->eq, c->fd_ext, window) < 0)
		close_fd(&c->fd_ext);
	if (c->attached && c->fd_in < 0 && c->q.len > 0) {
		/* nobody reads any more (a pty master closed on EIO) */
		c->unacked += (uint32_t)c->q.len;
		c->q.len = 0;
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
