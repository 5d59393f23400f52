/*
 * common-err.c - descriptions of the E_* error codes.
 */
#include "common-err.h"

const char *err_str(int err)
{
	switch (err) {
	case E_OK: return "success";
	case E_SHORT: return "data truncated";
	case E_TOOBIG: return "length over limit";
	case E_TRAILING: return "unexpected trailing data";
	case E_FORMAT: return "malformed data";
	case E_NOMEM: return "out of memory";
	case E_CRYPTO: return "cryptographic operation failed";
	case E_UNSUPPORTED: return "unsupported algorithm or format";
	case E_IO: return "input/output error";
	case E_VERIFY: return "verification failed";
	case E_PASSPHRASE: return "key is encrypted";
	case E_ARG: return "invalid argument";
	case E_AUTH: return "authentication failed";
	default: return "unknown error";
	}
}
