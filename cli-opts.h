/*
 * cli-opts.h - the client's command line: Dropbear's dbclient flags letter
 * for letter, the OpenSSH -o options people type, ssh:// URLs and
 * dbclient's "[user@]host[/port|^port][,host2...]" multihop destinations.
 *
 * cli_opts_parse() is pure (no I/O, no environment, no files): everything
 * that depends on the user's home or environment (default identity files,
 * the user name) is filled in later by cli_opts_finish().  Strings point
 * into argv or into the struct; nothing is allocated but cmd_buf.
 */
#ifndef SHREW_CLI_OPTS_H
#define SHREW_CLI_OPTS_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"
#include "common-algo.h"

#define CLI_MAX_IDENTITIES 8
#define CLI_MAX_HOPS 8
#define CLI_MAX_SEND_ENV 8
#define CLI_MAX_HOST 255
#define CLI_MAX_PATH 1024
/* Algorithm list options (-c, -m, -o Ciphers= ...) recorded for the hops. */
#define CLI_MAX_PASS 8
/* Room for the default identities and "~/" expansions (cli_opts_finish). */
#define CLI_PATHS_CAP ((CLI_MAX_IDENTITIES + 2) * CLI_MAX_PATH)
/* Largest -K/-I/-M/ServerAliveInterval/ConnectTimeout value, seconds. */
#define CLI_MAX_SECONDS 1000000000u
/* -W range: smaller values are refused, larger ones clamped (a warning). */
#define CLI_MIN_WINDOW 4096u
#define CLI_MAX_WINDOW (10u * 1024 * 1024)

/* Host key policy (StrictHostKeyChecking; dbclient -y / -yy). */
enum cli_hostkey_policy {
	CLI_HK_ASK = 0,    /* default: ask on the terminal, refuse in BatchMode */
	CLI_HK_YES,        /* StrictHostKeyChecking=yes: unknown keys refused */
	CLI_HK_ACCEPT_NEW, /* -y, accept-new: unknown keys added, changed refused */
	CLI_HK_OFF         /* -yy, =no/off: no check at all (a warning is printed) */
};

/* Pty request (-t, -T, RequestTTY). */
enum cli_tty {
	CLI_TTY_AUTO = 0, /* a pty for a shell when stdin is a terminal */
	CLI_TTY_NO,       /* -T */
	CLI_TTY_YES,      /* -t: when stdin is a terminal */
	CLI_TTY_FORCE     /* -tt: always */
};

/* An algorithm list option as given, passed on to the inner hops:
 * flag 'c' (-c list), 'm' (-m list) or 'o' (-o Name=list). */
struct cli_pass_opt {
	char flag;
	const char *arg;
};

/* One host to log in to.  user[0] == 0: default user; port 0: default. */
struct cli_dest {
	char user[SHREW_MAX_USERNAME + 1];
	char host[CLI_MAX_HOST + 1];
	unsigned port;
};

struct cli_opts {
	/* hops[0..n_hops-1]: connect to hops[0] first, then through it to
	 * hops[1] ...; the last one is where the command runs.  -J jump
	 * hosts come first, then the destination's ",hop" list. */
	struct cli_dest hops[CLI_MAX_HOPS];
	int n_hops;
	const char *default_user; /* -l / User=, NULL: the local user */
	unsigned default_port;    /* -p / Port=, 0: 22 */
	/* what to run: NULL and !subsystem: a shell */
	const char *command; /* the remaining arguments joined by spaces */
	char *cmd_buf;       /* owns command when it was joined (free it) */
	int subsystem;       /* -s: command is a subsystem name */
	int no_command;      /* -N */
	int background;      /* -f: fork after authentication */
	enum cli_tty tty;
	int quiet;   /* -q: no warnings/diagnostics, errors only */
	int verbose; /* -v, repeatable */
	int batch;   /* BatchMode=yes: never prompt */
	enum cli_hostkey_policy hostkey_policy;
	const char *known_hosts; /* UserKnownHostsFile, NULL: ~/.ssh/known_hosts */
	const char *identities[CLI_MAX_IDENTITIES]; /* -i / IdentityFile, in order */
	int n_identities;        /* 0: the defaults ~/.ssh/id_ed25519, id_ecdsa, id_rsa */
	int identities_only;     /* IdentitiesOnly=yes: no agent keys */
	int forward_agent;       /* -A / ForwardAgent */
	const char *netcat_host; /* -B host:port, NULL: a session */
	unsigned netcat_port;
	const char *proxy_command; /* ProxyCommand or dbclient -J "command" */
	const char *bind_addr;     /* -b address[:port] (address part) */
	unsigned bind_port;
	struct algo_prefs algos;  /* -c, -m, Ciphers=, MACs=, KexAlgorithms=, HostKeyAlgorithms= */
	unsigned keepalive;       /* -K / ServerAliveInterval, seconds, 0: off */
	unsigned keepalive_max;   /* ServerAliveCountMax, default 3 */
	unsigned idle_timeout;    /* -I seconds, 0: off */
	unsigned connect_timeout; /* ConnectTimeout seconds, 0: the OS's */
	uint32_t recv_window;     /* -W bytes, 0: SHREW_RECV_WINDOW */
	int escape_char;          /* -e / EscapeChar: '~' by default, -1: none */
	int password_auth;        /* PasswordAuthentication (default 1) */
	int kbdint_auth;          /* KbdInteractiveAuthentication (default 1) */
	int pubkey_auth;          /* PubkeyAuthentication (default 1) */
	unsigned auth_tries;      /* NumberOfPasswordPrompts (default 3) */
	const char *scp_remote;   /* internal: set by scp, nothing else */
	/* ---- added with cli-opts.c ---- */
	int stdin_null;                         /* -n: stdin from /dev/null */
	int address_family;                     /* -4: 4, -6: 6, AddressFamily; 0: either */
	unsigned max_duration;                  /* -M seconds (dbclient's max_duration), 0: off */
	int no_qos;                             /* -z: no IP TOS/QoS marking */
	int n_jump;                             /* hops[0..n_jump-1] came from -J / ProxyJump */
	int identities_default;                 /* 1: cli_opts_finish filled in the defaults */
	int print;                              /* 'h' or 'V' when cli_opts_parse returned 1 */
	const char *local_user;                 /* cli_opts_finish's local_user (a copy), or NULL */
	char warning[128];                      /* a non-fatal remark (clamped -W), or "" */
	char host_name[CLI_MAX_HOST + 1];       /* HostName= for the last hop, "" none */
	const char *send_env[CLI_MAX_SEND_ENV]; /* SendEnv= values: blank-separated patterns */
	int n_send_env;
	char netcat_buf[CLI_MAX_HOST + 1];      /* netcat_host points here */
	char bind_buf[CLI_MAX_HOST + 1];        /* bind_addr points here */
	char known_hosts_buf[CLI_MAX_PATH];     /* UserKnownHostsFile's first path */
	struct cli_pass_opt pass[CLI_MAX_PASS]; /* -c/-m/-o algorithm lists, in order */
	int n_pass;
	char paths[CLI_PATHS_CAP]; /* cli_opts_finish's strings (defaults, ~/) */
	size_t paths_used;
};

