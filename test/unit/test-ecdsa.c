/*
 * test-ecdsa.c - ECDSA and ECDH on P-256/384/521 (crypto-ecdsa.c).
 *
 * Vectors:
 *   - RFC 6979 appendix A.2.5 (P-256, SHA-256), A.2.6 (P-384, SHA-384) and
 *     A.2.7 (P-521, SHA-512), message "sample": key pair and signature.
 *     Our signer draws a random nonce, so these test verification (and
 *     that the private key x yields U); signing is tested by round trip.
 *   - NIST CAVP KAS ECC CDH primitive test vectors, COUNT = 0 of P-256,
 *     P-384 and P-521 (dIUT, QCAVS, ZIUT; QIUT as listed for P-256, and
 *     computed from dIUT with `openssl ec -pubout` for P-384/P-521).
 */
#include "options.h"
#include "common-err.h"
#include "crypto-ecdsa.h"
#include "crypto-ltc.h"
#include "unit.h"

#if SHREW_ECC

struct rfc6979 {
	enum ecdsa_curve curve;
	enum hash_id hash;
	const char *x, *u, *r, *s;
};

struct cdh {
	enum ecdsa_curve curve;
	const char *d, *qiut, *qcavs, *z;
};

static const struct rfc6979 rfc6979[] = {
    {/* A.2.5: NIST P-256, SHA-256, message "sample" */
     ECDSA_P256, HASH_SHA256,
     /* x */
     "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
     /* U = 04 || Ux || Uy */
     "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29f"
     "b67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d44622"
     "99",
     /* r */
     "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
     /* s */
     "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8"},
    {/* A.2.6: NIST P-384, SHA-384, message "sample" */
     ECDSA_P384, HASH_SHA384,
     /* x */
     "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8"
     "96d5724e4c70a825f872c9ea60d2edf5",
     /* U = 04 || Ux || Uy */
     "04ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c"
     "64def8f0ea9055866064a254515480bc138015d9b72d7d57244ea8ef9ac0c621"
     "896708a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd25332647"
     "20",
     /* r */
     "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c"
     "81a648152e44acf96e36dd1e80fabe46",
     /* s */
     "99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94f"
     "a329c145786e679e7b82c71a38628ac8"},
    {/* A.2.7: NIST P-521, SHA-512, message "sample" */
     ECDSA_P521, HASH_SHA512,
     /* x */
     "00fad06daa62ba3b25d2fb40133da757205de67f5bb0018fee8c86e1b68c7e75"
     "caa896eb32f1f47c70855836a6d16fcc1466f6d8fbec67db89ec0c08b0e996b8"
     "3538",
     /* U = 04 || Ux || Uy */
     "0401894550d0785932e00eaa23b694f213f8c3121f86dc97a04e5a7167db4e5b"
     "cd371123d46e45db6b5d5370a7f20fb633155d38ffa16d2bd761dcac474b9a2f"
     "5023a400493101c962cd4d2fddf782285e64584139c2f91b47f87ff82354d663"
     "0f746a28a0db25741b5b34a828008b22acc23f924faafbd4d33f81ea66956dfe"
     "aa2bfdfcf5",
     /* r */
     "00c328fafcbd79dd77850370c46325d987cb525569fb63c5d3bc53950e6d4c5f"
     "174e25a1ee9017b5d450606add152b534931d7d4e8455cc91f9b15bf05ec36e3"
     "77fa",
     /* s */
     "00617cce7cf5064806c467f678d3b4080d6f1cc50af26ca209417308281b68af"
     "282623eaa63e5b5c0723d8b8c37ff0777b1a20f8ccb1dccc43997f1ee0e44da4"
     "a67a"},
};

