/*
 * configs/minimal.h - the smallest useful server: curve25519 kex, Ed25519
 * keys, chacha20-poly1305, publickey authentication only, no forwarding,
 * no client.  Built and tested by CI: make CONFIG=minimal test
 */
#define SHREW_CLIENT 0
#define SHREW_SCP 0
#define SHREW_CONVERT 0
#define SHREW_KEX_ECDH_NISTP 0
#define SHREW_KEX_DH_GROUP14_SHA256 0
#define SHREW_ECDSA 0
#define SHREW_RSA 0
#define SHREW_AES_GCM 0
#define SHREW_AES_CTR 0
#define SHREW_ENCRYPTED_KEYS 0
#define SHREW_HMAC_SHA256 0
#define SHREW_HMAC_SHA512 0
#define SHREW_AUTH_PASSWORD 0
#define SHREW_AUTH_KBDINT 0
#define SHREW_TCP_FWD 0
#define SHREW_AGENT_FWD 0
