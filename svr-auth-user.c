/*
 * svr-auth-user.c - who may log in: the passwd/shadow lookup, the login
 * policy (-w, -G, /etc/nologin, /etc/shells, locked and expired
 * accounts, the single-user build) and the drop to the user's ids after
 * authentication.
 *
 * Policy choices, each after a peer implementation:
 *   - a shell not listed in /etc/shells is refused (Dropbear does;
 *     OpenSSH does not), but a missing /etc/shells allows any shell;
 *     an empty shell field means /bin/sh;
 *   - a shadow hash starting with '!' (passwd -l, usermod -L) locks the
 *     account for every method, as OpenSSH's locked-account check does;
 *     a hash of "*" (no password set) only makes passwords fail, so
 *     key-only accounts made with adduser --disabled-password work;
 *   - sp_expire: refused from that day on (shadow(5));
 *   - /etc/nologin refuses everyone but root, its text becoming a banner.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <shadow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common-err.h"
#include "common-log.h"
#include "common-wipe.h"
#include "svr-auth.h"
#include "svr-opts.h"

#define SVR_AUTH_SHELLS "/etc/shells"
#define SVR_AUTH_NOLOGIN "/etc/nologin"
/* Most supplementary groups examined for -G. */
#define SVR_AUTH_MAX_GROUPS 65536

/* Copies a C string into a fixed field; E_TOOBIG when it does not fit. */
static int copy_field(char *dst, size_t cap, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n >= cap)
		return E_TOOBIG;
	memcpy(dst, src ? src : "", n);
	dst[n] = 0;
	return E_OK;
}

/* Names the passwd file cannot hold, or that mean something special to
 * some name service, are not looked up at all. */
static int plausible_name(const char *name)
{
	return name[0] && name[0] != '-' && name[0] != '+' && !strpbrk(name, ":/\n");
}

int svr_auth_user_lookup(const char *name, struct svr_auth_user *u)
{
	struct passwd *pw;
	struct spwd *sp;
	int rc;

	memset(u, 0, sizeof(*u));
	u->expire = -1;
	if (!plausible_name(name))
		return E_ARG;
	pw = getpwnam(name);
	if (!pw)
		return E_ARG;
	if (copy_field(u->name, sizeof(u->name), pw->pw_name) ||
	    copy_field(u->home, sizeof(u->home), pw->pw_dir) ||
	    copy_field(u->shell, sizeof(u->shell), pw->pw_shell) ||
	    copy_field(u->hash, sizeof(u->hash), pw->pw_passwd))
		return E_TOOBIG;
	u->uid = pw->pw_uid;
	u->gid = pw->pw_gid;
	sp = getspnam(name);
	if (!sp)
		return E_OK;
	rc = copy_field(u->hash, sizeof(u->hash), sp->sp_pwdp);
	u->expire = sp->sp_expire;
	if (sp->sp_pwdp)
		wipe(sp->sp_pwdp, strlen(sp->sp_pwdp)); /* the library's copy */
	return rc;
}

/* Returns 1 if shell is a line of /etc/shells, or the file is missing.
 * Lines too long for a shell path are skipped. */
static int shell_listed(const char *shell)
{
	char line[SVR_AUTH_MAX_PATH + 2];
	int found = 0, c;
	size_t n;
	FILE *f;

	if (!shell[0])
		shell = "/bin/sh";
	f = fopen(SVR_AUTH_SHELLS, "re");
	if (!f)
		return errno == ENOENT;
	while (!found && fgets(line, sizeof(line), f)) {
		n = strlen(line);
		if (n && line[n - 1] == '\n')
			line[--n] = 0;
		else if (!feof(f)) {
			while ((c = getc(f)) != EOF && c != '\n')
				;
			continue;
		}
		found = strcmp(line, shell) == 0;
	}
	fclose(f);
	return found;
}

/* Returns 1 if the user's primary or a supplementary group is group. */
static int in_group(const struct svr_auth_user *u, const char *group)
{
	struct group *gr = getgrnam(group);
	int n = 64, i, round, found = 0, rc;
	gid_t want, *list;

	if (!gr) {
		log_msg(LOG_WARNING, "Group '%s' (-G) does not exist", group);
		return 0;
	}
	want = gr->gr_gid;
	if (u->gid == want)
		return 1;
	for (round = 0; round < 2 && !found; round++) {
		if (n <= 0 || n > SVR_AUTH_MAX_GROUPS)
			return 0;
		list = malloc((size_t)n * sizeof(*list));
		if (!list)
			return 0;
		rc = getgrouplist(u->name, u->gid, list, &n);
		for (i = 0; rc >= 0 && i < n; i++)
			found |= list[i] == want;
		free(list);
		if (rc >= 0)
			break;
	}
	return found;
}

static int expired(const struct svr_auth_user *u)
{
	long today = (long)(time(NULL) / 86400);

	return u->expire > 0 && today >= u->expire;
}

const char *svr_auth_user_policy(struct sess *s)
{
	struct svr_auth *a = s->auth;
	const struct svr_auth_user *u = &a->pw;
	const struct svr_opts *o = s->opts;

	if (u->uid == 0 && o->no_root)
		return "root logins are disabled (-w)";
	if (!SHREW_MULTIUSER && u->uid != getuid())
		return "not the server's own user (single-user build)";
	if (u->hash[0] == '!')
		return "account is locked";
	if (expired(u))
		return "account has expired";
	if (!shell_listed(u->shell))
		return "shell is not listed in " SVR_AUTH_SHELLS;
	if (o->group && !in_group(u, o->group))
		return "not a member of the -G group";
	if (u->uid != 0 &&
	    svr_auth_read_text(SVR_AUTH_NOLOGIN, a->extra_banner, sizeof(a->extra_banner)) >= 0) {
		if (!a->extra_banner[0])
			strcpy(a->extra_banner, "Logins are disabled.\r\n");
		return SVR_AUTH_NOLOGIN " exists";
	}
	return NULL;
}

int svr_auth_drop_privileges(struct sess *s)
{
	const struct svr_auth_user *u = svr_auth_user(s);

	if (!u)
		return E_ARG;
	if (getuid() == u->uid && geteuid() == u->uid)
		return E_OK;
#if SHREW_MULTIUSER
	if (initgroups(u->name, u->gid) != 0 || setgid(u->gid) != 0 || setuid(u->uid) != 0)
		return E_IO;
	if (getuid() != u->uid || geteuid() != u->uid || getgid() != u->gid ||
	    getegid() != u->gid || (u->uid != 0 && setuid(0) == 0)) {
		errno = EPERM;
		return E_IO;
	}
	return E_OK;
#else
	errno = EPERM;
	return E_IO;
#endif
}
