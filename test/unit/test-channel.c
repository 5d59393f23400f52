/*
 * test-channel.c - channels (common-channel.c): the parsers with every
 * truncation and trailing byte, open / confirm / failure, global
 * requests, bad channel ids, window accounting both ways, and the
 * EOF/CLOSE state machine, driven through chan_handle with a stub
 * sess_send that captures what would be sent.  A test channel type
 * attaches pipes instead of a process.  A second type ("ours") is opened
 * by us, as the client does: confirmation, failure, requests with
 * replies, the peer's stderr, flush before free, filter_out.
 */
#include "unit.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/select.h>
#include <unistd.h>

#include "common-channel.h"
#include "common-err.h"
#include "common-sess.h"
#include "common-wr.h"
#include "svr-opts.h"

/* ---- Stub transport ------------------------------------------------- */

#define MAX_PKTS 64
static struct {
	uint8_t b[CHAN_IO_CHUNK + 64];
	size_t n;
} pkts[MAX_PKTS];
static int npkts;
static uint32_t disc_reason;
static const char *disc_why;

int sess_send(struct sess *s, const uint8_t *payload, size_t n)
{
	(void)s;
	if (npkts >= MAX_PKTS || n > sizeof(pkts[0].b))
		return E_TOOBIG;
	memcpy(pkts[npkts].b, payload, n);
	pkts[npkts++].n = n;
	return E_OK;
}

void sess_disconnect(struct sess *s, uint32_t reason, const char *why)
{
	disc_reason = reason;
	disc_why = why;
	s->closing = 1;
}

/* ---- A channel type backed by pipes ----------------------------------- */

static int t_in[2], t_out[2]; /* peer data -> t_in[1] -> t_in[0]; t_out[1] -> out */
static int t_opened, t_gone, t_attach = 1;
static struct view t_last_req;

static int test_open(struct sess *s, struct chan *c, struct view data, const char **why)
{
	(void)s;
	if (view_eq(data, "refuse")) {
		*why = "refused";
		return SSH_OPEN_ADMINISTRATIVELY_PROHIBITED;
	}
	t_opened++;
	if (t_attach && pipe(t_in) == 0 && pipe(t_out) == 0)
		chan_attach_fds(c, t_in[1], t_out[0], -1);
	return 0;
}

static int test_request(struct sess *s, struct chan *c, const struct chan_req *r)
{
	(void)s;
	(void)c;
	t_last_req = r->type;
	if (view_eq(r->type, "bad"))
		return E_FORMAT;
	return view_eq(r->type, "yes");
}

static void test_gone(struct sess *s, struct chan *c)
{
	(void)s;
	(void)c;
	t_gone++;
}

static const struct chan_type test_type = {
    .name = "test",
    .open = test_open,
    .request = test_request,
    .gone = test_gone,
};
/* ---- A channel type we open (the client's side) ------------------------ */

static int o_in[2] = {-1, -1}, o_out[2] = {-1, -1}, o_ext[2] = {-1, -1};
static int o_opened, o_failed, o_gone, o_replies[8], o_nreplies;
static uint32_t o_reason;
static struct view o_why;

static int ours_opened(struct sess *s, struct chan *c)
{
	(void)s;
	o_opened++;
	if (pipe(o_in) == 0 && pipe(o_out) == 0 && pipe(o_ext) == 0) {
		chan_attach_fds(c, o_in[1], o_out[0], -1);
		chan_attach_ext_fd(c, o_ext[1]);
	}
	return E_OK;
}

static void ours_open_failed(struct sess *s, struct chan *c, uint32_t reason, struct view why)
{
	(void)s;
	(void)c;
	o_failed++;
	o_reason = reason;
	o_why = why;
}

static int ours_reply(struct sess *s, struct chan *c, int success)
{
	(void)s;
	(void)c;
	if (o_nreplies < 8)
		o_replies[o_nreplies++] = success;
	return E_OK;
}

/* Drops every 'x' (as an escape filter removes its sequences) and adds
 * a '!' after a final '>' (as a held escape character comes back). */
static size_t ours_filter(struct sess *s, struct chan *c, uint8_t *buf, size_t n)
{
	size_t i, k = 0;

	(void)s;
	(void)c;
	for (i = 0; i < n; i++)
		if (buf[i] != 'x')
			buf[k++] = buf[i];
	if (k > 0 && buf[k - 1] == '>')
		buf[k++] = '!'; /* one byte more than read: the table left room */
	return k;
}

static void ours_gone(struct sess *s, struct chan *c)
{
	(void)s;
	(void)c;
	o_gone++;
}

static const struct chan_type ours_type = {
    .name = "ours",
    .gone = ours_gone,
    .opened = ours_opened,
    .open_failed = ours_open_failed,
    .reply = ours_reply,
    .filter_out = ours_filter,
    .wait_peer_close = 1,
    .flush_on_close = 1,
};

