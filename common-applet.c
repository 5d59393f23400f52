/*
 * common-applet.c - shared applet argument helpers.
 */
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "common-applet.h"

int applet_common_flags(int argc, char **argv, const char *name, const char *usage)
{
	if (argc < 2)
		return -1;
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", name, SHREW_VERSION);
		return 0;
	}
	return -1;
}

int applet_not_yet(const char *name)
{
	fprintf(stderr,
	        "%s: not available in this build of shrew %s yet "
	        "(see -h for the planned interface)\n",
	        name, SHREW_VERSION);
	return 1;
}
