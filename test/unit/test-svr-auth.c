/*
 * test-svr-auth.c - server user authentication (svr-auth*.c): the
 * USERAUTH_REQUEST / INFO_RESPONSE parsers (every truncation and a
 * trailing byte rejected), the method list answered to "none" under
 * -s/-g, publickey queries and signatures against a temporary
 * authorized_keys (wrong session id, another user's key, from=, -D, -w),
 * the failure count and its disconnect, password checks against known
 * crypt(3) hashes, password and keyboard-interactive logins, -t, banners.
 *
 * No system user is touched: the test installs its own user lookup
 * (svr_auth_set_lookup) whose users live in a temporary directory, and
 * defines sess_send / sess_disconnect to capture what would be sent.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common-base64.h"
#include "common-err.h"
#include "common-key.h"
#include "common-sess.h"
#include "common-wr.h"
#include "crypto-ltc.h"
#include "svr-auth.h"
#include "svr-opts.h"
#include "unit.h"

/* ---- Captured output --------------------------------------------------------- */

#define MAX_SENT 16
static uint8_t sent[MAX_SENT][4096];
static size_t sent_len[MAX_SENT];
static int n_sent;
static int disc_reason; /* 0: no disconnect */

int sess_send(struct sess *s, const uint8_t *payload, size_t n)
{
	(void)s;
	if (n_sent < MAX_SENT && n <= sizeof(sent[0])) {
		memcpy(sent[n_sent], payload, n);
		sent_len[n_sent] = n;
	}
	n_sent++;
	return E_OK;
}

void sess_disconnect(struct sess *s, uint32_t reason, const char *why)
{
	(void)why;
	disc_reason = (int)reason;
	s->closing = 1;
}

/* The last message sent, its number, or 0. */
static int last_msg(void)
{
	return n_sent > 0 && n_sent <= MAX_SENT ? sent[n_sent - 1][0] : 0;
}

/* ---- Users --------------------------------------------------------------------- */

static char tmpdir[64];
static char shell[SVR_AUTH_MAX_PATH] = "/bin/sh";

/* "Hello world!" (openssl passwd -6 -salt saltstring), see test-crypt.c */
#define HASH6                                                \
	"$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/" \
	"O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"
/* "correct horse battery staple" (mkpasswd -m yescrypt), see test-crypt.c */
#define HASHY "$y$j9T$ypiAz95o.FGQ5D8jHH1Lk.$B8Mbm8jl4GVxJOFlFkqV.EhCx38U48Ekdp2Qksr54F2"

static const struct {
	const char *name;
	uid_t uid;
	const char *hash;
	long expire;
} users[] = {
    {"alice", 1000, HASH6, -1},      {"bob", 1001, HASHY, -1}, {"root", 0, HASH6, -1},
    {"locked", 1002, "!" HASH6, -1}, {"blank", 1003, "", -1},  {"expired", 1004, HASH6, 1},
    {"oddshell", 1005, HASH6, -1},
};

static int lookup(const char *name, struct svr_auth_user *u)
{
	size_t i;

	memset(u, 0, sizeof(*u));
	for (i = 0; i < sizeof(users) / sizeof(users[0]); i++) {
		if (strcmp(users[i].name, name) != 0)
			continue;
		snprintf(u->name, sizeof(u->name), "%s", name);
		u->uid = users[i].uid;
		u->gid = users[i].uid;
		snprintf(u->home, sizeof(u->home), "%s/%s", tmpdir, name);
		snprintf(u->shell, sizeof(u->shell), "%s",
		         strcmp(name, "oddshell") ? shell : "/no/such/shell");
		snprintf(u->hash, sizeof(u->hash), "%s", users[i].hash);
		u->expire = users[i].expire;
		return E_OK;
	}
	return E_ARG;
}

/* The first shell listed in /etc/shells (so the policy accepts it). */
static void pick_shell(void)
{
	char line[SVR_AUTH_MAX_PATH];
	FILE *f = fopen("/etc/shells", "r");

	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (line[0] == '/') {
			snprintf(shell, sizeof(shell), "%s", line);
			break;
		}
	}
	if (f)
		fclose(f);
}

/* Writes text to tmpdir/rel (directories made 0755). */
static int put_file(const char *rel, const char *text)
{
	char path[256], *slash;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	for (slash = strchr(path + strlen(tmpdir) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = 0;
		mkdir(path, 0755);
		*slash = '/';
	}
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return 0;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		return 0;
	}
	close(fd);
	return 1;
}

/* ---- Keys ---------------------------------------------------------------------- */

static struct key key_a, key_b;
static uint8_t blob_a[KEY_MAX_PUB_BLOB], blob_b[KEY_MAX_PUB_BLOB];
static size_t blob_a_len, blob_b_len;

