/*
 * fuzz-userauth.c - libFuzzer target for the userauth message parsers
 * (svr-auth.c), the first thing a pre-auth client reaches after the
 * transport.
 *
 * The input is read as a USERAUTH_REQUEST payload as is, and as an
 * INFO_RESPONSE payload (first byte replaced by 61).  Invariants checked:
 * every view lies inside the input and within its cap; a parsed request
 * names one method and carries a signature only when has_sig says so;
 * a parsed INFO_RESPONSE has at most USERAUTH_MAX_RESPONSES responses.
 * A publickey blob that parses is also decoded as a key (and freed, so
 * LeakSanitizer sees any leak).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common-err.h"
#include "common-key.h"
#include "crypto-ltc.h"
#include "svr-auth.h"

static const uint8_t *in_base;
static size_t in_len;

static void check_view(struct view v, size_t cap)
{
	if (v.len > cap || (v.len && (v.p < in_base || v.p + v.len > in_base + in_len)))
		abort();
}

static void request(const uint8_t *data, size_t size)
{
	struct userauth_req r;
	struct key k;
	int rc = userauth_request_parse(data, size, &r);

	if (rc != E_OK)
		return;
	check_view(r.user, SHREW_MAX_USERNAME);
	check_view(r.service, USERAUTH_MAX_NAME);
	check_view(r.method_name, USERAUTH_MAX_NAME);
	check_view(r.alg, USERAUTH_MAX_NAME);
	check_view(r.blob, KEY_MAX_PUB_BLOB);
	check_view(r.sig, KEY_MAX_SIG_BLOB);
	check_view(r.password, SHREW_MAX_PASSWORD);
	check_view(r.lang, USERAUTH_MAX_NAME);
	check_view(r.submethods, USERAUTH_MAX_SUBMETHODS);
	if (r.method > USERAUTH_OTHER || (r.sig.len && !r.has_sig) ||
	    memchr(r.user.p, 0, r.user.len))
		abort();
	if (r.method == USERAUTH_PUBKEY && key_from_blob(&k, r.blob.p, r.blob.len) == E_OK)
		key_free(&k);
}

static void info_response(const uint8_t *data, size_t size)
{
	static uint8_t copy[65536];
	struct userauth_info_resp r;
	uint32_t i;

	if (size == 0 || size > sizeof(copy))
		return;
	memcpy(copy, data, size);
	copy[0] = SSH_MSG_USERAUTH_INFO_RESPONSE;
	in_base = copy;
	if (userauth_info_response_parse(copy, size, &r) != E_OK)
		return;
	if (r.count > USERAUTH_MAX_RESPONSES)
		abort();
	for (i = 0; i < r.count; i++)
		check_view(r.resp[i], SHREW_MAX_PASSWORD);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;

	if (!ready) {
		if (crypto_init() != E_OK)
			abort();
		ready = 1;
	}
	in_base = data;
	in_len = size;
	request(data, size);
	info_response(data, size);
	return 0;
}
