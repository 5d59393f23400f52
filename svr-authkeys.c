/*
 * svr-authkeys.c - authorized_keys: the pure line parser with its options
 * (sshd(8) AUTHORIZED_KEYS FILE FORMAT), the per-client decision
 * (cert-authority, expiry-time, from=) and the StrictModes-like
 * permission check of the file and its directories.  See svr-authkeys.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "options.h"
#include "common-err.h"
#include "common-keyfile.h"
#include "common-match.h"
#include "svr-authkeys.h"

/* Parser state: the line without its end-of-line, the read position, and
 * the output whose buf receives unescaped option values. */
struct ak_parse {
	const char *line;
	size_t n, pos;
	struct authkey *out;
	size_t used; /* bytes of out->buf in use */
};

static int fail(struct authkey *ak, int rc, const char *why)
{
	ak->why = why;
	return rc;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* ---- Key type names ------------------------------------------------------ */

/* Every key type name OpenSSH writes in authorized_keys, built in or not:
 * a first field naming one means the line has no options. */
static const char *const keytype_names[] = {
    "ssh-ed25519",
    "ssh-rsa",
    "ssh-dss",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "sk-ssh-ed25519@openssh.com",
};

static int is_keytype(const char *t, size_t n)
{
	static const char cert[] = "-cert-v01@openssh.com";
	size_t i;

	for (i = 0; i < sizeof(keytype_names) / sizeof(keytype_names[0]); i++)
		if (strlen(keytype_names[i]) == n && memcmp(keytype_names[i], t, n) == 0)
			return 1;
	return n > sizeof(cert) - 1 &&
	       memcmp(t + n - (sizeof(cert) - 1), cert, sizeof(cert) - 1) == 0;
}

/* ---- Option values ---------------------------------------------------------- */

/* Copies the quoted value starting at ps->pos (on the opening quote) into
 * out->buf, turning \" into ", and leaves pos after the closing quote.
 * *val gets the NUL-terminated copy, *vlen its length. */
static int read_quoted(struct ak_parse *ps, char **val, size_t *vlen)
{
	struct authkey *ak = ps->out;
	char *dst = ak->buf + ps->used;
	size_t room = sizeof(ak->buf) - ps->used, k = 0;
	char c;

	if (ps->pos >= ps->n || ps->line[ps->pos] != '"')
		return fail(ak, E_FORMAT, "option value must be in double quotes");
	if (room == 0)
		return fail(ak, E_TOOBIG, "option values too long");
	for (ps->pos++; ps->pos < ps->n; ps->pos++) {
		c = ps->line[ps->pos];
		if (c == '"')
			break;
		if (c == '\\' && ps->pos + 1 < ps->n && ps->line[ps->pos + 1] == '"')
			c = ps->line[++ps->pos];
		if (k + 1 >= room)
			return fail(ak, E_TOOBIG, "option values too long");
		dst[k++] = c;
	}
	if (ps->pos >= ps->n)
		return fail(ak, E_FORMAT, "unterminated quote in options");
	ps->pos++;
	dst[k] = 0;
	ps->used += k + 1;
	*val = dst;
	*vlen = k;
	return E_OK;
}

/* Port: decimal 1..65535 without a leading zero, or "*" (-1). */
static int parse_port(const char *s, int *port)
{
	long v = 0;
	size_t i, n = strlen(s);

	if (n == 1 && s[0] == '*') {
		*port = -1;
		return 1;
	}
	if (n == 0 || n > 5 || s[0] == '0')
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*port = (int)v;
	return v <= 65535;
}

/* Splits "host:port", "[v6]:port" or (when !need_host) "port" in place. */
static int parse_hostport(char *v, int need_host, struct authkey_permit *p)
{
	char *colon, *close;

	p->host = NULL;
	if (v[0] == '[') {
		close = strchr(v, ']');
		if (!close || close == v + 1 || close[1] != ':')
			return 0;
		*close = 0;
		p->host = v + 1;
		return parse_port(close + 2, &p->port);
	}
	colon = strrchr(v, ':');
	if (!colon)
		return !need_host && parse_port(v, &p->port);
	if (colon == v || strchr(v, ':') != colon)
		return 0; /* empty host, or IPv6 without brackets */
	*colon = 0;
	p->host = v;
	return parse_port(colon + 1, &p->port);
}

static int opt_permitopen(struct ak_parse *ps, char *v, size_t n)
{
	struct authkey *ak = ps->out;

	(void)n;
	if (ak->n_permitopen >= AUTHKEYS_MAX_PERMIT)
		return fail(ak, E_TOOBIG, "too many permitopen options");
	if (!parse_hostport(v, 1, &ak->permitopen[ak->n_permitopen]))
		return fail(ak, E_FORMAT, "bad permitopen=\"host:port\"");
	ak->n_permitopen++;
	return E_OK;
}

static int opt_permitlisten(struct ak_parse *ps, char *v, size_t n)
{
	struct authkey *ak = ps->out;

	(void)n;
	if (ak->n_permitlisten >= AUTHKEYS_MAX_PERMIT)
		return fail(ak, E_TOOBIG, "too many permitlisten options");
	if (!parse_hostport(v, 0, &ak->permitlisten[ak->n_permitlisten]))
		return fail(ak, E_FORMAT, "bad permitlisten=\"[host:]port\"");
	ak->n_permitlisten++;
	return E_OK;
}

static int opt_command(struct ak_parse *ps, char *v, size_t n)
{
	struct authkey *ak = ps->out;

	if (ak->command)
		return fail(ak, E_FORMAT, "more than one command option");
	if (n > SHREW_MAX_CMD)
		return fail(ak, E_TOOBIG, "command option too long");
	ak->command = v;
	return E_OK;
}

static int opt_from(struct ak_parse *ps, char *v, size_t n)
{
	struct authkey *ak = ps->out;

	(void)n;
	if (ak->from)
		return fail(ak, E_FORMAT, "more than one from option");
	ak->from = v;
	return E_OK;
}

static int opt_principals(struct ak_parse *ps, char *v, size_t n)
{
	struct authkey *ak = ps->out;

	(void)n;
	if (ak->principals)
		return fail(ak, E_FORMAT, "more than one principals option");
	ak->principals = v;
	return E_OK;
}

/* environment="NAME=value": NAME is letters, digits and '_'. */
static int opt_environment(struct ak_parse *ps, char *v, size_t n)
{
	struct authkey *ak = ps->out;
	size_t i;

	if (ak->n_env >= AUTHKEYS_MAX_ENV)
		return fail(ak, E_TOOBIG, "too many environment options");
	for (i = 0; i < n && v[i] != '='; i++)
		if (!(v[i] == '_' || (v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'z') ||
		      (v[i] >= 'A' && v[i] <= 'Z')))
			break;
	if (i == 0 || i == n || v[i] != '=')
		return fail(ak, E_FORMAT, "bad environment=\"NAME=value\"");
	ak->env[ak->n_env++] = v;
	return E_OK;
}

/* n decimal digits at s. */
static int digits(const char *s, size_t n, int *out)
{
	size_t i;

	*out = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*out = *out * 10 + (s[i] - '0');
	}
	return 1;
}

