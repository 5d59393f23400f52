/*
 * test-kexinit.c - SSH_MSG_KEXINIT parsing and building, name-lists, and
 * the RFC 4253 7.1 negotiation (common-kexinit.c).
 */
#include "unit.h"
#include "common-err.h"
#include "common-kexinit.h"

/* The KEXINIT payload OpenSSH_9.2p1 (Debian 12) `ssh` sent to a listener
 * on 127.0.0.1 (captured from the wire: the first packet after the
 * version line, unencrypted; padding stripped). */
static const char openssh_client_hex[] =
    "142fe89820494a07e6f94533d9a35d3fa300000148736e747275703736317832353531392d7368613531322c"
    "736e747275703736317832353531392d736861353132406f70656e7373682e636f6d2c637572766532353531"
    "392d7368613235362c637572766532353531392d736861323536406c69627373682e6f72672c656364682d73"
    "6861322d6e697374703235362c656364682d736861322d6e697374703338342c656364682d736861322d6e69"
    "7374703532312c6469666669652d68656c6c6d616e2d67726f75702d65786368616e67652d7368613235362c"
    "6469666669652d68656c6c6d616e2d67726f757031362d7368613531322c6469666669652d68656c6c6d616e"
    "2d67726f757031382d7368613531322c6469666669652d68656c6c6d616e2d67726f757031342d7368613235"
    "362c6578742d696e666f2d632c6b65782d7374726963742d632d763030406f70656e7373682e636f6d000001"
    "cf7373682d656432353531392d636572742d763031406f70656e7373682e636f6d2c65636473612d73686132"
    "2d6e697374703235362d636572742d763031406f70656e7373682e636f6d2c65636473612d736861322d6e69"
    "7374703338342d636572742d763031406f70656e7373682e636f6d2c65636473612d736861322d6e69737470"
    "3532312d636572742d763031406f70656e7373682e636f6d2c736b2d7373682d656432353531392d63657274"
    "2d763031406f70656e7373682e636f6d2c736b2d65636473612d736861322d6e697374703235362d63657274"
    "2d763031406f70656e7373682e636f6d2c7273612d736861322d3531322d636572742d763031406f70656e73"
    "73682e636f6d2c7273612d736861322d3235362d636572742d763031406f70656e7373682e636f6d2c737368"
    "2d656432353531392c65636473612d736861322d6e697374703235362c65636473612d736861322d6e697374"
    "703338342c65636473612d736861322d6e697374703532312c736b2d7373682d65643235353139406f70656e"
    "7373682e636f6d2c736b2d65636473612d736861322d6e69737470323536406f70656e7373682e636f6d2c72"
    "73612d736861322d3531322c7273612d736861322d3235360000006c63686163686132302d706f6c79313330"
    "35406f70656e7373682e636f6d2c6165733132382d6374722c6165733139322d6374722c6165733235362d63"
    "74722c6165733132382d67636d406f70656e7373682e636f6d2c6165733235362d67636d406f70656e737368"
    "2e636f6d0000006c63686163686132302d706f6c7931333035406f70656e7373682e636f6d2c616573313238"
    "2d6374722c6165733139322d6374722c6165733235362d6374722c6165733132382d67636d406f70656e7373"
    "682e636f6d2c6165733235362d67636d406f70656e7373682e636f6d000000d5756d61632d36342d65746d40"
    "6f70656e7373682e636f6d2c756d61632d3132382d65746d406f70656e7373682e636f6d2c686d61632d7368"
    "61322d3235362d65746d406f70656e7373682e636f6d2c686d61632d736861322d3531322d65746d406f7065"
    "6e7373682e636f6d2c686d61632d736861312d65746d406f70656e7373682e636f6d2c756d61632d3634406f"
    "70656e7373682e636f6d2c756d61632d313238406f70656e7373682e636f6d2c686d61632d736861322d3235"
    "362c686d61632d736861322d3531322c686d61632d73686131000000d5756d61632d36342d65746d406f7065"
    "6e7373682e636f6d2c756d61632d3132382d65746d406f70656e7373682e636f6d2c686d61632d736861322d"
    "3235362d65746d406f70656e7373682e636f6d2c686d61632d736861322d3531322d65746d406f70656e7373"
    "682e636f6d2c686d61632d736861312d65746d406f70656e7373682e636f6d2c756d61632d3634406f70656e"
    "7373682e636f6d2c756d61632d313238406f70656e7373682e636f6d2c686d61632d736861322d3235362c68"
    "6d61632d736861322d3531322c686d61632d736861310000001a6e6f6e652c7a6c6962406f70656e7373682e"
    "636f6d2c7a6c69620000001a6e6f6e652c7a6c6962406f70656e7373682e636f6d2c7a6c6962000000000000"
    "00000000000000";

