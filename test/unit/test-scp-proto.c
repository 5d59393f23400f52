/*
 * test-scp-proto.c - the scp applet's pure parts (scp-proto.c): control
 * lines (valid ones, every malformed shape, every byte value in every
 * position), plain names, matching names against the request, source /
 * target specs, shell quoting and the remote command; the client's argv
 * (scp-spawn.c); the progress line; the sink run on a recorded stream into
 * a temporary directory; and shrewd's "scp ..." rewrite
 * (svr-session-scp.c).
 */
#include "options.h"

#include <stdio.h>

#if SHREW_SCP

#include "unit.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scp.h"
#include "svr-session-scp.h"

static int parse(const char *s, struct scp_ctl *c)
{
	return scp_parse_ctl(s, strlen(s), c);
}

TEST(ctl_valid)
{
	struct scp_ctl c;

	CHECK(parse("C0644 5 name\n", &c) == 0);
	CHECK(c.type == 'C' && c.mode == 0644 && c.size == 5 && strcmp(c.name, "name") == 0);
	CHECK(parse("C4755 0 with space and 'quote'", &c) == 0);
	CHECK(c.mode == 04755 && c.size == 0 && strcmp(c.name, "with space and 'quote'") == 0);
	CHECK(parse("C7 007 x", &c) == 0 && c.mode == 7 && c.size == 7);
	CHECK(parse("C0644 18446744073709551615 big", &c) == 0 && c.size == UINT64_MAX);
	CHECK(parse("D0755 0 dir\n", &c) == 0 && c.type == 'D' && c.mode == 0755);
	CHECK(parse("E\n", &c) == 0 && c.type == 'E');
	CHECK(parse("E", &c) == 0);
	CHECK(parse("T1234567890 0 987654321 0\n", &c) == 0);
	CHECK(c.type == 'T' && c.mtime == 1234567890 && c.atime == 987654321);
	CHECK(parse("T1 999999 2 0", &c) == 0 && c.mtime == 1 && c.atime == 2);
	CHECK(parse("C0644 1 ..x", &c) == 0 && strcmp(c.name, "..x") == 0);
	CHECK(parse("C0644 1 .hidden", &c) == 0);
	CHECK(parse("C0644 1  ", &c) == 0 && strcmp(c.name, " ") == 0);
}

TEST(ctl_invalid)
{
	static const char *const bad[] = {
	    "",
	    "\n",
	    "X0644 1 a",
	    "c0644 1 a",
	    "C 1 a",
	    "C06444 1 a",
	    "C0648 1 a",
	    "C0644  1 a",
	    "C0644 1 ",
	    "C0644 1",
	    "C0644 a",
	    "C0644 -1 a",
	    "C0644 +1 a",
	    "C0644 18446744073709551616 a",
	    "C0644 99999999999999999999 a",
	    "C0644 1 .",
	    "C0644 1 ..",
	    "C0644 1 ../evil",
	    "C0644 1 /etc/passwd",
	    "C0644 1 a/b",
	    "C0644 1 a/",
	    "C0644 1 a\nb",
	    "C0644 1 a\n\n",
	    "D0755 1 dir",
	    "D0755 0 ..",
	    "D0755 0 /",
	    "E ",
	    "EE",
	    "E\n\n",
	    "T1 0 2",
	    "T1 0 2 ",
	    "T1 1000000 2 0",
	    "T1 0 2 1000000",
	    "T1 0 2 0 ",
	    "T1  0 2 0",
	    "Tx 0 2 0",
	    "T 0 2 0",
	    "T99999999999999999999 0 1 0",
	    "T9999999999999 0 1 0",
	};
	struct scp_ctl c;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(bad[i], &c) == 0) {
			fprintf(stderr, "  accepted: '%s'\n", bad[i]);
			CHECK(0);
		}
	CHECK(scp_parse_ctl("C0644 1 a\0b", 11, &c) < 0);
	CHECK(scp_parse_ctl("E\0", 2, &c) < 0);
}

