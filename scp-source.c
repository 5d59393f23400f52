/*
 * scp-source.c - the sending side of the scp protocol (scp -f on the far
 * end, or our end of an upload): T (with -p), C and the file data, or D
 * ... E for directories with -r.  A file that cannot be read is reported
 * to the sink with a 1 line and the transfer goes on.
 */
#include "options.h"

#if SHREW_SCP

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scp.h"

static int send_path(struct scp_io *io, const char *path, int depth);

/* The reply to what we just sent: 0 go on, 1 skip this one, -1 fatal. */
static int reply(struct scp_io *io)
{
	int r = scp_io_reply(io);

	return r == 0 ? 0 : r == -1 ? 1 : -1;
}

static int send_line(struct scp_io *io, const char *line)
{
	if (scp_io_write(io, line, strlen(line)) < 0)
		return -1;
	return reply(io);
}

static int send_times(struct scp_io *io, const struct stat *st)
{
	char line[64];

	if (!io->preserve)
		return 0;
	snprintf(line, sizeof(line), "T%llu 0 %llu 0\n",
	         (unsigned long long)(st->st_mtime < 0 ? 0 : st->st_mtime),
	         (unsigned long long)(st->st_atime < 0 ? 0 : st->st_atime));
	return send_line(io, line);
}

/* The last component of path, trailing '/' ignored, into name. */
static void base_name(const char *path, char *name, size_t cap)
{
	size_t n = strlen(path);
	const char *s;

	while (n > 1 && path[n - 1] == '/')
		n--;
	s = path + n;
	while (s > path && s[-1] != '/')
		s--;
	n -= (size_t)(s - path);
	if (n >= cap)
		n = cap - 1;
	memcpy(name, s, n);
	name[n] = '\0';
}

/* The data of a regular file; what cannot be read is sent as zeros and
 * reported afterwards in the status byte. */
static int send_data(struct scp_io *io, int fd, const char *path, uint64_t size)
{
	unsigned char buf[SCP_CHUNK];
	uint64_t off = 0;
	int rerr = 0;
	ssize_t r;

	while (off < size) {
		size_t want = size - off < sizeof(buf) ? (size_t)(size - off) : sizeof(buf);
		r = rerr ? 0 : read(fd, buf, want);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			rerr = r < 0 ? errno : EIO;
			memset(buf, 0, want);
			r = (ssize_t)want;
		}
		if (scp_io_write(io, buf, (size_t)r) < 0)
			return -1;
		off += (uint64_t)r;
		scp_progress_add(io, (uint64_t)r);
	}
	scp_progress_end(io);
	if (rerr)
		scp_io_err(io, 0, "%s: %s", path, strerror(rerr));
	else if (scp_io_ok(io) < 0)
		return -1;
	return reply(io) < 0 ? -1 : 0;
}

static int send_file(struct scp_io *io, int fd, const char *path, const char *name,
                     const struct stat *st)
{
	char line[SCP_MAX_LINE + 64];
	int r = send_times(io, st);

	if (r != 0)
		return r < 0 ? -1 : 0;
	snprintf(line, sizeof(line), "C%04o %llu %s\n", (unsigned)(st->st_mode & 07777),
	         (unsigned long long)st->st_size, name);
	r = send_line(io, line);
	if (r != 0)
		return r < 0 ? -1 : 0;
	scp_progress_start(io, name, (uint64_t)st->st_size);
	return send_data(io, fd, path, (uint64_t)st->st_size);
}

static int send_dir(struct scp_io *io, int fd, const char *path, const char *name,
                    const struct stat *st, int depth)
{
	char line[SCP_MAX_LINE + 64], child[PATH_MAX];
	struct dirent *e;
	DIR *d;
	int r = send_times(io, st), n;

	if (r != 0)
		return r < 0 ? -1 : 0;
	d = fdopendir(fd);
	if (!d) {
		scp_io_err(io, 0, "%s: %s", path, strerror(errno));
		return 0;
	}
	snprintf(line, sizeof(line), "D%04o 0 %s\n", (unsigned)(st->st_mode & 07777), name);
	r = send_line(io, line);
	while (r == 0 && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n = snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
		if (n < 0 || (size_t)n >= sizeof(child)) {
			scp_io_err(io, 0, "%s/%s: name too long", path, e->d_name);
			continue;
		}
		r = send_path(io, child, depth + 1) < 0 ? -1 : 0;
	}
	closedir(d);
	if (r != 0)
		return r < 0 ? -1 : 0;
	return send_line(io, "E\n") < 0 ? -1 : 0;
}

static int send_path(struct scp_io *io, const char *path, int depth)
{
	char name[SCP_MAX_LINE];
	struct stat st;
	int fd, r;

	base_name(path, name, sizeof(name));
	if (!scp_name_ok(name)) {
		scp_io_err(io, 0, "%s: unexpected filename", path);
		return 0;
	}
	fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) < 0) {
		scp_io_err(io, 0, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 0;
	}
	if (S_ISDIR(st.st_mode) && io->recursive && depth >= SCP_MAX_DEPTH) {
		scp_io_err(io, 0, "%s: directories nested too deep", path);
		close(fd);
		return 0;
	}
	if (S_ISDIR(st.st_mode) && io->recursive)
		return send_dir(io, fd, path, name, &st, depth);
	if (!S_ISREG(st.st_mode)) {
		scp_io_err(io, 0, "%s: not a regular file", path);
		close(fd);
		return 0;
	}
	(void)fcntl(fd, F_SETFL, 0);
	r = send_file(io, fd, path, name, &st);
	close(fd);
	return r;
}

int scp_source(struct scp_io *io, char *const *paths, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (send_path(io, paths[i], 0) < 0)
			return -1;
	return 0;
}

#endif /* SHREW_SCP */
