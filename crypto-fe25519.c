/*
 * crypto-fe25519.c - the GF(2^255 - 19) operations both field
 * representations share: inversion and the (p-5)/8 power by fixed addition
 * chains (Fermat), and constant-time tests of reduced values.
 */
#include "options.h"

#if SHREW_25519

#include "common-wipe.h"
#include "crypto-fe25519.h"

/* h = f^(2^n), n >= 1. */
static void sq_times(fe25519 *h, const fe25519 *f, int n)
{
	fe_sq(h, f);
	while (--n > 0)
		fe_sq(h, h);
}

/* Writing z_k for z^(2^k - 1): z_{a+b} = z_a^(2^b) * z_b.  Sets
 * a250 = z^(2^250 - 1) and z11 = z^11 (254 squarings, 10 products). */
static void pow_2_250_1(fe25519 *a250, fe25519 *z11, const fe25519 *z)
{
	fe25519 t, z9, a5, a10, a50;

	fe_sq(&t, z);         /* z^2 */
	sq_times(&z9, &t, 2); /* z^8 */
	fe_mul(&z9, &z9, z);  /* z^9 */
	fe_mul(z11, &z9, &t); /* z^11 */
	fe_sq(&t, z11);       /* z^22 */
	fe_mul(&a5, &t, &z9); /* z^31 = z_5 */
	sq_times(&t, &a5, 5);
	fe_mul(&a10, &t, &a5); /* z_10 */
	sq_times(&t, &a10, 10);
	fe_mul(&t, &t, &a10); /* z_20 */
	sq_times(a250, &t, 20);
	fe_mul(&t, a250, &t); /* z_40 */
	sq_times(&t, &t, 10);
	fe_mul(&a50, &t, &a10); /* z_50 */
	sq_times(&t, &a50, 50);
	fe_mul(&t, &t, &a50); /* z_100 */
	sq_times(a250, &t, 100);
	fe_mul(&t, a250, &t); /* z_200 */
	sq_times(&t, &t, 50);
	fe_mul(a250, &t, &a50); /* z_250 */
	wipe(&t, sizeof(t));
	wipe(&z9, sizeof(z9));
	wipe(&a5, sizeof(a5));
	wipe(&a10, sizeof(a10));
	wipe(&a50, sizeof(a50));
}

/* p - 2 = (2^250 - 1) 2^5 + 11. */
void fe_invert(fe25519 *h, const fe25519 *f)
{
	fe25519 a250, z11;

	pow_2_250_1(&a250, &z11, f);
	sq_times(&a250, &a250, 5);
	fe_mul(h, &a250, &z11);
	wipe(&a250, sizeof(a250));
	wipe(&z11, sizeof(z11));
}

/* (p - 5) / 8 = 2^252 - 3 = (2^250 - 1) 2^2 + 1. */
void fe_pow22523(fe25519 *h, const fe25519 *f)
{
	fe25519 a250, z11, z;

	z = *f; /* h may alias f */
	pow_2_250_1(&a250, &z11, &z);
	sq_times(&a250, &a250, 2);
	fe_mul(h, &a250, &z);
	wipe(&a250, sizeof(a250));
	wipe(&z11, sizeof(z11));
	wipe(&z, sizeof(z));
}

int fe_iszero(const fe25519 *f)
{
	static const uint8_t zero[32];
	uint8_t s[32];
	int r;

	fe_tobytes(s, f);
	r = ct_eq(s, zero, 32);
	wipe(s, sizeof(s));
	return r;
}

int fe_isodd(const fe25519 *f)
{
	uint8_t s[32];
	int r;

	fe_tobytes(s, f);
	r = s[0] & 1;
	wipe(s, sizeof(s));
	return r;
}

int fe_equal(const fe25519 *f, const fe25519 *g)
{
	uint8_t s[32], t[32];
	int r;

	fe_tobytes(s, f);
	fe_tobytes(t, g);
	r = ct_eq(s, t, 32);
	wipe(s, sizeof(s));
	wipe(t, sizeof(t));
	return r;
}

#endif /* SHREW_25519 */
