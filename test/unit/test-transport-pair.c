/*
 * test-transport-pair.c - a client and a server transport (common-
 * transport*.c) wired to each other in memory: every kex method, host
 * key algorithm, cipher and MAC built in, forced one at a time on the
 * client's side, must end in working keys both ways; the host key check
 * is asked once and can refuse; rekeys started by either side keep the
 * session id and the data flowing; strict kex is on.
 */
#include "unit.h"
#include "common-algo.h"
#include "common-err.h"
#include "common-msg.h"
#include "common-transport.h"
#include "crypto-ltc.h"

static struct hostkeys hk;
static int checks; /* host key checks asked */

static int trust(void *ctx, const struct key *k)
{
	(void)ctx;
	checks++;
	return k->type != KEY_NONE ? E_OK : E_ARG;
}

static int distrust(void *ctx, const struct key *k)
{
	(void)ctx;
	(void)k;
	checks++;
	return E_VERIFY;
}

static void make_hostkeys(void)
{
	static const enum key_type types[] = {KEY_ED25519, KEY_ECDSA_P256, KEY_ECDSA_P384,
	                                      KEY_ECDSA_P521, KEY_RSA};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]) && hk.n < TR_MAX_HOSTKEYS; i++)
		if (key_type_name(types[i]) && key_generate(&hk.key[hk.n], types[i], 2048) == E_OK)
			hk.n++;
}

/* Upper-layer payloads each side received: count and the last one's
 * first byte. */
struct side {
	struct transport *t;
	int got;
	uint8_t last;
};

/* Moves a's output into b and drains b's payloads; 1 if bytes moved. */
static int move(struct side *a, struct side *b)
{
	const uint8_t *p;
	size_t n = tr_out(a->t, &p), used, off = 0;
	struct view pl;

	if (n == 0)
		return 0;
	while (off < n) {
		if (tr_feed(b->t, p + off, n - off, &used) != E_OK)
			break;
		off += used;
		while (tr_next(b->t, &pl) == E_OK) {
			b->got++;
			b->last = pl.p[0];
		}
		if (used == 0)
			break;
	}
	tr_out_done(a->t, n);
	return 1;
}

static void pump(struct side *c, struct side *s)
{
	int i;

	for (i = 0; i < 200; i++)
		if (!move(c, s) && !move(s, c))
			return;
}

/* One payload each way after the kex. */
static int talk(struct side *c, struct side *s)
{
	static const uint8_t req[] = {SSH_MSG_SERVICE_REQUEST, 0, 0, 0, 1, 'x'};
	static const uint8_t acc[] = {SSH_MSG_SERVICE_ACCEPT, 0, 0, 0, 1, 'x'};
	int cg = c->got, sg = s->got;

	if (tr_send(c->t, req, sizeof(req)) != E_OK)
		return 0;
	pump(c, s);
	if (tr_send(s->t, acc, sizeof(acc)) != E_OK)
		return 0;
	pump(c, s);
	return s->got == sg + 1 && s->last == SSH_MSG_SERVICE_REQUEST && c->got == cg + 1 &&
	       c->last == SSH_MSG_SERVICE_ACCEPT;
}

/* Client offering only what prefs say (server: everything); 1 if keys
 * were agreed and a payload went each way. */
static int connect_with(const struct algo_prefs *cp, struct transport *ct, struct transport *st,
                        tr_hostkey_fn check)
{
	struct side c = {ct, 0, 0}, s = {st, 0, 0};

	if (tr_init(st, 1, &hk, NULL) != E_OK || tr_init(ct, 0, NULL, cp) != E_OK)
		return 0;
	tr_set_hostkey_check(ct, check, NULL);
	pump(&c, &s);
	return ct->first_kex_done && st->first_kex_done && talk(&c, &s);
}

/* Prefs with category cat forced to the single algorithm at position i. */
static void force(struct algo_prefs *p, enum algo_cat cat, size_t i)
{
	size_t k;

	for (k = 0; k < ALGO_NCAT; k++)
		algo_list_apply(&p->cat[k], (enum algo_cat)k, "*", 0, NULL, 0);
	p->cat[cat].n = 1;
	p->cat[cat].idx[0] = (uint8_t)i;
}

