/*
 * crypto-fe25519-32.c - GF(2^255 - 19) with 10 limbs in radix 2^25.5 and
 * 32x32->64-bit products only, for 32-bit routers (MIPS, ARM32) and any
 * compiler without 128-bit integers (SHREW_25519_FE64 = 0).
 *
 * Limb i holds W(i) bits at bit offset P(i) = 25i + ceil(i/2): even limbs
 * are 26 bits, odd limbs 25.  Multiplying limbs i and j gives weight
 * 2^(P(i)+P(j)), which is 2^P(i+j), doubled when i and j are both odd;
 * when i + j >= 10 the term wraps to limb i + j - 10 times 19
 * (2^255 = 19 mod p).  Limbs stay below 2^W(i) + 2^15 between operations,
 * so a limb times up to 38 stays below 2^32, one product below 2^59 and a
 * column of products below 2^61.  The loops and their branches depend on
 * public indexes only: constant time.
 */
#include "options.h"

#if SHREW_25519 && !SHREW_25519_FE64

#include "crypto-fe25519.h"

#define W(i) (26 - ((i)&1))
#define MASK(i) ((UINT32_C(1) << W(i)) - 1)

void fe_zero(fe25519 *h)
{
	int i;

	for (i = 0; i < 10; i++)
		h->v[i] = 0;
}

void fe_one(fe25519 *h)
{
	fe_zero(h);
	h->v[0] = 1;
}

void fe_frombytes(fe25519 *h, const uint8_t s[32])
{
	unsigned int i, pos = 0, k;
	uint64_t w;

	for (i = 0; i < 10; i++) {
		w = 0;
		for (k = 0; k < 5 && pos / 8 + k < 32; k++)
			w |= (uint64_t)s[pos / 8 + k] << (8 * k);
		h->v[i] = (uint32_t)(w >> (pos % 8)) & MASK(i);
		pos += W(i);
	}
}

/* One carry pass with the ten carries taken in parallel (no dependency
 * chain): limb i keeps its low W(i) bits plus limb i-1's overflow, limb 0
 * gets limb 9's times 19.  Inputs below 2^29, outputs below 2^W(i) + 2^8. */
static void carry(uint32_t h[10])
{
	uint32_t c[10];
	int i;

	for (i = 0; i < 10; i++)
		c[i] = h[i] >> W(i);
	h[0] = (h[0] & MASK(0)) + 19 * c[9];
	for (i = 1; i < 10; i++)
		h[i] = (h[i] & MASK(i)) + c[i - 1];
}

/* Sequential carries, twice: every limb ends below 2^W(i), so the value
 * is below 2^255 = p + 19 (see crypto-fe25519-64.c's normalize()). */
static void normalize(uint32_t h[10])
{
	int pass, i;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < 9; i++) {
			h[i + 1] += h[i] >> W(i);
			h[i] &= MASK(i);
		}
		h[0] += 19 * (h[9] >> 25);
		h[9] &= MASK(9);
	}
}

/* Reduces ten 64-bit column sums of a product into h. */
static void carry_wide(fe25519 *h, uint64_t r[10])
{
	uint64_t t;
	int i;

	for (i = 0; i < 9; i++) {
		r[i + 1] += r[i] >> W(i);
		h->v[i] = (uint32_t)r[i] & MASK(i);
	}
	h->v[9] = (uint32_t)r[9] & MASK(9);
	t = h->v[0] + (r[9] >> 25) * 19;
	h->v[0] = (uint32_t)t & MASK(0);
	h->v[1] += (uint32_t)(t >> 26);
}

/* Makes every limb < 2^W(i) and the value < p, then packs 255 bits. */
void fe_tobytes(uint8_t s[32], const fe25519 *f)
{
	uint32_t t[10], q;
	uint64_t acc = 0;
	unsigned int i, bits = 0, n = 0;

	for (i = 0; i < 10; i++)
		t[i] = f->v[i];
	normalize(t);
	/* q = 1 iff value >= p, i.e. iff value + 19 reaches 2^255. */
	q = (t[0] + 19) >> 26;
	for (i = 1; i < 10; i++)
		q = (t[i] + q) >> W(i);
	/* value - q p = value + 19 q - q 2^255: add, carry, drop bit 255. */
	t[0] += 19 * q;
	for (i = 0; i < 9; i++) {
		t[i + 1] += t[i] >> W(i);
		t[i] &= MASK(i);
	}
	t[9] &= MASK(9);
	for (i = 0; i < 10; i++) {
		acc |= (uint64_t)t[i] << bits;
		for (bits += W(i); bits >= 8; bits -= 8, acc >>= 8)
			s[n++] = (uint8_t)acc;
	}
	s[31] = (uint8_t)acc; /* the last 7 bits */
}

