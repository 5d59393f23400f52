/*
 * test-svr-session.c - the "session" channel (svr-session*.c) with real
 * processes and no network: channels are opened and driven through
 * chan_handle, a stub sess_send records what the server would send, and
 * a small select() loop over chan_set_fds / chan_handle_fds /
 * svr_session_reap runs until the server closes the channel (bounded by
 * a timeout).  Also the pure helpers: terminal modes, signal names, the
 * env filter.
 */
#include "unit.h"

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "common-channel.h"
#include "common-err.h"
#include "common-sess.h"
#include "common-wr.h"
#include "svr-opts.h"
#include "svr-session.h"

/* ---- Stub transport: decode what would be sent ------------------------ */

static char events[512]; /* one letter per message, see record() */
static char out[8192], err[8192];
static size_t out_len, err_len;
static int exit_status = -1;
static char exit_signal[32];
static int exit_core = -1;
static uint32_t disc_reason;
static size_t out_total;  /* every DATA byte, also those past out[] */
static int pattern_bad;   /* a DATA byte was not (its offset % 251) */
static uint32_t adjusted; /* sum of our WINDOW_ADJUSTs */

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void add_event(char e)
{
	size_t n = strlen(events);

	if (n + 1 < sizeof(events))
		events[n] = e;
}

static void append(char *buf, size_t *len, size_t cap, const uint8_t *p, size_t n)
{
	if (n > cap - 1 - *len)
		n = cap - 1 - *len;
	memcpy(buf + *len, p, n);
	*len += n;
	buf[*len] = 0;
}

/* exit-status: uint32; exit-signal: string name, boolean core, ... */
static void record_request(const uint8_t *p, size_t n)
{
	struct rd r;
	struct view type, name;
	int want;
	uint32_t st, id;
	uint8_t m;

	rd_init(&r, p, n);
	rd_u8(&r, &m);
	rd_u32(&r, &id);
	rd_text(&r, 64, &type);
	rd_bool(&r, &want);
	if (view_eq(type, "exit-status") && rd_u32(&r, &st) == E_OK) {
		exit_status = (int)st;
		add_event('S');
	} else if (view_eq(type, "exit-signal") && rd_text(&r, 30, &name) == E_OK) {
		memcpy(exit_signal, name.p, name.len);
		exit_signal[name.len] = 0;
		rd_bool(&r, &exit_core);
		add_event('G');
	} else {
		add_event('R');
	}
}

static void check_pattern(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++, out_total++)
		if (p[i] != out_total % 251)
			pattern_bad = 1;
}

/* D data, E stderr, S exit-status, G exit-signal, F eof, C close,
 * Y success, N failure, O open confirmation, A window adjust. */
int sess_send(struct sess *s, const uint8_t *p, size_t n)
{
	(void)s;
	switch (p[0]) {
	case SSH_MSG_CHANNEL_DATA:
		append(out, &out_len, sizeof(out), p + 9, n - 9);
		check_pattern(p + 9, n - 9);
		add_event('D');
		break;
	case SSH_MSG_CHANNEL_EXTENDED_DATA:
		CHECK(get32(p + 5) == SSH_EXTENDED_DATA_STDERR);
		append(err, &err_len, sizeof(err), p + 13, n - 13);
		add_event('E');
		break;
	case SSH_MSG_CHANNEL_REQUEST: record_request(p, n); break;
	case SSH_MSG_CHANNEL_EOF: add_event('F'); break;
	case SSH_MSG_CHANNEL_CLOSE: add_event('C'); break;
	case SSH_MSG_CHANNEL_SUCCESS: add_event('Y'); break;
	case SSH_MSG_CHANNEL_FAILURE: add_event('N'); break;
	case SSH_MSG_CHANNEL_OPEN_CONFIRMATION: add_event('O'); break;
	case SSH_MSG_CHANNEL_WINDOW_ADJUST:
		adjusted += get32(p + 5);
		add_event('A');
		break;
	default: add_event('?');
	}
	return E_OK;
}

void sess_disconnect(struct sess *s, uint32_t reason, const char *why)
{
	(void)why;
	disc_reason = reason;
	s->closing = 1;
}

/* ---- Driving a session ------------------------------------------------ */

static struct sess S;
static struct svr_opts O;
static struct session_policy P;
static char user[64];

