/*
 * cli-agent.c - ssh-agent client (draft-miller-ssh-agent): frames,
 * REQUEST_IDENTITIES / IDENTITIES_ANSWER and SIGN_REQUEST / SIGN_RESPONSE
 * over the unix socket named by SSH_AUTH_SOCK (see cli-agent.h).
 */
#include "options.h"

#if SHREW_CLIENT

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "common-err.h"
#include "common-key.h"
#include "common-wipe.h"
#include "cli-agent.h"

/* ---- Pure builders and parsers --------------------------------------- */

int agent_build_list(struct wr *w)
{
	wr_u32(w, 1);
	return wr_u8(w, SSH_AGENTC_REQUEST_IDENTITIES);
}

int agent_build_sign(struct wr *w, const uint8_t *blob, size_t blob_len, const uint8_t *data,
                     size_t n, uint32_t flags)
{
	size_t at = w->len;

	if (blob_len > AGENT_MAX_FRAME || n > AGENT_MAX_FRAME)
		return E_TOOBIG;
	wr_u32(w, 0); /* patched below */
	wr_u8(w, SSH_AGENTC_SIGN_REQUEST);
	wr_string(w, blob, blob_len);
	wr_string(w, data, n);
	wr_u32(w, flags);
	if (w->err)
		return w->err;
	return wr_patch_u32(w, at, (uint32_t)(w->len - at - 4));
}

/* The type of a blob we can use, or KEY_NONE. */
static enum key_type usable_type(struct view blob)
{
	struct key k;
	enum key_type t;

	if (blob.len > KEY_MAX_PUB_BLOB || key_from_blob(&k, blob.p, blob.len) != E_OK)
		return KEY_NONE;
	t = k.type;
	key_free(&k);
	return t;
}

int agent_parse_list(const uint8_t *msg, size_t n, struct agent_ids *ids)
{
	struct view blob, comment;
	uint32_t count, i;
	uint8_t type = 0;
	struct rd r;

	ids->n = 0;
	rd_init(&r, msg, n);
	rd_u8(&r, &type);
	if (r.err == E_OK && type == SSH_AGENT_FAILURE)
		return rd_end(&r) == E_OK ? E_UNSUPPORTED : E_TRAILING;
	if (r.err == E_OK && type != SSH_AGENT_IDENTITIES_ANSWER)
		return E_FORMAT;
	if (rd_u32(&r, &count) != E_OK)
		return r.err;
	if (count > AGENT_MAX_ANNOUNCED)
		return E_TOOBIG;
	for (i = 0; i < count; i++) {
		rd_string(&r, AGENT_MAX_BLOB, &blob);
		if (rd_string(&r, AGENT_MAX_COMMENT, &comment) != E_OK)
			break;
		if (ids->n < AGENT_MAX_IDS) {
			enum key_type t = usable_type(blob);
			if (t != KEY_NONE) {
				ids->id[ids->n].blob = blob;
				ids->id[ids->n].comment = comment;
				ids->id[ids->n].type = t;
				ids->n++;
			}
		}
	}
	if (rd_end(&r) != E_OK) {
		ids->n = 0;
		return rd_end(&r);
	}
	return E_OK;
}

int agent_parse_sign(const uint8_t *msg, size_t n, struct view *sig)
{
	uint8_t type = 0;
	struct rd r;

	sig->p = NULL;
	sig->len = 0;
	rd_init(&r, msg, n);
	rd_u8(&r, &type);
	if (r.err == E_OK && type == SSH_AGENT_FAILURE)
		return rd_end(&r) == E_OK ? E_UNSUPPORTED : E_TRAILING;
	if (r.err == E_OK && type != SSH_AGENT_SIGN_RESPONSE)
		return E_FORMAT;
	rd_string(&r, KEY_MAX_SIG_BLOB, sig);
	if (rd_end(&r) != E_OK) {
		sig->p = NULL;
		sig->len = 0;
		return rd_end(&r);
	}
	return E_OK;
}

int agent_ids_has(const struct agent_ids *ids, const uint8_t *blob, size_t blob_len)
{
	size_t i;

	for (i = 0; i < ids->n && i < AGENT_MAX_IDS; i++)
		if (ids->id[i].blob.len == blob_len &&
		    memcmp(ids->id[i].blob.p, blob, blob_len) == 0)
			return 1;
	return 0;
}

/* ---- Socket I/O ------------------------------------------------------- */

