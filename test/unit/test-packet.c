/*
 * test-packet.c - common-packet.c: every cipher x MAC combination compiled
 * in (none/none too) seals payloads that a reader gets back whole, fed all
 * at once, byte by byte and in random chunks; sequence numbers advance and
 * wrap; any single flipped byte is rejected; bad length fields are
 * rejected from the first block, before the body; bad padding lengths are
 * rejected; keys switch between two buffered packets (NEWKEYS).  The
 * known answer is the first packet (KEXINIT, plain layout) an OpenSSH
 * 9.2p1 client sent to a listener that had sent "SSH-2.0-test\r\n".
 *
 * The hostile packets are built by raw_seal() below straight from the
 * crypto glue, so their MACs and tags are right and only the field under
 * test is wrong (a control with the right field must pass).
 */
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-packet.h"
#include "crypto-ltc.h"
#include "unit.h"

struct combo {
	enum cipher_alg cipher;
	enum mac_alg mac;
};

static struct combo combos[32];
static size_t ncombos;

static uint8_t key[64], iv[16], mackey[64];

/* Big contexts (AES-GCM is about 66 KB): static, not on the stack. */
static struct pkt_dir tx, rx;
static struct pkt_reader rd;

/* The OpenSSH 9.2p1 client's first packet (after its version line). */
/* clang-format off */
static const char openssh_kexinit[] =
	"00000614081485685889b04be118987b4d9f375ea7ab00000148736e747275703736317832353531392d7368"
	"613531322c736e747275703736317832353531392d736861353132406f70656e7373682e636f6d2c63757276"
	"6532353531392d7368613235362c637572766532353531392d736861323536406c69627373682e6f72672c65"
	"6364682d736861322d6e697374703235362c656364682d736861322d6e697374703338342c656364682d7368"
	"61322d6e697374703532312c6469666669652d68656c6c6d616e2d67726f75702d65786368616e67652d7368"
	"613235362c6469666669652d68656c6c6d616e2d67726f757031362d7368613531322c6469666669652d6865"
	"6c6c6d616e2d67726f757031382d7368613531322c6469666669652d68656c6c6d616e2d67726f757031342d"
	"7368613235362c6578742d696e666f2d632c6b65782d7374726963742d632d763030406f70656e7373682e63"
	"6f6d000001cf7373682d656432353531392d636572742d763031406f70656e7373682e636f6d2c6563647361"
	"2d736861322d6e697374703235362d636572742d763031406f70656e7373682e636f6d2c65636473612d7368"
	"61322d6e697374703338342d636572742d763031406f70656e7373682e636f6d2c65636473612d736861322d"
	"6e697374703532312d636572742d763031406f70656e7373682e636f6d2c736b2d7373682d65643235353139"
	"2d636572742d763031406f70656e7373682e636f6d2c736b2d65636473612d736861322d6e69737470323536"
	"2d636572742d763031406f70656e7373682e636f6d2c7273612d736861322d3531322d636572742d76303140"
	"6f70656e7373682e636f6d2c7273612d736861322d3235362d636572742d763031406f70656e7373682e636f"
	"6d2c7373682d656432353531392c65636473612d736861322d6e697374703235362c65636473612d73686132"
	"2d6e697374703338342c65636473612d736861322d6e697374703532312c736b2d7373682d65643235353139"
	"406f70656e7373682e636f6d2c736b2d65636473612d736861322d6e69737470323536406f70656e7373682e"
	"636f6d2c7273612d736861322d3531322c7273612d736861322d3235360000006c63686163686132302d706f"
	"6c7931333035406f70656e7373682e636f6d2c6165733132382d6374722c6165733139322d6374722c616573"
	"3235362d6374722c6165733132382d67636d406f70656e7373682e636f6d2c6165733235362d67636d406f70"
	"656e7373682e636f6d0000006c63686163686132302d706f6c7931333035406f70656e7373682e636f6d2c61"
	"65733132382d6374722c6165733139322d6374722c6165733235362d6374722c6165733132382d67636d406f"
	"70656e7373682e636f6d2c6165733235362d67636d406f70656e7373682e636f6d000000d5756d61632d3634"
	"2d65746d406f70656e7373682e636f6d2c756d61632d3132382d65746d406f70656e7373682e636f6d2c686d"
	"61632d736861322d3235362d65746d406f70656e7373682e636f6d2c686d61632d736861322d3531322d6574"
	"6d406f70656e7373682e636f6d2c686d61632d736861312d65746d406f70656e7373682e636f6d2c756d6163"
	"2d3634406f70656e7373682e636f6d2c756d61632d313238406f70656e7373682e636f6d2c686d61632d7368"
	"61322d3235362c686d61632d736861322d3531322c686d61632d73686131000000d5756d61632d36342d6574"
	"6d406f70656e7373682e636f6d2c756d61632d3132382d65746d406f70656e7373682e636f6d2c686d61632d"
	"736861322d3235362d65746d406f70656e7373682e636f6d2c686d61632d736861322d3531322d65746d406f"
	"70656e7373682e636f6d2c686d61632d736861312d65746d406f70656e7373682e636f6d2c756d61632d3634"
	"406f70656e7373682e636f6d2c756d61632d313238406f70656e7373682e636f6d2c686d61632d736861322d"
	"3235362c686d61632d736861322d3531322c686d61632d736861310000001a6e6f6e652c7a6c6962406f7065"
	"6e7373682e636f6d2c7a6c69620000001a6e6f6e652c7a6c6962406f70656e7373682e636f6d2c7a6c696200"
	"0000000000000000000000000000000000000000";
