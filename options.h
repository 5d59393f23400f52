/*
 * options.h - every compile-time switch of shrew, with its default.
 *
 * A builder overrides any of these in localoptions.h (see
 * localoptions.h.example), which is read first; `make LOCALOPTIONS=file`
 * reads another file instead (configs/minimal.h, configs/all.h).  Every
 * switch is SHREW_* and is 0/1 or a number; code tests them with #if only
 * and the build uses -Wundef, so a misspelt name is an error.  Derived
 * macros and consistency checks live in sysoptions.h, included at the end.
 */
#ifndef SHREW_OPTIONS_H
#define SHREW_OPTIONS_H

#if defined(SHREW_LOCALOPTIONS)
#include SHREW_LOCALOPTIONS
#elif defined(__has_include)
#if __has_include("localoptions.h")
#include "localoptions.h"
#endif
#endif

/* ---- Applets built into shrewmulti ------------------------------------ */

/* shrewd, the server. */
#ifndef SHREW_SERVER
#define SHREW_SERVER 1
#endif
/* shrew, the client. */
#ifndef SHREW_CLIENT
#define SHREW_CLIENT 1
#endif
/* shrewkey, the key generator / inspector. */
#ifndef SHREW_KEYTOOL
#define SHREW_KEYTOOL 1
#endif
/* shrewconvert, the key format converter. */
#ifndef SHREW_CONVERT
#define SHREW_CONVERT 1
#endif
/* scp (needs the client). */
#ifndef SHREW_SCP
#define SHREW_SCP 1
#endif
/* Also answer to Dropbear's applet names (dropbear, dbclient, dropbearkey,
 * dropbearconvert) and use Dropbear's default paths under those names. */
#ifndef SHREW_DROPBEAR_NAMES
#define SHREW_DROPBEAR_NAMES 1
#endif
/* Answer to "ssh" as the client applet name. */
#ifndef SHREW_SSH_NAME
#define SHREW_SSH_NAME 0
#endif

/* ---- Key exchange ------------------------------------------------------ */

/* curve25519-sha256 and curve25519-sha256@libssh.org (RFC 8731). */
#ifndef SHREW_KEX_CURVE25519
#define SHREW_KEX_CURVE25519 1
#endif
/* ecdh-sha2-nistp256/384/521 (RFC 5656). */
#ifndef SHREW_KEX_ECDH_NISTP
#define SHREW_KEX_ECDH_NISTP 1
#endif
/* diffie-hellman-group14-sha256 (RFC 8268). */
#ifndef SHREW_KEX_DH_GROUP14_SHA256
#define SHREW_KEX_DH_GROUP14_SHA256 1
#endif
/* diffie-hellman-group14-sha1: legacy, SHA-1. */
#ifndef SHREW_KEX_DH_GROUP14_SHA1
#define SHREW_KEX_DH_GROUP14_SHA1 0
#endif
/* diffie-hellman-group1-sha1: legacy, 1024-bit group, SHA-1. */
#ifndef SHREW_KEX_DH_GROUP1_SHA1
#define SHREW_KEX_DH_GROUP1_SHA1 0
#endif

/* ---- Host and user key types ------------------------------------------ */

/* ssh-ed25519 (RFC 8709). */
#ifndef SHREW_ED25519
#define SHREW_ED25519 1
#endif
/* ecdsa-sha2-nistp256/384/521 (RFC 5656). */
#ifndef SHREW_ECDSA
#define SHREW_ECDSA 1
#endif
/* RSA keys with rsa-sha2-256 / rsa-sha2-512 signatures (RFC 8332). */
#ifndef SHREW_RSA
#define SHREW_RSA 1
#endif
/* ssh-rsa signatures (SHA-1): legacy. */
#ifndef SHREW_RSA_SHA1
#define SHREW_RSA_SHA1 0
#endif
/* ssh-dss: legacy, 1024-bit DSA with SHA-1.  Not implemented; must be 0. */
#ifndef SHREW_DSS
#define SHREW_DSS 0
#endif
/* Smallest RSA modulus shrewkey generates, in bits.  Keys read from files
 * or the network are accepted from 1024 bits, as OpenSSH does, so old
 * Dropbear host keys keep loading. */
