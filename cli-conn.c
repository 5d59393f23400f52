/*
 * cli-conn.c - one client connection: TCP connect, then a thin select()
 * loop that moves bytes between the socket and the sans-I/O transport and
 * dispatches upper-layer messages (a table by message range, as the
 * server's svr-conn.c): SERVICE_ACCEPT and userauth to cli-auth*.c,
 * EXT_INFO to cli_auth_ext_info, connection messages to the channel table
 * once authenticated.  Keepalives (-K / ServerAliveInterval), the idle
 * timeout (-I) and the maximum duration (-M) are common-timers.c's.
 *
 * Every way out ends in one exit code: the remote command's status, or
 * CLI_EXIT_CONN (255) with one line on stderr saying why.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "options.h"
#include "cli.h"
#include "cli-auth.h"
#include "cli-conn.h"
#include "cli-hostkey.h"
#include "cli-session.h"
#include "common-channel.h"
#include "common-err.h"
#include "common-log.h"
#include "common-sess.h"
#include "common-transport.h"

#define READ_CHUNK 16384
/* Stop reading our stdin while this much waits for the socket. */
#define BACKLOG_HIGH (512 * 1024)

/* ---- Connecting ------------------------------------------------------- */

/* Waits for a non-blocking connect; E_OK, or E_IO with errno. */
static int wait_connect(int fd, unsigned timeout)
{
	struct timeval tv = {(time_t)timeout, 0};
	fd_set w;
	int err = 0, n;
	socklen_t len = sizeof(err);

	FD_ZERO(&w);
	FD_SET(fd, &w);
	do
		n = select(fd + 1, NULL, &w, NULL, timeout ? &tv : NULL);
	while (n < 0 && errno == EINTR);
	if (n == 0) {
		errno = ETIMEDOUT;
		return E_IO;
	}
	if (n < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
		return E_IO;
	if (err) {
		errno = err;
		return E_IO;
	}
	return E_OK;
}

static int bind_local(int fd, const struct cli_opts *o, int family)
{
	struct addrinfo hints, *res = NULL;
	char port[8];
	int rc;

	if (!o->bind_addr && !o->bind_port)
		return E_OK;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(port, sizeof(port), "%u", o->bind_port);
	if (getaddrinfo(o->bind_addr, port, &hints, &res) != 0 || !res)
		return E_IO;
	rc = bind(fd, res->ai_addr, res->ai_addrlen) == 0 ? E_OK : E_IO;
	freeaddrinfo(res);
	return rc;
}

static int try_addr(const struct cli_opts *o, const struct addrinfo *ai, int *fd)
{
	int s = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
	int on = 1, tos = 0x48, e;

	if (s < 0)
		return E_IO;
	if (bind_local(s, o, ai->ai_family) != E_OK)
		goto fail;
	fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_NONBLOCK);
	if (connect(s, ai->ai_addr, ai->ai_addrlen) != 0 &&
	    (errno != EINPROGRESS || wait_connect(s, o->connect_timeout) != E_OK))
		goto fail;
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	if (!o->no_qos) /* AF21, as OpenSSH marks interactive traffic (-z: none) */
		setsockopt(s, ai->ai_family == AF_INET6 ? IPPROTO_IPV6 : IPPROTO_IP,
		           ai->ai_family == AF_INET6 ? IPV6_TCLASS : IP_TOS, &tos, sizeof(tos));
	*fd = s;
	return E_OK;
fail:
	e = errno;
	close(s);
	errno = e;
	return E_IO;
}

int cli_connect_tcp(const struct cli_opts *o, const char *host, unsigned port, int *fd, char *err,
                    size_t errcap)
{
	struct addrinfo hints, *res = NULL, *ai;
	char serv[8];
	int rc, e = ECONNREFUSED;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = o->address_family == 4   ? AF_INET
	                  : o->address_family == 6 ? AF_INET6
	                                           : AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	snprintf(serv, sizeof(serv), "%u", port);
	rc = getaddrinfo(host, serv, &hints, &res);
	if (rc != 0) {
		snprintf(err, errcap, "Could not resolve hostname %s: %s", host, gai_strerror(rc));
		return E_IO;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		if (try_addr(o, ai, fd) == E_OK) {
			freeaddrinfo(res);
			return E_OK;
		}
		e = errno;
	}
	freeaddrinfo(res);
	snprintf(err, errcap, "connect to host %s port %u: %s", host, port, strerror(e));
	return E_IO;
}

