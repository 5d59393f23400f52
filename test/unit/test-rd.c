/*
 * test-rd.c - the read cursor (common-rd.c) and writer (common-wr.c).
 */
#include "unit.h"
#include "common-err.h"
#include "common-rd.h"
#include "common-wr.h"

TEST(ints_and_bounds)
{
	static const uint8_t b[] = {1, 0, 0, 0, 2, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0, 0, 0, 0, 9};
	struct rd r;
	uint8_t u8;
	uint32_t u32;
	uint64_t u64;

	rd_init(&r, b, sizeof(b));
	CHECK(rd_u8(&r, &u8) == E_OK && u8 == 1);
	CHECK(rd_u32(&r, &u32) == E_OK && u32 == 2);
	CHECK(rd_u32(&r, &u32) == E_OK && u32 == 0xdeadbeef);
	CHECK(rd_u64(&r, &u64) == E_OK && u64 == 9);
	CHECK(rd_left(&r) == 0);
	CHECK(rd_end(&r) == E_OK);
	CHECK(rd_u8(&r, &u8) == E_SHORT);
	/* sticky: the error stays */
	CHECK(rd_end(&r) == E_SHORT);
}

TEST(short_u32_reads_nothing)
{
	static const uint8_t b[] = {0, 0, 1};
	struct rd r;
	uint32_t v = 77;

	rd_init(&r, b, sizeof(b));
	CHECK(rd_u32(&r, &v) == E_SHORT);
	CHECK(v == 77);
	CHECK(rd_left(&r) == 3);
}

TEST(strings)
{
	static const uint8_t b[] = {0, 0, 0, 3, 'a', 'b', 'c', 0, 0, 0, 0};
	struct rd r;
	struct view v;

	rd_init(&r, b, sizeof(b));
	CHECK(rd_string(&r, 3, &v) == E_OK && view_eq(v, "abc"));
	CHECK(rd_string(&r, 0, &v) == E_OK && v.len == 0);
	CHECK(rd_end(&r) == E_OK);

	rd_init(&r, b, sizeof(b));
	CHECK(rd_string(&r, 2, &v) == E_TOOBIG);
	CHECK(rd_end(&r) == E_TOOBIG);
}

TEST(string_length_past_end)
{
	static const uint8_t huge[] = {0xff, 0xff, 0xff, 0xff, 'x'};
	static const uint8_t over[] = {0, 0, 0, 5, 'x', 'y'};
	struct rd r;
	struct view v;

	rd_init(&r, huge, sizeof(huge));
	CHECK(rd_string(&r, (size_t)-1, &v) == E_SHORT);
	rd_init(&r, over, sizeof(over));
	CHECK(rd_string(&r, 100, &v) == E_SHORT);
}

TEST(text_rejects_nul)
{
	static const uint8_t b[] = {0, 0, 0, 3, 'a', 0, 'c'};
	struct rd r;
	struct view v;

	rd_init(&r, b, sizeof(b));
	CHECK(rd_text(&r, 10, &v) == E_FORMAT);
}

TEST(trailing)
{
	static const uint8_t b[] = {1, 2};
	struct rd r;
	uint8_t u;

	rd_init(&r, b, sizeof(b));
	CHECK(rd_u8(&r, &u) == E_OK);
	CHECK(rd_end(&r) == E_TRAILING);
}

/* RFC 4251 section 5 mpint examples. */
TEST(mpint_rfc4251)
{
	static const uint8_t zero[] = {0, 0, 0, 0};
	static const uint8_t v1[] = {0, 0, 0, 8, 0x09, 0xa3, 0x78, 0xf9, 0xb2, 0xe3, 0x32, 0xa7};
	static const uint8_t v2[] = {0, 0, 0, 2, 0x00, 0x80};
	static const uint8_t neg[] = {0, 0, 0, 2, 0xed, 0xcc};
	static const uint8_t pad[] = {0, 0, 0, 2, 0x00, 0x7f};
	static const uint8_t lone0[] = {0, 0, 0, 1, 0x00};
	struct rd r;
	struct view v;

	rd_init(&r, zero, sizeof(zero));
	CHECK(rd_mpint(&r, 8, &v) == E_OK && v.len == 0);
	rd_init(&r, v1, sizeof(v1));
	CHECK(rd_mpint(&r, 8, &v) == E_OK && v.len == 8 && v.p[0] == 0x09);
	rd_init(&r, v2, sizeof(v2));
	CHECK(rd_mpint(&r, 1, &v) == E_OK && v.len == 1 && v.p[0] == 0x80);
	rd_init(&r, v1, sizeof(v1));
	CHECK(rd_mpint(&r, 7, &v) == E_TOOBIG);
	rd_init(&r, neg, sizeof(neg));
	CHECK(rd_mpint(&r, 8, &v) == E_FORMAT);
	rd_init(&r, pad, sizeof(pad));
	CHECK(rd_mpint(&r, 8, &v) == E_FORMAT);
	rd_init(&r, lone0, sizeof(lone0));
	CHECK(rd_mpint(&r, 8, &v) == E_FORMAT);
}

TEST(writer_roundtrip)
{
	static const uint8_t m[] = {0x00, 0x80, 0x01};
	uint8_t buf[64];
	struct wr w;
	struct rd r;
	struct view v;
	uint32_t u32;

	wr_init(&w, buf, sizeof(buf));
	wr_u32(&w, 7);
	wr_cstr(&w, "ssh-ed25519");
	wr_mpint(&w, m, sizeof(m));
	wr_mpint(&w, m, 1);
	CHECK(w.err == E_OK);
	rd_init(&r, buf, w.len);
	CHECK(rd_u32(&r, &u32) == E_OK && u32 == 7);
	CHECK(rd_text(&r, 64, &v) == E_OK && view_eq(v, "ssh-ed25519"));
	CHECK(rd_mpint(&r, 64, &v) == E_OK && v.len == 2 && v.p[0] == 0x80);
	CHECK(rd_mpint(&r, 64, &v) == E_OK && v.len == 0);
	CHECK(rd_end(&r) == E_OK);
	/* at offset 19: 0x80 0x01 needs a sign byte: 00 00 00 03 00 80 01 */
	CHECK(buf[22] == 3 && buf[23] == 0 && buf[24] == 0x80);
}

TEST(writer_full_is_sticky)
{
	uint8_t buf[6];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	CHECK(wr_u32(&w, 1) == E_OK);
	CHECK(wr_u32(&w, 2) == E_TOOBIG);
	CHECK(wr_u8(&w, 3) == E_TOOBIG);
	CHECK(w.len == 4);
	CHECK(wr_patch_u32(&w, 0, 5) == E_TOOBIG);
}

TEST(writer_patch)
{
	uint8_t buf[8];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wr_u32(&w, 0);
	wr_u8(&w, 1);
	CHECK(wr_patch_u32(&w, 0, 0x01020304) == E_OK);
	CHECK(buf[0] == 1 && buf[3] == 4 && buf[4] == 1);
	CHECK(wr_patch_u32(&w, 2, 0) == E_ARG);
}

int main(void)
{
	RUN(ints_and_bounds);
	RUN(short_u32_reads_nothing);
	RUN(strings);
	RUN(string_length_past_end);
	RUN(text_rejects_nul);
	RUN(trailing);
	RUN(mpint_rfc4251);
	RUN(writer_roundtrip);
	RUN(writer_full_is_sticky);
	RUN(writer_patch);
	return unit_done();
}
