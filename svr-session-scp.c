/*
 * svr-session-scp.c - shrewd runs its own scp applet for "scp ..." exec
 * commands (SHREW_SVR_OWN_SCP): on a router with only shrewmulti there is
 * no scp on PATH, but OpenSSH's scp -O and ours send "scp -t ..." or
 * "scp -f ...".  The command becomes "'/path/of/shrewmulti' scp REST",
 * which the user's shell runs as before (multi.c picks the applet from
 * the first argument when the binary's own name is not an applet name).
 *
 * The binary's path is read from /proc/self/exe by a constructor, before
 * main(), so before anything changes root or drops privileges (a process
 * that changed its uid may no longer read its own /proc/self/exe).
 */
#include "options.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "svr-session-scp.h"

#if SHREW_SCP
#include "scp-proto.h"
#endif

#if SHREW_SCP && SHREW_SVR_OWN_SCP

/* Set once before main() (not changed afterwards). */
static char own_exe[PATH_MAX];

__attribute__((constructor)) static void record_exe(void)
{
	ssize_t n = readlink("/proc/self/exe", own_exe, sizeof(own_exe) - 1);

	own_exe[n > 0 ? n : 0] = '\0';
}

/* Names under which the binary would run one applet, not take the applet
 * from its first argument (multi.c's table, and the applets built alone). */
static int is_applet_name(const char *base)
{
	static const char *const names[] = {
	    "shrewd",   "dropbear",    "shrew",        "dbclient",        "ssh",
	    "shrewkey", "dropbearkey", "shrewconvert", "dropbearconvert", "scp"};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(base, names[i]) == 0)
			return 1;
	return 0;
}

int svr_scp_rewrite_with(char *cmd, size_t cap, const char *exe)
{
	char quoted[PATH_MAX * 4 + 8];
	const char *base;
	size_t qn, cn;
	int n;

	if (strncmp(cmd, "scp", 3) != 0 || (cmd[3] != ' ' && cmd[3] != '\t' && cmd[3] != '\0'))
		return 0;
	if (!exe || exe[0] != '/')
		return 0;
	base = strrchr(exe, '/') + 1;
	if (!base[0] || is_applet_name(base))
		return 0;
	n = scp_shell_quote(exe, quoted, sizeof(quoted));
	if (n < 0)
		return 0;
	qn = (size_t)n;
	cn = strlen(cmd);
	if (qn + 1 + cn + 1 > cap)
		return 0;
	memmove(cmd + qn + 1, cmd, cn + 1);
	memcpy(cmd, quoted, qn);
	cmd[qn] = ' ';
	return 1;
}

void svr_scp_rewrite(char *cmd, size_t cap, const char *forced)
{
	if (!forced && own_exe[0])
		(void)svr_scp_rewrite_with(cmd, cap, own_exe);
}

#else /* the option or the scp applet is off: commands stay as they are */

int svr_scp_rewrite_with(char *cmd, size_t cap, const char *exe)
{
	(void)cmd;
	(void)cap;
	(void)exe;
	return 0;
}

void svr_scp_rewrite(char *cmd, size_t cap, const char *forced)
{
	(void)cmd;
	(void)cap;
	(void)forced;
}

#endif
