/*
 * common-fingerprint.c - SHA256 fingerprints (see common-fingerprint.h).
 */
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-base64.h"
#include "common-wr.h"
#include "crypto-hash.h"
#include "common-fingerprint.h"

#define FP_PREFIX "SHA256:"

int fingerprint_sha256(const struct key *k, char out[KEY_FP_LEN])
{
	uint8_t blob[KEY_MAX_PUB_BLOB], digest[32];
	const size_t plen = sizeof(FP_PREFIX) - 1;
	struct wr w;
	int rc;

	out[0] = '\0';
	wr_init(&w, blob, sizeof(blob));
	rc = key_put_public(k, &w);
	if (rc == E_OK)
		rc = hash_once(HASH_SHA256, blob, w.len, digest);
	if (rc != E_OK)
		return rc;
	memcpy(out, FP_PREFIX, plen);
	return base64_enc(digest, sizeof(digest), 0, out + plen, KEY_FP_LEN - plen, NULL);
}

const char *fingerprint_type_label(enum key_type t)
{
	switch (t) {
	case KEY_ED25519: return "ED25519";
	case KEY_ECDSA_P256:
	case KEY_ECDSA_P384:
	case KEY_ECDSA_P521: return "ECDSA";
	case KEY_RSA: return "RSA";
	default: return "UNKNOWN";
	}
}

int fingerprint_line(const struct key *k, const char *comment, char *out, size_t cap)
{
	char fp[KEY_FP_LEN];
	int rc, n;

	if (cap > 0)
		out[0] = '\0';
	rc = fingerprint_sha256(k, fp);
	if (rc != E_OK)
		return rc;
	n = snprintf(out, cap, "%d %s %s (%s)", key_bits(k), fp,
	             comment && comment[0] ? comment : "no comment",
	             fingerprint_type_label(k->type));
	if (n < 0 || (size_t)n >= cap) {
		if (cap > 0)
			out[0] = '\0';
		return E_TOOBIG;
	}
	return E_OK;
}
