/*
 * cli-opts-dest.c - destinations and names for the client's command line
 * (see cli-opts.h): "[user@]host[/port|^port]", ssh:// URLs, IPv6 in
 * brackets, dbclient's ",hop" multihop lists and -J jump hosts, the -b /
 * -B address[:port] arguments, and the checks on host and user names.
 *
 * Host and user names are checked here, once, against an allow-list
 * (cli_host_ok) and a deny-list (cli_user_ok): they later go into argv
 * vectors of inner hops and ProxyCommand lines, and a host that looks
 * like an option or a shell word must never get that far.
 */
#include "options.h"

#if SHREW_CLIENT

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "cli-opts.h"
#include "cli-opts-int.h"

/* Longest destination element we look at ("ssh://user@[host]:port/"). */
#define DEST_MAX (SHREW_MAX_USERNAME + CLI_MAX_HOST + 24)

int cli_opts_parse_port(const char *s, unsigned *port, char *err, size_t errcap)
{
	char show_buf[64];

	if (cli_opts_parse_uint(s, 1, 65535, port))
		return cli_opts_fail(err, errcap, "bad port '%s' (want 1..65535)", SHOWN(s));
	return 0;
}

/* ---- Host and user names ------------------------------------------------- */

int cli_host_ok(const char *host)
{
	size_t n, colons = 0;
	int pct = 0;

	if (!host || !host[0] || host[0] == '-')
		return 0;
	for (n = 0; host[n]; n++) {
		char c = host[n];

		if (n >= CLI_MAX_HOST)
			return 0;
		if (c == ':')
			colons++;
		else if (c == '%')
			pct = 1;
		else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		           (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
			return 0;
	}
	return colons != 1 && !(pct && colons == 0);
}

/* Characters no user name may hold (besides control characters). */
static const char user_bad[] = " '\"`;|&$\\<>()*?{}[]!#~/,:";

int cli_user_ok(const char *user)
{
	size_t n;

	if (!user || !user[0] || user[0] == '-')
		return 0;
	for (n = 0; user[n]; n++) {
		unsigned char c = (unsigned char)user[n];

		if (n >= SHREW_MAX_USERNAME || c < 0x20 || c == 0x7f || strchr(user_bad, c))
			return 0;
	}
	return 1;
}

/* ---- Destinations ------------------------------------------------------- */

/* The last occurrence of c in [p, end), or NULL. */
static const char *last_of(const char *p, const char *end, char c)
{
	while (end > p)
		if (*--end == c)
			return end;
	return NULL;
}

static size_t count_of(const char *p, const char *end, char c)
{
	size_t n = 0;

	for (; p < end; p++)
		n += *p == c;
	return n;
}

/* The port text [p, end) into d->port. */
static int dest_port(const char *p, const char *end, struct cli_dest *d, char *err, size_t errcap)
{
	char buf[8], show_buf[64];

	if (cli_opts_copy_str(buf, sizeof(buf), p, (size_t)(end - p)))
		return cli_opts_fail(
		    err, errcap, "bad port '%s' (want 1..65535)",
		    cli_opts_shown(p, (size_t)(end - p), show_buf, sizeof(show_buf)));
	return cli_opts_parse_port(buf, &d->port, err, errcap);
}

/* Where a host ends (and its port starts) in the unbracketed [p, end):
 * dbclient's '/' and '^' (not in URLs); host:port with one ':' in URLs
 * and -J elements.  Returns end when there is no port. */
static const char *host_end(const char *p, const char *end, int url, int jump)
{
	const char *q;

	for (q = p; !url && q < end; q++)
		if (*q == '/' || *q == '^')
			return q;
	if ((url || jump) && count_of(p, end, ':') == 1)
		return memchr(p, ':', (size_t)(end - p));
	return end;
}

/* "host", "[host]", each with an optional port, from [p, end) into d. */
static int dest_hostport(const char *p, const char *end, struct cli_dest *d, int url, int jump,
                         char *err, size_t errcap)
{
	const char *h = p, *he, *port = NULL;
	char show_buf[64];

	if (p < end && *p == '[') {
		he = memchr(p, ']', (size_t)(end - p));
		if (!he)
			return cli_opts_fail(
			    err, errcap, "missing ']' in '%s'",
			    cli_opts_shown(p, (size_t)(end - p), show_buf, sizeof(show_buf)));
		h = p + 1;
		if (he + 1 < end) {
			if (he[1] != ':' && (url || (he[1] != '/' && he[1] != '^')))
				return cli_opts_fail(err, errcap, "junk after ']' in '%s'",
				                     cli_opts_shown(p, (size_t)(end - p), show_buf,
				                                    sizeof(show_buf)));
			port = he + 2;
		}
	} else {
		he = host_end(p, end, url, jump);
		if (he < end)
			port = he + 1;
	}
	if (cli_opts_copy_str(d->host, sizeof(d->host), h, (size_t)(he - h)) ||
	    !cli_host_ok(d->host))
		return cli_opts_fail(
		    err, errcap, "bad host name '%s'",
		    cli_opts_shown(h, (size_t)(he - h), show_buf, sizeof(show_buf)));
	return port ? dest_port(port, end, d, err, errcap) : 0;
}

static int parse_one(const char *s, struct cli_dest *d, int jump, char *err, size_t errcap)
{
	const char *end, *at, *hp = s;
	char show_buf[64];
	int url = strncasecmp(s, "ssh://", 6) == 0;

	memset(d, 0, sizeof(*d));
	if (url)
		s = hp = s + 6;
	end = s + strlen(s);
	if (url && end > s && end[-1] == '/')
		end--;
	at = last_of(s, end, '@');
	if (at) {
		if (cli_opts_copy_str(d->user, sizeof(d->user), s, (size_t)(at - s)) ||
		    !cli_user_ok(d->user))
			return cli_opts_fail(
			    err, errcap, "bad user name '%s'",
			    cli_opts_shown(s, (size_t)(at - s), show_buf, sizeof(show_buf)));
		hp = at + 1;
	}
	return dest_hostport(hp, end, d, url, jump, err, errcap);
}

int cli_parse_dest(const char *s, struct cli_dest *d, char *err, size_t errcap)
{
	return parse_one(s, d, 0, err, errcap);
}

int cli_parse_jump(const char *s, struct cli_dest *d, char *err, size_t errcap)
{
	return parse_one(s, d, 1, err, errcap);
}

/* Appends the comma-separated hops of s to o->hops (an ssh:// URL is one
 * hop). */
int cli_opts_add_hops(struct cli_opts *o, const char *s, int jump, char *err, size_t errcap)
{
	char elem[DEST_MAX + 1], show_buf[64];
	const char *p = s, *comma;
	int whole = !jump && strncasecmp(s, "ssh://", 6) == 0;
	size_t n;

	do {
		comma = whole ? NULL : strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == 0)
			return cli_opts_fail(err, errcap, "empty host in '%s'", SHOWN(s));
		if (o->n_hops >= CLI_MAX_HOPS)
			return cli_opts_fail(err, errcap, "too many hops (at most %d)",
			                     CLI_MAX_HOPS);
		if (cli_opts_copy_str(elem, sizeof(elem), p, n))
			return cli_opts_fail(err, errcap, "destination too long: '%s'", SHOWN(s));
		if (parse_one(elem, &o->hops[o->n_hops], jump, err, errcap))
			return -1;
		o->n_hops++;
		p = comma ? comma + 1 : p + n;
	} while (comma);
	return 0;
}

