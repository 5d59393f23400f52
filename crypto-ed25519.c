/*
 * crypto-ed25519.c - Ed25519 signatures (RFC 8032 section 5.1, pure
 * Ed25519) for ssh-ed25519 keys, on the twisted Edwards curve
 * -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19).
 *
 * Points are kept in extended coordinates (X:Y:Z:T) with x = X/Z, y = Y/Z,
 * xy = T/Z, and added with the complete formulas of RFC 8032 5.1.4, so the
 * identity and doubling need no special case (and no branch).  Secret
 * multiples of the base point B use 64 signed 4-bit digits and a
 * constant-time scan of a table of 1B..8B.  Verification works on public
 * data only and uses a faster variable-time double-scalar multiplication.
 * Scalars mod L live in crypto-sc25519.c, the field in crypto-fe25519*.c.
 */
#include "options.h"

#if SHREW_ED25519

#include <string.h>

#include "common-err.h"
#include "common-random.h"
#include "common-wipe.h"
#include "crypto-25519.h"
#include "crypto-fe25519.h"
#include "crypto-hash.h"
#include "crypto-sc25519.h"

/* Curve constants, little-endian, computed from RFC 8032 5.1:
 * d = -121665/121666, 2d and sqrt(-1) = 2^((p-1)/4). */
static const uint8_t ed_d[32] = {0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41,
                                 0x41, 0x4d, 0x0a, 0x70, 0x00, 0x98, 0xe8, 0x79, 0x77, 0x79, 0x40,
                                 0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52};
static const uint8_t ed_2d[32] = {0x59, 0xf1, 0xb2, 0x26, 0x94, 0x9b, 0xd6, 0xeb, 0x56, 0xb1, 0x83,
                                  0x82, 0x9a, 0x14, 0xe0, 0x00, 0x30, 0xd1, 0xf3, 0xee, 0xf2, 0x80,
                                  0x8e, 0x19, 0xe7, 0xfc, 0xdf, 0x56, 0xdc, 0xd9, 0x06, 0x24};
static const uint8_t ed_sqrtm1[32] = {
    0xb0, 0xa0, 0x0e, 0x4a, 0x27, 0x1b, 0xee, 0xc4, 0x78, 0xe4, 0x2f, 0xad, 0x06, 0x18, 0x43, 0x2f,
    0xa7, 0xd7, 0xfb, 0x3d, 0x99, 0x00, 0x4d, 0x2b, 0x0b, 0xdf, 0xc1, 0x4f, 0x80, 0x24, 0x83, 0x2b};
/* B, 2^64 B, 2^128 B and 2^192 B as affine (x, y): the base point and its
 * images under 64, 128 and 192 doublings, so that a 256-bit scalar
 * multiple of B needs only 60 doublings (see pt_mul_base). */
