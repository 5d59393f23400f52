/*
 * common-packet.c - the SSH binary packet protocol (RFC 4253 6, RFC 4344,
 * RFC 5647 7, OpenSSH PROTOCOL for -etm MACs and
 * PROTOCOL.chacha20poly1305), sans I/O.  See common-packet.h for the
 * layouts and the memory budget.
 *
 *   uint32    packet_length     (padding_length + payload + padding)
 *   byte      padding_length    (4..255)
 *   byte[n1]  payload
 *   byte[n2]  random padding
 *   byte[m]   mac or AEAD tag
 *
 * Key, IV, block and tag sizes come from common-algo.c's descriptors.
 */
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-packet.h"
#include "common-random.h"
#include "common-wipe.h"

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ---- Directions ---------------------------------------------------------- */

void pkt_dir_init_plain(struct pkt_dir *d)
{
	wipe(d, sizeof(*d));
	d->cipher = CIPHER_NONE;
	d->mac = MACALG_NONE;
	d->block = 8;
}

void pkt_dir_reset_seq(struct pkt_dir *d)
{
	d->seq = 0;
}

void pkt_dir_wipe(struct pkt_dir *d)
{
	wipe(d, sizeof(*d));
}

static int key_cipher(struct pkt_dir *d, const struct cipher_desc *ci, const uint8_t *key,
                      const uint8_t *iv)
{
	if (key == NULL || (ci->iv_len > 0 && iv == NULL)) {
		return E_ARG;
	}
	switch (ci->id) {
#if SHREW_CHACHA20_POLY1305
	case CIPHER_CHACHAPOLY: return cp_init(&d->c.cp, key);
#endif
#if SHREW_AES_GCM
	case CIPHER_AES128_GCM:
	case CIPHER_AES256_GCM: return aesgcm_init(&d->c.gcm, key, ci->key_len, iv);
#endif
#if SHREW_AES_CTR
	case CIPHER_AES128_CTR:
	case CIPHER_AES256_CTR: return aesctr_init(&d->c.ctr, key, ci->key_len, iv);
#endif
#if SHREW_AES_CBC
	case CIPHER_AES128_CBC:
	case CIPHER_AES256_CBC: {
		int idx = find_cipher("aes");
		if (idx < 0 || cbc_start(idx, iv, key, ci->key_len, 0, &d->c.cbc) != CRYPT_OK) {
			return E_CRYPTO;
		}
		return E_OK;
	}
#endif
	default: return E_UNSUPPORTED;
	}
}

static int key_mac(struct pkt_dir *d, enum mac_alg mac, const uint8_t *mackey)
{
#if SHREW_HMAC
	const struct mac_desc *mi = mac_desc(mac);
	int rc;

	if (mac == MACALG_NONE) {
		return E_ARG; /* a non-AEAD cipher without integrity */
	}
	if (mi == NULL) {
		return E_UNSUPPORTED;
	}
	if (mackey == NULL) {
		return E_ARG;
	}
	rc = mac_init(&d->mac_key, mi->hmac, mackey, mi->key_len);
	if (rc != E_OK) {
		return rc;
	}
	d->mac = mac;
	d->tag_len = mi->out_len;
	d->len_out = mi->etm;
	return E_OK;
#else
	(void)d;
	(void)mackey;
	return mac == MACALG_NONE ? E_ARG : E_UNSUPPORTED;
#endif
}

int pkt_dir_set_keys(struct pkt_dir *d, enum cipher_alg cipher, const uint8_t *key,
                     const uint8_t *iv, enum mac_alg mac, const uint8_t *mackey)
{
	const struct cipher_desc *ci = cipher_desc(cipher);
	int rc = E_UNSUPPORTED;

	wipe(&d->c, sizeof(d->c));
#if SHREW_HMAC
	wipe(&d->mac_key, sizeof(d->mac_key));
#endif
	d->mac = MACALG_NONE;
	d->broken = 1;
	if (ci != NULL) {
		rc = key_cipher(d, ci, key, iv);
	}
	if (rc == E_OK && ci->tag_len > 0) {
		d->tag_len = ci->tag_len; /* AEAD: the negotiated MAC is unused */
		d->len_out = 1;
	} else if (rc == E_OK) {
		rc = key_mac(d, mac, mackey);
	}
	if (rc != E_OK) {
		uint32_t seq = d->seq;
		pkt_dir_wipe(d);
		d->seq = seq;
		d->broken = 1;
		return rc;
	}
	d->cipher = cipher;
	d->block = ci->block_len;
	d->broken = 0;
	return E_OK;
}

/* ---- Per-cipher work ------------------------------------------------------ */

/* AES-CTR or AES-CBC over n bytes in place (n a multiple of the block for
 * CBC), continuing the stream or chain. */