static void setup(void)
{
	struct passwd *pw = getpwuid(getuid());

	memset(&S, 0, sizeof(S));
	memset(&O, 0, sizeof(O));
	memset(&P, 0, sizeof(P));
	snprintf(user, sizeof(user), "%s", pw ? pw->pw_name : "nobody");
	S.opts = &O;
	strcpy(S.peer_ip, "192.0.2.1");
	S.peer_port = 5555;
	strcpy(S.local_ip, "192.0.2.2");
	S.local_port = 22;
	P.user = user;
	P.uid = getuid();
	P.home = "/tmp";
	P.shell = "/bin/sh";
	P.allow_pty = 1;
	events[0] = 0;
	memset(events, 0, sizeof(events));
	out_len = err_len = 0;
	out[0] = err[0] = 0;
	exit_status = exit_core = -1;
	exit_signal[0] = 0;
	disc_reason = 0;
	out_total = 0;
	pattern_bad = 0;
	adjusted = 0;
}

static void start(void)
{
	CHECK(svr_session_init(&S, &P) == E_OK);
}

static uint8_t msg[SHREW_MAX_CMD + 256];
static struct wr W;

static int handle(void)
{
	CHECK(W.err == E_OK);
	return chan_handle(&S, msg, W.len);
}

static void open_session(void)
{
	wr_init(&W, msg, sizeof(msg));
	wr_u8(&W, SSH_MSG_CHANNEL_OPEN);
	wr_cstr(&W, "session");
	wr_u32(&W, 42);
	wr_u32(&W, 1 << 20);
	wr_u32(&W, 32768);
	CHECK(handle() == E_OK);
}

/* Starts a CHANNEL_REQUEST with want_reply for channel 0; the caller
 * adds the data and calls handle(). */
static void req(const char *type)
{
	wr_init(&W, msg, sizeof(msg));
	wr_u8(&W, SSH_MSG_CHANNEL_REQUEST);
	wr_u32(&W, 0);
	wr_cstr(&W, type);
	wr_bool(&W, 1);
}

static void exec_cmd(const char *cmd)
{
	req("exec");
	wr_cstr(&W, cmd);
	CHECK(handle() == E_OK);
}

static void env_req(const char *name, const char *value)
{
	req("env");
	wr_cstr(&W, name);
	wr_cstr(&W, value);
	CHECK(handle() == E_OK);
}

static void pty_req(uint32_t cols, uint32_t rows, const uint8_t *modes, size_t n)
{
	req("pty-req");
	wr_cstr(&W, "xterm");
	wr_u32(&W, cols);
	wr_u32(&W, rows);
	wr_u32(&W, 0);
	wr_u32(&W, 0);
	wr_string(&W, modes, n);
	CHECK(handle() == E_OK);
}

/* DATA of n bytes for channel 0 (larger than msg[] allows). */
static int send_big(const uint8_t *p, size_t n)
{
	static uint8_t b[CHAN_MAX_DATA + 16];
	struct wr w;

	wr_init(&w, b, sizeof(b));
	wr_u8(&w, SSH_MSG_CHANNEL_DATA);
	wr_u32(&w, 0);
	wr_string(&w, p, n);
	CHECK(w.err == E_OK);
	return chan_handle(&S, b, w.len);
}

static void peer_msg(uint8_t type, const char *data)
{
	wr_init(&W, msg, sizeof(msg));
	wr_u8(&W, type);
	wr_u32(&W, 0);
	if (data)
		wr_cstr(&W, data);
	CHECK(handle() == E_OK);
}

/* One pass of the server's loop (waits up to 20 ms). */
static void loop_once(void)
{
	fd_set r, w;
	int maxfd = -1;
	struct timeval tv = {0, 20000};

	FD_ZERO(&r);
	FD_ZERO(&w);
	chan_set_fds(&S, &r, &w, &maxfd);
	if (select(maxfd + 1, &r, &w, NULL, &tv) < 0) {
		FD_ZERO(&r);
		FD_ZERO(&w);
	}
	CHECK(chan_handle_fds(&S, &r, &w) == E_OK);
	CHECK(svr_session_reap(&S) == E_OK);
}

/* Runs the loop until the server has sent CLOSE or secs pass; returns 1
 * if it closed.  The peer then answers with CLOSE. */
static int run(int secs)
{
	time_t end = time(NULL) + secs;

	while (!strchr(events, 'C') && time(NULL) < end && !disc_reason)
		loop_once();
	if (!strchr(events, 'C'))
		return 0;
	peer_msg(SSH_MSG_CHANNEL_CLOSE, NULL);
	CHECK(chan_count(&S) == 0);
	return 1;
}

static void finish(void)
{
	svr_session_free(&S);
	CHECK(S.chans == NULL);
	CHECK(disc_reason == 0);
}

