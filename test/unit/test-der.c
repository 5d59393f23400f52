/*
 * test-der.c - common-der.c: what strict DER accepts and what it rejects
 * (long-form and overlong lengths, truncation, indefinite lengths, high
 * tag numbers, non-minimal integers and OIDs, nesting depth).
 */
#include "unit.h"
#include "common-err.h"
#include "common-der.h"

static int get_rc(const uint8_t *b, size_t n, uint8_t tag, struct view *v)
{
	struct der d;
	int rc;

	der_init(&d, b, n);
	rc = der_get(&d, tag, v);
	return rc != E_OK ? rc : der_end(&d);
}

TEST(short_and_long_lengths)
{
	static const uint8_t s[] = {0x04, 0x03, 'a', 'b', 'c'};
	static const uint8_t l1[] = {0x04, 0x81, 0x80};
	uint8_t big[3 + 0x80 + 4];
	struct view v;

	CHECK(get_rc(s, sizeof(s), DER_OCTET_STRING, &v) == E_OK);
	CHECK(v.len == 3 && memcmp(v.p, "abc", 3) == 0);
	memset(big, 'x', sizeof(big));
	memcpy(big, l1, sizeof(l1));
	CHECK(get_rc(big, 3 + 0x80, DER_OCTET_STRING, &v) == E_OK && v.len == 0x80);
	/* 0x82 0x01 0x00: 256 bytes, but only 128 present */
	big[1] = 0x82;
	big[2] = 0x01;
	big[3] = 0x00;
	CHECK(get_rc(big, sizeof(big), DER_OCTET_STRING, &v) == E_SHORT);
}

TEST(overlong_lengths_rejected)
{
	/* 3 in long form (must be short form) */
	static const uint8_t a[] = {0x04, 0x81, 0x03, 'a', 'b', 'c'};
	/* leading zero length octet */
	static const uint8_t b[] = {0x04, 0x82, 0x00, 0x03, 'a', 'b', 'c'};
	/* five length octets */
	static const uint8_t c[] = {0x04, 0x85, 0, 0, 0, 0, 3, 'a', 'b', 'c'};
	/* 0xff: reserved */
	static const uint8_t d[] = {0x04, 0xff, 'a'};
	struct view v;

	CHECK(get_rc(a, sizeof(a), DER_OCTET_STRING, &v) == E_FORMAT);
	CHECK(get_rc(b, sizeof(b), DER_OCTET_STRING, &v) == E_FORMAT);
	CHECK(get_rc(c, sizeof(c), DER_OCTET_STRING, &v) == E_TOOBIG);
	CHECK(get_rc(d, sizeof(d), DER_OCTET_STRING, &v) == E_TOOBIG);
}

TEST(indefinite_rejected)
{
	static const uint8_t b[] = {0x30, 0x80, 0x04, 0x01, 'a', 0x00, 0x00};
	struct der d, in;

	der_init(&d, b, sizeof(b));
	CHECK(der_enter(&d, DER_SEQUENCE, &in) == E_FORMAT);
	CHECK(der_end(&d) == E_FORMAT); /* sticky */
}

TEST(truncated)
{
	static const uint8_t b[] = {0x30, 0x05, 0x02, 0x03, 0x01, 0x00, 0x01};
	struct der d, in;
	struct view v;
	size_t n;

	for (n = 0; n < sizeof(b); n++) {
		der_init(&d, b, n);
		CHECK(der_enter(&d, DER_SEQUENCE, &in) == E_SHORT);
	}
	der_init(&d, b, sizeof(b));
	CHECK(der_enter(&d, DER_SEQUENCE, &in) == E_OK && der_end(&d) == E_OK);
	CHECK(der_uint(&in, 8, &v) == E_OK && v.len == 3);
	CHECK(der_end(&in) == E_OK);
	/* the inner length may not run past the outer value */
	{
		static const uint8_t c[] = {0x30, 0x03, 0x02, 0x03, 0x01, 0x00, 0x01};
		der_init(&d, c, sizeof(c));
		CHECK(der_enter(&d, DER_SEQUENCE, &in) == E_OK);
		CHECK(der_end(&d) == E_TRAILING);
		CHECK(der_uint(&in, 8, &v) == E_SHORT);
	}
}

TEST(tags)
{
	static const uint8_t hi[] = {0x1f, 0x81, 0x00, 0x00};
	static const uint8_t os[] = {0x04, 0x00};
	struct der d;
	struct view v;
	uint8_t tag;

	CHECK(get_rc(hi, sizeof(hi), 0x1f, &v) == E_UNSUPPORTED);
	CHECK(get_rc(os, sizeof(os), DER_INTEGER, &v) == E_FORMAT);
	der_init(&d, os, sizeof(os));
	CHECK(der_peek(&d, &tag) == E_OK && tag == DER_OCTET_STRING);
	CHECK(der_get(&d, DER_OCTET_STRING, &v) == E_OK && v.len == 0);
	CHECK(der_peek(&d, &tag) == E_SHORT);
	CHECK(der_end(&d) == E_OK);
}

static int uint_rc(const uint8_t *b, size_t n, size_t cap, struct view *v)
{
	struct der d;
	int rc;

	der_init(&d, b, n);
	rc = der_uint(&d, cap, v);
	return rc != E_OK ? rc : der_end(&d);
}

