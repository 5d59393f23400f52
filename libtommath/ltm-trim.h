/*
 * libtommath/ltm-trim.h - included (-include) before every libtommath
 * source we compile, never by our code: takes upstream's configuration
 * (tommath_class.h, everything on) and then turns off Toom-Cook
 * multiplication and squaring and the balanced multiplication.  mp_mul and
 * mp_sqr test MP_HAS() for each and fall back to Karatsuba or comba.
 * Toom-Cook starts at 350 digits (9800 bits with the 28-bit digits of
 * 32-bit CPUs, 21000 with 60-bit ones), beyond any key we accept (RSA up to
 * 8192 bits); balanced multiplication only helps operands of very
 * different sizes that are both past the Karatsuba cutoff.  Karatsuba
 * (80 digits: 2240 bits on 32-bit CPUs) stays, for RSA-3072/4096 on
 * routers.  Saves about 3 KB (docs/decisions.md, Size).
 */
#include "tommath_private.h"
#undef BN_S_MP_BALANCE_MUL_C
#undef BN_S_MP_TOOM_MUL_C
#undef BN_S_MP_TOOM_SQR_C
/* and bn_deprecated.c's old public names for them */
#undef BN_MP_BALANCE_MUL_C
#undef BN_MP_TOOM_MUL_C
#undef BN_MP_TOOM_SQR_C