TEST(ctl_long_lines)
{
	char line[SCP_MAX_LINE + 16];
	struct scp_ctl c;
	size_t n;

	memset(line, 'a', sizeof(line));
	memcpy(line, "C0644 1 ", 8);
	n = SCP_MAX_LINE - 1; /* the longest line, without '\n' */
	CHECK(scp_parse_ctl(line, n, &c) == 0 && strlen(c.name) == n - 8);
	CHECK(scp_parse_ctl(line, n + 1, &c) < 0);
	line[n] = '\n';
	CHECK(scp_parse_ctl(line, n + 1, &c) == 0);
}

/* Every byte value at every position of a few valid lines: whatever is
 * accepted has a plain name, a masked mode and the right type. */
TEST(ctl_every_byte)
{
	static const char *const base[] = {"C0644 12 name.txt\n", "D0755 0 dir\n", "T12 0 34 0\n",
	                                   "E\n"};
	char line[64];
	struct scp_ctl c;
	size_t b, i, n;
	int v, accepted = 0;

	for (b = 0; b < sizeof(base) / sizeof(base[0]); b++) {
		n = strlen(base[b]);
		for (i = 0; i < n; i++)
			for (v = 0; v < 256; v++) {
				memcpy(line, base[b], n);
				line[i] = (char)v;
				if (scp_parse_ctl(line, n, &c) < 0)
					continue;
				accepted++;
				CHECK(strchr("CDET", c.type) != NULL);
				CHECK(c.mode <= 07777);
				if (c.type == 'C' || c.type == 'D')
					CHECK(scp_name_ok(c.name));
			}
	}
	CHECK(accepted > 100);
}

TEST(names)
{
	CHECK(scp_name_ok("a"));
	CHECK(scp_name_ok("..."));
	CHECK(scp_name_ok("a b'c"));
	CHECK(!scp_name_ok(""));
	CHECK(!scp_name_ok("."));
	CHECK(!scp_name_ok(".."));
	CHECK(!scp_name_ok("a/b"));
	CHECK(!scp_name_ok("a\nb"));
}

TEST(sanitize)
{
	char s[] = "a\x1b[2Jb\r\n\x7f\xc3\xa9";

	CHECK(strcmp(scp_io_sanitize(s), "a?[2Jb???\xc3\xa9") == 0);
}

TEST(name_matches_request)
{
	CHECK(scp_name_matches("dir/file", "file"));
	CHECK(scp_name_matches("file", "file"));
	CHECK(!scp_name_matches("dir/file", "other"));
	CHECK(!scp_name_matches("file", "../file"));
	CHECK(scp_name_matches("/a/b/dir/", "dir"));
	CHECK(scp_name_matches("/a/b/dir///", "dir"));
	CHECK(scp_name_matches("dir/*.txt", "a.txt"));
	CHECK(!scp_name_matches("dir/*.txt", "a.bin"));
	CHECK(scp_name_matches("dir/f[0-9]", "f7"));
	CHECK(!scp_name_matches("dir/f[0-9]", "fx"));
	CHECK(scp_name_matches("dir/f?", "f1"));
	CHECK(scp_name_matches(".", "anything"));
	CHECK(scp_name_matches("..", "anything"));
	CHECK(scp_name_matches("a/.", "anything"));
	CHECK(scp_name_matches("", "home"));
	CHECK(scp_name_matches("~", "home"));
	CHECK(scp_name_matches("~user", "user"));
	CHECK(!scp_name_matches("~/file", "other"));
	CHECK(scp_name_matches("/", "anything"));
}

