/*
 * test-cipher.c - crypto-cipher.c against published vectors: NIST SP
 * 800-38A F.5.1 and F.5.5 (CTR-AES128/256.Encrypt; the initial counter
 * block there plays the SSH IV) and the GCM specification's test cases
 * (McGrew & Viega, "The Galois/Counter Mode of Operation", 2005; cases
 * 1-4 for AES-128 and 13-16 for AES-256, 96-bit IV).  Also streaming
 * splits, in-place use, counter carries, the RFC 5647 nonce increment and
 * tamper checks.
 */
#include "options.h"

#if SHREW_AES_CTR || SHREW_AES_GCM
#include "common-err.h"
#include "crypto-cipher.h"
#include "unit.h"

/* Decodes hex into out, failing the test if it does not fit; returns n. */
static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	long n = unit_unhex(hex, out, cap);

	CHECK(n >= 0);
	return n < 0 ? 0 : (size_t)n;
}

TEST(init)
{
	CHECK(crypto_init() == E_OK);
}

#if SHREW_AES_CTR
/* NIST SP 800-38A F.5: the same plaintext and counter for both keys. */
/* clang-format off */
static const char ctr_pt[] =
	"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
	"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
static const char ctr_iv[] = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
/* clang-format on */

static void check_ctr(const char *key_hex, const char *ct_hex)
{
	static const size_t splits[][4] = {
	    {64, 0, 0, 0}, {16, 48, 0, 0}, {1, 15, 17, 31}, {4, 12, 32, 16}, {33, 0, 31, 0},
	};
	uint8_t key[32], iv[16], pt[64], ct[64], out[64];
	size_t klen = unhex(key_hex, key, sizeof(key)), s, i, off;
	struct aesctr_ctx c;

	unhex(ctr_iv, iv, sizeof(iv));
	unhex(ctr_pt, pt, sizeof(pt));
	unhex(ct_hex, ct, sizeof(ct));
	for (s = 0; s < sizeof(splits) / sizeof(splits[0]); s++) {
		/* Encrypt in one go, decrypt in the pieces of splits[s]. */
		CHECK(aesctr_init(&c, key, klen, iv) == E_OK);
		CHECK(aesctr_crypt(&c, pt, out, sizeof(pt)) == E_OK);
		CHECK_MEM(out, ct, sizeof(ct));
		CHECK(aesctr_init(&c, key, klen, iv) == E_OK);
		for (i = 0, off = 0; i < 4; off += splits[s][i], i++)
			CHECK(aesctr_crypt(&c, ct + off, out + off, splits[s][i]) == E_OK);
		CHECK(off == sizeof(pt));
		CHECK_MEM(out, pt, sizeof(pt));
		/* In place. */
		memcpy(out, pt, sizeof(pt));
		CHECK(aesctr_init(&c, key, klen, iv) == E_OK);
		CHECK(aesctr_crypt(&c, out, out, sizeof(out)) == E_OK);
		CHECK_MEM(out, ct, sizeof(ct));
	}
	aesctr_wipe(&c);
}

TEST(ctr_sp800_38a_f5_1_aes128)
{
	check_ctr("2b7e151628aed2a6abf7158809cf4f3c",
	          "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
	          "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee");
}

TEST(ctr_sp800_38a_f5_5_aes256)
{
	check_ctr("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
	          "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
	          "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6");
}

/* The second keystream block under iv_hex equals the first under
 * next_hex: the counter is the whole block, big-endian (RFC 4344 4). */
static void check_carry(const char *iv_hex, const char *next_hex)
{
	uint8_t key[16], iv[16], next[16], zero[32], ks[32], ks2[16];
	struct aesctr_ctx c;

	memset(key, 0x42, sizeof(key));
	memset(zero, 0, sizeof(zero));
	unhex(iv_hex, iv, sizeof(iv));
	unhex(next_hex, next, sizeof(next));
	CHECK(aesctr_init(&c, key, sizeof(key), iv) == E_OK);
	CHECK(aesctr_crypt(&c, zero, ks, sizeof(ks)) == E_OK);
	CHECK(aesctr_init(&c, key, sizeof(key), next) == E_OK);
	CHECK(aesctr_crypt(&c, zero, ks2, sizeof(ks2)) == E_OK);
	CHECK_MEM(ks + 16, ks2, 16);
	aesctr_wipe(&c);
}

TEST(ctr_counter_carry)
{
	check_carry("000102030405060708090a0b0c0d0eff", "000102030405060708090a0b0c0d0f00");
	check_carry("0000000000000000ffffffffffffffff", "00000000000000010000000000000000");
	check_carry("ffffffffffffffffffffffffffffffff", "00000000000000000000000000000000");
}

TEST(ctr_bad_args)
{
	uint8_t key[32] = {0}, iv[16] = {0};
	struct aesctr_ctx c;

	CHECK(aesctr_init(&c, key, 24, iv) == E_ARG);
	CHECK(aesctr_init(&c, key, 0, iv) == E_ARG);
	CHECK(aesctr_init(&c, key, 16, iv) == E_OK);
	CHECK(aesctr_crypt(&c, NULL, NULL, 0) == E_OK);
	aesctr_wipe(&c);
}
#endif /* SHREW_AES_CTR */

