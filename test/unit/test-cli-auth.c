/*
 * test-cli-auth.c - the client's userauth (cli-auth*.c) and prompts
 * (cli-prompt.c).
 *
 * The pure parts first: EXT_INFO, FAILURE, BANNER, INFO_REQUEST, PK_OK
 * and PASSWD_CHANGEREQ parsers (every truncation, trailing bytes, caps),
 * the terminal sanitizer, method lists and order, the RSA signature
 * algorithm choice.  Then cli_auth_handle is driven with scripted server
 * messages: this file defines sess_send / sess_disconnect to capture what
 * the client sends, and replaces the prompt (cli_auth's prompt hook) with
 * scripted answers.  Signed requests are verified with key_verify over
 * the RFC 4252 7 data.  Keys are the fixed ones of test/data/keys
 * (enc-a4-ed25519's passphrase is "correct horse").  Last, cli_prompt's
 * askpass path runs real programs (/bin/echo, /bin/false).
 */
#include "options.h"

#if SHREW_CLIENT

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "unit.h"
#include "common-err.h"
#include "common-key.h"
#include "common-keyfile.h"
#include "common-sess.h"
#include "common-wr.h"
#include "crypto-ltc.h"
#include "cli.h"
#include "cli-auth.h"
#include "cli-auth-int.h"
#include "cli-prompt.h"

#define KEYDIR "test/data/keys/"
#define ENC_PASS "correct horse"

/* ---- Captured output --------------------------------------------------------- */

#define MAX_SENT 32
static uint8_t sent[MAX_SENT][8192];
static size_t sent_len[MAX_SENT];
static int n_sent;
static int disc_reason;

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
	if (!disc_reason)
		disc_reason = (int)reason;
	s->closing = 1;
}

/* stderr into a file while a test runs, read back by stderr_text(). */
static char err_path[128];
static int saved_stderr = -1;
static char err_text[16384];

static void capture_stderr(void)
{
	int fd;

	fflush(stderr);
	fd = open(err_path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	saved_stderr = dup(2);
	dup2(fd, 2);
	close(fd);
}

static const char *stderr_text(void)
{
	ssize_t n;
	int fd;

	fflush(stderr);
	if (saved_stderr >= 0) {
		dup2(saved_stderr, 2);
		close(saved_stderr);
		saved_stderr = -1;
	}
	fd = open(err_path, O_RDONLY);
	n = fd >= 0 ? read(fd, err_text, sizeof(err_text) - 1) : -1;
	err_text[n > 0 ? n : 0] = 0;
	if (fd >= 0)
		close(fd);
	return err_text;
}

/* ---- Scripted prompts ------------------------------------------------------------- */

#define MAX_ANSWERS 8
static const char *answers[MAX_ANSWERS]; /* NULL: no terminal; "\1": cancel */
static int n_answers, n_asked;
static char asked[MAX_ANSWERS][256];
static int asked_echo[MAX_ANSWERS];

static int fake_prompt(const struct cli_opts *o, const char *prompt, int echo, char *buf,
                       size_t cap, size_t *len)
{
	const char *a;

	*len = 0;
	if (o->batch)
		return E_AUTH;
	if (n_asked < MAX_ANSWERS) {
		snprintf(asked[n_asked], sizeof(asked[0]), "%s", prompt);
		asked_echo[n_asked] = echo;
	}
	if (n_asked >= n_answers)
		return E_IO;
	a = answers[n_asked++];
	if (a == NULL)
		return E_IO;
	if (a[0] == 1)
		return E_ARG;
	snprintf(buf, cap, "%s", a);
	*len = strlen(buf);
	return E_OK;
}

static void script(int n, const char *a0, const char *a1, const char *a2, const char *a3)
{
	answers[0] = a0;
	answers[1] = a1;
	answers[2] = a2;
	answers[3] = a3;
	n_answers = n;
	n_asked = 0;
}

/* ---- Sessions ------------------------------------------------------------------------ */

static struct cli_opts opts;
static struct cli cli;
static struct sess sess;
static const uint8_t sid[32] = {9, 8, 7, 6, 5, 4, 3, 2, 1};
static char tmpdir[64];

static void reset_opts(void)
{
	memset(&opts, 0, sizeof(opts));
	opts.pubkey_auth = 1;
	opts.password_auth = 1;
	opts.kbdint_auth = 1;
	opts.auth_tries = 3;
}

/* A new session with cli_auth_start done (the "none" request sent). */
static int start(void)
{
	int rc;

	if (sess.cli != NULL)
		cli_auth_free(&sess);
	memset(&sess, 0, sizeof(sess));
	memset(&cli, 0, sizeof(cli));
	cli.opts = &opts;
	cli.host = "example.org";
	cli.user = "alice";
	sess.cli = &cli;
	memcpy(sess.session_id, sid, sizeof(sid));
	sess.session_id_len = sizeof(sid);
	n_sent = 0;
	disc_reason = 0;
	script(0, NULL, NULL, NULL, NULL);
	rc = cli_auth_start(&sess);
	if (rc == E_OK)
		cli.auth->prompt = fake_prompt;
	return rc;
}

/* ---- Server messages ------------------------------------------------------------------ */

static int feed(const uint8_t *p, size_t n)
{
	return cli_auth_handle(&sess, p, n);
}

static int failure(const char *list, int partial)
{
	uint8_t b[512];
	struct wr w;

	wr_init(&w, b, sizeof(b));
	wr_u8(&w, SSH_MSG_USERAUTH_FAILURE);
	wr_cstr(&w, list);
	wr_bool(&w, partial);
	return feed(b, w.len);
}

static int success(void)
{
	static const uint8_t b[] = {SSH_MSG_USERAUTH_SUCCESS};

	return feed(b, 1);
}

static int pk_ok(const char *alg, const uint8_t *blob, size_t n)
{
	uint8_t b[4096];
	struct wr w;

	wr_init(&w, b, sizeof(b));
	wr_u8(&w, SSH_MSG_USERAUTH_PK_OK);
	wr_cstr(&w, alg);
	wr_string(&w, blob, n);
	return feed(b, w.len);
}

/* ---- Client requests ------------------------------------------------------------------- */

struct req {
	struct view user, service, method;
	int flag; /* publickey: has signature; password: change */
	struct view alg, blob, sig, password, lang, submethods;
	size_t signed_len; /* publickey: bytes of the request before the signature */
};

/* Parses sent[i] as a USERAUTH_REQUEST. */
static int parse_req(int i, struct req *q)
{
	struct rd r;
	uint8_t t = 0;

	memset(q, 0, sizeof(*q));
	if (i < 0 || i >= n_sent || i >= MAX_SENT)
		return 0;
	rd_init(&r, sent[i], sent_len[i]);
	rd_u8(&r, &t);
	rd_text(&r, 256, &q->user);
	rd_text(&r, 256, &q->service);
	rd_text(&r, 256, &q->method);
	if (view_eq(q->method, "publickey")) {
		rd_bool(&r, &q->flag);
		rd_text(&r, 64, &q->alg);
		rd_string(&r, 4096, &q->blob);
		q->signed_len = r.off;
		if (q->flag)
			rd_string(&r, 4096, &q->sig);
	} else if (view_eq(q->method, "password")) {
		rd_bool(&r, &q->flag);
		rd_string(&r, 4096, &q->password);
	} else if (view_eq(q->method, "keyboard-interactive")) {
		rd_string(&r, 256, &q->lang);
		rd_string(&r, 256, &q->submethods);
	}
	return t == SSH_MSG_USERAUTH_REQUEST && rd_end(&r) == E_OK && view_eq(q->user, "alice") &&
	       view_eq(q->service, "ssh-connection");
}

static int last_req(struct req *q)
{
	return parse_req(n_sent - 1, q);
}

/* Checks that request q (sent[i]) carries a valid signature by pub. */
static int sig_ok(int i, const struct req *q, const struct key *pub, enum sig_alg want)
{
	uint8_t data[8192];
	enum sig_alg got = SIG_NONE;
	struct wr w;

	wr_init(&w, data, sizeof(data));
	wr_string(&w, sid, sizeof(sid));
	wr_bytes(&w, sent[i], q->signed_len);
	if (w.err || !q->flag)
		return 0;
	return key_verify(pub, q->sig.p, q->sig.len, data, w.len, &got) == E_OK && got == want &&
	       view_eq(q->alg, sig_alg_name(want));
}

/* ---- Keys ---------------------------------------------------------------------------------- */

static struct key pub_ed, pub_enc, pub_rsa;
static uint8_t blob_enc[KEY_MAX_PUB_BLOB];
static size_t blob_enc_len;

static int load_pub(const char *name, struct key *k)
{
	char path[256], line[KEYFILE_MAX_PUBLINE];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), KEYDIR "%s.pub", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, line, sizeof(line));
	close(fd);
	return n > 0 && keyfile_parse_public_line(line, (size_t)n, k, NULL, 0) == E_OK;
}

