/*
 * test-rsa.c - RSASSA-PKCS1-v1_5 (crypto-rsa.c) against published vectors.
 *
 * Key and SHA-256 signatures: Project Wycheproof, testvectors/
 * rsa_sig_gen_misc_test.json (C2SP/wycheproof), the 2048-bit "SHA-256"
 * RsassaPkcs1Generate group, tcId 81 (msg "") and 83 (msg "Test"); the
 * components below are its privateKeyPem decoded.  PKCS#1 v1.5 is
 * deterministic, so we must reproduce them byte for byte.  The SHA-512
 * (and SHA-1) signatures of "Test" with the same key were made with
 * `openssl dgst -sha512 -sign` (resp. -sha1), which also reproduces the
 * two Wycheproof signatures exactly.
 */
#include "options.h"
#include "common-err.h"
#include "crypto-ltc.h"
#include "crypto-rsa.h"
#include "unit.h"

#if SHREW_RSA

static const char wp_n[] = "a2b451a07d0aa5f96e455671513550514a8a5b462ebef717094fa1fee82224e6"
                           "37f9746d3f7cafd31878d80325b6ef5a1700f65903b469429e89d6eac8845097"
                           "b5ab393189db92512ed8a7711a1253facd20f79c15e8247f3d3e42e46e48c98e"
                           "254a2fe9765313a03eff8f17e1a029397a1fa26a8dce26f490ed81299615d981"
                           "4c22da610428e09c7d9658594266f5c021d0fceca08d945a12be82de4d1ece6b"
                           "4c03145b5d3495d4ed5411eb878daf05fd7afc3e09ada0f1126422f590975a19"
                           "69816f48698bcbba1b4d9cae79d460d8f9f85e7975005d9bc22c4e5ac0f7c1a4"
                           "5d12569a62807d3b9a02e5a530e773066f453d1f5b4c2e9cf7820283f742b9d5";
static const char wp_e[] = "010001";
static const char wp_d[] = "7627eef3567b2a27268e52053ecd31c3a7172ccb9ddcee819b306a5b3c66b757"
                           "3ca4fa88efc6f3c4a00bfa0ae7139f64543a4dac3d05823f6ff477cfcec84fe2"
                           "ac7a68b17204b390232e110310c4e899c4e7c10967db4acde042dbbf19dbe00b"
                           "4b4741de1020aaaaffb5054c797c9f136f7d93ac3fc8caff6654242d7821ebee"
                           "517bf537f44366a0fdd45ae05b9909c2e6cc1ed9281eff4399f76c96b96233ec"
                           "29ae0bbf0d752b234fc197389f51050aa1acd01c074c3ac8fbdb9ea8b651a959"
                           "95e8db4ad5c43b6c8673e5a126e7ee94b8dff4c5afc01259bc8da76950bae6f8"
                           "bae715f50985b0d6f66d04c6fef3b700720eecdcdf171bb7b1ecbe7289c467c1";
static const char wp_p[] = "dc431050f782e894fb5248247d98cb7d58b8d1e24f3b55d041c56e4de086b0d5"
                           "bb028bda42eeb5d234d5681e5809d415e6a289ad4cfbf78f978f6c35814f50ee"
                           "bff1c5b80a69f788e81e6bab5ddaa78369d659d143ec6f17e79813a575cfad9c"
                           "569156b90113e2e9110ad9e7b48a1c9348a6e653321191290ea36cfb3a5b18f1";
static const char wp_q[] = "bd1a81e7977f9898122273ae3222b598ea5fb19eb4eabc38308a5e32196603b2"
                           "e500ffb79f5b886816611debc472fac45544070beb057c941378a6868af3b7a0"
                           "3d3f9880ec47d5e089b94fbde542aba9ae8d72c57088d7abf5b131f39098f7bc"
                           "160f90536abc9492fd4e06f3ed7299d4b97bb03677207d95669f140cfbc20f25";
static const char wp_iqmp[] = "2640fbfbcfefb163ee7a87b6483a66ee41f956d90fa8a7939bfc042ee0924b1b"
                              "7993d0445f758d51933e85179c0320b0c968b48a91c38b5be923e1097c0c562f"
                              "88d42294b6a2759bafa5428a74f1270874e45f6fcc60f21602de5eccd143cf31"
                              "241f5921b5ad3983fb54ef17be3b285367e50c999c67247b552fe4bfce945f7b";