/* clang-format on */

static const enum cipher_alg all_ciphers[] = {
    CIPHER_CHACHAPOLY, CIPHER_AES128_GCM, CIPHER_AES256_GCM, CIPHER_AES128_CTR,
    CIPHER_AES256_CTR, CIPHER_AES128_CBC, CIPHER_AES256_CBC,
};
static const enum mac_alg all_macs[] = {
    MACALG_HMAC_SHA256,     MACALG_HMAC_SHA512, MACALG_HMAC_SHA256_ETM,
    MACALG_HMAC_SHA512_ETM, MACALG_HMAC_SHA1,   MACALG_HMAC_SHA1_ETM,
};

static int cipher_built(enum cipher_alg c)
{
	switch (c) {
	case CIPHER_CHACHAPOLY: return SHREW_CHACHA20_POLY1305;
	case CIPHER_AES128_GCM:
	case CIPHER_AES256_GCM: return SHREW_AES_GCM;
	case CIPHER_AES128_CTR:
	case CIPHER_AES256_CTR: return SHREW_AES_CTR;
	case CIPHER_AES128_CBC:
	case CIPHER_AES256_CBC: return SHREW_AES_CBC;
	default: return 0;
	}
}

static int is_aead(enum cipher_alg c)
{
	return c == CIPHER_CHACHAPOLY || c == CIPHER_AES128_GCM || c == CIPHER_AES256_GCM;
}

static enum mac_id mac_hmac(enum mac_alg m)
{
	switch (m) {
	case MACALG_HMAC_SHA1:
	case MACALG_HMAC_SHA1_ETM: return MAC_HMAC_SHA1;
	case MACALG_HMAC_SHA512:
	case MACALG_HMAC_SHA512_ETM: return MAC_HMAC_SHA512;
	default: return MAC_HMAC_SHA256;
	}
}

static int mac_built(enum mac_alg m)
{
	switch (mac_hmac(m)) {
	case MAC_HMAC_SHA1: return SHREW_HMAC_SHA1;
	case MAC_HMAC_SHA512: return SHREW_HMAC_SHA512;
	default: return SHREW_HMAC_SHA256;
	}
}

/* Tag bytes after a packet of c. */
static size_t tag_of(enum cipher_alg c, enum mac_alg m)
{
	if (is_aead(c)) {
		return 16;
	}
	switch (m) {
	case MACALG_NONE: return 0;
	case MACALG_HMAC_SHA1:
	case MACALG_HMAC_SHA1_ETM: return 20;
	case MACALG_HMAC_SHA512:
	case MACALG_HMAC_SHA512_ETM: return 64;
	default: return 32;
	}
}

static int is_etm(enum mac_alg m)
{
	return m == MACALG_HMAC_SHA256_ETM || m == MACALG_HMAC_SHA512_ETM ||
	       m == MACALG_HMAC_SHA1_ETM;
}

