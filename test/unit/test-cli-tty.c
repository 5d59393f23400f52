/*
 * test-cli-tty.c - the client's terminal helpers (cli-tty.c): the escape
 * filter (every escape, split across reads, only after a newline, ~~,
 * another escape character, disabled), the RFC 4254 8 terminal-mode
 * encoder (a fixed termios -> known bytes), the signal-name table, and
 * raw mode / restore on a pty pair.
 */
#include "options.h"

#if SHREW_CLIENT

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "unit.h"
#include "common-err.h"
#include "cli-session.h"
#include "cli-tty.h"

/* Runs the filter over one read; out gets the bytes to send. */
static size_t filt(struct esc_state *st, const char *in, char *out, int *act)
{
	uint8_t buf[64];
	size_t n = strlen(in), k;

	memcpy(buf, in, n);
	k = esc_filter(st, buf, n, act);
	memcpy(out, buf, k);
	out[k] = 0;
	return k;
}

/* One read from the start: its output and actions match. */
static int one(int esc, const char *in, const char *want, int want_act)
{
	struct esc_state st;
	char out[80];
	int act = -1;

	esc_init(&st, esc);
	filt(&st, in, out, &act);
	if (strcmp(out, want) != 0 || act != want_act) {
		fprintf(stderr, "  in %s: got \"%s\" act %d\n", in, out, act);
		return 0;
	}
	return 1;
}

TEST(escapes_each)
{
	CHECK(one('~', "ls\r~.", "ls\r", ESC_ACT_DISCONNECT));
	CHECK(one('~', "~.", "", ESC_ACT_DISCONNECT)); /* first byte ever */
	CHECK(one('~', "x\n~.", "x\n", ESC_ACT_DISCONNECT));
	CHECK(one('~', "\r~\x1a", "\r", ESC_ACT_SUSPEND));
	CHECK(one('~', "\r~?", "\r", ESC_ACT_HELP));
	CHECK(one('~', "~?\r~.", "\r", ESC_ACT_HELP | ESC_ACT_DISCONNECT));
	CHECK(one('~', "~?~.", "", ESC_ACT_HELP | ESC_ACT_DISCONNECT)); /* still at line start */
	CHECK(one('~', "hello", "hello", 0));
}

TEST(escapes_only_after_newline)
{
	CHECK(one('~', "a~.", "a~.", 0));
	CHECK(one('~', "ab~?c", "ab~?c", 0));
	CHECK(one('~', "\r~x", "\r~x", 0));                  /* not a command: both sent */
	CHECK(one('~', "~\r~.", "~\r", ESC_ACT_DISCONNECT)); /* ~ CR: both, then a line */
	CHECK(one('~', "~a~.", "~a~.", 0));
}

TEST(escapes_tilde_tilde)
{
	CHECK(one('~', "~~", "~", 0));
	CHECK(one('~', "\n~~~.", "\n~~.", 0)); /* after ~~ no longer at line start */
	CHECK(one('~', "~~\r~.", "~\r", ESC_ACT_DISCONNECT));
}

TEST(escapes_split_across_reads)
{
	struct esc_state st;
	char out[80];
	int act;

	esc_init(&st, '~');
	CHECK(filt(&st, "ls\r~", out, &act) == 3 && strcmp(out, "ls\r") == 0 && act == 0);
	CHECK(filt(&st, ".", out, &act) == 0 && act == ESC_ACT_DISCONNECT);

	esc_init(&st, '~');
	CHECK(filt(&st, "\r", out, &act) == 1 && act == 0);
	CHECK(filt(&st, "~", out, &act) == 0 && act == 0); /* held */
	CHECK(filt(&st, "", out, &act) == 0 && act == 0);  /* still held */
	CHECK(filt(&st, "xy", out, &act) == 3 && strcmp(out, "~xy") == 0 && act == 0);
	CHECK(filt(&st, "~.", out, &act) == 2 && strcmp(out, "~.") == 0 && act == 0); /* mid-line */

	esc_init(&st, '~');
	CHECK(filt(&st, "~", out, &act) == 0);
	CHECK(filt(&st, "~", out, &act) == 1 && strcmp(out, "~") == 0);
	esc_init(&st, '~');
	CHECK(filt(&st, "~", out, &act) == 0);
	CHECK(filt(&st, "?", out, &act) == 0 && act == ESC_ACT_HELP);
	CHECK(filt(&st, "~", out, &act) == 0);
	CHECK(filt(&st, "\x1a", out, &act) == 0 && act == ESC_ACT_SUSPEND);
}