/* Index of the last occurrence of e in events, or -1. */
static int last(char e)
{
	const char *p = strrchr(events, e);

	return p ? (int)(p - events) : -1;
}

/* Output, then exit report (S or G), then EOF, then CLOSE, nothing after. */
static int ordered(char report)
{
	int d = last('D') > last('E') ? last('D') : last('E');
	int x = last(report), f = last('F'), c = last('C');

	if (!(d < x && x < f && f < c && c == (int)strlen(events) - 1)) {
		fprintf(stderr, "    events %s\n", events);
		return 0;
	}
	return 1;
}

/* ---- Tests -------------------------------------------------------------- */

TEST(exec_output_and_exit_status)
{
	setup();
	start();
	open_session();
	exec_cmd("echo hi; echo err >&2; exit 3");
	CHECK(strncmp(events, "OY", 2) == 0);
	CHECK(run(10));
	CHECK(strcmp(out, "hi\n") == 0);
	CHECK(strcmp(err, "err\n") == 0);
	CHECK(exit_status == 3);
	CHECK(ordered('S'));
	finish();
}

TEST(pty_size_tty_and_modes)
{
	/* ECHO (53) off, then TTY_OP_END */
	static const uint8_t modes[] = {53, 0, 0, 0, 0, 0};

	setup();
	start();
	open_session();
	pty_req(100, 33, modes, sizeof(modes));
	if (strcmp(events, "OY") != 0) {
		printf("SKIP pty_size_tty_and_modes: no pty here (%s)\n", events);
		finish();
		return;
	}
	exec_cmd("stty size; tty; stty -a");
	CHECK(run(10));
	CHECK(strncmp(out, "33 100\r\n/dev/pts/", 17) == 0);
	CHECK(strstr(out, " -echo ") != NULL);
	CHECK(err_len == 0);
	CHECK(exit_status == 0);
	CHECK(ordered('S'));
	finish();
}

TEST(pty_refused_by_policy)
{
	setup();
	P.allow_pty = 0;
	start();
	open_session();
	pty_req(80, 24, (const uint8_t *)"", 0);
	CHECK(strcmp(events, "ON") == 0);
	finish();
}

TEST(env_filter_and_variables)
{
	char want[512];

	setup();
	start();
	open_session();
	env_req("LANG", "C.UTF-8");
	env_req("LC_ALL", "C");
	env_req("FOO", "bar");
	env_req("LD_PRELOAD", "/tmp/x.so");
	CHECK(strcmp(events, "OYYNN") == 0);
	exec_cmd("echo \"$LANG|$LC_ALL|$FOO|$LD_PRELOAD|$SSH_CLIENT|$SSH_CONNECTION|"
	         "$USER|$LOGNAME|$HOME|$SHELL|$SSH_TTY|$TERM|$SSH_ORIGINAL_COMMAND|$(pwd)\"");
	CHECK(run(10));
	snprintf(want, sizeof(want),
	         "C.UTF-8|C|||192.0.2.1 5555 22|192.0.2.1 5555 192.0.2.2 22|%s|%s|/tmp|/bin/sh"
	         "||||/tmp\n",
	         user, user);
	CHECK(strcmp(out, want) == 0);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "    got %s", out);
	finish();
}

TEST(path_for_root_and_users)
{
	setup();
	P.uid = 0;
	start();
	open_session();
	exec_cmd("echo $PATH");
	CHECK(run(10));
	CHECK(strcmp(out, SHREW_ROOT_PATH "\n") == 0);
	finish();
	setup();
	P.uid = 1000;
	start();
	open_session();
	exec_cmd("echo $PATH");
	CHECK(run(10));
	CHECK(strcmp(out, SHREW_DEFAULT_PATH "\n") == 0);
	finish();
}

TEST(signal_term)
{
	setup();
	start();
	open_session();
	exec_cmd("sleep 30");
	req("signal");
	wr_cstr(&W, "TERM");
	CHECK(handle() == E_OK);
	CHECK(strcmp(events, "OYY") == 0);
	CHECK(run(10));
	CHECK(strcmp(exit_signal, "TERM") == 0 && exit_core == 0);
	CHECK(ordered('G'));
	finish();
}

TEST(stdin_and_eof)
{
	setup();
	start();
	open_session();
	exec_cmd("cat");
	peer_msg(SSH_MSG_CHANNEL_DATA, "abc");
	peer_msg(SSH_MSG_CHANNEL_EOF, NULL);
	CHECK(run(10));
	CHECK(strcmp(out, "abc") == 0);
	CHECK(exit_status == 0);
	CHECK(ordered('S'));
	finish();
}