/* expiry-time="YYYYMMDD[Z]" or "YYYYMMDDHHMM[SS][Z]". */
static int opt_expiry(struct ak_parse *ps, char *v, size_t n)
{
	struct authkey *ak = ps->out;
	struct authkey_time *t = &ak->expiry;
	int ok;

	if (ak->flags & AK_EXPIRY)
		return fail(ak, E_FORMAT, "more than one expiry-time option");
	memset(t, 0, sizeof(*t));
	t->utc = n > 0 && (v[n - 1] == 'Z' || v[n - 1] == 'z');
	n -= (size_t)t->utc;
	ok = (n == 8 || n == 12 || n == 14) && digits(v, 4, &t->year) &&
	     digits(v + 4, 2, &t->mon) && digits(v + 6, 2, &t->day);
	if (ok && n >= 12)
		ok = digits(v + 8, 2, &t->hour) && digits(v + 10, 2, &t->min);
	if (ok && n == 14)
		ok = digits(v + 12, 2, &t->sec);
	if (!ok || t->year < 1970 || t->mon < 1 || t->mon > 12 || t->day < 1 || t->day > 31 ||
	    t->hour > 23 || t->min > 59 || t->sec > 60)
		return fail(ak, E_FORMAT, "bad expiry-time");
	ak->flags |= AK_EXPIRY;
	return E_OK;
}

/* ---- The option table ------------------------------------------------------ */

struct ak_opt {
	const char *name;
	int (*value)(struct ak_parse *ps, char *v, size_t n); /* NULL: a flag */
	unsigned int clear, set;
};

