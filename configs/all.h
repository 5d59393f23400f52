/*
 * configs/all.h - every switch on, legacy algorithms included.  Built and
 * tested by CI so no combination rots: make CONFIG=all test
 */
#define SHREW_SSH_NAME 1
#define SHREW_KEX_DH_GROUP14_SHA1 1
#define SHREW_KEX_DH_GROUP1_SHA1 1
#define SHREW_RSA_SHA1 1
#define SHREW_AES_CBC 1
#define SHREW_HMAC_SHA1 1