static const struct chan_type *const test_types[] = {&test_type, &ours_type, NULL};

static struct sess S;
static struct svr_opts O;

static void setup(unsigned int window)
{
	chan_table_free(&S);
	memset(&S, 0, sizeof(S));
	memset(&O, 0, sizeof(O));
	O.recv_window = window;
	S.opts = &O;
	npkts = 0;
	disc_reason = 0;
	disc_why = NULL;
	t_opened = t_gone = 0;
	t_attach = 1;
	o_opened = o_failed = o_gone = o_nreplies = 0;
	o_reason = 0;
	CHECK(chan_table_init(&S, test_types, NULL) == E_OK);
}

static void teardown(void)
{
	chan_table_free(&S);
	close(t_in[0]);
	close(t_out[1]);
	t_in[0] = t_out[1] = -1;
	/* the table closed its ends: these are ours */
	if (o_in[0] >= 0)
		close(o_in[0]);
	if (o_out[1] >= 0)
		close(o_out[1]);
	if (o_ext[0] >= 0)
		close(o_ext[0]);
	o_in[0] = o_in[1] = o_out[0] = o_out[1] = o_ext[0] = o_ext[1] = -1;
}

/* ---- Message builders --------------------------------------------------- */

static uint8_t msg[40000];
static struct wr W;

static void begin(uint8_t type)
{
	wr_init(&W, msg, sizeof(msg));
	wr_u8(&W, type);
}

static int handle(void)
{
	CHECK(W.err == E_OK);
	return chan_handle(&S, msg, W.len);
}

static int open_chan(const char *type, uint32_t sender, uint32_t window, uint32_t maxpkt,
                     const char *extra)
{
	begin(SSH_MSG_CHANNEL_OPEN);
	wr_cstr(&W, type);
	wr_u32(&W, sender);
	wr_u32(&W, window);
	wr_u32(&W, maxpkt);
	wr_bytes(&W, extra, strlen(extra));
	return handle();
}

static int send_id_msg(uint8_t type, uint32_t id)
{
	begin(type);
	wr_u32(&W, id);
	return handle();
}

static int send_data(uint32_t id, const void *p, size_t n)
{
	begin(SSH_MSG_CHANNEL_DATA);
	wr_u32(&W, id);
	wr_string(&W, p, n);
	return handle();
}

