/*
 * svr-conn.c - one server connection (the forked child, or -i): a thin
 * select() loop that moves bytes between the socket and the sans-I/O
 * transport, hands upper-layer messages to the userauth and connection
 * layers through a dispatch table, and enforces the timeouts.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#include "options.h"
#include "common-err.h"
#include "common-log.h"
#include "common-sess.h"
#include "common-transport.h"
#include "common-channel.h"
#include "svr-auth.h"
#include "svr-authkeys.h"
#include "svr-conn.h"
#include "svr-session.h"

#define READ_CHUNK 16384
/* Stop reading children's output while this much waits for the socket. */
#define BACKLOG_HIGH (512 * 1024)

/* The only global: set by the SIGCHLD handler, read by the loop. */
static volatile sig_atomic_t child_exited;

static void on_sigchld(int sig)
{
	(void)sig;
	child_exited = 1;
}

typedef int (*msg_handler)(struct sess *s, struct view pl);

/* SSH_MSG_SERVICE_REQUEST: string service name. */
static int recv_service_request(struct sess *s, struct view pl)
{
	uint8_t buf[32];
	struct view name;
	struct wr w;
	struct rd r;
	uint8_t msg;

	rd_init(&r, pl.p, pl.len);
	rd_u8(&r, &msg);
	rd_text(&r, 64, &name);
	if (rd_end(&r) != E_OK) {
		sess_disconnect(s, SSH_DISCONNECT_PROTOCOL_ERROR, "malformed SERVICE_REQUEST");
		return E_FORMAT;
	}
	if (!view_eq(name, "ssh-userauth") || s->authenticated) {
		sess_disconnect(s, SSH_DISCONNECT_SERVICE_NOT_AVAILABLE, "service not available");
		return E_UNSUPPORTED;
	}
	if (!s->auth && svr_auth_init(s) != E_OK) {
		sess_disconnect(s, SSH_DISCONNECT_BY_APPLICATION, "out of memory");
		return E_NOMEM;
	}
	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, SSH_MSG_SERVICE_ACCEPT);
	wr_cstr(&w, "ssh-userauth");
	return sess_send(s, buf, w.len);
}

/* Once authenticated: become the user, then serve channels with the
 * login's restrictions (authorized_keys options, -c). */
static int after_auth(struct sess *s)
{
	const struct svr_auth_user *u = svr_auth_user(s);
	const struct authkey *ak = svr_auth_key_options(s);
	struct session_policy pol;

	if (svr_auth_drop_privileges(s) != E_OK) {
		sess_disconnect(s, SSH_DISCONNECT_BY_APPLICATION, "cannot switch to the user");
		return E_IO;
	}
	memset(&pol, 0, sizeof(pol));
	pol.user = u->name;
	pol.uid = u->uid;
	pol.home = u->home;
	pol.shell = u->shell;
	pol.forced_command = ak ? ak->command : NULL;
	pol.allow_pty = ak ? (ak->flags & AK_PERMIT_PTY) != 0 : 1;
	if (svr_session_init(s, &pol) != E_OK) {
		sess_disconnect(s, SSH_DISCONNECT_BY_APPLICATION, "out of memory");
		return E_NOMEM;
	}
	return E_OK;
}

/* Userauth (50..79), after SERVICE_REQUEST "ssh-userauth". */
static int recv_userauth(struct sess *s, struct view pl)
{
	int rc;

	if (s->authenticated)
		return E_OK; /* RFC 4252 5.1: ignore requests after success */
	if (!s->auth) {
		sess_disconnect(s, SSH_DISCONNECT_PROTOCOL_ERROR,
		                "userauth before service request");
		return E_FORMAT;
	}
	rc = svr_auth_handle(s, pl.p, pl.len);
	if (rc == E_ARG)
		return tr_send_unimplemented(s->tr);
	if (rc != E_OK) {
		s->closing = 1;
		return rc;
	}
	return s->authenticated ? after_auth(s) : E_OK;
}

/* Connection layer (80..127): only after authentication. */
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
	if (msg == SSH_MSG_SERVICE_REQUEST)
		return recv_service_request;
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

