/*
 * cli-opts-int.h - private declarations shared by the files of the
 * client's command line: cli-opts.c (flags, cli_opts_parse, finish),
 * cli-opts-dest.c (destinations, names, jump hosts, -b/-B) and
 * cli-opts-ssh.c (the -o options).  Not for other modules: they use
 * cli-opts.h.
 */
#ifndef SHREW_CLI_OPTS_INT_H
#define SHREW_CLI_OPTS_INT_H

#include <stddef.h>
#include <string.h>

#include "options.h"
#include "cli-opts.h"

/* ---- cli-opts.c: helpers ---- */

/* Formats a message into err (when errcap > 0) and returns -1. */
int cli_opts_fail(char *err, size_t errcap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A printable excerpt of s[0..n) in buf (cap bytes) for messages: control
 * and non-ASCII bytes become '?'; at most 60 bytes.  Returns buf. */
const char *cli_opts_shown(const char *s, size_t n, char *buf, size_t cap);

/* cli_opts_shown of the string s, into a local char show_buf[64]. */
#define SHOWN(s) cli_opts_shown((s), strlen(s), show_buf, sizeof(show_buf))

/* Copies s[0..n) into out (cap bytes) as a string; -1 if too long. */
int cli_opts_copy_str(char *out, size_t cap, const char *s, size_t n);

/* Decimal digits only, at least one; the value capped at max (sets
 * *over).  Returns 0, or -1 when not a number or below min. */
int cli_opts_parse_num(const char *s, unsigned min, unsigned max, unsigned *v, int *over);

/* A number in [min, max], nothing else: 0 or -1. */
int cli_opts_parse_uint(const char *s, unsigned min, unsigned max, unsigned *v);

/* ---- cli-opts-dest.c ---- */

/* A port 1..65535 into *port; 0 or -1 with err. */
int cli_opts_parse_port(const char *s, unsigned *port, char *err, size_t errcap);

/* Appends the comma-separated hops of s to o->hops (an ssh:// URL is one
 * hop; jump: -J elements, where host:port gives a port). */
int cli_opts_add_hops(struct cli_opts *o, const char *s, int jump, char *err, size_t errcap);

/* Drops the -J hops (ProxyJump=none, or a new -J list). */
void cli_opts_drop_jump_hops(struct cli_opts *o);

/* New jump hosts (ProxyJump / -J list) go in front of whatever hops
 * there are; on error o is unchanged. */
int cli_opts_set_jump_hosts(struct cli_opts *o, const char *list, char *err, size_t errcap);

/* -J: dbclient's proxy program (whitespace, or a leading '/' or '.') or
 * OpenSSH's jump hosts. */
int cli_opts_set_J(struct cli_opts *o, const char *arg, char *err, size_t errcap);

/* -b / -B: "[addr]:port", "addr:port", "addr", ":port", "[v6]" or a bare
 * IPv6 address into host (CLI_MAX_HOST + 1 bytes) and *port; need_port:
 * both parts required (-B). */
int cli_opts_parse_addr_port(const char *s, char *host, unsigned *port, int need_port, char *err,
                             size_t errcap);

/* ---- cli-opts-ssh.c: setters the flags share ---- */

/* -e / EscapeChar: "none", one character, or "^X" (control-X). */
int cli_opts_set_escape(struct cli_opts *o, const char *v, char *err, size_t errcap);

/* -i / IdentityFile: one more identity (at most CLI_MAX_IDENTITIES). */
int cli_opts_add_identity(struct cli_opts *o, const char *path, char *err, size_t errcap);

/* Records an algorithm list option (-c, -m, -o) for the inner hops. */
int cli_opts_add_pass(struct cli_opts *o, char flag, const char *arg, char *err, size_t errcap);

#endif
