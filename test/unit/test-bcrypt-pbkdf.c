/*
 * test-bcrypt-pbkdf.c - bcrypt_pbkdf (crypto-bcrypt-pbkdf.c) against
 * published known answers, and its argument checks.
 *
 * Sources of the vectors:
 *   - OpenBSD's regression test for bcrypt_pbkdf(3)
 *     (regress/lib/libutil/bcrypt_pbkdf), as carried by RustCrypto's
 *     password-hashes crate (bcrypt-pbkdf/tests/test_vectors.rs,
 *     test_openbsd_vectors): embedded NULs, 1-byte salt and password,
 *     16- to 64-byte keys, 4 to 42 rounds, a 446-byte password;
 *   - pyca/bcrypt's tests/test_bcrypt.py (test_kdf): the UTF-8 Greek
 *     "odysseus" / "telemachos" case;
 *   - computed with pyca/bcrypt 3.2.2 (Debian 12 python3-bcrypt, an
 *     independent implementation): OpenSSH's use (48 bytes, 16 rounds,
 *     16-byte salt), 1-byte everything, 33 bytes (two blocks of unequal
 *     share) and 512 bytes (16 interleaved blocks).
 * The blowfish table itself (crypto-blowfish-pi.h, computed from pi) is
 * thus checked by every vector.  The 16-round case prints its time.
 */
#include "options.h"

#if SHREW_ENCRYPTED_KEYS
#include <time.h>

#include "unit.h"
#include "common-err.h"
#include "crypto-ltc.h"
#include "crypto-bcrypt-pbkdf.h"

struct vec {
	const char *pass;
	size_t passlen;
	const char *salt;
	size_t saltlen;
	unsigned rounds;
	const char *hex;
};

#define S(x) x, sizeof(x) - 1

static const char lorem[] =
    "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure "
    "dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. "
    "Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt "
    "mollit anim id est laborum.";

static const struct vec openbsd[] = {
    {S("password"), S("salt"), 4,
     "5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9"},
    {S("password"), S("\0"), 4, "c12b566235eee04c212598970a579a67"},
    {S("\0"), S("salt"), 4, "6051be18c2f4f82cbf0efee5471b4bb9"},
    {S("password\0"), S("salt\0"), 4,
     "7410e44cf4fa07bfaac8a928b1727fac001375e7bf7384370f48efd121743050"},
    {S("pass\0wor"), S("sa\0l"), 4, "c2bffd9db38f6569efef4372f4de83c0"},
    {S("pass\0word"), S("sa\0lt"), 4, "4ba4ac3925c0e8d7f0cdb6bb1684a56f"},
    {S("password"), S("salt"), 8,
     "e1367ec5151a33faac4cc1c144cd23fa15d5548493ecc99b9b5d9c0d3b27bec76227ea66088b849b20ab7aa4"
     "78010246e74bba51723fefa9f9474d6508845e8d"},
    {S("password"), S("salt"), 42, "833cf0dcf56db65608e8f0dc0ce882bd"},
    {S(lorem), S("salis\0"), 8, "10978b07253df57f71a162eb0e8ad30a"},
};

static const struct vec pyca[] = {
    {S("\xe1\xbd\x88\xce\xb4\xcf\x85\xcf\x83\xcf\x83\xce\xb5\xcf\x8d\xcf\x82"),
     S("\xce\xa4\xce\xb7\xce\xbb\xce\xad\xce\xbc\xce\xb1\xcf\x87\xce\xbf\xcf\x82"), 8,
     "43666c9b09ef33ed8c27e8e8f3e2d8e6"},
    {S("p"), S("s"), 1, "ca"},
    {S("password"), S("salt"), 2,
     "7578cf09f03644188b58dd336812168396e59d5dc35b5af7c6c3c90f520caf33da"},
    {S("password"), S("salt"), 1,
     "7aec9b2bb1f02e7008e54e8542e5f26ef4a38f915c564ad45b0bb7c17924e3b7148069088d85f93b8ecf7095"
     "20b5c4df69a4c2eecb8f3f4d22d47cce6b7cda19e52b463a47c88c7267bad9168524de1928a0d00bd747b44f"
     "c22f10e45ea4bb7860c49da544e0cdcb49b8818eddf7d9b2da058bb31fc8b4b61e4003f5d15f52de492eddac"
     "ce542f436572d6926fb69a3dde724d0db6afaca50cac5bd8709b4e9dbf0c02b9289085e0c0ec26d82ab637e6"
     "aa4f44776ceb0abd910972c85f40ec796a2ae0b6f8d331b32928e5645669221e4e5f8a377de163092cb8e63f"
     "a743312f1252940aae725870f8b8327ac2d9478ba24cd82ef11bf049530baba24bf2537ecb8a6b39150ba165"
     "0ccedbc212af5c558507592f5ef7238a5e4da3596ebaf2837baa80611ed5540b512982e55736c6bb90b65a6e"
     "df42f9aadffedc903c5c1cf17b3ad95ab6c3c1d80dc10798a4beabca2bd176094a01c8df55e5bac2880015c0"
     "b2bb1e2fc28f025831408fe3104cfb370d1cce21828d86fb442b82e385c7831f2935d8af608b7fc796a3baa9"
     "2b89ce82020417052e8120f0a191b48d7728abb6a9f92cd351459dc5a3bf6cb4555fcfb3cc8ff9998cd753f2"
     "2c859f7b2eed99d7d44299693a766f9335e1f9db348a770824c82e98b63a445c94cc6cb7d5245cddad773433"
     "87ddd65df94a935e4904171bb1792b9669a6d023ffb56d7bc8bbde05"},
};

