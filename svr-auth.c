/*
 * svr-auth.c - server user authentication (RFC 4252): the message
 * parsers, the dispatcher for messages 50 and 61, FAILURE / SUCCESS /
 * BANNER replies, the count of failed attempts and the failure delay.
 * The methods live in svr-auth-pubkey.c, svr-auth-password.c and
 * svr-auth-kbdint.c; the user database and login policy in
 * svr-auth-user.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common-err.h"
#include "common-key.h"
#include "common-log.h"
#include "common-random.h"
#include "common-wipe.h"
#include "common-wr.h"
#include "svr-auth.h"
#include "svr-listen.h"
#include "svr-opts.h"

/* ---- Parsers ------------------------------------------------------------- */

/* "publickey": boolean has_sig, string alg, string blob [, string sig] */
static void parse_pubkey(struct rd *r, struct userauth_req *out)
{
	rd_bool(r, &out->has_sig);
	rd_text(r, USERAUTH_MAX_NAME, &out->alg);
	rd_string(r, KEY_MAX_PUB_BLOB, &out->blob);
	if (out->has_sig)
		rd_string(r, KEY_MAX_SIG_BLOB, &out->sig);
}

/* "password": boolean FALSE, string password; or boolean TRUE, string
 * old password, string new password (a change: not supported). */
static int parse_password(struct rd *r, struct userauth_req *out)
{
	struct view newpw;
	int change = 0;

	rd_bool(r, &change);
	rd_text(r, SHREW_MAX_PASSWORD, &out->password);
	if (!change)
		return E_OK;
	rd_text(r, SHREW_MAX_PASSWORD, &newpw);
	return rd_end(r) == E_OK ? E_UNSUPPORTED : rd_end(r);
}

int userauth_request_parse(const uint8_t *payload, size_t n, struct userauth_req *out)
{
	struct rd r;
	uint8_t type = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rd_init(&r, payload, n);
	rd_u8(&r, &type);
	rd_text(&r, SHREW_MAX_USERNAME, &out->user);
	rd_text(&r, USERAUTH_MAX_NAME, &out->service);
	rd_text(&r, USERAUTH_MAX_NAME, &out->method_name);
	if (r.err)
		return r.err;
	if (type != SSH_MSG_USERAUTH_REQUEST)
		return E_FORMAT;
	if (view_eq(out->method_name, "none")) {
		out->method = USERAUTH_NONE;
	} else if (view_eq(out->method_name, "publickey")) {
		out->method = USERAUTH_PUBKEY;
		parse_pubkey(&r, out);
	} else if (view_eq(out->method_name, "password")) {
		out->method = USERAUTH_PASSWORD;
		rc = parse_password(&r, out);
		if (rc != E_OK)
			return rc;
	} else if (view_eq(out->method_name, "keyboard-interactive")) {
		out->method = USERAUTH_KBDINT;
		rd_text(&r, USERAUTH_MAX_NAME, &out->lang);
		rd_text(&r, USERAUTH_MAX_SUBMETHODS, &out->submethods);
	} else {
		out->method = USERAUTH_OTHER;
		return E_OK;
	}
	return rd_end(&r);
}

int userauth_info_response_parse(const uint8_t *payload, size_t n, struct userauth_info_resp *out)
{
	struct rd r;
	uint8_t type = 0;
	uint32_t i;

	memset(out, 0, sizeof(*out));
	rd_init(&r, payload, n);
	rd_u8(&r, &type);
	rd_u32(&r, &out->count);
	if (r.err)
		return r.err;
	if (type != SSH_MSG_USERAUTH_INFO_RESPONSE)
		return E_FORMAT;
	if (out->count > USERAUTH_MAX_RESPONSES)
		return E_TOOBIG;
	for (i = 0; i < out->count; i++)
		rd_text(&r, SHREW_MAX_PASSWORD, &out->resp[i]);
	return rd_end(&r);
}

