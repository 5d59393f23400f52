/*
 * common-applet.h - small helpers every applet's argument parser shares.
 */
#ifndef SHREW_COMMON_APPLET_H
#define SHREW_COMMON_APPLET_H

#include <stdio.h>

/* Handles the flags every applet answers the same way before it parses
 * the rest: if argv[1] is "-h"/"--help" prints usage to stdout and returns
 * 0; if "-V"/"--version" prints "NAME VERSION" and returns 0; otherwise
 * returns -1 and the applet goes on. */
int applet_common_flags(int argc, char **argv, const char *name, const char *usage);

/* Prints "NAME: not available in this build yet" (for applets whose
 * implementation lands in a later release) and returns exit status 1. */
int applet_not_yet(const char *name);

#endif
