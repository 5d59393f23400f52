/*
 * common-keyfile-openssh.c - OpenSSH's "openssh-key-v1" private key
 * format (OpenSSH PROTOCOL.key); we write it unencrypted, and read it
 * encrypted too when a passphrase is given (keyfile_parse_pass):
 *
 *   byte[]  "openssh-key-v1\0"
 *   string  ciphername         "none", or aes256-ctr / aes128-ctr
 *   string  kdfname            "none", or "bcrypt" with a cipher
 *   string  kdfoptions         "" for "none"; for "bcrypt": string salt,
 *                              uint32 rounds
 *   uint32  number of keys N   exactly 1 here
 *   string  publickey1         the public key blob
 *   string  private section    encrypted as one message (the cipher's
 *                              key || IV from bcrypt_pbkdf; see
 *                              common-keyfile-crypt.c), then:
 *       uint32  checkint        random, the same twice
 *       uint32  checkint
 *       ...     privatekey1     key_put_private()'s fields
 *       string  comment1
 *       byte[]  padding         1, 2, 3, ... to a multiple of 8 bytes
 *                               (of the cipher's block, 16, if encrypted)
 *
 * ssh-keygen armours it as "-----BEGIN OPENSSH PRIVATE KEY-----" with the
 * base64 wrapped at 70 columns; so do we.
 */
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-base64.h"
#include "common-random.h"
#include "common-wipe.h"
#include "common-keyfile.h"
#include "common-keyfile-int.h"

static const char magic[] = "openssh-key-v1"; /* written with its NUL */
#define MAGIC_LEN sizeof(magic)
/* The cipher "none" has 8-byte blocks (sshkey.c pads to them). */
#define BLOCK 8
#define PEM_BEGIN "-----BEGIN OPENSSH PRIVATE KEY-----\n"
#define PEM_END "-----END OPENSSH PRIVATE KEY-----\n"
#define COLUMNS 70

/* ---- Reading -------------------------------------------------------------- */

static int is_encrypted(const struct kf_enc *e)
{
	return !view_eq(e->cipher, "none");
}

static int parse_header(struct rd *r, struct kf_enc *e, uint32_t *nkeys, const char **why)
{
	struct view m;

	if (rd_bytes(r, MAGIC_LEN, &m) != E_OK || memcmp(m.p, magic, MAGIC_LEN) != 0)
		return kf_fail(why, "bad openssh-key-v1 magic", E_FORMAT);
	rd_text(r, 64, &e->cipher);
	rd_text(r, 64, &e->kdf);
	rd_string(r, 1024, &e->kdfopts);
	rd_u32(r, nkeys);
	if (r->err != E_OK)
		return kf_fail_rc(why, r->err);
	if (view_eq(e->cipher, "none") != view_eq(e->kdf, "none"))
		return kf_fail(why, "cipher and kdf disagree", E_FORMAT);
	if (!is_encrypted(e) && e->kdfopts.len != 0)
		return kf_fail(why, "kdf options given for kdf none", E_FORMAT);
	if (*nkeys != 1)
		return kf_fail(why,
		               *nkeys == 0 ? "no key in the file"
		                           : "files holding several keys are not supported",
		               E_FORMAT);
	return E_OK;
}

/* Checks the padding bytes after the last comment: 1, 2, 3, ...  Like
 * OpenSSH we take any length (the section length is already a multiple of
 * the block size): dropbearconvert pads a whole block, 1 to 8, where
 * ssh-keygen pads 0 to 7. */
static int check_padding(struct rd *r, const char **why)
{
	struct view pad;
	size_t i;

	rd_bytes(r, rd_left(r), &pad);
	for (i = 0; i < pad.len; i++)
		if (pad.p[i] != (uint8_t)(i + 1))
			return kf_fail(why, "bad padding in the private section", E_FORMAT);
	return E_OK;
}

/* The private section, in clear.  Check-ints that differ mean a corrupt
 * file, or for an encrypted one (encrypted != 0) the wrong passphrase. */
static int parse_private(struct view sec, int encrypted, struct key *k, char *comment, size_t cap,
                         const char **why)
{
	struct rd r;
	struct view cm;
	uint32_t c1 = 0, c2 = 0;
	int rc;

	if (sec.len % BLOCK != 0)
		return kf_fail(why, "private section not a multiple of the block size", E_FORMAT);
	rd_init(&r, sec.p, sec.len);
	rd_u32(&r, &c1);
	if (rd_u32(&r, &c2) != E_OK)
		return kf_fail_rc(why, r.err);
	if (c1 != c2 && encrypted)
		return kf_fail(why, KF_WHY_WRONG_PASS, E_PASSPHRASE);
	if (c1 != c2)
		return kf_fail(why, "check-ints do not match (corrupt file)", E_FORMAT);
	rc = key_get_private(k, &r);
	if (rc != E_OK)
		return kf_fail_rc(why, rc);
	if (rd_string(&r, sec.len, &cm) != E_OK)
		return kf_fail_rc(why, r.err);
	if ((rc = check_padding(&r, why)) != E_OK)
		return rc;
	kf_copy_comment(comment, cap, cm);
	return E_OK;
}

/* Decrypts the private section sec with pass (see struct kf_pass) into a
 * wiped scratch buffer and parses it. */
