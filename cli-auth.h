/*
 * cli-auth.h - the client's side of userauth (RFC 4252, 4256, 8308 and
 * 8332): "none" first, then publickey (agent keys, then -i / default key
 * files, passphrase prompt for encrypted ones), keyboard-interactive and
 * password, in the order the server's "methods that can continue" allow.
 * Prompts go to /dev/tty without echo, or to SSH_ASKPASS without a
 * terminal; BatchMode never prompts.
 */
#ifndef SHREW_CLI_AUTH_H
#define SHREW_CLI_AUTH_H

#include <stddef.h>
#include <stdint.h>

struct sess;

/* After SERVICE_ACCEPT "ssh-userauth": allocates s->cli->auth and sends
 * the first request ("none").  Returns E_OK or an error (E_NOMEM, or what
 * sess_send returns). */
int cli_auth_start(struct sess *s);

/* Handles one userauth message (50..79: FAILURE, SUCCESS, BANNER,
 * PK_OK / INFO_REQUEST / PASSWD_CHANGEREQ 60..).  Sends the next request
 * itself.  On USERAUTH_SUCCESS sets s->authenticated = 1.  Returns E_OK
 * (go on), E_AUTH when every method is exhausted (a one-line "Permission
 * denied (methods)" message has been printed to stderr; no DISCONNECT is
 * sent: the caller may send NO_MORE_AUTH_METHODS_AVAILABLE) or when the
 * user cancelled a prompt (Ctrl-C, askpass cancelled: "authentication
 * cancelled" printed, sess_disconnect(AUTH_CANCELLED_BY_USER) done), or
 * another error after which the connection ends (a malformed or
 * unexpected message, any number other than 51, 52, 53, 60: already
 * passed to sess_disconnect).  Messages after the outcome are ignored. */
int cli_auth_handle(struct sess *s, const uint8_t *payload, size_t n);

/* SSH_MSG_EXT_INFO (RFC 8308) from the server: records server-sig-algs in
 * s->cli->server_sig_algs (and sets s->cli->ext_info_seen).  Needs only
 * s->cli, so it may come before cli_auth_start (right after the first
 * NEWKEYS) and again before USERAUTH_SUCCESS (RFC 8308 2.4): the latest
 * server-sig-algs wins.  A malformed message is a protocol error
 * (returns E_FORMAT after sess_disconnect). */
int cli_auth_ext_info(struct sess *s, const uint8_t *payload, size_t n);

/* Frees s->cli->auth (wiping secrets); safe when NULL. */
void cli_auth_free(struct sess *s);

#endif
