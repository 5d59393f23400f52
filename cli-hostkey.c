/*
 * cli-hostkey.c - the client's host key decision: the transport's
 * tr_hostkey_fn, called once the first key exchange has proven that the
 * server holds the key.  Looks the key up in known_hosts (cli-knownhosts.c)
 * and follows StrictHostKeyChecking (cli-opts.h):
 *   known            -> go on;
 *   @revoked         -> refuse (unless the check is off, -yy);
 *   changed          -> refuse with a man-in-the-middle warning, the new
 *                       fingerprint and the file lines to fix;
 *   unknown          -> ask on the terminal (ask), add it (-y, accept-new)
 *                       or refuse (yes, or ask under BatchMode);
 *   other types only -> as unknown, with a warning; accept-new refuses
 *                       (a new key type is not proof of anything).
 * New keys are written hashed ("|1|", as Debian's HashKnownHosts yes).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "cli.h"
#include "cli-hostkey.h"
#include "cli-knownhosts.h"
#include "cli-prompt.h"
#include "common-err.h"
#include "common-fingerprint.h"
#include "common-sess.h"
#include "common-wr.h"

/* The host as it was named and its address, for messages. */
static void host_label(const struct sess *s, char *out, size_t cap)
{
	const struct cli *c = s->cli;

	if (c->port && c->port != 22)
		snprintf(out, cap, "[%s]:%u", c->host, c->port);
	else
		snprintf(out, cap, "%s", c->host);
}

void cli_known_hosts_path(const struct cli *c, char *out, size_t cap)
{
	if (c->opts->known_hosts)
		snprintf(out, cap, "%s", c->opts->known_hosts);
	else
		snprintf(out, cap, "%s/.ssh/known_hosts", c->home ? c->home : ".");
}

static void say(const struct cli *c, const char *line)
{
	if (!c->opts->quiet)
		fprintf(stderr, "%s\n", line);
}

static int add_key(const struct sess *s, const char *path, const struct key *k, const char *label)
{
	const struct cli *c = s->cli;
	char line[KH_MAX_FORMAT];
	char msg[512];
	struct wr w;

	if (strcmp(path, "/dev/null") == 0)
		return E_OK;
	wr_init(&w, (uint8_t *)line, sizeof(line));
	if (kh_format_line(&w, c->host, c->port, k, 1) != E_OK || kh_append(path, line) != E_OK) {
		snprintf(msg, sizeof(msg), "Failed to add the host key to %s: %s", path,
		         strerror(errno));
		say(c, msg);
		return E_OK; /* OpenSSH goes on too: the key was accepted */
	}
	snprintf(msg, sizeof(msg),
	         "Warning: Permanently added '%s' (%s) to the list of known hosts.", label,
	         fingerprint_type_label(k->type));
	say(c, msg);
	return E_OK;
}

static void print_changed(const struct sess *s, const char *path, const char *fp,
                          const struct key *k, const struct kh_report *rep)
{
	const char *type = fingerprint_type_label(k->type);
	size_t i;

	fprintf(stderr,
	        "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
	        "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n"
	        "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
	        "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\n"
	        "Someone could be eavesdropping on you right now (man-in-the-middle attack)!\n"
	        "It is also possible that the host key has just been changed.\n"
	        "The fingerprint for the %s key sent by the remote host is\n%s.\n"
	        "Please contact your system administrator.\n"
	        "Add the correct host key in %s to get rid of this message.\n",
	        type, fp, path);
	for (i = 0; i < rep->changed.n && i < KH_MAX_HITS; i++)
		fprintf(stderr, "Offending %s key in %s:%lu\n", type, path,
		        rep->changed.at[i].line);
	fprintf(stderr,
	        "Host key for %s has changed and you have requested strict checking.\n"
	        "Host key verification failed.\n",
	        s->cli->host);
}

