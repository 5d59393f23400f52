/*
 * common-key.h - public/private keys: SSH wire blobs, signatures, and
 * construction from components (for the file formats in common-keyfile.c).
 *
 * Key types: ssh-ed25519 (RFC 8709), ecdsa-sha2-nistp256/384/521
 * (RFC 5656), ssh-rsa keys with rsa-sha2-256/512 signatures (RFC 8332).
 * Every function returns E_OK or an E_* code (common-err.h); none exits.
 * A struct key owns its libtomcrypt state: release it with key_free().
 */
#ifndef SHREW_COMMON_KEY_H
#define SHREW_COMMON_KEY_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"
#include "common-rd.h"
#include "common-wr.h"
#include "crypto-ltc.h"

enum key_type {
	KEY_NONE = 0,
	KEY_ED25519,
	KEY_ECDSA_P256,
	KEY_ECDSA_P384,
	KEY_ECDSA_P521,
	KEY_RSA
};

/* Signature algorithms: what goes in the signature blob's name. */
enum sig_alg {
	SIG_NONE = 0,
	SIG_ED25519,    /* "ssh-ed25519" */
	SIG_ECDSA_P256, /* "ecdsa-sha2-nistp256" (SHA-256) */
	SIG_ECDSA_P384, /* "ecdsa-sha2-nistp384" (SHA-384) */
	SIG_ECDSA_P521, /* "ecdsa-sha2-nistp521" (SHA-512) */
	SIG_RSA_SHA256, /* "rsa-sha2-256" */
	SIG_RSA_SHA512, /* "rsa-sha2-512" */
	SIG_RSA_SHA1    /* "ssh-rsa", only when SHREW_RSA_SHA1 */
};

/* Largest public key blob / signature blob we produce or accept. */
#define KEY_MAX_PUB_BLOB (SHREW_RSA_MAX_BITS / 8 * 2 + 64)
#define KEY_MAX_SIG_BLOB (SHREW_RSA_MAX_BITS / 8 + 64)
/* Room for a "SHA256:" fingerprint string with its NUL. */
#define KEY_FP_LEN 52

struct key {
	enum key_type type;
	int has_private; /* 1 when the private half is present */
	union {
		struct {
			uint8_t pub[32];
			uint8_t seed[32]; /* RFC 8032 private key */
		} ed25519;
#if SHREW_ECC
		ecc_key ecc;
#endif
#if SHREW_RSA
		rsa_key rsa;
#endif
	} u;
};

/* SSH name of a key type ("ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"),
 * or NULL for KEY_NONE / a type not built in. */
const char *key_type_name(enum key_type t);

/* Key type for an SSH key type name; KEY_NONE if unknown or not built in. */
enum key_type key_type_from_name(struct view name);

/* SSH name of a signature algorithm, or NULL. */
const char *sig_alg_name(enum sig_alg a);
/* Signature algorithm for a name, SIG_NONE if unknown or not built in. */
enum sig_alg sig_alg_from_name(struct view name);
/* The default signature algorithm for a key type (RSA: rsa-sha2-512). */
enum sig_alg key_default_sig(enum key_type t);

/* Key size in bits (256/384/521 for ECDSA, modulus bits for RSA, 256 for
 * Ed25519); 0 for KEY_NONE. */
int key_bits(const struct key *k);

/* Generates a new private key.  bits: RSA modulus size (must be within
 * SHREW_RSA_MIN_BITS..SHREW_RSA_MAX_BITS, a multiple of 8), ignored for
 * other types.  On failure *k is left as KEY_NONE. */
int key_generate(struct key *k, enum key_type t, int bits);

/* Releases the key's state and wipes it; *k becomes KEY_NONE.  Safe on a
 * KEY_NONE key and idempotent. */
void key_free(struct key *k);

/* Copies only the public half of src into dst (dst must be KEY_NONE). */
int key_copy_public(struct key *dst, const struct key *src);

