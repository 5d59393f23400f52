/*
 * test-cli-agent.c - the ssh-agent client (cli-agent.c): the frame
 * builders and answer parsers on good and bad input (every truncation,
 * huge counts, trailing bytes, unknown key types, FAILURE), the socket
 * I/O against a fake agent on a socketpair (oversized and cut frames),
 * then against a real OpenSSH ssh-agent that the test starts itself
 * (`ssh-agent -D -a SOCK`, SKIP when absent), loaded with the fixed test
 * keys by ssh-add: the key list must equal the .pub files, and every
 * signature must verify with key_verify, RSA with flags 2 and 4 giving
 * rsa-sha2-256 and rsa-sha2-512.  The agent is killed by its PID.
 */
#include "options.h"

#if SHREW_CLIENT

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "unit.h"
#include "common-err.h"
#include "common-key.h"
#include "common-keyfile.h"
#include "common-wr.h"
#include "crypto-ltc.h"
#include "cli-agent.h"

#define KEYDIR "test/data/keys/"

static const char *const key_names[] = {"openssh-ed25519", "openssh-ecdsa256", "openssh-rsa2048"};
#define N_KEYS 3

static struct key pubs[N_KEYS];
static uint8_t blobs[N_KEYS][KEY_MAX_PUB_BLOB];
static size_t blob_lens[N_KEYS];

static int read_file(const char *path, char *buf, size_t cap, size_t *n)
{
	int fd = open(path, O_RDONLY);
	ssize_t r;

	*n = 0;
	if (fd < 0)
		return 0;
	while ((r = read(fd, buf + *n, cap - *n)) > 0)
		*n += (size_t)r;
	close(fd);
	return r == 0 && *n < cap;
}

static int load_pubs(void)
{
	char path[256], line[KEYFILE_MAX_PUBLINE];
	size_t n, i;
	struct wr w;

	for (i = 0; i < N_KEYS; i++) {
		snprintf(path, sizeof(path), KEYDIR "%s.pub", key_names[i]);
		if (!read_file(path, line, sizeof(line), &n) ||
		    keyfile_parse_public_line(line, n, &pubs[i], NULL, 0) != E_OK)
			return 0;
		wr_init(&w, blobs[i], sizeof(blobs[i]));
		if (key_put_public(&pubs[i], &w) != E_OK)
			return 0;
		blob_lens[i] = w.len;
	}
	return 1;
}

/* An IDENTITIES_ANSWER with the given (blob, comment) pairs. */
static size_t build_answer(uint8_t *out, size_t cap, uint32_t count, const uint8_t *const *b,
                           const size_t *bl, size_t k)
{
	struct wr w;
	size_t i;

	wr_init(&w, out, cap);
	wr_u8(&w, SSH_AGENT_IDENTITIES_ANSWER);
	wr_u32(&w, count);
	for (i = 0; i < k; i++) {
		wr_string(&w, b[i], bl[i]);
		wr_cstr(&w, "comment");
	}
	return w.err ? 0 : w.len;
}

/* ---- Pure parsers ------------------------------------------------------------ */

TEST(parse_list_good)
{
	static const uint8_t unknown[] = {0, 0, 0, 7, 's', 's', 'h', '-', 'd', 's', 's', 1, 2};
	const uint8_t *b[4] = {blobs[0], unknown, blobs[1], blobs[2]};
	size_t bl[4] = {blob_lens[0], sizeof(unknown), blob_lens[1], blob_lens[2]};
	uint8_t msg[8192];
	struct agent_ids ids;
	size_t n = build_answer(msg, sizeof(msg), 4, b, bl, 4);

	CHECK(n > 0);
	CHECK(agent_parse_list(msg, n, &ids) == E_OK);
	CHECK(ids.n == 3); /* ssh-dss skipped */
	CHECK(ids.id[0].type == KEY_ED25519);
	CHECK(ids.id[1].type == KEY_ECDSA_P256);
	CHECK(ids.id[2].type == KEY_RSA);
	CHECK(ids.id[2].blob.len == blob_lens[2] &&
	      memcmp(ids.id[2].blob.p, blobs[2], blob_lens[2]) == 0);
	CHECK(view_eq(ids.id[0].comment, "comment"));
	CHECK(agent_ids_has(&ids, blobs[1], blob_lens[1]));
	CHECK(!agent_ids_has(&ids, unknown, sizeof(unknown)));
	/* an empty list */
	n = build_answer(msg, sizeof(msg), 0, b, bl, 0);
	CHECK(agent_parse_list(msg, n, &ids) == E_OK && ids.n == 0);
}