static const uint8_t ed_base[4][2][32] = {
    {{0x1a, 0xd5, 0x25, 0x8f, 0x60, 0x2d, 0x56, 0xc9, 0xb2, 0xa7, 0x25,
      0x95, 0x60, 0xc7, 0x2c, 0x69, 0x5c, 0xdc, 0xd6, 0xfd, 0x31, 0xe2,
      0xa4, 0xc0, 0xfe, 0x53, 0x6e, 0xcd, 0xd3, 0x36, 0x69, 0x21},
     {0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
      0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
      0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66}},
    {{0x02, 0xa2, 0xed, 0xf4, 0x8f, 0x6b, 0x0b, 0x3e, 0xeb, 0x35, 0x1a,
      0xd5, 0x7e, 0xdb, 0x78, 0x00, 0x96, 0x8a, 0xa0, 0xb4, 0xcf, 0x60,
      0x4b, 0xd4, 0xd5, 0xf9, 0x2d, 0xbf, 0x88, 0xbd, 0x22, 0x62},
     {0x13, 0x53, 0xe4, 0x82, 0x57, 0xfa, 0x1e, 0x8f, 0x06, 0x2b, 0x90,
      0xba, 0x08, 0xb6, 0x10, 0x54, 0x4f, 0x7c, 0x1b, 0x26, 0xed, 0xda,
      0x6b, 0xdd, 0x25, 0xd0, 0x4e, 0xea, 0x42, 0xbb, 0x25, 0x03}},
    {{0x24, 0xe8, 0xb7, 0x60, 0xae, 0x47, 0x80, 0xfc, 0xe5, 0x23, 0xe7,
      0xc2, 0xc9, 0x85, 0xe6, 0x98, 0xa0, 0x29, 0x4e, 0xe1, 0x84, 0x39,
      0x2d, 0x95, 0x2c, 0xf3, 0x45, 0x3c, 0xff, 0xaf, 0x27, 0x4c},
     {0x6b, 0xa6, 0xf5, 0x4b, 0x11, 0xbd, 0xba, 0x5b, 0x9e, 0xc4, 0xa4,
      0x51, 0x1e, 0xbe, 0xd0, 0x90, 0x3a, 0x9c, 0xc2, 0x26, 0xb6, 0x1e,
      0xf1, 0x95, 0x7d, 0xc8, 0x6d, 0x52, 0xe6, 0x99, 0x2c, 0x5f}},
    {{0x8d, 0xd2, 0xda, 0xc7, 0x44, 0xd6, 0x7a, 0xdb, 0x26, 0x7d, 0x1d,
      0xb8, 0xe1, 0xde, 0x9d, 0x7a, 0x7d, 0x17, 0x7e, 0x1c, 0x37, 0x04,
      0x8d, 0x2d, 0x7c, 0x5e, 0x18, 0x38, 0x1e, 0xaf, 0xc7, 0x1b},
     {0x33, 0x48, 0x31, 0x00, 0x59, 0xf6, 0xf2, 0xca, 0x0f, 0x27, 0x1b,
      0x63, 0x12, 0x7e, 0x02, 0x1d, 0x49, 0xc0, 0x5d, 0x79, 0x87, 0xef,
      0x5e, 0x7a, 0x2f, 0x1f, 0x66, 0x55, 0xd8, 0x09, 0xd9, 0x61}},
};

/* A point in extended coordinates. */
struct pt {
	fe25519 x, y, z, t;
};

/* A point ready to be added: (Y+X, Y-X, 2Z, 2dT). */
struct cpt {
	fe25519 ypx, ymx, z2, t2d;
};

/* Scratch for pt_add / pt_dbl, owned by the caller so that it is wiped
 * once per scalar multiplication rather than once per step. */
struct tmp {
	fe25519 a, b, c, d, e, f, g, h;
};

static void pt_identity(struct pt *p)
{
	fe_zero(&p->x);
	fe_one(&p->y);
	fe_one(&p->z);
	fe_zero(&p->t);
}

/* p = the affine point (x, y) of ed_base[i]. */
static void pt_base(struct pt *p, int i)
{
	fe_frombytes(&p->x, ed_base[i][0]);
	fe_frombytes(&p->y, ed_base[i][1]);
	fe_one(&p->z);
	fe_mul(&p->t, &p->x, &p->y);
}

static void pt_prepare(struct cpt *c, const struct pt *p)
{
	fe25519 d2;

	fe_frombytes(&d2, ed_2d);
	fe_add(&c->ypx, &p->y, &p->x);
	fe_sub(&c->ymx, &p->y, &p->x);
	fe_add(&c->z2, &p->z, &p->z);
	fe_mul(&c->t2d, &p->t, &d2);
}

/* r = p + q (RFC 8032 5.1.4 addition); r may alias p. */
static void pt_add(struct pt *r, const struct pt *p, const struct cpt *q, struct tmp *s)
{
	fe_sub(&s->a, &p->y, &p->x);
	fe_mul(&s->a, &s->a, &q->ymx);
	fe_add(&s->b, &p->y, &p->x);
	fe_mul(&s->b, &s->b, &q->ypx);
	fe_mul(&s->c, &p->t, &q->t2d);
	fe_mul(&s->d, &p->z, &q->z2);
	fe_sub(&s->e, &s->b, &s->a);
	fe_sub(&s->f, &s->d, &s->c);
	fe_add(&s->g, &s->d, &s->c);
	fe_add(&s->h, &s->b, &s->a);
	fe_mul(&r->x, &s->e, &s->f);
	fe_mul(&r->y, &s->g, &s->h);
	fe_mul(&r->t, &s->e, &s->h);
	fe_mul(&r->z, &s->f, &s->g);
}

