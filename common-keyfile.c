/*
 * common-keyfile.c - key file format detection, PEM armour (RFC 7468),
 * and public key lines ("TYPE BASE64 COMMENT").  The formats themselves
 * live in common-keyfile-openssh.c, -asn1.c and -dropbear.c; reading and
 * writing files in common-keyfile-io.c.
 */
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-base64.h"
#include "common-rd.h"
#include "common-wipe.h"
#include "common-keyfile.h"
#include "common-keyfile-int.h"

/* ---- Helpers shared by the format files -------------------------------- */

int kf_fail(const char **why, const char *msg, int rc)
{
	*why = msg;
	return rc;
}

int kf_fail_rc(const char **why, int rc)
{
	switch (rc) {
	case E_SHORT: *why = "truncated key data"; break;
	case E_TRAILING: *why = "unexpected data after the key"; break;
	case E_TOOBIG: *why = "a key field is too large"; break;
	case E_UNSUPPORTED: *why = "unsupported key type or size"; break;
	case E_FORMAT: *why = "malformed or inconsistent key data"; break;
	case E_CRYPTO: *why = "invalid key (consistency check failed)"; break;
	case E_NOMEM: *why = "out of memory"; break;
	default: *why = err_str(rc); break;
	}
	return rc;
}

static int is_ctrl(uint8_t c)
{
	return c < 0x20 || c == 0x7f;
}

void kf_copy_comment(char *dst, size_t cap, struct view v)
{
	size_t i, n;

	if (cap == 0)
		return;
	n = v.len < cap - 1 ? v.len : cap - 1;
	for (i = 0; i < n; i++)
		dst[i] = is_ctrl(v.p[i]) ? '?' : (char)v.p[i];
	dst[n] = '\0';
}

int kf_comment_ok(const char *comment)
{
	size_t i;

	if (!comment)
		return 1;
	for (i = 0; comment[i]; i++)
		if (is_ctrl((uint8_t)comment[i]) || i + 1 >= KEYFILE_MAX_COMMENT)
			return 0;
	return 1;
}

/* ---- Lines and tokens, read through the cursor -------------------------- */

static int is_blank(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* The next line without its '\n' (the last one may lack it); E_SHORT at
 * the end of the input. */
static int next_line(struct rd *r, struct view *line)
{
	size_t left = rd_left(r);
	const uint8_t *nl;
	struct view skip;

	if (r->err != E_OK || left == 0)
		return r->err != E_OK ? r->err : E_SHORT;
	nl = memchr(r->p + r->off, '\n', left);
	rd_bytes(r, nl ? (size_t)(nl - (r->p + r->off)) : left, line);
	if (nl)
		rd_bytes(r, 1, &skip);
	while (line->len > 0 && is_blank(line->p[line->len - 1]))
		line->len--;
	return r->err;
}

/* Skips blanks, then reads the next run of non-blank bytes (may be empty). */
static void next_token(struct rd *r, struct view *tok)
{
	size_t i = 0;
	struct view skip;

	while (rd_left(r) > i && (r->p[r->off + i] == ' ' || r->p[r->off + i] == '\t'))
		i++;
	rd_bytes(r, i, &skip);
	for (i = 0; rd_left(r) > i && r->p[r->off + i] != ' ' && r->p[r->off + i] != '\t'; i++)
		;
	rd_bytes(r, i, tok);
}

static int starts_with(struct view v, const char *s)
{
	size_t n = strlen(s);

	return v.len >= n && memcmp(v.p, s, n) == 0;
}

static int ends_with(struct view v, const char *s)
{
	size_t n = strlen(s);

	return v.len >= n && memcmp(v.p + v.len - n, s, n) == 0;
}

static int view_has(struct view v, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; v.len >= n && i <= v.len - n; i++)
		if (memcmp(v.p + i, s, n) == 0)
			return 1;
	return 0;
}

