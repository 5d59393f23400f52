/*
 * test-algo.c - the algorithm descriptor tables and our name-list writers
 * (common-algo.c), in whatever configuration the build uses.
 */
#include "unit.h"
#include "common-algo.h"
#include "common-err.h"

static struct view v_of(const char *s)
{
	struct view v = {(const uint8_t *)s, strlen(s)};

	return v;
}

/* Runs writer output into a NUL-terminated string. */
static int wr_eq(const struct wr *w, const char *want)
{
	return w->err == E_OK && w->len == strlen(want) && memcmp(w->p, want, w->len) == 0;
}

TEST(none_ids_have_no_descriptor)
{
	CHECK(kex_desc(KEX_NONE) == NULL);
	CHECK(cipher_desc(CIPHER_NONE) == NULL);
	CHECK(mac_desc(MACALG_NONE) == NULL);
	CHECK(kex_desc_by_name(v_of("")) == NULL);
	CHECK(cipher_desc_by_name(v_of("none")) == NULL);
	CHECK(mac_desc_by_name(v_of("none")) == NULL);
	CHECK(kex_desc_by_name(v_of("ext-info-c")) == NULL);
	CHECK(kex_desc_by_name(v_of("kex-strict-s-v00@openssh.com")) == NULL);
	/* exact, case-sensitive names only */
	CHECK(kex_desc_by_name(v_of("Curve25519-sha256")) == NULL);
	CHECK(kex_desc_by_name(v_of("curve25519-sha256 ")) == NULL);
	CHECK(cipher_desc_by_name(v_of("aes192-ctr")) == NULL);
	CHECK(cipher_is_aead(NULL) == 0);
}

TEST(kex_table)
{
	const struct kex_desc *d;

#if SHREW_KEX_CURVE25519
	d = kex_desc(KEX_CURVE25519_SHA256);
	CHECK(d != NULL && strcmp(d->name, "curve25519-sha256") == 0 && d->hash == HASH_SHA256);
	CHECK(kex_desc_by_name(v_of("curve25519-sha256@libssh.org")) ==
	      kex_desc(KEX_CURVE25519_SHA256_LIBSSH));
#endif
#if SHREW_KEX_ECDH_NISTP
	d = kex_desc_by_name(v_of("ecdh-sha2-nistp384"));
	CHECK(d != NULL && d->id == KEX_ECDH_P384 && d->hash == HASH_SHA384);
	d = kex_desc(KEX_ECDH_P521);
	CHECK(d != NULL && d->hash == HASH_SHA512);
#else
	CHECK(kex_desc(KEX_ECDH_P256) == NULL);
	CHECK(kex_desc_by_name(v_of("ecdh-sha2-nistp256")) == NULL);
#endif
#if SHREW_KEX_DH_GROUP14_SHA256
	d = kex_desc_by_name(v_of("diffie-hellman-group14-sha256"));
	CHECK(d != NULL && d->id == KEX_DH_G14_SHA256 && d->hash == HASH_SHA256);
#else
	CHECK(kex_desc(KEX_DH_G14_SHA256) == NULL);
#endif
#if SHREW_KEX_DH_GROUP1_SHA1
	d = kex_desc(KEX_DH_G1_SHA1);
	CHECK(d != NULL && strcmp(d->name, "diffie-hellman-group1-sha1") == 0);
	CHECK(d != NULL && d->hash == HASH_SHA1);
#else
	CHECK(kex_desc(KEX_DH_G1_SHA1) == NULL);
	CHECK(kex_desc_by_name(v_of("diffie-hellman-group1-sha1")) == NULL);
#endif
	(void)d;
}

