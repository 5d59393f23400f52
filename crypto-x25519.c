/*
 * crypto-x25519.c - X25519 (RFC 7748 section 5): scalar multiplication on
 * Curve25519's u-line by a constant-time Montgomery ladder with
 * conditional swaps, for the curve25519-sha256 key exchange.
 */
#include "options.h"

#if SHREW_KEX_CURVE25519

#include "common-err.h"
#include "common-wipe.h"
#include "crypto-25519.h"
#include "crypto-fe25519.h"

/* (A - 2) / 4 for Curve25519's A = 486662. */
#define A24 121665

/* The ladder's state, temporaries included so one wipe clears them all. */
struct ladder {
	fe25519 x1, x2, z2, x3, z3;
	fe25519 a, aa, b, bb, e, c, d, da, cb;
};

/* One differential add-and-double step of RFC 7748 section 5:
 * (x2:z2) <- 2 (x2:z2), (x3:z3) <- (x2:z2) + (x3:z3), x1 the difference. */
static void ladder_step(struct ladder *l)
{
	fe_add(&l->a, &l->x2, &l->z2);
	fe_sq(&l->aa, &l->a);
	fe_sub(&l->b, &l->x2, &l->z2);
	fe_sq(&l->bb, &l->b);
	fe_sub(&l->e, &l->aa, &l->bb);
	fe_add(&l->c, &l->x3, &l->z3);
	fe_sub(&l->d, &l->x3, &l->z3);
	fe_mul(&l->da, &l->d, &l->a);
	fe_mul(&l->cb, &l->c, &l->b);
	fe_add(&l->x3, &l->da, &l->cb);
	fe_sq(&l->x3, &l->x3);
	fe_sub(&l->z3, &l->da, &l->cb);
	fe_sq(&l->z3, &l->z3);
	fe_mul(&l->z3, &l->z3, &l->x1);
	fe_mul(&l->x2, &l->aa, &l->bb);
	fe_mul_small(&l->z2, &l->e, A24);
	fe_add(&l->z2, &l->z2, &l->aa);
	fe_mul(&l->z2, &l->z2, &l->e);
}

/* out = the u-coordinate of k * u, k already clamped.  The swap flag only
 * ever depends on k through masks. */
static void ladder(uint8_t out[32], const uint8_t k[32], const uint8_t u[32])
{
	struct ladder l;
	unsigned int swap = 0, bit;
	int t;

	fe_frombytes(&l.x1, u); /* masks bit 255 */
	fe_one(&l.x2);
	fe_zero(&l.z2);
	l.x3 = l.x1;
	fe_one(&l.z3);
	for (t = 254; t >= 0; t--) {
		bit = (k[t >> 3] >> (t & 7)) & 1;
		swap ^= bit;
		fe_cswap(&l.x2, &l.x3, swap);
		fe_cswap(&l.z2, &l.z3, swap);
		swap = bit;
		ladder_step(&l);
	}
	fe_cswap(&l.x2, &l.x3, swap);
	fe_cswap(&l.z2, &l.z3, swap);
	fe_invert(&l.z2, &l.z2);
	fe_mul(&l.x2, &l.x2, &l.z2);
	fe_tobytes(out, &l.x2);
	wipe(&l, sizeof(l));
}

static void clamp(uint8_t k[32], const uint8_t scalar[32])
{
	int i;

	for (i = 0; i < 32; i++)
		k[i] = scalar[i];
	k[0] &= 248;
	k[31] &= 127;
	k[31] |= 64;
}

int x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32])
{
	uint8_t k[32], u[32], acc = 0;
	int i;

	clamp(k, scalar);
	for (i = 0; i < 32; i++)
		u[i] = point[i]; /* out may alias point */
	ladder(out, k, u);
	wipe(k, sizeof(k));
	for (i = 0; i < 32; i++)
		acc |= out[i];
	return acc == 0 ? E_CRYPTO : E_OK;
}

void x25519_base(uint8_t pub[32], const uint8_t scalar[32])
{
	static const uint8_t nine[32] = {9};
	uint8_t k[32];

	clamp(k, scalar);
	ladder(pub, k, nine);
	wipe(k, sizeof(k));
}

#endif /* SHREW_KEX_CURVE25519 */
