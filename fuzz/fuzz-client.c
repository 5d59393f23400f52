/*
 * fuzz-client.c - the client side of an in-memory session fed arbitrary
 * server messages.  A real server transport (ed25519 host key) and the
 * client's connection code (cli_conn_init / cli_conn_input) run the key
 * exchange in memory; then the fuzzer's bytes are cut into messages
 * (uint16 length, payload), which the server transport encrypts and sends
 * one by one, as a hostile server would: userauth answers, EXT_INFO,
 * channel messages, transport messages.  The client's answers are drained.
 * The client runs in BatchMode with no key files, no agent and /dev/null
 * for its stdio, so nothing waits for a person.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "options.h"
#include "cli.h"
#include "cli-conn.h"
#include "cli-opts.h"
#include "common-err.h"
#include "common-log.h"
#include "common-sess.h"
#include "common-transport.h"
#include "crypto-25519.h"
#include "crypto-ltc.h"

static struct hostkeys hk;
static struct cli_opts opts;
static int null_fd;

static void setup(void)
{
	static const uint8_t seed[32] = {9, 9, 9};
	static char *argv[] = {
	    "shrew",          "-T",   "-i", "/nonexistent/id", "-o", "BatchMode=yes", "-yy", "-q",
	    "fuzz@127.0.0.1", "true", NULL};
	char err[128];
	uint8_t pub[32];

	crypto_init();
	ed25519_pubkey(pub, seed);
	key_set_ed25519(&hk.key[0], pub, seed);
	hk.n = 1;
	unsetenv("SSH_AUTH_SOCK");
	unsetenv("SSH_ASKPASS");
	log_open_client("fuzz-client", 0);
	cli_opts_init(&opts);
	if (cli_opts_parse(&opts, 10, argv, err, sizeof(err)) != 0 ||
	    cli_opts_finish(&opts, "/nonexistent", "fuzz", err, sizeof(err)) != 0)
		abort();
	null_fd = open("/dev/null", O_RDWR);
}

/* Moves what each side queued to the other; the server's upper-layer
 * messages (the client's requests) are read and dropped. */
static void pump(struct sess *s, struct transport *srv)
{
	const uint8_t *p;
	struct view pl;
	size_t n, used;
	int i;

	for (i = 0; i < 8 && !s->closing; i++) {
		n = tr_out(s->tr, &p);
		while (n > 0 && tr_feed(srv, p, n, &used) == E_OK) {
			tr_out_done(s->tr, used);
			while (tr_next(srv, &pl) == E_OK)
				;
			if (used == 0)
				break;
			n = tr_out(s->tr, &p);
		}
		n = tr_out(srv, &p);
		if (n == 0)
			break;
		cli_conn_input(s, p, n);
		tr_out_done(srv, n);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct transport srv;
	static int ready;
	struct cli c;
	struct sess s;
	size_t len;

	if (!ready) {
		setup();
		ready = 1;
	}
	memset(&c, 0, sizeof(c));
	c.opts = &opts;
	c.host = "127.0.0.1";
	c.port = 22;
	c.user = "fuzz";
	c.local_user = "fuzz";
	c.home = "/nonexistent";
	c.fd_stdin = dup(null_fd);
	c.fd_stdout = dup(null_fd);
	c.fd_stderr = dup(null_fd);
	if (tr_init(&srv, 1, &hk, NULL) != E_OK)
		abort();
	if (cli_conn_init(&s, &c, -1) != E_OK)
		abort();
	pump(&s, &srv);
	while (size >= 2 && !s.closing) {
		len = (size_t)data[0] << 8 | data[1];
		data += 2;
		size -= 2;
		if (len > size)
			len = size;
		if (len > 0 && tr_send(&srv, data, len) == E_OK)
			pump(&s, &srv);
		data += len;
		size -= len;
	}
	cli_conn_free(&s);
	tr_free(&srv);
	close(c.fd_stdin);
	close(c.fd_stdout);
	close(c.fd_stderr);
	return 0;
}
