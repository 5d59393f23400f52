/*
 * svr-auth.h - the server's user authentication layer (RFC 4252), with
 * publickey (RFC 4252 7, RFC 8332 rsa-sha2, RFC 8308 server-sig-algs),
 * password (RFC 4252 8) and keyboard-interactive carrying a password
 * prompt (RFC 4256).
 *
 * Files: svr-auth.c (parsers, dispatcher, replies, tries, banner),
 * svr-auth-user.c (passwd/shadow lookup, login policy, privilege drop),
 * svr-auth-pubkey.c (authorized_keys search, signature check),
 * svr-auth-password.c (crypt(3) check), svr-auth-kbdint.c.
 *
 * The session layer calls svr_auth_init() once the client asked for the
 * "ssh-userauth" service, hands every message 50 (USERAUTH_REQUEST) and
 * 61 (USERAUTH_INFO_RESPONSE) to svr_auth_handle(), and after
 * s->authenticated became 1 calls svr_auth_drop_privileges() before it
 * serves any channel; svr_auth_free() at the end of the connection.
 */
#ifndef SHREW_SVR_AUTH_H
#define SHREW_SVR_AUTH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "options.h"
#include "common-rd.h"
#include "common-sess.h"
#include "svr-authkeys.h"

/* Caps on the request's name fields (service, method, algorithm names,
 * language tag, submethods), in bytes. */
#define USERAUTH_MAX_NAME 64
#define USERAUTH_MAX_SUBMETHODS 256
/* Most responses accepted in one INFO_RESPONSE (we ask one question). */
#define USERAUTH_MAX_RESPONSES 4
/* Caps on the passwd fields we copy (home, shell) and the password hash. */
#define SVR_AUTH_MAX_PATH 256
#define SVR_AUTH_MAX_HASH 256
/* Failed password / keyboard-interactive attempts wait this long, plus a
 * random 0..SVR_AUTH_FAIL_JITTER_MS. */
#define SVR_AUTH_FAIL_DELAY_MS 250
#define SVR_AUTH_FAIL_JITTER_MS 150

enum userauth_method {
	USERAUTH_NONE = 0,
	USERAUTH_PUBKEY,
	USERAUTH_PASSWORD,
	USERAUTH_KBDINT,
	USERAUTH_OTHER /* a method we do not know; its fields are not read */
};

/* A parsed SSH_MSG_USERAUTH_REQUEST.  Views point into the payload. */
struct userauth_req {
	struct view user, service, method_name;
	enum userauth_method method;
	int has_sig;                  /* publickey */
	struct view alg, blob, sig;   /* publickey; sig empty without has_sig */
	struct view password;         /* password */
	struct view lang, submethods; /* keyboard-interactive */
};

/* A parsed SSH_MSG_USERAUTH_INFO_RESPONSE.  Views point into the payload. */
struct userauth_info_resp {
	uint32_t count;
	struct view resp[USERAUTH_MAX_RESPONSES];
};

/* Parses a whole USERAUTH_REQUEST payload (message number first):
 *   byte 50, string user, string service, string method, then for
 *   "none": nothing; "publickey": boolean has_sig, string alg,
 *   string blob [, string signature]; "password": boolean FALSE,
 *   string password; "keyboard-interactive": string language,
 *   string submethods.  Any other method: the rest is not read.
 * user is text without NUL, at most SHREW_MAX_USERNAME bytes; password at
 * most SHREW_MAX_PASSWORD; blob KEY_MAX_PUB_BLOB; signature
 * KEY_MAX_SIG_BLOB; names USERAUTH_MAX_NAME.  Returns E_OK, E_UNSUPPORTED
 * for a well-formed password change request (boolean TRUE, two
 * passwords), or the cursor's error (E_SHORT, E_TOOBIG, E_FORMAT,
 * E_TRAILING) or E_FORMAT for a wrong message number.  Pure. */
int userauth_request_parse(const uint8_t *payload, size_t n, struct userauth_req *out);

/* Parses a whole USERAUTH_INFO_RESPONSE payload:
 *   byte 61, uint32 num-responses, string response[num-responses]
 * Each response is text without NUL, at most SHREW_MAX_PASSWORD bytes;
 * more than USERAUTH_MAX_RESPONSES responses is E_TOOBIG.  Pure. */
int userauth_info_response_parse(const uint8_t *payload, size_t n, struct userauth_info_resp *out);

/* The user as the passwd and shadow databases describe it (copied). */
struct svr_auth_user {
	char name[SHREW_MAX_USERNAME + 1];
	uid_t uid;
	gid_t gid;
	char home[SVR_AUTH_MAX_PATH];
	char shell[SVR_AUTH_MAX_PATH];
	char hash[SVR_AUTH_MAX_HASH]; /* crypt(3) hash, "" when blank */
	long expire;                  /* shadow sp_expire, days; -1 none */
};

/* Looks a user up: fills *u and returns E_OK, or an error when the user
 * does not exist or a field does not fit. */
typedef int (*svr_auth_lookup_fn)(const char *name, struct svr_auth_user *u);

/* The default lookup: getpwnam(3), then getspnam(3) for the hash and
 * expiry (the passwd field when there is no shadow entry). */
int svr_auth_user_lookup(const char *name, struct svr_auth_user *u);

/* Allocates s->auth for a new connection (s->opts must be set).
 * Returns E_OK or E_NOMEM. */
int svr_auth_init(struct sess *s);