static size_t blob_of(const struct key *k, uint8_t *out)
{
	struct wr w;

	wr_init(&w, out, KEY_MAX_PUB_BLOB);
	key_put_public(k, &w);
	return w.err ? 0 : w.len;
}

/* "OPTIONS TYPE BASE64 comment\n" for a blob (its type name first). */
static void key_line(const char *opts, const uint8_t *blob, size_t n, char *out, size_t cap)
{
	char b64[1024];
	struct view type;
	struct rd r;

	rd_init(&r, blob, n);
	rd_text(&r, 64, &type);
	base64_enc(blob, n, 1, b64, sizeof(b64), NULL);
	snprintf(out, cap, "%s%s%.*s %s test\n", opts, opts[0] ? " " : "", (int)type.len,
	         (const char *)type.p, b64);
}

static int write_authkeys(const char *rel, const char *opts, const uint8_t *blob, size_t n)
{
	char line[4096];

	key_line(opts, blob, n, line, sizeof(line));
	return put_file(rel, line);
}

/* ---- Sessions and requests -------------------------------------------------------- */

static struct svr_opts opts;
static struct sess sess;
static const uint8_t sid[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9};

static void new_session(void)
{
	svr_auth_free(&sess);
	memset(&sess, 0, sizeof(sess));
	sess.is_server = 1;
	sess.opts = &opts;
	snprintf(sess.peer_ip, sizeof(sess.peer_ip), "192.0.2.7");
	sess.peer_port = 50000;
	memcpy(sess.session_id, sid, sizeof(sid));
	sess.session_id_len = sizeof(sid);
	n_sent = 0;
	disc_reason = 0;
	if (svr_auth_init(&sess) != E_OK)
		abort();
	svr_auth_set_lookup(&sess, lookup);
}

static void default_opts(void)
{
	memset(&opts, 0, sizeof(opts));
	opts.max_auth_tries = SHREW_MAX_AUTH_TRIES;
}

static uint8_t req[8192];

static size_t req_head(struct wr *w, const char *user, const char *service, const char *method)
{
	wr_init(w, req, sizeof(req));
	wr_u8(w, SSH_MSG_USERAUTH_REQUEST);
	wr_cstr(w, user);
	wr_cstr(w, service);
	wr_cstr(w, method);
	return w->len;
}

static size_t req_none(const char *user)
{
	struct wr w;

	req_head(&w, user, "ssh-connection", "none");
	return w.len;
}

static size_t req_password(const char *user, const char *pw)
{
	struct wr w;

	req_head(&w, user, "ssh-connection", "password");
	wr_bool(&w, 0);
	wr_cstr(&w, pw);
	return w.len;
}

static size_t req_kbdint(const char *user)
{
	struct wr w;

	req_head(&w, user, "ssh-connection", "keyboard-interactive");
	wr_cstr(&w, "");
	wr_cstr(&w, "");
	return w.len;
}

static size_t req_pubkey_as(const char *user, const char *alg, const uint8_t *blob, size_t n,
                            const struct key *k, const uint8_t *sidv, enum sig_alg sign_as);

/* A publickey request for blob; signed with k (with its default
 * algorithm) over session id sidv when k is not NULL. */
static size_t req_pubkey(const char *user, const char *alg, const uint8_t *blob, size_t n,
                         const struct key *k, const uint8_t *sidv)
{
	return req_pubkey_as(user, alg, blob, n, k, sidv, k ? key_default_sig(k->type) : SIG_NONE);
}

/* The same, signed with algorithm sign_as. */
static size_t req_pubkey_as(const char *user, const char *alg, const uint8_t *blob, size_t n,
                            const struct key *k, const uint8_t *sidv, enum sig_alg sign_as)
{
	uint8_t data[8192], sig[KEY_MAX_SIG_BLOB];
	struct wr w, d, sw;

	req_head(&w, user, "ssh-connection", "publickey");
	wr_bool(&w, k != NULL);
	wr_cstr(&w, alg);
	wr_string(&w, blob, n);
	if (!k)
		return w.len;
	wr_init(&d, data, sizeof(data));
	wr_string(&d, sidv, sizeof(sid));
	wr_bytes(&d, req, w.len);
	wr_init(&sw, sig, sizeof(sig));
	if (key_sign(k, sign_as, data, d.len, &sw) != E_OK || d.err)
		return 0;
	wr_string(&w, sig, sw.len);
	return w.err ? 0 : w.len;
}

