/*
 * svr-session.c - the "session" channel type (RFC 4254 6): its requests,
 * the process it starts, and the exit report.
 *
 * Order at the end of a session: the table drains stdout and stderr to
 * EOF, then asks output_done, which sends exit-status (or exit-signal)
 * once the process has been reaped; then EOF and CLOSE follow (the type
 * is close_after_eof).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "common-err.h"
#include "common-log.h"
#include "common-sess.h"
#include "common-wr.h"
#include "svr-opts.h"
#include "svr-session.h"
#include "svr-session-scp.h"

#define MAX_DYING (2 * SHREW_MAX_CHANNELS)

/* One session channel, in the slot of the same index as the channel. */
struct sess_chan {
	pid_t pid; /* 0 until started; also the process group */
	int exited;
	int status;                         /* from waitpid */
	int pty_master, pty_slave, pty_ctl; /* -1 when none */
	char tty[64];
	char term[SESSION_MAX_TERM + 1];
	int n_env;
	char env[SESSION_MAX_ENV][SESSION_MAX_ENV_LEN + 1];
};

/* A process group whose channel went away: SIGHUP sent, SIGKILL due. */
struct dying {
	pid_t pid;
	time_t deadline;
};

struct svr_sessions {
	struct session_policy pol; /* strings point into strs */
	char *strs;
	struct sess_chan ch[SHREW_MAX_CHANNELS];
	struct dying dying[MAX_DYING];
};

static const struct chan_type *const svr_types[] = {&svr_session_type, NULL};

/* ---- Setup and teardown ------------------------------------------------ */

static const char *copy_str(char **dst, const char *src)
{
	char *d = *dst;
	size_t n = strlen(src) + 1;

	memcpy(d, src, n);
	*dst += n;
	return d;
}

static int copy_policy(struct svr_sessions *ss, const struct session_policy *pol)
{
	const char *user = pol->user ? pol->user : "";
	const char *home = pol->home && pol->home[0] ? pol->home : "/";
	const char *shell = pol->shell && pol->shell[0] ? pol->shell : "/bin/sh";
	const char *fc = pol->forced_command;
	char *p;

	ss->strs = malloc(strlen(user) + strlen(home) + strlen(shell) + (fc ? strlen(fc) : 0) + 4);
	if (!ss->strs)
		return E_NOMEM;
	p = ss->strs;
	ss->pol = *pol;
	ss->pol.user = copy_str(&p, user);
	ss->pol.home = copy_str(&p, home);
	ss->pol.shell = copy_str(&p, shell);
	ss->pol.forced_command = fc ? copy_str(&p, fc) : NULL;
	return E_OK;
}

int svr_session_init(struct sess *s, const struct session_policy *pol)
{
	struct svr_sessions *ss = calloc(1, sizeof(*ss));

	if (!ss || copy_policy(ss, pol) != E_OK || chan_table_init(s, svr_types, ss) != E_OK) {
		if (ss)
			free(ss->strs);
		free(ss);
		return E_NOMEM;
	}
	return E_OK;
}

/* Forgets reaped groups; sends SIGKILL where the grace ran out (never
 * when now is 0). */
static void reap_dying(struct svr_sessions *ss, time_t now)
{
	int i, st;
	pid_t r;

	for (i = 0; i < MAX_DYING; i++) {
		if (!ss->dying[i].pid)
			continue;
		r = waitpid(ss->dying[i].pid, &st, WNOHANG);
		if (r == ss->dying[i].pid || (r < 0 && errno == ECHILD)) {
			ss->dying[i].pid = 0;
			continue;
		}
		if (now && now >= ss->dying[i].deadline)
			kill(-ss->dying[i].pid, SIGKILL);
	}
}

static int any_dying(const struct svr_sessions *ss)
{
	int i;

	for (i = 0; ss && i < MAX_DYING; i++)
		if (ss->dying[i].pid)
			return 1;
	return 0;
}

void svr_session_free(struct sess *s)
{
	struct svr_sessions *ss = chan_ctx(s);
	struct timespec tick = {0, 50 * 1000 * 1000};
	int i, ticks;

	chan_table_free(s); /* the gone hooks send SIGHUP */
	if (!ss)
		return;
	for (ticks = 0; ticks < SESSION_KILL_GRACE * 20; ticks++) {
		reap_dying(ss, 0); /* no SIGKILL yet */
		if (!any_dying(ss))
			break;
		nanosleep(&tick, NULL);
	}
	for (i = 0; i < MAX_DYING; i++) {
		if (!ss->dying[i].pid)
			continue;
		kill(-ss->dying[i].pid, SIGKILL);
		waitpid(ss->dying[i].pid, NULL, 0);
	}
	free(ss->strs);
	free(ss);
}

