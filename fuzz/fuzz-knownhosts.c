/*
 * fuzz-knownhosts.c - libFuzzer target for the client's known_hosts
 * parser and host key decision (cli-knownhosts.c).
 *
 * The input is a known_hosts file, read two ways:
 *   1. kh_check over the whole buffer for fixed lookups ("example.org"
 *      port 22 and "127.0.0.1" port 2222) with a fixed Ed25519 key;
 *   2. split at '\n', every line through kh_parse_line, then
 *      kh_host_matches for those names.
 * Invariants checked: every view of an entry or report lies inside the
 * input; a parse gives E_OK with a key, KH_SKIP / an error without one
 * (E_UNSUPPORTED: fields set, no key); results and counts are in range
 * and agree with each other; every key is freed (LeakSanitizer watches).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-keyfile.h"
#include "crypto-ltc.h"
#include "cli-knownhosts.h"

#if SHREW_CLIENT

#define FIXED_KEY "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIISP10KIdNSzcJm8/3LudxqC9K/JeMSMvqYkggNbSXug"

static struct key fixed;

/* A view must be empty or lie inside [base, base + n). */
static void check_view(struct view v, const uint8_t *base, size_t n)
{
	if (v.len == 0)
		return;
	if (v.p < base || v.p > base + n || v.len > (size_t)(base + n - v.p))
		abort();
}

static void check_hits(const struct kh_hits *h, const uint8_t *data, size_t size)
{
	size_t i;

	for (i = 0; i < h->n && i < KH_MAX_HITS; i++) {
		check_view(h->at[i].type, data, size);
		if (h->at[i].line == 0 || h->at[i].line > size)
			abort();
	}
}

static void check_file(const uint8_t *data, size_t size, const char *host, unsigned port)
{
	struct kh_report rep;
	enum kh_result r;

	r = kh_check((const char *)data, size, host, port, &fixed, &rep);
	check_hits(&rep.changed, data, size);
	check_hits(&rep.other, data, size);
	check_hits(&rep.bad, data, size);
	if ((r == KH_REVOKED) != (rep.revoked_line != 0) || (r == KH_OK && rep.ok_line == 0) ||
	    (r == KH_CHANGED && rep.changed.n == 0) || (r == KH_OTHER_TYPE && rep.other.n == 0) ||
	    (r == KH_UNKNOWN && (rep.ok_line || rep.changed.n || rep.other.n)) || r < KH_UNKNOWN ||
	    r > KH_REVOKED)
		abort();
}

static void check_entry(const struct kh_entry *e, int rc, const uint8_t *line, size_t n)
{
	if (rc == E_OK && e->key.type == KEY_NONE)
		abort();
	if (rc != E_OK && e->key.type != KEY_NONE)
		abort();
	if (rc > 0 && rc != KH_SKIP)
		abort();
	check_view(e->hosts, line, n);
	check_view(e->type, line, n);
	check_view(e->comment, line, n);
	if (rc == E_OK || rc == E_UNSUPPORTED) {
		if (e->hosts.len == 0 || e->type.len == 0)
			abort();
		kh_host_matches(e, "example.org", 22);
		kh_host_matches(e, "127.0.0.1", 2222);
	}
}

static void lines(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size, *nl;
	struct kh_entry e;
	size_t n;
	int rc;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		rc = kh_parse_line((const char *)p, n, &e);
		check_entry(&e, rc, p, n);
		kh_entry_free(&e);
		p += n;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;

	if (!ready) {
		if (crypto_init() != E_OK || keyfile_parse_public_line(FIXED_KEY, strlen(FIXED_KEY),
		                                                       &fixed, NULL, 0) != E_OK)
			abort();
		ready = 1;
	}
	check_file(data, size, "example.org", 22);
	check_file(data, size, "127.0.0.1", 2222);
	lines(data, size);
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
