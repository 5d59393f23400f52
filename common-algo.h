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

/*
 * Name-list writers: append our comma-separated names, in our preference
 * order, as raw bytes (no length prefix) to w; the caller frames them
 * (kexinit_build_ours() does).  Return E_OK or w's sticky error (E_TOOBIG).
 *
 * algo_write_kex_list: the kex methods, then the pseudo-algorithms: the
 * server's list ends with "kex-strict-s-v00@openssh.com", the client's
 * with "ext-info-c,kex-strict-c-v00@openssh.com".
 * algo_write_hostkey_list: the built-in signature algorithms in sigs (a
 * mask of ALGO_SIG_BIT), in our order; E_ARG if that leaves none.
 * algo_write_cipher_list / algo_write_mac_list: every built-in one (the
 * MAC list is empty when only AEAD ciphers are built, as in the minimal
 * configuration).
 */
int algo_write_kex_list(struct wr *w, int is_server);
int algo_write_hostkey_list(struct wr *w, unsigned sigs);
int algo_write_cipher_list(struct wr *w);
int algo_write_mac_list(struct wr *w);

#endif
