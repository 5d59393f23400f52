/*
 * test-keyfile.c - key files (common-keyfile*.c) and fingerprints
 * (common-fingerprint.c).
 *
 * The fixed sample files in test/data/keys (made by ssh-keygen, openssl,
 * dropbearkey and dropbearconvert; see test/data/keys/README) must parse
 * to the public key in their .pub with the fingerprint in their .fp;
 * every truncation of them must fail cleanly; generated keys must survive
 * write -> parse round trips; hand-corrupted files must be rejected with
 * the right error.  The enc-* samples (ssh-keygen -N 'correct horse')
 * must open with that passphrase only, and tell "passphrase needed" from
 * "wrong passphrase".  Run from the top of the tree, or set SHREW_KEYDATA
 * to the sample directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <unistd.h>
#include <sys/stat.h>

#include "unit.h"
#include "options.h"
#include "common-err.h"
#include "common-base64.h"
#include "common-key.h"
#include "common-keyfile.h"
#include "common-fingerprint.h"
#include "crypto-ltc.h"

static const char *const samples[] = {
    "openssh-ed25519",
    "openssh-ecdsa256",
    "openssh-ecdsa384",
    "openssh-ecdsa521",
    "openssh-rsa2048",
    "pem-ecdsa256",
    "pem-ecdsa384",
    "pem-ecdsa521",
    "pem-rsa2048",
    "pem-nopub-ecdsa256",
    "pkcs8-ecdsa256",
    "pkcs8-ecdsa384",
    "pkcs8-ecdsa521",
    "pkcs8-rsa2048",
    "pkcs8-ed25519-openssl",
    "dropbear-ed25519",
    "dropbear-ecdsa256",
    "dropbear-ecdsa384",
    "dropbear-ecdsa521",
    "dropbear-rsa2048",
    "dbconv-ed25519",
    "dbconv-ecdsa521",
    "dbconv-rsa2048",
    "dbconv-openssh-ed25519",
    "dbconv-openssh-ecdsa256",
    "dbconv-openssh-rsa2048",
};

#define NSAMPLES (sizeof(samples) / sizeof(samples[0]))

/* Passphrase-protected OpenSSH keys (test/data/keys/README). */
#define PASS "correct horse"
static const char *const enc_samples[] = {
    "enc-ed25519", "enc-ecdsa256", "enc-rsa2048", "enc-a4-ed25519", "enc-aes128-ed25519",
};

#define NENC (sizeof(enc_samples) / sizeof(enc_samples[0]))

/* ---- Helpers ------------------------------------------------------------------ */

static const char *data_dir(void)
{
	const char *d = getenv("SHREW_KEYDATA");

	return d ? d : "test/data/keys";
}

/* Reads a sample file (name + suffix) into a malloc'd buffer, NUL added. */
static uint8_t *slurp(const char *name, const char *suffix, size_t *n)
{
	char path[512];
	uint8_t *buf;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s%s", data_dir(), name, suffix);
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "  cannot open %s\n", path);
		return NULL;
	}
	buf = malloc(SHREW_MAX_KEYFILE + 1);
	*n = fread(buf, 1, SHREW_MAX_KEYFILE, f);
	buf[*n] = 0;
	fclose(f);
	return buf;
}

/* The first n space-separated fields of s, as a new string. */
static char *fields(const char *s, int n)
{
	const char *p = s;
	char *out;

	while (*p && n > 0) {
		p++;
		if (*p == ' ' || *p == '\n' || *p == '\0')
			n--;
	}
	out = malloc((size_t)(p - s) + 1);
	memcpy(out, s, (size_t)(p - s));
	out[p - s] = 0;
	return out;
}

/* "BITS SHA256:... " ... "(TYPE)" of an ssh-keygen -l line, without the
 * comment. */
static void fp_key_parts(const char *line, char *out, size_t cap)
{
	char *head = fields(line, 2);
	const char *type = strrchr(line, '(');
	size_t tl = type ? strcspn(type, "\n") : 0;

	snprintf(out, cap, "%s %.*s", head, (int)tl, type ? type : "");
	free(head);
}

/* 1 if the key type of a sample (named in its file name) is built in. */
static int sample_built(const char *name)
{
	if (strstr(name, "rsa"))
		return SHREW_RSA;
	if (strstr(name, "ecdsa"))
		return SHREW_ECDSA;
	return SHREW_ED25519;
}

/* A sample file of a type that is built in, for format tests: PEM (from
 * PKCS#8) or an OpenSSH public key. */
#if SHREW_ED25519
#define PEM_SAMPLE "pkcs8-ed25519-openssl"
#define PUB_SAMPLE "openssh-ed25519"
#elif SHREW_ECDSA
#define PEM_SAMPLE "pem-ecdsa256"
#define PUB_SAMPLE "openssh-ecdsa256"
#else
#define PEM_SAMPLE "pem-rsa2048"
#define PUB_SAMPLE "openssh-rsa2048"
#endif

/* ---- Sample files ---------------------------------------------------------------- */

/* 1 if name is an encrypted sample and this build cannot open those. */
static int not_openable(const char *name)
{
	return !SHREW_ENCRYPTED_KEYS && strncmp(name, "enc-", 4) == 0;
}