/* tcId 81: msg "" */
static const char sig_tc81[] = "840f5dac53106dd1f9c57219224cf51289290c42f20466875ba8e830ac5690e5"
                               "41536fcc8ab03b731f82bf66d83f194e7e180b3963ec7a2f3f7904a7ce49aed4"
                               "7da4d4b79421eaf937d301b3e696169297b797c32c076a12be4de0b58e003c51"
                               "23051a84a10c62f8dac2f42a8640008eb3c7cccd6760ff5b51b6897639225828"
                               "45f048fb8150e5a7a6ca2eccc7bdc85349ad5b26c52137a79fa3fe5c29ab5cd7"
                               "615013219c1941b6708e9c3c23feff5febaf0c8ebca5750b54e3e6e99a3e876b"
                               "396f27860b7f3ec4e9191703c6332d944f6f69751167680c79c4f6b57f1cc875"
                               "5d24b6ec158ccdbacdb23107a33cb6b332516c13274d1f9dccc21dced869e486";
/* tcId 83: msg "Test" (54657374) */
static const char sig_tc83[] = "264491e844c119f14e425c03282139a558dcdaeb82a4628173cd407fd319f907"
                               "6eaebc0dd87a1c22e4d17839096886d58a9d5b7f7aeb63efec56c45ac7bead42"
                               "03b6886e1faa90e028ec0ae094d46bf3f97efdd19045cfbc25a1abda2432639f"
                               "9876405c0d68f8edbf047c12a454f7681d5d5a2b54bd3723d193dbad4338baad"
                               "753264006e2d08931c4b8bb79aa1c9cad10eb6605f87c5831f6e2b08e002f9c6"
                               "f21141f5841d92727dd3e1d99c36bc560da3c9067df99fcaf818941f72588be3"
                               "3032bad22caf6704223bb114d575b6d02d9d222b580005d930e8f40cce9f672e"
                               "ebb634a20177d84351627964b83f2053d736a84ab1a005f63bd5ba943de6205c";
/* openssl dgst -sha512 -sign, msg "Test" */
static const char sig_sha512_test[] =
    "011ae4d675c02a1416803dc0c99267f02beacb4de704934a930e7e695a6080ec"
    "6864e4df66cf926c8620b983df80589794ac1f37c6a11d31d13e39b7515c01d0"
    "ebd835c60efb8d48d1907095e9caad0c35fa255b9f5b6eae711c6e9905274eb5"
    "7e079efa4c191f05c0ba78219e4ac2cd6beae67520594c1a2596720aa8837ac3"
    "0f0e8596ce7e731a09c64947351044b1d971d9927944fd50255d8e40592d6d73"
    "cac85242974062fda0d77a647d678160b7b83c7337214e520094a8d613a29b5e"
    "5350f197990d23542d22367452c36bac7b7dbdebc3e110cb141f798474d26e84"
    "353c71e6d330e2ca657d4c13c3ec7384d138914811e6ff18c8b558cd51294ba6";
#if SHREW_RSA_SHA1
/* openssl dgst -sha1 -sign, msg "Test" */
static const char sig_sha1_test[] =
    "58e4ce7ce528760fdfdef7b260ee30c92b9a35e8cf1451be336406d32423feda"
    "62a4e7d929baa8a5bbf59c9eaf89e044a975b7d3812dcab9095cc36bcca42157"
    "fd4293e90ca31303c6f0772cbc7b947bd1aa0482a9723a64d7c58df01b9dbc39"
    "e60e77496bd66eae0a6b4dd426a5f86c0119da56eee7123751cb46a37f234a42"
    "fe1c34536bfdd19a678ddeec333c181e0570a56170a8111eb8ddc70676e2f179"
    "c42c8bf732628fe155cd2efdbdf4c359de588dab31fb860578381a6feb53eac1"
    "d897003a88abd3712e4a05aeabe80cf2f8ec216466982113fc9caa21c1541e1b"
    "e20de30daf335497dfd6144bc2c08ead2fa033f93555ffe868d80e70298ee46f";
#endif

