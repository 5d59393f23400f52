/*
 * svr-session-env.c - starting a session's process: fork, a new session
 * and process group, the pty as controlling terminal or three pipes, the
 * environment (USER LOGNAME HOME SHELL PATH TERM SSH_CLIENT
 * SSH_CONNECTION SSH_TTY SSH_ORIGINAL_COMMAND and the accepted env
 * requests), the working directory, the message of the day, and exec of
 * the login shell ("-sh") or "shell -c command".
 *
 * Everything after fork() runs in the child only and ends in exec or
 * _exit(); nothing there returns to the server's code.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "common-sess.h"
#include "svr-session.h"

/* Highest fd closed in the child when the limit is unknown or huge. */
#define SPAWN_MAX_CLOSE 4096

/* Writes a message to the child's stderr (no stdio buffering). */
static void child_say(const char *a, const char *b)
{
	if (write(2, a, strlen(a)) < 0 || write(2, b, strlen(b)) < 0 || write(2, "\n", 1) < 0)
		return;
}

static void child_env(const struct session_spawn *sp)
{
	const struct sess *s = sp->s;
	char buf[256];
	const char *const *e;

	if (!sp->pass_env)
		clearenv();
	setenv("USER", sp->user, 1);
	setenv("LOGNAME", sp->user, 1);
	setenv("HOME", sp->home, 1);
	setenv("SHELL", sp->shell, 1);
	setenv("PATH", sp->uid == 0 ? SHREW_ROOT_PATH : SHREW_DEFAULT_PATH, 1);
	snprintf(buf, sizeof(buf), "%s %u %u", s->peer_ip, s->peer_port, s->local_port);
	setenv("SSH_CLIENT", buf, 1);
	snprintf(buf, sizeof(buf), "%s %u %s %u", s->peer_ip, s->peer_port, s->local_ip,
	         s->local_port);
	setenv("SSH_CONNECTION", buf, 1);
	if (sp->pty_slave >= 0) {
		setenv("TERM", sp->term && sp->term[0] ? sp->term : "dumb", 1);
		setenv("SSH_TTY", sp->tty, 1);
	}
	if (sp->original_command)
		setenv("SSH_ORIGINAL_COMMAND", sp->original_command, 1);
	for (e = sp->env; e && *e; e++)
		putenv((char *)*e); /* lives until exec in this child */
}

/* Copies the message of the day to stdout, unless ~/.hushlogin exists. */
static void child_motd(const struct session_spawn *sp)
{
	char buf[512];
	ssize_t k;
	int fd;

	snprintf(buf, sizeof(buf), "%s/.hushlogin", sp->home);
	if (access(buf, F_OK) == 0)
		return;
	fd = open(SESSION_MOTD, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	while ((k = read(fd, buf, sizeof(buf))) > 0)
		if (write(1, buf, (size_t)k) != k)
			break;
	close(fd);
}

/* Default signal dispositions and an empty mask: ignored signals (the
 * server ignores SIGPIPE) would otherwise survive exec. */
static void child_signals(void)
{
	sigset_t none;
	int sig;

	for (sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void child_close_from(int lowfd)
{
	struct rlimit rl;
	long max = SPAWN_MAX_CLOSE, fd;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur < (rlim_t)max)
		max = (long)rl.rlim_cur;
	for (fd = lowfd; fd < max; fd++)
		close((int)fd);
}

static int child_dup(const struct session_spawn *sp, const int p[6]);

/* Makes the slave (or the pipe ends) fds 0, 1, 2 of a new session. */
static int child_stdio(const struct session_spawn *sp, const int p[6])
{
	int rc = child_dup(sp, p), fd;

	/* dup2 onto itself would keep close-on-exec */
	for (fd = 0; fd < 3; fd++)
		fcntl(fd, F_SETFD, 0);
	return rc;
}

static int child_dup(const struct session_spawn *sp, const int p[6])
{
	if (setsid() < 0)
		return -1;
	if (sp->pty_slave >= 0) {
		if (ioctl(sp->pty_slave, TIOCSCTTY, 0) < 0)
			return -1;
		return (dup2(sp->pty_slave, 0) < 0 || dup2(sp->pty_slave, 1) < 0 ||
		        dup2(sp->pty_slave, 2) < 0)
		           ? -1
		           : 0;
	}
	/* p: stdin read/write, stdout read/write, stderr read/write */
	return (dup2(p[0], 0) < 0 || dup2(p[3], 1) < 0 || dup2(p[5], 2) < 0) ? -1 : 0;
}

static void child_exec(const struct session_spawn *sp)
{
	const char *base = strrchr(sp->shell, '/');
	char argv0[256];

	base = base ? base + 1 : sp->shell;
	if (sp->command) {
		execl(sp->shell, base, "-c", sp->command, (char *)NULL);
	} else {
		snprintf(argv0, sizeof(argv0), "-%s", base);
		execl(sp->shell, argv0, (char *)NULL);
	}
	child_say("shrewd: cannot run ", sp->shell);
	_exit(127);
}

static void child(const struct session_spawn *sp, const int p[6], int sync)
{
	child_signals();
	if (child_stdio(sp, p) < 0)
		_exit(126);
	close(sync); /* the session and group exist: the parent goes on */
	child_close_from(3);
	child_env(sp);
	if (chdir(sp->home) < 0) {
		child_say("shrewd: no home directory, using / instead of ", sp->home);
		if (chdir("/") < 0)
			_exit(126);
	}
	if (sp->motd)
		child_motd(sp);
	child_exec(sp);
}

static void close_pipes(int *p, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (p[i] >= 0)
			close(p[i]);
}

/* Waits until the child has its own session and process group (it
 * closes its end of the pipe then, or dies), so that a signal request
 * right after the exec reply reaches the group.  Not until exec: the
 * motd written before exec could fill a pty nobody reads yet. */
static void wait_exec(int sync[2])
{
	char c;

	close(sync[1]);
	while (read(sync[0], &c, 1) < 0 && errno == EINTR)
		;
	close(sync[0]);
}

pid_t svr_session_spawn(const struct session_spawn *sp, int fds[3])
{
	int p[6] = {-1, -1, -1, -1, -1, -1}, sync[2] = {-1, -1}, saved;
	pid_t pid;

	fds[0] = fds[1] = fds[2] = -1;
	if (pipe2(sync, O_CLOEXEC) < 0 ||
	    (sp->pty_slave < 0 && (pipe2(p, O_CLOEXEC) < 0 || pipe2(p + 2, O_CLOEXEC) < 0 ||
	                           pipe2(p + 4, O_CLOEXEC) < 0))) {
		saved = errno;
		close_pipes(p, 6);
		close_pipes(sync, 2);
		errno = saved;
		return -1;
	}
	pid = fork();
	if (pid == 0)
		child(sp, p, sync[1]);
	saved = errno;
	if (pid < 0) {
		close_pipes(p, 6);
		close_pipes(sync, 2);
		errno = saved;
		return -1;
	}
	wait_exec(sync);
	if (sp->pty_slave < 0) {
		fds[0] = p[1];
		fds[1] = p[2];
		fds[2] = p[4];
		close(p[0]);
		close(p[3]);
		close(p[5]);
	}
	return pid;
}