static const struct cdh cdh[] = {
    {/* P-256 */
     ECDSA_P256,
     /* dIUT */
     "7d7dc5f71eb29ddaf80d6214632eeae03d9058af1fb6d22ed80badb62bc1a534",
     /* QIUT */
     "04ead218590119e8876b29146ff89ca61770c4edbbf97d38ce385ed281d8a6b2"
     "3028af61281fd35e2fa7002523acc85a429cb06ee6648325389f59edfce14051"
     "41",
     /* QCAVS */
     "04700c48f77f56584c5cc632ca65640db91b6bacce3a4df6b42ce7cc838833d2"
     "87db71e509e3fd9b060ddb20ba5c51dcc5948d46fbf640dfe0441782cab85fa4"
     "ac",
     /* ZIUT */
     "46fc62106420ff012e54a434fbdd2d25ccc5852060561e68040dd7778997bd7b"},
    {/* P-384 */
     ECDSA_P384,
     /* dIUT */
     "3cc3122a68f0d95027ad38c067916ba0eb8c38894d22e1b15618b6818a661774"
     "ad463b205da88cf699ab4d43c9cf98a1",
     /* QIUT */
     "049803807f2f6d2fd966cdd0290bd410c0190352fbec7ff6247de1302df86f25"
     "d34fe4a97bef60cff548355c015dbb3e5fba26ca69ec2f5b5d9dad20cc9da711"
     "383a9dbe34ea3fa5a2af75b46502629ad54dd8b7d73a8abb06a3a3be47d650cc"
     "99",
     /* QCAVS */
     "04a7c76b970c3b5fe8b05d2838ae04ab47697b9eaf52e764592efda27fe75132"
     "72734466b400091adbf2d68c58e0c50066ac68f19f2e1cb879aed43a9969b91a"
     "0839c4c38a49749b661efedf243451915ed0905a32b060992b468c64766fc843"
     "7a",
     /* ZIUT */
     "5f9d29dc5e31a163060356213669c8ce132e22f57c9a04f40ba7fcead493b457"
     "e5621e766c40a2e3d4d6a04b25e533f1"},
    {/* P-521 */
     ECDSA_P521,
     /* dIUT */
     "017eecc07ab4b329068fba65e56a1f8890aa935e57134ae0ffcce802735151f4"
     "eac6564f6ee9974c5e6887a1fefee5743ae2241bfeb95d5ce31ddcb6f9edb4d6"
     "fc47",
     /* QIUT */
     "0400602f9d0cf9e526b29e22381c203c48a886c2b0673033366314f1ffbcba24"
     "0ba42f4ef38a76174635f91e6b4ed34275eb01c8467d05ca80315bf1a7bbd945"
     "f550a501b7c85f26f5d4b2d7355cf6b02117659943762b6d1db5ab4f1dbc44ce"
     "7b2946eb6c7de342962893fd387d1b73d7a8672d1f236961170b7eb3579953ee"
     "5cdc88cd2d",
     /* QCAVS */
     "0400685a48e86c79f0f0875f7bc18d25eb5fc8c0b07e5da4f4370f3a94903408"
     "54334b1e1b87fa395464c60626124a4e70d0f785601d37c09870ebf176666877"
     "a2046d01ba52c56fc8776d9e8f5db4f0cc27636d0b741bbe05400697942e80b7"
     "39884a83bde99e0f6716939e632bc8986fa18dccd443a348b6c3e522497955a4"
     "f3c302f676",
     /* ZIUT */
     "005fc70477c3e63bc3954bd0df3ea0d1f41ee21746ed95fc5e1fdf90930d5e13"
     "6672d72cc770742d1711c3c3a4c334a0ad9759436a4d3c5bf6e74b9578fac148"
     "c831"},
};

#define NVEC (sizeof(rfc6979) / sizeof(rfc6979[0]))

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	long n = unit_unhex(hex, out, cap);

	CHECK(n >= 0);
	return n < 0 ? 0 : (size_t)n;
}

static const uint8_t sample[] = {'s', 'a', 'm', 'p', 'l', 'e'};

/* Decoded vector i. */
struct vec {
	uint8_t x[ECDSA_MAX_BYTES], u[ECDSA_MAX_POINT], r[ECDSA_MAX_BYTES], s[ECDSA_MAX_BYTES];
	struct view xv, uv, rv, sv;
};