static void check_vec(const struct vec *v)
{
	uint8_t want[512], got[512];
	long n = unit_unhex(v->hex, want, sizeof(want));

	CHECK(n > 0);
	if (n <= 0)
		return;
	memset(got, 0xa5, sizeof(got));
	CHECK(bcrypt_pbkdf(v->pass, v->passlen, (const uint8_t *)v->salt, v->saltlen, got,
	                   (size_t)n, v->rounds) == E_OK);
	CHECK_MEM(got, want, (size_t)n);
	CHECK((size_t)n == sizeof(got) || got[n] == 0xa5); /* nothing written past keylen */
}

TEST(openbsd_vectors)
{
	size_t i;

	for (i = 0; i < sizeof(openbsd) / sizeof(openbsd[0]); i++)
		check_vec(&openbsd[i]);
}

TEST(pyca_vectors)
{
	size_t i;

	for (i = 0; i < sizeof(pyca) / sizeof(pyca[0]); i++)
		check_vec(&pyca[i]);
}

/* What ssh-keygen -N does: 48 bytes (aes256-ctr key and IV), 16-byte salt,
 * 16 rounds.  Timed, since it is what a user waits for. */
TEST(openssh_default_cost)
{
	static const char want_hex[] = "6bd628cd9202c5d0cb3e47dc1332be0162d3d4262dac8dac9f009984"
	                               "34479f36930c217fd05e33a7e77e207f680659d2";
	uint8_t salt[16], want[48], got[48];
	struct timespec a, b;
	size_t i;

	for (i = 0; i < sizeof(salt); i++)
		salt[i] = (uint8_t)i;
	CHECK(unit_unhex(want_hex, want, sizeof(want)) == 48);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	CHECK(bcrypt_pbkdf("correct horse", 13, salt, sizeof(salt), got, sizeof(got), 16) == E_OK);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	CHECK_MEM(got, want, sizeof(want));
	printf("  bcrypt_pbkdf, 48 bytes, 16 rounds: %.1f ms CPU\n",
	       (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6);
}

TEST(bad_args)
{
	uint8_t key[BCRYPT_PBKDF_MAX_KEY + 1], salt[BCRYPT_PBKDF_MAX_SALT + 1];

	memset(salt, 1, sizeof(salt));
	memset(key, 0xa5, sizeof(key));
	CHECK(bcrypt_pbkdf("p", 0, salt, 4, key, 16, 4) == E_ARG); /* empty passphrase */
	CHECK(key[0] == 0 && key[15] == 0 && key[16] == 0xa5);     /* key zeroed */
	CHECK(bcrypt_pbkdf("p", 1, salt, 0, key, 16, 4) == E_ARG);
	CHECK(bcrypt_pbkdf("p", 1, salt, 4, key, 0, 4) == E_ARG);
	CHECK(bcrypt_pbkdf("p", 1, salt, 4, key, 16, 0) == E_ARG);
	CHECK(bcrypt_pbkdf("p", 1, salt, 4, key, sizeof(key), 1) == E_ARG);
	CHECK(bcrypt_pbkdf("p", 1, salt, sizeof(salt), key, 16, 1) == E_ARG);
	CHECK(bcrypt_pbkdf(NULL, 1, salt, 4, key, 16, 1) == E_ARG);
	CHECK(bcrypt_pbkdf("p", 1, NULL, 4, key, 16, 1) == E_ARG);
	CHECK(bcrypt_pbkdf("p", 1, salt, 4, NULL, 16, 1) == E_ARG);
	/* the largest sizes are taken */
	CHECK(bcrypt_pbkdf("p", 1, salt, BCRYPT_PBKDF_MAX_SALT, key, BCRYPT_PBKDF_MAX_KEY, 1) ==
	      E_OK);
}

int main(void)
{
	if (crypto_init() != E_OK) {
		printf("FAIL crypto_init\n");
		return 1;
	}
	RUN(openbsd_vectors);
	RUN(pyca_vectors);
	RUN(openssh_default_cost);
	RUN(bad_args);
	return unit_done();
}

#else /* !SHREW_ENCRYPTED_KEYS */

#include <stdio.h>

/* Nothing to test: no RUN.  The SKIP line tells test/run.sh why. */
int main(void)
{
	puts("SKIP test-bcrypt-pbkdf: SHREW_ENCRYPTED_KEYS is off");
	return 0;
}

#endif