/* ---- PEM armour (RFC 7468 section 2) ------------------------------------ */

/* Skips lines up to a "-----BEGIN LABEL-----" line (RFC 7468 lets text come
 * before it) and sets *label.  Returns 1 if found, else 0.  A block of
 * "EC PARAMETERS" (which `openssl ecparam -genkey` writes before the key)
 * counts as such text: the key names its curve itself. */
static int pem_begin(struct rd *r, struct view *label)
{
	struct view line;

	while (next_line(r, &line) == E_OK) {
		if (line.len >= 16 && starts_with(line, "-----BEGIN ") &&
		    ends_with(line, "-----")) {
			label->p = line.p + 11;
			label->len = line.len - 16;
			if (!ends_with(*label, " PARAMETERS"))
				return 1;
		}
	}
	return 0;
}

/* Encrypted PEM and PKCS#8 are refused whatever the passphrase, so that
 * E_PASSPHRASE always means a passphrase would help. */
#define PEM_ENCRYPTED \
	"encrypted PEM keys are not supported (ssh-keygen -p rewrites it in OpenSSH format)"

/* Decides from the label alone whether we read this PEM type. */
static int pem_label_check(struct view label, const char **why)
{
	if (view_eq(label, "OPENSSH PRIVATE KEY") || view_eq(label, "RSA PRIVATE KEY") ||
	    view_eq(label, "EC PRIVATE KEY") || view_eq(label, "PRIVATE KEY"))
		return E_OK;
	if (view_eq(label, "ENCRYPTED PRIVATE KEY"))
		return kf_fail(why, PEM_ENCRYPTED, E_UNSUPPORTED);
	if (view_eq(label, "DSA PRIVATE KEY"))
		return kf_fail(why, "unsupported key type (DSA)", E_UNSUPPORTED);
	if (view_has(label, "PUBLIC KEY"))
		return kf_fail(why, "this is a public key, not a private key", E_FORMAT);
	return kf_fail(why, "unsupported PEM type", E_UNSUPPORTED);
}

/* Reads the lines after BEGIN up to the matching END line; *body spans
 * them.  Only whitespace may follow END.  Pre-RFC 7468 headers
 * ("Proc-Type: 4,ENCRYPTED", "DEK-Info: ...") are rejected. */
static int pem_body(struct rd *r, struct view label, struct view *body, const char **why)
{
	const uint8_t *start = r->p + r->off;
	struct view line;
	int headers = 0, encrypted = 0;

	while (next_line(r, &line) == E_OK) {
		if (!starts_with(line, "-----END ")) {
			if (view_has(line, ":"))
				headers = 1;
			if (starts_with(line, "Proc-Type:") && view_has(line, "ENCRYPTED"))
				encrypted = 1;
			continue;
		}
		if (line.len != label.len + 14 || !ends_with(line, "-----") ||
		    memcmp(line.p + 9, label.p, label.len) != 0)
			return kf_fail(why, "PEM END line does not match BEGIN", E_FORMAT);
		body->p = start;
		body->len = (size_t)(line.p - start);
		while (next_line(r, &line) == E_OK)
			if (line.len > 0)
				return kf_fail(why, "data after the PEM END line", E_TRAILING);
		if (encrypted)
			return kf_fail(why, PEM_ENCRYPTED, E_UNSUPPORTED);
		if (headers)
			return kf_fail(why, "PEM headers are not supported", E_UNSUPPORTED);
		return E_OK;
	}
	return kf_fail(why, "truncated (no PEM END line)", E_SHORT);
}

static int pem_dispatch(struct view label, const uint8_t *bin, size_t n, struct key *k,
                        char *comment, size_t cap, const struct kf_pass *pass, const char **why)
{
	if (view_eq(label, "OPENSSH PRIVATE KEY"))
		return kf_openssh_parse(bin, n, k, comment, cap, pass, why);
	if (view_eq(label, "RSA PRIVATE KEY"))
		return kf_pkcs1_parse(bin, n, k, why);
	if (view_eq(label, "EC PRIVATE KEY"))
		return kf_sec1_parse(bin, n, k, why);
	return kf_pkcs8_parse(bin, n, k, why);
}

