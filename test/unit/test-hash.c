/*
 * test-hash.c - crypto-hash.c against the FIPS 180 examples published by
 * NIST (csrc.nist.gov "Examples with Intermediate Values", also in
 * FIPS 180-2 appendices B-D): "abc", the 448-bit and 896-bit multi-block
 * messages, and one million 'a'; plus the empty message.
 */
#include "options.h"
#include "common-err.h"
#include "crypto-hash.h"
#include "unit.h"

/* clang-format off */
static const char msg448[] =
	"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char msg896[] =
	"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

struct vec {
	const char *msg; /* NULL: one million 'a' */
	const char *sha256, *sha384, *sha512;
};

static const struct vec vecs[] = {
	{ "",
	  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	  "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
	  "274edebfe76f65fbd51ad2f14898b95b",
	  "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	  "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e" },
	{ "abc",
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	  "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
	  "8086072ba1e7cc2358baeca134c825a7",
	  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
	{ msg448,
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	  "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6"
	  "b0455a8520bc4e6f5fe95b1fe3c8452b",
	  "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
	  "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445" },
	{ msg896,
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
	  "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
	  "fcc7c71a557e2db966c3e9fa91746039",
	  "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
	  "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909" },
	{ NULL,
	  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	  "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
	  "07b8b3dc38ecc4ebae97ddd87f3d8985",
	  "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
	  "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b" },
};
/* clang-format on */

/* Hashes vector v incrementally, in pieces of `step` bytes. */
static int digest(enum hash_id id, const struct vec *v, size_t step, uint8_t *out)
{
	static uint8_t million[1000000];
	const uint8_t *p = (const uint8_t *)v->msg;
	size_t n, off, k;
	struct hash_ctx c;
	int rc;

	if (!p) {
		memset(million, 'a', sizeof(million));
		p = million;
		n = sizeof(million);
	} else {
		n = strlen(v->msg);
	}
	rc = hash_init(&c, id);
	for (off = 0; rc == E_OK && off < n; off += k) {
		k = n - off < step ? n - off : step;
		rc = hash_update(&c, p + off, k);
	}
	return rc == E_OK ? hash_final(&c, out) : rc;
}

static void check_all(enum hash_id id, size_t which)
{
	static const size_t steps[] = {1000000, 1, 63, 64, 65, 127, 1000};
	uint8_t want[HASH_MAX_LEN], got[HASH_MAX_LEN];
	size_t i, s, len = hash_len(id);

	for (i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		const char *hex = which == 0   ? vecs[i].sha256
		                  : which == 1 ? vecs[i].sha384
		                               : vecs[i].sha512;
		CHECK(unit_unhex(hex, want, sizeof(want)) == (long)len);
		for (s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
			if (!vecs[i].msg && steps[s] < 63)
				continue; /* a million 1-byte calls: slow, no gain */
			memset(got, 0, sizeof(got));
			CHECK(digest(id, &vecs[i], steps[s], got) == E_OK);
			CHECK_MEM(got, want, len);
		}
	}
}

TEST(sha256_fips180)
{
	CHECK(hash_len(HASH_SHA256) == 32);
	CHECK(hash_block_len(HASH_SHA256) == 64);
	check_all(HASH_SHA256, 0);
}

TEST(sha384_fips180)
{
	CHECK(hash_len(HASH_SHA384) == 48);
	CHECK(hash_block_len(HASH_SHA384) == 128);
	check_all(HASH_SHA384, 1);
}

TEST(sha512_fips180)
{
	CHECK(hash_len(HASH_SHA512) == 64);
	CHECK(hash_block_len(HASH_SHA512) == 128);
	check_all(HASH_SHA512, 2);
}

TEST(hash_once_abc)
{
	uint8_t want[32], got[32];

	CHECK(unit_unhex(vecs[1].sha256, want, sizeof(want)) == 32);
	CHECK(hash_once(HASH_SHA256, "abc", 3, got) == E_OK);
	CHECK_MEM(got, want, 32);
}

#if SHREW_SHA1
/* FIPS 180 SHA-1 examples: "abc", the 448-bit message, a million 'a'. */
TEST(sha1_fips180)
{
	uint8_t want[20], got[20];

	CHECK(hash_len(HASH_SHA1) == 20);
	CHECK(unit_unhex("a9993e364706816aba3e25717850c26c9cd0d89d", want, 20) == 20);
	CHECK(digest(HASH_SHA1, &vecs[1], 64, got) == E_OK);
	CHECK_MEM(got, want, 20);
	CHECK(unit_unhex("84983e441c3bd26ebaae4aa1f95129e5e54670f1", want, 20) == 20);
	CHECK(digest(HASH_SHA1, &vecs[2], 7, got) == E_OK);
	CHECK_MEM(got, want, 20);
	CHECK(unit_unhex("34aa973cd4c4daa4f61eeb2bdbad27316534016f", want, 20) == 20);
	CHECK(digest(HASH_SHA1, &vecs[4], 1000, got) == E_OK);
	CHECK_MEM(got, want, 20);
}
#else
TEST(sha1_absent)
{
	uint8_t out[HASH_MAX_LEN];

	CHECK(hash_len(HASH_SHA1) == 0);
	CHECK(hash_once(HASH_SHA1, "abc", 3, out) == E_UNSUPPORTED);
}
#endif

int main(void)
{
	RUN(sha256_fips180);
	RUN(sha384_fips180);
	RUN(sha512_fips180);
	RUN(hash_once_abc);
#if SHREW_SHA1
	RUN(sha1_fips180);
#else
	RUN(sha1_absent);
#endif
	return unit_done();
}