static uint8_t openssh_client[2048];
static size_t openssh_client_len;

static void load_capture(void)
{
	long n = unit_unhex(openssh_client_hex, openssh_client, sizeof(openssh_client));

	CHECK(n > 0);
	openssh_client_len = n > 0 ? (size_t)n : 0;
}

static struct view v_of(const char *s)
{
	struct view v = {(const uint8_t *)s, strlen(s)};

	return v;
}

/* A KEXINIT built from C strings, kept with its bytes. */
struct ki {
	uint8_t buf[12000];
	size_t len;
	struct kexinit k;
};

static const uint8_t cookie[KEXINIT_COOKIE_LEN] = {1, 2,  3,  4,  5,  6,  7,  8,
                                                   9, 10, 11, 12, 13, 14, 15, 16};

/* Builds and parses: lists in wire order (kex, host key, cipher c2s,
 * cipher s2c, mac c2s, mac s2c, comp c2s, comp s2c, lang, lang). */
static int mk(struct ki *ki, const char *const l[KEXINIT_NLISTS], int follows)
{
	struct view lists[KEXINIT_NLISTS];
	struct wr w;
	int i;

	for (i = 0; i < KEXINIT_NLISTS; i++)
		lists[i] = v_of(l[i]);
	wr_init(&w, ki->buf, sizeof(ki->buf));
	if (kexinit_build(&w, cookie, lists, follows) != E_OK)
		return E_TOOBIG;
	ki->len = w.len;
	return kexinit_parse(ki->buf, ki->len, &ki->k);
}

/* Same lists in both directions. */
static int mk5(struct ki *ki, const char *kex, const char *hk, const char *cipher, const char *mac,
               const char *comp, int follows)
{
	const char *l[KEXINIT_NLISTS] = {kex, hk, cipher, cipher, mac, mac, comp, comp, "", ""};

	return mk(ki, l, follows);
}

#define C25519 "curve25519-sha256"
#define C25519L "curve25519-sha256@libssh.org"
#define CHACHA "chacha20-poly1305@openssh.com"
#define ED "ssh-ed25519"
#define STRICT_C "kex-strict-c-v00@openssh.com"
#define STRICT_S "kex-strict-s-v00@openssh.com"

static struct ki cli, srv;

/* ---- name-lists ------------------------------------------------------- */

TEST(namelist_rules)
{
	struct view name;
	size_t off = 0;
	int n = 0;

	CHECK(namelist_valid(v_of("")));
	CHECK(namelist_valid(v_of("a")));
	CHECK(namelist_valid(v_of("a,b@x.org,c-1")));
	CHECK(!namelist_valid(v_of(",")));
	CHECK(!namelist_valid(v_of(",a")));
	CHECK(!namelist_valid(v_of("a,")));
	CHECK(!namelist_valid(v_of("a,,b")));
	CHECK(!namelist_valid(v_of("a b")));
	CHECK(!namelist_valid(v_of("a\tb")));
	CHECK(!namelist_valid(v_of("a\x7f")));
	CHECK(!namelist_valid(v_of("caf\xc3\xa9")));
	while (namelist_next(v_of("a,bb,ccc"), &off, &name)) {
		n++;
		CHECK(name.len == (size_t)n);
	}
	CHECK(n == 3);
	off = 0;
	CHECK(!namelist_next(v_of(""), &off, &name));
	CHECK(namelist_has_str(v_of("x,curve25519-sha256,y"), C25519));
	CHECK(!namelist_has_str(v_of("x,curve25519-sha256@libssh.org"), C25519));
	CHECK(!namelist_has_str(v_of("curve25519"), C25519));
	CHECK(!namelist_has_str(v_of(""), ""));
}

