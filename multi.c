/*
 * multi.c - the multi-call main(): picks the applet from basename(argv[0])
 * (busybox-style symlinks) or from the first argument ("shrewmulti shrewkey
 * -h").  Built with -DSHREW_ALONE=shrewkey_main, it is the main() of that
 * one applet alone (for `make size`), so nothing else is linked in.
 */
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "applets.h"

/* Every name an applet answers to; dropbear_name selects Dropbear's
 * default paths.  No function pointers here, so the table costs an applet
 * built alone nothing but the strings. */
struct applet_name {
	const char *name;
	const char *applet; /* the shrew name it stands for */
	int dropbear_name;
};

static const struct applet_name names[] = {
#if SHREW_SERVER
    {"shrewd", "shrewd", 0},
#if SHREW_DROPBEAR_NAMES
    {"dropbear", "shrewd", 1},
#endif
#endif
#if SHREW_CLIENT
    {"shrew", "shrew", 0},
#if SHREW_DROPBEAR_NAMES
    {"dbclient", "shrew", 1},
#endif
#if SHREW_SSH_NAME
    {"ssh", "shrew", 0},
#endif
#endif
#if SHREW_KEYTOOL
    {"shrewkey", "shrewkey", 0},
#if SHREW_DROPBEAR_NAMES
    {"dropbearkey", "shrewkey", 1},
#endif
#endif
#if SHREW_CONVERT
    {"shrewconvert", "shrewconvert", 0},
#if SHREW_DROPBEAR_NAMES
    {"dropbearconvert", "shrewconvert", 1},
#endif
#endif
#if SHREW_SCP
    {"scp", "scp", 0},
#endif
};

#define N_NAMES (sizeof(names) / sizeof(names[0]))

const char *applet_basename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static const struct applet_name *find_name(const char *name)
{
	size_t i;

	for (i = 0; i < N_NAMES; i++)
		if (strcmp(names[i].name, name) == 0)
			return &names[i];
	return NULL;
}

int applet_is_dropbear_name(const char *argv0)
{
	const struct applet_name *a = find_name(applet_basename(argv0));

	return a ? a->dropbear_name : 0;
}

#ifdef SHREW_ALONE

int main(int argc, char **argv)
{
	return SHREW_ALONE(argc, argv);
}

#else

struct applet_main {
	const char *applet;
	int (*main)(int, char **);
};

static const struct applet_main mains[] = {
#if SHREW_SERVER
    {"shrewd", shrewd_main},
#endif
#if SHREW_CLIENT
    {"shrew", shrew_main},
#endif
#if SHREW_KEYTOOL
    {"shrewkey", shrewkey_main},
#endif
#if SHREW_CONVERT
    {"shrewconvert", shrewconvert_main},
#endif
#if SHREW_SCP
    {"scp", scp_main},
#endif
};

/* Runs the applet called name, or returns -1 if there is none. */
static int run(const char *name, int argc, char **argv)
{
	const struct applet_name *a = find_name(name);
	size_t i;

	for (i = 0; a && i < sizeof(mains) / sizeof(mains[0]); i++)
		if (strcmp(mains[i].applet, a->applet) == 0)
			return mains[i].main(argc, argv);
	return -1;
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
	        "shrew %s multi-call binary: a small SSH server and client.\n\n"
	        "Usage: shrewmulti APPLET [ARGS...]\n"
	        "   or: APPLET [ARGS...]  (through a symlink named APPLET)\n"
	        "       shrewmulti --list  (applet names, one per line)\n\n"
	        "Applets:",
	        SHREW_VERSION);
	for (i = 0; i < N_NAMES; i++)
		fprintf(f, " %s", names[i].name);
	fprintf(f, "\n\nEach applet takes -h for its usage and -V for its version.\n");
}

static int multi_flags(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return 127;
	}
	if (strcmp(argv[1], "--list") == 0) {
		for (i = 0; i < N_NAMES; i++)
			printf("%s\n", names[i].name);
		return 0;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("shrew %s\n", SHREW_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	fprintf(stderr, "shrewmulti: unknown applet '%s'\n\n", argv[1]);
	usage(stderr);
	return 127;
}

int main(int argc, char **argv)
{
	int rc;

	if (argc < 1)
		return 127;
	rc = run(applet_basename(argv[0]), argc, argv);
	if (rc < 0 && argc >= 2)
		rc = run(argv[1], argc - 1, argv + 1);
	return rc >= 0 ? rc : multi_flags(argc, argv);
}

#endif
