/*
 * common-err.h - error codes shared by every layer.
 *
 * Parsers, buffers and crypto glue never exit: they return one of these
 * (0 on success, negative on failure).  One place per applet turns an error
 * into a message, a disconnect or an exit status.
 */
#ifndef SHREW_COMMON_ERR_H
#define SHREW_COMMON_ERR_H

enum {
	E_OK = 0,
	E_SHORT = -1,       /* input ended before the field did */
	E_TOOBIG = -2,      /* a length is over its cap, or output has no room */
	E_TRAILING = -3,    /* bytes left over after the last field */
	E_FORMAT = -4,      /* malformed encoding */
	E_NOMEM = -5,       /* allocation failed */
	E_CRYPTO = -6,      /* a crypto primitive failed */
	E_UNSUPPORTED = -7, /* valid but not supported (algorithm, format) */
	E_IO = -8,          /* read/write/open failed; errno has details */
	E_VERIFY = -9,      /* signature or MAC check failed */
	E_PASSPHRASE = -10, /* key file is encrypted (or passphrase wrong) */
	E_ARG = -11,        /* caller passed an invalid argument */
	E_AUTH = -12        /* authentication failed (every method tried) */
};

/* Returns a short static English description of an E_* code. */
const char *err_str(int err);

#endif