TEST(integers)
{
	static const uint8_t zero[] = {0x02, 0x01, 0x00};
	static const uint8_t one[] = {0x02, 0x01, 0x01};
	static const uint8_t hi[] = {0x02, 0x02, 0x00, 0x80};
	static const uint8_t pad[] = {0x02, 0x02, 0x00, 0x7f};
	static const uint8_t neg[] = {0x02, 0x01, 0x80};
	static const uint8_t empty[] = {0x02, 0x00};
	static const uint8_t big[] = {0x02, 0x03, 0x01, 0x02, 0x03};
	struct view v;
	uint32_t u;
	struct der d;

	CHECK(uint_rc(zero, sizeof(zero), 4, &v) == E_OK && v.len == 0);
	CHECK(uint_rc(one, sizeof(one), 4, &v) == E_OK && v.len == 1 && v.p[0] == 1);
	CHECK(uint_rc(hi, sizeof(hi), 4, &v) == E_OK && v.len == 1 && v.p[0] == 0x80);
	CHECK(uint_rc(hi, sizeof(hi), 0, &v) == E_TOOBIG);
	CHECK(uint_rc(pad, sizeof(pad), 4, &v) == E_FORMAT);
	CHECK(uint_rc(neg, sizeof(neg), 4, &v) == E_FORMAT);
	CHECK(uint_rc(empty, sizeof(empty), 4, &v) == E_FORMAT);
	CHECK(uint_rc(big, sizeof(big), 2, &v) == E_TOOBIG);
	der_init(&d, big, sizeof(big));
	CHECK(der_u32(&d, &u) == E_OK && u == 0x010203);
}

TEST(bit_strings)
{
	static const uint8_t ok[] = {0x03, 0x03, 0x00, 0x04, 0x05};
	static const uint8_t unused[] = {0x03, 0x02, 0x01, 0x04};
	static const uint8_t empty[] = {0x03, 0x00};
	static const uint8_t ctx[] = {0x81, 0x02, 0x00, 0xaa};
	struct der d;
	struct view v;

	der_init(&d, ok, sizeof(ok));
	CHECK(der_bits(&d, DER_BIT_STRING, &v) == E_OK && v.len == 2 && v.p[0] == 4);
	der_init(&d, unused, sizeof(unused));
	CHECK(der_bits(&d, DER_BIT_STRING, &v) == E_FORMAT);
	der_init(&d, empty, sizeof(empty));
	CHECK(der_bits(&d, DER_BIT_STRING, &v) == E_FORMAT);
	der_init(&d, ctx, sizeof(ctx));
	CHECK(der_bits(&d, DER_CTX_PRIM(1), &v) == E_OK && v.len == 1 && v.p[0] == 0xaa);
}

TEST(oids)
{
	/* 1.2.840.10045.3.1.7 (P-256) */
	static const uint8_t p256[] = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
	static const uint8_t unfinished[] = {0x06, 0x02, 0x2a, 0x86};
	static const uint8_t padded[] = {0x06, 0x03, 0x2a, 0x80, 0x01};
	static const uint8_t empty[] = {0x06, 0x00};
	struct der d;
	struct view v;

	der_init(&d, p256, sizeof(p256));
	CHECK(der_oid(&d, &v) == E_OK && der_oid_eq(v, p256 + 2, 8));
	CHECK(!der_oid_eq(v, p256 + 2, 7));
	der_init(&d, unfinished, sizeof(unfinished));
	CHECK(der_oid(&d, &v) == E_FORMAT);
	der_init(&d, padded, sizeof(padded));
	CHECK(der_oid(&d, &v) == E_FORMAT);
	der_init(&d, empty, sizeof(empty));
	CHECK(der_oid(&d, &v) == E_FORMAT);
}

TEST(null_and_context)
{
	static const uint8_t b[] = {0xa0, 0x02, 0x05, 0x00};
	static const uint8_t bad[] = {0x05, 0x01, 0x00};
	struct der d, c;

	der_init(&d, b, sizeof(b));
	CHECK(der_enter(&d, DER_CTX(0), &c) == E_OK);
	CHECK(der_null(&c) == E_OK && der_end(&c) == E_OK && der_end(&d) == E_OK);
	der_init(&d, bad, sizeof(bad));
	CHECK(der_null(&d) == E_FORMAT);
}

TEST(depth_bounded)
{
	uint8_t b[2 * (DER_MAX_DEPTH + 2)];
	struct der lv[DER_MAX_DEPTH + 2];
	size_t i, n = DER_MAX_DEPTH + 1;

	/* n nested empty-ending SEQUENCEs: 30 2(n-1-i) ... */
	for (i = 0; i < n; i++) {
		b[2 * i] = 0x30;
		b[2 * i + 1] = (uint8_t)(2 * (n - 1 - i));
	}
	der_init(&lv[0], b, 2 * n);
	for (i = 0; i < DER_MAX_DEPTH; i++)
		CHECK(der_enter(&lv[i], DER_SEQUENCE, &lv[i + 1]) == E_OK);
	CHECK(lv[DER_MAX_DEPTH].depth == DER_MAX_DEPTH);
	CHECK(der_enter(&lv[DER_MAX_DEPTH], DER_SEQUENCE, &lv[DER_MAX_DEPTH + 1]) == E_TOOBIG);
}

int main(void)
{
	RUN(short_and_long_lengths);
	RUN(overlong_lengths_rejected);
	RUN(indefinite_rejected);
	RUN(truncated);
	RUN(tags);
	RUN(integers);
	RUN(bit_strings);
	RUN(oids);
	RUN(null_and_context);
	RUN(depth_bounded);
	return unit_done();
}