/* Layout facts the test needs about a combination. */
static int len_excluded(const struct combo *c)
{
	return is_aead(c->cipher) || is_etm(c->mac);
}

static size_t block_of(const struct combo *c)
{
	return c->cipher == CIPHER_NONE || c->cipher == CIPHER_CHACHAPOLY ? 8 : 16;
}

#if SHREW_AES
static size_t key_len_of(enum cipher_alg c)
{
	if (c == CIPHER_CHACHAPOLY) {
		return 64;
	}
	return c == CIPHER_AES256_GCM || c == CIPHER_AES256_CTR || c == CIPHER_AES256_CBC ? 32 : 16;
}
#endif

static const char *combo_name(const struct combo *c)
{
	static const char *cn[] = {"none",   "chacha", "gcm128", "gcm256",
	                           "ctr128", "ctr256", "cbc128", "cbc256"};
	static const char *mn[] = {"none",       "sha256", "sha512",  "sha256-etm",
	                           "sha512-etm", "sha1",   "sha1-etm"};
	static char buf[40];

	snprintf(buf, sizeof(buf), "%s/%s", cn[c->cipher], mn[c->mac]);
	return buf;
}

static void make_combos(void)
{
	size_t i, j;

	ncombos = 0;
	combos[ncombos++] = (struct combo){CIPHER_NONE, MACALG_NONE};
	for (i = 0; i < sizeof(all_ciphers) / sizeof(all_ciphers[0]); i++) {
		if (!cipher_built(all_ciphers[i])) {
			continue;
		}
		if (is_aead(all_ciphers[i])) {
			combos[ncombos++] = (struct combo){all_ciphers[i], MACALG_NONE};
			continue;
		}
		for (j = 0; j < sizeof(all_macs) / sizeof(all_macs[0]); j++) {
			if (mac_built(all_macs[j])) {
				combos[ncombos++] = (struct combo){all_ciphers[i], all_macs[j]};
			}
		}
	}
}

/* Sets d to c's keys (the same fixed keys for both ends). */
static int keyed(struct pkt_dir *d, const struct combo *c)
{
	pkt_dir_init_plain(d);
	if (c->cipher == CIPHER_NONE) {
		return E_OK;
	}
	return pkt_dir_set_keys(d, c->cipher, key, iv, c->mac, mackey);
}

static uint32_t rng_state = 12345;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static void fill(uint8_t *p, size_t n, size_t k)
{
	size_t i;

	for (i = 0; i < n; i++) {
		p[i] = (uint8_t)(i * 31 + k * 7 + 1);
	}
}

TEST(init)
{
	size_t i;

	CHECK(crypto_init() == E_OK);
	for (i = 0; i < sizeof(key); i++) {
		key[i] = (uint8_t)(i + 1);
		mackey[i] = (uint8_t)(0xa0 ^ i);
	}
	for (i = 0; i < sizeof(iv); i++) {
		iv[i] = (uint8_t)(0x10 * i + 3);
	}
	make_combos();
	printf("# %zu combinations; sizeof(struct pkt_dir) = %zu, sizeof(struct pkt_reader) = "
	       "%zu\n",
	       ncombos, sizeof(struct pkt_dir), sizeof(struct pkt_reader));
}

/* ---- Round trips ----------------------------------------------------------- */

static const size_t sizes[] = {0, 1, 15, 16, 17, 255, 1000, 32768};
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

static uint8_t wire[NSIZES * PKT_SEAL_MAX(32768)];
static uint8_t expect[PKT_MAX_PAYLOAD + 1];

/* Feeds w.len bytes of wire to rd in chunks (mode 0: all, 1: one byte,
 * 2: random) and checks each payload as it comes out. */
static size_t feed_and_check(size_t total, int mode, size_t first_k, size_t count)
{
	size_t off = 0, k = 0, used, chunk;
	struct view v;
	int rc;

	while (k < count) {
		chunk = mode == 0 ? total : mode == 1 ? 1 : 1 + rnd() % 3000;
		if (chunk > total - off) {
			chunk = total - off;
		}
		CHECK(pkt_reader_feed(&rd, &rx, wire + off, chunk, &used) == E_OK);
		off += used;
		while (k < count && (rc = pkt_reader_next(&rd, &rx, &v)) == E_OK) {
			size_t n = sizes[(first_k + k) % NSIZES];
			fill(expect, n, first_k + k);
			CHECK(v.len == n && (n == 0 || memcmp(v.p, expect, n) == 0));
			k++;
		}
		if (k < count && (rc != E_SHORT || chunk == 0)) {
			fprintf(stderr, "  stuck: rc %d at %zu of %zu, packet %zu\n", rc, off,
			        total, k);
			CHECK(0);
			break;
		}
	}
	CHECK(off == total);
	return k;
}

