/*
 * test-keyfile.c - key files (common-keyfile*.c) and fingerprints
 * (common-fingerprint.c).
 *
 * The fixed sample files in test/data/keys (made by ssh-keygen, openssl,
 * dropbearkey and dropbearconvert; see test/data/keys/README) must parse
 * to the public key in their .pub with the fingerprint in their .fp;
 * every truncation of them must fail cleanly; generated keys must survive
 * write -> parse round trips; hand-corrupted files must be rejected with
 * the right error.  Run from the top of the tree, or set SHREW_KEYDATA to
 * the sample directory.
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

static void check_sample(const char *name)
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
	rc = keyfile_parse(buf, n, &k, comment, sizeof(comment));
	if (!sample_built(name)) {
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
	if (strncmp(name, "openssh-", 8) == 0)
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
		check_sample(samples[i]);
}

/* Every prefix fails, except those that only drop trailing whitespace. */
static void check_truncations(const char *name)
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
		rc = keyfile_parse(cut, i, &k, comment, sizeof(comment));
		if (i < keep && rc == E_OK)
			fprintf(stderr, "  %s: prefix of %zu bytes parsed\n", name, i);
		CHECK(i < keep || !sample_built(name) ? rc != E_OK : rc == E_OK);
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
		check_truncations(samples[i]);
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

/* Armours bin as an OpenSSH key and parses it. */
static int parse_bin(const uint8_t *bin, size_t n, const char **why)
{
	static char text[KEYFILE_MAX_TEXT];
	size_t a = strlen("-----BEGIN OPENSSH PRIVATE KEY-----\n"), len;
	struct key k;
	int rc;

	strcpy(text, "-----BEGIN OPENSSH PRIVATE KEY-----\n");
	base64_enc(bin, n, 1, text + a, sizeof(text) - a - 64, &len);
	strcat(text, "\n-----END OPENSSH PRIVATE KEY-----\n");
	rc = keyfile_parse_why((uint8_t *)text, strlen(text), &k, NULL, 0, why);
	key_free(&k);
	return rc;
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

TEST(openssh_encrypted)
{
	static const uint8_t head[] = "openssh-key-v1\0\0\0\0\naes256-ctr\0\0\0\6bcrypt"
	                              "\0\0\0\030\0\0\0\020saltsaltsaltsalt\0\0\0\020"
	                              "\0\0\0\1";
	const char *why = NULL;

	CHECK(parse_bin(head, sizeof(head) - 1, &why) == E_PASSPHRASE);
	CHECK(strstr(why, "encrypted keys are not supported yet") != NULL);
}

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
	                 &why) == E_PASSPHRASE);
	CHECK(parse_text("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
	                 "-----END ENCRYPTED PRIVATE KEY-----\n",
	                 &why) == E_PASSPHRASE);
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
	RUN(openssh_encrypted);
	RUN(pem_armour);
	RUN(public_lines);
#if SHREW_ED25519
	RUN(fingerprint_format);
#endif
	RUN(save_files);
	RUN(load_limits);
	return unit_done();
}
