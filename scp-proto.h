/*
 * scp-proto.h - the pure parts of the scp applet: the rcp protocol's
 * control lines, the names a sink accepts, command-line source/target
 * specs (host:path, [v6]:path, scp:// URLs), host and user checks, and
 * quoting a path for the remote shell.  No I/O: unit-tested and fuzzed.
 *
 * The protocol (rcp over a pipe, as scp -t / scp -f speak it):
 *   C<mode> <size> <name>\n   a file of size bytes follows, then one
 *                             status byte from the source
 *   D<mode> 0 <name>\n        a directory: its entries follow, then E
 *   E\n                       end of the current directory
 *   T<mtime> 0 <atime> 0\n    times for the next C or D (-p)
 * Replies: 0 (ok), 1 + message line (warning, go on), 2 + message line
 * (fatal).  The sink speaks first with a 0.
 */
#ifndef SHREW_SCP_PROTO_H
#define SHREW_SCP_PROTO_H

#include <stddef.h>
#include <stdint.h>

/* Longest control line we accept (including the '\n'). */
#define SCP_MAX_LINE 4096

enum scp_ctl_type { SCP_CTL_FILE = 'C', SCP_CTL_DIR = 'D', SCP_CTL_END = 'E', SCP_CTL_TIME = 'T' };

struct scp_ctl {
	int type;      /* enum scp_ctl_type */
	unsigned mode; /* C/D: permission bits, masked with 07777 */
	uint64_t size; /* C: bytes that follow; D: 0 */
	char name[SCP_MAX_LINE];
	uint64_t mtime, atime; /* T: seconds */
};

/* Parses one control line of n bytes (with or without its final '\n';
 * no other '\n' or NUL inside) into *c.  C/D: "<type><octal mode> <size>
 * <name>", mode at most 4 octal digits, size decimal digits only with no
 * overflow, the name a plain name (scp_name_ok).  T: "T<digits> <usec>
 * <digits> <usec>", usec 0..999999.  E: exactly "E".  Returns 0, or -1
 * with *c unspecified. */
int scp_parse_ctl(const char *line, size_t n, struct scp_ctl *c);

/* 1 if name (NUL-terminated) may be created inside a directory: not
 * empty, not "." or "..", no '/', no '\n'; else 0. */
int scp_name_ok(const char *name);

/* The name the client asked for, as a sink checks the names a remote
 * source sends (CVE-2019-6111): 1 if name matches the last component of
 * the requested path (trailing '/' ignored), with fnmatch when that
 * component has glob characters; also 1 when the request cannot say
 * (empty, ".", "..", "~..."), else 0. */
int scp_name_matches(const char *requested, const char *name);

/* A parsed source or target argument. */
struct scp_spec {
	int remote;      /* 0: a local path (only path is set) */
	char user[256];  /* "" when none given */
	char host[256];  /* brackets of [v6] removed */
	unsigned port;   /* scp:// port, 0: none */
	char path[4096]; /* remote: "" means the home directory */
};

/* Splits arg: "scp://[user@]host[:port][/path]"; "[user@]host:path";
 * "[user@][v6addr]:path".  A ':' before any '/' (and not first) makes it
 * remote; anything else is a local path.  Host and user are checked with
 * scp_host_ok / scp_user_ok.  Returns 0, or -1 with a message in err. */
int scp_parse_spec(const char *arg, struct scp_spec *sp, const char **err);

/* 1 if host may go on a command line: not empty, no leading '-', only
 * letters, digits and "._-:%" (':' and '%' for IPv6 and its zone). */
int scp_host_ok(const char *host);

/* 1 if user is a plausible login name: not empty, no leading '-', no
 * whitespace, quotes or shell metacharacters. */
int scp_user_ok(const char *user);

/* Writes path quoted for a POSIX shell into out (cap bytes, NUL-ended):
 * inside single quotes, each ' as '\''; a leading "~" or "~user" stays
 * outside the quotes so the remote shell still expands it.  Returns the
 * length, or -1 if it does not fit. */
int scp_shell_quote(const char *path, char *out, size_t cap);

/* Builds the remote command "scp -t|-f [-r] [-p] [-d] -- 'PATH'" into
 * out.  Returns its length or -1 if it does not fit. */
int scp_remote_cmd(char *out, size_t cap, int sink, int recursive, int preserve, int dir_target,
                   const char *path);

#endif
