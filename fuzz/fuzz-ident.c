/*
 * fuzz-ident.c - the identification exchange (RFC 4253 4.2) on its own:
 * the fuzzer's bytes are what a peer sends before its first packet, fed
 * in chunks whose sizes the first input byte picks (1..16 bytes, so lines
 * split at every place), to a server and a client transport.  Checks that
 * an accepted peer version is an "SSH-2.0-" (or "SSH-1.99-") line within the length cap and
 * without CR, LF or NUL, and that the line count cap holds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-transport.h"
#include "crypto-25519.h"
#include "crypto-ltc.h"

static struct hostkeys hk;

static void check(const struct transport *t)
{
	size_t i;

	if (t->v_peer_len == 0)
		return;
	if (t->v_peer_len > SHREW_MAX_IDENT_LINE ||
	    (memcmp(t->v_peer, "SSH-2.0-", 8) != 0 && memcmp(t->v_peer, "SSH-1.99-", 9) != 0))
		abort();
	for (i = 0; i < t->v_peer_len; i++)
		if (t->v_peer[i] == '\r' || t->v_peer[i] == '\n' || t->v_peer[i] == '\0')
			abort();
	if (t->ident_lines > SHREW_MAX_IDENT_LINES)
		abort();
}

static void run(int is_server, const uint8_t *p, size_t n, size_t chunk)
{
	static struct transport t;
	struct view pl;
	size_t used, k;

	if (tr_init(&t, is_server, is_server ? &hk : NULL, NULL) != E_OK)
		abort();
	while (n > 0) {
		k = n < chunk ? n : chunk;
		if (tr_feed(&t, p, k, &used) != E_OK)
			break;
		p += used;
		n -= used;
		while (tr_next(&t, &pl) == E_OK)
			;
		check(&t);
		if (used == 0 || t.v_peer_len > 0)
			break;
	}
	check(&t);
	tr_free(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t seed[32] = {9};
	static int ready;
	uint8_t pub[32];
	size_t chunk;

	if (!ready) {
		crypto_init();
		ed25519_pubkey(pub, seed);
		key_set_ed25519(&hk.key[0], pub, seed);
		hk.n = 1;
		ready = 1;
	}
	if (size < 1)
		return 0;
	chunk = (size_t)(data[0] % 16) + 1;
	run(1, data + 1, size - 1, chunk);
	run(0, data + 1, size - 1, chunk);
	return 0;
}
