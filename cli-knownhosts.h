/*
 * cli-knownhosts.h - the client's known_hosts file: parsing a line, host
 * matching, the host key decision over a whole file, and writing a new
 * entry.  Only with SHREW_CLIENT.
 *
 * Written from sshd(8) SSH_KNOWN_HOSTS FILE FORMAT, ssh-keygen(1) -H and
 * ssh_config(5) HashKnownHosts:
 *   [@revoked|@cert-authority] hostnames keytype base64 [comment]
 *   - fields are separated by blanks; empty lines and lines whose first
 *     non-blank is '#' are ignored; a line ends in "\n" or "\r\n";
 *   - hostnames is a pattern-list (common-match.h: '*', '?', '!'
 *     negation, comma-separated; case-insensitive), matched against the
 *     lookup name: "host" for port 22, "[host]:port" for any other port;
 *   - or one hashed name "|1|base64(salt)|base64(HMAC-SHA1(salt, name))",
 *     salt and hash 20 bytes each (no patterns, no list);
 *   - @revoked: that key is never accepted; @cert-authority: a CA key,
 *     which applies only to certificates - shrew has none, so such lines
 *     are parsed but never match.
 *
 * The parser and the decision are pure (no I/O; views into the caller's
 * buffer); only kh_load and kh_append touch files.
 */
#ifndef SHREW_CLI_KNOWNHOSTS_H
#define SHREW_CLI_KNOWNHOSTS_H

#include <stddef.h>
#include <stdint.h>

#include "options.h"
#include "common-key.h"
#include "common-rd.h"
#include "common-wr.h"

/* kh_parse_line's result for a blank or comment line. */
#define KH_SKIP 1

/* Salt and hash of a hashed name (SHA-1 sizes). */
#define KH_SALT_LEN 20
#define KH_HASH_LEN 20

/* Longest host name (or address text) looked up or written. */
#define KH_MAX_HOST 255

/* Line numbers kept per kind in a report (the count goes on). */
#define KH_MAX_HITS 8

/* Room kh_format_line may need: a hashed name, the type, the base64 of
 * the largest blob, separators and the NUL. */
#define KH_MAX_FORMAT (KH_MAX_HOST + 16 + 64 + 4 * (KEY_MAX_PUB_BLOB / 3 + 1) + 8)

enum kh_marker {
	KH_MARK_NONE = 0,
	KH_MARK_REVOKED, /* "@revoked" */
	KH_MARK_CA       /* "@cert-authority": never matches (no certificates) */
};

/* One parsed line: views into the caller's line (which must outlive it),
 * plus the decoded key, which the entry owns (kh_entry_free). */
struct kh_entry {
	enum kh_marker marker;
	struct view hosts; /* the hostnames field as written */
	int hashed;        /* 1: hosts is "|1|salt|hash", decoded below */
	uint8_t salt[KH_SALT_LEN];
	uint8_t hash[KH_HASH_LEN];
	struct view type;    /* key type name as written */
	struct view comment; /* the rest of the line, trimmed; may be empty */
	struct key key;      /* KEY_NONE when the type is not built in */
};

/* Parses one known_hosts line, n bytes at line (a trailing "\n" or "\r\n"
 * allowed; no other CR, LF or NUL).  *out need not be initialised; it is
 * overwritten (not freed first).  Returns
 *   E_OK           out filled in, out->key is the line's key (owned);
 *   KH_SKIP        blank or comment line; out->key is KEY_NONE;
 *   E_UNSUPPORTED  a well-formed line whose key type shrew does not know
 *                  or was not built with (ssh-dss, certificates, FIDO
 *                  keys...): every view is set, out->key is KEY_NONE, and
 *                  the line still counts for "host known with another
 *                  type";
 *   E_TOOBIG       over SHREW_MAX_KNOWNHOSTS_LINE bytes (without the EOL);
 *   E_FORMAT etc.  malformed (unknown marker, missing field, bad hashed
 *                  name, bad base64, blob not of the named type, or what
 *                  key_from_blob says about the blob).
 * On any result but E_OK, out->key is KEY_NONE. */
int kh_parse_line(const char *line, size_t n, struct kh_entry *out);

/* Releases e->key.  Safe after any kh_parse_line result and twice. */
void kh_entry_free(struct kh_entry *e);

