/*
 * svr-opts.h - shrewd's command line: Dropbear's server flags, letter for
 * letter, parsed by one pure function into struct svr_opts.
 *
 * The parser does no I/O and never exits: svr-main.c prints the error or
 * the usage text and picks the exit status.  Unit tests call the same
 * function (test/unit/test-svr-opts.c).
 */
#ifndef SHREW_SVR_OPTS_H
#define SHREW_SVR_OPTS_H

#include <stddef.h>
#include <stdio.h>

#include "common-algo.h"

/* Dropbear's own limit: up to 10 -p options are used, more are ignored
 * (with a warning). */
#define SVR_OPTS_MAX_LISTEN 10
/* Host key files (-r) accepted. */
#define SVR_OPTS_MAX_HOSTKEYS 10
/* Longest host part of a -p address, brackets removed (an IPv6 literal
 * with a %scope, or a host name). */
#define SVR_OPTS_MAX_HOST 63
/* Largest -W value; bigger values are clamped with a warning, as
 * Dropbear does (it clamps to 10 MB too). */
#define SVR_OPTS_MAX_WINDOW (10 * 1024 * 1024)
/* Smallest -W value. */
#define SVR_OPTS_MIN_WINDOW 4096
/* Largest -T value. */
#define SVR_OPTS_MAX_AUTH_TRIES 1000
/* Largest -K / -I / -M value, in seconds (about 31 years). */
#define SVR_OPTS_MAX_SECONDS 1000000000u
/* Default pid files (-P) under each set of names, as Dropbear's. */
#define SVR_OPTS_PIDFILE "/var/run/shrewd.pid"
#define SVR_OPTS_DROPBEAR_PIDFILE "/var/run/dropbear.pid"

/* One -p address: host "" means every address (IPv4 and IPv6). */
struct svr_listen_addr {
	char host[SVR_OPTS_MAX_HOST + 1];
	unsigned int port; /* 1..65535 */
};

/* Everything the command line sets.  String fields point into argv or to
 * static defaults (never freed); NULL when unset.  Numbers are seconds
 * unless named otherwise; 0 disables -K, -I and -M. */
struct svr_opts {
	int dropbear_names; /* invoked as "dropbear": Dropbear's paths */
	struct svr_listen_addr listen[SVR_OPTS_MAX_LISTEN];
	int n_listen; /* >= 1 after a successful parse */
	const char *hostkeys[SVR_OPTS_MAX_HOSTKEYS];
	int n_hostkeys;              /* >= 1 after a successful parse */
	int hostkeys_default;        /* no -r: the defaults, missing ones skipped */
	int create_hostkeys;         /* -R */
	int foreground;              /* -F (also implied by -i) */
	int log_stderr;              /* -E */
	const char *pidfile;         /* -P, else the default for the names */
	int inetd;                   /* -i */
	int no_password;             /* -s */
	int no_root_password;        /* -g */
	int no_root;                 /* -w */
	int allow_blank;             /* -B */
	int two_factor;              /* -t */
	unsigned int max_auth_tries; /* -T, 1..SVR_OPTS_MAX_AUTH_TRIES */
	int no_local_fwd;            /* -j */
	int no_remote_fwd;           /* -k */
	int fwd_any_host;            /* -a */
	const char *forced_command;  /* -c */
	int no_motd;                 /* -m */
	const char *banner;          /* -b */
	const char *authkeys_dir;    /* -D */
	const char *group;           /* -G */
	unsigned int keepalive;      /* -K */
	unsigned int idle_timeout;   /* -I */
	unsigned int recv_window;    /* -W, bytes */
	unsigned int max_duration;   /* -M */
	int pass_env;                /* -e */
	int no_qos;                  /* -z */
	const char *iface;           /* -l */
	int verbose;                 /* -v, once per v */
	int show_version;            /* -V: print the version, do nothing else */
	int show_help;               /* -h: print the usage, do nothing else */
	struct algo_prefs algos;     /* -o KexAlgorithms=... etc. */
	char warning[128];           /* non-fatal remark for the log, or "" */
};

/* Parses argv[1..argc-1] (Dropbear's server flags: groupable, values
 * attached "-p2222" or separate "-p 2222", the value of a flag being the
 * rest of its word) into *o, which it first resets to the defaults:
 * port 22 on all addresses, the default host keys of the compiled-in key
 * types under SHREW_CONF_DIR (or SHREW_DROPBEAR_CONF_DIR when argv[0] is a
 * Dropbear name), limits from options.h.  Returns 0, or E_ARG with a
 * one-line English message in err (NUL-terminated, cut to errcap) for an
 * unknown flag or other word, a missing value, a bad number or address,
 * or too many -r.  A -p past the tenth is ignored, as Dropbear does, and
 * a too large -W clamped, both with a remark in o->warning.  Stops early
 * with 0 at -h or -V (show_help / show_version set).
 * Pure: no I/O, no allocation, no exit. */
int svr_opts_parse(int argc, char **argv, struct svr_opts *o, char *err, size_t errcap);

/* Parses one -p value ("port", "addr:port", "[v6addr]:port", ":port")
 * into *a.  Returns 0 or E_ARG with a message in err. */
int svr_opts_parse_listen(const char *spec, struct svr_listen_addr *a, char *err, size_t errcap);

/* Writes the usage text to f: program name, default host keys and pid
 * file are those of the given names. */
void svr_opts_usage(FILE *f, int dropbear_names);

#endif