/* ---- parse and build -------------------------------------------------- */

TEST(openssh_capture_parses)
{
	struct kexinit k;

	load_capture();
	CHECK(kexinit_parse(openssh_client, openssh_client_len, &k) == E_OK);
	CHECK(k.cookie.len == 16 && k.cookie.p == openssh_client + 1);
	CHECK(namelist_has_str(k.list[KEXINIT_KEX], C25519));
	CHECK(namelist_has_str(k.list[KEXINIT_KEX], "ext-info-c"));
	CHECK(namelist_has_str(k.list[KEXINIT_KEX], STRICT_C));
	CHECK(namelist_has_str(k.list[KEXINIT_HOSTKEY], ED));
	CHECK(view_eq(k.list[KEXINIT_COMP_C2S], "none,zlib@openssh.com,zlib"));
	CHECK(k.list[KEXINIT_LANG_C2S].len == 0 && k.list[KEXINIT_LANG_S2C].len == 0);
	CHECK(k.first_kex_follows == 0 && k.reserved == 0);
}

TEST(truncated_at_every_offset)
{
	struct kexinit k;
	size_t n;
	int bad = 0;

	load_capture();
	for (n = 0; n < openssh_client_len; n++)
		if (kexinit_parse(openssh_client, n, &k) == E_OK || k.list[0].p != NULL)
			bad++;
	CHECK(bad == 0);
	CHECK(kexinit_parse(openssh_client, 0, &k) == E_SHORT);
	CHECK(kexinit_parse(openssh_client, openssh_client_len - 1, &k) == E_SHORT);
}

TEST(malformed_rejected)
{
	static uint8_t b[2048];
	struct kexinit k;
	size_t n;

	load_capture();
	n = openssh_client_len;
	memcpy(b, openssh_client, n);
	b[n] = 0;
	CHECK(kexinit_parse(b, n + 1, &k) == E_TRAILING);
	b[0] = 21; /* not KEXINIT */
	CHECK(kexinit_parse(b, n, &k) == E_FORMAT);
	b[0] = 20;
	/* the kex list starts at 17: length, then "sntrup761x25519-..." */
	b[21] = ','; /* leading comma */
	CHECK(kexinit_parse(b, n, &k) == E_FORMAT);
	b[21] = 0x80; /* non-ASCII */
	CHECK(kexinit_parse(b, n, &k) == E_FORMAT);
	b[21] = ' ';
	CHECK(kexinit_parse(b, n, &k) == E_FORMAT);
	b[21] = 0; /* NUL */
	CHECK(kexinit_parse(b, n, &k) == E_FORMAT);
	b[21] = 's';
	b[22] = 'n';
	CHECK(kexinit_parse(b, n, &k) == E_OK);
	/* a name-list length past the end */
	b[17] = 0x7f;
	CHECK(kexinit_parse(b, n, &k) == E_TOOBIG);
	b[17] = 0;
	/* first_kex_packet_follows: any non-zero is true; reserved is kept */
	b[n - 5] = 2;
	b[n - 1] = 7;
	CHECK(kexinit_parse(b, n, &k) == E_OK && k.first_kex_follows == 1 && k.reserved == 7);
}

TEST(empty_names_rejected)
{
	const char *bad[] = {",," C25519, C25519 ",", "," C25519, C25519 ",," C25519L};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(mk5(&cli, bad[i], ED, CHACHA, "", "none", 0) == E_FORMAT);
		CHECK(mk5(&cli, C25519, ED, CHACHA, bad[i], "none", 0) == E_FORMAT);
	}
	/* empty lists are fine (RFC 4251 5) */
	CHECK(mk5(&cli, "", "", "", "", "", 0) == E_OK);
}