/* Parses a sample with pass (NULL for none). */
static int parse_sample(const uint8_t *buf, size_t n, struct key *k, char *comment, size_t cap,
                        const char *pass)
{
	if (!pass)
		return keyfile_parse(buf, n, k, comment, cap);
	return keyfile_parse_pass(buf, n, k, comment, cap, pass, strlen(pass), NULL);
}

static void check_sample(const char *name, const char *pass)
{
	char comment[KEYFILE_MAX_COMMENT], line[KEYFILE_MAX_PUBLINE], fl[KEYFILE_MAX_PUBLINE];
	char want[256], got[256], *wpub, *gpub;
	uint8_t *buf, *pub, *fp;
	size_t n, pn, fn;
	struct key k;
	int rc;

	buf = slurp(name, "", &n);
	pub = slurp(name, ".pub", &pn);
	fp = slurp(name, ".fp", &fn);
	CHECK(buf && pub && fp);
	if (!buf || !pub || !fp)
		goto out;
	rc = parse_sample(buf, n, &k, comment, sizeof(comment), pass);
	if (!sample_built(name) || not_openable(name)) {
		CHECK(rc == E_UNSUPPORTED && k.type == KEY_NONE);
		goto out;
	}
	if (rc != E_OK)
		fprintf(stderr, "  %s: %s\n", name, err_str(rc));
	CHECK(rc == E_OK);
	if (rc != E_OK)
		goto out;
	CHECK(k.has_private);
	CHECK(keyfile_public_line(&k, comment, line, sizeof(line)) == E_OK);
	wpub = fields((const char *)pub, 2);
	gpub = fields(line, 2);
	if (strcmp(wpub, gpub) != 0)
		fprintf(stderr, "  %s: public line\n   got  %s\n   want %s\n", name, gpub, wpub);
	CHECK(strcmp(wpub, gpub) == 0);
	/* OpenSSH files carry the comment the .pub shows. */
	if (strncmp(name, "openssh-", 8) == 0 || strncmp(name, "enc-", 4) == 0)
		CHECK(strlen(wpub) < pn &&
		      strncmp((const char *)pub + strlen(wpub) + 1, comment, strlen(comment)) ==
		          0 &&
		      comment[0]);
	CHECK(fingerprint_line(&k, comment, fl, sizeof(fl)) == E_OK);
	fp_key_parts((const char *)fp, want, sizeof(want));
	fp_key_parts(fl, got, sizeof(got));
	if (strcmp(want, got) != 0)
		fprintf(stderr, "  %s: fingerprint\n   got  %s\n   want %s\n", name, got, want);
	CHECK(strcmp(want, got) == 0);
	free(wpub);
	free(gpub);
	key_free(&k);
out:
	free(buf);
	free(pub);
	free(fp);
}

TEST(samples_parse)
{
	size_t i;

	for (i = 0; i < NSAMPLES; i++)
		check_sample(samples[i], NULL);
	/* a passphrase changes nothing for an unencrypted file */
	check_sample(PUB_SAMPLE, PASS);
}

/* Every prefix fails, except those that only drop trailing whitespace. */
static void check_truncations(const char *name, const char *pass)
{
	uint8_t *buf, *cut;
	size_t n, i, keep;
	struct key k;
	char comment[64];
	int rc;

	buf = slurp(name, "", &n);
	if (!buf) {
		CHECK(buf != NULL);
		return;
	}
	keep = n;
	while (keep > 0 && (buf[keep - 1] == '\n' || buf[keep - 1] == ' '))
		keep--;
	for (i = 0; i < n; i++) {
		cut = malloc(i + 1); /* exact size, so ASan sees overreads */
		memcpy(cut, buf, i);
		rc = parse_sample(cut, i, &k, comment, sizeof(comment), pass);
		if (i < keep && rc == E_OK)
			fprintf(stderr, "  %s: prefix of %zu bytes parsed\n", name, i);
		CHECK(i < keep || !sample_built(name) || not_openable(name) ? rc != E_OK
		                                                            : rc == E_OK);
		CHECK(rc == E_OK || (k.type == KEY_NONE && comment[0] == 0));
		key_free(&k);
		free(cut);
	}
	free(buf);
}

TEST(truncations_fail)
{
	size_t i;

	for (i = 0; i < NSAMPLES; i++)
		check_truncations(samples[i], NULL);
}

/* ---- Round trips ------------------------------------------------------------------ */

static const struct {
	enum key_type type;
	int bits;
} gen_types[] = {
#if SHREW_ED25519
    {KEY_ED25519, 256},
#endif
#if SHREW_ECDSA
    {KEY_ECDSA_P256, 256}, {KEY_ECDSA_P384, 384}, {KEY_ECDSA_P521, 521},
#endif
#if SHREW_RSA
    {KEY_RSA, 2048},
#endif
};

#define NGEN (sizeof(gen_types) / sizeof(gen_types[0]))