static int copy_file(const char *src, const char *dst)
{
	char buf[8192];
	ssize_t n;
	int in = open(src, O_RDONLY), out;

	if (in < 0)
		return 0;
	n = read(in, buf, sizeof(buf));
	close(in);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0 || n <= 0 || write(out, buf, (size_t)n) != n) {
		if (out >= 0)
			close(out);
		return 0;
	}
	close(out);
	return 1;
}

static char path_missing[128], path_bad[128], path_enc_nopub[128];

static int setup(void)
{
	struct wr w;
	int fd;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/shrew-cliauth-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return 0;
	snprintf(err_path, sizeof(err_path), "%s/stderr", tmpdir);
	snprintf(path_missing, sizeof(path_missing), "%s/missing", tmpdir);
	snprintf(path_bad, sizeof(path_bad), "%s/bad", tmpdir);
	snprintf(path_enc_nopub, sizeof(path_enc_nopub), "%s/enc", tmpdir);
	fd = open(path_bad, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, "not a key\n", 10) != 10)
		return 0;
	close(fd);
	if (!copy_file(KEYDIR "enc-a4-ed25519", path_enc_nopub))
		return 0;
	if (!load_pub("openssh-ed25519", &pub_ed) || !load_pub("enc-a4-ed25519", &pub_enc) ||
	    !load_pub("openssh-rsa2048", &pub_rsa))
		return 0;
	wr_init(&w, blob_enc, sizeof(blob_enc));
	if (key_put_public(&pub_enc, &w) != E_OK)
		return 0;
	blob_enc_len = w.len;
	unsetenv("SSH_AUTH_SOCK");
	return 1;
}

static void cleanup(void)
{
	char p[160];

	if (sess.cli != NULL)
		cli_auth_free(&sess);
	unlink(path_bad);
	unlink(path_enc_nopub);
	snprintf(p, sizeof(p), "%s/stderr", tmpdir);
	unlink(p);
	rmdir(tmpdir);
}

/* ---- Pure parsers ---------------------------------------------------------------------------- */

static size_t ext_info(uint8_t *b, size_t cap, const char *algs)
{
	struct wr w;

	wr_init(&w, b, cap);
	wr_u8(&w, SSH_MSG_EXT_INFO);
	wr_u32(&w, 3);
	wr_cstr(&w, "ping@openssh.com");
	wr_cstr(&w, "0");
	wr_cstr(&w, "server-sig-algs");
	wr_cstr(&w, algs);
	wr_cstr(&w, "delay-compression");
	wr_string(&w, "\0\0\0\0\0\0\0\0", 8);
	return w.err ? 0 : w.len;
}

