/*
 * scp.c - the scp applet: entry point.
 *
 * The rcp-over-SSH protocol lands with the client issue; until then the
 * entry point answers -h (the interface it will have) and -V.
 */
#include "options.h"
#include "applets.h"
#include "common-applet.h"

static const char usage[] = "Usage: scp [-pqrv] [-P port] [-i identity] [-l limit] [-o option]\n"
                            "           source ... target\n"
                            "Copy files over SSH with the shrew client.\n"
                            "\n"
                            "  -r           copy directories recursively\n"
                            "  -p           preserve modes and times\n"
                            "  -q           no progress meter\n"
                            "  -v           verbose\n"
                            "  -P port      port to connect to\n"
                            "  -i identity  identity file\n"
                            "  -l limit     bandwidth limit in Kbit/s\n"
                            "  -o option    passed to the client\n"
                            "  -V           print the version and exit\n"
                            "  -h           show this help\n";

int scp_main(int argc, char **argv)
{
	int rc = applet_common_flags(argc, argv, "scp", usage);

	return rc >= 0 ? rc : applet_not_yet("scp");
}
