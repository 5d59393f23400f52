/*
 * crypto-fe25519-64.c - GF(2^255 - 19) with 5 limbs of 51 bits and
 * unsigned __int128 products, for 64-bit CPUs (SHREW_25519_FE64 = 1).
 *
 * A value is v0 + v1 2^51 + v2 2^102 + v3 2^153 + v4 2^204.  Reduction uses
 * 2^255 = 19 (mod p): a product term whose limb indexes sum to 5 or more
 * wraps around to index - 5 with a factor 19.  Limbs stay below
 * 2^51 + 2^15 between operations (see crypto-fe25519.h), which keeps every
 * sum of products below 2^111.  Constant time throughout.
 */
#include "options.h"

#if SHREW_25519 && SHREW_25519_FE64

#include "crypto-fe25519.h"

__extension__ typedef unsigned __int128 u128;

#define MASK51 ((UINT64_C(1) << 51) - 1)

void fe_zero(fe25519 *h)
{
	int i;

	for (i = 0; i < 5; i++)
		h->v[i] = 0;
}

void fe_one(fe25519 *h)
{
	fe_zero(h);
	h->v[0] = 1;
}

static uint64_t load64(const uint8_t *s)
{
	uint64_t w = 0;
	int i;

	for (i = 7; i >= 0; i--)
		w = (w << 8) | s[i];
	return w;
}

static void store64(uint8_t *s, uint64_t w)
{
	int i;

	for (i = 0; i < 8; i++, w >>= 8)
		s[i] = (uint8_t)w;
}

/* Limb i holds bits 51i .. 51i+50: read 8 bytes from the byte holding bit
 * 51i and shift out the bits below it.  Bit 255 falls outside limb 4. */
void fe_frombytes(fe25519 *h, const uint8_t s[32])
{
	h->v[0] = load64(s) & MASK51;
	h->v[1] = (load64(s + 6) >> 3) & MASK51;
	h->v[2] = (load64(s + 12) >> 6) & MASK51;
	h->v[3] = (load64(s + 19) >> 1) & MASK51;
	h->v[4] = (load64(s + 24) >> 12) & MASK51;
}

/* One carry pass with the five carries taken in parallel (no dependency
 * chain): limb i keeps its low 51 bits plus limb i-1's overflow, limb 0
 * gets limb 4's times 19.  Inputs below 2^54, outputs below 2^51 + 2^8. */
static void carry(uint64_t h[5])
{
	uint64_t c0 = h[0] >> 51, c1 = h[1] >> 51, c2 = h[2] >> 51;
	uint64_t c3 = h[3] >> 51, c4 = h[4] >> 51;

	h[0] = (h[0] & MASK51) + 19 * c4;
	h[1] = (h[1] & MASK51) + c0;
	h[2] = (h[2] & MASK51) + c1;
	h[3] = (h[3] & MASK51) + c2;
	h[4] = (h[4] & MASK51) + c3;
}

/* Sequential carries, twice: every limb ends below 2^51, so the value is
 * below 2^255 = p + 19.  (After the first pass only limb 0 can exceed
 * 2^51, by less than 2^8; a carry that then runs through all limbs
 * leaves limb 0 tiny, so adding 19 to it cannot overflow again.) */
static void normalize(uint64_t h[5])
{
	int pass, i;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < 4; i++) {
			h[i + 1] += h[i] >> 51;
			h[i] &= MASK51;
		}
		h[0] += 19 * (h[4] >> 51);
		h[4] &= MASK51;
	}
}

/* Reduces the five 128-bit column sums of a product into h. */
static void carry_wide(fe25519 *h, u128 r[5])
{
	u128 t;
	int i;

	for (i = 0; i < 4; i++) {
		r[i + 1] += r[i] >> 51;
		h->v[i] = (uint64_t)r[i] & MASK51;
	}
	h->v[4] = (uint64_t)r[4] & MASK51;
	t = (u128)h->v[0] + (r[4] >> 51) * 19;
	h->v[0] = (uint64_t)t & MASK51;
	h->v[1] += (uint64_t)(t >> 51);
}

