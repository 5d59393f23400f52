/*
 * common-keyfile.h - key files: reading every private key format shrew
 * meets, writing OpenSSH's, public key lines, and atomic file saving.
 *
 * Read (auto-detected by keyfile_parse):
 *   - OpenSSH "openssh-key-v1" (PROTOCOL.key) in -----BEGIN OPENSSH
 *     PRIVATE KEY----- armour, unencrypted (cipher and kdf "none") or,
 *     with SHREW_ENCRYPTED_KEYS and through the *_pass functions,
 *     passphrase-protected (kdf "bcrypt", cipher aes256-ctr or
 *     aes128-ctr: what ssh-keygen -N writes);
 *   - PEM (RFC 7468) "RSA PRIVATE KEY" (PKCS#1, RFC 8017 A.1.2),
 *     "EC PRIVATE KEY" (SEC1, RFC 5915; named curves P-256/384/521) and
 *     "PRIVATE KEY" (unencrypted PKCS#8, RFC 5208/5958, holding RSA, EC or
 *     Ed25519 (RFC 8410));
 *   - Dropbear's raw binary key files (as dropbearkey writes them).
 * Encrypted OpenSSH files give E_PASSPHRASE unless a passphrase opens them
 * (see keyfile_parse_pass).  Encrypted PEM ("Proc-Type: 4,ENCRYPTED",
 * "ENCRYPTED PRIVATE KEY"), other ciphers and kdfs, and every encrypted
 * file in a build without SHREW_ENCRYPTED_KEYS give E_UNSUPPORTED: so
 * E_PASSPHRASE always means that a (different) passphrase would help.
 *
 * Written: openssh-key-v1 text as ssh-keygen writes it, and Dropbear's
 * raw format (for shrewconvert).
 *
 * Parsers are pure (bytes in, key out), never exit, and wipe every buffer
 * that held private key material.  Functions return E_OK or an E_* code
 * (common-err.h).  The *_why variants also set *why (when why != NULL) to
 * a short static English reason for a failure, fit to print as
 * "shrewkey: FILE: reason".
 */
#ifndef SHREW_COMMON_KEYFILE_H
#define SHREW_COMMON_KEYFILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "common-key.h"
#include "common-wr.h"

/* Longest comment written, with its NUL; longer comments read are cut. */
#define KEYFILE_MAX_COMMENT 512
/* Largest binary openssh-key-v1 blob we write. */
#define KEYFILE_MAX_BIN (KEY_MAX_PUB_BLOB * 4 + KEYFILE_MAX_COMMENT + 128)
/* Room for keyfile_write_openssh's text (armour, 70-column base64). */
#define KEYFILE_MAX_TEXT ((KEYFILE_MAX_BIN + 2) / 3 * 4 / 70 * 71 + 160)
/* Room for a public key line with its NUL. */
#define KEYFILE_MAX_PUBLINE ((KEY_MAX_PUB_BLOB + 2) / 3 * 4 + 64 + KEYFILE_MAX_COMMENT)

/* Parses the n bytes of a private key file at buf, whatever its format
 * (see the list above), into *k (which need not be initialised; it is
 * overwritten, not freed).  On success the caller owns *k (key_free) and
 * comment gets the file's comment, "" when the format has none; at most
 * comment_cap - 1 bytes are kept, control characters become '?'.
 * comment may be NULL (comment_cap 0).  On failure *k is KEY_NONE and
 * comment is "".  Errors: E_FORMAT / E_SHORT / E_TRAILING (not a key,
 * corrupt, truncated), E_UNSUPPORTED (key type, curve or format variant
 * not supported or not built in), E_PASSPHRASE (encrypted: a passphrase
 * is needed), E_TOOBIG, E_NOMEM, or what key_set_* returns for
 * inconsistent keys. */
int keyfile_parse(const uint8_t *buf, size_t n, struct key *k, char *comment, size_t comment_cap);
int keyfile_parse_why(const uint8_t *buf, size_t n, struct key *k, char *comment,
                      size_t comment_cap, const char **why);

