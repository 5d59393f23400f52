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
/* A build with legacy algorithms exists to talk to old peers: offer all. */
#define SHREW_OFFER_KEX "*"
#define SHREW_OFFER_HOSTKEY "*"
#define SHREW_OFFER_CIPHERS "*"
#define SHREW_OFFER_MACS "*"
