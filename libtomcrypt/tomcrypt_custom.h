/*
 * libtomcrypt/tomcrypt_custom.h - shrew's trimmed libtomcrypt configuration.
 *
 * This is our file, not upstream's.  The embedded build puts this directory
 * on the include path before libtomcrypt's own headers, so tomcrypt.h's
 * `#include <tomcrypt_custom.h>` finds this file first; it turns everything
 * off (LTC_NOTHING), turns on exactly what the enabled SHREW_* options need,
 * and then hands over to upstream's header with #include_next, which fills
 * in the derived settings and consistency checks.
 *
 * Both libtomcrypt itself and our glue are compiled with this file and the
 * same options.h, so struct layouts (hash_state, ecc_key...) agree.  The
 * distro build (SYSTEM_LIBTOM=1) does not use this directory.
 */
#ifndef SHREW_TOMCRYPT_CUSTOM_H
#define SHREW_TOMCRYPT_CUSTOM_H

#include "options.h"

#define LTC_NOTHING
#define LTC_NO_TEST       /* no built-in self tests: ours are in test/unit */
#define LTC_NO_FILE       /* no hash_file() & co. */
#define LTM_DESC          /* math: libtommath */
/* Descriptor table slots (cipher, hash, prng each; upstream: 32).
 * crypto_init() registers at most one cipher, four hashes and one PRNG. */
#define TAB_SIZE 6
/* Wipe secrets libtomcrypt leaves on the stack or in freed buffers (ECDSA
 * nonce bytes, RSA prime candidates, hash state), and small code.  The
 * bulk-data primitives (AES, SHA-2 compression, CTR, ChaCha20, Poly1305)
 * are compiled with SHREW_LTC_BULK (Makefile) and, when SHREW_BULK_SPEED
 * is on, get fast code and no stack burning, which cost 25 % (burning) and up to half (small AES and
 * SHA-2) of AES-CTR + HMAC throughput; their keys and states live in our
 * packet direction, which common-packet.c wipes. */
#if !(defined(SHREW_LTC_BULK) && SHREW_BULK_SPEED)
#define LTC_CLEAN_STACK
#if SHREW_SMALL_CODE
#define LTC_SMALL_CODE
#endif
#endif

/* Hashes: SHA-2 always (kex hashes, fingerprints, Ed25519), SHA-1 only
 * for legacy algorithms. */
#define LTC_SHA256
#define LTC_SHA384
#define LTC_SHA512
#if SHREW_SHA1
#define LTC_SHA1
#endif
#define LTC_HASH_HELPERS

/* Ciphers and modes. */
#if SHREW_AES
#define LTC_RIJNDAEL
#endif
/* CTR and GCM only ever run AES forwards: without CBC, compile the
 * encrypt-only AES (aes_enc_desc, rijndael_enc_*), which leaves out the
 * decryption code, its two 1 KB tables and the inverse key schedule. */
#if SHREW_AES && !SHREW_AES_CBC
#define ENCRYPT_ONLY
#endif
#if SHREW_AES_CTR
#define LTC_CTR_MODE
#endif
#if SHREW_AES_CBC
#define LTC_CBC_MODE
#endif
/* AES-GCM: crypto-cipher.c has its own GHASH (4-bit tables, 256 bytes a
 * key) on the AES block function; libtomcrypt's GCM with LTC_GCM_TABLES
 * took 64 KB per key, without them 10 times slower. */
#if SHREW_CHACHA20_POLY1305
#define LTC_CHACHA
#define LTC_POLY1305
#endif

/* Public key: RSA (with blinding and CRT hardening, upstream defaults),
 * ECC on the three NIST curves SSH uses (timing resistant ladder). */
#if SHREW_RSA
#define LTC_MRSA
#endif
#if SHREW_ECC
#define LTC_MECC
#define LTC_ECC_SHAMIR
#define LTC_NO_CURVES
#define LTC_ECC256
#define LTC_ECC384
#define LTC_ECC521
#endif
#if SHREW_RSA || SHREW_ECC
#define LTC_PKCS_1
#define LTC_DER
#endif
/* DH kex uses libtommath directly, so MPI is needed even without RSA/ECC.*/
#if SHREW_RSA || SHREW_ECC || SHREW_DH
#define LTC_MPI
#endif

#include_next <tomcrypt_custom.h>

#endif