#ifndef SHREW_RSA_MIN_BITS
#define SHREW_RSA_MIN_BITS 2048
#endif
/* Largest RSA modulus accepted or generated, in bits (bounds verify cost). */
#ifndef SHREW_RSA_MAX_BITS
#define SHREW_RSA_MAX_BITS 8192
#endif
/* Default RSA size for shrewkey -t rsa, in bits. */
#ifndef SHREW_RSA_DEFAULT_BITS
#define SHREW_RSA_DEFAULT_BITS 3072
#endif

/* ---- Ciphers and MACs -------------------------------------------------- */

/* chacha20-poly1305@openssh.com. */
#ifndef SHREW_CHACHA20_POLY1305
#define SHREW_CHACHA20_POLY1305 1
#endif
/* aes128-gcm@openssh.com and aes256-gcm@openssh.com (RFC 5647). */
#ifndef SHREW_AES_GCM
#define SHREW_AES_GCM 1
#endif
/* aes128-ctr and aes256-ctr (RFC 4344). */
#ifndef SHREW_AES_CTR
#define SHREW_AES_CTR 1
#endif
/* aes128-cbc and aes256-cbc: legacy. */
#ifndef SHREW_AES_CBC
#define SHREW_AES_CBC 0
#endif
/* hmac-sha2-256 and hmac-sha2-256-etm@openssh.com. */
#ifndef SHREW_HMAC_SHA256
#define SHREW_HMAC_SHA256 1
#endif
/* hmac-sha2-512 and hmac-sha2-512-etm@openssh.com. */
#ifndef SHREW_HMAC_SHA512
#define SHREW_HMAC_SHA512 1
#endif
/* hmac-sha1: legacy. */
#ifndef SHREW_HMAC_SHA1
#define SHREW_HMAC_SHA1 0
#endif

/* ---- What is offered ---------------------------------------------------- */

/*
 * The algorithms offered by default, most preferred first: comma-separated
 * names or patterns ('*', '?'); names not built in are skipped, and a list
 * that names nothing built in offers everything built in.  The defaults
 * are what ssh-audit passes without a failure or a warning.  Built-in
 * algorithms left out here (the NIST-curve kex and host keys,
 * diffie-hellman-group14-sha256, the non-etm MACs) are still there for old
 * peers: turn them on at run time with OpenSSH's list syntax, e.g.
 * shrewd -o KexAlgorithms=+ecdh-sha2-nistp256 -o MACs=+hmac-sha2-256.
 * A server whose host keys can make none of SHREW_OFFER_HOSTKEY (only an
 * ECDSA key, say) offers what they can make, with a warning.
 */
#ifndef SHREW_OFFER_KEX
#define SHREW_OFFER_KEX "curve25519-sha256,curve25519-sha256@libssh.org"
#endif
#ifndef SHREW_OFFER_HOSTKEY
#define SHREW_OFFER_HOSTKEY "ssh-ed25519,rsa-sha2-512,rsa-sha2-256"
#endif
#ifndef SHREW_OFFER_CIPHERS
#define SHREW_OFFER_CIPHERS                                                                       \
	"chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr," \
	"aes256-ctr"
#endif
#ifndef SHREW_OFFER_MACS
#define SHREW_OFFER_MACS "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com"
#endif

/* ---- Authentication ---------------------------------------------------- */

