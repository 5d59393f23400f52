/*
 * common-algo.c - the const algorithm descriptor tables (see
 * common-algo.h) and the writers of our own name-lists.
 *
 * Each table lists the algorithms in OUR preference order, every entry
 * under its SHREW_* option, so an algorithm compiled out is neither
 * offered nor accepted.  Sizes come from the defining documents:
 * chacha20-poly1305@openssh.com (OpenSSH PROTOCOL.chacha20poly1305: two
 * 256-bit keys, no IV, 8-byte padding multiple, 16-byte tag), AES-GCM
 * (RFC 5647 / OpenSSH: 12-byte IV, 16-byte tag), AES-CTR (RFC 4344) and
 * AES-CBC (RFC 4253 6.3): IV = block = 16, HMAC-SHA2 (RFC 6668) and
 * HMAC-SHA1 (RFC 4253 6.4): key length = output length.
 */
#include <string.h>

#include "options.h"
#include "common-algo.h"
#include "common-err.h"

static const struct kex_desc kex_descs[] = {
#if SHREW_KEX_CURVE25519
    {"curve25519-sha256", KEX_CURVE25519_SHA256, HASH_SHA256},
    {"curve25519-sha256@libssh.org", KEX_CURVE25519_SHA256_LIBSSH, HASH_SHA256},
#endif
#if SHREW_KEX_ECDH_NISTP
    {"ecdh-sha2-nistp256", KEX_ECDH_P256, HASH_SHA256},
    {"ecdh-sha2-nistp384", KEX_ECDH_P384, HASH_SHA384},
    {"ecdh-sha2-nistp521", KEX_ECDH_P521, HASH_SHA512},
#endif
#if SHREW_KEX_DH_GROUP14_SHA256
    {"diffie-hellman-group14-sha256", KEX_DH_G14_SHA256, HASH_SHA256},
#endif
#if SHREW_KEX_DH_GROUP14_SHA1
    {"diffie-hellman-group14-sha1", KEX_DH_G14_SHA1, HASH_SHA1},
#endif
#if SHREW_KEX_DH_GROUP1_SHA1
    {"diffie-hellman-group1-sha1", KEX_DH_G1_SHA1, HASH_SHA1},
#endif
};

static const struct cipher_desc cipher_descs[] = {
#if SHREW_CHACHA20_POLY1305
    {"chacha20-poly1305@openssh.com", CIPHER_CHACHAPOLY, 64, 0, 8, 16},
#endif
#if SHREW_AES_GCM
    {"aes128-gcm@openssh.com", CIPHER_AES128_GCM, 16, 12, 16, 16},
    {"aes256-gcm@openssh.com", CIPHER_AES256_GCM, 32, 12, 16, 16},
#endif
#if SHREW_AES_CTR
    {"aes128-ctr", CIPHER_AES128_CTR, 16, 16, 16, 0},
    {"aes256-ctr", CIPHER_AES256_CTR, 32, 16, 16, 0},
#endif
#if SHREW_AES_CBC
    {"aes128-cbc", CIPHER_AES128_CBC, 16, 16, 16, 0},
    {"aes256-cbc", CIPHER_AES256_CBC, 32, 16, 16, 0},
#endif
};

/* Ends with a sentinel (NULL name) that ends every walk, so the table is
 * never empty: the minimal build has no MAC at all. */
static const struct mac_desc mac_descs[] = {
#if SHREW_HMAC_SHA256
    {"hmac-sha2-256-etm@openssh.com", MACALG_HMAC_SHA256_ETM, MAC_HMAC_SHA256, 32, 32, 1},
#endif
#if SHREW_HMAC_SHA512
    {"hmac-sha2-512-etm@openssh.com", MACALG_HMAC_SHA512_ETM, MAC_HMAC_SHA512, 64, 64, 1},
#endif
#if SHREW_HMAC_SHA256
    {"hmac-sha2-256", MACALG_HMAC_SHA256, MAC_HMAC_SHA256, 32, 32, 0},
#endif
#if SHREW_HMAC_SHA512
    {"hmac-sha2-512", MACALG_HMAC_SHA512, MAC_HMAC_SHA512, 64, 64, 0},
#endif
#if SHREW_HMAC_SHA1
    {"hmac-sha1-etm@openssh.com", MACALG_HMAC_SHA1_ETM, MAC_HMAC_SHA1, 20, 20, 1},
    {"hmac-sha1", MACALG_HMAC_SHA1, MAC_HMAC_SHA1, 20, 20, 0},
#endif
    {NULL, MACALG_NONE, MAC_HMAC_SHA256, 0, 0, 0},
};

/* Host key signature algorithms in our preference order (the names are
 * common-key.c's: sig_alg_name()). */