/* r = 2p (RFC 8032 5.1.4 doubling); r may alias p.  T is not an input
 * of doubling, so with_t = 0 skips it when another doubling follows. */
static void pt_dbl(struct pt *r, const struct pt *p, int with_t, struct tmp *s)
{
	fe_sq(&s->a, &p->x);
	fe_sq(&s->b, &p->y);
	fe_sq(&s->c, &p->z);
	fe_add(&s->c, &s->c, &s->c);
	fe_add(&s->h, &s->a, &s->b);
	fe_add(&s->e, &p->x, &p->y);
	fe_sq(&s->e, &s->e);
	fe_sub(&s->e, &s->h, &s->e);
	fe_sub(&s->g, &s->a, &s->b);
	fe_add(&s->f, &s->c, &s->g);
	fe_mul(&r->x, &s->e, &s->f);
	fe_mul(&r->y, &s->g, &s->h);
	if (with_t)
		fe_mul(&r->t, &s->e, &s->h);
	fe_mul(&r->z, &s->f, &s->g);
}

/* tab[i] = (i + 1) p for i = 0..7. */
static void pt_table(struct cpt tab[8], const struct pt *p, struct tmp *s)
{
	struct pt q = *p;
	struct cpt c;
	int i;

	pt_prepare(&c, p);
	tab[0] = c;
	for (i = 1; i < 8; i++) {
		pt_add(&q, &q, &c, s);
		pt_prepare(&tab[i], &q);
	}
	wipe(&q, sizeof(q));
	wipe(&c, sizeof(c));
}

/* Writes s < 2^255 as sum e[i] 16^i with e[i] in [-8, 7] (e[63] <= 8). */
static void recode(int8_t e[64], const uint8_t s[32])
{
	int i, v, carry = 0;

	for (i = 0; i < 32; i++) {
		e[2 * i] = (int8_t)(s[i] & 15);
		e[2 * i + 1] = (int8_t)(s[i] >> 4);
	}
	for (i = 0; i < 63; i++) {
		v = e[i] + carry;
		carry = (v + 8) >> 4;
		e[i] = (int8_t)(v - (carry << 4));
	}
	e[63] = (int8_t)(e[63] + carry);
}

static void cpt_cmov(struct cpt *c, const struct cpt *d, unsigned int b)
{
	fe_cmov(&c->ypx, &d->ypx, b);
	fe_cmov(&c->ymx, &d->ymx, b);
	fe_cmov(&c->z2, &d->z2, b);
	fe_cmov(&c->t2d, &d->t2d, b);
}

/* c = e p where tab[i] = (i + 1) p and |e| <= 8, reading every entry; the
 * sign is applied by a masked swap of Y+X / Y-X and a masked negation. */
static void cpt_select(struct cpt *c, const struct cpt tab[8], int8_t e, struct tmp *s)
{
	uint32_t neg = (uint8_t)e >> 7, abs, i;
	int32_t m = -(int32_t)neg;

	abs = (uint32_t)((e ^ m) - m);
	fe_one(&c->ypx);
	fe_one(&c->ymx);
	fe_one(&c->z2);
	fe_add(&c->z2, &c->z2, &c->z2);
	fe_zero(&c->t2d);
	for (i = 0; i < 8; i++)
		cpt_cmov(c, &tab[i], (((abs ^ (i + 1)) - 1) >> 31) & 1);
	fe_cswap(&c->ypx, &c->ymx, neg);
	fe_neg(&s->a, &c->t2d);
	fe_cmov(&c->t2d, &s->a, neg);
}