/* ---- Dispatch --------------------------------------------------------- */

typedef int (*msg_handler)(struct sess *s, struct view pl);

static int recv_service_accept(struct sess *s, struct view pl)
{
	(void)pl;
	if (s->cli->auth || s->authenticated) {
		sess_disconnect(s, SSH_DISCONNECT_PROTOCOL_ERROR, "unexpected SERVICE_ACCEPT");
		return E_FORMAT;
	}
	return cli_auth_start(s);
}

static int recv_ext_info(struct sess *s, struct view pl)
{
	return cli_auth_ext_info(s, pl.p, pl.len);
}

/* -f: the parent returns to the shell once logged in. */
static void go_background(struct sess *s)
{
	pid_t pid = fork();
	int null;

	if (pid < 0) {
		log_msg(LOG_WARNING, "cannot go to the background: %s", strerror(errno));
		return;
	}
	if (pid > 0)
		_exit(0);
	setsid();
	null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, s->cli->fd_stdin);
		if (null != s->cli->fd_stdin)
			close(null);
	}
}

static int recv_userauth(struct sess *s, struct view pl)
{
	int rc;

	if (s->authenticated)
		return E_OK; /* late auth messages are ignored */
	if (!s->cli->auth) {
		sess_disconnect(s, SSH_DISCONNECT_PROTOCOL_ERROR, "userauth message out of place");
		return E_FORMAT;
	}
	rc = cli_auth_handle(s, pl.p, pl.len);
	if (rc != E_OK) {
		if (rc == E_AUTH) {
			sess_disconnect(s, SSH_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
			                "no more authentication methods");
			s->cli->reported = 1; /* "Permission denied" was said */
		}
		s->closing = 1;
		return rc;
	}
	if (!s->authenticated)
		return E_OK;
	log_msg(LOG_INFO, "Authenticated to %s ([%s]:%u).", s->cli->host, s->peer_ip, s->peer_port);
	if (s->cli->opts->background)
		go_background(s);
	rc = cli_session_start(s);
	if (rc != E_OK) {
		sess_disconnect(s, SSH_DISCONNECT_BY_APPLICATION, "cannot start the session");
		return rc;
	}
	return E_OK;
}

static int recv_connection(struct sess *s, struct view pl)
{
	int rc;

	if (!s->authenticated || !s->chans) {
		sess_disconnect(s, SSH_DISCONNECT_PROTOCOL_ERROR, "connection message before auth");
		return E_FORMAT;
	}
	rc = chan_handle(s, pl.p, pl.len);
	if (rc != E_OK)
		s->closing = 1;
	return rc;
}

static msg_handler handler_for(uint8_t msg)
{
	if (msg == SSH_MSG_SERVICE_ACCEPT)
		return recv_service_accept;
	if (msg == SSH_MSG_EXT_INFO)
		return recv_ext_info;
	if (msg >= 50 && msg <= 79)
		return recv_userauth;
	if (msg >= 80 && msg <= 127)
		return recv_connection;
	return NULL;
}

static int dispatch(struct sess *s, struct view pl)
{
	msg_handler h = handler_for(pl.p[0]);

	if (s->session_id_len == 0 && s->tr->session_id_len > 0) {
		memcpy(s->session_id, s->tr->session_id, s->tr->session_id_len);
		s->session_id_len = s->tr->session_id_len;
	}
	return h ? h(s, pl) : tr_send_unimplemented(s->tr);
}

