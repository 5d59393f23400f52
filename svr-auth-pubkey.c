/*
 * svr-auth-pubkey.c - the "publickey" method (RFC 4252 7, RFC 8332).
 *
 *   byte      SSH_MSG_USERAUTH_REQUEST
 *   string    user name
 *   string    service name
 *   string    "publickey"
 *   boolean   FALSE (a query) or TRUE (signed)
 *   string    public key algorithm name
 *   string    public key blob
 *   string    signature (only when TRUE), over:
 *     string session identifier, byte 50, string user name,
 *     string service name, string "publickey", boolean TRUE,
 *     string public key algorithm name, string public key blob
 *
 * A query for an authorized key gets SSH_MSG_USERAUTH_PK_OK (string
 * algorithm, string blob) and does not count as a failure.  The key must
 * be on a line of the user's authorized_keys (~/.ssh/authorized_keys,
 * or DIR/authorized_keys with -D DIR, "~" in DIR meaning the home) whose
 * options allow this client (from=, expiry-time, not cert-authority).
 * The file and the directories above it must pass authkeys_check_perms().
 * The algorithm must suit the key (rsa-sha2-256/512 for an ssh-rsa key,
 * ssh-rsa itself only when built with SHREW_RSA_SHA1), and the
 * signature's algorithm must be the one requested.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common-err.h"
#include "common-fingerprint.h"
#include "common-key.h"
#include "common-log.h"
#include "common-wr.h"
#include "svr-auth.h"
#include "svr-opts.h"

/* The signed data's largest size. */
#define SIGNED_MAX                                                                               \
	(4 + HASH_MAX_LEN + 1 + 4 + SHREW_MAX_USERNAME + 4 + USERAUTH_MAX_NAME + 4 + 9 + 1 + 4 + \
	 USERAUTH_MAX_NAME + 4 + KEY_MAX_PUB_BLOB)

static int alg_suits(enum sig_alg alg, enum key_type t)
{
	switch (t) {
	case KEY_ED25519: return alg == SIG_ED25519;
	case KEY_ECDSA_P256: return alg == SIG_ECDSA_P256;
	case KEY_ECDSA_P384: return alg == SIG_ECDSA_P384;
	case KEY_ECDSA_P521: return alg == SIG_ECDSA_P521;
	case KEY_RSA: return alg == SIG_RSA_SHA256 || alg == SIG_RSA_SHA512 || alg == SIG_RSA_SHA1;
	case KEY_NONE: break;
	}
	return 0;
}

/* Logs one outcome: "Pubkey auth WHAT for 'USER' with ALG key FP from PEER". */
static void log_key(const struct sess *s, const char *what, const struct key *k, enum sig_alg alg)
{
	char fp[KEY_FP_LEN], peer[96];

	if (fingerprint_sha256(k, fp) != E_OK)
		strcpy(fp, "?");
	log_msg(LOG_INFO, "Pubkey auth %s for '%s' with %s key %s from %s", what, s->user,
	        sig_alg_name(alg), fp, svr_auth_peer(s, peer, sizeof(peer)));
}

static int authkeys_path(const struct sess *s, char *out, size_t cap)
{
	const char *dir = s->opts->authkeys_dir, *home = s->auth->pw.home;
	int n;

	if (!dir)
		n = snprintf(out, cap, "%s/.ssh/authorized_keys", home);
	else if (dir[0] == '~' && (dir[1] == 0 || dir[1] == '/'))
		n = snprintf(out, cap, "%s%s/authorized_keys", home, dir + 1);
	else
		n = snprintf(out, cap, "%s/authorized_keys", dir);
	return n > 0 && (size_t)n < cap ? E_OK : E_TOOBIG;
}

/* Reads one line, with its '\n', into buf.  Returns its length, 0 at the
 * end of the file, or -1 for a line longer than cap (read and dropped). */
static long read_line(FILE *f, char *buf, size_t cap)
{
	size_t n = 0;
	int c = EOF, over = 0;

	while ((c = getc(f)) != EOF) {
		if (n < cap)
			buf[n++] = (char)c;
		else
			over = 1;
		if (c == '\n')
			break;
	}
	if (over)
		return -1;
	return (long)n;
}

/* Opens path for reading if it is (still) a regular file: a FIFO put
 * there after the permission check must not block the connection. */
static FILE *open_regular(const char *path)
{
	struct stat st;
	FILE *f;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 || !(f = fdopen(fd, "r"))) {
		close(fd);
		return NULL;
	}
	return f;
}

/* Does this line authorize k for this client?  On 1, s->auth->work holds
 * the parsed line; otherwise it is freed. */
static int line_matches(const struct sess *s, const struct key *k, const char *line, size_t n,
                        const char *path, unsigned int lineno)
{
	struct authkey *ak = s->auth->work;
	const char *why = NULL;
	int rc;

	if (memchr(line, 0, n))
		return 0;
	rc = authkeys_parse_line(line, n, ak);
	if (rc < 0)
		log_msg(LOG_DEBUG, "%s:%u: skipped: %s", path, lineno, ak->why ? ak->why : "?");
	if (rc == E_OK && key_equal_public(&ak->key, k)) {
		if (authkey_allows(ak, time(NULL), NULL, s->peer_ip, &why))
			return 1;
		log_msg(LOG_INFO, "%s:%u: key not allowed for %s: %s", path, lineno, s->peer_ip,
		        why ? why : "?");
	}
	authkey_free(ak);
	return 0;
}

