/*
 * common-transport.c - the transport core: identification exchange
 * (RFC 4253 4.2), packet input and output queues, and the dispatch of
 * transport-layer messages (1..49).  The key exchange itself is in
 * common-transport-kex.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-log.h"
#include "common-msg.h"
#include "common-transport.h"
#include "common-transport-int.h"
#include "common-wipe.h"

#define OUT_INITIAL (64 * 1024)

int tr_fail(struct transport *t, uint32_t reason, const char *why, int err)
{
	if (t->state != TR_DEAD) {
		t->fail_reason = reason;
		snprintf(t->fail_why, sizeof(t->fail_why), "%s", why);
		if (reason != 0)
			tr_send_disconnect(t, reason, why);
		t->state = TR_DEAD;
	}
	return err != E_OK ? err : E_FORMAT;
}

/* Makes room for n more bytes of output. */
static int out_reserve(struct transport *t, size_t n)
{
	size_t cap;
	uint8_t *p;

	if (t->out_off > 0 && t->out_len + n > t->out_cap) {
		memmove(t->out, t->out + t->out_off, t->out_len - t->out_off);
		t->out_len -= t->out_off;
		t->out_off = 0;
	}
	if (t->out_len + n <= t->out_cap)
		return E_OK;
	if (t->out_len + n > TR_OUT_MAX)
		return E_TOOBIG;
	cap = t->out_cap ? t->out_cap : OUT_INITIAL;
	while (cap < t->out_len + n)
		cap *= 2;
	if (cap > TR_OUT_MAX)
		cap = TR_OUT_MAX;
	p = realloc(t->out, cap);
	if (!p)
		return E_NOMEM;
	t->out = p;
	t->out_cap = cap;
	return E_OK;
}

int tr_seal(struct transport *t, const uint8_t *payload, size_t n)
{
	struct wr w;
	int rc;

	if (n == 0 || n > PKT_MAX_PAYLOAD)
		return E_TOOBIG;
	rc = out_reserve(t, PKT_SEAL_MAX(n));
	if (rc != E_OK)
		return rc;
	wr_init(&w, t->out + t->out_len, t->out_cap - t->out_len);
	rc = pkt_seal(&t->tx, payload, n, &w);
	if (rc == E_OK)
		t->out_len += w.len;
	return rc;
}

static int raw_out(struct transport *t, const char *s, size_t n)
{
	int rc = out_reserve(t, n);

	if (rc == E_OK) {
		memcpy(t->out + t->out_len, s, n);
		t->out_len += n;
	}
	return rc;
}

int tr_init(struct transport *t, int is_server, const struct hostkeys *hk,
            const struct algo_prefs *prefs)
{
	int rc;

	memset(t, 0, sizeof(*t));
	t->is_server = is_server;
	t->hostkeys = hk;
	t->prefs = prefs;
	t->state = TR_IDENT;
	snprintf(t->v_ours, sizeof(t->v_ours), "SSH-2.0-shrew_%s", SHREW_VERSION);
	pkt_dir_init_plain(&t->tx);
	pkt_dir_init_plain(&t->rx);
	pkt_reader_init(&t->reader);
	rc = raw_out(t, t->v_ours, strlen(t->v_ours));
	if (rc == E_OK)
		rc = raw_out(t, "\r\n", 2);
	if (rc == E_OK)
		rc = tr_kex_send_kexinit(t);
	return rc;
}

void tr_set_hostkey_check(struct transport *t, tr_hostkey_fn fn, void *ctx)
{
	t->hostkey_check = fn;
	t->hostkey_ctx = ctx;
}

void tr_free(struct transport *t)
{
	key_free(&t->peer_hostkey);
	tr_kex_clear(t);
	pkt_dir_wipe(&t->tx);
	pkt_dir_wipe(&t->rx);
	if (t->held) {
		wipe(t->held, t->held_cap);
		free(t->held);
	}
	if (t->out) {
		wipe(t->out, t->out_cap);
		free(t->out);
	}
	wipe(t->session_id, sizeof(t->session_id));
	memset(t, 0, sizeof(*t));
	t->state = TR_DEAD;
}

/* A complete identification line (CR LF or LF stripped) from the peer. */
static int ident_line(struct transport *t)
{
	const char *l = t->line;

	if (strncmp(l, "SSH-", 4) != 0) {
		/* Only a server may send other lines first (RFC 4253 4.2). */
		if (t->is_server || ++t->ident_lines > SHREW_MAX_IDENT_LINES)
			return tr_fail(t, 0, "bad identification line (not SSH-)", E_FORMAT);
		return E_OK;
	}
	if (strncmp(l, "SSH-2.0-", 8) != 0 && strncmp(l, "SSH-1.99-", 9) != 0)
		return tr_fail(t, 0, "protocol version mismatch (not SSH-2.0)", E_UNSUPPORTED);
	memcpy(t->v_peer, l, t->line_len);
	t->v_peer_len = t->line_len;
	t->state = TR_RUN;
	return E_OK;
}

