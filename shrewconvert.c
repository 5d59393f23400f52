/*
 * shrewconvert.c - the key format converter applet, also answering to
 * "dropbearconvert" and taking its arguments:
 *
 *   shrewconvert <inputtype> <outputtype> <inputfile> <outputfile>
 *
 * Types are "openssh" and "dropbear".  The input format is detected from
 * the file itself (OpenSSH, PEM/PKCS#8 or Dropbear), so a wrong input type
 * is only a warning; the output is written in the asked format, mode 0600,
 * atomically, never over an existing file.  Unlike Dropbear's tool, every
 * input parser here is bounds-checked and fuzzed, so converting an
 * untrusted file is safe.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "applets.h"
#include "common-applet.h"
#include "common-err.h"
#include "common-key.h"
#include "common-keyfile.h"
#include "common-wipe.h"
#include "common-wr.h"
#include "crypto-ltc.h"

static const char usage[] =
    "Usage: shrewconvert <inputtype> <outputtype> <inputfile> <outputfile>\n"
    "Convert a private key file between OpenSSH's and Dropbear's formats (shrew's\n"
    "converter; it also answers to dropbearconvert, whose arguments it takes).\n"
    "\n"
    "The types are one of:\n"
    "  openssh   OpenSSH's openssh-key-v1 format; on input also PEM (PKCS#1,\n"
    "            SEC1) and PKCS#8 files as ssh-keygen -m PEM/PKCS8 and openssl\n"
    "            write them\n"
    "  dropbear  Dropbear's own key format\n"
    "\n"
    "The input format is detected from the file; encrypted keys are not\n"
    "supported yet.  The output file is written with mode 0600 and is never\n"
    "overwritten if it exists.  Exit status: 0 on success, 1 on any error.\n"
    "\n"
    "Example:\n"
    "  shrewconvert openssh dropbear /etc/ssh/ssh_host_ed25519_key \\\n"
    "      /etc/dropbear/dropbear_ed25519_host_key\n"
    "\n"
    "  -V  print the version and exit\n"
    "  -h  show this help and exit\n";

enum fmt { FMT_BAD, FMT_OPENSSH, FMT_DROPBEAR };

static enum fmt parse_fmt(const char *s)
{
	if (strcmp(s, "openssh") == 0)
		return FMT_OPENSSH;
	if (strcmp(s, "dropbear") == 0)
		return FMT_DROPBEAR;
	return FMT_BAD;
}

/* Returns 1 if the file at path starts in PEM armour (OpenSSH or PEM
 * text), else 0 (Dropbear's binary format). */
static int looks_armoured(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[64] = "";
	int armoured;

	if (!f)
		return 0;
	armoured = fgets(line, sizeof(line), f) && strstr(line, "-----BEGIN ") != NULL;
	fclose(f);
	return armoured;
}

static int write_out(const char *prog, const struct key *k, const char *comment, enum fmt out,
                     const char *path)
{
	static uint8_t buf[KEYFILE_MAX_TEXT];
	struct wr w;
	int rc;

	wr_init(&w, buf, sizeof(buf));
	if (out == FMT_OPENSSH)
		rc = keyfile_write_openssh(k, comment, &w);
	else
		rc = keyfile_write_dropbear(k, &w);
	if (rc == E_OK)
		rc = keyfile_save_new(path, buf, w.len, 0600);
	wipe(buf, sizeof(buf));
	if (rc == E_IO && errno == EEXIST)
		fprintf(stderr, "%s: %s: file exists, not overwriting it\n", prog, path);
	else if (rc == E_IO)
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
	else if (rc != E_OK)
		fprintf(stderr, "%s: %s: cannot encode key: %s\n", prog, path, err_str(rc));
	return rc == E_OK ? 0 : 1;
}

static int convert(const char *prog, enum fmt in, enum fmt out, const char *src, const char *dst)
{
	char comment[KEYFILE_MAX_COMMENT];
	const char *why = NULL;
	struct key k;
	int rc;

	rc = keyfile_load_why(src, &k, comment, sizeof(comment), &why);
	if (rc != E_OK) {
		fprintf(stderr, "%s: %s: %s\n", prog, src, why ? why : err_str(rc));
		return 1;
	}
	if ((in == FMT_DROPBEAR) == looks_armoured(src))
		fprintf(stderr, "%s: %s: warning: not a %s key file; converting it anyway\n", prog,
		        src, in == FMT_DROPBEAR ? "dropbear" : "openssh");
	printf("Key is a %s key\n", key_type_name(k.type));
	rc = write_out(prog, &k, comment, out, dst);
	key_free(&k);
	if (rc == 0)
		printf("Wrote key to '%s'\n", dst);
	return rc;
}

int shrewconvert_main(int argc, char **argv)
{
	const char *prog = applet_basename(argv[0]);
	enum fmt in, out;
	int rc = applet_common_flags(argc, argv, "shrewconvert", usage);

	if (rc >= 0)
		return rc;
	if (argc != 5) {
		fprintf(stderr, "%s: all four arguments must be given, in order\n\n%s", prog,
		        usage);
		return 1;
	}
	in = parse_fmt(argv[1]);
	out = parse_fmt(argv[2]);
	if (in == FMT_BAD || out == FMT_BAD) {
		fprintf(stderr, "%s: unknown key type '%s' (use openssh or dropbear)\n", prog,
		        in == FMT_BAD ? argv[1] : argv[2]);
		return 1;
	}
	if (crypto_init() != E_OK) {
		fprintf(stderr, "%s: crypto initialisation failed\n", prog);
		return 1;
	}
	return convert(prog, in, out, argv[3], argv[4]);
}
