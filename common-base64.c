/*
 * common-base64.c - base64 (RFC 4648 section 4), see common-base64.h.
 *
 * Characters are mapped by arithmetic on masks, not by table lookups:
 * the digits of a private key must not pick cache lines.
 */
#include "common-err.h"
#include "common-base64.h"

/* 1 if lo <= c <= hi, else 0, without branches (c, lo, hi < 256, lo > 0). */
static unsigned in_range(unsigned c, unsigned lo, unsigned hi)
{
	return ((lo - 1u - c) & (c - hi - 1u)) >> 31;
}

/* The base64 character of a 6-bit value. */
static char enc6(unsigned v)
{
	unsigned d = 'A';

	d += ((25u - v) >> 8) & 6u;  /* v >= 26: 'a' - 26 */
	d -= ((51u - v) >> 8) & 75u; /* v >= 52: '0' - 52 */
	d -= ((61u - v) >> 8) & 15u; /* v == 62: '+' - 62 */
	d += ((62u - v) >> 8) & 3u;  /* v == 63: '/' - 63 */
	return (char)(v + d);
}

/* The 6-bit value of base64 character c; *bad gets 1 if c is not one. */
static unsigned dec6(unsigned c, unsigned *bad)
{
	unsigned up = in_range(c, 'A', 'Z'), lo = in_range(c, 'a', 'z');
	unsigned dg = in_range(c, '0', '9'), pl = in_range(c, '+', '+');
	unsigned sl = in_range(c, '/', '/');

	*bad |= (up | lo | dg | pl | sl) ^ 1u;
	return ((0u - up) & (c - 'A')) | ((0u - lo) & (c - 'a' + 26u)) |
	       ((0u - dg) & (c - '0' + 52u)) | ((0u - pl) & 62u) | ((0u - sl) & 63u);
}

size_t base64_enc_len(size_t n)
{
	return (n + 2) / 3 * 4;
}

size_t base64_dec_max(size_t n)
{
	return n / 4 * 3 + 3;
}

int base64_enc(const uint8_t *in, size_t n, int pad, char *out, size_t cap, size_t *outlen)
{
	size_t need = base64_enc_len(n), i, o = 0;

	if (!pad && n % 3)
		need -= 3 - n % 3;
	if (cap == 0 || need > cap - 1) {
		if (cap > 0)
			out[0] = '\0';
		return E_TOOBIG;
	}
	for (i = 0; i + 3 <= n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		out[o++] = enc6(v >> 18);
		out[o++] = enc6((v >> 12) & 63);
		out[o++] = enc6((v >> 6) & 63);
		out[o++] = enc6(v & 63);
	}
	if (n - i > 0) {
		uint32_t v = (uint32_t)in[i] << 16;
		if (n - i == 2)
			v |= (uint32_t)in[i + 1] << 8;
		out[o++] = enc6(v >> 18);
		out[o++] = enc6((v >> 12) & 63);
		if (n - i == 2)
			out[o++] = enc6((v >> 6) & 63);
		else if (pad)
			out[o++] = '=';
		if (pad)
			out[o++] = '=';
	}
	out[o] = '\0';
	if (outlen)
		*outlen = o;
	return E_OK;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int base64_dec(const char *in, size_t n, uint8_t *out, size_t cap, size_t *outlen)
{
	size_t i, o = 0, chars = 0, pads = 0;
	unsigned acc = 0, bits = 0, bad = 0;

	for (i = 0; i < n; i++) {
		char c = in[i];
		if (is_space(c))
			continue;
		chars++;
		if (c == '=') {
			pads++;
			continue;
		}
		if (pads > 0)
			return E_FORMAT; /* data after padding */
		acc = ((acc << 6) | dec6((unsigned char)c, &bad)) & 0xfffu;
		bits += 6;
		if (bits >= 8) {
			if (o >= cap)
				return E_TOOBIG;
			bits -= 8;
			out[o++] = (uint8_t)(acc >> bits);
		}
	}
	if (bad || chars % 4 != 0 || pads > 2)
		return E_FORMAT;
	if ((acc & ((1u << bits) - 1u)) != 0)
		return E_FORMAT; /* non-zero bits before the padding */
	*outlen = o;
	return E_OK;
}
