/*
 * test-knownhosts.c - known_hosts lines, host matching, the host key
 * decision and new entries (cli-knownhosts.c).
 *
 * The keys are the fixed test keys of test/data/keys (*.pub).  The hashed
 * lines were made by OpenSSH 9.2's `ssh-keygen -H` from plain lines for
 * these hosts and keys, so they are known answers for the HMAC-SHA1 name
 * hashing:
 *   H_LOCAL   [127.0.0.1]:2222  openssh-ed25519  (PUB_A)
 *   H_EXAMPLE example.org       openssh-ed25519  (PUB_A)
 *   H_CHANGED changed.example   dropbear-ed25519 (PUB_B)
 *   H_ECDSA   [ecdsa.example]:2200 openssh-ecdsa256
 *
 * Helper modes for test/integ/knownhosts.sh (cross-checks with OpenSSH):
 *   test-knownhosts --format HOST PORT PUBFILE [hashed]
 *       prints kh_format_line's line for the key in PUBFILE;
 *   test-knownhosts --check FILE HOST PORT PUBFILE
 *       prints kh_check's result for that file (OK, CHANGED, ...).
 */
#include "options.h"

#if SHREW_CLIENT

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include "unit.h"
#include "common-err.h"
#include "common-key.h"
#include "common-keyfile.h"
#include "crypto-ltc.h"
#include "cli-knownhosts.h"

#define BLOB_A "AAAAC3NzaC1lZDI1NTE5AAAAIISP10KIdNSzcJm8/3LudxqC9K/JeMSMvqYkggNbSXug"
#define BLOB_B "AAAAC3NzaC1lZDI1NTE5AAAAINuW/c5OCdiQ+wgQx1Fj/Kcdk/jI3qHd/Lx70xzetOd5"
#define BLOB_C "AAAAC3NzaC1lZDI1NTE5AAAAIJkG4JkLkTfFJvjNWa4/+dZs/ndSAPHWEYmUR7p1UXPf"
#define PUB_A "ssh-ed25519 " BLOB_A
#define PUB_B "ssh-ed25519 " BLOB_B
#define PUB_C "ssh-ed25519 " BLOB_C /* pkcs8-ed25519-openssl: revoked below */
#define PUB_ECDSA                                                                                  \
	"ecdsa-sha2-nistp256 "                                                                     \
	"AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBMGmcG2xWuVqnmrNVY3i8zohsB4nRaoaBMo8" \
	"IB78aae2DfNaHK7VcQpH1Jf41mTYbsM1lBsWT6/SNJRq39OrthU="
#define PUB_RSA                                                                           \
	"ssh-rsa "                                                                        \
	"AAAAB3NzaC1yc2EAAAADAQABAAABAQDl51K8RQrOX5Tn3m0FVf3RFJanioxk6pQnif5FwTHNKBuVIi/" \
	"SLXXblIGnn"                                                                      \
	"myTNr9L/aioXwKHQ1W4FXxWnCSfICCnOhtq/"                                            \
	"I5uKQhHjDrWZqhBWcidgV9qY2Dq4BQxhHF9iDQrI9gPP8+TLpNJFj"                           \
	"3xQYYAFpkhNTkJayyIfDJHRmnp3+Vi2LAgSpcP8i8gefcwCo7Y0jwJ4o0zjCUV/"                 \
	"L72sGmt62aCaPxzYzqmHW0U5Uz"                                                      \
	"ZbaqaPzXcUI5KJJC9gESe200v3YO6xY1nm8GpbhE+YCxqMzqJS3HA0E5J4DtO8gL4A2Pr/"          \
	"E8NBFF8aeG7CIrcc4vS"                                                             \
	"aoEbwWqYR6xNcihr"
/* ssh-keygen -H output (see the top of the file). */
#define H_LOCAL "|1|nEUTthTDS2UCy2UTvBTp1heXAj8=|Zz5AbZ1JjRhBIB/8Fi5B7eFt9UU="
#define H_EXAMPLE "|1|P/AXrzEvsu8UMHWQYVdVcTK1MzU=|7YZ6WbXAYI6pjfVoMhCTp9Gchqc="
#define H_CHANGED "|1|xXvTWvUrQ9pzhsOLZKN4i+dsUts=|Y4mJaXDNBVOP5fgImfPAi++Q3OY="
#define H_ECDSA "|1|+xS03Hw6hKi+WM8GjTE5y4dM9tw=|I+IkNstzYyGmAnA6v9qLAu/ygek="
/* A blob that names ssh-dss: a type shrew does not know. */
#define DSS_LINE "old.example ssh-dss AAAAB3NzaC1kc3MAAAABeA=="

static struct kh_entry ent;
static struct key key_a, key_b, key_c, key_ecdsa, key_rsa;