/* Returns 1 if the public halves of a and b are the same key, else 0. */
int key_equal_public(const struct key *a, const struct key *b);

/* ---- Construction from components (file formats) ----------------------
 * Magnitudes are big-endian unsigned, leading zeros allowed.  Each checks
 * consistency it can afford: the Ed25519 public key must match the seed,
 * an ECDSA point must be on the curve (and match d if given), RSA sizes
 * must be within the option limits and p*q == n when given.
 * RSA limits: 1024 (RSA_MIN_PEER_BITS) .. SHREW_RSA_MAX_BITS bits for any
 * key read (network, authorized_keys, files); SHREW_RSA_MIN_BITS applies
 * to key_generate only.  e odd, 3 <= e < 2^64.  A private RSA key must
 * also have e*d == 1 mod p-1 and mod q-1, and iqmp (if given) == q^-1
 * mod p.
 * These, key_generate, key_get_public and key_get_private overwrite *k
 * (it need not be initialised and is not freed first); on failure *k is
 * KEY_NONE.  Errors: E_FORMAT (inconsistent or malformed), E_UNSUPPORTED
 * (type, curve or size not supported / built in), E_ARG, E_NOMEM. */
int key_set_ed25519(struct key *k, const uint8_t pub[32], const uint8_t *seed);
/* q: uncompressed SEC1 point 0x04||X||Y; d: private scalar or NULL. */
int key_set_ecdsa(struct key *k, enum key_type t, struct view q, const struct view *d);
/* d, p, q are all NULL for a public key or all non-NULL for a private one
 * (E_ARG otherwise); iqmp is optional (NULL) and is recomputed when absent. */
int key_set_rsa(struct key *k, struct view n, struct view e, const struct view *d,
                const struct view *p, const struct view *q, const struct view *iqmp);

/* ---- SSH wire format --------------------------------------------------- */

/* Appends the public key blob (RFC 4253 6.6 / RFC 5656 3.1 / RFC 8709 4):
 * string type-name, then the type's fields. */
int key_put_public(const struct key *k, struct wr *w);

/* Parses a public key blob from r (pure: reads exactly one blob's fields
 * from the cursor, leaves the cursor after them).  Rejects unknown types,
 * bad curves/points, RSA outside the size limits, e < 3 or even. */
int key_get_public(struct key *k, struct rd *r);

/* Parses exactly one whole blob (rd_end must hold). */
int key_from_blob(struct key *k, const uint8_t *blob, size_t n);

/* Appends the private fields of the OpenSSH private key section
 * (PROTOCOL.key / sshkey_private_serialize order, without the comment):
 *   ed25519: string type, string pub(32), string seed||pub(64)
 *   ecdsa:   string type, string curve, string Q, mpint d
 *   rsa:     string type, mpint n, mpint e, mpint d, mpint iqmp, mpint p, mpint q
 * E_ARG if k has no private half. */
int key_put_private(const struct key *k, struct wr *w);

/* Parses those fields (the inverse of key_put_private), checking
 * consistency as key_set_* do.  Leaves the cursor after them. */
int key_get_private(struct key *k, struct rd *r);

/* ---- Signatures -------------------------------------------------------- */

/* Signs n bytes at data with alg (which must suit k's type) and appends
 * the SSH signature blob: string alg-name, string signature (RFC 4253
 * 6.6; RFC 5656 3.1.2 for ECDSA r,s mpints; RFC 8332; RFC 8709 6). */
int key_sign(const struct key *k, enum sig_alg alg, const uint8_t *data, size_t n, struct wr *w);

/* Verifies a signature blob (string alg-name, string signature, nothing
 * after) over data with k's public half.  *alg_out (may be NULL) gets the
 * algorithm named in the blob.  E_VERIFY on a bad signature or an
 * algorithm that does not suit the key; E_FORMAT on a malformed blob. */
int key_verify(const struct key *k, const uint8_t *sig, size_t siglen, const uint8_t *data,
               size_t n, enum sig_alg *alg_out);

#endif
