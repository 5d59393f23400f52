/*
 * test-chachapoly.c - crypto-chachapoly.c (chacha20-poly1305@openssh.com).
 *
 * Published vectors: RFC 8439 2.3.2 (ChaCha20 block), 2.5.2 (Poly1305),
 * 2.6.2 and A.4 (Poly1305 key generation) and A.1 (keystream).  The RFC
 * uses a 32-bit counter and a 96-bit nonce; OpenSSH's construction uses the
 * original 64-bit counter and 64-bit nonce.  Both fill the same four state
 * words 12..15 (little-endian): RFC (ctr32, n[0..3], n[4..7], n[8..11]) is
 * 64/64 (ctr64 = ctr32 | LE32(n[0..3]) << 32, nonce8 = n[4..11]).  So an
 * RFC vector whose nonce starts with four zero bytes is our packet with
 * sequence number = BE64(n[4..11]) at the same counter; 2.6.2's nonce
 * 00000000 0001020304050607 is seq 0x0001020304050607.
 *
 * Then known answers for the whole construction from an independent
 * implementation (gen-chachapoly-kat.py, python3-cryptography), a round
 * trip, and tamper tests: any flipped bit in length, payload or tag, or a
 * wrong sequence number, gives E_VERIFY and releases no plaintext.
 */
#include "options.h"

#if SHREW_CHACHA20_POLY1305
#include "common-err.h"
#include "crypto-chachapoly.h"
#include "unit.h"

/* Decodes hex into out, failing the test if it does not fit; returns n. */
static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	long n = unit_unhex(hex, out, cap);

	CHECK(n >= 0);
	return n < 0 ? 0 : (size_t)n;
}

/* RFC 8439 A.1 test vector #1: key 0, nonce 0, counter 0 (its first 32
 * bytes are also A.4 #1's Poly1305 key). */
/* clang-format off */
static const char a1_block0[] =
	"76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
	"da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586";
/* RFC 8439 A.1 test vector #2: key 0, nonce 0, counter 1. */
static const char a1_block1[] =
	"9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
	"29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f";
/* clang-format on */

/* RFC 8439 2.3.2: key 00..1f, nonce 000000090000004a00000000, counter 1;
 * through libtomcrypt in the RFC layout and in the 64/64 layout we use. */
TEST(rfc8439_2_3_2_block)
{
	static const uint8_t nonce12[12] = {0, 0, 0, 0x09, 0, 0, 0, 0x4a};
	uint8_t key[32], want[64], got[64];
	chacha_state st;
	int i;

	for (i = 0; i < 32; i++)
		key[i] = (uint8_t)i;
	unhex("10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
	      "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e",
	      want, sizeof(want));
	CHECK(chacha_setup(&st, key, 32, 20) == CRYPT_OK);
	CHECK(chacha_ivctr32(&st, nonce12, 12, 1) == CRYPT_OK);
	CHECK(chacha_keystream(&st, got, 64) == CRYPT_OK);
	CHECK_MEM(got, want, 64);
	/* ctr64 = 1 | LE32(00 00 00 09) << 32, nonce8 = 00 00 00 4a 00 00 00 00 */
	CHECK(chacha_ivctr64(&st, nonce12 + 4, 8, 1 | (uint64_t)0x09000000u << 32) == CRYPT_OK);
	memset(got, 0, sizeof(got));
	CHECK(chacha_keystream(&st, got, 64) == CRYPT_OK);
	CHECK_MEM(got, want, 64);
}

/* RFC 8439 2.5.2: Poly1305 of "Cryptographic Forum Research Group". */
TEST(rfc8439_2_5_2_poly1305)
{
	static const char msg[] = "Cryptographic Forum Research Group";
	uint8_t key[32], want[16], got[16];
	unsigned long len = sizeof(got);

	unhex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b", key, sizeof(key));
	unhex("a8061dc1305136c6c22b8baf0c0127a9", want, sizeof(want));
	CHECK(poly1305_memory(key, 32, (const uint8_t *)msg, strlen(msg), got, &len) == CRYPT_OK);
	CHECK(len == 16);
	CHECK_MEM(got, want, 16);
}

