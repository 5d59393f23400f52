/*
 * scp.c - the scp applet: copies files over SSH with the classic rcp
 * protocol (as OpenSSH's `scp -O` and Dropbear's scp speak it).
 *
 * As a client it runs the SSH client (our own binary as "shrew", or -S
 * PROGRAM) with the remote command "scp -t ..." (upload) or "scp -f ..."
 * (download) and speaks the source or sink side over its stdin/stdout;
 * remote to remote goes through this host (two clients, one's output into
 * the other's input, like OpenSSH's -3).  As "scp -t" / "scp -f" (started
 * by an SSH server) it is the far end.  The protocol: scp-proto.h.
 */
#include "options.h"

#include <stdio.h>

#include "applets.h"
#include "common-applet.h"

#if SHREW_SCP

#include <errno.h>
#include <glob.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scp.h"

static const char usage[] =
    "Usage: scp [-346BCpqrTv] [-c cipher] [-i identity] [-J destination]\n"
    "           [-l limit] [-o ssh_option] [-P port] [-S program] source ... target\n"
    "\n"
    "Copies files between hosts over SSH with the rcp protocol (scp -O).\n"
    "A source or target is a local path, [user@]host:path, [user@][IPv6]:path\n"
    "or scp://[user@]host[:port][/path].  A ':' before any '/' makes a name\n"
    "remote (write ./a:b for a local file \"a:b\").  An empty remote path is\n"
    "the home directory; a remote path is quoted for the remote shell, except\n"
    "a leading ~ or ~user.  With several sources the target is a directory.\n"
    "Remote to remote copies go through this host (as OpenSSH's -3).\n"
    "\n"
    "  -3           copy between two remote hosts through this host (always so)\n"
    "  -4, -6       IPv4 / IPv6 only (passed to the client)\n"
    "  -B           batch mode: never ask for passwords (-oBatchMode=yes)\n"
    "  -C           compression (passed to the client)\n"
    "  -c cipher    cipher for the connection (passed to the client)\n"
    "  -i identity  private key file (passed to the client)\n"
    "  -J dest      connect through the jump host dest (passed to the client)\n"
    "  -l limit     bandwidth limit in Kbit/s\n"
    "  -o option    an ssh_config style option (passed to the client)\n"
    "  -P port      port to connect to on the remote host\n"
    "  -p           preserve modification times, access times and modes\n"
    "  -q           quiet: no progress meter, no client warnings\n"
    "  -r           copy directories recursively\n"
    "  -S program   the SSH client to run (default: this binary's shrew client)\n"
    "  -T           no strict filename checks on downloads: the remote side may\n"
    "               then send names other than the ones asked for (dangerous:\n"
    "               a malicious server could overwrite other files in target)\n"
    "  -v           verbose: passed to the client; the commands run are shown\n"
    "  -V           print the version and exit\n"
    "  -h           show this help\n"
    "\n"
    "Exit status: 0 when every file was copied, 1 otherwise.\n";

struct scp_run {
	struct scp_client cl;
	const char *port; /* -P */
	int recursive, preserve, quiet, verbose, no_strict;
	uint64_t limit_kbit;
	/* far-end modes */
	int sink, source, dir_target;
};

static int usage_error(const char *msg)
{
	if (msg)
		fprintf(stderr, "scp: %s\n", msg);
	fputs(usage, stderr);
	return 1;
}

static int pass(struct scp_run *r, const char *a, const char *b)
{
	if (scp_client_arg(&r->cl, a) < 0 || (b && scp_client_arg(&r->cl, b) < 0))
		return usage_error("too many options");
	return 0;
}

/* One option letter; returns 0, or the exit status of a usage error. */
static int option(struct scp_run *r, int c, const char *arg)
{
	static const char *const flag[] = {['4'] = "-4", ['6'] = "-6", ['C'] = "-C"};
	char *end;
	long port;

	switch (c) {
	case '4':
	case '6':
	case 'C': return pass(r, flag[c], NULL);
	case 'c':
	case 'i':
	case 'J':
	case 'o': return pass(r, c == 'c' ? "-c" : c == 'i' ? "-i" : c == 'J' ? "-J" : "-o", arg);
	case 'B': return pass(r, "-oBatchMode=yes", NULL);
	case 'l':
		errno = 0;
		r->limit_kbit = strtoull(arg, &end, 10);
		return (errno || *end || !r->limit_kbit || arg[0] == '-')
		           ? usage_error("bad -l limit")
		           : 0;
	case 'P':
		r->port = arg;
		errno = 0;
		port = strtol(arg, &end, 10);
		return (errno || *end || port < 1 || port > 65535) ? usage_error("bad -P port") : 0;
	case 'S': r->cl.program = arg; return 0;
	case 'p': r->preserve = 1; return 0;
	case 'q': r->quiet = 1; return pass(r, "-q", NULL);
	case 'r': r->recursive = 1; return 0;
	case 'T': r->no_strict = 1; return 0;
	case 'v': r->verbose = r->cl.verbose = 1; return pass(r, "-v", NULL);
	case '3': return 0;
	case 't': r->sink = 1; return 0;
	case 'f': r->source = 1; return 0;
	case 'd': r->dir_target = 1; return 0;
	default: return usage_error(NULL);
	}
}