static int parse(const char *line)
{
	kh_entry_free(&ent);
	return kh_parse_line(line, strlen(line), &ent);
}

static int load_key(struct key *k, const char *line)
{
	return keyfile_parse_public_line(line, strlen(line), k, NULL, 0);
}

static int view_is(struct view v, const char *s)
{
	return v.len == strlen(s) && memcmp(v.p, s, v.len) == 0;
}

TEST(plain_line)
{
	CHECK(parse("example.com,192.0.2.1 " PUB_A " a comment  here ") == E_OK);
	CHECK(ent.marker == KH_MARK_NONE && !ent.hashed);
	CHECK(view_is(ent.hosts, "example.com,192.0.2.1"));
	CHECK(view_is(ent.type, "ssh-ed25519"));
	CHECK(view_is(ent.comment, "a comment  here"));
	CHECK(key_equal_public(&ent.key, &key_a));
	CHECK(parse(" \texample.com\t" PUB_A) == E_OK && ent.comment.len == 0);
	CHECK(kh_host_matches(&ent, "example.com", 22));
}

TEST(skip_blank_and_comments)
{
	CHECK(parse("") == KH_SKIP);
	CHECK(parse("\n") == KH_SKIP);
	CHECK(parse("\r\n") == KH_SKIP);
	CHECK(parse(" \t ") == KH_SKIP);
	CHECK(parse("# example.com " PUB_A) == KH_SKIP);
	CHECK(parse("   #example.com " PUB_A "\r\n") == KH_SKIP);
	CHECK(ent.key.type == KEY_NONE);
}

TEST(line_endings)
{
	CHECK(parse("example.com " PUB_A "\n") == E_OK && ent.key.type == KEY_ED25519);
	CHECK(parse("example.com " PUB_A " c\r\n") == E_OK && view_is(ent.comment, "c"));
	CHECK(parse("example.com " PUB_A "\n\n") == E_FORMAT);
	CHECK(parse("example.com " PUB_A "\rx") == E_FORMAT);
	CHECK(parse("example.com\r " PUB_A) == E_FORMAT);
	CHECK(kh_parse_line("h " PUB_A "\0x", sizeof("h " PUB_A) + 1, &ent) == E_FORMAT);
	CHECK(ent.key.type == KEY_NONE);
}

TEST(markers)
{
	CHECK(parse("@revoked * " PUB_C) == E_OK && ent.marker == KH_MARK_REVOKED);
	CHECK(view_is(ent.hosts, "*") && key_equal_public(&ent.key, &key_c));
	CHECK(parse("@cert-authority *.example.com " PUB_A " ca") == E_OK);
	CHECK(ent.marker == KH_MARK_CA && view_is(ent.comment, "ca"));
	CHECK(parse("@Revoked h " PUB_C) == E_OK && ent.marker == KH_MARK_REVOKED);
	CHECK(parse("@bogus h " PUB_A) == E_FORMAT);
	CHECK(parse("@revoked " PUB_A) == E_FORMAT); /* no hosts field */
	CHECK(parse("@revoked") == E_FORMAT);
	CHECK(parse("@revoked @revoked h " PUB_A) == E_FORMAT);
}

TEST(missing_and_bad_fields)
{
	CHECK(parse("example.com") == E_FORMAT);
	CHECK(parse("example.com ssh-ed25519") == E_FORMAT);
	CHECK(parse("example.com ssh-ed25519 !!!!") == E_FORMAT);
	CHECK(parse("example.com ssh-ed25519 AAAA") < 0);
	CHECK(parse("example.com ssh-ed25519 " BLOB_A "x") == E_FORMAT);
	CHECK(parse("example.com ssh-ed25519 " BLOB_A "=") == E_FORMAT);
	CHECK(parse("example.com ssh-rsa " BLOB_A) == E_FORMAT);
	CHECK(parse("example.com ecdsa-sha2-nistp256 " BLOB_A) == E_FORMAT);
	CHECK(parse("example.com ssh-ed25519-cert-v01@openssh.com " BLOB_A) == E_FORMAT);
	CHECK(ent.key.type == KEY_NONE);
	/* Truncated blob of the right type. */
	CHECK(parse("example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIISP10KI") < 0);
}

TEST(unsupported_type)
{
	CHECK(parse(DSS_LINE " old") == E_UNSUPPORTED);
	CHECK(ent.key.type == KEY_NONE && view_is(ent.type, "ssh-dss"));
	CHECK(view_is(ent.hosts, "old.example") && view_is(ent.comment, "old"));
	CHECK(kh_host_matches(&ent, "old.example", 22));
}