static void round_trip_openssh(const struct key *k)
{
	static uint8_t text[KEYFILE_MAX_TEXT];
	char comment[KEYFILE_MAX_COMMENT];
	struct key back;
	struct wr w;

	wr_init(&w, text, sizeof(text));
	CHECK(keyfile_write_openssh(k, "round trip", &w) == E_OK);
	CHECK(w.len > 70 && memcmp(text, "-----BEGIN OPENSSH PRIVATE KEY-----\n", 36) == 0);
	CHECK(text[36 + 70] == '\n'); /* 70-column lines */
	CHECK(keyfile_parse(text, w.len, &back, comment, sizeof(comment)) == E_OK);
	CHECK(back.type == k->type && back.has_private);
	CHECK(key_equal_public(k, &back));
	CHECK(strcmp(comment, "round trip") == 0);
	key_free(&back);
	/* no comment */
	wr_init(&w, text, sizeof(text));
	CHECK(keyfile_write_openssh(k, NULL, &w) == E_OK);
	CHECK(keyfile_parse(text, w.len, &back, comment, sizeof(comment)) == E_OK);
	CHECK(key_equal_public(k, &back) && comment[0] == 0);
	key_free(&back);
}

static void round_trip_dropbear(const struct key *k)
{
	static uint8_t bin[KEYFILE_MAX_BIN];
	struct key back;
	struct wr w;

	wr_init(&w, bin, sizeof(bin));
	CHECK(keyfile_write_dropbear(k, &w) == E_OK);
	CHECK(keyfile_parse(bin, w.len, &back, NULL, 0) == E_OK);
	CHECK(back.has_private && key_equal_public(k, &back));
	key_free(&back);
}

static void round_trip_public(const struct key *k)
{
	char line[KEYFILE_MAX_PUBLINE], comment[64];
	struct key back;

	CHECK(keyfile_public_line(k, "me@host and more", line, sizeof(line)) == E_OK);
	strcat(line, "\r\n");
	CHECK(keyfile_parse_public_line(line, strlen(line), &back, comment, sizeof(comment)) ==
	      E_OK);
	CHECK(key_equal_public(k, &back) && !back.has_private);
	CHECK(strcmp(comment, "me@host and more") == 0);
	key_free(&back);
	CHECK(keyfile_public_line(k, NULL, line, sizeof(line)) == E_OK);
	CHECK(strchr(line, ' ') == strrchr(line, ' ')); /* "TYPE BASE64" */
	CHECK(keyfile_parse_public_line(line, strlen(line), &back, comment, sizeof(comment)) ==
	      E_OK);
	CHECK(key_equal_public(k, &back) && comment[0] == 0);
	key_free(&back);
	CHECK(keyfile_public_line(k, "bad\ncomment", line, sizeof(line)) == E_ARG);
	CHECK(keyfile_public_line(k, NULL, line, 20) == E_TOOBIG);
}

TEST(round_trips)
{
	struct key k;
	size_t i;

	for (i = 0; i < NGEN; i++) {
		CHECK(key_generate(&k, gen_types[i].type, gen_types[i].bits) == E_OK);
		CHECK(key_bits(&k) == gen_types[i].bits);
		round_trip_openssh(&k);
		round_trip_dropbear(&k);
		round_trip_public(&k);
		key_free(&k);
	}
}

TEST(write_needs_private)
{
	static uint8_t text[KEYFILE_MAX_TEXT];
	uint8_t *pub;
	size_t n;
	struct key k;
	struct wr w;

	pub = slurp("openssh-ed25519", ".pub", &n);
	CHECK(pub && keyfile_parse_public_line((char *)pub, n, &k, NULL, 0) == E_OK);
	wr_init(&w, text, sizeof(text));
	CHECK(keyfile_write_openssh(&k, NULL, &w) == E_ARG);
	CHECK(keyfile_write_dropbear(&k, &w) == E_ARG);
	key_free(&k);
	free(pub);
}

/* ---- Corrupted OpenSSH files --------------------------------------------------- */

/* The decoded openssh-key-v1 blob of a sample, and where its private
 * section's contents start. */
static size_t sample_bin(const char *name, uint8_t *bin, size_t cap, size_t *priv)
{
	uint8_t *text;
	size_t n, len = 0, a, b;
	struct rd r;
	struct view v;
	uint32_t u;

	*priv = 0;
	text = slurp(name, "", &n);
	if (!text)
		return 0;
	a = strlen("-----BEGIN OPENSSH PRIVATE KEY-----\n");
	b = n - strlen("-----END OPENSSH PRIVATE KEY-----\n");
	CHECK(base64_dec((char *)text + a, b - a, bin, cap, &len) == E_OK);
	free(text);
	rd_init(&r, bin, len);
	rd_bytes(&r, 15, &v);
	rd_string(&r, 100, &v);
	rd_string(&r, 100, &v);
	rd_string(&r, 100, &v);
	rd_u32(&r, &u);
	rd_string(&r, 1000, &v);
	rd_u32(&r, &u);
	*priv = r.off;
	return len;
}