static size_t info_response(int count, const char *a, const char *b)
{
	struct wr w;

	wr_init(&w, req, sizeof(req));
	wr_u8(&w, SSH_MSG_USERAUTH_INFO_RESPONSE);
	wr_u32(&w, (uint32_t)count);
	if (count > 0)
		wr_cstr(&w, a);
	if (count > 1)
		wr_cstr(&w, b);
	return w.len;
}

static int handle(size_t n)
{
	return svr_auth_handle(&sess, req, n);
}

/* The method list and partial flag of the last FAILURE; 1 if it is one. */
static int last_failure(char *list, size_t cap, int *partial)
{
	struct rd r;
	struct view v;
	uint8_t t;

	if (n_sent < 1 || n_sent > MAX_SENT)
		return 0;
	rd_init(&r, sent[n_sent - 1], sent_len[n_sent - 1]);
	rd_u8(&r, &t);
	rd_text(&r, cap - 1, &v);
	rd_bool(&r, partial);
	if (rd_end(&r) != E_OK || t != SSH_MSG_USERAUTH_FAILURE)
		return 0;
	memcpy(list, v.p, v.len);
	list[v.len] = 0;
	return 1;
}

static const char *expect_methods(int password)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "%s%s%s", SHREW_AUTH_PUBKEY ? "publickey" : "",
	         SHREW_AUTH_PASSWORD && password ? ",password" : "",
	         SHREW_AUTH_KBDINT && password ? ",keyboard-interactive" : "");
	return buf[0] == ',' ? buf + 1 : buf;
}

/* ---- Parsers ---------------------------------------------------------------------- */

/* Every cut of a good message fails, and so does one extra byte. */
static void check_cuts(size_t n, int trailing_ok)
{
	struct userauth_req r;
	size_t i;

	CHECK(userauth_request_parse(req, n, &r) == E_OK);
	for (i = 0; i < n; i++)
		CHECK(userauth_request_parse(req, i, &r) != E_OK);
	req[n] = 0;
	CHECK((userauth_request_parse(req, n + 1, &r) == E_OK) == trailing_ok);
}

TEST(parse_methods)
{
	struct userauth_req r;
	size_t n;

	n = req_none("alice");
	CHECK(userauth_request_parse(req, n, &r) == E_OK && r.method == USERAUTH_NONE);
	CHECK(view_eq(r.user, "alice") && view_eq(r.service, "ssh-connection"));
	check_cuts(n, 0);

	n = req_password("alice", "secret");
	CHECK(userauth_request_parse(req, n, &r) == E_OK && r.method == USERAUTH_PASSWORD);
	CHECK(view_eq(r.password, "secret"));
	check_cuts(n, 0);

	n = req_kbdint("alice");
	CHECK(userauth_request_parse(req, n, &r) == E_OK && r.method == USERAUTH_KBDINT);
	check_cuts(n, 0);

	n = req_pubkey("alice", "ssh-ed25519", blob_a, blob_a_len, NULL, sid);
	CHECK(userauth_request_parse(req, n, &r) == E_OK && r.method == USERAUTH_PUBKEY);
	CHECK(!r.has_sig && view_eq(r.alg, "ssh-ed25519") && r.blob.len == blob_a_len);
	check_cuts(n, 0);

	n = req_pubkey("alice", "ssh-ed25519", blob_a, blob_a_len, &key_a, sid);
	CHECK(userauth_request_parse(req, n, &r) == E_OK && r.has_sig && r.sig.len > 64);
	check_cuts(n, 0);
}

TEST(parse_rejects)
{
	struct userauth_req r;
	char longname[SHREW_MAX_USERNAME + 2];
	struct wr w;
	size_t n;

	/* another method: its fields are not read */
	req_head(&w, "alice", "ssh-connection", "hostbased");
	wr_cstr(&w, "whatever");
	CHECK(userauth_request_parse(req, w.len, &r) == E_OK && r.method == USERAUTH_OTHER);

	/* password change: well formed, unsupported */
	req_head(&w, "alice", "ssh-connection", "password");
	wr_bool(&w, 1);
	wr_cstr(&w, "old");
	wr_cstr(&w, "new");
	CHECK(userauth_request_parse(req, w.len, &r) == E_UNSUPPORTED);
	CHECK(userauth_request_parse(req, w.len - 1, &r) == E_SHORT);

	/* user name cap and NUL */
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	CHECK(userauth_request_parse(req, req_none(longname), &r) == E_TOOBIG);
	longname[SHREW_MAX_USERNAME] = 0;
	CHECK(userauth_request_parse(req, req_none(longname), &r) == E_OK);
	n = req_none("al?ce");
	req[7] = 0; /* the '?' */
	CHECK(userauth_request_parse(req, n, &r) == E_FORMAT);

	/* wrong message number */
	n = req_none("alice");
	req[0] = SSH_MSG_USERAUTH_INFO_RESPONSE;
	CHECK(userauth_request_parse(req, n, &r) == E_FORMAT);
	CHECK(userauth_request_parse(req, 0, &r) == E_SHORT);
}

