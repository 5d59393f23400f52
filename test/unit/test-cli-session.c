/*
 * test-cli-session.c - the client's session (cli-session.c) and its other
 * channel types (cli-channel-fwd.c), in memory: a stub sess_send captures
 * what the client sends, the test plays the server through chan_handle,
 * and pipes stand in for the client's stdin, stdout and stderr.
 */
#include "options.h"

#if SHREW_CLIENT

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "unit.h"
#include "common-channel.h"
#include "common-err.h"
#include "common-sess.h"
#include "common-wr.h"
#include "cli.h"
#include "cli-channel-fwd.h"
#include "cli-session.h"

/* ---- Stub transport ------------------------------------------------- */

#define MAX_PKTS 64
static struct {
	uint8_t b[40000];
	size_t n;
} pkts[MAX_PKTS];
static int npkts;
static uint32_t disc_reason;

int sess_send(struct sess *s, const uint8_t *payload, size_t n)
{
	if (s->closing && payload[0] != SSH_MSG_DISCONNECT)
		return E_IO;
	if (npkts >= MAX_PKTS || n > sizeof(pkts[0].b))
		return E_TOOBIG;
	memcpy(pkts[npkts].b, payload, n);
	pkts[npkts++].n = n;
	return E_OK;
}

void sess_disconnect(struct sess *s, uint32_t reason, const char *why)
{
	(void)why;
	disc_reason = reason;
	s->closing = 1;
}

/* ---- The client under test ------------------------------------------- */

static struct sess S;
static struct cli CL;
static struct cli_opts O;
static int p_in[2], p_out[2], p_err[2]; /* stdin <- p_in[1]; p_out[0] <- stdout */

static void setup(void)
{
	memset(&S, 0, sizeof(S));
	memset(&CL, 0, sizeof(CL));
	memset(&O, 0, sizeof(O));
	O.escape_char = '~';
	O.quiet = 1;
	CL.opts = &O;
	S.cli = &CL;
	npkts = 0;
	disc_reason = 0;
	CHECK(pipe(p_in) == 0 && pipe(p_out) == 0 && pipe(p_err) == 0);
	CL.fd_stdin = p_in[0];
	CL.fd_stdout = p_out[1];
	CL.fd_stderr = p_err[1];
}

static void teardown(void)
{
	cli_session_free(&S);
	close(p_in[0]);
	close(p_in[1]);
	close(p_out[0]);
	close(p_out[1]);
	close(p_err[0]);
	close(p_err[1]);
}

static uint8_t msg[40000];
static struct wr W;

static void begin(uint8_t type)
{
	wr_init(&W, msg, sizeof(msg));
	wr_u8(&W, type);
}

static int handle(void)
{
	CHECK(W.err == E_OK);
	return chan_handle(&S, msg, W.len);
}

static int send_id_msg(uint8_t type, uint32_t id)
{
	begin(type);
	wr_u32(&W, id);
	return handle();
}

static int confirm(uint32_t id, uint32_t sender)
{
	begin(SSH_MSG_CHANNEL_OPEN_CONFIRMATION);
	wr_u32(&W, id);
	wr_u32(&W, sender);
	wr_u32(&W, 1 << 20);
	wr_u32(&W, 32768);
	return handle();
}