TEST(other_key_types)
{
#if SHREW_ECDSA
	CHECK(parse("h " PUB_ECDSA) == E_OK && ent.key.type == KEY_ECDSA_P256);
#else
	CHECK(parse("h " PUB_ECDSA) == E_UNSUPPORTED && ent.key.type == KEY_NONE);
#endif
#if SHREW_RSA
	CHECK(parse("h " PUB_RSA " c") == E_OK && ent.key.type == KEY_RSA);
#else
	CHECK(parse("h " PUB_RSA " c") == E_UNSUPPORTED && ent.key.type == KEY_NONE);
#endif
}

TEST(hashed_known_answers)
{
	int rc;

	CHECK(parse(H_LOCAL " " PUB_A) == E_OK && ent.hashed);
	CHECK(kh_host_matches(&ent, "127.0.0.1", 2222));
	CHECK(!kh_host_matches(&ent, "127.0.0.1", 22));
	CHECK(!kh_host_matches(&ent, "127.0.0.1", 2223));
	CHECK(!kh_host_matches(&ent, "127.0.0.2", 2222));
	CHECK(parse(H_EXAMPLE " " PUB_A) == E_OK && ent.hashed);
	CHECK(kh_host_matches(&ent, "example.org", 22));
	CHECK(kh_host_matches(&ent, "example.org", 0));
	CHECK(kh_host_matches(&ent, "Example.ORG", 22));
	CHECK(!kh_host_matches(&ent, "example.org", 2222));
	CHECK(!kh_host_matches(&ent, "example.or", 22));
	CHECK(parse(H_CHANGED " " PUB_B) == E_OK && kh_host_matches(&ent, "changed.example", 22));
	rc = parse(H_ECDSA " " PUB_ECDSA);
	CHECK((rc == E_OK || rc == E_UNSUPPORTED) && ent.hashed);
	CHECK(kh_host_matches(&ent, "ecdsa.example", 2200));
	CHECK(!kh_host_matches(&ent, "ecdsa.example", 22));
}

TEST(hashed_malformed)
{
	CHECK(parse("|1|nEUTthTDS2UCy2UTvBTp1heXAj8= " PUB_A) == E_FORMAT);
	CHECK(parse("|1|nEUTthTDS2UCy2UTvBTp1heXAj8=| " PUB_A) == E_FORMAT);
	CHECK(parse("|1||Zz5AbZ1JjRhBIB/8Fi5B7eFt9UU= " PUB_A) == E_FORMAT);
	CHECK(parse("|2|nEUTthTDS2UCy2UTvBTp1heXAj8=|Zz5AbZ1JjRhBIB/8Fi5B7eFt9UU= " PUB_A) ==
	      E_FORMAT);
	CHECK(parse(H_LOCAL "|x " PUB_A) == E_FORMAT);
	CHECK(parse(H_LOCAL ",other " PUB_A) == E_FORMAT);
	CHECK(parse("|1|nEUTthTDS2UCy2UTvBTp1heXAj8=|Zz5AbZ1JjRhBIB/8Fi5B7eFt9UU " PUB_A) ==
	      E_FORMAT);
	/* 19- and 21-byte salts. */
	CHECK(parse("|1|nEUTthTDS2UCy2UTvBTp1heXAg==|Zz5AbZ1JjRhBIB/8Fi5B7eFt9UU= " PUB_A) ==
	      E_FORMAT);
	CHECK(parse("|1|nEUTthTDS2UCy2UTvBTp1heXAj8AAA==|Zz5AbZ1JjRhBIB/8Fi5B7eFt9UU= " PUB_A) ==
	      E_FORMAT);
	CHECK(parse("|1|!!!!|Zz5AbZ1JjRhBIB/8Fi5B7eFt9UU= " PUB_A) == E_FORMAT);
	CHECK(parse("|") == E_FORMAT && parse("|1|") == E_FORMAT);
	CHECK(ent.key.type == KEY_NONE);
}

