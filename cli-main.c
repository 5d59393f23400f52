/*
 * cli-main.c - shrew, the client applet (also answers to "dbclient"):
 * parses the command line (cli-opts.c), finds the local user, reaches the
 * server - over TCP, through a ProxyCommand, or through the earlier hops
 * of "-J a,b" / "a,b,c" by running ourselves as "-B host:port" netcat
 * (cli-proxy.c: argv, never a shell) - and runs the connection
 * (cli-conn.c).  The exit status is the remote command's, or 255.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "options.h"
#include "applets.h"
#include "cli.h"
#include "cli-conn.h"
#include "cli-opts.h"
#include "cli-proxy.h"
#include "cli-session.h"
#include "common-applet.h"
#include "common-err.h"
#include "common-log.h"
#include "common-sess.h"
#include "crypto-ltc.h"

#define MAX_PROXY_ARGS 64

static int usage_error(const char *err)
{
	fprintf(stderr, "shrew: %s\nTry 'shrew -h' for more information.\n", err);
	return CLI_EXIT_CONN;
}

/* Our login name and home directory (for ~/.ssh), from the password
 * database as OpenSSH's ssh takes them; $HOME only without an entry. */
static void local_identity(struct cli *c)
{
	const struct passwd *pw = getpwuid(getuid());
	const char *home = getenv("HOME");

	c->local_user = pw && pw->pw_name ? pw->pw_name : "root";
	c->home = pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : home ? home : "/";
}

/* The path of our own binary, to run the inner hops with (cli-proxy.c
 * adds the applet name when the file's name is not one of the client's). */
static const char *self_path(char *buf, size_t cap)
{
	ssize_t n = readlink("/proc/self/exe", buf, cap - 1);

	if (n > 0) {
		buf[n] = '\0';
		return buf;
	}
	return "/proc/self/exe";
}

static int spawn_hops(const struct cli_opts *o, int *fd, pid_t *pid)
{
	char self[PATH_MAX];
	char *args[MAX_PROXY_ARGS];
	static char buf[8192];
	int rc;

	rc = cli_proxy_hop_argv(o, self_path(self, sizeof(self)), args, MAX_PROXY_ARGS, buf,
	                        sizeof(buf));
	if (rc != E_OK)
		return rc;
	if (o->verbose) {
		int i;
		fprintf(stderr, "shrew: reaching %s through:", o->hops[o->n_hops - 1].host);
		for (i = 0; args[i]; i++)
			fprintf(stderr, " %s", args[i]);
		fputc('\n', stderr);
	}
	return cli_proxy_spawn_argv(args, fd, pid);
}

static int spawn_proxy_command(const struct cli *c, int *fd, pid_t *pid)
{
	static char cmd[4096];
	int rc =
	    cli_proxy_expand(c->opts->proxy_command, c->host, c->port, c->user, cmd, sizeof(cmd));

	if (rc != E_OK)
		return rc;
	log_msg(LOG_INFO, "Executing proxy command: %s", cmd);
	return cli_proxy_spawn_shell(cmd, fd, pid);
}

/* Reaches the last hop; E_OK with *fd (and *pid for a proxy process). */
static int reach(struct cli *c, int *fd, pid_t *pid)
{
	const struct cli_opts *o = c->opts;
	char err[256];
	int rc;

	*pid = -1;
	if (o->proxy_command) {
		rc = spawn_proxy_command(c, fd, pid);
		if (rc != E_OK)
			log_msg(LOG_ERR, "cannot run the proxy command: %s",
			        rc == E_IO ? strerror(errno) : err_str(rc));
		return rc;
	}
	if (o->n_hops > 1) {
		rc = spawn_hops(o, fd, pid);
		if (rc != E_OK)
			log_msg(LOG_ERR, "cannot start the connection through the jump hosts: %s",
			        rc == E_IO ? strerror(errno) : err_str(rc));
		return rc;
	}
	rc = cli_connect_tcp(o, c->host, c->port, fd, err, sizeof(err));
	if (rc != E_OK)
		log_msg(LOG_ERR, "%s", err);
	return rc;
}

/* The proxy gets EOF when we close our end; give it a moment, then HUP. */
static void reap_proxy(pid_t pid)
{
	int i, st;

	if (pid <= 0)
		return;
	for (i = 0; i < 50; i++) {
		if (waitpid(pid, &st, WNOHANG) != 0)
			return;
		usleep(20000);
	}
	kill(pid, SIGHUP);
	waitpid(pid, &st, 0);
}

static int run(struct cli_opts *o)
{
	struct cli c;
	struct sess s;
	char err[256];
	int fd, code, last;
	pid_t pid;

	memset(&c, 0, sizeof(c));
	if (crypto_init() != E_OK) {
		log_msg(LOG_ERR, "crypto initialisation failed");
		return CLI_EXIT_CONN;
	}
	local_identity(&c);
	if (cli_opts_finish(o, c.home, c.local_user, err, sizeof(err)) != 0)
		return usage_error(err);
	last = o->n_hops - 1;
	c.opts = o;
	c.host = o->hops[last].host;
	c.port = cli_hop_port(o, last);
	c.user = cli_hop_user(o, last, c.local_user);
	c.fd_stdin = o->stdin_null ? open("/dev/null", O_RDONLY | O_CLOEXEC) : 0;
	c.fd_stdout = 1;
	c.fd_stderr = 2;
	if (c.fd_stdin < 0) {
		log_msg(LOG_ERR, "/dev/null: %s", strerror(errno));
		return CLI_EXIT_CONN;
	}
	if (reach(&c, &fd, &pid) != E_OK)
		return CLI_EXIT_CONN;
	if (cli_conn_init(&s, &c, fd) != E_OK) {
		log_msg(LOG_ERR, "out of memory");
		close(fd);
		reap_proxy(pid);
		return CLI_EXIT_CONN;
	}
	code = cli_conn_run(&s);
	cli_conn_free(&s);
	reap_proxy(pid);
	return code;
}

int shrew_main(int argc, char **argv)
{
	struct cli_opts o;
	char err[256];
	int rc = applet_common_flags(argc, argv, "shrew", cli_usage);

	if (rc >= 0)
		return rc;
	cli_opts_init(&o);
	rc = cli_opts_parse(&o, argc, argv, err, sizeof(err));
	if (rc != 0) {
		cli_opts_free(&o);
		if (rc > 0) { /* -h or -V after other flags */
			if (o.print == 'V')
				printf("shrew %s\n", SHREW_VERSION);
			else
				fputs(cli_usage, stdout);
			return 0;
		}
		return usage_error(err);
	}
	log_open_client(applet_basename(argv[0]), o.quiet ? -1 : o.verbose);
	rc = run(&o);
	cli_opts_free(&o);
	cli_tty_restore();
	return rc;
}