static int request(uint32_t id, const char *type, int want, const void *data, size_t n)
{
	begin(SSH_MSG_CHANNEL_REQUEST);
	wr_u32(&W, id);
	wr_cstr(&W, type);
	wr_bool(&W, want);
	wr_bytes(&W, data, n);
	return handle();
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Packet i is a CHANNEL_REQUEST of that type and want_reply. */
static int is_request(int i, const char *type, int want)
{
	size_t n = strlen(type);

	return i < npkts && pkts[i].b[0] == SSH_MSG_CHANNEL_REQUEST && pkts[i].n >= 10 + n &&
	       get32(pkts[i].b + 5) == n && memcmp(pkts[i].b + 9, type, n) == 0 &&
	       pkts[i].b[9 + n] == want;
}

static int is_open(int i, const char *type)
{
	size_t n = strlen(type);

	return i < npkts && pkts[i].b[0] == SSH_MSG_CHANNEL_OPEN && get32(pkts[i].b + 1) == n &&
	       memcmp(pkts[i].b + 5, type, n) == 0;
}

static void io_pass(void)
{
	fd_set r, w;
	int maxfd = -1;
	struct timeval tv = {0, 50000};

	FD_ZERO(&r);
	FD_ZERO(&w);
	chan_set_fds(&S, &r, &w, &maxfd);
	if (maxfd >= 0 && select(maxfd + 1, &r, &w, NULL, &tv) < 0) {
		FD_ZERO(&r);
		FD_ZERO(&w);
	}
	chan_handle_fds(&S, &r, &w);
	cli_session_poll(&S);
}

/* Starts an exec of "ls" and confirms it (peer id 5). */
static void start_exec(void)
{
	O.command = "ls";
	CHECK(cli_session_start(&S) == E_OK);
	CHECK(npkts == 1 && is_open(0, "session"));
	CHECK(confirm(0, 5) == E_OK);
}

/* ---- Tests ------------------------------------------------------------ */

TEST(exec_with_output_and_status)
{
	char buf[64];
	uint8_t st[4] = {0, 0, 0, 3};

	setup();
	start_exec();
	CHECK(npkts == 2 && is_request(1, "exec", 1));
	CHECK(pkts[1].n == 5 + 8 + 1 + 6 && memcmp(pkts[1].b + 14, "\0\0\0\2ls", 6) == 0);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_SUCCESS, 0) == E_OK);
	begin(SSH_MSG_CHANNEL_DATA);
	wr_u32(&W, 0);
	wr_cstr(&W, "out");
	CHECK(handle() == E_OK);
	begin(SSH_MSG_CHANNEL_EXTENDED_DATA);
	wr_u32(&W, 0);
	wr_u32(&W, 1);
	wr_cstr(&W, "err");
	CHECK(handle() == E_OK);
	/* our stdin: data, then EOF */
	CHECK(write(p_in[1], "in", 2) == 2);
	close(p_in[1]);
	p_in[1] = -1;
	CHECK(request(0, "exit-status", 0, st, 4) == E_OK);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_EOF, 0) == E_OK);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_CLOSE, 0) == E_OK);
	CHECK(!cli_session_done(&S)); /* stdout not written yet */
	for (int i = 0; i < 5 && !cli_session_done(&S); i++)
		io_pass();
	CHECK(cli_session_done(&S) && cli_session_exit_code(&S) == 3);
	CHECK(read(p_out[0], buf, sizeof(buf)) == 3 && memcmp(buf, "out", 3) == 0);
	CHECK(read(p_err[0], buf, sizeof(buf)) == 3 && memcmp(buf, "err", 3) == 0);
	CHECK(disc_reason == 0);
	teardown();
}

TEST(stdin_eof_sends_eof_not_close)
{
	int i, data = 0, eof = 0, close_ = 0;

	setup();
	start_exec();
	CHECK(write(p_in[1], "abc", 3) == 3);
	close(p_in[1]);
	p_in[1] = -1;
	for (i = 0; i < 4; i++)
		io_pass();
	CHECK(send_id_msg(SSH_MSG_CHANNEL_EOF, 0) == E_OK);
	io_pass();
	for (i = 2; i < npkts; i++) {
		data += pkts[i].b[0] == SSH_MSG_CHANNEL_DATA && pkts[i].n == 12;
		eof += pkts[i].b[0] == SSH_MSG_CHANNEL_EOF;
		close_ += pkts[i].b[0] == SSH_MSG_CHANNEL_CLOSE;
	}
	CHECK(data == 1 && eof == 1 && close_ == 0);
	CHECK(!cli_session_done(&S));
	/* no exit status: 255 */
	CHECK(send_id_msg(SSH_MSG_CHANNEL_CLOSE, 0) == E_OK);
	io_pass();
	CHECK(cli_session_done(&S) && cli_session_exit_code(&S) == 255);
	teardown();
}

