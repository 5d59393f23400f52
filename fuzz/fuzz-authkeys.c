/*
 * fuzz-authkeys.c - libFuzzer target for authorized_keys parsing
 * (svr-authkeys.c) and the pattern matcher (common-match.c).
 *
 * The input is read two ways:
 *   1. split at '\n', every line is an authorized_keys line
 *      (authkeys_parse_line, then authkey_allows for a fixed client);
 *   2. split at the first two '\n' into (pattern-list, host, ip) for
 *      match_list, match_addr_list and match_host_and_ip.
 * Invariants checked: a line parses to E_OK (with a key), AUTHKEYS_SKIP
 * or an error with a reason and no key; every string the parser returns
 * lies inside the struct's buffer and is NUL-terminated; results of the
 * matchers are in range; every key is freed (LeakSanitizer watches).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common-err.h"
#include "common-match.h"
#include "crypto-ltc.h"
#include "svr-authkeys.h"

static struct authkey ak;

/* A returned string must point into ak.buf and end there. */
static void check_str(const char *s)
{
	if (!s)
		return;
	if (s < ak.buf || s >= ak.buf + sizeof(ak.buf) ||
	    !memchr(s, 0, (size_t)(ak.buf + sizeof(ak.buf) - s)))
		abort();
}

static void check_parsed(void)
{
	int i;

	check_str(ak.command);
	check_str(ak.from);
	check_str(ak.principals);
	if (ak.n_permitopen > AUTHKEYS_MAX_PERMIT || ak.n_permitlisten > AUTHKEYS_MAX_PERMIT ||
	    ak.n_env > AUTHKEYS_MAX_ENV || ak.key.type == KEY_NONE)
		abort();
	for (i = 0; i < ak.n_permitopen; i++)
		check_str(ak.permitopen[i].host);
	for (i = 0; i < ak.n_permitlisten; i++)
		check_str(ak.permitlisten[i].host);
	for (i = 0; i < ak.n_env; i++)
		check_str(ak.env[i]);
	if (!memchr(ak.comment, 0, sizeof(ak.comment)))
		abort();
	authkey_allows(&ak, 1700000000, "host.example.com", "192.0.2.1", NULL);
}

static void lines(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *nl;
	size_t n;
	int rc;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		rc = authkeys_parse_line(p, n, &ak);
		if (rc == E_OK)
			check_parsed();
		else if (ak.key.type != KEY_NONE || (rc < 0 && (!ak.why || !ak.why[0])))
			abort();
		else if (rc > 0 && rc != AUTHKEYS_SKIP)
			abort();
		authkey_free(&ak);
		p += n;
	}
}

static int in_range(int m)
{
	return m >= MATCH_ERROR && m <= MATCH_YES;
}

static void matcher(const uint8_t *data, size_t size)
{
	static char host[256], ip[256];
	const char *p = (const char *)data, *nl1, *nl2;
	size_t ln, hn, in;

	nl1 = memchr(p, '\n', size);
	ln = nl1 ? (size_t)(nl1 - p) : size;
	nl2 = nl1 ? memchr(nl1 + 1, '\n', size - ln - 1) : NULL;
	hn = nl1 ? (nl2 ? (size_t)(nl2 - nl1 - 1) : size - ln - 1) : 0;
	in = nl2 ? size - (size_t)(nl2 + 1 - p) : 0;
	hn = hn < sizeof(host) ? hn : sizeof(host) - 1;
	in = in < sizeof(ip) ? in : sizeof(ip) - 1;
	memcpy(host, nl1 ? nl1 + 1 : "", hn);
	host[hn] = 0;
	memcpy(ip, nl2 ? nl2 + 1 : "", in);
	ip[in] = 0;
	if (!in_range(match_list(host, hn, p, ln, 1)) || !in_range(match_addr_list(ip, p, ln)) ||
	    !in_range(match_host_and_ip(host, ip, p, ln)))
		abort();
	match_pattern(host, hn, p, ln, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;

	if (!ready) {
		if (crypto_init() != E_OK)
			abort();
		ready = 1;
	}
	lines(data, size);
	matcher(data, size);
	return 0;
}