static int open_private(const struct kf_enc *e, struct view sec, const struct kf_pass *pass,
                        struct key *k, char *comment, size_t cap, const char **why)
{
#if SHREW_ENCRYPTED_KEYS
	struct view plain;
	uint8_t *buf;
	int rc;

	if (!pass || !pass->decrypt)
		return kf_fail(why, KF_WHY_NEED_PASS, E_PASSPHRASE);
	buf = malloc(sec.len ? sec.len : 1);
	if (!buf)
		return kf_fail(why, "out of memory", E_NOMEM);
	rc = pass->decrypt(pass, e, sec, buf, why);
	if (rc == E_OK) {
		plain.p = buf;
		plain.len = sec.len;
		rc = parse_private(plain, 1, k, comment, cap, why);
	}
	wipe(buf, sec.len);
	free(buf);
	return rc;
#else
	(void)e, (void)sec, (void)pass, (void)k, (void)comment, (void)cap;
	return kf_fail(why, "encrypted keys are not supported in this build", E_UNSUPPORTED);
#endif
}

int kf_openssh_parse(const uint8_t *bin, size_t n, struct key *k, char *comment, size_t comment_cap,
                     const struct kf_pass *pass, const char **why)
{
	struct rd r;
	struct view pubblob, sec;
	struct kf_enc enc;
	struct key pub;
	uint32_t nkeys;
	int rc;

	rd_init(&r, bin, n);
	if ((rc = parse_header(&r, &enc, &nkeys, why)) != E_OK)
		return rc;
	rd_string(&r, KEY_MAX_PUB_BLOB, &pubblob);
	rd_string(&r, n, &sec);
	if ((rc = rd_end(&r)) != E_OK)
		return kf_fail_rc(why, rc);
	memset(&pub, 0, sizeof(pub));
	rc = key_from_blob(&pub, pubblob.p, pubblob.len);
	if (rc != E_OK)
		return kf_fail_rc(why, rc);
	if (is_encrypted(&enc))
		rc = open_private(&enc, sec, pass, k, comment, comment_cap, why);
	else
		rc = parse_private(sec, 0, k, comment, comment_cap, why);
	if (rc == E_OK && !key_equal_public(&pub, k))
		rc = kf_fail(why, "public and private keys do not match", E_FORMAT);
	key_free(&pub);
	return rc;
}

/* ---- Writing -------------------------------------------------------------- */

/* check, check, private fields, comment, padding to the block size. */
static int put_private_section(const struct key *k, const char *comment, struct wr *w)
{
	size_t start = w->len;
	uint32_t check;
	uint8_t i;
	int rc;

	if (random_bytes(&check, sizeof(check)) != E_OK)
		return E_IO;
	wr_u32(w, check);
	wr_u32(w, check);
	wipe(&check, sizeof(check));
	if ((rc = key_put_private(k, w)) != E_OK)
		return rc;
	wr_cstr(w, comment ? comment : "");
	for (i = 1; w->err == E_OK && (w->len - start) % BLOCK != 0; i++)
		wr_u8(w, i);
	return w->err;
}

static int put_binary(const struct key *k, const char *comment, struct wr *w)
{
	size_t at;
	int rc;

	wr_bytes(w, magic, MAGIC_LEN);
	wr_cstr(w, "none");
	wr_cstr(w, "none");
	wr_string(w, "", 0);
	wr_u32(w, 1);
	at = w->len;
	wr_u32(w, 0);
	if ((rc = key_put_public(k, w)) != E_OK)
		return rc;
	wr_patch_u32(w, at, (uint32_t)(w->len - at - 4));
	at = w->len;
	wr_u32(w, 0);
	if ((rc = put_private_section(k, comment, w)) != E_OK)
		return rc;
	return wr_patch_u32(w, at, (uint32_t)(w->len - at - 4));
}

/* Base64 in 70-column lines.  210 input bytes make exactly 4 lines, so
 * encoding in 210-byte pieces keeps the lines whole. */
static int put_armoured(const uint8_t *bin, size_t n, struct wr *w)
{
	char text[210 / 3 * 4 + 1];
	size_t i, j, take, len;

	wr_bytes(w, PEM_BEGIN, strlen(PEM_BEGIN));
	for (i = 0; i < n && w->err == E_OK; i += take) {
		take = n - i < 210 ? n - i : 210;
		base64_enc(bin + i, take, 1, text, sizeof(text), &len);
		for (j = 0; j < len; j += COLUMNS) {
			wr_bytes(w, text + j, len - j < COLUMNS ? len - j : COLUMNS);
			wr_u8(w, '\n');
		}
	}
	wipe(text, sizeof(text));
	return wr_bytes(w, PEM_END, strlen(PEM_END));
}

int keyfile_write_openssh(const struct key *k, const char *comment, struct wr *w)
{
	struct wr b;
	uint8_t *bin;
	int rc;

	if (!k->has_private || !kf_comment_ok(comment))
		return E_ARG;
	bin = malloc(KEYFILE_MAX_BIN);
	if (!bin)
		return E_NOMEM;
	wr_init(&b, bin, KEYFILE_MAX_BIN);
	rc = put_binary(k, comment, &b);
	if (rc == E_OK)
		rc = put_armoured(bin, b.len, w);
	wipe(bin, KEYFILE_MAX_BIN);
	free(bin);
	return rc;
}