static void io_setup(const struct scp_run *r, struct scp_io *io, int in, int out, int remote)
{
	scp_io_init(io, in, out);
	io->remote = remote;
	io->recursive = r->recursive;
	io->preserve = r->preserve;
	io->verbose = r->verbose;
	io->quiet = r->quiet;
	io->limit_kbit = r->limit_kbit;
	io->progress = !remote && !r->quiet && isatty(STDOUT_FILENO);
}

/* ---- The far end: scp -t / scp -f ------------------------------------- */

static int far_sink(const struct scp_run *r, int argc, char **argv)
{
	struct scp_io io;

	if (argc != 1)
		return usage_error("-t takes one target");
	io_setup(r, &io, STDIN_FILENO, STDOUT_FILENO, 1);
	if (scp_sink_target(&io, argv[0], r->dir_target) < 0 || io.errors)
		return 1;
	return 0;
}

/* The paths of scp -f: those with glob characters that do not exist as
 * they are are expanded (the client quoted them for the shell). */
static int far_source(const struct scp_run *r, int argc, char **argv)
{
	struct scp_io io;
	struct stat st;
	int i, rc = 0;

	io_setup(r, &io, STDIN_FILENO, STDOUT_FILENO, 1);
	if (scp_io_reply(&io) != 0)
		return 1;
	for (i = 0; i < argc && rc == 0; i++) {
		glob_t g;
		if (strpbrk(argv[i], "*?[") && lstat(argv[i], &st) < 0 &&
		    glob(argv[i], 0, NULL, &g) == 0) {
			rc = scp_source(&io, g.gl_pathv, (int)g.gl_pathc);
			globfree(&g);
		} else {
			rc = scp_source(&io, &argv[i], 1);
		}
	}
	return rc < 0 || io.errors ? 1 : 0;
}

/* ---- The client side ---------------------------------------------------- */

static unsigned spec_port(const struct scp_run *r, const struct scp_spec *sp)
{
	return sp->port ? sp->port : r->port ? (unsigned)strtoul(r->port, NULL, 10) : 0;
}

static const char *remote_path(const struct scp_spec *sp)
{
	return sp->path[0] ? sp->path : ".";
}

/* Runs cmd on sp's host; *pid, *to, *from set.  Returns 0 or -1. */
static int open_remote(const struct scp_run *r, const struct scp_spec *sp, const char *cmd,
                       pid_t *pid, int *to, int *from)
{
	*pid =
	    scp_client_spawn(&r->cl, sp->user, sp->host, spec_port(r, sp), cmd, -1, -1, to, from);
	return *pid < 0 ? -1 : 0;
}

/* Local files to the remote target. */
static int upload(const struct scp_run *r, const struct scp_spec *tgt, char **paths, int n,
                  int several)
{
	char cmd[SCP_MAX_LINE * 2];
	struct scp_io io;
	int to, from, rc;
	pid_t pid;

	if (scp_remote_cmd(cmd, sizeof(cmd), 1, r->recursive, r->preserve, several,
	                   remote_path(tgt)) < 0 ||
	    open_remote(r, tgt, cmd, &pid, &to, &from) < 0)
		return 1;
	io_setup(r, &io, from, to, 0);
	rc = scp_io_reply(&io) == 0 ? scp_source(&io, paths, n) : -1;
	close(to);
	close(from);
	rc = (rc < 0 || io.errors) ? 1 : 0;
	return scp_client_wait(pid) ? 1 : rc;
}

/* One remote source into the local target. */
static int download(const struct scp_run *r, const struct scp_spec *src, const char *target,
                    int several)
{
	char cmd[SCP_MAX_LINE * 2];
	struct scp_io io;
	int to, from, rc;
	pid_t pid;

	if (scp_remote_cmd(cmd, sizeof(cmd), 0, r->recursive, r->preserve, 0, remote_path(src)) <
	        0 ||
	    open_remote(r, src, cmd, &pid, &to, &from) < 0)
		return 1;
	io_setup(r, &io, from, to, 0);
	io.requested = r->no_strict ? NULL : remote_path(src);
	rc = scp_sink_target(&io, target, several);
	close(to);
	close(from);
	rc = (rc < 0 || io.errors) ? 1 : 0;
	return scp_client_wait(pid) ? 1 : rc;
}