/* The tag cp_seal must give over out: Poly1305 under the published key. */
static void check_tag_under(const char *poly_key_hex, const uint8_t *out, size_t n,
                            const uint8_t *tag)
{
	uint8_t pkey[32], want[16];
	unsigned long len = sizeof(want);

	CHECK(unhex(poly_key_hex, pkey, sizeof(pkey)) == 32);
	CHECK(poly1305_memory(pkey, 32, out, n, want, &len) == CRYPT_OK);
	CHECK_MEM(tag, want, 16);
}

/* K_1 = K_2 = 0, seq 0: the length is XORed with A.1 #1's first 4 bytes,
 * the payload with A.1 #2 (counter 1), and the Poly1305 key is A.4 #1. */
TEST(cp_rfc8439_a1_keystream)
{
	uint8_t key[64], in[4 + 64], out[4 + 64], want[64], tag[16];
	struct cp_ctx c;
	uint32_t len = 1;

	memset(key, 0, sizeof(key));
	memset(in, 0, sizeof(in));
	CHECK(cp_init(&c, key) == E_OK);
	CHECK(cp_seal(&c, 0, in, out, sizeof(in), tag) == E_OK);
	unhex(a1_block0, want, sizeof(want));
	CHECK_MEM(out, want, 4);
	unhex(a1_block1, want, sizeof(want));
	CHECK_MEM(out + 4, want, 64);
	check_tag_under("76b8e0ada0f13d90405d6ae55386bd28"
	                "bdd219b8a08ded1aa836efcc8b770dc7",
	                out, sizeof(out), tag);
	CHECK(cp_decrypt_length(&c, 0, out, &len) == E_OK);
	CHECK(len == 0);
	cp_wipe(&c);
}

/* RFC 8439 2.6.2: key 80..9f, nonce 00000000 0001020304050607, counter 0
 * gives the Poly1305 key below; here K_2 = 80..9f and the nonce is the
 * (64-bit) sequence number 0x0001020304050607. */
TEST(cp_rfc8439_2_6_2_poly_key)
{
	uint8_t key[64], in[4 + 40], out[4 + 40], tag[16];
	struct cp_ctx c;
	int i;

	for (i = 0; i < 32; i++)
		key[i] = (uint8_t)(0x80 + i);
	memset(key + 32, 0x33, 32);
	for (i = 0; i < (int)sizeof(in); i++)
		in[i] = (uint8_t)(i * 3);
	CHECK(cp_init(&c, key) == E_OK);
	CHECK(cp_seal(&c, 0x0001020304050607ull, in, out, sizeof(in), tag) == E_OK);
	check_tag_under("8ad5a08b905f81cc815040274ab29471"
	                "a833b637e3fd0da508dbb8e2fdd1a646",
	                out, sizeof(out), tag);
	cp_wipe(&c);
}

/* A.4 #2's key and nonce (key 00..01, nonce 00..02) as K_2 and seq 2. */
TEST(cp_rfc8439_a4_2_poly_key)
{
	uint8_t key[64], in[4 + 20], out[4 + 20], tag[16];
	struct cp_ctx c;

	memset(key, 0, sizeof(key));
	key[31] = 1;
	memset(in, 0x5c, sizeof(in));
	CHECK(cp_init(&c, key) == E_OK);
	CHECK(cp_seal(&c, 2, in, out, sizeof(in), tag) == E_OK);
	check_tag_under("ecfa254f845f647473d3cb140da9e876"
	                "06cb33066c447b87bc2666dde3fbb739",
	                out, sizeof(out), tag);
	cp_wipe(&c);
}

struct cp_kat {
	uint32_t seq;
	const char *in, *out, *tag;
};

