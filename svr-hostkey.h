/*
 * svr-hostkey.h - loading (and with -R creating) the server's host keys.
 */
#ifndef SHREW_SVR_HOSTKEY_H
#define SHREW_SVR_HOSTKEY_H

#include "common-transport.h"
#include "svr-opts.h"

/* Loads every host key file of o (-r, or the defaults) into hk, in any
 * format common-keyfile.c reads.  A missing file is created first when -R
 * was given (type from the file name: "ed25519", "ecdsa", "rsa"; written
 * in OpenSSH format, 0600, fingerprint logged), skipped when it is a
 * default path, and an error for an explicit -r.  Returns E_OK with at
 * least one key, else an error (logged). */
int svr_hostkeys_load(const struct svr_opts *o, struct hostkeys *hk);

/* Checks that the loaded keys can sign with at least one offered host
 * key algorithm of p.  If not, and the list is the default one, offers
 * what the keys can sign instead (drop-in for a Dropbear install with only
 * an ECDSA key), with a warning; if the user chose the list, that is an
 * error (logged).  Returns E_OK or E_ARG. */
int svr_hostkeys_check_offer(struct algo_prefs *p, const struct hostkeys *hk);

/* Frees the keys. */
void svr_hostkeys_free(struct hostkeys *hk);

#endif
