/*
 * cli-auth-kbdint.c - the client's "keyboard-interactive" (RFC 4256) and
 * "password" (RFC 4252 8) methods: the questions go to the user through
 * cli_auth_ask (terminal or SSH_ASKPASS), the answers are wiped once
 * sent.  Each method is attempted up to NumberOfPasswordPrompts times
 * (opts->auth_tries; 0 means the default 3).
 *
 * keyboard-interactive (RFC 4256 3.1-3.4):
 *   request:       byte 50, user, "ssh-connection", "keyboard-interactive",
 *                  string language "", string submethods ""
 *   INFO_REQUEST:  byte 60, string name, string instruction, string
 *                  language, int num-prompts, num * (string prompt,
 *                  boolean echo)
 *   INFO_RESPONSE: byte 61, int num-responses, num * string response
 * password (RFC 4252 8):
 *   request:       byte 50, user, "ssh-connection", "password",
 *                  boolean FALSE, string password
 *   PASSWD_CHANGEREQ: byte 60, string prompt, string language: we do not
 *                  change passwords; the method fails with a message.
 */
#include "options.h"

#if SHREW_CLIENT

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common-err.h"
#include "common-wipe.h"
#include "cli-auth-int.h"

#define DEFAULT_TRIES 3u
/* Room for a prompt shown to the user. */
#define PROMPT_CAP 512

static unsigned max_tries(const struct cli_opts *o)
{
	return o->auth_tries > 0 ? o->auth_tries : DEFAULT_TRIES;
}

/* ---- Parsers ------------------------------------------------------------------ */

int cli_kbd_req_parse(const uint8_t *p, size_t n, struct cli_kbd_req *out)
{
	uint8_t type = 0;
	struct rd r;
	uint32_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	rd_init(&r, p, n);
	rd_u8(&r, &type);
	if (r.err == E_OK && type != SSH_MSG_USERAUTH_INFO_REQUEST)
		return E_FORMAT;
	rd_string(&r, CLI_AUTH_MAX_TEXT, &out->name);
	rd_string(&r, CLI_AUTH_MAX_TEXT, &out->instruction);
	rd_string(&r, CLI_AUTH_MAX_LANG, &out->lang);
	if (rd_u32(&r, &out->n) != E_OK)
		return r.err;
	if (out->n > CLI_KBD_MAX_PROMPTS) {
		out->n = 0;
		return E_TOOBIG;
	}
	for (i = 0; i < out->n; i++) {
		rd_string(&r, CLI_AUTH_MAX_TEXT, &out->prompt[i]);
		rd_bool(&r, &out->echo[i]);
	}
	rc = rd_end(&r);
	if (rc != E_OK)
		memset(out, 0, sizeof(*out));
	return rc;
}

int cli_passwd_changereq_parse(const uint8_t *p, size_t n, struct view *prompt)
{
	struct view lang;
	uint8_t type = 0;
	struct rd r;

	rd_init(&r, p, n);
	rd_u8(&r, &type);
	if (r.err == E_OK && type != SSH_MSG_USERAUTH_PASSWD_CHANGEREQ)
		return E_FORMAT;
	rd_string(&r, CLI_AUTH_MAX_TEXT, prompt);
	rd_string(&r, CLI_AUTH_MAX_LANG, &lang);
	return rd_end(&r);
}

/* ---- keyboard-interactive --------------------------------------------------- */

int cli_auth_kbdint_next(struct sess *s)
{
	struct cli_auth *a = s->cli->auth;
	struct wr w;
	size_t body;
	int rc;

	/* A server that failed an attempt without asking anything does not
	 * really offer the method: do not loop on it. */
	if (a->kbd_tries >= max_tries(s->cli->opts) || (a->kbd_tries > 0 && !a->kbd_info_seen))
		return 0;
	a->kbd_tries++;
	a->kbd_info_seen = 0;
	a->kbd_rounds = 0;
	cli_auth_req_begin(s, &w, "keyboard-interactive", &body);
	wr_cstr(&w, "");
	wr_cstr(&w, "");
	if (w.err)
		return w.err;
	rc = sess_send(s, a->msg + body, w.len - body);
	return rc != E_OK ? rc : 1;
}

