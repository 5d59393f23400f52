/*
 * cli-session.c - the client after authentication (see cli-session.h):
 * one "session" channel (RFC 4254 6: pty-req, shell / exec / subsystem,
 * window-change, exit-status / exit-signal) wired to our stdin, stdout
 * and stderr, or one direct-tcpip channel for netcat mode (-B), or none
 * (-N); raw terminal mode with restore on every exit path, escapes on
 * stdin, and the exit code.
 *
 * Order after OPEN_CONFIRMATION: auth-agent-req@openssh.com (-A), pty-req
 * (want reply: a failure only warns), then shell / exec / subsystem (want
 * reply: a failure ends the session with 255); then our fds are attached
 * and, with a pty on a terminal, the terminal goes raw.  The replies come
 * in order, so a small FIFO says which request each one answers.
 *
 * The server's CLOSE ends it: the table writes what is queued toward
 * stdout/stderr first (flush_on_close), and we never close first
 * (wait_peer_close): exit-status may come after both EOFs.
 */
#include "options.h"

#if SHREW_CLIENT

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "common-channel.h"
#include "common-err.h"
#include "common-match.h"
#include "common-sess.h"
#include "common-wr.h"
#include "cli.h"
#include "cli-channel-fwd.h"
#include "cli-session.h"
#include "cli-tty.h"

#define MAX_PENDING 4
#define MAX_TERM 256
#define MAX_SIG_MSG 1024

enum { RQ_PTY = 1, RQ_MAIN };

struct cli_session {
	struct chan *main; /* the session / direct-tcpip channel, NULL when gone */
	int started;       /* its CHANNEL_OPEN went out */
	int opened;        /* confirmed */
	int ended;         /* gone (or its open failed) */
	int failed;        /* open or main request failed: exit 255 */
	int pty;           /* a pty was requested */
	int disconnect;    /* ~. */
	int stopped;       /* SIGINT/TERM/HUP/QUIT */
	const char *what;  /* "shell", "exec", "subsystem" */
	uint8_t pending[MAX_PENDING];
	int n_pending;
	struct esc_state esc;
};

/* Signal flags: the only globals. */
static volatile sig_atomic_t sig_winch, sig_stop;

static const struct chan_type *const types_plain[] = {NULL};
static const struct chan_type *const types_agent[] = {&cli_agent_type, NULL};

/* ---- Output helpers -------------------------------------------------------- */