TEST(parse_info_response)
{
	struct userauth_info_resp r;
	size_t n, i;

	n = info_response(1, "pw", NULL);
	CHECK(userauth_info_response_parse(req, n, &r) == E_OK && r.count == 1);
	CHECK(view_eq(r.resp[0], "pw"));
	for (i = 0; i < n; i++)
		CHECK(userauth_info_response_parse(req, i, &r) != E_OK);
	CHECK(userauth_info_response_parse(req, n + 1, &r) == E_TRAILING);
	n = info_response(0, NULL, NULL);
	CHECK(userauth_info_response_parse(req, n, &r) == E_OK && r.count == 0);
	n = info_response(USERAUTH_MAX_RESPONSES + 1, "a", "b");
	CHECK(userauth_info_response_parse(req, n, &r) == E_TOOBIG);
	n = info_response(1, "pw", NULL);
	req[0] = SSH_MSG_USERAUTH_REQUEST;
	CHECK(userauth_info_response_parse(req, n, &r) == E_FORMAT);
}

/* ---- none, and the method list -------------------------------------------------------- */

TEST(none_method_lists)
{
	char list[64];
	int partial = 1;

	default_opts();
	new_session();
	CHECK(handle(req_none("alice")) == E_OK);
	CHECK(last_failure(list, sizeof(list), &partial) && !partial);
	CHECK(strcmp(list, expect_methods(1)) == 0);

	opts.no_password = 1; /* -s */
	new_session();
	CHECK(handle(req_none("alice")) == E_OK && last_failure(list, sizeof(list), &partial));
	CHECK(strcmp(list, expect_methods(0)) == 0);

	default_opts();
	opts.no_root_password = 1; /* -g */
	new_session();
	CHECK(handle(req_none("root")) == E_OK && last_failure(list, sizeof(list), &partial));
	CHECK(strcmp(list, expect_methods(0)) == 0);
	new_session();
	CHECK(handle(req_none("alice")) == E_OK && last_failure(list, sizeof(list), &partial));
	CHECK(strcmp(list, expect_methods(1)) == 0);

	/* an unknown user hears the same list */
	default_opts();
	new_session();
	CHECK(handle(req_none("nobody-here")) == E_OK &&
	      last_failure(list, sizeof(list), &partial));
	CHECK(strcmp(list, expect_methods(1)) == 0);
	CHECK(!sess.authenticated && disc_reason == 0);
}