TEST(list_cap)
{
	static char big[KEXINIT_MAX_NAMELIST + 2];

	memset(big, 'a', sizeof(big) - 1);
	big[KEXINIT_MAX_NAMELIST + 1] = 0;
	CHECK(mk5(&cli, C25519, ED, CHACHA, big, "none", 0) == E_TOOBIG);
	big[KEXINIT_MAX_NAMELIST] = 0;
	CHECK(mk5(&cli, C25519, ED, CHACHA, big, "none", 0) == E_OK);
	CHECK(cli.k.list[KEXINIT_MAC_C2S].len == KEXINIT_MAX_NAMELIST);
}

TEST(build_round_trip)
{
	uint8_t buf[4096];
	struct kexinit k;
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	CHECK(kexinit_build_ours(&w, cookie, 1, algo_sigs_all(), NULL) == E_OK);
	CHECK(kexinit_parse(buf, w.len, &k) == E_OK);
	CHECK(memcmp(k.cookie.p, cookie, 16) == 0);
	CHECK(namelist_has_str(k.list[KEXINIT_KEX], STRICT_S));
	CHECK(!namelist_has_str(k.list[KEXINIT_KEX], "ext-info-c"));
	CHECK(view_eq(k.list[KEXINIT_COMP_S2C], "none"));
	CHECK(k.list[KEXINIT_LANG_S2C].len == 0 && k.first_kex_follows == 0);
	CHECK(view_eq(k.list[KEXINIT_CIPHER_C2S], "chacha20-poly1305@openssh.com"
#if SHREW_AES_GCM
	                                          ",aes128-gcm@openssh.com,aes256-gcm@openssh.com"
#endif
#if SHREW_AES_CTR
	                                          ",aes128-ctr,aes256-ctr"
#endif
#if SHREW_AES_CBC
	                                          ",aes128-cbc,aes256-cbc"
#endif
	              ));
	wr_init(&w, buf, sizeof(buf));
	CHECK(kexinit_build_ours(&w, cookie, 0, algo_sigs_all(), NULL) == E_OK);
	CHECK(kexinit_parse(buf, w.len, &k) == E_OK);
	CHECK(namelist_has_str(k.list[KEXINIT_KEX], "ext-info-c"));
	CHECK(namelist_has_str(k.list[KEXINIT_KEX], STRICT_C));
	wr_init(&w, buf, sizeof(buf));
	CHECK(kexinit_build_ours(&w, cookie, 1, 0, NULL) == E_ARG);
	wr_init(&w, buf, 100);
	CHECK(kexinit_build_ours(&w, cookie, 1, algo_sigs_all(), NULL) == E_TOOBIG);
}

/* ---- negotiation ------------------------------------------------------ */

TEST(openssh_client_vs_our_server)
{
	uint8_t buf[4096];
	struct kex_choice c;
	struct kexinit ours, peer;
	struct wr w;

	load_capture();
	CHECK(kexinit_parse(openssh_client, openssh_client_len, &peer) == E_OK);
	wr_init(&w, buf, sizeof(buf));
	CHECK(kexinit_build_ours(&w, cookie, 1, algo_sigs_all(), NULL) == E_OK);
	CHECK(kexinit_parse(buf, w.len, &ours) == E_OK);
	CHECK(kex_negotiate(&peer, &ours, 1, &c) == E_OK);
	CHECK(c.kex == KEX_CURVE25519_SHA256);
	CHECK(c.hostkey == SIG_ED25519);
	CHECK(c.cipher_c2s == CIPHER_CHACHAPOLY && c.cipher_s2c == CIPHER_CHACHAPOLY);
	CHECK(c.mac_c2s == MACALG_NONE && c.mac_s2c == MACALG_NONE);
	CHECK(c.peer_ext_info == 1 && c.strict == 1 && c.guess_wrong == 0);
	CHECK(c.failed_category == NULL);
#if SHREW_ECDSA
	/* with only an ECDSA P-384 host key */
	wr_init(&w, buf, sizeof(buf));
	CHECK(kexinit_build_ours(&w, cookie, 1, algo_sigs_of_key_type(KEY_ECDSA_P384), NULL) ==
	      E_OK);
	CHECK(kexinit_parse(buf, w.len, &ours) == E_OK);
	CHECK(kex_negotiate(&peer, &ours, 1, &c) == E_OK && c.hostkey == SIG_ECDSA_P384);
#endif
}