TEST(parse_list_bad)
{
	const uint8_t *b[2] = {blobs[0], blobs[2]};
	size_t bl[2] = {blob_lens[0], blob_lens[2]};
	uint8_t msg[8192];
	struct agent_ids ids;
	size_t n = build_answer(msg, sizeof(msg), 2, b, bl, 2), cut;
	int bad = 0;

	for (cut = 0; cut < n; cut++)
		if (agent_parse_list(msg, cut, &ids) == E_OK || ids.n != 0)
			bad++;
	CHECK(bad == 0);
	msg[n] = 0;
	CHECK(agent_parse_list(msg, n + 1, &ids) == E_TRAILING && ids.n == 0);
	/* a count larger than the keys that follow */
	n = build_answer(msg, sizeof(msg), 3, b, bl, 2);
	CHECK(agent_parse_list(msg, n, &ids) == E_SHORT && ids.n == 0);
	/* a huge count */
	n = build_answer(msg, sizeof(msg), 0xffffffffu, b, bl, 2);
	CHECK(agent_parse_list(msg, n, &ids) == E_TOOBIG);
	n = build_answer(msg, sizeof(msg), AGENT_MAX_ANNOUNCED + 1, b, bl, 0);
	CHECK(agent_parse_list(msg, n, &ids) == E_TOOBIG);
	/* FAILURE and another type */
	msg[0] = SSH_AGENT_FAILURE;
	CHECK(agent_parse_list(msg, 1, &ids) == E_UNSUPPORTED);
	CHECK(agent_parse_list(msg, 2, &ids) == E_TRAILING);
	msg[0] = SSH_AGENT_SIGN_RESPONSE;
	CHECK(agent_parse_list(msg, 5, &ids) == E_FORMAT);
	CHECK(agent_parse_list(msg, 0, &ids) == E_SHORT);
	/* a blob length over its cap */
	msg[0] = SSH_AGENT_IDENTITIES_ANSWER;
	memcpy(msg + 1, "\0\0\0\1\0\1\0\0", 8);
	CHECK(agent_parse_list(msg, 9, &ids) == E_TOOBIG);
}

TEST(parse_list_many)
{
	static uint8_t msg[AGENT_MAX_IDS * 2 * 120];
	struct agent_ids ids;
	struct wr w;
	size_t i;

	wr_init(&w, msg, sizeof(msg));
	wr_u8(&w, SSH_AGENT_IDENTITIES_ANSWER);
	wr_u32(&w, AGENT_MAX_IDS * 2);
	for (i = 0; i < AGENT_MAX_IDS * 2; i++) {
		wr_string(&w, blobs[0], blob_lens[0]);
		wr_cstr(&w, "");
	}
	CHECK(w.err == E_OK);
	CHECK(agent_parse_list(msg, w.len, &ids) == E_OK && ids.n == AGENT_MAX_IDS);
}