TEST(service_user_and_order)
{
	struct wr w;

	default_opts();
	new_session();
	req_head(&w, "alice", "ssh-userauth", "none");
	CHECK(handle(w.len) != E_OK && disc_reason == SSH_DISCONNECT_SERVICE_NOT_AVAILABLE);

	new_session();
	CHECK(handle(req_none("alice")) == E_OK);
	CHECK(handle(req_none("bob")) != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);

	new_session();
	CHECK(handle(info_response(1, "x", NULL)) != E_OK);
	CHECK(disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);

	new_session();
	req[0] = SSH_MSG_USERAUTH_REQUEST;
	CHECK(handle(3) != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
}

/* ---- publickey ------------------------------------------------------------------------- */

static int pk_login(const char *user, const struct key *k, const uint8_t *blob, size_t n,
                    const uint8_t *sidv)
{
	size_t len = req_pubkey(user, "ssh-ed25519", blob, n, k, sidv);

	return len && handle(len) == E_OK && last_msg() == SSH_MSG_USERAUTH_SUCCESS &&
	       sess.authenticated;
}

TEST(pubkey_query_and_sign)
{
	const struct authkey *ak;
	uint8_t bad_sid[32];
	size_t n;

	default_opts();
	CHECK(
	    write_authkeys("alice/.ssh/authorized_keys", "command=\"uptime\"", blob_a, blob_a_len));
	CHECK(write_authkeys("bob/.ssh/authorized_keys", "", blob_b, blob_b_len));

	new_session();
	n = req_pubkey("alice", "ssh-ed25519", blob_a, blob_a_len, NULL, sid);
	CHECK(handle(n) == E_OK && last_msg() == SSH_MSG_USERAUTH_PK_OK);
	CHECK(n_sent == 1 && sent_len[0] == 1 + 4 + 11 + 4 + blob_a_len);
	CHECK(memcmp(sent[0] + 1 + 4 + 11 + 4, blob_a, blob_a_len) == 0);
	CHECK(pk_login("alice", &key_a, blob_a, blob_a_len, sid));
	CHECK(strcmp(sess.user, "alice") == 0);
	ak = svr_auth_key_options(&sess);
	CHECK(ak && ak->command && strcmp(ak->command, "uptime") == 0);
	CHECK(svr_auth_user(&sess) && svr_auth_user(&sess)->uid == 1000);
	/* requests after success are ignored */
	n_sent = 0;
	CHECK(handle(req_none("alice")) == E_OK && n_sent == 0);

	/* signature over another session id */
	memcpy(bad_sid, sid, sizeof(sid));
	bad_sid[0] ^= 1;
	new_session();
	CHECK(!pk_login("alice", &key_a, blob_a, blob_a_len, bad_sid));
	CHECK(last_msg() == SSH_MSG_USERAUTH_FAILURE && !sess.authenticated);
	CHECK(svr_auth_key_options(&sess) == NULL);

	/* bob's key is not alice's */
	new_session();
	n = req_pubkey("alice", "ssh-ed25519", blob_b, blob_b_len, NULL, sid);
	CHECK(handle(n) == E_OK && last_msg() == SSH_MSG_USERAUTH_FAILURE);
	CHECK(!pk_login("alice", &key_b, blob_b, blob_b_len, sid));
	new_session();
	CHECK(pk_login("bob", &key_b, blob_b, blob_b_len, sid));

	/* unknown user */
	new_session();
	CHECK(!pk_login("nobody-here", &key_a, blob_a, blob_a_len, sid));
	CHECK(last_msg() == SSH_MSG_USERAUTH_FAILURE);
}

TEST(pubkey_alg_must_suit_key)
{
	size_t n;

	default_opts();
	CHECK(write_authkeys("alice/.ssh/authorized_keys", "", blob_a, blob_a_len));
	new_session();
	n = req_pubkey("alice", "rsa-sha2-256", blob_a, blob_a_len, NULL, sid);
	CHECK(handle(n) == E_OK && last_msg() == SSH_MSG_USERAUTH_FAILURE);
	n = req_pubkey("alice", "ssh-ed25519", blob_a, blob_a_len - 1, NULL, sid);
	CHECK(handle(n) == E_OK && last_msg() == SSH_MSG_USERAUTH_FAILURE);
}

TEST(pubkey_from_and_dir)
{
	char dir[128];

	default_opts();
	CHECK(write_authkeys("alice/.ssh/authorized_keys", "from=\"198.51.100.0/24\"", blob_a,
	                     blob_a_len));
	new_session();
	CHECK(!pk_login("alice", &key_a, blob_a, blob_a_len, sid));
	CHECK(write_authkeys("alice/.ssh/authorized_keys", "from=\"192.0.2.0/24,!10.0.0.1\"",
	                     blob_a, blob_a_len));
	new_session();
	CHECK(pk_login("alice", &key_a, blob_a, blob_a_len, sid));

	/* -D ~/keys and -D /abs */
	CHECK(write_authkeys("alice/keys/authorized_keys", "", blob_b, blob_b_len));
	opts.authkeys_dir = "~/keys";
	new_session();
	CHECK(!pk_login("alice", &key_a, blob_a, blob_a_len, sid));
	new_session();
	CHECK(pk_login("alice", &key_b, blob_b, blob_b_len, sid));
	CHECK(write_authkeys("elsewhere/authorized_keys", "", blob_a, blob_a_len));
	snprintf(dir, sizeof(dir), "%s/elsewhere", tmpdir);
	opts.authkeys_dir = dir;
	/* outside the home every directory up to / is checked: /tmp is
	 * world-writable, so the file is not used (as OpenSSH would not) */
	new_session();
	CHECK(!pk_login("alice", &key_a, blob_a, blob_a_len, sid));
}

TEST(pubkey_bad_perms)
{
	char path[256];

	default_opts();
	CHECK(write_authkeys("alice/.ssh/authorized_keys", "", blob_a, blob_a_len));
	snprintf(path, sizeof(path), "%s/alice/.ssh/authorized_keys", tmpdir);
	chmod(path, 0666);
	new_session();
	CHECK(!pk_login("alice", &key_a, blob_a, blob_a_len, sid));
	chmod(path, 0600);
	new_session();
	CHECK(pk_login("alice", &key_a, blob_a, blob_a_len, sid));
}

TEST(policy_refusals)
{
	default_opts();
	CHECK(write_authkeys("root/.ssh/authorized_keys", "", blob_a, blob_a_len));
	CHECK(write_authkeys("locked/.ssh/authorized_keys", "", blob_a, blob_a_len));
	CHECK(write_authkeys("expired/.ssh/authorized_keys", "", blob_a, blob_a_len));
	CHECK(write_authkeys("oddshell/.ssh/authorized_keys", "", blob_a, blob_a_len));
	new_session();
	CHECK(pk_login("root", &key_a, blob_a, blob_a_len, sid));
	opts.no_root = 1; /* -w */
	new_session();
	CHECK(!pk_login("root", &key_a, blob_a, blob_a_len, sid));
	default_opts();
	new_session();
	CHECK(!pk_login("locked", &key_a, blob_a, blob_a_len, sid));
	new_session();
	CHECK(!pk_login("expired", &key_a, blob_a, blob_a_len, sid));
	if (access("/etc/shells", F_OK) == 0) {
		new_session();
		CHECK(!pk_login("oddshell", &key_a, blob_a, blob_a_len, sid));
	}
	opts.group = "shrew-no-such-group";
	new_session();
	CHECK(!pk_login("root", &key_a, blob_a, blob_a_len, sid));
}

TEST(max_tries_disconnect)
{
	size_t n;

	default_opts();
	opts.max_auth_tries = 3;
	CHECK(write_authkeys("alice/.ssh/authorized_keys", "", blob_a, blob_a_len));
	new_session();
	CHECK(handle(req_none("alice")) == E_OK); /* the first none is free */
	n = req_pubkey("alice", "ssh-ed25519", blob_b, blob_b_len, NULL, sid);
	CHECK(handle(n) == E_OK && last_msg() == SSH_MSG_USERAUTH_FAILURE);
	n = req_pubkey("alice", "ssh-ed25519", blob_a, blob_a_len, NULL, sid);
	CHECK(handle(n) == E_OK && last_msg() == SSH_MSG_USERAUTH_PK_OK); /* not counted */
	CHECK(handle(req_none("alice")) == E_OK && last_msg() == SSH_MSG_USERAUTH_FAILURE);
	CHECK(disc_reason == 0);
	n = req_pubkey("alice", "ssh-ed25519", blob_b, blob_b_len, NULL, sid);
	CHECK(handle(n) != E_OK && disc_reason == SSH_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE);
}

#if SHREW_RSA
TEST(pubkey_rsa_sha2)
{
	uint8_t blob[KEY_MAX_PUB_BLOB];
	struct key k;
	size_t n, len;

	default_opts();
	CHECK(key_generate(&k, KEY_RSA, SHREW_RSA_MIN_BITS) == E_OK);
	n = blob_of(&k, blob);
	CHECK(n && write_authkeys("alice/.ssh/authorized_keys", "", blob, n));
	new_session();
	len = req_pubkey("alice", "ssh-rsa", blob, n, NULL, sid);
	CHECK(handle(len) == E_OK &&
	      last_msg() == (SHREW_RSA_SHA1 ? SSH_MSG_USERAUTH_PK_OK : SSH_MSG_USERAUTH_FAILURE));
	len = req_pubkey("alice", "rsa-sha2-256", blob, n, NULL, sid);
	CHECK(handle(len) == E_OK && last_msg() == SSH_MSG_USERAUTH_PK_OK);
	/* the signature's algorithm must be the one requested */
	len = req_pubkey_as("alice", "rsa-sha2-256", blob, n, &k, sid, SIG_RSA_SHA512);
	CHECK(handle(len) == E_OK && last_msg() == SSH_MSG_USERAUTH_FAILURE);
	len = req_pubkey_as("alice", "rsa-sha2-256", blob, n, &k, sid, SIG_RSA_SHA256);
	CHECK(handle(len) == E_OK && sess.authenticated);
	new_session();
	len = req_pubkey_as("alice", "rsa-sha2-512", blob, n, &k, sid, SIG_RSA_SHA512);
	CHECK(handle(len) == E_OK && sess.authenticated);
	key_free(&k);
}
#endif

/* In a child: log in as alice (uid 1000), drop, and check setuid(0)
 * fails.  Only when the test runs as root. */
TEST(drop_privileges)
{
	pid_t pid;
	int st = -1;

	default_opts();
	new_session();
	CHECK(svr_auth_drop_privileges(&sess) == E_ARG); /* before auth */
	if (getuid() != 0 || !SHREW_MULTIUSER)
		return;
	CHECK(write_authkeys("alice/.ssh/authorized_keys", "", blob_a, blob_a_len));
	pid = fork();
	if (pid == 0) {
		int ok = pk_login("alice", &key_a, blob_a, blob_a_len, sid) &&
		         svr_auth_drop_privileges(&sess) == E_OK && getuid() == 1000 &&
		         geteuid() == 1000 && getgid() == 1000 && setuid(0) != 0 &&
		         svr_auth_drop_privileges(&sess) == E_OK;
		_exit(ok ? 0 : 1);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

TEST(banner_first)
{
	char path[256], big[SHREW_MAX_BANNER + 16];

	default_opts();
	CHECK(put_file("banner", "Authorized use only\n"));
	snprintf(path, sizeof(path), "%s/banner", tmpdir);
	opts.banner = path;
	new_session();
	CHECK(handle(req_none("alice")) == E_OK && n_sent == 2);
	CHECK(sent[0][0] == SSH_MSG_USERAUTH_BANNER && sent[1][0] == SSH_MSG_USERAUTH_FAILURE);
	CHECK(sent_len[0] == 1 + 4 + 20 + 4 &&
	      memcmp(sent[0] + 5, "Authorized use only\n", 20) == 0);
	CHECK(handle(req_none("alice")) == E_OK && n_sent == 3);
	CHECK(last_msg() == SSH_MSG_USERAUTH_FAILURE);

	/* cut at SHREW_MAX_BANNER, without half a UTF-8 character */
	memset(big, 'a', SHREW_MAX_BANNER - 1);
	strcpy(big + SHREW_MAX_BANNER - 1, "\xc3\xa9 more");
	CHECK(put_file("banner", big));
	new_session();
	CHECK(handle(req_none("alice")) == E_OK && n_sent == 2);
	CHECK(sent[0][0] == SSH_MSG_USERAUTH_BANNER);
	CHECK(sent_len[0] == 1 + 4 + SHREW_MAX_BANNER - 1 + 4);
}

TEST(sig_algs_list)
{
	const char *l = svr_auth_sig_algs();

	CHECK(strstr(l, "ssh-ed25519") != NULL);
	CHECK((strstr(l, "rsa-sha2-256") != NULL) == SHREW_RSA);
	CHECK((strstr(l, "ssh-rsa") != NULL) == SHREW_RSA_SHA1);
}

/* ---- password and keyboard-interactive ------------------------------------------------- */

#if SHREW_AUTH_PASSWORD
TEST(password_check_hashes)
{
	CHECK(svr_auth_password_check(HASH6, "Hello world!"));
	CHECK(!svr_auth_password_check(HASH6, "Hello world"));
	CHECK(!svr_auth_password_check(HASH6, ""));
	CHECK(svr_auth_password_check(HASHY, "correct horse battery staple"));
	CHECK(!svr_auth_password_check(HASHY, "correct horse battery stapl"));
	CHECK(!svr_auth_password_check("", ""));
	CHECK(!svr_auth_password_check("!" HASH6, "Hello world!"));
	CHECK(!svr_auth_password_check("*", ""));
	CHECK(!svr_auth_password_check("$6$saltstring$", "Hello world!"));
	CHECK(!svr_auth_password_check("$9$unknown$method", "x"));
}

TEST(password_logins)
{
	default_opts();
	new_session();
	CHECK(handle(req_password("alice", "wrong")) == E_OK);
	CHECK(last_msg() == SSH_MSG_USERAUTH_FAILURE);
	CHECK(handle(req_password("alice", "Hello world!")) == E_OK);
	CHECK(last_msg() == SSH_MSG_USERAUTH_SUCCESS && sess.authenticated);
	CHECK(svr_auth_key_options(&sess) == NULL);
	CHECK(svr_auth_user(&sess) && svr_auth_user(&sess)->hash[0] == 0); /* wiped */

	new_session();
	CHECK(handle(req_password("nobody-here", "Hello world!")) == E_OK);
	CHECK(last_msg() == SSH_MSG_USERAUTH_FAILURE);
	new_session();
	CHECK(handle(req_password("locked", "Hello world!")) == E_OK);
	CHECK(last_msg() == SSH_MSG_USERAUTH_FAILURE);

	/* blank password only with -B */
	new_session();
	CHECK(handle(req_password("blank", "")) == E_OK && !sess.authenticated);
	opts.allow_blank = 1;
	new_session();
	CHECK(handle(req_password("blank", "x")) == E_OK && !sess.authenticated);
	CHECK(handle(req_password("blank", "")) == E_OK && sess.authenticated);

	/* -s refuses passwords; -g refuses root's */
	default_opts();
	opts.no_password = 1;
	new_session();
	CHECK(handle(req_password("alice", "Hello world!")) == E_OK && !sess.authenticated);
	default_opts();
	opts.no_root_password = 1;
	new_session();
	CHECK(handle(req_password("root", "Hello world!")) == E_OK && !sess.authenticated);
}

TEST(password_change_refused)
{
	struct wr w;

	default_opts();
	new_session();
	req_head(&w, "alice", "ssh-connection", "password");
	wr_bool(&w, 1);
	wr_cstr(&w, "Hello world!");
	wr_cstr(&w, "new");
	CHECK(handle(w.len) == E_OK && last_msg() == SSH_MSG_USERAUTH_FAILURE);
	CHECK(!sess.authenticated && disc_reason == 0);
}

TEST(two_factor)
{
	char list[64];
	int partial = 0;

	default_opts();
	opts.two_factor = 1;
	CHECK(write_authkeys("alice/.ssh/authorized_keys", "", blob_a, blob_a_len));
	new_session();
	CHECK(!pk_login("alice", &key_a, blob_a, blob_a_len, sid));
	CHECK(last_failure(list, sizeof(list), &partial) && partial);
	CHECK(strncmp(list, "password", 8) == 0);
	CHECK(handle(req_password("alice", "Hello world!")) == E_OK && sess.authenticated);
	CHECK(svr_auth_key_options(&sess) != NULL);
}
#endif

#if SHREW_AUTH_KBDINT
TEST(kbdint_logins)
{
	struct rd r;
	struct view name, instr, lang, prompt;
	uint32_t num = 0;
	uint8_t t = 0;
	int echo = 1;

	default_opts();
	new_session();
	CHECK(handle(req_kbdint("alice")) == E_OK && n_sent == 1);
	rd_init(&r, sent[0], sent_len[0]);
	rd_u8(&r, &t);
	rd_text(&r, 64, &name);
	rd_text(&r, 64, &instr);
	rd_text(&r, 64, &lang);
	rd_u32(&r, &num);
	rd_text(&r, 64, &prompt);
	rd_bool(&r, &echo);
	CHECK(rd_end(&r) == E_OK && t == 60 && num == 1 && !echo && name.len == 0);
	CHECK(view_eq(prompt, "Password: "));
	CHECK(handle(info_response(1, "wrong", NULL)) == E_OK);
	CHECK(last_msg() == SSH_MSG_USERAUTH_FAILURE);
	CHECK(handle(info_response(1, "Hello world!", NULL)) != E_OK); /* nothing pending */

	new_session();
	CHECK(handle(req_kbdint("alice")) == E_OK);
	CHECK(handle(info_response(2, "Hello world!", "x")) == E_OK && !sess.authenticated);
	CHECK(handle(req_kbdint("alice")) == E_OK);
	CHECK(handle(info_response(1, "Hello world!", NULL)) == E_OK && sess.authenticated);

	/* an unknown user is asked too, and fails */
	new_session();
	CHECK(handle(req_kbdint("nobody-here")) == E_OK && last_msg() == 60);
	CHECK(handle(info_response(1, "Hello world!", NULL)) == E_OK);
	CHECK(last_msg() == SSH_MSG_USERAUTH_FAILURE);
}
#endif

static int setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/shrew-auth-XXXXXX");
	if (crypto_init() != E_OK || !mkdtemp(tmpdir) || chmod(tmpdir, 0755) != 0)
		return 0;
	pick_shell();
	if (key_generate(&key_a, KEY_ED25519, 0) != E_OK ||
	    key_generate(&key_b, KEY_ED25519, 0) != E_OK)
		return 0;
	blob_a_len = blob_of(&key_a, blob_a);
	blob_b_len = blob_of(&key_b, blob_b);
	return blob_a_len && blob_b_len;
}

int main(void)
{
	char cmd[128];

	if (!setup()) {
		printf("FAIL setup\n");
		return 1;
	}
	if (access("/etc/nologin", F_OK) == 0) {
		printf("SKIP svr-auth: /etc/nologin exists on this machine\n");
		return 0;
	}
	RUN(parse_methods);
	RUN(parse_rejects);
	RUN(parse_info_response);
	RUN(none_method_lists);
	RUN(service_user_and_order);
	RUN(pubkey_query_and_sign);
	RUN(pubkey_alg_must_suit_key);
	RUN(pubkey_from_and_dir);
	RUN(pubkey_bad_perms);
	RUN(policy_refusals);
	RUN(max_tries_disconnect);
#if SHREW_RSA
	RUN(pubkey_rsa_sha2);
#endif
	RUN(drop_privileges);
	RUN(banner_first);
	RUN(sig_algs_list);
#if SHREW_AUTH_PASSWORD
	RUN(password_check_hashes);
	RUN(password_logins);
	RUN(password_change_refused);
	RUN(two_factor);
#else
	printf("SKIP password: SHREW_AUTH_PASSWORD is 0\n");
#endif
#if SHREW_AUTH_KBDINT
	RUN(kbdint_logins);
#endif
	svr_auth_free(&sess);
	key_free(&key_a);
	key_free(&key_b);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("FAIL cleanup\n");
	return unit_done();
}