/* Replaces the user lookup (default svr_auth_user_lookup), e.g. to serve
 * users from another database, or in tests.  Call before the first
 * message. */
void svr_auth_set_lookup(struct sess *s, svr_auth_lookup_fn fn);

/* Releases and wipes s->auth; s->auth becomes NULL.  Safe when NULL. */
void svr_auth_free(struct sess *s);

/* Handles one userauth message (payload starts with its number: 50 or
 * 61; for another number, or before svr_auth_init, E_ARG with nothing
 * sent: the caller answers UNIMPLEMENTED).  Replies through sess_send()
 * (a pending -b or /etc/nologin banner first); on success sets
 * s->authenticated and s->user and calls svr_listen_child_authenticated().
 * Requests after success are ignored (RFC 4252 5.1).  Returns E_OK, or an
 * error after sess_disconnect() was called (bad message, service not
 * "ssh-connection", user changed, too many failures) or sess_send()
 * failed: the caller then closes the connection. */
int svr_auth_handle(struct sess *s, const uint8_t *payload, size_t n);

/* The authorized_keys options of the key the user logged in with, for
 * the session layer (command=, permitopen=, no-pty ...); NULL when the
 * login was not by publickey or has not happened.  Owned by s->auth. */
const struct authkey *svr_auth_key_options(const struct sess *s);

/* The logged-in user's passwd entry (home, shell, uid, gid; hash wiped),
 * or NULL before success.  Owned by s->auth. */
const struct svr_auth_user *svr_auth_user(const struct sess *s);

/* Drops to the authenticated user: initgroups, setgid, setuid, then
 * checks they stuck (real and effective ids; setuid(0) fails for a
 * non-root user).  Does nothing when the process already runs as that
 * user.  Returns E_OK, E_ARG before authentication, or E_IO (errno set):
 * the caller must then end the connection. */
int svr_auth_drop_privileges(struct sess *s);

/* The publickey signature algorithms accepted, as a name-list for the
 * server-sig-algs extension (RFC 8308 3.1).  Static string. */
const char *svr_auth_sig_algs(void);

/* Returns 1 if password pw matches the crypt(3) hash (compared in
 * constant time over the whole hash string), else 0: also for an empty
 * or locked ("!", "*") hash, a method crypt does not know, or no memory.
 * Blank-password policy is the caller's. */
int svr_auth_password_check(const char *hash, const char *pw);

/* ---- For svr-auth*.c only ------------------------------------------------ */

/* Methods (bits). */
#define AUTH_M_PUBKEY 1u
#define AUTH_M_PASSWORD 2u
#define AUTH_M_KBDINT 4u

struct svr_auth {
	svr_auth_lookup_fn lookup;
	unsigned int tries;  /* counted failures */
	unsigned int nones;  /* "none" requests (the first is free) */
	int bound;           /* user fixed by the first request */
	int user_found;      /* the user exists */
	int user_ok;         /* found and the login policy allows it */
	int kbdint_pending;  /* INFO_REQUEST sent, waiting for the reply */
	unsigned int passed; /* AUTH_M_* passed (-t needs two) */
	int banner_done;     /* the -b banner was sent (or none) */
	int have_key_opts;   /* *kept holds the login key's line */
	struct svr_auth_user pw;
	char extra_banner[SHREW_MAX_BANNER + 1]; /* /etc/nologin text to send */
	struct authkey *work, *kept;
	char line[SHREW_MAX_AUTHKEYS_LINE + 2];
};

/* "1.2.3.4:22" / "[::1]:22" of the peer, in buf.  Returns buf. */
char *svr_auth_peer(const struct sess *s, char *buf, size_t cap);

/* Is method m (AUTH_M_*) offered to this user now? */
int svr_auth_method_allowed(const struct sess *s, unsigned int m);

/* A failed attempt: counts it when counted, then disconnects after too
 * many or sends FAILURE with the method list.  Returns E_OK or an
 * error (disconnected). */
int svr_auth_fail(struct sess *s, int counted);

/* Method m passed: SUCCESS (or, with -t, partial success until both a
 * key and a password passed).  Returns E_OK or sess_send's error. */
int svr_auth_passed(struct sess *s, unsigned int m);

/* Sends any pending banner, then the payload. */
int svr_auth_send(struct sess *s, const uint8_t *payload, size_t n);

/* Sleeps SVR_AUTH_FAIL_DELAY_MS plus jitter. */
void svr_auth_fail_delay(void);

/* Decides the login policy for the found user a->pw; returns NULL when
 * allowed, else a static reason (and may fill a->extra_banner). */
const char *svr_auth_user_policy(struct sess *s);

/* Reads up to cap - 1 bytes of a small text file into buf, NUL added; a
 * UTF-8 sequence cut at the cap is dropped.  Returns the length, or -1
 * (errno set). */
long svr_auth_read_text(const char *path, char *buf, size_t cap);

/* Checks the password (a view from the request) for the bound user, with
 * a dummy crypt for an unknown or refused user.  Returns 1 if it
 * matches. */
int svr_auth_verify_password(struct sess *s, struct view password);

/* Logs a failed password (or nonexistent user) and waits the delay. */
void svr_auth_password_failed(struct sess *s);

int svr_auth_pubkey(struct sess *s, const struct userauth_req *req);
int svr_auth_password(struct sess *s, const struct userauth_req *req);
int svr_auth_kbdint_start(struct sess *s, const struct userauth_req *req);
int svr_auth_kbdint_response(struct sess *s, const uint8_t *payload, size_t n);

#endif