static uint8_t nb[512], eb[8], db[512], pb[256], qb[256], ib[256];
static struct rsa_parts wp;

/* Decodes the vectors above into wp (public part only if !priv). */
static void wp_parts(int priv)
{
	memset(&wp, 0, sizeof(wp));
	wp.n.p = nb;
	wp.n.len = (size_t)unit_unhex(wp_n, nb, sizeof(nb));
	wp.e.p = eb;
	wp.e.len = (size_t)unit_unhex(wp_e, eb, sizeof(eb));
	if (!priv)
		return;
	wp.d.p = db;
	wp.d.len = (size_t)unit_unhex(wp_d, db, sizeof(db));
	wp.p.p = pb;
	wp.p.len = (size_t)unit_unhex(wp_p, pb, sizeof(pb));
	wp.q.p = qb;
	wp.q.len = (size_t)unit_unhex(wp_q, qb, sizeof(qb));
	wp.iqmp.p = ib;
	wp.iqmp.len = (size_t)unit_unhex(wp_iqmp, ib, sizeof(ib));
}

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	long n = unit_unhex(hex, out, cap);

	CHECK(n >= 0);
	return n < 0 ? 0 : (size_t)n;
}

static const uint8_t msg_test[] = {'T', 'e', 's', 't'};

TEST(rsa_kat_sign_sha256)
{
	rsa_key k;
	uint8_t sig[256], want[256];

	wp_parts(1);
	CHECK(crypto_rsa_set(&k, &wp) == E_OK);
	CHECK(crypto_rsa_is_private(&k));
	CHECK(crypto_rsa_bits(&k) == 2048);
	CHECK(crypto_rsa_len(&k) == 256);
	CHECK(crypto_rsa_sign(&k, HASH_SHA256, msg_test, 4, sig, 256) == E_OK);
	unhex(sig_tc83, want, sizeof(want));
	CHECK_MEM(sig, want, 256);
	CHECK(crypto_rsa_sign(&k, HASH_SHA256, NULL, 0, sig, 256) == E_OK);
	unhex(sig_tc81, want, sizeof(want));
	CHECK_MEM(sig, want, 256);
	/* The signature buffer must be exactly the modulus length. */
	CHECK(crypto_rsa_sign(&k, HASH_SHA256, msg_test, 4, sig, 255) == E_ARG);
	crypto_rsa_free(&k);
}

TEST(rsa_kat_sign_sha512)
{
	rsa_key k;
	uint8_t sig[256], want[256];

	wp_parts(1);
	CHECK(crypto_rsa_set(&k, &wp) == E_OK);
	CHECK(crypto_rsa_sign(&k, HASH_SHA512, msg_test, 4, sig, 256) == E_OK);
	unhex(sig_sha512_test, want, sizeof(want));
	CHECK_MEM(sig, want, 256);
#if SHREW_RSA_SHA1
	CHECK(crypto_rsa_sign(&k, HASH_SHA1, msg_test, 4, sig, 256) == E_OK);
	unhex(sig_sha1_test, want, sizeof(want));
	CHECK_MEM(sig, want, 256);
#endif
	/* SHA-384 has no SSH RSA signature algorithm. */
	CHECK(crypto_rsa_sign(&k, HASH_SHA384, msg_test, 4, sig, 256) == E_UNSUPPORTED);
	crypto_rsa_free(&k);
}

