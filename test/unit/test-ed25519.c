/*
 * test-ed25519.c - Ed25519 (crypto-ed25519.c) and its scalar arithmetic
 * (crypto-sc25519.c) against RFC 8032's published vectors, values from an
 * independent big-integer model of RFC 8032, and malformed signatures
 * that a strict verifier must reject.
 *
 * The Makefile builds this file twice, once per field implementation
 * (test-ed25519 and test-ed25519-portable).
 */
#include "options.h"
#include "common-err.h"
#include "crypto-25519.h"
#include "crypto-hash.h"
#include "crypto-sc25519.h"
#include "unit.h"

#if SHREW_ED25519

struct vector {
	const char *name, *seed, *pub, *sig;
	const char *msg[65]; /* hex lines, NULL-terminated */
};

/* RFC 8032 7.1, as printed there (the 1023-byte message 16 bytes a line). */
static const struct vector rfc8032[] = {
    {"TEST 1",
     "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
     "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
     {NULL}},
    {"TEST 2",
     "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
     "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
     {"72", NULL}},
    {"TEST 3",
     "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
     "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
     {"af82", NULL}},
    {"TEST 1024",
     "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
     "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
     "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350"
     "aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03",
     {"08b8b2b733424243760fe426a4b54908",
      "632110a66c2f6591eabd3345e3e4eb98",
      "fa6e264bf09efe12ee50f8f54e9f77b1",
      "e355f6c50544e23fb1433ddf73be84d8",
      "79de7c0046dc4996d9e773f4bc9efe57",
      "38829adb26c81b37c93a1b270b20329d",
      "658675fc6ea534e0810a4432826bf58c",
      "941efb65d57a338bbd2e26640f89ffbc",
      "1a858efcb8550ee3a5e1998bd177e93a",
      "7363c344fe6b199ee5d02e82d522c4fe",
      "ba15452f80288a821a579116ec6dad2b",
      "3b310da903401aa62100ab5d1a36553e",
      "06203b33890cc9b832f79ef80560ccb9",
      "a39ce767967ed628c6ad573cb116dbef",
      "efd75499da96bd68a8a97b928a8bbc10",
      "3b6621fcde2beca1231d206be6cd9ec7",
      "aff6f6c94fcd7204ed3455c68c83f4a4",
      "1da4af2b74ef5c53f1d8ac70bdcb7ed1",
      "85ce81bd84359d44254d95629e9855a9",
      "4a7c1958d1f8ada5d0532ed8a5aa3fb2",
      "d17ba70eb6248e594e1a2297acbbb39d",
      "502f1a8c6eb6f1ce22b3de1a1f40cc24",
      "554119a831a9aad6079cad88425de6bd",
      "e1a9187ebb6092cf67bf2b13fd65f270",
      "88d78b7e883c8759d2c4f5c65adb7553",
      "878ad575f9fad878e80a0c9ba63bcbcc",
      "2732e69485bbc9c90bfbd62481d9089b",
      "eccf80cfe2df16a2cf65bd92dd597b07",
      "07e0917af48bbb75fed413d238f5555a",
      "7a569d80c3414a8d0859dc65a46128ba",
      "b27af87a71314f318c782b23ebfe808b",
      "82b0ce26401d2e22f04d83d1255dc51a",
      "ddd3b75a2b1ae0784504df543af8969b",
      "e3ea7082ff7fc9888c144da2af58429e",
      "c96031dbcad3dad9af0dcbaaaf268cb8",
      "fcffead94f3c7ca495e056a9b47acdb7",
      "51fb73e666c6c655ade8297297d07ad1",
      "ba5e43f1bca32301651339e22904cc8c",
      "42f58c30c04aafdb038dda0847dd988d",
      "cda6f3bfd15c4b4c4525004aa06eeff8",
      "ca61783aacec57fb3d1f92b0fe2fd1a8",
      "5f6724517b65e614ad6808d6f6ee34df",
      "f7310fdc82aebfd904b01e1dc54b2927",
      "094b2db68d6f903b68401adebf5a7e08",
      "d78ff4ef5d63653a65040cf9bfd4aca7",
      "984a74d37145986780fc0b16ac451649",
      "de6188a7dbdf191f64b5fc5e2ab47b57",
      "f7f7276cd419c17a3ca8e1b939ae49e4",
      "88acba6b965610b5480109c8b17b80e1",
      "b7b750dfc7598d5d5011fd2dcc5600a3",
      "2ef5b52a1ecc820e308aa342721aac09",
      "43bf6686b64b2579376504ccc493d97e",
      "6aed3fb0f9cd71a43dd497f01f17c0e2",
      "cb3797aa2a2f256656168e6c496afc5f",
      "b93246f6b1116398a346f1a641f3b041",
      "e989f7914f90cc2c7fff357876e506b5",
      "0d334ba77c225bc307ba537152f3f161",
      "0e4eafe595f6d9d90d11faa933a15ef1",
      "369546868a7f3a45a96768d40fd9d034",
      "12c091c6315cf4fde7cb68606937380d",
      "b2eaaa707b4c4185c32eddcdd306705e",
      "4dc1ffc872eeee475a64dfac86aba41c",
      "0618983f8741c5ef68d3a101e8a3b8ca",
      "c60c905c15fc910840b94c00a0b9d0",
      NULL}},
    {"TEST SHA(abc)",
     "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
     "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
     {"ddaf35a193617abacc417349ae204131", "12e6fa4e89a97ea20a9eeee64b55d39a",
      "2192992a274fc1a836ba3c23a3feebbd", "454d4423643ce80e2a9ac94fa54ca49f", NULL}},
};
#define NVEC (sizeof(rfc8032) / sizeof(rfc8032[0]))

