/*
 * test-algo-prefs.c - choosing what we offer (common-algo-prefs.c): the
 * SHREW_OFFER_* defaults and OpenSSH's list syntax (replace, +, -, ^,
 * patterns), in whatever configuration the build uses.
 */
#include "unit.h"
#include "common-algo.h"
#include "common-err.h"

/* The names of l, comma-separated, into a static buffer. */
static const char *names(const struct algo_list *l, enum algo_cat c)
{
	static char buf[1024];
	size_t k, len = 0;

	buf[0] = '\0';
	for (k = 0; k < l->n; k++) {
		const char *n = algo_name(c, l->idx[k]);

		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", k ? "," : "",
		                        n ? n : "?");
	}
	return buf;
}

static int apply(struct algo_list *l, enum algo_cat c, const char *spec)
{
	char err[128];

	return algo_list_apply(l, c, spec, 1, err, sizeof(err));
}

TEST(defaults_are_the_audited_set)
{
	struct algo_prefs p;

	algo_prefs_default(&p);
	CHECK(p.set == 0);
#if SHREW_KEX_CURVE25519 && !defined(SHREW_LOCALOPTIONS)
	CHECK(strcmp(names(&p.cat[ALGO_KEX], ALGO_KEX),
	             "curve25519-sha256,curve25519-sha256@libssh.org") == 0);
#endif
#if SHREW_ED25519 && SHREW_RSA && SHREW_ECDSA && !defined(SHREW_LOCALOPTIONS)
	CHECK(strcmp(names(&p.cat[ALGO_HOSTKEY], ALGO_HOSTKEY),
	             "ssh-ed25519,rsa-sha2-512,rsa-sha2-256") == 0);
	CHECK(!(algo_list_sigs(&p.cat[ALGO_HOSTKEY]) & ALGO_SIG_BIT(SIG_ECDSA_P256)));
	CHECK(algo_list_sigs(&p.cat[ALGO_HOSTKEY]) & ALGO_SIG_BIT(SIG_ED25519));
#endif
#if SHREW_HMAC_SHA256 && SHREW_HMAC_SHA512 && !defined(SHREW_LOCALOPTIONS)
	CHECK(strcmp(names(&p.cat[ALGO_MAC], ALGO_MAC),
	             "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com") == 0);
#endif
	/* every category but MACs offers something in any configuration */
	CHECK(p.cat[ALGO_KEX].n > 0 && p.cat[ALGO_HOSTKEY].n > 0 && p.cat[ALGO_CIPHER].n > 0);
}

TEST(replace_add_remove_front)
{
	struct algo_list l = {0, {0}};
	size_t all = 0, i;

	for (i = 0; i < algo_count(ALGO_CIPHER); i++)
		all += algo_name(ALGO_CIPHER, i) != NULL;
	CHECK(apply(&l, ALGO_CIPHER, "chacha20-poly1305@openssh.com") == E_OK);
	CHECK(strcmp(names(&l, ALGO_CIPHER), "chacha20-poly1305@openssh.com") == 0);
	CHECK(apply(&l, ALGO_CIPHER, "+*") == E_OK && l.n == all);
	CHECK(l.idx[0] == 0); /* appending keeps what was first */
	if (all < 2)
		return; /* the minimal build has one cipher */
	CHECK(apply(&l, ALGO_CIPHER, "-chacha20-poly1305@openssh.com") == E_OK);
	CHECK(l.n == all - 1 && strstr(names(&l, ALGO_CIPHER), "chacha") == NULL);
	CHECK(apply(&l, ALGO_CIPHER, "+chacha20-poly1305@openssh.com") == E_OK);
	CHECK(strcmp(names(&l, ALGO_CIPHER) + strlen(names(&l, ALGO_CIPHER)) -
	                 strlen("chacha20-poly1305@openssh.com"),
	             "chacha20-poly1305@openssh.com") == 0);
	CHECK(apply(&l, ALGO_CIPHER, "^chacha20-poly1305@openssh.com") == E_OK);
	CHECK(strncmp(names(&l, ALGO_CIPHER), "chacha20-poly1305@openssh.com", 29) == 0);
	CHECK(l.n == all);
}

TEST(patterns_and_order)
{
	struct algo_list l = {0, {0}};

#if SHREW_KEX_ECDH_NISTP && SHREW_KEX_CURVE25519
	CHECK(apply(&l, ALGO_KEX, "ecdh-sha2-nistp384,curve25519-*") == E_OK);
	CHECK(strcmp(names(&l, ALGO_KEX),
	             "ecdh-sha2-nistp384,curve25519-sha256,curve25519-sha256@libssh.org") == 0);
	CHECK(apply(&l, ALGO_KEX, "+ecdh-sha2-nistp???") == E_OK);
	CHECK(strcmp(names(&l, ALGO_KEX), "ecdh-sha2-nistp384,curve25519-sha256,"
	                                  "curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
	                                  "ecdh-sha2-nistp521") == 0);
	CHECK(apply(&l, ALGO_KEX, "-ecdh-*") == E_OK);
	CHECK(strcmp(names(&l, ALGO_KEX), "curve25519-sha256,curve25519-sha256@libssh.org") == 0);
#endif
	/* duplicates collapse */
	CHECK(apply(&l, ALGO_KEX, "curve25519-sha256,curve25519-sha256") == E_OK && l.n == 1);
	/* empty entries are skipped */
	CHECK(apply(&l, ALGO_KEX, ",curve25519-sha256,,") == E_OK && l.n == 1);
}

