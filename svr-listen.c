/*
 * svr-listen.c - shrewd's listener (see svr-listen.h).
 *
 * One pselect() loop over the listening sockets and the read ends of the
 * unauthenticated children's pipes.  SIGCHLD, SIGTERM, SIGINT and SIGHUP
 * stay blocked except inside pselect(), so a signal can never slip in
 * between testing its flag and going to sleep.  Memory is fixed: one slot
 * per unauthenticated child (SHREW_MAX_UNAUTH_TOTAL of them); children
 * that have authenticated are not tracked, only reaped.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "options.h"
#include "common-log.h"
#include "svr-listen.h"

/* Listening sockets in all: -p "" gives two (IPv4, IPv6); a host name
 * may resolve to several addresses. */
#define MAX_SOCKS (4 * SVR_OPTS_MAX_LISTEN)
/* Connections taken per wakeup per socket (bounds the accept loop). */
#define ACCEPT_BURST 16
#define LISTEN_BACKLOG 64

/* The only globals: signal flags. */
static volatile sig_atomic_t got_term, got_chld, got_hup;

/* In a connection child, the write end of its pipe to the listener (-1
 * elsewhere).  Per-process state that the handler's signature has no
 * room for; it is set once, in the child, right after fork(). */
static int child_auth_fd = -1;

struct unauth_child {
	pid_t pid; /* 0: free slot */
	int fd;    /* read end of the child's pipe */
	struct sockaddr_storage peer;
};

struct listener {
	const struct svr_opts *o;
	svr_listen_handler handle;
	void *ctx;
	int socks[MAX_SOCKS];
	int n_socks;
	struct unauth_child kids[SHREW_MAX_UNAUTH_TOTAL];
	sigset_t run_mask; /* the mask inside pselect() and in children */
	int pidfile_written;
};

static void on_signal(int sig)
{
	if (sig == SIGCHLD)
		got_chld = 1;
	else if (sig == SIGHUP)
		got_hup = 1;
	else
		got_term = 1;
}

char *svr_listen_addr_str(const struct sockaddr_storage *sa, char *buf, size_t cap)
{
	char host[INET6_ADDRSTRLEN] = "?";
	unsigned int port = 0;

	if (sa->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
		port = ntohs(in->sin_port);
		snprintf(buf, cap, "%s:%u", host, port);
	} else if (sa->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
		port = ntohs(in6->sin6_port);
		snprintf(buf, cap, "[%s]:%u", host, port);
	} else {
		snprintf(buf, cap, "?");
	}
	return buf;
}

void svr_listen_child_authenticated(void)
{
	if (child_auth_fd >= 0) {
		close(child_auth_fd);
		child_auth_fd = -1;
	}
}

/* ---- Binding ------------------------------------------------------------ */

/* Opens, configures, binds and listens on one address; returns the fd or
 * -1 (errno set). */
static int open_one(const struct sockaddr_storage *sa, socklen_t len, const char *iface)
{
	int fd, on = 1, saved;

	fd = socket(sa->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0)
		goto fail;
	if (sa->ss_family == AF_INET6 &&
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on)) < 0)
		goto fail;
	if (iface &&
	    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, iface, (socklen_t)strlen(iface) + 1) < 0)
		goto fail;
	if (bind(fd, (const struct sockaddr *)sa, len) < 0 || listen(fd, LISTEN_BACKLOG) < 0)
		goto fail;
	return fd;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/* The addresses one -p names: numeric IPv4, numeric IPv6 (with an
 * optional %scope, interface name or number), "localhost" (127.0.0.1), or
 * both wildcards for an empty host.  inet_pton rather than getaddrinfo: getaddrinfo links musl's
 * whole resolver into the static binary (docs/decisions.md, Size).
 * Returns how many went to sa (0: not a numeric address). */
