/*
 * svr-hostkey.c - the server's host keys: load at start-up, create missing
 * ones with -R (Dropbear's flag).  Done once in the listener, before any
 * connection, so children never race to create a file.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "options.h"
#include "common-err.h"
#include "common-fingerprint.h"
#include "common-keyfile.h"
#include "common-log.h"
#include "common-wipe.h"
#include "svr-hostkey.h"

/* Key type for a host key file name, from Dropbear's and our names. */
static enum key_type type_of_path(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
#if SHREW_ED25519
	if (strstr(base, "ed25519"))
		return KEY_ED25519;
#endif
#if SHREW_ECDSA
	if (strstr(base, "ecdsa"))
		return KEY_ECDSA_P256;
#endif
#if SHREW_RSA
	if (strstr(base, "rsa"))
		return KEY_RSA;
#endif
	return KEY_NONE;
}

static int create_key(const char *path)
{
	static uint8_t text[KEYFILE_MAX_TEXT];
	enum key_type t = type_of_path(path);
	char fp[KEY_FP_LEN];
	struct key k;
	struct wr w;
	int rc;

	if (t == KEY_NONE) {
		log_msg(LOG_ERR, "%s: cannot tell the key type from the name (ed25519, ecdsa, rsa)",
		        path);
		return E_ARG;
	}
	rc = key_generate(&k, t, SHREW_RSA_DEFAULT_BITS);
	if (rc != E_OK)
		return rc;
	wr_init(&w, text, sizeof(text));
	rc = keyfile_write_openssh(&k, "shrewd host key", &w);
	if (rc == E_OK)
		rc = keyfile_save_new(path, text, w.len, 0600);
	wipe(text, sizeof(text));
	if (rc == E_OK && fingerprint_sha256(&k, fp) == E_OK)
		log_msg(LOG_INFO, "Generated host key %s: %s %s", path, key_type_name(t), fp);
	else if (rc != E_OK)
		log_msg(LOG_ERR, "%s: cannot write new host key: %s", path,
		        rc == E_IO ? strerror(errno) : err_str(rc));
	key_free(&k);
	return rc;
}

static int load_one(const struct svr_opts *o, const char *path, struct hostkeys *hk)
{
	const char *why = NULL;
	struct key *k = &hk->key[hk->n];
	int i, rc;

	if (access(path, F_OK) != 0 && errno == ENOENT) {
		if (!o->create_hostkeys)
			return o->hostkeys_default ? E_OK : E_IO;
		if ((rc = create_key(path)) != E_OK)
			return rc;
	}
	rc = keyfile_load_why(path, k, NULL, 0, &why);
	if (rc != E_OK) {
		log_msg(LOG_ERR, "%s: cannot load host key: %s", path, why ? why : err_str(rc));
		return rc;
	}
	for (i = 0; i < hk->n; i++)
		if (hk->key[i].type == k->type) {
			log_msg(LOG_WARNING, "%s: a %s host key is already loaded; ignoring it",
			        path, key_type_name(k->type));
			key_free(k);
			return E_OK;
		}
	hk->n++;
	return E_OK;
}

int svr_hostkeys_load(const struct svr_opts *o, struct hostkeys *hk)
{
	int i, rc;

	memset(hk, 0, sizeof(*hk));
	for (i = 0; i < o->n_hostkeys && hk->n < TR_MAX_HOSTKEYS; i++) {
		rc = load_one(o, o->hostkeys[i], hk);
		if (rc == E_IO)
			log_msg(LOG_ERR, "%s: host key file does not exist (use -R to create it)",
			        o->hostkeys[i]);
		if (rc != E_OK) {
			svr_hostkeys_free(hk);
			return rc;
		}
	}
	if (hk->n == 0) {
		log_msg(LOG_ERR, "no host keys found (use -r FILE, or -R to create them)");
		return E_IO;
	}
	return E_OK;
}

int svr_hostkeys_check_offer(struct algo_prefs *p, const struct hostkeys *hk)
{
	struct algo_list *l = &p->cat[ALGO_HOSTKEY];
	unsigned sigs = 0;
	int i;

	for (i = 0; i < hk->n; i++)
		sigs |= algo_sigs_of_key_type(hk->key[i].type);
	if (algo_list_sigs(l) & sigs)
		return E_OK;
	if (p->set & (1u << ALGO_HOSTKEY)) {
		log_msg(LOG_ERR,
		        "none of the host keys can sign with the HostKeyAlgorithms chosen");
		return E_ARG;
	}
	algo_list_apply(l, ALGO_HOSTKEY, "+*", 0, NULL, 0);
	log_msg(LOG_WARNING,
	        "no host key for the default host key algorithms (%s); offering "
	        "what the keys can sign",
	        SHREW_OFFER_HOSTKEY);
	return E_OK;
}

void svr_hostkeys_free(struct hostkeys *hk)
{
	int i;

	for (i = 0; i < hk->n; i++)
		key_free(&hk->key[i]);
	hk->n = 0;
}
