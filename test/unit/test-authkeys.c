/*
 * test-authkeys.c - authorized_keys lines, options, the per-client
 * decision and the permission check (svr-authkeys.c).
 *
 * The key lines are the fixed test keys of test/data/keys (*.pub),
 * embedded here.  RSA and ECDSA lines must be rejected as unsupported
 * when those key types are not built in (make CONFIG=minimal).  The
 * permission tests build a tree under a temporary directory; the
 * foreign-owner cases need root (chown) and are skipped otherwise.
 */
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include "unit.h"
#include "options.h"
#include "common-err.h"
#include "common-key.h"
#include "common-keyfile.h"
#include "crypto-ltc.h"
#include "svr-authkeys.h"

#define ED25519_KEY \
	"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIISP10KIdNSzcJm8/3LudxqC9K/JeMSMvqYkggNbSXug"
#define ED25519_LINE ED25519_KEY " test-ed25519@shrew"
#define ECDSA256_LINE                                                                              \
	"ecdsa-sha2-nistp256 "                                                                     \
	"AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBMGmcG2xWuVqnmrNVY3i8zohsB4nRaoaBMo8" \
	"IB78aae2DfNaHK7VcQpH1Jf41mTYbsM1lBsWT6/SNJRq39OrthU= test-ecdsa256@shrew"
#define RSA2048_LINE                                                                      \
	"ssh-rsa "                                                                        \
	"AAAAB3NzaC1yc2EAAAADAQABAAABAQDl51K8RQrOX5Tn3m0FVf3RFJanioxk6pQnif5FwTHNKBuVIi/" \
	"SLXXblIGnn"                                                                      \
	"myTNr9L/aioXwKHQ1W4FXxWnCSfICCnOhtq/"                                            \
	"I5uKQhHjDrWZqhBWcidgV9qY2Dq4BQxhHF9iDQrI9gPP8+TLpNJFj"                           \
	"3xQYYAFpkhNTkJayyIfDJHRmnp3+Vi2LAgSpcP8i8gefcwCo7Y0jwJ4o0zjCUV/"                 \
	"L72sGmt62aCaPxzYzqmHW0U5Uz"                                                      \
	"ZbaqaPzXcUI5KJJC9gESe200v3YO6xY1nm8GpbhE+YCxqMzqJS3HA0E5J4DtO8gL4A2Pr/"          \
	"E8NBFF8aeG7CIrcc4vS"                                                             \
	"aoEbwWqYR6xNcihr test-rsa2048@shrew"
/* The ed25519 blob under other type names. */
#define ED25519_BLOB "AAAAC3NzaC1lZDI1NTE5AAAAIISP10KIdNSzcJm8/3LudxqC9K/JeMSMvqYkggNbSXug"

static struct authkey ak; /* large: one for the whole file */

static int parse(const char *line)
{
	authkey_free(&ak);
	return authkeys_parse_line(line, strlen(line), &ak);
}

/* Parses "OPTIONS ED25519_LINE" and expects success. */
static int parse_opts(const char *opts)
{
	char line[SHREW_MAX_AUTHKEYS_LINE];
	int rc;

	snprintf(line, sizeof(line), "%s %s", opts, ED25519_LINE);
	rc = parse(line);
	if (rc != E_OK)
		fprintf(stderr, "  '%s': %d (%s)\n", opts, rc, ak.why);
	return rc;
}

/* Expects the options to reject the line (any error). */
static int rejects(const char *opts)
{
	char line[SHREW_MAX_AUTHKEYS_LINE];
	int rc;

	snprintf(line, sizeof(line), "%s %s", opts, ED25519_LINE);
	rc = parse(line);
	if (rc >= 0)
		fprintf(stderr, "  accepted '%s'\n", opts);
	return rc < 0 && ak.key.type == KEY_NONE && ak.why && ak.why[0];
}

