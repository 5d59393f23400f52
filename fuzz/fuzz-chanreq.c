/*
 * fuzz-chanreq.c - libFuzzer target for the connection protocol layer:
 * common-channel.c (parsers, dispatch, windows, EOF/CLOSE) and the
 * session requests of svr-session*.c (pty-req and its terminal modes,
 * window-change, env, shell/exec/subsystem, signal).
 *
 * The input is a sequence of payloads, each a 2-byte big-endian length
 * and that many bytes (a short last one is taken as it is), fed to
 * chan_handle on a fresh channel table per input until one is refused.
 * Sessions never start a process (policy no_spawn) and never open a pty.
 * Invariants: every reply fits a packet, no more channels than slots,
 * a refused message ends the connection (sess_disconnect called or a
 * send failure); everything is freed (LeakSanitizer watches).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common-channel.h"
#include "common-err.h"
#include "common-sess.h"
#include "svr-opts.h"
#include "svr-session.h"

static int disconnected;

int sess_send(struct sess *s, const uint8_t *payload, size_t n)
{
	(void)s;
	if (n == 0 || n > SHREW_MAX_PACKET || payload[0] < SSH_MSG_GLOBAL_REQUEST ||
	    payload[0] > SSH_MSG_CHANNEL_FAILURE)
		abort();
	return E_OK;
}

void sess_disconnect(struct sess *s, uint32_t reason, const char *why)
{
	if (reason != SSH_DISCONNECT_PROTOCOL_ERROR || !why || !why[0])
		abort();
	disconnected = 1;
	s->closing = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sess s;
	static struct svr_opts o;
	struct session_policy pol;
	size_t n;
	int rc = E_OK;

	memset(&s, 0, sizeof(s));
	memset(&o, 0, sizeof(o));
	memset(&pol, 0, sizeof(pol));
	o.recv_window = SVR_OPTS_MIN_WINDOW; /* small: windows run out */
	s.opts = &o;
	pol.user = "fuzz";
	pol.allow_pty = 1;
	pol.no_spawn = 1;
	disconnected = 0;
	if (svr_session_init(&s, &pol) != E_OK)
		abort();
	while (size > 0 && rc == E_OK) {
		n = size >= 2 ? (size_t)data[0] << 8 | data[1] : 0;
		data += size >= 2 ? 2 : 1;
		size -= size >= 2 ? 2 : 1;
		if (n > size)
			n = size;
		rc = chan_handle(&s, data, n);
		if (rc != E_OK && !disconnected)
			abort();
		if (chan_count(&s) > SHREW_MAX_CHANNELS)
			abort();
		data += n;
		size -= n;
	}
	svr_session_free(&s);
	return 0;
}
