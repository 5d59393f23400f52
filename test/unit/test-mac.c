/*
 * test-mac.c - crypto-mac.c against RFC 4231 (HMAC-SHA-256/512 test cases
 * 1-7) and RFC 2202 (HMAC-SHA-1, when built), plus the SSH packet form
 * (uint32 seq || data), constant-time verify and context reuse.
 */
#include "options.h"

#if SHREW_HMAC
#include "common-err.h"
#include "crypto-mac.h"
#include "unit.h"

struct vec {
	const char *key_hex; /* NULL: key_fill repeated key_len times */
	uint8_t key_fill;
	size_t key_len;
	const char *data; /* NULL: data_fill repeated data_len times */
	uint8_t data_fill;
	size_t data_len;
	size_t tag_len; /* bytes compared (RFC 4231 case 5: 16) */
	const char *sha256, *sha512;
};

/* clang-format off */
static const char long_key_msg[] =
	"This is a test using a larger than block-size key and a larger than "
	"block-size data. The key needs to be hashed before being used by the "
	"HMAC algorithm.";

/* RFC 4231 section 4, test cases 1-7. */
static const struct vec rfc4231[] = {
	{ NULL, 0x0b, 20, "Hi There", 0, 0, 0,
	  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
	  "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
	  "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854" },
	{ "4a656665", 0, 0, "what do ya want for nothing?", 0, 0, 0,
	  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
	  "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
	  "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737" },
	{ NULL, 0xaa, 20, NULL, 0xdd, 50, 0,
	  "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
	  "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
	  "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb" },
	{ "0102030405060708090a0b0c0d0e0f10111213141516171819", 0, 0,
	  NULL, 0xcd, 50, 0,
	  "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
	  "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
	  "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd" },
	/* Case 5: the RFC publishes only the first 128 bits. */
	{ NULL, 0x0c, 20, "Test With Truncation", 0, 0, 16,
	  "a3b6167473100ee06e0c796c2955552b",
	  "415fad6271580a531d4179bc891d87a6" },
	{ NULL, 0xaa, 131,
	  "Test Using Larger Than Block-Size Key - Hash Key First", 0, 0, 0,
	  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
	  "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
	  "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598" },
	{ NULL, 0xaa, 131, long_key_msg, 0, 0, 0,
	  "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
	  "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
	  "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58" },
};
/* clang-format on */

/* Expands a vector's key and data into key (>= 131) and data (>= 160). */
static void expand(const struct vec *v, uint8_t *key, size_t *klen, uint8_t *data, size_t *dlen)
{
	if (v->key_hex) {
		*klen = (size_t)unit_unhex(v->key_hex, key, 256);
	} else {
		memset(key, v->key_fill, v->key_len);
		*klen = v->key_len;
	}
	if (v->data) {
		*dlen = strlen(v->data);
		memcpy(data, v->data, *dlen);
	} else {
		memset(data, v->data_fill, v->data_len);
		*dlen = v->data_len;
	}
}

/* MACs data with one update per `step` bytes into out. */
static int mac_steps(const struct mac_ctx *c, const uint8_t *data, size_t n, size_t step,
                     uint8_t *out)
{
	struct mac_run r;
	size_t off, k;
	int rc = mac_begin(c, &r);

	for (off = 0; rc == E_OK && off < n; off += k) {
		k = n - off < step ? n - off : step;
		rc = mac_update(&r, data + off, k);
	}
	return rc == E_OK ? mac_end(&r, out) : rc;
}

static void check_rfc4231(enum mac_id id)
{
	uint8_t key[256], data[256], want[MAC_MAX_LEN], got[MAC_MAX_LEN];
	size_t i, klen, dlen, len = mac_len(id);
	struct mac_ctx c;

	for (i = 0; i < sizeof(rfc4231) / sizeof(rfc4231[0]); i++) {
		const struct vec *v = &rfc4231[i];
		const char *hex = id == MAC_HMAC_SHA256 ? v->sha256 : v->sha512;
		size_t cmp = v->tag_len ? v->tag_len : len;

		expand(v, key, &klen, data, &dlen);
		CHECK(unit_unhex(hex, want, sizeof(want)) == (long)cmp);
		CHECK(mac_init(&c, id, key, klen) == E_OK);
		memset(got, 0, sizeof(got));
		CHECK(mac_steps(&c, data, dlen, dlen, got) == E_OK);
		CHECK_MEM(got, want, cmp);
		/* The same context again, fed in odd pieces. */
		memset(got, 0, sizeof(got));
		CHECK(mac_steps(&c, data, dlen, 7, got) == E_OK);
		CHECK_MEM(got, want, cmp);
		mac_wipe(&c);
	}
}

