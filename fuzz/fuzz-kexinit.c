/*
 * fuzz-kexinit.c - libFuzzer target for the SSH_MSG_KEXINIT parser and
 * the algorithm negotiation (common-kexinit.c), as a peer would feed them
 * before any key exists.
 *
 * The input is one KEXINIT payload.  If it parses, it is negotiated twice
 * against our own lists (built once, with every host key algorithm): as
 * the client facing our server, and as the server facing our client.
 * Invariants checked: a parsed message rebuilds to its own bytes (when its
 * boolean is 0/1 and reserved is 0), every choice names a built-in
 * algorithm, a MAC is chosen exactly when the cipher is not an AEAD, and a
 * failure names its category.  Nothing allocates, so nothing can leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common-err.h"
#include "common-kexinit.h"

static const uint8_t cookie[KEXINIT_COOKIE_LEN];
static uint8_t server_buf[4096], client_buf[4096];
static struct kexinit our_server, our_client;

static void build_ours(void)
{
	struct wr w;

	wr_init(&w, server_buf, sizeof(server_buf));
	if (kexinit_build_ours(&w, cookie, 1, algo_sigs_all(), NULL) != E_OK ||
	    kexinit_parse(server_buf, w.len, &our_server) != E_OK)
		abort();
	wr_init(&w, client_buf, sizeof(client_buf));
	if (kexinit_build_ours(&w, cookie, 0, algo_sigs_all(), NULL) != E_OK ||
	    kexinit_parse(client_buf, w.len, &our_client) != E_OK)
		abort();
}

static void check_direction(enum cipher_alg cipher, enum mac_alg mac)
{
	const struct cipher_desc *c = cipher_desc(cipher);

	if (c == NULL)
		abort();
	if (cipher_is_aead(c) ? mac != MACALG_NONE : mac_desc(mac) == NULL)
		abort();
}

static void check_choice(int rc, const struct kex_choice *c)
{
	if (rc == E_UNSUPPORTED) {
		if (c->failed_category == NULL)
			abort();
		return;
	}
	if (rc != E_OK || c->failed_category != NULL)
		abort();
	if (kex_desc(c->kex) == NULL || sig_alg_name(c->hostkey) == NULL)
		abort();
	check_direction(c->cipher_c2s, c->mac_c2s);
	check_direction(c->cipher_s2c, c->mac_s2c);
}

static void check_rebuild(const struct kexinit *k, const uint8_t *data, size_t size)
{
	static uint8_t out[KEXINIT_NLISTS * (KEXINIT_MAX_NAMELIST + 4) + 64];
	struct wr w;

	if (k->reserved != 0 || data[size - 5] > 1)
		return;
	wr_init(&w, out, sizeof(out));
	if (kexinit_build(&w, k->cookie.p, k->list, k->first_kex_follows) != E_OK ||
	    w.len != size || memcmp(out, data, size) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct kex_choice c;
	struct kexinit peer;

	if (!ready) {
		build_ours();
		ready = 1;
	}
	if (kexinit_parse(data, size, &peer) != E_OK)
		return 0;
	check_rebuild(&peer, data, size);
	check_choice(kex_negotiate(&our_client, &peer, 0, &c), &c);
	check_choice(kex_negotiate(&peer, &our_server, 1, &c), &c);
	return 0;
}