/* The tables pt_mul_base reads: tab[i][j] = (j + 1) 2^(64 i) B.  Public,
 * built once per call of the API (sign uses them twice). */
struct base_tab {
	struct cpt tab[4][8];
};

static void base_tab_init(struct base_tab *bt)
{
	struct pt p;
	struct tmp t;
	int i;

	for (i = 0; i < 4; i++) {
		pt_base(&p, i);
		pt_table(&bt->tab[i][0], &p, &t);
	}
}

/* r = s B for a secret s < 2^255, in constant time.  With s's signed
 * digits e[0..63], s B = sum over m of 16^m (e[m] B + e[16 + m] 2^64 B +
 * e[32 + m] 2^128 B + e[48 + m] 2^192 B): 15 rounds of 4 doublings, four
 * table additions per round (Straus' interleaving). */
static void pt_mul_base(struct pt *r, const uint8_t s[32], const struct base_tab *bt)
{
	struct {
		struct cpt c;
		struct tmp t;
		int8_t e[64];
	} w;
	int i, m;

	recode(w.e, s);
	pt_identity(r);
	for (m = 15; m >= 0; m--) {
		if (m != 15) {
			pt_dbl(r, r, 0, &w.t);
			pt_dbl(r, r, 0, &w.t);
			pt_dbl(r, r, 0, &w.t);
			pt_dbl(r, r, 1, &w.t);
		}
		for (i = 0; i < 4; i++) {
			cpt_select(&w.c, bt->tab[i], w.e[16 * i + m], &w.t);
			pt_add(r, r, &w.c, &w.t);
		}
	}
	wipe(&w, sizeof(w));
}

/* r += e p from tab[i] = (i + 1) p; variable time (public e only). */
static void add_digit_vartime(struct pt *r, const struct cpt tab[8], int8_t e, struct tmp *s)
{
	struct cpt c;

	if (e == 0)
		return;
	if (e > 0) {
		pt_add(r, r, &tab[e - 1], s);
		return;
	}
	c.ypx = tab[-e - 1].ymx;
	c.ymx = tab[-e - 1].ypx;
	c.z2 = tab[-e - 1].z2;
	fe_neg(&c.t2d, &tab[-e - 1].t2d);
	pt_add(r, r, &c, s);
}

/* r = a B + b p for public a, b < 2^255; variable time. */
static void pt_mul_double_vartime(struct pt *r, const uint8_t a[32], const uint8_t b[32],
                                  const struct pt *p)
{
	struct cpt tab_b[8], tab_p[8];
	struct tmp t;
	int8_t ea[64], eb[64];
	int i;

	recode(ea, a);
	recode(eb, b);
	pt_base(r, 0);
	pt_table(tab_b, r, &t);
	pt_table(tab_p, p, &t);
	pt_identity(r);
	for (i = 63; i >= 0; i--) {
		if (i != 63) {
			pt_dbl(r, r, 0, &t);
			pt_dbl(r, r, 0, &t);
			pt_dbl(r, r, 0, &t);
			pt_dbl(r, r, 1, &t);
		}
		add_digit_vartime(r, tab_b, ea[i], &t);
		add_digit_vartime(r, tab_p, eb[i], &t);
	}
}

/* s = the RFC 8032 5.1.2 encoding of p, given zi = 1/Z: y, with x's low
 * bit on top. */
static void pt_encode_zi(uint8_t s[32], const struct pt *p, const fe25519 *zi)
{
	fe25519 x, y;

	fe_mul(&x, &p->x, zi);
	fe_mul(&y, &p->y, zi);
	fe_tobytes(s, &y);
	s[31] |= (uint8_t)(fe_isodd(&x) << 7);
	wipe(&x, sizeof(x));
	wipe(&y, sizeof(y));
}

static void pt_encode(uint8_t s[32], const struct pt *p)
{
	fe25519 zi;

	fe_invert(&zi, &p->z);
	pt_encode_zi(s, p, &zi);
	wipe(&zi, sizeof(zi));
}