#if SHREW_AES_GCM
static struct aesgcm_ctx gcm, gcm2; /* large: not on the stack */

struct gcm_vec {
	const char *name, *key, *iv, *pt, *aad, *ct, *tag;
};

/* clang-format off */
static const char gcm_key1[] = "feffe9928665731c6d6a8f9467308308";
static const char gcm_iv1[] = "cafebabefacedbaddecaf888";
static const char gcm_pt64[] =
	"d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	"1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
static const char gcm_pt60[] =
	"d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	"1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
static const char gcm_aad[] = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

static const struct gcm_vec gcm_vecs[] = {
	{ "TC1", "00000000000000000000000000000000", "000000000000000000000000",
	  "", "", "", "58e2fccefa7e3061367f1d57a4e7455a" },
	{ "TC2", "00000000000000000000000000000000", "000000000000000000000000",
	  "00000000000000000000000000000000", "",
	  "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf" },
	{ "TC3", gcm_key1, gcm_iv1, gcm_pt64, "",
	  "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
	  "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
	  "4d5c2af327cd64a62cf35abd2ba6fab4" },
	/* TC4: with AAD, plaintext not a whole number of blocks. */
	{ "TC4", gcm_key1, gcm_iv1, gcm_pt60, gcm_aad,
	  "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
	  "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
	  "5bc94fbc3221a5db94fae95ae7121a47" },
	{ "TC13", "0000000000000000000000000000000000000000000000000000000000000000",
	  "000000000000000000000000", "", "", "",
	  "530f8afbc74536b9a963b4f1c4cb738b" },
	{ "TC14", "0000000000000000000000000000000000000000000000000000000000000000",
	  "000000000000000000000000", "00000000000000000000000000000000", "",
	  "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919" },
	{ "TC15", "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
	  gcm_iv1, gcm_pt64, "",
	  "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	  "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
	  "b094dac5d93471bdec1a502270e3cc6c" },
	/* TC16: with AAD, 60-byte plaintext. */
	{ "TC16", "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
	  gcm_iv1, gcm_pt60, gcm_aad,
	  "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	  "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
	  "76fc6ece0f4e1768cddf8853bb2d551b" },
};
/* clang-format on */

struct gcm_buf {
	uint8_t key[32], iv[12], pt[64], aad[20], ct[64], tag[16];
	size_t klen, ptlen, aadlen;
};

static void load(const struct gcm_vec *v, struct gcm_buf *b)
{
	b->klen = unhex(v->key, b->key, sizeof(b->key));
	unhex(v->iv, b->iv, sizeof(b->iv));
	b->ptlen = unhex(v->pt, b->pt, sizeof(b->pt));
	b->aadlen = unhex(v->aad, b->aad, sizeof(b->aad));
	CHECK(unhex(v->ct, b->ct, sizeof(b->ct)) == b->ptlen);
	unhex(v->tag, b->tag, sizeof(b->tag));
}

/* open() of b with byte `flip` of (ct || aad || tag) inverted must fail
 * and leave zeros in out. */
static void check_tamper(const struct gcm_buf *b, size_t flip)
{
	struct gcm_buf t = *b;
	uint8_t out[64 + 1];

	if (flip < t.ptlen)
		t.ct[flip] ^= 0x01;
	else if (flip < t.ptlen + t.aadlen)
		t.aad[flip - t.ptlen] ^= 0x20;
	else
		t.tag[flip - t.ptlen - t.aadlen] ^= 0x80;
	memset(out, 0xee, sizeof(out));
	CHECK(aesgcm_init(&gcm, t.key, t.klen, t.iv) == E_OK);
	CHECK(aesgcm_open(&gcm, t.aad, t.aadlen, t.ct, out, t.ptlen, t.tag) == E_VERIFY);
	CHECK(t.ptlen == 0 || (out[0] == 0 && out[t.ptlen - 1] == 0));
	CHECK(out[t.ptlen] == 0xee);
}

static void check_gcm_vec(const struct gcm_vec *v)
{
	int before = unit_failed_checks;
	uint8_t out[64], tag[16];
	struct gcm_buf b;
	size_t n;

	load(v, &b);
	CHECK(aesgcm_init(&gcm, b.key, b.klen, b.iv) == E_OK);
	CHECK(aesgcm_seal(&gcm, b.aad, b.aadlen, b.pt, out, b.ptlen, tag) == E_OK);
	CHECK_MEM(out, b.ct, b.ptlen);
	CHECK_MEM(tag, b.tag, 16);
	CHECK(aesgcm_init(&gcm, b.key, b.klen, b.iv) == E_OK);
	memcpy(out, b.ct, b.ptlen); /* open in place */
	CHECK(aesgcm_open(&gcm, b.aad, b.aadlen, out, out, b.ptlen, b.tag) == E_OK);
	CHECK_MEM(out, b.pt, b.ptlen);
	n = b.ptlen + b.aadlen + 16;
	check_tamper(&b, 0);
	check_tamper(&b, n - 1);
	check_tamper(&b, n / 2);
	if (b.aadlen)
		check_tamper(&b, b.ptlen);
	if (unit_failed_checks != before)
		fprintf(stderr, "  (in GCM %s)\n", v->name);
}

