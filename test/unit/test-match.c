/*
 * test-match.c - patterns, pattern-lists and from= address lists
 * (common-match.c), from the examples of ssh_config(5) PATTERNS and
 * sshd(8) from=, plus negation precedence and CIDR edges.
 */
#include "unit.h"
#include "common-match.h"

static int pat(const char *s, const char *p, int fold)
{
	return match_pattern(s, strlen(s), p, strlen(p), fold);
}

static int list(const char *s, const char *l)
{
	return match_list(s, strlen(s), l, strlen(l), 1);
}

static int addr(const char *ip, const char *l)
{
	return match_addr_list(ip, l, strlen(l));
}

static int hostip(const char *host, const char *ip, const char *l)
{
	return match_host_and_ip(host, ip, l, strlen(l));
}

TEST(pattern_wildcards)
{
	CHECK(pat("www.example.co.uk", "*.co.uk", 0));
	CHECK(!pat("www.example.co.uk.evil", "*.co.uk", 0));
	CHECK(pat("192.168.0.7", "192.168.0.?", 0));
	CHECK(!pat("192.168.0.17", "192.168.0.?", 0));
	CHECK(pat("", "", 0));
	CHECK(pat("", "*", 0));
	CHECK(!pat("", "?", 0));
	CHECK(!pat("a", "", 0));
	CHECK(pat("abc", "a*c", 0));
	CHECK(pat("ac", "a*c", 0));
	CHECK(pat("abcbc", "a*bc", 0));
	CHECK(!pat("abcb", "a*bc", 0));
	CHECK(pat("aXbYc", "a*b*c", 0));
	CHECK(pat("abc", "***", 0));
	CHECK(pat("abc", "?*?", 0));
	CHECK(!pat("a", "?*?", 0));
	CHECK(pat("a*b", "a*b", 0)); /* '*' in the subject is ordinary */
}

TEST(pattern_case)
{
	CHECK(pat("Host.Example.COM", "*.example.com", 1));
	CHECK(!pat("Host.Example.COM", "*.example.com", 0));
	CHECK(pat("HOST", "host", 1));
}

TEST(pattern_pathological_is_fast)
{
	static char s[4001], p[4001];
	int i;

	for (i = 0; i < 4000; i++)
		s[i] = 'a';
	for (i = 0; i < 4000; i += 2) {
		p[i] = '*';
		p[i + 1] = 'a';
	}
	p[3999] = 'b';
	/* Exponential backtracking would never finish. */
	CHECK(!match_pattern(s, 4000, p, 4000, 0));
}

TEST(list_man_page_examples)
{
	const char *l = "!*.dialup.example.com,*.example.com";

	CHECK(list("host.example.com", l) == MATCH_YES);
	CHECK(list("pc7.dialup.example.com", l) == MATCH_NEGATED);
	CHECK(list("example.org", l) == MATCH_NONE);
	/* A negated match never gives a positive result by itself. */
	CHECK(list("host3", "!host1,!host2") == MATCH_NONE);
	CHECK(list("host1", "!host1,!host2") == MATCH_NEGATED);
	CHECK(list("host3", "!host1,!host2,*") == MATCH_YES);
	CHECK(list("host1", "!host1,!host2,*") == MATCH_NEGATED);
}

TEST(list_negation_wins_any_order)
{
	CHECK(list("a.example.com", "*,!a.example.com") == MATCH_NEGATED);
	CHECK(list("a.example.com", "!a.example.com,*") == MATCH_NEGATED);
	CHECK(list("A.EXAMPLE.com", "*,!a.example.com") == MATCH_NEGATED);
	CHECK(list("b", "a,,b") == MATCH_YES);
	CHECK(list("", "a,") == MATCH_YES); /* an empty entry matches "" */
	CHECK(list("x", "") == MATCH_NONE);
}

TEST(addr_cidr_v4)
{
	CHECK(addr("192.0.2.1", "192.0.2.0/24") == MATCH_YES);
	CHECK(addr("192.0.3.1", "192.0.2.0/24") == MATCH_NONE);
	CHECK(addr("203.0.113.9", "0.0.0.0/0") == MATCH_YES);
	CHECK(addr("203.0.113.9", "203.0.113.9/32") == MATCH_YES);
	CHECK(addr("203.0.113.8", "203.0.113.9/32") == MATCH_NONE);
	CHECK(addr("10.255.255.255", "10.0.0.0/8") == MATCH_YES);
	CHECK(addr("11.0.0.0", "10.0.0.0/8") == MATCH_NONE);
	CHECK(addr("10.0.0.129", "10.0.0.128/25") == MATCH_YES);
	CHECK(addr("10.0.0.127", "10.0.0.128/25") == MATCH_NONE);
	CHECK(addr("10.1.2.3", "!10.1.0.0/16,10.0.0.0/8") == MATCH_NEGATED);
	CHECK(addr("10.2.2.3", "!10.1.0.0/16,10.0.0.0/8") == MATCH_YES);
	/* An IPv4-mapped IPv6 client is its IPv4 address. */
	CHECK(addr("::ffff:192.0.2.7", "192.0.2.0/24") == MATCH_YES);
	/* IPv6 client never matches an IPv4 network. */
	CHECK(addr("2001:db8::1", "0.0.0.0/0") == MATCH_NONE);
}