static int spec_addrs(const struct svr_listen_addr *a, struct sockaddr_storage sa[2],
                      socklen_t len[2])
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)&sa[0];
	struct sockaddr_in6 *in6;
	char host[SVR_OPTS_MAX_HOST + 1], *pct;
	int n = 0;

	memset(sa, 0, 2 * sizeof(*sa));
	snprintf(host, sizeof(host), "%s", a->host);
	if (strcmp(host, "localhost") == 0) /* the one name scripts use */
		strcpy(host, "127.0.0.1");
	if (host[0] == '\0' || inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)a->port);
		len[n++] = sizeof(*in4);
		if (host[0] != '\0')
			return n;
	}
	in6 = (struct sockaddr_in6 *)&sa[n];
	pct = strchr(host, '%');
	if (pct)
		*pct++ = '\0';
	if (host[0] != '\0' && inet_pton(AF_INET6, host, &in6->sin6_addr) != 1)
		return 0;
	if (pct) {
		char *end;
		unsigned long id = strtoul(pct, &end, 10);
		if (*pct == '\0' || *end != '\0')
			id = if_nametoindex(pct);
		if (id == 0 || id > 0xffffffffUL)
			return 0;
		in6->sin6_scope_id = (uint32_t)id;
	}
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons((uint16_t)a->port);
	len[n++] = sizeof(*in6);
	return n;
}

/* Binds every address one -p names; returns how many sockets it added. */
static int bind_spec(struct listener *l, const struct svr_listen_addr *a)
{
	struct sockaddr_storage sa[2];
	socklen_t len[2];
	char where[SVR_OPTS_MAX_HOST + 16];
	int i, n, added = 0;

	snprintf(where, sizeof(where), "%s%s%s:%u", strchr(a->host, ':') ? "[" : "",
	         a->host[0] ? a->host : "*", strchr(a->host, ':') ? "]" : "", a->port);
	n = spec_addrs(a, sa, len);
	if (n == 0) {
		log_msg(LOG_ERR, "cannot listen on %s: not a numeric IPv4 or IPv6 address", where);
		return 0;
	}
	for (i = 0; i < n; i++) {
		int fd;
		if (l->n_socks >= MAX_SOCKS) {
			log_msg(LOG_WARNING, "too many listening sockets; skipping the rest");
			break;
		}
		fd = open_one(&sa[i], len[i], l->o->iface);
		if (fd < 0) {
			/* No IPv6 (or IPv4) in this kernel is no error on "all". */
			if (!(a->host[0] == '\0' && errno == EAFNOSUPPORT))
				log_msg(LOG_ERR, "cannot listen on %s: %s", where, strerror(errno));
			continue;
		}
		l->socks[l->n_socks++] = fd;
		added++;
	}
	if (added)
		log_msg(LOG_INFO, "listening on %s", where);
	return added;
}

static void close_all(struct listener *l)
{
	int i;

	for (i = 0; i < l->n_socks; i++)
		close(l->socks[i]);
	l->n_socks = 0;
	for (i = 0; i < SHREW_MAX_UNAUTH_TOTAL; i++) {
		if (l->kids[i].pid && l->kids[i].fd >= 0)
			close(l->kids[i].fd);
		l->kids[i].pid = 0;
		l->kids[i].fd = -1;
	}
}

/* ---- Process setup ------------------------------------------------------ */

/* Detaches from the terminal: fork, setsid, fork (so the daemon is no
 * session leader and cannot regain a terminal), chdir /, stdio to
 * /dev/null except stderr when logging there.  Returns 0 in the daemon,
 * -1 on failure; the intermediate processes exit. */
static int daemonize(int keep_stderr)
{
	pid_t pid;
	int fd;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid > 0)
		_exit(0);
	if (setsid() < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid > 0)
		_exit(0);
	if (chdir("/") < 0)
		return -1;
	fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		return -1;
	dup2(fd, 0);
	dup2(fd, 1);
	if (!keep_stderr)
		dup2(fd, 2);
	if (fd > 2)
		close(fd);
	return 0;
}

static void write_pidfile(struct listener *l)
{
	const char *path = l->o->pidfile;
	FILE *f;

	if (!path || !*path)
		return;
	f = fopen(path, "we");
	if (!f || fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f) != 0) {
		log_msg(LOG_WARNING, "cannot write pid file %s: %s", path, strerror(errno));
		return;
	}
	l->pidfile_written = 1;
}

/* Installs the handlers with the signals blocked; l->run_mask is the mask
 * to wait with.  SIGPIPE is ignored here and in children. */