static const enum sig_alg sig_order[] = {
    SIG_ED25519,    SIG_ECDSA_P256, SIG_ECDSA_P384, SIG_ECDSA_P521,
    SIG_RSA_SHA512, SIG_RSA_SHA256, SIG_RSA_SHA1,
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define N_KEX N_OF(kex_descs)
#define N_CIPHER N_OF(cipher_descs)

const struct kex_desc *kex_desc(enum kex_alg id)
{
	size_t i;

	for (i = 0; i < N_KEX; i++)
		if (id != KEX_NONE && kex_descs[i].id == id)
			return &kex_descs[i];
	return NULL;
}

const struct cipher_desc *cipher_desc(enum cipher_alg id)
{
	size_t i;

	for (i = 0; i < N_CIPHER; i++)
		if (id != CIPHER_NONE && cipher_descs[i].id == id)
			return &cipher_descs[i];
	return NULL;
}

const struct mac_desc *mac_desc(enum mac_alg id)
{
	size_t i;

	for (i = 0; mac_descs[i].name != NULL; i++)
		if (id != MACALG_NONE && mac_descs[i].id == id)
			return &mac_descs[i];
	return NULL;
}

const struct kex_desc *kex_desc_by_name(struct view name)
{
	size_t i;

	for (i = 0; i < N_KEX; i++)
		if (view_eq(name, kex_descs[i].name))
			return &kex_descs[i];
	return NULL;
}

const struct cipher_desc *cipher_desc_by_name(struct view name)
{
	size_t i;

	for (i = 0; i < N_CIPHER; i++)
		if (view_eq(name, cipher_descs[i].name))
			return &cipher_descs[i];
	return NULL;
}

const struct mac_desc *mac_desc_by_name(struct view name)
{
	size_t i;

	for (i = 0; mac_descs[i].name != NULL; i++)
		if (view_eq(name, mac_descs[i].name))
			return &mac_descs[i];
	return NULL;
}

int cipher_is_aead(const struct cipher_desc *d)
{
	return d != NULL && d->tag_len > 0;
}

unsigned algo_sigs_all(void)
{
	unsigned m = 0;
	size_t i;

	for (i = 0; i < N_OF(sig_order); i++)
		if (sig_alg_name(sig_order[i]) != NULL)
			m |= ALGO_SIG_BIT(sig_order[i]);
	return m;
}

unsigned algo_sigs_of_key_type(enum key_type t)
{
	unsigned m = 0;

	switch (t) {
	case KEY_ED25519: m = ALGO_SIG_BIT(SIG_ED25519); break;
	case KEY_ECDSA_P256: m = ALGO_SIG_BIT(SIG_ECDSA_P256); break;
	case KEY_ECDSA_P384: m = ALGO_SIG_BIT(SIG_ECDSA_P384); break;
	case KEY_ECDSA_P521: m = ALGO_SIG_BIT(SIG_ECDSA_P521); break;
	case KEY_RSA:
		m = ALGO_SIG_BIT(SIG_RSA_SHA512) | ALGO_SIG_BIT(SIG_RSA_SHA256) |
		    ALGO_SIG_BIT(SIG_RSA_SHA1);
		break;
	case KEY_NONE: break;
	}
	return m & algo_sigs_all();
}

size_t algo_count(enum algo_cat c)
{
	switch (c) {
	case ALGO_KEX: return N_KEX;
	case ALGO_HOSTKEY: return N_OF(sig_order);
	case ALGO_CIPHER: return N_CIPHER;
	case ALGO_MAC: return N_OF(mac_descs) - 1; /* not the sentinel */
	case ALGO_NCAT: break;
	}
	return 0;
}

const char *algo_name(enum algo_cat c, size_t i)
{
	if (i >= algo_count(c))
		return NULL;
	switch (c) {
	case ALGO_KEX: return kex_descs[i].name;
	case ALGO_HOSTKEY: return sig_alg_name(sig_order[i]);
	case ALGO_CIPHER: return cipher_descs[i].name;
	case ALGO_MAC: return mac_descs[i].name;
	case ALGO_NCAT: break;
	}
	return NULL;
}

enum sig_alg algo_hostkey_sig(size_t i)
{
	return sig_order[i < N_OF(sig_order) ? i : 0];
}

/* Appends name to a comma-separated list that holds *count names. */
static void put_name(struct wr *w, const char *name, size_t *count)
{
	if (*count > 0)
		wr_u8(w, ',');
	wr_bytes(w, name, strlen(name));
	(*count)++;
}

/* Position k of list l, or of the whole table when l is NULL; -1 at the
 * end. */
static int list_at(const struct algo_list *l, enum algo_cat c, size_t k)
{
	if (l)
		return k < l->n ? l->idx[k] : -1;
	return k < algo_count(c) ? (int)k : -1;
}

/* Writes the names of l in category c whose host key signature is in
 * sigs (any for other categories); returns how many. */
static size_t put_list(struct wr *w, const struct algo_list *l, enum algo_cat c, unsigned sigs)
{
	size_t k, count = 0;
	int i;

	for (k = 0; (i = list_at(l, c, k)) >= 0; k++) {
		const char *name = algo_name(c, (size_t)i);

		if (name == NULL)
			continue;
		if (c == ALGO_HOSTKEY && !(sigs & ALGO_SIG_BIT(sig_order[i])))
			continue;
		put_name(w, name, &count);
	}
	return count;
}

int algo_write_kex_list(struct wr *w, const struct algo_list *l, int is_server)
{
	size_t count = put_list(w, l, ALGO_KEX, 0);

	if (is_server) {
		put_name(w, "kex-strict-s-v00@openssh.com", &count);
	} else {
		put_name(w, "ext-info-c", &count);
		put_name(w, "kex-strict-c-v00@openssh.com", &count);
	}
	return w->err;
}

int algo_write_hostkey_list(struct wr *w, const struct algo_list *l, unsigned sigs)
{
	size_t count = put_list(w, l, ALGO_HOSTKEY, sigs);

	if (w->err != E_OK)
		return w->err;
	return count > 0 ? E_OK : E_ARG;
}

int algo_write_cipher_list(struct wr *w, const struct algo_list *l)
{
	put_list(w, l, ALGO_CIPHER, 0);
	return w->err;
}

int algo_write_mac_list(struct wr *w, const struct algo_list *l)
{
	put_list(w, l, ALGO_MAC, 0);
	return w->err;
}