TEST(specs)
{
	struct scp_spec sp;
	const char *err;

	CHECK(scp_parse_spec("host:path/x", &sp, &err) == 0 && sp.remote);
	CHECK(strcmp(sp.host, "host") == 0 && strcmp(sp.path, "path/x") == 0 && !sp.user[0]);
	CHECK(scp_parse_spec("me@host:", &sp, &err) == 0 && sp.remote);
	CHECK(strcmp(sp.user, "me") == 0 && strcmp(sp.host, "host") == 0 && !sp.path[0]);
	CHECK(scp_parse_spec("me@[::1]:/tmp/a:b", &sp, &err) == 0 && sp.remote);
	CHECK(strcmp(sp.host, "::1") == 0 && strcmp(sp.path, "/tmp/a:b") == 0);
	CHECK(scp_parse_spec("[fe80::1%eth0]:f", &sp, &err) == 0 && sp.remote);
	CHECK(strcmp(sp.host, "fe80::1%eth0") == 0 && strcmp(sp.path, "f") == 0);
	CHECK(scp_parse_spec("./a:b", &sp, &err) == 0 && !sp.remote &&
	      strcmp(sp.path, "./a:b") == 0);
	CHECK(scp_parse_spec("dir/a:b", &sp, &err) == 0 && !sp.remote);
	CHECK(scp_parse_spec(":x", &sp, &err) == 0 && !sp.remote);
	CHECK(scp_parse_spec("plain", &sp, &err) == 0 && !sp.remote);
	CHECK(scp_parse_spec("/abs/p", &sp, &err) == 0 && !sp.remote);
	CHECK(scp_parse_spec("[::1", &sp, &err) == 0 && !sp.remote);
	CHECK(scp_parse_spec("scp://u@h.example:2222/p/q", &sp, &err) == 0 && sp.remote);
	CHECK(strcmp(sp.user, "u") == 0 && strcmp(sp.host, "h.example") == 0);
	CHECK(sp.port == 2222 && strcmp(sp.path, "p/q") == 0);
	CHECK(scp_parse_spec("scp://h", &sp, &err) == 0 && sp.port == 0 && !sp.path[0]);
	CHECK(scp_parse_spec("scp://h//abs", &sp, &err) == 0 && strcmp(sp.path, "/abs") == 0);
	CHECK(scp_parse_spec("scp://[::1]:22/x", &sp, &err) == 0 && strcmp(sp.host, "::1") == 0);
	CHECK(sp.port == 22);
	CHECK(scp_parse_spec("scp://h:99999/x", &sp, &err) < 0);
	CHECK(scp_parse_spec("scp://h:0/x", &sp, &err) < 0);
	CHECK(scp_parse_spec("scp://h:2x/x", &sp, &err) < 0);
	CHECK(scp_parse_spec("scp://-oProxyCommand=x/", &sp, &err) < 0);
	CHECK(scp_parse_spec("-oProxyCommand=x:y", &sp, &err) < 0);
	CHECK(scp_parse_spec("h;rm:x", &sp, &err) < 0);
	CHECK(scp_parse_spec("a b:x", &sp, &err) < 0);
	CHECK(scp_parse_spec("h$(id):x", &sp, &err) < 0);
	CHECK(scp_parse_spec("u'x@h:p", &sp, &err) < 0);
	CHECK(scp_parse_spec("-l@h:p", &sp, &err) < 0);
	CHECK(scp_parse_spec("@h:p", &sp, &err) < 0);
	CHECK(!scp_host_ok("") && !scp_host_ok("-x") && !scp_host_ok("a\tb"));
	CHECK(scp_host_ok("a-b.c_d") && scp_host_ok("10.0.0.1"));
	CHECK(!scp_user_ok("a b") && !scp_user_ok("a|b") && scp_user_ok("user.name-1"));
}

