/*
 * scp-io.c - the scp applet's protocol stream: buffered reads from the
 * peer, whole writes, the 0 / 1 / 2 replies and error reports.
 */
#include "options.h"

#if SHREW_SCP

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scp.h"

char *scp_io_sanitize(char *s)
{
	char *q;

	for (q = s; *q; q++)
		if ((unsigned char)*q < ' ' || *q == 0x7f)
			*q = '?';
	return s;
}

void scp_io_init(struct scp_io *io, int in, int out)
{
	memset(io, 0, offsetof(struct scp_io, rbuf));
	io->in = in;
	io->out = out;
	io->umask = umask(022);
	umask(io->umask);
	io->rpos = io->rlen = 0;
	io->lim_bytes = 0;
	io->lim_start_ns = 0;
}

static int fill(struct scp_io *io)
{
	ssize_t r;

	do {
		r = read(io->in, io->rbuf, sizeof(io->rbuf));
	} while (r < 0 && errno == EINTR);
	if (r <= 0)
		return (int)r;
	io->rpos = 0;
	io->rlen = (size_t)r;
	return 1;
}

ssize_t scp_io_read_some(struct scp_io *io, void *buf, size_t n)
{
	size_t k;
	int r;

	if (io->rpos == io->rlen) {
		r = fill(io);
		if (r <= 0)
			return r;
	}
	k = io->rlen - io->rpos;
	if (k > n)
		k = n;
	memcpy(buf, io->rbuf + io->rpos, k);
	io->rpos += k;
	return (ssize_t)k;
}

int scp_io_read(struct scp_io *io, void *buf, size_t n)
{
	unsigned char *p = buf;
	ssize_t r;

	while (n > 0) {
		r = scp_io_read_some(io, p, n);
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

int scp_io_line(struct scp_io *io, char *buf, size_t cap)
{
	size_t n = 0;
	char c;

	for (;;) {
		if (scp_io_read(io, &c, 1) < 0)
			return -1;
		if (c == '\n')
			break;
		if (n + 1 >= cap)
			return -1;
		buf[n++] = c;
	}
	buf[n] = '\0';
	return (int)n;
}

int scp_io_write(struct scp_io *io, const void *buf, size_t n)
{
	const unsigned char *p = buf;
	ssize_t w;

	while (n > 0) {
		w = write(io->out, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int scp_io_ok(struct scp_io *io)
{
	return scp_io_write(io, "", 1);
}

void scp_io_err(struct scp_io *io, int fatal, const char *fmt, ...)
{
	char msg[SCP_MAX_LINE], line[SCP_MAX_LINE + 8];
	va_list ap;
	int n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	scp_io_sanitize(msg);
	io->errors++;
	n = snprintf(line, sizeof(line), "%cscp: %s\n", fatal ? 2 : 1, msg);
	if (n > 0 && (size_t)n < sizeof(line))
		(void)scp_io_write(io, line, (size_t)n);
	if (!io->remote)
		fprintf(stderr, "scp: %s\n", msg);
}

int scp_io_reply(struct scp_io *io)
{
	char line[SCP_MAX_LINE];
	unsigned char c;

	if (scp_io_read(io, &c, 1) < 0) {
		if (!io->remote)
			fprintf(stderr, "scp: lost connection\n");
		io->errors++;
		return -2;
	}
	if (c == 0)
		return 0;
	io->errors++;
	if ((c != 1 && c != 2) || scp_io_line(io, line, sizeof(line)) < 0) {
		if (!io->remote)
			fprintf(stderr, "scp: protocol error: unexpected reply\n");
		return -2;
	}
	if (!io->remote)
		fprintf(stderr, "%s\n", scp_io_sanitize(line));
	return c == 1 ? -1 : -2;
}

#endif /* SHREW_SCP */
