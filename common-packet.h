/*
 * common-packet.h - the SSH binary packet protocol (RFC 4253 6), sans I/O.
 *
 * Payloads in, bytes out (pkt_seal); bytes in, payloads out (pkt_reader).
 * Nothing here touches a socket or allocates; the only system call is
 * random_bytes() for padding.  One struct pkt_dir per direction holds the
 * cipher, the MAC, the 32-bit sequence number and traffic counters.
 *
 * Packet layouts handled (the tag/MAC follows the packet in every case):
 *   none (before the first NEWKEYS), aes*-ctr / aes*-cbc with a plain MAC:
 *       uint32 packet_length, byte padding_length, payload, padding
 *       all encrypted; MAC(seq || plaintext packet); length field counted
 *       in the block alignment.  The reader decrypts the first block once
 *       to learn the length and keeps it.
 *   aes*-ctr / aes*-cbc with an -etm@openssh.com MAC (OpenSSH PROTOCOL):
 *       length in clear, the rest encrypted; MAC(seq || length ||
 *       ciphertext), checked before anything is decrypted; the length is
 *       not counted in the alignment.
 *   aes*-gcm@openssh.com (RFC 5647 7): length in clear as AAD, 16-byte tag.
 *   chacha20-poly1305@openssh.com (PROTOCOL.chacha20poly1305): length
 *       encrypted under its own key, 16-byte tag over both.
 * Padding is 4..255 random bytes making the aligned part a multiple of the
 * block size (8 for none and chacha, 16 for AES).
 *
 * Memory (x86_64, measured by test-packet): sizeof(struct pkt_dir) is
 * 1240 bytes by default (the cipher contexts share a union; AES-GCM's
 * GHASH table is 256 bytes), 336 bytes in the minimal build (chacha only,
 * no HMAC); sizeof(struct pkt_reader) is PKT_READER_CAP + 44 = 35112
 * bytes with the default SHREW_MAX_PACKET.  A connection needs two
 * pkt_dir and one pkt_reader (about 37 KB by default, 36 KB minimal); pkt_seal writes into the caller's buffer, at
 * most PKT_SEAL_MAX(n) bytes per packet.  Nothing is allocated per packet.
 *
 * crypto_init() (crypto-ltc.h) must have succeeded before keys are set.
 */
#ifndef SHREW_COMMON_PACKET_H
#define SHREW_COMMON_PACKET_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"
#include "common-algo.h"
#include "common-rd.h"
#include "common-wr.h"
#include "crypto-mac.h"
#include "crypto-ltc.h"
#if SHREW_CHACHA20_POLY1305
#include "crypto-chachapoly.h"
#endif
#if SHREW_AES
#include "crypto-cipher.h"
#endif

/* Largest packet_length field accepted from the peer (the length covers
 * padding_length, payload and padding; RFC 4253 6.1 asks for 35000 in
 * all, which the MAC/tag and length field slack below covers). */
#define PKT_MAX_LENGTH SHREW_MAX_PACKET
/* Longest MAC or AEAD tag after a packet. */
#define PKT_MAX_TAG MAC_MAX_LEN
/* Bytes the reader buffers: one whole largest packet. */
#define PKT_READER_CAP (4 + PKT_MAX_LENGTH + PKT_MAX_TAG)
/* Largest payload pkt_seal accepts: what still gives a packet_length
 * within PKT_MAX_LENGTH with the largest padding (4 + 15). */
#define PKT_MAX_PAYLOAD (PKT_MAX_LENGTH - 1 - 19)
/* Bytes one sealed packet of n payload bytes takes at most. */
#define PKT_SEAL_MAX(n) ((size_t)(n) + 4 + 1 + 19 + PKT_MAX_TAG)

/* One direction of a connection.  Fields are private to common-packet.c
 * except seq, bytes and packets, which callers may read (and the rekey
 * logic may zero bytes and packets after a key exchange). */
struct pkt_dir {
	enum cipher_alg cipher;
	enum mac_alg mac;
	uint8_t block;    /* padding multiple */
	uint8_t tag_len;  /* MAC or AEAD tag bytes after each packet */
	uint8_t len_out;  /* 1: length field not in the alignment (AEAD, etm) */
	uint8_t broken;   /* 1: pkt_dir_set_keys failed; everything refuses */
	uint32_t seq;     /* sequence number of the next packet, mod 2^32 */
	uint64_t bytes;   /* bytes sealed/opened since init (for rekeying) */
	uint64_t packets; /* packets sealed/opened since init */
	union {
		uint8_t none;
#if SHREW_CHACHA20_POLY1305
		struct cp_ctx cp;
#endif
#if SHREW_AES_GCM
		struct aesgcm_ctx gcm;
#endif
#if SHREW_AES_CTR
		struct aesctr_ctx ctr;
#endif
#if SHREW_AES_CBC
		symmetric_CBC cbc;
#endif
	} c;
#if SHREW_HMAC
	struct mac_ctx mac_key;
#endif
};