/* 300 KB through cat with a 64 KB receive window: the peer (this test)
 * sends only within the window, so it needs our WINDOW_ADJUSTs. */
TEST(cat_large_within_window)
{
	static uint8_t chunk[CHAN_MAX_DATA];
	size_t total = 300000, sent = 0, n, i;
	uint32_t window = 65536;
	time_t end = time(NULL) + 20;

	setup();
	O.recv_window = window;
	start();
	open_session();
	exec_cmd("cat");
	while (sent < total && time(NULL) < end && !disc_reason) {
		n = total - sent < sizeof(chunk) ? total - sent : sizeof(chunk);
		if (n <= window + adjusted - sent) {
			for (i = 0; i < n; i++)
				chunk[i] = (uint8_t)((sent + i) % 251);
			CHECK(send_big(chunk, n) == E_OK);
			sent += n;
			continue;
		}
		loop_once();
	}
	CHECK(sent == total && adjusted > 0);
	peer_msg(SSH_MSG_CHANNEL_EOF, NULL);
	CHECK(run(20));
	CHECK(out_total == total && !pattern_bad);
	CHECK(exit_status == 0);
	finish();
}

TEST(login_shell_reads_stdin)
{
	setup();
	start();
	open_session();
	req("shell");
	CHECK(handle() == E_OK);
	peer_msg(SSH_MSG_CHANNEL_DATA, "echo shell-ok $0\nexit 5\n");
	peer_msg(SSH_MSG_CHANNEL_EOF, NULL);
	CHECK(run(10));
	CHECK(strstr(out, "shell-ok -sh\n") != NULL);
	CHECK(exit_status == 5);
	finish();
}

TEST(forced_command)
{
	setup();
	P.forced_command = "echo forced:$SSH_ORIGINAL_COMMAND";
	start();
	open_session();
	exec_cmd("ls -l");
	CHECK(run(10));
	CHECK(strcmp(out, "forced:ls -l\n") == 0);
	finish();

	setup(); /* -c, and a shell request: no original command */
	O.forced_command = "echo dash-c:${SSH_ORIGINAL_COMMAND-unset}";
	start();
	open_session();
	req("shell");
	CHECK(handle() == E_OK);
	CHECK(run(10));
	CHECK(strcmp(out, "dash-c:unset\n") == 0);
	finish();
}

TEST(refusals)
{
	setup();
	start();
	open_session();
	req("subsystem");
	wr_cstr(&W, "netconf");
	CHECK(handle() == E_OK);
	req("x11-req");
	CHECK(handle() == E_OK);
	req("signal");
	wr_cstr(&W, "TERM"); /* nothing runs yet */
	CHECK(handle() == E_OK);
	exec_cmd("true");
	exec_cmd("true"); /* one process per channel */
	CHECK(strcmp(events, "ONNNYN") == 0);
	CHECK(run(10));
	finish();

	setup();
	P.no_spawn = 1;
	start();
	open_session();
	exec_cmd("true");
	req("shell");
	CHECK(handle() == E_OK);
	CHECK(strcmp(events, "ONN") == 0);
	finish();

	setup(); /* malformed request data is a protocol error */
	start();
	open_session();
	req("exec");
	CHECK(handle() != E_OK && disc_reason == SSH_DISCONNECT_PROTOCOL_ERROR);
	svr_session_free(&S);
}

TEST(peer_close_kills_process)
{
	time_t end;

	setup();
	start();
	open_session();
	exec_cmd("sleep 30");
	peer_msg(SSH_MSG_CHANNEL_CLOSE, NULL);
	CHECK(strcmp(events, "OYC") == 0 && chan_count(&S) == 0);
	CHECK(svr_session_pending_kills(&S));
	end = time(NULL) + 5;
	while (svr_session_pending_kills(&S) && time(NULL) < end) {
		usleep(20000);
		svr_session_reap(&S);
	}
	CHECK(!svr_session_pending_kills(&S));
	finish();
}

TEST(connection_end_kills_process)
{
	struct timespec t0, t1;

	setup();
	start();
	open_session();
	exec_cmd("trap '' HUP; sleep 30"); /* ignores SIGHUP: needs SIGKILL */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	usleep(100000);
	svr_session_free(&S);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK(t1.tv_sec - t0.tv_sec <= SESSION_KILL_GRACE + 2);
	CHECK(waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD);
}

