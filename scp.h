/*
 * scp.h - the scp applet's internal interfaces: the protocol stream
 * (scp-io.c), the sink (scp-sink.c) and source (scp-source.c) sides, the
 * progress meter and bandwidth limit (scp-progress.c), and starting the
 * SSH client (scp-spawn.c).  The protocol itself: scp-proto.h.
 *
 * Nothing here exits: every function returns a status and the applet's
 * main decides (so the fuzzer can drive the sink in-process).
 */
#ifndef SHREW_SCP_H
#define SHREW_SCP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "scp-proto.h"

/* Deepest directory nesting a sink accepts and a source sends (about
 * 12 KB of stack a level). */
#define SCP_MAX_DEPTH 256
/* File data moves in chunks of this many bytes. */
#define SCP_CHUNK 65536

/* One protocol stream (a pipe pair to the peer) and the run's flags. */
struct scp_io {
	int in, out;         /* from / to the peer */
	int remote;          /* 1: we are scp -t/-f on the far end (no local messages) */
	int recursive;       /* -r */
	int preserve;        /* -p */
	int verbose;         /* -v */
	int errors;          /* files that failed so far */
	int quiet;           /* -q */
	uint64_t limit_kbit; /* -l: Kbit/s, 0: none */
	int progress;        /* show the meter (client, stdout a tty, not -q) */
	/* Sink of a client download: the path asked for (names must match,
	 * CVE-2019-6111), NULL: no check (-T, or the server side). */
	const char *requested;
	mode_t umask;
	/* buffered input */
	size_t rpos, rlen;
	unsigned char rbuf[SCP_CHUNK];
	/* bandwidth limit: bytes since lim_start_ns (the first file's start) */
	uint64_t lim_bytes;
	int64_t lim_start_ns;
	/* progress meter of the current file */
	char pname[256];
	uint64_t psize, pdone;
	int64_t pstart_ns, plast_ns;
};

/* Replaces control characters (a remote name or message on our terminal)
 * in the NUL-terminated s with '?'; returns s. */
char *scp_io_sanitize(char *s);

/* Sets up *io reading in, writing out, everything else zero. */
void scp_io_init(struct scp_io *io, int in, int out);

/* Reads exactly n bytes (buffer first); returns 0, or -1 on EOF/error. */
int scp_io_read(struct scp_io *io, void *buf, size_t n);
/* Reads up to n bytes (at least 1); returns the count, 0 on EOF, -1. */
ssize_t scp_io_read_some(struct scp_io *io, void *buf, size_t n);
/* Reads one line up to '\n' into buf (cap bytes, NUL-ended, '\n'
 * dropped); returns its length, or -1 (EOF, error, too long). */
int scp_io_line(struct scp_io *io, char *buf, size_t cap);
/* Writes all n bytes; returns 0 or -1. */
int scp_io_write(struct scp_io *io, const void *buf, size_t n);
/* Sends the 0 byte (ok).  Returns 0 or -1. */
int scp_io_ok(struct scp_io *io);
/* Counts an error on one file, sends "\1scp: MESSAGE\n" to the peer and,
 * unless remote, prints "scp: MESSAGE" on stderr.  fatal: \2 instead. */
void scp_io_err(struct scp_io *io, int fatal, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Reads the peer's reply: 0 → returns 0; 1/2 + line → prints it (unless
 * remote), counts an error, returns -1 (warning) or -2 (fatal, also on
 * EOF or garbage). */
int scp_io_reply(struct scp_io *io);

/* The sink side: sends the first 0, then takes C/D/E/T lines and data
 * into target (a directory when target_is_dir; else the one file or, for
 * a D, the directory to create).  Returns 0 when the stream ended cleanly
 * at the top level (io->errors may be > 0), -1 on a fatal error (message
 * printed / sent). */
int scp_sink(struct scp_io *io, const char *target, int target_is_dir);

/* The sink entry of "scp -t [-d] TARGET": checks the target as OpenSSH
 * does (a directory → files inside; -d with a non-directory → error),
 * then scp_sink.  Returns 0 or -1. */
int scp_sink_target(struct scp_io *io, const char *target, int dir_expected);

/* The source side: sends each path (directories with -r); the caller
 * has taken the sink's first 0 (scp_io_reply).  Returns 0 (io->errors
 * may be > 0), -1 on a fatal error. */
int scp_source(struct scp_io *io, char *const *paths, int n);

/* ---- Progress meter and bandwidth limit (scp-progress.c) ------------- */

/* Starts a file of size bytes named name (the meter draws only if
 * io->progress); the limit's clock starts with the first file. */
void scp_progress_start(struct scp_io *io, const char *name, uint64_t size);
/* n more bytes moved: redraws at most a few times a second, and sleeps
 * as long as -l needs. */
void scp_progress_add(struct scp_io *io, uint64_t n);
/* The file is done: final line with the elapsed time and a newline. */
void scp_progress_end(struct scp_io *io);

/* One meter line of width columns (cap bytes) for name, done of size
 * bytes after elapsed_ns; done_flag: elapsed time instead of an ETA.
 * Pure (unit-tested). */
void scp_progress_format(char *out, size_t cap, unsigned width, const char *name, uint64_t done,
                         uint64_t size, int64_t elapsed_ns, int done_flag);

/* ---- Starting the client (scp-spawn.c) ------------------------------- */

/* What the user gave that goes to every client. */
struct scp_client {
	const char *program; /* -S, NULL: our own binary as "shrew" */
	const char *args[64];
	int n_args;
	int verbose;
};

/* Adds one argument for the client.  Returns 0 or -1 (too many). */
int scp_client_arg(struct scp_client *cl, const char *arg);

/* Runs the client for user@host (user may be "", port 0: default) with
 * the remote command cmd, its stdin/stdout on pipes: *to_peer and
 * *from_peer are our ends (or, when fd_in/fd_out >= 0, those fds become
 * the child's stdin/stdout and no pipe is made).  Returns the pid or -1
 * (message printed). */
pid_t scp_client_spawn(const struct scp_client *cl, const char *user, const char *host,
                       unsigned port, const char *cmd, int fd_in, int fd_out, int *to_peer,
                       int *from_peer);

/* Waits for pid; returns 0 if it exited 0, else 1. */
int scp_client_wait(pid_t pid);

/* Builds the client's argv into argv (cap entries, NULL-ended).  Pure
 * (unit-tested).  Returns the count or -1. */
int scp_client_argv(const struct scp_client *cl, const char *self, const char *user,
                    const char *host, const char *port, const char *cmd, const char **argv,
                    int cap);

#endif