TEST(plain_key_and_comment)
{
	struct key k;

	CHECK(parse(ED25519_LINE) == E_OK);
	CHECK(ak.key.type == KEY_ED25519);
	CHECK(ak.flags == AK_PERMIT_ALL);
	CHECK(strcmp(ak.comment, "test-ed25519@shrew") == 0);
	CHECK(!ak.command && !ak.from && ak.n_permitopen == 0 && ak.n_env == 0);
	CHECK(keyfile_parse_public_line(ED25519_LINE, strlen(ED25519_LINE), &k, NULL, 0) == E_OK);
	CHECK(key_equal_public(&k, &ak.key));
	key_free(&k);
	CHECK(parse(ED25519_KEY) == E_OK); /* no comment */
	CHECK(ak.comment[0] == 0);
	CHECK(parse("  \t" ED25519_LINE "  ") == E_OK);
}

TEST(skip_blank_and_comments)
{
	CHECK(parse("") == AUTHKEYS_SKIP);
	CHECK(parse("\n") == AUTHKEYS_SKIP);
	CHECK(parse("\r\n") == AUTHKEYS_SKIP);
	CHECK(parse("   \t ") == AUTHKEYS_SKIP);
	CHECK(parse("# " ED25519_LINE) == AUTHKEYS_SKIP);
	CHECK(parse("   #restrict " ED25519_LINE "\n") == AUTHKEYS_SKIP);
	CHECK(ak.key.type == KEY_NONE);
}

TEST(line_endings)
{
	CHECK(parse(ED25519_LINE "\n") == E_OK);
	CHECK(strcmp(ak.comment, "test-ed25519@shrew") == 0);
	CHECK(parse("no-pty " ED25519_LINE "\r\n") == E_OK);
	CHECK(strcmp(ak.comment, "test-ed25519@shrew") == 0);
	CHECK(parse(ED25519_LINE "\n\n") < 0);
	CHECK(parse(ED25519_LINE "\rx") < 0);
	CHECK(authkeys_parse_line(ED25519_LINE "\0x", sizeof(ED25519_LINE) + 1, &ak) < 0);
}

TEST(flag_options)
{
	CHECK(parse_opts("no-pty") == E_OK && ak.flags == (AK_PERMIT_ALL & ~AK_PERMIT_PTY));
	CHECK(parse_opts("no-port-forwarding,no-agent-forwarding") == E_OK &&
	      ak.flags == (AK_PERMIT_ALL & ~(AK_PERMIT_PORT_FWD | AK_PERMIT_AGENT_FWD)));
	CHECK(parse_opts("no-X11-forwarding,no-user-rc") == E_OK &&
	      ak.flags == (AK_PERMIT_ALL & ~(AK_PERMIT_X11_FWD | AK_PERMIT_USER_RC)));
	CHECK(parse_opts("NO-PTY,No-Agent-Forwarding") == E_OK &&
	      ak.flags == (AK_PERMIT_ALL & ~(AK_PERMIT_PTY | AK_PERMIT_AGENT_FWD)));
	CHECK(parse_opts("cert-authority") == E_OK && (ak.flags & AK_CERT_AUTHORITY));
	CHECK(parse_opts("no-touch-required,verify-required") == E_OK &&
	      (ak.flags & AK_NO_TOUCH_REQUIRED) && (ak.flags & AK_VERIFY_REQUIRED));
}

TEST(restrict_and_reenable)
{
	CHECK(parse_opts("restrict") == E_OK && ak.flags == AK_RESTRICT);
	CHECK(parse_opts("restrict,pty") == E_OK && ak.flags == (AK_RESTRICT | AK_PERMIT_PTY));
	CHECK(parse_opts("RESTRICT,port-forwarding,agent-forwarding,X11-forwarding,user-rc") ==
	          E_OK &&
	      ak.flags == (AK_RESTRICT | AK_PERMIT_PORT_FWD | AK_PERMIT_AGENT_FWD |
	                   AK_PERMIT_X11_FWD | AK_PERMIT_USER_RC));
	/* Left to right: a later restrict wins over an earlier enable. */
	CHECK(parse_opts("pty,restrict") == E_OK && ak.flags == AK_RESTRICT);
	CHECK(parse_opts("restrict,pty,no-pty") == E_OK && ak.flags == AK_RESTRICT);
}