static void roundtrip(const struct combo *c, int mode, uint32_t seq0)
{
	struct wr w;
	size_t k;

	CHECK(keyed(&tx, c) == E_OK);
	CHECK(keyed(&rx, c) == E_OK);
	tx.seq = rx.seq = seq0; /* test only: start near the wrap */
	wr_init(&w, wire, sizeof(wire));
	for (k = 0; k < NSIZES; k++) {
		fill(expect, sizes[k], k);
		CHECK(pkt_seal(&tx, expect, sizes[k], &w) == E_OK);
	}
	CHECK(tx.seq == (uint32_t)(seq0 + NSIZES) && tx.packets == NSIZES);
	pkt_reader_init(&rd);
	CHECK(feed_and_check(w.len, mode, 0, NSIZES) == NSIZES);
	CHECK(rx.seq == tx.seq && rx.packets == NSIZES && rx.bytes == tx.bytes &&
	      tx.bytes == w.len);
}

TEST(roundtrip_all_combos)
{
	size_t i;
	int mode;

	for (i = 0; i < ncombos; i++) {
		int before = unit_failed_checks;
		for (mode = 0; mode < 3; mode++) {
			roundtrip(&combos[i], mode, mode == 2 ? 0xfffffffcu : 0);
		}
		if (unit_failed_checks != before) {
			fprintf(stderr, "  ... in %s\n", combo_name(&combos[i]));
		}
	}
}

/* Layout of what pkt_seal writes: RFC 4253 6 padding and alignment. */
TEST(seal_layout)
{
	size_t i, k;
	struct wr w;

	for (i = 0; i < ncombos; i++) {
		const struct combo *c = &combos[i];
		for (k = 0; k < NSIZES; k++) {
			size_t len, pad, tag = tag_of(c->cipher, c->mac);
			CHECK(keyed(&tx, c) == E_OK);
			wr_init(&w, wire, sizeof(wire));
			fill(expect, sizes[k], k);
			CHECK(pkt_seal(&tx, expect, sizes[k], &w) == E_OK);
			len = w.len - 4 - tag;
			pad = len - 1 - sizes[k];
			CHECK(pad >= 4 && pad < 4 + block_of(c));
			CHECK(((len_excluded(c) ? 0 : 4) + len) % block_of(c) == 0);
			CHECK(w.len <= PKT_SEAL_MAX(sizes[k]));
			if (c->cipher == CIPHER_NONE) {
				CHECK(wire[0] == 0 && wire[1] == 0 && wire[2] == len >> 8 &&
				      wire[3] == (len & 0xff) && wire[4] == pad);
				CHECK_MEM(wire + 5, expect, sizes[k]);
			}
		}
	}
}

/* The largest payload pkt_seal takes comes back; one more is refused. */
TEST(max_payload)
{
	size_t i;
	struct view v;
	struct wr w;
	size_t used;

	for (i = 0; i < ncombos; i++) {
		CHECK(keyed(&tx, &combos[i]) == E_OK);
		CHECK(keyed(&rx, &combos[i]) == E_OK);
		wr_init(&w, wire, sizeof(wire));
		fill(expect, PKT_MAX_PAYLOAD, 9);
		CHECK(pkt_seal(&tx, expect, PKT_MAX_PAYLOAD + 1, &w) == E_TOOBIG);
		CHECK(w.len == 0 && tx.seq == 0);
		CHECK(pkt_seal(&tx, expect, PKT_MAX_PAYLOAD, &w) == E_OK);
		pkt_reader_init(&rd);
		CHECK(pkt_reader_feed(&rd, &rx, wire, w.len, &used) == E_OK && used == w.len);
		CHECK(pkt_reader_next(&rd, &rx, &v) == E_OK);
		CHECK(v.len == PKT_MAX_PAYLOAD && memcmp(v.p, expect, v.len) == 0);
		/* No room: out is left as it was. */
		wr_init(&w, wire, 100);
		CHECK(pkt_seal(&tx, expect, 200, &w) == E_TOOBIG && w.len == 0);
	}
}

