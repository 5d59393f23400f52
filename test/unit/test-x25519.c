/*
 * test-x25519.c - X25519 (crypto-x25519.c) and the field arithmetic under
 * it (crypto-fe25519*.c) against RFC 7748's published vectors and values
 * computed independently from the RFC's math.
 *
 * The Makefile builds this file twice, once per field implementation
 * (test-x25519 and test-x25519-portable): both must produce the same,
 * published, results.  Set SHREW_TEST_SLOW=1 to also run the
 * 1,000,000-iteration vector (minutes, not seconds: it is skipped, with a
 * SKIP line, otherwise).
 */
#include "options.h"
#include "common-err.h"
#include "crypto-25519.h"
#include "crypto-fe25519.h"
#include "crypto-hash.h"
#include "unit.h"

#if SHREW_KEX_CURVE25519

static void unhex32(uint8_t out[32], const char *hex)
{
	CHECK(unit_unhex(hex, out, 32) == 32);
}

/* x25519(scalar, u) must give want (and E_OK). */
static void check_x25519(const char *scalar, const char *u, const char *want)
{
	uint8_t k[32], p[32], w[32], out[32];

	unhex32(k, scalar);
	unhex32(p, u);
	unhex32(w, want);
	CHECK(x25519(out, k, p) == E_OK);
	CHECK_MEM(out, w, 32);
}

/* RFC 7748 5.2, the two single-shot vectors (the second has u's top bit
 * set, which must be masked). */