/* A vector decoded to bytes. */
struct kat {
	uint8_t seed[32], pub[32], sig[64], msg[1024];
	size_t len;
};

static void load(struct kat *k, const struct vector *v)
{
	long n;
	int i;

	CHECK(unit_unhex(v->seed, k->seed, 32) == 32);
	CHECK(unit_unhex(v->pub, k->pub, 32) == 32);
	CHECK(unit_unhex(v->sig, k->sig, 64) == 64);
	k->len = 0;
	for (i = 0; v->msg[i]; i++) {
		n = unit_unhex(v->msg[i], k->msg + k->len, sizeof(k->msg) - k->len);
		CHECK(n > 0);
		if (n > 0)
			k->len += (size_t)n;
	}
}

TEST(rfc8032_pubkey)
{
	struct kat k;
	uint8_t pub[32];
	size_t i;

	for (i = 0; i < NVEC; i++) {
		load(&k, &rfc8032[i]);
		CHECK(ed25519_pubkey(pub, k.seed) == E_OK);
		CHECK_MEM(pub, k.pub, 32);
	}
}

TEST(rfc8032_sign)
{
	static const size_t lens[] = {0, 1, 2, 1023, 64};
	struct kat k;
	uint8_t sig[64];
	size_t i;

	for (i = 0; i < NVEC; i++) {
		load(&k, &rfc8032[i]);
		CHECK(k.len == lens[i]);
		CHECK(ed25519_sign(sig, k.msg, k.len, k.seed, k.pub) == E_OK);
		CHECK_MEM(sig, k.sig, 64);
	}
}

TEST(rfc8032_verify)
{
	struct kat k;
	size_t i;

	for (i = 0; i < NVEC; i++) {
		load(&k, &rfc8032[i]);
		CHECK(ed25519_verify(k.sig, k.msg, k.len, k.pub) == E_OK);
	}
	/* TEST 1's empty message, as a NULL pointer. */
	load(&k, &rfc8032[0]);
	CHECK(ed25519_verify(k.sig, NULL, 0, k.pub) == E_OK);
}