TEST(command_quotes_and_escapes)
{
	CHECK(parse_opts("command=\"dump /home\"") == E_OK);
	CHECK(ak.command && strcmp(ak.command, "dump /home") == 0);
	CHECK(parse_opts("restrict,command=\"echo \\\"hi, there\\\"\",pty") == E_OK);
	CHECK(ak.command && strcmp(ak.command, "echo \"hi, there\"") == 0);
	CHECK(ak.flags == (AK_RESTRICT | AK_PERMIT_PTY));
	/* Only \" is an escape; other backslashes stay. */
	CHECK(parse_opts("command=\"a\\\\b\\n\"") == E_OK);
	CHECK(ak.command && strcmp(ak.command, "a\\\\b\\n") == 0);
	CHECK(parse_opts("command=\"\"") == E_OK && ak.command && ak.command[0] == 0);
	CHECK(parse_opts("Command=\"x\"") == E_OK && strcmp(ak.command, "x") == 0);
	CHECK(rejects("command=\"a\",command=\"b\""));
}

TEST(permitopen_forms)
{
	CHECK(parse_opts("permitopen=\"192.0.2.1:80\",permitopen=\"[2001:db8::1]:22\","
	                 "permitopen=\"host.example:*\",permitopen=\"*:443\"") == E_OK);
	CHECK(ak.n_permitopen == 4);
	CHECK(strcmp(ak.permitopen[0].host, "192.0.2.1") == 0 && ak.permitopen[0].port == 80);
	CHECK(strcmp(ak.permitopen[1].host, "2001:db8::1") == 0 && ak.permitopen[1].port == 22);
	CHECK(strcmp(ak.permitopen[2].host, "host.example") == 0 && ak.permitopen[2].port == -1);
	CHECK(strcmp(ak.permitopen[3].host, "*") == 0 && ak.permitopen[3].port == 443);
	CHECK(parse_opts("permitopen=\"h:65535\"") == E_OK && ak.permitopen[0].port == 65535);
	CHECK(rejects("permitopen=\"host\""));
	CHECK(rejects("permitopen=\"host:0\""));
	CHECK(rejects("permitopen=\"host:65536\""));
	CHECK(rejects("permitopen=\"host:080\""));
	CHECK(rejects("permitopen=\"host:\""));
	CHECK(rejects("permitopen=\":22\""));
	CHECK(rejects("permitopen=\"::1:22\""));
	CHECK(rejects("permitopen=\"[::1]22\""));
	CHECK(rejects("permitopen=\"[]:22\""));
	CHECK(rejects("permitopen=\"[::1:22\""));
	CHECK(rejects("permitopen=\"8080\""));
}

TEST(permitlisten_forms)
{
	CHECK(parse_opts("permitlisten=\"localhost:8080\",permitlisten=\"[::1]:22000\","
	                 "permitlisten=\"2222\",permitlisten=\"*:*\"") == E_OK);
	CHECK(ak.n_permitlisten == 4 && ak.n_permitopen == 0);
	CHECK(strcmp(ak.permitlisten[0].host, "localhost") == 0 && ak.permitlisten[0].port == 8080);
	CHECK(strcmp(ak.permitlisten[1].host, "::1") == 0 && ak.permitlisten[1].port == 22000);
	CHECK(ak.permitlisten[2].host == NULL && ak.permitlisten[2].port == 2222);
	CHECK(strcmp(ak.permitlisten[3].host, "*") == 0 && ak.permitlisten[3].port == -1);
	CHECK(rejects("permitlisten=\"\""));
	CHECK(rejects("permitlisten=\"host:x\""));
}

/* n copies of "name=\"h:1\"" joined by commas. */
static void repeat_opt(char *buf, size_t cap, const char *opt, int n)
{
	int i;

	buf[0] = 0;
	for (i = 0; i < n; i++) {
		if (i)
			strncat(buf, ",", cap - strlen(buf) - 1);
		strncat(buf, opt, cap - strlen(buf) - 1);
	}
}