TEST(ext_info_parse)
{
	uint8_t b[512];
	size_t n = ext_info(b, sizeof(b), "ssh-ed25519,,rsa-sha2-512,foo@bar,ecdsa-sha2-nistp256");
	unsigned bits;
	size_t cut;
	int has, bad = 0;

	CHECK(cli_ext_info_parse(b, n, &bits, &has) == E_OK && has);
	CHECK(bits == ((1u << SIG_ED25519) | (1u << SIG_RSA_SHA512) | (1u << SIG_ECDSA_P256)));
	for (cut = 0; cut < n; cut++)
		if (cli_ext_info_parse(b, cut, &bits, &has) == E_OK || bits || has)
			bad++;
	CHECK(bad == 0);
	b[n] = 0;
	CHECK(cli_ext_info_parse(b, n + 1, &bits, &has) == E_TRAILING && !has && !bits);
	/* no server-sig-algs; zero extensions */
	memcpy(b, "\7\0\0\0\0", 5);
	CHECK(cli_ext_info_parse(b, 5, &bits, &has) == E_OK && !has && !bits);
	/* a huge count, the wrong message */
	memcpy(b, "\7\xff\xff\xff\xff", 5);
	CHECK(cli_ext_info_parse(b, 5, &bits, &has) == E_TOOBIG);
	b[0] = 6;
	CHECK(cli_ext_info_parse(b, 5, &bits, &has) == E_FORMAT);
	/* a NUL inside the server-sig-algs list */
	n = ext_info(b, sizeof(b), "ssh-ed25519");
	b[n - 12 - 21 - 1] = 0; /* the last byte of "ssh-ed25519" */
	CHECK(cli_ext_info_parse(b, n, &bits, &has) == E_FORMAT);
}