/* Looks k up in the user's authorized_keys.  Returns 1 with the line in
 * s->auth->work, else 0. */
static int find_key(const struct sess *s, const struct key *k)
{
	struct svr_auth *a = s->auth;
	char path[SVR_AUTH_MAX_PATH + 64], why[256];
	unsigned int lineno = 0;
	int found = 0;
	long n;
	FILE *f;

	if (authkeys_path(s, path, sizeof(path)) != E_OK)
		return 0;
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	if (authkeys_check_perms(path, a->pw.uid, a->pw.home, why, sizeof(why)) != E_OK) {
		log_msg(LOG_WARNING, "Not using %s for '%s': %s", path, s->user, why);
		return 0;
	}
	f = open_regular(path);
	if (!f)
		return 0;
	while (!found && (n = read_line(f, a->line, sizeof(a->line))) != 0) {
		lineno++;
		if (n < 0)
			log_msg(LOG_INFO, "%s:%u: line too long, skipped", path, lineno);
		else
			found = line_matches(s, k, a->line, (size_t)n, path, lineno);
	}
	fclose(f);
	return found;
}

/* byte 60 (PK_OK), string algorithm, string blob: echoed from the query */
static int send_pk_ok(struct sess *s, const struct userauth_req *req)
{
	uint8_t buf[1 + 4 + USERAUTH_MAX_NAME + 4 + KEY_MAX_PUB_BLOB];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, SSH_MSG_USERAUTH_PK_OK);
	wr_string(&w, req->alg.p, req->alg.len);
	wr_string(&w, req->blob.p, req->blob.len);
	if (w.err)
		return w.err;
	return svr_auth_send(s, buf, w.len);
}

/* Verifies the request's signature with k.  Returns E_OK or E_VERIFY. */
static int check_signature(const struct sess *s, const struct userauth_req *req,
                           const struct key *k, enum sig_alg alg)
{
	uint8_t data[SIGNED_MAX];
	enum sig_alg used = SIG_NONE;
	struct wr w;

	if (s->session_id_len == 0 || s->session_id_len > HASH_MAX_LEN)
		return E_VERIFY;
	wr_init(&w, data, sizeof(data));
	wr_string(&w, s->session_id, s->session_id_len);
	wr_u8(&w, SSH_MSG_USERAUTH_REQUEST);
	wr_string(&w, req->user.p, req->user.len);
	wr_string(&w, req->service.p, req->service.len);
	wr_cstr(&w, "publickey");
	wr_bool(&w, 1);
	wr_string(&w, req->alg.p, req->alg.len);
	wr_string(&w, req->blob.p, req->blob.len);
	if (w.err)
		return E_VERIFY;
	if (key_verify(k, req->sig.p, req->sig.len, data, w.len, &used) != E_OK || used != alg)
		return E_VERIFY;
	return E_OK;
}

/* The line in work becomes the login's options (kept). */
static void keep_options(struct svr_auth *a)
{
	struct authkey *t = a->kept;

	authkey_free(t);
	a->kept = a->work;
	a->work = t;
	a->have_key_opts = 1;
}

int svr_auth_pubkey(struct sess *s, const struct userauth_req *req)
{
	struct svr_auth *a = s->auth;
	enum sig_alg alg = sig_alg_from_name(req->alg);
	char peer[96];
	struct key k;

	if (!svr_auth_method_allowed(s, AUTH_M_PUBKEY))
		return svr_auth_fail(s, 1);
	if (key_from_blob(&k, req->blob.p, req->blob.len) != E_OK || !alg_suits(alg, k.type)) {
		key_free(&k);
		log_msg(LOG_INFO, "Pubkey auth for '%s': unsupported or malformed %.*s key",
		        s->user, (int)req->alg.len, (const char *)req->alg.p);
		return svr_auth_fail(s, 1);
	}
	if (!a->user_ok || !find_key(s, &k)) {
		if (!a->user_found)
			log_msg(LOG_INFO, "Login attempt for nonexistent user from %s",
			        svr_auth_peer(s, peer, sizeof(peer)));
		else if (a->user_ok)
			log_key(s, "attempt with an unknown key", &k, alg);
		key_free(&k);
		return svr_auth_fail(s, 1);
	}
	if (!req->has_sig) {
		key_free(&k);
		authkey_free(a->work);
		return send_pk_ok(s, req);
	}
	if (check_signature(s, req, &k, alg) != E_OK) {
		log_key(s, "bad signature", &k, alg);
		key_free(&k);
		authkey_free(a->work);
		return svr_auth_fail(s, 1);
	}
	keep_options(a);
	log_key(s, "succeeded", &k, alg);
	key_free(&k);
	return svr_auth_passed(s, AUTH_M_PUBKEY);
}