int agent_connect(void)
{
	const char *path = getenv("SSH_AUTH_SOCK");
	struct sockaddr_un sa;
	int fd, flags;

	if (path == NULL || path[0] == '\0' || strlen(path) >= sizeof(sa.sun_path))
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		close(fd);
		return -1;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Waits until fd is ready for events; E_IO on timeout or error. */
static int wait_fd(int fd, short events)
{
	struct pollfd p;
	int rc;

	p.fd = fd;
	p.events = events;
	p.revents = 0;
	do {
		rc = poll(&p, 1, AGENT_TIMEOUT_MS);
	} while (rc < 0 && errno == EINTR);
	if (rc == 0)
		errno = ETIMEDOUT;
	return rc > 0 ? E_OK : E_IO;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
	while (n > 0) {
		ssize_t w;
		if (wait_fd(fd, POLLOUT) != E_OK)
			return E_IO;
		w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
			continue;
		if (w <= 0)
			return E_IO;
		p += w;
		n -= (size_t)w;
	}
	return E_OK;
}

static int read_all(int fd, uint8_t *p, size_t n)
{
	while (n > 0) {
		ssize_t r;
		if (wait_fd(fd, POLLIN) != E_OK)
			return E_IO;
		r = read(fd, p, n);
		if (r < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
			continue;
		if (r == 0)
			errno = ECONNRESET;
		if (r <= 0)
			return E_IO;
		p += r;
		n -= (size_t)r;
	}
	return E_OK;
}

/* Sends a whole frame and reads the answer frame's contents into a new
 * buffer (*out, *out_len; the caller frees it). */
static int transact(int fd, const uint8_t *req, size_t n, uint8_t **out, size_t *out_len)
{
	uint8_t hdr[4];
	uint32_t len;
	uint8_t *buf;
	int rc;

	*out = NULL;
	*out_len = 0;
	rc = write_all(fd, req, n);
	if (rc == E_OK)
		rc = read_all(fd, hdr, sizeof(hdr));
	if (rc != E_OK)
		return rc;
	len = (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 | (uint32_t)hdr[2] << 8 | hdr[3];
	if (len == 0)
		return E_SHORT;
	if (len > AGENT_MAX_FRAME)
		return E_TOOBIG;
	buf = malloc(len);
	if (buf == NULL)
		return E_NOMEM;
	rc = read_all(fd, buf, len);
	if (rc != E_OK) {
		free(buf);
		return rc;
	}
	*out = buf;
	*out_len = len;
	return E_OK;
}

int agent_list(int fd, struct agent_ids *ids)
{
	uint8_t req[8], *ans;
	size_t n;
	struct wr w;
	int rc;

	ids->buf = NULL;
	ids->n = 0;
	wr_init(&w, req, sizeof(req));
	rc = agent_build_list(&w);
	if (rc == E_OK)
		rc = transact(fd, req, w.len, &ans, &n);
	if (rc != E_OK)
		return rc;
	rc = agent_parse_list(ans, n, ids);
	if (rc != E_OK) {
		free(ans);
		ids->n = 0;
		return rc;
	}
	ids->buf = ans;
	return E_OK;
}

void agent_ids_free(struct agent_ids *ids)
{
	free(ids->buf);
	ids->buf = NULL;
	ids->n = 0;
}

int agent_sign(int fd, const uint8_t *blob, size_t blob_len, const uint8_t *data, size_t n,
               uint32_t flags, uint8_t *sig, size_t cap, size_t *sig_len)
{
	size_t req_cap, ans_len = 0;
	uint8_t *req, *ans = NULL;
	struct view v;
	struct wr w;
	int rc;

	*sig_len = 0;
	if (blob_len > AGENT_MAX_FRAME / 2 || n > AGENT_MAX_FRAME / 2)
		return E_TOOBIG;
	req_cap = blob_len + n + 32;
	req = malloc(req_cap);
	if (req == NULL)
		return E_NOMEM;
	wr_init(&w, req, req_cap);
	rc = agent_build_sign(&w, blob, blob_len, data, n, flags);
	if (rc == E_OK)
		rc = transact(fd, req, w.len, &ans, &ans_len);
	wipe(req, req_cap);
	free(req);
	if (rc == E_OK)
		rc = agent_parse_sign(ans, ans_len, &v);
	if (rc == E_OK && v.len > cap)
		rc = E_TOOBIG;
	if (rc == E_OK) {
		memcpy(sig, v.p, v.len);
		*sig_len = v.len;
	}
	free(ans);
	return rc;
}

#endif /* SHREW_CLIENT */