/* ---- Hostile input ------------------------------------------------------- */

/* Runs the reader on n bytes at p; if it wants more, feeds zeros until it
 * decides.  Returns the first result other than E_SHORT (or E_SHORT if the
 * buffer fills first, which must not happen). */
static int verdict(const uint8_t *p, size_t n)
{
	static const uint8_t zeros[4096];
	struct view v;
	size_t used;
	int rc, i;

	pkt_reader_init(&rd);
	CHECK(pkt_reader_feed(&rd, &rx, p, n, &used) == E_OK && used == n);
	rc = pkt_reader_next(&rd, &rx, &v);
	for (i = 0; rc == E_SHORT && i < 20; i++) {
		CHECK(pkt_reader_feed(&rd, &rx, zeros, sizeof(zeros), &used) == E_OK);
		rc = pkt_reader_next(&rd, &rx, &v);
	}
	return rc;
}

TEST(tamper_any_byte)
{
	static uint8_t bad[256];
	struct wr w;
	size_t i, pos;

	for (i = 0; i < ncombos; i++) {
		const struct combo *c = &combos[i];
		if (c->cipher == CIPHER_NONE) {
			continue; /* no integrity before NEWKEYS */
		}
		CHECK(keyed(&tx, c) == E_OK);
		wr_init(&w, wire, sizeof(wire));
		fill(expect, 17, 3);
		CHECK(pkt_seal(&tx, expect, 17, &w) == E_OK);
		CHECK(keyed(&rx, c) == E_OK);
		CHECK(verdict(wire, w.len) == E_OK); /* control */
		for (pos = 0; pos < w.len; pos++) {
			int rc;
			memcpy(bad, wire, w.len);
			bad[pos] ^= (uint8_t)(1u << (pos % 8));
			CHECK(keyed(&rx, c) == E_OK);
			rc = verdict(bad, w.len);
			if (rc == E_OK || rc == E_SHORT) {
				fprintf(stderr, "  %s: byte %zu flipped: rc %d\n", combo_name(c),
				        pos, rc);
				CHECK(0);
			}
		}
	}
}

#if SHREW_AES_CTR || SHREW_AES_CBC
/* Encrypts n bytes at p in place as the first bytes of c's stream. */
static void raw_encrypt(const struct combo *c, uint8_t *p, size_t n)
{
	size_t klen = key_len_of(c->cipher);

#if SHREW_AES_CTR
	if (c->cipher == CIPHER_AES128_CTR || c->cipher == CIPHER_AES256_CTR) {
		struct aesctr_ctx ctr;
		CHECK(aesctr_init(&ctr, key, klen, iv) == E_OK);
		CHECK(aesctr_crypt(&ctr, p, p, n) == E_OK);
		aesctr_wipe(&ctr);
		return;
	}
#endif
#if SHREW_AES_CBC
	{
		symmetric_CBC cbc;
		CHECK(cbc_start(find_cipher("aes"), iv, key, (int)klen, 0, &cbc) == CRYPT_OK);
		CHECK(cbc_encrypt(p, p, (unsigned long)n, &cbc) == CRYPT_OK);
		cbc_done(&cbc);
	}
#endif
}

/* MAC-and-encrypt of packet seq 0 for CTR/CBC with c's MAC. */
static size_t raw_seal_mac(const struct combo *c, uint8_t *out, size_t n)
{
	enum mac_id id = mac_hmac(c->mac);
	struct mac_ctx m;

	CHECK(mac_init(&m, id, mackey, mac_len(id)) == E_OK);
	if (is_etm(c->mac)) {
		raw_encrypt(c, out + 4, n - 4);
		CHECK(mac_compute(&m, 0, out, n, out + n) == E_OK);
	} else {
		CHECK(mac_compute(&m, 0, out, n, out + n) == E_OK);
		raw_encrypt(c, out, n);
	}
	mac_wipe(&m);
	return n + mac_len(id);
}
#endif

/* Encrypts and tags the n plaintext bytes at plain (length field to the
 * end of the padding, whatever they say) as c's first packet (seq 0) into
 * out, straight from the crypto glue.  Returns the wire length. */
