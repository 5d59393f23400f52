/*
 * shrewkey.c - the key tool applet, also answering to "dropbearkey" and
 * taking its flags letter for letter:
 *
 *   shrewkey -t ed25519|ecdsa|rsa -f FILE [-s BITS] [-C COMMENT]
 *   shrewkey -y -f FILE
 *
 * Generating writes FILE (OpenSSH format, mode 0600, atomically, never over
 * an existing file) and FILE.pub (the public key line), then prints the
 * public key portion and its SHA256 fingerprint as dropbearkey does.  -y
 * reads a private key in any format common-keyfile.h knows and prints the
 * same, asking for the passphrase of an encrypted OpenSSH key on /dev/tty
 * (without echo; with no terminal it fails).  Errors are one line,
 * "shrewkey: FILE: reason", and exit status 1.
 */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "options.h"
#include "applets.h"
#include "common-err.h"
#include "common-wipe.h"
#include "common-key.h"
#include "common-keyfile.h"
#include "common-fingerprint.h"
#include "common-tty.h"
#include "crypto-ltc.h"

struct opts {
	const char *prog;    /* the name we were invoked as */
	const char *type;    /* -t */
	const char *file;    /* -f */
	const char *bits;    /* -s */
	const char *comment; /* -C */
	int print_pub;       /* -y */
};

/* ---- Messages ----------------------------------------------------------- */

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
	        "Usage: %s -t TYPE -f FILE [-s BITS] [-C COMMENT]\n"
	        "       %s -y -f FILE\n"
	        "Generate an SSH private key, or print the public key of one (shrew's\n"
	        "key tool; it also answers to dropbearkey, whose flags it takes).\n\n"
	        "  -t TYPE     type of key to generate:",
	        prog, prog);
#if SHREW_ED25519
	fputs(" ed25519", f);
#endif
#if SHREW_ECDSA
	fputs(" ecdsa", f);
#endif
#if SHREW_RSA
	fputs(" rsa", f);
#endif
	fputs("\n  -f FILE     the private key file, written in OpenSSH format with mode\n"
	      "              0600, and FILE.pub beside it with the public key line;\n"
	      "              an existing FILE or FILE.pub is never overwritten\n"
	      "  -s BITS     key size: ed25519 is always 256\n",
	      f);
#if SHREW_ECDSA
	fputs("              ecdsa 256 (default), 384 or 521\n", f);
#endif
#if SHREW_RSA
	fprintf(f, "              rsa %d to %d, a multiple of 8 (default %d)\n", SHREW_RSA_MIN_BITS,
	        SHREW_RSA_MAX_BITS, SHREW_RSA_DEFAULT_BITS);
#endif
	fputs("  -C COMMENT  the key's comment (default: user@host)\n"
	      "  -y          print the public key line and SHA256 fingerprint of the\n"
	      "              private key in FILE (OpenSSH, PEM, PKCS#8 or Dropbear\n",
	      f);
#if SHREW_ENCRYPTED_KEYS
	fputs("              format; for a passphrase-protected OpenSSH key it asks\n"
	      "              for the passphrase on the terminal)\n",
	      f);
#else
	fputs("              format; passphrase-protected keys are not in this build)\n", f);
#endif
	fputs("  -V          print the version and exit\n"
	      "  -h          show this help and exit\n\n"
	      "A flag's value may be attached (-s4096) or be the next argument.  The\n"
	      "public key and its fingerprint go to standard output; an error is one\n"
	      "line on standard error and makes the exit status 1.\n",
	      f);
}

/* "PROG: message" on stderr; returns exit status 1. */
static int fail(const struct opts *o, const char *what, const char *why)
{
	if (what)
		fprintf(stderr, "%s: %s: %s\n", o->prog, what, why);
	else
		fprintf(stderr, "%s: %s\n", o->prog, why);
	return 1;
}

/* ---- Arguments (Dropbear style: -s2048 or -s 2048, -yf FILE) ------------ */