TEST(patterns_and_ports)
{
	CHECK(parse("*.example.com,!bad.example.com " PUB_A) == E_OK);
	CHECK(kh_host_matches(&ent, "a.example.com", 22));
	CHECK(kh_host_matches(&ent, "A.Example.COM", 22));
	CHECK(!kh_host_matches(&ent, "bad.example.com", 22));
	CHECK(!kh_host_matches(&ent, "example.com", 22));
	CHECK(!kh_host_matches(&ent, "x.example.com", 2222)); /* "[x.example.com]:2222" */
	/* "*" matches the "[host]:port" form too, as in OpenSSH. */
	CHECK(parse("* " PUB_A) == E_OK && kh_host_matches(&ent, "h", 2222));
	CHECK(parse("[*.example.net]:2222,host? " PUB_A) == E_OK);
	CHECK(kh_host_matches(&ent, "h.example.net", 2222));
	CHECK(!kh_host_matches(&ent, "h.example.net", 22));
	CHECK(kh_host_matches(&ent, "host1", 22) && !kh_host_matches(&ent, "host12", 22));
	CHECK(parse("[::1]:2222,192.0.2.* " PUB_A) == E_OK);
	CHECK(kh_host_matches(&ent, "::1", 2222) && kh_host_matches(&ent, "192.0.2.7", 22));
	CHECK(!kh_host_matches(&ent, "::1", 22));
	CHECK(parse("example.com:22,[example.com]:22 " PUB_A) == E_OK);
	CHECK(!kh_host_matches(&ent, "example.com", 22)); /* port 22 looks up "example.com" */
	CHECK(parse("!only.negated " PUB_A) == E_OK);
	CHECK(!kh_host_matches(&ent, "only.negated", 22) && !kh_host_matches(&ent, "x", 22));
	/* Bad lookups never match. */
	CHECK(parse("* " PUB_A) == E_OK);
	CHECK(!kh_host_matches(&ent, NULL, 22) && !kh_host_matches(&ent, "", 22));
	CHECK(!kh_host_matches(&ent, "h", 65536));
}

TEST(line_length_cap)
{
	static char line[SHREW_MAX_KNOWNHOSTS_LINE + 16];
	const char *base = "h " PUB_A " ";
	size_t bn = strlen(base);

	memset(line, 'c', sizeof(line));
	memcpy(line, base, bn);
	CHECK(kh_parse_line(line, SHREW_MAX_KNOWNHOSTS_LINE, &ent) == E_OK);
	CHECK(ent.comment.len == SHREW_MAX_KNOWNHOSTS_LINE - bn);
	kh_entry_free(&ent);
	CHECK(kh_parse_line(line, SHREW_MAX_KNOWNHOSTS_LINE + 1, &ent) == E_TOOBIG);
	memcpy(line + SHREW_MAX_KNOWNHOSTS_LINE, "\r\n", 2);
	CHECK(kh_parse_line(line, SHREW_MAX_KNOWNHOSTS_LINE + 2, &ent) == E_OK);
	kh_entry_free(&ent);
	CHECK(ent.key.type == KEY_NONE);
}

/* clang-format off */
static const char kh_file[] =
	"# known_hosts for the tests\n"                           /* 1 */
	"\n"                                                      /* 2 */
	H_LOCAL " " PUB_A "\n"                                    /* 3 */
	H_EXAMPLE " " PUB_A "\r\n"                                /* 4 */
	H_CHANGED " " PUB_B "\n"                                  /* 5 */
	H_ECDSA " " PUB_ECDSA "\n"                                /* 6 */
	"multi.example " PUB_A "\n"                               /* 7 */
	"multi.example,192.0.2.10 " PUB_B " second key\n"         /* 8 */
	"multi.example " PUB_ECDSA "\n"                           /* 9 */
	"@revoked * " PUB_C " stolen\n"                           /* 10 */
	"@cert-authority *.ca.example " PUB_A "\n"                /* 11 */
	"*.example.com,!bad.example.com " PUB_B "\n"              /* 12 */
	"garbage.example ssh-ed25519 !!notbase64!!\n"             /* 13 */
	"truncated.example ssh-ed25519 AAAAC3NzaC1lZDI1\n"        /* 14 */
	"@bogus marker.example " PUB_A "\n"                       /* 15 */
	"   # indented comment\r\n"                               /* 16 */
	DSS_LINE "\n"                                             /* 17 */
	"rsa.example " PUB_RSA "\n"                               /* 18 */
	"twice.example " PUB_B "\n"                               /* 19 */
	"twice.example " PUB_C "\n"                               /* 20 */
	"last.example " PUB_A;                                    /* 21, no newline */
/* clang-format on */

static enum kh_result check(const char *host, unsigned port, const struct key *k,
                            struct kh_report *rep)
{
	return kh_check(kh_file, sizeof(kh_file) - 1, host, port, k, rep);
}

TEST(check_ok)
{
	struct kh_report rep;

	CHECK(check("127.0.0.1", 2222, &key_a, &rep) == KH_OK && rep.ok_line == 3);
	CHECK(check("example.org", 22, &key_a, &rep) == KH_OK && rep.ok_line == 4);
	CHECK(check("multi.example", 22, &key_a, &rep) == KH_OK && rep.ok_line == 7);
	/* Several keys per host: the second one is fine too. */
	CHECK(check("multi.example", 22, &key_b, &rep) == KH_OK && rep.ok_line == 8);
	CHECK(rep.changed.n == 1 && rep.changed.at[0].line == 7);
	CHECK(check("192.0.2.10", 22, &key_b, &rep) == KH_OK && rep.ok_line == 8);
	CHECK(check("good.example.com", 22, &key_b, &rep) == KH_OK && rep.ok_line == 12);
	CHECK(check("last.example", 22, &key_a, &rep) == KH_OK && rep.ok_line == 21);
	/* The malformed lines are listed whatever the host. */
	CHECK(rep.bad.n == 3);
	CHECK(rep.bad.at[0].line == 13 && rep.bad.at[0].err == E_FORMAT);
	CHECK(rep.bad.at[1].line == 14 && rep.bad.at[2].line == 15);
	CHECK(check("last.example", 22, &key_a, NULL) == KH_OK);
}

