/*
 * svr-conn.h - one server connection: the select() loop around the
 * sans-I/O transport, and the dispatch of upper-layer messages.
 */
#ifndef SHREW_SVR_CONN_H
#define SHREW_SVR_CONN_H

#include <sys/socket.h>

#include "common-transport.h"
#include "svr-opts.h"

/* What every connection of a listener shares. */
struct svr_ctx {
	const struct svr_opts *opts;
	const struct hostkeys *hostkeys;
};

/* Serves one connection on fd until it ends (svr_listen_handler
 * signature; ctx is a struct svr_ctx).  Returns the exit status for the
 * child: 0 after a clean close, 1 after an error. */
int svr_conn_run(int fd, const struct sockaddr_storage *peer, void *ctx);

#endif
