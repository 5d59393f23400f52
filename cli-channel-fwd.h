/*
 * cli-channel-fwd.h - the client's channel types besides "session":
 * "direct-tcpip" (netcat mode, -B host:port: our stdin/stdout to a TCP
 * connection the server makes) and "auth-agent@openssh.com" (-A: the
 * server opens one per agent client; we connect it to $SSH_AUTH_SOCK).
 * Also the few cli-session.c functions these types call back into.
 */
#ifndef SHREW_CLI_CHANNEL_FWD_H
#define SHREW_CLI_CHANNEL_FWD_H

#include <stddef.h>
#include <stdint.h>

#include "common-channel.h"

/* Opened by us for -B: stdin/stdout attached once confirmed. */
extern const struct chan_type cli_direct_tcpip_type;
/* Opened by the server when -A is on (refused otherwise). */
extern const struct chan_type cli_agent_type;

/* The type-specific data of a direct-tcpip CHANNEL_OPEN (RFC 4254 7.2):
 * string host to connect, uint32 port, string originator IP address,
 * uint32 originator port.  Returns the length written to buf, or 0 when
 * cap is too small or a string is over CLI_MAX_HOST bytes.  Pure. */
size_t cli_direct_tcpip_data(const char *host, unsigned port, const char *orig_ip,
                             unsigned orig_port, uint8_t *buf, size_t cap);

/* ---- In cli-session.c, for the types above ------------------------------ */

/* Attaches dups of s->cli->fd_stdout (written with the peer's data) and
 * fd_stdin (read into DATA) to c, and of fd_stderr for the peer's
 * EXTENDED_DATA when with_ext. */
void cli_session_attach_stdio(struct sess *s, struct chan *c, int with_ext);

/* The main channel (session or direct-tcpip) is gone; why non-NULL: its
 * open failed with that description (printed; the exit code is 255). */
void cli_session_main_ended(struct sess *s, const struct view *why);

/* Prints "shrew: " and the message on stderr, ended by CR LF while the
 * terminal is raw, else LF. */
void cli_session_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Copies the peer's text v into buf (NUL-terminated, truncated to cap - 1)
 * with control characters replaced by '?'. */
void cli_safe_text(struct view v, char *buf, size_t cap);

#endif
