/*
 * cli-tty.c - the client's terminal (see cli-tty.h): raw mode and its
 * restore, the saved O_NONBLOCK flags of stdin/stdout/stderr, the window
 * size, the RFC 4254 8 terminal-mode encoder, the escape filter and the
 * RFC 4254 signal names.
 */
#include "options.h"

#if SHREW_CLIENT

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "common-err.h"
#include "common-wr.h"
#include "cli-session.h"
#include "cli-tty.h"

/* ---- Saved state: statics, for restores without a session ------------- */

static struct termios saved_tio;
static int raw_fd = -1;    /* the terminal in raw mode, -1: none */
static int resume_fd = -1; /* raw before the last restore */
static int saved_fds[3], saved_fl[3], n_saved;
static int fl_changed; /* O_NONBLOCK may differ from the saved flags */

void cli_tty_save_fd_flags(const int *fds, int n)
{
	int i;

	n_saved = 0;
	for (i = 0; i < n && i < 3; i++) {
		saved_fds[n_saved] = fds[i];
		saved_fl[n_saved] = fcntl(fds[i], F_GETFL);
		if (saved_fl[n_saved] >= 0)
			n_saved++;
	}
	fl_changed = 1;
}

/* Safe in a signal handler and atexit: tcsetattr and fcntl only. */
void cli_tty_restore(void)
{
	int i;

	if (raw_fd >= 0) {
		tcsetattr(raw_fd, TCSADRAIN, &saved_tio);
		resume_fd = raw_fd;
		raw_fd = -1;
	}
	if (fl_changed) {
		for (i = 0; i < n_saved; i++)
			fcntl(saved_fds[i], F_SETFL, saved_fl[i]);
		fl_changed = 0;
	}
}

static int set_raw(int fd)
{
	struct termios t = saved_tio;

	t.c_iflag |= IGNPAR;
	t.c_iflag &= ~(tcflag_t)(ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXANY | IXOFF);
#ifdef IUCLC
	t.c_iflag &= ~(tcflag_t)IUCLC;
#endif
	t.c_lflag &= ~(tcflag_t)(ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHONL | IEXTEN);
	t.c_oflag &= ~(tcflag_t)OPOST;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSADRAIN, &t) != 0)
		return E_IO;
	raw_fd = fd;
	return E_OK;
}

int cli_tty_raw(int fd)
{
	if (raw_fd >= 0)
		return E_OK;
	if (tcgetattr(fd, &saved_tio) != 0)
		return E_IO;
	return set_raw(fd);
}

void cli_tty_resume(void)
{
	int i;

	if (resume_fd >= 0 && raw_fd < 0)
		set_raw(resume_fd);
	for (i = 0; i < n_saved; i++)
		fcntl(saved_fds[i], F_SETFL, saved_fl[i] | O_NONBLOCK);
	fl_changed = 1;
}

void cli_tty_leave_raw(void)
{
	if (raw_fd >= 0)
		tcsetattr(raw_fd, TCSADRAIN, &saved_tio);
	raw_fd = resume_fd = -1;
}

int cli_tty_is_raw(void)
{
	return raw_fd >= 0;
}

int cli_tty_winsize(int fd, uint32_t v[4])
{
	struct winsize ws;

	v[0] = v[1] = v[2] = v[3] = 0;
	if (ioctl(fd, TIOCGWINSZ, &ws) != 0)
		return 0;
	v[0] = ws.ws_col;
	v[1] = ws.ws_row;
	v[2] = ws.ws_xpixel;
	v[3] = ws.ws_ypixel;
	return 1;
}

/* ---- Terminal modes (RFC 4254 8) --------------------------------------- */

#define TTY_OP_END 0
#define TTY_OP_ISPEED 128
#define TTY_OP_OSPEED 129

enum { K_CC, K_I, K_L, K_O, K_C };