void fe_add(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
	int i;

	for (i = 0; i < 10; i++)
		h->v[i] = f->v[i] + g->v[i];
	carry(h->v);
}

/* f + 2p - g: every limb of 2p exceeds every limb of a loose g. */
void fe_sub(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
	int i;

	h->v[0] = f->v[0] + 2 * (MASK(0) - 18) - g->v[0];
	for (i = 1; i < 10; i++)
		h->v[i] = f->v[i] + 2 * MASK(i) - g->v[i];
	carry(h->v);
}

void fe_neg(fe25519 *h, const fe25519 *f)
{
	fe25519 z;

	fe_zero(&z);
	fe_sub(h, &z, f);
}

/* Column i + j gets f_i g_j, doubled when i and j are both odd, times 19
 * when i + j >= 10 (then into column i + j - 10).  The four variants of
 * g are tabulated once; a row picks two of them by the parity of i, so
 * the inner loops have no branch and no modulo. */
void fe_mul(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
	uint32_t g1[10], g2[10], g19[10], g38[10], fi;
	const uint32_t *lo, *hi;
	uint64_t r[10] = {0};
	int i, j;

	for (j = 0; j < 10; j++) {
		g1[j] = g->v[j];
		g2[j] = g1[j] << (j & 1);
		g19[j] = 19 * g1[j];
		g38[j] = 19 * g2[j];
	}
	for (i = 0; i < 10; i++) {
		fi = f->v[i];
		lo = (i & 1) ? g2 : g1;
		hi = (i & 1) ? g38 : g19;
		for (j = 0; j < 10 - i; j++)
			r[i + j] += (uint64_t)fi * lo[j];
		for (; j < 10; j++)
			r[i + j - 10] += (uint64_t)fi * hi[j];
	}
	carry_wide(h, r);
}

/* As fe_mul with g = f, each product f_i f_j (i < j) taken once and
 * doubled: 55 products instead of 100. */
void fe_sq(fe25519 *h, const fe25519 *f)
{
	uint32_t f1[10], f2[10], f19[10], f38[10], fi;
	const uint32_t *lo, *hi;
	uint64_t r[10] = {0};
	int i, j;

	for (j = 0; j < 10; j++) {
		f1[j] = f->v[j];
		f2[j] = f1[j] << (j & 1);
		f19[j] = 19 * f1[j];
		f38[j] = 19 * f2[j];
	}
	for (i = 0; i < 10; i++) {
		fi = f1[i];
		lo = (i & 1) ? f2 : f1;
		hi = (i & 1) ? f38 : f19;
		if (2 * i < 10)
			r[2 * i] += (uint64_t)fi * lo[i];
		else
			r[2 * i - 10] += (uint64_t)fi * hi[i];
		fi *= 2;
		for (j = i + 1; j < 10 - i; j++)
			r[i + j] += (uint64_t)fi * lo[j];
		for (; j < 10; j++) /* j = max(i + 1, 10 - i) here */
			r[i + j - 10] += (uint64_t)fi * hi[j];
	}
	carry_wide(h, r);
}

void fe_mul_small(fe25519 *h, const fe25519 *f, uint32_t n)
{
	uint64_t r[10];
	int i;

	for (i = 0; i < 10; i++)
		r[i] = (uint64_t)f->v[i] * n;
	carry_wide(h, r);
}

void fe_cswap(fe25519 *f, fe25519 *g, unsigned int b)
{
	uint32_t mask = 0 - (uint32_t)b, x;
	int i;

	for (i = 0; i < 10; i++) {
		x = mask & (f->v[i] ^ g->v[i]);
		f->v[i] ^= x;
		g->v[i] ^= x;
	}
}

void fe_cmov(fe25519 *f, const fe25519 *g, unsigned int b)
{
	uint32_t mask = 0 - (uint32_t)b;
	int i;

	for (i = 0; i < 10; i++)
		f->v[i] ^= mask & (f->v[i] ^ g->v[i]);
}

#endif /* SHREW_25519 && !SHREW_25519_FE64 */
