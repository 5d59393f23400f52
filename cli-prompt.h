/*
 * cli-prompt.h - asking the user: passwords, passphrases and
 * keyboard-interactive answers, on the terminal or through SSH_ASKPASS.
 * Only with SHREW_CLIENT.
 *
 * Where a question goes (as OpenSSH decides it):
 *   BatchMode                        -> nobody is asked: E_AUTH
 *   SSH_ASKPASS_REQUIRE=force        -> $SSH_ASKPASS (when set)
 *   SSH_ASKPASS_REQUIRE=prefer       -> $SSH_ASKPASS when it and $DISPLAY
 *                                       are set, else the terminal
 *   otherwise                        -> /dev/tty; without a terminal
 *                                       $SSH_ASKPASS when it and $DISPLAY
 *                                       are set (never with
 *                                       SSH_ASKPASS_REQUIRE=never)
 *   none of these                    -> E_IO ("no terminal to ask on")
 * The askpass program runs without a shell: argv = {SSH_ASKPASS, prompt};
 * its first output line is the answer, a non-zero exit status means
 * "cancelled".
 */
#ifndef SHREW_CLI_PROMPT_H
#define SHREW_CLI_PROMPT_H

#include <stddef.h>

struct cli_opts;

/* Longest answer read from an askpass program's output (more is read and
 * dropped, then E_TOOBIG). */
#define CLI_PROMPT_MAX_OUTPUT 65536

/* Asks prompt (shown as is: sanitize peer text first) and reads one line
 * (without its end) into buf, NUL-terminated, its length to *len; echo 1
 * shows what is typed (keyboard-interactive prompts that ask for it).
 * Returns E_OK; E_AUTH in BatchMode (o->batch; nothing asked); E_ARG when
 * the user cancelled (Ctrl-C / Ctrl-D on an empty line at the terminal,
 * askpass exited non-zero); E_IO when there is nobody to ask; E_TOOBIG
 * when the answer does not fit in cap - 1 bytes.  buf is wiped on
 * failure; the caller wipes it after use. */
int cli_prompt(const struct cli_opts *o, const char *prompt, int echo, char *buf, size_t cap,
               size_t *len);

/* Writes prompt to /dev/tty and reads one echoed line from it (the host
 * key question).  Same results as tty_read_secret (common-tty.h): E_OK,
 * E_IO without a terminal, E_ARG on end-of-file with nothing typed,
 * E_TOOBIG when the line is longer than cap - 1 (the rest is dropped). */
int cli_prompt_line(const char *prompt, char *buf, size_t cap, size_t *len);

/* Runs askpass with prompt as its argument and reads its first output
 * line into buf as cli_prompt does (exposed for tests). */
int cli_prompt_askpass(const char *askpass, const char *prompt, char *buf, size_t cap, size_t *len);

#endif
