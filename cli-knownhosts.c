/*
 * cli-knownhosts.c - known_hosts lines, host matching, the host key
 * decision over a file, and new entries (see cli-knownhosts.h for the
 * format and where it comes from).
 */
#include "options.h"

#if SHREW_CLIENT

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "common-base64.h"
#include "common-err.h"
#include "common-match.h"
#include "common-random.h"
#include "common-wipe.h"
#include "crypto-mac.h"
#include "cli-knownhosts.h"

/* Room for a lookup name "[host]:65535" and its NUL. */
#define KH_NAME_CAP (KH_MAX_HOST + 9)
/* Largest decoded blob of a line (any key type, certificates too). */
#define KH_MAX_BLOB (SHREW_MAX_KNOWNHOSTS_LINE / 4 * 3 + 3)
/* Base64 text of a salt or hash (20 bytes), with its NUL. */
#define KH_B64_20 29
#define KH_DEFAULT_PORT 22

static const char hash_magic[] = "|1|";

/* ---- Lines ------------------------------------------------------------------ */

static int is_blank(uint8_t c)
{
	return c == ' ' || c == '\t';
}

/* Skips blanks, then reads the next run of non-blank bytes (may be empty). */
static void next_field(struct rd *r, struct view *f)
{
	size_t i = 0;
	struct view skip;

	while (rd_left(r) > i && is_blank(r->p[r->off + i]))
		i++;
	rd_bytes(r, i, &skip);
	for (i = 0; rd_left(r) > i && !is_blank(r->p[r->off + i]); i++)
		;
	rd_bytes(r, i, f);
}

