/*
 * svr-session.h - the server's "session" channel (RFC 4254 6): pty-req
 * (with the encoded terminal modes of RFC 4254 8), window-change, env,
 * shell, exec, subsystem ("sftp" runs SHREW_SFTP_SERVER), signal, and
 * exit-status / exit-signal when the process ends.
 *
 *   svr-session.c      the channel type, requests, reaping, exit reports
 *   svr-session-pty.c  pty allocation, terminal modes, window size
 *   svr-session-env.c  fork, the child's environment, motd, exec
 *
 * Processes: each session runs in its own session and process group
 * (setsid), with a pty as controlling terminal or with three pipes.  The
 * server has already dropped to the user's uid/gids; the child inherits
 * them.  When a channel goes away while its process group lives, the
 * group gets SIGHUP, then SIGKILL after SESSION_KILL_GRACE seconds.
 */
#ifndef SHREW_SVR_SESSION_H
#define SHREW_SVR_SESSION_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <termios.h>

#include "common-channel.h"

struct sess;

/* Caps on env requests: variables per channel, bytes of "NAME=value". */
#define SESSION_MAX_ENV 16
#define SESSION_MAX_ENV_LEN 256
/* Longest TERM value, and encoded terminal modes string. */
#define SESSION_MAX_TERM 64
#define SESSION_MAX_MODES 2048
/* Seconds between SIGHUP and SIGKILL for an abandoned process group. */
#define SESSION_KILL_GRACE 2
/* The message of the day printed for pty shells (unless -m). */
#define SESSION_MOTD "/etc/motd"

/* What authentication decided for this login; the lead fills it from the
 * user's passwd entry and the authorized_keys options.  Strings are
 * copied by svr_session_init. */
struct session_policy {
	const char *user;  /* login name */
	uid_t uid;         /* 0 gets SHREW_ROOT_PATH */
	const char *home;  /* the child's working directory ("/" if NULL) */
	const char *shell; /* login shell ("/bin/sh" if NULL or "") */
	/* authorized_keys command="...", or NULL: then -c (s->opts) if any.
	 * It replaces the client's shell, exec or subsystem, and the client's
	 * exec command goes into SSH_ORIGINAL_COMMAND. */
	const char *forced_command;
	int allow_pty; /* authorized_keys allows a pty (AK_PERMIT_PTY) */
	int no_spawn;  /* refuse shell/exec/subsystem (fuzzing, tests) */
};

/* The "session" channel type (for tables built by hand in tests). */
extern const struct chan_type svr_session_type;

/* Sets up the connection's channel table (chan_table_init) with the
 * server's channel types and a copy of *pol.  Returns E_OK or E_NOMEM. */
int svr_session_init(struct sess *s, const struct session_policy *pol);

/* Ends every channel and its processes: SIGHUP to each live process
 * group, up to SESSION_KILL_GRACE seconds for them to go, then SIGKILL,
 * and reaps them.  Frees the table and the policy.  Sends nothing. */
void svr_session_free(struct sess *s);

/* Collects ended children (waitpid, WNOHANG, only our own pids), sends
 * SIGKILL to abandoned groups whose grace ran out, and advances the
 * channels (chan_poll) so exit-status, EOF and CLOSE go out once the
 * output is drained.  Call after SIGCHLD, and now and then (once a
 * second) while abandoned groups remain.  Returns E_OK or the error of a
 * failed sess_send. */
int svr_session_reap(struct sess *s);

/* 1 while an abandoned process group awaits its SIGKILL (the loop should
 * then call svr_session_reap at least once a second). */
int svr_session_pending_kills(const struct sess *s);

/* ---- Pure helpers (tested and fuzzed on their own) --------------------- */

/* pty-req: string TERM, uint32 cols, uint32 rows, uint32 width px,
 * uint32 height px, string encoded terminal modes. */
struct pty_req {
	struct view term;
	uint32_t cols, rows, wpx, hpx;
	struct view modes;
};

/* Parses pty-req data.  E_OK, E_SHORT, E_TRAILING, E_TOOBIG (TERM over
 * SESSION_MAX_TERM, modes over SESSION_MAX_MODES), E_FORMAT (NUL in
 * TERM). */
int svr_session_parse_pty_req(struct view data, struct pty_req *out);

/* Applies encoded terminal modes (RFC 4254 8: byte opcode, uint32
 * argument, up to TTY_OP_END (0) or an opcode of 160 and above, which
 * stop parsing) to *t.  Unknown opcodes below 160 are skipped; a
 * control character of 255 disables it.  A string that ends without
 * TTY_OP_END is accepted.  Returns E_OK, or E_SHORT for an opcode
 * without its argument (*t is then partly changed).  Pure. */
int svr_session_apply_modes(struct view modes, struct termios *t);

/* The signal number of an SSH signal name ("TERM", without "SIG"), or 0
 * if the name is not one we deliver. */
int svr_session_signal_number(struct view name);

/* The SSH name of a signal number ("TERM"), or NULL if it has none. */
const char *svr_session_signal_name(int sig);

/* 1 if an env request for this variable is accepted: LANG and LC_*. */
int svr_session_env_allowed(struct view name);

/* ---- Between svr-session*.c only ---------------------------------------- */

/* What svr_session_spawn needs to start a process. */
struct session_spawn {
	const struct sess *s; /* addresses for SSH_CLIENT etc. */
	const char *user, *home, *shell;
	uid_t uid;
	const char *command;          /* NULL: a login shell */
	const char *original_command; /* SSH_ORIGINAL_COMMAND, or NULL */
	int pty_slave;                /* an open pty slave, or -1 for pipes */
	const char *tty;              /* its path (SSH_TTY), when a pty */
	const char *term;             /* TERM, when a pty */
	const char *const *env;       /* accepted "NAME=value", NULL-ended */
	int motd;                     /* print SESSION_MOTD first */
	int pass_env;                 /* -e: start from our environment */
};

/* Forks the session's process.  With a pty the child makes the slave
 * its controlling terminal and stdin/out/err; fds[0..2] are then -1
 * (the caller keeps the master).  Without, fds[0] is the write end of
 * the child's stdin, fds[1] and fds[2] the read ends of its stdout and
 * stderr.  Returns the pid (also the process group id), or -1 with
 * errno set (nothing left open). */
pid_t svr_session_spawn(const struct session_spawn *sp, int fds[3]);

/* Opens a pty: *master (close-on-exec) and *slave, path of the slave
 * written to tty (cap bytes).  Returns E_OK or E_IO. */
int svr_session_open_pty(int *master, int *slave, char *tty, size_t cap);

/* Sets the window size of a pty (TIOCSWINSZ); sizes are clamped to
 * 65535. */
void svr_session_set_winsize(int fd, uint32_t cols, uint32_t rows, uint32_t wpx, uint32_t hpx);

#endif