/* Armours bin as an OpenSSH key and parses it with pass (may be NULL). */
static int parse_bin_pass(const uint8_t *bin, size_t n, const char *pass, const char **why)
{
	static char text[KEYFILE_MAX_TEXT];
	size_t a = strlen("-----BEGIN OPENSSH PRIVATE KEY-----\n"), len;
	struct key k;
	int rc;

	strcpy(text, "-----BEGIN OPENSSH PRIVATE KEY-----\n");
	base64_enc(bin, n, 1, text + a, sizeof(text) - a - 64, &len);
	strcat(text, "\n-----END OPENSSH PRIVATE KEY-----\n");
	rc = keyfile_parse_pass((uint8_t *)text, strlen(text), &k, NULL, 0, pass,
	                        pass ? strlen(pass) : 0, why);
	CHECK(rc == E_OK || k.type == KEY_NONE);
	key_free(&k);
	return rc;
}

static int parse_bin(const uint8_t *bin, size_t n, const char **why)
{
	return parse_bin_pass(bin, n, NULL, why);
}

#if SHREW_ED25519
TEST(openssh_corruptions)
{
	uint8_t bin[4096], tmp[4096];
	size_t n, priv = 0;
	const char *why = NULL;

	n = sample_bin("openssh-ed25519", bin, sizeof(bin), &priv);
	CHECK(n > 0 && parse_bin(bin, n, &why) == E_OK);
	/* check-ints differ */
	memcpy(tmp, bin, n);
	tmp[priv + 7] ^= 1;
	CHECK(parse_bin(tmp, n, &why) == E_FORMAT && strstr(why, "check-int"));
	/* padding not 1, 2, 3 */
	memcpy(tmp, bin, n);
	tmp[n - 1] ^= 0x40;
	CHECK(parse_bin(tmp, n, &why) == E_FORMAT && strstr(why, "padding"));
	/* magic */
	memcpy(tmp, bin, n);
	tmp[3] = 'X';
	CHECK(parse_bin(tmp, n, &why) == E_FORMAT);
	/* trailing byte after the private section */
	memcpy(tmp, bin, n);
	tmp[n] = 0;
	CHECK(parse_bin(tmp, n + 1, &why) == E_TRAILING);
	/* two keys */
	memcpy(tmp, bin, n);
	tmp[15 + 8 + 8 + 4 + 3] = 2;
	CHECK(parse_bin(tmp, n, &why) == E_FORMAT && strstr(why, "several"));
	/* the public key of another key (flip a bit of the outer pub) */
	memcpy(tmp, bin, n);
	tmp[15 + 8 + 8 + 4 + 4 + 4 + 4 + 11 + 4 + 5] ^= 1;
	CHECK(parse_bin(tmp, n, &why) != E_OK);
}
#endif

/* ---- Passphrase-protected OpenSSH files ---------------------------------------- */

/* The enc-* samples open with PASS (check_sample compares the public key,
 * comment and fingerprint with ssh-keygen's); without a passphrase they
 * say one is needed, unless the build cannot use one. */
TEST(encrypted_samples)
{
	char comment[64];
	const char *why = NULL;
	uint8_t *buf;
	size_t n, i;
	struct key k;
	int rc, want;

	for (i = 0; i < NENC; i++) {
		check_sample(enc_samples[i], PASS);
		buf = slurp(enc_samples[i], "", &n);
		CHECK(buf != NULL);
		if (!buf)
			continue;
		want = sample_built(enc_samples[i]) && SHREW_ENCRYPTED_KEYS ? E_PASSPHRASE
		                                                            : E_UNSUPPORTED;
		rc = keyfile_parse_why(buf, n, &k, comment, sizeof(comment), &why);
		CHECK(rc == want && k.type == KEY_NONE && comment[0] == 0);
		CHECK(rc != E_PASSPHRASE || strcmp(why, "passphrase needed") == 0);
		rc = keyfile_parse_pass(buf, n, &k, comment, sizeof(comment), NULL, 0, &why);
		CHECK(rc == want && k.type == KEY_NONE && comment[0] == 0);
		CHECK(rc != E_PASSPHRASE || strcmp(why, "passphrase needed") == 0);
		if (want == E_UNSUPPORTED && sample_built(enc_samples[i]))
			CHECK(strstr(why, "not supported in this build") != NULL);
		free(buf);
	}
}

#if SHREW_ENCRYPTED_KEYS && SHREW_ED25519
#define A4 "enc-a4-ed25519" /* 4 bcrypt rounds: quick to open */

static int parse_file_pass(const char *name, const char *pass, size_t passlen, const char **why)
{
	char comment[64];
	uint8_t *buf;
	size_t n;
	struct key k;
	int rc;

	buf = slurp(name, "", &n);
	CHECK(buf != NULL);
	if (!buf)
		return E_IO;
	rc = keyfile_parse_pass(buf, n, &k, comment, sizeof(comment), pass, passlen, why);
	CHECK(rc == E_OK ? k.has_private && strcmp(comment, "test-" A4 "@shrew") == 0
	                 : k.type == KEY_NONE && comment[0] == 0);
	key_free(&k);
	free(buf);
	return rc;
}

/* why is read after rc is computed (argument order is unspecified). */
static int wrong(int rc, const char *const *why)
{
	return rc == E_PASSPHRASE && strcmp(*why, "wrong passphrase") == 0;
}

