/*
 * fuzz-cli-dest.c - libFuzzer target for the client's command line
 * (cli-opts.c) and what is built from it (cli-proxy.c).
 *
 * The input is read three ways:
 *   1. up to the first NUL, as one destination (cli_parse_dest), one -J
 *      element (cli_parse_jump) and one -o option (cli_opts_option);
 *   2. split at NUL bytes into words, as a whole command line
 *      (cli_opts_parse, then cli_opts_finish);
 *   3. every accepted result goes on to cli_proxy_hop_argv and
 *      cli_proxy_expand (nothing is run).
 * Invariants checked: nothing crashes or leaks; every host that is
 * accepted anywhere (hops, -B, -b, HostName) passes cli_host_ok, every
 * user cli_user_ok, every port is 0..65535 (1..65535 when given); hop and
 * identity counts stay in range; a hop argv is NULL-terminated and has no
 * element starting with '-' where a destination is expected.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common-err.h"

#if SHREW_CLIENT

#include "cli-opts.h"
#include "cli-proxy.h"

#define MAX_WORDS 24
#define FUZZ_MAX_INPUT 4096

static void check_dest(const struct cli_dest *d)
{
	if (!cli_host_ok(d->host) || (d->user[0] && !cli_user_ok(d->user)) || d->port > 65535)
		abort();
}

static void check_opts(const struct cli_opts *o)
{
	int i;

	if (o->n_hops < 0 || o->n_hops > CLI_MAX_HOPS || o->n_jump < 0 || o->n_jump > o->n_hops ||
	    o->n_identities < 0 || o->n_identities > CLI_MAX_IDENTITIES || o->n_pass < 0 ||
	    o->n_pass > CLI_MAX_PASS || o->default_port > 65535)
		abort();
	for (i = 0; i < o->n_hops; i++)
		check_dest(&o->hops[i]);
	if (o->default_user && !cli_user_ok(o->default_user))
		abort();
	if (o->netcat_host &&
	    (!cli_host_ok(o->netcat_host) || o->netcat_port < 1 || o->netcat_port > 65535))
		abort();
	if (o->bind_addr && !cli_host_ok(o->bind_addr))
		abort();
	if (o->host_name[0] && !cli_host_ok(o->host_name))
		abort();
	if (o->bind_port > 65535 || o->recv_window > CLI_MAX_WINDOW)
		abort();
}

/* The hop argv and a ProxyCommand line from what was accepted. */
static void build(const struct cli_opts *o)
{
	static char buf[16384], line[2048];
	char *argv[96];
	int i, rc;

	rc = cli_proxy_hop_argv(o, "/proc/self/exe", argv, 96, buf, sizeof(buf));
	if (rc == E_OK) {
		for (i = 0; i < 96 && argv[i]; i++)
			;
		if (i >= 96 || i < 4 || strcmp(argv[i - 2], "--") != 0 || argv[i - 1][0] == '-')
			abort();
	} else if (rc != E_TOOBIG && rc != E_ARG) {
		abort();
	}
	if (o->n_hops > 0 && o->proxy_command) {
		const struct cli_dest *d = &o->hops[o->n_hops - 1];

		rc = cli_proxy_expand(o->proxy_command, d->host, cli_hop_port(o, o->n_hops - 1),
		                      cli_hop_user(o, o->n_hops - 1, "me"), line, sizeof(line));
		if (rc != E_OK && rc != E_FORMAT && rc != E_TOOBIG)
			abort();
		if (rc == E_OK && strlen(line) >= sizeof(line))
			abort();
	}
}

static void single(const char *s)
{
	static struct cli_opts o;
	struct cli_dest d;
	char err[128];

	if (cli_parse_dest(s, &d, err, sizeof(err)) == 0)
		check_dest(&d);
	if (cli_parse_jump(s, &d, err, sizeof(err)) == 0)
		check_dest(&d);
	cli_opts_init(&o);
	if (cli_opts_option(&o, s, err, sizeof(err)) == 0)
		check_opts(&o);
	if (strlen(err) >= sizeof(err))
		abort();
}

static void command_line(char *text, size_t n)
{
	static struct cli_opts o;
	char *argv[MAX_WORDS + 2], err[128];
	int argc = 0;
	size_t at = 0;

	argv[argc++] = (char *)"shrew";
	while (at < n && argc <= MAX_WORDS) {
		argv[argc++] = text + at;
		at += strlen(text + at) + 1;
	}
	argv[argc] = NULL;
	cli_opts_init(&o);
	if (cli_opts_parse(&o, argc, argv, err, sizeof(err)) == 0) {
		check_opts(&o);
		if (cli_opts_finish(&o, "/home/me", "me", err, sizeof(err)) == 0) {
			check_opts(&o);
			build(&o);
		}
	}
	cli_opts_free(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char text[FUZZ_MAX_INPUT + 1];

	if (size > FUZZ_MAX_INPUT)
		size = FUZZ_MAX_INPUT;
	memcpy(text, data, size);
	text[size] = '\0';
	single(text);
	command_line(text, size);
	return 0;
}

#else /* !SHREW_CLIENT: nothing to fuzz */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)data;
	(void)size;
	return 0;
}

#endif
