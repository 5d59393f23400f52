/*
 * svr-main.c - shrewd, the server applet: entry point.
 *
 * The transport, authentication and sessions land with the server issue;
 * until then the entry point answers -h (the Dropbear-compatible interface
 * it will have) and -V, and refuses to run.
 */
#include "options.h"
#include "applets.h"
#include "common-applet.h"

static const char usage[] =
    "Usage: shrewd [options]\n"
    "A small SSH-2 server (answers to 'dropbear' too, with Dropbear's paths).\n"
    "\n"
    "Options (Dropbear's, letter for letter):\n"
    "  -p [address:]port  listen on this address and port (default 22; repeatable;\n"
    "                     [v6addr]:port for IPv6)\n"
    "  -r keyfile         host key file (repeatable); default " SHREW_CONF_DIR
    "/shrew_{ed25519,ecdsa,rsa}_host_key\n"
    "  -R                 create missing host keys at first use\n"
    "  -F                 stay in the foreground\n"
    "  -E                 log to stderr instead of syslog\n"
    "  -P pidfile         write the listener's pid here\n"
    "  -i                 inetd mode: serve one connection on stdin/stdout\n"
    "  -s                 disable password logins\n"
    "  -g                 disable password logins for root\n"
    "  -w                 disallow root logins\n"
    "  -G group           only allow members of group to log in\n"
    "  -B                 allow blank passwords\n"
    "  -t                 require both password and public key\n"
    "  -T n               maximum authentication attempts (default 10)\n"
    "  -j / -k            disable local / remote port forwarding\n"
    "  -a                 allow remote forwarded ports to bind to any address\n"
    "  -c command         force this command for every login\n"
    "  -m                 do not print the message of the day\n"
    "  -b bannerfile      show this banner before authentication\n"
    "  -D directory       authorized_keys directory (instead of ~/.ssh)\n"
    "  -K seconds         keepalive interval (0 disables)\n"
    "  -I seconds         idle timeout (0 disables)\n"
    "  -W bytes           channel receive window\n"
    "  -M seconds         maximum connection duration\n"
    "  -e                 pass on the server's environment to sessions\n"
    "  -z                 do not set the TOS/priority of the socket\n"
    "  -v                 verbose logging\n"
    "  -V                 print the version and exit\n"
    "  -h                 show this help\n";

int shrewd_main(int argc, char **argv)
{
	int rc = applet_common_flags(argc, argv, "shrewd", usage);

	return rc >= 0 ? rc : applet_not_yet("shrewd");
}