static void vec_load(size_t i, struct vec *v)
{
	v->xv = (struct view){v->x, unhex(rfc6979[i].x, v->x, sizeof(v->x))};
	v->uv = (struct view){v->u, unhex(rfc6979[i].u, v->u, sizeof(v->u))};
	v->rv = (struct view){v->r, unhex(rfc6979[i].r, v->r, sizeof(v->r))};
	v->sv = (struct view){v->s, unhex(rfc6979[i].s, v->s, sizeof(v->s))};
}

TEST(ecdsa_rfc6979_verify)
{
	size_t i, b;

	for (i = 0; i < NVEC; i++) {
		enum hash_id h = rfc6979[i].hash;
		struct vec v;
		ecc_key k;

		vec_load(i, &v);
		CHECK(crypto_ecdsa_set(&k, rfc6979[i].curve, v.uv, NULL) == E_OK);
		CHECK(crypto_ecdsa_curve(&k) == rfc6979[i].curve);
		CHECK(!crypto_ecdsa_is_private(&k));
		CHECK(crypto_ecdsa_verify(&k, h, sample, 6, v.rv, v.sv) == E_OK);
		CHECK(crypto_ecdsa_verify(&k, h, sample, 5, v.rv, v.sv) == E_VERIFY);
		CHECK(crypto_ecdsa_verify(&k, h == HASH_SHA256 ? HASH_SHA512 : HASH_SHA256, sample,
		                          6, v.rv, v.sv) == E_VERIFY);
		CHECK(crypto_ecdsa_verify(&k, h, sample, 6, v.sv, v.rv) == E_VERIFY);
		for (b = 0; b < v.rv.len; b += 5) {
			v.r[b] ^= 0x10;
			CHECK(crypto_ecdsa_verify(&k, h, sample, 6, v.rv, v.sv) == E_VERIFY);
			v.r[b] ^= 0x10;
			v.s[b] ^= 0x01;
			CHECK(crypto_ecdsa_verify(&k, h, sample, 6, v.rv, v.sv) == E_VERIFY);
			v.s[b] ^= 0x01;
		}
		crypto_ecdsa_free(&k);
	}
}

/* r and s must be in 1..n-1 and fit the curve size. */
TEST(ecdsa_signature_range)
{
	uint8_t zero[1] = {0}, big[ECDSA_MAX_BYTES + 1];
	struct vec v;
	ecc_key k;

	vec_load(0, &v);
	CHECK(crypto_ecdsa_set(&k, ECDSA_P256, v.uv, NULL) == E_OK);
	CHECK(crypto_ecdsa_verify(&k, HASH_SHA256, sample, 6, (struct view){zero, 1}, v.sv) ==
	      E_VERIFY);
	CHECK(crypto_ecdsa_verify(&k, HASH_SHA256, sample, 6, v.rv, (struct view){NULL, 0}) ==
	      E_VERIFY);
	/* s = n (the P-256 order) and s + n do not pass for s. */
	unhex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", big, sizeof(big));
	CHECK(crypto_ecdsa_verify(&k, HASH_SHA256, sample, 6, v.rv, (struct view){big, 32}) ==
	      E_VERIFY);
	/* Leading zeros are fine, a 33rd significant byte is not. */
	memset(big, 0, sizeof(big));
	memcpy(big + 1, v.r, 32);
	CHECK(crypto_ecdsa_verify(&k, HASH_SHA256, sample, 6, (struct view){big, 33}, v.sv) ==
	      E_OK);
	big[0] = 1;
	CHECK(crypto_ecdsa_verify(&k, HASH_SHA256, sample, 6, (struct view){big, 33}, v.sv) ==
	      E_VERIFY);
	crypto_ecdsa_free(&k);
}

