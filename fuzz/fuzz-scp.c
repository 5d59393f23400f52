/*
 * fuzz-scp.c - libFuzzer target for the scp applet's protocol (scp-proto.c,
 * scp-sink.c).
 *
 * The input is read three ways:
 *   1. split at '\n', every line through scp_parse_ctl: what is accepted
 *      has a known type, a mode within 07777 and a plain name;
 *   2. as a NUL-terminated argument through scp_parse_spec and
 *      scp_name_matches: a remote spec has a host that passes scp_host_ok;
 *   3. the first byte picks -r, -p and a requested name, the rest is the
 *      stream a remote source sends: the whole sink state machine runs
 *      into DIR/a/b/t.  Afterwards DIR, DIR/a and DIR/a/b hold nothing but
 *      their one entry (no name escaped the target), then t is removed.
 */
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"

#if SHREW_SCP

#include "scp.h"

static char root[] = "/tmp/fuzz-scp-XXXXXX";
static char target[64];

static void lines(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size, *nl;
	struct scp_ctl c;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		nl = nl ? nl + 1 : end;
		if (scp_parse_ctl((const char *)p, (size_t)(nl - p), &c) == 0) {
			if (!strchr("CDET", c.type) || c.type == 0 || c.mode > 07777)
				abort();
			if ((c.type == 'C' || c.type == 'D') && !scp_name_ok(c.name))
				abort();
		}
		p = nl;
	}
}

static void spec(const uint8_t *data, size_t size)
{
	char arg[512];
	struct scp_spec sp;
	const char *err;

	if (size >= sizeof(arg))
		size = sizeof(arg) - 1;
	memcpy(arg, data, size);
	arg[size] = '\0';
	if (scp_parse_spec(arg, &sp, &err) == 0 && sp.remote && !scp_host_ok(sp.host))
		abort();
	(void)scp_name_matches(arg, "name");
}

/* Aborts unless dir holds exactly the one entry only. */
static void only(const char *dir, const char *only_name)
{
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		abort();
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strcmp(e->d_name, only_name))
			abort();
	closedir(d);
}

static int open_up(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_D)
		chmod(path, 0700);
	return 0;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	(void)remove(path);
	return 0;
}

static void sink(const uint8_t *data, size_t size)
{
	static const char *const requested[] = {NULL, "dir/name", "*", "x/[a-c]?"};
	char path[96];
	struct scp_io *io;
	int in, out;

	if (size < 1)
		return;
	in = memfd_create("scp", 0);
	out = open("/dev/null", O_WRONLY);
	io = malloc(sizeof(*io));
	if (in < 0 || out < 0 || !io || write(in, data + 1, size - 1) != (ssize_t)(size - 1))
		abort();
	lseek(in, 0, SEEK_SET);
	mkdir(target, 0700);
	scp_io_init(io, in, out);
	io->remote = 1;
	io->recursive = data[0] & 1;
	io->preserve = (data[0] >> 1) & 1;
	io->requested = requested[(data[0] >> 2) & 3];
	(void)scp_sink_target(io, target, (data[0] >> 4) & 1);
	close(in);
	close(out);
	free(io);
	only(root, "a");
	snprintf(path, sizeof(path), "%s/a", root);
	only(path, "b");
	snprintf(path, sizeof(path), "%s/a/b", root);
	only(path, "t");
	/* directories -p made unreadable are opened up first (pre-order) */
	nftw(target, open_up, 16, FTW_PHYS);
	nftw(target, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void cleanup(void)
{
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char path[96];

	if (!ready) {
		if (!mkdtemp(root))
			abort();
		snprintf(path, sizeof(path), "%s/a", root);
		mkdir(path, 0700);
		snprintf(path, sizeof(path), "%s/a/b", root);
		mkdir(path, 0700);
		snprintf(target, sizeof(target), "%s/a/b/t", root);
		umask(077);
		atexit(cleanup);
		ready = 1;
	}
	lines(data, size);
	spec(data, size);
	sink(data, size);
	return 0;
}

#else /* !SHREW_SCP: nothing to fuzz */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)data;
	(void)size;
	return 0;
}

#endif