TEST(addr_cidr_v6)
{
	CHECK(addr("2001:db8::1", "2001:db8::/32") == MATCH_YES);
	CHECK(addr("2001:db9::1", "2001:db8::/32") == MATCH_NONE);
	CHECK(addr("2001:db8::1", "::/0") == MATCH_YES);
	CHECK(addr("2001:db8::1", "2001:db8::1/128") == MATCH_YES);
	CHECK(addr("2001:db8::2", "2001:db8::1/128") == MATCH_NONE);
	CHECK(addr("2001:DB8::1", "2001:db8:0:0::1/128") == MATCH_YES);
	CHECK(addr("2001:db8::8001", "2001:db8::8000/113") == MATCH_YES);
	CHECK(addr("2001:db8::7fff", "2001:db8::8000/113") == MATCH_NONE);
	CHECK(addr("192.0.2.1", "::/0") == MATCH_NONE);
}

TEST(addr_invalid_cidr)
{
	static const char *const bad[] = {
	    "10.0.0.0/33", "10.0.0.1/24",   "10.0.0.0/",   "/8",
	    "10.0.0/8",    "10.0.0.0/a",    "10.0.0.0/-1", "::/129",
	    "::1/64",      "2001:db8::/08", "host/24",     "10.0.0.0/8/8",
	    "10.0.0.0/ 8", "10.0.0.0/1000",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (addr("10.0.0.1", bad[i]) != MATCH_ERROR) {
			fprintf(stderr, "  accepted %s\n", bad[i]);
			CHECK(0);
		}
		CHECK(hostip("h", "10.0.0.1", bad[i]) == MATCH_ERROR);
	}
	/* An error anywhere in the list spoils the whole list. */
	CHECK(addr("10.0.0.1", "10.0.0.1,10.0.0.0/33") == MATCH_ERROR);
	CHECK(addr(NULL, "10.0.0.0/33") == MATCH_ERROR);
	CHECK(hostip("h", "10.0.0.1", "*,10.0.0.0/33") == MATCH_ERROR);
}

TEST(addr_plain_and_wildcards)
{
	CHECK(addr("192.168.0.7", "192.168.0.?") == MATCH_YES);
	CHECK(addr("192.168.0.7", "192.168.0.7") == MATCH_YES);
	CHECK(addr("::1", "0:0::1") == MATCH_YES); /* compared as addresses */
	CHECK(addr("fe80::1", "FE80::*") == MATCH_YES);
	CHECK(addr("10.0.0.1", "!10.0.0.1,*") == MATCH_NEGATED);
	CHECK(addr("not-an-ip", "10.0.0.0/8") == MATCH_NONE);
}

TEST(host_and_ip)
{
	const char *l = "!*.dialup.example.com,*.example.com,192.0.2.0/24";

	CHECK(hostip("a.example.com", "198.51.100.1", l) == MATCH_YES);
	CHECK(hostip("unknown.org", "192.0.2.9", l) == MATCH_YES);
	CHECK(hostip("unknown.org", "198.51.100.1", l) == MATCH_NONE);
	CHECK(hostip("x.dialup.example.com", "192.0.2.9", l) == MATCH_NEGATED);
	CHECK(hostip(NULL, "192.0.2.9", l) == MATCH_YES);
	CHECK(hostip("", "198.51.100.1", l) == MATCH_NONE);
	/* A negated address denies even when the name matches. */
	CHECK(hostip("a.example.com", "192.0.2.9", "*.example.com,!192.0.2.0/24") == MATCH_NEGATED);
	CHECK(hostip("A.Example.COM", "198.51.100.1", "a.example.com") == MATCH_YES);
}

int main(void)
{
	RUN(pattern_wildcards);
	RUN(pattern_case);
	RUN(pattern_pathological_is_fast);
	RUN(list_man_page_examples);
	RUN(list_negation_wins_any_order);
	RUN(addr_cidr_v4);
	RUN(addr_cidr_v6);
	RUN(addr_invalid_cidr);
	RUN(addr_plain_and_wildcards);
	RUN(host_and_ip);
	return unit_done();
}
