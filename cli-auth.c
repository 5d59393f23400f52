/*
 * cli-auth.c - the client's userauth state machine (RFC 4252): "none"
 * first, then publickey, keyboard-interactive and password in OpenSSH's
 * order as the server's "methods that can continue" allow; banners,
 * partial success, the final "Permission denied" line, and EXT_INFO
 * (RFC 8308) server-sig-algs.  The methods live in cli-auth-pubkey.c and
 * cli-auth-kbdint.c.
 */
#include "options.h"

#if SHREW_CLIENT

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common-err.h"
#include "common-wipe.h"
#include "common-wr.h"
#include "cli-auth.h"
#include "cli-auth-int.h"
#include "cli-prompt.h"

/* ---- Pure parsers and decisions ------------------------------------------- */

/* Bits of the signature algorithms we know in a comma name-list. */
static unsigned sig_list_bits(struct view list)
{
	unsigned bits = 0;
	size_t i = 0, start = 0;

	for (i = 0; i <= list.len; i++) {
		if (i < list.len && list.p[i] != ',')
			continue;
		if (i > start) {
			struct view name = {list.p + start, i - start};
			enum sig_alg a = sig_alg_from_name(name);
			if (a != SIG_NONE)
				bits |= 1u << a;
		}
		start = i + 1;
	}
	return bits;
}

/* SSH_MSG_EXT_INFO (RFC 8308 2.3):
 *   byte       SSH_MSG_EXT_INFO (7)
 *   uint32     nr-extensions
 *   repeat nr: string extension-name, string extension-value */
int cli_ext_info_parse(const uint8_t *p, size_t n, unsigned *sig_algs, int *has)
{
	struct view name, value;
	uint32_t count, i;
	uint8_t type = 0;
	struct rd r;
	int rc;

	*sig_algs = 0;
	*has = 0;
	rd_init(&r, p, n);
	rd_u8(&r, &type);
	if (r.err == E_OK && type != SSH_MSG_EXT_INFO)
		return E_FORMAT;
	if (rd_u32(&r, &count) != E_OK)
		return r.err;
	if (count > CLI_AUTH_MAX_EXT)
		return E_TOOBIG;
	for (i = 0; i < count; i++) {
		if (rd_text(&r, CLI_AUTH_MAX_LANG, &name) != E_OK)
			break;
		if (view_eq(name, "server-sig-algs")) {
			if (rd_text(&r, SHREW_MAX_PACKET, &value) != E_OK)
				break;
			*sig_algs |= sig_list_bits(value);
			*has = 1;
		} else if (rd_string(&r, SHREW_MAX_PACKET, &value) != E_OK) {
			break;
		}
	}
	rc = rd_end(&r);
	if (rc != E_OK) {
		*sig_algs = 0;
		*has = 0;
	}
	return rc;
}

/* SSH_MSG_USERAUTH_FAILURE (RFC 4252 5.1):
 *   byte 51, name-list authentications that can continue, boolean partial */
int cli_auth_failure_parse(const uint8_t *p, size_t n, struct view *methods, int *partial)
{
	uint8_t type = 0;
	struct rd r;

	*partial = 0;
	rd_init(&r, p, n);
	rd_u8(&r, &type);
	if (r.err == E_OK && type != SSH_MSG_USERAUTH_FAILURE)
		return E_FORMAT;
	rd_text(&r, CLI_AUTH_MAX_LIST, methods);
	rd_bool(&r, partial);
	return rd_end(&r);
}

unsigned cli_auth_methods_mask(struct view list)
{
	unsigned bits = 0;
	size_t i, start = 0;

	for (i = 0; i <= list.len; i++) {
		struct view name;
		if (i < list.len && list.p[i] != ',')
			continue;
		name.p = list.p + start;
		name.len = i - start;
		if (view_eq(name, "publickey"))
			bits |= CA_BIT(CA_PUBKEY);
		else if (view_eq(name, "keyboard-interactive"))
			bits |= CA_BIT(CA_KBDINT);
		else if (view_eq(name, "password"))
			bits |= CA_BIT(CA_PASSWORD);
		start = i + 1;
	}
	return bits;
}

