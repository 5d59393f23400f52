/*
 * common-channel-open.c - the pure parsers of messages 80..100, opening
 * channels both ways and channel requests (RFC 4254 5.1, 5.4): the
 * peer's CHANNEL_OPEN (answered through the type's open hook), ours
 * (chan_open_start, then OPEN_CONFIRMATION / OPEN_FAILURE),
 * CHANNEL_REQUEST both ways, and the replies to ours, matched in order
 * (replies come in request order per channel).  The table, the state
 * machine and the data path are in common-channel.c.
 */
#include <stdlib.h>
#include <string.h>

#include "common-channel-int.h"
#include "common-err.h"
#include "common-sess.h"
#include "common-wr.h"

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

/* byte OPEN_CONFIRMATION, uint32 recipient, uint32 sender, uint32 initial
 * window, uint32 maximum packet, type-specific data... */
int chan_parse_confirm(const uint8_t *p, size_t n, struct chan_confirm *o)
{
	struct rd r;
	int rc = parse_msg(&r, p, n, SSH_MSG_CHANNEL_OPEN_CONFIRMATION);

	if (rc != E_OK)
		return rc;
	rd_u32(&r, &o->recipient);
	rd_u32(&r, &o->sender);
	rd_u32(&r, &o->window);
	rd_u32(&r, &o->max_packet);
	return rd_bytes(&r, rd_left(&r), &o->data);
}

/* byte OPEN_FAILURE, uint32 recipient, uint32 reason code, string
 * description, string language tag */
int chan_parse_open_fail(const uint8_t *p, size_t n, struct chan_open_fail *f)
{
	struct rd r;
	int rc = parse_msg(&r, p, n, SSH_MSG_CHANNEL_OPEN_FAILURE);

	if (rc != E_OK)
		return rc;
	rd_u32(&r, &f->recipient);
	rd_u32(&r, &f->reason);
	rd_string(&r, CHAN_MAX_WHY, &f->why);
	rd_string(&r, CHAN_MAX_NAME, &f->lang);
	return rd_end(&r);
}

/* ---- The peer opens ------------------------------------------------------ */

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

static const struct chan_type *find_type(const struct chan_table *t, struct view name)
{
	const struct chan_type *const *ty;

	for (ty = t->types; ty && *ty; ty++)
		if (view_eq(name, (*ty)->name))
			return *ty;
	return NULL;
}

int chan_recv_open(struct sess *s, const uint8_t *p, size_t n)
{
	struct chan_open o;
	const struct chan_type *ty;
	const char *why = "open failed";
	struct chan *c;
	int reason;

	if (chan_parse_open(p, n, &o) != E_OK)
		return chan_proto_error(s, "malformed CHANNEL_OPEN");
	ty = find_type(s->chans, o.type);
	if (!ty)
		return send_open_failure(s, o.sender, SSH_OPEN_UNKNOWN_CHANNEL_TYPE,
		                         "unknown channel type");
	c = chan_new(s, ty);
	if (!c)
		return send_open_failure(s, o.sender, SSH_OPEN_RESOURCE_SHORTAGE,
		                         "too many channels");
	c->peer_id = o.sender;
	c->remote_window = o.window;
	c->remote_max_packet = o.max_packet;
	reason = ty->open ? ty->open(s, c, o.data, &why) : 0;
	if (reason != 0) {
		c->type = NULL; /* not opened: no gone hook */
		chan_free(s, c);
		return send_open_failure(s, o.sender, (uint32_t)reason, why);
	}
	return send_open_confirm(s, c);
}

/* ---- We open -------------------------------------------------------------- */

int chan_open_start(struct sess *s, const struct chan_type *ty, const uint8_t *data, size_t n,
                    struct chan **out)
{
	uint8_t b[512];
	struct wr w;
	struct chan *c = s->chans ? chan_new(s, ty) : NULL;
	int rc;

	*out = NULL;
	if (!c)
		return E_NOMEM;
	c->flags |= F_OPENING;
	/* byte CHANNEL_OPEN, string type, uint32 sender, uint32 initial
	 * window, uint32 maximum packet, type-specific data */
	wr_init(&w, b, sizeof(b));
	wr_u8(&w, SSH_MSG_CHANNEL_OPEN);
	wr_cstr(&w, ty->name);
	wr_u32(&w, c->id);
	wr_u32(&w, c->local_window);
	wr_u32(&w, CHAN_MAX_DATA);
	wr_bytes(&w, data, n);
	rc = w.err == E_OK ? sess_send(s, b, w.len) : w.err;
	if (rc != E_OK) {
		c->type = NULL;
		chan_free(s, c);
		return rc;
	}
	*out = c;
	return E_OK;
}

/* The slot an answer to our CHANNEL_OPEN names; NULL (protocol error)
 * unless it is opening. */