TEST(encrypted_passphrases)
{
	const char *why = NULL;
	char exact[13];

	CHECK(parse_file_pass(A4, PASS, 13, &why) == E_OK);
	memcpy(exact, PASS, sizeof(exact)); /* a byte string: no NUL needed */
	CHECK(parse_file_pass(A4, exact, sizeof(exact), &why) == E_OK);
	CHECK(wrong(parse_file_pass(A4, "wrong horse", 11, &why), &why));
	CHECK(wrong(parse_file_pass(A4, PASS, 12, &why), &why));
	CHECK(wrong(parse_file_pass(A4, PASS "!", 14, &why), &why));
	CHECK(wrong(parse_file_pass(A4, "Correct horse", 13, &why), &why));
	CHECK(wrong(parse_file_pass(A4, "", 0, &why), &why));
	CHECK(parse_file_pass(A4, NULL, 0, &why) == E_PASSPHRASE &&
	      strcmp(why, "passphrase needed") == 0);
	/* other ciphers than aes*-ctr are refused before any passphrase */
	CHECK(parse_file_pass("enc-cbc-ed25519", NULL, 0, &why) == E_UNSUPPORTED &&
	      strstr(why, "cipher"));
	CHECK(parse_file_pass("enc-cbc-ed25519", PASS, 13, &why) == E_UNSUPPORTED);
}

/* The decoded parts of an encrypted sample. */
struct enc_parts {
	uint8_t bin[4096];
	size_t n;
	struct view cipher, kdf, salt, pub, sec;
	uint32_t rounds;
};

static int enc_parts(const char *name, struct enc_parts *e)
{
	struct view m, opts;
	struct rd r, o;
	uint32_t nkeys;
	size_t priv;

	e->n = sample_bin(name, e->bin, sizeof(e->bin), &priv);
	rd_init(&r, e->bin, e->n);
	rd_bytes(&r, 15, &m);
	rd_string(&r, 100, &e->cipher);
	rd_string(&r, 100, &e->kdf);
	rd_string(&r, 100, &opts);
	rd_u32(&r, &nkeys);
	rd_string(&r, 1000, &e->pub);
	rd_string(&r, 4096, &e->sec);
	rd_init(&o, opts.p, opts.len);
	rd_string(&o, 100, &e->salt);
	rd_u32(&o, &e->rounds);
	return rd_end(&r) == E_OK && rd_end(&o) == E_OK ? E_OK : E_FORMAT;
}

/* An openssh-key-v1 binary from parts; opts_adj > 0 appends that many
 * bytes to the kdf options, < 0 cuts them. */
static size_t enc_build(uint8_t *out, size_t cap, const char *cipher, const char *kdf,
                        struct view salt, uint32_t rounds, int opts_adj, struct view pub,
                        struct view sec)
{
	uint8_t opts[256];
	struct wr w, o;

	wr_init(&o, opts, sizeof(opts));
	wr_string(&o, salt.p, salt.len);
	wr_u32(&o, rounds);
	for (; opts_adj > 0; opts_adj--)
		wr_u8(&o, 0);
	wr_init(&w, out, cap);
	wr_bytes(&w, "openssh-key-v1", 15);
	wr_cstr(&w, cipher);
	wr_cstr(&w, kdf);
	wr_string(&w, opts, o.len - (size_t)(opts_adj < 0 ? -opts_adj : 0));
	wr_u32(&w, 1);
	wr_string(&w, pub.p, pub.len);
	wr_string(&w, sec.p, sec.len);
	CHECK(w.err == E_OK);
	return w.len;
}

/* rc for a header variant, asked without a passphrase and with the right
 * one: both must give want (never E_PASSPHRASE for a header fault) and a
 * reason containing what. */
static void check_header(const struct enc_parts *e, const char *cipher, const char *kdf,
                         struct view salt, uint32_t rounds, int opts_adj, struct view sec, int want,
                         const char *what)
{
	static uint8_t bin[4096];
	const char *why = "";
	size_t n = enc_build(bin, sizeof(bin), cipher, kdf, salt, rounds, opts_adj, e->pub, sec);
	int r1 = parse_bin_pass(bin, n, NULL, &why);
	int ok1 = strstr(why, what) != NULL;
	int r2 = parse_bin_pass(bin, n, PASS, &why);

	if (r1 != want || r2 != want || !ok1 || !strstr(why, what))
		fprintf(stderr, "  %s/%s rounds %u: %s, %s (%s)\n", cipher, kdf, (unsigned)rounds,
		        err_str(r1), err_str(r2), why);
	CHECK(r1 == want && r2 == want && ok1 && strstr(why, what));
}