/* Numeric address and port of sa into ip/port ("?" and 0 if not IP).
 * inet_ntop rather than getnameinfo(NI_NUMERICHOST): getnameinfo links
 * musl's whole resolver into the static binary (docs/decisions.md, Size). */
static void addr_string(const struct sockaddr_storage *sa, char *ip, size_t cap, unsigned *port)
{
	const struct sockaddr_in *in4 = (const struct sockaddr_in *)sa;
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
	const char *ok = NULL;

	if (sa->ss_family == AF_INET) {
		ok = inet_ntop(AF_INET, &in4->sin_addr, ip, (socklen_t)cap);
		*port = ntohs(in4->sin_port);
	} else if (sa->ss_family == AF_INET6) {
		ok = inet_ntop(AF_INET6, &in6->sin6_addr, ip, (socklen_t)cap);
		*port = ntohs(in6->sin6_port);
		if (ok && in6->sin6_scope_id) { /* link-local: fe80::1%2 */
			size_t n = strlen(ip);
			if (snprintf(ip + n, cap - n, "%%%u", (unsigned)in6->sin6_scope_id) >=
			    (int)(cap - n))
				ip[n] = '\0';
		}
	}
	if (!ok) {
		strcpy(ip, "?");
		*port = 0;
	}
}

static void addr_strings(int fd, const struct sockaddr_storage *peer, struct sess *s)
{
	struct sockaddr_storage local;
	socklen_t len = sizeof(local);

	addr_string(peer, s->peer_ip, sizeof(s->peer_ip), &s->peer_port);
	memset(&local, 0, sizeof(local));
	if (getsockname(fd, (struct sockaddr *)&local, &len) != 0)
		local.ss_family = AF_UNSPEC;
	addr_string(&local, s->local_ip, sizeof(s->local_ip), &s->local_port);
}

/* Until the session runs, every segment is acknowledged at once
 * (TCP_QUICKACK; Linux turns it off again by itself).  A client that sends
 * its key exchange and userauth messages with Nagle on (OpenSSH's ssh does
 * until a session starts) holds each second small write until the first
 * is acknowledged, and a delayed ACK costs it 40 ms per round trip: 105
 * ms per login instead of 25. */
static void quick_ack(const struct sess *s)
{
#ifdef TCP_QUICKACK
	int on = 1;

	if (!s->chans)
		setsockopt(s->fd, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof(on));
#else
	(void)s;
#endif
}

/* Reads from the socket into the transport; 0 at EOF, < 0 on error. */
static int sock_read(struct sess *s)
{
	static uint8_t buf[READ_CHUNK];
	size_t off = 0, used;
	ssize_t n;
	struct view pl;
	time_t now;
	int rc;

	n = read(s->fd, buf, sizeof(buf));
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 1 : -1;
	quick_ack(s);
	if (n == 0) {
		log_msg(LOG_INFO, "%s:%u: connection closed by peer%s", s->peer_ip, s->peer_port,
		        s->authenticated ? "" : " before authentication");
		return 0;
	}
	now = time(NULL);
	clock_rx(&s->clock, now);
	while (off < (size_t)n && !s->closing) {
		rc = tr_feed(s->tr, buf + off, (size_t)n - off, &used);
		off += used;
		while (rc == E_OK && !s->closing && (rc = tr_next(s->tr, &pl)) == E_OK) {
			clock_msg(&s->clock, pl.p[0], now);
			dispatch(s, pl);
		}
		if (rc != E_SHORT && rc != E_OK) {
			if (s->tr->fail_why[0])
				log_msg(LOG_INFO, "%s:%u: %s", s->peer_ip, s->peer_port,
				        s->tr->fail_why);
			s->closing = 1;
		}
	}
	return 1;
}