static int send_adjust(uint32_t id, uint32_t bytes)
{
	begin(SSH_MSG_CHANNEL_WINDOW_ADJUST);
	wr_u32(&W, id);
	wr_u32(&W, bytes);
	return handle();
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Packet i is msg type with the given recipient id. */
static int pkt_is(int i, uint8_t type, uint32_t id)
{
	return i < npkts && pkts[i].n >= 5 && pkts[i].b[0] == type && get32(pkts[i].b + 1) == id;
}

/* One pass of a select loop over the table's fds (no waiting beyond
 * 100 ms). */
static void io_pass(void)
{
	fd_set r, w;
	int maxfd = -1;
	struct timeval tv = {0, 100000};

	FD_ZERO(&r);
	FD_ZERO(&w);
	chan_set_fds(&S, &r, &w, &maxfd);
	if (maxfd >= 0 && select(maxfd + 1, &r, &w, NULL, &tv) < 0)
		return;
	if (maxfd < 0) {
		FD_ZERO(&r);
		FD_ZERO(&w);
	}
	CHECK(chan_handle_fds(&S, &r, &w) == E_OK);
}

/* ---- Parsers -------------------------------------------------------------- */

/* Every strict prefix of a fixed-layout message is rejected, and so is
 * one byte more. */
static void check_truncations(int (*parse)(const uint8_t *, size_t))
{
	size_t n = W.len, k;

	CHECK(parse(msg, n) == E_OK);
	for (k = 0; k < n; k++)
		CHECK(parse(msg, k) != E_OK);
	msg[n] = 0;
	CHECK(parse(msg, n + 1) == E_TRAILING);
}

static int p_data(const uint8_t *p, size_t n)
{
	struct chan_data d;
	return chan_parse_data(p, n, &d);
}

static int p_adjust(const uint8_t *p, size_t n)
{
	uint32_t a, b;
	return chan_parse_adjust(p, n, &a, &b);
}

static int p_eof(const uint8_t *p, size_t n)
{
	uint32_t a;
	return chan_parse_id(p, n, SSH_MSG_CHANNEL_EOF, &a);
}

static int p_open_fail(const uint8_t *p, size_t n)
{
	struct chan_open_fail f;
	return chan_parse_open_fail(p, n, &f);
}

TEST(parse_data)
{
	struct chan_data d;

	begin(SSH_MSG_CHANNEL_DATA);
	wr_u32(&W, 3);
	wr_cstr(&W, "abc");
	CHECK(chan_parse_data(msg, W.len, &d) == E_OK);
	CHECK(d.recipient == 3 && !d.extended && view_eq(d.data, "abc"));
	check_truncations(p_data);
	begin(SSH_MSG_CHANNEL_EXTENDED_DATA);
	wr_u32(&W, 4);
	wr_u32(&W, 1);
	wr_cstr(&W, "err");
	CHECK(chan_parse_data(msg, W.len, &d) == E_OK);
	CHECK(d.recipient == 4 && d.extended && d.code == 1 && view_eq(d.data, "err"));
	check_truncations(p_data);
	msg[0] = SSH_MSG_CHANNEL_EOF;
	CHECK(chan_parse_data(msg, W.len, &d) == E_FORMAT);
}

TEST(parse_adjust_and_ids)
{
	uint32_t id, bytes;

	begin(SSH_MSG_CHANNEL_WINDOW_ADJUST);
	wr_u32(&W, 9);
	wr_u32(&W, 0x10000);
	CHECK(chan_parse_adjust(msg, W.len, &id, &bytes) == E_OK && id == 9 && bytes == 0x10000);
	check_truncations(p_adjust);
	begin(SSH_MSG_CHANNEL_EOF);
	wr_u32(&W, 2);
	CHECK(chan_parse_id(msg, W.len, SSH_MSG_CHANNEL_EOF, &id) == E_OK && id == 2);
	check_truncations(p_eof);
	CHECK(chan_parse_id(msg, W.len, SSH_MSG_CHANNEL_CLOSE, &id) == E_FORMAT);
	CHECK(chan_parse_id(msg, 0, SSH_MSG_CHANNEL_CLOSE, &id) == E_SHORT);
}

TEST(parse_open_request_global)
{
	struct chan_open o;
	struct chan_req r;
	struct chan_global g;
	size_t n, k;

	begin(SSH_MSG_CHANNEL_OPEN);
	wr_cstr(&W, "session");
	wr_u32(&W, 5);
	wr_u32(&W, 1000);
	wr_u32(&W, 200);
	n = W.len;
	CHECK(chan_parse_open(msg, n, &o) == E_OK);
	CHECK(view_eq(o.type, "session") && o.sender == 5 && o.window == 1000 &&
	      o.max_packet == 200 && o.data.len == 0);
	for (k = 0; k < n; k++)
		CHECK(chan_parse_open(msg, k, &o) != E_OK);
	msg[n] = 'x'; /* type-specific data is the rest */
	CHECK(chan_parse_open(msg, n + 1, &o) == E_OK && view_eq(o.data, "x"));

	begin(SSH_MSG_CHANNEL_REQUEST);
	wr_u32(&W, 1);
	wr_cstr(&W, "exec");
	wr_bool(&W, 1);
	wr_cstr(&W, "ls");
	n = W.len;
	CHECK(chan_parse_request(msg, n, &r) == E_OK);
	CHECK(r.recipient == 1 && view_eq(r.type, "exec") && r.want_reply == 1 && r.data.len == 6);
	for (k = 0; k < 14; k++) /* up to the boolean */
		CHECK(chan_parse_request(msg, k, &r) != E_OK);

	begin(SSH_MSG_GLOBAL_REQUEST);
	wr_cstr(&W, "keepalive@openssh.com");
	wr_bool(&W, 1);
	n = W.len;
	CHECK(chan_parse_global(msg, n, &g) == E_OK && g.want_reply && g.data.len == 0);
	CHECK(view_eq(g.name, "keepalive@openssh.com"));
	for (k = 0; k < n; k++)
		CHECK(chan_parse_global(msg, k, &g) != E_OK);
	CHECK(chan_parse_request(msg, n, &r) == E_FORMAT);
}

TEST(parse_caps)
{
	struct chan_open o;
	char big[CHAN_MAX_NAME + 2];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	begin(SSH_MSG_CHANNEL_OPEN);
	wr_cstr(&W, big);
	wr_u32(&W, 5);
	wr_u32(&W, 1000);
	wr_u32(&W, 200);
	CHECK(chan_parse_open(msg, W.len, &o) == E_TOOBIG);
	begin(SSH_MSG_CHANNEL_OPEN);
	wr_string(&W, "ses\0sion", 8);
	wr_u32(&W, 5);
	wr_u32(&W, 1000);
	wr_u32(&W, 200);
	CHECK(chan_parse_open(msg, W.len, &o) == E_FORMAT);
}

/* ---- Dispatch ------------------------------------------------------------- */

TEST(open_confirm_and_failures)
{
	int i;

	setup(8192);
	CHECK(open_chan("test", 7, 1000, 500, "") == E_OK);
	CHECK(npkts == 1 && pkt_is(0, SSH_MSG_CHANNEL_OPEN_CONFIRMATION, 7));
	CHECK(pkts[0].n == 17 && get32(pkts[0].b + 5) == 0 && get32(pkts[0].b + 9) == 8192 &&
	      get32(pkts[0].b + 13) == CHAN_MAX_DATA);
	CHECK(chan_count(&S) == 1 && t_opened == 1);

	CHECK(open_chan("x11", 8, 1000, 500, "") == E_OK);
	CHECK(npkts == 2 && pkt_is(1, SSH_MSG_CHANNEL_OPEN_FAILURE, 8));
	CHECK(get32(pkts[1].b + 5) == SSH_OPEN_UNKNOWN_CHANNEL_TYPE);
	CHECK(get32(pkts[1].b + 9) == 20 &&
	      memcmp(pkts[1].b + 13, "unknown channel type", 20) == 0);

	CHECK(open_chan("test", 9, 1000, 500, "refuse") == E_OK);
	CHECK(pkt_is(2, SSH_MSG_CHANNEL_OPEN_FAILURE, 9));
	CHECK(get32(pkts[2].b + 5) == SSH_OPEN_ADMINISTRATIVELY_PROHIBITED);
	CHECK(chan_count(&S) == 1 && t_gone == 0);

	t_attach = 0;
	for (i = 1; i < SHREW_MAX_CHANNELS; i++)
		CHECK(open_chan("test", 100 + (uint32_t)i, 1000, 500, "") == E_OK);
	CHECK(chan_count(&S) == SHREW_MAX_CHANNELS);
	npkts = 0;
	CHECK(open_chan("test", 99, 1000, 500, "") == E_OK);
	CHECK(pkt_is(0, SSH_MSG_CHANNEL_OPEN_FAILURE, 99));
	CHECK(get32(pkts[0].b + 5) == SSH_OPEN_RESOURCE_SHORTAGE);
	CHECK(disc_reason == 0);
	teardown();
	CHECK(t_gone == SHREW_MAX_CHANNELS);
}

TEST(global_requests)
{
	setup(8192);
	begin(SSH_MSG_GLOBAL_REQUEST);
	wr_cstr(&W, "keepalive@openssh.com");
	wr_bool(&W, 1);
	CHECK(handle() == E_OK);
	CHECK(npkts == 1 && pkts[0].n == 1 && pkts[0].b[0] == SSH_MSG_REQUEST_FAILURE);
	begin(SSH_MSG_GLOBAL_REQUEST);
	wr_cstr(&W, "no-more-sessions@openssh.com");
	wr_bool(&W, 0);
	CHECK(handle() == E_OK && npkts == 1);
	begin(SSH_MSG_GLOBAL_REQUEST); /* truncated */
	CHECK(handle() != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
}

TEST(channel_requests)
{
	setup(8192);
	CHECK(open_chan("test", 7, 1000, 500, "") == E_OK);
	npkts = 0;
	begin(SSH_MSG_CHANNEL_REQUEST);
	wr_u32(&W, 0);
	wr_cstr(&W, "yes");
	wr_bool(&W, 1);
	CHECK(handle() == E_OK && pkt_is(0, SSH_MSG_CHANNEL_SUCCESS, 7));
	begin(SSH_MSG_CHANNEL_REQUEST);
	wr_u32(&W, 0);
	wr_cstr(&W, "no");
	wr_bool(&W, 1);
	CHECK(handle() == E_OK && pkt_is(1, SSH_MSG_CHANNEL_FAILURE, 7));
	begin(SSH_MSG_CHANNEL_REQUEST);
	wr_u32(&W, 0);
	wr_cstr(&W, "no");
	wr_bool(&W, 0);
	CHECK(handle() == E_OK && npkts == 2);
	begin(SSH_MSG_CHANNEL_REQUEST);
	wr_u32(&W, 0);
	wr_cstr(&W, "bad");
	wr_bool(&W, 1);
	CHECK(handle() != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
}

TEST(bad_channel_ids)
{
	static const uint8_t types[] = {SSH_MSG_CHANNEL_EOF, SSH_MSG_CHANNEL_CLOSE,
	                                SSH_MSG_CHANNEL_SUCCESS, SSH_MSG_CHANNEL_FAILURE};
	size_t i;

	for (i = 0; i < sizeof(types); i++) {
		setup(8192);
		CHECK(send_id_msg(types[i], 0) != E_OK);
		CHECK(disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
		teardown();
	}
	setup(8192);
	CHECK(open_chan("test", 7, 1000, 500, "") == E_OK);
	CHECK(send_data(1, "x", 1) != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
	setup(8192);
	CHECK(send_adjust(0xffffffff, 1) != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
	setup(8192);
	msg[0] = SSH_MSG_CHANNEL_OPEN_CONFIRMATION; /* we never open channels */
	CHECK(chan_handle(&S, msg, 1) != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
}

/* ---- Windows ---------------------------------------------------------- */

TEST(receive_window)
{
	static uint8_t big[CHAN_MAX_DATA + 1];
	char got[4096];

	setup(4096);
	CHECK(open_chan("test", 7, 1000, 500, "") == E_OK);
	npkts = 0;
	memset(big, 'a', sizeof(big));
	CHECK(send_data(0, big, 2047) == E_OK && npkts == 0);
	io_pass(); /* written to the pipe, 2047 < half: no adjust */
	CHECK(read(t_in[0], got, sizeof(got)) == 2047 && npkts == 0);
	CHECK(send_data(0, big, 1) == E_OK);
	io_pass();
	CHECK(read(t_in[0], got, sizeof(got)) == 1);
	CHECK(npkts == 1 && pkt_is(0, SSH_MSG_CHANNEL_WINDOW_ADJUST, 7));
	CHECK(get32(pkts[0].b + 5) == 2048);
	/* the window is full again: 4096 fits, one more byte does not */
	CHECK(send_data(0, big, 4096) == E_OK && disc_reason == 0);
	CHECK(send_data(0, big, 1) != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();

	setup(SVR_OPTS_MAX_WINDOW);
	CHECK(open_chan("test", 7, 1000, 500, "") == E_OK);
	CHECK(send_data(0, big, CHAN_MAX_DATA) == E_OK && disc_reason == 0);
	CHECK(send_data(0, big, CHAN_MAX_DATA + 1) != E_OK);
	CHECK(disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
}

TEST(send_window)
{
	char all[64];
	size_t got = 0;
	int i;

	setup(8192);
	CHECK(open_chan("test", 7, 10, 4, "") == E_OK);
	npkts = 0;
	CHECK(write(t_out[1], "hello world!", 12) == 12);
	for (i = 0; i < 6; i++)
		io_pass();
	for (i = 0; i < npkts; i++) {
		CHECK(pkt_is(i, SSH_MSG_CHANNEL_DATA, 7));
		CHECK(get32(pkts[i].b + 5) <= 4 && pkts[i].n == 9 + get32(pkts[i].b + 5));
		memcpy(all + got, pkts[i].b + 9, get32(pkts[i].b + 5));
		got += get32(pkts[i].b + 5);
	}
	CHECK(got == 10 && memcmp(all, "hello worl", 10) == 0);
	npkts = 0;
	CHECK(send_adjust(0, 100) == E_OK);
	io_pass();
	CHECK(npkts == 1 && pkt_is(0, SSH_MSG_CHANNEL_DATA, 7) && pkts[0].n == 11);
	CHECK(memcmp(pkts[0].b + 9, "d!", 2) == 0);
	CHECK(send_adjust(0, 0xffffffff) != E_OK);
	CHECK(disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
}

/* ---- EOF and CLOSE ---------------------------------------------------- */

TEST(eof_then_close)
{
	char buf[8];

	setup(8192);
	CHECK(open_chan("test", 7, 1000, 500, "") == E_OK);
	npkts = 0;
	CHECK(send_data(0, "ab", 2) == E_OK);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_EOF, 0) == E_OK);
	io_pass(); /* queue written, then the pipe closed */
	CHECK(read(t_in[0], buf, sizeof(buf)) == 2 && read(t_in[0], buf, sizeof(buf)) == 0);
	CHECK(npkts == 0);
	close(t_out[1]);
	t_out[1] = -1;
	io_pass(); /* our output at EOF: EOF, then CLOSE (the peer's EOF came) */
	CHECK(npkts == 2 && pkt_is(0, SSH_MSG_CHANNEL_EOF, 7) &&
	      pkt_is(1, SSH_MSG_CHANNEL_CLOSE, 7));
	CHECK(chan_count(&S) == 1);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_CLOSE, 0) == E_OK);
	CHECK(npkts == 2 && chan_count(&S) == 0 && t_gone == 1);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_CLOSE, 0) != E_OK); /* the slot is free */
	teardown();
}

TEST(peer_closes_first)
{
	setup(8192);
	CHECK(open_chan("test", 7, 1000, 500, "") == E_OK);
	npkts = 0;
	CHECK(send_id_msg(SSH_MSG_CHANNEL_CLOSE, 0) == E_OK);
	CHECK(npkts == 1 && pkt_is(0, SSH_MSG_CHANNEL_CLOSE, 7));
	CHECK(chan_count(&S) == 0 && t_gone == 1);
	/* the slot is reused */
	CHECK(open_chan("test", 8, 1000, 500, "") == E_OK);
	CHECK(pkt_is(1, SSH_MSG_CHANNEL_OPEN_CONFIRMATION, 8) && get32(pkts[1].b + 5) == 0);
	teardown();
}

TEST(eof_waits_for_peer_before_close)
{
	setup(8192);
	CHECK(open_chan("test", 7, 1000, 500, "") == E_OK);
	npkts = 0;
	close(t_out[1]);
	t_out[1] = -1;
	io_pass();
	io_pass();
	CHECK(npkts == 1 && pkt_is(0, SSH_MSG_CHANNEL_EOF, 7));
	/* data after our EOF still arrives and is written */
	CHECK(send_data(0, "z", 1) == E_OK);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_EOF, 0) == E_OK);
	io_pass();
	CHECK(npkts == 2 && pkt_is(1, SSH_MSG_CHANNEL_CLOSE, 7));
	teardown();
}

/* ---- Channels we open ----------------------------------------------------- */

static int confirm(uint32_t id, uint32_t sender, uint32_t window, uint32_t maxpkt)
{
	begin(SSH_MSG_CHANNEL_OPEN_CONFIRMATION);
	wr_u32(&W, id);
	wr_u32(&W, sender);
	wr_u32(&W, window);
	wr_u32(&W, maxpkt);
	return handle();
}

static int open_failure(uint32_t id, uint32_t reason, const char *why, int with_lang)
{
	begin(SSH_MSG_CHANNEL_OPEN_FAILURE);
	wr_u32(&W, id);
	wr_u32(&W, reason);
	wr_cstr(&W, why);
	if (with_lang)
		wr_cstr(&W, "");
	return handle();
}

/* Opens "ours" (our id 0) and confirms it as the peer's channel 42. */
static struct chan *open_ours(uint32_t window, uint32_t maxpkt)
{
	struct chan *c = NULL;

	CHECK(chan_open_start(&S, &ours_type, (const uint8_t *)"xy", 2, &c) == E_OK && c);
	CHECK(confirm(0, 42, window, maxpkt) == E_OK && o_opened == 1);
	npkts = 0;
	return c;
}

TEST(our_open_confirmed)
{
	struct chan *c = NULL;
	struct chan_confirm cf;

	setup(8192);
	CHECK(chan_open_start(&S, &ours_type, (const uint8_t *)"xy", 2, &c) == E_OK);
	CHECK(c && chan_id(c) == 0 && chan_count(&S) == 1 && npkts == 1);
	/* byte OPEN, string "ours", uint32 0, uint32 8192, uint32 max, "xy" */
	CHECK(pkts[0].n == 1 + 8 + 12 + 2 && pkts[0].b[0] == SSH_MSG_CHANNEL_OPEN);
	CHECK(get32(pkts[0].b + 1) == 4 && memcmp(pkts[0].b + 5, "ours", 4) == 0);
	CHECK(get32(pkts[0].b + 9) == 0 && get32(pkts[0].b + 13) == 8192);
	CHECK(get32(pkts[0].b + 17) == CHAN_MAX_DATA && memcmp(pkts[0].b + 21, "xy", 2) == 0);
	CHECK(o_opened == 0);
	/* nothing may be sent for it before the answer */
	CHECK(send_data(0, "a", 1) != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	disc_reason = 0;
	CHECK(confirm(0, 42, 1000, 500) == E_OK && o_opened == 1 && disc_reason == 0);
	/* a second confirmation is for a slot no longer opening */
	CHECK(confirm(0, 42, 1000, 500) != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	/* the data now reaches the pipe */
	npkts = 0;
	CHECK(write(o_out[1], "hi", 2) == 2);
	io_pass();
	CHECK(npkts == 1 && pkt_is(0, SSH_MSG_CHANNEL_DATA, 42) && pkts[0].n == 11);
	/* the parser: every prefix fails, type data is the rest */
	begin(SSH_MSG_CHANNEL_OPEN_CONFIRMATION);
	wr_u32(&W, 1);
	wr_u32(&W, 2);
	wr_u32(&W, 3);
	wr_u32(&W, 4);
	CHECK(chan_parse_confirm(msg, W.len, &cf) == E_OK && cf.recipient == 1 && cf.sender == 2 &&
	      cf.window == 3 && cf.max_packet == 4 && cf.data.len == 0);
	for (size_t k = 0; k < W.len; k++)
		CHECK(chan_parse_confirm(msg, k, &cf) != E_OK);
	teardown();
	CHECK(o_gone == 1);
}

TEST(our_open_failed)
{
	struct chan *c = NULL;
	struct chan_open_fail f;

	setup(8192);
	CHECK(chan_open_start(&S, &ours_type, NULL, 0, &c) == E_OK);
	CHECK(open_failure(0, SSH_OPEN_CONNECT_FAILED, "nope", 1) == E_OK);
	CHECK(o_failed == 1 && o_reason == SSH_OPEN_CONNECT_FAILED && view_eq(o_why, "nope"));
	CHECK(chan_count(&S) == 0 && o_gone == 0 && disc_reason == 0);
	/* the slot is free: another answer is an error */
	CHECK(open_failure(0, 2, "again", 1) != E_OK);
	CHECK(disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();

	setup(8192); /* the language tag is not optional */
	CHECK(chan_open_start(&S, &ours_type, NULL, 0, &c) == E_OK);
	CHECK(open_failure(0, 2, "x", 0) != E_OK && o_failed == 0);
	begin(SSH_MSG_CHANNEL_OPEN_FAILURE);
	wr_u32(&W, 5);
	wr_u32(&W, 1);
	wr_cstr(&W, "why");
	wr_cstr(&W, "en");
	CHECK(chan_parse_open_fail(msg, W.len, &f) == E_OK && f.recipient == 5 && f.reason == 1 &&
	      view_eq(f.why, "why") && view_eq(f.lang, "en"));
	check_truncations(p_open_fail);
	teardown();
}

TEST(our_open_protocol_errors)
{
	struct chan *c = NULL;

	setup(8192); /* confirmation for a slot never opened */
	CHECK(confirm(3, 42, 1000, 500) != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
	setup(8192); /* ... or opened by the peer */
	CHECK(open_chan("test", 7, 1000, 500, "") == E_OK);
	CHECK(confirm(0, 42, 1000, 500) != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
	setup(8192); /* failure for an open channel */
	CHECK(open_chan("test", 7, 1000, 500, "") == E_OK);
	CHECK(open_failure(0, 2, "x", 1) != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
	setup(8192); /* requests and EOF for one still opening */
	CHECK(chan_open_start(&S, &ours_type, NULL, 0, &c) == E_OK);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_EOF, 0) != E_OK);
	CHECK(disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
	setup(8192); /* no table slot left */
	t_attach = 0;
	for (int i = 0; i < SHREW_MAX_CHANNELS; i++)
		CHECK(open_chan("test", (uint32_t)i, 1000, 500, "") == E_OK);
	CHECK(chan_open_start(&S, &ours_type, NULL, 0, &c) == E_NOMEM && c == NULL);
	teardown();
}

TEST(requests_with_replies)
{
	struct chan *c;

	setup(8192);
	c = open_ours(1000, 500);
	CHECK(chan_send_request_want(&S, c, "pty-req", (const uint8_t *)"ab", 2) == E_OK);
	CHECK(chan_send_request(&S, c, "env", NULL, 0) == E_OK);
	CHECK(chan_send_request_want(&S, c, "shell", NULL, 0) == E_OK);
	CHECK(npkts == 3 && pkt_is(0, SSH_MSG_CHANNEL_REQUEST, 42));
	/* uint32 id, string "pty-req", bool TRUE, "ab" */
	CHECK(pkts[0].n == 5 + 11 + 1 + 2 && pkts[0].b[16] == 1);
	CHECK(pkts[1].n == 5 + 7 + 1 && pkts[1].b[12] == 0);
	CHECK(pkts[2].b[14] == 1);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_FAILURE, 0) == E_OK);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_SUCCESS, 0) == E_OK);
	CHECK(o_nreplies == 2 && o_replies[0] == 0 && o_replies[1] == 1 && disc_reason == 0);
	/* a third reply answers nothing */
	CHECK(send_id_msg(SSH_MSG_CHANNEL_SUCCESS, 0) != E_OK);
	CHECK(disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR && o_nreplies == 2);
	teardown();

	setup(8192); /* a long request (a long command) still goes out */
	c = open_ours(1000, 500);
	static uint8_t longcmd[4000];
	memset(longcmd, 'c', sizeof(longcmd));
	CHECK(chan_send_request_want(&S, c, "exec", longcmd, sizeof(longcmd)) == E_OK);
	CHECK(npkts == 1 && pkts[0].n == 5 + 8 + 1 + sizeof(longcmd));
	teardown();
}

static int send_ext(uint32_t id, uint32_t code, const void *p, size_t n)
{
	begin(SSH_MSG_CHANNEL_EXTENDED_DATA);
	wr_u32(&W, id);
	wr_u32(&W, code);
	wr_string(&W, p, n);
	return handle();
}

TEST(extended_data_to_ext_fd)
{
	static uint8_t big[2048];
	char got[4096];

	setup(4096);
	open_ours(1000, 500);
	memset(big, 'e', sizeof(big));
	CHECK(send_ext(0, SSH_EXTENDED_DATA_STDERR, "err", 3) == E_OK);
	CHECK(send_data(0, "out", 3) == E_OK);
	io_pass();
	CHECK(read(o_ext[0], got, sizeof(got)) == 3 && memcmp(got, "err", 3) == 0);
	CHECK(read(o_in[0], got, sizeof(got)) == 3 && memcmp(got, "out", 3) == 0);
	CHECK(npkts == 0);
	/* another code is dropped, but counted */
	CHECK(send_ext(0, 2, big, 1000) == E_OK);
	CHECK(send_ext(0, SSH_EXTENDED_DATA_STDERR, big, 1042) == E_OK);
	io_pass(); /* 3 + 3 + 1000 + 1042 = 2048 consumed: half the window */
	CHECK(read(o_ext[0], got, sizeof(got)) == 1042);
	CHECK(npkts == 1 && pkt_is(0, SSH_MSG_CHANNEL_WINDOW_ADJUST, 42));
	CHECK(get32(pkts[0].b + 5) == 2048);
	/* both queues share the window: full window fits, one more does not */
	CHECK(send_ext(0, SSH_EXTENDED_DATA_STDERR, big, 2048) == E_OK);
	CHECK(send_data(0, big, 2048) == E_OK && disc_reason == 0);
	CHECK(send_data(0, big, 1) != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
}

TEST(data_flushed_before_free)
{
	char got[64];

	setup(8192);
	open_ours(1000, 500);
	CHECK(send_data(0, "the end", 7) == E_OK);
	CHECK(send_ext(0, SSH_EXTENDED_DATA_STDERR, "bye", 3) == E_OK);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_CLOSE, 0) == E_OK);
	CHECK(npkts == 1 && pkt_is(0, SSH_MSG_CHANNEL_CLOSE, 42));
	CHECK(chan_count(&S) == 1 && o_gone == 0); /* still writing */
	io_pass();
	CHECK(chan_count(&S) == 0 && o_gone == 1);
	CHECK(read(o_in[0], got, sizeof(got)) == 7 && memcmp(got, "the end", 7) == 0);
	CHECK(read(o_in[0], got, sizeof(got)) == 0); /* closed after it */
	CHECK(read(o_ext[0], got, sizeof(got)) == 3 && memcmp(got, "bye", 3) == 0);
	teardown();

	/* a reader gone: dropped, freed anyway */
	setup(8192);
	open_ours(1000, 500);
	CHECK(send_data(0, "lost", 4) == E_OK);
	close(o_in[0]);
	o_in[0] = -1;
	CHECK(send_id_msg(SSH_MSG_CHANNEL_CLOSE, 0) == E_OK && chan_count(&S) == 1);
	signal(SIGPIPE, SIG_IGN);
	io_pass();
	CHECK(chan_count(&S) == 0 && o_gone == 1);
	teardown();

	/* the server's type frees at once, as before */
	setup(8192);
	CHECK(open_chan("test", 7, 1000, 500, "") == E_OK);
	CHECK(send_data(0, "dropped", 7) == E_OK);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_CLOSE, 0) == E_OK && chan_count(&S) == 0);
	teardown();
}

