/*
 * common-algo-prefs.c - which built-in algorithms we offer, and in what
 * order (see common-algo.h): the SHREW_OFFER_* defaults of options.h and
 * OpenSSH-style list options ("KexAlgorithms=+ecdh-sha2-nistp256").
 *
 * The list syntax is ssh_config(5)'s: a plain list replaces, '+' appends,
 * '-' removes, '^' moves to the front; entries are patterns with '*' and
 * '?'.  Everything here is a pure function of its arguments.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "options.h"
#include "common-algo.h"
#include "common-err.h"
#include "common-match.h"

/* Entries of a comma-separated spec, one at a time. */
struct entries {
	const char *p, *end;
};

/* Next entry into (*e, *en); 0 at the end.  Empty entries are skipped. */
static int next_entry(struct entries *it, const char **e, size_t *en)
{
	while (it->p < it->end) {
		const char *comma = memchr(it->p, ',', (size_t)(it->end - it->p));
		const char *stop = comma ? comma : it->end;

		*e = it->p;
		*en = (size_t)(stop - it->p);
		it->p = comma ? comma + 1 : it->end;
		if (*en > 0)
			return 1;
	}
	return 0;
}

static int list_has(const struct algo_list *l, size_t i)
{
	size_t k;

	for (k = 0; k < l->n; k++)
		if (l->idx[k] == i)
			return 1;
	return 0;
}

static void list_add(struct algo_list *l, size_t i)
{
	if (!list_has(l, i) && l->n < ALGO_LIST_MAX)
		l->idx[l->n++] = (uint8_t)i;
}

/* 1 if built-in position i of c matches the entry. */
static int entry_matches(enum algo_cat c, size_t i, const char *e, size_t en)
{
	const char *name = algo_name(c, i);

	return name != NULL && match_pattern(name, strlen(name), e, en, 0);
}

/* 1 if position i matches any entry of spec. */
static int spec_matches(enum algo_cat c, size_t i, const char *spec, size_t n)
{
	struct entries it = {spec, spec + n};
	const char *e;
	size_t en;

	while (next_entry(&it, &e, &en))
		if (entry_matches(c, i, e, en))
			return 1;
	return 0;
}

/* Appends every built-in match of each entry of spec to l, entry by
 * entry.  Strict: an entry matching nothing is an error. */
static int add_matches(struct algo_list *l, enum algo_cat c, const char *spec, size_t n, int strict,
                       char *err, size_t errcap)
{
	struct entries it = {spec, spec + n};
	const char *e;
	size_t en, i, hits;

	while (next_entry(&it, &e, &en)) {
		for (hits = 0, i = 0; i < algo_count(c); i++) {
			if (entry_matches(c, i, e, en)) {
				list_add(l, i);
				hits++;
			}
		}
		if (strict && hits == 0 && !memchr(e, '*', en) && !memchr(e, '?', en)) {
			snprintf(err, errcap, "unknown or not built in: %.*s",
			         (int)(en > 64 ? 64 : en), e);
			return E_ARG;
		}
	}
	return E_OK;
}

static const char *const cat_names[ALGO_NCAT] = {"KexAlgorithms", "HostKeyAlgorithms", "Ciphers",
                                                 "MACs"};

int algo_list_apply(struct algo_list *l, enum algo_cat c, const char *spec, int strict, char *err,
                    size_t errcap)
{
	struct algo_list out = {0, {0}};
	char op = spec[0];
	size_t k, n;
	int rc;

	if (errcap)
		err[0] = '\0';
	if (op == '+' || op == '-' || op == '^')
		spec++;
	n = strlen(spec);
	if (op == '+')
		out = *l;
	if (op != '-') {
		rc = add_matches(&out, c, spec, n, strict, err, errcap);
		if (rc != E_OK)
			return rc;
	} else if (strict) {
		rc = add_matches(&out, c, spec, n, strict, err, errcap); /* checks names */
		if (rc != E_OK)
			return rc;
		out.n = 0;
	}
	for (k = 0; (op == '-' || op == '^') && k < l->n; k++)
		if (!(op == '-' && spec_matches(c, l->idx[k], spec, n)))
			list_add(&out, l->idx[k]);
	if (strict && out.n == 0 && c != ALGO_MAC) {
		snprintf(err, errcap, "%s: the list leaves no algorithm", cat_names[c]);
		return E_ARG;
	}
	*l = out;
	return E_OK;
}

static void default_list(struct algo_list *l, enum algo_cat c, const char *spec)
{
	l->n = 0;
	algo_list_apply(l, c, spec, 0, NULL, 0);
	if (l->n == 0 && c != ALGO_MAC)
		algo_list_apply(l, c, "*", 0, NULL, 0);
}

void algo_prefs_default(struct algo_prefs *p)
{
	default_list(&p->cat[ALGO_KEX], ALGO_KEX, SHREW_OFFER_KEX);
	default_list(&p->cat[ALGO_HOSTKEY], ALGO_HOSTKEY, SHREW_OFFER_HOSTKEY);
	default_list(&p->cat[ALGO_CIPHER], ALGO_CIPHER, SHREW_OFFER_CIPHERS);
	default_list(&p->cat[ALGO_MAC], ALGO_MAC, SHREW_OFFER_MACS);
	p->set = 0;
}

int algo_prefs_option(struct algo_prefs *p, const char *opt, char *err, size_t errcap)
{
	size_t klen = strcspn(opt, "= \t");
	const char *val = opt + klen;
	int c, rc;

	val += strspn(val, " \t");
	if (*val == '=')
		val++;
	val += strspn(val, " \t");
	for (c = 0; c < ALGO_NCAT; c++) {
		if (strlen(cat_names[c]) != klen || strncasecmp(opt, cat_names[c], klen) != 0)
			continue;
		if (*val == '\0') {
			snprintf(err, errcap, "%s needs a list", cat_names[c]);
			return E_ARG;
		}
		rc = algo_list_apply(&p->cat[c], (enum algo_cat)c, val, 1, err, errcap);
		if (rc == E_OK)
			p->set |= 1u << c;
		return rc;
	}
	snprintf(err, errcap,
	         "unknown option '%.*s' (KexAlgorithms, HostKeyAlgorithms, Ciphers, MACs)",
	         (int)(klen > 40 ? 40 : klen), opt);
	return E_ARG;
}

unsigned algo_list_sigs(const struct algo_list *l)
{
	unsigned m = 0;
	size_t k;

	for (k = 0; k < l->n; k++)
		if (algo_name(ALGO_HOSTKEY, l->idx[k]) != NULL)
			m |= ALGO_SIG_BIT(algo_hostkey_sig(l->idx[k]));
	return m;
}