TEST(encrypted_header)
{
	static struct enc_parts e;
	static uint8_t bin[4096];
	const char *why = NULL;
	struct view none = {(const uint8_t *)"", 0}, sec;
	size_t n;

	CHECK(enc_parts(A4, &e) == E_OK && e.rounds == 4 && e.salt.len == 16);
	CHECK(view_eq(e.cipher, "aes256-ctr") && view_eq(e.kdf, "bcrypt"));
	/* rebuilt unchanged, it opens */
	n = enc_build(bin, sizeof(bin), "aes256-ctr", "bcrypt", e.salt, 4, 0, e.pub, e.sec);
	CHECK(n == e.n && memcmp(bin, e.bin, n) == 0);
	CHECK(parse_bin_pass(bin, n, PASS, &why) == E_OK);
	CHECK(parse_bin_pass(bin, n, NULL, &why) == E_PASSPHRASE);
	/* rounds: 0 and more than the limit are refused before any work */
	check_header(&e, "aes256-ctr", "bcrypt", e.salt, 0, 0, e.sec, E_FORMAT, "rounds");
	check_header(&e, "aes256-ctr", "bcrypt", e.salt, SHREW_BCRYPT_MAX_ROUNDS + 1, 0, e.sec,
	             E_FORMAT, "rounds");
	check_header(&e, "aes256-ctr", "bcrypt", e.salt, 0xffffffffu, 0, e.sec, E_FORMAT, "rounds");
	/* kdf options */
	check_header(&e, "aes256-ctr", "bcrypt", none, 4, 0, e.sec, E_FORMAT, "salt");
	check_header(&e, "aes256-ctr", "bcrypt", e.salt, 4, 1, e.sec, E_FORMAT, "kdf options");
	check_header(&e, "aes256-ctr", "bcrypt", e.salt, 4, -1, e.sec, E_FORMAT, "kdf options");
	check_header(&e, "aes256-ctr", "bcrypt", e.salt, 4, -4, e.sec, E_FORMAT, "kdf options");
	/* ciphers and kdfs we do not know, or that disagree */
	check_header(&e, "aes256-cbc", "bcrypt", e.salt, 4, 0, e.sec, E_UNSUPPORTED, "cipher");
	check_header(&e, "chacha20-poly1305@openssh.com", "bcrypt", e.salt, 4, 0, e.sec,
	             E_UNSUPPORTED, "cipher");
	check_header(&e, "aes256-ctr", "scrypt", e.salt, 4, 0, e.sec, E_UNSUPPORTED, "kdf");
	check_header(&e, "aes256-ctr", "none", e.salt, 4, 0, e.sec, E_FORMAT, "disagree");
	check_header(&e, "none", "bcrypt", e.salt, 4, 0, e.sec, E_FORMAT, "disagree");
	/* the encrypted section must be whole AES blocks */
	sec = e.sec;
	sec.len -= 8;
	check_header(&e, "aes256-ctr", "bcrypt", e.salt, 4, 0, sec, E_FORMAT, "blocks");
	check_header(&e, "aes256-ctr", "bcrypt", e.salt, 4, 0, none, E_FORMAT, "blocks");
}

TEST(encrypted_corruptions)
{
	static struct enc_parts e;
	static uint8_t tmp[4096];
	const char *why = NULL;
	size_t soff, i, n;
	int rc;

	CHECK(enc_parts(A4, &e) == E_OK);
	soff = (size_t)(e.sec.p - e.bin);
	/* a flipped bit in the check-ints reads as a wrong passphrase */
	memcpy(tmp, e.bin, e.n);
	tmp[soff] ^= 1;
	CHECK(wrong(parse_bin_pass(tmp, e.n, PASS, &why), &why));
	/* so does another salt */
	memcpy(tmp, e.bin, e.n);
	tmp[e.salt.p - e.bin] ^= 1;
	CHECK(wrong(parse_bin_pass(tmp, e.n, PASS, &why), &why));
	/* in the key or the padding: the file is corrupt */
	memcpy(tmp, e.bin, e.n);
	tmp[soff + 30] ^= 0x40;
	CHECK(parse_bin_pass(tmp, e.n, PASS, &why) != E_OK);
	memcpy(tmp, e.bin, e.n);
	tmp[e.n - 1] ^= 0x40;
	CHECK(parse_bin_pass(tmp, e.n, PASS, &why) == E_FORMAT && strstr(why, "padding"));
	/* the public key of another key */
	memcpy(tmp, e.bin, e.n);
	tmp[e.pub.p - e.bin + e.pub.len - 1] ^= 1;
	CHECK(parse_bin_pass(tmp, e.n, PASS, &why) != E_OK);
	/* the encrypted section cut short by whole blocks, length fixed up */
	for (i = 16; i < e.sec.len; i += 16) {
		struct view sec = {e.sec.p, e.sec.len - i};
		n = enc_build(tmp, sizeof(tmp), "aes256-ctr", "bcrypt", e.salt, 4, 0, e.pub, sec);
		rc = parse_bin_pass(tmp, n, PASS, &why);
		CHECK(rc != E_OK && rc != E_PASSPHRASE);
	}
	/* every prefix of the binary fails, without a passphrase too */
	for (i = 0; i < e.n; i++) {
		uint8_t *cut = malloc(i + 1);
		memcpy(cut, e.bin, i);
		CHECK(parse_bin_pass(cut, i, PASS, &why) != E_OK);
		CHECK(parse_bin_pass(cut, i, NULL, &why) != E_OK);
		free(cut);
	}
}