static const struct {
	uint8_t op;
	uint8_t kind;
	tcflag_t v; /* a flag, or the c_cc index */
} tty_modes[] = {
    {1, K_CC, VINTR},   {2, K_CC, VQUIT},     {3, K_CC, VERASE},    {4, K_CC, VKILL},
    {5, K_CC, VEOF},    {6, K_CC, VEOL},      {7, K_CC, VEOL2},     {8, K_CC, VSTART},
    {9, K_CC, VSTOP},   {10, K_CC, VSUSP},    {12, K_CC, VREPRINT}, {13, K_CC, VWERASE},
    {14, K_CC, VLNEXT}, {18, K_CC, VDISCARD}, {30, K_I, IGNPAR},    {31, K_I, PARMRK},
    {32, K_I, INPCK},   {33, K_I, ISTRIP},    {34, K_I, INLCR},     {35, K_I, IGNCR},
    {36, K_I, ICRNL},
#ifdef IUCLC
    {37, K_I, IUCLC},
#endif
    {38, K_I, IXON},    {39, K_I, IXANY},     {40, K_I, IXOFF},
#ifdef IMAXBEL
    {41, K_I, IMAXBEL},
#endif
#ifdef IUTF8
    {42, K_I, IUTF8}, /* RFC 8160 */
#endif
    {50, K_L, ISIG},    {51, K_L, ICANON},
#ifdef XCASE
    {52, K_L, XCASE},
#endif
    {53, K_L, ECHO},    {54, K_L, ECHOE},     {55, K_L, ECHOK},     {56, K_L, ECHONL},
    {57, K_L, NOFLSH},  {58, K_L, TOSTOP},    {59, K_L, IEXTEN},
#ifdef ECHOCTL
    {60, K_L, ECHOCTL},
#endif
#ifdef ECHOKE
    {61, K_L, ECHOKE},
#endif
#ifdef PENDIN
    {62, K_L, PENDIN},
#endif
    {70, K_O, OPOST},
#ifdef OLCUC
    {71, K_O, OLCUC},
#endif
    {72, K_O, ONLCR},   {73, K_O, OCRNL},     {74, K_O, ONOCR},     {75, K_O, ONLRET},
    {90, K_C, CS7},     {91, K_C, CS8},       {92, K_C, PARENB},    {93, K_C, PARODD},
};

static const struct {
	speed_t sp;
	uint32_t bps;
} tty_speeds[] = {
    {B50, 50},       {B75, 75},         {B110, 110},       {B134, 134},     {B150, 150},
    {B200, 200},     {B300, 300},       {B600, 600},       {B1200, 1200},   {B1800, 1800},
    {B2400, 2400},   {B4800, 4800},     {B9600, 9600},     {B19200, 19200}, {B38400, 38400},
    {B57600, 57600}, {B115200, 115200}, {B230400, 230400},
};

static uint32_t mode_value(const struct termios *t, size_t i)
{
	tcflag_t v = tty_modes[i].v;

	switch (tty_modes[i].kind) {
	case K_CC: return t->c_cc[v] == _POSIX_VDISABLE ? 255 : t->c_cc[v];
	case K_I: return (t->c_iflag & v) != 0;
	case K_L: return (t->c_lflag & v) != 0;
	case K_O: return (t->c_oflag & v) != 0;
	default:
		if (v == CS7 || v == CS8)
			return (t->c_cflag & CSIZE) == v;
		return (t->c_cflag & v) != 0;
	}
}

static void put_speed(struct wr *w, uint8_t op, speed_t sp)
{
	size_t i;

	for (i = 0; i < sizeof(tty_speeds) / sizeof(tty_speeds[0]); i++) {
		if (tty_speeds[i].sp == sp) {
			wr_u8(w, op);
			wr_u32(w, tty_speeds[i].bps);
			return;
		}
	}
}

