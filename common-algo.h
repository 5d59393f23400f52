/*
 * common-algo.h - SSH algorithm identifiers and descriptors, and the
 * name lists we offer (negotiation itself: common-kexinit.h).
 *
 * Every algorithm has an id here (so code can switch on it) and an entry
 * in a const descriptor table in common-algo.c under its SHREW_* option;
 * an algorithm compiled out has no descriptor, so lookups return NULL and
 * it is never offered or accepted.
 */
#ifndef SHREW_COMMON_ALGO_H
#define SHREW_COMMON_ALGO_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"
#include "common-key.h"
#include "common-rd.h"
#include "common-wr.h"
#include "crypto-hash.h"
#include "crypto-mac.h"

enum kex_alg {
	KEX_NONE = 0,
	KEX_CURVE25519_SHA256,        /* curve25519-sha256 (RFC 8731) */
	KEX_CURVE25519_SHA256_LIBSSH, /* curve25519-sha256@libssh.org */
	KEX_ECDH_P256,                /* ecdh-sha2-nistp256 (RFC 5656) */
	KEX_ECDH_P384,                /* ecdh-sha2-nistp384 */
	KEX_ECDH_P521,                /* ecdh-sha2-nistp521 */
	KEX_DH_G14_SHA256,            /* diffie-hellman-group14-sha256 (RFC 8268) */
	KEX_DH_G14_SHA1,              /* diffie-hellman-group14-sha1 (legacy) */
	KEX_DH_G1_SHA1                /* diffie-hellman-group1-sha1 (legacy) */
};

enum cipher_alg {
	CIPHER_NONE = 0,   /* before the first NEWKEYS only */
	CIPHER_CHACHAPOLY, /* chacha20-poly1305@openssh.com */
	CIPHER_AES128_GCM, /* aes128-gcm@openssh.com (RFC 5647) */
	CIPHER_AES256_GCM, /* aes256-gcm@openssh.com */
	CIPHER_AES128_CTR, /* aes128-ctr (RFC 4344) */
	CIPHER_AES256_CTR, /* aes256-ctr */
	CIPHER_AES128_CBC, /* aes128-cbc (legacy) */
	CIPHER_AES256_CBC  /* aes256-cbc (legacy) */
};

enum mac_alg {
	MACALG_NONE = 0,        /* AEAD ciphers, or before NEWKEYS */
	MACALG_HMAC_SHA256,     /* hmac-sha2-256 (RFC 6668) */
	MACALG_HMAC_SHA512,     /* hmac-sha2-512 */
	MACALG_HMAC_SHA256_ETM, /* hmac-sha2-256-etm@openssh.com */
	MACALG_HMAC_SHA512_ETM, /* hmac-sha2-512-etm@openssh.com */
	MACALG_HMAC_SHA1,       /* hmac-sha1 (legacy) */
	MACALG_HMAC_SHA1_ETM    /* hmac-sha1-etm@openssh.com (legacy) */
};

struct kex_desc {
	const char *name;
	enum kex_alg id;
	enum hash_id hash; /* exchange hash and key derivation */
};

struct cipher_desc {
	const char *name;
	enum cipher_alg id;
	uint8_t key_len;   /* bytes of key material to derive */
	uint8_t iv_len;    /* bytes of IV to derive (0: none) */
	uint8_t block_len; /* padding multiple (8 for chacha) */
	uint8_t tag_len;   /* AEAD tag bytes; 0 for non-AEAD */
};

struct mac_desc {
	const char *name;
	enum mac_alg id;
	enum mac_id hmac; /* crypto-mac.h algorithm */
	uint8_t key_len;
	uint8_t out_len;
	uint8_t etm; /* 1: encrypt-then-MAC */
};

/* Descriptor of an id, or NULL when compiled out / NONE. */
const struct kex_desc *kex_desc(enum kex_alg id);
const struct cipher_desc *cipher_desc(enum cipher_alg id);
const struct mac_desc *mac_desc(enum mac_alg id);

/* Descriptor of an SSH name (exact, case-sensitive match), or NULL when
 * unknown or compiled out.  Pseudo-algorithms (ext-info-*, kex-strict-*)
 * have no descriptor. */
const struct kex_desc *kex_desc_by_name(struct view name);
const struct cipher_desc *cipher_desc_by_name(struct view name);
const struct mac_desc *mac_desc_by_name(struct view name);

/* 1 if the cipher is an AEAD (its tag replaces the MAC), else 0. */
int cipher_is_aead(const struct cipher_desc *d);