TEST(quote)
{
	char out[64];

	CHECK(scp_shell_quote("a b", out, sizeof(out)) == 5 && strcmp(out, "'a b'") == 0);
	CHECK(scp_shell_quote("it's", out, sizeof(out)) > 0 && strcmp(out, "'it'\\''s'") == 0);
	CHECK(scp_shell_quote("~/x y", out, sizeof(out)) > 0 && strcmp(out, "~'/x y'") == 0);
	CHECK(scp_shell_quote("~user/x", out, sizeof(out)) > 0 && strcmp(out, "~user'/x'") == 0);
	CHECK(scp_shell_quote("~", out, sizeof(out)) > 0 && strcmp(out, "~''") == 0);
	CHECK(scp_shell_quote("~$(id)/x", out, sizeof(out)) > 0 && strcmp(out, "'~$(id)/x'") == 0);
	CHECK(scp_shell_quote("$x`y`", out, sizeof(out)) > 0 && strcmp(out, "'$x`y`'") == 0);
	CHECK(scp_shell_quote("", out, sizeof(out)) == 2 && strcmp(out, "''") == 0);
	CHECK(scp_shell_quote("abc", out, 5) == -1);
	CHECK(scp_shell_quote("abc", out, 6) == 5);
	CHECK(scp_remote_cmd(out, sizeof(out), 1, 1, 1, 1, "/t") > 0);
	CHECK(strcmp(out, "scp -t -r -p -d -- '/t'") == 0);
	CHECK(scp_remote_cmd(out, sizeof(out), 0, 0, 0, 1, "a'b") > 0);
	CHECK(strcmp(out, "scp -f -- 'a'\\''b'") == 0);
	CHECK(scp_remote_cmd(out, 10, 0, 0, 0, 0, "abc") < 0);
}

TEST(client_argv)
{
	struct scp_client cl;
	const char *argv[32];
	int n;

	memset(&cl, 0, sizeof(cl));
	CHECK(scp_client_arg(&cl, "-i") == 0 && scp_client_arg(&cl, "key") == 0);
	n = scp_client_argv(&cl, "/bin/x", "me", "host", "2222", "scp -t -- '.'", argv, 32);
	CHECK(n == 12);
	if (n == 12) {
		CHECK(strcmp(argv[0], "shrew") == 0 && strcmp(argv[1], "-i") == 0);
		CHECK(strcmp(argv[3], "-x") == 0 && strcmp(argv[4], "-T") == 0);
		CHECK(strcmp(argv[5], "-oForwardAgent=no") == 0);
		CHECK(strcmp(argv[6], "-p") == 0 && strcmp(argv[7], "2222") == 0);
		CHECK(strcmp(argv[8], "-l") == 0 && strcmp(argv[9], "me") == 0);
		CHECK(strcmp(argv[10], "host") == 0 && strcmp(argv[11], "scp -t -- '.'") == 0);
		CHECK(argv[12] == NULL);
	}
	cl.program = "/usr/bin/ssh";
	n = scp_client_argv(&cl, NULL, "", "h", NULL, "c", argv, 32);
	CHECK(n == 8 && strcmp(argv[0], "/usr/bin/ssh") == 0 && strcmp(argv[6], "h") == 0);
	CHECK(scp_client_argv(&cl, NULL, "", "-oProxyCommand=x", NULL, "c", argv, 32) < 0);
	CHECK(scp_client_argv(&cl, NULL, "-x", "h", NULL, "c", argv, 32) < 0);
	CHECK(scp_client_argv(&cl, NULL, "", "h", NULL, "c", argv, 8) < 0);
}

TEST(progress_line)
{
	char out[200];

	scp_progress_format(out, sizeof(out), 60, "a-rather-long-file-name-that-will-not-fit.bin",
	                    50 * 1024 * 1024, 100 * 1024 * 1024, 5000000000LL, 0);
	CHECK(strlen(out) == 59);
	CHECK(strstr(out, " 50%") && strstr(out, "50.0MB") && strstr(out, "10.0MB/s"));
	CHECK(strstr(out, "00:05 ETA") && strncmp(out, "a-rather", 8) == 0);
	scp_progress_format(out, sizeof(out), 80, "f", 2048, 2048, 2000000000LL, 1);
	CHECK(strlen(out) == 79 && strstr(out, "100%") && strstr(out, "2.0KB") &&
	      strstr(out, "00:02"));
	scp_progress_format(out, sizeof(out), 80, "f", 0, 0, 0, 0);
	CHECK(strstr(out, "100%") && strstr(out, "--:--"));
	scp_progress_format(out, 20, 500, "f", 1, 2, 1, 0);
	CHECK(strlen(out) < 20);
}