/* Returns -1 to go on, or an exit status: 0 after -h/-V, 1 on an error. */
static int parse_flag(int argc, char **argv, int *i, struct opts *o)
{
	const char *a = argv[*i], **dst;
	size_t j;

	for (j = 1; a[j]; j++) {
		switch (a[j]) {
		case 'y': o->print_pub = 1; continue;
		case 'h': usage(stdout, o->prog); return 0;
		case 'V': printf("shrewkey %s\n", SHREW_VERSION); return 0;
		case 't': dst = &o->type; break;
		case 'f': dst = &o->file; break;
		case 's': dst = &o->bits; break;
		case 'C': dst = &o->comment; break;
		default:
			fprintf(stderr, "%s: unknown flag -%c (see -h)\n", o->prog, a[j]);
			return 1;
		}
		if (!a[j + 1] && *i + 1 >= argc) {
			fprintf(stderr, "%s: flag -%c needs a value (see -h)\n", o->prog, a[j]);
			return 1;
		}
		/* the value: the rest of this argument, or the next one */
		*dst = a[j + 1] ? a + j + 1 : argv[++*i];
		break;
	}
	return -1;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			usage(stdout, o->prog);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("shrewkey %s\n", SHREW_VERSION);
			return 0;
		}
		if (argv[i][0] != '-' || argv[i][1] == '\0') {
			fprintf(stderr, "%s: unexpected argument '%s' (see -h)\n", o->prog,
			        argv[i]);
			return 1;
		}
		if ((rc = parse_flag(argc, argv, &i, o)) >= 0)
			return rc;
	}
	return -1;
}

/* ---- Key type and size ---------------------------------------------------- */

/* Parses -s: a decimal number, or 0 when absent.  -1 if malformed. */
static int parse_bits(const char *s)
{
	char *end;
	long v;

	if (!s)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v <= 0 || v > INT_MAX)
		return -1;
	return (int)v;
}

static int pick_ecdsa(const struct opts *o, int bits, enum key_type *t)
{
	if (bits == 0 || bits == 256)
		*t = KEY_ECDSA_P256;
	else if (bits == 384)
		*t = KEY_ECDSA_P384;
	else if (bits == 521)
		*t = KEY_ECDSA_P521;
	else
		return fail(o, NULL, "ECDSA key size must be 256, 384 or 521");
	return 0;
}

static int pick_rsa(const struct opts *o, int *bits)
{
	char msg[96];

	if (*bits == 0)
		*bits = SHREW_RSA_DEFAULT_BITS;
	if (*bits < SHREW_RSA_MIN_BITS || *bits > SHREW_RSA_MAX_BITS || *bits % 8) {
		snprintf(msg, sizeof(msg), "RSA key size must be a multiple of 8 from %d to %d",
		         SHREW_RSA_MIN_BITS, SHREW_RSA_MAX_BITS);
		return fail(o, NULL, msg);
	}
	return 0;
}

/* -t and -s into a key type and size; exit status 1 (message printed) on
 * a bad choice. */
static int pick_type(const struct opts *o, enum key_type *t, int *bits)
{
	*bits = parse_bits(o->bits);
	if (*bits < 0)
		return fail(o, NULL, "-s takes a key size in bits");
	if (strcmp(o->type, "ed25519") == 0) {
		if (*bits != 0 && *bits != 256)
			return fail(o, NULL, "Ed25519 keys have a fixed size of 256 bits");
		*t = KEY_ED25519;
		*bits = 256;
	} else if (strcmp(o->type, "ecdsa") == 0) {
		if (pick_ecdsa(o, *bits, t))
			return 1;
		*bits = *t == KEY_ECDSA_P256 ? 256 : *t == KEY_ECDSA_P384 ? 384 : 521;
	} else if (strcmp(o->type, "rsa") == 0) {
		*t = KEY_RSA;
		if (pick_rsa(o, bits))
			return 1;
	} else if (strcmp(o->type, "dss") == 0) {
		return fail(o, NULL, "DSS keys are not supported");
	} else {
		fprintf(stderr, "%s: unknown key type '%s' (see -h)\n", o->prog, o->type);
		return 1;
	}
	if (!key_type_name(*t)) {
		fprintf(stderr, "%s: key type '%s' is not in this build\n", o->prog, o->type);
		return 1;
	}
	return 0;
}