TEST(rsa_kat_verify)
{
	rsa_key k;
	uint8_t sig[256], big[258];
	size_t i;

	wp_parts(0);
	CHECK(crypto_rsa_set(&k, &wp) == E_OK);
	CHECK(!crypto_rsa_is_private(&k));
	unhex(sig_tc83, sig, sizeof(sig));
	CHECK(crypto_rsa_verify(&k, HASH_SHA256, msg_test, 4, sig, 256) == E_OK);
	CHECK(crypto_rsa_verify(&k, HASH_SHA512, msg_test, 4, sig, 256) == E_VERIFY);
	CHECK(crypto_rsa_verify(&k, HASH_SHA256, msg_test, 3, sig, 256) == E_VERIFY);
	CHECK(crypto_rsa_verify(&k, HASH_SHA256, NULL, 0, sig, 256) == E_VERIFY);
	/* Every single-bit flip anywhere in the signature is caught. */
	for (i = 0; i < 256 * 8; i += 7) {
		sig[i / 8] ^= (uint8_t)(1u << (i % 8));
		CHECK(crypto_rsa_verify(&k, HASH_SHA256, msg_test, 4, sig, 256) == E_VERIFY);
		sig[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
	unhex(sig_tc81, sig, sizeof(sig));
	CHECK(crypto_rsa_verify(&k, HASH_SHA256, NULL, 0, sig, 256) == E_OK);
	unhex(sig_sha512_test, sig, sizeof(sig));
	CHECK(crypto_rsa_verify(&k, HASH_SHA512, msg_test, 4, sig, 256) == E_OK);
	CHECK(crypto_rsa_verify(&k, HASH_SHA256, msg_test, 4, sig, 256) == E_VERIFY);
	/* Longer than the modulus: rejected even with a leading zero. */
	big[0] = 0;
	memcpy(big + 1, sig, 256);
	CHECK(crypto_rsa_verify(&k, HASH_SHA512, msg_test, 4, big, 257) == E_VERIFY);
	/* Shorter by a non-zero byte: the value changes, so it fails. */
	CHECK(crypto_rsa_verify(&k, HASH_SHA512, msg_test, 4, sig + 1, 255) == E_VERIFY);
	CHECK(crypto_rsa_verify(&k, HASH_SHA512, msg_test, 4, sig, 0) == E_VERIFY);
	/* s >= n is out of range (RFC 8017 5.2.2), s = n and all-ones. */
	unhex(wp_n, sig, sizeof(sig));
	CHECK(crypto_rsa_verify(&k, HASH_SHA512, msg_test, 4, sig, 256) == E_VERIFY);
	memset(sig, 0xff, sizeof(sig));
	CHECK(crypto_rsa_verify(&k, HASH_SHA512, msg_test, 4, sig, 256) == E_VERIFY);
	/* A public key cannot sign. */
	CHECK(crypto_rsa_sign(&k, HASH_SHA256, msg_test, 4, sig, 256) == E_ARG);
	crypto_rsa_free(&k);
}

/* A signature whose first byte is zero still verifies when that byte is
 * left off (OpenSSH sends such short signatures). */
TEST(rsa_short_signature)
{
	/* The first "m%d" whose SHA-256 signature under this key starts with
	 * 0x00 (found by trying them in order with openssl dgst -sign). */
	static const uint8_t m78[] = {'m', '7', '8'};
	uint8_t sig[256];
	rsa_key k;

	wp_parts(1);
	CHECK(crypto_rsa_set(&k, &wp) == E_OK);
	CHECK(crypto_rsa_sign(&k, HASH_SHA256, m78, 3, sig, 256) == E_OK);
	CHECK(sig[0] == 0 && sig[1] != 0);
	CHECK(crypto_rsa_verify(&k, HASH_SHA256, m78, 3, sig, 256) == E_OK);
	CHECK(crypto_rsa_verify(&k, HASH_SHA256, m78, 3, sig + 1, 255) == E_OK);
	CHECK(crypto_rsa_verify(&k, HASH_SHA256, m78, 3, sig + 2, 254) == E_VERIFY);
	sig[255] ^= 1;
	CHECK(crypto_rsa_verify(&k, HASH_SHA256, m78, 3, sig + 1, 255) == E_VERIFY);
	crypto_rsa_free(&k);
}

/* Private keys that must be refused, each with one component changed. */
TEST(rsa_bad_private_keys)
{
	uint8_t iqmp_bad[256];
	rsa_key k;

	wp_parts(1);
	CHECK(crypto_rsa_set(&k, &wp) == E_OK);
	crypto_rsa_free(&k);
	wp.iqmp.len = 0; /* recomputed when absent */
	CHECK(crypto_rsa_set(&k, &wp) == E_OK);
	crypto_rsa_free(&k);

	wp_parts(1);
	memcpy(iqmp_bad, ib, wp.iqmp.len);
	iqmp_bad[wp.iqmp.len - 1] ^= 2;
	wp.iqmp.p = iqmp_bad;
	CHECK(crypto_rsa_set(&k, &wp) == E_FORMAT);
	wp_parts(1);
	wp.q = wp.p; /* p == q and p*q != n */
	CHECK(crypto_rsa_set(&k, &wp) == E_FORMAT);
	wp_parts(1);
	db[wp.d.len - 1] ^= 2; /* e*d != 1 mod p-1 */
	CHECK(crypto_rsa_set(&k, &wp) == E_FORMAT);
	wp_parts(1);
	wp.d.len = 0; /* half a private key */
	CHECK(crypto_rsa_set(&k, &wp) == E_FORMAT);
	wp_parts(1);
	wp.d = wp.n; /* d >= n */
	CHECK(crypto_rsa_set(&k, &wp) == E_FORMAT);
}

/* Public keys that must be refused: exponent and modulus checks. */
TEST(rsa_bad_public_keys)
{
	uint8_t buf[SHREW_RSA_MAX_BITS / 8 + 2], e_even[] = {0x01, 0x00, 0x00};
	uint8_t e_one[] = {0x01}, e_big[9] = {1, 0, 0, 0, 0, 0, 0, 0, 1};
	struct view v;
	rsa_key k;

	wp_parts(0);
	wp.e = (struct view){e_even, sizeof(e_even)};
	CHECK(crypto_rsa_set(&k, &wp) == E_FORMAT);
	wp.e = (struct view){e_one, sizeof(e_one)};
	CHECK(crypto_rsa_set(&k, &wp) == E_FORMAT);
	wp.e = (struct view){e_big, sizeof(e_big)};
	CHECK(crypto_rsa_set(&k, &wp) == E_UNSUPPORTED);
	wp.e = (struct view){NULL, 0};
	CHECK(crypto_rsa_set(&k, &wp) == E_FORMAT);

	wp_parts(0);
	nb[wp.n.len - 1] ^= 1; /* even modulus */
	CHECK(crypto_rsa_set(&k, &wp) == E_FORMAT);
	/* 1016 bits: under RSA_MIN_PEER_BITS; exactly 1024: accepted. */
	memset(buf, 0, sizeof(buf));
	buf[0] = 0x80;
	buf[126] = 1;
	wp.n = (struct view){buf, 127};
	CHECK(crypto_rsa_set(&k, &wp) == E_UNSUPPORTED);
	buf[127] = 1;
	wp.n = (struct view){buf, 128};
	CHECK(crypto_rsa_set(&k, &wp) == E_OK);
	CHECK(crypto_rsa_bits(&k) == 1024);
	crypto_rsa_free(&k);
	/* Leading zeros do not count; one bit over the maximum does. */
	memset(buf, 0, sizeof(buf));
	buf[1] = 0x80;
	buf[sizeof(buf) - 2] = 1;
	v = (struct view){buf, sizeof(buf) - 1};
	wp.n = v;
	CHECK(crypto_rsa_set(&k, &wp) == E_OK);
	CHECK(crypto_rsa_bits(&k) == SHREW_RSA_MAX_BITS);
	crypto_rsa_free(&k);
	buf[0] = 1;
	buf[1] = 0;
	wp.n = (struct view){buf, sizeof(buf) - 1};
	CHECK(crypto_rsa_set(&k, &wp) == E_UNSUPPORTED);
	wp.n = (struct view){buf, sizeof(buf)};
	CHECK(crypto_rsa_set(&k, &wp) == E_UNSUPPORTED);
}

/* Export every component and rebuild: same key, same signatures. */
static void check_rebuild(const rsa_key *k)
{
	static uint8_t f[6][SHREW_RSA_MAX_BITS / 8];
	size_t len[6];
	struct rsa_parts in;
	rsa_key k2;
	uint8_t s1[SHREW_RSA_MAX_BITS / 8], s2[SHREW_RSA_MAX_BITS / 8];
	size_t klen = crypto_rsa_len(k);
	int i;

	for (i = RSAF_N; i <= RSAF_IQMP; i++)
		CHECK(crypto_rsa_export(k, (enum rsa_field)i, f[i], sizeof(f[i]), &len[i]) == E_OK);
	in.n = (struct view){f[RSAF_N], len[RSAF_N]};
	in.e = (struct view){f[RSAF_E], len[RSAF_E]};
	in.d = (struct view){f[RSAF_D], len[RSAF_D]};
	in.p = (struct view){f[RSAF_P], len[RSAF_P]};
	in.q = (struct view){f[RSAF_Q], len[RSAF_Q]};
	in.iqmp = (struct view){f[RSAF_IQMP], len[RSAF_IQMP]};
	CHECK(crypto_rsa_set(&k2, &in) == E_OK);
	CHECK(crypto_rsa_equal_public(k, &k2));
	CHECK(crypto_rsa_sign(k, HASH_SHA512, msg_test, 4, s1, klen) == E_OK);
	CHECK(crypto_rsa_sign(&k2, HASH_SHA512, msg_test, 4, s2, klen) == E_OK);
	CHECK_MEM(s1, s2, klen);
	CHECK(crypto_rsa_verify(&k2, HASH_SHA512, msg_test, 4, s1, klen) == E_OK);
	crypto_rsa_free(&k2);
	CHECK(crypto_rsa_copy_public(&k2, k) == E_OK);
	CHECK(!crypto_rsa_is_private(&k2));
	CHECK(crypto_rsa_equal_public(k, &k2));
	CHECK(crypto_rsa_export(&k2, RSAF_D, f[0], sizeof(f[0]), &len[0]) == E_ARG);
	CHECK(crypto_rsa_verify(&k2, HASH_SHA512, msg_test, 4, s1, klen) == E_OK);
	crypto_rsa_free(&k2);
}

TEST(rsa_rebuild_kat_key)
{
	rsa_key k;

	wp_parts(1);
	CHECK(crypto_rsa_set(&k, &wp) == E_OK);
	check_rebuild(&k);
	crypto_rsa_free(&k);
}

TEST(rsa_generate)
{
	rsa_key k, other;
	uint8_t sig[SHREW_RSA_MAX_BITS / 8];

	CHECK(crypto_rsa_generate(&k, SHREW_RSA_MIN_BITS) == E_OK);
	CHECK(crypto_rsa_bits(&k) == SHREW_RSA_MIN_BITS);
	CHECK(crypto_rsa_is_private(&k));
	CHECK(crypto_rsa_sign(&k, HASH_SHA256, msg_test, 4, sig, crypto_rsa_len(&k)) == E_OK);
	CHECK(crypto_rsa_verify(&k, HASH_SHA256, msg_test, 4, sig, crypto_rsa_len(&k)) == E_OK);
	check_rebuild(&k);
	wp_parts(0);
	CHECK(crypto_rsa_set(&other, &wp) == E_OK);
	CHECK(!crypto_rsa_equal_public(&k, &other));
	crypto_rsa_free(&other);
	crypto_rsa_free(&k);
	CHECK(crypto_rsa_generate(&k, SHREW_RSA_MIN_BITS - 8) == E_ARG);
	CHECK(crypto_rsa_generate(&k, SHREW_RSA_MIN_BITS + 1) == E_ARG);
	CHECK(crypto_rsa_generate(&k, SHREW_RSA_MAX_BITS + 8) == E_ARG);
}

/* A modulus that is a whole number of bytes but not of 16 bits. */
TEST(rsa_generate_odd_bytes)
{
	rsa_key k;

	if (SHREW_RSA_MIN_BITS + 8 > SHREW_RSA_MAX_BITS)
		return;
	CHECK(crypto_rsa_generate(&k, SHREW_RSA_MIN_BITS + 8) == E_OK);
	CHECK(crypto_rsa_bits(&k) == SHREW_RSA_MIN_BITS + 8);
	crypto_rsa_free(&k);
}

int main(void)
{
	if (crypto_init() != E_OK) {
		printf("FAIL crypto_init\n");
		return 1;
	}
	RUN(rsa_kat_sign_sha256);
	RUN(rsa_kat_sign_sha512);
	RUN(rsa_kat_verify);
	RUN(rsa_short_signature);
	RUN(rsa_bad_private_keys);
	RUN(rsa_bad_public_keys);
	RUN(rsa_rebuild_kat_key);
	RUN(rsa_generate);
	RUN(rsa_generate_odd_bytes);
	return unit_done();
}

#else /* !SHREW_RSA */

/* Nothing to test in this build; one empty test keeps the runner happy. */
TEST(rsa_not_built)
{
}

int main(void)
{
	RUN(rsa_not_built);
	return unit_done();
}

#endif
