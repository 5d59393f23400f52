/*
 * common-keyfile-dropbear.c - Dropbear's raw private key files, as
 * dropbearkey and dropbearconvert write them (checked against Debian's
 * dropbear 2022.83 by hexdump), no armour, no comment:
 *
 *   string  key type name
 *   ssh-ed25519:          string  seed || public key (32 + 32 bytes)
 *   ecdsa-sha2-nistpNNN:  string  curve name ("nistpNNN")
 *                         string  Q (uncompressed point, 0x04 || X || Y)
 *                         mpint   d
 *   ssh-rsa:              mpint e, mpint n, mpint d, mpint p, mpint q
 *
 * Writing uses key_put_private() (OpenSSH's field order) and reorders.
 */
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-rd.h"
#include "common-wr.h"
#include "common-wipe.h"
#include "common-keyfile.h"
#include "common-keyfile-int.h"

#define RSA_CAP (SHREW_RSA_MAX_BITS / 8)
#define NAME_CAP 64

int kf_dropbear_sniff(const uint8_t *buf, size_t n)
{
	struct rd r;
	struct view name;
	size_t i;

	rd_init(&r, buf, n);
	if (rd_text(&r, NAME_CAP, &name) != E_OK || name.len < 3)
		return 0;
	for (i = 0; i < name.len; i++)
		if (name.p[i] <= 0x20 || name.p[i] >= 0x7f)
			return 0;
	return 1;
}

#if SHREW_ED25519
static int parse_ed25519(struct rd *r, struct key *k)
{
	struct view v;

	if (rd_string(r, 64, &v) != E_OK)
		return r->err;
	if (v.len != 64)
		return E_FORMAT;
	return key_set_ed25519(k, v.p + 32, v.p);
}
#endif

#if SHREW_ECDSA
static int parse_ecdsa(struct rd *r, enum key_type t, struct view name, struct key *k)
{
	struct view curve, q, d;
	const size_t prefix = sizeof("ecdsa-sha2-") - 1;

	rd_text(r, NAME_CAP, &curve);
	rd_string(r, 1 + 2 * 66, &q);
	if (rd_mpint(r, 66, &d) != E_OK)
		return r->err;
	if (curve.len != name.len - prefix || memcmp(curve.p, name.p + prefix, curve.len))
		return E_FORMAT; /* the curve does not match the type */
	return key_set_ecdsa(k, t, q, &d);
}
#endif

#if SHREW_RSA
static int parse_rsa(struct rd *r, struct key *k)
{
	/* Dropbear stores no iqmp: key_set_rsa() computes it.  An empty view
	 * rather than NULL, because crypto-rsa.c's strip() adds 0 to the NULL
	 * pointer of a {NULL, 0} view, which UBSan stops on. */
	static const uint8_t none;
	const struct view no_iqmp = {&none, 0};
	struct view e, n, d, p, q;

	rd_mpint(r, RSA_CAP, &e);
	rd_mpint(r, RSA_CAP, &n);
	rd_mpint(r, RSA_CAP, &d);
	rd_mpint(r, RSA_CAP, &p);
	if (rd_mpint(r, RSA_CAP, &q) != E_OK)
		return r->err;
	return key_set_rsa(k, n, e, &d, &p, &q, &no_iqmp);
}
#endif

static int parse_fields(struct rd *r, enum key_type t, struct view name, struct key *k)
{
	switch (t) {
#if SHREW_ED25519
	case KEY_ED25519: return parse_ed25519(r, k);
#endif
#if SHREW_ECDSA
	case KEY_ECDSA_P256:
	case KEY_ECDSA_P384:
	case KEY_ECDSA_P521: return parse_ecdsa(r, t, name, k);
#endif
#if SHREW_RSA
	case KEY_RSA: return parse_rsa(r, k);
#endif
	default:
		(void)name;
		(void)r;
		(void)k;
		return E_UNSUPPORTED;
	}
}

int kf_dropbear_parse(const uint8_t *buf, size_t n, struct key *k, const char **why)
{
	struct rd r;
	struct view name;
	enum key_type t;
	int rc;

	rd_init(&r, buf, n);
	rd_text(&r, NAME_CAP, &name);
	t = key_type_from_name(name);
	if (t == KEY_NONE)
		return kf_fail(why, "unsupported key type", E_UNSUPPORTED);
	rc = parse_fields(&r, t, name, k);
	if (rc == E_OK && (rc = rd_end(&r)) != E_OK)
		key_free(k);
	return rc == E_OK ? E_OK : kf_fail_rc(why, rc);
}

/* ---- Writing -------------------------------------------------------------- */

/* Rewrites key_put_private()'s RSA fields (n, e, d, iqmp, p, q) as
 * Dropbear's (e, n, d, p, q). */
static int reorder_rsa(struct rd *r, struct wr *w)
{
	struct view f[6];
	size_t i;

	for (i = 0; i < 6; i++)
		rd_mpint(r, RSA_CAP, &f[i]);
	if (r->err != E_OK)
		return r->err;
	wr_mpint(w, f[1].p, f[1].len);
	wr_mpint(w, f[0].p, f[0].len);
	wr_mpint(w, f[2].p, f[2].len);
	wr_mpint(w, f[4].p, f[4].len);
	return wr_mpint(w, f[5].p, f[5].len);
}

/* Rewrites the fields after the type name into w. */
static int reorder(enum key_type t, struct rd *r, struct wr *w)
{
	struct view a, b, c;

	if (t == KEY_RSA)
		return reorder_rsa(r, w);
	if (t == KEY_ED25519) {
		rd_string(r, 32, &a);             /* pub */
		if (rd_string(r, 64, &b) != E_OK) /* seed || pub */
			return r->err;
		return wr_string(w, b.p, b.len);
	}
	rd_text(r, NAME_CAP, &a);        /* curve */
	rd_string(r, 1 + 2 * 66, &b);    /* Q */
	if (rd_mpint(r, 66, &c) != E_OK) /* d */
		return r->err;
	wr_string(w, a.p, a.len);
	wr_string(w, b.p, b.len);
	return wr_mpint(w, c.p, c.len);
}

int keyfile_write_dropbear(const struct key *k, struct wr *w)
{
	struct view name;
	struct wr t;
	struct rd r;
	uint8_t *tmp;
	int rc;

	if (!k->has_private)
		return E_ARG;
	tmp = malloc(KEYFILE_MAX_BIN);
	if (!tmp)
		return E_NOMEM;
	wr_init(&t, tmp, KEYFILE_MAX_BIN);
	rc = key_put_private(k, &t);
	if (rc == E_OK) {
		rd_init(&r, tmp, t.len);
		rd_text(&r, NAME_CAP, &name);
		if (r.err == E_OK)
			wr_string(w, name.p, name.len);
		rc = r.err != E_OK ? r.err : reorder(k->type, &r, w);
		if (rc == E_OK)
			rc = rd_end(&r);
	}
	wipe(tmp, KEYFILE_MAX_BIN);
	free(tmp);
	return rc;
}