TEST(ecdsa_rfc6979_private)
{
	uint8_t d[ECDSA_MAX_BYTES + 1], r[ECDSA_MAX_BYTES], s[ECDSA_MAX_BYTES];
	size_t i;

	for (i = 0; i < NVEC; i++) {
		enum hash_id h = rfc6979[i].hash;
		size_t size = crypto_ecdsa_bytes(rfc6979[i].curve), len = 0;
		struct vec v;
		ecc_key k;

		vec_load(i, &v);
		CHECK(v.xv.len == size);
		CHECK(crypto_ecdsa_set(&k, rfc6979[i].curve, v.uv, &v.xv) == E_OK);
		CHECK(crypto_ecdsa_is_private(&k));
		CHECK(crypto_ecdsa_export_private(&k, d, sizeof(d), &len) == E_OK);
		CHECK(len == size);
		CHECK_MEM(d, v.x, size);
		/* Sign, then verify with the key and with the public half. */
		CHECK(crypto_ecdsa_sign(&k, h, sample, 6, r, s) == E_OK);
		CHECK(crypto_ecdsa_verify(&k, h, sample, 6, (struct view){r, size},
		                          (struct view){s, size}) == E_OK);
		CHECK(crypto_ecdsa_verify(&k, h, sample, 4, (struct view){r, size},
		                          (struct view){s, size}) == E_VERIFY);
		crypto_ecdsa_free(&k);
		/* x must match U: x+1, 0 and n are refused. */
		v.x[size - 1] ^= 1;
		CHECK(crypto_ecdsa_set(&k, rfc6979[i].curve, v.uv, &v.xv) == E_FORMAT);
		memset(v.x, 0, size);
		CHECK(crypto_ecdsa_set(&k, rfc6979[i].curve, v.uv, &v.xv) == E_FORMAT);
		CHECK(crypto_ecdsa_set(&k, rfc6979[i].curve, v.uv, &(struct view){NULL, 0}) ==
		      E_FORMAT);
		memset(d, 0x01, sizeof(d));
		CHECK(crypto_ecdsa_set(&k, rfc6979[i].curve, v.uv, &(struct view){d, size + 1}) ==
		      E_FORMAT);
	}
}

/* Points that are not on the curve, or not encoded as we require. */
TEST(ecdsa_bad_points)
{
	uint8_t q[ECDSA_MAX_POINT + 1];
	size_t i;

	for (i = 0; i < NVEC; i++) {
		enum ecdsa_curve c = rfc6979[i].curve;
		size_t size = crypto_ecdsa_bytes(c), len;
		ecc_key k;

		len = unhex(rfc6979[i].u, q, sizeof(q));
		CHECK(len == 1 + 2 * size);
		CHECK(crypto_ecdsa_set(&k, c, (struct view){q, len}, NULL) == E_OK);
		crypto_ecdsa_free(&k);
		q[len - 1] ^= 1; /* y off by one: off the curve */
		CHECK(crypto_ecdsa_set(&k, c, (struct view){q, len}, NULL) == E_FORMAT);
		q[len - 1] ^= 1;
		q[1 + size / 2] ^= 0x40; /* x changed */
		CHECK(crypto_ecdsa_set(&k, c, (struct view){q, len}, NULL) == E_FORMAT);
		q[1 + size / 2] ^= 0x40;
		q[0] = 0x06; /* hybrid form: libtomcrypt would take it */
		CHECK(crypto_ecdsa_set(&k, c, (struct view){q, len}, NULL) == E_FORMAT);
		q[0] = 0x04;
		CHECK(crypto_ecdsa_set(&k, c, (struct view){q, len - 1}, NULL) == E_FORMAT);
		q[len] = 0;
		CHECK(crypto_ecdsa_set(&k, c, (struct view){q, len + 1}, NULL) == E_FORMAT);
		CHECK(crypto_ecdsa_set(&k, c, (struct view){q, 1}, NULL) == E_FORMAT);
		CHECK(crypto_ecdsa_set(&k, c, (struct view){NULL, 0}, NULL) == E_FORMAT);
		memset(q + 1, 0, 2 * size); /* (0, 0) */
		CHECK(crypto_ecdsa_set(&k, c, (struct view){q, len}, NULL) == E_FORMAT);
		memset(q + 1, 0xff, 2 * size); /* coordinates >= p */
		CHECK(crypto_ecdsa_set(&k, c, (struct view){q, len}, NULL) == E_FORMAT);
		/* The right length for another curve. */
		len = unhex(rfc6979[(i + 1) % NVEC].u, q, sizeof(q));
		CHECK(crypto_ecdsa_set(&k, c, (struct view){q, len}, NULL) == E_FORMAT);
	}
	CHECK(crypto_ecdsa_set(&(ecc_key){0}, ECDSA_NONE, (struct view){q, 65}, NULL) ==
	      E_UNSUPPORTED);
}