TEST(too_many_entries)
{
	static char opts[4096];

	repeat_opt(opts, sizeof(opts), "permitopen=\"h:1\"", AUTHKEYS_MAX_PERMIT);
	CHECK(parse_opts(opts) == E_OK && ak.n_permitopen == AUTHKEYS_MAX_PERMIT);
	repeat_opt(opts, sizeof(opts), "permitopen=\"h:1\"", AUTHKEYS_MAX_PERMIT + 1);
	CHECK(rejects(opts));
	repeat_opt(opts, sizeof(opts), "permitlisten=\"1\"", AUTHKEYS_MAX_PERMIT + 1);
	CHECK(rejects(opts));
	repeat_opt(opts, sizeof(opts), "environment=\"A=1\"", AUTHKEYS_MAX_ENV);
	CHECK(parse_opts(opts) == E_OK && ak.n_env == AUTHKEYS_MAX_ENV);
	repeat_opt(opts, sizeof(opts), "environment=\"A=1\"", AUTHKEYS_MAX_ENV + 1);
	CHECK(rejects(opts));
}

TEST(from_environment_principals)
{
	CHECK(parse_opts("from=\"!*.dialup.example.com,*.example.com,10.0.0.0/8\"") == E_OK);
	CHECK(ak.from && strcmp(ak.from, "!*.dialup.example.com,*.example.com,10.0.0.0/8") == 0);
	CHECK(rejects("from=\"a\",from=\"b\""));
	CHECK(parse_opts("environment=\"PATH=/bin:/usr/bin\",environment=\"LANG=C x\"") == E_OK);
	CHECK(ak.n_env == 2 && strcmp(ak.env[0], "PATH=/bin:/usr/bin") == 0 &&
	      strcmp(ak.env[1], "LANG=C x") == 0);
	CHECK(parse_opts("environment=\"EMPTY=\"") == E_OK && strcmp(ak.env[0], "EMPTY=") == 0);
	CHECK(rejects("environment=\"NOEQUALS\""));
	CHECK(rejects("environment=\"=x\""));
	CHECK(rejects("environment=\"BAD-NAME=x\""));
	CHECK(parse_opts("cert-authority,principals=\"user_a,user_b\"") == E_OK);
	CHECK(ak.principals && strcmp(ak.principals, "user_a,user_b") == 0);
	CHECK(ak.flags & AK_CERT_AUTHORITY);
}

TEST(expiry_time)
{
	CHECK(parse_opts("expiry-time=\"20300102\"") == E_OK && (ak.flags & AK_EXPIRY));
	CHECK(ak.expiry.year == 2030 && ak.expiry.mon == 1 && ak.expiry.day == 2 &&
	      ak.expiry.hour == 0 && !ak.expiry.utc);
	CHECK(parse_opts("expiry-time=\"203001021304Z\"") == E_OK);
	CHECK(ak.expiry.hour == 13 && ak.expiry.min == 4 && ak.expiry.sec == 0 && ak.expiry.utc);
	CHECK(parse_opts("expiry-time=\"20300102130405\"") == E_OK && ak.expiry.sec == 5);
	CHECK(rejects("expiry-time=\"2030010\""));
	CHECK(rejects("expiry-time=\"203001021\""));
	CHECK(rejects("expiry-time=\"20301302\""));
	CHECK(rejects("expiry-time=\"20300100\""));
	CHECK(rejects("expiry-time=\"203001022400\""));
	CHECK(rejects("expiry-time=\"2030-1-02\""));
	CHECK(rejects("expiry-time=\"Z\""));
	CHECK(rejects("expiry-time=\"20300102\",expiry-time=\"20300102\""));
}

TEST(unknown_and_misused_options)
{
	CHECK(rejects("bogus"));
	CHECK(rejects("tunnel=\"0\""));
	CHECK(rejects("no-pty,frobnicate"));
	CHECK(rejects("no-pty=\"yes\""));
	CHECK(rejects("command"));
	CHECK(rejects("command="));
	CHECK(rejects("command=unquoted"));
	CHECK(rejects("permitopen"));
}

