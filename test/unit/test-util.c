/*
 * test-util.c - wipe, constant-time compare, randomness, error strings.
 */
#include "unit.h"
#include "common-err.h"
#include "common-random.h"
#include "common-wipe.h"

TEST(ct_eq_works)
{
	uint8_t a[33], b[33];
	size_t i;

	memset(a, 0x5a, sizeof(a));
	memcpy(b, a, sizeof(b));
	CHECK(ct_eq(a, b, sizeof(a)) == 1);
	CHECK(ct_eq(a, b, 0) == 1);
	for (i = 0; i < sizeof(a); i++) {
		b[i] ^= 0x80;
		CHECK(ct_eq(a, b, sizeof(a)) == 0);
		b[i] ^= 0x80;
		b[i] ^= 0x01;
		CHECK(ct_eq(a, b, sizeof(a)) == 0);
		b[i] ^= 0x01;
	}
}

TEST(wipe_zeroes)
{
	uint8_t a[40];
	size_t i;
	int all = 1;

	memset(a, 0xff, sizeof(a));
	wipe(a, sizeof(a));
	for (i = 0; i < sizeof(a); i++)
		all &= a[i] == 0;
	CHECK(all);
}

TEST(random_differs)
{
	uint8_t a[32], b[32], z[32] = {0};

	CHECK(random_bytes(a, sizeof(a)) == E_OK);
	CHECK(random_bytes(b, sizeof(b)) == E_OK);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	CHECK(memcmp(a, z, sizeof(a)) != 0);
}

TEST(random_large_and_uniform)
{
	static uint8_t big[200000];
	unsigned int counts[6] = {0};
	size_t i, zeros = 0;

	CHECK(random_bytes(big, sizeof(big)) == E_OK);
	for (i = 0; i < sizeof(big); i++)
		zeros += big[i] == 0;
	/* expected ~781; far outside means a broken fill */
	CHECK(zeros > 500 && zeros < 1100);
	for (i = 0; i < 6000; i++) {
		uint32_t v = random_uniform(6);
		CHECK(v < 6);
		if (v < 6)
			counts[v]++;
	}
	for (i = 0; i < 6; i++)
		CHECK(counts[i] > 800 && counts[i] < 1200);
	CHECK(random_uniform(1) == 0);
}

TEST(err_strings)
{
	CHECK(strcmp(err_str(E_OK), "success") == 0);
	CHECK(strcmp(err_str(E_TRAILING), "unexpected trailing data") == 0);
	CHECK(strcmp(err_str(12345), "unknown error") == 0);
}

int main(void)
{
	RUN(ct_eq_works);
	RUN(wipe_zeroes);
	RUN(random_differs);
	RUN(random_large_and_uniform);
	RUN(err_strings);
	return unit_done();
}