/* Coordinates must be below p: X = Ux + p names U's x modulo p, a
 * non-canonical encoding that a reduce-first import would accept.  On
 * P-521 (p = 2^521 - 1) the sum still fits the 66-byte field. */
TEST(ecdsa_coordinate_range)
{
	uint8_t q[ECDSA_MAX_POINT], p[ECDSA_MAX_BYTES];
	unsigned int carry = 0;
	ecc_key k;
	int i;

	CHECK(unhex(rfc6979[2].u, q, sizeof(q)) == 133);
	memset(p, 0xff, sizeof(p));
	p[0] = 0x01;
	for (i = 65; i >= 0; i--) { /* X += p */
		carry += (unsigned int)q[1 + i] + p[i];
		q[1 + i] = (uint8_t)carry;
		carry >>= 8;
	}
	CHECK(carry == 0);
	CHECK(crypto_ecdsa_set(&k, ECDSA_P521, (struct view){q, 133}, NULL) == E_FORMAT);
	/* Y likewise. */
	unhex(rfc6979[2].u, q, sizeof(q));
	for (i = 65, carry = 0; i >= 0; i--) {
		carry += (unsigned int)q[67 + i] + p[i];
		q[67 + i] = (uint8_t)carry;
		carry >>= 8;
	}
	CHECK(carry == 0);
	CHECK(crypto_ecdsa_set(&k, ECDSA_P521, (struct view){q, 133}, NULL) == E_FORMAT);
}

TEST(ecdsa_generate_roundtrip)
{
	static const enum ecdsa_curve curves[] = {ECDSA_P256, ECDSA_P384, ECDSA_P521};
	static const enum hash_id hashes[] = {HASH_SHA256, HASH_SHA384, HASH_SHA512};
	static const size_t sizes[] = {32, 48, 66};
	uint8_t r[ECDSA_MAX_BYTES], s[ECDSA_MAX_BYTES], q[ECDSA_MAX_POINT];
	uint8_t d[ECDSA_MAX_BYTES];
	size_t i, qlen = 0, dlen = 0;

	for (i = 0; i < 3; i++) {
		size_t size = crypto_ecdsa_bytes(curves[i]);
		ecc_key k, pub, k2;

		CHECK(size == sizes[i]);
		CHECK(crypto_ecdsa_generate(&k, curves[i]) == E_OK);
		CHECK(crypto_ecdsa_curve(&k) == curves[i]);
		CHECK(crypto_ecdsa_is_private(&k));
		CHECK(crypto_ecdsa_sign(&k, hashes[i], sample, 6, r, s) == E_OK);
		CHECK(crypto_ecdsa_export_point(&k, q, sizeof(q), &qlen) == E_OK);
		CHECK(qlen == 1 + 2 * size);
		CHECK(crypto_ecdsa_export_point(&k, q, qlen - 1, &qlen) == E_TOOBIG);
		CHECK(crypto_ecdsa_set(&pub, curves[i], (struct view){q, 1 + 2 * size}, NULL) ==
		      E_OK);
		CHECK(crypto_ecdsa_equal_public(&k, &pub));
		CHECK(crypto_ecdsa_verify(&pub, hashes[i], sample, 6, (struct view){r, size},
		                          (struct view){s, size}) == E_OK);
		CHECK(crypto_ecdsa_export_private(&pub, d, sizeof(d), &dlen) == E_ARG);
		CHECK(crypto_ecdsa_sign(&pub, hashes[i], sample, 6, r, s) == E_ARG);
		CHECK(crypto_ecdsa_export_private(&k, d, sizeof(d), &dlen) == E_OK);
		CHECK(crypto_ecdsa_set(&k2, curves[i], (struct view){q, 1 + 2 * size},
		                       &(struct view){d, dlen}) == E_OK);
		CHECK(crypto_ecdsa_equal_public(&k2, &pub));
		crypto_ecdsa_free(&k2);
		crypto_ecdsa_free(&pub);
		CHECK(crypto_ecdsa_copy_public(&pub, &k) == E_OK);
		CHECK(!crypto_ecdsa_is_private(&pub));
		CHECK(crypto_ecdsa_equal_public(&k, &pub));
		crypto_ecdsa_free(&pub);
		CHECK(crypto_ecdsa_generate(&k2, curves[i]) == E_OK);
		CHECK(!crypto_ecdsa_equal_public(&k, &k2));
		crypto_ecdsa_free(&k2);
		crypto_ecdsa_free(&k);
	}
	CHECK(crypto_ecdsa_bytes(ECDSA_NONE) == 0);
	CHECK(crypto_ecdsa_generate(&(ecc_key){0}, ECDSA_NONE) == E_UNSUPPORTED);
}