/* One remote source to the remote target, through this host: the
 * source's output is the sink's input and the other way round. */
static int remote_to_remote(const struct scp_run *r, const struct scp_spec *src,
                            const struct scp_spec *tgt, int several)
{
	char cmd_f[SCP_MAX_LINE * 2], cmd_t[SCP_MAX_LINE * 2];
	int to, from, rc;
	pid_t a, b;

	if (scp_remote_cmd(cmd_f, sizeof(cmd_f), 0, r->recursive, r->preserve, 0,
	                   remote_path(src)) < 0 ||
	    scp_remote_cmd(cmd_t, sizeof(cmd_t), 1, r->recursive, r->preserve, several,
	                   remote_path(tgt)) < 0 ||
	    open_remote(r, src, cmd_f, &a, &to, &from) < 0)
		return 1;
	b = scp_client_spawn(&r->cl, tgt->user, tgt->host, spec_port(r, tgt), cmd_t, from, to, NULL,
	                     NULL);
	close(to);
	close(from);
	rc = scp_client_wait(a);
	if (b < 0)
		return 1;
	return scp_client_wait(b) ? 1 : rc;
}

/* Local to local: cp, as OpenSSH does. */
static int local_copy(const struct scp_run *r, char **paths, int n, const char *target)
{
	const char **argv = calloc((size_t)n + 6, sizeof(*argv));
	int k = 0, i, rc;
	pid_t pid;

	if (!argv)
		return 1;
	argv[k++] = "cp";
	if (r->recursive)
		argv[k++] = "-r";
	if (r->preserve)
		argv[k++] = "-p";
	argv[k++] = "--";
	for (i = 0; i < n; i++)
		argv[k++] = paths[i];
	argv[k++] = target;
	argv[k] = NULL;
	pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		execvp("cp", (char *const *)argv);
		fprintf(stderr, "scp: cannot run cp: %s\n", strerror(errno));
		_exit(1);
	}
	rc = pid < 0 ? 1 : scp_client_wait(pid);
	free(argv);
	return rc;
}

static int client(const struct scp_run *r, int argc, char **argv)
{
	struct scp_spec tgt, src;
	const char *err;
	char **locals;
	int i, n_local = 0, rc = 0, several = argc > 2;

	if (argc < 2)
		return usage_error("need a source and a target");
	if (scp_parse_spec(argv[argc - 1], &tgt, &err) < 0) {
		fprintf(stderr, "scp: %s: %s\n", argv[argc - 1], err);
		return 1;
	}
	locals = calloc((size_t)argc, sizeof(*locals));
	if (!locals)
		return 1;
	for (i = 0; i < argc - 1; i++) {
		if (scp_parse_spec(argv[i], &src, &err) < 0) {
			fprintf(stderr, "scp: %s: %s\n", argv[i], err);
			rc = 1;
		} else if (!src.remote) {
			locals[n_local++] = argv[i];
		} else if (tgt.remote) {
			rc |= remote_to_remote(r, &src, &tgt, several);
		} else {
			rc |= download(r, &src, tgt.path, several);
		}
	}
	if (n_local)
		rc |= tgt.remote ? upload(r, &tgt, locals, n_local, several)
		                 : local_copy(r, locals, n_local, tgt.path);
	free(locals);
	return rc;
}

#endif /* SHREW_SCP */

int scp_main(int argc, char **argv)
{
#if SHREW_SCP
	struct scp_run r;
	int c, rc;

	rc = applet_common_flags(argc, argv, "scp", usage);
	if (rc >= 0)
		return rc;
	memset(&r, 0, sizeof(r));
	signal(SIGPIPE, SIG_IGN);
	while ((c = getopt(argc, argv, "+346BCpqrTvc:i:J:l:o:P:S:tfd")) != -1)
		if ((rc = option(&r, c, optarg)) != 0)
			return rc;
	argc -= optind;
	argv += optind;
	if (r.sink && r.source)
		return usage_error("-t and -f together");
	if (r.sink)
		return far_sink(&r, argc, argv);
	if (r.source)
		return far_source(&r, argc, argv);
	return client(&r, argc, argv);
#else
	return applet_common_flags(argc, argv, "scp", "scp: not in this build\n") >= 0
	           ? 0
	           : applet_not_yet("scp");
#endif
}