enum cli_auth_method cli_auth_pick(unsigned allowed, unsigned enabled, unsigned exhausted)
{
	static const enum cli_auth_method order[] = {CA_PUBKEY, CA_KBDINT, CA_PASSWORD};
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		unsigned b = CA_BIT(order[i]);
		if ((allowed & b) && (enabled & b) && !(exhausted & b))
			return order[i];
	}
	return CA_NONE;
}

unsigned cli_auth_enabled(const struct cli_opts *o)
{
	unsigned m = 0;

	if (o->pubkey_auth)
		m |= CA_BIT(CA_PUBKEY);
	if (!o->batch && o->kbdint_auth)
		m |= CA_BIT(CA_KBDINT);
	if (!o->batch && o->password_auth)
		m |= CA_BIT(CA_PASSWORD);
	return m;
}

/* SSH_MSG_USERAUTH_BANNER (RFC 4252 5.4):
 *   byte 53, string message (UTF-8), string language tag */
int cli_auth_banner_parse(const uint8_t *p, size_t n, struct view *msg)
{
	struct view lang;
	uint8_t type = 0;
	struct rd r;

	rd_init(&r, p, n);
	rd_u8(&r, &type);
	if (r.err == E_OK && type != SSH_MSG_USERAUTH_BANNER)
		return E_FORMAT;
	rd_string(&r, SHREW_MAX_PACKET, msg);
	rd_string(&r, CLI_AUTH_MAX_LANG, &lang);
	return rd_end(&r);
}

/* Length of the valid UTF-8 sequence at p (2..4 bytes) that is not a C1
 * control, an overlong form, a surrogate or over U+10FFFF; else 0. */
static size_t utf8_len(const uint8_t *p, size_t n)
{
	uint32_t cp, min;
	size_t len, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		cp = p[0] & 0x1fu;
		min = 0xa0; /* U+0080..U+009F are the C1 controls */
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		cp = p[0] & 0x0fu;
		min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		cp = p[0] & 0x07u;
		min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3fu);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

size_t cli_auth_sanitize(const uint8_t *in, size_t n, char *out, size_t cap)
{
	size_t i = 0, o = 0;

	if (cap == 0)
		return 0;
	while (i < n) {
		uint8_t c = in[i];
		char tmp[4];
		size_t k = 1, adv = 1;

		if (c == '\r') {
			i++;
			continue;
		}
		if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f)) {
			tmp[0] = (char)c;
		} else if (c < 0x20 || c == 0x7f) {
			tmp[0] = '^';
			tmp[1] = c == 0x7f ? '?' : (char)(c + 0x40);
			k = 2;
		} else if ((k = utf8_len(in + i, n - i)) != 0) {
			memcpy(tmp, in + i, k);
			adv = k;
		} else {
			tmp[0] = '?';
			k = 1;
		}
		if (k > cap - 1 - o)
			break;
		memcpy(out + o, tmp, k);
		o += k;
		i += adv;
	}
	out[o] = '\0';
	return o;
}

/* ---- Shared helpers --------------------------------------------------------- */

void cli_auth_req_begin(struct sess *s, struct wr *w, const char *method, size_t *body)
{
	struct cli_auth *a = s->cli->auth;

	wr_init(w, a->msg, sizeof(a->msg));
	wr_string(w, s->session_id, s->session_id_len);
	*body = w->len;
	wr_u8(w, SSH_MSG_USERAUTH_REQUEST);
	wr_cstr(w, s->cli->user);
	wr_cstr(w, "ssh-connection");
	wr_cstr(w, method);
}

