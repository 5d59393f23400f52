/*
 * common-keyfile-crypt.c - opening the private section of a
 * passphrase-protected openssh-key-v1 file (OpenSSH PROTOCOL.key):
 *
 *   kdfname "bcrypt", kdfoptions = string salt, uint32 rounds
 *   key || IV = bcrypt_pbkdf(passphrase, salt, keylen + 16, rounds)
 *   cipher "aes256-ctr" (32-byte key; ssh-keygen's default) or
 *   "aes128-ctr" (16-byte key), the IV being the first counter block
 *
 * The whole section is one CTR message.  Nothing authenticates it: a wrong
 * passphrase shows in the check-ints (common-keyfile-openssh.c).  Only
 * keyfile_parse_pass and keyfile_load_pass reach this file (through
 * struct kf_pass), so the server does not link it.
 */
#include <string.h>

#include "options.h"
#include "common-err.h"
#include "common-wipe.h"
#include "common-keyfile-int.h"
#include "crypto-bcrypt-pbkdf.h"
#include "crypto-cipher.h"

#if SHREW_ENCRYPTED_KEYS

#define STR_(x) #x
#define STR(x) STR_(x)

struct kf_cipher {
	const char *name;
	size_t keylen;
};

static const struct kf_cipher kf_ciphers[] = {
    {"aes256-ctr", 32},
    {"aes128-ctr", 16},
};

#define MAX_KEY_IV (32 + AES_BLOCK_LEN)

static const struct kf_cipher *find_kf_cipher(struct view name)
{
	size_t i;

	for (i = 0; i < sizeof(kf_ciphers) / sizeof(kf_ciphers[0]); i++)
		if (view_eq(name, kf_ciphers[i].name))
			return &kf_ciphers[i];
	return NULL;
}

/* kdfoptions for "bcrypt": string salt, uint32 rounds, nothing more. */
static int parse_kdfopts(struct view opts, struct view *salt, uint32_t *rounds, const char **why)
{
	struct rd r;

	rd_init(&r, opts.p, opts.len);
	rd_string(&r, BCRYPT_PBKDF_MAX_SALT, salt);
	rd_u32(&r, rounds);
	if (rd_end(&r) != E_OK)
		return kf_fail(why, "malformed bcrypt kdf options", E_FORMAT);
	if (salt->len == 0)
		return kf_fail(why, "empty bcrypt salt", E_FORMAT);
	if (*rounds == 0 || *rounds > SHREW_BCRYPT_MAX_ROUNDS)
		return kf_fail(why,
		               "bcrypt kdf rounds out of range (1 to " STR(
		                   SHREW_BCRYPT_MAX_ROUNDS) " allowed)",
		               E_FORMAT);
	return E_OK;
}

/* Decrypts sec into out with cipher c keyed by key || IV. */
static int ctr_open(const struct kf_cipher *c, const uint8_t *kiv, struct view sec, uint8_t *out)
{
	struct aesctr_ctx ctx;
	int rc;

	rc = aesctr_init(&ctx, kiv, c->keylen, kiv + c->keylen);
	if (rc == E_OK)
		rc = aesctr_crypt(&ctx, sec.p, out, sec.len);
	aesctr_wipe(&ctx);
	return rc;
}

int kf_openssh_decrypt(const struct kf_pass *p, const struct kf_enc *e, struct view sec,
                       uint8_t *out, const char **why)
{
	const struct kf_cipher *c = find_kf_cipher(e->cipher);
	uint8_t kiv[MAX_KEY_IV];
	struct view salt;
	uint32_t rounds = 0;
	int rc;

	if (!c)
		return kf_fail(why, "unsupported cipher (encrypted keys: aes256-ctr, aes128-ctr)",
		               E_UNSUPPORTED);
	if (!view_eq(e->kdf, "bcrypt"))
		return kf_fail(why, "unsupported kdf (encrypted keys: bcrypt)", E_UNSUPPORTED);
	if ((rc = parse_kdfopts(e->kdfopts, &salt, &rounds, why)) != E_OK)
		return rc;
	if (sec.len == 0 || sec.len % AES_BLOCK_LEN != 0)
		return kf_fail(why, "encrypted section not a whole number of cipher blocks",
		               E_FORMAT);
	if (!p->pass)
		return kf_fail(why, KF_WHY_NEED_PASS, E_PASSPHRASE);
	if (p->len == 0)
		return kf_fail(why, KF_WHY_WRONG_PASS, E_PASSPHRASE);
	rc =
	    bcrypt_pbkdf(p->pass, p->len, salt.p, salt.len, kiv, c->keylen + AES_BLOCK_LEN, rounds);
	if (rc == E_OK)
		rc = ctr_open(c, kiv, sec, out);
	wipe(kiv, sizeof(kiv));
	if (rc != E_OK)
		return kf_fail(why, "cannot decrypt the key", rc);
	return E_OK;
}

#endif /* SHREW_ENCRYPTED_KEYS */