/* Asks every prompt of req and appends the answers to w.  0, 1 (nobody
 * to ask: give up), or an error. */
static int ask_all(struct sess *s, const struct cli_kbd_req *req, struct wr *w)
{
	char prompt[PROMPT_CAP], answer[CLI_AUTH_ANSWER_MAX];
	size_t len = 0;
	uint32_t i;
	int rc;

	for (i = 0; i < req->n; i++) {
		cli_auth_sanitize(req->prompt[i].p, req->prompt[i].len, prompt, sizeof(prompt));
		rc = cli_auth_ask(s, prompt, req->echo[i], answer, sizeof(answer), &len);
		if (rc != 0)
			return rc;
		wr_string(w, answer, len);
		wipe(answer, sizeof(answer));
	}
	return w->err;
}

int cli_auth_kbdint_info(struct sess *s, const uint8_t *p, size_t n)
{
	struct cli_kbd_req req;
	size_t cap;
	uint8_t *buf;
	struct wr w;
	int rc;

	if (cli_kbd_req_parse(p, n, &req) != E_OK)
		return cli_auth_proto_error(s, "malformed USERAUTH_INFO_REQUEST");
	s->cli->auth->kbd_info_seen = 1;
	if (++s->cli->auth->kbd_rounds > CLI_KBD_MAX_ROUNDS)
		return 1;
	if (!s->cli->opts->quiet) {
		cli_auth_print_text(req.name);
		cli_auth_print_text(req.instruction);
	}
	cap = 5 + (size_t)req.n * (4 + CLI_AUTH_ANSWER_MAX);
	buf = malloc(cap);
	if (buf == NULL)
		return E_NOMEM;
	wr_init(&w, buf, cap);
	wr_u8(&w, SSH_MSG_USERAUTH_INFO_RESPONSE);
	wr_u32(&w, req.n);
	rc = ask_all(s, &req, &w);
	if (rc == 0)
		rc = sess_send(s, buf, w.len);
	wipe(buf, cap);
	free(buf);
	return rc;
}

/* ---- password ------------------------------------------------------------------ */

int cli_auth_password_next(struct sess *s)
{
	struct cli_auth *a = s->cli->auth;
	char prompt[PROMPT_CAP], pw[CLI_AUTH_ANSWER_MAX];
	size_t len = 0, body;
	struct wr w;
	int rc;

	if (a->pw_tries >= max_tries(s->cli->opts))
		return 0;
	if (a->pw_tries > 0)
		fprintf(stderr, "Permission denied, please try again.\n");
	snprintf(prompt, sizeof(prompt), "%s@%s's password: ", s->cli->user, s->cli->host);
	rc = cli_auth_ask(s, prompt, 0, pw, sizeof(pw), &len);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	a->pw_tries++;
	cli_auth_req_begin(s, &w, "password", &body);
	wr_bool(&w, 0);
	wr_string(&w, pw, len);
	wipe(pw, sizeof(pw));
	rc = w.err ? w.err : sess_send(s, a->msg + body, w.len - body);
	wipe(a->msg, sizeof(a->msg));
	return rc != E_OK ? rc : 1;
}

int cli_auth_password_changereq(struct sess *s, const uint8_t *p, size_t n)
{
	struct view prompt;

	if (cli_passwd_changereq_parse(p, n, &prompt) != E_OK)
		return cli_auth_proto_error(s, "malformed USERAUTH_PASSWD_CHANGEREQ");
	cli_auth_print_text(prompt);
	fprintf(stderr, "%s@%s: password change required; change it on the server\n", s->cli->user,
	        s->cli->host);
	return E_OK;
}

#endif /* SHREW_CLIENT */