TEST(escapes_other_char_and_disabled)
{
	CHECK(one('%', "%.", "", ESC_ACT_DISCONNECT));
	CHECK(one('%', "~.", "~.", 0));
	CHECK(one('%', "%%", "%", 0));
	CHECK(one(-1, "~.", "~.", 0));
	CHECK(one(-1, "\r~?~~", "\r~?~~", 0));
}

TEST(escape_help)
{
	char b[600];
	size_t n = esc_help('~', b, sizeof(b));

	CHECK(n == strlen(b) && n > 100);
	CHECK(strstr(b, " ~.   - terminate connection\r\n") != NULL);
	CHECK(strstr(b, " ~~   - send the escape") != NULL);
	CHECK(esc_help('~', b, 10) == 9 && strlen(b) == 9);
}

TEST(terminal_modes)
{
	/* the opcodes glibc's Linux has, in the encoder's order */
	static const uint32_t want[][2] = {
	    {128, 38400}, {129, 38400}, {1, 3},  {2, 28},  {3, 127}, {4, 21},  {5, 4},   {6, 255},
	    {7, 255},     {8, 17},      {9, 19}, {10, 26}, {12, 18}, {13, 23}, {14, 22}, {18, 15},
	    {30, 0},      {31, 0},      {32, 0}, {33, 0},  {34, 0},  {35, 0},  {36, 1},  {37, 0},
	    {38, 1},      {39, 0},      {40, 0}, {41, 1},  {42, 1},  {50, 1},  {51, 1},  {52, 0},
	    {53, 1},      {54, 1},      {55, 1}, {56, 0},  {57, 0},  {58, 0},  {59, 1},  {60, 1},
	    {61, 1},      {62, 0},      {70, 1}, {71, 0},  {72, 1},  {73, 0},  {74, 0},  {75, 0},
	    {90, 0},      {91, 1},      {92, 0}, {93, 0},
	};
	uint8_t exp[CLI_TTY_MODES_MAX], got[CLI_TTY_MODES_MAX];
	struct termios t;
	size_t i, n = 0, k;

	memset(&t, 0, sizeof(t)); /* every c_cc _POSIX_VDISABLE (0 here) */
	t.c_cc[VINTR] = 3;
	t.c_cc[VQUIT] = 28;
	t.c_cc[VERASE] = 127;
	t.c_cc[VKILL] = 21;
	t.c_cc[VEOF] = 4;
	t.c_cc[VSTART] = 17;
	t.c_cc[VSTOP] = 19;
	t.c_cc[VSUSP] = 26;
	t.c_cc[VREPRINT] = 18;
	t.c_cc[VWERASE] = 23;
	t.c_cc[VLNEXT] = 22;
	t.c_cc[VDISCARD] = 15;
	t.c_iflag = ICRNL | IXON | IMAXBEL | IUTF8;
	t.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN | ECHOCTL | ECHOKE;
	t.c_oflag = OPOST | ONLCR;
	t.c_cflag = CS8 | CREAD;
	cfsetispeed(&t, B38400);
	cfsetospeed(&t, B38400);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		exp[n++] = (uint8_t)want[i][0];
		exp[n++] = (uint8_t)(want[i][1] >> 24);
		exp[n++] = (uint8_t)(want[i][1] >> 16);
		exp[n++] = (uint8_t)(want[i][1] >> 8);
		exp[n++] = (uint8_t)want[i][1];
	}
	exp[n++] = 0; /* TTY_OP_END */
	k = cli_tty_encode_modes(&t, got, sizeof(got));
	CHECK(k == n && n == 52 * 5 + 1);
	if (k == n)
		CHECK_MEM(got, exp, n);
	CHECK(cli_tty_encode_modes(&t, got, n - 1) == 0); /* no room */
	t.c_cflag = (t.c_cflag & ~(tcflag_t)CSIZE) | CS7 | PARENB;
	k = cli_tty_encode_modes(&t, got, sizeof(got));
	CHECK(k == n && got[n - 21] == 90 && got[n - 17] == 1 && got[n - 16] == 91 &&
	      got[n - 12] == 0 && got[n - 7] == 1);
}