TEST(parse_sign)
{
	uint8_t msg[256];
	struct view sig;
	struct wr w;
	size_t cut, n;
	int bad = 0;

	wr_init(&w, msg, sizeof(msg));
	wr_u8(&w, SSH_AGENT_SIGN_RESPONSE);
	wr_string(&w, "\0\0\0\1x\0\0\0\1y", 10);
	n = w.len;
	CHECK(agent_parse_sign(msg, n, &sig) == E_OK && sig.len == 10 && sig.p == msg + 5);
	for (cut = 0; cut < n; cut++)
		if (agent_parse_sign(msg, cut, &sig) == E_OK || sig.len != 0)
			bad++;
	CHECK(bad == 0);
	CHECK(agent_parse_sign(msg, n + 1, &sig) == E_TRAILING);
	msg[0] = SSH_AGENT_FAILURE;
	CHECK(agent_parse_sign(msg, 1, &sig) == E_UNSUPPORTED);
	msg[0] = SSH_AGENT_IDENTITIES_ANSWER;
	CHECK(agent_parse_sign(msg, n, &sig) == E_FORMAT);
	/* a signature over KEY_MAX_SIG_BLOB */
	msg[0] = SSH_AGENT_SIGN_RESPONSE;
	memcpy(msg + 1, "\0\1\0\0", 4);
	CHECK(agent_parse_sign(msg, n, &sig) == E_TOOBIG);
}

TEST(build_frames)
{
	static const uint8_t want_list[] = {0, 0, 0, 1, 11};
	static const uint8_t want_sign[] = {0, 0, 0, 19, 13,  0,   0,   0, 3, 'k', 'e', 'y',
	                                    0, 0, 0, 3,  'd', 'a', 't', 0, 0, 0,   4};
	uint8_t buf[64];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	CHECK(agent_build_list(&w) == E_OK && w.len == sizeof(want_list));
	CHECK_MEM(buf, want_list, sizeof(want_list));
	wr_init(&w, buf, sizeof(buf));
	CHECK(agent_build_sign(&w, (const uint8_t *)"key", 3, (const uint8_t *)"dat", 3, 4) ==
	      E_OK);
	CHECK(w.len == sizeof(want_sign));
	CHECK_MEM(buf, want_sign, sizeof(want_sign));
	wr_init(&w, buf, 10);
	CHECK(agent_build_sign(&w, (const uint8_t *)"key", 3, (const uint8_t *)"dat", 3, 4) ==
	      E_TOOBIG);
}

/* ---- Socket I/O against a fake agent ------------------------------------------ */

/* A socketpair whose far end already holds answer (n bytes); the far
 * end is closed when hangup (the answer is cut), else kept in *peer. */