/* publickey authentication. */
#ifndef SHREW_AUTH_PUBKEY
#define SHREW_AUTH_PUBKEY 1
#endif
/* password authentication (crypt(3) + shadow). */
#ifndef SHREW_AUTH_PASSWORD
#define SHREW_AUTH_PASSWORD 1
#endif
/* keyboard-interactive carrying a password prompt (needs password). */
#ifndef SHREW_AUTH_KBDINT
#define SHREW_AUTH_KBDINT 1
#endif
/* Serve several users (drop to the user's uid/gids after auth).  0 for a
 * single-user device where everyone logs in as the server's own user. */
#ifndef SHREW_MULTIUSER
#define SHREW_MULTIUSER 1
#endif

/* Read passphrase-protected OpenSSH private keys (openssh-key-v1 with
 * kdf "bcrypt" and cipher aes256-ctr or aes128-ctr, as ssh-keygen -N
 * writes them) in the client and shrewkey.  Needs SHREW_AES_CTR.  The
 * server never links it: host keys cannot ask for a passphrase. */
#ifndef SHREW_ENCRYPTED_KEYS
#define SHREW_ENCRYPTED_KEYS 1
#endif
/* Most bcrypt_pbkdf rounds an encrypted key file may ask for (ssh-keygen
 * -a; its default is 16, each round costs some 5 ms on a PC and far more
 * on a router); a file asking for more is refused rather than let it keep
 * the CPU busy for minutes. */
#ifndef SHREW_BCRYPT_MAX_ROUNDS
#define SHREW_BCRYPT_MAX_ROUNDS 10000
#endif

/* ---- Forwarding -------------------------------------------------------- */

/* Local and remote TCP forwarding (-L, -R; direct-tcpip, tcpip-forward). */
#ifndef SHREW_TCP_FWD
#define SHREW_TCP_FWD 1
#endif
/* Agent forwarding (-A). */
#ifndef SHREW_AGENT_FWD
#define SHREW_AGENT_FWD 1
#endif

/* ---- Paths ------------------------------------------------------------- */

/* Host key and config directory under the shrew names. */
#ifndef SHREW_CONF_DIR
#define SHREW_CONF_DIR "/etc/shrew"
#endif
/* The same under Dropbear's names. */
#ifndef SHREW_DROPBEAR_CONF_DIR
#define SHREW_DROPBEAR_CONF_DIR "/etc/dropbear"
#endif
/* External SFTP server run for the "sftp" subsystem. */
#ifndef SHREW_SFTP_SERVER
#define SHREW_SFTP_SERVER "/usr/lib/openssh/sftp-server"
#endif
/* shrewd runs its own scp applet for an exec command whose first word is
 * exactly "scp" (OpenSSH's and our scp send "scp -t ..." / "scp -f ..."),
 * so a router with only shrewmulti installed (no scp on PATH) still takes
 * scp: the command becomes "'<path of this binary>' scp REST", still run
 * by the user's shell.  Needs SHREW_SCP; the path is read from
 * /proc/self/exe when the binary starts (nothing changes if unreadable). */
#ifndef SHREW_SVR_OWN_SCP
#define SHREW_SVR_OWN_SCP 1
#endif
/* PATH given to sessions of ordinary users and of root. */
#ifndef SHREW_DEFAULT_PATH
#define SHREW_DEFAULT_PATH "/usr/local/bin:/usr/bin:/bin"
#endif
#ifndef SHREW_ROOT_PATH
#define SHREW_ROOT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#endif

/* ---- Limits ------------------------------------------------------------ */