/* Asks "continue connecting?"; 1 for yes (or the fingerprint typed). */
static int ask_user(const struct sess *s, const char *label, const char *fp, const struct key *k,
                    const struct kh_report *rep)
{
	char q[1024], ans[128];
	size_t len, i;

	fprintf(stderr, "The authenticity of host '%s (%s)' can't be established.\n", label,
	        s->peer_ip);
	fprintf(stderr, "%s key fingerprint is %s.\n", fingerprint_type_label(k->type), fp);
	for (i = 0; i < rep->other.n && i < KH_MAX_HITS; i++)
		fprintf(stderr,
		        "Warning: the host is known with a %.*s key (line %lu); this is a "
		        "different key type.\n",
		        (int)rep->other.at[i].type.len, (const char *)rep->other.at[i].type.p,
		        rep->other.at[i].line);
	snprintf(q, sizeof(q),
	         "Are you sure you want to continue connecting (yes/no/[fingerprint])? ");
	for (;;) {
		if (cli_prompt_line(q, ans, sizeof(ans), &len) != E_OK)
			return 0;
		if (strcmp(ans, "yes") == 0 || strcmp(ans, fp) == 0)
			return 1;
		if (strcmp(ans, "no") == 0)
			return 0;
		snprintf(q, sizeof(q), "Please type 'yes', 'no' or the fingerprint: ");
	}
}

static int refuse_unknown(const char *label, const struct key *k)
{
	fprintf(stderr,
	        "No %s host key is known for %s and you have requested strict checking.\n"
	        "Host key verification failed.\n",
	        fingerprint_type_label(k->type), label);
	return E_VERIFY;
}

/* An unknown host (or one known only with other key types). */
static int decide_new(const struct sess *s, const char *path, const char *label, const char *fp,
                      const struct key *k, const struct kh_report *rep, enum kh_result r)
{
	const struct cli_opts *o = s->cli->opts;

	if (o->hostkey_policy == CLI_HK_ACCEPT_NEW && r == KH_UNKNOWN)
		return add_key(s, path, k, label);
	if (o->hostkey_policy == CLI_HK_ASK && !o->batch) {
		if (!ask_user(s, label, fp, k, rep)) {
			fprintf(stderr, "Host key verification failed.\n");
			return E_VERIFY;
		}
		return add_key(s, path, k, label);
	}
	if (r == KH_OTHER_TYPE)
		fprintf(stderr, "%s is known only with other key types; the %s key is new.\n",
		        label, fingerprint_type_label(k->type));
	return refuse_unknown(label, k);
}

int cli_hostkey_decide(struct sess *s, const char *buf, size_t n, const struct key *k)
{
	const struct cli *c = s->cli;
	char path[CLI_MAX_PATH + 32], label[CLI_MAX_HOST + 16], fp[KEY_FP_LEN];
	struct kh_report rep;
	enum kh_result r;

	cli_known_hosts_path(c, path, sizeof(path));
	host_label(s, label, sizeof(label));
	if (fingerprint_sha256(k, fp) != E_OK)
		return E_CRYPTO;
	if (c->opts->hostkey_policy == CLI_HK_OFF) {
		if (!c->opts->quiet)
			fprintf(stderr, "Warning: not checking the host key of %s (%s %s).\n",
			        label, fingerprint_type_label(k->type), fp);
		return E_OK;
	}
	r = kh_check(buf, n, c->host, c->port, k, &rep);
	switch (r) {
	case KH_OK: return E_OK;
	case KH_REVOKED:
		fprintf(stderr,
		        "@@@ WARNING: REVOKED HOST KEY DETECTED! @@@\n"
		        "The %s host key %s for %s is marked as revoked (%s:%lu).\n"
		        "Host key verification failed.\n",
		        fingerprint_type_label(k->type), fp, label, path, rep.revoked_line);
		return E_VERIFY;
	case KH_CHANGED: print_changed(s, path, fp, k, &rep); return E_VERIFY;
	case KH_UNKNOWN:
	case KH_OTHER_TYPE: return decide_new(s, path, label, fp, k, &rep, r);
	case KH_ERROR: break;
	}
	fprintf(stderr, "Host key verification failed (bad host name or key).\n");
	return E_VERIFY;
}

int cli_hostkey_check(void *ctx, const struct key *k)
{
	struct sess *s = ctx;
	char path[CLI_MAX_PATH + 32];
	const char *why = NULL;
	char *buf = NULL;
	size_t n = 0;
	int rc;

	cli_known_hosts_path(s->cli, path, sizeof(path));
	if (s->cli->opts->hostkey_policy != CLI_HK_OFF) {
		rc = kh_load(path, &buf, &n, &why);
		if (rc != E_OK && !(rc == E_IO && errno == ENOENT)) {
			fprintf(stderr, "%s: %s\n", path, why ? why : err_str(rc));
			return rc;
		}
	}
	rc = cli_hostkey_decide(s, buf, n, k);
	free(buf);
	if (rc != E_OK)
		s->cli->reported = 1; /* the refusal was explained */
	return rc;
}
