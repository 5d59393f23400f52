/*
 * svr-auth-kbdint.c - "keyboard-interactive" (RFC 4256) carrying one
 * password prompt, checked as the password method checks it.
 *
 * Request (RFC 4256 3.1):
 *   byte      SSH_MSG_USERAUTH_REQUEST
 *   string    user name, string service name
 *   string    "keyboard-interactive"
 *   string    language tag (deprecated), string submethods
 * We answer with one question (3.2):
 *   byte      SSH_MSG_USERAUTH_INFO_REQUEST
 *   string    name, string instruction, string language tag
 *   int       num-prompts (1)
 *   string    prompt "Password: "
 *   boolean   echo (FALSE)
 * and expect (3.4):
 *   byte      SSH_MSG_USERAUTH_INFO_RESPONSE
 *   int       num-responses (must be 1)
 *   string    response
 * An unknown user gets the prompt too; a new USERAUTH_REQUEST cancels a
 * pending question.
 */
#include <string.h>

#include "common-err.h"
#include "common-log.h"
#include "common-wr.h"
#include "svr-auth.h"

#define KBDINT_PROMPT "Password: "

int svr_auth_kbdint_start(struct sess *s, const struct userauth_req *req)
{
	uint8_t buf[64];
	struct wr w;
	int rc;

	(void)req; /* language and submethods are hints we do not need */
	if (!svr_auth_method_allowed(s, AUTH_M_KBDINT))
		return svr_auth_fail(s, 1);
	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, SSH_MSG_USERAUTH_PK_OK); /* = SSH_MSG_USERAUTH_INFO_REQUEST */
	wr_cstr(&w, "");
	wr_cstr(&w, "");
	wr_cstr(&w, "");
	wr_u32(&w, 1);
	wr_cstr(&w, KBDINT_PROMPT);
	wr_bool(&w, 0);
	if (w.err)
		return w.err;
	rc = svr_auth_send(s, buf, w.len);
	if (rc == E_OK)
		s->auth->kbdint_pending = 1;
	return rc;
}

int svr_auth_kbdint_response(struct sess *s, const uint8_t *payload, size_t n)
{
	struct userauth_info_resp resp;
	char peer[96];
	int rc;

	if (!s->auth->kbdint_pending) {
		sess_disconnect(s, SSH_DISCONNECT_PROTOCOL_ERROR, "Unexpected INFO_RESPONSE");
		return E_FORMAT;
	}
	s->auth->kbdint_pending = 0;
	rc = userauth_info_response_parse(payload, n, &resp);
	if (rc != E_OK) {
		sess_disconnect(s, SSH_DISCONNECT_PROTOCOL_ERROR, "Malformed INFO_RESPONSE");
		return rc;
	}
	if (resp.count != 1 || !svr_auth_verify_password(s, resp.resp[0])) {
		svr_auth_password_failed(s);
		return svr_auth_fail(s, 1);
	}
	log_msg(LOG_INFO, "Password auth succeeded for '%s' from %s (keyboard-interactive)",
	        s->user, svr_auth_peer(s, peer, sizeof(peer)));
	return svr_auth_passed(s, AUTH_M_KBDINT);
}
