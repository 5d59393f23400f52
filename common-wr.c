/*
 * common-wr.c - fixed-capacity writer (see common-wr.h).
 */
#include <string.h>

#include "common-err.h"
#include "common-wr.h"

void wr_init(struct wr *w, void *buf, size_t cap)
{
	w->p = buf;
	w->cap = cap;
	w->len = 0;
	w->err = E_OK;
}

int wr_reserve(struct wr *w, size_t n, uint8_t **out)
{
	if (w->err != E_OK)
		return w->err;
	if (n > w->cap - w->len) {
		w->err = E_TOOBIG;
		return w->err;
	}
	*out = w->p + w->len;
	w->len += n;
	return E_OK;
}

int wr_bytes(struct wr *w, const void *p, size_t n)
{
	uint8_t *dst;
	int rc = wr_reserve(w, n, &dst);

	if (rc == E_OK && n > 0)
		memcpy(dst, p, n);
	return rc;
}

int wr_u8(struct wr *w, uint8_t v)
{
	return wr_bytes(w, &v, 1);
}

int wr_bool(struct wr *w, int v)
{
	return wr_u8(w, v ? 1 : 0);
}

static void put32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

int wr_u32(struct wr *w, uint32_t v)
{
	uint8_t b[4];

	put32(b, v);
	return wr_bytes(w, b, 4);
}

int wr_u64(struct wr *w, uint64_t v)
{
	wr_u32(w, (uint32_t)(v >> 32));
	return wr_u32(w, (uint32_t)v);
}

int wr_string(struct wr *w, const void *p, size_t n)
{
	if (n > 0xffffffffu) {
		if (w->err == E_OK)
			w->err = E_TOOBIG;
		return w->err;
	}
	wr_u32(w, (uint32_t)n);
	return wr_bytes(w, p, n);
}

int wr_cstr(struct wr *w, const char *s)
{
	return wr_string(w, s, strlen(s));
}

int wr_mpint(struct wr *w, const uint8_t *mag, size_t n)
{
	int pad;

	while (n > 0 && mag[0] == 0) {
		mag++;
		n--;
	}
	pad = n > 0 && (mag[0] & 0x80);
	wr_u32(w, (uint32_t)(n + (size_t)pad));
	if (pad)
		wr_u8(w, 0);
	return wr_bytes(w, mag, n);
}

int wr_patch_u32(struct wr *w, size_t off, uint32_t v)
{
	if (w->err != E_OK)
		return w->err;
	if (off > w->len || w->len - off < 4)
		return E_ARG;
	put32(w->p + off, v);
	return E_OK;
}