TEST(exec_request_failed)
{
	setup();
	start_exec();
	npkts = 0;
	CHECK(send_id_msg(SSH_MSG_CHANNEL_FAILURE, 0) == E_OK);
	CHECK(npkts == 1 && pkts[0].b[0] == SSH_MSG_CHANNEL_CLOSE && get32(pkts[0].b + 1) == 5);
	CHECK(!cli_session_done(&S));
	CHECK(send_id_msg(SSH_MSG_CHANNEL_CLOSE, 0) == E_OK);
	CHECK(npkts == 1 && cli_session_done(&S) && cli_session_exit_code(&S) == 255);
	teardown();
}

TEST(exit_signal)
{
	uint8_t b[64];
	struct wr w;

	setup();
	start_exec();
	wr_init(&w, b, sizeof(b));
	wr_cstr(&w, "KILL");
	wr_bool(&w, 0);
	wr_cstr(&w, "");
	wr_cstr(&w, "");
	CHECK(request(0, "exit-signal", 0, b, w.len) == E_OK);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_CLOSE, 0) == E_OK);
	CHECK(cli_session_done(&S) && cli_session_exit_code(&S) == 128 + SIGKILL);
	teardown();

	setup(); /* an unknown signal: 255 */
	start_exec();
	wr_init(&w, b, sizeof(b));
	wr_cstr(&w, "WINCH");
	wr_bool(&w, 1);
	wr_cstr(&w, "gone");
	wr_cstr(&w, "");
	CHECK(request(0, "exit-signal", 0, b, w.len) == E_OK);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_CLOSE, 0) == E_OK);
	CHECK(cli_session_exit_code(&S) == 255);
	teardown();

	setup(); /* malformed: a protocol error */
	start_exec();
	CHECK(request(0, "exit-signal", 0, "\0\0\0\1K", 5) != E_OK);
	CHECK(disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
	setup();
	start_exec();
	CHECK(request(0, "exit-status", 0, "\0\0\0", 3) != E_OK);
	CHECK(disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	teardown();
}

TEST(other_requests)
{
	setup();
	start_exec();
	npkts = 0;
	CHECK(request(0, "eow@openssh.com", 0, NULL, 0) == E_OK && npkts == 0);
	CHECK(request(0, "x11-req", 1, NULL, 0) == E_OK);
	CHECK(npkts == 1 && pkts[0].b[0] == SSH_MSG_CHANNEL_FAILURE);
	/* global requests: failure when a reply is wanted, else ignored */
	begin(SSH_MSG_GLOBAL_REQUEST);
	wr_cstr(&W, "hostkeys-00@openssh.com");
	wr_bool(&W, 0);
	wr_cstr(&W, "blob");
	CHECK(handle() == E_OK && npkts == 1 && disc_reason == 0);
	begin(SSH_MSG_GLOBAL_REQUEST);
	wr_cstr(&W, "keepalive@openssh.com");
	wr_bool(&W, 1);
	CHECK(handle() == E_OK && npkts == 2 && pkts[1].b[0] == SSH_MSG_REQUEST_FAILURE);
	teardown();
}

TEST(pty_forced_and_escapes)
{
	int i, found = 0;

	setup();
	O.tty = CLI_TTY_FORCE;
	O.command = "top";
	CHECK(cli_session_start(&S) == E_OK && confirm(0, 9) == E_OK);
	CHECK(npkts == 3 && is_request(1, "pty-req", 1) && is_request(2, "exec", 1));
	/* no terminal: TERM, 0 x 0, and the modes string holds TTY_OP_END */
	CHECK(pkts[1].b[pkts[1].n - 1] == 0 && get32(pkts[1].b + pkts[1].n - 5) == 1);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_FAILURE, 0) == E_OK); /* pty: only a warning */
	CHECK(send_id_msg(SSH_MSG_CHANNEL_SUCCESS, 0) == E_OK && !cli_session_done(&S));
	npkts = 0;
	raise(SIGWINCH);
	cli_session_poll(&S);
	CHECK(npkts == 1 && is_request(0, "window-change", 0) && pkts[0].n == 5 + 17 + 1 + 16);
	CHECK(write(p_in[1], "a~.\r~~x\r~", 9) == 9);
	io_pass();
	CHECK(npkts == 2 && pkts[1].b[0] == SSH_MSG_CHANNEL_DATA);
	CHECK(get32(pkts[1].b + 5) == 7 && memcmp(pkts[1].b + 9, "a~.\r~x\r", 7) == 0);
	CHECK(write(p_in[1], ".", 1) == 1); /* the held ~ then . : disconnect */
	for (i = 0; i < 3; i++)
		io_pass();
	CHECK(disc_reason == 0); /* the connection loop closes it */
	CHECK(cli_session_done(&S) && cli_session_exit_code(&S) == 255);
	for (i = 2; i < npkts; i++)
		found += pkts[i].b[0] == SSH_MSG_CHANNEL_DATA;
	CHECK(found == 0);
	teardown();
}