int svr_session_pending_kills(const struct sess *s)
{
	return any_dying(chan_ctx(s));
}

int svr_session_reap(struct sess *s)
{
	struct svr_sessions *ss = chan_ctx(s);
	struct sess_chan *sc;
	int i, st;
	pid_t r;

	if (!ss)
		return E_OK;
	for (i = 0; i < SHREW_MAX_CHANNELS; i++) {
		sc = &ss->ch[i];
		if (!chan_by_id(s, (uint32_t)i) || !sc->pid || sc->exited)
			continue;
		r = waitpid(sc->pid, &st, WNOHANG);
		if (r == sc->pid || (r < 0 && errno == ECHILD)) {
			/* ECHILD: reaped elsewhere, the status is lost */
			sc->exited = 1;
			sc->status = r == sc->pid ? st : -1;
		}
	}
	reap_dying(ss, time(NULL));
	return chan_poll(s);
}

/* ---- The channel type's hooks ------------------------------------------ */

static struct sess_chan *sess_chan_of(struct sess *s, struct chan *c)
{
	struct svr_sessions *ss = chan_ctx(s);

	return &ss->ch[chan_id(c)];
}

static int session_open(struct sess *s, struct chan *c, struct view data, const char **why)
{
	struct sess_chan *sc = sess_chan_of(s, c);

	(void)data; /* "session" has no type-specific data */
	(void)why;
	memset(sc, 0, sizeof(*sc));
	sc->pty_master = sc->pty_slave = sc->pty_ctl = -1;
	chan_set_priv(c, sc);
	return 0;
}

