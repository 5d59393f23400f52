/*
 * fuzz-cli-auth.c - libFuzzer target for the client's userauth and
 * ssh-agent parsers (cli-auth*.c, cli-agent.c): what a hostile server or
 * a broken agent can send.
 *
 * The input is read, with its first byte replaced by each message number
 * in turn, as EXT_INFO (7), USERAUTH_FAILURE (51), BANNER (53), PK_OK,
 * INFO_REQUEST and PASSWD_CHANGEREQ (60), IDENTITIES_ANSWER (12) and
 * SIGN_RESPONSE (14); and as is through the terminal sanitizer.
 * Invariants checked: every view lies inside the input and within its
 * cap; counts are within their caps; a failed parse leaves nothing
 * behind (no bits, no keys, no prompts); the sanitizer's output fits,
 * is NUL-terminated and holds no control character but \n and \t, and
 * no C1 control encoded in UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "crypto-ltc.h"

#if SHREW_CLIENT

#include "cli-agent.h"
#include "cli-auth-int.h"

static const uint8_t *base;
static size_t base_len;

static void check_view(struct view v, size_t cap)
{
	if (v.len > cap)
		abort();
	if (v.len &&
	    (v.p < base || v.p > base + base_len || v.len > (size_t)(base + base_len - v.p)))
		abort();
}

static void userauth(void)
{
	struct view a, b;
	struct cli_kbd_req q;
	unsigned bits;
	uint32_t i;
	int has, partial;

	if (cli_ext_info_parse(base, base_len, &bits, &has) != E_OK && (bits || has))
		abort();
	if (cli_auth_failure_parse(base, base_len, &a, &partial) == E_OK) {
		check_view(a, CLI_AUTH_MAX_LIST);
		if (cli_auth_methods_mask(a) &
		    ~(CA_BIT(CA_PUBKEY) | CA_BIT(CA_KBDINT) | CA_BIT(CA_PASSWORD)))
			abort();
	}
	if (cli_auth_banner_parse(base, base_len, &a) == E_OK)
		check_view(a, SHREW_MAX_PACKET);
	if (cli_auth_pk_ok_parse(base, base_len, &a, &b) == E_OK) {
		check_view(a, 64);
		check_view(b, KEY_MAX_PUB_BLOB);
	}
	if (cli_passwd_changereq_parse(base, base_len, &a) == E_OK)
		check_view(a, CLI_AUTH_MAX_TEXT);
	if (cli_kbd_req_parse(base, base_len, &q) != E_OK) {
		if (q.n != 0)
			abort();
		return;
	}
	if (q.n > CLI_KBD_MAX_PROMPTS)
		abort();
	check_view(q.name, CLI_AUTH_MAX_TEXT);
	check_view(q.instruction, CLI_AUTH_MAX_TEXT);
	for (i = 0; i < q.n; i++) {
		check_view(q.prompt[i], CLI_AUTH_MAX_TEXT);
		if (q.echo[i] != 0 && q.echo[i] != 1)
			abort();
	}
}

static void agent(void)
{
	struct agent_ids ids;
	struct view sig;
	size_t i;

	memset(&ids, 0, sizeof(ids));
	if (agent_parse_list(base, base_len, &ids) != E_OK) {
		if (ids.n != 0)
			abort();
	} else {
		if (ids.n > AGENT_MAX_IDS)
			abort();
		for (i = 0; i < ids.n; i++) {
			check_view(ids.id[i].blob, KEY_MAX_PUB_BLOB);
			check_view(ids.id[i].comment, AGENT_MAX_COMMENT);
			if (ids.id[i].type == KEY_NONE)
				abort();
		}
	}
	if (agent_parse_sign(base, base_len, &sig) == E_OK)
		check_view(sig, KEY_MAX_SIG_BLOB);
	else if (sig.len != 0)
		abort();
}

static void sanitize(const uint8_t *data, size_t size)
{
	static char out[1024];
	size_t cap = size % sizeof(out) + 1, n, i;

	n = cli_auth_sanitize(data, size, out, cap);
	if (n >= cap || out[n] != '\0' || strlen(out) != n)
		abort();
	for (i = 0; i < n; i++) {
		uint8_t c = (uint8_t)out[i];
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			abort();
		if (c == 0xc2 && i + 1 < n && (uint8_t)out[i + 1] < 0xa0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t auth_types[] = {SSH_MSG_EXT_INFO, SSH_MSG_USERAUTH_FAILURE,
	                                     SSH_MSG_USERAUTH_BANNER, SSH_MSG_USERAUTH_PK_OK};
	static const uint8_t agent_types[] = {SSH_AGENT_IDENTITIES_ANSWER, SSH_AGENT_SIGN_RESPONSE,
	                                      SSH_AGENT_FAILURE};
	static int ready;
	uint8_t *copy;
	size_t i;

	if (!ready) {
		if (crypto_init() != E_OK)
			abort();
		ready = 1;
	}
	sanitize(data, size);
	if (size == 0)
		return 0;
	copy = malloc(size);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	base = copy;
	base_len = size;
	for (i = 0; i < sizeof(auth_types); i++) {
		copy[0] = auth_types[i];
		userauth();
	}
	for (i = 0; i < sizeof(agent_types); i++) {
		copy[0] = agent_types[i];
		agent();
	}
	free(copy);
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