/* Consumes identification bytes up to and including the version line. */
static int ident_feed(struct transport *t, const uint8_t *in, size_t n, size_t *used)
{
	size_t i;
	int rc;

	for (i = 0; i < n && t->state == TR_IDENT; i++) {
		uint8_t c = in[i];
		if (c == '\n') {
			if (t->line_len > 0 && t->line[t->line_len - 1] == '\r')
				t->line_len--;
			t->line[t->line_len] = '\0';
			rc = ident_line(t);
			if (rc != E_OK)
				return rc;
			t->line_len = 0;
			continue;
		}
		if (c == '\0' || t->line_len >= SHREW_MAX_IDENT_LINE - 1)
			return tr_fail(t, 0, "identification line too long or has NUL", E_FORMAT);
		/* CR only as the end of line (RFC 4253 4.2), as OpenSSH checks */
		if (t->line_len > 0 && t->line[t->line_len - 1] == '\r')
			return tr_fail(t, 0, "identification line has a CR before its end",
			               E_FORMAT);
		t->line[t->line_len++] = (char)c;
	}
	*used = i;
	return E_OK;
}

int tr_feed(struct transport *t, const uint8_t *in, size_t n, size_t *used)
{
	size_t a = 0, b = 0;
	int rc;

	*used = 0;
	if (t->state == TR_DEAD)
		return E_IO;
	if (t->state == TR_IDENT) {
		rc = ident_feed(t, in, n, &a);
		*used = a;
		if (rc != E_OK || t->state == TR_IDENT)
			return rc;
	}
	rc = pkt_reader_feed(&t->reader, &t->rx, in + a, n - a, &b);
	*used = a + b;
	return rc;
}

/* SSH_MSG_DISCONNECT: uint32 reason, string description, string lang. */
static int recv_disconnect(struct transport *t, struct view pl)
{
	struct rd r;
	struct view desc = {NULL, 0};
	uint32_t reason = 0;
	uint8_t msg;
	char why[sizeof(t->fail_why)];

	rd_init(&r, pl.p, pl.len);
	rd_u8(&r, &msg);
	rd_u32(&r, &reason);
	rd_string(&r, 1024, &desc);
	snprintf(why, sizeof(why), "peer disconnected (reason %u): %.*s", (unsigned)reason,
	         (int)(desc.len > 100 ? 100 : desc.len), desc.p ? (const char *)desc.p : "");
	tr_fail(t, 0, why, E_IO);
	return E_IO;
}

/* Transport messages other than kex; E_OK when consumed. */
static int recv_generic(struct transport *t, uint8_t msg, struct view pl)
{
	switch (msg) {
	case SSH_MSG_DISCONNECT: return recv_disconnect(t, pl);
	case SSH_MSG_IGNORE:
	case SSH_MSG_DEBUG: return E_OK;
	case SSH_MSG_UNIMPLEMENTED: log_msg(LOG_DEBUG, "peer sent UNIMPLEMENTED"); return E_OK;
	default: return tr_send_unimplemented(t);
	}
}

/* Is msg allowed now?  Enforces RFC 4253 7.1 and strict kex. */
static int msg_allowed(struct transport *t, uint8_t msg)
{
	int kexmsg = msg >= 20 && msg <= 49;

	if (!t->first_kex_done && t->strict && !kexmsg)
		return 0; /* strict kex: nothing else during the first kex */
	if (!t->first_kex_done && msg >= 5 && !kexmsg)
		return 0; /* no service before keys */
	if (t->kexinit_received && !t->newkeys_received && msg >= 50)
		return 0; /* peer is between its KEXINIT and NEWKEYS */
	return 1;
}

static int dispatch(struct transport *t, struct view pl, struct view *payload)
{
	uint8_t msg;
	int rc;

	if (pl.len == 0)
		return tr_fail(t, SSH_DISCONNECT_PROTOCOL_ERROR, "empty packet", E_FORMAT);
	msg = pl.p[0];
	if (!msg_allowed(t, msg))
		return tr_fail(t, SSH_DISCONNECT_PROTOCOL_ERROR, "unexpected message", E_FORMAT);
	if (msg >= 20 && msg <= 49)
		rc = tr_kex_recv(t, msg, pl);
	else if (msg < 5 || (msg > 7 && msg < 20))
		rc = recv_generic(t, msg, pl);
	else {
		*payload = pl;
		return E_OK;
	}
	return rc == E_OK ? TR_CONSUMED : rc;
}