static void add_dying(struct svr_sessions *ss, pid_t pid)
{
	int i;

	for (i = 0; i < MAX_DYING; i++) {
		if (!ss->dying[i].pid) {
			ss->dying[i].pid = pid;
			ss->dying[i].deadline = time(NULL) + SESSION_KILL_GRACE;
			return;
		}
	}
	kill(-pid, SIGKILL); /* no room to wait: no grace */
	ss->dying[0].pid = pid;
	ss->dying[0].deadline = 0;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static void session_gone(struct sess *s, struct chan *c)
{
	struct sess_chan *sc = chan_priv(c);

	if (!sc)
		return;
	if (sc->pid) {
		/* the group, also leftovers of an ended leader */
		kill(-sc->pid, SIGHUP);
		kill(-sc->pid, SIGCONT);
		if (!sc->exited)
			add_dying(chan_ctx(s), sc->pid);
	}
	close_fd(&sc->pty_master);
	close_fd(&sc->pty_slave);
	close_fd(&sc->pty_ctl);
	memset(sc, 0, sizeof(*sc));
	chan_set_priv(c, NULL);
}

/* exit-status: uint32 status.  exit-signal: string signal name, boolean
 * core dumped, string error message, string language tag. */
static int send_exit(struct sess *s, struct chan *c, int status)
{
	uint8_t b[64];
	struct wr w;
	const char *name = WIFSIGNALED(status) ? svr_session_signal_name(WTERMSIG(status)) : NULL;

	wr_init(&w, b, sizeof(b));
	if (name) {
		wr_cstr(&w, name);
		wr_bool(&w, WCOREDUMP(status) != 0);
		wr_cstr(&w, "");
		wr_cstr(&w, "");
		return chan_send_request(s, c, "exit-signal", b, w.len);
	}
	if (WIFSIGNALED(status))
		wr_u32(&w, 128 + (uint32_t)WTERMSIG(status));
	else
		wr_u32(&w, (uint32_t)WEXITSTATUS(status));
	return chan_send_request(s, c, "exit-status", b, w.len);
}

static int session_output_done(struct sess *s, struct chan *c)
{
	struct sess_chan *sc = chan_priv(c);
	int rc;

	if (!sc || !sc->pid || !sc->exited)
		return 0;
	if (sc->status == -1)
		return 1;
	rc = send_exit(s, c, sc->status);
	return rc == E_OK ? 1 : rc;
}

static int session_request(struct sess *s, struct chan *c, const struct chan_req *r);

const struct chan_type svr_session_type = {
    .name = "session",
    .open = session_open,
    .request = session_request,
    .output_done = session_output_done,
    .gone = session_gone,
    .close_after_eof = 1,
};

/* ---- Requests ---------------------------------------------------------- */

/* pty-req: see struct pty_req.  Allocates the pty now, with the modes
 * and size, so the process gets a ready terminal. */
static int req_pty(struct sess *s, struct sess_chan *sc, struct view data)
{
	struct svr_sessions *ss = chan_ctx(s);
	struct pty_req pr;
	struct termios t;

	if (svr_session_parse_pty_req(data, &pr) != E_OK)
		return E_FORMAT;
	if (!ss->pol.allow_pty || sc->pid || sc->pty_master >= 0)
		return 0;
	if (ss->pol.no_spawn) {
		memset(&t, 0, sizeof(t));
		return svr_session_apply_modes(pr.modes, &t) == E_OK;
	}
	if (svr_session_open_pty(&sc->pty_master, &sc->pty_slave, sc->tty, sizeof(sc->tty)) !=
	    E_OK) {
		log_msg(LOG_WARNING, "cannot allocate a pty: %s", strerror(errno));
		return 0;
	}
	if (tcgetattr(sc->pty_slave, &t) == 0 && svr_session_apply_modes(pr.modes, &t) == E_OK)
		tcsetattr(sc->pty_slave, TCSANOW, &t);
	svr_session_set_winsize(sc->pty_master, pr.cols, pr.rows, pr.wpx, pr.hpx);
	memcpy(sc->term, pr.term.p, pr.term.len);
	sc->term[pr.term.len] = '\0';
	return 1;
}

/* window-change: uint32 cols, uint32 rows, uint32 width px, uint32 height px */
static int req_window_change(struct sess_chan *sc, struct view data)
{
	uint32_t v[4];
	struct rd r;
	int i;

	rd_init(&r, data.p, data.len);
	for (i = 0; i < 4; i++)
		rd_u32(&r, &v[i]);
	if (rd_end(&r) != E_OK)
		return E_FORMAT;
	if (sc->pty_ctl < 0 && sc->pty_master < 0)
		return 0;
	svr_session_set_winsize(sc->pty_ctl >= 0 ? sc->pty_ctl : sc->pty_master, v[0], v[1], v[2],
	                        v[3]);
	return 1;
}

/* env: string name, string value */
static int req_env(struct sess_chan *sc, struct view data)
{
	struct view name, value;
	struct rd r;

	rd_init(&r, data.p, data.len);
	rd_text(&r, SESSION_MAX_ENV_LEN, &name);
	rd_text(&r, SESSION_MAX_ENV_LEN, &value);
	if (rd_end(&r) != E_OK)
		return E_FORMAT;
	if (!svr_session_env_allowed(name) || sc->pid || sc->n_env >= SESSION_MAX_ENV ||
	    name.len + 1 + value.len > SESSION_MAX_ENV_LEN)
		return 0;
	memcpy(sc->env[sc->n_env], name.p, name.len);
	sc->env[sc->n_env][name.len] = '=';
	memcpy(sc->env[sc->n_env] + name.len + 1, value.p, value.len);
	sc->env[sc->n_env][name.len + 1 + value.len] = '\0';
	sc->n_env++;
	return 1;
}

/* signal: string signal name (without "SIG") */
static int req_signal(struct sess_chan *sc, struct view data)
{
	struct view name;
	struct rd r;
	int sig;

	rd_init(&r, data.p, data.len);
	rd_text(&r, CHAN_MAX_NAME, &name);
	if (rd_end(&r) != E_OK)
		return E_FORMAT;
	sig = svr_session_signal_number(name);
	if (!sig || !sc->pid || sc->exited)
		return 0;
	return kill(-sc->pid, sig) == 0;
}

static const char *forced_command(const struct sess *s)
{
	const struct svr_sessions *ss = chan_ctx(s);

	if (ss->pol.forced_command)
		return ss->pol.forced_command;
	return s->opts ? s->opts->forced_command : NULL;
}

/* Hands the process's fds to the table: the pty master (the slave stays
 * with the child only), or the three pipes. */
static void attach(struct chan *c, struct sess_chan *sc, const int fds[3])
{
	if (sc->pty_master < 0) {
		chan_attach_fds(c, fds[0], fds[1], fds[2]);
		return;
	}
	sc->pty_ctl = fcntl(sc->pty_master, F_DUPFD_CLOEXEC, 0);
	close_fd(&sc->pty_slave);
	chan_attach_fds(c, sc->pty_master, sc->pty_master, -1);
	sc->pty_master = -1; /* the table's now */
}

/* Starts command (NULL: a login shell), or the forced command. */
static int start(struct sess *s, struct chan *c, struct sess_chan *sc, const char *command)
{
	const struct svr_sessions *ss = chan_ctx(s);
	const char *forced = forced_command(s), *env[SESSION_MAX_ENV + 1];
	struct session_spawn sp;
	int fds[3], i;

	memset(&sp, 0, sizeof(sp));
	sp.s = s;
	sp.user = ss->pol.user;
	sp.home = ss->pol.home;
	sp.shell = ss->pol.shell;
	sp.uid = ss->pol.uid;
	sp.command = forced ? forced : command;
	sp.original_command = forced ? command : NULL;
	sp.pty_slave = sc->pty_slave;
	sp.tty = sc->tty;
	sp.term = sc->term;
	for (i = 0; i < sc->n_env; i++)
		env[i] = sc->env[i];
	env[i] = NULL;
	sp.env = env;
	sp.motd = !command && !forced && sc->pty_slave >= 0 && !(s->opts && s->opts->no_motd);
	sp.pass_env = s->opts && s->opts->pass_env;
	sc->pid = svr_session_spawn(&sp, fds);
	if (sc->pid < 0) {
		log_msg(LOG_WARNING, "cannot start a session process: %s", strerror(errno));
		sc->pid = 0;
		return 0;
	}
	attach(c, sc, fds);
	log_msg(LOG_INFO, "user %s: %s%s, pid %d", ss->pol.user, command ? "exec" : "shell",
	        forced ? " (forced command)" : "", (int)sc->pid);
	return 1;
}

/* shell: nothing.  exec: string command.  subsystem: string name. */
static int req_start(struct sess *s, struct chan *c, struct sess_chan *sc, const struct chan_req *r)
{
	const struct svr_sessions *ss = chan_ctx(s);
	char cmd[SHREW_MAX_CMD + 1];
	int exec = view_eq(r->type, "exec"), subsys = view_eq(r->type, "subsystem");
	struct view v = {NULL, 0};
	struct rd rd;

	rd_init(&rd, r->data.p, r->data.len);
	if (exec || subsys)
		rd_text(&rd, exec ? SHREW_MAX_CMD : CHAN_MAX_NAME, &v);
	if (rd_end(&rd) != E_OK)
		return E_FORMAT;
	if (sc->pid || ss->pol.no_spawn)
		return 0;
	if (subsys && !view_eq(v, "sftp"))
		return 0;
	if (subsys)
		return start(s, c, sc, SHREW_SFTP_SERVER);
	if (!exec)
		return start(s, c, sc, NULL);
	memcpy(cmd, v.p, v.len);
	cmd[v.len] = '\0';
	svr_scp_rewrite(cmd, sizeof(cmd), forced_command(s));
	return start(s, c, sc, cmd);
}

static int session_request(struct sess *s, struct chan *c, const struct chan_req *r)
{
	struct sess_chan *sc = chan_priv(c);

	if (view_eq(r->type, "pty-req"))
		return req_pty(s, sc, r->data);
	if (view_eq(r->type, "window-change"))
		return req_window_change(sc, r->data);
	if (view_eq(r->type, "env"))
		return req_env(sc, r->data);
	if (view_eq(r->type, "shell") || view_eq(r->type, "exec") || view_eq(r->type, "subsystem"))
		return req_start(s, c, sc, r);
	if (view_eq(r->type, "signal"))
		return req_signal(sc, r->data);
	/* x11-req, auth-agent-req@openssh.com, keepalive@openssh.com ... */
	return 0;
}

/* ---- Signal names (RFC 4254 6.10) --------------------------------------- */

static const struct {
	const char *name;
	int sig;
} signals[] = {
    {"ABRT", SIGABRT}, {"ALRM", SIGALRM}, {"FPE", SIGFPE},   {"HUP", SIGHUP},   {"ILL", SIGILL},
    {"INT", SIGINT},   {"KILL", SIGKILL}, {"PIPE", SIGPIPE}, {"QUIT", SIGQUIT}, {"SEGV", SIGSEGV},
    {"TERM", SIGTERM}, {"USR1", SIGUSR1}, {"USR2", SIGUSR2},
};

int svr_session_signal_number(struct view name)
{
	size_t i;

	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (view_eq(name, signals[i].name))
			return signals[i].sig;
	return 0;
}

const char *svr_session_signal_name(int sig)
{
	size_t i;

	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (signals[i].sig == sig)
			return signals[i].name;
	return NULL;
}

int svr_session_env_allowed(struct view name)
{
	size_t i;

	if (!view_eq(name, "LANG") && (name.len < 4 || memcmp(name.p, "LC_", 3) != 0))
		return 0;
	for (i = 0; i < name.len; i++)
		if (name.p[i] == '=')
			return 0;
	return 1;
}
