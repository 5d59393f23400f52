/*
 * cli-prompt.c - asking the user for passwords, passphrases and answers:
 * /dev/tty (with or without echo) or the SSH_ASKPASS program; BatchMode
 * asks nobody (see cli-prompt.h for the rules).
 */
#include "options.h"

#if SHREW_CLIENT

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "common-err.h"
#include "common-tty.h"
#include "common-wipe.h"
#include "cli-opts.h"
#include "cli-prompt.h"

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

/* Reads one line byte by byte from fd into buf (at most cap - 1 bytes
 * kept, the rest dropped).  *eof is set when input ended before '\n'. */
static int read_line_fd(int fd, char *buf, size_t cap, size_t *len, int *eof)
{
	size_t n = 0, total = 0;
	int over = 0;
	char c;

	*eof = 0;
	for (;;) {
		ssize_t r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return E_IO;
		if (r == 0) {
			*eof = 1;
			break;
		}
		if (c == '\n' || ++total > CLI_PROMPT_MAX_OUTPUT)
			break;
		if (n + 1 < cap)
			buf[n++] = c;
		else
			over = 1;
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	*len = n;
	return over ? E_TOOBIG : E_OK;
}

int cli_prompt_line(const char *prompt, char *buf, size_t cap, size_t *len)
{
	int fd, rc, eof = 0;

	*len = 0;
	if (cap == 0)
		return E_TOOBIG;
	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return E_IO;
	rc = write_str(fd, prompt);
	if (rc == E_OK)
		rc = read_line_fd(fd, buf, cap, len, &eof);
	if (rc == E_OK && eof && *len == 0)
		rc = E_ARG;
	if (rc == E_OK && eof)
		write_str(fd, "\n");
	if (rc != E_OK) {
		wipe(buf, cap);
		*len = 0;
	}
	close(fd);
	return rc;
}

/* The child: stdout to the pipe, then exec askpass (no shell). */
static void askpass_child(int out, const char *askpass, const char *prompt)
{
	char *argv[3];

	if (out != STDOUT_FILENO) {
		if (dup2(out, STDOUT_FILENO) < 0)
			_exit(127);
		close(out);
	} else if (fcntl(out, F_SETFD, 0) != 0) {
		_exit(127);
	}
	signal(SIGPIPE, SIG_DFL);
	argv[0] = (char *)askpass;
	argv[1] = (char *)prompt;
	argv[2] = NULL;
	execvp(askpass, argv);
	_exit(127);
}

/* Waits for pid; 1 if it exited with status 0 (or was reaped elsewhere,
 * so its status is unknown), else 0. */
static int child_ok(pid_t pid)
{
	int status = 0;
	pid_t r;

	do {
		r = waitpid(pid, &status, 0);
	} while (r < 0 && errno == EINTR);
	if (r < 0)
		return errno == ECHILD;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int cli_prompt_askpass(const char *askpass, const char *prompt, char *buf, size_t cap, size_t *len)
{
	int p[2], rc, eof = 0;
	pid_t pid;

	*len = 0;
	if (cap == 0)
		return E_TOOBIG;
	if (pipe2(p, O_CLOEXEC) != 0)
		return E_IO;
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return E_IO;
	}
	if (pid == 0) {
		close(p[0]);
		askpass_child(p[1], askpass, prompt);
	}
	close(p[1]);
	rc = read_line_fd(p[0], buf, cap, len, &eof);
	close(p[0]);
	if (!child_ok(pid))
		rc = E_ARG;
	if (rc != E_OK) {
		wipe(buf, cap);
		*len = 0;
	}
	return rc;
}

/* The askpass program to use in place of the terminal (tty: a terminal
 * is there), or NULL. */
static const char *askpass_choice(int tty)
{
	const char *prog = getenv("SSH_ASKPASS"), *req = getenv("SSH_ASKPASS_REQUIRE");
	const char *display = getenv("DISPLAY");
	int has_display = display != NULL && display[0] != '\0';

	if (prog == NULL || prog[0] == '\0' || (req != NULL && strcmp(req, "never") == 0))
		return NULL;
	if (req != NULL && strcmp(req, "force") == 0)
		return prog;
	if (!has_display)
		return NULL;
	if (req != NULL && strcmp(req, "prefer") == 0)
		return prog;
	return tty ? NULL : prog;
}

/* 1 if /dev/tty can be opened. */
static int have_tty(void)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

int cli_prompt(const struct cli_opts *o, const char *prompt, int echo, char *buf, size_t cap,
               size_t *len)
{
	const char *askpass;
	int tty;

	*len = 0;
	if (cap > 0)
		buf[0] = '\0';
	if (o->batch)
		return E_AUTH;
	tty = have_tty();
	askpass = askpass_choice(tty);
	if (askpass != NULL)
		return cli_prompt_askpass(askpass, prompt, buf, cap, len);
	if (!tty) {
		errno = ENXIO;
		return E_IO;
	}
	if (echo)
		return cli_prompt_line(prompt, buf, cap, len);
	return tty_read_secret(prompt, buf, cap, len);
}

#endif /* SHREW_CLIENT */