static int fake_agent(const uint8_t *answer, size_t n, int hangup, int *peer)
{
	int sv[2];

	*peer = -1;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return -1;
	if (n > 0 && write(sv[1], answer, n) != (ssize_t)n) {
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (hangup)
		shutdown(sv[1], SHUT_WR);
	*peer = sv[1];
	return sv[0];
}

static void close2(int a, int b)
{
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
}

TEST(fake_agent_frames)
{
	static const uint8_t huge[] = {0x7f, 0xff, 0xff, 0xff, 12};
	static const uint8_t cut[] = {0, 0, 0, 9, 12, 0, 0};
	static const uint8_t zero[] = {0, 0, 0, 0};
	static const uint8_t empty_list[] = {0, 0, 0, 5, 12, 0, 0, 0, 0};
	static const uint8_t failure[] = {0, 0, 0, 1, 5};
	struct agent_ids ids;
	uint8_t sig[64];
	size_t sig_len;
	int fd, peer;

	fd = fake_agent(huge, sizeof(huge), 0, &peer);
	CHECK(fd >= 0 && agent_list(fd, &ids) == E_TOOBIG && ids.buf == NULL);
	close2(fd, peer);
	fd = fake_agent(zero, sizeof(zero), 0, &peer);
	CHECK(fd >= 0 && agent_list(fd, &ids) == E_SHORT && ids.buf == NULL);
	close2(fd, peer);
	fd = fake_agent(cut, sizeof(cut), 1, &peer);
	CHECK(fd >= 0 && agent_list(fd, &ids) == E_IO && ids.n == 0);
	close2(fd, peer);
	fd = fake_agent(NULL, 0, 1, &peer);
	CHECK(fd >= 0 && agent_list(fd, &ids) == E_IO);
	close2(fd, peer);
	fd = fake_agent(empty_list, sizeof(empty_list), 0, &peer);
	CHECK(fd >= 0 && agent_list(fd, &ids) == E_OK && ids.n == 0);
	agent_ids_free(&ids);
	close2(fd, peer);
	fd = fake_agent(failure, sizeof(failure), 0, &peer);
	CHECK(fd >= 0 && agent_sign(fd, blobs[0], blob_lens[0], (const uint8_t *)"x", 1, 0, sig,
	                            sizeof(sig), &sig_len) == E_UNSUPPORTED);
	close2(fd, peer);
	/* the peer is gone: the request cannot be written */
	fd = fake_agent(NULL, 0, 0, &peer);
	close(peer);
	CHECK(fd >= 0 && agent_list(fd, &ids) == E_IO);
	close(fd);
}

TEST(connect_without_agent)
{
	char *old = getenv("SSH_AUTH_SOCK");
	char saved[256] = "";

	if (old)
		snprintf(saved, sizeof(saved), "%s", old);
	unsetenv("SSH_AUTH_SOCK");
	CHECK(agent_connect() == -1);
	setenv("SSH_AUTH_SOCK", "", 1);
	CHECK(agent_connect() == -1);
	setenv("SSH_AUTH_SOCK", "/nonexistent/shrew-agent.sock", 1);
	CHECK(agent_connect() == -1);
	if (old)
		setenv("SSH_AUTH_SOCK", saved, 1);
	else
		unsetenv("SSH_AUTH_SOCK");
}

/* ---- A real ssh-agent ------------------------------------------------------------ */

static char tmpdir[64];
static char sock_path[128];
static pid_t agent_pid = -1;

/* Runs argv with stdin, stdout and stderr on /dev/null; returns its pid. */
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

static int run(char *const argv[])
{
	pid_t pid = spawn(argv);
	int st = 0;

	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Copies a key file to tmpdir with mode 0600 (ssh-add wants that). */
static int copy_key(const char *name, char *out, size_t cap)
{
	char src[256], buf[8192];
	size_t n;
	int fd;

	snprintf(src, sizeof(src), KEYDIR "%s", name);
	snprintf(out, cap, "%s/%s", tmpdir, name);
	if (!read_file(src, buf, sizeof(buf), &n))
		return 0;
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return 0;
	if (write(fd, buf, n) != (ssize_t)n) {
		close(fd);
		return 0;
	}
	close(fd);
	return 1;
}

static int start_agent(void)
{
	char prog[512], add[512], keys[N_KEYS][128];
	struct stat st;
	int i;

	if (!unit_find_program("ssh-agent", prog, sizeof(prog)) ||
	    !unit_find_program("ssh-add", add, sizeof(add)))
		return 0;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/shrew-agent-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(sock_path, sizeof(sock_path), "%s/agent.sock", tmpdir);
	{
		char *argv[] = {prog, "-D", "-a", sock_path, NULL};
		agent_pid = spawn(argv);
	}
	if (agent_pid < 0)
		return -1;
	for (i = 0; i < 200 && stat(sock_path, &st) != 0; i++)
		usleep(25000);
	if (stat(sock_path, &st) != 0)
		return -1;
	setenv("SSH_AUTH_SOCK", sock_path, 1);
	unsetenv("SSH_ASKPASS");
	unsetenv("DISPLAY");
	for (i = 0; i < N_KEYS; i++)
		if (!copy_key(key_names[i], keys[i], sizeof(keys[i])))
			return -1;
	{
		char *argv[] = {add, keys[0], keys[1], keys[2], NULL};
		if (run(argv) != 0)
			return -1;
	}
	return 1;
}

static void stop_agent(void)
{
	char path[256];
	int i;

	if (agent_pid > 0) {
		kill(agent_pid, SIGTERM);
		waitpid(agent_pid, NULL, 0);
		agent_pid = -1;
	}
	if (!tmpdir[0])
		return;
	for (i = 0; i < N_KEYS; i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, key_names[i]);
		unlink(path);
	}
	unlink(sock_path);
	rmdir(tmpdir);
}

/* Signs data with agent key i and flags; checks the signature and its
 * algorithm. */
static void sign_check(int fd, int i, uint32_t flags, enum sig_alg want)
{
	static const uint8_t data[] = "data the agent signs for shrew";
	uint8_t sig[KEY_MAX_SIG_BLOB];
	size_t sig_len = 0;
	enum sig_alg got = SIG_NONE;

	CHECK(agent_sign(fd, blobs[i], blob_lens[i], data, sizeof(data), flags, sig, sizeof(sig),
	                 &sig_len) == E_OK);
	CHECK(key_verify(&pubs[i], sig, sig_len, data, sizeof(data), &got) == E_OK);
	CHECK(got == want);
	CHECK(key_verify(&pubs[i], sig, sig_len, data, sizeof(data) - 1, NULL) == E_VERIFY);
}

TEST(real_agent)
{
	struct agent_ids ids;
	uint8_t sig[KEY_MAX_SIG_BLOB];
	size_t sig_len, i, j;
	int fd, found;

	fd = agent_connect();
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	CHECK(agent_list(fd, &ids) == E_OK);
	CHECK(ids.n == N_KEYS);
	for (i = 0; i < N_KEYS; i++) {
		found = 0;
		for (j = 0; j < ids.n; j++)
			found += ids.id[j].blob.len == blob_lens[i] &&
			         memcmp(ids.id[j].blob.p, blobs[i], blob_lens[i]) == 0;
		CHECK(found == 1);
	}
	for (j = 0; j < ids.n; j++)
		if (ids.id[j].type == KEY_ED25519)
			CHECK(view_eq(ids.id[j].comment, "test-ed25519@shrew"));
	agent_ids_free(&ids);
	CHECK(ids.buf == NULL && ids.n == 0);
	sign_check(fd, 0, 0, SIG_ED25519);
	sign_check(fd, 1, 0, SIG_ECDSA_P256);
	sign_check(fd, 2, SSH_AGENT_RSA_SHA2_256, SIG_RSA_SHA256);
	sign_check(fd, 2, SSH_AGENT_RSA_SHA2_512, SIG_RSA_SHA512);
	/* a key the agent does not hold */
	{
		struct key other;
		uint8_t ob[KEY_MAX_PUB_BLOB];
		struct wr w;
		CHECK(key_generate(&other, KEY_ED25519, 0) == E_OK);
		wr_init(&w, ob, sizeof(ob));
		key_put_public(&other, &w);
		CHECK(agent_sign(fd, ob, w.len, (const uint8_t *)"x", 1, 0, sig, sizeof(sig),
		                 &sig_len) == E_UNSUPPORTED);
		key_free(&other);
	}
	/* a signature that does not fit */
	CHECK(agent_sign(fd, blobs[0], blob_lens[0], (const uint8_t *)"x", 1, 0, sig, 8,
	                 &sig_len) == E_TOOBIG);
	/* the connection still works */
	CHECK(agent_list(fd, &ids) == E_OK && ids.n == N_KEYS);
	agent_ids_free(&ids);
	close(fd);
}

int main(void)
{
	int rc;

	signal(SIGPIPE, SIG_IGN);
	if (crypto_init() != E_OK || !load_pubs()) {
		printf("FAIL setup\n");
		return 1;
	}
	RUN(parse_list_good);
	RUN(parse_list_bad);
	RUN(parse_list_many);
	RUN(parse_sign);
	RUN(build_frames);
	RUN(fake_agent_frames);
	RUN(connect_without_agent);
	rc = start_agent();
	if (rc == 0) {
		puts("SKIP real_agent: no ssh-agent / ssh-add in PATH");
	} else if (rc < 0) {
		printf("FAIL real_agent (could not start ssh-agent and load the keys)\n");
		unit_fail++;
	} else {
		RUN(real_agent);
	}
	stop_agent();
	return unit_done();
}

#else

#include <stdio.h>

int main(void)
{
	puts("SKIP test-cli-agent: SHREW_CLIENT is off");
	return 0;
}

#endif