/* clang-format off */
/* Generated by test/unit/gen-chachapoly-kat.py: do not edit. */
static const char kat_key[] =
	  "d32622151e466df6bebf0805554795a4890b902d5640cf616fe4eb35f8ace213"
	  "cde81f82fc9016b7df48718f169b8427e8b6e3ee65badc91948b0fa51fcebc2c";

static const struct cp_kat kats[] = {
	{ 0x00000003u,
	  "000000080615a0a1a2a3a4a5",
	  "0b5d343722dd1fafe56449da",
	  "8095bb4a3f656b1db9996aea425e558e" },
	{ 0xffffffffu,
	  "0000006005000102030405060708090a0b0c0d0e0f101112131415161718191a"
	  "1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a"
	  "3b3c3d3e3f404142434445464748494a4b4c4d4e4f50515253545556575859a0"
	  "a1a2a3a4",
	  "8bd694b4548d3ab4ab8c09f3cb8aba01a97cbb6fa499bdc02934841af51fc29e"
	  "12933700e9f429742e7e9f59c88c95ff0e604bdc254502dfa87ed9f8c5e04778"
	  "71cb99389634fa6a311a76fe4b57933d068da62aeb493723b262548a6e657f09"
	  "e095f2be",
	  "f32399c9047c736c9889a61e080994cd" },
	{ 0x00000001u,
	  "00000000",
	  "1d26eb7c",
	  "1c775f2a2d471c3b37a52eb843834f24" },
	{ 0x00003039u,
	  "0000010005736872657773687265777368726577736872657773687265777368"
	  "7265777368726577736872657773687265777368726577736872657773687265"
	  "7773687265777368726577736872657773687265777368726577736872657773"
	  "6872657773687265777368726577736872657773687265777368726577736872"
	  "6577736872657773687265777368726577736872657773687265777368726577"
	  "7368726577736872657773687265777368726577736872657773687265777368"
	  "7265777368726577736872657773687265777368726577736872657773687265"
	  "77736872657773687265777368726577736872657773687265777368726577a0"
	  "a1a2a3a4",
	  "cb89d1edeccf3fecfcd42e5a6a87d7ac34d3032ca3426d2621ce7f0d61e23dcb"
	  "8774026802337855473e0737ed42eab47f67f3eaf01ccb4bed78d5c500626327"
	  "e41188ceb4ce540dbda7713c9e9709189d60da1e46a293628391add97839f67c"
	  "d3a7905150da82c565cb7ea101433d158a51af0637a13ae968db0b11d0342505"
	  "40d5478a8fb7ce91fb1c33bc9580fb7eb6ff4c8a9b50d0d68e48818a4a8328e6"
	  "a252757c295d80fe0682b11c73d731ff04727c84817c7384018cb68659c77901"
	  "cbb06e8387f8e8d00785783739e0b471950438fa472ef23a96adf03ed9bda16f"
	  "b2b2b2bb2ccdefc9e74a2b86829c0d9f867161e4dfda9930ed497ee6f4452729"
	  "48f3a4e5",
	  "41650fa412259eea60ed36881357fb45" },
};
/* clang-format on */

/* The independent known answers: seal, length, open. */
TEST(cp_openssh_kat)
{
	static uint8_t in[300], want[300], out[300], back[300];
	uint8_t key[64], tag[16], want_tag[16];
	struct cp_ctx c;
	size_t i, n;
	uint32_t len;

	CHECK(unhex(kat_key, key, sizeof(key)) == 64);
	CHECK(cp_init(&c, key) == E_OK);
	for (i = 0; i < sizeof(kats) / sizeof(kats[0]); i++) {
		n = unhex(kats[i].in, in, sizeof(in));
		CHECK(unhex(kats[i].out, want, sizeof(want)) == n);
		unhex(kats[i].tag, want_tag, sizeof(want_tag));
		CHECK(cp_seal(&c, kats[i].seq, in, out, n, tag) == E_OK);
		CHECK_MEM(out, want, n);
		CHECK_MEM(tag, want_tag, 16);
		CHECK(cp_decrypt_length(&c, kats[i].seq, want, &len) == E_OK);
		CHECK(len == n - 4);
		memset(back, 0, sizeof(back));
		CHECK(cp_open(&c, kats[i].seq, want, back, n, want_tag) == E_OK);
		CHECK_MEM(back, in, n);
	}
	cp_wipe(&c);
}

