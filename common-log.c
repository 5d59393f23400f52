/*
 * common-log.c - syslog or stderr logging (see common-log.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "common-log.h"

static int log_stderr = 1;
static int log_verbose;
static const char *log_client; /* client: "NAME: msg", by level */

void log_open(const char *ident, int to_stderr, int verbose)
{
	log_stderr = to_stderr;
	log_verbose = verbose;
	if (!to_stderr)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_AUTHPRIV);
}

static void sanitise(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			*s = '?';
}

static void to_stderr(const char *msg)
{
	char stamp[32] = "";
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm))
		strftime(stamp, sizeof(stamp), "%b %d %H:%M:%S", &tm);
	fprintf(stderr, "[%ld] %s %s\n", (long)getpid(), stamp, msg);
}

void log_open_client(const char *name, int verbose)
{
	log_client = name;
	log_stderr = 1;
	log_verbose = verbose;
}

/* The client shows errors and warnings (-q: errors only); -v adds info,
 * -vv debug. */
static int client_hides(int prio)
{
	if (prio < LOG_WARNING)
		return 0;
	if (prio == LOG_WARNING)
		return log_verbose < 0; /* -q */
	return prio == LOG_DEBUG ? log_verbose < 2 : log_verbose < 1;
}

void log_msg(int prio, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (log_client ? client_hides(prio) : prio == LOG_DEBUG && !log_verbose)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sanitise(msg);
	if (log_client)
		fprintf(stderr, "%s: %s\n", log_client, msg);
	else if (log_stderr)
		to_stderr(msg);
	else
		syslog(prio, "%s", msg);
}