TEST(rfc7748_vectors)
{
	check_x25519("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
	             "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
	             "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
	check_x25519("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
	             "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
	             "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
}

/* RFC 7748 5.2 iteration: k, u = X25519(k, u), k starting from k = u = 9. */
static void iterate(uint8_t k[32], unsigned long n)
{
	uint8_t u[32] = {9}, r[32];
	unsigned long i;

	memset(k, 0, 32);
	k[0] = 9;
	for (i = 0; i < n; i++) {
		x25519(r, k, u);
		memcpy(u, k, 32);
		memcpy(k, r, 32);
	}
}

TEST(rfc7748_iter_1)
{
	uint8_t k[32], w[32];

	iterate(k, 1);
	unhex32(w, "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
	CHECK_MEM(k, w, 32);
}

TEST(rfc7748_iter_1000)
{
	uint8_t k[32], w[32];

	iterate(k, 1000);
	unhex32(w, "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
	CHECK_MEM(k, w, 32);
}

/* Minutes: run only with SHREW_TEST_SLOW=1 (see main). */
TEST(rfc7748_iter_1000000)
{
	uint8_t k[32], w[32];

	iterate(k, 1000000);
	unhex32(w, "7c3911e0ab2586fd864497297e575e6f3bc601c0883c30df5f4dd2d24f665424");
	CHECK_MEM(k, w, 32);
}

/* RFC 7748 6.1: Alice's and Bob's public keys and their shared secret. */
TEST(rfc7748_dh)
{
	uint8_t a[32], b[32], apub[32], bpub[32], w[32], s1[32], s2[32];

	unhex32(a, "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
	unhex32(b, "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
	x25519_base(apub, a);
	unhex32(w, "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
	CHECK_MEM(apub, w, 32);
	x25519_base(bpub, b);
	unhex32(w, "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
	CHECK_MEM(bpub, w, 32);
	CHECK(x25519(s1, a, bpub) == E_OK);
	CHECK(x25519(s2, b, apub) == E_OK);
	unhex32(w, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
	CHECK_MEM(s1, w, 32);
	CHECK_MEM(s2, w, 32);
}

/* Points of small order (and non-canonical spellings of them) give an
 * all-zero result, which x25519() reports as E_CRYPTO. */
TEST(x25519_low_order)
{
	static const char *const pts[] = {
	    "0000000000000000000000000000000000000000000000000000000000000000",
	    "0100000000000000000000000000000000000000000000000000000000000000",
	    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
	    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
	    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	    "0000000000000000000000000000000000000000000000000000000000000080",
	};
	static const uint8_t zero[32];
	uint8_t k[32], p[32], out[32];
	size_t i;

	unhex32(k, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
	for (i = 0; i < sizeof(pts) / sizeof(pts[0]); i++) {
		unhex32(p, pts[i]);
		memset(out, 0xaa, 32);
		CHECK(x25519(out, k, p) == E_CRYPTO);
		CHECK_MEM(out, zero, 32);
	}
}

/* u >= p is accepted and means u - p; bit 255 is ignored; out may alias
 * the inputs. */
TEST(x25519_noncanonical)
{
	const char *k = "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4";
	uint8_t s[32], u[32], w[32];

	check_x25519(k, "f6ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	             "1c9fd88f45606d932a80c71824ae151d15d73e77de38e8e000852e614fae7019");
	check_x25519(k, "0900000000000000000000000000000000000000000000000000000000000000",
	             "1c9fd88f45606d932a80c71824ae151d15d73e77de38e8e000852e614fae7019");
	check_x25519(k, "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1ccc",
	             "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
	unhex32(s, k);
	unhex32(u, "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
	unhex32(w, "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
	CHECK(x25519(u, s, u) == E_OK);
	CHECK_MEM(u, w, 32);
	unhex32(u, "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
	CHECK(x25519(s, s, u) == E_OK);
	CHECK_MEM(s, w, 32);
}

/* 32 pseudo-random (scalar, u) pairs from SHA-512; the digest of the
 * outputs was computed with an independent big-integer model of RFC 7748. */
TEST(x25519_batch)
{
	struct hash_ctx acc;
	uint8_t h[64], out[32], want[64];
	uint8_t i;

	CHECK(hash_init(&acc, HASH_SHA512) == E_OK);
	for (i = 0; i < 32; i++) {
		uint8_t in[2] = {i, 0x3c};
		CHECK(hash_once(HASH_SHA512, in, 2, h) == E_OK);
		CHECK(x25519(out, h, h + 32) == E_OK);
		hash_update(&acc, out, 32);
	}
	hash_final(&acc, h);
	CHECK(unit_unhex("38c96d112f80b1445241376587103735e8fe09ac444ecb44c2a25af674ede709"
	                 "e7afd768b98cf445b4e154593670bd722a4857987ec3d937c0bd68002f40af6c",
	                 want, 64) == 64);
	CHECK_MEM(h, want, 64);
}

static void check_fe(const fe25519 *f, const char *want)
{
	uint8_t s[32], w[32];

	unhex32(w, want);
	fe_tobytes(s, f);
	CHECK_MEM(s, w, 32);
}

/* Encoding edges: p and 2^255 - 1 reduce, p - 1 squared is 1, inverses. */
TEST(fe_edges)
{
	uint8_t s[32];
	fe25519 a, b, c;

	memset(s, 0xff, 32);
	s[0] = 0xed;
	s[31] = 0x7f; /* p */
	fe_frombytes(&a, s);
	check_fe(&a, "0000000000000000000000000000000000000000000000000000000000000000");
	CHECK(fe_iszero(&a));
	s[0] = 0xff;
	s[31] = 0xff; /* 2^256 - 1: bit 255 dropped, 2^255 - 1 = 18 */
	fe_frombytes(&a, s);
	check_fe(&a, "1200000000000000000000000000000000000000000000000000000000000000");
	fe_mul(&b, &a, &a);
	check_fe(&b, "4401000000000000000000000000000000000000000000000000000000000000");
	s[0] = 0xec;
	s[31] = 0x7f; /* p - 1 */
	fe_frombytes(&a, s);
	check_fe(&a, "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
	CHECK(!fe_isodd(&a));
	fe_sq(&b, &a);
	fe_one(&c);
	CHECK(fe_equal(&b, &c));
	fe_add(&b, &a, &c);
	CHECK(fe_iszero(&b));
	fe_sub(&b, &c, &a); /* 1 - (-1) = 2 */
	check_fe(&b, "0200000000000000000000000000000000000000000000000000000000000000");
	fe_invert(&a, &b);
	check_fe(&a, "f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff3f");
	fe_pow22523(&a, &b);
	check_fe(&a, "4f5007a5930d77623cf29756038ca197d3ebfd9e4c80a69585efe0274092c155");
	fe_zero(&a);
	fe_invert(&a, &a);
	CHECK(fe_iszero(&a));
	fe_neg(&a, &c);
	check_fe(&a, "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
}

TEST(fe_cswap_cmov)
{
	fe25519 a, b;

	fe_one(&a);
	fe_zero(&b);
	fe_cswap(&a, &b, 0);
	CHECK(fe_iszero(&b));
	fe_cswap(&a, &b, 1);
	CHECK(fe_iszero(&a) && !fe_iszero(&b));
	fe_cmov(&a, &b, 0);
	CHECK(fe_iszero(&a));
	fe_cmov(&a, &b, 1);
	CHECK(fe_equal(&a, &b));
}

/* 1000 rounds of a = (a - b)^2 + ab, b = b^2 - 121665 a from a = 0..31,
 * b = 2^255 - 1; the results come from an independent big-integer model,
 * so both field implementations must match them and each other. */
TEST(fe_chain)
{
	uint8_t s[32];
	fe25519 a, b, t;
	int i;

	for (i = 0; i < 32; i++)
		s[i] = (uint8_t)i;
	fe_frombytes(&a, s);
	memset(s, 0xff, 32);
	fe_frombytes(&b, s);
	for (i = 0; i < 1000; i++) {
		fe_mul(&t, &a, &b);
		fe_sub(&a, &a, &b);
		fe_sq(&a, &a);
		fe_add(&a, &a, &t);
		fe_mul_small(&t, &a, 121665);
		fe_sq(&b, &b);
		fe_sub(&b, &b, &t);
	}
	check_fe(&a, "330e6e41cf109fa4a0b3f480fe9584a385adeb296e43e7d7d9e47b6ebafb8745");
	check_fe(&b, "6c628759bd3014535dc0445d4b88e6c47724ad9f12eb017b4b4f080787cd7076");
	fe_invert(&t, &a);
	fe_mul(&t, &t, &b);
	check_fe(&t, "d424dad02221f4adadad1e15f08d37d9117c908665f6f3ca0ab6c1390651ff59");
}

int main(void)
{
	printf("# field: %s\n",
	       SHREW_25519_FE64 ? "64-bit (radix 2^51)" : "portable 32-bit (radix 2^25.5)");
	RUN(rfc7748_vectors);
	RUN(rfc7748_iter_1);
	RUN(rfc7748_iter_1000);
	if (getenv("SHREW_TEST_SLOW") && strcmp(getenv("SHREW_TEST_SLOW"), "1") == 0)
		RUN(rfc7748_iter_1000000);
	else
		printf("SKIP rfc7748_iter_1000000: slow, set SHREW_TEST_SLOW=1\n");
	RUN(rfc7748_dh);
	RUN(x25519_low_order);
	RUN(x25519_noncanonical);
	RUN(x25519_batch);
	RUN(fe_edges);
	RUN(fe_cswap_cmov);
	RUN(fe_chain);
	return unit_done();
}

#else /* !SHREW_KEX_CURVE25519 */

int main(void)
{
	printf("SKIP test-x25519: SHREW_KEX_CURVE25519 is 0\n");
	(void)unit_pass;
	(void)unit_failed_checks;
	return unit_done();
}

#endif