int tr_next(struct transport *t, struct view *payload)
{
	struct view pl;
	int rc;

	for (;;) {
		if (t->state == TR_DEAD)
			return E_IO;
		if (t->state == TR_IDENT)
			return E_SHORT;
		rc = pkt_reader_next(&t->reader, &t->rx, &pl);
		if (rc == E_SHORT)
			return E_SHORT;
		if (rc == E_VERIFY)
			return tr_fail(t, SSH_DISCONNECT_MAC_ERROR, "bad packet MAC", rc);
		if (rc == E_TOOBIG)
			return tr_fail(t, SSH_DISCONNECT_PROTOCOL_ERROR, "packet too long", rc);
		if (rc != E_OK)
			return tr_fail(t, SSH_DISCONNECT_PROTOCOL_ERROR,
			               "bad packet length or padding", rc);
		rc = dispatch(t, pl, payload);
		if (rc != TR_CONSUMED)
			return rc;
	}
}

static int hold(struct transport *t, const uint8_t *p, size_t n)
{
	size_t need = t->held_len + 4 + n, cap;
	uint8_t *q;

	if (need > TR_OUT_MAX)
		return E_TOOBIG;
	if (need > t->held_cap) {
		for (cap = t->held_cap ? t->held_cap : 4096; cap < need; cap *= 2)
			;
		q = realloc(t->held, cap);
		if (!q)
			return E_NOMEM;
		t->held = q;
		t->held_cap = cap;
	}
	q = t->held + t->held_len;
	q[0] = (uint8_t)(n >> 24);
	q[1] = (uint8_t)(n >> 16);
	q[2] = (uint8_t)(n >> 8);
	q[3] = (uint8_t)n;
	memcpy(q + 4, p, n);
	t->held_len = need;
	return E_OK;
}

int tr_flush_held(struct transport *t)
{
	size_t off = 0;
	int rc = E_OK;

	while (rc == E_OK && off + 4 <= t->held_len) {
		const uint8_t *q = t->held + off;
		size_t n = (size_t)q[0] << 24 | (size_t)q[1] << 16 | (size_t)q[2] << 8 | q[3];
		rc = tr_seal(t, q + 4, n);
		off += 4 + n;
	}
	if (t->held)
		wipe(t->held, t->held_len);
	t->held_len = 0;
	return rc;
}

int tr_send(struct transport *t, const uint8_t *payload, size_t n)
{
	uint8_t msg;

	if (t->state == TR_DEAD)
		return E_IO;
	if (n == 0 || n > PKT_MAX_PAYLOAD)
		return E_TOOBIG;
	if (tr_backlog(t) + n > TR_OUT_MAX)
		return E_TOOBIG;
	msg = payload[0];
	/* RFC 4253 7.1: between our KEXINIT and our NEWKEYS, no service or
	 * upper-layer messages. */
	if (t->kex_active && !t->newkeys_sent && (msg == 5 || msg == 6 || msg >= 50))
		return hold(t, payload, n);
	return tr_seal(t, payload, n);
}

int tr_send_unimplemented(struct transport *t)
{
	uint8_t b[5];
	uint32_t seq = t->rx.seq - 1;

	b[0] = SSH_MSG_UNIMPLEMENTED;
	b[1] = (uint8_t)(seq >> 24);
	b[2] = (uint8_t)(seq >> 16);
	b[3] = (uint8_t)(seq >> 8);
	b[4] = (uint8_t)seq;
	return tr_seal(t, b, sizeof(b));
}

void tr_send_disconnect(struct transport *t, uint32_t reason, const char *why)
{
	uint8_t buf[256];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, SSH_MSG_DISCONNECT);
	wr_u32(&w, reason);
	wr_string(&w, why, strlen(why) > 200 ? 200 : strlen(why));
	wr_cstr(&w, "");
	if (w.err == E_OK)
		tr_seal(t, buf, w.len);
}

size_t tr_out(const struct transport *t, const uint8_t **p)
{
	*p = t->out + t->out_off;
	return t->out_len - t->out_off;
}

void tr_out_done(struct transport *t, size_t n)
{
	t->out_off += n;
	if (t->out_off >= t->out_len)
		t->out_off = t->out_len = 0;
}

size_t tr_backlog(const struct transport *t)
{
	return (t->out_len - t->out_off) + t->held_len;
}

int tr_want_rekey(const struct transport *t, time_t now)
{
	uint64_t bytes = t->tx.bytes + t->rx.bytes;

	if (t->kex_active || !t->first_kex_done || t->state != TR_RUN)
		return 0;
	return bytes - t->kex_bytes >= (uint64_t)SHREW_REKEY_BYTES ||
	       now - t->kex_time >= SHREW_REKEY_SECONDS;
}
