/*
 * svr-main.c - shrewd, the server applet: entry point.
 *
 * Parses the command line (svr-opts.c: Dropbear's flags), opens the log
 * (stderr with -E, else syslog as "shrewd", or "dropbear" under that
 * name) and hands over to the listener (svr-listen.c), which forks one
 * child per connection running svr_conn_run (svr-conn.c).
 */
#include <stdio.h>

#include "options.h"
#include "applets.h"
#include "common-err.h"
#include "common-log.h"
#include "crypto-ltc.h"
#include "svr-conn.h"
#include "svr-hostkey.h"
#include "svr-listen.h"
#include "svr-opts.h"

/* Loads the host keys, then listens (or serves stdin with -i). */
static int serve(struct svr_opts *o)
{
	struct hostkeys hk;
	struct svr_ctx ctx;
	int rc;

	if (crypto_init() != E_OK) {
		log_msg(LOG_ERR, "crypto initialisation failed");
		return 1;
	}
	if (svr_hostkeys_load(o, &hk) != E_OK)
		return 1;
	if (svr_hostkeys_check_offer(&o->algos, &hk) != E_OK) {
		svr_hostkeys_free(&hk);
		return 1;
	}
	ctx.opts = o;
	ctx.hostkeys = &hk;
	rc = svr_listen_run(o, svr_conn_run, &ctx);
	svr_hostkeys_free(&hk);
	return rc;
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
	return serve(&o);
}
