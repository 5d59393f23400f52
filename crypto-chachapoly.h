/*
 * crypto-chachapoly.h - chacha20-poly1305@openssh.com, as OpenSSH's
 * PROTOCOL.chacha20poly1305 defines it, over libtomcrypt's chacha and
 * poly1305.
 *
 * The 64-byte key is K_2 (bytes 0..31: payload and Poly1305 key) || K_1
 * (bytes 32..63: the 4-byte packet length only).  Both ChaCha20 instances
 * take the packet sequence number as their 64-bit nonce (big-endian).  The
 * length is encrypted with K_1 at block counter 0; the Poly1305 key is the
 * first 32 bytes of K_2's block 0; the payload is encrypted with K_2 from
 * block counter 1; the 16-byte tag is Poly1305 over encrypted length ||
 * encrypted payload.
 *
 * A context is keyed once; every call sets its own nonce from seq, so the
 * calls for different packets are independent.  in and out may be the
 * same buffer.  All functions return E_OK or an E_* code (common-err.h);
 * none exits.
 */
#ifndef SHREW_CRYPTO_CHACHAPOLY_H
#define SHREW_CRYPTO_CHACHAPOLY_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"
#include "crypto-ltc.h"

#if SHREW_CHACHA20_POLY1305

#define CP_KEY_LEN 64
#define CP_TAG_LEN 16
#define CP_LEN_LEN 4 /* the encrypted packet length field */

/* A keyed chacha20-poly1305@openssh.com.  Private to crypto-chachapoly.c. */
struct cp_ctx {
	chacha_state main;   /* K_2 */
	chacha_state header; /* K_1 */
};

/* Keys c with the 64 bytes at key (K_2 || K_1).  Wipe with cp_wipe. */
int cp_init(struct cp_ctx *c, const uint8_t key[CP_KEY_LEN]);

/* Decrypts the 4-byte length field enc of packet seq into *len (host
 * order), so a reader learns how much more to wait for.  The value is not
 * authenticated yet: bound it before use, and let cp_open check the tag.
 * (SSH's sequence number is 32-bit; seq is 64-bit because the nonce is.) */
int cp_decrypt_length(struct cp_ctx *c, uint64_t seq, const uint8_t enc[CP_LEN_LEN], uint32_t *len);

/* Encrypts packet seq: n (>= 4) bytes at in, the 4-byte length field
 * followed by the rest of the packet, to n bytes at out, and writes the
 * 16-byte tag.  Returns E_ARG if n < 4. */
int cp_seal(struct cp_ctx *c, uint64_t seq, const uint8_t *in, uint8_t *out, size_t n,
            uint8_t tag[CP_TAG_LEN]);

/* Checks tag over the n (>= 4) bytes at in (encrypted length and
 * payload) in constant time, and only then decrypts them to out (length
 * field included).  Returns E_VERIFY on a bad tag, with out untouched. */
int cp_open(struct cp_ctx *c, uint64_t seq, const uint8_t *in, uint8_t *out, size_t n,
            const uint8_t tag[CP_TAG_LEN]);

/* Zeroes both key states in c. */
void cp_wipe(struct cp_ctx *c);

#endif /* SHREW_CHACHA20_POLY1305 */

#endif
