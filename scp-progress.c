/*
 * scp-progress.c - the scp applet's progress meter (one line per file,
 * redrawn with '\r', as wide as the terminal) and its bandwidth limit
 * (-l Kbit/s: sleeps so the average rate stays under it).
 */
#include "options.h"

#if SHREW_SCP

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "scp.h"

/* Redraw at most this often. */
#define REDRAW_NS 250000000LL

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void human(char *out, size_t cap, double v)
{
	static const char units[][3] = {"B", "KB", "MB", "GB", "TB", "PB"};
	unsigned u = 0;

	while (v >= 1024 && u + 1 < sizeof(units) / sizeof(units[0])) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(out, cap, "%.0f%s", v, units[u]);
	else
		snprintf(out, cap, v < 100 ? "%.1f%s" : "%.0f%s", v, units[u]);
}

static void clock_str(char *out, size_t cap, uint64_t s)
{
	if (s >= 100 * 3600)
		snprintf(out, cap, "--:--");
	else if (s >= 3600)
		snprintf(out, cap, "%llu:%02llu:%02llu", (unsigned long long)(s / 3600),
		         (unsigned long long)(s / 60 % 60), (unsigned long long)(s % 60));
	else
		snprintf(out, cap, "%02llu:%02llu", (unsigned long long)(s / 60),
		         (unsigned long long)(s % 60));
}

void scp_progress_format(char *out, size_t cap, unsigned width, const char *name, uint64_t done,
                         uint64_t size, int64_t elapsed_ns, int done_flag)
{
	char bytes[16], rate[16], tm[16], right[80];
	double secs = elapsed_ns > 0 ? (double)elapsed_ns / 1e9 : 0;
	double bps = secs > 0 ? (double)done / secs : 0;
	unsigned pct = size ? (unsigned)((double)done * 100 / (double)size) : 100;
	int rn, nw;

	if (cap == 0)
		return;
	if (pct > 100)
		pct = 100;
	human(bytes, sizeof(bytes), (double)done);
	human(rate, sizeof(rate), bps);
	if (done_flag)
		clock_str(tm, sizeof(tm), (uint64_t)secs);
	else if (bps > 0)
		clock_str(tm, sizeof(tm), (uint64_t)((double)(size - done) / bps));
	else
		snprintf(tm, sizeof(tm), "--:--");
	rn = snprintf(right, sizeof(right), " %3u%% %8s %8s/s %8s %s", pct, bytes, rate, tm,
	              done_flag ? "   " : "ETA");
	if (width > cap - 1)
		width = (unsigned)(cap - 1);
	nw = (int)width - rn - 1;
	if (nw < 1) {
		snprintf(out, cap, "%s", right);
		return;
	}
	snprintf(out, cap, "%-*.*s%s", nw, nw, name, right);
}

static unsigned term_width(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

static void draw(struct scp_io *io, int64_t now, int done_flag)
{
	char line[512];

	scp_progress_format(line, sizeof(line), term_width(), io->pname, io->pdone, io->psize,
	                    now - io->pstart_ns, done_flag);
	printf("\r%s%s", line, done_flag ? "\n" : "");
	fflush(stdout);
	io->plast_ns = now;
}

void scp_progress_start(struct scp_io *io, const char *name, uint64_t size)
{
	snprintf(io->pname, sizeof(io->pname), "%s", name);
	scp_io_sanitize(io->pname);
	io->psize = size;
	io->pdone = 0;
	io->pstart_ns = now_ns();
	if (io->lim_start_ns == 0)
		io->lim_start_ns = io->pstart_ns;
	if (io->progress)
		draw(io, io->pstart_ns, 0);
}

static void limit(struct scp_io *io, uint64_t n)
{
	double want_ns, have_ns;
	struct timespec ts;

	io->lim_bytes += n;
	want_ns = (double)io->lim_bytes * 8e6 / (double)io->limit_kbit;
	have_ns = (double)(now_ns() - io->lim_start_ns);
	if (want_ns <= have_ns)
		return;
	want_ns -= have_ns;
	ts.tv_sec = (time_t)(want_ns / 1e9);
	ts.tv_nsec = (long)(want_ns - (double)ts.tv_sec * 1e9);
	nanosleep(&ts, NULL);
}

void scp_progress_add(struct scp_io *io, uint64_t n)
{
	int64_t now;

	io->pdone += n;
	if (io->limit_kbit)
		limit(io, n);
	if (!io->progress)
		return;
	now = now_ns();
	if (now - io->plast_ns >= REDRAW_NS)
		draw(io, now, 0);
}

void scp_progress_end(struct scp_io *io)
{
	if (io->progress)
		draw(io, now_ns(), 1);
}

#endif /* SHREW_SCP */