/* Fills o with the defaults. */
void cli_opts_init(struct cli_opts *o);

/* Parses argv[1..argc-1].  Returns 0 and fills o; or -1 with a one-line
 * message (without "shrew: ") in err; or 1 when -h/-V was handled (the
 * caller prints usage / version and exits 0; o->print says which). Pure:
 * no I/O.  OpenSSH's order: options, then the destination, then the
 * command; "--" ends the options.  o must have been through
 * cli_opts_init().  A HostName= option replaces the last hop's host. */
int cli_opts_parse(struct cli_opts *o, int argc, char **argv, char *err, size_t errcap);

/* Applies one OpenSSH-style "Name=value" or "Name value" option (as -o
 * takes them; names are case-insensitive).  Returns 0, or -1 with a
 * message in err (unknown option, bad value). */
int cli_opts_option(struct cli_opts *o, const char *opt, char *err, size_t errcap);

/* Parses one destination: "[user@]host[/port|^port]", "[user@][v6addr]
 * [:port]" (brackets), a bare IPv6 address, or
 * "ssh://[user@]host[:port][/]" (IPv6 in brackets).  The user is
 * everything before the last '@'.  Every host must pass cli_host_ok() and
 * every user cli_user_ok(); ports are decimal 1..65535.  Returns 0 or -1
 * with err. */
int cli_parse_dest(const char *s, struct cli_dest *d, char *err, size_t errcap);

/* Like cli_parse_dest, for one -J / ProxyJump element: there "host:port"
 * (one colon) also gives a port, as OpenSSH reads -J. */
int cli_parse_jump(const char *s, struct cli_dest *d, char *err, size_t errcap);

/* 1 when host is acceptable as a host name or address: 1..CLI_MAX_HOST
 * bytes of letters, digits, '.', '-', '_', ':' and (with a ':', for IPv6
 * zones) '%'; no leading '-'; never exactly one ':' (that is host:port).
 * So nothing can be taken for an option or a shell word (whitespace,
 * quotes, ';', '|', '&', '$', '`', '\\', '<', '>', '(', ')', '*', '?',
 * '{', '}', '!', '#', '~', newline are all refused), nor for our own
 * separators ('@', ',', '/', '^', '[', ']'). */
int cli_host_ok(const char *host);

/* 1 when user is acceptable as a remote user name: 1..SHREW_MAX_USERNAME
 * bytes, no leading '-', no control character, space, '/', ',', ':', nor
 * any of the shell characters above.  '@' is allowed (the user of
 * "a@b@host" is "a@b"); bytes >= 0x80 (UTF-8) are allowed. */
int cli_user_ok(const char *user);

/* The effective user and port of hop i.  The last hop (the destination)
 * gets the defaults -l/User and -p/Port, then local_user / 22; earlier hops
 * (jump hosts) only local_user / 22, as with OpenSSH's -J and dbclient's
 * multihop. */
const char *cli_hop_user(const struct cli_opts *o, int i, const char *local_user);
unsigned cli_hop_port(const struct cli_opts *o, int i);

/* Completes o after parsing, with what depends on the environment (passed
 * in: home directory and local user name; both may be NULL when unknown):
 * fills the default identities (~/.ssh/id_ed25519, id_ecdsa, id_rsa for
 * the types built in, then dbclient's ~/.ssh/id_dropbear) when none were
 * given, expands a leading "~/" in identity and known_hosts paths
 * ("~user/" is refused), applies HostName=, and refuses combinations that
 * make no sense (-s without a command, -N or -B with a command, -f without
 * a command or -N, -B with -N or -s).  Pure string handling.  Returns 0 or
 * -1 with a message in err. */
int cli_opts_finish(struct cli_opts *o, const char *home, const char *local_user, char *err,
                    size_t errcap);

/* Releases cmd_buf. */
void cli_opts_free(struct cli_opts *o);

/* The usage text (-h). */
extern const char cli_usage[];

#endif