/* keyfile_parse_why for a file that may be passphrase-protected: pass
 * (passlen bytes, no NUL needed) opens an encrypted OpenSSH file; an
 * unencrypted file ignores it.  pass NULL asks only whether a passphrase
 * is needed: E_PASSPHRASE with *why "passphrase needed", after checking
 * everything that can be checked without one (cipher and kdf known,
 * E_UNSUPPORTED; kdf options and sizes sane and rounds at most
 * SHREW_BCRYPT_MAX_ROUNDS, E_FORMAT; the public key), so a caller may
 * prompt only when a passphrase can help.  With a passphrase that does not
 * open the file (an empty one never does): E_PASSPHRASE, "wrong
 * passphrase".  So E_PASSPHRASE after pass NULL means "ask", after a
 * passphrase "ask again".  Opening costs bcrypt_pbkdf's rounds (about
 * 10 ms each on a PC; ssh-keygen's default is 16).  The caller keeps and
 * wipes pass; every derived key and decrypted byte is wiped here. */
int keyfile_parse_pass(const uint8_t *buf, size_t n, struct key *k, char *comment,
                       size_t comment_cap, const char *pass, size_t passlen, const char **why);

/* Parses one public key line, "TYPE BASE64 [COMMENT]" (the .pub and
 * authorized_keys form without options), n bytes at line; a trailing
 * "\n" or "\r\n" is allowed.  TYPE must name the blob's key type.  *k gets
 * the public key (owned by the caller); comment (may be NULL) as in
 * keyfile_parse.  On failure *k is KEY_NONE. */
int keyfile_parse_public_line(const char *line, size_t n, struct key *k, char *comment,
                              size_t comment_cap);

/* Writes "TYPE BASE64 COMMENT" (no newline; no comment part when comment
 * is NULL or "") with its NUL into out.  E_TOOBIG if cap is too small,
 * E_ARG if the comment has control characters or is too long. */
int keyfile_public_line(const struct key *k, const char *comment, char *out, size_t cap);

/* Appends the unencrypted openssh-key-v1 text of private key k (armour
 * lines, base64 wrapped at 70 columns, ending in "\n"; no NUL) with a
 * random check-int and the comment (may be NULL) to w; KEYFILE_MAX_TEXT
 * bytes are always enough.  E_ARG if k has no private half or the comment
 * is too long or has control characters.  The text is secret: the caller
 * wipes w's buffer. */
int keyfile_write_openssh(const struct key *k, const char *comment, struct wr *w);

/* Appends Dropbear's raw private key format of k to w: string type, then
 *   ssh-ed25519: string seed||pub (64 bytes)
 *   ecdsa-*:     string curve, string Q, mpint d
 *   ssh-rsa:     mpint e, mpint n, mpint d, mpint p, mpint q
 * E_ARG if k has no private half.  The caller wipes w's buffer. */
int keyfile_write_dropbear(const struct key *k, struct wr *w);

/* Reads the file at path (a regular file of at most SHREW_MAX_KEYFILE
 * bytes, else E_TOOBIG / E_FORMAT) and parses it as keyfile_parse does.
 * E_IO when it cannot be read (errno is kept; *why is strerror's text).
 * The file's bytes are wiped before return. */
int keyfile_load(const char *path, struct key *k, char *comment, size_t comment_cap);
int keyfile_load_why(const char *path, struct key *k, char *comment, size_t comment_cap,
                     const char **why);
/* keyfile_load_why with a passphrase, as keyfile_parse_pass. */
int keyfile_load_pass(const char *path, struct key *k, char *comment, size_t comment_cap,
                      const char *pass, size_t passlen, const char **why);

/* Replaces the file at path with the n bytes at data, atomically: writes a
 * new temporary file in the same directory (O_EXCL, created with mode,
 * which the umask narrows), fsyncs it, renames it over path and fsyncs
 * the directory.  On failure the temporary file is removed, path is
 * untouched and E_IO is returned with errno set (E_TOOBIG if the path is
 * too long). */
int keyfile_save_atomic(const char *path, const void *data, size_t n, mode_t mode);

/* Like keyfile_save_atomic, but never replaces an existing file: E_IO with
 * errno EEXIST if path exists (checked atomically with link(2) where the
 * file system has hard links). */
int keyfile_save_new(const char *path, const void *data, size_t n, mode_t mode);

#endif