/* A set of signature algorithms as a bitmask: bit (1u << alg). */
#define ALGO_SIG_BIT(alg) (1u << (unsigned)(alg))

/* Every signature algorithm built in (what a client accepts for host
 * keys). */
unsigned algo_sigs_all(void);

/* The built-in signature algorithms a key of type t can make (RSA:
 * rsa-sha2-512, rsa-sha2-256, and ssh-rsa when SHREW_RSA_SHA1); 0 for
 * KEY_NONE or a type not built in.  A server ORs these over its loaded
 * host keys. */
unsigned algo_sigs_of_key_type(enum key_type t);

/* The four categories of name-lists a user can choose in. */
enum algo_cat { ALGO_KEX, ALGO_HOSTKEY, ALGO_CIPHER, ALGO_MAC, ALGO_NCAT };

/* Most algorithms of one category (the tables hold fewer). */
#define ALGO_LIST_MAX 16

/* An ordered choice within one category: positions in that category's
 * built-in table (see algo_name()), most preferred first. */
struct algo_list {
	uint8_t n;
	uint8_t idx[ALGO_LIST_MAX];
};

/* What we offer, per category (common-algo-prefs.c builds these from the
 * SHREW_OFFER_* defaults and OpenSSH-style options).  "set" has bit
 * (1u << cat) when the user chose that category's list explicitly. */
struct algo_prefs {
	struct algo_list cat[ALGO_NCAT];
	unsigned set;
};

/* Size of category c's table (positions 0..n-1). */
size_t algo_count(enum algo_cat c);

/* Name at position i of category c's table, or NULL when i is past the
 * end or names a host key algorithm compiled out. */
const char *algo_name(enum algo_cat c, size_t i);

/* The signature algorithm at position i of the host key table. */
enum sig_alg algo_hostkey_sig(size_t i);

/*
 * Name-list writers: append the names of list l (NULL: every built-in
 * one, in our preference order), comma-separated, as raw bytes (no length
 * prefix) to w; the caller frames them (kexinit_build_ours() does).
 * Return E_OK or w's sticky error (E_TOOBIG).
 *
 * algo_write_kex_list: the kex methods, then the pseudo-algorithms: the
 * server's list ends with "kex-strict-s-v00@openssh.com", the client's
 * with "ext-info-c,kex-strict-c-v00@openssh.com".
 * algo_write_hostkey_list: those of l whose signature algorithm is in sigs
 * (a mask of ALGO_SIG_BIT); E_ARG if that leaves none.
 * algo_write_cipher_list / algo_write_mac_list: the MAC list may be empty
 * (only AEAD ciphers built, as in the minimal configuration, or chosen).
 */
int algo_write_kex_list(struct wr *w, const struct algo_list *l, int is_server);
int algo_write_hostkey_list(struct wr *w, const struct algo_list *l, unsigned sigs);
int algo_write_cipher_list(struct wr *w, const struct algo_list *l);
int algo_write_mac_list(struct wr *w, const struct algo_list *l);

/* ---- Choosing what to offer (common-algo-prefs.c) ---------------------- */

/* The defaults: SHREW_OFFER_KEX, _HOSTKEY, _CIPHERS and _MACS (options.h),
 * names not built in skipped; a category whose default names nothing built
 * in gets every built-in algorithm instead (MACs: may stay empty). */
void algo_prefs_default(struct algo_prefs *p);

/*
 * Changes list l of category c as OpenSSH's ssh_config(5) lists do: spec
 * "a,b" is exactly these, in this order; "+a,b" appends them; "-a,b"
 * removes them; "^a,b" moves them to the front.  Each entry is a pattern
 * ('*', '?') matched against the built-in names, in table order.  Strict
 * (user input): a name (no wildcard) that is not built in is an error, and
 * so is a result with no algorithm (except for MACs).  Returns E_OK, or
 * E_ARG with a message in err (l unchanged).
 */
int algo_list_apply(struct algo_list *l, enum algo_cat c, const char *spec, int strict, char *err,
                    size_t errcap);

/* One OpenSSH-style option, "Name=list" or "Name list", Name one of
 * KexAlgorithms, HostKeyAlgorithms, Ciphers, MACs (any case): applies the
 * list and marks the category set.  E_ARG with a message otherwise. */
int algo_prefs_option(struct algo_prefs *p, const char *opt, char *err, size_t errcap);

/* The signature algorithms list l names, as an ALGO_SIG_BIT mask. */
unsigned algo_list_sigs(const struct algo_list *l);

#endif
