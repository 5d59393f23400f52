/*
 * cli-session.h - what the client does once authenticated: one "session"
 * channel (shell, exec or subsystem, with a pty when asked) wired to our
 * stdin/stdout/stderr, or, in netcat mode (-B), one "direct-tcpip"
 * channel.  Raw terminal mode with restore on every exit path, SIGWINCH
 * -> window-change, escapes (~. ~^Z ~? ~~ ~# ...), exit-status /
 * exit-signal -> exit code, agent forwarding channels (-A).
 */
#ifndef SHREW_CLI_SESSION_H
#define SHREW_CLI_SESSION_H

#include <stddef.h>
#include <stdint.h>
#include <sys/select.h>

struct sess;

/* After USERAUTH_SUCCESS: sets up s->chans (client channel types) and
 * s->cli->session, opens the channel (session or direct-tcpip, from
 * s->cli->opts) with our stdin/stdout/stderr (s->cli->fd_*) attached once
 * confirmed.  Returns E_OK or an error. */
int cli_session_start(struct sess *s);

/* The select() loop's hooks (cli-conn.c calls them every pass, after
 * chan_set_fds / chan_handle_fds): signals seen (SIGWINCH -> window-change
 * request), and the session end.  Returns E_OK or an error. */
int cli_session_poll(struct sess *s);

/* 1 once the session is over (every channel closed; or -N with nothing
 * open and a signal to stop), so the connection can be closed. */
int cli_session_done(const struct sess *s);

/* The exit code: the remote exit-status, 128 + signal number for
 * exit-signal, 0 for -N/-B ended cleanly, CLI_EXIT_CONN (255) when the
 * channel ended without a status or the connection was lost. */
int cli_session_exit_code(const struct sess *s);

/* Restores the terminal (safe to call any time, also from an atexit
 * handler or a fatal signal path) and frees s->cli->session. */
void cli_session_free(struct sess *s);

/* Restores the terminal if cli-session put it in raw mode (for every
 * exit path; idempotent). */
void cli_tty_restore(void);

#endif
