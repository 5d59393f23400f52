/*
 * svr-session-pty.c - ptys for sessions: the pty-req parser, the encoded
 * terminal modes of RFC 4254 8 applied to a termios, opening a pty pair,
 * and the window size.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "common-err.h"
#include "common-rd.h"
#include "svr-session.h"

int svr_session_parse_pty_req(struct view data, struct pty_req *out)
{
	struct rd r;

	rd_init(&r, data.p, data.len);
	rd_text(&r, SESSION_MAX_TERM, &out->term);
	rd_u32(&r, &out->cols);
	rd_u32(&r, &out->rows);
	rd_u32(&r, &out->wpx);
	rd_u32(&r, &out->hpx);
	rd_string(&r, SESSION_MAX_MODES, &out->modes);
	return rd_end(&r);
}

/* ---- Terminal modes (RFC 4254 8) ----------------------------------------- */

#define TTY_OP_END 0
#define TTY_OP_ISPEED 128
#define TTY_OP_OSPEED 129
#define TTY_OP_FIRST_UNDEFINED 160

enum mode_kind { M_CC, M_IFLAG, M_LFLAG, M_OFLAG, M_CFLAG };

struct mode {
	uint8_t opcode;
	uint8_t kind;
	tcflag_t value; /* a flag bit, or the c_cc index for M_CC */
};

static const struct mode modes[] = {
    {1, M_CC, VINTR},       {2, M_CC, VQUIT},      {3, M_CC, VERASE},     {4, M_CC, VKILL},
    {5, M_CC, VEOF},        {6, M_CC, VEOL},       {7, M_CC, VEOL2},      {8, M_CC, VSTART},
    {9, M_CC, VSTOP},       {10, M_CC, VSUSP},     {12, M_CC, VREPRINT},  {13, M_CC, VWERASE},
    {14, M_CC, VLNEXT},     {18, M_CC, VDISCARD},  {30, M_IFLAG, IGNPAR}, {31, M_IFLAG, PARMRK},
    {32, M_IFLAG, INPCK},   {33, M_IFLAG, ISTRIP}, {34, M_IFLAG, INLCR},  {35, M_IFLAG, IGNCR},
    {36, M_IFLAG, ICRNL},
#ifdef IUCLC
    {37, M_IFLAG, IUCLC},
#endif
    {38, M_IFLAG, IXON},    {39, M_IFLAG, IXANY},  {40, M_IFLAG, IXOFF},
#ifdef IMAXBEL
    {41, M_IFLAG, IMAXBEL},
#endif
#ifdef IUTF8
    {42, M_IFLAG, IUTF8}, /* RFC 8160 */
#endif
    {50, M_LFLAG, ISIG},    {51, M_LFLAG, ICANON},
#ifdef XCASE
    {52, M_LFLAG, XCASE},
#endif
    {53, M_LFLAG, ECHO},    {54, M_LFLAG, ECHOE},  {55, M_LFLAG, ECHOK},  {56, M_LFLAG, ECHONL},
    {57, M_LFLAG, NOFLSH},  {58, M_LFLAG, TOSTOP}, {59, M_LFLAG, IEXTEN},
#ifdef ECHOCTL
    {60, M_LFLAG, ECHOCTL},
#endif
#ifdef ECHOKE
    {61, M_LFLAG, ECHOKE},
#endif
#ifdef PENDIN
    {62, M_LFLAG, PENDIN},
#endif
    {70, M_OFLAG, OPOST},
#ifdef OLCUC
    {71, M_OFLAG, OLCUC},
#endif
    {72, M_OFLAG, ONLCR},   {73, M_OFLAG, OCRNL},  {74, M_OFLAG, ONOCR},  {75, M_OFLAG, ONLRET},
    {90, M_CFLAG, CS7},     {91, M_CFLAG, CS8},    {92, M_CFLAG, PARENB}, {93, M_CFLAG, PARODD},
};

static const struct {
	uint32_t baud;
	speed_t speed;
} speeds[] = {
    {9600, B9600},   {19200, B19200},   {38400, B38400},
    {57600, B57600}, {115200, B115200}, {230400, B230400},
};

static void set_flag(tcflag_t *f, tcflag_t bit, uint32_t on)
{
	if (on)
		*f |= bit;
	else
		*f &= ~bit;
}

static void apply_speed(struct termios *t, uint8_t op, uint32_t baud)
{
	size_t i;

	for (i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++) {
		if (speeds[i].baud != baud)
			continue;
		if (op == TTY_OP_ISPEED)
			cfsetispeed(t, speeds[i].speed);
		else
			cfsetospeed(t, speeds[i].speed);
	}
}

static void apply_one(struct termios *t, uint8_t op, uint32_t arg)
{
	size_t i;

	if (op == TTY_OP_ISPEED || op == TTY_OP_OSPEED) {
		apply_speed(t, op, arg);
		return;
	}
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (modes[i].opcode != op)
			continue;
		switch (modes[i].kind) {
		case M_CC:
			t->c_cc[modes[i].value] = arg == 255 ? _POSIX_VDISABLE : (cc_t)arg;
			break;
		case M_IFLAG: set_flag(&t->c_iflag, modes[i].value, arg); break;
		case M_LFLAG: set_flag(&t->c_lflag, modes[i].value, arg); break;
		case M_OFLAG: set_flag(&t->c_oflag, modes[i].value, arg); break;
		case M_CFLAG:
			if (modes[i].value == CS7 || modes[i].value == CS8) {
				if (arg)
					t->c_cflag = (t->c_cflag & ~CSIZE) | modes[i].value;
			} else {
				set_flag(&t->c_cflag, modes[i].value, arg);
			}
			break;
		}
		return;
	}
}

int svr_session_apply_modes(struct view m, struct termios *t)
{
	struct rd r;
	uint8_t op;
	uint32_t arg;

	rd_init(&r, m.p, m.len);
	/* each pass reads at least one byte: bounded by m.len */
	while (rd_left(&r) > 0) {
		if (rd_u8(&r, &op) != E_OK)
			return E_SHORT;
		if (op == TTY_OP_END || op >= TTY_OP_FIRST_UNDEFINED)
			return E_OK;
		if (rd_u32(&r, &arg) != E_OK)
			return E_SHORT;
		apply_one(t, op, arg);
	}
	return E_OK;
}

/* ---- The pty --------------------------------------------------------- */

int svr_session_open_pty(int *master, int *slave, char *tty, size_t cap)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC), sl;
	const char *name;

	if (m < 0)
		return E_IO;
	name = (grantpt(m) == 0 && unlockpt(m) == 0) ? ptsname(m) : NULL;
	if (!name || strlen(name) >= cap) {
		close(m);
		return E_IO;
	}
	sl = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (sl < 0) {
		close(m);
		return E_IO;
	}
	memcpy(tty, name, strlen(name) + 1);
	*master = m;
	*slave = sl;
	return E_OK;
}

static unsigned short clamp16(uint32_t v)
{
	return v > 65535 ? 65535 : (unsigned short)v;
}

void svr_session_set_winsize(int fd, uint32_t cols, uint32_t rows, uint32_t wpx, uint32_t hpx)
{
	struct winsize ws;

	memset(&ws, 0, sizeof(ws));
	ws.ws_col = clamp16(cols);
	ws.ws_row = clamp16(rows);
	ws.ws_xpixel = clamp16(wpx);
	ws.ws_ypixel = clamp16(hpx);
	ioctl(fd, TIOCSWINSZ, &ws);
}
