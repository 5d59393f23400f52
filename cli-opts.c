/*
 * cli-opts.c - the client's command line (see cli-opts.h): dbclient's
 * flags, OpenSSH's -o options, destinations, and what cli_opts_finish()
 * adds from the environment.
 *
 * Word rules (OpenSSH's and dbclient's, which agree here): a word starting
 * with '-' is a group of one-letter flags ("-qT", "-yy"); a flag taking a
 * value takes the rest of its word ("-p22") or else the next word ("-p
 * 22").  The first other word is the destination; flags may follow it;
 * the first non-flag word after it starts the command, and the command's
 * words are joined with single spaces.  "--" ends the flags for good: the
 * next word is the destination and everything after it is the command.
 *
 * Host and user names are checked here, once, against an allow-list
 * (cli_host_ok) and a deny-list (cli_user_ok): they later go into argv
 * vectors of inner hops and ProxyCommand lines, and a host that looks
 * like an option or a shell word must never get that far.
 */
#include "options.h"

#if SHREW_CLIENT

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common-err.h"
#include "cli-opts.h"

/* Longest destination element we look at ("ssh://user@[host]:port/"). */
#define DEST_MAX (SHREW_MAX_USERNAME + CLI_MAX_HOST + 24)

/* Formats a message into err and returns -1. */
static int fail(char *err, size_t errcap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errcap, const char *fmt, ...)
{
	va_list ap;

	if (errcap) {
		va_start(ap, fmt);
		vsnprintf(err, errcap, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* A printable excerpt of s[0..n) for messages: control and non-ASCII bytes
 * become '?', so an error never writes terminal escapes; at most 60. */
static const char *shown(const char *s, size_t n, char *buf, size_t cap)
{
	size_t i;

	if (n > 60)
		n = 60;
	if (n >= cap)
		n = cap - 1;
	for (i = 0; i < n; i++)
		buf[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	buf[n] = '\0';
	return buf;
}

#define SHOWN(s) shown((s), strlen(s), show_buf, sizeof(show_buf))

/* Decimal digits only, at least one; the value capped at max (sets
 * *over).  Returns 0, or -1 when not a number or below min. */
static int parse_num(const char *s, unsigned min, unsigned max, unsigned *v, int *over)
{
	unsigned long n = 0;
	size_t i;

	*over = 0;
	if (!s[0])
		return -1;
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (n <= max)
			n = n * 10 + (unsigned long)(s[i] - '0');
	}
	if (n > max) {
		*over = 1;
		n = max;
	}
	if (n < min)
		return -1;
	*v = (unsigned)n;
	return 0;
}

/* A number in [min, max], nothing else. */
static int parse_uint(const char *s, unsigned min, unsigned max, unsigned *v)
{
	int over;

	return parse_num(s, min, max, v, &over) || over ? -1 : 0;
}

static int parse_port(const char *s, unsigned *port, char *err, size_t errcap)
{
	char show_buf[64];

	if (parse_uint(s, 1, 65535, port))
		return fail(err, errcap, "bad port '%s' (want 1..65535)", SHOWN(s));
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

/* Copies s[0..n) into out (cap bytes) as a string; -1 if too long. */
static int copy_str(char *out, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

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

	if (copy_str(buf, sizeof(buf), p, (size_t)(end - p)))
		return fail(err, errcap, "bad port '%s' (want 1..65535)",
		            shown(p, (size_t)(end - p), show_buf, sizeof(show_buf)));
	return parse_port(buf, &d->port, err, errcap);
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
			return fail(err, errcap, "missing ']' in '%s'",
			            shown(p, (size_t)(end - p), show_buf, sizeof(show_buf)));
		h = p + 1;
		if (he + 1 < end) {
			if (he[1] != ':' && (url || (he[1] != '/' && he[1] != '^')))
				return fail(
				    err, errcap, "junk after ']' in '%s'",
				    shown(p, (size_t)(end - p), show_buf, sizeof(show_buf)));
			port = he + 2;
		}
	} else {
		he = host_end(p, end, url, jump);
		if (he < end)
			port = he + 1;
	}
	if (copy_str(d->host, sizeof(d->host), h, (size_t)(he - h)) || !cli_host_ok(d->host))
		return fail(err, errcap, "bad host name '%s'",
		            shown(h, (size_t)(he - h), show_buf, sizeof(show_buf)));
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
		if (copy_str(d->user, sizeof(d->user), s, (size_t)(at - s)) ||
		    !cli_user_ok(d->user))
			return fail(err, errcap, "bad user name '%s'",
			            shown(s, (size_t)(at - s), show_buf, sizeof(show_buf)));
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
static int add_hops(struct cli_opts *o, const char *s, int jump, char *err, size_t errcap)
{
	char elem[DEST_MAX + 1], show_buf[64];
	const char *p = s, *comma;
	int whole = !jump && strncasecmp(s, "ssh://", 6) == 0;
	size_t n;

	do {
		comma = whole ? NULL : strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (n == 0)
			return fail(err, errcap, "empty host in '%s'", SHOWN(s));
		if (o->n_hops >= CLI_MAX_HOPS)
			return fail(err, errcap, "too many hops (at most %d)", CLI_MAX_HOPS);
		if (copy_str(elem, sizeof(elem), p, n))
			return fail(err, errcap, "destination too long: '%s'", SHOWN(s));
		if (parse_one(elem, &o->hops[o->n_hops], jump, err, errcap))
			return -1;
		o->n_hops++;
		p = comma ? comma + 1 : p + n;
	} while (comma);
	return 0;
}

/* Drops the -J hops (ProxyJump=none, or a new -J list). */
static void drop_jump_hops(struct cli_opts *o)
{
	int k;

	for (k = o->n_jump; k < o->n_hops; k++)
		o->hops[k - o->n_jump] = o->hops[k];
	o->n_hops -= o->n_jump;
	o->n_jump = 0;
}

/* New jump hosts go in front of whatever hops there are. */
static int set_jump_hosts(struct cli_opts *o, const char *list, char *err, size_t errcap)
{
	struct cli_dest rest[CLI_MAX_HOPS];
	int n_rest, k;

	drop_jump_hops(o);
	n_rest = o->n_hops;
	memcpy(rest, o->hops, sizeof(rest));
	o->n_hops = 0;
	if (add_hops(o, list, 1, err, errcap)) {
		memcpy(o->hops, rest, sizeof(rest));
		o->n_hops = n_rest;
		return -1;
	}
	o->n_jump = o->n_hops;
	if (o->n_hops + n_rest > CLI_MAX_HOPS) {
		memcpy(o->hops, rest, sizeof(rest));
		o->n_hops = n_rest;
		o->n_jump = 0;
		return fail(err, errcap, "too many hops (at most %d)", CLI_MAX_HOPS);
	}
	for (k = 0; k < n_rest; k++)
		o->hops[o->n_hops++] = rest[k];
	return 0;
}

/* dbclient's -J takes a program, OpenSSH's -J jump hosts: whitespace or a
 * leading '/' or '.' means a program. */
static int set_J(struct cli_opts *o, const char *arg, char *err, size_t errcap)
{
	if (arg[0] == '/' || arg[0] == '.' || strpbrk(arg, " \t\n")) {
		o->proxy_command = arg;
		return 0;
	}
	return set_jump_hosts(o, arg, err, errcap);
}

/* ---- -b and -B --------------------------------------------------------- */

/* "[addr]:port", "addr:port", "addr", ":port", "[v6]" or a bare IPv6
 * address; need_port: both parts required (-B). */
static int parse_addr_port(const char *s, char *host, unsigned *port, int need_port, char *err,
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
		if (copy_str(d.host, sizeof(d.host), s, strlen(s)) || !cli_host_ok(d.host))
			return fail(err, errcap, "bad address '%s'", SHOWN(s));
	}
	if (need_port && (!d.host[0] || !d.port))
		return fail(err, errcap, "want host:port, not '%s'", SHOWN(s));
	if (!d.host[0] && !d.port)
		return fail(err, errcap, "want [address][:port], not '%s'", SHOWN(s));
	memcpy(host, d.host, sizeof(d.host));
	*port = d.port;
	return 0;
}

/* ---- -o options ---------------------------------------------------------- */

enum opt_kind {
	OK_BOOL,     /* int field: yes/no */
	OK_IGNORED,  /* yes/no accepted, no effect (Compression) */
	OK_OFF,      /* a feature shrew lacks: only its "off" value is taken */
	OK_SENDENV,  /* SendEnv */
	OK_UINT,     /* unsigned field in [0, max] */
	OK_PORT,     /* Port */
	OK_USER,     /* User */
	OK_IDENTITY, /* IdentityFile */
	OK_KNOWN,    /* UserKnownHostsFile */
	OK_STRICT,   /* StrictHostKeyChecking */
	OK_TTY,      /* RequestTTY */
	OK_ESCAPE,   /* EscapeChar */
	OK_LOGLEVEL, /* LogLevel */
	OK_FAMILY,   /* AddressFamily */
	OK_HOSTNAME, /* HostName */
	OK_PROXYCMD, /* ProxyCommand */
	OK_JUMP,     /* ProxyJump */
	OK_ALGO      /* Ciphers, MACs, KexAlgorithms, HostKeyAlgorithms */
};

struct ssh_opt {
	const char *name;
	unsigned char kind;
	unsigned short off; /* offsetof(struct cli_opts, field) */
	unsigned max;
};

#define O_BOOL(n, f)                                        \
	{                                                   \
		n, OK_BOOL, offsetof(struct cli_opts, f), 0 \
	}
#define O_UINT(n, f, m)                                     \
	{                                                   \
		n, OK_UINT, offsetof(struct cli_opts, f), m \
	}
/* w: OFF_NO, OFF_NONE or OFF_ANY (yes and no both mean nothing here) */
enum { OFF_NO, OFF_NONE, OFF_ANY };
#define O_OFF(n, w)             \
	{                       \
		n, OK_OFF, 0, w \
	}
#define O_KIND(n, k)       \
	{                  \
		n, k, 0, 0 \
	}

static const struct ssh_opt ssh_opts[] = {
    O_BOOL("BatchMode", batch),
    O_BOOL("ForwardAgent", forward_agent),
    O_BOOL("IdentitiesOnly", identities_only),
    O_BOOL("PasswordAuthentication", password_auth),
    O_BOOL("KbdInteractiveAuthentication", kbdint_auth),
    O_BOOL("ChallengeResponseAuthentication", kbdint_auth),
    O_BOOL("PubkeyAuthentication", pubkey_auth),
    O_UINT("ServerAliveInterval", keepalive, CLI_MAX_SECONDS),
    O_UINT("ServerAliveCountMax", keepalive_max, 1000000),
    O_UINT("ConnectTimeout", connect_timeout, CLI_MAX_SECONDS),
    O_UINT("NumberOfPasswordPrompts", auth_tries, 1000),
    O_KIND("Compression", OK_IGNORED),
    /* what OpenSSH's scp and sftp (-S), git and scripts pass to turn
     * features off that shrew does not have */
    O_OFF("ForwardX11", OFF_NO),
    O_OFF("ForwardX11Trusted", OFF_ANY),
    O_OFF("PermitLocalCommand", OFF_ANY),
    O_OFF("ClearAllForwardings", OFF_ANY),
    O_OFF("ExitOnForwardFailure", OFF_ANY),
    O_OFF("RemoteCommand", OFF_NONE),
    O_OFF("ControlMaster", OFF_NO),
    O_OFF("ControlPath", OFF_NONE),
    O_OFF("Tunnel", OFF_NO),
    O_OFF("GSSAPIAuthentication", OFF_NO),
    O_OFF("UpdateHostKeys", OFF_ANY),
    O_OFF("CheckHostIP", OFF_ANY),
    O_OFF("HashKnownHosts", OFF_ANY),
    O_KIND("Port", OK_PORT),
    O_KIND("User", OK_USER),
    O_KIND("IdentityFile", OK_IDENTITY),
    O_KIND("UserKnownHostsFile", OK_KNOWN),
    O_KIND("StrictHostKeyChecking", OK_STRICT),
    O_KIND("RequestTTY", OK_TTY),
    O_KIND("EscapeChar", OK_ESCAPE),
    O_KIND("LogLevel", OK_LOGLEVEL),
    O_KIND("AddressFamily", OK_FAMILY),
    O_KIND("HostName", OK_HOSTNAME),
    O_KIND("ProxyCommand", OK_PROXYCMD),
    O_KIND("SendEnv", OK_SENDENV),
    O_KIND("ProxyJump", OK_JUMP),
    O_KIND("Ciphers", OK_ALGO),
    O_KIND("MACs", OK_ALGO),
    O_KIND("KexAlgorithms", OK_ALGO),
    O_KIND("HostKeyAlgorithms", OK_ALGO),
};

#define N_SSH_OPTS (sizeof(ssh_opts) / sizeof(ssh_opts[0]))

/* The index of v (case-insensitive) in the NULL-terminated words, or -1. */
static int word_index(const char *v, const char *const *words)
{
	int i;

	for (i = 0; words[i]; i++)
		if (strcasecmp(v, words[i]) == 0)
			return i;
	return -1;
}

/* yes/true: 1, no/false: 0, else -1. */
static int parse_bool(const char *v)
{
	static const char *const words[] = {"no", "yes", "false", "true", NULL};
	int i = word_index(v, words);

	return i < 0 ? -1 : i % 2;
}

/* -e / EscapeChar: "none", one character, or "^X" (control-X). */
static int set_escape(struct cli_opts *o, const char *v, char *err, size_t errcap)
{
	char show_buf[64];

	if (strcasecmp(v, "none") == 0)
		o->escape_char = -1;
	else if (v[0] == '^' && v[1] >= '@' && v[1] <= '_' && !v[2])
		o->escape_char = v[1] & 0x1f;
	else if (v[0] && !v[1] && (unsigned char)v[0] < 0x80)
		o->escape_char = (unsigned char)v[0];
	else
		return fail(err, errcap, "bad escape character '%s' (one character, ^X or none)",
		            SHOWN(v));
	return 0;
}

static int add_identity(struct cli_opts *o, const char *path, char *err, size_t errcap)
{
	if (!path[0])
		return fail(err, errcap, "empty identity file name");
	if (o->n_identities >= CLI_MAX_IDENTITIES)
		return fail(err, errcap, "too many identity files (at most %d)",
		            CLI_MAX_IDENTITIES);
	o->identities[o->n_identities++] = path;
	return 0;
}

/* Records an algorithm list option for the inner hops. */
static int add_pass(struct cli_opts *o, char flag, const char *arg, char *err, size_t errcap)
{
	if (o->n_pass >= CLI_MAX_PASS)
		return fail(err, errcap, "too many algorithm options (at most %d)", CLI_MAX_PASS);
	o->pass[o->n_pass].flag = flag;
	o->pass[o->n_pass++].arg = arg;
	return 0;
}

static int set_strict(struct cli_opts *o, const char *v)
{
	static const char *const words[] = {"ask", "yes", "accept-new", "no", "off", NULL};
	static const enum cli_hostkey_policy pol[] = {CLI_HK_ASK, CLI_HK_YES, CLI_HK_ACCEPT_NEW,
	                                              CLI_HK_OFF, CLI_HK_OFF};
	int i = word_index(v, words);

	if (i < 0)
		return -1;
	o->hostkey_policy = pol[i];
	return 0;
}

static int set_loglevel(struct cli_opts *o, const char *v)
{
	static const char *const words[] = {"QUIET", "FATAL",  "ERROR",  "INFO",   "VERBOSE",
	                                    "DEBUG", "DEBUG1", "DEBUG2", "DEBUG3", NULL};
	static const signed char verb[] = {-1, -1, -1, 0, 0, 1, 1, 2, 3};
	int i = word_index(v, words);

	if (i < 0)
		return -1;
	o->quiet = verb[i] < 0;
	o->verbose = verb[i] < 0 ? 0 : verb[i];
	return 0;
}

static int set_known_hosts(struct cli_opts *o, const char *v, char *err, size_t errcap)
{
	size_t n = strcspn(v, " \t");
	char show_buf[64];

	if (copy_str(o->known_hosts_buf, sizeof(o->known_hosts_buf), v, n))
		return fail(err, errcap, "UserKnownHostsFile too long: '%s'", SHOWN(v));
	o->known_hosts = o->known_hosts_buf;
	return 0;
}

/* Options whose value is a word of a small set. */
static int apply_word(struct cli_opts *o, int kind, const char *v)
{
	static const char *const tty[] = {"auto", "no", "yes", "force", NULL};
	static const char *const fam[] = {"any", "inet", "inet6", NULL};
	int i;

	switch (kind) {
	case OK_STRICT: return set_strict(o, v);
	case OK_LOGLEVEL: return set_loglevel(o, v);
	case OK_TTY:
		if ((i = word_index(v, tty)) < 0)
			return -1;
		o->tty = (enum cli_tty)i;
		return 0;
	case OK_FAMILY:
		if ((i = word_index(v, fam)) < 0)
			return -1;
		o->address_family = i == 0 ? 0 : i == 1 ? 4 : 6;
		return 0;
	}
	return -1;
}

/* Applies option e with value v (opt: the whole option, for lists). */
static int apply_opt(struct cli_opts *o, const struct ssh_opt *e, const char *opt, const char *v,
                     char *err, size_t errcap)
{
	char *base = (char *)o, show_buf[64];
	int b;

	switch (e->kind) {
	case OK_BOOL:
	case OK_IGNORED:
		if ((b = parse_bool(v)) < 0)
			return fail(err, errcap, "%s: want yes or no, not '%s'", e->name, SHOWN(v));
		if (e->kind == OK_BOOL)
			*(int *)(void *)(base + e->off) = b;
		return 0;
	case OK_UINT:
		if (parse_uint(v, 0, e->max, (unsigned *)(void *)(base + e->off)))
			return fail(err, errcap, "%s: want a number 0..%u, not '%s'", e->name,
			            e->max, SHOWN(v));
		return 0;
	case OK_OFF:
		if (e->max == OFF_ANY ? parse_bool(v) >= 0
		                      : strcasecmp(v, e->max == OFF_NO ? "no" : "none") == 0)
			return 0;
		return fail(err, errcap, "%s %s: not supported (only %s)", e->name, SHOWN(v),
		            e->max == OFF_ANY  ? "yes or no, no effect"
		            : e->max == OFF_NO ? "no"
		                               : "none");
	case OK_PORT: return parse_port(v, &o->default_port, err, errcap);
	case OK_USER:
		if (!cli_user_ok(v))
			return fail(err, errcap, "bad user name '%s'", SHOWN(v));
		o->default_user = v;
		return 0;
	case OK_IDENTITY: return add_identity(o, v, err, errcap);
	case OK_KNOWN: return set_known_hosts(o, v, err, errcap);
	case OK_ESCAPE: return set_escape(o, v, err, errcap);
	case OK_HOSTNAME:
		if (copy_str(o->host_name, sizeof(o->host_name), v, strlen(v)) ||
		    !cli_host_ok(o->host_name)) {
			o->host_name[0] = '\0';
			return fail(err, errcap, "bad host name '%s'", SHOWN(v));
		}
		return 0;
	case OK_SENDENV:
		if (o->n_send_env >= CLI_MAX_SEND_ENV)
			return fail(err, errcap, "too many SendEnv options (%d at most)",
			            CLI_MAX_SEND_ENV);
		o->send_env[o->n_send_env++] = v;
		return 0;
	case OK_PROXYCMD: o->proxy_command = strcasecmp(v, "none") == 0 ? NULL : v; return 0;
	case OK_JUMP:
		if (strcasecmp(v, "none") == 0) {
			drop_jump_hops(o);
			return 0;
		}
		return set_jump_hosts(o, v, err, errcap);
	case OK_ALGO:
		if (algo_prefs_option(&o->algos, opt, err, errcap) != E_OK)
			return -1;
		return add_pass(o, 'o', opt, err, errcap);
	}
	if (apply_word(o, e->kind, v))
		return fail(err, errcap, "%s: bad value '%s'", e->name, SHOWN(v));
	return 0;
}

int cli_opts_option(struct cli_opts *o, const char *opt, char *err, size_t errcap)
{
	size_t klen = strcspn(opt, "= \t"), i;
	const char *v = opt + klen;
	char show_buf[64];

	v += strspn(v, " \t");
	if (*v == '=')
		v++;
	v += strspn(v, " \t");
	for (i = 0; i < N_SSH_OPTS; i++) {
		const struct ssh_opt *e = &ssh_opts[i];

		if (strlen(e->name) != klen || strncasecmp(opt, e->name, klen) != 0)
			continue;
		if (!*v)
			return fail(err, errcap, "option %s needs a value", e->name);
		return apply_opt(o, e, opt, v, err, errcap);
	}
	return fail(err, errcap, "unknown option '%s' (see -h for the -o options shrew knows)",
	            shown(opt, klen, show_buf, sizeof(show_buf)));
}

/* ---- Flags --------------------------------------------------------------- */

/* What one parse remembers between words. */
struct parse_state {
	int y, t; /* -y and -t counts */
	int jump_seen;
};

/* Letters that take a value. */
static const char flags_with_value[] = "plicmbBJKIWMoeFLRDE";

/* -c / -m: a list, as Ciphers= / MACs= take it. */
static int set_list(struct cli_opts *o, char flag, const char *v, char *err, size_t errcap)
{
	char buf[1024], show_buf[64];

	if ((size_t)snprintf(buf, sizeof(buf), "%s=%s", flag == 'c' ? "Ciphers" : "MACs", v) >=
	    sizeof(buf))
		return fail(err, errcap, "-%c list too long: '%s'", flag, SHOWN(v));
	if (algo_prefs_option(&o->algos, buf, err, errcap) != E_OK)
		return -1;
	return add_pass(o, flag, v, err, errcap);
}

/* -K, -I, -M seconds; -W bytes (clamped above, with a warning). */
static int set_number(struct cli_opts *o, char flag, const char *v, char *err, size_t errcap)
{
	unsigned *field = flag == 'K'   ? &o->keepalive
	                  : flag == 'I' ? &o->idle_timeout
	                                : &o->max_duration;
	unsigned w;
	char show_buf[64];
	int over;

	if (flag != 'W') {
		if (parse_uint(v, 0, CLI_MAX_SECONDS, field))
			return fail(err, errcap, "-%c: want seconds 0..%u, not '%s'", flag,
			            CLI_MAX_SECONDS, SHOWN(v));
		return 0;
	}
	if (parse_num(v, CLI_MIN_WINDOW, CLI_MAX_WINDOW, &w, &over))
		return fail(err, errcap, "-W: want bytes %u..%u, not '%s'", CLI_MIN_WINDOW,
		            CLI_MAX_WINDOW, SHOWN(v));
	if (over)
		snprintf(o->warning, sizeof(o->warning), "-W %.20s is too large, using %u",
		         SHOWN(v), CLI_MAX_WINDOW);
	o->recv_window = w;
	return 0;
}

static int flag_value(struct cli_opts *o, struct parse_state *st, char c, const char *v, char *err,
                      size_t errcap)
{
	char show_buf[64];

	switch (c) {
	case 'p': return parse_port(v, &o->default_port, err, errcap);
	case 'l':
		if (!cli_user_ok(v))
			return fail(err, errcap, "bad user name '%s'", SHOWN(v));
		o->default_user = v;
		return 0;
	case 'i': return add_identity(o, v, err, errcap);
	case 'c':
	case 'm': return set_list(o, c, v, err, errcap);
	case 'b':
		if (parse_addr_port(v, o->bind_buf, &o->bind_port, 0, err, errcap))
			return -1;
		o->bind_addr = o->bind_buf[0] ? o->bind_buf : NULL;
		return 0;
	case 'B':
		if (parse_addr_port(v, o->netcat_buf, &o->netcat_port, 1, err, errcap))
			return -1;
		o->netcat_host = o->netcat_buf;
		return 0;
	case 'J':
		if (st->jump_seen++)
			return fail(err, errcap, "only one -J is allowed");
		return set_J(o, v, err, errcap);
	case 'K':
	case 'I':
	case 'M':
	case 'W': return set_number(o, c, v, err, errcap);
	case 'o': return cli_opts_option(o, v, err, errcap);
	case 'e': return set_escape(o, v, err, errcap);
	case 'F': return fail(err, errcap, "-F: shrew reads no configuration file; use -o options");
	case 'E': return fail(err, errcap, "-E: no log file; diagnostics go to stderr");
	}
	return fail(err, errcap, "-%c: port forwarding is not supported by this client", c);
}

/* Returns 0, -1 (error) or 1 (-h / -V). */
static int flag_plain(struct cli_opts *o, struct parse_state *st, char c, char *err, size_t errcap)
{
	switch (c) {
	case 'y': o->hostkey_policy = ++st->y >= 2 ? CLI_HK_OFF : CLI_HK_ACCEPT_NEW; return 0;
	case 't': o->tty = ++st->t >= 2 ? CLI_TTY_FORCE : CLI_TTY_YES; return 0;
	case 'T': o->tty = CLI_TTY_NO; return 0;
	case 'N': o->no_command = 1; return 0;
	case 'f': o->background = 1; return 0;
	case 'q': o->quiet = 1; return 0;
	case 's': o->subsystem = 1; return 0;
	case 'A':
	case 'a': o->forward_agent = c == 'A'; return 0;
	case 'z': o->no_qos = 1; return 0;
	case 'v': o->verbose++; return 0;
	case 'n': o->stdin_null = 1; return 0;
	case '4':
	case '6': o->address_family = c - '0'; return 0;
	case 'C': /* no compression built in */
	case 'x': /* X11 is never forwarded */
	case 'g': /* only matters with -L */ return 0;
	case 'h':
	case 'V': o->print = c; return 1;
	case 'X':
	case 'Y': return fail(err, errcap, "-%c: X11 forwarding is not supported", c);
	}
	if (c > 0x20 && c < 0x7f)
		return fail(err, errcap, "unknown flag -%c (see -h)", c);
	return fail(err, errcap, "unknown flag (byte 0x%02x; see -h)", (unsigned)(unsigned char)c);
}

/* One word of flags (argv[*i], without the '-'); may take argv[*i + 1]. */
static int flag_word(struct cli_opts *o, struct parse_state *st, int argc, char **argv, int *i,
                     char *err, size_t errcap)
{
	const char *w = argv[*i] + 1;
	size_t j;
	int rc;

	for (j = 0; w[j]; j++) {
		if (strchr(flags_with_value, w[j])) {
			const char *v = w[j + 1] ? w + j + 1 : NULL;

			if (!v && *i + 1 < argc)
				v = argv[++*i];
			if (!v)
				return fail(err, errcap, "-%c needs a value", w[j]);
			return flag_value(o, st, w[j], v, err, errcap);
		}
		rc = flag_plain(o, st, w[j], err, errcap);
		if (rc)
			return rc;
	}
	return 0;
}

/* The words argv[i..argc-1] joined by spaces into o->command. */
static int join_command(struct cli_opts *o, int i, int argc, char **argv, char *err, size_t errcap)
{
	size_t len = 0, at = 0, n;
	int k;

	if (i >= argc)
		return 0;
	if (i == argc - 1) {
		o->command = argv[i];
		return 0;
	}
	for (k = i; k < argc; k++)
		len += strlen(argv[k]) + 1;
	o->cmd_buf = malloc(len);
	if (!o->cmd_buf)
		return fail(err, errcap, "out of memory");
	for (k = i; k < argc; k++) {
		n = strlen(argv[k]);
		memcpy(o->cmd_buf + at, argv[k], n);
		at += n;
		o->cmd_buf[at++] = k + 1 < argc ? ' ' : '\0';
	}
	o->command = o->cmd_buf;
	return 0;
}

int cli_opts_parse(struct cli_opts *o, int argc, char **argv, char *err, size_t errcap)
{
	struct parse_state st = {0, 0, 0};
	const char *dest = NULL;
	int i, rc, dashdash = 0;

	if (errcap)
		err[0] = '\0';
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!dashdash && strcmp(a, "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (dashdash || a[0] != '-' || !a[1]) {
			if (dest || dashdash)
				break;
			dest = a;
			continue;
		}
		rc = flag_word(o, &st, argc, argv, &i, err, errcap);
		if (rc)
			return rc;
	}
	if (dashdash && !dest && i < argc)
		dest = argv[i++];
	if (!dest)
		return fail(err, errcap, "no destination given (see -h)");
	if (add_hops(o, dest, 0, err, errcap))
		return -1;
	if (o->host_name[0])
		memcpy(o->hops[o->n_hops - 1].host, o->host_name, sizeof(o->host_name));
	return join_command(o, i, argc, argv, err, errcap);
}

/* ---- Defaults and the environment ---------------------------------------- */

void cli_opts_init(struct cli_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->tty = CLI_TTY_AUTO;
	o->hostkey_policy = CLI_HK_ASK;
	o->keepalive_max = 3;
	o->escape_char = '~';
	o->password_auth = 1;
	o->kbdint_auth = 1;
	o->pubkey_auth = 1;
	o->auth_tries = 3;
	algo_prefs_default(&o->algos);
}

void cli_opts_free(struct cli_opts *o)
{
	free(o->cmd_buf);
	o->cmd_buf = NULL;
	o->command = NULL;
}

/* a then b as one string in o->paths; NULL when there is no room. */
static const char *store_path(struct cli_opts *o, const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *p = o->paths + o->paths_used;

	if (na + nb >= CLI_MAX_PATH || na + nb + 1 > sizeof(o->paths) - o->paths_used)
		return NULL;
	memcpy(p, a, na);
	memcpy(p + na, b, nb + 1);
	o->paths_used += na + nb + 1;
	return p;
}

/* A leading "~/" (or a lone "~") replaced by home; "~user" refused. */
static int expand_home(struct cli_opts *o, const char **path, const char *home, char *err,
                       size_t errcap)
{
	const char *p = *path, *out;
	char show_buf[64];

	if (p[0] != '~')
		return 0;
	if (p[1] && p[1] != '/')
		return fail(err, errcap, "'%s': only ~/ is expanded, not ~user/", SHOWN(p));
	if (!home || !home[0])
		return fail(err, errcap, "'%s': no home directory to expand ~ in", SHOWN(p));
	out = store_path(o, home, p + 1);
	if (!out)
		return fail(err, errcap, "'%s': path too long", SHOWN(p));
	*path = out;
	return 0;
}

static const char *const default_ids[] = {
#if SHREW_ED25519
    "/.ssh/id_ed25519",
#endif
#if SHREW_ECDSA
    "/.ssh/id_ecdsa",
#endif
#if SHREW_RSA
    "/.ssh/id_rsa",
#endif
    "/.ssh/id_dropbear",
};

static int fill_identities(struct cli_opts *o, const char *home, char *err, size_t errcap)
{
	size_t k;
	int i;

	if (o->n_identities == 0 && home && home[0]) {
		for (k = 0; k < sizeof(default_ids) / sizeof(default_ids[0]); k++) {
			const char *p = store_path(o, home, default_ids[k]);

			if (!p)
				return fail(err, errcap, "home directory path too long");
			o->identities[o->n_identities++] = p;
		}
		o->identities_default = 1;
	}
	for (i = 0; i < o->n_identities; i++)
		if (expand_home(o, &o->identities[i], home, err, errcap))
			return -1;
	return 0;
}

/* Combinations that cannot work. */
static int check_combinations(const struct cli_opts *o, char *err, size_t errcap)
{
	if (o->n_hops < 1)
		return fail(err, errcap, "no destination given (see -h)");
	if (o->subsystem && !o->command)
		return fail(err, errcap, "-s needs a subsystem name as the command");
	if (o->no_command && o->command)
		return fail(err, errcap, "-N runs no command, but a command was given");
	if (o->netcat_host && o->command)
		return fail(err, errcap, "-B forwards stdin/stdout; it takes no command");
	if (o->netcat_host && (o->no_command || o->subsystem))
		return fail(err, errcap, "-B cannot be combined with -N or -s");
	if (o->background && !o->command && !o->no_command)
		return fail(err, errcap, "-f needs a command (or -N)");
	return 0;
}

int cli_opts_finish(struct cli_opts *o, const char *home, const char *local_user, char *err,
                    size_t errcap)
{
	if (errcap)
		err[0] = '\0';
	if (local_user && local_user[0] && !o->local_user) {
		o->local_user = store_path(o, local_user, "");
		if (!o->local_user)
			return fail(err, errcap, "local user name too long");
	}
	if (fill_identities(o, home, err, errcap))
		return -1;
	if (o->known_hosts && expand_home(o, &o->known_hosts, home, err, errcap))
		return -1;
	if (o->host_name[0] && o->n_hops > 0)
		memcpy(o->hops[o->n_hops - 1].host, o->host_name, sizeof(o->host_name));
	return check_combinations(o, err, errcap);
}

const char *cli_hop_user(const struct cli_opts *o, int i, const char *local_user)
{
	if (i >= 0 && i < o->n_hops && o->hops[i].user[0])
		return o->hops[i].user;
	if (i == o->n_hops - 1 && o->default_user)
		return o->default_user;
	return local_user;
}

unsigned cli_hop_port(const struct cli_opts *o, int i)
{
	if (i >= 0 && i < o->n_hops && o->hops[i].port)
		return o->hops[i].port;
	if (i == o->n_hops - 1 && o->default_port)
		return o->default_port;
	return 22;
}

/* ---- Usage ---------------------------------------------------------------- */

const char cli_usage[] =
    "Usage: shrew [flags] destination [flags] [command [argument ...]]\n"
    "A small SSH-2 client; also answers to 'dbclient' and takes its flags.\n"
    "\n"
    "Destination:\n"
    "  [user@]host            user: everything before the last '@'\n"
    "  [user@]host/port       dbclient's port forms (also host^port)\n"
    "  [user@][v6addr][:port] an IPv6 address in brackets (or bare: ::1)\n"
    "  ssh://[user@]host[:port]   URL form (IPv6 as ssh://[::1]:22)\n"
    "  hop1,hop2,...,host     dbclient's multihop: log in to each through\n"
    "                         the previous ones; each hop its own\n"
    "                         [user@]host[/port]\n"
    "Host names are letters, digits, '.', '-', '_' (':' and '%' in IPv6\n"
    "addresses); user names may not hold spaces, '/', ',', ':' or shell\n"
    "characters, nor start with '-'.  Flags may come before and right after\n"
    "the destination; the first other word starts the command, whose words\n"
    "are joined with single spaces.  '--' ends the flags: the next word is\n"
    "the destination, the rest the command.\n"
    "\n"
    "Flags (grouped as -qT, values attached -p22 or separate -p 22):\n"
    "  -p port        port of the destination (default 22)\n"
    "  -l user        user on the destination (default: your login name)\n"
    "  -i file        identity (private key) file; repeatable; default\n"
    "                 ~/.ssh/id_ed25519, id_ecdsa, id_rsa, then id_dropbear\n"
    "  -y             accept and save unknown host keys (changed keys are\n"
    "                 still refused); -yy: no host key check at all\n"
    "  -t             request a pty (when stdin is a terminal); -tt: always\n"
    "  -T             request no pty\n"
    "  -N             run no command (with -f: just stay connected)\n"
    "  -f             go to the background after authentication\n"
    "  -n             read stdin from /dev/null\n"
    "  -q             quiet: errors only\n"
    "  -v             verbose (repeat for more)\n"
    "  -s             the command is a subsystem name (e.g. sftp)\n"
    "  -A             forward the authentication agent; -a: do not\n"
    "  -B host:port   netcat mode: stdin/stdout to host:port, as seen from\n"
    "                 the destination (IPv6: [addr]:port)\n"
    "  -J hosts       jump hosts, [user@]host[:port] or ssh:// URLs, comma\n"
    "                 separated (OpenSSH's ProxyJump)\n"
    "  -J 'program'   an argument with whitespace, or starting with '/' or\n"
    "                 '.', is dbclient's proxy program: run by /bin/sh, its\n"
    "                 stdin/stdout replace the TCP connection\n"
    "  -b [addr][:port]  local address and/or port to connect from\n"
    "  -4 / -6        IPv4 / IPv6 only\n"
    "  -c ciphers     cipher list, as -o Ciphers= takes it\n"
    "  -m macs        MAC list, as -o MACs= takes it\n"
    "  -K seconds     keepalive interval (0: off; ServerAliveInterval)\n"
    "  -I seconds     disconnect after this long without traffic (0: never)\n"
    "  -M seconds     disconnect after this long in all (0: never)\n"
    "  -W bytes       receive window (4096 .. 10485760)\n"
    "  -e char        escape character ('~'; ^X for control-X; none)\n"
    "  -z             no IP type-of-service marking\n"
    "  -o option      an OpenSSH option, Name=value or 'Name value' (below)\n"
    "  -C, -x, -g     accepted, no effect (no compression is built in; X11\n"
    "                 is never forwarded; -g only matters with -L)\n"
    "  -V             print the version and exit\n"
    "  -h             print this help and exit\n"
    "Not supported (refused with a message): -L -R -D (port forwarding),\n"
    "-X -Y (X11), -F (no configuration file is read: use -o), -E.\n"
    "\n"
    "-o options (names in any case):\n"
    "  BatchMode yes|no            never prompt (passwords, host keys)\n"
    "  StrictHostKeyChecking yes|accept-new|ask|no|off\n"
    "  UserKnownHostsFile file     (the first one of a list; /dev/null ok)\n"
    "  IdentityFile file           as -i (repeatable; ~/ is expanded)\n"
    "  IdentitiesOnly yes|no       no agent keys\n"
    "  User name, Port n, HostName host (the host of the last hop)\n"
    "  ServerAliveInterval s, ServerAliveCountMax n, ConnectTimeout s\n"
    "  ProxyCommand cmd|none       %h %p %r %n %% are replaced (each value\n"
    "                              single-quoted for /bin/sh)\n"
    "  ProxyJump hosts|none        as -J hosts\n"
    "  ForwardAgent yes|no\n"
    "  SendEnv patterns            send matching environment variables (the\n"
    "                              server decides which it takes; repeatable)\n"
    "  Ciphers, MACs, KexAlgorithms, HostKeyAlgorithms list\n"
    "                              'a,b' replaces, '+a' appends, '-a' removes,\n"
    "                              '^a' puts first; '*' and '?' match\n"
    "  RequestTTY yes|no|force|auto\n"
    "  PasswordAuthentication, KbdInteractiveAuthentication (or\n"
    "    ChallengeResponseAuthentication), PubkeyAuthentication yes|no\n"
    "  NumberOfPasswordPrompts n, EscapeChar c\n"
    "  LogLevel QUIET|FATAL|ERROR|INFO|VERBOSE|DEBUG|DEBUG1..3\n"
    "  AddressFamily any|inet|inet6\n"
    "  Compression yes|no          accepted, no effect\n"
    "  Accepted with the value that turns off what shrew does not have:\n"
    "    ForwardX11 no, ControlMaster no, Tunnel no, GSSAPIAuthentication no,\n"
    "    RemoteCommand none, ControlPath none; and, with yes or no, no effect:\n"
    "    ForwardX11Trusted, PermitLocalCommand, ClearAllForwardings,\n"
    "    ExitOnForwardFailure, UpdateHostKeys, CheckHostIP, HashKnownHosts\n"
    "    (new known_hosts lines are always hashed)\n"
    "Jump hosts get -i, host key, BatchMode, -q/-v, timeouts and algorithm\n"
    "options too; -l/-p/User/Port apply to the destination only.\n"
    "\n"
    "Escapes (after a newline, with a pty): ~. disconnect, ~^Z suspend,\n"
    "~? list escapes, ~~ send one ~.\n"
    "\n"
    "Exit status: the remote command's; 128+N when it died of signal N;\n"
    "255 when the connection or authentication failed.\n";

#endif /* SHREW_CLIENT */