TEST(filter_out_and_wait_peer_close)
{
	setup(8192);
	open_ours(1000, 500);
	CHECK(write(o_out[1], "axbx", 4) == 4);
	io_pass();
	CHECK(npkts == 1 && pkt_is(0, SSH_MSG_CHANNEL_DATA, 42) && pkts[0].n == 11);
	CHECK(memcmp(pkts[0].b + 9, "ab", 2) == 0 && get32(pkts[0].b + 5) == 2);
	CHECK(write(o_out[1], "xx", 2) == 2);
	io_pass(); /* everything filtered: nothing sent */
	CHECK(npkts == 1);
	/* our EOF, the peer's EOF: still no CLOSE from us */
	close(o_out[1]);
	o_out[1] = -1;
	io_pass();
	CHECK(npkts == 2 && pkt_is(1, SSH_MSG_CHANNEL_EOF, 42));
	CHECK(send_id_msg(SSH_MSG_CHANNEL_EOF, 0) == E_OK);
	io_pass();
	CHECK(npkts == 2 && chan_count(&S) == 1);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_CLOSE, 0) == E_OK);
	CHECK(npkts == 3 && pkt_is(2, SSH_MSG_CHANNEL_CLOSE, 42) && chan_count(&S) == 0);
	teardown();
}

