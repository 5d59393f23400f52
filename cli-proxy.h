/*
 * cli-proxy.h - reaching a host through something else: an inner shrew
 * for the earlier hops of a multihop destination (dbclient's "a,b,c",
 * OpenSSH's -J), or a ProxyCommand.
 *
 * No host string ever goes through a shell here (Dropbear's
 * CVE-2025-47203 was multihop host names pasted into a shell command):
 * inner hops get an argv vector for execv(), and a ProxyCommand's %h/%p/%r
 * values are single-quoted besides having been checked by cli_host_ok() /
 * cli_user_ok() when they were parsed.
 */
#ifndef SHREW_CLI_PROXY_H
#define SHREW_CLI_PROXY_H

#include <stddef.h>
#include <sys/types.h>

#include "cli-opts.h"

/*
 * Builds the argv (NULL-terminated, at most argv_cap entries with the
 * NULL) that reaches the last hop o->hops[o->n_hops - 1] through the
 * earlier ones, for cli_proxy_spawn_argv(): self run as the client applet,
 * with what must hold on every hop (-i for each identity given, unless
 * they are the defaults; StrictHostKeyChecking, UserKnownHostsFile,
 * BatchMode, -q, -v, ConnectTimeout, ServerAliveInterval/CountMax, the
 * -c/-m/-o algorithm lists as given, -4/-6, -b, -z, -W, the
 * authentication method options, ProxyCommand), then "-B host:port" of
 * the last hop (IPv6 in brackets), "--", and the earlier hops as one
 * destination "user@host/port,user@host/port" with the user (when known:
 * o->local_user after cli_opts_finish) and the port explicit on each.
 * No command.
 *
 * self is the path to execute, e.g. "/proc/self/exe".  The multi-call
 * binary picks the applet by the basename of argv[0]: when that basename
 * is a client name ("shrew", "dbclient", "ssh") argv[0] is self; when it
 * names no applet, argv is {self, "shrew", ...} (the "shrewmulti shrew"
 * form); a basename naming another applet (e.g. "scp") is E_ARG.
 *
 * Every string lives in buf (buf_cap bytes).  Returns E_OK, E_TOOBIG when
 * argv or buf is too small, E_ARG when there are fewer than 2 hops.
 */
int cli_proxy_hop_argv(const struct cli_opts *o, const char *self, char **argv, size_t argv_cap,
                       char *buf, size_t buf_cap);

/*
 * ProxyCommand expansion of tmpl into out (cap bytes, NUL-terminated):
 * %h host, %p port, %r user (user NULL: empty), %n the host as given
 * (the same as %h here: HostName has already been applied), %% a '%'.
 * Each substituted value is single-quoted for /bin/sh ("'" inside becomes
 * '\''), so it is one word whatever it holds.  Returns E_OK, E_FORMAT for
 * an unknown %x or a '%' at the end, E_TOOBIG when out is too small.
 * Pure.
 */
int cli_proxy_expand(const char *tmpl, const char *host, unsigned port, const char *user, char *out,
                     size_t cap);

/*
 * Start a child with one end of a socketpair(AF_UNIX, SOCK_STREAM) as its
 * stdin and stdout (stderr inherited); our end goes to *fd (close-on-exec)
 * and the child's pid to *pid.  The caller reaps the child (waitpid).
 * cli_proxy_spawn_argv runs execv(argv[0], argv) (no PATH search, no
 * shell); cli_proxy_spawn_shell runs "/bin/sh -c cmd", as OpenSSH runs a
 * ProxyCommand.  E_IO (errno set) when the socketpair or fork fails; a
 * failed exec shows as the child exiting with status 127.
 */
int cli_proxy_spawn_argv(char *const argv[], int *fd, pid_t *pid);
int cli_proxy_spawn_shell(const char *cmd, int *fd, pid_t *pid);

#endif