static int parse_pem(const uint8_t *buf, size_t n, struct key *k, char *comment, size_t cap,
                     const struct kf_pass *pass, const char **why)
{
	struct rd r;
	struct view label, body;
	uint8_t *bin;
	size_t max, len;
	int rc;

	rd_init(&r, buf, n);
	if (!pem_begin(&r, &label))
		return kf_fail(why, "no PEM BEGIN line", E_FORMAT);
	if ((rc = pem_label_check(label, why)) != E_OK ||
	    (rc = pem_body(&r, label, &body, why)) != E_OK)
		return rc;
	max = base64_dec_max(body.len);
	bin = malloc(max);
	if (!bin)
		return kf_fail(why, "out of memory", E_NOMEM);
	rc = base64_dec((const char *)body.p, body.len, bin, max, &len);
	if (rc != E_OK)
		rc = kf_fail(why, "bad base64 in the PEM body", E_FORMAT);
	else
		rc = pem_dispatch(label, bin, len, k, comment, cap, pass, why);
	wipe(bin, max);
	free(bin);
	return rc;
}

/* ---- Detection ------------------------------------------------------------ */

static int has_pem_begin(const uint8_t *buf, size_t n)
{
	struct rd r;
	struct view label;

	rd_init(&r, buf, n);
	return pem_begin(&r, &label);
}

static int looks_public(const uint8_t *buf, size_t n)
{
	struct view all = {buf, n}, tok;
	struct rd r;

	rd_init(&r, buf, n);
	next_token(&r, &tok);
	return key_type_from_name(tok) != KEY_NONE || starts_with(tok, "ssh-") ||
	       starts_with(tok, "ecdsa-") || starts_with(tok, "sk-") ||
	       starts_with(all, "---- BEGIN SSH2 PUBLIC KEY");
}

static int parse_any(const uint8_t *buf, size_t n, struct key *k, char *comment, size_t cap,
                     const struct kf_pass *pass, const char **why)
{
	if (n == 0)
		return kf_fail(why, "empty file", E_FORMAT);
	if (kf_dropbear_sniff(buf, n))
		return kf_dropbear_parse(buf, n, k, why);
	if (has_pem_begin(buf, n))
		return parse_pem(buf, n, k, comment, cap, pass, why);
	if (looks_public(buf, n))
		return kf_fail(why, "this is a public key, not a private key", E_FORMAT);
	return kf_fail(why, "not a private key file (unknown format)", E_FORMAT);
}

int kf_parse(const uint8_t *buf, size_t n, struct key *k, char *comment, size_t comment_cap,
             const struct kf_pass *pass, const char **why)
{
	static const struct view none = {(const uint8_t *)"", 0};
	const char *dummy;
	int rc;

	if (!why)
		why = &dummy;
	*why = "success";
	memset(k, 0, sizeof(*k));
	kf_copy_comment(comment, comment ? comment_cap : 0, none);
	rc = parse_any(buf, n, k, comment, comment ? comment_cap : 0, pass, why);
	if (rc != E_OK) {
		key_free(k);
		kf_copy_comment(comment, comment ? comment_cap : 0, none);
	}
	return rc;
}

int keyfile_parse_why(const uint8_t *buf, size_t n, struct key *k, char *comment,
                      size_t comment_cap, const char **why)
{
	return kf_parse(buf, n, k, comment, comment_cap, NULL, why);
}

void kf_pass_init(struct kf_pass *p, const char *pass, size_t len)
{
	p->pass = pass;
	p->len = pass ? len : 0;
#if SHREW_ENCRYPTED_KEYS
	p->decrypt = kf_openssh_decrypt;
#else
	p->decrypt = NULL;
#endif
}