size_t cli_tty_encode_modes(const struct termios *t, uint8_t *buf, size_t cap)
{
	struct wr w;
	size_t i;

	wr_init(&w, buf, cap);
	put_speed(&w, TTY_OP_ISPEED, cfgetispeed(t));
	put_speed(&w, TTY_OP_OSPEED, cfgetospeed(t));
	for (i = 0; i < sizeof(tty_modes) / sizeof(tty_modes[0]); i++) {
		wr_u8(&w, tty_modes[i].op);
		wr_u32(&w, mode_value(t, i));
	}
	wr_u8(&w, TTY_OP_END);
	return w.err == E_OK ? w.len : 0;
}

/* ---- Escapes ------------------------------------------------------------ */

void esc_init(struct esc_state *st, int esc)
{
	st->esc = esc;
	st->line_start = 1;
	st->held = 0;
}

/* The action of "~ch", or -1 when ch is no command. */
static int esc_command(uint8_t ch)
{
	switch (ch) {
	case '.': return ESC_ACT_DISCONNECT;
	case 'Z' - '@': return ESC_ACT_SUSPEND;
	case '?': return ESC_ACT_HELP;
	default: return -1;
	}
}

static int is_eol(uint8_t ch)
{
	return ch == '\r' || ch == '\n';
}

/* The byte after a held escape character: a command (acted on, both
 * dropped), the escape character again (one sent), or anything else
 * (both sent).  Writes at buf[*k]; returns the actions. */
static int after_held(struct esc_state *st, uint8_t ch, uint8_t *buf, size_t *k)
{
	int a = esc_command(ch);

	st->held = 0;
	if (a >= 0) {
		st->line_start = 1;
		return a;
	}
	if (ch != (uint8_t)st->esc)
		buf[(*k)++] = (uint8_t)st->esc;
	buf[(*k)++] = ch;
	st->line_start = is_eol(ch);
	return 0;
}

size_t esc_filter(struct esc_state *st, uint8_t *buf, size_t n, int *action)
{
	size_t i = 0, k = 0;
	uint8_t ch;

	*action = 0;
	if (st->esc < 0)
		return n;
	if (st->held && n > 0) {
		/* held from the last read: make room for it in front */
		memmove(buf + 1, buf, n);
		n++;
		i = 1;
	}
	for (; i < n; i++) {
		ch = buf[i];
		if (st->held) {
			/* k < i here: the held byte was not written */
			*action |= after_held(st, ch, buf, &k);
		} else if (st->line_start && ch == (uint8_t)st->esc) {
			st->held = 1;
		} else {
			buf[k++] = ch;
			st->line_start = is_eol(ch);
		}
	}
	return k;
}

size_t esc_help(int esc, char *buf, size_t cap)
{
	int n;
	char e = (char)esc;

	n = snprintf(buf, cap,
	             "%c?\r\nSupported escape sequences:\r\n"
	             " %c.   - terminate connection\r\n"
	             " %c^Z  - suspend shrew\r\n"
	             " %c?   - this message\r\n"
	             " %c%c   - send the escape character by typing it twice\r\n"
	             "(Note that escapes are only recognized immediately after newline.)\r\n",
	             e, e, e, e, e, e);
	if (n < 0 || cap == 0)
		return 0;
	return (size_t)n < cap ? (size_t)n : cap - 1;
}

/* ---- Signal names (RFC 4254 6.10) ------------------------------------- */

int cli_signal_number(struct view name)
{
	static const struct {
		const char *name;
		int sig;
	} sigs[] = {
	    {"ABRT", SIGABRT}, {"ALRM", SIGALRM}, {"FPE", SIGFPE},   {"HUP", SIGHUP},
	    {"ILL", SIGILL},   {"INT", SIGINT},   {"KILL", SIGKILL}, {"PIPE", SIGPIPE},
	    {"QUIT", SIGQUIT}, {"SEGV", SIGSEGV}, {"TERM", SIGTERM}, {"USR1", SIGUSR1},
	    {"USR2", SIGUSR2},
	};
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (view_eq(name, sigs[i].name))
			return sigs[i].sig;
	return 0;
}

#else
typedef int cli_tty_unused; /* ISO C: no empty translation unit */
#endif