/* Any single flipped bit in the message, R, S or A fails. */
TEST(verify_rejects_flips)
{
	struct kat k;
	size_t i, bit;

	for (i = 0; i < NVEC; i++) {
		load(&k, &rfc8032[i]);
		for (bit = 0; bit < 8 * k.len && bit < 64; bit += 7) {
			k.msg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			CHECK(ed25519_verify(k.sig, k.msg, k.len, k.pub) == E_VERIFY);
			k.msg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		}
		for (bit = 0; bit < 512; bit += 5) {
			k.sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			CHECK(ed25519_verify(k.sig, k.msg, k.len, k.pub) == E_VERIFY);
			k.sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		}
		for (bit = 0; bit < 256; bit += 3) {
			k.pub[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			CHECK(ed25519_verify(k.sig, k.msg, k.len, k.pub) == E_VERIFY);
			k.pub[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		}
		CHECK(ed25519_verify(k.sig, k.msg, k.len, k.pub) == E_OK);
	}
	/* A valid signature under another key. */
	load(&k, &rfc8032[1]);
	CHECK(unit_unhex(rfc8032[2].pub, k.pub, 32) == 32);
	CHECK(ed25519_verify(k.sig, k.msg, k.len, k.pub) == E_VERIFY);
}

/* S + L (same value mod L) and S with top bits set are not canonical. */
TEST(verify_rejects_big_s)
{
	struct kat k;

	load(&k, &rfc8032[0]);
	CHECK(unit_unhex("4c8c7872aa064e049dbb3013fbf29380d25bf5f0595bbe24655141438e7a101b",
	                 k.sig + 32, 32) == 32); /* S + L */
	CHECK(ed25519_verify(k.sig, k.msg, k.len, k.pub) == E_VERIFY);
	load(&k, &rfc8032[0]);
	k.sig[63] |= 0xe0;
	CHECK(ed25519_verify(k.sig, k.msg, k.len, k.pub) == E_VERIFY);
}

/* A and R must be canonical encodings of points on the curve. */
TEST(verify_rejects_bad_points)
{
	/* y = p + 3: y = 3 is a point of large order, spelled with y >= p. */
	static const char *const bad_a[] = {
	    "f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	    "efffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	    "0200000000000000000000000000000000000000000000000000000000000000",
	    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
	};
	struct kat k;
	size_t i;

	for (i = 0; i < sizeof(bad_a) / sizeof(bad_a[0]); i++) {
		load(&k, &rfc8032[0]);
		CHECK(unit_unhex(bad_a[i], k.pub, 32) == 32);
		CHECK(ed25519_verify(k.sig, k.msg, k.len, k.pub) == E_VERIFY);
	}
	load(&k, &rfc8032[0]);
	CHECK(unit_unhex("f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", k.sig,
	                 32) == 32); /* R with y >= p */
	CHECK(ed25519_verify(k.sig, k.msg, k.len, k.pub) == E_VERIFY);
}

/* The identity as A (canonical, non-canonical y = p + 1, or with x = 0
 * and the sign bit set) with R = identity and S = 0 satisfies the
 * cofactorless equation for every message; small-order keys are refused. */
TEST(verify_rejects_small_order_a)
{
	static const char *const ident[] = {
	    "0100000000000000000000000000000000000000000000000000000000000000",
	    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	    "0100000000000000000000000000000000000000000000000000000000000080",
	    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	};
	uint8_t sig[64] = {1}, pub[32];
	size_t i;

	for (i = 0; i < sizeof(ident) / sizeof(ident[0]); i++) {
		CHECK(unit_unhex(ident[i], pub, 32) == 32);
		CHECK(ed25519_verify(sig, (const uint8_t *)"any", 3, pub) == E_VERIFY);
	}
}

/* With a known key a, R = identity and S = k a mod L satisfy
 * [S]B = R + [k]A; a small-order R is refused. */
TEST(verify_rejects_small_order_r)
{
	static const uint8_t zero[32];
	struct kat k;
	struct hash_ctx c;
	uint8_t h[64], kh[64], kr[32];

	load(&k, &rfc8032[1]);
	memset(k.sig, 0, 64);
	k.sig[0] = 1; /* R = (0, 1) */
	CHECK(hash_once(HASH_SHA512, k.seed, 32, h) == E_OK);
	h[0] &= 248;
	h[31] &= 127;
	h[31] |= 64;
	CHECK(hash_init(&c, HASH_SHA512) == E_OK);
	hash_update(&c, k.sig, 32);
	hash_update(&c, k.pub, 32);
	hash_update(&c, k.msg, k.len);
	hash_final(&c, kh);
	sc_reduce(kr, kh);
	sc_muladd(k.sig + 32, kr, h, zero);
	CHECK(ed25519_verify(k.sig, k.msg, k.len, k.pub) == E_VERIFY);
}

TEST(sign_checks_pub)
{
	struct kat k;
	uint8_t sig[64];

	load(&k, &rfc8032[2]);
	k.pub[5] ^= 1;
	memset(sig, 0x55, 64);
	CHECK(ed25519_sign(sig, k.msg, k.len, k.seed, k.pub) == E_ARG);
}

/* sig may overwrite the message it signs. */
TEST(sign_in_place)
{
	struct kat k;
	uint8_t buf[1024];

	load(&k, &rfc8032[3]);
	memcpy(buf, k.msg, k.len);
	CHECK(ed25519_sign(buf, buf, k.len, k.seed, k.pub) == E_OK);
	CHECK_MEM(buf, k.sig, 64);
}

TEST(keypair_roundtrip)
{
	uint8_t pub[32], seed[32], pub2[32], sig[64];
	const uint8_t msg[] = "shrew";
	int i;

	for (i = 0; i < 4; i++) {
		CHECK(ed25519_keypair(pub, seed) == E_OK);
		CHECK(ed25519_pubkey(pub2, seed) == E_OK);
		CHECK_MEM(pub, pub2, 32);
		CHECK(ed25519_sign(sig, msg, sizeof(msg), seed, pub) == E_OK);
		CHECK(ed25519_verify(sig, msg, sizeof(msg), pub) == E_OK);
		sig[40] ^= 4;
		CHECK(ed25519_verify(sig, msg, sizeof(msg), pub) == E_VERIFY);
	}
}

/* 16 keys and messages from SHA-512; digest of all pubs and signatures
 * computed with an independent big-integer model of RFC 8032. */
TEST(ed25519_batch)
{
	struct hash_ctx acc;
	uint8_t h[64], pub[32], sig[64], want[64];
	uint8_t i;

	CHECK(hash_init(&acc, HASH_SHA512) == E_OK);
	for (i = 0; i < 16; i++) {
		uint8_t in[2] = {i, 0x5a};
		CHECK(hash_once(HASH_SHA512, in, 2, h) == E_OK);
		CHECK(ed25519_pubkey(pub, h) == E_OK);
		CHECK(ed25519_sign(sig, h + 32, 2u * i, h, pub) == E_OK);
		CHECK(ed25519_verify(sig, h + 32, 2u * i, pub) == E_OK);
		hash_update(&acc, pub, 32);
		hash_update(&acc, sig, 64);
	}
	hash_final(&acc, h);
	CHECK(unit_unhex("5df1ff3739ce0587189790d6e107b93532e6244e3bca434de95762e3b1e52139"
	                 "9768faf0bcac89edd88e9d517eb5a265f98146e4da82f57d5aede3a24c2c5a30",
	                 want, 64) == 64);
	CHECK_MEM(h, want, 64);
}

TEST(sc_edges)
{
	uint8_t in[64], out[32], want[32];

	memset(in, 0xff, 64);
	sc_reduce(out, in);
	CHECK(unit_unhex("000f9c44e31106a447938568a71b0ed065bef517d273ecce3d9a307c1b419903", want,
	                 32) == 32);
	CHECK_MEM(out, want, 32);
	memset(in, 0, 64);
	CHECK(unit_unhex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010", in,
	                 32) == 32); /* L */
	CHECK(!sc_is_canonical(in));
	sc_reduce(out, in);
	memset(want, 0, 32);
	CHECK_MEM(out, want, 32);
	in[0]--; /* L - 1 */
	CHECK(sc_is_canonical(in));
	sc_reduce(out, in);
	CHECK_MEM(out, in, 32);
	CHECK(sc_is_canonical(want));
	memset(in, 0xff, 32);
	CHECK(!sc_is_canonical(in));
}

/* sc_reduce and sc_muladd on 256 SHA-512-derived inputs (some with high
 * halves all ones); the digest comes from an independent model. */
TEST(sc_batch)
{
	struct hash_ctx acc;
	uint8_t x[64], r[32], m[32], a[32], b[32], want[64];
	int i;

	CHECK(hash_init(&acc, HASH_SHA512) == E_OK);
	for (i = 0; i < 256; i++) {
		uint8_t in[2] = {(uint8_t)i, 0xa5};
		CHECK(hash_once(HASH_SHA512, in, 2, x) == E_OK);
		if (i % 4 == 0)
			memset(x + 32, 0xff, 32);
		if (i == 1)
			memset(x, 0xff, 64);
		sc_reduce(r, x);
		hash_update(&acc, r, 32);
		memcpy(a, x, 32);
		memcpy(b, x + 32, 32);
		a[31] &= 0x7f;
		b[31] &= 0x7f;
		sc_muladd(m, a, b, r);
		hash_update(&acc, m, 32);
	}
	hash_final(&acc, x);
	CHECK(unit_unhex("7d8a07715c711fabd01ff17d61657fa658295205a4e271d7e2827cf475e9b025"
	                 "6dec628bdcdde9b904ec67f6498209291d06c7c67f8c9ac50a695b0169c98052",
	                 want, 64) == 64);
	CHECK_MEM(x, want, 64);
}

int main(void)
{
	printf("# field: %s\n",
	       SHREW_25519_FE64 ? "64-bit (radix 2^51)" : "portable 32-bit (radix 2^25.5)");
	RUN(rfc8032_pubkey);
	RUN(rfc8032_sign);
	RUN(rfc8032_verify);
	RUN(verify_rejects_flips);
	RUN(verify_rejects_big_s);
	RUN(verify_rejects_bad_points);
	RUN(verify_rejects_small_order_a);
	RUN(verify_rejects_small_order_r);
	RUN(sign_checks_pub);
	RUN(sign_in_place);
	RUN(keypair_roundtrip);
	RUN(ed25519_batch);
	RUN(sc_edges);
	RUN(sc_batch);
	return unit_done();
}

#else /* !SHREW_ED25519 */

int main(void)
{
	printf("SKIP test-ed25519: SHREW_ED25519 is 0\n");
	(void)unit_pass;
	(void)unit_failed_checks;
	return unit_done();
}

#endif