static const struct ak_opt ak_opts[] = {
    {"restrict", NULL, AK_PERMIT_ALL, AK_RESTRICT},
    {"no-pty", NULL, AK_PERMIT_PTY, 0},
    {"pty", NULL, 0, AK_PERMIT_PTY},
    {"no-port-forwarding", NULL, AK_PERMIT_PORT_FWD, 0},
    {"port-forwarding", NULL, 0, AK_PERMIT_PORT_FWD},
    {"no-agent-forwarding", NULL, AK_PERMIT_AGENT_FWD, 0},
    {"agent-forwarding", NULL, 0, AK_PERMIT_AGENT_FWD},
    {"no-x11-forwarding", NULL, AK_PERMIT_X11_FWD, 0},
    {"x11-forwarding", NULL, 0, AK_PERMIT_X11_FWD},
    {"no-user-rc", NULL, AK_PERMIT_USER_RC, 0},
    {"user-rc", NULL, 0, AK_PERMIT_USER_RC},
    {"cert-authority", NULL, 0, AK_CERT_AUTHORITY},
    {"no-touch-required", NULL, 0, AK_NO_TOUCH_REQUIRED},
    {"verify-required", NULL, 0, AK_VERIFY_REQUIRED},
    {"command", opt_command, 0, 0},
    {"from", opt_from, 0, 0},
    {"permitopen", opt_permitopen, 0, 0},
    {"permitlisten", opt_permitlisten, 0, 0},
    {"environment", opt_environment, 0, 0},
    {"expiry-time", opt_expiry, 0, 0},
    {"principals", opt_principals, 0, 0},
};

static const struct ak_opt *find_opt(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(ak_opts) / sizeof(ak_opts[0]); i++)
		if (strlen(ak_opts[i].name) == n && strncasecmp(ak_opts[i].name, name, n) == 0)
			return &ak_opts[i];
	return NULL;
}

/* Reads one option (name, and "=value" if it takes one) and applies it. */
static int one_option(struct ak_parse *ps)
{
	const char *name = ps->line + ps->pos;
	const struct ak_opt *o;
	size_t nl = 0;
	char *v;
	size_t vlen;
	int rc;

	while (ps->pos < ps->n && !strchr(",=\" \t", ps->line[ps->pos])) {
		ps->pos++;
		nl++;
	}
	if (nl == 0)
		return fail(ps->out, E_FORMAT, "empty option");
	o = find_opt(name, nl);
	if (!o)
		return fail(ps->out, E_FORMAT, "unknown option");
	if (ps->pos < ps->n && ps->line[ps->pos] == '=') {
		if (!o->value)
			return fail(ps->out, E_FORMAT, "option takes no value");
		ps->pos++;
		rc = read_quoted(ps, &v, &vlen);
		return rc != E_OK ? rc : o->value(ps, v, vlen);
	}
	if (o->value)
		return fail(ps->out, E_FORMAT, "option needs a =\"value\"");
	ps->out->flags = (ps->out->flags & ~o->clear) | o->set;
	return E_OK;
}

/* The options field: options separated by ',' up to the first blank. */
static int parse_options(struct ak_parse *ps)
{
	int rc;

	for (;;) {
		rc = one_option(ps);
		if (rc != E_OK)
			return rc;
		if (ps->pos >= ps->n)
			return fail(ps->out, E_FORMAT, "no key after the options");
		if (is_blank(ps->line[ps->pos]))
			return E_OK;
		if (ps->line[ps->pos] != ',')
			return fail(ps->out, E_FORMAT, "bad character after an option");
		ps->pos++;
	}
}

/* ---- The line ------------------------------------------------------------------ */

static int parse_key(struct ak_parse *ps)
{
	struct authkey *ak = ps->out;
	int rc;

	while (ps->pos < ps->n && is_blank(ps->line[ps->pos]))
		ps->pos++;
	rc = keyfile_parse_public_line(ps->line + ps->pos, ps->n - ps->pos, &ak->key, ak->comment,
	                               sizeof(ak->comment));
	switch (rc) {
	case E_OK: return E_OK;
	case E_UNSUPPORTED: return fail(ak, rc, "key type not supported");
	case E_TOOBIG: return fail(ak, rc, "key too large");
	default: return fail(ak, rc, "malformed key, or key type not matching the key");
	}
}

static void authkey_reset(struct authkey *ak)
{
	memset(&ak->key, 0, sizeof(ak->key));
	ak->flags = AK_PERMIT_ALL;
	ak->command = ak->from = ak->principals = NULL;
	ak->n_permitopen = ak->n_permitlisten = ak->n_env = 0;
	memset(&ak->expiry, 0, sizeof(ak->expiry));
	ak->comment[0] = 0;
	ak->why = "success";
	ak->buf[0] = 0;
}

