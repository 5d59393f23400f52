/*
 * crypto-bcrypt-pbkdf.c - bcrypt_pbkdf (OpenBSD's construction; see the
 * header) over a small Blowfish core with the Eksblowfish key schedule of
 * Provos and Mazieres, "A Future-Adaptable Password Scheme" (USENIX 1999).
 */
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-wipe.h"
#include "crypto-hash.h"
#include "crypto-bcrypt-pbkdf.h"

#if SHREW_ENCRYPTED_KEYS

#include "crypto-blowfish-pi.h"

/* ---- Blowfish ---------------------------------------------------------------- */

/* P-array (18 words) then S-boxes (4 x 256) in one array, so the key
 * schedule can rewrite them in one pass, as the cipher's definition does. */
#define BF_P 18
#define BF_WORDS (BF_P + 4 * 256)

struct bf_state {
	uint32_t w[BF_WORDS];
};

static void bf_init(struct bf_state *st)
{
	memcpy(st->w, bf_pi_p, sizeof(bf_pi_p));
	memcpy(st->w + BF_P, bf_pi_s, sizeof(bf_pi_s));
}

static uint32_t bf_f(const struct bf_state *st, uint32_t x)
{
	const uint32_t *s = st->w + BF_P;

	return ((s[x >> 24] + s[256 + ((x >> 16) & 0xff)]) ^ s[512 + ((x >> 8) & 0xff)]) +
	       s[768 + (x & 0xff)];
}

/* Encrypts the 64-bit block (*l, *r) in place: 16 Feistel rounds. */
static void bf_encrypt(const struct bf_state *st, uint32_t *l, uint32_t *r)
{
	uint32_t L = *l, R = *r;
	int i;

	for (i = 0; i < 16; i += 2) {
		L ^= st->w[i];
		R ^= bf_f(st, L);
		R ^= st->w[i + 1];
		L ^= bf_f(st, R);
	}
	*l = R ^ st->w[17];
	*r = L ^ st->w[16];
}

/* The next big-endian 32-bit word of the n bytes at d, taken cyclically
 * from byte *j on (Blowfish's key and salt streams). */
static uint32_t bf_word(const uint8_t *d, size_t n, size_t *j)
{
	uint32_t w = 0;
	int i;

	for (i = 0; i < 4; i++) {
		w = (w << 8) | d[*j];
		if (++*j == n)
			*j = 0;
	}
	return w;
}

/* Eksblowfish's ExpandKey(state, salt, key): XORs the key stream into the
 * P-array, then replaces P and S, two words at a time, by encrypting a
 * running block into which the salt stream is XORed first.  salt NULL is
 * the all-zero salt (the plain Blowfish key schedule's chain). */
static void bf_expand(struct bf_state *st, const uint8_t *salt, size_t saltlen, const uint8_t *key,
                      size_t keylen)
{
	uint32_t l = 0, r = 0;
	size_t i, j = 0, k = 0;

	for (i = 0; i < BF_P; i++)
		st->w[i] ^= bf_word(key, keylen, &k);
	for (i = 0; i < BF_WORDS; i += 2) {
		if (salt) {
			l ^= bf_word(salt, saltlen, &j);
			r ^= bf_word(salt, saltlen, &j);
		}
		bf_encrypt(st, &l, &r);
		st->w[i] = l;
		st->w[i + 1] = r;
	}
}

/* ---- bcrypt_pbkdf ---------------------------------------------------------------- */

#define SHA512_LEN 64
#define BHASH_LEN 32

/* The 32-byte text bcrypt_pbkdf's inner hash encrypts. */
static const uint8_t bhash_text[BHASH_LEN] = "OxychromaticBlowfishSwatDynamite";

/* Working state, kept together so that one wipe clears it. */
struct pbkdf_work {
	struct bf_state st;
	uint8_t pass[SHA512_LEN]; /* SHA-512 of the passphrase */
	uint8_t salt[SHA512_LEN]; /* SHA-512 of this round's salt */
	uint8_t tmp[BHASH_LEN];   /* this round's hash */
	uint8_t out[BHASH_LEN];   /* the XOR of the rounds' hashes */
	uint32_t c[BHASH_LEN / 4];
};

/* The inner hash of w->pass and w->salt into out (32 bytes): the expensive
 * key schedule (64 rounds alternating salt and passphrase), then the text
 * encrypted 64 times in ECB mode, its words stored little-endian (as
 * OpenBSD's construction does). */