TEST(our_client_vs_our_server)
{
	uint8_t b1[4096], b2[4096];
	struct kex_choice as_srv, as_cli;
	struct kexinit kc, ks;
	struct wr w;

	wr_init(&w, b1, sizeof(b1));
	CHECK(kexinit_build_ours(&w, cookie, 0, algo_sigs_all(), NULL) == E_OK);
	CHECK(kexinit_parse(b1, w.len, &kc) == E_OK);
	wr_init(&w, b2, sizeof(b2));
	CHECK(kexinit_build_ours(&w, cookie, 1, algo_sigs_all(), NULL) == E_OK);
	CHECK(kexinit_parse(b2, w.len, &ks) == E_OK);
	CHECK(kex_negotiate(&kc, &ks, 1, &as_srv) == E_OK);
	CHECK(kex_negotiate(&kc, &ks, 0, &as_cli) == E_OK);
	CHECK(as_srv.kex == as_cli.kex && as_srv.hostkey == as_cli.hostkey);
	CHECK(as_srv.cipher_c2s == as_cli.cipher_c2s && as_srv.mac_s2c == as_cli.mac_s2c);
	CHECK(as_srv.strict == 1 && as_cli.strict == 1);
	/* the server acts on the client's ext-info-c; our server never sends
	 * ext-info-s, so the client sees none */
	CHECK(as_srv.peer_ext_info == 1 && as_cli.peer_ext_info == 0);
	CHECK(as_srv.kex == KEX_CURVE25519_SHA256 && as_srv.hostkey == SIG_ED25519);
}