/* Makes every limb < 2^51 and the value < p, then packs 255 bits. */
void fe_tobytes(uint8_t s[32], const fe25519 *f)
{
	uint64_t t[5], q;
	int i;

	for (i = 0; i < 5; i++)
		t[i] = f->v[i];
	normalize(t);
	/* q = 1 iff value >= p, i.e. iff value + 19 reaches 2^255. */
	q = (t[0] + 19) >> 51;
	for (i = 1; i < 5; i++)
		q = (t[i] + q) >> 51;
	/* value - q p = value + 19 q - q 2^255: add, carry, drop bit 255. */
	t[0] += 19 * q;
	for (i = 0; i < 4; i++) {
		t[i + 1] += t[i] >> 51;
		t[i] &= MASK51;
	}
	t[4] &= MASK51;
	store64(s, t[0] | t[1] << 51);
	store64(s + 8, t[1] >> 13 | t[2] << 38);
	store64(s + 16, t[2] >> 26 | t[3] << 25);
	store64(s + 24, t[3] >> 39 | t[4] << 12);
}

void fe_add(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
	int i;

	for (i = 0; i < 5; i++)
		h->v[i] = f->v[i] + g->v[i];
	carry(h->v);
}

/* f + 2p - g: every limb of 2p exceeds every limb of a loose g. */
void fe_sub(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
	int i;

	h->v[0] = f->v[0] + (2 * (MASK51 - 18)) - g->v[0];
	for (i = 1; i < 5; i++)
		h->v[i] = f->v[i] + 2 * MASK51 - g->v[i];
	carry(h->v);
}

void fe_neg(fe25519 *h, const fe25519 *f)
{
	fe25519 z;

	fe_zero(&z);
	fe_sub(h, &z, f);
}

void fe_mul(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
	const uint64_t *a = f->v, *b = g->v;
	uint64_t b1 = 19 * b[1], b2 = 19 * b[2], b3 = 19 * b[3], b4 = 19 * b[4];
	u128 r[5];

	r[0] = (u128)a[0] * b[0] + (u128)a[1] * b4 + (u128)a[2] * b3 + (u128)a[3] * b2 +
	       (u128)a[4] * b1;
	r[1] = (u128)a[0] * b[1] + (u128)a[1] * b[0] + (u128)a[2] * b4 + (u128)a[3] * b3 +
	       (u128)a[4] * b2;
	r[2] = (u128)a[0] * b[2] + (u128)a[1] * b[1] + (u128)a[2] * b[0] + (u128)a[3] * b4 +
	       (u128)a[4] * b3;
	r[3] = (u128)a[0] * b[3] + (u128)a[1] * b[2] + (u128)a[2] * b[1] + (u128)a[3] * b[0] +
	       (u128)a[4] * b4;
	r[4] = (u128)a[0] * b[4] + (u128)a[1] * b[3] + (u128)a[2] * b[2] + (u128)a[3] * b[1] +
	       (u128)a[4] * b[0];
	carry_wide(h, r);
}

/* The product terms a_i a_j and a_j a_i are equal: count them once, doubled. */
void fe_sq(fe25519 *h, const fe25519 *f)
{
	const uint64_t *a = f->v;
	uint64_t d0 = 2 * a[0], d1 = 2 * a[1], d2 = 2 * a[2], d3 = 2 * a[3];
	uint64_t a3 = 19 * a[3], a4 = 19 * a[4];
	u128 r[5];

	r[0] = (u128)a[0] * a[0] + (u128)d1 * a4 + (u128)d2 * a3;
	r[1] = (u128)d0 * a[1] + (u128)d2 * a4 + (u128)a[3] * a3;
	r[2] = (u128)d0 * a[2] + (u128)a[1] * a[1] + (u128)d3 * a4;
	r[3] = (u128)d0 * a[3] + (u128)d1 * a[2] + (u128)a[4] * a4;
	r[4] = (u128)d0 * a[4] + (u128)d1 * a[3] + (u128)a[2] * a[2];
	carry_wide(h, r);
}

void fe_mul_small(fe25519 *h, const fe25519 *f, uint32_t n)
{
	u128 r[5];
	int i;

	for (i = 0; i < 5; i++)
		r[i] = (u128)f->v[i] * n;
	carry_wide(h, r);
}

void fe_cswap(fe25519 *f, fe25519 *g, unsigned int b)
{
	uint64_t mask = 0 - (uint64_t)b, x;
	int i;

	for (i = 0; i < 5; i++) {
		x = mask & (f->v[i] ^ g->v[i]);
		f->v[i] ^= x;
		g->v[i] ^= x;
	}
}

void fe_cmov(fe25519 *f, const fe25519 *g, unsigned int b)
{
	uint64_t mask = 0 - (uint64_t)b;
	int i;

	for (i = 0; i < 5; i++)
		f->v[i] ^= mask & (f->v[i] ^ g->v[i]);
}

#endif /* SHREW_25519 && SHREW_25519_FE64 */