void cli_auth_warn(const struct sess *s, const char *fmt, ...)
{
	va_list ap;

	if (s->cli->opts->quiet)
		return;
	va_start(ap, fmt);
	fputs("shrew: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void cli_auth_debug(const struct sess *s, const char *fmt, ...)
{
	va_list ap;

	if (s->cli->opts->verbose <= 0)
		return;
	va_start(ap, fmt);
	fputs("debug1: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void cli_auth_print_text(struct view v)
{
	size_t cap, len;
	char *out;

	if (v.len == 0 || v.len > SHREW_MAX_PACKET)
		return;
	cap = v.len * 2 + 2;
	out = malloc(cap);
	if (out == NULL)
		return;
	len = cli_auth_sanitize(v.p, v.len, out, cap - 1);
	if (len > 0 && out[len - 1] != '\n') {
		out[len++] = '\n';
		out[len] = '\0';
	}
	fputs(out, stderr);
	fflush(stderr);
	free(out);
}

int cli_auth_proto_error(struct sess *s, const char *why)
{
	sess_disconnect(s, SSH_DISCONNECT_PROTOCOL_ERROR, why);
	return E_FORMAT;
}

int cli_auth_ask(struct sess *s, const char *prompt, int echo, char *buf, size_t cap, size_t *len)
{
	struct cli_auth *a = s->cli->auth;
	int rc = a->prompt(s->cli->opts, prompt, echo, buf, cap, len);

	if (rc == E_OK)
		return 0;
	wipe(buf, cap);
	*len = 0;
	if (rc == E_ARG) {
		fprintf(stderr, "%s@%s: authentication cancelled.\n", s->cli->user, s->cli->host);
		sess_disconnect(s, SSH_DISCONNECT_AUTH_CANCELLED_BY_USER, "cancelled by user");
		a->done_all = 1;
		return E_AUTH;
	}
	if (rc == E_IO && !a->no_tty_warned) {
		cli_auth_warn(s, "no terminal to ask on (and no SSH_ASKPASS)");
		a->no_tty_warned = 1;
	} else if (rc == E_TOOBIG) {
		cli_auth_warn(s, "answer too long");
	}
	return 1;
}

/* ---- The state machine -------------------------------------------------------- */

static int method_next(struct sess *s, enum cli_auth_method m)
{
	switch (m) {
	case CA_PUBKEY: return cli_auth_pubkey_next(s);
	case CA_KBDINT: return cli_auth_kbdint_next(s);
	case CA_PASSWORD: return cli_auth_password_next(s);
	default: return 0;
	}
}

static int denied(struct sess *s)
{
	struct cli_auth *a = s->cli->auth;

	a->done_all = 1;
	cli_auth_pubkey_end(a);
	fprintf(stderr, "%s@%s: Permission denied (%s).\n", s->cli->user, s->cli->host, a->methods);
	fflush(stderr);
	return E_AUTH;
}

/* Sends the next request: the current method's next candidate while it
 * is allowed and has one, else the next method in order.  Each pass
 * either returns or exhausts one method, so the loop ends. */
static int advance(struct sess *s)
{
	struct cli_auth *a = s->cli->auth;
	unsigned enabled = cli_auth_enabled(s->cli->opts);
	int rc, pass;

	for (pass = 0; pass < 8; pass++) {
		unsigned b = CA_BIT(a->cur);
		if (a->cur != CA_NONE && (a->allowed & b) && !(a->exhausted & b)) {
			rc = method_next(s, a->cur);
			if (rc != 0)
				return rc < 0 ? rc : E_OK;
			a->exhausted |= b;
		}
		a->cur = cli_auth_pick(a->allowed, enabled, a->exhausted);
		if (a->cur == CA_NONE)
			break;
	}
	return denied(s);
}

static const char *method_name(enum cli_auth_method m)
{
	switch (m) {
	case CA_PUBKEY: return "publickey";
	case CA_KBDINT: return "keyboard-interactive";
	case CA_PASSWORD: return "password";
	default: return "none";
	}
}

static int on_failure(struct sess *s, const uint8_t *p, size_t n)
{
	struct cli_auth *a = s->cli->auth;
	struct view list;
	int partial;

	if (cli_auth_failure_parse(p, n, &list, &partial) != E_OK)
		return cli_auth_proto_error(s, "malformed USERAUTH_FAILURE");
	a->allowed = cli_auth_methods_mask(list);
	cli_auth_sanitize(list.p, list.len, a->methods, sizeof(a->methods));
	a->pk_query = 0;
	if (partial)
		cli_auth_debug(s, "Authenticated using \"%s\" with partial success.",
		               method_name(a->cur));
	cli_auth_debug(s, "Authentications that can continue: %s", a->methods);
	return advance(s);
}

static int on_success(struct sess *s)
{
	struct cli_auth *a = s->cli->auth;

	s->authenticated = 1;
	a->done_all = 1;
	cli_auth_pubkey_end(a);
	cli_auth_debug(s, "Authenticated to %s using \"%s\".", s->cli->host, method_name(a->cur));
	return E_OK;
}

static int on_banner(struct sess *s, const uint8_t *p, size_t n)
{
	struct view msg;

	if (cli_auth_banner_parse(p, n, &msg) != E_OK)
		return cli_auth_proto_error(s, "malformed USERAUTH_BANNER");
	if (!s->cli->opts->quiet)
		cli_auth_print_text(msg);
	return E_OK;
}

/* Message 60: PK_OK, INFO_REQUEST or PASSWD_CHANGEREQ by the method. */
static int on_60(struct sess *s, const uint8_t *p, size_t n)
{
	struct cli_auth *a = s->cli->auth;
	int rc;

	switch (a->cur) {
	case CA_PUBKEY:
		if (!a->pk_query)
			return cli_auth_proto_error(s, "unexpected USERAUTH_PK_OK");
		rc = cli_auth_pubkey_ok(s, p, n);
		break;
	case CA_KBDINT:
		rc = cli_auth_kbdint_info(s, p, n);
		if (rc == 0)
			return E_OK;
		if (rc == 1) {
			a->exhausted |= CA_BIT(CA_KBDINT);
			rc = 0;
		}
		break;
	case CA_PASSWORD:
		rc = cli_auth_password_changereq(s, p, n);
		if (rc == E_OK) {
			a->exhausted |= CA_BIT(CA_PASSWORD);
			rc = 0;
		}
		break;
	default: return cli_auth_proto_error(s, "unexpected userauth message 60");
	}
	if (rc != 0)
		return rc < 0 ? rc : E_OK;
	return advance(s);
}

int cli_auth_start(struct sess *s)
{
	struct cli_auth *a;
	struct wr w;
	size_t body;

	cli_auth_free(s);
	a = calloc(1, sizeof(*a));
	if (a == NULL)
		return E_NOMEM;
	a->agent_fd = -1;
	a->prompt = cli_prompt;
	a->cur = CA_NONE;
	s->cli->auth = a;
	cli_auth_req_begin(s, &w, "none", &body);
	if (w.err)
		return w.err;
	return sess_send(s, a->msg + body, w.len - body);
}

int cli_auth_handle(struct sess *s, const uint8_t *payload, size_t n)
{
	struct cli_auth *a = s->cli != NULL ? s->cli->auth : NULL;

	if (n == 0 || a == NULL)
		return cli_auth_proto_error(s, "unexpected userauth message");
	if (s->authenticated || a->done_all)
		return E_OK; /* late messages after the outcome: nothing to do */
	switch (payload[0]) {
	case SSH_MSG_USERAUTH_FAILURE: return on_failure(s, payload, n);
	case SSH_MSG_USERAUTH_SUCCESS:
		if (n != 1)
			return cli_auth_proto_error(s, "malformed USERAUTH_SUCCESS");
		return on_success(s);
	case SSH_MSG_USERAUTH_BANNER: return on_banner(s, payload, n);
	case SSH_MSG_USERAUTH_PK_OK: return on_60(s, payload, n);
	default: return cli_auth_proto_error(s, "unexpected userauth message");
	}
}

int cli_auth_ext_info(struct sess *s, const uint8_t *payload, size_t n)
{
	unsigned bits;
	int has, rc;

	rc = cli_ext_info_parse(payload, n, &bits, &has);
	if (rc != E_OK) {
		sess_disconnect(s, SSH_DISCONNECT_PROTOCOL_ERROR, "malformed EXT_INFO");
		return E_FORMAT;
	}
	if (has) {
		s->cli->server_sig_algs = bits;
		s->cli->ext_info_seen = 1;
	}
	return E_OK;
}

void cli_auth_free(struct sess *s)
{
	struct cli_auth *a = s->cli != NULL ? s->cli->auth : NULL;

	if (a == NULL)
		return;
	cli_auth_pubkey_end(a);
	wipe(a, sizeof(*a));
	free(a);
	s->cli->auth = NULL;
}

#endif /* SHREW_CLIENT */