/* Incremental receiver: a fixed buffer holding at most one whole packet
 * plus bytes of following ones.  Private to common-packet.c. */
struct pkt_reader {
	size_t start; /* offset of the current packet in buf */
	size_t have;  /* bytes buffered (buf[0..have)) */
	size_t done;  /* bytes of the returned packet to drop on next call */
	size_t total; /* whole current packet incl. tag; 0: length unknown */
	size_t clear; /* bytes at start already decrypted (first block) */
	int err;      /* sticky error */
	uint8_t buf[PKT_READER_CAP];
};

/* Sets d to the pre-NEWKEYS state: no cipher, no MAC, block size 8,
 * sequence number 0, counters 0. */
void pkt_dir_init_plain(struct pkt_dir *d);

/* Keys d at NEWKEYS with cipher (key and iv of the lengths the cipher
 * takes: chacha 64/0, GCM 16|32/12, CTR/CBC 16|32/16) and, for non-AEAD
 * ciphers, mac with mackey (mac output length bytes).  mac is ignored for
 * AEAD ciphers (RFC 5647 5.1).  The old keys are wiped; the sequence
 * number is kept (RFC 4253 6.4) and counters are kept.  Returns E_OK;
 * E_UNSUPPORTED for an algorithm compiled out (CIPHER_NONE included);
 * E_ARG for a non-AEAD cipher with MACALG_NONE; E_CRYPTO if the primitive
 * fails.  On any error d is wiped and marked broken: pkt_seal and
 * pkt_reader_next then fail, it never falls back to plaintext. */
int pkt_dir_set_keys(struct pkt_dir *d, enum cipher_alg cipher, const uint8_t *key,
                     const uint8_t *iv, enum mac_alg mac, const uint8_t *mackey);

/* Sets the sequence number to 0 (strict kex, kex-strict-*-v00@openssh.com:
 * after each NEWKEYS). */
void pkt_dir_reset_seq(struct pkt_dir *d);

/* Wipes every key and the whole of d. */
void pkt_dir_wipe(struct pkt_dir *d);

/* Appends one packet carrying the n bytes at payload (n <=
 * PKT_MAX_PAYLOAD) to out: length, padding length, payload, random
 * padding, MAC or tag, encrypted as d says; out needs PKT_SEAL_MAX(n)
 * bytes of room at most.  Advances d's sequence number and counters.
 * Returns E_OK; E_TOOBIG if n is too big or out has no room (out
 * unchanged); E_IO if no randomness; E_CRYPTO on a primitive failure or a
 * broken d.  After E_CRYPTO or E_IO the direction is unusable: the caller
 * drops the connection. */
int pkt_seal(struct pkt_dir *d, const uint8_t *payload, size_t n, struct wr *out);

/* Empties r for a new connection. */
void pkt_reader_init(struct pkt_reader *r);

/* Copies as many of the n bytes at in as fit into r's buffer and sets
 * *consumed to that count (possibly 0 when the buffer is full: call
 * pkt_reader_next first).  d is the receiving direction (unused today:
 * bytes are only decrypted by pkt_reader_next).  Never moves buffered
 * data, so a payload view from pkt_reader_next stays valid.  Returns E_OK,
 * or the reader's sticky error. */
int pkt_reader_feed(struct pkt_reader *r, const struct pkt_dir *d, const uint8_t *in, size_t n,
                    size_t *consumed);

/* Takes the next packet out of r, decrypting and verifying it with d (the
 * keys at the time of the call, so a caller switches keys at NEWKEYS
 * between two calls).  Returns E_OK with *payload viewing the payload in
 * r's buffer, valid until the next pkt_reader_next or pkt_reader_init;
 * E_SHORT when more bytes are needed; otherwise an error: E_TOOBIG
 * (packet_length over PKT_MAX_LENGTH, detected from the first block,
 * before the body is waited for), E_FORMAT (length under the minimum or
 * not block aligned, padding_length < 4 or >= packet_length), E_VERIFY
 * (MAC or tag mismatch, compared in constant time), E_CRYPTO (decryption
 * failure or broken d).  Errors are final: the error sticks, every later
 * call returns it, and the caller must disconnect; r must not be used for
 * that connection again.  Advances d's sequence number and counters for
 * each packet returned. */
int pkt_reader_next(struct pkt_reader *r, struct pkt_dir *d, struct view *payload);

#endif
