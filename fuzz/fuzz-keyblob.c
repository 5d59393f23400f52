/*
 * fuzz-keyblob.c - libFuzzer target for the key layer's parsers
 * (common-key.c): public key blobs, signature blobs and the OpenSSH
 * private key fields, as a peer, an authorized_keys line or a key file
 * would feed them.
 *
 * The input is read three ways:
 *   1. the whole input as one public key blob (key_from_blob);
 *   2. string(key blob) || signature blob: the key, then key_verify of
 *      the remaining bytes over a fixed message (what userauth and the
 *      kex host key check do);
 *   3. the whole input as private key fields (key_get_private).
 * Invariants checked: a key that parses re-encodes to exactly the bytes
 * it came from (one encoding per key), a failed parse leaves KEY_NONE,
 * and every key is freed (LeakSanitizer watches).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common-err.h"
#include "common-key.h"
#include "crypto-ltc.h"

static const uint8_t message[] = "shrew fuzz-keyblob signed data";

/* A parsed key must re-encode to its own bytes. */
static void check_reencode(const struct key *k, const uint8_t *blob, size_t n)
{
	static uint8_t out[KEY_MAX_PUB_BLOB];
	struct wr w;

	wr_init(&w, out, sizeof(out));
	if (key_put_public(k, &w) != E_OK || w.len != n || memcmp(out, blob, n) != 0)
		abort();
}

static void whole_blob(const uint8_t *data, size_t size)
{
	struct key k;

	if (key_from_blob(&k, data, size) == E_OK)
		check_reencode(&k, data, size);
	else if (k.type != KEY_NONE)
		abort();
	key_free(&k);
}

static void blob_then_signature(const uint8_t *data, size_t size)
{
	struct view blob, sig;
	enum sig_alg alg;
	struct key k;
	struct rd r;
	int rc;

	rd_init(&r, data, size);
	rd_string(&r, KEY_MAX_PUB_BLOB, &blob);
	if (rd_bytes(&r, rd_left(&r), &sig) != E_OK)
		return;
	if (key_from_blob(&k, blob.p, blob.len) != E_OK)
		return;
	check_reencode(&k, blob.p, blob.len);
	rc = key_verify(&k, sig.p, sig.len, message, sizeof(message) - 1, &alg);
	if (rc != E_OK && rc != E_VERIFY && rc != E_FORMAT)
		abort();
	key_free(&k);
}

static void private_fields(const uint8_t *data, size_t size)
{
	static uint8_t out[KEY_MAX_PUB_BLOB * 4];
	struct key k;
	struct wr w;
	struct rd r;

	rd_init(&r, data, size);
	if (key_get_private(&k, &r) != E_OK) {
		if (k.type != KEY_NONE)
			abort();
		return;
	}
	/* The consumed bytes re-encode exactly as well. */
	wr_init(&w, out, sizeof(out));
	if (!k.has_private || key_put_private(&k, &w) != E_OK || w.len != r.off ||
	    memcmp(out, data, r.off) != 0)
		abort();
	key_free(&k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;

	if (!ready) {
		if (crypto_init() != E_OK)
			abort();
		ready = 1;
	}
	whole_blob(data, size);
	blob_then_signature(data, size);
	private_fields(data, size);
	return 0;
}
