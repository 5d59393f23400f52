/*
 * applets.h - entry points of the applets in the multi-call binary.
 *
 * Each takes main()'s arguments; argv[0] is the name it was invoked as
 * (which may be a Dropbear name), and it returns the process exit status.
 */
#ifndef SHREW_APPLETS_H
#define SHREW_APPLETS_H

int shrewd_main(int argc, char **argv);
int shrew_main(int argc, char **argv);
int shrewkey_main(int argc, char **argv);
int shrewconvert_main(int argc, char **argv);
int scp_main(int argc, char **argv);

/* Returns 1 if the invoked name (basename of argv[0]) is one of Dropbear's
 * applet names, so the applet should use Dropbear's default paths. */
int applet_is_dropbear_name(const char *argv0);

/* The basename of path (pointer into path). */
const char *applet_basename(const char *path);

#endif