TEST(cipher_table_sizes)
{
	const struct cipher_desc *d;

#if SHREW_CHACHA20_POLY1305
	d = cipher_desc_by_name(v_of("chacha20-poly1305@openssh.com"));
	CHECK(d != NULL && d->id == CIPHER_CHACHAPOLY);
	CHECK(d != NULL && d->key_len == 64 && d->iv_len == 0 && d->block_len == 8 &&
	      d->tag_len == 16);
	CHECK(cipher_is_aead(d));
#endif
#if SHREW_AES_GCM
	d = cipher_desc(CIPHER_AES256_GCM);
	CHECK(d != NULL && strcmp(d->name, "aes256-gcm@openssh.com") == 0);
	CHECK(d != NULL && d->key_len == 32 && d->iv_len == 12 && d->block_len == 16 &&
	      d->tag_len == 16);
	d = cipher_desc(CIPHER_AES128_GCM);
	CHECK(d != NULL && d->key_len == 16 && cipher_is_aead(d));
#else
	CHECK(cipher_desc(CIPHER_AES128_GCM) == NULL);
#endif
#if SHREW_AES_CTR
	d = cipher_desc_by_name(v_of("aes128-ctr"));
	CHECK(d != NULL && d->id == CIPHER_AES128_CTR && d->key_len == 16 && d->iv_len == 16 &&
	      d->block_len == 16 && d->tag_len == 0 && !cipher_is_aead(d));
	d = cipher_desc(CIPHER_AES256_CTR);
	CHECK(d != NULL && d->key_len == 32);
#else
	CHECK(cipher_desc_by_name(v_of("aes128-ctr")) == NULL);
#endif
#if SHREW_AES_CBC
	d = cipher_desc_by_name(v_of("aes256-cbc"));
	CHECK(d != NULL && d->id == CIPHER_AES256_CBC && d->key_len == 32 && d->iv_len == 16 &&
	      d->tag_len == 0);
#else
	CHECK(cipher_desc(CIPHER_AES128_CBC) == NULL);
	CHECK(cipher_desc_by_name(v_of("aes128-cbc")) == NULL);
#endif
	(void)d;
}

TEST(mac_table)
{
	const struct mac_desc *d;

#if SHREW_HMAC_SHA256
	d = mac_desc_by_name(v_of("hmac-sha2-256-etm@openssh.com"));
	CHECK(d != NULL && d->id == MACALG_HMAC_SHA256_ETM && d->etm == 1 &&
	      d->hmac == MAC_HMAC_SHA256 && d->key_len == 32 && d->out_len == 32);
	d = mac_desc(MACALG_HMAC_SHA256);
	CHECK(d != NULL && strcmp(d->name, "hmac-sha2-256") == 0 && d->etm == 0);
#else
	CHECK(mac_desc(MACALG_HMAC_SHA256) == NULL);
#endif
#if SHREW_HMAC_SHA512
	d = mac_desc(MACALG_HMAC_SHA512_ETM);
	CHECK(d != NULL && d->key_len == 64 && d->out_len == 64 && d->hmac == MAC_HMAC_SHA512);
#endif
#if SHREW_HMAC_SHA1
	d = mac_desc_by_name(v_of("hmac-sha1"));
	CHECK(d != NULL && d->key_len == 20 && d->out_len == 20 && d->etm == 0);
	d = mac_desc(MACALG_HMAC_SHA1_ETM);
	CHECK(d != NULL && strcmp(d->name, "hmac-sha1-etm@openssh.com") == 0 && d->etm == 1);
#else
	CHECK(mac_desc_by_name(v_of("hmac-sha1")) == NULL);
#endif
	(void)d;
}

/* The expected lists, built from the same options the code uses. */
static const char kex_want[] =
#if SHREW_KEX_CURVE25519
    "curve25519-sha256,curve25519-sha256@libssh.org,"
#endif
#if SHREW_KEX_ECDH_NISTP
    "ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,"
#endif
#if SHREW_KEX_DH_GROUP14_SHA256
    "diffie-hellman-group14-sha256,"
#endif
#if SHREW_KEX_DH_GROUP14_SHA1
    "diffie-hellman-group14-sha1,"
#endif
#if SHREW_KEX_DH_GROUP1_SHA1
    "diffie-hellman-group1-sha1,"
#endif
    "";

TEST(kex_lists)
{
	char want[512];
	uint8_t buf[512];
	struct wr w;

	snprintf(want, sizeof(want), "%skex-strict-s-v00@openssh.com", kex_want);
	wr_init(&w, buf, sizeof(buf));
	CHECK(algo_write_kex_list(&w, NULL, 1) == E_OK && wr_eq(&w, want));
	snprintf(want, sizeof(want), "%sext-info-c,kex-strict-c-v00@openssh.com", kex_want);
	wr_init(&w, buf, sizeof(buf));
	CHECK(algo_write_kex_list(&w, NULL, 0) == E_OK && wr_eq(&w, want));
	/* no room: the writer's error comes back */
	wr_init(&w, buf, 10);
	CHECK(algo_write_kex_list(&w, NULL, 1) == E_TOOBIG);
}