/* ---- State --------------------------------------------------------------- */

int svr_auth_init(struct sess *s)
{
	struct svr_auth *a = calloc(1, sizeof(*a));

	if (!a)
		return E_NOMEM;
	a->work = calloc(1, sizeof(*a->work));
	a->kept = calloc(1, sizeof(*a->kept));
	if (!a->work || !a->kept) {
		free(a->work);
		free(a->kept);
		free(a);
		return E_NOMEM;
	}
	a->lookup = svr_auth_user_lookup;
	s->auth = a;
	return E_OK;
}

void svr_auth_set_lookup(struct sess *s, svr_auth_lookup_fn fn)
{
	if (s->auth)
		s->auth->lookup = fn ? fn : svr_auth_user_lookup;
}

void svr_auth_free(struct sess *s)
{
	struct svr_auth *a = s->auth;

	if (!a)
		return;
	authkey_free(a->work);
	authkey_free(a->kept);
	wipe(a->work, sizeof(*a->work));
	wipe(a->kept, sizeof(*a->kept));
	free(a->work);
	free(a->kept);
	wipe(a, sizeof(*a));
	free(a);
	s->auth = NULL;
}

const struct authkey *svr_auth_key_options(const struct sess *s)
{
	if (!s->auth || !s->authenticated || !s->auth->have_key_opts)
		return NULL;
	return s->auth->kept;
}

const struct svr_auth_user *svr_auth_user(const struct sess *s)
{
	if (!s->auth || !s->authenticated)
		return NULL;
	return &s->auth->pw;
}

/* ---- Helpers for the methods ---------------------------------------------- */

char *svr_auth_peer(const struct sess *s, char *buf, size_t cap)
{
	if (strchr(s->peer_ip, ':'))
		snprintf(buf, cap, "[%s]:%u", s->peer_ip, s->peer_port);
	else
		snprintf(buf, cap, "%s:%u", s->peer_ip, s->peer_port);
	return buf;
}