/* ---- The sink on a recorded stream ----------------------------------- */

static char tmpdir[] = "/tmp/test-scp-XXXXXX";

/* Runs the sink over stream into tmpdir/t (a new directory); returns its
 * result and the error count in *errors. */
static int run_sink(const char *stream, size_t n, int recursive, int preserve,
                    const char *requested, int *errors)
{
	char path[256], target[256], rm[300];
	struct scp_io *io = malloc(sizeof(*io));
	int in, out, r;

	snprintf(path, sizeof(path), "%s/stream", tmpdir);
	snprintf(target, sizeof(target), "%s/t", tmpdir);
	in = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	out = open("/dev/null", O_WRONLY);
	if (!io || in < 0 || out < 0 || write(in, stream, n) != (ssize_t)n)
		return -9;
	lseek(in, 0, SEEK_SET);
	snprintf(rm, sizeof(rm), "rm -rf '%s'", target);
	(void)system(rm);
	mkdir(target, 0700);
	scp_io_init(io, in, out);
	io->remote = 1;
	io->recursive = recursive;
	io->preserve = preserve;
	io->requested = requested;
	r = scp_sink_target(io, target, 1);
	*errors = io->errors;
	close(in);
	close(out);
	free(io);
	return r;
}

static int has(const char *rel, const char *content, unsigned mode)
{
	char path[256], buf[64] = {0};
	struct stat st;
	int fd;

	snprintf(path, sizeof(path), "%s/t/%s", tmpdir, rel);
	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0)
		return 0;
	if (read(fd, buf, sizeof(buf) - 1) < 0)
		buf[0] = 0;
	close(fd);
	return strcmp(buf, content) == 0 && (mode == 0 || (st.st_mode & 07777) == mode);
}

#define SINK(s, rec, p, req, e) run_sink(s, sizeof(s) - 1, rec, p, req, e)

TEST(sink_stream)
{
	struct stat st;
	char path[256];
	int e;

	CHECK(mkdtemp(tmpdir) != NULL);
	CHECK(SINK("C0640 5 good\nhello\0", 0, 1, "x/good", &e) == 0 && e == 0);
	CHECK(has("good", "hello", 0640));
	CHECK(SINK("T1000000000 0 1000000001 0\nC0600 2 f\nhi\0", 0, 1, NULL, &e) == 0 && e == 0);
	snprintf(path, sizeof(path), "%s/t/f", tmpdir);
	CHECK(stat(path, &st) == 0 && st.st_mtime == 1000000000 && st.st_atime == 1000000001);
	CHECK(SINK("T1000000000 0 1000000000 0\nD0750 0 d\nC0644 1 a\nA\0E\n", 1, 1, "d", &e) == 0);
	CHECK(e == 0 && has("d/a", "A", 0644));
	snprintf(path, sizeof(path), "%s/t/d", tmpdir);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0750 && st.st_mtime == 1000000000);
	/* a warning from the source: counted, the transfer goes on */
	CHECK(SINK("\1scp: x: No such file\nC0644 1 b\nB\0", 0, 0, NULL, &e) == 0 && e == 1);
	CHECK(has("b", "B", 0));
	/* refused */
	CHECK(SINK("C0644 5 ../evil\nhello\0", 0, 0, NULL, &e) < 0);
	CHECK(SINK("C0644 5 other\nhello\0", 0, 0, "dir/good", &e) < 0 &&
	      !has("other", "hello", 0));
	CHECK(SINK("D0755 0 d\nE\n", 0, 0, NULL, &e) < 0);
	CHECK(SINK("C0644 10 short\nhello", 0, 0, NULL, &e) < 0);
	CHECK(SINK("E\n", 1, 0, NULL, &e) < 0);
	CHECK(SINK("D0755 0 d\nC0644 1 a\nA\0", 1, 0, NULL, &e) < 0);
	CHECK(SINK("\2scp: fatal\n", 0, 0, NULL, &e) < 0);
	CHECK(SINK("X\n", 0, 0, NULL, &e) < 0);
	snprintf(path, sizeof(path), "rm -rf %s", tmpdir);
	(void)system(path);
}