static int setup_signals(struct listener *l)
{
	static const int sigs[] = {SIGCHLD, SIGTERM, SIGINT, SIGHUP};
	struct sigaction sa;
	sigset_t block;
	size_t i;

	sigemptyset(&block);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&block, sigs[i]);
	if (sigprocmask(SIG_BLOCK, &block, &l->run_mask) < 0)
		return -1;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigdelset(&l->run_mask, sigs[i]);
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_NOCLDSTOP;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &sa, NULL) < 0)
			return -1;
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

/* ---- Children ----------------------------------------------------------- */

static int same_host(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return 0;
	if (a->ss_family == AF_INET)
		return memcmp(&((const struct sockaddr_in *)a)->sin_addr,
		              &((const struct sockaddr_in *)b)->sin_addr,
		              sizeof(struct in_addr)) == 0;
	if (a->ss_family == AF_INET6)
		return memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr,
		              &((const struct sockaddr_in6 *)b)->sin6_addr,
		              sizeof(struct in6_addr)) == 0;
	return 0;
}

static void free_slot(struct unauth_child *k)
{
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
	k->pid = 0;
}

/* Returns a free slot for a connection from peer, or NULL (and logs) if
 * the unauthenticated limits are reached. */
static struct unauth_child *admit(struct listener *l, const struct sockaddr_storage *peer)
{
	struct unauth_child *free_k = NULL;
	int i, same = 0;
	char who[INET6_ADDRSTRLEN + 16];

	for (i = 0; i < SHREW_MAX_UNAUTH_TOTAL; i++) {
		if (!l->kids[i].pid) {
			if (!free_k)
				free_k = &l->kids[i];
		} else if (same_host(&l->kids[i].peer, peer)) {
			same++;
		}
	}
	if (same >= SHREW_MAX_UNAUTH_PER_IP) {
		log_msg(LOG_WARNING,
		        "refused connection from %s: already %d unauthenticated connections from "
		        "that address",
		        svr_listen_addr_str(peer, who, sizeof(who)), same);
		return NULL;
	}
	if (!free_k) {
		log_msg(LOG_WARNING,
		        "refused connection from %s: already %d unauthenticated connections in all",
		        svr_listen_addr_str(peer, who, sizeof(who)), SHREW_MAX_UNAUTH_TOTAL);
		return NULL;
	}
	return free_k;
}

/* The connection child: drops the listener's state and runs the handler.
 * Never returns. */
static void run_child(struct listener *l, int fd, int auth_fd, const struct sockaddr_storage *peer)
{
	struct sockaddr_storage p = *peer;

	signal(SIGCHLD, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	sigprocmask(SIG_SETMASK, &l->run_mask, NULL);
	close_all(l);
	child_auth_fd = auth_fd;
	exit(l->handle(fd, &p, l->ctx));
}

/* Forks a child for the accepted connection fd, or refuses it. */
static void start_child(struct listener *l, int fd, const struct sockaddr_storage *peer)
{
	struct unauth_child *k = admit(l, peer);
	int pfd[2];
	pid_t pid;

	if (!k) {
		close(fd);
		return;
	}
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		log_msg(LOG_ERR, "pipe: %s", strerror(errno));
		close(fd);
		return;
	}
	fflush(NULL); /* nothing buffered gets written twice */
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		run_child(l, fd, pfd[1], peer);
	}
	close(fd);
	close(pfd[1]);
	if (pid < 0) {
		log_msg(LOG_ERR, "fork: %s", strerror(errno));
		close(pfd[0]);
		return;
	}
	fcntl(pfd[0], F_SETFL, O_NONBLOCK);
	k->pid = pid;
	k->fd = pfd[0];
	k->peer = *peer;
}

static void accept_some(struct listener *l, int sock)
{
	int i;

	for (i = 0; i < ACCEPT_BURST; i++) {
		struct sockaddr_storage peer;
		socklen_t len = sizeof(peer);
		int fd;

		memset(&peer, 0, sizeof(peer));
		fd = accept4(sock, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ||
			    errno == ECONNABORTED)
				return;
			log_msg(LOG_ERR, "accept: %s", strerror(errno));
			/* out of fds or memory: the socket stays readable, so
			 * wait rather than spin */
			sleep(1);
			return;
		}
		start_child(l, fd, &peer);
	}
}