TEST(no_pty_no_escapes)
{
	setup();
	CHECK(cli_session_start(&S) == E_OK && confirm(0, 9) == E_OK);
	/* a shell, stdin no terminal: no pty (AUTO) */
	CHECK(npkts == 2 && is_request(1, "shell", 1) && pkts[1].n == 5 + 9 + 1);
	CHECK(write(p_in[1], "~.", 2) == 2);
	io_pass();
	CHECK(npkts == 3 && pkts[2].b[0] == SSH_MSG_CHANNEL_DATA && pkts[2].n == 11);
	CHECK(disc_reason == 0);
	teardown();

	setup();
	O.subsystem = 1;
	O.command = "sftp";
	O.forward_agent = 1;
	O.tty = CLI_TTY_YES;
	CHECK(cli_session_start(&S) == E_OK && confirm(0, 9) == E_OK);
	CHECK(npkts == 3 && is_request(1, "auth-agent-req@openssh.com", 0));
	CHECK(is_request(2, "subsystem", 1)); /* -t without a terminal: no pty */
	teardown();
}

TEST(netcat_mode)
{
	uint8_t b[300];
	static const uint8_t want[] = "\0\0\0\x0b"
	                              "example.org"
	                              "\0\0\0\x50"
	                              "\0\0\0\x09"
	                              "127.0.0.1"
	                              "\0\0\0\0";
	char buf[16];

	CHECK(cli_direct_tcpip_data("example.org", 80, "127.0.0.1", 0, b, sizeof(b)) ==
	      sizeof(want) - 1);
	CHECK_MEM(b, want, sizeof(want) - 1);
	CHECK(cli_direct_tcpip_data("example.org", 80, "127.0.0.1", 0, b, 20) == 0);

	setup();
	O.netcat_host = "example.org";
	O.netcat_port = 80;
	CHECK(cli_session_start(&S) == E_OK && npkts == 1 && is_open(0, "direct-tcpip"));
	CHECK(pkts[0].n == 1 + 16 + 12 + sizeof(want) - 1);
	CHECK(memcmp(pkts[0].b + 29, want, sizeof(want) - 1) == 0);
	CHECK(confirm(0, 3) == E_OK && npkts == 1);
	begin(SSH_MSG_CHANNEL_DATA);
	wr_u32(&W, 0);
	wr_cstr(&W, "HTTP");
	CHECK(handle() == E_OK);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_EOF, 0) == E_OK);
	CHECK(send_id_msg(SSH_MSG_CHANNEL_CLOSE, 0) == E_OK);
	io_pass();
	CHECK(read(p_out[0], buf, sizeof(buf)) == 4);
	CHECK(cli_session_done(&S) && cli_session_exit_code(&S) == 0);
	teardown();

	setup(); /* refused */
	O.netcat_host = "example.org";
	O.netcat_port = 81;
	CHECK(cli_session_start(&S) == E_OK);
	begin(SSH_MSG_CHANNEL_OPEN_FAILURE);
	wr_u32(&W, 0);
	wr_u32(&W, SSH_OPEN_CONNECT_FAILED);
	wr_cstr(&W, "Connection refused");
	wr_cstr(&W, "");
	O.quiet = 0;
	CHECK(handle() == E_OK);
	CHECK(cli_session_done(&S) && cli_session_exit_code(&S) == 255);
	teardown();
}

