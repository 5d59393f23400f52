/*
 * svr-authkeys.h - authorized_keys lines and the file's permission check.
 *
 * Written from sshd(8) AUTHORIZED_KEYS FILE FORMAT: one key per line,
 * "[options] keytype base64 [comment]"; empty lines and lines starting
 * with '#' (after leading blanks) are ignored.  Options are
 * comma-separated, names case-insensitive, values double-quoted with \"
 * for a quote inside; no blanks outside quotes.
 *
 * Supported options: command, restrict, (no-)pty, (no-)port-forwarding,
 * (no-)agent-forwarding, (no-)X11-forwarding, (no-)user-rc, permitopen,
 * permitlisten, from, environment, expiry-time, principals,
 * cert-authority, no-touch-required, verify-required.  They apply left
 * to right ("restrict,pty" allows a pty; "pty,restrict" does not).  Any
 * other option (tunnel= included: shrew has no tun forwarding) rejects
 * the line, as OpenSSH ignores a line whose options it cannot parse.
 *
 * What the caller (svr-auth-pubkey.c) must still do with a parsed line:
 *   - authkey_allows() before accepting a key (cert-authority lines never
 *     match: shrew has no certificates; expiry-time; from=);
 *   - honour the AK_PERMIT_* flags, command, permitopen/permitlisten;
 *   - ignore env[] unless the builder/administrator enabled user
 *     environment (OpenSSH's PermitUserEnvironment, off by default);
 *   - principals, no-touch-required and verify-required are recorded
 *     only: they concern certificates and FIDO keys, which shrew lacks.
 */
#ifndef SHREW_SVR_AUTHKEYS_H
#define SHREW_SVR_AUTHKEYS_H

#include <stddef.h>
#include <time.h>
#include <sys/types.h>

#include "options.h"
#include "common-key.h"

/* Caps per line; more entries reject the line. */
#define AUTHKEYS_MAX_PERMIT 16 /* permitopen, and separately permitlisten */
#define AUTHKEYS_MAX_ENV 16    /* environment= */
#define AUTHKEYS_MAX_COMMENT 128

/* authkeys_parse_line's result for a blank or comment line. */
#define AUTHKEYS_SKIP 1

/* Permissions: all set by default, all cleared by "restrict". */
#define AK_PERMIT_PTY 0x01
#define AK_PERMIT_PORT_FWD 0x02
#define AK_PERMIT_AGENT_FWD 0x04
#define AK_PERMIT_X11_FWD 0x08
#define AK_PERMIT_USER_RC 0x10
#define AK_PERMIT_ALL 0x1f
/* Other flags. */
#define AK_RESTRICT 0x100          /* "restrict" was given */
#define AK_CERT_AUTHORITY 0x200    /* never matches (no certificates) */
#define AK_NO_TOUCH_REQUIRED 0x400 /* FIDO only: recorded, ignored */
#define AK_VERIFY_REQUIRED 0x800   /* FIDO only: recorded, ignored */
#define AK_EXPIRY 0x1000           /* expiry is set */

/* A permitopen / permitlisten entry.  host has no brackets ("::1"); it is
 * NULL for a permitlisten that named only a port, "*" for any host.
 * port is 1..65535, or -1 for "*" (any port). */
struct authkey_permit {
	const char *host;
	int port;
};

/* expiry-time="YYYYMMDD[HHMM[SS]][Z]", fields as written (not checked
 * against month lengths beyond 1..31); utc: the Z suffix was present,
 * else the time is local. */
struct authkey_time {
	int year, mon, day, hour, min, sec;
	int utc;
};

/* One parsed line.  Every string points into buf (NUL-terminated,
 * unescaped), so the struct is self-contained: the input line may be
 * freed.  The struct is large (about SHREW_MAX_AUTHKEYS_LINE bytes):
 * keep one per connection, not one per line. */
struct authkey {
	struct key key;      /* the public key: release with authkey_free */
	unsigned int flags;  /* AK_* */
	const char *command; /* command="..." or NULL */
	const char *from;    /* from="pattern-list" or NULL */
	const char *principals;
	struct authkey_permit permitopen[AUTHKEYS_MAX_PERMIT];
	struct authkey_permit permitlisten[AUTHKEYS_MAX_PERMIT];
	const char *env[AUTHKEYS_MAX_ENV]; /* "NAME=value" */
	int n_permitopen, n_permitlisten, n_env;
	struct authkey_time expiry; /* when AK_EXPIRY */
	char comment[AUTHKEYS_MAX_COMMENT];
	const char *why; /* static reason for the last failure, for the log */
	char buf[SHREW_MAX_AUTHKEYS_LINE + 1];
};

/* Parses one authorized_keys line: n bytes at line, a trailing "\n" or
 * "\r\n" allowed, no NUL.  *out need not be initialised; it is
 * overwritten (not freed first: call authkey_free between lines).
 * Returns E_OK with out filled in (the caller owns out->key),
 * AUTHKEYS_SKIP for a blank or comment line, or an error with out->why
 * set and out->key KEY_NONE: E_TOOBIG (line over SHREW_MAX_AUTHKEYS_LINE
 * bytes without its end-of-line, command over SHREW_MAX_CMD, too many permitopen / permitlisten /
 * environment), E_FORMAT (bad quoting, bad option value, unknown option,
 * key type not matching the blob, bad base64), E_UNSUPPORTED (a key type
 * or option that exists but shrew does not support or was not built
 * with), or what key_from_blob returns. */
int authkeys_parse_line(const char *line, size_t n, struct authkey *out);

/* Releases out->key.  Safe to call twice and after a failed parse. */
void authkey_free(struct authkey *ak);

/* Decides whether a parsed line may authenticate this client: now is the
 * current time, host the client's host name (NULL/"" if unknown) and ip
 * its address text.  Returns 1 if allowed, else 0 with *why (may be NULL)
 * a static reason: cert-authority line, key expired (or a bad
 * expiry-time), from= not matched / negated / malformed.  Pure except for
 * the time zone lookup of a local expiry-time. */
int authkey_allows(const struct authkey *ak, time_t now, const char *host, const char *ip,
                   const char **why);

/* StrictModes-like check of an authorized_keys file before reading it.
 * path is resolved with realpath(3) (symlinks are allowed, as OpenSSH
 * does); the resolved file must be a regular file, and it and every
 * directory above it up to and including home (when the resolved path
 * is under realpath(home); otherwise up to "/") must be owned by uid or
 * root and not be group- or world-writable.  home may be NULL (check up
 * to "/").  Returns E_OK, or E_IO / E_FORMAT with a reason naming the
 * offending path written (NUL-terminated, cut to fit) into why (why_cap
 * bytes; may be NULL/0).  The caller opens the file right after; only
 * uid or root can change the checked tree in between. */
int authkeys_check_perms(const char *path, uid_t uid, const char *home, char *why, size_t why_cap);

#endif
