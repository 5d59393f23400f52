/*
 * common-tty.h - asking the user for a secret (a key's passphrase, later
 * the client's password) on the controlling terminal.
 */
#ifndef SHREW_COMMON_TTY_H
#define SHREW_COMMON_TTY_H

#include <stddef.h>

/* Writes prompt to /dev/tty and reads one line from it without echo; the
 * terminal's settings are restored before return and a newline is echoed.
 * The line (without its end) goes to buf, NUL-terminated, its length to
 * *len.  Reads byte by byte with the terminal's own line editing keys
 * (erase: also removes a whole UTF-8 character; kill: the line) and
 * treats its interrupt key (Ctrl-C) or end-of-file key on an empty line
 * as "cancelled", with signals off meanwhile, so an interrupt never
 * leaves echo off.  Returns E_OK; E_IO when there is no terminal (errno
 * kept; stdin is never read instead); E_ARG when cancelled; E_TOOBIG if
 * the line does not fit in cap - 1 bytes (the rest is read and dropped).
 * buf is wiped on failure; the caller wipes it after use. */
int tty_read_secret(const char *prompt, char *buf, size_t cap, size_t *len);

#endif
