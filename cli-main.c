/*
 * cli-main.c - shrew, the client applet: entry point.
 *
 * The client lands with the client issue; until then the entry point
 * answers -h (the dbclient-compatible interface it will have) and -V.
 */
#include "options.h"
#include "applets.h"
#include "common-applet.h"

static const char usage[] =
    "Usage: shrew [options] [user@]host[/port][,host2...] [command]\n"
    "A small SSH-2 client (answers to 'dbclient' too).\n"
    "\n"
    "Options (dbclient's, letter for letter, plus -o):\n"
    "  -p port        port to connect to (default 22)\n"
    "  -l user        user to log in as\n"
    "  -i keyfile     identity file (repeatable)\n"
    "  -y             accept and save unknown host keys; -yy: skip the check\n"
    "  -t / -T        request / do not request a pty\n"
    "  -N             run no command\n"
    "  -f             go to the background after authentication\n"
    "  -q             quiet\n"
    "  -s             the command is a subsystem\n"
    "  -A             forward the agent\n"
    "  -L [listenaddr:]port:host:port   local forwarding\n"
    "  -R [listenaddr:]port:host:port   remote forwarding\n"
    "  -B host:port   netcat mode\n"
    "  -J proxycommand / host   jump through another host\n"
    "  -c ciphers     cipher list;  -m macs: MAC list\n"
    "  -K seconds     keepalive;  -I seconds: idle timeout\n"
    "  -W bytes       receive window\n"
    "  -o option      OpenSSH-style option (BatchMode, StrictHostKeyChecking, ...)\n"
    "  -V             print the version and exit\n"
    "  -h             show this help\n";

int shrew_main(int argc, char **argv)
{
	int rc = applet_common_flags(argc, argv, "shrew", usage);

	return rc >= 0 ? rc : applet_not_yet("shrew");
}
