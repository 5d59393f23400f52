/*
 * cli-auth-pubkey.c - the client's "publickey" method (RFC 4252 7, RFC
 * 8332, RFC 8308 server-sig-algs): the agent's keys first (a query, then
 * the agent signs after PK_OK), then each identity file in order.  An
 * unencrypted file signs at once; an encrypted one is offered by its
 * FILE.pub first and its passphrase asked only after PK_OK (without
 * FILE.pub: asked at once).  At most one private key is in memory, and
 * only while a request is signed.
 *
 * Requests (RFC 4252 7):
 *   byte 50, string user, string "ssh-connection", string "publickey",
 *   boolean FALSE, string alg, string blob                    (a query)
 *   ... boolean TRUE, string alg, string blob, string signature
 * signed over: string session id, then the request up to the blob.
 *   PK_OK: byte 60, string alg, string blob
 */
#include "options.h"

#if SHREW_CLIENT

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common-err.h"
#include "common-keyfile.h"
#include "common-wipe.h"
#include "cli-auth-int.h"

/* Room for an identity's path with ".pub" and a prompt around it. */
#define PK_PATH_CAP (CLI_MAX_PATH + 8)
#define PK_PROMPT_CAP (CLI_MAX_PATH + 64)

/* RSA: rsa-sha2-512 if server-sig-algs lists it, else rsa-sha2-256 if
 * listed.  Without EXT_INFO (or when it lists neither) rsa-sha2-256;
 * with SHREW_RSA_SHA1 built in, ssh-rsa instead when there was no
 * EXT_INFO or it lists only ssh-rsa, as OpenSSH does with old servers. */
enum sig_alg cli_auth_sig_for(enum key_type t, int ext_seen, unsigned server_algs)
{
	if (t != KEY_RSA)
		return key_default_sig(t);
#if SHREW_RSA
	if (ext_seen && (server_algs & (1u << SIG_RSA_SHA512)))
		return SIG_RSA_SHA512;
	if (ext_seen && (server_algs & (1u << SIG_RSA_SHA256)))
		return SIG_RSA_SHA256;
#if SHREW_RSA_SHA1
	if (!ext_seen || (server_algs & (1u << SIG_RSA_SHA1)))
		return SIG_RSA_SHA1;
#endif
	return SIG_RSA_SHA256;
#else
	return SIG_NONE;
#endif
}

int cli_auth_pk_ok_parse(const uint8_t *p, size_t n, struct view *alg, struct view *blob)
{
	uint8_t type = 0;
	struct rd r;

	rd_init(&r, p, n);
	rd_u8(&r, &type);
	if (r.err == E_OK && type != SSH_MSG_USERAUTH_PK_OK)
		return E_FORMAT;
	rd_text(&r, 64, alg);
	rd_string(&r, KEY_MAX_PUB_BLOB, blob);
	return rd_end(&r);
}

static uint32_t agent_flags(enum sig_alg a)
{
#if SHREW_RSA
	if (a == SIG_RSA_SHA512)
		return SSH_AGENT_RSA_SHA2_512;
	if (a == SIG_RSA_SHA256)
		return SSH_AGENT_RSA_SHA2_256;
#endif
	(void)a;
	return 0;
}

/* The public blob of k into out (KEY_MAX_PUB_BLOB bytes); 0 on failure. */
static size_t blob_of(const struct key *k, uint8_t *out)
{
	struct wr w;

	wr_init(&w, out, KEY_MAX_PUB_BLOB);
	return key_put_public(k, &w) == E_OK ? w.len : 0;
}

/* Makes k's public half the key on offer.  0 if it cannot be offered. */
static int set_offer(struct sess *s, const struct key *k, enum cli_pk_src src, int file)
{
	struct cli_auth *a = s->cli->auth;

	a->pk_blob_len = blob_of(k, a->pk_blob);
	a->pk_alg = cli_auth_sig_for(k->type, s->cli->ext_info_seen, s->cli->server_sig_algs);
	a->pk_src = src;
	a->pk_file = file;
	return a->pk_blob_len > 0 && sig_alg_name(a->pk_alg) != NULL;
}

