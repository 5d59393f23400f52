/*
 * bench-cipher.c - bulk speed of the packet layer (common-packet.c) per
 * cipher (+ MAC): seal 32 KiB payloads into a buffer, then open them
 * again, and report MiB/s of payload for each direction, from process CPU
 * time (so a busy machine skews it less than wall time).  argv[1]: MiB
 * per cipher (default 256).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "options.h"
#include "common-algo.h"
#include "common-err.h"
#include "common-packet.h"
#include "crypto-ltc.h"

#define PAYLOAD 32768

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct pkt_dir tx, rx;
static struct pkt_reader rd;
static uint8_t payload[PAYLOAD], wire[PKT_SEAL_MAX(PAYLOAD)];

/* Feeds one sealed packet to the reader and takes its payload back. */
static int open_one(size_t len)
{
	size_t off = 0, used;
	struct view pl;
	int rc, got = 0;

	while (off < len || !got) {
		if (off < len) {
			if (pkt_reader_feed(&rd, &rx, wire + off, len - off, &used) != E_OK)
				return 1;
			off += used;
		}
		rc = pkt_reader_next(&rd, &rx, &pl);
		if (rc == E_OK && pl.len == sizeof(payload))
			got = 1;
		else if (rc != E_SHORT || (off == len && !got && used == 0))
			return 1;
	}
	return 0;
}

/* Seals then opens count packets; adds the CPU seconds of each side. */
static int run(size_t count, double *seal_s, double *open_s)
{
	size_t i;
	struct wr w;
	double t0;

	for (i = 0; i < count; i++) {
		wr_init(&w, wire, sizeof(wire));
		t0 = cpu_s();
		if (pkt_seal(&tx, payload, sizeof(payload), &w) != E_OK)
			return 1;
		*seal_s += cpu_s() - t0;
		t0 = cpu_s();
		if (open_one(w.len))
			return 1;
		*open_s += cpu_s() - t0;
	}
	return 0;
}

static int bench(enum cipher_alg c, enum mac_alg m, size_t mib)
{
	static const uint8_t key[64] = {1}, iv[32] = {2}, mk[64] = {3};
	const struct cipher_desc *cd = cipher_desc(c);
	const struct mac_desc *md = mac_desc(m);
	double seal = 0, open = 0;
	size_t count = mib * 1024 * 1024 / PAYLOAD;

	if (!cd || (m != MACALG_NONE && !md))
		return 0;
	pkt_dir_init_plain(&tx);
	pkt_dir_init_plain(&rx);
	pkt_reader_init(&rd);
	if (pkt_dir_set_keys(&tx, c, key, iv, m, mk) != E_OK ||
	    pkt_dir_set_keys(&rx, c, key, iv, m, mk) != E_OK || run(count, &seal, &open)) {
		fprintf(stderr, "%s: failed\n", cd->name);
		return 1;
	}
	printf("%-32s %-30s seal %7.1f MiB/s  open %7.1f MiB/s\n", cd->name, md ? md->name : "",
	       (double)mib / seal, (double)mib / open);
	pkt_dir_wipe(&tx);
	pkt_dir_wipe(&rx);
	return 0;
}

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? (size_t)atoi(argv[1]) : 256;
	int bad = 0;

	if (mib == 0 || crypto_init() != E_OK)
		return 2;
	bad |= bench(CIPHER_CHACHAPOLY, MACALG_NONE, mib);
	bad |= bench(CIPHER_AES128_GCM, MACALG_NONE, mib);
	bad |= bench(CIPHER_AES256_GCM, MACALG_NONE, mib);
	bad |= bench(CIPHER_AES128_CTR, MACALG_HMAC_SHA256_ETM, mib);
	bad |= bench(CIPHER_AES256_CTR, MACALG_HMAC_SHA256_ETM, mib);
	bad |= bench(CIPHER_AES128_CTR, MACALG_HMAC_SHA512_ETM, mib);
	return bad;
}
