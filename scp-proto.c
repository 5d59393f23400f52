/*
 * scp-proto.c - the pure parts of the scp applet (scp-proto.h): control
 * line parser, name checks, source/target specs, shell quoting.
 */
#include "options.h"

#if SHREW_SCP

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "scp-proto.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads decimal digits at *p (at least one) into *v, no overflow. */
static int parse_u64(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;

	if (s == end || !is_digit(*s))
		return -1;
	for (; s < end && is_digit(*s); s++) {
		unsigned d = (unsigned)(*s - '0');
		if (x > (UINT64_MAX - d) / 10)
			return -1;
		x = x * 10 + d;
	}
	*p = s;
	*v = x;
	return 0;
}

static int expect(const char **p, const char *end, char c)
{
	if (*p == end || **p != c)
		return -1;
	(*p)++;
	return 0;
}

int scp_name_ok(const char *name)
{
	if (!name[0] || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return 0;
	return strpbrk(name, "/\n") == NULL;
}

/* "<mode> <size> <name>" after C or D. */
static int parse_entry(const char *p, const char *end, struct scp_ctl *c)
{
	unsigned mode = 0;
	int digits = 0;
	size_t n;

	for (; p < end && *p >= '0' && *p <= '7'; p++, digits++)
		mode = mode * 8 + (unsigned)(*p - '0');
	if (digits < 1 || digits > 4 || expect(&p, end, ' ') < 0)
		return -1;
	if (parse_u64(&p, end, &c->size) < 0 || expect(&p, end, ' ') < 0)
		return -1;
	n = (size_t)(end - p);
	if (n >= sizeof(c->name))
		return -1;
	memcpy(c->name, p, n);
	c->name[n] = '\0';
	c->mode = mode & 07777;
	if (c->type == SCP_CTL_DIR && c->size != 0)
		return -1;
	return scp_name_ok(c->name) ? 0 : -1;
}

/* "<mtime> <usec> <atime> <usec>" after T. */
static int parse_times(const char *p, const char *end, struct scp_ctl *c)
{
	uint64_t us;

	if (parse_u64(&p, end, &c->mtime) < 0 || expect(&p, end, ' ') < 0)
		return -1;
	if (parse_u64(&p, end, &us) < 0 || us > 999999 || expect(&p, end, ' ') < 0)
		return -1;
	if (parse_u64(&p, end, &c->atime) < 0 || expect(&p, end, ' ') < 0)
		return -1;
	if (parse_u64(&p, end, &us) < 0 || us > 999999)
		return -1;
	/* time_t is signed: keep both well inside it. */
	if (c->mtime > INT32_MAX * 64ULL || c->atime > INT32_MAX * 64ULL)
		return -1;
	return p == end ? 0 : -1;
}

int scp_parse_ctl(const char *line, size_t n, struct scp_ctl *c)
{
	const char *end;

	if (n > 0 && line[n - 1] == '\n')
		n--;
	if (n == 0 || n >= SCP_MAX_LINE || memchr(line, '\n', n) || memchr(line, '\0', n))
		return -1;
	end = line + n;
	memset(c, 0, sizeof(*c));
	c->type = line[0];
	switch (line[0]) {
	case 'C':
	case 'D': return parse_entry(line + 1, end, c);
	case 'T': return parse_times(line + 1, end, c);
	case 'E': return n == 1 ? 0 : -1;
	default: return -1;
	}
}

int scp_name_matches(const char *requested, const char *name)
{
	char last[SCP_MAX_LINE];
	const char *s;
	size_t n = strlen(requested);

	while (n > 1 && requested[n - 1] == '/')
		n--;
	s = requested + n;
	while (s > requested && s[-1] != '/')
		s--;
	n -= (size_t)(s - requested);
	if (n == 0 || n >= sizeof(last))
		return 1;
	memcpy(last, s, n);
	last[n] = '\0';
	if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0 || strcmp(last, "/") == 0 ||
	    (last[0] == '~' && s == requested))
		return 1;
	return fnmatch(last, name, 0) == 0;
}

/* ---- Command-line specs ---------------------------------------------- */

int scp_host_ok(const char *host)
{
	const char *p;

	if (!host[0] || host[0] == '-')
		return 0;
	for (p = host; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || is_digit(*p) ||
		      strchr("._-:%", *p)))
			return 0;
	return 1;
}

int scp_user_ok(const char *user)
{
	const char *p;

	if (!user[0] || user[0] == '-')
		return 0;
	for (p = user; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f ||
		    strchr("'\"`$;&|<>()*?[]{}!\\#~/", *p))
			return 0;
	return 1;
}

static int copy_part(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		return -1;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 0;
}