/* Reads PATH.pub into *k.  E_OK or an error (missing file: E_IO). */
static int load_pub(const char *path, struct key *k)
{
	char name[PK_PATH_CAP], line[KEYFILE_MAX_PUBLINE];
	size_t n = 0;
	ssize_t r;
	int fd;

	k->type = KEY_NONE;
	if ((size_t)snprintf(name, sizeof(name), "%s.pub", path) >= sizeof(name))
		return E_TOOBIG;
	fd = open(name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return E_IO;
	while (n < sizeof(line)) {
		r = read(fd, line + n, sizeof(line) - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (memchr(line, '\n', n) != NULL)
		n = (size_t)((char *)memchr(line, '\n', n) - line) + 1;
	return keyfile_parse_public_line(line, n, k, NULL, 0);
}

/* 1 if identity file path holds the key with this blob (checked through
 * PATH.pub, or the file itself when it opens without a passphrase). */
static int file_has_blob(const char *path, struct view blob)
{
	uint8_t b[KEY_MAX_PUB_BLOB];
	struct key k;
	size_t n;

	if (load_pub(path, &k) != E_OK &&
	    keyfile_load_pass(path, &k, NULL, 0, NULL, 0, NULL) != E_OK)
		return 0;
	n = blob_of(&k, b);
	key_free(&k);
	return n == blob.len && n > 0 && memcmp(b, blob.p, n) == 0;
}

/* IdentitiesOnly: 1 if some identity file holds this agent key. */
static int identity_has(const struct cli_opts *o, struct view blob)
{
	int i;

	for (i = 0; i < o->n_identities && i < CLI_MAX_IDENTITIES; i++)
		if (o->identities[i] != NULL && file_has_blob(o->identities[i], blob))
			return 1;
	return 0;
}

static int send_query(struct sess *s)
{
	struct cli_auth *a = s->cli->auth;
	struct wr w;
	size_t body;
	int rc;

	cli_auth_req_begin(s, &w, "publickey", &body);
	wr_bool(&w, 0);
	wr_cstr(&w, sig_alg_name(a->pk_alg));
	wr_string(&w, a->pk_blob, a->pk_blob_len);
	if (w.err)
		return w.err;
	a->pk_query = 1;
	rc = sess_send(s, a->msg + body, w.len - body);
	return rc != E_OK ? rc : 1;
}

/* The signed request up to the blob, after the session id string. */
static int begin_signed(struct sess *s, struct wr *w, size_t *body)
{
	struct cli_auth *a = s->cli->auth;

	cli_auth_req_begin(s, w, "publickey", body);
	wr_bool(w, 1);
	wr_cstr(w, sig_alg_name(a->pk_alg));
	wr_string(w, a->pk_blob, a->pk_blob_len);
	return w->err;
}

static int send_signed(struct sess *s, struct wr *w, size_t body)
{
	struct cli_auth *a = s->cli->auth;
	int rc;

	if (w->err)
		return w->err;
	a->pk_query = 0;
	rc = sess_send(s, a->msg + body, w->len - body);
	return rc != E_OK ? rc : 1;
}

/* Signs the request with private key k and sends it: 1, 0 (skip), error. */
static int sign_with_key(struct sess *s, const struct key *k)
{
	struct cli_auth *a = s->cli->auth;
	size_t body, at;
	struct wr w;
	int rc;

	rc = begin_signed(s, &w, &body);
	if (rc != E_OK)
		return rc;
	at = w.len;
	wr_u32(&w, 0);
	rc = key_sign(k, a->pk_alg, a->msg, at, &w);
	if (rc != E_OK) {
		cli_auth_warn(s, "cannot sign with the key: %s", err_str(rc));
		return 0;
	}
	wr_patch_u32(&w, at, (uint32_t)(w.len - at - 4));
	return send_signed(s, &w, body);
}

/* Has the agent sign the request and sends it: 1, 0 (skip), error. */
static int sign_with_agent(struct sess *s)
{
	struct cli_auth *a = s->cli->auth;
	uint8_t sig[KEY_MAX_SIG_BLOB];
	size_t body, sig_len = 0;
	struct view name;
	struct wr w;
	struct rd r;
	int rc;

	rc = begin_signed(s, &w, &body);
	if (rc != E_OK)
		return rc;
	rc = agent_sign(a->agent_fd, a->pk_blob, a->pk_blob_len, a->msg, w.len,
	                agent_flags(a->pk_alg), sig, sizeof(sig), &sig_len);
	if (rc != E_OK) {
		cli_auth_warn(s, "the agent did not sign: %s", err_str(rc));
		return 0;
	}
	rd_init(&r, sig, sig_len);
	if (rd_text(&r, 64, &name) != E_OK || !view_eq(name, sig_alg_name(a->pk_alg))) {
		cli_auth_warn(s, "the agent signed with another algorithm than %s",
		              sig_alg_name(a->pk_alg));
		return 0;
	}
	wr_string(&w, sig, sig_len);
	return send_signed(s, &w, body);
}

/* Asks for the passphrase of identity idx (up to 3 tries) and opens it.
 * E_OK with *k; 1 to skip the key; or an error (cancelled). */
static int unlock(struct sess *s, int idx, struct key *k)
{
	const char *path = s->cli->opts->identities[idx], *why = NULL;
	char prompt[PK_PROMPT_CAP], pass[CLI_AUTH_ANSWER_MAX];
	size_t len = 0;
	int tries, rc;

	snprintf(prompt, sizeof(prompt), "Enter passphrase for key '%s': ", path);
	for (tries = 0; tries < CLI_AUTH_PASSPHRASE_TRIES; tries++) {
		rc = cli_auth_ask(s, prompt, 0, pass, sizeof(pass), &len);
		if (rc != 0)
			return rc;
		if (len == 0)
			return 1; /* an empty passphrase skips the key, as in ssh */
		rc = keyfile_load_pass(path, k, NULL, 0, pass, len, &why);
		wipe(pass, sizeof(pass));
		if (rc == E_OK)
			return E_OK;
		if (rc != E_PASSPHRASE) {
			cli_auth_warn(s, "load key \"%s\": %s", path, why ? why : err_str(rc));
			return 1;
		}
		fprintf(stderr, "shrew: wrong passphrase for key '%s'\n", path);
	}
	return 1;
}

/* Opens encrypted identity idx and sends the signed request; offered:
 * the key was offered by its .pub (it must match). */
static int unlock_and_sign(struct sess *s, int idx, int offered)
{
	struct cli_auth *a = s->cli->auth;
	uint8_t blob[KEY_MAX_PUB_BLOB];
	struct key k;
	int rc;

	rc = unlock(s, idx, &k);
	if (rc != E_OK)
		return rc < 0 ? rc : 0;
	if (offered) {
		size_t n = blob_of(&k, blob);
		if (n != a->pk_blob_len || memcmp(blob, a->pk_blob, n) != 0) {
			cli_auth_warn(s, "%s.pub does not match its private key",
			              s->cli->opts->identities[idx]);
			key_free(&k);
			return 0;
		}
	} else if (!set_offer(s, &k, PK_FILE, idx)) {
		key_free(&k);
		return 0;
	}
	rc = sign_with_key(s, &k);
	key_free(&k);
	return rc;
}

/* An encrypted identity file: its .pub as a query, or ask now. */
static int try_encrypted(struct sess *s, int idx)
{
	const char *path = s->cli->opts->identities[idx];
	struct cli_auth *a = s->cli->auth;
	struct key pub;
	int ok;

	if (s->cli->opts->batch) {
		cli_auth_debug(s, "skipping encrypted key %s (BatchMode)", path);
		return 0;
	}
	if (load_pub(path, &pub) != E_OK)
		return unlock_and_sign(s, idx, 0);
	ok = set_offer(s, &pub, PK_FILE, idx);
	key_free(&pub);
	if (!ok || agent_ids_has(&a->ids, a->pk_blob, a->pk_blob_len))
		return 0;
	cli_auth_debug(s, "Offering public key: %s", path);
	return send_query(s);
}

/* Identity file idx: 1 request sent, 0 skipped, or an error. */
static int try_file(struct sess *s, int idx)
{
	const char *path = s->cli->opts->identities[idx], *why = NULL;
	struct cli_auth *a = s->cli->auth;
	struct key k;
	int rc;

	if (path == NULL)
		return 0;
	rc = keyfile_load_pass(path, &k, NULL, 0, NULL, 0, &why);
	if (rc == E_PASSPHRASE)
		return try_encrypted(s, idx);
	if (rc == E_IO && errno == ENOENT) {
		cli_auth_debug(s, "no identity file %s", path);
		return 0;
	}
	if (rc != E_OK) {
		cli_auth_warn(s, "load key \"%s\": %s", path, why ? why : err_str(rc));
		return 0;
	}
	if (!set_offer(s, &k, PK_FILE, idx) || agent_ids_has(&a->ids, a->pk_blob, a->pk_blob_len)) {
		key_free(&k);
		return 0;
	}
	cli_auth_debug(s, "Offering public key: %s", path);
	rc = sign_with_key(s, &k);
	key_free(&k);
	return rc;
}

static void pk_start(struct sess *s)
{
	struct cli_auth *a = s->cli->auth;
	int rc;

	a->pk_started = 1;
	a->agent_fd = agent_connect();
	if (a->agent_fd < 0)
		return;
	rc = agent_list(a->agent_fd, &a->ids);
	if (rc != E_OK) {
		cli_auth_debug(s, "cannot list the agent's keys: %s", err_str(rc));
		close(a->agent_fd);
		a->agent_fd = -1;
	}
}

/* The next agent key to offer: 1 sent, 0 none left, or an error. */
static int next_agent_key(struct sess *s)
{
	struct cli_auth *a = s->cli->auth;
	const struct cli_opts *o = s->cli->opts;

	while (a->agent_fd >= 0 && a->agent_next < a->ids.n) {
		const struct agent_id *id = &a->ids.id[a->agent_next++];
		char comment[128];
		if (o->identities_only && !identity_has(o, id->blob))
			continue;
		memcpy(a->pk_blob, id->blob.p, id->blob.len);
		a->pk_blob_len = id->blob.len;
		a->pk_alg =
		    cli_auth_sig_for(id->type, s->cli->ext_info_seen, s->cli->server_sig_algs);
		a->pk_src = PK_AGENT;
		if (sig_alg_name(a->pk_alg) == NULL)
			continue;
		cli_auth_sanitize(id->comment.p, id->comment.len, comment, sizeof(comment));
		cli_auth_debug(s, "Offering public key from the agent: %s", comment);
		return send_query(s);
	}
	return 0;
}

int cli_auth_pubkey_next(struct sess *s)
{
	struct cli_auth *a = s->cli->auth;
	const struct cli_opts *o = s->cli->opts;
	int rc;

	if (!a->pk_started)
		pk_start(s);
	rc = next_agent_key(s);
	if (rc != 0)
		return rc;
	while (a->file_next < o->n_identities && a->file_next < CLI_MAX_IDENTITIES) {
		rc = try_file(s, a->file_next++);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int cli_auth_pubkey_ok(struct sess *s, const uint8_t *p, size_t n)
{
	struct cli_auth *a = s->cli->auth;
	struct view alg, blob;

	if (cli_auth_pk_ok_parse(p, n, &alg, &blob) != E_OK)
		return cli_auth_proto_error(s, "malformed USERAUTH_PK_OK");
	if (!view_eq(alg, sig_alg_name(a->pk_alg)) || blob.len != a->pk_blob_len ||
	    memcmp(blob.p, a->pk_blob, blob.len) != 0)
		return cli_auth_proto_error(s, "USERAUTH_PK_OK for a key not offered");
	a->pk_query = 0;
	if (a->pk_src == PK_AGENT)
		return a->agent_fd >= 0 ? sign_with_agent(s) : 0;
	return unlock_and_sign(s, a->pk_file, 1);
}

void cli_auth_pubkey_end(struct cli_auth *a)
{
	if (a->agent_fd >= 0)
		close(a->agent_fd);
	a->agent_fd = -1;
	agent_ids_free(&a->ids);
	a->agent_next = 0;
	wipe(a->pk_blob, sizeof(a->pk_blob));
	a->pk_blob_len = 0;
	a->pk_query = 0;
}

#endif /* SHREW_CLIENT */