TEST(check_changed)
{
	struct kh_report rep;

	CHECK(check("changed.example", 22, &key_a, &rep) == KH_CHANGED);
	CHECK(rep.changed.n == 1 && rep.changed.at[0].line == 5);
	CHECK(view_is(rep.changed.at[0].type, "ssh-ed25519") && rep.ok_line == 0);
	CHECK(check("127.0.0.1", 2222, &key_b, &rep) == KH_CHANGED);
	CHECK(rep.changed.at[0].line == 3);
	CHECK(check("x.example.com", 22, &key_a, &rep) == KH_CHANGED);
	CHECK(rep.changed.at[0].line == 12);
}

TEST(check_other_type_and_unknown)
{
	struct kh_report rep;

	CHECK(check("ecdsa.example", 2200, &key_a, &rep) == KH_OTHER_TYPE);
	CHECK(rep.other.n == 1 && rep.other.at[0].line == 6);
	CHECK(view_is(rep.other.at[0].type, "ecdsa-sha2-nistp256"));
	CHECK(check("old.example", 22, &key_a, &rep) == KH_OTHER_TYPE);
	CHECK(view_is(rep.other.at[0].type, "ssh-dss"));
	CHECK(check("rsa.example", 22, &key_a, &rep) == KH_OTHER_TYPE);
	CHECK(check("nowhere.example", 22, &key_a, &rep) == KH_UNKNOWN);
	CHECK(rep.ok_line == 0 && rep.changed.n == 0 && rep.other.n == 0 && rep.bad.n == 3);
	CHECK(check("ecdsa.example", 22, &key_a, &rep) == KH_UNKNOWN);
	CHECK(check("bad.example.com", 22, &key_b, &rep) == KH_UNKNOWN);
	/* cert-authority lines never count. */
	CHECK(check("x.ca.example", 22, &key_a, &rep) == KH_UNKNOWN);
	/* Marker lines that do not parse are skipped, not applied. */
	CHECK(check("marker.example", 22, &key_a, &rep) == KH_UNKNOWN);
#if SHREW_RSA
	CHECK(check("multi.example", 22, &key_rsa, &rep) == KH_OTHER_TYPE);
	CHECK(rep.other.n == 3 && rep.other.at[2].line == 9);
	CHECK(check("rsa.example", 22, &key_rsa, &rep) == KH_OK && rep.ok_line == 18);
#endif
#if SHREW_ECDSA
	CHECK(check("multi.example", 22, &key_ecdsa, &rep) == KH_OK && rep.ok_line == 9);
	CHECK(check("ecdsa.example", 2200, &key_ecdsa, &rep) == KH_OK && rep.ok_line == 6);
#endif
}

TEST(check_revoked)
{
	struct kh_report rep;

	/* A revoked key is refused for any host, listed or not. */
	CHECK(check("nowhere.example", 22, &key_c, &rep) == KH_REVOKED && rep.revoked_line == 10);
	CHECK(check("twice.example", 22, &key_c, &rep) == KH_REVOKED && rep.ok_line == 20);
	CHECK(check("twice.example", 22, &key_b, &rep) == KH_OK);
	CHECK(rep.revoked_line == 0);
}