/* The rest of the cursor, without leading blanks. */
static void rest_field(struct rd *r, struct view *f)
{
	size_t i = 0;
	struct view skip;

	while (rd_left(r) > i && is_blank(r->p[r->off + i]))
		i++;
	rd_bytes(r, i, &skip);
	rd_bytes(r, rd_left(r), f);
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Returns 1 if view v equals the lower-case s, ASCII case folded. */
static int view_eq_fold(struct view v, const char *s)
{
	size_t i, n = strlen(s);

	if (v.len != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower((char)v.p[i]) != s[i])
			return 0;
	return 1;
}

static int parse_marker(struct view m, enum kh_marker *out)
{
	if (view_eq_fold(m, "@revoked"))
		*out = KH_MARK_REVOKED;
	else if (view_eq_fold(m, "@cert-authority"))
		*out = KH_MARK_CA;
	else
		return E_FORMAT;
	return E_OK;
}

/* Decodes exactly 20 bytes of base64 (the view) into out. */
static int dec20(struct view v, uint8_t *out)
{
	size_t got;
	int rc;

	rc = base64_dec((const char *)v.p, v.len, out, 20, &got);
	if (rc == E_OK && got != 20)
		rc = E_FORMAT;
	return rc == E_TOOBIG ? E_FORMAT : rc;
}

/* "|1|base64(salt)|base64(hash)" into e->salt and e->hash. */
static int parse_hashed(struct kh_entry *e)
{
	struct view magic, salt, hash;
	struct rd r;
	size_t i;

	rd_init(&r, e->hosts.p, e->hosts.len);
	if (rd_bytes(&r, 3, &magic) != E_OK || !view_eq(magic, hash_magic))
		return E_FORMAT;
	for (i = 0; rd_left(&r) > i && r.p[r.off + i] != '|'; i++)
		;
	rd_bytes(&r, i, &salt);
	if (rd_bytes(&r, 1, &magic) != E_OK)
		return E_FORMAT;
	rd_bytes(&r, rd_left(&r), &hash);
	if (dec20(salt, e->salt) != E_OK || dec20(hash, e->hash) != E_OK)
		return E_FORMAT;
	e->hashed = 1;
	return E_OK;
}

/* Decodes the base64 blob, checks that it starts with the line's type
 * name, and for a built-in type decodes the key into e->key. */
static int parse_blob(struct kh_entry *e, struct view b64)
{
	uint8_t blob[KH_MAX_BLOB];
	struct view name;
	enum key_type t;
	size_t len;
	struct rd r;
	int rc;

	rc = base64_dec((const char *)b64.p, b64.len, blob, sizeof(blob), &len);
	if (rc != E_OK)
		return rc;
	rd_init(&r, blob, len);
	if (rd_text(&r, len, &name) != E_OK || name.len != e->type.len ||
	    memcmp(name.p, e->type.p, name.len) != 0)
		return E_FORMAT; /* the name does not match the blob */
	t = key_type_from_name(e->type);
	if (t == KEY_NONE)
		return E_UNSUPPORTED;
	rc = key_from_blob(&e->key, blob, len);
	if (rc == E_OK && e->key.type != t)
		rc = E_FORMAT;
	if (rc != E_OK)
		key_free(&e->key);
	return rc;
}

/* Strips one "\n" or "\r\n" from the end; checks the length and the
 * characters of what is left. */
static int line_body(const char *line, size_t *n)
{
	if (*n > 0 && line[*n - 1] == '\n')
		(*n)--;
	if (*n > 0 && line[*n - 1] == '\r')
		(*n)--;
	if (*n > SHREW_MAX_KNOWNHOSTS_LINE)
		return E_TOOBIG;
	if (memchr(line, 0, *n) || memchr(line, '\n', *n) || memchr(line, '\r', *n))
		return E_FORMAT;
	return E_OK;
}

/* Reads the fields after an optional marker: hosts, type, blob, comment. */
static int parse_fields(struct rd *r, struct view first, struct kh_entry *e)
{
	struct view b64;
	int rc;

	if (first.len > 0 && first.p[0] == '@') {
		rc = parse_marker(first, &e->marker);
		if (rc != E_OK)
			return rc;
		next_field(r, &first);
	}
	e->hosts = first;
	next_field(r, &e->type);
	next_field(r, &b64);
	rest_field(r, &e->comment);
	while (e->comment.len > 0 && is_blank(e->comment.p[e->comment.len - 1]))
		e->comment.len--;
	if (e->hosts.len == 0 || e->type.len == 0 || b64.len == 0)
		return E_FORMAT;
	if (e->hosts.p[0] == '|') {
		rc = parse_hashed(e);
		if (rc != E_OK)
			return rc;
	}
	return parse_blob(e, b64);
}

int kh_parse_line(const char *line, size_t n, struct kh_entry *out)
{
	struct view first;
	struct rd r;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = line_body(line, &n);
	if (rc != E_OK)
		return rc;
	rd_init(&r, line, n);
	next_field(&r, &first);
	if (first.len == 0 || first.p[0] == '#')
		return KH_SKIP;
	rc = parse_fields(&r, first, out);
	if (rc != E_OK && rc != E_UNSUPPORTED)
		key_free(&out->key);
	return rc;
}

void kh_entry_free(struct kh_entry *e)
{
	key_free(&e->key);
}

/* ---- Matching ------------------------------------------------------------- */

/* Builds the lookup name of host at port into out (KH_NAME_CAP bytes):
 * "host" for port 0 or 22, else "[host]:port"; letters lowered. */
static int lookup_name(const char *host, unsigned port, char *out, size_t *len)
{
	size_t hn, i, o = 0;

	if (!host || port > 65535)
		return E_ARG;
	hn = strnlen(host, KH_MAX_HOST + 1);
	if (hn == 0 || hn > KH_MAX_HOST)
		return E_ARG;
	if (port != 0 && port != KH_DEFAULT_PORT)
		out[o++] = '[';
	for (i = 0; i < hn; i++)
		out[o++] = lower(host[i]);
	if (port != 0 && port != KH_DEFAULT_PORT) {
		out[o++] = ']';
		out[o++] = ':';
		o += (size_t)snprintf(out + o, KH_NAME_CAP - o, "%u", port);
	} else {
		out[o] = 0;
	}
	*len = o;
	return E_OK;
}

/* Returns 1 if the entry's hostnames match the lookup name. */
static int match_name(const struct kh_entry *e, const char *name, size_t len)
{
	uint8_t mac[HASH_MAX_LEN];
	int yes;

	if (!e->hashed)
		return e->hosts.len > 0 && match_list(name, len, (const char *)e->hosts.p,
		                                      e->hosts.len, 1) == MATCH_YES;
	if (hmac_once(HASH_SHA1, e->salt, KH_SALT_LEN, name, len, mac) != E_OK)
		return 0;
	yes = ct_eq(mac, e->hash, KH_HASH_LEN);
	wipe(mac, sizeof(mac));
	return yes;
}

int kh_host_matches(const struct kh_entry *e, const char *host, unsigned port)
{
	char name[KH_NAME_CAP];
	size_t len;

	if (lookup_name(host, port, name, &len) != E_OK)
		return 0;
	return match_name(e, name, len);
}

/* ---- The decision over a file --------------------------------------------- */

static void add_hit(struct kh_hits *h, unsigned long line, int err, struct view type)
{
	if (h->n < KH_MAX_HITS) {
		h->at[h->n].line = line;
		h->at[h->n].err = err;
		h->at[h->n].type = type;
	}
	h->n++;
}

/* Cuts the next line (with its "\n", if any) off the cursor. */
static void next_line(struct rd *r, struct view *line)
{
	const uint8_t *nl = memchr(r->p + r->off, '\n', rd_left(r));
	size_t n = nl ? (size_t)(nl - (r->p + r->off)) + 1 : rd_left(r);

	rd_bytes(r, n, line);
}

/* Folds one parsed line (parse result rc) into the report. */
static void check_entry(const struct kh_entry *e, int rc, unsigned long no, const char *name,
                        size_t len, const struct key *k, struct kh_report *rep)
{
	static const struct view none = {(const uint8_t *)"", 0};

	if (rc < 0 && rc != E_UNSUPPORTED) {
		add_hit(&rep->bad, no, rc, none);
		return;
	}
	if (e->marker == KH_MARK_REVOKED) {
		if (rc == E_OK && !rep->revoked_line && key_equal_public(&e->key, k))
			rep->revoked_line = no;
		return;
	}
	if (e->marker == KH_MARK_CA || !match_name(e, name, len))
		return;
	if (rc == E_OK && key_equal_public(&e->key, k)) {
		if (!rep->ok_line)
			rep->ok_line = no;
	} else if (rc == E_OK && e->key.type == k->type) {
		add_hit(&rep->changed, no, E_OK, e->type);
	} else {
		add_hit(&rep->other, no, E_OK, e->type);
	}
}

static enum kh_result verdict(const struct kh_report *rep)
{
	if (rep->revoked_line)
		return KH_REVOKED;
	if (rep->ok_line)
		return KH_OK;
	if (rep->changed.n)
		return KH_CHANGED;
	if (rep->other.n)
		return KH_OTHER_TYPE;
	return KH_UNKNOWN;
}

enum kh_result kh_check(const char *buf, size_t n, const char *host, unsigned port,
                        const struct key *k, struct kh_report *rep)
{
	char name[KH_NAME_CAP];
	struct kh_report local;
	struct kh_entry e;
	struct view line;
	unsigned long no = 0;
	size_t len;
	struct rd r;
	int rc;

	if (!rep)
		rep = &local;
	memset(rep, 0, sizeof(*rep));
	if ((!buf && n) || !k || k->type == KEY_NONE || lookup_name(host, port, name, &len) != E_OK)
		return KH_ERROR;
	rd_init(&r, buf, n);
	while (rd_left(&r) > 0) {
		next_line(&r, &line);
		rc = kh_parse_line((const char *)line.p, line.len, &e);
		no++;
		if (rc != KH_SKIP)
			check_entry(&e, rc, no, name, len, k, rep);
		kh_entry_free(&e);
	}
	return verdict(rep);
}

/* ---- New entries ---------------------------------------------------------- */

/* A host name we are willing to write: printable ASCII without blanks,
 * list and pattern characters, brackets, or a marker/comment/hash lead. */
static int host_writable(const char *host)
{
	static const char bad[] = ",*?![]|#@\"'\\";
	size_t i;

	for (i = 0; host[i]; i++)
		if ((unsigned char)host[i] <= ' ' || (unsigned char)host[i] >= 0x7f ||
		    strchr(bad, host[i]))
			return 0;
	return 1;
}

/* Writes base64 of n bytes at p to w (no NUL). */
static int put_base64(struct wr *w, const uint8_t *p, size_t n)
{
	char text[4 * (KEY_MAX_PUB_BLOB / 3 + 1) + 1];
	size_t len;
	int rc;

	rc = base64_enc(p, n, 1, text, sizeof(text), &len);
	if (rc == E_OK)
		rc = wr_bytes(w, text, len);
	return rc;
}

/* "|1|base64(salt)|base64(HMAC-SHA1(salt, name))" with a fresh salt. */
static int put_hashed(struct wr *w, const char *name, size_t len)
{
	uint8_t salt[KH_SALT_LEN], mac[HASH_MAX_LEN];
	int rc;

	rc = random_bytes(salt, sizeof(salt));
	if (rc == E_OK)
		rc = hmac_once(HASH_SHA1, salt, sizeof(salt), name, len, mac);
	if (rc == E_OK)
		rc = wr_bytes(w, hash_magic, 3);
	if (rc == E_OK)
		rc = put_base64(w, salt, sizeof(salt));
	if (rc == E_OK)
		rc = wr_u8(w, '|');
	if (rc == E_OK)
		rc = put_base64(w, mac, KH_HASH_LEN);
	wipe(mac, sizeof(mac));
	return rc;
}

int kh_format_line(struct wr *w, const char *host, unsigned port, const struct key *k, int hashed)
{
	uint8_t blob[KEY_MAX_PUB_BLOB];
	char name[KH_NAME_CAP];
	const char *type = key_type_name(k->type);
	struct wr bw;
	size_t len;
	int rc;

	if (!type || !host || !host_writable(host) || lookup_name(host, port, name, &len) != E_OK)
		return E_ARG;
	wr_init(&bw, blob, sizeof(blob));
	rc = key_put_public(k, &bw);
	if (rc != E_OK)
		return rc;
	rc = hashed ? put_hashed(w, name, len) : wr_bytes(w, name, len);
	if (rc != E_OK)
		return rc;
	wr_u8(w, ' ');
	wr_bytes(w, type, strlen(type));
	wr_u8(w, ' ');
	put_base64(w, blob, bw.len);
	return wr_u8(w, 0);
}

/* ---- Files ---------------------------------------------------------------- */

static int fail_why(const char **why, const char *reason, int rc)
{
	if (why)
		*why = reason;
	return rc;
}

/* Reads exactly n bytes (or to end of file) of fd into buf; *got gets the
 * count. */
static int read_full(int fd, char *buf, size_t n, size_t *got)
{
	size_t off = 0;

	while (off < n) {
		ssize_t r = read(fd, buf + off, n - off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return E_IO;
		if (r == 0)
			break;
		off += (size_t)r;
	}
	*got = off;
	return E_OK;
}

/* Reads the regular file open at fd, at most SHREW_MAX_KNOWNHOSTS_FILE
 * bytes, into a new buffer. */
static int read_fd(int fd, char **buf, size_t *n, const char **why)
{
	struct stat st;
	int rc;

	if (fstat(fd, &st) != 0)
		return fail_why(why, "cannot stat the file", E_IO);
	if (!S_ISREG(st.st_mode))
		return fail_why(why, "not a regular file", E_FORMAT);
	if (st.st_size > SHREW_MAX_KNOWNHOSTS_FILE)
		return fail_why(why, "file too big for a known_hosts file", E_TOOBIG);
	*buf = malloc((size_t)st.st_size + 1);
	if (!*buf)
		return fail_why(why, "out of memory", E_NOMEM);
	rc = read_full(fd, *buf, (size_t)st.st_size, n);
	if (rc != E_OK) {
		free(*buf);
		*buf = NULL;
		return fail_why(why, "read error", rc);
	}
	(*buf)[*n] = 0;
	return E_OK;
}

int kh_load(const char *path, char **buf, size_t *n, const char **why)
{
	int fd, rc, e;

	*buf = NULL;
	*n = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return fail_why(why, errno == ENOENT ? "no such file" : "cannot open", E_IO);
	rc = read_fd(fd, buf, n, why);
	e = errno;
	close(fd);
	errno = e;
	return rc;
}

/* Creates the directory holding path (one level, mode 0700) if missing. */
static int make_parent(const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;

	if (n == 0)
		return E_OK;
	if (n >= sizeof(dir)) {
		errno = ENAMETOOLONG;
		return E_IO;
	}
	memcpy(dir, path, n);
	dir[n] = 0;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return E_IO;
	return E_OK;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return E_IO;
		p += w;
		n -= (size_t)w;
	}
	return E_OK;
}

/* Writes [\n]line\n to the open file in one write, then fsyncs it. */
static int append_fd(int fd, const char *line, size_t n)
{
	char buf[SHREW_MAX_KNOWNHOSTS_LINE + 2];
	struct stat st;
	size_t o = 0;
	char last;

	if (fstat(fd, &st) != 0)
		return E_IO;
	if (!S_ISREG(st.st_mode))
		return E_FORMAT;
	if (st.st_size > 0 && (pread(fd, &last, 1, st.st_size - 1) != 1 || last != '\n'))
		buf[o++] = '\n';
	memcpy(buf + o, line, n);
	buf[o + n] = '\n';
	if (write_all(fd, buf, o + n + 1) != E_OK || fsync(fd) != 0)
		return E_IO;
	return E_OK;
}

int kh_append(const char *path, const char *line)
{
	size_t n = strnlen(line, SHREW_MAX_KNOWNHOSTS_LINE + 1);
	int fd, rc, e;

	if (n > SHREW_MAX_KNOWNHOSTS_LINE)
		return E_TOOBIG;
	if (n == 0 || strchr(line, '\n') || strchr(line, '\r'))
		return E_ARG;
	if (make_parent(path) != E_OK)
		return E_IO;
	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0600);
	if (fd < 0)
		return E_IO;
	rc = append_fd(fd, line, n);
	e = errno;
	if (close(fd) != 0 && rc == E_OK) {
		rc = E_IO;
		e = errno;
	}
	errno = e;
	return rc;
}

#endif /* SHREW_CLIENT */