/* Largest packet accepted from the peer, in bytes (RFC 4253 asks >= 35000). */
#ifndef SHREW_MAX_PACKET
#define SHREW_MAX_PACKET 35000
#endif
/* Longest identification line accepted, and how many lines before it. */
#ifndef SHREW_MAX_IDENT_LINE
#define SHREW_MAX_IDENT_LINE 255
#endif
#ifndef SHREW_MAX_IDENT_LINES
#define SHREW_MAX_IDENT_LINES 50
#endif
/* Default receive window per channel, in bytes (-W changes it). */
#ifndef SHREW_RECV_WINDOW
#define SHREW_RECV_WINDOW (2 * 1024 * 1024)
#endif
/* Seconds allowed from connect to successful authentication. */
#ifndef SHREW_AUTH_TIMEOUT
#define SHREW_AUTH_TIMEOUT 300
#endif
/* Failed authentication attempts before disconnect. */
#ifndef SHREW_MAX_AUTH_TRIES
#define SHREW_MAX_AUTH_TRIES 10
#endif
/* Unauthenticated connections per source address, and in all. */
#ifndef SHREW_MAX_UNAUTH_PER_IP
#define SHREW_MAX_UNAUTH_PER_IP 5
#endif
#ifndef SHREW_MAX_UNAUTH_TOTAL
#define SHREW_MAX_UNAUTH_TOTAL 30
#endif
/* Caps on strings from the network and from files, in bytes. */
#ifndef SHREW_MAX_USERNAME
#define SHREW_MAX_USERNAME 100
#endif
#ifndef SHREW_MAX_PASSWORD
#define SHREW_MAX_PASSWORD 100
#endif
#ifndef SHREW_MAX_AUTHKEYS_LINE
#define SHREW_MAX_AUTHKEYS_LINE 8192
#endif
#ifndef SHREW_MAX_BANNER
#define SHREW_MAX_BANNER 2000
#endif
#ifndef SHREW_MAX_CMD
#define SHREW_MAX_CMD 9000
#endif
/* Client known_hosts: longest line (longer lines are skipped as
 * malformed) and largest file read (a bigger file is an error). */
#ifndef SHREW_MAX_KNOWNHOSTS_LINE
#define SHREW_MAX_KNOWNHOSTS_LINE 8192
#endif
#ifndef SHREW_MAX_KNOWNHOSTS_FILE
#define SHREW_MAX_KNOWNHOSTS_FILE (1024L * 1024)
#endif
/* Largest key file read, in bytes. */
#ifndef SHREW_MAX_KEYFILE
#define SHREW_MAX_KEYFILE 65536
#endif
/* Channels per connection. */
#ifndef SHREW_MAX_CHANNELS
#define SHREW_MAX_CHANNELS 10
#endif
/* Rekey after this many bytes or seconds, whichever first. */
#ifndef SHREW_REKEY_BYTES
#define SHREW_REKEY_BYTES (1024L * 1024 * 1024)
#endif
#ifndef SHREW_REKEY_SECONDS
#define SHREW_REKEY_SECONDS 3600
#endif

/* ---- Implementation choices -------------------------------------------- */

/* Build the bulk-data primitives (AES, SHA-2 compression, CTR, ChaCha20,
 * Poly1305) for speed even when SHREW_SMALL_CODE is on: about 12 KB more
 * for AES-CTR + HMAC at about 1.3x the throughput (docs/decisions.md). */
#ifndef SHREW_BULK_SPEED
#define SHREW_BULK_SPEED 1
#endif

/* Smaller, slower code in libtomcrypt (rolled SHA-2 loops, one AES table
 * instead of four).  Saves about 20 KB for some 10-20% of bulk cipher and
 * hash speed. */
#ifndef SHREW_SMALL_CODE
#define SHREW_SMALL_CODE 1
#endif

/* Use the portable 32-bit field arithmetic for X25519/Ed25519 even where
 * 64x64->128 multiplication exists (for testing the 32-bit path). */
#ifndef SHREW_25519_PORTABLE
#define SHREW_25519_PORTABLE 0
#endif
/* Test hooks (seedable RNG, injectable clock).  Never in a release build:
 * sysoptions.h refuses it unless SHREW_TEST_BUILD is also set. */
#ifndef SHREW_TEST_HOOKS
#define SHREW_TEST_HOOKS 0
#endif
#ifndef SHREW_TEST_BUILD
#define SHREW_TEST_BUILD 0
#endif

#include "sysoptions.h"

#endif