TEST(check_arguments_and_edges)
{
	static const char many_lines[] =
	    "h " PUB_B "\nh " PUB_B "\nh " PUB_B "\nh " PUB_B "\nh " PUB_B "\nh " PUB_B "\nh " PUB_B
	    "\nh " PUB_B "\nh " PUB_B "\nh " PUB_B "\n";
	static const char nul_line[] = "h " PUB_A "\0\nh " PUB_B "\n";
	struct kh_report rep;
	struct key none;

	memset(&none, 0, sizeof(none));
	CHECK(kh_check(NULL, 0, "h", 22, &key_a, &rep) == KH_UNKNOWN);
	CHECK(kh_check("", 0, "h", 22, &key_a, &rep) == KH_UNKNOWN);
	CHECK(kh_check(NULL, 1, "h", 22, &key_a, &rep) == KH_ERROR);
	CHECK(kh_check(kh_file, 10, NULL, 22, &key_a, &rep) == KH_ERROR);
	CHECK(kh_check(kh_file, 10, "", 22, &key_a, &rep) == KH_ERROR);
	CHECK(kh_check(kh_file, 10, "h", 65536, &key_a, &rep) == KH_ERROR);
	CHECK(kh_check(kh_file, 10, "h", 22, &none, &rep) == KH_ERROR);
	CHECK(kh_check(kh_file, 10, "h", 22, NULL, &rep) == KH_ERROR);
	CHECK(kh_check(many_lines, sizeof(many_lines) - 1, "h", 22, &key_a, &rep) == KH_CHANGED);
	CHECK(rep.changed.n == 10 && rep.changed.at[KH_MAX_HITS - 1].line == KH_MAX_HITS);
	/* A NUL spoils its line only. */
	CHECK(kh_check(nul_line, sizeof(nul_line) - 1, "h", 22, &key_a, &rep) == KH_CHANGED);
	CHECK(rep.bad.n == 1 && rep.bad.at[0].line == 1 && rep.changed.at[0].line == 2);
}

TEST(check_overlong_line)
{
	static char buf[SHREW_MAX_KNOWNHOSTS_LINE + 256];
	const char *good = "h " PUB_A "\n";
	size_t o;
	struct kh_report rep;

	memset(buf, 'x', sizeof(buf));
	memcpy(buf, "h " PUB_B " ", strlen("h " PUB_B " "));
	o = SHREW_MAX_KNOWNHOSTS_LINE + 1;
	buf[o++] = '\n';
	memcpy(buf + o, good, strlen(good));
	o += strlen(good);
	CHECK(kh_check(buf, o, "h", 22, &key_a, &rep) == KH_OK && rep.ok_line == 2);
	CHECK(rep.bad.n == 1 && rep.bad.at[0].err == E_TOOBIG && rep.changed.n == 0);
}

/* Formats k for host:port into out; returns kh_format_line's result. */
static int format(const char *host, unsigned port, const struct key *k, int hashed, char *out,
                  size_t cap)
{
	struct wr w;

	wr_init(&w, out, cap);
	return kh_format_line(&w, host, port, k, hashed);
}

TEST(format_plain)
{
	char out[KH_MAX_FORMAT];

	CHECK(format("example.org", 22, &key_a, 0, out, sizeof(out)) == E_OK);
	CHECK(strcmp(out, "example.org " PUB_A) == 0);
	CHECK(format("Example.ORG", 0, &key_a, 0, out, sizeof(out)) == E_OK);
	CHECK(strcmp(out, "example.org " PUB_A) == 0);
	CHECK(format("127.0.0.1", 2222, &key_b, 0, out, sizeof(out)) == E_OK);
	CHECK(strcmp(out, "[127.0.0.1]:2222 " PUB_B) == 0);
	CHECK(format("::1", 65535, &key_a, 0, out, sizeof(out)) == E_OK);
	CHECK(strcmp(out, "[::1]:65535 " PUB_A) == 0);
#if SHREW_RSA
	CHECK(format("rsa.example", 22, &key_rsa, 0, out, sizeof(out)) == E_OK);
	CHECK(strcmp(out, "rsa.example " PUB_RSA) == 0);
#endif
#if SHREW_ECDSA
	CHECK(format("e", 22, &key_ecdsa, 0, out, sizeof(out)) == E_OK);
	CHECK(strcmp(out, "e " PUB_ECDSA) == 0);
#endif
}

TEST(format_hashed_round_trip)
{
	char out[KH_MAX_FORMAT], again[KH_MAX_FORMAT];
	struct kh_report rep;

	CHECK(format("127.0.0.1", 2222, &key_a, 1, out, sizeof(out)) == E_OK);
	CHECK(strncmp(out, "|1|", 3) == 0 && strlen(out) == 60 + 1 + strlen(PUB_A));
	CHECK(strcmp(out + 61, PUB_A) == 0);
	CHECK(parse(out) == E_OK && ent.hashed && key_equal_public(&ent.key, &key_a));
	CHECK(kh_host_matches(&ent, "127.0.0.1", 2222));
	CHECK(!kh_host_matches(&ent, "127.0.0.1", 22));
	CHECK(kh_check(out, strlen(out), "127.0.0.1", 2222, &key_a, &rep) == KH_OK);
	CHECK(kh_check(out, strlen(out), "127.0.0.1", 2222, &key_b, &rep) == KH_CHANGED);
	/* A fresh salt every time. */
	CHECK(format("127.0.0.1", 2222, &key_a, 1, again, sizeof(again)) == E_OK);
	CHECK(strcmp(out, again) != 0);
	CHECK(format("Example.ORG", 22, &key_b, 1, out, sizeof(out)) == E_OK);
	CHECK(parse(out) == E_OK && kh_host_matches(&ent, "example.org", 22));
}

