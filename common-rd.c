/*
 * common-rd.c - bounds-checked read cursor (see common-rd.h).
 */
#include <string.h>

#include "common-err.h"
#include "common-rd.h"

void rd_init(struct rd *r, const void *p, size_t n)
{
	r->p = p;
	r->len = n;
	r->off = 0;
	r->err = E_OK;
}

size_t rd_left(const struct rd *r)
{
	return r->len - r->off;
}

static int fail(struct rd *r, int err)
{
	if (r->err == E_OK)
		r->err = err;
	return r->err;
}

int rd_bytes(struct rd *r, size_t n, struct view *v)
{
	if (r->err != E_OK)
		return r->err;
	if (n > r->len - r->off)
		return fail(r, E_SHORT);
	v->p = r->p + r->off;
	v->len = n;
	r->off += n;
	return E_OK;
}

int rd_copy(struct rd *r, void *out, size_t n)
{
	struct view v;
	int rc = rd_bytes(r, n, &v);

	if (rc == E_OK && n > 0)
		memcpy(out, v.p, n);
	return rc;
}

int rd_u8(struct rd *r, uint8_t *v)
{
	struct view b;
	int rc = rd_bytes(r, 1, &b);

	if (rc == E_OK)
		*v = b.p[0];
	return rc;
}

int rd_bool(struct rd *r, int *v)
{
	uint8_t b;
	int rc = rd_u8(r, &b);

	if (rc == E_OK)
		*v = b != 0;
	return rc;
}

int rd_u32(struct rd *r, uint32_t *v)
{
	struct view b;
	int rc = rd_bytes(r, 4, &b);

	if (rc == E_OK)
		*v = (uint32_t)b.p[0] << 24 | (uint32_t)b.p[1] << 16 | (uint32_t)b.p[2] << 8 |
		     (uint32_t)b.p[3];
	return rc;
}

int rd_u64(struct rd *r, uint64_t *v)
{
	uint32_t hi = 0, lo = 0;

	rd_u32(r, &hi);
	if (rd_u32(r, &lo) != E_OK)
		return r->err;
	*v = (uint64_t)hi << 32 | lo;
	return E_OK;
}

int rd_string(struct rd *r, size_t cap, struct view *v)
{
	uint32_t n;
	int rc = rd_u32(r, &n);

	if (rc != E_OK)
		return rc;
	if (n > cap)
		return fail(r, E_TOOBIG);
	return rd_bytes(r, n, v);
}

int rd_text(struct rd *r, size_t cap, struct view *v)
{
	int rc = rd_string(r, cap, v);

	if (rc == E_OK && v->len > 0 && memchr(v->p, 0, v->len))
		return fail(r, E_FORMAT);
	return rc;
}

int rd_mpint(struct rd *r, size_t cap, struct view *v)
{
	struct view m;
	int rc = rd_string(r, cap + 1, &m);

	if (rc != E_OK)
		return rc;
	if (m.len > 0 && (m.p[0] & 0x80))
		return fail(r, E_FORMAT); /* negative */
	if (m.len > 0 && m.p[0] == 0) {
		if (m.len == 1 || !(m.p[1] & 0x80))
			return fail(r, E_FORMAT); /* not minimal */
		m.p++;
		m.len--;
	}
	if (m.len > cap)
		return fail(r, E_TOOBIG);
	*v = m;
	return E_OK;
}

int rd_end(const struct rd *r)
{
	if (r->err != E_OK)
		return r->err;
	return r->off == r->len ? E_OK : E_TRAILING;
}

int view_eq(struct view v, const char *s)
{
	size_t n = strlen(s);

	return v.len == n && (n == 0 || memcmp(v.p, s, n) == 0);
}
