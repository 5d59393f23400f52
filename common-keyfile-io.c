/*
 * common-keyfile-io.c - reading key files (bounded, wiped) and saving
 * files atomically: temporary file in the same directory, fsync, rename
 * (or link for no-clobber), fsync of the directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "options.h"
#include "common-err.h"
#include "common-random.h"
#include "common-wipe.h"
#include "common-keyfile.h"
#include "common-keyfile-int.h"

#define PATH_CAP 4096

/* ---- Loading ---------------------------------------------------------------- */

/* Reads up to cap bytes of fd into buf; *got gets the count.  E_IO on a
 * read error. */
static int read_all(int fd, uint8_t *buf, size_t cap, size_t *got)
{
	size_t n = 0;

	while (n < cap) {
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return E_IO;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*got = n;
	return E_OK;
}

/* Opens path for reading: a regular file no bigger than SHREW_MAX_KEYFILE. */
static int open_keyfile(const char *path, int *fd, const char **why)
{
	struct stat st;

	*fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (*fd < 0)
		return kf_fail(why, strerror(errno), E_IO);
	if (fstat(*fd, &st) != 0) {
		int e = errno;
		close(*fd);
		errno = e;
		return kf_fail(why, strerror(e), E_IO);
	}
	if (!S_ISREG(st.st_mode)) {
		close(*fd);
		return kf_fail(why, "not a regular file", E_FORMAT);
	}
	if (st.st_size > SHREW_MAX_KEYFILE) {
		close(*fd);
		return kf_fail(why, "file too big for a key file", E_TOOBIG);
	}
	return E_OK;
}

static int load(const char *path, struct key *k, char *comment, size_t comment_cap,
                const struct kf_pass *pass, const char **why)
{
	const char *dummy;
	uint8_t *buf;
	size_t got = 0;
	int fd, rc;

	if (!why)
		why = &dummy;
	memset(k, 0, sizeof(*k));
	if (comment && comment_cap)
		comment[0] = '\0';
	if ((rc = open_keyfile(path, &fd, why)) != E_OK)
		return rc;
	buf = malloc(SHREW_MAX_KEYFILE + 1);
	if (!buf) {
		close(fd);
		return kf_fail(why, "out of memory", E_NOMEM);
	}
	rc = read_all(fd, buf, SHREW_MAX_KEYFILE + 1, &got);
	if (rc != E_OK)
		kf_fail(why, strerror(errno), E_IO);
	else if (got > SHREW_MAX_KEYFILE)
		rc = kf_fail(why, "file too big for a key file", E_TOOBIG);
	else
		rc = kf_parse(buf, got, k, comment, comment_cap, pass, why);
	close(fd);
	wipe(buf, got);
	free(buf);
	return rc;
}

int keyfile_load_why(const char *path, struct key *k, char *comment, size_t comment_cap,
                     const char **why)
{
	return load(path, k, comment, comment_cap, NULL, why);
}

int keyfile_load_pass(const char *path, struct key *k, char *comment, size_t comment_cap,
                      const char *pass, size_t passlen, const char **why)
{
	struct kf_pass p;

	kf_pass_init(&p, pass, passlen);
	return load(path, k, comment, comment_cap, &p, why);
}

int keyfile_load(const char *path, struct key *k, char *comment, size_t comment_cap)
{
	return keyfile_load_why(path, k, comment, comment_cap, NULL);
}

/* ---- Saving ----------------------------------------------------------------- */

static int write_all(int fd, const uint8_t *p, size_t n)
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

/* Creates a new temporary file "PATH.tmpXXXXXXXX" (O_EXCL) beside path. */
static int make_temp(const char *path, mode_t mode, char *tmp, int *fd)
{
	uint32_t rnd;
	int tries;

	for (tries = 0; tries < 16; tries++) {
		if (random_bytes(&rnd, sizeof(rnd)) != E_OK)
			return E_IO;
		if (snprintf(tmp, PATH_CAP, "%s.tmp%08lx", path, (unsigned long)rnd) >= PATH_CAP) {
			errno = ENAMETOOLONG;
			return E_TOOBIG;
		}
		*fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
		if (*fd >= 0)
			return E_OK;
		if (errno != EEXIST)
			return E_IO;
	}
	return E_IO;
}

/* Writes the data into a new temporary file, fsynced and closed. */
static int write_temp(const char *path, const void *data, size_t n, mode_t mode, char *tmp)
{
	int fd, rc, e;

	if ((rc = make_temp(path, mode, tmp, &fd)) != E_OK)
		return rc;
	rc = write_all(fd, data, n);
	if (rc == E_OK && fsync(fd) != 0)
		rc = E_IO;
	e = errno;
	if (close(fd) != 0 && rc == E_OK) {
		rc = E_IO;
		e = errno;
	}
	if (rc != E_OK) {
		unlink(tmp);
		errno = e;
	}
	return rc;
}

/* fsyncs the directory holding path, so that the rename is durable. */
static int fsync_dir(const char *path)
{
	char dir[PATH_CAP];
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	int fd, rc = E_OK;

	if (!slash)
		strcpy(dir, ".");
	else if (n == 0)
		strcpy(dir, "/");
	else {
		memcpy(dir, path, n); /* n < strlen(path) < PATH_CAP */
		dir[n] = '\0';
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return E_IO;
	/* Some file systems cannot fsync a directory: nothing more to do. */
	if (fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP)
		rc = E_IO;
	close(fd);
	return rc;
}

/* Puts tmp at path without replacing a file there.  link(2) fails with
 * EEXIST atomically; file systems without hard links fall back to a
 * check then rename. */
static int commit_new(const char *tmp, const char *path)
{
	struct stat st;

	if (link(tmp, path) == 0) {
		unlink(tmp); /* a stale temporary name is harmless */
		return E_OK;
	}
	if (errno != EPERM && errno != ENOTSUP && errno != ENOSYS && errno != EMLINK)
		return E_IO;
	if (lstat(path, &st) == 0) {
		errno = EEXIST;
		return E_IO;
	}
	return rename(tmp, path) == 0 ? E_OK : E_IO;
}

static int save(const char *path, const void *data, size_t n, mode_t mode, int excl)
{
	char tmp[PATH_CAP];
	int rc, e;

	if (strlen(path) >= PATH_CAP - 16) {
		errno = ENAMETOOLONG;
		return E_TOOBIG;
	}
	if ((rc = write_temp(path, data, n, mode, tmp)) != E_OK)
		return rc;
	if (excl)
		rc = commit_new(tmp, path);
	else
		rc = rename(tmp, path) == 0 ? E_OK : E_IO;
	if (rc != E_OK) {
		e = errno;
		unlink(tmp);
		errno = e;
		return rc;
	}
	return fsync_dir(path);
}

int keyfile_save_atomic(const char *path, const void *data, size_t n, mode_t mode)
{
	return save(path, data, n, mode, 0);
}

int keyfile_save_new(const char *path, const void *data, size_t n, mode_t mode)
{
	return save(path, data, n, mode, 1);
}