/* Writes what the transport has queued; < 0 when the peer is gone. */
static int sock_write(struct sess *s)
{
	const uint8_t *p;
	size_t n = tr_out(s->tr, &p);
	ssize_t w;

	if (n == 0)
		return 0;
	w = write(s->fd, p, n);
	if (w < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -1;
	tr_out_done(s->tr, (size_t)w);
	return 0;
}

/* GLOBAL_REQUEST "keepalive@openssh.com", want-reply (common-timers.h). */
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

/* Timeouts and keepalives; returns 1 when the connection must end. */
static int check_timers(struct sess *s, time_t now)
{
	const struct svr_opts *o = s->opts;
	struct timer_limits l;
	const char *why = "";

	l.auth_timeout = SHREW_AUTH_TIMEOUT;
	l.keepalive = o->keepalive;
	l.idle = o->idle_timeout;
	l.max_duration = o->max_duration;
	l.keepalive_max = 0; /* TIMER_KEEPALIVE_MAX */
	switch (timer_check(&s->clock, &l, s->authenticated, now, &why)) {
	case TIMER_CLOSE: sess_disconnect(s, SSH_DISCONNECT_BY_APPLICATION, why); return 1;
	case TIMER_KEEPALIVE: send_keepalive(s, now); break;
	case TIMER_NONE: break;
	}
	if (tr_want_rekey(s->tr, now))
		tr_rekey(s->tr);
	return 0;
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
			FD_ZERO(&r); /* let the socket drain first */
	}
	if (!s->closing)
		FD_SET(s->fd, &r);
	if (tr_out(s->tr, &p) > 0)
		FD_SET(s->fd, &w);
	if (child_exited && s->chans) {
		tv.tv_sec = 0;
	}
	if (select(maxfd + 1, &r, &w, NULL, &tv) < 0) {
		if (errno != EINTR)
			return -1;
		FD_ZERO(&r); /* the sets are undefined after a failed select */
		FD_ZERO(&w);
	}
	if (s->chans) {
		/* Every pass, not only after SIGCHLD: a child's pipes can reach
		 * EOF a moment before it can be waited for. */
		child_exited = 0;
		svr_session_reap(s);
	}
	if (s->chans && !s->closing && chan_handle_fds(s, &r, &w) != E_OK)
		s->closing = 1;
	if (FD_ISSET(s->fd, &w) && sock_write(s) < 0)
		return -1;
	if (FD_ISSET(s->fd, &r) && sock_read(s) <= 0)
		return -1;
	if (s->chans && svr_session_pending_kills(s))
		svr_session_reap(s);
	if (!s->closing)
		check_timers(s, time(NULL));
	if (s->closing && tr_out(s->tr, &p) == 0)
		return -1;
	return 0;
}

/* No Nagle delay for the small packets of a login and of typing (every
 * key exchange step is one round trip), and, unless -z, the DSCP class
 * OpenSSH uses for interactive traffic (AF21) so routers queue it ahead of
 * bulk transfers. */
static void set_sock_options(int fd, const struct sockaddr_storage *peer, int no_qos)
{
	int on = 1, tos = 0x48; /* AF21 */

	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	if (no_qos)
		return;
	if (peer->ss_family == AF_INET)
		setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof(tos));
	else if (peer->ss_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tos, sizeof(tos));
}

static void unblock_sigchld(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int svr_conn_run(int fd, const struct sockaddr_storage *peer, void *ctx)
{
	const struct svr_ctx *c = ctx;
	struct sess s;
	int rc;

	memset(&s, 0, sizeof(s));
	s.is_server = 1;
	s.fd = fd;
	s.opts = c->opts;
	clock_start(&s.clock, time(NULL));
	addr_strings(fd, peer, &s);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	set_sock_options(fd, peer, c->opts->no_qos);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGCHLD, on_sigchld);
	unblock_sigchld();
	s.tr = calloc(1, sizeof(*s.tr));
	if (!s.tr || tr_init(s.tr, 1, c->hostkeys, &c->opts->algos) != E_OK) {
		log_msg(LOG_ERR, "%s:%u: out of memory", s.peer_ip, s.peer_port);
		free(s.tr);
		return 1;
	}
	log_msg(LOG_INFO,
	        strchr(s.peer_ip, ':') ? "Child connection from [%s]:%u"
	                               : "Child connection from %s:%u",
	        s.peer_ip, s.peer_port);
	while ((rc = loop_once(&s)) == 0)
		;
	sock_write(&s);
	if (s.chans)
		svr_session_free(&s);
	if (s.auth)
		svr_auth_free(&s);
	tr_free(s.tr);
	free(s.tr);
	close(fd);
	return 0;
}