/* A packet as the transport handles it, in place: seal, read the length
 * first, then open the rest; a flipped bit anywhere, or the wrong seq,
 * gives E_VERIFY and leaves out untouched. */
TEST(cp_roundtrip_tamper)
{
	uint8_t key[64], pkt[4 + 44], orig[4 + 44], buf[4 + 44], out[4 + 44];
	uint8_t tag[16], t[16];
	const uint32_t seq = 0x01020304;
	struct cp_ctx c;
	uint32_t len = 0;
	size_t i, bit;

	for (i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(0xc0 ^ i);
	memset(orig, 0x2a, sizeof(orig));
	orig[0] = orig[1] = orig[2] = 0;
	orig[3] = sizeof(orig) - 4;
	memcpy(pkt, orig, sizeof(pkt));
	CHECK(cp_init(&c, key) == E_OK);
	CHECK(cp_seal(&c, seq, pkt, pkt, sizeof(pkt), tag) == E_OK);
	CHECK(memcmp(pkt, orig, 4) != 0);
	CHECK(cp_decrypt_length(&c, seq, pkt, &len) == E_OK);
	CHECK(len == sizeof(orig) - 4);
	for (bit = 0; bit < 8 * (sizeof(pkt) + sizeof(tag)); bit += 5) {
		memcpy(buf, pkt, sizeof(buf));
		memcpy(t, tag, sizeof(t));
		if (bit < 8 * sizeof(buf))
			buf[bit / 8] ^= (uint8_t)(1u << bit % 8);
		else
			t[bit / 8 - sizeof(buf)] ^= (uint8_t)(1u << bit % 8);
		memset(out, 0xee, sizeof(out));
		CHECK(cp_open(&c, seq, buf, out, sizeof(buf), t) == E_VERIFY);
		CHECK(out[0] == 0xee && out[sizeof(out) - 1] == 0xee);
	}
	CHECK(cp_open(&c, seq + 1, pkt, out, sizeof(pkt), tag) == E_VERIFY);
	CHECK(cp_open(&c, seq, pkt, out, sizeof(pkt) - 1, tag) == E_VERIFY);
	CHECK(cp_open(&c, seq, pkt, pkt, sizeof(pkt), tag) == E_OK);
	CHECK_MEM(pkt, orig, sizeof(pkt));
	cp_wipe(&c);
}

TEST(cp_bad_args)
{
	uint8_t key[64] = {0}, b[4] = {0}, tag[16] = {0};
	struct cp_ctx c;

	CHECK(cp_init(&c, key) == E_OK);
	CHECK(cp_seal(&c, 0, b, b, 3, tag) == E_ARG);
	CHECK(cp_open(&c, 0, b, b, 0, tag) == E_ARG);
	cp_wipe(&c);
}

int main(void)
{
	RUN(rfc8439_2_3_2_block);
	RUN(rfc8439_2_5_2_poly1305);
	RUN(cp_rfc8439_a1_keystream);
	RUN(cp_rfc8439_2_6_2_poly_key);
	RUN(cp_rfc8439_a4_2_poly_key);
	RUN(cp_openssh_kat);
	RUN(cp_roundtrip_tamper);
	RUN(cp_bad_args);
	return unit_done();
}

#else /* !SHREW_CHACHA20_POLY1305 */

#include <stdio.h>

/* Nothing to test: no RUN.  The SKIP line tells test/run.sh why. */
int main(void)
{
	puts("SKIP test-chachapoly: SHREW_CHACHA20_POLY1305 is off");
	return 0;
}

#endif