void cli_session_say(const char *fmt, ...)
{
	char b[1200];
	va_list ap;
	int n;
	size_t len = 7;

	memcpy(b, "shrew: ", 7);
	va_start(ap, fmt);
	n = vsnprintf(b + len, sizeof(b) - len - 2, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	len += (size_t)n < sizeof(b) - len - 2 ? (size_t)n : sizeof(b) - len - 3;
	if (cli_tty_is_raw())
		b[len++] = '\r';
	b[len++] = '\n';
	if (write(STDERR_FILENO, b, len) < 0)
		return;
}

void cli_safe_text(struct view v, char *buf, size_t cap)
{
	size_t i, n = v.len < cap - 1 ? v.len : cap - 1;

	for (i = 0; i < n; i++)
		buf[i] = v.p[i] < 0x20 || v.p[i] == 0x7f ? '?' : (char)v.p[i];
	buf[n] = '\0';
}

static struct cli_session *session_of(const struct sess *s)
{
	return s->cli ? s->cli->session : NULL;
}

/* ---- Signals ----------------------------------------------------------------- */

static void on_winch(int sig)
{
	(void)sig;
	sig_winch = 1;
}

static void on_stop(int sig)
{
	(void)sig;
	sig_stop = 1;
}

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void signals(int on)
{
	static const int stops[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	size_t i;

	for (i = 0; i < sizeof(stops) / sizeof(stops[0]); i++)
		set_handler(stops[i], on ? on_stop : SIG_DFL);
	set_handler(SIGWINCH, on ? on_winch : SIG_DFL);
	if (on)
		set_handler(SIGPIPE, SIG_IGN);
}

/* ---- Requests we send ---------------------------------------------------------- */

static int push_pending(struct cli_session *cs, uint8_t kind)
{
	if (cs->n_pending >= MAX_PENDING)
		return E_TOOBIG;
	cs->pending[cs->n_pending++] = kind;
	return E_OK;
}

/* pty-req: string TERM, uint32 cols, uint32 rows, uint32 width px,
 * uint32 height px, string encoded terminal modes */
static int send_pty_req(struct sess *s, struct chan *c)
{
	uint8_t b[MAX_TERM + 32 + CLI_TTY_MODES_MAX], modes[CLI_TTY_MODES_MAX];
	const char *term = getenv("TERM");
	struct termios t;
	uint32_t ws[4];
	size_t nm = 0;
	struct wr w;
	int i, rc;

	if (!term || !term[0] || strlen(term) > MAX_TERM)
		term = "vt100";
	cli_tty_winsize(s->cli->fd_stdin, ws);
	if (tcgetattr(s->cli->fd_stdin, &t) == 0)
		nm = cli_tty_encode_modes(&t, modes, sizeof(modes));
	if (nm == 0)
		modes[nm++] = 0; /* TTY_OP_END alone */
	wr_init(&w, b, sizeof(b));
	wr_cstr(&w, term);
	for (i = 0; i < 4; i++)
		wr_u32(&w, ws[i]);
	wr_string(&w, modes, nm);
	if (w.err != E_OK)
		return w.err;
	rc = chan_send_request_want(s, c, "pty-req", b, w.len);
	return rc == E_OK ? push_pending(session_of(s), RQ_PTY) : rc;
}

/* shell: nothing; exec: string command; subsystem: string name */
static int send_main_req(struct sess *s, struct chan *c)
{
	const struct cli_opts *o = s->cli->opts;
	struct cli_session *cs = session_of(s);
	size_t n = o->command ? strlen(o->command) : 0;
	uint8_t *b;
	struct wr w;
	int rc;

	cs->what = o->subsystem ? "subsystem" : o->command ? "exec" : "shell";
	if (!o->command) {
		rc = chan_send_request_want(s, c, "shell", NULL, 0);
	} else {
		b = malloc(n + 4);
		if (!b)
			return E_NOMEM;
		wr_init(&w, b, n + 4);
		wr_string(&w, o->command, n);
		rc = chan_send_request_want(s, c, cs->what, b, w.len);
		free(b);
	}
	return rc == E_OK ? push_pending(cs, RQ_MAIN) : rc;
}

static int send_window_change(struct sess *s, struct chan *c)
{
	uint8_t b[16];
	uint32_t ws[4];
	struct wr w;
	int i;

	cli_tty_winsize(s->cli->fd_stdin, ws);
	/* uint32 cols, uint32 rows, uint32 width px, uint32 height px */
	wr_init(&w, b, sizeof(b));
	for (i = 0; i < 4; i++)
		wr_u32(&w, ws[i]);
	return chan_send_request(s, c, "window-change", b, w.len);
}

/* AUTO: a pty for a shell on a terminal; YES: on a terminal; FORCE. */
static int want_pty(const struct cli *cl)
{
	const struct cli_opts *o = cl->opts;
	int tty = isatty(cl->fd_stdin);

	switch (o->tty) {
	case CLI_TTY_NO: return 0;
	case CLI_TTY_FORCE: return 1;
	case CLI_TTY_YES:
		if (!tty && !o->quiet)
			cli_session_say("Pseudo-terminal will not be allocated because stdin is "
			                "not a terminal.");
		return tty;
	default: return tty && !o->command && !o->subsystem;
	}
}

/* ---- The session channel's hooks --------------------------------------------- */

void cli_session_attach_stdio(struct sess *s, struct chan *c, int with_ext)
{
	struct cli *cl = s->cli;
	int in = cl->fd_stdout >= 0 ? dup(cl->fd_stdout) : -1;
	int out = cl->fd_stdin >= 0 ? dup(cl->fd_stdin) : -1;

	chan_attach_fds(c, in, out, -1);
	if (with_ext && cl->fd_stderr >= 0)
		chan_attach_ext_fd(c, dup(cl->fd_stderr));
}

/* 1 when name (n bytes) matches one of the blank-separated patterns of
 * any SendEnv option. */
static int env_wanted(const struct cli_opts *o, const char *name, size_t n)
{
	const char *p;
	size_t len;
	int i;

	for (i = 0; i < o->n_send_env; i++)
		for (p = o->send_env[i]; *p; p += len) {
			p += strspn(p, " \t");
			len = strcspn(p, " \t");
			if (len && match_pattern(name, n, p, len, 0))
				return 1;
		}
	return 0;
}

/* "env" requests (RFC 4254 6.4) for the variables SendEnv names. */
static int send_env(struct sess *s, struct chan *c)
{
	extern char **environ;
	uint8_t b[4096];
	struct wr w;
	char **e;
	const char *eq;
	int rc = E_OK;

	for (e = environ; e && *e && rc == E_OK; e++) {
		eq = strchr(*e, '=');
		if (!eq || eq == *e || !env_wanted(s->cli->opts, *e, (size_t)(eq - *e)))
			continue;
		wr_init(&w, b, sizeof(b));
		wr_string(&w, *e, (size_t)(eq - *e));
		wr_cstr(&w, eq + 1);
		if (w.err == E_OK) /* a value too long for one request is left out */
			rc = chan_send_request(s, c, "env", b, w.len);
	}
	return rc;
}

static int session_opened(struct sess *s, struct chan *c)
{
	struct cli_session *cs = session_of(s);
	const struct cli_opts *o = s->cli->opts;
	int rc = E_OK;

	cs->opened = 1;
	if (o->forward_agent)
		rc = chan_send_request(s, c, "auth-agent-req@openssh.com", NULL, 0);
	cs->pty = want_pty(s->cli);
	if (rc == E_OK && cs->pty)
		rc = send_pty_req(s, c);
	if (rc == E_OK && o->n_send_env)
		rc = send_env(s, c);
	if (rc == E_OK)
		rc = send_main_req(s, c);
	if (rc != E_OK)
		return rc;
	cli_session_attach_stdio(s, c, 1);
	if (!cs->pty)
		return E_OK;
	esc_init(&cs->esc, o->escape_char); /* escapes only with a pty, as OpenSSH */
	if (isatty(s->cli->fd_stdin))
		cli_tty_raw(s->cli->fd_stdin);
	return E_OK;
}

void cli_session_main_ended(struct sess *s, const struct view *why)
{
	struct cli_session *cs = session_of(s);
	char text[256];

	if (!cs)
		return;
	cs->main = NULL;
	cs->ended = 1;
	if (why) {
		cs->failed = 1;
		cli_safe_text(*why, text, sizeof(text));
		cli_session_say("channel open failed: %s", text[0] ? text : "(no reason)");
	}
}

static void session_open_failed(struct sess *s, struct chan *c, uint32_t reason, struct view why)
{
	(void)c;
	(void)reason;
	cli_session_main_ended(s, &why);
}

static void session_gone(struct sess *s, struct chan *c)
{
	(void)c;
	cli_tty_restore();
	cli_session_main_ended(s, NULL);
}

static int session_reply(struct sess *s, struct chan *c, int success)
{
	struct cli_session *cs = session_of(s);
	uint8_t kind;

	if (cs->n_pending == 0)
		return E_OK; /* a request of someone else's (none today) */
	kind = cs->pending[0];
	memmove(cs->pending, cs->pending + 1, (size_t)--cs->n_pending);
	if (success)
		return E_OK;
	if (kind == RQ_PTY) {
		cli_tty_leave_raw(); /* no pty: the local terminal edits lines */
		if (!s->cli->opts->quiet)
			cli_session_say("PTY allocation request failed");
		return E_OK;
	}
	cli_tty_restore();
	cli_session_say("%s request failed", cs->what ? cs->what : "shell");
	cs->failed = 1;
	return chan_send_close(s, c);
}

/* exit-signal: string signal name without "SIG", boolean core dumped,
 * string error message, string language tag */
static int req_exit_signal(struct sess *s, struct view data)
{
	struct view name, msg, lang;
	int core, sig;
	char text[MAX_SIG_MSG + 1];
	struct rd r;

	rd_init(&r, data.p, data.len);
	rd_text(&r, CHAN_MAX_NAME, &name);
	rd_bool(&r, &core);
	rd_string(&r, MAX_SIG_MSG, &msg);
	rd_string(&r, CHAN_MAX_NAME, &lang);
	if (rd_end(&r) != E_OK)
		return E_FORMAT;
	sig = cli_signal_number(name);
	s->cli->exit_code = sig ? 128 + sig : CLI_EXIT_CONN;
	s->cli->exit_code_set = 1;
	if (s->cli->opts->quiet)
		return 1;
	if (msg.len) {
		cli_safe_text(msg, text, sizeof(text));
		cli_session_say("%s", text);
	} else {
		cli_safe_text(name, text, sizeof(text));
		cli_session_say("remote command killed by signal %s%s", text,
		                core ? " (core dumped)" : "");
	}
	return 1;
}

static int session_request(struct sess *s, struct chan *c, const struct chan_req *r)
{
	struct rd rd;
	uint32_t v;

	(void)c;
	if (view_eq(r->type, "exit-status")) {
		/* exit-status: uint32 exit status */
		rd_init(&rd, r->data.p, r->data.len);
		rd_u32(&rd, &v);
		if (rd_end(&rd) != E_OK)
			return E_FORMAT;
		s->cli->exit_code = (int)(v & 0xff);
		s->cli->exit_code_set = 1;
		return 1;
	}
	if (view_eq(r->type, "exit-signal"))
		return req_exit_signal(s, r->data);
	if (view_eq(r->type, "eow@openssh.com"))
		return 1;
	return 0;
}

static void suspend(void)
{
	static const char msg[] = "~^Z [suspend shrew]\r\n";

	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		return;
	cli_tty_restore();
	kill(getpid(), SIGTSTP);
	/* continued */
	cli_tty_resume();
	sig_winch = 1;
}

static size_t session_filter(struct sess *s, struct chan *c, uint8_t *buf, size_t n)
{
	struct cli_session *cs = session_of(s);
	char help[512];
	size_t k, len;
	int act;

	(void)c;
	if (cs->disconnect)
		return 0; /* nothing more after ~. */
	k = esc_filter(&cs->esc, buf, n, &act);
	if (act & ESC_ACT_HELP) {
		len = esc_help(cs->esc.esc, help, sizeof(help));
		if (write(STDERR_FILENO, help, len) < 0)
			len = 0;
	}
	if (act & ESC_ACT_SUSPEND)
		suspend();
	if (act & ESC_ACT_DISCONNECT) {
		/* done from now on: the loop closes the connection */
		cs->disconnect = 1;
		cli_tty_restore();
		return 0;
	}
	return k;
}

static int refuse_session(struct sess *s, struct chan *c, struct view data, const char **why)
{
	(void)s;
	(void)c;
	(void)data;
	*why = "not accepted by this client";
	return SSH_OPEN_ADMINISTRATIVELY_PROHIBITED;
}

static const struct chan_type cli_session_type = {
    .name = "session",
    .open = refuse_session,
    .request = session_request,
    .gone = session_gone,
    .opened = session_opened,
    .open_failed = session_open_failed,
    .reply = session_reply,
    .filter_out = session_filter,
    .wait_peer_close = 1,
    .flush_on_close = 1,
};

/* ---- The interface ------------------------------------------------------------- */

static int open_main(struct sess *s, struct cli_session *cs)
{
	const struct cli_opts *o = s->cli->opts;
	uint8_t b[2 * CLI_MAX_HOST + 32];
	size_t n;

	if (!o->netcat_host)
		return chan_open_start(s, &cli_session_type, NULL, 0, &cs->main);
	n = cli_direct_tcpip_data(o->netcat_host, o->netcat_port, "127.0.0.1", 0, b, sizeof(b));
	if (n == 0)
		return E_TOOBIG;
	return chan_open_start(s, &cli_direct_tcpip_type, b, n, &cs->main);
}

int cli_session_start(struct sess *s)
{
	struct cli *cl = s->cli;
	struct cli_session *cs;
	int fds[3], rc;

	if (!cl || !cl->opts || cl->session)
		return E_ARG;
	cs = calloc(1, sizeof(*cs));
	if (!cs)
		return E_NOMEM;
	cl->session = cs;
	esc_init(&cs->esc, -1);
	rc = chan_table_init(s, cl->opts->forward_agent ? types_agent : types_plain, cs);
	if (rc != E_OK)
		return rc;
	fds[0] = cl->fd_stdin;
	fds[1] = cl->fd_stdout;
	fds[2] = cl->fd_stderr;
	cli_tty_save_fd_flags(fds, 3);
	atexit(cli_tty_restore);
	sig_winch = sig_stop = 0;
	signals(1);
	if (cl->opts->no_command)
		return E_OK;
	rc = open_main(s, cs);
	cs->started = rc == E_OK;
	return rc;
}

int cli_session_poll(struct sess *s)
{
	struct cli_session *cs = session_of(s);

	if (!cs)
		return E_OK;
	if (sig_stop)
		cs->stopped = 1;
	if (!sig_winch)
		return E_OK;
	sig_winch = 0;
	if (!cs->pty || !cs->main || !cs->opened || chan_closing(cs->main))
		return E_OK;
	return send_window_change(s, cs->main);
}

int cli_session_done(const struct sess *s)
{
	const struct cli_session *cs = session_of(s);

	if (!cs)
		return 0;
	if (cs->disconnect || cs->stopped || sig_stop)
		return 1;
	return cs->started && cs->ended;
}

int cli_session_exit_code(const struct sess *s)
{
	const struct cli_session *cs = session_of(s);
	const struct cli_opts *o = s->cli ? s->cli->opts : NULL;

	if (!cs || !o || cs->disconnect)
		return CLI_EXIT_CONN;
	if (cs->stopped || sig_stop)
		return o->no_command ? 0 : CLI_EXIT_CONN;
	if (cs->failed)
		return CLI_EXIT_CONN;
	if (s->cli->exit_code_set)
		return s->cli->exit_code;
	if (o->no_command || (o->netcat_host && cs->ended))
		return 0;
	return CLI_EXIT_CONN;
}

void cli_session_free(struct sess *s)
{
	struct cli_session *cs = session_of(s);

	cli_tty_restore();
	if (!cs)
		return;
	chan_table_free(s); /* the gone hooks still see the session */
	signals(0);
	free(cs);
	s->cli->session = NULL;
}

#else
typedef int cli_session_unused; /* ISO C: no empty translation unit */
#endif
