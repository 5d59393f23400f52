/*
 * common-match.h - OpenSSH-style patterns and pattern-lists, as used by
 * authorized_keys from= (server) and, later, known_hosts (client).
 *
 * Written from the PATTERNS section of ssh_config(5) and the from= entry
 * of sshd(8) AUTHORIZED_KEYS FILE FORMAT:
 *   - a pattern is literal characters plus '*' (zero or more characters)
 *     and '?' (exactly one character);
 *   - a pattern-list is comma-separated patterns, each optionally negated
 *     by a leading '!'; a negated match wins over any positive match and
 *     means "no"; a negated pattern never gives a positive result alone;
 *   - for addresses (from=), an entry may be CIDR "addr/masklen" (IPv4
 *     0..32, IPv6 0..128); a malformed CIDR entry, or one with bits set
 *     after the mask, makes the whole list an error (no match).
 *
 * Pure functions: no allocation, no DNS, no I/O.  Lists are (pointer,
 * length) and may hold any bytes; subjects (host, ip) are C strings.
 */
#ifndef SHREW_COMMON_MATCH_H
#define SHREW_COMMON_MATCH_H

#include <stddef.h>

/* Results of the list matchers. */
enum {
	MATCH_ERROR = -2,   /* the list has a malformed entry: treat as "no" */
	MATCH_NEGATED = -1, /* a '!' entry matched: definitely "no" */
	MATCH_NONE = 0,     /* nothing matched */
	MATCH_YES = 1       /* a positive entry matched and no negated one did */
};

/* Returns 1 if the sn bytes at s match the single pattern of pn bytes at
 * p ('*' and '?' wildcards, no '!' or ','), else 0.  fold: 1 compares
 * ASCII letters case-insensitively.  Time is O(sn * pn) at worst. */
int match_pattern(const char *s, size_t sn, const char *p, size_t pn, int fold);

/* Matches the sn bytes at s against the pattern-list of n bytes at list.
 * Returns MATCH_NEGATED as soon as a negated entry matches, else
 * MATCH_YES if a positive entry matched, else MATCH_NONE. */
int match_list(const char *s, size_t sn, const char *list, size_t n, int fold);

/* Matches the address text ip ("192.0.2.1", "2001:db8::1"; an IPv4-mapped
 * IPv6 address counts as its IPv4 address) against a from=-style list:
 * entries with '/' are CIDR networks, entries that parse as addresses are
 * compared as binary addresses, any other entry is a wildcard pattern
 * over the text (case-insensitive).  Returns MATCH_ERROR on a malformed
 * CIDR entry (whatever ip is), else as match_list.  ip may be NULL (only
 * the list is checked; the result is then MATCH_NONE or MATCH_ERROR). */
int match_addr_list(const char *ip, const char *list, size_t n);

/* The from= check of sshd(8): host is the client's host name (may be NULL
 * or "" when unknown; compared case-insensitively), ip its address text.
 * Returns MATCH_YES when the host name or the address matches a positive
 * entry and neither matches a negated one; MATCH_NEGATED when either
 * matches a negated entry; MATCH_ERROR on a malformed CIDR entry;
 * MATCH_NONE otherwise.  Only MATCH_YES means "allowed". */
int match_host_and_ip(const char *host, const char *ip, const char *list, size_t n);

#endif