int cli_conn_input(struct sess *s, const uint8_t *buf, size_t n)
{
	size_t off = 0, used;
	struct view pl;
	time_t now = time(NULL);
	int rc = E_OK;

	clock_rx(&s->clock, now);
	while (off < n && !s->closing) {
		rc = tr_feed(s->tr, buf + off, n - off, &used);
		off += used;
		while (rc == E_OK && !s->closing && (rc = tr_next(s->tr, &pl)) == E_OK) {
			clock_msg(&s->clock, pl.p[0], now);
			dispatch(s, pl);
		}
		if (rc != E_SHORT && rc != E_OK) {
			if (s->tr->fail_why[0] && !s->close_why[0])
				snprintf(s->close_why, sizeof(s->close_why), "%s", s->tr->fail_why);
			s->closing = 1;
			return rc;
		}
		if (used == 0 && rc == E_SHORT)
			break; /* the transport takes no more until drained */
	}
	return s->closing ? E_IO : E_OK;
}

/* ---- The loop ------------------------------------------------------- */

static const uint8_t service_request[] = {SSH_MSG_SERVICE_REQUEST,
                                          0,
                                          0,
                                          0,
                                          12,
                                          's',
                                          's',
                                          'h',
                                          '-',
                                          'u',
                                          's',
                                          'e',
                                          'r',
                                          'a',
                                          'u',
                                          't',
                                          'h'};

int cli_conn_init(struct sess *s, struct cli *c, int fd)
{
	memset(s, 0, sizeof(*s));
	s->is_server = 0;
	s->fd = fd;
	s->cli = c;
	clock_start(&s->clock, time(NULL));
	s->tr = calloc(1, sizeof(*s->tr));
	if (!s->tr)
		return E_NOMEM;
	if (tr_init(s->tr, 0, NULL, &c->opts->algos) != E_OK) {
		free(s->tr);
		s->tr = NULL;
		return E_NOMEM;
	}
	tr_set_hostkey_check(s->tr, cli_hostkey_check, s);
	snprintf(s->peer_ip, sizeof(s->peer_ip), "%s", c->host);
	s->peer_port = c->port;
	/* held by the transport until the first NEWKEYS */
	return sess_send(s, service_request, sizeof(service_request));
}

static void peer_address(struct sess *s)
{
	struct sockaddr_storage sa;
	socklen_t len = sizeof(sa);
	const void *addr = NULL;

	if (getpeername(s->fd, (struct sockaddr *)&sa, &len) != 0)
		return;
	if (sa.ss_family == AF_INET)
		addr = &((struct sockaddr_in *)&sa)->sin_addr;
	else if (sa.ss_family == AF_INET6)
		addr = &((struct sockaddr_in6 *)&sa)->sin6_addr;
	if (addr)
		inet_ntop(sa.ss_family, addr, s->peer_ip, sizeof(s->peer_ip));
}

static int sock_read(struct sess *s)
{
	static uint8_t buf[READ_CHUNK];
	ssize_t n = read(s->fd, buf, sizeof(buf));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 1 : -1;
	if (n == 0) {
		if (!s->close_why[0])
			snprintf(s->close_why, sizeof(s->close_why),
			         "Connection to %s closed by remote host.", s->cli->host);
		return 0;
	}
	cli_conn_input(s, buf, (size_t)n);
	return 1;
}

static int sock_write(struct sess *s)
{
	const uint8_t *p;
	size_t n = tr_out(s->tr, &p);
	ssize_t w;

	if (n == 0)
		return 0;
	w = write(s->fd, p, n);
	if (w < 0) {
		if (errno == EINTR || errno == EAGAIN)
			return 0;
		if (!s->close_why[0])
			snprintf(s->close_why, sizeof(s->close_why), "write to %s: %s",
			         s->cli->host, strerror(errno));
		return -1;
	}
	tr_out_done(s->tr, (size_t)w);
	return 0;
}

static void send_keepalive(struct sess *s, time_t now)
{
	uint8_t buf[64];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, SSH_MSG_GLOBAL_REQUEST);
	wr_cstr(&w, "keepalive@openssh.com");
	wr_bool(&w, 1);
	if (w.err == E_OK && tr_send(s->tr, buf, w.len) == E_OK)
		clock_keepalive_sent(&s->clock, now);
}