int keyfile_parse_pass(const uint8_t *buf, size_t n, struct key *k, char *comment,
                       size_t comment_cap, const char *pass, size_t passlen, const char **why)
{
	struct kf_pass p;

	kf_pass_init(&p, pass, passlen);
	return kf_parse(buf, n, k, comment, comment_cap, &p, why);
}

int keyfile_parse(const uint8_t *buf, size_t n, struct key *k, char *comment, size_t comment_cap)
{
	return keyfile_parse_why(buf, n, k, comment, comment_cap, NULL);
}

/* ---- Public key lines ------------------------------------------------------ */

/* Splits "TYPE BASE64 [COMMENT]" (one line, no NUL) into its fields. */
static int split_public_line(const char *line, size_t n, struct view *type, struct view *b64,
                             struct view *comment)
{
	struct rd r;

	if (n > 0 && line[n - 1] == '\n')
		n--;
	if (n > 0 && line[n - 1] == '\r')
		n--;
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	if (n == 0 || memchr(line, '\n', n) || memchr(line, '\r', n) || memchr(line, 0, n))
		return E_FORMAT;
	rd_init(&r, line, n);
	next_token(&r, type);
	next_token(&r, b64);
	next_token(&r, comment);
	/* The comment is the rest of the line, spaces included. */
	comment->len = (size_t)((const uint8_t *)line + n - comment->p);
	if (type->len == 0 || b64->len == 0)
		return E_FORMAT;
	return E_OK;
}

int keyfile_parse_public_line(const char *line, size_t n, struct key *k, char *comment,
                              size_t comment_cap)
{
	static const struct view none = {(const uint8_t *)"", 0};
	struct view type, b64, cm = none;
	uint8_t blob[KEY_MAX_PUB_BLOB];
	size_t len;
	enum key_type t;
	int rc;

	memset(k, 0, sizeof(*k));
	kf_copy_comment(comment, comment ? comment_cap : 0, none);
	rc = split_public_line(line, n, &type, &b64, &cm);
	if (rc != E_OK)
		return rc;
	t = key_type_from_name(type);
	if (t == KEY_NONE)
		return E_UNSUPPORTED;
	if (b64.len > base64_enc_len(sizeof(blob)))
		return E_TOOBIG;
	rc = base64_dec((const char *)b64.p, b64.len, blob, sizeof(blob), &len);
	if (rc == E_OK)
		rc = key_from_blob(k, blob, len);
	if (rc == E_OK && k->type != t)
		rc = E_FORMAT; /* the name does not match the blob */
	if (rc != E_OK) {
		key_free(k);
		return rc;
	}
	kf_copy_comment(comment, comment ? comment_cap : 0, cm);
	return E_OK;
}

int keyfile_public_line(const struct key *k, const char *comment, char *out, size_t cap)
{
	uint8_t blob[KEY_MAX_PUB_BLOB];
	const char *name = key_type_name(k->type);
	struct wr w;
	size_t nl, bl, cl, o;
	int rc;

	if (!name || !kf_comment_ok(comment))
		return E_ARG;
	wr_init(&w, blob, sizeof(blob));
	rc = key_put_public(k, &w);
	if (rc != E_OK)
		return rc;
	nl = strlen(name);
	bl = base64_enc_len(w.len);
	cl = comment ? strlen(comment) : 0;
	if (cap < nl + 1 + bl + 1 || cap - (nl + 1 + bl + 1) < (cl ? cl + 1 : 0))
		return E_TOOBIG;
	memcpy(out, name, nl);
	out[nl] = ' ';
	base64_enc(blob, w.len, 1, out + nl + 1, cap - nl - 1, NULL);
	o = nl + 1 + bl;
	if (cl) {
		out[o++] = ' ';
		memcpy(out + o, comment, cl);
		o += cl;
	}
	out[o] = '\0';
	return E_OK;
}