void svr_auth_fail_delay(void)
{
	unsigned long ms = SVR_AUTH_FAIL_DELAY_MS + random_uniform(SVR_AUTH_FAIL_JITTER_MS + 1);
	struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Drops a UTF-8 sequence cut at the end of n bytes; returns the new n. */
static size_t utf8_uncut(const char *buf, size_t n)
{
	size_t i = n, need;
	unsigned char lead;

	while (i > 0 && n - i < 3 && ((unsigned char)buf[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0)
		return n;
	lead = (unsigned char)buf[i - 1];
	if (lead < 0xc0)
		return n;
	need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
	return n - (i - 1) < need ? i - 1 : n;
}

long svr_auth_read_text(const char *path, char *buf, size_t cap)
{
	size_t got = 0;
	ssize_t k;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return -1;
	while (got < cap - 1) {
		k = read(fd, buf + got, cap - 1 - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	if (got == cap - 1)
		got = utf8_uncut(buf, got);
	buf[got] = 0;
	return (long)got;
}

/* byte 53, string message (UTF-8), string language tag */
static int send_banner_text(struct sess *s, const char *text)
{
	uint8_t buf[SHREW_MAX_BANNER + 32];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, SSH_MSG_USERAUTH_BANNER);
	wr_cstr(&w, text);
	wr_cstr(&w, "");
	if (w.err)
		return w.err;
	return sess_send(s, buf, w.len);
}

/* The -b file, read when first needed (the file may be edited while the
 * server runs, so each connection reads it once). */
static int send_banners(struct sess *s)
{
	struct svr_auth *a = s->auth;
	char text[SHREW_MAX_BANNER + 1];
	int rc = E_OK;

	if (!a->banner_done) {
		a->banner_done = 1;
		if (s->opts && s->opts->banner) {
			if (svr_auth_read_text(s->opts->banner, text, sizeof(text)) < 0)
				log_msg(LOG_WARNING, "Cannot read banner %s: %s", s->opts->banner,
				        strerror(errno));
			else if (text[0])
				rc = send_banner_text(s, text);
		}
	}
	if (rc == E_OK && a->extra_banner[0]) {
		rc = send_banner_text(s, a->extra_banner);
		a->extra_banner[0] = 0;
	}
	return rc;
}

int svr_auth_send(struct sess *s, const uint8_t *payload, size_t n)
{
	int rc = send_banners(s);

	return rc != E_OK ? rc : sess_send(s, payload, n);
}

static int is_root_name(const struct sess *s)
{
	const struct svr_auth *a = s->auth;

	return (a->user_found && a->pw.uid == 0) || strcmp(s->user, "root") == 0;
}

int svr_auth_method_allowed(const struct sess *s, unsigned int m)
{
	const struct svr_opts *o = s->opts;
	int pw_ok = !o->no_password && !(o->no_root_password && is_root_name(s));

	if (s->auth->passed & m)
		return 0;
	switch (m) {
	case AUTH_M_PUBKEY: return SHREW_AUTH_PUBKEY;
	case AUTH_M_PASSWORD: return SHREW_AUTH_PASSWORD && pw_ok;
	case AUTH_M_KBDINT:
		return SHREW_AUTH_KBDINT && pw_ok && !(s->auth->passed & AUTH_M_PASSWORD);
	}
	return 0;
}

/* byte 51, name-list methods that can continue, boolean partial success */
static int send_failure(struct sess *s, int partial)
{
	static const struct {
		unsigned int m;
		const char *name;
	} methods[] = {{AUTH_M_PUBKEY, "publickey"},
	               {AUTH_M_PASSWORD, "password"},
	               {AUTH_M_KBDINT, "keyboard-interactive"}};
	char list[64] = "";
	uint8_t buf[96];
	struct wr w;
	size_t i;

	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		if (!svr_auth_method_allowed(s, methods[i].m))
			continue;
		if (list[0])
			strcat(list, ",");
		strcat(list, methods[i].name);
	}
	wr_init(&w, buf, sizeof(buf));
	wr_u8(&w, SSH_MSG_USERAUTH_FAILURE);
	wr_cstr(&w, list);
	wr_bool(&w, partial);
	if (w.err)
		return w.err;
	return svr_auth_send(s, buf, w.len);
}

int svr_auth_fail(struct sess *s, int counted)
{
	struct svr_auth *a = s->auth;
	unsigned int max = s->opts->max_auth_tries ? s->opts->max_auth_tries : 1;
	char peer[96];

	a->kbdint_pending = 0;
	if (counted && ++a->tries >= max) {
		log_msg(LOG_INFO, "Max auth tries reached for '%s' from %s", s->user,
		        svr_auth_peer(s, peer, sizeof(peer)));
		sess_disconnect(s, SSH_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
		                "Too many authentication failures");
		return E_VERIFY;
	}
	return send_failure(s, 0);
}

/* Methods that must all pass: a key and a password with -t. */
static unsigned int required(const struct sess *s)
{
	if (s->opts->two_factor && SHREW_AUTH_PUBKEY && SHREW_AUTH_PASSWORD)
		return AUTH_M_PUBKEY | AUTH_M_PASSWORD;
	return 0;
}

int svr_auth_passed(struct sess *s, unsigned int m)
{
	struct svr_auth *a = s->auth;
	unsigned int need = required(s);
	uint8_t msg = SSH_MSG_USERAUTH_SUCCESS;
	int rc;

	a->kbdint_pending = 0;
	a->passed |= m == AUTH_M_KBDINT ? AUTH_M_PASSWORD | AUTH_M_KBDINT : m;
	if (need && (a->passed & need) != need)
		return send_failure(s, 1);
	rc = svr_auth_send(s, &msg, 1);
	if (rc != E_OK)
		return rc;
	s->authenticated = 1;
	wipe(a->pw.hash, sizeof(a->pw.hash));
	svr_listen_child_authenticated();
	return E_OK;
}

/* ---- Dispatcher ------------------------------------------------------------ */

/* The first request fixes the user; later ones must name the same. */
static int bind_user(struct sess *s, struct view user)
{
	struct svr_auth *a = s->auth;
	const char *why;
	char peer[96];

	if (a->bound) {
		if (view_eq(user, s->user))
			return E_OK;
		sess_disconnect(s, SSH_DISCONNECT_PROTOCOL_ERROR, "Change of username not allowed");
		return E_FORMAT;
	}
	a->bound = 1;
	memcpy(s->user, user.p, user.len);
	s->user[user.len] = 0;
	if (a->lookup(s->user, &a->pw) != E_OK) {
		wipe(&a->pw, sizeof(a->pw));
		return E_OK; /* each failed attempt logs it */
	}
	a->user_found = 1;
	why = svr_auth_user_policy(s);
	if (why)
		log_msg(LOG_INFO, "Login for '%s' refused from %s: %s", s->user,
		        svr_auth_peer(s, peer, sizeof(peer)), why);
	a->user_ok = why == NULL;
	return E_OK;
}

static int handle_request(struct sess *s, const uint8_t *payload, size_t n)
{
	struct userauth_req req;
	struct svr_auth *a = s->auth;
	int rc = userauth_request_parse(payload, n, &req);
	int change = rc == E_UNSUPPORTED; /* a password change: we cannot */

	if (rc != E_OK && !change) {
		sess_disconnect(s, SSH_DISCONNECT_PROTOCOL_ERROR, "Malformed userauth request");
		return rc;
	}
	if (!view_eq(req.service, "ssh-connection")) {
		sess_disconnect(s, SSH_DISCONNECT_SERVICE_NOT_AVAILABLE, "Unknown service");
		return E_UNSUPPORTED;
	}
	rc = bind_user(s, req.user);
	if (rc != E_OK)
		return rc;
	a->kbdint_pending = 0;
	if (change)
		return svr_auth_fail(s, 1);
	switch (req.method) {
	case USERAUTH_NONE: return svr_auth_fail(s, a->nones++ > 0);
	case USERAUTH_PUBKEY: return svr_auth_pubkey(s, &req);
	case USERAUTH_PASSWORD: return svr_auth_password(s, &req);
	case USERAUTH_KBDINT: return svr_auth_kbdint_start(s, &req);
	case USERAUTH_OTHER: break;
	}
	return svr_auth_fail(s, 1);
}

int svr_auth_handle(struct sess *s, const uint8_t *payload, size_t n)
{
	if (!s->auth || n == 0)
		return E_ARG;
	if (s->authenticated)
		return E_OK; /* RFC 4252 5.1: ignore requests after success */
	switch (payload[0]) {
	case SSH_MSG_USERAUTH_REQUEST: return handle_request(s, payload, n);
	case SSH_MSG_USERAUTH_INFO_RESPONSE: return svr_auth_kbdint_response(s, payload, n);
	}
	return E_ARG;
}

/* ---- server-sig-algs ------------------------------------------------------------ */

const char *svr_auth_sig_algs(void)
{
	static const char *const names[] = {
#if SHREW_ED25519
		"ssh-ed25519",
#endif
#if SHREW_ECDSA
		"ecdsa-sha2-nistp256",
		"ecdsa-sha2-nistp384",
		"ecdsa-sha2-nistp521",
#endif
#if SHREW_RSA
		"rsa-sha2-512",
		"rsa-sha2-256",
#endif
#if SHREW_RSA_SHA1
		"ssh-rsa",
#endif
	};
	static char list[160];
	size_t i;

	if (!list[0]) {
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			if (i)
				strcat(list, ",");
			strcat(list, names[i]);
		}
	}
	return list;
}
