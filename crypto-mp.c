/*
 * crypto-mp.c - magnitude <-> libtomcrypt bignum helpers (crypto-mp.h).
 */
#include <string.h>

#include "common-err.h"
#include "crypto-ltc.h"
#include "crypto-mp.h"

int mp_err(int ltc_err)
{
	if (ltc_err == CRYPT_OK)
		return E_OK;
	return ltc_err == CRYPT_MEM ? E_NOMEM : E_CRYPTO;
}

struct view mag_strip(struct view v)
{
	size_t i = 0;

	while (i < v.len && v.p[i] == 0)
		i++;
	if (i > 0) {
		v.p += i;
		v.len -= i;
	}
	return v;
}

int mp_from_mag(void *a, struct view v)
{
	v = mag_strip(v);
	if (v.len == 0)
		return mp_err(ltc_mp.set_int(a, 0));
	return mp_err(ltc_mp.unsigned_read(a, (unsigned char *)v.p, (unsigned long)v.len));
}

int mp_to_fixed(void *a, uint8_t *out, size_t len)
{
	size_t size = ltc_mp.unsigned_size(a);

	if (size > len)
		return E_TOOBIG;
	memset(out, 0, len - size);
	if (size == 0)
		return E_OK;
	return mp_err(ltc_mp.unsigned_write(a, out + (len - size)));
}