TEST(encrypted_truncations)
{
	check_truncations(A4, PASS);
}

TEST(encrypted_load)
{
	char path[512], comment[64];
	const char *why = NULL;
	struct key k;

	snprintf(path, sizeof(path), "%s/%s", data_dir(), A4);
	CHECK(keyfile_load_pass(path, &k, comment, sizeof(comment), PASS, 13, &why) == E_OK);
	CHECK(k.has_private && strcmp(comment, "test-" A4 "@shrew") == 0);
	key_free(&k);
	CHECK(keyfile_load_why(path, &k, comment, sizeof(comment), &why) == E_PASSPHRASE &&
	      strcmp(why, "passphrase needed") == 0 && k.type == KEY_NONE);
	CHECK(keyfile_load_pass(path, &k, comment, sizeof(comment), NULL, 0, &why) ==
	          E_PASSPHRASE &&
	      strcmp(why, "passphrase needed") == 0);
	CHECK(keyfile_load_pass(path, &k, comment, sizeof(comment), "x", 1, &why) == E_PASSPHRASE &&
	      strcmp(why, "wrong passphrase") == 0 && k.type == KEY_NONE && comment[0] == 0);
}
#endif /* SHREW_ENCRYPTED_KEYS && SHREW_ED25519 */

/* ---- PEM armour ------------------------------------------------------------------ */

static int parse_text(const char *t, const char **why)
{
	struct key k;
	int rc = keyfile_parse_why((const uint8_t *)t, strlen(t), &k, NULL, 0, why);

	key_free(&k);
	return rc;
}

TEST(pem_armour)
{
	uint8_t *buf;
	char *t;
	size_t n;
	const char *why = NULL;

	CHECK(parse_text("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
	                 "DEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n",
	                 &why) == E_UNSUPPORTED &&
	      strstr(why, "PEM"));
	CHECK(parse_text("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
	                 "-----END ENCRYPTED PRIVATE KEY-----\n",
	                 &why) == E_UNSUPPORTED &&
	      strstr(why, "PEM"));
	CHECK(parse_text("-----BEGIN DSA PRIVATE KEY-----\nAAAA\n"
	                 "-----END DSA PRIVATE KEY-----\n",
	                 &why) == E_UNSUPPORTED);
	CHECK(parse_text("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", &why) ==
	          E_FORMAT &&
	      strstr(why, "public"));
	CHECK(parse_text("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n",
	                 &why) == E_FORMAT);
	CHECK(parse_text("-----BEGIN EC PRIVATE KEY-----\nA!AA\n-----END EC PRIVATE KEY-----\n",
	                 &why) == E_FORMAT &&
	      strstr(why, "base64"));
	CHECK(parse_text("ssh-ed25519 AAAA me\n", &why) == E_FORMAT && strstr(why, "public"));
	CHECK(parse_text("hello", &why) == E_FORMAT);
	CHECK(parse_text("", &why) == E_FORMAT);
	/* text before BEGIN is allowed (RFC 7468), data after END is not */
	buf = slurp(PEM_SAMPLE, "", &n);
	t = malloc(2 * n + 64);
	snprintf(t, n + 64, "Some explanatory text\n%s", (char *)buf);
	CHECK(parse_text(t, &why) == E_OK);
	snprintf(t, n + 64, "%s\n \nmore\n", (char *)buf);
	CHECK(parse_text(t, &why) == E_TRAILING);
	snprintf(t, n + 64, "%s\n\n  \n", (char *)buf);
	CHECK(parse_text(t, &why) == E_OK);
#if SHREW_ECDSA
	/* openssl ecparam -genkey puts the curve in a block of its own first */
	{
		uint8_t *ec = slurp("pem-ecdsa256", "", &n);
		char *u = malloc(n + 128);
		snprintf(u, n + 128,
		         "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n"
		         "-----END EC PARAMETERS-----\n%s",
		         (char *)ec);
		CHECK(parse_text(u, &why) == E_OK);
		free(u);
		free(ec);
		n = strlen((char *)buf);
	}
#endif
	/* CRLF line ends */
	{
		size_t i, o = 0;
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n')
				t[o++] = '\r';
			t[o++] = (char)buf[i];
		}
		t[o] = 0;
		CHECK(parse_text(t, &why) == E_OK);
	}
	free(t);
	free(buf);
}

