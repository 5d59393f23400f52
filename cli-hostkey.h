/*
 * cli-hostkey.h - the client's host key decision (known_hosts and
 * StrictHostKeyChecking), as the transport's tr_hostkey_fn.
 */
#ifndef SHREW_CLI_HOSTKEY_H
#define SHREW_CLI_HOSTKEY_H

#include <stddef.h>

struct sess;
struct cli;
struct key;

/* tr_hostkey_fn (common-transport.h); ctx is the struct sess.  Reads the
 * known_hosts file, decides, asks or warns on stderr / the terminal, and
 * appends an accepted new key.  E_OK to go on, else E_VERIFY etc. */
int cli_hostkey_check(void *ctx, const struct key *k);

/* The decision on n bytes of known_hosts text (buf may be NULL when n is
 * 0); appends to the file when a new key is accepted. */
int cli_hostkey_decide(struct sess *s, const char *buf, size_t n, const struct key *k);

/* The known_hosts path in use: UserKnownHostsFile or ~/.ssh/known_hosts. */
void cli_known_hosts_path(const struct cli *c, char *out, size_t cap);

#endif
