/*
 * common-kexinit.c - SSH_MSG_KEXINIT parse/build and the RFC 4253 7.1
 * negotiation (see common-kexinit.h for the message layout and the
 * contracts).
 *
 * Pseudo-algorithms carried in the kex list:
 *   ext-info-c / ext-info-s            RFC 8308 section 2.1
 *   kex-strict-c-v00@openssh.com /
 *   kex-strict-s-v00@openssh.com       OpenSSH PROTOCOL section 1.10
 * They have no kex descriptor, so the negotiation can never choose them.
 */
#include <string.h>

#include "common-err.h"
#include "common-kexinit.h"

static const char *const category_names[KEXINIT_NLISTS] = {
    "kex",     "host key",        "cipher c2s",      "cipher s2c",   "mac c2s",
    "mac s2c", "compression c2s", "compression s2c", "language c2s", "language s2c",
};

/* ---- Name-lists -------------------------------------------------------- */

int namelist_valid(struct view list)
{
	size_t i, name_len = 0;

	for (i = 0; i < list.len; i++) {
		uint8_t c = list.p[i];

		if (c == ',') {
			if (name_len == 0)
				return 0; /* leading comma or ",," */
			name_len = 0;
		} else if (c > 0x20 && c < 0x7f) {
			name_len++;
		} else {
			return 0; /* control, space, DEL, NUL or non-ASCII */
		}
	}
	return list.len == 0 || name_len > 0; /* no trailing comma */
}

int namelist_next(struct view list, size_t *off, struct view *name)
{
	size_t start = *off, end;

	if (start >= list.len)
		return 0;
	for (end = start; end < list.len && list.p[end] != ','; end++) {
	}
	name->p = list.p + start;
	name->len = end - start;
	*off = end < list.len ? end + 1 : end;
	return 1;
}