TEST(format_refuses)
{
	static const char *const bad[] = {"",    "a b",  "a,b",  "*",        "h?",   "!h",
	                                  "[h]", "|1|",  "#h",   "@h",       "a\tb", "a\"b",
	                                  "a'b", "a\\b", "\x7f", "h\xc3\xa9"};
	char out[KH_MAX_FORMAT], long_host[KH_MAX_HOST + 2];
	struct key none;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(format(bad[i], 22, &key_a, 0, out, sizeof(out)) == E_ARG);
	memset(long_host, 'a', sizeof(long_host));
	long_host[KH_MAX_HOST] = 0;
	CHECK(format(long_host, 22, &key_a, 1, out, sizeof(out)) == E_OK);
	long_host[KH_MAX_HOST] = 'a';
	long_host[KH_MAX_HOST + 1] = 0;
	CHECK(format(long_host, 22, &key_a, 0, out, sizeof(out)) == E_ARG);
	CHECK(format("h", 65536, &key_a, 0, out, sizeof(out)) == E_ARG);
	memset(&none, 0, sizeof(none));
	CHECK(format("h", 22, &none, 0, out, sizeof(out)) == E_ARG);
	CHECK(format("h", 22, &key_a, 0, out, 20) == E_TOOBIG);
	CHECK(format("h", 22, &key_a, 1, out, 40) == E_TOOBIG);
	CHECK(format("h", 22, &key_a, 0, out, strlen("h " PUB_A)) ==
	      E_TOOBIG); /* no room for NUL */
}

/* ---- Files ------------------------------------------------------------------- */

static char tmp[64], sshdir[96], khfile[128];

static int make_tmp(void)
{
	snprintf(tmp, sizeof(tmp), "/tmp/shrew-knownhosts-XXXXXX");
	if (!mkdtemp(tmp))
		return 0;
	snprintf(sshdir, sizeof(sshdir), "%s/.ssh", tmp);
	snprintf(khfile, sizeof(khfile), "%s/known_hosts", sshdir);
	return 1;
}

static void remove_tmp(void)
{
	unlink(khfile);
	rmdir(sshdir);
	rmdir(tmp);
}

TEST(append_and_load)
{
	char *buf;
	size_t n;
	struct stat st;
	const char *why;

	CHECK(make_tmp());
	CHECK(kh_load(khfile, &buf, &n, &why) == E_IO && errno == ENOENT && !buf);
	CHECK(kh_append(khfile, "example.org " PUB_A) == E_OK);
	CHECK(stat(sshdir, &st) == 0 && (st.st_mode & 0777) == 0700);
	CHECK(stat(khfile, &st) == 0 && (st.st_mode & 0077) == 0);
	CHECK(kh_append(khfile, "[127.0.0.1]:2222 " PUB_B) == E_OK);
	CHECK(kh_load(khfile, &buf, &n, &why) == E_OK);
	CHECK(buf && n == strlen(buf) &&
	      strcmp(buf, "example.org " PUB_A "\n[127.0.0.1]:2222 " PUB_B "\n") == 0);
	CHECK(kh_check(buf, n, "127.0.0.1", 2222, &key_b, NULL) == KH_OK);
	free(buf);
	CHECK(kh_append(khfile, "a\nb") == E_ARG && kh_append(khfile, "a\r") == E_ARG);
	CHECK(kh_append(khfile, "") == E_ARG);
	remove_tmp();
}

TEST(append_after_missing_newline)
{
	char *buf;
	size_t n;
	int fd;

	CHECK(make_tmp());
	CHECK(mkdir(sshdir, 0700) == 0);
	fd = open(khfile, O_WRONLY | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0 && write(fd, "old " PUB_A, strlen("old " PUB_A)) > 0);
	close(fd);
	CHECK(kh_append(khfile, "new " PUB_B) == E_OK);
	CHECK(kh_load(khfile, &buf, &n, NULL) == E_OK);
	CHECK(buf && strcmp(buf, "old " PUB_A "\nnew " PUB_B "\n") == 0);
	free(buf);
	remove_tmp();
}