TEST(malformed_quoting)
{
	CHECK(rejects("command=\"unterminated"));
	CHECK(rejects("command=\"x\"y"));
	CHECK(rejects("command=\"x\"\"y\""));
	CHECK(rejects("command=\"ends in escape\\\""));
	CHECK(rejects(",no-pty"));
	CHECK(rejects("no-pty,"));
	CHECK(rejects("no-pty,,no-pty"));
	CHECK(rejects("no-pty ,no-pty"));
	CHECK(rejects("\"no-pty\""));
	/* Options with nothing after them. */
	CHECK(parse("no-pty") < 0);
	CHECK(parse("command=\"ls\"") < 0);
}

TEST(key_type_and_blob_mismatch)
{
	CHECK(parse("ssh-rsa " ED25519_BLOB) < 0 && ak.key.type == KEY_NONE);
	CHECK(parse("ecdsa-sha2-nistp256 " ED25519_BLOB) < 0);
	CHECK(parse("no-pty ssh-rsa " ED25519_BLOB " c") < 0);
	CHECK(parse("ssh-ed25519 " ED25519_BLOB "x") < 0);
	CHECK(parse("ssh-ed25519 AAAA") < 0);
	CHECK(parse("ssh-ed25519") < 0);
	CHECK(parse("ssh-ed25519 !!!!") < 0);
	CHECK(parse("sk-ssh-ed25519@openssh.com " ED25519_BLOB) == E_UNSUPPORTED);
	CHECK(parse("ssh-ed25519-cert-v01@openssh.com " ED25519_BLOB) == E_UNSUPPORTED);
	CHECK(parse("ssh-dss " ED25519_BLOB) == E_UNSUPPORTED);
	CHECK(strcmp(ak.why, "key type not supported") == 0);
}

TEST(other_key_types)
{
#if SHREW_ECDSA
	CHECK(parse("restrict " ECDSA256_LINE) == E_OK && ak.key.type == KEY_ECDSA_P256);
#else
	CHECK(parse("restrict " ECDSA256_LINE) == E_UNSUPPORTED && ak.key.type == KEY_NONE);
#endif
#if SHREW_RSA
	CHECK(parse(RSA2048_LINE) == E_OK && ak.key.type == KEY_RSA);
	CHECK(strcmp(ak.comment, "test-rsa2048@shrew") == 0);
#else
	CHECK(parse(RSA2048_LINE) == E_UNSUPPORTED && ak.key.type == KEY_NONE);
#endif
}

TEST(line_length_cap)
{
	static char line[SHREW_MAX_AUTHKEYS_LINE + 16];
	size_t base = strlen(ED25519_LINE);

	authkey_free(&ak); /* the last test's key: parse_line overwrites, not frees */
	/* Exactly at the cap (the comment pads it), then one over. */
	memset(line, 'c', sizeof(line));
	memcpy(line, ED25519_LINE, base);
	line[base] = ' ';
	CHECK(authkeys_parse_line(line, SHREW_MAX_AUTHKEYS_LINE, &ak) == E_OK);
	authkey_free(&ak);
	CHECK(authkeys_parse_line(line, SHREW_MAX_AUTHKEYS_LINE + 1, &ak) == E_TOOBIG);
	CHECK(ak.key.type == KEY_NONE);
	/* The end-of-line does not count. */
	memcpy(line + SHREW_MAX_AUTHKEYS_LINE, "\r\n", 2);
	CHECK(authkeys_parse_line(line, SHREW_MAX_AUTHKEYS_LINE + 2, &ak) == E_OK);
	authkey_free(&ak);
	line[SHREW_MAX_AUTHKEYS_LINE + 1] = 'c';
	CHECK(authkeys_parse_line(line, SHREW_MAX_AUTHKEYS_LINE + 2, &ak) == E_TOOBIG);
	/* A value that fills the line. */
	memset(line, 'x', sizeof(line));
	memcpy(line, "command=\"", 9);
	memcpy(line + SHREW_MAX_AUTHKEYS_LINE - base - 2, "\" ", 2);
	memcpy(line + SHREW_MAX_AUTHKEYS_LINE - base, ED25519_LINE, base);
#if SHREW_MAX_CMD >= SHREW_MAX_AUTHKEYS_LINE
	CHECK(authkeys_parse_line(line, SHREW_MAX_AUTHKEYS_LINE, &ak) == E_OK);
	CHECK(ak.command && strlen(ak.command) == SHREW_MAX_AUTHKEYS_LINE - base - 11);
#else
	CHECK(authkeys_parse_line(line, SHREW_MAX_AUTHKEYS_LINE, &ak) == E_TOOBIG);
#endif
	authkey_free(&ak);
}

