/*
 * svr-listen.h - shrewd's listener: binds the -p addresses, daemonizes,
 * accepts connections and forks one child per connection, which runs the
 * connection handler the caller gives.
 *
 * The parent counts unauthenticated children, per source address and in
 * all, through one pipe per child: the child closes its end when the user
 * has authenticated (svr_listen_child_authenticated()), or by exiting.
 * Connections over SHREW_MAX_UNAUTH_PER_IP / SHREW_MAX_UNAUTH_TOTAL are
 * closed at once and logged.
 *
 * Signals in the listener: SIGCHLD reaps children; SIGTERM and SIGINT end
 * the listener cleanly (pid file removed, exit status 0; connections in
 * progress go on); SIGHUP is logged and ignored: the configuration is the
 * command line, so there is nothing to reload.  (Dropbear 2022.83 has no
 * SIGHUP handler and dies of it, leaving its pid file; it also leaves the
 * pid file after SIGTERM, exiting with status 1.)  SIGPIPE is ignored; connection
 * children get the default dispositions of the others.
 */
#ifndef SHREW_SVR_LISTEN_H
#define SHREW_SVR_LISTEN_H

#include <stddef.h>
#include <sys/socket.h>

#include "svr-opts.h"

/* Serves one connection on fd (a connected socket, owned by the handler's
 * process) from peer; ctx is the caller's.  Runs in the child; its return
 * value is the child's exit status. */
typedef int (*svr_listen_handler)(int fd, const struct sockaddr_storage *peer, void *ctx);

/* Runs the server as the options say, and returns the process exit status
 * (0 after SIGTERM/SIGINT, 1 when nothing could be bound or the daemon
 * could not start).  Without -i: binds every o->listen address (host ""
 * = all IPv4 and IPv6 addresses; sockets are nonblocking, close-on-exec,
 * SO_REUSEADDR, IPV6_V6ONLY for IPv6, bound to o->iface if -l), logging
 * each failure and going on while at least one is bound; then unless
 * o->foreground detaches (fork, setsid, fork, chdir /, stdin/stdout/stderr
 * to /dev/null, stderr kept with -E); writes o->pidfile (a failure is only
 * logged) and accepts until SIGTERM/SIGINT.  With -i (o->inetd): runs
 * handle on fd 0 in this process and returns its value.  Logs through
 * log_msg(), which the caller has opened. */
int svr_listen_run(const struct svr_opts *o, svr_listen_handler handle, void *ctx);

/* Called by a connection child once the user has authenticated: closes
 * the child's end of its pipe, so the listener stops counting it against
 * the unauthenticated limits.  Safe to call more than once, and in -i
 * mode (does nothing). */
void svr_listen_child_authenticated(void);

/* Formats a socket address as "1.2.3.4:22" or "[::1]:22" into buf (cut to
 * cap, always NUL-terminated); "?" for another family.  Returns buf. */
char *svr_listen_addr_str(const struct sockaddr_storage *sa, char *buf, size_t cap);

#endif
