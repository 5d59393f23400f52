/*
 * crypto-ltc.h - the one place that includes libtomcrypt's header.
 *
 * In the embedded build, libtomcrypt/tomcrypt_custom.h (ours) trims what
 * libtomcrypt compiles; in the distro build (SYSTEM_LIBTOM=1) Debian's full
 * header is used as is, so that struct layouts match the shared library.
 */
#ifndef SHREW_CRYPTO_LTC_H
#define SHREW_CRYPTO_LTC_H

#ifndef LTM_DESC
#define LTM_DESC
#endif
#include <tomcrypt.h>

/* Registers the ciphers, hashes and PRNG we use and selects libtommath as
 * libtomcrypt's math.  Idempotent.  Returns E_OK or E_CRYPTO. */
int crypto_init(void);

/* Index of our PRNG descriptor ("shrew", backed by random_bytes()) for
 * libtomcrypt calls that take (prng_state *, int wprng); pass a NULL
 * prng_state.  crypto_init() must have succeeded. */
int crypto_prng_idx(void);

#endif