/* RFC 4231 case 2's data begins "what" = 0x77686174: as an SSH sequence
 * number followed by the rest, the packet MAC must equal the RFC's tag. */
static void check_packet_form(enum mac_id id, const char *tag_hex)
{
	static const char rest[] = " do ya want for nothing?";
	const uint32_t seq = 0x77686174;
	uint8_t want[MAC_MAX_LEN], got[MAC_MAX_LEN];
	size_t len = mac_len(id);
	struct mac_ctx c, copy;

	CHECK(unit_unhex(tag_hex, want, sizeof(want)) == (long)len);
	CHECK(mac_init(&c, id, "Jefe", 4) == E_OK);
	CHECK(mac_compute(&c, seq, rest, strlen(rest), got) == E_OK);
	CHECK_MEM(got, want, len);
	copy = c; /* a keyed context is plain data */
	CHECK(mac_verify(&copy, seq, rest, strlen(rest), want) == E_OK);
	CHECK(mac_verify(&c, seq + 1, rest, strlen(rest), want) == E_VERIFY);
	CHECK(mac_verify(&c, seq, rest, strlen(rest) - 1, want) == E_VERIFY);
	want[len - 1] ^= 0x01;
	CHECK(mac_verify(&c, seq, rest, strlen(rest), want) == E_VERIFY);
	want[len - 1] ^= 0x01;
	want[0] ^= 0x80;
	CHECK(mac_verify(&c, seq, rest, strlen(rest), want) == E_VERIFY);
	mac_wipe(&c);
	mac_wipe(&copy);
}

#if SHREW_HMAC_SHA256
TEST(hmac_sha256_rfc4231)
{
	CHECK(mac_len(MAC_HMAC_SHA256) == 32);
	check_rfc4231(MAC_HMAC_SHA256);
}

TEST(hmac_sha256_packet)
{
	check_packet_form(MAC_HMAC_SHA256, rfc4231[1].sha256);
}
#endif

#if SHREW_HMAC_SHA512
TEST(hmac_sha512_rfc4231)
{
	CHECK(mac_len(MAC_HMAC_SHA512) == 64);
	check_rfc4231(MAC_HMAC_SHA512);
}

TEST(hmac_sha512_packet)
{
	check_packet_form(MAC_HMAC_SHA512, rfc4231[1].sha512);
}
#endif

