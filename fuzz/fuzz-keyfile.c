/*
 * fuzz-keyfile.c - libFuzzer target for the key file parsers
 * (common-keyfile*.c, common-der.c, common-base64.c).
 *
 * Each input is parsed as a private key file (every format is
 * auto-detected) and as a public key line.  A key that parses must also
 * print, fingerprint and survive a write -> parse round trip in both
 * formats we write; anything else aborts.  Besides, the input after its
 * first byte goes straight to one of the binary parsers behind the base64
 * armour (the byte picks which), so the fuzzer need not find valid base64
 * to reach them; one choice opens openssh-key-v1 with the passphrase
 * "correct horse" (SEED_PASS), when the file asks for at most
 * MAX_FUZZ_ROUNDS bcrypt rounds (more only costs time, not coverage).
 * Armoured files are also parsed with keyfile_parse_pass and no
 * passphrase (the checks made before asking for one).  Everything is
 * freed, so leaks show.  Seeds: fuzz/corpus/keyfile (sample keys of every
 * format; raw-* are the binary insides, with the selector byte;
 * raw-openssh-enc-ed25519 is ssh-keygen -a 1 -N 'correct horse').
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-key.h"
#include "common-keyfile.h"
#include "common-keyfile-int.h"
#include "common-fingerprint.h"
#include "crypto-ltc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t out[KEYFILE_MAX_TEXT];

#define SEED_PASS "correct horse"
#define MAX_FUZZ_ROUNDS 2

/* 1 unless n bytes at bin are an openssh-key-v1 header asking for more
 * than MAX_FUZZ_ROUNDS bcrypt rounds. */
static int cheap_to_open(const uint8_t *bin, size_t n)
{
	struct view m, cipher, kdf, opts, salt;
	uint32_t rounds = 0;
	struct rd r, o;

	rd_init(&r, bin, n);
	rd_bytes(&r, 15, &m);
	rd_string(&r, 64, &cipher);
	rd_string(&r, 64, &kdf);
	rd_string(&r, 1024, &opts);
	rd_init(&o, opts.p, r.err == E_OK ? opts.len : 0);
	rd_string(&o, 1024, &salt);
	rd_u32(&o, &rounds);
	return r.err != E_OK || o.err != E_OK || rounds <= MAX_FUZZ_ROUNDS;
}

/* kf_openssh_parse with SEED_PASS, as keyfile_parse_pass would call it. */
static int openssh_with_pass(const uint8_t *bin, size_t n, struct key *k, const char **why)
{
	struct kf_pass p;

	if (!cheap_to_open(bin, n)) {
		*why = "too many rounds to fuzz";
		return E_FORMAT;
	}
	kf_pass_init(&p, SEED_PASS, strlen(SEED_PASS));
	return kf_openssh_parse(bin, n, k, NULL, 0, &p, why);
}

/* Writes k in format `dropbear` (0: OpenSSH) and checks it parses back. */
static void round_trip(const struct key *k, const char *comment, int dropbear)
{
	struct key back;
	struct wr w;
	int rc;

	wr_init(&w, out, sizeof(out));
	rc = dropbear ? keyfile_write_dropbear(k, &w) : keyfile_write_openssh(k, comment, &w);
	if (rc != E_OK)
		abort();
	if (keyfile_parse(out, w.len, &back, NULL, 0) != E_OK || !key_equal_public(k, &back) ||
	    !back.has_private)
		abort();
	key_free(&back);
}

static void use_key(const struct key *k, const char *comment, int private_key)
{
	char line[KEYFILE_MAX_PUBLINE], fp[KEY_FP_LEN];

	if (keyfile_public_line(k, comment, line, sizeof(line)) != E_OK ||
	    fingerprint_sha256(k, fp) != E_OK ||
	    fingerprint_line(k, comment, line, sizeof(line)) != E_OK)
		abort();
	if (private_key) {
		round_trip(k, comment, 0);
		round_trip(k, comment, 1);
	}
}

/* data[0] % 8 picks: openssh-key-v1 binary (0 without a passphrase, 4
 * with SEED_PASS), PKCS#1 (1, 5), SEC1 (2, 6), PKCS#8 DER (3, 7). */
static void parse_inner(const uint8_t *data, size_t size)
{
	const char *why = NULL;
	struct key k;
	int rc;

	if (size == 0)
		return;
	memset(&k, 0, sizeof(k));
	switch (data[0] % 8) {
	case 0: rc = kf_openssh_parse(data + 1, size - 1, &k, NULL, 0, NULL, &why); break;
	case 4: rc = openssh_with_pass(data + 1, size - 1, &k, &why); break;
	case 1:
	case 5: rc = kf_pkcs1_parse(data + 1, size - 1, &k, &why); break;
	case 2:
	case 6: rc = kf_sec1_parse(data + 1, size - 1, &k, &why); break;
	default: rc = kf_pkcs8_parse(data + 1, size - 1, &k, &why); break;
	}
	if (rc != E_OK && !why)
		abort(); /* every failure has a reason */
	if (rc == E_OK)
		use_key(&k, "", 1);
	key_free(&k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char comment[KEYFILE_MAX_COMMENT];
	struct key k;

	if (!ready) {
		if (crypto_init() != E_OK)
			abort();
		ready = 1;
	}
	if (size > SHREW_MAX_KEYFILE)
		return 0;
	if (keyfile_parse(data, size, &k, comment, sizeof(comment)) == E_OK) {
		use_key(&k, comment, 1);
		key_free(&k);
	} else if (k.type != KEY_NONE || comment[0] != '\0') {
		abort(); /* a failed parse leaves nothing behind */
	}
	/* no passphrase: only the checks made before asking for one */
	if (keyfile_parse_pass(data, size, &k, comment, sizeof(comment), NULL, 0, NULL) == E_OK) {
		use_key(&k, comment, 1);
		key_free(&k);
	} else if (k.type != KEY_NONE || comment[0] != '\0') {
		abort();
	}
	if (keyfile_parse_public_line((const char *)data, size, &k, comment, sizeof(comment)) ==
	    E_OK) {
		use_key(&k, comment, 0);
		key_free(&k);
	}
	parse_inner(data, size);
	return 0;
}
