/*
 * cli-conn.h - one client connection: reaching the server (TCP, or a
 * proxy's socket), and the select() loop around the sans-I/O transport
 * that hands upper-layer messages to userauth (cli-auth.c) and, once
 * authenticated, to the channels (cli-session.c).
 */
#ifndef SHREW_CLI_CONN_H
#define SHREW_CLI_CONN_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

struct sess;

/* Connects to host:port over TCP (every address the name resolves to, in
 * order; o->connect_timeout bounds each attempt; o->bind_addr/bind_port
 * binds first).  Returns E_OK with *fd (blocking off, TCP_NODELAY set), or
 * an error with a one-line message in err. */
int cli_connect_tcp(const struct cli_opts *o, const char *host, unsigned port, int *fd, char *err,
                    size_t errcap);

/* Sets up s for a connection on fd with client state c: the transport
 * (our identification, KEXINIT, the host key check) and the queued
 * SERVICE_REQUEST "ssh-userauth".  Returns E_OK or E_NOMEM. */
int cli_conn_init(struct sess *s, struct cli *c, int fd);

/* Feeds n bytes from the server into the transport and dispatches every
 * complete message (sans I/O: the fuzzer calls this).  Returns E_OK to go
 * on, or an error once the connection must end (s->closing set). */
int cli_conn_input(struct sess *s, const uint8_t *buf, size_t n);

/* Runs the connection to its end and returns the exit code (the remote
 * command's status, or CLI_EXIT_CONN with a one-line message on stderr). */
int cli_conn_run(struct sess *s);

/* Releases what cli_conn_init and the layers above allocated; closes the
 * fd. */
void cli_conn_free(struct sess *s);

#endif
