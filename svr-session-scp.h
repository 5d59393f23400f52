/*
 * svr-session-scp.h - shrewd runs its own scp applet for "scp ..." exec
 * commands (SHREW_SVR_OWN_SCP, options.h).
 */
#ifndef SHREW_SVR_SESSION_SCP_H
#define SHREW_SVR_SESSION_SCP_H

#include <stddef.h>

/* Pure: if cmd (NUL-terminated, in a buffer of cap bytes) starts with the
 * word "scp" (then a space or tab, or the end), rewrites it in place to
 * "'EXE' scp REST" (EXE quoted for the shell; REST and its quoting kept
 * as they are).  Left alone (returns 0) when it is another command, when
 * exe is NULL, not absolute, or its basename is an applet name (a binary
 * that is one applet only), or when the result does not fit.  Returns 1
 * when rewritten. */
int svr_scp_rewrite_with(char *cmd, size_t cap, const char *exe);

/* The hook of svr-session.c: svr_scp_rewrite_with with the path of this
 * binary recorded at startup, unless forced is set (a forced command
 * runs instead, and the client's command goes unchanged into
 * SSH_ORIGINAL_COMMAND) or the option / scp applet is off. */
void svr_scp_rewrite(char *cmd, size_t cap, const char *forced);

#endif