TEST(no_command_until_signal)
{
	setup();
	O.no_command = 1;
	CHECK(cli_session_start(&S) == E_OK && npkts == 0);
	cli_session_poll(&S);
	CHECK(!cli_session_done(&S));
	raise(SIGTERM);
	cli_session_poll(&S);
	CHECK(cli_session_done(&S) && cli_session_exit_code(&S) == 0);
	teardown();
	/* the handlers are gone with the session */
	struct sigaction sa;
	CHECK(sigaction(SIGTERM, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL);
}

static int peer_open(const char *type, uint32_t sender)
{
	begin(SSH_MSG_CHANNEL_OPEN);
	wr_cstr(&W, type);
	wr_u32(&W, sender);
	wr_u32(&W, 4096);
	wr_u32(&W, 1024);
	return handle();
}

TEST(agent_channels)
{
	struct sockaddr_un sa;
	char path[64];
	int lfd, afd;
	char buf[16];

	setup(); /* -A off: the type is unknown */
	O.no_command = 1;
	CHECK(cli_session_start(&S) == E_OK);
	CHECK(peer_open("auth-agent@openssh.com", 7) == E_OK && npkts == 1);
	CHECK(pkts[0].b[0] == SSH_MSG_CHANNEL_OPEN_FAILURE && get32(pkts[0].b + 5) == 3);
	CHECK(peer_open("session", 8) == E_OK && pkts[1].b[0] == SSH_MSG_CHANNEL_OPEN_FAILURE);
	teardown();

	setup(); /* -A, no agent */
	O.no_command = 1;
	O.forward_agent = 1;
	unsetenv("SSH_AUTH_SOCK");
	CHECK(cli_session_start(&S) == E_OK);
	CHECK(peer_open("auth-agent@openssh.com", 7) == E_OK && npkts == 1);
	CHECK(pkts[0].b[0] == SSH_MSG_CHANNEL_OPEN_FAILURE &&
	      get32(pkts[0].b + 5) == SSH_OPEN_CONNECT_FAILED);
	teardown();

	setup(); /* -A with an agent socket */
	O.no_command = 1;
	O.forward_agent = 1;
	snprintf(path, sizeof(path), "/tmp/shrew-agent-test.%d", (int)getpid());
	unlink(path);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, path);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(lfd >= 0 && bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	      listen(lfd, 1) == 0);
	setenv("SSH_AUTH_SOCK", path, 1);
	CHECK(cli_session_start(&S) == E_OK);
	CHECK(peer_open("auth-agent@openssh.com", 7) == E_OK && npkts == 1);
	CHECK(pkts[0].b[0] == SSH_MSG_CHANNEL_OPEN_CONFIRMATION);
	afd = accept(lfd, NULL, NULL);
	CHECK(afd >= 0);
	begin(SSH_MSG_CHANNEL_DATA);
	wr_u32(&W, 0);
	wr_cstr(&W, "req");
	CHECK(handle() == E_OK);
	io_pass();
	CHECK(read(afd, buf, sizeof(buf)) == 3 && memcmp(buf, "req", 3) == 0);
	CHECK(write(afd, "ans", 3) == 3);
	io_pass();
	CHECK(npkts == 2 && pkts[1].b[0] == SSH_MSG_CHANNEL_DATA && pkts[1].n == 12);
	close(afd);
	io_pass(); /* the agent hung up: EOF and CLOSE */
	CHECK(npkts == 4 && pkts[2].b[0] == SSH_MSG_CHANNEL_EOF &&
	      pkts[3].b[0] == SSH_MSG_CHANNEL_CLOSE);
	close(lfd);
	unlink(path);
	unsetenv("SSH_AUTH_SOCK");
	teardown();
}

int main(void)
{
	RUN(exec_with_output_and_status);
	RUN(stdin_eof_sends_eof_not_close);
	RUN(exec_request_failed);
	RUN(exit_signal);
	RUN(other_requests);
	RUN(pty_forced_and_escapes);
	RUN(no_pty_no_escapes);
	RUN(netcat_mode);
	RUN(no_command_until_signal);
	RUN(agent_channels);
	return unit_done();
}

#else /* !SHREW_CLIENT */

#include <stdio.h>

int main(void)
{
	puts("SKIP test-cli-session: SHREW_CLIENT is off");
	return 0;
}

#endif
