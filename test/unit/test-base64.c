/*
 * test-base64.c - common-base64.c: RFC 4648 section 10 vectors, the strict
 * decoder's rejections, whitespace skipping, and round trips.
 */
#include "unit.h"
#include "common-err.h"
#include "common-base64.h"

static const char *const vec[][2] = {
    {"", ""},
    {"f", "Zg=="},
    {"fo", "Zm8="},
    {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="},
    {"fooba", "Zm9vYmE="},
    {"foobar", "Zm9vYmFy"},
};

#define NVEC (sizeof(vec) / sizeof(vec[0]))

TEST(rfc4648_encode)
{
	char out[16];
	size_t i, n;

	for (i = 0; i < NVEC; i++) {
		CHECK(base64_enc((const uint8_t *)vec[i][0], strlen(vec[i][0]), 1, out, sizeof(out),
		                 &n) == E_OK);
		CHECK(n == strlen(vec[i][1]) && strcmp(out, vec[i][1]) == 0);
		CHECK(base64_enc_len(strlen(vec[i][0])) == strlen(vec[i][1]));
	}
}

TEST(rfc4648_decode)
{
	uint8_t out[16];
	size_t i, n;

	for (i = 0; i < NVEC; i++) {
		CHECK(base64_dec(vec[i][1], strlen(vec[i][1]), out, sizeof(out), &n) == E_OK);
		CHECK(n == strlen(vec[i][0]) && memcmp(out, vec[i][0], n) == 0);
	}
}

TEST(unpadded_encode)
{
	char out[16];
	size_t n;

	CHECK(base64_enc((const uint8_t *)"f", 1, 0, out, sizeof(out), &n) == E_OK);
	CHECK(n == 2 && strcmp(out, "Zg") == 0);
	CHECK(base64_enc((const uint8_t *)"fo", 2, 0, out, sizeof(out), &n) == E_OK);
	CHECK(n == 3 && strcmp(out, "Zm8") == 0);
	CHECK(base64_enc((const uint8_t *)"foo", 3, 0, out, sizeof(out), &n) == E_OK);
	CHECK(strcmp(out, "Zm9v") == 0);
}

TEST(encode_capacity)
{
	char out[5];

	/* "Zm9v" needs 5 bytes with the NUL */
	CHECK(base64_enc((const uint8_t *)"foo", 3, 1, out, 5, NULL) == E_OK);
	CHECK(base64_enc((const uint8_t *)"foo", 3, 1, out, 4, NULL) == E_TOOBIG);
	CHECK(out[0] == '\0');
	CHECK(base64_enc((const uint8_t *)"", 0, 1, out, 0, NULL) == E_TOOBIG);
}

TEST(all_byte_values)
{
	uint8_t in[256], back[256];
	char text[400];
	size_t i, n, len;

	for (i = 0; i < 256; i++)
		in[i] = (uint8_t)i;
	for (len = 0; len <= 256; len += 1) {
		CHECK(base64_enc(in + (256 - len), len, 1, text, sizeof(text), &n) == E_OK);
		CHECK(base64_dec(text, n, back, sizeof(back), &n) == E_OK);
		CHECK(n == len && memcmp(back, in + (256 - len), len) == 0);
	}
	/* The full alphabet, in order. */
	{
		static const uint8_t all[] = {
		    0x00, 0x10, 0x83, 0x10, 0x51, 0x87, 0x20, 0x92, 0x8b, 0x30, 0xd3, 0x8f,
		    0x41, 0x14, 0x93, 0x51, 0x55, 0x97, 0x61, 0x96, 0x9b, 0x71, 0xd7, 0x9f,
		    0x82, 0x18, 0xa3, 0x92, 0x59, 0xa7, 0xa2, 0x9a, 0xab, 0xb2, 0xdb, 0xaf,
		    0xc3, 0x1c, 0xb3, 0xd3, 0x5d, 0xb7, 0xe3, 0x9e, 0xbb, 0xf3, 0xdf, 0xbf};
		CHECK(base64_enc(all, sizeof(all), 1, text, sizeof(text), &n) == E_OK);
		CHECK(strcmp(text,
		             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") ==
		      0);
	}
}

TEST(whitespace_skipped)
{
	static const char t[] = " Zm9v\nYmFy\r\n\tZg =\n=\n";
	uint8_t out[16];
	size_t n;

	CHECK(base64_dec(t, strlen(t), out, sizeof(out), &n) == E_OK);
	CHECK(n == 7 && memcmp(out, "foobarf", 7) == 0);
}

static int dec_rc(const char *s)
{
	uint8_t out[64];
	size_t n;

	return base64_dec(s, strlen(s), out, sizeof(out), &n);
}

TEST(strict_rejections)
{
	CHECK(dec_rc("Zg") == E_FORMAT);    /* padding missing */
	CHECK(dec_rc("Zg=") == E_FORMAT);   /* padding short */
	CHECK(dec_rc("Zg===") == E_FORMAT); /* too much */
	CHECK(dec_rc("Z===") == E_FORMAT);
	CHECK(dec_rc("====") == E_FORMAT);
	CHECK(dec_rc("Zh==") == E_FORMAT); /* non-zero bits before padding */
	CHECK(dec_rc("Zm9=") == E_FORMAT);
	CHECK(dec_rc("Zm8=") == E_OK);
	CHECK(dec_rc("Zg==Zg==") == E_FORMAT); /* data after padding */
	CHECK(dec_rc("Zm9v=") == E_FORMAT);
	CHECK(dec_rc("Zm9-") == E_FORMAT); /* base64url alphabet */
	CHECK(dec_rc("Zm9_") == E_FORMAT);
	CHECK(dec_rc("Zm9v\x80") == E_FORMAT);
	CHECK(dec_rc("Zm.v") == E_FORMAT);
	CHECK(dec_rc("Zm9") == E_FORMAT); /* not a multiple of 4 */
	CHECK(dec_rc("Z") == E_FORMAT);
	CHECK(dec_rc("") == E_OK);
	{
		static const char nul[] = {'Z', 'm', 0, 'v'};
		uint8_t out[8];
		size_t n;
		CHECK(base64_dec(nul, 4, out, sizeof(out), &n) == E_FORMAT);
	}
}

TEST(decode_capacity)
{
	uint8_t out[6];
	size_t n;

	CHECK(base64_dec("Zm9vYmFy", 8, out, 6, &n) == E_OK && n == 6);
	CHECK(base64_dec("Zm9vYmFy", 8, out, 5, &n) == E_TOOBIG);
	CHECK(base64_dec_max(8) >= 6);
}

int main(void)
{
	RUN(rfc4648_encode);
	RUN(rfc4648_decode);
	RUN(unpadded_encode);
	RUN(encode_capacity);
	RUN(all_byte_values);
	RUN(whitespace_skipped);
	RUN(strict_rejections);
	RUN(decode_capacity);
	return unit_done();
}