TEST(ext_info_session)
{
	uint8_t b[512];
	size_t n;

	CHECK(start() == E_OK);
	n = ext_info(b, sizeof(b), "rsa-sha2-256,ssh-ed25519");
	CHECK(cli_auth_ext_info(&sess, b, n) == E_OK);
	CHECK(cli.ext_info_seen &&
	      cli.server_sig_algs == ((1u << SIG_RSA_SHA256) | (1u << SIG_ED25519)));
	CHECK(disc_reason == 0);
	CHECK(cli_auth_ext_info(&sess, b, n - 1) == E_FORMAT);
	CHECK(disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	/* the failed one changed nothing */
	CHECK(cli.server_sig_algs == ((1u << SIG_RSA_SHA256) | (1u << SIG_ED25519)));
}

TEST(failure_and_methods)
{
	uint8_t b[64];
	struct view list;
	struct wr w;
	size_t cut, n;
	int partial, bad = 0;

	wr_init(&w, b, sizeof(b));
	wr_u8(&w, SSH_MSG_USERAUTH_FAILURE);
	wr_cstr(&w, "publickey,password");
	wr_bool(&w, 1);
	n = w.len;
	CHECK(cli_auth_failure_parse(b, n, &list, &partial) == E_OK && partial == 1);
	CHECK(view_eq(list, "publickey,password"));
	for (cut = 0; cut < n; cut++)
		if (cli_auth_failure_parse(b, cut, &list, &partial) == E_OK)
			bad++;
	CHECK(bad == 0);
	CHECK(cli_auth_failure_parse(b, n + 1, &list, &partial) == E_TRAILING);
	list.p = (const uint8_t *)"hostbased,password,,keyboard-interactive,publickeyx";
	list.len = strlen((const char *)list.p);
	CHECK(cli_auth_methods_mask(list) == (CA_BIT(CA_PASSWORD) | CA_BIT(CA_KBDINT)));
	list.len = 0;
	CHECK(cli_auth_methods_mask(list) == 0);
	/* the order: publickey, keyboard-interactive, password */
	CHECK(cli_auth_pick(~0u, ~0u, 0) == CA_PUBKEY);
	CHECK(cli_auth_pick(~0u, ~0u, CA_BIT(CA_PUBKEY)) == CA_KBDINT);
	CHECK(cli_auth_pick(CA_BIT(CA_PASSWORD) | CA_BIT(CA_PUBKEY), ~0u, CA_BIT(CA_PUBKEY)) ==
	      CA_PASSWORD);
	CHECK(cli_auth_pick(~0u, CA_BIT(CA_PASSWORD), 0) == CA_PASSWORD);
	CHECK(cli_auth_pick(CA_BIT(CA_KBDINT), CA_BIT(CA_PASSWORD), 0) == CA_NONE);
	CHECK(cli_auth_pick(~0u, ~0u, ~0u) == CA_NONE);
	reset_opts();
	CHECK(cli_auth_enabled(&opts) ==
	      (CA_BIT(CA_PUBKEY) | CA_BIT(CA_KBDINT) | CA_BIT(CA_PASSWORD)));
	opts.batch = 1;
	CHECK(cli_auth_enabled(&opts) == CA_BIT(CA_PUBKEY));
	opts.batch = 0;
	opts.pubkey_auth = 0;
	opts.kbdint_auth = 0;
	CHECK(cli_auth_enabled(&opts) == CA_BIT(CA_PASSWORD));
	reset_opts();
}

TEST(banner_and_sanitize)
{
	static const uint8_t text[] =
	    "a\tb\r\n\x1b[31mred\x07\x7f \xc3\xa9 \xc2\x9b "
	    "\xe2\x82\xac \xf0\x9f\x98\x80 \xff\xc3 \xed\xa0\x80 \xc0\xaf";
	char out[256];
	uint8_t b[128];
	struct view msg;
	struct wr w;
	size_t n, cut;
	int bad = 0;

	n = cli_auth_sanitize(text, sizeof(text) - 1, out, sizeof(out));
	CHECK(strcmp(out,
	             "a\tb\n^[[31mred^G^? \xc3\xa9 ?? \xe2\x82\xac \xf0\x9f\x98\x80 ?? ??? ??") ==
	      0);
	CHECK(n == strlen(out));
	CHECK(strchr(out, 0x1b) == NULL && strchr(out, '\r') == NULL);
	/* truncation never splits an escape or a character */
	CHECK(cli_auth_sanitize((const uint8_t *)"ab\x1b", 3, out, 4) == 2 && !strcmp(out, "ab"));
	CHECK(cli_auth_sanitize((const uint8_t *)"a\xc3\xa9", 3, out, 3) == 1);
	CHECK(cli_auth_sanitize((const uint8_t *)"abc", 3, out, 1) == 0 && out[0] == 0);
	/* the banner message */
	wr_init(&w, b, sizeof(b));
	wr_u8(&w, SSH_MSG_USERAUTH_BANNER);
	wr_cstr(&w, "hi\x1b]0;x\x07");
	wr_cstr(&w, "en");
	n = w.len;
	CHECK(cli_auth_banner_parse(b, n, &msg) == E_OK && msg.len == 8);
	for (cut = 0; cut < n; cut++)
		if (cli_auth_banner_parse(b, cut, &msg) == E_OK)
			bad++;
	CHECK(bad == 0);
	CHECK(cli_auth_banner_parse(b, n + 1, &msg) == E_TRAILING);
	/* through the state machine: printed sanitized, or not with -q */
	reset_opts();
	CHECK(start() == E_OK);
	capture_stderr();
	CHECK(feed(b, n) == E_OK);
	CHECK(strcmp(stderr_text(), "hi^[]0;x^G\n") == 0);
	opts.quiet = 1;
	capture_stderr();
	CHECK(feed(b, n) == E_OK);
	CHECK(stderr_text()[0] == 0);
	CHECK(feed(b, n - 1) == E_FORMAT && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	reset_opts();
}

static size_t info_request(uint8_t *b, size_t cap, uint32_t count, uint32_t real)
{
	struct wr w;
	uint32_t i;

	wr_init(&w, b, cap);
	wr_u8(&w, SSH_MSG_USERAUTH_INFO_REQUEST);
	wr_cstr(&w, "Name");
	wr_cstr(&w, "Instruction\x1b[2J");
	wr_cstr(&w, "");
	wr_u32(&w, count);
	for (i = 0; i < real; i++) {
		wr_cstr(&w, i == 0 ? "One: " : "Two: ");
		wr_bool(&w, i == 0);
	}
	return w.err ? 0 : w.len;
}

TEST(info_request_parse)
{
	struct cli_kbd_req q;
	uint8_t b[4096];
	size_t n = info_request(b, sizeof(b), 2, 2), cut;
	int bad = 0;

	CHECK(cli_kbd_req_parse(b, n, &q) == E_OK && q.n == 2);
	CHECK(view_eq(q.name, "Name") && view_eq(q.prompt[1], "Two: "));
	CHECK(q.echo[0] == 1 && q.echo[1] == 0);
	for (cut = 0; cut < n; cut++)
		if (cli_kbd_req_parse(b, cut, &q) == E_OK || q.n != 0)
			bad++;
	CHECK(bad == 0);
	CHECK(cli_kbd_req_parse(b, n + 1, &q) == E_TRAILING && q.n == 0);
	n = info_request(b, sizeof(b), 3, 2);
	CHECK(cli_kbd_req_parse(b, n, &q) == E_SHORT);
	n = info_request(b, sizeof(b), 0, 0);
	CHECK(cli_kbd_req_parse(b, n, &q) == E_OK && q.n == 0);
	n = info_request(b, sizeof(b), CLI_KBD_MAX_PROMPTS + 1, 0);
	CHECK(cli_kbd_req_parse(b, n, &q) == E_TOOBIG);
	n = info_request(b, sizeof(b), 0xffffffffu, 0);
	CHECK(cli_kbd_req_parse(b, n, &q) == E_TOOBIG);
	b[0] = SSH_MSG_USERAUTH_INFO_RESPONSE;
	CHECK(cli_kbd_req_parse(b, n, &q) == E_FORMAT);
}

TEST(pk_ok_and_changereq_parse)
{
	struct view alg, blob, prompt;
	uint8_t b[128];
	struct wr w;
	size_t n, cut;
	int bad = 0;

	wr_init(&w, b, sizeof(b));
	wr_u8(&w, SSH_MSG_USERAUTH_PK_OK);
	wr_cstr(&w, "ssh-ed25519");
	wr_cstr(&w, "blob");
	n = w.len;
	CHECK(cli_auth_pk_ok_parse(b, n, &alg, &blob) == E_OK && view_eq(blob, "blob"));
	for (cut = 0; cut < n; cut++)
		if (cli_auth_pk_ok_parse(b, cut, &alg, &blob) == E_OK)
			bad++;
	CHECK(bad == 0);
	CHECK(cli_auth_pk_ok_parse(b, n + 1, &alg, &blob) == E_TRAILING);
	/* PASSWD_CHANGEREQ has the same shape: string, string */
	CHECK(cli_passwd_changereq_parse(b, n, &prompt) == E_OK && view_eq(prompt, "ssh-ed25519"));
	CHECK(cli_passwd_changereq_parse(b, n - 1, &prompt) != E_OK);
}

TEST(rsa_sig_choice)
{
	unsigned s256 = 1u << SIG_RSA_SHA256, s512 = 1u << SIG_RSA_SHA512;

	CHECK(cli_auth_sig_for(KEY_ED25519, 0, 0) == SIG_ED25519);
	CHECK(cli_auth_sig_for(KEY_ECDSA_P384, 1, 0) == SIG_ECDSA_P384);
	CHECK(cli_auth_sig_for(KEY_RSA, 1, s256 | s512) == SIG_RSA_SHA512);
	CHECK(cli_auth_sig_for(KEY_RSA, 1, s256) == SIG_RSA_SHA256);
	CHECK(cli_auth_sig_for(KEY_RSA, 1, s512) == SIG_RSA_SHA512);
#if SHREW_RSA_SHA1
	CHECK(cli_auth_sig_for(KEY_RSA, 0, 0) == SIG_RSA_SHA1);
#else
	CHECK(cli_auth_sig_for(KEY_RSA, 0, 0) == SIG_RSA_SHA256);
	CHECK(cli_auth_sig_for(KEY_RSA, 1, 1u << SIG_ED25519) == SIG_RSA_SHA256);
#endif
}

/* ---- The state machine ------------------------------------------------------------------------ */

TEST(none_first_then_success)
{
	struct req q;

	reset_opts();
	CHECK(start() == E_OK);
	CHECK(n_sent == 1 && parse_req(0, &q) && view_eq(q.method, "none"));
	CHECK(success() == E_OK && sess.authenticated == 1);
	/* late messages are ignored */
	CHECK(failure("password", 0) == E_OK && n_sent == 1);
}

TEST(pubkey_file_signs_directly)
{
	struct req q;

	reset_opts();
	opts.identities[0] = path_missing;
	opts.identities[1] = path_bad;
	opts.identities[2] = KEYDIR "openssh-ed25519";
	opts.n_identities = 3;
	CHECK(start() == E_OK);
	capture_stderr();
	CHECK(failure("publickey,password", 0) == E_OK);
	/* one warning (the bad file), nothing about the missing one */
	CHECK(strstr(stderr_text(), "bad") != NULL);
	CHECK(strstr(err_text, "missing") == NULL &&
	      strchr(err_text, '\n') == strrchr(err_text, '\n'));
	CHECK(n_sent == 2 && parse_req(1, &q) && view_eq(q.method, "publickey") && q.flag == 1);
	CHECK(sig_ok(1, &q, &pub_ed, SIG_ED25519));
	CHECK(n_asked == 0);
	CHECK(success() == E_OK && sess.authenticated);
}

TEST(pubkey_wrong_session_id_fails_verify)
{
	struct req q;

	/* the same flow, checked against another session id: the signature
	 * must not verify (so sig_ok really checks the session id) */
	reset_opts();
	opts.identities[0] = KEYDIR "openssh-ed25519";
	opts.n_identities = 1;
	CHECK(start() == E_OK);
	sess.session_id[0] ^= 1;
	CHECK(failure("publickey", 0) == E_OK);
	CHECK(last_req(&q) && q.flag == 1);
	CHECK(!sig_ok(n_sent - 1, &q, &pub_ed, SIG_ED25519));
}

TEST(pubkey_encrypted_query_then_passphrase)
{
	struct req q;

	reset_opts();
	opts.identities[0] = KEYDIR "enc-a4-ed25519";
	opts.n_identities = 1;
	CHECK(start() == E_OK);
	script(2, "wrong", ENC_PASS, NULL, NULL);
	CHECK(failure("publickey", 0) == E_OK);
	/* a query with the .pub's key; nothing asked yet */
	CHECK(n_sent == 2 && parse_req(1, &q) && q.flag == 0 && view_eq(q.alg, "ssh-ed25519"));
	CHECK(q.blob.len == blob_enc_len && memcmp(q.blob.p, blob_enc, blob_enc_len) == 0);
	CHECK(n_asked == 0);
	capture_stderr();
	CHECK(pk_ok("ssh-ed25519", blob_enc, blob_enc_len) == E_OK);
	CHECK(strstr(stderr_text(), "wrong passphrase") != NULL);
	CHECK(n_asked == 2);
	CHECK(!strcmp(asked[0], "Enter passphrase for key '" KEYDIR "enc-a4-ed25519': "));
	CHECK(asked_echo[0] == 0);
	CHECK(n_sent == 3 && parse_req(2, &q) && sig_ok(2, &q, &pub_enc, SIG_ED25519));
	CHECK(success() == E_OK && sess.authenticated);
}

TEST(pubkey_encrypted_without_pub_asks_first)
{
	struct req q;

	reset_opts();
	opts.identities[0] = path_enc_nopub;
	opts.n_identities = 1;
	CHECK(start() == E_OK);
	script(1, ENC_PASS, NULL, NULL, NULL);
	CHECK(failure("publickey", 0) == E_OK);
	CHECK(n_asked == 1 && n_sent == 2 && parse_req(1, &q) && q.flag == 1);
	CHECK(sig_ok(1, &q, &pub_enc, SIG_ED25519));
}

TEST(pubkey_passphrase_tries_then_denied)
{
	reset_opts();
	opts.identities[0] = KEYDIR "enc-a4-ed25519";
	opts.n_identities = 1;
	CHECK(start() == E_OK);
	script(4, "x", "y", "z", ENC_PASS);
	CHECK(failure("publickey", 0) == E_OK && n_sent == 2);
	capture_stderr();
	CHECK(pk_ok("ssh-ed25519", blob_enc, blob_enc_len) == E_AUTH);
	CHECK(strstr(stderr_text(), "alice@example.org: Permission denied (publickey).\n") != NULL);
	CHECK(n_asked == 3 && n_sent == 2);
	/* an empty passphrase skips the key at once */
	CHECK(start() == E_OK);
	script(2, "", ENC_PASS, NULL, NULL);
	CHECK(failure("publickey,password", 0) == E_OK);
	CHECK(pk_ok("ssh-ed25519", blob_enc, blob_enc_len) == E_OK);
	/* then the password is asked */
	CHECK(n_asked == 2 && !strcmp(asked[1], "alice@example.org's password: "));
	/* BatchMode: the encrypted key is not even offered */
	opts.batch = 1;
	CHECK(start() == E_OK);
	capture_stderr();
	CHECK(failure("publickey,password", 0) == E_AUTH && n_sent == 1 && n_asked == 0);
	CHECK(strstr(stderr_text(), "Permission denied (publickey,password)") != NULL);
	reset_opts();
}

TEST(pubkey_bad_pk_ok)
{
	reset_opts();
	opts.identities[0] = KEYDIR "enc-a4-ed25519";
	opts.n_identities = 1;
	CHECK(start() == E_OK);
	CHECK(failure("publickey", 0) == E_OK);
	CHECK(pk_ok("ssh-ed25519", blob_enc, blob_enc_len - 1) == E_FORMAT);
	CHECK(disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	/* PK_OK when no query is outstanding (after "none") */
	CHECK(start() == E_OK);
	CHECK(pk_ok("ssh-ed25519", blob_enc, blob_enc_len) == E_FORMAT);
	CHECK(disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	/* an unknown message number, and one before cli_auth_start */
	CHECK(start() == E_OK);
	{
		static const uint8_t m61[] = {SSH_MSG_USERAUTH_INFO_RESPONSE, 0, 0, 0, 0};
		CHECK(feed(m61, sizeof(m61)) == E_FORMAT && disc_reason);
	}
	cli_auth_free(&sess);
	CHECK(cli.auth == NULL);
	disc_reason = 0;
	CHECK(success() == E_FORMAT && disc_reason && !sess.authenticated);
	cli_auth_free(&sess); /* safe twice */
}

TEST(pubkey_rsa_algorithm)
{
	uint8_t b[512];
	struct req q;
	size_t n;

	reset_opts();
	opts.identities[0] = KEYDIR "openssh-rsa2048";
	opts.n_identities = 1;
	/* server-sig-algs with only rsa-sha2-256 */
	CHECK(start() == E_OK);
	n = ext_info(b, sizeof(b), "ssh-ed25519,rsa-sha2-256");
	CHECK(cli_auth_ext_info(&sess, b, n) == E_OK);
	CHECK(failure("publickey", 0) == E_OK && last_req(&q));
	CHECK(sig_ok(n_sent - 1, &q, &pub_rsa, SIG_RSA_SHA256));
	/* with rsa-sha2-512 */
	CHECK(start() == E_OK);
	n = ext_info(b, sizeof(b), "rsa-sha2-256,rsa-sha2-512");
	CHECK(cli_auth_ext_info(&sess, b, n) == E_OK);
	CHECK(failure("publickey", 0) == E_OK && last_req(&q));
	CHECK(sig_ok(n_sent - 1, &q, &pub_rsa, SIG_RSA_SHA512));
#if !SHREW_RSA_SHA1
	/* no EXT_INFO at all */
	CHECK(start() == E_OK);
	CHECK(failure("publickey", 0) == E_OK && last_req(&q));
	CHECK(sig_ok(n_sent - 1, &q, &pub_rsa, SIG_RSA_SHA256));
#endif
}

TEST(password_tries_then_denied)
{
	struct req q;
	int i;

	reset_opts();
	CHECK(start() == E_OK);
	script(4, "pw1", "pw2", "pw3", "pw4");
	capture_stderr();
	CHECK(failure("password", 0) == E_OK);
	for (i = 0; i < 2; i++)
		CHECK(failure("password", 0) == E_OK);
	CHECK(failure("password,hostbased", 0) == E_AUTH);
	stderr_text();
	CHECK(n_asked == 3 && n_sent == 4);
	CHECK(!strcmp(asked[0], "alice@example.org's password: ") && asked_echo[0] == 0);
	CHECK(parse_req(3, &q) && view_eq(q.method, "password") && q.flag == 0 &&
	      view_eq(q.password, "pw3"));
	CHECK(strstr(err_text, "Permission denied, please try again.") != NULL);
	CHECK(strstr(err_text, "alice@example.org: Permission denied (password,hostbased).\n") !=
	      NULL);
	/* the request buffer holds no password once sent */
	CHECK(memmem(cli.auth->msg, sizeof(cli.auth->msg), "pw3", 3) == NULL);
	/* NumberOfPasswordPrompts=1 */
	opts.auth_tries = 1;
	CHECK(start() == E_OK);
	script(2, "pw1", "pw2", NULL, NULL);
	capture_stderr();
	CHECK(failure("password", 0) == E_OK);
	CHECK(failure("password", 0) == E_AUTH && n_asked == 1);
	stderr_text();
	reset_opts();
}

TEST(password_change_request)
{
	uint8_t b[128];
	struct wr w;

	reset_opts();
	CHECK(start() == E_OK);
	script(1, "old", NULL, NULL, NULL);
	CHECK(failure("password", 0) == E_OK);
	wr_init(&w, b, sizeof(b));
	wr_u8(&w, SSH_MSG_USERAUTH_PASSWD_CHANGEREQ);
	wr_cstr(&w, "Your password has expired");
	wr_cstr(&w, "");
	capture_stderr();
	CHECK(feed(b, w.len) == E_AUTH);
	CHECK(strstr(stderr_text(), "Your password has expired\n") != NULL);
	CHECK(strstr(err_text, "password change required; change it on the server") != NULL);
	CHECK(strstr(err_text, "Permission denied (password)") != NULL);
	CHECK(n_asked == 1 && n_sent == 2);
}

TEST(kbdint_prompts)
{
	static const uint8_t zero[] = {
	    SSH_MSG_USERAUTH_INFO_REQUEST, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
	uint8_t b[512];
	struct req q;
	struct rd r;
	struct view v1, v2;
	uint8_t t = 0;
	uint32_t cnt = 9;
	size_t n;

	reset_opts();
	CHECK(start() == E_OK);
	script(2, "first", "second", NULL, NULL);
	CHECK(failure("password,keyboard-interactive", 0) == E_OK);
	CHECK(last_req(&q) && view_eq(q.method, "keyboard-interactive"));
	CHECK(q.lang.len == 0 && q.submethods.len == 0);
	n = info_request(b, sizeof(b), 2, 2);
	capture_stderr();
	CHECK(feed(b, n) == E_OK);
	CHECK(strcmp(stderr_text(), "Name\nInstruction^[[2J\n") == 0);
	CHECK(n_asked == 2 && !strcmp(asked[0], "One: ") && asked_echo[0] == 1);
	CHECK(!strcmp(asked[1], "Two: ") && asked_echo[1] == 0);
	rd_init(&r, sent[n_sent - 1], sent_len[n_sent - 1]);
	rd_u8(&r, &t);
	rd_u32(&r, &cnt);
	rd_string(&r, 64, &v1);
	rd_string(&r, 64, &v2);
	CHECK(t == SSH_MSG_USERAUTH_INFO_RESPONSE && cnt == 2 && rd_end(&r) == E_OK);
	CHECK(view_eq(v1, "first") && view_eq(v2, "second"));
	/* zero prompts: zero responses */
	CHECK(feed(zero, sizeof(zero)) == E_OK);
	CHECK(sent_len[n_sent - 1] == 5 && !memcmp(sent[n_sent - 1], "\x3d\0\0\0\0", 5));
	CHECK(success() == E_OK && sess.authenticated);
}

TEST(kbdint_without_questions_falls_to_password)
{
	struct req q;

	reset_opts();
	CHECK(start() == E_OK);
	script(1, "pw", NULL, NULL, NULL);
	CHECK(failure("password,keyboard-interactive", 0) == E_OK);
	CHECK(last_req(&q) && view_eq(q.method, "keyboard-interactive"));
	/* failed without an INFO_REQUEST: not tried again */
	CHECK(failure("password,keyboard-interactive", 0) == E_OK);
	CHECK(last_req(&q) && view_eq(q.method, "password") && view_eq(q.password, "pw"));
}

TEST(partial_success_moves_on)
{
	struct req q;

	reset_opts();
	opts.identities[0] = KEYDIR "openssh-ed25519";
	opts.n_identities = 1;
	CHECK(start() == E_OK);
	script(1, "pw", NULL, NULL, NULL);
	CHECK(failure("publickey", 0) == E_OK && last_req(&q) && q.flag == 1);
	CHECK(failure("password", 1) == E_OK);
	CHECK(last_req(&q) && view_eq(q.method, "password") && view_eq(q.password, "pw"));
	CHECK(success() == E_OK && sess.authenticated);
}

TEST(methods_disabled_or_unknown)
{
	reset_opts();
	opts.password_auth = 0;
	CHECK(start() == E_OK);
	capture_stderr();
	CHECK(failure("password,gssapi-with-mic", 0) == E_AUTH);
	CHECK(strcmp(stderr_text(), "alice@example.org: Permission denied "
	                            "(password,gssapi-with-mic).\n") == 0);
	CHECK(n_sent == 1 && n_asked == 0);
	/* a list with an escape in it is printed sanitized */
	CHECK(start() == E_OK);
	capture_stderr();
	CHECK(failure("x\x1b[2J", 0) == E_AUTH);
	CHECK(strstr(stderr_text(), "(x^[[2J)") != NULL);
	reset_opts();
}

TEST(no_terminal_and_cancel)
{
	reset_opts();
	/* nobody to ask: password skipped with one message */
	CHECK(start() == E_OK);
	script(1, NULL, NULL, NULL, NULL);
	capture_stderr();
	CHECK(failure("password", 0) == E_AUTH);
	CHECK(strstr(stderr_text(), "no terminal") != NULL && n_sent == 1);
	/* cancelled: the connection is ended */
	CHECK(start() == E_OK);
	script(1, "\1", NULL, NULL, NULL);
	capture_stderr();
	CHECK(failure("password", 0) == E_AUTH);
	CHECK(strstr(stderr_text(), "cancelled") != NULL && n_sent == 1);
	CHECK(disc_reason == SSH_DISCONNECT_AUTH_CANCELLED_BY_USER);
}

/* ---- With a real ssh-agent ------------------------------------------------------------------ */

static pid_t agent_pid = -1;
static char agent_sock[160], agent_key1[160], agent_key2[160];

static pid_t spawn(char *const argv[])
{
	pid_t pid = fork();

	if (pid == 0) {
		int nul = open("/dev/null", O_RDWR);
		dup2(nul, 0);
		dup2(nul, 1);
		dup2(nul, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* Starts ssh-agent with openssh-ed25519 then openssh-rsa2048: 1, 0 (no
 * ssh-agent), -1 (failed). */
static int start_agent(void)
{
	char prog[512], add[512];
	struct stat st;
	pid_t pid;
	int i, status = -1;

	if (!unit_find_program("ssh-agent", prog, sizeof(prog)) ||
	    !unit_find_program("ssh-add", add, sizeof(add)))
		return 0;
	snprintf(agent_sock, sizeof(agent_sock), "%s/agent.sock", tmpdir);
	snprintf(agent_key1, sizeof(agent_key1), "%s/id1", tmpdir);
	snprintf(agent_key2, sizeof(agent_key2), "%s/id2", tmpdir);
	if (!copy_file(KEYDIR "openssh-ed25519", agent_key1) ||
	    !copy_file(KEYDIR "openssh-rsa2048", agent_key2))
		return -1;
	{
		char *argv[] = {prog, "-D", "-a", agent_sock, NULL};
		agent_pid = spawn(argv);
	}
	if (agent_pid < 0)
		return -1;
	for (i = 0; i < 200 && stat(agent_sock, &st) != 0; i++)
		usleep(25000);
	setenv("SSH_AUTH_SOCK", agent_sock, 1);
	{
		char *argv[] = {add, agent_key1, agent_key2, NULL};
		pid = spawn(argv);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return 1;
}

static void stop_agent(void)
{
	if (agent_pid > 0) {
		kill(agent_pid, SIGTERM);
		waitpid(agent_pid, NULL, 0);
		agent_pid = -1;
	}
	unsetenv("SSH_AUTH_SOCK");
	unlink(agent_sock);
	unlink(agent_key1);
	unlink(agent_key2);
}

static int same_blob(struct view v, const struct key *k)
{
	uint8_t b[KEY_MAX_PUB_BLOB];
	struct wr w;

	wr_init(&w, b, sizeof(b));
	return key_put_public(k, &w) == E_OK && v.len == w.len && memcmp(v.p, b, w.len) == 0;
}

TEST(pubkey_agent_then_files)
{
	uint8_t b[512];
	struct req q;
	size_t n;

	reset_opts();
	opts.identities[0] = KEYDIR "openssh-ed25519"; /* the agent has it too */
	opts.n_identities = 1;
	CHECK(start() == E_OK);
	n = ext_info(b, sizeof(b), "rsa-sha2-256,rsa-sha2-512,ssh-ed25519");
	CHECK(cli_auth_ext_info(&sess, b, n) == E_OK);
	CHECK(failure("publickey", 0) == E_OK);
	/* the agent's first key: a query, then the agent signs */
	CHECK(n_sent == 2 && parse_req(1, &q) && q.flag == 0 && same_blob(q.blob, &pub_ed));
	CHECK(pk_ok("ssh-ed25519", q.blob.p, q.blob.len) == E_OK);
	CHECK(n_sent == 3 && parse_req(2, &q) && sig_ok(2, &q, &pub_ed, SIG_ED25519));
	/* the second: RSA, rsa-sha2-512 (agent flag 4) */
	CHECK(failure("publickey", 0) == E_OK);
	CHECK(n_sent == 4 && parse_req(3, &q) && q.flag == 0 && same_blob(q.blob, &pub_rsa));
	CHECK(view_eq(q.alg, "rsa-sha2-512"));
	CHECK(pk_ok("rsa-sha2-512", q.blob.p, q.blob.len) == E_OK);
	CHECK(n_sent == 5 && parse_req(4, &q) && sig_ok(4, &q, &pub_rsa, SIG_RSA_SHA512));
	/* the identity file holds the agent's first key: not offered again */
	capture_stderr();
	CHECK(failure("publickey", 0) == E_AUTH && n_sent == 5);
	CHECK(strstr(stderr_text(), "Permission denied (publickey)") != NULL);
}

TEST(pubkey_agent_identities_only)
{
	struct req q;

	reset_opts();
	opts.identities_only = 1;
	opts.identities[0] = KEYDIR "openssh-rsa2048";
	opts.n_identities = 1;
	CHECK(start() == E_OK);
	CHECK(failure("publickey", 0) == E_OK);
	/* only the agent key that matches the identity file (by its .pub) */
	CHECK(n_sent == 2 && parse_req(1, &q) && q.flag == 0 && same_blob(q.blob, &pub_rsa));
	CHECK(view_eq(q.alg, SHREW_RSA_SHA1 ? "ssh-rsa" : "rsa-sha2-256"));
	capture_stderr();
	CHECK(failure("publickey", 0) == E_AUTH && n_sent == 2);
	stderr_text();
	/* the agent's RSA key with rsa-sha2-256 (agent flag 2), no EXT_INFO */
#if !SHREW_RSA_SHA1
	CHECK(start() == E_OK);
	CHECK(failure("publickey", 0) == E_OK && last_req(&q));
	CHECK(pk_ok("rsa-sha2-256", q.blob.p, q.blob.len) == E_OK);
	CHECK(last_req(&q) && sig_ok(n_sent - 1, &q, &pub_rsa, SIG_RSA_SHA256));
#endif
	reset_opts();
}

/* ---- cli_prompt ------------------------------------------------------------------------------ */

TEST(prompt_askpass)
{
	char buf[64];
	size_t len = 9;

	CHECK(cli_prompt_askpass("/bin/echo", "hello world", buf, sizeof(buf), &len) == E_OK);
	CHECK(!strcmp(buf, "hello world") && len == 11);
	CHECK(cli_prompt_askpass("/bin/false", "x", buf, sizeof(buf), &len) == E_ARG && len == 0);
	CHECK(cli_prompt_askpass("/nonexistent/askpass", "x", buf, sizeof(buf), &len) == E_ARG);
	CHECK(cli_prompt_askpass("/bin/echo", "0123456789", buf, 5, &len) == E_TOOBIG);
	CHECK(len == 0 && buf[0] == 0);
	/* the argument is one argv word: no shell ever sees it */
	CHECK(cli_prompt_askpass("/bin/echo", "$(id) `id` ;id", buf, sizeof(buf), &len) == E_OK);
	CHECK(!strcmp(buf, "$(id) `id` ;id"));
	/* cli_prompt: BatchMode asks nobody; SSH_ASKPASS_REQUIRE=force */
	reset_opts();
	opts.batch = 1;
	setenv("SSH_ASKPASS", "/bin/echo", 1);
	setenv("SSH_ASKPASS_REQUIRE", "force", 1);
	CHECK(cli_prompt(&opts, "p", 0, buf, sizeof(buf), &len) == E_AUTH);
	opts.batch = 0;
	CHECK(cli_prompt(&opts, "Password: ", 0, buf, sizeof(buf), &len) == E_OK);
	CHECK(!strcmp(buf, "Password: "));
	setenv("SSH_ASKPASS", "/bin/false", 1);
	CHECK(cli_prompt(&opts, "p", 0, buf, sizeof(buf), &len) == E_ARG);
	unsetenv("SSH_ASKPASS");
	unsetenv("SSH_ASKPASS_REQUIRE");
}

int main(void)
{
	if (crypto_init() != E_OK || !setup()) {
		printf("FAIL setup\n");
		return 1;
	}
	RUN(ext_info_parse);
	RUN(ext_info_session);
	RUN(failure_and_methods);
	RUN(banner_and_sanitize);
	RUN(info_request_parse);
	RUN(pk_ok_and_changereq_parse);
	RUN(rsa_sig_choice);
	RUN(none_first_then_success);
	RUN(pubkey_file_signs_directly);
	RUN(pubkey_wrong_session_id_fails_verify);
	RUN(pubkey_encrypted_query_then_passphrase);
	RUN(pubkey_encrypted_without_pub_asks_first);
	RUN(pubkey_passphrase_tries_then_denied);
	RUN(pubkey_bad_pk_ok);
	RUN(pubkey_rsa_algorithm);
	RUN(password_tries_then_denied);
	RUN(password_change_request);
	RUN(kbdint_prompts);
	RUN(kbdint_without_questions_falls_to_password);
	RUN(partial_success_moves_on);
	RUN(methods_disabled_or_unknown);
	RUN(no_terminal_and_cancel);
	RUN(prompt_askpass);
	switch (start_agent()) {
	case 0: puts("SKIP pubkey_agent: no ssh-agent / ssh-add in PATH"); break;
	case 1:
		RUN(pubkey_agent_then_files);
		RUN(pubkey_agent_identities_only);
		break;
	default:
		puts("FAIL pubkey_agent (could not start ssh-agent and load the keys)");
		unit_fail++;
	}
	stop_agent();
	cleanup();
	return unit_done();
}

#else

#include <stdio.h>

int main(void)
{
	puts("SKIP test-cli-auth: SHREW_CLIENT is off");
	return 0;
}

#endif
