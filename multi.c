/*
 * multi.c - the multi-call main(): picks the applet from basename(argv[0])
 * (busybox-style symlinks) or from the first argument ("shrewmulti shrewkey
 * -h").  Built with -DSHREW_ALONE=\"name\", it is the main() of that one
 * applet alone, for `make size`.
 */
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "applets.h"

struct applet {
	const char *name;
	int (*main)(int, char **);
	int dropbear_name;  /* 1: a Dropbear name (Dropbear's default paths) */
};

static const struct applet applets[] = {
#if SHREW_SERVER
	{ "shrewd", shrewd_main, 0 },
#if SHREW_DROPBEAR_NAMES
	{ "dropbear", shrewd_main, 1 },
#endif
#endif
#if SHREW_CLIENT
	{ "shrew", shrew_main, 0 },
#if SHREW_DROPBEAR_NAMES
	{ "dbclient", shrew_main, 1 },
#endif
#if SHREW_SSH_NAME
	{ "ssh", shrew_main, 0 },
#endif
#endif
#if SHREW_KEYTOOL
	{ "shrewkey", shrewkey_main, 0 },
#if SHREW_DROPBEAR_NAMES
	{ "dropbearkey", shrewkey_main, 1 },
#endif
#endif
#if SHREW_CONVERT
	{ "shrewconvert", shrewconvert_main, 0 },
#if SHREW_DROPBEAR_NAMES
	{ "dropbearconvert", shrewconvert_main, 1 },
#endif
#endif
#if SHREW_SCP
	{ "scp", scp_main, 0 },
#endif
};

#define N_APPLETS (sizeof(applets) / sizeof(applets[0]))

const char *applet_basename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static const struct applet *find(const char *name)
{
	size_t i;

	for (i = 0; i < N_APPLETS; i++)
		if (strcmp(applets[i].name, name) == 0)
			return &applets[i];
	return NULL;
}

int applet_is_dropbear_name(const char *argv0)
{
	const struct applet *a = find(applet_basename(argv0));

	return a ? a->dropbear_name : 0;
}

#ifdef SHREW_ALONE

int main(int argc, char **argv)
{
	const struct applet *a = find(SHREW_ALONE);

	return a ? a->main(argc, argv) : 127;
}

#else

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "shrew %s multi-call binary: a small SSH server and client.\n\n"
	           "Usage: shrewmulti APPLET [ARGS...]\n"
	           "   or: APPLET [ARGS...]  (through a symlink named APPLET)\n"
	           "       shrewmulti --list  (applet names, one per line)\n\n"
	           "Applets:", SHREW_VERSION);
	for (i = 0; i < N_APPLETS; i++)
		fprintf(f, " %s", applets[i].name);
	fprintf(f, "\n\nEach applet takes -h for its usage and -V for its version.\n");
}

int main(int argc, char **argv)
{
	const struct applet *a;
	size_t i;

	if (argc < 1)
		return 127;
	a = find(applet_basename(argv[0]));
	if (a)
		return a->main(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "--list") == 0) {
		for (i = 0; i < N_APPLETS; i++)
			printf("%s\n", applets[i].name);
		return 0;
	}
	if (argc >= 2 && (a = find(argv[1])) != NULL)
		return a->main(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "-h") && strcmp(argv[1], "--help")) {
		if (strcmp(argv[1], "-V") == 0) {
			printf("shrew %s\n", SHREW_VERSION);
			return 0;
		}
		fprintf(stderr, "shrewmulti: unknown applet '%s'\n\n", argv[1]);
		usage(stderr);
		return 127;
	}
	usage(argc >= 2 ? stdout : stderr);
	return argc >= 2 ? 0 : 127;
}

#endif