static int view_same(struct view a, struct view b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

int namelist_has(struct view list, struct view name)
{
	struct view item;
	size_t off = 0;

	while (namelist_next(list, &off, &item))
		if (view_same(item, name))
			return 1;
	return 0;
}

int namelist_has_str(struct view list, const char *name)
{
	struct view v = {(const uint8_t *)name, strlen(name)};

	return namelist_has(list, v);
}

/* ---- Parse and build --------------------------------------------------- */

static int parse_fields(struct rd *r, struct kexinit *out)
{
	uint8_t type;
	int i, rc;

	rd_u8(r, &type);
	rc = rd_bytes(r, KEXINIT_COOKIE_LEN, &out->cookie);
	if (rc != E_OK)
		return rc;
	if (type != SSH_MSG_KEXINIT)
		return E_FORMAT;
	for (i = 0; i < KEXINIT_NLISTS; i++) {
		rc = rd_text(r, KEXINIT_MAX_NAMELIST, &out->list[i]);
		if (rc != E_OK)
			return rc;
		if (!namelist_valid(out->list[i]))
			return E_FORMAT;
	}
	rd_bool(r, &out->first_kex_follows);
	rd_u32(r, &out->reserved);
	return rd_end(r);
}

int kexinit_parse(const uint8_t *payload, size_t n, struct kexinit *out)
{
	struct rd r;
	int rc;

	memset(out, 0, sizeof(*out));
	rd_init(&r, payload, n);
	rc = parse_fields(&r, out);
	if (rc != E_OK)
		memset(out, 0, sizeof(*out));
	return rc;
}

int kexinit_build(struct wr *w, const uint8_t cookie[KEXINIT_COOKIE_LEN],
                  const struct view lists[KEXINIT_NLISTS], int first_kex_follows)
{
	int i;

	wr_u8(w, SSH_MSG_KEXINIT);
	wr_bytes(w, cookie, KEXINIT_COOKIE_LEN);
	for (i = 0; i < KEXINIT_NLISTS; i++)
		wr_string(w, lists[i].p, lists[i].len);
	wr_bool(w, first_kex_follows);
	return wr_u32(w, 0);
}

/* Starts a string whose length is patched by list_end(). */
static size_t list_begin(struct wr *w)
{
	size_t off = w->len;

	wr_u32(w, 0);
	return off;
}

static int list_end(struct wr *w, size_t off)
{
	if (w->err != E_OK)
		return w->err;
	return wr_patch_u32(w, off, (uint32_t)(w->len - off - 4));
}

int kexinit_build_ours(struct wr *w, const uint8_t cookie[KEXINIT_COOKIE_LEN], int is_server,
                       unsigned hostkey_sigs, const struct algo_prefs *prefs)
{
	const struct algo_list *kex = prefs ? &prefs->cat[ALGO_KEX] : NULL;
	const struct algo_list *hk = prefs ? &prefs->cat[ALGO_HOSTKEY] : NULL;
	const struct algo_list *ciph = prefs ? &prefs->cat[ALGO_CIPHER] : NULL;
	const struct algo_list *mac = prefs ? &prefs->cat[ALGO_MAC] : NULL;
	size_t off;
	int rc, i;

	wr_u8(w, SSH_MSG_KEXINIT);
	wr_bytes(w, cookie, KEXINIT_COOKIE_LEN);
	off = list_begin(w);
	algo_write_kex_list(w, kex, is_server);
	list_end(w, off);
	off = list_begin(w);
	rc = algo_write_hostkey_list(w, hk, hostkey_sigs);
	if (rc != E_OK)
		return rc;
	list_end(w, off);
	for (i = 0; i < 2; i++) {
		off = list_begin(w);
		algo_write_cipher_list(w, ciph);
		list_end(w, off);
	}
	for (i = 0; i < 2; i++) {
		off = list_begin(w);
		algo_write_mac_list(w, mac);
		list_end(w, off);
	}
	wr_cstr(w, "none");
	wr_cstr(w, "none");
	wr_cstr(w, "");
	wr_cstr(w, "");
	wr_bool(w, 0);
	return wr_u32(w, 0);
}

/* ---- Negotiation ------------------------------------------------------- */

/* Each maps a name to its id (stored in *id) if shrew has it built in. */
typedef int (*known_fn)(struct view name, int *id);

static int known_kex(struct view name, int *id)
{
	const struct kex_desc *d = kex_desc_by_name(name);

	*id = d ? (int)d->id : 0;
	return d != NULL;
}

static int known_hostkey(struct view name, int *id)
{
	*id = (int)sig_alg_from_name(name);
	return *id != SIG_NONE;
}

static int known_cipher(struct view name, int *id)
{
	const struct cipher_desc *d = cipher_desc_by_name(name);

	*id = d ? (int)d->id : 0;
	return d != NULL;
}

static int known_mac(struct view name, int *id)
{
	const struct mac_desc *d = mac_desc_by_name(name);

	*id = d ? (int)d->id : 0;
	return d != NULL;
}

static int known_comp(struct view name, int *id)
{
	*id = 0;
	return view_eq(name, "none");
}

/* RFC 4253 7.1: the first name on the client's list that is also on the
 * server's (and that we know).  Returns 1 with *id set, or 0. */
static int choose(struct view client, struct view server, known_fn known, int *id)
{
	struct view name;
	size_t off = 0;

	while (namelist_next(client, &off, &name))
		if (known(name, id) && namelist_has(server, name))
			return 1;
	*id = 0;
	return 0;
}

/* The first name of a list (empty view for an empty list). */
static struct view first_name(struct view list)
{
	struct view name = {list.p, 0};
	size_t off = 0;

	namelist_next(list, &off, &name);
	return name;
}

static void detect_markers(const struct kexinit *client, const struct kexinit *server,
                           int is_server, struct kex_choice *out)
{
	const struct kexinit *peer = is_server ? client : server;

	if (is_server)
		out->peer_ext_info = namelist_has_str(client->list[KEXINIT_KEX], "ext-info-c");
	else
		out->peer_ext_info = namelist_has_str(server->list[KEXINIT_KEX], "ext-info-s");
	out->strict = namelist_has_str(client->list[KEXINIT_KEX], "kex-strict-c-v00@openssh.com") &&
	              namelist_has_str(server->list[KEXINIT_KEX], "kex-strict-s-v00@openssh.com");
	if (peer->first_kex_follows) {
		int kex_same = view_same(first_name(client->list[KEXINIT_KEX]),
		                         first_name(server->list[KEXINIT_KEX]));
		int hostkey_same = view_same(first_name(client->list[KEXINIT_HOSTKEY]),
		                             first_name(server->list[KEXINIT_HOSTKEY]));

		out->guess_wrong = !(kex_same && hostkey_same);
	}
}

/* Negotiates list idx; on failure names it in out and returns 0. */
static int choose_list(const struct kexinit *client, const struct kexinit *server,
                       enum kexinit_list idx, known_fn known, int *id, struct kex_choice *out)
{
	if (choose(client->list[idx], server->list[idx], known, id))
		return 1;
	out->failed_category = category_names[idx];
	return 0;
}

/* One direction's cipher, then its MAC unless the cipher is an AEAD. */
static int choose_direction(const struct kexinit *client, const struct kexinit *server,
                            enum kexinit_list cipher_idx, enum kexinit_list mac_idx,
                            enum cipher_alg *cipher, enum mac_alg *mac, struct kex_choice *out)
{
	int id;

	if (!choose_list(client, server, cipher_idx, known_cipher, &id, out))
		return 0;
	*cipher = (enum cipher_alg)id;
	*mac = MACALG_NONE;
	if (cipher_is_aead(cipher_desc(*cipher)))
		return 1;
	if (!choose_list(client, server, mac_idx, known_mac, &id, out))
		return 0;
	*mac = (enum mac_alg)id;
	return 1;
}

int kex_negotiate(const struct kexinit *client, const struct kexinit *server, int is_server,
                  struct kex_choice *out)
{
	int id;

	memset(out, 0, sizeof(*out));
	detect_markers(client, server, is_server, out);
	if (!choose_list(client, server, KEXINIT_KEX, known_kex, &id, out))
		return E_UNSUPPORTED;
	out->kex = (enum kex_alg)id;
	if (!choose_list(client, server, KEXINIT_HOSTKEY, known_hostkey, &id, out))
		return E_UNSUPPORTED;
	out->hostkey = (enum sig_alg)id;
	if (!choose_direction(client, server, KEXINIT_CIPHER_C2S, KEXINIT_MAC_C2S, &out->cipher_c2s,
	                      &out->mac_c2s, out) ||
	    !choose_direction(client, server, KEXINIT_CIPHER_S2C, KEXINIT_MAC_S2C, &out->cipher_s2c,
	                      &out->mac_s2c, out) ||
	    !choose_list(client, server, KEXINIT_COMP_C2S, known_comp, &id, out) ||
	    !choose_list(client, server, KEXINIT_COMP_S2C, known_comp, &id, out))
		return E_UNSUPPORTED;
	return E_OK;
}