/* ---- Pure helpers ------------------------------------------------------- */

TEST(terminal_modes)
{
	struct termios t;
	static const uint8_t m1[] = {
	    1,  0, 0, 0, 3,   /* VINTR ^C */
	    4,  0, 0, 0, 255, /* VKILL disabled */
	    53, 0, 0, 0, 0,   /* ECHO off */
	    36, 0, 0, 0, 1,   /* ICRNL on */
	    90, 0, 0, 0, 1,   /* CS7 */
	    99, 0, 0, 0, 1,   /* unknown: skipped */
	    0,                /* TTY_OP_END */
	    51, 0, 0, 0, 0,   /* after the end: not applied */
	};
	static const uint8_t stop[] = {200, 51, 0, 0, 0, 0};
	static const uint8_t trunc[] = {53, 0, 0, 0};
	struct view v = {m1, sizeof(m1)};

	memset(&t, 0, sizeof(t));
	t.c_lflag = ECHO | ICANON;
	t.c_cflag = CS8;
	CHECK(svr_session_apply_modes(v, &t) == E_OK);
	CHECK(t.c_cc[VINTR] == 3 && t.c_cc[VKILL] == _POSIX_VDISABLE);
	CHECK(!(t.c_lflag & ECHO) && (t.c_lflag & ICANON) && (t.c_iflag & ICRNL));
	CHECK((t.c_cflag & CSIZE) == CS7);
	v.p = stop;
	v.len = sizeof(stop);
	CHECK(svr_session_apply_modes(v, &t) == E_OK && (t.c_lflag & ICANON));
	v.p = trunc;
	v.len = sizeof(trunc);
	CHECK(svr_session_apply_modes(v, &t) == E_SHORT);
	v.len = 0;
	CHECK(svr_session_apply_modes(v, &t) == E_OK);
}

TEST(pty_req_parser)
{
	uint8_t b[128];
	struct wr w;
	struct pty_req pr;
	struct view v;
	size_t k;

	wr_init(&w, b, sizeof(b));
	wr_cstr(&w, "vt100");
	wr_u32(&w, 80);
	wr_u32(&w, 24);
	wr_u32(&w, 640);
	wr_u32(&w, 480);
	wr_string(&w, "\0", 1);
	v.p = b;
	v.len = w.len;
	CHECK(svr_session_parse_pty_req(v, &pr) == E_OK);
	CHECK(view_eq(pr.term, "vt100") && pr.cols == 80 && pr.rows == 24 && pr.wpx == 640 &&
	      pr.hpx == 480 && pr.modes.len == 1);
	for (k = 0; k < w.len; k++) {
		v.len = k;
		CHECK(svr_session_parse_pty_req(v, &pr) != E_OK);
	}
	v.len = w.len + 1;
	CHECK(svr_session_parse_pty_req(v, &pr) == E_TRAILING);
}

TEST(signal_names_and_env_filter)
{
	struct view v = {(const uint8_t *)"TERM", 4};

	CHECK(svr_session_signal_number(v) == SIGTERM);
	v.len = 3;
	CHECK(svr_session_signal_number(v) == 0);
	CHECK(strcmp(svr_session_signal_name(SIGKILL), "KILL") == 0);
	CHECK(svr_session_signal_name(SIGCHLD) == NULL);
	v.p = (const uint8_t *)"LC_CTYPE";
	v.len = 8;
	CHECK(svr_session_env_allowed(v));
	v.len = 3; /* "LC_" */
	CHECK(!svr_session_env_allowed(v));
	v.p = (const uint8_t *)"LANGUAGE";
	CHECK(!svr_session_env_allowed(v));
	v.len = 4;
	CHECK(svr_session_env_allowed(v));
	v.p = (const uint8_t *)"LC_A=B";
	v.len = 6;
	CHECK(!svr_session_env_allowed(v));
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN); /* as the server does; children get SIG_DFL */
	RUN(exec_output_and_exit_status);
	RUN(pty_size_tty_and_modes);
	RUN(pty_refused_by_policy);
	RUN(env_filter_and_variables);
	RUN(path_for_root_and_users);
	RUN(signal_term);
	RUN(stdin_and_eof);
	RUN(cat_large_within_window);
	RUN(login_shell_reads_stdin);
	RUN(forced_command);
	RUN(refusals);
	RUN(peer_close_kills_process);
	RUN(connection_end_kills_process);
	RUN(terminal_modes);
	RUN(pty_req_parser);
	RUN(signal_names_and_env_filter);
	return unit_done();
}
