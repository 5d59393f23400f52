/*
 * fuzz-preauth.c - an in-memory pre-authentication server session driven
 * through the sans-I/O transport: the fuzzer's bytes are what a client
 * sends (identification line, packets, ...), fed in two chunks to also
 * exercise partial input; whatever the server queues is drained.  A real
 * key exchange happens when the input is a valid curve25519 kex init
 * (the seed corpus has one), so the encrypted phase is reachable too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common-err.h"
#include "common-transport.h"
#include "crypto-25519.h"
#include "crypto-ltc.h"

static struct hostkeys hk;

static void setup(void)
{
	static const uint8_t seed[32] = {7, 7, 7};
	uint8_t pub[32];

	crypto_init();
	ed25519_pubkey(pub, seed);
	key_set_ed25519(&hk.key[0], pub, seed);
	hk.n = 1;
}

static void feed(struct transport *t, const uint8_t *p, size_t n)
{
	const uint8_t *out;
	struct view pl;
	size_t used;

	while (n > 0) {
		if (tr_feed(t, p, n, &used) != E_OK)
			return;
		p += used;
		n -= used;
		while (tr_next(t, &pl) == E_OK)
			if (pl.p[0] >= 50)
				tr_send_unimplemented(t);
		tr_out_done(t, tr_out(t, &out));
		if (used == 0)
			return;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct transport t;
	static int ready;
	size_t half = size / 2;

	if (!ready) {
		setup();
		ready = 1;
	}
	if (tr_init(&t, 1, &hk, NULL) != E_OK)
		return 0;
	feed(&t, data, half);
	feed(&t, data + half, size - half);
	tr_free(&t);
	return 0;
}