TEST(signal_names)
{
	struct view v;

	v.p = (const uint8_t *)"TERM";
	v.len = 4;
	CHECK(cli_signal_number(v) == SIGTERM);
	v.p = (const uint8_t *)"KILL";
	CHECK(cli_signal_number(v) == SIGKILL);
	v.p = (const uint8_t *)"USR2";
	CHECK(cli_signal_number(v) == SIGUSR2);
	v.p = (const uint8_t *)"USR1";
	CHECK(cli_signal_number(v) == SIGUSR1);
	v.p = (const uint8_t *)"SEGV";
	CHECK(cli_signal_number(v) == SIGSEGV);
	v.p = (const uint8_t *)"FPE";
	v.len = 3;
	CHECK(cli_signal_number(v) == SIGFPE);
	v.p = (const uint8_t *)"HUP";
	CHECK(cli_signal_number(v) == SIGHUP);
	v.p = (const uint8_t *)"SIGTERM";
	v.len = 7;
	CHECK(cli_signal_number(v) == 0);
	v.p = (const uint8_t *)"TERMX";
	v.len = 5;
	CHECK(cli_signal_number(v) == 0);
	v.len = 0;
	CHECK(cli_signal_number(v) == 0);
}

/* A pty pair's slave stands in for the user's terminal. */
TEST(raw_mode_and_restore)
{
	struct termios before, t;
	int m = posix_openpt(O_RDWR | O_NOCTTY), sl = -1, p[2], fl;
	uint32_t ws[4];

	CHECK(m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0);
	if (m >= 0)
		sl = open(ptsname(m), O_RDWR | O_NOCTTY);
	CHECK(sl >= 0 && tcgetattr(sl, &before) == 0);
	CHECK((before.c_lflag & ICANON) && (before.c_lflag & ECHO));
	CHECK(pipe(p) == 0);
	cli_tty_save_fd_flags(p, 2);
	fl = fcntl(p[0], F_GETFL);
	CHECK(fcntl(p[0], F_SETFL, fl | O_NONBLOCK) == 0);
	CHECK(cli_tty_raw(p[0]) == E_IO && !cli_tty_is_raw()); /* no terminal */
	CHECK(cli_tty_raw(sl) == E_OK && cli_tty_is_raw());
	CHECK(tcgetattr(sl, &t) == 0);
	CHECK(!(t.c_lflag & (ICANON | ECHO | ISIG | IEXTEN)) && !(t.c_oflag & OPOST));
	CHECK(!(t.c_iflag & (ICRNL | IXON)) && t.c_cc[VMIN] == 1 && t.c_cc[VTIME] == 0);
	cli_tty_restore();
	CHECK(!cli_tty_is_raw() && tcgetattr(sl, &t) == 0);
	CHECK(t.c_lflag == before.c_lflag && t.c_iflag == before.c_iflag &&
	      t.c_oflag == before.c_oflag);
	CHECK(!(fcntl(p[0], F_GETFL) & O_NONBLOCK)); /* the flags came back */
	cli_tty_restore();                           /* idempotent */
	cli_tty_resume();                            /* as after ~^Z: raw and non-blocking again */
	CHECK(cli_tty_is_raw() && (fcntl(p[0], F_GETFL) & O_NONBLOCK));
	cli_tty_leave_raw();
	CHECK(!cli_tty_is_raw() && tcgetattr(sl, &t) == 0 && t.c_lflag == before.c_lflag);
	cli_tty_restore();
	cli_tty_resume(); /* left for good: no raw again */
	CHECK(!cli_tty_is_raw());
	cli_tty_restore();
	CHECK(cli_tty_winsize(sl, ws) == 1 && cli_tty_winsize(p[0], ws) == 0 && ws[0] == 0);
	close(p[0]);
	close(p[1]);
	close(sl);
	close(m);
}

int main(void)
{
	RUN(escapes_each);
	RUN(escapes_only_after_newline);
	RUN(escapes_tilde_tilde);
	RUN(escapes_split_across_reads);
	RUN(escapes_other_char_and_disabled);
	RUN(escape_help);
	RUN(terminal_modes);
	RUN(signal_names);
	RUN(raw_mode_and_restore);
	return unit_done();
}

#else /* !SHREW_CLIENT */

#include <stdio.h>

int main(void)
{
	puts("SKIP test-cli-tty: SHREW_CLIENT is off");
	return 0;
}

#endif
