/*
 * common-log.h - logging to syslog or to stderr (-E), Dropbear style.
 */
#ifndef SHREW_COMMON_LOG_H
#define SHREW_COMMON_LOG_H

#include <syslog.h>

/* Opens the log: ident is the program name ("shrewd"); to_stderr selects
 * stderr ("[pid] Mon DD HH:MM:SS message") instead of syslog (facility
 * LOG_AUTHPRIV); verbose > 0 also shows LOG_DEBUG messages. */
void log_open(const char *ident, int to_stderr, int verbose);

/* Client applets: messages go to stderr as "name: msg"; errors always,
 * warnings unless verbose < 0 (-q), LOG_INFO with verbose >= 1, LOG_DEBUG
 * with >= 2. */
void log_open_client(const char *name, int verbose);

/* Logs one message at a syslog priority (LOG_ERR, LOG_WARNING, LOG_INFO,
 * LOG_DEBUG).  Before log_open() messages go to stderr.  Control and
 * non-ASCII bytes in the formatted text are shown as '?', so peer-supplied
 * strings cannot forge log lines. */
void log_msg(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
