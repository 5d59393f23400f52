/*
 * crypto-sc25519.c - Ed25519 scalar arithmetic modulo the group order L,
 * with 32-bit words and Barrett reduction (Handbook of Applied
 * Cryptography, algorithm 14.42, base b = 2^32, k = 8 words).
 *
 * Everything here touches secret scalars (the signing key, the nonce): no
 * branch or index depends on a value, corrections are masked, and every
 * temporary is wiped.
 */
#include "options.h"

#if SHREW_ED25519

#include "common-wipe.h"
#include "crypto-sc25519.h"

/* L in nine 32-bit words, least significant first (the ninth is 0). */
static const uint32_t sc_l[9] = {0x5cf5d3ed, 0x5812631a, 0xa2f79cd6, 0x14def9de, 0x00000000,
                                 0x00000000, 0x00000000, 0x10000000, 0x00000000};

/* Barrett's mu = floor(2^512 / L), a 260-bit number. */
static const uint32_t sc_mu[9] = {0x0a2c131b, 0xed9ce5a3, 0x086329a7, 0x2106215d, 0xffffffeb,
                                  0xffffffff, 0xffffffff, 0xffffffff, 0x0000000f};

static void load_words(uint32_t *w, const uint8_t *s, int n)
{
	int i;

	for (i = 0; i < n; i++, s += 4)
		w[i] = (uint32_t)s[0] | (uint32_t)s[1] << 8 | (uint32_t)s[2] << 16 |
		       (uint32_t)s[3] << 24;
}

static void store_words(uint8_t *s, const uint32_t *w, int n)
{
	int i;

	for (i = 0; i < n; i++, s += 4) {
		s[0] = (uint8_t)w[i];
		s[1] = (uint8_t)(w[i] >> 8);
		s[2] = (uint8_t)(w[i] >> 16);
		s[3] = (uint8_t)(w[i] >> 24);
	}
}

/* out (na + nb words) = a (na words) * b (nb words), schoolbook. */
static void mul_words(uint32_t *out, const uint32_t *a, int na, const uint32_t *b, int nb)
{
	uint64_t c;
	int i, j;

	for (i = 0; i < na + nb; i++)
		out[i] = 0;
	for (i = 0; i < na; i++) {
		c = 0;
		for (j = 0; j < nb; j++) {
			c += (uint64_t)a[i] * b[j] + out[i + j];
			out[i + j] = (uint32_t)c;
			c >>= 32;
		}
		out[i + nb] = (uint32_t)c;
	}
}

/* out = (a * b) mod 2^288, all nine words. */
static void mul_low9(uint32_t out[9], const uint32_t a[9], const uint32_t b[9])
{
	uint64_t c;
	int i, j;

	for (i = 0; i < 9; i++)
		out[i] = 0;
	for (i = 0; i < 9; i++) {
		c = 0;
		for (j = 0; i + j < 9; j++) {
			c += (uint64_t)a[i] * b[j] + out[i + j];
			out[i + j] = (uint32_t)c;
			c >>= 32;
		}
	}
}

/* out = a - b mod 2^288; returns the final borrow (1 iff a < b). */
static uint32_t sub9(uint32_t out[9], const uint32_t a[9], const uint32_t b[9])
{
	uint32_t borrow = 0;
	uint64_t d;
	int i;

	for (i = 0; i < 9; i++) {
		d = (uint64_t)a[i] - b[i] - borrow;
		out[i] = (uint32_t)d;
		borrow = (uint32_t)(d >> 63);
	}
	return borrow;
}

/* r = r - L if r >= L, chosen by mask. */
static void sub_l_if_ge(uint32_t r[9])
{
	uint32_t t[9], mask;
	int i;

	mask = sub9(t, r, sc_l) - 1; /* all ones iff no borrow */
	for (i = 0; i < 9; i++)
		r[i] = (t[i] & mask) | (r[i] & ~mask);
	wipe(t, sizeof(t));
}

/* out = x mod L for a 16-word x < 2^512.  q3 = floor(floor(x / b^7) mu /
 * b^9) underestimates x / L by at most 2, so x - q3 L < 3L. */
static void barrett(uint8_t out[32], const uint32_t x[16])
{
	uint32_t q2[18], r2[9], r[9];

	mul_words(q2, x + 7, 9, sc_mu, 9);
	mul_low9(r2, q2 + 9, sc_l);
	sub9(r, x, r2); /* exact: the true difference is below 3L < 2^255 */
	sub_l_if_ge(r);
	sub_l_if_ge(r);
	store_words(out, r, 8);
	wipe(q2, sizeof(q2));
	wipe(r2, sizeof(r2));
	wipe(r, sizeof(r));
}

void sc_reduce(uint8_t out[32], const uint8_t in[64])
{
	uint32_t x[16];

	load_words(x, in, 16);
	barrett(out, x);
	wipe(x, sizeof(x));
}

void sc_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32], const uint8_t c[32])
{
	uint32_t aw[8], bw[8], cw[8], x[16];
	uint64_t carry = 0;
	int i;

	load_words(aw, a, 8);
	load_words(bw, b, 8);
	load_words(cw, c, 8);
	mul_words(x, aw, 8, bw, 8);
	for (i = 0; i < 16; i++) {
		carry += (uint64_t)x[i] + (i < 8 ? cw[i] : 0);
		x[i] = (uint32_t)carry;
		carry >>= 32;
	}
	barrett(out, x);
	wipe(aw, sizeof(aw));
	wipe(bw, sizeof(bw));
	wipe(cw, sizeof(cw));
	wipe(x, sizeof(x));
}

int sc_is_canonical(const uint8_t s[32])
{
	uint32_t w[9], t[9];

	load_words(w, s, 8);
	w[8] = 0;
	return (int)sub9(t, w, sc_l);
}

#endif /* SHREW_ED25519 */