/* Encodes p into s and q into t with one inversion: 1/Zp = Zq / (Zp Zq). */
static void pt_encode2(uint8_t s[32], const struct pt *p, uint8_t t[32], const struct pt *q)
{
	fe25519 inv, zi;

	fe_mul(&inv, &p->z, &q->z);
	fe_invert(&inv, &inv);
	fe_mul(&zi, &inv, &q->z);
	pt_encode_zi(s, p, &zi);
	fe_mul(&zi, &inv, &p->z);
	pt_encode_zi(t, q, &zi);
	wipe(&inv, sizeof(inv));
	wipe(&zi, sizeof(zi));
}

/* x = sqrt(u / v) as RFC 8032 5.1.3 step 3; E_VERIFY if there is none. */
static int sqrt_ratio(fe25519 *x, const fe25519 *u, const fe25519 *v)
{
	fe25519 v3, t, m;

	fe_sq(&v3, v);
	fe_mul(&v3, &v3, v); /* v^3 */
	fe_sq(&t, &v3);
	fe_mul(&t, &t, v);   /* v^7 */
	fe_mul(&t, &t, u);   /* u v^7 */
	fe_pow22523(&t, &t); /* (u v^7)^((p-5)/8) */
	fe_mul(&t, &t, &v3);
	fe_mul(x, &t, u); /* u v^3 (u v^7)^((p-5)/8) */
	fe_sq(&t, x);
	fe_mul(&t, &t, v); /* v x^2 */
	if (fe_equal(&t, u))
		return E_OK;
	fe_neg(&m, u);
	if (!fe_equal(&t, &m))
		return E_VERIFY;
	fe_frombytes(&m, ed_sqrtm1);
	fe_mul(x, x, &m);
	return E_OK;
}

/* Strict RFC 8032 5.1.3 decoding of a public point: E_VERIFY if y >= p,
 * if x^2 = (y^2 - 1) / (d y^2 + 1) has no root, or if x = 0 with the sign
 * bit set.  Variable time. */
static int pt_decode(struct pt *p, const uint8_t s[32])
{
	fe25519 u, v, d;
	uint8_t t[32];
	int sign = s[31] >> 7;

	fe_frombytes(&p->y, s);
	fe_tobytes(t, &p->y);
	t[31] |= (uint8_t)(sign << 7);
	if (memcmp(t, s, 32) != 0)
		return E_VERIFY; /* y was not reduced */
	fe_frombytes(&d, ed_d);
	fe_sq(&u, &p->y);
	fe_mul(&v, &u, &d);
	fe_one(&d);
	fe_sub(&u, &u, &d); /* y^2 - 1 */
	fe_add(&v, &v, &d); /* d y^2 + 1 */
	if (sqrt_ratio(&p->x, &u, &v) != E_OK)
		return E_VERIFY;
	if (sign && fe_iszero(&p->x))
		return E_VERIFY;
	if (fe_isodd(&p->x) != sign)
		fe_neg(&p->x, &p->x);
	fe_one(&p->z);
	fe_mul(&p->t, &p->x, &p->y);
	return E_OK;
}

/* 1 if 8p is the identity (p is one of the 8 points of small order). */
static int pt_small_order(const struct pt *p)
{
	struct pt q;
	struct tmp t;

	pt_dbl(&q, p, 0, &t);
	pt_dbl(&q, &q, 0, &t);
	pt_dbl(&q, &q, 0, &t);
	return fe_iszero(&q.x); /* x = 0: the identity (order 2 is not 8p) */
}

/* out = SHA-512(a || b || msg); b may be NULL with blen 0. */
static int hash_parts(uint8_t out[64], const uint8_t *a, size_t alen, const uint8_t *b, size_t blen,
                      const uint8_t *msg, size_t len)
{
	struct hash_ctx c;
	int rc;

	rc = hash_init(&c, HASH_SHA512);
	if (rc == E_OK)
		rc = hash_update(&c, a, alen);
	if (rc == E_OK)
		rc = hash_update(&c, b, blen);
	if (rc == E_OK)
		rc = hash_update(&c, msg, len);
	if (rc == E_OK)
		return hash_final(&c, out);
	wipe(&c, sizeof(c));
	return rc;
}

