/*
 * svr-auth-password.c - the "password" method (RFC 4252 8) and the
 * password check keyboard-interactive shares.
 *
 *   byte    SSH_MSG_USERAUTH_REQUEST
 *   string  user name
 *   string  service name
 *   string  "password"
 *   boolean FALSE
 *   string  plaintext password in ISO-10646 UTF-8 encoding
 *
 * The password is hashed with crypt(3) and the setting of the stored
 * hash, and the whole result is compared in constant time.  An unknown
 * or refused user costs a crypt of the same kind (the setting of root's
 * hash) and the same failure delay, so answers and timing do not tell
 * which users exist.  Password changes (boolean TRUE) are refused.
 */
#include <stdlib.h>
#include <string.h>

#include "common-err.h"
#include "common-log.h"
#include "common-wipe.h"
#include "svr-auth.h"
#include "svr-opts.h"

#if SHREW_AUTH_PASSWORD
#include <crypt.h>
#endif

/* The dummy setting when root's hash gives none. */
#define DUMMY_SETTING "$6$shrewdummysalt0$"

int svr_auth_password_check(const char *hash, const char *pw)
{
#if SHREW_AUTH_PASSWORD
	struct crypt_data *cd;
	const char *out;
	size_t n;
	int ok = 0;

	if (!hash || !pw || !hash[0] || hash[0] == '!' || hash[0] == '*')
		return 0;
	cd = calloc(1, sizeof(*cd));
	if (!cd)
		return 0;
	out = crypt_r(pw, hash, cd);
	n = strlen(hash);
	if (out && out[0] != '*' && strlen(out) == n)
		ok = ct_eq(out, hash, n);
	wipe(cd, sizeof(*cd));
	free(cd);
	return ok;
#else
	(void)hash;
	(void)pw;
	return 0;
#endif
}

#if SHREW_AUTH_PASSWORD
/* The setting part ("$id$[params$]salt$") of root's hash, so a dummy
 * check costs what a real one on this system costs. */
static void dummy_setting(struct sess *s, char *out, size_t cap)
{
	struct svr_auth_user *root = calloc(1, sizeof(*root));
	const char *last;
	size_t n = 0;

	if (root && s->auth->lookup("root", root) == E_OK && root->hash[0] == '$') {
		last = strrchr(root->hash, '$');
		n = (size_t)(last - root->hash) + 1;
	}
	if (n > 3 && n < cap) {
		memcpy(out, root->hash, n);
		out[n] = 0;
	} else {
		strcpy(out, DUMMY_SETTING);
	}
	if (root) {
		wipe(root, sizeof(*root));
		free(root);
	}
}
#endif

int svr_auth_verify_password(struct sess *s, struct view password)
{
	struct svr_auth *a = s->auth;
	char pw[SHREW_MAX_PASSWORD + 1], setting[SVR_AUTH_MAX_HASH];
	int ok = 0;

	if (!SHREW_AUTH_PASSWORD || password.len > SHREW_MAX_PASSWORD)
		return 0;
	memcpy(pw, password.p, password.len);
	pw[password.len] = 0;
	if (!a->user_ok) {
#if SHREW_AUTH_PASSWORD
		dummy_setting(s, setting, sizeof(setting));
		svr_auth_password_check(setting, pw);
#endif
	} else if (!a->pw.hash[0]) {
		ok = s->opts->allow_blank && !pw[0];
		if (!s->opts->allow_blank)
			log_msg(LOG_INFO, "User account '%s' has a blank password, rejected",
			        s->user);
	} else if (pw[0] || s->opts->allow_blank) {
		ok = svr_auth_password_check(a->pw.hash, pw);
	}
	wipe(pw, sizeof(pw));
	(void)setting;
	return ok;
}

void svr_auth_password_failed(struct sess *s)
{
	char peer[96];

	svr_auth_peer(s, peer, sizeof(peer));
	if (!s->auth->user_found)
		log_msg(LOG_INFO, "Login attempt for nonexistent user from %s", peer);
	else
		log_msg(LOG_INFO, "Bad password attempt for '%s' from %s", s->user, peer);
	svr_auth_fail_delay();
}

int svr_auth_password(struct sess *s, const struct userauth_req *req)
{
	char peer[96];

	if (!svr_auth_method_allowed(s, AUTH_M_PASSWORD))
		return svr_auth_fail(s, 1);
	if (!svr_auth_verify_password(s, req->password)) {
		svr_auth_password_failed(s);
		return svr_auth_fail(s, 1);
	}
	log_msg(LOG_INFO, "Password auth succeeded for '%s' from %s", s->user,
	        svr_auth_peer(s, peer, sizeof(peer)));
	return svr_auth_passed(s, AUTH_M_PASSWORD);
}