#if SHREW_HMAC_SHA1
/* RFC 2202 section 3, HMAC-SHA-1 test cases 1, 2, 3 and 6. */
TEST(hmac_sha1_rfc2202)
{
	static const char case6[] = "Test Using Larger Than Block-Size Key - Hash Key First";
	uint8_t key[80], data[50], want[20], got[20];
	struct mac_ctx c;

	CHECK(mac_len(MAC_HMAC_SHA1) == 20);
	memset(key, 0x0b, 20);
	CHECK(mac_init(&c, MAC_HMAC_SHA1, key, 20) == E_OK);
	CHECK(mac_steps(&c, (const uint8_t *)"Hi There", 8, 8, got) == E_OK);
	CHECK(unit_unhex("b617318655057264e28bc0b6fb378c8ef146be00", want, 20) == 20);
	CHECK_MEM(got, want, 20);
	CHECK(mac_init(&c, MAC_HMAC_SHA1, "Jefe", 4) == E_OK);
	CHECK(mac_compute(&c, 0x77686174, " do ya want for nothing?", 24, got) == E_OK);
	CHECK(unit_unhex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", want, 20) == 20);
	CHECK_MEM(got, want, 20);
	memset(key, 0xaa, 80);
	memset(data, 0xdd, 50);
	CHECK(mac_init(&c, MAC_HMAC_SHA1, key, 20) == E_OK);
	CHECK(mac_steps(&c, data, 50, 50, got) == E_OK);
	CHECK(unit_unhex("125d7342b9ac11cd91a39af48aa17b4f63f175d3", want, 20) == 20);
	CHECK_MEM(got, want, 20);
	CHECK(mac_init(&c, MAC_HMAC_SHA1, key, 80) == E_OK);
	CHECK(mac_steps(&c, (const uint8_t *)case6, strlen(case6), 5, got) == E_OK);
	CHECK(unit_unhex("aa4ae5e15272d00e95705637ce8a3b55ed402112", want, 20) == 20);
	CHECK_MEM(got, want, 20);
	mac_wipe(&c);
}
#else
TEST(hmac_sha1_absent)
{
	struct mac_ctx c;

	CHECK(mac_len(MAC_HMAC_SHA1) == 0);
	CHECK(mac_init(&c, MAC_HMAC_SHA1, "k", 1) == E_UNSUPPORTED);
}
#endif

/* hmac_once over any built-in hash: RFC 4231 case 2 (SHA-256), RFC 2202
 * cases 2 and 6 (SHA-1, built with SHREW_SHA1 even without hmac-sha1). */
TEST(hmac_once_vectors)
{
	static const char case6[] = "Test Using Larger Than Block-Size Key - Hash Key First";
	uint8_t key[80], want[32], got[32];

	CHECK(hmac_once(HASH_SHA256, "Jefe", 4, "what do ya want for nothing?", 28, got) == E_OK);
	CHECK(unit_unhex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", want,
	                 32) == 32);
	CHECK_MEM(got, want, 32);
	CHECK(hmac_once(HASH_SHA256, NULL, 1, "x", 1, got) == E_ARG);
#if SHREW_SHA1
	CHECK(hmac_once(HASH_SHA1, "Jefe", 4, "what do ya want for nothing?", 28, got) == E_OK);
	CHECK(unit_unhex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", want, 20) == 20);
	CHECK_MEM(got, want, 20);
	memset(key, 0xaa, 80);
	CHECK(hmac_once(HASH_SHA1, key, 80, case6, strlen(case6), got) == E_OK);
	CHECK(unit_unhex("aa4ae5e15272d00e95705637ce8a3b55ed402112", want, 20) == 20);
	CHECK_MEM(got, want, 20);
#else
	(void)key;
	(void)case6;
	CHECK(hmac_once(HASH_SHA1, "k", 1, "x", 1, got) == E_UNSUPPORTED);
#endif
}

/* mac_end_verify: the incremental form of mac_verify. */
TEST(hmac_end_verify)
{
	enum mac_id id = SHREW_HMAC_SHA256   ? MAC_HMAC_SHA256
	                 : SHREW_HMAC_SHA512 ? MAC_HMAC_SHA512
	                                     : MAC_HMAC_SHA1;
	uint8_t tag[MAC_MAX_LEN];
	struct mac_ctx c;
	struct mac_run r;

	CHECK(mac_init(&c, id, "key", 3) == E_OK);
	CHECK(mac_compute(&c, 3, "payload", 7, tag) == E_OK);
	CHECK(mac_begin(&c, &r) == E_OK);
	CHECK(mac_update(&r, "\0\0\0\3pay", 7) == E_OK);
	CHECK(mac_update(&r, "load", 4) == E_OK);
	CHECK(mac_end_verify(&r, tag) == E_OK);
	tag[5] ^= 0x10;
	CHECK(mac_begin(&c, &r) == E_OK);
	CHECK(mac_update(&r, "\0\0\0\3payload", 11) == E_OK);
	CHECK(mac_end_verify(&r, tag) == E_VERIFY);
	mac_wipe(&c);
}

int main(void)
{
#if SHREW_HMAC_SHA256
	RUN(hmac_sha256_rfc4231);
	RUN(hmac_sha256_packet);
#endif
#if SHREW_HMAC_SHA512
	RUN(hmac_sha512_rfc4231);
	RUN(hmac_sha512_packet);
#endif
#if SHREW_HMAC_SHA1
	RUN(hmac_sha1_rfc2202);
#else
	RUN(hmac_sha1_absent);
#endif
	RUN(hmac_end_verify);
	RUN(hmac_once_vectors);
	return unit_done();
}

#else /* !SHREW_HMAC */

#include <stdio.h>

/* Nothing to test: no RUN.  The SKIP line tells test/run.sh why. */
int main(void)
{
	puts("SKIP test-mac: SHREW_HMAC is off");
	return 0;
}

#endif
