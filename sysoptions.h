/*
 * sysoptions.h - derived macros and consistency checks for options.h.
 * Not for builders to edit: change options through localoptions.h.
 */
#ifndef SHREW_SYSOPTIONS_H
#define SHREW_SYSOPTIONS_H

#define SHREW_VERSION "0.1.0"

/* SHA-1 as an SSH algorithm: only when some legacy algorithm needs it. */
#define SHREW_SHA1_LEGACY \
	(SHREW_RSA_SHA1 || SHREW_HMAC_SHA1 || SHREW_KEX_DH_GROUP14_SHA1 || SHREW_KEX_DH_GROUP1_SHA1)

/* SHA-1 is compiled for those, and for the client's hashed known_hosts
 * names (HMAC-SHA1, ssh-keygen -H), which are not an SSH algorithm. */
#define SHREW_SHA1 (SHREW_SHA1_LEGACY || SHREW_CLIENT)

/* AES is needed by GCM, CTR or CBC. */
#define SHREW_AES (SHREW_AES_GCM || SHREW_AES_CTR || SHREW_AES_CBC)

/* X25519 for kex, Ed25519 for keys: one field implementation serves both. */
#define SHREW_25519 (SHREW_KEX_CURVE25519 || SHREW_ED25519)

/* libtomcrypt's ECC is needed by ECDSA keys or ECDH kex. */
#define SHREW_ECC (SHREW_ECDSA || SHREW_KEX_ECDH_NISTP)

/* Finite-field Diffie-Hellman kex (libtommath bignums). */
#define SHREW_DH \
	(SHREW_KEX_DH_GROUP14_SHA256 || SHREW_KEX_DH_GROUP14_SHA1 || SHREW_KEX_DH_GROUP1_SHA1)

/* A MAC is needed when a non-AEAD cipher is on. */
#define SHREW_HMAC (SHREW_HMAC_SHA256 || SHREW_HMAC_SHA512 || SHREW_HMAC_SHA1)

#if SHREW_DSS
#error "SHREW_DSS: ssh-dss is not implemented; set it to 0"
#endif
#if !(SHREW_KEX_CURVE25519 || SHREW_KEX_ECDH_NISTP || SHREW_DH)
#error "options: no key exchange method enabled"
#endif
#if !(SHREW_ED25519 || SHREW_ECDSA || SHREW_RSA)
#error "options: no host key type enabled"
#endif
#if !(SHREW_CHACHA20_POLY1305 || SHREW_AES_GCM || SHREW_AES_CTR || SHREW_AES_CBC)
#error "options: no cipher enabled"
#endif
#if (SHREW_AES_CTR || SHREW_AES_CBC) && !SHREW_HMAC
#error "options: AES-CTR/CBC need a MAC (SHREW_HMAC_SHA256, _SHA512 or _SHA1)"
#endif
#if SHREW_RSA_SHA1 && !SHREW_RSA
#error "options: SHREW_RSA_SHA1 needs SHREW_RSA"
#endif
#if SHREW_AUTH_KBDINT && !SHREW_AUTH_PASSWORD
#error "options: SHREW_AUTH_KBDINT carries the password: needs SHREW_AUTH_PASSWORD"
#endif
#if SHREW_SERVER && !(SHREW_AUTH_PUBKEY || SHREW_AUTH_PASSWORD)
#error "options: the server needs at least one authentication method"
#endif
#if SHREW_SCP && !SHREW_CLIENT
#error "options: SHREW_SCP needs SHREW_CLIENT"
#endif
#if SHREW_ENCRYPTED_KEYS && !SHREW_AES_CTR
#error "options: SHREW_ENCRYPTED_KEYS needs SHREW_AES_CTR (OpenSSH encrypts keys with aes256-ctr)"
#endif
#if SHREW_BCRYPT_MAX_ROUNDS < 16
#error "options: SHREW_BCRYPT_MAX_ROUNDS must be at least 16 (ssh-keygen's default)"
#endif
#if SHREW_MAX_PACKET < 35000
#error "options: SHREW_MAX_PACKET must be at least 35000 (RFC 4253 6.1)"
#endif
#if SHREW_RSA_MIN_BITS < 1024 || SHREW_RSA_MAX_BITS > 16384 || \
    SHREW_RSA_MIN_BITS > SHREW_RSA_DEFAULT_BITS || SHREW_RSA_DEFAULT_BITS > SHREW_RSA_MAX_BITS
#error "options: RSA bit limits out of order"
#endif
#if SHREW_TEST_HOOKS && !SHREW_TEST_BUILD
#error "SHREW_TEST_HOOKS is for test builds only"
#endif

/* 64-bit field arithmetic for 25519 where the compiler has 128-bit ints. */
#if defined(__SIZEOF_INT128__) && !SHREW_25519_PORTABLE
#define SHREW_25519_FE64 1
#else
#define SHREW_25519_FE64 0
#endif

#endif