TEST(filter_out_may_add_a_byte)
{
	setup(8192);
	open_ours(3, 500); /* the peer's window: 3 bytes */
	CHECK(write(o_out[1], "ab>", 3) == 3);
	io_pass(); /* reads one byte less than the window: "ab" */
	CHECK(npkts == 1 && pkts[0].n == 11 && memcmp(pkts[0].b + 9, "ab", 2) == 0);
	io_pass(); /* 1 byte of window left: no room for a filter's extra byte */
	CHECK(npkts == 1);
	CHECK(send_adjust(0, 10) == E_OK);
	io_pass();
	CHECK(npkts == 2 && pkts[1].n == 11 && memcmp(pkts[1].b + 9, ">!", 2) == 0);
	teardown();
}

int main(void)
{
	t_in[0] = t_out[1] = -1;
	RUN(parse_data);
	RUN(parse_adjust_and_ids);
	RUN(parse_open_request_global);
	RUN(parse_caps);
	RUN(open_confirm_and_failures);
	RUN(global_requests);
	RUN(channel_requests);
	RUN(bad_channel_ids);
	RUN(receive_window);
	RUN(send_window);
	RUN(eof_then_close);
	RUN(peer_closes_first);
	RUN(eof_waits_for_peer_before_close);
	RUN(our_open_confirmed);
	RUN(our_open_failed);
	RUN(our_open_protocol_errors);
	RUN(requests_with_replies);
	RUN(extended_data_to_ext_fd);
	RUN(data_flushed_before_free);
	RUN(filter_out_and_wait_peer_close);
	RUN(filter_out_may_add_a_byte);
	return unit_done();
}