static void check_timers(struct sess *s, time_t now)
{
	const struct cli_opts *o = s->cli->opts;
	struct timer_limits l;
	const char *why = "";

	l.auth_timeout = 0; /* the user may take their time typing */
	l.keepalive = o->keepalive;
	l.idle = o->idle_timeout;
	l.max_duration = o->max_duration;
	l.keepalive_max = o->keepalive_max; /* ServerAliveCountMax */
	switch (timer_check(&s->clock, &l, s->authenticated, now, &why)) {
	case TIMER_CLOSE:
		sess_disconnect(s, SSH_DISCONNECT_BY_APPLICATION, why);
		snprintf(s->close_why, sizeof(s->close_why), "%s: %s", s->cli->host, why);
		break;
	case TIMER_KEEPALIVE: send_keepalive(s, now); break;
	case TIMER_NONE: break;
	}
	if (tr_want_rekey(s->tr, now))
		tr_rekey(s->tr);
}

/* The session is over: say goodbye and flush. */
static void finish(struct sess *s)
{
	if (s->closing)
		return;
	tr_send_disconnect(s->tr, SSH_DISCONNECT_BY_APPLICATION, "disconnected by user");
	s->closing = 2; /* a clean end, not an error */
}

static int loop_once(struct sess *s)
{
	struct timeval tv = {1, 0};
	fd_set r, w;
	const uint8_t *p;
	int maxfd = s->fd;

	FD_ZERO(&r);
	FD_ZERO(&w);
	if (s->chans && !s->closing) {
		chan_set_fds(s, &r, &w, &maxfd);
		if (tr_backlog(s->tr) > BACKLOG_HIGH)
			FD_ZERO(&r);
	}
	if (!s->closing)
		FD_SET(s->fd, &r);
	if (tr_out(s->tr, &p) > 0)
		FD_SET(s->fd, &w);
	if (select(maxfd + 1, &r, &w, NULL, &tv) < 0) {
		if (errno != EINTR)
			return -1;
		FD_ZERO(&r);
		FD_ZERO(&w);
	}
	if (s->chans && !s->closing && chan_handle_fds(s, &r, &w) != E_OK)
		s->closing = 1;
	if (s->chans && !s->closing && cli_session_poll(s) != E_OK)
		s->closing = 1;
	if (FD_ISSET(s->fd, &w) && sock_write(s) < 0)
		return -1;
	if (FD_ISSET(s->fd, &r) && sock_read(s) <= 0)
		return -1;
	if (s->chans && !s->closing && cli_session_done(s))
		finish(s);
	if (!s->closing)
		check_timers(s, time(NULL));
	if (s->closing && tr_out(s->tr, &p) == 0)
		return -1;
	return 0;
}

static int exit_code(struct sess *s)
{
	if (s->chans && (cli_session_done(s) || s->cli->exit_code_set))
		return cli_session_exit_code(s);
	if (s->close_why[0] && s->closing != 2 && !s->cli->reported)
		log_msg(LOG_ERR, "%s", s->close_why);
	return CLI_EXIT_CONN;
}

int cli_conn_run(struct sess *s)
{
	const uint8_t *p;
	int code;

	signal(SIGPIPE, SIG_IGN);
	peer_address(s);
	fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) | O_NONBLOCK);
	while (loop_once(s) == 0)
		;
	/* a last try at the DISCONNECT or the final messages */
	if (tr_out(s->tr, &p) > 0)
		sock_write(s);
	code = exit_code(s);
	cli_tty_restore();
	return code;
}

void cli_conn_free(struct sess *s)
{
	if (s->chans || (s->cli && s->cli->session))
		cli_session_free(s);
	if (s->cli && s->cli->auth)
		cli_auth_free(s);
	if (s->tr) {
		tr_free(s->tr);
		free(s->tr);
		s->tr = NULL;
	}
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}
