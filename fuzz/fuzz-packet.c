/*
 * fuzz-packet.c - libFuzzer target for the packet reader (common-packet.c).
 *
 * The first input byte picks the chunk size the rest is fed in (1..256),
 * so the reader's incremental paths are exercised.  The rest is read as a
 * byte stream from the peer by:
 *   1. a plain (pre-NEWKEYS) reader,
 *   2. a chacha20-poly1305@openssh.com reader,
 *   3. an aes128-ctr + hmac-sha2-256-etm@openssh.com reader,
 *   4. an aes256-ctr + hmac-sha2-256 (MAC-then-encrypt) reader,
 * each keyed with fixed keys and pulling packets until an error or
 * E_SHORT.  Then the rest is sealed as one payload with each keyed
 * direction and must come back unchanged.  Invariants: a payload view
 * lies inside the reader's buffer, errors stick, nothing allocates
 * (every buffer is static and fixed-size).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-packet.h"
#include "crypto-ltc.h"

static struct pkt_dir tx, rx;
static struct pkt_reader rd;
static uint8_t wire[PKT_SEAL_MAX(PKT_MAX_PAYLOAD)];
static uint8_t key[64], iv[16], mackey[64];

struct setup {
	enum cipher_alg cipher;
	enum mac_alg mac;
};

static const struct setup setups[] = {
    {CIPHER_NONE, MACALG_NONE},
#if SHREW_CHACHA20_POLY1305
    {CIPHER_CHACHAPOLY, MACALG_NONE},
#endif
#if SHREW_AES_CTR && SHREW_HMAC_SHA256
    {CIPHER_AES128_CTR, MACALG_HMAC_SHA256_ETM},
    {CIPHER_AES256_CTR, MACALG_HMAC_SHA256},
#endif
};

static void keyed(struct pkt_dir *d, const struct setup *s)
{
	pkt_dir_init_plain(d);
	if (s->cipher != CIPHER_NONE &&
	    pkt_dir_set_keys(d, s->cipher, key, iv, s->mac, mackey) != E_OK) {
		abort();
	}
}

/* Feeds n bytes at p in chunks of step, pulling packets as they come. */
static void read_stream(const uint8_t *p, size_t n, size_t step)
{
	size_t off = 0, used, chunk;
	struct view v;
	int rc = E_SHORT, again;

	pkt_reader_init(&rd);
	while (rc == E_SHORT && off < n) {
		chunk = step < n - off ? step : n - off;
		if (pkt_reader_feed(&rd, &rx, p + off, chunk, &used) != E_OK) {
			abort();
		}
		off += used;
		while ((rc = pkt_reader_next(&rd, &rx, &v)) == E_OK) {
			if (v.p < rd.buf || v.len > sizeof(rd.buf) ||
			    (size_t)(v.p - rd.buf) > sizeof(rd.buf) - v.len) {
				abort();
			}
		}
		if (used == 0 && rc == E_SHORT) {
			abort(); /* full buffer yet no packet: cannot happen */
		}
	}
	if (rc != E_SHORT) { /* errors stick */
		again = pkt_reader_next(&rd, &rx, &v);
		if (again != rc || v.p != NULL) {
			abort();
		}
	}
}

/* Seals p as one payload and reads it back. */
static void roundtrip(const struct setup *s, const uint8_t *p, size_t n)
{
	struct view v;
	size_t used;
	struct wr w;

	keyed(&tx, s);
	keyed(&rx, s);
	wr_init(&w, wire, sizeof(wire));
	if (pkt_seal(&tx, p, n, &w) != E_OK) {
		abort();
	}
	pkt_reader_init(&rd);
	if (pkt_reader_feed(&rd, &rx, wire, w.len, &used) != E_OK || used != w.len ||
	    pkt_reader_next(&rd, &rx, &v) != E_OK || v.len != n ||
	    (n > 0 && memcmp(v.p, p, n) != 0) || rx.seq != 1) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	size_t i, step;

	if (!ready) {
		if (crypto_init() != E_OK) {
			abort();
		}
		for (i = 0; i < sizeof(key); i++) {
			key[i] = (uint8_t)(i * 3 + 1);
			mackey[i] = (uint8_t)(i ^ 0x5c);
		}
		for (i = 0; i < sizeof(iv); i++) {
			iv[i] = (uint8_t)(0xf0 + i);
		}
		ready = 1;
	}
	if (size < 1) {
		return 0;
	}
	step = (size_t)data[0] + 1;
	data++;
	size--;
	for (i = 0; i < sizeof(setups) / sizeof(setups[0]); i++) {
		keyed(&rx, &setups[i]);
		read_stream(data, size, step);
		if (size <= PKT_MAX_PAYLOAD) {
			roundtrip(&setups[i], data, size);
		}
	}
	return 0;
}
