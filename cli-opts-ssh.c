/*
 * cli-opts-ssh.c - the OpenSSH -o options the client takes (see
 * cli-opts.h): a table of names with the kind of value each takes, and
 * cli_opts_option() that applies one "Name=value" or "Name value"; also
 * the setters -i, -e and the algorithm lists share with the flags.
 */
#include "options.h"

#if SHREW_CLIENT

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "common-err.h"
#include "cli-opts.h"
#include "cli-opts-int.h"

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
int cli_opts_set_escape(struct cli_opts *o, const char *v, char *err, size_t errcap)
{
	char show_buf[64];

	if (strcasecmp(v, "none") == 0)
		o->escape_char = -1;
	else if (v[0] == '^' && v[1] >= '@' && v[1] <= '_' && !v[2])
		o->escape_char = v[1] & 0x1f;
	else if (v[0] && !v[1] && (unsigned char)v[0] < 0x80)
		o->escape_char = (unsigned char)v[0];
	else
		return cli_opts_fail(
		    err, errcap, "bad escape character '%s' (one character, ^X or none)", SHOWN(v));
	return 0;
}

int cli_opts_add_identity(struct cli_opts *o, const char *path, char *err, size_t errcap)
{
	if (!path[0])
		return cli_opts_fail(err, errcap, "empty identity file name");
	if (o->n_identities >= CLI_MAX_IDENTITIES)
		return cli_opts_fail(err, errcap, "too many identity files (at most %d)",
		                     CLI_MAX_IDENTITIES);
	o->identities[o->n_identities++] = path;
	return 0;
}

/* Records an algorithm list option for the inner hops. */
int cli_opts_add_pass(struct cli_opts *o, char flag, const char *arg, char *err, size_t errcap)
{
	if (o->n_pass >= CLI_MAX_PASS)
		return cli_opts_fail(err, errcap, "too many algorithm options (at most %d)",
		                     CLI_MAX_PASS);
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

	if (cli_opts_copy_str(o->known_hosts_buf, sizeof(o->known_hosts_buf), v, n))
		return cli_opts_fail(err, errcap, "UserKnownHostsFile too long: '%s'", SHOWN(v));
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
			return cli_opts_fail(err, errcap, "%s: want yes or no, not '%s'", e->name,
			                     SHOWN(v));
		if (e->kind == OK_BOOL)
			*(int *)(void *)(base + e->off) = b;
		return 0;
	case OK_UINT:
		if (cli_opts_parse_uint(v, 0, e->max, (unsigned *)(void *)(base + e->off)))
			return cli_opts_fail(err, errcap, "%s: want a number 0..%u, not '%s'",
			                     e->name, e->max, SHOWN(v));
		return 0;
	case OK_OFF:
		if (e->max == OFF_ANY ? parse_bool(v) >= 0
		                      : strcasecmp(v, e->max == OFF_NO ? "no" : "none") == 0)
			return 0;
		return cli_opts_fail(err, errcap, "%s %s: not supported (only %s)", e->name,
		                     SHOWN(v),
		                     e->max == OFF_ANY  ? "yes or no, no effect"
		                     : e->max == OFF_NO ? "no"
		                                        : "none");
	case OK_PORT: return cli_opts_parse_port(v, &o->default_port, err, errcap);
	case OK_USER:
		if (!cli_user_ok(v))
			return cli_opts_fail(err, errcap, "bad user name '%s'", SHOWN(v));
		o->default_user = v;
		return 0;
	case OK_IDENTITY: return cli_opts_add_identity(o, v, err, errcap);
	case OK_KNOWN: return set_known_hosts(o, v, err, errcap);
	case OK_ESCAPE: return cli_opts_set_escape(o, v, err, errcap);
	case OK_HOSTNAME:
		if (cli_opts_copy_str(o->host_name, sizeof(o->host_name), v, strlen(v)) ||
		    !cli_host_ok(o->host_name)) {
			o->host_name[0] = '\0';
			return cli_opts_fail(err, errcap, "bad host name '%s'", SHOWN(v));
		}
		return 0;
	case OK_SENDENV:
		if (o->n_send_env >= CLI_MAX_SEND_ENV)
			return cli_opts_fail(err, errcap, "too many SendEnv options (%d at most)",
			                     CLI_MAX_SEND_ENV);
		o->send_env[o->n_send_env++] = v;
		return 0;
	case OK_PROXYCMD: o->proxy_command = strcasecmp(v, "none") == 0 ? NULL : v; return 0;
	case OK_JUMP:
		if (strcasecmp(v, "none") == 0) {
			cli_opts_drop_jump_hops(o);
			return 0;
		}
		return cli_opts_set_jump_hosts(o, v, err, errcap);
	case OK_ALGO:
		if (algo_prefs_option(&o->algos, opt, err, errcap) != E_OK)
			return -1;
		return cli_opts_add_pass(o, 'o', opt, err, errcap);
	}
	if (apply_word(o, e->kind, v))
		return cli_opts_fail(err, errcap, "%s: bad value '%s'", e->name, SHOWN(v));
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
			return cli_opts_fail(err, errcap, "option %s needs a value", e->name);
		return apply_opt(o, e, opt, v, err, errcap);
	}
	return cli_opts_fail(err, errcap,
	                     "unknown option '%s' (see -h for the -o options shrew knows)",
	                     cli_opts_shown(opt, klen, show_buf, sizeof(show_buf)));
}

#endif /* SHREW_CLIENT */