static struct transport ct, st;

TEST(every_algorithm_both_ways)
{
	static const enum algo_cat cats[] = {ALGO_KEX, ALGO_HOSTKEY, ALGO_CIPHER, ALGO_MAC};
	struct algo_prefs p;
	size_t c, i;

	for (c = 0; c < 4; c++) {
		for (i = 0; i < algo_count(cats[c]); i++) {
			const char *name = algo_name(cats[c], i);

			if (!name)
				continue;
			force(&p, cats[c], i);
			if (cats[c] == ALGO_MAC) /* a MAC is used only with a non-AEAD cipher */
				algo_list_apply(&p.cat[ALGO_CIPHER], ALGO_CIPHER,
				                "aes*-ctr,aes*-cbc", 0, NULL, 0);
			if (cats[c] == ALGO_MAC && p.cat[ALGO_CIPHER].n == 0)
				continue;
			checks = 0;
			if (!connect_with(&p, &ct, &st, trust)) {
				fprintf(stderr, "    %s: %s / %s\n", name, ct.fail_why,
				        st.fail_why);
				CHECK(0);
			}
			CHECK(checks == 1);
			CHECK(ct.strict && st.strict);
			CHECK(ct.session_id_len > 0 && ct.session_id_len == st.session_id_len &&
			      memcmp(ct.session_id, st.session_id, ct.session_id_len) == 0);
			if (cats[c] == ALGO_KEX)
				CHECK(strcmp(kex_desc(ct.choice.kex)->name, name) == 0);
			if (cats[c] == ALGO_HOSTKEY)
				CHECK(strcmp(sig_alg_name(ct.choice.hostkey), name) == 0);
			if (cats[c] == ALGO_CIPHER)
				CHECK(strcmp(cipher_desc(ct.choice.cipher_c2s)->name, name) == 0 &&
				      ct.choice.cipher_s2c == ct.choice.cipher_c2s);
			if (cats[c] == ALGO_MAC)
				CHECK(strcmp(mac_desc(ct.choice.mac_c2s)->name, name) == 0);
			tr_free(&ct);
			tr_free(&st);
		}
	}
}

TEST(host_key_refused)
{
	checks = 0;
	CHECK(!connect_with(NULL, &ct, &st, distrust));
	CHECK(checks == 1);
	CHECK(!ct.first_kex_done);
	CHECK(ct.fail_reason == SSH_DISCONNECT_HOST_KEY_NOT_VERIFIABLE);
	CHECK(strstr(ct.fail_why, "not trusted") != NULL);
	tr_free(&ct);
	tr_free(&st);
	/* no check set: refused too */
	CHECK(!connect_with(NULL, &ct, &st, NULL));
	tr_free(&ct);
	tr_free(&st);
}

TEST(rekeys_from_either_side)
{
	struct side c = {&ct, 0, 0}, s = {&st, 0, 0};
	uint8_t sid[64];
	size_t sidlen;
	int round;

	checks = 0;
	CHECK(connect_with(NULL, &ct, &st, trust));
	sidlen = ct.session_id_len;
	memcpy(sid, ct.session_id, sidlen);
	for (round = 0; round < 4; round++) {
		struct transport *who = round % 2 ? &st : &ct;
		uint64_t before = ct.kex_bytes;

		CHECK(tr_rekey(who) == E_OK);
		CHECK(who->kex_active);
		/* payloads sent during the rekey are held, then delivered */
		CHECK(talk(&c, &s));
		CHECK(!ct.kex_active && !st.kex_active);
		CHECK(ct.first_kex_done && ct.session_id_len == sidlen &&
		      memcmp(ct.session_id, sid, sidlen) == 0);
		CHECK(ct.kex_bytes > before && st.kex_bytes > before); /* a kex ended */
	}
	CHECK(checks == 1); /* asked at the first kex only */
	tr_free(&ct);
	tr_free(&st);
}

int main(void)
{
	crypto_init();
	make_hostkeys();
	RUN(every_algorithm_both_ways);
	RUN(host_key_refused);
	RUN(rekeys_from_either_side);
	return unit_done();
}
