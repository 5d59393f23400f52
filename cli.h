/*
 * cli.h - the client's per-connection state, shared by the cli-*.c files
 * (struct sess has a pointer to it; the server leaves it NULL).
 *
 * Flow (cli-conn.c): connect -> transport (kex, host key check in
 * cli-hostkey.c) -> SERVICE_REQUEST ssh-userauth -> cli-auth*.c ->
 * cli-session.c (session or direct-tcpip channel) -> exit code.
 */
#ifndef SHREW_CLI_H
#define SHREW_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "cli-opts.h"

struct sess;
struct cli_auth;    /* cli-auth.c */
struct cli_session; /* cli-session.c */

/* Exit status when the connection is lost or fails (OpenSSH's 255). */
#define CLI_EXIT_CONN 255

struct cli {
	const struct cli_opts *opts;
	const char *host; /* the host this connection logs in to (hop) */
	unsigned port;
	const char *user;            /* the remote user name */
	const char *local_user;      /* our login name */
	const char *home;            /* our home directory (for ~/.ssh) */
	struct cli_auth *auth;       /* userauth state, cli-auth.c */
	struct cli_session *session; /* channels, cli-session.c */
	unsigned server_sig_algs;    /* EXT_INFO server-sig-algs: bits 1u << enum sig_alg */
	int ext_info_seen;           /* an EXT_INFO with server-sig-algs came */
	int exit_code;               /* what the applet returns (see cli-session.h) */
	int exit_code_set;           /* exit-status / exit-signal received */
	int reported;                /* why the connection ends was printed already */
	/* netcat mode and the nested hops: the channel's local ends */
	int fd_stdin, fd_stdout, fd_stderr;
};

#endif