TEST(cipher_and_mac_lists)
{
	static const char ciphers[] =
#if SHREW_CHACHA20_POLY1305
	    ",chacha20-poly1305@openssh.com"
#endif
#if SHREW_AES_GCM
	    ",aes128-gcm@openssh.com,aes256-gcm@openssh.com"
#endif
#if SHREW_AES_CTR
	    ",aes128-ctr,aes256-ctr"
#endif
#if SHREW_AES_CBC
	    ",aes128-cbc,aes256-cbc"
#endif
	    "";
	static const char macs[] = ""
#if SHREW_HMAC_SHA256
	                           ",hmac-sha2-256-etm@openssh.com"
#endif
#if SHREW_HMAC_SHA512
	                           ",hmac-sha2-512-etm@openssh.com"
#endif
#if SHREW_HMAC_SHA256
	                           ",hmac-sha2-256"
#endif
#if SHREW_HMAC_SHA512
	                           ",hmac-sha2-512"
#endif
#if SHREW_HMAC_SHA1
	                           ",hmac-sha1-etm@openssh.com,hmac-sha1"
#endif
	    ;
	uint8_t buf[512];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	CHECK(algo_write_cipher_list(&w, NULL) == E_OK && wr_eq(&w, ciphers + 1));
	wr_init(&w, buf, sizeof(buf));
	CHECK(algo_write_mac_list(&w, NULL) == E_OK && wr_eq(&w, macs[0] ? macs + 1 : macs));
}

TEST(hostkey_lists)
{
	uint8_t buf[512];
	unsigned all = algo_sigs_all();
	struct wr w;

	CHECK((all & ALGO_SIG_BIT(SIG_NONE)) == 0);
	CHECK(algo_sigs_of_key_type(KEY_NONE) == 0);
#if SHREW_ED25519
	CHECK(algo_sigs_of_key_type(KEY_ED25519) == ALGO_SIG_BIT(SIG_ED25519));
	wr_init(&w, buf, sizeof(buf));
	CHECK(algo_write_hostkey_list(&w, NULL, algo_sigs_of_key_type(KEY_ED25519)) == E_OK &&
	      wr_eq(&w, "ssh-ed25519"));
#endif
	/* nothing to offer */
	wr_init(&w, buf, sizeof(buf));
	CHECK(algo_write_hostkey_list(&w, NULL, 0) == E_ARG);
#if SHREW_RSA
	CHECK(algo_sigs_of_key_type(KEY_RSA) ==
	      (ALGO_SIG_BIT(SIG_RSA_SHA512) | ALGO_SIG_BIT(SIG_RSA_SHA256)
#if SHREW_RSA_SHA1
	       | ALGO_SIG_BIT(SIG_RSA_SHA1)
#endif
	           ));
	wr_init(&w, buf, sizeof(buf));
	CHECK(algo_write_hostkey_list(&w, NULL, algo_sigs_of_key_type(KEY_RSA)) == E_OK &&
	      wr_eq(&w, "rsa-sha2-512,rsa-sha2-256"
#if SHREW_RSA_SHA1
	                ",ssh-rsa"
#endif
	            ));
#else
	CHECK(algo_sigs_of_key_type(KEY_RSA) == 0);
	/* a mask bit for an algorithm not built in is dropped */
	wr_init(&w, buf, sizeof(buf));
	CHECK(algo_write_hostkey_list(&w, NULL, ALGO_SIG_BIT(SIG_RSA_SHA256)) == E_ARG);
#endif
#if SHREW_ED25519 && SHREW_ECDSA && SHREW_RSA
	/* our order, whatever order the keys were loaded in */
	wr_init(&w, buf, sizeof(buf));
	CHECK(algo_write_hostkey_list(&w, NULL,
	                              algo_sigs_of_key_type(KEY_RSA) |
	                                  algo_sigs_of_key_type(KEY_ECDSA_P384) |
	                                  algo_sigs_of_key_type(KEY_ED25519)) == E_OK &&
	      wr_eq(&w, "ssh-ed25519,ecdsa-sha2-nistp384,rsa-sha2-512,rsa-sha2-256"
#if SHREW_RSA_SHA1
	                ",ssh-rsa"
#endif
	            ));
	wr_init(&w, buf, sizeof(buf));
	CHECK(algo_write_hostkey_list(&w, NULL, all) == E_OK &&
	      wr_eq(&w, "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
	                "rsa-sha2-512,rsa-sha2-256"
#if SHREW_RSA_SHA1
	                ",ssh-rsa"
#endif
	            ));
#endif
}

int main(void)
{
	RUN(none_ids_have_no_descriptor);
	RUN(kex_table);
	RUN(cipher_table_sizes);
	RUN(mac_table);
	RUN(kex_lists);
	RUN(cipher_and_mac_lists);
	RUN(hostkey_lists);
	return unit_done();
}
