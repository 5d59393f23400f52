/*
 * crypto-hash.c - SHA-2 (and optional SHA-1) glue over libtomcrypt.
 */
#include "options.h"
#include "common-err.h"
#include "common-wipe.h"
#include "crypto-hash.h"

struct hash_desc {
	enum hash_id id;
	size_t len;
	size_t block;
	int (*init)(hash_state *);
	int (*process)(hash_state *, const unsigned char *, unsigned long);
	int (*done)(hash_state *, unsigned char *);
};

static const struct hash_desc hashes[] = {
#if SHREW_SHA1
    {HASH_SHA1, 20, 64, sha1_init, sha1_process, sha1_done},
#endif
    {HASH_SHA256, 32, 64, sha256_init, sha256_process, sha256_done},
    {HASH_SHA384, 48, 128, sha384_init, sha384_process, sha384_done},
    {HASH_SHA512, 64, 128, sha512_init, sha512_process, sha512_done},
};

static const struct hash_desc *find(enum hash_id id)
{
	size_t i;

	for (i = 0; i < sizeof(hashes) / sizeof(hashes[0]); i++)
		if (hashes[i].id == id)
			return &hashes[i];
	return NULL;
}

size_t hash_len(enum hash_id id)
{
	const struct hash_desc *d = find(id);

	return d ? d->len : 0;
}

size_t hash_block_len(enum hash_id id)
{
	const struct hash_desc *d = find(id);

	return d ? d->block : 0;
}

int hash_init(struct hash_ctx *c, enum hash_id id)
{
	const struct hash_desc *d = find(id);

	if (!d)
		return E_UNSUPPORTED;
	c->id = id;
	return d->init(&c->st) == CRYPT_OK ? E_OK : E_CRYPTO;
}

int hash_update(struct hash_ctx *c, const void *p, size_t n)
{
	const struct hash_desc *d = find(c->id);

	if (!d)
		return E_ARG;
	if (n == 0)
		return E_OK;
	return d->process(&c->st, p, (unsigned long)n) == CRYPT_OK ? E_OK : E_CRYPTO;
}

int hash_final(struct hash_ctx *c, uint8_t *out)
{
	const struct hash_desc *d = find(c->id);
	int rc;

	if (!d)
		return E_ARG;
	rc = d->done(&c->st, out) == CRYPT_OK ? E_OK : E_CRYPTO;
	wipe(c, sizeof(*c));
	return rc;
}

int hash_once(enum hash_id id, const void *p, size_t n, uint8_t *out)
{
	struct hash_ctx c;
	int rc;

	rc = hash_init(&c, id);
	if (rc == E_OK)
		rc = hash_update(&c, p, n);
	if (rc == E_OK)
		return hash_final(&c, out);
	wipe(&c, sizeof(c));
	return rc;
}