/* h = SHA-512(seed) with its first half clamped into the secret scalar
 * (RFC 8032 5.1.5); the second half is the nonce prefix. */
static int expand_seed(uint8_t h[64], const uint8_t seed[32])
{
	int rc = hash_once(HASH_SHA512, seed, 32, h);

	h[0] &= 248;
	h[31] &= 127;
	h[31] |= 64;
	return rc;
}

int ed25519_pubkey(uint8_t pub[32], const uint8_t seed[32])
{
	struct base_tab bt;
	uint8_t h[64];
	struct pt a;
	int rc;

	rc = expand_seed(h, seed);
	if (rc == E_OK) {
		base_tab_init(&bt);
		pt_mul_base(&a, h, &bt);
		pt_encode(pub, &a);
		wipe(&a, sizeof(a));
	}
	wipe(h, sizeof(h));
	return rc;
}

int ed25519_keypair(uint8_t pub[32], uint8_t seed[32])
{
	int rc = random_bytes(seed, 32);

	if (rc == E_OK)
		rc = ed25519_pubkey(pub, seed);
	if (rc != E_OK) {
		wipe(seed, 32);
		wipe(pub, 32);
	}
	return rc;
}

/* RFC 8032 5.1.6: r = SHA-512(prefix || M) mod L, R = rB,
 * k = SHA-512(R || A || M) mod L, S = (r + k a) mod L.  A = aB is
 * recomputed to check pub; A and R are encoded with a single inversion. */
int ed25519_sign(uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t seed[32],
                 const uint8_t pub[32])
{
	struct {
		uint8_t h[64], digest[64], a[32], r[32], k[32], sr[32], ss[32];
		struct pt pa, pr;
	} w;
	struct base_tab bt;
	int rc;

	rc = expand_seed(w.h, seed);
	if (rc == E_OK)
		rc = hash_parts(w.digest, w.h + 32, 32, NULL, 0, msg, len);
	if (rc != E_OK)
		goto out;
	sc_reduce(w.r, w.digest);
	base_tab_init(&bt);
	pt_mul_base(&w.pa, w.h, &bt);
	pt_mul_base(&w.pr, w.r, &bt);
	pt_encode2(w.a, &w.pa, w.sr, &w.pr);
	rc = ct_eq(w.a, pub, 32) ? E_OK : E_ARG;
	if (rc == E_OK)
		rc = hash_parts(w.digest, w.sr, 32, w.a, 32, msg, len);
	if (rc != E_OK)
		goto out;
	sc_reduce(w.k, w.digest);
	sc_muladd(w.ss, w.k, w.h, w.r);
	memcpy(sig, w.sr, 32); /* last: sig may alias msg */
	memcpy(sig + 32, w.ss, 32);
out:
	wipe(&w, sizeof(w));
	return rc;
}

/* RFC 8032 5.1.7 without the cofactor: encode(S B - k A) must equal R. */
int ed25519_verify(const uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t pub[32])
{
	struct pt a, r;
	uint8_t digest[64], k[32], check[32];
	int rc;

	if (!sc_is_canonical(sig + 32))
		return E_VERIFY;
	if (pt_decode(&a, pub) != E_OK || pt_small_order(&a))
		return E_VERIFY;
	if (pt_decode(&r, sig) != E_OK || pt_small_order(&r))
		return E_VERIFY;
	rc = hash_parts(digest, sig, 32, pub, 32, msg, len);
	if (rc != E_OK)
		return rc;
	sc_reduce(k, digest);
	fe_neg(&a.x, &a.x); /* -A = (-x, y) */
	fe_neg(&a.t, &a.t);
	pt_mul_double_vartime(&r, sig + 32, k, &a);
	pt_encode(check, &r);
	return ct_eq(check, sig, 32) ? E_OK : E_VERIFY;
}

#endif /* SHREW_ED25519 */
