/*
 * cli-opts.c - the client's command line (see cli-opts.h): dbclient's
 * flags and their words, and what cli_opts_finish() adds from the
 * environment.  Destinations are in cli-opts-dest.c, the OpenSSH -o
 * options in cli-opts-ssh.c, the -h text in cli-opts-usage.c.
 *
 * Word rules (OpenSSH's and dbclient's, which agree here): a word starting
 * with '-' is a group of one-letter flags ("-qT", "-yy"); a flag taking a
 * value takes the rest of its word ("-p22") or else the next word ("-p
 * 22").  The first other word is the destination; flags may follow it;
 * the first non-flag word after it starts the command, and the command's
 * words are joined with single spaces.  "--" ends the flags for good: the
 * next word is the destination and everything after it is the command.
 */
#include "options.h"

#if SHREW_CLIENT

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common-err.h"
#include "cli-opts.h"
#include "cli-opts-int.h"

/* ---- Helpers shared by the cli-opts*.c files ------------------------------ */

/* Formats a message into err and returns -1. */
int cli_opts_fail(char *err, size_t errcap, const char *fmt, ...)
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
const char *cli_opts_shown(const char *s, size_t n, char *buf, size_t cap)
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

/* Copies s[0..n) into out (cap bytes) as a string; -1 if too long. */
int cli_opts_copy_str(char *out, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

/* Decimal digits only, at least one; the value capped at max (sets
 * *over).  Returns 0, or -1 when not a number or below min. */
int cli_opts_parse_num(const char *s, unsigned min, unsigned max, unsigned *v, int *over)
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
int cli_opts_parse_uint(const char *s, unsigned min, unsigned max, unsigned *v)
{
	int over;

	return cli_opts_parse_num(s, min, max, v, &over) || over ? -1 : 0;
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
		return cli_opts_fail(err, errcap, "-%c list too long: '%s'", flag, SHOWN(v));
	if (algo_prefs_option(&o->algos, buf, err, errcap) != E_OK)
		return -1;
	return cli_opts_add_pass(o, flag, v, err, errcap);
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
		if (cli_opts_parse_uint(v, 0, CLI_MAX_SECONDS, field))
			return cli_opts_fail(err, errcap, "-%c: want seconds 0..%u, not '%s'", flag,
			                     CLI_MAX_SECONDS, SHOWN(v));
		return 0;
	}
	if (cli_opts_parse_num(v, CLI_MIN_WINDOW, CLI_MAX_WINDOW, &w, &over))
		return cli_opts_fail(err, errcap, "-W: want bytes %u..%u, not '%s'", CLI_MIN_WINDOW,
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
	case 'p': return cli_opts_parse_port(v, &o->default_port, err, errcap);
	case 'l':
		if (!cli_user_ok(v))
			return cli_opts_fail(err, errcap, "bad user name '%s'", SHOWN(v));
		o->default_user = v;
		return 0;
	case 'i': return cli_opts_add_identity(o, v, err, errcap);
	case 'c':
	case 'm': return set_list(o, c, v, err, errcap);
	case 'b':
		if (cli_opts_parse_addr_port(v, o->bind_buf, &o->bind_port, 0, err, errcap))
			return -1;
		o->bind_addr = o->bind_buf[0] ? o->bind_buf : NULL;
		return 0;
	case 'B':
		if (cli_opts_parse_addr_port(v, o->netcat_buf, &o->netcat_port, 1, err, errcap))
			return -1;
		o->netcat_host = o->netcat_buf;
		return 0;
	case 'J':
		if (st->jump_seen++)
			return cli_opts_fail(err, errcap, "only one -J is allowed");
		return cli_opts_set_J(o, v, err, errcap);
	case 'K':
	case 'I':
	case 'M':
	case 'W': return set_number(o, c, v, err, errcap);
	case 'o': return cli_opts_option(o, v, err, errcap);
	case 'e': return cli_opts_set_escape(o, v, err, errcap);
	case 'F':
		return cli_opts_fail(err, errcap,
		                     "-F: shrew reads no configuration file; use -o options");
	case 'E': return cli_opts_fail(err, errcap, "-E: no log file; diagnostics go to stderr");
	}
	return cli_opts_fail(err, errcap, "-%c: port forwarding is not supported by this client",
	                     c);
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
	case 'Y': return cli_opts_fail(err, errcap, "-%c: X11 forwarding is not supported", c);
	}
	if (c > 0x20 && c < 0x7f)
		return cli_opts_fail(err, errcap, "unknown flag -%c (see -h)", c);
	return cli_opts_fail(err, errcap, "unknown flag (byte 0x%02x; see -h)",
	                     (unsigned)(unsigned char)c);
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
				return cli_opts_fail(err, errcap, "-%c needs a value", w[j]);
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
		return cli_opts_fail(err, errcap, "out of memory");
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
		return cli_opts_fail(err, errcap, "no destination given (see -h)");
	if (cli_opts_add_hops(o, dest, 0, err, errcap))
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
		return cli_opts_fail(err, errcap, "'%s': only ~/ is expanded, not ~user/",
		                     SHOWN(p));
	if (!home || !home[0])
		return cli_opts_fail(err, errcap, "'%s': no home directory to expand ~ in",
		                     SHOWN(p));
	out = store_path(o, home, p + 1);
	if (!out)
		return cli_opts_fail(err, errcap, "'%s': path too long", SHOWN(p));
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
				return cli_opts_fail(err, errcap, "home directory path too long");
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
		return cli_opts_fail(err, errcap, "no destination given (see -h)");
	if (o->subsystem && !o->command)
		return cli_opts_fail(err, errcap, "-s needs a subsystem name as the command");
	if (o->no_command && o->command)
		return cli_opts_fail(err, errcap, "-N runs no command, but a command was given");
	if (o->netcat_host && o->command)
		return cli_opts_fail(err, errcap, "-B forwards stdin/stdout; it takes no command");
	if (o->netcat_host && (o->no_command || o->subsystem))
		return cli_opts_fail(err, errcap, "-B cannot be combined with -N or -s");
	if (o->background && !o->command && !o->no_command)
		return cli_opts_fail(err, errcap, "-f needs a command (or -N)");
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
			return cli_opts_fail(err, errcap, "local user name too long");
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

#endif /* SHREW_CLIENT */