static int stream_crypt(struct pkt_dir *d, uint8_t *p, size_t n, int decrypt)
{
	(void)decrypt;
	(void)p;
	(void)n;
	switch (d->cipher) {
#if SHREW_AES_CTR
	case CIPHER_AES128_CTR:
	case CIPHER_AES256_CTR: return aesctr_crypt(&d->c.ctr, p, p, n);
#endif
#if SHREW_AES_CBC
	case CIPHER_AES128_CBC:
	case CIPHER_AES256_CBC: {
		int rc = decrypt ? cbc_decrypt(p, p, (unsigned long)n, &d->c.cbc)
		                 : cbc_encrypt(p, p, (unsigned long)n, &d->c.cbc);
		return rc == CRYPT_OK ? E_OK : E_CRYPTO;
	}
#endif
	default: return E_CRYPTO;
	}
}

/* Encrypts the n bytes at p (length field to the end of the padding) in
 * place and writes the tag or MAC at p + n. */
static int seal_body(struct pkt_dir *d, uint8_t *p, size_t n)
{
	uint8_t *tag = p + n;
	int rc;

	switch (d->cipher) {
	case CIPHER_NONE: return E_OK;
#if SHREW_CHACHA20_POLY1305
	case CIPHER_CHACHAPOLY: return cp_seal(&d->c.cp, d->seq, p, p, n, tag);
#endif
#if SHREW_AES_GCM
	case CIPHER_AES128_GCM:
	case CIPHER_AES256_GCM: return aesgcm_seal(&d->c.gcm, p, 4, p + 4, p + 4, n - 4, tag);
#endif
	default: break;
	}
#if SHREW_HMAC
	if (d->len_out) { /* encrypt-then-MAC: MAC over length || ciphertext */
		rc = stream_crypt(d, p + 4, n - 4, 0);
		return rc != E_OK ? rc : mac_compute(&d->mac_key, d->seq, p, n, tag);
	}
	rc = mac_compute(&d->mac_key, d->seq, p, n, tag);
	return rc != E_OK ? rc : stream_crypt(d, p, n, 0);
#else
	(void)tag;
	(void)rc;
	return E_CRYPTO;
#endif
}

/* Padding for n payload bytes: 4..(3 + block) bytes so that the aligned
 * part is a multiple of the block size. */
static size_t pad_len(const struct pkt_dir *d, size_t n)
{
	size_t aligned = (d->len_out ? 0 : 4) + 1 + n;
	size_t pad = d->block - aligned % d->block;

	if (pad < 4) {
		pad += d->block;
	}
	return pad;
}

int pkt_seal(struct pkt_dir *d, const uint8_t *payload, size_t n, struct wr *out)
{
	size_t pad, len, mark = out->len;
	uint8_t *p;
	int rc;

	if (d->broken) {
		return E_CRYPTO;
	}
	if (n > PKT_MAX_PAYLOAD) {
		return E_TOOBIG;
	}
	pad = pad_len(d, n);
	len = 1 + n + pad;
	rc = wr_reserve(out, 4 + len + d->tag_len, &p);
	if (rc != E_OK) {
		return rc;
	}
	p[0] = (uint8_t)(len >> 24);
	p[1] = (uint8_t)(len >> 16);
	p[2] = (uint8_t)(len >> 8);
	p[3] = (uint8_t)len;
	p[4] = (uint8_t)pad;
	if (n > 0) {
		memcpy(p + 5, payload, n);
	}
	rc = random_bytes(p + 5 + n, pad);
	if (rc == E_OK) {
		rc = seal_body(d, p, 4 + len);
	}
	if (rc != E_OK) {
		wipe(p, 4 + len + d->tag_len);
		out->len = mark;
		d->broken = 1; /* a stream cipher may have advanced: unusable */
		return rc;
	}
	d->seq++;
	d->packets++;
	d->bytes += 4 + len + d->tag_len;
	return E_OK;
}

/* ---- Receiving ------------------------------------------------------------- */

void pkt_reader_init(struct pkt_reader *r)
{
	r->start = 0;
	r->have = 0;
	r->done = 0;
	r->total = 0;
	r->clear = 0;
	r->err = E_OK;
}

int pkt_reader_feed(struct pkt_reader *r, const struct pkt_dir *d, const uint8_t *in, size_t n,
                    size_t *consumed)
{
	size_t room = sizeof(r->buf) - r->have;

	(void)d;
	*consumed = 0;
	if (r->err != E_OK) {
		return r->err;
	}
	if (n > room) {
		n = room;
	}
	if (n > 0) {
		memcpy(r->buf + r->have, in, n);
	}
	r->have += n;
	*consumed = n;
	return E_OK;
}

/* Moves the current (incomplete) packet to the front of the buffer so the
 * rest of it fits.  Each packet is moved at most once. */
static void reader_compact(struct pkt_reader *r)
{
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->have - r->start);
		r->have -= r->start;
		r->start = 0;
	}
}

/* Bytes needed to learn the packet length. */
static size_t header_len(const struct pkt_dir *d)
{
	return d->len_out ? 4 : d->block;
}

/* Learns packet_length from the first header_len(d) bytes at p (decrypting
 * the first block in place for CTR/CBC with a plain MAC). */
