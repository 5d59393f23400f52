/*
 * common-fingerprint.h - key fingerprints as OpenSSH prints them.
 *
 * "SHA256:" followed by the unpadded base64 of the SHA-256 digest of the
 * public key blob (RFC 4253 6.6), the form ssh-keygen -l, ssh and
 * dropbearkey show.
 */
#ifndef SHREW_COMMON_FINGERPRINT_H
#define SHREW_COMMON_FINGERPRINT_H

#include <stddef.h>

#include "common-key.h"

/* Writes k's "SHA256:..." fingerprint (50 chars) with its NUL into out.
 * Returns E_OK, or key_put_public()'s / the hash's error (out is then
 * ""). */
int fingerprint_sha256(const struct key *k, char out[KEY_FP_LEN]);

/* The key type label ssh-keygen -l prints in parentheses: "ED25519",
 * "ECDSA", "RSA"; "UNKNOWN" for anything else. */
const char *fingerprint_type_label(enum key_type t);

/* Writes the ssh-keygen -l line, "BITS SHA256:... COMMENT (TYPE)", with its
 * NUL into out; "no comment" stands in for a NULL or empty comment, as in
 * ssh-keygen.  E_TOOBIG if cap is too small (out is then ""). */
int fingerprint_line(const struct key *k, const char *comment, char *out, size_t cap);

#endif