static size_t raw_seal(const struct combo *c, const uint8_t *plain, size_t n, uint8_t *out)
{
	memcpy(out, plain, n);
	switch (c->cipher) {
	case CIPHER_NONE: return n;
#if SHREW_CHACHA20_POLY1305
	case CIPHER_CHACHAPOLY: {
		struct cp_ctx cp;
		CHECK(cp_init(&cp, key) == E_OK);
		CHECK(cp_seal(&cp, 0, out, out, n, out + n) == E_OK);
		cp_wipe(&cp);
		return n + CP_TAG_LEN;
	}
#endif
#if SHREW_AES_GCM
	case CIPHER_AES128_GCM:
	case CIPHER_AES256_GCM: {
		static struct aesgcm_ctx g;
		CHECK(aesgcm_init(&g, key, key_len_of(c->cipher), iv) == E_OK);
		CHECK(aesgcm_seal(&g, out, 4, out + 4, out + 4, n - 4, out + n) == E_OK);
		aesgcm_wipe(&g);
		return n + AESGCM_TAG_LEN;
	}
#endif
	default: break;
	}
#if SHREW_AES_CTR || SHREW_AES_CBC
	return raw_seal_mac(c, out, n);
#else
	CHECK(0);
	return 0;
#endif
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* A first block claiming packet_length len must fail with want from those
 * 16 bytes alone, before any of the body arrives. */
static void check_header(const struct combo *c, uint32_t len, int want)
{
	uint8_t plain[20] = {0}, out[20 + PKT_MAX_TAG];
	struct view v;
	size_t used;
	int rc;

	put_be32(plain, len);
	plain[4] = 4;
	/* CBC wants whole blocks of what it encrypts: 16, or 4 + 16 (etm). */
	raw_seal(c, plain, len_excluded(c) ? 20 : 16, out);
	CHECK(keyed(&rx, c) == E_OK);
	pkt_reader_init(&rd);
	CHECK(pkt_reader_feed(&rd, &rx, out, 16, &used) == E_OK && used == 16);
	rc = pkt_reader_next(&rd, &rx, &v);
	if (rc != want) {
		fprintf(stderr, "  %s: length %#x: rc %d, want %d\n", combo_name(c), len, rc, want);
		CHECK(0);
	}
	/* Errors stick. */
	CHECK(pkt_reader_next(&rd, &rx, &v) == want && v.p == NULL);
	CHECK(pkt_reader_feed(&rd, &rx, out, 16, &used) == want && used == 0);
}

TEST(bad_length_field)
{
	size_t i;

	for (i = 0; i < ncombos; i++) {
		const struct combo *c = &combos[i];
		check_header(c, 0xffffffffu, E_TOOBIG);
		check_header(c, 0x80000000u, E_TOOBIG);
		check_header(c, PKT_MAX_LENGTH + 16, E_TOOBIG);
		check_header(c, 0, E_FORMAT);
		check_header(c, 4, E_FORMAT);
		check_header(c, 13, E_FORMAT);   /* not block aligned either way */
		check_header(c, 1001, E_FORMAT); /* ditto */
	}
}

/* A correctly tagged packet with padding_length pad (and packet_length
 * aligned for payload plen) gives want. */
static void check_padding(const struct combo *c, size_t plen, int pad_field, int want)
{
	static uint8_t plain[512], out[512 + PKT_MAX_TAG];
	size_t block = block_of(c), aligned, pad, len, n;
	int rc;

	aligned = (len_excluded(c) ? 0 : 4) + 1 + plen;
	pad = block - aligned % block;
	pad += pad < 4 ? block : 0;
	len = 1 + plen + pad;
	memset(plain, 0x5a, sizeof(plain));
	put_be32(plain, (uint32_t)len);
	plain[4] = (uint8_t)(pad_field < 0 ? (int)pad : pad_field);
	n = raw_seal(c, plain, 4 + len, out);
	CHECK(keyed(&rx, c) == E_OK);
	rc = verdict(out, n);
	if (rc != want) {
		fprintf(stderr, "  %s: payload %zu, padding_length %d: rc %d, want %d\n",
		        combo_name(c), plen, pad_field, rc, want);
		CHECK(0);
	}
}

TEST(bad_padding_length)
{
	size_t i;

	for (i = 0; i < ncombos; i++) {
		const struct combo *c = &combos[i];
		check_padding(c, 20, -1, E_OK); /* control: raw_seal is right */
		check_padding(c, 0, -1, E_OK);
		check_padding(c, 20, 3, E_FORMAT);
		check_padding(c, 20, 0, E_FORMAT);
		check_padding(c, 100, 255, E_FORMAT);        /* >= packet_length */
		check_padding(c, 20, 20 + 1 + 11, E_FORMAT); /* around packet_length */
	}
}

/* The buffer is bounded: a reader takes at most PKT_READER_CAP bytes. */
TEST(bounded_buffer)
{
	static uint8_t junk[PKT_READER_CAP + 100];
	struct view v;
	size_t used;

	pkt_dir_init_plain(&rx);
	pkt_reader_init(&rd);
	memset(junk, 0, sizeof(junk));
	put_be32(junk, 12);
	junk[4] = 4;
	CHECK(pkt_reader_feed(&rd, &rx, junk, sizeof(junk), &used) == E_OK);
	CHECK(used == PKT_READER_CAP);
	CHECK(pkt_reader_feed(&rd, &rx, junk, 1, &used) == E_OK && used == 0);
	CHECK(pkt_reader_next(&rd, &rx, &v) == E_OK && v.len == 7);
	/* The next packet claims length 0. */
	CHECK(pkt_reader_next(&rd, &rx, &v) == E_FORMAT);
}

/* ---- Key changes ----------------------------------------------------------- */

/* NEWKEYS between two packets that arrive in one read: the reader decrypts
 * each with the keys current when pkt_reader_next is called. */
TEST(newkeys_between_buffered_packets)
{
	static const uint8_t newkeys[1] = {21}, next[5] = {5, 0, 0, 0, 0};
	struct view v;
	struct wr w;
	size_t i, used;

	for (i = 1; i < ncombos; i++) {
		const struct combo *c = &combos[i];
		pkt_dir_init_plain(&tx);
		pkt_dir_init_plain(&rx);
		wr_init(&w, wire, sizeof(wire));
		CHECK(pkt_seal(&tx, newkeys, 1, &w) == E_OK);
		CHECK(pkt_dir_set_keys(&tx, c->cipher, key, iv, c->mac, mackey) == E_OK);
		CHECK(tx.seq == 1); /* kept across NEWKEYS (RFC 4253 6.4) */
		CHECK(pkt_seal(&tx, next, sizeof(next), &w) == E_OK);
		pkt_reader_init(&rd);
		CHECK(pkt_reader_feed(&rd, &rx, wire, w.len, &used) == E_OK && used == w.len);
		CHECK(pkt_reader_next(&rd, &rx, &v) == E_OK && v.len == 1 && v.p[0] == 21);
		CHECK(pkt_dir_set_keys(&rx, c->cipher, key, iv, c->mac, mackey) == E_OK);
		CHECK(pkt_reader_next(&rd, &rx, &v) == E_OK && v.len == sizeof(next));
		CHECK(v.len == sizeof(next) && memcmp(v.p, next, sizeof(next)) == 0);
		CHECK(rx.seq == 2 && tx.seq == 2);
		/* Strict kex: both ends reset after NEWKEYS. */
		pkt_dir_reset_seq(&tx);
		pkt_dir_reset_seq(&rx);
		wr_init(&w, wire, sizeof(wire));
		CHECK(pkt_seal(&tx, next, sizeof(next), &w) == E_OK);
		CHECK(pkt_reader_feed(&rd, &rx, wire, w.len, &used) == E_OK && used == w.len);
		CHECK(pkt_reader_next(&rd, &rx, &v) == E_OK && v.len == sizeof(next));
		CHECK(rx.seq == 1);
	}
}

/* A failed pkt_dir_set_keys leaves the direction refusing, never plain. */
TEST(set_keys_errors)
{
	static const uint8_t one[1] = {1};
	struct view v;
	struct wr w;

	pkt_dir_init_plain(&tx);
	tx.seq = 7;
	CHECK(pkt_dir_set_keys(&tx, CIPHER_NONE, key, iv, MACALG_NONE, mackey) == E_UNSUPPORTED);
	CHECK(tx.seq == 7);
	wr_init(&w, wire, sizeof(wire));
	CHECK(pkt_seal(&tx, one, 1, &w) == E_CRYPTO && w.len == 0);
	pkt_reader_init(&rd);
	CHECK(pkt_reader_next(&rd, &tx, &v) == E_CRYPTO);
#if !SHREW_AES_CBC
	CHECK(pkt_dir_set_keys(&tx, CIPHER_AES128_CBC, key, iv, MACALG_HMAC_SHA1, mackey) ==
	      E_UNSUPPORTED);
#endif
#if SHREW_AES_CTR
	CHECK(pkt_dir_set_keys(&tx, CIPHER_AES128_CTR, key, iv, MACALG_NONE, mackey) == E_ARG);
	CHECK(pkt_dir_set_keys(&tx, CIPHER_AES128_CTR, key, NULL, MACALG_HMAC_SHA256, mackey) ==
	      E_ARG);
#endif
#if SHREW_CHACHA20_POLY1305
	/* AEAD: the MAC argument is ignored. */
	CHECK(pkt_dir_set_keys(&tx, CIPHER_CHACHAPOLY, key, NULL, MACALG_HMAC_SHA1, NULL) == E_OK);
	CHECK(pkt_seal(&tx, one, 1, &w) == E_OK);
#endif
	pkt_dir_wipe(&tx);
}

/* ---- Known answer: OpenSSH's first packet -------------------------------- */

/* RFC 4253 7.1 KEXINIT: byte 20, cookie[16], ten name-lists, boolean,
 * uint32 0. */
static void check_kexinit(struct view p)
{
	struct view cookie, list;
	uint8_t type = 0;
	uint32_t reserved = 1;
	int follows = 1, i;
	struct rd r;

	rd_init(&r, p.p, p.len);
	rd_u8(&r, &type);
	rd_bytes(&r, 16, &cookie);
	for (i = 0; i < 10; i++) {
		rd_text(&r, 4096, &list);
		if (i == 2) {
			CHECK(list.len > 29 &&
			      memcmp(list.p, "chacha20-poly1305@openssh.com", 29) == 0);
		}
	}
	rd_bool(&r, &follows);
	rd_u32(&r, &reserved);
	CHECK(rd_end(&r) == E_OK);
	CHECK(type == 20 && follows == 0 && reserved == 0);
}

TEST(openssh_kexinit_plain)
{
	static uint8_t pkt[2048];
	long n = unit_unhex(openssh_kexinit, pkt, sizeof(pkt));
	size_t off, used;
	struct view v;
	int rc = E_SHORT;

	CHECK(n == 1560);
	if (n != 1560) {
		return;
	}
	/* All at once. */
	pkt_dir_init_plain(&rx);
	CHECK(verdict(pkt, (size_t)n) == E_OK);
	pkt_dir_init_plain(&rx);
	pkt_reader_init(&rd);
	CHECK(pkt_reader_feed(&rd, &rx, pkt, (size_t)n, &used) == E_OK);
	CHECK(pkt_reader_next(&rd, &rx, &v) == E_OK);
	CHECK(v.len == 1556 - 1 - 8);
	check_kexinit(v);
	CHECK(rx.seq == 1 && rx.bytes == 1560);
	/* One byte at a time. */
	pkt_dir_init_plain(&rx);
	pkt_reader_init(&rd);
	for (off = 0; off < (size_t)n && rc == E_SHORT; off++) {
		CHECK(pkt_reader_feed(&rd, &rx, pkt + off, 1, &used) == E_OK && used == 1);
		rc = pkt_reader_next(&rd, &rx, &v);
	}
	CHECK(rc == E_OK && off == (size_t)n && v.len == 1547);
	if (rc == E_OK) {
		check_kexinit(v);
	}
}

int main(void)
{
	RUN(init);
	RUN(roundtrip_all_combos);
	RUN(seal_layout);
	RUN(max_payload);
	RUN(tamper_any_byte);
	RUN(bad_length_field);
	RUN(bad_padding_length);
	RUN(bounded_buffer);
	RUN(newkeys_between_buffered_packets);
	RUN(set_keys_errors);
	RUN(openssh_kexinit_plain);
	return unit_done();
}
