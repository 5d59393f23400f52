/*
 * shrewconvert.c - the key format converter applet: entry point.
 */
#include "options.h"
#include "applets.h"
#include "common-applet.h"

static const char usage[] =
	"Usage: shrewconvert <inputtype> <outputtype> <inputfile> <outputfile>\n"
	"Convert private key files (answers to 'dropbearconvert' too).\n"
	"\n"
	"Types: openssh (openssh-key-v1 or PEM on input), dropbear.\n"
	"  -V           print the version and exit\n"
	"  -h           show this help\n";

int shrewconvert_main(int argc, char **argv)
{
	int rc = applet_common_flags(argc, argv, "shrewconvert", usage);

	return rc >= 0 ? rc : applet_not_yet("shrewconvert");
}
