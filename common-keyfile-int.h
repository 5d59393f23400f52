/*
 * common-keyfile-int.h - internals shared by the common-keyfile*.c files
 * (one file per format family).  Not for other modules: use
 * common-keyfile.h.
 *
 * Every kf_*_parse function takes the decoded bytes of one format, fills
 * *k (zeroed by the caller) or leaves it KEY_NONE, and on failure sets
 * *why (never NULL here) to a static reason.
 */
#ifndef SHREW_COMMON_KEYFILE_INT_H
#define SHREW_COMMON_KEYFILE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"
#include "common-key.h"
#include "common-rd.h"

/* Sets *why to msg and returns rc. */
int kf_fail(const char **why, const char *msg, int rc);

/* Sets *why to a reason for an error rc from a reader or key_* call (one
 * that carries no better message) and returns rc. */
int kf_fail_rc(const char **why, int rc);

/* Copies the comment v into dst (cap bytes, may be 0), cut to cap - 1
 * bytes, control characters replaced by '?', NUL-terminated. */
void kf_copy_comment(char *dst, size_t cap, struct view v);

/* 1 if comment (may be NULL) is short enough and free of control
 * characters to be written into a file or a public line, else 0. */
int kf_comment_ok(const char *comment);

/* The cipher, kdf and kdf options of an encrypted openssh-key-v1 file
 * (views into the file). */
struct kf_enc {
	struct view cipher;
	struct view kdf;
	struct view kdfopts;
};

/* What keyfile_parse_pass / keyfile_load_pass hand down to the OpenSSH
 * reader: the passphrase (pass NULL: none given) and the function that
 * opens an encrypted private section.  Only kf_pass_init names that
 * function, and only the *_pass entry points call kf_pass_init, so a
 * program that never asks for a passphrase (the server) links neither the
 * KDF nor the decryption.  A NULL struct kf_pass * means "no passphrase
 * API": encrypted files fail with E_PASSPHRASE, "passphrase needed". */
struct kf_pass {
	const char *pass;
	size_t len;
	int (*decrypt)(const struct kf_pass *p, const struct kf_enc *e, struct view sec,
	               uint8_t *out, const char **why);
};

/* Fills *p with the passphrase (may be NULL) and, when
 * SHREW_ENCRYPTED_KEYS is on, kf_openssh_decrypt. */
void kf_pass_init(struct kf_pass *p, const char *pass, size_t len);

/* keyfile_parse_why with an optional passphrase (common-keyfile.c). */
int kf_parse(const uint8_t *buf, size_t n, struct key *k, char *comment, size_t comment_cap,
             const struct kf_pass *pass, const char **why);

/* openssh-key-v1 binary (after base64): common-keyfile-openssh.c.  pass
 * may be NULL. */
int kf_openssh_parse(const uint8_t *bin, size_t n, struct key *k, char *comment, size_t comment_cap,
                     const struct kf_pass *pass, const char **why);

/* Reasons an encrypted openssh-key-v1 file gives with E_PASSPHRASE. */
#define KF_WHY_NEED_PASS "passphrase needed"
#define KF_WHY_WRONG_PASS "wrong passphrase"

#if SHREW_ENCRYPTED_KEYS
/* Opens the encrypted private section sec of an openssh-key-v1 file
 * (common-keyfile-crypt.c).  First checks what needs no passphrase: the
 * cipher (aes256-ctr, aes128-ctr) and kdf ("bcrypt") are known
 * (E_UNSUPPORTED), the kdf options are well formed with rounds from 1 to
 * SHREW_BCRYPT_MAX_ROUNDS and sec is whole cipher blocks (E_FORMAT).
 * Then, without a passphrase (p->pass NULL), fails with E_PASSPHRASE
 * (KF_WHY_NEED_PASS); an empty one is KF_WHY_WRONG_PASS (nothing encrypts
 * with it).  Else derives the key and IV with bcrypt_pbkdf and decrypts
 * sec.len bytes into out.  A wrong passphrase is only found by the caller,
 * from the check-ints. */
int kf_openssh_decrypt(const struct kf_pass *p, const struct kf_enc *e, struct view sec,
                       uint8_t *out, const char **why);
#endif

/* DER bodies of the PEM labels: common-keyfile-asn1.c. */
int kf_pkcs1_parse(const uint8_t *der, size_t n, struct key *k, const char **why);
int kf_sec1_parse(const uint8_t *der, size_t n, struct key *k, const char **why);
int kf_pkcs8_parse(const uint8_t *der, size_t n, struct key *k, const char **why);

/* Dropbear's raw key file: common-keyfile-dropbear.c. */
int kf_dropbear_parse(const uint8_t *buf, size_t n, struct key *k, const char **why);

/* 1 if the n bytes at buf start like a Dropbear key file (a uint32
 * length then a printable key type name), else 0. */
int kf_dropbear_sniff(const uint8_t *buf, size_t n);

#endif