static struct chan *opening_slot(struct sess *s, uint32_t id)
{
	struct chan *c = chan_by_id(s, id);

	if (!c || !(c->flags & F_OPENING)) {
		chan_proto_error(s, "open answer for a channel we are not opening");
		return NULL;
	}
	return c;
}

int chan_recv_confirm(struct sess *s, const uint8_t *p, size_t n)
{
	struct chan_confirm o;
	struct chan *c;

	if (chan_parse_confirm(p, n, &o) != E_OK)
		return chan_proto_error(s, "malformed CHANNEL_OPEN_CONFIRMATION");
	c = opening_slot(s, o.recipient);
	if (!c)
		return E_FORMAT;
	c->flags &= ~(unsigned int)F_OPENING;
	c->peer_id = o.sender;
	c->remote_window = o.window;
	c->remote_max_packet = o.max_packet;
	return c->type->opened ? c->type->opened(s, c) : E_OK;
}

int chan_recv_open_fail(struct sess *s, const uint8_t *p, size_t n)
{
	struct chan_open_fail f;
	struct chan *c;

	if (chan_parse_open_fail(p, n, &f) != E_OK)
		return chan_proto_error(s, "malformed CHANNEL_OPEN_FAILURE");
	c = opening_slot(s, f.recipient);
	if (!c)
		return E_FORMAT;
	if (c->type->open_failed)
		c->type->open_failed(s, c, f.reason, f.why);
	c->type = NULL; /* never opened: no gone hook */
	chan_free(s, c);
	return E_OK;
}

/* ---- Requests ------------------------------------------------------------- */

static int send_request(struct sess *s, struct chan *c, const char *type, int want,
                        const uint8_t *data, size_t n)
{
	uint8_t small[512], *b = small;
	size_t cap = 1 + 4 + 4 + strlen(type) + 1 + n;
	struct wr w;
	int rc;

	if (cap > SHREW_MAX_PACKET)
		return E_TOOBIG;
	if (cap > sizeof(small)) {
		b = malloc(cap); /* rare: a long command */
		if (!b)
			return E_NOMEM;
	}
	/* byte CHANNEL_REQUEST, uint32 recipient, string request type,
	 * boolean want_reply, type-specific data */
	wr_init(&w, b, cap);
	wr_u8(&w, SSH_MSG_CHANNEL_REQUEST);
	wr_u32(&w, c->peer_id);
	wr_cstr(&w, type);
	wr_bool(&w, want);
	wr_bytes(&w, data, n);
	rc = w.err == E_OK ? sess_send(s, b, w.len) : w.err;
	if (rc == E_OK && want)
		c->replies_due++;
	if (b != small)
		free(b);
	return rc;
}

int chan_send_request(struct sess *s, struct chan *c, const char *type, const uint8_t *data,
                      size_t n)
{
	return send_request(s, c, type, 0, data, n);
}

int chan_send_request_want(struct sess *s, struct chan *c, const char *type, const uint8_t *data,
                           size_t n)
{
	return send_request(s, c, type, 1, data, n);
}

int chan_recv_request(struct sess *s, const uint8_t *p, size_t n)
{
	struct chan_req r;
	struct chan *c;
	int ok = 0;

	if (chan_parse_request(p, n, &r) != E_OK)
		return chan_proto_error(s, "malformed CHANNEL_REQUEST");
	c = chan_lookup(s, r.recipient);
	if (!c)
		return E_FORMAT;
	if (!chan_closing(c) && c->type->request)
		ok = c->type->request(s, c, &r);
	if (ok < 0)
		return ok == E_FORMAT ? chan_proto_error(s, "malformed channel request") : ok;
	if (!r.want_reply || (c->flags & F_SENT_CLOSE))
		return E_OK;
	return chan_send_id(s, ok ? SSH_MSG_CHANNEL_SUCCESS : SSH_MSG_CHANNEL_FAILURE, c->peer_id);
}

/* CHANNEL_SUCCESS / FAILURE: uint32 recipient.  Answers our requests in
 * the order they were sent; one we did not ask for is an error. */
int chan_recv_reply(struct sess *s, const uint8_t *p, size_t n)
{
	uint32_t id;
	struct chan *c;

	if (chan_parse_id(p, n, p[0], &id) != E_OK)
		return chan_proto_error(s, "malformed channel reply");
	c = chan_lookup(s, id);
	if (!c)
		return E_FORMAT;
	if (c->replies_due == 0)
		return chan_proto_error(s, "channel reply to no request");
	c->replies_due--;
	if (!c->type->reply || (c->flags & F_RECV_CLOSE))
		return E_OK;
	return c->type->reply(s, c, p[0] == SSH_MSG_CHANNEL_SUCCESS);
}
