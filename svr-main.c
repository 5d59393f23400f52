/*
 * svr-main.c - shrewd, the server applet: entry point.
 *
 * Parses the command line (svr-opts.c: Dropbear's flags), opens the log
 * (stderr with -E, else syslog as "shrewd", or "dropbear" under that
 * name) and hands over to the listener (svr-listen.c), which forks one
 * child per connection running the connection handler below.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "options.h"
#include "applets.h"
#include "common-log.h"
#include "svr-listen.h"
#include "svr-opts.h"

/*
 * PLACEHOLDER connection handler - the lead replaces it with the real SSH
 * connection (transport, auth, channels) when that lands; the real one
 * must call svr_listen_child_authenticated() once the user has
 * authenticated, or the listener keeps counting it as unauthenticated.
 *
 * Until then it lets the listener be tested for real: it sends our
 * identification line, waits (up to SHREW_AUTH_TIMEOUT seconds) for the
 * client's line, and closes the connection.
 */
static int placeholder_conn(int fd, const struct sockaddr_storage *peer, void *ctx)
{
	static const char ident[] = "SSH-2.0-shrew_" SHREW_VERSION "\r\n";
	struct pollfd p = {fd, POLLIN, 0};
	char who[80], c;
	int i;

	(void)ctx;
	log_msg(LOG_INFO, "connection from %s: SSH transport not implemented yet",
	        svr_listen_addr_str(peer, who, sizeof(who)));
	if (write(fd, ident, sizeof(ident) - 1) != (ssize_t)(sizeof(ident) - 1))
		return 1;
	for (i = 0; i < SHREW_MAX_IDENT_LINE; i++) {
		if (poll(&p, 1, SHREW_AUTH_TIMEOUT * 1000) <= 0)
			break;
		if (read(fd, &c, 1) != 1 || c == '\n')
			break;
	}
	close(fd);
	return 0;
}

int shrewd_main(int argc, char **argv)
{
	struct svr_opts o;
	char err[160];
	const char *name = argc > 0 ? applet_basename(argv[0]) : "shrewd";

	if (svr_opts_parse(argc, argv, &o, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s (see %s -h)\n", name, err, name);
		return 1;
	}
	if (o.show_help) {
		svr_opts_usage(stdout, o.dropbear_names);
		return 0;
	}
	if (o.show_version) {
		printf("shrewd %s\n", SHREW_VERSION);
		return 0;
	}
	log_open(o.dropbear_names ? "dropbear" : "shrewd", o.log_stderr, o.verbose);
	if (o.warning[0])
		log_msg(LOG_WARNING, "%s", o.warning);
	return svr_listen_run(&o, placeholder_conn, NULL);
}