/* Drops the -J hops (ProxyJump=none, or a new -J list). */
void cli_opts_drop_jump_hops(struct cli_opts *o)
{
	int k;

	for (k = o->n_jump; k < o->n_hops; k++)
		o->hops[k - o->n_jump] = o->hops[k];
	o->n_hops -= o->n_jump;
	o->n_jump = 0;
}

/* New jump hosts go in front of whatever hops there are. */
int cli_opts_set_jump_hosts(struct cli_opts *o, const char *list, char *err, size_t errcap)
{
	struct cli_dest rest[CLI_MAX_HOPS];
	int n_rest, k;

	cli_opts_drop_jump_hops(o);
	n_rest = o->n_hops;
	memcpy(rest, o->hops, sizeof(rest));
	o->n_hops = 0;
	if (cli_opts_add_hops(o, list, 1, err, errcap)) {
		memcpy(o->hops, rest, sizeof(rest));
		o->n_hops = n_rest;
		return -1;
	}
	o->n_jump = o->n_hops;
	if (o->n_hops + n_rest > CLI_MAX_HOPS) {
		memcpy(o->hops, rest, sizeof(rest));
		o->n_hops = n_rest;
		o->n_jump = 0;
		return cli_opts_fail(err, errcap, "too many hops (at most %d)", CLI_MAX_HOPS);
	}
	for (k = 0; k < n_rest; k++)
		o->hops[o->n_hops++] = rest[k];
	return 0;
}

/* dbclient's -J takes a program, OpenSSH's -J jump hosts: whitespace or a
 * leading '/' or '.' means a program. */
int cli_opts_set_J(struct cli_opts *o, const char *arg, char *err, size_t errcap)
{
	if (arg[0] == '/' || arg[0] == '.' || strpbrk(arg, " \t\n")) {
		o->proxy_command = arg;
		return 0;
	}
	return cli_opts_set_jump_hosts(o, arg, err, errcap);
}

/* ---- -b and -B --------------------------------------------------------- */

/* "[addr]:port", "addr:port", "addr", ":port", "[v6]" or a bare IPv6
 * address; need_port: both parts required (-B). */
int cli_opts_parse_addr_port(const char *s, char *host, unsigned *port, int need_port, char *err,
                             size_t errcap)
{
	struct cli_dest d;
	const char *colon = strrchr(s, ':');
	char show_buf[64];

	memset(&d, 0, sizeof(d));
	if (s[0] == '[' || (colon && count_of(s, s + strlen(s), ':') == 1)) {
		if (s[0] == ':') {
			d.host[0] = '\0';
			if (dest_port(s + 1, s + strlen(s), &d, err, errcap))
				return -1;
		} else if (dest_hostport(s, s + strlen(s), &d, 1, 1, err, errcap)) {
			return -1;
		}
	} else if (s[0]) {
		if (cli_opts_copy_str(d.host, sizeof(d.host), s, strlen(s)) || !cli_host_ok(d.host))
			return cli_opts_fail(err, errcap, "bad address '%s'", SHOWN(s));
	}
	if (need_port && (!d.host[0] || !d.port))
		return cli_opts_fail(err, errcap, "want host:port, not '%s'", SHOWN(s));
	if (!d.host[0] && !d.port)
		return cli_opts_fail(err, errcap, "want [address][:port], not '%s'", SHOWN(s));
	memcpy(host, d.host, sizeof(d.host));
	*port = d.port;
	return 0;
}

#endif /* SHREW_CLIENT */