TEST(ecdh_cavp)
{
	size_t i;

	for (i = 0; i < sizeof(cdh) / sizeof(cdh[0]); i++) {
		uint8_t d[ECDSA_MAX_BYTES], qi[ECDSA_MAX_POINT], qc[ECDSA_MAX_POINT];
		uint8_t z[ECDSA_MAX_BYTES], out[ECDSA_MAX_BYTES];
		size_t size = crypto_ecdsa_bytes(cdh[i].curve), len = 0;
		struct view dv = {d, unhex(cdh[i].d, d, sizeof(d))};
		ecc_key mine, peer, peer_priv;

		unhex(cdh[i].z, z, sizeof(z));
		CHECK(crypto_ecdsa_set(&mine, cdh[i].curve,
		                       (struct view){qi, unhex(cdh[i].qiut, qi, sizeof(qi))},
		                       &dv) == E_OK);
		CHECK(crypto_ecdsa_set(&peer, cdh[i].curve,
		                       (struct view){qc, unhex(cdh[i].qcavs, qc, sizeof(qc))},
		                       NULL) == E_OK);
		CHECK(crypto_ecdsa_shared(&mine, &peer, out, sizeof(out), &len) == E_OK);
		CHECK(len == size);
		CHECK_MEM(out, z, size);
		CHECK(crypto_ecdsa_shared(&mine, &peer, out, size - 1, &len) == E_TOOBIG);
		CHECK(crypto_ecdsa_shared(&peer, &mine, out, sizeof(out), &len) == E_ARG);
		/* Both sides agree with a fresh key. */
		CHECK(crypto_ecdsa_generate(&peer_priv, cdh[i].curve) == E_OK);
		{
			uint8_t a[ECDSA_MAX_BYTES], b[ECDSA_MAX_BYTES];
			size_t la = 0, lb = 0;

			CHECK(crypto_ecdsa_shared(&mine, &peer_priv, a, sizeof(a), &la) == E_OK);
			CHECK(crypto_ecdsa_shared(&peer_priv, &mine, b, sizeof(b), &lb) == E_OK);
			CHECK(la == size && lb == size);
			CHECK_MEM(a, b, size);
		}
		crypto_ecdsa_free(&peer_priv);
		crypto_ecdsa_free(&peer);
		crypto_ecdsa_free(&mine);
	}
}

int main(void)
{
	if (crypto_init() != E_OK) {
		printf("FAIL crypto_init\n");
		return 1;
	}
	RUN(ecdsa_rfc6979_verify);
	RUN(ecdsa_signature_range);
	RUN(ecdsa_rfc6979_private);
	RUN(ecdsa_bad_points);
	RUN(ecdsa_coordinate_range);
	RUN(ecdsa_generate_roundtrip);
	RUN(ecdh_cavp);
	return unit_done();
}

#else /* !SHREW_ECC */

/* Nothing to test in this build; one empty test keeps the runner happy. */
TEST(ecdsa_not_built)
{
}

int main(void)
{
	RUN(ecdsa_not_built);
	return unit_done();
}

#endif