int authkeys_parse_line(const char *line, size_t n, struct authkey *out)
{
	struct ak_parse ps = {line, n, 0, out, 0};
	size_t t;
	int rc;

	authkey_reset(out);
	if (ps.n > 0 && line[ps.n - 1] == '\n')
		ps.n--;
	if (ps.n > 0 && line[ps.n - 1] == '\r')
		ps.n--;
	if (ps.n > SHREW_MAX_AUTHKEYS_LINE)
		return fail(out, E_TOOBIG, "line too long");
	if (memchr(line, 0, ps.n) || memchr(line, '\n', ps.n) || memchr(line, '\r', ps.n))
		return fail(out, E_FORMAT, "control character in line");
	while (ps.pos < ps.n && is_blank(line[ps.pos]))
		ps.pos++;
	if (ps.pos == ps.n || line[ps.pos] == '#')
		return AUTHKEYS_SKIP;
	for (t = ps.pos; t < ps.n && !is_blank(line[t]);)
		t++;
	if (!is_keytype(line + ps.pos, t - ps.pos)) {
		rc = parse_options(&ps);
		if (rc != E_OK)
			return rc;
	}
	return parse_key(&ps);
}

void authkey_free(struct authkey *ak)
{
	key_free(&ak->key);
}

/* ---- Per-client decision ----------------------------------------------------- */

/* Returns 1 when the expiry time has passed (or cannot be converted). */
static int expired(const struct authkey_time *e, time_t now)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = e->year - 1900;
	tm.tm_mon = e->mon - 1;
	tm.tm_mday = e->day;
	tm.tm_hour = e->hour;
	tm.tm_min = e->min;
	tm.tm_sec = e->sec;
	tm.tm_isdst = -1;
	t = e->utc ? timegm(&tm) : mktime(&tm);
	return t == (time_t)-1 || now > t;
}

int authkey_allows(const struct authkey *ak, time_t now, const char *host, const char *ip,
                   const char **why)
{
	const char *dummy;
	int m;

	if (!why)
		why = &dummy;
	*why = "allowed";
	if (ak->key.type == KEY_NONE)
		*why = "no key";
	else if (ak->flags & AK_CERT_AUTHORITY)
		*why = "cert-authority line (certificates not supported)";
	else if ((ak->flags & AK_EXPIRY) && expired(&ak->expiry, now))
		*why = "key expired (expiry-time)";
	else if (!ak->from)
		return 1;
	else if ((m = match_host_and_ip(host, ip, ak->from, strlen(ak->from))) == MATCH_YES)
		return 1;
	else if (m == MATCH_NEGATED)
		*why = "client denied by a negated from= pattern";
	else if (m == MATCH_ERROR)
		*why = "malformed from= list (bad CIDR entry)";
	else
		*why = "client not in the from= list";
	return 0;
}

/* ---- File permissions --------------------------------------------------------- */

/* Writes "what path" (and ": strerror" when err) into why. */
static int perm_fail(char *why, size_t cap, int rc, const char *what, const char *path, int err)
{
	if (why && cap)
		snprintf(why, cap, "%s %s%s%s", what, path, err ? ": " : "",
		         err ? strerror(err) : "");
	return rc;
}

/* Owned by uid or root, not writable by group or others. */
static int owner_ok(const struct stat *st, uid_t uid)
{
	return (st->st_uid == 0 || st->st_uid == uid) && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

int authkeys_check_perms(const char *path, uid_t uid, const char *home, char *why, size_t why_cap)
{
	char rp[PATH_MAX], rh[PATH_MAX];
	struct stat st;
	char *slash;
	int have_home;

	if (why && why_cap)
		why[0] = 0;
	if (!realpath(path, rp))
		return perm_fail(why, why_cap, E_IO, "cannot resolve", path, errno);
	if (stat(rp, &st) != 0)
		return perm_fail(why, why_cap, E_IO, "cannot stat", rp, errno);
	if (!S_ISREG(st.st_mode))
		return perm_fail(why, why_cap, E_FORMAT, "not a regular file:", rp, 0);
	if (!owner_ok(&st, uid))
		return perm_fail(why, why_cap, E_FORMAT, "bad ownership or modes for file", rp, 0);
	have_home = home && realpath(home, rh);
	for (;;) {
		slash = strrchr(rp, '/');
		if (!slash)
			return E_OK;    /* realpath gives absolute paths: not reached */
		slash[slash == rp] = 0; /* keep "/" itself */
		if (stat(rp, &st) != 0)
			return perm_fail(why, why_cap, E_IO, "cannot stat", rp, errno);
		if (!owner_ok(&st, uid))
			return perm_fail(why, why_cap, E_FORMAT,
			                 "bad ownership or modes for directory", rp, 0);
		if ((have_home && strcmp(rp, rh) == 0) || strcmp(rp, "/") == 0)
			return E_OK;
	}
}