TEST(allows_decision)
{
	const char *why;
	time_t t2030 = 1893456000; /* 2030-01-01T00:00:00Z */

	CHECK(parse_opts("from=\"*.example.com,192.0.2.0/24\"") == E_OK);
	CHECK(authkey_allows(&ak, t2030, "a.example.com", "198.51.100.1", &why) == 1);
	CHECK(authkey_allows(&ak, t2030, NULL, "192.0.2.200", &why) == 1);
	CHECK(authkey_allows(&ak, t2030, "evil.org", "198.51.100.1", &why) == 0);
	CHECK(strstr(why, "from=") != NULL);
	CHECK(parse_opts("from=\"*,!198.51.100.1\"") == E_OK);
	CHECK(authkey_allows(&ak, t2030, "a.example.com", "198.51.100.1", &why) == 0);
	CHECK(parse_opts("from=\"10.0.0.1/8\"") == E_OK);
	CHECK(authkey_allows(&ak, t2030, "h", "10.0.0.1", &why) == 0);
	CHECK(strstr(why, "malformed") != NULL);
	/* cert-authority lines never match. */
	CHECK(parse_opts("cert-authority") == E_OK);
	CHECK(authkey_allows(&ak, t2030, "h", "10.0.0.1", &why) == 0);
	CHECK(parse_opts("expiry-time=\"202912312359Z\"") == E_OK);
	CHECK(authkey_allows(&ak, t2030, "h", "10.0.0.1", &why) == 0);
	CHECK(strstr(why, "expired") != NULL);
	CHECK(authkey_allows(&ak, t2030 - 61, "h", "10.0.0.1", NULL) == 1);
	CHECK(parse_opts("expiry-time=\"20300101Z\"") == E_OK);
	CHECK(authkey_allows(&ak, t2030, "h", "10.0.0.1", NULL) == 1);
	CHECK(authkey_allows(&ak, t2030 + 1, "h", "10.0.0.1", NULL) == 0);
	CHECK(parse_opts("no-pty") == E_OK);
	CHECK(authkey_allows(&ak, t2030, NULL, NULL, NULL) == 1);
	authkey_free(&ak);
	CHECK(authkey_allows(&ak, t2030, NULL, NULL, NULL) == 0);
}

/* ---- Permissions ---------------------------------------------------------------- */

static char tmp[64], home[128], sshdir[160], akfile[192];

