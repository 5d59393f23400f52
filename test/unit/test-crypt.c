/*
 * test-crypt.c - crypt(3) as password auth uses it: known hashes of the
 * four methods we build ($1$, $5$, $6$, $y$) verify, wrong passwords do
 * not, and unknown or disabled methods fail (NULL, or a failure token
 * starting with '*', never a copy of the stored string).
 *
 * Static musl build: linked against our trimmed libxcrypt (libxcrypt/),
 * with -DSHREW_XCRYPT_TRIMMED=1.  Distro build: Debian's -lcrypt (also
 * libxcrypt 4.4.33, every method on), where the methods we leave out work.
 *
 * Where the constants come from (none was produced by the library under
 * test):
 *  - OPENSSL: `openssl passwd -1|-5|-6 -salt SALT PASSWORD` (OpenSSL 3.0,
 *    Debian 12), an independent implementation of md5crypt and SHA-crypt.
 *  - SPEC: the test vectors in Ulrich Drepper's "Unix crypt using SHA-256
 *    and SHA-512" specification (rounds= and over-long salt cases),
 *    reproduced with Debian 12's system libcrypt (python3 ctypes).
 *  - KA: libxcrypt's published known-answer table (test/ka-table.inc in
 *    the 4.4.33 source), reproduced with Debian 12's system libcrypt.
 *  - MKPASSWD: `mkpasswd -m yescrypt PASSWORD` (Debian 12 whois 5.5.17 over
 *    the system libcrypt): yescrypt at Debian's default cost ($y$j9T$), as
 *    /etc/shadow holds it.
 */
#include <crypt.h>
#include <string.h>

#include "unit.h"

#ifndef SHREW_XCRYPT_TRIMMED
#define SHREW_XCRYPT_TRIMMED 0
#endif

struct vec {
	const char *pw;
	const char *hash;
};

