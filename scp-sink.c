/*
 * scp-sink.c - the receiving side of the scp protocol (scp -t on the far
 * end, or our end of a download): takes C/D/E/T lines and file data and
 * creates what they describe inside the target, never outside it.
 *
 * Names are plain names only (scp_parse_ctl), a D only with -r, an E only
 * inside a D, nesting at most SCP_MAX_DEPTH; for a client download the
 * top-level names must match the request (io->requested; CVE-2019-6111).
 * A file is exactly its announced size: a stream that ends early is fatal.
 */
#include "options.h"

#if SHREW_SCP

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "scp.h"

struct sink_times {
	int set;
	uint64_t mtime, atime;
};

static int sink_dir(struct scp_io *io, const char *target, int target_is_dir, int depth);

static int fatal(struct scp_io *io, const char *msg)
{
	scp_io_err(io, 1, "protocol error: %s", msg);
	return -1;
}

static void to_timespec(const struct sink_times *t, struct timespec ts[2])
{
	ts[0].tv_sec = (time_t)t->atime;
	ts[0].tv_nsec = 0;
	ts[1].tv_sec = (time_t)t->mtime;
	ts[1].tv_nsec = 0;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : EIO;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The file's bytes into fd (or dropped after a write error, in *werr). */
static int take_data(struct scp_io *io, int fd, uint64_t size, int *werr)
{
	unsigned char buf[SCP_CHUNK];
	uint64_t left = size;
	ssize_t r;

	while (left > 0) {
		size_t want = left < sizeof(buf) ? (size_t)left : sizeof(buf);
		r = scp_io_read_some(io, buf, want);
		if (r <= 0)
			return -1;
		if (!*werr)
			*werr = write_all(fd, buf, (size_t)r);
		left -= (uint64_t)r;
		scp_progress_add(io, (uint64_t)r);
	}
	return 0;
}

/* The file attributes after its data: size (an older, longer file is cut
 * to it), mode, times. */
static void finish_file(struct scp_io *io, int fd, const struct scp_ctl *c, int existed,
                        const struct sink_times *t, int *werr)
{
	struct timespec ts[2];
	struct stat st;

	if (!*werr && existed && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uint64_t)st.st_size > c->size && ftruncate(fd, (off_t)c->size) < 0)
		*werr = errno;
	if (io->preserve) {
		if (fchmod(fd, (mode_t)c->mode) < 0 && !*werr)
			*werr = errno;
		if (t->set) {
			to_timespec(t, ts);
			if (futimens(fd, ts) < 0 && !*werr)
				*werr = errno;
		}
	} else if (!existed && !(c->mode & S_IWUSR)) {
		(void)fchmod(fd, (mode_t)c->mode & ~io->umask);
	}
}

static int sink_file(struct scp_io *io, const char *np, const struct scp_ctl *c,
                     const struct sink_times *t)
{
	struct stat st;
	int existed = stat(np, &st) == 0, fd, werr = 0, r;

	fd = open(np, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY, (mode_t)(c->mode | S_IWUSR));
	if (fd < 0) {
		scp_io_err(io, 0, "%s: %s", np, strerror(errno));
		return 0;
	}
	if (scp_io_ok(io) < 0) {
		close(fd);
		return -1;
	}
	scp_progress_start(io, c->name, c->size);
	if (take_data(io, fd, c->size, &werr) < 0) {
		close(fd);
		scp_progress_end(io);
		return fatal(io, "lost connection (file shorter than announced)");
	}
	scp_progress_end(io);
	r = scp_io_reply(io);
	if (r == -2) {
		close(fd);
		return -1;
	}
	finish_file(io, fd, c, existed, t, &werr);
	if (close(fd) < 0 && !werr)
		werr = errno;
	if (werr) {
		scp_io_err(io, 0, "%s: %s", np, strerror(werr));
		return 0;
	}
	return scp_io_ok(io);
}

