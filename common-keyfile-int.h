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

/* openssh-key-v1 binary (after base64): common-keyfile-openssh.c. */
int kf_openssh_parse(const uint8_t *bin, size_t n, struct key *k, char *comment, size_t comment_cap,
                     const char **why);

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