TEST(load_limits)
{
	static char line[SHREW_MAX_KNOWNHOSTS_LINE + 2];
	const char *why = NULL;
	char *buf;
	size_t n;
	int fd;

	CHECK(make_tmp());
	CHECK(kh_load(tmp, &buf, &n, &why) == E_FORMAT && why && strstr(why, "regular"));
	CHECK(kh_append(tmp, "h " PUB_A) == E_IO && errno == EISDIR);
	CHECK(mkdir(sshdir, 0700) == 0);
	fd = open(khfile, O_WRONLY | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0 && ftruncate(fd, SHREW_MAX_KNOWNHOSTS_FILE) == 0);
	close(fd);
	CHECK(kh_load(khfile, &buf, &n, &why) == E_OK && n == SHREW_MAX_KNOWNHOSTS_FILE);
	free(buf);
	fd = open(khfile, O_WRONLY);
	CHECK(fd >= 0 && ftruncate(fd, SHREW_MAX_KNOWNHOSTS_FILE + 1) == 0);
	close(fd);
	CHECK(kh_load(khfile, &buf, &n, &why) == E_TOOBIG && !buf && strstr(why, "too big"));
	memset(line, 'x', sizeof(line));
	line[SHREW_MAX_KNOWNHOSTS_LINE] = 0;
	CHECK(kh_append(khfile, line) == E_OK);
	line[SHREW_MAX_KNOWNHOSTS_LINE] = 'x';
	line[SHREW_MAX_KNOWNHOSTS_LINE + 1] = 0;
	CHECK(kh_append(khfile, line) == E_TOOBIG);
	remove_tmp();
}

/* ---- Helper modes for test/integ/knownhosts.sh ------------------------------------ */

static int load_pub(const char *path, struct key *k)
{
	char *buf;
	size_t n;
	int rc;

	if (kh_load(path, &buf, &n, NULL) != E_OK)
		return E_IO;
	rc = keyfile_parse_public_line(buf, strcspn(buf, "\n"), k, NULL, 0);
	free(buf);
	return rc;
}

static int mode_format(char **argv)
{
	char out[KH_MAX_FORMAT];
	struct key k;
	int rc;

	if (load_pub(argv[3], &k) != E_OK)
		return 2;
	rc = format(argv[1], (unsigned)strtoul(argv[2], NULL, 10), &k, argv[4] != NULL, out,
	            sizeof(out));
	key_free(&k);
	if (rc != E_OK)
		return 1;
	puts(out);
	return 0;
}

static int mode_check(char **argv)
{
	static const char *const names[] = {"UNKNOWN", "OK", "CHANGED", "OTHER_TYPE", "REVOKED"};
	enum kh_result r;
	struct key k;
	char *buf;
	size_t n;

	if (load_pub(argv[4], &k) != E_OK || kh_load(argv[1], &buf, &n, NULL) != E_OK)
		return 2;
	r = kh_check(buf, n, argv[2], (unsigned)strtoul(argv[3], NULL, 10), &k, NULL);
	puts(r == KH_ERROR ? "ERROR" : names[r]);
	free(buf);
	key_free(&k);
	return 0;
}

static int load_keys(void)
{
	int ok = load_key(&key_a, PUB_A) == E_OK && load_key(&key_b, PUB_B) == E_OK &&
	         load_key(&key_c, PUB_C) == E_OK;
#if SHREW_ECDSA
	ok = ok && load_key(&key_ecdsa, PUB_ECDSA) == E_OK;
#endif
#if SHREW_RSA
	ok = ok && load_key(&key_rsa, PUB_RSA) == E_OK;
#endif
	return ok;
}

int main(int argc, char **argv)
{
	if (crypto_init() != E_OK) {
		printf("FAIL crypto_init\n");
		return 1;
	}
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "--format") == 0)
		return mode_format(argv + 1);
	if (argc == 6 && strcmp(argv[1], "--check") == 0)
		return mode_check(argv + 1);
	if (!load_keys()) {
		printf("FAIL test keys\n");
		return 1;
	}
	RUN(plain_line);
	RUN(skip_blank_and_comments);
	RUN(line_endings);
	RUN(markers);
	RUN(missing_and_bad_fields);
	RUN(unsupported_type);
	RUN(other_key_types);
	RUN(hashed_known_answers);
	RUN(hashed_malformed);
	RUN(patterns_and_ports);
	RUN(line_length_cap);
	RUN(check_ok);
	RUN(check_changed);
	RUN(check_other_type_and_unknown);
	RUN(check_revoked);
	RUN(check_arguments_and_edges);
	RUN(check_overlong_line);
	RUN(format_plain);
	RUN(format_hashed_round_trip);
	RUN(format_refuses);
	RUN(append_and_load);
	RUN(append_after_missing_newline);
	RUN(load_limits);
	kh_entry_free(&ent);
	key_free(&key_a);
	key_free(&key_b);
	key_free(&key_c);
	key_free(&key_ecdsa);
	key_free(&key_rsa);
	return unit_done();
}

#else /* !SHREW_CLIENT */

#include <stdio.h>

/* Nothing to test: no RUN.  The SKIP line tells test/run.sh why. */
int main(void)
{
	puts("SKIP test-knownhosts: SHREW_CLIENT is off");
	return 0;
}

#endif