TEST(client_preference_wins)
{
	struct kex_choice c;

	/* RFC 4253 7.1: the first algorithm on the client's list that the
	 * server also supports, whatever the server's order */
	CHECK(mk5(&cli, C25519L "," C25519, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(mk5(&srv, C25519 "," C25519L, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_OK &&
	      c.kex == KEX_CURVE25519_SHA256_LIBSSH);
	CHECK(kex_negotiate(&srv.k, &cli.k, 1, &c) == E_OK && c.kex == KEX_CURVE25519_SHA256);
	/* names unknown to us are skipped even when both sides list them */
	CHECK(mk5(&cli, "foo@x.org," C25519, ED, "bar," CHACHA, "", "none", 0) == E_OK);
	CHECK(mk5(&srv, C25519 ",foo@x.org", ED, CHACHA ",bar", "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_OK && c.kex == KEX_CURVE25519_SHA256 &&
	      c.cipher_s2c == CIPHER_CHACHAPOLY);
#if SHREW_AES_CTR && SHREW_HMAC_SHA256 && SHREW_HMAC_SHA512
	CHECK(mk5(&cli, C25519, ED, "aes256-ctr,aes128-ctr", "hmac-sha2-512,hmac-sha2-256", "none",
	          0) == E_OK);
	CHECK(mk5(&srv, C25519, ED, "aes128-ctr,aes256-ctr," CHACHA, "hmac-sha2-256,hmac-sha2-512",
	          "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_OK && c.cipher_c2s == CIPHER_AES256_CTR &&
	      c.cipher_s2c == CIPHER_AES256_CTR && c.mac_c2s == MACALG_HMAC_SHA512 &&
	      c.mac_s2c == MACALG_HMAC_SHA512);
#endif
#if SHREW_AES_GCM && SHREW_ECDSA
	{
		/* each direction on its own */
		const char *lc[KEXINIT_NLISTS] = {C25519,
		                                  "ecdsa-sha2-nistp256," ED,
		                                  "aes128-gcm@openssh.com," CHACHA,
		                                  CHACHA ",aes128-gcm@openssh.com",
		                                  "",
		                                  "",
		                                  "none",
		                                  "none",
		                                  "",
		                                  ""};
		const char *ls[KEXINIT_NLISTS] = {C25519,
		                                  ED ",ecdsa-sha2-nistp256",
		                                  CHACHA ",aes128-gcm@openssh.com",
		                                  ("aes128-gcm@openssh.com," CHACHA),
		                                  "",
		                                  "",
		                                  "none",
		                                  "none",
		                                  "",
		                                  ""};

		CHECK(mk(&cli, lc, 0) == E_OK && mk(&srv, ls, 0) == E_OK);
		CHECK(kex_negotiate(&cli.k, &srv.k, 0, &c) == E_OK);
		CHECK(c.hostkey == SIG_ECDSA_P256 && c.cipher_c2s == CIPHER_AES128_GCM &&
		      c.cipher_s2c == CIPHER_CHACHAPOLY && c.mac_c2s == MACALG_NONE);
	}
#endif
}

TEST(pseudo_algorithms_never_chosen)
{
	struct kex_choice c;

	CHECK(mk5(&cli, "ext-info-c," STRICT_S "," STRICT_C, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(mk5(&srv, "ext-info-c," STRICT_S "," STRICT_C, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_UNSUPPORTED && c.kex == KEX_NONE);
	CHECK(c.failed_category != NULL && strcmp(c.failed_category, "kex") == 0);
}

TEST(no_common_algorithm)
{
	struct kex_choice c;

	CHECK(mk5(&cli, C25519, ED, "aes192-ctr", "", "none", 0) == E_OK);
	CHECK(mk5(&srv, C25519, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_UNSUPPORTED);
	CHECK(c.failed_category != NULL && strstr(c.failed_category, "cipher") != NULL);
	CHECK(c.failed_category != NULL && strcmp(c.failed_category, "cipher c2s") == 0);
	{
		const char *l[KEXINIT_NLISTS] = {C25519, ED,     CHACHA, "3des-cbc", "",
		                                 "",     "none", "none", "",         ""};

		CHECK(mk(&cli, l, 0) == E_OK);
		CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_UNSUPPORTED);
		CHECK(c.failed_category != NULL && strcmp(c.failed_category, "cipher s2c") == 0);
	}
	CHECK(mk5(&cli, C25519, "ssh-dss", CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_UNSUPPORTED);
	CHECK(c.failed_category != NULL && strcmp(c.failed_category, "host key") == 0);
	CHECK(mk5(&cli, "diffie-hellman-group-exchange-sha256", ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_UNSUPPORTED);
	CHECK(c.failed_category != NULL && strcmp(c.failed_category, "kex") == 0);
	CHECK(mk5(&cli, "", "", "", "", "", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_UNSUPPORTED);
}

TEST(compression_must_be_none)
{
	struct kex_choice c;

	CHECK(mk5(&srv, C25519, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(mk5(&cli, C25519, ED, CHACHA, "", "zlib@openssh.com,zlib,none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_OK);
	CHECK(mk5(&cli, C25519, ED, CHACHA, "", "zlib@openssh.com,zlib", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_UNSUPPORTED);
	CHECK(c.failed_category != NULL && strcmp(c.failed_category, "compression c2s") == 0);
	/* even if both sides offer zlib, we cannot do it */
	CHECK(mk5(&srv, C25519, ED, CHACHA, "", "zlib", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_UNSUPPORTED);
}

TEST(aead_ignores_mac)
{
	struct kex_choice c;

	/* AEAD: MAC lists with nothing in common are no failure */
	CHECK(mk5(&cli, C25519, ED, CHACHA, "umac-64@openssh.com", "none", 0) == E_OK);
	CHECK(mk5(&srv, C25519, ED, CHACHA, "hmac-sha2-256", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_OK);
	CHECK(c.mac_c2s == MACALG_NONE && c.mac_s2c == MACALG_NONE);
#if SHREW_AES_CTR && SHREW_HMAC_SHA256
	/* a plain cipher needs a common MAC */
	CHECK(mk5(&cli, C25519, ED, "aes128-ctr", "umac-64@openssh.com", "none", 0) == E_OK);
	CHECK(mk5(&srv, C25519, ED, "aes128-ctr", "hmac-sha2-256", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_UNSUPPORTED);
	CHECK(c.failed_category != NULL && strcmp(c.failed_category, "mac c2s") == 0);
	CHECK(mk5(&cli, C25519, ED, "aes128-ctr", "hmac-sha2-256-etm@openssh.com,hmac-sha2-256",
	          "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_OK && c.mac_c2s == MACALG_HMAC_SHA256 &&
	      c.mac_s2c == MACALG_HMAC_SHA256);
#endif
}

TEST(strict_and_ext_info)
{
	struct kex_choice c;

	/* we are the server */
	CHECK(mk5(&cli, C25519 ",ext-info-c," STRICT_C, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(mk5(&srv, C25519 "," STRICT_S, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_OK && c.strict == 1 &&
	      c.peer_ext_info == 1);
	/* the client's list names the server's marker: not strict */
	CHECK(mk5(&cli, C25519 "," STRICT_S ",ext-info-s", ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_OK && c.strict == 0 &&
	      c.peer_ext_info == 0);
	/* one side without its marker */
	CHECK(mk5(&cli, C25519 "," STRICT_C, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(mk5(&srv, C25519, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_OK && c.strict == 0);
	/* we are the client: the server's ext-info-s counts, our -c does not */
	CHECK(mk5(&cli, C25519 ",ext-info-c," STRICT_C, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(mk5(&srv, C25519 ",ext-info-s," STRICT_S, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 0, &c) == E_OK && c.strict == 1 &&
	      c.peer_ext_info == 1);
	CHECK(mk5(&srv, C25519 ",ext-info-c," STRICT_S, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 0, &c) == E_OK && c.strict == 1 &&
	      c.peer_ext_info == 0);
}

TEST(guess_logic)
{
	struct kex_choice c;

	/* the peer (client) guessed and both first choices agree: right */
	CHECK(mk5(&cli, C25519 "," C25519L, ED ",ssh-rsa", CHACHA, "", "none", 1) == E_OK);
	CHECK(mk5(&srv, C25519 ",ecdh-sha2-nistp256", ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_OK && c.guess_wrong == 0);
	/* first kex differs (even though the negotiated one is the same) */
	CHECK(mk5(&srv, C25519L "," C25519, ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_OK && c.guess_wrong == 1 &&
	      c.kex == KEX_CURVE25519_SHA256);
	/* first host key algorithm differs */
	CHECK(mk5(&srv, C25519, "ssh-rsa," ED, CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_OK && c.guess_wrong == 1);
	/* no guess sent: never wrong */
	CHECK(mk5(&cli, C25519 "," C25519L, ED ",ssh-rsa", CHACHA, "", "none", 0) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 1, &c) == E_OK && c.guess_wrong == 0);
	/* as client: the server is the peer; our own flag does not count */
	CHECK(mk5(&cli, C25519 "," C25519L, ED ",ssh-rsa", CHACHA, "", "none", 1) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 0, &c) == E_OK && c.guess_wrong == 0);
	CHECK(mk5(&srv, C25519, "ssh-rsa," ED, CHACHA, "", "none", 1) == E_OK);
	CHECK(kex_negotiate(&cli.k, &srv.k, 0, &c) == E_OK && c.guess_wrong == 1);
}

int main(void)
{
	RUN(namelist_rules);
	RUN(openssh_capture_parses);
	RUN(truncated_at_every_offset);
	RUN(malformed_rejected);
	RUN(empty_names_rejected);
	RUN(list_cap);
	RUN(build_round_trip);
	RUN(openssh_client_vs_our_server);
	RUN(our_client_vs_our_server);
	RUN(client_preference_wins);
	RUN(pseudo_algorithms_never_chosen);
	RUN(no_common_algorithm);
	RUN(compression_must_be_none);
	RUN(aead_ignores_mac);
	RUN(strict_and_ext_info);
	RUN(guess_logic);
	return unit_done();
}