TEST(public_lines)
{
	uint8_t *pub;
	size_t n;
	struct key k;
	char comment[8];

	pub = slurp(PUB_SAMPLE, ".pub", &n);
	CHECK(pub != NULL);
	if (!pub)
		return;
	CHECK(keyfile_parse_public_line((char *)pub, n, &k, comment, sizeof(comment)) == E_OK);
	/* "test-TYPE@shrew" cut to fit 8 bytes */
	CHECK(k.type != KEY_NONE && strlen(comment) == 7 && strncmp(comment, "test-", 5) == 0);
	key_free(&k);
#if SHREW_ECDSA
	{
		/* the name must match the blob */
		uint8_t *p256 = slurp("openssh-ecdsa256", ".pub", &n);
		char line[KEYFILE_MAX_PUBLINE];
		CHECK(p256 && n < sizeof(line));
		memcpy(line, "ecdsa-sha2-nistp384", 19);
		memcpy(line + 19, p256 + 19, n - 19);
		CHECK(keyfile_parse_public_line(line, n, &k, NULL, 0) == E_FORMAT);
		CHECK(k.type == KEY_NONE);
		free(p256);
	}
#endif
	CHECK(keyfile_parse_public_line("ssh-dss AAAA", 12, &k, NULL, 0) == E_UNSUPPORTED);
	CHECK(keyfile_parse_public_line("ssh-ed25519 AAA", 15, &k, NULL, 0) ==
	      (SHREW_ED25519 ? E_FORMAT : E_UNSUPPORTED));
	CHECK(keyfile_parse_public_line("ssh-ed25519", 11, &k, NULL, 0) == E_FORMAT);
	CHECK(keyfile_parse_public_line("", 0, &k, NULL, 0) == E_FORMAT);
	CHECK(keyfile_parse_public_line("a\nb c", 5, &k, NULL, 0) == E_FORMAT);
	free(pub);
}

/* ---- Fingerprints ---------------------------------------------------------------- */

#if SHREW_ED25519
TEST(fingerprint_format)
{
	uint8_t *buf;
	size_t n;
	struct key k;
	char fp[KEY_FP_LEN], line[200];

	buf = slurp("openssh-ed25519", "", &n);
	CHECK(buf && keyfile_parse(buf, n, &k, NULL, 0) == E_OK);
	CHECK(fingerprint_sha256(&k, fp) == E_OK);
	CHECK(strcmp(fp, "SHA256:fFOay0NlBgso7Ea1fTEVEqIlnqyx7+l8kmrIis1sgpc") == 0);
	CHECK(strlen(fp) == KEY_FP_LEN - 2);
	CHECK(fingerprint_line(&k, NULL, line, sizeof(line)) == E_OK);
	CHECK(strcmp(line, "256 SHA256:fFOay0NlBgso7Ea1fTEVEqIlnqyx7+l8kmrIis1sgpc no comment "
	                   "(ED25519)") == 0);
	CHECK(fingerprint_line(&k, "x", line, 30) == E_TOOBIG && line[0] == 0);
	key_free(&k);
	free(buf);
}
#endif

/* ---- Saving ------------------------------------------------------------------------- */

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	if (d)
		closedir(d);
	return n;
}

TEST(save_files)
{
	char dir[] = "/tmp/shrew-test-keyfile-XXXXXX", path[128], buf[16];
	struct stat st;
	FILE *f;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/key", dir);
	CHECK(keyfile_save_new(path, "first", 5, 0600) == E_OK);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600 && st.st_size == 5);
	errno = 0;
	CHECK(keyfile_save_new(path, "second", 6, 0600) == E_IO && errno == EEXIST);
	CHECK(keyfile_save_atomic(path, "third", 5, 0600) == E_OK);
	f = fopen(path, "r");
	CHECK(f && fread(buf, 1, sizeof(buf), f) == 5 && memcmp(buf, "third", 5) == 0);
	if (f)
		fclose(f);
	CHECK(count_entries(dir) == 1); /* no temporary files left */
	snprintf(path, sizeof(path), "%s/nodir/key", dir);
	CHECK(keyfile_save_new(path, "x", 1, 0600) == E_IO && errno == ENOENT);
	CHECK(count_entries(dir) == 1);
	snprintf(path, sizeof(path), "%s/key", dir);
	unlink(path);
	rmdir(dir);
}

TEST(load_limits)
{
	char dir[] = "/tmp/shrew-test-keyfile-XXXXXX", path[128];
	const char *why = NULL;
	static uint8_t big[SHREW_MAX_KEYFILE + 1];
	struct key k;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/big", dir);
	memset(big, 'A', sizeof(big));
	CHECK(keyfile_save_new(path, big, sizeof(big), 0600) == E_OK);
	CHECK(keyfile_load_why(path, &k, NULL, 0, &why) == E_TOOBIG && k.type == KEY_NONE);
	unlink(path);
	CHECK(keyfile_load_why(path, &k, NULL, 0, &why) == E_IO && errno == ENOENT);
	CHECK(keyfile_load_why(dir, &k, NULL, 0, &why) == E_FORMAT);
	rmdir(dir);
}

int main(void)
{
	if (crypto_init() != E_OK) {
		printf("FAIL crypto_init\n");
		return 1;
	}
	RUN(samples_parse);
	RUN(truncations_fail);
	RUN(round_trips);
	RUN(write_needs_private);
#if SHREW_ED25519
	RUN(openssh_corruptions);
#endif
	RUN(encrypted_samples);
#if SHREW_ENCRYPTED_KEYS && SHREW_ED25519
	RUN(encrypted_passphrases);
	RUN(encrypted_truncations);
	RUN(encrypted_header);
	RUN(encrypted_corruptions);
	RUN(encrypted_load);
#endif
	RUN(pem_armour);
	RUN(public_lines);
#if SHREW_ED25519
	RUN(fingerprint_format);
#endif
	RUN(save_files);
	RUN(load_limits);
	return unit_done();
}