static int read_length(struct pkt_dir *d, uint8_t *p, uint32_t *len)
{
	int rc;

#if SHREW_CHACHA20_POLY1305
	if (d->cipher == CIPHER_CHACHAPOLY) {
		return cp_decrypt_length(&d->c.cp, d->seq, p, len);
	}
#endif
	if (d->cipher != CIPHER_NONE && !d->len_out) {
		rc = stream_crypt(d, p, d->block, 1);
		if (rc != E_OK) {
			return rc;
		}
	}
	*len = get_be32(p);
	return E_OK;
}

/* RFC 4253 6: at least padding_length and 4 bytes of padding; the aligned
 * part a multiple of the block size; no larger than we accept. */
static int check_length(const struct pkt_dir *d, uint32_t len)
{
	if (len > PKT_MAX_LENGTH) {
		return E_TOOBIG;
	}
	if (len < 1 + 4) {
		return E_FORMAT;
	}
	if (((d->len_out ? 0 : 4) + (size_t)len) % d->block != 0) {
		return E_FORMAT;
	}
	return E_OK;
}

/* Header phase: once enough bytes are in, sets r->total (and r->clear). */
static int reader_header(struct pkt_reader *r, struct pkt_dir *d)
{
	size_t hdr = header_len(d);
	uint32_t len;
	int rc;

	if (r->have - r->start < hdr) {
		return E_SHORT;
	}
	rc = read_length(d, r->buf + r->start, &len);
	if (rc == E_OK) {
		rc = check_length(d, len);
	}
	if (rc != E_OK) {
		return rc;
	}
	r->clear = d->cipher != CIPHER_NONE && !d->len_out ? hdr : 0;
	r->total = 4 + (size_t)len + d->tag_len;
	return E_OK;
}

/* Verifies and decrypts the whole packet of n bytes (length field to the
 * end of the padding) at p, its tag at p + n, in place; the first clear
 * bytes are already decrypted. */
static int open_body(struct pkt_dir *d, uint8_t *p, size_t n, size_t clear)
{
	const uint8_t *tag = p + n;
	int rc;

	switch (d->cipher) {
	case CIPHER_NONE: return E_OK;
#if SHREW_CHACHA20_POLY1305
	case CIPHER_CHACHAPOLY: return cp_open(&d->c.cp, d->seq, p, p, n, tag);
#endif
#if SHREW_AES_GCM
	case CIPHER_AES128_GCM:
	case CIPHER_AES256_GCM: return aesgcm_open(&d->c.gcm, p, 4, p + 4, p + 4, n - 4, tag);
#endif
	default: break;
	}
#if SHREW_HMAC
	if (d->len_out) { /* encrypt-then-MAC: check before decrypting */
		rc = mac_verify(&d->mac_key, d->seq, p, n, tag);
		return rc != E_OK ? rc : stream_crypt(d, p + 4, n - 4, 1);
	}
	rc = stream_crypt(d, p + clear, n - clear, 1);
	return rc != E_OK ? rc : mac_verify(&d->mac_key, d->seq, p, n, tag);
#else
	(void)tag;
	(void)rc;
	(void)clear;
	return E_CRYPTO;
#endif
}

/* Body phase: the whole packet is buffered; open it and find the payload. */
static int reader_body(struct pkt_reader *r, struct pkt_dir *d, struct view *payload)
{
	uint8_t *p = r->buf + r->start;
	size_t n = r->total - d->tag_len; /* length field .. padding */
	size_t len = n - 4;
	uint8_t pad;
	int rc;

	rc = open_body(d, p, n, r->clear);
	if (rc != E_OK) {
		return rc == E_VERIFY ? E_VERIFY : E_CRYPTO;
	}
	pad = p[4];
	if (pad < 4 || pad >= len) {
		return E_FORMAT;
	}
	payload->p = p + 5;
	payload->len = len - 1 - pad;
	r->done = r->total;
	d->seq++;
	d->packets++;
	d->bytes += r->total;
	return E_OK;
}

int pkt_reader_next(struct pkt_reader *r, struct pkt_dir *d, struct view *payload)
{
	int rc;

	payload->p = NULL;
	payload->len = 0;
	if (r->err != E_OK) {
		return r->err;
	}
	if (r->done > 0) { /* drop the packet returned last time */
		r->start += r->done;
		r->done = r->total = r->clear = 0;
		if (r->start == r->have) {
			r->start = r->have = 0;
		}
	}
	rc = d->broken ? E_CRYPTO : E_OK;
	if (rc == E_OK && r->total == 0) {
		rc = reader_header(r, d);
	}
	if (rc == E_OK && r->have - r->start < r->total) {
		rc = E_SHORT;
	}
	if (rc == E_OK) {
		rc = reader_body(r, d, payload);
	}
	if (rc == E_SHORT) {
		reader_compact(r);
	} else if (rc != E_OK) {
		r->err = rc;
		wipe(r->buf, sizeof(r->buf));
	}
	return rc;
}
