/*
 * common-der.c - minimal strict DER reader (see common-der.h).
 *
 * X.690 section 8.1: identifier octet, length octets, contents.  Section
 * 10.1 (DER): definite length in the fewest octets.  Section 8.3.2: an
 * INTEGER's first nine bits are not all zero or all one.  Section 8.19.2:
 * each OID sub-identifier in the fewest octets (no leading 0x80).
 */
#include <string.h>

#include "common-err.h"
#include "common-der.h"

/* Records err as the sticky error (the first one wins) and returns it. */
static int fail(struct der *d, int err)
{
	if (d->r.err == E_OK)
		d->r.err = err;
	return d->r.err;
}

void der_init(struct der *d, const void *p, size_t n)
{
	rd_init(&d->r, p, n);
	d->depth = 0;
}

int der_peek(const struct der *d, uint8_t *tag)
{
	if (d->r.err != E_OK)
		return d->r.err;
	if (rd_left(&d->r) == 0)
		return E_SHORT;
	*tag = d->r.p[d->r.off];
	return E_OK;
}

/* Reads long-form length octets: cnt (1..4) bytes, minimal, >= 128. */
static int read_long_len(struct der *d, unsigned cnt, size_t *len)
{
	size_t n = 0;
	unsigned i;
	uint8_t b;

	if (cnt > 4)
		return fail(d, E_TOOBIG);
	for (i = 0; i < cnt; i++) {
		if (rd_u8(&d->r, &b) != E_OK)
			return d->r.err;
		if (i == 0 && b == 0)
			return fail(d, E_FORMAT); /* leading zero octet */
		n = n << 8 | b;
	}
	if (n < 0x80)
		return fail(d, E_FORMAT); /* short form was required */
	*len = n;
	return E_OK;
}

/* Reads an identifier and a length; the contents must be in the input. */
static int read_header(struct der *d, uint8_t *tag, size_t *len)
{
	uint8_t l0;

	if (rd_u8(&d->r, tag) != E_OK || rd_u8(&d->r, &l0) != E_OK)
		return d->r.err;
	if ((*tag & 0x1f) == 0x1f)
		return fail(d, E_UNSUPPORTED); /* high tag number form */
	if (l0 == 0x80)
		return fail(d, E_FORMAT); /* indefinite length: BER only */
	if (l0 < 0x80)
		*len = l0;
	else if (read_long_len(d, l0 & 0x7fu, len) != E_OK)
		return d->r.err;
	if (*len > rd_left(&d->r))
		return fail(d, E_SHORT);
	return E_OK;
}

int der_get(struct der *d, uint8_t tag, struct view *content)
{
	uint8_t t = 0;
	size_t len = 0;

	if (read_header(d, &t, &len) != E_OK)
		return d->r.err;
	if (t != tag)
		return fail(d, E_FORMAT);
	return rd_bytes(&d->r, len, content);
}

int der_enter(struct der *d, uint8_t tag, struct der *inner)
{
	struct view v;

	if (d->depth >= DER_MAX_DEPTH)
		return fail(d, E_TOOBIG);
	if (der_get(d, tag, &v) != E_OK)
		return d->r.err;
	rd_init(&inner->r, v.p, v.len);
	inner->depth = d->depth + 1;
	return E_OK;
}

int der_uint(struct der *d, size_t cap, struct view *mag)
{
	struct view v;

	if (der_get(d, DER_INTEGER, &v) != E_OK)
		return d->r.err;
	if (v.len == 0 || (v.p[0] & 0x80))
		return fail(d, E_FORMAT); /* empty or negative */
	if (v.p[0] == 0 && v.len > 1) {
		if (!(v.p[1] & 0x80))
			return fail(d, E_FORMAT); /* needless leading zero */
		v.p++;
		v.len--;
	} else if (v.p[0] == 0) {
		v.len = 0; /* the value zero */
	}
	if (v.len > cap)
		return fail(d, E_TOOBIG);
	*mag = v;
	return E_OK;
}

int der_u32(struct der *d, uint32_t *v)
{
	struct view m;
	size_t i;

	if (der_uint(d, 4, &m) != E_OK)
		return d->r.err;
	*v = 0;
	for (i = 0; i < m.len; i++)
		*v = *v << 8 | m.p[i];
	return E_OK;
}

int der_bits(struct der *d, uint8_t tag, struct view *bits)
{
	struct view v;

	if (der_get(d, tag, &v) != E_OK)
		return d->r.err;
	if (v.len == 0 || v.p[0] != 0)
		return fail(d, E_FORMAT); /* no unused-bits octet, or bits unused */
	bits->p = v.p + 1;
	bits->len = v.len - 1;
	return E_OK;
}

int der_oid(struct der *d, struct view *oid)
{
	struct view v;
	size_t i;

	if (der_get(d, DER_OID, &v) != E_OK)
		return d->r.err;
	if (v.len == 0 || (v.p[v.len - 1] & 0x80))
		return fail(d, E_FORMAT); /* empty, or last one unfinished */
	for (i = 0; i < v.len; i++)
		if (v.p[i] == 0x80 && (i == 0 || !(v.p[i - 1] & 0x80)))
			return fail(d, E_FORMAT); /* sub-identifier not minimal */
	*oid = v;
	return E_OK;
}

int der_null(struct der *d)
{
	struct view v;

	if (der_get(d, DER_NULL, &v) != E_OK)
		return d->r.err;
	return v.len == 0 ? E_OK : fail(d, E_FORMAT);
}

int der_end(const struct der *d)
{
	return rd_end(&d->r);
}

int der_oid_eq(struct view oid, const uint8_t *enc, size_t n)
{
	return oid.len == n && memcmp(oid.p, enc, n) == 0;
}