/* ---- Output ------------------------------------------------------------------ */

/* user@host, as ssh-keygen's default comment. */
static void default_comment(char *out, size_t cap)
{
	const struct passwd *pw = getpwuid(getuid());
	char host[256];
	size_t i;

	if (gethostname(host, sizeof(host)) != 0)
		strcpy(host, "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(out, cap, "%s@%s", pw && pw->pw_name ? pw->pw_name : "user", host);
	for (i = 0; out[i]; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			out[i] = '?';
}

static int comment_ok(const char *c)
{
	size_t i;

	for (i = 0; c[i]; i++)
		if ((unsigned char)c[i] < 0x20 || c[i] == 0x7f)
			return 0;
	return i < KEYFILE_MAX_COMMENT;
}

/* Prints dropbearkey's "Public key portion is:" block. */
static int print_public(const struct opts *o, const struct key *k, const char *line)
{
	char fp[KEY_FP_LEN];

	if (fingerprint_sha256(k, fp) != E_OK)
		return fail(o, o->file, "cannot compute the fingerprint");
	printf("Public key portion is:\n%s\nFingerprint: %s\n", line, fp);
	return fflush(stdout) == 0 ? 0 : fail(o, NULL, "cannot write to standard output");
}

/* ---- -y: print the public key of a key file -------------------------------- */

#if SHREW_ENCRYPTED_KEYS
/* Asks for the passphrase of o->file on the terminal and loads it with
 * that; one try, as ssh-keygen -y. */
static int load_encrypted(const struct opts *o, struct key *k, char *comment, size_t cap,
                          const char **why)
{
	char prompt[160], pass[1024];
	size_t n = 0;
	int rc;

	snprintf(prompt, sizeof(prompt), "Enter passphrase for %.120s: ", o->file);
	rc = tty_read_secret(prompt, pass, sizeof(pass), &n);
	if (rc == E_IO)
		*why = "the key is encrypted and there is no terminal to ask for its passphrase";
	else if (rc == E_ARG)
		*why = "cancelled";
	else if (rc == E_TOOBIG)
		*why = "passphrase too long";
	else
		rc = keyfile_load_pass(o->file, k, comment, cap, pass, n, why);
	wipe(pass, sizeof(pass));
	return rc;
}
#endif

/* Loads o->file, asking for its passphrase if it is encrypted. */
static int load_key(const struct opts *o, struct key *k, char *comment, size_t cap,
                    const char **why)
{
#if SHREW_ENCRYPTED_KEYS
	int rc = keyfile_load_pass(o->file, k, comment, cap, NULL, 0, why);

	if (rc == E_PASSPHRASE)
		rc = load_encrypted(o, k, comment, cap, why);
	return rc;
#else
	return keyfile_load_why(o->file, k, comment, cap, why);
#endif
}

static int cmd_print(const struct opts *o)
{
	char comment[KEYFILE_MAX_COMMENT], line[KEYFILE_MAX_PUBLINE];
	const char *why = NULL;
	struct key k;
	int rc;

	rc = load_key(o, &k, comment, sizeof(comment), &why);
	if (rc != E_OK)
		return fail(o, o->file, why ? why : err_str(rc));
	if (!comment[0]) {
		if (o->comment && comment_ok(o->comment))
			snprintf(comment, sizeof(comment), "%s", o->comment);
		else
			default_comment(comment, sizeof(comment));
	}
	rc = keyfile_public_line(&k, comment, line, sizeof(line));
	if (rc == E_OK)
		rc = print_public(o, &k, line);
	else
		rc = fail(o, o->file, err_str(rc));
	key_free(&k);
	return rc;
}

/* ---- Generating a key -------------------------------------------------------- */

static int refuse_existing(const struct opts *o, const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0)
		return fail(o, path, "file exists, not overwriting it");
	return 0;
}

/* E_IO's reason is errno's; anything else is err_str's. */
static int fail_save(const struct opts *o, const char *path, int rc, int e)
{
	return fail(o, path, rc == E_IO || rc == E_TOOBIG ? strerror(e) : err_str(rc));
}

/* Writes FILE (the private key, 0600) and FILE.pub; line gets the public
 * key line. */
static int write_files(const struct opts *o, const struct key *k, const char *comment,
                       const char *pubpath, char *line, size_t cap)
{
	uint8_t *text = malloc(KEYFILE_MAX_TEXT);
	struct wr w;
	size_t n;
	int rc, e = 0;

	if (!text)
		return fail(o, NULL, "out of memory");
	wr_init(&w, text, KEYFILE_MAX_TEXT);
	rc = keyfile_write_openssh(k, comment, &w);
	if (rc == E_OK) {
		rc = keyfile_save_new(o->file, text, w.len, 0600);
		e = errno;
	}
	wipe(text, KEYFILE_MAX_TEXT);
	free(text);
	if (rc != E_OK)
		return fail_save(o, o->file, rc, e);
	rc = keyfile_public_line(k, comment, line, cap - 1);
	if (rc != E_OK)
		return fail(o, pubpath, err_str(rc));
	n = strlen(line);
	line[n] = '\n';
	rc = keyfile_save_new(pubpath, line, n + 1, 0644);
	e = errno;
	line[n] = '\0';
	return rc == E_OK ? 0 : fail_save(o, pubpath, rc, e);
}

static int cmd_generate(const struct opts *o)
{
	char comment[KEYFILE_MAX_COMMENT], line[KEYFILE_MAX_PUBLINE + 1];
	char pubpath[4096];
	enum key_type t;
	struct key k;
	int bits, rc;

	if (pick_type(o, &t, &bits))
		return 1;
	if (o->comment && !comment_ok(o->comment)) {
		snprintf(comment, sizeof(comment),
		         "the comment must be one line of at most %d bytes",
		         KEYFILE_MAX_COMMENT - 1);
		return fail(o, NULL, comment);
	}
	if (o->comment)
		snprintf(comment, sizeof(comment), "%s", o->comment);
	else
		default_comment(comment, sizeof(comment));
	if ((size_t)snprintf(pubpath, sizeof(pubpath), "%s.pub", o->file) >= sizeof(pubpath))
		return fail(o, o->file, "file name too long");
	if (refuse_existing(o, o->file) || refuse_existing(o, pubpath))
		return 1;
	fprintf(stderr, "Generating %d bit %s key, this may take a while...\n", bits, o->type);
	rc = key_generate(&k, t, bits);
	if (rc != E_OK)
		return fail(o, NULL, "key generation failed");
	rc = write_files(o, &k, comment, pubpath, line, sizeof(line));
	if (rc == 0)
		rc = print_public(o, &k, line);
	key_free(&k);
	return rc;
}

/* ---- Entry point ---------------------------------------------------------------- */

int shrewkey_main(int argc, char **argv)
{
	struct opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	o.prog = argc > 0 ? applet_basename(argv[0]) : "shrewkey";
	if ((rc = parse_args(argc, argv, &o)) >= 0)
		return rc;
	if (!o.file) {
		fprintf(stderr, "%s: must specify a key file with -f (see -h)\n", o.prog);
		return 1;
	}
	if (!o.print_pub && !o.type) {
		fprintf(stderr, "%s: must specify a key type with -t, or -y (see -h)\n", o.prog);
		return 1;
	}
	if (crypto_init() != E_OK)
		return fail(&o, NULL, "cannot initialise the crypto library");
	return o.print_pub ? cmd_print(&o) : cmd_generate(&o);
}