/* "[user@]host" of n bytes at s (host maybe "[v6]") into sp. */
static int split_user_host(const char *s, size_t n, struct scp_spec *sp, const char **err)
{
	const char *at = NULL, *p;

	for (p = s; p < s + n; p++)
		if (*p == '@')
			at = p;
	if (at && copy_part(sp->user, sizeof(sp->user), s, (size_t)(at - s)) < 0)
		goto bad_user;
	if (at) {
		n -= (size_t)(at + 1 - s);
		s = at + 1;
		if (!scp_user_ok(sp->user))
			goto bad_user;
	}
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (copy_part(sp->host, sizeof(sp->host), s, n) < 0 || !scp_host_ok(sp->host)) {
		*err = "invalid host name";
		return -1;
	}
	return 0;
bad_user:
	*err = "invalid user name";
	return -1;
}

/* scp://[user@]host[:port][/path] (after the scheme). */
static int parse_uri(const char *s, struct scp_spec *sp, const char **err)
{
	const char *slash = strchr(s, '/'), *hp_end = slash ? slash : s + strlen(s);
	const char *colon = NULL, *p, *hstart = s;
	unsigned long port = 0;

	for (p = s; p < hp_end; p++)
		if (*p == '@')
			hstart = p + 1;
	p = hstart;
	if (p < hp_end && *p == '[')
		p = memchr(p, ']', (size_t)(hp_end - p));
	if (!p) {
		*err = "invalid host name";
		return -1;
	}
	colon = memchr(p, ':', (size_t)(hp_end - p));
	if (colon) {
		for (p = colon + 1; p < hp_end && is_digit(*p) && port <= 65535; p++)
			port = port * 10 + (unsigned long)(*p - '0');
		if (p != hp_end || port == 0 || port > 65535) {
			*err = "invalid port in scp:// URL";
			return -1;
		}
		sp->port = (unsigned)port;
	}
	if (split_user_host(s, (size_t)((colon ? colon : hp_end) - s), sp, err) < 0)
		return -1;
	if (copy_part(sp->path, sizeof(sp->path), slash ? slash + 1 : "",
	              slash ? strlen(slash + 1) : 0) < 0) {
		*err = "path too long";
		return -1;
	}
	return 0;
}

/* Where the host part of a host:path argument ends (its ':'), or NULL for
 * a local path: a '/' first, no ':', or a ':' first. */
static const char *remote_colon(const char *arg)
{
	const char *p;

	for (p = arg; *p; p++) {
		if (*p == '[' && (p == arg || p[-1] == '@')) {
			p = strchr(p, ']');
			if (!p)
				return NULL;
			continue;
		}
		if (*p == '/')
			return NULL;
		if (*p == ':')
			return p == arg ? NULL : p;
	}
	return NULL;
}

int scp_parse_spec(const char *arg, struct scp_spec *sp, const char **err)
{
	const char *colon;

	memset(sp, 0, sizeof(*sp));
	*err = "path too long";
	if (strncmp(arg, "scp://", 6) == 0) {
		sp->remote = 1;
		return parse_uri(arg + 6, sp, err);
	}
	colon = remote_colon(arg);
	if (!colon)
		return copy_part(sp->path, sizeof(sp->path), arg, strlen(arg));
	sp->remote = 1;
	if (split_user_host(arg, (size_t)(colon - arg), sp, err) < 0)
		return -1;
	return copy_part(sp->path, sizeof(sp->path), colon + 1, strlen(colon + 1));
}

/* ---- Remote command -------------------------------------------------- */

int scp_shell_quote(const char *path, char *out, size_t cap)
{
	size_t o = 0, lead = 0;
	const char *p;

#define PUT(ch)                    \
	do {                       \
		if (o + 1 >= cap)  \
			return -1; \
		out[o++] = (ch);   \
	} while (0)
	if (path[0] == '~') {
		lead = 1;
		while (path[lead] &&
		       (path[lead] == '.' || path[lead] == '_' || path[lead] == '-' ||
		        is_digit(path[lead]) || (path[lead] >= 'a' && path[lead] <= 'z') ||
		        (path[lead] >= 'A' && path[lead] <= 'Z')))
			lead++;
		if (path[lead] && path[lead] != '/')
			lead = 0;
	}
	for (p = path; p < path + lead; p++)
		PUT(*p);
	PUT('\'');
	for (p = path + lead; *p; p++) {
		if (*p == '\'') {
			PUT('\'');
			PUT('\\');
			PUT('\'');
		}
		PUT(*p);
	}
	PUT('\'');
#undef PUT
	out[o] = '\0';
	return (int)o;
}

int scp_remote_cmd(char *out, size_t cap, int sink, int recursive, int preserve, int dir_target,
                   const char *path)
{
	int n = snprintf(out, cap, "scp %s%s%s%s -- ", sink ? "-t" : "-f", recursive ? " -r" : "",
	                 preserve ? " -p" : "", dir_target && sink ? " -d" : "");
	int q;

	if (n < 0 || (size_t)n >= cap)
		return -1;
	q = scp_shell_quote(path, out + n, cap - (size_t)n);
	return q < 0 ? -1 : n + q;
}

#endif /* SHREW_SCP */
