/*
 * crypto-bcrypt-pbkdf.h - bcrypt_pbkdf, the key derivation OpenSSH uses for
 * passphrase-protected openssh-key-v1 files (kdf "bcrypt", PROTOCOL.key).
 *
 * The construction is OpenBSD's bcrypt_pbkdf(3): the passphrase and, per
 * 32-byte output block, salt || uint32 block counter are hashed with
 * SHA-512; a bcrypt-style hash (Provos and Mazieres' Eksblowfish key
 * schedule, 64 rounds, over the 32-byte text "OxychromaticBlowfishSwat
 * Dynamite") of the two digests is iterated `rounds` times, each round
 * re-hashing the previous output as the salt digest and XORing it in; the
 * blocks' bytes are interleaved into the key (byte i of block b lands at
 * i * nblocks + b), so every key byte depends on all the rounds.
 *
 * Blowfish here is our own small core over its pi-digit tables
 * (crypto-blowfish-pi.h): libtomcrypt 1.18.2's Blowfish keeps its tables
 * static and has no salted (expensive) key schedule.  Table lookups depend
 * on secret data, like every table-based Blowfish; this runs once per key
 * load on the user's own machine, where that is an accepted trade-off.
 */
#ifndef SHREW_CRYPTO_BCRYPT_PBKDF_H
#define SHREW_CRYPTO_BCRYPT_PBKDF_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"

#if SHREW_ENCRYPTED_KEYS

/* Longest key bcrypt_pbkdf derives: 32 blocks of 32 bytes. */
#define BCRYPT_PBKDF_MAX_KEY 1024
/* Longest salt taken (OpenSSH writes 16 bytes). */
#define BCRYPT_PBKDF_MAX_SALT 1024

/* Derives keylen bytes into key from the passlen-byte passphrase at pass
 * and the saltlen-byte salt, with `rounds` iterations (the cost grows
 * linearly; OpenSSH's default is 16).  E_ARG if passlen, saltlen, keylen
 * or rounds is 0, or keylen or saltlen is over its maximum (as OpenBSD's,
 * an empty passphrase is refused); E_CRYPTO if SHA-512 fails.  On failure
 * key is zeroed.  Every intermediate value is wiped. */
int bcrypt_pbkdf(const char *pass, size_t passlen, const uint8_t *salt, size_t saltlen,
                 uint8_t *key, size_t keylen, unsigned rounds);

#endif

#endif