TEST(bad_lists_are_refused_and_leave_the_list_alone)
{
	struct algo_list l = {0, {0}}, before;
	char err[128];

	CHECK(apply(&l, ALGO_KEX, "*") == E_OK);
	before = l;
	CHECK(algo_list_apply(&l, ALGO_KEX, "no-such-kex", 1, err, sizeof(err)) == E_ARG);
	CHECK(strstr(err, "no-such-kex") != NULL);
	CHECK(memcmp(&l, &before, sizeof(l)) == 0);
	CHECK(algo_list_apply(&l, ALGO_KEX, "+curve25519-sha256,bogus", 1, err, sizeof(err)) ==
	      E_ARG);
	CHECK(algo_list_apply(&l, ALGO_KEX, "-bogus", 1, err, sizeof(err)) == E_ARG);
	CHECK(algo_list_apply(&l, ALGO_KEX, "-*", 1, err, sizeof(err)) == E_ARG);
	CHECK(strstr(err, "no algorithm") != NULL);
	/* a pattern that matches nothing is fine (hmac-sha1* on a build
	 * without SHA-1), as long as something is left */
	CHECK(algo_list_apply(&l, ALGO_KEX, "-no-such-*", 1, err, sizeof(err)) == E_OK);
	CHECK(memcmp(&l, &before, sizeof(l)) == 0);
	CHECK(algo_list_apply(&l, ALGO_KEX, "", 1, err, sizeof(err)) == E_ARG);
	CHECK(algo_list_apply(&l, ALGO_HOSTKEY, "ssh-dss", 1, err, sizeof(err)) == E_ARG);
	CHECK(memcmp(&l, &before, sizeof(l)) == 0);
	/* MACs may be empty (AEAD ciphers need none) */
	CHECK(algo_list_apply(&l, ALGO_MAC, "-*", 1, err, sizeof(err)) == E_OK);
	/* lenient (defaults): unknown names are skipped */
	CHECK(algo_list_apply(&l, ALGO_KEX, "bogus,curve25519-sha256", 0, NULL, 0) == E_OK);
	CHECK(l.n == 1);
}

TEST(options)
{
	struct algo_prefs p;
	char err[160];

	algo_prefs_default(&p);
	CHECK(algo_prefs_option(&p, "Ciphers=chacha20-poly1305@openssh.com", err, sizeof(err)) ==
	      E_OK);
	CHECK(p.set == (1u << ALGO_CIPHER) && p.cat[ALGO_CIPHER].n == 1);
	CHECK(algo_prefs_option(&p, "ciphers +*", err, sizeof(err)) == E_OK);
	CHECK(p.cat[ALGO_CIPHER].n > 1 || algo_count(ALGO_CIPHER) == 1);
	CHECK(algo_prefs_option(&p, "HOSTKEYALGORITHMS = +*", err, sizeof(err)) == E_OK);
	CHECK(p.set == ((1u << ALGO_CIPHER) | (1u << ALGO_HOSTKEY)));
	CHECK(algo_prefs_option(&p, "KexAlgorithms=", err, sizeof(err)) == E_ARG);
	CHECK(algo_prefs_option(&p, "Compression=yes", err, sizeof(err)) == E_ARG);
	CHECK(strstr(err, "Compression") != NULL);
	CHECK(algo_prefs_option(&p, "KexAlgorithmsX=*", err, sizeof(err)) == E_ARG);
	CHECK(algo_prefs_option(&p, "", err, sizeof(err)) == E_ARG);
}

TEST(writers_follow_the_list)
{
	struct algo_list l = {0, {0}};
	uint8_t buf[512];
	struct wr w;

	CHECK(apply(&l, ALGO_KEX, "curve25519-sha256@libssh.org,curve25519-sha256") == E_OK);
	wr_init(&w, buf, sizeof(buf));
	CHECK(algo_write_kex_list(&w, &l, 1) == E_OK);
	CHECK(w.len == strlen("curve25519-sha256@libssh.org,curve25519-sha256,"
	                      "kex-strict-s-v00@openssh.com"));
	CHECK(memcmp(buf, "curve25519-sha256@libssh.org,curve25519-sha256,kex-strict-s", 59) == 0);
	/* host keys: only those the keys can sign */
	CHECK(apply(&l, ALGO_HOSTKEY, "*") == E_OK);
	wr_init(&w, buf, sizeof(buf));
	CHECK(algo_write_hostkey_list(&w, &l, ALGO_SIG_BIT(SIG_ED25519)) == E_OK);
	CHECK(w.len == 11 && memcmp(buf, "ssh-ed25519", 11) == 0);
#if SHREW_ECDSA
	CHECK(apply(&l, ALGO_HOSTKEY, "ssh-ed25519") == E_OK);
	wr_init(&w, buf, sizeof(buf));
	CHECK(algo_write_hostkey_list(&w, &l, ALGO_SIG_BIT(SIG_ECDSA_P256)) == E_ARG);
#endif
}

int main(void)
{
	RUN(defaults_are_the_audited_set);
	RUN(replace_add_remove_front);
	RUN(patterns_and_order);
	RUN(bad_lists_are_refused_and_leave_the_list_alone);
	RUN(options);
	RUN(writers_follow_the_list);
	return unit_done();
}