static const struct vec good[] = {
    /* OPENSSL: openssl passwd -1 -salt saltsalt password */
    {"password", "$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/"},
    /* OPENSSL: openssl passwd -1 -salt Xy.z/9 'correct horse battery staple' */
    {"correct horse battery staple", "$1$Xy.z/9$2VI9t6D.92t7.Pvw3j5pG."},
    /* OPENSSL: openssl passwd -5 -salt saltstring 'Hello world!' */
    {"Hello world!", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"},
    /* OPENSSL: openssl passwd -5 -salt abcdefghijklmnop 'correct horse battery staple' */
    {"correct horse battery staple",
     "$5$abcdefghijklmnop$hC8AP1csILKOixKEZZT5Ow0ioyImaJ1l9c7ERrYV6O8"},
    /* SPEC: rounds=10000, salt cut to 16 characters */
    {"Hello world!",
     "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA"},
    /* SPEC: explicit rounds=5000 (the default) is kept in the output */
    {"This is just a test",
     "$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5"},
    /* OPENSSL: openssl passwd -6 -salt saltstring 'Hello world!' */
    {"Hello world!", "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/"
                     "O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"},
    /* OPENSSL: openssl passwd -6 -salt shrew-S4lt/x.Z 'correct horse battery staple' */
    {"correct horse battery staple",
     "$6$shrew-S4lt/"
     "x.Z$xffHHS2szq..xhRbW.2zFfZeVsn6maqI9DBFiBTHRb8EqZX83ZHgNH7QG70uM6dY0Bp0rWwfRiVAJB02v30lp."},
    /* SPEC: rounds=10000 */
    {"Hello world!",
     "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/"
     "UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v."},
    /* KA: yescrypt, low cost (j75), empty and one-letter passwords */
    {"", "$y$j75$LdJMENpBABJJ3hIHjB1Bi.$tUlUF19mIl6XpRTpX7LBp5ABKS8KSmDfP1gXFrZ6Sy8"},
    {"a", "$y$j75$LdJMENpBABJJ3hIHjB1Bi.$Ve4m3xXQj6CIT78tSP/FDzNIam38Z/rZlUFmHwBcrhD"},
    {"a", "$y$j85$.......$f6ebtuCjkC8UHFeQayofExxwYwu79YFyIOXOkA5Mus8"},
    /* MKPASSWD: mkpasswd -m yescrypt 'correct horse battery staple' */
    {"correct horse battery staple",
     "$y$j9T$ypiAz95o.FGQ5D8jHH1Lk.$B8Mbm8jl4GVxJOFlFkqV.EhCx38U48Ekdp2Qksr54F2"},
    /* MKPASSWD: mkpasswd -m yescrypt 'Hello world!' */
    {"Hello world!", "$y$j9T$zfPL/sQD1LruPJAwjThCt.$MHo60WPcX17wWaRm0NyDw5zSFQ/zpow4NOAleIMFwM6"},
};

#define NGOOD (sizeof(good) / sizeof(good[0]))

/* Hashes of methods our trimmed build leaves out; KA vectors, password "a".
 * Debian's libcrypt verifies them; ours must refuse them. */
static const char *const disabled[] = {
    "$2b$05$abcdefghijklmnopqrstuu8.veTXNDPV2eEsdpKNczMw2otgh5LnK",               /* bcrypt */
    "$2y$05$CCCCCCCCCCCCCCCCCCCCC.crbyEJ0XFaJ9sONRyOTHdI7c4ZT.ndu",               /* bcrypt_y */
    "$7$66..../....SodiumChloride$3O/5oVC8v927Yhzj2bu8S8CyYleLle9tDi1rFTQhC57",   /* scrypt */
    "$gy$j75$LdJMENpBABJJ3hIHjB1Bi.$3cu6oF.5ffZtumWCBOTnzDnVwO9u1qooMY.tolVVmgA", /* gost-yescrypt */
    "abxxB7HlIeckU",                                                              /* descrypt */
    "_/...CCCCTvwHUrPYWbQ",                                                       /* bsdicrypt */
    "$3$$186cb09181e2c2ecaac768c47c729904",                                       /* NT */
    "$sha1$12$GGXpNqoJvglVTkGU$15ay/sqt8x.kymG1fxcilMe9uzbg",                     /* sha1crypt */
    "$md5$9ZLwtuTO$XMEBs0n0S31/6qX/qsg2E.",                                       /* sunmd5 */
};

/* Stored strings no build may accept: locked/disabled accounts, empty
 * fields, unknown prefixes, truncated or mangled hashes. */
static const char *const never[] = {
    "",
    "*",
    "!",
    "!!",
    "*LK*",
    "*0",
    "*1",
    "x",
    "$",
    "$$",
    "$z$abc",
    "$1",
    "$y$",
    "$6$rounds=0$",
    /* a locked account: usermod -L puts '!' before a valid hash */
    "!$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/"
    "O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
    /* a hash with a character outside the crypt alphabet in its salt */
    "$y$j9T$ypiAz95o.FGQ5D8jHH1Lk!$B8Mbm8jl4GVxJOFlFkqV.EhCx38U48Ekdp2Qksr54F2",
    /* ':' cannot be in a salt (it separates /etc/shadow fields); openssl
	 * passwd -6 -salt sh:rew-S4lt makes this, libxcrypt refuses it */
    "$6$sh:rew-S4lt$u8wv1QnXMfsHFHFJbKHRnx0DanHPndhPW4jWJMlkKHcyJG9HW9i0tLU."
    "GmjyYGWinIYd8Uieaam1FS8ro7edF/",
};

/* What the password-auth code must treat as "no match". */
static int is_failure(const char *r)
{
	return r == NULL || r[0] == '*';
}

/* crypt(pw, stored) must fail and must not reproduce the stored string. */
static int fails(const char *pw, const char *stored)
{
	const char *r = crypt(pw, stored);

	if (r != NULL && strcmp(r, stored) == 0)
		return 0;
	return is_failure(r);
}

static int matches(const char *pw, const char *stored)
{
	const char *r = crypt(pw, stored);

	return r != NULL && strcmp(r, stored) == 0;
}

TEST(known_hashes_verify)
{
	size_t i;

	for (i = 0; i < NGOOD; i++) {
		if (!matches(good[i].pw, good[i].hash)) {
			fprintf(stderr, "  no match: %s\n", good[i].hash);
			CHECK(0);
		}
	}
}

TEST(crypt_r_agrees)
{
	struct crypt_data *cd = calloc(1, sizeof(*cd));
	size_t i;

	CHECK(cd != NULL);
	if (!cd)
		return;
	for (i = 0; i < NGOOD; i++) {
		const char *r = crypt_r(good[i].pw, good[i].hash, cd);
		CHECK(r != NULL && strcmp(r, good[i].hash) == 0);
	}
	free(cd);
}

/* The setting alone (prefix, parameters, salt) hashes to the same string. */
TEST(setting_prefix_gives_full_hash)
{
	const char *r;

	r = crypt("password", "$1$saltsalt");
	CHECK(r && strcmp(r, "$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/") == 0);
	r = crypt("Hello world!", "$6$rounds=10000$saltstringsaltstring");
	CHECK(
	    r &&
	    strcmp(r,
	           "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/"
	           "UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.") == 0);
	r = crypt("correct horse battery staple", "$y$j9T$ypiAz95o.FGQ5D8jHH1Lk.");
	CHECK(r &&
	      strcmp(r,
	             "$y$j9T$ypiAz95o.FGQ5D8jHH1Lk.$B8Mbm8jl4GVxJOFlFkqV.EhCx38U48Ekdp2Qksr54F2") ==
	          0);
}

TEST(wrong_password_does_not_match)
{
	size_t i;

	for (i = 0; i < NGOOD; i++) {
		const char *pw = good[i].pw, *h = good[i].hash;
		char buf[64];
		size_t n = strlen(pw);

		CHECK(!matches("wrong", h));
		CHECK(!matches(n ? "" : " ", h));
		/* last character changed, one added, one dropped */
		memcpy(buf, pw, n + 1);
		if (n) {
			buf[n - 1] ^= 1;
			CHECK(!matches(buf, h));
			buf[n - 1] ^= 1;
			buf[n - 1] = '\0';
			CHECK(!matches(buf, h));
		}
		memcpy(buf, pw, n);
		memcpy(buf + n, "\n", 2);
		CHECK(!matches(buf, h));
	}
}

/* libxcrypt refuses passphrases of 512 bytes or more: the password cap in
 * auth must stay below that (Dropbear uses 100). */
TEST(long_passphrase)
{
	char pw[600];
	const char *r;

	memset(pw, 'p', sizeof(pw));
	pw[511] = '\0';
	r = crypt(pw, "$6$saltstring");
	CHECK(r && strncmp(r, "$6$saltstring$", 14) == 0);
	pw[511] = 'p';
	pw[599] = '\0';
	CHECK(fails(pw, "$6$saltstring"));
	CHECK(fails(pw, "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/"
	                "O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"));
}

TEST(unusable_stored_strings_fail)
{
	size_t i;

	for (i = 0; i < sizeof(never) / sizeof(never[0]); i++) {
		if (!fails("a", never[i]) || !fails("", never[i]) ||
		    !fails("Hello world!", never[i])) {
			fprintf(stderr, "  did not fail: '%s'\n", never[i]);
			CHECK(0);
		}
	}
	/* the two failure tokens never reproduce each other */
	CHECK(fails("x", "*0"));
	CHECK(fails("x", "*1"));
}

TEST(disabled_methods)
{
	size_t i;

	for (i = 0; i < sizeof(disabled) / sizeof(disabled[0]); i++) {
#if SHREW_XCRYPT_TRIMMED
		if (!fails("a", disabled[i])) {
			fprintf(stderr, "  trimmed build accepted: %s\n", disabled[i]);
			CHECK(0);
		}
#else
		/* system libcrypt: every method is on; still no wrong match */
		if (!matches("a", disabled[i]) || matches("b", disabled[i])) {
			fprintf(stderr, "  system libcrypt: %s\n", disabled[i]);
			CHECK(0);
		}
#endif
	}
#if SHREW_XCRYPT_TRIMMED
	/* settings only, as musl's own crypt would take them */
	CHECK(fails("a", "$2b$05$abcdefghijklmnopqrstuu"));
	CHECK(fails("a", "$7$66..../....SodiumChloride"));
	CHECK(fails("a", "$gy$j75$LdJMENpBABJJ3hIHjB1Bi."));
	CHECK(fails("a", "ab"));
#endif
}

int main(void)
{
	RUN(known_hashes_verify);
	RUN(crypt_r_agrees);
	RUN(setting_prefix_gives_full_hash);
	RUN(wrong_password_does_not_match);
	RUN(long_passphrase);
	RUN(unusable_stored_strings_fail);
	RUN(disabled_methods);
	return unit_done();
}