TEST(gcm_mcgrew_viega)
{
	size_t i;

	for (i = 0; i < sizeof(gcm_vecs) / sizeof(gcm_vecs[0]); i++)
		check_gcm_vec(&gcm_vecs[i]);
	aesgcm_wipe(&gcm);
}

/* After n seals under iv_hex, the next seal equals a first seal under
 * next_hex (RFC 5647 7.1: only the 64-bit invocation counter moves). */
static void check_nonce_step(const char *iv_hex, const char *next_hex)
{
	uint8_t key[16], iv[12], next[12], pkt[36], a[32], b[32], ta[16], tb[16];

	memset(key, 0x5a, sizeof(key));
	memset(pkt, 0x11, sizeof(pkt));
	unhex(iv_hex, iv, sizeof(iv));
	unhex(next_hex, next, sizeof(next));
	CHECK(aesgcm_init(&gcm, key, sizeof(key), iv) == E_OK);
	CHECK(aesgcm_seal(&gcm, pkt, 4, pkt + 4, a, 32, ta) == E_OK);
	CHECK(aesgcm_seal(&gcm, pkt, 4, pkt + 4, a, 32, ta) == E_OK);
	CHECK(aesgcm_init(&gcm2, key, sizeof(key), next) == E_OK);
	CHECK(aesgcm_seal(&gcm2, pkt, 4, pkt + 4, b, 32, tb) == E_OK);
	CHECK_MEM(a, b, 32);
	CHECK_MEM(ta, tb, 16);
}

TEST(gcm_nonce_increment)
{
	check_nonce_step("cafebabefacedbaddecaf888", "cafebabefacedbaddecaf889");
	check_nonce_step("0000000100000000ffffffff", "000000010000000100000000");
	check_nonce_step("12345678ffffffffffffffff", "123456780000000000000000");
	aesgcm_wipe(&gcm);
	aesgcm_wipe(&gcm2);
}

/* An SSH packet: the 4-byte length is AAD and stays in clear; sealing and
 * opening in place in step, packet after packet; a skipped packet (nonce
 * out of step) fails. */
TEST(gcm_ssh_packets)
{
	uint8_t key[32], iv[12], pkt[4 + 32], orig[4 + 32], tag[16];
	int i;

	memset(key, 0x77, sizeof(key));
	memset(iv, 0x01, sizeof(iv));
	CHECK(aesgcm_init(&gcm, key, sizeof(key), iv) == E_OK);
	CHECK(aesgcm_init(&gcm2, key, sizeof(key), iv) == E_OK);
	for (i = 0; i < 3; i++) {
		memset(orig, 0, 4);
		orig[3] = 32;
		memset(orig + 4, 'a' + i, 32);
		memcpy(pkt, orig, sizeof(pkt));
		CHECK(aesgcm_seal(&gcm, pkt, 4, pkt + 4, pkt + 4, 32, tag) == E_OK);
		CHECK_MEM(pkt, orig, 4);
		CHECK(memcmp(pkt + 4, orig + 4, 32) != 0);
		if (i == 1)
			continue; /* the receiver misses packet 1 */
		CHECK(aesgcm_open(&gcm2, pkt, 4, pkt + 4, pkt + 4, 32, tag) ==
		      (i == 0 ? E_OK : E_VERIFY));
		if (i == 0)
			CHECK_MEM(pkt, orig, sizeof(pkt));
	}
	aesgcm_wipe(&gcm);
	aesgcm_wipe(&gcm2);
}

TEST(gcm_bad_args)
{
	uint8_t key[32] = {0}, iv[12] = {0};

	CHECK(aesgcm_init(&gcm, key, 24, iv) == E_ARG);
	CHECK(aesgcm_init(&gcm, key, 15, iv) == E_ARG);
}
#endif /* SHREW_AES_GCM */

int main(void)
{
	RUN(init);
#if SHREW_AES_CTR
	RUN(ctr_sp800_38a_f5_1_aes128);
	RUN(ctr_sp800_38a_f5_5_aes256);
	RUN(ctr_counter_carry);
	RUN(ctr_bad_args);
#endif
#if SHREW_AES_GCM
	RUN(gcm_mcgrew_viega);
	RUN(gcm_nonce_increment);
	RUN(gcm_ssh_packets);
	RUN(gcm_bad_args);
#endif
	return unit_done();
}

#else /* neither AES-CTR nor AES-GCM */

#include <stdio.h>

/* Nothing to test: no RUN.  The SKIP line tells test/run.sh why. */
int main(void)
{
	puts("SKIP test-cipher: SHREW_AES_CTR and SHREW_AES_GCM are off");
	return 0;
}

#endif
