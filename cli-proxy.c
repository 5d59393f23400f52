/*
 * cli-proxy.c - inner hops and ProxyCommand (see cli-proxy.h): the argv of
 * an inner shrew for multihop destinations, %-expansion of a ProxyCommand
 * with every value single-quoted, and starting either child on a
 * socketpair.
 */
#include "options.h"

#if SHREW_CLIENT

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "common-err.h"
#include "cli-proxy.h"

/* An argv under construction: pointers in argv, strings in buf. */
struct argb {
	char **argv;
	size_t n, cap;
	char *buf;
	size_t used, bcap;
	int err;
};

static void add(struct argb *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends one formatted argument; a sticky E_TOOBIG when out of room. */
static void add(struct argb *a, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (a->err)
		return;
	if (a->n + 1 >= a->cap || a->used >= a->bcap) {
		a->err = E_TOOBIG;
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(a->buf + a->used, a->bcap - a->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= a->bcap - a->used) {
		a->err = E_TOOBIG;
		return;
	}
	a->argv[a->n++] = a->buf + a->used;
	a->used += (size_t)n + 1;
}

/* "-o" "Name=value" */
static void add_opt_u(struct argb *a, const char *name, unsigned v)
{
	add(a, "-o");
	add(a, "%s=%u", name, v);
}

static void add_opt_s(struct argb *a, const char *name, const char *v)
{
	add(a, "-o");
	add(a, "%s=%s", name, v);
}

/* argv[0] (and the applet argument when self's name does not pick it). */
static int add_self(struct argb *a, const char *self)
{
	static const char *const client[] = {"shrew", "dbclient", "ssh"};
	static const char *const other[] = {"shrewd",      "dropbear",     "shrewkey",
	                                    "dropbearkey", "shrewconvert", "dropbearconvert",
	                                    "scp"};
	const char *base = strrchr(self, '/');
	size_t k;

	base = base ? base + 1 : self;
	add(a, "%s", self);
	for (k = 0; k < sizeof(client) / sizeof(client[0]); k++)
		if (strcmp(base, client[k]) == 0)
			return E_OK;
	for (k = 0; k < sizeof(other) / sizeof(other[0]); k++)
		if (strcmp(base, other[k]) == 0)
			return E_ARG;
	add(a, "shrew");
	return E_OK;
}

static void add_hostkey_opts(struct argb *a, const struct cli_opts *o)
{
	static const char *const policy[] = {NULL, "yes", "accept-new", "no"};

	if ((unsigned)o->hostkey_policy < 4 && policy[o->hostkey_policy])
		add_opt_s(a, "StrictHostKeyChecking", policy[o->hostkey_policy]);
	if (o->known_hosts)
		add_opt_s(a, "UserKnownHostsFile", o->known_hosts);
}

static void add_auth_opts(struct argb *a, const struct cli_opts *o)
{
	int i;

	for (i = 0; !o->identities_default && i < o->n_identities; i++) {
		add(a, "-i");
		add(a, "%s", o->identities[i]);
	}
	if (o->batch)
		add_opt_s(a, "BatchMode", "yes");
	if (o->identities_only)
		add_opt_s(a, "IdentitiesOnly", "yes");
	if (!o->password_auth)
		add_opt_s(a, "PasswordAuthentication", "no");
	if (!o->kbdint_auth)
		add_opt_s(a, "KbdInteractiveAuthentication", "no");
	if (!o->pubkey_auth)
		add_opt_s(a, "PubkeyAuthentication", "no");
	if (o->auth_tries != 3)
		add_opt_u(a, "NumberOfPasswordPrompts", o->auth_tries);
}

/* host, in brackets when it is an IPv6 address. */
static const char *br_open(const char *host)
{
	return strchr(host, ':') ? "[" : "";
}

static const char *br_close(const char *host)
{
	return strchr(host, ':') ? "]" : "";
}

static void add_conn_opts(struct argb *a, const struct cli_opts *o)
{
	int i;

	if (o->quiet)
		add(a, "-q");
	for (i = 0; i < o->verbose && i < 3; i++)
		add(a, "-v");
	if (o->connect_timeout)
		add_opt_u(a, "ConnectTimeout", o->connect_timeout);
	if (o->keepalive)
		add_opt_u(a, "ServerAliveInterval", o->keepalive);
	if (o->keepalive_max != 3)
		add_opt_u(a, "ServerAliveCountMax", o->keepalive_max);
	for (i = 0; i < o->n_pass; i++) {
		add(a, "-%c", o->pass[i].flag);
		add(a, "%s", o->pass[i].arg);
	}
	if (o->address_family == 4 || o->address_family == 6)
		add(a, "-%d", o->address_family);
	if (o->bind_addr || o->bind_port) {
		const char *h = o->bind_addr ? o->bind_addr : "";

		add(a, "-b");
		if (o->bind_port)
			add(a, "%s%s%s:%u", br_open(h), h, br_close(h), o->bind_port);
		else
			add(a, "%s", h);
	}
	if (o->no_qos)
		add(a, "-z");
	if (o->recv_window)
		add(a, "-W%u", o->recv_window);
	if (o->proxy_command)
		add_opt_s(a, "ProxyCommand", o->proxy_command);
}

/* The earlier hops as "user@host/port,..." into out. */
static int hops_dest(const struct cli_opts *o, char *out, size_t cap)
{
	size_t used = 0;
	int k, n;

	out[0] = '\0';
	for (k = 0; k < o->n_hops - 1; k++) {
		const char *user = o->hops[k].user[0] ? o->hops[k].user : o->local_user;
		const char *h = o->hops[k].host;

		n = snprintf(out + used, cap - used, "%s%s%s%s%s%s/%u", k ? "," : "",
		             user ? user : "", user ? "@" : "", br_open(h), h, br_close(h),
		             o->hops[k].port ? o->hops[k].port : 22u);
		if (n < 0 || (size_t)n >= cap - used)
			return E_TOOBIG;
		used += (size_t)n;
	}
	return E_OK;
}

int cli_proxy_hop_argv(const struct cli_opts *o, const char *self, char **argv, size_t argv_cap,
                       char *buf, size_t buf_cap)
{
	char dest[CLI_MAX_HOPS * (SHREW_MAX_USERNAME + CLI_MAX_HOST + 12)];
	struct argb a = {argv, 0, argv_cap, buf, 0, buf_cap, 0};
	const struct cli_dest *last;
	int rc;

	if (o->n_hops < 2 || argv_cap < 1)
		return o->n_hops < 2 ? E_ARG : E_TOOBIG;
	last = &o->hops[o->n_hops - 1];
	rc = hops_dest(o, dest, sizeof(dest));
	if (rc != E_OK)
		return rc;
	rc = add_self(&a, self);
	if (rc != E_OK)
		return rc;
	add_auth_opts(&a, o);
	add_hostkey_opts(&a, o);
	add_conn_opts(&a, o);
	add(&a, "-B");
	add(&a, "%s%s%s:%u", br_open(last->host), last->host, br_close(last->host),
	    cli_hop_port(o, o->n_hops - 1));
	add(&a, "--");
	add(&a, "%s", dest);
	if (a.err)
		return a.err;
	argv[a.n] = NULL;
	return E_OK;
}

/* ---- ProxyCommand ---------------------------------------------------------- */

/* Appends v single-quoted at out[*at], leaving room for the NUL. */
static int put_quoted(char *out, size_t cap, size_t *at, const char *v)
{
	size_t need = 2, i;

	for (i = 0; v[i]; i++)
		need += v[i] == '\'' ? 4 : 1;
	if (need >= cap - *at)
		return E_TOOBIG;
	out[(*at)++] = '\'';
	for (i = 0; v[i]; i++) {
		if (v[i] == '\'') {
			memcpy(out + *at, "'\\''", 4);
			*at += 4;
		} else {
			out[(*at)++] = v[i];
		}
	}
	out[(*at)++] = '\'';
	return E_OK;
}

int cli_proxy_expand(const char *tmpl, const char *host, unsigned port, const char *user, char *out,
                     size_t cap)
{
	char num[16];
	size_t at = 0;
	const char *p;
	int rc;

	if (cap == 0)
		return E_TOOBIG;
	snprintf(num, sizeof(num), "%u", port);
	for (p = tmpl; *p; p++) {
		const char *v = NULL;

		if (*p == '%') {
			switch (*++p) {
			case 'h':
			case 'n': v = host; break;
			case 'p': v = num; break;
			case 'r': v = user ? user : ""; break;
			case '%': break;
			default: out[0] = '\0'; return E_FORMAT;
			}
		}
		if (v) {
			rc = put_quoted(out, cap, &at, v);
			if (rc != E_OK) {
				out[0] = '\0';
				return rc;
			}
			continue;
		}
		if (cap - at < 2) {
			out[0] = '\0';
			return E_TOOBIG;
		}
		out[at++] = *p;
	}
	out[at] = '\0';
	return E_OK;
}

/* ---- Children on a socketpair ---------------------------------------------- */

/* In the child: the socket as stdin and stdout, default SIGPIPE, then
 * exec.  Never returns. */
static void child(int ours, int theirs, const char *path, char *const argv[])
{
	sigset_t none;

	if (dup2(theirs, 0) < 0 || dup2(theirs, 1) < 0)
		_exit(127);
	if (theirs > 1)
		close(theirs);
	if (ours > 1)
		close(ours);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execv(path, argv);
	_exit(127);
}

static int spawn(const char *path, char *const argv[], int *fd, pid_t *pid)
{
	int sv[2], e;
	pid_t p;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return E_IO;
	if (fcntl(sv[0], F_SETFD, FD_CLOEXEC) < 0 || (p = fork()) < 0) {
		e = errno;
		close(sv[0]);
		close(sv[1]);
		errno = e;
		return E_IO;
	}
	if (p == 0)
		child(sv[0], sv[1], path, argv);
	close(sv[1]);
	*fd = sv[0];
	*pid = p;
	return E_OK;
}

int cli_proxy_spawn_argv(char *const argv[], int *fd, pid_t *pid)
{
	if (!argv || !argv[0]) {
		errno = EINVAL;
		return E_IO;
	}
	return spawn(argv[0], argv, fd, pid);
}

int cli_proxy_spawn_shell(const char *cmd, int *fd, pid_t *pid)
{
	char *argv[4];

	argv[0] = (char *)"sh";
	argv[1] = (char *)"-c";
	argv[2] = (char *)cmd;
	argv[3] = NULL;
	return spawn("/bin/sh", argv, fd, pid);
}

#endif /* SHREW_CLIENT */