/* A child's pipe is readable: EOF (authenticated, or exited) or a byte
 * (also taken as authenticated); either way it no longer counts. */
static void check_kid(struct unauth_child *k)
{
	char b[16];
	ssize_t n = read(k->fd, b, sizeof(b));

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	free_slot(k);
}

static void reap(struct listener *l)
{
	pid_t pid;
	int st, i;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		for (i = 0; i < SHREW_MAX_UNAUTH_TOTAL; i++)
			if (l->kids[i].pid == pid)
				free_slot(&l->kids[i]);
		log_msg(LOG_DEBUG, "child %ld exited with status %d", (long)pid,
		        WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	}
}

/* ---- The loop ----------------------------------------------------------- */

static int fill_fds(const struct listener *l, fd_set *rd)
{
	int i, maxfd = -1;

	FD_ZERO(rd);
	for (i = 0; i < l->n_socks; i++) {
		FD_SET(l->socks[i], rd);
		if (l->socks[i] > maxfd)
			maxfd = l->socks[i];
	}
	for (i = 0; i < SHREW_MAX_UNAUTH_TOTAL; i++) {
		if (l->kids[i].pid && l->kids[i].fd >= 0) {
			FD_SET(l->kids[i].fd, rd);
			if (l->kids[i].fd > maxfd)
				maxfd = l->kids[i].fd;
		}
	}
	return maxfd;
}

static void serve(struct listener *l)
{
	fd_set rd;
	int i, n, maxfd, err;

	while (!got_term) {
		maxfd = fill_fds(l, &rd);
		n = pselect(maxfd + 1, &rd, NULL, NULL, NULL, &l->run_mask);
		err = errno;
		if (got_chld) {
			got_chld = 0;
			reap(l);
		}
		if (got_hup) {
			got_hup = 0;
			log_msg(LOG_INFO,
			        "SIGHUP: nothing to reload (options are the command line)");
		}
		if (n < 0 && err != EINTR) {
			log_msg(LOG_ERR, "select: %s", strerror(err));
			sleep(1);
		}
		if (n <= 0)
			continue;
		for (i = 0; i < SHREW_MAX_UNAUTH_TOTAL; i++)
			if (l->kids[i].pid && l->kids[i].fd >= 0 && FD_ISSET(l->kids[i].fd, &rd))
				check_kid(&l->kids[i]);
		for (i = 0; i < l->n_socks; i++)
			if (FD_ISSET(l->socks[i], &rd))
				accept_some(l, l->socks[i]);
	}
}

static int run_inetd(svr_listen_handler handle, void *ctx)
{
	struct sockaddr_storage peer;
	socklen_t len = sizeof(peer);

	memset(&peer, 0, sizeof(peer));
	if (getpeername(0, (struct sockaddr *)&peer, &len) < 0)
		peer.ss_family = AF_UNSPEC;
	signal(SIGPIPE, SIG_IGN);
	return handle(0, &peer, ctx);
}

int svr_listen_run(const struct svr_opts *o, svr_listen_handler handle, void *ctx)
{
	struct listener l;
	int i;

	if (o->inetd)
		return run_inetd(handle, ctx);
	memset(&l, 0, sizeof(l));
	l.o = o;
	l.handle = handle;
	l.ctx = ctx;
	for (i = 0; i < SHREW_MAX_UNAUTH_TOTAL; i++)
		l.kids[i].fd = -1;
	for (i = 0; i < o->n_listen; i++)
		bind_spec(&l, &o->listen[i]);
	if (l.n_socks == 0) {
		log_msg(LOG_ERR, "no address to listen on; exiting");
		return 1;
	}
	if (!o->foreground && daemonize(o->log_stderr) < 0) {
		log_msg(LOG_ERR, "cannot become a daemon: %s", strerror(errno));
		close_all(&l);
		return 1;
	}
	if (setup_signals(&l) < 0) {
		log_msg(LOG_ERR, "signals: %s", strerror(errno));
		close_all(&l);
		return 1;
	}
	write_pidfile(&l);
	serve(&l);
	log_msg(LOG_INFO, "terminated by a signal; exiting");
	close_all(&l);
	if (l.pidfile_written)
		unlink(o->pidfile);
	return 0;
}
