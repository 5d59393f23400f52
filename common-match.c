/*
 * common-match.c - wildcard patterns, pattern-lists and CIDR address
 * lists (see common-match.h for the rules and where they come from).
 */
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "common-match.h"

/* Longest address text parsed (an IPv6 address with an IPv4 tail and a
 * zone would be longer, but zones are not addresses we compare). */
#define MATCH_ADDR_TEXT 64

struct maddr {
	int family; /* AF_INET or AF_INET6; 0 when not an address */
	unsigned char b[16];
};

static unsigned char lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static int same_char(char a, char b, int fold)
{
	if (fold)
		return lower((unsigned char)a) == lower((unsigned char)b);
	return a == b;
}

int match_pattern(const char *s, size_t sn, const char *p, size_t pn, int fold)
{
	size_t si = 0, pi = 0, star_p = 0, star_s = 0;
	int have_star = 0;

	/* Greedy matching that remembers the last '*' and retries from
	 * there: no recursion, at most sn * pn steps. */
	while (si < sn) {
		if (pi < pn && p[pi] == '*') {
			have_star = 1;
			star_p = ++pi;
			star_s = si;
		} else if (pi < pn && (p[pi] == '?' || same_char(p[pi], s[si], fold))) {
			pi++;
			si++;
		} else if (have_star) {
			pi = star_p;
			si = ++star_s;
		} else {
			return 0;
		}
	}
	while (pi < pn && p[pi] == '*')
		pi++;
	return pi == pn;
}

/* Cuts the next comma-separated entry of list[*off..n) into (*e, *en);
 * returns 0 when the list is exhausted. */
static int next_entry(const char *list, size_t n, size_t *off, const char **e, size_t *en)
{
	const char *comma;

	if (*off > n)
		return 0;
	*e = list + *off;
	comma = memchr(*e, ',', n - *off);
	*en = comma ? (size_t)(comma - *e) : n - *off;
	*off += *en + 1;
	return 1;
}

/* Strips a leading '!' from the entry; returns 1 if there was one. */
static int negated(const char **e, size_t *en)
{
	if (*en > 0 && (*e)[0] == '!') {
		(*e)++;
		(*en)--;
		return 1;
	}
	return 0;
}

int match_list(const char *s, size_t sn, const char *list, size_t n, int fold)
{
	size_t off = 0, en;
	const char *e;
	int got = MATCH_NONE, neg;

	while (next_entry(list, n, &off, &e, &en)) {
		neg = negated(&e, &en);
		if (!match_pattern(s, sn, e, en, fold))
			continue;
		if (neg)
			return MATCH_NEGATED;
		got = MATCH_YES;
	}
	return got;
}

/* Parses n bytes of address text; an IPv4-mapped IPv6 address becomes
 * IPv4.  Returns 1 on success. */
static int parse_addr(const char *t, size_t n, struct maddr *a)
{
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	char buf[MATCH_ADDR_TEXT];

	a->family = 0;
	if (n == 0 || n >= sizeof(buf) || memchr(t, 0, n))
		return 0;
	memcpy(buf, t, n);
	buf[n] = 0;
	if (inet_pton(AF_INET, buf, a->b) == 1) {
		a->family = AF_INET;
		return 1;
	}
	if (inet_pton(AF_INET6, buf, a->b) != 1)
		return 0;
	a->family = AF_INET6;
	if (memcmp(a->b, mapped, sizeof(mapped)) == 0) {
		memmove(a->b, a->b + 12, 4);
		a->family = AF_INET;
	}
	return 1;
}

static size_t addr_bits(const struct maddr *a)
{
	return a->family == AF_INET ? 32 : 128;
}

/* Returns 1 if the first bits bits of x and y are equal. */
static int prefix_eq(const unsigned char *x, const unsigned char *y, size_t bits)
{
	size_t whole = bits / 8, rest = bits % 8;
	unsigned char mask;

	if (memcmp(x, y, whole) != 0)
		return 0;
	if (rest == 0)
		return 1;
	mask = (unsigned char)(0xff << (8 - rest));
	return (x[whole] & mask) == (y[whole] & mask);
}

/* Parses "addr/len" (en bytes at e, slash at offset sl) into *net and
 * *len.  Returns 0 if malformed, the length is out of range, or any bit
 * after the mask is set (as OpenSSH refuses such entries). */
static int parse_cidr(const char *e, size_t en, size_t sl, struct maddr *net, size_t *len)
{
	size_t i, v = 0;

	if (!parse_addr(e, sl, net) || sl + 1 >= en || en - sl - 1 > 3)
		return 0;
	for (i = sl + 1; i < en; i++) {
		if (e[i] < '0' || e[i] > '9')
			return 0;
		v = v * 10 + (size_t)(e[i] - '0');
	}
	if (v > addr_bits(net) || (en - sl - 1 > 1 && e[sl + 1] == '0'))
		return 0;
	*len = v;
	/* Host bits must be zero. */
	for (i = v; i < addr_bits(net); i++)
		if (net->b[i / 8] & (0x80 >> (i % 8)))
			return 0;
	return 1;
}

/* One from= entry against the parsed address (family 0 if ip was not an
 * address) and its text.  Returns 1 match, 0 no match, -1 malformed. */
static int addr_entry(const char *ip, const struct maddr *a, const char *e, size_t en)
{
	const char *slash = memchr(e, '/', en);
	struct maddr net;
	size_t len;

	if (slash) {
		if (!parse_cidr(e, en, (size_t)(slash - e), &net, &len))
			return -1;
		return a->family == net.family && prefix_eq(a->b, net.b, len);
	}
	if (a->family && parse_addr(e, en, &net))
		return net.family == a->family && memcmp(net.b, a->b, addr_bits(a) / 8) == 0;
	return ip && match_pattern(ip, strlen(ip), e, en, 1);
}

int match_addr_list(const char *ip, const char *list, size_t n)
{
	size_t off = 0, en;
	const char *e;
	struct maddr a;
	int got = MATCH_NONE, neg, r;

	if (!ip || !parse_addr(ip, strlen(ip), &a))
		a.family = 0;
	while (next_entry(list, n, &off, &e, &en)) {
		neg = negated(&e, &en);
		r = addr_entry(ip, &a, e, en);
		if (r < 0)
			return MATCH_ERROR;
		if (r == 0)
			continue;
		if (neg)
			got = MATCH_NEGATED; /* keep scanning: errors still count */
		else if (got == MATCH_NONE)
			got = MATCH_YES;
	}
	return got;
}

int match_host_and_ip(const char *host, const char *ip, const char *list, size_t n)
{
	int a, h = MATCH_NONE;

	a = match_addr_list(ip, list, n);
	if (a == MATCH_ERROR || a == MATCH_NEGATED)
		return a;
	if (host && host[0])
		h = match_list(host, strlen(host), list, n, 1);
	if (h == MATCH_NEGATED)
		return h;
	return (a == MATCH_YES || h == MATCH_YES) ? MATCH_YES : MATCH_NONE;
}