static void bcrypt_hash(struct pbkdf_work *w, uint8_t *out)
{
	size_t i, j = 0;
	int round;

	bf_init(&w->st);
	bf_expand(&w->st, w->salt, SHA512_LEN, w->pass, SHA512_LEN);
	for (round = 0; round < 64; round++) {
		bf_expand(&w->st, NULL, 0, w->salt, SHA512_LEN);
		bf_expand(&w->st, NULL, 0, w->pass, SHA512_LEN);
	}
	for (i = 0; i < BHASH_LEN / 4; i++)
		w->c[i] = bf_word(bhash_text, BHASH_LEN, &j);
	for (round = 0; round < 64; round++)
		for (i = 0; i < BHASH_LEN / 4; i += 2)
			bf_encrypt(&w->st, &w->c[i], &w->c[i + 1]);
	for (i = 0; i < BHASH_LEN / 4; i++) {
		out[4 * i] = (uint8_t)w->c[i];
		out[4 * i + 1] = (uint8_t)(w->c[i] >> 8);
		out[4 * i + 2] = (uint8_t)(w->c[i] >> 16);
		out[4 * i + 3] = (uint8_t)(w->c[i] >> 24);
	}
}

/* Output block `count` (from 1) into w->out: the XOR of `rounds` inner
 * hashes, the first salted with SHA-512(salt || BE32(count)), each next
 * with SHA-512 of the previous hash. */
static int pbkdf_block(struct pbkdf_work *w, const uint8_t *salt, size_t saltlen, uint32_t count,
                       unsigned rounds)
{
	struct hash_ctx h;
	uint8_t be[4] = {(uint8_t)(count >> 24), (uint8_t)(count >> 16), (uint8_t)(count >> 8),
	                 (uint8_t)count};
	unsigned r;
	size_t i;
	int rc;

	rc = hash_init(&h, HASH_SHA512);
	if (rc == E_OK)
		rc = hash_update(&h, salt, saltlen);
	if (rc == E_OK)
		rc = hash_update(&h, be, sizeof(be));
	if (rc == E_OK)
		rc = hash_final(&h, w->salt);
	wipe(&h, sizeof(h));
	if (rc != E_OK)
		return rc;
	bcrypt_hash(w, w->out);
	memcpy(w->tmp, w->out, BHASH_LEN);
	for (r = 1; r < rounds; r++) {
		if ((rc = hash_once(HASH_SHA512, w->tmp, BHASH_LEN, w->salt)) != E_OK)
			return rc;
		bcrypt_hash(w, w->tmp);
		for (i = 0; i < BHASH_LEN; i++)
			w->out[i] ^= w->tmp[i];
	}
	return E_OK;
}

/* Derives the key, block by block; byte i of block b goes to key[i *
 * nblocks + b]. */
static int pbkdf_run(struct pbkdf_work *w, const uint8_t *salt, size_t saltlen, uint8_t *key,
                     size_t keylen, unsigned rounds)
{
	size_t nblocks = (keylen + BHASH_LEN - 1) / BHASH_LEN, b, i;
	int rc;

	for (b = 0; b < nblocks; b++) {
		if ((rc = pbkdf_block(w, salt, saltlen, (uint32_t)(b + 1), rounds)) != E_OK)
			return rc;
		for (i = 0; i < BHASH_LEN && i * nblocks + b < keylen; i++)
			key[i * nblocks + b] = w->out[i];
	}
	return E_OK;
}

int bcrypt_pbkdf(const char *pass, size_t passlen, const uint8_t *salt, size_t saltlen,
                 uint8_t *key, size_t keylen, unsigned rounds)
{
	struct pbkdf_work w;
	int rc;

	if (key && keylen)
		wipe(key, keylen);
	if (!pass || !salt || !key || passlen == 0 || saltlen == 0 || keylen == 0 || rounds == 0 ||
	    keylen > BCRYPT_PBKDF_MAX_KEY || saltlen > BCRYPT_PBKDF_MAX_SALT)
		return E_ARG;
	rc = hash_once(HASH_SHA512, pass, passlen, w.pass);
	if (rc == E_OK)
		rc = pbkdf_run(&w, salt, saltlen, key, keylen, rounds);
	if (rc != E_OK)
		wipe(key, keylen);
	wipe(&w, sizeof(w));
	return rc;
}

#endif /* SHREW_ENCRYPTED_KEYS */
