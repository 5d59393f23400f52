/*
 * cli-tty.h - the client's terminal: raw mode and its restore (on every
 * exit path: cli_tty_restore is in cli-session.h), the O_NONBLOCK flags of
 * our stdin/stdout/stderr, the window size, the terminal modes of a
 * pty-req (RFC 4254 8), the escape-character filter on stdin (~. ~^Z ~?
 * ~~) and the RFC 4254 signal names.
 *
 * The encoder, the escape filter and the signal table are pure (unit
 * tested in test/unit/test-cli-tty.c).  Raw mode keeps the saved settings
 * in this file's statics: an atexit handler or a fatal path restores them
 * without a session at hand.
 */
#ifndef SHREW_CLI_TTY_H
#define SHREW_CLI_TTY_H

#include <stddef.h>
#include <stdint.h>
#include <termios.h>

#include "common-rd.h"

/* ---- Terminal state (not pure) ----------------------------------------- */

/* Remembers the file status flags (O_NONBLOCK) of fds[0..n-1] (our stdin,
 * stdout, stderr: the channel table sets O_NONBLOCK on dups of them, which
 * share the open file description with the shell), so cli_tty_restore
 * can put them back.  n <= 3; a later call replaces the set. */
void cli_tty_save_fd_flags(const int *fds, int n);

/* Puts the terminal on fd in raw mode (no echo, no line editing, no
 * signals from keys, no output processing, as OpenSSH does), saving its
 * settings first.  Returns E_OK, or E_IO when fd is no terminal. */
int cli_tty_raw(int fd);

/* After a suspend (~^Z): raw mode and O_NONBLOCK again on the saved fds,
 * if they were set before cli_tty_restore. */
void cli_tty_resume(void);

/* Leaves raw mode for good (the pty was refused): the saved settings
 * back, the O_NONBLOCK flags untouched, no raw mode after a suspend. */
void cli_tty_leave_raw(void);

/* 1 while the terminal is in raw mode. */
int cli_tty_is_raw(void);

/* The window size of fd: cols, rows, width and height in pixels (all 0
 * when unknown).  Returns 1 when known, else 0. */
int cli_tty_winsize(int fd, uint32_t v[4]);

/* ---- Pure helpers ------------------------------------------------------ */

/* Encodes the terminal modes of t (RFC 4254 8: each opcode byte with a
 * uint32 argument; the special characters VINTR.. with _POSIX_VDISABLE as
 * 255, the input/local/output/control flags that exist here, then
 * TTY_OP_ISPEED / TTY_OP_OSPEED in bits per second when the speed is a
 * standard one) ending with TTY_OP_END, into buf.  Returns the length, or
 * 0 when cap is too small.  CLI_TTY_MODES_MAX is always enough. */
#define CLI_TTY_MODES_MAX 512
size_t cli_tty_encode_modes(const struct termios *t, uint8_t *buf, size_t cap);

/* Escape actions (bits, esc_filter's *action). */
enum { ESC_ACT_DISCONNECT = 1, ESC_ACT_SUSPEND = 2, ESC_ACT_HELP = 4 };

/* The escape filter's state between reads. */
struct esc_state {
	int esc;        /* the escape character, -1: disabled */
	int line_start; /* the next byte starts a line (or the input) */
	int held;       /* an escape character was read and held back */
};

/* Starts the filter: esc is the escape character (0..255) or -1. */
void esc_init(struct esc_state *st, int esc);

/* Removes escape sequences from the n bytes at buf, in place, and ORs the
 * actions found into *action (set to 0 first).  An escape character is
 * recognized only at the start of a line (after CR or LF, or as the first
 * byte ever); it is held back until the next byte says what it is, so a
 * held character followed by an ordinary one comes out as both: the
 * output can be one byte longer than the input, and buf must have room
 * for n + 1 bytes.  ~~ gives one ~.  Returns the bytes to send.  With the
 * filter disabled, returns n unchanged. */
size_t esc_filter(struct esc_state *st, uint8_t *buf, size_t n, int *action);

/* The ~? help text for escape character esc, lines ended by CR LF (raw
 * mode), into buf (NUL-terminated).  Returns its length (truncated to
 * cap - 1). */
size_t esc_help(int esc, char *buf, size_t cap);

/* The local number of an RFC 4254 signal name without "SIG" (ABRT ALRM
 * FPE HUP ILL INT KILL PIPE QUIT SEGV TERM USR1 USR2); 0 when unknown. */
int cli_signal_number(struct view name);

#endif