static int sink_subdir(struct scp_io *io, const char *np, const struct scp_ctl *c,
                       const struct sink_times *t, int depth)
{
	struct timespec ts[2];
	struct stat st;
	int created = 0;

	if (depth + 1 > SCP_MAX_DEPTH)
		return fatal(io, "directories nested too deep");
	if (stat(np, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			scp_io_err(io, 0, "%s: %s", np, strerror(ENOTDIR));
			return 0;
		}
	} else if (mkdir(np, (mode_t)(c->mode | S_IRWXU)) < 0) {
		scp_io_err(io, 0, "%s: %s", np, strerror(errno));
		return 0;
	} else {
		created = 1;
	}
	if (scp_io_ok(io) < 0 || sink_dir(io, np, 1, depth + 1) < 0)
		return -1;
	if (io->preserve || (created && (c->mode & S_IRWXU) != S_IRWXU))
		(void)chmod(np, (mode_t)(io->preserve ? c->mode : c->mode & ~io->umask));
	if (io->preserve && t->set) {
		to_timespec(t, ts);
		if (utimensat(AT_FDCWD, np, ts, 0) < 0)
			scp_io_err(io, 0, "%s: set times: %s", np, strerror(errno));
	}
	return 0;
}

/* A message line from the source (after its 1 or 2). */
static int peer_message(struct scp_io *io, unsigned char kind)
{
	char line[SCP_MAX_LINE];

	io->errors++;
	if (scp_io_line(io, line, sizeof(line)) < 0)
		return fatal(io, "lost connection");
	if (!io->remote)
		fprintf(stderr, "%s\n", scp_io_sanitize(line));
	return kind == 2 ? -1 : 0;
}

/* One C or D at depth, with the pending times. */
static int sink_entry(struct scp_io *io, const char *target, int target_is_dir, int depth,
                      const struct scp_ctl *c, const struct sink_times *t)
{
	char np[PATH_MAX];
	int n;

	if (c->type == SCP_CTL_DIR && !io->recursive)
		return fatal(io, "received a directory without -r");
	if (depth == 0 && io->requested && !scp_name_matches(io->requested, c->name))
		return fatal(io, "filename does not match request");
	if (target_is_dir)
		n = snprintf(np, sizeof(np), "%s%s%s", target,
		             target[0] && target[strlen(target) - 1] == '/' ? "" : "/", c->name);
	else
		n = snprintf(np, sizeof(np), "%s", target);
	if (n < 0 || (size_t)n >= sizeof(np))
		return fatal(io, "path too long");
	if (c->type == SCP_CTL_DIR)
		return sink_subdir(io, np, c, t, depth);
	return sink_file(io, np, c, t);
}

static int sink_dir(struct scp_io *io, const char *target, int target_is_dir, int depth)
{
	char line[SCP_MAX_LINE];
	struct sink_times t = {0, 0, 0};
	struct scp_ctl c;
	unsigned char first;

	for (;;) {
		if (scp_io_read(io, &first, 1) < 0)
			return depth == 0 ? 0 : fatal(io, "lost connection inside a directory");
		if (first == 1 || first == 2) {
			if (peer_message(io, first) < 0)
				return -1;
			continue;
		}
		line[0] = (char)first;
		if (first == '\n' || scp_io_line(io, line + 1, sizeof(line) - 1) < 0 ||
		    scp_parse_ctl(line, strlen(line), &c) < 0)
			return fatal(io, "unexpected filename or control line");
		if (c.type == SCP_CTL_TIME) {
			t.set = 1;
			t.mtime = c.mtime;
			t.atime = c.atime;
			if (scp_io_ok(io) < 0)
				return -1;
			continue;
		}
		if (c.type == SCP_CTL_END) {
			if (depth == 0)
				return fatal(io, "end of directory outside a directory");
			return scp_io_ok(io);
		}
		if (sink_entry(io, target, target_is_dir, depth, &c, &t) < 0)
			return -1;
		t.set = 0;
	}
}

int scp_sink(struct scp_io *io, const char *target, int target_is_dir)
{
	if (scp_io_ok(io) < 0)
		return -1;
	return sink_dir(io, target, target_is_dir, 0);
}

int scp_sink_target(struct scp_io *io, const char *target, int dir_expected)
{
	struct stat st;
	int is_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);

	if (dir_expected && !is_dir) {
		scp_io_err(io, 1, "%s: %s", target, strerror(ENOTDIR));
		return -1;
	}
	return scp_sink(io, target, is_dir);
}

#endif /* SHREW_SCP */
