/*
 * scp-spawn.c - starting the SSH client for the scp applet: our own
 * binary as "shrew" (readlink /proc/self/exe; "shrew" on PATH if that is
 * unreadable) or the -S program, with an argv (never a shell), the remote
 * command as one argument, and its stdin/stdout on pipes.
 */
#include "options.h"

#if SHREW_SCP

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scp.h"

/* Highest argv the client gets. */
#define SPAWN_MAX_ARGV 96

int scp_client_arg(struct scp_client *cl, const char *arg)
{
	if (cl->n_args >= (int)(sizeof(cl->args) / sizeof(cl->args[0])))
		return -1;
	cl->args[cl->n_args++] = arg;
	return 0;
}

int scp_client_argv(const struct scp_client *cl, const char *self, const char *user,
                    const char *host, const char *port, const char *cmd, const char **argv, int cap)
{
	/* What both OpenSSH's ssh and ours take: no X11, no agent, no pty. */
	static const char *const fixed[] = {"-x", "-T", "-oForwardAgent=no"};
	int n = 0, i;

	(void)self;
	if (cap < cl->n_args + 12 || !scp_host_ok(host) || (user[0] && !scp_user_ok(user)))
		return -1;
	argv[n++] = cl->program ? cl->program : "shrew";
	for (i = 0; i < cl->n_args; i++)
		argv[n++] = cl->args[i];
	for (i = 0; i < (int)(sizeof(fixed) / sizeof(fixed[0])); i++)
		argv[n++] = fixed[i];
	if (port && port[0]) {
		argv[n++] = "-p";
		argv[n++] = port;
	}
	if (user[0]) {
		argv[n++] = "-l";
		argv[n++] = user;
	}
	argv[n++] = host;
	argv[n++] = cmd;
	argv[n] = NULL;
	return n;
}

static void show(const char *const *argv)
{
	int i;

	fprintf(stderr, "Executing:");
	for (i = 0; argv[i]; i++)
		fprintf(stderr, " %s", argv[i]);
	fprintf(stderr, "\n");
}

/* In the child: the fds in place, then exec; never returns. */
static void child_exec(const struct scp_client *cl, const char *self, const char **argv, int in,
                       int out)
{
	signal(SIGPIPE, SIG_DFL);
	if ((in != STDIN_FILENO && dup2(in, STDIN_FILENO) < 0) ||
	    (out != STDOUT_FILENO && dup2(out, STDOUT_FILENO) < 0))
		_exit(255);
	if (in > STDERR_FILENO)
		close(in);
	if (out > STDERR_FILENO && out != in)
		close(out);
	if (cl->program)
		execvp(cl->program, (char *const *)argv);
	else if (self)
		execv(self, (char *const *)argv);
	if (!cl->program)
		execvp("shrew", (char *const *)argv);
	fprintf(stderr, "scp: cannot run %s: %s\n", cl->program ? cl->program : "shrew",
	        strerror(errno));
	_exit(255);
}

pid_t scp_client_spawn(const struct scp_client *cl, const char *user, const char *host,
                       unsigned port, const char *cmd, int fd_in, int fd_out, int *to_peer,
                       int *from_peer)
{
	const char *argv[SPAWN_MAX_ARGV];
	char self[PATH_MAX], portstr[16];
	int p_in[2] = {-1, -1}, p_out[2] = {-1, -1};
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	pid_t pid;

	if (n > 0)
		self[n] = '\0';
	snprintf(portstr, sizeof(portstr), "%u", port);
	if (scp_client_argv(cl, n > 0 ? self : NULL, user, host, port ? portstr : NULL, cmd, argv,
	                    SPAWN_MAX_ARGV) < 0) {
		fprintf(stderr, "scp: invalid host or user name\n");
		return -1;
	}
	if (cl->verbose)
		show(argv);
	if (fd_in < 0 && (pipe2(p_in, O_CLOEXEC) < 0 || pipe2(p_out, O_CLOEXEC) < 0)) {
		fprintf(stderr, "scp: pipe: %s\n", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "scp: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0)
		child_exec(cl, n > 0 ? self : NULL, argv, fd_in >= 0 ? fd_in : p_in[0],
		           fd_out >= 0 ? fd_out : p_out[1]);
	if (fd_in < 0) {
		close(p_in[0]);
		close(p_out[1]);
		*to_peer = p_in[1];
		*from_peer = p_out[0];
	}
	return pid;
}

int scp_client_wait(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1;
}

#endif /* SHREW_SCP */