/* ---- shrewd's rewrite -------------------------------------------------- */

TEST(server_rewrite)
{
	char cmd[128];

#if SHREW_SVR_OWN_SCP
	strcpy(cmd, "scp -t -- '/x y'");
	CHECK(svr_scp_rewrite_with(cmd, sizeof(cmd), "/usr/sbin/shrewmulti") == 1);
	CHECK(strcmp(cmd, "'/usr/sbin/shrewmulti' scp -t -- '/x y'") == 0);
	strcpy(cmd, "scp");
	CHECK(svr_scp_rewrite_with(cmd, sizeof(cmd), "/o'x/multi") == 1);
	CHECK(strcmp(cmd, "'/o'\\''x/multi' scp") == 0);
	strcpy(cmd, "scp\t-f a");
	CHECK(svr_scp_rewrite_with(cmd, sizeof(cmd), "/m") == 1 &&
	      strcmp(cmd, "'/m' scp\t-f a") == 0);
#endif
	strcpy(cmd, "scpx -t a");
	CHECK(svr_scp_rewrite_with(cmd, sizeof(cmd), "/m") == 0 && strcmp(cmd, "scpx -t a") == 0);
	strcpy(cmd, "/usr/bin/scp -t a");
	CHECK(svr_scp_rewrite_with(cmd, sizeof(cmd), "/m") == 0);
	strcpy(cmd, " scp -t a");
	CHECK(svr_scp_rewrite_with(cmd, sizeof(cmd), "/m") == 0);
	strcpy(cmd, "scp -t a");
	CHECK(svr_scp_rewrite_with(cmd, sizeof(cmd), NULL) == 0);
	CHECK(svr_scp_rewrite_with(cmd, sizeof(cmd), "multi") == 0);
	CHECK(svr_scp_rewrite_with(cmd, sizeof(cmd), "/usr/sbin/shrewd") == 0);
	CHECK(svr_scp_rewrite_with(cmd, sizeof(cmd), "/usr/sbin/dropbear") == 0);
	CHECK(svr_scp_rewrite_with(cmd, 13, "/m") == 0 && strcmp(cmd, "scp -t a") == 0);
#if SHREW_SVR_OWN_SCP
	CHECK(svr_scp_rewrite_with(cmd, 14, "/m") == 1 && strcmp(cmd, "'/m' scp -t a") == 0);
#endif
	strcpy(cmd, "scp -t a");
	svr_scp_rewrite(cmd, sizeof(cmd), "forced");
	CHECK(strcmp(cmd, "scp -t a") == 0);
}

int main(void)
{
	RUN(ctl_valid);
	RUN(ctl_invalid);
	RUN(ctl_long_lines);
	RUN(ctl_every_byte);
	RUN(names);
	RUN(sanitize);
	RUN(name_matches_request);
	RUN(specs);
	RUN(quote);
	RUN(client_argv);
	RUN(progress_line);
	RUN(sink_stream);
	RUN(server_rewrite);
	return unit_done();
}

#else /* !SHREW_SCP */

int main(void)
{
	puts("SKIP test-scp-proto: SHREW_SCP is off");
	return 0;
}

#endif
