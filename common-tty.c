/*
 * common-tty.c - reading a secret from /dev/tty without echo.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "options.h"
#include "common-err.h"
#include "common-wipe.h"
#include "common-tty.h"

static int write_str(int fd, const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return E_IO;
		s += w;
		n -= (size_t)w;
	}
	return E_OK;
}

/* Drops the last character of buf[0..*n): a whole UTF-8 sequence. */
static void erase_char(char *buf, size_t *n)
{
	while (*n > 0 && ((unsigned char)buf[*n - 1] & 0xc0) == 0x80)
		buf[--*n] = '\0';
	if (*n > 0)
		buf[--*n] = '\0';
}

/* 1 if c is the terminal's special character cc (not a disabled one). */
static int is_key(unsigned char c, cc_t cc)
{
	return cc != _POSIX_VDISABLE && c == cc;
}

/* The line-reading loop over a raw (no echo, no canonical mode, no
 * signals) terminal. */
static int read_line(int fd, const struct termios *cooked, char *buf, size_t cap, size_t *len)
{
	size_t n = 0;
	int over = 0;
	unsigned char c;

	for (;;) {
		ssize_t r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return E_IO;
		if (c == '\n' || c == '\r')
			break;
		if (is_key(c, cooked->c_cc[VINTR]) || (is_key(c, cooked->c_cc[VEOF]) && n == 0))
			return E_ARG;
		if (is_key(c, cooked->c_cc[VERASE]) || c == 0x7f || c == 0x08) {
			erase_char(buf, &n);
		} else if (is_key(c, cooked->c_cc[VKILL])) {
			wipe(buf, n);
			n = 0;
		} else if (n + 1 < cap) {
			buf[n++] = (char)c;
		} else {
			over = 1;
		}
	}
	buf[n] = '\0';
	*len = n;
	return over ? E_TOOBIG : E_OK;
}

int tty_read_secret(const char *prompt, char *buf, size_t cap, size_t *len)
{
	struct termios cooked, raw;
	int fd, rc, e;

	*len = 0;
	if (cap == 0)
		return E_TOOBIG;
	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return E_IO;
	if (tcgetattr(fd, &cooked) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return E_IO;
	}
	raw = cooked;
	raw.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	/* echo off before the prompt shows: an answer typed ahead of it
	 * must not be echoed either */
	rc = tcsetattr(fd, TCSANOW, &raw) == 0 ? E_OK : E_IO;
	if (rc == E_OK) {
		rc = write_str(fd, prompt);
		if (rc == E_OK)
			rc = read_line(fd, &cooked, buf, cap, len);
		e = errno;
		tcsetattr(fd, TCSANOW, &cooked);
		write_str(fd, "\n");
		errno = e;
	}
	if (rc != E_OK) {
		wipe(buf, cap);
		*len = 0;
	}
	close(fd);
	return rc;
}