static int make_tree(uid_t uid)
{
	int fd;

	snprintf(tmp, sizeof(tmp), "/tmp/shrew-authkeys-XXXXXX");
	if (!mkdtemp(tmp))
		return 0;
	snprintf(home, sizeof(home), "%s/home", tmp);
	snprintf(sshdir, sizeof(sshdir), "%s/.ssh", home);
	snprintf(akfile, sizeof(akfile), "%s/authorized_keys", sshdir);
	if (mkdir(home, 0755) || mkdir(sshdir, 0700))
		return 0;
	fd = open(akfile, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return 0;
	close(fd);
	chmod(home, 0755);
	chmod(sshdir, 0700);
	chmod(akfile, 0600);
	if (uid != getuid() &&
	    (chown(home, uid, uid) || chown(sshdir, uid, uid) || chown(akfile, uid, uid)))
		return 0;
	return 1;
}

static void remove_tree(void)
{
	char link[224];

	snprintf(link, sizeof(link), "%s/link", sshdir);
	unlink(link);
	unlink(akfile);
	rmdir(sshdir);
	rmdir(home);
	rmdir(tmp);
}

static int perms(uid_t uid, char *why, size_t cap)
{
	return authkeys_check_perms(akfile, uid, home, why, cap);
}

TEST(perms_good_tree)
{
	char why[256], link[224];
	uid_t me = getuid();

	CHECK(make_tree(me));
	CHECK(perms(me, why, sizeof(why)) == E_OK && why[0] == 0);
	/* Through a symlink: the resolved file is checked. */
	snprintf(link, sizeof(link), "%s/link", sshdir);
	CHECK(symlink("authorized_keys", link) == 0);
	CHECK(authkeys_check_perms(link, me, home, why, sizeof(why)) == E_OK);
	/* Not under home: every directory up to "/" is checked, and /tmp is
	 * world-writable. */
	CHECK(authkeys_check_perms(akfile, me, NULL, why, sizeof(why)) != E_OK);
	CHECK(strstr(why, "directory") != NULL);
	CHECK(authkeys_check_perms(sshdir, me, home, why, sizeof(why)) == E_FORMAT);
	CHECK(strstr(why, "regular") != NULL);
	remove_tree();
	CHECK(perms(me, why, sizeof(why)) == E_IO && why[0] != 0);
	CHECK(perms(me, NULL, 0) == E_IO);
}

TEST(perms_writable_dirs_and_file)
{
	char why[256];
	uid_t me = getuid();

	CHECK(make_tree(me));
	chmod(sshdir, 0770);
	CHECK(perms(me, why, sizeof(why)) == E_FORMAT);
	CHECK(strstr(why, ".ssh") != NULL && strstr(why, "directory") != NULL);
	chmod(sshdir, 0700);
	chmod(home, 0757);
	CHECK(perms(me, why, sizeof(why)) == E_FORMAT && strstr(why, "/home") != NULL);
	chmod(home, 0755);
	chmod(akfile, 0620);
	CHECK(perms(me, why, sizeof(why)) == E_FORMAT && strstr(why, "file") != NULL);
	chmod(akfile, 0644);
	CHECK(perms(me, why, sizeof(why)) == E_OK);
	remove_tree();
}

TEST(perms_owners)
{
	char why[256];

	/* A user's tree: good for that user, bad for another user. */
	CHECK(make_tree(1234));
	CHECK(perms(1234, why, sizeof(why)) == E_OK);
	CHECK(perms(4321, why, sizeof(why)) == E_FORMAT && strstr(why, "file") != NULL);
	/* Root-owned pieces are fine for any user. */
	CHECK(chown(akfile, 0, 0) == 0);
	CHECK(perms(1234, why, sizeof(why)) == E_OK);
	/* A file owned by someone else is not. */
	CHECK(chown(akfile, 4321, 4321) == 0);
	CHECK(perms(1234, why, sizeof(why)) == E_FORMAT && strstr(why, "file") != NULL);
	CHECK(chown(akfile, 1234, 1234) == 0);
	CHECK(chown(sshdir, 4321, 4321) == 0);
	CHECK(perms(1234, why, sizeof(why)) == E_FORMAT && strstr(why, "directory") != NULL);
	remove_tree();
}

int main(void)
{
	if (crypto_init() != E_OK) {
		printf("FAIL crypto_init\n");
		return 1;
	}
	RUN(plain_key_and_comment);
	RUN(skip_blank_and_comments);
	RUN(line_endings);
	RUN(flag_options);
	RUN(restrict_and_reenable);
	RUN(command_quotes_and_escapes);
	RUN(permitopen_forms);
	RUN(permitlisten_forms);
	RUN(too_many_entries);
	RUN(from_environment_principals);
	RUN(expiry_time);
	RUN(unknown_and_misused_options);
	RUN(malformed_quoting);
	RUN(key_type_and_blob_mismatch);
	RUN(other_key_types);
	RUN(line_length_cap);
	RUN(allows_decision);
	RUN(perms_good_tree);
	RUN(perms_writable_dirs_and_file);
	if (getuid() == 0)
		RUN(perms_owners);
	else
		printf("SKIP perms_owners: needs root for chown\n");
	authkey_free(&ak);
	return unit_done();
}