/* Returns 1 if the entry's hostnames match host at port (0 or 22: the
 * name "host"; else "[host]:port"; ASCII letters in host are lowered
 * first, as OpenSSH's ssh does), else 0.  Hashed entries compare the
 * HMAC-SHA1 of that name; pattern-lists need a positive match and no
 * negated one.  The marker is not looked at.  To check an address too
 * (CheckHostIP), call again with the address text.  Returns 0 for a NULL,
 * empty or over-KH_MAX_HOST host, or port > 65535. */
int kh_host_matches(const struct kh_entry *e, const char *host, unsigned port);

enum kh_result {
	KH_ERROR = -1,  /* bad arguments (host, port or key) */
	KH_UNKNOWN = 0, /* no line for this host */
	KH_OK,          /* a line for this host has this key */
	KH_CHANGED,     /* lines for this host have other keys of this type */
	KH_OTHER_TYPE,  /* the host is known only with keys of other types */
	KH_REVOKED      /* the key is on a @revoked line: refuse */
};

/* Lines of one kind: the first KH_MAX_HITS, and how many in all. */
struct kh_hits {
	size_t n;
	struct {
		unsigned long line; /* 1-based */
		int err;            /* malformed lines: the kh_parse_line error */
		struct view type;   /* the line's key type name (empty if bad) */
	} at[KH_MAX_HITS];
};

struct kh_report {
	unsigned long ok_line;      /* first line with the key (KH_OK), or 0 */
	unsigned long revoked_line; /* first @revoked line with the key, or 0 */
	struct kh_hits changed;     /* this host, same type, other key */
	struct kh_hits other;       /* this host, other key types */
	struct kh_hits bad;         /* malformed lines (skipped) */
};

/* Decides what n bytes of known_hosts text at buf say about key k for
 * host at port (named as kh_host_matches does).  Every line is read;
 * malformed ones are skipped and listed in rep->bad.  @cert-authority
 * lines are ignored.  The result, by precedence:
 *   KH_REVOKED     k is on a @revoked line, whatever that line's hosts;
 *   KH_OK          some line for the host has k (rep->ok_line: the first);
 *   KH_CHANGED     lines for the host have keys of k's type, none is k
 *                  (rep->changed: the lines to fix);
 *   KH_OTHER_TYPE  lines for the host have only keys of other types
 *                  (rep->other: their lines and type names);
 *   KH_UNKNOWN     no line for the host.
 * rep (may be NULL) is always cleared first; views point into buf.
 * KH_ERROR for a NULL buf with n > 0, a bad host or port, or k KEY_NONE. */
enum kh_result kh_check(const char *buf, size_t n, const char *host, unsigned port,
                        const struct key *k, struct kh_report *rep);

/* Appends a known_hosts line for k at host:port to w, without newline
 * and followed by a NUL (so a writer started empty holds a C string):
 * "NAME TYPE BASE64", NAME as kh_host_matches builds it, or with hashed
 * "|1|SALT|HASH" over a fresh random salt (ssh-keygen -H form).  E_ARG
 * for a host that is empty, over KH_MAX_HOST, or has a blank, control,
 * non-ASCII or one of ",*?![]|#@\"'\\" characters, a port over 65535 or
 * k KEY_NONE; E_TOOBIG if w is full (KH_MAX_FORMAT bytes always do);
 * E_IO if no randomness. */
int kh_format_line(struct wr *w, const char *host, unsigned port, const struct key *k, int hashed);

/* Reads the file at path into a new malloc'd buffer (*buf, *n bytes, plus
 * a NUL not counted; the caller frees it).  Returns E_OK, E_IO when it
 * cannot be opened or read (errno kept; ENOENT means "no file yet": treat
 * as empty), E_FORMAT if it is not a regular file, E_TOOBIG if it is over
 * SHREW_MAX_KNOWNHOSTS_FILE bytes, E_NOMEM.  *why (may be NULL) gets a
 * static reason for the message. */
int kh_load(const char *path, char **buf, size_t *n, const char **why);

/* Appends line (one line, no CR or LF, at most SHREW_MAX_KNOWNHOSTS_LINE
 * bytes, else E_ARG / E_TOOBIG) and "\n" to the file at path with one
 * write.  Creates the file's directory if missing (0700, one level:
 * ~/.ssh) and the file (0600; O_APPEND).  When the file's last byte is
 * not a newline, one is written first.  The file is fsynced.  E_IO with
 * errno on failure, E_FORMAT if path is not a regular file. */
int kh_append(const char *path, const char *line);

#endif
